"""Right-to-left pages built by Zensical (modern variant), on a phone and on a desktop.

On a phone Zensical puts the round button that opens a page's sections at the bottom of the screen,
on the side where a line of text ends: the right, for English. It placed it there on Arabic pages
too (an Arabic site, or an Arabic claim on an English site), and its panel opened on the right, where
an Arabic reader's line starts. Probed here: where the button and its panel are, that the panel's
links can be tapped and reached by keyboard, that nothing scrolls sideways, and axe.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import MKDOCS_YML, goto_path, run_axe, run_cli, serve

from generator.engines import zensical

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from factories import MINI  # noqa: E402

pytestmark = pytest.mark.skipif(not zensical.available(), reason="zensical not installed")

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
ARABIC_CLAIM = "claims/crime-record-low/"
# (site, page, its direction): a claim page and an index page of an Arabic site, an Arabic claim on
# an English site, and two English pages, whose layout the Arabic ones mirror.
PAGES = [
    ("ar", "claims/exports-halved/", "rtl"),
    ("ar", "sources/", "rtl"),
    ("en", ARABIC_CLAIM, "rtl"),
    ("en", "claims/exports-halved/", "ltr"),
    ("en", "sources/", "ltr"),
]
BUTTON = ".md-sidebar--secondary .md-sidebar-button"
PANEL = ".md-sidebar--secondary .md-sidebar__inner"
OPENED = f"() => getComputedStyle(document.querySelector('{PANEL}')).opacity === '1'"
NO_SIDEWAYS_SCROLL = (
    "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
)
# A tap at the element's centre reaches it (on the screen, not covered).
TAPPABLE = """
(el) => {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return false;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !!hit && (hit === el || el.contains(hit));
}
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Iterator[dict[str, str]]:
    """The small fixture content, one claim of it in Arabic, built with `--engine zensical` twice:
    as an English site (the repository's mkdocs.yml) and as a new Arabic site (`factcheck init
    --language ar`)."""
    tmp = tmp_path_factory.mktemp("zensical-rtl")
    content = tmp / "content"
    shutil.copytree(MINI, content)
    claim = content / "claims" / "crime-record-low.yaml"
    text = claim.read_text(encoding="utf-8")
    arabic = 'claim: "الجريمة في أدنى مستوى لها على الإطلاق."\nlanguage: ar'
    claim.write_text(text.replace('claim: "Crime is at a record low."', arabic), encoding="utf-8")
    en = tmp / "en"
    run_cli("build", "--content", str(content), "--config", str(MKDOCS_YML), "--out", str(en),
         "--engine", "zensical")  # fmt: skip
    desk = tmp / "desk"
    run_cli("init", str(desk), "--name", "Desk", "--url", "https://facts.example.org/",
         "--language", "ar")  # fmt: skip
    ar = tmp / "ar"
    run_cli("build", "--content", str(content), "--config", "mkdocs.yml", "--out", str(ar),
         "--engine", "zensical", cwd=desk)  # fmt: skip
    with serve(en) as en_base, serve(ar) as ar_base:
        yield {"en": en_base, "ar": ar_base}


def _box(page, selector: str) -> dict:
    box = page.locator(selector).bounding_box()
    assert box, f"{selector} is not on the page"
    return box


def _gap_at_line_end(box: dict, direction: str) -> float:
    """How far the box is from the screen's edge where a line of text ends."""
    if direction == "rtl":
        return box["x"]
    return PHONE["width"] - (box["x"] + box["width"])


