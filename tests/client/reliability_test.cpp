// Reliability of the client against the fake backend: read-modify-write operations send back what
// the schema does not know, a number beyond a double is a field-level diagnostic, and secrets the
// servers echo never reach an error message.
#include "client/support.hpp"

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

using namespace renault;
using namespace renault::test;
using http::method;
using namespace std::chrono_literals;

namespace {

boost::json::value json_of(const std::string& s)
{
    return boost::json::parse(s);
}

const std::string ev_settings_path = "/kcm/v1/vehicles/VF1AAAAA555777999/ev/settings";

// ev/settings as an R5 sends it, with members the schema does not know at the top level, inside a
// programs[] element and inside a nested object.
const std::string ev_settings_with_unknowns = R"({
  "lastSettingsUpdateTimestamp": "2024-11-20T18:02:27.411Z",
  "chargeModeRq": "SCHEDULED",
  "chargeTimeStart": "01:55",
  "chargeDuration": 300,
  "preconditioningTemperature": 19.5,
  "futureTopLevel": {"nested": [1, 2, {"x": "y"}], "flag": true},
  "futureNumber": 12345678901234,
  "programs": [
    {"programActivationStatus": true, "programType": "CHARGE", "programDepartureTime": "07:00",
     "programActivationMonday": true, "futureProgramMember": "keep-me", "futureProgramObject": {"a": 1}},
    {"programActivationStatus": true, "programType": "HVAC", "futureProgramMember": 42}
  ]
})";

/// A Zoe whose `settings_endpoint` (charging-settings, hvac-settings) answers `settings`, and
/// whose schedule action `action` answers its saved answer; logged in.
struct schedule_account {
    scripted_account env;
    basic_client<http::fake_backend> client;
    basic_client<http::fake_backend>::vehicle_type vehicle;

    schedule_account(const std::string& settings_endpoint, const std::string& settings, const std::string& action)
        : client(prepare(env, settings_endpoint, settings, action)), vehicle(client.vehicle("account-id-1", "VF1AAAAA555777999"))
    {
    }

    static basic_client<http::fake_backend> prepare(scripted_account& env, const std::string& settings_endpoint,
                                                    const std::string& settings, const std::string& action)
    {
        env.on_details("kamereon/vehicles/zoe_40.1.json");
        env.backend.on(method::get,
                       std::string(vehicle_prefix) + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/" + settings_endpoint,
                       http::fake_backend::json(200, settings));
        env.on_vehicle_post("/kca/car-adapter/v2/cars/VF1AAAAA555777999/actions/" + action,
                            "kamereon/vehicle_action/" + action + ".schedules.json");
        return logged_in_client(env);
    }
};

} // namespace

TEST_CASE("kcm-settings charge start sends back members the schema does not know, untouched")
{
    scripted_account env;
    env.on_details("kamereon/vehicles/renault_5.1.json");
    env.backend.on(method::get, std::string(vehicle_prefix) + ev_settings_path,
                   http::fake_backend::json(200, ev_settings_with_unknowns));
    env.on_vehicle_post(ev_settings_path, "kamereon/vehicle_kcm_action/ev-settings.charge-start.json");
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    v.set_charge_start();

    const auto last = env.backend.requests().back();
    REQUIRE(last.method == method::post);
    auto expected = json_of(ev_settings_with_unknowns);
    for (auto& p : expected.at("programs").as_array())
        p.as_object()["programActivationStatus"] = false;
    CHECK(json_of(last.body) == expected);
}

