// Proxy settings shared by the HTTP backends: the HTTPS proxy and the NO_PROXY list from the
// environment, and which hosts bypass the proxy. Cheap: no Asio, no libcurl.
#pragma once

#include <renault/detail/config.hpp>
#include <renault/http/message.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renault::http {

/// The HTTPS proxy named by the environment: `https_proxy`, else `HTTPS_PROXY`; nullopt when
/// neither is set or both are empty. Read each time it is called.
RENAULT_DECL std::optional<std::string> https_proxy_from_environment();

/// The entries of `no_proxy`, else `NO_PROXY` (comma-separated; spaces, a leading "." and a
/// ":port" dropped, brackets removed from IPv6 addresses); empty when neither is set.
RENAULT_DECL std::vector<std::string> no_proxy_from_environment();

/// Whether `host` (as in a URL, IPv6 without brackets) is reached without the proxy under the
/// `no_proxy` entries (see beast_options::no_proxy).
RENAULT_DECL bool bypasses_proxy(const std::vector<std::string>& no_proxy, std::string_view host);

} // namespace renault::http

#if RENAULT_HEADER_ONLY
#include <renault/http/impl/proxy.ipp>
#endif
