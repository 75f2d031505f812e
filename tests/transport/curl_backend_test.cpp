// renault::http::curl_backend over loopback: the same round trips, limits, TLS verification and
// proxy cases as beast_backend, and its asynchronous use through any_backend.
#include "test_server.hpp"

#include <renault/http/curl_backend.hpp>

#include <catch2/catch.hpp>

#if defined(RENAULT_HAS_CURL_BACKEND)

#include <renault/http/any_backend.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace http = renault::http;
namespace test = renault::test;
using boost::system::error_code;
using http::curl_backend;
using renault::errc;
using namespace std::chrono_literals;

namespace {

http::curl_options quick_options()
{
    http::curl_options o;
    o.connect_timeout = 2s;
    o.overall_timeout = 5s;
    return o;
}

http::curl_options plain_options()
{
    auto o = quick_options();
    o.allow_plain_http = true;
    return o;
}

http::curl_options tls_options()
{
    auto o = quick_options();
    o.ca_file = test::cert_file("ca.pem");
    return o;
}

http::request get(std::string url, http::headers headers = {})
{
    return {http::method::get, std::move(url), std::move(headers), {}};
}

test::reply hello(const test::received&)
{
    return test::respond(200, "hello", {"Content-Type: text/plain"});
}

http::response send_ok(curl_backend& backend, const http::request& req)
{
    error_code ec;
    http::response resp = backend.send(req, ec);
    INFO(ec.message());
    REQUIRE_FALSE(ec);
    return resp;
}

error_code send_error(curl_backend& backend, const http::request& req)
{
    error_code ec;
    const http::response resp = backend.send(req, ec);
    CHECK(resp.status == 0);
    return ec;
}

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

TEST_CASE("curl GET round trip over plain HTTP")
{
    test::test_server server(
        [](const test::received& r) { return test::respond(200, "hello " + r.target, {"X-Server: test"}); });
    auto options = plain_options();
    options.user_agent = "renault-test/1.0";
    curl_backend backend(options);
    const auto resp = send_ok(backend, get(server.url("/path/a?x=1&y=%20z"), {{"X-Custom", "v1"}}));
    CHECK(resp.status == 200);
    CHECK(resp.body == "hello /path/a?x=1&y=%20z");
    REQUIRE(resp.header("x-server"));
    CHECK(*resp.header("x-server") == "test");

    const auto seen = server.received_requests();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].method == "GET");
    CHECK(seen[0].target == "/path/a?x=1&y=%20z");
    CHECK(seen[0].header("X-Custom") == "v1");
    CHECK(seen[0].header("Host") == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(seen[0].header("User-Agent") == "renault-test/1.0");
    CHECK_FALSE(seen[0].has_header("Accept")); // libcurl's default is not sent
}

TEST_CASE("curl POST sends the body with its length")
{
    test::test_server server([](const test::received& r) { return test::respond(201, "got " + r.body); });
    curl_backend backend(plain_options());
    const http::request req{http::method::post, server.url("/accounts.login"),
                            {{"Content-Type", "application/json"}}, R"({"a":1})"};
    const auto resp = send_ok(backend, req);
    CHECK(resp.status == 201);
    CHECK(resp.body == R"(got {"a":1})");
    const auto seen = server.received_requests();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].method == "POST");
    CHECK(seen[0].header("Content-Length") == "7");
    CHECK(seen[0].header("Content-Type") == "application/json");
    CHECK_FALSE(seen[0].has_header("Expect"));
}

TEST_CASE("curl POST without Content-Type sends none")
{
    test::test_server server(hello);
    curl_backend backend(plain_options());
    send_ok(backend, {http::method::post, server.url("/a"), {}, "x=1"});
    const auto seen = server.received_requests();
    REQUIRE(seen.size() == 1);
    CHECK_FALSE(seen[0].has_header("Content-Type"));
    CHECK(seen[0].body == "x=1");
}

TEST_CASE("curl HTTP error statuses are responses and headers are kept")
{
    test::test_server server(
        [](const test::received&) { return test::respond(404, "{}", {"Set-Cookie: a=1", "Set-Cookie: b=2"}); });
    curl_backend backend(plain_options());
    const auto resp = send_ok(backend, get(server.url("/missing")));
    CHECK(resp.status == 404);
    CHECK(resp.body == "{}");
    std::vector<std::string> lines;
    for (const auto& h : resp.headers)
        lines.push_back(h.name + ": " + h.value);
    CHECK(lines == std::vector<std::string>{"Set-Cookie: a=1", "Set-Cookie: b=2", "Content-Length: 2"});
}

