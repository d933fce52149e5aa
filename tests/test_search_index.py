"""The search index and the discovery files in real builds.

- Pagefind over a handful of HTML pages: the bundle, its page count, determinism, the CLI fallback.
- `factcheck build` (generator.build) of a synthetic tree, and `mkdocs build` of the demo content: the
  index covers every claim page, the feeds and /data files are in the site, claimreview.json holds
  exactly the pages' JSON-LD, sitemap.xml lists every page, and every page carries the search box with
  its no-JavaScript link and advertises the feeds.
"""

from __future__ import annotations

import gzip
import html
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import discovery, exports, feeds, search
from generator.link import link
from generator.streams import whole
from generator.validate import read_content
from tests.factories import synthetic_content, tree_digest

ROOT = Path(__file__).resolve().parents[1]
MKDOCS_YML = ROOT / "mkdocs.yml"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Menu words everywhere</nav>
<main data-pagefind-body>
<h1>{title}</h1><p>{text}</p>
<span data-pagefind-filter="rating">{rating}</span>
<span data-pagefind-filter="year">{year}</span>
<span data-pagefind-meta="rating_id:{rating_id}"></span>
</main></body></html>"""


def _small_html_site(root: Path) -> Path:
    pages = [
        ("claims/a", "Unemployment doubled", "Elephants and jobs.", "False", "false", 2024),
        ("claims/b", "Troops crossed the border", "Elephants in Kursk.", "True", "true", 2025),
    ]
    for path, title, text, rating, rid, year in pages:
        f = root / path / "index.html"
        f.parent.mkdir(parents=True)
        f.write_text(
            PAGE.format(title=title, text=text, rating=rating, rating_id=rid, year=year),
            encoding="utf-8",
        )
    (root / "index.html").write_text(
        "<!doctype html><html lang='en'><body><main>Home, not indexed</main></body></html>",
        encoding="utf-8",
    )
    return root


def test_build_index_writes_a_bundle_of_the_marked_pages(tmp_path):
    site = _small_html_site(tmp_path / "site")
    stale = site / "pagefind" / "fragment" / "en_stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    result = search.build_index(site, language="en")
    assert result.pages == 2  # only pages with data-pagefind-body
    assert result.method == "python-api"
    bundle = site / "pagefind"
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"):
        assert (bundle / name).is_file(), name
    assert list((bundle / "filter").glob("*.pf_filter")), "the filters were indexed"
    assert not stale.exists(), "an earlier bundle's files are removed"


def test_index_is_deterministic_and_the_cli_fallback_writes_the_same_pages(tmp_path):
    site = _small_html_site(tmp_path / "site")
    search.build_index(site, language="en")
    first = tree_digest(site / "pagefind")
    search.build_index(site, language="en")
    assert tree_digest(site / "pagefind") == first
    cli_out = tmp_path / "cli-bundle"
    search._index_with_cli(site, cli_out, "en")
    assert search.canonicalize_filters(cli_out)
    # The binary numbers pages in the order the file system lists them: the same fragments, but
    # the index files match only where that order is the sorted one.
    fragments = {k: v for k, v in first.items() if k.startswith("fragment/")}
    assert fragments == {k: v for k, v in tree_digest(cli_out).items() if k.startswith("fragment/")}


def _pages_made_in(root: Path, order: list[int]) -> Path:
    for i in order:
        f = root / "claims" / f"c{i:02d}" / "index.html"
        f.parent.mkdir(parents=True)
        text = f"Claim {i} about elephants and {'jobs' if i % 2 else 'borders'}."
        f.write_text(
            PAGE.format(
                title=f"Claim {i}", text=text, rating="False", rating_id="false", year=2020 + i % 3
            ),
            encoding="utf-8",
        )
    return root


def test_the_bundle_does_not_depend_on_the_order_folders_were_made(tmp_path):
    """Pagefind is fed the pages in sorted order, whatever order the file system lists them in
    (on a memory file system: the order they were made)."""
    where = search.scratch_folder(tmp_path, 30)
    order = [7, 2, 11, 0, 5, 9, 1, 10, 3, 8, 6, 4]
    with (
        tempfile.TemporaryDirectory(dir=where) as one,
        tempfile.TemporaryDirectory(dir=where) as two,
    ):
        sites = [_pages_made_in(Path(one), order), _pages_made_in(Path(two), sorted(order))]
        for site in sites:
            search.build_index(site, language="en")
        assert tree_digest(sites[0] / "pagefind") == tree_digest(sites[1] / "pagefind")
        # the early index, whose documents the workers write in any order
        early = []
        for site, made in zip(sites, (order, order[::-1]), strict=True):
            index = search.EarlyIndex(where, "en")
            try:
                for i in made:
                    index.sink(
                        _Rendered(
                            f"claims/c{i:02d}/", (site / f"claims/c{i:02d}/index.html").read_text()
                        )
                    )
                index.start()
                early.append(index.finish(site / "early"))
            finally:
                index.cancel()
        assert tree_digest(early[0].bundle) == tree_digest(early[1].bundle)


class _Rendered:
    def __init__(self, url: str, html: str) -> None:
        self.url, self.html, self.meta = url, html, {"title": url}


def test_canonical_filters_keep_every_value_and_page(tmp_path):
    site = _small_html_site(tmp_path / "site")
    raw = tmp_path / "raw"
    search._index_with_cli(site, raw, "en")

    def filters(bundle: Path) -> dict:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        meta = search._read_chunk(bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")

        def names(v) -> list:
            return sorted(f[0] for f in v if isinstance(f, list) and len(f) == 2)

        listed = next(v for v in meta if isinstance(v, list) and names(v) == ["rating", "year"])
        out = {}
        for name, chunk_hash in listed:
            chunk = search._read_chunk(bundle / "filter" / f"{chunk_hash}.pf_filter")
            out[name] = {value[0]: value[1:] for value in chunk[1]}
        return out

    before = filters(raw)
    assert search.canonicalize_filters(raw)
    assert filters(raw) == before
    assert set(before) == {"rating", "year"}
    assert set(before["rating"]) == {"True", "False"}


def test_unknown_bundle_format_is_left_alone(tmp_path):
    site = _small_html_site(tmp_path / "site")
    search.build_index(site, language="en")
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    meta = bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    meta.write_bytes(gzip.compress(b"pagefind_dcd\xff"))  # a format this code does not know
    before = tree_digest(bundle)
    assert search.canonicalize_filters(bundle) is False
    assert tree_digest(bundle) == before


def test_bundle_check_finds_missing_and_truncated_files(tmp_path):
    site = _small_html_site(tmp_path / "site")
    bundle = search.build_index(site, language="en").bundle
    assert search.bundle_problems(bundle) == []
    fragments = sorted((bundle / "fragment").iterdir())
    fragments[0].write_bytes(
        fragments[0].read_bytes()[:20]
    )  # cut short, as a killed writer leaves it
    fragments[1].unlink()
    problems = search.bundle_problems(bundle)
    assert any(fragments[0].name in p for p in problems), problems
    assert any(f"{fragments[1].stem} is named in the metadata but missing" in p for p in problems)
    (bundle / "pagefind-entry.json").write_text("", encoding="utf-8")
    assert search.bundle_problems(bundle) == [
        "pagefind-entry.json unreadable (Expecting value: line 1 column 1 (char 0))"
    ]


def test_after_build_indexes_unless_told_not_to(tmp_path):
    site = _small_html_site(tmp_path / "site")
    discovery.after_build(site, discovery_settings(), search_index=False)
    assert not (site / "pagefind").exists()
    discovery.after_build(site, discovery_settings())
    assert search.indexed_pages(site / "pagefind") == 2


def test_build_index_needs_a_built_site(tmp_path):
    with pytest.raises(search.SearchIndexError):
        search.build_index(tmp_path / "missing")


def _pagefind_with(conf: str) -> subprocess.CompletedProcess[str]:
    from pagefind.service import get_executable

    env = {**search.pagefind_env(), search.PAGEFIND_MALLOC[0]: conf}
    return subprocess.run(
        [str(get_executable()), "--version"], env=env, capture_output=True, text=True
    )


def test_pagefind_reads_the_allocator_options_it_is_given(tmp_path, monkeypatch):
    """Pagefind's allocator takes our options: with abort_conf it stops on any it does not know, so
    a Pagefind that reads them but renamed one fails here, not silently at 100,000 claims."""
    name, value = search.PAGEFIND_MALLOC
    assert search.pagefind_env()[name] == value
    assert _pagefind_with(f"abort_conf:true,{value}").returncode == 0
    refused = _pagefind_with("abort_conf:true,no_such_option:1")
    assert refused.returncode != 0 and "no_such_option" in refused.stderr
    # The service and the CLI fallback both run with it, and a value the user set is kept.
    monkeypatch.setenv(name, "dirty_decay_ms:5000")
    site = _small_html_site(tmp_path / "site")
    seen: list[str] = []
    real_popen = subprocess.Popen

    def popen(cmd, *args, **kwargs):
        seen.append(kwargs["env"][name])
        return real_popen(cmd, *args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    search.build_index(site, language="en")
    search._index_with_cli(site, tmp_path / "cli-bundle", "en")
    assert seen == ["dirty_decay_ms:5000"] * 2


def test_ui_files_carry_the_rating_scale(tmp_path):
    content, _ = read_content(ROOT / "content")
    site = link(content)
    files = search.ui_files(site, discovery_settings())
    js = files["assets/search/search.js"]
    config = json.loads(js.split("/*@config*/", 1)[1].split("/*@end*/", 1)[0])
    order = sorted(content.ratings.values(), key=lambda r: r.order)
    assert [r["label"] for r in config["ratings"]] == [r.label for r in order]
    assert all(r["icon"] for r in config["ratings"])
    # The demo content has a Ukrainian translation: claims in two languages, so a language facet.
    assert config["facets"] == ["rating", "topic", "claimant", "year", "language"]
    assert config["strings"]["language"] == "Language"
    # Ukrainian has spaces between words: its claims are in the English index, which search.js
    # loads alone (no other language's index to fetch and merge).
    assert "indexLanguages" not in config
    assert "pagefind/pagefind.js" in js and "http" not in js.split("/*@end*/", 1)[1]
    assert ".fc-search" in files["assets/search/search.css"]


def test_the_ui_merges_the_index_of_each_language_written_without_spaces(tmp_path):
    """A claim in Japanese on the English demo site: the UI is told of the Japanese index (after the
    site's, which it loads first) and merges it, so one box finds claims in both."""
    tree = tmp_path / "content"
    shutil.copytree(ROOT / "content", tree)
    claim = sorted((tree / "claims").glob("*.yaml"))[0]
    claim.write_text(claim.read_text("utf-8") + "language: ja\n", "utf-8")
    content, problems = read_content(tree)
    assert content is not None, problems[:3]
    js = search.ui_files(link(content), discovery_settings())["assets/search/search.js"]
    config = json.loads(js.split("/*@config*/", 1)[1].split("/*@end*/", 1)[0])
    assert config["indexLanguages"] == ["en", "ja"]
    assert "ja" in config["languages"] and "uk" in config["languages"]


def discovery_settings():
    from generator.settings import Settings

    return Settings()


# ------------------------------------------------------------------------------------------------
# Real builds


def _settings_of(config_file: Path, content_dir: Path):
    from mkdocs.config import load_config

    from generator.plugin import settings_from_config

    config = load_config(str(config_file))
    plugin = config.plugins["factcheck"]
    plugin.config.content_dir = str(content_dir)
    return settings_from_config(config, plugin.config)


@pytest.fixture(scope="module")
def factcheck_built(tmp_path_factory):
    """`factcheck build` (generator.build.build) of a 40-claim synthetic tree."""
    from generator.build import build

    work = tmp_path_factory.mktemp("fc-build")
    content = synthetic_content(work / "content", 40, seed=3)
    out = work / "site"
    assert build(content, out, MKDOCS_YML, strict=False) == 0
    model, _ = read_content(content)
    return out, link(model), _settings_of(MKDOCS_YML, content)


@pytest.fixture(scope="module")
def mkdocs_built(tmp_path_factory):
    """Plain `mkdocs build --strict` of the demo content, as a reader of the README would run it."""
    out = tmp_path_factory.mktemp("mkdocs-build") / "site"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(MKDOCS_YML),
            "-d",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    model, _ = read_content(ROOT / "content")
    return out, link(model), _settings_of(MKDOCS_YML, ROOT / "content")


@pytest.fixture(scope="module", params=["factcheck build", "mkdocs build"])
def built(request):
    return request.getfixturevalue(
        "factcheck_built" if request.param == "factcheck build" else "mkdocs_built"
    )


def _claim_pages(out: Path, site) -> dict[str, str]:
    return {
        cid: (out / "claims" / cid / "index.html").read_text("utf-8") for cid in site.claims_newest
    }


def test_only_claim_pages_are_search_results(built):
    """Pagefind reads claims/ only (search.GLOB); no other page may expect to be found."""
    out, _, _ = built
    for page in out.rglob("*.html"):
        rel = page.relative_to(out).as_posix()
        if rel.startswith(("claims/", "pagefind/")):
            continue
        assert "data-pagefind-body" not in page.read_text("utf-8"), rel


def test_index_covers_every_claim_page_with_its_filters(built):
    out, site, _ = built
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(
        site.content.claims
    )
    for cid, text in _claim_pages(out, site).items():
        assert "data-pagefind-body" in text, cid
        for facet in ("rating", "topic", "claimant", "year"):
            if facet == "topic" and not site.content.claims[cid].topics:
                continue
            if facet == "rating" and cid not in site.content.verdicts:
                continue
            assert f'data-pagefind-filter="{facet}' in text, (cid, facet)
        assert 'data-pagefind-meta="rating_id:' in text, cid


def test_page_furniture_is_not_searchable(built):
    """The history box and the related claims are on every claim page; indexed, a search for
    "history" (or any word of a neighbour's claim) would return them all."""
    out, site, _ = built
    contents = _bundle_contents(out / "pagefind")
    fragments = [
        json.loads(gzip.decompress(f)[len(b"pagefind_dcd") :])
        for f in contents["fragments"].values()
    ]
    assert len(fragments) == len(site.content.claims)
    texts = [f["content"] for f in fragments]
    assert not any("No history available" in t for t in texts)
    assert not any("Related claims" in t for t in texts)
    assert all(a["id"] not in ("history", "related") for f in fragments for a in f["anchors"])
    words = contents["languages"]["en"]["words"]
    assert "histori" not in words or len(words["histori"][0]) < len(site.content.claims)
    # Headings, labels and link texts every claim page shows are not indexed either.
    everywhere = [
        w for w in FURNITURE if w in words and len(words[w][0]) == len(site.content.claims)
    ]
    assert not everywhere, f"these words match every claim: {everywhere}"


def test_the_under_review_notes_are_not_searchable(tmp_path):
    """Every claim without a verdict says so in the same two sentences: not search results."""
    from generator.build import build

    mini = ROOT / "tests" / "fixtures" / "mini"
    out = tmp_path / "site"
    assert build(mini, out, MKDOCS_YML) == 0
    model, _ = read_content(mini)
    waiting = [c for c in model.claims if c not in model.verdicts]
    assert waiting
    page = (out / "claims" / waiting[0] / "index.html").read_text("utf-8")
    assert "No verdict has been published yet" in page  # the reader still sees them
    fragments = [
        json.loads(gzip.decompress(f)[len(b"pagefind_dcd") :])
        for f in _bundle_contents(out / "pagefind")["fragments"].values()
    ]
    assert len(fragments) == len(model.claims)
    for text in (f["content"] for f in fragments):
        assert "No verdict has been published yet" not in text
        assert "will be named when the verdict is published" not in text


# Stems (as Pagefind stems them) of "Our verdict", "Where the claim appeared", "Our reasoning",
# "Sources", "Primary source", "Archived copy", "See the passage in the full text", "Checked by",
# "Published", "What ... means", "Topics:", "First appearance". ("Rating:" too, but the synthetic
# verdicts all say "We rate this claim", so "rate" is in every page's own text.)
FURNITURE = (
    "verdict", "appear", "reason", "sourc", "primari", "archiv", "copi", "passag", "check",
    "publish", "mean", "topic", "first",
)  # fmt: skip


def test_discovery_files_are_in_the_site_as_generated(built):
    out, site, settings = built
    expected = whole(discovery.extra_files(site, settings))
    for path, data in expected.items():
        got = (out / path).read_bytes()
        assert got == (data.encode("utf-8") if isinstance(data, str) else data), path
    for topic_id in site.topics:
        assert (out / feeds.topic_feed_path(topic_id)).is_file()
    for person_id in site.by_claimant:
        assert (out / feeds.claimant_feed_path(person_id)).is_file()
    ET.fromstring((out / "feed.xml").read_bytes())
    json.loads((out / "feed.json").read_text("utf-8"))


def test_claimreview_feed_holds_exactly_the_pages_jsonld(built):
    out, site, settings = built
    feed = json.loads((out / exports.CLAIMREVIEW_JSON).read_text("utf-8"))
    by_url = {e["url"]: e for e in feed["dataFeedElement"]}
    pages = _claim_pages(out, site)
    with_verdict = [cid for cid in site.claims_newest if cid in site.content.verdicts]
    assert len(by_url) == len(with_verdict)
    for cid in with_verdict:
        blocks = [json.loads(b) for b in JSONLD.findall(pages[cid])]
        reviews = [b for b in blocks if b.get("@type") == "ClaimReview"]
        assert len(reviews) == 1, cid
        element = dict(by_url[settings.url(f"claims/{cid}/")])
        assert element.pop("sdLicense") == settings.license_url
        element.pop("sdPublisher")
        assert element == reviews[0], cid


def _site_pages(out: Path) -> list[Path]:
    """The site's own pages: every HTML file but Pagefind's and the embeddable cards, which are
    made to sit in another site's <iframe> (no search box, no feeds, noindex, not in the sitemap)."""
    pages = []
    for page in sorted(out.rglob("*.html")):
        if page.is_relative_to(out / "pagefind"):
            continue
        if page.parent.name == "embed" and page.parent.parent.parent == out / "claims":
            assert '<meta name="robots" content="noindex">' in page.read_text("utf-8"), page
            continue
        pages.append(page)
    return pages


def test_sitemap_lists_every_page(built):
    out, site, settings = built
    root = ET.fromstring((out / "sitemap.xml").read_bytes())
    listed = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    for cid in site.content.claims:
        assert settings.url(f"claims/{cid}/") in listed, cid
    for page in _site_pages(out):
        if page.name != "index.html":
            continue
        rel = page.parent.relative_to(out).as_posix()
        if rel.startswith("assets"):
            continue
        url = settings.url("" if rel == "." else rel + "/")
        assert url in listed, url


def _target(out: Path, page: Path, href: str) -> Path:
    """The file or folder a link on `page` points at: relative, or root-absolute on 404.html."""
    base = out if href.startswith("/") else page.parent
    return (base / href.lstrip("/")).resolve()


def test_every_page_has_the_search_box_and_its_fallback(built):
    out, _, _ = built
    for page in _site_pages(out):
        text = page.read_text("utf-8")
        rel = page.relative_to(out).as_posix()
        assert text.count("data-fc-search") == 1, rel
        nojs = re.search(r'<noscript><a class="fc-search__nojs" href="([^"]*)"', text)
        assert nojs and _target(out, page, nojs.group(1)) == (out / "claims").resolve(), rel
        script = re.search(r'<script type="module" src="([^"]*)"', text)
        assert script, rel
        assert _target(out, page, script.group(1)) == (out / "assets/search/search.js").resolve()
        assert "material/search" not in text and "search_index.json" not in text, rel


def test_every_page_advertises_the_main_feeds(built):
    out, _, _ = built
    for page in _site_pages(out):
        text = page.read_text("utf-8")
        head = text.split("</head>", 1)[0]
        links = re.findall(r"<link\b[^>]*>", head)
        alternates = {
            (m.group(1), html.unescape(h.group(1)))
            for tag in links
            if 'rel="alternate"' in tag
            and (m := re.search(r'type="([^"]+)"', tag))
            and (h := re.search(r'href="([^"]+)"', tag))
        }
        types = {t: href for t, href in alternates}
        rel = page.relative_to(out).as_posix()
        assert "application/atom+xml" in types and "application/feed+json" in types, rel
        assert types["application/atom+xml"].endswith("feed.xml"), rel
        assert types["application/feed+json"].endswith("feed.json"), rel


def test_factcheck_and_mkdocs_builds_index_the_same_way(factcheck_built, mkdocs_built):
    for out, _, _ in (factcheck_built, mkdocs_built):
        names = {p.name for p in (out / "pagefind").iterdir()}
        assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "filter"} <= names


