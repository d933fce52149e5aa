"""What a preview must render again after an edit: the pages that can show what changed.

`factcheck serve` cannot render and write 19,000 pages after every save on a 10,000-claim tree and
still show the change within seconds. When only claims and verdicts changed, the pages that can show
a claim are known from the linked site: its own page, the claim pages whose "related" box can list it
(same topic, claimant, document or source, explicit `related`, `[[id]]` links either way), and the
index pages of its rating, topics, people and documents, plus the home page and every list. Everything is
taken from both the site before and after the edit, so a claim that left a topic also leaves that
topic's page. Any other change (documents, people, ratings, topics, pages, settings, history, the
site's templates and catalogs) renders everything again. Either way only pages whose HTML changed are
written (the plugin compares them).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import stat
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from . import i18n
from .link import Site
from .model import Claim, Content, Verdict
from .problems import Problem, UsageProblem
from .render.claims import related_claims
from .render.core import Context
from .render.fulltext import may_split, text_first
from .render.indexes import has_page, source_slug
from .settings import Settings

# Pages that list every claim (text, rating, sources) or the newest ones.
EVERY_TIME = ("index.md", "claims/index.md", "corrections/index.md", "sources/index.md")


def _documents(claim: Claim) -> tuple[str, ...]:
    return tuple(sorted({a.document for a in claim.appearances if a.document}))


# The other section lists show only how many claims each rating, topic, person or document has:
# what a claim contributes to those counts.
COUNTED: dict[str, Callable[[Claim, Verdict | None], object]] = {
    "ratings/index.md": lambda c, v: v.standing_rating if v else None,  # a retraction counts
    "topics/index.md": lambda c, v: c.topics,
    "people/index.md": lambda c, v: (c.claimant, v.authors, v.reviewers) if v else c.claimant,
    "documents/index.md": lambda c, v: _documents(c),
}


def changed_claims(old: Content, new: Content) -> set[str] | None:
    """Ids of the claims whose claim or verdict changed, appeared or went; None if anything else did."""
    for f in dataclasses.fields(Content):
        if f.name not in ("claims", "verdicts") and getattr(old, f.name) != getattr(new, f.name):
            return None
    ids = old.claims.keys() | new.claims.keys()
    return {i for i in ids if _differ(old.claims.get(i), new.claims.get(i))} | {
        i for i in ids if _differ(old.verdicts.get(i), new.verdicts.get(i))
    }


def _differ(a: object, b: object) -> bool:
    return a is not b and a != b  # unchanged files give back the same objects (CheckCache)


def pages_showing(site: Site, cid: str) -> set[str]:
    """The pages of `site` (docs paths) on which claim `cid` or its verdict can appear.

    A superset: `pages_to_render` keeps, of the claim pages here, those whose related box shows the
    claim (or changed), and those that link it in their text.
    """
    content = site.content
    claim = content.claims.get(cid)
    if claim is None:
        return set()
    claims = {cid, *claim.related, *site.backlinks.get(cid, ())}
    original = claim.translation_of or cid  # every version links the others (language switcher)
    claims |= {original, *site.translations.get(original, ())}
    claims |= {y for y, c in content.claims.items() if cid in c.related}
    claims |= {y for y, links in site.backlinks.items() if cid in links}
    claims |= set(site.by_claimant.get(claim.claimant, ()))
    documents = set(_documents(claim))
    for d in documents:
        claims |= set(site.by_document.get(d, ()))
    for t in claim.topics:
        claims |= set(site.by_topic.get(t, ()))
    pages = {f"people/{claim.claimant}.md"}
    pages |= {f"topics/{t}.md" for t in claim.topics}
    pages |= {f"documents/{d}.md" for d in documents}
    pages |= {text_first(d) for d in documents}  # a long text's own pages (render/fulltext.py)
    verdict = content.verdicts.get(cid)
    if verdict is not None:
        by_url = site.sources_by_url
        for s in verdict.sources:
            if s.url in by_url:
                claims |= set(by_url[s.url].claim_ids)
                pages.add(f"sources/{source_slug(s.url)}.md")  # when it has a page of its own
        pages.add(f"ratings/{verdict.rating}.md")
        pages |= {f"people/{p}.md" for p in (*verdict.authors, *verdict.reviewers)}
    # The lists of every fact check linking a claim (render/claims.py `links_page`): this claim's
    # own (its title heads it), and those of the claims its verdict links (it is listed there).
    pages.add(f"claims/{cid}/links.md")
    pages |= {f"claims/{y}/links.md" for y, links in site.backlinks.items() if cid in links}
    return pages | {f"claims/{y}.md" for y in claims}


def pages_to_render(old: Site, new: Site, ids: set[str]) -> set[str] | None:
    """Docs paths to render again after the claims `ids` changed (from `changed_claims`), or None
    for every page: when the newest date in the content moved, since pages without a date of
    their own carry that one."""
    if _newest(old) != _newest(new):
        return None
    out = set(EVERY_TIME)
    for path, counted in COUNTED.items():
        if any(_counts(old, cid, counted) != _counts(new, cid, counted) for cid in ids):
            out.add(path)
    for site in (old, new):
        for cid in ids:
            out |= pages_showing(site, cid)
    # A neighbour's page shows an edited claim only in its related box, or where its text links it.
    linked = {f"claims/{y}.md" for site in (old, new) for y in _linking(site, ids)}
    linked |= {f"claims/{y}.md" for site in (old, new) for y in _versions(site, ids)}
    # A long text's passages can move to another of its pages: its claims' links to them change.
    for site in (old, new):
        for cid in ids:
            claim = site.content.claims.get(cid)
            for d in _documents(claim) if claim is not None else ():
                if may_split(site, d):
                    linked |= {f"claims/{y}.md" for y in site.by_document.get(d, ())}
    # A claim citing a source with a page of its own links that page with the source's title and
    # how many cite it (render/claims.py `_see_all`): each claim citing a source the edit changed.
    urls = {s.url for site in (old, new) for i in ids for s in _sources(site, i)}
    for url in urls:
        cited = [site.sources_by_url.get(url) for site in (old, new)]
        if cited[0] != cited[1] and any(s is not None and has_page(s) for s in cited):
            linked |= {f"claims/{y}.md" for s in cited if s is not None for y in s.claim_ids}
    for path in [p for p in out if p.startswith("claims/") and p != "claims/index.md"]:
        y = path[len("claims/") : -len(".md")]
        if y in ids or path in linked or "/" in y:  # "/": a list (claims/<id>/links.md)
            continue
        before, after = _related(old, y), _related(new, y)
        if before == after and not (ids & {i for group in after.values() for i in group}):
            out.discard(path)
    return out


def overrides_state(dirs: Iterable[str]) -> tuple[tuple[str, int, int], ...]:
    """Every file in the site's template and catalog folders, with its size and time: a preview
    that sees one change reads them again and renders and writes every page (a page template, the
    frame around every page, or a string may be what changed). A file among `dirs` (mkdocs.yml:
    its navigation, palette and footer are the frame of every page) counts as itself."""
    found = []
    for folder in dirs:
        root = Path(folder)
        for path in root.rglob("*") if root.is_dir() else (root,):
            try:
                st = path.stat()
            except OSError:  # removed while we look: the next save is seen
                continue
            if stat.S_ISREG(st.st_mode):
                found.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(sorted(found))


def _newest(site: Site) -> object:
    return Context.of(site, Settings()).updated


def _counts(site: Site, cid: str, counted: Callable[[Claim, Verdict | None], object]) -> object:
    claim = site.content.claims.get(cid)
    return ("absent",) if claim is None else counted(claim, site.content.verdicts.get(cid))


def _linking(site: Site, ids: set[str]) -> set[str]:
    """Claims whose verdict links one of `ids` with [[id]] (the link text is that claim)."""
    return {y for y, links in site.backlinks.items() if ids & set(links)} | {
        y for i in ids for y in site.backlinks.get(i, ())
    }


def _sources(site: Site, cid: str) -> tuple:
    """The sources claim `cid`'s verdict cites in `site` (none without a verdict)."""
    verdict = site.content.verdicts.get(cid)
    return verdict.sources if verdict is not None else ()


