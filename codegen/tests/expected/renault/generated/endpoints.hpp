// Generated from schema/things.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
#pragma once

#include <renault/generated/model.hpp>
#include <renault/schema_types.hpp>

#include <boost/mp11/list.hpp>

#include <array>
#include <string_view>

namespace renault {

namespace endpoints {
namespace params {
inline constexpr std::array<query_param, 2> lamp_query{ {
    { "start", "", false },
    { "brand", "RENAULT", true },
} };
} // namespace params

/// Every endpoint definition of the schema, in schema order. Indexes are stable within a build.
inline constexpr std::array<endpoint_info, 3> definitions{ {
    {
        .key = "lamp",
        .name = "lamp",
        .base = endpoint_base::kamereon,
        .method = http_method::get,
        .path = "/kca/car-adapter/v1/cars/{vin}/lamp",
        .adapter = adapter_type::kca,
        .version = 1,
        .kind = endpoint_kind::read,
        .code = "D",
        .mode = endpoint_mode::default_mode,
        .applies_to = "lamp",
        .in_default_table = true,
        .request_shape = body_shape::none,
        .request_type = "",
        .request_model = "",
        .response_shape = body_shape::data,
        .response_model = "lamp",
        .query = params::lamp_query,
        .form = {},
        .sample = "",
        .file_name = "lamp",
    },
    {
        .key = "actions/lamp-on",
        .name = "lamp_on",
        .base = endpoint_base::kamereon,
        .method = http_method::post,
        .path = "/kca/car-adapter/v1/cars/{vin}/actions/lamp",
        .adapter = adapter_type::kca,
        .version = 1,
        .kind = endpoint_kind::action,
        .code = "D",
        .mode = endpoint_mode::default_mode,
        .applies_to = "actions/lamp-on",
        .in_default_table = true,
        .request_shape = body_shape::data,
        .request_type = "LampOn",
        .request_model = "bulb",
        .response_shape = body_shape::data,
        .response_model = "bulb",
        .query = {},
        .form = {},
        .sample = "",
        .file_name = "lamp",
    },
    {
        .key = "actions/lamp-on",
        .name = "lamp_on_kcm",
        .base = endpoint_base::kamereon,
        .method = http_method::post,
        .path = "/kcm/v1/vehicles/{vin}/lamp",
        .adapter = adapter_type::kcm,
        .version = 1,
        .kind = endpoint_kind::action,
        .code = "KC",
        .mode = endpoint_mode::kcm,
        .applies_to = "actions/lamp-on",
        .in_default_table = false,
        .request_shape = body_shape::data,
        .request_type = "LampOn",
        .request_model = "",
        .response_shape = body_shape::flat,
        .response_model = "nothing",
        .query = {},
        .form = {},
        .sample = "",
        .file_name = "lamp",
    },
} };

/// `GET /kca/car-adapter/v1/cars/{vin}/lamp`
struct lamp {
    static constexpr std::size_t index = 0;
    static constexpr const endpoint_info& info = definitions[0];
    using request_model = void;
    using response_model = ::renault::lamp;
};

/// `POST /kca/car-adapter/v1/cars/{vin}/actions/lamp`
struct lamp_on {
    static constexpr std::size_t index = 1;
    static constexpr const endpoint_info& info = definitions[1];
    using request_model = ::renault::bulb;
    using response_model = ::renault::bulb;
};

/// `POST /kcm/v1/vehicles/{vin}/lamp`
struct lamp_on_kcm {
    static constexpr std::size_t index = 2;
    static constexpr const endpoint_info& info = definitions[2];
    using request_model = void;
    using response_model = ::renault::nothing;
};

/// Every endpoint trait, in schema order.
using all = boost::mp11::mp_list<
    lamp,
    lamp_on,
    lamp_on_kcm
>;

/// The reference client's default endpoint table (docs/api/endpoints.md): key → definition index.
inline constexpr std::array<default_endpoint, 2> default_table{ {
    { "actions/lamp-on", 1 },
    { "lamp", 0 },
} };

} // namespace endpoints

/// Every key `decode` accepts, sorted.
inline constexpr std::array<std::string_view, 3> decode_keys{ {
    "actions/lamp-on",
    "lamp",
    "lamp-list",
} };

/// Calls `f.template operator()<Model, Shape>()` for the model and body shape of a decode key.
/// Returns false, without calling f, when the key is unknown.
template <class F>
bool visit_decode_key(std::string_view key, F&& f)
{
    if (key == "actions/lamp-on") {
        f.template operator()<::renault::bulb, body_shape::data>();
        return true;
    }
    if (key == "lamp") {
        f.template operator()<::renault::lamp, body_shape::data>();
        return true;
    }
    if (key == "lamp-list") {
        f.template operator()<::renault::lamp, body_shape::array>();
        return true;
    }
    return false;
}

} // namespace renault
