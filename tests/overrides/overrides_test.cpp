// endpoint_overrides: the override file of docs/endpoint-overrides.md, resolution against the
// generated tables, specifications, to_json / from_probe / merge, and every kind of bad file.
#include <renault/endpoint_overrides.hpp>
#include <renault/protocol/request.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using renault::endpoint_lookup;
using renault::endpoint_overrides;
using renault::endpoint_resolution;
namespace defs = renault::endpoints;

/// The first ```json block of docs/endpoint-overrides.md: the documented example.
std::string doc_example()
{
    std::ifstream in(std::filesystem::path(RENAULT_DOCS_DIR) / "endpoint-overrides.md", std::ios::binary);
    REQUIRE(in);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string doc = content.str();
    const auto start = doc.find("```json\n");
    REQUIRE(start != std::string::npos);
    const auto body = start + 8;
    const auto end = doc.find("```", body);
    REQUIRE(end != std::string::npos);
    return doc.substr(body, end - body);
}

endpoint_overrides parse_ok(const std::string& json)
{
    boost::system::error_code ec;
    std::string message;
    auto out = endpoint_overrides::parse(json, ec, message);
    INFO(message);
    REQUIRE_FALSE(ec);
    REQUIRE(message.empty());
    return out;
}

/// The message of a file that must be refused (and the object is empty).
std::string parse_error(const std::string& json)
{
    boost::system::error_code ec;
    std::string message = "stale";
    const auto out = endpoint_overrides::parse(json, ec, message);
    REQUIRE(ec == renault::errc::invalid_argument);
    REQUIRE(out.empty());
    return message;
}

/// A file with one model XJD1SU whose endpoints object is `endpoints`.
std::string with_endpoints(const std::string& endpoints)
{
    return R"({"version": 1, "models": {"XJD1SU": {"endpoints": )" + endpoints + "}}}";
}

void require_same(const endpoint_resolution& a, const endpoint_resolution& b)
{
    CHECK(a.definition == b.definition);
    CHECK(a.lookup == b.lookup);
}

