// The client against the fake backend, synchronous and error_code forms: the exact requests sent
// (method, URL, query, headers, body), the typed results, caching, errors and policies.
#include "client/support.hpp"

#include <renault/endpoint_overrides.hpp>
#include <renault/session/file_credential_store.hpp>

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace renault;
using namespace renault::test;
using namespace std::chrono_literals;
using http::method;

namespace {

std::string header(const http::request& r, std::string_view name)
{
    const auto* v = r.header(name);
    return v ? *v : std::string("<absent>");
}

std::string read_file_text(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

boost::json::value json_of(const std::string& s)
{
    return boost::json::parse(s);
}

const std::string vehicle_url = "https://kamereon.test/commerce/v1/accounts/account-id-1/kamereon";

} // namespace

TEST_CASE("login sends the Gigya form and stores the login token - never the password")
{
    scripted_account env;
    basic_client<http::fake_backend> client(env.backend, env.options);
    client.login("test@example.com", "test_password");

    const auto reqs = env.backend.requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0].method == method::post);
    CHECK(reqs[0].url == "https://gigya.test/accounts.login");
    CHECK(header(reqs[0], "Content-Type") == "application/x-www-form-urlencoded");
    CHECK(reqs[0].body == "ApiKey=3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N"
                          "&loginID=test%40example.com&password=test_password");
    CHECK(client.login_token() == "sample-cookie-value");
    CHECK(client.store().get(credential_keys::gigya_login_token) == "sample-cookie-value");
    for (const auto& [key, value] : client.store().entries())
        CHECK(value.value != "test_password");
    for (const auto& line : env.log_lines)
        CHECK(line.find("test_password") == std::string::npos);
}

TEST_CASE("get_person: getAccountInfo - getJWT - then the person with Kamereon headers - ids and JWT cached")
{
    scripted_account env;
    env.backend.on(method::get, "/commerce/v1/persons/person-id-1", http::fake_backend::json(200, read_fixture("kamereon/person.json")));
    auto client = logged_in_client(env);

    const person p = client.get_person();
    REQUIRE(p.accounts);
    REQUIRE(p.accounts->size() == 2);
    CHECK((*p.accounts)[0].account_id == "account-id-1");

    auto reqs = env.backend.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[0].url == "https://gigya.test/accounts.getAccountInfo");
    CHECK(reqs[0].body == "ApiKey=3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N&login_token=sample-cookie-value");
    CHECK(reqs[1].url == "https://gigya.test/accounts.getJWT");
    CHECK(reqs[1].body == "ApiKey=3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N&login_token=sample-cookie-value"
                          "&fields=data.personId%2Cdata.gigyaDataCenter&expiration=900");
    CHECK(reqs[2].method == method::get);
    CHECK(reqs[2].url == "https://kamereon.test/commerce/v1/persons/person-id-1?country=FR");
    CHECK(header(reqs[2], "apikey") == "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J");
    CHECK(header(reqs[2], "x-gigya-id_token") == env.jwt);
    CHECK(header(reqs[2], "Content-type") == "application/vnd.api+json");

    client.get_person();
    CHECK(env.backend.requests().size() == 4); // person id and JWT come from the cache

    const auto accounts = client.get_api_accounts();
    REQUIRE(accounts.size() == 2);
    CHECK(accounts[1].account_id() == "account-id-2");
}

TEST_CASE("not logged in: not_authenticated without any request")
{
    scripted_account env;
    basic_client<http::fake_backend> client(env.backend, env.options);
    boost::system::error_code ec;
    server_diagnostics diag;
    client.get_person(ec, diag);
    CHECK(ec == errc::not_authenticated);
    CHECK(ec == condition::authentication);
    CHECK(diag.message == "Gigya login token not available.");
    CHECK(env.backend.requests().empty());
    CHECK_THROWS_AS(client.get_person(), renault::error);
}

TEST_CASE("account vehicles and vehicle objects seeded with their details")
{
    scripted_account env;
    env.backend.on(method::get, "/commerce/v1/accounts/account-id-1/vehicles",
                   http::fake_backend::json(200, read_fixture("kamereon/vehicles/zoe_40.1.json")));
    env.on_vehicle_get("/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status", "kamereon/vehicle_data/battery-status.zoe_40.json");
    auto client = logged_in_client(env);
    auto account = client.account("account-id-1");

    const auto list = account.get_vehicles();
    REQUIRE(list.vehicle_links);
    CHECK(env.backend.requests().back().url == "https://kamereon.test/commerce/v1/accounts/account-id-1/vehicles?country=FR");

    auto vehicles = account.get_api_vehicles();
    REQUIRE(vehicles.size() == 1);
    CHECK(vehicles[0].vin() == "VF1AAAAA555777999");
    const auto before = env.backend.requests().size();
    const auto battery = vehicles[0].get_battery_status();
    CHECK(battery.battery_level == 50);
    // The details came with the list: only the battery request was sent.
    CHECK(env.backend.requests().size() == before + 1);
    CHECK(env.backend.count(method::get, "/commerce/v1/accounts/account-id-1/vehicles/VF1AAAAA555777999/details") == 0);
}

