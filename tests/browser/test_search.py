"""Search in a real browser: the demo site built once (tests/browser/conftest.py), served from
127.0.0.1, driven in Debian's Chromium. Expected results come from the content itself.

- a word from one claim finds that claim, with its verdict badge;
- the claimant's name, words of the summary and of the reasoning, and a document's title find it too;
- a rating filter leaves only claims with that rating; rating, topic and year filters combine (AND);
- with JavaScript off the header shows a link to the claims index instead of the box;
- nothing is fetched from another host, and a first query downloads well under 1 MB.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from browserkit import wait_for_search

from generator.link import Site, link
from generator.validate import read_content

pytestmark = pytest.mark.browser

WORD = re.compile(r"[A-Za-z]{6,}")
CLAIM_URL = re.compile(r"/claims/([a-z0-9-]+)/$")
FIRST_QUERY_BUDGET = 1_000_000


@pytest.fixture(scope="module")
def demo(site) -> Site:
    content, problems = read_content(site.content)
    assert content is not None, problems[:5]
    return link(content)


def _box(page):
    return page.locator("[data-fc-search] input[type=search]")


def _settle(page) -> str:
    """Wait until the search has answered; returns the status line."""
    return wait_for_search(page)


def _results(page) -> dict[str, str]:
    """Claim id -> badge text of every result, after loading all pages of results."""
    _settle(page)
    more = page.locator(".fc-search__more")
    while more.is_visible():
        shown = page.locator(".fc-search__result").count()
        more.click()
        page.wait_for_function(
            f"() => document.querySelectorAll('.fc-search__result').length > {shown}"
        )
        _settle(page)
    out = {}
    for item in page.locator(".fc-search__result").all():
        href = item.locator("a.fc-search__link").get_attribute("href")
        m = CLAIM_URL.search(href)
        assert m, f"a result that is not a claim page: {href}"
        badge = item.locator(".fc-search__badge")
        assert badge.count() == 1, f"{href}: no verdict badge"
        out[m.group(1)] = badge.locator(".fc-badge__label").inner_text().strip()
    return out


def _search(page, text: str) -> dict[str, str]:
    box = _box(page)
    box.click()
    box.fill(text)
    return _results(page)


def _choose(page, facet: str, value: str) -> dict[str, str]:
    select = page.locator(f"select[data-facet={facet}]")
    select.focus()  # as a reader's click or Tab does: the filters are fetched from here on
    select.select_option(value=value)
    return _results(page)


def _label(site: Site, claim_id: str) -> str:
    v = site.content.verdicts.get(claim_id)
    return site.content.ratings[v.rating].label if v else "Under review"


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def _distinctive_word(site: Site, field) -> tuple[str, str]:
    """(claim id, word) where the word, from `field(claim id)`, is in as few claims' texts as possible."""
    c = site.content
    everywhere = Counter()
    for cid in c.claims:
        v = c.verdicts.get(cid)
        text = " ".join([c.claims[cid].claim, v.summary if v else "", v.body if v else ""])
        everywhere.update(_words(text))
    best = None
    for cid in sorted(c.verdicts):
        for w in sorted(_words(field(cid))):
            if best is None or everywhere[w] < best[0]:
                best = (everywhere[w], cid, w)
    assert best, "no claim has a word to search for"
    return best[1], best[2]


def test_a_word_from_a_claim_finds_it_with_its_badge(site, demo, page, goto, page_log):
    goto(page, "")
    cid, word = _distinctive_word(demo, lambda i: demo.content.claims[i].claim)
    sizes: list[int] = []
    page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
    found = _search(page, word)
    assert cid in found, f"searching {word!r} did not find {cid}: {sorted(found)}"
    assert found[cid] == _label(demo, cid)
    item = page.locator(".fc-search__result", has=page.locator(f'a[href$="/claims/{cid}/"]'))
    assert item.locator(".fc-badge__label").inner_text() == _label(demo, cid)
    assert item.locator(".fc-badge__icon").inner_text().strip(), "the badge shows an icon"
    assert item.locator("mark").count() >= 1, "the matched word is highlighted"
    assert sum(sizes) < FIRST_QUERY_BUDGET, f"first query downloaded {sum(sizes)} bytes"
    # Following the result opens the claim page.
    item.locator("a.fc-search__link").click()
    page.wait_for_url(f"**/claims/{cid}/")
    page_log.assert_clean("search for a claim word")


