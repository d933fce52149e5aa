"""Read the content tree safely: every file, with line numbers, never trusting what is in it.

YAML is read from the parser's event stream into plain Python values, so that:
- every key and value keeps its line and column for error messages;
- aliases (the "billion laughs" bomb) and custom tags (`!!python/object/apply`) are refused before
  anything is built: nothing in a file can run code or expand exponentially;
- nesting depth is checked as events arrive (no recursion, so no stack overflow);
- YAML 1.1 booleans such as `no`/`off` are caught: contributors meant text;
- invisible control characters (which the YAML reader would refuse outright) are reported as warnings
  and removed, so the rest of the file is still read.
A broken file becomes problems; the other files are still read.

Limits (see `spec.LIMITS`): a YAML file over 256 KiB or a document text over 4 MiB is refused, unread;
nesting deeper than 20 levels and more than 50,000 values in one file are refused.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import errno
import functools
import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .problems import (
    ERROR,
    WARNING,
    YAML_BREAK_NAMES,
    YAML_BREAKS,
    YAML_ONLY_BREAKS,
    Problem,
    break_before,
    line_starts,
    parser_places,
)
from .spec import FOLDERS, KINDS, LIMITS, LIST_FILES, YAML11_TRAPS, Kind

# libyaml's C parser when present: the same events, several times faster. The pure-Python parser
# is the fallback, and the reference: some libyaml builds (PyYAML 6.0.4's) refuse deep flow nesting
# on their own while scanning ahead, before our depth check sees the events, with another message at
# another column. A file libyaml refuses for its own nesting limit is read again by the Python
# parser, which hands over events one by one, so every PyYAML gives the same located error.
_PY_PARSER = yaml.SafeLoader
try:
    from yaml._yaml import CParser as _parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _parser = _PY_PARSER

Path_ = tuple[str | int, ...]

_STD = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP = (
    _STD + t for t in ("str", "null", "bool", "int", "float", "timestamp")
)
_ALLOWED_TAGS = frozenset(
    {None, "!", _STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP, _STD + "map", _STD + "seq"}
)
# First character -> [(tag, regexp)], as PyYAML resolves plain scalars (YAML 1.1); a plain value
# starting with any other character is text.
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_RESOLVABLE_FIRST = frozenset(_IMPLICIT)
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# What the YAML reader refuses or silently treats as a line break, and nobody types on purpose:
# C0 controls other than tab and newline (CR is already normalised), DEL, C1 controls (NEL included),
# and the non-characters U+FFFE/U+FFFF.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
# Characters that change what a text looks like without being seen ("Trojan Source"):
# bidirectional embeddings, overrides and isolates reorder the text around them, so a reviewer
# reads something other than what is stored (an error); zero-width and other invisible characters
# split words for search and hide in ids and quotes (a warning). ZWNJ and ZWJ belong inside
# Persian, Indic and emoji sequences, so only one beside an ASCII character or a space is reported;
# the direction marks LRM, RLM and ALM only place punctuation in right-to-left text, and are left.
BIDI_CONTROL = "\u202a-\u202e\u2066-\u2069"
INVISIBLE = (
    f"[{BIDI_CONTROL}\u200b\u2060-\u2064\ufeff\u2028\u2029\u180e\u115f\u1160\u3164\uffa0]"
    "|(?<=[\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?=[\x00-\x7f]|$)|^[\u200c\u200d]"
)
_INVISIBLE = re.compile(INVISIBLE)
_BIDI = re.compile(f"[{BIDI_CONTROL}]")
# The same controls written so that the file does not hold them, but what is published does: a
# YAML escape in a double-quoted string (\u202E, \U0000202E) and an HTML character reference in
# Markdown (&#x202E;, &#8238;), which markdown-it decodes.
_ENTITY = r"&#(?:[xX]0*(?:202[a-eA-E]|206[6-9])|0*(?:823[4-8]|829[4-7]));"
_BIDI_ENTITY = re.compile(_ENTITY)
BIDI_WRITTEN = re.compile(r"\\(?:u|U0000)(?:202[a-eA-E]|206[6-9])|" + _ENTITY)
_MAYBE_INVISIBLE = re.compile(
    f"[{BIDI_CONTROL}\u200b-\u200d\u2060-\u2064\ufeff\u2028\u2029\u180e\u115f\u1160\u3164\uffa0]"
)


@dataclass
class RawFile:
    """One YAML file as read: its values, and where each value and key stands in the file."""

    rel: str  # content-relative posix path: claims/x.yaml
    display: str  # the path as shown to the user
    kind: Kind
    data: Any = None
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # value positions (1-based)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # key positions
    blocks: set[Path_] = field(default_factory=set)  # values written as block text (| or >)
    quoted: set[Path_] = field(default_factory=set)  # values written in '...' or "..."
    # Plain values that YAML read as a number, date or time, with their text as written, so a text
    # or id field gets `007` or `1e3` as written, not 7 or a float.
    source: dict[Path_, str] = field(default_factory=dict)
    traps: set[Path_] = field(default_factory=set)  # `kind: no` values (already reported)
    text: str = ""  # the file's text, to place problems inside block values
    failed: bool = False  # the file could not be read at all (already reported)
    file: str | Path | None = None  # where it was read from

    def __getstate__(self) -> dict:  # the kind travels by name: spec.KINDS stays the one copy
        return {**self.__dict__, "kind": self.kind.name}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, kind=KINDS[state["kind"]])

    def lighten(self) -> None:
        """Drop what only the per-file checks need, before the file is sent between processes.

        Positions are read again from the file if a later problem needs one (see `at`).
        """
        self.data = None
        self.marks = self.key_marks = None  # type: ignore[assignment]
        self.blocks, self.quoted, self.source, self.traps = set(), set(), {}, set()
        self.text = ""

    def reset(self) -> None:
        """Forget what a parse that gave up half-way put here, before another parser reads it."""
        self.data = None
        self.marks, self.key_marks = {}, {}
        self.blocks, self.quoted, self.source, self.traps = set(), set(), {}, set()

    def restore(self) -> None:
        """Read the positions and text again after `lighten`."""
        if self.marks is not None:
            return
        self.marks, self.key_marks = {}, {}
        if self.file is None:  # pragma: no cover - lighten is only used on files read from disk
            return
        fresh, _ = load_yaml_file(self.file, self.rel, self.kind, self.display)
        self.marks, self.key_marks = fresh.marks, fresh.key_marks
        self.blocks, self.quoted, self.text = fresh.blocks, fresh.quoted, fresh.text

    @property
    def stem(self) -> str:
        return self.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]

    def at(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Best known position for a path: the key or value itself, else its nearest parent."""
        if self.marks is None:
            self.restore()
        marks = self.key_marks if key else self.marks
        while path:
            if path in marks:
                return marks[path]
            if key and path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


@dataclass
class Loaded:
    """Everything read from a content tree, before any checking of what it means."""

    root: Path
    files: list[RawFile] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # documents/x.txt -> text (\n line ends)
    pages: dict[str, str] = field(default_factory=dict)  # pages/about.md -> Markdown
    problems: list[Problem] = field(default_factory=list)
    display_prefix: str = ""

    def show(self, rel: str) -> str:
        return self.display_prefix + rel


class _Refused(Exception):
    def __init__(self, message: str, line: int = 0, col: int = 0):
        super().__init__(message)
        self.message, self.line, self.col = message, line, col
        self.first: tuple[str, int, int] | None = None  # a field twice: the first (parser's place)


