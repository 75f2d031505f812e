// Generated from schema/tables.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
#pragma once

#include <renault/schema_types.hpp>

#include <array>
#include <string_view>

namespace renault {

/// Every vehicle model code documented in the per-model endpoint table.
inline constexpr std::array<vehicle_model_info, 2> vehicle_models{ {
    { "AAA1VE", "First car" },
    { "BBB1VE", "Second car" },
} };

/// The per-model endpoint table (docs/api/endpoints.md), sorted by model code then key.
/// `definition` indexes `endpoints::definitions`; -1 means "not available for this model".
/// Keys a model does not list fall back to the default table.
inline constexpr std::array<model_endpoint, 4> model_endpoints{ {
    { "AAA1VE", "lamp", 0 },
    { "AAA1VE", "stray-key", -1 },
    { "BBB1VE", "actions/lamp-on", 2 },
    { "BBB1VE", "lamp", -1 },
} };

/// Keys the reference table lists although no code queries them.
inline constexpr std::array<std::string_view, 1> stray_endpoint_keys{ {
    "stray-key",
} };

/// Behaviour flags by vehicle model code (docs/api/endpoints.md, "Specifications").
inline constexpr std::array<specification, 1> vehicle_specifications{ {
    { "AAA1VE", "reports-in-watts", true },
} };

/// Behaviour flags by car-adapter gateway (`carGateway`).
inline constexpr std::array<specification, 1> gateway_specifications{ {
    { "GDC", "reports-in-watts", true },
} };

} // namespace renault
