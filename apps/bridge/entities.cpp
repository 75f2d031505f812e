// Values and Home Assistant discovery configs of a car (entities.hpp).
#include "entities.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include <cctype>
#include <cmath>

namespace renault::bridge {

namespace json = boost::json;

namespace {

/// JSON text with numbers in their shortest form ("49114.27", not Boost.JSON's "4.911427E4").
std::string json_text(const json::value& v)
{
    switch (v.kind()) {
    case json::kind::double_: {
        const double d = v.get_double();
        return std::isfinite(d) ? fmt::format("{}", d) : "null";
    }
    case json::kind::object: {
        std::string out = "{";
        for (const auto& [key, member] : v.get_object()) {
            if (out.size() > 1)
                out += ',';
            out += json::serialize(json::string(key)) + ":" + json_text(member);
        }
        return out + "}";
    }
    case json::kind::array: {
        std::string out = "[";
        for (const auto& item : v.get_array()) {
            if (out.size() > 1)
                out += ',';
            out += json_text(item);
        }
        return out + "]";
    }
    default: return json::serialize(v);
    }
}

} // namespace

std::string attributes_json(std::string_view body)
{
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec || !v.is_object())
        return {};
    const json::object& root = v.as_object();
    if (const auto* data = root.if_contains("data"); data && data->is_object()) {
        if (const auto* attrs = data->as_object().if_contains("attributes"); attrs && attrs->is_object())
            return json_text(*attrs);
        return "{}";
    }
    return json_text(root);
}

namespace {

std::string text_of(const json::value& v)
{
    switch (v.kind()) {
    case json::kind::string: return std::string(v.get_string());
    case json::kind::int64: return std::to_string(v.get_int64());
    case json::kind::uint64: return std::to_string(v.get_uint64());
    case json::kind::bool_: return v.get_bool() ? "true" : "false";
    case json::kind::null: return "null";
    default: return json_text(v);
    }
}

} // namespace

std::vector<std::pair<std::string, std::string>> attribute_values(std::string_view attributes)
{
    std::vector<std::pair<std::string, std::string>> out;
    boost::system::error_code ec;
    json::value v = json::parse(attributes, ec);
    if (ec || !v.is_object())
        return out;
    for (const auto& [key, value] : v.as_object())
        out.emplace_back(std::string(key), text_of(value));
    return out;
}

std::string tracker_attributes(std::string_view attributes)
{
    boost::system::error_code ec;
    json::value v = json::parse(attributes, ec);
    json::object out;
    if (!ec && v.is_object()) {
        const auto* lat = v.as_object().if_contains("gpsLatitude");
        const auto* lon = v.as_object().if_contains("gpsLongitude");
        if (lat && lon && lat->is_number() && lon->is_number()) {
            const double la = lat->to_number<double>();
            const double lo = lon->to_number<double>();
            // 91 / 181: the car has no position now (docs/api/vehicle-data.md, "Position").
            if (la >= -90 && la <= 90 && lo >= -180 && lo <= 180) {
                out["latitude"] = la;
                out["longitude"] = lo;
                out["gps_accuracy"] = 0;
            }
        }
    }
    return json_text(out);
}

