// Small URL helpers: split an absolute URL into its parts, and read or write query strings and
// form bodies (application/x-www-form-urlencoded). No allocation beyond the returned strings; no
// exceptions other than std::bad_alloc; any input is accepted.
#pragma once

#include <renault/detail/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace renault::http {

/// The parts of a URL. `split_url("https://api.example.com:8443/a/b?x=1#top")` gives
/// {"https", "api.example.com", "8443", "/a/b", "x=1"}. The fragment is dropped.
struct url_parts {
    std::string scheme; ///< "https"; empty for a bare path such as "/a/b?x=1"
    std::string host;   ///< "api.example.com"; an IPv6 literal without its brackets ("::1")
    std::string port;   ///< "8443"; empty when the URL does not give one
    std::string path;   ///< "/a/b", still percent-encoded; "/" when the URL has none
    std::string query;  ///< "x=1", still percent-encoded, without the '?'; empty when absent
};

/// A list of decoded query parameters or form fields, in their order.
using query_params = std::vector<std::pair<std::string, std::string>>;

/// Splits `url` into scheme, host, port, path and query. Text without "://" is taken as a path
/// (optionally followed by "?query"). Never fails: a malformed URL gives empty or partial parts.
RENAULT_DECL url_parts split_url(std::string_view url);

namespace detail {
RENAULT_DECL int hex_digit_value(char c) noexcept;

/// Decodes %XX escapes and '+' (a space, as forms and query strings write it). A malformed escape
/// ("%zz", a trailing "%4") is kept as it is.
RENAULT_DECL std::string percent_decode(std::string_view text);
} // namespace detail

/// Reads a query string or form body ("a=1&b=x%40y", with or without a leading '?') into decoded
/// name/value pairs, in order. '+' decodes to a space; a parameter without '=' has an empty value;
/// empty segments ("a=1&&b=2") are skipped.
RENAULT_DECL query_params parse_query(std::string_view query);

/// Percent-encodes everything but the RFC 3986 unreserved characters (letters, digits, "-._~"),
/// with upper-case hex digits: "a b@c" → "a%20b%40c". Safe for a query value, a form field or a
/// path segment. With `space_as_plus`, a space becomes '+' instead ("a+b%40c"), as HTML forms
/// write it. The one percent-encoder of the library (the logger's redactor uses both forms).
RENAULT_DECL std::string percent_encode(std::string_view text, bool space_as_plus = false);

/// Writes name/value pairs as a query string or form body, without a leading '?':
/// {{"country", "FR"}, {"loginID", "a@b.c"}} → "country=FR&loginID=a%40b.c".
RENAULT_DECL std::string build_query(const query_params& params);

} // namespace renault::http

#if RENAULT_HEADER_ONLY
#include <renault/http/impl/url.ipp>
#endif
