"""What every engine adapter needs beside the pages: assets, redirects, the navigation, writing files.

Nothing here imports an engine. The mkdocs adapter (`engines/mkdocs.py`) hands these to mkdocs as
generated files; the Zensical adapter (`engines/zensical.py`) writes them into the folders Zensical
reads and into the built site.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from .changes import redirect_map
from .link import Site
from .render import rating_css
from .render.redirect import redirect_page
from .settings import Settings
from .streams import FileData, Stream, as_bytes
from .writer import FileSink, Sink

log = logging.getLogger("mkdocs.plugins.factcheck")

ASSETS = Path(__file__).parent / "assets"
THEME_DIR = str(Path(__file__).parent / "theme")
ASSET_PREFIX = "assets/factcheck/"
STYLESHEETS = ("factcheck.css", "ratings.css")


def assets(site: Site | None) -> dict[str, bytes]:
    """Our static files: the shipped ones, plus badge colours generated from ratings.yaml."""
    out = {p.name: p.read_bytes() for p in sorted(ASSETS.iterdir()) if p.is_file()}
    ratings = site.content.ratings.values() if site is not None else ()
    out["ratings.css"] = rating_css(ratings).encode("utf-8")
    return out


def stylesheets(extra_css: list[str]) -> list[str]:
    """`extra_css` with ours first, so stylesheets listed in mkdocs.yml come after and can override."""
    ours = [ASSET_PREFIX + n for n in STYLESHEETS]
    ours += sorted(ASSET_PREFIX + p.name for p in ASSETS.glob("*.css") if p.name not in STYLESHEETS)
    return [url for url in ours if url not in extra_css] + list(extra_css)


def redirect_files(content_root: Path, site: Site, settings: Settings) -> dict[str, str]:
    """The pages that send an old claim address (content/redirects.yaml) to the claim's new one."""
    claims = site.content.claims
    return {
        f"claims/{old}/index.html": redirect_page(old, new, claims[new].short, settings)
        for old, new in redirect_map(content_root, set(claims)).items()
    }


def problems_message(problems: list[Any]) -> str:
    errors = [p for p in problems if p.severity == "error"]
    lines = [f"{p.path}:{p.line}:{p.col}: {p.message}" for p in errors]
    return f"the content has {len(errors)} error(s); nothing was built:\n" + "\n".join(lines)


# --- the navigation mkdocs.yml gives (both engines read it) -------------------------------------


def nav_page(item: Any) -> str | None:
    """The docs path of a nav entry that names one of our pages (`index.md`), else None."""
    if isinstance(item, str) and item.endswith(".md") and "://" not in item:
        return item.lstrip("/")
    return None


def nav_labels(nav: Any) -> dict[str, str | None]:
    """The pages mkdocs.yml's `nav` names (docs paths), with the label it gives each (or None)."""
    out: dict[str, str | None] = {}

    def walk(item: Any, label: str | None = None) -> None:
        if isinstance(item, dict):
            for key, value in item.items():
                walk(value, key)
        elif isinstance(item, list):
            for i in item:
                walk(i)
        elif (path := nav_page(item)) is not None:
            if label is not None:
                out[path] = label
            else:
                out.setdefault(path, None)

    walk(nav or [])
    return out


def prune_nav(nav: Any, present: Iterable[str]) -> list[Any]:
    """`nav` without entries for hand-written pages this content does not have (said at INFO)."""
    if not nav:
        return []
    have = set(present)

    def keep(item: Any) -> Any:
        if isinstance(item, dict):
            out = {}
            for title, value in item.items():
                kept = keep(value)
                if kept is not None:
                    out[title] = kept
            return out or None
        if isinstance(item, list):
            kept_items = [k for k in (keep(i) for i in item) if k is not None]
            return kept_items or None
        path = nav_page(item)
        if path is not None and path not in have:
            log.info(f"nav: {item} is not part of this content; the entry is left out")
            return None
        return item

    return keep(nav) or []


# --- writing files -------------------------------------------------------------------------------


def safe_relative(path: str) -> PurePosixPath:
    p = PurePosixPath(path)
    if p.is_absolute() or ".." in p.parts or not p.parts:
        raise ValueError(f"refusing to write outside the output folder: {path!r}")
    return p


def write_files(root: Path, files: dict[str, FileData | Stream], sink: Sink | None = None) -> None:
    """Write site-relative `files` below `root` (each path checked to stay inside it); a Path
    value is a file to copy (a cached image), a Stream is run once and written as it makes its
    files. `sink` (writer.py) writes them, by default here and now; a sink
    given by the caller is left for it to finish."""
    own = sink is None
    out: Sink = FileSink(root) if sink is None else sink
    ran: set[int] = set()
    try:
        for path, data in files.items():
            if isinstance(data, Stream):
                if id(data) not in ran:
                    ran.add(id(data))
                    checked = set(data.paths)
                    for name in checked:
                        safe_relative(name)
                    for name, piece in data.make():
                        if name not in checked:
                            safe_relative(name)
                            checked.add(name)
                        out.write(name, as_bytes(piece))
                    for name in data.paths:
                        out.close(name)
                continue
            safe_relative(path)
            if isinstance(data, Path):
                out.copy(path, data)
            else:
                out.write(path, data if isinstance(data, bytes) else data.encode("utf-8"))
                out.close(path)
    finally:
        if own:
            out.finish()


_MAKE_FOLDERS = (
    "import os,sys\nfor d in sys.stdin.read().split('\\0'):\n os.makedirs(d, exist_ok=True)"
)


def make_folders_ahead(destinations: list[str]) -> subprocess.Popen[bytes] | None:
    """Make the pages' folders in a helper process, in the order the engine will write the pages.

    Each of 19,000 folders costs ~0.2 ms of system time on this project's build VM; made by another
    process, that time is spent beside the engine's page loop instead of in it (a thread would wait
    for the interpreter lock at every folder). The engine still makes any folder it finds missing, so
    the helper may fail or lag harmlessly.
    """
    folders = "\0".join(dict.fromkeys(os.path.dirname(d) for d in destinations))
    try:
        proc = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _MAKE_FOLDERS],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert proc.stdin is not None
        proc.stdin.write(folders.encode("utf-8", "surrogateescape"))
        proc.stdin.close()
    except OSError:
        return None
    return proc
