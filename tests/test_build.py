"""Real builds of the small example tree (tests/fixtures/mini): mkdocs, the plugin, the theme, all of it.

What is asserted is what a reader gets: the text of the built pages, where their links go, the
ClaimReview in them, and the build's promises (strict-clean, same bytes twice, all-or-nothing).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from factories import MINI, REPO, broken_links, html_files, parse, tree_digest, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.build import build, export


def mkdocs_site(tmp: Path, content: Path = MINI, **extra) -> Path:
    config = load_config(str(write_config(tmp, content, extra=extra)))
    mkdocs_build(config)
    return Path(config.site_dir)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return mkdocs_site(tmp_path_factory.mktemp("mini"))


def test_claim_page_as_a_reader_sees_it(site):
    page = parse(site / "claims" / "unemployment-doubled" / "index.html")
    text = page.text
    assert "Unemployment doubled between 2022 and 2025" in text
    assert "Rating: ✘ Mostly false" in text
    assert "What we found Unemployment rose from 4.1% to 5.3%, not a doubling." in text
    assert "She said that unemployment doubled between 2022 and 2025, which surprised" in text
    assert "Checked by Sam Checker. Reviewed by Rita Editor." in text
    # One h1, the claim's short title (Material writes it from the front matter).
    assert [a for t, a in page.elements if t == "h1"] == [{}]
    # Links go where they should.
    assert page.find("a", href="../../people/jane-doe/")
    assert page.find("a", href="../../documents/speech-2025/#quote-unemployment-doubled")
    assert page.find("a", href="#source-lfs", id="cite-lfs-1")
    # Head: description, canonical address, Open Graph and Twitter card.
    assert page.find("meta", name="description", content=(
        "Unemployment rose from 4.1% to 5.3%, not a doubling."
    ))  # fmt: skip
    assert page.find(
        "link", rel="canonical", href="https://factcheck.example.org/claims/unemployment-doubled/"
    )
    assert page.find("meta", property="og:type", content="article")
    assert page.find(
        "meta", property="og:title", content="Unemployment doubled between 2022 and 2025"
    )
    assert page.find("meta", name="twitter:card", content="summary_large_image")
    # Readers get no documentation controls (contributor_controls is off by default), and one
    # way to report an error.
    assert not page.find("a", rel="edit")
    assert "Report an error" in text


def test_exactly_one_claimreview_with_the_right_values(site):
    page = parse(site / "claims" / "unemployment-doubled" / "index.html")
    (review,) = page.jsonld()
    assert review["@type"] == "ClaimReview"
    assert review["url"] == "https://factcheck.example.org/claims/unemployment-doubled/"
    assert review["claimReviewed"] == "Unemployment doubled between 2022 and 2025"
    assert review["author"]["name"] == "Open Fact Desk"
    assert review["reviewRating"]["alternateName"] == "Mostly false"
    assert (review["reviewRating"]["ratingValue"], review["reviewRating"]["bestRating"]) == (2, 6)
    assert review["reviewRating"]["worstRating"] == 1
    assert review["itemReviewed"]["author"]["name"] == "Jane Doe"
    assert review["itemReviewed"]["firstAppearance"]["url"] == "https://news.example/speech"
    assert review["datePublished"] == "2025-03-10" and review["dateModified"] == "2025-03-20"


def test_under_review_claim_has_no_claimreview(site):
    page = parse(site / "claims" / "new-hospital" / "index.html")
    assert page.jsonld() == []
    assert "Under review" in page.text
    assert "No verdict has been published yet" in page.text


def test_only_claim_pages_carry_claimreview_and_search_body(site):
    for path in html_files(site):
        page = parse(path)
        rel = path.relative_to(site).as_posix()
        is_claim = rel.startswith("claims/") and rel != "claims/index.html"
        reviews = page.jsonld()
        assert len(reviews) <= 1, rel
        if not is_claim:
            assert not reviews, rel
            assert not page.find("article", data_pagefind_body=""), rel


def test_the_nav_holds_index_pages_only(site):
    page = parse(site / "claims" / "unemployment-doubled" / "index.html")
    here = "https://factcheck.example.org/claims/unemployment-doubled/"
    nav = [
        urlsplit(urljoin(here, a["href"])).path
        for t, a in page.elements
        if t == "a" and "md-nav__link" in (a.get("class") or "") and a.get("href")
    ]
    nav = sorted({p for p in nav if not p.endswith("/unemployment-doubled/")})  # minus its own toc
    assert nav == [
        "/",
        "/about/",
        "/claims/",
        "/corrections/",
        "/documents/",
        "/methodology/",
        "/people/",
        "/ratings/",
        "/sources/",
        "/submit/",
        "/topics/",
    ]


def test_every_internal_link_and_anchor_resolves(site):
    assert broken_links(site) == []


def test_pages_of_every_family_exist(site):
    for rel in (
        "index.html",
        "about/index.html",
        "methodology/index.html",
        "submit/index.html",
        "claims/index.html",
        "ratings/index.html",
        "ratings/unproven/index.html",
        "topics/economy/index.html",
        "people/acme-party/index.html",
        "documents/speech-2025/index.html",
        "sources/index.html",
        "corrections/index.html",
        "assets/factcheck/factcheck.css",
        "assets/factcheck/ratings.css",
    ):
        assert (site / rel).is_file(), rel
    assert (
        not (site / "corrections.md").exists()
        and not (site / "corrections" / "corrections").exists()
    )
    policy = parse(site / "corrections" / "index.html").text
    assert policy.index("We correct mistakes openly") < policy.index("misstated the 2022 figure")
    scale = parse(site / "methodology" / "index.html").text
    start = scale.index("How we choose")  # the contents sidebar lists the headings before it
    assert start < scale.index("The rating scale", start) < scale.index("We fix", start)
    css = (site / "assets" / "factcheck" / "ratings.css").read_text()
    assert ".fc-rating-mostly-false { --fc-badge-bg: #c2410c; --fc-badge-fg: #ffffff; }" in css


def test_strict_build_is_clean(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        mkdocs_site(tmp_path, strict=True)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_no_network_fonts_or_trackers(site):
    for path in html_files(site):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        for attrs in parse(path).find("script"):
            src = attrs.get("src") or ""
            assert not src.startswith(("http:", "https:", "//")), (path, src)


def test_same_content_builds_byte_identical(tmp_path):
    one = tree_digest(mkdocs_site(tmp_path / "one"))
    two = tree_digest(mkdocs_site(tmp_path / "two"))
    assert one == two
    assert "sitemap.xml.gz" in one


def test_the_template_cache_changes_nothing(tmp_path, monkeypatch):
    cached = tree_digest(mkdocs_site(tmp_path / "cached"))
    monkeypatch.setenv("FACTCHECK_TEMPLATE_CACHE", "0")
    uncached = tree_digest(mkdocs_site(tmp_path / "uncached"))
    assert cached == uncached


def test_build_writes_the_site(tmp_path):
    out = tmp_path / "site"
    assert build(MINI, out, REPO / "mkdocs.yml") == 0
    assert (out / "claims" / "exports-halved" / "index.html").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")], (
        "temporary folder left"
    )


def broken_copy(tmp_path: Path) -> Path:
    content = tmp_path / "broken"
    shutil.copytree(MINI, content)
    verdict = content / "verdicts" / "exports-halved.yaml"
    data = yaml.safe_load(verdict.read_text())
    data["rating"] = "pants-on-fire"
    verdict.write_text(yaml.safe_dump(data))
    return content


def test_invalid_content_leaves_the_old_site_untouched(tmp_path, capsys):
    out = tmp_path / "site"
    assert build(MINI, out, REPO / "mkdocs.yml") == 0
    before = tree_digest(out)
    assert build(broken_copy(tmp_path), out, REPO / "mkdocs.yml") == 1
    err = capsys.readouterr().err
    assert "verdicts/exports-halved.yaml" in err and "pants-on-fire" in err
    assert tree_digest(out) == before


def test_a_build_that_fails_in_mkdocs_leaves_the_old_site_untouched(tmp_path):
    out = tmp_path / "site"
    assert build(MINI, out, REPO / "mkdocs.yml") == 0
    before = tree_digest(out)
    # Valid content, but an absolute link in the nav: a warning, so the strict build aborts.
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    config["nav"].append({"Elsewhere": "/elsewhere/"})
    config["theme"].pop("custom_dir", None)
    config["docs_dir"] = str(MINI / "pages")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config))
    assert build(MINI, out, config_file) == 1
    assert tree_digest(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_a_build_that_fails_at_the_very_end_leaves_the_old_site_untouched(tmp_path, monkeypatch):
    out = tmp_path / "site"
    assert build(MINI, out, REPO / "mkdocs.yml") == 0
    before = tree_digest(out)

    def index_fails(site_dir, settings, **kwargs):
        assert (Path(site_dir) / "claims" / "exports-halved" / "index.html").is_file()
        raise RuntimeError("search indexer crashed")

    monkeypatch.setattr("generator.discovery.after_build", index_fails)
    assert build(MINI, out, REPO / "mkdocs.yml") == 1
    assert tree_digest(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]
    assert not list(Path("/dev/shm").glob(f".pagefind-{os.getpid()}-*")), "search work folder left"


def test_plain_mkdocs_build_refuses_invalid_content_before_cleaning(tmp_path, caplog):
    site = mkdocs_site(tmp_path / "good")
    before = tree_digest(site)
    config = load_config(str(write_config(tmp_path / "good", broken_copy(tmp_path), site_dir=site)))
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        mkdocs_build(config)
    assert "verdicts/exports-halved.yaml" in caplog.text and "pants-on-fire" in caplog.text
    assert tree_digest(site) == before


def test_export_writes_buildable_markdown(tmp_path):
    out = tmp_path / "export"
    assert export(MINI, out, REPO / "mkdocs.yml") == 0
    page = (out / "claims" / "unemployment-doubled.md").read_text(encoding="utf-8")
    head = yaml.safe_load(page.split("---\n")[1])
    assert head["title"] == "Unemployment doubled between 2022 and 2025"
    assert json.loads(head["jsonld"])["@type"] == "ClaimReview"
    assert "\n# Unemployment doubled between 2022 and 2025\n" in page
    assert (out / "index.md").is_file() and (
        out / "assets" / "factcheck" / "factcheck.css"
    ).is_file()
    # The export is a docs folder plain mkdocs (no plugin) builds, without the nav or our content.
    config = tmp_path / "plain.yml"
    config.write_text(
        yaml.safe_dump(
            {
                "site_name": "Export",
                "docs_dir": str(out),
                "site_dir": str(tmp_path / "plain-site"),
                # The package's theme folder carries the ClaimReview and the search box.
                "theme": {"name": "material", "custom_dir": str(REPO / "generator" / "theme")},
                "plugins": [],
            }
        )
    )
    mkdocs_build(load_config(str(config)))
    built = parse(tmp_path / "plain-site" / "claims" / "unemployment-doubled" / "index.html")
    assert "Rating: ✘ Mostly false" in built.text
    assert len(built.jsonld()) == 1


def test_a_retired_claim_address_leads_to_the_claim_it_was_merged_into(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    (content / "redirects.yaml").write_text("- from: jobless-doubled\n  to: unemployment-doubled\n")
    site = mkdocs_site(tmp_path, content)
    page = (site / "claims" / "jobless-doubled" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../unemployment-doubled/">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert 'href="../unemployment-doubled/"' in page
    assert (site / "claims" / "unemployment-doubled" / "index.html").is_file()


def test_a_page_that_introduces_a_list_links_its_sibling_pages(tmp_path):
    """pages/corrections.md is published at /corrections/, above the list of corrections, but its
    `submit.md` is still the page next to it in pages/: /submit/, not /corrections/submit/."""
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    pages = content / "pages"
    (pages / "corrections.md").write_text(
        "# Corrections policy\n\nReport an error through [our submit page](submit.md).\n"
    )
    (pages / "ratings.md").write_text("# How we rate\n\nWho we are: [about us](about.md).\n")
    site = mkdocs_site(tmp_path, content)
    for page, words, target in (
        ("corrections", "our submit page", "submit"),
        ("ratings", "about us", "about"),
    ):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        hrefs = re.findall(rf'<a href="([^"]*)">{words}</a>', html)
        assert hrefs == [f"../{target}/"], page
        # where a reader's browser goes from /<page>/: a page the build wrote
        assert (site / page / hrefs[0] / "index.html").resolve() == (
            site / target / "index.html"
        ).resolve()
        assert (site / target / "index.html").is_file()
    assert broken_links(site) == []


def test_a_redirect_to_no_claim_stops_the_build(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    (content / "redirects.yaml").write_text("- from: jobless-doubled\n  to: unemployment-tripled\n")
    assert build(content, tmp_path / "site", REPO / "mkdocs.yml") == 1
    out = capsys.readouterr()
    assert "redirects.yaml:2:7: error:" in out.out + out.err
    assert not (tmp_path / "site").exists()


def test_the_garbage_collector_is_off_during_a_build_and_back_on_after(tmp_path):
    """A build switches the collector off (its objects make no cycles) and must hand it back on,
    whether the build succeeds or fails: a library caller's process would otherwise grow forever."""
    import gc

    from generator import plugin

    seen = []
    original = plugin.FactcheckPlugin.on_files

    def on_files(self, files, *, config):
        seen.append(gc.isenabled())
        return original(self, files, config=config)

    assert gc.isenabled()
    try:
        plugin.FactcheckPlugin.on_files = on_files
        mkdocs_site(tmp_path / "good")
        assert seen == [False] and gc.isenabled()
        config = load_config(str(write_config(tmp_path / "bad", broken_copy(tmp_path))))
        with pytest.raises(Abort):
            mkdocs_build(config)
        assert gc.isenabled()
    finally:
        plugin.FactcheckPlugin.on_files = original
        gc.enable()


