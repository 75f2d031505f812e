// Dates and times given on the command line (--from, --to, --at). The accepted forms are listed
// in dates.hpp.
#include "dates.hpp"
#include "exit_codes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <span>
#include <vector>

namespace renault::cli {
namespace {

using namespace std::chrono;

/// The farthest a relative value may reach, in days.
constexpr long long max_days = 10000;
/// Counts saturate here: far beyond every limit, and small enough never to overflow.
constexpr long long huge_count = 1'000'000'000'000;

constexpr std::string_view date_forms =
    "(YYYY-MM-DD, today, yesterday, tomorrow, N days|weeks|months ago, in N days|weeks|months)";
constexpr std::string_view when_forms =
    "(YYYY-MM-DDTHH:MM, HH:MM, today HH:MM, tomorrow HH:MM, in N minutes|hours|days, now)";

[[noreturn]] void fail(std::string_view option, std::string_view text, std::string_view why)
{
    throw usage_error{fmt::format("invalid value for {}: `{}` {}", option, text, why)};
}

[[noreturn]] void too_far(std::string_view option, std::string_view text)
{
    fail(option, text, fmt::format("is more than {} days away", max_days));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return c >= 'a' && c <= 'z'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string lowercase(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// Reads min_digits..max_digits digits from the front of `s`.
bool read_number(std::string_view& s, std::size_t min_digits, std::size_t max_digits, int& out)
{
    std::size_t n = 0;
    out = 0;
    while (n < s.size() && n < max_digits && is_digit(s[n]))
        out = out * 10 + (s[n++] - '0');
    s.remove_prefix(n);
    return n >= min_digits;
}

bool read_char(std::string_view& s, char c)
{
    if (s.empty() || s.front() != c)
        return false;
    s.remove_prefix(1);
    return true;
}

/// "HH:MM[:SS]" (the hour may have one digit) from the front of `s`, in range.
bool read_clock(std::string_view& s, int& hour, int& minute, int& second)
{
    second = 0;
    if (!read_number(s, 1, 2, hour) || !read_char(s, ':') || !read_number(s, 2, 2, minute))
        return false;
    if (read_char(s, ':') && !read_number(s, 2, 2, second))
        return false;
    return hour < 24 && minute < 60 && second < 60;
}

/// "YYYY-MM-DD" from the front of `s`, a real calendar day.
bool read_day(std::string_view& s, year_month_day& out)
{
    int y = 0, m = 0, d = 0;
    if (!read_number(s, 4, 4, y) || !read_char(s, '-') || !read_number(s, 2, 2, m) || !read_char(s, '-') ||
        !read_number(s, 2, 2, d))
        return false;
    out = year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)};
    return out.ok();
}

/// A date and time as written, before it is placed in a time zone.
struct date_time {
    year_month_day day;
    int hour = 0, minute = 0, second = 0;
    std::optional<int> offset_minutes; ///< east of UTC; nullopt = local time
};

/// "yyyy-mm-dd[t ]hh:mm[:ss]" then nothing (local time), "z" or "±hh:mm" (lowercase input).
std::optional<date_time> read_date_time(std::string_view s)
{
    date_time t;
    if (!read_day(s, t.day) || !(read_char(s, 't') || read_char(s, ' ')) ||
        !read_clock(s, t.hour, t.minute, t.second))
        return std::nullopt;
    if (s.empty())
        return t;
    if (s == "z") {
        t.offset_minutes = 0;
        return t;
    }
    const bool west = read_char(s, '-');
    int oh = 0, om = 0;
    if (!(west || read_char(s, '+')) || !read_number(s, 2, 2, oh) || !read_char(s, ':') ||
        !read_number(s, 2, 2, om) || !s.empty() || oh >= 24 || om >= 60)
        return std::nullopt;
    t.offset_minutes = (west ? -1 : 1) * (oh * 60 + om);
    return t;
}

/// The local calendar day at `now`.
year_month_day local_day(system_clock::time_point now)
{
    const std::time_t t = system_clock::to_time_t(now);
    std::tm tm{};
    localtime_r(&t, &tm);
    return year{tm.tm_year + 1900} / month{static_cast<unsigned>(tm.tm_mon + 1)} /
           day{static_cast<unsigned>(tm.tm_mday)};
}

/// The instant at which local clocks show `d` hour:minute:second; the first one when clocks go
/// back over it, nullopt when they skip it. Each reading of tm_isdst is tried and kept only if
/// mktime shows exactly the wanted time with that reading.
std::optional<sys_seconds> local_instant(year_month_day d, int hour, int minute, int second)
{
    std::optional<std::time_t> first;
    for (const int dst : {0, 1}) {
        std::tm tm{};
        tm.tm_year = static_cast<int>(d.year()) - 1900;
        tm.tm_mon = static_cast<int>(static_cast<unsigned>(d.month())) - 1;
        tm.tm_mday = static_cast<int>(static_cast<unsigned>(d.day()));
        tm.tm_hour = hour;
        tm.tm_min = minute;
        tm.tm_sec = second;
        tm.tm_isdst = dst;
        const std::time_t t = std::mktime(&tm); // also rewrites tm as the local time at t
        const bool shown = tm.tm_isdst == dst && tm.tm_year == static_cast<int>(d.year()) - 1900 &&
                           tm.tm_mon == static_cast<int>(static_cast<unsigned>(d.month())) - 1 &&
                           tm.tm_mday == static_cast<int>(static_cast<unsigned>(d.day())) &&
                           tm.tm_hour == hour && tm.tm_min == minute && tm.tm_sec == second;
        if (shown && (!first || t < *first))
            first = t;
    }
    if (!first)
        return std::nullopt;
    return sys_seconds{seconds{*first}};
}

/// Splits "in 1h30min" into {"in", "1", "h", "30", "min"}: runs of digits and runs of letters,
/// spaces between them optional. Any other character → no words.
std::vector<std::string_view> words(std::string_view s)
{
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (is_space(s[i])) {
            ++i;
            continue;
        }
        const bool digits = is_digit(s[i]);
        if (!digits && !is_letter(s[i]))
            return {};
        std::size_t j = i;
        while (j < s.size() && (digits ? is_digit(s[j]) : is_letter(s[j])))
            ++j;
        out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

/// A word of digits as a count (saturating at huge_count); nullopt for a word of letters.
std::optional<long long> count(std::string_view word)
{
    if (word.empty() || !is_digit(word.front()))
        return std::nullopt;
    long long n = 0;
    for (const char c : word)
        n = std::min(n * 10 + (c - '0'), huge_count);
    return n;
}

/// Seconds in a --at unit; nullopt for an unknown word.
std::optional<long long> seconds_in(std::string_view unit)
{
    if (unit == "minute" || unit == "minutes" || unit == "min" || unit == "mins")
        return 60;
    if (unit == "hour" || unit == "hours" || unit == "h")
        return 3600;
    if (unit == "day" || unit == "days" || unit == "d")
        return 86400;
    return std::nullopt;
}

} // namespace

year_month_day parse_date(const std::string& text, std::string_view option, system_clock::time_point now)
{
    const std::string_view shown = trimmed(text);
    const std::string s = lowercase(shown);
    std::string_view rest = s;
    year_month_day result;
    if (read_day(rest, result) && rest.empty())
        return result;
    if (const auto t = read_date_time(s))
        return t->day;

    const year_month_day today = local_day(now);
    if (s == "today")
        return today;
    if (s == "yesterday")
        return sys_days{today} - days{1};
    if (s == "tomorrow")
        return sys_days{today} + days{1};

    // "in N unit" or "N unit ago"
    const auto w = words(s);
    int sign = 0;
    std::optional<long long> n;
    std::string_view unit;
    if (w.size() == 3 && w[0] == "in") {
        sign = 1;
        n = count(w[1]);
        unit = w[2];
    } else if (w.size() == 3 && w[2] == "ago") {
        sign = -1;
        n = count(w[0]);
        unit = w[1];
    }
    if (sign == 0 || !n)
        fail(option, shown, fmt::format("is not a date {}", date_forms));
    if (*n > max_days)
        too_far(option, shown);
    const int units = sign * static_cast<int>(*n);
    if (unit == "day" || unit == "days") {
        result = sys_days{today} + days{units};
    } else if (unit == "week" || unit == "weeks") {
        result = sys_days{today} + weeks{units};
    } else if (unit == "month" || unit == "months") {
        const year_month ym = year_month{today.year(), today.month()} + months{units};
        result = ym / std::min(today.day(), (ym / last).day());
    } else {
        fail(option, shown, fmt::format("is not a date {}", date_forms));
    }
    if (std::abs((sys_days{result} - sys_days{today}).count()) > max_days)
        too_far(option, shown);
    return result;
}

year_month_day parse_date(const std::string& text, std::string_view option)
{
    return parse_date(text, option, system_clock::now());
}

void check_period(year_month_day from, year_month_day to)
{
    if (sys_days{from} > sys_days{to})
        throw usage_error{fmt::format("--from ({:04}-{:02}-{:02}) is after --to ({:04}-{:02}-{:02})",
                                      static_cast<int>(from.year()), static_cast<unsigned>(from.month()),
                                      static_cast<unsigned>(from.day()), static_cast<int>(to.year()),
                                      static_cast<unsigned>(to.month()), static_cast<unsigned>(to.day()))};
}

std::optional<sys_seconds> parse_when(const std::string& text, system_clock::time_point now)
{
    constexpr std::string_view option = "--at";
    const std::string_view shown = trimmed(text);
    const std::string s = lowercase(shown);
    if (s == "now")
        return std::nullopt;

    // An ISO date and time.
    if (const auto t = read_date_time(s)) {
        if (t->offset_minutes)
            return sys_days{t->day} + hours{t->hour} + minutes{t->minute - *t->offset_minutes} +
                   seconds{t->second};
        if (const auto at = local_instant(t->day, t->hour, t->minute, t->second))
            return at;
        fail(option, shown, "does not exist in local time (the clocks skip it)");
    }

    // "[today |tomorrow ]HH:MM[:SS]"
    const std::size_t space = s.find(' ');
    const std::string_view first_word = std::string_view(s).substr(0, space);
    std::string_view clock = s;
    int day_offset = 0;
    if (first_word == "today" || first_word == "tomorrow") {
        if (space == std::string::npos)
            fail(option, shown, "needs a time of day (today HH:MM, tomorrow HH:MM)");
        clock = trimmed(std::string_view(s).substr(space));
        day_offset = first_word == "tomorrow" ? 1 : 0;
    }
    int hour = 0, minute = 0, second = 0;
    if (read_clock(clock, hour, minute, second) && clock.empty()) {
        const year_month_day d = sys_days{local_day(now)} + days{day_offset};
        if (const auto at = local_instant(d, hour, minute, second))
            return at;
        fail(option, shown, "does not exist in local time (the clocks skip it)");
    }

    // "in N unit [N unit ...]" or "N unit [N unit ...] ago"
    const auto w = words(s);
    std::span<const std::string_view> terms;
    long long sign = 0;
    if (w.size() >= 3 && w.front() == "in") {
        sign = 1;
        terms = std::span(w).subspan(1);
    } else if (w.size() >= 3 && w.back() == "ago") {
        sign = -1;
        terms = std::span(w).first(w.size() - 1);
    }
    const long long limit = max_days * 86400;
    long long total = 0;
    bool ok = sign != 0 && terms.size() % 2 == 0;
    for (std::size_t i = 0; ok && i < terms.size(); i += 2) {
        const auto n = count(terms[i]);
        const auto unit = seconds_in(terms[i + 1]);
        ok = n && unit;
        if (ok)
            total = std::min(total + *n * *unit, limit + 1);
    }
    if (!ok)
        fail(option, shown, fmt::format("is not a date and time {}", when_forms));
    if (total > limit)
        too_far(option, shown);
    return floor<seconds>(now) + seconds{sign * total};
}

std::optional<sys_seconds> parse_when(const std::string& text)
{
    return parse_when(text, system_clock::now());
}

} // namespace renault::cli
