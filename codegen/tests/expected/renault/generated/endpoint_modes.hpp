// Generated from schema/things.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace renault {

/// How the client uses an endpoint definition: which body and which follow-up calls it needs.
/// An endpoint definition that names no mode has the first.
enum class endpoint_mode {
    default_mode, ///< `default`: The definition's own body.
    kcm, ///< `kcm`: Through the KCM adapter.
};

/// The name of each mode as the schema and endpoint-override files write it, in enumerator order.
inline constexpr std::array<std::string_view, 2> endpoint_mode_names{ {
    "default",
    "kcm",
} };

/// The name of a mode ("kcm-settings"); empty for a value outside the enumeration.
constexpr std::string_view to_string(endpoint_mode mode) noexcept
{
    const auto index = static_cast<std::size_t>(mode);
    return index < endpoint_mode_names.size() ? endpoint_mode_names[index] : std::string_view{};
}

/// The mode with that name, or nullopt.
constexpr std::optional<endpoint_mode> endpoint_mode_from_string(std::string_view name) noexcept
{
    for (std::size_t i = 0; i < endpoint_mode_names.size(); ++i)
        if (endpoint_mode_names[i] == name)
            return static_cast<endpoint_mode>(i);
    return std::nullopt;
}

} // namespace renault
