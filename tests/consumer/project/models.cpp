// The models of the installed package, through renault::compiled.
#include <renault/renault.hpp>
#include <renault/version.hpp>

#include <cstdio>

static_assert(RENAULT_VERSION_MAJOR == 0 && RENAULT_VERSION >= 100, "the package's version header");

int main()
{
    auto battery = renault::decode<renault::data_body<renault::battery_status>>(
        R"({"data": {"type": "Car", "attributes": {"batteryLevel": 60, "plugStatus": 1}}})");
    const auto* status = renault::model_in(battery.value);
    bool ok = status && status->battery_level == 60 && status->plug_status == renault::plug_state::plugged &&
              renault::supports_endpoint("X102VE", "pressure") && !renault::supports_endpoint("X101VE", "pressure") &&
              renault::find_locale("fr_FR") != nullptr;
    std::printf("consumer_models: %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
