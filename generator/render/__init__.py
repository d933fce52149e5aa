"""Render the linked site into pages: pure functions, no mkdocs, no I/O.

`render_pages(site, settings)` returns every page keyed by its docs-relative path (`claims/<id>.md`,
`ratings/index.md`, `index.md`, ...). Each `Page` carries its front matter, its finished HTML body and a
`markdown` form (front matter + title line + HTML) that any Markdown engine can build.

On a large site nearly all the work is the claim, document and person pages and the big indexes. Those
are rendered as jobs, in page order, by forked worker processes when the machine has cores to spare:

- `render_pages` waits for all of them (the output is the same, byte for byte, as in-process);
- `start_rendering` returns at once with stubs (path, title, dates, edit link) whose `html` is a
  `Deferred`: the mkdocs plugin templates page N while the workers render page N + 100, so on two
  cores the rendering costs almost no wall time.

`workers=0` (or FACTCHECK_WORKERS=0) renders everything in this process, each page when it is needed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from .. import languages
from ..link import Site
from ..settings import Settings
from ..spill import ChunkStore
from . import indexes
from .claims import claim_page, has_links_page, links_page, links_path, links_title
from .core import (
    Context,
    Deferred,
    Page,
    RenderError,
    check_id,
    page_url,
    rating_css,
    root_of,
    text,
)
from .fulltext import part_count
from .pages import (
    default_methodology,
    intro_html,
    render_markdown_page,
    section_of,
    with_intro,
)
from .pagination import first_page, page_key, page_path, split_key
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
PARALLEL_MIN = 1000  # fewer jobs than this: starting processes costs more than it saves
CHUNK = 100


def _paged(first: str) -> Callable[[str], str]:
    """The path of a job of a paginated family: `first` is page 1's path ("{}": the item's id)."""

    def path(key: str) -> str:
        base, number = split_key(key)
        return page_path(first.format(base), number)

    return path


# Page families rendered as jobs: family -> (render the page, its path). A job's key is the item's
# id ("" for a section list), then "/<n>" for page n > 1 of a paginated list (render/pagination.py).
JOBS: dict[str, tuple[Callable[[Context, str], Page], Callable[[str], str]]] = {
    "claims": (indexes.claims_index, _paged("claims/index.md")),
    "claim": (claim_page, lambda k: f"claims/{k}.md"),
    "ratings": (indexes.ratings_index, _paged("ratings/index.md")),
    "rating": (indexes.rating_page, _paged("ratings/{}.md")),
    "topics": (indexes.topics_index, _paged("topics/index.md")),
    "topic": (indexes.topic_page, _paged("topics/{}.md")),
    "documents": (indexes.documents_index, _paged("documents/index.md")),
    "document": (indexes.document_page, _paged("documents/{}.md")),
    "document-text": (indexes.document_text_page, _paged("documents/{}/text.md")),
    "people": (indexes.people_index, _paged("people/index.md")),
    "person": (indexes.person_page, _paged("people/{}.md")),
    "sources": (indexes.sources_page, _paged("sources/index.md")),
    # A source cited by many claims, the claims linked by many (their lists cut short elsewhere).
    "source": (indexes.source_page, _paged("sources/{}.md")),
    "links": (links_page, _paged(links_path("{}"))),
    "language": (languages.language_page, _paged(languages.LIST_PATH)),
}
PAGINATED = frozenset(("claims", "ratings", "rating", "topics", "topic", "documents", "people"))
PAGINATED |= {"person", "sources", "language", "document", "document-text", "source", "links"}


def _with_later_pages(ctx: Context, jobs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each list's job followed by the jobs of its pages 2, 3... (render/pagination.py)."""
    out = []
    for family, key in jobs:
        out.append((family, key))
        if family in PAGINATED:
            n = indexes.page_count(ctx, family, key)
            out += [(family, page_key(key, i)) for i in range(2, n + 1)]
    return out


_WORKER_CTX: Context | None = None  # inherited by forked workers
_WORKER_SINK: Callable[[Page], None] | None = None
_WORKER_STORE: ChunkStore | None = None


def _render_job(ctx: Context, job: tuple[str, str], sink: Callable[[Page], None] | None) -> Page:
    """One job's page, shown to `sink` as soon as it exists (in whichever process rendered it)."""
    family, key = job
    page = JOBS[family][0](ctx, key)
    if sink is not None:
        sink(page)
    return page


