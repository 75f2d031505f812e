// Response classification (sans-io): turns an http::response of Kamereon or Gigya into a library
// error code plus what the server said (server_diagnostics). No I/O; the client calls these on
// every answer, tests call them on fixtures.
//
// Kamereon (docs/api/kamereon.md, "How an answer is classified"), in this order:
//   1. leading whitespace (and a UTF-8 BOM) is skipped — the reference client does not;
//   2. a body starting with `[` is a top-level array body: no errors[] check;
//   3. a body that is not JSON (HTML 502 page, empty, plain text, truncated JSON) is
//      errc::invalid_response with a secret-free excerpt, or errc::quota_limit under HTTP 429;
//   4. a non-empty `errors` array decides, whatever the HTTP status: the first entry's errorCode
//      (a string or a number) is looked up in `server_errors`, else errc::kamereon_error
//      (errc::quota_limit under HTTP 429);
//   5. only then the HTTP status: 429 → errc::quota_limit, ≥ 400 → errc::http_status.
// Gigya (docs/api/authentication.md): the body must be a JSON object; an errorCode > 0 decides
// before the HTTP status. The two-factor failures have no documented code, so they are recognised
// by the text of errorDetails or errorMessage.
#pragma once

#include <renault/detail/config.hpp>
#include <renault/errc.hpp>
#include <renault/error.hpp>
#include <renault/http/message.hpp>
#include <renault/server_errors.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace renault::protocol {

namespace detail {

inline bool is_space(char c) noexcept
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

inline char lower(char c) noexcept
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool is_alpha(char c) noexcept
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

inline bool is_token_char(char c) noexcept
{
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

/// Whether `text` contains `needle`, ASCII case-insensitively.
RENAULT_DECL bool icontains(std::string_view text, std::string_view needle) noexcept;

/// `body` without leading JSON whitespace and UTF-8 byte order mark.
RENAULT_DECL std::string_view trim_front(std::string_view body) noexcept;

/// The text of an HTML (or plain) body on one line: tags, comments, scripts and styles removed,
/// any run of whitespace or control characters turned into one space, no space at either end.
RENAULT_DECL std::string visible_text(std::string_view body);

/// Whether a run of token characters holds a JWT: "eyJ" then three dot-separated segments
/// (the third, the signature, may be empty).
RENAULT_DECL bool holds_jwt(std::string_view run) noexcept;

/// `text` with every long token (≥ 32 characters of [A-Za-z0-9_.-]) and every JWT replaced by
/// "<redacted>".
RENAULT_DECL std::string redact(std::string_view text);

/// The seconds of a `Retry-After: <seconds>` header, 0 when absent or given as a date.
RENAULT_DECL long retry_after_seconds(const http::response& r) noexcept;

} // namespace detail

/// A short, one-line, secret-free excerpt of a body that could not be understood, for error
/// messages: HTML tags, comments, scripts and styles removed ("502 Bad Gateway nginx"),
/// whitespace and control characters collapsed to single spaces, JWTs and long tokens (≥ 32
/// characters of [A-Za-z0-9_.-]) replaced by "<redacted>", and cut after at most `max` bytes
/// (on a UTF-8 character boundary) with "…" appended when something was cut.
/// @throws only std::bad_alloc.
RENAULT_DECL std::string excerpt(std::string_view body, std::size_t max = 160);

/// The details of a Kamereon errorMessage (docs/api/kamereon.md, "Error details"): when the
/// message is a JSON document with an `errors` array, each entry's non-empty `title`,
/// `source.pointer` and `detail` joined by a space, entries joined by ", "
/// ("/data/attributes/startDateTime must be a future date"); otherwise, or when that comes out
/// empty, the message itself.
/// @throws only std::bad_alloc.
RENAULT_DECL std::string kamereon_error_details(std::string_view error_message);

/// Classifies a Kamereon answer (the order is in the comment at the top of this file). On an
/// error, `diag` holds the server's code, message and details (docs/api/kamereon.md, "Error
/// details"), the HTTP status, an excerpt of a body that says nothing usable, and for quota
/// errors the seconds of a Retry-After header. `diag` is reset first, so it is empty on success.
/// @throws only std::bad_alloc.
RENAULT_DECL boost::system::error_code classify_kamereon(const http::response& r, server_diagnostics& diag);

/// Classifies a Gigya answer (docs/api/authentication.md): a body that is not a JSON object is
/// errc::invalid_response; an errorCode > 0 is looked up in `server_errors` (Gigya rows), except
/// that a wrong or exhausted two-factor code is recognised by its text (docs/api/authentication.md,
/// "Two-factor login"); only then an HTTP status ≥ 400 is errc::http_status. On an error, `diag`
/// holds the code as text, errorMessage, errorDetails and the HTTP status; `diag` is reset first,
/// so it is empty on success.
/// @throws only std::bad_alloc.
RENAULT_DECL boost::system::error_code classify_gigya(const http::response& r, server_diagnostics& diag);

} // namespace renault::protocol

#if RENAULT_HEADER_ONLY
#include <renault/protocol/impl/response.ipp>
#endif
