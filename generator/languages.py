"""One fact check in several languages, each page in its own (issue #16).

A claim with `translation_of: <claim id>` translates that fact check; its verdict is written in the
claim's `language`. What follows from it, all of it derived here from the content and the site's
language (theme.language), so that engines, feeds and exports agree:

- a claim page whose claim has a `language` other than the site's is rendered in that language
  (`Context.for_language`: its catalog, dates and direction); its front matter carries `lang` and
  `dir`, and after the engine wrote the page `finish` puts them on `<html>` and `<body>` (the theme
  writes those tags from the site's language, outside any block a template can change);
- every version of a fact check links the others: `<link rel="alternate" hreflang>` in the head
  (front matter `alternates`, theme main.html), a language switcher on the page (block `languages`
  of claim.html), `xhtml:link` alternates in sitemap.xml (`finish`), and the `translation_of` and
  `translations` columns of the data exports;
- on a site with claims in more than one language, each language has its list of claims at
  /languages/<tag>/ (paged as the claims list is), an Atom feed beside it, and claim pages carry a
  Pagefind `language` filter (the search UI shows it as a facet).
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale
from jinja2 import pass_context

from . import i18n
from .link import Site
from .model import Claim
from .settings import Settings
from .sitemap import XHTML_NS
from .spec import LANGUAGES_FOLDER

if TYPE_CHECKING:
    from .render.core import Context, Page

LIST_PATH = LANGUAGES_FOLDER + "/{}.md"  # docs path of a language's list: /languages/<tag>/
FEED_PATH = LANGUAGES_FOLDER + "/{}/feed.xml"  # its Atom feed


def slug(tag: str) -> str:
    """A language tag as it stands in an address: lower case (`pt-br`)."""
    return tag.lower()


def language_of(claim: Claim, site_language: str) -> str:
    """The language a claim's page is written in: its own `language`, else the site's."""
    return claim.language or site_language


def same(a: str, b: str) -> bool:
    return a.lower() == b.lower()


def interface_language(tag: str, settings: Settings) -> str:
    """The language a page about content in `tag` speaks to its reader in: `tag` when a catalog
    covers it, else the site's (`settings`: the site's). Without a catalog the headings fell back
    to English on a page that said it was in `tag`; now the page is in the site's language and
    only the claim's own words carry `tag` (switcher's content_lang)."""
    if same(tag, settings.language) or i18n.messages(tag, None, settings.locale_dirs).found:
        return tag
    return settings.language


def _locale(tag: str) -> Locale | None:
    """CLDR's data for a tag, else its nearest in the same script (sr-Latn-ZZ: Latin Serbian,
    whose name is "Srpski", not Cyrillic "Српски"), else its language's."""
    return i18n.nearest_locale(tag) or i18n.parse_locale(tag.split("-")[0])


@functools.lru_cache(maxsize=64)
def native_name(tag: str) -> str:
    """A language's name in that language, as a switcher shows it (`Українська`, `English`)."""
    locale = _locale(tag)
    name = locale.get_display_name(locale) if locale is not None else None
    return (name[:1].upper() + name[1:]) if name else tag


@functools.lru_cache(maxsize=256)
def name_in(tag: str, language: str) -> str:
    """A language's name in another language (`англійська` for en in uk); the tag when unknown."""
    locale, where = _locale(tag), _locale(language)
    if locale is None or where is None:
        return tag
    return locale.get_display_name(where) or tag


@functools.lru_cache(maxsize=64)
def direction(tag: str) -> str:
    """`rtl` for a right-to-left language (ar, he, fa...), else `ltr`."""
    locale = _locale(tag)
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


# --- the site's languages, computed once per linked site and language ------------------------

_memo: dict[tuple[int, str], tuple[Site, Any]] = {}


def _cached(site: Site, site_language: str, what: str, make: Any) -> Any:
    key = (id(site), site_language + "|" + what)
    hit = _memo.get(key)
    if hit is not None and hit[0] is site:
        return hit[1]
    if len(_memo) > 32:
        _memo.clear()
    value = make()
    _memo[key] = (site, value)
    return value


def by_language(site: Site, site_language: str) -> dict[str, tuple[str, ...]]:
    """Language tag -> its claims, newest first; the site's language first, the others by tag."""

    def make() -> dict[str, tuple[str, ...]]:
        claims = site.content.claims
        groups: dict[str, list[str]] = {}
        tags: dict[str, str] = {slug(site_language): site_language}
        for cid in site.claims_newest:
            tag = language_of(claims[cid], site_language)
            tags.setdefault(slug(tag), tag)
            groups.setdefault(slug(tag), []).append(cid)
        order = sorted(groups, key=lambda k: (k != slug(site_language), k))
        return {tags[k]: tuple(groups[k]) for k in order}

    return _cached(site, site_language, "by_language", make)


