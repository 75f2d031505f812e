// The model helpers (docs/api/vehicle-data.md, docs/api/actions.md): vehicle specs (the results
// of fixtures/kamereon/expected_specs.json), pictures, charge states, schedules (end times,
// update/create) and SoC validation.
#include <renault/endpoints.hpp>
#include <renault/model.hpp>

#include "support/fixtures.hpp"

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

using namespace renault;

namespace {

vehicle_details details_from_vehicles_fixture(const std::string& file)
{
    auto body = test::read_fixture("kamereon/vehicles/" + file);
    auto list = decode<account_vehicles>(body, {.strict = true}).value;
    REQUIRE(list.vehicle_links);
    REQUIRE(!list.vehicle_links->empty());
    REQUIRE(list.vehicle_links->front().vehicle_details);
    return *list.vehicle_links->front().vehicle_details;
}

std::string text(std::optional<std::string_view> v)
{
    return v ? std::string(*v) : std::string("(absent)");
}

} // namespace

TEST_CASE("vehicle helpers give the reference client's expected results per vehicles fixture", "[helpers]")
{
    // file, brand, energy, model, label, watts, electricity, fuel, hvac-status, location, charge via kcm
    // (the last three from the per-model table and the specifications of schema/vehicles.yaml)
    struct row {
        const char* file;
        const char* brand;
        const char* energy;
        const char* model;
        const char* label;
        bool watts, electricity, fuel, hvac_status, location, charge_kcm;
    };
    auto r = GENERATE(values<row>({
        {"master_iv.1.json", "RENAULT", "ELECX", "XDD1VE", "MASTER IV", false, true, false, true, true, false},
        {"captur_ii.1.json", "RENAULT", "ESS", "XJB1SU", "CAPTUR II", false, false, true, true, true, false},
        {"captur_ii.2.json", "RENAULT", "ESS", "XJB1SU", "CAPTUR II", false, true, true, true, true, false},
        {"clio_v.1.json", "RENAULT", "ESS", "XJA1VP", "CLIO V", false, false, true, false, true, false},
        {"duster.1.json", "RENAULT", "ESS", "XJD1SU", "NEW DUSTER", false, false, true, true, true, false},
        {"twingo_ze.1.json", "RENAULT", "ELEC", "X071VE", "TWINGO III", false, true, false, true, true, false},
        {"zoe_40.1.json", "RENAULT", "ELEC", "X101VE", "ZOE", true, true, false, true, false, false},
        {"zoe_50.1.json", "RENAULT", "ELEC", "X102VE", "ZOE", false, true, false, true, true, false},
        {"spring.1.json", "DACIA", "ELEC", "XBG1VE", "SPRING", false, true, false, true, true, true},
        {"megane_e-tech.1.json", "RENAULT", "ELECX", "XCB1VE", "MEGANE E-TECH", false, true, false, true, true, false},
    }));
    INFO(r.file);
    auto d = details_from_vehicles_fixture(r.file);
    CHECK(text(brand_label(d)) == r.brand);
    CHECK(text(energy_code(d)) == r.energy);
    CHECK(text(model_code(d)) == r.model);
    CHECK(text(model_label(d)) == r.label);
    CHECK(reports_charging_power_in_watts(d) == r.watts);
    CHECK(uses_electricity(d) == r.electricity);
    CHECK(uses_fuel(d) == r.fuel);
    CHECK(supports_endpoint(*model_code(d), "hvac-status") == r.hvac_status);
    CHECK(supports_endpoint(*model_code(d), "location") == r.location);
    CHECK(controls_action_via_kcm(d, "charge") == r.charge_kcm);
}