TEST_CASE("charge schedule update sends back unknown members of every schedule and day, untouched")
{
    const std::string settings = R"({"data": {"type": "Car", "id": "VF1AAAAA555777999", "attributes": {
      "mode": "scheduled", "futureAttribute": "x",
      "schedules": [
        {"id": 1, "activated": true, "futureScheduleMember": {"k": [true, null]},
         "monday": {"startTime": "T12:00Z", "duration": 15, "futureDayMember": "m"}, "tuesday": null},
        {"id": 2, "activated": false, "futureScheduleMember": 7,
         "monday": {"startTime": "T01:00Z", "duration": 30, "futureDayMember": "t"}}
      ]}}})";
    schedule_account account("charging-settings", settings, "charge-schedule");
    auto& env = account.env;

    charge_schedule_update update;
    update.id = 2;
    update.activated = true;
    update.days[0] = day_change<charge_day_schedule>::set(charge_day_schedule{.start_time = "T02:00Z", .duration = 45});
    update.days[1] = day_change<charge_day_schedule>::set(charge_day_schedule{.start_time = "T03:00Z", .duration = 60});
    const charge_schedule_change change = account.vehicle.update_charge_schedule(update);

    // What it returns: the answer, and the schedules as sent, typed.
    CHECK(change.response.type == "ChargeSchedule");
    REQUIRE(change.schedules.size() == 2);
    CHECK(change.schedules[0].id == 1);
    CHECK(change.schedules[0].monday->duration == 15);
    CHECK(change.schedules[1].activated == true);
    CHECK(change.schedules[1].monday->start_time == "T02:00Z");
    CHECK(change.schedules[1].tuesday->duration == 60);

    const auto sent = json_of(env.backend.requests().back().body);
    CHECK(sent.at("data").at("type") == "ChargeSchedule");
    const auto& schedules = sent.at("data").at("attributes").at("schedules").as_array();
    REQUIRE(schedules.size() == 2);
    // Not changed: as read, with the days it lacks sent as null (as the API wants every day).
    CHECK(schedules[0] == json_of(R"({"id": 1, "activated": true, "futureScheduleMember": {"k": [true, null]},
        "monday": {"startTime": "T12:00Z", "duration": 15, "futureDayMember": "m"}, "tuesday": null,
        "wednesday": null, "thursday": null, "friday": null, "saturday": null, "sunday": null})"));
    // Changed: only what the update says.
    CHECK(schedules[1] == json_of(R"({"id": 2, "activated": true, "futureScheduleMember": 7,
        "monday": {"startTime": "T02:00Z", "duration": 45, "futureDayMember": "t"},
        "tuesday": {"startTime": "T03:00Z", "duration": 60},
        "wednesday": null, "thursday": null, "friday": null, "saturday": null, "sunday": null})"));
    // In the order the API writes them: id, activated, the seven days, then the unknown members.
    std::vector<std::string> keys;
    for (const auto& member : schedules[1].as_object())
        keys.emplace_back(member.key());
    CHECK(keys == std::vector<std::string>{"id", "activated", "monday", "tuesday", "wednesday", "thursday", "friday",
                                           "saturday", "sunday", "futureScheduleMember"});
}

TEST_CASE("a schedule update that may not create refuses a missing id before sending")
{
    const std::string settings = R"({"data": {"type": "Car", "id": "VF1AAAAA555777999", "attributes": {
      "mode": "scheduled", "schedules": [{"id": 1, "activated": false}]}}})";
    schedule_account account("charging-settings", settings, "charge-schedule");
    charge_schedule_update update;
    update.id = 9;
    update.activated = true;
    update.create = false;
    boost::system::error_code ec;
    server_diagnostics diag;
    account.vehicle.update_charge_schedule(update, ec, diag);
    CHECK(ec == errc::invalid_argument);
    CHECK(diag.message == "Schedule id 9 not found.");
    CHECK(account.env.requests_to("actions/charge-schedule").empty());

    update.create = true; // the default: appended, not activated unless the update says so
    const auto change = account.vehicle.update_charge_schedule(update);
    REQUIRE(change.schedules.size() == 2);
    CHECK(change.schedules[1].id == 9);
    CHECK(change.schedules[1].activated == true);
}

TEST_CASE("hvac schedule update sends back unknown members and clears only the days it clears")
{
    const std::string settings = R"({"data": {"type": "Car", "id": "VF1AAAAA555777999", "attributes": {
      "mode": "scheduled",
      "schedules": [
        {"id": 1, "activated": false, "futureScheduleMember": "a",
         "wednesday": {"readyAtTime": "T15:15Z", "futureDayMember": 1}, "friday": {"readyAtTime": "T15:15Z"}}
      ]}}})";
    schedule_account account("hvac-settings", settings, "hvac-schedule");
    auto& env = account.env;

    hvac_schedule_update update;
    update.id = 1;
    update.activated = true;
    update.days[4] = day_change<hvac_day_schedule>::clear();
    const hvac_schedule_change change = account.vehicle.update_hvac_schedule(update);
    REQUIRE(change.schedules.size() == 1);
    CHECK(change.schedules[0].activated == true);
    CHECK(change.schedules[0].wednesday->ready_at_time == "T15:15Z");
    CHECK_FALSE(change.schedules[0].friday.has_value());

    const auto sent = json_of(env.backend.requests().back().body);
    CHECK(sent.at("data").at("type") == "HvacSchedule");
    CHECK(sent.at("data").at("attributes").at("schedules") == json_of(R"([{"id": 1, "activated": true,
        "futureScheduleMember": "a", "monday": null, "tuesday": null,
        "wednesday": {"readyAtTime": "T15:15Z", "futureDayMember": 1}, "thursday": null,
        "friday": null, "saturday": null, "sunday": null}])"));
}

