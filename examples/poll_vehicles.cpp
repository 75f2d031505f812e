// The quota-aware poller without MQTT: restore a session from a saved login token, list the
// vehicles of an account, and let renault::poll::basic_poller read what each model supports, as
// often as its state asks, within a request budget — printing every answer and, whenever it waits,
// the reason. `main` gives it the fake backend scripted with the saved answers in fixtures/ and
// cadences of seconds (a real program keeps the defaults: minutes, docs/bridge.md) and a budget of
// 10 requests an hour, so that the demo ends in a few seconds when the budget is spent.
//
//     example_poll_vehicles [FIXTURES_DIR]
#include "offline.hpp"

#include <renault/client.hpp>
#include <renault/http/fake_backend.hpp>
#include <renault/poll.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <iostream>
#include <sstream>

namespace asio = boost::asio;
using namespace std::chrono_literals;

/// What a reading says, in one line: the attributes the server sent, or the error.
std::string summary(const renault::poll::reading& r)
{
    if (r.ec)
        return "error: " + r.ec.message();
    if (r.read.kind == renault::poll::read_kind::battery) {
        boost::system::error_code ec;
        auto decoded = renault::decode<renault::data_body<renault::battery_status>>(r.body, ec);
        const renault::battery_status* b = ec ? nullptr : renault::model_in(decoded.value);
        if (!b)
            return "undecodable battery status";
        const auto state = renault::poll::battery_state_of(r.body);
        return std::to_string(b->battery_level.value_or(0)) + " %, " + std::to_string(b->battery_autonomy.value_or(0)) +
               " km, " + (state && state->first ? "charging" : "not charging");
    }
    boost::system::error_code ec;
    const auto body = boost::json::parse(r.body, ec);
    const auto* data = !ec && body.is_object() ? body.as_object().if_contains("data") : nullptr;
    const auto* attributes = data && data->is_object() ? data->as_object().if_contains("attributes") : nullptr;
    if (!attributes || !attributes->is_object())
        return "not a data body";
    std::ostringstream text; // name=value, numbers with 6 significant digits
    for (const auto& [name, value] : attributes->as_object()) {
        text << (text.tellp() > 0 ? ", " : "") << std::string_view(name) << '=';
        if (value.is_number())
            text << value.to_number<double>();
        else if (value.is_string())
            text << std::string_view(value.get_string());
        else
            text << boost::json::serialize(value);
    }
    return text.str();
}

template <renault::http::AsyncHttpBackend Backend>
asio::awaitable<void> poll(Backend& backend, std::string login_token, std::string account_id)
{
    // One attempt per read: the poller's count of requests is then exact.
    renault::basic_client<Backend> client(backend, {.locale = "fr_FR", .retry = {.max_attempts = 1}});
    client.set_login_token(login_token);

    renault::poll::scheduler_options options;
    options.budget_per_hour = 10;
    options.cadence.battery_active = 1s; // charging: every second (the default is 5 min)
    options.cadence.battery_parked = 60s;
    options.cadence.jitter = 0;
    renault::poll::basic_poller<Backend> poller(client, options);

    auto vehicles = co_await client.account(account_id).async_get_api_vehicles(asio::use_awaitable);
    poller.schedule().count_request(account_id); // the vehicle list was a request too
    for (auto& vehicle : vehicles) {
        // The list holds each vehicle's details: no request here.
        const auto details = co_await vehicle.async_get_details(asio::use_awaitable);
        const std::string model_code(renault::model_code(details).value_or(""));
        auto reads = renault::poll::supported_reads(model_code);
        std::cout << vehicle.vin() << " (" << model_code << "): " << reads.size() << " endpoints to read\n";
        poller.add_vehicle(vehicle, model_code, std::move(reads));
    }

    poller.on_reading = [](const renault::poll::reading& r) {
        std::cout << "  " << r.read.vin << ' ' << renault::poll::endpoint_key(r.read.kind) << ": " << summary(r) << '\n';
    };
    poller.on_wait = [&](const renault::poll::decision& d) {
        std::cout << "waiting: " << d.reason << '\n';
        if (d.cause == renault::poll::wait_cause::budget)
            poller.stop(); // enough for a demo
    };
    co_await poller.run();
    std::cout << "Stopped: " << poller.schedule().requests_last_hour(account_id) << " requests in the last hour\n";
}

// ---- Offline demo: a fake backend that answers like Renault's servers -------------------------

using example::read_file;

int main(int argc, char** argv)
{
    const std::filesystem::path fixtures = argc > 1 ? argv[1] : RENAULT_FIXTURES_DIR;
    using renault::http::fake_backend;
    using renault::http::method;
    asio::io_context io;
    fake_backend fake{io.get_executor()};

    // An account with a Zoe 40 (parked) and a Renault 5 (charging).
    boost::json::array links;
    for (std::string car : {"zoe_40.1", "renault_5.1"})
        links.push_back(boost::json::parse(read_file(fixtures / "kamereon/vehicles" / (car + ".json"))).at("vehicleLinks").at(0));
    const boost::json::object list{{"accountId", "account-id-1"}, {"country", "FR"}, {"vehicleLinks", links}};
    fake.on(method::post, "/accounts.getJWT", fake_backend::json(200, read_file(fixtures / "gigya/get_jwt.json")))
        .on(method::get, "/commerce/v1/accounts/account-id-1/vehicles", fake_backend::json(200, boost::json::serialize(list)));
    auto answer = [&](std::string vin, std::string path, std::string file) {
        fake.on(method::get, "/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/" + path.replace(path.find("{vin}"), 5, vin),
                fake_backend::json(200, read_file(fixtures / "kamereon/vehicle_data" / file)));
    };
    for (auto [vin, car] : {std::pair{"VF1AAAAA555777999", "zoe_40"}, std::pair{"VF1AAAAA555777333", "renault_5"}}) {
        answer(vin, "v2/cars/{vin}/battery-status", std::string("battery-status.") + car + ".json");
        answer(vin, "v1/cars/{vin}/cockpit", car == std::string("zoe_40") ? "cockpit.zoe.json" : "cockpit.renault_5.json");
        answer(vin, "v1/cars/{vin}/hvac-status", car == std::string("zoe_40") ? "hvac-status.zoe.json" : "hvac-status.renault_5.json");
        answer(vin, "v1/cars/{vin}/location", "location.1.json");
        answer(vin, "v1/cars/{vin}/charge-mode", "charge-mode.always.json");
    }

    int status = 1;
    asio::co_spawn(io, poll(fake, "sample-cookie-value", "account-id-1"), [&](std::exception_ptr failure) {
        if (failure) {
            try {
                std::rethrow_exception(failure);
            } catch (const std::exception& e) {
                std::cout << "FAILED: " << e.what() << '\n';
            }
        }
        status = failure ? 1 : 0;
    });
    io.run();
    return status;
}
