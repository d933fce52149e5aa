"""Readers who zoom, read right to left, or use a phone: what they saw in Chromium, and that it is fixed.

- At 200% zoom on a phone (Chromium lays out a 390 px screen as a 195 px wide page) the home page's
  cards, the ratings tables, the rating scale and the embed code box were wider than the page, so the
  reader had to scroll sideways to read them (WCAG 1.4.10, reflow).
- On an Arabic page, a Latin name followed by a date ran together into one left-to-right run: the day
  of the date stood beside the name and its month at the other end of the line.
- Going back up a page with Shift+Tab, each link was scrolled under the sticky header, out of sight.
- On an Arabic page, the back-reference arrow after a source pointed left, away from where reading
  started.

The Arabic site is a new one, made as a newsroom would make it: `factcheck init --language ar`, a few
claims written by hand, `factcheck build`.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import ROOT, goto_path, serve

# A 390 px phone at 200% zoom: Chromium lays the page out 195 CSS px wide.
ZOOMED_PHONE = {"width": 195, "height": 400}

_WIDTH_JS = """
() => {
  const width = document.documentElement.scrollWidth;
  const limit = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > limit + 0.5 || r.left < -0.5)) {
      wide.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    }
  }
  return {width, limit, wide: [...new Set(wide)].slice(0, 6)};
}
"""


def _run(cmd: list, cwd: Path | None = None) -> None:
    done = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"{cmd}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


def _write(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory) -> Iterator[str]:
    """A new Arabic site with two claims by a person with a Latin name, built and served."""
    site = tmp_path_factory.mktemp("arabic") / "site"
    cli = [sys.executable, "-m", "generator.cli"]
    _run([*cli, "init", site, "--name", "مكتب التحقق", "--url", "https://example.org/",
          "--language", "ar"], cwd=ROOT)  # fmt: skip
    content = site / "content"
    _write(
        content / "people" / "valery-gerasimov.yaml",
        """\
        name: "Valery Gerasimov"
        kind: person
        description: "رئيس هيئة الأركان العامة للقوات المسلحة الروسية"
        """,
    )
    _write(
        content / "people" / "fariq-altahaqquq.yaml",
        'name: "فريق التحقق"\nkind: organization\n',
    )
    claims = {
        "kursk-1": ("أبلغ Valery Gerasimov بوتين باكتمال العملية في منطقة كورسك.", "false"),
        "kursk-2": ("قال Valery Gerasimov إن القوات استعادت 1376 كيلومترًا مربعًا.", "mostly-true"),
    }
    for n, (claim_id, (claim, rating)) in enumerate(claims.items(), start=1):
        other = next(c for c in claims if c != claim_id)
        _write(
            content / "claims" / f"{claim_id}.yaml",
            f"""\
            claim: "{claim}"
            claimant: valery-gerasimov
            date: 2025-03-0{n}
            appearances:
              - url: "https://example.org/{claim_id}"
                title: "بيان"
            topics: [politics]
            related: [{other}]
            """,
        )
        _write(
            content / "verdicts" / f"{claim_id}.yaml",
            f"""\
            claim: {claim_id}
            rating: {rating}
            summary: "بقيت وحدات أوكرانية في نحو 30 كيلومترًا مربعًا من المنطقة."
            body: "بقيت وحدات أوكرانية في المنطقة [@imf] [@imf]."
            sources:
              - id: imf
                title: "IMF World Economic Outlook, April 2025"
                publisher: "International Monetary Fund (IMF)"
                url: "https://www.imf.org/en/Publications/WEO"
                date: 2025-04-22
            authors: [fariq-altahaqquq]
            published: 2025-03-1{n}
            """,
        )
    # One claim a page: the claims list has two pages.
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("page_size: 100", "page_size: 1"),
        encoding="utf-8",
    )
    _run([*cli, "build"], cwd=site)
    with serve(site / "site") as base:
        yield base


@pytest.mark.parametrize(
    "path",
    [
        "",  # the cards of the latest fact checks
        "topics/kursk-offensive/",  # a ratings table
        "methodology/",  # the rating scale
        "claims/gerasimov-kursk-operation-complete/",  # the embed code box
    ],
)
def test_pages_reflow_at_200_percent_zoom_on_a_phone(site, make_page, path):
    """Zoomed in, a reader scrolls down only, never sideways (WCAG 1.4.10)."""
    page, log = make_page(site.base_url, viewport=ZOOMED_PHONE)
    goto_path(page, path)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    result = page.evaluate(_WIDTH_JS)
    assert result["width"] <= result["limit"], (
        f"/{path} is {result['width']} px wide on a {result['limit']} px page: {result['wide']}"
    )
    log.assert_clean(f"/{path}")


@pytest.mark.parametrize(
    "path", ["", "claims/kursk-2/", "ratings/mostly-true/", "topics/politics/", "methodology/"]
)
def test_arabic_pages_reflow_at_200_percent_zoom_on_a_phone(arabic_site, make_page, path):
    """The Arabic rating badge ("صحيح في معظمه") and ratings table fit the zoomed page too."""
    page, log = make_page(arabic_site, viewport=ZOOMED_PHONE, locale="ar")
    goto_path(page, path)
    result = page.evaluate(_WIDTH_JS)
    assert result["width"] <= result["limit"], (
        f"/{path} is {result['width']} px wide on a {result['limit']} px page: {result['wide']}"
    )
    log.assert_clean(f"Arabic /{path}")


@pytest.mark.parametrize("path", ["claims/gerasimov-kursk-operation-complete/", "sources/"])
def test_going_back_with_shift_tab_never_hides_the_focus_under_the_header(site, make_page, path):
    """Shift+Tab up through a long page: every link it reaches is below the sticky header, in sight
    (WCAG 2.4.11). The browser used to scroll each one to the window's top edge, under the header."""
    page, log = make_page(site.base_url, viewport={"width": 390, "height": 700})
    goto_path(page, path)
    page.locator(".md-content a[href]").last.focus()
    hidden = []
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        state = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || !el.closest('.md-content')) return null;
              const header = document.querySelector('.md-header').getBoundingClientRect();
              const box = el.getBoundingClientRect();
              return {text: (el.getAttribute('aria-label') || el.textContent).trim().slice(0, 40),
                      top: box.top, bottom: box.bottom, header: header.bottom};
            }"""
        )
        if state is None:
            break
        if state["bottom"] <= state["header"] + 1 or state["top"] < state["header"] - 1:
            hidden.append(f"{state['text']!r} at {state['top']:.0f} px")
    assert not hidden, f"/{path}: focused links under the header: {hidden[:5]}"
    log.assert_clean(f"/{path}")


def test_a_latin_name_and_its_date_read_in_order_on_an_arabic_page(arabic_site, make_page):
    """Under a related claim: "Valery Gerasimov، 1 مارس 2025". Reading from the right, the name comes
    first and the whole date after it, to its left; the day did come right after the name's end."""
    page, log = make_page(arabic_site, locale="ar")
    goto_path(page, "claims/kursk-2/")
    meta = page.locator(".fc-list .fc-item__meta").filter(has_text="Valery Gerasimov").first
    boxes = meta.evaluate(
        """(el) => {
          const name = (el.querySelector('bdi') || el).firstChild;  // the name's text
          const range = document.createRange();
          range.setStart(name, 0);
          range.setEnd(name, name.textContent.indexOf('Gerasimov') + 'Gerasimov'.length);
          const n = range.getBoundingClientRect();
          const dates = [...el.querySelector('time').getClientRects()];
          return {name: [n.left, n.right, n.top], dates: dates.map(d => [d.left, d.right, d.top])};
        }"""
    )
    name_left, _, name_top = boxes["name"]
    for left, right, top in boxes["dates"]:
        if abs(top - name_top) < 2:  # on the name's line
            assert right <= name_left + 0.5, (
                f"part of the date is right of the name (date {left:.0f}..{right:.0f}, "
                f"name starts at {name_left:.0f}): {meta.inner_text()!r}"
            )
    log.assert_clean("Arabic claim page")


