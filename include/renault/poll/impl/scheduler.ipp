// Definitions of renault::poll::scheduler (poll/scheduler.hpp).
#pragma once

#include <renault/endpoint_overrides.hpp>
#include <renault/poll/scheduler.hpp>

#include <algorithm>
#include <ctime>
#include <memory>
#include <random>

namespace renault::poll {

RENAULT_DECL std::string_view endpoint_key(read_kind kind)
{
    switch (kind) {
    case read_kind::battery: return "battery-status";
    case read_kind::cockpit: return "cockpit";
    case read_kind::location: return "location";
    case read_kind::hvac_status: return "hvac-status";
    case read_kind::charge_mode: return "charge-mode";
    case read_kind::lock_status: return "lock-status";
    }
    return "battery-status";
}

RENAULT_DECL std::optional<read_kind> read_of_key(std::string_view key)
{
    for (read_kind kind : all_reads)
        if (endpoint_key(kind) == key)
            return kind;
    return std::nullopt;
}

RENAULT_DECL std::vector<read_kind> supported_reads(std::string_view model_code, const endpoint_overrides* overrides)
{
    std::vector<read_kind> reads;
    for (read_kind kind : all_reads)
        if (resolve_endpoint(overrides, model_code, endpoint_key(kind)).definition != nullptr)
            reads.push_back(kind);
    return reads;
}

RENAULT_DECL std::string format_time(time_point t)
{
    const std::time_t seconds = clock_type::to_time_t(t);
    std::tm parts{};
    ::gmtime_r(&seconds, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%H:%M:%S UTC", &parts);
    return text;
}

RENAULT_DECL scheduler::scheduler(scheduler_options options) : options_(std::move(options))
{
    if (options_.budget_per_hour < 1)
        options_.budget_per_hour = 1;
    if (!options_.clock)
        options_.clock = [] { return clock_type::now(); };
    if (!options_.random) {
        auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
        options_.random = [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
    }
    options_.cadence.jitter = std::clamp(options_.cadence.jitter, 0.0, 0.9);
}

RENAULT_DECL void scheduler::add_vehicle(vehicle_entry vehicle)
{
    std::erase_if(vehicles_, [&](const vehicle_entry& v) { return v.vin == vehicle.vin; });
    vehicle_state state;
    for (read_kind kind : vehicle.reads)
        state.slots[kind] = slot{};
    state_[vehicle.vin] = std::move(state);
    accounts_.try_emplace(vehicle.account_id);
    vehicles_.push_back(std::move(vehicle));
}

RENAULT_DECL const vehicle_entry* scheduler::find_vehicle(const std::string& vin) const
{
    for (const auto& v : vehicles_)
        if (v.vin == vin)
            return &v;
    return nullptr;
}

RENAULT_DECL double scheduler::jitter_factor() const
{
    const double j = options_.cadence.jitter;
    return 1.0 + j * (2.0 * std::clamp(options_.random(), 0.0, 1.0) - 1.0);
}

RENAULT_DECL std::chrono::seconds scheduler::interval(const vehicle_state& v, read_kind kind) const
{
    const auto& c = options_.cadence;
    switch (kind) {
    case read_kind::battery: return v.charging || v.plugged ? c.battery_active : c.battery_parked;
    case read_kind::cockpit: return c.cockpit;
    case read_kind::location: return c.location;
    case read_kind::hvac_status: return c.hvac_status;
    case read_kind::charge_mode: return c.charge_mode;
    case read_kind::lock_status: return c.lock_status;
    }
    return c.cockpit;
}

RENAULT_DECL time_point scheduler::due(const vehicle_state& v, read_kind kind, std::string& why) const
{
    const slot& s = v.slots.at(kind);
    if (s.forced) {
        why = s.forced_why;
        return *s.forced;
    }
    if (!s.last) {
        why = "first read";
        return time_point{};
    }
    const auto every = interval(v, kind);
    if (kind == read_kind::battery)
        why = std::string(!v.known ? "state not known yet" : v.charging ? "charging" : v.plugged ? "plugged in" : "parked") +
              ": every " + std::to_string(every.count()) + " s";
    else
        why = "every " + std::to_string(every.count()) + " s";
    return *s.last + std::chrono::duration_cast<clock_type::duration>(every * s.factor);
}

RENAULT_DECL time_point scheduler::budget_slot(const account_state& a, time_point now) const
{
    const auto window_start = now - std::chrono::hours(1);
    // The requests of the last hour, oldest first.
    auto first = std::upper_bound(a.requests.begin(), a.requests.end(), window_start);
    const auto in_window = static_cast<int>(std::distance(first, a.requests.end()));
    if (in_window < options_.budget_per_hour)
        return now;
    // Room comes back when enough of them have left the window.
    return *(first + (in_window - options_.budget_per_hour)) + std::chrono::hours(1) + std::chrono::seconds(1);
}

RENAULT_DECL decision scheduler::next() const
{
    const time_point now = options_.clock();
    decision best;
    best.at = now;
    best.reason = "nothing to read: no vehicle with a supported endpoint";
    bool found = false;
    time_point best_due{};
    for (const auto& vehicle : vehicles_) {
        const vehicle_state& v = state_.at(vehicle.vin);
        const account_state& a = accounts_.at(vehicle.account_id);
        const time_point slot_at = budget_slot(a, now);
        for (read_kind kind : all_reads) { // the battery first on ties
            if (!v.slots.contains(kind))
                continue;
            std::string why;
            const time_point due_at = due(v, kind, why);
            time_point at = std::max(due_at, now);
            wait_cause cause = due_at > now ? wait_cause::due : wait_cause::none;
            std::string reason = std::string(endpoint_key(kind)) + " of " + vehicle.vin + ": " +
                                 (due_at > now ? "due at " + format_time(due_at) : std::string("due now")) + " (" + why + ")";
            if (a.cooldown_until > at) {
                at = a.cooldown_until;
                cause = wait_cause::cooldown;
                reason = std::string(endpoint_key(kind)) + " of " + vehicle.vin + ": quota cooldown of account " +
                         vehicle.account_id + " until " + format_time(a.cooldown_until);
            }
            if (slot_at > at) {
                at = slot_at;
                cause = wait_cause::budget;
                reason = std::string(endpoint_key(kind)) + " of " + vehicle.vin + ": budget of account " + vehicle.account_id +
                         " used (" + std::to_string(requests_last_hour(vehicle.account_id)) + " of " +
                         std::to_string(options_.budget_per_hour) + " requests in the last hour); next slot at " +
                         format_time(slot_at);
            }
            // The earliest time wins; on a tie (several held back by the budget or a cooldown),
            // the read due the longest, so that none is starved.
            if (!found || at < best.at || (at == best.at && due_at < best_due)) {
                found = true;
                best_due = due_at;
                best.read = planned_read{vehicle.account_id, vehicle.vin, kind};
                best.at = at;
                best.cause = cause;
                best.reason = std::move(reason);
            }
        }
    }
    if (!found)
        best.cause = wait_cause::idle;
    return best;
}

RENAULT_DECL void scheduler::count(const std::string& account_id, time_point t)
{
    auto& requests = accounts_[account_id].requests;
    requests.insert(std::upper_bound(requests.begin(), requests.end(), t), t);
    // Forget what can no longer count (a clock set back keeps a little more).
    while (!requests.empty() && requests.front() < t - std::chrono::hours(2))
        requests.pop_front();
}

RENAULT_DECL void scheduler::count_request(const std::string& account_id)
{
    count(account_id, options_.clock());
}

RENAULT_DECL void scheduler::record_read(const planned_read& read, read_outcome outcome)
{
    const time_point now = options_.clock();
    if (outcome != read_outcome::not_sent)
        count(read.account_id, now);
    auto found = state_.find(read.vin);
    if (found == state_.end() || !found->second.slots.contains(read.kind))
        return;
    vehicle_state& v = found->second;
    slot& s = v.slots[read.kind];
    switch (outcome) {
    case read_outcome::ok:
        s.last = now;
        s.factor = jitter_factor();
        s.forced.reset();
        break;
    case read_outcome::failed: {
        s.last = now;
        s.factor = jitter_factor();
        const auto wait = std::min(options_.cadence.retry_after_error, interval(v, read.kind));
        s.forced = now + std::chrono::duration_cast<clock_type::duration>(wait * s.factor);
        s.forced_why = "again after an error";
        break;
    }
    case read_outcome::rate_limited:
    case read_outcome::not_sent:
        // Stays due: the cooldown (set_cooldown) or the budget holds it back.
        break;
    }
}

RENAULT_DECL void scheduler::record_action(const std::string& vin, const std::vector<read_kind>& affected)
{
    const time_point now = options_.clock();
    const vehicle_entry* vehicle = find_vehicle(vin);
    if (!vehicle)
        return;
    count(vehicle->account_id, now);
    vehicle_state& v = state_[vin];
    const time_point soon = now + options_.cadence.after_action;
    for (read_kind kind : affected) {
        auto s = v.slots.find(kind);
        if (s == v.slots.end())
            continue;
        if (!s->second.forced || *s->second.forced > soon) {
            s->second.forced = soon;
            s->second.forced_why = "after an action";
        }
    }
}

RENAULT_DECL void scheduler::set_battery_state(const std::string& vin, bool charging, bool plugged)
{
    auto found = state_.find(vin);
    if (found == state_.end())
        return;
    found->second.charging = charging;
    found->second.plugged = plugged;
    found->second.known = true;
}

RENAULT_DECL void scheduler::set_cooldown(const std::string& account_id, time_point until)
{
    auto& a = accounts_[account_id];
    a.cooldown_until = std::max(a.cooldown_until, until);
}

RENAULT_DECL int scheduler::requests_last_hour(const std::string& account_id) const
{
    auto found = accounts_.find(account_id);
    if (found == accounts_.end())
        return 0;
    const auto& requests = found->second.requests;
    const auto window_start = options_.clock() - std::chrono::hours(1);
    return static_cast<int>(std::distance(std::upper_bound(requests.begin(), requests.end(), window_start), requests.end()));
}

} // namespace renault::poll
