// renault::http::fake_backend: scripting, matching, recording, failures, latency, async forms.
#include <renault/http/fake_backend.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace http = renault::http;
using http::fake_backend;
using http::method;
using std::chrono::milliseconds;

namespace {

const std::string root = "https://api-wired-prod-1-euw1.wrd-aws.com";

http::request get(std::string url)
{
    return {method::get, std::move(url), {}, {}};
}

/// Sends synchronously and checks that no transport error occurred.
http::response send_ok(fake_backend& fake, const http::request& req)
{
    boost::system::error_code ec;
    http::response resp = fake.send(req, ec);
    REQUIRE_FALSE(ec);
    return resp;
}

unsigned status_of(fake_backend& fake, const std::string& url)
{
    return send_ok(fake, get(url)).status;
}

} // namespace

TEST_CASE("a scripted response is answered with its status, headers and body")
{
    fake_backend fake;
    fake.on(method::get, "/commerce/v1/persons/person-id-1", fake_backend::json(200, R"({"accounts":[]})"));

    const http::response resp = send_ok(fake, get(root + "/commerce/v1/persons/person-id-1?country=FR"));
    CHECK(resp.status == 200);
    CHECK(resp.body == R"({"accounts":[]})");
    REQUIRE(resp.header("content-type") != nullptr);
    CHECK(*resp.header("content-type") == "application/json");
    CHECK(resp.headers.size() == 1);
}

TEST_CASE("matching uses the path only: scheme and host are ignored on both sides")
{
    fake_backend fake;
    fake.on(method::get, "https://elsewhere.example/commerce/v1/persons/p1", fake_backend::json(200, "a"));
    CHECK(status_of(fake, root + "/commerce/v1/persons/p1") == 200);
    CHECK(status_of(fake, "http://127.0.0.1:8080/commerce/v1/persons/p1") == 200);
    CHECK(status_of(fake, root + "/commerce/v1/persons/p1/") == 404);  // another path
    CHECK(status_of(fake, root + "/commerce/v1/persons/p12") == 404);
}

TEST_CASE("matching is keyed by method")
{
    fake_backend fake;
    fake.on(method::post, "/accounts.login", fake_backend::json(200, "post"));
    boost::system::error_code ec;
    CHECK(fake.send({method::post, root + "/accounts.login", {}, "x=1"}, ec).body == "post");
    CHECK(fake.send(get(root + "/accounts.login"), ec).status == 404);
}

TEST_CASE("a target with a query matches exactly that set of parameters, in any order, decoded")
{
    fake_backend fake;
    fake.on(method::get, "/p?type=day&start=20240101", fake_backend::json(200, "days"));

    CHECK(status_of(fake, root + "/p?type=day&start=20240101") == 200);
    CHECK(status_of(fake, root + "/p?start=20240101&type=day") == 200);
    CHECK(status_of(fake, root + "/p?start=%32%30240101&type=d%61y") == 200);
    CHECK(status_of(fake, root + "/p?type=day") == 404);
    CHECK(status_of(fake, root + "/p?type=day&start=20240101&end=20240131") == 404);
    CHECK(status_of(fake, root + "/p?type=month&start=20240101") == 404);
    CHECK(status_of(fake, root + "/p") == 404);

    fake.on(method::get, "/space?q=a b", fake_backend::json(200, "space"));
    CHECK(status_of(fake, root + "/space?q=a+b") == 200);
    CHECK(status_of(fake, root + "/space?q=a%20b") == 200);
}

TEST_CASE("a target without a query matches any query, one ending in ? matches none")
{
    fake_backend fake;
    fake.on(method::get, "/any", fake_backend::json(200, "any"));
    fake.on(method::get, "/none?", fake_backend::json(200, "none"));

    CHECK(status_of(fake, root + "/any") == 200);
    CHECK(status_of(fake, root + "/any?country=FR") == 200);
    CHECK(status_of(fake, root + "/none") == 200);
    CHECK(status_of(fake, root + "/none?country=FR") == 404);
}

TEST_CASE("a script with a query wins over one without, whatever the order they were added in")
{
    for (const bool specific_first : {true, false}) {
        fake_backend fake;
        if (specific_first)
            fake.on(method::get, "/p?country=FR", fake_backend::json(200, "FR"));
        fake.on(method::get, "/p", fake_backend::json(200, "generic"));
        if (!specific_first)
            fake.on(method::get, "/p?country=FR", fake_backend::json(200, "FR"));

        CHECK(send_ok(fake, get(root + "/p?country=FR")).body == "FR");
        CHECK(send_ok(fake, get(root + "/p?country=DE")).body == "generic");
        CHECK(send_ok(fake, get(root + "/p")).body == "generic");
    }
}

