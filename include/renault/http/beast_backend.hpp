// renault::http::beast_backend: the default HTTPS backend, on Boost.Beast, Boost.Asio and OpenSSL
// (docs/concepts/http_backend.md). Link renault::beast (OpenSSL and Threads).
#pragma once

#include <renault/detail/config.hpp>
#include <renault/http/backend.hpp>
#include <renault/http/beast_options.hpp>
#include <renault/http/message.hpp>
#include <renault/http/proxy.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/bad_executor.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace renault::http {


namespace detail {
struct config;
struct engine;
struct sync_holder;
} // namespace detail


/// The default backend: HTTP/1.1 over TLS (OpenSSL) with Boost.Beast.
///
/// - TLS 1.2 or later, the system trust store or `ca_file`, SNI, host name verification (IP
///   literals are checked against the certificate's IP addresses). http:// only when
///   `allow_plain_http`.
/// - Keep-alive: idle connections are kept per scheme, host and port (at most
///   `max_idle_connections_per_host`) and reused; a request that finds none opens a new one, so
///   concurrent requests each get their own. "Connection: close", or a body delimited by the end
///   of the connection, retires the connection. When a reused connection turns out to be closed by
///   the server before any byte of the response arrived, the request is sent once more on a new
///   connection (never after part of a response, never after a timeout).
/// - Timeouts per step (resolve, connect, handshake, write, read) and an overall deadline →
///   errc::timeout; a body over `max_response_size` → errc::response_too_large; DNS, refused,
///   reset, malformed answers, a proxy refusing CONNECT → errc::transport_error; handshake and
///   certificate failures → errc::tls_error; an http:// URL without `allow_plain_http`, another
///   scheme or a relative URL → errc::url_refused (before any connection); a header with CR/LF or a URL with spaces → errc::invalid_argument.
///   Any HTTP status is a response, with every header field (repeated fields in their order) and
///   the body with any chunked encoding undone (no Accept-Encoding is sent unless the request has
///   one, and bodies are not decompressed). A TLS peer closing without close_notify after a
///   complete response (stream_truncated) is not an error.
/// - All I/O runs on a strand of the executor, so the executor may be a multi-threaded pool.
///
/// `async_send` completes on the handler's associated executor (by default `get_executor()`),
/// never inside the call. The synchronous `send` runs the same operation on a private
/// io_context and thread, started at its first use, with its own connection pool; it may be called
/// from any thread, several at once, including a thread running `get_executor()` (which it then
/// blocks until the answer arrives — do not do that in an application that has other work on it).
///
/// Copies share the configuration, the connection pools and the private thread. Keep the backend
/// (one copy) alive until every asynchronous operation has completed, and destroy it before the
/// executor's io_context.
class beast_backend {
public:
    using executor_type = boost::asio::any_io_executor;

    /// @throws renault::error: errc::tls_error when `ca_file` (or the system trust store) cannot
    /// be loaded, errc::invalid_argument when `https_proxy` is not an http://host:port URL.
    /// `ex` may be empty for a backend used only through `send`.
    explicit beast_backend(executor_type ex, beast_options options = {});

    executor_type get_executor() const noexcept { return ex_; }

    const beast_options& options() const noexcept;

    /// Sends `req` and waits for the response. Never throws.
    response send(const request& req, boost::system::error_code& ec) noexcept;

    /// Sends `req` asynchronously; completes with `void(error_code, response)`.
    /// @throws boost::asio::execution::bad_executor when the backend has no executor.
    template <class CompletionToken>
    auto async_send(request req, CompletionToken&& token)
    {
        return boost::asio::async_initiate<CompletionToken, send_signature>(
            [](auto handler, request r, std::shared_ptr<detail::engine> eng, executor_type ex) {
                if (!eng)
                    throw boost::asio::execution::bad_executor();
                start(eng, std::move(r), boost::asio::any_completion_handler<send_signature>(std::move(handler)), ex);
            },
            token, std::move(req), engine_, ex_);
    }

private:
    static void start(const std::shared_ptr<detail::engine>& eng, request req,
                      boost::asio::any_completion_handler<send_signature> handler, const executor_type& fallback);

    executor_type ex_;
    std::shared_ptr<const detail::config> config_;
    std::shared_ptr<detail::engine> engine_;
    std::shared_ptr<detail::sync_holder> sync_;
};

static_assert(HttpBackend<beast_backend>);
static_assert(AsyncHttpBackend<beast_backend>);

} // namespace renault::http

#if RENAULT_HEADER_ONLY
#include <renault/http/impl/beast_backend.ipp>
#endif

#define RENAULT_BEAST_BACKEND_DEFINED
#include <renault/detail/extern_clients.hpp>
