"""What every page family shares: the Page record, the Jinja environment, escaping, URLs and badges.

Escaping rule: the templates autoescape every value; the front matter (`Page.meta`) holds HTML-escaped
text, because mkdocs' theme environment prints `page.meta.title` and `page.meta.description` without
escaping them. Only `jsonld` is not HTML text: it is JSON whose `<`, `>` and `&` are \\u-escaped, so it
can sit inside a <script> element and nothing in it can close that element.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import jinja2.ext
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup, escape

from .. import i18n
from ..languages import direction, interface_language, language_of, name_in, same
from ..link import Site
from ..markdown import list_style as markdown_list_style
from ..model import Claim, Document, Person, Rating, Verdict
from ..punctuation import without_end_stop
from ..settings import Settings
from ..spec import ID_MAX, ID_PATTERN, RESERVED_IDS
from .quotes import DocumentText, letter_start

# Stands for a page's `root` in a cached claim_item: drawn at random, so no text can contain it.
_ROOT_MARK = f"fc-root-{uuid.uuid4().hex}"

_ID = re.compile(ID_PATTERN)
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class RenderError(ValueError):
    """Content that validated but cannot be turned into pages (reserved or clashing paths)."""


class Deferred:
    """A page being rendered elsewhere (a worker process, or later); `get()` waits for it."""

    __slots__ = ("_get",)

    def __init__(self, get: Callable[[], Page]) -> None:
        self._get = get

    def get(self) -> Page:
        return self._get()

    def forget(self) -> None:
        """Drop the finished page once the engine has written it (a build's memory stays flat);
        a later `get()` renders it again."""
        forget = getattr(self._get, "forget", None)
        if forget is not None:
            forget()


@dataclass(frozen=True, slots=True)  # slots: a build holds one for each of ~2 pages a claim
class Page:
    """One generated page: where it goes, its front matter and its finished HTML body.

    `meta` values are HTML-escaped text (see the module docstring). `toc` entries are
    (level, anchor id, escaped text). `updated` is the date a sitemap reports for the page.
    From `render_pages` every page is finished. `start_rendering` may return stubs instead: the
    path, title, `updated` and `edit_url` are there, and `html` is a `Deferred` whose `get()` gives
    the finished page (`resolved()`).
    """

    path: str  # docs-relative source path, e.g. claims/<id>.md; becomes /claims/<id>/
    meta: dict[str, Any]
    html: str | Deferred
    toc: tuple[tuple[int, str, str], ...] = ()
    edit_url: str | None = None
    updated: dt.date | None = None
    title: str = field(default="", compare=False)  # plain text, unescaped

    @property
    def url(self) -> str:
        return page_url(self.path)

    def resolved(self) -> Page:
        """The finished page (waits for it if it is still being rendered)."""
        return self if isinstance(self.html, str) else self.html.get()

    def body(self) -> str:
        """The finished HTML body."""
        html = self.resolved().html
        assert isinstance(html, str)
        return html

    @property
    def markdown(self) -> str:
        """Front matter, a title line, then the HTML: a page any Markdown engine can build."""
        return self.as_markdown()

    def as_markdown(
        self,
        extra_meta: dict[str, Any] | None = None,
        stand_in: str | None = None,
        leave_out: Iterable[str] = (),
    ) -> str:
        """`markdown`, with `extra_meta` added to its front matter. The title is escaped for
        Markdown: `b******t and *nothing* in C#` became an emphasis and lost its `#`.
        `stand_in` is written in place of the body (`html_body`), and the front matter keys in
        `leave_out` are left out, for an engine that reads every byte it is given slowly: they go
        into the built page afterwards."""
        page = self.resolved()
        body = page.body()
        if body.startswith("<h1"):  # the page's template wrote it (see `heading`)
            title = ""
        elif "title_lang" in page.meta:  # a title in another language than the page's
            title = f"{heading(page.meta)}\n\n"
        else:
            title = "# " + _MARKDOWN_PUNCTUATION.sub(r"\\\1", page.meta["title"]) + "\n\n"
        meta = {**page.meta, **extra_meta} if extra_meta else page.meta
        if leave_out:
            meta = {k: v for k, v in meta.items() if k not in leave_out}
        return front_matter(meta) + title + (stand_in or _no_blank_lines(body))

    def html_body(self) -> str:
        """The body as a Markdown engine passes it through: one block of HTML."""
        return _no_blank_lines(self.resolved().body())


def heading(meta: dict[str, Any], body: str = "") -> str:
    """A page's <h1>: its title, marked with its own language when that is not the page's
    (`title_lang`, `title_dir`: a claim in a language no catalog covers). None when the `body`
    begins with its own, as Material writes none then: a language's list of fact checks marks
    that language's name inside its title ("Fact checks in 中文")."""
    if body.startswith("<h1"):
        return ""
    attrs = ""
    if "title_lang" in meta:
        attrs = f' lang="{meta["title_lang"]}" dir="{meta.get("title_dir", "ltr")}"'
    return f"<h1{attrs}>{meta['title']}</h1>"


def toc_tree(entries: tuple[tuple[int, str, str], ...]) -> list[dict[str, Any]]:
    """A page's headings (level, id, text) as the table of contents nests them: each under the
    last one above its level ({level, id, name, children}, mkdocs' toc tokens)."""
    tokens: list[dict[str, Any]] = []
    for level, anchor, name in entries:
        token = {"level": level, "id": anchor, "name": name, "children": []}
        if tokens and level > tokens[-1]["level"]:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


# What Markdown reads as markup in a heading's text (the title is already HTML-escaped: & stays).
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]{}#!|~])")


