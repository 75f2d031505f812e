// The locale table: Gigya and Kamereon URLs and API keys per locale (the generator writes it from
// schema/locales.yaml).
#pragma once

#include <renault/generated/locales.hpp>

#include <string_view>

namespace renault {

/// The row of a locale such as "fr_FR", or nullptr when the table does not know it.
inline const locale_info* find_locale(std::string_view locale)
{
    for (const auto& l : locales)
        if (l.locale == locale)
            return &l;
    return nullptr;
}

/// The country of a locale: its last two letters ("fr_BE" → "BE").
inline std::string_view country_of(std::string_view locale)
{
    return locale.size() >= 2 ? locale.substr(locale.size() - 2) : locale;
}

} // namespace renault
