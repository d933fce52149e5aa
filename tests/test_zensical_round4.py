"""The same site from Zensical as from mkdocs, page by page, before mkdocs-material's end of life.

Two sites are built with both engines: the demonstration content (content/, mkdocs.yml) and a small
Arabic site (`factcheck init --language ar`) with one claim in English and the site's own template
overrides. Every page is compared as a reader, a search engine and a screen reader meet it: the
<head> (title, description, canonical, feeds, Open Graph, JSON-LD, hreflang), the language and
direction of <html> and <body>, the article, the navigation, the names of controls, the headings; and
every other file (sitemap, feeds, exports). `factcheck serve --engine zensical` is started on a free
port, read and stopped.
"""

from __future__ import annotations

import gzip
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

import pytest
from factories import MINI, ParsedPage

from generator.build import build
from generator.cli import main
from generator.engines import zensical

pytestmark = pytest.mark.skipif(not zensical.available(), reason="zensical not installed")

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "zensical")
# Each engine's own theme files and search index files (named by content hash; test_engines.py
# compares the pages they index).
ENGINE_FILES = re.compile(r"^(assets/(javascripts|stylesheets|images)/|search\.json$|pagefind/)")
HEAD_LINKS = {"canonical", "alternate", "prev", "next", "license", "icon"}
ARABIC_CLAIM = "claims/crime-record-low/index.html"
ENGLISH_CLAIM = "claims/exports-halved/index.html"
FOOTER = "Desk newsroom footer"
# The site's own copyright partial: its words and a catalog string, in the page's language.
COPYRIGHT = (
    '<div class="md-copyright" id="desk-footer">'
    + FOOTER
    + ': {{ _("Search fact checks") }}</div>\n'
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict[str, Path]:
    """The repository's demonstration site, built by each engine."""
    tmp = tmp_path_factory.mktemp("demo")
    # A copy: the link-preview image cache is written beside mkdocs.yml, not in the repository.
    config = tmp / "mkdocs.yml"
    shutil.copy(ROOT / "mkdocs.yml", config)
    shutil.copytree(ROOT / "content", tmp / "content")
    out = {}
    for engine in ENGINES:
        out[engine] = tmp / f"site-{engine}"
        assert build(tmp / "content", out[engine], config, engine=engine) == 0, engine
    return out


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    """A new Arabic site with the small fixture content (one claim's words in Arabic, one claim in
    English) and its own copyright partial and verdict badge in overrides/."""
    site = tmp_path_factory.mktemp("arabic") / "desk"
    argv = ["init", str(site), "--name", "Desk", "--url", "https://facts.example.org/"]
    assert main([*argv, "--language", "ar"]) == 0
    content = site / "content"
    shutil.rmtree(content)
    shutil.copytree(MINI, content)
    claim = content / "claims" / "crime-record-low.yaml"
    arabic = 'claim: "الجريمة في أدنى مستوى لها على الإطلاق."'
    claim.write_text(
        claim.read_text("utf-8").replace('claim: "Crime is at a record low."', arabic), "utf-8"
    )
    english = content / "claims" / "exports-halved.yaml"
    english.write_text(english.read_text("utf-8") + "language: en\n", "utf-8")
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1)
    )
    partials = site / "overrides" / "partials"
    partials.mkdir(parents=True)
    (partials / "copyright.html").write_text(COPYRIGHT, "utf-8")
    badge = (ROOT / "generator" / "theme" / "factcheck" / "partials" / "badge.html").read_text()
    assert '<span class="fc-badge ' in badge
    ours = site / "overrides" / "factcheck" / "partials" / "badge.html"
    ours.parent.mkdir(parents=True)
    ours.write_text(badge.replace('<span class="fc-badge ', '<span data-desk class="fc-badge '))
    return site


@pytest.fixture(scope="module")
def arabic(desk) -> dict[str, Path]:
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(desk)
        for engine in ENGINES:
            out[engine] = desk / f"site-{engine}"
            args = ["build", "--content", "content", "--out", out[engine].name]
            assert main([*args, "--config", "mkdocs.yml", "--engine", engine]) == 0, engine
    return out


def _region(html: str, start: str, end: str) -> str:
    at = html.find(start)
    return html[at : html.find(end, at)] if at >= 0 else ""


