// Output of renault-api: compact JSON on stdout, aligned tables, local times and durations.
#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace renault::cli {

namespace json = boost::json;

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
void print_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
                 std::FILE* out = stdout);

/// An ISO 8601 time ("2020-11-17T09:06:48+01:00", "…Z", fractions allowed) in the local time
/// zone as "YYYY-MM-DD HH:MM:SS"; the text unchanged when it is not such a time.
std::string local_time(const std::string& iso);

/// A duration in minutes for a table: "45 min", "8 h 15 min", "3 d 8 h 12 min".
std::string duration_text(std::int64_t minutes);

} // namespace renault::cli
