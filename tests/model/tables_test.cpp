// The tables the generator writes from schema/: endpoints, the per-model table and its resolution,
// specifications (docs/api/endpoints.md), errors (docs/api/kamereon.md, docs/api/authentication.md),
// locales (docs/api/locales.md).
#include <renault/endpoints.hpp>
#include <renault/locales.hpp>
#include <renault/error.hpp>
#include <renault/server_errors.hpp>

#include <boost/mp11/algorithm.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace renault;

TEST_CASE("the default endpoint table has its 28 keys with their paths", "[tables]")
{
    REQUIRE(endpoints::default_table.size() == 28);
    std::set<std::string_view> keys;
    for (const auto& row : endpoints::default_table)
        keys.insert(row.key);
    CHECK(keys.size() == 28);
    CHECK(std::is_sorted(endpoints::default_table.begin(), endpoints::default_table.end(),
                         [](const auto& a, const auto& b) { return a.key < b.key; }));

    struct expected_row {
        const char* key;
        const char* path;
        http_method method;
    };
    auto e = GENERATE(values<expected_row>({
        {"actions/charge-set-mode", "/kca/car-adapter/v1/cars/{vin}/actions/charge-mode", http_method::post},
        {"actions/charge-set-schedule", "/kca/car-adapter/v2/cars/{vin}/actions/charge-schedule", http_method::post},
        {"actions/charge-start", "/kca/car-adapter/v1/cars/{vin}/actions/charging-start", http_method::post},
        {"actions/charge-stop", "/kca/car-adapter/v1/cars/{vin}/actions/charging-start", http_method::post},
        {"actions/horn-start", "/kca/car-adapter/v1/cars/{vin}/actions/horn-lights", http_method::post},
        {"actions/hvac-set-schedule", "/kca/car-adapter/v2/cars/{vin}/actions/hvac-schedule", http_method::post},
        {"actions/hvac-start", "/kca/car-adapter/v1/cars/{vin}/actions/hvac-start", http_method::post},
        {"actions/hvac-stop", "/kca/car-adapter/v1/cars/{vin}/actions/hvac-start", http_method::post},
        {"actions/lights-start", "/kca/car-adapter/v1/cars/{vin}/actions/horn-lights", http_method::post},
        {"actions/refresh-location", "/kca/car-adapter/v1/cars/{vin}/actions/refresh-location", http_method::post},
        {"alerts", "/vehicles/{vin}/alerts", http_method::get},
        {"battery-status", "/kca/car-adapter/v2/cars/{vin}/battery-status", http_method::get},
        {"charge-history", "/kca/car-adapter/v1/cars/{vin}/charge-history", http_method::get},
        {"charge-mode", "/kca/car-adapter/v1/cars/{vin}/charge-mode", http_method::get},
        {"charge-schedule", "/kca/car-adapter/v1/cars/{vin}/charge-schedule", http_method::get},
        {"charges", "/kca/car-adapter/v1/cars/{vin}/charges", http_method::get},
        {"charging-settings", "/kca/car-adapter/v1/cars/{vin}/charging-settings", http_method::get},
        {"cockpit", "/kca/car-adapter/v1/cars/{vin}/cockpit", http_method::get},
        {"hvac-history", "/kca/car-adapter/v1/cars/{vin}/hvac-history", http_method::get},
        {"hvac-sessions", "/kca/car-adapter/v1/cars/{vin}/hvac-sessions", http_method::get},
        {"hvac-settings", "/kca/car-adapter/v1/cars/{vin}/hvac-settings", http_method::get},
        {"hvac-status", "/kca/car-adapter/v1/cars/{vin}/hvac-status", http_method::get},
        {"location", "/kca/car-adapter/v1/cars/{vin}/location", http_method::get},
        {"lock-status", "/kca/car-adapter/v1/cars/{vin}/lock-status", http_method::get},
        {"notification-settings", "/kca/car-adapter/v1/cars/{vin}/notification-settings", http_method::get},
        {"pressure", "/kca/car-adapter/v1/cars/{vin}/pressure", http_method::get},
        {"res-state", "/kca/car-adapter/v1/cars/{vin}/res-state", http_method::get},
        {"soc-levels", "/kcm/v1/vehicles/{vin}/ev/soc-levels", http_method::get},
    }));
    INFO(e.key);
    const endpoint_info* d = default_endpoint_definition(e.key);
    REQUIRE(d);
    CHECK(d->path == e.path);
    CHECK(d->method == e.method);
    CHECK(d->code == "D");
    CHECK(d->mode == endpoint_mode::default_mode);
    CHECK(d->base == endpoint_base::kamereon);
    CHECK(d->kind == (e.method == http_method::get ? endpoint_kind::read : endpoint_kind::action));
}

