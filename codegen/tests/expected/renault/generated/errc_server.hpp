// Generated from schema/tables.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
//
// The server codes of renault::errc: one enumerator per row of the `errors` table, named as the
// row, in schema order. include/renault/errc.hpp expands these lists inside `enum class errc`,
// each followed by the catch-all code of its source (kamereon_error, gigya_error), so that the
// names are written once, in the schema.
#pragma once

// Kamereon codes, from 100:
//   access_denied: err.func.403
#define RENAULT_ERRC_KAMEREON_CODES \
    access_denied = 100,

// Gigya codes, from 200:
//   invalid_credentials: 403042
#define RENAULT_ERRC_GIGYA_CODES \
    invalid_credentials = 200,
