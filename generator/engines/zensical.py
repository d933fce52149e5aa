"""The Zensical adapter: the same pages, built by Zensical instead of mkdocs.

Zensical reads mkdocs.yml and Material's templates but runs no mkdocs plugin, so this adapter does
before and after its build what the mkdocs plugin does inside one:

1. read, check, link and render the content (generation.py), as for mkdocs;
2. write a project folder beside the output: `docs/` holds every page as Markdown with front matter
   (the finished HTML, title, description, Open Graph, ClaimReview JSON-LD; what `factcheck export`
   writes) and our stylesheets; `overrides/` is the package's theme folder with the site's
   custom_dir copied over it, file by file (as the plugin puts ours below the site's custom_dir), its
   `_("...")` strings translated in place (Zensical's minijinja has no gettext); `mkdocs.yml` is the
   site's, pointed at those folders, with the navigation pruned and our stylesheets first;
3. run `zensical build` there;
4. add what the plugin adds after mkdocs' build: feeds, open data, the search UI, redirect pages,
   `sitemap.xml.gz`, and the Pagefind index over the built claim pages.

`generator.build` runs all of it into a fresh folder and swaps it into place only on success.
"""

from __future__ import annotations

import gzip
import html
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import yaml

from .. import frame, i18n, siteconfig
from ..feeds import alternate_links
from ..generation import Generation, GenerationError
from ..model import Content
from ..output import (
    ASSET_PREFIX,
    THEME_DIR,
    assets,
    nav_page,
    prune_nav,
    stylesheets,
    write_files,
)
from ..render.core import Page, page_url, toc_tree
from ..search import remove_abandoned, work_prefix
from ..settings import Settings
from ..sitemap import escape_addresses
from .base_html import with_root_direction

log = logging.getLogger("mkdocs.plugins.factcheck")

# `_("literal")` in a theme template: translated when the overrides folder is made.
_GETTEXT = re.compile(r'\b_\(\s*"((?:[^"\\]|\\.)*)"\s*\)')
# Zensical's own search index of every page; ours is Pagefind (see search.py).
ZENSICAL_SEARCH = "search.json"
# config.extra key naming the engine, for the templates.
ENGINE_EXTRA = "factcheck_engine"


class ZensicalError(RuntimeError):
    pass


def available() -> bool:
    try:
        import zensical  # noqa: F401
    except ImportError:
        return False
    return True


def version() -> str | None:
    try:
        from importlib.metadata import version as dist_version

        return dist_version("zensical")
    except Exception:
        return None


# config.extra of the project: the words of the pages in another language than the site's
# ("<tag>|<msgid>" -> text), which the translated templates look up by the page's `lang`.
WORDS = "factcheck_words"
_PAGE_LANGUAGE = '(page.meta.lang if page and page.meta and page.meta.lang else "")'


def translate_template(source: str, settings: Settings, multilingual: bool = False) -> str:
    """`_("Search fact checks")` -> `"Buscar verificaciones"`: the site's catalog, fixed at build time.
    With `multilingual`, a lookup in config.extra[WORDS] by the page's language comes first, so a
    Ukrainian page of a Spanish site has a Ukrainian search box (it had the site's).

    Calls with arguments (`_("Made with %(tool)s", tool=...)`) stay; our templates guard those with
    `fc_i18n is defined`, which is false under Zensical, so they fall back to English.
    """
    msgs = settings.messages

    def literal(m: re.Match[str]) -> str:
        msgid = json.loads(f'"{m.group(1)}"')
        here = json.dumps(msgs.gettext(msgid), ensure_ascii=False)
        if not multilingual:
            return here
        key = json.dumps("|" + msgid, ensure_ascii=False)
        return f"(config.extra.{WORDS}[{_PAGE_LANGUAGE} ~ {key}] | default({here}))"

    return _GETTEXT.sub(literal, source)


