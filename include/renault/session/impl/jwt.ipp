// The definitions of session/jwt.hpp. Included by that header in the header-only mode, compiled
// once by <renault/src.hpp>.
#pragma once

#include <renault/session/jwt.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <cstdint>

namespace renault {

RENAULT_DECL std::optional<std::chrono::system_clock::time_point> jwt_expiry(std::string_view token)
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
