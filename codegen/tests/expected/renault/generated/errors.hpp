// Generated from schema/tables.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
#pragma once

#include <renault/schema_types.hpp>

#include <array>

namespace renault {

/// Every error code the Gigya and Kamereon servers are known to send.
inline constexpr std::array<server_error_info, 2> server_errors{ {
    { "err.func.403", error_source::kamereon, "access_denied", condition::not_supported, "Access is denied", errc::access_denied, 403 },
    { "403042", error_source::gigya, "invalid_credentials", condition::authentication, "invalid loginID or password", errc::invalid_credentials, 0 },
} };

} // namespace renault
