// The commands of renault-api that use the credential file and the servers (docs/cli.md),
// over the connection of connection.cpp.
#include "connection.hpp"
#include "dates.hpp"
#include "decode_command.hpp"
#include "exit_codes.hpp"
#include "input.hpp"
#include "output.hpp"
#include "values.hpp"

#include <renault/client.hpp>
#include <renault/endpoint_overrides.hpp>
#include <renault/http/any_backend.hpp>
#include <renault/locales.hpp>
#include <renault/log.hpp>
#include <renault/model/decode.hpp>
#include <renault/model/value_rows.hpp>
#include <renault/model/vehicle_helpers.hpp>
#include <renault/session/file_credential_store.hpp>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace renault::cli {

namespace {

// --- commands --------------------------------------------------------------------------------

int run_login(const global_options& g, const command_options& cmd, const std::shared_ptr<credential_store>& store)
{
    const std::string user = cmd.user.empty() ? prompt("User", false) : cmd.user;
    const std::string password = cmd.password.empty() ? prompt("Password", true) : cmd.password;
    auto c = connect(g, store);
    log_in(*c, user, password);
    // The token belongs to this locale's servers: keep the locale with it, now that it worked.
    if (!g.locale.empty() && store->get(credential_keys::locale) != g.locale)
        store_locale(*store, g.locale);
    if (g.json)
        print_json(json::object{{"logged_in", true}});
    return exit_ok;
}

int run_set(const global_options& g, const command_options& cmd, credential_store& store)
{
    if (!cmd.set_locale.empty())
        store_locale(store, cmd.set_locale);
    std::vector<credential_store::entry> items;
    if (!cmd.set_account.empty())
        items.push_back({std::string(credential_keys::account_id), {cmd.set_account, {}}});
    if (cmd.set_vin)
        items.push_back({std::string(credential_keys::vin), {*cmd.set_vin, {}}});
    store.set_many(std::move(items));
    if (g.json)
        print_json(json::object{});
    return exit_ok;
}

bool is_secret_key(std::string_view key)
{
    return key == credential_keys::gigya_login_token || key == credential_keys::gigya_jwt;
}

int run_settings(const global_options& g, credential_store& store)
{
    const auto now = std::chrono::system_clock::now();
    json::object out;
    std::vector<std::vector<std::string>> rows;
    for (const auto& [key, value] : store.entries()) {
        const bool usable = !value.expired(now);
        const std::string shown = !usable ? "-" : is_secret_key(key) ? "(hidden)" : value.value;
        rows.push_back({key, shown});
        if (usable)
            out[key] = is_secret_key(key) ? json::value("(hidden)") : json::value(value.value);
        else
            out[key] = nullptr;
    }
    if (g.json)
        print_json(out);
    else
        print_table({"Key", "Value"}, rows);
    return exit_ok;
}

int run_reset(const global_options& g)
{
    std::error_code ec;
    std::filesystem::remove(default_credential_path(), ec);
    if (ec)
        throw std::runtime_error(fmt::format("cannot delete {}: {}", default_credential_path().string(), ec.message()));
    if (g.json)
        print_json(json::object{});
    return exit_ok;
}

int run_accounts(const global_options& g, connection& c)
{
    require_login(c);
    const person p = c.client.get_person();
    json::array out;
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : p.accounts.value_or(std::vector<person_account>{})) {
        rows.push_back({account_type_text(a), a.account_id.value_or("")});
        out.push_back(json::object{{"type", account_type_text(a)}, {"id", a.account_id.value_or("")}});
    }
    if (g.json)
        print_json(out);
    else
        print_table({"Type", "ID"}, rows);
    return exit_ok;
}

std::vector<std::string> vehicle_row(const vehicle_details& d, const std::string& vin)
{
    return {d.registration_number.value_or(""), std::string(brand_label(d).value_or("")),
            std::string(model_label(d).value_or("")), d.vin.value_or(vin)};
}

json::object vehicle_json(const std::vector<std::string>& row)
{
    return {{"registration", row[0]}, {"brand", row[1]}, {"model", row[2]}, {"vin", row[3]}};
}

const std::vector<std::string> vehicle_headers{"Registration", "Brand", "Model", "VIN"};

