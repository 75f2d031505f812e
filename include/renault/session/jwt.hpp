// Reading the expiry of a JSON Web Token (the Gigya id_token the Kamereon API wants), and telling
// whether a string looks like one. Nothing here checks signatures: the client only needs to know
// when to fetch a new token, and the server judges the token anyway.
#pragma once

#include <renault/detail/base64.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace renault {

namespace detail {

/// The length of the JWT-shaped token that starts at `pos` in `text`, or 0: three base64url
/// segments separated by dots, the first starting with "eyJ" (`{"` encoded), the second not empty,
/// the third (signature) possibly empty; each segment may end with '=' padding.
constexpr std::size_t jwt_length_at(std::string_view text, std::size_t pos) noexcept
{
    if (text.substr(pos, 3) != "eyJ")
        return 0;
    std::size_t i = pos;
    for (int segment = 0; segment < 3; ++segment) {
        const std::size_t start = i;
        while (i < text.size() && is_base64url_char(text[i]))
            ++i;
        if (segment < 2 && i == start)
            return 0;
        for (int pad = 0; pad < 2 && i < text.size() && text[i] == '='; ++pad)
            ++i;
        if (segment < 2) {
            if (i >= text.size() || text[i] != '.')
                return 0;
            ++i;
        }
    }
    return i - pos;
}

} // namespace detail

/// Whether `token` as a whole has the shape of a JWT: three base64url segments separated by dots,
/// the first starting with "eyJ". Says nothing about whether the token decodes.
constexpr bool looks_like_jwt(std::string_view token) noexcept
{
    return !token.empty() && detail::jwt_length_at(token, 0) == token.size();
}

/// The expiry (`exp` claim, seconds since the epoch, integer or fractional) of a JWT, read from its
/// base64url-decoded payload without checking the signature. Returns nullopt when the token is not
/// three dot-separated segments, the payload is not a base64url-encoded JSON object, `exp` is missing or not
/// a number, or it is outside the range of system_clock. Never throws for bad input.
inline std::optional<std::chrono::system_clock::time_point> jwt_expiry(std::string_view token)
{
    const std::size_t first = token.find('.');
    if (first == std::string_view::npos)
        return std::nullopt;
    const std::size_t second = token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
        return std::nullopt;
    // Lenient: either alphabet, with or without padding.
    const auto payload =
        detail::base64_decode(token.substr(first + 1, second - first - 1), detail::base64_alphabet::either);
    if (!payload)
        return std::nullopt;

    boost::system::error_code ec;
    const boost::json::value claims = boost::json::parse(*payload, ec);
    if (ec || !claims.is_object())
        return std::nullopt;
    const boost::json::value* exp = claims.get_object().if_contains("exp");
    if (exp == nullptr)
        return std::nullopt;

    using clock = std::chrono::system_clock;
    // The range of seconds that system_clock::duration can hold (about ±292 years for nanoseconds).
    const double limit =
        static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(clock::duration::max()).count()) - 1.0;
    double seconds = 0;
    if (exp->is_int64())
        seconds = static_cast<double>(exp->get_int64());
    else if (exp->is_uint64())
        seconds = static_cast<double>(exp->get_uint64());
    else if (exp->is_double())
        seconds = exp->get_double();
    else
        return std::nullopt;
    if (!std::isfinite(seconds) || seconds > limit || seconds < -limit)
        return std::nullopt;
    // Whole seconds exactly, then the fraction: 1.7e9 s in nanoseconds does not fit a double's precision.
    const double whole = std::floor(seconds);
    const auto fraction = std::chrono::round<clock::duration>(std::chrono::duration<double>(seconds - whole));
    const auto integral = exp->is_int64() ? exp->get_int64() : static_cast<std::int64_t>(whole);
    return clock::time_point(std::chrono::duration_cast<clock::duration>(std::chrono::seconds(integral)) + fraction);
}

} // namespace renault
