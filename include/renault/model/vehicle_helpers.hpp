// What a vehicle is and can do, read from its details or its car-adapter data
// (docs/api/vehicle-data.md, docs/api/endpoints.md "Specifications"): energy, pictures, and the
// behaviour flags of the specification tables.
#pragma once

#include <renault/generated/model.hpp>
#include <renault/endpoints.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

namespace renault {

// --- details groups --------------------------------------------------------------------------

namespace detail {
inline std::optional<std::string_view> group_part(const std::optional<detail_group>& group,
                                                  std::optional<std::string> detail_group::*part)
{
    if (group && (*group).*part)
        return std::string_view(*((*group).*part));
    return std::nullopt;
}
} // namespace detail

/// `brand.label` ("RENAULT", "DACIA", "ALPINE").
inline std::optional<std::string_view> brand_label(const vehicle_details& d) { return detail::group_part(d.brand, &detail_group::label); }
/// `energy.code` ("ELEC", "ELECX", "ESS", …).
inline std::optional<std::string_view> energy_code(const vehicle_details& d) { return detail::group_part(d.energy, &detail_group::code); }
/// `model.code`, the code that selects the endpoint table ("X101VE").
inline std::optional<std::string_view> model_code(const vehicle_details& d) { return detail::group_part(d.model, &detail_group::code); }
/// `model.label` ("ZOE").
inline std::optional<std::string_view> model_label(const vehicle_details& d) { return detail::group_part(d.model, &detail_group::label); }

// --- position --------------------------------------------------------------------------------

/// A position on Earth, in degrees.
struct gps_position {
    double latitude = 0;
    double longitude = 0;
};

/// The position a `location` holds, or std::nullopt when it holds none: a coordinate missing, or
/// outside -90..90 / -180..180. After `actions/refresh-location` on a parked car the server writes
/// latitude 91 and longitude 181, which mean "no position now" and must never be shown as
/// coordinates (docs/api/vehicle-data.md, "Position").
inline std::optional<gps_position> position_of(const location& l)
{
    if (!l.gps_latitude || !l.gps_longitude)
        return std::nullopt;
    const double lat = *l.gps_latitude;
    const double lon = *l.gps_longitude;
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) // also false for NaN
        return std::nullopt;
    return gps_position{lat, lon};
}

// --- energy ----------------------------------------------------------------------------------

namespace detail {
/// engineEnergyType when non-empty, else energy.code (captur_ii: OTHER → fuel only, PHEV → both).
inline std::string_view effective_energy(const vehicle_details& d)
{
    if (d.engine_energy_type && !d.engine_energy_type->raw.empty())
        return d.engine_energy_type->raw;
    return energy_code(d).value_or("");
}
} // namespace detail

/// Whether the vehicle charges a traction battery: energy ELEC, ELECX or PHEV.
inline bool uses_electricity(const vehicle_details& d)
{
    auto e = detail::effective_energy(d);
    return e == "ELEC" || e == "ELECX" || e == "PHEV";
}

/// Whether the vehicle burns fuel: energy OTHER, PHEV or HEV.
inline bool uses_fuel(const vehicle_details& d)
{
    auto e = detail::effective_energy(d);
    return e == "OTHER" || e == "PHEV" || e == "HEV";
}

/// Car adapter: `energy == "electric"`.
inline bool uses_electricity(const car_adapter& c) { return c.energy && *c.energy == car_energy::electric; }
/// Car adapter: `energy == "gasoline"`.
inline bool uses_fuel(const car_adapter& c) { return c.energy && *c.energy == car_energy::gasoline; }

// --- specifications --------------------------------------------------------------------------

/// Whether battery-status `chargingInstantaneousPower` is in watts (Zoe phase 1), not kilowatts.
inline bool reports_charging_power_in_watts(const vehicle_details& d)
{
    return has_specification(vehicle_specifications, model_code(d).value_or(""), "reports-in-watts");
}
inline bool reports_charging_power_in_watts(const car_adapter& c)
{
    return has_specification(gateway_specifications, c.car_gateway.value_or(""), "reports-in-watts");
}

