# Warnings for the project's own targets (not imposed on consumers of the INTERFACE target).
add_library(renault_warnings INTERFACE)
target_compile_options(renault_warnings INTERFACE -Wall -Wextra -pedantic -Wno-missing-field-initializers)

option(RENAULT_SANITIZE "Build tests and apps with AddressSanitizer and UBSan" OFF)
if(RENAULT_SANITIZE)
    target_compile_options(renault_warnings INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined
                                                     -fno-omit-frame-pointer)
    target_link_options(renault_warnings INTERFACE -fsanitize=address,undefined)
endif()
