"""The hostile tree of tests/test_injection_sweep.py, built and opened page by page in Chromium: no
alert, confirm or prompt runs on any page (the 404, embed cards and the redirect page too), no link
resolves to javascript:, data: or vbscript:, and the search shows the payloads as text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from browserkit import goto_path, serve

from generator.build import build

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import test_injection_sweep as tree  # noqa: E402

# Runs before any script of the page: a dialog the page opens is recorded, not shown.
RECORD = """
window.__fired = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__fired.push(name + ": " + args.join(" ")); };
}
"""
DANGEROUS_LINKS = """() => [...document.querySelectorAll("[href], [src], [action], [formaction]")]
  .map((e) => [e.localName, String(e.href?.baseVal ?? e.href ?? e.src ?? e.action ?? "")])
  .filter(([, url]) => /^(javascript|data|vbscript):/i.test(url))"""
HANDLERS = """() => [...document.querySelectorAll("*")].flatMap((e) =>
  [...e.attributes].filter((a) => a.name.startsWith("on")).map((a) => e.localName + " " + a.name))"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("injection-browser")
    out = tmp / "site"
    assert build(tree.hostile_tree(tmp / "content"), out, tree.REPO / "mkdocs.yml") == 0
    with serve(out) as base:
        yield out, base


def test_no_page_runs_a_payload_in_a_real_browser(hostile_site, make_page):
    root, base = hostile_site
    page, log = make_page(base)
    page.context.add_init_script(RECORD)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    paths = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not p.relative_to(root).as_posix().startswith("assets/")
    )
    assert "404.html" in paths and "claims/old-address/index.html" in paths
    problems = []
    for rel in paths:
        goto_path(page, rel.removesuffix("index.html"))
        fired = page.evaluate("window.__fired || []")
        links = page.evaluate(DANGEROUS_LINKS)
        handlers = page.evaluate(HANDLERS)
        if fired or links or handlers:
            problems.append(f"{rel}: ran {fired}, links {links}, handlers {handlers}")
    assert not dialogs and not problems, dialogs + problems


def test_the_search_shows_the_payloads_as_text(hostile_site, make_page):
    _, base = hostile_site
    page, log = make_page(base)
    page.context.add_init_script(RECORD)
    goto_path(page, "claims/")
    page.locator("[data-fc-search] input[type=search]").first.fill("onerror")
    page.wait_for_function("() => document.querySelectorAll('.fc-search__result').length >= 3")
    titles = page.locator(".fc-search__result a.fc-search__link").all_text_contents()
    assert any(tree.CLOSE in t for t in titles), titles
    for select in page.locator(".fc-search__filter select").all():
        select.focus()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__fired") == []
    assert page.evaluate(HANDLERS) == []


def test_a_rating_label_with_a_comma_is_shown_whole_in_the_search(hostile_site, make_page):
    _, base = hostile_site
    page, log = make_page(base)
    goto_path(page, "claims/")
    page.locator("[data-fc-search] input[type=search]").first.fill("onerror")
    page.wait_for_function("() => document.querySelectorAll('.fc-search__result').length >= 3")
    badges = page.locator(".fc-search__result .fc-badge__label").all_text_contents()
    assert tree.LABELS["true"] in badges, badges