def overrides(
    folder: Path, custom_dir: str | None, settings: Settings, multilingual: bool = False
) -> set[str]:
    """Our theme folder with the site's custom_dir over it, file by file; gettext strings
    translated (see translate_template); Zensical's navigation item given our table of contents
    (see _nav_item_with_our_toc), its base.html a right-to-left <html> (see _base_patched).
    Returns the msgids it met."""
    shutil.copytree(THEME_DIR, folder)
    if custom_dir and Path(custom_dir).is_dir():
        shutil.copytree(custom_dir, folder, dirs_exist_ok=True)
    _nav_item_with_our_toc(folder)
    _base_patched(folder)
    msgids: set[str] = set()
    for path in folder.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        msgids.update(json.loads(f'"{m.group(1)}"') for m in _GETTEXT.finditer(text))
        translated = translate_template(text, settings, multilingual)
        if translated != text:
            path.write_text(translated, encoding="utf-8")
    return msgids


# Where Zensical's partials/nav-item.html takes the current page's table of contents.
_NAV_TOC = "{% set toc = page.toc %}"
_TOC_INCLUDE = '{% include "partials/toc.html" %}'


def _their_template(folder: Path, name: str) -> str | None:
    """Zensical's own template `name`, to be patched into the overrides `folder`; None when the
    site has its own copy there (left as it is) or Zensical has none."""
    theirs = Path(zensical_templates()) / name
    if (folder / name).exists() or not theirs.is_file():
        return None
    return theirs.read_text(encoding="utf-8")


def _write_ours(folder: Path, name: str, text: str) -> None:
    ours = folder / name
    ours.parent.mkdir(parents=True, exist_ok=True)
    ours.write_text(text, encoding="utf-8")


def _nav_item_with_our_toc(folder: Path) -> None:
    """Zensical's navigation item, reading the table of contents we hand over (`fc_toc`, see
    zensical_markdown) as partials/toc.html does. Zensical builds `page.toc` from Markdown headings
    only, and ours are HTML, so on a page in the navigation (about, methodology, sources...) the
    phone and tablet drawer lost the page's sections that mkdocs lists under it. A nav-item.html
    in the overrides folder (the site's own) is left as it is."""
    text = _their_template(folder, "partials/nav-item.html")
    if text is None:
        return
    # A newer Zensical's template: its drawer lists only Markdown headings.
    if _NAV_TOC not in text or _TOC_INCLUDE not in text:
        log.debug("zensical: an unknown nav-item.html; the drawer lists no sections of a page")
        return
    fallback = "{% if page.meta and page.meta.fc_toc %}{% set toc = page.meta.fc_toc %}{% endif %}"
    # Our partials/toc.html uses Material's global `lang`, which Zensical's macro does not have.
    words = '{% import "partials/language.html" as lang with context %}'
    text = text.replace(_NAV_TOC, _NAV_TOC + fallback, 1)
    text = text.replace(_TOC_INCLUDE, words + _TOC_INCLUDE)
    _write_ours(folder, "partials/nav-item.html", text)


_HIDDEN_OVERLAY = '<label class="md-overlay" for="__drawer" aria-hidden="true"></label>'
_OVERLAY = '<label class="md-overlay" for="__drawer"></label>'


def _base_patched(folder: Path) -> None:
    """Zensical's base.html with two changes; a site's own base.html, or an unknown one, is left
    as it is (each change logs what it could not do).

    - The drawer's overlay label as Material writes it: `aria-hidden` on the label of a control is
      invalid HTML (the Nu checker's error), and the label sits outside any block a partial could
      override.
    - `<html dir="rtl">` on a right-to-left site, as mkdocs writes it (base_html.py)."""
    theirs = text = _their_template(folder, "base.html")
    if text is None:
        return
    if _HIDDEN_OVERLAY in text:
        text = text.replace(_HIDDEN_OVERLAY, _OVERLAY, 1)
    else:
        log.debug("zensical: an unknown base.html; its drawer overlay stays as it is")
    directed = with_root_direction(text)
    if directed is not None:
        text = directed
    else:
        log.debug("zensical: an unknown base.html; <html> of a right-to-left site has no dir")
    if text != theirs:
        _write_ours(folder, "base.html", text)


