"""Every page type loads cleanly in a real browser: no console errors, no failed requests, and no request
to any host but the site itself (fonts, scripts and images are served locally: readers' privacy, and
builds that work offline)."""

from __future__ import annotations

import pytest
from browserkit import ALL_PAGE_TYPES, goto_path, open_kind


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