TEST_CASE("vehicle helpers agree with fixtures/kamereon/expected_specs.json on every vehicles fixture", "[helpers]")
{
    auto expected = boost::json::parse(test::read_fixture("kamereon/expected_specs.json")).as_object();
    REQUIRE(expected.size() >= 13);
    for (const auto& [file, spec] : expected) {
        INFO(std::string(file));
        auto d = details_from_vehicles_fixture(std::string(file));
        const auto& s = spec.as_object();
        auto expect_text = [&](const char* key) {
            return s.at(key).is_null() ? std::string("(absent)") : std::string(s.at(key).as_string());
        };
        CHECK(text(brand_label(d)) == expect_text("brand_label"));
        CHECK(text(energy_code(d)) == expect_text("energy_code"));
        CHECK(text(model_code(d)) == expect_text("model_code"));
        CHECK(text(model_label(d)) == expect_text("model_label"));
        CHECK(text(get_picture(d, picture_size::small)) == expect_text("picture_small"));
        CHECK(text(get_picture(d, picture_size::large)) == expect_text("picture_large"));
        CHECK(text(get_picture(d)) == expect_text("picture_large"));
        CHECK(reports_charging_power_in_watts(d) == s.at("reports_charging_power_in_watts").as_bool());
        CHECK(uses_electricity(d) == s.at("uses_electricity").as_bool());
        CHECK(uses_fuel(d) == s.at("uses_fuel").as_bool());
    }
}

TEST_CASE("a missing asset or picture is absent, never an error", "[helpers]")
{
    auto clio = details_from_vehicles_fixture("clio_v.1.json");
    CHECK(get_asset(clio, asset_type::picture) == nullptr);
    CHECK_FALSE(get_picture(clio));
    CHECK_FALSE(get_picture(clio, picture_size::small));
    REQUIRE(get_asset(clio, asset_type::pdf) != nullptr);

    vehicle_details empty;
    CHECK(get_asset(empty, asset_type::picture) == nullptr);
    CHECK_FALSE(get_picture(empty));
    CHECK_FALSE(model_code(empty));
    CHECK_FALSE(uses_electricity(empty));
    CHECK_FALSE(uses_fuel(empty));

    // a picture asset without the wanted rendition
    vehicle_details one;
    vehicle_asset picture;
    picture.asset_type = asset_type::picture;
    asset_rendition small;
    small.resolution_type = picture_size::small;
    small.url = "https://example.invalid/small.png";
    picture.renditions = std::vector<asset_rendition>{small};
    one.assets = std::vector<vehicle_asset>{picture};
    CHECK(get_picture(one, picture_size::small) == "https://example.invalid/small.png");
    CHECK_FALSE(get_picture(one, picture_size::large));
}

TEST_CASE("car adapter helpers", "[helpers]")
{
    auto load = [](const char* file) {
        auto body = test::read_fixture(std::string("kamereon/vehicle_gateway/") + file);
        auto decoded = decode<data_body<car_adapter>>(body, {.strict = true});
        REQUIRE(model_in(decoded.value));
        return *model_in(decoded.value);
    };
    auto zoe40 = load("zoe_40.1.json");
    CHECK(uses_electricity(zoe40));
    CHECK_FALSE(uses_fuel(zoe40));
    CHECK(reports_charging_power_in_watts(zoe40)); // GDC gateway
    CHECK(reports_charge_session_durations_in_minutes(zoe40));
    auto duster = load("duster.1.json");
    CHECK_FALSE(uses_electricity(duster));
    CHECK(uses_fuel(duster));
    CHECK_FALSE(reports_charging_power_in_watts(duster));
    auto spring = load("spring.1.json");
    CHECK(uses_electricity(spring));
    CHECK_FALSE(reports_charging_power_in_watts(spring));
}

TEST_CASE("plug and charge states, power and session durations", "[helpers]")
{
    battery_status s;
    CHECK_FALSE(get_plug_status(s));
    CHECK_FALSE(get_charging_status(s));
    s.plug_status = plug_state::unplugged;
    s.charging_status = charge_state::charge_error;
    CHECK(get_plug_status(s) == plug_state::unplugged);
    CHECK(get_charging_status(s) == charge_state::charge_error);
    CHECK(displayed_charging_status(s) == charge_state::not_in_charge); // ZE40: -1.0 unplugged = not charging
    s.plug_status = plug_state::plugged;
    CHECK(displayed_charging_status(s) == charge_state::charge_error);
    s.plug_status = open_enum<plug_state>::from_raw(3);
    CHECK_FALSE(get_plug_status(s));
    CHECK(s.plug_status->raw == 3);

    s.charging_instantaneous_power = 3100.0;
    CHECK(charging_power_kw(s, true) == Approx(3.1));
    CHECK(charging_power_kw(s, false) == Approx(3100.0));

    charge_session session;
    CHECK_FALSE(charge_duration_minutes(session, true));
    session.charge_duration = 479;
    CHECK(charge_duration_minutes(session, true) == Approx(479.0));
    session.charge_duration = 3600;
    CHECK(charge_duration_minutes(session, false) == Approx(60.0));

    auto zoe40 = details_from_vehicles_fixture("zoe_40.1.json");
    CHECK(reports_charge_session_durations_in_minutes(zoe40));
    CHECK_FALSE(reports_charge_session_durations_in_minutes(details_from_vehicles_fixture("zoe_50.1.json")));
}

