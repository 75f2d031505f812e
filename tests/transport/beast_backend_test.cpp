// renault::http::beast_backend and renault::http::any_backend over loopback: round trips, keep-alive,
// concurrency, timeouts, size limits, TLS verification, the CONNECT proxy, sync and async forms.
#include "test_server.hpp"

#include <renault/http/any_backend.hpp>
#include <renault/http/beast_backend.hpp>
#include <renault/http/detail/beast_engine.hpp> // detail::has_hash_links
#include <renault/http/fake_backend.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <catch2/catch.hpp>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace http = renault::http;
namespace test = renault::test;
using boost::system::error_code;
using http::beast_backend;
using renault::errc;
using std::chrono::milliseconds;
using namespace std::chrono_literals;

namespace {

/// Short timeouts: no test waits long for anything.
http::beast_options quick_options()
{
    http::beast_options o;
    o.resolve_timeout = 2s;
    o.connect_timeout = 2s;
    o.handshake_timeout = 2s;
    o.write_timeout = 2s;
    o.read_timeout = 3s;
    o.overall_timeout = 5s;
    return o;
}

http::beast_options plain_options()
{
    auto o = quick_options();
    o.allow_plain_http = true;
    return o;
}

http::beast_options tls_options()
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

/// Sends synchronously and requires success.
http::response send_ok(beast_backend& backend, const http::request& req)
{
    error_code ec;
    http::response resp = backend.send(req, ec);
    INFO(ec.message());
    REQUIRE_FALSE(ec);
    return resp;
}

error_code send_error(beast_backend& backend, const http::request& req)
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

/// Restores an environment variable when the test ends.
class saved_env {
public:
    explicit saved_env(const char* name) : name_(name)
    {
        if (const char* v = std::getenv(name))
            value_ = v;
    }
    ~saved_env()
    {
        if (value_)
            ::setenv(name_, value_->c_str(), 1);
        else
            ::unsetenv(name_);
    }
    saved_env(const saved_env&) = delete;
    saved_env& operator=(const saved_env&) = delete;

private:
    const char* name_;
    std::optional<std::string> value_;
};

} // namespace

// --- requests and responses --------------------------------------------------------------------

TEST_CASE("beast GET round trip over plain HTTP")
{
    test::test_server server(
        [](const test::received& r) { return test::respond(200, "hello " + r.target, {"Content-Type: text/plain", "X-Server: test"}); });
    auto options = plain_options();
    options.user_agent = "renault-test/1.0";
    beast_backend backend({}, options);

    const auto resp = send_ok(backend, get(server.url("/path/a?x=1&y=%20z"), {{"X-Custom", "v1"}, {"Accept", "application/json"}}));
    CHECK(resp.status == 200);
    CHECK(resp.body == "hello /path/a?x=1&y=%20z");
    REQUIRE(resp.header("X-Server"));
    CHECK(*resp.header("X-Server") == "test");
    REQUIRE(resp.header("content-type"));
    CHECK(*resp.header("content-type") == "text/plain");

    const auto seen = server.received_requests();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].method == "GET");
    CHECK(seen[0].target == "/path/a?x=1&y=%20z");
    CHECK(seen[0].header("X-Custom") == "v1");
    CHECK(seen[0].header("Accept") == "application/json");
    CHECK(seen[0].header("Host") == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(seen[0].header("User-Agent") == "renault-test/1.0");
    CHECK_FALSE(seen[0].has_header("Content-Length"));
    CHECK_FALSE(seen[0].has_header("Accept-Encoding"));
    CHECK(seen[0].body.empty());
}

TEST_CASE("beast POST sends the body with its length")
{
    test::test_server server([](const test::received& r) { return test::respond(201, "got " + r.body); });
    beast_backend backend({}, plain_options());
    const http::request req{http::method::post, server.url("/accounts.login"),
                            {{"Content-Type", "application/x-www-form-urlencoded"}, {"User-Agent", "mine"}},
                            "loginID=a%40b.c&x=1"};
    const auto resp = send_ok(backend, req);
    CHECK(resp.status == 201);
    CHECK(resp.body == "got loginID=a%40b.c&x=1");
    const auto seen = server.received_requests();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].method == "POST");
    CHECK(seen[0].body == "loginID=a%40b.c&x=1");
    CHECK(seen[0].header("Content-Length") == "19");
    CHECK(seen[0].header("Content-Type") == "application/x-www-form-urlencoded");
    CHECK(seen[0].header("User-Agent") == "mine");
}

TEST_CASE("beast POST with an empty body sends Content-Length 0")
{
    test::test_server server(hello);
    beast_backend backend({}, plain_options());
    send_ok(backend, {http::method::post, server.url("/a"), {}, {}});
    const auto seen = server.received_requests();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].header("Content-Length") == "0");
}

