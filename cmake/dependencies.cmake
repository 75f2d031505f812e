# Finds what the build needs; each failure names the Debian package that provides it.
include(GNUInstallDirs)

function(renault_require_package found package what)
    if(NOT ${found})
        message(FATAL_ERROR
            "${what} was not found. On Debian 12: apt-get install ${package}\n"
            "(or run scripts/install-deps.sh, which installs everything the project needs)")
    endif()
endfunction()

# Boost 1.81 (Debian 12's default libboost-dev is 1.74, too old for Boost.JSON's parser API we use).
find_package(Boost 1.81 CONFIG QUIET COMPONENTS json)
renault_require_package(Boost_FOUND "libboost1.81-dev libboost-json1.81-dev" "Boost 1.81 with Boost.JSON")

# The generator runs on the system Python, which has Debian's Jinja2 and PyYAML.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
    set(Python3_EXECUTABLE /usr/bin/python3)
endif()
find_package(Python3 QUIET COMPONENTS Interpreter)
renault_require_package(Python3_Interpreter_FOUND python3 "Python 3")
execute_process(
    COMMAND "${Python3_EXECUTABLE}" -c "import jinja2, yaml"
    RESULT_VARIABLE renault_python_modules
    OUTPUT_QUIET ERROR_QUIET)
if(NOT renault_python_modules EQUAL 0)
    message(FATAL_ERROR
        "${Python3_EXECUTABLE} cannot import jinja2 and yaml, which the code generator needs.\n"
        "On Debian 12: apt-get install python3-jinja2 python3-yaml")
endif()

# OpenSSL for the Beast HTTPS backend and renault-mock's HTTPS listener; libcurl (optional) for
# the second backend that proves the HttpBackend concept is not shaped after Beast.
find_package(OpenSSL QUIET)
find_package(Threads REQUIRED)
find_package(CURL QUIET)

if(RENAULT_BUILD_APPS)
    renault_require_package(OpenSSL_FOUND libssl-dev "OpenSSL")
    find_package(CLI11 CONFIG QUIET)
    renault_require_package(CLI11_FOUND libcli11-dev "CLI11")
    find_package(fmt CONFIG QUIET)
    renault_require_package(fmt_FOUND libfmt-dev "{fmt}")
    # renault-bridge's MQTT client (apps/bridge).
    find_package(PkgConfig QUIET)
    if(PkgConfig_FOUND)
        pkg_check_modules(MOSQUITTO QUIET IMPORTED_TARGET libmosquitto)
    endif()
    renault_require_package(MOSQUITTO_FOUND libmosquitto-dev "libmosquitto")
endif()

if(RENAULT_BUILD_TESTS)
    find_package(Catch2 2 CONFIG QUIET)
    renault_require_package(Catch2_FOUND catch2 "Catch2 v2")
    list(APPEND CMAKE_MODULE_PATH "${Catch2_DIR}") # Catch.cmake: catch_discover_tests()
endif()

if(RENAULT_BUILD_BENCH)
    find_package(benchmark CONFIG QUIET)
    renault_require_package(benchmark_FOUND libbenchmark-dev "Google Benchmark")
endif()

# ccache for the project's own builds only: a consumer's build keeps its own launcher (or none).
if(PROJECT_IS_TOP_LEVEL AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    find_program(RENAULT_CCACHE ccache)
    if(RENAULT_CCACHE)
        set(CMAKE_CXX_COMPILER_LAUNCHER "${RENAULT_CCACHE}")
    endif()
endif()