def _twice_after_break(text: str, name: str, line: int, col: int) -> str:
    """A field written twice, the first of them at (line, col) of the editor: said with the
    NEL, U+2028 or U+2029 before it, which made a field of what reads as the previous value."""
    before = break_before(text, line_starts(text)[line - 1], col)
    if before is None:
        return f"the field '{name}' appears twice (first at line {line}); keep one"
    return (
        f"the field '{name}' appears twice: the first, at line {line} column {col}, follows an "
        f"invisible U+{ord(before):04X} {YAML_BREAK_NAMES[before]}, which YAML reads as a line "
        "break, so it was taken for a field of its own and the value before it ends there; "
        f"delete the U+{ord(before):04X} (often from pasted text)"
    )


def label(path: Path_) -> str:
    """How a field is named in messages: 'sources[0].url'."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


def _named(path: Path_) -> str:
    """A message's start naming the field a value is in ('sources[0].url': ), as validate's
    messages do; nothing for the file's top level."""
    where = label(path)
    return f"'{where}': " if where else ""


def _node_path(
    cur: Any, cur_path: Path_, in_map: bool, key: str | None, name: str | None = None
) -> Path_:
    """Where the node an event starts stands: under its key in a mapping, at its index in a list.
    A node written as a field name stands for that field (`name`, when it is text), or else for
    the mapping. Only worked out for a message: the event loop keeps this inline, for speed."""
    if in_map:
        if key is not None:
            return cur_path + (key,)
        return cur_path + (name,) if name is not None else cur_path
    return cur_path + (len(cur),) if cur is not None else ()


def _refuse_tag(tag: str, mark: Any, path: Path_ = ()) -> _Refused:
    return _Refused(
        f"{_named(path)}the tag {_short_tag(tag)} is not allowed: content files are plain data; "
        "remove the tag",
        mark.line + 1,
        mark.column + 1,
    )


def _resolve_plain(value: str, tag: str | None) -> tuple[Any, bool]:
    """The value of a plain (unquoted) scalar, and whether YAML 1.1 read it as a yes/no trap."""
    if tag is None:
        for t, rx in _IMPLICIT.get(value[:1], ()):
            if rx.match(value):
                tag = t
                break
        else:
            return value, False
    if tag == _STR or tag == "!":
        return value, False
    if tag == _NULL:
        return None, False
    if tag == _BOOL:
        low = value.lower()
        if low in YAML11_TRAPS:
            return value, True
        return low == "true", False
    if tag == _TIMESTAMP:
        if _DATE.match(value):
            try:
                return dt.date.fromisoformat(value), False
            except ValueError:
                return value, False  # not a real day (2024-02-30): the checker reports it
        return value, False  # a time of day too: the checker says it wants YYYY-MM-DD
    try:
        node = yaml.ScalarNode(tag, value)
        if tag == _INT:
            return _CONSTRUCTOR.construct_yaml_int(node), False
        if tag == _FLOAT:
            return _CONSTRUCTOR.construct_yaml_float(node), False
    except (ValueError, OverflowError):
        pass
    return value, False  # merge keys (<<), `=`: kept as text


def _field_type(kind: Kind, path: Path_) -> str | None:
    """The type of the field a value stands in (`sources[0].primary`: bool), or None when the
    path is no field of the format."""
    fields, found = kind.fields, None
    if kind.list_file and path and path[0].__class__ is int:
        path = path[1:]  # ratings.yaml: [0].value is a rating's value
    for step in path:
        if step.__class__ is int:
            if found is None or found.items is None:
                return None
            found = found.items
            continue
        if found is not None:
            fields = found.fields
        found = next((f for f in fields if f.name == step), None)
        if found is None:
            return None
    return found.type if found is not None else None


_TRAP_WANTS = {
    "int": "a whole number",
    "date": "a date (YYYY-MM-DD)",
    "url": "a web address",
    "color": "a colour like #1a7f37",
    "list": "a list",
    "object": "a set of fields",
}


def _trap_message(kind: Kind, path: Path_, word: str) -> str:
    """What to write for a YAML 1.1 yes/no word (`yes`, `off`): quotes where text or an id
    belongs, but true or false in a true/false field (`primary: yes`), where quotes would make
    it text, and what the field takes anywhere else."""
    name = f"'{label(path) or 'the value'}'"
    t = _field_type(kind, path)
    if t == "bool":
        meant = "true" if word.lower() in ("yes", "on", "y") else "false"
        return (
            f"{name}: write {meant}, not {word}: YAML readers disagree on the bare word {word} "
            f"(YAML 1.1 reads it as {meant}, YAML 1.2 as text)"
        )
    if t in _TRAP_WANTS:
        what = _TRAP_WANTS[t]
        return (
            f"{name}: expected {what}, found the bare word {word}, which YAML reads as yes/no; "
            f"replace it with {what}"
        )
    return f'{name}: YAML reads the bare word {word} as yes/no, not as text; put it in quotes: "{word}"'


# `title: "A "big" speech"`: a double-quoted value closed early, with more text after it.
_QUOTE_ENDED = re.compile(r'^\s*(?:- )?[^\s:#"\']+:\s*"(?:[^"\\]|\\.)*"[^\s#,\]}]')
# What YAML takes for a line break besides '\n' (see problems.parser_places), and their names.
# A character escape in double quotes: \u and 4 hex digits, \U and 8 (any other escape, \\
# included, matches without a group, so that a search steps over it).
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|.)", re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")
# YAML reads a field name written without '? ' (an implicit key) only up to this many characters.
KEY_LIMIT = 1024


def _break_hint(e: yaml.MarkedYAMLError, text: str) -> str:
    """The fix when a NEL, U+2028 or U+2029 stands shortly before where the parser stopped: YAML
    ends a line there, so the rest of a `|` block or a plain value reads as a new line of YAML
    (`@...` "cannot start any token", `more text` "could not find expected ':'"). Shortly: on the
    parser's line of the error or the one before (or of its context, when that is the line
    before), or earlier on the editor's line of the error."""
    mark = e.problem_mark or e.context_mark
    if mark is None or text.isascii() or not YAML_ONLY_BREAKS.search(text):
        return ""
    starts = line_starts(text, YAML_BREAKS)
    first = mark.line
    cmark = e.context_mark
    if cmark is not None and mark.line - 1 <= cmark.line < mark.line:
        first = cmark.line
    end = min(starts[min(mark.line, len(starts) - 1)] + mark.column, len(text))
    start = min(starts[min(max(first - 1, 0), len(starts) - 1)], text.rfind("\n", 0, end) + 1)
    found = None
    for found in YAML_ONLY_BREAKS.finditer(text, start, end + 1):  # noqa: B007 - the last one
        pass
    if found is None:
        return ""
    char = found.group()
    line, col = _line_col(text, found.start())
    return (
        f"YAML takes the invisible U+{ord(char):04X} ({YAML_BREAK_NAMES[char]}) at line {line}, "
        f"column {col} for a line break: delete it"
    )


def _escape_hint(line_text: str, col: int) -> str:
    """Why an escape in double quotes is not a character, and what to write. The parser stops
    just after its `\\u` or `\\U`. JSON writes a character past U+FFFF as two escapes (a UTF-16
    surrogate pair, "\\ud83d\\ude00"); YAML has \\U for it and refuses each half."""
    m = _ESCAPE.match(line_text, max(col - 3, 0))
    if m is None or m.lastindex is None:
        return ""
    written, code = m.group(), int(m.group(1) or m.group(2), 16)
    if 0xD800 <= code <= 0xDBFF:
        low = _ESCAPE.match(line_text, m.end())
        low_code = int(low.group(1) or low.group(2), 16) if low and low.lastindex else 0
        if 0xDC00 <= low_code <= 0xDFFF:
            char = 0x10000 + ((code - 0xD800) << 10) + (low_code - 0xDC00)
            name = unicodedata.name(chr(char), "")
            return (
                f"{written}{low.group()} is one character written as a UTF-16 surrogate pair (as "
                "JSON does), which YAML does not read: write the character itself "
                f"(U+{char:04X}{' ' + name if name else ''}) or its escape \\U{char:08X}"
            )
    if 0xD800 <= code <= 0xDFFF:
        return (
            f"{written} is half of a UTF-16 surrogate pair, not a character: write the character "
            "itself, or its escape \\U0001xxxx (\\U and 8 hex digits)"
        )
    if code > 0x10FFFF:
        return (
            f"{written} is past the last Unicode character (U+10FFFF): write the character itself"
        )
    return ""


