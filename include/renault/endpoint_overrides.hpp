// A run-time override / extension of the per-model endpoint table and the specifications: a JSON
// file users edit when Renault ships a new model or flips an endpoint version, without waiting
// for a release (docs/api/kamereon.md, "Operational facts"). Format:
// docs/endpoint-overrides.md.
#pragma once

#include <renault/detail/config.hpp>
#include <renault/endpoints.hpp>
#include <renault/error.hpp>
#include <renault/model/traits.hpp>

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace renault {

namespace detail {

/// An endpoint definition with a path of the override file: `info.path` views `path`. Never
/// copied or moved after it is built, so the view stays valid.
struct custom_endpoint {
    custom_endpoint() = default;
    custom_endpoint(const custom_endpoint&) = delete;
    custom_endpoint& operator=(const custom_endpoint&) = delete;

    std::string path;
    endpoint_info info;
};

/// The definition "default" means for a key of an override file: the default table's, or, for an
/// `actions/...` key outside it, the schema's definition with that key. nullptr: not a valid key.
RENAULT_DECL const endpoint_info* override_base_definition(std::string_view key);

/// The definition with `code` for `key`: the one of that key, else the alternative serving that
/// key's row of the per-model table (as schema/vehicles.yaml selects them).
RENAULT_DECL const endpoint_info* override_alternative(std::string_view key, std::string_view code);

/// Every definition code of the schema, sorted ("D, KC, KP, KS, ST").
RENAULT_DECL std::string override_codes_text();

RENAULT_DECL bool is_override_code(std::string_view code);

/// The specification names the schema knows, sorted and without repeats.
RENAULT_DECL std::vector<std::string_view> override_specification_names();

/// A model or gateway code: 1 to 32 upper-case ASCII letters and digits ("XJD1SU", "GDC").
RENAULT_DECL bool is_override_subject(std::string_view code);

/// `s` as a JSON string literal.
RENAULT_DECL std::string json_quote(std::string_view s);

/// The names quoted, as "a", "b" or "c".
template <class Names>
std::string quoted_choice(const Names& names)
{
    std::string text;
    for (std::size_t i = 0; i < std::size(names); ++i) {
        if (i > 0)
            text += i + 1 == std::size(names) ? " or " : ", ";
        text += json_quote(names[i]);
    }
    return text;
}

/// `parent.key`, or `parent["key"]` when the key has characters other than letters, digits, '-', '_'.
RENAULT_DECL std::string override_member_path(std::string_view parent, std::string_view key);

/// What is wrong with the path of a custom definition, or an empty string.
RENAULT_DECL std::string override_path_problem(std::string_view path);

/// The adapter and version a path names: "/kca/car-adapter/v2/..." or "/kcm/v1/...".
RENAULT_DECL bool override_adapter_of_path(std::string_view path, adapter_type& adapter, int& version);

} // namespace detail

/// The per-model endpoint table and the specifications as a user's file amends them: models the
/// schema does not know, keys a model lacks, other definitions (alternative codes or paths),
/// specification flags. resolve() answers from the file first, then from the generated tables.
///
/// Owns its data; copies share the immutable custom definitions, so pointers returned by
/// resolve() stay valid while any copy that returned them lives. Const members may be called
/// from several threads at once; merge() may not run concurrently with anything else.
class endpoint_overrides {
public:
    /// Reads an override file's content. On error sets `ec` to errc::invalid_argument and
    /// `message` to "<JSON path>: <reason>" (or "not JSON: ..."), and returns an empty object.
    /// Never throws on bad input.
    static endpoint_overrides parse(std::string_view json, boost::system::error_code& ec, std::string& message);

    /// Reads an override file's content.
    /// @throws renault::error with errc::invalid_argument, saying where and what is wrong.
    static endpoint_overrides parse(std::string_view json);

    /// Reads an override file. On error sets `ec` to errc::invalid_argument and `message` to
    /// "<file>: <JSON path>: <reason>" (or "<file>: <why it cannot be read>"), and returns an empty object.
    static endpoint_overrides load(const std::filesystem::path& file, boost::system::error_code& ec, std::string& message);

    /// Reads an override file.
    /// @throws renault::error with errc::invalid_argument, naming the file, the JSON path and the reason.
    static endpoint_overrides load(const std::filesystem::path& file);

    /// One model's entry from the results of probing its read endpoints (key, answered): keys that
    /// failed become null (not available), the others "default". What `probe --save` writes.
    /// @throws renault::error with errc::invalid_argument for a model code or key a file could not hold.
    static endpoint_overrides from_probe(std::string_view model_code, const std::vector<std::pair<std::string, bool>>& results);

    /// The definition of `key` for a model: the file's entry when it lists the model and the key;
    /// the generated table when it lists the model but not the key (lookup undocumented_key, not
    /// undocumented_model, for a model only the file knows); renault::resolve_endpoint() when the
    /// file does not list the model.
    endpoint_resolution resolve(std::string_view model_code, std::string_view key) const;

    /// Whether the file sets the specification flag `name` for `subject` (a model code, else a
    /// gateway). `value` receives the file's value, or, when the file does not set it, the
    /// generated tables' value (false when they do not list it either).
    bool has_specification(std::string_view subject, std::string_view name, bool& value) const;

    /// The model's label from the file, else from the generated vehicle_models, else "".
    std::string_view label(std::string_view model_code) const;

    /// Whether the file lists no model and no gateway.
    bool empty() const noexcept { return models_.empty() && gateways_.empty(); }

    /// Adds the entries of `other`; where both set the same label, key or flag, `other` wins
    /// (`probe --save` merges a fresh probe into an existing file this way).
    void merge(const endpoint_overrides& other);

    /// The file's content, sorted and indented: parse(to_json()) resolves every key as this does.
    std::string to_json() const;

private:
    enum class entry_kind { not_available, default_definition, alternative, custom_path };

    struct endpoint_entry {
        entry_kind kind = entry_kind::not_available;
        const endpoint_info* definition = nullptr; ///< generated, or &custom->info; nullptr: not available
        std::shared_ptr<const detail::custom_endpoint> custom;
    };

    using flags = std::map<std::string, bool, std::less<>>;

    struct model_entry {
        std::optional<std::string> label;
        std::map<std::string, endpoint_entry, std::less<>> endpoints;
        flags specifications;
    };

    std::map<std::string, model_entry, std::less<>> models_;
    std::map<std::string, flags, std::less<>> gateways_;

    static constexpr std::uintmax_t max_file_size = 1u << 20;

    static std::string entry_json(std::string_view key, const endpoint_entry& e);

    static void write_flags(std::string& out, const flags& set, std::string_view indent);

    /// Reads `file` into `content`; returns why it cannot, or "".
    static std::string read_file(const std::filesystem::path& file, std::string& content);

    static bool fail(std::string& message, std::string_view path, std::string_view reason);

    // The file is decoded into the models of schema/files.yaml (unknown keys reported); what the
    // types cannot say (the version, codes, endpoint keys and values, specification names) is
    // checked on the decoded value. The first problem is the message.
    bool read(std::string_view json, std::string& message);

    /// The JSON keys of a model of schema/files.yaml, for messages.
    template <class M>
    static std::vector<std::string_view> member_keys()
    {
        std::vector<std::string_view> keys;
        for (const auto& f : model_traits<M>::fields)
            keys.push_back(f.key);
        return keys;
    }

    static bool read_entry(std::string_view key, const boost::json::value& v, const std::string& path, endpoint_entry& entry,
                           std::string& message);

    static bool read_flags(const std::map<std::string, bool, std::less<>>& set, const std::string& path, flags& out,
                           std::string& message);
};

/// The definition of `key` for a vehicle model: from `overrides` when given (see
/// endpoint_overrides::resolve), else from the generated tables.
RENAULT_DECL endpoint_resolution resolve_endpoint(const endpoint_overrides* overrides, std::string_view model_code,
                                            std::string_view key);

/// The value of a specification flag for a model code or gateway: from `overrides` when it sets
/// it, else from the generated tables; false when nobody lists it.
RENAULT_DECL bool specification_value(const endpoint_overrides* overrides, std::string_view subject, std::string_view name);

} // namespace renault

#if RENAULT_HEADER_ONLY
#include <renault/impl/endpoint_overrides.ipp>
#endif
