// Limits of the battery state-of-charge levels (docs/api/actions.md, "State-of-charge limits").
#pragma once

#include <renault/error.hpp>

#include <string>

namespace renault {

inline constexpr int min_soc_min = 15;
inline constexpr int max_soc_min = 45;
inline constexpr int min_soc_target = 55;
inline constexpr int max_soc_target = 100;
inline constexpr int soc_step = 5;

/// Checks the minimum and target levels the way the API accepts them; on failure `ec` is
/// errc::invalid_argument and `message` says which limit (the minimum is checked first).
inline void validate_soc_levels(int min, int target, boost::system::error_code& ec, std::string& message)
{
    ec = {};
    message.clear();
    if (min < min_soc_min || min > max_soc_min || min % soc_step != 0) {
        ec = make_error_code(errc::invalid_argument);
        message = "Minimum state of charge level must be between 15 and 45 with a step of 5.";
    } else if (target < min_soc_target || target > max_soc_target || target % soc_step != 0) {
        ec = make_error_code(errc::invalid_argument);
        message = "Target state of charge level must be between 55 and 100 with a step of 5.";
    }
}

/// Throwing form. @throws renault::error (errc::invalid_argument) with the limit in what().
inline void validate_soc_levels(int min, int target)
{
    boost::system::error_code ec;
    std::string message;
    validate_soc_levels(min, target, ec, message);
    if (ec)
        throw error(ec, message);
}

} // namespace renault