def _escape_error(text: str, line: int = 0, column: int = 0) -> yaml.MarkedYAMLError | None:
    """libyaml's error for the first escape at or after the parser's (line, column) that is not a
    character (half of a surrogate pair, or past U+10FFFF), placed as libyaml places it. PyYAML's
    own parser reads the first kind into the text and stops on the second with a bare
    ValueError: with this, every parser gives the same located message."""
    starts = line_starts(text, YAML_BREAKS)
    for m in _ESCAPE.finditer(text, starts[min(line, len(starts) - 1)] + column):
        if m.lastindex is None:
            continue
        code = int(m.group(m.lastindex), 16)
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            at = m.start() + 2  # just after \u or \U
            n = bisect.bisect_right(starts, at) - 1
            where = yaml.error.Mark("<file>", at, n, at - starts[n], None, None)
            return yaml.scanner.ScannerError(
                "while parsing a quoted scalar",
                None,
                "found invalid Unicode character escape code",
                where,
            )
    return None


def _long_key(problem: str, line_text: str, col: int) -> int:
    """The length of the field name before the ':' where the parser stopped, when it is over
    KEY_LIMIT (the parser then says "could not find expected ':'", "mapping values are not
    allowed" or "expected ',' or '}'"), else 0. Text that contains ': ' before it is a value
    (`claim: He said: ...`), not a field name."""
    if line_text[col - 1 : col] != ":":
        return 0
    before = line_text[: col - 1]
    if "expected ','" in problem:  # in [...] or {...}: the key starts after the last , [ or {
        before = re.split(r"[,\[{]", before)[-1]
    key = re.sub(r"^\s*(?:-\s+)*", "", before).rstrip()
    if len(key) <= KEY_LIMIT or (key[:1] not in "'\"" and ": " in key):
        return 0
    return len(key)


# Characters that look like a space, or like nothing, and that YAML does not take for a space:
# pasted from a web page or a word processor (U+00A0), or a byte order mark left in the middle of
# a file by joining two files (U+FEFF).
_ODD_SPACE = "[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]"
# One in a line's indentation (before or after a '- '), or right after a field name's ':'.
_ODD_SPACE_AT = re.compile(rf"^[ \t]*+(?:[-?][ \t]+)*+(?:[-?]|[^\s'\"#:\[{{][^:]*:)?({_ODD_SPACE})")


def _odd_space_hint(lines: list[str], candidates: Iterable[int]) -> str:
    """The fix when a line the parser stopped at (or the line before it, or where what it was
    reading began) is indented with, or puts after its ':', a character that only looks like a
    space: YAML reads it as text, so the line is not a field, or not where it looks."""
    for n in candidates:
        if not 0 < n <= len(lines) or lines[n - 1].isascii():
            continue
        m = _ODD_SPACE_AT.match(lines[n - 1])
        if m is None:
            continue
        char = m.group(1)
        where = f"at line {n}, column {m.start(1) + 1}"
        if char in "\u200b\ufeff":
            what = "byte order mark" if char == "\ufeff" else "zero width space"
            return (
                f"the invisible U+{ord(char):04X} ({what}) {where} is not a space to YAML: "
                "delete it"
            )
        name = unicodedata.name(char, "space").lower()
        return (
            f"the U+{ord(char):04X} ({name}) {where} looks like a space, but YAML does not "
            "take it for one: type an ordinary space in its place"
        )
    return ""


_DOCUMENT_END = re.compile(r"\.\.\.(?:[ \t]|$)")


def _document_end_hint(lines: list[str], line: int) -> str:
    """Why nothing may follow a line of '...': it ends the YAML document. Typed at the start of
    a line inside a `|` text, it cuts the text there."""
    for n in range(min(line, len(lines)) - 1, 0, -1):
        if _DOCUMENT_END.match(lines[n - 1]):
            return (
                f"the line '...' at line {n} ends the YAML document, and nothing may follow it: "
                "if it is part of a text written with '|', indent it like the text's other "
                "lines; else remove it"
            )
    return "remove what follows the end of the document"


