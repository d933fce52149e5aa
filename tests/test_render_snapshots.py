"""Golden files: the exact Markdown (front matter + HTML) of one page of each kind.

A change to the renderer shows up here as a readable diff. When the change is intended, regenerate
the files and review them like code:

    UPDATE_SNAPSHOTS=1 python -m pytest tests/test_render_snapshots.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from factories import SETTINGS, sample_site

from generator.render import render_pages

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"
PAGES = [
    "index.md",
    "about.md",
    "methodology.md",
    "claims/index.md",
    "claims/unemployment-doubled.md",
    "claims/crime-record-low.md",
    "claims/new-hospital.md",
    "ratings/index.md",
    "ratings/mostly-false.md",
    "topics/index.md",
    "topics/economy.md",
    "people/index.md",
    "people/jane-doe.md",
    "people/rita-editor.md",
    "documents/index.md",
    "documents/speech-2025.md",
    "sources/index.md",
    "corrections/index.md",
]


@pytest.fixture(scope="module")
def pages():
    return render_pages(sample_site(), SETTINGS)


@pytest.mark.parametrize("path", PAGES)
def test_page_matches_its_snapshot(pages, path):
    golden = SNAPSHOTS / path.replace("/", "__")
    actual = pages[path].markdown
    if UPDATE or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
        if not UPDATE:
            pytest.fail(f"{golden} did not exist and was written; review it and run again")
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{path} changed; if intended, run UPDATE_SNAPSHOTS=1 pytest {__file__} and review the diff"
    )


def test_every_snapshot_is_still_used():
    names = {p.replace("/", "__") for p in PAGES}
    stale = sorted(p.name for p in SNAPSHOTS.glob("*.md") if p.name not in names)
    assert not stale, f"snapshots no page produces: {stale}"