TEST_CASE("a read-modify-write whose read is not a JSON object fails with a typed error and sends nothing")
{
    scripted_account env;
    env.options.retry.max_attempts = 1;
    env.on_details("kamereon/vehicles/renault_5.1.json");
    env.backend.on(method::get, std::string(vehicle_prefix) + ev_settings_path, http::fake_backend::json(200, "[1, 2]"));
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    boost::system::error_code ec;
    v.set_charge_start(ec);
    CHECK(ec == errc::invalid_response);
    CHECK(env.requests_to("ev/settings").size() == 1); // the read only
}

TEST_CASE("a number beyond a double is a field-level diagnostic: the other fields are kept")
{
    scripted_account env;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.backend.on(method::get, std::string(vehicle_prefix) + "/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status",
                   http::fake_backend::json(200, R"({"data": {"type": "Car", "id": "VF1AAAAA555777999", "attributes":
                       {"batteryLevel": 1e400, "batteryAutonomy": 128, "plugStatus": 0}}})"));
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
    boost::system::error_code ec;
    const auto battery = v.get_battery_status(ec);
    REQUIRE_FALSE(ec);
    CHECK_FALSE(battery.battery_level);
    CHECK(battery.battery_autonomy == 128);
    bool logged = false;
    for (const auto& line : env.log_lines)
        logged = logged || (line.find("data.attributes.batteryLevel: the number is beyond the range of a double") !=
                            std::string::npos);
    CHECK(logged);

    // The raw read (what `renault-api status` uses) is the body as sent, not an error.
    const auto raw = v.read("battery-status", ec);
    REQUIRE_FALSE(ec);
    CHECK(raw.body.find("1e400") != std::string::npos);
}

TEST_CASE("secrets the servers echo never reach an error's message or diagnostics")
{
    const std::string password = "Pa55-w0rd-echoed";
    const std::string login_token = "3_loginTokenValue_abcdef";

    SECTION("Gigya echoes the login form with the password and a login token")
    {
        scripted_account env;
        env.backend.reset();
        env.backend.on(method::post, "/accounts.login", http::fake_backend::json(200,
            R"({"callId": "c", "errorCode": 400006, "statusCode": 400, "statusReason": "Bad Request",
                "errorMessage": "Invalid parameter value: loginID=test%40example.com&password=)" + password + R"(",
                "errorDetails": "login_token=)" + login_token + R"( \"loginToken\": \")" + login_token + R"(\" password )" + password + R"("})"));
        basic_client<http::fake_backend> client(env.backend, env.options);
        try {
            client.login("test@example.com", password);
            FAIL("no error");
        } catch (const renault::error& e) {
            const std::string what = e.what();
            const auto& d = e.diagnostics();
            for (const std::string* text : {&what, &d.code, &d.message, &d.details, &d.excerpt}) {
                INFO(*text);
                CHECK(text->find(password) == std::string::npos);
                CHECK(text->find(login_token) == std::string::npos);
            }
            CHECK(what.find("<redacted>") != std::string::npos);
            CHECK(d.details.find("<redacted>") != std::string::npos);
        }
    }
    SECTION("Kamereon's unauthorized message holds the whole JWT")
    {
        scripted_account env;
        env.options.retry.max_attempts = 1;
        env.on_details("kamereon/vehicles/zoe_40.1.json");
        const std::string jwt = make_jwt(env.clock.now + std::chrono::seconds(900), "echoed");
        env.backend.on(method::get, std::string(vehicle_prefix) + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit",
                       http::fake_backend::json(401, R"({"type": "FUNCTIONAL", "messages": [], "errors": [{"errorCode":
                           "err.func.wired.unauthorized", "errorMessage": "token )" + jwt + R"( is not valid, login_token=)" +
                           login_token + R"("}]})"));
        auto client = logged_in_client(env);
        auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");
        boost::system::error_code ec;
        server_diagnostics diag;
        v.get_cockpit(ec, diag);
        REQUIRE(ec);
        std::string what = renault::error(ec, diag).what();
        for (const std::string* text : {&what, &diag.message, &diag.details, &diag.excerpt}) {
            INFO(*text);
            CHECK(text->find(jwt.substr(0, 30)) == std::string::npos);
            CHECK(text->find(env.jwt.substr(0, 30)) == std::string::npos);
            CHECK(text->find(login_token) == std::string::npos);
        }
        CHECK(diag.message.find("<redacted>") != std::string::npos);
        CHECK(what.find("<redacted>") != std::string::npos);
    }
}

