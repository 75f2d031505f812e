// renault-bridge: the cars of a MyRenault login on MQTT, with Home Assistant discovery, polled
// within a request budget (docs/bridge.md). Logs in only with the login token that
// `renault-api login` stored in the credential file.
#include "bridge.hpp"
#include "exit_codes.hpp"
#include "settings.hpp"
#include "values.hpp"

#include <renault/endpoint_overrides.hpp>
#include <renault/http/beast_backend.hpp>
#include <renault/locales.hpp>
#include <renault/log_sinks.hpp>
#include <renault/session/file_credential_store.hpp>
#include <renault/version.hpp>

#include <CLI/CLI.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace asio = boost::asio;
using namespace renault;

namespace {

std::string env_or_empty(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

struct command_line {
    // MQTT
    std::string mqtt_host = "localhost";
    int mqtt_port = 1883;
    std::string mqtt_user;
    std::string mqtt_password_file;
    std::string mqtt_ca_file;
    std::string client_id = "renault-bridge";
    std::string prefix = "renault";
    std::string discovery = "homeassistant";
    // Renault (the same options and precedence as renault-api's)
    std::string locale, gigya_url, kamereon_url, gigya_api_key, kamereon_api_key, ca_file, endpoints_file;
    std::vector<std::string> accounts, vins;
    // Scheduling
    int budget = 60;
    int battery_active = 300, battery_parked = 1800, cockpit = 3600, location = 1800, hvac_status = 3600,
        charge_mode = 7200, lock_status = 3600, after_action = 60, retry_after_error = 600, quota_cooldown = 900;
    double jitter = 0.1;
    double time_scale = 1;
    std::string metrics;
    bool debug = false;
};

/// Serves the metrics in Prometheus text format on every connection (any request path).
asio::awaitable<void> serve_metrics(asio::ip::tcp::acceptor acceptor, bridge::daemon& d)
{
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
        if (ec)
            co_return;
        asio::streambuf request;
        auto [read_ec, n] = co_await asio::async_read_until(socket, request, "\r\n\r\n", asio::as_tuple(asio::use_awaitable));
        (void)n;
        if (read_ec)
            continue;
        const std::string body = d.metrics();
        const std::string response = fmt::format("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\n"
                                                 "Content-Length: {}\r\nConnection: close\r\n\r\n{}",
                                                 body.size(), body);
        co_await asio::async_write(socket, asio::buffer(response), asio::as_tuple(asio::use_awaitable));
    }
}

std::pair<std::string, unsigned short> host_port(const std::string& text)
{
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0)
        throw cli::usage_error{fmt::format("invalid value for --metrics: `{}` (expected HOST:PORT)", text)};
    std::string host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const int port = std::atoi(text.c_str() + colon + 1);
    if (port < 0 || port > 65535 || text.find_first_not_of("0123456789", colon + 1) != std::string::npos)
        throw cli::usage_error{fmt::format("invalid value for --metrics: `{}` (expected HOST:PORT)", text)};
    return {host, static_cast<unsigned short>(port)};
}

