// renault::poll::basic_poller<Backend>: the quota-aware poller over a client — the scheduler
// (poll/scheduler.hpp) decides, the poller reads with the vehicles' async_read() on the client's
// executor (a coroutine for boost::asio::co_spawn) and hands every answer to a callback. Usable
// by any program; examples/poll_vehicles.cpp shows it without MQTT, apps/bridge publishes it on
// MQTT (docs/bridge.md).
//
// The poller counts one request per read. The client's own retries of reads would send more
// than that: give the client `retry.max_attempts = 1` to keep the count exact (the next read of
// the schedule is the retry).
#pragma once

#include <renault/client.hpp>
#include <renault/poll/scheduler.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/system_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace renault::poll {

/// One answer of the poller: what was read, and the body as the server sent it, or the error.
struct reading {
    planned_read read{};
    boost::system::error_code ec{};
    server_diagnostics diagnostics{}; ///< what the server said when it failed (secrets masked)
    std::string body{};               ///< the JSON body when it succeeded
    time_point at{};                  ///< when the answer came (the scheduler's clock)
};

/// The charging and plug state of a battery-status body: {charging, plugged}; nullopt when the
/// body does not decode.
inline std::optional<std::pair<bool, bool>> battery_state_of(std::string_view body)
{
    boost::system::error_code ec;
    auto decoded = decode<data_body<battery_status>>(body, ec);
    const battery_status* battery = ec ? nullptr : model_in(decoded.value);
    if (!battery)
        return std::nullopt;
    const bool charging = battery->charging_status && battery->charging_status->value == charge_state::charge_in_progress;
    const bool plugged = battery->plug_status && battery->plug_status->value == plug_state::plugged;
    return std::pair{charging, plugged};
}

template <http::AsyncHttpBackend Backend>
class basic_poller {
public:
    using client_type = basic_client<Backend>;
    using vehicle_type = typename client_type::vehicle_type;

    /// A poller of `client` (which must outlive it) with the scheduler's options.
    basic_poller(client_type& client, scheduler_options options) : client_(client), scheduler_(std::move(options)) {}

    /// Adds a vehicle with its model code; only the reads its model supports are made
    /// (`reads`, usually supported_reads(model_code, overrides)).
    void add_vehicle(vehicle_type vehicle, std::string model_code, std::vector<read_kind> reads)
    {
        scheduler_.add_vehicle({vehicle.account_id(), vehicle.vin(), std::move(model_code), std::move(reads)});
        const std::string vin = vehicle.vin();
        vehicles_.insert_or_assign(vin, std::move(vehicle));
    }

    client_type& client() const noexcept { return client_; }
    scheduler& schedule() noexcept { return scheduler_; }
    const scheduler& schedule() const noexcept { return scheduler_; }

    /// How much faster the scheduler's clock (scheduler_options::clock) runs than the system
    /// clock: 1 (the default) for real use; a test or a demo gives the scheduler a clock running
    /// 360 times faster and sets 360 here to poll an hour in 10 s.
    double time_scale = 1.0;

    /// Called with every answer (or failure) of a read.
    std::function<void(const reading&)> on_reading;
    /// Called when the poller starts waiting, with the scheduler's decision (its reason says why).
    std::function<void(const decision&)> on_wait;

    /// An action was sent for `vin` (by the caller): counted against the budget, and `affected`
    /// read again shortly after (cadence::after_action). Wakes the poller up.
    void action_made(const std::string& vin, const std::vector<read_kind>& affected)
    {
        scheduler_.record_action(vin, affected);
        wake();
    }

    /// A request of `account_id` was rate limited — the quota, or a refusal of the client itself
    /// (its cooldown, its own budget) — with these diagnostics: no request of that account for as
    /// long as the client says (retry_after_seconds: its cooldown, the server's Retry-After or
    /// its budget's wait), else for retry_after_error. Called by run() for reads; call it for
    /// the actions you make.
    void rate_limited(const std::string& account_id, const server_diagnostics& diagnostics)
    {
        const auto wait = diagnostics.retry_after_seconds > 0
                              ? std::chrono::duration_cast<clock_type::duration>(
                                    std::chrono::seconds(diagnostics.retry_after_seconds) * time_scale)
                              : std::chrono::duration_cast<clock_type::duration>(scheduler_.options().cadence.retry_after_error);
        scheduler_.set_cooldown(account_id, scheduler_.now() + wait);
        wake();
    }

    /// Makes run() return at its next step.
    void stop()
    {
        stopped_ = true;
        wake();
    }

    /// Polls until stop(). Run it with boost::asio::co_spawn on the client's executor.
    boost::asio::awaitable<void> run()
    {
        namespace asio = boost::asio;
        stopped_ = false;
        timer_ = std::make_unique<asio::system_timer>(co_await asio::this_coro::executor);
        while (!stopped_) {
            const decision d = scheduler_.next();
            const time_point now = scheduler_.now();
            if (!d.read || d.at > now) {
                if (on_wait)
                    on_wait(d);
                if (stopped_) // stop() from on_wait
                    break;
                // The timer runs on the system clock: the scheduler's time left, divided by
                // time_scale.
                const auto left = d.read ? d.at - now : std::chrono::duration_cast<clock_type::duration>(std::chrono::hours(1));
                timer_->expires_after(std::chrono::duration_cast<clock_type::duration>(left / time_scale));
                co_await timer_->async_wait(asio::as_tuple(asio::use_awaitable));
                continue;
            }
            auto found = vehicles_.find(d.read->vin);
            if (found == vehicles_.end()) { // added to the scheduler only: never read
                scheduler_.record_read(*d.read, read_outcome::not_sent);
                continue;
            }
            reading r;
            r.read = *d.read;
            auto [ec, raw] = co_await found->second.async_read(std::string(endpoint_key(d.read->kind)),
                                                                with_diagnostics(r.diagnostics, asio::as_tuple(asio::use_awaitable)));
            r.ec = ec;
            r.at = scheduler_.now();
            read_outcome outcome = read_outcome::ok;
            if (ec == errc::cooling_down || ec == errc::request_budget_exhausted) {
                outcome = read_outcome::not_sent; // refused by the client itself
            } else if (ec == condition::rate_limited) {
                outcome = read_outcome::rate_limited;
            } else if (ec) {
                outcome = read_outcome::failed;
            }
            if (ec == condition::rate_limited)
                rate_limited(d.read->account_id, r.diagnostics);
            scheduler_.record_read(*d.read, outcome);
            if (!ec) {
                r.body = std::move(raw.body);
                if (d.read->kind == read_kind::battery)
                    if (auto state = battery_state_of(r.body))
                        scheduler_.set_battery_state(d.read->vin, state->first, state->second);
            }
            if (on_reading)
                on_reading(r);
        }
    }

private:
    void wake()
    {
        if (timer_)
            timer_->cancel();
    }

    client_type& client_;
    scheduler scheduler_;
    std::map<std::string, vehicle_type> vehicles_;
    std::unique_ptr<boost::asio::system_timer> timer_;
    bool stopped_ = false;
};

} // namespace renault::poll
