// The separately compiled library, part 2: the Boost.Beast + OpenSSL backend and the clients on
// it. Needs OpenSSL; <renault/src.hpp> includes it unless RENAULT_NO_BEAST_BACKEND is defined.
#pragma once

#include <renault/src/instantiate.hpp>

#include <renault/client.hpp>
#include <renault/http/beast_backend.hpp>

#include <renault/http/impl/beast_backend.ipp>

RENAULT_INSTANTIATE_CLIENTS_OF(http::beast_backend)
