// The MQTT client of renault-bridge over libmosquitto (mqtt.hpp).
#include "mqtt.hpp"

#include <boost/asio/post.hpp>
#include <mosquitto.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>

namespace renault::bridge {

namespace {

struct library {
    library() { mosquitto_lib_init(); }
    ~library() { mosquitto_lib_cleanup(); }
};

void require(int rc, const char* what)
{
    if (rc != MOSQ_ERR_SUCCESS)
        throw std::runtime_error(std::string(what) + ": " + mosquitto_strerror(rc));
}

} // namespace

/// What libmosquitto's thread and the bridge's thread share.
struct mqtt_client::shared {
    boost::asio::any_io_executor executor;
    mqtt_client* owner = nullptr; ///< only touched on the executor
    std::atomic<bool> connected{false};
    std::atomic<int> connections{0};
    std::mutex mutex;
    std::condition_variable published;
    std::set<int> acknowledged; ///< message ids the broker acknowledged (QoS 1)
};

mqtt_client::mqtt_client(boost::asio::any_io_executor executor, mqtt_options options)
    : shared_(std::make_shared<shared>())
{
    static library lib;
    shared_->executor = std::move(executor);
    shared_->owner = this;
    handle_ = mosquitto_new(options.client_id.empty() ? nullptr : options.client_id.c_str(), true, shared_.get());
    if (!handle_)
        throw std::runtime_error("cannot create the MQTT client");
    mosquitto_int_option(handle_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    if (!options.user.empty())
        require(mosquitto_username_pw_set(handle_, options.user.c_str(), options.password.empty() ? nullptr : options.password.c_str()),
                "MQTT user");
    if (!options.ca_file.empty())
        require(mosquitto_tls_set(handle_, options.ca_file.c_str(), nullptr, nullptr, nullptr, nullptr), "MQTT CA file");
    if (!options.will_topic.empty())
        require(mosquitto_will_set(handle_, options.will_topic.c_str(), static_cast<int>(options.will_payload.size()),
                                   options.will_payload.data(), 1, true),
                "MQTT last will");
    mosquitto_reconnect_delay_set(handle_, static_cast<unsigned>(options.reconnect_min_seconds),
                                  static_cast<unsigned>(options.reconnect_max_seconds), true);

    mosquitto_connect_callback_set(handle_, [](mosquitto*, void* obj, int rc) {
        auto* s = static_cast<shared*>(obj);
        if (rc != 0) // refused (bad credentials…): libmosquitto tries again
            return;
        s->connected = true;
        ++s->connections;
        boost::asio::post(s->executor, [s] {
            if (s->owner && s->owner->on_connect)
                s->owner->on_connect();
        });
    });
    mosquitto_disconnect_callback_set(handle_, [](mosquitto*, void* obj, int rc) {
        auto* s = static_cast<shared*>(obj);
        s->connected = false;
        std::string reason = rc == 0 ? "disconnected" : mosquitto_strerror(rc);
        boost::asio::post(s->executor, [s, reason] {
            if (s->owner && s->owner->on_disconnect)
                s->owner->on_disconnect(reason);
        });
    });
    mosquitto_message_callback_set(handle_, [](mosquitto*, void* obj, const mosquitto_message* m) {
        auto* s = static_cast<shared*>(obj);
        std::string topic = m->topic ? m->topic : "";
        std::string payload(static_cast<const char*>(m->payload), static_cast<std::size_t>(m->payloadlen));
        boost::asio::post(s->executor, [s, topic = std::move(topic), payload = std::move(payload)]() mutable {
            if (s->owner && s->owner->on_message)
                s->owner->on_message(std::move(topic), std::move(payload));
        });
    });
    mosquitto_publish_callback_set(handle_, [](mosquitto*, void* obj, int mid) {
        auto* s = static_cast<shared*>(obj);
        {
            std::lock_guard lock(s->mutex);
            s->acknowledged.insert(mid);
        }
        s->published.notify_all();
    });
    options_host_ = options.host;
    options_port_ = options.port;
    keepalive_ = options.keepalive_seconds;
}

mqtt_client::~mqtt_client()
{
    shared_->owner = nullptr;
    if (handle_) {
        if (started_) {
            mosquitto_disconnect(handle_);
            mosquitto_loop_stop(handle_, true);
        }
        mosquitto_destroy(handle_);
    }
}

void mqtt_client::start()
{
    // A refused first connection is not fatal: the loop keeps trying, with backoff.
    mosquitto_connect_async(handle_, options_host_.c_str(), options_port_, keepalive_);
    require(mosquitto_loop_start(handle_), "MQTT network thread");
    started_ = true;
}

void mqtt_client::publish(const std::string& topic, const std::string& payload, bool retain, int qos)
{
    if (!shared_->connected)
        return;
    mosquitto_publish(handle_, nullptr, topic.c_str(), static_cast<int>(payload.size()), payload.data(), qos, retain);
}

void mqtt_client::subscribe(const std::string& pattern, int qos)
{
    mosquitto_subscribe(handle_, nullptr, pattern.c_str(), qos);
}

bool mqtt_client::publish_and_disconnect(const std::string& topic, const std::string& payload, std::chrono::milliseconds timeout)
{
    bool delivered = false;
    if (started_ && shared_->connected) {
        int mid = 0;
        if (mosquitto_publish(handle_, &mid, topic.c_str(), static_cast<int>(payload.size()), payload.data(), 1, true) ==
            MOSQ_ERR_SUCCESS) {
            std::unique_lock lock(shared_->mutex);
            delivered = shared_->published.wait_for(lock, timeout, [&] { return shared_->acknowledged.contains(mid); });
        }
    }
    if (started_) {
        mosquitto_disconnect(handle_);
        mosquitto_loop_stop(handle_, false);
        started_ = false;
    }
    return delivered;
}

bool mqtt_client::connected() const
{
    return shared_->connected;
}

int mqtt_client::connections() const
{
    return shared_->connections;
}

} // namespace renault::bridge
