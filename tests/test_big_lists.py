"""Issue #19, "no HTML page over 200 KB at any size": the lists that still grew without end, built
for real. A source cited by many claims has a page of its own (the sources index shows the newest
few), a claim linked by many has the list of all of them, the related boxes link those lists, and a
very long claim title is cut in lists (its page shows it whole). Every claim stays reachable."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from factories import ParsedPage, broken_links, html_files, mini_frame, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.render.core import THEME_DIR
from generator.render.indexes import LIST_TITLE, source_slug

LIMIT = 200 * 1024
CITING = 130  # claims citing the common source and linking [[target]]: more than a page (100)
COMMON = "https://www.stats.example/reports/common"
FEW = "https://few.example/report"  # cited by five claims: the index lists them all
LONG = ("Long title word " * 125).strip()  # 2,000 characters
THEME = Path(THEME_DIR) / "factcheck"


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def cid(i: int) -> str:
    return f"c{i:03d}"


def write(c: Path, claim_id: str, date: dt.date, body: str, urls: list[str], **fields: str) -> None:
    lines = [f"claim: {q('Claim ' + claim_id + ' said something.')}"]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    lines += ["claimant: jane-doe", f"date: {date.isoformat()}", "appearances:"]
    lines += [f"  - url: https://social.example/{claim_id}", "    title: Post"]
    (c / "claims" / f"{claim_id}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    lines = [f"claim: {claim_id}", "rating: false", "summary: Summary.", f"body: {q(body)}"]
    lines.append("sources:")
    for k, url in enumerate(urls, 1):
        title = "Common source" if url == COMMON else f"Source {k}"
        lines += [f"  - id: s{k}", f"    title: {q(title)}", f"    url: {url}"]
    lines += ["authors: [sam-checker]", "published: 2025-03-10"]
    (c / "verdicts" / f"{claim_id}.yaml").write_text("\n".join(lines) + "\n", "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big-lists")
    c = mini_frame(root)
    start = dt.date(2020, 1, 1)
    write(c, "target", start, "Figures [@s1].", ["https://own.example/target"])
    for i in range(CITING):  # c000 the oldest ... c129 the newest
        long = {"title": q(LONG)} if i == CITING - 1 else {}
        urls = [COMMON] + ([FEW] if i < 5 else [])
        body = "See [[target]]; figures [@s1]." + (" More [@s2]." if i < 5 else "")
        write(c, cid(i), start + dt.timedelta(days=i + 1), body, urls, **long)
    config = load_config(str(write_config(root, c)))
    mkdocs_build(config)
    return Path(config.site_dir)


def page(site: Path, url: str) -> ParsedPage:
    html = (site / url / "index.html").read_text("utf-8")
    start = html.index("<article")
    return ParsedPage(html[start : html.index("</article>", start)])


def claims_linked(parsed: ParsedPage) -> list[str]:
    return [m.group(1) for href in parsed.links if (m := re.search(r"claims/(c\d+)/$", href))]


def every_page(site: Path, first: str) -> list[ParsedPage]:
    """Page 1 of a list and the later pages its navigation links, in order."""
    pages = [page(site, first)]
    while pages[-1].find("a", rel="next"):
        pages.append(page(site, f"{first}page/{len(pages) + 1}/"))
    return pages


def cut_at_a_word(title: str) -> bool:
    """Whether `title` is LONG cut at a whole word, within the limit, with an ellipsis."""
    kept = title.removesuffix("…")
    return kept != title and len(title) <= LIST_TITLE and LONG.startswith(kept + " ")


def source_page_url() -> str:
    return f"sources/{source_slug(COMMON)}/"


def test_every_page_stays_under_200_kb_and_every_link_resolves(site: Path) -> None:
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in html_files(site)}
    assert max(sizes.values()) < LIMIT, max(sizes.items(), key=lambda kv: kv[1])
    assert broken_links(site) == []


def test_the_sources_index_shows_the_newest_five_and_links_the_source_page(site: Path) -> None:
    index = page(site, "sources")
    item = index.text.split("Common source", 1)[1].split("Source 1", 1)[0]
    shown = re.findall(r"Claim (c\d+) said something", item)
    assert shown == [cid(i) for i in range(CITING - 2, CITING - 6, -1)]  # c129 has a long title
    assert "All 130 fact checks citing this source" in item
    links = index.find("a", class_="fc-more")
    assert [a["href"] for a in links] == [f"../{source_page_url()}"]


def test_the_source_page_lists_every_citing_claim_newest_first(site: Path) -> None:
    pages = every_page(site, source_page_url())
    assert len(pages) == 2
    assert "130 fact checks cite this source, newest first." in pages[0].text
    listed = [c for p in pages for c in claims_linked(p)]
    assert listed == [cid(i) for i in range(CITING - 1, -1, -1)]
    assert "Page 2 of 2." in pages[1].text


def test_the_source_address_comes_from_its_url_alone() -> None:
    # Written out: the address a reader bookmarked must not change with a new version.
    assert source_slug(COMMON) == "stats-example-781f06873e7d3621"
    assert source_slug("http://[bad/x").startswith("source-")


def test_a_source_cited_five_times_is_listed_whole_without_a_page(site: Path) -> None:
    index = page(site, "sources")
    few = index.text.split("Source 2", 1)[1]
    assert re.findall(r"Claim (c\d+) said", few) == ["c004", "c003", "c002", "c001", "c000"]
    assert "fact checks citing" not in few
    assert not (site / "sources" / source_slug(FEW)).exists()


def test_the_list_of_claims_linking_one_lists_them_all(site: Path) -> None:
    pages = every_page(site, "claims/target/links/")
    assert "130 fact checks link to Claim target said something, newest first." in pages[0].text
    listed = [c for p in pages for c in claims_linked(p)]
    assert listed == [cid(i) for i in range(CITING - 1, -1, -1)]


def test_the_new_pages_are_in_the_sitemap(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {e.text for e in ElementTree.parse(site / "sitemap.xml").iterfind(".//s:loc", ns)}
    for url in (source_page_url(), "claims/target/links/"):
        for address in (url, f"{url}page/2/"):
            assert any(loc and loc.endswith("/" + address) for loc in locs), address


def test_a_long_title_is_cut_in_the_sources_index_and_whole_on_its_page(site: Path) -> None:
    newest = cid(CITING - 1)
    index = (site / "sources" / "index.html").read_text("utf-8")
    cut = re.search(rf'href="../claims/{newest}/">([^<]*)</a>', index)
    assert cut is not None
    assert cut_at_a_word(cut.group(1)), cut.group(1)
    assert LONG in page(site, f"claims/{newest}").text


def test_a_long_title_is_cut_in_claim_lists(site: Path) -> None:
    newest = cid(CITING - 1)
    for url in ("claims", "people/jane-doe", "ratings/false", source_page_url()):
        html = (site / url / "index.html").read_text("utf-8")
        title = re.search(rf'claims/{newest}/">([^<]*)</a>', html)
        assert title is not None, url
        assert cut_at_a_word(title.group(1)), url


def test_the_related_boxes_link_the_full_lists(site: Path) -> None:
    target = page(site, "claims/target")
    assert "All 130 fact checks that link to this one" in target.text
    assert "../../claims/target/links/" in target.links
    citing = page(site, f"claims/{cid(0)}")
    assert "All 130 fact checks citing “Common source”" in citing.text
    assert f"../../{source_page_url()}" in citing.links
