// Every sample body in fixtures/ decodes strictly under the decode key its place in the folder
// layout gives (fixtures/README.md), and the typed values read from each file are the ones it holds.
// The broken bodies of kamereon/error/ fail the way the decoder documents.
#include <renault/endpoints.hpp>
#include <renault/model.hpp>
#include <renault/model/any_body.hpp>
#include <renault/model/corpus.hpp>

#include "support/fixtures.hpp"
#include "support/strict_decode.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using renault::body_shape;

// ---------------------------------------------------------------------------------------------
// Keys the schema leaves out on purpose: real responses have only ever held `null` there, so there
// is no type to give them (docs/api/kamereon.md, "Keys seen only as null"). report_unknown_keys
// reports them; they are allowed here, per decode key and index-free path, and only while the
// fixture holds null there. Any other unknown key is a schema gap and fails the test.
struct null_only_key {
    std::string_view decode_key;
    std::string_view path; ///< JSON path with array indices removed ("vehicleLinks[].endDate")
};

constexpr std::array null_only_keys{
    // alerts (top-level array)
    null_only_key{"alerts", "[].genReason"},
    null_only_key{"alerts", "[].nextDate"},
    null_only_key{"alerts", "[].nextMileage"},
    null_only_key{"alerts", "[].operationCode"},
    null_only_key{"alerts", "[].operationName"},
    null_only_key{"alerts", "[].operationType"},
    null_only_key{"alerts", "[].partyMail"},
    null_only_key{"alerts", "[].partyPostal"},
    null_only_key{"alerts", "[].partySms"},
    // car adapter v2 (vehicle_gateway/)
    null_only_key{"car-adapter", "data.attributes.bin"},
    null_only_key{"car-adapter", "data.attributes.color"},
    null_only_key{"car-adapter", "data.attributes.dealerId"},
    null_only_key{"car-adapter", "data.attributes.deviceSerialNumber"},
    null_only_key{"car-adapter", "data.attributes.electricityUnitCost"},
    null_only_key{"car-adapter", "data.attributes.fuelUnitCost"},
    null_only_key{"car-adapter", "data.attributes.modelYear"},
    null_only_key{"car-adapter", "data.attributes.nickname"},
    null_only_key{"car-adapter", "data.attributes.packId"},
    null_only_key{"car-adapter", "data.attributes.packManufacturingDate"},
    null_only_key{"car-adapter", "data.attributes.packNominalCapacity"},
    null_only_key{"car-adapter", "data.attributes.packType"},
    null_only_key{"car-adapter", "data.attributes.pictureUrl"},
    null_only_key{"car-adapter", "data.attributes.sourceReferenceId"},
    null_only_key{"car-adapter", "data.attributes.svtBlockLastUpdateTime"},
    null_only_key{"car-adapter", "data.attributes.svtLastUpdateTime"},
    null_only_key{"car-adapter", "data.attributes.temperatureUnit"},
    null_only_key{"car-adapter", "data.attributes.upholstery"},
    null_only_key{"car-adapter", "data.attributes.vehicleSourceType"},
    null_only_key{"car-adapter", "data.attributes.vehicleType"},
    null_only_key{"car-adapter", "data.attributes.versionName"},
    // account vehicles list (vehicles/)
    null_only_key{"vehicles", "activeOrders"},
    null_only_key{"vehicles", "vehicleLinks[].cancellationReason.code"},
    null_only_key{"vehicles", "vehicleLinks[].cancellationReason.label"},
    null_only_key{"vehicles", "vehicleLinks[].createdBy"},
    null_only_key{"vehicles", "vehicleLinks[].digitalMaintenanceBookletGenerationDate"},
    null_only_key{"vehicles", "vehicleLinks[].endDate"},
    null_only_key{"vehicles", "vehicleLinks[].estimatedMileage"},
    null_only_key{"vehicles", "vehicleLinks[].installSoftware"},
    null_only_key{"vehicles", "vehicleLinks[].lastModifiedBy"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.assets[].renditions[].resolution"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.colorMarketing"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.commercialModel"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.disclaimer"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.equipments"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.fluidRecommendations"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.fluidsDisclaimer"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.fluidsHeading"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.harmony"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.heading"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.maintenance"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.maintenancesHeading"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.mileageUnit"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.modelYear"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.multimediaSystem"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.operations"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.operationsHeading"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.options"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.orderTracking"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.preferredDealer"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.recallNotifications"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.serviceCopy"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.specialInfos"},
    null_only_key{"vehicles", "vehicleLinks[].vehicleDetails.trim"},
};

/// "vehicleLinks[0].assets[12].url" -> "vehicleLinks[].assets[].url"
std::string without_indices(std::string_view path)
{
    std::string out;
    bool in_index = false;
    for (char c : path) {
        if (c == '[') {
            in_index = true;
            out += '[';
        } else if (c == ']') {
            in_index = false;
            out += ']';
        } else if (!in_index) {
            out += c;
        }
    }
    return out;
}

/// The value at a diagnostic path ("data.attributes.bin", "[1].nextDate"), or nullptr.
const boost::json::value* value_at(const boost::json::value& root, std::string_view path)
{
    const boost::json::value* at = &root;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '.') {
            ++i;
        } else if (path[i] == '[') {
            auto close = path.find(']', i);
            if (close == std::string_view::npos)
                return nullptr;
            std::size_t index = std::stoul(std::string(path.substr(i + 1, close - i - 1)));
            const auto* array = at->if_array();
            if (!array || index >= array->size())
                return nullptr;
            at = &(*array)[index];
            i = close + 1;
        } else {
            auto end = path.find_first_of(".[", i);
            auto key = path.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
            const auto* object = at->if_object();
            if (!object)
                return nullptr;
            auto found = object->find(key);
            if (found == object->end())
                return nullptr;
            at = &found->value();
            i = end == std::string_view::npos ? path.size() : end;
        }
    }
    return at;
}

// ---------------------------------------------------------------------------------------------
// Typed decoding of one fixture. The type asked for must be the one the file's place in the
// layout gives (decode_key_for_path), so the value tests read what a payload collection would.
// Strict mode: any wrong type, unknown enum value or missing required key fails; unknown keys are
// the business of the walk over every fixture above.

template <class M, body_shape S>
renault::body_t<M, S> decode_fixture(std::string_view path)
{
    INFO("fixture " << path);
    auto key = renault::decode_key_for_path(path);
    REQUIRE(key);
    bool same_type = false;
    bool known = renault::visit_decode_key(*key, [&]<class K, body_shape KS>() {
        same_type = std::is_same_v<K, M> && KS == S;
    });
    CHECK(known);
    CHECK(same_type);
    return renault::test::decode_fixture_strictly<M, S>(path);
}

template <class M>
renault::data_body<M> data_fixture(std::string_view path)
{
    return decode_fixture<M, body_shape::data>(path);
}

template <class M>
M flat_fixture(std::string_view path)
{
    return decode_fixture<M, body_shape::flat>(path);
}

template <class M>
std::vector<M> array_fixture(std::string_view path)
{
    return decode_fixture<M, body_shape::array>(path);
}

/// `data.attributes` of a data body; the body must have them.
template <class M>
const M& attributes(const renault::data_body<M>& body)
{
    const M* model = renault::model_in(body);
    REQUIRE(model != nullptr);
    return *model;
}

/// `data.type` and `data.id`, and no `errors`.
template <class M>
void check_envelope(const renault::data_body<M>& body, std::string_view type, std::string_view id)
{
    REQUIRE(body.data);
    CHECK(body.data->type == type);
    CHECK(body.data->id == id);
    CHECK_FALSE(body.errors);
}

/// The seven days of a schedule, Monday first.
template <class S>
auto days_of(const S& s)
{
    return std::array{&s.monday, &s.tuesday, &s.wednesday, &s.thursday, &s.friday, &s.saturday, &s.sunday};
}

template <class Program>
auto program_days(const Program& p)
{
    return std::array{p.program_activation_monday,   p.program_activation_tuesday, p.program_activation_wednesday,
                      p.program_activation_thursday, p.program_activation_friday,  p.program_activation_saturday,
                      p.program_activation_sunday};
}

void check_days(const std::array<std::optional<bool>, 7>& days, const std::array<bool, 7>& expected)
{
    for (std::size_t i = 0; i < 7; ++i) {
        INFO("day " << i);
        CHECK(days[i] == expected[i]);
    }
}

const renault::decode_options strict_with_unknown_keys{.strict = true, .report_unknown_keys = true};

} // namespace

// =============================================================================================
// 1. The whole collection

TEST_CASE("every placed fixture decodes strictly, unknown keys only where real responses had only null", "[fixtures]")
{
    std::size_t placed = 0;
    std::set<std::string> not_checked;
    std::set<std::pair<std::string_view, std::string_view>> allowed_seen;

    for (const auto& path : renault::test::all_fixtures()) {
        auto key = renault::decode_key_for_path(path);
        // The deliberately broken bodies are tested below; truncated.json is placed ("error").
        if (!key || path == "kamereon/error/truncated.json") {
            not_checked.insert(path);
            continue;
        }
        ++placed;
        INFO("fixture " << path << " (decode key " << *key << ")");
        std::string body = renault::test::read_fixture(path);
        renault::any_decoded out;
        boost::system::error_code ec;
        REQUIRE(renault::decode_by_key(*key, body, out, ec, strict_with_unknown_keys));

        std::optional<boost::json::value> json;
        for (const auto& d : out.diagnostics) {
            std::string generic = without_indices(d.path);
            const null_only_key* allowed = nullptr;
            if (d.kind == renault::diagnostic_kind::unknown_key)
                for (const auto& k : null_only_keys)
                    if (k.decode_key == *key && k.path == generic)
                        allowed = &k;
            if (!allowed) {
                FAIL_CHECK("unexpected diagnostic " << renault::to_string(d.kind) << " at " << renault::to_string(d));
                continue;
            }
            allowed_seen.insert({allowed->decode_key, allowed->path});
            if (!json)
                json = boost::json::parse(body);
            const boost::json::value* value = value_at(*json, d.path);
            INFO("null-only key " << d.path);
            REQUIRE(value != nullptr);
            CHECK(value->is_null());
        }
        // Strict mode turns even an allowed diagnostic into strict_decode_failed; nothing else.
        if (out.diagnostics.empty())
            CHECK_FALSE(ec);
        else
            CHECK(ec == renault::errc::strict_decode_failed);
    }

    CHECK(placed >= 100);
    // Files the layout does not place (README.md, the non-JSON bodies, the expected helper results,
    // a data body of no endpoint) and the truncated body, which is placed but cannot decode.
    const std::set<std::string> expected_not_checked{
        "README.md",
        "kamereon/error/bad_gateway.html",
        "kamereon/error/empty.txt",
        "kamereon/error/truncated.json",
        "kamereon/expected_specs.json",
        "kamereon/vehicle_data/no_data.json",
    };
    CHECK(not_checked == expected_not_checked);
    CHECK(renault::decode_key_for_path("kamereon/error/truncated.json") == std::optional<std::string>("error"));

    // Every allowed key is met: an entry nobody needs any more is removed from the list.
    for (const auto& k : null_only_keys) {
        INFO("allowed null-only key " << k.decode_key << " " << k.path);
        CHECK(allowed_seen.count({k.decode_key, k.path}) == 1);
    }
}