def _parse_error(e: yaml.MarkedYAMLError, text: str) -> tuple[str, int, int]:
    """A parser error as one line a contributor can act on, at the parser's line and column."""
    mark = e.problem_mark or e.context_mark
    place = parser_places(text) or (lambda line, col: (line, col))
    line, col = place(mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (e.problem or "").strip()
    context = (e.context or "").strip()
    msg = f"YAML does not parse: {problem or context}"
    cmark = e.context_mark
    context_line = place(cmark.line + 1, cmark.column + 1)[0] if cmark else 0
    if context and problem and cmark and context_line != line:
        msg += f" ({context} at line {context_line})"
    lines = text.split("\n")
    line_text = lines[line - 1] if 0 < line <= len(lines) else ""
    char = line_text[col - 1 : col]
    hint = _escape_hint(line_text, col) if "invalid Unicode character escape" in problem else ""
    long_key = 0 if hint else _long_key(problem, line_text, col)
    if hint:
        pass
    elif hint := _break_hint(e, text):
        pass  # the parser's complaint follows from the break: deleting it is the fix
    elif hint := _odd_space_hint(lines, (line, line - 1, context_line)):
        pass  # an indentation or a ': ' YAML does not see: replacing the character is the fix
    elif long_key:
        hint = (
            f"the field name before this ':' is {long_key:,} characters long, and YAML reads at "
            f"most {KEY_LIMIT} as a field name: if it is text that contains ': ', put the whole "
            "text in quotes; if it is a field name, shorten it"
        )
    elif "mapping values are not allowed" in problem:
        hint = "if the value contains ': ', put the whole value in quotes"
    elif ("cannot start any token" in problem and char == "\t") or "tab character" in problem:
        hint = "indent with spaces, not tabs"  # YAML reads no tab as indentation
    elif "cannot start any token" in problem and char and char in "@`":
        hint = f"a value cannot start with {char}: put the value in quotes"
    elif "cannot start any token" in problem:
        hint = "put the value in quotes"
    elif "could not find expected ':'" in problem:
        hint = (
            "each line is 'field: value'; for text over several lines, use 'field: |' and indent it"
        )
    elif "end of stream" in problem and "quoted" in context:
        hint = "the quoted text is never closed: add the closing quote"
    elif "expected ',' or ']'" in problem:
        hint = "close the list with ']' (and separate its items with commas)"
    elif "expected ',' or '}'" in problem:
        hint = "close the set of fields with '}' (and separate them with commas)"
    elif "did not find expected key" in problem and _QUOTE_ENDED.match(
        lines[line - 1] if 0 < line <= len(lines) else ""
    ):
        hint = (
            'a " inside text in double quotes ends it: write it \\" there, or put the whole '
            "text in single quotes"
        )
    elif "did not find expected key" in problem and char == ":":
        hint = "a field name is missing before this ':'"
    elif "did not find expected key" in problem or "expected '-' indicator" in problem:
        hint = "line this up with the fields (or '- ' items) above it: the indentation is off"
    elif "found duplicate anchor" in problem or "found undefined alias" in problem:
        hint = "anchors and aliases (&name, *name) are not allowed: write values out in full"
    elif "directive" in problem or "incompatible YAML document" in problem:
        hint = "remove the line that starts with '%': content files need no YAML directives"
    elif "document start>" in problem:  # libyaml: <document start>, PyYAML: '<...>'
        hint = _document_end_hint(lines, line)
    if hint:
        msg += f"; {hint}"
    return msg, line, col


def parse_yaml(text: str, raw: RawFile) -> list[tuple[str, int, int]]:
    """Fill raw.data and its marks from YAML text; return (message, line, col) for each problem.

    Raises _Refused for a file that cannot be read at all, yaml.YAMLError when it does not parse.
    """
    place = parser_places(text)  # NEL, U+2028, U+2029: the parser's lines are not the file's
    try:
        try:
            found = _parse_events(text, raw, _parser)
        except yaml.MarkedYAMLError as e:
            if _parser is _PY_PARSER or "nesting depth" not in (e.problem or ""):
                raise
            raw.reset()
            found = _parse_events(text, raw, _PY_PARSER)
    except ValueError:  # PyYAML's own parser on \U00110000: chr() refuses it
        error = _escape_error(text)
        if error is None:  # pragma: no cover - no other ValueError is known
            raise
        raise error from None
    except _Refused as e:
        if place is not None:
            e.line, e.col = place(e.line, e.col)
            if e.first is not None:
                e.message = _twice_after_break(text, e.first[0], *place(*e.first[1:]))
        raise
    if place is not None:
        for marks in (raw.marks, raw.key_marks):
            for path, (line, col) in marks.items():
                marks[path] = place(line, col)
        found = [(message, *place(line, col)) for message, line, col in found]
    return found


def _parse_events(text: str, raw: RawFile, parser: Any) -> list[tuple[str, int, int]]:
    """One pass of a YAML parser's event stream into raw.

    This loop runs once per YAML event of every file (a million for 10,000 claims), so it is
    written for speed: locals, the most common events first, no calls for ordinary text.
    """
    traps: list[tuple[str, int, int]] = []
    marks, key_marks = raw.marks, raw.key_marks
    blocks, quoted, source = raw.blocks, raw.quoted, raw.source
    max_depth, max_nodes = LIMITS["depth"], LIMITS["nodes"]
    allowed, needs_resolving = _ALLOWED_TAGS, _RESOLVABLE_FIRST
    stack: list[tuple[Any, Path_]] = []  # the enclosing containers and their paths
    cur: Any = None  # the container being filled, and its path
    cur_path: Path_ = ()
    in_map = False
    key: str | None = None  # in a mapping: the key waiting for its value
    root: Any = None
    documents = nodes = 0
    get = parser(text).get_event
    while True:
        event = get()
        cls = event.__class__
        if cls is ScalarEvent:
            nodes += 1
            tag = event.tag
            if tag is not None and tag not in allowed:
                where = _node_path(cur, cur_path, in_map, key, event.value)
                raise _refuse_tag(tag, event.start_mark, where)
            value = event.value
            mark = event.start_mark
            if in_map and key is None:  # a field name: always the text as written (`no:`, `1:`)
                path = cur_path + (value,)
                if value in cur:
                    twice = _Refused(
                        f"the field '{value}' appears twice (first at line {key_marks[path][0]}); "
                        "keep one",
                        mark.line + 1,
                        mark.column + 1,
                    )
                    twice.first = (value, *key_marks[path])
                    raise twice
                key = value
                key_marks[path] = (mark.line + 1, mark.column + 1)
                continue
            style = event.style
            trap = False
            if not style:  # plain ('' from libyaml, None from the Python parser)
                if tag is not None or value[:1] in needs_resolving:
                    written = value
                    value, trap = _resolve_plain(value, tag)
                    if value is not written and value is not None and value.__class__ is not bool:
                        resolved = True
                    else:
                        resolved = False
                else:
                    resolved = False
            if in_map:
                path = cur_path + (key,)
                cur[key] = value
                key = None
            elif cur is not None:
                path = cur_path + (len(cur),)
                cur.append(value)
            else:
                path = ()
                root = value
            marks[path] = (mark.line + 1, mark.column + 1)
            if style:
                if style == "|" or style == ">":
                    blocks.add(path)
                else:
                    quoted.add(path)
                    if style == '"' and not value.isascii() and _SURROGATE.search(value):
                        # Only PyYAML's own parser lets an escaped half of a pair through.
                        error = _escape_error(text, mark.line, mark.column)
                        if error is not None:
                            raise error
            elif resolved:
                source[path] = written
            if trap:
                raw.traps.add(path)
                traps.append((_trap_message(raw.kind, path, value), mark.line + 1, mark.column + 1))
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            nodes += 1
            mark = event.start_mark
            if event.tag not in allowed:
                raise _refuse_tag(event.tag, mark, _node_path(cur, cur_path, in_map, key))
            if len(stack) >= max_depth:
                # Named by its field, without the 20 list indices under it: 'sources', not
                # 'sources[0][0][0]...'.
                where = _node_path(cur, cur_path, in_map, key)
                while where and where[-1].__class__ is int:
                    where = where[:-1]
                raise _Refused(
                    f"{_named(where)}nested more than {max_depth} levels deep: content files are "
                    "never that deep",
                    mark.line + 1,
                    mark.column + 1,
                )
            new_container: Any = {} if cls is MappingStartEvent else []
            if in_map:
                if key is None:
                    raise _Refused(
                        "a list or a set of fields cannot be a field name: "
                        "field names are words like 'claim'",
                        mark.line + 1,
                        mark.column + 1,
                    )
                path = cur_path + (key,)
                cur[key] = new_container
            elif cur is not None:
                path = cur_path + (len(cur),)
                cur.append(new_container)
            else:
                path = ()
                root = new_container
            marks[path] = (mark.line + 1, mark.column + 1)
            stack.append((cur, cur_path))
            cur, cur_path, key = new_container, path, None
            in_map = cls is MappingStartEvent
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            cur, cur_path = stack.pop()
            in_map, key = cur.__class__ is dict, None
        elif cls is AliasEvent:
            mark = event.start_mark
            where = _node_path(cur, cur_path, in_map, key)
            raise _Refused(
                f"{_named(where)}YAML aliases (here *{event.anchor}) are not allowed: write the "
                "value out in full",
                mark.line + 1,
                mark.column + 1,
            )
        elif cls is DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise _Refused(_second_document(raw), mark.line + 1, mark.column + 1)
        elif cls is StreamEndEvent:
            break
        if nodes > max_nodes:
            raise _Refused(f"more than {max_nodes:,} values in one file: split it", 1, 1)
    raw.data = root
    return traps


def _second_document(raw: RawFile) -> str:
    """Why a second '---' is refused, and the fix. Right after a `|` text (a verdict's body),
    it is most often a Markdown rule typed at the start of the line: YAML ends the document
    there, and the rest of the text and the fields after it would be lost."""
    last = max(raw.marks, key=raw.marks.__getitem__, default=None)  # the value read last
    if last is not None and last in raw.blocks:
        name = label(last)
        return (
            f"'{name}': a line '---' at the start of a line ends the YAML document, and with "
            f"it the text of '{name}': if the line is part of that text (a Markdown rule), "
            "indent it like the text's other lines; else remove it and what follows"
        )
    return "a file holds one YAML document: remove the second '---' and what follows"


# A hand-written page's front matter: YAML between a first line of '---' and a line of '---'/'...'.
FRONT_MATTER = re.compile(r"^---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A page's front matter (empty unless `key: value` lines: front_matter_problems reports
    the rest) and the text after it."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        # Too deep is refused before it is built: building recurses, and the scanner slows
        # with each level (a build without validate must neither crash nor hang on it).
        deep = _too_deep(yaml.parse(m.group(1), Loader=yaml.SafeLoader))
        data = None if deep else yaml.safe_load(m.group(1))
    except (yaml.YAMLError, RecursionError, ValueError):
        # ValueError: a date that does not exist (2025-02-30), a number too long to read
        data = None
    return (data if isinstance(data, dict) else {}), text[m.end() :]


def _too_deep(events: Iterable[yaml.Event]) -> bool:
    """Whether the values nest deeper than front matter ever does (LIMITS["depth"], as validate
    says); reads no further than the first level too deep."""
    depth, most = 0, LIMITS["depth"]
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > most:
                return True
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return False


def front_matter_problems(text: str) -> list[tuple[str, int, int]]:
    """(message, line, col) for a page's front matter that the build could not use: YAML that does
    not parse, an alias, or anything but `key: value` lines. The build read such front matter as
    none at all, and the page lost its title or its `factcheck:` mark without a word."""
    m = FRONT_MATTER.match(text)
    if not m:
        return []
    fix = "write it as 'key: value' lines (title: Our team), or remove the lines between the '---'"
    first, depth, most = None, 0, LIMITS["depth"]
    try:
        for event in yaml.parse(m.group(1), Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > most:  # refused as it arrives: each level slows the scanner down
                    mark = event.start_mark
                    return [
                        (
                            f"the front matter nests more than {most} levels deep; write it "
                            "as 'key: value' lines (title: Our team)",
                            mark.line + 2,
                            mark.column + 1,
                        )
                    ]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                return [
                    (
                        f"the front matter uses a YAML alias (*{event.anchor}); write the value "
                        "out",
                        mark.line + 2,
                        mark.column + 1,
                    )
                ]
            if first is None and isinstance(event, (yaml.NodeEvent, yaml.CollectionStartEvent)):
                first = event
    except yaml.MarkedYAMLError as e:
        # Where the unfinished part began (an unclosed quote or bracket), else where it broke.
        mark = e.context_mark or e.problem_mark
        line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        what = "; ".join(filter(None, (e.context, e.problem))) or "it is not YAML"
        return [(f"the front matter does not parse ({what}); {fix}", line, col)]
    if first is not None and not isinstance(first, yaml.MappingStartEvent):
        if isinstance(first, yaml.ScalarEvent) and first.value == "" and first.implicit[0]:
            return []  # only comments or blank lines: no front matter
        return [
            (
                f"the front matter is not 'key: value' lines; {fix}",
                first.start_mark.line + 2,
                first.start_mark.column + 1,
            )
        ]
    return []


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _shorten_advice(path: Path) -> str:
    """How to bring a file under its size limit: only a document's text can be split (its parts,
    `part_of`); a list file or a verdict has to be shortened."""
    if path.suffix == ".txt":
        return "split the document into parts (documents with part_of) or shorten the text"
    if path.parent.name == "verdicts":
        return "shorten it (a long quotation belongs in a document's text, quoted from there)"
    if path.parent.name in ("claims", "documents", "people"):
        return "shorten it"
    return "shorten its descriptions"


def read_text(path: str | Path, limit: int) -> tuple[str | None, tuple[str, int, int] | None]:
    """Read a UTF-8 file (BOM and CRLF accepted); return (text, None) or (None, problem).

    A file over `limit` bytes is refused without reading more than the limit. (os.open/os.read:
    for 30,000 small files, a third of the time of open().read().)
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            data = os.read(fd, limit + 1)
            while 0 < len(data) <= limit:  # a short read ends only at the end of the file
                more = os.read(fd, limit + 1 - len(data))
                if not more:
                    break
                data += more
            size = os.fstat(fd).st_size if len(data) > limit else len(data)
        finally:
            os.close(fd)
    except OSError as e:
        return None, (f"cannot be read: {e.strerror or e}", 0, 0)
    if len(data) > limit:
        return None, (
            f"is {max(size, len(data)):,} bytes, over the limit of {limit:,} bytes: "
            f"{_shorten_advice(Path(path))}",
            0,
            0,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        before = data[: e.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return None, (
            f"is not UTF-8 text (byte 0x{data[e.start]:02x} at line {line}): "
            "save it with UTF-8 encoding",
            line,
            col,
        )
    if "\0" in text[:_SAMPLE]:
        wide = _wide_text(data)
        if wide is not None:
            return None, (wide, 0, 0)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


# How much of a file is looked at to tell UTF-16 or binary data from UTF-8 text.
_SAMPLE = 4096


def _wide_text(data: bytes) -> str | None:
    """Why a file that decodes as UTF-8 is still not UTF-8 text, or None: UTF-16 or UTF-32
    without a byte order mark (Windows tools write it) puts a NUL byte beside every ASCII
    letter, which UTF-8 reads as text full of NULs, and so is binary data. Only a file whose
    sample is at least an eighth NULs: a stray NUL in a text is a control character, removed
    with a warning like the others."""
    sample = data[:_SAMPLE]
    if sample.count(0) * 8 < len(sample):
        return None
    for encoding, unit in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        try:
            decoded = sample[: len(sample) - len(sample) % unit].decode(encoding)
        except UnicodeDecodeError:
            continue
        if decoded and "\0" not in decoded and not RAW_CONTROL.search(decoded):
            name = encoding[:6].upper()
            return (
                f"is {name} text without a byte order mark, not UTF-8: save it with UTF-8 encoding"
            )
    return (
        "is not text: it is mostly NUL bytes, as binary files are; a content file is UTF-8 "
        "text (replace it with the text, or remove it)"
    )


def _controls(text: str) -> list[tuple[int, int, str]]:
    """(line, col, codepoint) of each invisible control character, one per line.

    Lines are counted on from the last one found, not from the start: a file of 250,000 control
    characters is read once, not once per character.
    """
    found, last = [], 0
    matches = list(RAW_CONTROL.finditer(text))
    for m, (line, col) in zip(matches, line_cols(text, [m.start() for m in matches]), strict=True):
        if line != last:
            found.append((line, col, f"U+{ord(m.group()):04X}"))
            last = line
    return found


def line_cols(text: str, offsets: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Line and column (1-based) of each offset, in increasing order, in one pass over the text:
    counting from the start for each would make many problems in one file quadratic."""
    at, line, line_start = 0, 1, 0
    for pos in offsets:
        newlines = text.count("\n", at, pos)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", at, pos) + 1
        at = pos
        yield line, pos - line_start + 1


def _written_char(written: str) -> str:
    """The character a YAML escape or an HTML character reference stands for."""
    if written.startswith("&#"):
        number = written[2:-1]
        return chr(int(number[1:], 16) if number[:1] in "xX" else int(number))
    return chr(int(written.lstrip("\\uU"), 16))


# Combining marks (the accent of é written as a character of its own) stacked on one letter:
# "Zalgo" text, which a browser draws far above and below its line, over the text around it. A
# language puts a few on a letter at most (Vietnamese two); only the blocks of marks that belong
# to no script are counted, so the vowel signs of Indic or Hebrew text never are.
STACKED_MARKS = 8
_STACKED = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
    + f"{{{STACKED_MARKS + 1},}}"
)


def stacked_marks_problems(
    text: str,
    display: str,
    field_at: Callable[[list[tuple[int, int]]], list[str]] | None = None,
) -> list[Problem]:
    """An error at the first letter of each line that carries more than STACKED_MARKS
    combining marks, naming the field when `field_at` says."""
    if text.isascii():
        return []
    found, last = [], 0
    matches = list(_STACKED.finditer(text))
    for m, (line, col) in zip(matches, line_cols(text, [m.start() for m in matches]), strict=True):
        if line != last:
            found.append((line, col, len(m.group())))
            last = line
    fields = field_at([(line, col) for line, col, _ in found]) if field_at else [""] * len(found)
    return [
        Problem(
            display,
            line,
            col,
            ERROR,
            (f"'{where}': " if where else "")
            + f"has {count} accents or other combining marks stacked on one letter, which the "
            "page would draw over the lines above and below it; delete them (a letter takes "
            f"{STACKED_MARKS} at most)",
        )
        for (line, col, count), where in zip(found, fields, strict=True)
    ]


def invisible_problems(
    text: str,
    display: str,
    field_at: Callable[[list[tuple[int, int]]], list[str]] | None = None,
    written: re.Pattern[str] | None = _BIDI_ENTITY,
) -> list[Problem]:
    """Bidirectional controls (errors) and invisible characters (warnings) in a file's text, naming
    the field they are in when `field_at` says (see INVISIBLE): on each line the first control and
    the first other character, so an invisible one cannot hide a control after it. `written`: the
    forms that put a control in what is published without it being in the file (BIDI_WRITTEN for
    YAML; character references for Markdown)."""
    spelt = written is not None and ("\\" in text or "&#" in text) and written.search(text)
    if not spelt and (
        text.isascii() or not _MAYBE_INVISIBLE.search(text) or not _INVISIBLE.search(text)
    ):
        return []  # the common cases first: a plain character class is several times faster
    matches = list(_INVISIBLE.finditer(text))
    if spelt and written is not None:
        matches = sorted([*matches, *written.finditer(text)], key=lambda m: m.start())
    found, last = [], {True: 0, False: 0}  # the last line reported, for controls and for others
    for m, (line, col) in zip(matches, line_cols(text, [m.start() for m in matches]), strict=True):
        form = m.group()
        char = form if len(form) == 1 else _written_char(form)
        bidi = _BIDI.match(char) is not None
        if line != last[bidi]:
            found.append((line, col, char, form))
            last[bidi] = line
    found.sort(key=lambda f: (f[0], f[1]))
    places = [(line, col) for line, col, _, _ in found]
    fields = field_at(places) if field_at else [""] * len(found)
    problems = []
    for (line, col, char, form), where in zip(found, fields, strict=True):
        name = f"U+{ord(char):04X} {unicodedata.name(char, 'invisible character')}"
        if form != char:
            name = f"written {form}: {name}"
        if _BIDI.match(char):
            severity, msg = (
                ERROR,
                f"contains a bidirectional control ({name}), which shows the text around it in "
                "another order than it is stored, so readers and reviewers can be shown something "
                'else ("Trojan Source"); delete it (the site sets the direction of '
                "right-to-left text itself)",
            )
        else:
            severity, msg = (
                WARNING,
                f"contains an invisible character ({name}), which readers cannot see and which "
                "splits words for search; delete it (often from pasted text)",
            )
        problems.append(
            Problem(display, line, col, severity, (f"'{where}': " if where else "") + msg)
        )
    return problems


def _fields_at(raw: RawFile, places: list[tuple[int, int]]) -> list[str]:
    """For each position, the field whose value starts last at or before it: the one a character
    is in. The marks are sorted once, so 50,000 places among 50,000 values cost n log n."""
    starts = sorted(raw.marks.items(), key=lambda mark: mark[1])
    keys = [pos for _, pos in starts]
    out = []
    for place in places:
        i = bisect.bisect_right(keys, place)
        out.append(label(starts[i - 1][0]) if i else "")
    return out


def load_yaml_file(
    path: str | Path, rel: str, kind: Kind, display: str
) -> tuple[RawFile, list[Problem]]:
    """Read and parse one YAML file; problems name the file, line and column."""
    raw = RawFile(rel=rel, display=display, kind=kind, file=path)
    text, err = read_text(path, LIMITS["yaml_bytes"])
    if err:
        raw.failed = True
        return raw, [Problem(display, err[1], err[2], ERROR, f"the file {err[0]}")]
    controls = _controls(text) if RAW_CONTROL.search(text) else []
    as_read = text  # columns are counted in the file as it is
    if controls:
        text = RAW_CONTROL.sub("", text)
    raw.text = text
    problems = []
    try:
        traps = parse_yaml(text, raw)
    except _Refused as e:
        raw.failed, raw.data = True, None
        problems.append(Problem(display, e.line, e.col, ERROR, e.message))
    except yaml.MarkedYAMLError as e:
        raw.failed, raw.data = True, None
        msg, line, col = _parse_error(e, text)
        problems.append(Problem(display, line, col, ERROR, msg))
    except yaml.reader.ReaderError as e:  # pragma: no cover - RAW_CONTROL removes what it refuses
        raw.failed, raw.data = True, None
        line, col = _line_col(text, e.position)
        problems.append(
            Problem(display, line, col, ERROR, f"YAML cannot read this character: {e.reason}")
        )
    except (yaml.YAMLError, RecursionError, MemoryError) as e:  # pragma: no cover - defensive
        raw.failed, raw.data = True, None
        problems.append(Problem(display, 1, 1, ERROR, f"YAML does not parse: {type(e).__name__}"))
    else:
        problems += [Problem(display, ln, col, ERROR, msg) for msg, ln, col in traps]
        if raw.data is None:  # nothing, only comments, or a bare `~`
            raw.failed = True
            problems.append(
                Problem(display, 1, 1, ERROR, f"the file is empty: write the {kind.name}'s fields")
            )
    field_at = None if raw.failed else functools.partial(_fields_at, raw)
    problems += invisible_problems(as_read, display, field_at, BIDI_WRITTEN)
    problems += stacked_marks_problems(as_read, display, field_at)
    fields = _fields_at(raw, [(line, col) for line, col, _ in controls]) if not raw.failed else []
    for (line, col, code), where in zip(controls, fields or [""] * len(controls), strict=True):
        problems.append(
            Problem(
                display,
                line,
                col,
                WARNING,
                (f"'{where}': " if where else "")
                + f"contains an invisible control character ({code}), often from pasted text; "
                "it is removed when the site is built — delete it to silence this",
            )
        )
    return raw, problems


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
        return True
    except (ValueError, OSError, RuntimeError):
        return False


_FILE_FOLDERS = tuple(f"{folder}/" for folder in FOLDERS)


# One YAML file to read: (path on disk, content-relative path, kind name, path as shown).
Job = tuple[str, str, str, str]


def load_tree(root: Path, display_prefix: str | None = None) -> Loaded:
    """Read every file under a content tree. Never raises for anything in the tree."""
    out, jobs = scan_tree(root, display_prefix)
    for raw, probs in map(load_job, jobs):
        out.files.append(raw)
        out.problems.extend(probs)
    return out


def load_job(job: Job) -> tuple[RawFile, list[Problem]]:
    path, rel, kind, display = job
    return load_yaml_file(path, rel, KINDS[kind], display)


# What the files of a content tree end in: a folder named so is a mistake wherever it is.
_FILE_ENDINGS = (".yaml", ".yml", ".txt", ".md")


def scan_tree(
    root: Path, display_prefix: str | None = None, texts: TextCache | None = None
) -> tuple[Loaded, list[Job]]:
    """Walk a content tree: read the document texts and pages, list the YAML files to parse.

    Problems with the tree itself (links, folders, stray files, names that macOS or Windows
    cannot hold apart or at all) are in the returned Loaded.
    `texts` keeps the document texts between walks of the same tree (a preview): a text is read
    again only when its size or modification time changed.
    """
    root = Path(root)
    if display_prefix is None:
        display_prefix = root.as_posix().rstrip("/") + "/" if str(root) not in ("", ".") else ""
    out = Loaded(root=root, display_prefix=display_prefix)

    def problem(rel: str, msg: str, line: int = 0, col: int = 0, sev: str = ERROR) -> None:
        out.problems.append(Problem(out.show(rel), line, col, sev, msg))

    jobs: list[Job] = []
    if not root.is_dir():
        out.problems.append(Problem(str(root), 0, 0, ERROR, "the content folder does not exist"))
        return out, jobs
    real_root = root.resolve()
    pending: list[tuple[str, str]] = [(str(root), "")]  # (folder on disk, content-relative/)
    while pending:
        here, rel_dir = pending.pop()
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            problem(rel_dir.rstrip("/") or ".", f"cannot be read: {e.strerror or e}")
            continue
        subdirs = []
        _same_names([e.name for e in entries], rel_dir, out, problem)
        siblings = frozenset(e.name for e in entries)
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                _hidden(entry, rel_dir, problem)
                continue
            rel = rel_dir + name
            if name.split(".", 1)[0].rstrip(" ").lower() in WINDOWS_DEVICES:
                problem(
                    rel,
                    f"'{name.split('.', 1)[0]}' is the name of a device on Windows, where no "
                    "file or folder may be called so, with any ending: Git for Windows cannot "
                    "check the repository out, nor can the site be built there; rename it",
                )
            try:
                is_link, is_dir = entry.is_symlink(), entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError as e:
                if e.errno == errno.ELOOP:  # a.yaml -> b.yaml -> a.yaml: it leads nowhere
                    problem(
                        rel,
                        "is a link that leads back to itself (a loop of links), so there is no "
                        "file to read: replace the link with the file it was meant to be",
                    )
                else:  # pragma: no cover - a file vanishing while it is read
                    problem(rel, f"cannot be read: {e.strerror or e}")
                continue
            if is_dir:
                if is_link:
                    problem(
                        rel,
                        "is a link to a folder: links to folders are not followed; copy the files",
                    )
                elif rel_dir in _FILE_FOLDERS:
                    if name.endswith(_FILE_ENDINGS):
                        problem(rel, f"is a folder, but {rel_dir} holds files: make it a file")
                    else:
                        problem(rel, f"is a folder: {rel_dir} holds files only, no subfolders")
                elif rel_dir == "" and name in LIST_FILES:
                    problem(rel, "is a folder: it must be a YAML file")
                elif rel_dir == "" and (meant := _meant_folder(name)) is not None:
                    # claim/, Verdicts/, person/: one problem for the folder, not one per file.
                    if _folded(meant) != _folded(name) or meant not in siblings:
                        problem(rel, _folder_rename(name, meant, siblings))
                elif name.endswith(_FILE_ENDINGS):  # pages/about.md/: nothing in it would be read
                    ending = name[name.rfind(".") :]
                    problem(
                        rel,
                        f"is a folder named like a {ending} file: make it a file, or rename the "
                        f"folder without {ending}",
                    )
                else:
                    subdirs.append((entry.path, rel + "/"))
                continue
            if is_link:
                if not _inside(Path(entry.path), real_root):
                    problem(
                        rel,
                        "is a link to a file outside the content folder: refused, so that "
                        "nothing outside it is published; copy the file into the content "
                        "folder in place of the link",
                    )
                    continue
                if not os.path.exists(entry.path):
                    problem(rel, "is a broken link: the file it points to does not exist")
                    continue
            if not is_file:
                problem(rel, "is not a regular file (a pipe, socket or device): remove it")
                continue
            _load_one(out, jobs, entry.path, rel, rel_dir, name, problem, texts, siblings)
        pending.extend(reversed(subdirs))
    if texts:  # a preview lives long: forget the texts of documents gone from the tree
        read = {os.path.join(str(root), rel) for rel in out.texts}
        for path in [p for p in texts if p not in read]:
            del texts[path]
    return out, jobs


# Names Windows keeps for devices, whatever follows the first dot (con.yaml is CON).
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in "0123456789"]
)


