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

# pkg-config files (cmake/pkgconfig/): renault (headers), renault-beast, renault-curl and
# renault-compiled, for the targets this build has. The prefix is found from the file's own place
# (${pcfiledir}), so that `cmake --install --prefix` and a moved tree keep working. Debian's Boost
# ships no .pc file: Boost's flags are written out as this build found them.
function(renault_pc_flags out prefix implicit)
    set(flags "")
    foreach(dir IN LISTS ARGN)
        if(NOT dir IN_LIST implicit)
            string(APPEND flags " ${prefix}${dir}")
        endif()
    endforeach()
    set(${out} "${flags}" PARENT_SCOPE)
endfunction()

set(renault_pc_dir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
    set(RENAULT_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
    set(RENAULT_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
else()
    file(RELATIVE_PATH renault_pc_up "/prefix/${renault_pc_dir}" "/prefix") # ../.. or ../../.. (multiarch)
    set(RENAULT_PC_PREFIX "\${pcfiledir}/${renault_pc_up}")
    set(RENAULT_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
    set(RENAULT_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
    set(RENAULT_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
string(REGEX REPLACE "/$" "" RENAULT_PC_PREFIX "${RENAULT_PC_PREFIX}")

get_target_property(renault_pc_boost_includes Boost::headers INTERFACE_INCLUDE_DIRECTORIES)
renault_pc_flags(RENAULT_PC_BOOST_CFLAGS -I "${CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES}" ${renault_pc_boost_includes})
get_target_property(renault_pc_boost_json Boost::json LOCATION)
get_filename_component(renault_pc_boost_libdir "${renault_pc_boost_json}" DIRECTORY)
renault_pc_flags(RENAULT_PC_BOOST_LIBS -L "${CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES}" ${renault_pc_boost_libdir})
string(STRIP "${RENAULT_PC_BOOST_LIBS} -lboost_json" RENAULT_PC_BOOST_LIBS)

set(RENAULT_PC_COMPILED_REQUIRES "")
set(RENAULT_PC_COMPILED_CFLAGS "")
if(RENAULT_COMPILED_NEEDS_OPENSSL)
    string(APPEND RENAULT_PC_COMPILED_REQUIRES ", openssl")
else()
    string(APPEND RENAULT_PC_COMPILED_CFLAGS " -DRENAULT_NO_BEAST_BACKEND")
endif()
if(RENAULT_COMPILED_NEEDS_CURL)
    string(APPEND RENAULT_PC_COMPILED_REQUIRES ", libcurl")
endif()

set(renault_pc_files renault)
foreach(part IN ITEMS beast curl compiled)
    if(TARGET renault_${part})
        list(APPEND renault_pc_files renault-${part})
    endif()
endforeach()
foreach(name IN LISTS renault_pc_files)
    configure_file("${PROJECT_SOURCE_DIR}/cmake/pkgconfig/${name}.pc.in" "${PROJECT_BINARY_DIR}/pkgconfig/${name}.pc" @ONLY)
    install(FILES "${PROJECT_BINARY_DIR}/pkgconfig/${name}.pc" DESTINATION "${renault_pc_dir}" COMPONENT development)
endforeach()
