// The schedule and HVAC-history commands of renault-api (docs/cli.md and docs/api/actions.md,
// "Schedules"):
// charge schedule show / set / activate / deactivate, hvac schedule show / set / activate /
// deactivate, hvac history, hvac sessions.
//
// Schedule times travel in UTC ("Thh:mmZ"); tables show them in the local time zone with its
// current UTC offset, and "HH:MM" on the command line is local time converted the same way.
#include "schedule_commands.hpp"
#include "connection.hpp"
#include "dates.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "values.hpp"

#include <renault/model/encode.hpp>
#include <renault/model/schedules.hpp>
#include <renault/model/value_rows.hpp>
#include <renault/model/vehicle_helpers.hpp>
#include <renault/protocol/request.hpp>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <ctime>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace renault::cli {

namespace {

using rows_type = std::vector<std::vector<std::string>>;

constexpr std::array<std::string_view, 7> day_names{"Monday", "Tuesday", "Wednesday", "Thursday",
                                                     "Friday",  "Saturday", "Sunday"};

// --- times -----------------------------------------------------------------------------------

/// The local time zone's offset from UTC now, in minutes (+60 in Paris in winter).
int utc_offset_minutes()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return static_cast<int>(local.tm_gmtoff / 60);
}

/// "HH:MM" for minutes since midnight, wrapped to one day.
std::string clock_text(int minutes)
{
    minutes = ((minutes % 1440) + 1440) % 1440;
    return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

/// A UTC time of day ("Thh:mmZ", also "hh:mm") as local "HH:MM"; the text itself when malformed.
std::string local_clock(const std::string& utc, int offset)
{
    const auto minutes = minutes_of_day(utc);
    return minutes ? clock_text(*minutes + offset) : utc;
}

/// A KCA calendar time ("2300", UTC) as local "HH:MM"; the text itself when malformed.
std::string local_calendar_clock(const std::string& hhmm, int offset)
{
    const auto minutes = minutes_of_calendar_time(hhmm);
    return minutes ? clock_text(*minutes + offset) : hhmm;
}

std::string yes_no(const std::optional<bool>& b) { return b ? (*b ? "yes" : "no") : "-"; }

json::value json_or_null(const std::optional<bool>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value json_or_null(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value json_or_null(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

// --- --monday … --sunday ---------------------------------------------------------------------

/// One day option as given: "clear", or a UTC time of day (and a duration for charge schedules).
struct day_value {
    bool clear = false;
    int utc_minutes = 0;
    std::int64_t duration = 0;
};

bool all_digits(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
    return true;
}

/// Parses a day option: "HH:MM[,DURATION]" (local time), "Thh:mmZ[,DURATION]" (UTC) or "clear".
/// `with_duration`: charge schedules (a duration is required), else HVAC (none allowed).
/// @throws usage_error naming the option
day_value parse_day(const std::string& text, std::string_view option, bool with_duration, int offset)
{
    if (text == "clear")
        return {true, 0, 0};
    const std::string expected = with_duration
                                     ? "HH:MM,DURATION (local time), Thh:mmZ,DURATION (UTC) or clear"
                                     : "HH:MM (local time), Thh:mmZ (UTC) or clear";
    auto fail = [&](std::string_view why) {
        return usage_error{fmt::format("invalid value for {}: `{}`: {}", option, text, why)};
    };
    std::string_view time = text;
    std::string_view duration;
    if (with_duration) {
        const auto comma = time.find(',');
        if (comma == std::string_view::npos)
            throw fail("expected " + expected);
        duration = time.substr(comma + 1);
        time = time.substr(0, comma);
    }
    const bool t = !time.empty() && time.front() == 'T';
    const bool z = !time.empty() && time.back() == 'Z';
    if (t != z)
        throw fail("a UTC time needs both T and Z (Thh:mmZ)");
    if (t)
        time = time.substr(1, time.size() - 2);
    if (time.size() != 5 || time[2] != ':' || !all_digits(time.substr(0, 2)) || !all_digits(time.substr(3)))
        throw fail("expected " + expected);
    const int hours = (time[0] - '0') * 10 + (time[1] - '0');
    const int minutes = (time[3] - '0') * 10 + (time[4] - '0');
    if (hours > 23)
        throw fail("the hour must be 00 to 23");
    if (minutes % 15 != 0 || minutes > 59)
        throw fail("the minutes must be 00, 15, 30 or 45");
    day_value out;
    out.utc_minutes = ((hours * 60 + minutes - (t ? 0 : offset)) % 1440 + 1440) % 1440;
    if (with_duration) {
        if (!all_digits(duration) || duration.size() > 6)
            throw fail("the duration must be a number of minutes");
        std::from_chars(duration.data(), duration.data() + duration.size(), out.duration);
        if (out.duration < 15 || out.duration > 1440 || out.duration % 15 != 0)
            throw fail("the duration must be a multiple of 15 minutes, from 15 to 1440");
    }
    return out;
}

/// The update --monday … --sunday describe (days not given are kept).
/// @throws usage_error for a bad value, or when no day is given
template <class Day>
schedule_update<Day> parse_update(const schedule_options& o, int offset)
{
    constexpr bool charge = std::is_same_v<Day, charge_day_schedule>;
    schedule_update<Day> update;
    update.id = parse_schedule_id(o.id);
    bool any = false;
    for (std::size_t i = 0; i < 7; ++i) {
        if (!o.days[i])
            continue;
        any = true;
        const day_value v = parse_day(*o.days[i], fmt::format("--{}", days_of_week[i]), charge, offset);
        if (v.clear) {
            update.days[i] = day_change<Day>::clear();
            continue;
        }
        Day day;
        if constexpr (charge) {
            day.start_time = format_time_of_day(v.utc_minutes);
            day.duration = v.duration;
        } else {
            day.ready_at_time = format_time_of_day(v.utc_minutes);
        }
        update.days[i] = day_change<Day>::set(std::move(day));
    }
    if (!any)
        throw usage_error{"nothing to change: give at least one of --monday … --sunday"};
    return update;
}

// --- schedules as tables and JSON --------------------------------------------------------------

std::vector<std::string> day_row(std::size_t i, const std::optional<charge_day_schedule>& d, int offset)
{
    if (!d || !d->start_time)
        return {std::string(day_names[i]), "-", "-", "-"};
    const auto end = end_time(*d);
    return {std::string(day_names[i]), local_clock(*d->start_time, offset), end ? local_clock(*end, offset) : "-",
            d->duration ? duration_text(*d->duration) : "-"};
}

std::vector<std::string> day_row(std::size_t i, const std::optional<hvac_day_schedule>& d, int offset)
{
    if (!d || !d->ready_at_time)
        return {std::string(day_names[i]), "-"};
    return {std::string(day_names[i]), local_clock(*d->ready_at_time, offset)};
}

json::value day_json(const std::optional<charge_day_schedule>& d)
{
    if (!d)
        return nullptr;
    json::object o{{"startTime", json_or_null(d->start_time)}, {"duration", json_or_null(d->duration)}};
    o["endTime"] = json_or_null(end_time(*d));
    return o;
}

json::value day_json(const std::optional<hvac_day_schedule>& d)
{
    if (!d)
        return nullptr;
    return json::object{{"readyAtTime", json_or_null(d->ready_at_time)}};
}

/// {"id", "activated", "monday" … "sunday"}: every day present, null when it has no slot.
template <class Schedule>
json::object schedule_json(Schedule s)
{
    json::object o{{"id", json_or_null(s.id)}, {"activated", json_or_null(s.activated)}};
    for (std::size_t i = 0; i < 7; ++i)
        o[days_of_week[i]] = day_json(day_of(s, i));
    return o;
}

template <class Schedule>
json::array schedules_json(const std::optional<std::vector<Schedule>>& list)
{
    json::array out;
    for (const auto& s : list.value_or(std::vector<Schedule>{}))
        out.push_back(schedule_json(s));
    return out;
}

/// "Schedule 1: active" and its seven days, or one line when no day is set.
template <class Schedule>
void print_schedule(Schedule s, int offset)
{
    constexpr bool charge = std::is_same_v<Schedule, charge_schedule>;
    const std::string title = fmt::format("Schedule {}: {}", s.id ? std::to_string(*s.id) : "?",
                                          s.activated.value_or(false) ? "active" : "inactive");
    rows_type rows;
    bool any = false;
    for (std::size_t i = 0; i < 7; ++i) {
        any = any || day_of(s, i).has_value();
        rows.push_back(day_row(i, day_of(s, i), offset));
    }
    if (!any) {
        fmt::print("{}, no days set\n", title);
        return;
    }
    fmt::print("{}\n", title);
    if constexpr (charge)
        print_table({"Day", "Start", "End", "Duration"}, rows);
    else
        print_table({"Day", "Ready at"}, rows);
}

template <class Schedule>
void print_schedules(const std::optional<std::vector<Schedule>>& list, int offset)
{
    if (!list || list->empty()) {
        fmt::print("No schedules found.\n");
        return;
    }
    bool first = true;
    for (const auto& s : *list) {
        if (!first)
            fmt::print("\n");
        first = false;
        print_schedule(s, offset);
    }
}

template <class E>
std::string enum_text(const std::optional<open_enum<E>>& e)
{
    if (!e)
        return "";
    return e->is_known() ? std::string(e->name()) : text_of(json::value(e->raw));
}

// --- charge schedule show ----------------------------------------------------------------------

const std::vector<charge_calendar_slot>& slots_of(const charge_calendar& c, std::size_t i)
{
    static const std::vector<charge_calendar_slot> none;
    const std::optional<std::vector<charge_calendar_slot>>* days[] = {&c.monday, &c.tuesday, &c.wednesday,
                                                                      &c.thursday, &c.friday, &c.saturday,
                                                                      &c.sunday};
    return *days[i] ? **days[i] : none;
}

void print_calendar(const charge_calendar& c, int offset)
{
    rows_type rows;
    for (std::size_t i = 0; i < 7; ++i) {
        const auto& slots = slots_of(c, i);
        if (slots.empty())
            rows.push_back({std::string(day_names[i]), "-", "-", "-", "-"});
        for (const auto& slot : slots) {
            const auto end = end_time(slot);
            rows.push_back({std::string(day_names[i]), slot.start_time ? local_calendar_clock(*slot.start_time, offset) : "-",
                            end ? local_calendar_clock(*end, offset) : "-",
                            slot.duration ? duration_text(*slot.duration) : "-", yes_no(slot.activation_state)});
        }
    }
    fmt::print("Charge calendar\n");
    print_table({"Day", "Start", "End", "Duration", "Active"}, rows);
}

json::object calendar_json(const charge_calendar& c)
{
    json::object out;
    for (std::size_t i = 0; i < 7; ++i) {
        json::array slots;
        for (const auto& slot : slots_of(c, i)) {
            json::object o{{"startTime", json_or_null(slot.start_time)}, {"duration", json_or_null(slot.duration)},
                           {"activationState", json_or_null(slot.activation_state)}};
            o["endTime"] = json_or_null(end_time(slot));
            slots.push_back(std::move(o));
        }
        out[days_of_week[i]] = std::move(slots);
    }
    return out;
}

/// KCM ev/settings (kcm-settings models): the settings, then the programs.
void print_ev_settings(const ev_settings& s)
{
    rows_type rows;
    auto add = [&rows](std::string label, std::string value) { rows.push_back({std::move(label), std::move(value)}); };
    if (s.charge_mode_rq)
        add("Charge mode", enum_text(s.charge_mode_rq));
    if (s.charge_time_start)
        add("Charge start", *s.charge_time_start);
    if (s.charge_duration)
        add("Charge duration", duration_text(*s.charge_duration));
    if (s.preconditioning_temperature)
        add("Preconditioning temperature", renault::detail::text_of(*s.preconditioning_temperature) + " °C");
    if (s.preconditioning_heated_strg_wheel)
        add("Heated steering wheel", yes_no(s.preconditioning_heated_strg_wheel));
    if (s.preconditioning_heated_left_seat)
        add("Heated left seat", yes_no(s.preconditioning_heated_left_seat));
    if (s.preconditioning_heated_right_seat)
        add("Heated right seat", yes_no(s.preconditioning_heated_right_seat));
    if (s.delegated_activated)
        add("Delegated charge", yes_no(s.delegated_activated));
    if (s.last_settings_update_timestamp)
        add("Last updated", local_time(*s.last_settings_update_timestamp));
    if (!rows.empty()) {
        print_table({}, rows);
        fmt::print("\n");
    }
    if (!s.programs || s.programs->empty()) {
        fmt::print("No schedules found.\n");
        return;
    }
    rows_type programs;
    std::size_t index = 0;
    for (const auto& p : *s.programs) {
        const std::optional<bool> days[] = {p.program_activation_monday,   p.program_activation_tuesday,
                                            p.program_activation_wednesday, p.program_activation_thursday,
                                            p.program_activation_friday,   p.program_activation_saturday,
                                            p.program_activation_sunday};
        std::string on;
        for (std::size_t i = 0; i < 7; ++i)
            if (days[i].value_or(false))
                on += (on.empty() ? "" : " ") + std::string(day_names[i].substr(0, 3));
        programs.push_back({std::to_string(++index), yes_no(p.program_activation_status), enum_text(p.program_type),
                            p.program_departure_time.value_or("-"), on.empty() ? "-" : on});
    }
    print_table({"ID", "Active", "Type", "Departure", "Days"}, programs);
}

json::value model_json(const auto& model)
{
    return json::parse(encode(model));
}

int run_charge_schedule_show(const global_options& g, vehicle_type& vehicle, int offset)
{
    json::object out;
    bool shown = false;
    boost::system::error_code ec;
    server_diagnostics diag;
    const charge_schedule_result calendar = vehicle.get_charge_schedule(ec, diag);
    if (ec && ec != errc::endpoint_not_available)
        throw error(ec, diag);
    if (!ec && calendar.mode == endpoint_mode::kcm_settings) {
        const ev_settings settings = calendar.settings.value_or(ev_settings{});
        if (g.json)
            print_json(json::object{{"ev_settings", model_json(settings)}});
        else
            print_ev_settings(settings);
        return exit_ok;
    }
    if (!ec) {
        const charge_calendar c = calendar.calendar.value_or(charge_schedule_calendar{}).calendar.value_or(charge_calendar{});
        out["calendar"] = calendar_json(c);
        if (!g.json)
            print_calendar(c, offset);
        shown = true;
    }
    // The schedules `charge schedule set` changes, with their IDs.
    const bool with_settings = vehicle.supports_endpoint("charging-settings");
    if (!shown && !with_settings)
        throw error(ec, diag); // neither: "charge-schedule not available"
    if (with_settings) {
        const charging_settings settings = vehicle.get_charging_settings();
        out["mode"] = settings.mode ? json::value(settings.mode->raw) : json::value(nullptr);
        out["schedules"] = schedules_json(settings.schedules);
        if (!g.json) {
            if (shown)
                fmt::print("\n");
            if (settings.mode)
                fmt::print("Charge mode: {}\n\n", terminal_text(enum_text(settings.mode)));
            print_schedules(settings.schedules, offset);
        }
    }
    if (g.json)
        print_json(out);
    return exit_ok;
}

// --- set / activate / deactivate ---------------------------------------------------------------

/// Throws unless the vehicle's model can replace its charge schedules; kcm-settings models keep
/// them in KCM ev/settings, which the library cannot change schedule by schedule.
void require_charge_schedule_action(vehicle_type& vehicle, const std::string& command)
{
    boost::system::error_code ec;
    server_diagnostics diag;
    vehicle.get_endpoint_definition("actions/charge-set-schedule", ec, diag);
    if (ec == errc::endpoint_not_available) {
        boost::system::error_code read_ec;
        const endpoint_info* read = vehicle.get_endpoint_definition("charge-schedule", read_ec);
        if (!read_ec && read && read->mode == endpoint_mode::kcm_settings)
            throw std::runtime_error(fmt::format(
                "the {} keeps its charge schedules in KCM ev/settings, which `{}` cannot change "
                "(`charge schedule show` reads them)",
                model_code(vehicle.get_details()).value_or("vehicle"), command));
    }
    if (ec)
        throw error(ec, diag);
}

template <class Schedule>
const Schedule& schedule_with_id(const std::vector<Schedule>& list, std::int64_t id)
{
    for (const auto& s : list)
        if (s.id && *s.id == id)
            return s;
    throw std::logic_error("schedule vanished");
}

/// set / activate / deactivate of charge (`charge` true) or HVAC schedules.
int run_schedule_change(const global_options& g, const schedule_options& o, vehicle_type& vehicle, int offset,
                        bool charge, const std::string& verb)
{
    const std::string what = charge ? "Charge" : "HVAC";
    const std::int64_t id = parse_schedule_id(o.id);
    auto report = [&](const action_response& response, auto schedule) {
        if (g.json)
            return print_action(g, response);
        if (verb == "set") {
            fmt::print("{} schedule {} sent. It may take a few minutes to apply.\n\n", what, id);
            print_schedule(schedule, offset);
        } else {
            fmt::print("{} schedule {} {}d. It may take a few minutes to apply.\n", what, id, verb);
        }
        return exit_ok;
    };
    // The library reads the settings once and sends back what it read with only this schedule
    // changed, members it does not know included; an id that is not there is refused before
    // anything is sent.
    auto refused = [](const error& e) {
        if (e.error_code() == errc::invalid_argument && !e.diagnostics().message.empty())
            throw std::runtime_error(e.diagnostics().message); // "Schedule id 7 not found."
        throw;
    };
    if (charge) {
        charge_schedule_update update;
        if (verb == "set")
            update = parse_update<charge_day_schedule>(o, offset);
        update.id = id;
        update.create = false;
        if (verb != "set")
            update.activated = verb == "activate";
        require_charge_schedule_action(vehicle, "charge schedule " + verb);
        charge_schedule_change change;
        try {
            change = vehicle.update_charge_schedule(update);
        } catch (const error& e) {
            refused(e);
        }
        return report(change.response, schedule_with_id(change.schedules, id));
    }
    hvac_schedule_update update;
    if (verb == "set")
        update = parse_update<hvac_day_schedule>(o, offset);
    update.id = id;
    update.create = false;
    if (verb != "set")
        update.activated = verb == "activate";
    vehicle.get_endpoint_definition("actions/hvac-set-schedule"); // throws when the model has none
    hvac_schedule_change change;
    try {
        change = vehicle.update_hvac_schedule(update);
    } catch (const error& e) {
        refused(e);
    }
    return report(change.response, schedule_with_id(change.schedules, id));
}

int run_hvac_schedule_show(const global_options& g, vehicle_type& vehicle, int offset)
{
    const hvac_settings settings = vehicle.get_hvac_settings();
    if (g.json) {
        print_json(json::object{{"mode", json_or_null(settings.mode)}, {"schedules", schedules_json(settings.schedules)}});
        return exit_ok;
    }
    if (settings.mode)
        fmt::print("Mode: {}\n\n", terminal_text(*settings.mode));
    print_schedules(settings.schedules, offset);
    return exit_ok;
}

// --- hvac history / sessions -------------------------------------------------------------------

std::string history_date(std::chrono::year_month_day d, bool by_day)
{
    return by_day ? fmt::format("{:04}{:02}{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                                static_cast<unsigned>(d.day()))
                  : fmt::format("{:04}{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
}

/// Attributes whose members the schema does not know yet: scalars as "key  value" rows, lists of
/// objects as tables (one column per member), times in local time.
void print_attributes(const json::object& attributes)
{
    if (attributes.empty()) {
        fmt::print("No data available.\n");
        return;
    }
    auto cell = [](const json::value& v) { return v.is_string() ? local_time(std::string(v.get_string())) : text_of(v); };
    rows_type scalars;
    bool printed = false;
    for (const auto& [key, value] : attributes) {
        if (!value.is_array()) {
            scalars.push_back({std::string(key), cell(value)});
            continue;
        }
        std::vector<std::string> headers;
        for (const auto& item : value.get_array())
            if (item.is_object())
                for (const auto& member : item.get_object())
                    if (std::find(headers.begin(), headers.end(), member.key()) == headers.end())
                        headers.emplace_back(member.key());
        rows_type rows;
        for (const auto& item : value.get_array()) {
            if (!item.is_object()) {
                rows.push_back(std::vector<std::string>(headers.empty() ? 1 : headers.size(), ""));
                rows.back()[0] = cell(item);
                continue;
            }
            std::vector<std::string> row;
            for (const auto& h : headers) {
                const json::value* v = item.get_object().if_contains(h);
                row.push_back(v ? cell(*v) : "");
            }
            rows.push_back(std::move(row));
        }
        fmt::print("{}{}\n", printed ? "\n" : "", terminal_text(key));
        if (rows.empty())
            fmt::print("No data available.\n");
        else
            print_table(headers.empty() ? std::vector<std::string>{"Value"} : headers, rows);
        printed = true;
    }
    if (!scalars.empty()) {
        if (printed)
            fmt::print("\n");
        print_table({}, scalars);
    }
}

/// hvac history / hvac sessions. The library's hvac_history and hvac_sessions models hold no
/// member yet (no answer with content has been seen), so the attributes are read as sent: the
/// endpoint the model's table gives, with the query type/start/end (docs/api/endpoints.md,
/// "History queries").
int run_hvac_history(const global_options& g, const schedule_options& o, connection& c)
{
    const bool sessions = o.name == "hvac sessions";
    const bool by_day = sessions || o.period == "day";
    const auto from = parse_date(o.from, "--from");
    const auto to = parse_date(o.to, "--to");
    auto vehicle = resolve_vehicle(g, c);
    const endpoint_info* def = vehicle.get_endpoint_definition(sessions ? "hvac-sessions" : "hvac-history");
    std::string path = protocol::full_endpoint(*def) + "?";
    if (!sessions)
        path += fmt::format("type={}&", by_day ? "day" : "month");
    path += fmt::format("start={}&end={}", history_date(from, by_day), history_date(to, by_day));
    const raw_response response = vehicle.http_get(path);
    boost::system::error_code ec;
    const json::value body = json::parse(response.body, ec);
    const json::value* attributes = ec ? nullptr : body.find_pointer("/data/attributes", ec);
    if (!attributes || !attributes->is_object())
        throw error(errc::invalid_response, server_diagnostics{.message = "no data.attributes object in the answer"});
    if (g.json)
        print_json(*attributes);
    else
        print_attributes(attributes->get_object());
    return exit_ok;
}

} // namespace

void add_schedule_commands(CLI::App& charge, CLI::App& hvac, schedule_options& options)
{
    auto add = [&options](CLI::App& parent, const std::string& name, const std::string& full_name,
                          const std::string& help) {
        auto* sub = parent.add_subcommand(name, help);
        sub->parse_complete_callback([&options, full_name] { options.name = full_name; });
        return sub;
    };
    for (auto* parent : {&charge, &hvac}) {
        const bool is_charge = parent == &charge;
        const std::string prefix = is_charge ? "charge schedule " : "hvac schedule ";
        auto* schedule = parent->add_subcommand("schedule", is_charge ? "Charge schedules" : "HVAC schedules");
        schedule->require_subcommand(1);
        add(*schedule, "show", prefix + "show", "Show the schedules (times in local time)");
        auto* set = add(*schedule, "set", prefix + "set", "Change the days of a schedule; days not given stay");
        set->add_option("ID", options.id, "Schedule ID")->required();
        const std::string form = is_charge ? "HH:MM,DURATION (local time), Thh:mmZ,DURATION (UTC) or clear"
                                           : "HH:MM (local time), Thh:mmZ (UTC) or clear";
        for (std::size_t i = 0; i < 7; ++i)
            set->add_option_function<std::string>(
                "--" + std::string(days_of_week[i]), [&options, i](const std::string& v) { options.days[i] = v; },
                form);
        auto* activate = add(*schedule, "activate", prefix + "activate", "Activate a schedule");
        activate->add_option("ID", options.id, "Schedule ID")->required();
        auto* deactivate = add(*schedule, "deactivate", prefix + "deactivate", "Deactivate a schedule");
        deactivate->add_option("ID", options.id, "Schedule ID")->required();
    }
    auto* history = add(hvac, "history", "hvac history", "HVAC history");
    history->add_option("--from", options.from, "First day (YYYY-MM-DD, today, yesterday, N days|weeks|months ago)")->required();
    history->add_option("--to", options.to, "Last day (YYYY-MM-DD, today, yesterday, N days|weeks|months ago)")->required();
    history->add_option("--period", options.period, "day or month (default month)")
        ->check(CLI::IsMember({"day", "month"}));
    auto* sessions = add(hvac, "sessions", "hvac sessions", "HVAC sessions");
    sessions->add_option("--from", options.from, "First day (YYYY-MM-DD, today, yesterday, N days|weeks|months ago)")->required();
    sessions->add_option("--to", options.to, "Last day (YYYY-MM-DD, today, yesterday, N days|weeks|months ago)")->required();
}

int run_schedule_command(const global_options& g, const schedule_options& options)
{
    const std::string& name = options.name;
    const int offset = utc_offset_minutes();
    const bool charge = name.starts_with("charge schedule ");
    const std::string verb = name.substr(name.rfind(' ') + 1);
    // Bad values are usage errors before anything is read or sent.
    if (verb == "set" || verb == "activate" || verb == "deactivate")
        parse_schedule_id(options.id);
    if (verb == "set") {
        if (charge)
            parse_update<charge_day_schedule>(options, offset);
        else
            parse_update<hvac_day_schedule>(options, offset);
    }
    if (name == "hvac history" || name == "hvac sessions")
        check_period(parse_date(options.from, "--from"), parse_date(options.to, "--to"));
    auto store = open_store();
    auto c = connect(g, store);
    if (name == "hvac history" || name == "hvac sessions")
        return run_hvac_history(g, options, *c);
    auto vehicle = resolve_vehicle(g, *c);
    if (name == "charge schedule show")
        return run_charge_schedule_show(g, vehicle, offset);
    if (name == "hvac schedule show")
        return run_hvac_schedule_show(g, vehicle, offset);
    if (verb == "set" || verb == "activate" || verb == "deactivate")
        return run_schedule_change(g, options, vehicle, offset, charge, verb);
    throw usage_error{fmt::format("unknown command `{}`", name)};
}

} // namespace renault::cli
