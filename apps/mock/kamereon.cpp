// renault-mock's Kamereon side: the accounts and vehicles built from the scenario, the checks of
// every request (API key, JWT, country, ownership), and the reads and actions of a vehicle, whose
// actions change what later reads return.
#include "api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace renault::mock {
namespace {

using system_clock = std::chrono::system_clock;

const endpoint_info* find_definition(std::string_view key)
{
    for (const auto& def : endpoints::definitions)
        if (def.key == key)
            return &def;
    return nullptr;
}

/// data.attributes of a data envelope, created when missing.
json::object& attributes_of(json::value& body)
{
    if (!body.is_object())
        body = json::object();
    return object_member(object_member(body.get_object(), "data"), "attributes");
}

/// A Kamereon error body in the shape of the fixtures, for a request the mock rejects itself.
std::string kamereon_invalid_input(std::string_view source_kind, std::string_view source, std::string_view detail)
{
    json::object item{{"status", "400"}, {"source", json::object{{source_kind, source}}}, {"detail", detail}};
    const std::string message = json::serialize(json::object{{"errors", json::array{item}}});
    json::object body{
        {"type", "FUNCTIONAL"},
        {"messages", json::array{json::object{{"code", "err.func.400"}, {"message", message}}}},
        {"errors", json::array{json::object{{"errorCode", "err.func.400"},
                                            {"errorMessage", message},
                                            {"errorType", "functional"},
                                            {"errorLevel", "error"}}}},
        {"error_reference", "FUNCTIONAL"},
    };
    return to_json_text(body);
}

/// The per-model table of the schema (vehicle_endpoints in schema/vehicles.yaml): a definition is available when
/// the model resolves its key to a definition of the same path. Endpoints outside the table
/// (person, vehicles, details, contracts, car adapter) are always available.
bool available(std::string_view model_code, const endpoint_info& def)
{
    const endpoint_resolution res = resolve_endpoint(model_code, def.applies_to);
    if (res.lookup == endpoint_lookup::unknown_key)
        return true;
    return res.definition && res.definition->path == def.path;
}

/// Puts the vehicle's VIN where a fixture names a vehicle (data.id, data.attributes.vin).
bool adopt_vin(json::value& body, const std::string& vin)
{
    bool changed = false;
    if (!body.is_object())
        return false;
    json::value* data = body.get_object().if_contains("data");
    if (!data || !data->is_object())
        return false;
    json::object& d = data->get_object();
    if (const json::value* id = d.if_contains("id"); id && id->is_string() && id->get_string() != vin) {
        d["id"] = vin;
        changed = true;
    }
    if (json::value* attributes = d.if_contains("attributes"); attributes && attributes->is_object())
        if (const json::value* own = attributes->get_object().if_contains("vin"); own && own->is_string() && own->get_string() != vin) {
            attributes->get_object()["vin"] = vin;
            changed = true;
        }
    return changed;
}

} // namespace

user_state mock_api::make_user(const user_config& config)
{
    user_state user;
    user.config = &config;
    for (const auto& account : config.accounts) {
        account_state a;
        a.config = &account;
        json::array links;
        for (const auto& vehicle : account.vehicles) {
            vehicle_state v;
            v.config = &vehicle;
            v.link = first_link(vehicle.vehicle_fixture);
            v.link["vin"] = vehicle.vin;
            json::object& details = object_member(v.link, "vehicleDetails");
            details["vin"] = vehicle.vin;
            json::object& model = object_member(details, "model");
            if (string_member(&model, "code") != vehicle.model_code)
                model["code"] = vehicle.model_code;
            links.push_back(v.link);
            a.vehicles.push_back(std::move(v));
        }
        a.vehicles_body = to_json_text(json::object{
            {"accountId", account.account_id}, {"country", account.country}, {"vehicleLinks", std::move(links)}});
        user.accounts.push_back(std::move(a));
    }
    user.person_body = to_json_text(person_body(config));
    return user;
}

