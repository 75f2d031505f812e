// Reading, completing and checking a renault-mock scenario; the fixture store; the default
// fixtures per vehicle model.
#include "scenario.hpp"

#include <renault/json_text.hpp>

#include "default_scenario.hpp" // generated from scenarios/default.json

#include <renault/endpoints.hpp>
#include <renault/locales.hpp>
#include <renault/server_errors.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
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
// Parsing

namespace {

/// Reads the members of one JSON object of the scenario, remembering which were read so that
/// finish() can reject the others.
class object_reader {
public:
    object_reader(const json::value& v, std::string where) : where_(std::move(where))
    {
        if (!v.is_object())
            fail("must be a JSON object");
        object_ = &v.get_object();
    }

    const json::value* get(std::string_view key)
    {
        used_.emplace(key);
        const json::value* v = object_->if_contains(key);
        return v && !v->is_null() ? v : nullptr;
    }

    std::string string(std::string_view key, std::string fallback = {})
    {
        const json::value* v = get(key);
        if (!v)
            return fallback;
        if (!v->is_string())
            fail_at(key, "must be a string");
        return std::string(v->get_string());
    }

    double number(std::string_view key, double fallback)
    {
        const json::value* v = get(key);
        if (!v)
            return fallback;
        if (v->is_int64())
            return static_cast<double>(v->get_int64());
        if (v->is_uint64())
            return static_cast<double>(v->get_uint64());
        if (v->is_double())
            return v->get_double();
        fail_at(key, "must be a number");
    }

    long integer(std::string_view key, long fallback)
    {
        const double d = number(key, static_cast<double>(fallback));
        if (std::floor(d) != d || std::fabs(d) > 1e15)
            fail_at(key, "must be an integer");
        return static_cast<long>(d);
    }

    bool boolean(std::string_view key, bool fallback)
    {
        const json::value* v = get(key);
        if (!v)
            return fallback;
        if (!v->is_bool())
            fail_at(key, "must be true or false");
        return v->get_bool();
    }

    /// A string or an array of strings.
    std::vector<std::string> strings(std::string_view key)
    {
        std::vector<std::string> out;
        const json::value* v = get(key);
        if (!v)
            return out;
        if (v->is_string()) {
            out.emplace_back(v->get_string());
            return out;
        }
        if (!v->is_array())
            fail_at(key, "must be a string or an array of strings");
        for (const auto& item : v->get_array()) {
            if (!item.is_string())
                fail_at(key, "must be a string or an array of strings");
            out.emplace_back(item.get_string());
        }
        return out;
    }

    std::string where(std::string_view key) const { return where_ + "." + std::string(key); }

    void finish() const
    {
        for (const auto& member : *object_)
            if (!used_.count(std::string(member.key())))
                fail("unknown key `" + std::string(member.key()) + "`");
    }

