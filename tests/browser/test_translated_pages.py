"""One fact check in several languages (issue #16), in Chromium: a site in English with the mini
fixture's `unemployment-doubled` translated into Ukrainian and Arabic (tests/test_translations.py).

Each version reads in its own language and direction, its switcher leads to the others, and the
search panel offers a language filter.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import build_site, serve

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_translations import translated_tree  # noqa: E402


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("translations")
    content = translated_tree(tmp)
    out = tmp / "built"
    build_site(content, out)
    with serve(out) as url:
        yield url.rstrip("/")


def _language(page) -> tuple[str | None, str | None, str]:
    html = page.locator("html")
    direction = page.evaluate(
        "() => getComputedStyle(document.querySelector('article.fc-claim')).direction"
    )
    return html.get_attribute("lang"), page.locator("body").get_attribute("dir"), direction


def test_each_version_in_its_language_and_the_switcher_between_them(base, make_page):
    page, log = make_page(base)
    page.goto(base + "/claims/unemployment-doubled/")
    assert _language(page) == ("en", "ltr", "ltr")
    switcher = page.locator("nav.fc-languages")
    assert switcher.is_visible()
    assert switcher.locator("[aria-current=page]").inner_text() == "English"

    switcher.get_by_role("link", name="Українська").click()
    page.wait_for_url("**/claims/unemployment-doubled-uk/")
    assert _language(page) == ("uk", "ltr", "ltr")
    article = page.locator("article.fc-claim").inner_text()
    assert "Our verdict" not in article and "Where the claim appeared" not in article
    assert page.locator("nav.fc-languages [aria-current=page]").inner_text() == "Українська"
    # The search box around it speaks Ukrainian too, its answers included.
    page.locator(".fc-search__input").first.fill("unemployment")
    status = page.locator(".fc-search__status")
    status.filter(has_text=re.compile(r"\d")).wait_for(timeout=15_000)
    assert "found" not in status.inner_text() and "match" not in status.inner_text()
    page.goto(base + "/claims/unemployment-doubled-uk/")  # no query in the address: panel shut

    page.locator("nav.fc-languages").get_by_role("link", name="العربية").click()
    page.wait_for_url("**/claims/unemployment-doubled-ar/")
    assert _language(page) == ("ar", "rtl", "rtl")
    hreflangs = page.locator("link[rel=alternate][hreflang]").evaluate_all(
        "links => links.map(l => l.hreflang).sort()"
    )
    assert hreflangs == ["ar", "en", "uk", "x-default"]

    page.locator("nav.fc-languages").get_by_role("link", name="English").click()
    page.wait_for_url("**/claims/unemployment-doubled/")
    assert page.locator("html").get_attribute("lang") == "en"
    log.assert_clean("translated claim pages")


def test_search_offers_a_language_filter(base, make_page):
    page, log = make_page(base)
    page.goto(base + "/claims/")
    page.locator(".fc-search__input").first.focus()
    select = page.locator('select[data-facet="language"]')
    select.wait_for(state="attached", timeout=15_000)
    select.focus()  # the filters are fetched once the reader reaches for one
    page.wait_for_function(
        "() => document.querySelector('select[data-facet=language]').options.length > 1",
        timeout=15_000,
    )
    options = select.locator("option").all_inner_texts()
    assert any(o.startswith("Ukrainian") for o in options), options
    select.select_option("uk")
    status = page.locator(".fc-search__status")
    status.filter(has_text="1 claim found").wait_for(timeout=15_000)
    # The Ukrainian claim's title and excerpt carry its language inside the English panel.
    link = page.locator(".fc-search__result a.fc-search__link")
    assert link.get_attribute("href").endswith("/claims/unemployment-doubled-uk/")
    assert (link.get_attribute("lang"), link.get_attribute("dir")) == ("uk", "ltr")
    assert page.locator(".fc-search__result .fc-search__excerpt").get_attribute("lang") == "uk"
    select.select_option("ar")
    status.filter(has_text="1 claim found").wait_for(timeout=15_000)
    page.locator('.fc-search__result a[href$="/claims/unemployment-doubled-ar/"]').wait_for()
    assert (link.get_attribute("lang"), link.get_attribute("dir")) == ("ar", "rtl")
    log.assert_clean("language filter")


def test_results_on_a_page_in_another_language_are_marked_with_their_own(base, make_page):
    """From the Arabic fact check, English results inherited lang="ar" and right to left: only
    claims outside the site's language were marked."""
    page, log = make_page(base)
    page.goto(base + "/claims/unemployment-doubled-ar/")
    page.locator(".fc-search__input").first.fill("unemployment")
    english = page.locator('.fc-search__result a[href$="/claims/unemployment-doubled/"]')
    english.wait_for(timeout=15_000)
    assert (english.get_attribute("lang"), english.get_attribute("dir")) == ("en", "ltr")
    direction = english.evaluate("a => getComputedStyle(a).direction")
    assert direction == "ltr"
    arabic = page.locator('.fc-search__result a[href$="/claims/unemployment-doubled-ar/"]')
    if arabic.count():  # the page's own language: nothing to mark
        assert arabic.get_attribute("lang") is None
    log.assert_clean("results on an Arabic page")
