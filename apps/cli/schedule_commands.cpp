// Placeholder until the schedule commands land.
#include "schedule_commands.hpp"
#include "exit_codes.hpp"

#include <CLI/CLI.hpp>

namespace renault::cli {

void add_schedule_commands(CLI::App&, CLI::App&, schedule_options&) {}

int run_schedule_command(const global_options&, const schedule_options& options)
{
    throw usage_error{"unknown command `" + options.name + "`"};
}

} // namespace renault::cli