@pytest.mark.parametrize(
    "base",
    [
        "https://example.org/",
        "https://example.org",
        "https://example.org/fact-checks/",
        "https://example.org/fact-checks",
        "http://127.0.0.1:8000/a/b/",
        "https://example.org/?x=1",
        "",
        None,
    ],
)
def test_page_addresses_are_those_mkdocs_would_give(base):
    """GeneratedPage skips mkdocs' urljoin for slug addresses: the result must not change."""
    from mkdocs.structure.pages import Page as MkdocsPage

    from generator.plugin import canonical_url

    class Plain:
        url = ""

    for url in ["", "claims/", "claims/a-claim-2/", "people/jo_ann/", "x.html", "a/../b/", "/abs/"]:
        plain = Plain()
        plain.url = url
        MkdocsPage._set_canonical_url(plain, base)
        fast = canonical_url(base, url)
        if fast is not None:
            assert fast == (plain.canonical_url, plain.abs_url), (base, url)
        elif base and url in {"", "claims/", "claims/a-claim-2/"} and "?" not in base:
            pytest.fail(f"the slug address {url!r} under {base!r} should take the short way")


def test_build_without_the_search_index(tmp_path, caplog):
    """`factcheck build --no-search`: every page, feed and data file, no Pagefind bundle, and the
    log says the index was skipped; the search box then tells readers search is not available."""
    from generator.cli import main as factcheck

    out = tmp_path / "site"
    args = [
        "build",
        "--content",
        str(MINI),
        "--out",
        str(out),
        "--config",
        str(REPO / "mkdocs.yml"),
    ]
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.factcheck"):
        assert factcheck([*args, "--no-search"]) == 0
    assert "Search index skipped" in caplog.text
    assert not (out / "pagefind").exists()
    assert (out / "claims" / "exports-halved" / "index.html").is_file()
    assert (out / "feed.xml").is_file() and (out / "data" / "claims.json").is_file()
    pid = f".pagefind-{os.getpid()}-"
    assert not [p for p in Path("/dev/shm").glob(pid + "*")] + list(tmp_path.glob(pid + "*"))
    with_index = tmp_path / "with-index"
    assert factcheck([*args[:4], str(with_index), *args[5:]]) == 0
    assert (with_index / "pagefind" / "pagefind-entry.json").is_file()
    assert tree_digest(out) == {
        k: v for k, v in tree_digest(with_index).items() if not k.startswith("pagefind/")
    }


