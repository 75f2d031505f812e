// Value types of the client operations that are not models of the API.
#pragma once

#include <renault/error.hpp>
#include <renault/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace renault {

/// Period of the history endpoints: one summary per day (dates as YYYYMMDD) or per month (YYYYMM).
/// Nothing: the value of operations that only succeed or fail.
struct none {};

/// The settings a session works with, resolved from options, store and locale table.
struct session_settings {
    std::string locale{};
    std::string country{};
    std::string gigya_root_url{};
    std::string gigya_api_key{};
    std::string kamereon_root_url{};
    std::string kamereon_api_key{};
};

enum class history_period { day, month };

/// The answer of an action: `data.type`, `data.id` and `data.attributes` (as JSON text) of a data
/// body, or the whole body for flat answers (KCM ev/settings, soc-levels). Decode `attributes`
/// with renault::decode<Model>() for a typed view.
struct action_response {
    endpoint_mode mode = endpoint_mode::default_mode; ///< which definition the model's table chose
    std::string type;
    std::string id;
    std::string attributes;
    std::string body;
};

/// A raw answer: the HTTP status and the body as the server sent it (after error checking).
struct raw_response {
    unsigned status = 0;
    std::string body;
};

/// The charge schedule in the form the model uses: the KCA calendar, or the KCM ev/settings for
/// kcm-settings models.
struct charge_schedule_result {
    endpoint_mode mode = endpoint_mode::default_mode;
    std::optional<charge_schedule_calendar> calendar;
    std::optional<ev_settings> settings;
};

/// What a schedule update (update_charge_schedule, update_hvac_schedule) did: the action's answer
/// and every schedule as it was sent — the schedules read, with the update applied (members the
/// library does not know were sent back too, untouched, but are not in this typed view).
template <class Schedule>
struct schedule_change {
    action_response response;
    std::vector<Schedule> schedules;
};
using charge_schedule_change = schedule_change<charge_schedule>;
using hvac_schedule_change = schedule_change<hvac_schedule>;

/// The URLs and API keys of a locale (from the built-in table or Renault's remote configuration).
struct locale_settings {
    std::string locale;
    std::string gigya_root_url;
    std::string gigya_api_key;
    std::string kamereon_root_url;
    std::string kamereon_api_key;
};

} // namespace renault
