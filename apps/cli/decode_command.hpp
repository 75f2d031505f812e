// `renault-api decode KEY FILE [--strict] [--json]` and `renault-api decode --list`.
#pragma once

#include <renault/model/diagnostic.hpp>

#include <CLI/CLI.hpp>

#include <boost/system/error_code.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace renault::cli {

struct decode_options {
    std::string key;
    std::string file;
    bool strict = false;
    bool json = false;
    bool list = false;
};

/// Adds the `decode` subcommand to `app`; its options are written to `options`.
CLI::App* add_decode_command(CLI::App& app, decode_options& options);

/// The diagnostics of decoding `body` as the answer of endpoint `key`, as `decode` gives them (the
/// one decoding path of the CLI: `status` reports what the decoder finds in each section). `ec` as
/// decode() sets it; no diagnostics for a key that has no model.
std::vector<diagnostic> decode_diagnostics(std::string_view key, std::string_view body, boost::system::error_code& ec);

/// Runs the command; returns the exit code. Throws usage_error for a bad KEY.
int run_decode_command(const decode_options& options);

} // namespace renault::cli
