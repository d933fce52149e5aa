"""Page shells: the theme rendered once per page shape, then filled in for every page of that shape.

At 10,000 claims, rendering Material's templates was most of the mkdocs build (about 1.4 ms for each
of 19,000 pages), although claim pages differ only in a dozen values: title, description, canonical
address, Open Graph tags, JSON-LD, edit link and the article itself. A shell is the theme rendered once
for a stand-in page whose own values are markers; a page of the same shape is then the shell with its
values in place of the markers: string joins instead of template calls.

What keeps that exact:

- the shape covers what the theme branches on: the folder (links are relative), the page's place in
  the navigation, the headings of the table of contents, and which values are empty, with the same keys and list
  lengths in the front matter; pages of another shape get another shell;
- every marker holds `&amp;`, so a marker the theme escaped, stripped of tags, cut or changed in any
  way is seen, and that shape is rendered the normal way;
- a shell is used only after it reproduced the first two pages of its shape byte for byte (rendered
  the normal way as well); if not, that shape is rendered the normal way.

Only pages outside the navigation get shells, where there are many siblings at the same depth (links
are relative): two folders down (claims/x/, people/y/...) and the later pages of lists
(claims/page/3/, people/y/page/2/); every other page is rendered the normal way.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import BytecodeCache, pass_context

log = logging.getLogger("mkdocs.plugins.factcheck")

TEMPLATE = "factcheck/page.html"  # a generated page's template: one call to the shell renderer
SOURCE = "{{ fc_page() }}"
_MARK = "\x02fc{}&amp;\x03"
_MARK_RE = re.compile("\x02fc([0-9]+)&amp;\x03")
_PAGE_FIELDS = ("title", "content", "canonical_url", "abs_url", "edit_url")
_CHECKS = 2  # pages of a shape rendered both ways before its shell is trusted


class _StandIn:
    """A page whose own values are markers; anything else is the real page's."""

    def __init__(self, page: Any, fields: dict[str, Any]) -> None:
        self.__dict__["_page"] = page
        self.__dict__.update(fields)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["_page"], name)


def _skeleton(value: Any, out: list[str]) -> Any:
    """`value` with every non-empty string replaced by a marker (collected in `out`, in order)."""
    if isinstance(value, str):
        if not value:
            return value
        out.append(value)
        return _MARK.format(len(out) - 1)
    if isinstance(value, dict):
        return {k: _skeleton(v, out) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_skeleton(v, out) for v in value]
    return value


@dataclass
class _TocItem:
    """A table-of-contents entry of the stand-in page: its title is a marker."""

    title: str
    id: str
    level: int
    children: list[_TocItem]

    @property
    def url(self) -> str:
        return "#" + self.id


def _toc(items: Any, strings: list[str]) -> list[_TocItem]:
    return [
        _TocItem(_skeleton(i.title, strings), i.id, i.level, _toc(i.children, strings))
        for i in items or ()
    ]


def _values(page: Any) -> tuple[list[str], dict[str, Any]]:
    """The page's own strings, and its fields with markers in their place.

    Markers are numbered in the order the strings are met, so pages of the same shape get the same
    fields: their `repr` is the shape's main part.
    """
    strings: list[str] = []
    fields: dict[str, Any] = {}
    for name in _PAGE_FIELDS:
        value = getattr(page, name, None)
        # Material writes the page title as <h1> unless the content has one (`"\u003ch1" not in
        # page.content`): the stand-in content keeps its opening "<h1" so the theme decides the same.
        if name == "content" and isinstance(value, str) and value.startswith("<h1"):
            fields[name] = "<h1" + _skeleton(value[3:], strings)
        else:
            fields[name] = _skeleton(value, strings)
    fields["toc"] = _toc(getattr(page, "toc", ()), strings)
    # `lang` (a page in another language than the site's) picks the theme's strings: part of the
    # shape, never a marker.
    fields["meta"] = {
        k: (v if k in ("template", "lang") else _skeleton(v, strings)) for k, v in page.meta.items()
    }
    pagination = fields["meta"].get("pagination")
    if isinstance(pagination, dict):
        # A list's page number and page count differ from page to page: as values they would make
        # each later page a shape of its own. Our theme reads only the previous and next addresses.
        fields["meta"]["pagination"] = {
            k: _Unread(v) if k in ("number", "count") and type(v) is int else v
            for k, v in pagination.items()
        }
    return strings, fields


