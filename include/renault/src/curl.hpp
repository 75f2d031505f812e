// The separately compiled library, part 3: the libcurl backend (http/curl_backend.hpp). Needs
// libcurl: compile it in one translation unit of a program that uses curl_backend, and link
// libcurl. The CMake target renault::compiled compiles it when CMake finds libcurl.
#pragma once

#include <renault/src/instantiate.hpp>

#include <renault/http/curl_backend.hpp>

#ifdef RENAULT_HAS_CURL_BACKEND
#include <renault/http/impl/curl_backend.ipp>
#endif