/// A temporary file removed at the end of the test.
struct temp_file {
    std::filesystem::path path;
    explicit temp_file(std::string_view name, std::string_view content)
        : path(std::filesystem::temp_directory_path() /
               ("renault-overrides-" + std::to_string(::getpid()) + "-" + std::string(name)))
    {
        std::ofstream out(path, std::ios::binary);
        out << content;
    }
    ~temp_file()
    {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

} // namespace

TEST_CASE("the documented example parses and resolves as documented")
{
    const auto o = parse_ok(doc_example());
    CHECK_FALSE(o.empty());
    CHECK(o.label("XJD1SU") == "NEW DUSTER");
    CHECK(o.label("X102VE") == "Zoe phase 2"); // not in the file: the generated label
    CHECK(o.label("ZZZ").empty());

    // null
    auto r = o.resolve("XJD1SU", "battery-status");
    CHECK(r.definition == nullptr);
    CHECK(r.lookup == endpoint_lookup::not_available);

    // "default"
    r = o.resolve("XJD1SU", "cockpit");
    CHECK(r.definition == &defs::cockpit::info);
    CHECK(r.lookup == endpoint_lookup::listed);

    // alternative codes
    r = o.resolve("XJD1SU", "actions/charge-start");
    CHECK(r.definition == &defs::charge_start_via_settings::info);
    CHECK(r.lookup == endpoint_lookup::listed);
    CHECK(r.definition->mode == renault::endpoint_mode::kcm_settings);
    r = o.resolve("XJD1SU", "actions/hvac-stop");
    REQUIRE(r.definition != nullptr);
    CHECK(r.definition->code == "ST");
    CHECK(r.definition->mode == renault::endpoint_mode::kca_stop);

    // a custom path: the default definition of the key with the file's path, adapter and version
    r = o.resolve("XJD1SU", "location");
    CHECK(r.lookup == endpoint_lookup::listed);
    REQUIRE(r.definition != nullptr);
    const auto& location = *r.definition;
    CHECK(location.key == "location");
    CHECK(location.name == "location");
    CHECK(location.base == renault::endpoint_base::kamereon);
    CHECK(location.method == renault::http_method::get);
    CHECK(location.path == "/kca/car-adapter/v2/cars/{vin}/location");
    CHECK(location.adapter == renault::adapter_type::kca);
    CHECK(location.version == 2);
    CHECK(location.kind == renault::endpoint_kind::read);
    CHECK(location.code == "custom");
    CHECK(location.mode == renault::endpoint_mode::default_mode);
    CHECK(location.request_shape == renault::body_shape::none);
    CHECK(location.response_shape == renault::body_shape::data);
    CHECK(location.response_model == "location");
    CHECK(location.sample.empty());
    CHECK(location.file_name == "location");
    // {vin} stays in the path; the request builder expands it
    CHECK(renault::protocol::endpoint_url(location, "https://api.example/", "ACC-1", "VF1AAAAA555777999") ==
          "https://api.example/commerce/v1/accounts/ACC-1/kamereon/kca/car-adapter/v2/cars/VF1AAAAA555777999/location");

    // a custom path with a mode, on an action
    r = o.resolve("XJD1SU", "actions/charge-stop");
    REQUIRE(r.definition != nullptr);
    const auto& stop = *r.definition;
    CHECK(stop.key == "actions/charge-stop");
    CHECK(stop.method == renault::http_method::post);
    CHECK(stop.path == "/kcm/v1/vehicles/{vin}/charge/pause-resume");
    CHECK(stop.adapter == renault::adapter_type::kcm);
    CHECK(stop.version == 1);
    CHECK(stop.kind == renault::endpoint_kind::action);
    CHECK(stop.mode == renault::endpoint_mode::kcm_pause_resume);
    CHECK(stop.request_shape == renault::body_shape::data);
    CHECK(stop.request_type == "ChargingStart");
    CHECK(stop.request_model == "charging_start_action");
    CHECK(stop.response_shape == renault::body_shape::data);
    CHECK(stop.response_model == "charging_start_action");

    // a model unknown to the generated table, key not in the file: the default, undocumented_key
    r = o.resolve("XJD1SU", "hvac-status");
    CHECK(r.definition == &defs::hvac_status::info);
    CHECK(r.lookup == endpoint_lookup::undocumented_key);

    // X102VE: cockpit moved to v2, everything else from the generated table
    r = o.resolve("X102VE", "cockpit");
    REQUIRE(r.definition != nullptr);
    CHECK(r.definition->path == "/kca/car-adapter/v2/cars/{vin}/cockpit");
    CHECK(r.definition->version == 2);
    CHECK(r.definition->response_model == "cockpit");
    require_same(o.resolve("X102VE", "actions/charge-stop"), renault::resolve_endpoint("X102VE", "actions/charge-stop"));
    CHECK(o.resolve("X102VE", "actions/charge-stop").definition == &defs::charge_stop_via_pause_resume::info);

    // specifications
    bool value = false;
    CHECK(o.has_specification("XJD1SU", "reports-in-watts", value));
    CHECK(value);
    value = false;
    CHECK(o.has_specification("GDC", "reports-in-watts", value));
    CHECK(value);
}

TEST_CASE("a file restating the generated table resolves every key like it")
{
    // For each generated model: one file listing the model's rows (null or the definition's
    // code) under the same code and under a new code; both resolve every key as the generated table.
    const std::vector<std::string_view> stray(renault::stray_endpoint_keys.begin(), renault::stray_endpoint_keys.end());
    for (const auto& model : renault::vehicle_models) {
        std::string entries;
        for (const auto& row : renault::model_endpoints) {
            if (row.model_code != model.code || std::find(stray.begin(), stray.end(), row.key) != stray.end())
                continue;
            if (!entries.empty())
                entries += ", ";
            entries += renault::detail::json_quote(row.key) + ": ";
            entries += row.definition < 0 ? std::string("null")
                                          : renault::detail::json_quote(defs::definitions[static_cast<std::size_t>(row.definition)].code);
        }
        const std::string code(model.code);
        const auto o = parse_ok(R"({"version": 1, "models": {")" + code + R"(": {"endpoints": {)" + entries + "}}, \"Z" + code +
                                R"(": {"endpoints": {)" + entries + "}}}}");
        for (const auto& row : defs::default_table) {
            INFO(code << " " << row.key);
            const auto generated = renault::resolve_endpoint(code, row.key);
            require_same(o.resolve(code, row.key), generated);
            const auto fresh = o.resolve("Z" + code, row.key);
            CHECK(fresh.definition == generated.definition);
            CHECK(fresh.lookup == generated.lookup);
        }
    }
}

TEST_CASE("every alternative code of the per-model table is accepted for its key")
{
    int checked = 0;
    for (const auto& row : renault::model_endpoints) {
        if (row.definition < 0 || !renault::detail::override_base_definition(row.key))
            continue;
        const auto& def = defs::definitions[static_cast<std::size_t>(row.definition)];
        const auto o = parse_ok(with_endpoints("{" + renault::detail::json_quote(row.key) + ": \"" + std::string(def.code) + "\"}"));
        CHECK(o.resolve("XJD1SU", row.key).definition == &def);
        ++checked;
    }
    CHECK(checked == 152); // the D, ST, KC, KP and KS cells of schema/vehicles.yaml
}

