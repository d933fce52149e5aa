"""The mkdocs adapter: reads, checks, links and renders the content, and hands mkdocs finished pages.

Everything else is plain Python that never imports mkdocs; this module only wires it into mkdocs' build:

- `on_config`: Settings from mkdocs.yml; the stylesheet joins `extra_css`.
- `on_pre_build`: read and check the content (before mkdocs cleans `site_dir`, so content errors leave an
  existing site as it was), then link and render every page.
- `on_files`: drop whatever sits in `docs_dir` (pages come from the content, through the safe renderer)
  and add each rendered page as a generated file, with a `GeneratedPage` that already holds its HTML,
  so Python-Markdown never parses it; add the discovery files (feeds, data) and our assets.
- `on_post_build`: discovery work that needs the built HTML (the search index).
- `on_serve`: rebuild when anything under the content folder changes.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from jinja2 import BytecodeCache, ChoiceLoader, DictLoader, pass_context
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkdocsPage
from mkdocs.structure.toc import get_toc

from . import discovery, history, i18n, preview, search, shells
from .changes import redirect_map
from .feeds import alternate_links
from .link import History, Site, link, relink
from .model import Content
from .render import Page, RenderError, Rendering, rating_css, rerender, start_rendering
from .render.redirect import redirect_page
from .render.sanitize import is_clean
from .settings import Settings
from .validate import CheckCache, read_content

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


@dataclasses.dataclass
class Previous:
    """A preview's last build: what the next rebuild compares with and keeps."""

    site: Site
    pages: dict[str, Page]  # finished pages by docs path
    settings: Settings
    files: dict[str, tuple[Page | str | bytes, GeneratedFile]]  # path -> (what it holds, its File)
    clean: bool  # no text needed stripping (render.sanitize)


class FactcheckConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """The content tree, relative to mkdocs.yml."""
    organization_name = c.Optional(c.Type(str))
    """The publisher of the fact checks (ClaimReview `author`); defaults to site_name."""
    organization_url = c.Optional(c.Type(str))
    """The publisher's address; defaults to site_url."""
    license_name = c.Type(str, default="CC BY 4.0")
    license_url = c.Type(str, default="https://creativecommons.org/licenses/by/4.0/")
    search_index = c.Type(bool, default=True)
    """Build the Pagefind search index. Off (`factcheck build --no-search`), a large site builds in
    about half the time, for a quick look; its search box then says search is not available."""
    methodology_page = c.Type(str, default="methodology.md")
    """The site's own methodology page in content/pages: when it exists, no page is generated."""
    locale = c.Optional(c.Type(str))
    """CLDR locale for dates when it should differ from theme.language (`en_GB`: 1 September 2026)."""
    locale_dir = c.Optional(c.Type(str))
    """A folder of the site's own catalogs (<lang>/LC_MESSAGES/messages.po), relative to mkdocs.yml:
    its strings win over the package's, and it can add a language."""


class GeneratedFile(File):
    """A generated page's source file; its Markdown is produced only if something reads it."""

    source_page: Page | None = None
    modified: bool = (
        True  # False: the same as in the preview's last build (mkdocs --dirty skips it)
    )

    def is_modified(self) -> bool:
        return self.modified

    @property  # type: ignore[override]
    def _content(self) -> str | bytes | None:
        if self.source_page is not None:
            return self.source_page.markdown
        return self.__dict__.get("_raw_content")

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self.__dict__["_raw_content"] = value


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory for the rebuilds of one preview."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Any) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Any) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class TemplateCache:
    """Theme fragments that are the same on many pages, rendered once (see overrides/main.html).

    mkdocs writes links relative to the page, so a fragment is shared only by sibling pages two
    levels down (claims/x/ and claims/y/ both link the claims index as `../`, while people/z/ writes
    `../../claims/`); every other page keeps its own. A fragment that marks the current page (the
    navigation, the footer's previous/next links) is shared only by pages outside the navigation.
    None of the shared fragments links to a page two levels down, so no sibling sees a wrong link.
    """

    def __init__(self) -> None:
        self._store: dict[str, str] = {}

    def key(self, name: str, page: Any, nav: Any = None) -> str | None:
        if page is None or not hasattr(page, "url"):
            return None
        if nav is not None and any(page is p for p in nav.pages):
            return None
        parts = page.url.strip("/").split("/")
        where = parts[0] + "/*" if len(parts) == 2 else page.url
        return f"{name}:{where}"

    def nav_key(self, page: Any, nav: Any) -> str | None:
        return self.key("nav", page, nav)

    def has(self, key: str | None) -> bool:
        return key is not None and key in self._store

    def get(self, key: str) -> str:
        return self._store[key]

    def put(self, key: str | None, html: str) -> str:
        if key is not None:
            self._store[key] = html
        return html


