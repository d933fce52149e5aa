"""A Persian reader's claim page in Chromium: the numbers of the list of sources are the citations'.

The reasoning's markers read [۱] [۲] [۳] (the page's digits) while the browser numbered the list of
sources 1. 2. 3. with its decimal counter. Checked here in what Chromium draws and tells a screen
reader: the list's markers (its accessibility tree's list markers, the text it draws before each
item), that the list is still a list of numbered items, and that following a marker lands on the
source with its number. An English page keeps the browser's own 1. 2. 3.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import goto_path, serve

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_native_digits import VERDICT, build, three_sources  # noqa: E402

CLAIM = f"claims/{VERDICT}/"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Iterator[dict[str, str]]:
    """The small content with a verdict citing three sources, built as a Persian and an English
    site, each served from 127.0.0.1: language -> base address."""
    tmp = tmp_path_factory.mktemp("native-digits")
    content = three_sources(tmp)
    fa, en = build(tmp, content, "fa"), build(tmp, content, "en")
    with serve(fa) as fa_base, serve(en) as en_base:
        yield {"fa": fa_base, "en": en_base}


def list_markers(page) -> list[tuple[str, str]]:
    """(role, name) of the list of sources, its items and their markers, as Chromium's
    accessibility tree has them: what a screen reader is given, and the marker text Chromium draws
    (in visual order: ". ۱" on a right-to-left page, as for its own Persian counter)."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    by_id = {n["nodeId"]: n for n in nodes}
    dom = cdp.send("DOM.describeNode", {"objectId": _handle(page, cdp)})["node"]["backendNodeId"]
    listed = next(n for n in nodes if n.get("backendDOMNodeId") == dom)
    out: list[tuple[str, str]] = []

    def walk(node: dict) -> None:
        role = node.get("role", {}).get("value", "")
        if role in ("list", "listitem", "ListMarker"):
            out.append((role, node.get("name", {}).get("value", "")))
        for child in node.get("childIds", ()):
            if child in by_id:
                walk(by_id[child])

    walk(listed)
    return out


def _handle(page, cdp) -> str:
    """The CDP object id of the list of sources."""
    found = cdp.send("Runtime.evaluate", {"expression": "document.querySelector('ol.fc-sources')"})
    return found["result"]["objectId"]


def numbers(tree: list[tuple[str, str]]) -> list[str]:
    """The number each list marker shows, without the counter's full stop and space."""
    return [name.replace(".", "").strip() for role, name in tree if role == "ListMarker"]


def test_the_persian_sources_are_numbered_as_the_markers_that_cite_them(sites, make_page):
    page, log = make_page(sites["fa"])
    goto_path(page, CLAIM)
    shown = page.locator(".fc-body .fc-cite a").all_inner_texts()
    assert shown == ["[۱]", "[۲]", "[۳]", "[۱]"]
    tree = list_markers(page)
    assert [role for role, _ in tree] == ["list"] + ["listitem", "ListMarker"] * 3
    assert numbers(tree) == ["۱", "۲", "۳"]
    # as Chromium numbers a list in Persian itself (its `persian` counter style)
    page.evaluate(
        "() => document.querySelectorAll('.fc-sources li')"
        ".forEach(li => { li.dataset.was = li.style.listStyleType;"
        " li.style.listStyleType = 'persian'; })"
    )
    assert list_markers(page) == tree
    page.evaluate(
        "() => document.querySelectorAll('.fc-sources li')"
        ".forEach(li => { li.style.listStyleType = li.dataset.was; })"
    )
    # Each marker leads to the source drawn with its number.
    for marker, number in (("[۳]", "۳. "), ("[۲]", "۲. ")):
        page.locator(".fc-body .fc-cite a", has_text=marker).first.click()
        page.wait_for_function("() => document.querySelector('.fc-sources li:target') !== null")
        drawn = page.evaluate(
            "() => getComputedStyle(document.querySelector('.fc-sources li:target')).listStyleType"
        )
        assert drawn == f'"{number}"'
    # A back link's name says the same number.
    back = page.locator("#source-census .fc-backrefs a")
    assert back.get_attribute("aria-label") == "Back to citation ۳"
    log.assert_clean("Persian claim page")


def test_an_english_page_keeps_the_browsers_own_numbers(sites, make_page):
    page, log = make_page(sites["en"])
    goto_path(page, CLAIM)
    assert page.locator(".fc-body .fc-cite a").all_inner_texts() == ["[1]", "[2]", "[3]", "[1]"]
    tree = list_markers(page)
    assert [role for role, _ in tree] == ["list"] + ["listitem", "ListMarker"] * 3
    assert numbers(tree) == ["1", "2", "3"]
    log.assert_clean("English claim page")