def _render_chunk(jobs: list[tuple[str, str]], start: int) -> list[Page] | str:
    """A chunk's pages, or with a store the name they were parked under (spill.py)."""
    ctx = _WORKER_CTX
    assert ctx is not None
    pages = [_render_job(ctx, job, _WORKER_SINK) for job in jobs]
    return pages if _WORKER_STORE is None else _WORKER_STORE.put(start, pages)


def _stub(ctx: Context, family: str, key: str) -> tuple[str, dt.date | None, str | None]:
    """(title, updated, edit_url) of a job's page, known before it is rendered."""
    content = ctx.site.content
    settings = ctx.settings
    if family in PAGINATED and "/" in key:  # page 2, 3... of a list
        base, number = split_key(key)
        title, updated, edit = _stub(ctx, family, base)
        n = indexes.page_count(ctx, family, base)
        pager = indexes.Pager(JOBS[family][1](base), number, n, 0, 1)
        return indexes.paged_title(ctx, title, pager), updated, edit
    if family == "claim":
        claim = content.claims[key]
        verdict = content.verdicts.get(key)
        edit = settings.edit_url(claim.source_path) if claim.source_path else None
        return claim.short, verdict.modified if verdict else claim.date, edit
    if family in ("document", "document-text"):
        doc = content.documents[key]
        edit = settings.edit_url(doc.source_path) if doc.source_path else None
        title = doc.title if family == "document" else indexes.text_title(ctx, doc.title)
        return title, doc.date, edit
    if family == "person":
        return content.people[key].name, ctx.updated, settings.edit_url(f"people/{key}.yaml")
    if family == "rating":
        return indexes.rating_title(ctx, content.ratings[key].label), ctx.updated, None
    if family == "topic":
        return ctx.site.topics[key].label, ctx.updated, None
    if family == "language":
        return languages.list_title(ctx, key), ctx.updated, None
    if family == "source":
        return indexes.source_title(indexes.source_pages(ctx)[key]), ctx.updated, None
    if family == "links":
        return links_title(ctx, key), ctx.updated, None
    return indexes.section_title(ctx, family), ctx.updated, None


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _workers(requested: int | None, n_jobs: int, deferred: bool) -> int:
    if requested is None:
        env = os.environ.get("FACTCHECK_WORKERS", "")
        requested = int(env) if env.isdigit() else None
    if requested is None:
        if n_jobs < PARALLEL_MIN:
            return 0
        # A build leaves a core to the engine's templates and one to Pagefind: on this project's
        # 2-core VM two workers made a build no faster (10k claims with search: 68-78 s against
        # 58-84 s without; 30k: 160-187 s against 185 s, alternating runs) for 0.6 GB more at 10k
        # and 1.5 GB more at 30k (each worker unshares the model it reads after the fork).
        # Deferred: the caller keeps working as well, so one core fewer again.
        requested = _cores() - (3 if deferred else 2)
    # Forking is only safe from a single-threaded process (`mkdocs serve` runs threads).
    if (
        requested < 1
        or "fork" not in multiprocessing.get_all_start_methods()
        or threading.active_count() > 1
    ):
        return 0
    return requested


