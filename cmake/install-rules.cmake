# Install rules and the package config (find_package(renault)).
#
# Targets, each in its own export set so that a consumer only meets the ones whose dependencies
# are found: renault::renault (the headers; always), renault::beast (the Boost.Beast HTTPS backend;
# when OpenSSL was found), renault::curl (the libcurl backend; when libcurl was found),
# renault::compiled (the separately compiled static library). renaultConfig.cmake finds what each
# one needs and loads its targets only then.
#
# Install components: "development" (headers, the static library, CMake package files, pkg-config
# files) and "runtime" (renault-api, renault-mock with its fixtures and scenarios; apps/). E.g.
#     cmake --install build --component development --prefix /opt/renault
#     cmake --install build --strip --prefix /usr/local
# The build tree is usable too: find_package(renault PATHS <build dir>) (export() below).
include(CMakePackageConfigHelpers)

set(RENAULT_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/renault")

# name: export set; variable set to ON when the set exists (for the package config)
set(renault_export_sets renaultTargets)
set(RENAULT_EXPORTS_BEAST OFF)
set(RENAULT_EXPORTS_CURL OFF)
set(RENAULT_EXPORTS_COMPILED OFF)
set(RENAULT_COMPILED_NEEDS_OPENSSL OFF)
set(RENAULT_COMPILED_NEEDS_CURL OFF)
if(TARGET renault_beast)
    set_target_properties(renault_beast PROPERTIES EXPORT_NAME beast)
    set(RENAULT_EXPORTS_BEAST ON)
endif()
if(TARGET renault_curl)
    set_target_properties(renault_curl PROPERTIES EXPORT_NAME curl)
    set(RENAULT_EXPORTS_CURL ON)
endif()
if(TARGET renault_compiled)
    set(RENAULT_EXPORTS_COMPILED ON)
    if(OpenSSL_FOUND)
        set(RENAULT_COMPILED_NEEDS_OPENSSL ON)
    endif()
    if(CURL_FOUND)
        set(RENAULT_COMPILED_NEEDS_CURL ON)
    endif()
endif()

configure_package_config_file(
    "${PROJECT_SOURCE_DIR}/cmake/renaultConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/renaultConfig.cmake"
    INSTALL_DESTINATION "${RENAULT_INSTALL_CMAKEDIR}")
write_basic_package_version_file(
    "${PROJECT_BINARY_DIR}/renaultConfigVersion.cmake"
    COMPATIBILITY SameMinorVersion
    ARCH_INDEPENDENT) # the headers do not depend on the architecture; renault::compiled is checked by the linker

# The build tree as a package: export() writes the same target files, pointing at the build tree.
export(TARGETS renault NAMESPACE renault:: FILE "${PROJECT_BINARY_DIR}/renaultTargets.cmake")
foreach(part IN ITEMS beast curl compiled)
    if(TARGET renault_${part})
        export(TARGETS renault_${part} NAMESPACE renault:: FILE "${PROJECT_BINARY_DIR}/renault-${part}Targets.cmake")
    endif()
endforeach()

if(NOT RENAULT_INSTALL)
    return()
endif()

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/renault" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
    COMPONENT development)
install(DIRECTORY "${RENAULT_GENERATED_INCLUDE_DIR}/renault" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
    COMPONENT development)
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DOCDIR}" COMPONENT development)

install(TARGETS renault EXPORT renaultTargets COMPONENT development)
install(EXPORT renaultTargets NAMESPACE renault:: DESTINATION "${RENAULT_INSTALL_CMAKEDIR}"
    COMPONENT development)
foreach(part IN ITEMS beast curl compiled)
    if(TARGET renault_${part})
        install(TARGETS renault_${part} EXPORT renault-${part}Targets
            ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT development)
        install(EXPORT renault-${part}Targets NAMESPACE renault:: DESTINATION "${RENAULT_INSTALL_CMAKEDIR}"
            COMPONENT development)
    endif()
endforeach()

install(FILES
    "${PROJECT_BINARY_DIR}/renaultConfig.cmake"
    "${PROJECT_BINARY_DIR}/renaultConfigVersion.cmake"
    DESTINATION "${RENAULT_INSTALL_CMAKEDIR}"
    COMPONENT development)