int run_vehicles(const global_options& g, connection& c)
{
    require_login(c);
    const account_vehicles list = c.client.account(resolve_account(g, c)).get_vehicles();
    json::array out;
    std::vector<std::vector<std::string>> rows;
    for (const auto& link : list.vehicle_links.value_or(std::vector<vehicle_link>{})) {
        rows.push_back(vehicle_row(link.vehicle_details.value_or(vehicle_details{}), link.vin.value_or("")));
        out.push_back(vehicle_json(rows.back()));
    }
    if (g.json)
        print_json(out);
    else
        print_table(vehicle_headers, rows);
    return exit_ok;
}

int run_vehicle(const global_options& g, connection& c)
{
    auto vehicle = resolve_vehicle(g, c);
    const auto row = vehicle_row(vehicle.get_details(), vehicle.vin());
    if (g.json)
        print_json(vehicle_json(row));
    else
        print_table(vehicle_headers, {row});
    return exit_ok;
}

// status

struct status_section {
    std::string_view key;
    std::string_view label; ///< as the reference names it in its error lines
    bool electric_only;
};

constexpr status_section status_sections[] = {
    {"battery-status", "battery-status", true}, {"charge-mode", "charge-mode", true},
    {"cockpit", "cockpit", false},              {"location", "location", false},
    {"lock-status", "lock status", false},      {"res-state", "res state", false},
    {"hvac-status", "hvac-status", false},      {"pressure", "pressure", false},
};

using rows_type = std::vector<std::vector<std::string>>;

/// Adds "<label>  <value> <unit>" when `attributes` has a non-null `field`.
void add_row(rows_type& rows, const json::object& attributes, std::string_view field, std::string_view label,
             std::string_view unit = {}, bool time = false)
{
    const json::value* v = attributes.if_contains(field);
    if (!v || v->is_null())
        return;
    std::string text = time && v->is_string() ? local_time(std::string(v->get_string())) : text_of(*v);
    if (!unit.empty())
        text += " " + std::string(unit);
    rows.push_back({std::string(label), text});
}

template <class E>
std::string enum_text(const std::optional<open_enum<E>>& e, const json::value* raw)
{
    if (e && e->is_known())
        return std::string(e->name());
    return raw ? text_of(*raw) : "";
}

void battery_rows(rows_type& rows, const json::object& a, const vehicle_details& details)
{
    battery_status b = decode<battery_status>(json::serialize(a)).value;
    add_row(rows, a, "batteryLevel", "Battery level", "%");
    add_row(rows, a, "timestamp", "Last updated", {}, true);
    if (const auto* energy = a.if_contains("batteryAvailableEnergy"); energy && !energy->is_null() &&
                                                                       !(energy->is_number() && energy->to_number<double>() == 0))
        add_row(rows, a, "batteryAvailableEnergy", "Available energy", "kWh");
    add_row(rows, a, "batteryAutonomy", "Range estimate", "km");
    if (b.plug_status)
        rows.push_back({"Plug state", enum_text(b.plug_status, a.if_contains("plugStatus"))});
    if (auto state = displayed_charging_status(b)) {
        open_enum<charge_state> shown = *b.charging_status;
        shown.value = *state;
        rows.push_back({"Charging state", std::string(shown.name())});
    } else if (b.charging_status) {
        rows.push_back({"Charging state", enum_text(b.charging_status, a.if_contains("chargingStatus"))});
    }
    if (auto kw = charging_power_kw(b, reports_charging_power_in_watts(details)); kw && *kw != 0) // 0: none, as the reference
        rows.push_back({"Charge rate", fmt::format("{:.2f} kW", *kw)});
    add_row(rows, a, "chargingRemainingTime", "Time remaining", "min");
}

