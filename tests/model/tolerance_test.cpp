// The decoder is tolerant exactly as docs/adr/0002-tolerant-decoding.md says: each case asserts the
// value it keeps and the exact diagnostic or error it gives.
#include <renault/model.hpp>

#include <catch2/catch.hpp>

#include <string>

using renault::battery_status;
using renault::body_shape;
using renault::diagnostic_kind;
using renault::errc;

namespace {

template <class T>
renault::decoded<T> decode_ok(std::string_view body, const renault::decode_options& options = {})
{
    boost::system::error_code ec;
    auto result = renault::decode<T>(body, ec, options);
    INFO(body);
    REQUIRE_FALSE(ec);
    return result;
}

using battery_body = renault::body_t<battery_status, body_shape::data>;

const battery_status& attributes(const renault::decoded<battery_body>& r)
{
    REQUIRE(renault::model_in(r.value) != nullptr);
    return *renault::model_in(r.value);
}

} // namespace

TEST_CASE("missing keys leave std::nullopt without diagnostics", "[tolerance]")
{
    auto r = decode_ok<battery_body>(R"({"data": {"type": "Car", "attributes": {"batteryLevel": 42}}})");
    CHECK(r.diagnostics.empty());
    const auto& b = attributes(r);
    CHECK(b.battery_level == 42);
    CHECK_FALSE(b.plug_status);
    CHECK_FALSE(b.timestamp);
    CHECK_FALSE(r.value.data->id);
    CHECK(r.value.data->type == "Car");
}

TEST_CASE("unknown keys are ignored, or reported when asked", "[tolerance]")
{
    std::string body = R"({"data": {"attributes": {"batteryLevel": 42, "newField": {"deep": [1, {"x": null}]},
                          "anotherNew": "text"}}, "meta": 1})";
    auto quiet = decode_ok<battery_body>(body);
    CHECK(quiet.diagnostics.empty());
    CHECK(attributes(quiet).battery_level == 42);

    auto reported = decode_ok<battery_body>(body, {.report_unknown_keys = true});
    REQUIRE(reported.diagnostics.size() == 3);
    CHECK(reported.diagnostics[0] == renault::diagnostic{diagnostic_kind::unknown_key, "data.attributes.newField",
                                                         "key not in the model (ignored)"});
    CHECK(reported.diagnostics[1].path == "data.attributes.anotherNew");
    CHECK(reported.diagnostics[2].path == "meta");
    CHECK(attributes(reported).battery_level == 42);
}

TEST_CASE("integers accept integral floats - floats accept integers", "[tolerance]")
{
    auto r = decode_ok<battery_body>(
        R"({"data": {"attributes": {"batteryLevel": 60.0, "chargingInstantaneousPower": 27, "batteryAutonomy": -0.0}}})");
    CHECK(r.diagnostics.empty());
    CHECK(attributes(r).battery_level == 60);
    CHECK(attributes(r).charging_instantaneous_power == 27.0);
    CHECK(attributes(r).battery_autonomy == 0);
}

TEST_CASE("a fractional number for an integer is a diagnostic and leaves the member empty", "[tolerance]")
{
    auto r = decode_ok<battery_body>(R"({"data": {"attributes": {"batteryLevel": 60.5, "batteryAutonomy": 141}}})");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0] ==
          renault::diagnostic{diagnostic_kind::not_integral, "data.attributes.batteryLevel", "expected an integer, got 60.5"});
    CHECK_FALSE(attributes(r).battery_level);
    CHECK(attributes(r).battery_autonomy == 141);
}

TEST_CASE("integers out of range are diagnostics", "[tolerance]")
{
    auto r = decode_ok<battery_body>(R"({"data": {"attributes": {"batteryLevel": 18446744073709551615, "batteryAutonomy": 1e300}}})");
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0] == renault::diagnostic{diagnostic_kind::out_of_range, "data.attributes.batteryLevel",
                                                  "the integer 18446744073709551615 is out of range"});
    CHECK(r.diagnostics[1].kind == diagnostic_kind::out_of_range);
    CHECK(r.diagnostics[1].path == "data.attributes.batteryAutonomy");
    CHECK_FALSE(attributes(r).battery_level);
    CHECK_FALSE(attributes(r).battery_autonomy);
}

