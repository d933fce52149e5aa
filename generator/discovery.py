"""Discovery outputs beside the pages: feeds, open-data exports and the search index.

The plugin adds `extra_files` to the build as generated files and calls `after_build` once the HTML
exists (the search index is built from the finished pages).
"""

from __future__ import annotations

from pathlib import Path

from .link import Site
from .settings import Settings


def extra_files(site: Site, settings: Settings) -> dict[str, str | bytes]:
    """Site-relative path -> file content for feeds and data exports."""
    return {}


def after_build(site_dir: Path, settings: Settings) -> None:
    """Work that needs the built HTML (search indexing)."""
