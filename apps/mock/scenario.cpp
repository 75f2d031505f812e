// Reading, completing and checking a renault-mock scenario; the fixture store; the default
// fixtures per vehicle model.
#include "scenario.hpp"

#include <renault/json_text.hpp>

#include "default_scenario.hpp" // generated from scenarios/default.json

#include <renault/endpoints.hpp>
#include <renault/generated/model/files.hpp>
#include <renault/locales.hpp>
#include <renault/model/decode.hpp>
#include <renault/server_errors.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>

namespace renault::mock {

namespace json = boost::json;

// -------------------------------------------------------------------------------------------------
// Fixture store

fixture_store::fixture_store(std::vector<std::filesystem::path> search_dirs) : dirs_(std::move(search_dirs)) {}

const std::string* fixture_store::text(const std::string& path)
{
    if (auto it = texts_.find(path); it != texts_.end())
        return it->second.get();
    std::vector<std::filesystem::path> candidates;
    const std::filesystem::path given(path);
    if (given.is_absolute())
        candidates.push_back(given);
    else
        for (const auto& dir : dirs_)
            candidates.push_back(dir / given);
    for (const auto& candidate : candidates) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(candidate, ec))
            continue;
        std::ifstream in(candidate, std::ios::binary);
        if (!in)
            continue;
        std::ostringstream content;
        content << in.rdbuf();
        auto& slot = texts_[path];
        slot = std::make_unique<std::string>(content.str());
        return slot.get();
    }
    return nullptr;
}

const json::value* fixture_store::json(const std::string& path)
{
    if (auto it = values_.find(path); it != values_.end())
        return it->second.get();
    const std::string* bytes = text(path);
    if (!bytes)
        return nullptr;
    boost::system::error_code ec;
    json::value parsed = json::parse(*bytes, ec);
    if (ec)
        return nullptr;
    auto& slot = values_[path];
    slot = std::make_unique<json::value>(std::move(parsed));
    return slot.get();
}

bool fixture_store::exists(const std::string& path) { return text(path) != nullptr; }

// -------------------------------------------------------------------------------------------------
// JSON text

namespace {

void write_string(std::string& out, std::string_view s)
{
    renault::detail::append_json_string(out, s);
}

void write_value(std::string& out, const json::value& v)
{
    switch (v.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case json::kind::int64: out += std::to_string(v.get_int64()); break;
    case json::kind::uint64: out += std::to_string(v.get_uint64()); break;
    case json::kind::double_: {
        const double d = v.get_double();
        if (!std::isfinite(d)) {
            out += "null";
            break;
        }
        char buffer[32];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
        const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
        out += text;
        if (text.find_first_of(".eE") == std::string_view::npos)
            out += ".0"; // 21.0 stays a float for the reader
        break;
    }
    case json::kind::string: write_string(out, v.get_string()); break;
    case json::kind::array: {
        out += '[';
        bool first = true;
        for (const auto& item : v.get_array()) {
            if (!first)
                out += ',';
            first = false;
            write_value(out, item);
        }
        out += ']';
        break;
    }
    case json::kind::object: {
        out += '{';
        bool first = true;
        for (const auto& member : v.get_object()) {
            if (!first)
                out += ',';
            first = false;
            write_string(out, member.key());
            out += ':';
            write_value(out, member.value());
        }
        out += '}';
        break;
    }
    }
}

} // namespace

std::string to_json_text(const json::value& v)
{
    std::string out;
    write_value(out, v);
    return out;
}

// -------------------------------------------------------------------------------------------------
// Default fixtures per model

