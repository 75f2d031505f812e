// renault::poll::scheduler on a simulated clock: budget per account and sliding hour, charging vs
// parked cadence, jitter, the quota cooldown, the read after an action, failed reads, and only the
// endpoints a model supports.
#include <renault/endpoint_overrides.hpp>
#include <renault/poll/scheduler.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace std::chrono_literals;
using renault::poll::decision;
using renault::poll::planned_read;
using renault::poll::read_kind;
using renault::poll::read_outcome;
using renault::poll::scheduler;
using renault::poll::time_point;
using renault::poll::wait_cause;

namespace {

/// A simulated clock starting at a fixed instant, and a constant "random" source.
struct sim {
    time_point start = time_point{} + std::chrono::hours(24 * 20000); // some day of 2024
    time_point now = start;
    double random = 0.5; // jitter factor exactly 1

    renault::poll::scheduler_options options(int budget)
    {
        renault::poll::scheduler_options o;
        o.budget_per_hour = budget;
        o.clock = [this] { return now; };
        o.random = [this] { return random; };
        return o;
    }
};

struct made_read {
    time_point at;
    planned_read read;
};

/// Runs the scheduler until `end`: each decision is carried out at its time; the battery read
/// answers with `charging(vin)`.
template <class Charging>
std::vector<made_read> run_until(sim& clock, scheduler& s, time_point end, Charging charging,
                                 read_outcome outcome = read_outcome::ok)
{
    std::vector<made_read> made;
    for (int guard = 0; guard < 100000; ++guard) {
        const decision d = s.next();
        if (!d.read || d.at >= end)
            break;
        REQUIRE(d.at >= clock.now);
        clock.now = d.at;
        made.push_back({clock.now, *d.read});
        s.record_read(*d.read, outcome);
        if (d.read->kind == read_kind::battery && outcome == read_outcome::ok)
            s.set_battery_state(d.read->vin, charging(d.read->vin), charging(d.read->vin));
    }
    clock.now = std::max(clock.now, end);
    return made;
}

int count_kind(const std::vector<made_read>& made, read_kind kind, const std::string& vin = {})
{
    return static_cast<int>(std::count_if(made.begin(), made.end(), [&](const made_read& m) {
        return m.read.kind == kind && (vin.empty() || m.read.vin == vin);
    }));
}

/// The largest number of requests of `account` in any window of one hour.
int max_per_sliding_hour(const std::vector<made_read>& made, const std::string& account)
{
    std::vector<time_point> times;
    for (const auto& m : made)
        if (m.read.account_id == account)
            times.push_back(m.at);
    int most = 0;
    for (std::size_t i = 0; i < times.size(); ++i) {
        const auto last = std::lower_bound(times.begin(), times.end(), times[i] + 1h);
        most = std::max(most, static_cast<int>(last - (times.begin() + static_cast<std::ptrdiff_t>(i))));
    }
    return most;
}

const std::vector<read_kind> every_read(renault::poll::all_reads.begin(), renault::poll::all_reads.end());

std::string vin(int i)
{
    return "VF1AAAAA55577700" + std::to_string(i);
}

} // namespace

TEST_CASE("A parked car: battery every 30 min, cockpit and HVAC hourly, location every 30 min, charge mode every 2 h")
{
    sim clock;
    scheduler s(clock.options(1000));
    s.add_vehicle({"account-id-1", vin(1), "X101VE", every_read});
    const auto made = run_until(clock, s, clock.start + 4h, [](const std::string&) { return false; });
    // Jitter factor 1: reads at 0, 30, 60, … min of the four hours.
    CHECK(count_kind(made, read_kind::battery) == 8);
    CHECK(count_kind(made, read_kind::location) == 8);
    CHECK(count_kind(made, read_kind::cockpit) == 4);
    CHECK(count_kind(made, read_kind::hvac_status) == 4);
    CHECK(count_kind(made, read_kind::charge_mode) == 2);
    CHECK(count_kind(made, read_kind::lock_status) == 4);
    CHECK(made.front().read.kind == read_kind::battery); // the battery first
}

TEST_CASE("A charging car: battery every 5 min, back to 30 min once it is parked")
{
    sim clock;
    scheduler s(clock.options(1000));
    s.add_vehicle({"account-id-1", vin(1), "X102VE", {read_kind::battery}});
    bool charging = true;
    auto made = run_until(clock, s, clock.start + 1h, [&](const std::string&) { return charging; });
    // The first read finds it charging: then every 300 s, 12 reads in the hour.
    CHECK(count_kind(made, read_kind::battery) == 12);
    charging = false; // the next read finds it parked
    made = run_until(clock, s, clock.start + 2h + 50min, [&](const std::string&) { return charging; });
    // 1:00 (still on the 5 min cadence: it reads "parked"), then 1:30, 2:00, 2:30.
    CHECK(count_kind(made, read_kind::battery) == 4);
    const decision d = s.next();
    CHECK(d.cause == wait_cause::due);
    CHECK(d.reason.find("parked: every 1800 s") != std::string::npos);
}