class _UnreadError(Exception):
    """A theme used a value a shell cannot hold."""


class _Unread:
    """A number of the stand-in page that the theme must not use: written, compared, tested or
    turned into JSON, it stops the shell's rendering (that shape is rendered the normal way)."""

    __slots__ = ("_type",)

    def __init__(self, value: int) -> None:
        self._type = type(value).__name__

    def __repr__(self) -> str:  # the shape's key: only the type
        return f"<unread {self._type}>"

    def _used(self, *args: Any, **kwargs: Any) -> Any:
        raise _UnreadError("the theme used a list's page number or page count")

    __str__ = __format__ = __bool__ = __int__ = __float__ = __index__ = __hash__ = _used
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _used  # type: ignore[assignment]
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _used
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = _used
    __neg__ = __pos__ = __abs__ = __len__ = __iter__ = __contains__ = _used


_LATER = re.compile(r"(?P<list>.+)/page/[1-9][0-9]*/")  # a list's page n > 1 (render/pagination.py)


def _folder(page: Any, in_nav: bool) -> str | None:
    """The folder pattern of a page worth a shell, else None: claims/x/ gives "claims/*", a list's
    later page claims/page/3/ "claims/page/*" and people/x/page/2/ "people/*/page/*"."""
    url = getattr(page, "url", "") or ""
    if in_nav or not url.endswith("/"):
        return None
    later = _LATER.fullmatch(url)
    parts = (later.group("list") if later else url[:-1]).split("/")
    tail = "/page/*" if later else ""
    if not all(parts):
        return None
    if len(parts) == 2:
        return f"{parts[0]}/*{tail}"
    if len(parts) == 1 and later:
        return parts[0] + tail
    return None


def _key(page: Any, folder: str, fields: dict[str, Any]) -> Any:
    return (
        folder,
        repr(fields),
        page.previous_page is None,
        page.next_page is None,
        bool(page.is_homepage),
        len(page.ancestors or ()),
    )


def shape(page: Any, in_nav: bool) -> Any:
    """What the theme may branch on, or None when this page is not worth a shell."""
    folder = _folder(page, in_nav)
    return None if folder is None else _key(page, folder, _values(page)[1])


@dataclass
class _Shape:
    checked: int = 0  # pages the shell reproduced exactly
    parts: list[str] | None = None  # literal text between markers
    order: list[int] | None = None  # which value goes after each literal part
    trusted: bool = False
    refused: bool = False

    def fill(self, values: list[str]) -> str:
        assert self.parts is not None and self.order is not None
        out = [self.parts[0]]
        for i, index in enumerate(self.order):
            out.append(values[index])
            out.append(self.parts[i + 1])
        return "".join(out)


def _split(html: str, count: int) -> tuple[list[str], list[int]] | None:
    """Literal parts and marker order of a shell, or None if any marker came out changed."""
    pieces = _MARK_RE.split(html)
    parts, order = pieces[0::2], [int(i) for i in pieces[1::2]]
    if any("\x02" in p or "\x03" in p for p in parts) or any(i >= count for i in order):
        return None
    return parts, order