// =============================================================================================
// 2. Gigya

TEST_CASE("gigya login gives the session cookie", "[fixtures][gigya]")
{
    auto login = flat_fixture<renault::gigya_login_response>("gigya/login.json");
    CHECK(login.error_code == 0);
    CHECK(login.status_code == 200);
    CHECK(login.status_reason == "OK");
    CHECK(login.api_version == 2);
    CHECK(login.call_id == "callId");
    CHECK(login.uid == "UID");
    CHECK(login.uid_signature == "UIDSignature=");
    CHECK(login.signature_timestamp == "1605600408");
    CHECK(login.time == "2020-11-17T08:06:48.186Z");
    REQUIRE(login.session_info);
    CHECK(login.session_info->cookie_name == "cookieName");
    CHECK(login.session_info->cookie_value == "sample-cookie-value");
    REQUIRE(login.profile);
    CHECK(login.profile->email == "email@email.com");
    CHECK(login.is_active == true);
    CHECK(login.is_verified == true);
    CHECK(login.new_user == false);
    CHECK(login.login_provider == "site");
    CHECK(login.last_login_timestamp == 1605600408000);
    CHECK(login.registered_timestamp == 1571146447000);
    CHECK(login.oldest_data_updated_timestamp == 1571146447432);
    CHECK_FALSE(login.reg_token);
    CHECK_FALSE(login.error_message);
}

TEST_CASE("gigya account info gives the person id", "[fixtures][gigya]")
{
    auto info = flat_fixture<renault::gigya_account_info_response>("gigya/get_account_info.json");
    CHECK(info.error_code == 0);
    CHECK(info.status_code == 200);
    REQUIRE(info.data);
    CHECK(info.data->person_id == "person-id-1");
    CHECK(info.data->gigya_data_center == "gigyaDataCenter");
    REQUIRE(info.emails);
    REQUIRE(info.emails->verified);
    CHECK(*info.emails->verified == std::vector<std::string>{"email@email.com"});
    REQUIRE(info.emails->unverified);
    CHECK(info.emails->unverified->empty());
    CHECK(info.preferences.has_value());
    REQUIRE(info.profile);
    CHECK(info.profile->email == "email@email.com");
    CHECK(info.created == "2019-10-15T13:34:07.000Z");
    CHECK(info.verified_timestamp == 1571146512000);
    CHECK(info.last_updated_timestamp == 1591262263364);
    CHECK(info.social_providers == "site");
}

TEST_CASE("gigya JWT gives the id token", "[fixtures][gigya]")
{
    auto jwt = flat_fixture<renault::gigya_jwt_response>("gigya/get_jwt.json");
    CHECK(jwt.error_code == 0);
    CHECK(jwt.status_code == 200);
    CHECK(jwt.status_reason == "OK");
    CHECK(jwt.id_token == "sample-jwt-token");
    CHECK(jwt.ignored_fields == "");
    CHECK_FALSE(jwt.error_details);
}

TEST_CASE("gigya error bodies", "[fixtures][gigya]")
{
    SECTION("get_jwt 403005: unauthorized user")
    {
        auto e = flat_fixture<renault::gigya_jwt_response>("gigya/error/get_jwt.403005.json");
        CHECK(e.error_code == 403005);
        CHECK(e.error_details == "Unauthorized user");
        CHECK(e.error_message == "Unauthorized user");
        CHECK(e.status_code == 403);
        CHECK(e.status_reason == "Forbidden");
        CHECK_FALSE(e.id_token);
    }
    SECTION("get_jwt 403013: unverified user")
    {
        auto e = flat_fixture<renault::gigya_jwt_response>("gigya/error/get_jwt.403013.json");
        CHECK(e.error_code == 403013);
        CHECK(e.error_details == "Unverified user");
        CHECK(e.error_message == "Unverified user");
        CHECK(e.status_code == 403);
        CHECK_FALSE(e.id_token);
    }
    SECTION("login 403042: invalid credentials")
    {
        auto e = flat_fixture<renault::gigya_login_response>("gigya/error/login.403042.json");
        CHECK(e.error_code == 403042);
        CHECK(e.error_details == "invalid loginID or password");
        CHECK(e.error_message == "Invalid LoginID");
        CHECK(e.status_code == 403);
        CHECK(e.status_reason == "Forbidden");
        CHECK_FALSE(e.session_info);
        CHECK_FALSE(e.reg_token);
    }
    SECTION("login 403101: two-factor authentication pending, with a registration token")
    {
        auto e = flat_fixture<renault::gigya_login_response>("gigya/error/login.403101.json");
        CHECK(e.error_code == 403101);
        CHECK(e.error_details == "Pending Two-Factor Authentication");
        CHECK(e.error_message == "Account Pending TFA Verification");
        CHECK(e.status_code == 403);
        CHECK(e.time == "2026-06-15T07:12:29.951Z");
        CHECK(e.reg_token == "sample-reg-token");
        CHECK_FALSE(e.session_info);
    }
}

TEST_CASE("gigya two-factor flow bodies", "[fixtures][gigya]")
{
    SECTION("web SDK bootstrap")
    {
        auto r = flat_fixture<renault::gigya_response>("gigya/tfa/web_sdk_bootstrap.json");
        CHECK(r.error_code == 0);
        CHECK(r.status_code == 200);
        CHECK(r.status_reason == "OK");
        CHECK(r.time == "2026-06-15T07:12:31.402Z");
    }
    SECTION("init TFA gives the Gigya assertion")
    {
        auto r = flat_fixture<renault::gigya_tfa_init_response>("gigya/tfa/init_tfa.json");
        CHECK(r.error_code == 0);
        CHECK(r.gigya_assertion == "sample-gigya-assertion");
    }
    SECTION("get emails lists the obfuscated address")
    {
        auto r = flat_fixture<renault::gigya_tfa_emails_response>("gigya/tfa/get_emails.json");
        CHECK(r.error_code == 0);
        REQUIRE(r.emails);
        REQUIRE(r.emails->size() == 1);
        CHECK((*r.emails)[0].id == "email-id-1");
        CHECK((*r.emails)[0].obfuscated == "e***l@email.com");
    }
    SECTION("send verification code gives the phv token")
    {
        auto r = flat_fixture<renault::gigya_tfa_code_sent_response>("gigya/tfa/send_verification_code.json");
        CHECK(r.error_code == 0);
        CHECK(r.phv_token == "sample-phv-token");
    }
    SECTION("complete verification gives the provider assertion")
    {
        auto r = flat_fixture<renault::gigya_tfa_verification_response>("gigya/tfa/complete_verification.json");
        CHECK(r.error_code == 0);
        CHECK(r.provider_assertion == "sample-provider-assertion");
    }
    SECTION("finalize TFA")
    {
        auto r = flat_fixture<renault::gigya_response>("gigya/tfa/finalize_tfa.json");
        CHECK(r.error_code == 0);
        CHECK(r.status_code == 200);
        CHECK(r.call_id == "callId");
    }
    SECTION("finalize registration logs in")
    {
        auto r = flat_fixture<renault::gigya_login_response>("gigya/tfa/finalize_registration.json");
        CHECK(r.error_code == 0);
        CHECK(r.time == "2026-06-15T07:14:02.118Z");
        CHECK(r.last_login == "2026-06-15T07:14:02.051Z");
        CHECK(r.last_login_timestamp == 1781507642051);
        REQUIRE(r.session_info);
        CHECK(r.session_info->cookie_value == "sample-cookie-value");
        CHECK(r.new_user == false);
    }
}

// =============================================================================================
// 3. Kamereon errors

TEST_CASE("kamereon error bodies give code, message and type", "[fixtures][errors]")
{
    struct expected_error {
        std::string_view file;
        renault::error_type type;
        std::string_view reference;
        std::string_view code;
        std::string_view message;
    };
    using renault::error_type;
    const expected_error cases[] = {
        {"access_denied.json", error_type::functional, "FUNCTIONAL", "err.func.403", "Access is denied for this resource"},
        {"charge_mode_error.json", error_type::functional, "FUNCTIONAL", "err.func.vcps.ev.charge-mode.error",
         "Charge mode error"},
        {"charge_mode_in_progress.json", error_type::functional, "FUNCTIONAL", "409001",
         "Charge mode change already in progress"},
        {"failed_forward.json", error_type::technical, "TECHNICAL", "err.tech.wired.kamereon-proxy",
         "Failed to forward request to remote service."},
        {"forbidden.json", error_type::functional, "FUNCTIONAL", "err.func.wired.forbidden", "The access is forbidden"},
        {"hvac-status.403.403011.json", error_type::functional, "FUNCTIONAL", "err.func.403",
         R"json({"errors":[{"status":"403","code":"403011","title":"Operation not supported","detail":"Operation not supported for this can (C1A)"}]})json"},
        {"invalid_date.json", error_type::functional, "FUNCTIONAL", "err.func.400",
         R"json({"errors":[{"status":"400","source":{"pointer":"/data/attributes/startDateTime"},"detail":"must be a future date"}]})json"},
        {"invalid_upstream.json", error_type::technical, "TECHNICAL", "err.tech.500",
         R"json({"errors":[{"title":"Invalid response from the upstream server (The request sent to the GDC is erroneous) ; 502 Bad Gateway"}]})json"},
        {"no_gdc_gateway.json", error_type::functional, "FUNCTIONAL", "400001", "The vehicle does not have a GDC gateway"},
        {"not_found.json", error_type::functional, "FUNCTIONAL", "err.func.wired.not-found", "Not found"},
        {"not_supported.json", error_type::technical, "TECHNICAL", "err.tech.501",
         R"json({"errors":[{"title":"This feature is not technically supported by this gateway"}]})json"},
        {"privacy_on.json", error_type::functional, "FUNCTIONAL", "err.func.privacy.on", "Privacy mode is on"},
        {"quota_limit.json", error_type::functional, "FUNCTIONAL", "err.func.wired.overloaded",
         "You have reached your quota limit"},
        {"resource_not_found.json", error_type::functional, "FUNCTIONAL", "err.func.wired.notFound", "Resource not found"},
        {"unauthorized.json", error_type::functional, "FUNCTIONAL", "err.func.wired.unauthorized", "The token is not valid"},
    };
    std::size_t json_files = 0;
    for (const auto& path : renault::test::all_fixtures())
        if (path.starts_with("kamereon/error/") && path.ends_with(".json") && path != "kamereon/error/truncated.json")
            ++json_files;
    CHECK(json_files == std::size(cases)); // every error body has its row

    for (const auto& c : cases) {
        std::string path = "kamereon/error/" + std::string(c.file);
        INFO(path);
        auto body = flat_fixture<renault::kamereon_error_body>(path);
        CHECK(body.type == c.type);
        CHECK(body.error_reference == c.reference);
        REQUIRE(body.errors);
        REQUIRE(body.errors->size() == 1);
        const auto& error = body.errors->front();
        CHECK(error.error_code == c.code);
        CHECK(error.error_message == c.message);
        // Every Kamereon error seen says "functional"/"error", even the TECHNICAL ones.
        CHECK(error.error_type == "functional");
        CHECK(error.error_level == "error");
        REQUIRE(body.messages);
        REQUIRE(body.messages->size() == 1);
        CHECK(body.messages->front().code == c.code);
        CHECK(body.messages->front().message == c.message);
    }
}

