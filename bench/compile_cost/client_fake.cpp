// A user's translation unit: the same calls over the scripted fake backend (tests, offline demos).
#include <renault/client.hpp>
#include <renault/http/fake_backend.hpp>

#include <iostream>

int main()
{
    renault::http::fake_backend backend;
    renault::basic_client<renault::http::fake_backend> client(backend, {.locale = "fr_FR"});
    client.login("user@example.com", "password");
    auto car = client.vehicle("account-id-1", "VF1AAAAA555777999");
    renault::battery_status battery = car.get_battery_status();
    std::cout << battery.battery_level.value_or(0) << '\n';
}