TEST_CASE("beast HTTP error statuses are responses")
{
    test::test_server server([](const test::received&) {
        return test::respond(500, R"({"errors":[{"errorCode":"err.internal"}]})", {"Content-Type: application/json"});
    });
    beast_backend backend({}, plain_options());
    const auto resp = send_ok(backend, get(server.url("/x")));
    CHECK(resp.status == 500);
    CHECK(resp.body == R"({"errors":[{"errorCode":"err.internal"}]})");
}

TEST_CASE("beast response headers keep repeats in their order")
{
    test::test_server server([](const test::received&) {
        return test::respond(200, "", {"Set-Cookie: a=1", "X-Mid: m", "Set-Cookie: b=2"});
    });
    beast_backend backend({}, plain_options());
    const auto resp = send_ok(backend, get(server.url("/")));
    std::vector<std::string> cookies;
    for (const auto& h : resp.headers)
        if (http::iequals(h.name, "set-cookie"))
            cookies.push_back(h.value);
    CHECK(cookies == std::vector<std::string>{"a=1", "b=2"});
    CHECK(resp.headers.size() == 4);
    REQUIRE(resp.header("X-Mid"));
    CHECK(*resp.header("X-Mid") == "m");
    REQUIRE(resp.header("Content-Length"));
    CHECK(*resp.header("Content-Length") == "0");
    CHECK(resp.body.empty());
}

TEST_CASE("beast chunked response is reassembled")
{
    test::test_server server([](const test::received&) { return test::chunked(200, {"{\"battery", "Level\":", "60}"}); });
    beast_backend backend({}, plain_options());
    const auto resp = send_ok(backend, get(server.url("/battery")));
    CHECK(resp.status == 200);
    CHECK(resp.body == R"({"batteryLevel":60})");
    send_ok(backend, get(server.url("/battery")));
    CHECK(server.connections() == 1); // a chunked answer leaves the connection reusable
}

TEST_CASE("beast body delimited by the end of the connection")
{
    test::test_server server([](const test::received&) { return test::until_close(200, "all of it"); });
    beast_backend backend({}, plain_options());
    CHECK(send_ok(backend, get(server.url("/"))).body == "all of it");
    CHECK(send_ok(backend, get(server.url("/"))).body == "all of it");
    CHECK(server.connections() == 2);
}

TEST_CASE("beast TLS body ended by a close without close_notify is complete")
{
    test::test_server server([](const test::received&) { return test::until_close(200, "truncated stream is fine"); },
                             test::server_cert::good);
    beast_backend backend({}, tls_options());
    const auto resp = send_ok(backend, get(server.url("/")));
    CHECK(resp.status == 200);
    CHECK(resp.body == "truncated stream is fine");
}

TEST_CASE("beast header with a line break is refused")
{
    test::test_server server(hello);
    beast_backend backend({}, plain_options());
    CHECK(send_error(backend, get(server.url("/"), {{"X-Bad", "a\r\nInjected: 1"}})) == errc::invalid_argument);
    CHECK(send_error(backend, get(server.url("/"), {{"Bad Name", "v"}})) == errc::invalid_argument);
    CHECK(send_error(backend, get(server.url("/a b"))) == errc::invalid_argument);
    CHECK(server.requests() == 0);
}

// --- keep-alive --------------------------------------------------------------------------------

TEST_CASE("beast keep-alive reuses one connection over plain HTTP")
{
    test::test_server server([](const test::received& r) { return test::respond(200, std::to_string(r.nth)); });
    beast_backend backend({}, plain_options());
    for (const char* expected : {"1", "2", "3"})
        CHECK(send_ok(backend, get(server.url("/"))).body == expected);
    CHECK(server.connections() == 1);
    CHECK(server.requests() == 3);
}

TEST_CASE("beast keep-alive reuses one connection over TLS")
{
    test::test_server server([](const test::received& r) { return test::respond(200, std::to_string(r.nth)); },
                             test::server_cert::good);
    beast_backend backend({}, tls_options());
    for (const char* expected : {"1", "2", "3"})
        CHECK(send_ok(backend, get(server.url("/"))).body == expected);
    CHECK(server.connections() == 1);
}

TEST_CASE("beast pools connections per host and port")
{
    test::test_server a(hello);
    test::test_server b(hello);
    beast_backend backend({}, plain_options());
    for (int i = 0; i < 2; ++i) {
        send_ok(backend, get(a.url("/")));
        send_ok(backend, get(b.url("/")));
    }
    CHECK(a.connections() == 1);
    CHECK(b.connections() == 1);
}

TEST_CASE("beast Connection close retires the connection")
{
    test::test_server server([](const test::received&) {
        auto r = test::respond(200, "bye", {"Connection: close"});
        r.close = true;
        return r;
    });
    beast_backend backend({}, plain_options());
    for (int i = 0; i < 3; ++i)
        CHECK(send_ok(backend, get(server.url("/"))).body == "bye");
    CHECK(server.connections() == 3);
}

