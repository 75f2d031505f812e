// basic_vehicle<Backend>: one vehicle of an account — every data getter and action of
// RENAULT_API.md §2.5, resolved through the per-model endpoint table. The named forms come from
// schema/operations.yaml (generated vehicle_operations); each is one coroutine here.
//
// A vehicle object must outlive the operations started on it (like an Asio I/O object). Copies
// share the cache (details, car adapter, contracts).
#pragma once

#include <renault/client/runner.hpp>
#include <renault/client/types.hpp>
#include <renault/generated/operations.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <cstdio>
#include <mutex>

namespace renault {

namespace detail {

/// "20201208" (day) or "202012" (month).
inline std::string format_history_date(std::chrono::year_month_day d, history_period period)
{
    char buf[16];
    if (period == history_period::month)
        std::snprintf(buf, sizeof buf, "%04d%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
    else
        std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                      static_cast<unsigned>(d.day()));
    return buf;
}

/// "2026-11-25T07:30:00Z".
inline std::string format_utc(std::chrono::sys_seconds t)
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

/// The model a trait's response holds: the model, or a vector of it for array bodies.
template <class Trait>
using read_value_t = std::conditional_t<Trait::info.response_shape == body_shape::array,
                                        std::vector<typename Trait::response_model>, typename Trait::response_model>;

/// Decodes a read's body into the model (for data bodies, `data.attributes`; absent → empty model).
template <class Model, body_shape Shape>
result<std::conditional_t<Shape == body_shape::array, std::vector<Model>, Model>> decode_model(const http::response& resp,
                                                                                               const logger& log)
{
    if constexpr (Shape == body_shape::data) {
        auto body = decode_response<data_body<Model>>(resp, log);
        if (!body)
            return fail(body);
        const Model* m = model_in(body.value);
        return {m ? *m : Model{}, {}, {}};
    } else if constexpr (Shape == body_shape::array) {
        return decode_response<std::vector<Model>>(resp, log);
    } else {
        return decode_response<Model>(resp, log);
    }
}

/// Splits an action's answer into type, id and attributes (RENAULT_API.md §6.4).
inline result<action_response> parse_action(const http::response& resp, const endpoint_info& def)
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

struct vehicle_cache {
    std::mutex mutex;
    std::optional<vehicle_details> details;
    std::optional<car_adapter> adapter;
    std::optional<std::vector<contract>> contracts;
    /// Endpoint keys already resolved for the vehicle's model (available ones only).
    std::vector<std::pair<std::string, const endpoint_info*>> resolved;
};

} // namespace detail

template <http::HttpBackend Backend>
class basic_vehicle : public detail::runner<Backend>, public vehicle_operations<basic_vehicle<Backend>> {
    using runner = detail::runner<Backend>;
    using runner::session_;

public:
    basic_vehicle(Backend& backend, std::shared_ptr<detail::session> s, std::string account_id, std::string vin,
                  std::optional<vehicle_details> details = std::nullopt)
        : runner(backend, std::move(s)), account_id_(std::move(account_id)), vin_(std::move(vin)),
          cache_(std::make_shared<detail::vehicle_cache>())
    {
        cache_->details = std::move(details);
    }

    const std::string& account_id() const noexcept { return account_id_; }
    const std::string& vin() const noexcept { return vin_; }

    /// The definition the model's table gives for `key` (reading the details when not cached):
    /// errc::endpoint_not_available when the model does not offer it.
    detail::task<result<const endpoint_info*>> resolve_op(std::string key)
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
            co_return fail(errc::endpoint_not_available, detail::session::message_only(
                                                             "Endpoint '" + key + "' not available for model '" + code + "'"));
        {
            std::lock_guard lock(cache_->mutex);
            cache_->resolved.emplace_back(key, r.definition);
        }
        co_return result<const endpoint_info*>{r.definition, {}, {}};
    }

    // --- identity ------------------------------------------------------------------------------

    detail::task<result<vehicle_details>> details_op()
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

    detail::task<result<car_adapter>> car_adapter_op()
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

    detail::task<result<std::vector<contract>>> contracts_op()
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

    detail::task<result<bool>> supports_endpoint_op(std::string key)
    {
        auto r = co_await resolve_op(std::move(key));
        if (r.ec == errc::endpoint_not_available)
            co_return result<bool>{false, {}, {}};
        if (!r)
            co_return fail(r);
        co_return result<bool>{true, {}, {}};
    }

    // --- data ----------------------------------------------------------------------------------

    /// Reads an endpoint of the table by the trait's key, decoded as the trait's model.
    template <class Trait>
    detail::task<result<detail::read_value_t<Trait>>> read_model()
    {
        auto def = co_await resolve_op(std::string(Trait::info.key));
        if (!def)
            co_return fail(def);
        co_return co_await get_model<typename Trait::response_model, Trait::info.response_shape>(*def.value, protocol::params());
    }

    detail::task<result<charge_schedule_result>> charge_schedule_op()
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