// =============================================================================================
// 4. Car-adapter data (vehicle_data/)

TEST_CASE("battery status", "[fixtures][vehicle_data]")
{
    using renault::charge_state;
    using renault::plug_state;
    SECTION("ZOE 40: unplugged, charge error")
    {
        auto body = data_fixture<renault::battery_status>("kamereon/vehicle_data/battery-status.zoe_40.json");
        check_envelope(body, "Car", "VF1AAAAA555777999");
        const auto& b = attributes(body);
        CHECK(b.timestamp == "2020-11-17T09:06:48+01:00");
        CHECK(b.battery_level == 50);
        CHECK(b.battery_autonomy == 128);
        CHECK(b.battery_capacity == 0);
        CHECK(b.battery_available_energy == 0);
        CHECK(b.plug_status == plug_state::unplugged);
        CHECK(b.charging_status == charge_state::charge_error);
        REQUIRE(b.charging_status);
        CHECK(b.charging_status->raw == -1.0);
        REQUIRE(b.charging_instantaneous_power);
        CHECK(*b.charging_instantaneous_power == 0.0);
        CHECK_FALSE(b.battery_temperature);
        CHECK_FALSE(b.charging_remaining_time);
    }
    SECTION("ZOE 50: plugged, charging")
    {
        auto body = data_fixture<renault::battery_status>("kamereon/vehicle_data/battery-status.zoe_50.json");
        check_envelope(body, "Car", "VF1AAAAA555777999");
        const auto& b = attributes(body);
        CHECK(b.timestamp == "2020-01-12T21:40:16Z");
        CHECK(b.battery_level == 60);
        CHECK(b.battery_temperature == 20);
        CHECK(b.battery_autonomy == 141);
        CHECK(b.battery_available_energy == 31);
        CHECK(b.plug_status == plug_state::plugged);
        CHECK(b.charging_status == charge_state::charge_in_progress);
        CHECK(b.charging_remaining_time == 145);
        REQUIRE(b.charging_instantaneous_power);
        CHECK(*b.charging_instantaneous_power == Approx(27.0));
    }
    SECTION("Renault 5: V2L display and remaining-time update")
    {
        auto body = data_fixture<renault::battery_status>("kamereon/vehicle_data/battery-status.renault_5.json");
        check_envelope(body, "Car", "VF1AAAAA555777999");
        const auto& b = attributes(body);
        CHECK(b.timestamp == "2024-11-20T19:42:13Z");
        CHECK(b.battery_level == 62);
        CHECK(b.battery_autonomy == 243);
        CHECK(b.battery_available_energy == 31);
        CHECK(b.plug_status == plug_state::plugged);
        CHECK(b.charging_status == charge_state::charge_in_progress);
        CHECK(b.charging_remaining_time == 95);
        CHECK(b.charging_remaining_time_last_update_date_time == "2024-11-20T19:41:55Z");
        REQUIRE(b.charging_instantaneous_power);
        CHECK(*b.charging_instantaneous_power == Approx(7.4));
        CHECK(b.v2l_system_status_display == 0);
        CHECK_FALSE(b.battery_capacity);
    }
}

TEST_CASE("charge history per day and per month", "[fixtures][vehicle_data]")
{
    SECTION("day")
    {
        auto body = data_fixture<renault::charge_history>("kamereon/vehicle_data/charge-history.day.json");
        check_envelope(body, "Car", "VF1AAAAA555777999");
        const auto& s = attributes(body).charge_summaries;
        REQUIRE(s);
        REQUIRE(s->size() == 2);
        CHECK((*s)[0].day == "20201208");
        CHECK_FALSE((*s)[0].month);
        CHECK((*s)[0].total_charges_number == 2);
        CHECK((*s)[0].total_charges_duration == 495);
        CHECK((*s)[0].total_charges_errors == 0);
        CHECK((*s)[1].day == "20201205");
        CHECK((*s)[1].total_charges_number == 1);
        CHECK((*s)[1].total_charges_duration == 657);
    }
    SECTION("month")
    {
        auto body = data_fixture<renault::charge_history>("kamereon/vehicle_data/charge-history.month.json");
        const auto& s = attributes(body).charge_summaries;
        REQUIRE(s);
        REQUIRE(s->size() == 2);
        CHECK((*s)[0].month == "202011");
        CHECK_FALSE((*s)[0].day);
        CHECK((*s)[0].total_charges_number == 10);
        CHECK((*s)[0].total_charges_duration == 4812);
        CHECK((*s)[0].total_charges_errors == 1);
        CHECK((*s)[1].month == "202010");
        CHECK((*s)[1].total_charges_number == 7);
        CHECK((*s)[1].total_charges_duration == 3021);
        CHECK((*s)[1].total_charges_errors == 0);
    }
}

TEST_CASE("charge mode", "[fixtures][vehicle_data]")
{
    auto always = data_fixture<renault::charge_mode_status>("kamereon/vehicle_data/charge-mode.always.json");
    check_envelope(always, "Car", "VF1AAAAA555777999");
    CHECK(attributes(always).charge_mode == renault::charge_mode::always);
    auto schedule = data_fixture<renault::charge_mode_status>("kamereon/vehicle_data/charge-mode.schedule_mode.json");
    CHECK(attributes(schedule).charge_mode == renault::charge_mode::schedule_mode);
}

TEST_CASE("charge schedule calendar: one inactive 23:00 slot of 8 h every day", "[fixtures][vehicle_data]")
{
    auto body = data_fixture<renault::charge_schedule_calendar>("kamereon/vehicle_data/charge-schedule.single.json");
    check_envelope(body, "Car", "VF1AAAAA555777999");
    const auto& calendar = attributes(body).calendar;
    REQUIRE(calendar);
    for (const auto* day : days_of(*calendar)) {
        REQUIRE(*day);
        REQUIRE((*day)->size() == 1);
        const auto& slot = (*day)->front();
        CHECK(slot.start_time == "2300");
        CHECK(slot.duration == 480);
        CHECK(slot.activation_state == false);
    }
}

TEST_CASE("charge sessions", "[fixtures][vehicle_data]")
{
    using renault::charge_end_status;
    SECTION("Megane: one ended ok, one in error")
    {
        auto body = data_fixture<renault::charges>("kamereon/vehicle_data/charges.megane.json");
        check_envelope(body, "Car", "VF1AAAAA555777999");
        const auto& c = attributes(body).charges;
        REQUIRE(c);
        REQUIRE(c->size() == 2);
        const auto& first = (*c)[0];
        CHECK(first.charge_start_date == "2022-12-03T21:02:44Z");
        CHECK(first.charge_end_date == "2022-12-04T04:51:09Z");
        CHECK(first.charge_duration == 28105);
        CHECK(first.charge_start_battery_level == 22);
        CHECK(first.charge_end_battery_level == 80);
        CHECK(first.charge_battery_level_recovered == 58);
        CHECK(first.charge_power == "slow");
        CHECK(first.charge_start_instantaneous_power == 7200);
        REQUIRE(first.charge_energy_recovered);
        CHECK(*first.charge_energy_recovered == Approx(34.7));
        CHECK(first.charge_end_status == charge_end_status::ok);
        const auto& second = (*c)[1];
        CHECK(second.charge_duration == 332);
        CHECK(second.charge_start_battery_level == 41);
        CHECK(second.charge_end_battery_level == 41);
        CHECK(second.charge_battery_level_recovered == 0);
        CHECK(second.charge_start_instantaneous_power == 2300);
        REQUIRE(second.charge_energy_recovered);
        CHECK(*second.charge_energy_recovered == 0.0);
        CHECK(second.charge_end_status == charge_end_status::error);
    }
    SECTION("ZOE 40: one session, duration in minutes")
    {
        auto body = data_fixture<renault::charges>("kamereon/vehicle_data/charges.zoe_40.json");
        const auto& c = attributes(body).charges;
        REQUIRE(c);
        REQUIRE(c->size() == 1);
        const auto& s = c->front();
        CHECK(s.charge_start_date == "2020-11-11T00:31:03Z");
        CHECK(s.charge_end_date == "2020-11-11T08:30:17Z");
        CHECK(s.charge_duration == 479);
        CHECK(s.charge_start_battery_level == 15);
        CHECK(s.charge_end_battery_level == 74);
        CHECK(s.charge_battery_level_recovered == 59);
        CHECK(s.charge_start_instantaneous_power == 3100);
        REQUIRE(s.charge_energy_recovered);
        CHECK(*s.charge_energy_recovered == Approx(24.2));
        CHECK(s.charge_end_status == charge_end_status::ok);
    }
}

