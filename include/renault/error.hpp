// The error category of renault::errc and renault::condition, the server's own account of an error
// (server_diagnostics), and the exception the throwing forms raise.
#pragma once

#include <renault/errc.hpp>
#include <renault/generated/errors.hpp>

#include <boost/system/error_code.hpp>

#include <optional>
#include <string>
#include <system_error>

namespace renault {

/// The row of `server_errors` for a library code, or nullptr when the code is not a server code.
inline const server_error_info* find_server_error(errc e) noexcept
{
    for (const auto& row : server_errors)
        if (row.value == e)
            return &row;
    return nullptr;
}

/// The condition an error code belongs to, if any.
inline std::optional<condition> condition_of(errc e) noexcept
{
    switch (e) {
    case errc::transport_error:
    case errc::timeout:
        return condition::transient;
    case errc::http_status:
    case errc::invalid_response:
    case errc::invalid_json:
    case errc::unexpected_root:
    case errc::strict_decode_failed:
    case errc::nesting_too_deep:
    case errc::response_too_large:
    case errc::kamereon_error:
    case errc::gigya_error:
        return condition::bad_response;
    case errc::not_authenticated:
    case errc::two_factor_required:
    case errc::two_factor_wrong_code:
    case errc::two_factor_too_many_attempts:
        return condition::authentication;
    case errc::endpoint_not_available:
        return condition::not_supported;
    case errc::cooling_down:
    case errc::request_budget_exhausted:
        return condition::rate_limited;
    case errc::invalid_argument:
    case errc::url_refused:
        return condition::invalid_request;
    default:
        break;
    }
    if (const auto* row = find_server_error(e))
        return row->condition;
    return std::nullopt;
}

namespace detail {

inline const char* errc_message(errc e) noexcept
{
    switch (e) {
    case errc::ok: return "success";
    case errc::invalid_json: return "the body is not valid JSON";
    case errc::unexpected_root: return "the JSON body does not have the expected shape";
    case errc::strict_decode_failed: return "the body decoded with diagnostics (strict mode)";
    case errc::nesting_too_deep: return "the JSON body nests too deeply";
    case errc::invalid_argument: return "invalid argument";
    case errc::transport_error: return "the connection to the server failed";
    case errc::tls_error: return "TLS handshake or certificate verification failed";
    case errc::timeout: return "the request timed out";
    case errc::response_too_large: return "the response is larger than allowed";
    case errc::http_status: return "the server answered with an HTTP error status";
    case errc::invalid_response: return "the server's answer is invalid (malformed HTTP, or not the JSON the API sends)";
    case errc::url_refused: return "the URL is refused: only https://, or http:// where plain HTTP is allowed";
    case errc::not_authenticated: return "not logged in, or the login expired";
    case errc::endpoint_not_available: return "the endpoint is not available for this vehicle model";
    case errc::cooling_down: return "the account hit its quota recently; waiting for the cooldown";
    case errc::request_budget_exhausted: return "the client-side request budget of the account is spent";
    case errc::two_factor_required: return "the login needs an emailed verification code";
    case errc::two_factor_wrong_code: return "wrong verification code";
    case errc::two_factor_too_many_attempts: return "too many wrong verification codes";
    case errc::credential_store_corrupt: return "the credential file is corrupt";
    case errc::credential_store_io: return "the credential file cannot be read or written";
    case errc::missing_setting: return "a required setting is missing";
    case errc::locale_not_found: return "the locale is unknown";
    case errc::kamereon_error: return "Kamereon error";
    case errc::gigya_error: return "Gigya error";
    default: break;
    }
    if (const auto* row = find_server_error(e))
        return row->message.data(); // generated string literals are NUL-terminated
    return "unknown renault error";
}

// Boost's error_category has a protected non-virtual destructor by design (categories are static
// objects, never deleted through the base), which -Wnon-virtual-dtor reports in every derived class.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
#endif
class error_category_impl final : public boost::system::error_category {
public:
    // A fixed id, so that the category compares equal across shared libraries.
    error_category_impl() noexcept : boost::system::error_category(0x72656e61756c7431ULL) {}
    const char* name() const noexcept override { return "renault"; }
    std::string message(int ev) const override { return errc_message(static_cast<errc>(ev)); }
    bool equivalent(int code, const boost::system::error_condition& cond) const noexcept override;
};

class condition_category_impl final : public boost::system::error_category {
public:
    condition_category_impl() noexcept : boost::system::error_category(0x72656e61756c7432ULL) {}
    const char* name() const noexcept override { return "renault.condition"; }
    std::string message(int ev) const override
    {
        switch (static_cast<condition>(ev)) {
        case condition::authentication: return "authentication failed or expired";
        case condition::not_supported: return "not supported for this vehicle or account";
        case condition::rate_limited: return "rate limited";
        case condition::transient: return "temporary failure";
        case condition::bad_response: return "unusable answer from the server";
        case condition::invalid_request: return "invalid request";
        }
        return "unknown renault condition";
    }
};
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

} // namespace detail

/// The category of renault::errc.
inline const boost::system::error_category& error_category() noexcept
{
    static const detail::error_category_impl instance;
    return instance;
}

/// The category of renault::condition.
inline const boost::system::error_category& condition_category() noexcept
{
    static const detail::condition_category_impl instance;
    return instance;
}

inline boost::system::error_code make_error_code(errc e) noexcept
{
    return {static_cast<int>(e), error_category()};
}

inline boost::system::error_condition make_error_condition(condition c) noexcept
{
    return {static_cast<int>(c), condition_category()};
}

inline bool detail::error_category_impl::equivalent(int code, const boost::system::error_condition& cond) const noexcept
{
    if (cond.category() == condition_category()) {
        const auto c = condition_of(static_cast<errc>(code));
        return c && static_cast<int>(*c) == cond.value();
    }
    return default_error_condition(code) == cond;
}

/// What the server said about an error, as far as it said anything: the code it sent
/// ("err.func.wired.overloaded", "403042"), its message, and the details (for Kamereon, see
/// docs/api/kamereon.md, "Error details"; errorDetails for Gigya), plus the HTTP status and a
/// short, secret-free excerpt of a body that could not be understood.
struct server_diagnostics {
    std::string code{};
    std::string message{};
    std::string details{};
    unsigned http_status = 0;
    std::string excerpt{};
    /// Seconds to wait before trying again (quota cooldown, request budget), 0 when not known.
    long retry_after_seconds = 0;