def page_words(tags: Iterable[str], msgids: Iterable[str], settings: Settings) -> dict[str, str]:
    """config.extra[WORDS]: each msgid in each of the pages' other languages."""
    out = {}
    for tag in sorted(tags):
        msgs = i18n.messages(tag, None, settings.locale_dirs)
        for msgid in sorted(msgids):
            out[f"{tag}|{msgid}"] = msgs.gettext(msgid)
    return out


def zensical_templates() -> str:
    """Zensical's own theme folder (its copy of Material's templates)."""
    import zensical

    return str(Path(zensical.__file__).parent / "templates")


def _theme_file(folders: tuple[Path, ...], name: str) -> Path | None:
    """A theme template as Zensical finds it: in the first of `folders` that has it."""
    return next((f / name for f in folders if (f / name).is_file()), None)


def frame_files(folders: tuple[Path, ...], config_file: Path) -> tuple[dict[str, str], dict]:
    """The frame's shared icon sprite and colour-scheme script (frame.py), for the theme settings
    Zensical reads from `config_file` (with its own defaults: Lucide icons) and the templates it
    reads (`folders`: the overrides folder, then its own). Nothing if Zensical's settings cannot
    be read."""
    try:
        from zensical import config as zensical_config

        settings = zensical_config.parse_mkdocs_config(str(config_file))
    except Exception as e:  # a newer Zensical: its icons stay inline, as it writes them
        log.debug("zensical: icons stay inline (%s)", e)
        return {}, {}

    def read(name: str) -> str | None:
        found = _theme_file(folders, name)
        return found.read_text(encoding="utf-8") if found else None

    theme = settings.get("theme")
    return frame.shared_files(theme if isinstance(theme, dict) else {}, read)


def project_config(
    config_file: Path, nav: Any, pages: dict[str, Any], settings: Settings
) -> dict[str, Any]:
    """The site's mkdocs.yml for the project folder: our docs, overrides and site folders."""
    try:
        raw = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise ZensicalError(
            f"{config_file}: the Zensical engine reads mkdocs.yml as plain YAML and cannot read "
            f"this one (custom tags such as !ENV or !!python are not supported yet): {e}"
        ) from e
    theme = raw.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    theme["custom_dir"] = "overrides"
    # Zensical would point the theme's edit button into the temporary docs folder; mkdocs gets
    # each page's edit address from us, and our pages carry their own edit links.
    theme["features"] = [f for f in theme.get("features") or [] if f != "content.action.edit"]
    plugins = []
    for p in raw.get("plugins") or []:
        name = next(iter(p)) if isinstance(p, dict) else p
        if name != "factcheck":  # Zensical runs none of ours; its own (tags, blog...) stay
            plugins.append(p)
    # mkdocs' own Markdown extensions when the site names none: Zensical's defaults add heading
    # permalinks, which mkdocs does not write.
    raw.setdefault("markdown_extensions", ["toc", "tables", "fenced_code"])
    extra = dict(raw.get("extra") or {})
    extra["factcheck_feeds"] = alternate_links(settings)
    # What the theme does only for Zensical (main.html: the phone's contents button, the config
    # script): mkdocs' pages stay as they are.
    extra[ENGINE_EXTRA] = "zensical"
    return {
        **raw,
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": theme,
        "plugins": plugins,
        "nav": _nav_sources(prune_nav(nav, pages)),
        "extra_css": stylesheets(list(raw.get("extra_css") or [])),
        "extra": extra,
    }


def _toc_items(tokens: list[dict[str, Any]], short: bool = False) -> list[dict[str, Any]]:
    """fc_toc's entries. `short`: only what the theme reads (`can_shorten_toc`): Zensical's
    toc-item.html shows `content` and names a nested list by `title`; nav-item.html and ours look
    only for a first entry of level 1. The full entries were two thirds of what Zensical scanned."""
    items = []
    for t in tokens:
        item = {"title": t["name"], "content": t["name"], "url": "#" + t["id"]}
        item["level"] = t["level"]
        item["children"] = _toc_items(t["children"], short)
        if short:
            del item["title"]
            if item["level"] != 1:
                del item["level"]
            if item["children"]:
                item["title"] = t["name"]
            else:
                del item["children"]
        items.append(item)
    return items


