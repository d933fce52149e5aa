"""Screenshots of the home page, a claim page and a document page, at phone and desktop widths, in the
light and dark schemes, written to tests/artifacts/screenshots/ (gitignored). The two best are copied
by hand into docs/screenshots/ for the README."""

from __future__ import annotations

import pytest
from browserkit import DESKTOP, PHONE, SCREENSHOTS, goto_path, scheme_of, set_scheme, settle

SIZES = {"phone": PHONE, "desktop": DESKTOP}
SCHEMES = {"light": "default", "dark": "slate"}

_BACKGROUND_JS = """
() => {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}
"""


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("kind", ["home", "claim", "document"])
def test_screenshot(page_of_type, make_page, kind, size, scheme):
    site, path = page_of_type(kind)
    mobile = size == "phone"
    page, log = make_page(
        site.base_url,
        viewport=SIZES[size],
        is_mobile=mobile,
        has_touch=mobile,
        device_scale_factor=2 if mobile else 1,
        color_scheme="dark" if scheme == "dark" else "light",
        reduced_motion="reduce",
    )
    goto_path(page, path)
    set_scheme(page, SCHEMES[scheme])
    settle(page)
    page.evaluate("window.scrollTo(0, 0)")
    brightness = page.evaluate(_BACKGROUND_JS)
    if scheme == "dark":
        assert brightness < 0.25, f"dark scheme, but the background is light ({brightness:.2f})"
    else:
        assert brightness > 0.75, f"light scheme, but the background is dark ({brightness:.2f})"
    assert scheme_of(page) == SCHEMES[scheme]

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = f"{kind}-{size}-{scheme}"
    shot = page.screenshot(
        path=str(SCREENSHOTS / f"{name}.png"), animations="disabled", caret="hide"
    )
    assert len(shot) > 5_000
    if kind != "home":
        page.screenshot(
            path=str(SCREENSHOTS / f"{name}-full.png"),
            full_page=True,
            animations="disabled",
            caret="hide",
        )
    log.assert_clean(f"{kind} page /{path}")
