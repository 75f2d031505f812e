// beast_options: what the default HTTPS backend (http/beast_backend.hpp) does and how long it waits.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace renault::http {

/// What a beast_backend does and how long it waits. Every timeout is bounded by `overall_timeout`,
/// the deadline of one request from start to the last byte of the response, or by the request's
/// own `timeout` when that is shorter (the client sets it from its operation deadline).
struct beast_options {
    /// A PEM file of trusted CA certificates; empty: the system trust store.
    std::string ca_file{};
    /// Verify the server's certificate chain and host name (turn off only for tests).
    bool verify_peer = true;
    /// Allow http:// URLs (loopback tests, a local mock). Otherwise they fail with transport_error.
    bool allow_plain_http = false;
    std::chrono::milliseconds resolve_timeout{std::chrono::seconds{10}};
    std::chrono::milliseconds connect_timeout{std::chrono::seconds{10}};
    /// TLS handshake, and the CONNECT exchange with a proxy.
    std::chrono::milliseconds handshake_timeout{std::chrono::seconds{10}};
    /// Sending the whole request.
    std::chrono::milliseconds write_timeout{std::chrono::seconds{30}};
    /// Receiving the whole response, from the end of the request.
    std::chrono::milliseconds read_timeout{std::chrono::seconds{30}};
    std::chrono::milliseconds overall_timeout{std::chrono::seconds{60}};
    /// The largest body accepted (headers are limited to 64 KiB apart from this); more is
    /// errc::response_too_large.
    std::size_t max_response_size = std::size_t{8} * 1024 * 1024;
    /// Idle keep-alive connections kept per scheme, host and port; 0 turns keep-alive off.
    std::size_t max_idle_connections_per_host = 4;
    /// An HTTP proxy for https:// URLs, reached with CONNECT: "http://host:port" or "host:port",
    /// optionally with "user:password@" (sent as Basic Proxy-Authorization). Not used for http://.
    /// Not taken from the environment unless you ask: `https_proxy = https_proxy_from_environment()`.
    std::optional<std::string> https_proxy{};
    /// Hosts reached directly although `https_proxy` is set (the rules of NO_PROXY): a host name,
    /// which also covers its subdomains ("example.com" or ".example.com" covers
    /// "api.example.com"), an IP address (exact, IPv6 without brackets), or "*" for every host.
    /// Case and any ":port" are ignored. Not taken from the environment unless you ask:
    /// `no_proxy = no_proxy_from_environment()`.
    std::vector<std::string> no_proxy{};
    /// Sent as User-Agent when the request has none; empty: no User-Agent.
    std::string user_agent{};
};

} // namespace renault::http