def _root_tag(html: str, tag: str) -> dict[str, str]:
    found = re.search(rf"<{tag}\b[^>]*>", html)
    assert found, f"no <{tag}>"
    attrs = ParsedPage(found.group(0)).elements[0][1]
    return {k: str(v) for k, v in attrs.items() if k in ("lang", "dir")}


def _reader_view(site: Path, rel: str) -> dict[str, object]:
    """One page as a reader, a search engine and a screen reader meet it."""
    html = (site / rel).read_text(encoding="utf-8")
    here = "https://x.example/" + (str(PurePosixPath(rel).parent) + "/").lstrip("./")
    head = ParsedPage(html[: html.find("</head>")])
    body = html[html.find("<body") :]
    parsed = ParsedPage(body)
    metas = sorted(
        tuple(sorted((k, str(v)) for k, v in a.items()))
        for t, a in head.elements
        if t == "meta" and a.get("name") != "generator"  # each engine names itself
    )
    links = sorted(
        (
            str(a["rel"]),
            urljoin(here, str(a.get("href"))),
            str(a.get("hreflang")),
            str(a.get("title")),
        )
        for t, a in head.elements
        if t == "link" and a.get("rel") in HEAD_LINKS
    )
    article = re.search(r"<article\b[^>]*>(.*?)</article>", body, re.S)
    headings = re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", body, re.S)
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    return {
        "<html>": _root_tag(html, "html"),
        "<body>": _root_tag(html, "body"),
        "title": ParsedPage(title.group(1)).text if title else None,
        "meta": metas,
        "links": links,
        "JSON-LD": head.jsonld() + ParsedPage(body).jsonld(),
        "article": ParsedPage(article.group(1)).text if article else None,
        "navigation": ParsedPage(
            _region(body, "md-sidebar--primary", "md-sidebar--secondary")
        ).text,
        "headings": [(level, ParsedPage(text).text) for level, text in headings],
        "control names": sorted(
            {str(a[k]) for _, a in parsed.elements for k in ("aria-label", "title") if a.get(k)}
        ),
        "skip link words": sorted(
            {ParsedPage(m).text for m in re.findall(r'class="md-skip[^"]*">(.*?)</a>', body, re.S)}
        ),
    }


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _differences(sites: dict[str, Path]) -> list[str]:
    mk, zs = sites["mkdocs"], sites["zensical"]
    out = []
    for rel in _pages(mk):
        if not (zs / rel).is_file():
            out.append(f"{rel}: not written by Zensical")
            continue
        ours, theirs = _reader_view(mk, rel), _reader_view(zs, rel)
        out += [
            f"{rel}: {what}: mkdocs {ours[what]!r}, Zensical {theirs[what]!r}"
            for what in ours
            if ours[what] != theirs[what]
        ]
    return out


def test_every_demo_page_reads_the_same_under_both_engines(demo):
    assert _differences(demo) == []
    # What the comparison covers: a translated claim's hreflang, a claim's ClaimReview, the 404.
    view = _reader_view(demo["zensical"], "claims/us-ukraine-present-zero-evidence/index.html")
    assert any(link[0] == "alternate" and link[2] == "uk" for link in view["links"])
    assert any(d.get("@type") == "ClaimReview" for d in view["JSON-LD"])
    assert _reader_view(demo["zensical"], "404.html")["title"]


def test_every_page_of_an_arabic_site_reads_the_same_under_both_engines(arabic):
    assert _differences(arabic) == []
    view = _reader_view(arabic["zensical"], ARABIC_CLAIM)
    assert "الرئيسية" in view["navigation"]  # the site's own navigation labels, from mkdocs.yml
    assert "جدول المحتويات" in view["control names"]  # "Table of contents", the theme's words


def test_an_arabic_site_is_right_to_left_from_its_root_element_under_zensical(arabic):
    """`<html dir="rtl">`, as `<body>` has it: before, Zensical's `<html>` of an Arabic page had no
    dir, so `document.dir` (what assistive technology and translation tools read) was empty. A page
    in English on the Arabic site is left to right, root and body."""
    site = arabic["zensical"]
    seen = {}
    for rel in _pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        if "<body" not in html:  # a redirect
            continue
        root, body = _root_tag(html, "html"), _root_tag(html, "body")
        # (a claim's embeddable card, our own template, says it on <html> only)
        assert "dir" in root and body.get("dir", root["dir"]) == root["dir"], (rel, root, body)
        seen[rel] = (root["lang"], root["dir"])
    assert seen[ARABIC_CLAIM] == seen["index.html"] == seen["404.html"] == ("ar", "rtl")
    assert seen[ENGLISH_CLAIM] == ("en", "ltr")