TEST_CASE("numbers beyond the range of a double are diagnostics, not infinities", "[tolerance]")
{
    // Boost.JSON reads these as ±infinity; no model value can be one, and JSON cannot hold one.
    using location_body = renault::body_t<renault::location, body_shape::data>;
    auto r = decode_ok<location_body>(
        R"({"data": {"attributes": {"gpsLatitude": 1e400, "gpsLongitude": -2E+999, "gpsDirection": 90}}})");
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0] == renault::diagnostic{diagnostic_kind::out_of_range, "data.attributes.gpsLatitude",
                                                  "the number is beyond the range of a double"});
    CHECK(r.diagnostics[1] == renault::diagnostic{diagnostic_kind::out_of_range, "data.attributes.gpsLongitude",
                                                  "the number is beyond the range of a double"});
    REQUIRE(r.value.data);
    CHECK_FALSE(r.value.data->attributes->gps_latitude);
    CHECK_FALSE(r.value.data->attributes->gps_longitude);

    auto ints = decode_ok<battery_body>(R"({"data": {"attributes": {"batteryLevel": 1e400}}})");
    REQUIRE(ints.diagnostics.size() == 1);
    CHECK(ints.diagnostics[0] == renault::diagnostic{diagnostic_kind::out_of_range, "data.attributes.batteryLevel",
                                                     "the number is beyond the range of a double"});
}

TEST_CASE("long numbers and exponents are read correctly rounded", "[tolerance]")
{
    // Boost.JSON 1.81 alone reads these one unit in the last place off; std::from_chars does not.
    using location_body = renault::body_t<renault::location, body_shape::data>;
    auto r = decode_ok<location_body>(
        R"({"data": {"attributes": {"gpsLatitude": 11.19223372036854775808234567, "gpsLongitude": 88987e39, "gpsDirection": 904.096e-269}}})");
    CHECK(r.diagnostics.empty());
    const auto& a = *r.value.data->attributes;
    CHECK(a.gps_latitude == 11.19223372036854775808234567); // the compiler rounds literals correctly
    CHECK(a.gps_longitude == 88987e39);
    CHECK(a.gps_direction == 904.096e-269);
    // What encode() writes (the shortest form that reads back) reads back the same.
    const std::string again = renault::encode(r.value);
    auto r2 = decode_ok<location_body>(again);
    CHECK(r2.value == r.value);
}

TEST_CASE("unknown enum values are kept raw and reported", "[tolerance]")
{
    SECTION("integer raw value (plug state 3)")
    {
        auto r = decode_ok<battery_body>(R"({"data": {"attributes": {"plugStatus": 3, "chargingStatus": -1.7}}})");
        const auto& b = attributes(r);
        REQUIRE(b.plug_status);
        CHECK(b.plug_status->value == renault::plug_state::unknown);
        CHECK(b.plug_status->raw == 3);
        CHECK_FALSE(b.plug_status->is_known());
        CHECK(b.plug_status->name() == "unknown");
        REQUIRE(b.charging_status);
        CHECK(b.charging_status->raw == -1.7);
        REQUIRE(r.diagnostics.size() == 2);
        CHECK(r.diagnostics[0] == renault::diagnostic{diagnostic_kind::unknown_enum_value, "data.attributes.plugStatus",
                                                      "unknown plug_state value 3 (kept)"});
        CHECK(r.diagnostics[1] == renault::diagnostic{diagnostic_kind::unknown_enum_value,
                                                      "data.attributes.chargingStatus",
                                                      "unknown charge_state value -1.7 (kept)"});
        // helpers give "unknown" as absent, the raw value stays available
        CHECK_FALSE(renault::get_plug_status(b));
    }
    SECTION("string raw value (charge mode delegated)")
    {
        auto r = decode_ok<renault::body_t<renault::charge_mode_status, body_shape::data>>(
            R"({"data": {"attributes": {"chargeMode": "delegated"}}})");
        const auto* m = renault::model_in(r.value);
        REQUIRE(m);
        REQUIRE(m->charge_mode);
        CHECK(m->charge_mode->raw == "delegated");
        CHECK(m->charge_mode->value == renault::charge_mode::unknown);
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].message == R"(unknown charge_mode value "delegated" (kept))");
        // and it encodes back unchanged
        CHECK(renault::encode(*m) == R"({"chargeMode":"delegated"})");
    }
    SECTION("strict mode fails on it, with the value still filled")
    {
        boost::system::error_code ec;
        auto r = renault::decode<battery_body>(R"({"data": {"attributes": {"plugStatus": 3}}})", ec, {.strict = true});
        CHECK(ec == errc::strict_decode_failed);
        CHECK(attributes(r).plug_status->raw == 3);
    }
}