def test_the_back_reference_arrow_points_right_on_an_arabic_page(arabic_site, make_page):
    """ "↩︎" after a source leads back up to where it was cited: on a right-to-left page it is drawn
    mirrored, pointing to the right, where reading starts; on an English page it is left as it is."""
    page, log = make_page(arabic_site, locale="ar")
    goto_path(page, "claims/kursk-1/")
    arrows = page.locator(".fc-sources .fc-backrefs a")
    assert arrows.count() == 2, "two citations of one source: two arrows back"
    for i in range(arrows.count()):
        arrow = arrows.nth(i)
        assert arrow.inner_text().startswith("↩")
        transform = arrow.evaluate("(a) => getComputedStyle(a).transform")
        assert transform.startswith("matrix(-1, 0, 0, 1"), (
            f"arrow {i + 1} is not mirrored: {transform}"
        )
    log.assert_clean("Arabic claim page")


def test_the_back_reference_arrow_is_not_mirrored_on_an_english_page(site, make_page):
    page, log = make_page(site.base_url)
    goto_path(page, "claims/gerasimov-kursk-operation-complete/")
    arrow = page.locator(".fc-sources .fc-backrefs a").first
    assert arrow.evaluate("(a) => getComputedStyle(a).transform") == "none"
    log.assert_clean("English claim page")


