// One part of the separately compiled library (include/renault/src.hpp).
#include <renault/src/models.hpp>
