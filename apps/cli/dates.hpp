// Dates and times given on the command line: --from and --to (days) and --at (an instant).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace renault::cli {

/// --from / --to: "YYYY-MM-DD" (a time after the date is allowed and ignored); anything else
/// is a usage_error naming `option`.
std::chrono::year_month_day parse_date(const std::string& text, std::string_view option);

/// --at: "YYYY-MM-DDTHH:MM[:SS]" (a space may replace the T), local time unless it ends with Z
/// or ±HH:MM; empty → nullopt (now); anything else is a usage_error (never "now").
std::optional<std::chrono::sys_seconds> parse_when(const std::string& text);

} // namespace renault::cli
