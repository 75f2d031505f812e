// renault::http::curl_backend: a synchronous HttpBackend on libcurl's easy interface — a second
// implementation of the concept, not shaped after Beast. Available when <curl/curl.h> is (Debian:
// libcurl4-openssl-dev); link renault::curl, or renault::compiled in the separately compiled mode
// (<renault/src/curl.hpp> holds its definitions). For asynchronous use, wrap it in an any_backend
// with an executor (any_backend.hpp): its async_send then runs `send` on a small thread pool.
#pragma once

#if __has_include(<curl/curl.h>)

#include <renault/detail/config.hpp>
#include <renault/http/backend.hpp>
#include <renault/http/message.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#define RENAULT_HAS_CURL_BACKEND 1

namespace renault::http {

/// What a curl_backend does and how long it waits.
struct curl_options {
    /// A PEM file of trusted CA certificates; empty: libcurl's default trust store.
    std::string ca_file{};
    /// Verify the server's certificate chain and host name (turn off only for tests).
    bool verify_peer = true;
    /// Allow http:// URLs. Otherwise they fail with url_refused.
    bool allow_plain_http = false;
    /// Resolve, connect, proxy CONNECT and TLS handshake together.
    std::chrono::milliseconds connect_timeout{std::chrono::seconds{10}};
    /// The whole request. (libcurl has no per-read timeout: a slow answer is bounded by this.)
    std::chrono::milliseconds overall_timeout{std::chrono::seconds{60}};
    /// The largest body accepted; more is errc::response_too_large.
    std::size_t max_response_size = std::size_t{8} * 1024 * 1024;
    /// An HTTP proxy for https:// URLs ("http://host:port"), reached with CONNECT. libcurl's own
    /// reading of proxy variables from the environment is turned off
    /// (`https_proxy = https_proxy_from_environment()` reads them the library's way).
    std::optional<std::string> https_proxy{};
    /// Hosts reached directly although `https_proxy` is set, with the rules of
    /// beast_options::no_proxy (`no_proxy_from_environment()` reads NO_PROXY).
    std::vector<std::string> no_proxy{};
    /// Sent as User-Agent when the request has none; empty: no User-Agent.
    std::string user_agent{};
};

namespace detail {
struct state; // impl/curl_backend.ipp
} // namespace detail

/// A synchronous backend on libcurl: HTTP/1.1, TLS 1.2 or later with libcurl's trust store or
/// `ca_file`, http:// only when allowed, a connect and an overall timeout, a maximum body size, an
/// HTTPS proxy through CONNECT, the same error codes as beast_backend (timeout, tls_error,
/// response_too_large, transport_error, url_refused, invalid_argument for a header with CR/LF). Any HTTP status
/// is a response; redirects are not followed; libcurl's default Accept header and POST
/// Content-Type are not sent (only the request's own headers, with Host, Content-Length and the
/// User-Agent of the options). Connections are kept alive by pooled easy handles.
///
/// `send` may be called from several threads at once. Copies share the options and the handles.
class curl_backend {
public:
    /// @throws renault::error: errc::tls_error when `ca_file` cannot be read,
    /// errc::transport_error when libcurl cannot be initialised.
    explicit curl_backend(curl_options options = {});

    const curl_options& options() const noexcept;

    /// Sends `req` and waits for the response. Never throws.
    response send(const request& req, boost::system::error_code& ec) noexcept;

private:
    response perform(const request& req, boost::system::error_code& ec);

    std::shared_ptr<detail::state> state_;
};

static_assert(HttpBackend<curl_backend>);

} // namespace renault::http

#if RENAULT_HEADER_ONLY
#include <renault/http/impl/curl_backend.ipp>
#endif

#endif // __has_include(<curl/curl.h>)
