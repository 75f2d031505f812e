// Values given on the command line that are checked before anything is read or sent: the HVAC
// target temperature, VINs, the charge mode, schedule IDs and server URLs. A bad value is a
// usage_error naming the option and what it accepts. Shared with renault-bridge, which checks
// the payloads of its MQTT commands with the same rules (library renault_cli_common).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace renault::cli {

/// The range of `hvac start --temperature`, in °C. The API documents none; the saved answers in
/// fixtures/ hold 19 to 21.5, and 16 to 30 is the usual span of a car's climate control: wide
/// enough for any setting, narrow enough to refuse mistakes (0, 1000, -273.16).
inline constexpr double min_hvac_temperature = 16;
inline constexpr double max_hvac_temperature = 30;

/// --temperature: a decimal number ("21", "21.5") from 16 to 30.
/// @throws usage_error naming `source` for anything else ("", nan, inf, 1000, "21abc")
double parse_temperature(const std::string& text, std::string_view source = "--temperature");

/// The default of --timeout (RENAULT_TIMEOUT): the deadline of one command, in seconds.
inline constexpr int default_command_timeout_seconds = 60;
/// The largest --timeout accepted, in seconds (a day).
inline constexpr int max_command_timeout_seconds = 86400;

/// --timeout or RENAULT_TIMEOUT (`source`): a number of seconds ("90", "2.5") from 0 (no deadline)
/// to 86400. @throws usage_error naming `source` for anything else
std::chrono::milliseconds parse_timeout(const std::string& text, std::string_view source);

/// A VIN (--vin, set --vin): 17 characters, capital letters and digits, without I, O and Q
/// (ISO 3779). @throws usage_error naming `option`
void check_vin(const std::string& vin, std::string_view option);

/// charge mode --set: a charge mode the API knows (always, always_charging, schedule_mode,
/// scheduled). @throws usage_error naming `source` and listing them
void check_charge_mode(const std::string& mode, std::string_view source = "--set");

/// A schedule ID (charge|hvac schedule set|activate|deactivate ID): a whole number, digits only.
/// @throws usage_error
std::int64_t parse_schedule_id(const std::string& text);

/// A server root URL (--gigya-url, RENAULT_KAMEREON_URL, …): http:// or https://, a host (an
/// IPv6 address in brackets), an optional port from 1 to 65535, an optional path.
/// @throws usage_error naming `source` and the URL
void check_server_url(const std::string& url, std::string_view source);

/// Whether `url` is plain http:// to this machine (127.0.0.1, localhost or [::1], any port): the
/// only plain-HTTP servers the tools accept.
bool is_loopback_http(std::string_view url);

} // namespace renault::cli
