// Dates and times given on the command line (--from, --to, --at).
#include "dates.hpp"
#include "exit_codes.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <ctime>

namespace renault::cli {

/// "2020-11-01" (a time after the date is allowed and ignored) → a date; else a usage error.
std::chrono::year_month_day parse_date(const std::string& text, std::string_view option)
{
    int y = 0;
    unsigned m = 0, d = 0;
    int used = 0;
    if (std::sscanf(text.c_str(), "%4d-%2u-%2u%n", &y, &m, &d, &used) == 3 && used == 10 &&
        (text.size() == 10 || text[10] == 'T' || text[10] == ' ')) {
        const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
        if (date.ok())
            return date;
    }
    throw usage_error{fmt::format("invalid value for {}: `{}` is not a date (YYYY-MM-DD)", option, text)};
}

/// --at: "YYYY-MM-DDTHH:MM[:SS]" (a space may replace the T), local time unless it ends with Z or
/// ±HH:MM; anything else is a usage error (never "now").
std::optional<std::chrono::sys_seconds> parse_when(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
    char sep = 0;
    bool ok = std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &used) == 6 &&
              (sep == 'T' || sep == ' ');
    std::string_view rest = ok ? std::string_view(text).substr(static_cast<std::size_t>(used)) : "";
    if (ok && rest.size() >= 3 && rest[0] == ':') {
        int seconds_used = 0;
        ok = std::sscanf(std::string(rest).c_str(), ":%2d%n", &s, &seconds_used) == 1;
        rest.remove_prefix(static_cast<std::size_t>(seconds_used));
    }
    using namespace std::chrono;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    ok = ok && date.ok() && h < 24 && mi < 60 && s < 60;
    int offset = 0;
    bool local = false;
    if (ok && rest.empty()) {
        local = true;
    } else if (ok && rest == "Z") {
    } else if (ok && rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
        int oh = 0, om = 0;
        ok = std::sscanf(std::string(rest.substr(1)).c_str(), "%2d:%2d", &oh, &om) == 2;
        offset = (rest[0] == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
        ok = false;
    }
    if (!ok)
        throw usage_error{fmt::format("invalid value for --at: `{}` is not a date and time (YYYY-MM-DDTHH:MM)", text)};
    if (local) {
        std::tm tm{};
        tm.tm_year = y - 1900;
        tm.tm_mon = mo - 1;
        tm.tm_mday = d;
        tm.tm_hour = h;
        tm.tm_min = mi;
        tm.tm_sec = s;
        tm.tm_isdst = -1;
        return time_point_cast<seconds>(system_clock::from_time_t(std::mktime(&tm)));
    }
    return sys_days{date} + hours{h} + minutes{mi} + seconds{s} - minutes{offset};
}

} // namespace renault::cli
