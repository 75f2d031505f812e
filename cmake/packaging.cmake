# A Debian package of the tools (the "runtime" install component: renault-api, renault-mock with
# its fixtures and scenarios), built with CPack in the build tree:
#     cpack --config build/dev/CPackConfig.cmake -G DEB      # -> renault-cpp-tools_<version>_<arch>.deb
# The library itself (headers, renault::compiled, CMake files) is the "development" component and
# is not in it: docs/install.md says how to install the library.
# Depends is computed by dpkg-shlibdeps (Debian package dpkg-dev) from the shared libraries the
# stripped binaries link.

# The licence, where Debian keeps it: /usr/share/doc/<package>/copyright.
set(RENAULT_DEB_PACKAGE_NAME renault-cpp-tools)
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${RENAULT_DEB_PACKAGE_NAME}"
    RENAME copyright COMPONENT runtime)

set(CPACK_PACKAGE_NAME "${RENAULT_DEB_PACKAGE_NAME}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "renault-cpp")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "MyRenault API command-line client, MQTT bridge and mock server")
# The long description, wrapped for Debian (lines under 80 columns).
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "renault-api reads and controls Renault vehicles through the MyRenault API\n"
    "(Gigya login and Kamereon): status, charge and air-conditioning commands,\n"
    "schedules, history, and offline decoding of saved responses.\n"
    "renault-bridge publishes the cars on MQTT with Home Assistant discovery,\n"
    "polling within the account's request quota, and takes commands.\n"
    "renault-mock is a local server that answers like the Gigya and Kamereon\n"
    "servers, from scenario files and the saved responses installed in\n"
    "/usr/share/renault-mock, for tests and offline development.")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME "${RENAULT_DEB_PACKAGE_NAME}")
# Description: CPack writes the summary line, then this (indented).
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_DEBIAN_RUNTIME_FILE_NAME DEB-DEFAULT) # <name>_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
if(NOT CPACK_DEBIAN_PACKAGE_MAINTAINER) # -DCPACK_DEBIAN_PACKAGE_MAINTAINER="Name <mail>" to set it
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "renault-cpp maintainers <renault-cpp@example.org>")
endif()
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