def test_the_pages_of_a_long_list_are_one_row_of_buttons_in_reading_order(arabic_site, make_page):
    """Page 2 of the Arabic claims list on a phone: "→ الصفحة السابقة", "1", "2" side by side, the
    previous page on the right where an Arabic reader starts, no bullets, each at least 24 px (WCAG
    2.5.8), and the current page not dressed as a link. They were a bulleted column of bare links."""
    page, log = make_page(arabic_site, viewport={"width": 390, "height": 700}, locale="ar")
    goto_path(page, "claims/page/2/")
    items = page.evaluate(
        """() => [...document.querySelectorAll('.fc-pagination__pages > li > a')].map(a => {
          const r = a.getBoundingClientRect();
          return {text: a.textContent.trim(), rel: a.rel, left: r.left, right: r.right, top: r.top,
                  width: r.width, height: r.height, current: a.hasAttribute('aria-current'),
                  underline: getComputedStyle(a).textDecorationLine,
                  marker: getComputedStyle(a.parentElement).listStyleType};
        })"""
    )
    assert [i["rel"] or i["text"] for i in items] == ["prev", "1", "2"], items
    assert len({round(i["top"]) for i in items}) == 1, f"not one row: {items}"
    assert items[0]["left"] > items[1]["right"] > items[2]["right"], f"not right to left: {items}"
    for item in items:
        assert item["marker"] == "none", f"{item['text']!r} has a bullet"
        assert item["width"] >= 24 and item["height"] >= 24, f"{item['text']!r} is too small"
    current = next(i for i in items if i["current"])
    assert current["text"] == "2" and current["underline"] == "none", current
    log.assert_clean("Arabic claims, page 2")


@pytest.mark.parametrize("path", ["", "claims/"])
def test_a_320_px_phone_with_text_at_250_percent_does_not_scroll_sideways(site, make_page, path):
    """Text enlarged in the browser's settings (not zoom): the header's search box keeps within the
    page (WCAG 1.4.4 and 1.4.10)."""
    page, log = make_page(site.base_url, viewport={"width": 320, "height": 640})
    goto_path(page, path)
    page.evaluate("() => { document.documentElement.style.fontSize = '250%'; }")
    page.wait_for_timeout(300)  # the box's width transition
    result = page.evaluate(_WIDTH_JS)
    assert result["width"] <= result["limit"], (
        f"/{path} is {result['width']} px wide on a {result['limit']} px page: {result['wide']}"
    )
    log.assert_clean(f"/{path} with large text")
