// The engine of beast_backend (http/beast_backend.hpp): configuration, connection pools, the
// request coroutine over Boost.Beast and OpenSSL. Internal; included by http/impl/beast_backend.ipp.
#pragma once

#include <renault/http/backend.hpp>
#include <renault/http/beast_options.hpp>
#include <renault/http/message.hpp>
#include <renault/error.hpp>
#include <renault/http/proxy.hpp>
#include <renault/http/url.hpp>
#include <renault/detail/base64.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/execution/bad_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/system/error_code.hpp>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <future>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#if !defined(_WIN32)
#include <cerrno>
#include <sys/socket.h>
#endif

namespace renault::http {

namespace detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;
using boost::system::error_code;
using clock = std::chrono::steady_clock;

/// co_await without exceptions: the error code comes first in the result tuple.
inline constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

inline constexpr std::uint32_t header_limit = 64 * 1024;

/// A proxy from beast_options::https_proxy.
struct proxy_endpoint {
    std::string host;
    std::string port;
    std::string authorization; ///< "Basic …", or empty
};

/// Reads "http://user:pass@host:port", "host:port" or "http://host" (port 80). Throws
/// renault::error (errc::invalid_argument) for anything else; the message never shows credentials.
inline proxy_endpoint parse_proxy(std::string_view text)
{
    std::string_view rest = text;
    if (const auto sep = rest.find("://"); sep != std::string_view::npos) {
        if (!iequals(rest.substr(0, sep), "http"))
            throw renault::error(errc::invalid_argument,
                                 "the HTTPS proxy must be an http:// URL (CONNECT over plain HTTP)");
        rest.remove_prefix(sep + 3);
    }
    rest = rest.substr(0, rest.find('/'));
    proxy_endpoint proxy;
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        const std::string_view userinfo = rest.substr(0, at);
        const auto colon = userinfo.find(':');
        std::string credentials = detail::percent_decode(userinfo.substr(0, colon));
        credentials += ':';
        if (colon != std::string_view::npos)
            credentials += detail::percent_decode(userinfo.substr(colon + 1));
        proxy.authorization = "Basic " + renault::detail::base64_encode(credentials);
        rest.remove_prefix(at + 1);
    }
    const url_parts parts = split_url("http://" + std::string(rest));
    proxy.host = parts.host;
    proxy.port = parts.port.empty() ? "80" : parts.port;
    if (proxy.host.empty() || proxy.port.find_first_not_of("0123456789") != std::string::npos)
        throw renault::error(errc::invalid_argument, "the HTTPS proxy is not of the form http://host:port");
    return proxy;
}

/// What every request of a backend shares: the options, the TLS context, the proxy.
struct config {
    beast_options options;
    std::shared_ptr<ssl::context> tls;
    std::optional<proxy_endpoint> proxy;
};

/// Whether `dir` holds OpenSSL's hash links to certificates ("5ad8a5d6.0"), as update-ca-certificates
/// and c_rehash make them.
inline bool has_hash_links(const std::string& dir)
{
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() >= 10 && name[8] == '.' &&
            name.find_first_not_of("0123456789abcdef") == 8 &&
            name.find_first_not_of("0123456789", 9) == std::string::npos)
            return true;
    }
    return false;
}

/// Trusts the system's CAs. The hashed certificate directory is preferred when it has hash links:
/// OpenSSL then reads only the issuers a handshake needs, where the whole bundle file costs tens of
/// milliseconds to parse at start-up. SSL_CERT_FILE, a list in SSL_CERT_DIR or a directory without
/// links: OpenSSL's default paths.
inline void trust_system_store(ssl::context& tls, error_code& ec)
{
    const char* file_env = std::getenv(X509_get_default_cert_file_env());
    const char* dir_env = std::getenv(X509_get_default_cert_dir_env());
    const std::string dir = dir_env ? dir_env : X509_get_default_cert_dir();
    if (!file_env && dir.find(':') == std::string::npos && has_hash_links(dir)) {
        tls.add_verify_path(dir, ec);
        return;
    }
    tls.set_default_verify_paths(ec);
}