TEST_CASE("beast keep-alive is off when max idle connections is 0")
{
    test::test_server server(hello);
    auto options = plain_options();
    options.max_idle_connections_per_host = 0;
    beast_backend backend({}, options);
    send_ok(backend, get(server.url("/")));
    send_ok(backend, get(server.url("/")));
    CHECK(server.connections() == 2);
}

TEST_CASE("beast reused connection closed before the answer is retried once on a new one")
{
    test::test_server server([](const test::received& r) {
        if (r.connection == 1 && r.nth == 2)
            return test::drop(); // the server gave up on the idle connection as the request came
        return test::respond(200, "connection " + std::to_string(r.connection));
    });
    beast_backend backend({}, plain_options());
    CHECK(send_ok(backend, get(server.url("/"))).body == "connection 1");
    CHECK(send_ok(backend, get(server.url("/"))).body == "connection 2");
    CHECK(server.connections() == 2);
    CHECK(server.requests() == 3);
}

TEST_CASE("beast idle connection closed by the server is not reused")
{
    test::test_server server([](const test::received& r) {
        auto reply = test::respond(200, "connection " + std::to_string(r.connection));
        reply.close = true; // closes without saying Connection: close
        return reply;
    });
    beast_backend backend({}, plain_options());
    CHECK(send_ok(backend, get(server.url("/"))).body == "connection 1");
    std::this_thread::sleep_for(50ms);
    CHECK(send_ok(backend, get(server.url("/"))).body == "connection 2");
    CHECK(server.requests() == 2);
}

TEST_CASE("beast new connection closed without an answer is not retried")
{
    test::test_server server([](const test::received&) { return test::drop(); });
    beast_backend backend({}, plain_options());
    CHECK(send_error(backend, get(server.url("/"))) == errc::transport_error);
    CHECK(server.requests() == 1);
    CHECK(server.connections() == 1);
}

TEST_CASE("beast garbage instead of HTTP is an invalid response")
{
    test::test_server server([](const test::received&) { return test::reply{"SSH-2.0-OpenSSH\r\n\r\n", {}, true}; });
    beast_backend backend({}, plain_options());
    CHECK(send_error(backend, get(server.url("/"))) == errc::invalid_response);
}

TEST_CASE("beast malformed answers are invalid responses, not connection failures")
{
    test::test_server server(test::malformed_answer);
    beast_backend backend({}, plain_options());
    for (const auto* path : test::malformed_answer_paths) {
        INFO(path);
        CHECK(send_error(backend, get(server.url(path))) == errc::invalid_response);
    }
}

TEST_CASE("beast request timeout shorter than the backend's own")
{
    test::test_server server([](const test::received&) {
        auto r = test::respond(200, "late");
        r.delay = 2s;
        return r;
    });
    beast_backend backend({}, plain_options()); // read_timeout 3 s, overall 5 s: the answer would come
    auto req = get(server.url("/"));
    req.timeout = 300ms;
    CHECK(send_error(backend, req) == errc::timeout);
}

TEST_CASE("beast backend copies share the connection pool")
{
    test::test_server server(hello);
    beast_backend backend({}, plain_options());
    beast_backend copy = backend;
    send_ok(backend, get(server.url("/")));
    send_ok(copy, get(server.url("/")));
    CHECK(server.connections() == 1);
}

// --- failures ----------------------------------------------------------------------------------

TEST_CASE("beast read timeout")
{
    test::test_server server([](const test::received&) {
        auto r = test::respond(200, "late");
        r.delay = 3s;
        return r;
    });
    auto options = plain_options();
    options.read_timeout = 200ms;
    beast_backend backend({}, options);
    const auto start = std::chrono::steady_clock::now();
    CHECK(send_error(backend, get(server.url("/slow"))) == errc::timeout);
    CHECK(seconds_since(start) < 2.0);
    CHECK(server.requests() == 1); // not retried
}

TEST_CASE("beast overall deadline")
{
    test::test_server server([](const test::received&) {
        auto r = test::respond(200, "late");
        r.delay = 3s;
        return r;
    });
    auto options = plain_options();
    options.read_timeout = 10s;
    options.overall_timeout = 300ms;
    beast_backend backend({}, options);
    const auto start = std::chrono::steady_clock::now();
    CHECK(send_error(backend, get(server.url("/slow"))) == errc::timeout);
    CHECK(seconds_since(start) < 2.0);
}

TEST_CASE("beast TLS handshake timeout")
{
    test::silent_server server; // accepts, then never answers the ClientHello
    auto options = tls_options();
    options.handshake_timeout = 200ms;
    beast_backend backend({}, options);
    const auto start = std::chrono::steady_clock::now();
    CHECK(send_error(backend, get("https://127.0.0.1:" + std::to_string(server.port()) + "/")) == errc::timeout);
    CHECK(seconds_since(start) < 2.0);
}