json::object mock_api::first_link(const std::string& fixture)
{
    const json::value* body = fixtures_.json(fixture);
    if (body && body->is_object())
        if (const json::value* links = body->get_object().if_contains("vehicleLinks"))
            if (links->is_array() && !links->get_array().empty() && links->get_array()[0].is_object())
                return links->get_array()[0].get_object();
    return {};
}

json::object mock_api::person_body(const user_config& config)
{
    json::object person;
    if (const json::value* fixture = fixtures_.json(config.person_fixture); fixture && fixture->is_object())
        person = fixture->get_object();
    const json::array* known = nullptr;
    if (const json::value* a = person.if_contains("accounts"); a && a->is_array())
        known = &a->get_array();
    json::array accounts;
    for (const auto& account : config.accounts) {
        json::object entry;
        if (known)
            for (const auto& k : *known)
                if (k.is_object() && string_member(&k.get_object(), "accountId") == account.account_id)
                    entry = k.get_object();
        if (entry.empty())
            entry = json::object{{"accountId", account.account_id},
                                 {"accountType", account.account_type},
                                 {"accountStatus", "ACTIVE"},
                                 {"country", account.country},
                                 {"relationType", "OWNER"}};
        entry["accountType"] = account.account_type;
        entry["personId"] = config.person_id;
        accounts.push_back(std::move(entry));
    }
    person["personId"] = config.person_id;
    person["accounts"] = std::move(accounts);
    return person;
}

void mock_api::kamereon(const route& r, const incoming& in, const http::query_params& query, reply& out)
{
    out.content_type = std::string(kamereon_json);
    const std::string* api_key = in.header("apikey");
    if (!api_key || std::find(scenario_.kamereon_api_keys.begin(), scenario_.kamereon_api_keys.end(), *api_key) ==
                        scenario_.kamereon_api_keys.end()) {
        out.auth = api_key ? "apikey_wrong" : "apikey_missing";
        answer_fixture(out, {"kamereon/error/access_denied.json", 403});
        return;
    }
    user_state* user = authenticate(in.header("x-gigya-id_token"), out);
    if (!user) {
        answer_fixture(out, {"kamereon/error/unauthorized.json", 401});
        return;
    }
    if (fault_state* f = fire(r, {fault_kind::reject_jwt_once})) {
        answer_fixture(out, f->config->answer);
        out.fault = "reject_jwt_once";
        return;
    }
    if (apply_quota(r, out) || apply_gateway_faults(r, out))
        return;

    std::string country;
    for (const auto& [n, v] : query)
        if (n == "country")
            country = v;
    if (country.empty()) {
        out.status = 400;
        out.body = kamereon_invalid_input("parameter", "country", "must not be empty");
        return;
    }

    const std::string_view key = r.def->key;
    const error_answer denied{"kamereon/error/access_denied.json", 403};
    if (key == "person") {
        if (r.person_id != user->config->person_id)
            return answer_fixture(out, denied);
        out.body = user->person_body;
        return;
    }
    account_state* account = nullptr;
    for (auto& a : user->accounts)
        if (a.config->account_id == r.account_id)
            account = &a;
    if (!account)
        return answer_fixture(out, denied);
    if (key == "vehicles") {
        out.body = account->vehicles_body;
        return;
    }
    vehicle_state* vehicle = nullptr;
    for (auto& v : account->vehicles)
        if (v.config->vin == r.vin)
            vehicle = &v;
    if (!vehicle)
        return answer_fixture(out, denied);

    if (const error_answer* e = configured_error(*vehicle, *r.def)) {
        answer_fixture(out, *e);
        out.note = "scenario_error";
        return;
    }
    if (!available(vehicle->config->model_code, *r.def)) {
        answer_fixture(out, unavailable_answer(*r.def));
        out.note = "not_available";
        return;
    }
    if (r.def->kind == endpoint_kind::read)
        serve_read(*vehicle, *r.def, query, out);
    else
        serve_action(*vehicle, *r.def, in.body, out);
}

