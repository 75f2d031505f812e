// A user's translation unit that includes the models and uses none of the decoders.
#include <renault/renault.hpp>

int level(const renault::battery_status& b)
{
    return static_cast<int>(b.battery_level.value_or(0));
}
