// Logging: a level and a sink callback, owned by the client (the library never prints and has no
// global logger), and the redactor that every message passes through so that passwords, login
// tokens, JWTs and Gigya assertions never reach a log.
//
// Callers build messages only when `enabled(level)` is true, so logging costs nothing when off.
// The file and stream sinks are in log_sinks.hpp.
#pragma once

#include <renault/http/message.hpp>
#include <renault/http/url.hpp>
#include <renault/json_text.hpp>
#include <renault/session/jwt.hpp>

#include <algorithm>
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
inline constexpr std::array<std::string_view, 12> secret_json_fields{
    "password",       "login_token",       "cookieValue", "id_token",     "gigya_jwt",     "gigya_login_token",
    "regToken",       "gigyaAssertion",    "phvToken",    "providerAssertion", "sessionToken", "sessionSecret"};

/// Form and query parameters whose values are secrets (matched without regard to case).
inline constexpr std::array<std::string_view, 13> secret_form_fields{
    "password",     "login_token",   "regToken",        "gigyaAssertion", "phvToken",
    "providerAssertion", "code",     "id_token",        "gigya_jwt",      "gigya_login_token",
    "sessionToken", "sessionSecret", "x-gigya-id_token"};

inline constexpr std::string_view redaction_mask = "<redacted>";

constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool is_name_char(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/// The first position >= `from` where `needle` appears in `text`, ignoring ASCII case.
inline std::size_t ifind(std::string_view text, std::string_view needle, std::size_t from) noexcept
{
    if (needle.empty() || needle.size() > text.size())
        return std::string_view::npos;
    for (std::size_t i = from; i + needle.size() <= text.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && ascii_lower(text[i + k]) == ascii_lower(needle[k]))
            ++k;
        if (k == needle.size())
            return i;
    }
    return std::string_view::npos;
}

inline std::size_t skip_blanks(std::string_view text, std::size_t i) noexcept
{
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        ++i;
    return i;
}

/// Replaces every occurrence of `secret` in `text` by the mask.
inline std::string mask_literal(std::string_view text, std::string_view secret)
{
    std::string out;
    std::size_t pos = 0;
    for (std::size_t hit; (hit = text.find(secret, pos)) != std::string_view::npos; pos = hit + secret.size()) {
        out.append(text.substr(pos, hit - pos));
        out.append(redaction_mask);
    }
    out.append(text.substr(pos));
    return out;
}

/// Masks every JWT-shaped token (see jwt_length_at).
inline std::string mask_jwts(std::string_view text)
{
    std::string out;
    std::size_t pos = 0;
    for (std::size_t hit = text.find("eyJ"); hit != std::string_view::npos; hit = text.find("eyJ", hit + 1)) {
        if (hit < pos || (hit > 0 && is_base64url_char(text[hit - 1])))
            continue;
        if (const std::size_t length = jwt_length_at(text, hit)) {
            out.append(text.substr(pos, hit - pos));
            out.append(redaction_mask);
            pos = hit + length;
        }
    }
    out.append(text.substr(pos));
    return out;
}

/// Masks the values of the JSON members `field`, written either plainly (`"field": "value"`) or,
/// when `escaped`, inside another JSON string (`\"field\": \"value\"`). A string value that is
/// never closed (a truncated body) is masked to the end.
inline std::string mask_json_field(std::string_view text, std::string_view field, bool escaped)
{
    const std::string_view quote = escaped ? "\\\"" : "\"";
    const std::string needle = std::string(quote) + std::string(field) + std::string(quote);
    // A closing quote is preceded by a run of backslashes whose length is even (plain) or 1 mod 4
    // (escaped: one backslash of its own after pairs that encode backslashes of the value).
    auto is_closing = [&](std::size_t quote_pos) {
        std::size_t run = 0;
        while (run < quote_pos && text[quote_pos - 1 - run] == '\\')
            ++run;
        return escaped ? run % 4 == 1 : run % 2 == 0;
    };
    std::string out;
    std::size_t pos = 0;
    for (std::size_t hit; (hit = text.find(needle, pos)) != std::string_view::npos;) {
        std::size_t i = skip_blanks(text, hit + needle.size());
        if (i >= text.size() || text[i] != ':') {
            out.append(text.substr(pos, hit + needle.size() - pos));
            pos = hit + needle.size();
            continue;
        }
        i = skip_blanks(text, i + 1);
        if (text.substr(i, quote.size()) == quote) {
            const std::size_t start = i + quote.size();
            std::size_t end = start;
            while (end < text.size() && !(text[end] == '"' && is_closing(end)))
                ++end;
            if (escaped && end < text.size())
                --end; // the backslash of the closing \"
            out.append(text.substr(pos, start - pos));
            out.append(redaction_mask);
            pos = std::min(end, text.size());
        } else if (!escaped && i < text.size() && (text[i] == '-' || (text[i] >= '0' && text[i] <= '9'))) {
            std::size_t end = i;
            while (end < text.size() && (std::string_view("0123456789+-.eE").find(text[end]) != std::string_view::npos))
                ++end;
            out.append(text.substr(pos, i - pos));
            out.append(redaction_mask);
            pos = end;
        } else {
            out.append(text.substr(pos, i - pos));
            pos = i;
        }
    }
    out.append(text.substr(pos));
    return out;
}

