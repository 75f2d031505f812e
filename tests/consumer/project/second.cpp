#include <renault/renault.hpp>

#include <string>

std::string model_of_zoe_body()
{
    auto details = renault::decode<renault::vehicle_details>(
        R"({"model": {"code": "X101VE", "label": "ZOE"}, "energy": {"code": "ELEC"}})");
    return std::string(renault::model_code(details.value).value_or("")) +
           (renault::uses_electricity(details.value) ? " electric" : " other");
}