namespace {

struct model_default {
    std::string_view models; ///< space-separated model codes, or "*"
    std::string_view key;
    std::string_view fixture;
};

constexpr std::string_view electric_renault_5 = "R5E1VE A5E1AE A4E1VE";
constexpr std::string_view fuel_models = "XJA1VP XJA2VP XJB1SU XJB2CP XJD1SU DU31SU XHN1SU XHN1ML XHN1CP XJL2TR XJF2BI XFB2BI";

// The first row whose key matches and whose models contain the model (or "*") wins.
constexpr model_default model_defaults[] = {
    {"X101VE", "battery-status", "kamereon/vehicle_data/battery-status.zoe_40.json"},
    {electric_renault_5, "battery-status", "kamereon/vehicle_data/battery-status.renault_5.json"},
    {"*", "battery-status", "kamereon/vehicle_data/battery-status.zoe_50.json"},
    {"X101VE X102VE X071VE", "cockpit", "kamereon/vehicle_data/cockpit.zoe.json"},
    {electric_renault_5, "cockpit", "kamereon/vehicle_data/cockpit.renault_5.json"},
    {"XBG1VE", "cockpit", "kamereon/vehicle_data/cockpit.spring.json"},
    {fuel_models, "cockpit", "kamereon/vehicle_data/cockpit.captur_ii.json"},
    {electric_renault_5, "hvac-status", "kamereon/vehicle_data/hvac-status.renault_5.json"},
    {"XBG1VE", "hvac-status", "kamereon/vehicle_data/hvac-status.spring.json"},
    {"*", "hvac-status", "kamereon/vehicle_data/hvac-status.zoe.json"},
    {"XCB1VE XCB1SE", "charges", "kamereon/vehicle_data/charges.megane.json"},
    {"X101VE", "charge-mode", "kamereon/vehicle_data/charge-mode.always.json"},
    {"X101VE", "car-adapter", "kamereon/vehicle_gateway/zoe_40.1.json"},
    {"XBG1VE", "car-adapter", "kamereon/vehicle_gateway/spring.1.json"},
    {"X071VE", "car-adapter", "kamereon/vehicle_gateway/twingo_ze.1.json"},
    {fuel_models, "car-adapter", "kamereon/vehicle_gateway/duster.1.json"},
    {"*", "car-adapter", "kamereon/vehicle_gateway/zoe_50.1.json"},
};

struct model_vehicle {
    std::string_view model;
    std::string_view fixture;
};

constexpr model_vehicle model_vehicles[] = {
    {"X101VE", "kamereon/vehicles/zoe_40.1.json"},        {"X102VE", "kamereon/vehicles/zoe_50.1.json"},
    {"XCB1VE", "kamereon/vehicles/megane_e-tech.1.json"}, {"R5E1VE", "kamereon/vehicles/renault_5.1.json"},
    {"XJB1SU", "kamereon/vehicles/captur_ii.2.json"},     {"XJA1VP", "kamereon/vehicles/clio_v.1.json"},
    {"XDD1VE", "kamereon/vehicles/master_iv.1.json"},     {"X071VE", "kamereon/vehicles/twingo_ze.1.json"},
    {"XBG1VE", "kamereon/vehicles/spring.1.json"},        {"XHN1SU", "kamereon/vehicles/austral_XHN1SU.1.json"},
    {"A5E1AE", "kamereon/vehicles/alpine_A290.1.json"},   {"XJD1SU", "kamereon/vehicles/duster.1.json"},
};

bool lists_model(std::string_view models, std::string_view model)
{
    if (models == "*")
        return true;
    while (!models.empty()) {
        const auto space = models.find(' ');
        if (models.substr(0, space) == model)
            return true;
        models = space == std::string_view::npos ? std::string_view{} : models.substr(space + 1);
    }
    return false;
}

} // namespace

std::string_view default_fixture(std::string_view model_code, std::string_view key)
{
    for (const auto& row : model_defaults)
        if (row.key == key && lists_model(row.models, model_code))
            return row.fixture;
    return {};
}

std::string_view default_vehicle_fixture(std::string_view model_code)
{
    for (const auto& row : model_vehicles)
        if (row.model == model_code)
            return row.fixture;
    return "kamereon/vehicles/zoe_40.1.json";
}

bool is_kamereon_key(std::string_view key)
{
    return std::any_of(endpoints::definitions.begin(), endpoints::definitions.end(), [&](const endpoint_info& def) {
        return def.base != endpoint_base::gigya && (def.key == key || def.applies_to == key);
    });
}

