// renault-bridge's daemon (bridge.hpp).
#include "bridge.hpp"

#include "exit_codes.hpp" // usage_error, thrown by the checks of values.hpp
#include "values.hpp"

#include <renault/endpoint_overrides.hpp>
#include <renault/model/soc_levels.hpp>
#include <renault/model/vehicle_helpers.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace renault::bridge {

namespace asio = boost::asio;
using asio::use_awaitable;

namespace {

/// The error text published and logged: the code's message, and what the server said.
std::string error_text(const boost::system::error_code& ec, const server_diagnostics& diag)
{
    std::string text = ec.message();
    if (!diag.code.empty())
        text += " [server code: " + diag.code + "]";
    return text;
}

std::string kind_of(const boost::system::error_code& ec)
{
    if (ec == condition::rate_limited)
        return "rate_limited";
    if (ec == condition::authentication)
        return "authentication";
    if (ec == condition::not_supported)
        return "not_supported";
    if (ec == condition::transient)
        return "transient";
    if (ec == condition::bad_response)
        return "bad_response";
    if (ec == condition::invalid_request)
        return "invalid_request";
    return "other";
}

/// The longest command payload accepted: every valid one is a few characters.
constexpr std::size_t max_payload = 64;

/// `text` fit for a log line and a result: at most 128 bytes, control characters as '?'.
std::string shown_text(std::string_view text)
{
    std::string out(text.substr(0, 128));
    for (auto& ch : out)
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f)
            ch = '?';
    if (text.size() > 128)
        out += "...";
    return out;
}

std::optional<int> parse_int(const std::string& text)
{
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

/// What an action changes, read again shortly after it.
std::vector<poll::read_kind> affected_by(const std::string& command)
{
    using poll::read_kind;
    if (command == "charge")
        return {read_kind::battery};
    if (command == "charge_mode")
        return {read_kind::charge_mode};
    if (command == "hvac")
        return {read_kind::hvac_status};
    if (command == "refresh_location")
        return {read_kind::location};
    return {};
}

} // namespace

daemon::daemon(asio::io_context& io, client_type& client, mqtt_client& mqtt, bridge_options options, const logger& log)
    : io_(io), client_(client), mqtt_(mqtt), options_(std::move(options)), log_(log), poller_(client, options_.schedule)
{
    poller_.time_scale = options_.time_scale;
    poller_.on_reading = [this](const poll::reading& r) {
        if (r.ec != errc::cooling_down && r.ec != errc::request_budget_exhausted) // else refused before sending
            ++requests_;
        auto found = cars_.find(r.read.vin);
        if (found == cars_.end())
            return;
        const std::string key(poll::endpoint_key(r.read.kind));
        if (r.ec)
            publish_failure(found->second, key, r.ec, r.diagnostics);
        else
            publish_reading(found->second, key, r.body);
    };
    poller_.on_wait = [this](const poll::decision& d) {
        if (log_.enabled(log_level::debug))
            log_.debug("poll: waiting: " + d.reason);
        if (d.cause == poll::wait_cause::cooldown || d.cause == poll::wait_cause::budget)
            log_.info("poll: waiting: " + d.reason);
    };
}