void section_rows(rows_type& rows, std::string_view key, const json::object& a, const vehicle_details& details)
{
    if (key == "battery-status") {
        battery_rows(rows, a, details);
    } else if (key == "charge-mode") {
        add_row(rows, a, "chargeMode", "Charge mode");
    } else if (key == "cockpit") {
        add_row(rows, a, "totalMileage", "Total mileage", "km");
        add_row(rows, a, "fuelAutonomy", "Fuel autonomy", "km");
        add_row(rows, a, "fuelQuantity", "Fuel quantity", "L");
    } else if (key == "location") {
        // null when the location holds no position (without_impossible_position)
        if (const json::value* lat = a.if_contains("gpsLatitude"); lat && lat->is_null())
            rows.push_back({"GPS position", "none"});
        add_row(rows, a, "gpsLatitude", "GPS Latitude");
        add_row(rows, a, "gpsLongitude", "GPS Longitude");
        add_row(rows, a, "lastUpdateTime", "GPS last updated", {}, true);
    } else if (key == "lock-status") {
        add_row(rows, a, "lockStatus", "Lock status");
        add_row(rows, a, "lastUpdateTime", "Lock last updated", {}, true);
    } else if (key == "res-state") {
        add_row(rows, a, "details", "Engine state");
    } else if (key == "hvac-status") {
        add_row(rows, a, "hvacStatus", "HVAC status");
        add_row(rows, a, "nextHvacStartDate", "HVAC start at", {}, true);
        add_row(rows, a, "externalTemperature", "External temperature", "°C");
        add_row(rows, a, "internalTemperature", "Internal temperature", "°C");
    } else if (key == "pressure") {
        add_row(rows, a, "flPressure", "Front left pressure", "bar");
        add_row(rows, a, "frPressure", "Front right pressure", "bar");
        add_row(rows, a, "rlPressure", "Rear left pressure", "bar");
        add_row(rows, a, "rrPressure", "Rear right pressure", "bar");
    }
}

/// Numbers no value can hold (1e400 reads as infinity), made null: the decoder reports them as
/// out_of_range, and neither a row nor JSON output can show them.
void null_non_finite(json::value& v)
{
    if (v.is_double() && !std::isfinite(v.get_double()))
        v = nullptr;
    else if (v.is_object())
        for (auto& member : v.get_object())
            null_non_finite(member.value());
    else if (v.is_array())
        for (auto& item : v.get_array())
            null_non_finite(item);
}

/// A location whose coordinates are no position (latitude 91 / longitude 181 after a refresh on
/// a parked car: position_of) has both made null, so that they are never shown as coordinates.
void without_impossible_position(json::object& a)
{
    if (!a.contains("gpsLatitude") && !a.contains("gpsLongitude"))
        return;
    const location l = decode<location>(json::serialize(a)).value;
    if (!position_of(l)) {
        a["gpsLatitude"] = nullptr;
        a["gpsLongitude"] = nullptr;
    }
}

int run_status(const global_options& g, connection& c)
{
    auto vehicle = resolve_vehicle(g, c);
    const vehicle_details details = vehicle.get_details();
    const bool electric = uses_electricity(details);
    json::object out;
    rows_type rows;
    bool failed = false;
    for (const auto& section : status_sections) {
        if ((section.electric_only && !electric) || !vehicle.supports_endpoint(std::string(section.key)))
            continue;
        boost::system::error_code ec;
        server_diagnostics diag;
        const raw_response raw = vehicle.read(std::string(section.key), ec, diag);
        if (ec == condition::rate_limited)
            throw error(ec, diag);
        json::value attributes;
        if (!ec) {
            boost::system::error_code parse_ec;
            json::value body = json::parse(raw.body, parse_ec);
            const json::value* found = parse_ec ? nullptr : body.find_pointer("/data/attributes", parse_ec);
            if (found && found->is_object())
                attributes = *found;
            else
                ec = errc::invalid_response, diag.message = "no data.attributes object in the answer";
        }
        if (ec) {
            fmt::print(stderr, "{}: {}\n", section.label, error_text(ec, diag));
            failed = true;
            continue;
        }
        // The library's decoder, as `decode` runs it: a value it cannot read (out_of_range) is a
        // diagnostic of its field, and the section's other fields are shown.
        boost::system::error_code decode_ec;
        for (const auto& d : decode_diagnostics(section.key, raw.body, decode_ec))
            if (d.kind == diagnostic_kind::out_of_range)
                fmt::print(stderr, "{}: {} [{}]\n", section.label, terminal_text(to_string(d), terminal_line_limit),
                           to_string(d.kind));
        null_non_finite(attributes);
        if (section.key == "location")
            without_impossible_position(attributes.get_object());
        section_rows(rows, section.key, attributes.get_object(), details);
        out[section.key] = std::move(attributes);
    }
    if (out.empty() && failed)
        throw std::runtime_error("no section of the status could be read");
    if (g.json)
        print_json(out);
    else if (!rows.empty())
        print_table({}, rows);
    return exit_ok;
}