/// Whether charge-session `chargeDuration` is in minutes (Zoe phase 1), not seconds.
inline bool reports_charge_session_durations_in_minutes(const vehicle_details& d)
{
    return has_specification(vehicle_specifications, model_code(d).value_or(""),
                             "reports-charge-session-durations-in-minutes");
}
inline bool reports_charge_session_durations_in_minutes(const car_adapter& c)
{
    return has_specification(gateway_specifications, c.car_gateway.value_or(""),
                             "reports-charge-session-durations-in-minutes");
}

/// Whether an action (e.g. "charge") goes through KCM for this model (specification
/// `control-<action>-via-kcm`). The per-model endpoint table supersedes this flag.
inline bool controls_action_via_kcm(const vehicle_details& d, std::string_view action)
{
    std::string name = "control-" + std::string(action) + "-via-kcm";
    return has_specification(vehicle_specifications, model_code(d).value_or(""), name);
}

// --- charge sessions -------------------------------------------------------------------------

/// A charge session's duration in minutes, whichever unit the vehicle reports
/// (`in_minutes`: reports_charge_session_durations_in_minutes of the vehicle).
inline std::optional<double> charge_duration_minutes(const charge_session& s, bool in_minutes)
{
    if (!s.charge_duration)
        return std::nullopt;
    return in_minutes ? static_cast<double>(*s.charge_duration) : static_cast<double>(*s.charge_duration) / 60.0;
}

// --- assets and pictures ---------------------------------------------------------------------

/// The first asset of a type, or nullptr when the vehicle has none (never throws).
inline const vehicle_asset* get_asset(const vehicle_details& d, asset_type type)
{
    if (!d.assets)
        return nullptr;
    for (const auto& asset : *d.assets)
        if (asset.asset_type && *asset.asset_type == type)
            return &asset;
    return nullptr;
}

/// The URL of the vehicle's picture in a size, or std::nullopt when there is none.
inline std::optional<std::string_view> get_picture(const vehicle_details& d, picture_size size = picture_size::large)
{
    const vehicle_asset* picture = get_asset(d, asset_type::picture);
    if (!picture || !picture->renditions)
        return std::nullopt;
    for (const auto& rendition : *picture->renditions)
        if (rendition.resolution_type && *rendition.resolution_type == size && rendition.url)
            return std::string_view(*rendition.url);
    return std::nullopt;
}

// --- battery ---------------------------------------------------------------------------------

/// The plug state, or std::nullopt when absent or a value this version does not know (the raw
/// value stays in `status.plug_status->raw`).
inline std::optional<plug_state> get_plug_status(const battery_status& status)
{
    if (status.plug_status && status.plug_status->is_known())
        return status.plug_status->value;
    return std::nullopt;
}

/// The charge state, or std::nullopt when absent or unknown.
inline std::optional<charge_state> get_charging_status(const battery_status& status)
{
    if (status.charging_status && status.charging_status->is_known())
        return status.charging_status->value;
    return std::nullopt;
}

/// The charge state to show: older vehicles report charge_error (-1.0) when simply unplugged, which
/// means "not in charge"; the reference CLI's status shows it so (docs/api/vehicle-data.md).
inline std::optional<charge_state> displayed_charging_status(const battery_status& status)
{
    auto state = get_charging_status(status);
    if (state == charge_state::charge_error && get_plug_status(status) == plug_state::unplugged)
        return charge_state::not_in_charge;
    return state;
}

/// Charging power in kW, given whether the vehicle reports watts.
inline std::optional<double> charging_power_kw(const battery_status& status, bool reports_in_watts)
{
    if (!status.charging_instantaneous_power)
        return std::nullopt;
    return reports_in_watts ? *status.charging_instantaneous_power / 1000.0 : *status.charging_instantaneous_power;
}

} // namespace renault
