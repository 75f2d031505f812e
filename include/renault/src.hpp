// The separately compiled library in one file. With RENAULT_SEPARATE_COMPILATION defined for the
// whole program, compile this header in exactly one translation unit:
//
//     // renault.cpp
//     #include <renault/src.hpp>
//
// It holds everything that is not a template on a type of yours: the models' decoders, the
// protocol, the session (login, two-factor, JWT, retries, quota), the credential stores, the
// logger, the HTTPS backend (unless RENAULT_NO_BEAST_BACKEND is defined: it needs OpenSSL) and
// basic_client / basic_account / basic_vehicle on any_backend and on beast_backend. The libcurl
// backend is apart, so that only its users link libcurl: compile <renault/src/curl.hpp> too for
// it. With CMake, link renault::compiled instead (docs/client.md, "Header-only or compiled").
#pragma once

#include <renault/src/models.hpp>
#include <renault/src/core.hpp>
#include <renault/src/poll.hpp>
#ifndef RENAULT_NO_BEAST_BACKEND
#include <renault/src/beast.hpp>
#endif
