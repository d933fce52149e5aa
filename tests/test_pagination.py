"""Long lists in pages (render/pagination.py): every entry reachable, stable addresses, small pages."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from factories import SETTINGS, lines_run, sample_site, synthetic_content

from generator.link import link
from generator.load import load_tree
from generator.render import Page, render_pages, rerender
from generator.render.core import page_url
from generator.render.pagination import first_page, page_key, page_path, split_key
from generator.spec import RESERVED_IDS
from generator.validate import check

HREF = re.compile(r'href="([^"]+)"')
NEXT = re.compile(r'<a href="([^"]+)" rel="next">')
PREV = re.compile(r'<a href="([^"]+)" rel="prev">')
LIMIT = 200 * 1024
# What the theme adds around a page's body (head, header, navigation, footer): measured at about
# 35 KB on the demo site; the margin keeps a list's body well inside the 200 KB a page may weigh.
THEME = 60 * 1024


def _path_of(url: str) -> str:
    """A docs path from a site-relative directory address (claims/page/2/ -> claims/page/2.md)."""
    stem = url.rstrip("/")
    if stem.count("/") == 0:
        return f"{stem}/index.md" if stem else "index.md"
    return stem + ".md"


def _resolve(page_path_: str, href: str) -> str:
    """A relative href on the page at docs path `page_path_` -> site-relative address."""
    parts = page_url(page_path_).split("/")[:-1]
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece:
            parts.append(piece)
    return "/".join(parts) + "/"


def _walk(pages: dict[str, Page], first: str) -> list[str]:
    """Docs paths of a list's pages, from `first` by following the next links."""
    seen = [first]
    while True:
        body = pages[seen[-1]].body()
        found = NEXT.search(body)
        if found is None:
            return seen
        nxt = _path_of(_resolve(seen[-1], found.group(1)))
        assert nxt not in seen, f"{seen[-1]} links back to {nxt}"
        seen.append(nxt)


def _claims_on(page: Page, root_path: str) -> list[str]:
    out = []
    for href in HREF.findall(page.body()):
        url = _resolve(root_path, href)
        m = re.fullmatch(r"claims/([a-z0-9-]+)/", url)
        if m and m.group(1) != "page":
            out.append(m.group(1))
    return list(dict.fromkeys(out))


def test_keys_and_paths():
    assert split_key("") == ("", 1)
    assert split_key("/2") == ("", 2)
    assert split_key("false/3") == ("false", 3)
    assert page_key("", 1) == "" and page_key("x", 4) == "x/4"
    assert page_path("claims/index.md", 1) == "claims/index.md"
    assert page_path("claims/index.md", 2) == "claims/page/2.md"
    assert page_path("people/jane-doe.md", 3) == "people/jane-doe/page/3.md"
    assert page_url(page_path("claims/index.md", 2)) == "claims/page/2/"
    assert first_page("claims/page/2.md") == "claims/index.md"
    assert first_page("people/jane-doe/page/3.md") == "people/jane-doe.md"
    assert first_page("claims/page.md") is None
    assert first_page("claims/x.md") is None
    assert first_page("page/2.md") is None


def test_page_is_a_reserved_id(tmp_path):
    assert "page" in RESERVED_IDS
    from generator.render import RenderError
    from generator.render.core import check_id

    with pytest.raises(RenderError, match="reserved"):
        check_id("page", "claim")


SMALL = dataclasses.replace(SETTINGS, page_size=1)  # one claim a page, two other entries


@pytest.fixture(scope="module")
def small_pages():
    site = sample_site()
    return site, render_pages(site, SMALL, workers=0)


def test_every_claim_is_reachable_from_the_first_page_of_the_claims_list(small_pages):
    site, pages = small_pages
    chain = _walk(pages, "claims/index.md")
    assert len(chain) == len(site.claims_newest) > 1
    assert chain[1:] == [f"claims/page/{n}.md" for n in range(2, len(chain) + 1)]
    found = [cid for p in chain for cid in _claims_on(pages[p], p)]
    assert found == list(site.claims_newest)  # in order, each once: the counts add up
    # Back again by the previous links; the head carries the same neighbours.
    for before, after in zip(chain, chain[1:], strict=False):
        body = pages[after].body()
        assert _path_of(_resolve(after, PREV.search(body).group(1))) == before
        meta = pages[after].resolved().meta["pagination"]
        assert meta["prev"] == SMALL.url(page_url(before))
    assert PREV.search(pages["claims/index.md"].body()) is None
    assert pages[chain[-1]].resolved().meta["pagination"]["next"] is None


