// Decoding a body by its decode key, when the key is known only at run time (`renault-api decode`,
// payload collections).
#pragma once

#include <renault/generated/endpoints.hpp>
#include <renault/model/decode.hpp>
#include <renault/model/encode.hpp>
#include <renault/model/envelope.hpp>
#include <renault/model/value_rows.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace renault {

/// The result of decode_by_key(): the model re-encoded, as rows, and the diagnostics.
struct any_decoded {
    std::string model_name;                ///< the schema model ("battery_status")
    body_shape shape = body_shape::flat;
    std::vector<diagnostic> diagnostics;
    /// The model with the API's keys (for a data body: `data.attributes`, "null" when absent;
    /// for an array body: the array).
    std::string value_json;
    std::vector<value_row> rows;           ///< the typed values, for people
};

/// Decodes `body` as the response of decode key `key` (see `decode_keys`). Returns false when the
/// key is unknown; otherwise `ec` is set as by decode().
inline bool decode_by_key(std::string_view key, std::string_view body, any_decoded& out, boost::system::error_code& ec,
                          const decode_options& options = {}, const encode_options& encoding = {})
{
    return visit_decode_key(key, [&]<class M, body_shape S>() {
        auto result = decode<body_t<M, S>>(body, ec, options);
        out.model_name = std::string(model_traits<M>::name);
        out.shape = S;
        out.diagnostics = std::move(result.diagnostics);
        out.value_json.clear();
        if constexpr (S == body_shape::data) {
            if (const M* model = model_in(result.value)) {
                encode_to(out.value_json, *model, encoding);
                out.rows = value_rows(*model);
            } else {
                out.value_json = "null";
                out.rows.clear();
            }
        } else {
            encode_to(out.value_json, result.value, encoding);
            out.rows = value_rows(result.value);
        }
    });
}

} // namespace renault
