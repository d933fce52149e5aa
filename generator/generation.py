"""Generation, whatever the engine: read and check the content, link it, render every page.

An engine adapter (`engines/mkdocs.py`, `engines/zensical.py`) makes one `Generation` per site and
asks it, build after build, for the finished pages and the files beside them; it never reads the
content itself. What a preview keeps between rebuilds (the last site, its pages, the check cache,
the warnings already shown) lives here too, so every engine's preview renders again only what an
edit can change (preview.py).
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

from . import discovery, history, i18n, languages, preview, search, share, sitemap
from .link import History, Site, link, relink
from .model import Content
from .output import problems_message, redirect_files
from .render import Deferred, Page, RenderError, Rendering, rerender, start_rendering
from .render.sanitize import is_clean
from .settings import Settings
from .streams import FileData, Stream, whole
from .validate import CheckCache, read_content

log = logging.getLogger("mkdocs.plugins.factcheck")


class GenerationError(RuntimeError):
    """The content has errors, or a page could not be rendered: nothing is built."""


@dataclasses.dataclass
class Last:
    """A preview's last build: what the next rebuild compares with and keeps."""

    site: Site
    pages: dict[str, Page]  # finished pages by docs path
    settings: Settings
    clean: bool  # no text needed stripping (render.sanitize)
    overrides: tuple[tuple[str, int, int], ...] = ()  # preview.overrides_state of the site's


THEME = Path(__file__).parent / "theme"
# Names Material's own templates (or its users' custom pages) have too: a file there may be theirs.
_MATERIAL = {"404.html", "base.html", "main.html", "home.html", "redirect.html", "pagination.html"}


def misplaced_templates(template_dirs: tuple[str, ...]) -> list[str]:
    """A warning for each file of the site's custom_dir named as one of our page templates or
    their partials but not where they are looked up (overrides/claim.html instead of
    overrides/factcheck/claim.html): it was never used, and nothing said so."""
    ours = THEME / "factcheck"
    out = []
    for folder in map(Path, template_dirs):
        for wrong, right in (
            (folder, ours),
            (folder / "partials", ours / "partials"),
            (folder / "factcheck", ours / "partials"),
            (folder / "factcheck" / "partials", ours),
        ):
            for path in sorted(wrong.glob("*.html")) if wrong.is_dir() else ():
                name = path.name
                if name in _MATERIAL or not (right / name).is_file():
                    continue
                if (THEME / wrong.relative_to(folder) / name).is_file():
                    continue  # a template of ours at that place too (partials/toc.html)
                target = folder / right.relative_to(THEME) / name
                out.append(
                    f"factcheck: {path} is not used: the template it replaces is looked up as "
                    f"{right.relative_to(THEME).as_posix()}/{name} in custom_dir; move it to "
                    f"{target}"
                )
    return out


