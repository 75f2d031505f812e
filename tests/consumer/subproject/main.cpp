// A subproject consumer (CMakeLists.txt): the models of renault-cpp, header-only.
#include <renault/renault.hpp>
#include <renault/version.hpp>

#include <cstdio>

int main()
{
    auto battery = renault::decode<renault::battery_status>(R"({"batteryLevel": 60, "plugStatus": 1})");
    bool ok = battery.value.battery_level == 60 && battery.value.plug_status == renault::plug_state::plugged &&
              renault::supports_endpoint("X102VE", "pressure") && !renault::supports_endpoint("X101VE", "pressure");
    std::printf("subproject consumer (renault %s): %s\n", RENAULT_VERSION_STRING, ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
