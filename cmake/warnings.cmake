# Warnings for the project's own targets (not imposed on consumers of the INTERFACE target).
add_library(renault_warnings INTERFACE)
target_compile_options(renault_warnings INTERFACE -Wall -Wextra -pedantic -Wno-missing-field-initializers)

option(RENAULT_SANITIZE "Build tests and apps with AddressSanitizer and UBSan" OFF)
if(RENAULT_SANITIZE)
    set(renault_sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        # clang 14 cannot emit the prologue data of UBSan's `function` check in position-independent
        # code ("Cannot represent a difference across sections"): the library is built with -fPIC.
        list(APPEND renault_sanitize_flags -fno-sanitize=function)
    endif()
    target_compile_options(renault_warnings INTERFACE ${renault_sanitize_flags})
    target_link_options(renault_warnings INTERFACE -fsanitize=address,undefined)
    # The library's own translation units (src/*.cpp, most of the code the tests run) are
    # instrumented too; renault_warnings is not linked to renault_compiled, which is installed.
    # A program that links this instrumented library needs the sanitizers' run-time libraries.
    if(TARGET renault_compiled)
        target_compile_options(renault_compiled PRIVATE ${renault_sanitize_flags})
        target_link_options(renault_compiled INTERFACE -fsanitize=address,undefined)
    endif()
endif()