def _folded(name: str) -> str:
    """A name as macOS and Windows compare names: letter case aside, and on macOS accents
    written as one character (NFC) or as a letter and a combining mark (NFD) aside."""
    return unicodedata.normalize("NFC", name).casefold()


def _same_names(names: Iterable[str], rel_dir: str, out: Loaded, problem: Callable) -> None:
    """An error for each name in a folder that macOS or Windows takes for another one's: a
    checkout there holds only one of the two files, and which one is left to chance."""
    groups: dict[str, list[str]] = {}
    for name in names:
        if not name.startswith("."):
            groups.setdefault(_folded(name), []).append(name)
    for group in groups.values():
        if len(group) < 2:
            continue
        # The one to keep: written in lowercase with composed accents, as ids and pages are.
        group.sort(key=lambda n: (n != unicodedata.normalize("NFC", n).lower(), n))
        keeper = group[0]
        for name in group[1:]:
            if (
                name.endswith(".yaml")
                and keeper.isascii()
                and name.lower() == keeper
                and (rel_dir in _FILE_FOLDERS or (rel_dir == "" and keeper in LIST_FILES))
            ):
                # Jane-Doe.yaml beside jane-doe.yaml: the id check says so (Ratings.yaml: the
                # check of the folder's files), and what to do.
                continue
            composed = unicodedata.normalize("NFC", name)
            if composed == unicodedata.normalize("NFC", keeper):
                how = (
                    "how its accents are written (here as a letter and a separate mark, Unicode "
                    "NFD; there as one character, NFC)"
                    if composed != name
                    else "how its accents are written (here as one character, Unicode NFC; there "
                    "as a letter and a separate mark, NFD)"
                )
            elif name.lower() == keeper.lower() or composed.lower() == keeper.lower():
                how = "letter case"
            else:
                how = "letter case and how its accents are written"
            problem(
                rel_dir + name,
                f"has the same name as {out.show(rel_dir + keeper)} but for {how}: macOS and "
                "Windows take the two names for one, so a checkout there keeps only one of them; "
                "rename one (or, if both are the same, merge them into one)",
            )