def multilingual(site: Site, site_language: str) -> bool:
    """Whether the site has claims in more than one language (lists, feeds, search facet)."""
    return len(by_language(site, site_language)) > 1


def versions(site: Site, site_language: str, claim_id: str) -> list[tuple[str, str]]:
    """(language, claim id) of every version of a fact check, the original first; just the claim
    itself when it has no translation."""
    claims = site.content.claims
    claim = claims[claim_id]
    original = claim.translation_of if claim.translation_of in claims else claim_id
    ids = [original, *site.translations.get(original, ())]  # type: ignore[arg-type]
    return [(language_of(claims[i], site_language), i) for i in ids]


# --- claim pages ------------------------------------------------------------------------------


def claim_url(settings: Settings, claim_id: str) -> str:
    return settings.url(f"claims/{claim_id}/")


def page_meta(ctx: Context, claim: Claim) -> dict[str, Any]:
    """Front matter of a claim page: `lang` and `dir` when it is not in the site's language,
    `title_lang` and `title_dir` when its title is in a language no catalog covers (the page is in
    the site's), and `alternates` (hreflang, href; x-default the original) when it has other
    versions."""
    from .render.core import text

    site_language = ctx.site_language
    out: dict[str, Any] = {}
    written = language_of(claim, site_language)
    tag = interface_language(written, ctx.base_settings)
    if not same(tag, site_language):
        out["lang"] = text(tag)
        out["dir"] = direction(tag)
    if not same(written, tag):  # no catalog: the page is in the site's language, its title is not
        out["title_lang"] = text(written)
        out["title_dir"] = direction(written)
    found = versions(ctx.site, site_language, claim.id)
    if len(found) > 1:
        url = ctx.settings.url
        alternates = [{"hreflang": text(t), "href": text(url(f"claims/{i}/"))} for t, i in found]
        alternates.append({"hreflang": "x-default", "href": text(url(f"claims/{found[0][1]}/"))})
        out["alternates"] = alternates
    return out


def switcher(ctx: Context, claim: Claim, root: str) -> dict[str, Any]:
    """Template values of the claim page's block `languages`.

    versions: every version (tag, name in its own language, relative href, current), original
    first, or none when there is only this one; original: for a translation, the original's
    language named in this page's language and its href; lang and dir: the page's language when
    it is not the site's (for the <article>); content_lang and content_dir: the claim's language
    when no catalog covers it (the page is then in the site's language, and only the claim's own
    words are in its); filter and list_href: the claim's language for the search filter, and its
    list of claims (a multilingual site only)."""
    site_language = ctx.site_language
    found = versions(ctx.site, site_language, claim.id)
    tag = language_of(claim, site_language)
    spoken = interface_language(tag, ctx.base_settings)
    shown = []
    if len(found) > 1:
        shown = [
            {
                "tag": t,
                "name": native_name(t),
                "href": f"{root}claims/{i}/",
                "current": i == claim.id,
            }
            for t, i in found
        ]
    original = None
    if claim.translation_of and found[0][1] != claim.id:
        t, i = found[0]
        # Named in the language of the sentence around it: the page's, not the claim's.
        original = {"tag": t, "name": name_in(t, spoken), "href": f"{root}claims/{i}/"}
    multi = multilingual(ctx.site, site_language)
    own = not same(spoken, site_language)
    content = not same(tag, spoken)
    return {
        "lang": spoken if own else None,
        "dir": direction(spoken) if own else None,
        "content_lang": tag if content else None,
        "content_dir": direction(tag) if content else None,
        "versions": shown,
        "original": original,
        "filter": tag if multi else None,
        "list_href": f"{root}languages/{slug(tag)}/" if multi else None,
    }


# --- a language's list and feed ------------------------------------------------------------------


def list_path(tag: str) -> str:
    return LIST_PATH.format(slug(tag))


def feed_path(tag: str) -> str:
    return FEED_PATH.format(slug(tag))


def list_languages(site: Site, settings: Settings) -> list[str]:
    """The languages with a list and a feed of their own: all of them on a multilingual site."""
    if not multilingual(site, settings.language):
        return []
    return list(by_language(site, settings.language))


def _tag_of(site: Site, site_language: str, key: str) -> str:
    for tag in by_language(site, site_language):
        if slug(tag) == key:
            return tag
    raise KeyError(key)


def list_size(ctx: Context, key: str) -> int:
    """How many claims the list of the language `key` (its slug) holds."""
    site_language = ctx.site_language
    return len(by_language(ctx.site, site_language)[_tag_of(ctx.site, site_language, key)])