bool is_known_selector(std::string_view selector)
{
    if (selector == "*" || selector == "kamereon" || selector == "gigya" || selector == "all")
        return true;
    for (const auto& def : endpoints::definitions) {
        if (def.key == selector || def.applies_to == selector)
            return true;
        if (def.base == endpoint_base::gigya && def.path.size() > 1 && def.path.substr(1) == selector)
            return true;
    }
    return false;
}

std::string_view default_scenario_text() { return default_scenario_json; }

// -------------------------------------------------------------------------------------------------
// Parsing: the file is decoded into the models of schema/files.yaml (mock_scenario, …) with
// unknown keys reported; then the members that take several shapes (a string or a list, a fixture
// path or an object) and the rules the types cannot say are checked here. As before, a null member
// means "absent" (its default).

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& why)
{
    throw scenario_error("scenario: " + where + ": " + why);
}

/// "$.users[0].login" for the decoder's path "users[0].login".
std::string where_of(const std::string& path)
{
    if (path.empty())
        return "$";
    return path.front() == '[' ? "$" + path : "$." + path;
}

/// The first diagnostic of the decoder, as the scenario's error.
[[noreturn]] void fail_with(const renault::diagnostic& d)
{
    if (d.kind == renault::diagnostic_kind::unknown_key) {
        // A plain key ends the path after its '.': say it at its object, as the checks below do.
        const auto dot = d.path.rfind('.');
        if (!d.path.empty() && d.path.back() != ']')
            fail(dot == std::string::npos ? "$" : where_of(d.path.substr(0, dot)),
                 "unknown key `" + d.path.substr(dot == std::string::npos ? 0 : dot + 1) + "`");
        fail(where_of(d.path), "unknown key");
    }
    fail(where_of(d.path), d.message);
}

/// A string or an array of strings (absent: empty).
std::vector<std::string> strings(const std::optional<json::value>& v, const std::string& where)
{
    std::vector<std::string> out;
    if (!v || v->is_null())
        return out;
    if (v->is_string()) {
        out.emplace_back(v->get_string());
        return out;
    }
    if (!v->is_array())
        fail(where, "must be a string or an array of strings");
    for (const auto& item : v->get_array()) {
        if (!item.is_string())
            fail(where, "must be a string or an array of strings");
        out.emplace_back(item.get_string());
    }
    return out;
}

/// An error answer: a fixture path, or {"fixture": PATH, "status": N}.
error_answer parse_answer(const json::value& v, const std::string& where)
{
    if (v.is_string()) // shorthand: the fixture alone, status from its error code
        return {std::string(v.get_string()), 0};
    if (!v.is_object())
        fail(where, "must be a fixture path or a JSON object");
    error_answer a{"", 0};
    for (const auto& member : v.get_object()) {
        const std::string_view key(member.key().data(), member.key().size());
        const json::value& value = member.value();
        if (value.is_null())
            continue;
        if (key == "fixture") {
            if (!value.is_string())
                fail(where + ".fixture", "must be a string");
            a.fixture = std::string(value.get_string());
        } else if (key == "status") {
            const double d = value.is_int64() ? static_cast<double>(value.get_int64()) : value.is_double() ? value.get_double() : -1;
            if (!value.is_number() || std::floor(d) != d || d < 0 || d > 999)
                fail(where + ".status", "must be an HTTP status (an integer)");
            a.status = static_cast<int>(d);
        } else {
            fail(where, "unknown key `" + std::string(key) + "`");
        }
    }
    if (a.fixture.empty())
        fail(where, "needs a `fixture`");
    return a;
}

std::map<std::string, error_answer> parse_answer_map(const std::optional<std::map<std::string, json::value, std::less<>>>& m,
                                                     const std::string& where)
{
    std::map<std::string, error_answer> out;
    if (!m)
        return out;
    for (const auto& [key, value] : *m) {
        if (!is_kamereon_key(key))
            fail(where, "unknown Kamereon endpoint key `" + key + "`");
        if (!value.is_null())
            out[key] = parse_answer(value, where + "." + key);
    }
    return out;
}