def test_search_output_is_deterministic_across_builds(tmp_path, mkdocs_built):
    out, _, _ = mkdocs_built
    again = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(MKDOCS_YML), "-d", str(again)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert tree_digest(again / "pagefind") == tree_digest(out / "pagefind")
    for name in ("data", "assets/search"):
        assert tree_digest(again / name) == tree_digest(out / name), name
    assert (again / "feed.xml").read_bytes() == (out / "feed.xml").read_bytes()


def _places(entries: list, pages: list[str]) -> dict:
    """A word's places by page fragment; the index stores page numbers as differences."""
    number, places = 0, {}
    for delta, *locations in entries:
        number += delta
        places[pages[number]] = locations
    return places


def _bundle_contents(bundle: Path) -> dict:
    """What a bundle holds, with pages named by their fragment instead of numbered.

    Pagefind numbers pages in the order it walks the folders, which differs between file systems;
    everything else must be the same: the pages, each word's places on each page, each filter's pages.
    """
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    out: dict = {}
    for language, info in entry["languages"].items():
        meta = search._read_chunk(bundle / f"pagefind.{info['hash']}.pf_meta")
        pages = [hash_ for hash_, _ in meta[1]]
        words: dict = {}
        for _, _, chunk_hash in meta[2]:
            chunk = search._read_chunk(bundle / "index" / f"{chunk_hash}.pf_index")
            for word, entries, variants in chunk[0]:
                words[word] = (
                    _places(entries, pages),
                    {form: _places(more, pages) for form, more in variants},
                )
        filters = {
            name: {
                value: sorted(pages[n] for n in numbers)
                for value, numbers, *_ in search._read_chunk(
                    bundle / "filter" / f"{chunk}.pf_filter"
                )[1]
            }
            for name, chunk in meta[3]
        }
        out[language] = {"pages": sorted(meta[1]), "words": words, "filters": filters}
    fragments = {p.name: p.read_bytes() for p in (bundle / "fragment").iterdir()}
    return {"languages": out, "fragments": fragments}


