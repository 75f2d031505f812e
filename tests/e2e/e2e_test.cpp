// The client end to end: basic_client<any_backend> over the Beast backend (and the libcurl backend
// when it is built) against renault-mock on 127.0.0.1, over HTTP and HTTPS, with injected faults.
#include "e2e/mock_process.hpp"

#include <renault/client.hpp>
#include <renault/http/any_backend.hpp>
#include <renault/http/beast_backend.hpp>
#if RENAULT_E2E_CURL
#include <renault/http/curl_backend.hpp>
#endif

#include <catch2/catch.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace renault;
using namespace std::chrono_literals;
using test::mock_process;

namespace {

const std::string certs = RENAULT_E2E_CERTS_DIR;

std::string read_text(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A temp dir per test for the scenario and the mock's request log.
struct workdir {
    std::filesystem::path path;
    workdir()
    {
        static int n = 0;
        path = std::filesystem::temp_directory_path() /
               ("renault-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~workdir() { std::filesystem::remove_all(path); }
    std::filesystem::path log() const { return path / "requests.log"; }

    /// The default scenario with `faults` (a JSON array) and optional top-level changes.
    std::filesystem::path scenario(const std::string& faults, const std::string& extra_json = "{}") const
    {
        auto doc = boost::json::parse(read_text(std::filesystem::path(RENAULT_SOURCE_DIR) / "apps/mock/scenarios/default.json"));
        doc.as_object()["faults"] = boost::json::parse(faults);
        const boost::json::value extra = boost::json::parse(extra_json);
        for (const auto& [k, v] : extra.as_object())
            doc.as_object()[k] = v;
        const auto file = path / "scenario.json";
        std::ofstream(file) << boost::json::serialize(doc);
        return file;
    }

    /// The request log lines whose path contains `part`.
    std::vector<boost::json::object> requests(std::string_view part) const
    {
        std::vector<boost::json::object> out;
        std::istringstream in(read_text(log()));
        for (std::string line; std::getline(in, line);) {
            if (line.empty())
                continue;
            auto v = boost::json::parse(line);
            if (std::string_view(v.at("path").as_string()).find(part) != std::string_view::npos)
                out.push_back(v.as_object());
        }
        return out;
    }
};

std::vector<std::string> mock_args(const workdir& w, const std::vector<std::string>& extra = {})
{
    std::vector<std::string> args{"--port", "0", "--log", w.log().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

enum class transport { beast, curl };

http::any_backend make_backend(transport t, boost::asio::any_io_executor ex, std::chrono::milliseconds timeout = 10s)
{
#if RENAULT_E2E_CURL
    if (t == transport::curl) {
        http::curl_options o;
        o.allow_plain_http = true;
        o.ca_file = certs + "/ca.pem";
        o.overall_timeout = timeout;
        return http::any_backend(http::curl_backend(o), ex);
    }
#else
    (void)t;
#endif
    http::beast_options o;
    o.allow_plain_http = true;
    o.ca_file = certs + "/ca.pem";
    o.read_timeout = timeout;
    o.overall_timeout = timeout;
    return http::any_backend(http::beast_backend(ex, o), ex);
}

client_options options_for(const mock_process& mock)
{
    client_options o;
    o.locale = "fr_FR";
    o.gigya_root_url = mock.url();
    o.kamereon_root_url = mock.url();
    o.retry.initial_delay = 10ms;
    o.quota_cooldown = 900s;
    return o;
}

std::vector<transport> transports()
{
#if RENAULT_E2E_CURL
    return {transport::beast, transport::curl};
#else
    return {transport::beast};
#endif
}

const char* name_of(transport t)
{
    return t == transport::beast ? "beast" : "curl";
}

using client_t = basic_client<http::any_backend>;
using vehicle_t = basic_vehicle<http::any_backend>;

vehicle_t vehicle_by_vin(client_t& client, const std::string& vin)
{
    for (auto& v : client.account("account-id-1").get_api_vehicles())
        if (v.vin() == vin)
            return v;
    FAIL("no vehicle " << vin);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("every endpoint and action of the default account over HTTP and HTTPS")
{
    for (const auto t : transports())
    for (const bool https : {false, true}) {
        INFO("backend " << name_of(t) << (https ? " over HTTPS" : " over HTTP"));
        workdir w;
        mock_process mock(mock_args(w, https ? std::vector<std::string>{"--tls-cert", certs + "/server.pem", "--tls-key",
                                                                        certs + "/server.key"}
                                             : std::vector<std::string>{}));
        CHECK(mock.url().starts_with(https ? "https://" : "http://"));
        boost::asio::io_context io;
        auto backend = make_backend(t, io.get_executor());
        client_t client(backend, options_for(mock));
        client.login("test@example.com", "test_password");

        const person p = client.get_person();
        REQUIRE(p.accounts);
        CHECK(p.accounts->size() == 2);
        auto vehicles = client.account("account-id-1").get_api_vehicles();
        REQUIRE(vehicles.size() >= 3);

        // Zoe ph1 (X101VE): every read the model offers.
        auto zoe = vehicle_by_vin(client, "VF1AAAAA555777999");
        CHECK(zoe.get_details().vin == "VF1AAAAA555777999");
        CHECK(zoe.get_battery_status().battery_level.has_value());
        CHECK(zoe.get_cockpit().total_mileage.has_value());
        CHECK(zoe.get_hvac_status().hvac_status.has_value());
        CHECK(zoe.get_charge_mode().charge_mode.has_value());
        CHECK(zoe.get_charging_settings().schedules.has_value());
        zoe.get_hvac_settings();
        CHECK(zoe.get_charge_schedule().calendar.has_value());
        zoe.get_notification_settings();
        const std::chrono::year_month_day from{std::chrono::year(2020), std::chrono::month(11), std::chrono::day(1)};
        const std::chrono::year_month_day to{std::chrono::year(2020), std::chrono::month(11), std::chrono::day(30)};
        CHECK(zoe.get_charge_history(from, to, history_period::day).charge_summaries.has_value());
        zoe.get_charges(from, to);
        zoe.get_hvac_history(from, to, history_period::month);
        zoe.get_hvac_sessions(from, to);
        zoe.get_alerts();
        CHECK_FALSE(zoe.get_contracts().empty());
        zoe.get_car_adapter();
        boost::system::error_code ec;
        zoe.get_location(ec);
        CHECK(ec == errc::endpoint_not_available); // x for X101VE: not even sent

        // Actions, and the state they change on the mock.
        zoe.set_charge_mode("schedule_mode");
        CHECK(zoe.get_charge_mode().charge_mode->raw == "schedule_mode");
        zoe.set_ac_start(21.0);
        CHECK(zoe.get_hvac_status().hvac_status == hvac_state::on);
        zoe.set_ac_stop();
        CHECK(zoe.get_hvac_status().hvac_status == hvac_state::off);
        CHECK(zoe.set_charge_start().type == "ChargingStart");
        zoe.set_charge_stop();
        zoe.start_horn();
        zoe.start_lights();
        zoe.refresh_location();
        charge_schedule_update update;
        update.id = 1;
        update.activated = false;
        zoe.update_charge_schedule(update);
        hvac_schedule hs;
        hs.id = 1;
        hs.activated = true;
        zoe.set_hvac_schedules({hs});
        CHECK(zoe.http_get("/commerce/v1/accounts/{account_id}/kamereon/kca/car-adapter/v1/cars/{vin}/cockpit").status == 200);

        // Zoe ph2 (X102VE): location, pressure, pause-resume charge stop.
        auto zoe50 = vehicle_by_vin(client, "VF1AAAAA555777123");
        CHECK(zoe50.get_location().gps_latitude.has_value());
        CHECK(zoe50.get_tyre_pressure().fl_pressure.has_value());
        CHECK(zoe50.set_charge_stop().type == "ChargePauseResume");

        // Renault 5 (R5E1VE): KCM ev/settings, SoC levels, kca-stop.
        auto r5 = vehicle_by_vin(client, "VF1AAAAA555777333");
        CHECK(r5.get_charge_schedule().settings.has_value());
        CHECK(r5.set_charge_start().mode == endpoint_mode::kcm_settings);
        r5.set_battery_soc(20, 80);
        const auto soc = r5.get_battery_soc();
        CHECK(soc.soc_min == 20);
        CHECK(soc.soc_target == 80);
        CHECK(boost::json::parse(r5.set_ac_stop().attributes).at("action") == "stop");

        // Megane E-Tech (XCB1VE): kcm charge start.
        auto megane = vehicle_by_vin(client, "VF1AAAAA555777222");
        CHECK(megane.set_charge_start().mode == endpoint_mode::kcm);

        // Every Kamereon request carried the API key and the JWT; no log line has a secret.
        const auto text = read_text(w.log());
        CHECK(text.find("test_password") == std::string::npos);
        CHECK(text.find("sample-cookie-value") == std::string::npos);
        CHECK(text.find("eyJ") == std::string::npos);
        for (const auto& r : w.requests("/commerce/v1/accounts/account-id-1/kamereon")) {
            const auto& present = r.at("headers_present").as_array();
            CHECK(std::find(present.begin(), present.end(), boost::json::value("x-gigya-id_token")) != present.end());
            CHECK(std::find(present.begin(), present.end(), boost::json::value("apikey")) != present.end());
        }
        CHECK(mock.stop() == 0);
    }
}

TEST_CASE("HTTPS with the test CA - and wrong host - untrusted and expired certificates fail with tls_error")
{
    for (const auto t : transports()) {
        INFO("backend " << name_of(t));
        {
            workdir w;
            mock_process mock(mock_args(w, {"--tls-cert", certs + "/server.pem", "--tls-key", certs + "/server.key"}));
            REQUIRE(mock.url().starts_with("https://127.0.0.1:"));
            boost::asio::io_context io;
            auto backend = make_backend(t, io.get_executor());
            client_t client(backend, options_for(mock));
            client.login("test@example.com", "test_password");
            auto zoe = client.vehicle("account-id-1", "VF1AAAAA555777999");
            CHECK(zoe.get_battery_status().battery_level.has_value());
        }
        for (const char* cert : {"wrong_host.pem", "self_signed.pem", "expired.pem"}) {
            INFO(cert);
            workdir w;
            mock_process mock(mock_args(w, {"--tls-cert", certs + "/" + cert, "--tls-key", certs + "/server.key"}));
            boost::asio::io_context io;
            auto backend = make_backend(t, io.get_executor());
            client_t client(backend, options_for(mock));
            boost::system::error_code ec;
            client.login("test@example.com", "test_password", ec);
            CHECK(ec == errc::tls_error);
        }
    }
}

TEST_CASE("async: co_await over the Beast backend for every vehicle of the account")
{
    workdir w;
    mock_process mock(mock_args(w));
    boost::asio::io_context io;
    auto backend = make_backend(transport::beast, io.get_executor());
    client_t client(backend, options_for(mock));
    int batteries = 0;
    boost::asio::co_spawn(io, [&]() -> boost::asio::awaitable<void> {
        co_await client.async_login("test@example.com", "test_password", boost::asio::use_awaitable);
        auto vehicles = co_await client.account("account-id-1").async_get_api_vehicles(boost::asio::use_awaitable);
        for (auto& v : vehicles) {
            auto [ec, b] = co_await v.async_get_battery_status(boost::asio::as_tuple(boost::asio::use_awaitable));
            if (!ec && b.battery_level)
                ++batteries;
            if (ec)
                CHECK((ec == errc::endpoint_not_available || ec == condition::not_supported));
        }
    }, boost::asio::detached);
    io.run_for(30s);
    CHECK(batteries >= 3);
}

TEST_CASE("faults: HTML 502 - truncated body - dropped connection - latency beyond the timeout")
{
    for (const auto t : transports()) {
        INFO("backend " << name_of(t));
        workdir w;
        mock_process mock(mock_args(w, {"--scenario", w.scenario(R"([
            {"type": "html_502", "endpoint": "cockpit"},
            {"type": "truncated_body", "endpoint": "hvac-status"},
            {"type": "drop_connection", "endpoint": "charge-mode"},
            {"type": "latency", "endpoint": "battery-status", "ms": 3000}])").string()}));
        boost::asio::io_context io;
        auto backend = make_backend(t, io.get_executor(), 1s);
        auto options = options_for(mock);
        options.retry.max_attempts = 1;
        client_t client(backend, options);
        client.login("test@example.com", "test_password");
        auto zoe = client.vehicle("account-id-1", "VF1AAAAA555777999");
        boost::system::error_code ec;
        server_diagnostics diag;
        zoe.get_cockpit(ec, diag);
        CHECK(ec == errc::invalid_response);
        CHECK(diag.excerpt.find("502 Bad Gateway") != std::string::npos);
        zoe.get_hvac_status(ec);
        CHECK(ec == errc::invalid_response);
        zoe.get_charge_mode(ec); // the headers, half the body, then the end of the connection
        CHECK(ec == errc::invalid_response);
        const auto started = std::chrono::steady_clock::now();
        zoe.get_battery_status(ec);
        CHECK(ec == errc::timeout);
        CHECK(std::chrono::steady_clock::now() - started < 2900ms);
    }
}

TEST_CASE("faults: reads are retried and visible in the log - actions are never repeated")
{
    for (const auto t : transports()) {
        INFO("backend " << name_of(t));
        workdir w;
        mock_process mock(mock_args(w, {"--scenario", w.scenario(R"([
            {"type": "error", "endpoint": "cockpit", "times": 2, "fixture": "kamereon/error/invalid_upstream.json", "status": 502},
            {"type": "error", "endpoint": "actions/horn-start", "fixture": "kamereon/error/invalid_upstream.json", "status": 502}])").string()}));
        boost::asio::io_context io;
        auto backend = make_backend(t, io.get_executor());
        client_t client(backend, options_for(mock));
        client.login("test@example.com", "test_password");
        auto zoe = client.vehicle("account-id-1", "VF1AAAAA555777999");
        CHECK(zoe.get_cockpit().total_mileage.has_value());
        CHECK(w.requests("/cockpit").size() == 3);
        boost::system::error_code ec;
        zoe.start_horn(ec);
        CHECK(ec == errc::invalid_upstream);
        CHECK(w.requests("/actions/horn-lights").size() == 1);
    }
}

TEST_CASE("faults: quota after N requests - rate_limited - then the cooldown keeps requests local")
{
    for (const auto t : transports()) {
        INFO("backend " << name_of(t));
        workdir w;
        mock_process mock(mock_args(w, {"--scenario", w.scenario(R"([{"type": "quota", "endpoint": "kamereon", "limit": 3, "window_seconds": 600}])").string()}));
        boost::asio::io_context io;
        auto backend = make_backend(t, io.get_executor());
        client_t client(backend, options_for(mock));
        client.login("test@example.com", "test_password");
        auto zoe = client.vehicle("account-id-1", "VF1AAAAA555777999");
        boost::system::error_code ec;
        server_diagnostics diag;
        for (int i = 0; i < 2 && !ec; ++i) // details + 2 cockpit reads fit in the quota
            zoe.get_cockpit(ec);
        CHECK_FALSE(ec);
        zoe.get_cockpit(ec, diag);
        CHECK(ec == errc::quota_limit);
        CHECK(ec == condition::rate_limited);
        const auto sent = w.requests("/kamereon/").size();
        zoe.get_battery_status(ec, diag);
        CHECK(ec == errc::cooling_down);
        CHECK(diag.retry_after_seconds > 800);
        CHECK(w.requests("/kamereon/").size() == sent);
    }
}

TEST_CASE("JWT: rejected once before its exp - and expiring mid-run - refreshed exactly once each")
{
    for (const auto t : transports()) {
        INFO("backend " << name_of(t));
        workdir w;
        mock_process mock(mock_args(w, {"--jwt-lifetime", "2", "--scenario",
                                        w.scenario(R"([{"type": "reject_jwt_once", "endpoint": "cockpit"}])").string()}));
        boost::asio::io_context io;
        auto backend = make_backend(t, io.get_executor());
        auto options = options_for(mock);
        options.jwt_margin = 0s;
        client_t client(backend, options);
        client.login("test@example.com", "test_password");
        auto zoe = client.vehicle("account-id-1", "VF1AAAAA555777999");
        CHECK(zoe.get_cockpit().total_mileage.has_value());
        CHECK(w.requests("/accounts.getJWT").size() == 2); // first JWT, then the refresh after the rejection
        CHECK(w.requests("/cockpit").size() == 2);

        std::this_thread::sleep_for(2100ms); // the JWT expires
        CHECK(zoe.get_battery_status().battery_level.has_value());
        CHECK(zoe.get_cockpit().total_mileage.has_value());
        CHECK(w.requests("/accounts.getJWT").size() == 3);
    }
}

TEST_CASE("two-factor login against the mock")
{
    for (const auto t : transports()) {
        INFO("backend " << name_of(t));
        workdir w;
        const auto scenario = std::filesystem::path(RENAULT_SOURCE_DIR) / "apps/mock/scenarios/two_factor.json";
        mock_process mock(mock_args(w, {"--scenario", scenario.string()}));
        boost::asio::io_context io;
        auto backend = make_backend(t, io.get_executor());
        auto options = options_for(mock);
        const auto doc = boost::json::parse(read_text(scenario));
        std::string code;
        for (const auto& u : doc.at("users").as_array())
            if (const auto* tfa = u.as_object().if_contains("two_factor"))
                code = std::string(tfa->at("code").as_string());
        REQUIRE_FALSE(code.empty());
        int asked = 0;
        options.two_factor = [&](const two_factor_challenge& c) {
            ++asked;
            return c.attempt == 1 ? std::string("000000") : code;
        };
        client_t client(backend, options);
        client.login("test@example.com", "test_password");
        CHECK(asked == 2);
        CHECK(client.login_token().has_value());
        CHECK(client.get_person().accounts.has_value());
        CHECK(read_text(w.log()).find(code) == std::string::npos);
    }
}