/// An integer member that must fit an int (statuses, counts).
int small_int(std::int64_t v, const std::string& where)
{
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        fail(where, "is out of range");
    return static_cast<int>(v);
}

vehicle_config parse_vehicle(const mock_vehicle& v, const std::string& where)
{
    vehicle_config out;
    out.vin = v.vin.value_or("");
    out.model_code = v.model_code.value_or("");
    out.vehicle_fixture = v.vehicle_fixture.value_or("");
    if (v.fixtures) {
        for (const auto& [key, path] : *v.fixtures) {
            if (!is_kamereon_key(key))
                fail(where + ".fixtures", "unknown Kamereon endpoint key `" + key + "`");
            out.fixtures[key] = path;
        }
    }
    out.errors = parse_answer_map(v.errors, where + ".errors");
    if (out.vin.empty() && out.model_code.empty() && out.vehicle_fixture.empty())
        fail(where, "needs a `vin` with a `model_code` or a `vehicle_fixture`");
    return out;
}

account_config parse_account(const mock_account& a, const std::string& where)
{
    account_config out;
    out.account_id = a.account_id.value_or("");
    out.account_type = a.account_type.value_or(out.account_type);
    out.country = a.country.value_or("");
    if (a.vehicles)
        for (std::size_t i = 0; i < a.vehicles->size(); ++i)
            out.vehicles.push_back(parse_vehicle((*a.vehicles)[i], where + ".vehicles[" + std::to_string(i) + "]"));
    if (out.account_id.empty())
        fail(where, "needs an `account_id`");
    return out;
}

user_config parse_user(const mock_user& u, const std::string& where)
{
    user_config out;
    out.login = u.login.value_or("");
    out.password = u.password.value_or("");
    out.login_token = u.login_token.value_or("");
    out.person_id = u.person_id.value_or("");
    out.person_fixture = u.person_fixture.value_or(out.person_fixture);
    if (u.two_factor) {
        const std::string t = where + ".two_factor";
        out.two_factor.enabled = u.two_factor->enabled.value_or(true);
        out.two_factor.code = u.two_factor->code.value_or(out.two_factor.code);
        out.two_factor.max_wrong_codes =
            small_int(u.two_factor->max_wrong_codes.value_or(out.two_factor.max_wrong_codes), t + ".max_wrong_codes");
        if (out.two_factor.code.empty())
            fail(t, "`code` must not be empty");
        if (out.two_factor.max_wrong_codes < 0)
            fail(t, "`max_wrong_codes` must be 0 or more");
    }
    if (u.accounts)
        for (std::size_t i = 0; i < u.accounts->size(); ++i)
            out.accounts.push_back(parse_account((*u.accounts)[i], where + ".accounts[" + std::to_string(i) + "]"));
    if (out.login.empty() || out.password.empty() || out.login_token.empty() || out.person_id.empty())
        fail(where, "needs `login`, `password`, `login_token` and `person_id`");
    return out;
}

struct fault_name {
    std::string_view name;
    fault_kind kind;
};
constexpr fault_name fault_names[] = {
    {"latency", fault_kind::latency},
    {"quota", fault_kind::quota},
    {"error", fault_kind::error},
    {"html_502", fault_kind::html_502},
    {"drop_connection", fault_kind::drop_connection},
    {"truncated_body", fault_kind::truncated_body},
    {"reject_jwt_once", fault_kind::reject_jwt_once},
    {"login_token_expired", fault_kind::login_token_expired},
};

