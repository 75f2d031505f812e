// Checks of command-line values (values.hpp).
#include "values.hpp"
#include "exit_codes.hpp"

#include <renault/model.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <cmath>
#include <vector>

namespace renault::cli {

double parse_temperature(const std::string& text, std::string_view source)
{
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, ec] = std::from_chars(text.data(), end, value, std::chars_format::fixed);
    if (text.empty() || ec != std::errc{} || stop != end || !std::isfinite(value) || value < min_hvac_temperature ||
        value > max_hvac_temperature)
        throw usage_error{fmt::format("invalid value for {}: `{}`: the target temperature is a number of "
                                      "°C from {} to {} (e.g. 21 or 21.5)",
                                      source, text, min_hvac_temperature, max_hvac_temperature)};
    return value;
}

std::chrono::milliseconds parse_timeout(const std::string& text, std::string_view source)
{
    double seconds = 0;
    const char* end = text.data() + text.size();
    const auto [stop, ec] = std::from_chars(text.data(), end, seconds, std::chars_format::fixed);
    if (text.empty() || ec != std::errc{} || stop != end || !std::isfinite(seconds) || seconds < 0 ||
        seconds > max_command_timeout_seconds)
        throw usage_error{fmt::format("invalid value for {}: `{}`: the deadline of a command is a number of seconds "
                                      "from 0 (none) to {} (e.g. 60 or 2.5)",
                                      source, text, max_command_timeout_seconds)};
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

void check_vin(const std::string& vin, std::string_view option)
{
    bool ok = vin.size() == 17;
    for (char c : vin)
        ok = ok && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'Q'));
    if (!ok)
        throw usage_error{fmt::format("invalid value for {}: `{}` is not a VIN (17 capital letters and digits, "
                                      "without I, O or Q)",
                                      option, vin)};
}

void check_charge_mode(const std::string& mode, std::string_view source)
{
    std::vector<std::string_view> names;
    for (const auto& entry : enum_traits<charge_mode>::entries) {
        if (entry.raw == mode)
            return;
        names.push_back(entry.raw);
    }
    throw usage_error{fmt::format("invalid value for {}: `{}` (accepted: {})", source, mode, fmt::join(names, ", "))};
}

std::int64_t parse_schedule_id(const std::string& text)
{
    std::int64_t id = 0;
    const char* end = text.data() + text.size();
    const auto [stop, ec] = std::from_chars(text.data(), end, id);
    if (text.empty() || text.front() == '-' || ec != std::errc{} || stop != end)
        throw usage_error{fmt::format("invalid value for ID: `{}`: a schedule ID is a whole number "
                                      "(`schedule show` lists them)",
                                      text)};
    return id;
}

void check_server_url(const std::string& url, std::string_view source)
{
    auto fail = [&](std::string_view why) {
        return usage_error{fmt::format("invalid {} `{}`: {}", source, url, why)};
    };
    std::string_view rest = url;
    if (rest.starts_with("https://"))
        rest.remove_prefix(8);
    else if (rest.starts_with("http://"))
        rest.remove_prefix(7);
    else
        throw fail("not an http:// or https:// URL");
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string_view::npos)
        throw fail("a user name or password is not allowed here");
    std::string_view port;
    if (authority.starts_with("[")) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos)
            throw fail("the IPv6 address has no closing ]");
        if (close == 1)
            throw fail("no host");
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':')
            throw fail("unexpected text after the IPv6 address");
        if (!after.empty())
            port = after.substr(1);
        else
            port = {};
        if (!after.empty() && port.empty())
            throw fail("the port must be a number from 1 to 65535");
    } else {
        const auto colon = authority.find(':');
        if ((colon == std::string_view::npos ? authority : authority.substr(0, colon)).empty())
            throw fail("no host");
        if (colon != std::string_view::npos) {
            port = authority.substr(colon + 1);
            if (port.empty())
                throw fail("the port must be a number from 1 to 65535");
        }
    }
    if (!port.empty()) {
        unsigned value = 0;
        const auto [stop, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc{} || stop != port.data() + port.size() || value < 1 || value > 65535)
            throw fail("the port must be a number from 1 to 65535");
    }
}

bool is_loopback_http(std::string_view url)
{
    for (std::string_view prefix : {"http://127.0.0.1", "http://localhost", "http://[::1]"})
        if (url.substr(0, prefix.size()) == prefix &&
            (url.size() == prefix.size() || url[prefix.size()] == ':' || url[prefix.size()] == '/'))
            return true;
    return false;
}

} // namespace renault::cli
