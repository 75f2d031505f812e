// Dates and times given on the command line: --from and --to (days) and --at (an instant).
//
// Letters may be in any case and spaces around the value are ignored. "Local" means the time
// zone of the process (the TZ variable, else the system's). A value that is not one of the forms
// below, or is out of range (hour 24, minute 60, February 30, more than 10000 days away, a
// negative count, a local time skipped when clocks go forward), is a usage_error naming the
// option and the accepted forms: it never falls back to "now".
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace renault::cli {

/// --from / --to: a day. Accepted forms (relative ones count from today's local date):
///   YYYY-MM-DD             a day; a time after it (THH:MM[:SS], optional Z or ±HH:MM) is
///                          allowed and ignored
///   today, yesterday, tomorrow
///   N days|weeks|months ago, in N days|weeks|months
///                          day/week/month may be singular; months are calendar months and the
///                          day is clamped to the month's last day (Mar 31 - 1 month = Feb 29)
/// N is 0 or more and the result at most 10000 days from today. Anything else throws a
/// usage_error naming `option`.
std::chrono::year_month_day parse_date(const std::string& text, std::string_view option);

/// parse_date with an explicit current time (for tests).
std::chrono::year_month_day parse_date(const std::string& text, std::string_view option,
                                       std::chrono::system_clock::time_point now);

/// --from and --to together: a usage_error when `from` is after `to` (the same day is fine).
void check_period(std::chrono::year_month_day from, std::chrono::year_month_day to);

/// --at: an instant. Accepted forms:
///   YYYY-MM-DDTHH:MM[:SS]  (a space may replace the T) local time, or UTC with a Z suffix, or
///                          the given offset with a ±HH:MM suffix
///   HH:MM[:SS]             today at that local time (a time already past today is accepted:
///                          the server decides)
///   today HH:MM[:SS], tomorrow HH:MM[:SS]
///   in N minutes|hours|days, N minutes|hours|days ago
///                          also several terms ("in 1 hour 30 minutes", "in 1h30min"); units:
///                          minute(s)/min(s), hour(s)/h, day(s)/d; a day is 24 hours; at most
///                          10000 days away
///   now                    → nullopt: start immediately, as when --at is not given
/// An empty value (`--at ''`) is rejected like any other: only a missing --at means "now"
/// without saying so. "today"/"tomorrow" without a time are rejected (ambiguous). A local
/// time that occurs twice (clocks going back) is its first occurrence; one that does not occur
/// (clocks going forward) is rejected. Anything else throws a usage_error.
std::optional<std::chrono::sys_seconds> parse_when(const std::string& text);

/// parse_when with an explicit current time (for tests).
std::optional<std::chrono::sys_seconds> parse_when(const std::string& text,
                                                   std::chrono::system_clock::time_point now);

} // namespace renault::cli
