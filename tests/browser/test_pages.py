"""Every page type loads cleanly in a real browser: no console errors, no failed requests, and no request
to any host but the site itself (fonts, scripts and images are served locally: readers' privacy, and
builds that work offline)."""

from __future__ import annotations

import re

import pytest
from browserkit import ALL_PAGE_TYPES, goto_path, open_kind, scheme_of, set_scheme


@pytest.mark.parametrize("kind", ALL_PAGE_TYPES)
def test_page_type_loads_cleanly(page_of_type, make_page, kind):
    site, path = page_of_type(kind)
    page, log = make_page(site.base_url)
    response = open_kind(page, kind, path)
    assert response is not None and response.ok, (
        f"{kind} page {path!r}: HTTP {response and response.status}"
    )
    assert page.locator("h1").first.is_visible(), f"{kind} page {path!r} shows no heading"
    assert page.title().strip(), f"{kind} page {path!r} has no <title>"
    log.assert_clean(f"{kind} page /{path}")


def test_every_built_page_loads_cleanly(site, make_page):
    """All the HTML the build wrote, not only one page per type: the same three promises on each."""
    page, log = make_page(site.base_url)
    problems: dict[str, list[str]] = {}
    for rel in site.files:
        if rel == "404.html":
            continue  # served with status 200 here, but checked by its own page type elsewhere
        path = rel.removesuffix("index.html")
        log.clear()
        goto_path(page, path)
        if log.problems():
            problems[path or "/"] = log.problems()
    assert not problems, "\n".join(f"/{p}:\n  " + "\n  ".join(v) for p, v in problems.items())


def test_not_found_page_is_clean(site, make_page):
    page, log = make_page(site.base_url)
    goto_path(page, "404.html")
    assert page.locator("h1").first.is_visible()
    log.assert_clean("/404.html")


_USE_BOXES = """() => [...document.querySelectorAll('header svg use, .md-nav__title svg use')]
  .filter(u => u.closest('svg').getBoundingClientRect().width > 0)
  .map(u => { const b = u.getBBox(); return [u.getAttribute('href'), b.width, b.height]; })"""


def test_the_frame_icons_draw_from_the_shared_sprite(site, make_page):
    """The header's icons are references into assets/factcheck/icons.svg (generator/frame.py): each
    one shown draws its symbol (an unresolved reference draws nothing, a box of 0 x 0)."""
    page, log = make_page(site.base_url)
    goto_path(page, site.pages["claim"])
    drawn = f"() => ({_USE_BOXES})().every(([, w, h]) => w > 0 && h > 0)"
    page.wait_for_function(drawn, timeout=10_000)
    shown = page.evaluate(_USE_BOXES)
    assert len(shown) >= 2, shown  # the logo and the colour-scheme toggle at least
    assert all("assets/factcheck/icons.svg#" in href for href, _, _ in shown), shown
    log.assert_clean(f"/{site.pages['claim']}")


def test_the_chosen_colour_scheme_is_applied_before_materials_script(site, make_page):
    """palette.js (Material's inline script, moved to a file every page shares) applies the reader's
    choice as the page is read: with Material's own script blocked, the next page is still dark."""
    page, _ = make_page(site.base_url)
    goto_path(page, "")
    set_scheme(page, "slate")
    page.route(
        re.compile(r".*/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda r: r.abort()
    )
    goto_path(page, site.pages["claim"])
    assert scheme_of(page) == "slate"
    page.unroute(re.compile(r".*/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"))


@pytest.mark.parametrize("path", ["", "claims/", "ratings/", "people/"])
def test_the_first_tab_offers_to_skip_to_the_content(site, make_page, path):
    """Material writes its skip link only on pages with a table of contents: on the home page and
    the lists a keyboard reader tabbed through the search box, its filters and the navigation."""
    page, log = make_page(site.base_url)
    goto_path(page, path)
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.href]")
    assert "md-skip" in focused[0].split(), f"/{path}: first Tab reached {focused}"
    page.keyboard.press("Enter")
    inside = page.evaluate(
        "() => location.hash === '#fc-content'"
        " && document.getElementById('fc-content').closest('.md-content') !== null"
    )
    assert inside, f"/{path}: the skip link did not lead into the content"
    log.assert_clean(f"/{path}")