class _Pool:
    """Jobs rendered by forked workers in order, in chunks; `get(i)` waits for job i."""

    def __init__(
        self,
        ctx: Context,
        jobs: list[tuple[str, str]],
        workers: int,
        sink: Callable[[Page], None] | None = None,
        spill: Path | None = None,
    ) -> None:
        global _WORKER_CTX, _WORKER_SINK, _WORKER_STORE
        self.ctx, self.jobs, self.sink = ctx, jobs, sink
        self.futures: list[Future] | None = None
        self.executor: ProcessPoolExecutor | None = None
        self.store: ChunkStore | None = None
        self.taken: dict[int, list[Page | None]] = {}  # chunks read back from the store
        self.lock = threading.Lock()
        self.done = 0  # chunks finished (counted by the executor's thread)
        if not workers:
            return
        ctx.prepare()  # shared caches computed once, before the fork, for every worker
        try:
            # The workers park what they render on disk, not in this process (spill.py).
            self.store = ChunkStore(spill) if spill is not None else None
            _WORKER_CTX, _WORKER_SINK, _WORKER_STORE = ctx, sink, self.store
            self.executor = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("fork")
            )
            self.futures = [
                self.executor.submit(_render_chunk, jobs[i : i + CHUNK], i)
                for i in range(0, len(jobs), CHUNK)
            ]
            for future in self.futures:
                future.add_done_callback(self._one_done)
        except OSError:
            self.end()
        finally:
            _WORKER_CTX, _WORKER_SINK, _WORKER_STORE = None, None, None

    def _one_done(self, _future: Future) -> None:
        self.done += 1

    def _take(self, index: int) -> Page | None:
        """Job `index`'s page out of its chunk (read back from the store once), None if handed
        out already; a chunk read back is dropped once all its pages are handed out."""
        assert self.futures is not None
        n, i = divmod(index, CHUNK)
        result = self.futures[n].result()
        with self.lock:
            chunk = result if not isinstance(result, str) else self.taken.get(n)
            if chunk is None:
                assert self.store is not None
                chunk = self.taken[n] = self.store.take(result)
            page, chunk[i] = chunk[i], None
            if n in self.taken and not any(chunk):
                del self.taken[n]
            return page

    def get(self, index: int) -> Page:
        """Job `index`'s page; each is handed out once (the caller keeps it), then forgotten here."""
        if self.futures is not None:
            if self.executor is not None and self.done == len(self.futures):
                # Every job is rendered: the workers go now, not when the build ends. Each holds
                # pages of the site it unshared after the fork (every reference count it wrote).
                # Joined, not left to end: a thread still running would make the next build in
                # this process (a test run, a preview) think it is threaded (see `_workers`).
                self.close()
            try:
                page = self._take(index)
                if page is None:  # handed out and forgotten: again, its search document exists
                    return _render_job(self.ctx, self.jobs[index], None)
                return page
            except RenderError:
                raise
            except Exception:  # a broken pool (a worker killed), a chunk lost: render it here
                pass
        return _render_job(self.ctx, self.jobs[index], self.sink)

    def close(self) -> None:
        """Stop the workers; what they parked stays readable until `end`."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = None

    def end(self) -> None:
        """Stop the workers and delete what they parked."""
        self.close()
        if self.store is not None:
            self.store.close()
            self.store = None
        self.taken.clear()


@dataclasses.dataclass
class Rendering:
    """Pages, some of them stubs still rendering; `close()` stops the workers (always call it)."""

    pages: dict[str, Page]
    _pool: _Pool

    @property
    def parallel(self) -> bool:
        """Whether forked workers render the jobs (else each renders when first read)."""
        return self._pool.futures is not None

    def close(self) -> None:
        self._pool.end()

    def __enter__(self) -> Rendering:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Resolver:
    """The finished page of a job, with the section introduction and defaults applied, once."""

    __slots__ = ("pool", "index", "intro", "updated", "page")

    def __init__(self, pool: _Pool, index: int, intro: Page | None, updated: dt.date | None):
        self.pool, self.index, self.intro, self.updated = pool, index, intro, updated
        self.page: Page | None = None

    def __call__(self) -> Page:
        if self.page is None:
            self.page = _finish(self.pool.get(self.index), self.intro, self.updated)
        return self.page

    def forget(self) -> None:
        self.page = None


def _finish(page: Page, intro: Page | None, updated: dt.date | None) -> Page:
    if intro is not None:
        page = with_intro(intro, page)
    if page.updated is None:
        page = dataclasses.replace(page, updated=updated)
    return page


def start_rendering(
    site: Site,
    settings: Settings,
    workers: int | None = None,
    *,
    defer: bool = True,
    sink: Callable[[Page], None] | None = None,
    reuse: dict[str, Page] | None = None,
    clean: bool = False,
    spill: Path | None = None,
) -> Rendering:
    """Every page of the site in a deterministic order; job pages may be stubs (see above).

    `defer` says the caller keeps working while the jobs render (mkdocs templating pages), so one
    core is left to it; without it every core renders. `sink` sees each job's page as soon as it is
    rendered, in the process that rendered it (the search index writes its documents there).
    Job pages found in `reuse` (by docs path) are taken from it as they are (a preview's pages).
    `clean` says the caller checked that no text needs stripping (`sanitize.is_clean`).
    `spill`, a folder on disk, is where workers park the pages they render (spill.py).
    """
    if not clean:
        site = sanitized(site)
    ctx = Context.of(site, settings)
    content = site.content
    updated = ctx.updated
    jobs: list[tuple[str, str]] = [("claims", "")]
    # In the order of their addresses, the order the search index cuts its parts in
    # (search.EarlyIndex): a part is indexed as soon as the engine has written its claims.
    jobs += [("claim", check_id(i, "claim")) for i in sorted(content.claims, key=lambda i: i + "/")]
    jobs += [("ratings", "")]
    ratings = sorted(content.ratings, key=lambda r: content.ratings[r].order)
    jobs += [("rating", check_id(i, "rating")) for i in ratings]
    jobs += [("topics", "")] + [("topic", check_id(i, "topic")) for i in site.topics]
    jobs += [("documents", "")]
    for i in content.documents:
        jobs.append(("document", check_id(i, "document")))
        if part_count(ctx, i):  # a text too long for the document's page has pages of its own
            jobs.append(("document-text", i))
    jobs += [("people", "")] + [("person", check_id(i, "person")) for i in content.people]
    jobs += [("sources", "")] + [("source", slug) for slug in indexes.source_pages(ctx)]
    jobs += [("links", i) for i in sorted(site.backlinks) if has_links_page(site, i)]
    jobs += [("language", languages.slug(t)) for t in languages.list_languages(site, settings)]
    jobs = _with_later_pages(ctx, jobs)
    pool = _Pool(ctx, jobs, _workers(workers, len(jobs), defer), sink, spill)
    try:
        # Hand-written pages first: the home page links them, the corrections page names the policy.
        handwritten: list[Page] = []
        intros: dict[str, Page] = {}
        home_intro = None
        for rel, text_ in sorted(content.pages.items()):
            section = section_of(rel)
            if rel == "pages/index.md":
                home_intro = intro_html(ctx, text_)
            elif section:
                index = f"{section}/index.md"
                intros[index] = render_markdown_page(ctx, rel, text_, path=index)
            else:
                handwritten.append(render_markdown_page(ctx, rel, text_))
        methodology = default_methodology(ctx)  # None when the site has its own
        if methodology is not None:
            handwritten.append(methodology)
        policy = next(
            (page_url(p.path) for p in handwritten if p.path in CORRECTIONS_POLICY_NAMES), None
        )
        if "corrections/index.md" in intros:
            policy = None  # the policy is the introduction of the corrections page itself

        home = indexes.home_page(
            ctx, home_intro, [(page_url(p.path), p.title) for p in handwritten]
        )
        order: list[Page] = [home, *handwritten]
        for n, (family, key) in enumerate(jobs):
            path = JOBS[family][1](key)
            if reuse is not None and path in reuse:
                order.append(reuse[path])
                continue
            intro = intros.get(path)
            title, page_updated, edit_url = _stub(ctx, family, key)
            if intro is not None:
                title, edit_url = intro.title, intro.edit_url
            order.append(
                Page(
                    path,
                    {"title": text(title)},
                    Deferred(_Resolver(pool, n, intro, updated)),
                    edit_url=edit_url,
                    updated=page_updated or updated,
                    title=title,
                )
            )
        for i, page in enumerate(indexes.corrections_pages(ctx, policy)):
            intro = intros.get("corrections/index.md") if i == 0 else None
            order.append(_finish(page, intro, updated))

        pages: dict[str, Page] = {}
        for page in order:
            page = _finish(page, None, updated)
            if page.path in pages:
                raise RenderError(f"two pages would be written to {page.path}")
            pages[page.path] = page
    except BaseException:
        pool.end()
        raise
    return Rendering(pages, pool)


def rerender(
    site: Site,
    settings: Settings,
    previous: dict[str, Page],
    paths: set[str] | None,
    clean: bool = False,
) -> dict[str, Page]:
    """Every page of `site`: those at `paths` (None: all) rendered again, the rest from `previous`.

    For a preview after an edit (see preview.py). The job pages to render again are stubs, rendered
    in this process when first read, so mkdocs can write the edited claim's page before the long
    lists that also show it; pages new to the site are rendered too, pages gone from it are gone.
    """
    reuse = None
    if paths is not None:
        # A list's later pages shift when its first page changes: they are rendered again with it.
        reuse = {
            path: page
            for path, page in previous.items()
            if path not in paths and first_page(path) not in paths
        }
    with start_rendering(site, settings, workers=0, reuse=reuse, clean=clean) as rendering:
        return rendering.pages


def render_pages(site: Site, settings: Settings, workers: int | None = None) -> dict[str, Page]:
    """Every page of the site, finished, in a deterministic order."""
    with start_rendering(site, settings, workers, defer=False) as rendering:
        return {path: page.resolved() for path, page in rendering.pages.items()}
