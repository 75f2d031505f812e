// The server settings shared by renault-api and renault-bridge (settings.hpp).
#include "settings.hpp"
#include "exit_codes.hpp"
#include "input.hpp"
#include "values.hpp"

#include <renault/endpoint_overrides.hpp>
#include <renault/http/proxy.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <tuple>
#include <utility>

namespace renault::cli {

namespace {

std::string env_or_empty(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

} // namespace

client_options server_client_options(const server_options& server)
{
    // Server URLs: a bad one is a usage error naming where it came from.
    for (auto [value, option, variable] : {std::tuple{&server.gigya_url, "--gigya-url", "RENAULT_GIGYA_URL"},
                                           std::tuple{&server.kamereon_url, "--kamereon-url", "RENAULT_KAMEREON_URL"}}) {
        if (!value->empty())
            check_server_url(*value, option);
        else if (const std::string from_env = env_or_empty(variable); !from_env.empty())
            check_server_url(from_env, variable);
    }

    client_options options;
    auto set_if = [](std::optional<std::string>& target, const std::string& value) {
        if (!value.empty())
            target = value;
    };
    set_if(options.gigya_root_url, server.gigya_url);
    set_if(options.kamereon_root_url, server.kamereon_url);
    set_if(options.gigya_api_key, server.gigya_api_key);
    set_if(options.kamereon_api_key, server.kamereon_api_key);
    apply_environment(options);
    const std::string endpoints_file = server.endpoints_file.empty() ? env_or_empty("RENAULT_ENDPOINTS_FILE") : server.endpoints_file;
    if (!endpoints_file.empty()) {
        if (const std::string problem = input_file_problem(endpoints_file); !problem.empty())
            throw usage_error{fmt::format("cannot read the endpoint file {} (--endpoints or RENAULT_ENDPOINTS_FILE): {}",
                                          endpoints_file, problem)};
        options.endpoint_overrides = std::make_shared<const endpoint_overrides>(endpoint_overrides::load(endpoints_file));
    }
    return options;
}

http::beast_options server_transport(const server_options& server, const client_options& options,
                                     const credential_store& store, std::string user_agent)
{
    http::beast_options transport;
    transport.ca_file = server.ca_file.empty() ? env_or_empty("RENAULT_CA_FILE") : server.ca_file;
    if (!transport.ca_file.empty())
        if (const std::string problem = input_file_problem(transport.ca_file); !problem.empty())
            throw usage_error{
                fmt::format("cannot read the CA file {} (--ca-file or RENAULT_CA_FILE): {}", transport.ca_file, problem)};
    transport.user_agent = std::move(user_agent);
    // Like curl: https:// goes through the proxy of https_proxy / HTTPS_PROXY, except the hosts
    // of no_proxy / NO_PROXY.
    transport.https_proxy = http::https_proxy_from_environment();
    transport.no_proxy = http::no_proxy_from_environment();
    // Plain HTTP only to this machine: the backend allows it for every host or none, so every
    // server URL in use must be https:// or loopback before it is allowed.
    bool plain = false;
    for (auto [option, key] : {std::pair{&options.gigya_root_url, credential_keys::gigya_root_url},
                               std::pair{&options.kamereon_root_url, credential_keys::kamereon_root_url}}) {
        const std::optional<std::string> url = *option ? *option : store.get(key);
        if (!url || url->compare(0, 8, "https://") == 0)
            continue;
        if (!is_loopback_http(*url))
            throw usage_error{fmt::format("refusing `{}`: plain http:// is only allowed to this machine "
                                          "(127.0.0.1, localhost, [::1]); use https://",
                                          *url)};
        plain = true;
    }
    transport.allow_plain_http = plain;
    return transport;
}

} // namespace renault::cli
