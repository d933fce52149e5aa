"""Real builds of sites of unusual but valid shapes: no claim at all, exactly one, all under review,
people and documents nothing points to, a scale of two ratings and one of ten with their own icons
and colours, a site at a sub-path without repo_url, a nav in another order that leaves sections
out, hand-written pages that link generated ones.

Every page a reader could open is crawled: each link and #fragment must lead to a built file and
an element of the site (the sub-path served as the site's root), no section heading may stand
with nothing under it, and ClaimReview appears on a claim's page only when it has a verdict.
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from factories import MINI, ParsedPage, html_files, parse, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

SUBPATH_URL = "https://example.org/desk/fact/"
TEXT = "She said that exports fell by half last year, and nothing else."


def dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def tree(root: Path, claims: int = 0, verdicts: int = 0, ratings: list | None = None) -> Path:
    """A content tree: the test scale, topics and pages, two people, a document with its text, and
    `claims` claims of which the first `verdicts` have a verdict (rated with the scale's ratings
    in turn)."""
    content = root / "content"
    shutil.copytree(MINI / "pages", content / "pages")
    shutil.copy(MINI / "topics.yaml", content / "topics.yaml")
    if ratings is None:
        shutil.copy(MINI / "ratings.yaml", content / "ratings.yaml")
        ratings = yaml.safe_load((MINI / "ratings.yaml").read_text(encoding="utf-8"))
    else:
        dump(content / "ratings.yaml", ratings)
    dump(content / "people" / "pat.yaml", {"name": "Pat Example", "kind": "person"})
    dump(content / "people" / "sam.yaml", {"name": "Sam Checker", "kind": "person"})
    dump(
        content / "documents" / "speech.yaml",
        {"title": "A speech", "kind": "speech", "date": "2025-03-01", "author": "pat"},
    )
    (content / "documents" / "speech.txt").write_text(TEXT, encoding="utf-8")
    for i in range(claims):
        cid = f"claim-{i}"
        appearance = (
            {"document": "speech", "quote": "exports fell by half"}
            if i == 0
            else {"url": f"https://social.example/{i}", "title": f"Post {i}"}
        )
        dump(
            content / "claims" / f"{cid}.yaml",
            {
                "claim": f"Exports fell by half, says claim {i}.",
                "claimant": "pat",
                "date": f"2025-03-{i + 1:02d}",
                "appearances": [appearance],
                "topics": ["economy"],
            },
        )
        if i < verdicts:
            dump(
                content / "verdicts" / f"{cid}.yaml",
                {
                    "claim": cid,
                    "rating": ratings[i % len(ratings)]["id"],
                    "summary": f"Finding {i}.",
                    "body": "The customs figures [@customs] say so.",
                    "sources": [
                        {"id": "customs", "title": "Customs data", "url": "https://c.example/"}
                    ],
                    "authors": ["sam"],
                    "published": "2025-04-01",
                },
            )
    return content


def build(tmp: Path, content: Path, nav: list | None = None, **options: Any) -> Path:
    """Build with the project's mkdocs.yml at the sub-path address, without repo_url or edit_uri;
    `nav` replaces the nav, `options` are factcheck plugin options."""
    path = write_config(tmp, content)
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["site_url"] = SUBPATH_URL
    config.pop("repo_url", None)
    config.pop("edit_uri", None)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"].update({"search_index": False, **options})
            plugin["factcheck"].pop("organization_url", None)
    if nav is not None:
        config["nav"] = nav
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    loaded = load_config(str(path))
    mkdocs_build(loaded)
    return Path(loaded.site_dir)


def broken(site: Path, prefix: str = urlsplit(SUBPATH_URL).path) -> list[str]:
    """Every link or #fragment on every built page that leads nowhere, with the site served at
    `prefix` (so /desk/fact/claims/ is site/claims/index.html)."""
    site = site.resolve()
    pages = {p.resolve(): parse(p) for p in html_files(site)}
    problems = []
    for page, parsed in pages.items():
        for href in parsed.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            path = unquote(parts.path)
            where = f"{page.relative_to(site)}: {href}"
            if not path:
                target = page
            elif path.startswith("/"):
                if not path.startswith(prefix):
                    problems.append(f"{where} (outside the site's address {prefix})")
                    continue
                target = (site / path[len(prefix) :]).resolve()
            else:
                target = (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{where} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{where} (no such anchor)")
    return problems


class _Sections(HTMLParser):
    """The headings in a page's <article> with nothing (no text, no image) before the next heading
    of the same or a higher level, or before the article ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.open: list[list] = []  # [level, text, has content]
        self.heading: list | None = None
        self.skip = 0
        self.empty: list[str] = []

    def _close(self, level: int) -> None:
        while self.open and self.open[-1][0] >= level:
            lvl, text, full = self.open.pop()
            if not full:
                self.empty.append(f"h{lvl} {text.strip()!r}")

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "article":
            self.in_article += 1
        if not self.in_article:
            return
        if tag in ("script", "style", "template"):
            self.skip += 1
        elif tag in ("h2", "h3", "h4"):
            self._close(int(tag[1]))
            self.heading = [int(tag[1]), "", False]
            self.open.append(self.heading)
        elif tag in ("img", "svg", "iframe", "input") and self.heading is None:
            for h in self.open:
                h[2] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.in_article:
            self._close(0)
            self.in_article -= 1
        elif tag in ("script", "style", "template") and self.skip:
            self.skip -= 1
        elif tag in ("h2", "h3", "h4"):
            self.heading = None

    def handle_data(self, data: str) -> None:
        if not self.in_article or self.skip or not data.strip():
            return
        if self.heading is not None:
            self.heading[1] += data
            return
        for h in self.open:
            h[2] = True


