// Generated from schema/things.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
#pragma once

#include <renault/model/traits.hpp>

namespace renault {

/// Whether the light is on.
enum class light_state {
    off,
    on, ///< Shining.
    broken,
    unknown, ///< A raw value this version does not know; the raw value is kept.
};
BOOST_DESCRIBE_ENUM(light_state, off, on, broken, unknown)

template <>
struct enum_traits<light_state> {
    using raw_type = std::int64_t;
    static constexpr std::string_view name = "light_state";
    static constexpr std::array<enum_entry<light_state, std::int64_t>, 3> entries{{
        { light_state::off, std::int64_t{0}, "off" },
        { light_state::on, std::int64_t{1}, "on" },
        { light_state::broken, std::int64_t{-2147483647} - 1, "broken" },
    }};
};

/// level
enum class level {
    low,
    high,
    unknown, ///< A raw value this version does not know; the raw value is kept.
};
BOOST_DESCRIBE_ENUM(level, low, high, unknown)

template <>
struct enum_traits<level> {
    using raw_type = double;
    static constexpr std::string_view name = "level";
    static constexpr std::array<enum_entry<level, double>, 2> entries{{
        { level::low, 0.1, "low" },
        { level::high, 1.0, "high" },
    }};
};

/// colour
enum class colour {
    red,
    green,
    unknown, ///< A raw value this version does not know; the raw value is kept.
};
BOOST_DESCRIBE_ENUM(colour, red, green, unknown)

template <>
struct enum_traits<colour> {
    using raw_type = std::string;
    static constexpr std::string_view name = "colour";
    static constexpr std::array<enum_entry<colour, std::string_view>, 2> entries{{
        { colour::red, "RED", "red" },
        { colour::green, "GREEN", "green" },
    }};
};

/// Fields every thing has.
struct thing_base {
    std::int64_t code{}; ///< `errorCode`

    friend bool operator==(const ::renault::thing_base&, const ::renault::thing_base&) = default;
};
BOOST_DESCRIBE_STRUCT(thing_base, (), (code))

template <>
struct model_traits<thing_base> {
    static constexpr std::string_view name = "thing_base";
    static constexpr std::array<field_info, 1> fields{ {
        { "errorCode", "", true, false },
    } };
    static constexpr std::string_view sample = {};
};

/// bulb
struct bulb {
    std::optional<::renault::open_enum<::renault::colour>> colour{}; ///< `colour`
    std::optional<std::int64_t> watts{}; ///< `watts` [W]
    std::optional<std::vector<std::string>> tags{}; ///< `tags`

    friend bool operator==(const ::renault::bulb&, const ::renault::bulb&) = default;
};
BOOST_DESCRIBE_STRUCT(bulb, (), (colour, watts, tags))

template <>
struct model_traits<bulb> {
    static constexpr std::string_view name = "bulb";
    static constexpr std::array<field_info, 3> fields{ {
        { "colour", "", false, true },
        { "watts", "W", false, false },
        { "tags", "", false, false },
    } };
    static constexpr std::string_view sample = {};
};

/// A lamp.
struct lamp {
    std::int64_t code{}; ///< `errorCode`
    std::optional<::renault::open_enum<::renault::light_state>> state{}; ///< `lightState`
    std::optional<std::vector<::renault::bulb>> bulbs{}; ///< `bulbs`
    std::optional<double> brightness{}; ///< `brightness` [%] How bright "it" is.

    friend bool operator==(const ::renault::lamp&, const ::renault::lamp&) = default;
};
BOOST_DESCRIBE_STRUCT(lamp, (), (code, state, bulbs, brightness))

template <>
struct model_traits<lamp> {
    static constexpr std::string_view name = "lamp";
    static constexpr std::array<field_info, 4> fields{ {
        { "errorCode", "", true, false },
        { "lightState", "", false, false },
        { "bulbs", "", false, false },
        { "brightness", "%", false, false },
    } };
    static constexpr std::string_view sample = "things/lamp.json";
};

/// nothing
struct nothing {

    friend bool operator==(const ::renault::nothing&, const ::renault::nothing&) = default;
};
BOOST_DESCRIBE_STRUCT(nothing, (), ())

template <>
struct model_traits<nothing> {
    static constexpr std::string_view name = "nothing";
    static constexpr std::array<field_info, 0> fields{  };
    static constexpr std::string_view sample = {};
};

} // namespace renault
