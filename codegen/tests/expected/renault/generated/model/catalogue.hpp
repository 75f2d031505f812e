// Generated from schema/catalogue.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
#pragma once

#include <renault/model/traits.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <renault/generated/model/things.hpp>

namespace renault {

/// Tables and values kept as JSON.
struct catalogue {
    ::boost::json::value version{}; ///< `version` Checked by the reader.
    std::optional<std::map<std::string, ::renault::lamp, std::less<>>> lamps{}; ///< `lamps`
    std::optional<std::map<std::string, std::map<std::string, bool, std::less<>>, std::less<>>> switches{}; ///< `switches`
    std::optional<std::vector<::boost::json::value>> notes{}; ///< `notes`

    friend bool operator==(const ::renault::catalogue&, const ::renault::catalogue&) = default;
};
BOOST_DESCRIBE_STRUCT(catalogue, (), (version, lamps, switches, notes))

template <>
struct model_traits<catalogue> {
    static constexpr std::string_view name = "catalogue";
    static constexpr std::array<field_info, 4> fields{ {
        { "version", "", true, false },
        { "lamps", "", false, false },
        { "switches", "", false, false },
        { "notes", "", false, false },
    } };
    static constexpr std::string_view sample = {};
};

} // namespace renault
