// The scenario of renault-mock: who can log in, which accounts and vehicles they have, which
// fixture each endpoint serves, which errors and faults to inject (format: docs/mock.md).
#pragma once

#include <boost/json/value.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace renault::mock {

/// An answer given instead of the normal one: a fixture body (path relative to the fixtures
/// directory) and the HTTP status sent with it.
struct error_answer {
    std::string fixture;
    int status = 400;
};

/// The two-factor login of a user (docs/api/authentication.md, "Two-factor login").
struct two_factor_settings {
    bool enabled = false;
    std::string code = "123456";  ///< the code "emailed" to the user
    int max_wrong_codes = 3;      ///< wrong codes answered "Wrong verification code"; then "Maximum allowed tries exceeded"
};

/// A vehicle of an account.
struct vehicle_config {
    std::string vin;
    std::string model_code;       ///< decides endpoint availability and default fixtures
    std::string vehicle_fixture;  ///< a kamereon/vehicles/ file; its vehicleLinks[0] is this car
    std::map<std::string, std::string> fixtures;   ///< endpoint key → fixture served instead of the default
    std::map<std::string, error_answer> errors;    ///< endpoint key → error answered for this vehicle
};

/// A Kamereon account of a person.
struct account_config {
    std::string account_id;
    std::string account_type = "MYRENAULT";
    std::string country;  ///< default: the country of the scenario's locale
    std::vector<vehicle_config> vehicles;
};

/// A Gigya login and the Kamereon person behind it.
struct user_config {
    std::string login;
    std::string password;
    std::string login_token;     ///< sessionInfo.cookieValue answered by accounts.login
    std::string person_id;
    std::string person_fixture = "kamereon/person.json";
    two_factor_settings two_factor;
    std::vector<account_config> accounts;
};

enum class fault_kind {
    latency,             ///< delay the answer by `ms`
    quota,               ///< more than `limit` requests per `window_seconds` → 429 err.func.wired.overloaded
    error,               ///< answer `answer` (a fixture + status) instead of the normal answer
    html_502,            ///< answer the nginx HTML 502 page
    drop_connection,     ///< send the headers and half of the body, then close the connection
    truncated_body,      ///< answer a body cut in the middle, with a correct Content-Length
    reject_jwt_once,     ///< answer err.func.wired.unauthorized (401) although the JWT is valid
    login_token_expired, ///< Gigya getJWT / getAccountInfo answer 403005 (the login token is no longer valid)
};

/// One injected fault. A fault looks at the requests that match its endpoint selectors (and
/// `vin`); it skips the first `after` of them, then fires on every `every`-th one, at most `times`
/// times (-1: no limit). `quota` counts requests in windows instead.
struct fault_config {
    fault_kind kind = fault_kind::error;
    /// "*" or "kamereon" (every Kamereon request), "gigya" (every Gigya call), "all", an endpoint
    /// key ("battery-status", "actions/hvac-start", "gigya/jwt") or a Gigya method ("accounts.getJWT").
    std::vector<std::string> endpoints;
    std::string vin;  ///< only requests for this vehicle; empty = any
    long after = 0;
    long every = 1;
    long times = -1;
    long ms = 0;                 ///< latency
    long limit = 0;              ///< quota: requests allowed per window
    double window_seconds = 60;  ///< quota
    error_answer answer;         ///< error, html_502, truncated_body, reject_jwt_once, login_token_expired
};

/// A whole scenario.
struct scenario {
    std::string locale = "fr_FR";
    std::vector<std::string> gigya_api_keys;     ///< accepted Gigya API keys; default: the locale's
    std::vector<std::string> kamereon_api_keys;  ///< accepted Kamereon API keys; default: the locale's
    long jwt_lifetime_seconds = 900;
    std::vector<user_config> users;
    std::map<std::string, error_answer> errors;  ///< endpoint key → error, for every vehicle
    error_answer unavailable_read{"kamereon/error/resource_not_found.json", 404};
    error_answer unavailable_action{"kamereon/error/forbidden.json", 403};
    std::map<std::string, error_answer> unavailable;  ///< endpoint key → answer when not available for the model
    std::vector<fault_config> faults;
};

/// A scenario that cannot be used; what() says where and why.
struct scenario_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The fixture files, read once and kept. Relative paths are looked up in each search directory in
/// turn (the fixtures directory, then the scenario file's directory); absolute paths are used as they are.
class fixture_store {
public:
    explicit fixture_store(std::vector<std::filesystem::path> search_dirs);

    /// The bytes of a fixture, or nullptr when no search directory has it.
    const std::string* text(const std::string& path);
    /// A fixture parsed as JSON, or nullptr when missing or not JSON.
    const boost::json::value* json(const std::string& path);
    bool exists(const std::string& path);

private:
    std::vector<std::filesystem::path> dirs_;
    std::map<std::string, std::unique_ptr<std::string>> texts_;
    std::map<std::string, std::unique_ptr<boost::json::value>> values_;
};

/// Reads a scenario from JSON text (comments and trailing commas allowed) with decode<mock_scenario>
/// (schema/files.yaml). Unknown keys are errors, so that a typo does not silently do nothing. Defaults that need the fixtures are filled by complete_scenario().
/// @throws scenario_error
scenario parse_scenario(std::string_view json_text);

/// The built-in default scenario (apps/mock/scenarios/default.json).
std::string_view default_scenario_text();

/// Fills what the scenario leaves out (API keys from the locale table, vehicle fixtures and model
/// codes, VINs) and checks that every fixture it names exists.
/// @throws scenario_error
void complete_scenario(scenario& s, fixture_store& fixtures);

/// The fixture a vehicle model serves by default for a read endpoint key, or "" when the
/// endpoint's own sample (schema) is the default.
std::string_view default_fixture(std::string_view model_code, std::string_view key);

/// The kamereon/vehicles/ file describing a model by default.
std::string_view default_vehicle_fixture(std::string_view model_code);

/// Whether a fault selector names something the mock knows: "*", "kamereon", "gigya", "all", an
/// endpoint key or a Gigya method.
bool is_known_selector(std::string_view selector);

/// Whether a key names a Kamereon endpoint of the schema (a definition key or a per-model table key).
bool is_kamereon_key(std::string_view key);

/// Compact JSON text; unlike boost::json::serialize, a double keeps a readable form (21.0, 7.4).
std::string to_json_text(const boost::json::value& v);

} // namespace renault::mock
