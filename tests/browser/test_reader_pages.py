"""Reader-grade pages (issue #15), at a phone's and a laptop's first screen: the claim and its rating
are visible before any scrolling, readers see no documentation controls, every highlighted passage of
a document shows its rating in visible text, and a search lives in the page's address."""

from __future__ import annotations

import re

import pytest
from browserkit import PHONE, goto_path, settle

LAPTOP = {"width": 1366, "height": 768}
SIZES = {"phone": PHONE, "laptop": LAPTOP}

_BOXES_JS = """
() => {
  const box = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, width: r.width, height: r.height,
            size: parseFloat(getComputedStyle(el).fontSize)};
  };
  return {
    claim: box('.fc-claim__quote blockquote'),
    rating: box('.fc-claim__rating .fc-badge__label'),
    claimant: box('.fc-claim__quote figcaption'),
    title: box('.md-content h1'),
    notices: [...document.querySelectorAll('.fc-claim > .fc-notice')]
      .reduce((h, n) => h + n.getBoundingClientRect().height, 0),
  };
}
"""


def _open(make_page, site, size):
    mobile = size == "phone"
    page, log = make_page(site.base_url, viewport=SIZES[size], is_mobile=mobile, has_touch=mobile)
    return page, log


@pytest.mark.parametrize("size", list(SIZES))
def test_claim_and_rating_in_the_first_screen(site, make_page, size):
    page, log = _open(make_page, site, size)
    fold = SIZES[size]["height"]
    failures = {}
    for path in site.claim_paths(with_verdict=True):
        goto_path(page, path)
        boxes = page.evaluate(_BOXES_JS)
        # A correction or retraction notice comes first, above everything: the screen starts after it.
        fold = SIZES[size]["height"] + boxes["notices"]
        problems = []
        for name in ("claim", "rating", "claimant"):
            b = boxes[name]
            if b is None or not b["height"]:
                problems.append(f"no visible {name}")
            elif name == "claim" and b["top"] > fold - SIZES[size]["height"] / 2:
                problems.append(f"the claim starts at {b['top']:.0f} px (screen {fold} px)")
            elif b["bottom"] > fold and (name != "claimant" or boxes["claim"]["height"] < fold / 3):
                # who said it may follow a claim that takes a third of the screen or more
                problems.append(f"{name} ends at {b['bottom']:.0f} px (screen {fold} px)")
        # The claim is the strongest text: larger than the page's title.
        if boxes["claim"] and boxes["title"] and boxes["claim"]["size"] <= boxes["title"]["size"]:
            problems.append("the claim is not larger than the title")
        if problems:
            failures[path] = problems
    assert not failures, "\n".join(f"/{p}: " + "; ".join(v) for p, v in failures.items())
    log.assert_clean(size)


@pytest.mark.parametrize("kind", ["home", "claim", "document", "person"])
def test_no_documentation_controls_by_default(page_of_type, make_page, kind):
    site, path = page_of_type(kind)
    page, log = make_page(site.base_url, viewport=LAPTOP)
    goto_path(page, path)
    assert page.locator(".md-content__button").count() == 0, "an edit pencil"
    assert page.locator(".md-source").count() == 0, "a repository widget"
    assert page.get_by_text(re.compile(r"^Edit (this|the) ")).count() == 0, "an edit button"
    if kind == "claim":
        report = page.locator("a.fc-report")
        assert report.count() == 1
        assert report.inner_text().strip() == "Report an error"
    log.assert_clean(f"/{path}")


def test_every_document_highlight_shows_its_rating(site, make_page):
    page, log = make_page(site.base_url, viewport=LAPTOP)
    checked = 0
    for path in sorted(p for p in site.pages.values() if p.startswith("documents/")):
        goto_path(page, path)
        result = page.evaluate(
            """() => [...document.querySelectorAll('.fc-doc-text a.fc-passage')].map(a => {
                 let next = a.nextElementSibling;
                 const href = a.getAttribute('href');
                 const labels = [...document.querySelectorAll('.fc-doc-text a.fc-passage__rating')]
                   .filter(l => l.getAttribute('href') === href);
                 const label = labels[0];
                 return {href, cls: a.className,
                         label: label ? label.innerText.trim() : null,
                         visible: label ? label.getBoundingClientRect().width > 0 : false};
               })"""
        )
        for r in result:
            checked += 1
            assert re.search(r"fc-rating-|fc-passage--review", r["cls"]), r
            assert r["label"] and r["visible"], f"/{path}: {r['href']} has no visible rating"
    assert checked, "no document with highlighted passages"
    log.assert_clean("documents")


def test_a_search_address_restores_its_query_and_filters(site, make_page):
    page, log = make_page(site.base_url, viewport=LAPTOP)
    goto_path(page, site.pages["home"])
    box = page.locator(".fc-search input[type=search]").first
    box.click()
    box.fill("North Korea")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'North Korea'")
    select = page.locator(".fc-search select[data-facet]").first
    facet = select.get_attribute("data-facet")
    select.focus()  # reaching for a filter fetches the filters (search.js)
    page.wait_for_function(
        "(f) => document.querySelectorAll(`.fc-search select[data-facet='${f}'] option:not([disabled])`).length > 1",
        arg=facet,
    )
    value = select.locator("option:not([disabled])").nth(1).get_attribute("value")
    select.select_option(value)
    page.wait_for_function(
        "([f, v]) => new URLSearchParams(location.search).get(f) === v", arg=[facet, value]
    )
    address = page.url
    page.goto(address)
    settle(page)
    restored = page.locator(".fc-search input[type=search]").first
    assert restored.input_value() == "North Korea"
    select = page.locator(f".fc-search select[data-facet='{facet}']").first
    assert select.input_value() == value
    log.assert_clean("search")