def _hidden(entry: os.DirEntry, rel_dir: str, problem: Callable) -> None:
    """A warning for a hidden file named like content (`.jane-doe.yaml`): it is not read, and
    most file browsers do not show it. Editors' own files (`.x.yaml.swp`, Emacs' `.#x.yaml`
    lock links) and folders (`.git`) are passed over in silence."""
    name = entry.name
    shown = name.lstrip(".")
    if not shown.endswith(_FILE_ENDINGS) or name.startswith(".#"):
        return
    try:
        if not entry.is_file():
            return
    except OSError:  # pragma: no cover - a file vanishing while it is read
        return
    problem(
        rel_dir + name,
        f"starts with '.', so it is hidden and is not read: if it is content, rename it to "
        f"{shown}; else delete it",
        sev=WARNING,
    )


# The folders at the top of a content tree, and names contributors write for them.
_TOP_FOLDERS = (*FOLDERS, "pages")
_FOLDER_NAMES = {
    **{folder.removesuffix("s"): folder for folder in _TOP_FOLDERS},
    "person": "people",
    "peoples": "people",
    "persons": "people",
}


def _meant_folder(name: str) -> str | None:
    """The content folder a folder at the top means (claim, Claims, claimss, person: claims,
    people), or None for one that is no such folder (images, pages)."""
    if name in _TOP_FOLDERS:
        return None
    low = unicodedata.normalize("NFC", name).casefold().strip(" .")
    if low in _TOP_FOLDERS:
        return low
    if low in _FOLDER_NAMES:
        return _FOLDER_NAMES[low]
    close = difflib.get_close_matches(low, _TOP_FOLDERS, n=1, cutoff=0.8)
    return close[0] if close else None


