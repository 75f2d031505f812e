// Generated from schema/tables.yaml, schema/things.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
#pragma once

#include <renault/generated/model/tables.hpp>
#include <renault/generated/model/things.hpp>