TEST_CASE("the kinds of entries resolve to the expected definitions")
{
    const auto o = parse_ok(with_endpoints(R"({
        "charge-schedule": "KS",
        "actions/charge-start": "KC",
        "actions/charge-set-schedule": "D",
        "actions/soc-levels": "default",
        "actions/charge-start-via-settings": "default",
        "soc-levels": null,
        "alerts": {"path": "/vehicles/{vin}/alerts"},
        "pressure": {"path": "/v3/cars/{vin}/pressure"},
        "hvac-settings": {"path": "/kcm/v12/vehicles/{vin}/hvac", "mode": "kcm-settings"},
        "charges": {"path": "/accounts/{account_id}/persons/{person_id}/charges", "mode": "default"}
    })"));
    CHECK(o.resolve("XJD1SU", "charge-schedule").definition == &defs::charge_schedule_via_settings::info);
    CHECK(o.resolve("XJD1SU", "actions/charge-start").definition == &defs::charge_start_kcm::info);
    CHECK(o.resolve("XJD1SU", "actions/charge-set-schedule").definition == &defs::charge_set_schedule::info);
    CHECK(o.resolve("XJD1SU", "actions/soc-levels").definition == &defs::soc_levels_set::info);
    CHECK(o.resolve("XJD1SU", "actions/charge-start-via-settings").definition == &defs::charge_start_via_settings::info);
    CHECK(o.resolve("XJD1SU", "soc-levels").lookup == endpoint_lookup::not_available);

    // a path that names no adapter keeps the default's adapter and version
    const auto* alerts = o.resolve("XJD1SU", "alerts").definition;
    REQUIRE(alerts != nullptr);
    CHECK(alerts->path == "/vehicles/{vin}/alerts");
    CHECK(alerts != &defs::alerts::info);
    CHECK(alerts->adapter == renault::adapter_type::none);
    CHECK(alerts->version == 0);
    CHECK(alerts->response_shape == renault::body_shape::array);
    CHECK(alerts->response_model == "alert");
    const auto* pressure = o.resolve("XJD1SU", "pressure").definition;
    REQUIRE(pressure != nullptr);
    CHECK(pressure->adapter == renault::adapter_type::kca);
    CHECK(pressure->version == 1);
    const auto* hvac = o.resolve("XJD1SU", "hvac-settings").definition;
    REQUIRE(hvac != nullptr);
    CHECK(hvac->adapter == renault::adapter_type::kcm);
    CHECK(hvac->version == 12);
    CHECK(hvac->mode == renault::endpoint_mode::kcm_settings);
    CHECK(hvac->response_model == "hvac_settings");
    const auto* charges = o.resolve("XJD1SU", "charges").definition;
    REQUIRE(charges != nullptr);
    CHECK(renault::protocol::endpoint_url(*charges, "https://k", "A 1", "V", "P/2") ==
          "https://k/commerce/v1/accounts/A%201/kamereon/accounts/A%201/persons/P%2F2/charges");
    CHECK(charges->query.size() == defs::charges::info.query.size());
}

TEST_CASE("keys and models the file does not list fall back to the generated tables")
{
    const auto o = parse_ok(R"({"version": 1, "models": {
        "X101VE": {"endpoints": {"cockpit": null}},
        "NEW1": {"label": "Only a label"},
        "NEW2": {}
    }})");
    // listed model known to the generated table, key not listed: the generated answer
    require_same(o.resolve("X101VE", "location"), {nullptr, endpoint_lookup::not_available});
    require_same(o.resolve("X101VE", "charge-mode"), {&defs::charge_mode::info, endpoint_lookup::listed});
    require_same(o.resolve("X101VE", "charges"), {&defs::charges::info, endpoint_lookup::undocumented_key});
    require_same(o.resolve("X101VE", "cockpit"), {nullptr, endpoint_lookup::not_available});
    // listed model unknown to the generated table: default definitions, undocumented_key
    require_same(o.resolve("NEW1", "battery-status"), {&defs::battery_status::info, endpoint_lookup::undocumented_key});
    require_same(o.resolve("NEW2", "actions/charge-start"), {&defs::charge_start::info, endpoint_lookup::undocumented_key});
    require_same(o.resolve("NEW1", "random"), {nullptr, endpoint_lookup::unknown_key});
    CHECK(o.label("NEW1") == "Only a label");
    CHECK(o.label("NEW2").empty());
    // models not in the file: renault::resolve_endpoint unchanged
    require_same(o.resolve("XJD1SU", "cockpit"), {&defs::cockpit::info, endpoint_lookup::undocumented_model});
    require_same(o.resolve("XBG1VE", "actions/charge-start"), renault::resolve_endpoint("XBG1VE", "actions/charge-start"));
    require_same(o.resolve("", "cockpit"), {&defs::cockpit::info, endpoint_lookup::listed});
    require_same(o.resolve("X102VE", "random"), {nullptr, endpoint_lookup::unknown_key});

    // the free function: overrides when given, else the generated tables
    require_same(renault::resolve_endpoint(&o, "X101VE", "cockpit"), {nullptr, endpoint_lookup::not_available});
    require_same(renault::resolve_endpoint(nullptr, "X101VE", "cockpit"), {&defs::cockpit::info, endpoint_lookup::listed});
    require_same(renault::resolve_endpoint(nullptr, "NEW1", "cockpit"), {&defs::cockpit::info, endpoint_lookup::undocumented_model});
}

