"""`factcheck new`: commented templates, written from `spec.py` so they always match the format.

A template names every field with its meaning; required fields come first with a placeholder that the
validator rejects until it is filled in (`TODO` is not a valid id, date or address), so a half-done file
cannot be published by accident.
"""

from __future__ import annotations

from pathlib import Path

from .spec import KINDS, Field

_EXAMPLES = {
    "claim": {
        "claim": '"TODO: the claim as it was made, in the claimant\'s words"',
        "title": '"TODO: a short neutral form, under 75 characters"',
        "claimant": "TODO-person-id",
        "date": "TODO-YYYY-MM-DD",
        "appearances": (
            "\n  - document: TODO-document-id\n"
            '    quote: "TODO: the words exactly as they stand in the document"'
        ),
        "topics": "[]",
        "related": "[]",
    },
    "verdict": {
        "rating": "TODO-rating-id   # see content/ratings.yaml",
        "summary": '"TODO: one or two plain sentences: what we found."',
        "body": (
            "|\n  TODO: the reasoning in Markdown. Cite each fact right after it, like this [@example-source].\n"
            "  Link another claim with [[other-claim-id]]."
        ),
        "sources": (
            "\n  - id: example-source\n"
            '    title: "TODO: the source\'s own title"\n'
            '    publisher: "TODO: outlet or agency"\n'
            "    url: TODO-https-address-you-have-seen\n"
            "    date: TODO-YYYY-MM-DD\n"
            "    primary: false"
        ),
        "authors": "[TODO-fact-checker-id]",
        "reviewers": "[]",
        "published": "TODO-YYYY-MM-DD",
    },
    "document": {
        "title": '"TODO: the document\'s title"',
        "kind": "article   # " + ", ".join(KINDS["document"].field("kind").choices),
        "date": "TODO-YYYY-MM-DD",
        "publisher": '"TODO: outlet"',
        "url": "TODO-https-address",
    },
    "person": {
        "name": '"TODO: full name"',
        "kind": "person   # person or organization",
        "description": '"TODO: one line: who they are"',
    },
}

KINDS_NEW = tuple(_EXAMPLES)


def _comment(f: Field) -> str:
    need = "required" if f.required else "optional"
    return f"# {f.name} ({need}): {f.doc}"


def template(kind_name: str, item_id: str) -> str:
    """The text of a new file for one kind."""
    kind = KINDS[kind_name]
    examples = _EXAMPLES[kind_name]
    depth = "../../" if kind.folder else "../"
    lines = [
        f"# yaml-language-server: $schema={depth}schemas/{kind.name}.schema.json",
        f"# {kind.doc}",
        "# Fill in every TODO, then run `factcheck validate` to check the file.",
        "",
    ]
    if kind_name == "verdict":
        lines += [_comment(kind.field("claim")), f"claim: {item_id}", ""]
    for f in sorted(kind.fields, key=lambda f: not f.required):
        if f.name not in examples:
            continue
        example = examples[f.name]
        sep = "" if example.startswith("\n") else " "  # a block value starts on the next line
        lines += [_comment(f), f"{f.name}:{sep}{example}", ""]
    optional = [f.name for f in kind.fields if not f.required and f.name not in examples]
    if optional:
        lines.append("# Other optional fields: " + ", ".join(optional) + " (see CONTRIBUTING.md).")
    return "\n".join(lines).rstrip() + "\n"


def write_new(content: Path, kind_name: str, item_id: str) -> Path:
    """Write the template; refuses to overwrite (raises FileExistsError)."""
    kind = KINDS[kind_name]
    path = content / kind.folder / f"{item_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as fh:  # "x": never overwrite an existing file
        fh.write(template(kind_name, item_id))
    return path
