// Output of renault-api: compact JSON, aligned tables, local times and durations.
#include "output.hpp"

#include <renault/model/value_rows.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace renault::cli {

/// Writes `v` as compact JSON; numbers as the server wrote them (8.0 stays 8.0, not 8E0).
void write_json(std::string& out, const json::value& v)
{
    switch (v.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case json::kind::int64: out += std::to_string(v.get_int64()); break;
    case json::kind::uint64: out += std::to_string(v.get_uint64()); break;
    case json::kind::double_: renault::detail::append_json_number(out, v.get_double()); break;
    case json::kind::string: renault::detail::append_json_string(out, v.get_string()); break;
    case json::kind::array: {
        out += '[';
        bool first = true;
        for (const auto& item : v.get_array()) {
            out += first ? "" : ", ";
            first = false;
            write_json(out, item);
        }
        out += ']';
        break;
    }
    case json::kind::object: {
        out += '{';
        bool first = true;
        for (const auto& [key, item] : v.get_object()) {
            out += first ? "" : ", ";
            first = false;
            renault::detail::append_json_string(out, key);
            out += ": ";
            write_json(out, item);
        }
        out += '}';
        break;
    }
    }
}

void print_json(const json::value& v)
{
    std::string out;
    write_json(out, v);
    out += '\n';
    std::fwrite(out.data(), 1, out.size(), stdout);
}

/// A JSON value as Python's str() shows it, as the reference CLI's tables do (8.0, 49114.27, 50).
std::string text_of(const json::value& v)
{
    switch (v.kind()) {
    case json::kind::string: return std::string(v.get_string());
    case json::kind::int64: return std::to_string(v.get_int64());
    case json::kind::uint64: return std::to_string(v.get_uint64());
    case json::kind::double_: return renault::detail::text_of(v.get_double());
    case json::kind::bool_: return v.get_bool() ? "True" : "False";
    case json::kind::null: return "";
    default: {
        std::string out;
        write_json(out, v);
        return out;
    }
    }
}

/// Columns of a terminal taken by UTF-8 text (one per code point).
std::size_t width_of(std::string_view s)
{
    std::size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

bool looks_numeric(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s)
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-'))
            return false;
    return true;
}

/// Prints an aligned table: headers, a line of dashes, the rows (without headers: dashes above
/// and below). Columns whose cells are all numbers are right-aligned.
void print_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows, std::FILE* out)
{
    const std::size_t columns = headers.empty() ? (rows.empty() ? 0 : rows.front().size()) : headers.size();
    std::vector<std::size_t> widths(columns, 0);
    std::vector<bool> numeric(columns, !rows.empty());
    for (std::size_t c = 0; c < columns; ++c) {
        if (!headers.empty())
            widths[c] = width_of(headers[c]);
        for (const auto& row : rows) {
            widths[c] = std::max(widths[c], width_of(row[c]));
            numeric[c] = numeric[c] && looks_numeric(row[c]);
        }
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (std::size_t c = 0; c < columns; ++c) {
            const std::string pad(widths[c] - width_of(cells[c]), ' ');
            text += c ? "  " : "";
            text += numeric[c] ? pad + cells[c] : cells[c] + pad;
        }
        while (!text.empty() && text.back() == ' ')
            text.pop_back();
        fmt::print(out, "{}\n", text);
    };
    std::vector<std::string> dashes;
    for (auto w : widths)
        dashes.emplace_back(w, '-');
    if (!headers.empty())
        line(headers);
    line(dashes);
    for (const auto& row : rows)
        line(row);
    if (headers.empty())
        line(dashes);
}

/// An ISO 8601 time ("2020-11-17T09:06:48+01:00", "…Z", fractions allowed) in the local time
/// zone as "YYYY-MM-DD HH:MM:SS"; the text unchanged when it is not such a time.
std::string local_time(const std::string& iso)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) != 6)
        return iso;
    std::string_view rest = std::string_view(iso).substr(static_cast<std::size_t>(used));
    if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest.front())))
            rest.remove_prefix(1);
    }
    int offset_minutes = 0;
    if (rest == "Z" || rest.empty()) {
    } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
        int oh = 0, om = 0;
        if (std::sscanf(std::string(rest.substr(1)).c_str(), "%2d:%2d", &oh, &om) != 2)
            return iso;
        offset_minutes = (rest[0] == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
        return iso;
    }
    using namespace std::chrono;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok())
        return iso;
    const sys_seconds utc = sys_days{date} + hours{h} + minutes{mi} + seconds{s} - minutes{offset_minutes};
    const std::time_t t = system_clock::to_time_t(utc);
    std::tm local{};
    localtime_r(&t, &local);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &local);
    return buffer;
}

std::string duration_text(std::int64_t minutes)
{
    const std::int64_t days = minutes / (24 * 60), hours = minutes / 60 % 24;
    minutes %= 60;
    std::string out;
    if (days)
        out += fmt::format("{} d ", days);
    if (days || hours)
        out += fmt::format("{} h ", hours);
    return out + fmt::format("{} min", minutes);
}

} // namespace renault::cli