namespace {

std::string lower(std::string s)
{
    for (auto& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// A sensor or binary sensor on one value of a read.
struct value_entity {
    std::string_view component; ///< sensor, binary_sensor
    std::string_view read;      ///< endpoint key
    std::string_view attribute; ///< the API's attribute name
    std::string_view object_id;
    std::string_view name;
    std::string_view device_class; ///< empty: none
    std::string_view unit;
    std::string_view state_class;
    std::string_view value_template;
    std::string_view icon;
};

constexpr value_entity value_entities[] = {
    {"sensor", "battery-status", "batteryLevel", "battery_level", "Battery level", "battery", "%", "measurement", "", ""},
    {"sensor", "battery-status", "batteryAutonomy", "battery_autonomy", "Range", "distance", "km", "measurement", "", ""},
    {"sensor", "battery-status", "batteryAvailableEnergy", "battery_available_energy", "Battery available energy",
     "energy_storage", "kWh", "measurement", "", ""},
    {"sensor", "battery-status", "batteryTemperature", "battery_temperature", "Battery temperature", "temperature", "°C",
     "measurement", "", ""},
    {"binary_sensor", "battery-status", "plugStatus", "plugged", "Plugged in", "plug", "", "",
     "{{ 'ON' if value | int(0) == 1 else 'OFF' }}", ""},
    {"binary_sensor", "battery-status", "chargingStatus", "charging", "Charging", "battery_charging", "", "",
     "{{ 'ON' if value | float(0) == 1.0 else 'OFF' }}", ""},
    {"sensor", "battery-status", "chargingRemainingTime", "charging_remaining_time", "Charging remaining time", "duration",
     "min", "measurement", "", ""},
    // The unit of the charging power depends on the model (W or kW): set below.
    {"sensor", "battery-status", "chargingInstantaneousPower", "charging_power", "Charging power", "power", "kW",
     "measurement", "", ""},
    {"sensor", "cockpit", "totalMileage", "mileage", "Mileage", "distance", "km", "total_increasing", "", ""},
    {"sensor", "cockpit", "fuelAutonomy", "fuel_autonomy", "Fuel range", "distance", "km", "measurement", "", ""},
    {"sensor", "cockpit", "fuelQuantity", "fuel_quantity", "Fuel quantity", "volume_storage", "L", "measurement", "", ""},
    {"sensor", "hvac-status", "externalTemperature", "outside_temperature", "Outside temperature", "temperature", "°C",
     "measurement", "", ""},
    {"sensor", "hvac-status", "hvacStatus", "hvac_status", "HVAC status", "", "", "", "", "mdi:fan"},
    {"sensor", "charge-mode", "chargeMode", "charge_mode_state", "Charge mode", "", "", "", "", "mdi:ev-station"},
    // Home Assistant's lock class: on means unlocked.
    {"binary_sensor", "lock-status", "lockStatus", "lock", "Lock", "lock", "", "",
     "{{ 'OFF' if value == 'locked' else 'ON' }}", ""},
};

/// A button, select or number sending to `<prefix>/<VIN>/<command>/set`.
struct control_entity {
    std::string_view component;
    std::string_view action; ///< the action key the model must offer
    std::string_view command;
    std::string_view object_id;
    std::string_view name;
    std::string_view payload; ///< buttons: payload_press
    std::string_view icon;
};

constexpr control_entity buttons[] = {
    {"button", "actions/charge-start", "charge", "charge_start", "Start charging", "start", "mdi:ev-station"},
    {"button", "actions/charge-stop", "charge", "charge_stop", "Stop charging", "stop", "mdi:ev-plug-type2"},
    {"button", "actions/hvac-start", "hvac", "hvac_start", "Start HVAC", "start", "mdi:fan"},
    {"button", "actions/hvac-stop", "hvac", "hvac_stop", "Stop HVAC", "stop", "mdi:fan-off"},
    {"button", "actions/horn-start", "horn", "horn", "Horn", "PRESS", "mdi:bullhorn"},
    {"button", "actions/lights-start", "lights", "lights", "Flash lights", "PRESS", "mdi:car-light-high"},
    {"button", "actions/refresh-location", "refresh_location", "refresh_location", "Refresh location", "PRESS",
     "mdi:crosshairs-gps"},
};

} // namespace

std::vector<message> discovery_configs(const vehicle_info& car, const topics& t)
{
    std::vector<message> out;
    const std::string base = t.vehicle(car.vin);
    const std::string node = "renault_" + lower(car.vin);
    const json::object device{{"identifiers", json::array{node}},
                              {"manufacturer", car.brand.empty() ? "Renault" : car.brand},
                              {"model", car.model.empty() ? car.model_code : car.model},
                              {"name", fmt::format("{} {}", car.brand.empty() ? "Renault" : car.brand, car.model)},
                              {"serial_number", car.vin},
                              {"hw_version", car.model_code}};
    auto common = [&](std::string_view object_id, std::string_view name, std::string_view read) {
        json::object c;
        c["name"] = name;
        c["unique_id"] = node + "_" + std::string(object_id);
        c["object_id"] = node + "_" + std::string(object_id);
        c["device"] = device;
        json::array availability{json::object{{"topic", t.bridge_availability()}}};
        if (!read.empty())
            availability.push_back(json::object{{"topic", base + "/" + std::string(read) + "/availability"}});
        c["availability"] = std::move(availability);
        c["availability_mode"] = "all";
        return c;
    };
    auto add = [&](std::string_view component, std::string_view object_id, json::object config) {
        out.emplace_back(fmt::format("{}/{}/{}/{}/config", t.discovery, component, node, object_id), json_text(config));
    };

    for (const auto& e : value_entities) {
        if (!car.reads.contains(std::string(e.read)))
            continue;
        if (e.read == "cockpit" && e.attribute.starts_with("fuel") && !car.uses_fuel)
            continue;
        json::object c = common(e.object_id, e.name, e.read);
        c["state_topic"] = base + "/" + std::string(e.read) + "/" + std::string(e.attribute);
        if (!e.device_class.empty())
            c["device_class"] = e.device_class;
        std::string unit(e.unit);
        if (e.attribute == "chargingInstantaneousPower" && car.reports_in_watts)
            unit = "W";
        if (!unit.empty())
            c["unit_of_measurement"] = unit;
        if (!e.state_class.empty())
            c["state_class"] = e.state_class;
        if (!e.value_template.empty())
            c["value_template"] = e.value_template;
        if (!e.icon.empty())
            c["icon"] = e.icon;
        add(e.component, e.object_id, std::move(c));
    }
    if (car.reads.contains("location")) {
        json::object c = common("location", "Location", "location");
        c["json_attributes_topic"] = base + "/location/tracker";
        c["source_type"] = "gps";
        c["icon"] = "mdi:car";
        add("device_tracker", "location", std::move(c));
    }
    for (const auto& b : buttons) {
        if (!car.actions.contains(std::string(b.action)))
            continue;
        json::object c = common(b.object_id, b.name, "");
        c["command_topic"] = base + "/" + std::string(b.command) + "/set";
        c["payload_press"] = b.payload;
        c["icon"] = b.icon;
        add("button", b.object_id, std::move(c));
    }
    if (car.actions.contains("actions/charge-set-mode")) {
        json::object c = common("charge_mode", "Charge mode", car.reads.contains("charge-mode") ? "charge-mode" : "");
        c["command_topic"] = base + "/charge_mode/set";
        if (car.reads.contains("charge-mode"))
            c["state_topic"] = base + "/charge-mode/chargeMode";
        else
            c["optimistic"] = true;
        c["options"] = json::array{"always", "always_charging", "schedule_mode", "scheduled"};
        c["icon"] = "mdi:ev-station";
        add("select", "charge_mode", std::move(c));
    }
    if (car.reads.contains("soc-levels")) {
        for (auto [object_id, name, attribute, low, high] :
             {std::tuple{"soc_target", "Charge target", "socTarget", 55, 100}, std::tuple{"soc_min", "Charge minimum", "socMin", 15, 45}}) {
            json::object c = common(object_id, name, "soc-levels");
            c["command_topic"] = base + "/" + object_id + "/set";
            c["state_topic"] = base + "/soc-levels/" + attribute;
            c["min"] = low;
            c["max"] = high;
            c["step"] = 5;
            c["unit_of_measurement"] = "%";
            c["mode"] = "slider";
            c["icon"] = "mdi:battery-charging-80";
            add("number", object_id, std::move(c));
        }
    }
    if (car.actions.contains("actions/hvac-start")) {
        json::object c = common("hvac_temperature", "HVAC temperature", "");
        c["command_topic"] = base + "/hvac_temperature/set";
        c["state_topic"] = base + "/hvac_temperature";
        c["min"] = 16;
        c["max"] = 30;
        c["step"] = 0.5;
        c["unit_of_measurement"] = "°C";
        c["device_class"] = "temperature";
        c["mode"] = "box";
        add("number", "hvac_temperature", std::move(c));
    }
    return out;
}

} // namespace renault::bridge
