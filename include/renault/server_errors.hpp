// The table of error codes the Gigya and Kamereon servers send (the generator writes it from schema/errors.yaml).
#pragma once

#include <renault/generated/errors.hpp>

#include <string_view>

namespace renault {

/// The table row of a server error code ("err.func.wired.overloaded", "403042"), or nullptr.
inline const server_error_info* find_server_error(std::string_view code)
{
    for (const auto& e : server_errors)
        if (e.code == code)
            return &e;
    return nullptr;
}

} // namespace renault
