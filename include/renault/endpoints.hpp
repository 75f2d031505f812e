// Endpoint traits and tables (the generator writes them from schema/), and the per-model endpoint resolution of
// the reference client (docs/api/endpoints.md, "Resolution").
#pragma once

#include <renault/generated/endpoints.hpp>
#include <renault/generated/vehicles.hpp>

#include <algorithm>
#include <string_view>
#include <vector>

namespace renault {

/// How resolve_endpoint() found its answer.
enum class endpoint_lookup {
    listed,             ///< the model's table lists the key with a definition
    not_available,      ///< the model's table lists the key as not available
    undocumented_model, ///< the model is not in the table: default definition (warn once)
    undocumented_key,   ///< the model does not list the key: default definition (warn once)
    unknown_key,        ///< no table knows the key
};

struct endpoint_resolution {
    const endpoint_info* definition = nullptr; ///< nullptr: not available for this model
    endpoint_lookup lookup = endpoint_lookup::unknown_key;
};

/// The default definition of a key, or nullptr.
inline const endpoint_info* default_endpoint_definition(std::string_view key)
{
    for (const auto& row : endpoints::default_table)
        if (row.key == key)
            return &endpoints::definitions[static_cast<std::size_t>(row.definition)];
    return nullptr;
}

/// Whether the per-model table documents a model code.
inline bool is_documented_model(std::string_view model_code)
{
    return std::any_of(model_endpoints.begin(), model_endpoints.end(),
                       [&](const model_endpoint& row) { return row.model_code == model_code; });
}

/// The definition of `key` for a vehicle model, with the reference semantics: the model's entry
/// when it lists the key (possibly "not available"), else the default table. An empty model code
/// uses the default table silently.
inline endpoint_resolution resolve_endpoint(std::string_view model_code, std::string_view key)
{
    const endpoint_info* fallback = default_endpoint_definition(key);
    if (model_code.empty())
        return {fallback, fallback ? endpoint_lookup::listed : endpoint_lookup::unknown_key};
    if (!is_documented_model(model_code))
        return {fallback, fallback ? endpoint_lookup::undocumented_model : endpoint_lookup::unknown_key};
    for (const auto& row : model_endpoints) {
        if (row.model_code == model_code && row.key == key) {
            if (row.definition < 0)
                return {nullptr, endpoint_lookup::not_available};
            return {&endpoints::definitions[static_cast<std::size_t>(row.definition)], endpoint_lookup::listed};
        }
    }
    return {fallback, fallback ? endpoint_lookup::undocumented_key : endpoint_lookup::unknown_key};
}

/// Whether `key` is available for a vehicle model.
inline bool supports_endpoint(std::string_view model_code, std::string_view key)
{
    return resolve_endpoint(model_code, key).definition != nullptr;
}

/// The table of one model as the reference's get_endpoints() returns it: the keys the model lists
/// (definition nullptr = not available), or the whole default table for an undocumented model.
inline std::vector<std::pair<std::string_view, const endpoint_info*>> endpoints_of_model(std::string_view model_code)
{
    std::vector<std::pair<std::string_view, const endpoint_info*>> result;
    if (is_documented_model(model_code)) {
        for (const auto& row : model_endpoints)
            if (row.model_code == model_code)
                result.emplace_back(row.key, row.definition < 0 ? nullptr
                                                                : &endpoints::definitions[static_cast<std::size_t>(row.definition)]);
    } else {
        for (const auto& row : endpoints::default_table)
            result.emplace_back(row.key, &endpoints::definitions[static_cast<std::size_t>(row.definition)]);
    }
    return result;
}

/// The value of a specification flag for a model code or gateway; false when not listed.
template <std::size_t N>
bool has_specification(const std::array<specification, N>& table, std::string_view subject, std::string_view name)
{
    return std::any_of(table.begin(), table.end(), [&](const specification& s) {
        return s.subject == subject && s.name == name && s.value;
    });
}

} // namespace renault
