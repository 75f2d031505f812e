// A file-like model for the decoder's tests: tables (std::map) and values kept as JSON
// (boost::json::value), as in the files people write (endpoint overrides, the mock's scenarios).
// In a named namespace: model_traits of types with internal linkage would leave unused members.
#pragma once

#include <renault/model/traits.hpp>

#include <boost/describe/class.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace test_models {

struct table_entry {
    std::optional<std::string> label;
    std::optional<std::map<std::string, bool>> flags;
    friend bool operator==(const table_entry&, const table_entry&) = default;
};
BOOST_DESCRIBE_STRUCT(table_entry, (), (label, flags))

struct table_file {
    std::optional<boost::json::value> version;
    std::optional<std::map<std::string, table_entry>> entries;
    std::optional<std::map<std::string, boost::json::value>> values;
    std::optional<std::vector<boost::json::value>> list;
    std::optional<std::int64_t> count;
    friend bool operator==(const table_file&, const table_file&) = default;
};
BOOST_DESCRIBE_STRUCT(table_file, (), (version, entries, values, list, count))

} // namespace test_models

template <>
struct renault::model_traits<test_models::table_entry> {
    static constexpr std::string_view name = "table_entry";
    static constexpr std::array<field_info, 2> fields{{{"label", "", false, false}, {"flags", "", false, false}}};
    static constexpr std::string_view sample = {};
};
template <>
struct renault::model_traits<test_models::table_file> {
    static constexpr std::string_view name = "table_file";
    static constexpr std::array<field_info, 5> fields{{{"version", "", false, false},
                                                       {"entries", "", false, false},
                                                       {"values", "", false, false},
                                                       {"list", "", false, false},
                                                       {"count", "", false, false}}};
    static constexpr std::string_view sample = {};
};
