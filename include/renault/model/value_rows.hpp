// A typed value as rows of (path, text, unit), for people: what `renault-api decode` prints.
#pragma once

#include <renault/model/encode.hpp>
#include <renault/model/traits.hpp>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

namespace renault {

struct value_row {
    std::string path;  ///< C++ member names: "schedules[0].monday.start_time"
    std::string text;  ///< the value; enums as "plugged (1)" or "unknown (3)"
    std::string unit;  ///< from the schema, may be empty
};

namespace detail {

/// Shortest form, with ".0" on integral values as in the JSON the API sends (27.0, -1.0).
inline std::string text_of(double d)
{
    std::string out;
    append_json_number(out, d);
    return out;
}

template <class T>
void append_rows(std::vector<value_row>& rows, const std::string& path, std::string_view unit, const T& v)
{
    if constexpr (std::is_same_v<T, std::string>) {
        rows.push_back({path, v, std::string(unit)});
    } else if constexpr (std::is_same_v<T, bool>) {
        rows.push_back({path, v ? "true" : "false", std::string(unit)});
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
        rows.push_back({path, std::to_string(v), std::string(unit)});
    } else if constexpr (std::is_same_v<T, double>) {
        rows.push_back({path, text_of(v), std::string(unit)});
    } else if constexpr (is_open_enum<T>::value) {
        std::string raw;
        if constexpr (std::is_same_v<typename T::raw_type, std::string>)
            raw = v.raw;
        else if constexpr (std::is_same_v<typename T::raw_type, double>)
            raw = text_of(v.raw);
        else
            raw = std::to_string(v.raw);
        rows.push_back({path, std::string(v.name()) + " (" + raw + ")", std::string(unit)});
    } else if constexpr (is_optional<T>::value) {
        if (v)
            append_rows(rows, path, unit, *v);
    } else if constexpr (is_vector<T>::value) {
        if (v.empty())
            rows.push_back({path, "(empty list)", ""});
        for (std::size_t i = 0; i < v.size(); ++i)
            append_rows(rows, path + "[" + std::to_string(i) + "]", unit, v[i]);
    } else {
        using members = boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;
        std::size_t index = 0;
        std::size_t before = rows.size();
        boost::mp11::mp_for_each<members>([&](auto d) {
            const field_info& info = model_traits<T>::fields[index++];
            append_rows(rows, path.empty() ? std::string(d.name) : path + "." + d.name, info.unit, v.*d.pointer);
        });
        if (rows.size() == before && !path.empty())
            rows.push_back({path, "(empty)", ""});
    }
}

} // namespace detail

/// Every value held by `value`, depth first, absent optionals left out.
template <class T>
std::vector<value_row> value_rows(const T& value)
{
    std::vector<value_row> rows;
    detail::append_rows(rows, "", "", value);
    return rows;
}

} // namespace renault
