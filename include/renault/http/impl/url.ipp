// The definitions of http/url.hpp. Included by that header in the header-only mode, compiled once
// by <renault/src.hpp>.
#pragma once

#include <renault/http/url.hpp>

namespace renault::http {

RENAULT_DECL url_parts split_url(std::string_view url)
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

RENAULT_DECL int hex_digit_value(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

RENAULT_DECL std::string percent_decode(std::string_view text)
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

RENAULT_DECL query_params parse_query(std::string_view query)
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

RENAULT_DECL std::string percent_encode(std::string_view text, bool space_as_plus)
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

RENAULT_DECL std::string build_query(const query_params& params)
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
