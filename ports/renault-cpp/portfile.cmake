# vcpkg overlay port of renault-cpp (docs/install.md, "vcpkg"):
#     vcpkg install renault-cpp[beast,compiled] --overlay-ports=<repository>/ports
# It builds the working tree this file is in (two folders up). For a registry, replace SOURCE_PATH
# by vcpkg_from_git(OUT_SOURCE_PATH SOURCE_PATH URL <repository URL> REF <commit>).
#
# The build runs the project's code generator: the host needs python3 with jinja2 and yaml
# (Debian: python3-jinja2 python3-yaml).
#
# tests/packaging/vcpkg_replay.cmake runs this file with stand-ins for the vcpkg functions (the
# options below are what it configures the project with), so keep to the functions it knows:
# vcpkg_check_features, vcpkg_cmake_configure, vcpkg_cmake_install, vcpkg_cmake_config_fixup,
# vcpkg_fixup_pkgconfig, vcpkg_install_copyright, file(INSTALL | REMOVE_RECURSE | GLOB).
get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

if(NOT "compiled" IN_LIST FEATURES)
    set(VCPKG_BUILD_TYPE release) # headers only: nothing differs between debug and release
endif()

vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
    FEATURES
        compiled RENAULT_BUILD_COMPILED
        beast    CMAKE_REQUIRE_FIND_PACKAGE_OpenSSL
        curl     CMAKE_REQUIRE_FIND_PACKAGE_CURL
    INVERTED_FEATURES
        beast    CMAKE_DISABLE_FIND_PACKAGE_OpenSSL
        curl     CMAKE_DISABLE_FIND_PACKAGE_CURL
)

vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        -DRENAULT_BUILD_APPS=OFF
        -DRENAULT_BUILD_TESTS=OFF
        -DRENAULT_BUILD_BENCH=OFF
        -DRENAULT_BUILD_EXAMPLES=OFF
        -DRENAULT_INSTALL=ON
        ${FEATURE_OPTIONS}
)
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(PACKAGE_NAME renault CONFIG_PATH lib/cmake/renault)
vcpkg_fixup_pkgconfig()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug/include" "${CURRENT_PACKAGES_DIR}/debug/share"
                    "${CURRENT_PACKAGES_DIR}/share/doc")
if(NOT "compiled" IN_LIST FEATURES)
    file(GLOB renault_lib_left "${CURRENT_PACKAGES_DIR}/lib/*")
    if(NOT renault_lib_left)
        file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/lib")
    endif()
endif()

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
