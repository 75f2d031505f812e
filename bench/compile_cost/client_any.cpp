// A user's translation unit: the client compiled once for any backend (type-erased).
#include <renault/client.hpp>
#include <renault/http/any_backend.hpp>

#include <iostream>

void show(renault::http::any_backend& backend)
{
    renault::basic_client<renault::http::any_backend> client(backend, {.locale = "fr_FR"});
    client.login("user@example.com", "password");
    auto car = client.vehicle("account-id-1", "VF1AAAAA555777999");
    renault::battery_status battery = car.get_battery_status();
    std::cout << battery.battery_level.value_or(0) << '\n';
}