TEST_CASE("a value of the wrong type becomes a diagnostic with its path", "[tolerance]")
{
    auto r = decode_ok<battery_body>(R"({"data": {"attributes": {
        "batteryLevel": "60", "plugStatus": true, "timestamp": 12, "batteryAutonomy": {"km": 3},
        "chargingRemainingTime": [1, 2], "batteryTemperature": 20}}})");
    REQUIRE(r.diagnostics.size() == 5);
    CHECK(r.diagnostics[0] == renault::diagnostic{diagnostic_kind::wrong_type, "data.attributes.batteryLevel",
                                                  "expected an integer, got a string \"60\""});
    CHECK(r.diagnostics[1] == renault::diagnostic{diagnostic_kind::wrong_type, "data.attributes.plugStatus",
                                                  "expected an integer, got true"});
    CHECK(r.diagnostics[2] == renault::diagnostic{diagnostic_kind::wrong_type, "data.attributes.timestamp",
                                                  "expected a string, got the number 12"});
    CHECK(r.diagnostics[3] == renault::diagnostic{diagnostic_kind::wrong_type, "data.attributes.batteryAutonomy",
                                                  "expected an integer, got an object"});
    CHECK(r.diagnostics[4] == renault::diagnostic{diagnostic_kind::wrong_type, "data.attributes.chargingRemainingTime",
                                                  "expected an integer, got an array"});
    const auto& b = attributes(r);
    CHECK_FALSE(b.battery_level);
    CHECK_FALSE(b.plug_status);
    CHECK_FALSE(b.timestamp);
    CHECK_FALSE(b.battery_autonomy);
    CHECK_FALSE(b.charging_remaining_time);
    CHECK(b.battery_temperature == 20); // decoding went on after the skipped values

    boost::system::error_code ec;
    renault::decode<battery_body>(R"({"data": {"attributes": {"batteryLevel": "60"}}})", ec, {.strict = true});
    CHECK(ec == errc::strict_decode_failed);
}

TEST_CASE("wrong items inside arrays are skipped with their index", "[tolerance]")
{
    using settings_body = renault::body_t<renault::charging_settings, body_shape::data>;
    auto r = decode_ok<settings_body>(R"({"data": {"attributes": {"schedules": [
        {"id": 1, "monday": {"startTime": "T12:00Z", "duration": "15"}},
        "not a schedule", null,
        {"id": 2, "activated": true}]}}})");
    const auto* s = renault::model_in(r.value);
    REQUIRE(s);
    REQUIRE(s->schedules);
    REQUIRE(s->schedules->size() == 2);
    CHECK((*s->schedules)[0].monday->start_time == "T12:00Z");
    CHECK_FALSE((*s->schedules)[0].monday->duration);
    CHECK((*s->schedules)[1].id == 2);
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(r.diagnostics[0] == renault::diagnostic{diagnostic_kind::wrong_type,
                                                  "data.attributes.schedules[0].monday.duration",
                                                  "expected an integer, got a string \"15\""});
    CHECK(r.diagnostics[1] == renault::diagnostic{diagnostic_kind::wrong_type, "data.attributes.schedules[1]",
                                                  "expected an object, got a string \"not a schedule\" (item skipped)"});
    CHECK(r.diagnostics[2] == renault::diagnostic{diagnostic_kind::wrong_type, "data.attributes.schedules[2]",
                                                  "expected an object, got null (item skipped)"});
}

TEST_CASE("null means absent", "[tolerance]")
{
    auto r = decode_ok<battery_body>(R"({"data": {"type": null, "attributes": {"batteryLevel": null, "plugStatus": 1}}})");
    CHECK(r.diagnostics.empty());
    CHECK_FALSE(r.value.data->type);
    CHECK_FALSE(attributes(r).battery_level);
    CHECK(attributes(r).plug_status == renault::plug_state::plugged);

    // a later null replaces an earlier value of a repeated key
    auto twice = decode_ok<battery_body>(R"({"data": {"attributes": {"batteryLevel": 5, "batteryLevel": null}}})");
    CHECK_FALSE(attributes(twice).battery_level);

    // null for attributes, or data
    CHECK(renault::model_in(decode_ok<battery_body>(R"({"data": {"attributes": null}})").value) == nullptr);
    CHECK_FALSE(decode_ok<battery_body>(R"({"data": null})").value.data);
}

TEST_CASE("a required member that is missing or null is reported", "[tolerance]")
{
    auto missing = decode_ok<renault::gigya_response>(R"({"statusCode": 200})");
    REQUIRE(missing.diagnostics.size() == 1);
    CHECK(missing.diagnostics[0] ==
          renault::diagnostic{diagnostic_kind::missing_required, "errorCode", "required key is missing"});

    auto null = decode_ok<renault::gigya_response>(R"({"errorCode": null})");
    REQUIRE(null.diagnostics.size() == 2);
    CHECK(null.diagnostics[0] == renault::diagnostic{diagnostic_kind::wrong_type, "errorCode", "expected an integer, got null"});
    CHECK(null.diagnostics[1].kind == diagnostic_kind::missing_required);
}

