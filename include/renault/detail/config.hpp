// How the library is compiled: header-only (the default) or separately.
//
// Header-only: every header carries its definitions; nothing to link but Boost and, for the HTTPS
// backend, OpenSSL. Separate compilation: define RENAULT_SEPARATE_COMPILATION for every translation
// unit of the program (the CMake target renault::compiled does it), and compile <renault/src.hpp>
// in exactly one of them (or link renault::compiled, which is that translation unit). The headers
// then only declare what is not a template on a user type, and the models' decoders and encoders,
// the session, the backends and basic_client<any_backend> / <beast_backend> are compiled once.
#pragma once

#ifdef RENAULT_SEPARATE_COMPILATION
/// Declares a function whose definition is compiled once, in <renault/src.hpp>.
#define RENAULT_DECL
#define RENAULT_HEADER_ONLY 0
#else
/// Declares a function defined in the headers (inline).
#define RENAULT_DECL inline
#define RENAULT_HEADER_ONLY 1
#endif