TEST_CASE("Plugged in but not charging also reads the battery fast")
{
    sim clock;
    scheduler s(clock.options(1000));
    s.add_vehicle({"account-id-1", vin(1), "X102VE", {read_kind::battery}});
    s.record_read({"account-id-1", vin(1), read_kind::battery}, read_outcome::ok);
    s.set_battery_state(vin(1), false, true);
    const decision d = s.next();
    CHECK(d.at == clock.start + 300s);
    CHECK(d.reason.find("plugged in: every 300 s") != std::string::npos);
}

TEST_CASE("Jitter spreads the intervals within ±10 %")
{
    sim clock;
    clock.random = 0.0; // factor 0.9
    scheduler s(clock.options(1000));
    s.add_vehicle({"account-id-1", vin(1), "X102VE", {read_kind::battery}});
    s.record_read({"account-id-1", vin(1), read_kind::battery}, read_outcome::ok);
    CHECK(s.next().at == clock.start + 1620s); // 1800 s × 0.9
    clock.random = 0.999999; // factor just under 1.1
    s.record_read({"account-id-1", vin(1), read_kind::battery}, read_outcome::ok);
    const auto wait = s.next().at - clock.start;
    CHECK(wait > 1979s);
    CHECK(wait <= 1980s);
}

TEST_CASE("Six charging cars on one account never exceed the budget in any sliding hour")
{
    sim clock;
    clock.random = 0.37;
    scheduler s(clock.options(60));
    for (int i = 1; i <= 6; ++i)
        s.add_vehicle({"account-id-1", vin(i), "X102VE", renault::poll::supported_reads("X102VE")});
    const auto made = run_until(clock, s, clock.start + 3h, [](const std::string&) { return true; });
    // They would want 6 × (12 battery + 1 cockpit + 2 location + 1 HVAC) = 96 reads an hour.
    CHECK(max_per_sliding_hour(made, "account-id-1") == 60);
    CHECK(made.size() >= 170); // the budget is used, not wasted: about 3 × 60
    CHECK(made.size() <= 180);
    // Every car gets its battery read, none is starved.
    for (int i = 1; i <= 6; ++i)
        CHECK(count_kind(made, read_kind::battery, vin(i)) >= 15);
    const decision d = s.next();
    CHECK(d.cause == wait_cause::budget);
    CHECK(d.reason.find("budget of account account-id-1 used (60 of 60 requests in the last hour)") != std::string::npos);
    CHECK(s.budget_left("account-id-1") == 0);
}

TEST_CASE("The budget is counted per account")
{
    sim clock;
    scheduler s(clock.options(10));
    s.add_vehicle({"account-id-1", vin(1), "X102VE", every_read});
    s.add_vehicle({"account-id-2", vin(2), "X102VE", every_read});
    const auto made = run_until(clock, s, clock.start + 2h, [](const std::string&) { return true; });
    CHECK(max_per_sliding_hour(made, "account-id-1") == 10);
    CHECK(max_per_sliding_hour(made, "account-id-2") == 10);
    CHECK(made.size() >= 38);
    CHECK(made.size() <= 40);
}

TEST_CASE("Actions count against the budget")
{
    sim clock;
    scheduler s(clock.options(3));
    s.add_vehicle({"account-id-1", vin(1), "X102VE", {read_kind::battery}});
    s.record_action(vin(1), {});
    s.record_action(vin(1), {});
    CHECK(s.requests_last_hour("account-id-1") == 2);
    s.record_read(*s.next().read, read_outcome::ok);
    const decision d = s.next();
    CHECK(d.cause == wait_cause::budget);
    CHECK(d.at > clock.start + 1h);
}

TEST_CASE("No request before the quota cooldown ends")
{
    sim clock;
    scheduler s(clock.options(1000));
    s.add_vehicle({"account-id-1", vin(1), "X102VE", every_read});
    s.add_vehicle({"account-id-2", vin(2), "X102VE", {read_kind::battery}});
    auto first = s.next();
    REQUIRE(first.read);
    s.record_read(*first.read, read_outcome::rate_limited);
    s.set_cooldown("account-id-1", clock.now + 15min);

    // The other account goes on; the first waits.
    const decision other = s.next();
    REQUIRE(other.read);
    CHECK(other.read->account_id == "account-id-2");
    s.record_read(*other.read, read_outcome::ok);
    const decision d = s.next();
    CHECK(d.cause == wait_cause::cooldown);
    CHECK(d.at == clock.start + 15min);
    CHECK(d.reason.find("quota cooldown of account account-id-1 until") != std::string::npos);

    const auto made = run_until(clock, s, clock.start + 1h, [](const std::string&) { return false; });
    for (const auto& m : made)
        if (m.read.account_id == "account-id-1")
            CHECK(m.at >= clock.start + 15min);
    // The rate-limited read goes first once the cooldown is over.
    auto after = std::find_if(made.begin(), made.end(), [](const made_read& m) { return m.read.account_id == "account-id-1"; });
    REQUIRE(after != made.end());
    CHECK(after->read.kind == first.read->kind);
    CHECK(after->at == clock.start + 15min);
}

