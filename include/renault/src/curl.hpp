// The separately compiled library, part 3: the libcurl backend (http/curl_backend.hpp). Needs
// libcurl: compile it in one translation unit of a program that uses curl_backend, and link
// libcurl. The CMake target renault::compiled compiles it when CMake finds libcurl.
#pragma once

#include <renault/detail/config.hpp>

#if RENAULT_HEADER_ONLY
#error "<renault/src/curl.hpp> is for the separately compiled mode: define RENAULT_SEPARATE_COMPILATION everywhere"
#endif

#include <renault/http/curl_backend.hpp>

#ifdef RENAULT_HAS_CURL_BACKEND
#include <renault/http/impl/curl_backend.ipp>
#endif