asio::awaitable<void> daemon::run()
{
    // The accounts: those asked for, else every account of the person.
    std::vector<std::string> accounts = options_.accounts;
    if (accounts.empty()) {
        const person p = co_await client_.async_get_person(use_awaitable);
        ++requests_;
        for (const auto& a : p.accounts.value_or(std::vector<person_account>{}))
            if (a.account_id)
                accounts.push_back(*a.account_id);
        for (const auto& account_id : accounts) // it may count for any of them: for all, to be safe
            poller_.schedule().count_request(account_id);
    }
    for (const auto& account_id : accounts) {
        auto [ec, vehicles] = co_await client_.account(account_id).async_get_api_vehicles(asio::as_tuple(use_awaitable));
        ++requests_;
        poller_.schedule().count_request(account_id);
        if (ec) {
            count_error(ec);
            log_.warning(fmt::format("account {}: cannot list the vehicles: {}", account_id, ec.message()));
            continue;
        }
        for (auto& v : vehicles) {
            if (!options_.vins.empty() && std::find(options_.vins.begin(), options_.vins.end(), v.vin()) == options_.vins.end())
                continue;
            const vehicle_details details = co_await v.async_get_details(use_awaitable); // from the list: no request
            car c;
            c.info.account_id = account_id;
            c.info.vin = v.vin();
            c.info.model_code = std::string(model_code(details).value_or(""));
            c.info.brand = std::string(brand_label(details).value_or("RENAULT"));
            c.info.model = std::string(model_label(details).value_or(c.info.model_code));
            c.info.reports_in_watts = reports_charging_power_in_watts(details);
            c.info.uses_fuel = uses_fuel(details);
            const endpoint_overrides* overrides = options_.overrides.get();
            const auto reads = poll::supported_reads(c.info.model_code, overrides);
            for (auto kind : reads)
                c.info.reads.insert(std::string(poll::endpoint_key(kind)));
            if (resolve_endpoint(overrides, c.info.model_code, "soc-levels").definition)
                c.info.reads.insert("soc-levels");
            for (std::string_view action : {"actions/charge-start", "actions/charge-stop", "actions/charge-set-mode",
                                            "actions/hvac-start", "actions/hvac-stop", "actions/horn-start",
                                            "actions/lights-start", "actions/refresh-location"})
                if (resolve_endpoint(overrides, c.info.model_code, action).definition)
                    c.info.actions.insert(std::string(action));
            // The table gives models that do not list a key the default definition: a fuel car
            // would get charge controls, and a model without HVAC start an HVAC stop.
            if (!uses_electricity(details)) {
                for (const char* charge : {"actions/charge-start", "actions/charge-stop", "actions/charge-set-mode"})
                    c.info.actions.erase(charge);
                c.info.reads.erase("soc-levels");
            }
            if (!c.info.actions.contains("actions/hvac-start"))
                c.info.actions.erase("actions/hvac-stop");
            c.hvac_temperature = options_.default_hvac_temperature;
            c.vehicle = std::make_unique<vehicle_type>(v);
            poller_.add_vehicle(v, c.info.model_code, reads);
            log_.info(fmt::format("vehicle {} ({} {}, {}): {} reads, {} actions", c.info.vin, c.info.brand, c.info.model,
                                  c.info.model_code, c.info.reads.size(), c.info.actions.size()));
            const std::string vin = c.info.vin;
            cars_.insert_or_assign(vin, std::move(c));
        }
    }
    if (cars_.empty())
        log_.warning("no vehicle to poll");
    ready_ = true;
    for (auto& [vin, c] : cars_)
        publish_retained(options_.topics.vehicle(vin) + "/hvac_temperature", fmt::format("{}", c.hvac_temperature));
    publish_discovery();
    for (auto& [vin, c] : cars_)
        if (c.info.reads.contains("soc-levels"))
            co_await read_soc(c);
    co_await poller_.run();
}

void daemon::stop()
{
    poller_.stop();
}

void daemon::publish_retained(const std::string& topic, const std::string& payload)
{
    retained_[topic] = payload;
    mqtt_.publish(topic, payload, true);
}

void daemon::connected()
{
    log_.info("MQTT: connected");
    const auto& t = options_.topics;
    mqtt_.subscribe(t.prefix + "/+/+/set");
    mqtt_.subscribe(t.discovery + "/status");
    mqtt_.publish(t.bridge_availability(), "online", true, 1);
    // After a reconnection (a broker restarted without persistence): everything again.
    if (ready_)
        publish_discovery();
    for (const auto& [topic, payload] : retained_)
        mqtt_.publish(topic, payload, true);
}