TEST_CASE("scripts for the same key answer in order and the last one repeats")
{
    fake_backend fake;
    const std::string url = root + "/commerce/v1/accounts/a1/vehicles";
    fake.on(method::get, "/commerce/v1/accounts/a1/vehicles", fake_backend::json(401, "expired"))
        .on(method::get, "/commerce/v1/accounts/a1/vehicles", fake_backend::json(200, "ok"));

    CHECK(send_ok(fake, get(url)).status == 401);
    for (int i = 0; i < 3; ++i)
        CHECK(send_ok(fake, get(url)).status == 200);

    // A script added after the last one has answered takes over at once.
    fake.on(method::get, "/commerce/v1/accounts/a1/vehicles", fake_backend::json(500, "down"));
    CHECK(send_ok(fake, get(url)).status == 500);
    CHECK(send_ok(fake, get(url)).status == 500);

    // Scripts added before any answer queue up behind the pending one.
    fake.on(method::get, "/other", fake_backend::json(201, ""))
        .on(method::get, "/other", fake_backend::json(202, ""))
        .on(method::get, "/other", fake_backend::json(203, ""));
    CHECK(status_of(fake, root + "/other") == 201);
    CHECK(status_of(fake, root + "/other") == 202);
    CHECK(status_of(fake, root + "/other") == 203);
    CHECK(status_of(fake, root + "/other") == 203);
}

TEST_CASE("an unscripted request answers 404 with a Kamereon error body naming it")
{
    fake_backend fake;
    const http::response resp = send_ok(fake, get(root + "/commerce/v1/persons/p1"));
    CHECK(resp.status == 404);
    CHECK(resp.body
          == R"({"errors":[{"errorCode":"fake.unscripted","errorMessage":"no scripted response for GET /commerce/v1/persons/p1"}]})");
    REQUIRE(resp.header("Content-Type") != nullptr);
    CHECK(*resp.header("Content-Type") == "application/json");

    boost::system::error_code ec;
    const http::response post = fake.send({method::post, root + R"(/a"b\c?x=1)", {}, {}}, ec);
    CHECK_FALSE(ec);
    CHECK(post.body
          == R"({"errors":[{"errorCode":"fake.unscripted","errorMessage":"no scripted response for POST /a\"b\\c?x=1"}]})");
}

TEST_CASE("requests are recorded with method, url, headers and body")
{
    fake_backend fake;
    fake.on(method::post, "/accounts.getJWT", fake_backend::json(200, "{}"));
    const http::request login{method::post,
                              "https://accounts.eu1.gigya.com/accounts.getJWT",
                              {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "*/*"}},
                              "ApiKey=k&fields=data.personId"};
    send_ok(fake, login);
    send_ok(fake, get(root + "/unscripted?country=FR"));
    send_ok(fake, get(root + "/unscripted?country=DE"));

    const std::vector<http::request> seen = fake.requests();
    REQUIRE(seen.size() == 3);
    CHECK(seen[0].method == method::post);
    CHECK(seen[0].url == "https://accounts.eu1.gigya.com/accounts.getJWT");
    CHECK(seen[0].headers == login.headers);
    CHECK(seen[0].body == "ApiKey=k&fields=data.personId");
    CHECK(seen[1].method == method::get);
    CHECK(seen[1].url == root + "/unscripted?country=FR");
    CHECK(seen[2].url == root + "/unscripted?country=DE");

    CHECK(fake.count(method::post, "/accounts.getJWT") == 1);
    CHECK(fake.count(method::get, "/accounts.getJWT") == 0);
    CHECK(fake.count(method::get, "/unscripted") == 2);
    CHECK(fake.count(method::get, "/unscripted?country=DE") == 1);
    CHECK(fake.count(method::get, "/unscripted?") == 0);

    fake.clear_requests();
    CHECK(fake.requests().empty());
    CHECK(status_of(fake, root + "/accounts.getJWT") == 404); // GET: not scripted
    boost::system::error_code ec;
    CHECK(fake.send(login, ec).status == 200);                 // scripts survive clear_requests
    CHECK(fake.requests().size() == 2);

    fake.set_latency(milliseconds(1));
    fake.reset();
    CHECK(fake.requests().empty());
    CHECK(fake.send(login, ec).status == 404); // scripts are gone too
}

