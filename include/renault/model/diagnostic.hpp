// What the decoder says about a body it could decode only in part.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace renault {

enum class diagnostic_kind {
    wrong_type,         ///< a value of another JSON type than the model's; the field stays empty
    not_integral,       ///< a number with a fraction where an integer is expected; left empty
    out_of_range,       ///< a number too large for the model (or for a double); left empty
    unknown_enum_value, ///< a raw value the enum does not list; kept, with value `unknown`
    missing_required,   ///< a required key is absent
    unknown_key,        ///< a key the model does not hold (reported only when asked for)
    invalid_body,       ///< the body could not be decoded at all (the error says why)
};

/// One thing the decoder noticed, at a JSON path such as `data.attributes.plugStatus` or
/// `schedules[1].monday.startTime`.
struct diagnostic {
    diagnostic_kind kind = diagnostic_kind::wrong_type;
    std::string path;
    std::string message;

    friend bool operator==(const diagnostic&, const diagnostic&) = default;
};

inline std::string_view to_string(diagnostic_kind kind) noexcept
{
    switch (kind) {
    case diagnostic_kind::wrong_type: return "wrong_type";
    case diagnostic_kind::not_integral: return "not_integral";
    case diagnostic_kind::out_of_range: return "out_of_range";
    case diagnostic_kind::unknown_enum_value: return "unknown_enum_value";
    case diagnostic_kind::missing_required: return "missing_required";
    case diagnostic_kind::unknown_key: return "unknown_key";
    case diagnostic_kind::invalid_body: return "invalid_body";
    }
    return "unknown";
}

/// "path: message" (or just the message at the root).
inline std::string to_string(const diagnostic& d)
{
    return d.path.empty() ? d.message : d.path + ": " + d.message;
}

} // namespace renault
