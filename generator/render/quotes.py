"""Find claim quotes in a document's full text, show them in context, and mark them up in the text.

Quotes match the text with whitespace runs, typographic quotes and composed or decomposed letters
normalised (the validator's rule, values.normalise_quote), so the search runs over a normalised copy
and maps positions back to the original text.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from ..values import QUOTE_MARKS, normalise_quote

_WORD = re.compile(r"\S+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# Where a sentence ends: a full stop, question or exclamation mark and any closing quotes or
# brackets, then a space; a paragraph break. Chinese and Japanese (。！？), Hindi (the danda । and
# ॥) and Arabic and Urdu (؟ ۔) marks end one with no space after them.
_CLOSERS = "\"'”’»)\\]」』）】〕〉》"
_FULL_STOPS = "。！？।॥؟۔"
_SENTENCE_END = re.compile(rf"[.!?…][{_CLOSERS}]*(?=\s)|[{_FULL_STOPS}][{_CLOSERS}]*|\n[ \t]*\n")
CONTEXT_CHARS = 240
# About what a full-text page may hold, in bytes of HTML: a longer text goes on pages of its own,
# so no page passes 200 KB (the page's shell and list come on top).
TEXT_PART_BYTES = 100_000


_ZWJ = "\u200d"
_REGIONAL = range(0x1F1E6, 0x1F200)  # two of these make one flag
_LONGEST_LETTER = 32  # characters: a letter and its marks, or an emoji sequence
_LONGEST_FLAGS = 1000  # flag letters in a row counted back to pair them


def _joins_previous(ch: str) -> bool:
    """A character that belongs to the one before it: a mark (Thai vowels and tones, Devanagari
    vowel signs, accents), a joiner, a variation selector, a skin tone or an emoji tag."""
    o = ord(ch)
    return (
        unicodedata.category(ch)[0] == "M"
        or ch == _ZWJ
        or 0xFE00 <= o <= 0xFE0F
        or 0x1F3FB <= o <= 0x1F3FF
        or 0xE0020 <= o <= 0xE01EF
    )


def letter_start(text: str, at: int) -> int:
    """`at` moved back to where the letter it falls inside begins, so that cutting `text` there
    keeps whole letters: never between a letter and its marks, after a virama (half a Devanagari
    conjunct), inside an emoji joined with ZWJ or inside a flag. `at` itself when no letter
    begins in the 32 characters before it (Unicode's stream-safe text has at most 30 marks in a
    row): the cost stays constant whatever the text."""
    for i in range(at, max(at - _LONGEST_LETTER, 0) - 1, -1):
        if i <= 0 or i >= len(text):
            return i
        before = text[i - 1]
        virama = unicodedata.combining(before) == 9 and text[i].isalpha()
        if _joins_previous(text[i]) or before == _ZWJ or virama:
            continue
        if ord(text[i]) in _REGIONAL and ord(before) in _REGIONAL:
            run = i - 1  # how many flag letters come before: an odd number splits a flag
            while run > max(i - _LONGEST_FLAGS, 0) and ord(text[run - 1]) in _REGIONAL:
                run -= 1
            return i - (i - run) % 2
        return i
    return at


def quote_key(claim_id: str, n: int) -> str:
    """What names the n-th quote (from 1) of a claim in one document: its anchor is `quote-<key>`.

    The first is the claim's id, as it has always been, so links to it keep working; a later one
    adds `--<n>`, which no id has (ids never hold two hyphens in a row), so no claim's first quote
    can take the anchor of another claim's second.
    """
    return claim_id if n == 1 else f"{claim_id}--{n}"


class DocumentText:
    """A document text with a normalised copy for matching quotes.

    The word positions are machine integers (`array`): a render keeps every document's copy, and
    lists of Python ints cost 36 bytes a word against 8 (17 MB at 10,000 synthetic claims).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        parts: list[str] = []
        self._norm_starts = array("q")
        self._orig_starts = array("q")
        # Words whose composed form differs (e and a combining accent -> é): where each character
        # of the composed word starts and ends in the original one.
        self._inside: dict[int, tuple[array, array]] = {}
        at = 0
        for m in _WORD.finditer(text.translate(QUOTE_MARKS)):
            word = m.group()
            norm = word if word.isascii() else unicodedata.normalize("NFC", word)
            if norm != word:
                self._inside[len(parts)] = _char_spans(word, norm)
            self._norm_starts.append(at)
            self._orig_starts.append(m.start())
            parts.append(norm)
            at += len(norm) + 1
        self.normalised = " ".join(parts)
        self._found: dict[str, int] = {}  # normalised quote -> where it starts (-1: nowhere)

    def look_up(self, quotes: Iterable[str]) -> None:
        """Find all these quotes in one go (quotes.first_positions: linear in the text and the
        quotes), so that `find` answers each from memory: one search per quote read a 4 MB text
        once per quote, for every claim page that quotes it and for the document's own pages."""
        from ..quotes import first_positions

        wanted = {q for q in map(normalise_quote, quotes) if q and q not in self._found}
        self._found.update(first_positions(self.normalised, wanted))

    def _to_orig(self, pos: int, end: bool = False) -> int:
        """Where the normalised copy's character `pos` starts in the original (or ends, `end`)."""
        i = bisect_right(self._norm_starts, pos) - 1
        inner = pos - self._norm_starts[i]
        spans = self._inside.get(i)
        if spans is None:
            return self._orig_starts[i] + inner + end
        starts, ends = spans
        k = min(inner, len(starts) - 1)
        return self._orig_starts[i] + (ends[k] if end else starts[k])

    def find(self, quote: str) -> tuple[int, int] | None:
        """(start, end) of the quote's first occurrence in the original text."""
        q = normalise_quote(quote)
        if not q:
            return None
        at = self._found.get(q)
        if at is None:
            at = self.normalised.find(q)
        if at < 0:
            return None
        return self._to_orig(at), self._to_orig(at + len(q) - 1, end=True)


