// A scripted HTTP(S) server and a CONNECT proxy on 127.0.0.1 for the transport tests. The
// interface has no Beast or Asio type, so that test files that do not need Beast stay light.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace renault::test {

/// The directory of the test certificates (make_certs.sh), generated on first use if missing.
const std::string& certs_dir();
/// certs_dir() + "/" + name.
std::string cert_file(std::string_view name);

/// A request as the server read it.
struct received {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::size_t connection = 0; ///< 1 for the first connection the server accepted, …
    std::size_t nth = 0;        ///< 1 for the first request on its connection, …

    /// The value of the first header `name` (any case), or "" when absent.
    std::string header(std::string_view name) const;
    bool has_header(std::string_view name) const;
};

/// What the server does with a request.
struct reply {
    std::string raw;                     ///< bytes written as the answer (may be empty)
    std::chrono::milliseconds delay{0};  ///< waited before writing
    bool close = false;                  ///< close the connection after writing
};

/// A complete answer framed by Content-Length, with `headers` ("Name: value" lines) added.
reply respond(unsigned status, std::string_view body, std::vector<std::string> headers = {});
/// An answer in chunked transfer encoding, one chunk per element.
reply chunked(unsigned status, const std::vector<std::string>& chunks);
/// An HTTP/1.1 answer whose body runs to the end of the connection (no length, no chunks).
reply until_close(unsigned status, std::string_view body);
/// No answer: the connection is closed.
reply drop();

/// Answers that are not HTTP, by path: a bad status line, a body shorter than its
/// Content-Length, a control character in a header, a broken chunk.
reply malformed_answer(const received& request);
inline constexpr const char* malformed_answer_paths[] = {"/status-line", "/short-body", "/header-control", "/bad-chunk"};

enum class server_cert { none, good, wrong_host, expired, self_signed };

/// An HTTP server on 127.0.0.1 (ephemeral port), plain or TLS, each connection on its own thread;
/// `handler` runs on those threads (concurrently) and says what to answer. Keep-alive: a
/// connection serves requests until the client closes it or a reply closes it.
class test_server {
public:
    using handler = std::function<reply(const received&)>;

    explicit test_server(handler h, server_cert cert = server_cert::none);
    ~test_server();
    test_server(const test_server&) = delete;
    test_server& operator=(const test_server&) = delete;

    std::uint16_t port() const;
    /// "http://127.0.0.1:PORT" + path (https for a TLS server); `host` replaces 127.0.0.1.
    std::string url(std::string_view path, std::string_view host = "127.0.0.1") const;
    std::size_t connections() const;
    std::size_t requests() const;
    std::vector<received> received_requests() const;
    /// The server name (SNI) the last TLS client sent, "" when none.
    std::string last_server_name() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// An HTTP CONNECT proxy on 127.0.0.1 that tunnels only to 127.0.0.1 or localhost.
class connect_proxy {
public:
    /// `refuse`: answer every CONNECT with 403.
    explicit connect_proxy(bool refuse = false);
    ~connect_proxy();
    connect_proxy(const connect_proxy&) = delete;
    connect_proxy& operator=(const connect_proxy&) = delete;

    std::uint16_t port() const;
    /// "http://127.0.0.1:PORT"
    std::string url() const;
    /// The CONNECT targets ("127.0.0.1:443") in arrival order.
    std::vector<std::string> targets() const;
    /// The Proxy-Authorization values received ("" when a CONNECT had none).
    std::vector<std::string> authorizations() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// A server on 127.0.0.1 that accepts connections and never reads or writes (timeouts).
class silent_server {
public:
    silent_server();
    ~silent_server();
    silent_server(const silent_server&) = delete;
    silent_server& operator=(const silent_server&) = delete;
    std::uint16_t port() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// A port on 127.0.0.1 that nothing listens on (bound then closed).
std::uint16_t closed_port();

} // namespace renault::test