TEST_CASE("schedule end times wrap at midnight", "[helpers][schedules]")
{
    CHECK(end_time("T23:30Z", 60) == "T00:30Z");
    CHECK(end_time("T12:00Z", 15) == "T12:15Z");
    CHECK(end_time("T00:00Z", 450) == "T07:30Z");
    CHECK(end_time("T22:00Z", 24 * 60) == "T22:00Z");
    CHECK(end_time("T22:00Z", 0) == "T22:00Z");
    CHECK(end_time("22:45", 30) == "T23:15Z");
    CHECK_FALSE(end_time("T24:00Z", 15));
    CHECK_FALSE(end_time("T1:00Z", 15));
    CHECK_FALSE(end_time("", 15));
    CHECK(end_time(charge_day_schedule{"T23:30Z", 15}) == "T23:45Z");
    CHECK_FALSE(end_time(charge_day_schedule{}));
    CHECK(format_time_of_day(-30) == "T23:30Z");

    // KCA calendar: the reference CLI printed 2300 + 480 as "3100"; the end is 07:00.
    charge_calendar_slot slot;
    slot.start_time = "2300";
    slot.duration = 480;
    CHECK(end_time(slot) == "0700");
    slot.start_time = "0000";
    slot.duration = 15;
    CHECK(end_time(slot) == "0015");
    slot.start_time = "2400";
    CHECK_FALSE(end_time(slot));
}

TEST_CASE("schedule updates: change, clear, keep, create", "[helpers][schedules]")
{
    auto body = test::read_fixture("kamereon/vehicle_data/charging-settings.multi.json");
    auto settings = *model_in(decode<data_body<charging_settings>>(body, {.strict = true}).value);
    REQUIRE(settings.schedules->size() == 5);
    const auto before = settings;

    charge_schedule_update update;
    update.id = 2;
    update.activated = false;
    update.days[0] = day_change<charge_day_schedule>::set({"T01:00Z", 30}); // monday
    update.days[1] = day_change<charge_day_schedule>::clear();             // tuesday
    boost::system::error_code ec;
    update_schedules(settings, update, ec);
    REQUIRE_FALSE(ec);
    const auto& s2 = (*settings.schedules)[1];
    CHECK(s2.id == 2);
    CHECK(s2.activated == false);
    CHECK(s2.monday == charge_day_schedule{"T01:00Z", 30});
    CHECK_FALSE(s2.tuesday);
    CHECK(s2.wednesday == (*before.schedules)[1].wednesday); // kept
    CHECK(settings.schedules->size() == 5);
    CHECK((*settings.schedules)[0] == (*before.schedules)[0]);

    // activate only
    charge_schedule_update activate;
    activate.id = 3;
    activate.activated = true;
    update_schedules(settings, activate);
    CHECK((*settings.schedules)[2].activated == true);
    CHECK_FALSE((*settings.schedules)[2].monday);

    // unknown id → a new schedule, not activated unless asked
    charge_schedule_update create;
    create.id = 9;
    create.days[6] = day_change<charge_day_schedule>::set({"T22:00Z", 60});
    update_schedules(settings, create);
    REQUIRE(settings.schedules->size() == 6);
    CHECK(settings.schedules->back().id == 9);
    CHECK(settings.schedules->back().activated == false);
    CHECK(settings.schedules->back().sunday == charge_day_schedule{"T22:00Z", 60});
    CHECK_FALSE(settings.schedules->back().monday);

    // settings without schedules get a list
    charging_settings none;
    update_schedules(none, create);
    REQUIRE(none.schedules);
    CHECK(none.schedules->size() == 1);

    // an incomplete day is rejected and nothing changes
    charge_schedule_update incomplete;
    incomplete.id = 1;
    incomplete.days[0] = day_change<charge_day_schedule>::set(charge_day_schedule{"T01:00Z", std::nullopt});
    auto unchanged = settings;
    update_schedules(settings, incomplete, ec);
    CHECK(ec == errc::invalid_argument);
    CHECK(settings == unchanged);
    CHECK_THROWS_AS(update_schedules(settings, incomplete), renault::error);
}

