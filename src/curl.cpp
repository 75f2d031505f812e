// One part of the separately compiled library (include/renault/src/curl.hpp).
#include <renault/src/curl.hpp>
