"""Issue #19, bounded memory: a build holds no page's HTML after writing it, nor any cached image.

At 30,000 claims the rendered HTML is about 1 GB and the link-preview images 0.5 GB; both stream
to disk instead of living in the build process until it ends.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from pathlib import Path

from factories import MINI, SETTINGS, sample_site, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import share
from generator.generation import Generation
from generator.render import Deferred, render_pages, start_rendering

CLAIM = "unemployment-doubled"


def test_a_forgotten_page_renders_again_the_same():
    site = sample_site()
    expected = render_pages(site, SETTINGS, workers=0)
    with start_rendering(site, SETTINGS, workers=0) as rendering:
        page = rendering.pages[f"claims/{CLAIM}.md"]
        assert isinstance(page.html, Deferred)
        first = page.resolved()
        page.html.forget()
        again = page.resolved()
    assert again is not first
    assert again == first == expected[f"claims/{CLAIM}.md"]


def test_a_build_forgets_what_it_wrote_and_a_preview_keeps_it(tmp_path):
    for preview in (False, True):
        gen = Generation(tmp_path, SETTINGS)
        gen.start_preview(preview)
        gen.site = sample_site()
        gen.rendering = start_rendering(gen.site, SETTINGS, workers=0)
        gen.pages = gen.rendering.pages
        path = f"claims/{CLAIM}.md"
        resolver = gen.pages[path].html._get  # the cache of the finished page
        gen.pages[path].resolved()
        assert resolver.page is not None
        gen.written(path)
        assert (resolver.page is None) is not preview
        assert CLAIM in gen.pages[path].body()  # asked again, it is there either way
        gen.stop()


def test_cached_images_are_handed_over_as_files_not_bytes(tmp_path):
    settings = dataclasses.replace(SETTINGS, og_image_cache=str(tmp_path / "og"))
    drawn = share.files(sample_site(), settings)  # the first build draws and caches them
    again = share.files(sample_site(), settings)
    image = share.og_path(CLAIM)
    assert isinstance(drawn[image], Path) and isinstance(again[image], Path)
    assert again[image].parent == tmp_path / "og"
    assert again[image].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert again[image].read_bytes() == share.og_images(sample_site(), settings)[image]


def test_the_render_workers_end_once_every_page_is_rendered(monkeypatch):
    site = sample_site()
    expected = render_pages(site, SETTINGS, workers=0)
    before = set(threading.enumerate())
    # Threads other tests left in this process would make the build render without workers.
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    with start_rendering(site, SETTINGS, workers=2, defer=False) as rendering:
        pool = rendering._pool
        assert pool.executor is not None  # forked workers render the jobs
        got = {path: page.resolved() for path, page in rendering.pages.items()}
        assert pool.executor is None  # all rendered and handed out: the workers are gone
    assert got == expected
    # and their threads are joined: the next build in this process still forks its workers
    assert set(threading.enumerate()) <= before


def test_render_workers_park_pages_on_disk_until_the_engine_asks(monkeypatch, tmp_path):
    """With workers, a rendered page waits in a file, not in the build process (spill.py)."""
    site = sample_site()
    expected = render_pages(site, SETTINGS, workers=0)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    with start_rendering(site, SETTINGS, workers=2, defer=False, spill=tmp_path) as rendering:
        pool = rendering._pool
        for chunk in pool.futures:  # every job rendered, none handed out yet
            chunk.result()
        (folder,) = list(tmp_path.iterdir())
        assert [f.name for f in folder.iterdir() if f.name.endswith(".chunk")]
        assert not pool.taken  # nothing read back yet: the pages are on disk only
        claim = rendering.pages[f"claims/{CLAIM}.md"]
        assert isinstance(claim.html, Deferred)
        got = {path: page.resolved() for path, page in rendering.pages.items()}
        assert not pool.taken  # each chunk is dropped once all its pages are handed out
        assert not [f for f in folder.iterdir() if f.name.endswith(".chunk")]
    assert got == expected
    assert not folder.exists()  # the build's parked pages go with it


HOOK = """
from pathlib import Path