def test_every_list_of_claims_is_paginated(small_pages):
    site, pages = small_pages
    lists = {f"ratings/{r}.md": ids for r, ids in site.by_rating.items()}
    lists |= {f"topics/{t}.md": ids for t, ids in site.by_topic.items()}
    lists |= {f"people/{p}.md": ids for p, ids in site.by_claimant.items()}
    assert any(len(ids) > 1 for ids in lists.values()), "the sample has a list to split"
    for first, ids in lists.items():
        chain = _walk(pages, first)
        assert len(chain) >= len(ids)
        found = [cid for p in chain for cid in _claims_on(pages[p], p)]
        if not first.startswith("people/"):  # a person's page also links the claims they checked
            assert found == list(ids), first
        else:
            assert set(ids) <= set(found), first


def test_a_documents_checked_claims_are_paginated_and_its_text_stays_on_page_1(small_pages):
    site, pages = small_pages
    ids = site.by_document["speech-2025"]
    assert len(ids) == 2 and site.content.documents["speech-2025"].text
    chain = _walk(pages, "documents/speech-2025.md")
    assert chain == ["documents/speech-2025.md", "documents/speech-2025/page/2.md"]
    listed = []
    for path in chain:
        body = pages[path].body()
        claims_list = body[body.index('id="claims"') : body.index('class="fc-pagination"')]
        listed += _claims_on(Page(path, {}, claims_list), path)
        # every page's breakdown counts the whole document's claims (one True, one Mostly false)
        assert body.count('<span class="fc-bar" style="--fc-share: 50.0%">50%</span>') == 2
        # a page of one entry says so: "Entry 2 of 2.", not "Entries 2–2 of 2."
        assert f"Entry {len(listed)} of 2." in body and "Entries" not in body
    assert listed == list(ids)  # in the order they appear, each once
    first, second = (pages[p] for p in chain)
    assert 'class="fc-doc-text"' in first.body() and 'id="text"' in first.body()
    assert 'class="fc-doc-text"' not in second.body()
    # the later page points back at the full text on page 1, and is titled as a page of it
    back = [h for h in HREF.findall(second.body()) if h.endswith("#text")]
    assert [_resolve(chain[1], h.removesuffix("#text")) for h in back] == ["documents/speech-2025/"]
    assert second.title.endswith("(page 2 of 2)")
    assert [entry[1] for entry in second.toc] == ["claims"]