def test_filters_are_fetched_when_the_reader_reaches_for_them(site, demo, page, goto, page_log):
    """A query alone fetches no filter file; focusing a filter fetches them and fills in every
    option with how many of the query's results it would leave."""
    goto(page, "")
    urls: list[str] = []
    page.on("requestfinished", lambda r: urls.append(r.url))
    cid, word = _distinctive_word(demo, lambda i: demo.content.claims[i].claim)
    found = _search(page, word)
    assert cid in found
    page.wait_for_load_state("networkidle")
    assert any(".pf_index" in u for u in urls) and not any(".pf_filter" in u for u in urls), urls
    select = page.locator("select[data-facet=rating]")
    assert select.locator("option").count() == 1  # "Any" until then
    select.focus()
    page.wait_for_function(
        "() => document.querySelector('select[data-facet=rating]').options.length > 1"
    )
    assert any(".pf_filter" in u for u in urls), urls
    label = _label(demo, cid)
    n = sum(1 for v in found.values() if v == label)
    page.wait_for_function(
        "([label, n]) => [...document.querySelectorAll('select[data-facet=rating] option')]"
        ".some(o => o.value === label && o.textContent.endsWith(`(${n})`))",
        arg=[label, n],
    )
    page_log.assert_clean("filters fetched on demand")


@pytest.mark.parametrize("what", ["claimant", "summary", "reasoning", "document"])
def test_search_reaches_names_summaries_reasoning_and_documents(
    what, site, demo, page, goto, page_log
):
    c = demo.content
    if what == "claimant":
        cid = sorted(c.verdicts)[0]
        query = c.people[c.claims[cid].claimant].name
    elif what == "summary":
        cid, query = _distinctive_word(demo, lambda i: c.verdicts[i].summary)
    elif what == "reasoning":
        cid, query = _distinctive_word(demo, lambda i: c.verdicts[i].body)
    else:
        with_doc = [
            i for i in sorted(c.verdicts) if any(a.document for a in c.claims[i].appearances)
        ]
        assert with_doc, "the demo content has no claim from a document"
        cid = with_doc[0]
        doc = next(a.document for a in c.claims[cid].appearances if a.document)
        query = " ".join(sorted(_words(c.documents[doc].title), key=len)[-2:])
    goto(page, "")
    found = _search(page, query)
    assert cid in found, f"searching the {what} ({query!r}) did not find {cid}"
    assert found[cid] == _label(demo, cid)
    page_log.assert_clean(f"search by {what}")


def test_rating_filter_leaves_only_that_rating(site, demo, page, goto, page_log):
    c = demo.content
    # A word whose claims have several ratings, so the filter has something to remove.
    by_word: dict[str, set[str]] = {}
    for cid, claim in c.claims.items():
        for w in _words(claim.claim):
            by_word.setdefault(w, set()).add(cid)
    word = max(
        sorted(by_word),
        key=lambda w: (len({_label(demo, i) for i in by_word[w]}), -len(by_word[w])),
    )
    goto(page, "")
    before = _search(page, word)
    assert before == {i: _label(demo, i) for i in before}, "badges differ from the content"
    labels = set(before.values()) - {"Under review"}
    assert len(labels) >= 2, f"{word!r} gives one rating only: {before}"
    rating = sorted(labels)[0]
    after = _choose(page, "rating", rating)
    assert after, "the rating filter removed everything"
    assert set(after.values()) == {rating}, after
    assert set(after) == {i for i, label in before.items() if label == rating}
    # Clearing the filter brings the others back.
    page.locator(".fc-search__clear").click()
    assert set(_results(page)) == set(before)
    page_log.assert_clean("rating filter")


def test_filters_combine(site, demo, page, goto, page_log):
    c = demo.content
    rated = sorted(c.verdicts)

    def facets(cid: str) -> dict[str, set[str]]:
        claim = c.claims[cid]
        return {
            "rating": {_label(demo, cid)},
            "topic": {demo.topics[t].label for t in claim.topics},
            "year": {str(claim.date.year)},
            "claimant": {c.people[claim.claimant].name},
        }

    # The rating and topic whose combination is smallest but not empty, and narrower than either.
    pairs = Counter(
        (r, t) for cid in rated for r in facets(cid)["rating"] for t in facets(cid)["topic"]
    )
    rating, topic = min(sorted(pairs), key=lambda p: pairs[p])
    goto(page, "")
    _box(page).click()
    only_rating = _choose(page, "rating", rating)
    assert set(only_rating) == {i for i in c.claims if rating in facets(i)["rating"]}
    both = _choose(page, "topic", topic)
    expected = {
        i for i in c.claims if rating in facets(i)["rating"] and topic in facets(i)["topic"]
    }
    assert set(both) == expected
    year = sorted(facets(next(iter(expected)))["year"])[0]
    three = _choose(page, "year", year)
    assert set(three) == {i for i in expected if year in facets(i)["year"]}
    # Switching the rating keeps topic and year: another rating is offered, not greyed out.
    options = page.locator("select[data-facet=rating] option:not([disabled])")
    assert options.count() >= 2
    page_log.assert_clean("combined filters")


def test_a_search_can_be_linked(site, demo, page, goto, page_log):
    """`?q=` (and `?rating=`, `?topic=`, `?claimant=`, `?year=`) on any page opens that search."""
    cid, word = _distinctive_word(demo, lambda i: demo.content.claims[i].claim)
    label = _label(demo, cid)
    goto(page, f"?q={word}&rating={label.replace(' ', '+')}")
    assert page.locator(".fc-search__panel").is_visible()
    found = _results(page)
    assert cid in found and set(found.values()) == {label}
    assert page.locator("select[data-facet=rating]").input_value() == label
    page_log.assert_clean("linked search")


