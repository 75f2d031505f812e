#!/usr/bin/env python3
"""Generate the C++ headers of renault-cpp from schema/*.yaml.

    generate.py --schema-dir schema --out-dir build/generated/include [--list-outputs]

Writes, under <out-dir>/renault/generated/:
  model/<file>.hpp   enums and models of schema/<file>.yaml (Boost.Describe, traits)
  model.hpp          includes every model header
  endpoints.hpp      endpoint traits, the definition table, decode keys
  vehicles.hpp       per-model endpoint table and specifications
  errors.hpp         the server error-code table
  errc_server.hpp    the server codes of renault::errc (lists include/renault/errc.hpp expands)
  endpoint_modes.hpp renault::endpoint_mode and its names
  locales.hpp        the locale table (URLs and API keys)
  operations.hpp     the named client operations in their three forms (throwing, error_code, async)
  body_types.hpp     every body type of the endpoints and decode keys (compiled once in the
                     separately compiled mode)

Output is deterministic: the same schema gives the same bytes. A malformed schema exits with
status 1 and prints `file:line: reason`. Files whose content did not change are not rewritten,
so that the C++ build does not recompile what did not change.
"""

import argparse
import sys
from pathlib import Path

import jinja2

sys.path.insert(0, str(Path(__file__).resolve().parent))
from schema_loader import BUILTINS, ERROR_SOURCES, OPERATION_OBJECTS, SchemaError, find_definition, load_schema, parse_type, type_chain  # noqa: E402

HERE = Path(__file__).resolve().parent
DESCRIBE_LIMIT = 50


# ---------------------------------------------------------------------------------------------
# C++ spelling helpers


def cpp_string(text):
    """A C++ string literal for text (UTF-8 kept as is)."""
    out = []
    for ch in str(text):
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def cpp_doc(text):
    return " ".join(str(text).split())


def cpp_enum_raw(enum, raw):
    if enum.raw == "int":
        if raw == -(2**31) or raw < -(2**31):
            return f"std::int64_t{{{raw + 1}}} - 1"
        return f"std::int64_t{{{raw}}}"
    if enum.raw == "float":
        return repr(float(raw))
    return cpp_string(raw)


def member_type(schema, type_text):
    containers, inner = type_chain(type_text)
    if inner in BUILTINS:
        cpp = BUILTINS[inner]
    elif inner in schema.enums:
        cpp = f"::renault::open_enum<::renault::{inner}>"
    else:
        cpp = f"::renault::{inner}"
    for container in reversed(containers):
        if container == "list":
            cpp = f"std::vector<{cpp}>"
        else:
            cpp = f"std::map<std::string, {cpp}, std::less<>>"
    return cpp


def system_includes(models):
    """The standard and Boost headers the members of `models` need beyond renault/model/traits.hpp."""
    needed = set()
    for model in models:
        for f in model.all_fields:
            containers, inner = type_chain(f.type)
            if "map" in containers:
                needed.add("map")
            if inner == "json":
                needed.add("boost/json/value.hpp")
    return sorted(needed)


def stem(label):
    return Path(label).stem


# ---------------------------------------------------------------------------------------------
# Ordering


def model_dependencies(schema, model):
    deps = []
    for f in model.all_fields:
        _, inner = parse_type(f.type)
        if inner in schema.models and inner != model.name:
            deps.append(inner)
    return deps


def file_order(schema):
    """Models per source file, each file topologically sorted; file include dependencies."""
    by_file = {}
    for model in schema.models.values():
        by_file.setdefault(model.source, []).append(model)
    enum_files = {}
    for enum in schema.enums.values():
        enum_files.setdefault(enum.source, []).append(enum)

    ordered = {}
    includes = {}
    for label in sorted(set(by_file) | set(enum_files)):
        models = by_file.get(label, [])
        names = {m.name for m in models}
        result, state = [], {}

        def visit(model, chain):
            if state.get(model.name) == "done":
                return
            if state.get(model.name) == "active":
                raise SchemaError(f"{model.file}:{model.line}: model '{model.name}' depends on itself "
                                  f"through {' -> '.join(chain + [model.name])}")
            state[model.name] = "active"
            for dep in model_dependencies(schema, model):
                if dep in names:
                    visit(schema.models[dep], chain + [model.name])
            state[model.name] = "done"
            result.append(model)

        for model in models:  # schema order, dependencies pulled first
            visit(model, [])
        ordered[label] = result
        deps = set()
        for model in models:
            for f in model.all_fields:
                _, inner = parse_type(f.type)
                source = None
                if inner in schema.models:
                    source = schema.models[inner].source
                elif inner in schema.enums:
                    source = schema.enums[inner].source
                if source and source != label:
                    deps.add(source)
        includes[label] = sorted(deps)

    # No include cycles between files.
    state = {}

    def visit_file(label, chain):
        if state.get(label) == "done":
            return
        if state.get(label) == "active":
            raise SchemaError(f"{label}:1: models of this file and of {chain[-1]} depend on each other "
                              f"({' -> '.join(chain + [label])}); move them into one file")
        state[label] = "active"
        for dep in includes[label]:
            visit_file(dep, chain + [label])
        state[label] = "done"

    for label in includes:
        visit_file(label, [])
    return ordered, enum_files, includes


