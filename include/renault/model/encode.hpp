// JSON encoding of described models with the API's keys and raw values.
#pragma once

#include <renault/json_text.hpp>
#include <renault/model/traits.hpp>

#include <boost/describe/members.hpp>
#include <boost/json/fwd.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renault {

struct encode_options {
    /// Writing a request body: members marked null_when_absent are written as `null` when absent
    /// (the schedule days of charge/HVAC schedule actions, which the API expects as seven keys).
    bool request_body = false;
    /// Indent with two spaces (for people); compact otherwise.
    bool pretty = false;
};

namespace detail {

template <class T>
struct is_string_map : std::false_type {};
template <class T, class C, class A>
struct is_string_map<std::map<std::string, T, C, A>> : std::true_type {};

/// Shortest round-trip form; integral values keep a ".0" (21.0, as Python and the API write them);
/// NaN and infinities, which JSON cannot hold, become null.
inline void append_json_number(std::string& out, double d)
{
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
    std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
    out += text;
    if (text.find_first_of(".eE") == std::string_view::npos)
        out += ".0";
}

inline void append_json_number(std::string& out, std::int64_t i)
{
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, i);
    out.append(buffer, end);
}

class json_writer {
public:
    json_writer(std::string& out, const encode_options& options) : out_(out), options_(options) {}

    template <class T>
    void value(const T& v)
    {
        if constexpr (std::is_same_v<T, std::string>) {
            append_json_string(out_, v);
        } else if constexpr (std::is_same_v<T, bool>) {
            out_ += v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
            append_json_number(out_, v);
        } else if constexpr (std::is_same_v<T, double>) {
            append_json_number(out_, v);
        } else if constexpr (is_open_enum<T>::value) {
            value(v.raw);
        } else if constexpr (is_vector<T>::value) {
            out_ += '[';
            ++depth_;
            bool first = true;
            for (const auto& item : v) {
                separator(first);
                value(item);
            }
            --depth_;
            if (!first)
                newline();
            out_ += ']';
        } else if constexpr (is_string_map<T>::value) {
            out_ += '{';
            ++depth_;
            bool first = true;
            for (const auto& [k, item] : v) {
                key(first, k);
                value(item);
            }
            --depth_;
            if (!first)
                newline();
            out_ += '}';
        } else if constexpr (std::is_same_v<T, boost::json::value>) {
            json_value(v);
        } else {
            static_assert(is_model_v<T>, "encode() takes models, vectors of models and scalars");
            object(v);
        }
    }

private:
    // A boost::json::value (include <boost/json/value.hpp>): as it is, in the writer's layout.
    template <class V>
    void json_value(const V& v)
    {
        if (const auto* b = v.if_bool()) {
            out_ += *b ? "true" : "false";
        } else if (const auto* i = v.if_int64()) {
            append_json_number(out_, *i);
        } else if (const auto* u = v.if_uint64()) {
            out_ += std::to_string(*u);
        } else if (const auto* d = v.if_double()) {
            append_json_number(out_, *d);
        } else if (const auto* text = v.if_string()) {
            append_json_string(out_, std::string_view(text->data(), text->size()));
        } else if (const auto* items = v.if_array()) {
            out_ += '[';
            ++depth_;
            bool first = true;
            for (const auto& item : *items) {
                separator(first);
                json_value(item);
            }
            --depth_;
            if (!first)
                newline();
            out_ += ']';
        } else if (const auto* members = v.if_object()) {
            out_ += '{';
            ++depth_;
            bool first = true;
            for (const auto& member : *members) {
                key(first, std::string_view(member.key().data(), member.key().size()));
                json_value(member.value());
            }
            --depth_;
            if (!first)
                newline();
            out_ += '}';
        } else {
            out_ += "null";
        }
    }

    template <class S>
    void object(const S& s)
    {
        using members = boost::describe::describe_members<S, boost::describe::mod_public | boost::describe::mod_inherited>;
        out_ += '{';
        ++depth_;
        bool first = true;
        std::size_t index = 0;
        boost::mp11::mp_for_each<members>([&](auto d) {
            const field_info& info = model_traits<S>::fields[index++];
            const auto& member = s.*d.pointer;
            using M = std::remove_cvref_t<decltype(member)>;
            if constexpr (is_optional<M>::value) {
                if (member) {
                    key(first, info.key);
                    value(*member);
                } else if (options_.request_body && info.null_when_absent) {
                    key(first, info.key);
                    out_ += "null";
                }
            } else {
                key(first, info.key);
                value(member);
            }
        });
        --depth_;
        if (!first)
            newline();
        out_ += '}';
    }

    void separator(bool& first)
    {
        if (!first)
            out_ += ',';
        first = false;
        newline();
    }

    void key(bool& first, std::string_view k)
    {
        separator(first);
        append_json_string(out_, k);
        out_ += options_.pretty ? ": " : ":";
    }

    void newline()
    {
        if (!options_.pretty)
            return;
        out_ += '\n';
        out_.append(2 * depth_, ' ');
    }

    std::string& out_;
    const encode_options& options_;
    std::size_t depth_ = 0;
};

} // namespace detail

/// Appends the JSON of `value` (a model, a vector of models, a scalar) to `out`, with the API's
/// keys and raw enum values; absent optionals are omitted. std::map<std::string, T> members are
/// objects, boost::json::value members are written as they are.
template <class T>
void encode_to(std::string& out, const T& value, const encode_options& options = {})
{
    detail::json_writer writer(out, options);
    writer.value(value);
}

/// The JSON of `value`. Thread-safety: a pure function.
template <class T>
std::string encode(const T& value, const encode_options& options = {})
{
    std::string out;
    encode_to(out, value, options);
    return out;
}

} // namespace renault
