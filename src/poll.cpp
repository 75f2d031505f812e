// One part of the separately compiled library (include/renault/src/poll.hpp).
#include <renault/src/poll.hpp>
