// renault::poll::basic_poller over a client on the fake backend, with the scheduler's clock
// running 1000 times faster than the timers (time_scale): the reads it makes, the battery state
// fed back into the cadence, the cooldown after a quota error, an action waking it up.
#include <renault/poll.hpp>

#include "client/support.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using renault::http::fake_backend;
using renault::http::method;
using renault::poll::read_kind;

namespace {

constexpr double scale = 1000;

/// Scheduler options whose clock runs `scale` times faster than the system clock.
renault::poll::scheduler_options fast_options()
{
    renault::poll::scheduler_options o;
    const auto start = std::chrono::system_clock::now();
    o.clock = [start] {
        return start + std::chrono::duration_cast<std::chrono::system_clock::duration>((std::chrono::system_clock::now() - start) * scale);
    };
    o.random = [] { return 0.5; }; // no jitter
    o.cadence.battery_active = 60s;
    o.cadence.battery_parked = 1800s;
    return o;
}

const std::string battery_path =
    std::string(renault::test::vehicle_prefix) + "/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status";

} // namespace

TEST_CASE("poller: reads, takes the charging state into the cadence, waits for the cooldown after a quota error")
{
    boost::asio::io_context io;
    renault::test::scripted_account env(io.get_executor());
    env.options.retry.max_attempts = 1;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.backend.on(method::get, battery_path, fake_backend::json(200, renault::test::read_fixture("kamereon/vehicle_data/battery-status.renault_5.json")));
    env.backend.on(method::get, battery_path, fake_backend::json(429, renault::test::read_fixture("kamereon/error/quota_limit.json")));
    auto client = renault::test::logged_in_client(env);

    renault::poll::basic_poller<fake_backend> poller(client, fast_options());
    poller.time_scale = scale;
    poller.add_vehicle(client.vehicle("account-id-1", "VF1AAAAA555777999"), "X101VE", {read_kind::battery});
    std::vector<renault::poll::reading> readings;
    std::vector<renault::poll::decision> waits;
    poller.on_reading = [&](const renault::poll::reading& r) { readings.push_back(r); };
    poller.on_wait = [&](const renault::poll::decision& d) {
        waits.push_back(d);
        if (d.cause == renault::poll::wait_cause::cooldown)
            poller.stop();
    };
    boost::asio::co_spawn(io, poller.run(), boost::asio::detached);
    io.run_for(10s);

    REQUIRE(readings.size() == 2);
    CHECK_FALSE(readings[0].ec);
    CHECK(readings[0].body.find("\"batteryLevel\": 62") != std::string::npos);
    CHECK(readings[1].ec == renault::condition::rate_limited);
    CHECK(readings[1].diagnostics.code == "err.func.wired.overloaded");
    REQUIRE(waits.size() == 2);
    // Charging (the Renault 5's answer): the next read 60 s later.
    CHECK(waits[0].reason.find("charging: every 60 s") != std::string::npos);
    // The quota: nothing before the client's cooldown (900 s by default, of the client's time:
    // 900 000 s of the scheduler's, which runs 1000 times faster) is over.
    CHECK(waits[1].cause == renault::poll::wait_cause::cooldown);
    CHECK(waits[1].reason.find("quota cooldown of account account-id-1") != std::string::npos);
    const auto cooldown = waits[1].at - readings[1].at;
    CHECK(cooldown >= 900s * scale - 1s);
    CHECK(cooldown <= 900s * scale + 1s);
    CHECK(env.requests_to("/battery-status").size() == 2);
}

TEST_CASE("poller: an action wakes it up for a read shortly after")
{
    boost::asio::io_context io;
    renault::test::scripted_account env(io.get_executor());
    env.options.retry.max_attempts = 1;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.backend.on(method::get, battery_path, fake_backend::json(200, renault::test::read_fixture("kamereon/vehicle_data/battery-status.zoe_40.json")));
    auto client = renault::test::logged_in_client(env);

    auto options = fast_options();
    options.cadence.after_action = 5s;
    renault::poll::basic_poller<fake_backend> poller(client, options);
    poller.time_scale = scale;
    poller.add_vehicle(client.vehicle("account-id-1", "VF1AAAAA555777999"), "X101VE", {read_kind::battery});
    std::vector<renault::poll::reading> readings;
    std::vector<std::string> reasons;
    poller.on_reading = [&](const renault::poll::reading& r) {
        readings.push_back(r);
        if (readings.size() == 1) // parked: the next read in 30 min (1.8 s here); an action now
            boost::asio::post(io, [&] { poller.action_made("VF1AAAAA555777999", {read_kind::battery}); });
        else
            poller.stop();
    };
    poller.on_wait = [&](const renault::poll::decision& d) { reasons.push_back(d.reason); };
    const auto started = std::chrono::steady_clock::now();
    boost::asio::co_spawn(io, poller.run(), boost::asio::detached);
    io.run_for(10s);

    REQUIRE(readings.size() == 2);
    CHECK(readings[1].at - readings[0].at >= 5s);
    CHECK(readings[1].at - readings[0].at < 60s); // not the 30 min of a parked car
    CHECK(std::chrono::steady_clock::now() - started < 1s);
    REQUIRE(!reasons.empty());
    CHECK(reasons.back().find("after an action") != std::string::npos);
    CHECK(poller.schedule().requests_last_hour("account-id-1") == 3); // two reads and the action
}
