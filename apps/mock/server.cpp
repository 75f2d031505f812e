// renault-mock's server: the transport (Boost.Beast over HTTP or HTTPS, one thread, C++20
// coroutines: the listener, each connection's requests, the faults that act on the socket) and the
// request log. What it answers is mock_api's (api.hpp).
#include "server.hpp"

#include "api.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json/serialize.hpp>

#include <csignal>
#include <optional>

namespace renault::mock {
namespace {

using system_clock = std::chrono::system_clock;

// -------------------------------------------------------------------------------------------------
// Request log: one JSON line per request, without header values, form values or Gigya query values

class request_log {
public:
    request_log() = default;
    request_log(const request_log&) = delete;
    request_log& operator=(const request_log&) = delete;
    ~request_log()
    {
        if (out_ && out_ != stdout)
            std::fclose(out_);
    }

    bool open(const std::string& path)
    {
        out_ = path.empty() ? stdout : std::fopen(path.c_str(), "a");
        return out_ != nullptr;
    }

    void write(const incoming& in, const reply& r)
    {
        const auto url = http::split_url(in.target);
        json::object query;
        for (const auto& [name, value] : http::parse_query(url.query))
            query[name] = r.gigya ? json::value("***") : json::value(value);
        json::array headers;
        for (const auto& [name, value] : in.headers)
            if (std::find(headers.begin(), headers.end(), json::value(name)) == headers.end())
                headers.emplace_back(name);
        std::sort(headers.begin(), headers.end(),
                  [](const json::value& a, const json::value& b) { return a.get_string() < b.get_string(); });
        json::object line{
            {"time", iso_time(system_clock::now())},
            {"method", in.method},
            {"path", url.path},
            {"query", std::move(query)},
            {"headers_present", std::move(headers)},
            {"status", r.status},
            {"endpoint", r.endpoint.empty() ? json::value(nullptr) : json::value(r.endpoint)},
            {"fault", r.fault.empty() ? json::value(nullptr) : json::value(r.fault)},
        };
        if (!r.form_fields.empty()) {
            json::array fields;
            for (const auto& f : r.form_fields)
                fields.emplace_back(f);
            line["form_fields"] = std::move(fields);
        }
        if (!r.auth.empty())
            line["auth"] = r.auth;
        if (!r.note.empty())
            line["answer"] = r.note;
        if (r.delay.count() > 0)
            line["latency_ms"] = r.delay.count();
        line["bytes"] = r.body.size();
        const std::string text = json::serialize(line) + "\n";
        std::fputs(text.c_str(), out_);
        std::fflush(out_);
    }

private:
    std::FILE* out_ = nullptr;
};

// -------------------------------------------------------------------------------------------------
// Transport (Boost.Beast)

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

constexpr auto idle_timeout = std::chrono::seconds(30);
constexpr auto io_timeout = std::chrono::seconds(30);
constexpr std::size_t max_body = 1 << 20;
constexpr auto as_tuple_awaitable = asio::as_tuple(asio::use_awaitable);

struct server_context {
    mock_api& api;
    request_log& log;
};

enum class ending { close, drop };

incoming to_incoming(const bhttp::request<bhttp::string_body>& req)
{
    incoming in;
    in.method = std::string(req.method_string());
    in.target = std::string(req.target());
    for (const auto& field : req)
        in.headers.emplace_back(lowercase(field.name_string()), std::string(field.value()));
    in.body = req.body();
    return in;
}

template <class Stream>
asio::awaitable<ending> serve_requests(Stream& stream, server_context& ctx)
{
    beast::flat_buffer buffer;
    for (;;) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.body_limit(max_body);
        beast::get_lowest_layer(stream).expires_after(idle_timeout);
        auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, as_tuple_awaitable);
        if (ec)
            co_return ending::close;
        if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
            bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
            auto [wec, wn] = co_await bhttp::async_write(stream, go_on, as_tuple_awaitable);
            if (wec)
                co_return ending::close;
        }
        if (!parser.is_done()) {
            auto [rec, rn] = co_await bhttp::async_read(stream, buffer, parser, as_tuple_awaitable);
            if (rec)
                co_return ending::close;
        }
        const auto& req = parser.get();
        const incoming in = to_incoming(req);
        reply r = ctx.api.handle(in);
        if (r.delay.count() > 0) {
            asio::steady_timer timer(co_await asio::this_coro::executor);
            timer.expires_after(r.delay);
            co_await timer.async_wait(as_tuple_awaitable);
        }
        ctx.log.write(in, r);
        beast::get_lowest_layer(stream).expires_after(io_timeout);

