"""Zensical scans every byte of a page's Markdown, front matter included, slowly (engines/
zensical.py): a build hands it a short table of contents (fc_toc) and leaves the oEmbed link to the
head tags put in afterwards. The site must be the same, byte for byte, as when Zensical is handed
whole pages; a site's own templates that read the table of contents still get all of it."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest
import yaml
from factories import MINI, parse, write_config

from generator.build import build
from generator.engines import zensical

pytestmark = pytest.mark.skipif(not zensical.available(), reason="zensical not installed")

CLAIM = "unemployment-doubled"
RUN = zensical.run_zensical


def _site(tmp_path: Path, custom_dir: Path | None = None) -> tuple[Path, Path]:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    config = write_config(tmp_path, content)
    if custom_dir is not None:
        data = yaml.safe_load(config.read_text("utf-8"))
        data["theme"]["custom_dir"] = str(custom_dir)
        config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return content, config


def _build(tmp_path: Path, name: str, monkeypatch, custom_dir: Path | None = None) -> Path:
    """The site, and the Markdown Zensical was handed (kept in `<out>-docs`)."""
    content, config = _site(tmp_path / f"{name}-site", custom_dir)
    out = tmp_path / name

    def keep(project: Path, command: str = "build") -> None:
        shutil.copytree(project / "docs", tmp_path / f"{name}-docs")
        RUN(project, command)

    monkeypatch.setattr(zensical, "run_zensical", keep)
    assert build(content, out, config, search=False, engine="zensical") == 0
    return out


def _different(a: Path, b: Path) -> list[str]:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return [str(f) for f in files if not filecmp.cmp(a / f, b / f, shallow=False)]


def test_the_site_is_the_same_as_from_whole_pages(tmp_path, monkeypatch):
    fast = _build(tmp_path, "fast", monkeypatch)
    claim = (tmp_path / "fast-docs" / "claims" / CLAIM / "index.md").read_text("utf-8")
    front = claim.split("\n---\n", 1)[0]
    assert '"content": "Our verdict", "url": "#verdict"}' in front
    assert '"level"' not in front and '"title": "Our verdict"' not in front
    assert "oembed" not in front
    # Whole pages: bodies, head tags and the full table of contents in the Markdown.
    monkeypatch.setattr(zensical, "can_splice", lambda config_file: False)
    whole = _build(tmp_path, "whole", monkeypatch)
    claim = (tmp_path / "whole-docs" / "claims" / CLAIM / "index.md").read_text("utf-8")
    assert '"level": 2' in claim and "oembed" in claim
    assert _different(fast, whole) == []
    page = parse(fast / "claims" / CLAIM / "index.html")
    assert page.find("link", rel="alternate", type="application/json+oembed")
    assert "#verdict" in page.links and "#sources" in page.links


# A site's own item of the table of contents, as Material's documentation shows one: it reads
# each entry's `title` and `level`, which the short entries leave out.
OWN_TOC_ITEM = """<li class="md-nav__item" data-desk-level="{{ toc_item.level }}">
  <a href="{{ toc_item.url }}" class="md-nav__link">{{ toc_item.title }}</a>
</li>
"""


def test_a_site_s_own_toc_item_gets_the_whole_table_of_contents(tmp_path, monkeypatch):
    own = tmp_path / "overrides"
    (own / "partials").mkdir(parents=True)
    (own / "partials" / "toc-item.html").write_text(OWN_TOC_ITEM, "utf-8")
    out = _build(tmp_path, "out", monkeypatch, custom_dir=own)
    html = (out / "claims" / CLAIM / "index.html").read_text("utf-8")
    verdict = re.search(r'data-desk-level="(\w*)">\s*<a href="#verdict"[^>]*>([^<]*)</a>', html)
    assert verdict and verdict.groups() == ("2", "Our verdict")
