// Small URL helpers: split an absolute URL into its parts, and read or write query strings and
// form bodies (application/x-www-form-urlencoded). No allocation beyond the returned strings; no
// exceptions other than std::bad_alloc; any input is accepted.
#pragma once

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
inline url_parts split_url(std::string_view url)
{
    url_parts parts;
    if (const auto hash = url.find('#'); hash != std::string_view::npos)
        url = url.substr(0, hash);

    if (const auto sep = url.find("://"); sep != std::string_view::npos && url.find_first_of("/?") > sep) {
        parts.scheme = url.substr(0, sep);
        url.remove_prefix(sep + 3);
        const auto authority_end = url.find_first_of("/?");
        std::string_view authority = url.substr(0, authority_end);
        url = authority_end == std::string_view::npos ? std::string_view{} : url.substr(authority_end);
        if (const auto at = authority.rfind('@'); at != std::string_view::npos)
            authority.remove_prefix(at + 1); // user information is not part of the host
        std::string_view host = authority;
        if (!authority.empty() && authority.front() == '[') { // [::1]:8080
            const auto close = authority.find(']');
            host = authority.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
            const std::string_view rest =
                close == std::string_view::npos ? std::string_view{} : authority.substr(close + 1);
            if (!rest.empty() && rest.front() == ':')
                parts.port = rest.substr(1);
        } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
            host = authority.substr(0, colon);
            parts.port = authority.substr(colon + 1);
        }
        parts.host = host;
    }

    const auto question = url.find('?');
    parts.path = url.substr(0, question);
    if (question != std::string_view::npos)
        parts.query = url.substr(question + 1);
    if (parts.path.empty())
        parts.path = "/";
    return parts;
}

namespace detail {
inline int hex_digit_value(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// Decodes %XX escapes and '+' (a space, as forms and query strings write it). A malformed escape
/// ("%zz", a trailing "%4") is kept as it is.
inline std::string percent_decode(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && hex_digit_value(text[i + 1]) >= 0
                   && hex_digit_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit_value(text[i + 1]) * 16 + hex_digit_value(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}
} // namespace detail

/// Reads a query string or form body ("a=1&b=x%40y", with or without a leading '?') into decoded
/// name/value pairs, in order. '+' decodes to a space; a parameter without '=' has an empty value;
/// empty segments ("a=1&&b=2") are skipped.
inline query_params parse_query(std::string_view query)
{
    query_params params;
    if (!query.empty() && query.front() == '?')
        query.remove_prefix(1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view item = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (item.empty())
            continue;
        const auto eq = item.find('=');
        params.emplace_back(detail::percent_decode(item.substr(0, eq)),
                            eq == std::string_view::npos ? std::string{} : detail::percent_decode(item.substr(eq + 1)));
    }
    return params;
}

/// Percent-encodes everything but the RFC 3986 unreserved characters (letters, digits, "-._~"),
/// with upper-case hex digits: "a b@c" → "a%20b%40c". Safe for a query value, a form field or a
/// path segment. With `space_as_plus`, a space becomes '+' instead ("a+b%40c"), as HTML forms
/// write it. The one percent-encoder of the library (the logger's redactor uses both forms).
inline std::string percent_encode(std::string_view text, bool space_as_plus = false)
{
    constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                             || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += c;
        } else if (c == ' ' && space_as_plus) {
            out += '+';
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0x0F];
        }
    }
    return out;
}

/// Writes name/value pairs as a query string or form body, without a leading '?':
/// {{"country", "FR"}, {"loginID", "a@b.c"}} → "country=FR&loginID=a%40b.c".
inline std::string build_query(const query_params& params)
{
    std::string out;
    for (const auto& [name, value] : params) {
        if (!out.empty())
            out += '&';
        out += percent_encode(name);
        out += '=';
        out += percent_encode(value);
    }
    return out;
}

} // namespace renault::http