def _no_blank_lines(html: str) -> str:
    # A blank line ends a raw HTML block in Markdown; `&#10;` keeps the same text (also inside <pre>).
    return re.sub(r"\n[ \t]*\n", "\n&#10;", html).rstrip("\n") + "\n"


def _yaml_string(value: Any) -> str:
    # JSON is YAML: one flow scalar per key, quick to write and exactly read back by any YAML parser.
    text = json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")


def front_matter(meta: dict[str, Any]) -> str:
    lines = ["---"]
    lines.extend(f"{key}: {_yaml_string(value)}" for key, value in meta.items())
    lines.append("---\n\n")
    return "\n".join(lines)


def page_url(path: str) -> str:
    """Directory URL of a docs path: claims/x.md -> claims/x/, claims/index.md -> claims/."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def root_of(path: str) -> str:
    """The relative prefix from a page back to the site root ("" for the home page)."""
    return "../" * page_url(path).count("/")


def check_id(value: str, what: str) -> str:
    """Ids become file names and URLs: refuse anything that is not a plain id."""
    if not isinstance(value, str) or len(value) > ID_MAX or not _ID.match(value):
        raise RenderError(f"{what} id {value!r} is not a valid id")
    if value in RESERVED_IDS:
        raise RenderError(f"{what} id {value!r} is reserved: its page would replace an index page")
    return value


def text(value: Any) -> str:
    """Plain text for HTML (front matter values): escaped. Text with nothing to escape comes back as
    the same string, not a copy: a build keeps one for every page."""
    plain = str(value)
    escaped = escape(plain)
    return plain if len(escaped) == len(plain) else str(escaped)


def esc(value: str) -> str:
    """HTML-escape plain text (the same as markupsafe.escape, twice as fast on short strings)."""
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )


def pagefind_value(value: Any) -> str:
    """A value inside data-pagefind-filter/meta="key:value", as it is.

    Pagefind (1.5) splits such an attribute at its first colon and takes all that follows as the
    value, commas and backslashes included: it unescapes nothing, so an escaped comma ("\\,") was
    shown with its backslash in the search results' badge.
    """
    return str(value)


def rating_css(ratings: Iterable[Rating]) -> str:
    """Badge colours for the scale in ratings.yaml, with the text colour that contrasts best."""
    rules = []
    for r in sorted(ratings, key=lambda r: r.order):
        colors = badge_colors(r.color)
        if colors and _ID.match(r.id):
            rules.append(
                f".fc-rating-{r.id} {{ --fc-badge-bg: {colors[0]}; --fc-badge-fg: {colors[1]}; }}"
            )
    return "/* Generated from ratings.yaml. */\n" + "\n".join(rules) + "\n"


def esc_meta(value: str | None) -> str | None:
    return None if value is None else text(value)


def shorten(value: str, limit: int = 200) -> str:
    """At most `limit` characters, ending in … when cut: at the last space when it comes past
    half the limit, else at the limit itself (Japanese, Chinese and Thai put no space between
    words, and the last space may be far back, before the claim), never inside a letter."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    space = value.rfind(" ", 0, limit)
    # A letter with thousands of marks has no place to cut: cut inside it rather than drop it.
    cut = space if space > limit // 2 else letter_start(value, limit - 1) or limit - 1
    return value[:cut].rstrip(",;:、， ") + "…"


