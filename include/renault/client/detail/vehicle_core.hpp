// detail::vehicle_core: every data getter and action of a vehicle as one sans-io coroutine each
// (client/task.hpp), resolved through the per-model endpoint table. basic_vehicle<Backend>
// (client/vehicle.hpp) runs them; the core does not depend on the backend, so that it is compiled
// once in the separately compiled mode (client/impl/vehicle_core.ipp).
#pragma once

#include <renault/client/detail/session.hpp>
#include <renault/client/types.hpp>
#include <renault/detail/config.hpp>


#include <chrono>
#include <mutex>

namespace renault::detail {

/// "20201208" (day) or "202012" (month).
RENAULT_DECL std::string format_history_date(std::chrono::year_month_day d, history_period period);

/// "2026-11-25T07:30:00Z".
RENAULT_DECL std::string format_utc(std::chrono::sys_seconds t);

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

/// Splits an action's answer into type, id and attributes (docs/api/actions.md, "Answers").
RENAULT_DECL result<action_response> parse_action(const http::response& resp, const endpoint_info& def);

// Read-modify-write: the body sent back is the JSON that was read, with only the members the
// operation means to change patched in, so that members the schema does not know (at the top
// level, or inside a schedule, a day or a program) go back to the server untouched.

/// KCM charge start (kcm-settings): the ev/settings read, with `programActivationStatus` false in
/// every `programs[]` item. errc::invalid_response when the read is not a JSON object.
RENAULT_DECL result<std::string> ev_settings_charge_start_body(const http::response& settings);

/// The schedule action body (`{"data": {"type": request_type, "attributes": {"schedules": [...]}}}`)
/// made from the schedules of a charging-settings read (`data.attributes.schedules`) with `update`
/// applied as update_schedules() does: the schedule with the update's id changed (activation, the
/// days set or cleared), or a new one appended. Every schedule has its seven days (null when
/// empty). errc::invalid_argument for an incomplete day, errc::invalid_response when the read is
/// not a JSON object.
RENAULT_DECL result<std::string> schedule_action_body(const http::response& settings, std::string_view request_type,
                                                      const charge_schedule_update& update);
/// The same for hvac-settings and an HVAC schedule update.
RENAULT_DECL result<std::string> schedule_action_body(const http::response& settings, std::string_view request_type,
                                                      const hvac_schedule_update& update);

struct vehicle_cache {
    std::mutex mutex;
    std::optional<vehicle_details> details;
    std::optional<car_adapter> adapter;
    std::optional<std::vector<contract>> contracts;
    /// Endpoint keys already resolved for the vehicle's model (available ones only).
    std::vector<std::pair<std::string, const endpoint_info*>> resolved;
};

/// The operations of a vehicle as sans-io coroutines, whatever the backend: basic_vehicle<Backend>
/// runs them. Copies share the session and the cache.
///
/// A class template only so that, in the header-only mode, a program compiles the operations it
/// uses and no others; there is one specialisation, vehicle_core.
template <class Unused = void>
class basic_vehicle_core {
public:
    basic_vehicle_core(std::shared_ptr<session> s, std::string account_id, std::string vin,
                 std::optional<vehicle_details> details = std::nullopt);

    const std::shared_ptr<session>& session_ptr() const noexcept { return session_; }

    const std::string& account_id() const noexcept { return account_id_; }
    const std::string& vin() const noexcept { return vin_; }

    /// The definition the model's table gives for `key` (reading the details when not cached):
    /// errc::endpoint_not_available when the model does not offer it.
    task<result<const endpoint_info*>> resolve_op(std::string key);

    // --- identity ------------------------------------------------------------------------------

    task<result<vehicle_details>> details_op();

    task<result<car_adapter>> car_adapter_op();

    task<result<std::vector<contract>>> contracts_op();

    task<result<bool>> supports_endpoint_op(std::string key);

    // --- data ----------------------------------------------------------------------------------

    /// Reads an endpoint of the table by the trait's key, decoded as the trait's model.
    template <class Trait>
    task<result<read_value_t<Trait>>> read_model()
    {
        auto def = co_await resolve_op(std::string(Trait::info.key));
        if (!def)
            co_return fail(def);
        co_return co_await get_model<typename Trait::response_model, Trait::info.response_shape>(*def.value, protocol::params());
    }

    task<result<charge_schedule_result>> charge_schedule_op();

    task<result<charge_history>> charge_history_op(std::chrono::year_month_day start, std::chrono::year_month_day end,
                                                           history_period period);
    task<result<charges>> charges_op(std::chrono::year_month_day start, std::chrono::year_month_day end);
    task<result<hvac_history>> hvac_history_op(std::chrono::year_month_day start, std::chrono::year_month_day end,
                                                       history_period period);
    task<result<hvac_sessions>> hvac_sessions_op(std::chrono::year_month_day start, std::chrono::year_month_day end);

    // --- actions -------------------------------------------------------------------------------

    task<result<action_response>> charge_mode_op(std::string mode);

    task<result<action_response>> charge_schedules_op(std::vector<charge_schedule> schedules);