TEST_CASE("traits and definitions agree - request types are those of the action bodies", "[tables]")
{
    CHECK(endpoints::battery_status::info.version == 2);
    CHECK(endpoints::battery_status::info.adapter == adapter_type::kca);
    CHECK(endpoints::battery_status::info.response_shape == body_shape::data);
    static_assert(std::is_same_v<endpoints::battery_status::response_model, battery_status>);
    static_assert(std::is_same_v<endpoints::battery_status::request_model, void>);

    std::set<std::string_view> names;
    boost::mp11::mp_for_each<endpoints::all>([&](auto trait) {
        using T = decltype(trait);
        CHECK(&T::info == &endpoints::definitions[T::index]);
        CHECK(model_traits<typename T::response_model>::name == T::info.response_model);
        names.insert(T::info.name);
    });
    CHECK(names.size() == endpoints::definitions.size());

    auto type_of = [](std::string_view key) { return default_endpoint_definition(key)->request_type; };
    CHECK(type_of("actions/charge-set-mode") == "ChargeMode");
    CHECK(type_of("actions/charge-set-schedule") == "ChargeSchedule");
    CHECK(type_of("actions/charge-start") == "ChargingStart");
    CHECK(type_of("actions/charge-stop") == "ChargingStart");
    CHECK(type_of("actions/horn-start") == "HornLights");
    CHECK(type_of("actions/lights-start") == "HornLights");
    CHECK(type_of("actions/hvac-set-schedule") == "HvacSchedule");
    CHECK(type_of("actions/hvac-start") == "HvacStart");
    CHECK(type_of("actions/hvac-stop") == "HvacStart");
    CHECK(type_of("actions/refresh-location") == "RefreshLocation");

    // histories carry their query parameters
    auto query_names = [](std::string_view key) {
        std::vector<std::string_view> names;
        for (const auto& q : default_endpoint_definition(key)->query)
            names.push_back(q.name);
        return names;
    };
    CHECK(query_names("charge-history") == std::vector<std::string_view>{"type", "start", "end"});
    CHECK(query_names("hvac-history") == std::vector<std::string_view>{"type", "start", "end"});
    CHECK(query_names("charges") == std::vector<std::string_view>{"start", "end"});
    CHECK(query_names("hvac-sessions") == std::vector<std::string_view>{"start", "end"});
}

TEST_CASE("the per-model table lists 21 models, sorted, with the stray keys", "[tables]")
{
    REQUIRE(vehicle_models.size() == 21);
    CHECK(std::is_sorted(vehicle_models.begin(), vehicle_models.end(),
                         [](const auto& a, const auto& b) { return a.code < b.code; }));
    CHECK(vehicle_models.front().code == "A4E1VE");
    CHECK(vehicle_models.back().code == "XJL2TR");
    std::set<std::string_view> models;
    for (const auto& row : model_endpoints)
        models.insert(row.model_code);
    CHECK(models.size() == 21);
    CHECK(std::is_sorted(model_endpoints.begin(), model_endpoints.end(), [](const auto& a, const auto& b) {
        return std::pair(a.model_code, a.key) < std::pair(b.model_code, b.key);
    }));
    CHECK(stray_endpoint_keys.size() == 5);
    // every model lists cockpit as the default
    for (auto model : models)
        CHECK(resolve_endpoint(model, "cockpit").lookup == endpoint_lookup::listed);
}