fault_config parse_fault(const mock_fault& f, const std::string& where)
{
    fault_config out;
    const std::string type = f.type.value_or("");
    const auto* name = std::find_if(std::begin(fault_names), std::end(fault_names),
                                    [&](const fault_name& n) { return n.name == type; });
    if (name == std::end(fault_names)) {
        std::string known;
        for (const auto& n : fault_names)
            known += (known.empty() ? "" : ", ") + std::string(n.name);
        fail(where + ".type", "must be one of " + known);
    }
    out.kind = name->kind;
    // Members that only some types have: any other type refuses them, as an unknown key.
    const bool latency = out.kind == fault_kind::latency;
    const bool quota = out.kind == fault_kind::quota;
    const bool answers = !latency && out.kind != fault_kind::drop_connection;
    const std::pair<bool, std::string_view> members[] = {
        {f.ms && !latency, "ms"},
        {f.limit && !quota, "limit"},
        {f.window_seconds && !quota, "window_seconds"},
        {f.fixture && !answers, "fixture"},
        {f.status && !answers, "status"},
    };
    for (const auto& [present, key] : members)
        if (present)
            fail(where, "unknown key `" + std::string(key) + "` (not a member of a `" + type + "` fault)");

    out.endpoints = strings(f.endpoint, where + ".endpoint");
    if (out.endpoints.empty())
        out.endpoints.emplace_back(out.kind == fault_kind::login_token_expired ? "gigya/jwt" : "*");
    for (const auto& e : out.endpoints)
        if (!is_known_selector(e))
            fail(where + ".endpoint", "unknown endpoint key `" + e + "`");
    out.vin = f.vin.value_or("");
    out.after = f.after.value_or(0);
    out.every = f.every.value_or(1);
    out.times = f.times.value_or(out.kind == fault_kind::reject_jwt_once ? 1 : -1);
    if (out.after < 0 || out.every < 1 || out.times < -1)
        fail(where, "`after` must be ≥ 0, `every` ≥ 1 and `times` ≥ -1");

    error_answer fallback;
    switch (out.kind) {
    case fault_kind::latency:
        out.ms = f.ms.value_or(0);
        if (out.ms < 0 || out.ms > 600'000)
            fail(where + ".ms", "must be between 0 and 600000");
        break;
    case fault_kind::quota:
        out.limit = f.limit.value_or(0);
        out.window_seconds = f.window_seconds.value_or(60);
        if (out.limit < 0 || !(out.window_seconds > 0))
            fail(where, "`limit` must be ≥ 0 and `window_seconds` > 0");
        fallback = {"kamereon/error/quota_limit.json", 429};
        break;
    case fault_kind::error: fallback = {"kamereon/error/invalid_upstream.json", 0}; break;
    case fault_kind::html_502: fallback = {"kamereon/error/bad_gateway.html", 502}; break;
    case fault_kind::truncated_body: fallback = {"kamereon/error/truncated.json", 200}; break;
    case fault_kind::reject_jwt_once: fallback = {"kamereon/error/unauthorized.json", 401}; break;
    case fault_kind::login_token_expired: fallback = {"gigya/error/get_jwt.403005.json", 200}; break;
    case fault_kind::drop_connection: break;
    }
    if (answers) {
        out.answer.fixture = f.fixture.value_or(fallback.fixture);
        out.answer.status = f.status ? small_int(*f.status, where + ".status") : fallback.status;
    }
    return out;
}

} // namespace

