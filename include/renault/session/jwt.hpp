// Reading the expiry of a JSON Web Token (the Gigya id_token the Kamereon API wants), and telling
// whether a string looks like one. Nothing here checks signatures: the client only needs to know
// when to fetch a new token, and the server judges the token anyway.
#pragma once

#include <renault/detail/base64.hpp>
#include <renault/detail/config.hpp>

#include <chrono>
#include <cstddef>
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
RENAULT_DECL std::optional<std::chrono::system_clock::time_point> jwt_expiry(std::string_view token);

} // namespace renault

#if RENAULT_HEADER_ONLY
#include <renault/session/impl/jwt.ipp>
#endif