TEST_CASE("every data getter of a Zoe ph1 (X101VE): URL - query and typed value")
{
    scripted_account env;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.on_vehicle_get("/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status", "kamereon/vehicle_data/battery-status.zoe_40.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit", "kamereon/vehicle_data/cockpit.zoe.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/hvac-status", "kamereon/vehicle_data/hvac-status.zoe.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/charge-mode", "kamereon/vehicle_data/charge-mode.always.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/charging-settings",
                       "kamereon/vehicle_data/charging-settings.single.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/hvac-settings", "kamereon/vehicle_data/hvac-settings.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/charge-schedule",
                       "kamereon/vehicle_data/charge-schedule.single.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/notification-settings",
                       "kamereon/vehicle_data/notification-settings.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/charge-history?country=FR&type=day&start=20201101&end=20201130",
                       "kamereon/vehicle_data/charge-history.day.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/charges?country=FR&start=20201101&end=20201130",
                       "kamereon/vehicle_data/charges.zoe_40.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/hvac-history?country=FR&type=month&start=202011&end=202012",
                       "kamereon/vehicle_data/hvac-history.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/hvac-sessions?country=FR&start=20201101&end=20201130",
                       "kamereon/vehicle_data/hvac-sessions.json");
    env.on_vehicle_get("/vehicles/VF1AAAAA555777999/alerts", "kamereon/vehicle_info/alerts.json");
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");

    CHECK(v.get_battery_status().battery_autonomy == 128);
    CHECK(env.backend.requests().back().url ==
          vehicle_url + "/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status?country=FR");
    CHECK(v.get_cockpit().total_mileage == Approx(49114.27));
    CHECK(v.get_hvac_status().external_temperature == Approx(8.0));
    CHECK(v.get_charge_mode().charge_mode == charge_mode::always);
    REQUIRE(v.get_charging_settings().schedules);
    CHECK(v.get_hvac_settings().mode.has_value());
    const auto schedule = v.get_charge_schedule();
    CHECK(schedule.mode == endpoint_mode::default_mode);
    CHECK(schedule.calendar.has_value());
    CHECK_FALSE(schedule.settings.has_value());
    v.get_notification_settings();

    using std::chrono::year;
    using std::chrono::month;
    using std::chrono::day;
    const std::chrono::year_month_day nov1{year(2020), month(11), day(1)}, nov30{year(2020), month(11), day(30)},
        dec1{year(2020), month(12), day(1)};
    const auto history = v.get_charge_history(nov1, nov30, history_period::day);
    REQUIRE(history.charge_summaries);
    CHECK(env.backend.requests().back().url ==
          vehicle_url + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/charge-history?country=FR&type=day&start=20201101&end=20201130");
    REQUIRE(v.get_charges(nov1, nov30).charges);
    CHECK(env.backend.requests().back().url ==
          vehicle_url + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/charges?country=FR&start=20201101&end=20201130");
    v.get_hvac_history(nov1, dec1, history_period::month);
    CHECK(env.backend.requests().back().url ==
          vehicle_url + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/hvac-history?country=FR&type=month&start=202011&end=202012");
    v.get_hvac_sessions(nov1, nov30);
    CHECK_FALSE(v.get_alerts().empty());

    // One details request for all of them (cached).
    CHECK(env.backend.count(method::get, "/commerce/v1/accounts/account-id-1/vehicles/VF1AAAAA555777999/details") == 1);
    CHECK(v.supports_endpoint("battery-status"));
    CHECK_FALSE(v.supports_endpoint("location")); // x for X101VE
}

TEST_CASE("endpoint overrides from a user file change what a model offers and where")
{
    scripted_account env;
    env.on_details("kamereon/vehicles/duster.1.json"); // XJD1SU: not in the built-in table
    env.options.endpoint_overrides = std::make_shared<endpoint_overrides>(endpoint_overrides::parse(
        R"({"version": 1, "models": {"XJD1SU": {"endpoints": {"battery-status": null,
            "cockpit": {"path": "/kca/car-adapter/v2/cars/{vin}/cockpit"}}}}})"));
    env.on_vehicle_get("/kca/car-adapter/v2/cars/VF1AAAAA555777999/cockpit", "kamereon/vehicle_data/cockpit.captur_ii.json");
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    boost::system::error_code ec;
    v.get_battery_status(ec);
    CHECK(ec == errc::endpoint_not_available);
    v.get_cockpit();
    CHECK(env.backend.requests().back().url == vehicle_url + "/kca/car-adapter/v2/cars/VF1AAAAA555777999/cockpit?country=FR");
    CHECK(v.supports_endpoint("location")); // not listed by the file: the default definition
}

TEST_CASE("undocumented models use the default table and warn once")
{
    scripted_account env;
    env.on_details("kamereon/vehicles/duster.1.json"); // XJD1SU
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit", "kamereon/vehicle_data/cockpit.captur_ii.json");
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    v.get_cockpit();
    v.get_cockpit();
    int warnings = 0;
    for (const auto& line : env.log_lines)
        if (line.find("Model XJD1SU is not documented, using default endpoints.") != std::string::npos)
            ++warnings;
    CHECK(warnings == 1);
}

TEST_CASE("car adapter: data attributes - cached")
{
    scripted_account env;
    env.on_vehicle_get("/kca/car-adapter/v2/cars/VF1AAAAA555777999", "kamereon/vehicle_gateway/zoe_40.1.json");
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    const auto adapter = v.get_car_adapter();
    CHECK(adapter.car_gateway == "GDC");
    CHECK(reports_charging_power_in_watts(adapter));
    v.get_car_adapter();
    CHECK(env.requests_to("/cars/VF1AAAAA555777999?").size() == 1);
}

