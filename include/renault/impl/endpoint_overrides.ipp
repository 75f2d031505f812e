// The definitions of endpoint_overrides (endpoint_overrides.hpp): reading an override file with
// the library's decoder (the models of schema/files.yaml), checking it, resolving from it, writing
// it back. Included by that header in the header-only mode, compiled once by <renault/src.hpp>.
#pragma once

#include <renault/endpoint_overrides.hpp>
#include <renault/generated/model/files.hpp>
#include <renault/model/decode.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <fstream>

namespace renault {

namespace detail {

/// The text of a JSON string or key.
inline std::string_view json_text(boost::json::string_view s) { return {s.data(), s.size()}; }

} // namespace detail

RENAULT_DECL endpoint_overrides endpoint_overrides::parse(std::string_view json, boost::system::error_code& ec, std::string& message)
{
    ec.clear();
    message.clear();
    endpoint_overrides out;
    if (!out.read(json, message)) {
        ec = make_error_code(errc::invalid_argument);
        return {};
    }
    return out;
}

RENAULT_DECL endpoint_overrides endpoint_overrides::parse(std::string_view json)
{
    boost::system::error_code ec;
    std::string message;
    auto out = parse(json, ec, message);
    if (ec)
        throw error(ec, message);
    return out;
}

RENAULT_DECL endpoint_overrides endpoint_overrides::load(const std::filesystem::path& file, boost::system::error_code& ec, std::string& message)
{
    ec.clear();
    message.clear();
    std::string content;
    std::string why = read_file(file, content);
    endpoint_overrides out;
    if (why.empty()) {
        out = parse(content, ec, why);
        if (!ec)
            return out;
    }
    ec = make_error_code(errc::invalid_argument);
    message = file.string() + ": " + why;
    return {};
}

RENAULT_DECL endpoint_overrides endpoint_overrides::load(const std::filesystem::path& file)
{
    boost::system::error_code ec;
    std::string message;
    auto out = load(file, ec, message);
    if (ec)
        throw error(ec, message);
    return out;
}

RENAULT_DECL endpoint_overrides endpoint_overrides::from_probe(std::string_view model_code, const std::vector<std::pair<std::string, bool>>& results)
{
    if (!detail::is_override_subject(model_code))
        throw error(make_error_code(errc::invalid_argument),
                    "from_probe: a model code is 1 to 32 upper-case letters and digits, not " + detail::json_quote(model_code));
    endpoint_overrides out;
    auto& model = out.models_[std::string(model_code)];
    for (const auto& [key, works] : results) {
        const endpoint_info* base = detail::override_base_definition(key);
        if (!base)
            throw error(make_error_code(errc::invalid_argument), "from_probe: unknown endpoint key " + detail::json_quote(key));
        model.endpoints[key] = works ? endpoint_entry{entry_kind::default_definition, base, {}}
                                     : endpoint_entry{entry_kind::not_available, nullptr, {}};
    }
    return out;
}

RENAULT_DECL endpoint_resolution endpoint_overrides::resolve(std::string_view model_code, std::string_view key) const
{
    const auto model = models_.find(model_code);
    if (model == models_.end())
        return renault::resolve_endpoint(model_code, key);
    const auto entry = model->second.endpoints.find(key);
    if (entry != model->second.endpoints.end()) {
        if (!entry->second.definition)
            return {nullptr, endpoint_lookup::not_available};
        return {entry->second.definition, endpoint_lookup::listed};
    }
    endpoint_resolution r = renault::resolve_endpoint(model_code, key);
    if (r.lookup == endpoint_lookup::undocumented_model)
        r.lookup = endpoint_lookup::undocumented_key;
    return r;
}

RENAULT_DECL bool endpoint_overrides::has_specification(std::string_view subject, std::string_view name, bool& value) const
{
    const flags* set = nullptr;
    if (const auto model = models_.find(subject); model != models_.end())
        set = &model->second.specifications;
    else if (const auto gateway = gateways_.find(subject); gateway != gateways_.end())
        set = &gateway->second;
    if (set) {
        if (const auto flag = set->find(name); flag != set->end()) {
            value = flag->second;
            return true;
        }
    }
    value = renault::has_specification(vehicle_specifications, subject, name) ||
            renault::has_specification(gateway_specifications, subject, name);
    return false;
}

RENAULT_DECL std::string_view endpoint_overrides::label(std::string_view model_code) const
{
    if (const auto model = models_.find(model_code); model != models_.end() && model->second.label)
        return *model->second.label;
    for (const auto& m : vehicle_models)
        if (m.code == model_code)
            return m.label;
    return {};
}

RENAULT_DECL void endpoint_overrides::merge(const endpoint_overrides& other)
{
    for (const auto& [code, entry] : other.models_) {
        auto& model = models_[code];
        if (entry.label)
            model.label = entry.label;
        for (const auto& [key, e] : entry.endpoints)
            model.endpoints[key] = e;
        for (const auto& [name, v] : entry.specifications)
            model.specifications[name] = v;
    }
    for (const auto& [code, set] : other.gateways_)
        for (const auto& [name, v] : set)
            gateways_[code][name] = v;
}

RENAULT_DECL std::string endpoint_overrides::to_json() const
{
    std::string out = "{\n  \"version\": 1,\n  \"models\": {";
    bool first_model = true;
    for (const auto& [code, model] : models_) {
        out += first_model ? "\n" : ",\n";
        first_model = false;
        out += "    " + detail::json_quote(code) + ": {";
        bool first_member = true;
        auto member = [&](std::string_view name) {
            out += first_member ? "\n" : ",\n";
            first_member = false;
            out += "      \"";
            out += name;
            out += "\": ";
        };
        if (model.label) {
            member("label");
            out += detail::json_quote(*model.label);
        }
        if (!model.endpoints.empty()) {
            member("endpoints");
            out += '{';
            bool first = true;
            for (const auto& [key, e] : model.endpoints) {
                out += first ? "\n" : ",\n";
                first = false;
                out += "        " + detail::json_quote(key) + ": " + entry_json(key, e);
            }
            out += "\n      }";
        }
        if (!model.specifications.empty()) {
            member("specifications");
            write_flags(out, model.specifications, "      ");
        }
        out += first_member ? "}" : "\n    }";
    }
    out += first_model ? "},\n" : "\n  },\n";
    out += "  \"gateways\": {";
    bool first_gateway = true;
    for (const auto& [code, set] : gateways_) {
        out += first_gateway ? "\n" : ",\n";
        first_gateway = false;
        out += "    " + detail::json_quote(code) + ": ";
        write_flags(out, set, "    ");
    }
    out += first_gateway ? "}\n}\n" : "\n  }\n}\n";
    return out;
}

RENAULT_DECL std::string endpoint_overrides::entry_json(std::string_view key, const endpoint_entry& e)
{
    switch (e.kind) {
    case entry_kind::not_available: return "null";
    case entry_kind::default_definition: return "\"default\"";
    case entry_kind::alternative: return detail::json_quote(e.definition->code);
    case entry_kind::custom_path: break;
    }
    std::string text = "{\"path\": " + detail::json_quote(e.custom->path);
    const endpoint_info* base = detail::override_base_definition(key);
    if (!base || e.custom->info.mode != base->mode)
        text += ", \"mode\": " + detail::json_quote(to_string(e.custom->info.mode));
    return text + '}';
}

RENAULT_DECL void endpoint_overrides::write_flags(std::string& out, const flags& set, std::string_view indent)
{
    out += '{';
    bool first = true;
    for (const auto& [name, v] : set) {
        out += first ? "\n" : ",\n";
        first = false;
        out += std::string(indent) + "  " + detail::json_quote(name) + (v ? ": true" : ": false");
    }
    out += first ? "}" : "\n" + std::string(indent) + "}";
}

RENAULT_DECL std::string endpoint_overrides::read_file(const std::filesystem::path& file, std::string& content)
{
    std::error_code fec;
    const auto status = std::filesystem::status(file, fec);
    if (!std::filesystem::exists(status))
        return "cannot read the file (it does not exist)";
    if (fec)
        return "cannot read the file (" + fec.message() + ")";
    if (!std::filesystem::is_regular_file(status))
        return "cannot read the file (not a regular file)";
    const auto size = std::filesystem::file_size(file, fec);
    if (fec)
        return "cannot read the file (" + fec.message() + ")";
    if (size > max_file_size)
        return "the file is larger than 1 MiB";
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return "cannot read the file (cannot open it)";
    content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad())
        return "cannot read the file (read error)";
    return {};
}