# Marks text every claim page shows (headings, labels, link texts): the search index leaves it out
# (Pagefind's data-pagefind-ignore), or a search for "archived", "sources" or "verdict" would return
# every claim, and each such word would carry a list of all the pages in the index.
UNSEARCHED = " data-pagefind-ignore"

_SAFE_URL = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def safe_href(url: str | None) -> str:
    """An external address for href: only http(s) and mailto pass; anything else becomes '#'."""
    if url and _SAFE_URL.match(url) and not _CONTROL_OR_SPACE.search(url):
        return url
    return "#"


_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f]")


# Valid in a JSON string, but U+2028/U+2029 end a line for many line readers (Python's splitlines,
# JavaScript before ES2019) and a lone surrogate cannot be written as UTF-8: all stay \u-escaped.
_JSONLD_UNSAFE = re.compile("[\u2028\u2029\ud800-\udfff]")


def jsonld(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json">: `</script>` and `<!--` cannot appear in it,
    nor a character that ends a line for a line reader or cannot be written as UTF-8."""
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    out = out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _JSONLD_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def _luminance(hex_color: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def badge_colors(color: str | None) -> tuple[str, str] | None:
    """(background, text) with the text colour that contrasts best; None for no or bad colour."""
    if not color or not _COLOR.match(color):
        return None
    lum = _luminance(color)
    white = 1.05 / (lum + 0.05)
    black = (lum + 0.05) / 0.05
    return color.lower(), ("#ffffff" if white >= black else "#000000")


def default_icon(rating: Rating, best: int | None, worst: int | None) -> str:
    """The symbol shown with a rating's label when ratings.yaml gives it none: ✔ for the best of
    the scale, ✘ for the worst, ◐ between. A rating off the scale (no value) gets none: a "?" made
    "Satire" or "Opinion" look like "Unproven" to a reader who cannot tell the colours apart, and
    only its label can say what it is."""
    if rating.icon:
        return rating.icon
    if rating.value is None or best is None or worst is None:
        return ""
    if rating.value == best:
        return "✔"
    if rating.value == worst:
        return "✘"
    return "◐"


@dataclass(frozen=True)
class Scale:
    """The rating scale as ClaimReview numbers: worstRating is never below 1."""

    best: int | None
    worst: int | None
    offset: int  # added to every value so that the worst is at least 1

    @classmethod
    def of(cls, ratings: Iterable[Rating]) -> Scale:
        values = [r.value for r in ratings if r.value is not None]
        if not values:
            return cls(None, None, 0)
        offset = max(0, 1 - min(values))
        return cls(max(values) + offset, min(values) + offset, offset)

    def value(self, rating: Rating) -> int | None:
        return None if rating.value is None else rating.value + self.offset

    @property
    def ordinal(self) -> bool:
        return self.best is not None and self.worst is not None and self.best > self.worst


THEME_DIR = Path(__file__).parent.parent / "theme"


def N_(message: str) -> str:
    """Marks a msgid for Babel's extraction where it is defined; it is translated where shown."""
    return message


# Document kinds (content model) -> their names as readers see them, through the catalog.
DOCUMENT_KINDS = {
    # Translators: a kind of document a claim appeared in, as in "speech, 1 March 2025".
    "article": N_("article"),
    "opinion": N_("opinion column"),
    "comment": N_("comment"),
    "speech": N_("speech"),
    "interview": N_("interview"),
    "social-post": N_("social media post"),
    "video": N_("video"),
    "report": N_("report"),
    "other": N_("document"),
}
# A retracted verdict's status where a rating would be (badges, breakdowns, search metadata, open
# data): a status like "under-review", never a rating of the scale.
RETRACTED = "retracted"
# Kinds of change to a published fact check -> their labels, through the catalog.
UPDATE_TYPES = {
    "correction": N_("Correction"),
    "update": N_("Update"),
    "clarification": N_("Clarification"),
    "retraction": N_("Retraction"),
}


class _Names(dict[str, str]):
    """id -> name in the site's language; an id the catalog has no name for is shown as written."""

    def __missing__(self, key: str) -> str:
        return key


def _escaped(value: Any) -> Any:
    """A placeholder's value: numbers as they are (for %d), anything else as HTML."""
    return value if isinstance(value, int | float) else escape(value)


@functools.lru_cache(maxsize=16)
def template_language(messages: i18n.Messages) -> dict[str, Any]:
    """Values every page template gets, made once per language and run.

    `_`, `gettext` and `ngettext` give what the i18n extension's give (newstyle: the translation
    is Markup, its %(name)s placeholders filled with escaped values, `%%` a percent sign), at a
    fraction of the cost: the template calls them directly (the extension's own take three template
    calls per string), a string with no `%` is not formatted, and the values are escaped here
    rather than by `Markup.__mod__`. A claim page has 25 or so strings; the extension's calls made
    it half as slow again. Templates rendered without them (a macro imported without context)
    still get the extension's.
    """
    gettext, ngettext = messages.gettext, messages.ngettext

    def fill(text: str, variables: dict[str, Any]) -> Markup:
        if not variables and "%" not in text:
            return Markup(text)
        return Markup(text % {k: _escaped(v) for k, v in variables.items()})

    def _(message: str, **variables: Any) -> Markup:
        return fill(gettext(message), variables)

    def n_(singular: str, plural: str, num: int, **variables: Any) -> Markup:
        variables.setdefault("num", num)
        return fill(ngettext(singular, plural, num), variables)

    names: Callable[[dict[str, str]], _Names] = lambda ids: _Names(  # noqa: E731
        {key: gettext(msgid) for key, msgid in ids.items()}
    )
    return {
        "_": _,
        "gettext": _,
        "ngettext": n_,
        "kind_labels": names(DOCUMENT_KINDS),
        "update_labels": names(UPDATE_TYPES),
    }


class FixedStrings(jinja2.ext.Extension):
    """`{{ _("Our verdict") }}` translated once, when the template is compiled, not on each render.

    An environment of `make_env` has one language, so a call with a string literal and nothing
    else always gives the same Markup: it becomes that constant (`("Unser Urteil"|safe)`), which
    Jinja then writes as part of the template's own text. A claim page has about 60 such calls,
    each a template call, a catalog lookup and a Markup. Calls with placeholders are left alone,
    and so is every call in a template that uses `_` for anything else (`{% set _ = ... %}`, a
    loop variable). A message the call would fail on (`%` alone) stays a call, to fail as before.
    """

    CALLS = frozenset(("_", "gettext"))

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.extend(fixed_string=None)  # message -> Markup; set by `make_env`

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        translate: Callable[[str], Markup] | None = getattr(self.environment, "fixed_string", None)
        tokens = list(stream)
        if translate is None or any(
            t.type == "name"
            and t.value in self.CALLS
            and (i + 1 == len(tokens) or tokens[i + 1].type != "lparen")
            for i, t in enumerate(tokens)
        ):
            return tokens
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if (
                t.type == "name"
                and t.value in self.CALLS
                and [k.type for k in tokens[i + 1 : i + 4]] == ["lparen", "string", "rparen"]
                and not (out and out[-1].type == "dot")  # `ctx._("...")`: a method
            ):
                try:
                    value = translate(tokens[i + 2].value)
                except Exception:  # noqa: BLE001 - it fails when rendered, as it did
                    value = None
                if value is not None:
                    n = t.lineno
                    out += [
                        Token(n, "lparen", "("),
                        Token(n, "string", str(value)),
                        Token(n, "pipe", "|"),
                        Token(n, "name", "safe"),
                        Token(n, "rparen", ")"),
                    ]
                    i += 4
                    continue
            out.append(t)
            i += 1
        return out


def _list_style_attribute(n: int, shown: str) -> Markup | str:
    """A list item's ` style` making its marker `shown` (n in the page's digits), as Markdown's
    numbered lists get it (markdown.list_style); nothing where the browser writes it so."""
    style = markdown_list_style(n, shown)
    if not style:
        return ""
    # As markdown-it writes an attribute: the quotes around the marker stay apostrophes.
    value = style.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return Markup(f' style="{value}"')


@functools.lru_cache(maxsize=16)
def make_env(
    template_dirs: tuple[str, ...], messages: i18n.Messages, reload: bool = False
) -> jinja2.Environment:
    """Page templates in one language: `factcheck/<page>.html`, looked up in the site's template
    folders (its custom_dir) first, then the package's theme folder, as the theme looks up its own.

    Templates say `{{ _("Our verdict") }}` and `{{ d | date }}`; Babel extracts the strings.
    `reload`: look for edits on each lookup (a preview); a build reads each template once.
    """
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader([*template_dirs, str(THEME_DIR)]),
                # `theme/factcheck/claim.html` is always ours: a site's copy can extend it.
                jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(str(THEME_DIR))}),
            ]
        ),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n", FixedStrings],
        auto_reload=reload,
    )
    env.install_gettext_callables(messages.gettext, messages.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.fixed_string = template_language(messages)["_"]  # type: ignore[attr-defined]
    # The extension's `_` calls `gettext` through the context again (a second template call for
    # each string of a partial rendered without `template_language`); it is the same function.
    env.globals["_"] = env.globals["gettext"]
    # Babel formats a date in ~10 µs and a claim page shows several: each day is formatted once.
    date = functools.lru_cache(maxsize=8192)(messages.date)
    env.filters["date"] = date
    env.filters["href"] = safe_href
    env.filters["iso"] = lambda d: d.isoformat() if d else ""
    env.filters["time"] = lambda d: Markup(  # `{{ d | time }}`: as `Context.time`
        f'<time datetime="{d.isoformat()}">{esc(date(d))}</time>'
    )
    env.filters["pagefind"] = pagefind_value
    env.filters["list_style"] = _list_style_attribute  # `{{ n | list_style(shown) }}`
    env.filters["before_mark"] = without_end_stop  # a claim's title with a mark after it
    env.globals["lang"] = messages
    return env


class ShortTitles(Mapping[str, str]):
    """claim id -> short title, read from the claims themselves (no copy per page)."""

    def __init__(self, claims: Mapping[str, Claim]) -> None:
        self._claims = claims

    def __getitem__(self, key: str) -> str:
        return self._claims[key].short

    def __contains__(self, key: object) -> bool:
        return key in self._claims

    def __iter__(self) -> Iterator[str]:
        return iter(self._claims)

    def __len__(self) -> int:
        return len(self._claims)


@dataclass
class Context:
    """What the page renderers share during one run: the site, settings and cached fragments."""

    site: Site
    settings: Settings
    scale: Scale
    badges: dict[str, Markup] = field(default_factory=dict)
    items: dict[str, tuple[str, ...]] = field(default_factory=dict)  # claim_item, around root
    texts: dict[str, DocumentText] = field(default_factory=dict)
    # document id -> where its long text is cut (render/fulltext.py), shared by every language
    text_parts: dict[str, dict[str, int]] = field(default_factory=dict)
    # What every page of a long list shares (the sorted list itself, its counts), worked out for
    # its first page rendered, not again for each: a list of n entries in n / 200 pages.
    memo: dict[Any, Any] = field(default_factory=dict)

    @property
    def short_titles(self) -> ShortTitles:
        return ShortTitles(self.site.content.claims)

    def prepare(self) -> None:
        """Compute the shared caches now (before forking workers, so each does not redo them)."""
        for name in ("updated", "documents_by_author", "rating_labels", "site_feeds"):
            getattr(self, name)
        self.site.sources_by_url  # noqa: B018

    @cached_property
    def updated(self) -> dt.date | None:
        """The date pages without one of their own report: the newest date in the content."""
        return self.site.content.last_change()

    @cached_property
    def documents_by_author(self) -> dict[str, list[Document]]:
        """Person id -> documents they wrote, newest first."""
        out: dict[str, list[Document]] = {}
        docs = self.site.content.documents.values()
        for d in sorted(docs, key=lambda d: (-d.date.toordinal(), d.id)):
            if d.author:
                out.setdefault(d.author, []).append(d)
        return out

    @cached_property
    def rating_labels(self) -> dict[str, str]:
        return {r.id: r.label for r in self.site.content.ratings.values()}

    def document_text(self, doc_id: str) -> DocumentText:
        """A document's text prepared for quote lookup, once per run however many claims quote it."""
        found = self.texts.get(doc_id)
        if found is None:
            found = self.texts[doc_id] = DocumentText(
                self.site.content.documents[doc_id].text or ""
            )
            claims = self.site.content.claims
            found.look_up(
                a.quote
                for cid in self.site.by_document.get(doc_id, ())
                for a in claims[cid].appearances
                if a.document == doc_id and a.quote
            )
        return found

    @classmethod
    def of(cls, site: Site, settings: Settings) -> Context:
        return cls(site, settings, Scale.of(site.content.ratings.values()))

    def for_language(self, language: str | None) -> Context:
        """This context for pages in another language (a translated claim, a language's list):
        that language's strings, dates and direction (settings.language is the page's); the same
        context for the site's own language. Made once per language and run."""
        if language:  # a language no catalog covers: the site's (languages.interface_language)
            language = interface_language(language, self.base_settings)
        if not language or language.lower() == self.settings.language.lower():
            return self
        others = self.__dict__.setdefault("_languages", {self.settings.language.lower(): self})
        found = others.get(language.lower())
        if found is None:
            settings = dataclasses.replace(self.settings, language=language, locale=None)
            found = Context(
                self.site, settings, self.scale, texts=self.texts, text_parts=self.text_parts
            )
            found.__dict__["_languages"] = others
            found.__dict__["site_language"] = self.site_language
            found.__dict__["_base_settings"] = self.base_settings
            others[language.lower()] = found
        return found

    @property
    def base_settings(self) -> Settings:
        """The site's settings, also in a context made for another language."""
        return self.__dict__.get("_base_settings", self.settings)

    @cached_property
    def site_language(self) -> str:
        """The site's language (theme.language), also in a context made for another language."""
        return self.settings.language

    def badge(
        self,
        rating_id: str | None,
        small: bool = False,
        filter: bool = False,
        retracted: bool = False,
    ) -> Markup:
        """A rating badge: icon, label and a screen-reader prefix; colour is never the only cue.

        Colours come from the generated ratings stylesheet (`fc-rating-<id>`). `filter` marks the
        label as the page's Pagefind `rating` filter (claim pages only). `retracted`: the status
        badge of a retracted fact check ("Retracted"), whatever its rating was.
        """
        key = f"{rating_id}|{small}|{filter}|{retracted}"
        cached = self.badges.get(key)
        if cached is None:
            rating = self.site.content.ratings.get(rating_id) if rating_id else None
            if retracted:
                rating = None
            icon = default_icon(rating, self.scale.best, self.scale.worst) if rating else ""
            # A rating's label is in the site's language (ratings.yaml), whatever the page's.
            site = self.site_language
            label_lang = None if same(self.settings.language, site) else site
            cached = Markup(
                self.env.get_template("factcheck/partials/badge.html").render(
                    rating=rating,
                    icon=icon,
                    small=small,
                    filter=filter,
                    retracted=retracted,
                    label_lang=label_lang,
                )
            )
            self.badges[key] = cached
        return cached

    def status_badge(
        self, verdict: Verdict | None, small: bool = False, filter: bool = False
    ) -> Markup:
        """The badge a claim shows: its verdict's rating, "Retracted" once the verdict is retracted
        (the rating it withdrew is no finding any more), "Under review" without a verdict."""
        if verdict is not None and verdict.retracted:
            return self.badge(None, small=small, filter=filter, retracted=True)
        return self.badge(verdict.rating if verdict else None, small=small, filter=filter)

    def source_language(self, tag: str | None) -> dict[str, str] | None:
        """A source's language (tag, its name in the page's language, direction) when it is not the
        page's, else None: a reader learns before following the link that the source is in German,
        and a screen reader reads its title in that voice. No `language`: the site's."""
        tag = tag or self.site_language
        if tag.split("-")[0].lower() == self.settings.language.split("-")[0].lower():
            return None
        return {
            "tag": tag,
            "name": name_in(tag, self.settings.language),
            "dir": direction(tag),
        }

    def claim_lang(self, claim_id: str) -> dict[str, str] | None:
        """`lang` and `dir` for a claim's words shown on this page (its title in a list, a card, a
        link) when the claim is in another language than the page's; None when it is not."""
        tag = language_of(self.site.content.claims[claim_id], self.site_language)
        if same(tag, self.settings.language):
            return None
        return {"lang": tag, "dir": direction(tag)}

    def document_lang(self, doc_id: str) -> dict[str, str] | None:
        """`lang` and `dir` for a document's own words on this page (its full text, a passage
        quoted from it) when they are in another language than the page's: a Spanish site quoting
        an English speech has its text read in an English voice, hyphenated as English."""
        tag = self.site.document_language(doc_id, self.site_language)
        if same(tag, self.settings.language):
            return None
        return {"lang": tag, "dir": direction(tag)}

    def person_lang(self, person: Person | None) -> dict[str, str] | None:
        """`lang` and `dir` for a person's name on this page when the name is written in another
        language than the page's (the person's `language`), else None: a screen reader says
        "Rick Santorum" on an Arabic page in an English voice, not an Arabic one."""
        tag = person.language if person is not None else None
        if not tag or same(tag, self.settings.language):
            return None
        return {"lang": tag, "dir": direction(tag)}

    @property
    def page_lang(self) -> dict[str, str]:
        """`lang` and `dir` of this page's own words, for ours set inside words of another
        language (a rating's name after a passage of a foreign document's text)."""
        return {"lang": self.settings.language, "dir": direction(self.settings.language)}

    def claim_item(self, claim_id: str, root: str) -> Markup:
        """One claim as a list entry (badge, title, claimant, date).

        A claim is listed at several page depths (its related claims, the lists of its rating,
        topics and claimant, their later pages): it is rendered once, with a marker where the
        template writes `root`, and the marker is replaced by each page's own. A title in another
        language than the page's gets `lang` and `dir`, as the claim's own page does, so that
        screen readers use its voice and a right-to-left page lays out its punctuation right.
        """
        pieces = self.items.get(claim_id)
        if pieces is None:
            from .indexes import list_title  # a long title is cut in lists (issue #19)

            content = self.site.content
            claim = content.claims[claim_id]
            verdict = content.verdicts.get(claim_id)
            other = self.claim_lang(claim_id) or {}
            person = content.people.get(claim.claimant)
            html = self._item_template.render(
                claim=claim,
                title=list_title(claim.short),
                person=person,
                person_lang=self.person_lang(person),
                badge=self.status_badge(verdict, small=True),
                lang=other.get("lang"),
                dir=other.get("dir"),
                root=_ROOT_MARK,
            )
            pieces = self.items[claim_id] = tuple(html.split(_ROOT_MARK))
        return Markup(root.join(pieces))

    def claim_list(self, ids: Iterable[str], root: str) -> Markup:
        items = "\n".join(self.claim_item(i, root) for i in ids)
        return Markup(f'<ul class="fc-list">\n{items}\n</ul>')

    def breakdown(
        self, counts: list[tuple[Rating | str | None, int]], total: int, caption: str
    ) -> Markup:
        """A table of how many claims got each rating: badge, count and share (text, not colour)."""
        rows = [
            {
                "badge": self.badge(None, small=True, retracted=True)
                if rating == RETRACTED
                else self.badge(rating.id if isinstance(rating, Rating) else None, small=True),
                "count": n,
                "share": 100 * n / total if total else 0,
            }
            for rating, n in counts
        ]
        return Markup(
            self.env.get_template("factcheck/partials/breakdown.html").render(
                rows=rows, caption=caption
            )
        )

    def rating_counts(self, claim_ids: Iterable[str]) -> list[tuple[Rating | str | None, int]]:
        """How many of these claims got each rating, in scale order; then `RETRACTED` counts the
        retracted fact checks (not under the rating they withdrew), and None those under review.

        A list's ids (a tuple of the linked site, shown over many pages) are counted once.
        """
        if isinstance(claim_ids, tuple):
            key = ("rating_counts", id(claim_ids))
            found = self.memo.get(key)
            if found is None or found[0] is not claim_ids:
                found = self.memo[key] = (claim_ids, self._rating_counts(claim_ids))
            return found[1]
        return self._rating_counts(claim_ids)

    def _rating_counts(self, claim_ids: Iterable[str]) -> list[tuple[Rating | str | None, int]]:
        counts: dict[str | None, int] = {}
        retracted = 0
        verdicts = self.site.content.verdicts
        for cid in claim_ids:
            v = verdicts.get(cid)
            if v is not None and v.retracted:
                retracted += 1
                continue
            key = v.rating if v else None
            counts[key] = counts.get(key, 0) + 1
        out: list[tuple[Rating | str | None, int]] = [
            (r, counts[r.id])
            for r in sorted(self.site.content.ratings.values(), key=lambda r: r.order)
            if counts.get(r.id)
        ]
        if retracted:
            out.append((RETRACTED, retracted))
        if counts.get(None):
            out.append((None, counts[None]))
        return out

    @property
    def msg(self) -> i18n.Messages:
        return self.settings.messages

    def _(self, message: str) -> str:
        """A reader-visible string in the site's language (plain text: escape where placed)."""
        return self.settings.messages.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The plural form for n, placeholders unfilled: `ctx.ngettext(s, p, n) % {"num": n}`."""
        return self.settings.messages.ngettext(singular, plural, n)

    def kind_label(self, kind: str) -> str:
        """A document kind as readers see it (`social media post`); an unknown kind as written."""
        msgid = DOCUMENT_KINDS.get(kind)
        return self._(msgid) if msgid else kind

    def update_label(self, kind: str) -> str:
        """A kind of change to a fact check (`Correction`); an unknown kind as written."""
        msgid = UPDATE_TYPES.get(kind)
        return self._(msgid) if msgid else kind

    def date(self, d: dt.date | None) -> str:
        return self.settings.messages.date(d)

    def time(self, d: dt.date) -> Markup:
        """A <time> element with the day in the site's language."""
        return Markup(f'<time datetime="{d.isoformat()}">{esc(self.date(d))}</time>')

    @property
    def env(self) -> jinja2.Environment:
        settings = self.settings
        return make_env(settings.template_dirs, settings.messages, settings.reload_templates)

    @cached_property
    def claim_template(self) -> jinja2.Template:
        """The claim page's template, looked up once (it renders thousands of times)."""
        return self.env.get_template("factcheck/claim.html")

    @cached_property
    def _item_template(self) -> jinja2.Template:
        return self.env.get_template("factcheck/partials/claim_item.html")

    def render(self, template: str, **values: Any) -> str:
        """A page template: `factcheck/<template>`, the site's own copy when it has one."""
        values = {**template_language(self.msg), "ctx": self, **values}
        return self.env.get_template("factcheck/" + template).render(values)

    @cached_property
    def site_feeds(self) -> list[dict[str, str]]:
        """The site's own feeds (generator.feeds writes them), linked from every page's head."""
        from ..feeds import alternate_links

        return [
            {"type": text(f["type"]), "title": text(f["title"]), "href": text(f["href"])}
            for f in alternate_links(self.settings)
        ]

    def feed(self, path: str, title: str) -> dict[str, str]:
        """An Atom feed of this page's claims (a topic's, a claimant's)."""
        return {
            "type": "application/atom+xml",
            "title": text(f"{self.settings.site_name}: {title} (Atom)"),
            "href": text(self.settings.url(path)),
        }

    def base_meta(
        self,
        title: str,
        description: str,
        path: str,
        og_type: str = "website",
        extra: dict[str, Any] | None = None,
        feeds: list[dict[str, str]] | None = None,
    ) -> dict[str, Any]:
        url = self.settings.url(page_url(path))
        desc = shorten(description) if description else shorten(self.settings.site_description)
        meta: dict[str, Any] = {
            "title": text(title),
            "description": text(desc),
            "template": "main.html",
            "factcheck": True,
            "og": {
                "type": og_type,
                "title": text(title),
                "description": text(desc),
                "url": text(url),
                "site_name": text(self.settings.site_name),
            },
            # X falls back to og:title and og:description (developer.x.com/cards/markup): a
            # page gives twitter:title or twitter:description only to say something else there.
            "twitter": {"card": "summary"},
            "feeds": [*self.site_feeds, *(feeds or ())],
        }
        if extra:
            meta.update(extra)
        return meta