def _old_site(folder: Path, folders: int) -> Path:
    for i in range(folders):
        page = folder / "claims" / f"c{i}"
        page.mkdir(parents=True)
        (page / "index.html").write_text("<p>old</p>")
    return folder


def test_a_large_replaced_site_is_deleted_by_a_helper_after_the_command_returns(tmp_path):
    from generator.build import delete_tree

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not part of the old site")
    old = _old_site(tmp_path / ".site.old-1-a", 300)
    (old / "claims" / "c0" / "link").symlink_to(elsewhere, target_is_directory=True)
    assert delete_tree(old, seconds=0) is False  # over its time: handed to a helper
    for _ in range(
        200
    ):  # the helper renames it after itself (.site.old-<its id>-a), then deletes it
        left = [p for p in tmp_path.iterdir() if p.name.startswith(".site.old-")]
        if not left:
            break
        time.sleep(0.05)
    assert not left
    assert (elsewhere / "keep.txt").read_text() == "not part of the old site"

    small = _old_site(tmp_path / ".site.old-2-b", 3)
    (small / "claims" / "c0" / "link").symlink_to(elsewhere, target_is_directory=True)
    assert delete_tree(small) is True and not small.exists()  # quick: done in the command
    assert (elsewhere / "keep.txt").is_file()


def test_build_returns_2_and_touches_nothing_for_an_output_of_other_files(tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.txt").write_text("chapter one")
    assert build(MINI, out, REPO / "mkdocs.yml") == 2
    assert capsys.readouterr().err.startswith(
        f"{out}: error: this folder holds files that are not a built site (thesis.txt)"
    )
    assert [p.name for p in out.iterdir()] == ["thesis.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # no work folder either


def test_the_site_description_is_escaped_where_material_writes_it(tmp_path):
    """Material writes mkdocs.yml's site_description into the description of pages without their
    own (the 404 page) as it is: a quote in it ended the attribute, and a tag went into the head."""
    described = 'Checks by "Desk" <b>Co</b> & friends'
    site = mkdocs_site(tmp_path, site_description=described)
    head = (site / "404.html").read_text(encoding="utf-8").split("</head>")[0]
    assert (
        '<meta name="description" content="Checks by &#34;Desk&#34; &lt;b&gt;Co&lt;/b&gt; '
        '&amp; friends">'
    ) in head
    assert "<b>" not in head