RENAULT_DECL bool endpoint_overrides::fail(std::string& message, std::string_view path, std::string_view reason)
{
    message.assign(path);
    message += ": ";
    message += reason;
    return false;
}

RENAULT_DECL bool endpoint_overrides::read(std::string_view json, std::string& message)
{
    boost::system::error_code ec;
    const decode_options options{
        .report_unknown_keys = true, .max_depth = 32, .null_is_absent = false, .file_messages = true};
    const decoded<override_file> file = decode<override_file>(json, ec, options);
    if (ec == errc::unexpected_root)
        return fail(message, "$", "expected a JSON object");
    if (ec == errc::invalid_json) {
        const std::string& why = file.diagnostics.front().message;
        message = why.starts_with("not JSON: ") ? why : "not JSON: " + why;
        return false;
    }
    if (ec) { // nesting too deep
        message = file.diagnostics.front().message;
        return false;
    }

    if (!file.value.version)
        return fail(message, "$", "missing \"version\" (expected 1)");
    const boost::json::value& version = *file.value.version;
    if (version.is_int64() && version.get_int64() != 1)
        return fail(message, "$.version", "unsupported version " + std::to_string(version.get_int64()) + " (expected 1)");
    if (version.is_uint64() && version.get_uint64() != 1)
        return fail(message, "$.version", "unsupported version " + std::to_string(version.get_uint64()) + " (expected 1)");
    if (!version.is_int64() && !version.is_uint64())
        return fail(message, "$.version", "expected the number 1");

    for (const diagnostic& d : file.diagnostics) {
        const std::string path = d.path.starts_with('[') ? "$" + d.path : "$." + d.path;
        if (d.kind != diagnostic_kind::unknown_key)
            return fail(message, path, d.message);
        // Unknown keys are at the root or in a model entry.
        if (d.path.starts_with("models.") || d.path.starts_with("models["))
            return fail(message, path, "unknown key (expected " + detail::quoted_choice(member_keys<override_model>()) + ")");
        return fail(message, path, "unknown key (expected " + detail::quoted_choice(member_keys<override_file>()) + ")");
    }

    if (file.value.models) {
        for (const auto& [code, entry] : *file.value.models) {
            const std::string path = detail::override_member_path("$.models", code);
            if (!detail::is_override_subject(code))
                return fail(message, path, "a model code is 1 to 32 upper-case letters and digits");
            model_entry& model = models_[code];
            model.label = entry.label;
            if (entry.endpoints) {
                for (const auto& [key, value] : *entry.endpoints) {
                    endpoint_entry e;
                    if (!read_entry(key, value, detail::override_member_path(path + ".endpoints", key), e, message))
                        return false;
                    model.endpoints[key] = std::move(e);
                }
            }
            if (entry.specifications &&
                !read_flags(*entry.specifications, path + ".specifications", model.specifications, message))
                return false;
        }
    }
    if (file.value.gateways) {
        for (const auto& [code, set] : *file.value.gateways) {
            const std::string path = detail::override_member_path("$.gateways", code);
            if (!detail::is_override_subject(code))
                return fail(message, path, "a gateway code is 1 to 32 upper-case letters and digits");
            if (!read_flags(set, path, gateways_[code], message))
                return false;
        }
    }
    return true;
}

