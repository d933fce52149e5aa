"""Problems found in content, and the three ways they are printed (text, GitHub annotations, JSON)."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # as the user should see it: relative to the working directory where possible
    line: int  # 1-based; 0 when the problem is about the whole file (printed as line 1)
    col: int  # 1-based; 0 when unknown (printed as column 1)
    severity: str  # error | warning
    message: str

    def place(self) -> tuple[int, int]:
        """The line and column to print: editors, terminals and GitHub count from 1 and have no
        line 0 (`x.yaml:0:0` opened nothing, or line -1 for a program counting from 0), so a
        problem about the whole file is placed at its start, 1:1, and an unknown column at 1."""
        return max(self.line, 1), max(self.col, 1)

    def __str__(self) -> str:
        # One problem, one line: a value quoted in the message may hold a line break.
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        line, col = self.place()
        return f"{self.path}:{line}:{col}: {self.severity}: {message}"


class UsageProblem(Exception):
    """A command that cannot run as asked (an unreadable mkdocs.yml, an output folder that would
    delete the site's own files): one message naming the file and the fix; exit status 2."""


# What YAML (PyYAML and libyaml alike) takes for the end of a line besides '\n': NEL and the line
# and paragraph separators. Editors, and every other place a problem is counted from, take '\n'.
YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
YAML_BREAKS = re.compile("[\n\x85\u2028\u2029]")
YAML_BREAK_NAMES = {
    "\x85": "NEXT LINE",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
}


def break_before(text: str, start: int, col: int) -> str | None:
    """The NEL, U+2028 or U+2029 just before 1-based column `col` of the line starting at index
    `start` of `text` (spaces and tabs aside), or None. Only the white space before the column is
    walked: the keys of one long line cost what the line does, not its length each."""
    i = start + col - 2
    while i >= start and text[i] in " \t":
        i -= 1
    return text[i] if i >= start and text[i] in YAML_BREAK_NAMES else None


_NEWLINE = re.compile("\n")


def line_starts(text: str, breaks: re.Pattern[str] = _NEWLINE) -> list[int]:
    """Where each line of `text` starts (index 0 is line 1): lines as an editor counts them, or as
    a YAML parser does with `breaks=YAML_BREAKS`."""
    return [0, *(m.end() for m in breaks.finditer(text))]


def parser_places(text: str) -> Callable[[int, int], tuple[int, int]] | None:
    """How to turn a YAML parser's 1-based (line, column) in `text` into an editor's, or None when
    they are the same (no NEL, U+2028 or U+2029 in it). The parser starts a new line after each
    of those: one pasted into a value put every later problem of the file on a wrong line, under
    another field's name."""
    if text.isascii() or not YAML_ONLY_BREAKS.search(text):
        return None
    parser_starts = line_starts(text, YAML_BREAKS)
    starts = line_starts(text)

    def place(line: int, col: int) -> tuple[int, int]:
        if line < 1:  # the whole file
            return line, col
        offset = min(parser_starts[min(line, len(parser_starts)) - 1] + max(col, 1) - 1, len(text))
        n = bisect.bisect_right(starts, offset)
        return n, offset - starts[n - 1] + 1

    return place


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == ERROR for p in problems)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _decodable(text: str) -> str:
    """A file name that was not UTF-8 (its bytes kept as lone surrogates, which strict JSON
    parsers refuse) with those bytes written as \\xe9."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# Direction controls (the "Trojan Source" ones): printed in a file name or a quoted value, they
# show the rest of the line, the message too, in another order than it is written.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# In a file name (an id, always ASCII when right) any invisible one too: 'sam\u200d.yaml'.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _visible(text: str, pattern: re.Pattern = _BIDI) -> str:
    return pattern.sub(lambda m: f"\\u{ord(m.group()):04x}", _decodable(text))


def _printable(p: Problem, fmt: str) -> Problem:
    """The problem as it can be printed in `fmt`: for a reader, direction controls written as
    escapes too, where a program (JSON) gets them as they are, and a GitHub annotation keeps
    the file's real name, which places it on the file."""
    path = _visible(p.path, _INVISIBLE) if fmt == "text" else _decodable(p.path)
    message = _decodable(p.message) if fmt == "json" else _visible(p.message)
    return Problem(path, p.line, p.col, p.severity, message)


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    """Render problems for a terminal (`text`), a GitHub Actions log (`github`) or a program (`json`).

    A file name that was not UTF-8 has its bytes written as \\xe9 in every format: printed as
    they were, they stopped `factcheck validate` with a traceback where output must be UTF-8.
    A direction control is written as \\u202e for readers: it would turn their line around."""
    problems = [
        p if p.path.isascii() and p.message.isascii() else _printable(p, fmt) for p in problems
    ]
    if fmt == "json":
        placed = [{**asdict(p), "line": p.place()[0], "col": p.place()[1]} for p in problems]
        return json.dumps(placed, indent=2, ensure_ascii=False)
    if fmt == "github":
        lines = []
        for p in problems:
            # With a line, the annotation shows on the file in the pull request's diff.
            where = f"file={_gh_escape(p.path, True)},line={p.place()[0]}"
            if p.col:
                where += f",col={p.col}"
            lines.append(f"::{p.severity} {where}::{_gh_escape(p.message)}")
        return "\n".join(lines)
    return "\n".join(str(p) for p in problems)
