#include <renault/renault.hpp>

#include <cstdio>
#include <string>

std::string model_of_zoe_body();

int main()
{
    auto battery = renault::decode<renault::data_body<renault::battery_status>>(
        R"({"data": {"type": "Car", "attributes": {"batteryLevel": 60, "plugStatus": 1}}})");
    const auto* status = renault::model_in(battery.value);
    bool ok = status && status->battery_level == 60 && status->plug_status == renault::plug_state::plugged &&
              model_of_zoe_body() == "X101VE electric" &&
              renault::supports_endpoint("X102VE", "pressure") && renault::find_locale("fr_FR") != nullptr;
    std::printf("consumer: %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