TEST_CASE("A fresh read shortly after an action")
{
    sim clock;
    scheduler s(clock.options(1000));
    s.add_vehicle({"account-id-1", vin(1), "X102VE", every_read});
    run_until(clock, s, clock.start + 10min, [](const std::string&) { return false; });
    clock.now = clock.start + 10min;
    s.record_action(vin(1), {read_kind::battery, read_kind::charge_mode}); // charge mode: not supported
    const decision d = s.next();
    REQUIRE(d.read);
    CHECK(d.read->kind == read_kind::battery);
    CHECK(d.at == clock.start + 10min + 60s);
    CHECK(d.reason.find("after an action") != std::string::npos);
    clock.now = d.at;
    s.record_read(*d.read, read_outcome::ok);
    // Back to the regular cadence: 30 min after that read.
    const auto made = run_until(clock, s, clock.start + 45min, [](const std::string&) { return false; });
    CHECK(count_kind(made, read_kind::battery) == 1);
    CHECK(made.back().at == clock.start + 41min);
}

TEST_CASE("A failed read is tried again after retry_after_error, a refused one stays due")
{
    sim clock;
    scheduler s(clock.options(1000));
    s.add_vehicle({"account-id-1", vin(1), "X101VE", {read_kind::cockpit}});
    const planned_read r{"account-id-1", vin(1), read_kind::cockpit};
    s.record_read(r, read_outcome::failed);
    CHECK(s.next().at == clock.start + 600s);
    CHECK(s.next().reason.find("again after an error") != std::string::npos);
    CHECK(s.requests_last_hour("account-id-1") == 1);
    clock.now += 600s;
    s.record_read(r, read_outcome::not_sent);
    CHECK(s.requests_last_hour("account-id-1") == 1);
    CHECK(s.next().at == clock.now);
    CHECK(s.next().cause == wait_cause::none);
}

TEST_CASE("Only the endpoints of the model's table are read")
{
    using renault::poll::supported_reads;
    // Zoe phase 1: no location; Zoe phase 2: no charge mode; Duster III: no battery, no HVAC.
    CHECK(supported_reads("X101VE") == std::vector{read_kind::battery, read_kind::cockpit, read_kind::hvac_status, read_kind::charge_mode});
    CHECK(supported_reads("X102VE") == std::vector{read_kind::battery, read_kind::cockpit, read_kind::location, read_kind::hvac_status});
    CHECK(supported_reads("DU31SU") == std::vector{read_kind::cockpit, read_kind::location});

    // An override file takes the location away from the Zoe phase 2.
    const auto overrides = renault::endpoint_overrides::parse(R"({"version": 1, "models": {"X102VE": {"endpoints": {"location": null}}}})");
    CHECK(supported_reads("X102VE", &overrides) == std::vector{read_kind::battery, read_kind::cockpit, read_kind::hvac_status});

    sim clock;
    scheduler s(clock.options(1000));
    s.add_vehicle({"account-id-1", vin(1), "DU31SU", supported_reads("DU31SU")});
    s.add_vehicle({"account-id-1", vin(2), "X101VE", supported_reads("X101VE")});
    const auto made = run_until(clock, s, clock.start + 5h, [](const std::string&) { return true; });
    std::set<std::pair<std::string, read_kind>> seen;
    for (const auto& m : made)
        seen.emplace(m.read.vin, m.read.kind);
    CHECK(seen == std::set<std::pair<std::string, read_kind>>{{vin(1), read_kind::cockpit},
                                                              {vin(1), read_kind::location},
                                                              {vin(2), read_kind::battery},
                                                              {vin(2), read_kind::cockpit},
                                                              {vin(2), read_kind::hvac_status},
                                                              {vin(2), read_kind::charge_mode}});
}

TEST_CASE("Nothing to read: an idle decision that says so")
{
    sim clock;
    scheduler s(clock.options(60));
    decision d = s.next();
    CHECK(!d.read);
    CHECK(d.cause == wait_cause::idle);
    s.add_vehicle({"account-id-1", vin(1), "XJL2TR", {}});
    d = s.next();
    CHECK(!d.read);
    CHECK(d.reason == "nothing to read: no vehicle with a supported endpoint");
}

TEST_CASE("Endpoint keys of the reads")
{
    using renault::poll::endpoint_key;
    using renault::poll::read_of_key;
    for (read_kind kind : renault::poll::all_reads)
        CHECK(read_of_key(endpoint_key(kind)) == kind);
    CHECK(endpoint_key(read_kind::hvac_status) == "hvac-status");
    CHECK(endpoint_key(read_kind::lock_status) == "lock-status");
    CHECK_FALSE(read_of_key("res-state"));
    // No model of the built-in table offers lock-status; an undocumented one (the default table) does.
    CHECK(std::find(renault::poll::all_reads.begin(), renault::poll::all_reads.end(), read_kind::lock_status) !=
          renault::poll::all_reads.end());
    const auto zoe = renault::poll::supported_reads("X101VE");
    CHECK(std::find(zoe.begin(), zoe.end(), read_kind::lock_status) == zoe.end());
}
