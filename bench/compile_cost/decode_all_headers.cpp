// A user's translation unit that includes every model, table and helper (renault.hpp) and decodes
// one model: decode_one.cpp with the umbrella header.
#include <renault/renault.hpp>

#include "decode_one.cpp"
