// The definitions of http/proxy.hpp. Included by that header in the header-only mode, compiled
// once by <renault/src.hpp>.
#pragma once

#include <renault/http/proxy.hpp>

#include <cstdlib>

namespace renault::http {

RENAULT_DECL std::optional<std::string> https_proxy_from_environment()
{
    for (const char* name : {"https_proxy", "HTTPS_PROXY"})
        if (const char* value = std::getenv(name); value && *value)
            return std::string(value);
    return std::nullopt;
}

RENAULT_DECL std::vector<std::string> no_proxy_from_environment()
{
    const char* value = std::getenv("no_proxy");
    if (!value || !*value)
        value = std::getenv("NO_PROXY");
    std::vector<std::string> entries;
    std::string_view rest = value ? value : "";
    while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        std::string_view entry = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t'))
            entry.remove_prefix(1);
        while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t'))
            entry.remove_suffix(1);
        if (!entry.empty() && entry.front() == '[') { // [::1] or [::1]:8443
            const std::size_t close = entry.find(']');
            entry = entry.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
        } else if (const std::size_t colon = entry.find(':');
                   colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos) {
            entry = entry.substr(0, colon); // host:port (a bare IPv6 address has several colons)
        }
        while (!entry.empty() && entry.front() == '.')
            entry.remove_prefix(1);
        if (!entry.empty())
            entries.emplace_back(entry);
    }
    return entries;
}

RENAULT_DECL bool bypasses_proxy(const std::vector<std::string>& no_proxy, std::string_view host)
{
    for (std::string_view entry : no_proxy) {
        while (!entry.empty() && entry.front() == '.')
            entry.remove_prefix(1);
        if (entry == "*" || (!entry.empty() && iequals(host, entry)))
            return true;
        if (!entry.empty() && host.size() > entry.size() && host[host.size() - entry.size() - 1] == '.' &&
            iequals(host.substr(host.size() - entry.size()), entry))
            return true;
    }
    return false;
}

} // namespace renault::http