# A site template that may read fc_toc's entries (`toc.integrate` and `toc.follow` are features).
_READS_TOC = re.compile(r"\btoc(?!\.(?:integrate|follow)\b)")


def can_shorten_toc(custom_dir: str | None) -> bool:
    """Whether fc_toc's entries may leave out what our theme and Zensical's do not read: not when
    the site's own templates (theme.custom_dir) read a table of contents."""
    if not custom_dir or not Path(custom_dir).is_dir():
        return True
    return not any(
        _READS_TOC.search(path.read_text(encoding="utf-8", errors="replace"))
        for path in Path(custom_dir).rglob("*.html")
    )


# What a built page holds in place of its body and its head tags (`spliced`), put back by
# `splice`. HEAD_KEYS: the front matter that partials/fc-head.html writes, left out then.
BODY_STAND_IN = "<!-- factcheck:body -->"
# For a body that starts with its own <h1>: the theme looks for "<h1" in a page's content and
# writes the title as one where it finds none.
TITLED_STAND_IN = "<!-- factcheck:body <h1> -->"
HEAD_STAND_IN = "<!-- factcheck:head -->"
HEAD_FLAG = "fc_head_spliced"  # main.html writes HEAD_STAND_IN instead of the partial
HEAD_KEYS = ("og", "twitter", "feeds", "oembed", "jsonld")
_READS_HEAD = re.compile(r"\bmeta\s*(?:\.\s*|\[\s*['\"])(?:og|twitter|feeds|oembed|jsonld)\b")


def zensical_markdown(
    page: Page, spliced: bool = False, head: bool = False, short_toc: bool = False
) -> str:
    """A page as Zensical reads it: with its table of contents in the front matter (`fc_toc`, read
    by partials/toc.html), since Zensical takes one only from Markdown headings.

    `spliced`: the body is a stand-in, and with `head` so are the head tags of
    partials/fc-head.html, put back into the built page by `splice`. Zensical 0.0.73 scans every
    byte of a page's Markdown, front matter included, for link references in Python, a character
    at a time, then passes our HTML through unchanged: at 1,000 claims that scan was 23 of the 28 s
    Zensical took (measured on this project's 2-core VM, December 2026). `short_toc`: see
    `_toc_items`."""
    resolved = page.resolved()  # a page rendered ahead may be a stub with part of its meta
    entries = resolved.toc
    extra: dict[str, Any] = {}
    if entries:
        extra["fc_toc"] = _toc_items(toc_tree(entries), short_toc)
    leave_out: tuple[str, ...] = ()
    if spliced and head and _has_head_tags(resolved):
        extra[HEAD_FLAG] = True
        leave_out = HEAD_KEYS
    stand_in = _body_stand_in(page) if spliced else None
    return page.as_markdown(extra or None, stand_in=stand_in, leave_out=leave_out)


def _body_stand_in(page: Page) -> str:
    return TITLED_STAND_IN if page.body().startswith("<h1") else BODY_STAND_IN


def _has_head_tags(page: Page) -> bool:
    """Whether the page's front matter holds what partials/fc-head.html writes."""
    return any(key in page.meta for key in HEAD_KEYS)


def can_splice(config_file: Path) -> bool:
    """Whether a page's body may be a stand-in put back after Zensical's build: not when the
    site's Markdown extensions take HTML comments out (pymdownx.striphtml), the stand-in too."""
    try:
        raw = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        return True  # project_config says why it cannot be read
    names = [
        next(iter(e)) if isinstance(e, dict) else e for e in raw.get("markdown_extensions") or []
    ]
    return "pymdownx.striphtml" not in names


