"""Problems found in content, and the three ways they are printed (text, GitHub annotations, JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # as the user should see it: relative to the working directory where possible
    line: int  # 1-based; 0 when the problem is about the whole file
    col: int  # 1-based; 0 when unknown
    severity: str  # error | warning
    message: str

    def __str__(self) -> str:
        # One problem, one line: a value quoted in the message may hold a line break.
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {message}"


class UsageProblem(Exception):
    """A command that cannot run as asked (an unreadable mkdocs.yml, an output folder that would
    delete the site's own files): one message naming the file and the fix; exit status 2."""


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


def _printable(p: Problem) -> Problem:
    return Problem(_decodable(p.path), p.line, p.col, p.severity, _decodable(p.message))


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    """Render problems for a terminal (`text`), a GitHub Actions log (`github`) or a program (`json`).

    A file name that was not UTF-8 has its bytes written as \\xe9 in every format: printed as
    they were, they stopped `factcheck validate` with a traceback where output must be UTF-8."""
    problems = [p if p.path.isascii() and p.message.isascii() else _printable(p) for p in problems]
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)
    if fmt == "github":
        lines = []
        for p in problems:
            where = f"file={_gh_escape(p.path, True)}"
            if p.line:
                where += f",line={p.line}"
            if p.col:
                where += f",col={p.col}"
            lines.append(f"::{p.severity} {where}::{_gh_escape(p.message)}")
        return "\n".join(lines)
    return "\n".join(str(p) for p in problems)