TEST_CASE("curl chunked response is reassembled")
{
    test::test_server server([](const test::received&) { return test::chunked(200, {"{\"battery", "Level\":60}"}); });
    curl_backend backend(plain_options());
    CHECK(send_ok(backend, get(server.url("/"))).body == R"({"batteryLevel":60})");
}

TEST_CASE("curl keep-alive reuses one connection")
{
    test::test_server server([](const test::received& r) { return test::respond(200, std::to_string(r.nth)); },
                             test::server_cert::good);
    curl_backend backend(tls_options());
    for (const char* expected : {"1", "2", "3"})
        CHECK(send_ok(backend, get(server.url("/"))).body == expected);
    CHECK(server.connections() == 1);
}

TEST_CASE("curl overall timeout")
{
    test::test_server server([](const test::received&) {
        auto r = test::respond(200, "late");
        r.delay = 3s;
        return r;
    });
    auto options = plain_options();
    options.overall_timeout = 300ms;
    curl_backend backend(options);
    const auto start = std::chrono::steady_clock::now();
    CHECK(send_error(backend, get(server.url("/slow"))) == errc::timeout);
    CHECK(seconds_since(start) < 2.0);
}

TEST_CASE("curl response over the size limit")
{
    const std::string big(2000, 'x');
    test::test_server server([&](const test::received& r) {
        if (r.target == "/length")
            return test::respond(200, big);
        if (r.target == "/chunked")
            return test::chunked(200, {big.substr(0, 900), big.substr(900)});
        return test::respond(200, std::string(1000, 'y'));
    });
    auto options = plain_options();
    options.max_response_size = 1000;
    curl_backend backend(options);
    CHECK(send_error(backend, get(server.url("/length"))) == errc::response_too_large);
    CHECK(send_error(backend, get(server.url("/chunked"))) == errc::response_too_large);
    CHECK(send_ok(backend, get(server.url("/exact"))).body == std::string(1000, 'y'));
}

TEST_CASE("curl refused port and closed connection are transport errors")
{
    test::test_server server([](const test::received&) { return test::drop(); });
    curl_backend backend(plain_options());
    CHECK(send_error(backend, get("http://127.0.0.1:" + std::to_string(test::closed_port()) + "/")) == errc::transport_error);
    CHECK(send_error(backend, get(server.url("/"))) == errc::transport_error);
}

TEST_CASE("curl malformed answers are invalid responses, not connection failures")
{
    test::test_server server(test::malformed_answer);
    curl_backend backend(plain_options());
    for (const auto* path : test::malformed_answer_paths) {
        INFO(path);
        CHECK(send_error(backend, get(server.url(path))) == errc::invalid_response);
    }
}

TEST_CASE("curl request timeout shorter than the backend's own")
{
    test::test_server server([](const test::received&) {
        auto r = test::respond(200, "late");
        r.delay = 2s;
        return r;
    });
    curl_backend backend(plain_options()); // overall 5 s: the answer would come
    auto req = get(server.url("/"));
    req.timeout = 300ms;
    CHECK(send_error(backend, req) == errc::timeout);
}

TEST_CASE("curl plain HTTP is refused unless allowed")
{
    test::test_server server(hello);
    curl_backend strict(quick_options());
    const auto ec = send_error(strict, get(server.url("/")));
    CHECK(ec == errc::url_refused);
    CHECK(ec == renault::condition::invalid_request);
    CHECK(server.connections() == 0);
    curl_backend relaxed(plain_options());
    CHECK(send_ok(relaxed, get(server.url("/"))).body == "hello");
}

TEST_CASE("curl header with a line break is refused")
{
    test::test_server server(hello);
    curl_backend backend(plain_options());
    CHECK(send_error(backend, get(server.url("/"), {{"X-Bad", "a\r\nInjected: 1"}})) == errc::invalid_argument);
    CHECK(server.requests() == 0);
}

TEST_CASE("curl TLS round trip with the test CA")
{
    test::test_server server(hello, test::server_cert::good);
    curl_backend backend(tls_options());
    CHECK(send_ok(backend, get(server.url("/"))).body == "hello");
    CHECK(send_ok(backend, get(server.url("/", "localhost"))).body == "hello");
    CHECK(server.last_server_name() == "localhost");
}

