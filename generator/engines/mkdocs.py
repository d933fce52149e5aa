"""The mkdocs adapter: hands mkdocs the pages `Generation` rendered, as generated files.

Reading, checking, linking and rendering are engine-independent (generation.py); this module only
wires them into mkdocs' build:

- `on_config`: Settings from mkdocs.yml; our theme folder below the site's custom_dir; stylesheets.
- `on_pre_build`: read and check the content (before mkdocs cleans `site_dir`, so content errors leave an
  existing site as it was), then link and render every page.
- `on_files`: drop whatever sits in `docs_dir` (pages come from the content, through the safe renderer)
  and add each rendered page as a generated file, with a `GeneratedPage` that already holds its HTML,
  so Python-Markdown never parses it; add the discovery files (feeds, data) and our assets.
- `on_post_build`: discovery work that needs the built HTML (the search index).
- `on_serve`: rebuild when anything under the content folder changes.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, DictLoader, TemplateNotFound
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files, InclusionLevel

from .. import frame, i18n, languages, preview, shells, siteconfig
from ..feeds import alternate_links
from ..generation import Generation, GenerationError
from ..model import Content
from ..output import (
    ASSET_PREFIX,
    THEME_DIR,
    assets,
    make_folders_ahead,
    nav_labels,
    prune_nav,
    stylesheets,
    write_files,
)
from ..render import Page, RenderError
from ..writer import FileSink, HelperSink, Sink
from .base_html import with_root_direction
from .config import FactcheckConfig, settings_from_config
from .mkdocs_pages import GeneratedFile, GeneratedPage, canonical_url  # noqa: F401 (re-exported)

log = logging.getLogger("mkdocs.plugins.factcheck")


def _claim_page(path: str) -> bool:
    return path.startswith("claims/") and path != "claims/index.md"


def _missing_theme_files(config: MkDocsConfig) -> None:
    """Warn when theme.logo, theme.favicon, extra_css or extra_javascript names a file the site
    will not have: files beside the pages (docs_dir) are not published, so an image put there was
    a broken picture on every page, and a stylesheet a missing file every page asked for."""
    wanted = [
        (f"theme.{o}", config.theme.get(o), "shows a broken picture") for o in ("logo", "favicon")
    ]
    for option in ("extra_css", "extra_javascript"):
        for entry in config.get(option) or ():
            wanted.append((option, str(entry), "links to a missing file"))
    custom = Path(config.theme.custom_dir or "overrides").name
    for option, value, effect in wanted:
        if not isinstance(value, str) or not value or urlsplit(value).scheme or value[0] == "/":
            continue
        if value.startswith(ASSET_PREFIX):  # ours, written by the build
            continue
        if not any((Path(d) / value).is_file() for d in config.theme.dirs):  # the theme's files
            log.warning(
                "factcheck: %s '%s' is not a file of the site, so every page %s: files beside "
                "the pages are not published; put it in the theme's custom_dir (%s/%s, with "
                "theme.custom_dir set)",
                option,
                value,
                effect,
                custom,
                value,
            )


def _shared_frame_files(env: Any, config: MkDocsConfig) -> None:
    """The frame's icons and colour-scheme script as files every page refers to (frame.py), written
    into site_dir before the pages; and the trim of Material's configuration script."""
    config.extra.pop(frame.EXTRA, None)
    material_search = bool({"search", "material/search"} & set(config.plugins))
    env.globals["fc_trim_config"] = functools.partial(
        frame.trim_config, material_search=material_search
    )

    def read(name: str) -> str | None:
        try:
            return env.loader.get_source(env, name)[0]
        except TemplateNotFound:
            return None

    files, extra = frame.shared_files(config.theme, read)
    write_files(Path(config.site_dir), {p: t.encode() for p, t in files.items()})
    config.extra[frame.EXTRA] = extra


def _helper_sink(site_dir: Path) -> Sink:
    """A helper process writes the files, or this one if it cannot be started."""
    try:
        return HelperSink(site_dir)
    except OSError as e:
        log.debug("no writer process (%s): files are written here", e)
        return FileSink(site_dir)


def _caching() -> bool:
    """Template caches and shells are on unless FACTCHECK_TEMPLATE_CACHE=0 (tests compare both)."""
    return os.environ.get("FACTCHECK_TEMPLATE_CACHE", "1") != "0"