# A claim in another language on an English site, as the theme writes it: an English page (no
# catalog for the language) whose article says the claim's language (meta `lang`) on its words.
OTHER_LANGUAGE = """<!doctype html><html lang="{page}"><head><title>{title}</title></head><body>
<main data-pagefind-body>
<h1 lang="{lang}">{title}</h1><p lang="{lang}">{text}</p>
<span data-pagefind-filter="language">{lang}</span>
<span data-pagefind-meta="lang:{lang}"></span>
</main></body></html>"""


def _site_in_languages(root: Path) -> Path:
    """Two English claims, one in Japanese and one in Arabic (an Arabic page: a catalog)."""
    site = _small_html_site(root)
    for path, page, lang, title, text in (
        ("claims/c", "en", "ja", "東京の失業率", "東京の失業率は三年で2倍になった。"),
        ("claims/d", "ar", "ar", "أسعار الخبز", "ارتفعت أسعار الخبز في القاهرة ثلاثة أضعاف."),
    ):
        f = root / path / "index.html"
        f.parent.mkdir(parents=True)
        f.write_text(
            OTHER_LANGUAGE.format(page=page, lang=lang, title=title, text=text), encoding="utf-8"
        )
    return site


def test_a_claim_in_japanese_is_indexed_in_japanese_on_an_english_site(tmp_path):
    """Pagefind splits Japanese into words only in a Japanese index, and read the Japanese claim's
    page (<html lang="en">) as English: 失業 inside the sentence was no word of the index. Now
    that claim has an index of its own; the Arabic one stays in the site's (spaces split Arabic,
    and the English index is the one the search starts with)."""
    site = _site_in_languages(tmp_path / "site")
    search.build_index(site, language="en")
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert {k: v["page_count"] for k, v in entry["languages"].items()} == {"en": 3, "ja": 1}
    assert list(entry["languages"]) == ["en", "ja"], "listed in a fixed order"
    built = _bundle_contents(site / "pagefind")
    # split with Pagefind's Japanese dictionary (失業 unemployment, 率 rate)
    assert {"東京", "失業", "率"} <= set(built["languages"]["ja"]["words"])
    assert not any("失業" in word for word in built["languages"]["en"]["words"])
    assert "الخبز" in built["languages"]["en"]["words"]
    # the early index, from the articles, is the same
    early = search.EarlyIndex(tmp_path, "en")
    try:
        for name in ("a", "b", "c", "d"):
            page = (site / "claims" / name / "index.html").read_text("utf-8")
            article = page[page.index("<main") : page.index("</main>") + len("</main>")]
            early.sink(_Rendered(f"claims/{name}/", article))
        early.start()
        result = early.finish(tmp_path / "early")
    finally:
        early.cancel()
    assert _bundle_contents(result.bundle) == built
    # and the binary's, when the Python API fails: it would put them all in one (--force-language)
    cli = tmp_path / "cli"
    search._index_part_with_cli(search.pages_in_order(site), cli, "en", tmp_path)
    contents = _bundle_contents(cli)
    assert sorted(contents["languages"]) == ["en", "ja"]
    assert "失業" in contents["languages"]["ja"]["words"]