TEST_CASE("specifications come from the file first then from the generated tables")
{
    const auto o = parse_ok(R"({"version": 1,
        "models": {"X101VE": {"specifications": {"reports-in-watts": false}},
                   "NEW1": {"specifications": {"control-charge-via-kcm": true}}},
        "gateways": {"AVN": {"reports-charge-session-durations-in-minutes": true}, "GDC": {"reports-in-watts": false}}})");
    bool value = true;
    CHECK(o.has_specification("X101VE", "reports-in-watts", value));
    CHECK_FALSE(value);
    value = false;
    CHECK_FALSE(o.has_specification("X101VE", "reports-charge-session-durations-in-minutes", value));
    CHECK(value); // generated
    CHECK(o.has_specification("NEW1", "control-charge-via-kcm", value));
    CHECK(value);
    value = true;
    CHECK_FALSE(o.has_specification("NEW1", "reports-in-watts", value));
    CHECK_FALSE(value);
    value = false;
    CHECK(o.has_specification("AVN", "reports-charge-session-durations-in-minutes", value));
    CHECK(value);
    value = true;
    CHECK(o.has_specification("GDC", "reports-in-watts", value));
    CHECK_FALSE(value);
    value = false;
    CHECK_FALSE(o.has_specification("XBG1VE", "control-charge-via-kcm", value));
    CHECK(value);
    value = true;
    CHECK_FALSE(o.has_specification("ZZZ", "reports-in-watts", value));
    CHECK_FALSE(value);

    CHECK_FALSE(renault::specification_value(&o, "X101VE", "reports-in-watts"));
    CHECK(renault::specification_value(nullptr, "X101VE", "reports-in-watts"));
    CHECK(renault::specification_value(&o, "AVN", "reports-charge-session-durations-in-minutes"));
    CHECK_FALSE(renault::specification_value(nullptr, "AVN", "reports-charge-session-durations-in-minutes"));
    CHECK(renault::specification_value(nullptr, "GDC", "reports-in-watts"));
    CHECK_FALSE(renault::specification_value(&o, "GDC", "reports-in-watts"));
}

TEST_CASE("an empty file or object has no entries")
{
    CHECK(endpoint_overrides().empty());
    CHECK(parse_ok(R"({"version": 1})").empty());
    CHECK(parse_ok(R"({"version": 1, "models": {}, "gateways": {}})").empty());
    CHECK_FALSE(parse_ok(R"({"version": 1, "models": {"NEW1": {}}})").empty());
    CHECK_FALSE(parse_ok(R"({"version": 1, "gateways": {"GDC": {}}})").empty());
    CHECK(endpoint_overrides().to_json() == "{\n  \"version\": 1,\n  \"models\": {},\n  \"gateways\": {}\n}\n");
    require_same(endpoint_overrides().resolve("X101VE", "location"), {nullptr, endpoint_lookup::not_available});
}

TEST_CASE("to_json writes the file sorted and parse gives it back")
{
    const auto o = parse_ok(doc_example());
    const std::string expected = R"({
  "version": 1,
  "models": {
    "X102VE": {
      "endpoints": {
        "cockpit": {"path": "/kca/car-adapter/v2/cars/{vin}/cockpit"}
      }
    },
    "XJD1SU": {
      "label": "NEW DUSTER",
      "endpoints": {
        "actions/charge-start": "KS",
        "actions/charge-stop": {"path": "/kcm/v1/vehicles/{vin}/charge/pause-resume", "mode": "kcm-pause-resume"},
        "actions/hvac-stop": "ST",
        "battery-status": null,
        "cockpit": "default",
        "location": {"path": "/kca/car-adapter/v2/cars/{vin}/location"}
      },
      "specifications": {
        "reports-in-watts": true
      }
    }
  },
  "gateways": {
    "GDC": {
      "reports-in-watts": true
    }
  }
}
)";
    CHECK(o.to_json() == expected);
    const auto again = parse_ok(o.to_json());
    CHECK(again.to_json() == expected);
    for (const std::string_view model : {"XJD1SU", "X102VE", "X101VE", "NEW1", ""}) {
        for (const auto& row : defs::default_table) {
            INFO(model << " " << row.key);
            const auto a = o.resolve(model, row.key);
            const auto b = again.resolve(model, row.key);
            CHECK(a.lookup == b.lookup);
            REQUIRE((a.definition == nullptr) == (b.definition == nullptr));
            if (a.definition) {
                CHECK(a.definition->key == b.definition->key);
                CHECK(a.definition->path == b.definition->path);
                CHECK(a.definition->mode == b.definition->mode);
                CHECK(a.definition->code == b.definition->code);
                CHECK(a.definition->adapter == b.definition->adapter);
                CHECK(a.definition->version == b.definition->version);
            }
        }
    }
    CHECK(again.label("XJD1SU") == "NEW DUSTER");

    // labels and paths with characters JSON escapes
    const auto odd = parse_ok(R"({"version": 1, "models": {"N1": {"label": "Zoé \"2\"\n",
        "endpoints": {"cockpit": {"path": "/a/%7B{vin}%7D", "mode": "default"}, "location": {"path": "/x", "mode": "kcm"}}}}})");
    CHECK(odd.to_json() == R"({
  "version": 1,
  "models": {
    "N1": {
      "label": "Zoé \"2\"\n",
      "endpoints": {
        "cockpit": {"path": "/a/%7B{vin}%7D"},
        "location": {"path": "/x", "mode": "kcm"}
      }
    }
  },
  "gateways": {}
}
)");
    CHECK(parse_ok(odd.to_json()).label("N1") == "Zoé \"2\"\n");
}

