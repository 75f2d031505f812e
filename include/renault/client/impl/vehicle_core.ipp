// The definitions of detail::vehicle_core (client/detail/vehicle_core.hpp). Included by that
// header in the header-only mode, compiled once by <renault/src.hpp>.
#pragma once

#include <renault/client/detail/vehicle_core.hpp>
#include <renault/endpoint_overrides.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstdio>

namespace renault::detail {

template <class Unused>
task<result<const endpoint_info*>> basic_vehicle_core<Unused>::resolve_op(std::string key)
{
    std::optional<std::string> cached_code;
    {
        std::lock_guard lock(cache_->mutex);
        for (const auto& [k, def] : cache_->resolved)
            if (k == key)
                co_return result<const endpoint_info*>{def, {}, {}};
        if (cache_->details)
            cached_code = std::string(model_code(*cache_->details).value_or(""));
    }
    if (!cached_code) {
        auto details = co_await details_op();
        if (!details)
            co_return fail(details);
        cached_code = std::string(model_code(details.value).value_or(""));
    }
    const std::string code = std::move(*cached_code);
    const auto r = resolve_endpoint(session_->options().endpoint_overrides.get(), code, key);
    if (r.lookup == endpoint_lookup::undocumented_model)
        session_->warn_once("model:" + code, "Model " + code + " is not documented, using default endpoints.");
    if (r.lookup == endpoint_lookup::undocumented_key)
        session_->warn_once("key:" + code + ":" + key, "Endpoint " + key + " for model " + code +
                                                           " is not documented, using default endpoints.");
    if (!r.definition)
        co_return fail(errc::endpoint_not_available, session::message_only(
                                                         "Endpoint '" + key + "' not available for model '" + code + "'"));
    {
        std::lock_guard lock(cache_->mutex);
        cache_->resolved.emplace_back(key, r.definition);
    }
    co_return result<const endpoint_info*>{r.definition, {}, {}};
}

template <class Unused>
task<result<vehicle_details>> basic_vehicle_core<Unused>::details_op()
{
    {
        std::lock_guard lock(cache_->mutex);
        if (cache_->details)
            co_return result<vehicle_details>{*cache_->details, {}, {}};
    }
    auto r = co_await get_model<vehicle_details, body_shape::flat>(endpoints::vehicle_details::info, protocol::params());
    if (r) {
        std::lock_guard lock(cache_->mutex);
        cache_->details = r.value;
    }
    co_return r;
}

template <class Unused>
task<result<car_adapter>> basic_vehicle_core<Unused>::car_adapter_op()
{
    {
        std::lock_guard lock(cache_->mutex);
        if (cache_->adapter)
            co_return result<car_adapter>{*cache_->adapter, {}, {}};
    }
    auto r = co_await get_model<car_adapter, body_shape::data>(endpoints::car_adapter::info, protocol::params());
    if (r) {
        std::lock_guard lock(cache_->mutex);
        cache_->adapter = r.value;
    }
    co_return r;
}

template <class Unused>
task<result<std::vector<contract>>> basic_vehicle_core<Unused>::contracts_op()
{
    {
        std::lock_guard lock(cache_->mutex);
        if (cache_->contracts)
            co_return result<std::vector<contract>>{*cache_->contracts, {}, {}};
    }
    auto locale = session_->setting(credential_keys::locale);
    if (!locale)
        co_return fail(locale);
    auto r = co_await get_model<contract, body_shape::array>(endpoints::contracts::info, locale_query(locale.value));
    if (r && !r.value.empty()) {
        std::lock_guard lock(cache_->mutex);
        cache_->contracts = r.value;
    }
    co_return r;
}

template <class Unused>
task<result<bool>> basic_vehicle_core<Unused>::supports_endpoint_op(std::string key)
{
    auto r = co_await resolve_op(std::move(key));
    if (r.ec == errc::endpoint_not_available)
        co_return result<bool>{false, {}, {}};
    if (!r)
        co_return fail(r);
    co_return result<bool>{true, {}, {}};
}

template <class Unused>
task<result<charge_schedule_result>> basic_vehicle_core<Unused>::charge_schedule_op()
{
    auto def = co_await resolve_op("charge-schedule");
    if (!def)
        co_return fail(def);
    charge_schedule_result out;
    out.mode = def.value->mode;
    if (def.value->mode == endpoint_mode::kcm_settings) {
        auto r = co_await get_model<ev_settings, body_shape::flat>(endpoints::charge_schedule_via_settings::info, protocol::params());
        if (!r)
            co_return fail(r);
        out.settings = std::move(r.value);
    } else {
        auto r = co_await get_model<charge_schedule_calendar, body_shape::data>(*def.value, protocol::params());
        if (!r)
            co_return fail(r);
        out.calendar = std::move(r.value);
    }
    co_return result<charge_schedule_result>{std::move(out), {}, {}};
}

template <class Unused>
task<result<action_response>> basic_vehicle_core<Unused>::charge_mode_op(std::string mode)
{
    charge_mode_action attrs;
    attrs.action = open_enum<charge_mode>::from_raw(std::move(mode));
    return data_action("actions/charge-set-mode", std::move(attrs));
}

template <class Unused>
task<result<action_response>> basic_vehicle_core<Unused>::charge_schedules_op(std::vector<charge_schedule> schedules)
{
    charge_schedule_action attrs;
    attrs.schedules = std::move(schedules);
    return data_action("actions/charge-set-schedule", std::move(attrs));
}

template <class Unused>
task<result<action_response>> basic_vehicle_core<Unused>::hvac_schedules_op(std::vector<hvac_schedule> schedules)
{
    hvac_schedule_action attrs;
    attrs.schedules = std::move(schedules);
    return data_action("actions/hvac-set-schedule", std::move(attrs));
}

template <class Unused>
task<result<action_response>> basic_vehicle_core<Unused>::charge_start_op(std::optional<std::chrono::sys_seconds> when)
{
    auto def = co_await resolve_op("actions/charge-start");
    if (!def)
        co_return fail(def);
    switch (def.value->mode) {
    case endpoint_mode::kcm_settings: {
        // Read ev/settings, deactivate every program, send the whole object back as read.
        auto settings = co_await get(endpoints::charge_schedule_via_settings::info, protocol::params());
        if (!settings)
            co_return fail(settings);
        auto body = ev_settings_charge_start_body(settings.value);
        if (!body)
            co_return fail(body);
        co_return co_await post(*def.value, std::move(body.value));
    }
    case endpoint_mode::kcm_pause_resume: {
        charge_pause_resume_action attrs;
        attrs.action = pause_resume_action::resume;
        co_return co_await post(*def.value, data_body_json(*def.value, std::move(attrs)));
    }
    default: {
        charging_start_action attrs;
        attrs.action = charging_action::start;
        if (def.value->mode == endpoint_mode::kcm && when)
            attrs.start_date_time = format_utc(*when);
        co_return co_await post(*def.value, data_body_json(*def.value, std::move(attrs)));
    }
    }
}

template <class Unused>
task<result<action_response>> basic_vehicle_core<Unused>::charge_stop_op()
{
    auto def = co_await resolve_op("actions/charge-stop");
    if (!def)
        co_return fail(def);
    if (def.value->mode == endpoint_mode::kcm_pause_resume) {
        charge_pause_resume_action attrs;
        attrs.action = pause_resume_action::pause;
        co_return co_await post(*def.value, data_body_json(*def.value, std::move(attrs)));
    }
    charging_start_action attrs;
    attrs.action = charging_action::stop;
    co_return co_await post(*def.value, data_body_json(*def.value, std::move(attrs)));
}

template <class Unused>
task<result<action_response>> basic_vehicle_core<Unused>::ac_start_op(double temperature, std::optional<std::chrono::sys_seconds> when)
{
    hvac_start_action attrs;
    attrs.action = hvac_action::start;
    attrs.target_temperature = temperature;
    if (when)
        attrs.start_date_time = format_utc(*when);
    return data_action("actions/hvac-start", std::move(attrs));
}

template <class Unused>
task<result<action_response>> basic_vehicle_core<Unused>::ac_stop_op()
{
    auto def = co_await resolve_op("actions/hvac-stop");
    if (!def)
        co_return fail(def);
    hvac_start_action attrs;
    attrs.action = def.value->mode == endpoint_mode::kca_stop ? hvac_action::stop : hvac_action::cancel;
    co_return co_await post(*def.value, data_body_json(*def.value, std::move(attrs)));
}

template <class Unused>
task<result<action_response>> basic_vehicle_core<Unused>::refresh_location_op()
{
    auto def = co_await resolve_op("actions/refresh-location");
    if (!def)
        co_return fail(def);
    co_return co_await post(*def.value, encode(make_data_body(std::string(def.value->request_type)), request_encoding()));
}

template <class Unused>
task<result<action_response>> basic_vehicle_core<Unused>::battery_soc_op(int min, int target)
{
    boost::system::error_code ec;
    std::string message;
    validate_soc_levels(min, target, ec, message);
    if (ec)
        co_return fail(ec, session::message_only(message));
    auto def = co_await resolve_op("soc-levels"); // availability of the KCM soc-levels endpoint
    if (!def)
        co_return fail(def);
    soc_levels body;
    body.soc_min = min;
    body.soc_target = target;
    co_return co_await post(endpoints::soc_levels_set::info, encode(body, request_encoding()));
}

template <class Unused>
task<result<raw_response>> basic_vehicle_core<Unused>::read_key_op(std::string key)
{
    auto def = co_await resolve_op(std::move(key));
    if (!def)
        co_return fail(def);
    auto resp = co_await get(*def.value, protocol::params());
    if (!resp)
        co_return fail(resp);
    co_return result<raw_response>{{resp.value.status, std::move(resp.value.body)}, {}, {}};
}

template <class Unused>
encode_options basic_vehicle_core<Unused>::request_encoding()
{
    encode_options o;
    o.request_body = true;
    return o;
}

RENAULT_DECL std::string format_history_date(std::chrono::year_month_day d, history_period period)
{
    char buf[16];
    if (period == history_period::month)
        std::snprintf(buf, sizeof buf, "%04d%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
    else
        std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                      static_cast<unsigned>(d.day()));
    return buf;
}

RENAULT_DECL std::string format_utc(std::chrono::sys_seconds t)
{
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{t - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

RENAULT_DECL result<action_response> parse_action(const http::response& resp, const endpoint_info& def)
{
    action_response a;
    a.mode = def.mode;
    a.body = resp.body;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(resp.body, ec);
    if (ec) {
        server_diagnostics d;
        d.http_status = resp.status;
        d.excerpt = protocol::excerpt(resp.body);
        return fail(errc::invalid_json, std::move(d));
    }
    if (def.response_shape != body_shape::data) {
        a.attributes = resp.body;
        return {std::move(a), {}, {}};
    }
    a.attributes = "{}";
    if (const auto* obj = v.if_object()) {
        if (const auto* data = obj->if_contains("data"); data && data->is_object()) {
            const auto& d = data->get_object();
            if (const auto* t = d.if_contains("type"); t && t->is_string())
                a.type = std::string(t->get_string());
            if (const auto* id = d.if_contains("id"); id && id->is_string())
                a.id = std::string(id->get_string());
            if (const auto* attrs = d.if_contains("attributes"); attrs && !attrs->is_null())
                a.attributes = boost::json::serialize(*attrs);
        }
    }
    return {std::move(a), {}, {}};
}

namespace rmw {

/// The body of a read as a JSON object; errc::invalid_response (with an excerpt) otherwise.
RENAULT_DECL result<boost::json::object> read_object(const http::response& resp)
{
    boost::system::error_code ec;
    boost::json::parse_options options;
    options.max_depth = 64;
    boost::json::value v = boost::json::parse(resp.body, ec, {}, options);
    if (ec || !v.is_object()) {
        server_diagnostics d;
        d.http_status = resp.status;
        d.message = "the settings read are not a JSON object";
        d.excerpt = protocol::excerpt(resp.body);
        return fail(errc::invalid_response, std::move(d));
    }
    return {std::move(v.get_object()), {}, {}};
}

/// A typed value as the JSON object the request encoding gives.
template <class Model>
boost::json::object object_of(const Model& m)
{
    encode_options o;
    o.request_body = true;
    boost::json::value v = boost::json::parse(encode(m, o));
    return std::move(v.get_object());
}

RENAULT_DECL bool has_id(const boost::json::value& schedule, std::int64_t id)
{
    const auto* obj = schedule.if_object();
    const auto* v = obj ? obj->if_contains("id") : nullptr;
    if (!v)
        return false;
    if (v->is_int64())
        return v->get_int64() == id;
    if (v->is_uint64())
        return id >= 0 && v->get_uint64() == static_cast<std::uint64_t>(id);
    if (v->is_double())
        return v->get_double() == static_cast<double>(id);
    return false;
}

/// `schedule` with its members in the order the API writes them (id, activated, the seven days,
/// null when empty), then the members the schema does not know, as read.
RENAULT_DECL boost::json::object ordered_schedule(const boost::json::object& schedule)
{
    boost::json::object out;
    for (std::string_view key : {"id", "activated"})
        if (const auto* v = schedule.if_contains(key))
            out[key] = *v;
    for (std::string_view day : days_of_week) {
        const auto* v = schedule.if_contains(day);
        out[day] = v ? *v : boost::json::value(nullptr);
    }
    for (const auto& member : schedule)
        if (!out.contains(member.key()))
            out[member.key()] = member.value();
    return out;
}

/// Applies `update` to the schedule object: activation, days cleared (null) or set (the day's
/// members written over the day as read, so that its unknown members stay).
template <class Day>
void apply(boost::json::object& schedule, const schedule_update<Day>& update)
{
    if (update.activated)
        schedule["activated"] = *update.activated;
    for (std::size_t i = 0; i < 7; ++i) {
        const auto& change = update.days[i];
        const std::string_view day = days_of_week[i];
        if (change.what == day_change<Day>::action::clear) {
            schedule[day] = nullptr;
        } else if (change.what == day_change<Day>::action::set) {
            boost::json::object patched;
            if (const auto* old = schedule.if_contains(day); old && old->is_object())
                patched = old->get_object();
            for (const auto& member : object_of(change.day))
                patched[member.key()] = member.value();
            schedule[day] = std::move(patched);
        }
    }
}

template <class Schedule, class Day>
result<std::string> schedule_body(const http::response& settings, std::string_view request_type,
                                  const schedule_update<Day>& update)
{
    if (!detail::update_is_valid(update))
        return fail(errc::invalid_argument,
                    session::message_only("invalid schedule update (an id is needed, and complete days)"));
    auto root = read_object(settings);
    if (!root)
        return fail(root);
    boost::json::array schedules;
    if (const auto* data = root.value.if_contains("data"); data && data->is_object())
        if (const auto* attrs = data->get_object().if_contains("attributes"); attrs && attrs->is_object())
            if (const auto* list = attrs->get_object().if_contains("schedules"); list && list->is_array())
                schedules = list->get_array();
    bool found = false;
    for (auto& item : schedules) {
        if (!item.is_object())
            continue; // sent back as read
        if (!found && has_id(item, update.id)) {
            apply(item.get_object(), update);
            found = true;
        }
        item = ordered_schedule(item.get_object());
    }
    if (!found && !update.create)
        return fail(errc::invalid_argument,
                    session::message_only(schedules.empty() ? std::string("No schedules found.")
                                                            : "Schedule id " + std::to_string(update.id) + " not found."));
    if (!found) {
        Schedule created;
        created.id = update.id;
        created.activated = update.activated.value_or(false);
        detail::apply(created, update);
        schedules.push_back(ordered_schedule(object_of(created)));
    }
    boost::json::object attributes;
    attributes["schedules"] = std::move(schedules);
    boost::json::object data;
    data["type"] = request_type;
    data["attributes"] = std::move(attributes);
    boost::json::object body;
    body["data"] = std::move(data);
    return {boost::json::serialize(body), {}, {}};
}

} // namespace rmw

RENAULT_DECL result<std::string> ev_settings_charge_start_body(const http::response& settings)
{
    auto root = rmw::read_object(settings);
    if (!root)
        return fail(root);
    if (auto* programs = root.value.if_contains("programs"); programs && programs->is_array())
        for (auto& program : programs->get_array())
            if (program.is_object())
                program.get_object()["programActivationStatus"] = false;
    return {boost::json::serialize(root.value), {}, {}};
}

RENAULT_DECL result<std::string> schedule_action_body(const http::response& settings, std::string_view request_type,
                                                      const charge_schedule_update& update)
{
    return rmw::schedule_body<charge_schedule>(settings, request_type, update);
}

RENAULT_DECL result<std::string> schedule_action_body(const http::response& settings, std::string_view request_type,
                                                      const hvac_schedule_update& update)
{
    return rmw::schedule_body<hvac_schedule>(settings, request_type, update);
}

template <class Unused>
basic_vehicle_core<Unused>::basic_vehicle_core(std::shared_ptr<session> s, std::string account_id, std::string vin,
                 std::optional<vehicle_details> details)
        : session_(std::move(s)), account_id_(std::move(account_id)), vin_(std::move(vin)),
          cache_(std::make_shared<vehicle_cache>())
{
    cache_->details = std::move(details);
}

template <class Unused>
task<result<charge_history>> basic_vehicle_core<Unused>::charge_history_op(std::chrono::year_month_day start, std::chrono::year_month_day end,
                                                           history_period period)
{
    return history<charge_history>(endpoints::charge_history::info, start, end, period, true);
}

template <class Unused>
task<result<charges>> basic_vehicle_core<Unused>::charges_op(std::chrono::year_month_day start, std::chrono::year_month_day end)
{
    return history<charges>(endpoints::charges::info, start, end, history_period::day, false);
}

template <class Unused>
task<result<hvac_history>> basic_vehicle_core<Unused>::hvac_history_op(std::chrono::year_month_day start, std::chrono::year_month_day end,
                                                       history_period period)
{
    return history<hvac_history>(endpoints::hvac_history::info, start, end, period, true);
}

template <class Unused>
task<result<hvac_sessions>> basic_vehicle_core<Unused>::hvac_sessions_op(std::chrono::year_month_day start, std::chrono::year_month_day end)
{
    return history<hvac_sessions>(endpoints::hvac_sessions::info, start, end, history_period::day, false);
}

template <class Unused>
task<result<charge_schedule_change>> basic_vehicle_core<Unused>::update_charge_schedule_op(charge_schedule_update update)
{
    return update_schedule<endpoints::charging_settings, charge_schedule>(std::move(update), "actions/charge-set-schedule");
}

template <class Unused>
task<result<hvac_schedule_change>> basic_vehicle_core<Unused>::update_hvac_schedule_op(hvac_schedule_update update)
{
    return update_schedule<endpoints::hvac_settings, hvac_schedule>(std::move(update), "actions/hvac-set-schedule");
}

template <class Unused>
task<result<raw_response>> basic_vehicle_core<Unused>::http_post_op(std::string path, std::string json_body)
{
    return raw(http::method::post, std::move(path), std::move(json_body));
}

template <class Unused>
task<result<http::response>> basic_vehicle_core<Unused>::get(const endpoint_info& def, protocol::params query)
{
    auto target = session_->target(account_id_, vin_);
    if (!target)
        co_return fail(target);
    co_return co_await session_->call(read_call(protocol::kamereon_request(def, target.value, query)));
}

template <class Unused>
task<result<action_response>> basic_vehicle_core<Unused>::post(const endpoint_info& def, std::string body)
{
    auto target = session_->target(account_id_, vin_);
    if (!target)
        co_return fail(target);
    auto resp = co_await session_->call(action_call(protocol::kamereon_request(def, target.value, protocol::params(), std::move(body))));
    if (!resp)
        co_return fail(resp);
    co_return parse_action(resp.value, def);
}

template <class Unused>
task<result<action_response>> basic_vehicle_core<Unused>::horn_lights(std::string key, horn_lights_target target)
{
    horn_lights_action attrs;
    attrs.action = "start";
    attrs.target = target;
    return data_action(std::move(key), std::move(attrs));
}

template <class Unused>
task<result<raw_response>> basic_vehicle_core<Unused>::raw(http::method method, std::string path, std::string body)
{
    auto target = session_->target(account_id_, vin_);
    if (!target)
        co_return fail(target);
    auto req = protocol::kamereon_raw_request(method, path, target.value, std::move(body));
    kamereon_call c = method == http::method::post ? action_call(std::move(req)) : read_call(std::move(req));
    auto resp = co_await session_->call(std::move(c));
    if (!resp)
        co_return fail(resp);
    co_return result<raw_response>{{resp.value.status, std::move(resp.value.body)}, {}, {}};
}

} // namespace renault::detail