def empty_sections(site: Path) -> list[str]:
    out = []
    for f in html_files(site):
        finder = _Sections()
        finder.feed(f.read_text(encoding="utf-8"))
        out += [f"{f.relative_to(site)}: {e}" for e in finder.empty]
    return out


def reviews(site: Path) -> dict[str, list[dict]]:
    """The ClaimReview blocks of each page that has any, by site-relative page folder."""
    found: dict[str, list[dict]] = {}
    for f in html_files(site):
        blocks = [b for b in parse(f).jsonld() if '"ClaimReview"' in json.dumps(b)]
        if blocks:
            found[f.parent.relative_to(site).as_posix()] = blocks
    return found


def text_of(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    start = html.index("<article")
    return ParsedPage(html[start : html.index("</article>", start)]).text


def headings(site: Path, page: str) -> list[str]:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    start = html.index("<article")
    article = html[start : html.index("</article>", start)]
    found, parts = [], article.split("<h2")
    for part in parts[1:]:
        found.append(ParsedPage("<h2" + part.split("</h2>")[0] + "</h2>").text)
    return found


def assert_sound(site: Path) -> None:
    assert broken(site) == []
    assert empty_sections(site) == []


@pytest.fixture(scope="module")
def shapes(tmp_path_factory) -> dict[str, Path]:
    """One built site per shape, built once for the module."""
    out = {}
    for name, claims, verdicts in (("zero", 0, 0), ("one", 1, 1), ("review", 2, 0)):
        tmp = tmp_path_factory.mktemp(name)
        content = tree(tmp, claims, verdicts)
        if name == "one":
            # Someone no claim names, and a document no claim points to.
            dump(content / "people" / "nobody.yaml", {"name": "Nobody Said", "kind": "person"})
            dump(
                content / "documents" / "orphan.yaml",
                {"title": "An unquoted report", "kind": "report", "date": "2025-01-01"},
            )
        out[name] = build(tmp, content)
    return out


def test_a_site_without_claims_says_so_and_links_nowhere_broken(shapes):
    site = shapes["zero"]
    assert_sound(site)
    assert reviews(site) == {}
    home = text_of(site, ".")
    assert "No fact check has been published yet." in home
    assert "Verdicts by rating" not in headings(site, ".")
    assert "No fact check has been published yet." in text_of(site, "claims")
    # People and a document, but no claim: one list of people, not a lone heading "Others".
    assert headings(site, "people") == []
    people = text_of(site, "people")
    assert "Pat Example (1 document)" in people and "Sam Checker (no entries)" in people
    assert "No claim from this document has been checked." in text_of(site, "documents/speech")
    assert "No sources yet." in text_of(site, "sources")
    assert "No claim has this rating yet." in text_of(site, "ratings/false")
    assert "No claim is on this topic yet." in text_of(site, "topics/economy")


def test_a_site_of_one_claim_counts_one_and_reviews_it_on_its_page_only(shapes):
    site = shapes["one"]
    assert_sound(site)
    found = reviews(site)
    assert list(found) == ["claims/claim-0"]
    assert found["claims/claim-0"][0]["reviewRating"]["alternateName"] == "True"
    assert "One claim. It has a published verdict." in text_of(site, "claims")
    assert "Exports fell by half, says claim 0." in text_of(site, "ratings/true")
    assert "No claim has this rating yet." in text_of(site, "ratings/false")
    topic = text_of(site, "topics/economy")
    assert "Exports fell by half, says claim 0." in topic
    assert "(1 claim)" in text_of(site, "topics")


def test_people_and_documents_nothing_points_to_say_so(shapes):
    site = shapes["one"]
    assert "Nothing on this site is linked to Nobody Said yet." in text_of(site, "people/nobody")
    people = text_of(site, "people")
    assert "Nobody Said" in people and "(no entries)" in people
    assert "No claim from this document has been checked." in text_of(site, "documents/orphan")
    assert "An unquoted report" in text_of(site, "documents")


def test_a_site_of_claims_all_under_review_shows_no_verdict_table(shapes):
    site = shapes["review"]
    assert_sound(site)
    assert reviews(site) == {}
    home = text_of(site, ".")
    assert "No fact check has been published yet." in home
    # Claims, but no verdict: a "Verdicts by rating" table would hold "Under review 100%" only.
    assert "Verdicts by rating" not in headings(site, ".")
    assert "All 2 claims" in home
    claims = text_of(site, "claims")
    assert "2 claims, newest first." in claims and "2 are under review." in claims
    assert "Exports fell by half, says claim 1." in claims


def scale(n: int) -> list[dict]:
    icons = "★☆✓✔◑◐⚠✗✘⛔"
    return [
        {
            "id": f"level-{i}",
            "label": f"Level {i}",
            "value": n - i,
            "color": f"#{(40 + 20 * i):02x}2060",
            "icon": icons[i],
            "description": f"Step {i} of the scale.",
        }
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [2, 10])
def test_a_scale_of_its_own_size_icons_and_colours_is_used_everywhere(tmp_path, n):
    ratings = scale(n)
    site = build(tmp_path, tree(tmp_path, claims=n, verdicts=n, ratings=ratings))
    assert_sound(site)
    found = reviews(site)
    assert sorted(found) == sorted(f"claims/claim-{i}" for i in range(n))
    for i in range(n):
        rating = found[f"claims/claim-{i}"][0]["reviewRating"]
        assert rating["ratingValue"] == n - i
        assert (rating["bestRating"], rating["worstRating"]) == (n, 1)
        assert rating["alternateName"] == f"Level {i}"
        page = text_of(site, f"ratings/level-{i}")
        assert f"{ratings[i]['icon']} Level {i}" in page
        assert f"Exports fell by half, says claim {i}." in page
    css = (site / "assets" / "factcheck" / "ratings.css").read_text(encoding="utf-8")
    for r in ratings:
        assert r["color"] in css
    index = text_of(site, "ratings")
    assert index.count("1 claim") == n
    methodology = text_of(site, "methodology")
    assert f"1 = least accurate, {n} = most accurate" in methodology


def test_a_nav_of_its_own_order_and_pages_linking_generated_ones(tmp_path):
    content = tree(tmp_path, claims=1, verdicts=1)
    (content / "pages" / "guide").mkdir()
    (content / "pages" / "guide" / "reading.md").write_text(
        "# Reading our checks\n\nSee [every claim](../claims/index.md), [the first](../claims/claim-0.md),"
        " [true ones](../ratings/true/index.md), [Pat](../people/pat.md), [the speech]"
        "(../documents/speech.md), [economy](../topics/economy.md) and [sources](../sources/index.md).\n",
        encoding="utf-8",
    )
    nav = [
        {"About": "about.md"},
        {"People": "people/index.md"},
        {"Home": "index.md"},
        {"Guides": [{"Reading": "guide/reading.md"}]},
    ]
    site = build(tmp_path, content, nav=nav)
    assert_sound(site)
    guide = parse(site / "guide" / "reading" / "index.html")
    for target in (
        "../../claims/",
        "../../claims/claim-0/",
        "../../ratings/true/",
        "../../people/pat/",
        "../../documents/speech/",
        "../../topics/economy/",
        "../../sources/",
    ):
        assert target in guide.links
    html = (site / "index.html").read_text(encoding="utf-8")
    start = html.index('<nav class="md-nav md-nav--primary"')
    nav_text = ParsedPage(html[start : html.index("</nav>", start)]).text.split()
    assert [w for w in nav_text if w in ("About", "People", "Home", "Reading", "Sources")] == [
        "About",
        "People",
        "Home",
        "Reading",
    ]
    # Sections left out of the nav are still built and linked from the home page.
    for section in ("ratings", "topics", "documents", "sources", "corrections", "claims"):
        assert (site / section / "index.html").exists()
        assert f"{section}/" in parse(site / "index.html").links
