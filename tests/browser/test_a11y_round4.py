"""Accessibility of the markup right-to-left and native-digit pages gained: small sites in Persian
(no shipped catalog, so built with --no-strict), Hebrew, Arabic and English, in Chromium.

- axe (WCAG 2.0 A/AA, 2.1 AA) on every page type at 1280 px and 360 px;
- a keyboard alone reaches every citation marker and every link of the rating scale, inside
  Material's sideways-scrolling table box, and can scroll that box to its last column; focus is
  drawn, and not cut off by the box;
- Chromium's accessibility tree reads a list numbered in Persian digits as a list with as many
  items as it shows, each marker the number the reader sees;
- in forced colours (Windows contrast themes) every rating badge, the rating chip after a
  document's passage and each passage's highlight keep a visible edge, where the colour fill goes.

The content: the small fixture tree, its verdict citing three sources and with a numbered list
starting at 3 (tests/test_native_digits.py), one claim written in Arabic (so the sites have
language pages), and one rating whose meaning holds a long address, so that on a phone the scale
table is wider than the screen and scrolls sideways in its box.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import dump_json, goto_path, run_axe, run_cli, serve

from generator.engines import zensical

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_native_digits import VERDICT, build, three_sources  # noqa: E402

LANGUAGES = ("fa", "he", "ar", "en")
AXE_TAGS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]},
    "resultTypes": ["violations"],
}
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}
CLAIM = f"claims/{VERDICT}/"
LONG_MEANING = (
    "The claim is partly accurate, as set out at "
    "https://data.example/methodology/how-we-rate-claims-that-are-partly-accurate"
)

# One page of each type.
PAGES = (
    "",
    "claims/",
    CLAIM,
    "claims/new-hospital/",
    f"{CLAIM}embed/",
    "ratings/",
    "ratings/false/",
    "topics/",
    "topics/economy/",
    "people/",
    "people/jane-doe/",
    "documents/",
    "documents/speech-2025/",
    "sources/",
    "corrections/",
    "methodology/",
    "about/",
    "languages/ar/",
    "?q=unemployment",
    "404.html",
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Iterator[dict[str, str]]:
    """The content above built as a site in each of LANGUAGES, served: language -> base address."""
    tmp = tmp_path_factory.mktemp("a11y-round4")
    content = three_sources(tmp)
    ratings = content / "ratings.yaml"
    ratings.write_text(
        ratings.read_text("utf-8").replace('"The claim is partly accurate."', f'"{LONG_MEANING}"'),
        "utf-8",
    )
    claim = content / "claims" / "crime-record-low.yaml"
    claim.write_text(claim.read_text("utf-8") + "language: ar\n", "utf-8")
    built = {lang: build(tmp, content, lang) for lang in LANGUAGES}
    bases: dict[str, str] = {}
    servers = [serve(out) for out in built.values()]
    try:
        for lang, server in zip(built, servers, strict=True):
            bases[lang] = server.__enter__()
        yield bases
    finally:
        for server in servers[: len(bases)]:
            server.__exit__(None, None, None)


def _describe(violations: list[dict]) -> str:
    return "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:4]]}"
        for v in violations
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_wcag_violation_on_any_page_type(sites, make_page, lang, width):
    page, log = make_page(sites[lang], viewport=WIDTHS[width])
    found = {}
    for path in PAGES:
        if path.startswith("languages/") and path.rstrip("/").endswith(lang):
            continue
        response = goto_path(page, path)
        assert response.ok or path == "404.html", f"{lang} /{path}: HTTP {response.status}"
        if lang in ("fa", "he", "ar") and path != "404.html":
            assert page.evaluate("document.documentElement.dir") == "rtl" or path.startswith(
                "languages/"
            ), f"{lang} /{path} is not marked right-to-left"
        violations = run_axe(page, AXE_TAGS)
        if violations:
            found[path or "/"] = _describe(violations)
    dump_json(f"axe/round4-{lang}-{width}.json", found)
    assert not found, "\n".join(f"{lang} /{p}:\n{v}" for p, v in found.items())
    log.assert_clean(f"{lang} site at {width} width")


# ---------------------------------------------------------------------------------------------------
# Keyboard

# What the focused element is, and whether its focus ring is drawn where a reader can see it: a
# solid outline at least 2 px wide, inside every box that would cut it off (the table's scroll box).
_FOCUSED = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const width = parseFloat(s.outlineWidth) || 0;
  const grow = width + (parseFloat(s.outlineOffset) || 0);
  const r = e.getBoundingClientRect();
  let clipped = false;
  for (let box = e.parentElement; box; box = box.parentElement) {
    const o = getComputedStyle(box);
    if (o.overflowX === 'visible' && o.overflowY === 'visible') continue;
    const root = box === document.documentElement;  // its client box is the viewport
    const b = box.getBoundingClientRect();
    const left = root ? 0 : b.left + box.clientLeft, top = root ? 0 : b.top + box.clientTop;
    if (r.left - grow < left - 0.5 || r.right + grow > left + box.clientWidth + 0.5 ||
        r.top - grow < top - 0.5 || r.bottom + grow > top + box.clientHeight + 0.5) clipped = true;
  }
  return {
    tag: e.tagName, id: e.id, text: (e.innerText || '').replace(/\\s+/g, ' ').trim(),
    href: e.getAttribute('href'), cite: !!e.closest('.fc-cite'),
    scale: !!e.closest('.fc-scale-table'), body: e === document.body,
    ring: s.outlineStyle !== 'none' && width >= 2 && !/rgba\\(.*, 0\\)$/.test(s.outlineColor),
    outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, clipped,
  };
}"""


