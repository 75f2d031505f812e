// The decoder is tolerant exactly as docs/adr/0002-tolerant-decoding.md says: each case asserts the
// value it keeps and the exact diagnostic or error it gives.
#include <renault/model.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include "support/table_models.hpp"

#include <map>
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

} // namespace

using test_models::table_entry;
using test_models::table_file;

namespace {

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

TEST_CASE("maps take any key, in order of the keys, and check every value", "[tolerance][map]")
{
    auto r = decode_ok<table_file>(R"({"entries": {"B": {"label": "b", "flags": {"x": true, "y": false}},
        "A": {}, "a/b c": {"label": "odd"}}, "count": 3})");
    CHECK(r.diagnostics.empty());
    REQUIRE(r.value.entries);
    const auto& entries = *r.value.entries;
    REQUIRE(entries.size() == 3);
    CHECK(entries.at("A") == table_entry{});
    CHECK(entries.at("B").label == "b");
    CHECK(entries.at("B").flags == std::map<std::string, bool>{{"x", true}, {"y", false}});
    CHECK(entries.at("a/b c").label == "odd");
    CHECK(r.value.count == 3); // decoding goes on after the map

    // an empty map is there, and empty
    auto empty = decode_ok<table_file>(R"({"entries": {}})");
    REQUIRE(empty.value.entries);
    CHECK(empty.value.entries->empty());

    // a repeated key keeps its last value
    auto twice = decode_ok<table_file>(R"({"entries": {"A": {"label": "1"}, "A": {"label": "2"}}})");
    CHECK(twice.value.entries->at("A").label == "2");

    // keys that come in parts (escapes) arrive whole
    auto escaped = decode_ok<table_file>(R"({"entries": {"\u0041\"B": {"label": "q"}}})");
    CHECK(escaped.value.entries->at("A\"B").label == "q");

    // a map as the root
    auto root = decode_ok<std::map<std::string, std::int64_t>>(R"({"x": 1, "y": 2})");
    CHECK(root.value == std::map<std::string, std::int64_t>{{"x", 1}, {"y", 2}});
}

TEST_CASE("wrong values in maps are reported with their key and left out", "[tolerance][map]")
{
    auto r = decode_ok<table_file>(R"({"entries": {"A": "text", "B": {"flags": {"x": 1, "y": null, "z": true}},
        "C": [], "d e": {"label": 3}, "E": null, "F": {}}})");
    REQUIRE(r.value.entries);
    const auto& entries = *r.value.entries;
    CHECK(entries.size() == 3); // B, "d e", F
    CHECK(entries.at("B").flags == std::map<std::string, bool>{{"z", true}});
    CHECK_FALSE(entries.at("d e").label);
    CHECK(entries.count("F") == 1);
    REQUIRE(r.diagnostics.size() == 6);
    CHECK(r.diagnostics[0] == renault::diagnostic{diagnostic_kind::wrong_type, "entries.A", "expected an object, got a string \"text\""});
    CHECK(r.diagnostics[1] == renault::diagnostic{diagnostic_kind::wrong_type, "entries.B.flags.x", "expected true or false, got the number 1"});
    CHECK(r.diagnostics[2] == renault::diagnostic{diagnostic_kind::wrong_type, "entries.B.flags.y", "expected true or false, got null"});
    CHECK(r.diagnostics[3] == renault::diagnostic{diagnostic_kind::wrong_type, "entries.C", "expected an object, got an array"});
    CHECK(r.diagnostics[4] == renault::diagnostic{diagnostic_kind::wrong_type, "entries[\"d e\"].label", "expected a string, got the number 3"});
    CHECK(r.diagnostics[5] == renault::diagnostic{diagnostic_kind::wrong_type, "entries.E", "expected an object, got null"});

    // a map where something else comes
    auto wrong = decode_ok<table_file>(R"({"entries": [1, 2], "count": 1})");
    CHECK_FALSE(wrong.value.entries);
    CHECK(wrong.value.count == 1);
    REQUIRE(wrong.diagnostics.size() == 1);
    CHECK(wrong.diagnostics[0] == renault::diagnostic{diagnostic_kind::wrong_type, "entries", "expected an object, got an array"});

    // unknown keys inside a map's values are reported with the map key
    auto unknown = decode_ok<table_file>(R"({"entries": {"A": {"lable": "x"}}})", {.report_unknown_keys = true});
    REQUIRE(unknown.diagnostics.size() == 1);
    CHECK(unknown.diagnostics[0] == renault::diagnostic{diagnostic_kind::unknown_key, "entries.A.lable", "key not in the model (ignored)"});

    boost::system::error_code ec;
    renault::decode<table_file>(R"({"entries": {"A": 1}})", ec, {.strict = true});
    CHECK(ec == errc::strict_decode_failed);
    auto not_object = renault::decode<std::map<std::string, bool>>("[]", ec);
    CHECK(ec == errc::unexpected_root);
}

