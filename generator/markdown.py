"""Safe Markdown for contributor text: markdown-it-py with raw HTML off and links allow-listed.

Python-Markdown (what mkdocs uses) passes raw HTML through, so no contributor Markdown ever reaches it:
verdict bodies and hand-written pages are rendered here and handed to mkdocs as finished HTML.

Two inline extensions carry the project's own syntax:

- `[@source-id]` cites a source of the verdict. It becomes a numbered superscript link to `#source-<id>`;
  numbers follow the order of first citation, and a source cited again keeps its number.
  `[@one; @two]` cites several for one statement: a link each.
- `[[claim-id]]` links another claim, with that claim's short title as the link text.

An id that is not known renders as the plain text the contributor wrote (the validator reports it).
Images are off: a picture from an arbitrary server would be fetched by every reader.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from html import escape
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .problems import line_starts
from .punctuation import starts_with_mark, without_end_stop

__all__ = [
    "Heading",
    "Rendered",
    "has_controls",
    "hidden_by_nesting",
    "render",
    "slugify",
    "strip_controls",
]

# Characters HTML forbids or that are invisible traps: C0 controls except tab/newline/CR, DEL, C1
# controls, lone surrogates and the Unicode non-characters. Split in three so the common cases stay
# fast (one class with astral ranges makes every search ten times slower).
_ASCII_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BMP_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
_ASTRAL_NONCHARACTERS = re.compile(
    "[" + "".join(chr(p << 16 | 0xFFFE) + chr(p << 16 | 0xFFFF) for p in range(1, 17)) + "]"
)
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# `[@id]`, or several sources for one statement: `[@id; @other]` (Pandoc's way of writing it).
_CITATION = re.compile(r"\[@(" + _ID + r")((?:[ \t\n]*;[ \t\n]*@" + _ID + r")*)\]")
_MORE_IDS = re.compile(r"@(" + _ID + r")")
_CLAIM_LINK = re.compile(r"\[\[(" + _ID + r")\]\]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def strip_controls(text: str) -> str:
    """Remove the characters HTML forbids (and that no reader can see)."""
    if text.isascii():
        return _ASCII_CONTROLS.sub("", text)
    text = _BMP_CONTROLS.sub("", text)
    if text and max(text) > "\uffff":
        text = _ASTRAL_NONCHARACTERS.sub("", text)
    return text


def has_controls(text: str) -> bool:
    """Whether `strip_controls` would change the text (fast on the site's whole text at once)."""
    if text.isascii():
        return _ASCII_CONTROLS.search(text) is not None
    if _BMP_CONTROLS.search(text):
        return True
    # In UTF-16 every astral non-character (U+nFFFE, U+nFFFF) ends in the unit DFFE or DFFF, and
    # looking for those bytes is ten times faster than either max(text) or the regex over it.
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(text) or (b"\xfe\xdf" not in data and b"\xff\xdf" not in data):
        return False
    return _ASTRAL_NONCHARACTERS.search(text) is not None


def slugify(text: str) -> str:
    """An anchor id for a heading: lowercase words joined by hyphens."""
    slug = re.sub(r"[^\w]+", "-", text.casefold()).strip("-_")
    return slug or "section"


@dataclass(frozen=True)
class Heading:
    level: int  # the level as rendered (after shifting)
    id: str
    text: str  # plain text


@dataclass
class Rendered:
    html: str
    cited: tuple[str, ...] = ()  # source ids in order of first citation
    citations: dict[str, int] = field(default_factory=dict)  # source id -> times cited
    headings: tuple[Heading, ...] = ()


def is_safe_link(url: str, relative: bool) -> bool:
    m = _SCHEME.match(url)
    if m:
        return m.group(1).lower() in _SAFE_SCHEMES
    if not relative:
        return False
    # A relative link stays on this site; "//host/x" and "\\host" would leave it.
    return not url.startswith(("//", "\\", "/\\", "%5C"))


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[" or not state.src.startswith("[@", state.pos):
        return False
    m = _CITATION.match(state.src, state.pos)
    if not m:
        return False
    env = state.env
    ids = [m.group(1), *_MORE_IDS.findall(m.group(2))]
    known = env.get("fc_sources", ())
    if not all(source_id in known for source_id in ids):
        return False
    if not silent:
        numbers: dict[str, int] = env["fc_numbers"]
        counts: dict[str, int] = env["fc_counts"]
        for source_id in ids:
            number = numbers.setdefault(source_id, len(numbers) + 1)
            counts[source_id] = counts.get(source_id, 0) + 1
            token = state.push("fc_citation", "sup", 0)
            token.meta = {"id": source_id, "n": number, "k": counts[source_id]}
    state.pos = m.end()
    return True


def _claim_link_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    m = _CLAIM_LINK.match(state.src, state.pos)
    if not m:
        return False
    claims = state.env.get("fc_claims") or {}
    claim_id = m.group(1)
    if claim_id not in claims:
        return False
    if not silent:
        token = state.push("fc_claim_link", "a", 0)
        # The title's own full stop gives way to a mark right after the link ("see [[id]].").
        after = state.src[m.end() : m.end() + 1]
        token.meta = {"id": claim_id, "before_mark": starts_with_mark(after)}
    state.pos = m.end()
    return True


def _render_citation(self, tokens: list[Token], idx: int, options, env) -> str:
    meta = tokens[idx].meta
    sid = escape(meta["id"])
    n = meta["n"]
    # "[1]" alone tells a screen reader nothing: the link's name says which source it leads to.
    label = env["fc_cite_label"](n, meta["id"]) if env.get("fc_cite_label") else None
    named = f' aria-label="{escape(strip_controls(label))}"' if label else ""
    # In the page's digits ([۱] on a Persian page), as its list of sources numbers the source.
    shown = escape(env["fc_number"](n)) if env.get("fc_number") else str(n)
    return (
        f'<sup class="fc-cite"><a href="#source-{sid}" id="cite-{sid}-{meta["k"]}"{named}>'
        f"[{shown}]</a></sup>"
    )


def _render_claim_link(self, tokens: list[Token], idx: int, options, env) -> str:
    claim_id = tokens[idx].meta["id"]
    title = env["fc_claims"][claim_id]
    if tokens[idx].meta.get("before_mark"):
        title = without_end_stop(title)
    href = env["fc_claim_href"](claim_id)
    return f'<a class="fc-claim-link" href="{escape(href)}">{escape(strip_controls(title))}</a>'


def _make(relative_links: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable(["image", "html_inline", "html_block"])
    md.validateLink = lambda url: is_safe_link(url, relative_links)  # type: ignore[method-assign]
    md.inline.ruler.before("link", "fc_claim_link", _claim_link_rule)
    md.inline.ruler.before("link", "fc_citation", _citation_rule)
    md.add_render_rule("fc_citation", _render_citation)
    md.add_render_rule("fc_claim_link", _render_claim_link)
    return md


_STRICT = _make(relative_links=False)
_PAGES = _make(relative_links=True)


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def list_style(n: int, shown: str) -> str | None:
    """The `style` that makes a list item's marker the page's own writing of its number `n`
    (`shown`, "۱" on a Persian page), or None where the browser's decimal counter already
    writes it so. The counter knows only Latin digits; a string marker (CSS Lists 3) stays the
    item's list marker, which screen readers announce as the item's number. ". " is the decimal
    counter's own suffix."""
    if shown == str(n):
        return None
    return f"list-style-type: '{shown}. '"


def _number_lists(tokens: list[Token], number: Callable[[int], str]) -> None:
    """Ordered lists' items numbered in the page's digits (see `list_style`). A list inside
    another ordered list is left alone: the theme letters those (a, b, c), with no digits."""
    stack: list[tuple[bool, int]] = []  # per open list: ordered, its next item's number
    for tok in tokens:
        if tok.type in ("ordered_list_open", "bullet_list_open"):
            ordered = tok.type == "ordered_list_open"
            first = tok.attrGet("start")
            start = (1 if first is None else int(str(first))) if ordered else 0
            stack.append((ordered, start))
        elif tok.type in ("ordered_list_close", "bullet_list_close") and stack:
            stack.pop()
        elif tok.type == "list_item_open" and stack and stack[-1][0]:
            _, n = stack[-1]
            stack[-1] = (True, n + 1)
            if sum(ordered for ordered, _ in stack) == 1:
                style = list_style(n, number(n))
                if style:
                    tok.attrSet("style", style)


def _postprocess(
    tokens: list[Token],
    heading_shift: int,
    min_level: int,
    rewrite_link: Callable[[str], str] | None,
    reserved: Collection[str] = (),
) -> list[Heading]:
    headings: list[Heading] = []
    # Every id given, and the page's own (`reserved`): "Data", "Data", "Data 1" gave data-1 twice,
    # and a heading "Sources" took the id the citations link to.
    taken = set(reserved)
    counts: dict[str, int] = {}  # the next number to try for a base: each id is found in O(1)
    for i, tok in enumerate(tokens):
        if tok.type in ("heading_open", "heading_close"):
            level = min(6, max(min_level, int(tok.tag[1]) + heading_shift))
            tok.tag = f"h{level}"
            if tok.type == "heading_open":
                text = _inline_text(tokens[i + 1]) if i + 1 < len(tokens) else ""
                base = slugify(text)
                hid, n = base, counts.get(base, 0)
                if n or hid in taken:
                    n = max(n, 1)
                    while f"{base}-{n}" in taken:
                        n += 1
                    hid = f"{base}-{n}"
                counts[base] = n + 1
                taken.add(hid)
                tok.attrSet("id", hid)
                headings.append(Heading(level, hid, text))
        elif tok.type == "inline" and tok.children:
            _fix_links(tok.children, rewrite_link)
    return headings


def _fix_links(children: list[Token], rewrite_link: Callable[[str], str] | None) -> None:
    """Links whose address was refused lose their <a> and keep their text; relative ones are mapped."""
    drop: set[int] = set()
    stack: list[tuple[int, bool]] = []
    for i, tok in enumerate(children):
        if tok.type == "link_open":
            href = str(tok.attrGet("href") or "")
            refused = href == ""
            if not refused and rewrite_link is not None and not _SCHEME.match(href):
                tok.attrSet("href", rewrite_link(href))
            stack.append((i, refused))
            if refused:
                drop.add(i)
        elif tok.type == "link_close" and stack:
            _, refused = stack.pop()
            if refused:
                drop.add(i)
    if drop:
        children[:] = [t for i, t in enumerate(children) if i not in drop]


def links(text: str) -> list[tuple[int, int, str]]:
    """Every link address a page's Markdown gives, with its 1-based line and column (where it is
    written; the first line of its paragraph when it is a reference)."""
    lines = text.split("\n")
    starts = line_starts(text)  # the offset in `text` of each line
    defined = {}  # a reference's address -> the line and column of its definition ([x]: about.md)
    for n, line in enumerate(lines):
        m = _REFERENCE.match(line)
        if m:
            group = 1 if m.group(1) is not None else 2
            defined.setdefault(m.group(group), (n, m.start(group)))
    out = []
    for tok in _PAGES.parse(strip_controls(text), {}):
        if tok.type != "inline" or not tok.children or not tok.map:
            continue
        first, last = tok.map
        where = _Paragraph(text, starts, first, last)
        for child in tok.children:
            href = child.attrGet("href") if child.type == "link_open" else None
            if not href:
                continue
            href = str(href)
            written = _as_written(href)
            found = where.next(written)
            if found is None:
                line, col = next((defined[form] for form in written if form in defined), (first, 0))
            else:
                line = bisect.bisect_right(starts, found) - 1
                col = found - starts[line]
            out.append((line + 1, col + 1, href))
    return out


# What stands between the words of a paragraph, and never inside an address as it is written
# (markdown-it percent-encodes spaces; brackets and parentheses are the Markdown around it).
_WORD = re.compile(r"[^\s()<>\[\]]+")


class _Paragraph:
    """Where a paragraph's links are written, found in order: each address at or after the end
    of the one before. Addresses are looked up among the paragraph's words, indexed once, so a
    paragraph of 100,000 references ([text][name], whose address is written elsewhere) costs
    what reading it once does, not a search of the rest of the paragraph for each."""

    # Addresses with brackets or parentheses in them are searched for; past this many that are
    # not there, no more (they are placed at their definition, or the paragraph's first line).
    SEARCHES = 50

    def __init__(self, text: str, starts: list[int], first: int, last: int):
        self.text, self.starts = text, starts  # the offset of each line of the text
        self.start = starts[first]
        self.end = starts[last] - 1 if last < len(starts) else len(text)
        self.at = self.start  # where the next link's address is looked for
        self.words: dict[str, list[int]] | None = None
        self.missing: set[str] = set()

    def _find(self, form: str) -> int | None:
        if _WORD.fullmatch(form):
            if self.words is None:
                self.words = {}
                for m in _WORD.finditer(self.text, self.start, self.end):
                    self.words.setdefault(m.group(), []).append(m.start())
            places = self.words.get(form, ())
            i = bisect.bisect_left(places, self.at)
            return places[i] if i < len(places) else None
        if form in self.missing or len(self.missing) >= self.SEARCHES:
            return None
        found = self.text.find(form, self.at, self.end)
        if found < 0:
            self.missing.add(form)  # not after here, so not after any later place either
            return None
        return found

    def next(self, forms: tuple[str, ...]) -> int | None:
        """The offset of the first of `forms` written on the earliest line from here on."""
        best: tuple[int, int, str] | None = None  # (line, offset, form)
        for form in forms:
            found = self._find(form)
            if found is not None:
                line = bisect.bisect_right(self.starts, found)
                if best is None or line < best[0]:
                    best = (line, found, form)
        if best is None:
            return None
        self.at = best[1] + len(best[2])
        return best[1]


def _as_written(href: str) -> tuple[str, ...]:
    """How a link address may stand in the Markdown: markdown-it percent-encodes spaces and
    letters outside ASCII (`<our team.md>` gives our%20team.md), and turns a host name into
    punycode, so the address it gives is not always in the text."""
    forms = [href]
    for form in (unquote(href), _PAGES.normalizeLinkText(href)):
        if form not in forms:
            forms.append(form)
    return tuple(forms)


# markdown-it reads a list or quote inside `maxNesting` (20) others as nothing at all, and a list
# item there also takes every line after it to the end of the text: a page would silently miss
# them. Each level takes a column of the line that opens it ('>', or a list item's indent), so
# only a line starting with a long run of these can be that deep: others are never parsed.
_DEEP_HINT = re.compile(r"^[ \t>*+\-\d.)]{5,}", re.MULTILINE)
_CONTAINERS = frozenset({"blockquote_open", "list_item_open"})


def hidden_by_nesting(text: str) -> int | None:
    """The 1-based line of `text` from which the page would show nothing, because lists and
    quotes are nested there deeper than markdown-it reads; None when all of it is shown."""
    text = strip_controls(text)  # as render() reads it
    runs = (m.group() for m in _DEEP_HINT.finditer(text))
    if not any(len(run) + 3 * run.count("\t") >= 16 for run in runs):  # a tab: up to 4 columns
        return None
    limit = _STRICT.options["maxNesting"] - 1
    for tok in _STRICT.parse(text):
        if tok.type in _CONTAINERS and tok.level >= limit and tok.map:
            return tok.map[0] + 1
    return None


# A reference definition ([team]: team.md, or [team]: <our team.md>): its address, as written.
_REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*(?:<([^>\n]+)>|(\S+))")


def render(
    text: str,
    *,
    sources: Collection[str] = (),
    claims: Mapping[str, str] | None = None,
    claim_href: Callable[[str], str] | None = None,
    relative_links: bool = False,
    rewrite_link: Callable[[str], str] | None = None,
    heading_shift: int = 0,
    min_heading: int = 1,
    reserved_ids: Collection[str] = (),
    cite_label: Callable[[int, str], str] | None = None,
    number: Callable[[int], str] | None = None,
) -> Rendered:
    """Render untrusted Markdown to safe HTML.

    `sources` are the citable source ids; `claims` maps claim id -> short title for `[[id]]` links, whose
    address is `claim_href(id)` (default `../<id>/`, right from a claim page). Headings are shifted by
    `heading_shift` levels and never rendered above `min_heading`; their ids are unique, and none
    is one of `reserved_ids` (the page's own). `relative_links` also allows links without a scheme
    (trusted project pages); `rewrite_link` maps those. `cite_label(number, source_id)` gives each
    citation link its accessible name (in the page's language), which "[1]" alone does not say.
    `number(n)` writes a number as the page does (`Messages.number`): citation markers and the
    numbers of ordered lists are then in the page's digits ([۱] in Persian), not Latin ones
    (`Messages.digits`: a number without separators).
    """
    env = {
        "fc_sources": sources,
        "fc_claims": claims if claims is not None else {},
        "fc_claim_href": claim_href or (lambda cid: f"../{cid}/"),
        "fc_numbers": {},
        "fc_counts": {},
        "fc_cite_label": cite_label,
        "fc_number": number,
    }
    md = _PAGES if relative_links else _STRICT
    tokens = md.parse(strip_controls(text), env)
    headings = _postprocess(tokens, heading_shift, min_heading, rewrite_link, reserved_ids)
    if number is not None:
        _number_lists(tokens, number)
    html = md.renderer.render(tokens, md.options, env)
    numbers: dict[str, int] = env["fc_numbers"]
    return Rendered(
        html=html,
        cited=tuple(numbers),
        citations=dict(env["fc_counts"]),
        headings=tuple(headings),
    )
