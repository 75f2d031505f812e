// The data model: generated structs and enums, the JSON mapper and the model helpers.
#pragma once

#include <renault/generated/model.hpp>
#include <renault/model/decode.hpp>
#include <renault/model/diagnostic.hpp>
#include <renault/model/encode.hpp>
#include <renault/model/envelope.hpp>
#include <renault/model/schedules.hpp>
#include <renault/model/soc_levels.hpp>
#include <renault/model/traits.hpp>
#include <renault/model/vehicle_helpers.hpp>
