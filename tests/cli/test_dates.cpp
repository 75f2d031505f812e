// The date parsing of renault-api (apps/cli/dates.cpp): every accepted form with a fixed "now",
// in UTC and in Europe/Paris (daylight saving changes included), and every rejection's message.
#include "dates.hpp"
#include "exit_codes.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

using namespace renault::cli;
using namespace std::chrono;

// Failures show days and instants as ISO text.
namespace Catch {
template <> struct StringMaker<year_month_day> {
    static std::string convert(const year_month_day& d)
    {
        char out[32];
        std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()),
                      static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
        return out;
    }
};
template <> struct StringMaker<sys_seconds> {
    static std::string convert(const sys_seconds& t)
    {
        const auto day = floor<days>(t);
        const hh_mm_ss clock{t - day};
        char out[48];
        std::snprintf(out, sizeof out, "T%02d:%02d:%02dZ", static_cast<int>(clock.hours().count()),
                      static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
        return StringMaker<year_month_day>::convert(year_month_day{day}) + out;
    }
};
template <> struct StringMaker<std::optional<sys_seconds>> {
    static std::string convert(const std::optional<sys_seconds>& t)
    {
        return t ? StringMaker<sys_seconds>::convert(*t) : "nullopt";
    }
};
} // namespace Catch