TEST_CASE("copies keep custom definitions valid")
{
    const renault::endpoint_info* custom = nullptr;
    endpoint_overrides copy;
    {
        const auto o = parse_ok(doc_example());
        custom = o.resolve("XJD1SU", "location").definition;
        copy = o;
    }
    const auto* after = copy.resolve("XJD1SU", "location").definition;
    CHECK(after == custom);
    REQUIRE(after != nullptr);
    CHECK(after->path == "/kca/car-adapter/v2/cars/{vin}/location");
}

TEST_CASE("from_probe writes failed keys as null and working keys as default")
{
    const auto o = endpoint_overrides::from_probe(
        "XJD1SU", {{"battery-status", true}, {"cockpit", true}, {"hvac-status", false}, {"charges", false}});
    CHECK(o.to_json() == R"({
  "version": 1,
  "models": {
    "XJD1SU": {
      "endpoints": {
        "battery-status": "default",
        "charges": null,
        "cockpit": "default",
        "hvac-status": null
      }
    }
  },
  "gateways": {}
}
)");
    require_same(o.resolve("XJD1SU", "battery-status"), {&defs::battery_status::info, endpoint_lookup::listed});
    require_same(o.resolve("XJD1SU", "hvac-status"), {nullptr, endpoint_lookup::not_available});
    require_same(o.resolve("XJD1SU", "location"), {&defs::location::info, endpoint_lookup::undocumented_key});
    CHECK(endpoint_overrides::from_probe("XJD1SU", {}).to_json() ==
          "{\n  \"version\": 1,\n  \"models\": {\n    \"XJD1SU\": {}\n  },\n  \"gateways\": {}\n}\n");

    try {
        (void)endpoint_overrides::from_probe("XJD1SU", {{"batery-status", true}});
        FAIL("no exception");
    } catch (const renault::error& e) {
        CHECK(e.error_code() == renault::errc::invalid_argument);
        CHECK(std::string(e.what()) == "from_probe: unknown endpoint key \"batery-status\"");
    }
    try {
        (void)endpoint_overrides::from_probe("xjd1su", {});
        FAIL("no exception");
    } catch (const renault::error& e) {
        CHECK(e.error_code() == renault::errc::invalid_argument);
        CHECK(std::string(e.what()) == "from_probe: a model code is 1 to 32 upper-case letters and digits, not \"xjd1su\"");
    }
}

TEST_CASE("merge adds entries and the merged file wins")
{
    auto o = parse_ok(doc_example());
    o.merge(endpoint_overrides::from_probe("XJD1SU", {{"battery-status", true}, {"pressure", false}}));
    o.merge(parse_ok(R"({"version": 1, "models": {"NEW1": {"label": "New"}, "XJD1SU": {"specifications": {"reports-in-watts": false}}},
        "gateways": {"GDC": {"reports-charge-session-durations-in-minutes": false}}})"));
    require_same(o.resolve("XJD1SU", "battery-status"), {&defs::battery_status::info, endpoint_lookup::listed});
    require_same(o.resolve("XJD1SU", "pressure"), {nullptr, endpoint_lookup::not_available});
    CHECK(o.resolve("XJD1SU", "location").definition->path == "/kca/car-adapter/v2/cars/{vin}/location");
    CHECK(o.label("XJD1SU") == "NEW DUSTER");
    CHECK(o.label("NEW1") == "New");
    bool value = true;
    CHECK(o.has_specification("XJD1SU", "reports-in-watts", value));
    CHECK_FALSE(value);
    CHECK(o.has_specification("GDC", "reports-in-watts", value));
    CHECK(value);
    CHECK(o.has_specification("GDC", "reports-charge-session-durations-in-minutes", value));
    CHECK_FALSE(value);
}

