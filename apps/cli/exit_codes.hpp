// Exit codes of renault-api: 0 success, 1 runtime error, 2 usage error.
#pragma once

#include <string>

namespace renault::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_runtime_error = 1;
inline constexpr int exit_usage_error = 2;

/// A mistake in the command line, reported as "Error: <what>" with exit code 2.
struct usage_error {
    std::string message;
};

} // namespace renault::cli
