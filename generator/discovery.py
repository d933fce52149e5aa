"""Discovery outputs beside the pages: feeds, open-data exports and the search index.

The plugin adds `extra_files` to the build as generated files and calls `after_build` once the HTML
exists (the search index is built from the finished pages).

- feeds (`feeds.py`): /feed.xml, /feed.json, /topics/<id>/feed.xml, /people/<id>/feed.xml;
- open data (`exports.py`): /data/claims.json, /data/claims.csv, /data/claimreview.json;
- search (`search.py`): the UI under /assets/search/, and the Pagefind bundle /pagefind/ (built beside
  mkdocs from the rendered articles, see `search.EarlyIndex`; from the built site if that fails).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from . import exports, feeds, search
from .link import Site
from .settings import Settings
from .streams import Stream

log = logging.getLogger("mkdocs.plugins.factcheck")


def claimreview(site: Site, settings: Settings, claim_id: str) -> dict[str, Any]:
    """The ClaimReview of one claim, built by the same function as the claim page's JSON-LD."""
    return _claimreview_builder(site)(site, settings, claim_id)


def _claimreview_builder(site: Site) -> exports.ClaimReviewBuilder:
    from .render.core import Scale
    from .render.jsonld import claim_review

    scale = Scale.of(site.content.ratings.values())  # as the pages compute it (render Context.of)

    def build(site: Site, settings: Settings, claim_id: str) -> dict[str, Any]:
        c = site.content
        return claim_review(site, settings, scale, c.claims[claim_id], c.verdicts[claim_id])

    return build


def extra_files(site: Site, settings: Settings) -> dict[str, str | bytes | Stream]:
    """Site-relative path -> file content for feeds, data exports and the search UI (the large
    ones as streams, made when they are written: `streams.whole` makes them all)."""
    started = time.perf_counter()
    out: dict[str, str | bytes | Stream] = {}
    out.update(feeds.feeds(site, settings))
    out.update(exports.exports(site, settings, _claimreview_builder(site)))
    out.update(search.ui_files(site, settings))
    log.debug("discovery: %d files planned in %.2fs", len(out), time.perf_counter() - started)
    return dict(sorted(out.items()))


def search_language(settings: Settings) -> str | None:
    """The one language Pagefind indexes in (ISO 639-1, from the theme's language)."""
    return (settings.language or "").split("-")[0].lower() or None


def after_build(
    site_dir: Path,
    settings: Settings,
    *,
    search_index: bool = True,
    early: search.EarlyIndex | None = None,
) -> None:
    """Work that needs the built HTML: the Pagefind search index in site_dir/pagefind/.

    `early` is the index already running beside mkdocs (see search.EarlyIndex); if it failed, the
    built site is indexed instead. `search_index=False` skips Pagefind (a live preview of a very
    large site may prefer rebuilding in seconds to searching); the search box then says search is
    not available and links the claims index.
    """
    if not search_index:
        if early is not None:
            early.cancel()
        log.info("Search index skipped")
        return
    started = time.perf_counter()
    result = None
    if early is not None:
        try:
            result = early.finish(Path(site_dir))
        except search.SearchIndexError as e:
            log.warning("%s; indexing the built site instead", e)
    if result is None:
        result = search.build_index(
            Path(site_dir),
            language=search_language(settings),
            part_size=settings.search_part_size,
        )
    log.info(
        "Search index: %d pages in %.1fs (%s)",
        result.pages,
        time.perf_counter() - started,
        result.method,
    )
