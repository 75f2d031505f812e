// Decodes one body into a typed model and prints the library's version.
#include <renault/generated/model/vehicle_data.hpp>
#include <renault/model/decode.hpp>
#include <renault/model/envelope.hpp>
#include <renault/version.hpp>

#include <cstdio>
#include <string>

int main()
{
    auto result = renault::decode<renault::data_body<renault::battery_status>>(
        R"({"data": {"type": "Car", "attributes": {"batteryLevel": 60, "plugStatus": 1}}})");
    const auto* battery = renault::model_in(result.value);
    const bool ok = battery && battery->battery_level == 60 && battery->plug_status == renault::plug_state::plugged;
    std::printf("renault %s: battery %s\n", std::string(renault::version()).c_str(), ok ? "60 %, plugged" : "FAILED");
    return ok ? 0 : 1;
}