_SLUG_URL = re.compile(r"(?:[A-Za-z0-9_-]+/)*")  # "", "claims/", "claims/some-id/"


@functools.lru_cache(maxsize=8)
def _base_path(base: str) -> str:
    return urlsplit(base).path


def canonical_url(base: str | None, url: str) -> tuple[str, str] | None:
    """A page's (canonical_url, abs_url) as mkdocs computes them, for the plain addresses of our
    pages (slug folders), or None to leave the case to mkdocs.

    mkdocs joins and splits every page's address with urllib, about 0.1 ms a page: 1.8 s of the
    build's time at 19,000 pages. For a folder of slugs under a base ending in "/", the join is a
    concatenation.
    """
    if not base or "?" in base or "#" in base or not _SLUG_URL.fullmatch(url):
        return None
    if not base.endswith("/"):
        base += "/"
    return base + url, _base_path(base) + url


class GeneratedPage(MkdocsPage):
    """A page whose HTML and front matter exist already: reading and rendering cost nothing.

    A page still rendering in a worker (a stub: title, dates and edit link only) is completed in
    `on_page_context`, just before mkdocs templates it, so the workers keep rendering later pages
    while mkdocs templates earlier ones.
    """

    def __init__(
        self, generated: Page, file: File, config: MkDocsConfig, template: str | None = None
    ) -> None:
        super().__init__(None, file, config)
        self.generated = generated
        self.template = template
        self.edit_url = generated.edit_url
        if generated.updated is not None:
            # mkdocs stamps sitemap.xml.gz with the latest of these, and gzip holds 32 bits of
            # seconds: a later date (validate refuses it) must not crash the build there.
            self.update_date = min(generated.updated.isoformat(), "2106-02-06")

    def _set_canonical_url(self, base: str | None) -> None:
        fast = canonical_url(base, self.url)
        if fast is None:
            super()._set_canonical_url(base)
        else:
            self.canonical_url, self.abs_url = fast

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = self._meta(self.generated.meta)

    def _meta(self, meta: dict[str, Any]) -> dict[str, Any]:
        """The page's front matter, naming the shell template when shells are on."""
        return {**meta, "template": self.template} if self.template else dict(meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self._title_from_render = None
        self.present_anchor_ids = None
        self.links_to_anchors = None
        if isinstance(self.generated.html, str):
            self.complete()
        else:
            self.content = ""

    def complete(self) -> None:
        """Take the finished page (waiting for it if a worker is still rendering it).

        The page's own title is its <h1> here, so the theme does not write `page.title` there: that
        stays free to be the label mkdocs.yml gives the page in the navigation.
        """
        page = self.generated.resolved()
        self.meta = self._meta(page.meta)
        self.content = f"<h1>{page.meta['title']}</h1>\n{page.body()}"
        self.toc = get_toc(_toc_tokens(page.toc))

    @property
    def pending(self) -> bool:
        return not isinstance(self.generated.html, str) and not self.content


def _page_renderer(page_shells: shells.Shells) -> Callable[[Any], str]:
    @pass_context
    def render(context: Any) -> str:
        """A generated page through its theme shell (see shells.py), or the normal way."""
        page, nav = context["page"], context["nav"]
        in_nav = nav is not None and any(page is p for p in nav.pages)
        return page_shells.render(context.get_all(), in_nav)

    return render


def _notifying_observer(path: str) -> Any:
    """A watchdog observer told of changes by the system, if it can watch `path`; else None.

    It reports changes only: inotify also reports every file opened or read, and each build reads
    the content, so with those the preview would rebuild itself without end.
    """
    try:
        from watchdog import events
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver
    except ImportError:
        return None
    changes = (
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileClosedEvent,
        events.FileDeletedEvent,
        events.FileMovedEvent,
        events.DirCreatedEvent,
        events.DirDeletedEvent,
        events.DirMovedEvent,
    )

    class ChangesOnly(Observer):  # type: ignore[misc, valid-type]
        def schedule(self, handler: Any, path: str, *, recursive: bool = False, **kw: Any) -> Any:
            kw.setdefault("event_filter", changes)
            return super().schedule(handler, path, recursive=recursive, **kw)

    if issubclass(Observer, PollingObserver):
        return None
    try:
        observer = ChangesOnly()
        observer.unschedule(
            observer.schedule(events.FileSystemEventHandler(), path, recursive=True)
        )
        return observer
    except (OSError, TypeError):
        return None


_MAKE_FOLDERS = (
    "import os,sys\nfor d in sys.stdin.read().split('\\0'):\n os.makedirs(d, exist_ok=True)"
)


def _make_folders_ahead(destinations: list[str]) -> subprocess.Popen[bytes] | None:
    """Make the pages' folders in a helper process, in the order mkdocs will write the pages.

    Each of 19,000 folders costs ~0.2 ms of system time on this project's build VM; made by another
    process, that time is spent beside mkdocs' page loop instead of in it (a thread would wait for
    the interpreter lock at every folder). mkdocs still makes any folder it finds missing, so the
    helper may fail or lag harmlessly.
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


def _nav_page(item: Any) -> str | None:
    """The docs path of a nav entry that names one of our pages (`index.md`), else None."""
    if isinstance(item, str) and item.endswith(".md") and "://" not in item:
        return item.lstrip("/")
    return None


def _nav_labels(nav: Any) -> dict[str, str | None]:
    """The pages mkdocs.yml's `nav` names (docs paths), with the label it gives each (or None)."""
    out: dict[str, str | None] = {}

    def walk(item: Any, label: str | None = None) -> None:
        if isinstance(item, dict):
            for key, value in item.items():
                walk(value, key)
        elif isinstance(item, list):
            for i in item:
                walk(i)
        elif (path := _nav_page(item)) is not None:
            if label is not None:
                out[path] = label
            else:
                out.setdefault(path, None)

    walk(nav or [])
    return out


def _claim_page(path: str) -> bool:
    return path.startswith("claims/") and path != "claims/index.md"


def _caching() -> bool:
    """Template caches and shells are on unless FACTCHECK_TEMPLATE_CACHE=0 (tests compare both)."""
    return os.environ.get("FACTCHECK_TEMPLATE_CACHE", "1") != "0"


def _toc_tokens(entries: tuple[tuple[int, str, str], ...]) -> list[Any]:
    tokens: list[dict[str, Any]] = []
    for level, anchor, name in entries:
        token = {"level": level, "id": anchor, "name": name, "children": []}
        if tokens and level > tokens[-1]["level"]:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


def settings_from_config(config: MkDocsConfig, options: FactcheckConfig) -> Settings:
    """Settings for the renderer from mkdocs.yml and the plugin's options."""
    site_url = config.site_url or "https://example.org/"
    if not site_url.endswith("/"):
        site_url += "/"
    repo_url = config.repo_url or None
    edit_base = None
    if repo_url and config.edit_uri:
        edit_base = urljoin(repo_url.rstrip("/") + "/", config.edit_uri).rstrip("/")
    config_dir = Path(config.config_file_path or ".").resolve().parent
    content = Path(options.content_dir)
    content_abs = content if content.is_absolute() else config_dir / content
    try:
        content_rel = content_abs.resolve().relative_to(config_dir).as_posix()
    except ValueError:
        content_rel = content.name
    locale_dirs: tuple[str, ...] = ()
    if options.locale_dir:
        locale_dirs = (str((config_dir / options.locale_dir).resolve()),)
    # The site's custom_dir first: its factcheck/<page>.html replaces ours, file by file.
    custom = config.theme.custom_dir
    return Settings(
        site_name=config.site_name,
        site_url=site_url,
        site_description=config.site_description or "",
        language=config.theme.get("language") or "en",
        organization_name=options.organization_name or config.site_name,
        organization_url=options.organization_url or site_url,
        license_name=options.license_name,
        license_url=options.license_url,
        repo_url=repo_url,
        edit_base=edit_base,
        content_dir=content_rel,
        locale=options.locale,
        methodology_page=options.methodology_page,
        locale_dirs=locale_dirs,
        template_dirs=(str(custom),) if custom else (),
    )


def problems_message(problems: list[Any]) -> str:
    errors = [p for p in problems if p.severity == "error"]
    lines = [f"{p.path}:{p.line}:{p.col}: {p.message}" for p in errors]
    return f"the content has {len(errors)} error(s); nothing was built:\n" + "\n".join(lines)


class FactcheckPlugin(BasePlugin[FactcheckConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.content_root: Path | None = None
        self.site: Site | None = None
        self.pages: dict[str, Page] = {}
        self.rendering: Rendering | None = None
        self.extra: dict[str, str | bytes] = {}
        # `generator.build` reads and checks the content once and hands it over here.
        self.preloaded: Content | None = None
        self._history: tuple[str | None, History] | None = None  # (HEAD commit, history)
        self.shells: shells.Shells | None = None
        self.early_index: search.EarlyIndex | None = None
        self.clean = False  # this build's content had nothing to strip (render.sanitize.is_clean)
        self.preview = False  # inside `serve` (on_startup): rebuilds after the first are previews
        self.check_cache: CheckCache | None = None
        self.bytecode = _MemoryBytecodeCache()
        self._observer: Any = None  # the content folder's change notifications, in `serve`
        self._warned: set[str] = set()  # content warnings a preview has shown
        self.problems: list[Any] = []  # the last read's problems: a preview's error page lists them
        self.previous: Previous | None = None  # a preview's last build
        self.discovery_files: dict[str, str | bytes] | None = {}
        self.files: dict[str, tuple[Page | str | bytes, GeneratedFile]] = {}
        self._folders: subprocess.Popen[bytes] | None = None  # see _make_folders_ahead
        self._collector: bool | None = None  # gc was enabled before this build (on_pre_build)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError(
                "factcheck: pages link each other by directory URLs; set use_directory_urls: true"
            )
        config_dir = Path(config.config_file_path or ".").resolve().parent
        content = Path(self.config.content_dir)
        self.content_root = (content if content.is_absolute() else config_dir / content).resolve()
        self.settings = settings_from_config(config, self.config)
        # The package's theme folder (main.html, partials, factcheck/ page templates) goes on the
        # theme's search path right below the site's custom_dir, so a site with no overrides/
        # gets every template, and a site's own file still wins, file by file.
        dirs = config.theme.dirs
        if THEME_DIR not in dirs:
            custom = config.theme.custom_dir
            dirs.insert(dirs.index(custom) + 1 if custom in dirs else 0, THEME_DIR)
        msgs = i18n.messages(
            self.settings.language, self.settings.locale, self.settings.locale_dirs
        )
        if not msgs.found and "language" not in self._warned:
            self._warned.add("language")
            log.warning(
                "factcheck: no catalog for language '%s' (shipped: %s); the pages use English. "
                "Add one with the plugin option locale_dir.",
                self.settings.language,
                ", ".join(i18n.shipped_languages()),
            )
        # Pages carry their feed links in their front matter; pages mkdocs makes itself (404) read
        # the site's feeds from here.
        config.extra["factcheck_feeds"] = alternate_links(self.settings)
        # Ours first, so stylesheets listed in mkdocs.yml (extra_css) come after and can override.
        ours = [ASSET_PREFIX + n for n in STYLESHEETS]
        ours += sorted(
            ASSET_PREFIX + p.name for p in ASSETS.glob("*.css") if p.name not in STYLESHEETS
        )
        config.extra_css[:0] = [url for url in ours if url not in config.extra_css]
        if self.previous is not None:  # a preview rebuild: the first build's sitemap and 404 stay
            config.theme.static_templates.difference_update({"sitemap.xml", "404.html"})
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps one plugin instance for a whole `serve`: its rebuilds are previews.

        (mkdocs then keeps the instance for every later config loaded in this process, too.)
        """
        self.preview = command == "serve"
        self.check_cache = CheckCache() if self.preview else None
        self.previous, self._warned = None, set()

    def on_shutdown(self) -> None:
        self.preview, self.check_cache, self.previous = False, None, None
        self._warned = set()
        self._stop_observer()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.settings is not None and self.content_root is not None
        # A build makes objects that stay alive until it ends (the model, the pages, mkdocs' files)
        # and almost no reference cycles: the collector would only walk them again and again, about
        # 1.5 s of this process's time and as much in the render workers at 10,000 claims, for
        # nothing freed (the build's peak memory is the same without it). It is back on when the
        # build ends (`_end_build`); a preview then collects once and freezes what it keeps.
        if self._collector is None:
            self._collector = gc.isenabled()
        gc.disable()
        self._pre_build(config)

    def _pre_build(self, config: MkDocsConfig) -> None:
        assert self.settings is not None and self.content_root is not None
        content, self.preloaded = self.preloaded, None  # handed over for this one build
        if content is None:
            content, problems = read_content(self.content_root, self.check_cache)
            self.problems = problems
            warnings = [
                f"{p.path}:{p.line}:{p.col}: {p.message}" for p in problems if p.severity != "error"
            ]
            for line in warnings:  # a preview repeats only the warnings it has not shown yet
                if line not in self._warned:
                    log.info(line)
            self._warned = set(warnings) if self.preview else set()
            if content is None:
                raise PluginError(problems_message(problems))
        previous = self.previous
        # A preview rebuild after claim edits links again only what they touch (link.relink).
        ids = None if previous is None else preview.changed_claims(previous.site.content, content)
        linked = link(content) if ids is None else relink(previous.site, content, ids)
        self.site = dataclasses.replace(linked, history=self._read_history())
        self._stop_rendering()
        self._stop_index()
        if previous is not None:
            self._render_again(previous, ids)
        else:
            self._render_all(config)
        self.extra = {}
        for old, new in redirect_map(self.content_root, set(content.claims)).items():
            title = content.claims[new].short
            self.extra[f"claims/{old}/index.html"] = redirect_page(old, new, title, self.settings)

    def _render_all(self, config: MkDocsConfig) -> None:
        assert self.site is not None and self.settings is not None
        # Made before the workers fork, so they write the search documents of the pages they render.
        early = None
        if self.config.search_index and self.site.content.claims:  # none: index the built site
            early = search.EarlyIndex(
                search.scratch_folder(
                    Path(config.site_dir).resolve().parent, len(self.site.content.claims)
                ),
                discovery.search_language(self.settings),
                urls=[f"claims/{claim_id}/" for claim_id in self.site.content.claims],
            )
        self.early_index = early
        self.clean = is_clean(self.site.content)
        self.discovery_files = None  # this build's are made in on_files (see there)
        try:
            # Every core renders: the claims feed Pagefind, the longest part of a large build, and
            # the sooner they are all rendered the sooner it starts (10k claims: 47.7-53.0 s against
            # 52.5-57.8 s with a core kept for mkdocs, three runs each).
            self.rendering = start_rendering(
                self.site,
                self.settings,
                defer=False,
                sink=early.sink if early else None,
                clean=self.clean,
            )
        except RenderError as e:
            raise PluginError(f"factcheck: {e}") from e
        self.pages = self.rendering.pages

    def _render_again(self, previous: Previous, ids: set[str] | None) -> None:
        """A preview rebuild: render again only what the edit can change (see preview.py).

        `ids` are the claims that changed, None if anything else in the content did.
        """
        assert self.site is not None and self.settings is not None
        same = previous.settings == self.settings and previous.site.history == self.site.history
        ids = ids if same else None
        paths = None if ids is None else preview.pages_to_render(previous.site, self.site, ids)
        # Clean before, and the edited claims clean now: nothing to strip anywhere.
        self.clean = previous.clean and ids is not None and is_clean(self.site.content, ids)
        try:
            self.pages = rerender(self.site, self.settings, previous.pages, paths, self.clean)
        except RenderError as e:
            raise PluginError(f"factcheck: {e}") from e
        log.info(
            "Preview: rendering %s again; feeds, data and the search index are those of the "
            "first build (run `factcheck build` for all of them)",
            "every page" if paths is None else f"{len(paths)} page(s)",
        )

    def _read_history(self) -> History:
        """The verdicts' git history; read again only when HEAD moves (serve rebuilds often)."""
        assert self.content_root is not None
        head = history.head(self.content_root)
        if self._history is None or self._history[0] != head or head is None:
            found = history.collect(self.content_root, self.content_root)
            self._history = (head, History(found is not None, found or {}))
        return self._history[1]

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.early_index is not None and not self.early_index.started:
            # Pagefind over the claims is the longest part of a large build, so it starts as soon
            # as it can: this process waits (the workers have both cores) until every claim is
            # rendered, and only then makes the feeds and data, while Pagefind runs. mkdocs has
            # cleaned site_dir by now, so Pagefind can write its bundle there.
            try:
                for page in self.pages.values():
                    if page.path.startswith("claims/"):
                        page.resolved()
            except RenderError as e:
                raise PluginError(f"factcheck: {e}") from e
            self.early_index.start(bundle=Path(config.site_dir) / search.BUNDLE)
        if self.discovery_files is None:  # a first build: feeds and data (a preview keeps these)
            assert self.site is not None and self.settings is not None
            self.discovery_files = discovery.extra_files(self.site, self.settings)
        self.extra = {**self.discovery_files, **self.extra}
        self._prune_nav(config)
        docs_dir = str(Path(config.docs_dir).resolve())
        kept = [f for f in files if not (f.src_dir and str(Path(f.src_dir).resolve()) == docs_dir)]
        if self.previous is not None:
            # A preview rebuild: the installed theme's files were copied by the first build and do
            # not change while it serves (a custom_dir may: its files stay).
            installed = {d for d in config.theme.dirs if d != config.theme.custom_dir}
            kept = [f for f in kept if f.src_dir not in installed]
        out = Files(kept)
        template = shells.TEMPLATE if _caching() else None
        before = self.previous.files if self.previous is not None else {}

        def unchanged(path: str, held: Page | str | bytes) -> GeneratedFile | None:
            """The last build's file for `path`, if it held the same: mkdocs --dirty skips it."""
            old = before.get(path)
            if old is None or old[0] != held:
                return None
            old[1].modified = False
            return old[1]

        made: dict[str, tuple[Page | str | bytes, GeneratedFile]] = {}
        for page in self.pages.values():
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
        in_nav = _nav_labels(config.nav)
        page_files = [f for path, (_, f) in made.items() if f.modified or path in in_nav]
        if self.previous is not None:  # a preview: the edited claims' pages first, before the lists
            page_files.sort(key=lambda f: not (_claim_page(f.src_uri) and f.modified))
        for f in page_files:
            out.append(f)
        if self.previous is None:
            self._folders = _make_folders_ahead([f.abs_dest_path for f in page_files])
        extra = {ASSET_PREFIX + name: data for name, data in assets(self.site).items()}
        for path, data in sorted(self.extra.items()):
            if path in extra or path in self.pages or path.endswith(".md"):
                raise PluginError(
                    f"factcheck: discovery file {path!r} clashes with a page or asset"
                )
            extra[path] = data
        for path, data in extra.items():
            f = unchanged(path, data) or GeneratedFile.generated(config, path, content=data)
            made[path] = (data, f)
            if f.modified:
                out.append(f)
        self.files = made
        return out

    def _prune_nav(self, config: MkDocsConfig) -> None:
        """Drop nav entries for hand-written pages this content does not have (say so, at INFO)."""
        if not config.nav:
            return
        present = set(self.pages)

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
            path = _nav_page(item)
            if path is not None and path not in present:
                log.info(f"nav: {item} is not part of this content; the entry is left out")
                return None
            return item

        config.nav = keep(config.nav) or []

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """Navigation labels come from mkdocs.yml (`- Home: index.md`), not from page titles."""
        labels = _nav_labels(config.nav)
        for page in nav.pages:
            label = labels.get(page.file.src_uri)
            if isinstance(page, GeneratedPage) and label:
                page.title = str(escape(label))
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        env.globals.pop("fc_cache", None)
        self.shells = None
        # Our theme partials (search box, copyright line) say `_("...")`: the site's catalog.
        msgs = self.settings.messages if self.settings else i18n.messages("en")
        if "jinja2.ext.InternationalizationExtension" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(msgs.gettext, msgs.ngettext, newstyle=True)
        env.globals["fc_i18n"] = True
        if self.preview:  # every rebuild makes a new environment: compile the templates once
            env.bytecode_cache = self.bytecode
        if not _caching():
            return env
        env.globals["fc_cache"] = TemplateCache()
        main = env.get_template("main.html")
        self.shells = shells.Shells(main.render)
        env.loader = ChoiceLoader([DictLoader({shells.TEMPLATE: shells.SOURCE}), env.loader])
        env.globals["fc_page"] = _page_renderer(self.shells)
        return env

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if isinstance(page, GeneratedPage) and page.pending:
            try:
                page.complete()
            except RenderError as e:
                raise PluginError(f"factcheck: {e}") from e
        return context

    def _stop_rendering(self) -> None:
        if self.rendering is not None:
            self.rendering.close()
            self.rendering = None

    def _stop_index(self) -> None:
        if self.early_index is not None:
            self.early_index.cancel()
            self.early_index = None

    def _stop_folders(self) -> None:
        if self._folders is not None:
            self._folders.wait()
            self._folders = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.settings is not None
        self._stop_rendering()
        self._stop_folders()
        if self.shells is not None:
            log.debug(
                "theme shells: %d pages filled, %d rendered by the theme",
                self.shells.filled,
                self.shells.rendered,
            )
        indexing = self.previous is None and self.config.search_index
        # The early index stays known until this returns: if it raises, on_build_error cancels it
        # (and removes its work folder).
        discovery.after_build(
            Path(config.site_dir), self.settings, search_index=indexing, early=self.early_index
        )
        self.early_index = None
        if self.preview and self.site is not None:
            pages = {path: page.resolved() for path, page in self.pages.items()}
            files = {path: (pages.get(path, held), f) for path, (held, f) in self.files.items()}
            self.previous = Previous(self.site, pages, self.settings, files, self.clean)
            # A preview lives on: what this build made stays, so the collector stops walking it.
            gc.collect()  # after the pages are written: it delays the next rebuild, not this one
            gc.freeze()
        self._end_build()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_rendering()
        self._stop_folders()
        self._stop_index()
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
        preview.serve_errors(server, lambda: self.problems)  # not a browser left waiting
        if self.content_root is None or not self.content_root.is_dir():
            return server
        path = str(self.content_root)
        observer = _notifying_observer(path)
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
