// The definitions of client/options.hpp. Included by that header in the header-only mode,
// compiled once by <renault/src.hpp>.
#pragma once

#include <renault/client/options.hpp>

#include <cstdlib>

namespace renault {

RENAULT_DECL void apply_environment(client_options& options)
{
    auto fill = [](std::optional<std::string>& target, const char* name) {
        if (target)
            return;
        if (const char* value = std::getenv(name); value && *value)
            target = value;
    };
    fill(options.gigya_root_url, "RENAULT_GIGYA_URL");
    fill(options.kamereon_root_url, "RENAULT_KAMEREON_URL");
    fill(options.gigya_api_key, "RENAULT_GIGYA_API_KEY");
    fill(options.kamereon_api_key, "RENAULT_KAMEREON_API_KEY");
}

} // namespace renault