def head_template(overrides_dir: Path, custom_dir: str | None = None) -> jinja2.Template | None:
    """partials/fc-head.html as mkdocs renders it (no autoescaping: the front matter's values are
    escaped already), when the project's main.html writes HEAD_STAND_IN for it; else None (a
    site's own main.html, which may write the head tags itself from the front matter)."""
    main = overrides_dir / "main.html"
    if not main.is_file() or HEAD_FLAG not in main.read_text(encoding="utf-8"):
        return None
    # A site's own partials/fc-head.html may read more than the front matter (config.site_name,
    # page.url), and its own partials may read the head keys: Zensical renders them then.
    if custom_dir and Path(custom_dir).is_dir():
        site = Path(custom_dir)
        if (site / "partials" / "fc-head.html").is_file():
            return None
        for path in site.rglob("*.html"):
            if _READS_HEAD.search(path.read_text(encoding="utf-8", errors="replace")):
                return None
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(overrides_dir)))
    return env.get_template("partials/fc-head.html")


def splice(
    site_dir: Path,
    pages: dict[str, Page],
    head: jinja2.Template | None,
    extra: dict[str, Any],
) -> None:
    """Each built page's body in place of its stand-in (`zensical_markdown(spliced=True)`), as
    Zensical would have passed it through (one block of HTML, unchanged), and with `head` its
    head tags, rendered from the page's whole front matter with the site's `extra`."""
    for path, page in pages.items():
        built = site_dir / page_url(path) / "index.html"
        try:
            html = built.read_text(encoding="utf-8")
        except FileNotFoundError:  # not published (a draft, a page the navigation left out)
            continue
        stand_in = _body_stand_in(page)
        at = html.find(stand_in)
        if at < 0:
            raise ZensicalError(
                f"{built}: Zensical left out the page's body; check that the site's own "
                "templates (theme.custom_dir) still write {{ page.content }}"
            )
        body = page.html_body().rstrip("\n")  # Python-Markdown ends an HTML block without one
        html = html[:at] + body + html[at + len(stand_in) :]
        resolved = page.resolved()
        if head is not None and _has_head_tags(resolved):
            tags = head.render(page={"meta": resolved.meta}, config={"extra": extra})
            html = html.replace(HEAD_STAND_IN, tags, 1)
        built.write_text(html, encoding="utf-8")


def source_path(path: str) -> str:
    """Where Zensical reads a page: in the folder of its address (`claims/x.md` ->
    `claims/x/index.md`). Zensical resolves every relative link of a page, raw HTML included,
    against the page's source folder; ours are relative to the page's address (`claims/x/`), as
    mkdocs leaves them, so a page kept in `claims/` got one `../` too many in every link."""
    p = PurePosixPath(path)
    if p.name == "index.md" or p.suffix != ".md":
        return path
    return str(p.with_suffix("") / "index.md")


def _nav_sources(item: Any) -> Any:
    """`nav` with each of our pages named where `source_path` puts it."""
    if isinstance(item, dict):
        return {title: _nav_sources(value) for title, value in item.items()}
    if isinstance(item, list):
        return [_nav_sources(i) for i in item]
    path = nav_page(item)
    return item if path is None else source_path(path)


def run_zensical(project: Path, command: str = "build") -> None:
    args = [sys.executable, "-m", "zensical", command, "-f", str(project / "mkdocs.yml")]
    if command == "build":
        args.append("--clean")
    done = subprocess.run(args, cwd=project, capture_output=True, text=True)
    for line in (done.stdout + done.stderr).splitlines():
        if line.strip():
            log.debug("zensical: %s", line)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-5:])
        raise ZensicalError(f"zensical {command} failed ({done.returncode}): {tail}")