    bool empty() const noexcept
    {
        return code.empty() && message.empty() && details.empty() && http_status == 0 && excerpt.empty();
    }
};

/// One line that says what failed: the library's message, then what the server said.
inline std::string describe(const boost::system::error_code& ec, const server_diagnostics& diag = {})
{
    std::string text = ec.message();
    if (!diag.code.empty()) {
        text += " (";
        text += diag.code;
        text += ')';
    }
    const std::string& said = !diag.details.empty() ? diag.details : diag.message;
    if (!said.empty() && said != ec.message()) {
        text += ": ";
        text += said;
    }
    if (diag.http_status != 0 && diag.code.empty()) {
        text += " [HTTP ";
        text += std::to_string(diag.http_status);
        text += ']';
    }
    if (!diag.excerpt.empty()) {
        text += ": ";
        text += diag.excerpt;
    }
    return text;
}

/// The exception of the throwing forms: a std::system_error with a message that says what failed,
/// and the server's diagnostics when the server said something.
class error : public std::system_error {
public:
    error(boost::system::error_code ec, std::string what, server_diagnostics diag = {})
        : std::system_error(static_cast<std::error_code>(ec), what), code_(ec), what_(std::move(what)),
          diagnostics_(std::move(diag))
    {
    }
    explicit error(boost::system::error_code ec, const server_diagnostics& diag = {})
        : error(ec, describe(ec, diag), diag)
    {
    }
    /// The error code, as a Boost.System code (the std::error_code is in code()).
    const boost::system::error_code& error_code() const noexcept { return code_; }
    /// What the server said (empty when the error is the library's own).
    const server_diagnostics& diagnostics() const noexcept { return diagnostics_; }
    /// The message as given, without std::system_error's ": <category message>" suffix.
    const char* what() const noexcept override { return what_.c_str(); }

private:
    boost::system::error_code code_;
    std::string what_;
    server_diagnostics diagnostics_;
};

} // namespace renault
