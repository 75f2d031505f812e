"""Loading and validating schema/*.yaml into plain Python objects.

Every mapping read from YAML remembers the file and line it came from, so that a malformed schema
fails with `file:line: reason` (the build prints it and stops).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class SchemaError(Exception):
    """A schema problem, reported as `file:line: reason`."""


class LocatedDict(dict):
    """A dict that knows where in which file it was written."""

    file = "?"
    line = 0


class LocatedList(list):
    file = "?"
    line = 0


def _make_loader(file_label):
    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node):
        loader.flatten_mapping(node)
        result = LocatedDict()
        result.file = file_label
        result.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                raise SchemaError(f"{file_label}:{key_node.start_mark.line + 1}: duplicate key '{key}'")
            result[key] = loader.construct_object(value_node, deep=True)
        return result

    def construct_sequence(loader, node):
        result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
        result.file = file_label
        result.line = node.start_mark.line + 1
        return result

    # YAML 1.1 reads on/off/yes/no as booleans; the schema has enum values named "on" and "off",
    # so only true/false are booleans here.
    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return Loader


def where(obj):
    return f"{getattr(obj, 'file', '?')}:{getattr(obj, 'line', 0)}"


def fail(obj, reason):
    raise SchemaError(f"{where(obj)}: {reason}")


IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
CPP_KEYWORDS = {
    "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char", "class",
    "const", "constexpr", "continue", "default", "delete", "do", "double", "else", "enum",
    "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline",
    "int", "long", "mutable", "namespace", "new", "noexcept", "not", "nullptr", "operator", "or",
    "private", "protected", "public", "register", "return", "short", "signed", "sizeof", "static",
    "struct", "switch", "template", "this", "throw", "true", "try", "typedef", "typename", "union",
    "unsigned", "using", "virtual", "void", "volatile", "while", "xor", "module", "import",
    "requires", "concept", "co_await", "co_return", "co_yield", "char8_t",
}
BUILTINS = {"string": "std::string", "int": "std::int64_t", "float": "double", "bool": "bool",
            "json": "::boost::json::value"}
SECTIONS = {
    "enums", "models", "endpoints", "decode_keys", "vehicles", "vehicle_endpoints",
    "vehicle_specifications", "gateway_specifications", "errors", "locale_defaults", "locales",
    "operations", "endpoint_modes", "standalone",
}
OPERATION_OBJECTS = ["client", "account", "vehicle"]
SHAPES = {"data", "flat", "array", "form"}
METHODS = {"GET", "POST"}
BASES = {"kamereon", "commerce", "gigya"}
ADAPTERS = {"kca", "kcm", "none"}
KINDS = {"read", "action"}
MODE_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CODES = {"D", "ST", "KC", "KP", "KS"}
# The enumerators of renault::condition (include/renault/errc.hpp); a name missing there fails
# the compilation of the generated table.
CONDITIONS = {"authentication", "not_supported", "rate_limited", "transient", "bad_response",
              "invalid_request"}
# The value of the first renault::errc code of each error source (include/renault/errc.hpp
# follows each group with its catch-all code, kamereon_error and gigya_error).
ERROR_SOURCES = {"kamereon": 100, "gigya": 200}
LOCALE_KEYS = ["gigya-root-url", "gigya-api-key", "kamereon-root-url", "kamereon-api-key"]


def check_ident(obj, name, what):
    if not isinstance(name, str) or not IDENT.match(name):
        fail(obj, f"{what} '{name}' is not a snake_case identifier")
    if name in CPP_KEYWORDS:
        fail(obj, f"{what} '{name}' is a C++ keyword")


def check_keys(obj, allowed, required, what):
    if not isinstance(obj, dict):
        fail(obj, f"{what} must be a mapping")
    for key in obj:
        if key not in allowed:
            fail(obj, f"unknown property '{key}' in {what} (expected one of: {', '.join(sorted(allowed))})")
    for key in required:
        if key not in obj:
            fail(obj, f"{what} lacks required property '{key}'")


# ---------------------------------------------------------------------------------------------
# The schema as plain objects


@dataclass
class EnumValue:
    name: str
    raw: object
    doc: str = ""


@dataclass
class Enum:
    name: str
    raw: str  # int | float | string
    doc: str
    values: list
    source: str


@dataclass
class Field:
    name: str
    key: str
    type: str  # schema type text, e.g. list<charge_schedule>
    doc: str = ""
    unit: str = ""
    required: bool = False
    null_when_absent: bool = False


@dataclass
class Model:
    name: str
    doc: str
    fields: list
    source: str
    sample: str = ""
    extends: str = ""
    line: int = 0


@dataclass
class Param:
    name: str
    value: object = None
    doc: str = ""


@dataclass
class Body:
    model: str
    shape: str
    type: str = ""


@dataclass
class Endpoint:
    key: str
    name: str
    base: str
    method: str
    path: str
    adapter: str
    version: int
    kind: str
    code: str
    mode: str
    applies_to: str
    table: bool
    request: Body
    response: Body
    query: list
    form: list
    sample: str
    doc: str
    source: str
    file_name: str = ""
    mode_cpp: str = ""  # the renault::endpoint_mode enumerator, set once the modes are known


@dataclass
class EndpointMode:
    name: str  # as schema and override files write it ("kcm-settings")
    cpp: str   # the C++ enumerator ("kcm_settings"; "default" -> "default_mode")
    doc: str = ""


@dataclass
class Schema:
    files: list = field(default_factory=list)  # schema file labels, in order
    standalone_files: list = field(default_factory=list)  # labels whose header model.hpp leaves out
    enums: dict = field(default_factory=dict)
    models: dict = field(default_factory=dict)
    endpoints: list = field(default_factory=list)
    decode_keys: list = field(default_factory=list)  # (key, Body)
    vehicles: dict = field(default_factory=dict)  # code -> label
    vehicle_columns: list = field(default_factory=list)
    vehicle_rows: dict = field(default_factory=dict)  # key -> list of codes
    stray_keys: list = field(default_factory=list)
    vehicle_specifications: dict = field(default_factory=dict)
    gateway_specifications: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    locale_defaults: dict = field(default_factory=dict)
    locales: list = field(default_factory=list)  # (locale, dict of the 4 keys)
    operations: list = field(default_factory=list)  # client operations (dicts)
    section_files: dict = field(default_factory=dict)  # section -> set of source labels
    endpoint_modes: list = field(default_factory=list)  # EndpointMode, in schema order


def scalar_text(obj, parent, what):
    if obj is None:
        return ""
    if not isinstance(obj, (str, int, float, bool)):
        fail(parent, f"{what} must be a scalar")
    return str(obj)


def type_chain(text):
    """'map<list<x>>' -> (['map', 'list'], 'x'); 'x' -> ([], 'x')."""
    containers = []
    while True:
        match = re.fullmatch(r"(list|map)<\s*(.*?)\s*>", text)
        if not match:
            return containers, text
        containers.append(match.group(1))
        text = match.group(2)


def parse_type(text):
    """'list<x>' -> ('list', 'x'); 'map<list<x>>' -> ('map', 'x'); 'x' -> (None, 'x')."""
    containers, inner = type_chain(text)
    return (containers[0] if containers else None), inner


def load_schema(paths, label_root=None):
    schema = Schema()
    for path in sorted(Path(p) for p in paths):
        label = str(path.relative_to(label_root)) if label_root else path.name
        schema.files.append(label)
        text = path.read_text(encoding="utf-8")
        try:
            doc = yaml.load(text, Loader=_make_loader(label))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            line = mark.line + 1 if mark else 0
            raise SchemaError(f"{label}:{line}: YAML syntax error: {exc.problem}") from None
        if doc is None:
            continue
        if not isinstance(doc, dict):
            raise SchemaError(f"{label}:1: a schema file must be a mapping of sections")
        for section in doc:
            if section not in SECTIONS:
                fail(doc, f"unknown section '{section}' (expected one of: {', '.join(sorted(SECTIONS))})")
            schema.section_files.setdefault(section, [])
            if label not in schema.section_files[section]:
                schema.section_files[section].append(label)
        _load_enums(schema, doc.get("enums"), label)
        _load_models(schema, doc.get("models"), label)
        _load_endpoint_modes(schema, doc.get("endpoint_modes"), label)
        _load_endpoints(schema, doc.get("endpoints"), label)
        _load_decode_keys(schema, doc.get("decode_keys"), label)
        _load_vehicles(schema, doc, label)
        _load_errors(schema, doc.get("errors"), label)
        _load_locales(schema, doc, label)
        _load_operations(schema, doc.get("operations"), label)
        if "standalone" in doc:
            if not isinstance(doc["standalone"], bool):
                fail(doc, "'standalone' must be true or false")
            if doc["standalone"]:
                schema.standalone_files.append(label)
    _resolve(schema)
    return schema


def _load_enums(schema, section, label):
    if section is None:
        return
    if not isinstance(section, dict):
        raise SchemaError(f"{label}:1: 'enums' must be a mapping")
    for name, spec in section.items():
        check_ident(section, name, "enum name")
        check_keys(spec, {"raw", "doc", "values"}, {"raw", "values"}, f"enum '{name}'")
        if spec["raw"] not in ("int", "float", "string"):
            fail(spec, f"enum '{name}': raw must be int, float or string, not '{spec['raw']}'")
        if not isinstance(spec["values"], dict) or not spec["values"]:
            fail(spec, f"enum '{name}': values must be a non-empty mapping")
        values = []
        seen_raw = set()
        for value_name, value_spec in spec["values"].items():
            check_ident(spec["values"], value_name, f"enumerator of '{name}'")
            if value_name == "unknown":
                fail(spec["values"], f"enum '{name}': 'unknown' is added by the generator")
            doc = ""
            if isinstance(value_spec, dict):
                check_keys(value_spec, {"raw", "doc"}, {"raw"}, f"value '{value_name}' of enum '{name}'")
                doc = scalar_text(value_spec.get("doc"), value_spec, "doc")
                raw = value_spec["raw"]
            else:
                raw = value_spec
            if spec["raw"] == "int" and (isinstance(raw, bool) or not isinstance(raw, int)):
                fail(spec["values"], f"enum '{name}': raw value of '{value_name}' must be an integer")
            if spec["raw"] == "float" and (isinstance(raw, bool) or not isinstance(raw, (int, float))):
                fail(spec["values"], f"enum '{name}': raw value of '{value_name}' must be a number")
            if spec["raw"] == "string":
                if not isinstance(raw, str):
                    fail(spec["values"], f"enum '{name}': raw value of '{value_name}' must be a string")
            if spec["raw"] == "float":
                raw = float(raw)
            if raw in seen_raw:
                fail(spec["values"], f"enum '{name}': raw value {raw!r} is listed twice")
            seen_raw.add(raw)
            values.append(EnumValue(value_name, raw, doc))
        if name in schema.enums or name in schema.models:
            fail(section, f"'{name}' is defined twice")
        schema.enums[name] = Enum(name, spec["raw"], scalar_text(spec.get("doc"), spec, "doc"), values, label)


def _load_models(schema, section, label):
    if section is None:
        return
    if not isinstance(section, dict):
        raise SchemaError(f"{label}:1: 'models' must be a mapping")
    for name, spec in section.items():
        check_ident(section, name, "model name")
        if spec is None:
            spec = LocatedDict()
            spec.file, spec.line = section.file, section.line
        check_keys(spec, {"doc", "fields", "sample", "extends"}, set(), f"model '{name}'")
        fields = []
        raw_fields = spec.get("fields") or {}
        if not isinstance(raw_fields, dict):
            fail(spec, f"model '{name}': fields must be a mapping")
        keys = set()
        for field_name, field_spec in raw_fields.items():
            check_ident(raw_fields, field_name, f"field of '{name}'")
            check_keys(field_spec, {"key", "type", "doc", "unit", "required", "null_when_absent"},
                       {"key", "type"}, f"field '{name}.{field_name}'")
            key = field_spec["key"]
            if not isinstance(key, str) or not key:
                fail(field_spec, f"field '{name}.{field_name}': key must be a non-empty string")
            if key in keys:
                fail(field_spec, f"model '{name}': JSON key '{key}' is used twice")
            keys.add(key)
            for flag in ("required", "null_when_absent"):
                if flag in field_spec and not isinstance(field_spec[flag], bool):
                    fail(field_spec, f"field '{name}.{field_name}': {flag} must be true or false")
            fields.append(Field(field_name, key, str(field_spec["type"]),
                                scalar_text(field_spec.get("doc"), field_spec, "doc"),
                                scalar_text(field_spec.get("unit"), field_spec, "unit"),
                                bool(field_spec.get("required", False)),
                                bool(field_spec.get("null_when_absent", False))))
            fields[-1].file, fields[-1].line = field_spec.file, field_spec.line
        if name in schema.models or name in schema.enums:
            fail(section, f"'{name}' is defined twice")
        model = Model(name, scalar_text(spec.get("doc"), spec, "doc"), fields, label,
                      scalar_text(spec.get("sample"), spec, "sample"),
                      scalar_text(spec.get("extends"), spec, "extends"), spec.line)
        model.file = label
        schema.models[name] = model


def _body(spec, what, owner):
    if spec is None:
        return None
    check_keys(spec, {"model", "shape", "type"}, {"shape"}, what)
    if spec["shape"] not in SHAPES:
        fail(spec, f"{what}: shape must be one of {', '.join(sorted(SHAPES))}")
    body = Body(scalar_text(spec.get("model"), spec, "model"), spec["shape"],
                scalar_text(spec.get("type"), spec, "type"))
    body.file, body.line = spec.file, spec.line
    return body


def _params(spec, what):
    if spec is None:
        return []
    if not isinstance(spec, list):
        fail(spec, f"{what} must be a list")
    params = []
    for item in spec:
        check_keys(item, {"name", "value", "doc"}, {"name"}, what)
        value = item.get("value")
        if isinstance(value, bool):
            value = "true" if value else "false"
        params.append(Param(str(item["name"]), None if value is None else str(value),
                            scalar_text(item.get("doc"), item, "doc")))
    return params


def mode_enumerator(name):
    """The C++ enumerator of an endpoint mode: '-' becomes '_', a C++ keyword gets '_mode'."""
    cpp = name.replace("-", "_")
    return cpp + "_mode" if cpp in CPP_KEYWORDS else cpp


def _load_endpoint_modes(schema, section, label):
    """How the client uses a definition: `name: doc`, in enumerator order."""
    if section is None:
        return
    if not isinstance(section, dict) or not section:
        raise SchemaError(f"{label}:1: 'endpoint_modes' must be a non-empty mapping of name: doc")
    if schema.endpoint_modes:
        fail(section, "'endpoint_modes' is defined in two files")
    for name, doc in section.items():
        if not isinstance(name, str) or not MODE_NAME.match(name):
            fail(section, f"endpoint mode '{name}' is not lower-case words joined by '-'")
        schema.endpoint_modes.append(EndpointMode(name, mode_enumerator(name), scalar_text(doc, section, "doc")))


def _load_endpoints(schema, section, label):
    if section is None:
        return
    if not isinstance(section, list):
        raise SchemaError(f"{label}:1: 'endpoints' must be a list")
    allowed = {"key", "name", "base", "method", "path", "adapter", "version", "kind", "code", "mode",
               "applies_to", "table", "request", "response", "query", "form", "sample", "doc",
               "file_name"}
    for spec in section:
        check_keys(spec, allowed, {"key", "name", "base", "method", "path", "kind", "response"},
                   "endpoint")
        name = spec["name"]
        check_ident(spec, name, "endpoint name")
        what = f"endpoint '{spec['key']}' ({name})"
        for prop, allowed_values in (("base", BASES), ("method", METHODS), ("kind", KINDS)):
            if spec[prop] not in allowed_values:
                fail(spec, f"{what}: {prop} must be one of {', '.join(sorted(allowed_values))}")
        adapter = spec.get("adapter", "none")
        if adapter not in ADAPTERS:
            fail(spec, f"{what}: adapter must be one of {', '.join(sorted(ADAPTERS))}")
        mode = spec.get("mode")  # checked, and defaulted to the first mode, in _resolve
        if mode is not None and not isinstance(mode, str):
            fail(spec, f"{what}: mode must be a string")
        code = spec.get("code", "D")
        if code not in CODES:
            fail(spec, f"{what}: code must be one of {', '.join(sorted(CODES))}")
        version = spec.get("version", 0)
        if isinstance(version, bool) or not isinstance(version, int):
            fail(spec, f"{what}: version must be an integer")
        path = str(spec["path"])
        if not path.startswith("/"):
            fail(spec, f"{what}: path must start with '/'")
        if adapter == "kca" and f"/kca/car-adapter/v{version}/" not in path + "/":
            fail(spec, f"{what}: path does not match adapter kca version {version}")
        if adapter == "kcm" and f"/kcm/v{version}/" not in path:
            fail(spec, f"{what}: path does not match adapter kcm version {version}")
        table = spec.get("table", spec["base"] == "kamereon" and code == "D")
        if not isinstance(table, bool):
            fail(spec, f"{what}: table must be true or false")
        endpoint = Endpoint(
            key=str(spec["key"]), name=name, base=spec["base"], method=spec["method"], path=path,
            adapter=adapter, version=version, kind=spec["kind"], code=code, mode=mode,
            applies_to=str(spec.get("applies_to", spec["key"])), table=table,
            request=_body(spec.get("request"), f"{what} request", spec),
            response=_body(spec["response"], f"{what} response", spec),
            query=_params(spec.get("query"), f"{what} query"),
            form=_params(spec.get("form"), f"{what} form"),
            sample=scalar_text(spec.get("sample"), spec, "sample"),
            doc=scalar_text(spec.get("doc"), spec, "doc"), source=label,
            file_name=scalar_text(spec.get("file_name"), spec, "file_name") or default_file_name(path, spec["base"]))
        endpoint.file, endpoint.line = spec.file, spec.line
        schema.endpoints.append(endpoint)


def default_file_name(path, base):
    """How payload collections name a saved body of this endpoint (fixtures/README.md):
    the path after the VIN without `actions/`, '/' → '-' (kcm `ev/settings` → `ev-settings`);
    for Gigya the method in snake_case (`accounts.getAccountInfo` → `get_account_info`)."""
    if base == "gigya":
        method = path.rsplit(".", 1)[-1]
        return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", method).lower()
    if "{vin}/" in path:
        tail = path.split("{vin}/", 1)[1]
        if tail.startswith("actions/"):
            tail = tail[len("actions/"):]
        return tail.replace("/", "-")
    return path.rstrip("/").rsplit("/", 1)[-1]


def _load_decode_keys(schema, section, label):
    if section is None:
        return
    if not isinstance(section, dict):
        raise SchemaError(f"{label}:1: 'decode_keys' must be a mapping")
    for key, spec in section.items():
        body = _body(spec, f"decode key '{key}'", section)
        if not body.model:
            fail(spec, f"decode key '{key}' needs a model")
        schema.decode_keys.append((str(key), body))


def _load_vehicles(schema, doc, label):
    if "vehicles" in doc:
        section = doc["vehicles"]
        if not isinstance(section, dict):
            fail(doc, "'vehicles' must be a mapping")
        for code, spec in section.items():
            check_keys(spec, {"label", "doc"}, {"label"}, f"vehicle '{code}'")
            schema.vehicles[str(code)] = (str(spec["label"]), scalar_text(spec.get("doc"), spec, "doc"))
    if "vehicle_endpoints" in doc:
        section = doc["vehicle_endpoints"]
        check_keys(section, {"columns", "rows", "stray"}, {"columns", "rows"}, "vehicle_endpoints")
        schema.vehicle_columns = [str(c) for c in section["columns"]]
        if schema.vehicle_columns != sorted(schema.vehicle_columns):
            fail(section, "vehicle_endpoints columns must be sorted")
        rows = section["rows"]
        if not isinstance(rows, dict):
            fail(section, "vehicle_endpoints rows must be a mapping")
        for key, row in rows.items():
            cells = row.split() if isinstance(row, str) else [str(c) for c in row]
            if len(cells) != len(schema.vehicle_columns):
                fail(rows, f"row '{key}' has {len(cells)} entries, expected {len(schema.vehicle_columns)}")
            for cell in cells:
                if cell not in CODES | {"x", "."}:
                    fail(rows, f"row '{key}': unknown cell '{cell}' (expected D, x, ., ST, KC, KP or KS)")
            schema.vehicle_rows[str(key)] = cells
        schema.stray_keys = [str(k) for k in section.get("stray") or []]
        schema.vehicle_endpoints_where = section
    for section_name, target in (("vehicle_specifications", schema.vehicle_specifications),
                                 ("gateway_specifications", schema.gateway_specifications)):
        if section_name in doc:
            section = doc[section_name]
            if not isinstance(section, dict):
                fail(doc, f"'{section_name}' must be a mapping")
            for subject, specs in section.items():
                if not isinstance(specs, dict):
                    fail(section, f"{section_name} of '{subject}' must be a mapping")
                for spec_name, value in specs.items():
                    if not isinstance(value, bool):
                        fail(specs, f"{section_name} '{subject}.{spec_name}' must be true or false")
                target[str(subject)] = dict(specs)


def _load_errors(schema, section, label):
    if section is None:
        return
    if not isinstance(section, list):
        raise SchemaError(f"{label}:1: 'errors' must be a list")
    for spec in section:
        check_keys(spec, {"code", "source", "name", "condition", "message", "doc", "http_status"},
                   {"code", "source", "name", "condition"}, "error")
        status = spec.get("http_status", 0)
        if isinstance(status, bool) or not isinstance(status, int) or not (status == 0 or 100 <= status <= 599):
            fail(spec, f"error '{spec['code']}': http_status must be an HTTP status (100 to 599)")
        check_ident(spec, spec["name"], "error name")
        if spec["source"] not in ERROR_SOURCES:
            fail(spec, f"error '{spec['code']}': source must be one of {', '.join(ERROR_SOURCES)}")
        if spec["condition"] not in CONDITIONS:
            fail(spec, f"error '{spec['code']}': condition must be one of {', '.join(sorted(CONDITIONS))}")
        schema.errors.append({
            "code": str(spec["code"]), "source": spec["source"], "name": spec["name"],
            "condition": spec["condition"], "http_status": status,
            "message": scalar_text(spec.get("message"), spec, "message"),
            "doc": scalar_text(spec.get("doc"), spec, "doc"), "where": where(spec)})


def _load_operations(schema, section, label):
    """Client operations: each becomes a throwing, an error_code and an async_ member function of
    the client, account or vehicle, all calling one coroutine (`impl`) of the hand-written class."""
    if section is None:
        return
    if not isinstance(section, list):
        raise SchemaError(f"{label}:1: 'operations' must be a list")
    seen = set()
    for spec in section:
        check_keys(spec, {"object", "name", "returns", "impl", "args", "doc"}, {"object", "name", "returns", "impl"},
                   "operation")
        check_ident(spec, spec["name"], "operation name")
        what = f"operation '{spec['name']}'"
        if spec["object"] not in OPERATION_OBJECTS:
            fail(spec, f"{what}: object must be one of {', '.join(OPERATION_OBJECTS)}")
        if (spec["object"], spec["name"]) in seen:
            fail(spec, f"{what} is listed twice for {spec['object']}")
        seen.add((spec["object"], spec["name"]))
        args = []
        for arg in spec.get("args") or []:
            check_keys(arg, {"name", "type", "default"}, {"name", "type"}, f"{what} argument")
            check_ident(arg, arg["name"], "argument name")
            args.append({"name": arg["name"], "type": str(arg["type"]),
                         "default": scalar_text(arg.get("default"), arg, "default")})
        schema.operations.append({
            "object": spec["object"], "name": spec["name"], "returns": str(spec["returns"]),
            "impl": str(spec["impl"]), "args": args, "doc": scalar_text(spec.get("doc"), spec, "doc"),
            "where": where(spec)})


def _load_locales(schema, doc, label):
    if "locale_defaults" in doc:
        check_keys(doc["locale_defaults"], set(LOCALE_KEYS), set(LOCALE_KEYS), "locale_defaults")
        schema.locale_defaults = {k: str(v) for k, v in doc["locale_defaults"].items()}
    if "locales" in doc:
        section = doc["locales"]
        if not isinstance(section, dict):
            fail(doc, "'locales' must be a mapping")
        for locale, spec in section.items():
            if not re.fullmatch(r"[a-z]{2}_[A-Z]{2}", str(locale)):
                fail(section, f"locale '{locale}' is not of the form xx_XX")
            spec = spec or {}
            check_keys(spec, set(LOCALE_KEYS), set(), f"locale '{locale}'")
            schema.locales.append((str(locale), {k: str(v) for k, v in spec.items()}))


# ---------------------------------------------------------------------------------------------
# Cross-checks and derived data


def _resolve(schema):
    for model in schema.models.values():
        if model.extends:
            if model.extends not in schema.models:
                fail(model, f"model '{model.name}' extends unknown model '{model.extends}'")
    # Flatten `extends` (base fields first); detect cycles.
    done = {}

    def flatten(model, chain):
        if model.name in done:
            return done[model.name]
        if model.name in chain:
            fail(model, f"model '{model.name}' extends itself through {' -> '.join(chain)}")
        fields = []
        if model.extends:
            fields = list(flatten(schema.models[model.extends], chain + [model.name]))
        own_keys = {f.key for f in model.fields}
        own_names = {f.name for f in model.fields}
        fields = [f for f in fields if f.key not in own_keys and f.name not in own_names]
        done[model.name] = fields + model.fields
        return done[model.name]

    for model in schema.models.values():
        model.all_fields = flatten(model, [])

    for model in schema.models.values():
        for f in model.all_fields:
            container, inner = parse_type(f.type)
            if inner not in BUILTINS and inner not in schema.models and inner not in schema.enums:
                fail(f, f"field '{model.name}.{f.name}' has unknown type '{f.type}'")
            if container is None and inner == model.name:
                fail(model, f"model '{model.name}' contains itself (use list<...>)")

    names = set()
    for ep in schema.endpoints:
        if ep.name in names:
            fail(ep, f"endpoint name '{ep.name}' is used twice")
        names.add(ep.name)
        for body in (ep.request, ep.response):
            if body and body.model and body.model not in schema.models:
                fail(body, f"endpoint '{ep.key}': unknown model '{body.model}'")
        if not ep.response.model:
            fail(ep.response, f"endpoint '{ep.key}': the response needs a model")
        if ep.response.shape == "form":
            fail(ep.response, f"endpoint '{ep.key}': a response cannot have shape form")
        if ep.request and ep.request.shape == "data" and not ep.request.type:
            fail(ep.request, f"endpoint '{ep.key}': a data request needs a type")
        if ep.request and ep.request.shape in ("flat", "array") and not ep.request.model:
            fail(ep.request, f"endpoint '{ep.key}': a {ep.request.shape} request needs a model")
    for key, body in schema.decode_keys:
        if body.model not in schema.models:
            fail(body, f"decode key '{key}': unknown model '{body.model}'")

    mode_cpp = {m.name: m.cpp for m in schema.endpoint_modes}
    for ep in schema.endpoints:
        if not schema.endpoint_modes:
            fail(ep, f"endpoint '{ep.key}': the schema has no 'endpoint_modes'")
        if ep.mode is None:
            ep.mode = schema.endpoint_modes[0].name
        if ep.mode not in mode_cpp:
            fail(ep, f"endpoint '{ep.key}': mode must be one of {', '.join(m.name for m in schema.endpoint_modes)}")
        ep.mode_cpp = mode_cpp[ep.mode]

    defaults = {}
    for ep in schema.endpoints:
        if ep.code == "D" and ep.table:
            if ep.applies_to in defaults:
                fail(ep, f"two default definitions for '{ep.applies_to}'")
            defaults[ep.applies_to] = ep
    schema.default_table = defaults

    if schema.vehicle_rows:
        for code in schema.vehicle_columns:
            if schema.vehicles and code not in schema.vehicles:
                fail(schema.vehicle_endpoints_where, f"column '{code}' is not a listed vehicle")
        for key, cells in schema.vehicle_rows.items():
            for column, cell in zip(schema.vehicle_columns, cells):
                if cell in (".", "x"):
                    continue
                if find_definition(schema, key, cell) is None and key not in schema.stray_keys:
                    fail(schema.vehicle_endpoints_where,
                         f"row '{key}', model {column}: no definition with code {cell} applies to '{key}'")
        for key in schema.stray_keys:
            if key not in schema.vehicle_rows:
                fail(schema.vehicle_endpoints_where, f"stray key '{key}' has no row")

    for locale, overrides in schema.locales:
        missing = [k for k in LOCALE_KEYS if k not in overrides and k not in schema.locale_defaults]
        if missing:
            raise SchemaError(f"locale '{locale}' has no value for {', '.join(missing)}")

    codes, error_names = set(), set()
    for err in schema.errors:
        if err["code"] in codes:
            raise SchemaError(f"{err['where']}: error code '{err['code']}' is listed twice")
        codes.add(err["code"])
        # The names become renault::errc enumerators next to the library's own codes.
        if err["name"] in error_names:
            raise SchemaError(f"{err['where']}: error name '{err['name']}' is used twice")
        error_names.add(err["name"])


def find_definition(schema, key, code):
    """The endpoint definition that code (D/ST/KC/KP/KS) selects for the table row `key`."""
    if code == "D":
        return schema.default_table.get(key)
    for ep in schema.endpoints:
        if ep.applies_to == key and ep.code == code:
            return ep
    return None