    detail::task<result<charge_history>> charge_history_op(std::chrono::year_month_day start, std::chrono::year_month_day end,
                                                           history_period period)
    {
        return history<charge_history>(endpoints::charge_history::info, start, end, period, true);
    }
    detail::task<result<charges>> charges_op(std::chrono::year_month_day start, std::chrono::year_month_day end)
    {
        return history<charges>(endpoints::charges::info, start, end, history_period::day, false);
    }
    detail::task<result<hvac_history>> hvac_history_op(std::chrono::year_month_day start, std::chrono::year_month_day end,
                                                       history_period period)
    {
        return history<hvac_history>(endpoints::hvac_history::info, start, end, period, true);
    }
    detail::task<result<hvac_sessions>> hvac_sessions_op(std::chrono::year_month_day start, std::chrono::year_month_day end)
    {
        return history<hvac_sessions>(endpoints::hvac_sessions::info, start, end, history_period::day, false);
    }

    // --- actions -------------------------------------------------------------------------------

    detail::task<result<action_response>> charge_mode_op(std::string mode)
    {
        charge_mode_action attrs;
        attrs.action = open_enum<charge_mode>::from_raw(std::move(mode));
        return data_action("actions/charge-set-mode", std::move(attrs));
    }

    detail::task<result<action_response>> charge_schedules_op(std::vector<charge_schedule> schedules)
    {
        charge_schedule_action attrs;
        attrs.schedules = std::move(schedules);
        return data_action("actions/charge-set-schedule", std::move(attrs));
    }

    detail::task<result<action_response>> update_charge_schedule_op(charge_schedule_update update)
    {
        return update_schedule<endpoints::charging_settings>(std::move(update), &basic_vehicle::charge_schedules_op);
    }

    detail::task<result<action_response>> hvac_schedules_op(std::vector<hvac_schedule> schedules)
    {
        hvac_schedule_action attrs;
        attrs.schedules = std::move(schedules);
        return data_action("actions/hvac-set-schedule", std::move(attrs));
    }

    detail::task<result<action_response>> update_hvac_schedule_op(hvac_schedule_update update)
    {
        return update_schedule<endpoints::hvac_settings>(std::move(update), &basic_vehicle::hvac_schedules_op);
    }

    detail::task<result<action_response>> charge_start_op(std::optional<std::chrono::sys_seconds> when)
    {
        auto def = co_await resolve_op("actions/charge-start");
        if (!def)
            co_return fail(def);
        switch (def.value->mode) {
        case endpoint_mode::kcm_settings: {
            // Read ev/settings, deactivate every program, send the whole object back.
            auto settings = co_await get_model<ev_settings, body_shape::flat>(endpoints::charge_schedule_via_settings::info, protocol::params());
            if (!settings)
                co_return fail(settings);
            if (settings.value.programs)
                for (auto& p : *settings.value.programs)
                    p.program_activation_status = false;
            co_return co_await post(*def.value, encode(settings.value, request_encoding()));
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
                attrs.start_date_time = detail::format_utc(*when);
            co_return co_await post(*def.value, data_body_json(*def.value, std::move(attrs)));
        }
        }
    }

    detail::task<result<action_response>> charge_stop_op()
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

    detail::task<result<action_response>> ac_start_op(double temperature, std::optional<std::chrono::sys_seconds> when)
    {
        hvac_start_action attrs;
        attrs.action = hvac_action::start;
        attrs.target_temperature = temperature;
        if (when)
            attrs.start_date_time = detail::format_utc(*when);
        return data_action("actions/hvac-start", std::move(attrs));
    }

    detail::task<result<action_response>> ac_stop_op()
    {
        auto def = co_await resolve_op("actions/hvac-stop");
        if (!def)
            co_return fail(def);
        hvac_start_action attrs;
        attrs.action = def.value->mode == endpoint_mode::kca_stop ? hvac_action::stop : hvac_action::cancel;
        co_return co_await post(*def.value, data_body_json(*def.value, std::move(attrs)));
    }

    detail::task<result<action_response>> horn_op() { return horn_lights("actions/horn-start", horn_lights_target::horn); }
    detail::task<result<action_response>> lights_op() { return horn_lights("actions/lights-start", horn_lights_target::lights); }

    detail::task<result<action_response>> refresh_location_op()
    {
        auto def = co_await resolve_op("actions/refresh-location");
        if (!def)
            co_return fail(def);
        co_return co_await post(*def.value, encode(make_data_body(std::string(def.value->request_type)), request_encoding()));
    }

    detail::task<result<action_response>> battery_soc_op(int min, int target)
    {
        boost::system::error_code ec;
        std::string message;
        validate_soc_levels(min, target, ec, message);
        if (ec)
            co_return fail(ec, detail::session::message_only(message));
        auto def = co_await resolve_op("soc-levels"); // availability of the KCM soc-levels endpoint
        if (!def)
            co_return fail(def);
        soc_levels body;
        body.soc_min = min;
        body.soc_target = target;
        co_return co_await post(endpoints::soc_levels_set::info, encode(body, request_encoding()));
    }