def test_the_sections_button_and_its_panel_are_where_a_line_ends(sites, make_page):
    """Each page's button sits as far from the end of a line as an English page's does from the
    right edge, its panel opens above it on that side, fully on the screen, and its links can be
    tapped; nothing scrolls sideways."""
    gaps = {}
    for site, path, direction in PAGES:
        page, log = make_page(sites[site], viewport=PHONE, is_mobile=True, has_touch=True)
        goto_path(page, path)
        where = f"{site}:{path}"
        assert page.locator("body").get_attribute("dir") == direction, where
        button = _box(page, BUTTON)
        gaps[where] = _gap_at_line_end(button, direction)
        centre = button["x"] + button["width"] / 2
        on_end_side = (
            centre < PHONE["width"] / 2 if direction == "rtl" else centre > PHONE["width"] / 2
        )
        assert on_end_side, (
            f"{where}: the button is on the side a {direction} line starts: {button}"
        )

        page.locator(BUTTON).tap()
        page.wait_for_function(OPENED)
        page.wait_for_timeout(450)  # the panel's slide up
        panel = _box(page, PANEL)
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= PHONE["width"], (where, panel)
        assert abs(_gap_at_line_end(panel, direction) - gaps[where]) <= 1, (
            f"{where}: the panel opens away from its button ({panel} / {button})"
        )
        assert panel["y"] + panel["height"] <= button["y"], (where, panel, button)
        links = page.locator(f"{PANEL} a[href]")
        assert links.count() >= 1, where
        for i in range(links.count()):
            assert links.nth(i).evaluate(TAPPABLE), f"{where}: section link {i} cannot be tapped"
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{where}: the page scrolls sideways"
        log.assert_clean(where)
        page.context.close()

    reference = gaps["en:claims/exports-halved/"]
    assert reference < PHONE["width"] / 4, reference
    for where, gap in gaps.items():
        assert abs(gap - reference) <= 1, f"{where}: {gap} px from the line's end, not {reference}"


def test_a_keyboard_opens_the_arabic_sections_and_comes_back_to_the_button(sites, make_page):
    """Right to left as left to right: Enter on the button moves focus to the first section listed,
    Tab goes down the list, Escape closes it with focus back on the button."""
    page, log = make_page(sites["ar"], viewport=PHONE, is_mobile=True)
    goto_path(page, "claims/exports-halved/")
    button = page.locator(BUTTON)
    button.focus()
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    links = page.locator(f"{PANEL} a[href]")
    page.wait_for_function(
        "(href) => document.activeElement.getAttribute('href') === href",
        arg=links.first.get_attribute("href"),
    )
    if links.count() > 1:
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.getAttribute('href')") == (
            links.nth(1).get_attribute("href")
        )
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.matches('.md-sidebar-button')")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    log.assert_clean("the sections of an Arabic claim by keyboard")


@pytest.mark.parametrize(("site", "path"), [("ar", "claims/exports-halved/"), ("en", ARABIC_CLAIM)])
def test_a_desktop_shows_the_arabic_sections_on_the_left_without_the_button(
    sites, make_page, site, path
):
    page, log = make_page(sites[site], viewport=DESKTOP)
    goto_path(page, path)
    assert not page.locator(BUTTON).is_visible()
    toc = page.locator(".md-sidebar--secondary nav.md-nav--secondary")
    box = toc.bounding_box()
    assert toc.is_visible() and box and box["x"] + box["width"] < DESKTOP["width"] / 2, box
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert run_axe(page) == []
    log.assert_clean(f"{site}:{path} on a desktop")


@pytest.mark.parametrize(("site", "path"), [("ar", "sources/"), ("en", ARABIC_CLAIM)])
def test_axe_finds_nothing_on_an_arabic_phone_page_with_the_sections_closed_or_open(
    sites, make_page, site, path
):
    page, log = make_page(sites[site], viewport=PHONE, is_mobile=True, has_touch=True)
    goto_path(page, path)
    assert run_axe(page) == []
    page.locator(BUTTON).tap()
    page.wait_for_function(OPENED)
    page.wait_for_timeout(450)
    violations = run_axe(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    log.assert_clean(f"{site}:{path} on a phone")


@pytest.mark.parametrize("site", ["en", "ar"])
def test_axe_finds_nothing_on_a_desktop_page_that_is_in_the_navigation(sites, make_page, site):
    """The navigation's link to the current page (sources/, about/) was the theme's indigo on its
    pale highlight, 3.75:1 against the 4.5:1 text needs."""
    page, log = make_page(sites[site], viewport=DESKTOP)
    goto_path(page, "sources/")
    violations = run_axe(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    log.assert_clean(f"{site}:sources/ on a desktop")