def test_other_lists_are_paginated_with_twice_the_entries(small_pages):
    site, pages = small_pages
    people = site.content.people
    chain = _walk(pages, "people/index.md")
    assert len(chain) == -(-len(people) // 2)
    found = []
    for p in chain:
        found += [
            m.group(1)
            for href in HREF.findall(pages[p].body())
            if (m := re.fullmatch(r"people/([a-z0-9-]+)/", _resolve(p, href)))
        ]
    assert sorted(set(found)) == sorted(people)
    for first in ("sources/index.md", "documents/index.md", "topics/index.md"):
        assert all(p in pages for p in _walk(pages, first))


def test_a_list_on_one_page_has_no_page_navigation():
    pages = render_pages(sample_site(), SETTINGS, workers=0)
    assert not any("/page/" in p for p in pages)
    assert not any("fc-pagination" in p.body() for p in pages.values())
    assert not any("pagination" in p.resolved().meta for p in pages.values())


def test_addresses_are_stable_as_the_list_grows(small_pages):
    """Page n of a list is always at <list>/page/n/: more claims add pages at the end."""
    site, pages = small_pages
    fewer = sample_site()
    content = fewer.content
    drop = site.claims_newest[-1]
    smaller = dataclasses.replace(
        content,
        claims={k: v for k, v in content.claims.items() if k != drop},
        verdicts={k: v for k, v in content.verdicts.items() if k != drop},
    )
    less = render_pages(link(smaller), SMALL, workers=0)
    later = sorted(p for p in pages if "/page/" in p)
    assert set(p for p in less if "/page/" in p) <= set(later)


def test_a_preview_renders_a_lists_later_pages_with_its_first(small_pages):
    site, pages = small_pages
    stale = {path: dataclasses.replace(p.resolved(), html="stale") for path, p in pages.items()}
    again = rerender(site, SMALL, stale, {"claims/index.md"})
    assert again["claims/index.md"].body() != "stale"
    later = [p for p in again if p.startswith("claims/page/")]
    assert later and all(again[p].body() != "stale" for p in later)
    assert again["topics/index.md"].body() == "stale"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("synth-3000")
    content = synthetic_content(root / "content", 3000)
    report = check(load_tree(content))
    assert not report.errors
    site = link(report.content)
    return site, render_pages(site, SETTINGS)


def test_no_page_is_over_200_kb_at_3000_claims(synthetic):
    site, pages = synthetic
    sizes = {path: len(p.body().encode("utf-8")) for path, p in pages.items()}
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] + THEME < LIMIT, (largest, sizes[largest])
    chain = _walk(pages, "claims/index.md")
    assert len(chain) == 30
    found = [cid for p in chain for cid in _claims_on(pages[p], p)]
    assert found == list(site.claims_newest)
    sources = _walk(pages, "sources/index.md")
    assert len(sources) == -(-len(site.sources) // 200) > 1


def test_a_real_build_with_the_page_size_option(tmp_path):
    """mkdocs.yml `page_size`: the later pages exist, each page's head names its own neighbours
    (page 1 of /claims/ links page 2, not the navigation's next section), and links resolve."""
    import yaml
    from factories import MINI, broken_links, html_files, write_config
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    path = write_config(tmp_path, MINI)
    config = yaml.safe_load(path.read_text())
    for p in config["plugins"]:
        if isinstance(p, dict) and "factcheck" in p:
            p["factcheck"]["page_size"] = 1
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    cfg = load_config(str(path))
    mkdocs_build(cfg)
    site = Path(cfg.site_dir)
    first = (site / "claims" / "index.html").read_text()
    assert re.findall(r'<link rel="next"[^>]*>', first) == [
        f'<link rel="next" href="{cfg.site_url}claims/page/2/">'
    ]
    assert not re.findall(r'<link rel="prev"[^>]*>', first)
    second = (site / "claims" / "page" / "2" / "index.html").read_text()
    assert f'<link rel="prev" href="{cfg.site_url}claims/">' in second
    assert 'class="fc-pagination"' in second
    for page in html_files(site):
        head = page.read_text().split("</head>", 1)[0]
        assert head.count('rel="next"') <= 1 and head.count('rel="prev"') <= 1, page
    assert broken_links(site) == []


def test_publishers_whose_names_give_the_same_anchor_get_numbered_ones_in_linear_time():
    from types import SimpleNamespace

    from generator.render import indexes
    from generator.render.indexes import _sources_by_publisher

    def anchors(n: int) -> tuple[list[str], int]:
        """The anchors of n publishers, and how many lines of the grouping ran."""
        # "Acme" and eight marks, each name different, all with the slug "acme"
        names = ["Acme " + "".join("!?.,"[(i >> (2 * k)) & 3] for k in range(8)) for i in range(n)]
        sources = [SimpleNamespace(publisher=name) for name in names]
        ctx = SimpleNamespace(site=SimpleNamespace(sources=sources), _=lambda s: s)
        flat, lines = lines_run(_sources_by_publisher, ctx, module=indexes)
        return [a for a, _, _ in flat], lines

    few, _ = anchors(4)
    assert few == ["publisher-acme", "publisher-acme-2", "publisher-acme-3", "publisher-acme-4"]
    many, small = anchors(1000)
    assert len(set(many)) == 1000
    _, big = anchors(8000)
    assert big < small * 8 * 1.1, (small, big)  # 8 times the names: 8 times the work, not 64
