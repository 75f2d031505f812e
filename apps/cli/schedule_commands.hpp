// The schedule and HVAC-history commands of renault-api: charge schedule show / set / activate /
// deactivate, hvac schedule show / set / activate / deactivate, hvac history, hvac sessions
// (schedule_commands.cpp).
#pragma once

#include "commands.hpp"

#include <array>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace renault::cli {

/// The schedule command chosen ("charge schedule set", "hvac history", …) and its options.
struct schedule_options {
    std::string name; ///< empty when no command of this file was chosen
    std::string id;   ///< the schedule ID of set / activate / deactivate, as given
    std::array<std::optional<std::string>, 7> days; ///< --monday … --sunday as given
    std::string from;
    std::string to;
    std::string period = "month";
};

/// Adds the commands of this file under `charge` and `hvac`; parsing one sets `options.name`.
void add_schedule_commands(CLI::App& charge, CLI::App& hvac, schedule_options& options);

/// Runs the chosen command; returns the exit code (throws like run_command).
int run_schedule_command(const global_options& global, const schedule_options& options);

} // namespace renault::cli
