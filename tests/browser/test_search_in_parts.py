"""Search over an index in parts, in Chromium: a synthetic site of 10 claims indexed in parts of 3
(tests/test_search_parts.py builds it), served from 127.0.0.1. search.js merges pagefind/part-2/...
into pagefind/: a word found in claims of several parts gives one list with claims of each, every
claim once; a rating filter (whose values come from every part) still leaves only that rating; the
WebAssembly is fetched once, and a first query stays small. A query of several words gives the claims
one whole index gives, even where a part lacks one of the words (Pagefind alone would ignore that word
there).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from browserkit import goto_path, serve, wait_for_search

from generator import search
from tests.test_search_parts import PART, parted_site

pytestmark = pytest.mark.browser

WORD = re.compile(r"[A-Za-z]{5,}")
TOKEN = re.compile(r"\w+")
CLAIM_URL = re.compile(r"/claims/([a-z0-9-]+)/$")
FIRST_QUERY_BUDGET = 300_000


@pytest.fixture(scope="module")
def parted(tmp_path_factory):
    out, site, settings = parted_site(tmp_path_factory.mktemp("parts-browser"))
    with serve(out) as base:
        yield out, site, base


@pytest.fixture(scope="module")
def whole(parted, tmp_path_factory):
    """The same site with its index in one bundle (the default part size), served beside it."""
    out, site, _ = parted
    one = tmp_path_factory.mktemp("whole") / "site"
    shutil.copytree(out, one)
    settings = _settings_of()
    assert search.build_index(one, language="en").parts == 1
    for path, text in search.ui_files(site, settings).items():
        (one / path).write_text(text, encoding="utf-8")
    with serve(one) as base:
        yield one, base


def _settings_of():
    """The demo's settings with the default part size."""
    from mkdocs.config import load_config

    from generator.plugin import settings_from_config
    from tests.test_search_parts import MKDOCS_YML

    config = load_config(str(MKDOCS_YML))
    return dataclasses.replace(
        settings_from_config(config, config.plugins["factcheck"].config), search_part_size=0
    )


def _part_of(site) -> dict[str, int]:
    """Claim id -> the part (1, 2...) its page is in: the sorted path order, cut every PART pages."""
    return {cid: i // PART + 1 for i, cid in enumerate(sorted(site.content.claims))}


def _label(site, cid: str) -> str:
    v = site.content.verdicts.get(cid)
    return site.content.ratings[v.rating].label if v else "Under review"


def _settle(page) -> str:
    return wait_for_search(page)


def _results(page) -> list[tuple[str, str]]:
    """(claim id, badge label) of every result, in order, after loading all of them."""
    _settle(page)
    more = page.locator(".fc-search__more")
    while more.is_visible():
        shown = page.locator(".fc-search__result").count()
        more.click()
        page.wait_for_function(
            f"() => document.querySelectorAll('.fc-search__result').length > {shown}"
        )
        _settle(page)
    out = []
    for item in page.locator(".fc-search__result").all():
        href = item.locator("a.fc-search__link").get_attribute("href")
        m = CLAIM_URL.search(href)
        assert m, f"a result that is not a claim page: {href}"
        out.append((m.group(1), item.locator(".fc-badge__label").inner_text().strip()))
    return out


def _word_in_parts(site) -> str:
    """A word of the claims' own text found in claims of the most parts (ties: fewest claims)."""
    parts = _part_of(site)
    where: dict[str, set[str]] = {}
    for cid, claim in site.content.claims.items():
        for w in {w.lower() for w in WORD.findall(claim.claim)}:
            where.setdefault(w, set()).add(cid)
    word = max(sorted(where), key=lambda w: (len({parts[c] for c in where[w]}), -len(where[w])))
    assert len({parts[c] for c in where[word]}) >= 2, "no word is in claims of two parts"
    return word


def test_one_result_list_across_parts_and_filters_still_work(parted, make_page):
    out, site, base = parted
    parts = _part_of(site)
    assert max(parts.values()) == len(search.part_bundles(out / "pagefind")) >= 3
    page, log = make_page(base)
    requests: list[tuple[str, int]] = []
    page.on("requestfinished", lambda r: requests.append((r.url, r.sizes()["responseBodySize"])))
    goto_path(page, "")
    requests.clear()  # the page itself; from here, what the search fetches

    word = _word_in_parts(site)
    box = page.locator("[data-fc-search] input[type=search]")
    box.click()
    box.fill(word)
    found = _results(page)
    ids = [cid for cid, _ in found]
    assert len(ids) == len(set(ids)), f"a claim listed twice: {ids}"
    expected = {cid for cid, claim in site.content.claims.items() if word in claim.claim.lower()}
    assert expected <= set(ids), f"{word!r}: missing {sorted(expected - set(ids))}"
    assert len({parts[c] for c in ids}) >= 2, f"{word!r}: results from one part only: {ids}"
    assert all(label == _label(site, cid) for cid, label in found), found

    fetched = [u for u, _ in requests]
    assert sum(1 for u in fetched if ".pagefind" in u and "/wasm." in u) == 1, fetched
    for part in search.part_urls(len(site.content.claims), PART):
        assert any(f"/{part}pagefind-entry.json" in u for u in fetched), (part, fetched)
    downloaded = sum(size for _, size in requests)
    assert downloaded < FIRST_QUERY_BUDGET, f"first query downloaded {downloaded} bytes"

    # The rating filter lists the ratings of every part, and leaves only the chosen one.
    assert not any(".pf_filter" in u for u in fetched), "a query alone fetches no filter file"
    select = page.locator("select[data-facet=rating]")
    select.focus()  # reaching for a filter fetches every part's filters
    page.wait_for_function(
        "() => document.querySelector('select[data-facet=rating]').options.length > 1"
    )
    options = {o.get_attribute("value") for o in select.locator("option").all()} - {""}
    ratings = Counter(_label(site, c) for c in site.content.claims) - Counter(
        {"Under review": 10**6}
    )
    assert options == set(ratings), options
    labels = Counter(label for _, label in found if label != "Under review")
    assert labels, f"{word!r}: no result with a verdict"
    rating = sorted(labels)[0]
    select.select_option(value=rating)
    after = _results(page)
    assert after and {label for _, label in after} == {rating}, after
    assert {cid for cid, _ in after} == {cid for cid, label in found if label == rating}
    # The rating alone, no word: every claim with it, from whichever part it is in.
    box.fill("")
    only = _results(page)
    assert {cid for cid, _ in only} == {
        cid for cid in site.content.claims if _label(site, cid) == rating
    }
    log.assert_clean("search over parts")
    _report(out, requests, downloaded)


def _indexed_words(out: Path) -> list[tuple[int, str, set[str]]]:
    """(part number, claim id, the words Pagefind read) of every indexed page, from the fragments."""
    pages = []
    for n, bundle in enumerate(search.part_bundles(out / "pagefind"), start=1):
        for f in sorted((bundle / "fragment").glob("*.pf_fragment")):
            fragment = json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])
            cid = CLAIM_URL.search(fragment["url"]).group(1)
            pages.append((n, cid, {w.lower() for w in TOKEN.findall(fragment["content"])}))
    return pages