def _versions(site: Site, ids: set[str]) -> set[str]:
    """The other language versions of the claims `ids` (their switchers and hreflang links)."""
    claims = site.content.claims
    out: set[str] = set()
    for cid in ids:
        claim = claims.get(cid)
        if claim is not None:
            original = claim.translation_of or cid
            out |= {original, *site.translations.get(original, ())}
    return out


def _related(site: Site, cid: str) -> dict[str, tuple[str, ...]]:
    if cid not in site.content.claims:
        return {}
    return related_claims(site, cid)


log = logging.getLogger("mkdocs.plugins.factcheck")
TEMPLATES = Path(__file__).parent / "theme" / "factcheck"


def located(error: BaseException) -> str:
    """An error's message, led by the template file and line it came from when a template raised
    it: Jinja's messages name neither ("Unexpected end of template."), and the mistake may be in
    any of the site's overrides/ or the package's templates."""
    from jinja2 import TemplateSyntaxError

    from .siteconfig import override_hint

    seen: set[int] = set()
    e: BaseException | None = error
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, TemplateSyntaxError) and (e.filename or e.name):
            where = e.filename or e.name
            return f"{where}:{e.lineno}: {e.message}{override_hint(str(where))}"
        # Jinja puts each template's file and line into the traceback; the innermost is the one.
        frames = traceback.extract_tb(e.__traceback__)
        places = [
            f for f in frames if not f.filename.endswith(".py") and Path(f.filename).is_file()
        ]
        if places:
            where = places[-1].filename
            return f"{where}:{places[-1].lineno}: {e}{override_hint(where)}"
        e = e.__cause__ or e.__context__
    return str(error)