TEST_CASE("load reads a file and names it in errors")
{
    const temp_file good("good.json", doc_example());
    boost::system::error_code ec;
    std::string message;
    const auto o = endpoint_overrides::load(good.path, ec, message);
    CHECK_FALSE(ec);
    CHECK(message.empty());
    CHECK(o.resolve("XJD1SU", "battery-status").lookup == endpoint_lookup::not_available);
    CHECK(endpoint_overrides::load(good.path).label("XJD1SU") == "NEW DUSTER");

    const temp_file bad("bad.json", with_endpoints(R"({"batery-status": null})"));
    const auto none = endpoint_overrides::load(bad.path, ec, message);
    CHECK(ec == renault::errc::invalid_argument);
    CHECK(none.empty());
    const std::string expected = bad.path.string() +
                                 ": $.models.XJD1SU.endpoints.batery-status: unknown endpoint key (expected a key of the "
                                 "default table or an actions/... key of the schema)";
    CHECK(message == expected);
    try {
        (void)endpoint_overrides::load(bad.path);
        FAIL("no exception");
    } catch (const renault::error& e) {
        CHECK(e.error_code() == renault::errc::invalid_argument);
        CHECK(std::string(e.what()) == expected);
    }

    const temp_file broken("broken.json", "{\"version\": 1,\n  \"models\": {\n    x");
    (void)endpoint_overrides::load(broken.path, ec, message);
    CHECK(message == broken.path.string() + ": not JSON: syntax error at line 3, column 5");

    const auto missing = std::filesystem::temp_directory_path() / "renault-overrides-no-such-file.json";
    (void)endpoint_overrides::load(missing, ec, message);
    CHECK(ec == renault::errc::invalid_argument);
    CHECK(message == missing.string() + ": cannot read the file (it does not exist)");

    (void)endpoint_overrides::load(std::filesystem::temp_directory_path(), ec, message);
    CHECK(ec == renault::errc::invalid_argument);
    CHECK(message == std::filesystem::temp_directory_path().string() + ": cannot read the file (not a regular file)");

    const temp_file huge("huge.json", std::string((1u << 20) + 1, ' '));
    (void)endpoint_overrides::load(huge.path, ec, message);
    CHECK(message == huge.path.string() + ": the file is larger than 1 MiB");
}

TEST_CASE("parse throws renault::error with the message")
{
    try {
        (void)endpoint_overrides::parse(R"({"version": 2})");
        FAIL("no exception");
    } catch (const renault::error& e) {
        CHECK(e.error_code() == renault::errc::invalid_argument);
        CHECK(std::string(e.what()) == "$.version: unsupported version 2 (expected 1)");
    }
    CHECK(endpoint_overrides::parse(doc_example()).label("XJD1SU") == "NEW DUSTER");
}

TEST_CASE("files that are not JSON are refused with the position")
{
    CHECK(parse_error("{\"version\": 1,\n  x}") == "not JSON: syntax error at line 2, column 3");
    CHECK(parse_error("") == "not JSON: the file is empty");
    CHECK(parse_error("{\"version\": 1") == "not JSON: the file ends before the JSON does (at line 1, column 14)");
    CHECK(parse_error("{\"version\": 1} {}") == "not JSON: extra data after the document at line 1, column 16");
    CHECK(parse_error("{\"version\": 1, /* no comments */}") == "not JSON: syntax error at line 1, column 16");
    CHECK(parse_error("{\"version\": 1,}") == "not JSON: syntax error at line 1, column 15");
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK(parse_error(deep) == "$: expected a JSON object");
    const std::string deep_value = with_endpoints(R"({"cockpit": )" + deep + "}");
    CHECK(parse_error(deep_value) == "the file nests deeper than 32 levels");
    CHECK(parse_error(std::string("{\"version\": 1, \"models\": {\"A\xff\": {}}}")) ==
          "not JSON: syntax error at line 1, column 29"); // not UTF-8
}

TEST_CASE("wrong root and version are refused")
{
    CHECK(parse_error("[]") == "$: expected a JSON object");
    CHECK(parse_error("1") == "$: expected a JSON object");
    CHECK(parse_error("{}") == "$: missing \"version\" (expected 1)");
    CHECK(parse_error(R"({"models": {}})") == "$: missing \"version\" (expected 1)");
    CHECK(parse_error(R"({"version": 2})") == "$.version: unsupported version 2 (expected 1)");
    CHECK(parse_error(R"({"version": -1})") == "$.version: unsupported version -1 (expected 1)");
    CHECK(parse_error(R"({"version": 18446744073709551615})") ==
          "$.version: unsupported version 18446744073709551615 (expected 1)");
    CHECK(parse_error(R"({"version": "1"})") == "$.version: expected the number 1");
    CHECK(parse_error(R"({"version": 1.0})") == "$.version: expected the number 1");
    CHECK(parse_error(R"({"version": null})") == "$.version: expected the number 1");
}

TEST_CASE("unknown keys are refused at every level")
{
    CHECK(parse_error(R"({"version": 1, "modles": {}})") ==
          "$.modles: unknown key (expected \"version\", \"models\" or \"gateways\")");
    CHECK(parse_error(R"({"version": 1, "a b": 1})") ==
          "$[\"a b\"]: unknown key (expected \"version\", \"models\" or \"gateways\")");
    CHECK(parse_error(R"({"version": 1, "models": {"XJD1SU": {"endpoint": {}}}})") ==
          "$.models.XJD1SU.endpoint: unknown key (expected \"label\", \"endpoints\" or \"specifications\")");
    CHECK(parse_error(with_endpoints(R"({"location": {"path": "/x", "methd": "GET"}})")) ==
          "$.models.XJD1SU.endpoints.location.methd: unknown key (expected \"path\" or \"mode\")");
}