def _char_spans(word: str, norm: str) -> tuple[array, array]:
    """For each character of `norm` (the composed form of `word`), where it starts and ends in
    `word`: a letter with the combining marks after it composes into one character."""
    runs, start = [], 0
    for j in range(1, len(word) + 1):
        if j == len(word) or unicodedata.combining(word[j]) == 0:
            runs.append((start, j))
            start = j
    pieces = [unicodedata.normalize("NFC", word[a:b]) for a, b in runs]
    if "".join(pieces) != norm:  # composed across runs (rare): the whole word for each
        return array("q", [0] * len(norm)), array("q", [len(word)] * len(norm))
    starts, ends = array("q"), array("q")
    for (a, b), piece in zip(runs, pieces, strict=True):
        for _ in piece:
            starts.append(a)
            ends.append(b)
    return starts, ends


@dataclass(frozen=True)
class InContext:
    before: str
    quote: str
    after: str
    cut_before: bool
    cut_after: bool
    page: str = ""  # address of the full-text page that holds the passage, from the site root
    anchor: str = ""  # the passage's id in that page: `quote-<key>` (quote_key)


def in_context(doc: DocumentText, span: tuple[int, int], limit: int = CONTEXT_CHARS) -> InContext:
    """The sentence (or so) around a quote: from the start of its sentence to the end of its last."""
    text = doc.text
    start, end = span
    lo = max(0, start - limit)
    before_window = text[lo:start]
    ends = list(_SENTENCE_END.finditer(before_window))
    if ends:
        ctx_start = lo + ends[-1].end()
        cut_before = False
    else:
        ctx_start = lo
        cut_before = lo > 0
        if cut_before:  # start at a word, or at least at a letter (never on its marks)
            space = before_window.find(" ")
            ctx_start = lo + space + 1 if 0 <= space < len(before_window) - 1 else lo
            while ctx_start < start and letter_start(text, ctx_start) < ctx_start:
                ctx_start += 1
    hi = min(len(text), end + limit)
    after_window = text[end:hi]
    m = _SENTENCE_END.search(after_window)
    cut_after = False
    if text[end - 1 : end] and text[end - 1] in ".!?…" + _FULL_STOPS:
        ctx_end = end
    elif m:
        ctx_end = end + m.end()
    else:
        ctx_end = hi
        if hi < len(text.rstrip()):
            cut_after = True
            space = after_window.rfind(" ")
            ctx_end = end + space if space > 0 else letter_start(text, hi)

    def squash(s: str) -> str:
        return " ".join(s.split())

    before = squash(text[ctx_start:start])
    after = squash(text[end:ctx_end])
    return InContext(
        before=before + (" " if before and text[start - 1 : start].isspace() else ""),
        quote=squash(text[start:end]),
        after=(" " if after and text[end : end + 1].isspace() else "") + after,
        cut_before=cut_before,
        cut_after=cut_after,
    )


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    claim_id: str
    href: str
    label: str  # what the passage is, e.g. the claim's short title and rating (plain text)
    rating: str | None = None  # the verdict's rating id (colours the passage), None under review
    rating_label: str = ""  # the rating's name, shown after the passage (plain text)
    claim: str = ""  # the claim's short title: what its rating link names for a screen reader
    key: str = ""  # what names its `quote-<key>` anchor (quote_key): the claim's id when empty

    @property
    def anchor(self) -> str:
        return self.key or self.claim_id


