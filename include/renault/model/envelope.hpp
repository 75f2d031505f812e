// The Kamereon JSON:API envelope around models: {"data": {"type", "id", "attributes"}, "errors"}.
#pragma once

#include <renault/generated/model.hpp>
#include <renault/model/traits.hpp>
#include <renault/schema_types.hpp>

#include <optional>
#include <string>
#include <vector>

namespace renault {

/// `data` of a Kamereon body; `attributes` is the endpoint's model.
template <class T>
struct data_object {
    std::optional<std::string> type;
    std::optional<std::string> id;
    std::optional<T> attributes;

    friend bool operator==(const data_object&, const data_object&) = default;
    BOOST_DESCRIBE_CLASS(data_object, (), (type, id, attributes), (), ())
};

template <class T>
struct model_traits<data_object<T>> {
    static constexpr std::string_view name = "data_object";
    static constexpr std::array<field_info, 3> fields{{{"type"}, {"id"}, {"attributes"}}};
    static constexpr std::string_view sample = {};
};

/// A whole Kamereon body: the data and, when the server refused, its errors.
template <class T>
struct data_body {
    std::optional<data_object<T>> data;
    std::optional<std::vector<kamereon_error>> errors;

    friend bool operator==(const data_body&, const data_body&) = default;
    BOOST_DESCRIBE_CLASS(data_body, (), (data, errors), (), ())
};

template <class T>
struct model_traits<data_body<T>> {
    static constexpr std::string_view name = "data_body";
    static constexpr std::array<field_info, 2> fields{{{"data"}, {"errors"}}};
    static constexpr std::string_view sample = {};
};

/// Attributes of an action that sends none (`{"data": {"type": "RefreshLocation"}}`).
struct no_attributes {
    friend bool operator==(const no_attributes&, const no_attributes&) = default;
};
BOOST_DESCRIBE_STRUCT(no_attributes, (), ())

template <>
struct model_traits<no_attributes> {
    static constexpr std::string_view name = "no_attributes";
    static constexpr std::array<field_info, 0> fields{};
    static constexpr std::string_view sample = {};
};

/// The C++ type of a whole body holding model M in shape S.
template <class M, body_shape S>
struct body_of {
    using type = M; // flat
};
template <class M>
struct body_of<M, body_shape::data> {
    using type = data_body<M>;
};
template <class M>
struct body_of<M, body_shape::array> {
    using type = std::vector<M>;
};
template <class M, body_shape S>
using body_t = typename body_of<M, S>::type;

/// The model inside a body: `data.attributes`, the body itself, or the array. nullptr when a data
/// body has no attributes.
template <class M>
const M* model_in(const data_body<M>& body)
{
    return body.data && body.data->attributes ? &*body.data->attributes : nullptr;
}
template <class M>
const M* model_in(const M& body)
{
    return &body;
}

/// The request body of a data-shaped action: `{"data": {"type": type, "attributes": attributes}}`.
template <class M>
data_body<M> make_data_body(std::string type, M attributes)
{
    data_body<M> body;
    body.data.emplace();
    body.data->type = std::move(type);
    body.data->attributes = std::move(attributes);
    return body;
}

/// The request body of an action without attributes (`{"data": {"type": type}}`).
inline data_body<no_attributes> make_data_body(std::string type)
{
    data_body<no_attributes> body;
    body.data.emplace();
    body.data->type = std::move(type);
    return body;
}

} // namespace renault

// In the separately compiled mode, the decoder and encoder of every body type of the API are
// compiled once (<renault/src.hpp>); translation units that use them only call them.
#include <renault/detail/config.hpp>
#if !RENAULT_HEADER_ONLY
#include <renault/generated/body_types.hpp>
#include <renault/model/decode.hpp>
#include <renault/model/encode.hpp>

namespace renault {
#define RENAULT_EXTERN_BODY(T)                                                                          \
    extern template decoded<T> decode<T>(std::string_view, boost::system::error_code&, const decode_options&); \
    extern template void encode_to<T>(std::string&, const T&, const encode_options&);
RENAULT_FOR_EACH_BODY_TYPE(RENAULT_EXTERN_BODY)
#undef RENAULT_EXTERN_BODY
} // namespace renault
#endif