namespace {

/// Makes `zone` the process's local time zone, and checks it took effect.
void use_time_zone(const char* zone, int expected_offset_in_july_hours)
{
    setenv("TZ", zone, 1);
    tzset();
    std::time_t july = 1719835200; // 2024-07-01T12:00:00Z
    std::tm tm{};
    localtime_r(&july, &tm);
    REQUIRE(tm.tm_hour == 12 + expected_offset_in_july_hours);
}

void in_utc() { use_time_zone("UTC", 0); }
void in_paris() { use_time_zone("Europe/Paris", 2); }

year_month_day ymd(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

sys_seconds utc(int y, unsigned m, unsigned d, int h, int mi, int s = 0)
{
    return sys_days{ymd(y, m, d)} + hours{h} + minutes{mi} + seconds{s};
}

/// The message of the usage_error `f` throws, or "(no usage_error)".
template <class F> std::string usage_message(F f)
{
    try {
        f();
    } catch (const usage_error& e) {
        return e.message;
    }
    return "(no usage_error)";
}

std::string date_error(const std::string& text, system_clock::time_point now = utc(2024, 3, 31, 12, 0))
{
    return usage_message([&] { parse_date(text, "--from", now); });
}

std::string when_error(const std::string& text, system_clock::time_point now = utc(2024, 3, 30, 10, 0))
{
    return usage_message([&] { parse_when(text, now); });
}

const std::string date_forms =
    " is not a date (YYYY-MM-DD, today, yesterday, tomorrow, N days|weeks|months ago, in N days|weeks|months)";
const std::string when_forms =
    " is not a date and time (YYYY-MM-DDTHH:MM, HH:MM, today HH:MM, tomorrow HH:MM, in N minutes|hours|days, now)";

} // namespace

// ---- --from / --to ----

TEST_CASE("an ISO day is that day, with or without a time after it")
{
    in_paris();
    const auto now = utc(2024, 3, 31, 12, 0);
    CHECK(parse_date("2020-11-01", "--from", now) == ymd(2020, 11, 1));
    CHECK(parse_date("2024-02-29", "--from", now) == ymd(2024, 2, 29));
    CHECK(parse_date("  2020-11-01 ", "--to", now) == ymd(2020, 11, 1));
    CHECK(parse_date("2020-11-01T10:00", "--from", now) == ymd(2020, 11, 1));
    CHECK(parse_date("2020-11-01 10:00:59", "--from", now) == ymd(2020, 11, 1));
    CHECK(parse_date("2020-11-01T23:30:00Z", "--from", now) == ymd(2020, 11, 1));
    CHECK(parse_date("2020-11-01t23:30-05:00", "--from", now) == ymd(2020, 11, 1));
}

TEST_CASE("the two-argument parse_date uses the real clock only for relative forms")
{
    in_utc();
    CHECK(parse_date("2020-11-01", "--from") == ymd(2020, 11, 1));
    const auto today = year_month_day{floor<days>(system_clock::now())};
    const auto got = parse_date("today", "--from");
    CHECK((got == today || got == year_month_day{sys_days{today} + days{1}})); // midnight may pass
}

TEST_CASE("today, yesterday and tomorrow are local days (UTC)")
{
    in_utc();
    const auto now = utc(2024, 3, 31, 23, 30);
    CHECK(parse_date("today", "--from", now) == ymd(2024, 3, 31));
    CHECK(parse_date("TODAY", "--from", now) == ymd(2024, 3, 31));
    CHECK(parse_date("yesterday", "--from", now) == ymd(2024, 3, 30));
    CHECK(parse_date("tomorrow", "--to", now) == ymd(2024, 4, 1));
    CHECK(parse_date("  Tomorrow  ", "--to", now) == ymd(2024, 4, 1));
}

TEST_CASE("today, yesterday and tomorrow are local days (Europe/Paris)")
{
    in_paris();
    const auto now = utc(2024, 3, 31, 23, 30); // 2024-04-01 01:30 in Paris
    CHECK(parse_date("today", "--from", now) == ymd(2024, 4, 1));
    CHECK(parse_date("yesterday", "--from", now) == ymd(2024, 3, 31));
    CHECK(parse_date("tomorrow", "--from", now) == ymd(2024, 4, 2));
    CHECK(parse_date("1 month ago", "--from", now) == ymd(2024, 3, 1));
    CHECK(parse_date("2 days ago", "--from", now) == ymd(2024, 3, 30));
}

TEST_CASE("N days and weeks ago, in N days and weeks")
{
    in_utc();
    const auto now = utc(2024, 3, 31, 12, 0);
    CHECK(parse_date("0 days ago", "--from", now) == ymd(2024, 3, 31));
    CHECK(parse_date("1 day ago", "--from", now) == ymd(2024, 3, 30));
    CHECK(parse_date("3 days ago", "--from", now) == ymd(2024, 3, 28));
    CHECK(parse_date("31 days ago", "--from", now) == ymd(2024, 2, 29));
    CHECK(parse_date("in 3 days", "--to", now) == ymd(2024, 4, 3));
    CHECK(parse_date(" In 1 Day ", "--to", now) == ymd(2024, 4, 1));
    CHECK(parse_date("1 week ago", "--from", now) == ymd(2024, 3, 24));
    CHECK(parse_date("2 weeks ago", "--from", now) == ymd(2024, 3, 17));
    CHECK(parse_date("in 2 weeks", "--to", now) == ymd(2024, 4, 14));
    CHECK(parse_date("3days ago", "--from", now) == ymd(2024, 3, 28));
}

TEST_CASE("N months ago are calendar months, the day clamped to the month's last day")
{
    in_utc();
    const auto now = utc(2024, 3, 31, 12, 0);
    CHECK(parse_date("1 month ago", "--from", now) == ymd(2024, 2, 29));
    CHECK(parse_date("2 months ago", "--from", now) == ymd(2024, 1, 31));
    CHECK(parse_date("13 months ago", "--from", now) == ymd(2023, 2, 28));
    CHECK(parse_date("12 months ago", "--from", now) == ymd(2023, 3, 31));
    CHECK(parse_date("in 1 month", "--to", now) == ymd(2024, 4, 30));
    CHECK(parse_date("in 11 months", "--to", now) == ymd(2025, 2, 28));
    CHECK(parse_date("1 month ago", "--from", utc(2024, 3, 15, 12, 0)) == ymd(2024, 2, 15));
}

TEST_CASE("relative days reach at most 10000 days")
{
    in_utc();
    const auto now = utc(2024, 3, 31, 12, 0);
    CHECK(parse_date("10000 days ago", "--from", now) == ymd(1996, 11, 13));
    CHECK(parse_date("in 10000 days", "--to", now) == ymd(2051, 8, 17));
    CHECK(parse_date("1428 weeks ago", "--from", now) == ymd(1996, 11, 17));
    CHECK(parse_date("328 months ago", "--from", now) == ymd(1996, 11, 30));
    CHECK(date_error("10001 days ago") == "invalid value for --from: `10001 days ago` is more than 10000 days away");
    CHECK(date_error("in 10001 days") == "invalid value for --from: `in 10001 days` is more than 10000 days away");
    CHECK(date_error("1429 weeks ago") == "invalid value for --from: `1429 weeks ago` is more than 10000 days away");
    CHECK(date_error("329 months ago") == "invalid value for --from: `329 months ago` is more than 10000 days away");
    CHECK(date_error("99999999999999999999999 months ago") ==
          "invalid value for --from: `99999999999999999999999 months ago` is more than 10000 days away");
}

TEST_CASE("anything else for --from/--to is a usage error naming the option and the forms")
{
    in_utc();
    for (const std::string text :
         {"next tuesdayish", "2020-13-01", "2023-02-29", "2020-04-31", "2020-11-1", "20-11-01", "2020/11/01",
          "2020-11-01 lol", "2020-11-01T25:00", "2020-11-01T10:00+25:00", "in 5 minutes", "-5 days ago",
          "in -5 days", "5 days", "in days", "days ago", "in 1 month 2 days", "3 fortnights ago", "ago",
          "yesterday 10:00", "now", "", "in 5 days ago"})
        CHECK(date_error(text) == "invalid value for --from: `" + text + "`" + date_forms);
    CHECK(date_error("   ") == "invalid value for --from: ``" + date_forms);
    CHECK(usage_message([] { parse_date("soon", "--to", utc(2024, 3, 31, 12, 0)); }) ==
          "invalid value for --to: `soon`" + date_forms);
    CHECK(usage_message([] { parse_date("2020-13-01", "--to"); }) ==
          "invalid value for --to: `2020-13-01`" + date_forms);
}

// ---- --at ----

TEST_CASE("now means: immediately")
{
    in_utc();
    CHECK(parse_when("now", utc(2024, 3, 30, 10, 0)) == std::nullopt);
    CHECK(parse_when(" NOW ", utc(2024, 3, 30, 10, 0)) == std::nullopt);
}

TEST_CASE("an ISO date and time is local unless it has Z or an offset (UTC)")
{
    in_utc();
    const auto now = utc(2024, 3, 30, 10, 0);
    CHECK(parse_when("2024-03-30T10:00", now) == utc(2024, 3, 30, 10, 0));
    CHECK(parse_when("2024-03-30 10:00:15", now) == utc(2024, 3, 30, 10, 0, 15));
    CHECK(parse_when("2024-03-30T10:00Z", now) == utc(2024, 3, 30, 10, 0));
    CHECK(parse_when(" 2024-03-30t10:00z ", now) == utc(2024, 3, 30, 10, 0));
    CHECK(parse_when("2024-03-30T10:00+02:00", now) == utc(2024, 3, 30, 8, 0));
    CHECK(parse_when("2024-03-30T10:00:30-05:30", now) == utc(2024, 3, 30, 15, 30, 30));
    CHECK(parse_when("2024-03-30T00:30+01:00", now) == utc(2024, 3, 29, 23, 30));
    CHECK(parse_when("2024-03-30T10:00") == utc(2024, 3, 30, 10, 0)); // the real clock is not used
}

TEST_CASE("an ISO date and time is local unless it has Z or an offset (Europe/Paris)")
{
    in_paris();
    const auto now = utc(2024, 3, 30, 10, 0);
    CHECK(parse_when("2024-03-30T10:00", now) == utc(2024, 3, 30, 9, 0));
    CHECK(parse_when("2024-07-01 12:00", now) == utc(2024, 7, 1, 10, 0));
    CHECK(parse_when("2024-03-30T10:00Z", now) == utc(2024, 3, 30, 10, 0));
    CHECK(parse_when("2024-03-30T10:00+05:00", now) == utc(2024, 3, 30, 5, 0));
}

TEST_CASE("local times at daylight saving changes (Europe/Paris)")
{
    in_paris();
    const auto now = utc(2024, 3, 30, 10, 0);
    // Spring: 2024-03-31 02:00 CET → 03:00 CEST.
    CHECK(parse_when("2024-03-31T01:59", now) == utc(2024, 3, 31, 0, 59));
    CHECK(parse_when("2024-03-31T03:00", now) == utc(2024, 3, 31, 1, 0));
    CHECK(when_error("2024-03-31T02:30") ==
          "invalid value for --at: `2024-03-31T02:30` does not exist in local time (the clocks skip it)");
    CHECK(when_error("tomorrow 02:30", now) ==
          "invalid value for --at: `tomorrow 02:30` does not exist in local time (the clocks skip it)");
    // Autumn: 2024-10-27 03:00 CEST → 02:00 CET; 02:30 happens twice: the first one is taken.
    CHECK(parse_when("2024-10-27T02:30", now) == utc(2024, 10, 27, 0, 30));
    CHECK(parse_when("2024-10-27T01:59", now) == utc(2024, 10, 26, 23, 59));
    CHECK(parse_when("2024-10-27T03:00", now) == utc(2024, 10, 27, 2, 0));
    CHECK(parse_when("tomorrow 02:30", utc(2024, 10, 26, 10, 0)) == utc(2024, 10, 27, 0, 30));
}

TEST_CASE("HH:MM, today HH:MM and tomorrow HH:MM (UTC)")
{
    in_utc();
    const auto now = utc(2024, 3, 30, 10, 0, 42);
    CHECK(parse_when("07:30", now) == utc(2024, 3, 30, 7, 30)); // already past: still accepted
    CHECK(parse_when("7:30", now) == utc(2024, 3, 30, 7, 30));
    CHECK(parse_when("23:59:59", now) == utc(2024, 3, 30, 23, 59, 59));
    CHECK(parse_when("00:00", now) == utc(2024, 3, 30, 0, 0));
    CHECK(parse_when("today 07:30", now) == utc(2024, 3, 30, 7, 30));
    CHECK(parse_when("tomorrow 07:30", now) == utc(2024, 3, 31, 7, 30));
    CHECK(parse_when("  TOMORROW   07:30:05 ", now) == utc(2024, 3, 31, 7, 30, 5));
    CHECK(parse_when("tomorrow 00:15", utc(2024, 12, 31, 23, 0)) == utc(2025, 1, 1, 0, 15));
    CHECK(parse_when("tomorrow 07:30", utc(2024, 2, 28, 12, 0)) == utc(2024, 2, 29, 7, 30));
}

TEST_CASE("HH:MM, today HH:MM and tomorrow HH:MM (Europe/Paris, across the spring change)")
{
    in_paris();
    const auto now = utc(2024, 3, 30, 10, 0); // Saturday 11:00 CET; clocks go forward on Sunday
    CHECK(parse_when("07:30", now) == utc(2024, 3, 30, 6, 30));
    CHECK(parse_when("today 07:30", now) == utc(2024, 3, 30, 6, 30));
    CHECK(parse_when("tomorrow 07:30", now) == utc(2024, 3, 31, 5, 30)); // CEST: 23 hours later
    CHECK(parse_when("tomorrow 07:30", utc(2024, 10, 26, 10, 0)) == utc(2024, 10, 27, 6, 30)); // CET
    // Just after midnight in Paris, still the day before in UTC: "today" is the Paris day.
    const auto late = utc(2024, 3, 30, 23, 30); // 2024-03-31 00:30 CET
    CHECK(parse_when("today 07:30", late) == utc(2024, 3, 31, 5, 30));
    CHECK(parse_when("tomorrow 07:30", late) == utc(2024, 4, 1, 5, 30));
}

TEST_CASE("in N minutes/hours/days and N ... ago count from now, to the second")
{
    in_utc();
    const auto now = system_clock::time_point{utc(2024, 3, 30, 10, 0, 42)} + milliseconds{500};
    CHECK(parse_when("in 5 minutes", now) == utc(2024, 3, 30, 10, 5, 42));
    CHECK(parse_when("in 1 minute", now) == utc(2024, 3, 30, 10, 1, 42));
    CHECK(parse_when("in 5 min", now) == utc(2024, 3, 30, 10, 5, 42));
    CHECK(parse_when("in 5 mins", now) == utc(2024, 3, 30, 10, 5, 42));
    CHECK(parse_when("in 5min", now) == utc(2024, 3, 30, 10, 5, 42));
    CHECK(parse_when("  In 5 Minutes ", now) == utc(2024, 3, 30, 10, 5, 42));
    CHECK(parse_when("in 0 minutes", now) == utc(2024, 3, 30, 10, 0, 42));
    CHECK(parse_when("in 2 hours", now) == utc(2024, 3, 30, 12, 0, 42));
    CHECK(parse_when("in 1 hour", now) == utc(2024, 3, 30, 11, 0, 42));
    CHECK(parse_when("in 2h", now) == utc(2024, 3, 30, 12, 0, 42));
    CHECK(parse_when("in 1 hour 30 minutes", now) == utc(2024, 3, 30, 11, 30, 42));
    CHECK(parse_when("in 1h30min", now) == utc(2024, 3, 30, 11, 30, 42));
    CHECK(parse_when("in 1 day 2 hours", now) == utc(2024, 3, 31, 12, 0, 42));
    CHECK(parse_when("in 3 days", now) == utc(2024, 4, 2, 10, 0, 42));
    CHECK(parse_when("in 1d", now) == utc(2024, 3, 31, 10, 0, 42));
    CHECK(parse_when("2 hours ago", now) == utc(2024, 3, 30, 8, 0, 42));
    CHECK(parse_when("1 hour 30 minutes ago", now) == utc(2024, 3, 30, 8, 30, 42));
    CHECK(parse_when("1 day ago", now) == utc(2024, 3, 29, 10, 0, 42));
    CHECK(parse_when("in 10000 days", now) == utc(2051, 8, 16, 10, 0, 42));
    CHECK(parse_when("in 14400000 minutes", now) == utc(2051, 8, 16, 10, 0, 42));
    CHECK(parse_when("10000 days ago", now) == utc(1996, 11, 12, 10, 0, 42));
}

TEST_CASE("a day in --at is 24 hours, also across a daylight saving change")
{
    in_paris();
    const auto now = utc(2024, 3, 30, 10, 0);
    CHECK(parse_when("in 1 day", now) == utc(2024, 3, 31, 10, 0));
    CHECK(parse_when("in 90 minutes", now) == utc(2024, 3, 30, 11, 30));
}

TEST_CASE("today or tomorrow without a time is rejected for --at")
{
    in_utc();
    CHECK(when_error("tomorrow") ==
          "invalid value for --at: `tomorrow` needs a time of day (today HH:MM, tomorrow HH:MM)");
    CHECK(when_error(" Today ") == "invalid value for --at: `Today` needs a time of day (today HH:MM, tomorrow HH:MM)");
}

TEST_CASE("an --at beyond 10000 days is rejected, without overflow")
{
    in_utc();
    CHECK(when_error("in 10001 days") == "invalid value for --at: `in 10001 days` is more than 10000 days away");
    CHECK(when_error("in 14400001 minutes") ==
          "invalid value for --at: `in 14400001 minutes` is more than 10000 days away");
    CHECK(when_error("in 9999 days 24 hours 1 minute") ==
          "invalid value for --at: `in 9999 days 24 hours 1 minute` is more than 10000 days away");
    CHECK(when_error("1000000 hours ago") == "invalid value for --at: `1000000 hours ago` is more than 10000 days away");
    CHECK(when_error("in 99999999999999999999999999 days") ==
          "invalid value for --at: `in 99999999999999999999999999 days` is more than 10000 days away");
    CHECK(when_error("in 9223372036854775807 days 9223372036854775807 days") ==
          "invalid value for --at: `in 9223372036854775807 days 9223372036854775807 days` is more than 10000 days away");
}

TEST_CASE("anything else for --at is a usage error naming the accepted forms, never now")
{
    in_utc();
    for (const std::string text :
         {"next tuesdayish", "24:00", "23:60", "12:5", "12:30:60", "123:00", "12:00pm", "tomorrow 24:00",
          "today at 07:30", "yesterday 07:30", "2024-02-30T10:00", "2023-02-29 10:00", "2024-03-30",
          "2024-03-30T10", "2024-03-30T10:00+24:00", "2024-03-30T10:00+02:60", "2024-03-30T10:00+2:00",
          "2024-03-30T10:00+0200", "2024-03-30T10:00 Z", "2024-03-30T10:00Zulu", "2024-03-30  10:00", "in 5",
          "in", "ago", "in 5 parsecs", "5 minutes", "in -5 minutes", "-5 minutes ago", "in 1 hour 30",
          "in 1 hour 30 minutes ago", "in 5 weeks", "in 5 minutes!", "in 5 minutés", "in five minutes",
          "later", "never"})
        CHECK(when_error(text) == "invalid value for --at: `" + text + "`" + when_forms);
    CHECK(when_error("   ") == "invalid value for --at: ``" + when_forms);
    CHECK(when_error("") == "invalid value for --at: ``" + when_forms); // `--at ''` is not "now"
    CHECK(when_error(std::string("in 5\0 minutes", 13)) ==
          "invalid value for --at: `" + std::string("in 5\0 minutes", 13) + "`" + when_forms);
    CHECK(usage_message([] { parse_when("soonish"); }) == "invalid value for --at: `soonish`" + when_forms);
}

// ---- --from and --to together ----

TEST_CASE("a --from after --to is a usage error but the same day or an earlier one is fine")
{
    CHECK_NOTHROW(check_period(year{2020} / 11 / 1, year{2020} / 11 / 30));
    CHECK_NOTHROW(check_period(year{2020} / 11 / 30, year{2020} / 11 / 30));
    CHECK(usage_message([] { check_period(year{2020} / 11 / 30, year{2020} / 11 / 1); }) ==
          "--from (2020-11-30) is after --to (2020-11-01)");
    CHECK(usage_message([] { check_period(year{2021} / 1 / 1, year{2020} / 12 / 31); }) ==
          "--from (2021-01-01) is after --to (2020-12-31)");
}
