// Logging: a level and a sink callback, owned by the client (the library never prints and has no
// global logger), and the redactor that every message passes through so that passwords, login
// tokens, JWTs and Gigya assertions never reach a log.
//
// Callers build messages only when `enabled(level)` is true, so logging costs nothing when off.
// The file and stream sinks are in log_sinks.hpp.
#pragma once

#include <renault/detail/config.hpp>
#include <renault/http/message.hpp>

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace renault {

enum class log_level { trace, debug, info, warning, error };

/// "TRACE", "DEBUG", "INFO", "WARNING", "ERROR" (the names the log lines carry).
constexpr std::string_view to_string(log_level level) noexcept
{
    switch (level) {
    case log_level::trace: return "TRACE";
    case log_level::debug: return "DEBUG";
    case log_level::info: return "INFO";
    case log_level::warning: return "WARNING";
    case log_level::error: return "ERROR";
    }
    return "UNKNOWN";
}

namespace detail {

/// Headers whose values are secrets (matched without regard to case).
inline constexpr std::array<std::string_view, 4> secret_header_names{"x-gigya-id_token", "cookie", "set-cookie",
                                                                     "authorization"};

/// JSON members whose string (or number) values are secrets.
inline constexpr std::array<std::string_view, 13> secret_json_fields{
    "password",       "login_token",       "cookieValue", "id_token",     "gigya_jwt",     "gigya_login_token",
    "regToken",       "gigyaAssertion",    "phvToken",    "providerAssertion", "sessionToken", "sessionSecret",
    "loginToken"};

/// Form and query parameters whose values are secrets (matched without regard to case).
inline constexpr std::array<std::string_view, 14> secret_form_fields{
    "password",     "login_token",   "regToken",        "gigyaAssertion", "phvToken",
    "providerAssertion", "code",     "id_token",        "gigya_jwt",      "gigya_login_token",
    "sessionToken", "sessionSecret", "x-gigya-id_token", "loginToken"};

inline constexpr std::string_view redaction_mask = "<redacted>";

constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool is_name_char(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/// The first position >= `from` where `needle` appears in `text`, ignoring ASCII case.
RENAULT_DECL std::size_t ifind(std::string_view text, std::string_view needle, std::size_t from) noexcept;

RENAULT_DECL std::size_t skip_blanks(std::string_view text, std::size_t i) noexcept;

/// Replaces every occurrence of `secret` in `text` by the mask.
RENAULT_DECL std::string mask_literal(std::string_view text, std::string_view secret);

/// Masks every JWT-shaped token (see jwt_length_at).
RENAULT_DECL std::string mask_jwts(std::string_view text);

/// Masks the values of the JSON members `field`, written either plainly (`"field": "value"`) or,
/// when `escaped`, inside another JSON string (`\"field\": \"value\"`). A string value that is
/// never closed (a truncated body) is masked to the end.
RENAULT_DECL std::string mask_json_field(std::string_view text, std::string_view field, bool escaped);

/// Masks the values of `name=value` pairs (forms, queries, free text). The name must not be the
/// tail of a longer name; the value runs to '&', a quote, white space or the end.
RENAULT_DECL std::string mask_form_field(std::string_view text, std::string_view name);

/// Masks the rest of the line after `Name:` for a secret header name (`Cookie: gmid=…`).
RENAULT_DECL std::string mask_header_line(std::string_view text, std::string_view name);

RENAULT_DECL std::string json_escape(std::string_view value);

} // namespace detail

/// Masks secrets in text before it is logged: registered literal values (in the forms they take
/// in form bodies, URLs and JSON too), anything shaped like a JWT, the values of secret JSON members
/// and form/query parameters (password, login_token, cookieValue, id_token, regToken,
/// gigyaAssertion, phvToken, providerAssertion, code=, …) and secret header lines (Cookie,
/// Set-Cookie, Authorization, x-gigya-id_token). API keys, URLs and VINs are not secrets and stay.
/// Thread-safe: `add_secret` and `apply` may run concurrently (the client learns tokens while
/// other operations log).
class redactor {
public:
    /// What replaces a secret.
    static constexpr std::string_view mask = detail::redaction_mask;

    /// Masks `value` wherever it appears from now on. Values shorter than 4 characters are ignored
    /// (they would mask ordinary text). JWTs need not be added: their shape is enough.
    void add_secret(std::string value);

    /// `text` with every secret replaced by `mask`.
    std::string apply(std::string_view text) const;

private:
    std::vector<std::string> secrets_;
    std::shared_ptr<std::mutex> mutex_ = std::make_shared<std::mutex>();
};

/// A minimum level and a sink: the client's logger. Default-constructed, it is disabled.
/// Every message goes through `secrets()` before it reaches the sink.
/// Thread safety: `log` and `enabled` may be called concurrently if the sink allows it (the sinks
/// of log_sinks.hpp do), also while `secrets().add_secret` runs.
class logger {
public:
    using sink_type = std::function<void(log_level, std::string_view)>;

    /// A disabled logger.
    logger() = default;

    /// Logs messages of level `minimum` and above to `sink`.
    explicit logger(sink_type sink, log_level minimum = log_level::info)
        : sink_(std::move(sink)), minimum_(minimum)
    {
    }

    /// Whether a message of `level` would reach the sink; build messages only when it would.
    bool enabled(log_level level) const noexcept { return sink_ && level >= minimum_; }

    /// Redacts `message` and hands it to the sink. Never throws: a failing sink loses the message,
    /// never the operation that logged it.
    void log(log_level level, std::string_view message) const noexcept;

    /// The redactor applied to every message; add the secrets it should mask.
    redactor& secrets() noexcept { return secrets_; }
    const redactor& secrets() const noexcept { return secrets_; }

    void trace(std::string_view message) const noexcept { log(log_level::trace, message); }
    void debug(std::string_view message) const noexcept { log(log_level::debug, message); }
    void info(std::string_view message) const noexcept { log(log_level::info, message); }
    void warning(std::string_view message) const noexcept { log(log_level::warning, message); }
    void error(std::string_view message) const noexcept { log(log_level::error, message); }

private:
    sink_type sink_;
    log_level minimum_ = log_level::info;
    redactor secrets_;
};

namespace detail {

RENAULT_DECL void append_headers(std::string& text, const http::headers& headers);

} // namespace detail

/// One line describing a request for a debug log: `POST https://… headers: name=value, … body: …`,
/// with the values of secret headers and every pattern-recognised secret masked.
RENAULT_DECL std::string describe_request(const http::request& req);

/// One line describing a response for a debug log: `HTTP 200 from https://… headers: … body: …`,
/// masked like describe_request.
RENAULT_DECL std::string describe_response(const http::response& res, std::string_view url);

} // namespace renault

#if RENAULT_HEADER_ONLY
#include <renault/impl/log.ipp>
#endif
