// An asynchronous poller (co_await on Asio): restore a session from a saved login token, list the
// vehicles of an account, then each round read the battery of every vehicle at once. A quota error
// (condition rate_limited) makes it wait for the client's cooldown. `poll` works on any
// AsyncHttpBackend; `main` gives it the fake backend scripted with the saved answers in fixtures/,
// one of which is a quota error.
//
//     example_async_poll [FIXTURES_DIR]
#include "offline.hpp"

#include <renault/client.hpp>
#include <renault/http/fake_backend.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/system_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace asio = boost::asio;
using namespace std::chrono_literals;

template <renault::http::AsyncHttpBackend Backend>
asio::awaitable<void> poll(Backend& backend, std::string login_token, std::string account_id, int rounds)
{
    // The cooldown after a quota error is 15 minutes by default; 1 s keeps the demo short.
    renault::basic_client<Backend> client(backend, {.locale = "fr_FR", .quota_cooldown = 1s});
    client.set_login_token(login_token); // no password needed: getJWT works with the token
    auto vehicles = co_await client.account(account_id).async_get_api_vehicles(asio::use_awaitable);

    asio::system_timer timer(co_await asio::this_coro::executor); // system_clock, like cooldown_until()
    for (int round = 1; round <= rounds; ++round) {
        // One deferred read per vehicle (deferred is the default token), launched together;
        // wait_for_all: every read completes.
        std::vector<decltype(vehicles.front().async_get_battery_status())> reads;
        for (auto& vehicle : vehicles)
            reads.push_back(vehicle.async_get_battery_status());
        auto [order, errors, batteries] = co_await asio::experimental::make_parallel_group(std::move(reads))
                                              .async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);

        std::cout << "Round " << round << '\n';
        bool rate_limited = false;
        for (std::size_t i = 0; i < vehicles.size(); ++i) {
            // Each read completed with (error_code, battery_status).
            const boost::system::error_code ec = errors[i];
            std::cout << "  " << vehicles[i].vin() << ": ";
            if (ec == renault::condition::rate_limited) {
                rate_limited = true; // a quota error, or a request refused locally during the cooldown
                std::cout << "rate limited (" << ec.message() << ")\n";
            } else if (ec) {
                std::cout << "error: " << ec.message() << '\n';
            } else {
                std::cout << batteries[i].battery_level.value_or(0) << " %, " << batteries[i].battery_autonomy.value_or(0)
                          << " km\n";
            }
        }
        if (round == rounds)
            break;
        // Back off: after a quota error, wait until the client's cooldown ends (requests before
        // then fail locally); else the normal interval (a real poller waits minutes).
        if (rate_limited) {
            const auto left = client.cooldown_until() - std::chrono::system_clock::now();
            std::cout << "  backing off for " << std::chrono::ceil<std::chrono::seconds>(left).count() << " s\n";
            timer.expires_at(client.cooldown_until());
        } else {
            timer.expires_after(100ms);
        }
        co_await timer.async_wait(asio::use_awaitable);
    }
}

// ---- Offline demo: a fake backend that answers like Renault's servers -------------------------

using example::read_file;

int main(int argc, char** argv)
{
    const std::filesystem::path fixtures = argc > 1 ? argv[1] : RENAULT_FIXTURES_DIR;
    using renault::http::fake_backend;
    using renault::http::method;
    asio::io_context io;
    fake_backend fake{io.get_executor()}; // async_send completes on this executor

    // An account with three cars: the vehicle links of three saved lists in one answer.
    boost::json::array links;
    for (std::string car : {"zoe_40.1", "zoe_50.1", "renault_5.1"})
        links.push_back(boost::json::parse(read_file(fixtures / "kamereon/vehicles" / (car + ".json"))).at("vehicleLinks").at(0));
    const boost::json::object list{{"accountId", "account-id-1"}, {"country", "FR"}, {"vehicleLinks", links}};
    fake.on(method::post, "/accounts.getJWT", fake_backend::json(200, read_file(fixtures / "gigya/get_jwt.json")))
        .on(method::get, "/commerce/v1/accounts/account-id-1/vehicles", fake_backend::json(200, boost::json::serialize(list)));

    auto battery = [&](std::string vin, unsigned status, std::string file) {
        fake.on(method::get, "/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v2/cars/" + vin + "/battery-status",
                fake_backend::json(status, read_file(fixtures / "kamereon" / file)));
    };
    battery("VF1AAAAA555777999", 200, "vehicle_data/battery-status.zoe_40.json");
    battery("VF1AAAAA555777333", 200, "vehicle_data/battery-status.renault_5.json");
    // The Zoe 50 answers, in turn: a reading, a quota error (HTTP 429), then readings again.
    battery("VF1AAAAA555777123", 200, "vehicle_data/battery-status.zoe_50.json");
    battery("VF1AAAAA555777123", 429, "error/quota_limit.json");
    battery("VF1AAAAA555777123", 200, "vehicle_data/battery-status.zoe_50.json");

    // With use_awaitable, a failed operation throws boost::system::system_error out of the coroutine.
    int status = 1;
    asio::co_spawn(io, poll(fake, "sample-cookie-value", "account-id-1", 3), [&](std::exception_ptr failure) {
        std::string what = "Done";
        if (failure) {
            try {
                std::rethrow_exception(failure);
            } catch (const std::exception& e) {
                what = std::string("FAILED: ") + e.what();
            }
        }
        std::cout << what << '\n';
        status = failure ? 1 : 0;
    });
    io.run(); // until the poll has finished
    return status;
}
