// A user's translation unit: log in and read the battery over the default HTTPS backend.
#include <renault/client.hpp>
#include <renault/http/beast_backend.hpp>

#include <iostream>

int main()
{
    boost::asio::io_context io;
    renault::http::beast_backend backend(io.get_executor());
    renault::basic_client<renault::http::beast_backend> client(backend, {.locale = "fr_FR"});
    client.login("user@example.com", "password");
    auto car = client.vehicle("account-id-1", "VF1AAAAA555777999");
    renault::battery_status battery = car.get_battery_status();
    std::cout << battery.battery_level.value_or(0) << '\n';
}
