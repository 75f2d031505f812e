# packaging.vcpkg_replay: runs ports/renault-cpp/portfile.cmake as vcpkg would, with stand-ins for
# the vcpkg functions it calls, since vcpkg itself is not available here. The stand-ins configure,
# build and install the project with the options the port gives for FEATURES (release only, into
# WORK_DIR/packages as vcpkg's CURRENT_PACKAGES_DIR), move the CMake package files as
# vcpkg_cmake_config_fixup does, then a consumer finds the result with find_package(renault CONFIG
# REQUIRED) and links each target that the port's `usage` names and the features provide.
#
#   cmake -DSOURCE_DIR=<repo> -DWORK_DIR=<tmp> -DGENERATOR=Ninja -DFEATURES=core,beast
#         -DPROJECT_VERSION=0.1.0 -P vcpkg_replay.cmake
cmake_minimum_required(VERSION 3.25)
foreach(var IN ITEMS SOURCE_DIR WORK_DIR GENERATOR FEATURES PROJECT_VERSION)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "vcpkg_replay.cmake needs -D${var}=...")
    endif()
endforeach()

string(REPLACE "," ";" FEATURES "${FEATURES}") # the features, comma-separated

set(PORT renault-cpp)
set(port_dir "${SOURCE_DIR}/ports/${PORT}")
file(REMOVE_RECURSE "${WORK_DIR}")
set(CURRENT_PACKAGES_DIR "${WORK_DIR}/packages")
set(CURRENT_BUILDTREES_DIR "${WORK_DIR}/buildtrees")

include("${CMAKE_CURRENT_LIST_DIR}/../support/run.cmake")

# --- the manifest: name, the project's version, licence, the features asked for --------------------
file(READ "${port_dir}/vcpkg.json" manifest)
string(JSON name GET "${manifest}" name)
string(JSON version GET "${manifest}" version)
string(JSON license GET "${manifest}" license)
if(NOT name STREQUAL PORT OR NOT license STREQUAL "BSL-1.0")
    message(FATAL_ERROR "vcpkg.json: name \"${name}\", license \"${license}\" (expected ${PORT}, BSL-1.0)")
endif()
if(NOT version STREQUAL PROJECT_VERSION)
    message(FATAL_ERROR "vcpkg.json: version ${version}, but the project (CMakeLists.txt) is ${PROJECT_VERSION}")
endif()
foreach(feature IN LISTS FEATURES)
    if(NOT feature STREQUAL "core")
        string(JSON description ERROR_VARIABLE missing GET "${manifest}" features ${feature} description)
        if(missing)
            message(FATAL_ERROR "vcpkg.json declares no feature \"${feature}\"")
        endif()
    endif()
endforeach()

# --- stand-ins for the vcpkg functions the port calls -----------------------------------------------
# vcpkg_check_features(OUT_FEATURE_OPTIONS <var> FEATURES <feature> <option>... INVERTED_FEATURES ...)
function(vcpkg_check_features)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "OUT_FEATURE_OPTIONS" "FEATURES;INVERTED_FEATURES")
    set(options "")
    foreach(kind IN ITEMS FEATURES INVERTED_FEATURES)
        set(pairs ${arg_${kind}})
        while(pairs)
            list(POP_FRONT pairs feature option)
            # (not a variable named "on": if(on) would test the constant ON)
            if(feature IN_LIST FEATURES)
                set(value ON)
            else()
                set(value OFF)
            endif()
            if(kind STREQUAL "INVERTED_FEATURES")
                if(value)
                    set(value OFF)
                else()
                    set(value ON)
                endif()
            endif()
            list(APPEND options "-D${option}=${value}")
        endwhile()
    endforeach()
    set(${arg_OUT_FEATURE_OPTIONS} "${options}" PARENT_SCOPE)
endfunction()

function(vcpkg_cmake_configure)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "SOURCE_PATH" "OPTIONS;OPTIONS_RELEASE;OPTIONS_DEBUG")
    list(JOIN arg_OPTIONS " " shown)
    message(STATUS "vcpkg_cmake_configure options: ${shown}")
    run("${CMAKE_COMMAND}" -S "${arg_SOURCE_PATH}" -B "${CURRENT_BUILDTREES_DIR}/rel" -G "${GENERATOR}"
        -DCMAKE_BUILD_TYPE=Release "-DCMAKE_INSTALL_PREFIX=${CURRENT_PACKAGES_DIR}"
        ${arg_OPTIONS} ${arg_OPTIONS_RELEASE})
endfunction()

function(vcpkg_cmake_install)
    run("${CMAKE_COMMAND}" --build "${CURRENT_BUILDTREES_DIR}/rel" --target install)
endfunction()