def error_page(
    problems: Sequence[Problem], message: str = "", messages: i18n.Messages | None = None
) -> bytes:
    """The page a preview shows while the site has errors: every problem, as validate says it, or
    the error's own text (a template's, mkdocs.yml's). From a template
    (theme/factcheck/preview_error.html), in the site's language (`messages`), escaped like every
    other page."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    lang = messages or i18n.messages(i18n.SOURCE_LANGUAGE)
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(lang.gettext, lang.ngettext, newstyle=True)  # type: ignore[attr-defined]
    errors = sum(p.severity == "error" for p in problems)
    # The errors first: they are what stops the preview (a new site's 26 starter warnings came
    # before its one error). Each group keeps validate's order.
    problems = sorted(problems, key=lambda p: p.severity != "error")
    html = env.get_template("preview_error.html").render(
        problems=problems if errors else (),
        errors=errors or 1,
        message="" if errors else message,
        lang=lang,
    )
    return html.encode("utf-8")


_LANG = re.compile(rb"<html\b[^>]*\blang=\"([^\"]+)\"")


def site_messages(root: str | Path, settings: Settings | None = None) -> i18n.Messages:
    """The words of the site a preview serves from `root`: in the language its pages were built
    in (the error page comes in place of those pages), with the site's own catalogs
    (`settings.locale_dirs`, the last settings that loaded) first, as on its pages."""
    language = i18n.SOURCE_LANGUAGE
    # The home page first: every rebuild that changes the language writes it again (a preview
    # keeps the first build's 404 page).
    for name in ("index.html", "404.html"):
        try:
            with open(Path(root) / name, "rb") as f:
                found = _LANG.search(f.read(4096))
        except OSError:
            continue
        if found:
            language = found.group(1).decode("ascii", "replace")
            break
    if settings is not None and settings.locale_dirs:
        locale = settings.locale if language == settings.language else None
        try:
            return i18n.messages(language, locale, settings.locale_dirs)
        except UsageProblem:  # the site's catalog is what is broken: the page says so in ours
            pass
    return i18n.messages(language)


class _Said(logging.Handler):
    """The warnings and errors a rebuild logged, on its own thread (the server logs requests on
    others): mkdocs logs what is wrong in mkdocs.yml, or the warnings that fail a strict build,
    and raises an exception that says only "Aborted with a configuration error!"."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.lines.append(record.getMessage())


_CONFIG_KEY = re.compile(r"(?:Config value|option) '([^']+)'")


