"""The same site from either engine: `factcheck build` with mkdocs and with Zensical, compared.

Claim pages must carry the same ClaimReview, <title>, canonical address and article text; every other
output (index pages, redirects, feeds, data exports, sitemap, the Pagefind index, our assets) must be
present in both. What differs is each engine's own theme files (Material's bundle, Zensical's).
ProperDocs, the maintained fork of MkDocs 1.x, is checked when it is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from factories import MINI, ParsedPage, parse, write_config

from generator.build import build
from generator.engines import zensical as zensical_engine
from generator.search import indexed_pages

pytestmark = pytest.mark.skipif(
    not zensical_engine.available(), reason="zensical not installed (.[zensical])"
)

# Each engine's own theme files: not ours to compare. Pagefind names its files by their content
# hash: the bundles are compared by the pages they index.
ENGINE_FILES = re.compile(r"^(assets/(javascripts|stylesheets|images)/|search\.json$|pagefind/)")


def _files(site: Path) -> set[str]:
    out = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return {p for p in out if not ENGINE_FILES.match(p)}


def _article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    found = re.search(r"<article\b[^>]*>(.*?)</article>", html, re.S)
    assert found, f"{page}: no article"
    return ParsedPage(found.group(1)).text


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("engines")
    content = tmp / "content"
    shutil.copytree(MINI, content)
    # An old claim address, so both engines must write a redirect page.
    first = sorted(p.stem for p in (content / "claims").glob("*.yaml"))[0]
    (content / "redirects.yaml").write_text(
        f"- from: old-claim-address\n  to: {first}\n", encoding="utf-8"
    )
    # A title with what Markdown reads as markup: Zensical read the page's title line as Markdown.
    claim = content / "claims" / "unemployment-doubled.yaml"
    claim.write_text(
        claim.read_text("utf-8").replace(
            'title: "Unemployment doubled between 2022 and 2025"',
            'title: "Unemployment *doubled* in C# [ed.](x) b**t_ok"',
        ),
        "utf-8",
    )
    config = write_config(tmp, content)
    out = {}
    for engine in ("mkdocs", "zensical"):
        out[engine] = tmp / f"site-{engine}"
        assert build(content, out[engine], config, engine=engine) == 0
    return out["mkdocs"], out["zensical"]


def test_claim_pages_are_the_same(sites):
    mk, zs = sites
    claims = sorted(p.stem for p in (MINI / "claims").glob("*.yaml"))
    assert len(claims) > 3
    reviewed = 0
    for claim in claims:
        a, b = mk / "claims" / claim / "index.html", zs / "claims" / claim / "index.html"
        assert b.exists(), claim
        pa, pb = parse(a), parse(b)
        assert pa.jsonld() == pb.jsonld(), claim
        reviewed += bool(pa.jsonld())  # a claim under review has no ClaimReview yet
        title = re.compile(r"<title>(.*?)</title>", re.S)
        assert title.search(a.read_text()).group(1) == title.search(b.read_text()).group(1)
        assert pa.find("link", rel="canonical") == pb.find("link", rel="canonical") != []
        assert _article(a) == _article(b), claim
        # Our templates, applied the same way: Open Graph, feeds, the search box, our stylesheets.
        for page in (pa, pb):
            assert page.find("meta", property="og:type", content="article")
            assert page.find("link", rel="alternate", type="application/atom+xml")
            assert page.find("div", class_="fc-search fc-search--unavailable") or page.find(
                "form", class_="fc-search__form"
            )
            assert any("assets/factcheck/factcheck.css" in link for link in page.links)
        # The frame's colour toggles and script come from the files both engines write (Zensical's
        # own Lucide icons, drawn with attributes of their <svg> element, stay inline).
        for html in (a.read_text(), b.read_text()):
            assert '<use href="../../assets/factcheck/icons.svg#material-weather-night"/>' in html
            assert '<script src="../../assets/factcheck/palette.js"></script>' in html
        assert '<use href="../../assets/factcheck/icons.svg#material-menu"/>' in a.read_text()
        assert 'class="lucide lucide-menu"' in b.read_text()
    assert reviewed >= 3


def _article_links(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    found = re.search(r"<article\b[^>]*>(.*?)</article>", html, re.S)
    return re.findall(r'href="([^"]*)"', found.group(1)) if found else []


def test_links_inside_every_page_are_the_same(sites):
    """Zensical resolves a page's relative links against the folder of its Markdown file; ours are
    relative to the page's address. With pages kept as claims/x.md every link of claims/x/ got one
    `../` too many: at a site's root browsers stop `..` at `/`, so it showed under a sub-path and in
    links between claims (`../other/` became `../../other/`, /other/)."""
    mk, zs = sites
    pages = sorted(p.relative_to(mk) for p in mk.rglob("index.html"))
    compared = 0
    for rel in pages:
        if not (zs / rel).is_file():
            continue
        ours = _article_links(mk / rel)
        assert _article_links(zs / rel) == ours, rel
        compared += len(ours)
    assert compared > 150
    claim = sorted((mk / "claims").glob("*/index.html"))[0]
    assert any(h.startswith("../../people/") for h in _article_links(claim))


def _toc(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    at = html.find("md-nav--secondary")
    return re.findall(r'href="(#[^"]+)"', html[at : html.find("</nav>", at)]) if at >= 0 else []


def test_titles_tables_of_contents_and_sitemap_dates_are_the_same(sites):
    """Zensical read a page's title line as Markdown (*x* became <em>, a final # vanished), built
    no table of contents (our headings are HTML), and wrote its sitemap without <lastmod>."""
    mk, zs = sites
    h1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
    claim = "claims/unemployment-doubled/index.html"
    title = "Unemployment *doubled* in C# [ed.](x) b**t_ok"
    for site in (mk, zs):
        assert h1.search((site / claim).read_text("utf-8")).group(1) == title
    compared = 0
    for page in sorted(mk.rglob("index.html")):
        rel = page.relative_to(mk)
        if _toc(page) and (zs / rel).is_file():
            assert _toc(zs / rel) == _toc(page), rel
            compared += 1
    assert compared > 5 and "#verdict" in _toc(zs / claim) and "#sources" in _toc(zs / claim)

    def dates(site: Path) -> dict[str, str]:
        text = (site / "sitemap.xml").read_text("utf-8")
        return dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", text))

    ours, theirs = dates(mk), dates(zs)
    claims = {u: d for u, d in ours.items() if "/claims/" in u and not u.endswith("/claims/")}
    assert claims and all(theirs.get(u) == d for u, d in claims.items())


def test_every_other_output_is_present_in_both(sites):
    mk, zs = sites
    missing = _files(mk) - _files(zs)
    assert not missing, f"missing from the Zensical build: {sorted(missing)[:20]}"
    extra = _files(zs) - _files(mk)
    assert not extra, f"only in the Zensical build: {sorted(extra)[:20]}"
    for path in (
        "index.html",
        "claims/index.html",
        "claims/old-claim-address/index.html",
        "feed.xml",
        "feed.json",
        "data/claims.json",
        "data/claims.csv",
        "data/claimreview.json",
        "sitemap.xml",
        "sitemap.xml.gz",
        "pagefind/pagefind.js",
        "assets/search/search.js",
        "404.html",
    ):
        assert (zs / path).is_file(), path
    assert indexed_pages(mk / "pagefind") == indexed_pages(zs / "pagefind") > 3
    for path in ("feed.xml", "data/claims.json", "data/claimreview.json"):
        assert (mk / path).read_bytes() == (zs / path).read_bytes(), path


def test_search_box_strings_come_from_the_catalog_under_zensical():
    """Zensical has no gettext: our templates' `_("...")` are translated when they are copied."""
    from generator.settings import Settings

    es = Settings(site_name="S", site_url="https://s.example/", language="es")
    out = zensical_engine.translate_template('<b>{{ _("Search fact checks") }}</b>', es)
    assert "_(" not in out and out.startswith('<b>{{ "') and "Search fact checks" not in out
    kept = '{{ _("Made with %(tool)s", tool=x) }}'
    assert zensical_engine.translate_template(kept, es) == kept