TEST_CASE("endpoint resolution follows the reference semantics", "[tables]")
{
    SECTION("explicit not available")
    {
        auto r = resolve_endpoint("X102VE", "lock-status");
        CHECK(r.definition == nullptr);
        CHECK(r.lookup == endpoint_lookup::not_available);
        CHECK_FALSE(supports_endpoint("X102VE", "lock-status"));
        CHECK_FALSE(supports_endpoint("X101VE", "location"));
    }
    SECTION("explicit default")
    {
        auto r = resolve_endpoint("X102VE", "pressure");
        REQUIRE(r.definition);
        CHECK(r.lookup == endpoint_lookup::listed);
        CHECK(r.definition->path == "/kca/car-adapter/v1/cars/{vin}/pressure");
    }
    SECTION("alternatives")
    {
        auto r5 = resolve_endpoint("R5E1VE", "actions/charge-start");
        REQUIRE(r5.definition);
        CHECK(r5.definition->mode == endpoint_mode::kcm_settings);
        CHECK(r5.definition->path == "/kcm/v1/vehicles/{vin}/ev/settings");
        CHECK(resolve_endpoint("R5E1VE", "charge-schedule").definition->mode == endpoint_mode::kcm_settings);

        auto spring = resolve_endpoint("XBG1VE", "actions/charge-stop");
        CHECK(spring.definition->mode == endpoint_mode::kcm_pause_resume);
        CHECK(spring.definition->path == "/kcm/v1/vehicles/{vin}/charge/pause-resume");

        auto megane = resolve_endpoint("XCB1VE", "actions/charge-set-schedule");
        CHECK(megane.definition->mode == endpoint_mode::kcm);
        CHECK(megane.definition->path == "/kcm/v1/vehicles/{vin}/charge/schedule");
        CHECK(resolve_endpoint("XCB1VE", "actions/charge-start").definition->path == "/kcm/v1/vehicles/{vin}/charge/start");

        auto a290 = resolve_endpoint("A5E1AE", "actions/hvac-stop");
        CHECK(a290.definition->mode == endpoint_mode::kca_stop);
        CHECK(a290.definition->path == "/kca/car-adapter/v1/cars/{vin}/actions/hvac-start");
        CHECK(resolve_endpoint("X101VE", "actions/hvac-stop").definition->mode == endpoint_mode::default_mode);
    }
    SECTION("undocumented key of a documented model falls back to the default")
    {
        auto r = resolve_endpoint("X101VE", "actions/hvac-set-schedule");
        CHECK(r.lookup == endpoint_lookup::undocumented_key);
        REQUIRE(r.definition);
        CHECK(r.definition->code == "D");
    }
    SECTION("undocumented model falls back to the default table")
    {
        auto r = resolve_endpoint("XJD1SU", "lock-status");
        CHECK(r.lookup == endpoint_lookup::undocumented_model);
        REQUIRE(r.definition);
        CHECK(r.definition->key == "lock-status");
        CHECK(endpoints_of_model("XJD1SU").size() == 28);
    }
    SECTION("unknown keys")
    {
        CHECK(resolve_endpoint("X101VE", "random").lookup == endpoint_lookup::unknown_key);
        CHECK(resolve_endpoint("XJD1SU", "random").definition == nullptr);
        CHECK(resolve_endpoint("", "random").definition == nullptr);
        CHECK(resolve_endpoint("", "cockpit").definition == default_endpoint_definition("cockpit"));
    }
    SECTION("stray keys appear in the model's table, unavailable")
    {
        auto duster3 = endpoints_of_model("DU31SU");
        auto it = std::find_if(duster3.begin(), duster3.end(), [](const auto& e) { return e.first == "hvac-start"; });
        REQUIRE(it != duster3.end());
        CHECK(it->second == nullptr);
    }
}

TEST_CASE("the per-model table matches the reference client's cell by cell for two full columns", "[tables]")
{
    // Columns X101VE (Zoe phase 1) and XBG1VE (Spring) of the reference client's per-model table,
    // written out by hand as a second copy of schema/vehicles.yaml (cell codes: docs/api/endpoints.md).
    const std::vector<std::pair<const char*, const char*>> x101ve = {
        {"actions/charge-set-mode", "."}, {"actions/charge-set-schedule", "D"}, {"actions/charge-start", "D"},
        {"actions/charge-stop", "."}, {"actions/horn-start", "."}, {"actions/hvac-set-schedule", "."},
        {"actions/hvac-start", "D"}, {"actions/hvac-stop", "D"}, {"actions/lights-start", "."},
        {"actions/refresh-location", "."}, {"alerts", "."}, {"battery-status", "D"}, {"charge-history", "."},
        {"charge-mode", "D"}, {"charge-schedule", "D"}, {"charges", "."}, {"charging-settings", "."},
        {"cockpit", "D"}, {"hvac-history", "."}, {"hvac-sessions", "."}, {"hvac-settings", "."},
        {"hvac-status", "D"}, {"location", "x"}, {"lock-status", "x"}, {"notification-settings", "."},
        {"pressure", "x"}, {"res-state", "x"}, {"soc-levels", "x"}};
    const std::vector<std::pair<const char*, const char*>> xbg1ve = {
        {"actions/charge-set-mode", "."}, {"actions/charge-set-schedule", "."}, {"actions/charge-start", "KP"},
        {"actions/charge-stop", "KP"}, {"actions/horn-start", "x"}, {"actions/hvac-set-schedule", "."},
        {"actions/hvac-start", "D"}, {"actions/hvac-stop", "ST"}, {"actions/lights-start", "x"},
        {"actions/refresh-location", "D"}, {"alerts", "x"}, {"battery-status", "D"}, {"charge-history", "x"},
        {"charge-mode", "x"}, {"charge-schedule", "x"}, {"charges", "."}, {"charging-settings", "x"},
        {"cockpit", "D"}, {"hvac-history", "x"}, {"hvac-sessions", "x"}, {"hvac-settings", "x"},
        {"hvac-status", "D"}, {"location", "D"}, {"lock-status", "x"}, {"notification-settings", "x"},
        {"pressure", "x"}, {"res-state", "x"}, {"soc-levels", "x"}};
    for (const auto& [model, column] : {std::pair{"X101VE", &x101ve}, std::pair{"XBG1VE", &xbg1ve}}) {
        for (const auto& [key, cell] : *column) {
            INFO(model << " " << key << " " << cell);
            auto r = resolve_endpoint(model, key);
            std::string c = cell;
            if (c == ".") {
                CHECK(r.lookup == endpoint_lookup::undocumented_key);
            } else if (c == "x") {
                CHECK(r.lookup == endpoint_lookup::not_available);
            } else {
                REQUIRE(r.definition);
                CHECK(r.lookup == endpoint_lookup::listed);
                CHECK(r.definition->code == c);
            }
        }
    }
}

