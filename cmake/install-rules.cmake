# cmake --install: hand-written and generated headers, the INTERFACE targets, a package config.
# Exported: renault::renault (always), renault::beast (when OpenSSL was found), renault::curl
# (when libcurl was found), renault::compiled (the separately compiled library, a static
# library); renaultConfig.cmake finds what each one needs.
include(CMakePackageConfigHelpers)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/renault" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${RENAULT_GENERATED_INCLUDE_DIR}/renault" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

set(renault_exported_targets renault)
set(RENAULT_EXPORTS_BEAST OFF)
set(RENAULT_EXPORTS_CURL OFF)
if(TARGET renault_beast)
    set_target_properties(renault_beast PROPERTIES EXPORT_NAME beast)
    list(APPEND renault_exported_targets renault_beast)
    set(RENAULT_EXPORTS_BEAST ON)
endif()
if(TARGET renault_curl)
    set_target_properties(renault_curl PROPERTIES EXPORT_NAME curl)
    list(APPEND renault_exported_targets renault_curl)
    set(RENAULT_EXPORTS_CURL ON)
endif()

set(RENAULT_EXPORTS_COMPILED OFF)
set(RENAULT_COMPILED_NEEDS_OPENSSL OFF)
set(RENAULT_COMPILED_NEEDS_CURL OFF)
if(TARGET renault_compiled)
    list(APPEND renault_exported_targets renault_compiled)
    set(RENAULT_EXPORTS_COMPILED ON)
    if(OpenSSL_FOUND)
        set(RENAULT_COMPILED_NEEDS_OPENSSL ON)
    endif()
    if(CURL_FOUND)
        set(RENAULT_COMPILED_NEEDS_CURL ON)
    endif()
endif()

install(TARGETS ${renault_exported_targets} EXPORT renaultTargets
    ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(EXPORT renaultTargets
    NAMESPACE renault::
    DESTINATION "${CMAKE_INSTALL_LIBDIR}/cmake/renault")

configure_package_config_file(
    "${PROJECT_SOURCE_DIR}/cmake/renaultConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/renaultConfig.cmake"
    INSTALL_DESTINATION "${CMAKE_INSTALL_LIBDIR}/cmake/renault")
write_basic_package_version_file(
    "${PROJECT_BINARY_DIR}/renaultConfigVersion.cmake"
    COMPATIBILITY SameMinorVersion)
install(FILES
    "${PROJECT_BINARY_DIR}/renaultConfig.cmake"
    "${PROJECT_BINARY_DIR}/renaultConfigVersion.cmake"
    DESTINATION "${CMAKE_INSTALL_LIBDIR}/cmake/renault")
