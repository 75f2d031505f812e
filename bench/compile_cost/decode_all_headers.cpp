// A user's translation unit that includes every model, table and helper (renault.hpp) and decodes
// one model.
#include <renault/renault.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv)
{
    std::string body = argc > 1 ? argv[1] : R"({"data": {"attributes": {"batteryLevel": 60}}})";
    boost::system::error_code ec;
    auto result = renault::decode<renault::data_body<renault::battery_status>>(body, ec);
    if (const renault::battery_status* b = renault::model_in(result.value))
        std::cout << b->battery_level.value_or(0) << '\n';
    return ec ? 1 : 0;
}