@dataclass(frozen=True)
class Piece:
    """A run of a document's text between two passage boundaries, as the template shows it."""

    text: str  # plain text; a single line break inside a paragraph stays a line break
    passage: Highlight | None = None  # the passage that links this piece (the first covering it)
    anchor: str | None = None  # the key of the `quote-<key>` anchor the passage link carries
    anchors: tuple[str, ...] = ()  # other quotes that start here: empty anchors before it
    ends: tuple[Highlight, ...] = ()  # passages ending here: their ratings follow as links

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def starts(self) -> tuple[str, ...]:
        """Every quote that starts here (its key): the anchors before it, then the passage's own."""
        return (*self.anchors, self.anchor) if self.anchor else self.anchors


def _title_lines(text: str, title: str | None, first_mark: int) -> int:
    """Where the text starts once the paragraphs at its top that only repeat the page's title (the
    page heading shows it already) are left out; never past a highlighted passage."""
    if not title:
        return 0
    wanted, at = normalise_quote(title).casefold(), 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.end() > first_mark or normalise_quote(text[at : m.start()]).casefold() != wanted:
            break
        at = m.end()
    return at


def annotated(
    text: str, highlights: Iterable[Highlight], title: str | None = None
) -> list[list[Piece]]:
    """The full text as paragraphs of pieces, for `factcheck/partials/document_text.html`.

    Overlapping passages are split at every boundary; the first highlight covering a piece (by start,
    then end) links it. Each passage's first piece carries its `quote-<key>` anchor (`quote_key`: the
    claim's id for the claim's first quote in the document) so claim pages can link straight to it,
    and a passage's rating follows where it ends, so a passage inside another is linked too.
    Paragraphs at the top that repeat `title` are left out.
    One pass over the boundaries with a heap of the open passages: linear in the text and the passages
    (times a log), however many passages overlap.
    """
    text = text.rstrip()
    marks = sorted(highlights, key=lambda h: (h.start, h.end, h.claim_id, h.anchor))
    skip = _title_lines(text, title, marks[0].start if marks else len(text))
    breaks = {m.start(): m.end() for m in _PARAGRAPH_BREAK.finditer(text)}
    bounds = {skip, len(text), *breaks, *breaks.values()}
    ends_at: dict[int, list[Highlight]] = {}
    for h in marks:
        bounds.update((h.start, h.end))
        ends_at.setdefault(h.end, []).append(h)
    cuts = sorted(b for b in bounds if skip <= b <= len(text))
    open_: list[tuple[int, Highlight]] = []  # heap of (position in marks, passage) begun so far
    pending: list[Highlight] = []  # begun, but no visible piece has carried their anchor yet
    added = 0
    paragraphs: list[list[Piece]] = [[]]
    i = 0
    while i < len(cuts) - 1:
        a, b = cuts[i], cuts[i + 1]
        while added < len(marks) and marks[added].start <= a:
            heapq.heappush(open_, (added, marks[added]))
            pending.append(marks[added])
            added += 1
        while open_ and open_[0][1].end <= a:
            heapq.heappop(open_)
        if a in breaks:  # a paragraph break: start a new paragraph after it
            paragraphs.append([])
            while i < len(cuts) - 1 and cuts[i + 1] <= breaks[a]:
                i += 1
            continue
        piece = text[a:b]
        if open_ and piece.strip():
            h = open_[0][1]
            starting = [c for c in pending if c.end > a]
            pending.clear()
            paragraphs[-1].append(
                Piece(
                    piece,
                    passage=h,
                    anchor=h.anchor if any(c is h for c in starting) else None,
                    anchors=tuple(c.anchor for c in starting if c is not h),
                    ends=tuple(ends_at.get(b, ())),
                )
            )
        else:
            paragraphs[-1].append(Piece(piece))
        i += 1
    return [p for p in paragraphs if p]