int run_charge_history(const global_options& g, const command_options& cmd, connection& c)
{
    const auto from = parse_date(cmd.from, "--from");
    const auto to = parse_date(cmd.to, "--to");
    const bool by_day = cmd.period == "day";
    auto vehicle = resolve_vehicle(g, c);
    const charge_history history =
        vehicle.get_charge_history(from, to, by_day ? history_period::day : history_period::month);
    json::array out;
    rows_type rows;
    for (const auto& s : history.charge_summaries.value_or(std::vector<charge_summary>{})) {
        const std::string period = (by_day ? s.day : s.month).value_or("");
        rows.push_back({period, std::to_string(s.total_charges_number.value_or(0)),
                        duration_text(s.total_charges_duration.value_or(0)),
                        std::to_string(s.total_charges_errors.value_or(0))});
        out.push_back(json::object{{by_day ? "day" : "month", period},
                                   {"number_of_charges", s.total_charges_number.value_or(0)},
                                   {"total_time_charging_minutes", s.total_charges_duration.value_or(0)},
                                   {"errors", s.total_charges_errors.value_or(0)}});
    }
    if (g.json)
        print_json(out);
    else if (rows.empty())
        fmt::print("No data available.\n");
    else
        print_table({by_day ? "Day" : "Month", "Number of charges", "Total time charging", "Errors"}, rows);
    return exit_ok;
}

int run_charge_mode(const global_options& g, const command_options& cmd, connection& c)
{
    auto vehicle = resolve_vehicle(g, c);
    if (cmd.mode)
        return print_action(g, vehicle.set_charge_mode(*cmd.mode));
    const charge_mode_status status = vehicle.get_charge_mode();
    const std::string mode = status.charge_mode ? text_of(json::value(status.charge_mode->raw)) : "";
    if (g.json)
        print_json(json::object{{"chargeMode", mode}});
    else
        fmt::print("Charge mode: {}\n", terminal_text(mode));
    return exit_ok;
}

int run_http_get(const global_options& g, const command_options& cmd, connection& c)
{
    require_login(c);
    const std::string account = cmd.endpoint.find("{account_id}") != std::string::npos ? resolve_account(g, c) : g.account;
    const std::string vin = cmd.endpoint.find("{vin}") != std::string::npos ? resolve_vin(g, c, account) : g.vin;
    const raw_response response = c.client.vehicle(account, vin).http_get(cmd.endpoint);
    boost::system::error_code ec;
    const json::value v = json::parse(response.body, ec);
    if (ec)
        throw error(errc::invalid_json, server_diagnostics{.message = "the answer is not JSON"});
    print_json(v);
    return exit_ok;
}

int run_contracts(const global_options& g, connection& c)
{
    auto vehicle = resolve_vehicle(g, c);
    json::array out;
    rows_type rows;
    for (const auto& k : vehicle.get_contracts()) {
        rows.push_back({k.type.value_or(""), k.code.value_or(""), k.description.value_or(""),
                        k.start_date.value_or(""), k.end_date.value_or(""), k.status_label.value_or("")});
        out.push_back(json::object{{"type", rows.back()[0]}, {"code", rows.back()[1]}, {"description", rows.back()[2]},
                                   {"start", rows.back()[3]}, {"end", rows.back()[4]}, {"status", rows.back()[5]}});
    }
    if (g.json)
        print_json(out);
    else if (rows.empty())
        fmt::print("No data available.\n");
    else
        print_table({"Type", "Code", "Description", "Start", "End", "Status"}, rows);
    return exit_ok;
}