user_state* mock_api::authenticate(const std::string* token, reply& out)
{
    if (!token || token->empty()) {
        out.auth = "jwt_missing";
        return nullptr;
    }
    json::object claims;
    switch (jwt_.verify(*token, claims)) {
    case jwt_signer::verdict::valid: break;
    case jwt_signer::verdict::expired: out.auth = "jwt_expired"; return nullptr;
    case jwt_signer::verdict::bad_signature: out.auth = "jwt_bad_signature"; return nullptr;
    case jwt_signer::verdict::malformed: out.auth = "jwt_malformed"; return nullptr;
    }
    const std::string person = string_member(&claims, "data.personId");
    for (auto& u : users_)
        if (u.config->person_id == person)
            return &u;
    out.auth = "jwt_unknown_person";
    return nullptr;
}

const error_answer* mock_api::configured_error(const vehicle_state& v, const endpoint_info& def) const
{
    for (const auto* errors : {&v.config->errors, &scenario_.errors}) {
        if (auto it = errors->find(std::string(def.key)); it != errors->end())
            return &it->second;
        if (auto it = errors->find(std::string(def.applies_to)); it != errors->end())
            return &it->second;
    }
    return nullptr;
}

const error_answer& mock_api::unavailable_answer(const endpoint_info& def) const
{
    for (const auto key : {def.key, def.applies_to})
        if (auto it = scenario_.unavailable.find(std::string(key)); it != scenario_.unavailable.end())
            return it->second;
    return def.kind == endpoint_kind::action ? scenario_.unavailable_action : scenario_.unavailable_read;
}

std::string mock_api::read_fixture(const vehicle_state& v, const endpoint_info& def, std::string_view type)
{
    const auto& configured = v.config->fixtures;
    if (auto it = configured.find(std::string(def.key)); it != configured.end())
        return it->second;
    if (auto it = configured.find(std::string(def.applies_to)); it != configured.end())
        return it->second;
    if (!type.empty()) {
        const std::string variant = "kamereon/vehicle_data/" + std::string(def.file_name) + "." + std::string(type) + ".json";
        if (fixtures_.exists(variant))
            return variant;
    }
    if (const auto model_default = default_fixture(v.config->model_code, def.key); !model_default.empty())
        return std::string(model_default);
    return std::string(def.sample);
}

json::value& mock_api::state_body(vehicle_state& v, std::string_view read_key)
{
    const std::string key(read_key);
    if (auto it = v.bodies.find(key); it != v.bodies.end())
        return it->second;
    json::value body(json::object{});
    if (const endpoint_info* def = find_definition(read_key))
        if (const json::value* fixture = fixtures_.json(read_fixture(v, *def)))
            body = *fixture;
    adopt_vin(body, v.config->vin);
    return v.bodies.emplace(key, std::move(body)).first->second;
}

void mock_api::serve_read(vehicle_state& v, const endpoint_info& def, const http::query_params& query, reply& out)
{
    if (def.key == "vehicle-details") {
        const json::value* details = v.link.if_contains("vehicleDetails");
        out.body = details ? to_json_text(*details) : std::string("{}");
        return;
    }
    std::string type;
    for (const auto& p : def.query) {
        if (p.has_value)
            continue;
        std::string value;
        for (const auto& [n, val] : query)
            if (n == p.name)
                value = val;
        if (value.empty()) {
            out.status = 400;
            out.body = kamereon_invalid_input("parameter", p.name, "must not be empty");
            return;
        }
        if (p.name == "type") {
            if (value != "day" && value != "month") {
                out.status = 400;
                out.body = kamereon_invalid_input("parameter", "type", "must be day or month");
                return;
            }
            type = value;
        }
    }
    if (auto it = v.bodies.find(std::string(def.key)); it != v.bodies.end()) {
        out.body = to_json_text(it->second);
        return;
    }
    const std::string fixture = read_fixture(v, def, type);
    const std::string* text = fixture.empty() ? nullptr : fixtures_.text(fixture);
    if (!text) {
        answer_fixture(out, scenario_.unavailable_read);
        return;
    }
    if (const json::value* parsed = fixtures_.json(fixture)) {
        json::value copy = *parsed;
        if (adopt_vin(copy, v.config->vin)) {
            out.body = to_json_text(copy);
            return;
        }
    }
    out.body = *text; // the fixture's own bytes
}