def list_title(ctx: Context, key: str) -> str:
    """The title of a language's list (its slug `key`), in that language."""
    tag = _tag_of(ctx.site, ctx.site_language, key)
    # Translators: the title of the list of fact checks written in one language; the language's name in its own language.
    return ctx.for_language(tag)._("Fact checks in %(language)s") % {"language": native_name(tag)}


def language_page(ctx: Context, key: str) -> Page:
    """/languages/<tag>/ (and its later pages): the claims in one language, in that language."""
    from .render.core import Page, root_of, text
    from .render.indexes import _paged, _pager, claims_size, paged_title
    from .render.pagination import chunk, split_key

    base, _ = split_key(key)
    site_language = ctx.site_language
    tag = _tag_of(ctx.site, site_language, base)
    ids = by_language(ctx.site, site_language)[tag]
    page_ctx = ctx.for_language(tag)
    pager = _pager(list_path(tag), key, len(ids), claims_size(page_ctx))
    path = pager.path(pager.number)
    root = root_of(path)
    title = list_title(ctx, base)
    html = page_ctx.render(
        "language.html",
        tag=tag,
        name=native_name(tag),
        direction=direction(tag),
        ids=chunk(ids, pager.number, pager.size),
        total=len(ids),
        others=[
            {"tag": t, "name": native_name(t), "href": f"{root}languages/{slug(t)}/"}
            for t in by_language(ctx.site, site_language)
            if t != tag
        ],
        pager=pager.links(root),
        root=root,
    )
    if len(ids) == 1:  # "The 1 fact check we publish" reads as a typo
        desc = page_ctx._("The only fact check we publish in this language.")
    else:
        desc = page_ctx.ngettext(
            "The %(num)d fact check we publish in this language.",
            "The %(num)d fact checks we publish in this language.",
            len(ids),
        ) % {"num": len(ids)}
    feed = page_ctx.feed(feed_path(tag), title)
    full_title = paged_title(page_ctx, title, pager)
    meta = _paged(page_ctx, page_ctx.base_meta(full_title, desc, path, feeds=[feed]), pager)
    spoken = interface_language(tag, ctx.base_settings)
    if not same(spoken, site_language):
        meta["lang"] = spoken
        meta["dir"] = direction(spoken)
    name = text(native_name(tag))
    if not same(tag, spoken) and name in meta["title"]:
        # The language's name in the title is in that language, the rest in the page's: the
        # header marks it as the <h1> does (partials/header.html), so 日本語 is read in Japanese.
        before, after = meta["title"].split(name, 1)
        meta["title_name"] = {
            "before": before,
            "name": name,
            "after": after,
            "lang": text(tag),
            "dir": direction(tag),
        }
    return Page(path, meta, html, updated=ctx.updated, title=full_title)


def feeds(site: Site, settings: Settings) -> dict[str, str]:
    """Each language's Atom feed, in that language (a multilingual site only)."""
    import dataclasses

    from .feeds import atom_feed, isolate
    from .feeds import spoken as feed_words

    out: dict[str, str] = {}
    for tag in list_languages(site, settings):
        # In the language its list page speaks: the site's when no catalog covers `tag` (English
        # words before: "fact checks in Italiano" on a Spanish site, and English entries under it),
        # or when the catalog that does leaves some of the feed's strings out (the title was
        # Italian over English entries, in a feed that said it was English).
        own = settings
        if not same(tag, settings.language) and same(interface_language(tag, settings), tag):
            own = dataclasses.replace(settings, language=tag, locale=None)
            if feed_words(own) is not own:
                own = settings
        words = feed_words(own)  # what atom_feed writes the entries in: the title is too
        _ = words.messages.gettext
        out[feed_path(tag)] = atom_feed(
            site,
            own,
            [c for c in by_language(site, settings.language)[tag] if c in site.content.verdicts],
            path=feed_path(tag),
            title=_("%(site)s: fact checks in %(language)s")
            % {
                "site": isolate(settings.site_name, words.language),
                "language": isolate(native_name(tag), words.language),
            },
            alternate=f"languages/{slug(tag)}/",
            site_language=settings.language,
        )
    return out


# --- the theme's frame (search box, footer line) in the page's language -------------------------


def page_language(page: Any) -> str | None:
    """The `lang` of a page's front matter (a page not in the site's language), else None."""
    meta = getattr(page, "meta", None)
    lang = meta.get("lang") if isinstance(meta, dict) else None
    return lang if isinstance(lang, str) and lang else None