int run_charge_sessions(const global_options& g, const command_options& cmd, connection& c)
{
    const auto from = parse_date(cmd.from, "--from");
    const auto to = parse_date(cmd.to, "--to");
    auto vehicle = resolve_vehicle(g, c);
    const bool in_minutes = reports_charge_session_durations_in_minutes(vehicle.get_details());
    const charges list = vehicle.get_charges(from, to);
    json::array out;
    rows_type rows;
    auto level = [](const std::optional<std::int64_t>& v) { return v ? fmt::format("{} %", *v) : std::string(); };
    for (const auto& s : list.charges.value_or(std::vector<charge_session>{})) {
        const auto minutes = charge_duration_minutes(s, in_minutes);
        rows.push_back({s.charge_start_date ? local_time(*s.charge_start_date) : "",
                        s.charge_end_date ? local_time(*s.charge_end_date) : "",
                        minutes ? duration_text(static_cast<std::int64_t>(*minutes + 0.5)) : "",
                        s.charge_start_instantaneous_power
                            ? fmt::format("{:.2f} kW", static_cast<double>(*s.charge_start_instantaneous_power) / 1000.0)
                            : "",
                        level(s.charge_start_battery_level), level(s.charge_end_battery_level),
                        level(s.charge_battery_level_recovered),
                        s.charge_energy_recovered ? renault::detail::text_of(*s.charge_energy_recovered) + " kWh" : "",
                        s.charge_power.value_or(""),
                        s.charge_end_status ? std::string(s.charge_end_status->name()) : ""});
        json::object o{{"start", s.charge_start_date.value_or("")}, {"end", s.charge_end_date.value_or("")}};
        o["duration_minutes"] = minutes ? json::value(*minutes) : json::value(nullptr);
        o["power_kw"] = s.charge_start_instantaneous_power
                            ? json::value(static_cast<double>(*s.charge_start_instantaneous_power) / 1000.0)
                            : json::value(nullptr);
        o["start_level"] = s.charge_start_battery_level ? json::value(*s.charge_start_battery_level) : json::value(nullptr);
        o["end_level"] = s.charge_end_battery_level ? json::value(*s.charge_end_battery_level) : json::value(nullptr);
        o["energy_kwh"] = s.charge_energy_recovered ? json::value(*s.charge_energy_recovered) : json::value(nullptr);
        o["status"] = rows.back()[9];
        out.push_back(std::move(o));
    }
    if (g.json)
        print_json(out);
    else if (rows.empty())
        fmt::print("No data available.\n");
    else
        print_table({"Charge start", "Charge end", "Duration", "Power (kW)", "Started at", "Finished at",
                     "Charge gained", "Energy gained", "Power level", "Status"},
                    rows);
    return exit_ok;
}

int run_soc_levels(const global_options& g, const command_options& cmd, connection& c)
{
    if (cmd.name == "charge soclevels set") {
        if (cmd.soc_min < 15 || cmd.soc_min > 45 || cmd.soc_min % 5)
            throw usage_error{"Invalid value: Minimum state of charge level must be between 15 and 45 with a step of 5."};
        if (cmd.soc_target < 55 || cmd.soc_target > 100 || cmd.soc_target % 5)
            throw usage_error{"Invalid value: Target state of charge level must be between 55 and 100 with a step of 5."};
        auto vehicle = resolve_vehicle(g, c);
        const action_response response = vehicle.set_battery_soc(cmd.soc_min, cmd.soc_target);
        if (g.json) {
            boost::system::error_code ec;
            const json::value v = json::parse(response.body, ec);
            print_json(ec ? json::value(json::object{}) : v);
        } else {
            fmt::print("Charge soc levels updated to {}-{} successfully. It may take up to a few minutes to apply.\n",
                       cmd.soc_min, cmd.soc_target);
        }
        return exit_ok;
    }
    auto vehicle = resolve_vehicle(g, c);
    const soc_levels levels = vehicle.get_battery_soc();
    auto value = [](const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); };
    if (g.json) {
        print_json(json::object{{"socMin", value(levels.soc_min)}, {"socTarget", value(levels.soc_target)}});
    } else {
        if (levels.soc_min)
            fmt::print("Min charge level: {}%\n", *levels.soc_min);
        if (levels.soc_target)
            fmt::print("Target charge level: {}%\n", *levels.soc_target);
    }
    return exit_ok;
}

int run_http_post(const global_options& g, const command_options& cmd, connection& c)
{
    const std::string body = cmd.name == "http post-file" ? read_input(cmd.body) : cmd.body;
    boost::system::error_code ec;
    json::parse(body, ec);
    if (ec)
        throw usage_error{"the body is not valid JSON"};
    require_login(c);
    const std::string account = cmd.endpoint.find("{account_id}") != std::string::npos ? resolve_account(g, c) : g.account;
    const std::string vin = cmd.endpoint.find("{vin}") != std::string::npos ? resolve_vin(g, c, account) : g.vin;
    const raw_response response = c.client.vehicle(account, vin).http_post(cmd.endpoint, body);
    const json::value v = json::parse(response.body, ec);
    if (ec)
        throw error(errc::invalid_json, server_diagnostics{.message = "the answer is not JSON"});
    print_json(v);
    return exit_ok;
}