    [[noreturn]] void fail(const std::string& why) const { throw scenario_error("scenario: " + where_ + ": " + why); }
    [[noreturn]] void fail_at(std::string_view key, const std::string& why) const
    {
        throw scenario_error("scenario: " + where(key) + ": " + why);
    }

private:
    std::string where_;
    const json::object* object_ = nullptr;
    std::set<std::string, std::less<>> used_;
};

error_answer parse_answer(const json::value& v, const std::string& where, error_answer fallback = {"", 0})
{
    if (v.is_string()) // shorthand: the fixture alone, status from its error code
        return {std::string(v.get_string()), 0};
    object_reader r(v, where);
    error_answer a;
    a.fixture = r.string("fixture", fallback.fixture);
    a.status = static_cast<int>(r.integer("status", fallback.status));
    r.finish();
    if (a.fixture.empty())
        r.fail("needs a `fixture`");
    return a;
}

std::map<std::string, error_answer> parse_answer_map(const json::value* v, const std::string& where)
{
    std::map<std::string, error_answer> out;
    if (!v)
        return out;
    if (!v->is_object())
        throw scenario_error("scenario: " + where + ": must be a JSON object (endpoint key → error)");
    for (const auto& member : v->get_object()) {
        const std::string key(member.key());
        if (!is_kamereon_key(key))
            throw scenario_error("scenario: " + where + ": unknown Kamereon endpoint key `" + key + "`");
        out[key] = parse_answer(member.value(), where + "." + key);
    }
    return out;
}

vehicle_config parse_vehicle(const json::value& v, const std::string& where)
{
    object_reader r(v, where);
    vehicle_config out;
    out.vin = r.string("vin");
    out.model_code = r.string("model_code");
    out.vehicle_fixture = r.string("vehicle_fixture");
    if (const json::value* f = r.get("fixtures")) {
        if (!f->is_object())
            r.fail_at("fixtures", "must be a JSON object (endpoint key → fixture)");
        for (const auto& member : f->get_object()) {
            const std::string key(member.key());
            if (!is_kamereon_key(key))
                r.fail_at("fixtures", "unknown Kamereon endpoint key `" + key + "`");
            if (!member.value().is_string())
                r.fail_at("fixtures", "`" + key + "` must be a fixture path");
            out.fixtures[key] = std::string(member.value().get_string());
        }
    }
    out.errors = parse_answer_map(r.get("errors"), r.where("errors"));
    r.finish();
    if (out.vin.empty() && out.model_code.empty() && out.vehicle_fixture.empty())
        r.fail("needs a `vin` with a `model_code` or a `vehicle_fixture`");
    return out;
}

account_config parse_account(const json::value& v, const std::string& where)
{
    object_reader r(v, where);
    account_config out;
    out.account_id = r.string("account_id");
    out.account_type = r.string("account_type", out.account_type);
    out.country = r.string("country");
    if (const json::value* list = r.get("vehicles")) {
        if (!list->is_array())
            r.fail_at("vehicles", "must be an array");
        std::size_t i = 0;
        for (const auto& item : list->get_array())
            out.vehicles.push_back(parse_vehicle(item, r.where("vehicles") + "[" + std::to_string(i++) + "]"));
    }
    r.finish();
    if (out.account_id.empty())
        r.fail("needs an `account_id`");
    return out;
}

user_config parse_user(const json::value& v, const std::string& where)
{
    object_reader r(v, where);
    user_config out;
    out.login = r.string("login");
    out.password = r.string("password");
    out.login_token = r.string("login_token");
    out.person_id = r.string("person_id");
    out.person_fixture = r.string("person_fixture", out.person_fixture);
    if (const json::value* tfa = r.get("two_factor")) {
        object_reader t(*tfa, r.where("two_factor"));
        out.two_factor.enabled = t.boolean("enabled", true);
        out.two_factor.code = t.string("code", out.two_factor.code);
        out.two_factor.max_wrong_codes = static_cast<int>(t.integer("max_wrong_codes", out.two_factor.max_wrong_codes));
        t.finish();
        if (out.two_factor.code.empty())
            t.fail("`code` must not be empty");
        if (out.two_factor.max_wrong_codes < 0)
            t.fail("`max_wrong_codes` must be 0 or more");
    }
    if (const json::value* list = r.get("accounts")) {
        if (!list->is_array())
            r.fail_at("accounts", "must be an array");
        std::size_t i = 0;
        for (const auto& item : list->get_array())
            out.accounts.push_back(parse_account(item, r.where("accounts") + "[" + std::to_string(i++) + "]"));
    }
    r.finish();
    if (out.login.empty() || out.password.empty() || out.login_token.empty() || out.person_id.empty())
        r.fail("needs `login`, `password`, `login_token` and `person_id`");
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

fault_config parse_fault(const json::value& v, const std::string& where)
{
    object_reader r(v, where);
    fault_config out;
    const std::string type = r.string("type");
    const auto* name = std::find_if(std::begin(fault_names), std::end(fault_names),
                                    [&](const fault_name& n) { return n.name == type; });
    if (name == std::end(fault_names)) {
        std::string known;
        for (const auto& n : fault_names)
            known += (known.empty() ? "" : ", ") + std::string(n.name);
        r.fail_at("type", "must be one of " + known);
    }
    out.kind = name->kind;
    out.endpoints = r.strings("endpoint");
    if (out.endpoints.empty())
        out.endpoints.emplace_back(out.kind == fault_kind::login_token_expired ? "gigya/jwt" : "*");
    for (const auto& e : out.endpoints)
        if (!is_known_selector(e))
            r.fail_at("endpoint", "unknown endpoint key `" + e + "`");
    out.vin = r.string("vin");
    out.after = r.integer("after", 0);
    out.every = r.integer("every", 1);
    out.times = r.integer("times", out.kind == fault_kind::reject_jwt_once ? 1 : -1);
    if (out.after < 0 || out.every < 1 || out.times < -1)
        r.fail("`after` must be ≥ 0, `every` ≥ 1 and `times` ≥ -1");

    error_answer fallback;
    switch (out.kind) {
    case fault_kind::latency:
        out.ms = r.integer("ms", 0);
        if (out.ms < 0 || out.ms > 600'000)
            r.fail_at("ms", "must be between 0 and 600000");
        break;
    case fault_kind::quota:
        out.limit = r.integer("limit", 0);
        out.window_seconds = r.number("window_seconds", 60);
        if (out.limit < 0 || !(out.window_seconds > 0))
            r.fail("`limit` must be ≥ 0 and `window_seconds` > 0");
        fallback = {"kamereon/error/quota_limit.json", 429};
        break;
    case fault_kind::error: fallback = {"kamereon/error/invalid_upstream.json", 0}; break;
    case fault_kind::html_502: fallback = {"kamereon/error/bad_gateway.html", 502}; break;
    case fault_kind::truncated_body: fallback = {"kamereon/error/truncated.json", 200}; break;
    case fault_kind::reject_jwt_once: fallback = {"kamereon/error/unauthorized.json", 401}; break;
    case fault_kind::login_token_expired: fallback = {"gigya/error/get_jwt.403005.json", 200}; break;
    case fault_kind::drop_connection: break;
    }
    if (out.kind != fault_kind::latency && out.kind != fault_kind::drop_connection) {
        out.answer.fixture = r.string("fixture", fallback.fixture);
        out.answer.status = static_cast<int>(r.integer("status", fallback.status));
    }
    r.finish();
    return out;
}

} // namespace

scenario parse_scenario(std::string_view json_text)
{
    boost::system::error_code ec;
    json::parse_options options;
    options.allow_comments = true;
    options.allow_trailing_commas = true;
    const json::value root = json::parse(json_text, ec, {}, options);
    if (ec)
        throw scenario_error("scenario: not valid JSON: " + ec.message());

    object_reader r(root, "$");
    scenario out;
    out.locale = r.string("locale", out.locale);
    out.gigya_api_keys = r.strings("gigya_api_key");
    out.kamereon_api_keys = r.strings("kamereon_api_key");
    out.jwt_lifetime_seconds = r.integer("jwt_lifetime_seconds", out.jwt_lifetime_seconds);
    if (out.jwt_lifetime_seconds < 1)
        r.fail_at("jwt_lifetime_seconds", "must be at least 1");
    if (const json::value* list = r.get("users")) {
        if (!list->is_array())
            r.fail_at("users", "must be an array");
        std::size_t i = 0;
        for (const auto& item : list->get_array())
            out.users.push_back(parse_user(item, r.where("users") + "[" + std::to_string(i++) + "]"));
    }
    out.errors = parse_answer_map(r.get("errors"), r.where("errors"));
    if (const json::value* u = r.get("unavailable")) {
        object_reader ur(*u, r.where("unavailable"));
        if (const json::value* read = ur.get("read"))
            out.unavailable_read = parse_answer(*read, ur.where("read"));
        if (const json::value* action = ur.get("action"))
            out.unavailable_action = parse_answer(*action, ur.where("action"));
        out.unavailable = parse_answer_map(ur.get("endpoints"), ur.where("endpoints"));
        ur.finish();
    }
    if (const json::value* list = r.get("faults")) {
        if (!list->is_array())
            r.fail_at("faults", "must be an array");
        std::size_t i = 0;
        for (const auto& item : list->get_array())
            out.faults.push_back(parse_fault(item, r.where("faults") + "[" + std::to_string(i++) + "]"));
    }
    r.finish();
    if (out.users.empty())
        throw scenario_error("scenario: $.users: at least one user is needed");
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