HELD = []

def _data_file(uri):
    return uri.startswith("data/") or uri.endswith(
        ("feed.xml", "feed.json", "oembed.json", "embed/index.html")
    )

def on_pre_page(page, config, files):
    if not HELD:  # the first page: every feed, export and embed card is handed to the writer
        plugin = config.plugins["factcheck"]
        listed = [f.dest_uri for f in files if _data_file(f.dest_uri)]
        HELD.append((type(plugin._writer).__name__, listed, plugin.gen.discovery_files))
    return page
"""


def test_a_build_holds_no_feed_export_or_embed_card_while_it_builds_pages(tmp_path):
    (tmp_path / "hook.py").write_text(HOOK, encoding="utf-8")
    config = load_config(
        str(write_config(tmp_path, MINI, extra={"hooks": [str(tmp_path / "hook.py")]}))
    )
    mkdocs_build(config)
    hook = next(p for p in config.plugins.values() if hasattr(p, "HELD"))
    writer, listed, cached = hook.HELD[0]
    # Handed to the writer process before the first page (writer.py), held nowhere, and not even
    # in mkdocs' list of files.
    assert writer == "HelperSink" and listed == [] and cached is None
    site = Path(config.site_dir)  # and all of them were written, whole
    data = json.loads((site / "data" / "claims.json").read_text(encoding="utf-8"))
    assert CLAIM in {c["id"] for c in data["claims"]}
    assert "<feed" in (site / "feed.xml").read_text(encoding="utf-8")
    assert "Read the full fact check" in (
        site / "claims" / CLAIM / "embed" / "index.html"
    ).read_text("utf-8")


def test_without_workers_each_index_part_starts_once_its_claims_are_written(tmp_path, monkeypatch):
    """Pagefind indexes part 1 while the engine still writes part 2's claims, and no claim page is
    held for it: rendering every claim up front would hold them all until they are written."""
    from generator import search
    from generator.generation import Generation

    config = load_config(str(write_config(tmp_path, MINI)))
    config.plugins["factcheck"].config["search_part_size"] = 2
    claims = sorted((p.stem for p in (MINI / "claims").glob("*.yaml")), key=lambda c: c + "/")
    assert len(claims) == 4
    part_one_started = threading.Event()
    seen = []
    run = search.OrderedIndexer.run

    def recording_run(self, pages, bundle, language):
        # The part's documents reach Pagefind as they are written: the state is taken when the
        # last of them has.
        def recorded():
            urls = []
            for url, path in pages:
                urls.append(url)
                yield url, path
            gen = config.plugins["factcheck"].gen
            paths = [p for p in gen.pages if p.startswith("claims/") and "/page/" not in p]
            held = [p for p in paths if gen.pages[p].html._get.page is not None]
            site = Path(config.site_dir)
            written = sorted(p.parent.name for p in site.glob("claims/*/index.html"))
            parallel = gen.rendering.parallel if gen.rendering else None  # None: the build is over
            seen.append((urls, written, held, parallel))
            part_one_started.set()

        return run(self, recorded(), bundle, language)

    written = Generation.written

    def waiting_written(self, path):
        written(self, path)
        if path == f"claims/{claims[2]}.md":  # the first claim of part 2 is on its way to disk
            part_one_started.wait(timeout=30)

    monkeypatch.setattr(search.OrderedIndexer, "run", recording_run)
    monkeypatch.setattr(Generation, "written", waiting_written)
    monkeypatch.setenv("FACTCHECK_WORKERS", "0")
    mkdocs_build(config)
    assert len(seen) == 2
    (part_one, written_then, held, parallel), (part_two, *_) = seen
    assert part_one == [f"/claims/{c}/" for c in claims[:2]]
    assert part_two == [f"/claims/{c}/" for c in claims[2:]]
    assert parallel is False and held == []
    assert claims[3] not in written_then, "part 1 waited for the last claim"
    site = Path(config.site_dir)
    for bundle, n in ((site / "pagefind", 2), (site / "pagefind" / "part-2", 2)):
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        assert entry["languages"]["en"]["page_count"] == n
