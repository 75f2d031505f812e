// Generated from schema/tables.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
#pragma once

#include <renault/model/traits.hpp>

namespace renault {

} // namespace renault
