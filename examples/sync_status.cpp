// A synchronous status read: log in, pick the MyRenault account and its first vehicle, print the
// battery, plug and charge state and the mileage. `run` works on any HttpBackend; `main` gives it
// the library's fake backend, scripted with the saved answers in fixtures/, so the example runs
// offline (the test suite runs it and checks its output).
//
//     example_sync_status [FIXTURES_DIR] [PASSWORD]     (a wrong PASSWORD shows the error path)
#include "offline.hpp"

#include <renault/client.hpp>
#include <renault/http/fake_backend.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

// The schema's name of an enum value ("not_in_charge"), or "unknown".
template <class E>
std::string_view name_of(std::optional<E> value)
{
    return value ? renault::open_enum<E>(*value).name() : "unknown";
}

template <renault::http::HttpBackend Backend>
int run(Backend& backend, const std::string& email, const std::string& password)
{
    // The locale picks the servers and API keys from the library's table.
    renault::basic_client<Backend> client(backend, renault::client_options{.locale = "fr_FR"});
    try {
        // Throwing form: any failure raises renault::error. (A program that saved
        // client.login_token() earlier calls client.set_login_token(token) instead.)
        client.login(email, password);

        const renault::person person = client.get_person();
        std::string account_id;
        for (const auto& account : person.accounts.value_or(std::vector<renault::person_account>{}))
            if (account.account_type == renault::account_type::myrenault)
                account_id = account.account_id.value_or("");
        auto vehicles = client.account(account_id).get_api_vehicles(); // each comes with its details
        if (vehicles.empty()) {
            std::cout << "No vehicle in account " << account_id << '\n';
            return 0;
        }
        auto& vehicle = vehicles.front();
        const renault::vehicle_details details = vehicle.get_details(); // cached: no request
        std::cout << "Vehicle " << vehicle.vin() << " (" << renault::model_label(details).value_or("?") << ")\n";

        const renault::battery_status battery = vehicle.get_battery_status();
        std::cout << "Battery level: " << battery.battery_level.value_or(0) << " %\n"
                  << "Range: " << battery.battery_autonomy.value_or(0) << " km\n"
                  << "Plug: " << name_of(renault::get_plug_status(battery)) << '\n'
                  // Older cars report charge_error when unplugged; the helper shows not_in_charge.
                  << "Charge: " << name_of(renault::displayed_charging_status(battery)) << '\n';
        std::cout << "Mileage: " << vehicle.get_cockpit().total_mileage.value_or(0) << " km\n";

        // error_code form: nothing is thrown. A Zoe phase 1 has no location endpoint, so this
        // fails at once, without a request, with a code of the condition not_supported.
        boost::system::error_code ec;
        renault::server_diagnostics diagnostics;
        const renault::location where = vehicle.get_location(ec, diagnostics);
        if (ec == renault::condition::not_supported)
            std::cout << "Location: not offered by this model (" << diagnostics.message << ")\n";
        else if (ec)
            std::cout << "Location: unavailable: " << renault::describe(ec, diagnostics) << '\n';
        else
            std::cout << "Location: " << where.gps_latitude.value_or(0) << ", " << where.gps_longitude.value_or(0) << '\n';
        return 0;
    } catch (const renault::error& e) {
        // what() says what failed; diagnostics().code is the server's own code ("403042").
        std::cout << "FAILED: " << e.what() << " [server code: " << e.diagnostics().code << "]\n";
        return 1;
    }
}

// ---- Offline demo: a fake backend that answers like Renault's servers -------------------------

using example::read_file;

int main(int argc, char** argv)
{
    const std::filesystem::path fixtures = argc > 1 ? argv[1] : RENAULT_FIXTURES_DIR;
    const std::string password = argc > 2 ? argv[2] : "example-password";
    auto answer = [&](const char* file) { return renault::http::fake_backend::json(200, read_file(fixtures / file)); };

    using renault::http::method;
    renault::http::fake_backend fake; // matches requests on method and path only
    fake.on(method::post, "/accounts.login", [=](const renault::http::request& req) {
            return req.body.ends_with("&password=example-password") ? answer("gigya/login.json")
                                                                    : answer("gigya/error/login.403042.json");
        })
        .on(method::post, "/accounts.getAccountInfo", answer("gigya/get_account_info.json"))
        .on(method::post, "/accounts.getJWT", answer("gigya/get_jwt.json"))
        .on(method::get, "/commerce/v1/persons/person-id-1", answer("kamereon/person.json"))
        .on(method::get, "/commerce/v1/accounts/account-id-1/vehicles", answer("kamereon/vehicles/zoe_40.1.json"))
        .on(method::get, "/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status",
            answer("kamereon/vehicle_data/battery-status.zoe_40.json"))
        .on(method::get, "/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit",
            answer("kamereon/vehicle_data/cockpit.zoe.json"));
    return run(fake, "user@example.com", password);
}
