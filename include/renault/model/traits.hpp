// What the generated models tell about themselves: JSON keys, units, enum raw values.
#pragma once

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace renault {

/// One member of a model, in the order Boost.Describe lists the members.
struct field_info {
    std::string_view key{};    ///< JSON key as the server sends it.
    std::string_view unit{};   ///< Unit of a numeric value ("%", "km", …), empty when none.
    bool required = false;     ///< A plain member rather than std::optional.
    bool null_when_absent = false; ///< Request bodies write `null` rather than omitting the key.
};

/// Specialised by the generated code for every model: `name`, `fields`, `sample`.
template <class T>
struct model_traits;

template <class T, class = void>
struct is_model : std::false_type {};
template <class T>
struct is_model<T, std::void_t<decltype(model_traits<T>::fields)>> : std::true_type {};
template <class T>
inline constexpr bool is_model_v = is_model<T>::value;

/// One known value of an enum: the enumerator, its raw JSON value and its name.
template <class E, class Raw>
struct enum_entry {
    E value;
    Raw raw;
    std::string_view name;
};

/// Specialised by the generated code for every enum: `raw_type`, `name`, `entries`.
template <class E>
struct enum_traits;

template <class E, class = void>
struct is_schema_enum : std::false_type {};
template <class E>
struct is_schema_enum<E, std::void_t<decltype(enum_traits<E>::entries)>> : std::true_type {};

/// An enum value as the server sent it: the raw value is always kept, and `value` is the known
/// enumerator, or `E::unknown` for a raw value this version does not know (Renault adds values
/// without notice: plug state 3, charge mode "delegated", …).
template <class E>
struct open_enum {
    using raw_type = typename enum_traits<E>::raw_type;

    E value = E::unknown;
    raw_type raw{};

    open_enum() = default;
    /// A known value; its raw value comes from the schema.
    open_enum(E known) : value(known), raw(raw_of(known)) {}

    /// The value for a raw JSON value (known or not).
    static open_enum from_raw(raw_type r)
    {
        open_enum result;
        result.raw = std::move(r);
        for (const auto& entry : enum_traits<E>::entries) {
            if (raw_equal(entry.raw, result.raw)) {
                result.value = entry.value;
                break;
            }
        }
        return result;
    }

    bool is_known() const noexcept { return value != E::unknown; }

    /// The schema name of the value ("plugged"), or "unknown".
    std::string_view name() const noexcept
    {
        for (const auto& entry : enum_traits<E>::entries)
            if (entry.value == value)
                return entry.name;
        return "unknown";
    }

    friend bool operator==(const open_enum& a, const open_enum& b) { return a.value == b.value && a.raw == b.raw; }
    friend bool operator==(const open_enum& a, E b) { return a.value == b && b != E::unknown; }

private:
    template <class A, class B>
    static bool raw_equal(const A& a, const B& b)
    {
        return a == b;
    }

    static raw_type raw_of(E known)
    {
        for (const auto& entry : enum_traits<E>::entries)
            if (entry.value == known)
                return raw_type(entry.raw);
        return raw_type{};
    }
};

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

template <class T>
struct is_open_enum : std::false_type {};
template <class E>
struct is_open_enum<open_enum<E>> : std::true_type {};

} // namespace renault
