"""Render the linked site into pages: pure functions, no mkdocs, no I/O.

`render_pages(site, settings)` returns every page keyed by its docs-relative path (`claims/<id>.md`,
`ratings/index.md`, `index.md`, ...). Each `Page` carries its front matter, its finished HTML body and a
`markdown` form (front matter + title line + HTML) that any Markdown engine can build.

Claim, document and person pages are nearly all the work on a large site. Their front matter and
contents are cheap and computed here; their bodies can be rendered by forked worker processes:

- `render_pages` waits for them, so every `Page.html` is a string (with more than one core and many
  pages it is simply faster; the output is the same, byte for byte);
- `start_rendering` returns at once with `Deferred` bodies, so the mkdocs plugin can template page N
  while the workers render page N + 100: on two cores the rendering costs almost no wall time.

`workers=1` (or FACTCHECK_WORKERS=1) renders everything in this process.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

from ..link import Site
from ..settings import Settings
from . import indexes
from .claims import claim_html, claim_page
from .core import Context, Deferred, Page, RenderError, page_url, rating_css, root_of
from .pages import (
    METHODOLOGY,
    default_methodology,
    intro_html,
    render_markdown_page,
    section_of,
    with_intro,
)
from .sanitize import sanitized

__all__ = [
    "Deferred",
    "Page",
    "RenderError",
    "Rendering",
    "page_url",
    "rating_css",
    "render_pages",
    "root_of",
    "start_rendering",
]

CORRECTIONS_POLICY_NAMES = ("corrections-policy.md", "corrections-and-complaints.md")
PARALLEL_MIN = 1000  # fewer entity pages than this: starting processes costs more than it saves
CHUNK = 200

BODIES: dict[str, Callable[[Context, str], str]] = {
    "claim": claim_html,
    "document": indexes.document_html,
    "person": indexes.person_html,
}

_WORKER_CTX: Context | None = None  # inherited by forked workers


def _render_chunk(tasks: list[tuple[str, str]]) -> list[str]:
    ctx = _WORKER_CTX
    assert ctx is not None
    return [BODIES[kind](ctx, key) for kind, key in tasks]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _workers(requested: int | None, n_tasks: int, deferred: bool) -> int:
    if requested is None:
        env = os.environ.get("FACTCHECK_WORKERS", "")
        requested = int(env) if env.isdigit() else None
    if requested is None:
        if n_tasks < PARALLEL_MIN:
            return 0
        # Deferred: this process keeps a core for mkdocs' templates.
        requested = _cores() - 1 if deferred else _cores()
    # Forking is only safe from a single-threaded process (`mkdocs serve` runs threads).
    if (
        requested < 1
        or (requested == 1 and not deferred)
        or "fork" not in multiprocessing.get_all_start_methods()
        or threading.active_count() > 1
    ):
        return 0
    return requested


class _Pool:
    """Page bodies rendered by forked workers, in order, in chunks; `get(i)` waits for body i."""

    def __init__(self, ctx: Context, tasks: list[tuple[str, str]], workers: int) -> None:
        global _WORKER_CTX
        self.ctx, self.tasks = ctx, tasks
        self.futures: list[Future] | None = None
        self.executor: ProcessPoolExecutor | None = None
        if not workers:
            return
        ctx.documents_by_author  # noqa: B018 - computed once, before the fork, for every worker
        _WORKER_CTX = ctx
        try:
            self.executor = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("fork")
            )
            self.futures = [
                self.executor.submit(_render_chunk, tasks[i : i + CHUNK])
                for i in range(0, len(tasks), CHUNK)
            ]
        except OSError:
            self.close()
        finally:
            _WORKER_CTX = None

    def get(self, index: int) -> str:
        if self.futures is not None:
            try:
                return self.futures[index // CHUNK].result()[index % CHUNK]
            except RenderError:
                raise
            except Exception:  # a broken pool (a worker killed): render it here instead
                pass
        kind, key = self.tasks[index]
        return BODIES[kind](self.ctx, key)

    def deferred(self, index: int) -> str | Deferred:
        if self.futures is None:
            return self.get(index)
        return Deferred(lambda: self.get(index))

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = None


@dataclasses.dataclass
class Rendering:
    """Pages whose bodies may still be rendering; `close()` stops the workers (always call it)."""

    pages: dict[str, Page]
    _pool: _Pool

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> Rendering:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_rendering(
    site: Site, settings: Settings, workers: int | None = None, *, defer: bool = True
) -> Rendering:
    """Every page of the site, in a deterministic order; bodies may be `Deferred` (see above).

    `defer` says the caller keeps working while the bodies render (mkdocs templating them), so
    one core is left to it; without it, every core renders.
    """
    site = sanitized(site)
    ctx = Context.of(site, settings)
    content = site.content
    updated = indexes._newest_date(ctx)
    tasks = [("claim", i) for i in site.claims_newest]
    tasks += [("document", i) for i in content.documents]
    tasks += [("person", i) for i in content.people]
    pool = _Pool(ctx, tasks, _workers(workers, len(tasks), defer))
    try:
        # Hand-written pages first: the home page links them, the corrections page names the policy.
        handwritten: list[Page] = []
        intros: dict[str, Page] = {}
        home_intro = None
        for rel, text in sorted(content.pages.items()):
            section = section_of(rel)
            if rel == "pages/index.md":
                home_intro = intro_html(text)
            elif section:
                index = f"{section}/index.md"
                intros[index] = render_markdown_page(ctx, rel, text, path=index)
            else:
                handwritten.append(render_markdown_page(ctx, rel, text))
        if not any(p.path == METHODOLOGY for p in handwritten):
            handwritten.append(default_methodology(ctx))
        policy = next(
            (page_url(p.path) for p in handwritten if p.path in CORRECTIONS_POLICY_NAMES), None
        )
        if "corrections/index.md" in intros:
            policy = None  # the policy is the introduction of the corrections page itself

        body = pool.deferred
        order: list[Page] = [
            indexes.home_page(
                ctx, home_intro, [(page_url(p.path), p.title) for p in handwritten], updated
            ),
            *handwritten,
            indexes.claims_index(ctx, updated),
        ]
        n = 0
        for claim_id in site.claims_newest:
            order.append(claim_page(ctx, claim_id, html=body(n)))
            n += 1
        order.append(indexes.ratings_index(ctx, updated))
        for rating_id in sorted(content.ratings, key=lambda r: content.ratings[r].order):
            order.append(indexes.rating_page(ctx, rating_id, updated))
        order.append(indexes.topics_index(ctx, updated))
        for topic_id in site.topics:
            order.append(indexes.topic_page(ctx, topic_id, updated))
        order.append(indexes.documents_index(ctx, updated))
        for doc_id in content.documents:
            order.append(indexes.document_page(ctx, doc_id, html=body(n)))
            n += 1
        order.append(indexes.people_index(ctx, updated))
        for person_id in content.people:
            order.append(indexes.person_page(ctx, person_id, updated, html=body(n)))
            n += 1
        order.append(indexes.sources_page(ctx, updated))
        order.append(indexes.corrections_page(ctx, policy, updated))

        pages: dict[str, Page] = {}
        for page in order:
            section_intro = intros.get(page.path)
            if section_intro is not None:
                page = with_intro(section_intro, page)
            if page.updated is None:
                page = dataclasses.replace(page, updated=updated)
            if page.path in pages:
                raise RenderError(f"two pages would be written to {page.path}")
            pages[page.path] = page
    except BaseException:
        pool.close()
        raise
    return Rendering(pages, pool)


def render_pages(site: Site, settings: Settings, workers: int | None = None) -> dict[str, Page]:
    """Every page of the site, finished, in a deterministic order."""
    with start_rendering(site, settings, workers, defer=False) as rendering:
        return {
            path: page
            if isinstance(page.html, str)
            else dataclasses.replace(page, html=page.body())
            for path, page in rendering.pages.items()
        }