TEST_CASE("beast read timeout when the server never answers")
{
    test::silent_server server;
    auto options = plain_options();
    options.read_timeout = 200ms;
    beast_backend backend({}, options);
    const auto start = std::chrono::steady_clock::now();
    CHECK(send_error(backend, get("http://127.0.0.1:" + std::to_string(server.port()) + "/")) == errc::timeout);
    CHECK(seconds_since(start) < 2.0);
}

TEST_CASE("beast response over the size limit")
{
    const std::string big(2000, 'x');
    const std::string exact(1000, 'y');
    test::test_server server([&](const test::received& r) {
        if (r.target == "/length")
            return test::respond(200, big);
        if (r.target == "/chunked")
            return test::chunked(200, {big.substr(0, 900), big.substr(900)});
        if (r.target == "/until-close")
            return test::until_close(200, big);
        return test::respond(200, exact);
    });
    auto options = plain_options();
    options.max_response_size = 1000;
    beast_backend backend({}, options);
    CHECK(send_error(backend, get(server.url("/length"))) == errc::response_too_large);
    CHECK(send_error(backend, get(server.url("/chunked"))) == errc::response_too_large);
    CHECK(send_error(backend, get(server.url("/until-close"))) == errc::response_too_large);
    CHECK(send_ok(backend, get(server.url("/exact"))).body == exact);
}

TEST_CASE("beast refused port is a transport error")
{
    beast_backend backend({}, plain_options());
    CHECK(send_error(backend, get("http://127.0.0.1:" + std::to_string(test::closed_port()) + "/")) == errc::transport_error);
}

TEST_CASE("beast plain HTTP is refused unless allowed")
{
    test::test_server server(hello);
    beast_backend strict({}, quick_options());
    const auto ec = send_error(strict, get(server.url("/")));
    CHECK(ec == errc::url_refused);
    CHECK(ec == renault::condition::invalid_request); // not transient: the client does not retry it
    CHECK(server.connections() == 0);
    beast_backend relaxed({}, plain_options());
    CHECK(send_ok(relaxed, get(server.url("/"))).body == "hello");
}

TEST_CASE("beast unsupported scheme or relative URL")
{
    beast_backend backend({}, plain_options());
    CHECK(send_error(backend, get("ftp://127.0.0.1/file")) == errc::url_refused);
    CHECK(send_error(backend, get("/just/a/path")) == errc::url_refused);
}

// --- TLS ---------------------------------------------------------------------------------------

TEST_CASE("beast TLS round trip to an IP address sends no SNI")
{
    test::test_server server(hello, test::server_cert::good);
    beast_backend backend({}, tls_options());
    const auto resp = send_ok(backend, get(server.url("/a")));
    CHECK(resp.status == 200);
    CHECK(resp.body == "hello");
    CHECK(server.last_server_name().empty());
}

TEST_CASE("beast TLS to a host name sends SNI and verifies it")
{
    test::test_server server(
        [](const test::received& r) { return test::respond(200, r.header("Host")); }, test::server_cert::good);
    beast_backend backend({}, tls_options());
    const auto resp = send_ok(backend, get(server.url("/a", "localhost")));
    CHECK(resp.body == "localhost:" + std::to_string(server.port()));
    CHECK(server.last_server_name() == "localhost");
}

TEST_CASE("beast TLS certificate for another host name")
{
    test::test_server server(hello, test::server_cert::wrong_host);
    beast_backend backend({}, tls_options());
    CHECK(send_error(backend, get(server.url("/"))) == errc::tls_error);
    CHECK(send_error(backend, get(server.url("/", "localhost"))) == errc::tls_error);
    CHECK(server.requests() == 0);
}

TEST_CASE("beast TLS untrusted self-signed certificate")
{
    test::test_server server(hello, test::server_cert::self_signed);
    beast_backend backend({}, tls_options());
    CHECK(send_error(backend, get(server.url("/"))) == errc::tls_error);
    CHECK(server.requests() == 0);
}

TEST_CASE("beast TLS expired certificate")
{
    test::test_server server(hello, test::server_cert::expired);
    beast_backend backend({}, tls_options());
    CHECK(send_error(backend, get(server.url("/"))) == errc::tls_error);
    CHECK(server.requests() == 0);
}

TEST_CASE("beast TLS with the system trust store rejects the test CA")
{
    test::test_server server(hello, test::server_cert::good);
    beast_backend backend({}, quick_options());
    CHECK(send_error(backend, get(server.url("/"))) == errc::tls_error);
}

namespace {

/// Sets an environment variable for the life of the object (nullptr: unset), then restores it.
struct scoped_env {
    scoped_env(const char* name, const char* value) : name_(name)
    {
        if (const char* old = std::getenv(name))
            saved_ = old;
        value ? ::setenv(name, value, 1) : ::unsetenv(name);
    }
    ~scoped_env() { saved_ ? ::setenv(name_, saved_->c_str(), 1) : ::unsetenv(name_); }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;

private:
    const char* name_;
    std::optional<std::string> saved_;
};

/// The OpenSSL subject hash of a PEM certificate ("5ad8a5d6"): the name of its link in a hashed directory.
std::string subject_hash(const std::string& pem_file)
{
    std::FILE* f = std::fopen(pem_file.c_str(), "r");
    REQUIRE(f);
    X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    REQUIRE(cert);
    char name[16];
    std::snprintf(name, sizeof name, "%08lx", X509_subject_name_hash(cert));
    X509_free(cert);
    return name;
}

} // namespace