class Generation:
    def __init__(self, content_root: Path, settings: Settings) -> None:
        self.content_root = content_root
        self.settings = settings
        self.site: Site | None = None
        self.pages: dict[str, Page] = {}
        self.rendering: Rendering | None = None
        self.early_index: search.EarlyIndex | None = None
        self.clean = False  # this build's content had nothing to strip (render.sanitize.is_clean)
        self.preview = False  # rebuilds after the first are previews
        self.check_cache: CheckCache | None = None
        self.last: Last | None = None  # a preview's last build
        self.problems: list[Any] = []  # the last read's problems: a preview's error page lists them
        self.discovery_files: dict[str, FileData | Stream] | None = None  # kept by a preview
        self.extra: dict[str, str | bytes] = {}  # this build's redirect pages
        self._history: tuple[str | None, History] | None = None  # (HEAD commit, history)
        self._warned: set[str] = set()  # content warnings a preview has shown
        self._noted: set[str] = set()  # notes a preview has given (_note_uncatalogued)
        # A preview's view of the site's templates and catalogs (preview.overrides_state), and
        # whether they changed since its last build: then every page is rendered and written again.
        self.overrides: tuple[tuple[str, int, int], ...] = ()
        self.overrides_changed = False
        self._templates_changed = False  # of those, a template or catalog (not mkdocs.yml)
        # The engine's configuration file (mkdocs.yml), set by its adapter: its navigation, palette,
        # footer and extra settings are the frame of every page, which a page rendered again with
        # the same HTML would not show. A preview writes every page again once it is saved.
        self.config_file: str | None = None

    def start_preview(self, on: bool) -> None:
        self.preview = on
        self.check_cache = CheckCache() if on else None
        self.last, self._warned, self.discovery_files = None, set(), None

    def read(self, preloaded: Content | None = None) -> Content:
        """The checked content (`preloaded` when the CLI read it already); warnings are logged."""
        from .catalogs import site_catalog_problems

        for line in misplaced_templates(self.settings.template_dirs):
            if line not in self._noted:  # a preview says it once
                log.warning(line)
                self._noted.add(line)
        if preloaded is not None:
            return preloaded
        content, problems = read_content(
            self.content_root, self.check_cache, site_language=self.settings.language
        )
        catalogs = site_catalog_problems(self.settings.locale_dirs)
        problems = self.problems = [*catalogs, *problems]
        if any(p.severity == "error" for p in catalogs):
            content = None  # read without a word by Babel, a broken catalog showed wrong words
        warnings = [
            f"{p.path}:{p.line}:{p.col}: {p.message}" for p in problems if p.severity != "error"
        ]
        for line in warnings:  # a preview repeats only the warnings it has not shown yet
            if line not in self._warned:
                log.info(line)
        self._warned = set(warnings) if self.preview else set()
        if content is None:
            raise GenerationError(problems_message(problems))
        return content

    def generate(
        self, content: Content, *, scratch: Path | None = None, search_index: bool = False
    ) -> dict[str, Page]:
        """Link and render; `scratch` (the output folder's parent) is where the early search index
        starts and where render workers park the pages they render (spill.py)."""
        last = self.last
        # A preview rebuild after claim edits links again only what they touch (link.relink).
        ids = None if last is None else preview.changed_claims(last.site.content, content)
        linked = link(content) if ids is None else relink(last.site, content, ids)
        frame = str(Path(self.config_file)) if self.config_file else None
        if self.preview:
            settings = self.settings
            watched = settings.template_dirs + settings.locale_dirs + ((frame,) if frame else ())
            self.overrides = preview.overrides_state(watched)
        changed = set() if last is None else set(last.overrides) ^ set(self.overrides)
        self.overrides_changed = bool(changed)
        # mkdocs.yml alone: the pages' own HTML follows the settings; only the frame is new.
        self._templates_changed = any(path != frame for path, _, _ in changed)
        if self._templates_changed:
            i18n.messages.cache_clear()  # the site's catalogs are read again (templates reload)
        self.site = dataclasses.replace(linked, history=self._read_history())
        self._note_uncatalogued()
        self.stop()
        if last is not None:
            self._render_again(last, ids)
        else:
            self._render_all(scratch, search_index=search_index)
        self.extra = redirect_files(self.content_root, self.site, self.settings)
        return self.pages

    def _render_all(self, scratch: Path | None, *, search_index: bool) -> None:
        assert self.site is not None
        # Made before the workers fork, so they write the search documents of the pages they render.
        early = None
        # No claims: the built site is indexed instead.
        if search_index and scratch is not None and self.site.content.claims:
            early = search.EarlyIndex(
                search.scratch_folder(scratch, len(self.site.content.claims)),
                discovery.search_language(self.settings),
                urls=[f"claims/{claim_id}/" for claim_id in self.site.content.claims],
                part_size=self.settings.search_part_size,
            )
        self.early_index = early
        self.clean = is_clean(self.site.content)
        self.discovery_files = None  # this build's are made in `files` (a preview keeps them)
        try:
            # Not deferred: the claims feed Pagefind, the longest part of a large build, and the
            # sooner they are all rendered the sooner it starts (see render._workers for how many
            # processes render them).
            self.rendering = start_rendering(
                self.site,
                self.settings,
                defer=False,
                sink=early.sink if early else None,
                clean=self.clean,
                spill=scratch,
            )
        except RenderError as e:
            raise GenerationError(f"factcheck: {e}") from e
        self.pages = self.rendering.pages

    def _render_again(self, last: Last, ids: set[str] | None) -> None:
        """A preview rebuild: render again only what the edit can change (see preview.py).

        `ids` are the claims that changed, None if anything else in the content did.
        """
        assert self.site is not None
        same = (
            last.settings == self.settings
            and last.site.history == self.site.history
            and not self._templates_changed
        )
        ids = ids if same else None
        paths = None if ids is None else preview.pages_to_render(last.site, self.site, ids)
        if paths is not None:  # a language's list shows its claims; a new language: every page
            lang = self.settings.language
            if (
                languages.by_language(last.site, lang).keys()
                != languages.by_language(self.site, lang).keys()
            ):
                paths = None
            else:
                paths |= {p for p in last.pages if p.startswith("languages/")}
        # Clean before, and the edited claims clean now: nothing to strip anywhere.
        self.clean = last.clean and ids is not None and is_clean(self.site.content, ids)
        try:
            self.pages = rerender(self.site, self.settings, last.pages, paths, self.clean)
        except RenderError as e:
            raise GenerationError(f"factcheck: {e}") from e
        log.info(
            "Preview: rendering %s again; feeds, data and the search index are those of the "
            "first build (run `factcheck build` for all of them)",
            "every page" if paths is None else f"{len(paths)} page(s)",
        )

    def _note_uncatalogued(self) -> None:
        """Claims in a language no catalog covers: their pages' headings and buttons fall back to
        the site's language. Said once a language (not a warning: a strict build goes on)."""
        assert self.site is not None
        settings = self.settings
        for tag, ids in languages.by_language(self.site, settings.language).items():
            key = f"catalog:{tag}"
            if key in self._noted or languages.same(tag, settings.language):
                continue
            words = i18n.messages(tag, None, settings.locale_dirs)
            if words.found and words.missing:
                self._noted.add(key)
                log.info(
                    "factcheck: the catalog for language '%s' leaves %d strings untranslated "
                    "(such as '%s'): they are in English on its pages",
                    tag,
                    len(words.missing),
                    words.missing[0],
                )
            elif not words.found:
                self._noted.add(key)
                log.info(
                    "factcheck: no catalog for language '%s' (%s): their pages' headings "
                    "and buttons are in the site's language (%s). Add one with the plugin option "
                    "locale_dir (shipped: %s)",
                    tag,
                    f"{len(ids)} claim" + ("" if len(ids) == 1 else "s"),
                    settings.language,
                    ", ".join(i18n.shipped_languages()),
                )

    def _read_history(self) -> History:
        """The verdicts' git history; read again only when HEAD moves (serve rebuilds often)."""
        head = history.head(self.content_root)
        if self._history is None or self._history[0] != head or head is None:
            found = history.collect(self.content_root, self.content_root)
            left_out = found is None and history.left_out(self.content_root)
            self._history = (head, History(found is not None, found or {}, left_out))
        return self._history[1]

    def resolved(self, prefix: str = "") -> None:
        """Wait until every page under `prefix` is rendered."""
        try:
            for page in self.pages.values():
                if page.path.startswith(prefix):
                    page.resolved()
        except RenderError as e:
            raise GenerationError(f"factcheck: {e}") from e

    def start_index(self, site_dir: Path) -> None:
        """Pagefind over the claims, the longest part of a large build, starts now, beside the
        engine: each part of the index as soon as its claims are rendered (search.EarlyIndex).
        Its bundle goes into `site_dir`, which must not be cleaned by the engine afterwards."""
        if self.early_index is None or self.early_index.started:
            return
        self.early_index.start(bundle=site_dir / search.BUNDLE)

    def files(self) -> dict[str, FileData | Stream]:
        """Feeds, data, the search UI and redirect pages (a preview keeps the first build's).

        A build gets the large files as streams, made while they are written; a preview gets
        them made, as it serves them from memory."""
        files = self.discovery_files
        if files is None:
            assert self.site is not None
            files = discovery.extra_files(self.site, self.settings)
            files.update(share.files(self.site, self.settings))  # images, embeds
            if self.preview:  # a build hands them over once, and holds none of them after
                files = self.discovery_files = whole(files)
        return {**files, **self.extra}

    def after_build(self, site_dir: Path, *, search_index: bool) -> None:
        """The search index over the built site (or the early one finished); previews keep theirs."""
        self.stop_rendering()
        # The early index stays known until this returns: if it raises, `stop` cancels it.
        discovery.after_build(
            site_dir,
            self.settings,
            search_index=search_index and self.last is None,
            early=self.early_index,
        )
        self.early_index = None
        if self.site is not None:  # pages in another language than the site's (languages.py)
            languages.finish(site_dir, self.site, self.settings)
        # Past 50,000 URLs, sitemap.xml becomes an index of sitemap-1.xml... (sitemap.py).
        sitemap.split(site_dir, self.settings.site_url)
        self.remember()

    def remember(self) -> None:
        """A preview keeps this build: the next one renders again only what an edit changes."""
        if self.preview and self.site is not None:
            pages = {path: page.resolved() for path, page in self.pages.items()}
            self.last = Last(self.site, pages, self.settings, self.clean, self.overrides)

    def written(self, path: str) -> None:
        """The engine wrote the page at `path`: a build forgets its HTML, so memory stays flat as
        pages stream to disk (at 30,000 claims the HTML alone is ~1 GB). A preview keeps it."""
        page = self.pages.get(path)
        if not self.preview and page is not None and isinstance(page.html, Deferred):
            page.html.forget()

    def stop_rendering(self) -> None:
        if self.rendering is not None:
            self.rendering.close()
            self.rendering = None

    def stop(self) -> None:
        """End the render workers and the early index (a failed or replaced build)."""
        self.stop_rendering()
        if self.early_index is not None:
            self.early_index.cancel()
            self.early_index = None
