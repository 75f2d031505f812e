// The commands of renault-api that talk to the servers or the credential file: their options,
// and the one entry point that runs them (commands.cpp, the only TU with the client and Beast).
#pragma once

#include <optional>
#include <string>

namespace renault::cli {

/// Options given before the command, for every command.
struct global_options {
    std::string locale;
    std::string account;
    std::string vin; ///< checked (values.hpp) when given
    bool json = false;
    bool debug = false;
    bool log = false;
    std::string gigya_url;
    std::string kamereon_url;
    std::string gigya_api_key;
    std::string kamereon_api_key;
    std::string ca_file;
    std::string endpoints_file; ///< an endpoint override file (docs/endpoint-overrides.md)
    std::string timeout;        ///< --timeout as given (values.hpp checks it); empty: RENAULT_TIMEOUT, else the default
};

/// The command chosen ("status", "charge history", …) and its own options.
struct command_options {
    std::string name;
    std::string user;
    std::string password;
    std::string set_locale;
    std::string set_account;
    std::optional<std::string> set_vin;
    std::string from;
    std::string to;
    std::string period = "month";
    std::optional<std::string> mode; ///< charge mode --set
    std::string temperature;         ///< hvac start --temperature as given (values.hpp checks it)
    std::optional<std::string> at;   ///< --at of charge start and hvac start (dates.hpp)
    int soc_min = 0;
    int soc_target = 0;
    std::string endpoint;
    std::string body; ///< http post: the JSON body; http post-file: the file holding it
    std::string save; ///< probe --save: the endpoint override file to write
};

/// Runs the command; returns the exit code. Throws usage_error for a bad option value (before
/// anything is read or sent) and std::exception (renault::error among them) for a runtime failure.
int run_command(const global_options& global, const command_options& command);

} // namespace renault::cli