def config_line(config_file: str | None, message: str) -> int | None:
    """The line of mkdocs.yml that mkdocs' `message` is about ("Config value 'plugins': Plugin
    'factcheck' option 'page_size': ..."): each key named, looked for below the one before."""
    keys = _CONFIG_KEY.findall(message)
    if not config_file or not keys:
        return None
    try:
        lines = Path(config_file).read_text("utf-8").splitlines()
    except (OSError, UnicodeError):
        return None
    found, start = None, 0
    for key in keys:
        pattern = re.compile(rf"\s*(?:-\s*)?[\"']?{re.escape(key)}[\"']?\s*:")
        for n in range(start, len(lines)):
            if pattern.match(lines[n]):
                found = start = n + 1
                break
    return found


def _said_message(said: list[str], message: str, config_file: str | None) -> str:
    """What the error page says when no content problem stopped the rebuild: what mkdocs logged
    (each mkdocs.yml mistake led by its file and line), then the error's own text."""
    out: list[str] = []
    for line in [*said, message]:
        where = config_line(config_file, line)
        line = f"{config_file}:{where}: {line}" if where else line
        if line not in out:
            out.append(line)
    return "\n".join(out)


def serve_errors(
    server: Any,
    problems: Callable[[], Sequence[Problem]],
    settings: Callable[[], Settings | None] | None = None,
    config_file: str | None = None,
) -> None:
    """Show a failed rebuild in the browser instead of leaving it waiting.

    mkdocs' live-reload server holds every request until a rebuild succeeds, so after a content
    error the browser hung until the file was fixed. Here a failed rebuild still ends the rebuild
    (its error is logged as before, with path:line:col): browsers reload, and every page request
    gets the error page listing `problems()` (or the error's own text, placed in its template),
    with the live-reload script, until a rebuild succeeds. Other files, and the pages as last
    built, stay as they were. `settings()` gives the site's last settings: the page speaks with
    its own catalogs too (plugin option locale_dir). A mistake in mkdocs.yml (`config_file`) is
    shown as mkdocs logged it, with its line, not as mkdocs' "Aborted with a configuration
    error!" alone.
    """
    builder, app = server.builder, server.get_app()
    failed: list[bytes] = []  # the error page while the last rebuild failed

    def build(*args: Any, **kwargs: Any) -> None:
        before = problems()
        said = _Said()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(said)
        try:
            builder(*args, **kwargs)
        except Exception as e:  # noqa: BLE001 - any failure is shown in the browser
            # A rebuild that stopped before reading the content (mkdocs.yml does not load) left
            # the last read's problems: fixed ones, maybe. Only this read's are listed.
            now = problems()
            found = list(now) if now is not before else []
            message = located(e)
            if not any(p.severity == "error" for p in found):
                log.error("%s", message)  # mkdocs says nothing of a broken mkdocs.yml itself
                message = _said_message(said.lines, message, config_file)
            words = site_messages(server.root, settings() if settings else None)
            failed[:] = [error_page(found, message, words)]
            log.error("The preview shows the errors in the browser until they are fixed.")
        else:
            failed.clear()
        finally:
            mkdocs_log.removeHandler(said)

    def serve(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if failed and (path.endswith(("/", ".html")) or "." not in path.rsplit("/", 1)[-1]):
            page = failed[0]
            inject = getattr(server, "_inject_js_into_html", None)  # mkdocs' live-reload script
            if inject is not None:
                page = inject(page, getattr(server, "_visible_epoch", 0))
            # 200, not 500: mkdocs logs any other status as a warning, and in strict mode a
            # warning fails the next rebuild, the one that has the fix.
            start_response(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(page)))],
            )
            return [page]
        return app(environ, start_response)

    server.builder = build
    server.set_app(serve)


def _folders_too(handler: Any) -> Any:
    """`handler` told of a folder that left as of a file that did: mkdocs' handler ignores folder
    events, and a folder moved out of the content is one event for the folder, none for its
    files (moved in or within, its files get events of their own), so nothing was rebuilt."""
    from watchdog import events

    class FoldersToo(events.FileSystemEventHandler):
        def dispatch(self, event: events.FileSystemEvent) -> None:
            if isinstance(event, events.DirDeletedEvent):
                event = events.FileDeletedEvent(event.src_path)
            handler.dispatch(event)

    return FoldersToo()


def notifying_observer(path: str) -> Any:
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
            return super().schedule(_folders_too(handler), path, recursive=recursive, **kw)

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