TEST_CASE("HVAC schedule updates, including creation", "[helpers][schedules]")
{
    auto body = test::read_fixture("kamereon/vehicle_data/hvac-settings.json");
    auto settings = *model_in(decode<data_body<hvac_settings>>(body, {.strict = true}).value);
    hvac_schedule_update update;
    update.id = 2;
    update.days[4] = day_change<hvac_day_schedule>::clear(); // friday
    update.days[5] = day_change<hvac_day_schedule>::set(hvac_day_schedule{"T07:00Z"});
    update_schedules(settings, update);
    const auto& s2 = (*settings.schedules)[1];
    CHECK_FALSE(s2.friday);
    CHECK(s2.saturday->ready_at_time == "T07:00Z");
    CHECK(s2.wednesday->ready_at_time == "T15:15Z");

    hvac_schedule_update create;
    create.id = 6;
    create.activated = true;
    create.days[0] = day_change<hvac_day_schedule>::set(hvac_day_schedule{"T06:30Z"});
    update_schedules(settings, create);
    CHECK(settings.schedules->back().id == 6);
    CHECK(settings.schedules->back().activated == true);
    CHECK(settings.schedules->back().monday->ready_at_time == "T06:30Z");
}

TEST_CASE("SoC levels are validated as the API accepts them", "[helpers]")
{
    boost::system::error_code ec;
    std::string message;
    for (auto [min, target] : std::vector<std::pair<int, int>>{{15, 55}, {20, 80}, {45, 100}}) {
        validate_soc_levels(min, target, ec, message);
        CHECK_FALSE(ec);
        CHECK(message.empty());
    }
    const std::string min_message = "Minimum state of charge level must be between 15 and 45 with a step of 5.";
    const std::string target_message = "Target state of charge level must be between 55 and 100 with a step of 5.";
    for (auto [min, target, expected] : std::vector<std::tuple<int, int, std::string>>{
             {10, 80, min_message}, {50, 80, min_message}, {22, 80, min_message}, {10, 10, min_message},
             {20, 50, target_message}, {20, 105, target_message}, {20, 81, target_message}}) {
        INFO(min << " " << target);
        validate_soc_levels(min, target, ec, message);
        CHECK(ec == errc::invalid_argument);
        CHECK(message == expected);
    }
    CHECK_THROWS_WITH(validate_soc_levels(20, 50), target_message);
    CHECK_NOTHROW(validate_soc_levels(20, 80));
}

TEST_CASE("position_of: latitude 91 / longitude 181 (after a refresh on a parked car) is no position", "[helpers]")
{
    location l;
    CHECK_FALSE(position_of(l));
    l.gps_latitude = 48.1234567;
    CHECK_FALSE(position_of(l)); // no longitude
    l.gps_longitude = 11.1234567;
    REQUIRE(position_of(l));
    CHECK(position_of(l)->latitude == 48.1234567);
    CHECK(position_of(l)->longitude == 11.1234567);
    l.gps_latitude = 91;
    l.gps_longitude = 181;
    CHECK_FALSE(position_of(l));
    l.gps_latitude = -90;
    l.gps_longitude = 180;
    CHECK(position_of(l)); // the edges are places
    l.gps_latitude = 90.5;
    CHECK_FALSE(position_of(l));

    // As decoded from the answer the server gives after the refresh.
    auto body = decode<data_body<location>>(
        R"({"data": {"type": "Car", "attributes": {"gpsLatitude": 91, "gpsLongitude": 181, "lastUpdateTime": "2024-01-01T10:00:00Z"}}})");
    REQUIRE(model_in(body.value));
    CHECK_FALSE(position_of(*model_in(body.value)));
}