TEST_CASE("charging settings", "[fixtures][vehicle_data]")
{
    using renault::charging_settings_mode;
    SECTION("always: a full inactive schedule and an empty one")
    {
        auto body = data_fixture<renault::charging_settings>("kamereon/vehicle_data/charging-settings.always.json");
        check_envelope(body, "Car", "VF1AAAAA555777999");
        const auto& s = attributes(body);
        CHECK(s.mode == charging_settings_mode::always);
        CHECK(s.date_time == "2020-12-24T20:00:00.000Z");
        CHECK_FALSE(s.start_date_time);
        CHECK_FALSE(s.delay);
        REQUIRE(s.schedules);
        REQUIRE(s.schedules->size() == 2);
        CHECK((*s.schedules)[0].id == 1);
        CHECK((*s.schedules)[0].activated == false);
        for (const auto* day : days_of((*s.schedules)[0])) {
            REQUIRE(*day);
            CHECK((*day)->start_time == "T23:00Z");
            CHECK((*day)->duration == 480);
        }
        CHECK((*s.schedules)[1].id == 2);
        CHECK((*s.schedules)[1].activated == false);
        for (const auto* day : days_of((*s.schedules)[1]))
            CHECK_FALSE(*day);
    }
    SECTION("delayed: start time and delay")
    {
        auto body = data_fixture<renault::charging_settings>("kamereon/vehicle_data/charging-settings.delayed.json");
        const auto& s = attributes(body);
        CHECK(s.mode == charging_settings_mode::delayed);
        CHECK(s.start_date_time == "2020-12-24T23:30:00.000Z");
        CHECK(s.delay == 210);
        REQUIRE(s.schedules);
        REQUIRE(s.schedules->size() == 1);
        CHECK(s.schedules->front().activated == false);
        CHECK_FALSE(s.schedules->front().monday);
    }
    SECTION("multi: five schedules, two active")
    {
        auto body = data_fixture<renault::charging_settings>("kamereon/vehicle_data/charging-settings.multi.json");
        const auto& s = attributes(body);
        CHECK(s.mode == charging_settings_mode::scheduled);
        CHECK_FALSE(s.date_time);
        REQUIRE(s.schedules);
        REQUIRE(s.schedules->size() == 5);
        const auto& first = (*s.schedules)[0];
        CHECK(first.id == 1);
        CHECK(first.activated == true);
        for (const auto* day : days_of(first)) {
            REQUIRE(*day);
            CHECK((*day)->start_time == "T00:00Z");
            CHECK((*day)->duration == 450);
        }
        const auto& second = (*s.schedules)[1];
        CHECK(second.id == 2);
        CHECK(second.activated == true);
        REQUIRE(second.monday);
        CHECK(second.monday->start_time == "T23:30Z");
        CHECK(second.monday->duration == 15);
        for (const auto* day : days_of(second)) {
            REQUIRE(*day);
            CHECK((*day)->start_time == "T23:30Z");
            CHECK((*day)->duration == 15);
        }
        for (std::size_t i = 2; i < 5; ++i) {
            INFO("schedule " << i);
            const auto& schedule = (*s.schedules)[i];
            CHECK(schedule.id == static_cast<std::int64_t>(i + 1));
            CHECK(schedule.activated == false);
            for (const auto* day : days_of(schedule))
                CHECK_FALSE(*day);
        }
    }
    SECTION("single: a different window every day")
    {
        auto body = data_fixture<renault::charging_settings>("kamereon/vehicle_data/charging-settings.single.json");
        const auto& s = attributes(body);
        CHECK(s.mode == charging_settings_mode::scheduled);
        REQUIRE(s.schedules);
        REQUIRE(s.schedules->size() == 1);
        const auto& schedule = s.schedules->front();
        CHECK(schedule.id == 1);
        CHECK(schedule.activated == true);
        const std::array<std::pair<std::string_view, std::int64_t>, 7> expected{{
            {"T12:00Z", 15},
            {"T04:30Z", 420},
            {"T22:30Z", 420},
            {"T22:00Z", 420},
            {"T12:15Z", 15},
            {"T12:30Z", 30},
            {"T12:45Z", 45},
        }};
        auto days = days_of(schedule);
        for (std::size_t i = 0; i < 7; ++i) {
            INFO("day " << i);
            REQUIRE(*days[i]);
            CHECK((*days[i])->start_time == expected[i].first);
            CHECK((*days[i])->duration == expected[i].second);
        }
    }
}

TEST_CASE("cockpit", "[fixtures][vehicle_data]")
{
    SECTION("ZOE: mileage only")
    {
        auto body = data_fixture<renault::cockpit>("kamereon/vehicle_data/cockpit.zoe.json");
        check_envelope(body, "Car", "VF1AAAAA555777999");
        const auto& c = attributes(body);
        REQUIRE(c.total_mileage);
        CHECK(*c.total_mileage == Approx(49114.27));
        CHECK_FALSE(c.fuel_autonomy);
        CHECK_FALSE(c.fuel_quantity);
        CHECK_FALSE(c.timestamp);
    }
    SECTION("Captur II: fuel")
    {
        auto body = data_fixture<renault::cockpit>("kamereon/vehicle_data/cockpit.captur_ii.json");
        const auto& c = attributes(body);
        REQUIRE(c.total_mileage);
        CHECK(*c.total_mileage == Approx(5566.78));
        REQUIRE(c.fuel_autonomy);
        CHECK(*c.fuel_autonomy == Approx(35.0));
        REQUIRE(c.fuel_quantity);
        CHECK(*c.fuel_quantity == Approx(3.0));
    }
    SECTION("Renault 5: integral mileage read as a float")
    {
        auto body = data_fixture<renault::cockpit>("kamereon/vehicle_data/cockpit.renault_5.json");
        const auto& c = attributes(body);
        CHECK(c.total_mileage == 1520.0);
        CHECK(c.timestamp == "2025-02-01T11:45:09Z");
        CHECK_FALSE(c.fuel_autonomy);
    }
    SECTION("Spring: zero fuel")
    {
        auto body = data_fixture<renault::cockpit>("kamereon/vehicle_data/cockpit.spring.json");
        const auto& c = attributes(body);
        REQUIRE(c.total_mileage);
        CHECK(*c.total_mileage == Approx(5785.75));
        CHECK(c.fuel_autonomy == 0.0);
        CHECK(c.fuel_quantity == 0.0);
        CHECK(c.timestamp == "2022-03-20T14:02:18Z");
    }
}

TEST_CASE("endpoints whose attributes are still empty", "[fixtures][vehicle_data]")
{
    auto history = data_fixture<renault::hvac_history>("kamereon/vehicle_data/hvac-history.json");
    check_envelope(history, "Car", "VF1AAAAA555777999");
    CHECK(renault::model_in(history) != nullptr);
    auto sessions = data_fixture<renault::hvac_sessions>("kamereon/vehicle_data/hvac-sessions.json");
    check_envelope(sessions, "Car", "VF1AAAAA555777999");
    CHECK(renault::model_in(sessions) != nullptr);
    auto notifications =
        data_fixture<renault::notification_settings>("kamereon/vehicle_data/notification-settings.json");
    check_envelope(notifications, "Car", "VF1AAAAA555777999");
    CHECK(renault::model_in(notifications) != nullptr);
}

TEST_CASE("a data body without attributes (no_data.json)", "[fixtures][vehicle_data]")
{
    // Not placed by the layout (no endpoint is called no_data); it is a charge-mode answer.
    CHECK_FALSE(renault::decode_key_for_path("kamereon/vehicle_data/no_data.json"));
    std::string body = renault::test::read_fixture("kamereon/vehicle_data/no_data.json");
    boost::system::error_code ec;
    auto result = renault::decode<renault::data_body<renault::charge_mode_status>>(body, ec, strict_with_unknown_keys);
    CHECK_FALSE(ec);
    CHECK(result.diagnostics.empty());
    check_envelope(result.value, "ChargeMode", "VF1AAAAA555777999");
    CHECK(renault::model_in(result.value) == nullptr);
}

TEST_CASE("HVAC settings: schedule 2 on Wednesday and Friday", "[fixtures][vehicle_data]")
{
    auto body = data_fixture<renault::hvac_settings>("kamereon/vehicle_data/hvac-settings.json");
    check_envelope(body, "Car", "VF1AAAAA555777999");
    const auto& s = attributes(body);
    CHECK(s.mode == "scheduled");
    CHECK(s.date_time == "2020-12-24T20:00:00.000Z");
    REQUIRE(s.schedules);
    REQUIRE(s.schedules->size() == 5);
    for (std::size_t i = 0; i < 5; ++i) {
        INFO("schedule " << i);
        const auto& schedule = (*s.schedules)[i];
        CHECK(schedule.id == static_cast<std::int64_t>(i + 1));
        CHECK(schedule.activated == (i == 1));
    }
    const auto& active = (*s.schedules)[1];
    REQUIRE(active.wednesday);
    CHECK(active.wednesday->ready_at_time == "T15:15Z");
    REQUIRE(active.friday);
    CHECK(active.friday->ready_at_time == "T15:15Z");
    CHECK_FALSE(active.monday);
    CHECK_FALSE(active.thursday);
    CHECK_FALSE((*s.schedules)[0].wednesday);
}

TEST_CASE("HVAC status", "[fixtures][vehicle_data]")
{
    using renault::hvac_state;
    SECTION("Renault 5: temperatures and next start")
    {
        auto body = data_fixture<renault::hvac_status>("kamereon/vehicle_data/hvac-status.renault_5.json");
        check_envelope(body, "Car", "VF1AAAAA555777999");
        const auto& h = attributes(body);
        CHECK(h.hvac_status == hvac_state::off);
        CHECK(h.soc_threshold == 30.0);
        REQUIRE(h.external_temperature);
        CHECK(*h.external_temperature == Approx(6.5));
        CHECK(h.internal_temperature == 14.0);
        CHECK(h.last_update_time == "2024-11-20T19:42:13Z");
        CHECK(h.next_hvac_start_date == "2024-11-21T06:45:00Z");
    }
    SECTION("Spring: on, integral threshold")
    {
        auto body = data_fixture<renault::hvac_status>("kamereon/vehicle_data/hvac-status.spring.json");
        const auto& h = attributes(body);
        CHECK(h.hvac_status == hvac_state::on);
        CHECK(h.soc_threshold == 40.0);
        CHECK_FALSE(h.external_temperature);
    }
    SECTION("ZOE: off, outside temperature only")
    {
        auto body = data_fixture<renault::hvac_status>("kamereon/vehicle_data/hvac-status.zoe.json");
        const auto& h = attributes(body);
        CHECK(h.hvac_status == hvac_state::off);
        CHECK(h.external_temperature == 8.0);
        CHECK_FALSE(h.internal_temperature);
        CHECK_FALSE(h.soc_threshold);
    }
}

TEST_CASE("location", "[fixtures][vehicle_data]")
{
    for (std::string_view file : {"location.1.json", "location.2.json"}) {
        std::string path = "kamereon/vehicle_data/" + std::string(file);
        INFO(path);
        auto body = data_fixture<renault::location>(path);
        check_envelope(body, "Car", "VF1AAAAA555777999");
        const auto& l = attributes(body);
        REQUIRE(l.gps_latitude);
        CHECK(*l.gps_latitude == Approx(48.1234567));
        REQUIRE(l.gps_longitude);
        CHECK(*l.gps_longitude == Approx(11.1234567));
        CHECK(l.last_update_time == "2020-02-18T16:58:38Z");
        // location.1 has no gpsDirection, location.2 has it as null: absent both times.
        CHECK_FALSE(l.gps_direction);
    }
}

