"""A hostile-input sweep of every output file: each text a contributor writes carries script, markup
that closes a tag or an attribute early, `]]>` and `-->`, spreadsheet formula starts, U+2028/U+2029 and
control characters and non-characters written as YAML escapes; each address carries quotes and `&`.

One real build of that tree, and every file in it checked: no HTML page (404 and embed cards too)
runs anything, ClaimReview JSON-LD parses and holds the exact text, feeds and sitemaps are
well-formed XML without a character XML forbids, the JSON exports and oEmbed answers hold the exact
text, and no CSV cell starts a formula. tests/test_safety.py checks the pages' markup in more
detail; this file covers the machine-readable files and the characters.
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from factories import MINI, REPO, SETTINGS, html_files, parse, sample_content

from generator import share
from generator.build import build
from generator.link import link

CLOSE = "</script><script>alert(1)</script>"
ATTR = '"><img src=x onerror=alert(1)>'
SINGLE = "'><svg onload=alert(1)>"
ODD = "]]> --> <!-- &amp; {{ 7*7 }} ${x} line\u2028sep\u2029para"
EVIL = f"{CLOSE} {ATTR} {SINGLE} {ODD}"
# Written into the YAML as escapes where MARK stands; every one of them is removed from the text.
MARK = "QQMARKQQ"
ESCAPES = r"\0\x01\x08\x0b\x1b\x7f\x85\x9f\ufffe\uffff\U0010FFFF\U0001FFFE"
# A single quote and '&' are allowed in a web address (the validator refuses " < > and spaces).
URL = "https://ok.example/'onmouseover='alert(1)'&x=1&amp;y=]]--"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 forbids even escaped, and the non-characters the build removes.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class _Quoted(yaml.SafeDumper):
    """Every text double-quoted, so that MARK can become YAML escapes."""


_Quoted.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style='"'))


def _edit(root: Path, rel: str, change) -> None:
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    text = yaml.dump(data, Dumper=_Quoted, allow_unicode=True, sort_keys=False, width=10**9)
    path.write_text(text.replace(MARK, ESCAPES), encoding="utf-8")


def _text(start: str) -> str:
    """A hostile text as written (with MARK where the escapes go), starting with `start`."""
    return f"{start}{MARK}{EVIL}{MARK} end"


def _line(start: str) -> str:
    """The same for a one-line field (a name, a title, a label): without U+2028/U+2029, which
    validate refuses there, as a line break readers could not see."""
    return _text(start).replace("\u2028", " ").replace("\u2029", " ")


def shown(written: str) -> str:
    """The text readers get: the escaped characters removed."""
    return written.replace(MARK, "")


TITLE = f"-{MARK}{CLOSE}{ATTR}"  # under 75 characters
LABELS = {  # rating id -> label (at most 40 characters)
    "true": '=HYPERLINK("x"), rating:F</script>',  # a comma separates Pagefind values
    "mostly-true": f"+{ATTR}"[:40],
    "half-true": f"-{SINGLE}",
    "misleading": "@line sep para",
    "mostly-false": f"\t=1 ]]> --> {MARK}",
    "false": "-1, rating_id:true",
    "unproven": "<!-- 6",
}
CLAIMS = {  # claim id -> claim text
    "unemployment-doubled": _text("=1+2 "),
    "crime-record-low": _text("@"),
    "exports-halved": _text("+"),
    "new-hospital": _text("\t"),
}
SUMMARY = _text("=")
PERSON = _line("@")
TOPIC = _line("-")
SOURCE = _line("=")
DOCUMENT = _line("=cmd|' /C calc'!A0 ")


def hostile_tree(root: Path) -> Path:
    shutil.copytree(MINI, root)

    def ratings(d):
        for r in d:
            r.update(label=LABELS[str(r["id"]).lower()], description=_text(""))

    _edit(root, "ratings.yaml", ratings)
    _edit(
        root,
        "topics.yaml",
        lambda d: [t.update(label=TOPIC + t["id"], description=TOPIC) for t in d],
    )
    for n, p in enumerate(sorted((root / "people").glob("*.yaml"))):
        _edit(
            root,
            f"people/{p.name}",
            lambda d, n=n: d.update(name=PERSON + str(n), description=PERSON, same_as=[URL]),
        )
    _edit(
        root,
        "documents/speech-2025.yaml",
        lambda d: d.update(title=DOCUMENT, publisher=DOCUMENT, url=URL, archive_url=URL + "a"),
    )
    for cid, text in CLAIMS.items():

        def claim(d, text=text):
            d["claim"] = text
            d["title"] = TITLE if "title" in d else None
            for a in d["appearances"]:
                if "url" in a:
                    a.update(url=URL + "1", title=_line("+"))
            if d["title"] is None:
                del d["title"]

        _edit(root, f"claims/{cid}.yaml", claim)

    def verdict(d):
        d["summary"] = SUMMARY
        d["body"] = (
            f"{_text('')}\n\n<script>alert(1)</script>\n\n## {CLOSE} {ATTR}\n\n"
            "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:x) [d](data:x,y) "
            '[e](https://ok.example/ "t\\" onmouseover=alert(1)") <javascript:alert(1)>\n\n'
            f"```\n{CLOSE}\n```\n\n" + d["body"]
        )
        for s in d["sources"]:
            s.update(title=SOURCE, publisher=SOURCE, url=URL + s["id"])
        for u in d.get("updates", []):
            u["note"] = _text("-")

    for p in sorted((root / "verdicts").glob("*.yaml")):
        _edit(root, f"verdicts/{p.name}", verdict)
    (root / "redirects.yaml").write_text("- from: old-address\n  to: unemployment-doubled\n")
    for page in (root / "pages").glob("*.md"):
        body = page.read_text(encoding="utf-8")
        front = f"title: {json.dumps('T ' + EVIL)}\ndescription: {json.dumps('D ' + EVIL)}\n"
        page.write_text(
            f"---\n{front}---\n{body}\n\n{EVIL}\n\n## {CLOSE}\n\n[x](javascript:alert(1))\n",
            encoding="utf-8",
        )
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("injection")
    out = tmp / "site"
    assert build(hostile_tree(tmp / "content"), out, REPO / "mkdocs.yml") == 0
    return out


def _files(site: Path, *suffixes: str) -> dict[str, bytes]:
    """Site path -> bytes (a .gz file as its contents, under its name without .gz)."""
    out = {}
    for p in sorted(site.rglob("*")):
        rel = p.relative_to(site).as_posix()
        if not p.is_file() or rel.startswith(("assets/", "pagefind/")):
            continue
        data = p.read_bytes()
        if rel.endswith(".gz"):
            rel, data = rel[:-3], gzip.decompress(data)
        if rel.endswith(suffixes):
            out[rel] = data
    return out


_DANGEROUS = re.compile(r"(javascript|data|vbscript):", re.IGNORECASE)


def test_no_page_runs_a_payload(site):
    pages = html_files(site)
    names = {p.relative_to(site).as_posix() for p in pages}
    assert {"404.html", "claims/unemployment-doubled/embed/index.html"} <= names
    assert "claims/old-address/index.html" in names  # the redirect page
    for path in pages:
        where = path.relative_to(site).as_posix()
        page = parse(path)
        for tag, attrs in page.elements:
            assert tag not in ("iframe", "object", "embed", "base"), (where, tag, attrs)
            assert not (tag == "img" and attrs.get("src") == "x"), where
            for name, value in attrs.items():
                assert not name.startswith("on"), (where, tag, attrs)
                if (
                    name in ("href", "src", "action", "formaction")
                    or name == "content"
                    and (attrs.get("http-equiv"))
                ):
                    # Browsers drop ASCII white space and controls inside a scheme.
                    bare = re.sub(r"[\x00-\x20]", "", value or "").split("url=")[-1]
                    assert not _DANGEROUS.match(bare), (where, tag, attrs)
        for attrs, body in page.scripts:
            if attrs.get("type") in ("application/ld+json", "application/json"):
                json.loads(body)  # complete: nothing closed the element early
            else:
                assert "alert" not in body, (where, body)


def test_claimreview_json_ld_holds_the_exact_text(site):
    for cid, text in CLAIMS.items():
        path = site / "claims" / cid / "index.html"
        reviews = parse(path).jsonld()
        if cid == "new-hospital":  # under review: no ClaimReview
            assert reviews == []
            continue
        (review,) = reviews
        claim_title = shown(TITLE) if cid == "unemployment-doubled" else shown(text)
        assert review["claimReviewed"] == claim_title
        assert review["reviewRating"]["ratingExplanation"] == shown(SUMMARY)
        assert review["itemReviewed"]["author"]["name"].startswith(shown(PERSON))
        raw = path.read_text(encoding="utf-8")
        start = raw.index('<script type="application/ld+json">') + 35
        assert "<" not in raw[start : raw.index("</script>", start)]
    labels = {
        parse(site / "claims" / cid / "index.html").jsonld()[0]["reviewRating"]["alternateName"]
        for cid in ("unemployment-doubled", "crime-record-low", "exports-halved")
    }
    assert labels <= {shown(label) for label in LABELS.values()}


def test_feeds_and_sitemaps_are_well_formed_xml_without_forbidden_characters(site):
    files = _files(site, ".xml")
    assert {"feed.xml", "sitemap.xml", "topics/economy/feed.xml"} <= set(files)
    atom = "{http://www.w3.org/2005/Atom}"
    for rel, data in files.items():
        text = data.decode("utf-8")
        assert not NOT_IN_XML.search(text), rel
        root = ET.fromstring(data)
        if rel.endswith("feed.xml") and root.tag == f"{atom}feed":
            for entry in root.iter(f"{atom}entry"):
                title = entry.findtext(f"{atom}title") or ""
                assert "QQ" not in title and "</script>" in title, title
    feed = ET.fromstring(files["feed.xml"])
    names = {e.findtext(f"{atom}name") for e in feed.iter(f"{atom}author")}
    assert any((name or "").startswith(shown(PERSON)) for name in names), names
    categories = {c.get("label") for c in feed.iter(f"{atom}category")}
    assert " ".join((shown(TOPIC) + "economy").split()) in {
        " ".join((c or "").split()) for c in categories
    }


def test_json_exports_feeds_and_oembed_hold_the_exact_text(site):
    files = _files(site, ".json", ".jsonl")
    for rel, data in files.items():
        text = data.decode("utf-8")
        assert not NOT_IN_XML.search(text), rel
        if rel.endswith(".jsonl"):
            # Line readers split on U+2028/2029: JSON Lines carry them escaped.
            assert "\u2028" not in text and "\u2029" not in text, rel
            for line in text.splitlines():
                json.loads(line)
        else:
            json.loads(text)
    claims = {c["id"]: c for c in json.loads(files["data/claims.json"])["claims"]}
    for cid, text in CLAIMS.items():
        assert claims[cid]["claim"] == shown(text)
    record = claims["unemployment-doubled"]
    assert record["title"] == shown(TITLE)
    assert record["summary"] == shown(SUMMARY)
    assert [s["url"] for s in record["sources"]] == [URL + "lfs", URL + "broad"]
    items = {
        i["id"].rstrip("/").rsplit("/", 1)[-1]: i for i in json.loads(files["feed.json"])["items"]
    }
    assert shown(TITLE) in items["unemployment-doubled"]["title"]
    assert items["unemployment-doubled"]["summary"].endswith(shown(SUMMARY))
    oembed = json.loads(files["claims/unemployment-doubled/oembed.json"])
    assert oembed["title"] == shown(TITLE)
    card = ET.fromstring(oembed["html"])  # the iframe, with its title attribute intact
    assert card.tag == "iframe" and card.get("title").endswith(shown(TITLE))


def test_no_csv_cell_starts_a_formula_and_the_text_is_kept(site):
    for rel, data in _files(site, ".csv").items():
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
        assert {r["id"] for r in rows} == set(CLAIMS)
        for row in rows:
            for column, cell in row.items():
                assert not cell.startswith(FORMULA_STARTS), (rel, column, cell)
            # The apostrophe is the only change: spreadsheets show the text as written.
            assert row["claim"] == "'" + shown(CLAIMS[row["id"]]), rel
            assert row["claimant_name"].removeprefix("'").startswith(shown(PERSON))


@pytest.mark.parametrize("brk", ["\n", "\r", "\u0085", "\u2029", "\u2028", "\t", "\x0b"])
def test_a_line_break_in_a_rating_label_is_a_space_on_the_share_image(tmp_path, brk):
    """Pillow stopped the whole build at a line break in a label ("raqm_layout() failed") and
    drew a tab as a box: on the image, as on the page, it is a space."""
    content = sample_content()
    rid = content.verdicts["unemployment-doubled"].rating

    def images(label: str) -> dict:
        rating = dataclasses.replace(content.ratings[rid], label=label)
        changed = dataclasses.replace(content, ratings={**content.ratings, rid: rating})
        settings = dataclasses.replace(SETTINGS, og_image_cache=None)
        return share.og_images(link(changed), settings)

    broken = images(f"Mostly{brk}false")
    assert broken == images("Mostly false")


def test_a_line_break_in_the_site_name_is_a_space_on_the_share_image():
    settings = dataclasses.replace(SETTINGS, og_image_cache=None)
    site = link(sample_content())
    drawn = share.og_images(site, dataclasses.replace(settings, site_name="Test\u2029Fact\nDesk"))
    assert drawn == share.og_images(site, dataclasses.replace(settings, site_name="Test Fact Desk"))


@pytest.mark.parametrize("claim", ["x" * 200_000, "word " * 40_000])
def test_a_very_long_claim_is_drawn_from_the_lines_the_card_shows(monkeypatch, claim):
    """The image wrapped the whole text at each of six sizes: a claim of 200,000 letters (a
    warning, not an error) took a minute to draw, and the build over two. Only the lines that
    fit are measured now, and the image is the one its first 5,000 letters give."""
    from PIL import ImageFont

    settings = dataclasses.replace(SETTINGS, og_image_cache=None)
    measure = ImageFont.FreeTypeFont.getlength
    measured = []

    def counted(font, text, *args, **kwargs):
        measured.append(len(text))
        return measure(font, text, *args, **kwargs)

    def card(text: str) -> share.Card:
        content = sample_content()
        claim_of = dataclasses.replace(content.claims["unemployment-doubled"], claim=text)
        changed = dataclasses.replace(content, claims={**content.claims, claim_of.id: claim_of})
        return share.cards(link(changed), settings)["unemployment-doubled"]

    short = share.draw(card(claim[:5000]))
    monkeypatch.setattr(ImageFont.FreeTypeFont, "getlength", counted)
    assert share.draw(card(claim)) == short
    assert len(measured) < 5000, len(measured)
