// The README's library example, built and run by the test suite so that it cannot rot.
#include <renault/renault.hpp>

#include <iostream>
#include <string>

int main()
{
    // A body as the server sent it (GET .../battery-status)
    std::string body = R"({"data": {"type": "Car", "id": "VF1AAAAA555777999",
                           "attributes": {"batteryLevel": 60, "plugStatus": 1, "chargingStatus": 1.0,
                                          "batteryAutonomy": "141"}}})";

    boost::system::error_code ec;
    auto result = renault::decode<renault::data_body<renault::battery_status>>(body, ec);
    if (ec) { // not JSON, or a wrong root: the diagnostics say why
        std::cerr << renault::to_string(result.diagnostics.front()) << '\n';
        return 1;
    }
    const renault::battery_status* battery = renault::model_in(result.value); // data.attributes
    if (battery && battery->plug_status == renault::plug_state::plugged)
        std::cout << "plugged in, " << battery->battery_level.value_or(0) << " %\n";
    for (const auto& d : result.diagnostics) // tolerated surprises: wrong types, unknown enum values
        std::cout << "diagnostic: " << renault::to_string(d) << '\n';

    // The example checks its own output: the wrong-typed autonomy is a diagnostic, not a failure.
    bool ok = battery && battery->battery_level == 60 && !battery->battery_autonomy && result.diagnostics.size() == 1;
    return ok ? 0 : 1;
}