def _root_direction(env: Any) -> None:
    """Material's base.html with `<html dir="rtl">` on a right-to-left site, as `<body>` has it:
    the root element's direction is the document's (`document.dir`), which assistive technology
    and translation tools read. A left-to-right site's `<html>` stays as Material writes it."""
    try:
        source = env.loader.get_source(env, "base.html")[0]
    except TemplateNotFound:
        return
    patched = with_root_direction(source)
    if patched is not None:
        env.loader = ChoiceLoader([DictLoader({"base.html": patched}), env.loader])


class FactcheckPlugin(BasePlugin[FactcheckConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.gen: Generation | None = None
        # `generator.build` reads and checks the content once and hands it over here.
        self.preloaded: Content | None = None
        self.shells: shells.Shells | None = None
        self.preview = False  # inside `serve` (on_startup): rebuilds after the first are previews
        self.bytecode = shells.MemoryBytecodeCache()
        self._observer: Any = None  # the content folder's change notifications, in `serve`
        self._warned: set[str] = set()  # "language": the missing catalog was said
        self.files: dict[str, tuple[Page | str | bytes | Path, GeneratedFile]] = {}
        self.previous: dict[str, tuple[Page | str | bytes | Path, GeneratedFile]] | None = None
        self._folders: subprocess.Popen[bytes] | None = None  # see output.make_folders_ahead
        self._writer: Sink | None = None  # the feeds, exports and embed cards (writer.py)
        self._collector: bool | None = None  # gc was enabled before this build (on_pre_build)
        self._search_box_seen = False  # the first written page was checked for our search box

    @property
    def pages(self) -> dict[str, Page]:
        return self.gen.pages if self.gen is not None else {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        offline = siteconfig.offline_problem(config.plugins)
        if offline:  # before the next check: the offline plugin is what turned them off
            raise PluginError(f"factcheck: {offline}")
        if not config.use_directory_urls:
            raise PluginError(
                "factcheck: pages link each other by directory URLs; set use_directory_urls: true"
            )
        config_dir = Path(config.config_file_path or ".").resolve().parent
        content = Path(self.config.content_dir)
        root = (content if content.is_absolute() else config_dir / content).resolve()
        settings = settings_from_config(config, self.config, serve=self.preview)
        # The theme's partials read the option: `serve` turns it on unless the site set it.
        self.config.contributor_controls = settings.contributor_controls
        if self.gen is None or self.gen.content_root != root:
            self.gen = Generation(root, settings)
            self.gen.start_preview(self.preview)
        self.gen.settings = settings
        self.gen.config_file = config.config_file_path or None  # a preview watches it (the frame)
        # The package's theme folder (main.html, partials, factcheck/ page templates) goes on the
        # theme's search path right below the site's custom_dir, so a site with no overrides/
        # gets every template, and a site's own file still wins, file by file.
        dirs = config.theme.dirs
        if THEME_DIR not in dirs:
            custom = config.theme.custom_dir
            dirs.insert(dirs.index(custom) + 1 if custom in dirs else 0, THEME_DIR)
        # The theme's own words (partials/languages/) for the site's tag, or its language's.
        config.extra["factcheck_theme_words"] = siteconfig.theme_words(
            settings.language, lambda name: any((Path(d) / name).is_file() for d in dirs)
        )
        config.extra[siteconfig.THEME_ALIASES_EXTRA] = dict(siteconfig.THEME_ALIASES)
        msgs = i18n.messages(settings.language, settings.locale, settings.locale_dirs)
        # A newsroom previews its site while it translates the catalog: only a build (strict,
        # as CI runs it) stops on words that would show in English.
        say = log.info if self.preview else log.warning
        if not msgs.found and "language" not in self._warned:
            self._warned.add("language")
            say(
                "factcheck: no catalog for language '%s' (shipped: %s): the pages' headings and "
                "buttons would be in English. Add a catalog (%s/LC_MESSAGES/messages.po, "
                "translated from the package's generator/locale/messages.pot) in the folder the "
                "plugin option locale_dir names, or build with --no-strict to publish in English.",
                settings.language,
                ", ".join(i18n.shipped_languages()),
                settings.language.replace("-", "_"),  # the folder `factcheck init` writes
            )
        elif msgs.missing and "language" not in self._warned:
            self._warned.add("language")
            found = siteconfig.catalog_words_problem(
                settings.language, True, msgs.missing, settings.locale_dirs
            )
            say("factcheck: %s", found)
        # Pages carry their feed links in their front matter; pages mkdocs makes itself (404) read
        # the site's feeds from here.
        config.extra["factcheck_feeds"] = alternate_links(settings)
        config.extra_css[:] = stylesheets(config.extra_css)
        self._search_box_seen = False
        if self.previous is not None:  # a preview rebuild: the first build's sitemap and 404 stay
            config.theme.static_templates.difference_update({"sitemap.xml", "404.html"})
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps one plugin instance for a whole `serve`: its rebuilds are previews.

        (mkdocs then keeps the instance for every later config loaded in this process, too.)
        """
        self.preview = command == "serve"
        self.gen, self.previous, self._warned = None, None, set()

    def on_shutdown(self) -> None:
        self.preview, self.gen, self.previous, self._warned = False, None, None, set()
        self._stop_observer()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.gen is not None
        # A build makes objects that stay alive until it ends (the model, the pages, mkdocs' files)
        # and almost no reference cycles: the collector would only walk them again and again, about
        # 1.5 s of this process's time and as much in the render workers at 10,000 claims, for
        # nothing freed (the build's peak memory is the same without it). It is back on when the
        # build ends (`_end_build`); a preview then collects once and freezes what it keeps.
        if self._collector is None:
            self._collector = gc.isenabled()
        gc.disable()
        content, self.preloaded = self.preloaded, None  # handed over for this one build
        scratch = Path(config.site_dir).resolve().parent
        try:
            content = self.gen.read(content)
            self.gen.generate(content, scratch=scratch, search_index=self.config.search_index)
        except GenerationError as e:
            raise PluginError(str(e)) from e

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        gen = self.gen
        assert gen is not None
        try:  # mkdocs has cleaned site_dir by now, so Pagefind can write its bundle there
            gen.start_index(Path(config.site_dir))
        except GenerationError as e:
            raise PluginError(str(e)) from e
        extra_files = gen.files()
        config.nav = prune_nav(config.nav, gen.pages)
        docs_dir = str(Path(config.docs_dir).resolve())
        kept = [f for f in files if not (f.src_dir and str(Path(f.src_dir).resolve()) == docs_dir)]
        if self.previous is not None:
            # A preview rebuild: the installed theme's files were copied by the first build and do
            # not change while it serves (a custom_dir may: its files stay).
            installed = {d for d in config.theme.dirs if d != config.theme.custom_dir}
            kept = [f for f in kept if f.src_dir not in installed]
        out = Files(kept)
        if gen.overrides_changed:  # the frame changed (mkdocs.yml, a template): the 404 page too
            config.theme.static_templates.add("404.html")
        _missing_theme_files(config)
        template = shells.TEMPLATE if _caching() else None
        # After an edit to the site's templates or catalogs every page is written again, even one
        # whose content is the same: the frame around it (main.html, partials) may have changed.
        before = {} if gen.overrides_changed else self.previous or {}

        def unchanged(path: str, held: Page | str | bytes | Path) -> GeneratedFile | None:
            """The last build's file for `path`, if it held the same: mkdocs --dirty skips it."""
            old = before.get(path)
            if old is None or old[0] != held:
                return None
            old[1].modified = False
            return old[1]

        made: dict[str, tuple[Page | str | bytes | Path, GeneratedFile]] = {}
        for page in gen.pages.values():
            f = unchanged(page.path, page)
            if f is None:
                f = GeneratedFile.generated(
                    config, page.path, content="", inclusion=InclusionLevel.NOT_IN_NAV
                )
                f.source_page = page
                GeneratedPage(page, f, config, template)
            made[page.path] = (page, f)
        # In a preview rebuild, a page the edit did not change is left out: its last output stays
        # in site_dir, and mkdocs' loops over files shrink from ~19,000 to the changed few. Pages
        # in the navigation always stay: mkdocs builds the navigation from the files.
        in_nav = nav_labels(config.nav)
        page_files = [f for path, (_, f) in made.items() if f.modified or path in in_nav]
        if self.previous is not None:  # a preview: the edited claims' pages first, before the lists
            page_files.sort(key=lambda f: not (_claim_page(f.src_uri) and f.modified))
        for f in page_files:
            out.append(f)
        if self.previous is None:
            self._folders = make_folders_ahead([f.abs_dest_path for f in page_files])
        extra = {ASSET_PREFIX + name: data for name, data in assets(gen.site).items()}
        for path, data in sorted(extra_files.items()):
            if path in extra or path in gen.pages or path.endswith(".md"):
                raise PluginError(
                    f"factcheck: discovery file {path!r} clashes with a page or asset"
                )
            extra[path] = data
        site_dir = Path(config.site_dir)
        if not self.preview:
            # A build writes them now, into the site_dir mkdocs has cleaned, and hands mkdocs files
            # already in place (its way for plugins that write there): the feeds, data exports and
            # embed cards (over 200 MB at 10,000 claims) are not held in memory while the pages
            # are built. Our assets are written here, as mkdocs and other plugins read them; the
            # rest by a helper process (writer.py), finished before the build ends.
            ours = {p: d for p, d in extra.items() if p.startswith(ASSET_PREFIX)}
            write_files(site_dir, ours)
            self._writer = _helper_sink(site_dir)
            write_files(site_dir, {p: d for p, d in extra.items() if p not in ours}, self._writer)
            # Nothing more for the helper: it exits once it has written the rest, early in the page
            # loop. (Handing it the pages as well, a 100,000-claim build took 808 s and peaked at
            # 3.32 GB, against 807 s and 2.96 GB without, the same day: on two cores it took time
            # from Pagefind, and held its queue's memory until the end.)
            self._writer.end()
        for path, data in extra.items():
            if not self.preview:
                # Only our assets are handed to mkdocs, already in place, for the plugins that
                # process a site's CSS and scripts. The feeds, exports and embed cards stay out of
                # mkdocs' file list: it would only find them written already (~2.3 files and
                # 2.5 KB of memory a claim: 0.25 GB at 100,000 claims).
                if path.startswith(ASSET_PREFIX):
                    out.append(
                        GeneratedFile.generated(config, path, abs_src_path=str(site_dir / path))
                    )
                continue
            f = unchanged(path, data) or (
                GeneratedFile.generated(config, path, abs_src_path=str(data))
                if isinstance(data, Path)  # a cached image: copied, never held in memory
                else GeneratedFile.generated(config, path, content=data)
            )
            made[path] = (data, f)
            if f.modified:
                out.append(f)
        if self.previous is not None:
            # A page or file this build no longer makes (a claim deleted or renamed): its last
            # output would go on being served by the preview as if current.
            for path in self.previous.keys() - made.keys():
                Path(self.previous[path][1].abs_dest_path).unlink(missing_ok=True)
        self.files = made
        return out

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """Navigation labels come from mkdocs.yml (`- Home: index.md`), not from page titles."""
        labels = nav_labels(config.nav)
        for page in nav.pages:
            label = labels.get(page.file.src_uri)
            if isinstance(page, GeneratedPage) and label:
                page.title = str(escape(label))
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        env.globals.pop("fc_cache", None)
        _root_direction(env)
        self.shells = None
        # Our theme partials (search box, copyright line) say `_("...")`: the site's catalog.
        settings = self.gen.settings if self.gen else None
        msgs = settings.messages if settings else i18n.messages("en")
        if "jinja2.ext.InternationalizationExtension" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        gettext, ngettext = languages.page_gettext(msgs, settings.locale_dirs if settings else ())
        env.install_gettext_callables(gettext, ngettext, newstyle=True)
        env.globals["fc_i18n"] = True
        env.globals["fc_tidy"] = shells.tidy  # overrides/main.html: less white space
        env.auto_reload = False  # a new environment every build: no template changes within one
        _shared_frame_files(env, config)
        if self.preview:  # every rebuild makes a new environment: compile the templates once
            env.bytecode_cache = self.bytecode
        if not _caching():
            return env
        env.globals["fc_cache"] = shells.TemplateCache()
        main = env.get_template("main.html")
        self.shells = shells.Shells(main.render)
        env.loader = ChoiceLoader([DictLoader({shells.TEMPLATE: shells.SOURCE}), env.loader])
        env.globals["fc_page"] = shells.page_renderer(self.shells)
        return env

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if isinstance(page, GeneratedPage) and page.pending:
            try:
                page.complete()
            except RenderError as e:
                raise PluginError(f"factcheck: {e}") from e
        return context

    @event_priority(-100)  # after every other plugin's, which may still read the page
    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        """A build drops a generated page's HTML, front matter and table of contents once it is
        written (a preview reuses them): at 100,000 claims they would stay for 200,000 pages.

        Without shells (FACTCHECK_TEMPLATE_CACHE=0) the page is tidied here, as shells tidy theirs."""
        if isinstance(page, GeneratedPage) and not self._search_box_seen:
            self._search_box_seen = True  # the first page tells: every page has the same header
            if "data-fc-search" not in output:
                log.warning(
                    "factcheck: pages have no search box: the site's own partials/header.html "
                    '(theme.custom_dir) leaves out ours; add {% include "partials/search.html" '
                    "%} where Material's search was (see the package's "
                    "generator/theme/partials/header.html)"
                )
        if isinstance(page, GeneratedPage) and self.shells is None:
            output = shells.tidy_frame(output, page.content)
        if isinstance(page, GeneratedPage) and not self.preview and self.gen is not None:
            page.written()
            self.gen.written(page.file.src_uri)
        return output

    def _stop_folders(self) -> None:
        if self._folders is not None:
            self._folders.wait()
            self._folders = None

    @event_priority(100)  # before every other plugin's, which may read the written pages
    def _on_post_build_written(self, *, config: MkDocsConfig) -> None:
        """Every file handed to the writer process is on disk (or the build fails, naming one)."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            try:
                writer.finish()
            except OSError as e:
                raise PluginError(f"factcheck: {e}") from e

    def _on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.gen is not None
        self.gen.stop_rendering()
        self._stop_folders()
        if self.shells is not None:
            log.debug(
                "theme shells: %d pages filled, %d rendered by the theme",
                self.shells.filled,
                self.shells.rendered,
            )
        self.gen.after_build(Path(config.site_dir), search_index=self.config.search_index)
        if self.preview:
            pages = self.gen.last.pages if self.gen.last else {}
            self.previous = {p: (pages.get(p, held), f) for p, (held, f) in self.files.items()}
            # A preview lives on: what this build made stays, so the collector stops walking it.
            gc.collect()  # after the pages are written: it delays the next rebuild, not this one
            gc.freeze()
        self._end_build()

    on_post_build = CombinedEvent(_on_post_build_written, _on_post_build)

    def on_build_error(self, *, error: Exception) -> None:
        if self.gen is not None:
            self.gen.stop()
        self._stop_folders()
        if self._writer is not None:
            self._writer.stop()
            self._writer = None
        self._end_build()

    def _end_build(self) -> None:
        """The garbage collector as it was before the build (see on_pre_build)."""
        if self._collector:
            gc.enable()
        self._collector = None

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Rebuild when anything under the content folder changes.

        mkdocs polls what it watches twice a second, taking a snapshot of the whole tree each time:
        0.34 s of this process's time for a 10,000-claim folder, competing with the rebuilds. The
        content folder is watched through the system's change notifications (inotify) instead, with
        mkdocs' own handler: `server.watch` schedules it on the observer that is in place.
        """
        gen = self.gen
        preview.serve_errors(  # no browser left waiting
            server,
            lambda: gen.problems if gen else [],
            lambda: gen.settings if gen else None,
            config.config_file_path or None,
        )
        if gen is None or not gen.content_root.is_dir():
            return server
        for folder in map(Path, gen.settings.locale_dirs):  # the site's catalogs (mkdocs watches
            # its custom_dir): a few files, polled as mkdocs polls its own
            if folder.is_dir() and not folder.is_relative_to(gen.content_root):
                server.watch(str(folder))
        path = str(gen.content_root)
        observer = preview.notifying_observer(path)
        if (
            observer is None
        ):  # no notifications here (or too few watches left): poll, as mkdocs does
            server.watch(path)
            return server
        polling, server.observer = server.observer, observer
        try:
            server.watch(path)
        finally:
            server.observer = polling
        observer.start()
        self._observer = observer
        return server

    def _stop_observer(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer = None
