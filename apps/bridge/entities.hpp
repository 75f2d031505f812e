// What renault-bridge publishes for a car, without I/O: the values of a read as topics, and the
// Home Assistant MQTT discovery configs of the car's entities (docs/bridge.md, "Topics" and
// "Home Assistant discovery").
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace renault::bridge {

/// The topic prefixes: `<prefix>/<VIN>/…` for the cars, `<discovery>/…` for the configs.
struct topics {
    std::string prefix = "renault";
    std::string discovery = "homeassistant";

    std::string bridge_availability() const { return prefix + "/bridge/availability"; }
    std::string vehicle(const std::string& vin) const { return prefix + "/" + vin; }
};

/// A car as the bridge knows it: identity and what its model offers.
struct vehicle_info {
    std::string account_id;
    std::string vin;
    std::string model_code;
    std::string brand;        ///< "RENAULT"
    std::string model;        ///< "ZOE"
    bool reports_in_watts = false;
    bool uses_fuel = false;
    std::set<std::string> reads;   ///< endpoint keys read and published ("battery-status", …)
    std::set<std::string> actions; ///< action keys the model offers ("actions/charge-start", …)
};

using message = std::pair<std::string, std::string>; ///< topic, payload

/// The attributes of a read's body as one JSON object text: `data.attributes` of a data body,
/// else the body itself (flat KCM bodies). Empty when the body is not a JSON object.
std::string attributes_json(std::string_view body);

/// Each attribute as text: numbers in their shortest form ("7.4", "50"), strings as they are,
/// true/false, null as "null"; objects and arrays as JSON.
std::vector<std::pair<std::string, std::string>> attribute_values(std::string_view attributes);

/// The JSON attributes of the device tracker from a location's attributes: latitude and
/// longitude, or, when the car reports no position (latitude 91, longitude 181, or missing), an
/// empty object.
std::string tracker_attributes(std::string_view attributes);

/// The retained discovery configs of a car (topic under `t.discovery`, JSON payload).
std::vector<message> discovery_configs(const vehicle_info& car, const topics& t);

/// The commands a car accepts on `<prefix>/<VIN>/<command>/set`.
inline constexpr std::string_view command_names[] = {"charge", "charge_mode", "soc_target", "soc_min", "hvac",
                                                     "hvac_temperature", "horn", "lights", "refresh_location"};

} // namespace renault::bridge