def _folder_rename(name: str, meant: str, siblings: Collection[str]) -> str:
    """Why nothing in a mistyped top folder is read, and how to have it read."""
    fix = (
        f"move its files into {meant}/ and delete this folder"
        if meant in siblings
        else f"rename the folder to {meant}/"
    )
    return (
        f"is not a folder of the content format, so none of the files in it is read or "
        f"published: did you mean {meant}/? {fix}"
    )


def _meant(name: str, endings: tuple[str, ...], to: str) -> str | None:
    """The name a file meant to end in `to` has when written so (`x.YAML`, `x.yml`, `x.yaml.`
    -> `x.yaml`), or None if it is not one of `endings` in any case."""
    bare = name.rstrip(". ")
    low = bare.lower()
    for ending in endings:
        if low.endswith(ending) and len(bare) > len(ending):
            meant = bare[: -len(ending)] + to
            return meant if meant != name else None
    return None


def _rename(name: str, meant: str, siblings: Collection[str], what: str | None = None) -> str:
    """Advice to rename a content file to the name it is read under, unless that name is taken
    (x.yml beside x.yaml): then renaming would overwrite the other."""
    if meant in siblings:
        other = f" (or, if it is another {what}, give it another name)" if what else ""
        return (
            f"is not read: only {meant} is, and that file exists already; merge what this one "
            f"holds into {meant} and delete this file{other}"
        )
    ending = meant[meant.rfind(".") :]
    case = ", in lowercase" if name[name.rfind(".") :] != name[name.rfind(".") :].lower() else ""
    return f"rename it to {meant}: the content files end in {ending}{case}"