TEST_CASE("beast TLS trusts the system store through a hashed certificate directory")
{
    test::test_server server(hello, test::server_cert::good);
    const std::filesystem::path dir = std::filesystem::path(test::certs_dir()) / "hashed";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(test::cert_file("ca.pem"), dir / "ca.pem");
    scoped_env no_file("SSL_CERT_FILE", nullptr);
    scoped_env cert_dir("SSL_CERT_DIR", dir.c_str());

    SECTION("without hash links the directory is not used: the test CA is not trusted")
    {
        CHECK_FALSE(http::detail::has_hash_links(dir.string()));
        beast_backend backend({}, quick_options());
        CHECK(send_error(backend, get(server.url("/"))) == errc::tls_error);
    }
    SECTION("with its hash link the test CA is trusted, with no ca_file")
    {
        std::filesystem::create_symlink("ca.pem", dir / (subject_hash(test::cert_file("ca.pem")) + ".0"));
        CHECK(http::detail::has_hash_links(dir.string()));
        beast_backend backend({}, quick_options());
        CHECK(send_ok(backend, get(server.url("/"))).body == "hello");
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("beast TLS without verification accepts any certificate")
{
    test::test_server server(hello, test::server_cert::self_signed);
    auto options = quick_options();
    options.verify_peer = false;
    beast_backend backend({}, options);
    CHECK(send_ok(backend, get(server.url("/"))).body == "hello");
}

TEST_CASE("beast TLS to a plain HTTP server")
{
    test::test_server server(hello); // reads the ClientHello as a bad HTTP request and hangs up
    beast_backend backend({}, tls_options());
    CHECK(send_error(backend, get("https://127.0.0.1:" + std::to_string(server.port()) + "/")) == errc::tls_error);
}

TEST_CASE("beast missing CA file throws at construction")
{
    auto options = quick_options();
    options.ca_file = test::certs_dir() + "/no-such-file.pem";
    try {
        beast_backend backend({}, options);
        FAIL("no exception");
    } catch (const renault::error& e) {
        CHECK(e.error_code() == errc::tls_error);
        CHECK(std::string(e.what()).find("no-such-file.pem") != std::string::npos);
    }
}

// --- proxy -------------------------------------------------------------------------------------

TEST_CASE("beast HTTPS through a CONNECT proxy")
{
    test::test_server server([](const test::received& r) { return test::respond(200, "via " + r.header("Host")); },
                             test::server_cert::good);
    test::connect_proxy proxy;
    auto options = tls_options();
    options.https_proxy = "http://alice:s3cret@127.0.0.1:" + std::to_string(proxy.port());
    beast_backend backend({}, options);
    const std::string host = "localhost:" + std::to_string(server.port());
    CHECK(send_ok(backend, get(server.url("/a", "localhost"))).body == "via " + host);
    CHECK(send_ok(backend, get(server.url("/b", "localhost"))).body == "via " + host);
    CHECK(proxy.targets() == std::vector<std::string>{host}); // one tunnel, kept alive
    CHECK(proxy.authorizations() == std::vector<std::string>{"Basic YWxpY2U6czNjcmV0"});
    CHECK(server.last_server_name() == "localhost");
    CHECK(server.connections() == 1);
}

TEST_CASE("beast proxy without credentials or scheme")
{
    test::test_server server(hello, test::server_cert::good);
    test::connect_proxy proxy;
    auto options = tls_options();
    options.https_proxy = "127.0.0.1:" + std::to_string(proxy.port());
    beast_backend backend({}, options);
    CHECK(send_ok(backend, get(server.url("/"))).body == "hello");
    CHECK(proxy.targets() == std::vector<std::string>{"127.0.0.1:" + std::to_string(server.port())});
    CHECK(proxy.authorizations() == std::vector<std::string>{""});
}

TEST_CASE("beast proxy refusing CONNECT is a transport error")
{
    test::test_server server(hello, test::server_cert::good);
    test::connect_proxy proxy(true);
    auto options = tls_options();
    options.https_proxy = proxy.url();
    beast_backend backend({}, options);
    CHECK(send_error(backend, get(server.url("/"))) == errc::transport_error);
    CHECK(proxy.targets().size() == 1);
    CHECK(server.connections() == 0);
}

TEST_CASE("beast proxy is not used for plain HTTP")
{
    test::test_server server(hello);
    test::connect_proxy proxy;
    auto options = plain_options();
    options.https_proxy = proxy.url();
    beast_backend backend({}, options);
    CHECK(send_ok(backend, get(server.url("/"))).body == "hello");
    CHECK(proxy.targets().empty());
}

TEST_CASE("beast invalid proxy URLs throw at construction")
{
    for (const char* proxy : {"https://127.0.0.1:3128", "socks5://127.0.0.1:1080", "http://:3128", "http://host:port"}) {
        auto options = quick_options();
        options.https_proxy = proxy;
        INFO(proxy);
        try {
            beast_backend backend({}, options);
            FAIL("no exception");
        } catch (const renault::error& e) {
            CHECK(e.error_code() == errc::invalid_argument);
        }
    }
}

TEST_CASE("https proxy from the environment")
{
    saved_env lower("https_proxy");
    saved_env upper("HTTPS_PROXY");
    ::unsetenv("https_proxy");
    ::unsetenv("HTTPS_PROXY");
    CHECK_FALSE(http::https_proxy_from_environment());
    ::setenv("HTTPS_PROXY", "http://upper:3128", 1);
    CHECK(http::https_proxy_from_environment() == std::optional<std::string>("http://upper:3128"));
    ::setenv("https_proxy", "http://lower:3128", 1);
    CHECK(http::https_proxy_from_environment() == std::optional<std::string>("http://lower:3128"));
    ::setenv("https_proxy", "", 1);
    CHECK(http::https_proxy_from_environment() == std::optional<std::string>("http://upper:3128"));
    // Not read implicitly: default options have no proxy.
    CHECK_FALSE(http::beast_options{}.https_proxy);
}

TEST_CASE("beast hosts of no_proxy are reached directly, the others through the proxy")
{
    test::test_server server(hello, test::server_cert::good);
    test::connect_proxy proxy;
    auto options = tls_options();
    options.https_proxy = proxy.url();
    options.no_proxy = {"example.org", "LOCALHOST"};
    beast_backend backend({}, options);
    // localhost: listed (case ignored), so direct.
    CHECK(send_ok(backend, get(server.url("/", "localhost"))).body == "hello");
    CHECK(proxy.targets().empty());
    CHECK(server.connections() == 1);
    // 127.0.0.1: not listed, so tunnelled.
    CHECK(send_ok(backend, get(server.url("/"))).body == "hello");
    CHECK(proxy.targets() == std::vector<std::string>{"127.0.0.1:" + std::to_string(server.port())});

    options.no_proxy = {"*"};
    beast_backend everything_direct({}, options);
    CHECK(send_ok(everything_direct, get(server.url("/"))).body == "hello");
    CHECK(proxy.targets().size() == 1);
}

TEST_CASE("no_proxy rules: subdomains, IP addresses, ports, case")
{
    const std::vector<std::string> list{".example.com", "corp.net", "10.0.0.1", "::1"};
    CHECK(http::bypasses_proxy(list, "example.com"));
    CHECK(http::bypasses_proxy(list, "api.example.com"));
    CHECK(http::bypasses_proxy(list, "API.Corp.NET"));
    CHECK(http::bypasses_proxy(list, "10.0.0.1"));
    CHECK(http::bypasses_proxy(list, "::1"));
    CHECK_FALSE(http::bypasses_proxy(list, "badexample.com"));  // not a subdomain
    CHECK_FALSE(http::bypasses_proxy(list, "10.0.0.10"));       // addresses are exact
    CHECK_FALSE(http::bypasses_proxy(list, "example.com.evil")); // a suffix, not a prefix
    CHECK_FALSE(http::bypasses_proxy(list, "api-kamereon.renault.com"));
    CHECK_FALSE(http::bypasses_proxy({}, "example.com"));
}

TEST_CASE("no_proxy from the environment")
{
    saved_env lower("no_proxy");
    saved_env upper("NO_PROXY");
    ::unsetenv("no_proxy");
    ::unsetenv("NO_PROXY");
    CHECK(http::no_proxy_from_environment().empty());
    ::setenv("NO_PROXY", "upper.example", 1);
    CHECK(http::no_proxy_from_environment() == std::vector<std::string>{"upper.example"});
    ::setenv("no_proxy", " localhost, .example.com ,10.1.2.3:8080,[::1]:8443,fe80::1,,*", 1);
    CHECK(http::no_proxy_from_environment() ==
          std::vector<std::string>{"localhost", "example.com", "10.1.2.3", "::1", "fe80::1", "*"});
    CHECK(http::beast_options{}.no_proxy.empty()); // not read implicitly
}

// --- asynchronous and synchronous forms --------------------------------------------------------

TEST_CASE("beast 50 concurrent async requests on one io_context")
{
    test::test_server server([](const test::received& r) {
        auto reply = test::respond(200, "answer to " + r.target);
        reply.delay = 100ms; // all are in flight together
        return reply;
    });
    boost::asio::io_context io;
    beast_backend backend(io.get_executor(), plain_options());
    constexpr int count = 50;
    std::vector<std::optional<std::pair<error_code, http::response>>> results(count);
    for (int i = 0; i < count; ++i)
        backend.async_send(get(server.url("/r" + std::to_string(i))), [&results, i](error_code ec, http::response resp) {
            results[static_cast<std::size_t>(i)].emplace(ec, std::move(resp));
        });
    const auto start = std::chrono::steady_clock::now();
    io.run();
    CHECK(seconds_since(start) < 4.0); // 50 × 100 ms one after the other would be 5 s
    for (int i = 0; i < count; ++i) {
        const auto& r = results[static_cast<std::size_t>(i)];
        REQUIRE(r);
        CHECK_FALSE(r->first);
        CHECK(r->second.status == 200);
        CHECK(r->second.body == "answer to /r" + std::to_string(i));
    }
    CHECK(server.requests() == count);
    CHECK(server.connections() == count); // none was idle: each took its own
}

TEST_CASE("beast idle pool keeps at most max idle connections per host")
{
    test::test_server server([](const test::received&) {
        auto reply = test::respond(200, "ok");
        reply.delay = 50ms;
        return reply;
    });
    boost::asio::io_context io;
    auto options = plain_options();
    options.max_idle_connections_per_host = 4;
    beast_backend backend(io.get_executor(), options);
    int ok = 0;
    auto round = [&] {
        for (int i = 0; i < 8; ++i)
            backend.async_send(get(server.url("/")), [&ok](error_code ec, http::response resp) {
                ok += !ec && resp.status == 200;
            });
        io.restart();
        io.run();
    };
    round();
    CHECK(server.connections() == 8);
    round();
    CHECK(ok == 16);
    CHECK(server.connections() == 12); // 4 idle reused, 4 new
}

TEST_CASE("beast async_send with use_awaitable")
{
    test::test_server server(hello);
    boost::asio::io_context io;
    beast_backend backend(io.get_executor(), plain_options());
    std::string body;
    std::optional<error_code> failure;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            const http::response resp = co_await backend.async_send(get(server.url("/")), boost::asio::use_awaitable);
            body = resp.body;
            try {
                (void)co_await backend.async_send(
                    get("http://127.0.0.1:" + std::to_string(test::closed_port()) + "/"), boost::asio::use_awaitable);
            } catch (const boost::system::system_error& e) {
                failure = e.code();
            }
        },
        boost::asio::detached);
    io.run();
    CHECK(body == "hello");
    REQUIRE(failure);
    CHECK(*failure == errc::transport_error);
}