TEST_CASE("strings with escapes, unicode, and long values arrive whole", "[tolerance]")
{
    std::string long_text(100000, 'x');
    auto r = decode_ok<battery_body>(R"({"data": {"id": "VF1\u0041AAAA\"quoted\"\n", "attributes": {"timestamp": ")" +
                                     long_text + R"("}}})");
    CHECK(r.value.data->id == "VF1AAAAA\"quoted\"\n");
    CHECK(attributes(r).timestamp->size() == long_text.size());

    auto utf8 = decode_ok<renault::contract>(R"({"statusLabel": "Expiré", "description": "Échec d’activation"})");
    CHECK(utf8.value.status_label == "Expiré");
    CHECK(utf8.value.description == "Échec d’activation");
}

TEST_CASE("deep nesting is bounded, unknown deep values are skipped", "[tolerance]")
{
    std::string deep_unknown = R"({"data": {"attributes": {"batteryLevel": 1, "x": )";
    for (int i = 0; i < 40; ++i)
        deep_unknown += "[";
    for (int i = 0; i < 40; ++i)
        deep_unknown += "]";
    deep_unknown += "}}}";
    auto r = decode_ok<battery_body>(deep_unknown);
    CHECK(attributes(r).battery_level == 1);

    std::string too_deep = R"({"data": {"attributes": {"x": )";
    for (int i = 0; i < 200; ++i)
        too_deep += "[";
    for (int i = 0; i < 200; ++i)
        too_deep += "]";
    too_deep += "}}}";
    boost::system::error_code ec;
    auto failed = renault::decode<battery_body>(too_deep, ec);
    CHECK(ec == errc::nesting_too_deep);
    REQUIRE(failed.diagnostics.size() == 1);
    CHECK(failed.diagnostics[0].message == "the body nests deeper than 64 levels");
}

TEST_CASE("bodies that are not JSON fail with a typed error and a reason", "[tolerance]")
{
    struct bad_body {
        std::string body;
        std::string message;
    };
    auto [body, message] = GENERATE(values<bad_body>({
        {"", "the body is empty"},
        {"<html><body>502 Bad Gateway</body></html>", "not JSON: syntax error at byte 0"},
        {R"({"data": {"attributes": {"batteryLevel": 5)", "the body ends before the JSON does (truncated at byte 42)"},
        {R"({"data": {}} trailing)", "not JSON: extra data after the document at byte 13"},
        {R"({"data": {}} {})", "not JSON: extra data after the document at byte 13"},
        {"{'data': 1}", "not JSON: syntax error at byte 1"},
        {"   ", "the body ends before the JSON does (truncated at byte 3)"},
    }));
    INFO(body);
    boost::system::error_code ec;
    auto r = renault::decode<battery_body>(body, ec);
    CHECK(ec == errc::invalid_json);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].kind == diagnostic_kind::invalid_body);
    CHECK(r.diagnostics[0].message == message);
    CHECK(r.raw == body);
}

TEST_CASE("a root of the wrong kind is unexpected_root", "[tolerance]")
{
    boost::system::error_code ec;
    auto array = renault::decode<battery_body>(R"([{"data": {}}])", ec);
    CHECK(ec == errc::unexpected_root);
    CHECK(array.diagnostics.at(0).message == "expected an object at the root, got an array");

    auto scalar = renault::decode<battery_body>(R"("text")", ec);
    CHECK(ec == errc::unexpected_root);
    CHECK(scalar.diagnostics.at(0).message == "expected an object at the root, got a string");

    auto object_for_array = renault::decode<std::vector<renault::contract>>(R"({"contracts": []})", ec);
    CHECK(ec == errc::unexpected_root);
    CHECK(object_for_array.diagnostics.at(0).message == "expected an array at the root, got an object");
}

TEST_CASE("the throwing form throws renault::error with the first diagnostic", "[tolerance]")
{
    try {
        renault::decode<battery_body>("<html>");
        FAIL("no exception");
    } catch (const renault::error& e) {
        CHECK(e.error_code() == errc::invalid_json);
        CHECK(std::string(e.what()) == "the body is not valid JSON: not JSON: syntax error at byte 0");
        CHECK(e.code().category().name() == std::string("renault"));
    }
    try {
        renault::decode<battery_body>(R"({"data": {"attributes": {"plugStatus": 3, "batteryLevel": "x"}}})",
                                      {.strict = true});
        FAIL("no exception");
    } catch (const renault::error& e) {
        CHECK(e.error_code() == errc::strict_decode_failed);
        CHECK(std::string(e.what()) == "the body decoded with diagnostics (strict mode): "
                                       "data.attributes.plugStatus: unknown plug_state value 3 (kept) (and 1 more)");
    }
    CHECK_NOTHROW(renault::decode<battery_body>(R"({"data": {"attributes": {"plugStatus": 3}}})"));
}

TEST_CASE("the raw body stays available next to the value", "[tolerance]")
{
    std::string body = R"({"data": {"attributes": {"batteryLevel": 7, "notInSchema": 1}}})";
    auto r = decode_ok<battery_body>(body);
    CHECK(r.raw.data() == body.data());
    CHECK(r.raw.size() == body.size());
}
