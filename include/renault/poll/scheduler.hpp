// renault::poll::scheduler: the pure scheduling core of the quota-aware poller (docs/bridge.md,
// "Scheduling"). It does no I/O and reads the time only from an injectable clock: given the
// vehicles of one or more accounts (each with the reads its model supports), a request budget per
// account and hour, the last known charging and plug state, the quota cooldowns and the actions
// made, it says which read comes next, when, and why it waits until then.
//
// Policy: the battery is read often while the car charges or is plugged in and seldom when it is
// parked; cockpit, location, HVAC status and charge mode have slower cadences of their own; every
// interval gets a random jitter; a read of what an action changed follows shortly after the
// action; nothing goes before an account's quota cooldown ends; and the requests counted for an
// account (reads and actions) never exceed its budget in any sliding hour.
#pragma once

#include <renault/detail/config.hpp>

#include <array>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renault {

class endpoint_overrides; // endpoint_overrides.hpp

namespace poll {

using clock_type = std::chrono::system_clock; // the clock of client::cooldown_until()
using time_point = clock_type::time_point;

/// The reads the poller makes, in the order that breaks ties (the battery first).
enum class read_kind { battery, cockpit, location, hvac_status, charge_mode, lock_status };

inline constexpr std::array<read_kind, 6> all_reads{read_kind::battery,     read_kind::cockpit,
                                                   read_kind::location,    read_kind::hvac_status,
                                                   read_kind::charge_mode, read_kind::lock_status};

/// The endpoint key of the per-model table a read uses ("battery-status", "cockpit", "location",
/// "hvac-status", "charge-mode", "lock-status"; the built-in table gives lock-status to no known
/// model, an endpoint override file can).
RENAULT_DECL std::string_view endpoint_key(read_kind kind);

/// The read of an endpoint key, or nullopt for a key the poller does not read.
RENAULT_DECL std::optional<read_kind> read_of_key(std::string_view key);

/// The reads a model supports according to the per-model endpoint table, amended by `overrides`
/// when given (docs/endpoint-overrides.md). An undocumented model gets the default table (every
/// read), like the client itself.
RENAULT_DECL std::vector<read_kind> supported_reads(std::string_view model_code,
                                                    const endpoint_overrides* overrides = nullptr);

/// How often each endpoint is read. Every interval is multiplied by a random factor in
/// [1 - jitter, 1 + jitter].
struct cadence {
    std::chrono::seconds battery_active{300};   ///< battery while charging or plugged in
    std::chrono::seconds battery_parked{1800};  ///< battery otherwise (or not known yet)
    std::chrono::seconds cockpit{3600};
    std::chrono::seconds location{1800};
    std::chrono::seconds hvac_status{3600};
    std::chrono::seconds charge_mode{7200};
    std::chrono::seconds lock_status{3600};
    /// A failed read (other than a quota error) is tried again after this (or after its own
    /// interval when that is shorter).
    std::chrono::seconds retry_after_error{600};
    /// What an action changed is read again this long after it.
    std::chrono::seconds after_action{60};
    double jitter = 0.1;
};

struct scheduler_options {
    /// Kamereon requests per account and sliding hour (reads and actions alike); at least 1.
    int budget_per_hour = 60;
    poll::cadence cadence{};
    /// Injectable time and randomness: the clock (default: system clock) and a source of numbers
    /// in [0, 1) for the jitter (default: a PRNG).
    std::function<time_point()> clock{};
    std::function<double()> random{};
};

/// A vehicle to poll: its account, VIN, model code and the reads its model supports.
struct vehicle_entry {
    std::string account_id{};
    std::string vin{};
    std::string model_code{};
    std::vector<read_kind> reads{}; ///< usually supported_reads(model_code, overrides)
};

/// One read to make.
struct planned_read {
    std::string account_id{};
    std::string vin{};
    read_kind kind = read_kind::battery;
};

/// What holds the next read back.
enum class wait_cause {
    none,     ///< it may go now
    due,      ///< its cadence: it is not due yet
    budget,   ///< the account's requests of the last hour reached the budget
    cooldown, ///< the account's quota cooldown runs
    idle,     ///< nothing to read at all
};

/// The scheduler's answer: the next read, the time it may go (<= now: at once), and why it waits.
struct decision {
    std::optional<planned_read> read{}; ///< nullopt when nothing is to be read (cause idle)
    time_point at{};
    wait_cause cause = wait_cause::idle;
    std::string reason{}; ///< "battery-status of VF1…: due at 07:05:00 UTC (charging: every 300 s)"
};

/// How a read went, for the next one.
enum class read_outcome {
    ok,           ///< answered: the next read after the endpoint's interval
    failed,       ///< reached the server but failed: tried again after retry_after_error
    rate_limited, ///< the quota error: counted; tried again after the cooldown (see cooldown())
    not_sent,     ///< refused before reaching the server (local cooldown or budget): not counted
};

/// The scheduling core. Not thread-safe: one caller at a time.
class scheduler {
public:
    explicit scheduler(scheduler_options options = {});

