"""The reader's frame around our pages, in Chromium: the phone's navigation drawer with a keyboard,
the skip link, Material's own words on a page in another language than the site's, the search box
on the narrowest phone, search excerpts, languages named in themselves, page titles, and a site name
that looks like HTML.

Most tests read the demo site (the `site` fixture). `frame_site` is the small fixture tree with its
Ukrainian and Arabic (right to left) translations (tests/test_translations.py) and a Chinese one,
which no catalog covers, under a site name full of HTML's special characters, built once here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import goto_path, serve, wait_for_search_results

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from factories import write_config  # noqa: E402

PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}
SITE_NAME = 'Fact <b>Desk</b> & "Co" </title>'
TRANSLATED = "claims/us-ukraine-present-zero-evidence-uk/"  # the demo's Ukrainian fact check

# What has focus: whether a reader can see it (a box on the screen, not hidden), and where it is.
_FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A visually hidden radio (Material's colour-scheme toggle) shows its focus on the label after it.
  const next = el.nextElementSibling;
  const boxes = [el, ...(el.tagName === 'INPUT' && next && next.tagName === 'LABEL' ? [next] : [])];
  const shown = (e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth && r.bottom > 0
      && r.top < innerHeight && e.checkVisibility({visibilityProperty: true});
  };
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
    href: el.getAttribute('href'), visible: boxes.some(shown),
    inDrawer: !!el.closest('.md-sidebar--primary'), inContent: !!el.closest('.md-content'),
    expanded: el.getAttribute('aria-expanded'),
  };
}"""


def _contrast(a: str, b: str) -> float:
    """WCAG contrast of two opaque CSS rgb() colours."""

    def luminance(css: str) -> float:
        r, g, b = (int(v) / 255 for v in re.findall(r"\d+", css)[:3])
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _tab(page) -> dict | None:
    page.keyboard.press("Tab")
    return page.evaluate(_FOCUS_JS)


def _tab_until(page, test, limit: int = 60) -> tuple[dict | None, list[dict]]:
    """Press Tab until `test(focus)`; returns that focus and every one before it."""
    seen: list[dict] = []
    for _ in range(limit):
        focus = _tab(page)
        if focus and test(focus):
            return focus, seen
        if focus:
            seen.append(focus)
    return None, seen


# --- the navigation drawer of a phone -------------------------------------------------------------