# ---------------------------------------------------------------------------------------------
# Rendering


def environment():
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cpp_string"] = cpp_string
    env.filters["cpp_doc"] = cpp_doc
    return env


def banner(sources):
    names = ", ".join(f"schema/{s}" for s in sources)
    return (f"// Generated from {names} by codegen/generate.py — do not edit.\n"
            f"// Change the schema or the template and rebuild.")


def endpoint_context(schema):
    definitions = []
    for index, ep in enumerate(schema.endpoints):
        definitions.append({"ep": ep, "index": index})
    # Decode keys: every endpoint key (its default definition first) plus the extra keys.
    decode = {}
    for ep in sorted(schema.endpoints, key=lambda e: 0 if e.code == "D" else 1):
        if ep.key not in decode:
            decode[ep.key] = ep.response
    for key, body in schema.decode_keys:
        if key in decode:
            raise SchemaError(f"{body.file}:{body.line}: decode key '{key}' is also an endpoint key")
        decode[key] = body
    decode_keys = [{"key": k, "model": b.model, "shape": b.shape} for k, b in sorted(decode.items())]
    default_table = sorted(
        ({"key": key, "index": schema.endpoints.index(ep)} for key, ep in schema.default_table.items()),
        key=lambda row: row["key"])
    return {"definitions": definitions, "decode_keys": decode_keys, "default_table": default_table}


def vehicle_context(schema):
    rows = []
    for column_index, code in enumerate(schema.vehicle_columns):
        entries = []
        for key, cells in schema.vehicle_rows.items():
            cell = cells[column_index]
            if cell == ".":
                continue
            if cell == "x":
                index = -1
            else:
                definition = find_definition(schema, key, cell)
                index = schema.endpoints.index(definition) if definition else -1
            entries.append({"model": code, "key": key, "index": index, "cell": cell})
        rows.extend(sorted(entries, key=lambda e: e["key"]))
    specs = []
    for subject in sorted(schema.vehicle_specifications):
        for name, value in sorted(schema.vehicle_specifications[subject].items()):
            specs.append({"subject": subject, "name": name, "value": value})
    gateway = []
    for subject in sorted(schema.gateway_specifications):
        for name, value in sorted(schema.gateway_specifications[subject].items()):
            gateway.append({"subject": subject, "name": name, "value": value})
    vehicles = [{"code": code, "label": label, "doc": doc}
                for code, (label, doc) in sorted(schema.vehicles.items())]
    return {"model_endpoints": rows, "vehicle_specs": specs, "gateway_specs": gateway,
            "vehicles": vehicles, "stray_keys": schema.stray_keys}