TEST_CASE("fail() reports a transport failure with an empty response, and is recorded")
{
    fake_backend fake;
    fake.fail(method::get, "/down", renault::errc::timeout)
        .on(method::get, "/down", fake_backend::json(200, "back"));

    boost::system::error_code ec;
    const http::response failed = fake.send(get(root + "/down"), ec);
    CHECK(ec == renault::errc::timeout);
    CHECK(ec == renault::condition::transient);
    CHECK(failed.status == 0);
    CHECK(failed.body.empty());
    CHECK(failed.headers.empty());

    const http::response recovered = fake.send(get(root + "/down"), ec);
    CHECK_FALSE(ec);
    CHECK(recovered.body == "back");
    CHECK(fake.count(method::get, "/down") == 2);
}

TEST_CASE("a responder computes the response from the request")
{
    fake_backend fake;
    fake.on(method::post, "/echo", [](const http::request& req) {
        const std::string* type = req.header("content-type");
        return fake_backend::json(200, req.body + "|" + (type ? *type : "none"));
    });
    boost::system::error_code ec;
    const http::response resp = fake.send({method::post, root + "/echo", {{"Content-Type", "text/plain"}}, "hello"}, ec);
    CHECK_FALSE(ec);
    CHECK(resp.body == "hello|text/plain");
}

TEST_CASE("a responder that throws is reported as transport_error, never as an exception")
{
    fake_backend fake;
    fake.on(method::get, "/std", [](const http::request&) -> http::response { throw std::runtime_error("boom"); });
    fake.on(method::get, "/int", [](const http::request&) -> http::response { throw 42; });
    fake.on(method::get, "/empty", fake_backend::responder{});

    for (const char* path : {"/std", "/int", "/empty"}) {
        boost::system::error_code ec;
        http::response resp;
        REQUIRE_NOTHROW(resp = fake.send(get(root + path), ec));
        CHECK(ec == renault::errc::transport_error);
        CHECK(resp.status == 0);
    }
    CHECK(fake.requests().size() == 3);
}

TEST_CASE("send sleeps for the latency")
{
    fake_backend fake;
    fake.on(method::get, "/slow", fake_backend::json(200, ""));
    fake.set_latency(milliseconds(40));
    const auto start = std::chrono::steady_clock::now();
    CHECK(status_of(fake, root + "/slow") == 200);
    CHECK(std::chrono::steady_clock::now() - start >= milliseconds(40));
}

TEST_CASE("copies share scripts and records, and the executor given at construction")
{
    boost::asio::io_context io;
    fake_backend fake{io.get_executor()};
    fake_backend copy = fake;
    copy.on(method::get, "/shared", fake_backend::json(200, "shared"));
    CHECK(send_ok(fake, get(root + "/shared")).body == "shared");
    CHECK(copy.count(method::get, "/shared") == 1);
    CHECK(copy.get_executor() == boost::asio::any_io_executor(io.get_executor()));
    CHECK(fake_backend{}.get_executor() == boost::asio::any_io_executor());
}

TEST_CASE("async_send completes a callback through the executor, never inline")
{
    boost::asio::io_context io;
    fake_backend fake{io.get_executor()};
    fake.on(method::get, "/battery-status", fake_backend::json(200, "battery"));
    fake.fail(method::get, "/broken", renault::errc::tls_error);

    int calls = 0;
    http::response got;
    boost::system::error_code got_ec = renault::errc::timeout;
    fake.async_send(get(root + "/battery-status"), [&](boost::system::error_code ec, http::response resp) {
        ++calls;
        got_ec = ec;
        got = std::move(resp);
    });
    boost::system::error_code broken_ec;
    fake.async_send(get(root + "/broken"), [&](boost::system::error_code ec, http::response) {
        ++calls;
        broken_ec = ec;
    });
    CHECK(calls == 0);                   // not inline...
    CHECK(fake.requests().size() == 2);  // ...but recorded when started
    io.run();
    CHECK(calls == 2);
    CHECK_FALSE(got_ec);
    CHECK(got.status == 200);
    CHECK(got.body == "battery");
    CHECK(broken_ec == renault::errc::tls_error);
}

TEST_CASE("async_send completes after the latency")
{
    boost::asio::io_context io;
    fake_backend fake{io.get_executor()};
    fake.on(method::get, "/slow", fake_backend::json(200, "late"));
    fake.set_latency(milliseconds(50));

    const auto start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::duration elapsed{};
    std::string body;
    fake.async_send(get(root + "/slow"), [&](boost::system::error_code, http::response resp) {
        elapsed = std::chrono::steady_clock::now() - start;
        body = resp.body;
    });
    io.run();
    CHECK(body == "late");
    CHECK(elapsed >= milliseconds(50));
}