    const scheduler_options& options() const noexcept { return options_; }
    time_point now() const { return options_.clock(); }

    /// Adds a vehicle; its first reads are due at once (the battery first). A VIN already known is
    /// replaced.
    void add_vehicle(vehicle_entry vehicle);
    const std::vector<vehicle_entry>& vehicles() const noexcept { return vehicles_; }

    /// The next read and when it may go. Never a time at which the account's budget would be
    /// exceeded or its cooldown runs.
    decision next() const;

    /// A read was made now (planned by next()): counts it (unless not_sent) and plans the next
    /// read of that endpoint.
    void record_read(const planned_read& read, read_outcome outcome);

    /// An action was sent now for `vin`: counts it against the account's budget, and plans a read
    /// of each of `affected` after_action later.
    void record_action(const std::string& vin, const std::vector<read_kind>& affected);

    /// Counts a request of `account_id` the scheduler did not plan (vehicle list, details).
    void count_request(const std::string& account_id);

    /// The charging and plug state from the last battery read: sets the battery's cadence.
    void set_battery_state(const std::string& vin, bool charging, bool plugged);

    /// No request of `account_id` before `until` (the client's cooldown_until() after a quota error).
    void set_cooldown(const std::string& account_id, time_point until);

    /// Requests counted for `account_id` in the hour before now.
    int requests_last_hour(const std::string& account_id) const;
    /// What is left of the budget of `account_id` for the hour before now.
    int budget_left(const std::string& account_id) const { return options_.budget_per_hour - requests_last_hour(account_id); }

private:
    struct slot {
        std::optional<time_point> last{};   ///< the last read (ok or failed)
        double factor = 1.0;                ///< jitter of the interval after `last`
        std::optional<time_point> forced{}; ///< replaces the regular due time (after an action, an error)
        std::string forced_why{};
    };
    struct vehicle_state {
        bool charging = false;
        bool plugged = false;
        bool known = false;
        std::map<read_kind, slot> slots;
    };
    struct account_state {
        std::deque<time_point> requests; ///< in time order
        time_point cooldown_until{};
    };

    std::chrono::seconds interval(const vehicle_state& v, read_kind kind) const;
    time_point due(const vehicle_state& v, read_kind kind, std::string& why) const;
    /// When the account may send its next request (now when the budget has room).
    time_point budget_slot(const account_state& a, time_point now) const;
    double jitter_factor() const;
    void count(const std::string& account_id, time_point t);
    const vehicle_entry* find_vehicle(const std::string& vin) const;

    scheduler_options options_;
    std::vector<vehicle_entry> vehicles_;
    std::map<std::string, vehicle_state> state_;     ///< by VIN
    std::map<std::string, account_state> accounts_;  ///< by account id
};

/// "07:05:00 UTC".
RENAULT_DECL std::string format_time(time_point t);

} // namespace poll
} // namespace renault

#if RENAULT_HEADER_ONLY
#include <renault/poll/impl/scheduler.ipp>
#endif