def _tab_through(page, stop) -> list[dict]:
    """Press Tab from the top of the page until `stop(focused)` or the focus leaves the page;
    every element focused on the way."""
    seen: list[dict] = []
    for _ in range(150):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused["body"]:
            break
        seen.append(focused)
        if stop(focused):
            break
    return seen


@pytest.mark.parametrize("forced", ["none", "active"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_keyboard_reaches_every_citation_marker_with_its_focus_drawn(
    sites, make_page, lang, forced
):
    page, log = make_page(sites[lang], viewport=WIDTHS["phone"])
    page.emulate_media(forced_colors=forced)
    goto_path(page, CLAIM)
    markers = page.eval_on_selector_all(".fc-body .fc-cite a", "els => els.map(e => e.id)")
    assert len(markers) == 4, f"{lang}: expected four citation markers, found {markers}"
    last = markers[-1]
    focused = _tab_through(page, lambda f: f["id"] == last)
    reached = [f for f in focused if f["cite"]]
    assert [f["id"] for f in reached] == markers, (
        f"{lang}: Tab reached the markers {[f['id'] for f in reached]} of {markers}"
    )
    unseen = [f for f in reached if not f["ring"] or f["clipped"]]
    assert not unseen, f"{lang} (forced colours {forced}): focus not drawn on {unseen}"
    log.assert_clean(f"{lang} {CLAIM}")


# Scroll box of the rating scale, and where its last column's cells are against it.
_SCALE_BOX = """() => {
  const box = document.querySelector('.md-typeset__scrollwrap:has(.fc-scale-table)');
  const b = box.getBoundingClientRect();
  const cells = [...box.querySelectorAll('tbody tr > :last-child')].map(c => c.getBoundingClientRect());
  return {overflow: box.scrollWidth - box.clientWidth, scrollLeft: box.scrollLeft,
          lastColumnShown: cells.every(c => c.left >= b.left - 0.5 && c.right <= b.right + 0.5),
          links: [...box.querySelectorAll('a')].map(a => a.getAttribute('href'))};
}"""


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_keyboard_reaches_the_rating_scale_inside_its_scrolling_box(sites, make_page, lang):
    page, log = make_page(sites[lang], viewport=WIDTHS["phone"])
    goto_path(page, "methodology/")
    box = page.evaluate(_SCALE_BOX)
    assert box["overflow"] > 0, f"{lang}: the scale fits a 360 px phone; the test needs it wider"
    assert not box["lastColumnShown"], f"{lang}: the scale's last column shows without scrolling"
    last = box["links"][-1]
    focused = _tab_through(page, lambda f: f["scale"] and f["href"] == last)
    reached = [f for f in focused if f["scale"]]
    assert [f["href"] for f in reached] == box["links"], (
        f"{lang}: Tab reached {[f['href'] for f in reached]} of the scale's {box['links']}"
    )
    unseen = [f for f in reached if not f["ring"] or f["clipped"]]
    assert not unseen, f"{lang}: focus on a rating in the scale not drawn or cut off: {unseen}"
    # From a rating in the box, the arrow key toward the hidden column scrolls the box to it
    # (right-to-left, the table overflows to the left).
    key = "ArrowLeft" if lang == "fa" else "ArrowRight"
    for _ in range(40):
        if page.evaluate(_SCALE_BOX)["lastColumnShown"]:
            break
        page.keyboard.press(key)
        # Each press scrolls smoothly: on a loaded machine forty presses could all land before
        # the box had moved, and the last interrupted animations stopped short of the end.
        page.wait_for_timeout(100)
    shown = page.evaluate(_SCALE_BOX)
    assert shown["lastColumnShown"], f"{lang}: {key} never showed the scale's last column: {shown}"
    assert page.evaluate("scrollX") == 0, f"{lang}: {key} scrolled the page, not the table"
    log.assert_clean(f"{lang} /methodology/")


# ---------------------------------------------------------------------------------------------------
# Accessibility tree


def _list_tree(page, selector: str) -> list[tuple[int, str, str]]:
    """(depth, role, name) of the list `selector` finds, its items and their markers, from
    Chromium's accessibility tree; depth counts lists inside the list."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    by_id = {n["nodeId"]: n for n in nodes}
    found = cdp.send("Runtime.evaluate", {"expression": f"document.querySelector({selector!r})"})
    backend = cdp.send("DOM.describeNode", {"objectId": found["result"]["objectId"]})
    start = next(n for n in nodes if n.get("backendDOMNodeId") == backend["node"]["backendNodeId"])
    out: list[tuple[int, str, str]] = []

    def walk(node: dict, depth: int) -> None:
        role = node.get("role", {}).get("value", "")
        if role in ("list", "listitem", "ListMarker"):
            out.append((depth, role, node.get("name", {}).get("value", "").strip()))
        for child in node.get("childIds", ()):
            if child in by_id:
                walk(by_id[child], depth + (role == "list"))

    walk(start, 0)
    return out


@pytest.mark.parametrize(
    ("lang", "reasoning", "sources"),
    [
        # Chromium gives a marker's text in visual order: ". ۳" on a right-to-left page.
        ("fa", [". ۳", ". ۴", ". ۵"], [". ۱", ". ۲", ". ۳"]),
        ("en", ["3.", "4.", "5."], ["1.", "2.", "3."]),
    ],
)
def test_a_list_numbered_in_the_pages_digits_reads_as_a_list_of_its_items(
    sites, make_page, lang, reasoning, sources
):
    page, log = make_page(sites[lang])
    goto_path(page, CLAIM)
    tree = _list_tree(page, ".fc-body ol")
    top = [(role, name) for depth, role, name in tree if depth == 1]
    assert tree[0][1] == "list", f"{lang}: the reasoning's numbered list is not a list: {tree}"
    # three items, the second holding a list of its own
    item = ["listitem", "ListMarker"]
    assert [r for r, _ in top] == item * 2 + ["list"] + item, f"{lang}: {tree}"
    assert [name for role, name in top if role == "ListMarker"] == reasoning
    inner = [(role, name) for depth, role, name in tree if depth == 2]
    assert [r for r, _ in inner] == item * 2, f"{lang}: {tree}"
    assert not any(ch.isdigit() for _, name in inner for ch in name), (
        f"{lang}: the list inside a numbered item should be lettered: {inner}"
    )
    tree = _list_tree(page, "ol.fc-sources")
    assert [r for _, r, _ in tree] == ["list"] + ["listitem", "ListMarker"] * 3, tree
    assert [name for _, role, name in tree if role == "ListMarker"] == sources
    log.assert_clean(f"{lang} {CLAIM}")


# ---------------------------------------------------------------------------------------------------
# Forced colours

# Elements that carry a rating or a highlight, and the edge each keeps in forced colours.
_EDGES = """() => {
  const visible = e => e.getClientRects().length > 0;
  const edge = (e, side) => {
    const s = getComputedStyle(e);
    const style = s[`border${side}Style`], width = parseFloat(s[`border${side}Width`]) || 0;
    return style !== 'none' && width >= 1 && s[`border${side}Color`] !== s.backgroundColor &&
      !/rgba\\(.*, 0\\)$/.test(s[`border${side}Color`]);
  };
  const out = [];
  const add = (selector, side, kind) => {
    for (const e of document.querySelectorAll(selector)) {
      if (!visible(e)) continue;
      out.push({kind, text: e.innerText.replace(/\\s+/g, ' ').trim().slice(0, 40), edge: edge(e, side)});
    }
  };
  add('.fc-badge', 'Top', 'badge');
  add('.fc-doc-text a.fc-passage__rating', 'Top', 'passage rating');
  add('.fc-doc-text mark', 'Bottom', 'passage highlight');
  add('.fc-label', 'Top', 'label');
  return out;
}"""


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_in_forced_colours_every_badge_and_highlight_keeps_its_edge(sites, make_page, lang):
    page, log = make_page(sites[lang])
    page.emulate_media(forced_colors="active")
    kinds: set[str] = set()
    missing = {}
    for path in ("", CLAIM, "claims/new-hospital/", "documents/speech-2025/", "methodology/"):
        goto_path(page, path)
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        found = page.evaluate(_EDGES)
        kinds.update(f["kind"] for f in found)
        bare = [f for f in found if not f["edge"]]
        if bare:
            missing[path or "/"] = bare
    assert kinds == {"badge", "passage rating", "passage highlight", "label"}, kinds
    assert not missing, f"{lang}: in forced colours these lost their edge: {missing}"
    log.assert_clean(f"{lang} site in forced colours")


# ---------------------------------------------------------------------------------------------------
# Zensical

ZENSICAL_PAGES = ("", "?q=unemployment", CLAIM, "methodology/", "documents/speech-2025/")


@pytest.mark.skipif(not zensical.available(), reason="zensical not installed")
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_wcag_violation_on_a_persian_site_built_by_zensical(
    tmp_path_factory, make_page, width
):
    tmp = tmp_path_factory.mktemp("a11y-round4-zensical")
    content = three_sources(tmp)
    site = build(tmp, content, "fa")  # writes tmp/fa/mkdocs.yml, the Persian site's config
    out = tmp / "zensical"
    run_cli("build", "--content", str(content), "--out", str(out), "--engine", "zensical",
            "--no-strict", cwd=site.parent)  # fmt: skip
    with serve(out) as base:
        page, log = make_page(base, viewport=WIDTHS[width])
        found = {}
        for path in ZENSICAL_PAGES:
            goto_path(page, path)
            assert page.evaluate("document.documentElement.dir") == "rtl", f"/{path} is not rtl"
            violations = run_axe(page, AXE_TAGS)
            if violations:
                found[path or "/"] = _describe(violations)
        assert not found, "\n".join(f"zensical fa /{p}:\n{v}" for p, v in found.items())
        log.assert_clean(f"Zensical Persian site at {width} width")