TEST_CASE("beast async_send never completes inline and completes on the executor")
{
    boost::asio::io_context io;
    bool done = false;
    error_code result;
    std::thread::id where;
    // Fails at once (http:// refused): still not inside the call.
    beast_backend strict(io.get_executor(), quick_options());
    strict.async_send(get("http://127.0.0.1:1/"), [&](error_code ec, http::response) {
        done = true;
        result = ec;
        where = std::this_thread::get_id();
    });
    CHECK_FALSE(done);
    io.run();
    CHECK(done);
    CHECK(result == errc::url_refused);
    CHECK(where == std::this_thread::get_id());
}

TEST_CASE("beast async_send without an executor throws bad_executor")
{
    test::test_server server(hello);
    beast_backend backend({}, plain_options());
    CHECK_THROWS_AS(backend.async_send(get(server.url("/")), [](error_code, http::response) {}),
                    boost::asio::execution::bad_executor);
    CHECK(send_ok(backend, get(server.url("/"))).body == "hello");
}

TEST_CASE("beast on a multi-threaded io_context")
{
    test::test_server server([](const test::received& r) { return test::respond(200, r.target); });
    boost::asio::io_context io;
    beast_backend backend(io.get_executor(), plain_options());
    std::atomic<int> ok{0};
    for (int i = 0; i < 30; ++i)
        backend.async_send(get(server.url("/" + std::to_string(i))), [&ok, i](error_code ec, http::response resp) {
            ok += !ec && resp.body == "/" + std::to_string(i);
        });
    std::thread other([&io] { io.run(); });
    io.run();
    other.join();
    CHECK(ok == 30);
}

