"""`factcheck schema`: JSON Schema files from the one definition in spec.py, kept committed.

The `jsonschema` package is not a dependency, so the schemas are checked by hand: against the
structure draft 2020-12 requires for the keywords used, and by a small validator for that subset,
which then checks the real content and the test fixture as an editor would see them (YAML 1.2:
unquoted dates are strings).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from test_validate import FIXTURE

from generator.cli import main as factcheck
from generator.schema import DIALECT, schema_for, schema_name, write_schemas
from generator.spec import KINDS

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
CONTENT = REPO / "content"

# Keywords the generated schemas may use, and the JSON type of each one's value.
KEYWORDS = {
    "$schema": str,
    "$id": str,
    "title": str,
    "description": str,
    "type": str,
    "properties": dict,
    "required": list,
    "additionalProperties": bool,
    "items": dict,
    "minItems": int,
    "maxItems": int,
    "minLength": int,
    "maxLength": int,
    "minimum": int,
    "pattern": str,
    "format": str,
    "enum": list,
    "anyOf": list,
    "not": dict,
}
TYPES = {"string", "integer", "number", "boolean", "array", "object", "null"}


def assert_well_formed(schema: dict, where: str = "#") -> None:
    """The structural rules of draft 2020-12 for the keywords used here."""
    assert isinstance(schema, dict), where
    for key, value in schema.items():
        assert key in KEYWORDS, f"{where}: unexpected keyword {key}"
        assert isinstance(value, KEYWORDS[key]), f"{where}/{key}"
    if "type" in schema:
        assert schema["type"] in TYPES, where
    for key in ("minItems", "maxItems", "minLength", "maxLength"):
        if key in schema:
            assert schema[key] >= 0, where
    if "pattern" in schema:
        re.compile(schema["pattern"])  # also valid ECMA-262 for these simple patterns
        assert "(?P" not in schema["pattern"] and "\\A" not in schema["pattern"], where
    if "enum" in schema:
        assert schema["enum"] and len(set(schema["enum"])) == len(schema["enum"]), where
    if "required" in schema:
        assert len(set(schema["required"])) == len(schema["required"]), where
        assert set(schema["required"]) <= set(schema.get("properties", {})), where
    for name, sub in schema.get("properties", {}).items():
        assert_well_formed(sub, f"{where}/properties/{name}")
    if "items" in schema:
        assert_well_formed(schema["items"], f"{where}/items")
    for i, sub in enumerate(schema.get("anyOf", [])):
        assert_well_formed(sub, f"{where}/anyOf/{i}")
    if "not" in schema:
        assert_well_formed(schema["not"], f"{where}/not")


def errors(schema: dict, value, where: str = "") -> list[str]:
    """A validator for the subset of JSON Schema the generated files use."""
    out: list[str] = []
    if "anyOf" in schema and all(errors(s, value, where) for s in schema["anyOf"]):
        out.append(f"{where}: matches none of anyOf")
    if "not" in schema and not errors(schema["not"], value, where):
        out.append(f"{where}: {value!r} is refused (not)")
    t = schema.get("type")
    checks = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
    }
    if t and not checks[t](value):
        return [*out, f"{where}: expected {t}, found {type(value).__name__}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{where}: {value!r} not in enum")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            out.append(f"{where}: too short")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            out.append(f"{where}: too long")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        out.append(f"{where}: below minimum")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(f"{where}: too few items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            out.append(f"{where}: too many items")
        for i, item in enumerate(value):
            out += errors(schema.get("items", {}), item, f"{where}[{i}]")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        out += [f"{where}: missing {k}" for k in schema.get("required", []) if k not in value]
        if schema.get("additionalProperties") is False:
            out += [f"{where}: unknown {k}" for k in value if k not in props]
        for k, v in value.items():
            if k in props:
                out += errors(props[k], v, f"{where}.{k}")
    return out


def as_editor_sees(path: Path):
    """A YAML file's data as the YAML language server reads it (YAML 1.2: dates are strings)."""

    def plain(v):
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        if isinstance(v, dt.date):
            return v.isoformat()
        return v

    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


def files_of(root: Path):
    for kind in KINDS.values():
        if kind.folder:
            for path in sorted((root / kind.folder).glob("*.yaml")):
                yield kind, path
        elif (root / kind.list_file).exists():
            yield kind, root / kind.list_file


