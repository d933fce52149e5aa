"""Search over an index in parts, in Chromium: a synthetic site of 10 claims indexed in parts of 3
(tests/test_search_parts.py builds it), served from 127.0.0.1. search.js merges pagefind/part-2/...
into pagefind/: a word found in claims of several parts gives one list with claims of each, every
claim once; a rating filter (whose values come from every part) still leaves only that rating; the
WebAssembly is fetched once, and a first query stays small.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from browserkit import goto_path, serve

from generator import search
from tests.test_search_parts import PART, parted_site

pytestmark = pytest.mark.browser

WORD = re.compile(r"[A-Za-z]{5,}")
CLAIM_URL = re.compile(r"/claims/([a-z0-9-]+)/$")
FIRST_QUERY_BUDGET = 300_000


@pytest.fixture(scope="module")
def parted(tmp_path_factory):
    out, site, settings = parted_site(tmp_path_factory.mktemp("parts-browser"))
    with serve(out) as base:
        yield out, site, base


def _part_of(site) -> dict[str, int]:
    """Claim id -> the part (1, 2...) its page is in: the sorted path order, cut every PART pages."""
    return {cid: i // PART + 1 for i, cid in enumerate(sorted(site.content.claims))}


def _label(site, cid: str) -> str:
    v = site.content.verdicts.get(cid)
    return site.content.ratings[v.rating].label if v else "Under review"


def _settle(page) -> str:
    page.wait_for_function(
        """() => {
            const s = document.querySelector('.fc-search__status');
            return s && s.textContent && !s.textContent.startsWith('Searching');
        }"""
    )
    return page.locator(".fc-search__status").text_content()


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


def _report(out: Path, requests: list[tuple[str, int]], downloaded: int) -> None:
    lines = [f"{size:>8} {url}" for url, size in requests]
    print(f"\nfirst query over {len(search.part_bundles(out / 'pagefind'))} parts: {downloaded} B")
    print("\n".join(lines))
