// The server settings of renault-api and renault-bridge, with one precedence for both: the
// options given, then the RENAULT_* environment variables, then (in the client's session) the
// credential file, then the built-in locale table. Shared through the library renault_cli_common
// (apps/cli/CMakeLists.txt).
#pragma once

#include <renault/client/options.hpp>
#include <renault/http/beast_options.hpp>
#include <renault/session/credential_store.hpp>

#include <string>

namespace renault::cli {

/// What a user can give on the command line about the servers (empty: not given).
struct server_options {
    std::string gigya_url;
    std::string kamereon_url;
    std::string gigya_api_key;
    std::string kamereon_api_key;
    std::string ca_file;        ///< else RENAULT_CA_FILE
    std::string endpoints_file; ///< an endpoint override file, else RENAULT_ENDPOINTS_FILE
};

/// The client options for `server`: the URLs and keys given, else those of RENAULT_GIGYA_URL,
/// RENAULT_KAMEREON_URL, RENAULT_GIGYA_API_KEY and RENAULT_KAMEREON_API_KEY (the credential
/// store and the locale table decide the rest); the endpoint override file loaded.
/// @throws usage_error for a bad URL or an unreadable override file, naming the option or variable
client_options server_client_options(const server_options& server);

/// The HTTPS transport for a client with `options` over `store`: the CA file, the proxy of the
/// environment (https_proxy, no_proxy), `user_agent`; plain http:// allowed only when every server
/// URL in use is https:// or on this machine (127.0.0.1, localhost, [::1]).
/// @throws usage_error for an unreadable CA file or a plain http:// URL to another machine
http::beast_options server_transport(const server_options& server, const client_options& options,
                                     const credential_store& store, std::string user_agent);

} // namespace renault::cli