void daemon::publish_discovery()
{
    if (!ready_)
        return;
    for (const auto& [vin, c] : cars_) {
        mqtt_.publish(options_.topics.vehicle(vin) + "/info",
                      boost::json::serialize(boost::json::object{{"vin", vin},
                                                                 {"brand", c.info.brand},
                                                                 {"model", c.info.model},
                                                                 {"model_code", c.info.model_code},
                                                                 {"account_id", c.info.account_id}}),
                      true);
        for (const auto& [topic, payload] : discovery_configs(c.info, options_.topics))
            mqtt_.publish(topic, payload, true);
    }
}

void daemon::publish_reading(car& c, const std::string& key, const std::string& body)
{
    const std::string base = options_.topics.vehicle(c.info.vin) + "/" + key;
    const std::string attributes = attributes_json(body);
    if (attributes.empty()) {
        publish_failure(c, key, make_error_code(errc::invalid_response), {});
        return;
    }
    c.last_good[key] = poller_.schedule().now();
    publish_retained(base, attributes);
    for (const auto& [name, value] : attribute_values(attributes))
        publish_retained(base + "/" + name, value);
    if (key == "location")
        publish_retained(base + "/tracker", tracker_attributes(attributes));
    publish_retained(base + "/availability", "online");
}

void daemon::publish_failure(car& c, const std::string& key, const boost::system::error_code& ec, const server_diagnostics& diag)
{
    count_error(ec);
    const std::string base = options_.topics.vehicle(c.info.vin) + "/" + key;
    log_.warning(fmt::format("{} of {}: {}", key, c.info.vin, error_text(ec, diag)));
    mqtt_.publish(base + "/error", boost::json::serialize(boost::json::object{{"error", error_text(ec, diag)}, {"kind", kind_of(ec)}}),
                  false);
    // Quota and transient errors say nothing about the car: its last values stay available.
    if (ec != condition::rate_limited && ec != condition::transient)
        publish_retained(base + "/availability", "offline");
}

void daemon::count_error(const boost::system::error_code& ec)
{
    ++errors_[kind_of(ec)];
}

void daemon::publish_result(const car& c, const std::string& command, const std::string& payload, const std::string& error)
{
    boost::json::object result{{"command", command}, {"payload", shown_text(payload)}, {"result", error.empty() ? "done" : "error"}};
    if (!error.empty())
        result["error"] = shown_text(error);
    mqtt_.publish(options_.topics.vehicle(c.info.vin) + "/" + command + "/result", boost::json::serialize(result), false, 1);
    if (error.empty())
        log_.info(fmt::format("{} of {}: {} done", command, c.info.vin, shown_text(payload)));
    else
        log_.warning(fmt::format("{} of {}: {}: {}", command, c.info.vin, shown_text(payload), shown_text(error)));
}

asio::awaitable<void> daemon::read_soc(car& c)
{
    server_diagnostics diag;
    auto [ec, raw] = co_await c.vehicle->async_read("soc-levels", with_diagnostics(diag, asio::as_tuple(use_awaitable)));
    ++requests_;
    poller_.schedule().count_request(c.info.account_id);
    if (ec) {
        publish_failure(c, "soc-levels", ec, diag);
        co_return;
    }
    publish_reading(c, "soc-levels", raw.body);
    std::optional<int> min, target;
    for (const auto& [name, value] : attribute_values(attributes_json(raw.body))) {
        if (name == "socMin")
            min = parse_int(value);
        if (name == "socTarget")
            target = parse_int(value);
    }
    if (min && target)
        c.soc = std::pair{*min, *target};
}

void daemon::message(const std::string& topic, const std::string& payload)
{
    const auto& t = options_.topics;
    if (topic == t.discovery + "/status") {
        if (payload == "online") { // Home Assistant's birth message: it may have lost the configs
            log_.info("Home Assistant is online: publishing the discovery configs again");
            publish_discovery();
            for (const auto& [retained_topic, retained_payload] : retained_)
                mqtt_.publish(retained_topic, retained_payload, true);
        }
        return;
    }
    // <prefix>/<VIN>/<command>/set
    const std::string head = t.prefix + "/";
    if (!topic.starts_with(head) || !topic.ends_with("/set"))
        return;
    const std::string middle = topic.substr(head.size(), topic.size() - head.size() - 4);
    const auto slash = middle.find('/');
    if (slash == std::string::npos)
        return;
    std::string vin = middle.substr(0, slash);
    std::string name = middle.substr(slash + 1);
    if (!cars_.contains(vin)) {
        log_.warning(fmt::format("command for an unknown vehicle ignored: {}", shown_text(topic)));
        return;
    }
    asio::co_spawn(io_, command(std::move(vin), std::move(name), payload), asio::detached);
}

