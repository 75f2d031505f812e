// The row types of the tables the generator writes from schema/: endpoints, vehicles, errors, locales.
#pragma once

#include <renault/errc.hpp>
#include <renault/generated/endpoint_modes.hpp>

#include <cstdint>
#include <span>
#include <string_view>

namespace renault {

enum class http_method { get, post };
/// Which root URL an endpoint path is appended to.
enum class endpoint_base {
    kamereon, ///< {kamereon root}/commerce/v1/accounts/{account_id}/kamereon
    commerce, ///< {kamereon root}/commerce/v1
    gigya,    ///< {gigya root}
};
enum class adapter_type { kca, kcm, none };
enum class endpoint_kind { read, action };
/// Where the model sits in a body.
enum class body_shape {
    none,  ///< no body
    data,  ///< `{"data": {"type", "id", "attributes": model}}`
    flat,  ///< the whole body is the model
    array, ///< a top-level JSON array of the model
    form,  ///< form-urlencoded fields (Gigya)
};

/// A query parameter or form field: a constant (`has_value`) or a value the caller gives.
struct query_param {
    std::string_view name;
    std::string_view value;
    bool has_value = false;
};

/// One endpoint definition of the schema.
struct endpoint_info {
    std::string_view key;        ///< endpoint key, e.g. "battery-status", "actions/charge-start"
    std::string_view name;       ///< C++ name of the trait in renault::endpoints
    endpoint_base base = endpoint_base::kamereon;
    http_method method = http_method::get;
    std::string_view path;       ///< path template with {account_id}, {vin}, {person_id}
    adapter_type adapter = adapter_type::none;
    int version = 0;
    endpoint_kind kind = endpoint_kind::read;
    std::string_view code;       ///< D (default) or the alternative code ST, KC, KP, KS
    endpoint_mode mode{};        ///< the first mode of the schema unless the definition names one
    std::string_view applies_to; ///< the per-model table row this definition serves
    bool in_default_table = false;
    body_shape request_shape = body_shape::none;
    std::string_view request_type;  ///< `data.type` of a data request ("HvacStart")
    std::string_view request_model;
    body_shape response_shape = body_shape::flat;
    std::string_view response_model;
    std::span<const query_param> query; ///< besides `country`, which is always sent
    std::span<const query_param> form;
    std::string_view sample;     ///< a fixture path under fixtures/, may be empty
    std::string_view file_name;  ///< how saved bodies of this endpoint are named (fixtures/README.md)
};

/// A row of the default endpoint table.
struct default_endpoint {
    std::string_view key;
    int definition;
};

struct vehicle_model_info {
    std::string_view code;
    std::string_view label;
};

/// A row of the per-model endpoint table; `definition` -1 = not available.
struct model_endpoint {
    std::string_view model_code;
    std::string_view key;
    int definition;
};

struct specification {
    std::string_view subject; ///< model code or gateway
    std::string_view name;
    bool value;
};

enum class error_source { kamereon, gigya };

struct server_error_info {
    std::string_view code; ///< as the server sends it ("err.func.403", "403042")
    error_source source;
    std::string_view name;
    renault::condition condition;
    std::string_view message;
    errc value; ///< the library's code for it
    unsigned http_status = 0; ///< the HTTP status the server answers with (Kamereon), 0 when not known
};

struct locale_info {
    std::string_view locale;
    std::string_view gigya_root_url;
    std::string_view gigya_api_key;
    std::string_view kamereon_root_url;
    std::string_view kamereon_api_key;
};

} // namespace renault
