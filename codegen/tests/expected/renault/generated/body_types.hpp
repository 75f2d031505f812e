// Generated from schema/things.yaml by codegen/generate.py — do not edit.
// Change the schema or the template and rebuild.
// Every body type the API sends or receives: a model as the whole body (flat), inside a data
// envelope (data_body), or as an array. In the separately compiled mode, model/envelope.hpp
// declares the decoder and encoder of each one extern, and <renault/src.hpp> compiles them once.
#pragma once

#define RENAULT_FOR_EACH_BODY_TYPE(X) \
    X(::renault::data_body<::renault::bulb>) \
    X(::renault::data_body<::renault::lamp>) \
    X(::renault::nothing) \
    X(std::vector<::renault::lamp>)