TEST_CASE("async_send completes on the handler's associated executor")
{
    boost::asio::io_context io;
    fake_backend fake{io.get_executor()};
    fake.set_latency(milliseconds(5));
    auto strand = boost::asio::make_strand(io);
    bool on_strand = false;
    fake.async_send(get(root + "/x"), boost::asio::bind_executor(strand, [&](boost::system::error_code, http::response) {
                        on_strand = strand.running_in_this_thread();
                    }));
    io.run();
    CHECK(on_strand);
}

TEST_CASE("async_send works with co_await")
{
    boost::asio::io_context io;
    fake_backend fake{io.get_executor()};
    fake.on(method::get, "/vehicles", fake_backend::json(401, "expired"))
        .on(method::get, "/vehicles", fake_backend::json(200, "cars"));
    fake.fail(method::get, "/timeout", renault::errc::timeout);

    std::vector<unsigned> statuses;
    std::string body;
    boost::system::error_code thrown;
    boost::system::error_code as_tuple_ec;
    bool finished = false;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            for (int i = 0; i < 2; ++i) {
                http::response resp = co_await fake.async_send(get(root + "/vehicles"), boost::asio::use_awaitable);
                statuses.push_back(resp.status);
                body = resp.body;
            }
            try {
                co_await fake.async_send(get(root + "/timeout"), boost::asio::use_awaitable);
            } catch (const boost::system::system_error& e) {
                thrown = e.code();
            }
            auto [ec, resp] = co_await fake.async_send(get(root + "/timeout"), boost::asio::as_tuple(boost::asio::use_awaitable));
            as_tuple_ec = ec;
            finished = true;
        },
        boost::asio::detached);
    io.run();
    REQUIRE(finished);
    CHECK(statuses == std::vector<unsigned>{401, 200});
    CHECK(body == "cars");
    CHECK(thrown == renault::errc::timeout);
    CHECK(as_tuple_ec == renault::errc::timeout);
}

TEST_CASE("100 concurrent async requests all complete and are recorded")
{
    boost::asio::io_context io;
    fake_backend fake{io.get_executor()};
    fake.set_latency(milliseconds(10));
    fake.on(method::get, "/cars", [](const http::request& req) { return fake_backend::json(200, req.url); });

    constexpr int n = 100;
    std::atomic<int> completed = 0;
    std::atomic<int> matched = 0;
    for (int i = 0; i < n; ++i) {
        boost::asio::co_spawn(
            io,
            [&, i]() -> boost::asio::awaitable<void> {
                const std::string url = root + "/cars?vin=VF1" + std::to_string(i);
                http::response resp = co_await fake.async_send(get(url), boost::asio::use_awaitable);
                if (resp.status == 200 && resp.body == url)
                    ++matched;
                ++completed;
            },
            boost::asio::detached);
    }
    // Two threads run the completions, so the fake is used concurrently.
    std::thread second([&] { io.run(); });
    io.run();
    second.join();

    CHECK(completed == n);
    CHECK(matched == n);
    CHECK(fake.count(method::get, "/cars") == n);
    CHECK(fake.count(method::get, "/cars?vin=VF142") == 1);
}

TEST_CASE("send may be called from several threads, and each script is served exactly once")
{
    fake_backend fake;
    fake.on(method::get, "/p", fake_backend::json(401, ""))
        .on(method::get, "/p", fake_backend::json(200, ""));

    constexpr int threads = 4;
    constexpr int per_thread = 50;
    std::atomic<int> unauthorized = 0;
    std::atomic<int> ok = 0;
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (int i = 0; i < per_thread; ++i) {
                boost::system::error_code ec;
                const unsigned status = fake.send(get(root + "/p"), ec).status;
                (status == 401 ? unauthorized : ok) += 1;
            }
        });
    for (auto& th : pool)
        th.join();
    CHECK(unauthorized == 1);
    CHECK(ok == threads * per_thread - 1);
    CHECK(fake.requests().size() == static_cast<std::size_t>(threads * per_thread));
}

TEST_CASE("async_send without an executor throws bad_executor and records nothing")
{
    fake_backend fake;
    CHECK_THROWS_AS(fake.async_send(get(root + "/x"), [](boost::system::error_code, http::response) {}),
                    boost::asio::execution::bad_executor);
    CHECK(fake.requests().empty());
}
