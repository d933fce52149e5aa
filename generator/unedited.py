"""Warnings for starter text that `factcheck init` wrote and nobody has edited yet.

The starter pages carry `factcheck: starter` in their front matter, the starter YAML files a
`# factcheck: starter` comment, and every place a newsroom must fill in starts with `[✎`. Each is a
warning, never an error: a new site builds at once, and the warnings say what is left to write.
"""

from __future__ import annotations

import re
from pathlib import Path

from .load import Loaded
from .problems import WARNING, Problem

MARKER = re.compile(r"^[ \t]*(?:#[ \t]*)?factcheck:[ \t]*starter\b", re.M)
FILL_IN = "[✎"
PREFIX = "this is unedited starter text from factcheck init: "


def _problems(shown: str, text: str, kind: str) -> list[Problem]:
    out = []
    for m in MARKER.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        col = m.group().index("factcheck") + 1
        if kind == "page":
            what = "rewrite the page for your newsroom, then delete the front matter that says `factcheck: starter`"
        else:
            what = "adapt this file to your newsroom, then delete the comment line that says `factcheck: starter`"
        out.append(Problem(shown, line, col, WARNING, PREFIX + what))
    start = 0
    while (i := text.find(FILL_IN, start)) != -1:
        line = text.count("\n", 0, i) + 1
        col = i - (text.rfind("\n", 0, i) + 1) + 1
        end = text.find("]", i, i + 400)
        what = text[i + 1 : end if end != -1 else i + 80].strip()
        if len(what) > 80:
            what = what[:79].rstrip() + "…"
        out.append(
            Problem(shown, line, col, WARNING, PREFIX + f"replace [{what}] with your own text")
        )
        start = i + len(FILL_IN)
    return out


def starter_problems(loaded: Loaded) -> list[Problem]:
    """Warnings for the starter markers in the pages and the list files (ratings, topics)."""
    out: list[Problem] = []
    for rel, text in loaded.pages.items():
        if "factcheck" in text or FILL_IN in text:
            out += _problems(loaded.show(rel), text, "page")
    for raw in loaded.files:
        if not raw.kind.list_file:  # only ratings.yaml and topics.yaml are ever starter files
            continue
        text = raw.text
        if not text and raw.file is not None:  # lightened after a parallel check: read it again
            try:
                text = Path(raw.file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
        out += _problems(raw.display, text, "yaml")
    return out