TEST_CASE("lock status", "[fixtures][vehicle_data]")
{
    using renault::lock_state;
    using renault::opening_status;
    auto check_closed = [](const renault::lock_status& l) {
        CHECK(l.door_status_driver == opening_status::closed);
        CHECK(l.door_status_passenger == opening_status::closed);
        CHECK(l.door_status_rear_left == opening_status::closed);
        CHECK(l.door_status_rear_right == opening_status::closed);
        CHECK(l.hatch_status == opening_status::closed);
        CHECK(l.last_update_time == "2022-02-02T13:51:13Z");
    };
    auto locked = data_fixture<renault::lock_status>("kamereon/vehicle_data/lock-status.locked.json");
    check_envelope(locked, "Car", "VF1AAAAA555777999");
    CHECK(attributes(locked).lock_status == lock_state::locked);
    check_closed(attributes(locked));
    auto unlocked = data_fixture<renault::lock_status>("kamereon/vehicle_data/lock-status.unlocked.json");
    CHECK(attributes(unlocked).lock_status == lock_state::unlocked);
    check_closed(attributes(unlocked));
}

TEST_CASE("tyre pressure", "[fixtures][vehicle_data]")
{
    auto body = data_fixture<renault::tyre_pressure>("kamereon/vehicle_data/pressure.json");
    check_envelope(body, "Car", "VF1AAAAA555777999");
    const auto& p = attributes(body);
    CHECK(p.fl_pressure == 2730);
    CHECK(p.fr_pressure == 2650);
    CHECK(p.rl_pressure == 2550);
    CHECK(p.rr_pressure == 2520);
    CHECK(p.fl_status == 0);
    CHECK(p.fr_status == 0);
    CHECK(p.rl_status == 0);
    CHECK(p.rr_status == 0);
}

TEST_CASE("remote engine start state", "[fixtures][vehicle_data]")
{
    auto running = data_fixture<renault::res_state>("kamereon/vehicle_data/res-state.running.json");
    check_envelope(running, "ResState", "VF1AAAAA555777999");
    CHECK(attributes(running).details == "Running");
    CHECK(attributes(running).code == "42");
    auto stopped = data_fixture<renault::res_state>("kamereon/vehicle_data/res-state.stopped.json");
    check_envelope(stopped, "ResState", "VF1AAAAA555777999");
    CHECK(attributes(stopped).details == "Stopped, ready for RES");
    CHECK(attributes(stopped).code == "10");
}

// =============================================================================================
// 5. Car-adapter actions (vehicle_action/): the server echoes the request, id "guid"

TEST_CASE("charge mode action echo", "[fixtures][vehicle_action]")
{
    auto always = data_fixture<renault::charge_mode_action>("kamereon/vehicle_action/charge-mode.always_charging.json");
    check_envelope(always, "ChargeMode", "guid");
    CHECK(attributes(always).action == renault::charge_mode::always_charging);
    auto schedule = data_fixture<renault::charge_mode_action>("kamereon/vehicle_action/charge-mode.schedule_mode.json");
    check_envelope(schedule, "ChargeMode", "guid");
    CHECK(attributes(schedule).action == renault::charge_mode::schedule_mode);
}

TEST_CASE("charge schedule action echo", "[fixtures][vehicle_action]")
{
    auto body = data_fixture<renault::charge_schedule_action>("kamereon/vehicle_action/charge-schedule.schedules.json");
    check_envelope(body, "ChargeSchedule", "guid");
    const auto& schedules = attributes(body).schedules;
    REQUIRE(schedules);
    REQUIRE(schedules->size() == 2);
    const auto& first = (*schedules)[0];
    CHECK(first.id == 1);
    CHECK(first.activated == true);
    REQUIRE(first.monday);
    CHECK(first.monday->start_time == "T12:00Z");
    CHECK(first.monday->duration == 15);
    REQUIRE(first.tuesday);
    CHECK(first.tuesday->start_time == "T04:30Z");
    CHECK(first.tuesday->duration == 420);
    REQUIRE(first.sunday);
    CHECK(first.sunday->start_time == "T12:45Z");
    CHECK(first.sunday->duration == 45);
    const auto& second = (*schedules)[1];
    CHECK(second.id == 2);
    CHECK(second.activated == false);
    for (const auto* day : days_of(second)) {
        REQUIRE(*day);
        CHECK((*day)->start_time == "T23:30Z");
        CHECK((*day)->duration == 60);
    }
}

TEST_CASE("charging start and stop action echoes", "[fixtures][vehicle_action]")
{
    auto start = data_fixture<renault::charging_start_action>("kamereon/vehicle_action/charging-start.start.json");
    check_envelope(start, "ChargingStart", "guid");
    CHECK(attributes(start).action == renault::charging_action::start);
    CHECK_FALSE(attributes(start).start_date_time);
    auto stop = data_fixture<renault::charging_start_action>("kamereon/vehicle_action/charging-start.stop.json");
    check_envelope(stop, "ChargingStart", "guid");
    CHECK(attributes(stop).action == renault::charging_action::stop);
}

TEST_CASE("horn and lights action echoes", "[fixtures][vehicle_action]")
{
    auto horn = data_fixture<renault::horn_lights_action>("kamereon/vehicle_action/horn-lights.horn.json");
    check_envelope(horn, "HornLights", "guid");
    CHECK(attributes(horn).action == "start");
    CHECK(attributes(horn).target == renault::horn_lights_target::horn);
    auto lights = data_fixture<renault::horn_lights_action>("kamereon/vehicle_action/horn-lights.lights.json");
    check_envelope(lights, "HornLights", "guid");
    CHECK(attributes(lights).action == "start");
    CHECK(attributes(lights).target == renault::horn_lights_target::lights);
}

TEST_CASE("HVAC schedule action echo", "[fixtures][vehicle_action]")
{
    auto body = data_fixture<renault::hvac_schedule_action>("kamereon/vehicle_action/hvac-schedule.schedules.json");
    check_envelope(body, "HvacSchedule", "guid");
    const auto& schedules = attributes(body).schedules;
    REQUIRE(schedules);
    REQUIRE(schedules->size() == 2);
    const auto& first = (*schedules)[0];
    CHECK(first.id == 1);
    CHECK(first.activated == true);
    REQUIRE(first.monday);
    CHECK(first.monday->ready_at_time == "T12:00Z");
    REQUIRE(first.sunday);
    CHECK(first.sunday->ready_at_time == "T12:30Z");
    CHECK_FALSE(first.tuesday);
    CHECK((*schedules)[1].id == 2);
    CHECK((*schedules)[1].activated == false);
    for (const auto* day : days_of((*schedules)[1]))
        CHECK_FALSE(*day);
}

TEST_CASE("HVAC start, stop and cancel action echoes", "[fixtures][vehicle_action]")
{
    using renault::hvac_action;
    auto start = data_fixture<renault::hvac_start_action>("kamereon/vehicle_action/hvac-start.start.json");
    check_envelope(start, "HvacStart", "guid");
    CHECK(attributes(start).action == hvac_action::start);
    CHECK(attributes(start).target_temperature == 21.0);
    CHECK_FALSE(attributes(start).start_date_time);
    auto stop = data_fixture<renault::hvac_start_action>("kamereon/vehicle_action/hvac-start.stop.json");
    check_envelope(stop, "HvacStart", "guid");
    CHECK(attributes(stop).action == hvac_action::stop);
    CHECK_FALSE(attributes(stop).target_temperature);
    auto cancel = data_fixture<renault::hvac_start_action>("kamereon/vehicle_action/hvac-start.cancel.json");
    check_envelope(cancel, "HvacStart", "guid");
    CHECK(attributes(cancel).action == hvac_action::cancel);
}

TEST_CASE("refresh location action echo has no attributes", "[fixtures][vehicle_action]")
{
    auto body = data_fixture<renault::refresh_location_action>("kamereon/vehicle_action/refresh-location.json");
    check_envelope(body, "RefreshLocation", "guid");
    CHECK(renault::model_in(body) == nullptr);
}

// =============================================================================================
// 6. KCM (vehicle_kcm_action/, vehicle_kcm_data/)

TEST_CASE("KCM action echoes", "[fixtures][kcm]")
{
    using renault::pause_resume_action;
    auto pause = data_fixture<renault::charge_pause_resume_action>(
        "kamereon/vehicle_kcm_action/charge-pause-resume.pause.json");
    check_envelope(pause, "ChargePauseResume", "guid");
    CHECK(attributes(pause).action == pause_resume_action::pause);
    auto resume = data_fixture<renault::charge_pause_resume_action>(
        "kamereon/vehicle_kcm_action/charge-pause-resume.resume.json");
    check_envelope(resume, "ChargePauseResume", "guid");
    CHECK(attributes(resume).action == pause_resume_action::resume);

    auto delayed = data_fixture<renault::charging_start_action>("kamereon/vehicle_kcm_action/charging-start.delayed.json");
    check_envelope(delayed, "ChargingStart", "guid");
    CHECK(attributes(delayed).action == renault::charging_action::start);
    CHECK(attributes(delayed).start_date_time == "2025-01-08T22:00:00Z");
    auto now = data_fixture<renault::charging_start_action>("kamereon/vehicle_kcm_action/charging-start.now.json");
    check_envelope(now, "ChargingStart", "guid");
    CHECK(attributes(now).action == renault::charging_action::start);
    CHECK_FALSE(attributes(now).start_date_time);

    auto settings = flat_fixture<renault::ev_settings>("kamereon/vehicle_kcm_action/ev-settings.charge-start.json");
    CHECK(settings.charge_mode_rq == renault::ev_charge_mode::always);
    REQUIRE(settings.programs);
    CHECK(settings.programs->empty());
    CHECK_FALSE(settings.charge_time_start);

    auto soc = flat_fixture<renault::soc_levels_action_response>("kamereon/vehicle_kcm_action/ev-soc-levels.json");
    CHECK(soc.command_id == "commandId-1234");
    CHECK(soc.type == "SOC_SYNCH");
    CHECK(soc.status == "CREATED");
}

