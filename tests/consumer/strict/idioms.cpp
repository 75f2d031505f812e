// The idioms of README.md and docs/client.md, compiled by consumer.strict_warnings with the strictest
// usual warnings and without SYSTEM includes: what users write must not warn in our headers.
#include <renault/client.hpp>
#include <renault/http/beast_backend.hpp>
#include <renault/log_sinks.hpp>
#include <renault/renault.hpp>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>

// docs/client.md, "Construction and options" and "Logging and redaction".
renault::client_options make_options()
{
    renault::client_options options{.locale = "fr_FR"};
    options.retry.max_attempts = 4;
    options.quota_cooldown = std::chrono::minutes(30);
    options.budget = {.requests = 60, .period = std::chrono::hours(1)};
    options.log = renault::logger(renault::stream_sink(std::cerr), renault::log_level::debug);
    options.log.secrets().add_secret("my-own-secret");
    options.two_factor = [](const renault::two_factor_challenge& challenge) {
        std::cout << "Code sent to " << challenge.emails.front() << " (attempt " << challenge.attempt << "): ";
        std::string code;
        std::getline(std::cin, code);
        return code;
    };
    renault::apply_environment(options);
    return options;
}

// README.md, "The models alone".
std::int64_t read_battery(const std::string& body)
{
    boost::system::error_code ec;
    auto result = renault::decode<renault::data_body<renault::battery_status>>(body, ec);
    auto strict = renault::decode<renault::battery_status>(body, ec, {.strict = true});
    auto report = renault::decode<renault::battery_status>(body, ec, {.report_unknown_keys = true});
    for (const auto& d : result.diagnostics)
        std::cerr << renault::to_string(d) << '\n';
    const renault::battery_status* battery = renault::model_in(result.value);
    if (battery && battery->plug_status == renault::plug_state::plugged)
        return battery->battery_level.value_or(0) + strict.value.battery_level.value_or(0) +
               report.value.battery_level.value_or(0);
    return 0;
}

// README.md: action bodies, models by designated initialisers.
std::string hvac_body()
{
    renault::hvac_start_action attributes{.target_temperature = 21.0};
    return renault::encode(renault::make_data_body("HvacStart", attributes), {.request_body = true});
}

// README.md, "The client" and "HTTPS"; docs/client.md, "Retries, quotas and budgets".
int main()
{
    boost::asio::io_context io;
    renault::http::beast_backend backend(io.get_executor(), renault::http::beast_options{.ca_file = "ca.pem"});
    renault::basic_client<renault::http::beast_backend> client(backend, {.locale = "fr_FR"});
    renault::basic_client<renault::http::beast_backend> configured(backend, make_options());
    client.login("user@example.com", "password");
    auto vehicles = client.account("account-id-1").get_api_vehicles();
    auto& car = vehicles.front();

    renault::battery_status battery = car.get_battery_status();
    std::cout << battery.battery_level.value_or(0) << " %, " << battery.battery_autonomy.value_or(0) << " km\n";

    boost::system::error_code ec;
    renault::server_diagnostics diagnostics;
    renault::cockpit cockpit = car.get_cockpit(ec, diagnostics);
    if (ec == renault::condition::rate_limited)
        std::cout << "retry in " << diagnostics.retry_after_seconds << " s\n";
    else if (!ec)
        std::cout << cockpit.total_mileage.value_or(0.0) << " km\n";

    car.async_get_battery_status([](boost::system::error_code e, renault::battery_status b) {
        std::cout << (e ? e.message() : std::to_string(b.battery_level.value_or(0))) << '\n';
    });
    io.run();
    const bool ok = read_battery(R"({"data": {"attributes": {"batteryLevel": 60}}})") > 0 && !hvac_body().empty() &&
                    configured.cooldown_until().time_since_epoch().count() == 0;
    return ok ? 0 : 1;
}
