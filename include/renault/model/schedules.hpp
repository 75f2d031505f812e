// Charge and HVAC schedules: end times, and the update/create logic behind "charge schedule set",
// "activate" and "deactivate" (docs/api/actions.md, "Schedules").
#pragma once

#include <renault/error.hpp>
#include <renault/generated/model.hpp>

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renault {

/// The seven schedule days, in the API's order.
inline constexpr std::array<std::string_view, 7> days_of_week{
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// --- times -----------------------------------------------------------------------------------

/// Minutes since midnight of a "Thh:mmZ" time (also accepts "hh:mm"); std::nullopt when malformed.
inline std::optional<int> minutes_of_day(std::string_view time)
{
    if (!time.empty() && time.front() == 'T')
        time.remove_prefix(1);
    if (!time.empty() && time.back() == 'Z')
        time.remove_suffix(1);
    if (time.size() != 5 || time[2] != ':')
        return std::nullopt;
    int hours = 0;
    int minutes = 0;
    auto h = std::from_chars(time.data(), time.data() + 2, hours);
    auto m = std::from_chars(time.data() + 3, time.data() + 5, minutes);
    if (h.ec != std::errc{} || h.ptr != time.data() + 2 || m.ec != std::errc{} || m.ptr != time.data() + 5)
        return std::nullopt;
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
        return std::nullopt;
    return hours * 60 + minutes;
}

/// "Thh:mmZ" for a number of minutes, wrapped to one day (1470 → "T00:30Z", -30 → "T23:30Z").
inline std::string format_time_of_day(std::int64_t total_minutes)
{
    std::int64_t day = 24 * 60;
    std::int64_t m = ((total_minutes % day) + day) % day;
    char text[8] = {'T', char('0' + m / 600), char('0' + (m / 60) % 10), ':', char('0' + (m % 60) / 10),
                    char('0' + m % 10), 'Z', 0};
    return text;
}

/// The end of a slot that starts at "Thh:mmZ" and lasts `duration` minutes, wrapping at midnight
/// ("T23:30Z" + 60 → "T00:30Z"). std::nullopt when the start time is malformed.
inline std::optional<std::string> end_time(std::string_view start_time, std::int64_t duration)
{
    auto start = minutes_of_day(start_time);
    if (!start)
        return std::nullopt;
    return format_time_of_day(*start + duration);
}

/// The end time of a charge schedule day; std::nullopt without a (valid) start time.
inline std::optional<std::string> end_time(const charge_day_schedule& day)
{
    if (!day.start_time)
        return std::nullopt;
    return end_time(*day.start_time, day.duration.value_or(0));
}

/// Minutes since midnight of a KCA calendar time "HHMM" ("2300"); std::nullopt when malformed.
inline std::optional<int> minutes_of_calendar_time(std::string_view hhmm)
{
    if (hhmm.size() != 4)
        return std::nullopt;
    std::string text = std::string(hhmm.substr(0, 2)) + ":" + std::string(hhmm.substr(2));
    return minutes_of_day(text);
}

/// The end time "HHMM" of a KCA calendar slot (start "2300" + 480 min → "0700"), wrapping at
/// midnight. std::nullopt without a valid start time.
inline std::optional<std::string> end_time(const charge_calendar_slot& slot)
{
    if (!slot.start_time)
        return std::nullopt;
    auto start = minutes_of_calendar_time(*slot.start_time);
    if (!start)
        return std::nullopt;
    std::string t = format_time_of_day(*start + slot.duration.value_or(0)); // "Thh:mmZ"
    return t.substr(1, 2) + t.substr(4, 2);
}

// --- the days of a schedule, by index ----------------------------------------------------------

namespace detail {
template <class Schedule>
auto& day_member(Schedule& s, std::size_t index)
{
    switch (index) {
    case 0: return s.monday;
    case 1: return s.tuesday;
    case 2: return s.wednesday;
    case 3: return s.thursday;
    case 4: return s.friday;
    case 5: return s.saturday;
    default: return s.sunday;
    }
}
} // namespace detail

/// Day `index` (0 = Monday) of a charge or HVAC schedule.
template <class Schedule>
auto& day_of(Schedule& s, std::size_t index)
{
    return detail::day_member(s, index);
}

// --- updates ---------------------------------------------------------------------------------

/// What to do with one day of a schedule.
template <class Day>
struct day_change {
    enum class action { keep, clear, set };
    action what = action::keep;
    Day day{};

    static day_change keep() { return {}; }
    static day_change clear() { return {action::clear, {}}; }
    static day_change set(Day d) { return {action::set, std::move(d)}; }
};

/// A change to one schedule, identified by id: activation and, per day, keep / clear / set.
template <class Day>
struct schedule_update {
    std::int64_t id = 0;
    std::optional<bool> activated;
    std::array<day_change<Day>, 7> days{}; ///< Monday first
    /// When no schedule has `id`: append a new one (true), or change nothing and fail with
    /// errc::invalid_argument (false).
    bool create = true;
};

using charge_schedule_update = schedule_update<charge_day_schedule>;
using hvac_schedule_update = schedule_update<hvac_day_schedule>;

namespace detail {
inline bool day_is_complete(const charge_day_schedule& d) { return d.start_time && d.duration; }
inline bool day_is_complete(const hvac_day_schedule& d) { return d.ready_at_time.has_value(); }

template <class Day>
bool update_is_valid(const schedule_update<Day>& update)
{
    for (const auto& change : update.days)
        if (change.what == day_change<Day>::action::set && !day_is_complete(change.day))
            return false;
    return true;
}

template <class Schedule, class Day>
void apply(Schedule& schedule, const schedule_update<Day>& update)
{
    if (update.activated)
        schedule.activated = *update.activated;
    for (std::size_t i = 0; i < 7; ++i) {
        const auto& change = update.days[i];
        auto& day = day_of(schedule, i);
        if (change.what == day_change<Day>::action::clear)
            day.reset();
        else if (change.what == day_change<Day>::action::set)
            day = change.day;
    }
}

template <class Settings, class Schedule, class Day>
void update_settings(Settings& settings, const schedule_update<Day>& update, boost::system::error_code& ec)
{
    ec = {};
    if (!update_is_valid(update)) {
        ec = make_error_code(errc::invalid_argument);
        return;
    }
    if (!settings.schedules)
        settings.schedules.emplace();
    for (auto& schedule : *settings.schedules) {
        if (schedule.id && *schedule.id == update.id) {
            apply(schedule, update);
            return;
        }
    }
    if (!update.create) {
        ec = make_error_code(errc::invalid_argument);
        return;
    }
    Schedule created;
    created.id = update.id;
    created.activated = update.activated.value_or(false);
    apply(created, update);
    settings.schedules->push_back(std::move(created));
}
} // namespace detail

/// Applies `update` to the schedule with the same id, or appends a new schedule (not activated
/// unless the update says so; unless `update.create` is false, which makes a missing id an
/// error). A day to set must be complete (start time and duration). Otherwise `ec` is
/// errc::invalid_argument and nothing changes.
inline void update_schedules(charging_settings& settings, const charge_schedule_update& update,
                             boost::system::error_code& ec)
{
    detail::update_settings<charging_settings, charge_schedule>(settings, update, ec);
}

/// The same for HVAC schedules (a day to set needs its ready-at time).
inline void update_schedules(hvac_settings& settings, const hvac_schedule_update& update,
                             boost::system::error_code& ec)
{
    detail::update_settings<hvac_settings, hvac_schedule>(settings, update, ec);
}

/// Throwing forms of update_schedules(). @throws renault::error (errc::invalid_argument)
template <class Settings, class Day>
void update_schedules(Settings& settings, const schedule_update<Day>& update)
{
    boost::system::error_code ec;
    update_schedules(settings, update, ec);
    if (ec)
        throw error(ec, "a schedule day to set needs all its times, and a schedule to change must exist unless "
                        "the update creates it");
}

} // namespace renault