/// Masks the values of `name=value` pairs (forms, queries, free text). The name must not be the
/// tail of a longer name; the value runs to '&', a quote, white space or the end.
inline std::string mask_form_field(std::string_view text, std::string_view name)
{
    const std::string needle = std::string(name) + "=";
    std::string out;
    std::size_t pos = 0;
    for (std::size_t hit = ifind(text, needle, 0); hit != std::string_view::npos;
         hit = ifind(text, needle, hit + 1)) {
        if (hit < pos || (hit > 0 && is_name_char(text[hit - 1])))
            continue;
        const std::size_t start = hit + needle.size();
        std::size_t end = start;
        while (end < text.size() && std::string_view("& \t\r\n\"'").find(text[end]) == std::string_view::npos)
            ++end;
        if (end == start || text.substr(start, redaction_mask.size()) == redaction_mask)
            continue;
        out.append(text.substr(pos, start - pos));
        out.append(redaction_mask);
        pos = end;
    }
    out.append(text.substr(pos));
    return out;
}

/// Masks the rest of the line after `Name:` for a secret header name (`Cookie: gmid=…`).
inline std::string mask_header_line(std::string_view text, std::string_view name)
{
    std::string out;
    std::size_t pos = 0;
    for (std::size_t hit = ifind(text, name, 0); hit != std::string_view::npos; hit = ifind(text, name, hit + 1)) {
        if (hit < pos || (hit > 0 && is_name_char(text[hit - 1])))
            continue;
        std::size_t i = hit + name.size();
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        if (i >= text.size() || text[i] != ':')
            continue;
        ++i;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        std::size_t end = i;
        while (end < text.size() && text[end] != '\r' && text[end] != '\n')
            ++end;
        if (end == i)
            continue;
        out.append(text.substr(pos, i - pos));
        out.append(redaction_mask);
        pos = end;
    }
    out.append(text.substr(pos));
    return out;
}

inline std::string json_escape(std::string_view value)
{
    std::string quoted;
    append_json_string(quoted, value);
    return quoted.substr(1, quoted.size() - 2);
}

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
    void add_secret(std::string value)
    {
        if (value.size() < 4)
            return;
        std::lock_guard lock(*mutex_);
        auto add = [this](std::string v) {
            if (std::find(secrets_.begin(), secrets_.end(), v) == secrets_.end())
                secrets_.push_back(std::move(v));
        };
        add(http::percent_encode(value, true));
        add(http::percent_encode(value));
        add(detail::json_escape(value));
        add(std::move(value));
        // Longest first, so that a secret containing another is masked whole.
        std::stable_sort(secrets_.begin(), secrets_.end(),
                         [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    }

    /// `text` with every secret replaced by `mask`.
    std::string apply(std::string_view text) const
    {
        std::string out(text);
        std::vector<std::string> secrets;
        {
            std::lock_guard lock(*mutex_);
            secrets = secrets_;
        }
        for (const auto& secret : secrets)
            out = detail::mask_literal(out, secret);
        out = detail::mask_jwts(out);
        for (const auto name : detail::secret_header_names)
            out = detail::mask_header_line(out, name);
        for (const auto field : detail::secret_json_fields) {
            out = detail::mask_json_field(out, field, false);
            out = detail::mask_json_field(out, field, true);
        }
        for (const auto name : detail::secret_form_fields)
            out = detail::mask_form_field(out, name);
        return out;
    }

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
    void log(log_level level, std::string_view message) const noexcept
    {
        if (!enabled(level))
            return;
        try {
            sink_(level, secrets_.apply(message));
        } catch (...) {
        }
    }

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

inline void append_headers(std::string& text, const http::headers& headers)
{
    if (headers.empty())
        return;
    text += " headers: ";
    bool first = true;
    for (const auto& h : headers) {
        if (!first)
            text += ", ";
        first = false;
        text += h.name;
        text += '=';
        const bool secret = std::any_of(secret_header_names.begin(), secret_header_names.end(),
                                        [&](std::string_view name) { return http::iequals(h.name, name); });
        text += secret ? std::string_view(redaction_mask) : std::string_view(h.value);
    }
}

} // namespace detail

/// One line describing a request for a debug log: `POST https://… headers: name=value, … body: …`,
/// with the values of secret headers and every pattern-recognised secret masked.
inline std::string describe_request(const http::request& req)
{
    std::string text(http::method_name(req.method));
    text += ' ';
    text += req.url;
    detail::append_headers(text, req.headers);
    if (!req.body.empty()) {
        text += " body: ";
        text += req.body;
    }
    return redactor{}.apply(text);
}

/// One line describing a response for a debug log: `HTTP 200 from https://… headers: … body: …`,
/// masked like describe_request.
inline std::string describe_response(const http::response& res, std::string_view url)
{
    std::string text = "HTTP " + std::to_string(res.status) + " from ";
    text += url;
    detail::append_headers(text, res.headers);
    if (!res.body.empty()) {
        text += " body: ";
        text += res.body;
    }
    return redactor{}.apply(text);
}

} // namespace renault