scenario parse_scenario(std::string_view json_text)
{
    boost::system::error_code ec;
    const renault::decode_options options{.report_unknown_keys = true,
                                          .allow_comments = true,
                                          .allow_trailing_commas = true,
                                          .file_messages = true};
    const auto decoded = renault::decode<mock_scenario>(json_text, ec, options);
    if (ec == renault::errc::unexpected_root)
        fail("$", "must be a JSON object");
    if (ec) {
        std::string why = decoded.diagnostics.front().message;
        if (why.starts_with("not JSON: "))
            why.erase(0, std::string_view("not JSON: ").size());
        throw scenario_error("scenario: not valid JSON: " + why);
    }
    if (!decoded.diagnostics.empty())
        fail_with(decoded.diagnostics.front());
    const mock_scenario& s = decoded.value;

    scenario out;
    out.locale = s.locale.value_or(out.locale);
    out.gigya_api_keys = strings(s.gigya_api_key, "$.gigya_api_key");
    out.kamereon_api_keys = strings(s.kamereon_api_key, "$.kamereon_api_key");
    out.jwt_lifetime_seconds = s.jwt_lifetime_seconds.value_or(out.jwt_lifetime_seconds);
    if (out.jwt_lifetime_seconds < 1)
        fail("$.jwt_lifetime_seconds", "must be at least 1");
    if (s.users)
        for (std::size_t i = 0; i < s.users->size(); ++i)
            out.users.push_back(parse_user((*s.users)[i], "$.users[" + std::to_string(i) + "]"));
    out.errors = parse_answer_map(s.errors, "$.errors");
    if (s.unavailable) {
        if (s.unavailable->read && !s.unavailable->read->is_null())
            out.unavailable_read = parse_answer(*s.unavailable->read, "$.unavailable.read");
        if (s.unavailable->action && !s.unavailable->action->is_null())
            out.unavailable_action = parse_answer(*s.unavailable->action, "$.unavailable.action");
        out.unavailable = parse_answer_map(s.unavailable->endpoints, "$.unavailable.endpoints");
    }
    if (s.faults)
        for (std::size_t i = 0; i < s.faults->size(); ++i)
            out.faults.push_back(parse_fault((*s.faults)[i], "$.faults[" + std::to_string(i) + "]"));
    if (out.users.empty())
        fail("$.users", "at least one user is needed");
    return out;
}

// -------------------------------------------------------------------------------------------------
// Completing and checking

namespace {

/// The HTTP status the real servers send with an error body: 429 for a quota error, 403 for
/// privacy mode, else the status the code names (docs/api/kamereon.md, "Error codes").
int status_of_error_body(const json::value* body)
{
    if (!body || !body->is_object())
        return 502; // an HTML page or a broken body: what a failing gateway sends
    const json::object& root = body->get_object();
    if (root.contains("errorCode") && !root.contains("errors"))
        return 200; // Gigya: the error is in the body, the status is 200
    const json::value* errors = root.if_contains("errors");
    if (!errors || !errors->is_array() || errors->get_array().empty() || !errors->get_array()[0].is_object())
        return 200;
    const json::value* code = errors->get_array()[0].get_object().if_contains("errorCode");
    const std::string_view text = code && code->is_string() ? std::string_view(code->get_string()) : std::string_view{};
    // The status the server sends with the code (schema/errors.yaml `http_status`).
    if (const renault::server_error_info* row = renault::find_server_error(text); row && row->http_status != 0)
        return static_cast<int>(row->http_status);
    return 400;
}

void complete_answer(error_answer& a, fixture_store& fixtures, const std::string& where)
{
    if (!fixtures.exists(a.fixture))
        throw scenario_error("scenario: " + where + ": fixture `" + a.fixture + "` not found");
    if (a.status == 0)
        a.status = status_of_error_body(fixtures.json(a.fixture));
    if (a.status < 100 || a.status > 599)
        throw scenario_error("scenario: " + where + ": status " + std::to_string(a.status) + " is not an HTTP status");
}

void complete_answers(std::map<std::string, error_answer>& answers, fixture_store& fixtures, const std::string& where)
{
    for (auto& [key, answer] : answers)
        complete_answer(answer, fixtures, where + "." + key);
}

/// vehicleLinks[0] of a vehicles fixture, or nullptr.
const json::object* first_link(const json::value* body)
{
    if (!body || !body->is_object())
        return nullptr;
    const json::value* links = body->get_object().if_contains("vehicleLinks");
    if (!links || !links->is_array() || links->get_array().empty() || !links->get_array()[0].is_object())
        return nullptr;
    return &links->get_array()[0].get_object();
}

std::string string_at(const json::object& o, std::initializer_list<std::string_view> path)
{
    const json::object* current = &o;
    std::size_t i = 0;
    for (const auto key : path) {
        const json::value* v = current->if_contains(key);
        if (!v)
            return {};
        if (++i == path.size())
            return v->is_string() ? std::string(v->get_string()) : std::string{};
        if (!v->is_object())
            return {};
        current = &v->get_object();
    }
    return {};
}

} // namespace

