"""Contributor text is untrusted: script, event handlers, iframes and early `</script>` in every text
field of a content tree, built for real, must reach readers as text and never as markup."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from factories import MINI, REPO, ParsedPage, html_files, parse
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.build import build, export

P = "<script>alert(1)</script>"
Q = '"><img src=x onerror=alert(1)>'
FRAME = '<iframe src="https://evil.example/"></iframe>'
CLICK = "<a href=# onclick=alert(1)>x</a>"
CLOSE = "</script><script>alert(1)</script>"
EVIL = f"{P} {Q} {FRAME} {CLICK} {CLOSE} <!-- & --> ]]>"
TITLE = (P + Q)[:75]
# The validator refuses " < > ` in web addresses; a single quote is allowed, so it must be escaped.
EVIL_URL = "https://evil.example/'onmouseover='alert(1)'&x=1"


def _edit(root: Path, rel: str, change) -> None:
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = change(data) or data
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def evil_tree(root: Path) -> Path:
    """The example tree with the payloads in every text field a contributor writes."""
    shutil.copytree(MINI, root)

    def ratings(d):
        for r in d:
            r["description"] = EVIL
        d[1]["label"] = "<script>x</script>"
        d[2]["icon"] = "<b>"

    def topics(d):
        for t in d:
            t.update(label=EVIL, description=EVIL)

    def claim(d):
        d["claim"] = EVIL
        d["title"] = TITLE
        d["appearances"].append({"document": "speech-2025", "quote": EVIL})
        d["appearances"][1].update(title=EVIL, url=EVIL_URL, archive_url=EVIL_URL)

    def verdict(d):
        d["summary"] = EVIL
        d["body"] = (
            f"{EVIL}\n\n[click](javascript:alert(1)) <javascript:alert(1)> [@lfs] [[exports-halved]]"
            f"\n\n<div onclick=alert(1)>x</div>\n\n```\n{CLOSE}\n```\n\n" + d["body"]
        )
        for s in d["sources"]:
            s.update(title=EVIL, publisher=EVIL)
        d["sources"][1]["url"] = EVIL_URL
        for u in d["updates"]:
            u["note"] = EVIL

    _edit(root, "ratings.yaml", ratings)
    _edit(root, "topics.yaml", topics)
    for p in sorted((root / "people").glob("*.yaml")):
        _edit(
            root,
            p.relative_to(root).as_posix(),
            lambda d: d.update(name=EVIL, description=EVIL, same_as=[EVIL_URL]),
        )
    _edit(
        root,
        "documents/speech-2025.yaml",
        lambda d: d.update(
            title=EVIL, publisher=EVIL, description=EVIL, url=EVIL_URL, archive_url=EVIL_URL
        ),
    )
    text = root / "documents" / "speech-2025.txt"
    text.write_text(text.read_text(encoding="utf-8") + f"\nThey wrote {EVIL} at the end.\n")
    _edit(root, "claims/unemployment-doubled.yaml", claim)
    _edit(root, "claims/crime-record-low.yaml", lambda d: d.update(claim=EVIL, title=TITLE))
    _edit(root, "verdicts/unemployment-doubled.yaml", verdict)
    _edit(root, "verdicts/crime-record-low.yaml", lambda d: d.update(summary=EVIL))
    for page in (root / "pages").glob("*.md"):
        page.write_text(
            f"# {EVIL}\n\n{EVIL}\n\n{P}\n\n[x](javascript:alert(1))\n", encoding="utf-8"
        )
    return root


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("evil")
    out = tmp / "site"
    assert build(evil_tree(tmp / "content"), out, REPO / "mkdocs.yml") == 0
    return out


def assert_no_live_markup(page: ParsedPage, where: str) -> None:
    for tag, attrs in page.elements:
        assert tag not in ("iframe", "object", "embed", "frame"), (where, tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, attrs)
            if name in ("href", "src", "action", "formaction") and value:
                assert not value.strip().lower().startswith(("javascript:", "data:")), (
                    where,
                    attrs,
                )
        if tag == "img":
            assert attrs.get("src") != "x", (where, attrs)
    for attrs, body in page.scripts:
        if attrs.get("type") == "application/ld+json":
            json.loads(body)  # data, complete: nothing closed the element early
            assert "<" not in body, (where, body)
            continue
        assert "alert" not in body, (where, body)
        src = attrs.get("src") or ""
        assert not src.startswith(("http:", "https:", "//")), (where, src)


def test_no_payload_is_live_markup_anywhere(evil_site):
    files = html_files(evil_site)
    assert len(files) > 20
    for path in files:
        assert_no_live_markup(parse(path), str(path.relative_to(evil_site)))


def test_payloads_are_shown_as_text(evil_site):
    claim = parse(evil_site / "claims" / "unemployment-doubled" / "index.html")
    assert claim.text.count(P) >= 5  # claim, summary, body, sources, note, quote...
    assert Q in claim.text and FRAME in claim.text and CLICK in claim.text
    person = parse(evil_site / "people" / "jane-doe" / "index.html")
    assert P in person.text
    document = parse(evil_site / "documents" / "speech-2025" / "index.html")
    assert document.text.count(P) >= 2  # the title and the marked passage in the full text
    about = parse(evil_site / "about" / "index.html")
    assert P in about.text


def test_attributes_keep_their_values(evil_site):
    claim = parse(evil_site / "claims" / "unemployment-doubled" / "index.html")
    assert claim.find("meta", property="og:title", content=TITLE)
    assert claim.find("meta", name="description", content=EVIL)
    # A URL with quotes stays one attribute value.
    assert claim.find("a", href=EVIL_URL)


def test_jsonld_parses_and_holds_the_text(evil_site):
    for slug in ("unemployment-doubled", "crime-record-low"):
        path = evil_site / "claims" / slug / "index.html"
        (review,) = parse(path).jsonld()
        assert review["claimReviewed"] == TITLE
        assert review["reviewRating"]["ratingExplanation"] == EVIL
        raw = path.read_text(encoding="utf-8")
        start = raw.index('<script type="application/ld+json">')
        body = raw[start : raw.index("</script>", start)]
        assert "<" not in body[len('<script type="application/ld+json">') :]


def test_titles_in_the_head_stay_text(evil_site):
    raw = (evil_site / "claims" / "unemployment-doubled" / "index.html").read_text(encoding="utf-8")
    head = raw[: raw.index("</head>")]
    assert "<script>alert" not in head and "<img src=x" not in head
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in head


def test_the_exported_markdown_is_safe_in_plain_mkdocs(tmp_path):
    """Front matter holds escaped text, so even a build without our plugin injects nothing."""
    content = evil_tree(tmp_path / "content")
    out = tmp_path / "export"
    assert export(content, out, REPO / "mkdocs.yml") == 0
    config = tmp_path / "plain.yml"
    config.write_text(
        yaml.safe_dump(
            {
                "site_name": "Export",
                "docs_dir": str(out),
                "site_dir": str(tmp_path / "plain-site"),
                "theme": {"name": "material"},
                "plugins": [],
            }
        )
    )
    mkdocs_build(load_config(str(config)))
    pages = html_files(tmp_path / "plain-site")
    assert len(pages) > 20
    for path in pages:
        assert_no_live_markup(parse(path), str(path))