        if (r.drop_mid_body) {
            const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(r.status));
            std::string raw = "HTTP/1.1 " + std::to_string(r.status) + " " + std::string(reason) +
                              "\r\nServer: renault-mock\r\nContent-Type: " + r.content_type +
                              "\r\nContent-Length: " + std::to_string(std::max<std::size_t>(r.body.size(), 1)) +
                              "\r\nConnection: close\r\n\r\n" + r.body.substr(0, r.body.size() / 2);
            co_await asio::async_write(stream, asio::buffer(raw), as_tuple_awaitable);
            co_return ending::drop;
        }

        bhttp::response<bhttp::string_body> res;
        res.version(req.version());
        res.result(static_cast<unsigned>(r.status));
        res.set(bhttp::field::server, "renault-mock");
        res.set(bhttp::field::content_type, r.content_type);
        for (const auto& [name, value] : r.headers)
            res.insert(name, value);
        res.body() = std::move(r.body);
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        auto [wec, wn] = co_await bhttp::async_write(stream, res, as_tuple_awaitable);
        if (wec || !res.keep_alive())
            co_return ending::close;
    }
}

asio::awaitable<void> plain_session(tcp::socket socket, server_context& ctx)
{
    beast::tcp_stream stream(std::move(socket));
    const ending how = co_await serve_requests(stream, ctx);
    beast::error_code ec;
    if (how == ending::close)
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.socket().close(ec);
}

asio::awaitable<void> tls_session(tcp::socket socket, ssl::context& tls, server_context& ctx)
{
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), tls);
    beast::get_lowest_layer(stream).expires_after(io_timeout);
    auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, as_tuple_awaitable);
    if (!ec) {
        const ending how = co_await serve_requests(stream, ctx);
        if (how == ending::close) {
            beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
            co_await stream.async_shutdown(as_tuple_awaitable);
        }
    }
    beast::get_lowest_layer(stream).close();
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, ssl::context* tls, server_context& ctx)
{
    const auto executor = co_await asio::this_coro::executor;
    auto ignore_exceptions = [](std::exception_ptr) {};
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(as_tuple_awaitable);
        if (ec) {
            if (!acceptor.is_open())
                co_return;
            asio::steady_timer pause(executor, std::chrono::milliseconds(50)); // e.g. out of file descriptors
            co_await pause.async_wait(as_tuple_awaitable);
            continue;
        }
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        if (tls)
            asio::co_spawn(executor, tls_session(std::move(socket), *tls, ctx), ignore_exceptions);
        else
            asio::co_spawn(executor, plain_session(std::move(socket), ctx), ignore_exceptions);
    }
}

} // namespace

int run_server(const server_options& options, scenario s, fixture_store& fixtures)
{
    request_log log;
    if (!log.open(options.log_file)) {
        std::fprintf(stderr, "renault-mock: cannot open the log file %s\n", options.log_file.c_str());
        return 1;
    }
    mock_api api(std::move(s), fixtures);
    server_context ctx{api, log};

    std::optional<ssl::context> tls;
    if (!options.tls_cert.empty()) {
        tls.emplace(ssl::context::tls_server);
        tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                         ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
        boost::system::error_code ec;
        tls->use_certificate_chain_file(options.tls_cert, ec);
        if (ec) {
            std::fprintf(stderr, "renault-mock: cannot use the certificate %s: %s\n", options.tls_cert.c_str(),
                         ec.message().c_str());
            return 1;
        }
        tls->use_private_key_file(options.tls_key, ssl::context::pem, ec);
        if (ec) {
            std::fprintf(stderr, "renault-mock: cannot use the private key %s: %s\n", options.tls_key.c_str(),
                         ec.message().c_str());
            return 1;
        }
    }

    asio::io_context ioc(1);
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(options.host == "localhost" ? "127.0.0.1" : options.host, ec);
    if (ec) {
        std::fprintf(stderr, "renault-mock: --host %s is not an IP address\n", options.host.c_str());
        return 1;
    }
    tcp::acceptor acceptor(ioc);
    const tcp::endpoint endpoint(address, options.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(endpoint, ec);
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        std::fprintf(stderr, "renault-mock: cannot listen on %s port %u: %s\n", options.host.c_str(),
                     static_cast<unsigned>(options.port), ec.message().c_str());
        return 1;
    }

    const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    std::printf("listening on %s://%s:%u\n", tls ? "https" : "http", host.c_str(),
                static_cast<unsigned>(acceptor.local_endpoint().port()));
    std::fflush(stdout);

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) {
        beast::error_code ignored;
        acceptor.close(ignored);
        ioc.stop();
    });
    asio::co_spawn(ioc, accept_loop(acceptor, tls ? &*tls : nullptr, ctx), [](std::exception_ptr) {});
    ioc.run();
    return 0;
}

} // namespace renault::mock
