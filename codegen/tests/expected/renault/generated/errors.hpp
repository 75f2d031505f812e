// Generated from schema/tables.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
#pragma once

#include <renault/schema_types.hpp>

#include <array>

namespace renault {

/// Every error code the Gigya and Kamereon servers are known to send (RENAULT_API.md §1, §3, §4.4).
inline constexpr std::array<server_error_info, 2> server_errors{ {
    { "err.func.403", error_source::kamereon, "access_denied", error_condition_kind::not_supported, "Access is denied", errc::access_denied },
    { "403042", error_source::gigya, "invalid_credentials", error_condition_kind::authentication, "invalid loginID or password", errc::invalid_credentials },
} };

} // namespace renault