# -- the files --------------------------------------------------------------------------------


def test_factcheck_schema_writes_one_file_per_kind(tmp_path, capsys):
    assert factcheck(["schema", str(tmp_path / "out")]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(schema_name(k) for k in KINDS.values())
    assert names == [
        "claim.schema.json",
        "document.schema.json",
        "person.schema.json",
        "ratings.schema.json",
        "redirects.schema.json",
        "topics.schema.json",
        "verdict.schema.json",
    ]
    assert capsys.readouterr().out.count("wrote ") == 7


def test_the_committed_schemas_are_what_factcheck_schema_writes_now(tmp_path):
    write_schemas(tmp_path)
    for path in sorted(tmp_path.iterdir()):
        committed = SCHEMAS / path.name
        assert committed.exists(), f"schemas/{path.name} is missing: run factcheck schema"
        assert committed.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"schemas/{path.name} is out of date: run factcheck schema"
        )
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(
        p.name for p in tmp_path.iterdir()
    )


@pytest.mark.parametrize("kind", list(KINDS), ids=list(KINDS))
def test_each_schema_is_well_formed_json_schema(kind):
    schema = json.loads((SCHEMAS / schema_name(KINDS[kind])).read_text(encoding="utf-8"))
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert_well_formed(schema)
    body = schema["items"] if KINDS[kind].list_file else schema
    assert set(body["properties"]) == {f.name for f in KINDS[kind].fields}
    assert body["required"] == [f.name for f in KINDS[kind].fields if f.required]
    assert body["additionalProperties"] is False


# -- content against the schemas --------------------------------------------------------------


@pytest.mark.parametrize("root", [FIXTURE, CONTENT], ids=["fixture", "content"])
def test_content_validates_against_the_schemas(root):
    checked = 0
    for kind, path in files_of(root):
        schema = schema_for(kind)
        found = errors(schema, as_editor_sees(path))
        assert found == [], f"{path.relative_to(root)}: {found}"
        checked += 1
    assert checked  # ratings.yaml at least


def test_real_claims_validate_against_the_claim_schema():
    schema = json.loads((SCHEMAS / "claim.schema.json").read_text(encoding="utf-8"))
    for path in sorted((CONTENT / "claims").glob("*.yaml")):
        assert errors(schema, as_editor_sees(path)) == [], path.name


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(claimnt="x"), ": unknown claimnt"),
        (lambda d: d.pop("claimant"), ": missing claimant"),
        (lambda d: d.update(date="24 October 2024"), ".date: '24 October 2024' does not match"),
        (lambda d: d.update(claimant="Jane_Doe"), ".claimant: matches none of anyOf"),
        (lambda d: d.update(topics="transport"), ".topics: expected array"),
        (lambda d: d["appearances"][0].update(url="javascript:alert(1)"), ".appearances[0].url:"),
        (lambda d: d.update(appearances=[]), ".appearances: too few items"),
        (lambda d: d.update(title="x" * 76), ".title: too long"),
    ],
    ids=["unknown", "missing", "date", "id", "list", "url", "min-items", "max-length"],
)
def test_the_claim_schema_flags_what_the_validator_flags(change, expected):
    data = as_editor_sees(FIXTURE / "claims" / "bus-fares-doubled.yaml")
    change(data)
    found = errors(schema_for(KINDS["claim"]), data)
    assert any(e.startswith(expected) for e in found), found


def test_a_bare_true_or_false_is_a_rating_in_the_schema_too():
    verdict = as_editor_sees(FIXTURE / "verdicts" / "bus-fares-doubled.yaml")
    assert verdict["rating"] is False
    assert errors(schema_for(KINDS["verdict"]), verdict) == []


@pytest.mark.parametrize("kind", ["rating", "topic"])
def test_list_file_schemas_refuse_the_reserved_ids_as_the_validator_does(kind, tmp_path):
    """`index` would be the page of the section's list itself (ratings/index/ is ratings/)."""
    schema = schema_for(KINDS[kind])
    entry = {"id": "index", "label": "Index", "description": "x"}
    if kind == "rating":
        entry["value"] = 1
    fine = {**entry, "id": "indexes"}
    assert errors(schema, [fine]) == []
    assert errors(schema, [entry]) == ["[0].id: 'index' is refused (not)"]