def test_the_early_index_is_the_index_of_the_built_pages(tmp_path, built, caplog):
    """The bundle Pagefind writes beside mkdocs from the bare articles (less the parts it ignores)
    holds what it writes from the finished pages: every fragment byte for byte, every word on the same
    pages at the same places, every filter value on the same pages."""
    out, _, _ = built
    site = tmp_path / "site"
    shutil.copytree(out, site)
    early = _bundle_contents(site / "pagefind")
    assert early["languages"]["en"]["words"] and early["fragments"]
    search.build_index(site, language="en")
    assert _bundle_contents(site / "pagefind") == early


def test_ignored_parts_are_left_out_of_the_search_documents():
    html_ = (
        '<article data-pagefind-body><p>kept</p><section data-pagefind-ignore="all"><h2>Related</h2>'
        "<section><p>inner</p></section><p>after inner</p></section><p>also kept</p>"
        '<div hidden data-pagefind-ignore><span data-pagefind-meta="title">T</span></div>'
        '<aside class="x" data-pagefind-ignore="all">gone</aside></article>'
    )
    assert search.without_ignored(html_) == (
        "<article data-pagefind-body><p>kept</p><p>also kept</p>"
        '<div hidden data-pagefind-ignore><span data-pagefind-meta="title">T</span></div></article>'
    )
    unbalanced = '<p>a</p><section data-pagefind-ignore="all"><p>b</p>'
    assert search.without_ignored(unbalanced) == unbalanced


