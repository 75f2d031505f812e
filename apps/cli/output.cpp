// Output of renault-api: compact JSON, aligned tables, local times and durations.
#include "output.hpp"

#include <renault/model/value_rows.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace renault::cli {

namespace {

/// The length of the UTF-8 sequence at the start of `s` and its code point; 0 when the bytes are
/// not one (stray continuation byte, overlong form, surrogate, beyond U+10FFFF, cut short).
std::size_t utf8_sequence(std::string_view s, char32_t& code_point)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    char32_t value = 0, minimum = 0;
    if (lead < 0x80)
        length = 1, value = lead;
    else if ((lead & 0xE0) == 0xC0)
        length = 2, value = lead & 0x1F, minimum = 0x80;
    else if ((lead & 0xF0) == 0xE0)
        length = 3, value = lead & 0x0F, minimum = 0x800;
    else if ((lead & 0xF8) == 0xF0)
        length = 4, value = lead & 0x07, minimum = 0x10000;
    else
        return 0;
    if (s.size() < length)
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80)
            return 0;
        value = (value << 6) | (byte(i) & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    code_point = value;
    return length;
}

/// Code points that move the cursor, change the terminal or reorder what is shown.
bool needs_escape(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

} // namespace

std::string terminal_text(std::string_view s, std::size_t max_chars)
{
    std::string out;
    std::size_t chars = 0;
    std::size_t fits = 0; // the size of `out` while it had at most max_chars - 1 characters
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = 0;
        const std::size_t length = utf8_sequence(s.substr(i), c);
        if (length == 0) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i]));
            chars += 4;
        } else if (needs_escape(c)) {
            out += c < 0x80 ? fmt::format("\\x{:02x}", static_cast<unsigned>(c))
                            : fmt::format("\\u{:04x}", static_cast<unsigned>(c));
            chars += c < 0x80 ? 4 : 6;
        } else {
            out.append(s.substr(i, length));
            chars += 1;
        }
        i += length == 0 ? 1 : length;
        if (chars > max_chars) {
            out.resize(fits);
            return out + "…";
        }
        if (chars < max_chars)
            fits = out.size();
    }
    return out;
}

std::string error_text(const boost::system::error_code& ec, const server_diagnostics& diag)
{
    server_diagnostics shown = diag;
    for (std::string* text : {&shown.code, &shown.message, &shown.details, &shown.excerpt})
        *text = terminal_text(*text);
    return terminal_text(describe(ec, shown), std::string::npos);
}

std::string error_text(const std::exception& e)
{
    // A message made by describe() is made again from its parts, each cut on its own. (As C
    // strings: what() ends at a NUL the server may have sent.)
    if (const auto* failure = dynamic_cast<const renault::error*>(&e);
        failure && std::strcmp(failure->what(), describe(failure->error_code(), failure->diagnostics()).c_str()) == 0)
        return error_text(failure->error_code(), failure->diagnostics());
    return terminal_text(e.what(), terminal_line_limit);
}

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
/// and below). Columns whose cells are all numbers are right-aligned. Cells go through
/// terminal_text.
void print_table(const std::vector<std::string>& raw_headers, const std::vector<std::vector<std::string>>& raw_rows,
                 std::FILE* out)
{
    std::vector<std::string> headers;
    for (const auto& h : raw_headers)
        headers.push_back(terminal_text(h));
    std::vector<std::vector<std::string>> rows;
    for (const auto& raw_row : raw_rows) {
        rows.emplace_back();
        for (const auto& cell : raw_row)
            rows.back().push_back(terminal_text(cell));
    }
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
