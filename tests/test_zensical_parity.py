"""A site started with `factcheck init --language hi` reads the same under Zensical as under mkdocs.

mkdocs-material reaches its end of life in May 2027, so a newsroom that switches engines must not
lose anything a reader sees or hears: the page's language, its title, the article, the skip link in
Hindi and the sections the navigation drawer of a phone lists under the current page (the about,
methodology and corrections pages). Zensical builds those from Markdown headings, and ours are HTML.
The site uses Zensical's classic variant (Material's look), whose drawer lists them as mkdocs' does; in
the default modern variant a button opens them instead (tests/browser/test_zensical_phone.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from factories import ParsedPage
from test_any_language import write_claim

from generator.cli import main
from generator.engines import zensical

pytestmark = pytest.mark.skipif(not zensical.available(), reason="zensical not installed")

SKIP = "सामग्री पर जाएँ"  # "Skip to content": ours (partials/language.html), not Material's "go to topic"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    site = tmp_path_factory.mktemp("hindi") / "desk"
    argv = ["init", str(site), "--name", "Desk", "--url", "https://facts.example.org/"]
    assert main([*argv, "--language", "hi"]) == 0
    write_claim(site)
    # Zensical's classic variant: Material's look, in which the drawer lists the current page's
    # sections (its modern variant has a button for them, see the module docstring).
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("theme:\n", "theme:\n  variant: classic\n", 1)
    )
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(site)
        for engine in ("mkdocs", "zensical"):
            out[engine] = site / f"site-{engine}"
            args = ["build", "--content", "content", "--out", out[engine].name]
            assert main([*args, "--config", "mkdocs.yml", "--engine", engine]) == 0, engine
    return out


def _part(html: str, start: str, end: str) -> str:
    at = html.find(start)
    return html[at : html.find(end, at)] if at >= 0 else ""


def _reader_view(page: Path) -> dict[str, object]:
    html = page.read_text(encoding="utf-8")
    root = re.search(r"<html\b[^>]*>", html).group(0)
    article = re.search(r"<article\b[^>]*>(.*?)</article>", html, re.S)
    drawer = _part(html, "md-sidebar--primary", "md-sidebar--secondary")
    return {
        "lang": re.findall(r'\s(lang|dir)="([^"]*)"', root),
        "title": re.search(r"<title>(.*?)</title>", html, re.S).group(1),
        "article": ParsedPage(article.group(1)).text if article else "",
        "drawer sections": re.findall(r'href="(#[^"]+)"', drawer),
    }


def test_every_page_reads_the_same_under_both_engines(sites):
    mk, zs = sites["mkdocs"], sites["zensical"]
    pages = sorted(p.relative_to(mk) for p in mk.rglob("*.html"))
    assert len(pages) > 10
    for rel in pages:
        assert (zs / rel).is_file(), rel
        assert _reader_view(zs / rel) == _reader_view(mk / rel), rel
    # What the comparison covers on this site: Hindi pages, and sections under the current page.
    about = _reader_view(mk / "about" / "index.html")
    assert ("lang", "hi") in about["lang"] and len(about["drawer sections"]) >= 3


def test_every_page_has_a_hindi_skip_link_to_its_content(sites):
    checked = 0
    for engine, site in sites.items():
        for page in sorted(site.rglob("index.html")):
            html = page.read_text(encoding="utf-8")
            if 'data-md-component="header"' not in html:  # a claim's embeddable card
                continue
            ids = set(re.findall(r'\sid="([^"]+)"', html))
            links = re.findall(r'<a href="#([^"]+)" class="md-skip[^"]*">\s*([^<]*?)\s*</a>', html)
            assert any(text == SKIP and target in ids for target, text in links), (engine, page)
            checked += 1
    assert checked > 20
