// The renault-mock server: a Gigya + Kamereon look-alike over HTTP or HTTPS (Boost.Beast), which
// answers as its scenario says and logs every request as a JSON line.
#pragma once

#include "scenario.hpp"

#include <string>

namespace renault::mock {

struct server_options {
    std::string host = "127.0.0.1";
    unsigned short port = 0;  ///< 0: an ephemeral port, printed on the first line of stdout
    std::string tls_cert;     ///< PEM certificate chain; with tls_key, the server speaks HTTPS only
    std::string tls_key;      ///< PEM private key
    std::string log_file;     ///< request log (JSON lines); empty: stdout, after the "listening on" line
};

/// Serves until SIGINT or SIGTERM. Prints `listening on http://HOST:PORT` (or https) as the first
/// line of stdout and flushes it. Returns the exit status: 0 after a signal, 1 when the server
/// cannot start (address in use, unreadable certificate), with the reason on stderr.
int run_server(const server_options& options, scenario s, fixture_store& fixtures);

} // namespace renault::mock
