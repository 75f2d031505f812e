// Generated from schema/tables.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
#pragma once

#include <renault/schema_types.hpp>

#include <array>

namespace renault {

/// The locales the reference client knows, with their Gigya and Kamereon URLs and API keys.
inline constexpr std::array<locale_info, 2> locales{ {
    { "fr_FR", "https://gigya.example", "gkey", "https://kamereon.example", "kkey" },
    { "es_MX", "https://gigya.example", "other", "https://kamereon.example", "kkey" },
} };

} // namespace renault