    task<result<charge_schedule_change>> update_charge_schedule_op(charge_schedule_update update);

    task<result<action_response>> hvac_schedules_op(std::vector<hvac_schedule> schedules);

    task<result<hvac_schedule_change>> update_hvac_schedule_op(hvac_schedule_update update);

    task<result<action_response>> charge_start_op(std::optional<std::chrono::sys_seconds> when);

    task<result<action_response>> charge_stop_op();

    task<result<action_response>> ac_start_op(double temperature, std::optional<std::chrono::sys_seconds> when);

    task<result<action_response>> ac_stop_op();

    task<result<action_response>> horn_op() { return horn_lights("actions/horn-start", horn_lights_target::horn); }
    task<result<action_response>> lights_op() { return horn_lights("actions/lights-start", horn_lights_target::lights); }

    task<result<action_response>> refresh_location_op();

    task<result<action_response>> battery_soc_op(int min, int target);

    // --- raw -----------------------------------------------------------------------------------

    task<result<raw_response>> http_get_op(std::string path) { return raw(http::method::get, std::move(path), {}); }
    task<result<raw_response>> http_post_op(std::string path, std::string json_body);

    task<result<raw_response>> read_key_op(std::string key);

private:
    static protocol::params locale_query(const std::string& locale) { return {{"locale", locale}}; }

    static encode_options request_encoding();

    template <class Model>
    static std::string data_body_json(const endpoint_info& def, Model attrs)
    {
        return encode(make_data_body(std::string(def.request_type), std::move(attrs)), request_encoding());
    }

    task<result<http::response>> get(const endpoint_info& def, protocol::params query);

    template <class Model, body_shape Shape>
    task<result<std::conditional_t<Shape == body_shape::array, std::vector<Model>, Model>>>
    get_model(const endpoint_info& def, protocol::params query)
    {
        auto resp = co_await get(def, std::move(query));
        if (!resp)
            co_return fail(resp);
        co_return decode_model<Model, Shape>(resp.value, session_->log());
    }

    template <class Model>
    task<result<Model>> history(const endpoint_info& def, std::chrono::year_month_day start,
                                        std::chrono::year_month_day end, history_period period, bool with_type)
    {
        if (!start.ok() || !end.ok())
            co_return fail(errc::invalid_argument, session::message_only("invalid start or end date"));
        protocol::params query;
        if (with_type)
            query.emplace_back("type", period == history_period::day ? "day" : "month");
        query.emplace_back("start", format_history_date(start, period));
        query.emplace_back("end", format_history_date(end, period));
        co_return co_await get_model<Model, body_shape::data>(def, std::move(query));
    }

    /// Reads the settings, applies a schedule update (docs/api/actions.md, "Changing a schedule")
    /// to the schedules as read, sends all of them (schedule_action_body); returns the answer and
    /// the schedules as sent.
    template <class SettingsTrait, class Schedule, class Update>
    task<result<schedule_change<Schedule>>> update_schedule(Update update, std::string action_key)
    {
        auto settings_def = co_await resolve_op(std::string(SettingsTrait::info.key));
        if (!settings_def)
            co_return fail(settings_def);
        auto action_def = co_await resolve_op(std::move(action_key));
        if (!action_def)
            co_return fail(action_def);
        auto settings = co_await get(*settings_def.value, protocol::params());
        if (!settings)
            co_return fail(settings);
        auto body = schedule_action_body(settings.value, action_def.value->request_type, update);
        if (!body)
            co_return fail(body);
        http::response sent;
        sent.status = 200;
        sent.body = body.value;
        auto as_sent = decode_model<typename SettingsTrait::response_model, body_shape::data>(sent, session_->log());
        if (!as_sent)
            co_return fail(as_sent);
        auto answer = co_await post(*action_def.value, std::move(body.value));
        if (!answer)
            co_return fail(answer);
        schedule_change<Schedule> change;
        change.response = std::move(answer.value);
        change.schedules = std::move(as_sent.value.schedules).value_or(std::vector<Schedule>{});
        co_return result<schedule_change<Schedule>>{std::move(change), {}, {}};
    }

    task<result<action_response>> post(const endpoint_info& def, std::string body);

    template <class Model>
    task<result<action_response>> data_action(std::string key, Model attrs)
    {
        auto def = co_await resolve_op(std::move(key));
        if (!def)
            co_return fail(def);
        co_return co_await post(*def.value, data_body_json(*def.value, std::move(attrs)));
    }

    task<result<action_response>> horn_lights(std::string key, horn_lights_target target);

    task<result<raw_response>> raw(http::method method, std::string path, std::string body);

    std::shared_ptr<session> session_;
    std::string account_id_;
    std::string vin_;
    std::shared_ptr<vehicle_cache> cache_;
};

using vehicle_core = basic_vehicle_core<>;

#if !RENAULT_HEADER_ONLY
extern template class basic_vehicle_core<void>;
#endif

} // namespace renault::detail

#if RENAULT_HEADER_ONLY
#include <renault/client/impl/vehicle_core.ipp>
#endif