TEST_CASE("beast sync send from several threads at once")
{
    test::test_server server([](const test::received& r) { return test::respond(200, r.target); });
    beast_backend backend({}, plain_options());
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                const std::string path = "/" + std::to_string(t) + "/" + std::to_string(i);
                error_code ec;
                const auto resp = backend.send(get(server.url(path)), ec);
                ok += !ec && resp.body == path;
            }
        });
    for (auto& t : threads)
        t.join();
    CHECK(ok == 20);
    CHECK(server.requests() == 20);
    CHECK(server.connections() <= 4);
}

TEST_CASE("beast sync send from the executor's own thread does not deadlock")
{
    test::test_server server(hello);
    boost::asio::io_context io;
    beast_backend backend(io.get_executor(), plain_options());
    std::string body;
    boost::asio::post(io, [&] {
        error_code ec;
        body = backend.send(get(server.url("/")), ec).body;
    });
    io.run();
    CHECK(body == "hello");
}

// --- any_backend -------------------------------------------------------------------------------

namespace {

/// A synchronous-only backend: answers with the thread it ran on.
struct thread_echo_backend {
    std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
    http::response send(const http::request& req, error_code& ec)
    {
        ++*calls;
        ec.clear();
        std::ostringstream id;
        id << std::this_thread::get_id();
        return {200, {{"X-Thread", id.str()}}, req.url};
    }
};
static_assert(http::HttpBackend<thread_echo_backend>);
static_assert(!http::AsyncHttpBackend<thread_echo_backend>);

std::string thread_name(std::thread::id id)
{
    std::ostringstream out;
    out << id;
    return out.str();
}

} // namespace

