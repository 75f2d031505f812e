// The session shared by a client and its accounts and vehicles: settings, the Gigya
// authentication state machine (login, two-factor, person id, JWT with single-flight refresh) and
// the Kamereon call with its policies (one JWT refresh on err.func.wired.unauthorized, retries of
// reads, quota cooldown, request budget). Every operation is a sans-io task (client/task.hpp).
#pragma once

#include <renault/client/options.hpp>
#include <renault/client/task.hpp>
#include <renault/client/types.hpp>
#include <renault/detail/config.hpp>
#include <renault/endpoints.hpp>
#include <renault/locales.hpp>
#include <renault/model.hpp>
#include <renault/protocol/request.hpp>
#include <renault/protocol/response.hpp>
#include <renault/session/jwt.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace renault::detail {

/// What a Kamereon call sends, before the session adds the JWT and API key.
struct kamereon_call {
    http::request request;      ///< URL, method and body; headers are filled by the session
    bool is_action = false;     ///< actions are never retried blindly
};

/// The values of a Gigya form, in schema order. (A function, because g++ 12 miscompiles braced
/// lists inside co_await expressions.)
template <class... Values>
std::vector<std::string> form_values(Values&&... values)
{
    std::vector<std::string> out;
    out.reserve(sizeof...(values));
    (out.emplace_back(std::forward<Values>(values)), ...);
    return out;
}

/// A read (retried on transient failures) or an action (never retried blindly).
inline kamereon_call read_call(http::request req)
{
    return kamereon_call{std::move(req), false};
}
inline kamereon_call action_call(http::request req)
{
    return kamereon_call{std::move(req), true};
}

/// Decodes a body into `Body`; decode failures carry a short excerpt.
template <class Body>
result<Body> decode_response(const http::response& response, const logger& log)
{
    boost::system::error_code ec;
    auto decoded = decode<Body>(response.body, ec);
    if (ec == errc::invalid_json)
        ec = errc::invalid_response; // the server's answer is not the JSON the API sends
    if (ec) {
        server_diagnostics diag;
        diag.http_status = response.status;
        diag.excerpt = protocol::excerpt(response.body);
        return fail(ec, std::move(diag));
    }
    if (!decoded.diagnostics.empty() && log.enabled(log_level::debug)) {
        for (const auto& d : decoded.diagnostics)
            log.debug("decode: " + to_string(d));
    }
    return {std::move(decoded.value), {}, {}};
}

class session {
public:
    using time_point = std::chrono::system_clock::time_point;

    explicit session(client_options options);

    const client_options& options() const noexcept { return options_; }
    const logger& log() const noexcept { return options_.log; }
    /// Masks the secrets in the texts of `diag` (the logger's redactor: the secrets the session
    /// registered, JWTs, secret form and JSON fields).
    void redact(server_diagnostics& diag) const
    {
        for (std::string* text : {&diag.code, &diag.message, &diag.details, &diag.excerpt})
            if (!text->empty())
                *text = options_.log.secrets().apply(*text);
    }
    credential_store& store() const noexcept { return *options_.store; }
    std::chrono::system_clock::time_point now() const { return options_.clock(); }
    void sleep(std::chrono::milliseconds d) const { options_.sleep(d); }

    // ---------------------------------------------------------------------------------------
    // Settings (docs/api/authentication.md, "Tokens and settings of a session", with options on
    // top).

    /// A setting: the option when given, else the store, else the locale table (then stored,
    /// like the reference client does).
    result<std::string> setting(std::string_view key)
    {
        std::lock_guard lock(mutex_);
        return setting_locked(key);
    }

    result<session_settings> settings();

    std::optional<std::string> login_token() const
    {
        std::lock_guard lock(mutex_);
        return store_value(credential_keys::gigya_login_token);
    }

    /// Restores a session from a saved login token (no password needed).
    void set_login_token(const std::string& token, boost::system::error_code& ec);

    // ---------------------------------------------------------------------------------------
    // Gigya.

    /// One Gigya call: POST the form, classify the answer (errorCode before HTTP status). The
    /// request must end by `deadline` (time_point{}: the operation deadline from now).
    task<result<http::response>> gigya_call(const endpoint_info& endpoint, std::vector<std::string> values,
                                            std::string cookie = {}, time_point deadline = {});

    /// accounts.login, then the two-factor flow when Gigya asks for it. Stores the login token.
    task<result<none>> login(std::string login_id, std::string password);

    /// The person id: cached, else accounts.getAccountInfo.
    task<result<std::string>> person_id();

