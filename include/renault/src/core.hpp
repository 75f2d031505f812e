// The separately compiled library, part 1: the protocol, the session, the client cores and the
// clients on any_backend. <renault/src.hpp> includes every part; the CMake
// target renault::compiled compiles each part in its own translation unit.
#pragma once

#include <renault/src/instantiate.hpp>

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
#include <renault/impl/endpoint_overrides.ipp>

template class renault::detail::basic_vehicle_core<void>;

RENAULT_INSTANTIATE_CLIENTS_OF(http::any_backend)
