"""The sitemap becomes an index of sitemap-1.xml, sitemap-2.xml... past 50,000 URLs (sitemaps.org)."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from factories import MINI, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import sitemap

NS = {"s": sitemap.NS}


def _write(site: Path, n: int) -> list[str]:
    locs = [f"https://facts.example.org/claims/c{i}/" for i in range(n)]
    urls = "\n".join(
        f"<url><loc>{u}</loc><lastmod>2025-01-{1 + i % 28:02d}</lastmod></url>"
        for i, u in enumerate(locs)
    )
    text = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{sitemap.NS}">\n{urls}\n</urlset>\n'
    (site / "sitemap.xml").write_text(text)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
    return locs


def _listed(site: Path, name: str) -> list[str]:
    root = ET.parse(site / name).getroot()
    return [e.text for e in root.findall("s:url/s:loc", NS)]


def test_a_sitemap_under_the_limit_is_left_as_it_is(tmp_path):
    _write(tmp_path, 10)
    before = (tmp_path / "sitemap.xml").read_bytes()
    assert sitemap.split(tmp_path, "https://facts.example.org/", limit=10) == 1
    assert (tmp_path / "sitemap.xml").read_bytes() == before
    assert not (tmp_path / "sitemap-1.xml").exists()


def test_past_the_limit_the_sitemap_is_an_index_of_files_holding_every_url_once(tmp_path):
    locs = _write(tmp_path, 25)
    assert sitemap.split(tmp_path, "https://facts.example.org/", limit=10) == 3
    index = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert index.tag == f"{{{sitemap.NS}}}sitemapindex"
    parts = [e.text for e in index.findall("s:sitemap/s:loc", NS)]
    assert parts == [f"https://facts.example.org/sitemap-{n}.xml" for n in (1, 2, 3)]
    listed = [u for n in (1, 2, 3) for u in _listed(tmp_path, f"sitemap-{n}.xml")]
    assert listed == locs
    assert [len(_listed(tmp_path, f"sitemap-{n}.xml")) for n in (1, 2, 3)] == [10, 10, 5]
    assert index.find("s:sitemap/s:lastmod", NS).text == "2025-01-10"
    gz = gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes())
    assert gz == (tmp_path / "sitemap.xml").read_bytes()
    # Again (a preview keeps the first build's sitemap): nothing changes.
    assert sitemap.split(tmp_path, "https://facts.example.org/", limit=10) == 0


def test_a_real_build_with_a_lowered_limit_writes_an_index(tmp_path, monkeypatch):
    monkeypatch.setattr(sitemap, "LIMIT", 20)
    config = load_config(str(write_config(tmp_path, MINI)))
    mkdocs_build(config)
    site = Path(config.site_dir)
    index = (site / "sitemap.xml").read_text()
    assert "<sitemapindex" in index
    files = re.findall(r"<loc>[^<]*/(sitemap-[0-9]+\.xml)</loc>", index)
    assert len(files) >= 2
    listed = [u for name in files for u in _listed(site, name)]
    assert len(listed) == len(set(listed)) > 20
    assert any(u.endswith("/claims/") for u in listed)