def test_a_failed_early_index_falls_back_to_the_built_site(tmp_path, caplog):
    site = _small_html_site(tmp_path / "site")
    early = search.EarlyIndex(tmp_path, "en")
    early.start()  # nothing was written: no page has data-pagefind-body
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.factcheck"):
        discovery.after_build(site, discovery_settings(), early=early)
    assert "no page has data-pagefind-body; indexing the built site instead" in caplog.text
    assert search.indexed_pages(site / "pagefind") == 2
    assert not list(tmp_path.glob(".pagefind-*")), "work folder left behind"


def test_a_cancelled_early_index_leaves_nothing(tmp_path):
    early = search.EarlyIndex(tmp_path, "en")

    class Page:
        url, meta = "claims/a/", {"title": "Alpha"}
        html = "<article data-pagefind-body><p>apples</p></article>"

    early.sink(Page())
    assert (early.docs / "claims" / "a" / "index.html").is_file()
    early.start()
    early.cancel()
    assert early.error is None
    assert not list(tmp_path.glob(".pagefind-*"))


def test_a_search_document_that_cannot_be_written_falls_back_to_the_built_site(
    tmp_path, caplog, monkeypatch
):
    """A full disk (a container's 64 MB /dev/shm) must not fail the build: the site is indexed."""
    site = _small_html_site(tmp_path / "site")
    early = search.EarlyIndex(tmp_path, "en", urls=["claims/a/"])

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    class Page:
        url, meta = "claims/a/", {"title": "Alpha"}
        html = "<article data-pagefind-body><p>apples</p></article>"

    monkeypatch.setattr(search, "index_document", full)
    early.sink(Page())  # no exception: the page itself is rendered fine
    early.start()
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.factcheck"):
        discovery.after_build(site, discovery_settings(), early=early)
    assert "a search document could not be written (claims/a/: " in caplog.text
    assert "No space left on device" in caplog.text
    assert search.indexed_pages(site / "pagefind") == 2
    assert not list(tmp_path.glob(".pagefind-*")), "work folder left behind"


