"""Words and punctuation a reader sees come from the site language's catalog, in real built sites.

The small fixture tree is built with theme.language es and ar (as tests/browser/test_languages.py
does). Checked in the built HTML: the 404 page (Material's own writes "404 - Not found" in English
on every site) and, on an Arabic claim page, the commas and brackets the page runs its lists with
(Arabic writes its own comma, "،").
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from factories import MINI, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import i18n

SITE_URL = "https://factcheck.example.org/"  # the project's mkdocs.yml, which write_config copies


def _build(tmp: Path, language: str) -> Path:
    config = write_config(tmp, MINI)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert data["site_url"] == SITE_URL
    data["theme"]["language"] = language
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"].pop("locale", None)  # dates in the language's own form
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    loaded = load_config(str(config))
    mkdocs_build(loaded)
    return Path(loaded.site_dir)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    return {lang: _build(tmp_path_factory.mktemp(lang), lang) for lang in ("es", "ar")}


def _text(html: str) -> str:
    """An element's text as a reader gets it: tags dropped, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_404_page_is_in_the_sites_language(sites, language):
    html = (sites[language] / "404.html").read_text("utf-8")
    msgs = i18n.messages(language)
    headings = re.findall(r"<h1\b[^>]*>(.*?)</h1>", html, re.S)
    assert [_text(h) for h in headings] == [msgs.gettext("404 - Not found")]
    assert "Not found" not in html
    assert msgs.gettext("There is no page at this address.") in html
    # The way back leads to the home page from whatever address the server answered with this page.
    home = re.search(r'<a href="([^"]*)">([^<]*)</a></p>', html)
    assert home and home[2] == msgs.gettext("Go to the home page")
    assert urljoin(SITE_URL + "no/such/page/", home[1]) == SITE_URL
    assert f'<html lang="{language}"' in html


def test_an_arabic_claim_page_writes_arabic_commas(sites):
    ar = i18n.messages("ar")
    html = (sites["ar"] / "claims" / "unemployment-doubled" / "index.html").read_text("utf-8")
    appeared = re.search(r'<ul class="fc-appearances">.*?</ul>', html, re.S)
    assert appeared
    # Where the claim appeared: the document's kind, publisher and date, in brackets.
    details = [_text(d) for d in re.findall(r'<span class="fc-muted">(.*?)</span>', appeared[0])]
    assert details == [f"({ar.gettext('speech')}، Example News، 1 مارس 2025)"]
    # The other lists the page runs into a line: a notice's label and date, topics, sources, and
    # who checked it and when (names and titles are the fixture's own, in English).
    parts = {
        "notice": r'<aside class="fc-notice.*?</aside>',
        "topics": r'<p class="fc-topics">.*?</p>',
        "sources": r'<ol class="fc-sources">.*?</ol>',
        "byline": r'<section class="fc-byline".*?</section>',
    }
    text = {}
    for name, pattern in parts.items():
        found = re.search(pattern, html, re.S)
        assert found, name
        text[name] = _text(found[0])
    assert text["notice"].startswith(ar.gettext("Correction") + "، 12 مارس 2025:")
    assert text["topics"].endswith("Economy، Jobs")
    assert "Labour force survey، Statistics Office، 1 فبراير 2025." in text["sources"]
    assert "Broad unemployment measure، Think Tank." in text["sources"]
    assert "10 مارس 2025، " in text["byline"]
    assert [name for name, t in text.items() if ", " in t] == []
    quotes = re.compile(r"<blockquote.*?</blockquote>", re.S)  # the document's words, in English
    assert ", " not in _text(quotes.sub("", appeared[0]))


def test_arabic_lists_of_claims_and_documents_write_arabic_commas(sites):
    """The claim lists (related claims, a person's or topic's page) and the documents list."""
    site = sites["ar"]
    items = []
    for page in (site / "claims").glob("*/index.html"):
        items += re.findall(r'<span class="fc-item__meta">(.*?)</span></li>', page.read_text())
    assert items, "no claim list item with a claimant"
    assert all("، <time" in i and ", " not in _text(i) for i in items), items[:3]
    docs = (site / "documents" / "index.html").read_text("utf-8")
    muted = [_text(m) for m in re.findall(r'<span class="fc-muted">(\(.*?)</span></li>', docs)]
    assert muted and all("، " in m and ", " not in m for m in muted), muted