TEST_CASE("unknown endpoint keys are refused")
{
    const std::string reason = ": unknown endpoint key (expected a key of the default table or an actions/... key of the schema)";
    CHECK(parse_error(with_endpoints(R"({"batery-status": null})")) == "$.models.XJD1SU.endpoints.batery-status" + reason);
    CHECK(parse_error(with_endpoints(R"({"charging-start": null})")) == "$.models.XJD1SU.endpoints.charging-start" + reason);
    CHECK(parse_error(with_endpoints(R"({"gigya/login": "default"})")) == "$.models.XJD1SU.endpoints[\"gigya/login\"]" + reason);
    CHECK(parse_error(with_endpoints(R"({"vehicles": "default"})")) == "$.models.XJD1SU.endpoints.vehicles" + reason);
    CHECK(parse_error(with_endpoints(R"({"actions/fly": "default"})")) == "$.models.XJD1SU.endpoints[\"actions/fly\"]" + reason);
    CHECK(parse_error(with_endpoints(R"({"": null})")) == "$.models.XJD1SU.endpoints[\"\"]" + reason);
}

TEST_CASE("values of the wrong type are refused")
{
    CHECK(parse_error(R"({"version": 1, "models": []})") == "$.models: expected an object, got an array");
    CHECK(parse_error(R"({"version": 1, "models": null})") == "$.models: expected an object, got null");
    CHECK(parse_error(R"({"version": 1, "models": {"XJD1SU": "X"}})") ==
          "$.models.XJD1SU: expected an object, got a string \"X\"");
    CHECK(parse_error(R"({"version": 1, "models": {"XJD1SU": null}})") == "$.models.XJD1SU: expected an object, got null");
    CHECK(parse_error(R"({"version": 1, "models": {"XJD1SU": {"label": 3}}})") ==
          "$.models.XJD1SU.label: expected a string, got the number 3");
    CHECK(parse_error(R"({"version": 1, "models": {"XJD1SU": {"label": null}}})") ==
          "$.models.XJD1SU.label: expected a string, got null");
    CHECK(parse_error(R"({"version": 1, "models": {"XJD1SU": {"endpoints": []}}})") ==
          "$.models.XJD1SU.endpoints: expected an object, got an array");
    CHECK(parse_error(with_endpoints(R"({"cockpit": 1})")) == "$.models.XJD1SU.endpoints.cockpit: expected null, a string or an object");
    CHECK(parse_error(with_endpoints(R"({"cockpit": true})")) == "$.models.XJD1SU.endpoints.cockpit: expected null, a string or an object");
    CHECK(parse_error(with_endpoints(R"({"cockpit": ["default"]})")) ==
          "$.models.XJD1SU.endpoints.cockpit: expected null, a string or an object");
    CHECK(parse_error(with_endpoints(R"({"location": {"path": 1}})")) == "$.models.XJD1SU.endpoints.location.path: expected a string");
    CHECK(parse_error(with_endpoints(R"({"location": {"mode": "kcm"}})")) == "$.models.XJD1SU.endpoints.location: missing \"path\"");
    CHECK(parse_error(with_endpoints(R"({"location": {"path": "/x", "mode": "fast"}})")) ==
          "$.models.XJD1SU.endpoints.location.mode: expected \"default\", \"kca-stop\", \"kcm\", \"kcm-pause-resume\" or \"kcm-settings\"");
    CHECK(parse_error(with_endpoints(R"({"location": {"path": "/x", "mode": 1}})")) ==
          "$.models.XJD1SU.endpoints.location.mode: expected \"default\", \"kca-stop\", \"kcm\", \"kcm-pause-resume\" or \"kcm-settings\"");
    CHECK(parse_error(R"({"version": 1, "models": {"XJD1SU": {"specifications": {"reports-in-watts": "yes"}}}})") ==
          "$.models.XJD1SU.specifications.reports-in-watts: expected true or false, got a string \"yes\"");
    CHECK(parse_error(R"({"version": 1, "models": {"XJD1SU": {"specifications": {"reports-in-watts": null}}}})") ==
          "$.models.XJD1SU.specifications.reports-in-watts: expected true or false, got null");
    CHECK(parse_error(R"({"version": 1, "models": {"XJD1SU": {"specifications": true}}})") ==
          "$.models.XJD1SU.specifications: expected an object, got true");
    CHECK(parse_error(R"({"version": 1, "gateways": []})") == "$.gateways: expected an object, got an array");
    CHECK(parse_error(R"({"version": 1, "gateways": {"GDC": true}})") == "$.gateways.GDC: expected an object, got true");
    CHECK(parse_error(R"({"version": 1, "gateways": {"GDC": {"reports-in-watts": 1}}})") ==
          "$.gateways.GDC.reports-in-watts: expected true or false, got the number 1");
    CHECK(parse_error(R"({"version": 1, "gateways": {"G D": {"reports-in-watts": 1}}})") ==
          "$.gateways[\"G D\"].reports-in-watts: expected true or false, got the number 1");
}