def test_properdocs_builds_the_site_with_our_plugin(tmp_path):
    """ProperDocs (the maintained MkDocs 1.x fork) loads mkdocs plugins by the same entry point."""
    pytest.importorskip("properdocs")
    config = write_config(tmp_path, MINI)
    done = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-f", str(config)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    site = tmp_path / "site"
    claims = sorted(p.stem for p in (MINI / "claims").glob("*.yaml"))
    assert all((site / "claims" / c / "index.html").is_file() for c in claims)


MATERIAL = "https://squidfunk.github.io/mkdocs-material/"


def test_a_spanish_site_s_frame_is_spanish_under_both_engines(tmp_path):
    """The footer's "Made with" (our copyright partial) stayed English under Zensical, whose
    templates get the catalog's words only for literal _("...") strings."""
    import yaml

    config = write_config(tmp_path, MINI)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"]["language"] = "es"
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for engine in ("mkdocs", "zensical"):
        out = tmp_path / engine
        assert build(MINI, out, config, engine=engine) == 0
        page = (out / "index.html").read_text(encoding="utf-8")
        # The engine that built the page, in the site's words.
        tool = "https://zensical.org/" if engine == "zensical" else MATERIAL
        assert f'Hecho con <a href="{tool}"' in page, engine
        assert "Made with" not in page, engine


