// A small MQTT client over libmosquitto (Debian libmosquitto-dev) for renault-bridge: one
// connection with a last will, TCP or TLS, user and password, automatic reconnection with
// exponential backoff. libmosquitto runs its network loop in its own thread; every callback is
// posted to the executor given, so the bridge handles MQTT events on the same io_context as the
// client's operations (docs/bridge.md, "Design").
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

struct mosquitto;

namespace renault::bridge {

struct mqtt_options {
    std::string host = "localhost";
    int port = 1883;
    std::string client_id;
    std::string user;
    std::string password;
    std::string ca_file; ///< TLS when set (the broker's certificate is checked against it)
    int keepalive_seconds = 30;
    std::string will_topic;   ///< retained "offline" when the connection is lost
    std::string will_payload = "offline";
    int reconnect_min_seconds = 1;
    int reconnect_max_seconds = 60;
};

class mqtt_client {
public:
    /// @throws std::runtime_error when libmosquitto refuses the options (bad CA file…).
    mqtt_client(boost::asio::any_io_executor executor, mqtt_options options);
    ~mqtt_client();
    mqtt_client(const mqtt_client&) = delete;
    mqtt_client& operator=(const mqtt_client&) = delete;

    /// Called on the executor: connected (subscribe and publish what must be there), the
    /// connection lost (`reason` says why; libmosquitto reconnects by itself), a message.
    std::function<void()> on_connect;
    std::function<void(std::string reason)> on_disconnect;
    std::function<void(std::string topic, std::string payload)> on_message;

    /// Starts connecting (and reconnecting, with backoff) in libmosquitto's thread.
    void start();
    /// Queues a message (dropped while disconnected: the bridge republishes after connecting).
    void publish(const std::string& topic, const std::string& payload, bool retain, int qos = 0);
    void subscribe(const std::string& pattern, int qos = 0);
    /// Publishes `payload` on `topic` (QoS 1, retained), waits up to `timeout` until the broker
    /// has it, then disconnects and stops the network thread. Returns whether the broker got it.
    bool publish_and_disconnect(const std::string& topic, const std::string& payload, std::chrono::milliseconds timeout);

    bool connected() const;
    /// How many times a connection was established.
    int connections() const;

private:
    struct shared;
    std::shared_ptr<shared> shared_;
    mosquitto* handle_ = nullptr;
    bool started_ = false;
    std::string options_host_;
    int options_port_ = 1883;
    int keepalive_ = 30;
};

} // namespace renault::bridge