asio::awaitable<void> daemon::command(std::string vin, std::string name, std::string payload)
{
    car& c = cars_.at(vin);
    std::string text = payload;
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    text.erase(text.find_last_not_of(" \t\r\n") + 1);
    const std::string topic_name = name + "/set";
    auto offered = [&](std::string_view action) { return c.info.actions.contains(std::string(action)); };

    // Checked before anything is sent: a bad payload is published as an error, nothing reaches
    // the server.
    std::string action;              // the action key, for the availability check
    double temperature = 0;
    int soc_min = 0, soc_target = 0;
    try {
        if (payload.size() > max_payload)
            throw cli::usage_error{fmt::format("invalid value for {}: a payload of {} bytes (at most {})", topic_name,
                                               payload.size(), max_payload)};
        if (name == "charge") {
            if (text != "start" && text != "stop")
                throw cli::usage_error{fmt::format("invalid value for {}: `{}` (accepted: start, stop)", topic_name, text)};
            action = text == "start" ? "actions/charge-start" : "actions/charge-stop";
        } else if (name == "charge_mode") {
            cli::check_charge_mode(text, topic_name);
            action = "actions/charge-set-mode";
        } else if (name == "hvac") {
            if (text == "stop") {
                action = "actions/hvac-stop";
            } else {
                // "start" with the temperature of hvac_temperature, or a temperature.
                temperature = text == "start" ? c.hvac_temperature : cli::parse_temperature(text, topic_name);
                action = "actions/hvac-start";
            }
        } else if (name == "hvac_temperature") {
            c.hvac_temperature = cli::parse_temperature(text, topic_name);
            publish_retained(options_.topics.vehicle(vin) + "/hvac_temperature", fmt::format("{}", c.hvac_temperature));
            publish_result(c, name, payload, "");
            co_return; // kept for the next start: nothing to send
        } else if (name == "soc_target" || name == "soc_min") {
            const auto value = parse_int(text);
            if (!value)
                throw cli::usage_error{fmt::format("invalid value for {}: `{}`: a whole number of %", topic_name, text)};
            if (!c.info.reads.contains("soc-levels"))
                throw cli::usage_error{fmt::format("{}: not offered by this model ({})", name, c.info.model_code)};
            if (!c.soc) // both levels are sent together: the other one as the car has it
                co_await read_soc(c);
            if (!c.soc)
                throw cli::usage_error{fmt::format("{}: the current levels could not be read", name)};
            soc_min = name == "soc_min" ? *value : c.soc->first;
            soc_target = name == "soc_target" ? *value : c.soc->second;
            boost::system::error_code ec;
            std::string why;
            validate_soc_levels(soc_min, soc_target, ec, why);
            if (ec)
                throw cli::usage_error{fmt::format("invalid value for {}: `{}`: {}", topic_name, text, why)};
        } else if (name == "horn" || name == "lights" || name == "refresh_location") {
            if (text != "PRESS" && text != "press" && !text.empty())
                throw cli::usage_error{fmt::format("invalid value for {}: `{}` (accepted: PRESS)", topic_name, text)};
            action = name == "horn" ? "actions/horn-start" : name == "lights" ? "actions/lights-start" : "actions/refresh-location";
        } else {
            throw cli::usage_error{fmt::format("unknown command `{}`", name)};
        }
        if (!action.empty() && !offered(action))
            throw cli::usage_error{fmt::format("{}: {} is not offered by this model ({})", name, action, c.info.model_code)};
    } catch (const cli::usage_error& e) {
        publish_result(c, name, payload, e.message);
        co_return;
    }

    // Sent once: actions are never retried (the car may have acted).
    server_diagnostics diag;
    auto token = with_diagnostics(diag, asio::as_tuple(use_awaitable));
    boost::system::error_code ec;
    vehicle_type& v = *c.vehicle;
    if (action == "actions/charge-start")
        std::tie(ec, std::ignore) = co_await v.async_set_charge_start(token);
    else if (action == "actions/charge-stop")
        std::tie(ec, std::ignore) = co_await v.async_set_charge_stop(token);
    else if (action == "actions/charge-set-mode")
        std::tie(ec, std::ignore) = co_await v.async_set_charge_mode(text, token);
    else if (action == "actions/hvac-start")
        std::tie(ec, std::ignore) = co_await v.async_set_ac_start(temperature, token);
    else if (action == "actions/hvac-stop")
        std::tie(ec, std::ignore) = co_await v.async_set_ac_stop(token);
    else if (action == "actions/horn-start")
        std::tie(ec, std::ignore) = co_await v.async_start_horn(token);
    else if (action == "actions/lights-start")
        std::tie(ec, std::ignore) = co_await v.async_start_lights(token);
    else if (action == "actions/refresh-location")
        std::tie(ec, std::ignore) = co_await v.async_refresh_location(token);
    else // soc_min, soc_target
        std::tie(ec, std::ignore) = co_await v.async_set_battery_soc(soc_min, soc_target, token);
    const bool sent = ec != errc::cooling_down && ec != errc::request_budget_exhausted; // else refused by the client
    if (sent)
        ++requests_;
    if (ec) {
        count_error(ec);
        if (ec == condition::rate_limited)
            poller_.rate_limited(c.info.account_id, diag);
    }
    publish_result(c, name, payload, ec ? error_text(ec, diag) : "");
    // Counted, and what it changed read again shortly after.
    if (sent)
        poller_.action_made(vin, affected_by(name));
    if (!ec && (name == "soc_min" || name == "soc_target")) {
        c.soc = std::pair{soc_min, soc_target};
        co_await read_soc(c);
    }
}

