"""Issue #19, 100,000 claims: the feeds, exports and embed cards are written by a helper process
(generator/writer.py) while the build goes on; the files are the same as written here, and a file
the helper cannot write fails the build with its name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.output import write_files
from generator.streams import Stream
from generator.writer import FileSink, HelperSink


def _files(tmp_path: Path) -> dict:
    image = tmp_path / "cached.png"
    image.write_bytes(b"\x89PNG" + bytes(range(256)) * 40)

    def export():
        for i in range(3000):  # more than the pipe holds at once
            yield "data/claims.json", f'{{"id": {i}, "text": "{"é" * (i % 50)}"}}\n'
            yield "data/claims.csv", f"{i},x\n".encode()

    stream = Stream(("data/claims.json", "data/claims.csv", "data/empty.txt"), export)
    return {
        "claims/a/embed/index.html": "<p>Ça marche</p>",
        "claims/a/oembed.json": b'{"type": "rich"}',
        "data/claims.json": stream,
        "data/claims.csv": stream,
        "data/empty.txt": stream,
        "claims/a/card.png": image,
    }


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("limit", [None, 1000])  # 1000: the build waits for the helper at once
def test_the_helper_writes_what_this_process_would(tmp_path, limit):
    files = _files(tmp_path)
    write_files(tmp_path / "here", files)
    sink = (
        HelperSink(tmp_path / "helper") if limit is None else HelperSink(tmp_path / "helper", limit)
    )
    write_files(tmp_path / "helper", files, sink)
    sink.finish()
    here, helper = _tree(tmp_path / "here"), _tree(tmp_path / "helper")
    assert here == helper
    assert helper["data/empty.txt"] == b""
    assert helper["claims/a/embed/index.html"].decode("utf-8") == "<p>Ça marche</p>"
    assert helper["data/claims.json"].count(b"\n") == 3000


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_the_helper_cannot_write_names_the_file(tmp_path):
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data").chmod(0o500)
    sink = HelperSink(site)
    with pytest.raises(OSError, match=r"could not write .*data/claims\.json: .*Permission denied"):
        write_files(site, _files(tmp_path), sink)
        sink.finish()


def test_a_file_in_place_of_a_folder_fails_with_the_files_name(tmp_path):
    """Even as root: a folder cannot be made where a file is."""
    for sink_type in (FileSink, HelperSink):
        site = tmp_path / sink_type.__name__
        site.mkdir()
        (site / "claims").write_text("a file where the claims folder goes")
        sink = sink_type(site)
        with pytest.raises(OSError) as raised:
            write_files(site, _files(tmp_path), sink)
            sink.finish()
        if sink_type is HelperSink:
            assert "could not write" in str(raised.value)
            assert "claims/a/embed/index.html" in str(raised.value)
        sink.stop()


def test_a_stopped_helper_leaves_no_process(tmp_path):
    sink = HelperSink(tmp_path / "site")
    sink.write("a/b.txt", b"x")
    sink.stop()
    assert sink._proc.poll() is not None


HOOK = """
from pathlib import Path

SEEN = []

def on_post_build(config):
    site = Path(config.site_dir)
    finished = config.plugins["factcheck"]._writer is None  # not only fast enough
    SEEN.append((finished, sorted(p.parent.name for p in site.glob("claims/*/index.html"))))
"""


def test_pages_are_on_disk_for_every_other_plugins_post_build(tmp_path, caplog):
    """The writer process writes the pages too; it is done before any plugin's on_post_build."""
    import logging

    from factories import MINI, write_config
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    (tmp_path / "hook.py").write_text(HOOK, encoding="utf-8")
    config = load_config(
        str(write_config(tmp_path, MINI, extra={"hooks": [str(tmp_path / "hook.py")]}))
    )
    with caplog.at_level(logging.INFO):
        mkdocs_build(config)
    hook = next(p for p in config.plugins.values() if hasattr(p, "SEEN"))
    claims = sorted(p.stem for p in (MINI / "claims").glob("*.yaml"))
    seen = hook.SEEN
    assert seen == [(True, claims)]
    page = Path(config.site_dir) / "claims" / claims[0] / "index.html"
    assert '<h2 id="verdict"' in page.read_text(encoding="utf-8")
    assert not [r for r in caplog.records if "Page skipped" in r.getMessage()]