    /// A valid JWT: the cached one until `jwt_margin` before its exp, else accounts.getJWT by
    /// `deadline`. Many operations needing a refresh at once share one getJWT (single flight).
    task<result<std::string>> jwt(time_point deadline = {});

    /// Forgets the JWT `rejected` (after err.func.wired.unauthorized), unless another operation
    /// has already replaced it.
    void invalidate_jwt(const std::string& rejected);

    // ---------------------------------------------------------------------------------------
    // Kamereon.

    /// The target of a Kamereon request (without JWT, which the call adds).
    result<protocol::kamereon_target> target(std::string account_id = {}, std::string vin = {});

    /// One Kamereon call with the session's policies: the JWT and API key headers, the quota
    /// cooldown and request budget, one JWT refresh and retry on err.func.wired.unauthorized,
    /// and for reads, retries of transient failures with exponential backoff and jitter; all of
    /// it within one operation deadline (client_options::operation_timeout and ::deadline).
    task<result<http::response>> call(kamereon_call c);

    /// When an operation starting now must end: now + operation_timeout, or the client's
    /// deadline when earlier; time_point::max() when neither is set.
    time_point operation_deadline() const;
    void set_deadline(time_point deadline)
    {
        std::lock_guard lock(mutex_);
        deadline_ = deadline;
    }
    /// What is left until `deadline` for the next request (0 = no deadline), or errc::timeout
    /// saying which deadline passed.
    result<std::chrono::milliseconds> time_left(time_point deadline) const;

    /// A read whose body is the model itself (person, vehicle list).
    template <class Model>
    task<result<Model>> read_flat(http::request req)
    {
        auto resp = co_await call(read_call(std::move(req)));
        if (!resp)
            co_return fail(resp);
        co_return decode_response<Model>(resp.value, log());
    }

    /// The delay before retry number `attempt` (1-based): initial × multiplier^(attempt-1),
    /// capped, ± jitter.
    std::chrono::milliseconds backoff(int attempt) const;

    /// When the quota cooldown ends (time_point{} when none is running).
    std::chrono::system_clock::time_point cooldown_until() const
    {
        std::lock_guard lock(mutex_);
        return cooldown_until_;
    }

    void trace_request(const http::request& req) const
    {
        if (options_.log.enabled(log_level::debug))
            options_.log.debug(describe_request(req));
    }
    void trace_response(const http::response& resp, std::string_view url) const
    {
        if (options_.log.enabled(log_level::debug))
            options_.log.debug(describe_response(resp, url));
    }

    /// Logs a warning once per session for a given key (undocumented models and endpoints).
    void warn_once(const std::string& key, const std::string& message);

    static server_diagnostics message_only(std::string message);

private:
    static void set_header(http::request& req, std::string_view name, std::string value);

    std::optional<std::string> store_value(std::string_view key) const { return store().get(key, now()); }

    std::optional<std::string> cached(std::string_view key) const
    {
        std::lock_guard lock(mutex_);
        return store_value(key);
    }

    result<std::string> setting_locked(std::string_view key);

    void clear_gigya_locked(boost::system::error_code& ec);

    /// Keeps `token` as the login token and drops the previous login's JWT and person id, in one
    /// change of the store: on failure the store keeps the previous login whole.
    void replace_login_locked(const std::string& token, boost::system::error_code& ec);

    void add_refresh_waiter(std::function<void()> resume);

    /// accounts.getJWT with the login token; 403005/403013 clear the tokens
    /// (docs/api/authentication.md).
    task<result<std::string>> fetch_jwt(time_point deadline);

    /// The two-factor email flow (docs/api/authentication.md, "Two-factor login"); returns the
    /// login token.
    task<result<std::string>> two_factor(std::string api_key, http::response pending);

    /// Whether a Kamereon request may go now: not during a quota cooldown, and within the budget.
    result<none> admit();

    void start_cooldown(server_diagnostics& diag);

    client_options options_;
    mutable std::mutex mutex_;
    std::string jwt_;
    std::chrono::system_clock::time_point jwt_expiry_{};
    bool refreshing_ = false;
    std::uint64_t refresh_generation_ = 0;
    failure last_refresh_;
    std::vector<std::function<void()>> refresh_waiters_;
    std::chrono::system_clock::time_point cooldown_until_{};
    time_point deadline_{}; ///< client_options::deadline, or set_deadline()
    double budget_tokens_ = 0;
    std::chrono::system_clock::time_point budget_time_{};
    std::vector<std::string> warned_;
};

} // namespace renault::detail

#if RENAULT_HEADER_ONLY
#include <renault/client/impl/session.ipp>
#endif
