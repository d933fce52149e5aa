"""Print: a claim page prints cleanly, without the site's navigation, with its sources' full URLs."""

from __future__ import annotations

from browserkit import ARTIFACTS, goto_path

# Everything that is site chrome rather than the fact check.
CHROME = (
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-search",
    ".md-skip",
    ".md-source",
    ".md-top",
    ".fc-actions",
    ".fc-share",  # share links and the embed code: nothing to click on paper
)


def test_claim_page_prints_cleanly(site, page, page_log):
    path = site.pages["claim"]
    goto_path(page, path)
    page.emulate_media(media="print")

    # No navigation, header, footer or buttons on paper.
    shown = page.evaluate(
        """(selectors) => selectors.flatMap(sel => [...document.querySelectorAll(sel)]
              .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
              .map(e => sel))""",
        list(CHROME),
    )
    assert not shown, f"printed /{path} still shows: {sorted(set(shown))}"

    # What the page is about is there.
    for sel in (
        "h1",
        ".fc-claim__quote",
        ".fc-claim__rating .fc-badge",
        ".fc-summary",
        ".fc-sources",
    ):
        assert page.locator(sel).first.is_visible(), f"printed /{path} lacks {sel}"

    # Each source's full URL is printed after its link.
    missing = page.evaluate(
        """() => [...document.querySelectorAll('.fc-sources a[href^="http"]')].filter(a => {
              const after = getComputedStyle(a, '::after').content || '';
              return !after.includes(a.getAttribute('href'));
           }).map(a => a.getAttribute('href'))"""
    )
    count = page.locator(".fc-sources a[href^='http']").count()
    assert count > 0, f"/{path} lists no source links"
    assert not missing, f"printed /{path} hides these sources' URLs: {missing}"

    # Long URLs wrap instead of running off the paper.
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"printed /{path} is {overflow} px wider than the page"

    # Keep the printout for a human to look at.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "claim-print.pdf"), format="A4", print_background=False)
    assert len(pdf) > 1000
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.screenshot(path=str(ARTIFACTS / "claim-print.png"), full_page=True)
    page_log.assert_clean(f"/{path}")