def _narrowing_query(out: Path) -> tuple[str, str]:
    """Two words: a rare one, in pages of one part only (no word of another part even starts like
    it), and a common one, also on pages of other parts. (rare, common)."""
    pages = _indexed_words(out)
    parts_of: dict[str, set[int]] = {}
    for n, _, words in pages:
        for w in words:
            parts_of.setdefault(w, set()).add(n)
    words_of_part = {n: set().union(*(ws for m, _, ws in pages if m == n)) for n, _, _ in pages}

    def alone(w: str) -> bool:  # no page of another part has a word beginning as w does
        (home,) = parts_of[w]
        return not any(
            x.startswith(w[:4]) for n, ws in words_of_part.items() if n != home for x in ws
        )

    rare = sorted(w for w, ns in parts_of.items() if len(ns) == 1 and len(w) >= 7 and w.isalpha())
    rare = [w for w in rare if alone(w)]
    assert rare, "no word is in one part only"
    (home,) = parts_of[rare[0]]
    common = max(
        sorted(w for w, ns in parts_of.items() if w.isalpha() and len(w) >= 5 and home in ns),
        key=lambda w: len(parts_of[w]),
    )
    assert len(parts_of[common]) >= 2
    return rare[0], common


def test_several_words_find_what_one_index_finds(parted, whole, make_page):
    out, site, base = parted
    _, whole_base = whole
    rare, common = _narrowing_query(out)
    queries = [rare, f"{rare} {common}", f"{common} {rare}", f"zqxjvw {common}", common]
    page, log = make_page(base)
    other, other_log = make_page(whole_base)
    for p in (page, other):
        goto_path(p, "")
    found = {}
    for query in queries:
        found[query] = sorted(_found(page, query))
        assert found[query] == sorted(_found(other, query)), query
    # The rare word narrows the common one: a part without it would have added claims.
    assert found[queries[1]] and set(found[queries[1]]) < set(found[common]), (rare, common)
    log.assert_clean("several words over parts")
    other_log.assert_clean("several words over one index")


def _found(page, query: str) -> list[str]:
    """The claims a query in the header search lists, all of them."""
    box = page.locator("[data-fc-search] input[type=search]")
    box.click()
    box.fill(query)
    return [cid for cid, _ in _results(page)]


def _report(out: Path, requests: list[tuple[str, int]], downloaded: int) -> None:
    lines = [f"{size:>8} {url}" for url, size in requests]
    print(f"\nfirst query over {len(search.part_bundles(out / 'pagefind'))} parts: {downloaded} B")
    print("\n".join(lines))
