// A scripted Renault account on the fake backend, for the client tests.
#pragma once

#include <renault/client.hpp>
#include <renault/detail/base64.hpp>
#include <renault/http/fake_backend.hpp>

#include "support/fixtures.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace renault::test {

inline constexpr std::string_view gigya_root = "https://gigya.test";
inline constexpr std::string_view kamereon_root = "https://kamereon.test";
inline constexpr std::string_view account_id = "account-id-1";
inline constexpr std::string_view vin = "VF1AAAAA555777999";
inline constexpr std::string_view vehicle_prefix = "/commerce/v1/accounts/account-id-1/kamereon";

/// An unsigned JWT whose payload has `exp` (seconds since the epoch) and a marker.
inline std::string make_jwt(std::chrono::system_clock::time_point exp, std::string_view marker = "1")
{
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(exp.time_since_epoch()).count();
    const std::string payload =
        R"({"sub":"person-id-1","n":")" + std::string(marker) + R"(","exp":)" + std::to_string(seconds) + "}";
    return detail::base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + "." + detail::base64url_encode(payload) +
           ".c2lnbmF0dXJl";
}

/// The getJWT answer carrying `jwt`.
inline std::string jwt_body(const std::string& jwt)
{
    return R"({"callId":"callId","errorCode":0,"apiVersion":2,"statusCode":200,"statusReason":"OK","id_token":")" + jwt +
           R"("})";
}

/// A manual clock.
struct test_clock {
    std::chrono::system_clock::time_point now = std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 365 * 56);
};

/// A fake backend scripted with a logged-in account (login token known), the fr_FR settings
/// pointing at the test roots, and the options the tests adjust before building the client.
struct scripted_account {
    http::fake_backend backend;
    test_clock clock;
    std::vector<std::chrono::milliseconds> sleeps;
    std::vector<std::string> log_lines;
    client_options options;
    std::string jwt;

    explicit scripted_account(http::fake_backend::executor_type ex = {}) : backend(std::move(ex))
    {
        options.locale = "fr_FR";
        options.gigya_root_url = std::string(gigya_root);
        options.kamereon_root_url = std::string(kamereon_root);
        options.clock = [this] { return clock.now; };
        options.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
        options.random = [] { return 0.5; }; // no jitter
        options.log = logger([this](log_level level, std::string_view m) {
            log_lines.push_back(std::string(to_string(level)) + " " + std::string(m));
        }, log_level::trace);
        jwt = make_jwt(clock.now + std::chrono::seconds(900));
        script_gigya();
    }

    void script_gigya()
    {
        backend.on(http::method::post, "/accounts.login", http::fake_backend::json(200, read_fixture("gigya/login.json")));
        backend.on(http::method::post, "/accounts.getAccountInfo",
                   http::fake_backend::json(200, read_fixture("gigya/get_account_info.json")));
        backend.on(http::method::post, "/accounts.getJWT", [this](const http::request&) {
            return http::fake_backend::json(200, jwt_body(jwt));
        });
    }

    /// GET answers for a vehicle path (after `/commerce/v1/accounts/account-id-1/kamereon`).
    void on_vehicle_get(std::string path, std::string fixture, unsigned status = 200)
    {
        backend.on(http::method::get, std::string(vehicle_prefix) + path, http::fake_backend::json(status, read_fixture(fixture)));
    }
    void on_vehicle_post(std::string path, std::string fixture, unsigned status = 200)
    {
        backend.on(http::method::post, std::string(vehicle_prefix) + path, http::fake_backend::json(status, read_fixture(fixture)));
    }
    /// The details of the vehicle: the first vehicle of a vehicles fixture.
    void on_details(std::string vehicles_fixture)
    {
        const auto doc = boost::json::parse(read_fixture(vehicles_fixture));
        const auto& details = doc.at("vehicleLinks").at(0).at("vehicleDetails");
        backend.on(http::method::get, "/commerce/v1/accounts/account-id-1/vehicles/VF1AAAAA555777999/details",
                   http::fake_backend::json(200, boost::json::serialize(details)));
    }

    std::vector<http::request> requests_to(std::string_view path_part) const
    {
        std::vector<http::request> out;
        for (auto& r : backend.requests())
            if (r.url.find(path_part) != std::string::npos)
                out.push_back(r);
        return out;
    }
};

/// A client logged in with the fixture login token.
inline basic_client<http::fake_backend> logged_in_client(scripted_account& env)
{
    basic_client<http::fake_backend> client(env.backend, env.options);
    client.set_login_token("sample-cookie-value");
    return client;
}

} // namespace renault::test