class Shells:
    """Renders generated pages through shells where that is exact, the normal way elsewhere."""

    def __init__(self, render_normally: Callable[[dict[str, Any]], str]) -> None:
        """`render_normally`: the theme's page template; its pages come out tidied around their
        content (`tidy_frame`), and so do the shells, which are rendered the same way."""
        self._render = lambda variables: tidy_frame(
            render_normally(variables), getattr(variables["page"], "content", None)
        )
        self._shapes: dict[Any, _Shape] = {}
        self.filled = 0
        self.rendered = 0

    def render(self, variables: dict[str, Any], in_nav: bool) -> str:
        page = variables["page"]
        folder = _folder(page, in_nav)
        if folder is None:
            self.rendered += 1
            return self._render(variables)
        values, fields = _values(page)
        entry = self._shapes.setdefault(_key(page, folder, fields), _Shape())
        if entry.trusted:
            self.filled += 1
            return entry.fill(values)
        html = self._render(variables)
        self.rendered += 1
        if entry.refused:
            return html
        if entry.parts is None:
            try:
                shell = self._render({**variables, "page": _StandIn(page, fields)})
            except Exception as e:  # the page itself rendered: the stand-in's values did this
                entry.refused = True
                log.debug("theme shell refused for %s: %s", page.url, e)
                return html
            split = _split(shell, len(values))
            if split is None:
                entry.refused = True
                log.debug("theme shell refused for %s: a marker was changed", page.url)
                return html
            entry.parts, entry.order = split
        if entry.fill(values) != html:
            entry.refused = True
            log.debug("theme shell refused for %s: it does not reproduce the page", page.url)
            return html
        entry.checked += 1
        entry.trusted = entry.checked >= _CHECKS
        return html


# --- the template helpers a Jinja engine installs (mkdocs: engines/mkdocs.py on_env) ---


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory for the rebuilds of one preview."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Any) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Any) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


# Material's templates indent by template logic, not by the page's structure: a claim page was a tenth
# blank lines and indentation. Outside <pre>, <textarea>, <script> and <style>, a run of white space
# holding a line break renders as one space, so `tidy` writes it as one line break.
_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BLANK = " \t\r\f\v"  # ASCII only: a no-break space is meant


def _squeeze(text: str) -> str:
    """Each white-space run of `text` that holds a line break, as one line break.

    Line by line rather than with a regular expression, which tries a match at every character:
    750 µs for a 28 KB claim page against about 30 µs this way."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    inner = [line.strip(_BLANK) for line in lines[1:-1]]
    rest = [line for line in inner if line]
    rest.append(lines[-1].lstrip(_BLANK))
    return lines[0].rstrip(_BLANK) + "\n" + "\n".join(rest)


def tidy(html: str) -> str:
    """`html` with each white-space run that holds a line break written as one line break."""
    if "<" not in html:
        return _squeeze(html)
    pieces = _KEEP.split(html)
    # split gives text, kept element, its tag name, text, ...: tidy the text only
    out = []
    for i, piece in enumerate(pieces):
        k = i % 3
        if k == 0:
            out.append(_squeeze(piece))
        elif k == 1:
            out.append(piece)
    return "".join(out)


def tidy_frame(html: str, content: str | None) -> str:
    """A page as the theme wrote it, tidied around the page's own content (`page.content`), which
    stays as its author wrote it: a site's CSS may show its line breaks."""
    at = html.find(content) if content else -1
    if at < 0:
        return html
    end = at + len(content)  # type: ignore[arg-type]
    return tidy(html[:at]) + html[at:end] + tidy(html[end:])


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
        meta = getattr(page, "meta", None)
        lang = meta.get("lang") if isinstance(meta, dict) else None
        return f"{name}:{where}" + (f"|{lang}" if lang else "")  # a footer in the page's language

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


def page_renderer(page_shells: Shells) -> Callable[[Any], str]:
    @pass_context
    def render(context: Any) -> str:
        """A generated page through its theme shell (see shells.py), or the normal way."""
        page, nav = context["page"], context["nav"]
        in_nav = nav is not None and any(page is p for p in nav.pages)
        return page_shells.render(context.get_all(), in_nav)

    return render