// probe

/// The state of the model's endpoint table for `key`, as the probe table shows it.
std::string_view table_state(endpoint_lookup lookup)
{
    switch (lookup) {
    case endpoint_lookup::listed: return "listed";
    case endpoint_lookup::not_available: return "not available";
    case endpoint_lookup::undocumented_model: return "model not listed";
    case endpoint_lookup::undocumented_key: return "not listed";
    case endpoint_lookup::unknown_key: break;
    }
    return "unknown";
}

/// GETs a read endpoint as `v` resolves it; the history endpoints over the last 30 days.
void probe_key(vehicle_type& v, std::string_view key, boost::system::error_code& ec, server_diagnostics& diag)
{
    using namespace std::chrono;
    const year_month_day to{floor<days>(system_clock::now())};
    const year_month_day from{sys_days{to} - days{30}};
    if (key == "charge-history")
        v.get_charge_history(from, to, history_period::month, ec, diag);
    else if (key == "charges")
        v.get_charges(from, to, ec, diag);
    else if (key == "hvac-history")
        v.get_hvac_history(from, to, history_period::month, ec, diag);
    else if (key == "hvac-sessions")
        v.get_hvac_sessions(from, to, ec, diag);
    else
        v.read(std::string(key), ec, diag);
}

/// Writes `text` to `path` through a temporary file and a rename.
void write_file(const std::filesystem::path& path, const std::string& text)
{
    const std::filesystem::path temporary = path.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush())
            throw std::runtime_error(fmt::format("cannot write {}", temporary.string()));
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec)
        throw std::runtime_error(fmt::format("cannot write {}: {}", path.string(), ec.message()));
}

int run_probe(const global_options& g, const command_options& cmd, connection& c)
{
    auto vehicle = resolve_vehicle(g, c);
    const vehicle_details details = vehicle.get_details();
    const std::string model(model_code(details).value_or(""));
    if (model.empty())
        throw std::runtime_error("the vehicle's details have no model code: nothing to probe against");

    // Keys the model's table lists are tried with the table's definition; the others (not
    // available, not listed) with the default one, through a second client on the same backend
    // whose table lists them for this model.
    std::vector<std::string> keys;
    std::vector<std::pair<std::string, bool>> defaults;
    for (const auto& row : endpoints::default_table)
        if (!row.key.starts_with("actions/")) {
            keys.emplace_back(row.key);
            defaults.emplace_back(row.key, true);
        }
    client_options options = c.options;
    options.endpoint_overrides = std::make_shared<const endpoint_overrides>(endpoint_overrides::from_probe(model, defaults));
    client_type prober(c.backend, options);
    auto by_default = prober.vehicle(vehicle.account_id(), vehicle.vin());
    const endpoint_overrides* user_file = c.options.endpoint_overrides.get();

    const std::vector<std::string> headers{"Endpoint", "Model table", "Tried", "Probe"};
    std::vector<std::pair<std::string, bool>> results; // what --save records: what the table should say
    rows_type rows;
    json::array out;
    for (const auto& key : keys) {
        const endpoint_resolution r = user_file ? user_file->resolve(model, key) : resolve_endpoint(model, key);
        const bool listed = r.lookup == endpoint_lookup::listed;
        const endpoint_info* def = listed ? r.definition : default_endpoint_definition(key);
        boost::system::error_code ec;
        server_diagnostics diag;
        probe_key(listed ? vehicle : by_default, key, ec, diag);
        if (ec == condition::rate_limited) {
            if (!rows.empty() && !g.json)
                print_table(headers, rows);
            throw error(ec, diag);
        }
        std::string outcome = "ok";
        if (ec) {
            outcome = diag.code.empty() ? ec.message() : diag.code;
            if (diag.http_status)
                outcome += fmt::format(" (HTTP {})", diag.http_status);
        }
        // A network or server-side failure says nothing about the endpoint; a listed key that
        // answers needs no entry.
        const bool conclusive = !ec || (ec != condition::transient && ec != condition::authentication &&
                                        diag.http_status >= 400 && diag.http_status < 500);
        if (conclusive && !(listed && !ec))
            results.emplace_back(key, !ec);
        const std::string_view adapter = def->adapter == adapter_type::kcm   ? "kcm "
                                         : def->adapter == adapter_type::kca ? "kca "
                                                                             : "";
        const std::string tried = def->version ? fmt::format("{}v{}", adapter, def->version) : "-";
        rows.push_back({key, std::string(table_state(r.lookup)), tried, outcome});
        json::object o{{"endpoint", key}, {"table", table_state(r.lookup)}, {"path", def->path}, {"ok", !ec}};
        o["error"] = ec ? json::value(diag.code.empty() ? ec.message() : diag.code) : json::value(nullptr);
        o["http_status"] = diag.http_status ? json::value(diag.http_status) : json::value(nullptr);
        out.push_back(std::move(o));
    }

    if (!cmd.save.empty()) {
        endpoint_overrides file;
        if (std::filesystem::exists(cmd.save))
            file = endpoint_overrides::load(cmd.save);
        file.merge(endpoint_overrides::from_probe(model, results));
        write_file(cmd.save, file.to_json());
    }
    if (g.json) {
        json::object doc{{"vin", vehicle.vin()}, {"model", model}, {"endpoints", std::move(out)}};
        doc["saved"] = cmd.save.empty() ? json::value(nullptr) : json::value(cmd.save);
        print_json(doc);
    } else {
        print_table(headers, rows);
        if (!cmd.save.empty())
            fmt::print("\nSaved {} endpoint{} of {} to {}.\n", results.size(), results.size() == 1 ? "" : "s",
                       terminal_text(model), cmd.save);
    }
    return exit_ok;
}

} // namespace