TEST_CASE("boost::json::value members keep the JSON as it is", "[tolerance][raw]")
{
    auto r = decode_ok<table_file>(R"({"version": 18446744073709551615, "values": {
        "n": null, "s": "text", "i": -3, "d": 1.5, "b": false,
        "o": {"path": "/x", "deep": [1, [2, {"k": "\u00e9"}], {}], "e": []},
        "long": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"},
        "list": [null, {"a": 1}, [true], 2], "count": 7})");
    CHECK(r.diagnostics.empty());
    REQUIRE(r.value.version);
    CHECK(r.value.version->is_uint64());
    CHECK(r.value.version->get_uint64() == 18446744073709551615u);
    REQUIRE(r.value.values);
    const auto& v = *r.value.values;
    REQUIRE(v.size() == 7);
    CHECK(v.at("n").is_null());
    CHECK(v.at("s") == boost::json::value("text"));
    CHECK(v.at("i") == boost::json::value(-3));
    CHECK(v.at("d") == boost::json::value(1.5));
    CHECK(v.at("b") == boost::json::value(false));
    CHECK(boost::json::serialize(v.at("o")) == R"({"path":"/x","deep":[1,[2,{"k":"é"}],{}],"e":[]})");
    CHECK(v.at("long").as_string().size() == 86);
    REQUIRE(r.value.list);
    REQUIRE(r.value.list->size() == 4);
    CHECK((*r.value.list)[0].is_null());
    CHECK(boost::json::serialize((*r.value.list)[1]) == R"({"a":1})");
    CHECK(boost::json::serialize((*r.value.list)[2]) == "[true]");
    CHECK((*r.value.list)[3] == boost::json::value(2));
    CHECK(r.value.count == 7);

    // a null member is kept as null (absent stays std::nullopt)
    auto null = decode_ok<table_file>(R"({"version": null})");
    REQUIRE(null.value.version);
    CHECK(null.value.version->is_null());
    CHECK_FALSE(decode_ok<table_file>("{}").value.version);

    // an object value, then more members: the decoder is back in the model
    auto after = decode_ok<table_file>(R"({"version": {"a": [1, 2]}, "count": 2, "entries": {"X": {"label": "x"}}})",
                                       {.report_unknown_keys = true});
    CHECK(after.diagnostics.empty());
    CHECK(boost::json::serialize(*after.value.version) == R"({"a":[1,2]})");
    CHECK(after.value.count == 2);
    CHECK(after.value.entries->at("X").label == "x");
}

TEST_CASE("comments and trailing commas only when allowed", "[tolerance]")
{
    const std::string body = "// a file\n{\"count\": 1, /* two */ \"entries\": {\"A\": {},},} // end\n";
    boost::system::error_code ec;
    auto refused = renault::decode<table_file>(body, ec);
    CHECK(ec == errc::invalid_json);
    auto r = decode_ok<table_file>(body, {.allow_comments = true, .allow_trailing_commas = true});
    CHECK(r.value.count == 1);
    CHECK(r.value.entries->count("A") == 1);
    auto commas_only = renault::decode<table_file>(body, ec, {.allow_trailing_commas = true});
    CHECK(ec == errc::invalid_json);
    REQUIRE(commas_only.diagnostics.size() == 1);
    CHECK(commas_only.diagnostics[0].message == "not JSON: syntax error at byte 0");
}

TEST_CASE("messages for files give lines and columns", "[tolerance]")
{
    auto message = [](std::string_view body, errc expected = errc::invalid_json) {
        boost::system::error_code ec;
        auto r = renault::decode<table_file>(body, ec, {.max_depth = 3, .file_messages = true});
        CHECK(ec == expected);
        REQUIRE(r.diagnostics.size() == 1);
        return r.diagnostics[0].message;
    };
    CHECK(message("{\"count\": 1,\n  x}") == "not JSON: syntax error at line 2, column 3");
    CHECK(message("{\"count\": 1") == "the file ends before the JSON does (at line 1, column 12)");
    CHECK(message("{\"count\": 1}\n\n {}") == "not JSON: extra data after the document at line 3, column 2");
    CHECK(message("") == "the file is empty");
    CHECK(message(R"({"entries": {"A": {"flags": {}}}})", errc::nesting_too_deep) == "the file nests deeper than 3 levels");

    // unknown keys with odd characters are written in brackets
    auto odd = decode_ok<table_file>(R"({"a b": 1, "entries": {"A": {"x.y": 2}}})", {.report_unknown_keys = true});
    REQUIRE(odd.diagnostics.size() == 2);
    CHECK(odd.diagnostics[0].path == "[\"a b\"]");
    CHECK(odd.diagnostics[1].path == "entries.A[\"x.y\"]");
}

TEST_CASE("null is reported when it does not mean absent", "[tolerance]")
{
    const std::string body = R"({"count": null, "version": null, "entries": {"A": {"label": null, "flags": null}}, "list": null})";
    auto absent = decode_ok<table_file>(body);
    CHECK(absent.diagnostics.empty());
    CHECK_FALSE(absent.value.count);
    CHECK_FALSE(absent.value.list);

    for (int pass = 0; pass < 2; ++pass) { // the second pass with the key order learnt
        auto r = decode_ok<table_file>(body, {.null_is_absent = false});
        CHECK_FALSE(r.value.count);
        REQUIRE(r.value.version);
        CHECK(r.value.version->is_null()); // a boost::json::value keeps it
        REQUIRE(r.diagnostics.size() == 4);
        CHECK(r.diagnostics[0] == renault::diagnostic{diagnostic_kind::wrong_type, "count", "expected an integer, got null"});
        CHECK(r.diagnostics[1] == renault::diagnostic{diagnostic_kind::wrong_type, "entries.A.label", "expected a string, got null"});
        CHECK(r.diagnostics[2] == renault::diagnostic{diagnostic_kind::wrong_type, "entries.A.flags", "expected an object, got null"});
        CHECK(r.diagnostics[3] == renault::diagnostic{diagnostic_kind::wrong_type, "list", "expected an array, got null"});
        // the other values still arrive
        auto values = decode_ok<table_file>(R"({"count": 2, "entries": {"A": {"label": "a", "flags": {"x": true}}}})",
                                            {.null_is_absent = false});
        CHECK(values.diagnostics.empty());
        CHECK(values.value.count == 2);
        CHECK(values.value.entries->at("A").label == "a");
        CHECK(values.value.entries->at("A").flags->at("x"));
    }
}