def _html_len(s: str) -> int:
    """At most how long `s` is once escaped (an escaped character takes five bytes)."""
    return len(s) + 4 * sum(s.count(c) for c in "&<>\"'")


# What a piece's markup adds to its text, about (document_text.html): a passage's link with its
# address and title, each anchor, each rating link where a passage ends.
_PASSAGE, _ANCHOR, _ENDS = 150, 30, 150


def piece_size(piece: Piece) -> int:
    """About how many bytes of HTML a piece takes; the same in every language (what the split
    of a text depends on must not change with the page's language)."""
    n = _html_len(piece.text) + 5 * piece.text.count("\n")
    h = piece.passage
    if h is not None:
        n += _PASSAGE + 2 * len(h.claim_id) + 2 * _html_len(h.claim)
        n += sum(_ANCHOR + len(i) for i in piece.starts)
        n += sum(_ENDS + len(e.claim_id) + 2 * _html_len(e.claim) for e in piece.ends)
    return n


def _bits(piece: Piece, most: int) -> Iterator[Piece]:
    """A piece cut after a line break or a space into bits of at most `most` bytes; a passage's
    anchors go with its first bit and the ratings that follow it with its last."""
    if piece_size(piece) <= most:
        yield piece
        return
    text, step = piece.text, max(1, most // 5)
    start = 0
    cuts = []
    while len(text) - start > step:
        end = start + step
        cut = text.rfind("\n", start + 1, end)
        if cut < 0:
            cut = text.rfind(" ", start + 1, end)
        cut = cut + 1 if cut >= 0 else end
        cuts.append((start, cut))
        start = cut
    cuts.append((start, len(text)))
    for i, (a, b) in enumerate(cuts):
        bit = replace(piece, text=text[a:b])
        if i:
            bit = replace(bit, anchor=None, anchors=())
        if i < len(cuts) - 1:
            bit = replace(bit, ends=())
        yield bit


def split_text(
    paragraphs: list[list[Piece]], most: int = TEXT_PART_BYTES
) -> list[list[list[Piece]]]:
    """The paragraphs of `annotated` in parts of about `most` bytes of HTML at most, one page each.

    A part ends between paragraphs; only a paragraph longer than a whole part is cut, between its
    pieces, or inside a piece after a line break or a space. One pass: linear in the text.
    """
    parts: list[list[list[Piece]]] = [[]]
    size = 0
    for paragraph in paragraphs:
        sizes = [piece_size(p) for p in paragraph]
        if size and size + sum(sizes) > most:
            parts.append([])
            size = 0
        current: list[Piece] | None = None
        for piece, n in zip(paragraph, sizes, strict=True):
            for bit in _bits(piece, most) if n > most else (piece,):
                n = piece_size(bit) if bit is not piece else n
                if size and size + n > most:
                    parts.append([])
                    size, current = 0, None
                if current is None:
                    current = []
                    parts[-1].append(current)
                    size += 10  # <p></p>
                current.append(bit)
                size += n
    return parts


def parts_of_claims(parts: list[list[list[Piece]]]) -> dict[str, int]:
    """Quote key (quote_key) -> the number (from 1) of the part holding its `quote-<key>` anchor."""
    out: dict[str, int] = {}
    for number, part in enumerate(parts, 1):
        for paragraph in part:
            for piece in paragraph:
                for cid in piece.starts:
                    out.setdefault(cid, number)
    return out