void mock_api::serve_action(vehicle_state& v, const endpoint_info& def, const std::string& body_text, reply& out)
{
    auto reject = [&](std::string_view pointer, std::string_view detail) {
        out.status = 400;
        out.body = kamereon_invalid_input("pointer", pointer, detail);
    };
    boost::system::error_code ec;
    json::value body = json::parse(body_text, ec);
    if (ec || !body.is_object())
        return reject("/", "must be a JSON object");

    if (def.request_shape == body_shape::flat) {
        if (def.key == "actions/soc-levels") {
            const json::object& o = body.get_object();
            for (const auto name : {"socMin", "socTarget"}) {
                const json::value* n = o.if_contains(name);
                if (!n || !n->is_number())
                    return reject(std::string("/") + name, "must be a number");
            }
            json::object& levels = state_body(v, "soc-levels").as_object();
            levels["socMin"] = o.at("socMin");
            levels["socTarget"] = o.at("socTarget");
            levels["lastEnergyUpdateTimestamp"] = iso_time(system_clock::now()).substr(0, 19) + "Z";
            const auto& configured = v.config->fixtures;
            const auto it = configured.find(std::string(def.key));
            answer_fixture(out, {it != configured.end() ? it->second : std::string(def.sample), 200});
            return;
        }
        // KCM ev/settings: the settings posted become the settings read; the answer echoes them.
        state_body(v, "charge-schedule-via-settings") = body;
        out.body = to_json_text(body);
        return;
    }

    const json::object* data = object_at(body, "data");
    if (!data)
        return reject("/data", "must be an object");
    const std::string type = string_member(data, "type");
    if (!def.request_type.empty() && type != def.request_type)
        return reject("/data/type", "must be " + std::string(def.request_type));
    const json::value* attributes = data->if_contains("attributes");
    if (attributes && !attributes->is_object())
        return reject("/data/attributes", "must be an object");
    const json::object* attrs = attributes ? &attributes->get_object() : nullptr;
    if ((def.key == "actions/charge-set-mode" || def.key == "actions/hvac-start") && string_member(attrs, "action").empty())
        return reject("/data/attributes/action", "must not be empty");
    if ((def.key == "actions/charge-set-schedule" || def.key == "actions/hvac-set-schedule") &&
        (!attrs || !attrs->contains("schedules") || !attrs->at("schedules").is_array()))
        return reject("/data/attributes/schedules", "must be an array");

    change_state(v, def.key, attrs);

    json::object echo{{"type", type}, {"id", tokens_.uuid()}};
    if (attrs)
        echo["attributes"] = *attrs;
    out.body = to_json_text(json::object{{"data", std::move(echo)}});
}

void mock_api::change_state(vehicle_state& v, std::string_view key, const json::object* attrs)
{
    if (key == "actions/charge-set-mode") {
        attributes_of(state_body(v, "charge-mode"))["chargeMode"] = string_member(attrs, "action");
    } else if (key == "actions/hvac-start") {
        json::object& status = attributes_of(state_body(v, "hvac-status"));
        status["hvacStatus"] = "on";
        if (const std::string at = string_member(attrs, "startDateTime"); !at.empty())
            status["nextHvacStartDate"] = at;
    } else if (key == "actions/hvac-stop") {
        attributes_of(state_body(v, "hvac-status"))["hvacStatus"] = "off";
    } else if (key == "actions/charge-set-schedule") {
        attributes_of(state_body(v, "charging-settings"))["schedules"] = attrs->at("schedules");
    } else if (key == "actions/hvac-set-schedule") {
        attributes_of(state_body(v, "hvac-settings"))["schedules"] = attrs->at("schedules");
    }
}

} // namespace renault::mock
