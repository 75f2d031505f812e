// renault-api: the command-line client of the MyRenault API.
#include "commands.hpp"
#include "decode_command.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "schedule_commands.hpp"
#include "values.hpp"

#include <renault/error.hpp>
#include <renault/version.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>
#include <utility>
#include <vector>

namespace {

using renault::cli::command_options;

/// Adds a subcommand whose parsing records its full name ("charge history") in `command.name`.
CLI::App* add(CLI::App& parent, const std::string& name, const std::string& full_name, const std::string& help,
              command_options& command)
{
    auto* sub = parent.add_subcommand(name, help);
    sub->parse_complete_callback([&command, full_name] { command.name = full_name; });
    return sub;
}

} // namespace

int main(int argc, char** argv)
{
    using namespace renault::cli;
    CLI::App app{"renault-api: read and control Renault vehicles through the MyRenault API"};
    app.set_version_flag("--version", "renault-api " RENAULT_VERSION_STRING);
    app.require_subcommand(1);
    app.fallthrough(); // global options may also follow the command
    app.footer("Settings: options > environment (RENAULT_GIGYA_URL, RENAULT_KAMEREON_URL, RENAULT_GIGYA_API_KEY, "
               "RENAULT_KAMEREON_API_KEY, RENAULT_CA_FILE, RENAULT_ENDPOINTS_FILE, RENAULT_TIMEOUT) > ~/.credentials/renault-api.json > locale table.\n"
               "Exit status: 0 success, 1 runtime error, 2 usage error.");

    global_options global;
    app.add_option("--locale", global.locale, "Locale for this run (fr_FR, en_GB, …)");
    app.add_option("--account", global.account, "Account ID for this run");
    bool vin_given = false;
    app.add_option_function<std::string>(
        "--vin",
        [&](const std::string& v) {
            global.vin = v;
            vin_given = true;
        },
        "VIN for this run");
    app.add_flag("--json", global.json, "Print JSON on standard output");
    app.add_flag("--debug", global.debug, "Trace requests and responses (secrets redacted) on standard error");
    app.add_flag("--log", global.log, "Trace requests and responses (secrets redacted) to ./logs/<date>.log");
    app.add_option("--gigya-url", global.gigya_url, "Gigya root URL (e.g. a renault-mock)");
    app.add_option("--kamereon-url", global.kamereon_url, "Kamereon root URL (e.g. a renault-mock)");
    app.add_option("--gigya-api-key", global.gigya_api_key, "Gigya API key");
    app.add_option("--kamereon-api-key", global.kamereon_api_key, "Kamereon API key");
    app.add_option("--ca-file", global.ca_file, "PEM file of trusted CA certificates");
    app.add_option("--timeout", global.timeout,
                   "Deadline of the command in seconds, retries included, time at questions excluded "
                   "(default 60; 0 = none)");
    app.add_option("--endpoints", global.endpoints_file,
                   "Endpoint override file (docs/endpoint-overrides.md; `probe --save` writes one)");

    decode_options decode;
    auto* decode_cmd = add_decode_command(app, decode);

    command_options command;
    auto* login = add(app, "login", "login", "Log in and keep the login token in the credential file", command);
    login->add_option("--user", command.user, "User name (asked when missing)");
    login->add_option("--password", command.password, "Password (asked when missing)");
    auto* set = add(app, "set", "set", "Store the locale, account or VIN in the credential file", command);
    set->add_option("--locale", command.set_locale, "Locale to store");
    set->add_option("--account", command.set_account, "Account ID to store");
    set->add_option_function<std::string>(
        "--vin", [&command](const std::string& v) { command.set_vin = v; }, "VIN to store");
    add(app, "settings", "settings", "Show the credential file's keys", command);
    add(app, "reset", "reset", "Delete the credential file", command);
    add(app, "accounts", "accounts", "List the accounts", command);
    add(app, "vehicles", "vehicles", "List the vehicles of the account", command);
    add(app, "vehicle", "vehicle", "Show the vehicle", command);
    add(app, "status", "status", "Show the vehicle's status", command);
    add(app, "contracts", "contracts", "List the vehicle's contracts", command);
    add(app, "horn", "horn", "Sound the horn", command);
    add(app, "lights", "lights", "Flash the lights", command);
    auto* probe = add(app, "probe", "probe", "Try every read endpoint of the vehicle and show which answer", command);
    probe->add_option("--save", command.save, "Write the results to this endpoint override file (merged if it exists)");

    auto* charge = app.add_subcommand("charge", "Charge commands");
    charge->require_subcommand(1);
    auto* history = add(*charge, "history", "charge history", "Charge history", command);
    history->add_option("--from", command.from, "First day (YYYY-MM-DD, today, yesterday, N days|weeks|months ago)")->required();
    history->add_option("--to", command.to, "Last day (YYYY-MM-DD, today, yesterday, N days|weeks|months ago)")->required();
    history->add_option("--period", command.period, "day or month (default month)")
        ->check(CLI::IsMember({"day", "month"}));
    auto* mode = add(*charge, "mode", "charge mode", "Show or set the charge mode", command);
    mode->add_option_function<std::string>(
        "--set", [&command](const std::string& v) { command.mode = v; },
        "always_charging or schedule_mode (newer cars: always or scheduled)");
    auto* sessions = add(*charge, "sessions", "charge sessions", "Charge sessions", command);
    sessions->add_option("--from", command.from, "First day (YYYY-MM-DD, today, yesterday, N days|weeks|months ago)")->required();
    sessions->add_option("--to", command.to, "Last day (YYYY-MM-DD, today, yesterday, N days|weeks|months ago)")->required();
    auto* charge_start = add(*charge, "start", "charge start", "Start charging", command);
    const std::string at_help =
        "When: YYYY-MM-DDTHH:MM[:SS] (local unless Z or +HH:MM), HH:MM, tomorrow HH:MM, in N minutes|hours|days";
    auto set_at = [&command](const std::string& v) { command.at = v; };
    charge_start->add_option_function<std::string>("--at", set_at, at_help);
    auto* soc = charge->add_subcommand("soclevels", "Charge levels");
    soc->require_subcommand(1);
    add(*soc, "show", "charge soclevels show", "Show the minimum and target charge levels", command);
    auto* soc_set = add(*soc, "set", "charge soclevels set", "Set the minimum and target charge levels", command);
    soc_set->add_option("--min", command.soc_min, "Minimum level (15 to 45, step 5)")->required();
    soc_set->add_option("--target", command.soc_target, "Target level (55 to 100, step 5)")->required();
    add(*charge, "stop", "charge stop", "Stop charging", command);

    auto* hvac = app.add_subcommand("hvac", "Air-conditioning commands");
    hvac->require_subcommand(1);
    auto* hvac_start = add(*hvac, "start", "hvac start", "Start the air conditioning", command);
    hvac_start->add_option("--temperature", command.temperature, "Target temperature (°C, 16 to 30)")->required();
    hvac_start->add_option_function<std::string>("--at", set_at, at_help);
    add(*hvac, "cancel", "hvac cancel", "Cancel the air conditioning", command);

    schedule_options schedules;
    add_schedule_commands(*charge, *hvac, schedules);

    auto* http = app.add_subcommand("http", "Raw Kamereon requests");
    http->require_subcommand(1);
    auto* http_get = add(*http, "get", "http get", "GET an endpoint ({account_id} and {vin} are replaced)", command);
    http_get->add_option("ENDPOINT", command.endpoint, "Path, e.g. /commerce/v1/accounts/{account_id}/vehicles")
        ->required();
    auto* http_post = add(*http, "post", "http post", "POST a JSON body to an endpoint", command);
    http_post->add_option("ENDPOINT", command.endpoint, "Path")->required();
    http_post->add_option("JSON_BODY", command.body, "The JSON body")->required();
    auto* http_post_file = add(*http, "post-file", "http post-file", "POST a JSON file to an endpoint", command);
    http_post_file->add_option("ENDPOINT", command.endpoint, "Path")->required();
    http_post_file->add_option("JSON_FILE", command.body, "File holding the JSON body")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e); // prints the message and the usage hint on stderr
        return exit_usage_error;
    }

    try {
        if (decode_cmd->parsed())
            return run_decode_command(decode);
        if (vin_given)
            check_vin(global.vin, "--vin");
        if (!schedules.name.empty())
            return run_schedule_command(global, schedules);
        return run_command(global, command);
    } catch (const usage_error& e) {
        fmt::print(stderr, "Error: {}\n", terminal_text(e.message, terminal_line_limit));
        return exit_usage_error;
    } catch (const renault::error& e) {
        if (e.error_code() == renault::errc::tls_error && e.what() == e.error_code().message())
            fmt::print(stderr, "Error: {} (if the server's certificate comes from a private CA, give it with "
                               "--ca-file or RENAULT_CA_FILE)\n",
                       e.what());
        else
            fmt::print(stderr, "Error: {}\n", error_text(e));
        return exit_runtime_error;
    } catch (const std::exception& e) {
        fmt::print(stderr, "Error: {}\n", error_text(e));
        return exit_runtime_error;
    }
}