TEST_CASE("a credential file keeps the login token and settings between clients")
{
    const auto dir = std::filesystem::temp_directory_path() / ("renault-client-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    const auto path = dir / "renault-api.json";
    {
        scripted_account env;
        env.options.store = std::shared_ptr<credential_store>(file_credential_store::open(path));
        basic_client<http::fake_backend> client(env.backend, env.options);
        client.login("test@example.com", "test_password");
    }
    const auto text = read_file_text(path);
    CHECK(text.find(R"("gigya_login_token": "sample-cookie-value")") != std::string::npos);
    CHECK(text.find(R"("locale": "fr_FR")") != std::string::npos);
    CHECK(text.find("test_password") == std::string::npos);
    CHECK((std::filesystem::status(path).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    {
        scripted_account env;
        env.options.store = std::shared_ptr<credential_store>(file_credential_store::open(path));
        env.backend.on(method::get, "/commerce/v1/persons/person-id-1", http::fake_backend::json(200, read_fixture("kamereon/person.json")));
        basic_client<http::fake_backend> client(env.backend, env.options);
        CHECK(client.login_token() == "sample-cookie-value");
        CHECK(client.get_person().accounts.has_value()); // no login needed
        CHECK(env.backend.count(method::post, "/accounts.login") == 0);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("location - tyre pressure - lock status - res state on the models that have them")
{
    SECTION("Zoe ph2 (X102VE): location and pressure")
    {
        scripted_account env;
        env.on_details("kamereon/vehicles/zoe_50.1.json");
        env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/location", "kamereon/vehicle_data/location.1.json");
        env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/pressure", "kamereon/vehicle_data/pressure.json");
        auto client = logged_in_client(env);
        auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
        const auto where = v.get_location();
        CHECK(where.gps_latitude.has_value());
        CHECK(env.backend.requests().back().url == vehicle_url + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/location?country=FR");
        const auto tyres = v.get_tyre_pressure();
        CHECK(tyres.fl_pressure.has_value());
        CHECK(env.backend.requests().back().url == vehicle_url + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/pressure?country=FR");
        const endpoint_info* def = v.get_endpoint_definition("pressure");
        REQUIRE(def != nullptr);
        CHECK(def->path == "/kca/car-adapter/v1/cars/{vin}/pressure");
        CHECK(protocol::full_endpoint(*def) == "/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/pressure");
    }
    SECTION("an undocumented model (XJD1SU) falls back to the defaults: lock status and res state")
    {
        scripted_account env;
        env.on_details("kamereon/vehicles/duster.1.json");
        env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/lock-status", "kamereon/vehicle_data/lock-status.locked.json");
        env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/res-state", "kamereon/vehicle_data/res-state.stopped.json");
        auto client = logged_in_client(env);
        auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
        CHECK(v.get_lock_status().lock_status.has_value());
        CHECK(env.backend.requests().back().url == vehicle_url + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/lock-status?country=FR");
        CHECK(v.get_res_state().details.has_value());
        CHECK(env.backend.requests().back().url == vehicle_url + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/res-state?country=FR");
    }
}

TEST_CASE("environment variables fill the settings that options leave unset")
{
    ::setenv("RENAULT_KAMEREON_URL", "https://env-kamereon.test", 1);
    ::setenv("RENAULT_GIGYA_API_KEY", "env-gigya-key", 1);
    client_options o;
    o.kamereon_root_url = "https://option.test"; // options win
    apply_environment(o);
    ::unsetenv("RENAULT_KAMEREON_URL");
    ::unsetenv("RENAULT_GIGYA_API_KEY");
    CHECK(o.kamereon_root_url == "https://option.test");
    CHECK(o.gigya_api_key == "env-gigya-key");
    CHECK_FALSE(o.gigya_root_url.has_value());
}

TEST_CASE("an endpoint the model does not offer: endpoint_not_available - nothing sent")
{
    scripted_account env;
    env.on_details("kamereon/vehicles/zoe_50.1.json"); // X102VE: lock-status is x
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    boost::system::error_code ec;
    server_diagnostics diag;
    v.get_lock_status(ec, diag);
    CHECK(ec == errc::endpoint_not_available);
    CHECK(ec == condition::not_supported);
    CHECK(diag.message == "Endpoint 'lock-status' not available for model 'X102VE'");
    CHECK(env.requests_to("lock-status").empty());
}

TEST_CASE("actions send the exact bodies of docs/api/actions.md")
{
    scripted_account env;
    env.on_details("kamereon/vehicles/zoe_40.1.json"); // X101VE: kca defaults
    env.on_vehicle_post("/kca/car-adapter/v1/cars/VF1AAAAA555777999/actions/hvac-start", "kamereon/vehicle_action/hvac-start.start.json");
    env.on_vehicle_post("/kca/car-adapter/v1/cars/VF1AAAAA555777999/actions/charge-mode",
                        "kamereon/vehicle_action/charge-mode.schedule_mode.json");
    env.on_vehicle_post("/kca/car-adapter/v1/cars/VF1AAAAA555777999/actions/charging-start",
                        "kamereon/vehicle_action/charging-start.start.json");
    env.on_vehicle_post("/kca/car-adapter/v1/cars/VF1AAAAA555777999/actions/horn-lights", "kamereon/vehicle_action/horn-lights.horn.json");
    env.on_vehicle_post("/kca/car-adapter/v1/cars/VF1AAAAA555777999/actions/refresh-location",
                        "kamereon/vehicle_action/refresh-location.json");
    env.on_vehicle_post("/kca/car-adapter/v2/cars/VF1AAAAA555777999/actions/hvac-schedule",
                        "kamereon/vehicle_action/hvac-schedule.schedules.json");
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    const std::string base = vehicle_url + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/actions/";

    const auto started = v.set_ac_start(21.0, std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year(2026) / 11 / 26}} + 7h + 30min);
    auto last = env.backend.requests().back();
    CHECK(last.method == method::post);
    CHECK(last.url == base + "hvac-start?country=FR");
    CHECK(json_of(last.body) == json_of(R"({"data":{"type":"HvacStart","attributes":{"action":"start","targetTemperature":21.0,"startDateTime":"2026-11-26T07:30:00Z"}}})"));
    CHECK(last.body.find("21.0") != std::string::npos);
    CHECK(started.type == "HvacStart");
    CHECK(json_of(started.attributes).at("action") == "start");

    v.set_ac_stop();
    CHECK(json_of(env.backend.requests().back().body) == json_of(R"({"data":{"type":"HvacStart","attributes":{"action":"cancel"}}})"));

    v.set_charge_mode("schedule_mode");
    last = env.backend.requests().back();
    CHECK(last.url == base + "charge-mode?country=FR");
    CHECK(json_of(last.body) == json_of(R"({"data":{"type":"ChargeMode","attributes":{"action":"schedule_mode"}}})"));

    v.set_charge_start();
    CHECK(json_of(env.backend.requests().back().body) == json_of(R"({"data":{"type":"ChargingStart","attributes":{"action":"start"}}})"));
    v.set_charge_stop();
    CHECK(json_of(env.backend.requests().back().body) == json_of(R"({"data":{"type":"ChargingStart","attributes":{"action":"stop"}}})"));

    v.start_horn();
    CHECK(json_of(env.backend.requests().back().body) ==
          json_of(R"({"data":{"type":"HornLights","attributes":{"action":"start","target":"horn"}}})"));
    v.start_lights();
    CHECK(json_of(env.backend.requests().back().body) ==
          json_of(R"({"data":{"type":"HornLights","attributes":{"action":"start","target":"lights"}}})"));
    v.refresh_location();
    CHECK(json_of(env.backend.requests().back().body) == json_of(R"({"data":{"type":"RefreshLocation"}})"));

    hvac_schedule s;
    s.id = 1;
    s.activated = true;
    s.monday = hvac_day_schedule{};
    s.monday->ready_at_time = "T12:00Z";
    v.set_hvac_schedules({s});
    last = env.backend.requests().back();
    CHECK(last.url == vehicle_url + "/kca/car-adapter/v2/cars/VF1AAAAA555777999/actions/hvac-schedule?country=FR");
    CHECK(json_of(last.body) == json_of(R"({"data":{"type":"HvacSchedule","attributes":{"schedules":[{"id":1,"activated":true,
        "monday":{"readyAtTime":"T12:00Z"},"tuesday":null,"wednesday":null,"thursday":null,"friday":null,"saturday":null,"sunday":null}]}}})"));
}

TEST_CASE("charge start and stop follow the model's mode: kcm-settings - kcm - kcm-pause-resume - hvac stop kca-stop")
{
    SECTION("Renault 5 (R5E1VE): ev/settings read, programs deactivated, posted back")
    {
        scripted_account env;
        env.on_details("kamereon/vehicles/renault_5.1.json");
        env.backend.on(method::get, std::string(vehicle_prefix) + "/kcm/v1/vehicles/VF1AAAAA555777999/ev/settings",
                       http::fake_backend::json(200, read_fixture("kamereon/vehicle_kcm_data/ev-settings.single.active.json")));
        env.on_vehicle_post("/kcm/v1/vehicles/VF1AAAAA555777999/ev/settings", "kamereon/vehicle_kcm_action/ev-settings.charge-start.json");
        env.on_vehicle_post("/kca/car-adapter/v1/cars/VF1AAAAA555777999/actions/hvac-start", "kamereon/vehicle_action/hvac-start.stop.json");
        auto client = logged_in_client(env);
        auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
        const auto r = v.set_charge_start();
        CHECK(r.mode == endpoint_mode::kcm_settings);
        const auto last = env.backend.requests().back();
        CHECK(last.method == method::post);
        CHECK(last.url == vehicle_url + "/kcm/v1/vehicles/VF1AAAAA555777999/ev/settings?country=FR");
        const auto posted = json_of(last.body);
        for (const auto& p : posted.at("programs").as_array())
            CHECK(p.at("programActivationStatus") == false);
        CHECK(posted.at("chargeModeRq") == json_of(read_fixture("kamereon/vehicle_kcm_data/ev-settings.single.active.json")).at("chargeModeRq"));

        boost::system::error_code ec;
        v.set_charge_stop(ec);
        CHECK(ec == errc::endpoint_not_available);

        v.set_ac_stop(); // R5E1VE: kca-stop
        CHECK(json_of(env.backend.requests().back().body) == json_of(R"({"data":{"type":"HvacStart","attributes":{"action":"stop"}}})"));
    }
    SECTION("Megane E-Tech (XCB1VE): kcm charge/start with a start time")
    {
        scripted_account env;
        env.on_details("kamereon/vehicles/megane_e-tech.1.json");
        env.on_vehicle_post("/kcm/v1/vehicles/VF1AAAAA555777999/charge/start", "kamereon/vehicle_kcm_action/charging-start.delayed.json");
        auto client = logged_in_client(env);
        auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
        v.set_charge_start(std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year(2026) / 1 / 2}} + 3h);
        const auto last = env.backend.requests().back();
        CHECK(last.url == vehicle_url + "/kcm/v1/vehicles/VF1AAAAA555777999/charge/start?country=FR");
        CHECK(json_of(last.body) ==
              json_of(R"({"data":{"type":"ChargingStart","attributes":{"action":"start","startDateTime":"2026-01-02T03:00:00Z"}}})"));
    }
    SECTION("Spring (XBG1VE): pause-resume")
    {
        scripted_account env;
        env.on_details("kamereon/vehicles/spring.1.json");
        env.on_vehicle_post("/kcm/v1/vehicles/VF1AAAAA555777999/charge/pause-resume",
                            "kamereon/vehicle_kcm_action/charge-pause-resume.resume.json");
        auto client = logged_in_client(env);
        auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
        v.set_charge_start();
        CHECK(json_of(env.backend.requests().back().body) ==
              json_of(R"({"data":{"type":"ChargePauseResume","attributes":{"action":"resume"}}})"));
        v.set_charge_stop();
        CHECK(json_of(env.backend.requests().back().body) ==
              json_of(R"({"data":{"type":"ChargePauseResume","attributes":{"action":"pause"}}})"));
    }
}

TEST_CASE("SoC levels: validated - then a flat body to the KCM endpoint - read from the flat body")
{
    scripted_account env;
    env.on_details("kamereon/vehicles/renault_5.1.json");
    env.on_vehicle_get("/kcm/v1/vehicles/VF1AAAAA555777999/ev/soc-levels", "kamereon/vehicle_kcm_data/ev-soc-levels.json");
    env.on_vehicle_post("/kcm/v1/vehicles/VF1AAAAA555777999/ev/soc-levels", "kamereon/vehicle_kcm_action/ev-soc-levels.json");
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");

    const auto soc = v.get_battery_soc();
    CHECK(soc.soc_min.has_value());
    boost::system::error_code ec;
    server_diagnostics diag;
    v.set_battery_soc(12, 80, ec, diag);
    CHECK(ec == errc::invalid_argument);
    CHECK(diag.message == "Minimum state of charge level must be between 15 and 45 with a step of 5.");
    const auto sent_before = env.backend.requests().size();
    v.set_battery_soc(20, 80);
    CHECK(env.backend.requests().size() == sent_before + 1);
    const auto last = env.backend.requests().back();
    CHECK(last.url == vehicle_url + "/kcm/v1/vehicles/VF1AAAAA555777999/ev/soc-levels?country=FR");
    CHECK(json_of(last.body) == json_of(R"({"socMin":20,"socTarget":80})"));
}

TEST_CASE("charge schedule update: read charging-settings - change one day - send all schedules")
{
    scripted_account env;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/charging-settings", "kamereon/vehicle_data/charging-settings.multi.json");
    env.on_vehicle_post("/kca/car-adapter/v2/cars/VF1AAAAA555777999/actions/charge-schedule",
                        "kamereon/vehicle_action/charge-schedule.schedules.json");
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    const auto before = v.get_charging_settings();
    REQUIRE(before.schedules);
    const auto first_id = *(*before.schedules)[0].id;

    charge_schedule_update update;
    update.id = first_id;
    update.activated = false;
    v.update_charge_schedule(update);
    const auto sent = json_of(env.backend.requests().back().body);
    const auto& schedules = sent.at("data").at("attributes").at("schedules").as_array();
    CHECK(schedules.size() == before.schedules->size());
    CHECK(schedules[0].at("activated") == false);
    CHECK(schedules[0].as_object().contains("sunday"));
}

TEST_CASE("contracts: the array body - the contracts query - cached once non-empty")
{
    scripted_account env;
    env.backend.on(method::get, "/commerce/v1/accounts/account-id-1/vehicles/VF1AAAAA555777999/contracts",
                   http::fake_backend::json(200, read_fixture("kamereon/vehicle_contract/fr_FR.1.json")));
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    const auto contracts = v.get_contracts();
    CHECK_FALSE(contracts.empty());
    const auto url = env.backend.requests().back().url;
    CHECK(url == "https://kamereon.test/commerce/v1/accounts/account-id-1/vehicles/VF1AAAAA555777999/contracts"
                 "?country=FR&brand=RENAULT&connectedServicesContracts=true&locale=fr_FR&warranty=true&warrantyMaintenanceContracts=true");
    v.get_contracts();
    CHECK(env.backend.count(method::get, "/commerce/v1/accounts/account-id-1/vehicles/VF1AAAAA555777999/contracts") == 1);
}

TEST_CASE("raw http_get / http_post with placeholders - and errors of raw calls")
{
    scripted_account env;
    env.backend.on(method::get, "/commerce/v1/accounts/account-id-1/kamereon/kca/car-adapter/v1/cars/VF1AAAAA555777999/charge-mode",
                   http::fake_backend::json(200, read_fixture("kamereon/vehicle_data/charge-mode.always.json")));
    env.backend.on(method::post, "/commerce/v1/persons/person-id-1/notifications/kmr",
                   http::fake_backend::json(403, read_fixture("kamereon/error/access_denied.json")));
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    const auto r = v.http_get("/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/charge-mode");
    CHECK(r.status == 200);
    CHECK(json_of(r.body).at("data").at("attributes").at("chargeMode") == "always");
    CHECK(env.backend.requests().back().url == vehicle_url + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/charge-mode?country=FR");

    try {
        v.http_post("/commerce/v1/persons/person-id-1/notifications/kmr", R"({"a":1})");
        FAIL("no exception");
    } catch (const renault::error& e) {
        CHECK(e.error_code() == errc::access_denied);
        CHECK(e.diagnostics().code == "err.func.403");
        CHECK(std::string(e.what()).find("err.func.403") != std::string::npos);
    }
    CHECK(env.backend.requests().back().body == R"({"a":1})");
}

TEST_CASE("err.func.wired.unauthorized: one JWT refresh and one retry - also for actions")
{
    scripted_account env;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    const std::string path = std::string(vehicle_prefix) + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/actions/horn-lights";
    env.backend.on(method::post, path, http::fake_backend::json(401, read_fixture("kamereon/error/unauthorized.json")));
    env.backend.on(method::post, path, http::fake_backend::json(200, read_fixture("kamereon/vehicle_action/horn-lights.horn.json")));
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    const std::string first_jwt = env.jwt;
    v.get_details();
    env.jwt = make_jwt(env.clock.now + 900s, "2");
    v.start_horn();
    const auto horns = env.requests_to("horn-lights");
    REQUIRE(horns.size() == 2);
    CHECK(header(horns[0], "x-gigya-id_token") == first_jwt);
    CHECK(header(horns[1], "x-gigya-id_token") == env.jwt);
    CHECK(env.backend.count(method::post, "/accounts.getJWT") == 2);

    // A second rejection after the refresh is reported, not retried again.
    env.backend.on(method::post, path, http::fake_backend::json(401, read_fixture("kamereon/error/unauthorized.json")));
    boost::system::error_code ec;
    v.start_horn(ec);
    CHECK(ec == errc::jwt_unauthorized);
}

TEST_CASE("reads retry transient failures with exponential backoff - actions are not retried")
{
    scripted_account env;
    env.options.retry.max_attempts = 3;
    env.options.retry.initial_delay = 200ms;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    const std::string cockpit = std::string(vehicle_prefix) + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit";
    env.backend.on(method::get, cockpit, http::fake_backend::json(502, read_fixture("kamereon/error/invalid_upstream.json")));
    env.backend.fail(method::get, cockpit, make_error_code(errc::transport_error));
    env.backend.on(method::get, cockpit, http::fake_backend::json(200, read_fixture("kamereon/vehicle_data/cockpit.zoe.json")));
    const std::string charge = std::string(vehicle_prefix) + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/actions/charging-start";
    env.backend.on(method::post, charge, http::fake_backend::json(502, read_fixture("kamereon/error/invalid_upstream.json")));
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");

    CHECK(v.get_cockpit().total_mileage == Approx(49114.27));
    CHECK(env.requests_to("/cockpit").size() == 3);
    CHECK(env.sleeps == std::vector<std::chrono::milliseconds>{200ms, 400ms});

    boost::system::error_code ec;
    v.set_charge_start(ec);
    CHECK(ec == errc::invalid_upstream);
    CHECK(ec == condition::transient);
    CHECK(env.requests_to("charging-start").size() == 1);
    CHECK(env.sleeps.size() == 2);
}

TEST_CASE("quota: rate_limited - then a local cooldown without requests - then requests again")
{
    scripted_account env;
    env.options.quota_cooldown = 900s;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    const std::string battery = std::string(vehicle_prefix) + "/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status";
    env.backend.on(method::get, battery, http::fake_backend::json(429, read_fixture("kamereon/error/quota_limit.json")));
    env.backend.on(method::get, battery, http::fake_backend::json(200, read_fixture("kamereon/vehicle_data/battery-status.zoe_40.json")));
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");

    boost::system::error_code ec;
    server_diagnostics diag;
    v.get_battery_status(ec, diag);
    CHECK(ec == errc::quota_limit);
    CHECK(ec == condition::rate_limited);
    CHECK(diag.details == "You have reached your quota limit");
    CHECK(diag.retry_after_seconds == 900);
    CHECK(env.requests_to("battery-status").size() == 1); // never retried

    env.clock.now += 600s;
    v.get_battery_status(ec, diag);
    CHECK(ec == errc::cooling_down);
    CHECK(ec == condition::rate_limited);
    CHECK(diag.retry_after_seconds == 301);
    CHECK(env.requests_to("battery-status").size() == 1);

    env.clock.now += 301s;
    CHECK(v.get_battery_status(ec).battery_level == 50);
    CHECK_FALSE(ec);
}

TEST_CASE("request budget: a token bucket per client")
{
    scripted_account env;
    env.options.budget = {2, 3600s};
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit", "kamereon/vehicle_data/cockpit.zoe.json");
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    v.get_cockpit(); // details + cockpit = 2 requests
    boost::system::error_code ec;
    server_diagnostics diag;
    v.get_cockpit(ec, diag);
    CHECK(ec == errc::request_budget_exhausted);
    CHECK(ec == condition::rate_limited);
    CHECK(diag.retry_after_seconds == 1800);
    env.clock.now += 1800s;
    v.get_cockpit(ec);
    CHECK_FALSE(ec);
}

TEST_CASE("JWT: cached until the margin before exp - then renewed")
{
    scripted_account env;
    env.options.jwt_margin = 60s;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit", "kamereon/vehicle_data/cockpit.zoe.json");
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    v.get_cockpit();
    CHECK(env.backend.count(method::post, "/accounts.getJWT") == 1);
    env.clock.now += 839s;
    v.get_cockpit();
    CHECK(env.backend.count(method::post, "/accounts.getJWT") == 1);
    env.clock.now += 2s; // within 60 s of exp
    env.jwt = make_jwt(env.clock.now + 900s, "2");
    v.get_cockpit();
    CHECK(env.backend.count(method::post, "/accounts.getJWT") == 2);
    CHECK(header(env.backend.requests().back(), "x-gigya-id_token") == env.jwt);
}

TEST_CASE("getJWT 403005 / 403013 clear the tokens: not_authenticated - then 'login token not available'")
{
    for (const char* fixture : {"gigya/error/get_jwt.403005.json", "gigya/error/get_jwt.403013.json"}) {
        scripted_account env;
        env.backend.reset();
        env.backend.on(method::post, "/accounts.getAccountInfo", http::fake_backend::json(200, read_fixture("gigya/get_account_info.json")));
        env.backend.on(method::post, "/accounts.getJWT", http::fake_backend::json(200, read_fixture(fixture)));
        auto client = logged_in_client(env);
        boost::system::error_code ec;
        server_diagnostics diag;
        client.get_person(ec, diag);
        CHECK(ec == errc::not_authenticated);
        CHECK_FALSE(diag.code.empty());
        CHECK_FALSE(client.login_token().has_value());
        client.get_person(ec, diag);
        CHECK(ec == errc::not_authenticated);
        CHECK(diag.message == "Gigya login token not available.");
    }
}

TEST_CASE("wrong password: invalid_credentials with Gigya's text")
{
    scripted_account env;
    env.backend.reset();
    env.backend.on(method::post, "/accounts.login", http::fake_backend::json(200, read_fixture("gigya/error/login.403042.json")));
    basic_client<http::fake_backend> client(env.backend, env.options);
    boost::system::error_code ec;
    server_diagnostics diag;
    client.login("test@example.com", "wrong", ec, diag);
    CHECK(ec == errc::invalid_credentials);
    CHECK(ec == condition::authentication);
    CHECK(diag.code == "403042");
    CHECK_FALSE(client.login_token().has_value());
}

namespace {

void script_two_factor(scripted_account& env)
{
    env.backend.reset();
    env.backend.on(method::post, "/accounts.login", http::fake_backend::json(200, read_fixture("gigya/error/login.403101.json")));
    auto boot = http::fake_backend::json(200, read_fixture("gigya/tfa/web_sdk_bootstrap.json"));
    boot.headers.push_back({"Set-Cookie", "gmid=device-1; Path=/; Secure"});
    env.backend.on(method::post, "/accounts.webSdkBootstrap", boot);
    env.backend.on(method::post, "/accounts.tfa.initTFA", http::fake_backend::json(200, read_fixture("gigya/tfa/init_tfa.json")));
    env.backend.on(method::post, "/accounts.tfa.email.getEmails", http::fake_backend::json(200, read_fixture("gigya/tfa/get_emails.json")));
    env.backend.on(method::post, "/accounts.tfa.email.sendVerificationCode",
                   http::fake_backend::json(200, read_fixture("gigya/tfa/send_verification_code.json")));
    env.backend.on(method::post, "/accounts.tfa.email.completeVerification", [](const http::request& r) {
        if (r.body.find("code=123456") != std::string::npos)
            return http::fake_backend::json(200, read_fixture("gigya/tfa/complete_verification.json"));
        return http::fake_backend::json(200, read_fixture("gigya/error/complete_verification.wrong_code.json"));
    });
    env.backend.on(method::post, "/accounts.tfa.finalizeTFA", http::fake_backend::json(200, read_fixture("gigya/tfa/finalize_tfa.json")));
    env.backend.on(method::post, "/accounts.finalizeRegistration",
                   http::fake_backend::json(200, read_fixture("gigya/tfa/finalize_registration.json")));
}

} // namespace

TEST_CASE("two-factor login: the emailed code through the callback - then the login token")
{
    scripted_account env;
    script_two_factor(env);
    std::vector<two_factor_challenge> asked;
    std::vector<std::string> codes{"000000", "123456"};
    env.options.two_factor = [&](const two_factor_challenge& c) {
        asked.push_back(c);
        return codes[asked.size() - 1];
    };
    basic_client<http::fake_backend> client(env.backend, env.options);
    client.login("test@example.com", "test_password");

    REQUIRE(asked.size() == 2);
    CHECK(asked[0].emails == std::vector<std::string>{"e***l@email.com"});
    CHECK_FALSE(asked[0].previous_code_wrong);
    CHECK(asked[1].attempt == 2);
    CHECK(asked[1].previous_code_wrong);
    CHECK(client.login_token().has_value());

    const auto reqs = env.backend.requests();
    std::vector<std::string> urls;
    for (const auto& r : reqs)
        urls.push_back(r.url.substr(std::string("https://gigya.test/").size()));
    CHECK(urls == std::vector<std::string>{"accounts.login", "accounts.webSdkBootstrap", "accounts.tfa.initTFA",
                                           "accounts.tfa.email.getEmails", "accounts.tfa.email.sendVerificationCode",
                                           "accounts.tfa.email.completeVerification", "accounts.tfa.email.completeVerification",
                                           "accounts.tfa.finalizeTFA", "accounts.finalizeRegistration"});
    CHECK(header(reqs[2], "Cookie") == "gmid=device-1");
    CHECK(reqs[2].body.find("regToken=sample-reg-token") != std::string::npos);
    CHECK(reqs[2].body.find("provider=gigyaEmail&mode=verify") != std::string::npos);
    for (const auto& line : env.log_lines) {
        CHECK(line.find("sample-reg-token") == std::string::npos);
        CHECK(line.find("123456") == std::string::npos);
        CHECK(line.find("test_password") == std::string::npos);
    }
}

TEST_CASE("two-factor login failures: no callback - wrong codes - too many attempts")
{
    SECTION("no callback")
    {
        scripted_account env;
        script_two_factor(env);
        basic_client<http::fake_backend> client(env.backend, env.options);
        boost::system::error_code ec;
        client.login("test@example.com", "test_password", ec);
        CHECK(ec == errc::two_factor_required);
        CHECK(env.backend.requests().size() == 1);
    }
    SECTION("wrong code every time")
    {
        scripted_account env;
        script_two_factor(env);
        env.options.two_factor_attempts = 2;
        env.options.two_factor = [](const two_factor_challenge&) { return std::string("999999"); };
        basic_client<http::fake_backend> client(env.backend, env.options);
        boost::system::error_code ec;
        client.login("test@example.com", "test_password", ec);
        CHECK(ec == errc::two_factor_wrong_code);
        CHECK(env.backend.count(method::post, "/accounts.tfa.email.completeVerification") == 2);
        CHECK_FALSE(client.login_token().has_value());
    }
    SECTION("too many attempts")
    {
        scripted_account env;
        script_two_factor(env);
        env.backend.on(method::post, "/accounts.tfa.email.completeVerification",
                       http::fake_backend::json(200, read_fixture("gigya/error/complete_verification.too_many_attempts.json")));
        // The first answer is "wrong code", the second "too many attempts".
        env.options.two_factor = [](const two_factor_challenge&) { return std::string("000000"); };
        basic_client<http::fake_backend> client(env.backend, env.options);
        boost::system::error_code ec;
        client.login("test@example.com", "test_password", ec);
        CHECK(ec == errc::two_factor_too_many_attempts);
        CHECK(ec != errc::two_factor_wrong_code);
        CHECK(env.backend.count(method::post, "/accounts.tfa.email.completeVerification") == 2);
    }
}

TEST_CASE("invalid responses: HTML 502 page and truncated JSON are typed errors with a short excerpt")
{
    scripted_account env;
    env.options.retry.max_attempts = 1;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit", "kamereon/error/bad_gateway.html", 502);
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/hvac-status", "kamereon/error/truncated.json", 200);
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    boost::system::error_code ec;
    server_diagnostics diag;
    v.get_cockpit(ec, diag);
    CHECK(ec == errc::invalid_response);
    CHECK(ec == condition::bad_response);
    CHECK(diag.http_status == 502);
    CHECK(diag.excerpt.find("502 Bad Gateway") != std::string::npos);
    v.get_hvac_status(ec, diag);
    CHECK(ec == errc::invalid_response);
}

TEST_CASE("logs never show the password - the login token or the JWT")
{
    scripted_account env;
    env.backend.on(method::get, "/commerce/v1/persons/person-id-1", http::fake_backend::json(200, read_fixture("kamereon/person.json")));
    basic_client<http::fake_backend> client(env.backend, env.options);
    client.login("test@example.com", "S3cr3t-p@ss word");
    client.get_person();
    REQUIRE(env.log_lines.size() >= 6);
    bool saw_url = false;
    for (const auto& line : env.log_lines) {
        CHECK(line.find("S3cr3t") == std::string::npos);
        CHECK(line.find("sample-cookie-value") == std::string::npos);
        CHECK(line.find(env.jwt) == std::string::npos);
        CHECK(line.find(env.jwt.substr(env.jwt.rfind('.') - 20, 20)) == std::string::npos);
        saw_url = saw_url || line.find("https://kamereon.test/commerce/v1/persons/person-id-1") != std::string::npos;
    }
    CHECK(saw_url);
}

TEST_CASE("settings: options - then the store - then the locale table - remote locale configuration")
{
    scripted_account env;
    env.options.kamereon_api_key.reset();
    auto store = std::make_shared<memory_credential_store>();
    store->set(credential_keys::kamereon_api_key, credential{"stored-key", {}});
    env.options.store = store;
    env.backend.on(method::get, "/configuration/android/config_fr_FR.json",
                   http::fake_backend::json(200, R"({"servers":{"gigyaProd":{"target":"https://g.example","apikey":"gk"},
                       "wiredProd":{"target":"https://w.example","apikey":"wk"}}})"));
    env.backend.on(method::get, "/configuration/android/config_xx_XX.json", http::fake_backend::json(404, "<html>Not found</html>"));
    basic_client<http::fake_backend> client(env.backend, env.options);
    auto s = client.settings();
    REQUIRE(s);
    CHECK(s.value.country == "FR");
    CHECK(s.value.kamereon_api_key == "stored-key");
    CHECK(s.value.kamereon_root_url == "https://kamereon.test");
    CHECK(s.value.gigya_api_key == "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N");

    const auto fetched = client.fetch_locale_settings("fr_FR");
    CHECK(fetched.gigya_root_url == "https://g.example");
    CHECK(fetched.kamereon_api_key == "wk");
    CHECK(env.backend.requests().back().url ==
          "https://renault-wrd-prod-1-euw1-myrapp-one.s3-eu-west-1.amazonaws.com/configuration/android/config_fr_FR.json");
    CHECK(store->get(credential_keys::kamereon_api_key) == "wk");
    boost::system::error_code ec;
    server_diagnostics diag;
    client.fetch_locale_settings("xx_XX", ec, diag);
    CHECK(ec == errc::locale_not_found);
    CHECK(diag.message == "Locale not found on Renault server (HTTP status 404).");
}

TEST_CASE("settings: a locale kept out of the store (store_locale false) holds for this client only")
{
    scripted_account env;
    env.options.gigya_root_url.reset();
    env.options.gigya_api_key.reset();
    env.options.kamereon_root_url.reset();
    env.options.kamereon_api_key.reset();
    env.options.country.reset();
    auto store = std::make_shared<memory_credential_store>();
    store->set(credential_keys::locale, credential{"es_MX", {}});
    store->set(credential_keys::gigya_root_url, credential{"https://accounts.us1.gigya.com", {}});
    store->set(credential_keys::country, credential{"MX", {}});
    env.options.store = store;
    env.options.locale = "fr_LU";
    env.options.store_locale = false;
    basic_client<http::fake_backend> client(env.backend, env.options);
    auto s = client.settings();
    REQUIRE(s);
    CHECK(s.value.country == "LU");
    CHECK(s.value.gigya_root_url == "https://accounts.eu1.gigya.com");
    CHECK(s.value.gigya_api_key == "3_zt44Wl_wT9mnqn-BHrR19PvXj3wYRPQKLcPbGWawlatFR837KdxSZZStbBTDaqnb");
    CHECK(s.value.kamereon_root_url == "https://api-wired-prod-1-euw1.wrd-aws.com");
    // The store is untouched: the next client without a locale option gets what it had.
    CHECK(store->get(credential_keys::locale) == "es_MX");
    CHECK(store->get(credential_keys::country) == "MX");
    CHECK(store->get(credential_keys::gigya_root_url) == "https://accounts.us1.gigya.com");
    CHECK_FALSE(store->get(credential_keys::gigya_api_key));
}
