// Everything of renault-cpp that does not need a network library.
#pragma once

#include <renault/endpoints.hpp>
#include <renault/error.hpp>
#include <renault/locales.hpp>
#include <renault/model.hpp>
#include <renault/schema_types.hpp>
#include <renault/server_errors.hpp>