TEST_CASE("vehicle and gateway specifications", "[tables]")
{
    CHECK(has_specification(vehicle_specifications, "X101VE", "reports-in-watts"));
    CHECK(has_specification(vehicle_specifications, "X101VE", "reports-charge-session-durations-in-minutes"));
    CHECK(has_specification(vehicle_specifications, "XBG1VE", "control-charge-via-kcm"));
    CHECK_FALSE(has_specification(vehicle_specifications, "X102VE", "reports-in-watts"));
    CHECK(has_specification(gateway_specifications, "GDC", "reports-in-watts"));
    CHECK_FALSE(has_specification(gateway_specifications, "AVN", "reports-in-watts"));
    CHECK(vehicle_specifications.size() == 3);
    CHECK(gateway_specifications.size() == 2);
}

TEST_CASE("every server error code has a row with its condition", "[tables]")
{
    struct expected_error {
        const char* code;
        const char* name;
        renault::condition condition;
        error_source source;
    };
    auto e = GENERATE(values<expected_error>({
        {"err.func.400", "invalid_input", condition::invalid_request, error_source::kamereon},
        {"err.func.403", "access_denied", condition::not_supported, error_source::kamereon},
        {"err.tech.500", "invalid_upstream", condition::transient, error_source::kamereon},
        {"err.tech.501", "not_supported", condition::not_supported, error_source::kamereon},
        {"err.func.wired.notFound", "resource_not_found", condition::not_supported, error_source::kamereon},
        {"err.tech.wired.kamereon-proxy", "failed_forward", condition::transient, error_source::kamereon},
        {"err.func.wired.overloaded", "quota_limit", condition::rate_limited, error_source::kamereon},
        {"err.func.privacy.on", "privacy_mode_on", condition::not_supported, error_source::kamereon},
        {"err.func.wired.forbidden", "forbidden", condition::not_supported, error_source::kamereon},
        {"409001", "charge_mode_in_progress", condition::transient, error_source::kamereon},
        {"err.func.wired.unauthorized", "jwt_unauthorized", condition::authentication, error_source::kamereon},
        {"403005", "unauthorized_user", condition::authentication, error_source::gigya},
        {"403013", "unverified_user", condition::authentication, error_source::gigya},
        {"403042", "invalid_credentials", condition::authentication, error_source::gigya},
        {"403101", "pending_two_factor", condition::authentication, error_source::gigya},
    }));
    INFO(e.code);
    const server_error_info* info = find_server_error(e.code);
    REQUIRE(info);
    CHECK(info->name == e.name);
    CHECK(info->condition == e.condition);
    CHECK(info->source == e.source);
    CHECK(find_server_error("err.does.not.exist") == nullptr);
}