TEST_CASE("KCM ev/settings", "[fixtures][kcm]")
{
    using renault::ev_program_type;
    auto check_common = [](const renault::ev_settings& s) {
        CHECK(s.last_settings_update_timestamp == "2024-11-20T18:02:27.411Z");
        CHECK(s.delegated_activated == false);
        CHECK(s.charge_mode_rq == renault::ev_charge_mode::scheduled);
        CHECK(s.charge_time_start == "01:55");
        CHECK(s.charge_duration == 300);
        CHECK(s.preconditioning_heated_left_seat == false);
        CHECK(s.preconditioning_heated_right_seat == false);
    };
    SECTION("no program")
    {
        auto s = flat_fixture<renault::ev_settings>("kamereon/vehicle_kcm_data/ev-settings.empty.json");
        check_common(s);
        CHECK(s.preconditioning_temperature == 19.0);
        CHECK(s.preconditioning_heated_strg_wheel == true);
        REQUIRE(s.programs);
        CHECK(s.programs->empty());
    }
    SECTION("three programs of each type")
    {
        auto s = flat_fixture<renault::ev_settings>("kamereon/vehicle_kcm_data/ev-settings.multi.active.json");
        check_common(s);
        CHECK(s.preconditioning_temperature == 21.0);
        REQUIRE(s.programs);
        REQUIRE(s.programs->size() == 3);
        const auto& charge = (*s.programs)[0];
        CHECK(charge.program_activation_status == true);
        CHECK(charge.program_type == ev_program_type::charge);
        CHECK(charge.program_departure_time == "06:45");
        check_days(program_days(charge), {true, true, true, true, true, false, false});
        const auto& precondition = (*s.programs)[1];
        CHECK(precondition.program_activation_status == false);
        CHECK(precondition.program_type == ev_program_type::preconditioning);
        CHECK(precondition.program_departure_time == "10:00");
        check_days(program_days(precondition), {false, false, false, false, false, true, false});
        const auto& both = (*s.programs)[2];
        CHECK(both.program_activation_status == true);
        CHECK(both.program_type == ev_program_type::charge_and_preconditioning);
        CHECK_FALSE(both.program_departure_time);
        check_days(program_days(both), {false, false, false, false, false, false, true});
    }
    SECTION("one active charge program every day")
    {
        auto s = flat_fixture<renault::ev_settings>("kamereon/vehicle_kcm_data/ev-settings.single.active.json");
        check_common(s);
        CHECK(s.preconditioning_temperature == 19.0);
        REQUIRE(s.programs);
        REQUIRE(s.programs->size() == 1);
        const auto& p = s.programs->front();
        CHECK(p.program_activation_status == true);
        CHECK(p.program_type == ev_program_type::charge);
        CHECK(p.program_departure_time == "07:00");
        check_days(program_days(p), {true, true, true, true, true, true, true});
    }
    SECTION("one inactive weekend charge program")
    {
        auto s = flat_fixture<renault::ev_settings>("kamereon/vehicle_kcm_data/ev-settings.single.inactive.json");
        check_common(s);
        REQUIRE(s.preconditioning_temperature);
        CHECK(*s.preconditioning_temperature == Approx(20.5));
        CHECK(s.preconditioning_heated_strg_wheel == false);
        REQUIRE(s.programs);
        REQUIRE(s.programs->size() == 1);
        const auto& p = s.programs->front();
        CHECK(p.program_activation_status == false);
        CHECK(p.program_type == ev_program_type::charge);
        CHECK(p.program_departure_time == "09:15");
        check_days(program_days(p), {false, false, false, false, false, true, true});
    }
    SECTION("one weekday pre-conditioning program")
    {
        auto s = flat_fixture<renault::ev_settings>("kamereon/vehicle_kcm_data/ev-settings.single.json");
        check_common(s);
        REQUIRE(s.preconditioning_temperature);
        CHECK(*s.preconditioning_temperature == Approx(21.5));
        CHECK(s.preconditioning_heated_strg_wheel == true);
        REQUIRE(s.programs);
        REQUIRE(s.programs->size() == 1);
        const auto& p = s.programs->front();
        CHECK(p.program_activation_status == true);
        CHECK(p.program_type == ev_program_type::preconditioning);
        CHECK(p.program_departure_time == "07:30");
        check_days(program_days(p), {true, true, true, true, true, false, false});
    }
}

TEST_CASE("KCM SoC levels", "[fixtures][kcm]")
{
    auto s = flat_fixture<renault::soc_levels>("kamereon/vehicle_kcm_data/ev-soc-levels.json");
    CHECK(s.last_energy_update_timestamp == "2024-11-20T18:02:27Z");
    CHECK(s.soc_min == 20);
    CHECK(s.soc_target == 80);
}

// =============================================================================================
// 7. Person, vehicles, contracts, alerts

TEST_CASE("person with a MyRenault and an SFDC account", "[fixtures][kamereon]")
{
    auto p = flat_fixture<renault::person>("kamereon/person.json");
    CHECK(p.person_id == "person-id-1");
    CHECK(p.type == "I");
    CHECK(p.country == "FR");
    CHECK(p.civility == "1");
    CHECK(p.first_name == "firstName");
    CHECK(p.last_name == "lastName");
    CHECK(p.locale == "fr-FR");
    CHECK(p.party_id == "partyId");
    CHECK(p.mdm_id == "mdmId");
    CHECK(p.myr_request == false);
    REQUIRE(p.accounts);
    REQUIRE(p.accounts->size() == 2);
    const auto& myrenault = (*p.accounts)[0];
    CHECK(myrenault.account_id == "account-id-1");
    CHECK(myrenault.account_type == renault::account_type::myrenault);
    CHECK(myrenault.account_status == "ACTIVE");
    CHECK(myrenault.person_id == "person-id-1");
    CHECK(myrenault.relation_type == "OWNER");
    CHECK_FALSE(myrenault.external_id);
    const auto& sfdc = (*p.accounts)[1];
    CHECK(sfdc.account_id == "account-id-2");
    CHECK(sfdc.account_type == renault::account_type::sfdc);
    CHECK(sfdc.external_id == "externalId");
    REQUIRE(p.emails);
    REQUIRE(p.emails->size() == 1);
    CHECK(p.emails->front().email_type == "MAIN");
    CHECK(p.emails->front().email_value == "email@email.com");
    CHECK(p.emails->front().validity_flag == true);
    REQUIRE(p.phones);
    REQUIRE(p.phones->size() == 1);
    CHECK(p.phones->front().phone_type == "MOBILE");
    CHECK(p.phones->front().area_code == "33");
    REQUIRE(p.idp);
    CHECK(p.idp->idp_type == "GIGYA");
    CHECK(p.idp->login == "email@email.com");
    CHECK(p.idp->login_type == "EMAIL");
    CHECK(p.idp->terms_condition_acceptance == true);
}

TEST_CASE("person notifications", "[fixtures][kamereon]")
{
    auto n = array_fixture<renault::person_notification>("kamereon/person/notifications.1.json");
    REQUIRE(n.size() == 2);
    CHECK(n[0].notification_id == "notification-id-1");
    CHECK(n[0].person_id == "person-id-1");
    CHECK(n[0].kmr_user_id == "kmr-user-id-1");
    CHECK(n[0].vin == "VF1AAAAA555777999");
    CHECK(n[0].action_type == "SRP_SALT_REQUEST");
    CHECK(n[0].notif_date == "2024-11-20T18:02:27.411Z");
    REQUIRE(n[0].srp_response);
    CHECK(n[0].srp_response->status == "OK");
    CHECK(n[0].srp_response->login_salt == "sample-login-salt");
    CHECK(n[0].srp_response->login_b == "sample-login-b");
    CHECK_FALSE(n[0].command_response);
    CHECK(n[1].notification_id == "notification-id-2");
    CHECK(n[1].action_type == "COMMAND_RESPONSE");
    CHECK(n[1].command_type == "SRP_SETS");
    REQUIRE(n[1].command_response);
    CHECK(n[1].command_response->status == "CREATED");
    CHECK_FALSE(n[1].srp_response);
}

namespace {
struct expected_car {
    std::string_view file;
    std::string_view account_id;
    std::string_view country;
    std::string_view vin;
    renault::link_type link;
    std::string_view brand_label;
    std::string_view model_code;
    std::string_view model_label;
    std::string_view energy_code;
    std::optional<renault::engine_energy_type> engine_energy; ///< nullopt: absent from the file
    std::size_t assets;
    std::string_view registration;
};

using renault::engine_energy_type;
using renault::link_type;
const expected_car expected_cars[] = {
    {"alpine_A290.1.json", "account-id-1", "FR", "VF1AAAAA555777030", link_type::owner, "ALPINE", "A5E1AE", "A290",
     "ELEC", engine_energy_type::elec, 2, "REG-A290"},
    {"austral_XHN1SU.1.json", "account-id-1", "FR", "VF1AAAAA555777020", link_type::owner, "RENAULT", "XHN1SU",
     "AUSTRAL", "ESS", engine_energy_type::hev, 3, "REG-AUSTRAL"},
    {"captur_ii.1.json", "account-id-1", "IT", "VF1AAAAA555777444", link_type::user, "RENAULT", "XJB1SU", "CAPTUR II",
     "ESS", engine_energy_type::other, 2, "REG-CAPTUR-1"},
    {"captur_ii.2.json", "account-id-2", "IT", "VF1AAAAA555777445", link_type::owner, "RENAULT", "XJB1SU", "CAPTUR II",
     "ESS", engine_energy_type::phev, 2, "REG-CAPTUR-2"},
    {"clio_v.1.json", "account-id-1", "PT", "VF1AAAAA555777555", link_type::owner, "RENAULT", "XJA1VP", "CLIO V", "ESS",
     engine_energy_type::other, 1, "REG-CLIO"},
    {"duster.1.json", "account-id-2", "RU", "VF1AAAAA555777010", link_type::owner, "RENAULT", "XJD1SU", "NEW DUSTER",
     "ESS", engine_energy_type::other, 1, "REG-DUSTER"},
    {"master_iv.1.json", "account-id-1", "FR", "VF1AAAAA555777888", link_type::owner, "RENAULT", "XDD1VE", "MASTER IV",
     "ELECX", engine_energy_type::elec, 3, "REG-MASTER"},
    {"megane_e-tech.1.json", "account-id-1", "NL", "VF1AAAAA555777222", link_type::owner, "RENAULT", "XCB1VE",
     "MEGANE E-TECH", "ELECX", engine_energy_type::elec, 3, "REG-MEGANE"},
    {"renault_5.1.json", "account-id-1", "GB", "VF1AAAAA555777333", link_type::owner, "RENAULT", "R5E1VE", "RENAULT 5",
     "ELEC", engine_energy_type::elec, 3, "REG-R5"},
    {"spring.1.json", "account-id-1", "FR", "VYSP0000000000000", link_type::owner, "DACIA", "XBG1VE", "SPRING", "ELEC",
     std::nullopt, 1, "REG-SPRING"},
    {"twingo_ze.1.json", "account-id-1", "LU", "VF1AAAAA555777777", link_type::owner, "RENAULT", "X071VE", "TWINGO III",
     "ELEC", std::nullopt, 1, "REG-TWINGO"},
    {"zoe_40.1.json", "account-id-1", "FR", "VF1AAAAA555777999", link_type::owner, "RENAULT", "X101VE", "ZOE", "ELEC",
     engine_energy_type::elec, 1, "REG-NUMBER"},
    {"zoe_50.1.json", "account-id-1", "FR", "VF1AAAAA555777123", link_type::owner, "RENAULT", "X102VE", "ZOE", "ELEC",
     std::nullopt, 2, "REG-ZOE-50"},
};

const renault::vehicle_details& only_car(const renault::account_vehicles& vehicles)
{
    REQUIRE(vehicles.vehicle_links);
    REQUIRE(vehicles.vehicle_links->size() == 1);
    REQUIRE(vehicles.vehicle_links->front().vehicle_details);
    return *vehicles.vehicle_links->front().vehicle_details;
}
} // namespace