std::string daemon::metrics() const
{
    std::string out;
    out += "# HELP renault_bridge_requests_total Kamereon requests made by the bridge.\n"
           "# TYPE renault_bridge_requests_total counter\n";
    out += fmt::format("renault_bridge_requests_total {}\n", requests_);
    out += "# HELP renault_bridge_budget_left Requests left in the budget of the account for the last hour.\n"
           "# TYPE renault_bridge_budget_left gauge\n";
    std::set<std::string> accounts;
    for (const auto& [vin, c] : cars_)
        accounts.insert(c.info.account_id);
    for (const auto& a : accounts)
        out += fmt::format("renault_bridge_budget_left{{account=\"{}\"}} {}\n", a, poller_.schedule().budget_left(a));
    out += "# HELP renault_bridge_errors_total Failed requests by kind.\n# TYPE renault_bridge_errors_total counter\n";
    for (const auto& [kind, n] : errors_)
        out += fmt::format("renault_bridge_errors_total{{kind=\"{}\"}} {}\n", kind, n);
    out += "# HELP renault_bridge_last_good_read_age_seconds Age of the last good read of each vehicle.\n"
           "# TYPE renault_bridge_last_good_read_age_seconds gauge\n";
    const auto now = poller_.schedule().now();
    for (const auto& [vin, c] : cars_) {
        if (c.last_good.empty())
            continue;
        auto newest = std::max_element(c.last_good.begin(), c.last_good.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
        out += fmt::format("renault_bridge_last_good_read_age_seconds{{vin=\"{}\"}} {}\n", vin,
                           std::chrono::duration_cast<std::chrono::seconds>(now - newest->second).count());
    }
    out += "# HELP renault_bridge_mqtt_connected Whether the bridge is connected to the broker.\n"
           "# TYPE renault_bridge_mqtt_connected gauge\n";
    out += fmt::format("renault_bridge_mqtt_connected {}\n", mqtt_.connected() ? 1 : 0);
    return out;
}

} // namespace renault::bridge
