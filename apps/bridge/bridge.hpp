// renault-bridge's daemon: the cars of the accounts polled by renault::poll::basic_poller and
// published on MQTT with Home Assistant discovery; commands from MQTT run on the cars
// (docs/bridge.md).
#pragma once

#include "entities.hpp"
#include "mqtt.hpp"

#include <renault/client.hpp>
#include <renault/http/any_backend.hpp>
#include <renault/poll.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace renault::bridge {

using client_type = basic_client<http::any_backend>;
using vehicle_type = client_type::vehicle_type;
using poller_type = poll::basic_poller<http::any_backend>;

struct bridge_options {
    bridge::topics topics{};
    std::vector<std::string> accounts{}; ///< empty: every account of the person
    std::vector<std::string> vins{};     ///< empty: every car of the accounts
    poll::scheduler_options schedule{};
    std::shared_ptr<const endpoint_overrides> overrides{};
    double default_hvac_temperature = 21;
    /// The poller's clock runs this much faster than real time (tests: an hour in seconds).
    double time_scale = 1.0;
};

class daemon {
public:
    daemon(boost::asio::io_context& io, client_type& client, mqtt_client& mqtt, bridge_options options, const logger& log);

    /// Lists the cars, publishes them, then polls until stop(). Throws when the cars cannot be
    /// listed (no login, server unreachable).
    boost::asio::awaitable<void> run();

    /// Stops polling; the caller then publishes offline (mqtt_client::publish_and_disconnect).
    void stop();

    /// The metrics in Prometheus text format (docs/bridge.md, "Metrics").
    std::string metrics() const;

    /// MQTT events (mqtt_client's callbacks).
    void connected();
    void message(const std::string& topic, const std::string& payload);

private:
    struct car {
        vehicle_info info;
        std::unique_ptr<vehicle_type> vehicle;
        double hvac_temperature = 21;
        std::optional<std::pair<int, int>> soc; ///< min, target, when known
        std::map<std::string, poll::time_point> last_good; ///< endpoint key → time of the last good read
    };

    void publish_retained(const std::string& topic, const std::string& payload);
    void publish_discovery();
    void publish_reading(car& c, const std::string& key, const std::string& body);
    void publish_failure(car& c, const std::string& key, const boost::system::error_code& ec, const server_diagnostics& diag);
    void publish_result(const car& c, const std::string& command, const std::string& payload, const std::string& error);
    void count_error(const boost::system::error_code& ec);
    boost::asio::awaitable<void> read_soc(car& c);
    boost::asio::awaitable<void> command(std::string vin, std::string name, std::string payload);

    boost::asio::io_context& io_;
    client_type& client_;
    mqtt_client& mqtt_;
    bridge_options options_;
    const logger& log_;
    poller_type poller_;
    std::map<std::string, car> cars_;            ///< by VIN
    std::map<std::string, std::string> retained_; ///< what is republished after a reconnection
    std::map<std::string, long> errors_;          ///< by kind
    long requests_ = 0;
    bool ready_ = false;
};

} // namespace renault::bridge
