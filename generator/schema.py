"""JSON Schema for each content file, derived from `spec.py`, so editors complete and flag fields.

Editors with the YAML language server pick these up from the first line of a file:
`# yaml-language-server: $schema=../../schemas/claim.schema.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

from .load import WINDOWS_DEVICES
from .spec import ID_MAX, ID_PATTERN, KINDS, RESERVED_IDS, Field, Kind
from .validate import COLOR_PATTERN, DATE_PATTERN, URL_PATTERN

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# The id of an item with a page (or of the file it is read from), and so of a reference to one:
# not a name Windows keeps for a device (con, aux, com1), whose folder or file cannot be made
# there. A source's id names no page or file, so it may be one.
PAGE_ID_PATTERN = f"^(?!(?:{'|'.join(sorted(WINDOWS_DEVICES))})$){ID_PATTERN.removeprefix('^')}"


def _field_schema(f: Field) -> dict:
    s: dict = {"description": f.doc}
    t = f.type
    if t in ("text", "markdown"):
        s.update(type="string", minLength=1)
        if f.max_length:
            s["maxLength"] = f.max_length
    elif t == "id":
        # A bare true/false is the rating with that id, so booleans are allowed where a rating goes.
        s["anyOf"] = [
            {
                "type": "string",
                "pattern": PAGE_ID_PATTERN if f.ref else ID_PATTERN,
                "maxLength": ID_MAX,
            },
            *([{"type": "boolean"}] if f.ref == "rating" or f.name == "id" else []),
        ]
    elif t == "date":
        s.update(type="string", format="date", pattern=DATE_PATTERN)
    elif t == "url":
        s.update(type="string", format="uri", pattern=URL_PATTERN)
    elif t == "bool":
        s["type"] = "boolean"
    elif t == "int":
        s.update(type="integer", minimum=1)
    elif t == "color":
        s.update(type="string", pattern=COLOR_PATTERN)
    elif t == "choice":
        s["enum"] = list(f.choices)
    elif t == "list":
        s.update(type="array", items=_field_schema(f.items))
        if f.min_items:
            s["minItems"] = f.min_items
        if f.max_items is not None:
            s["maxItems"] = f.max_items
    elif t == "object":
        s.update(_object_schema(f.fields))
    return s


def _object_schema(fields: tuple[Field, ...]) -> dict:
    return {
        "type": "object",
        "properties": {f.name: _field_schema(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def schema_for(kind: Kind) -> dict:
    """The JSON Schema of one kind of content file."""
    body = _object_schema(kind.fields)
    if kind.section and "id" in body["properties"]:
        # Each item gets a page in its section, whose index page takes the reserved names.
        body["properties"]["id"]["not"] = {"enum": sorted(RESERVED_IDS)}
        body["properties"]["id"]["anyOf"][0]["pattern"] = PAGE_ID_PATTERN
    if kind.list_file:
        body = {"type": "array", "items": body, "minItems": 1}
    return {
        "$schema": DIALECT,
        "$id": f"{schema_name(kind)}",
        "title": f"{kind.name} ({kind.list_file or kind.folder + '/<id>.yaml'})",
        "description": kind.doc,
        **body,
    }


def schema_name(kind: Kind) -> str:
    """claim.schema.json for folder kinds; ratings.schema.json for the list files."""
    stem = kind.list_file.removesuffix(".yaml") if kind.list_file else kind.name
    return f"{stem}.schema.json"


def write_schemas(out: Path) -> list[Path]:
    """Write one schema file per kind; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS.values():
        path = out / schema_name(kind)
        path.write_text(json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n", "utf-8")
        written.append(path)
    return written