TEST_CASE("model and gateway codes and specification names are checked")
{
    CHECK(parse_error(R"({"version": 1, "models": {"xjd1su": {}}})") ==
          "$.models.xjd1su: a model code is 1 to 32 upper-case letters and digits");
    CHECK(parse_error(R"({"version": 1, "models": {"": {}}})") ==
          "$.models[\"\"]: a model code is 1 to 32 upper-case letters and digits");
    CHECK(parse_error(R"({"version": 1, "models": {"XJD1SU ": {}}})") ==
          "$.models[\"XJD1SU \"]: a model code is 1 to 32 upper-case letters and digits");
    CHECK(parse_error(R"({"version": 1, "models": {"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456": {}}})") ==
          "$.models.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456: a model code is 1 to 32 upper-case letters and digits");
    CHECK_FALSE(parse_ok(R"({"version": 1, "models": {"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345": {}}})").empty());
    CHECK(parse_error(R"({"version": 1, "gateways": {"gdc": {}}})") ==
          "$.gateways.gdc: a gateway code is 1 to 32 upper-case letters and digits");
    const std::string names =
        " (expected \"control-charge-via-kcm\", \"reports-charge-session-durations-in-minutes\" or \"reports-in-watts\")";
    CHECK(parse_error(R"({"version": 1, "models": {"XJD1SU": {"specifications": {"reports-in-wats": true}}}})") ==
          "$.models.XJD1SU.specifications.reports-in-wats: unknown specification" + names);
    CHECK(parse_error(R"({"version": 1, "gateways": {"GDC": {"watts": true}}})") ==
          "$.gateways.GDC.watts: unknown specification" + names);
}

TEST_CASE("unknown or misplaced alternative codes are refused")
{
    const std::string expected = " (expected null, \"default\", a code among D, KC, KP, KS, ST, or an object with \"path\")";
    CHECK(parse_error(with_endpoints(R"({"cockpit": "XX"})")) == "$.models.XJD1SU.endpoints.cockpit: unknown value \"XX\"" + expected);
    CHECK(parse_error(with_endpoints(R"({"cockpit": "ks"})")) == "$.models.XJD1SU.endpoints.cockpit: unknown value \"ks\"" + expected);
    CHECK(parse_error(with_endpoints(R"({"cockpit": "Default"})")) ==
          "$.models.XJD1SU.endpoints.cockpit: unknown value \"Default\"" + expected);
    CHECK(parse_error(with_endpoints(R"({"cockpit": ""})")) == "$.models.XJD1SU.endpoints.cockpit: unknown value \"\"" + expected);
    CHECK(parse_error(with_endpoints(R"({"cockpit": "KS"})")) ==
          "$.models.XJD1SU.endpoints.cockpit: the schema has no definition KS for this key");
    CHECK(parse_error(with_endpoints(R"({"actions/hvac-start": "ST"})")) ==
          "$.models.XJD1SU.endpoints[\"actions/hvac-start\"]: the schema has no definition ST for this key");
    CHECK(parse_error(with_endpoints(R"({"actions/charge-stop": "KC"})")) ==
          "$.models.XJD1SU.endpoints[\"actions/charge-stop\"]: the schema has no definition KC for this key");
}

TEST_CASE("bad custom paths are refused")
{
    auto path_error = [](const std::string& path_json) {
        return parse_error(with_endpoints(R"({"location": {"path": )" + path_json + "}}"));
    };
    const std::string at = "$.models.XJD1SU.endpoints.location.path: ";
    CHECK(path_error(R"("kca/car-adapter/v2/cars/{vin}/location")") == at + "a path starts with '/'");
    CHECK(path_error(R"("")") == at + "a path starts with '/'");
    CHECK(path_error(R"("https://evil.example/x")") == at + "a path starts with '/'");
    const std::string chars = "a path has no spaces, control characters, non-ASCII characters, '?' or '#'";
    CHECK(path_error(R"("/cars/{vin}/loc ation")") == at + chars);
    CHECK(path_error(R"("/cars/{vin}/location?x=1")") == at + chars);
    CHECK(path_error(R"("/cars/{vin}/location#x")") == at + chars);
    CHECK(path_error(R"("/cars/\n")") == at + chars);
    CHECK(path_error(R"("/cars/é")") == at + chars);
    CHECK(path_error(R"("/cars/{vim}/location")") == at + "unknown placeholder {vim} (expected {vin}, {account_id} or {person_id})");
    CHECK(path_error(R"("/cars/{}/location")") == at + "unknown placeholder {} (expected {vin}, {account_id} or {person_id})");
    CHECK(path_error(R"("/cars/{vin/x}")") == at + "unknown placeholder {vin/x} (expected {vin}, {account_id} or {person_id})");
    CHECK(path_error(R"("/cars/{vin")") == at + "a path has '{' without '}'");
    CHECK(path_error(R"("/cars/vin}")") == at + "a path has '}' without '{'");
}
