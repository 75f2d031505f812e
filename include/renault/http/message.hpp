// Plain value types for HTTP requests and responses: what the client hands to a backend and what it
// gets back. No Beast or Asio type appears here.
#pragma once

#include <renault/schema_types.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace renault::http {

using method = ::renault::http_method;

inline constexpr std::string_view method_name(method m) noexcept
{
    return m == method::get ? "GET" : "POST";
}

struct header {
    std::string name;
    std::string value;
    friend bool operator==(const header&, const header&) = default;
};

using headers = std::vector<header>;

/// ASCII case-insensitive comparison, as header names need.
inline bool iequals(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

/// The value of the first header called `name` (any case), or nullptr.
inline const std::string* find_header(const headers& list, std::string_view name) noexcept
{
    for (const auto& h : list)
        if (iequals(h.name, name))
            return &h.value;
    return nullptr;
}

/// A request: method, absolute URL (scheme, host, path and the encoded query), headers, body.
struct request {
    http::method method = http::method::get;
    std::string url{};
    http::headers headers{};
    std::string body{};
    /// When positive, the time the whole exchange may take (connection, sending, the last byte of
    /// the answer): the client sets it to what is left of its operation's deadline. A backend
    /// applies the shorter of it and its own overall timeout, and reports errc::timeout when it
    /// passes.
    std::chrono::milliseconds timeout{};

    const std::string* header(std::string_view name) const noexcept { return find_header(headers, name); }
};

/// A response: status code, headers, body (the backend has already removed any transfer encoding).
struct response {
    unsigned status = 0;
    http::headers headers{};
    std::string body{};

    const std::string* header(std::string_view name) const noexcept { return find_header(headers, name); }
};

} // namespace renault::http