inline std::shared_ptr<const config> make_config(beast_options options)
{
    auto cfg = std::make_shared<config>();
    cfg->tls = std::make_shared<ssl::context>(ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(cfg->tls->native_handle(), TLS1_2_VERSION);
    if (options.verify_peer) {
        cfg->tls->set_verify_mode(ssl::verify_peer);
        error_code ec;
        if (options.ca_file.empty())
            trust_system_store(*cfg->tls, ec);
        else
            cfg->tls->load_verify_file(options.ca_file, ec);
        if (ec)
            throw renault::error(errc::tls_error, options.ca_file.empty()
                                             ? std::string("cannot load the system's trusted certificates")
                                             : "cannot load the CA file " + options.ca_file);
    } else {
        cfg->tls->set_verify_mode(ssl::verify_none);
    }
    if (options.https_proxy && !options.https_proxy->empty())
        cfg->proxy = parse_proxy(*options.https_proxy);
    cfg->options = std::move(options);
    return cfg;
}

/// One connection: a TCP stream, wrapped in TLS for https://, and the bytes read past a response.
struct connection {
    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
    beast::flat_buffer buffer;

    beast::tcp_stream& tcp() { return tls ? tls->next_layer() : *plain; }
};

using io_handler = asio::any_completion_handler<void(error_code, std::size_t)>;

// An erased handler's own executor (any_completion_executor) cannot be required to never block,
// which Beast's streams ask of it: the handlers run on the connection's executor instead, the
// strand every operation of the engine runs on.

/// Reads into `b` from the connection's TLS stream, or from its TCP stream before or without TLS.
inline void read_some(connection& c, asio::mutable_buffer b, io_handler handler)
{
    auto bound = asio::bind_executor(c.tcp().get_executor(), std::move(handler));
    if (c.tls)
        c.tls->async_read_some(b, std::move(bound));
    else
        c.plain->async_read_some(b, std::move(bound));
}

inline void write_some(connection& c, asio::const_buffer b, io_handler handler)
{
    auto bound = asio::bind_executor(c.tcp().get_executor(), std::move(handler));
    if (c.tls)
        c.tls->async_write_some(b, std::move(bound));
    else
        c.plain->async_write_some(b, std::move(bound));
}

/// A connection as one stream type, whatever its layers: Beast's HTTP reader (a large template)
/// is then compiled once, for TLS, plain HTTP and a proxy's CONNECT alike. The
/// handlers are type-erased; one allocation per read or write is nothing next to a network
/// round trip.
class any_stream {
public:
    using executor_type = asio::any_io_executor;

    explicit any_stream(connection& c) noexcept : c_(&c) {}

    executor_type get_executor() { return c_->tcp().get_executor(); }

    template <class MutableBuffers, class Token>
    auto async_read_some(const MutableBuffers& buffers, Token&& token)
    {
        return asio::async_initiate<Token, void(error_code, std::size_t)>(
            [](auto handler, connection* c, asio::mutable_buffer b) { read_some(*c, b, io_handler(std::move(handler))); },
            token, c_, first_buffer<asio::mutable_buffer>(buffers));
    }

    template <class ConstBuffers, class Token>
    auto async_write_some(const ConstBuffers& buffers, Token&& token)
    {
        return asio::async_initiate<Token, void(error_code, std::size_t)>(
            [](auto handler, connection* c, asio::const_buffer b) { write_some(*c, b, io_handler(std::move(handler))); },
            token, c_, first_buffer<asio::const_buffer>(buffers));
    }

private:
    /// The first non-empty buffer of a sequence (a read or write may always transfer less).
    template <class Buffer, class Sequence>
    static Buffer first_buffer(const Sequence& buffers)
    {
        for (auto it = asio::buffer_sequence_begin(buffers); it != asio::buffer_sequence_end(buffers); ++it) {
            Buffer b = *it;
            if (b.size() != 0)
                return b;
        }
        return Buffer();
    }

    connection* c_;
};

/// Whether an idle connection still looks usable: open, not closed by the server, and with no
/// unexpected bytes waiting (a TLS close_notify, a stray answer). A cheap non-blocking peek.
inline bool looks_alive(connection& c)
{
    auto& socket = c.tcp().socket();
    if (!socket.is_open() || c.buffer.size() != 0)
        return false;
#if defined(_WIN32)
    return true;
#else
    char byte = 0;
    const auto n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
#endif
}

/// The I/O of one executor: a strand all the backend's operations run on, and the idle
/// connections, per "scheme://host:port".
struct engine {
    engine(const asio::any_io_executor& ex, std::shared_ptr<const config> c)
        : strand(asio::make_strand(ex)), cfg(std::move(c))
    {
    }

    std::unique_ptr<connection> take_idle(const std::string& key)
    {
        std::lock_guard lock(mutex);
        const auto it = idle.find(key);
        while (it != idle.end() && !it->second.empty()) {
            std::unique_ptr<connection> c = std::move(it->second.back());
            it->second.pop_back();
            if (looks_alive(*c))
                return c;
        }
        return nullptr;
    }

    void put_idle(const std::string& key, std::unique_ptr<connection> c)
    {
        std::lock_guard lock(mutex);
        auto& list = idle[key];
        if (list.size() < cfg->options.max_idle_connections_per_host)
            list.push_back(std::move(c));
    }

    asio::strand<asio::any_io_executor> strand;
    std::shared_ptr<const config> cfg;
    std::mutex mutex;
    std::map<std::string, std::vector<std::unique_ptr<connection>>> idle;
};

/// Where a request goes.
struct destination {
    bool https = false;
    std::string host;
    std::string port;
    std::string target;      ///< path and query
    std::string host_header; ///< host, and the port when it is not the scheme's default
    std::string key;         ///< the pool key: scheme://host:port
};

/// "[::1]" for an IPv6 literal, the host itself otherwise.
inline std::string bracketed(const std::string& host)
{
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

inline bool is_ip_literal(const std::string& host)
{
    error_code ec;
    (void)asio::ip::make_address(host, ec);
    return !ec;
}

/// Whether `text` holds no byte that would break an HTTP header or request line.
inline bool safe_in_header(std::string_view text) noexcept
{
    return std::none_of(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

/// A timeout for one step: the step's own limit, cut by what remains of the overall deadline.
inline clock::duration step_timeout(std::chrono::milliseconds limit, clock::time_point deadline)
{
    return std::min<clock::duration>(limit, deadline - clock::now());
}

inline bool is_tls_error(const error_code& ec)
{
    return ec.category() == asio::error::get_ssl_category() || ec.category() == ssl::error::get_stream_category();
}

/// The library's code for a failure: timeouts, size limits and TLS failures by their kind,
/// everything else is a transport error.
inline error_code map_error(const error_code& ec, bool during_handshake = false)
{
    if (ec == beast::error::timeout)
        return errc::timeout;
    if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow)
        return errc::response_too_large;
    if (during_handshake || is_tls_error(ec))
        return errc::tls_error;
    // The server answered, but not in HTTP: a bad status line or header field, a body shorter
    // than its Content-Length (the connection closed early), a broken chunk. A connection closed
    // before any of the answer is a transport error.
    if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() && ec != bhttp::error::end_of_stream)
        return errc::invalid_response;
    return errc::transport_error;
}

using outcome = std::pair<error_code, response>;

inline outcome failure(errc e) { return {make_error_code(e), {}}; }

/// Reads the URL of `req`, refusing what the options forbid.
inline std::optional<destination> make_destination(const request& req, const beast_options& options, error_code& ec)
{
    url_parts url = split_url(req.url);
    destination d;
    if (iequals(url.scheme, "https"))
        d.https = true;
    else if (!iequals(url.scheme, "http") || !options.allow_plain_http) {
        ec = errc::url_refused; // plain http:// is refused unless allowed; other schemes always
        return std::nullopt;
    }
    if (url.host.empty() || !safe_in_header(url.host) || url.port.find_first_not_of("0123456789") != std::string::npos
        || url.path.find_first_of(" \r\n\t") != std::string::npos
        || url.query.find_first_of(" \r\n\t") != std::string::npos) {
        ec = errc::invalid_argument;
        return std::nullopt;
    }
    const std::string default_port = d.https ? "443" : "80";
    d.host = std::move(url.host);
    d.port = url.port.empty() ? default_port : std::move(url.port);
    d.target = url.path;
    if (!url.query.empty())
        d.target += '?' + url.query;
    d.host_header = bracketed(d.host);
    if (d.port != default_port)
        d.host_header += ':' + d.port;
    d.key = std::string(d.https ? "https://" : "http://") + bracketed(d.host) + ':' + d.port;
    return d;
}

/// Appends "name: value\r\n".
inline void append_field(std::string& out, std::string_view name, std::string_view value)
{
    out.append(name).append(": ").append(value).append("\r\n");
}

/// Whether `headers` has a field named `name` (names compare without case).
inline bool has_field(const std::vector<header>& headers, std::string_view name)
{
    return std::any_of(headers.begin(), headers.end(), [&](const header& h) { return iequals(h.name, name); });
}

/// The bytes of the HTTP/1.1 request for `req`: request line, its headers, Host, User-Agent,
/// Content-Length and body. Written as one buffer: no serializer to compile, one write call.
inline std::string make_message(const request& req, const destination& d, const beast_options& options,
                                error_code& ec)
{
    const bool has_body = req.method == method::post || !req.body.empty();
    std::string out;
    out.reserve(256 + req.body.size());
    out.append(req.method == method::post ? "POST " : "GET ").append(d.target).append(" HTTP/1.1\r\n");
    for (const auto& h : req.headers) {
        if (h.name.empty() || !safe_in_header(h.name) || !safe_in_header(h.value)
            || h.name.find_first_of(" :\t") != std::string::npos) {
            ec = errc::invalid_argument;
            return {};
        }
        if (has_body && (iequals(h.name, "content-length") || iequals(h.name, "transfer-encoding")))
            continue; // the length is the body's own
        append_field(out, h.name, h.value);
    }
    if (!has_field(req.headers, "host"))
        append_field(out, "Host", d.host_header);
    if (!options.user_agent.empty() && !has_field(req.headers, "user-agent"))
        append_field(out, "User-Agent", options.user_agent);
    if (has_body)
        append_field(out, "Content-Length", std::to_string(req.body.size()));
    out.append("\r\n").append(req.body);
    return out;
}

/// Resolves `host`, giving up at the timeout even when the system resolver does not return (the
/// abandoned lookup finishes in the background and is discarded).
inline asio::awaitable<std::pair<error_code, tcp::resolver::results_type>>
resolve(const std::string& host, const std::string& port, clock::duration timeout)
{
    struct lookup {
        explicit lookup(const asio::any_io_executor& ex) : resolver(ex), timer(ex) {}
        tcp::resolver resolver;
        asio::steady_timer timer;
        error_code ec;
        tcp::resolver::results_type results;
        bool done = false;
    };
    auto state = std::make_shared<lookup>(co_await asio::this_coro::executor);
    state->timer.expires_after(timeout);
    state->resolver.async_resolve(host, port, [state](error_code ec, tcp::resolver::results_type results) {
        state->ec = ec;
        state->results = std::move(results);
        state->done = true;
        state->timer.cancel();
    });
    (void)co_await state->timer.async_wait(nothrow);
    if (!state->done) {
        state->resolver.cancel();
        co_return std::pair{make_error_code(errc::timeout), tcp::resolver::results_type{}};
    }
    co_return std::pair{state->ec ? make_error_code(errc::transport_error) : error_code{}, state->results};
}

/// Asks the proxy for a tunnel to `d` with CONNECT; the connection then carries the TLS session.
inline asio::awaitable<error_code> open_tunnel(connection& c, const destination& d, const config& cfg,
                                               clock::time_point deadline)
{
    const std::string authority = bracketed(d.host) + ':' + d.port;
    std::string ask = "CONNECT " + authority + " HTTP/1.1\r\n";
    append_field(ask, "Host", authority);
    if (!cfg.proxy->authorization.empty())
        append_field(ask, "Proxy-Authorization", cfg.proxy->authorization);
    if (!cfg.options.user_agent.empty())
        append_field(ask, "User-Agent", cfg.options.user_agent);
    ask += "\r\n";
    any_stream stream(c);
    c.tcp().expires_after(step_timeout(cfg.options.handshake_timeout, deadline));
    error_code ec = std::get<0>(co_await asio::async_write(stream, asio::buffer(ask), nothrow));
    if (ec)
        co_return map_error(ec);
    bhttp::response_parser<bhttp::string_body> answer;
    answer.header_limit(header_limit);
    answer.skip(true); // a CONNECT answer has no body: the tunnel starts after the header
    ec = std::get<0>(co_await bhttp::async_read(stream, c.buffer, answer, nothrow));
    if (ec)
        co_return map_error(ec);
    if (answer.get().result_int() / 100 != 2 || c.buffer.size() != 0)
        co_return make_error_code(errc::transport_error); // refused (403, 407, 502, …) or garbled
    co_return error_code{};
}

/// Opens a connection to `d`: resolve, connect (through the proxy for https:// when one is set),
/// TLS handshake with SNI and host name verification.
inline asio::awaitable<std::pair<error_code, std::unique_ptr<connection>>>
open(const config& cfg, const destination& d, clock::time_point deadline)
{
    using result = std::pair<error_code, std::unique_ptr<connection>>;
    const auto& options = cfg.options;
    const bool tunnel = d.https && cfg.proxy && !bypasses_proxy(cfg.options.no_proxy, d.host);
    const std::string& host = tunnel ? cfg.proxy->host : d.host;
    const std::string& port = tunnel ? cfg.proxy->port : d.port;

    auto resolved = co_await resolve(host, port, step_timeout(options.resolve_timeout, deadline));
    if (resolved.first)
        co_return result{resolved.first, nullptr};

    auto c = std::make_unique<connection>();
    c->plain.emplace(co_await asio::this_coro::executor);
    c->plain->expires_after(step_timeout(options.connect_timeout, deadline));
    error_code ec = std::get<0>(co_await c->plain->async_connect(resolved.second, nothrow));
    if (ec)
        co_return result{map_error(ec), nullptr};
    c->plain->socket().set_option(tcp::no_delay(true), ec);
    if (tunnel) {
        ec = co_await open_tunnel(*c, d, cfg, deadline);
        if (ec)
            co_return result{ec, nullptr};
    }
    if (!d.https)
        co_return result{error_code{}, std::move(c)};

    c->tls.emplace(std::move(*c->plain), *cfg.tls);
    c->plain.reset();
    // SNI. What OpenSSL's SSL_set_tlsext_host_name macro expands to, without its C cast (which
    // users' -Wold-style-cast would report here).
    if (!is_ip_literal(d.host) && SSL_ctrl(c->tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                                           const_cast<char*>(d.host.c_str())) == 0)
        co_return result{make_error_code(errc::tls_error), nullptr};
    if (options.verify_peer)
        c->tls->set_verify_callback(ssl::host_name_verification(d.host));
    c->tcp().expires_after(step_timeout(options.handshake_timeout, deadline));
    ec = std::get<0>(co_await c->tls->async_handshake(ssl::stream_base::client, nothrow));
    if (ec)
        co_return result{map_error(ec, true), nullptr};
    co_return result{error_code{}, std::move(c)};
}

/// What one request/response exchange on a connection gave.
struct exchange_result {
    error_code ec;                 ///< already mapped to the library's codes
    bool nothing_received = false; ///< failed before any byte of the answer (retry on a reused connection)
    bool reusable = false;         ///< the connection may serve another request
    response resp;
};

inline asio::awaitable<exchange_result> exchange(connection& c, const std::string& msg,
                                                 const beast_options& options, clock::time_point deadline)
{
    any_stream stream(c);
    exchange_result out;
    c.tcp().expires_after(step_timeout(options.write_timeout, deadline));
    const error_code write_ec = std::get<0>(co_await asio::async_write(stream, asio::buffer(msg), nothrow));
    if (write_ec) {
        out.ec = map_error(write_ec);
        out.nothing_received = write_ec != beast::error::timeout;
        co_return out;
    }
    c.tcp().expires_after(step_timeout(options.read_timeout, deadline));
    for (bool first = true;; first = false) {
        bhttp::response_parser<bhttp::string_body> parser;
        parser.header_limit(header_limit);
        parser.body_limit(options.max_response_size);
        error_code ec = std::get<0>(co_await bhttp::async_read(stream, c.buffer, parser, nothrow));
        if (ec == ssl::error::stream_truncated && parser.is_header_done() && parser.need_eof()) {
            // The server closed without a TLS close_notify after a body delimited by the end of
            // the connection: the body is complete all the same (and the connection is done).
            parser.put_eof(ec);
        }
        if (ec) {
            out.ec = map_error(ec);
            out.nothing_received = first && !parser.got_some() && c.buffer.size() == 0 && ec != beast::error::timeout;
            co_return out;
        }
        auto& message = parser.get();
        const unsigned status = message.result_int();
        if (status >= 100 && status < 200 && status != 101)
            continue; // 100 Continue, 103 Early Hints: the answer follows
        out.resp.status = status;
        out.resp.headers.reserve(static_cast<std::size_t>(std::distance(message.begin(), message.end())));
        for (const auto& field : message)
            out.resp.headers.push_back({std::string(field.name_string()), std::string(field.value())});
        out.resp.body = std::move(message.body());
        out.reusable = message.keep_alive() && !parser.need_eof() && c.buffer.size() == 0
                    && options.max_idle_connections_per_host > 0;
        co_return out;
    }
}

/// One request from start to finish: a connection (idle or new), the exchange, one retry on a new
/// connection when a reused one turns out closed before anything of the response arrived. Only a
/// GET goes on an idle connection: a POST (an action) always opens its own, because a server that
/// read it and closed looks the same as an idle connection the server had closed, and an action
/// must never be sent twice.
inline asio::awaitable<outcome> perform(std::shared_ptr<engine> eng, request req)
{
    try {
        const config& cfg = *eng->cfg;
        // The request's own time (what is left of the client's operation deadline) when shorter.
        const auto overall = req.timeout.count() > 0 ? std::min(req.timeout, cfg.options.overall_timeout)
                                                     : cfg.options.overall_timeout;
        const auto deadline = clock::now() + overall;
        error_code ec;
        const auto dest = make_destination(req, cfg.options, ec);
        if (!dest)
            co_return outcome{ec, {}};
        const auto msg = make_message(req, *dest, cfg.options, ec);
        if (ec)
            co_return outcome{ec, {}};

        for (bool retry = false;; retry = true) {
            std::unique_ptr<connection> c = retry || req.method != method::get ? nullptr : eng->take_idle(dest->key);
            const bool reused = c != nullptr;
            if (!c) {
                auto opened = co_await open(cfg, *dest, deadline);
                if (opened.first)
                    co_return outcome{opened.first, {}};
                c = std::move(opened.second);
            }
            exchange_result r = co_await exchange(*c, msg, cfg.options, deadline);
            if (r.ec && reused && r.nothing_received && clock::now() < deadline)
                continue; // the server had closed the idle connection: once more on a new one
            if (r.ec)
                co_return outcome{r.ec, {}};
            if (r.reusable)
                eng->put_idle(dest->key, std::move(c));
            co_return outcome{error_code{}, std::move(r.resp)};
        }
    } catch (...) {
        co_return failure(errc::transport_error);
    }
}

/// Starts `perform` on the engine's strand; `handler` runs on its associated executor (by
/// default `fallback`), never inside this call. One handler type for every caller, so that the
/// coroutine machinery of co_spawn is compiled once.
inline void start(const std::shared_ptr<engine>& eng, request req, asio::any_completion_handler<send_signature> handler,
                  const asio::any_io_executor& fallback)
{
    const auto handler_ex = asio::get_associated_executor(handler, fallback);
    asio::co_spawn(eng->strand, perform(eng, std::move(req)),
                   asio::bind_executor(handler_ex, [handler = std::move(handler)](std::exception_ptr ep,
                                                                                  outcome result) mutable {
                       if (ep)
                           result = failure(errc::transport_error);
                       std::move(handler)(result.first, std::move(result.second));
                   }));
}

/// The private io_context and thread on which the synchronous `send` runs, with its own pool.
struct sync_runner {
    explicit sync_runner(std::shared_ptr<const config> cfg)
        : work(asio::make_work_guard(io)), eng(std::make_shared<engine>(io.get_executor(), std::move(cfg))),
          thread([this] {
              for (;;) {
                  try {
                      io.run();
                      return;
                  } catch (...) {
                  }
              }
          })
    {
    }
    sync_runner(const sync_runner&) = delete;
    sync_runner& operator=(const sync_runner&) = delete;
    ~sync_runner()
    {
        work.reset();
        io.stop();
        thread.join();
    }

    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work;
    std::shared_ptr<engine> eng;
    std::thread thread;
};

struct sync_holder {
    std::mutex mutex;
    std::unique_ptr<sync_runner> runner;
};

} // namespace detail

} // namespace renault::http