@pytest.mark.parametrize("path", ["", "claims/"])
def test_the_closed_drawer_is_not_in_the_tab_order_of_a_phone(site, make_page, path):
    """Material slides the drawer off the screen but left its links focusable: a keyboard reader
    went through a dozen invisible links before the content."""
    page, log = make_page(site.base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    goto_path(page, path)
    reached, before = _tab_until(page, lambda f: f["inContent"])
    assert reached is not None, f"/{path}: Tab never reached the content: {before}"
    hidden = [f for f in before if not f["visible"]]
    assert not hidden, f"/{path}: Tab stopped on things a reader cannot see: {hidden}"
    assert not [f for f in before if f["inDrawer"]], f"/{path}: the closed drawer took focus"
    log.assert_clean(f"/{path}")


def test_the_menu_button_opens_the_drawer_from_the_keyboard(site, make_page):
    page, log = make_page(site.base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    goto_path(page, "claims/")
    button, before = _tab_until(page, lambda f: f["tag"] == "button" and f["expanded"])
    assert button is not None, f"no menu button in the tab order: {before}"
    assert button["text"] == "Navigation" and button["expanded"] == "false", button
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    page.wait_for_timeout(400)  # the drawer slides in
    inside = page.evaluate(_FOCUS_JS)
    assert inside["inDrawer"] and inside["visible"], f"focus did not go into the drawer: {inside}"
    # Its focus ring shows on the drawer's title bar (the header's colour): 3:1 at least.
    ring, bar = page.evaluate(
        """() => [getComputedStyle(document.activeElement).outlineColor,
                  getComputedStyle(document.activeElement.closest('.md-nav__title')).backgroundColor]"""
    )
    assert _contrast(ring, bar) >= 3, f"focus ring {ring} on {bar}"
    labels = [inside["text"]]
    for _ in range(4):
        focus = _tab(page)
        assert focus["inDrawer"] and focus["visible"], focus
        labels.append(focus["text"])
    assert "Claims" in labels, labels
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    back = page.evaluate(_FOCUS_JS)
    assert back["tag"] == "button" and back["expanded"] == "false", back
    page.wait_for_timeout(400)  # the drawer slides out, then is hidden
    after = _tab(page)
    assert not after["inDrawer"], f"the closed drawer took focus again: {after}"
    log.assert_clean("/claims/")


def test_wide_screens_have_no_menu_button(site, make_page):
    """From 76.25em the navigation is a sidebar, always shown: the button to open it is put away,
    as Material puts its label away."""
    page, log = make_page(site.base_url)  # 1280 px wide
    goto_path(page, "claims/")
    assert page.locator(".md-header button[aria-expanded]").count() == 1
    assert not page.locator(".md-header button[aria-expanded]").is_visible()
    assert page.locator(".md-sidebar--primary .md-nav__list a[href]").first.is_visible()
    log.assert_clean("/claims/ at 1280 px")


# --- the skip link ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["claim", "about"])
def test_skip_to_content_leads_to_the_start_of_the_content(site, make_page, kind):
    """Material's skip link leads to the first heading: on a claim page "Our verdict", after the
    claim, its rating and who said it; on a page like About, after its opening paragraphs."""
    path = site.pages["claim"] if kind == "claim" else "about/"
    page, log = make_page(site.base_url)
    goto_path(page, path)
    page.keyboard.press("Tab")
    skip = page.evaluate(_FOCUS_JS)
    assert skip["text"] == "Skip to content", skip
    page.keyboard.press("Enter")
    before = page.evaluate(
        """() => {
          const target = document.querySelector(':target');
          const h1 = document.querySelector('.md-content h1');
          return target && h1 && !!(target.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    assert before, f"/{path}: the skip link does not lead to the start of the content"
    page.evaluate("() => { window.fcTarget = document.querySelector(':target'); }")
    page.keyboard.press("Tab")  # on from the start of the content, not from the header
    after = page.evaluate(
        """() => document.activeElement === document.body
          || (fcTarget.compareDocumentPosition(document.activeElement)
              & Node.DOCUMENT_POSITION_FOLLOWING) ? '' : document.activeElement.outerHTML.slice(0, 80)"""
    )
    assert after == "", f"/{path}: the Tab after the skip link went back to {after}"
    log.assert_clean(f"/{path}")


def test_the_not_found_page_says_so_in_its_title(site, make_page):
    """A screen reader announces a page by its title first: the 404 page's was the site's name."""
    page, _ = make_page(site.base_url)
    goto_path(page, "404.html")
    heading = page.locator("h1").inner_text().strip()
    assert heading and page.title() == f"{heading} - Open Fact Desk", page.title()


# --- Material's words on a page in another language -----------------------------------------------


def test_a_translated_page_has_materials_words_in_its_language(site, make_page):
    """The Ukrainian fact check of an English site: the skip link, the table of contents' title,
    "Back to top" and the landmarks' names were English (Material's words of the site's language)."""
    page, log = make_page(site.base_url)
    goto_path(page, TRANSLATED)
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("a.md-skip:visible").inner_text().strip() == "Перейти до змісту"
    assert page.locator(".md-nav--secondary .md-nav__title").inner_text().strip() == "Зміст"
    assert page.locator(".md-top").text_content().strip() == "Повернутись нагору"
    assert page.locator("header nav").get_attribute("aria-label") == "Хедер"
    assert page.locator(".md-nav--primary").get_attribute("aria-label") == "Навігація"
    # What mkdocs.yml says in the site's language (the navigation's entries, the copyright line)
    # is marked as English, not read out as Ukrainian.
    for part in [".md-nav--primary > .md-nav__list", ".md-copyright__highlight"]:
        assert page.locator(part).first.evaluate("e => e.closest('[lang]').lang") == "en", part
    # The colour switch's standard names come from the catalog, in the page's language.
    toggle = page.locator("input.md-option").first
    assert toggle.evaluate("e => e.closest('[lang]').lang") == "uk"
    assert toggle.get_attribute("aria-label") in ("Увімкнути темну тему", "Увімкнути світлу тему")
    # The site's own language stays on its own pages.
    goto_path(page, site.pages["claim"])
    assert page.locator("a.md-skip:visible").inner_text().strip() == "Skip to content"
    log.assert_clean(f"/{TRANSLATED}")


def test_a_language_list_has_materials_words_in_its_language(site, make_page):
    page, log = make_page(site.base_url)
    goto_path(page, "languages/uk/")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("a.md-skip:visible").inner_text().strip() == "Перейти до змісту"
    assert page.locator(".md-nav--primary").get_attribute("aria-label") == "Навігація"
    log.assert_clean("/languages/uk/")


# --- the search box on the narrowest phone --------------------------------------------------------


def test_focusing_the_search_box_does_not_widen_the_narrowest_phone(site, make_page):
    page, log = make_page(site.base_url, viewport=NARROWEST, is_mobile=True, has_touch=True)
    for path in ["", site.pages["claim"]]:
        goto_path(page, path)
        page.locator(".fc-search__input").focus()
        page.wait_for_timeout(300)  # the box's width transition
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= NARROWEST["width"], f"/{path}: {width} px wide with the search box focused"
    log.assert_clean("search box at 320 px")


# --- search excerpts -----------------------------------------------------------------------------


def test_search_excerpts_do_not_repeat_the_rating(site, make_page):
    """A result shows its rating as a badge; the claim page's badge was indexed too, so excerpts
    repeated it ("... Russia. ✔ Mostly true Author of the column ...") and a search for a rating's
    words found every claim with that rating. The rating stays a filter."""
    page, log = make_page(site.base_url)
    goto_path(page, "?q=mostly+true")
    wait_for_search_results(page)
    results = page.evaluate(
        """() => [...document.querySelectorAll('.fc-search__result')].map(r => ({
          icon: r.querySelector('.fc-search__badge .fc-badge__icon')?.textContent.trim(),
          label: r.querySelector('.fc-search__badge .fc-badge__label')?.textContent.trim(),
          excerpt: r.querySelector('.fc-search__excerpt')?.innerText.replace(/\\s+/g, ' '),
        }))"""
    )
    assert results and all(r["icon"] and r["label"] for r in results), results
    repeated = [r for r in results if f"{r['icon']} {r['label']}" in r["excerpt"]]
    assert not repeated, f"excerpts that repeat the rating: {repeated[:3]}"
    rating = page.locator('select[data-facet="rating"]')
    rating.focus()  # the filters are fetched once the reader reaches for one
    page.wait_for_function(
        "() => document.querySelector('select[data-facet=rating]').options.length > 2"
    )
    assert any(o.startswith("Mostly true (") for o in rating.locator("option").all_inner_texts())
    log.assert_clean("search")


# --- a small site with translations and an awkward name -------------------------------------------

ZH_CLAIM = """\
claim: "失业率在2022年至2025年间翻了一番。"
title: "失业率在2022年至2025年间翻了一番"
claimant: jane-doe
date: 2025-03-01
language: zh
translation_of: unemployment-doubled
appearances:
  - document: speech-2025
    quote: "unemployment doubled between 2022 and 2025"
topics:
  - economy
"""


@pytest.fixture(scope="module")
def frame_site(tmp_path_factory) -> Iterator[str]:
    """The mini tree with Ukrainian, Arabic and Chinese (no catalog) versions of one fact check,
    under a site name made of HTML's special characters."""
    from test_translations import translated_tree

    tmp = tmp_path_factory.mktemp("frame")
    content = translated_tree(tmp)
    (content / "claims" / "unemployment-doubled-zh.yaml").write_text(ZH_CLAIM, "utf-8")
    out = tmp / "site"
    config = write_config(tmp, content, site_dir=out, extra={"site_name": SITE_NAME})
    code = (
        "import sys; from pathlib import Path; from generator.build import build; "
        "sys.exit(build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(content), str(out), str(config)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    with serve(out) as base:
        yield base


def test_a_site_name_like_html_is_shown_as_written(frame_site, make_page):
    """mkdocs.yml's site_name went into <title>, the header and the drawer as HTML: `</title>` in it
    ended the title, and `<b>` made bold text of what the newsroom wrote."""
    page, log = make_page(frame_site)
    goto_path(page, "")
    assert page.title() == SITE_NAME
    assert page.locator(".md-header__topic .md-ellipsis").first.inner_text() == SITE_NAME.strip()
    assert page.locator(".md-header a.md-logo").get_attribute("aria-label") == SITE_NAME
    drawer_title = page.locator(".md-nav--primary > .md-nav__title")
    assert drawer_title.text_content().strip() == SITE_NAME.strip()
    assert page.locator(".md-header b, .md-nav__title b, head b").count() == 0
    goto_path(page, "claims/unemployment-doubled/")
    assert page.title().endswith(" - " + SITE_NAME), page.title()
    og = page.locator('meta[property="og:site_name"]').get_attribute("content")
    assert og == SITE_NAME
    log.assert_clean("a site name like HTML")


def test_language_names_carry_their_language_and_direction(frame_site, make_page):
    """Each language named in itself says so (lang), and reads in its script's direction: العربية
    right to left inside an English sentence."""
    page, log = make_page(frame_site)
    for path in ["claims/unemployment-doubled/", "claims/", "languages/en/", "languages/zh/"]:
        goto_path(page, path)
        names = page.evaluate(
            """() => [...document.querySelectorAll('.md-content [hreflang], .fc-languages [aria-current]')]
              .map(a => ({text: a.innerText.trim(), lang: a.lang, hreflang: a.hreflang,
                          dir: getComputedStyle(a).direction}))"""
        )
        assert names, f"/{path}: no language named"
        for n in names:
            assert n["lang"] and (not n["hreflang"] or n["lang"] == n["hreflang"]), (path, n)
        arabic = [n for n in names if n["lang"] == "ar"]
        assert arabic and all(n["dir"] == "rtl" for n in arabic), (path, names)
    log.assert_clean("language names")


def test_a_language_list_without_a_catalog_is_not_marked_as_that_language(frame_site, make_page):
    """/languages/zh/ speaks the site's language (there is no Chinese catalog): its sentences were
    inside lang="zh", so a screen reader read English words with a Chinese voice. The claims' own
    titles keep lang="zh"."""
    page, log = make_page(frame_site)
    goto_path(page, "languages/zh/")
    assert page.locator("html").get_attribute("lang") == "en"
    langs = page.evaluate(
        """() => [...document.querySelectorAll('.fc-language-page > p')].map(p => [
          p.innerText.trim().slice(0, 40), (p.closest('[lang]') || document.documentElement).lang])"""
    )
    assert langs and all(lang == "en" for _, lang in langs), langs
    title = page.locator(".fc-language-page .fc-item__title").first
    assert title.get_attribute("lang") == "zh"
    log.assert_clean("/languages/zh/")


def test_a_title_in_another_language_is_marked_in_the_header_too(frame_site, make_page):
    """The Chinese claim's page is in English (no catalog): its <h1> said lang="zh", the header that
    repeats the title once the reader scrolls past it did not."""
    page, log = make_page(frame_site)
    goto_path(page, "claims/unemployment-doubled-zh/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".md-content h1").get_attribute("lang") == "zh"
    topic = page.locator("[data-md-component=header-topic] .md-ellipsis")
    assert "失业率" in topic.text_content()
    assert topic.evaluate("e => e.closest('[lang]').lang") == "zh"
    log.assert_clean("/claims/unemployment-doubled-zh/")