RENAULT_DECL bool endpoint_overrides::read_entry(std::string_view key, const boost::json::value& v, const std::string& path, endpoint_entry& entry,
                           std::string& message)
{
    const endpoint_info* base = detail::override_base_definition(key);
    if (!base)
        return fail(message, path, "unknown endpoint key (expected a key of the default table or an actions/... key of the schema)");
    if (v.is_null()) {
        entry = {entry_kind::not_available, nullptr, {}};
        return true;
    }
    if (v.is_string()) {
        const std::string_view text = detail::json_text(v.get_string());
        if (text == "default") {
            entry = {entry_kind::default_definition, base, {}};
            return true;
        }
        if (!detail::is_override_code(text))
            return fail(message, path, "unknown value " + detail::json_quote(text) + " (expected null, \"default\", a code among " +
                                           detail::override_codes_text() + ", or an object with \"path\")");
        const endpoint_info* alternative = detail::override_alternative(key, text);
        if (!alternative)
            return fail(message, path, "the schema has no definition " + std::string(text) + " for this key");
        entry = {entry_kind::alternative, alternative, {}};
        return true;
    }
    if (!v.is_object())
        return fail(message, path, "expected null, a string or an object");
    const auto& object = v.get_object();
    for (const auto& field : object)
        if (field.key() != "path" && field.key() != "mode")
            return fail(message, detail::override_member_path(path, detail::json_text(field.key())),
                        "unknown key (expected \"path\" or \"mode\")");
    const boost::json::value* path_value = object.if_contains("path");
    if (!path_value)
        return fail(message, path, "missing \"path\"");
    if (!path_value->is_string())
        return fail(message, path + ".path", "expected a string");
    const std::string_view custom_path = detail::json_text(path_value->get_string());
    if (const std::string problem = detail::override_path_problem(custom_path); !problem.empty())
        return fail(message, path + ".path", problem);
    auto custom = std::make_shared<detail::custom_endpoint>();
    custom->path = std::string(custom_path);
    custom->info = *base;
    custom->info.path = custom->path;
    custom->info.code = "custom";
    custom->info.sample = {};
    detail::override_adapter_of_path(custom->path, custom->info.adapter, custom->info.version);
    if (const boost::json::value* mode = object.if_contains("mode")) {
        const auto parsed = mode->is_string() ? endpoint_mode_from_string(detail::json_text(mode->get_string())) : std::nullopt;
        if (!parsed)
            return fail(message, path + ".mode", "expected " + detail::quoted_choice(endpoint_mode_names));
        custom->info.mode = *parsed;
    }
    entry = {entry_kind::custom_path, &custom->info, std::move(custom)};
    return true;
}

