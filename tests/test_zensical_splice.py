"""A Zensical build puts each page's body and head tags in after Zensical's own build (engines/
zensical.py, `splice`): Zensical reads every byte it is given slowly. What a reader gets must not
change, including on a site with a main.html of its own, which may write the head tags itself from
the front matter (then they stay in it)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from factories import MINI, parse, write_config

from generator.build import build
from generator.engines import zensical

pytestmark = pytest.mark.skipif(not zensical.available(), reason="zensical not installed")

# A site's own main.html, written as Material's documentation shows: its own head tags, read from
# the page's front matter.
OWN_MAIN = """{% extends "base.html" %}
{% block extrahead %}
  {% if page and page.meta and page.meta.og %}<meta property="og:title" content="{{ page.meta.og.title }}" data-desk>{% endif %}
  {% if page and page.meta and page.meta.jsonld %}<script type="application/ld+json">{{ page.meta.jsonld }}</script>{% endif %}
{% endblock %}
"""


def _build(tmp_path: Path, own_main: bool) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    config = write_config(tmp_path, content)
    if own_main:
        overrides = tmp_path / "overrides"
        overrides.mkdir()
        (overrides / "main.html").write_text(OWN_MAIN, "utf-8")
        data = yaml.safe_load(config.read_text("utf-8"))
        data["theme"]["custom_dir"] = str(overrides)
        config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    out = tmp_path / "out"
    assert build(content, out, config, search=False, engine="zensical") == 0
    return out


def test_every_claim_page_has_its_article_and_head_tags_once(tmp_path):
    out = _build(tmp_path, own_main=False)
    for claim in sorted((MINI / "claims").glob("*.yaml")):
        page = out / "claims" / claim.stem / "index.html"
        html = page.read_text("utf-8")
        assert "factcheck:body" not in html and "factcheck:head" not in html, claim.stem
        assert html.count('<article class="fc-page fc-claim"') == 1, claim.stem
        assert len(re.findall(r"<h1\b", html)) == 1, claim.stem
        parsed = parse(page)
        assert len(parsed.find("meta", property="og:title")) == 1, claim.stem
        assert len(parsed.find("link", rel="alternate", type="application/atom+xml")) == 1
    reviewed = parse(out / "claims" / "unemployment-doubled" / "index.html").jsonld()
    assert [d["@type"] for d in reviewed] == ["ClaimReview"]


def test_a_site_s_own_main_html_still_gets_the_front_matter_it_reads(tmp_path):
    out = _build(tmp_path, own_main=True)
    page = out / "claims" / "unemployment-doubled" / "index.html"
    parsed = parse(page)
    og = parsed.find("meta", property="og:title", data_desk="")
    assert og and og[0]["content"].startswith("Unemployment doubled")
    assert [d["@type"] for d in parsed.jsonld()] == ["ClaimReview"]
    assert '<article class="fc-page fc-claim"' in page.read_text("utf-8")


def _build_with(tmp_path: Path, **settings: object) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    config = write_config(tmp_path, content)
    data = yaml.safe_load(config.read_text("utf-8"))
    data.update(settings)
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    out = tmp_path / "out"
    assert build(content, out, config, search=False, engine="zensical") == 0
    return out


def test_a_site_whose_markdown_drops_html_comments_builds(tmp_path):
    """pymdownx.striphtml takes HTML comments out, the stand-ins too: the build stopped."""
    out = _build_with(tmp_path, markdown_extensions=["toc", "pymdownx.striphtml"])
    page = (out / "claims" / "unemployment-doubled" / "index.html").read_text("utf-8")
    assert page.count('<article class="fc-page fc-claim"') == 1
    assert [
        d["@type"] for d in parse(out / "claims" / "unemployment-doubled" / "index.html").jsonld()
    ] == ["ClaimReview"]


def test_a_site_address_with_an_entity_like_ampersand_keeps_its_sitemap_dates(tmp_path):
    """`&notes` in site_url was read as `¬es` when the dates were added: none was."""
    out = _build_with(tmp_path, site_url="https://facts.example.org/news&notes/")
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "news&amp;notes/claims/unemployment-doubled/" in sitemap
    assert sitemap.count("<lastmod>") >= 10