TEST_CASE("any_backend wraps beast_backend")
{
    test::test_server server(hello);
    boost::asio::io_context io;
    http::any_backend backend(beast_backend(io.get_executor(), plain_options()));
    CHECK(backend.get_executor() == boost::asio::any_io_executor(io.get_executor()));
    CHECK(backend.target<beast_backend>() != nullptr);
    CHECK(backend.target<http::fake_backend>() == nullptr);

    error_code ec;
    CHECK(backend.send(get(server.url("/sync")), ec).body == "hello");
    CHECK_FALSE(ec);

    std::string body;
    backend.async_send(get(server.url("/async")), [&](error_code e, http::response resp) {
        CHECK_FALSE(e);
        body = resp.body;
    });
    io.run();
    CHECK(body == "hello");
    CHECK(server.connections() == 2); // one per pool: sync and async
}

TEST_CASE("any_backend wraps fake_backend by value and by shared_ptr")
{
    boost::asio::io_context io;
    auto fake = std::make_shared<http::fake_backend>(io.get_executor());
    fake->on(http::method::get, "/p", http::fake_backend::json(200, R"({"a":1})"))
        .fail(http::method::get, "/down", errc::timeout);
    http::any_backend shared(fake);
    http::any_backend by_value(*fake); // fake copies share their scripts and records

    error_code ec;
    CHECK(shared.send(get("https://x/p"), ec).body == R"({"a":1})");
    CHECK_FALSE(ec);
    (void)by_value.send(get("https://x/down"), ec);
    CHECK(ec == errc::timeout);

    std::vector<std::pair<error_code, std::string>> async_results;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            const auto resp = co_await shared.async_send(get("https://x/p"), boost::asio::use_awaitable);
            async_results.emplace_back(error_code{}, resp.body);
            try {
                (void)co_await by_value.async_send(get("https://x/down"), boost::asio::use_awaitable);
            } catch (const boost::system::system_error& e) {
                async_results.emplace_back(e.code(), "");
            }
        },
        boost::asio::detached);
    io.run();
    REQUIRE(async_results.size() == 2);
    CHECK(async_results[0].second == R"({"a":1})");
    CHECK(async_results[1].first == errc::timeout);
    CHECK(fake->count(http::method::get, "/p") == 2);
    CHECK(fake->count(http::method::get, "/down") == 2);
    CHECK(shared.target<http::fake_backend>() == fake.get());
}

TEST_CASE("any_backend runs a synchronous backend on a pool for async_send")
{
    boost::asio::io_context io;
    thread_echo_backend sync;
    http::any_backend backend(sync, io.get_executor());
    std::string ran_on;
    std::thread::id completed_on;
    bool done = false;
    backend.async_send(get("https://x/a"), [&](error_code ec, http::response resp) {
        CHECK_FALSE(ec);
        CHECK(resp.body == "https://x/a");
        ran_on = *resp.header("X-Thread");
        completed_on = std::this_thread::get_id();
        done = true;
    });
    CHECK_FALSE(done);
    io.run();
    REQUIRE(done);
    CHECK(completed_on == std::this_thread::get_id());
    CHECK(ran_on != thread_name(std::this_thread::get_id()));
    CHECK(*sync.calls == 1);

    error_code ec;
    const auto resp = backend.send(get("https://x/b"), ec);
    CHECK(*resp.header("X-Thread") == thread_name(std::this_thread::get_id()));
    CHECK(*sync.calls == 2);
}

TEST_CASE("any_backend of a synchronous backend without an executor")
{
    http::any_backend backend{thread_echo_backend{}};
    CHECK_THROWS_AS(backend.async_send(get("https://x/a"), [](error_code, http::response) {}),
                    boost::asio::execution::bad_executor);
    error_code ec;
    CHECK(backend.send(get("https://x/a"), ec).body == "https://x/a");
    CHECK_FALSE(ec);
}

TEST_CASE("any_backend copies share the held backend")
{
    thread_echo_backend sync;
    http::any_backend a{sync};
    http::any_backend b = a;
    error_code ec;
    (void)a.send(get("https://x/1"), ec);
    (void)b.send(get("https://x/2"), ec);
    CHECK(*sync.calls == 2);
    CHECK(a.target<thread_echo_backend>() == b.target<thread_echo_backend>());
}