TEST_CASE("each server error row is its errc: numbered from 100 and 200 in row order, same message and condition", "[tables]")
{
    int next_kamereon = static_cast<int>(errc::invalid_input);
    int next_gigya = static_cast<int>(errc::unauthorized_user);
    CHECK(next_kamereon == 100);
    CHECK(next_gigya == 200);
    std::set<int> seen;
    for (const auto& row : server_errors) {
        INFO(row.code);
        int& next = row.source == error_source::kamereon ? next_kamereon : next_gigya;
        CHECK(static_cast<int>(row.value) == next++);
        CHECK(seen.insert(static_cast<int>(row.value)).second);
        const boost::system::error_code ec = make_error_code(row.value);
        CHECK(ec.message() == std::string(row.message));
        CHECK(ec == row.condition);
        CHECK(condition_of(row.value) == row.condition);
        CHECK(find_server_error(row.value) == &row);
        CHECK(find_server_error(row.code) == &row);
    }
    // The catch-all code of each source follows its rows.
    CHECK(static_cast<int>(errc::kamereon_error) == next_kamereon);
    CHECK(static_cast<int>(errc::gigya_error) == next_gigya);
    CHECK(find_server_error(errc::kamereon_error) == nullptr);
    CHECK(make_error_code(errc::gigya_error) == condition::bad_response);
}

TEST_CASE("endpoint modes: names and enumerators agree, every definition's mode has a name", "[tables]")
{
    REQUIRE(endpoint_mode_names.size() == 5);
    CHECK(to_string(endpoint_mode::default_mode) == "default");
    CHECK(to_string(endpoint_mode::kca_stop) == "kca-stop");
    CHECK(to_string(endpoint_mode::kcm) == "kcm");
    CHECK(to_string(endpoint_mode::kcm_pause_resume) == "kcm-pause-resume");
    CHECK(to_string(endpoint_mode::kcm_settings) == "kcm-settings");
    for (std::size_t i = 0; i < endpoint_mode_names.size(); ++i)
        CHECK(endpoint_mode_from_string(endpoint_mode_names[i]) == static_cast<endpoint_mode>(i));
    CHECK_FALSE(endpoint_mode_from_string("kcm_settings"));
    CHECK_FALSE(endpoint_mode_from_string(""));
    CHECK(to_string(static_cast<endpoint_mode>(endpoint_mode_names.size())).empty());
    for (const auto& d : endpoints::definitions)
        CHECK_FALSE(to_string(d.mode).empty());
    CHECK(endpoint_info{}.mode == endpoint_mode::default_mode);
}

TEST_CASE("the 29 locales", "[tables]")
{
    REQUIRE(locales.size() == 29);
    const char* eu_gigya_key = "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N";
    std::size_t eu_default = 0;
    for (const auto& l : locales) {
        CHECK(l.kamereon_api_key == "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J");
        if (l.gigya_api_key == eu_gigya_key && l.gigya_root_url == "https://accounts.eu1.gigya.com" &&
            l.kamereon_root_url == "https://api-wired-prod-1-euw1.wrd-aws.com")
            ++eu_default;
    }
    CHECK(eu_default == 27);
    const locale_info* mx = find_locale("es_MX");
    REQUIRE(mx);
    CHECK(mx->gigya_root_url == "https://accounts.us1.gigya.com");
    CHECK(mx->gigya_api_key == "4_yTFqPSsGxVyRXPZUM7t1Iw");
    CHECK(mx->kamereon_root_url == "https://api-wired-prod-1-usw2.wrd-aws.com");
    const locale_info* lu = find_locale("fr_LU");
    REQUIRE(lu);
    CHECK(lu->gigya_api_key == "3_zt44Wl_wT9mnqn-BHrR19PvXj3wYRPQKLcPbGWawlatFR837KdxSZZStbBTDaqnb");
    CHECK(lu->gigya_root_url == "https://accounts.eu1.gigya.com");
    CHECK(find_locale("xx_XX") == nullptr);
    CHECK(country_of("fr_BE") == "BE");
    CHECK(locales.front().locale == "bg_BG");
    CHECK(locales.back().locale == "sv_SE");
}

TEST_CASE("refresh-location is listed, with the default definition, for the Alpine A290 and the Espace VI", "[tables]")
{
    for (const char* model : {"A5E1AE", "XHN1ML"}) {
        INFO(model);
        const auto r = resolve_endpoint(model, "actions/refresh-location");
        CHECK(r.lookup == endpoint_lookup::listed);
        REQUIRE(r.definition);
        CHECK(r.definition == default_endpoint_definition("actions/refresh-location"));
        CHECK(r.definition->path == "/kca/car-adapter/v1/cars/{vin}/actions/refresh-location");
        CHECK(r.definition->request_type == "RefreshLocation");
        CHECK(supports_endpoint(model, "actions/refresh-location"));
    }
}