RENAULT_DECL bool endpoint_overrides::read_flags(const std::map<std::string, bool, std::less<>>& set, const std::string& path, flags& out,
                           std::string& message)
{
    const auto known = detail::override_specification_names();
    for (const auto& [name, value] : set) {
        if (std::find(known.begin(), known.end(), name) == known.end())
            return fail(message, detail::override_member_path(path, name),
                        "unknown specification (expected " + detail::quoted_choice(known) + ")");
        out[name] = value;
    }
    return true;
}

RENAULT_DECL const endpoint_info* detail::override_base_definition(std::string_view key)
{
    if (const endpoint_info* d = default_endpoint_definition(key))
        return d;
    if (!key.starts_with("actions/"))
        return nullptr;
    for (const auto& d : endpoints::definitions)
        if (d.key == key)
            return &d;
    return nullptr;
}

RENAULT_DECL const endpoint_info* detail::override_alternative(std::string_view key, std::string_view code)
{
    for (const auto& d : endpoints::definitions)
        if (d.key == key && d.code == code)
            return &d;
    for (const auto& d : endpoints::definitions)
        if (d.applies_to == key && d.code == code)
            return &d;
    return nullptr;
}

RENAULT_DECL std::string detail::override_codes_text()
{
    std::vector<std::string_view> codes;
    for (const auto& d : endpoints::definitions)
        if (std::find(codes.begin(), codes.end(), d.code) == codes.end())
            codes.push_back(d.code);
    std::sort(codes.begin(), codes.end());
    std::string text;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        if (i > 0)
            text += ", ";
        text += codes[i];
    }
    return text;
}

