"""The links under a claim page's related boxes to the page of a much-cited source: on every claim
citing it (even one whose boxes already show all the others), and with the right count after a
preview edit to a claim elsewhere in its list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factories import mini_frame, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from test_big_lists import write

from tests.test_preview import Serve

COMMON = "https://www.stats.example/common"


def _content(root: Path, citing: int) -> Path:
    """`citing` claims by one claimant, c000 the oldest, each citing COMMON."""
    c = mini_frame(root)
    for i in range(citing):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=i)
        write(c, f"c{i:03d}", day, "Figures [@s1].", [COMMON])
    return c


def _source_link(site: Path, claim: str) -> str | None:
    html = (site / "claims" / claim / "index.html").read_text("utf-8")
    start = html.find("fact checks citing")
    return None if start < 0 else html[html.rfind("<a", 0, start) : html.find("</a>", start)]


def test_a_claim_whose_see_also_holds_every_other_citing_claim_still_links_the_source_page(
    tmp_path,
):
    c = _content(tmp_path, 6)
    claim = c / "claims" / "c000.yaml"
    text = claim.read_text("utf-8")
    claim.write_text(
        text.replace("claimant:", "related: [c001, c002, c003, c004, c005]\nclaimant:")
    )
    config = load_config(str(write_config(tmp_path, c)))
    mkdocs_build(config)
    link = _source_link(Path(config.site_dir), "c000")
    assert link is not None and "All 6 fact checks citing" in link


def test_a_preview_edit_updates_the_count_on_every_claim_citing_the_source(tmp_path):
    c = _content(tmp_path, 12)
    serve = Serve(tmp_path / "serve", c)
    try:
        assert "All 12 fact checks citing" in (_source_link(serve.site, "c001") or "")
        verdict = c / "verdicts" / "c008.yaml"
        verdict.write_text(verdict.read_text("utf-8").replace(COMMON, "https://else.example/y"))
        serve.rebuild()
    finally:
        serve.stop()
    for claim in ("c000", "c001", "c011"):
        assert "All 11 fact checks citing" in (_source_link(serve.site, claim) or ""), claim


def test_an_english_source_page_on_an_arabic_site_has_its_title_in_english(tmp_path):
    """The page's heading is the source's title alone: marked as the link to it is."""
    c = _content(tmp_path, 6)
    for verdict in (c / "verdicts").glob("*.yaml"):
        text = verdict.read_text("utf-8")
        verdict.write_text(text.replace("    url: ", "    language: en\n    url: ", 1), "utf-8")
    path = write_config(tmp_path, c)
    config = load_config(str(path), theme={"name": "material", "language": "ar"})
    config.plugins["factcheck"].config.locale = "ar"
    mkdocs_build(config)
    (page,) = (Path(config.site_dir) / "sources").glob("stats-example-*/index.html")
    html = page.read_text("utf-8")
    assert '<h1 lang="en" dir="ltr">Source 1</h1>' in html