def test_claim_under_review_shows_its_status(unverdicted_site, make_page):
    page, log = make_page(unverdicted_site.base_url)
    page.goto("./", wait_until="load")
    content, _ = read_content(unverdicted_site.content)
    cid = unverdicted_site.pages["claim_unverdicted"].strip("/").rsplit("/", 1)[1]
    found = _search(page, content.claims[cid].claim.split(".")[0])
    assert found.get(cid) == "Under review"
    log.assert_clean("claim under review")


def test_without_javascript_the_header_links_the_claims_index(site, make_page, goto):
    page, log = make_page(site.base_url, java_script_enabled=False)
    for path in ("", site.pages.get("claim", "claims/")):
        goto(page, path)
        assert not page.locator("[data-fc-search]").is_visible()
        link_ = page.locator("header a.fc-search__nojs")
        assert link_.is_visible()
        assert link_.inner_text().strip()
        with page.expect_navigation(wait_until="load") as nav:
            link_.click()
        assert nav.value.ok and page.url == site.url("claims/")
        page.wait_for_load_state("networkidle")
    log.assert_clean("no JavaScript")


@pytest.mark.parametrize("kind", ["home", "topic", "person"])
def test_feed_links_cost_readers_nothing(kind, site, page, goto, page_log):
    """Every page advertises the feeds, and Material's script does not fetch a sitemap because of
    them (search.js keeps the feed links out of its language-switcher scan)."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    goto(page, site.pages[kind])
    feeds = page.evaluate(
        """() => [...document.querySelectorAll('link[rel="alternate"]')]
            .map(l => [l.getAttribute('type'), l.href])"""
    )
    types = {t for t, _ in feeds}
    assert {"application/atom+xml", "application/feed+json"} <= types, feeds
    assert not [u for u in requested if "sitemap" in u], requested
    page_log.assert_clean(f"feed links on the {kind} page")


def test_keyboard_opens_and_closes_the_search(site, demo, page, goto, page_log):
    goto(page, "")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.type") == "search"
    page.keyboard.type(
        sorted(_words(demo.content.claims[sorted(demo.content.verdicts)[0]].claim))[0]
    )
    _settle(page)
    panel = page.locator(".fc-search__panel")
    assert panel.is_visible()
    page.keyboard.press("Tab")  # into the filters: still inside the search
    assert panel.is_visible()
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert page.evaluate("document.activeElement.type") == "search"
    page_log.assert_clean("keyboard")


def test_the_panel_is_built_by_the_script_from_the_catalog(site, page, goto, page_log):
    """Pages carry only the box; search.js adds the panel (filters, status, results) with the
    catalog's words, each filter labelled and the status line a live region from the start."""
    html = (site.root / "index.html").read_text(encoding="utf-8")
    assert "fc-search__panel" not in html and "Filter claims" not in html
    goto(page, "")
    panel = page.locator("#fc-search-panel")
    assert panel.get_attribute("aria-label") == "Search results" and panel.is_hidden()
    _box(page).focus()
    assert panel.is_visible()
    assert panel.locator("legend").inner_text() == "Filter claims"
    names = panel.evaluate(
        "p => [...p.querySelectorAll('.fc-search__filter')].map(l => l.firstChild.textContent.trim())"
    )
    # Language too, when claims are in several (the demo's are).
    assert names[:4] == ["Rating", "Topic", "Claimant", "Year"] and names[4:] in ([], ["Language"])
    for facet in ("rating", "topic", "claimant", "year"):
        select = panel.locator(f"label.fc-search__filter select[data-facet={facet}]")
        assert select.locator("option").first.inner_text() == "Any"
    status = panel.locator(".fc-search__status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert panel.locator("button.fc-search__more").inner_text() == "More results"
    page_log.assert_clean("search panel")


def test_the_last_more_results_leaves_the_focus_on_the_first_new_result(
    site, demo, page, goto, page_log
):
    """The button hid with the last batch while it had the focus: the focus fell to <body>, out
    of the panel, and Escape no longer closed it."""
    goto(page, "")
    box = _box(page)
    box.click()
    box.fill("north")
    _settle(page)
    more = page.locator(".fc-search__more")
    assert more.is_visible(), "the demo's 'north' needs more than one batch"
    while more.is_visible():
        shown = page.locator(".fc-search__result").count()
        more.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"() => document.querySelectorAll('.fc-search__result').length > {shown}"
        )
    focused = page.evaluate("() => document.activeElement.closest('.fc-search__result') !== null")
    assert focused, page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)")
    page.keyboard.press("Escape")
    assert page.locator("#fc-search-panel").is_hidden()
    page_log.assert_clean("more results")
