"""Accessibility in a real browser: axe-core on every page type in both colour schemes, verdict badges
(text plus icon, WCAG AA contrast in light and dark), and a keyboard alone reaching every link with a
visible focus. The theme's own defaults count too: they are fixed in overrides/ and CSS, not filtered."""

from __future__ import annotations

import pytest
from browserkit import (
    ALL_PAGE_TYPES,
    dump_json,
    goto_path,
    open_kind,
    run_axe,
    set_scheme,
    settle,
)

SCHEMES = ("default", "slate")  # Material's light and dark schemes
BLOCKING = ("serious", "critical")


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:6]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", ALL_PAGE_TYPES)
def test_axe_finds_no_serious_violations(page_of_type, make_page, kind, scheme):
    site, path = page_of_type(kind)
    page, log = make_page(site.base_url)
    open_kind(page, kind, path)
    set_scheme(page, scheme)
    settle(page)
    violations = run_axe(page)
    dump_json(f"axe/{kind}-{scheme}.json", violations)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {kind} page /{path} ({scheme}):\n{_describe(blocking)}"
    log.assert_clean(f"{kind} page /{path}")


# ---------------------------------------------------------------------------------------------------
# Verdict badges

# Resolve any CSS colour to sRGB through a canvas, composite translucent colours over what is behind
# them, and return the badge's text colour, effective background and parts.
_BADGE_JS = """
(badge) => {
  const ctx = document.createElement('canvas').getContext('2d');
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000'; ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map(i => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];  // the canvas behind everything
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  const label = badge.querySelector('.fc-badge__label');
  const icon = badge.querySelector('.fc-badge__icon');
  const part = (el) => el && {
    text: el.textContent.trim(),
    visible: el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden',
    color: rgba(getComputedStyle(el).color),
    background: background(el),
    size: parseFloat(getComputedStyle(el).fontSize),
    weight: parseInt(getComputedStyle(el).fontWeight, 10),
  };
  return {label: part(label), icon: part(icon), html: badge.outerHTML.slice(0, 300)};
}
"""


def _luminance(rgb) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg) -> float:
    """WCAG 2 contrast ratio of fg (composited over bg) against bg."""
    alpha = fg[3] if len(fg) > 3 else 1
    fg = [fg[i] * alpha + bg[i] * (1 - alpha) for i in range(3)]
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _required_ratio(part) -> float:
    large = part["size"] >= 24 or (part["size"] >= 18.66 and part["weight"] >= 700)
    return 3.0 if large else 4.5


# Pages that between them show every badge: the rating scale (every rating), a claim with a verdict,
# a claim under review, and the home page's list.
BADGE_PAGES = ("home", "claim", "claim_unverdicted", "rating")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_verdict_badges_are_text_and_icon_with_aa_contrast(page_of_type, site, make_page, scheme):
    checked: list[dict] = []
    failures: list[str] = []
    targets = [page_of_type(kind) for kind in BADGE_PAGES]
    if (site.root / "ratings" / "index.html").exists():
        targets.append((site, "ratings/"))
    for target_site, path in targets:
        page, log = make_page(target_site.base_url)
        goto_path(page, path)
        set_scheme(page, scheme)
        badges = page.locator(".fc-badge")
        assert badges.count() > 0, f"no verdict badge on /{path}"
        for i in range(badges.count()):
            info = badges.nth(i).evaluate(_BADGE_JS)
            info["page"] = path
            checked.append(info)
            for name in ("label", "icon"):
                part = info[name]
                if not part or not part["visible"] or not part["text"]:
                    failures.append(f"/{path}: badge without a visible {name}: {info['html']}")
                    continue
                ratio = contrast(part["color"], part["background"])
                part["contrast"] = round(ratio, 2)
                need = _required_ratio(part) if name == "label" else 3.0
                if ratio < need:
                    failures.append(
                        f"/{path}: badge {name} {part['text']!r} contrast {ratio:.2f} < {need} "
                        f"(text {part['color']}, background {part['background']})"
                    )
        log.assert_clean(f"/{path}")
    dump_json(f"badges-{scheme}.json", checked)
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------------------------------------------
# Keyboard

_FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const indicator = (e) => {
    const s = getComputedStyle(e);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
        || (s.boxShadow && s.boxShadow !== 'none');
  };
  const shown = (e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight;
  };
  // A visually hidden radio or checkbox shows its focus on a label: its own, or, for Material's
  // palette toggle, the label right after it (which switches to the next scheme).
  const boxes = [el, ...(el.labels ? [...el.labels] : [])];
  const next = el.nextElementSibling;
  if (el.tagName === 'INPUT' && next && next.tagName === 'LABEL') boxes.push(next);
  return {
    key: el.dataset.kbKey || null,
    tag: el.tagName.toLowerCase(),
    href: el.getAttribute('href'),
    text: (el.innerText || el.getAttribute('aria-label') || el.labels?.[0]?.innerText || '')
      .trim().slice(0, 60),
    visibleFocus: boxes.some(e => shown(e) && indicator(e)),
    inViewport: boxes.some(shown),
  };
}
"""

_MARK_LINKS_JS = """
() => {
  const visible = (e) => {
    if (!e.getClientRects().length) return false;
    const s = getComputedStyle(e);
    return s.visibility !== 'hidden' && s.display !== 'none';
  };
  const out = [];
  document.querySelectorAll('a[href]').forEach((a, i) => {
    a.dataset.kbKey = String(i);
    if (visible(a) && a.tabIndex >= 0 && !a.closest('[inert], [aria-hidden=true]'))
      out.push({key: String(i), href: a.getAttribute('href'), text: a.innerText.trim().slice(0, 60)});
  });
  return out;
}
"""


@pytest.mark.parametrize(
    ("kind", "scheme"), [("claim", "default"), ("claim", "slate"), ("home", "default")]
)
def test_keyboard_reaches_every_link_with_visible_focus(page_of_type, make_page, kind, scheme):
    site, path = page_of_type(kind)
    page, log = make_page(site.base_url)
    goto_path(page, path)
    set_scheme(page, scheme)
    page.mouse.move(0, 0)
    links = page.evaluate(_MARK_LINKS_JS)
    assert links, f"no visible links on /{path}"
    page.evaluate(
        "() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }"
    )

    reached: dict[str, dict] = {}
    no_indicator: list[str] = []
    order: list[str] = []
    for _ in range(len(links) * 2 + 60):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS_JS)
        if focus is None:
            continue
        ident = focus["key"] or f"{focus['tag']}:{focus['text']}"
        if order and ident == order[0]:
            break  # wrapped around to the first element
        order.append(ident)
        if not focus["visibleFocus"]:
            no_indicator.append(f"{focus['tag']} {focus['href']!r} {focus['text']!r}")
        if not focus["inViewport"]:
            no_indicator.append(f"{focus['tag']} {focus['href']!r} is focused off screen")
        if focus["key"]:
            reached[focus["key"]] = focus

    dump_json(f"keyboard-{kind}-{scheme}.json", {"links": links, "tab_order": order})
    missed = [f"{link['href']!r} {link['text']!r}" for link in links if link["key"] not in reached]
    assert not missed, f"Tab never reached these links on /{path}:\n  " + "\n  ".join(missed)
    assert not no_indicator, f"focus not visible on /{path} ({scheme}):\n  " + "\n  ".join(
        no_indicator
    )
    log.assert_clean(f"/{path}")