// --- deadlines: one operation (retries included) and the client's -------------------------------

TEST_CASE("an operation's deadline bounds its requests and stops retries that could not end in time")
{
    scripted_account env;
    env.options.operation_timeout = 10s;
    env.options.retry.max_attempts = 5;
    env.options.retry.initial_delay = 1s;
    env.options.sleep = [&env](std::chrono::milliseconds d) {
        env.sleeps.push_back(d);
        env.clock.now += d;
    };
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    const std::string cockpit = std::string(vehicle_prefix) + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit";
    std::vector<std::chrono::milliseconds> timeouts;
    env.backend.on(method::get, cockpit, [&](const http::request& req) {
        timeouts.push_back(req.timeout);
        env.clock.now += 4s; // a slow server, then a transient error
        return http::fake_backend::json(502, read_fixture("kamereon/error/invalid_upstream.json"));
    });
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");

    boost::system::error_code ec;
    v.get_cockpit(ec);
    CHECK(ec == errc::invalid_upstream); // the last error, not hidden behind the deadline
    // t=0: 10 s left; t=4: retry after 1 s; t=5: 5 s left; t=9: the next wait (2 s) would end
    // after the deadline, so no third attempt although max_attempts allows five.
    CHECK(timeouts == std::vector<std::chrono::milliseconds>{10s, 5s});
    CHECK(env.sleeps == std::vector<std::chrono::milliseconds>{1s});
}

TEST_CASE("a client's deadline ends every later operation with a timeout, without a request")
{
    scripted_account env;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    env.on_vehicle_get("/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit", "kamereon/vehicle_data/cockpit.zoe.json");
    const std::string battery = std::string(vehicle_prefix) + "/kca/car-adapter/v2/cars/VF1AAAAA555777999/battery-status";
    std::vector<std::chrono::milliseconds> timeouts;
    env.backend.on(method::get, battery, [&](const http::request& req) {
        timeouts.push_back(req.timeout);
        env.clock.now += 30s;
        return http::fake_backend::json(200, read_fixture("kamereon/vehicle_data/battery-status.zoe_40.json"));
    });
    env.options.store = std::make_shared<memory_credential_store>(); // shared by both clients
    auto client = logged_in_client(env);
    env.options.deadline = env.clock.now + 45s; // a command's deadline, in a new client
    basic_client<http::fake_backend> command_client(env.backend, env.options);
    auto v = command_client.vehicle("account-id-1", "VF1AAAAA555777999");

    CHECK(v.get_battery_status().battery_level == 50);
    CHECK(v.get_battery_status().battery_level == 50);
    // The first read had the 45 s of the client's deadline (nearer than the 60 s of an
    // operation), the second what was left of it.
    CHECK(timeouts == std::vector<std::chrono::milliseconds>{45s, 15s});

    const auto sent = env.backend.requests().size();
    boost::system::error_code ec;
    server_diagnostics diag;
    v.get_cockpit(ec, diag);
    CHECK(ec == errc::timeout);
    CHECK(diag.message == "the deadline set for this client has passed");
    CHECK(env.backend.requests().size() == sent); // nothing sent after the deadline
}

TEST_CASE("an action without an answer says that the car may have acted, a read does not")
{
    scripted_account env;
    env.options.retry.max_attempts = 1;
    env.on_details("kamereon/vehicles/zoe_40.1.json");
    const std::string charge = std::string(vehicle_prefix) + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/actions/charging-start";
    const std::string cockpit = std::string(vehicle_prefix) + "/kca/car-adapter/v1/cars/VF1AAAAA555777999/cockpit";
    env.backend.fail(method::post, charge, make_error_code(errc::invalid_response));
    env.backend.fail(method::get, cockpit, make_error_code(errc::transport_error));
    auto client = logged_in_client(env);
    auto v = client.vehicle("account-id-1", "VF1AAAAA555777999");

    boost::system::error_code ec;
    server_diagnostics diag;
    v.set_charge_start(ec, diag);
    CHECK(ec == errc::invalid_response);
    CHECK(diag.message.find("the car may have acted") != std::string::npos);
    CHECK(std::string(renault::error(ec, diag).what()).find("the car may have acted") != std::string::npos);

    server_diagnostics read_diag;
    v.get_cockpit(ec, read_diag);
    CHECK(ec == errc::transport_error);
    CHECK(read_diag.message.empty());
}