def prepare(
    project: Path,
    config: Any,
    config_file: Path,
    gen: Generation,
    content: Content,
    spliced: bool = False,
) -> dict[str, str]:
    """The project folder Zensical builds: docs/, overrides/ and mkdocs.yml (see the module).
    Returns each page's Markdown as written (by docs path), which a preview compares edits with.
    `spliced`: bodies are stand-ins (a build puts them in afterwards; a preview cannot)."""
    pages = gen.generate(content)
    gen.resolved()
    docs = project / "docs"
    tags = {p.resolved().meta.get("lang") for p in pages.values()} - {None}
    msgids = overrides(project / "overrides", config.theme.custom_dir, gen.settings, bool(tags))
    head = spliced and head_template(project / "overrides", config.theme.custom_dir) is not None
    short = spliced and can_shorten_toc(config.theme.custom_dir)
    markdown = {path: zensical_markdown(p, spliced, head, short) for path, p in pages.items()}
    write_files(docs, {source_path(path): text for path, text in markdown.items()})
    write_files(docs, {ASSET_PREFIX + n: data for n, data in assets(gen.site).items()})
    mkdocs_yml = project_config(config_file, config.nav, pages, gen.settings)
    if tags:
        mkdocs_yml["extra"][WORDS] = page_words(tags, msgids, gen.settings)
    # The theme's own words (partials/languages/) for the site's tag, or its language's.
    folders = (project / "overrides", Path(zensical_templates()))
    mkdocs_yml["extra"]["factcheck_theme_words"] = siteconfig.theme_words(
        gen.settings.language, lambda name: _theme_file(folders, name) is not None
    )
    mkdocs_yml["extra"][siteconfig.THEME_ALIASES_EXTRA] = dict(siteconfig.THEME_ALIASES)
    project_yml = project / "mkdocs.yml"
    project_yml.write_text(
        yaml.safe_dump(mkdocs_yml, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    shared, frame_extra = frame_files(folders, project_yml)
    if frame_extra:
        write_files(docs, {path: text.encode() for path, text in shared.items()})
        mkdocs_yml["extra"][frame.EXTRA] = frame_extra
        project_yml.write_text(
            yaml.safe_dump(mkdocs_yml, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return markdown


def add_lastmod(sitemap: Path, pages: dict[str, Any], settings: Settings) -> None:
    """Each page's last change as its sitemap <lastmod>, as mkdocs writes it (Zensical's sitemap
    has only addresses): the signal search engines use to see a corrected fact check again."""
    dates = {}
    for path, page in pages.items():
        if page.updated is not None:
            dates[settings.url(page_url(path))] = min(page.updated.isoformat(), "2106-02-06")

    def add(m: re.Match[str]) -> str:
        day = dates.get(html.unescape(m.group(1)))
        return m.group(0) + (f"\n        <lastmod>{day}</lastmod>" if day else "")

    text = sitemap.read_text(encoding="utf-8")
    sitemap.write_text(re.sub(r"<loc>([^<]*)</loc>", add, text), encoding="utf-8")


def finish(site_dir: Path, gen: Generation, *, search_index: bool) -> None:
    """What mkdocs' plugin adds to a build: feeds, data, search UI, redirects, Pagefind."""
    (site_dir / ZENSICAL_SEARCH).unlink(missing_ok=True)
    files = gen.files()
    clash = [p for p in files if (site_dir / p).exists()]
    if clash:
        raise ZensicalError(f"factcheck: discovery file {clash[0]!r} clashes with a page or asset")
    write_files(site_dir, files)
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        # Zensical writes a site_url's `&` as typed; escaped before the language alternates look
        # the addresses up (languages.sitemap_alternates), or they find none of them, and before
        # add_lastmod unescapes them (`&notes` as typed read as `¬es`: no page had a date).
        escape_addresses(site_dir, gen.settings.site_url)
        add_lastmod(sitemap, gen.pages, gen.settings)
    if sitemap.is_file() and not (site_dir / "sitemap.xml.gz").exists():
        data = gzip.compress(sitemap.read_bytes(), mtime=0)  # deterministic, as mkdocs' is not
        (site_dir / "sitemap.xml.gz").write_bytes(data)
    gen.after_build(site_dir, search_index=search_index)


def build_into(
    tmp: Path,
    config: Any,
    config_file: Path,
    content_root: Path,
    content: Content,
    settings: Settings,
    *,
    search_index: bool = True,
) -> None:
    """Build the site with Zensical into the empty folder `tmp` (generator.build swaps it in)."""
    if not available():
        raise ZensicalError(
            "the Zensical engine is not installed: pip install 'factcheck-publisher[zensical]'"
        )
    words = catalog_problem(settings)
    if words is not None:
        if config.get("strict"):  # stopped before a page is written, as mkdocs' strict build
            raise ZensicalError(f"factcheck: {words} (Aborted in strict mode)")
        log.warning("factcheck: %s", words)
    gen = Generation(content_root, settings)
    project = Path(tempfile.mkdtemp(prefix=work_prefix(".zensical-"), dir=tmp.parent))
    try:
        spliced = can_splice(config_file)
        prepare(project, config, config_file, gen, content, spliced=spliced)
        run_zensical(project)
        site = project / "site"
        if spliced:
            extra = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]
            head = head_template(project / "overrides", config.theme.custom_dir)
            splice(site, gen.pages, head, extra)
        finish(site, gen, search_index=search_index)
        tmp.rmdir()
        os.replace(site, tmp)
    finally:
        gen.stop()
        shutil.rmtree(project, ignore_errors=True)


def catalog_problem(settings: Settings) -> str | None:
    """Why the site's pages would show English words (no catalog has its language's, or the site's
    own leaves some untranslated), or None. The mkdocs plugin says it on_config, and its strict
    build stops; Zensical runs no plugin, and published a Swahili site all in English unremarked."""
    words = i18n.messages(settings.language, settings.locale, settings.locale_dirs)
    if words.found and not words.missing:
        return None
    return siteconfig.catalog_words_problem(
        settings.language, words.found, words.missing, settings.locale_dirs
    )


def _snapshot(root: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in sorted(root.rglob("*")) if p.is_file()}


def serve(
    config: Any,
    config_file: Path,
    content_root: Path,
    settings: Settings,
    dev_addr: str | None = None,
) -> None:
    """`zensical serve` over a project folder that follows the content folder.

    A change under the content folder is read, checked and rendered again (only what it can change,
    as the mkdocs preview does); the pages whose Markdown changed are written into the project's
    docs/, and Zensical rebuilds them. Feeds, data and the search UI are those of the first build;
    the Pagefind index is not built while serving (the search box says search is not available).
    """
    if not available():
        raise ZensicalError(
            "the Zensical engine is not installed: pip install 'factcheck-publisher[zensical]'"
        )
    words = catalog_problem(settings)
    if words is not None:  # a newsroom previews its site while it translates the catalog
        log.info("factcheck: %s", words)
    gen = Generation(content_root, settings)
    gen.start_preview(True)
    remove_abandoned(Path(tempfile.gettempdir()), ".zensical-serve-")  # a killed preview's folder
    project = Path(tempfile.mkdtemp(prefix=work_prefix(".zensical-serve-")))
    stop = threading.Event()
    try:
        written = prepare(project, config, config_file, gen, gen.read())
        write_files(project / "docs", gen.files())
        gen.remember()

        def follow() -> None:
            seen = _snapshot(content_root)
            while not stop.wait(1.0):
                now = _snapshot(content_root)
                if now == seen:
                    continue
                seen = now
                try:
                    pages = gen.generate(gen.read())
                    gen.resolved()
                except GenerationError as e:
                    log.error("%s", e)
                    continue
                changed = {p: zensical_markdown(pg) for p, pg in pages.items()}
                changed = {p: md for p, md in changed.items() if written.get(p) != md}
                write_files(project / "docs", {source_path(p): md for p, md in changed.items()})
                written.update(changed)
                gen.remember()
                log.info("Preview: %d page(s) written again", len(changed))

        threading.Thread(target=follow, daemon=True).start()
        args = [sys.executable, "-m", "zensical", "serve", "-f", str(project / "mkdocs.yml")]
        if dev_addr:
            args += ["--dev-addr", dev_addr]
        _run_until_stopped(args, project)
    finally:
        stop.set()
        gen.stop()
        shutil.rmtree(project, ignore_errors=True)


def _stopped(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def _run_until_stopped(args: list[str], cwd: Path) -> None:
    """Run `zensical serve` until it ends or we are stopped. Ctrl-C reaches both processes; a
    SIGTERM (`kill`, a process manager) reaches only ours, which left Zensical serving the port
    from a deleted folder: it is stopped here too."""
    proc = subprocess.Popen(args, cwd=cwd)
    try:
        previous = signal.signal(signal.SIGTERM, _stopped)
    except ValueError:  # not the main thread: nothing to install
        previous = None
    try:
        code = proc.wait()
        if code != 0:
            raise subprocess.CalledProcessError(code, args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
