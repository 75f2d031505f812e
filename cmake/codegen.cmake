# Runs codegen/generate.py at build time. The outputs follow from the schema file names (one model
# header per schema file + the fixed table headers), so CMake knows them without running Python.
# Editing any schema file, template or the generator regenerates; generate.py leaves unchanged
# files untouched, so only what really changed recompiles.
function(renault_generate_headers)
    cmake_parse_arguments(ARG "" "SCHEMA_DIR;OUT_DIR;TARGET" "" ${ARGN})
    set(generator_dir "${PROJECT_SOURCE_DIR}/codegen")
    file(GLOB schema_files CONFIGURE_DEPENDS "${ARG_SCHEMA_DIR}/*.yaml")
    file(GLOB templates CONFIGURE_DEPENDS "${generator_dir}/templates/*.j2")
    if(NOT schema_files)
        message(FATAL_ERROR "no schema files in ${ARG_SCHEMA_DIR}")
    endif()
    set(outputs "")
    foreach(file IN LISTS schema_files)
        get_filename_component(name "${file}" NAME_WE)
        list(APPEND outputs "${ARG_OUT_DIR}/renault/generated/model/${name}.hpp")
    endforeach()
    foreach(name model endpoints vehicles errors errc_server endpoint_modes locales operations body_types)
        list(APPEND outputs "${ARG_OUT_DIR}/renault/generated/${name}.hpp")
    endforeach()
    set(stamp "${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}.stamp")
    add_custom_command(
        OUTPUT "${stamp}"
        BYPRODUCTS ${outputs}
        COMMAND "${Python3_EXECUTABLE}" "${generator_dir}/generate.py"
                --schema-dir "${ARG_SCHEMA_DIR}" --out-dir "${ARG_OUT_DIR}"
        COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
        DEPENDS ${schema_files} ${templates}
                "${generator_dir}/generate.py" "${generator_dir}/schema_loader.py"
        COMMENT "Generating C++ headers from ${ARG_SCHEMA_DIR}"
        VERBATIM)
    add_custom_target(${ARG_TARGET} ALL DEPENDS "${stamp}") # ALL: an install of the library alone has them
    set(${ARG_TARGET}_OUTPUTS ${outputs} PARENT_SCOPE)
endfunction()
