"""The content format reference in CONTRIBUTING.md, generated from `spec.py`.

`python -m generator.formatdoc` rewrites the part of CONTRIBUTING.md between the two marker
comments; `python -m generator.formatdoc --check` exits 1 when that part is out of date (a test
does the same), so the documentation cannot drift from the format the validator enforces.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .spec import (
    BUILD_FOLDERS,
    ID_MAX,
    ID_PATTERN,
    KINDS,
    LIMITS,
    RESERVED_IDS,
    SECTIONS,
    Field,
    Kind,
)

BEGIN = (
    "<!-- BEGIN format reference: generated from generator/spec.py by "
    "`python -m generator.formatdoc`; do not edit by hand -->"
)
END = "<!-- END format reference -->"

_WHERE = {
    "claim": "`claims/<id>.yaml`",
    "person": "`people/<id>.yaml`",
    "document": "`documents/<id>.yaml`",
    "rating": "`ratings.yaml`",
    "topic": "`topics.yaml`",
}
_PLURAL = {"url": "web addresses", "date": "dates", "text": "texts"}
_TYPES = {
    "text": "text",
    "markdown": "Markdown text",
    "date": "date, `YYYY-MM-DD`",
    "url": "web address, `https://…`",
    "bool": "`true` or `false`",
    "int": "whole number, 1 or more",
    "color": "colour, `#rrggbb`",
}


def _names(names) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _type(f: Field) -> str:
    t = f.type
    if t == "id":
        out = f"{f.ref} id, {_WHERE[f.ref]}" if f.ref in _WHERE else "id"
    elif t == "choice":
        out = "one of " + ", ".join(f"`{c}`" for c in f.choices)
    elif t == "list":
        item = f.items
        if item is None:  # pragma: no cover - every list in spec.py names its items
            out = "list"
        elif item.type == "id":
            out = f"list of {item.ref} ids, {_WHERE[item.ref]}" if item.ref else "list of ids"
        elif item.type == "object":
            out = f"list of {item.name}s (below)"
        else:
            out = f"list of {_PLURAL.get(item.type, item.type)}"
        if f.min_items:
            out += f", at least {f.min_items}"
        if f.max_items is not None:
            out += f", at most {f.max_items}"
    elif t == "object":
        out = "fields (below)"
    else:
        out = _TYPES.get(t, t)
    if f.max_length:
        out += f", at most {f.max_length} characters"
    return out


def _table(fields: tuple[Field, ...]) -> list[str]:
    rows = ["| field | required | type | meaning |", "|---|---|---|---|"]
    for f in fields:
        rows.append(
            f"| `{f.name}` | {'yes' if f.required else 'no'} | {_cell(_type(f))} | {_cell(f.doc)} |"
        )
    return rows


def _nested(fields: tuple[Field, ...]) -> list[tuple[str, Field]]:
    """(field name, item field) for each list of objects, in order, nested ones after their parent."""
    out = []
    for f in fields:
        if f.type == "list" and f.items is not None and f.items.type == "object":
            out.append((f.name, f.items))
            out += _nested(f.items.fields)
    return out


def _kind(kind: Kind) -> list[str]:
    if kind.folder:
        # A file named after another kind's id (verdicts/<claim-id>.yaml) says so.
        named = kind.name
        first = kind.fields[0]
        if first.required and first.type == "id" and first.ref in KINDS:
            named = first.ref
        title = f"### `{kind.folder}/<{named}-id>.yaml`: one {kind.name} per file"
        intro = f"{kind.doc} The file name is the {named}'s id."
    else:
        title = f"### `{kind.list_file}`: a list, one entry per {kind.name}"
        intro = f"{kind.doc} Start each entry with `- `."
    lines = [title, "", _cell(intro), "", *_table(kind.fields)]
    for name, item in _nested(kind.fields):
        doc = _cell(item.doc)
        lines += [
            "",
            f"Each item of `{name}`: {doc[:1].lower()}{doc[1:]}",
            "",
            *_table(item.fields),
        ]
    return lines


def format_reference() -> str:
    """The Markdown reference of every content file, from spec.py."""
    kib = LIMITS["yaml_bytes"] // 1024
    mib = LIMITS["text_bytes"] // (1024 * 1024)
    lines = [
        "Every content file lives under `content/`. An id is the file's name without `.yaml`: "
        f"lowercase letters a-z, digits and single hyphens, at most {ID_MAX} characters "
        f"(`{ID_PATTERN}`). It is the page's permanent address, so it never changes once published. "
        "These names cannot be ids, since a list's pages take them as addresses (`/claims/`, "
        f"`/claims/page/2/`): {_names(sorted(RESERVED_IDS))}.",
        "",
        'A web address starts with `http://` or `https://`. A space, `"`, `<`, `>`, a backtick or an '
        'invisible character cannot stand in one: percent-encode it (a space is `%20`, `"` is '
        "`%22`). Letters of any script are fine.",
        "",
        "Hand-written pages are Markdown files in `pages/`; the file name is the page's address "
        "(`pages/about.md` is `/about/`). `pages/index.md` is the introduction of the home page, and "
        f"`pages/<section>.md` that of a generated section's list page ({_names(SECTIONS)}); no "
        "page may go inside a section's folder, nor use the names of the build's own folders "
        f"({_names(BUILD_FOLDERS)}).",
        "",
        f"Limits: a YAML file may be up to {kib} KiB and a document's text up to {mib} MiB; values "
        f"may nest at most {LIMITS['depth']} levels deep, with at most {LIMITS['nodes']:,} values "
        "in one file. YAML aliases (`*name`) and tags (`!!python/...`) are refused.",
    ]
    for kind in KINDS.values():
        lines += ["", *_kind(kind)]
    return "\n".join(lines) + "\n"


def replace_generated(text: str, generated: str) -> str:
    """`text` with the part between the markers replaced by `generated`."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers are missing: add a line {BEGIN} and a line {END}")
    return text[: start + len(BEGIN)] + "\n\n" + generated + "\n" + text[end:]


def update(path: Path, check: bool = False) -> bool:
    """Bring the generated part of a Markdown file up to date; True when it already was."""
    text = path.read_text(encoding="utf-8")
    fresh = replace_generated(text, format_reference())
    if fresh == text:
        return True
    if not check:
        path.write_text(fresh, encoding="utf-8")
    return False


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m generator.formatdoc", description=__doc__)
    p.add_argument("file", nargs="?", default="CONTRIBUTING.md")
    p.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = p.parse_args(argv)
    try:
        current = update(Path(args.file), check=args.check)
    except (OSError, ValueError) as e:
        print(f"formatdoc: {e}", file=sys.stderr)
        return 2
    if not current:
        print(
            f"{args.file}: the format reference "
            + ("is out of date: run python -m generator.formatdoc" if args.check else "updated"),
            file=sys.stderr,
        )
        return 1 if args.check else 0
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