TEST_CASE("curl TLS certificate failures")
{
    curl_backend backend(tls_options());
    for (const auto cert : {test::server_cert::wrong_host, test::server_cert::self_signed, test::server_cert::expired}) {
        test::test_server server(hello, cert);
        INFO(static_cast<int>(cert));
        CHECK(send_error(backend, get(server.url("/"))) == errc::tls_error);
        CHECK(server.requests() == 0);
    }
}

TEST_CASE("curl TLS without verification accepts any certificate")
{
    test::test_server server(hello, test::server_cert::self_signed);
    auto options = quick_options();
    options.verify_peer = false;
    curl_backend backend(options);
    CHECK(send_ok(backend, get(server.url("/"))).body == "hello");
}

TEST_CASE("curl missing CA file throws at construction")
{
    auto options = quick_options();
    options.ca_file = test::certs_dir() + "/no-such-file.pem";
    CHECK_THROWS_AS(curl_backend(options), renault::error);
}

TEST_CASE("curl HTTPS through a CONNECT proxy")
{
    test::test_server server([](const test::received& r) { return test::respond(200, "via " + r.header("Host")); },
                             test::server_cert::good);
    test::connect_proxy proxy;
    auto options = tls_options();
    options.https_proxy = proxy.url();
    curl_backend backend(options);
    const std::string host = "localhost:" + std::to_string(server.port());
    CHECK(send_ok(backend, get(server.url("/a", "localhost"))).body == "via " + host);
    CHECK(proxy.targets() == std::vector<std::string>{host});
}

TEST_CASE("curl hosts of no_proxy are reached directly, the others through the proxy")
{
    test::test_server server(hello, test::server_cert::good);
    test::connect_proxy proxy;
    auto options = tls_options();
    options.https_proxy = proxy.url();
    options.no_proxy = {"localhost"};
    curl_backend backend(options);
    CHECK(send_ok(backend, get(server.url("/", "localhost"))).body == "hello");
    CHECK(proxy.targets().empty());
    CHECK(send_ok(backend, get(server.url("/"))).body == "hello");
    CHECK(proxy.targets() == std::vector<std::string>{"127.0.0.1:" + std::to_string(server.port())});
}

TEST_CASE("curl proxy refusing CONNECT is a transport error")
{
    test::test_server server(hello, test::server_cert::good);
    test::connect_proxy proxy(true);
    auto options = tls_options();
    options.https_proxy = proxy.url();
    curl_backend backend(options);
    CHECK(send_error(backend, get(server.url("/"))) == errc::transport_error);
    CHECK(server.connections() == 0);
}

TEST_CASE("curl sync send from several threads at once")
{
    test::test_server server([](const test::received& r) { return test::respond(200, r.target); });
    curl_backend backend(plain_options());
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                const std::string path = "/" + std::to_string(t) + "/" + std::to_string(i);
                error_code ec;
                ok += !ec && backend.send(get(server.url(path)), ec).body == path;
            }
        });
    for (auto& t : threads)
        t.join();
    CHECK(ok == 20);
}

TEST_CASE("curl asynchronous through any_backend")
{
    test::test_server server([](const test::received& r) { return test::respond(200, r.target); });
    boost::asio::io_context io;
    http::any_backend backend(curl_backend(plain_options()), io.get_executor());
    static_assert(http::AsyncHttpBackend<http::any_backend>);
    std::vector<std::string> bodies;
    error_code failure;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            for (int i = 0; i < 3; ++i)
                bodies.push_back(
                    (co_await backend.async_send(get(server.url("/" + std::to_string(i))), boost::asio::use_awaitable)).body);
            try {
                (void)co_await backend.async_send(get("http://127.0.0.1:" + std::to_string(test::closed_port()) + "/"),
                                                  boost::asio::use_awaitable);
            } catch (const boost::system::system_error& e) {
                failure = e.code();
            }
        },
        boost::asio::detached);
    io.run();
    CHECK(bodies == std::vector<std::string>{"/0", "/1", "/2"});
    CHECK(failure == errc::transport_error);
    CHECK(backend.target<curl_backend>() != nullptr);
}

#else

TEST_CASE("curl backend not built")
{
    SUCCEED("libcurl development files were not found: curl_backend is not tested");
}

#endif