TEST_CASE("account vehicle lists: one car each", "[fixtures][vehicles]")
{
    std::size_t files = 0;
    for (const auto& path : renault::test::all_fixtures())
        if (path.starts_with("kamereon/vehicles/"))
            ++files;
    CHECK(files == std::size(expected_cars)); // every vehicles file has its row

    for (const auto& car : expected_cars) {
        std::string path = "kamereon/vehicles/" + std::string(car.file);
        INFO(path);
        auto vehicles = flat_fixture<renault::account_vehicles>(path);
        CHECK(vehicles.account_id == car.account_id);
        CHECK(vehicles.country == car.country);
        const auto& details = only_car(vehicles);
        const auto& link = vehicles.vehicle_links->front();
        CHECK(link.vin == car.vin);
        CHECK(link.link_type == car.link);
        CHECK(link.status == "ACTIVE");
        CHECK(details.vin == car.vin);
        CHECK(details.registration_number == car.registration);
        REQUIRE(details.brand);
        CHECK(details.brand->label == car.brand_label);
        REQUIRE(details.model);
        CHECK(details.model->code == car.model_code);
        CHECK(details.model->label == car.model_label);
        REQUIRE(details.energy);
        CHECK(details.energy->code == car.energy_code);
        if (car.engine_energy)
            CHECK(details.engine_energy_type == *car.engine_energy);
        else
            CHECK_FALSE(details.engine_energy_type);
        REQUIRE(details.assets);
        CHECK(details.assets->size() == car.assets);
    }
}

TEST_CASE("account vehicle list details: ZOE 40, Captur II, Duster", "[fixtures][vehicles]")
{
    SECTION("ZOE 40: the default test vehicle")
    {
        auto vehicles = flat_fixture<renault::account_vehicles>("kamereon/vehicles/zoe_40.1.json");
        const auto& link = vehicles.vehicle_links->front();
        CHECK(link.mileage == 26464);
        CHECK(link.annual_mileage == 16000);
        CHECK(link.start_date == "2017-08-07");
        CHECK(link.garage_brand == "RENAULT");
        CHECK_FALSE(link.brand);
        REQUIRE(link.connected_driver);
        CHECK(link.connected_driver->role == "MAIN_DRIVER");
        CHECK(link.cancellation_reason.has_value()); // {} in the file
        const auto& d = only_car(vehicles);
        CHECK(d.radio_code == "1234");
        CHECK(d.model_scr == "ZOE");
        CHECK(d.battery_type == "NMC");
        REQUIRE(d.battery);
        CHECK(d.battery->code == "BTAAR1");
        REQUIRE(d.radio_type);
        CHECK(d.radio_type->code == "RAD37A");
        CHECK(d.years_of_maintenance == 12);
        CHECK(d.connectivity_technology == "RLINK1");
        CHECK(d.electrical == true);
        CHECK(d.delivery_date == "2017-08-11");
        REQUIRE(d.assets);
        const auto& picture = d.assets->front();
        CHECK(picture.asset_type == renault::asset_type::picture);
        REQUIRE(picture.renditions);
        REQUIRE(picture.renditions->size() == 2);
        CHECK((*picture.renditions)[0].resolution_type == renault::picture_size::large);
        CHECK((*picture.renditions)[1].resolution_type == renault::picture_size::small);
        REQUIRE((*picture.renditions)[1].url);
        CHECK((*picture.renditions)[1].url->ends_with("profile=HELIOS_OWNERSERVICES_SMALL_V2"));
    }
    SECTION("Captur II.2: preferred dealer")
    {
        auto vehicles = flat_fixture<renault::account_vehicles>("kamereon/vehicles/captur_ii.2.json");
        const auto& link = vehicles.vehicle_links->front();
        REQUIRE(link.preferred_dealer);
        CHECK(link.preferred_dealer->dealer_id == "dealer-id-1");
        CHECK(link.mileage == 18342);
        CHECK(link.annual_mileage == 20000);
        CHECK(link.mileage_unit == "km");
    }
    SECTION("Duster: no mileage")
    {
        auto vehicles = flat_fixture<renault::account_vehicles>("kamereon/vehicles/duster.1.json");
        const auto& link = vehicles.vehicle_links->front();
        CHECK_FALSE(link.mileage);
        CHECK_FALSE(link.mileage_unit);
        CHECK_FALSE(link.annual_mileage);
        CHECK(link.garage_brand == "renault");
        CHECK(only_car(vehicles).connectivity_technology == "NONE");
    }
}

TEST_CASE("expected_specs.json names vehicles files and agrees with their details", "[fixtures][vehicles]")
{
    // Not placed by the layout (it is no response body); its per-car identity fields are the ones
    // the typed vehicles bodies hold.
    CHECK_FALSE(renault::decode_key_for_path("kamereon/expected_specs.json"));
    auto specs = boost::json::parse(renault::test::read_fixture("kamereon/expected_specs.json")).as_object();
    CHECK(specs.size() == std::size(expected_cars));
    for (const auto& [name, spec] : specs) {
        std::string path = "kamereon/vehicles/" + std::string(name);
        INFO(path);
        auto vehicles = flat_fixture<renault::account_vehicles>(path);
        const auto& d = only_car(vehicles);
        const auto& s = spec.as_object();
        REQUIRE(d.brand);
        REQUIRE(d.energy);
        REQUIRE(d.model);
        CHECK(d.brand->label == std::string_view(s.at("brand_label").as_string()));
        CHECK(d.energy->code == std::string_view(s.at("energy_code").as_string()));
        CHECK(d.model->code == std::string_view(s.at("model_code").as_string()));
        CHECK(d.model->label == std::string_view(s.at("model_label").as_string()));
    }
}

TEST_CASE("vehicle details agree with the vehicles file of the same car", "[fixtures][vehicles]")
{
    struct expected_details {
        std::string_view file;
        std::optional<renault::engine_energy_type> engine_energy;
    };
    const expected_details cases[] = {
        {"clio_v.1.json", engine_energy_type::other},
        {"master_iv.1.json", std::nullopt},
        {"megane_e-tech.1.json", std::nullopt},
        {"renault_5.1.json", engine_energy_type::elec},
        {"zoe_40.1.json", std::nullopt},
    };
    std::size_t files = 0;
    for (const auto& path : renault::test::all_fixtures())
        if (path.starts_with("kamereon/vehicle_details/"))
            ++files;
    CHECK(files == std::size(cases));

    for (const auto& c : cases) {
        INFO(c.file);
        auto details = flat_fixture<renault::vehicle_details>("kamereon/vehicle_details/" + std::string(c.file));
        const expected_car* car = nullptr;
        for (const auto& candidate : expected_cars)
            if (candidate.file == c.file)
                car = &candidate;
        REQUIRE(car);
        CHECK(details.vin == car->vin);
        CHECK(details.registration_number == car->registration);
        REQUIRE(details.model);
        CHECK(details.model->code == car->model_code);
        CHECK(details.model->label == car->model_label);
        REQUIRE(details.energy);
        CHECK(details.energy->code == car->energy_code);
        REQUIRE(details.assets);
        CHECK(details.assets->size() == car->assets);
        if (c.engine_energy)
            CHECK(details.engine_energy_type == *c.engine_energy);
        else
            CHECK_FALSE(details.engine_energy_type);
        // The details endpoint does not send the store/connectivity flags of the list.
        CHECK_FALSE(details.connectivity_technology);
        CHECK_FALSE(details.electrical);
    }

    auto zoe = flat_fixture<renault::vehicle_details>("kamereon/vehicle_details/zoe_40.1.json");
    CHECK(zoe.radio_code == "1234");
    CHECK(zoe.registration_date == "2017-08-01");
    CHECK(zoe.manufacturing_date == "2017-08-02");
    CHECK(zoe.retrieved_from_dhs == false);
    REQUIRE(zoe.family);
    CHECK(zoe.family->code == "X10");
    auto r5 = flat_fixture<renault::vehicle_details>("kamereon/vehicle_details/renault_5.1.json");
    CHECK(r5.engine_type == "6AR");
    CHECK(r5.radio_code == "");
    CHECK(r5.retrieved_from_dhs == true);
    REQUIRE(r5.assets);
    CHECK((*r5.assets)[1].asset_type == renault::asset_type::url);
    CHECK((*r5.assets)[1].title == "e-guide");
    CHECK((*r5.assets)[2].asset_type == renault::asset_type::video);
}

