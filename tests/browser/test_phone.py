"""Phones: at 375 px wide no page overflows sideways, and on a claim page the claim, its verdict and the
summary are above the fold (within the first 667 px, an iPhone SE's screen).

"The claim" is the page's heading: the claim as published (its short form, else its own words). The full
quotation, who said it and where follow the verdict on a phone."""

from __future__ import annotations

import pytest
from browserkit import ALL_PAGE_TYPES, PHONE, goto_path, open_kind

_OVERFLOW_JS = """
(limit) => {
  const width = document.documentElement.scrollWidth;
  // Name the widest culprits, to say what to fix.
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > limit + 0.5 && r.width > 0 && getComputedStyle(el).position !== 'fixed') {
      let hidden = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'hidden' || o === 'auto' || o === 'scroll' || o === 'clip') { hidden = true; break; }
      }
      if (!hidden) wide.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
    }
  }
  return {width, wide: wide.slice(0, 8)};
}
"""


@pytest.mark.parametrize("kind", ALL_PAGE_TYPES)
def test_no_horizontal_overflow_on_a_phone(page_of_type, make_page, kind):
    site, path = page_of_type(kind)
    page, log = make_page(site.base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    open_kind(page, kind, path)
    result = page.evaluate(_OVERFLOW_JS, PHONE["width"])
    assert result["width"] <= PHONE["width"], (
        f"{kind} page /{path} is {result['width']} px wide at {PHONE['width']} px: {result['wide']}"
    )
    log.assert_clean(f"{kind} page /{path}")


def test_every_page_fits_a_phone(site, make_page):
    """All built pages, not only one per type: long titles, URLs and tables are where overflow hides."""
    page, _ = make_page(site.base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    too_wide = {}
    for rel in site.files:
        path = rel.removesuffix("index.html")
        page.goto(path or "./", wait_until="load")
        result = page.evaluate(_OVERFLOW_JS, PHONE["width"])
        if result["width"] > PHONE["width"]:
            too_wide[path or "/"] = result
    assert not too_wide, "\n".join(
        f"/{p}: {r['width']} px: {r['wide']}" for p, r in too_wide.items()
    )


_FOLD_JS = """
() => {
  const box = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return {top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height,
            visible: r.width > 0 && r.height > 0};
  };
  return {
    claim: box('.fc-claim__quote blockquote'),
    verdict: box('.fc-claim__rating .fc-badge'),
    claimant: box('.fc-claim__quote figcaption'),
    summary: box('.fc-verdict .fc-summary'),
    notices: [...document.querySelectorAll('.fc-claim > .fc-notice')]
      .reduce((h, n) => h + n.getBoundingClientRect().height, 0),
    claimHeight: (document.querySelector('.fc-claim__quote blockquote') || {offsetHeight: 0}).offsetHeight,
  };
}
"""


def _fold_failures(boxes: dict, fold: int) -> list[str]:
    out = []
    # A correction notice comes first, above everything: the screen starts after it. A claim that
    # takes a third of the screen or more may push who said it and the summary further down.
    long_claim = boxes.get("claimHeight", 0) >= fold / 3
    fold += boxes.get("notices", 0)
    # The claim, its rating, who said it and when fit in the first screen; "What we found" starts
    # in it (issue #15: the page reads as a news page, claim first).
    for name in ("claim", "verdict", "claimant", "summary"):
        b = boxes.get(name)
        if b is None or not b["visible"]:
            out.append(f"no visible {name}")
        elif name in ("summary", "claimant") and long_claim:
            continue
        elif name == "summary" and b["top"] > fold - 40:
            out.append(f"{name} starts at {b['top']:.0f} px, below the fold ({fold} px)")
        elif name != "summary" and b["bottom"] > fold:
            out.append(f"{name} ends at {b['bottom']:.0f} px, below the fold ({fold} px)")
    return out


@pytest.mark.parametrize("kind", ["claim", "claim_unverdicted"])
def test_claim_verdict_and_summary_above_the_fold(page_of_type, make_page, kind):
    site, path = page_of_type(kind)
    page, log = make_page(site.base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    goto_path(page, path)
    failures = _fold_failures(page.evaluate(_FOLD_JS), PHONE["height"])
    assert not failures, f"/{path} at {PHONE['width']}x{PHONE['height']}: " + "; ".join(failures)
    log.assert_clean(f"/{path}")


def test_every_claim_is_above_the_fold_on_a_phone(site, make_page):
    page, _ = make_page(site.base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    failures = {}
    for path in site.claim_paths(with_verdict=True):
        goto_path(page, path)
        problems = _fold_failures(page.evaluate(_FOLD_JS), PHONE["height"])
        if problems:
            failures[path] = problems
    assert not failures, "\n".join(f"/{p}: " + "; ".join(v) for p, v in failures.items())