# Moves <CONFIG_PATH> to share/<PACKAGE_NAME> and makes the files find the prefix from there, as
# vcpkg_cmake_config_fixup does.
function(vcpkg_cmake_config_fixup)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "PACKAGE_NAME;CONFIG_PATH" "")
    set(from "${CURRENT_PACKAGES_DIR}/${arg_CONFIG_PATH}")
    set(to "${CURRENT_PACKAGES_DIR}/share/${arg_PACKAGE_NAME}")
    if(NOT EXISTS "${from}/${arg_PACKAGE_NAME}Config.cmake")
        message(FATAL_ERROR "vcpkg_cmake_config_fixup: no ${arg_CONFIG_PATH}/${arg_PACKAGE_NAME}Config.cmake installed")
    endif()
    file(GLOB files "${from}/*.cmake")
    file(MAKE_DIRECTORY "${to}")
    foreach(file IN LISTS files)
        get_filename_component(base "${file}" NAME)
        file(READ "${file}" text)
        # lib/cmake/renault -> share/renault: the prefix is one folder less up.
        string(REPLACE "\${CMAKE_CURRENT_LIST_DIR}/../../../" "\${CMAKE_CURRENT_LIST_DIR}/../../" text "${text}")
        string(REPLACE "get_filename_component(_IMPORT_PREFIX \"\${_IMPORT_PREFIX}\" PATH)\n" "" text "${text}")
        string(REPLACE "get_filename_component(_IMPORT_PREFIX \"\${CMAKE_CURRENT_LIST_FILE}\" PATH)\n"
                       "get_filename_component(_IMPORT_PREFIX \"\${CMAKE_CURRENT_LIST_FILE}\" PATH)\nget_filename_component(_IMPORT_PREFIX \"\${_IMPORT_PREFIX}\" PATH)\nget_filename_component(_IMPORT_PREFIX \"\${_IMPORT_PREFIX}\" PATH)\n"
                       text "${text}")
        file(WRITE "${to}/${base}" "${text}")
    endforeach()
    file(REMOVE_RECURSE "${from}")
    file(GLOB left "${CURRENT_PACKAGES_DIR}/lib/cmake/*")
    if(NOT left)
        file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/lib/cmake")
    endif()
endfunction()

function(vcpkg_fixup_pkgconfig)
    # Rewrites prefix= in the .pc files for vcpkg's layout; nothing to replay for a CMake consumer.
endfunction()

function(vcpkg_install_copyright)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "" "FILE_LIST")
    file(READ "${arg_FILE_LIST}" text)
    file(WRITE "${CURRENT_PACKAGES_DIR}/share/${PORT}/copyright" "${text}")
endfunction()

foreach(f IN ITEMS vcpkg_from_git vcpkg_from_github vcpkg_find_acquire_program vcpkg_copy_tools)
    cmake_language(EVAL CODE "function(${f})\nmessage(FATAL_ERROR \"vcpkg_replay.cmake has no stand-in for ${f}: add one\")\nendfunction()")
endforeach()

# --- the port ---------------------------------------------------------------------------------------
include("${port_dir}/portfile.cmake")

foreach(file IN ITEMS share/${PORT}/copyright share/${PORT}/usage share/renault/renaultConfig.cmake
                      share/renault/renaultConfigVersion.cmake include/renault/version.hpp
                      include/renault/generated/model.hpp)
    if(NOT EXISTS "${CURRENT_PACKAGES_DIR}/${file}")
        message(FATAL_ERROR "the port did not install ${file}")
    endif()
endforeach()
if(EXISTS "${CURRENT_PACKAGES_DIR}/lib/cmake")
    message(FATAL_ERROR "lib/cmake is left after vcpkg_cmake_config_fixup")
endif()

# --- a consumer of the installed package, linking each target named in `usage` -------------------
file(STRINGS "${CURRENT_PACKAGES_DIR}/share/${PORT}/usage" usage_lines REGEX "target_link_libraries")
set(usage_targets "")
foreach(line IN LISTS usage_lines)
    string(REGEX MATCHALL "renault::[a-z_]+" targets "${line}")
    list(APPEND usage_targets ${targets})
endforeach()
list(REMOVE_DUPLICATES usage_targets)
set(expected_targets renault::renault)
foreach(feature IN ITEMS beast curl compiled)
    if(feature IN_LIST FEATURES)
        list(APPEND expected_targets renault::${feature})
    endif()
endforeach()
foreach(target IN LISTS expected_targets)
    if(NOT target IN_LIST usage_targets)
        message(FATAL_ERROR "the port's usage does not name ${target}")
    endif()
endforeach()
message(STATUS "usage names: ${usage_targets}; the features provide: ${expected_targets}")

list(JOIN usage_targets "," usage_arg)
list(JOIN expected_targets "," expected_arg)
run("${CMAKE_COMMAND}" -S "${CMAKE_CURRENT_LIST_DIR}/vcpkg_consumer" -B "${WORK_DIR}/consumer" -G "${GENERATOR}"
    -DCMAKE_BUILD_TYPE=Release "-DCMAKE_PREFIX_PATH=${CURRENT_PACKAGES_DIR}"
    "-DUSAGE_TARGETS=${usage_arg}" "-DEXPECTED_TARGETS=${expected_arg}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/consumer")
foreach(target IN LISTS expected_targets)
    string(REPLACE "::" "_" exe "${target}")
    execute_process(COMMAND "${WORK_DIR}/consumer/${exe}" RESULT_VARIABLE result OUTPUT_VARIABLE out)
    message(STATUS "${exe}: ${out}")
    if(NOT result EQUAL 0 OR NOT out MATCHES "renault ${PROJECT_VERSION}: battery 60 %, plugged")
        message(FATAL_ERROR "${exe} failed (${result})")
    endif()
endforeach()
message(STATUS "vcpkg_replay: features ${FEATURES}: installed, found and used: ${expected_targets}")
