// Which model a saved response body holds, from its place in a payload collection laid out like
// fixtures/ (fixtures/README.md): the folder says the API and the kind of endpoint, the file name
// starts with the endpoint's file name ("battery-status.zoe_40.json").
#pragma once

#include <renault/generated/endpoints.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace renault {

namespace detail {
inline bool name_starts_with(std::string_view name, std::string_view prefix)
{
    return name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix &&
           (name[prefix.size()] == '.' || name[prefix.size()] == '_');
}

// The longest file_name among the definitions that pass `filter` and start `name`; the default
// definition (code D) wins between equal file names.
template <class Filter>
std::optional<std::string_view> key_by_file_name(std::string_view name, Filter filter)
{
    const endpoint_info* best = nullptr;
    for (const auto& d : endpoints::definitions) {
        if (!filter(d) || !name_starts_with(name, d.file_name))
            continue;
        if (!best || d.file_name.size() > best->file_name.size() ||
            (d.file_name.size() == best->file_name.size() && d.code == "D" && best->code != "D"))
            best = &d;
    }
    if (!best)
        return std::nullopt;
    return best->key;
}
} // namespace detail

/// The decode key of a body saved at `path` (relative to the collection's root, '/' separated,
/// e.g. "kamereon/vehicle_data/cockpit.zoe.json"), or std::nullopt when the layout does not say.
inline std::optional<std::string> decode_key_for_path(std::string_view path)
{
    auto slash = path.rfind('/');
    std::string_view folder = slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (name.size() < 6 || name.substr(name.size() - 5) != ".json")
        return std::nullopt;
    auto by_name = [&](auto filter) -> std::optional<std::string> {
        if (auto key = detail::key_by_file_name(name, filter))
            return std::string(*key);
        return std::nullopt;
    };
    auto with = [](endpoint_base base, adapter_type adapter, std::optional<endpoint_kind> kind) {
        return [=](const endpoint_info& d) { return d.base == base && d.adapter == adapter && (!kind || d.kind == *kind); };
    };
    // Paths may carry a prefix (an absolute corpus directory): match on the last folders.
    auto ends_with = [&](std::string_view tail) {
        return folder == tail || (folder.size() > tail.size() && folder.substr(folder.size() - tail.size()) == tail &&
                                  folder[folder.size() - tail.size() - 1] == '/');
    };
    if (ends_with("gigya") || ends_with("gigya/error") || ends_with("gigya/tfa"))
        return by_name(with(endpoint_base::gigya, adapter_type::none, std::nullopt));
    if (ends_with("kamereon/vehicle_data"))
        return by_name(with(endpoint_base::kamereon, adapter_type::kca, endpoint_kind::read));
    if (ends_with("kamereon/vehicle_action"))
        return by_name(with(endpoint_base::kamereon, adapter_type::kca, endpoint_kind::action));
    if (ends_with("kamereon/vehicle_kcm_data"))
        return by_name(with(endpoint_base::kamereon, adapter_type::kcm, endpoint_kind::read));
    if (ends_with("kamereon/vehicle_kcm_action"))
        return by_name(with(endpoint_base::kamereon, adapter_type::kcm, endpoint_kind::action));
    if (ends_with("kamereon/vehicle_info"))
        return by_name(with(endpoint_base::kamereon, adapter_type::none, std::nullopt));
    if (ends_with("kamereon/vehicles"))
        return "vehicles";
    if (ends_with("kamereon/vehicle_details"))
        return "vehicle-details";
    if (ends_with("kamereon/vehicle_gateway"))
        return "car-adapter";
    if (ends_with("kamereon/vehicle_contract"))
        return "contracts";
    if (ends_with("kamereon/error"))
        return "error";
    if (ends_with("kamereon/person") && detail::name_starts_with(name, "notifications"))
        return "person-notifications";
    if (ends_with("kamereon") && name == "person.json")
        return "person";
    return std::nullopt;
}

} // namespace renault