void complete_scenario(scenario& s, fixture_store& fixtures)
{
    const locale_info* locale = find_locale(s.locale);
    if ((s.gigya_api_keys.empty() || s.kamereon_api_keys.empty()) && !locale)
        throw scenario_error("scenario: $.locale: `" + s.locale +
                             "` is not in the locale table; give gigya_api_key and kamereon_api_key");
    if (s.gigya_api_keys.empty())
        s.gigya_api_keys.emplace_back(locale->gigya_api_key);
    if (s.kamereon_api_keys.empty())
        s.kamereon_api_keys.emplace_back(locale->kamereon_api_key);

    std::set<std::string> logins, tokens, persons;
    for (std::size_t u = 0; u < s.users.size(); ++u) {
        auto& user = s.users[u];
        const std::string where = "$.users[" + std::to_string(u) + "]";
        if (!logins.insert(user.login).second || !tokens.insert(user.login_token).second ||
            !persons.insert(user.person_id).second)
            throw scenario_error("scenario: " + where + ": login, login_token and person_id must differ between users");
        const json::value* person = fixtures.json(user.person_fixture);
        if (!person || !person->is_object())
            throw scenario_error("scenario: " + where + ".person_fixture: `" + user.person_fixture +
                                 "` not found or not a JSON object");
        std::set<std::string> account_ids;
        for (std::size_t a = 0; a < user.accounts.size(); ++a) {
            auto& account = user.accounts[a];
            const std::string account_where = where + ".accounts[" + std::to_string(a) + "]";
            if (!account_ids.insert(account.account_id).second)
                throw scenario_error("scenario: " + account_where + ": account_id `" + account.account_id + "` is repeated");
            if (account.country.empty())
                account.country = std::string(country_of(s.locale));
            std::set<std::string> vins;
            for (std::size_t v = 0; v < account.vehicles.size(); ++v) {
                auto& vehicle = account.vehicles[v];
                const std::string vehicle_where = account_where + ".vehicles[" + std::to_string(v) + "]";
                if (vehicle.vehicle_fixture.empty())
                    vehicle.vehicle_fixture = std::string(default_vehicle_fixture(vehicle.model_code));
                const json::object* link = first_link(fixtures.json(vehicle.vehicle_fixture));
                if (!link)
                    throw scenario_error("scenario: " + vehicle_where + ".vehicle_fixture: `" + vehicle.vehicle_fixture +
                                         "` not found or without vehicleLinks[0]");
                if (vehicle.vin.empty())
                    vehicle.vin = string_at(*link, {"vin"});
                if (vehicle.model_code.empty())
                    vehicle.model_code = string_at(*link, {"vehicleDetails", "model", "code"});
                if (vehicle.vin.empty())
                    throw scenario_error("scenario: " + vehicle_where + ": no `vin`");
                if (!vins.insert(vehicle.vin).second)
                    throw scenario_error("scenario: " + vehicle_where + ": VIN `" + vehicle.vin + "` is repeated");
                for (const auto& [key, path] : vehicle.fixtures)
                    if (!fixtures.exists(path))
                        throw scenario_error("scenario: " + vehicle_where + ".fixtures." + key + ": fixture `" + path +
                                             "` not found");
                complete_answers(vehicle.errors, fixtures, vehicle_where + ".errors");
            }
        }
    }
    complete_answers(s.errors, fixtures, "$.errors");
    complete_answer(s.unavailable_read, fixtures, "$.unavailable.read");
    complete_answer(s.unavailable_action, fixtures, "$.unavailable.action");
    complete_answers(s.unavailable, fixtures, "$.unavailable.endpoints");
    for (std::size_t f = 0; f < s.faults.size(); ++f)
        if (!s.faults[f].answer.fixture.empty())
            complete_answer(s.faults[f].answer, fixtures, "$.faults[" + std::to_string(f) + "]");
}

} // namespace renault::mock
