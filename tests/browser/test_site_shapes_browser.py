"""Very long names on a 360 px phone: a 200-character person name, a claim of 2,000 characters, one
unbroken 200-letter word as an organisation's name, a topic, a document and a source title, and a
rating with a long label. Every
page of the built site is opened in Chromium; none may be wider than the screen, and no text may
run off its right edge unseen (outside a box that scrolls)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browserkit import serve
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from factories import MINI, html_files, write_config  # noqa: E402

WORD = ("Donaudampfschifffahrtsgesellschaftskapitänswitwe" * 5)[:200]
NAME = ("Maximiliana Theodora " * 10)[:200]
LABEL = "Right in figures, misleading in context"  # 40 characters, the most a label may have
CLAIM = ("Unemployment doubled and exports fell by half while prices rose " * 32)[
    :1990
] + " at last."


def dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def long_names(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(MINI / "pages", content / "pages")
    ratings = yaml.safe_load((MINI / "ratings.yaml").read_text(encoding="utf-8"))
    ratings.append(
        {"id": "long", "label": LABEL, "icon": "⚠", "color": "#5b21b6", "description": WORD}
    )
    dump(content / "ratings.yaml", ratings)
    dump(
        content / "topics.yaml",
        [{"id": "economy", "label": "Economy " + WORD, "description": WORD}],
    )
    dump(content / "people" / "long.yaml", {"name": NAME, "kind": "person", "description": WORD})
    dump(content / "people" / "word.yaml", {"name": WORD, "kind": "organization"})
    dump(
        content / "documents" / "speech.yaml",
        {"title": "Speech " + WORD, "kind": "speech", "date": "2025-03-01", "publisher": WORD},
    )
    (content / "documents" / "speech.txt").write_text(
        f"She said exports fell by half. {WORD} {WORD}.", encoding="utf-8"
    )
    claims = {
        "long-claim": (CLAIM, "long", {"url": "https://s.example/" + "x" * 180, "title": WORD}),
        "word-claim": (
            f"Said {WORD}.",
            "word",
            {"document": "speech", "quote": "exports fell by half"},
        ),
    }
    for cid, (text, claimant, appearance) in claims.items():
        dump(
            content / "claims" / f"{cid}.yaml",
            {
                "claim": text,
                "claimant": claimant,
                "date": "2025-03-01",
                "appearances": [appearance],
                "topics": ["economy"],
            },
        )
        dump(
            content / "verdicts" / f"{cid}.yaml",
            {
                "claim": cid,
                "rating": "long" if cid == "word-claim" else "false",
                "summary": WORD + " is not what the figures say.",
                "body": f"The figures [@{cid}-src] say otherwise.",
                "sources": [
                    {
                        "id": f"{cid}-src",
                        "title": "Source " + WORD,
                        "publisher": WORD,
                        "url": "https://stats.example/" + "y" * 200,
                    }
                ],
                "authors": ["word"],
                "reviewers": ["long"],
                "published": "2025-03-05",
            },
        )
    return content


@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> Iterator[tuple[str, list[str]]]:
    tmp = tmp_path_factory.mktemp("long-names")
    path = write_config(tmp, long_names(tmp))
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"]["search_index"] = False
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    loaded = load_config(str(path))
    mkdocs_build(loaded)
    root = Path(loaded.site_dir)
    pages = [p.relative_to(root).as_posix().removesuffix("index.html") for p in html_files(root)]
    with serve(root) as base:
        yield base, pages


# In the page's content: elements whose right edge is past the screen's and that no box scrolling
# sideways holds in, and boxes that cut off what they hold (overflow hidden): the reader cannot
# see what is cut off either.
OFF_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  const name = (el) => `${el.tagName.toLowerCase()}.${el.className}`;
  for (const el of document.querySelectorAll('.md-content, .md-content *')) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    // Not drawn, or text for screen readers only (a 1 px box that clips it, on purpose).
    if (style.visibility === 'hidden' || style.display === 'none' || box.width <= 1) continue;
    if ((style.overflowX === 'hidden' || style.overflowX === 'clip')
        && el.scrollWidth > el.clientWidth + 1 && style.textOverflow !== 'ellipsis') {
      out.push(`${name(el)} cuts off ${el.scrollWidth - el.clientWidth}px`);
    }
    if (box.right <= width + 1) continue;
    let holder = el.parentElement, held = false;
    while (holder && !held) {
      const o = getComputedStyle(holder).overflowX;
      held = (o === 'auto' || o === 'scroll') && holder.getBoundingClientRect().right <= width + 1;
      holder = holder.parentElement;
    }
    if (!held) out.push(`${name(el)} ends at ${Math.round(box.right)}px`);
  }
  return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
}"""


def test_long_names_stay_within_a_360px_phone_on_every_page(long_site, make_page):
    base, pages = long_site
    assert "people/long/" in pages and "claims/long-claim/" in pages
    page, log = make_page(base, viewport={"width": 360, "height": 740})
    wide = {}
    for path in pages:
        page.goto(base + path)
        page.wait_for_load_state("load")
        found = page.evaluate(OFF_SCREEN)
        if found["scroll"] > found["width"] + 1 or found["out"]:  # 1 px: sub-pixel rounding
            wide[path] = found
    assert wide == {}, f"pages wider than a 360 px screen: {wide}"
    # The names are on the pages, whole: nothing was shortened to make them fit.
    page.goto(base + "people/")
    people = page.locator("article").first.inner_text()
    assert NAME.strip() in people and WORD in people
    page.goto(base + "claims/long-claim/")
    assert CLAIM[:500] in page.locator("article.fc-claim").inner_text()
    log.assert_clean("long names at 360 px")