    // --- raw -----------------------------------------------------------------------------------

    detail::task<result<raw_response>> http_get_op(std::string path) { return raw(http::method::get, std::move(path), {}); }
    detail::task<result<raw_response>> http_post_op(std::string path, std::string json_body)
    {
        return raw(http::method::post, std::move(path), std::move(json_body));
    }

    detail::task<result<raw_response>> read_key_op(std::string key)
    {
        auto def = co_await resolve_op(std::move(key));
        if (!def)
            co_return fail(def);
        auto resp = co_await get(*def.value, protocol::params());
        if (!resp)
            co_return fail(resp);
        co_return result<raw_response>{{resp.value.status, std::move(resp.value.body)}, {}, {}};
    }

private:
    static protocol::params locale_query(const std::string& locale) { return {{"locale", locale}}; }

    static encode_options request_encoding()
    {
        encode_options o;
        o.request_body = true;
        return o;
    }

    template <class Model>
    static std::string data_body_json(const endpoint_info& def, Model attrs)
    {
        return encode(make_data_body(std::string(def.request_type), std::move(attrs)), request_encoding());
    }

    detail::task<result<http::response>> get(const endpoint_info& def, protocol::params query)
    {
        auto target = session_->target(account_id_, vin_);
        if (!target)
            co_return fail(target);
        co_return co_await session_->call(detail::read_call(protocol::kamereon_request(def, target.value, query)));
    }

    template <class Model, body_shape Shape>
    detail::task<result<std::conditional_t<Shape == body_shape::array, std::vector<Model>, Model>>>
    get_model(const endpoint_info& def, protocol::params query)
    {
        auto resp = co_await get(def, std::move(query));
        if (!resp)
            co_return fail(resp);
        co_return detail::decode_model<Model, Shape>(resp.value, session_->log());
    }

    template <class Model>
    detail::task<result<Model>> history(const endpoint_info& def, std::chrono::year_month_day start,
                                        std::chrono::year_month_day end, history_period period, bool with_type)
    {
        if (!start.ok() || !end.ok())
            co_return fail(errc::invalid_argument, detail::session::message_only("invalid start or end date"));
        protocol::params query;
        if (with_type)
            query.emplace_back("type", period == history_period::day ? "day" : "month");
        query.emplace_back("start", detail::format_history_date(start, period));
        query.emplace_back("end", detail::format_history_date(end, period));
        co_return co_await get_model<Model, body_shape::data>(def, std::move(query));
    }

    /// Reads the settings, applies a schedule update (RENAULT_API.md §6.6), sends all schedules.
    template <class SettingsTrait, class Update, class Schedule>
    detail::task<result<action_response>> update_schedule(
        Update update, detail::task<result<action_response>> (basic_vehicle::*send)(std::vector<Schedule>))
    {
        auto settings = co_await read_model<SettingsTrait>();
        if (!settings)
            co_return fail(settings);
        boost::system::error_code ec;
        update_schedules(settings.value, update, ec);
        if (ec)
            co_return fail(ec, detail::session::message_only("invalid schedule update (an id is needed, and complete days)"));
        auto schedules = settings.value.schedules.value_or(std::vector<Schedule>());
        co_return co_await (this->*send)(std::move(schedules));
    }

    detail::task<result<action_response>> post(const endpoint_info& def, std::string body)
    {
        auto target = session_->target(account_id_, vin_);
        if (!target)
            co_return fail(target);
        auto resp = co_await session_->call(detail::action_call(protocol::kamereon_request(def, target.value, protocol::params(), std::move(body))));
        if (!resp)
            co_return fail(resp);
        co_return detail::parse_action(resp.value, def);
    }

    template <class Model>
    detail::task<result<action_response>> data_action(std::string key, Model attrs)
    {
        auto def = co_await resolve_op(std::move(key));
        if (!def)
            co_return fail(def);
        co_return co_await post(*def.value, data_body_json(*def.value, std::move(attrs)));
    }

    detail::task<result<action_response>> horn_lights(std::string key, horn_lights_target target)
    {
        horn_lights_action attrs;
        attrs.action = "start";
        attrs.target = target;
        return data_action(std::move(key), std::move(attrs));
    }

    detail::task<result<raw_response>> raw(http::method method, std::string path, std::string body)
    {
        auto target = session_->target(account_id_, vin_);
        if (!target)
            co_return fail(target);
        auto req = protocol::kamereon_raw_request(method, path, target.value, std::move(body));
        kamereon_call c = method == http::method::post ? detail::action_call(std::move(req)) : detail::read_call(std::move(req));
        auto resp = co_await session_->call(std::move(c));
        if (!resp)
            co_return fail(resp);
        co_return result<raw_response>{{resp.value.status, std::move(resp.value.body)}, {}, {}};
    }

    std::string account_id_;
    std::string vin_;
    std::shared_ptr<detail::vehicle_cache> cache_;
};

} // namespace renault