RENAULT_DECL bool detail::is_override_code(std::string_view code)
{
    return std::any_of(endpoints::definitions.begin(), endpoints::definitions.end(),
                       [&](const endpoint_info& d) { return d.code == code; });
}

RENAULT_DECL std::vector<std::string_view> detail::override_specification_names()
{
    std::vector<std::string_view> names;
    for (const auto& s : vehicle_specifications)
        names.push_back(s.name);
    for (const auto& s : gateway_specifications)
        names.push_back(s.name);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

RENAULT_DECL bool detail::is_override_subject(std::string_view code)
{
    return !code.empty() && code.size() <= 32 &&
           std::all_of(code.begin(), code.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

RENAULT_DECL std::string detail::json_quote(std::string_view s)
{
    return boost::json::serialize(boost::json::value(boost::json::string_view(s.data(), s.size())));
}

RENAULT_DECL std::string detail::override_member_path(std::string_view parent, std::string_view key)
{
    const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    std::string path(parent);
    if (plain) {
        path += '.';
        path += key;
    } else {
        path += '[';
        path += json_quote(key);
        path += ']';
    }
    return path;
}

RENAULT_DECL std::string detail::override_path_problem(std::string_view path)
{
    if (path.empty() || path.front() != '/')
        return "a path starts with '/'";
    for (std::size_t i = 0; i < path.size(); ++i) {
        const char c = path[i];
        if (c <= 0x20 || c >= 0x7F || c == '?' || c == '#')
            return "a path has no spaces, control characters, non-ASCII characters, '?' or '#'";
        if (c == '}')
            return "a path has '}' without '{'";
        if (c == '{') {
            const auto close = path.find('}', i);
            if (close == std::string_view::npos)
                return "a path has '{' without '}'";
            const auto name = path.substr(i + 1, close - i - 1);
            if (name != "vin" && name != "account_id" && name != "person_id")
                return "unknown placeholder {" + std::string(name) + "} (expected {vin}, {account_id} or {person_id})";
            i = close;
        }
    }
    return {};
}

RENAULT_DECL bool detail::override_adapter_of_path(std::string_view path, adapter_type& adapter, int& version)
{
    std::string_view rest;
    adapter_type found = adapter_type::none;
    if (path.starts_with("/kca/car-adapter/v")) {
        rest = path.substr(std::string_view("/kca/car-adapter/v").size());
        found = adapter_type::kca;
    } else if (path.starts_with("/kcm/v")) {
        rest = path.substr(std::string_view("/kcm/v").size());
        found = adapter_type::kcm;
    } else {
        return false;
    }
    int n = 0;
    std::size_t digits = 0;
    while (digits < rest.size() && digits < 4 && rest[digits] >= '0' && rest[digits] <= '9')
        n = n * 10 + (rest[digits++] - '0');
    if (digits == 0 || digits == rest.size() || rest[digits] != '/')
        return false;
    adapter = found;
    version = n;
    return true;
}

RENAULT_DECL endpoint_resolution resolve_endpoint(const endpoint_overrides* overrides, std::string_view model_code,
                                            std::string_view key)
{
    return overrides ? overrides->resolve(model_code, key) : resolve_endpoint(model_code, key);
}

RENAULT_DECL bool specification_value(const endpoint_overrides* overrides, std::string_view subject, std::string_view name)
{
    bool value = false;
    if (overrides) {
        overrides->has_specification(subject, name, value);
        return value;
    }
    return has_specification(vehicle_specifications, subject, name) || has_specification(gateway_specifications, subject, name);
}

} // namespace renault