def file_stamp(path: str) -> tuple[int, int]:
    """(modification time, size) of a file, to tell whether it changed since it was last read;
    (-1, -1) when it cannot be read (it is read again, and the reading reports why)."""
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


# Document texts by path: (size and modification time, the text or None, the problem it gave).
TextCache = dict[str, tuple[tuple[int, int], str | None, tuple | None]]


def _document_text(path: str, texts: TextCache | None) -> tuple[str | None, tuple | None]:
    """(text, problem) of a document's .txt: (None, problem) if unreadable, with control
    characters removed and reported as (message, line, col, severity)."""
    stamp = None
    if texts is not None:
        stamp = file_stamp(path)
        hit = texts.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1], hit[2]
    text, err = read_text(path, LIMITS["text_bytes"])
    found: tuple | None = None
    if err:
        found = (f"the file {err[0]}", err[1], err[2], ERROR)
    elif text is not None:
        m = RAW_CONTROL.search(text)
        if m:
            line, col = _line_col(text, m.start())
            found = (
                f"contains invisible control characters (U+{ord(m.group()):04X}), often from "
                "pasted text; they are removed when the site is built — delete them to silence this",
                line,
                col,
                WARNING,
            )
            text = RAW_CONTROL.sub("", text)
        if found is None and not text.strip():
            found = (
                "the document's text is empty, so no quote can be found in it and its page "
                "would show no text; paste the document's full text into it (plain UTF-8 text), "
                "or delete the file if the text is not at hand",
                1,
                1,
                WARNING,
            )
    if texts is not None and stamp is not None:
        texts[path] = (stamp, None if err else text, found)
    return (None if err else text), found


_MARKDOWN_ENDINGS = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")


def _not_a_page(name: str) -> str:
    """Why a file in pages/ is not published, and the name that would publish it: only `.md`
    files are pages (about.MD, about.markdown and about.md. are left out)."""
    bare = name.rstrip(". ")
    ending = next((e for e in _MARKDOWN_ENDINGS if bare.lower().endswith(e)), None)
    if ending is not None and bare[: -len(ending)]:
        fix = f"rename it to {bare[: -len(ending)]}.md"
    else:
        fix = "if it is a page, rename it to end in .md (about.md); else move it out of pages/"
    return f"is not a .md file, so it is not published: pages/ holds Markdown pages only; {fix}"


def _load_one(
    out: Loaded,
    jobs: list,
    path: str,
    rel: str,
    rel_dir: str,
    name: str,
    problem,
    texts: TextCache | None = None,
    siblings: Collection[str] = (),
):
    folder = rel_dir.rstrip("/")
    meant = _meant(name, (".yaml", ".yml"), ".yaml")
    # At the top: the list file a name means (Ratings.yaml, ratings.yml: ratings.yaml).
    top = (_meant(name.lower(), (".yaml", ".yml"), ".yaml") or name.lower()) if not rel_dir else ""
    if rel_dir == "" and name in LIST_FILES:
        jobs.append((path, rel, LIST_FILES[name].name, out.show(rel)))
    elif top in LIST_FILES:  # Ratings.yaml, ratings.yml
        problem(rel, _rename(name, top, siblings))
    elif folder in FOLDERS:
        text_meant = _meant(name, (".txt",), ".txt") if folder == "documents" else None
        if name.endswith(".yaml"):
            jobs.append((path, rel, FOLDERS[folder].name, out.show(rel)))
        elif meant is not None:
            problem(rel, _rename(name, meant, siblings, FOLDERS[folder].name))
        elif text_meant is not None:
            problem(rel, _rename(name, text_meant, siblings, "text"))
        elif folder == "documents" and name.endswith(".txt"):
            text, found = _document_text(path, texts)
            if found is not None:
                problem(rel, *found)
            if text is None:
                return
            out.texts[rel] = text
        elif folder == "documents":
            problem(rel, "is not a .yaml or .txt file: documents/ holds only those", sev=WARNING)
        else:
            problem(rel, f"is not a .yaml file: {folder}/ holds only .yaml files", sev=WARNING)
    elif rel_dir.startswith("pages/"):
        if name.endswith(".md"):
            text, err = read_text(path, LIMITS["text_bytes"])
            if err:
                problem(rel, f"the file {err[0]}", err[1], err[2])
            else:
                out.pages[rel] = text
        else:
            problem(rel, _not_a_page(name), sev=WARNING)
    elif rel_dir == "" and name.lower().startswith("readme"):
        return
    elif rel_dir == "" and name in FOLDERS:
        problem(
            rel,
            f"is a file, but {name}/ is the folder of the {FOLDERS[name].name} files "
            f"({name}/<id>.yaml): make it a folder and put them in it",
        )
    elif rel_dir == "" and (folder := _list_of(name)) is not None:
        kind = FOLDERS[folder].name
        problem(
            rel,
            f"is not read: each {kind} is a file of its own in {folder}/, named by its id "
            f"({folder}/<id>.yaml); split it into one file per {kind} there",
        )
    else:
        problem(rel, "is not part of the content format and is ignored", sev=WARNING)


def _list_of(name: str) -> str | None:
    """The folder a YAML file at the top was meant to hold the items of (people.yaml,
    Claims.yml, verdict.yaml: people/, claims/, verdicts/), if any."""
    stem = _meant(name, (".yaml", ".yml"), "")
    if stem is None and name.endswith(".yaml"):
        stem = name[: -len(".yaml")]
    if not stem:
        return None
    low = stem.casefold()
    folder = low if low in FOLDERS else _meant_folder(stem)
    return folder if folder in FOLDERS else None