def test_the_scratch_folder_is_memory_only_when_it_has_room(tmp_path):
    assert search.scratch_folder(tmp_path, pages=10**12) == tmp_path  # no system has 64 PB spare
    if Path("/dev/shm").is_dir():
        assert search.scratch_folder(tmp_path, pages=1) == Path("/dev/shm")


def test_work_folders_of_killed_builds_are_removed_by_the_next_build(tmp_path, caplog):
    """A SIGKILLed build runs no cleanup; in /dev/shm its documents would hold memory until reboot."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    killed = tmp_path / f".pagefind-{gone.pid}-x1"
    (killed / "site" / "claims" / "a").mkdir(parents=True)
    (killed / "site" / "claims" / "a" / "index.html").write_text("<html></html>", "utf-8")
    running = tmp_path / f".pagefind-{os.getpid()}-x2"  # a build still running: this process
    running.mkdir()
    other = tmp_path / ".pagefind-notes"
    other.mkdir()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.factcheck"):
        early = search.EarlyIndex(tmp_path, "en")
    try:
        assert not killed.exists()
        assert running.is_dir() and other.is_dir()
        assert early.work.name.startswith(f".pagefind-{os.getpid()}-")
        assert f"Removed {killed.name}" in caplog.text
    finally:
        early.cancel()
