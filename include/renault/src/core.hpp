// The separately compiled library, part 1: the models' decoders, the protocol, the session, the
// client cores and the clients on any_backend. <renault/src.hpp> includes every part; the CMake
// target renault::compiled compiles each part in its own translation unit.
#pragma once

#include <renault/detail/config.hpp>

#if RENAULT_HEADER_ONLY
#error "<renault/src.hpp> is for the separately compiled mode: define RENAULT_SEPARATE_COMPILATION everywhere"
#endif

#include <renault/client.hpp>
#include <renault/http/any_backend.hpp>
#include <renault/log_sinks.hpp>
#include <renault/session/file_credential_store.hpp>

#include <renault/client/impl/options.ipp>
#include <renault/detail/impl/file_ops.ipp>
#include <renault/http/impl/proxy.ipp>
#include <renault/http/impl/url.ipp>
#include <renault/impl/json_text.ipp>
#include <renault/impl/log.ipp>
#include <renault/impl/log_sinks.ipp>
#include <renault/protocol/impl/request.ipp>
#include <renault/protocol/impl/response.ipp>
#include <renault/session/impl/credential_store.ipp>
#include <renault/session/impl/file_credential_store.ipp>
#include <renault/session/impl/jwt.ipp>

#include <renault/client/impl/account_core.ipp>
#include <renault/client/impl/client_core.ipp>
#include <renault/client/impl/session.ipp>
#include <renault/client/impl/vehicle_core.ipp>
#include <renault/model/impl/decode.ipp>

namespace renault {

namespace detail {
template void decode_into<void>(const sink*, void*, std::string_view, boost::system::error_code&,
                                const decode_options&, std::vector<diagnostic>&);
} // namespace detail

template class basic_client<http::any_backend>;
template class client_operations<basic_client<http::any_backend>>;
template class basic_account<http::any_backend>;
template class account_operations<basic_account<http::any_backend>>;
template class basic_vehicle<http::any_backend>;
template class vehicle_operations<basic_vehicle<http::any_backend>>;

} // namespace renault