TEST_CASE("car adapter (vehicle gateway)", "[fixtures][vehicle_gateway]")
{
    using renault::car_energy;
    SECTION("ZOE 40: GDC gateway")
    {
        auto body = data_fixture<renault::car_adapter>("kamereon/vehicle_gateway/zoe_40.1.json");
        check_envelope(body, "Car", "VF1AAAAA555777999");
        const auto& c = attributes(body);
        CHECK(c.vin == "VF1AAAAA555777999");
        CHECK(c.vehicle_id == 11021547);
        CHECK(c.car_gateway == "GDC");
        CHECK(c.brand == "RENAULT");
        CHECK(c.model_name == "ZOE");
        CHECK(c.model_code_detail == "X101VE");
        CHECK(c.energy == car_energy::electric);
        CHECK(c.engine_type == "5AQ");
        CHECK(c.can_generation == "6");
        CHECK(c.radio_type == "RAD37A");
        CHECK(c.registration_number == "REG-NUMBER");
        CHECK(c.privacy_mode == "off");
        CHECK(c.privacy_mode_update_date == "2020-11-17T08:41:40.497Z");
        CHECK(c.svt_flag == false);
        CHECK_FALSE(c.model_code);
    }
    SECTION("ZOE 50: AVN gateway, padded country")
    {
        auto body = data_fixture<renault::car_adapter>("kamereon/vehicle_gateway/zoe_50.1.json");
        check_envelope(body, "Car", "VF1AAAAA555777123");
        const auto& c = attributes(body);
        CHECK(c.vehicle_id == 20301862);
        CHECK(c.car_gateway == "AVN");
        CHECK(c.model_code_detail == "X102VE");
        CHECK(c.energy == car_energy::electric);
        CHECK(c.delivery_country == "FR ");
        CHECK(c.registration_number == "REG-ZOE-50");
        CHECK_FALSE(c.privacy_mode_update_date);
    }
    SECTION("Spring: Dacia, family and model codes")
    {
        auto body = data_fixture<renault::car_adapter>("kamereon/vehicle_gateway/spring.1.json");
        check_envelope(body, "Car", "VYSP0000000000000");
        const auto& c = attributes(body);
        CHECK(c.vehicle_id == 21937450);
        CHECK(c.brand == "DACIA");
        CHECK(c.family_code == "XBG");
        CHECK(c.model_code == "BBG");
        CHECK(c.model_code_detail == "XBG1VE");
        CHECK(c.model_name == "SPRING");
        CHECK(c.gearbox == "AUTOMATIC");
        CHECK(c.navig_assist_code == "");
        CHECK(c.delivery_date == "2021-10-27");
        CHECK(c.energy == car_energy::electric);
        CHECK_FALSE(c.vehicle_source_reference);
    }
    SECTION("Twingo ZE: no vehicle id, empty registration")
    {
        auto body = data_fixture<renault::car_adapter>("kamereon/vehicle_gateway/twingo_ze.1.json");
        check_envelope(body, "Car", "VF1AAAAA555777777");
        const auto& c = attributes(body);
        CHECK_FALSE(c.vehicle_id);
        CHECK(c.car_gateway == "AVN");
        CHECK(c.model_name == "TWINGO III");
        CHECK(c.model_code_detail == "X071VE");
        CHECK(c.registration_number == "");
        CHECK(c.delivery_country == "IT ");
        CHECK_FALSE(c.delivery_date);
    }
    SECTION("Duster: gasoline")
    {
        auto body = data_fixture<renault::car_adapter>("kamereon/vehicle_gateway/duster.1.json");
        check_envelope(body, "Car", "VF1AAAAA555777010");
        const auto& c = attributes(body);
        CHECK(c.energy == car_energy::gasoline);
        CHECK(c.model_name == "NEW DUSTER");
        CHECK(c.model_code == "HJD");
        CHECK(c.model_code_detail == "XJD1SU");
        CHECK(c.family_code == "XJD");
        CHECK(c.engine_type == "H4M");
        CHECK(c.gearbox == "MANUAL");
        CHECK(c.region == "RU");
        CHECK(c.version_code == "INT A MD 1L");
        CHECK(c.vehicle_source_reference == "BVM");
        CHECK(c.battery_code == "SANBAT");
        CHECK_FALSE(c.navig_assist_code);
    }
}

TEST_CASE("contracts", "[fixtures][kamereon]")
{
    using renault::contract_status;
    SECTION("fr_FR.1: warranty and connected services")
    {
        auto c = array_fixture<renault::contract>("kamereon/vehicle_contract/fr_FR.1.json");
        REQUIRE(c.size() == 4);
        const auto& warranty = c[0];
        CHECK(warranty.type == "WARRANTY");
        CHECK(warranty.contract_id == "AB1234000001");
        CHECK(warranty.code == "40");
        CHECK(warranty.sub_code == "40");
        CHECK(warranty.group == "L");
        CHECK(warranty.description == "CONTRAT LOSANGE");
        CHECK(warranty.duration_months == 48);
        CHECK(warranty.start_date == "2018-04-04");
        CHECK(warranty.end_date == "2022-04-03");
        CHECK(warranty.status == contract_status::active);
        CHECK(warranty.status_label == "Actif");
        CHECK(warranty.extendable == true);
        REQUIRE(warranty.conditions);
        REQUIRE(warranty.conditions->size() == 1);
        CHECK(warranty.conditions->front().maximum_mileage == 100000);
        CHECK(warranty.conditions->front().mileage_unit == "Km");
        CHECK(warranty.conditions->front().unlimited_mileage == false);
        CHECK(c[1].type == "CONNECTED_SERVICES");
        CHECK(c[1].code == "ZEINTER");
        CHECK_FALSE(c[1].conditions);
        CHECK(c[2].code == "ZETRIP");
        CHECK(c[2].status == contract_status::ended);
        CHECK(c[2].status_label == "Expiré");
        CHECK(c[3].description == "Battery Services");
        CHECK(c[3].duration_months == 96);
        REQUIRE(c[3].conditions);
        CHECK(c[3].conditions->front().maximum_mileage == 160000);
    }
    SECTION("fr_FR.2: nine contracts, one rejected")
    {
        auto c = array_fixture<renault::contract>("kamereon/vehicle_contract/fr_FR.2.json");
        REQUIRE(c.size() == 9);
        CHECK(c[0].code == "ManufacturerWarranty");
        CHECK(c[0].contract_id == "AB1234000101");
        CHECK(c[1].code == "PaintingWarranty");
        REQUIRE(c[1].conditions);
        CHECK(c[1].conditions->front().unlimited_mileage == true);
        CHECK(c[1].conditions->front().maximum_mileage == 0);
        CHECK(c[2].duration_months == 144);
        CHECK(c[3].status == contract_status::ended);
        CHECK(c[3].extendable == true);
        CHECK(c[7].code == "MMCOYOTE");
        CHECK(c[7].status == contract_status::rejected);
        CHECK(c[7].status_label == "Echec d’activation");
        CHECK(c[8].status == contract_status::ended);
        std::size_t active = 0;
        for (const auto& contract : c)
            if (contract.status == contract_status::active)
                ++active;
        CHECK(active == 6);
    }
}

TEST_CASE("alerts", "[fixtures][kamereon]")
{
    auto a = array_fixture<renault::alert>("kamereon/vehicle_info/alerts.json");
    REQUIRE(a.size() == 2);
    const auto& first = a[0];
    CHECK(first.id == "alert-id-3");
    CHECK(first.vin == "VF1AAAAA555777999");
    CHECK(first.registration_number == "REG-NUMBER");
    CHECK(first.model_code == "HJB");
    CHECK(first.alert_type == "proactive");
    CHECK(first.alert_code == "crashairbagmalfunction");
    CHECK(first.alert_code_title == "Defective airbag");
    CHECK(first.criticity == 3);
    CHECK(first.criticity_name == "Major alert");
    CHECK(first.priority == 1);
    CHECK(first.status == 0);
    CHECK(first.closure_reason == "archived");
    CHECK(first.mileage == 25586);
    CHECK(first.mileage_date == "2023-03-14");
    CHECK(first.notif_sms == 0);
    CHECK(first.notif_reminder_counter == 2);
    // members of the second half of the model
    CHECK(first.can_architecture == "C1A");
    CHECK(first.country_code == "IT");
    CHECK(first.dealer_number == "dealer-id-1");
    CHECK(first.party_id == "party-id-1");
    CHECK(first.true_values == "airbag_fault=1");
    CHECK(first.icon_url == "https://www.example.com/alerts/icons/airbag.png");
    const auto& second = a[1];
    CHECK(second.id == "alert-id-5");
    CHECK(second.creation_date_time == "2023-05-14T09:21:37Z");
    CHECK(second.mileage == 27210);
    CHECK(second.notif_reminder_counter == 4);
}

// =============================================================================================
// 8. Broken bodies

TEST_CASE("broken bodies fail with invalid_json or unexpected_root", "[fixtures][errors]")
{
    using battery_body = renault::data_body<renault::battery_status>;
    boost::system::error_code ec;

    SECTION("an nginx HTML page is not JSON")
    {
        std::string body = renault::test::read_fixture("kamereon/error/bad_gateway.html");
        auto result = renault::decode<battery_body>(body, ec, strict_with_unknown_keys);
        CHECK(ec == renault::errc::invalid_json);
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics[0].kind == renault::diagnostic_kind::invalid_body);
        CHECK(result.diagnostics[0].path.empty());
        CHECK(result.diagnostics[0].message.starts_with("not JSON"));
        CHECK_FALSE(result.value.data);
    }
    SECTION("an empty body")
    {
        std::string body = renault::test::read_fixture("kamereon/error/empty.txt");
        CHECK(body.empty());
        auto result = renault::decode<battery_body>(body, ec, strict_with_unknown_keys);
        CHECK(ec == renault::errc::invalid_json);
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics[0].kind == renault::diagnostic_kind::invalid_body);
        CHECK(result.diagnostics[0].message == "the body is empty");
    }
    SECTION("a truncated battery status, as battery-status and under its place (error)")
    {
        std::string body = renault::test::read_fixture("kamereon/error/truncated.json");
        auto result = renault::decode<battery_body>(body, ec, strict_with_unknown_keys);
        CHECK(ec == renault::errc::invalid_json);
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics[0].kind == renault::diagnostic_kind::invalid_body);
        CHECK_THAT(result.diagnostics[0].message, Catch::Matchers::Contains("truncated"));

        renault::any_decoded out;
        boost::system::error_code by_key_ec;
        REQUIRE(renault::decode_by_key("error", body, out, by_key_ec, strict_with_unknown_keys));
        CHECK(by_key_ec == renault::errc::invalid_json);
        REQUIRE_FALSE(out.diagnostics.empty());
        CHECK(out.diagnostics.back().kind == renault::diagnostic_kind::invalid_body);
        CHECK_THAT(out.diagnostics.back().message, Catch::Matchers::Contains("truncated"));
    }
    SECTION("a top-level array for a data endpoint")
    {
        std::string body = renault::test::read_fixture("kamereon/vehicle_contract/fr_FR.1.json");
        auto result = renault::decode<battery_body>(body, ec, strict_with_unknown_keys);
        CHECK(ec == renault::errc::unexpected_root);
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics[0].kind == renault::diagnostic_kind::invalid_body);
        CHECK(result.diagnostics[0].message == "expected an object at the root, got an array");
    }
    SECTION("an object for an array endpoint")
    {
        std::string body = renault::test::read_fixture("kamereon/vehicle_data/battery-status.zoe_40.json");
        auto result = renault::decode<std::vector<renault::contract>>(body, ec, strict_with_unknown_keys);
        CHECK(ec == renault::errc::unexpected_root);
        REQUIRE(result.diagnostics.size() == 1);
        CHECK(result.diagnostics[0].message == "expected an array at the root, got an object");
        CHECK(result.value.empty());
    }
}
