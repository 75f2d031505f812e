// What the files of renault-mock's server share: requests and replies independent of the
// transport, the route of a request, the state of the simulated accounts, and mock_api, which
// answers a request as the Gigya and Kamereon servers would. Its member functions are defined by
// concern: routing.cpp (routes, faults, dispatch), gigya.cpp (login and the two-factor flow),
// kamereon.cpp (person, vehicles and every vehicle endpoint); jwt.cpp signs and checks the JWTs;
// server.cpp is the transport (sockets, TLS, HTTP) and the request log.
#pragma once

#include "scenario.hpp"

#include <renault/endpoints.hpp>
#include <renault/http/url.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <initializer_list>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace renault::mock {

namespace json = boost::json;

inline constexpr std::string_view kamereon_json = "application/vnd.api+json";
inline constexpr std::string_view gigya_json = "text/javascript; charset=utf-8";

// -------------------------------------------------------------------------------------------------
// Small helpers

inline std::string iso_time(std::chrono::system_clock::time_point t)
{
    const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(t - seconds).count();
    const std::time_t tt = std::chrono::system_clock::to_time_t(seconds);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char text[40];
    const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(millis));
    return text;
}

inline std::int64_t unix_seconds()
{
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
}

inline std::string lowercase(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

inline const json::object* object_at(const json::value& v, std::string_view key)
{
    if (!v.is_object())
        return nullptr;
    const json::value* member = v.get_object().if_contains(key);
    return member && member->is_object() ? &member->get_object() : nullptr;
}

inline json::object& object_member(json::object& o, std::string_view key)
{
    json::value& member = o[key];
    if (!member.is_object())
        member = json::object();
    return member.get_object();
}

inline std::string string_member(const json::object* o, std::string_view key)
{
    if (!o)
        return {};
    const json::value* v = o->if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

/// Random identifiers: tokens of the two-factor flow, cookie values, action ids.
class token_source {
public:
    token_source() : engine_(std::random_device{}()) {}

    std::string hex(std::size_t digits)
    {
        constexpr char hex_digits[] = "0123456789abcdef";
        std::string out;
        for (std::size_t i = 0; i < digits; ++i)
            out += hex_digits[engine_() & 0xF];
        return out;
    }

    /// A random (version 4) UUID, the form of the `id` of action answers.
    std::string uuid()
    {
        std::string h = hex(32);
        h[12] = '4';
        h[16] = "89ab"[engine_() & 3];
        return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
    }

private:
    std::mt19937_64 engine_;
};

// -------------------------------------------------------------------------------------------------
// JWT (HS256), signed with a key made at start-up (jwt.cpp)

/// Mints the JWTs of getJWT and checks those the Kamereon side receives.

class jwt_signer {
public:
    jwt_signer();

    std::string sign(const json::object& claims) const;

    enum class verdict { valid, malformed, bad_signature, expired };

    /// Checks the signature and `exp`; on success `claims` holds the payload.
    verdict verify(std::string_view token, json::object& claims) const;

private:
    std::string mac(std::string_view input) const;

    std::array<unsigned char, 32> key_{};
};

// -------------------------------------------------------------------------------------------------
// Requests and replies, independent of the transport

struct incoming {
    std::string method;
    std::string target;  ///< path and query, as sent
    std::vector<std::pair<std::string, std::string>> headers;  ///< names in lower case
    std::string body;

    const std::string* header(std::string_view name) const
    {
        for (const auto& [n, v] : headers)
            if (n == name)
                return &v;
        return nullptr;
    }
};

struct reply {
    int status = 200;
    std::string content_type = std::string(kamereon_json);
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool drop_mid_body = false;  ///< send the headers and half of the body, then close
    std::chrono::milliseconds delay{0};

    // What the request log says about it.
    std::string endpoint;
    std::string fault;
    std::string auth;  ///< why the credentials were refused
    std::string note;  ///< why the answer is not the normal one, when no fault decided it
    bool gigya = false;  ///< query values may be secrets: not logged
    std::vector<std::string> form_fields;
};

/// Which endpoint a request is for.
struct route {
    enum class area { unknown, gigya, kamereon } where = area::unknown;
    const endpoint_info* def = nullptr;
    std::string gigya_method;  ///< "accounts.login"
    std::string account_id, vin, person_id;

    std::string log_name() const
    {
        if (where == area::gigya)
            return gigya_method;
        return def ? std::string(def->key) : std::string();
    }
};

/// The path of an endpoint, split at '/': literal segments and placeholders such as "{vin}".
struct path_template {
    const endpoint_info* def = nullptr;
    std::vector<std::string> segments;
};

// -------------------------------------------------------------------------------------------------
// The simulated servers

struct vehicle_state {
    const vehicle_config* config = nullptr;
    json::object link;                         ///< its entry of vehicleLinks
    std::map<std::string, json::value> bodies; ///< read key → body as actions changed it
};

struct account_state {
    const account_config* config = nullptr;
    std::vector<vehicle_state> vehicles;
    std::string vehicles_body;
};

struct user_state {
    const user_config* config = nullptr;
    std::vector<account_state> accounts;
    std::string person_body;
    bool two_factor_passed = false;  ///< finalizeTFA done: the next login or finalizeRegistration succeeds
};

/// A login waiting for its two-factor verification.
struct pending_login {
    user_state* user = nullptr;
    std::string reg_token, gigya_assertion, phv_token, provider_assertion;
    int wrong_codes = 0;
    bool verified = false;
    bool finalized = false;
};

struct fault_state {
    const fault_config* config = nullptr;
    long seen = 0;
    long fired = 0;
    std::chrono::steady_clock::time_point window_start{};
    long in_window = 0;
};

class mock_api {
public:
    mock_api(scenario s, fixture_store& fixtures);

    /// The answer to a request; never throws (an internal error is a 500 answer).
    reply handle(const incoming& in);

private:
    // ---- routing.cpp: routes, faults, answers ---------------------------------------------------

    route find_route(const std::string& method, std::string_view path, const std::string& body) const;

    /// The first fault of one of `kinds` that selects the request and fires now.
    fault_state* fire(const route& r, std::initializer_list<fault_kind> kinds);

    void apply_latency(const route& r, reply& out);

    /// Faults that replace the answer before the servers do anything.
    bool apply_gateway_faults(const route& r, reply& out);

    bool apply_quota(const route& r, reply& out);

    /// Faults of the transport, applied to the answer the servers gave.
    void apply_transport_faults(const route& r, reply& out);

    void answer_fixture(reply& out, const error_answer& answer);

    json::value fixture_value(const std::string& path);

    // ---- gigya.cpp ------------------------------------------------------------------------------

    void gigya(const route& r, const incoming& in, const http::query_params& query, reply& out);

    void gigya_login(const std::string& login, const std::string& password, reply& out);

    std::string login_answer(const user_state& user, const std::string& fixture);

    template <class Param>
    void two_factor_step(std::string_view key, Param& param, reply& out);

    template <class Pred>
    pending_login* pending_by(Pred pred);

    void erase_pending(pending_login* p);

    user_state* user_by_token(const std::string& token);

    std::string mint_jwt(const user_state& user, const std::string& api_key);

    // ---- kamereon.cpp: set-up of the accounts and the Kamereon endpoints ------------------------

    user_state make_user(const user_config& config);

    json::object first_link(const std::string& fixture);

    /// The person fixture with this user's person id and accounts (entries of the fixture kept
    /// when their accountId matches, so that their other members stay).
    json::object person_body(const user_config& config);

    void kamereon(const route& r, const incoming& in, const http::query_params& query, reply& out);

    user_state* authenticate(const std::string* token, reply& out);

    const error_answer* configured_error(const vehicle_state& v, const endpoint_info& def) const;

    const error_answer& unavailable_answer(const endpoint_info& def) const;

    /// The fixture a vehicle serves for a read: the scenario's, else the history variant asked
    /// for, else the model's default, else the endpoint's sample.
    std::string read_fixture(const vehicle_state& v, const endpoint_info& def, std::string_view type = {});

    /// The body of a read as actions left it, loaded from its fixture the first time.
    json::value& state_body(vehicle_state& v, std::string_view read_key);

    void serve_read(vehicle_state& v, const endpoint_info& def, const http::query_params& query, reply& out);

    void serve_action(vehicle_state& v, const endpoint_info& def, const std::string& body_text, reply& out);

    /// What an action changes in the reads of the vehicle.
    void change_state(vehicle_state& v, std::string_view key, const json::object* attrs);

    scenario scenario_;
    fixture_store& fixtures_;
    std::vector<path_template> templates_;
    std::vector<user_state> users_;
    std::vector<pending_login> pending_;
    std::vector<fault_state> faults_;
    jwt_signer jwt_;
    token_source tokens_;
};

} // namespace renault::mock
