#include "decode_command.hpp"

#include "exit_codes.hpp"
#include "input.hpp"
#include "output.hpp"

#include <renault/model/any_body.hpp>
#include <renault/model/corpus.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace renault::cli {

namespace {

std::string json_string(std::string_view s)
{
    std::string out;
    renault::detail::append_json_string(out, s);
    return out;
}

std::string_view shape_text(body_shape shape)
{
    switch (shape) {
    case body_shape::data: return "data.attributes";
    case body_shape::array: return "array";
    default: return "whole body";
    }
}

void print_json(const any_decoded& result, const boost::system::error_code& ec)
{
    std::string out = "{\"value\": ";
    out += ec && result.value_json.empty() ? "null" : result.value_json;
    out += ", \"diagnostics\": [";
    for (std::size_t i = 0; i < result.diagnostics.size(); ++i) {
        const auto& d = result.diagnostics[i];
        out += i ? ", " : "";
        out += fmt::format("{{\"kind\": {}, \"path\": {}, \"message\": {}}}", json_string(to_string(d.kind)),
                           json_string(d.path), json_string(d.message));
    }
    out += "]";
    if (ec)
        out += ", \"error\": " + json_string(ec.message());
    out += "}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
}

void print_table(const decode_options& options, const any_decoded& result, const boost::system::error_code& ec)
{
    fmt::print("{} → {} ({})\n", options.key, result.model_name, shape_text(result.shape));
    if (!ec) {
        if (result.rows.empty())
            fmt::print("\n  (no values)\n");
        std::vector<std::vector<std::string>> rows;
        for (const auto& row : result.rows)
            rows.push_back({terminal_text(row.path), terminal_text(row.text), terminal_text(row.unit)});
        std::size_t width = 0;
        for (const auto& row : rows)
            width = std::max(width, width_of(row[0]));
        if (!rows.empty())
            fmt::print("\n");
        for (const auto& row : rows)
            fmt::print("  {}{}  {}{}{}\n", row[0], std::string(width - width_of(row[0]), ' '), row[1],
                       row[2].empty() ? "" : " ", row[2]);
    }
    if (!result.diagnostics.empty()) {
        fmt::print("\nDiagnostics:\n");
        for (const auto& d : result.diagnostics)
            fmt::print("  {} [{}]\n", terminal_text(to_string(d), terminal_line_limit), to_string(d.kind));
    }
}

} // namespace

std::vector<diagnostic> decode_diagnostics(std::string_view key, std::string_view body, boost::system::error_code& ec)
{
    any_decoded result;
    ec = {};
    if (!decode_by_key(key, body, result, ec))
        return {};
    return std::move(result.diagnostics);
}

CLI::App* add_decode_command(CLI::App& app, decode_options& options)
{
    auto* cmd = app.add_subcommand("decode", "Decode a saved response body with the model of an endpoint KEY");
    cmd->add_option("KEY", options.key,
                    "Endpoint key (battery-status, cockpit, vehicles, gigya/login, …; see --list), or auto: "
                    "from the file's place in a fixtures-like tree");
    cmd->add_option("FILE", options.file, "File holding the body as the server sent it (- for standard input)");
    cmd->add_flag("--strict", options.strict, "Fail (exit 1) when the body decodes with diagnostics");
    cmd->add_flag("--json", options.json, "Print {\"value\": …, \"diagnostics\": […]} as JSON");
    cmd->add_flag("--list", options.list, "Print every KEY, one per line");
    cmd->footer("Exit status: 0 decoded (diagnostics allowed unless --strict), 1 decode error, 2 usage error.");
    return cmd;
}

int run_resolved(const decode_options& options);

int run_decode_command(const decode_options& options)
{
    if (options.list) {
        for (auto key : decode_keys)
            fmt::print("{}\n", key);
        return exit_ok;
    }
    if (options.key.empty() || options.file.empty())
        throw usage_error{"decode needs a KEY and a FILE (renault-api decode --list shows the keys)"};
    decode_options resolved = options;
    if (options.key == "auto") {
        auto key = decode_key_for_path(options.file);
        if (!key)
            throw usage_error{fmt::format("cannot tell the endpoint of {} from its path; give a KEY "
                                          "(fixtures/README.md describes the layout)",
                                          options.file)};
        resolved.key = *key;
    }
    if (std::find(decode_keys.begin(), decode_keys.end(), resolved.key) == decode_keys.end())
        throw usage_error{fmt::format("unknown KEY '{}' (renault-api decode --list shows the keys)", resolved.key)};
    return run_resolved(resolved);
}

int run_resolved(const decode_options& options)
{
    const std::string body = read_input(options.file);
    any_decoded result;
    boost::system::error_code ec;
    decode_by_key(options.key, body, result, ec, {.strict = options.strict}, {.pretty = false});
    if (options.json)
        print_json(result, ec);
    else
        print_table(options, result, ec);
    if (ec) {
        fmt::print(stderr, "Error: {}: {}\n", terminal_text(options.file, terminal_line_limit),
                   terminal_text(result.diagnostics.empty() || ec == errc::strict_decode_failed
                                     ? ec.message()
                                     : ec.message() + " (" + to_string(result.diagnostics.front()) + ")",
                                 terminal_line_limit));
        return exit_runtime_error;
    }
    return exit_ok;
}

} // namespace renault::cli