int run(const command_line& cl)
{
    // --- the client: options > RENAULT_* environment > credential file > locale table --------
    auto store_ptr = file_credential_store::open(default_credential_path());
    if (!store_ptr->warning().empty())
        fmt::print(stderr, "Warning: {}\n", store_ptr->warning());
    std::shared_ptr<credential_store> store(std::move(store_ptr));
    if (!store->get(credential_keys::gigya_login_token))
        throw cli::usage_error{fmt::format("no login token in {}: run `renault-api login` first",
                                           default_credential_path().string())};

    // The same settings and precedence as renault-api (apps/cli/settings.hpp): options, then the
    // RENAULT_* environment, then the credential file, then the locale table.
    const cli::server_options server{cl.gigya_url, cl.kamereon_url, cl.gigya_api_key, cl.kamereon_api_key, cl.ca_file,
                                     cl.endpoints_file};
    client_options options = cli::server_client_options(server);
    options.store = store;
    if (!cl.locale.empty()) {
        if (!find_locale(cl.locale))
            throw cli::usage_error{fmt::format("Locale `{}` is unknown", cl.locale)};
        options.locale = cl.locale;
        options.store_locale = false;
    } else if (!store->get(credential_keys::locale) && !store->get(credential_keys::country)) {
        throw cli::usage_error{"no locale: give --locale or run `renault-api login` first"};
    }
    // One attempt per read: the poller counts every request against the budget, and the next
    // read of the schedule is the retry.
    options.retry.max_attempts = 1;
    options.quota_cooldown = std::chrono::seconds(cl.quota_cooldown);
    options.log = logger(stream_sink(std::cerr), cl.debug ? log_level::debug : log_level::info);

    std::string mqtt_password;
    if (!cl.mqtt_password_file.empty()) {
        std::ifstream in(cl.mqtt_password_file);
        if (!in)
            throw cli::usage_error{fmt::format("cannot read the MQTT password file {}", cl.mqtt_password_file)};
        std::getline(in, mqtt_password);
    } else {
        mqtt_password = env_or_empty("RENAULT_BRIDGE_MQTT_PASSWORD");
    }
    options.log.secrets().add_secret(mqtt_password);

    http::beast_options transport = cli::server_transport(server, options, *store, "renault-bridge/" RENAULT_VERSION_STRING);

    asio::io_context io;
    http::any_backend backend(http::beast_backend(io.get_executor(), std::move(transport)));
    bridge::client_type client(backend, options);
    const logger& log = client.log();

    // --- MQTT --------------------------------------------------------------------------------
    bridge::bridge_options bo;
    bo.topics.prefix = cl.prefix;
    bo.topics.discovery = cl.discovery;
    bo.accounts = cl.accounts;
    bo.vins = cl.vins;
    bo.overrides = options.endpoint_overrides;
    bo.schedule.budget_per_hour = cl.budget;
    auto& cadence = bo.schedule.cadence;
    cadence.battery_active = std::chrono::seconds(cl.battery_active);
    cadence.battery_parked = std::chrono::seconds(cl.battery_parked);
    cadence.cockpit = std::chrono::seconds(cl.cockpit);
    cadence.location = std::chrono::seconds(cl.location);
    cadence.hvac_status = std::chrono::seconds(cl.hvac_status);
    cadence.charge_mode = std::chrono::seconds(cl.charge_mode);
    cadence.lock_status = std::chrono::seconds(cl.lock_status);
    cadence.after_action = std::chrono::seconds(cl.after_action);
    cadence.retry_after_error = std::chrono::seconds(cl.retry_after_error);
    cadence.jitter = cl.jitter;
    if (cl.time_scale != 1) {
        // The scheduler's clock runs time_scale times faster than the system clock.
        const auto start = std::chrono::system_clock::now();
        const double scale = cl.time_scale;
        bo.schedule.clock = [start, scale] {
            return start + std::chrono::duration_cast<std::chrono::system_clock::duration>((std::chrono::system_clock::now() - start) * scale);
        };
        bo.time_scale = scale;
    }

    bridge::mqtt_options mo;
    mo.host = cl.mqtt_host;
    mo.port = cl.mqtt_port;
    mo.client_id = cl.client_id;
    mo.user = cl.mqtt_user.empty() ? env_or_empty("RENAULT_BRIDGE_MQTT_USER") : cl.mqtt_user;
    mo.password = mqtt_password;
    mo.ca_file = cl.mqtt_ca_file;
    mo.will_topic = bo.topics.bridge_availability();
    bridge::mqtt_client mqtt(io.get_executor(), mo);
    bridge::daemon daemon(io, client, mqtt, bo, log);
    mqtt.on_connect = [&] { daemon.connected(); };
    mqtt.on_disconnect = [&](std::string reason) { log.warning("MQTT: connection lost (" + reason + "); reconnecting"); };
    mqtt.on_message = [&](std::string topic, std::string payload) { daemon.message(topic, payload); };

    std::optional<asio::ip::tcp::acceptor> metrics;
    if (!cl.metrics.empty()) {
        const auto [host, port] = host_port(cl.metrics);
        asio::ip::tcp::endpoint endpoint(asio::ip::make_address(host), port);
        metrics.emplace(io, endpoint);
        log.info(fmt::format("metrics on http://{}:{}/metrics", host, metrics->local_endpoint().port()));
        asio::co_spawn(io, serve_metrics(std::move(*metrics), daemon), asio::detached);
    }

    int status = 0;
    bool stopping = false;
    auto shut_down = [&](int code) {
        if (stopping)
            return;
        stopping = true;
        status = code;
        daemon.stop();
        const bool delivered = mqtt.publish_and_disconnect(bo.topics.bridge_availability(), "offline", std::chrono::seconds(3));
        log.info(delivered ? "stopped: offline published" : "stopped (offline not delivered: the last will says it)");
        io.stop();
    };
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int) {
        if (!ec)
            shut_down(0);
    });

    mqtt.start();
    log.info(fmt::format("renault-bridge {}: MQTT {}:{}, prefix {}, budget {} requests/hour per account", RENAULT_VERSION_STRING,
                         mo.host, mo.port, bo.topics.prefix, bo.schedule.budget_per_hour));
    asio::co_spawn(io, daemon.run(), [&](std::exception_ptr failure) {
        if (!failure)
            return;
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& e) {
            log.error(fmt::format("cannot go on: {}", e.what()));
        }
        shut_down(1);
    });
    io.run();
    return status;
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"renault-bridge: the cars of a MyRenault login on MQTT with Home Assistant discovery (docs/bridge.md)"};
    command_line cl;
    app.add_option("--mqtt-host", cl.mqtt_host, "MQTT broker host")->capture_default_str();
    app.add_option("--mqtt-port", cl.mqtt_port, "MQTT broker port")->capture_default_str()->check(CLI::Range(1, 65535));
    app.add_option("--mqtt-user", cl.mqtt_user, "MQTT user (or RENAULT_BRIDGE_MQTT_USER)");
    app.add_option("--mqtt-password-file", cl.mqtt_password_file,
                   "File whose first line is the MQTT password (or RENAULT_BRIDGE_MQTT_PASSWORD)")
        ->check(CLI::ExistingFile);
    app.add_option("--mqtt-ca-file", cl.mqtt_ca_file, "TLS to the broker, checked against this CA file")->check(CLI::ExistingFile);
    app.add_option("--mqtt-client-id", cl.client_id, "MQTT client id")->capture_default_str();
    app.add_option("--prefix", cl.prefix, "Topic prefix of the cars")->capture_default_str();
    app.add_option("--discovery-prefix", cl.discovery, "Home Assistant discovery prefix")->capture_default_str();
    app.add_option("--locale", cl.locale, "Locale (fr_FR, …); default: the credential file's");
    app.add_option("--account", cl.accounts, "Account id to poll (repeatable); default: every account");
    app.add_option("--vin", cl.vins, "VIN to poll (repeatable); default: every car");
    app.add_option("--gigya-url", cl.gigya_url, "Gigya root URL (or RENAULT_GIGYA_URL)");
    app.add_option("--kamereon-url", cl.kamereon_url, "Kamereon root URL (or RENAULT_KAMEREON_URL)");
    app.add_option("--gigya-api-key", cl.gigya_api_key, "Gigya API key (or RENAULT_GIGYA_API_KEY)");
    app.add_option("--kamereon-api-key", cl.kamereon_api_key, "Kamereon API key (or RENAULT_KAMEREON_API_KEY)");
    app.add_option("--ca-file", cl.ca_file, "CA file for the Renault servers (or RENAULT_CA_FILE)")->check(CLI::ExistingFile);
    app.add_option("--endpoints", cl.endpoints_file, "Endpoint override file (or RENAULT_ENDPOINTS_FILE)")->check(CLI::ExistingFile);
    app.add_option("--budget", cl.budget, "Kamereon requests per account and hour")->capture_default_str()->check(CLI::Range(1, 100000));
    auto seconds = [&](const char* name, int& value, const char* what) {
        app.add_option(name, value, what)->capture_default_str()->check(CLI::Range(1, 7 * 24 * 3600));
    };
    seconds("--battery-active", cl.battery_active, "Seconds between battery reads while charging or plugged in");
    seconds("--battery-parked", cl.battery_parked, "Seconds between battery reads otherwise");
    seconds("--cockpit", cl.cockpit, "Seconds between cockpit reads");
    seconds("--location", cl.location, "Seconds between location reads");
    seconds("--hvac-status", cl.hvac_status, "Seconds between HVAC status reads");
    seconds("--charge-mode", cl.charge_mode, "Seconds between charge mode reads");
    seconds("--lock-status", cl.lock_status, "Seconds between lock status reads (models that offer it)");
    seconds("--after-action", cl.after_action, "Seconds from an action to the read of what it changed");
    seconds("--retry-after-error", cl.retry_after_error, "Seconds from a failed read to the next try");
    seconds("--quota-cooldown", cl.quota_cooldown, "Seconds without any request of an account after a quota error");
    app.add_option("--jitter", cl.jitter, "Random spread of every interval (fraction)")->capture_default_str()->check(CLI::Range(0.0, 0.5));
    app.add_option("--time-scale", cl.time_scale, "For tests and demos: the schedule runs this many times faster")
        ->check(CLI::Range(1.0, 10000.0));
    app.add_option("--metrics", cl.metrics, "Serve Prometheus metrics on HOST:PORT");
    app.add_flag("--debug", cl.debug, "Trace requests and decisions (secrets redacted) on standard error");
    app.set_version_flag("--version", "renault-bridge " RENAULT_VERSION_STRING);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e); // the message and the usage hint on stderr
        return 2;    // a usage error, as renault-api's
    }
    try {
        for (const auto& vin : cl.vins)
            cli::check_vin(vin, "--vin");
        return run(cl);
    } catch (const cli::usage_error& e) {
        fmt::print(stderr, "Error: {}\n", e.message);
        return cli::exit_usage_error;
    } catch (const std::exception& e) {
        fmt::print(stderr, "Error: {}\n", e.what());
        return cli::exit_runtime_error;
    }
}