def test_an_english_site_s_root_element_has_no_direction_under_either_engine(demo):
    """Left to right is the default: Zensical writes `<html lang="en">` as mkdocs does."""
    for engine, site in demo.items():
        html = (site / "index.html").read_text(encoding="utf-8")
        assert _root_tag(html, "html") == {"lang": "en"}, engine


def _sitemap(site: Path) -> dict[str, str]:
    """Each address of sitemap.xml with what the sitemap says about it, white space aside."""
    text = gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8")
    assert text == (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<url>\s*<loc>([^<]*)</loc>(.*?)</url>", text, re.S)
    return {loc: " ".join(rest.split()) for loc, rest in urls}


@pytest.mark.parametrize("which", ["demo", "arabic"])
def test_sitemap_feeds_and_open_data_are_the_same_under_both_engines(which, request):
    sites = request.getfixturevalue(which)
    mk, zs = sites["mkdocs"], sites["zensical"]
    files = {}
    for engine, site in sites.items():
        found = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        files[engine] = {p for p in found if not ENGINE_FILES.match(p)}
    assert files["zensical"] == files["mkdocs"]
    # Our assets hold each engine's icons (frame.py); what is compared is what readers and programs read.
    other = sorted(
        p
        for p in files["mkdocs"]
        if not p.startswith("assets/") and not p.endswith((".html", ".xml", ".xml.gz"))
    )
    assert "feed.json" in other and any(p.startswith("data/") for p in other)
    for rel in [*other, "feed.xml"]:
        assert (zs / rel).read_bytes() == (mk / rel).read_bytes(), rel
    # Zensical writes its sitemap in its own order and indentation; its addresses, dates and
    # alternate languages are mkdocs'.
    sitemap = _sitemap(mk)
    assert len(sitemap) > 10 and _sitemap(zs) == sitemap


def test_a_site_s_template_overrides_apply_under_zensical_as_under_mkdocs(arabic):
    """A theme partial (the footer's copyright line, with a catalog string in the page's language)
    and one of our page templates (the verdict badge), each from the site's overrides folder."""
    for engine, site in arabic.items():
        claim = (site / ARABIC_CLAIM).read_text(encoding="utf-8")
        english = (site / ENGLISH_CLAIM).read_text(encoding="utf-8")
        assert f'id="desk-footer">{FOOTER}: ابحث في مقالات التحقق<' in claim, engine
        assert f'id="desk-footer">{FOOTER}: Search fact checks<' in english, engine
        assert "<span data-desk class=" in claim, engine
        assert "Made with" not in claim and "أُنشئ باستخدام" not in claim, engine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str] | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")
    except OSError:
        return None


def test_factcheck_serve_with_zensical_serves_the_site_then_stops(desk, tmp_path):
    """`factcheck serve --engine zensical` on a free port: the home page, a claim, the feed and the
    404 page, in Arabic and with the site's overrides; stopped (SIGTERM, as a process manager
    does), Zensical's server stops with it and its working folder is gone."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    args = [sys.executable, "-m", "generator.cli", "serve", "--config", "mkdocs.yml"]
    args += ["--engine", "zensical", "--dev-addr", f"127.0.0.1:{port}"]
    with log.open("w") as out:
        proc = subprocess.Popen(args, cwd=desk, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 180
            while (home := _get(base)) is None or home[0] != 200:
                assert proc.poll() is None, log.read_text()[-3000:]
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.3)
            claim = _get(base + ARABIC_CLAIM.removesuffix("index.html"))
            feed = _get(base + "feed.xml")
            missing = _get(base + "no-such-page/")
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    said = log.read_text()
    assert '<html lang="ar" dir="rtl"' in home[1] and f"{FOOTER}: ابحث" in home[1]
    assert claim and claim[0] == 200 and "الجريمة في أدنى مستوى لها على الإطلاق." in claim[1]
    assert feed and feed[0] == 200 and 'xml:lang="ar"' in feed[1]
    assert (
        missing
        and missing[0] == 404
        and "<title>404 - الصفحة غير موجودة - Desk</title>" in missing[1]
    )
    served = re.search(r"Serving (\S+) on http", said)
    assert served, said[-3000:]
    assert not Path(served.group(1)).exists(), "the preview's working folder was left behind"
    assert _get(base) is None, "Zensical still serves the port after factcheck serve stopped"