def test_a_page_in_another_language_has_its_frame_in_that_language_under_zensical(tmp_path):
    """Zensical wrote the site catalog's words into the templates once, so a Ukrainian fact check
    of an English site had an English search box and footer around it (mkdocs' was Ukrainian)."""
    from test_translations import translated_tree

    content = translated_tree(tmp_path)
    out = tmp_path / "site"
    assert build(content, out, write_config(tmp_path, content), engine="zensical") == 0
    uk = (out / "claims" / "unemployment-doubled-uk" / "index.html").read_text("utf-8")
    en = (out / "claims" / "unemployment-doubled" / "index.html").read_text("utf-8")
    assert 'placeholder="Пошук перевірок"' in uk and "Створено за допомогою" in uk
    assert 'placeholder="Search fact checks"' in en and "Пошук" not in en


def _toc_title(page: Path) -> tuple[str, str] | None:
    """The table of contents' name (its <nav> aria-label) and the title it shows."""
    html = page.read_text(encoding="utf-8")
    nav = re.search(
        r'<nav class="md-nav md-nav--secondary" aria-label="([^"]*)">(.*?)</nav>', html, re.S
    )
    if nav is None or "md-nav__title" not in nav.group(2):
        return None
    shown = re.search(r'class="md-nav__title"[^>]*>(.*?)</(?:label|div)>', nav.group(2), re.S)
    return nav.group(1), re.sub(r"<[^>]+>", "", shown.group(1)).strip()


def test_the_table_of_contents_has_the_same_title_under_both_engines(sites):
    """An English page's list of sections said "On this page" under Zensical (its theme's words)
    and "Table of contents" under mkdocs; both take the catalog's now. Zensical's modern variant
    (the default) also has the phone's button that opens the list, named as the list is."""
    mk, zs = sites
    compared = 0
    for page in sorted(mk.rglob("index.html")):
        rel = page.relative_to(mk)
        title = _toc_title(page)
        if title is None:
            continue
        assert _toc_title(zs / rel) == title == ("Table of contents", "Table of contents"), rel
        html = (zs / rel).read_text(encoding="utf-8")
        button = re.search(r'<label class="md-sidebar-button" for="__toc"[^>]*>(.*?)</label>', html)
        assert button and re.sub(r"<[^>]+>", "", button.group(1)) == title[0], rel
        assert 'id="__toc"' in html, rel
        compared += 1
    assert compared > 5


def test_zensical_pages_carry_no_words_of_a_search_box_they_do_not_have(sites):
    """Zensical wrote its search box's words (0.3 KB) into every page's configuration script; our
    search replaces that box, so they are left out, as mkdocs' pages leave Material's out. The copy
    button's words, which its script reads, stay."""
    mk, zs = sites
    pages = sorted(zs.rglob("index.html"))
    configs = [p.read_text("utf-8") for p in pages if "__config" in p.read_text("utf-8")]
    assert len(configs) > 10
    for html in configs:
        assert '"search.result.placeholder"' not in html and '"select.version"' not in html
        assert '"clipboard.copy":"Copy to clipboard"' in html
    assert '"search.result' not in (mk / "index.html").read_text("utf-8")


def test_the_drawer_overlay_is_a_plain_label_under_both_engines(sites):
    """Zensical's base.html wrote aria-hidden on the overlay <label> of the drawer's checkbox,
    which the Nu HTML checker reports as an error; mkdocs-material writes a plain label."""
    for site in sites:
        home = (site / "index.html").read_text("utf-8")
        overlay = re.search(r'<label class="md-overlay"[^>]*>', home)
        assert overlay, site
        assert overlay.group(0) == '<label class="md-overlay" for="__drawer">', site