def render_all(schema):
    env = environment()
    outputs = {}
    ordered, enum_files, includes = file_order(schema)
    # One model header per schema file, even without models, so that the list of outputs follows
    # from the file names alone (CMake knows it without running the generator).
    for label in schema.files:
        ordered.setdefault(label, [])
        includes.setdefault(label, [])
    for label in sorted(ordered):
        name = f"renault/generated/model/{stem(label)}.hpp"
        models = []
        for model in ordered[label]:
            fields = [{"f": f, "cpp": member_type(schema, f.type)} for f in model.all_fields]
            # Boost.Describe lists at most 52 members per struct: larger models (alerts) are
            # aggregates of parts, each described, and the model describes the parts as bases.
            parts = []
            if len(fields) > DESCRIBE_LIMIT:
                for start in range(0, len(fields), DESCRIBE_LIMIT):
                    parts.append({"name": f"{model.name}_part_{len(parts) + 1}",
                                  "fields": fields[start:start + DESCRIBE_LIMIT]})
            models.append({"m": model, "fields": fields, "parts": parts})
        enums = []
        for enum in enum_files.get(label, []):
            enums.append({"e": enum, "values": [{"v": v, "raw": cpp_enum_raw(enum, v.raw)} for v in enum.values],
                          "raw_type": {"int": "std::int64_t", "float": "double", "string": "std::string"}[enum.raw],
                          "entry_type": {"int": "std::int64_t", "float": "double", "string": "std::string_view"}[enum.raw]})
        outputs[name] = env.get_template("model.hpp.j2").render(
            banner=banner([label]), models=models, enums=enums,
            includes=system_includes(ordered[label]) +
            [f"renault/generated/model/{stem(d)}.hpp" for d in includes[label]])
    # Standalone files (file formats such as schema/files.yaml) are included where they are used.
    aggregated = [label for label in sorted(ordered) if label not in schema.standalone_files]
    outputs["renault/generated/model.hpp"] = env.get_template("model_all.hpp.j2").render(
        banner=banner(aggregated), headers=[f"renault/generated/model/{stem(label)}.hpp" for label in aggregated])

    endpoint_sources = sorted(set(schema.section_files.get("endpoints", []))
                              | set(schema.section_files.get("decode_keys", [])))
    outputs["renault/generated/endpoints.hpp"] = env.get_template("endpoints.hpp.j2").render(
        banner=banner(endpoint_sources or ["(none)"]), **endpoint_context(schema))
    outputs["renault/generated/vehicles.hpp"] = env.get_template("vehicles.hpp.j2").render(
        banner=banner(schema.section_files.get("vehicle_endpoints", []) or ["(none)"]),
        **vehicle_context(schema))
    outputs["renault/generated/errors.hpp"] = env.get_template("errors.hpp.j2").render(
        banner=banner(schema.section_files.get("errors", []) or ["(none)"]), errors=schema.errors)
    error_groups = [{"source": source, "first": first,
                     "errors": [e for e in schema.errors if e["source"] == source]}
                    for source, first in ERROR_SOURCES.items()]
    outputs["renault/generated/errc_server.hpp"] = env.get_template("errc_server.hpp.j2").render(
        banner=banner(schema.section_files.get("errors", []) or ["(none)"]), groups=error_groups)
    outputs["renault/generated/endpoint_modes.hpp"] = env.get_template("endpoint_modes.hpp.j2").render(
        banner=banner(schema.section_files.get("endpoint_modes", []) or ["(none)"]), modes=schema.endpoint_modes)
    locales = []
    for locale, overrides in schema.locales:
        values = dict(schema.locale_defaults)
        values.update(overrides)
        locales.append({"locale": locale, "values": values})
    outputs["renault/generated/locales.hpp"] = env.get_template("locales.hpp.j2").render(
        banner=banner(schema.section_files.get("locales", []) or ["(none)"]), locales=locales)
    operation_groups = [{"object": obj, "operations": [op for op in schema.operations if op["object"] == obj]}
                        for obj in OPERATION_OBJECTS]
    outputs["renault/generated/operations.hpp"] = env.get_template("operations.hpp.j2").render(
        banner=banner(schema.section_files.get("operations", []) or ["(none)"]), groups=operation_groups)
    outputs["renault/generated/body_types.hpp"] = env.get_template("body_types.hpp.j2").render(
        banner=banner(endpoint_sources or ["(none)"]), body_types=body_types(schema))
    return outputs


def body_types(schema):
    """The C++ types of every request and response body of the endpoints and decode keys."""
    bodies = [ep.response for ep in schema.endpoints] + [ep.request for ep in schema.endpoints if ep.request]
    bodies += [body for _, body in schema.decode_keys]
    types = set()
    for body in bodies:
        if not body.model:
            continue
        model = f"::renault::{body.model}"
        if body.shape == "data":
            types.add(f"::renault::data_body<{model}>")
        elif body.shape == "array":
            types.add(f"std::vector<{model}>")
        elif body.shape == "flat":
            types.add(model)
    return sorted(types)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema-dir", required=True)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--list-outputs", action="store_true",
                        help="print the files that would be written, one per line, and exit")
    args = parser.parse_args(argv)

    schema_dir = Path(args.schema_dir)
    paths = sorted(schema_dir.glob("*.yaml"))
    if not paths:
        print(f"{schema_dir}: no *.yaml schema files", file=sys.stderr)
        return 1
    try:
        schema = load_schema(paths, label_root=schema_dir)
        outputs = render_all(schema)
    except SchemaError as exc:
        print(f"schema error: {exc}", file=sys.stderr)
        return 1

    out_dir = Path(args.out_dir)
    if args.list_outputs:
        for name in sorted(outputs):
            print(out_dir / name)
        return 0
    for name, text in sorted(outputs.items()):
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        target.write_text(text, encoding="utf-8")
    # Remove stale model headers of schema files that no longer exist.
    model_dir = out_dir / "renault/generated/model"
    if model_dir.is_dir():
        for stale in model_dir.glob("*.hpp"):
            if f"renault/generated/model/{stale.name}" not in outputs:
                stale.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
