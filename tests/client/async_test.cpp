// The async_ forms on the fake backend with a real io_context: co_await with the default token and
// with use_awaitable, callbacks and as_tuple with (error_code, value), the server's diagnostics
// through with_diagnostics, and single-flight JWT refresh under 100 concurrent requests.
#include "client/support.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

using namespace renault;
using namespace renault::test;
using namespace std::chrono_literals;
using http::method;

TEST_CASE("async: co_await with the default token - failures throw system_error - with_diagnostics keeps what the server said")
{
    boost::asio::io_context io;
    scripted_account env(io.get_executor());
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.on_vehicle_get("/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status", "kamereon/vehicle_data/battery-status.zoe_40.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit", "kamereon/error/access_denied.json", 403);
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");

    std::optional<battery_status> battery;
    boost::system::error_code cockpit_error;
    boost::system::error_code tuple_error;
    std::optional<double> tuple_mileage;
    server_diagnostics diagnostics;
    boost::asio::co_spawn(io, [&]() -> boost::asio::awaitable<void> {
        battery = co_await v.async_get_battery_status(); // the default token: deferred
        try {
            co_await v.async_get_cockpit(boost::asio::use_awaitable);
        } catch (const boost::system::system_error& e) {
            cockpit_error = e.code();
        }
        auto [ec, cockpit] = co_await v.async_get_cockpit(
            with_diagnostics(diagnostics, boost::asio::as_tuple(boost::asio::use_awaitable)));
        tuple_error = ec;
        tuple_mileage = cockpit.total_mileage;
    }, boost::asio::detached);
    io.run();
    REQUIRE(battery);
    CHECK(battery->battery_level == 50);
    CHECK(cockpit_error == errc::access_denied);
    CHECK(tuple_error == errc::access_denied);
    CHECK_FALSE(tuple_mileage);
    CHECK(diagnostics.code == "err.func.403");
    CHECK(diagnostics.http_status == 403);
}

TEST_CASE("async: callbacks get (error_code - value) and never complete inside the call")
{
    boost::asio::io_context io;
    scripted_account env(io.get_executor());
    basic_client<http::fake_backend> client(env.backend, env.options); // not logged in
    bool called = false;
    boost::system::error_code ec;
    client.async_get_person([&](boost::system::error_code e, person) {
        called = true;
        ec = e;
    });
    CHECK_FALSE(called); // never completes inside the initiating call
    io.run();
    CHECK(called);
    CHECK(ec == errc::not_authenticated);
}

TEST_CASE("async: use_future gets the value - or the error as system_error")
{
    boost::asio::io_context io;
    scripted_account env(io.get_executor());
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.on_vehicle_get("/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status", "kamereon/vehicle_data/battery-status.zoe_40.json");
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    basic_client<http::fake_backend> anonymous(env.backend, env.options);
    auto battery = v.async_get_battery_status(boost::asio::use_future);
    auto person = anonymous.async_get_person(boost::asio::use_future);
    io.run();
    CHECK(battery.get().battery_level == 50);
    try {
        person.get();
        FAIL("no error");
    } catch (const boost::system::system_error& e) {
        CHECK(e.code() == errc::not_authenticated);
    }
}

TEST_CASE("async: retry backoff runs on a timer - actions and login work asynchronously")
{
    boost::asio::io_context io;
    scripted_account env(io.get_executor());
    env.options.retry.initial_delay = 5ms;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    const std::string cockpit = std::string(vehicle_prefix) + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit";
    env.backend.fail(method::get, cockpit, make_error_code(errc::timeout));
    env.backend.on(method::get, cockpit, http::fake_backend::json(200, read_fixture("kamereon/vehicle_data/cockpit.zoe.json")));
    env.on_vehicle_post("/kca/car-adapter/v1/cars/VF1AAAAA555777999/actions/horn-lights", "kamereon/vehicle_action/horn-lights.horn.json");
    basic_client<http::fake_backend> client(env.backend, env.options);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    std::optional<double> mileage;
    std::string horn_type;
    boost::asio::co_spawn(io, [&]() -> boost::asio::awaitable<void> {
        co_await client.async_login("test@example.com", "test_password", boost::asio::use_awaitable);
        mileage = (co_await v.async_get_cockpit(boost::asio::use_awaitable)).total_mileage;
        horn_type = (co_await v.async_start_horn(boost::asio::use_awaitable)).type;
    }, boost::asio::detached);
    io.run();
    CHECK(mileage == Approx(49114.27));
    CHECK(env.requests_to("/cockpit").size() == 2);
    CHECK(env.sleeps.empty()); // the async path waits on a timer, not on the sync sleep
    CHECK(horn_type == "HornLights");
}

TEST_CASE("single flight: 100 concurrent requests with an expired JWT make exactly one getJWT")
{
    boost::asio::io_context io;
    scripted_account env(io.get_executor());
    env.backend.set_latency(2ms);
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.on_vehicle_get("/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status", "kamereon/vehicle_data/battery-status.zoe_40.json");
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    v.get_details(); // sync: details cached, first JWT fetched
    REQUIRE(env.backend.count(method::post, "/accounts.getJWT") == 1);

    env.clock.now += 3600s; // the JWT has expired
    env.jwt = make_jwt(env.clock.now + 900s, "2");
    int done = 0;
    int failed = 0;
    for (int i = 0; i < 100; ++i)
        v.async_get_battery_status([&](boost::system::error_code ec, battery_status b) {
            ++done;
            if (ec || b.battery_level != 50)
                ++failed;
        });
    io.run();
    CHECK(done == 100);
    CHECK(failed == 0);
    CHECK(env.backend.count(method::post, "/accounts.getJWT") == 2);
    const auto battery = env.requests_to("battery-status");
    REQUIRE(battery.size() == 100);
    for (const auto& r : battery)
        CHECK(*r.header("x-gigya-id_token") == env.jwt);
}

TEST_CASE("single flight: a failed refresh fails every waiter once - without a getJWT each")
{
    boost::asio::io_context io;
    scripted_account env(io.get_executor());
    env.backend.set_latency(2ms);
    env.backend.reset();
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.backend.on(method::post, "/accounts.getJWT", http::fake_backend::json(200, read_fixture("gigya/error/get_jwt.403005.json")));
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    int not_authenticated = 0;
    for (int i = 0; i < 20; ++i)
        v.async_get_details([&](boost::system::error_code ec, vehicle_details) {
            if (ec == errc::not_authenticated)
                ++not_authenticated;
        });
    io.run();
    CHECK(not_authenticated == 20);
    CHECK(env.backend.count(method::post, "/accounts.getJWT") == 1);
}
