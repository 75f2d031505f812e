// renault-api: the command-line client of the MyRenault API.
#include "decode_command.hpp"
#include "exit_codes.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>

int main(int argc, char** argv)
{
    using namespace renault::cli;
    CLI::App app{"renault-api: read and control Renault vehicles through the MyRenault API"};
    app.set_version_flag("--version", "renault-api " RENAULT_VERSION);
    app.require_subcommand(1);

    decode_options decode;
    auto* decode_cmd = add_decode_command(app, decode);

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
    } catch (const usage_error& e) {
        fmt::print(stderr, "Error: {}\n", e.message);
        return exit_usage_error;
    } catch (const std::exception& e) {
        fmt::print(stderr, "Error: {}\n", e.what());
        return exit_runtime_error;
    }
    return exit_ok;
}