def page_gettext(site: i18n.Messages, locale_dirs: Sequence[str] = ()) -> tuple[Any, Any]:
    """gettext and ngettext for the theme's templates (mkdocs): the strings of the page being
    rendered (its front matter's `lang`), else the site's. Jinja passes them the template context."""

    def messages(context: Any) -> i18n.Messages:
        lang = page_language(context.get("page"))
        return i18n.messages(lang, None, tuple(locale_dirs)) if lang else site

    @pass_context
    def gettext(context: Any, message: str) -> str:
        return messages(context).gettext(message)

    @pass_context
    def ngettext(context: Any, singular: str, plural: str, n: int) -> str:
        return messages(context).ngettext(singular, plural, n)

    return gettext, ngettext


# --- after the engine wrote the site -------------------------------------------------------------

_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_LANG_ATTR = re.compile(r'\s(?:lang|dir)="[^"]*"', re.IGNORECASE)


def set_language(html: str, tag: str, dir_: str) -> str:
    """A page's `<html>` with `lang` and `dir` of its own language, and `<body dir>` to match."""

    tag, dir_ = escape(tag, quote=True), escape(dir_, quote=True)

    def html_tag(m: re.Match[str]) -> str:
        tag_text = _LANG_ATTR.sub("", m.group(0))
        return tag_text[:5] + f' lang="{tag}" dir="{dir_}"' + tag_text[5:]

    def body_tag(m: re.Match[str]) -> str:
        return re.sub(r'\sdir="[^"]*"', f' dir="{dir_}"', m.group(0), count=1)

    html = _HTML_TAG.sub(html_tag, html, count=1)
    return _BODY_TAG.sub(body_tag, html, count=1)


def page_languages(site: Site, settings: Settings) -> dict[str, str]:
    """Built file (site-relative) -> language, for every page not in the site's language."""
    from .render.pagination import count, page_path

    site_language = settings.language
    out: dict[str, str] = {}
    for cid, claim in site.content.claims.items():
        tag = interface_language(language_of(claim, site_language), settings)
        if not same(tag, site_language):
            out[f"claims/{cid}/index.html"] = tag
    size = max(1, settings.page_size)
    for tag in list_languages(site, settings):
        if same(interface_language(tag, settings), site_language):
            continue
        n = count(len(by_language(site, site_language)[tag]), size)
        for number in range(1, n + 1):
            out[page_path(list_path(tag), number)[: -len(".md")] + "/index.html"] = tag
    return out


def finish(site_dir: Path, site: Site, settings: Settings) -> int:
    """After the engine: each page in its own language on `<html>`, and the sitemap's alternates.

    Both engines write `<html lang>` from the site's language; this rewrites the pages that are in
    another one (a few, read and written once). Returns how many pages it changed."""
    changed = 0
    for rel, tag in page_languages(site, settings).items():
        path = Path(site_dir) / rel
        if not path.is_file():
            continue
        html = path.read_text("utf-8")
        new = set_language(html, tag, direction(tag))
        if new != html:
            path.write_text(new, "utf-8", newline="\n")
            changed += 1
    sitemap_alternates(Path(site_dir), site, settings)
    return changed


_URL = re.compile(r"(<url>\s*<loc>)([^<]*)(</loc>)")


def sitemap_alternates(site_dir: Path, site: Site, settings: Settings) -> bool:
    """`<xhtml:link rel="alternate" hreflang>` for every version of a translated fact check in
    sitemap.xml (and its .gz), as search engines read them. Before sitemap.split."""
    sitemap = site_dir / "sitemap.xml"
    if not site.translations or not sitemap.is_file():
        return False
    data = sitemap.read_text("utf-8")
    if "<urlset" not in data[:500] or "xmlns:xhtml" in data[:500]:
        return False  # an index (a preview keeps its first build's) or done already
    links: dict[str, str] = {}
    for original in site.translations:
        found = versions(site, settings.language, original)
        lines = [
            f'<xhtml:link rel="alternate" hreflang="{escape(t)}" '
            f'href="{escape(claim_url(settings, i))}"/>'
            for t, i in found
        ]
        lines.append(
            f'<xhtml:link rel="alternate" hreflang="x-default" '
            f'href="{escape(claim_url(settings, found[0][1]))}"/>'
        )
        block = "\n         ".join(lines)
        for _, cid in found:
            links[escape(claim_url(settings, cid), quote=False)] = block

    def add(m: re.Match[str]) -> str:
        block = links.get(m.group(2).strip())
        return m.group(0) + ("\n         " + block if block else "")

    new = _URL.sub(add, data)
    new = new.replace("<urlset ", f'<urlset xmlns:xhtml="{XHTML_NS}" ', 1)
    if new == data:
        return False
    sitemap.write_text(new, "utf-8", newline="\n")
    gz = sitemap.with_name("sitemap.xml.gz")
    if gz.exists():
        gz.write_bytes(gzip.compress(new.encode("utf-8"), mtime=0))
    return True
