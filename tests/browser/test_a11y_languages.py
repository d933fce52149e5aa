"""Accessibility of sites in other languages than English, in a real browser: an Arabic site made
with `factcheck init --language ar` that also publishes fact checks written in English (the small
fixture tree, each claim marked `language: en`). axe (WCAG 2.0 A/AA, 2.1 AA) on every page type at
desktop and phone width, and the language of parts: a rating's label, which ratings.yaml gives in
the site's language, is read in that language's voice on a page in another language."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import ROOT, dump_json, goto_path, run_axe, serve

MINI = ROOT / "tests" / "fixtures" / "mini"
FACTCHECK = Path(sys.executable).parent / "factcheck"
AXE_TAGS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PHONE_360 = {"width": 360, "height": 740}

# One page of each type in the Arabic site (page_size 2, so lists have a page 2).
PAGES = (
    "",
    "claims/estimated-claim/",
    "claims/unemployment-doubled/",
    "claims/",
    "claims/page/2/",
    "ratings/false/",
    "topics/economy/",
    "people/jane-doe/",
    "documents/speech-2025/",
    "sources/",
    "corrections/",
    "methodology/",
    "ratings/",
    "languages/en/",
    "claims/estimated-claim/embed/",
    "claims/exports-halved/embed/",
    "404.html",
)

ARABIC_CLAIM = """\
claim: "تضاعفت الأسعار في عام واحد."
claimant: jane-doe
date: 2025-02-01
date_estimated: true
appearances:
  - url: "https://social.example/jane/1"
    title: "Jane's post"
    date: 2025-02-03
    date_estimated: true
topics:
  - economy
"""
ARABIC_VERDICT = """\
claim: estimated-claim
rating: false
summary: "لم تتضاعف الأسعار."
body: "[@destatis] [@prices]"
sources:
  - id: destatis
    title: "Verbraucherpreisindex für Deutschland"
    publisher: "Statistisches Bundesamt"
    url: "https://data.example/destatis"
    language: de
  - id: prices
    title: "مسح الأسعار"
    url: "https://data.example/prices"
authors:
  - sam-checker
published: 2025-02-10
"""


def _run(cmd: list, cwd: Path | None = None) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{cmd}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory) -> Iterator[str]:
    """An Arabic site with the fixture's English fact checks and one Arabic one; its base URL."""
    tmp = tmp_path_factory.mktemp("a11y-ar")
    site = tmp / "site-ar"
    _run(
        [FACTCHECK, "init", site, "--name", "Desk", "--url", "https://example.org/"]
        + ["--language", "ar"]
    )
    content = site / "content"
    for folder in ("claims", "documents", "people", "verdicts"):
        shutil.copytree(MINI / folder, content / folder, dirs_exist_ok=True)
    shutil.copy(MINI / "topics.yaml", content / "topics.yaml")
    for claim in (content / "claims").glob("*.yaml"):
        claim.write_text(claim.read_text("utf-8") + "language: en\n", "utf-8")
    (content / "claims" / "estimated-claim.yaml").write_text(ARABIC_CLAIM, "utf-8")
    (content / "verdicts" / "estimated-claim.yaml").write_text(ARABIC_VERDICT, "utf-8")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("page_size: 100", "page_size: 2"), "utf-8")
    out = tmp / "out"
    _run([FACTCHECK, "build", "--out", out], cwd=site)
    with serve(out) as base:
        yield base


def _describe(violations: list[dict]) -> str:
    return "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:4]]}"
        for v in violations
    )


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_axe_finds_no_wcag_violation_on_any_page_of_an_arabic_site(arabic_site, make_page, width):
    options = {"viewport": PHONE_360} if width == "phone" else {}
    page, log = make_page(arabic_site, **options)
    found = {}
    for path in PAGES:
        goto_path(page, path)
        violations = run_axe(page, AXE_TAGS)
        if violations:
            found[path or "/"] = _describe(violations)
    dump_json(f"axe/arabic-site-{width}.json", found)
    assert not found, "\n".join(f"/{p}:\n{v}" for p, v in found.items())
    log.assert_clean(f"Arabic site at {width} width")


# The language a text node is read in: its nearest `lang`.
_LANG_OF_TEXT = """(needle) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = [];
  let node;
  while ((node = walker.nextNode())) {
    if (!node.textContent.includes(needle)) continue;
    const el = node.parentElement;
    if (el.closest('script, style, [hidden]')) continue;
    const owner = el.closest('[lang]');
    out.push({lang: owner ? owner.getAttribute('lang') : '', text: node.textContent.trim(),
              in: el.closest('.fc-badge') ? 'fc-badge' : el.tagName});
  }
  return out;
}"""


@pytest.mark.parametrize(
    ("path", "label"),
    [
        # The link to the rating's page ("What “صحيح” means") on an English fact check.
        ("claims/exports-halved/", "صحيح"),
        # The rating before a correction ("rating before this change: خاطئ").
        ("claims/unemployment-doubled/", "خاطئ"),
        # The embed card of an English fact check.
        ("claims/exports-halved/embed/", "صحيح"),
    ],
)
def test_a_rating_label_in_the_site_language_is_marked_on_a_page_in_another(
    arabic_site, make_page, path, label
):
    page, log = make_page(arabic_site)
    goto_path(page, path)
    assert (
        page.evaluate("document.documentElement.lang") == "en"
        or page.evaluate("document.querySelector('article[lang]')?.getAttribute('lang')") == "en"
    ), f"/{path} is not an English page"
    nodes = page.evaluate(_LANG_OF_TEXT, label)
    assert nodes, f"/{path} shows no {label!r}"
    unmarked = [n for n in nodes if not n["lang"].startswith("ar")]
    assert not unmarked, f"/{path}: Arabic rating label read as English: {unmarked}"
    log.assert_clean(f"/{path}")
