// `renault-api decode KEY FILE [--strict] [--json]` and `renault-api decode --list`.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

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

/// Runs the command; returns the exit code. Throws usage_error for a bad KEY.
int run_decode_command(const decode_options& options);

} // namespace renault::cli
