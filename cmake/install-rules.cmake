# cmake --install: hand-written and generated headers, the INTERFACE target, a package config.
include(CMakePackageConfigHelpers)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/renault" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${RENAULT_GENERATED_INCLUDE_DIR}/renault" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

install(TARGETS renault EXPORT renaultTargets)
install(EXPORT renaultTargets
    NAMESPACE renault::
    DESTINATION "${CMAKE_INSTALL_LIBDIR}/cmake/renault")

configure_package_config_file(
    "${PROJECT_SOURCE_DIR}/cmake/renaultConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/renaultConfig.cmake"
    INSTALL_DESTINATION "${CMAKE_INSTALL_LIBDIR}/cmake/renault")
write_basic_package_version_file(
    "${PROJECT_BINARY_DIR}/renaultConfigVersion.cmake"
    COMPATIBILITY SameMinorVersion
    ARCH_INDEPENDENT)
install(FILES
    "${PROJECT_BINARY_DIR}/renaultConfig.cmake"
    "${PROJECT_BINARY_DIR}/renaultConfigVersion.cmake"
    DESTINATION "${CMAKE_INSTALL_LIBDIR}/cmake/renault")
