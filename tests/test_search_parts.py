"""The search index in parts (search.split_pages): a real `factcheck build` of a synthetic tree, indexed
by Pagefind with a part size of 3 claim pages, gives several bundles (pagefind/, pagefind/part-2/...),
each whole and canonical, together holding every claim page exactly once, in sorted order, the same
bytes on every run; search.js lists the parts after the first. The early index splits the same way.
A site under one part's size keeps its single bundle (the other search tests).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import shutil
from pathlib import Path

import pytest

from generator import search
from generator.link import link
from generator.validate import read_content
from tests.factories import synthetic_content, tree_digest

ROOT = Path(__file__).resolve().parents[1]
MKDOCS_YML = ROOT / "mkdocs.yml"
PART = 3


def parted_site(work: Path, claims: int = 10, part_size: int = PART, seed: int = 5):
    """`factcheck build` of `claims` synthetic claims into work/site, its search index written in
    parts of `part_size`, and search.js written for those parts: (site folder, linked site,
    settings). What the build does once the part size reaches the indexer from the setting."""
    from mkdocs.config import load_config

    from generator.build import build
    from generator.plugin import settings_from_config

    content = synthetic_content(work / "content", claims, seed=seed)
    out = work / "site"
    assert build(content, out, MKDOCS_YML, strict=False) == 0
    config = load_config(str(MKDOCS_YML))
    plugin = config.plugins["factcheck"]
    plugin.config.content_dir = str(content)
    settings = dataclasses.replace(
        settings_from_config(config, plugin.config), search_part_size=part_size
    )
    model, _ = read_content(content)
    site = link(model)
    result = search.build_index(out, language="en", part_size=part_size)
    assert result.parts == search.part_count(len(site.content.claims), part_size)
    for path, text in search.ui_files(site, settings).items():
        (out / path).write_text(text, encoding="utf-8")
    return out, site, settings


@pytest.fixture(scope="module")
def parted(tmp_path_factory):
    return parted_site(tmp_path_factory.mktemp("parts"))


def _fragment_urls(bundle: Path) -> list[str]:
    """The page address of every fragment of one bundle (not of the parts inside it)."""
    urls = []
    for f in sorted((bundle / "fragment").glob("*.pf_fragment")):
        urls.append(json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])["url"])
    return urls


def test_parts_are_whole_and_hold_every_claim_once(parted):
    out, site, _ = parted
    claims = sorted(site.content.claims)
    bundles = search.part_bundles(out / "pagefind")
    assert len(bundles) == -(-len(claims) // PART) >= 3
    assert [b.relative_to(out).as_posix() + "/" for b in bundles[1:]] == search.part_urls(
        len(claims), PART
    )
    seen: list[str] = []
    for bundle in bundles:
        assert search.bundle_problems(bundle) == [], bundle
        assert 1 <= search.indexed_pages(bundle) <= PART
        urls = _fragment_urls(bundle)
        assert len(urls) == search.indexed_pages(bundle)
        seen += sorted(urls)
        # each bundle has its own filters (the facets), canonical already: sorting again is a no-op
        assert list((bundle / "filter").glob("en_*.pf_filter")), bundle
        before = tree_digest(bundle)
        assert search.canonicalize_filters(bundle)
        assert tree_digest(bundle) == before, f"{bundle} was not canonical"
    assert seen == [f"/claims/{cid}/" for cid in claims], "every claim once, parts in path order"
    assert search.indexed_pages_all(out / "pagefind") == len(claims)


def test_parted_index_is_byte_identical_across_runs(parted, tmp_path):
    out, _, _ = parted
    first = tree_digest(out / "pagefind")
    assert any(k.startswith("part-2/") for k in first)
    again = tmp_path / "site"
    shutil.copytree(out, again)
    search.build_index(again, language="en", part_size=PART)
    assert tree_digest(again / "pagefind") == first


def test_search_js_lists_the_parts(parted):
    out, site, settings = parted
    js = (out / "assets/search/search.js").read_text("utf-8")
    config = json.loads(js.split("/*@config*/", 1)[1].split("/*@end*/", 1)[0])
    n = len(site.content.claims)
    assert config["parts"] == [f"pagefind/part-{k}/" for k in range(2, -(-n // PART) + 1)]
    assert "mergeIndex" in js
    # one part: no "parts" key, so a smaller site's search.js is what it was
    one = search.ui_config(site, dataclasses.replace(settings, search_part_size=n))
    assert "parts" not in one
    default = search.ui_config(site, dataclasses.replace(settings, search_part_size=0))
    assert "parts" not in default


def test_an_index_within_one_part_leaves_no_parts(parted, tmp_path):
    out, site, _ = parted
    again = tmp_path / "site"
    shutil.copytree(out, again)
    result = search.build_index(again, language="en")  # the default part size
    assert result.parts == 1 and result.pages == len(site.content.claims)
    assert search.part_bundles(again / "pagefind") == [again / "pagefind"], "stale parts removed"


def test_the_part_size_setting():
    from generator.engines.config import FactcheckConfig
    from generator.settings import Settings

    assert Settings().search_part_size == search.PART_SIZE == 5_000
    assert search.part_size_of(0) == search.part_size_of(None) == search.PART_SIZE
    assert search.part_count(0) == 1 and search.part_count(5_000) == 1
    assert search.part_count(5_001) == 2 and search.part_count(100_000) == 20
    assert search.part_count(7, 3) == 3
    assert search.part_urls(7, 3) == ["pagefind/part-2/", "pagefind/part-3/"]
    options = FactcheckConfig()
    options.load_dict({"search_part_size": 2500})
    assert not options.validate()[0]
    assert options.search_part_size == 2500


class _Rendered:
    def __init__(self, url: str, html: str) -> None:
        self.url, self.html, self.meta = url, html, {"title": url}


def test_the_early_index_splits_the_same_way(parted, tmp_path):
    out, site, _ = parted
    early = search.EarlyIndex(search.scratch_folder(tmp_path, 50), "en", part_size=PART)
    try:
        for cid in sorted(site.content.claims, reverse=True):  # any order
            page = (out / "claims" / cid / "index.html").read_text("utf-8")
            article = page[page.index("<article") : page.rindex("</article>") + len("</article>")]
            early.sink(_Rendered(f"claims/{cid}/", article))
        early.start()
        result = early.finish(tmp_path / "site")
    finally:
        early.cancel()
    assert result.parts == len(search.part_bundles(out / "pagefind"))
    assert result.pages == len(site.content.claims)
    for mine, built in zip(
        search.part_bundles(result.bundle), search.part_bundles(out / "pagefind"), strict=True
    ):
        assert search.bundle_problems(mine) == []
        assert _fragment_urls(mine) == _fragment_urls(built)
