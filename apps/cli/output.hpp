// Output of renault-api: compact JSON on stdout, aligned tables, local times and durations.
#pragma once

#include <renault/error.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace renault::cli {

namespace json = boost::json;

/// Text from the server is cut to this many characters on the terminal (tables, messages).
inline constexpr std::size_t server_text_limit = 200;

/// Text that is not one value (an action's answer as JSON, a whole error line) is cut to this.
inline constexpr std::size_t terminal_line_limit = 1000;

/// `s` made safe to print on a terminal (tables and messages; never --json): control characters
/// (C0, DEL), C1 code points, line and paragraph separators and bidirectional overrides are
/// written as escapes (`\x1b`, `\x00`, `\x0d`, `\u009b`, `\u202e`), bytes that are not UTF-8 as
/// `\xff`; text longer than `max_chars` characters is cut to `max_chars - 1` and ends with `…`
/// (an escape is never cut in two). Every printing path of renault-api goes through it.
std::string terminal_text(std::string_view s, std::size_t max_chars = server_text_limit);

/// An exception's message for the "Error: " line: a renault::error's server diagnostics (code,
/// message, details, excerpt) each cut to server_text_limit, anything else cut to
/// terminal_line_limit; escaped by terminal_text.
std::string error_text(const std::exception& e);

/// The message of renault::describe(ec, diag) with the server's text cut and escaped as above.
std::string error_text(const boost::system::error_code& ec, const server_diagnostics& diag);

/// Appends `v` as compact JSON; numbers as the server wrote them (8.0 stays 8.0, not 8E0).
void write_json(std::string& out, const json::value& v);

/// Prints `v` as one line of JSON on stdout.
void print_json(const json::value& v);

/// A JSON value as a table cell: strings unquoted, numbers as written (8.0, 49114.27, 50).
std::string text_of(const json::value& v);

/// Columns of a terminal taken by UTF-8 text (one per code point).
std::size_t width_of(std::string_view s);

/// Prints an aligned table: headers, a line of dashes, the rows (without headers: dashes above
/// and below). Columns whose cells are all numbers are right-aligned. On stdout unless `out`.
/// Every header and cell goes through terminal_text.
void print_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
                 std::FILE* out = stdout);

/// An ISO 8601 time ("2020-11-17T09:06:48+01:00", "…Z", fractions allowed) in the local time
/// zone as "YYYY-MM-DD HH:MM:SS"; the text unchanged when it is not such a time.
std::string local_time(const std::string& iso);

/// A duration in minutes for a table: "45 min", "8 h 15 min", "3 d 8 h 12 min".
std::string duration_text(std::int64_t minutes);

} // namespace renault::cli
