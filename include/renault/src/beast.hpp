// The separately compiled library, part 2: the Boost.Beast + OpenSSL backend and the clients on
// it. Needs OpenSSL; <renault/src.hpp> includes it unless RENAULT_NO_BEAST_BACKEND is defined.
#pragma once

#include <renault/detail/config.hpp>

#if RENAULT_HEADER_ONLY
#error "<renault/src.hpp> is for the separately compiled mode: define RENAULT_SEPARATE_COMPILATION everywhere"
#endif

#include <renault/client.hpp>
#include <renault/http/beast_backend.hpp>

#include <renault/http/impl/beast_backend.ipp>

namespace renault {

template class basic_client<http::beast_backend>;
template class client_operations<basic_client<http::beast_backend>>;
template class basic_account<http::beast_backend>;
template class account_operations<basic_account<http::beast_backend>>;
template class basic_vehicle<http::beast_backend>;
template class vehicle_operations<basic_vehicle<http::beast_backend>>;

} // namespace renault
