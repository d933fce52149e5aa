"""The demo site built by Zensical in its default (modern) variant, read on a 390 px phone.

mkdocs-material ends in May 2027 and Zensical is the engine a newsroom moves to. In Zensical's modern
variant a phone lists a page's sections in a panel opened by a round button at the bottom of the
screen; Zensical writes that button in the block our main.html replaces, so on a phone the about and
methodology pages had no list of their sections at all.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browserkit import MKDOCS_YML, goto_path, run_cli, serve

from generator.engines import zensical

pytestmark = pytest.mark.skipif(not zensical.available(), reason="zensical not installed")

PHONE = {"width": 390, "height": 844}
# Where the section list's link is the element a tap at its centre reaches (not hidden, not covered).
_TAPPABLE_JS = """
(el) => {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return false;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !!hit && (hit === el || el.contains(hit)) && getComputedStyle(el.closest(".md-sidebar__inner")).opacity === "1";
}
"""


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Iterator[str]:
    """The demo content built with `factcheck build --engine zensical` (mkdocs.yml names no variant:
    Zensical's default, modern), served from 127.0.0.1."""
    out = tmp_path_factory.mktemp("zensical-phone") / "site"
    run_cli(
        "build",
        "--content",
        "content",
        "--config",
        str(MKDOCS_YML),
        "--out",
        str(out),
        "--engine",
        "zensical",
    )
    with serve(out) as base:
        yield base


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory) -> Iterator[str]:
    """A new Arabic site (`factcheck init --language ar`: right to left) built with Zensical."""
    site = tmp_path_factory.mktemp("zensical-ar") / "desk"
    run_cli(
        "init",
        str(site),
        "--name",
        "Desk",
        "--url",
        "https://facts.example.org/",
        "--language",
        "ar",
    )
    run_cli(
        "build",
        "--content",
        "content",
        "--config",
        "mkdocs.yml",
        "--out",
        "out",
        "--engine",
        "zensical",
        cwd=site,
    )
    with serve(site / "out") as base:
        yield base


def test_a_phone_opens_a_navigation_page_s_sections_and_follows_one(zensical_site, make_page):
    page, log = make_page(zensical_site, viewport=PHONE, is_mobile=True, has_touch=True)
    goto_path(page, "about/")
    sections = page.locator(".md-sidebar--secondary nav[aria-label='Table of contents']")
    funding = sections.locator("a[href='#funding']")  # closed, the panel is out of the a11y tree
    assert funding.count() == 1
    assert not funding.evaluate(_TAPPABLE_JS), (
        "the section list is open before the button is tapped"
    )

    button = page.locator(".md-sidebar--secondary .md-sidebar-button")
    assert button.is_visible(), "no button on the phone's screen opens the page's sections"
    # Its name, for a screen reader (the button shows only an icon) and as its tooltip.
    assert button.text_content().strip() == button.get_attribute("title") == "Table of contents"
    box = button.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], box
    button.tap()
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.md-sidebar--secondary .md-sidebar__inner')).opacity === '1'"
    )
    assert funding.evaluate(_TAPPABLE_JS), "the opened list's link cannot be tapped"

    funding.tap()
    page.wait_for_url("**/about/#funding")
    heading = page.locator("h2#funding")
    heading_box = heading.bounding_box()
    assert heading.inner_text().strip() == "Funding"
    assert heading_box and 0 <= heading_box["y"] < PHONE["height"] / 2, heading_box
    log.assert_clean("about/ on a phone, Zensical")


def test_a_desktop_shows_the_sections_beside_the_page_without_the_phone_button(
    zensical_site, make_page
):
    """The button is for phones: at 1280 px the list stands beside the article, as under mkdocs."""
    page, log = make_page(zensical_site, viewport={"width": 1280, "height": 800})
    goto_path(page, "about/")
    assert not page.locator(".md-sidebar-button").is_visible()
    sections = page.locator(".md-sidebar--secondary nav[aria-label='Table of contents']")
    assert sections.get_by_role("link", name="Funding", exact=True).is_visible()
    log.assert_clean("about/ on a desktop, Zensical")


def test_an_arabic_phone_page_opens_its_sections_in_arabic(arabic_site, make_page):
    """Right to left, the button and the list are named in Arabic (the theme's words, as mkdocs')."""
    page, log = make_page(arabic_site, viewport=PHONE, is_mobile=True, has_touch=True)
    goto_path(page, "about/")
    assert page.locator("body").get_attribute("dir") == "rtl"
    name = "\u062c\u062f\u0648\u0644 \u0627\u0644\u0645\u062d\u062a\u0648\u064a\u0627\u062a"  # جدول المحتويات
    button = page.locator(".md-sidebar--secondary .md-sidebar-button")
    assert button.is_visible() and button.text_content().strip() == name
    sections = page.locator(f".md-sidebar--secondary nav[aria-label='{name}'] .md-nav__list a")
    assert sections.count() >= 3
    second = sections.nth(1)
    assert not second.evaluate(_TAPPABLE_JS)
    button.tap()
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.md-sidebar--secondary .md-sidebar__inner')).opacity === '1'"
    )
    box = page.locator(".md-sidebar--secondary .md-sidebar__inner").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert second.evaluate(_TAPPABLE_JS)
    target = second.get_attribute("href")
    second.tap()
    page.wait_for_function("(hash) => decodeURIComponent(location.hash) === hash", arg=target)
    heading = page.locator(f"[id='{target[1:]}']")
    heading_box = heading.bounding_box()
    assert heading_box and 0 <= heading_box["y"] < PHONE["height"] / 2, heading_box
    log.assert_clean("about/ of an Arabic site on a phone, Zensical")


def test_a_keyboard_opens_the_sections_and_a_closed_panel_holds_no_tab_stops(
    zensical_site, make_page
):
    """Zensical's round label cannot be reached by Tab, and its closed panel only fades out: its
    links were invisible tab stops. The label is a button (aria-expanded), the closed panel out of
    the tab order, and Escape closes it with focus back on the button."""
    page, log = make_page(zensical_site, viewport=PHONE, is_mobile=True)
    goto_path(page, "about/")
    panel_links = page.locator(".md-sidebar--secondary .md-sidebar__inner a[href]")
    assert panel_links.count() >= 3
    button = page.get_by_role("button", name="Table of contents", exact=True)
    assert button.get_attribute("aria-expanded") == "false"

    # Every tab stop from the top of the page to the button: none of them in the closed panel.
    page.locator("body").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "() => !!document.activeElement.closest('.md-sidebar--secondary .md-sidebar__inner')"
        )
        assert not inside, "a link of the closed section list took the keyboard's focus"
        if page.evaluate("() => document.activeElement.matches('.md-sidebar-button')"):
            break
    else:
        pytest.fail("Tab never reached the button that opens the page's sections")

    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    page.wait_for_function(
        "() => document.activeElement.closest('.md-sidebar--secondary .md-sidebar__inner') !== null"
    )
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.matches('.md-sidebar-button')")

    button.press("Enter")
    funding = page.locator(".md-sidebar--secondary .md-sidebar__inner").get_by_role(
        "link", name="Funding", exact=True
    )
    funding.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/about/#funding")
    assert button.get_attribute("aria-expanded") == "false", "the panel stays open over the text"
    log.assert_clean("about/ by keyboard on a phone, Zensical")