int run_command(const global_options& g, const command_options& cmd)
{
    const std::string& name = cmd.name;
    // Bad values are usage errors before anything is read or sent.
    const auto at = cmd.at ? parse_when(*cmd.at) : std::nullopt;
    const double temperature = name == "hvac start" ? parse_temperature(cmd.temperature) : 0;
    if (name == "charge mode" && cmd.mode)
        check_charge_mode(*cmd.mode);
    if (name == "set" && cmd.set_vin)
        check_vin(*cmd.set_vin, "set --vin");
    if (name == "charge history" || name == "charge sessions")
        check_period(parse_date(cmd.from, "--from"), parse_date(cmd.to, "--to"));
    if (name == "reset")
        return run_reset(g);
    auto store = open_store();
    if (name == "set")
        return run_set(g, cmd, *store);
    if (name == "settings")
        return run_settings(g, *store);
    if (name == "login")
        return run_login(g, cmd, store);

    auto c = connect(g, store);
    if (name == "accounts")
        return run_accounts(g, *c);
    if (name == "vehicles")
        return run_vehicles(g, *c);
    if (name == "vehicle")
        return run_vehicle(g, *c);
    if (name == "status")
        return run_status(g, *c);
    if (name == "charge history")
        return run_charge_history(g, cmd, *c);
    if (name == "charge mode")
        return run_charge_mode(g, cmd, *c);
    if (name == "http get")
        return run_http_get(g, cmd, *c);
    if (name == "http post" || name == "http post-file")
        return run_http_post(g, cmd, *c);
    if (name == "contracts")
        return run_contracts(g, *c);
    if (name == "charge sessions")
        return run_charge_sessions(g, cmd, *c);
    if (name == "charge soclevels show" || name == "charge soclevels set")
        return run_soc_levels(g, cmd, *c);
    if (name == "probe")
        return run_probe(g, cmd, *c);

    auto vehicle = resolve_vehicle(g, *c);
    if (name == "charge start")
        return print_action(g, vehicle.set_charge_start(at));
    if (name == "charge stop")
        return print_action(g, vehicle.set_charge_stop());
    if (name == "hvac start")
        return print_action(g, vehicle.set_ac_start(temperature, at));
    if (name == "hvac cancel")
        return print_action(g, vehicle.set_ac_stop());
    if (name == "horn")
        return print_action(g, vehicle.start_horn(),
                            "Request to horn 3 times sent. It may take a few seconds to take effect.");
    if (name == "lights")
        return print_action(g, vehicle.start_lights(),
                            "Request to flash lights 3 times has been sent. It may take a few seconds to take effect.");
    throw usage_error{fmt::format("unknown command `{}`", name)};
}

} // namespace renault::cli
