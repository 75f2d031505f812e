// Options of the client: where the servers are, the credential store, logging, retries, quotas,
// clocks (injectable for tests) and the two-factor callback.
#pragma once

#include <renault/detail/config.hpp>
#include <renault/log.hpp>
#include <renault/session/credential_store.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace renault {

class endpoint_overrides; // endpoint_overrides.hpp

/// How reads are retried after a transient failure (transport error, timeout, err.tech.500,
/// err.tech.wired.kamereon-proxy, 409001): exponential backoff with jitter. Actions are never
/// retried this way, because the server may have acted.
struct retry_policy {
    int max_attempts = 3;                              ///< 1 = no retry
    std::chrono::milliseconds initial_delay{500};
    double multiplier = 2.0;
    std::chrono::milliseconds max_delay{10'000};
    double jitter = 0.2;                               ///< ± this fraction of each delay
};

/// An optional client-side request budget (token bucket), one per client, i.e. per login (an
/// account's quota is what Renault counts): at most `requests` Kamereon
/// requests per `period`; further requests fail with errc::request_budget_exhausted until a token
/// is back. Off when `requests` is 0. Daemons use it to stay under Renault's unpublished quota.
struct request_budget {
    int requests = 0;
    std::chrono::seconds period{3600};
};

/// What the two-factor callback is told: the addresses Gigya can email (obfuscated), which
/// attempt this is (1, 2, …) and whether the previous code was wrong.
struct two_factor_challenge {
    std::vector<std::string> emails{};
    int attempt = 1;
    bool previous_code_wrong = false;
};

/// Returns the code the user received by email; an empty string gives up.
using two_factor_callback = std::function<std::string(const two_factor_challenge&)>;

/// Every member has a default member initializer, so that designated initialisation
/// (`renault::client_options{.locale = "fr_FR"}`) names only what it sets and does not warn
/// (-Wmissing-field-initializers). The same holds for the other option structs.
struct client_options {
    /// The locale ("fr_FR"): selects URLs and API keys from the built-in table and the country.
    std::string locale{};
    /// Whether `locale`, and the country, URLs and keys derived from it, are written to the
    /// credential store (as the reference client does). false: they hold for this client only,
    /// and a locale already in the store is not replaced (renault-api's one-shot --locale).
    bool store_locale = true;
    /// Overrides of the settings; when unset, the credential store, then the locale table decide.
    std::optional<std::string> country{};
    std::optional<std::string> gigya_root_url{};
    std::optional<std::string> gigya_api_key{};
    std::optional<std::string> kamereon_root_url{};
    std::optional<std::string> kamereon_api_key{};

    /// Where fetch_locale_settings() reads Renault's remote configuration; `{locale}` is replaced.
    std::string remote_config_url =
        "https://renault-wrd-prod-1-euw1-myrapp-one.s3-eu-west-1.amazonaws.com/configuration/android/config_{locale}.json";

    /// Per-model endpoint tables edited by the user (docs/endpoint-overrides.md), consulted before
    /// the built-in tables; null = built-in tables only.
    std::shared_ptr<const renault::endpoint_overrides> endpoint_overrides{};

    /// Where tokens and settings are kept; a memory store when null.
    std::shared_ptr<credential_store> store{};
    logger log{};

    retry_policy retry{};
    /// The deadline of one operation: a read or an action with everything it takes (the JWT
    /// renewal, every attempt, the waits between retries). Each request gets what is left of it
    /// (http::request::timeout); no retry starts that could not end in time; past it the
    /// operation fails with errc::timeout. 0 turns it off (the backend's own timeouts remain).
    std::chrono::milliseconds operation_timeout{std::chrono::seconds{60}};
    /// A deadline for everything this client does (a command line tool's deadline for one
    /// command), on `clock`; operations started near it get only what is left. time_point{} = none.
    std::chrono::system_clock::time_point deadline{};
    request_budget budget{};
    /// How long after a quota error (err.func.wired.overloaded, HTTP 429) requests fail locally
    /// with errc::cooling_down instead of reaching the server; 0 turns the cooldown off.
    std::chrono::seconds quota_cooldown{900};
    /// A JWT is renewed this long before its `exp`.
    std::chrono::seconds jwt_margin{60};
    /// Code attempts the two-factor login allows before failing with two_factor_wrong_code.
    int two_factor_attempts = 3;
    two_factor_callback two_factor{};

    /// Injectable time: the clock, the synchronous sleep used between retries, and the source of
    /// jitter in [0, 1). Defaults: system clock, std::this_thread::sleep_for, a PRNG.
    std::function<std::chrono::system_clock::time_point()> clock{};
    std::function<void(std::chrono::milliseconds)> sleep{};
    std::function<double()> random{};
};

/// Fills the unset server settings of `options` from the environment variables
/// RENAULT_GIGYA_URL, RENAULT_KAMEREON_URL, RENAULT_GIGYA_API_KEY and RENAULT_KAMEREON_API_KEY
/// (options given in code win over the environment).
RENAULT_DECL void apply_environment(client_options& options);

} // namespace renault

#if RENAULT_HEADER_ONLY
#include <renault/client/impl/options.ipp>
#endif
