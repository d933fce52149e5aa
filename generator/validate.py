"""Check everything that was read, report every problem in one pass, then build the model.

Checks come from the one definition of the format in `spec.py`: required and unknown fields, types,
id rules, references between files (with the closest existing id), quotes against document texts,
citations against source lists, URL schemes and invisible control characters.

Two passes. Each file is parsed and checked on its own (`_Checker.check_file`: fields, types, ids,
a verdict's citations against its own sources); for large trees this runs in several processes,
and a file comes back without its positions, which are read again only if a later problem needs
one. Then everything that needs more than one file runs once, in this process: references,
quotes against document texts, one verdict per claim. The report is the same either way.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import gc
import html
import ipaddress
import multiprocessing
import os
import posixpath
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import yaml

from . import model
from .changes import redirect_map, redirect_problems  # redirects.yaml: old ids of claims
from .child import can_fork
from .load import (
    FRONT_MATTER,
    WINDOWS_DEVICES,
    Job,
    Loaded,
    RawFile,
    TextCache,
    file_stamp,
    front_matter_problems,
    invisible_problems,
    label,
    line_cols,
    load_job,
    scan_tree,
    split_front_matter,
    stacked_marks_problems,
)
from .load import STACKED_MARKS as _STACKED_MARKS
from .markdown import _ASTRAL_NONCHARACTERS as _ASTRAL_NONCHARACTER
from .markdown import hidden_by_nesting
from .markdown import links as md_links
from .markdown import render as render_markdown
from .problems import (
    ERROR,
    WARNING,
    YAML_BREAK_NAMES,
    YAML_ONLY_BREAKS,
    Problem,
    break_before,
    has_errors,
    line_starts,
)
from .quotes import first_positions
from .spec import (
    BUILD_FOLDERS,
    ID_MAX,
    ID_PATTERN,
    KINDS,
    LANGUAGES_FOLDER,
    LIMITS,
    RESERVED_IDS,
    SECTIONS,
    Field,
    Kind,
)
from .values import (
    CONTROL,
    MANY_OPTIONS,
    ascii_slug,
    closest,
    cut,
    did_you_mean,
    normalise_quote,
    strip_controls,
)

ID_RE = re.compile(ID_PATTERN)
# No '[' inside: a match attempt then ends at the next '[', so a body of 255 KB of '[' or '[@' is
# scanned once, not once from every position (a quadratic 300 s).
# `[@id]` or `[@id; @other]`: the first id, then the rest with their `;` (markdown.py renders them).
CITATION = re.compile(r"\[@([^\[\]\s;]*)((?:\s*;\s*@[^\[\]\s;]*)*)\]")
_MORE_CITED = re.compile(r"@([^\[\]\s;]*)")
CLAIM_LINK = re.compile(r"\[\[([^\[\]\s]*)\]\]")
URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# What a web address cannot hold as it is, only percent-encoded: spaces and invisible characters
# (controls, zero-width and direction marks), and " < > ` (RFC 3986 excludes them; in HTML or
# Markdown they can end the link early). Letters of any script are fine (IRIs).
URL_FORBIDDEN = (
    r'\s"<>`\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff'
)
# The patterns the JSON Schema files use too (schema.py), so editors and the validator agree.
# http(s)://, a host name or [IPv6], an optional numeric port, then the rest; nowhere a character
# of URL_FORBIDDEN. No user name or password before the host (`user:pass@`): a published address
# must not carry credentials, and `https://trusted.org@other.example/` leads to other.example.
# The host is checked as far as a regular expression can (web_url_problem says the rest, and why):
# parts of at most 63 letters, digits, '-' or '_' (or any letter outside ASCII, or %XX) between
# dots, at most 253 in all; a last part that is a number only in an IPv4 address; a port from 1
# to 65535; no backslash anywhere (browsers read it as '/').
_DOTS = r".\u3002\uff0e\uff61"
# A dot, also percent-encoded (browsers decode the host first): '.', 。, ． and ｡ in UTF-8.
_DOT = rf"(?:[{_DOTS}]|%2[eE]|%[eE]3%80%82|%[eE][fF]%[bB][cCdD]%(?:8[eE]|[aA]1))"
_PCT = r"%(?!2[eE])[0-9a-fA-F]{2}"
_LABEL = (
    rf"(?!{_DOT}|[:/?#]|$)(?:{_PCT})*"
    rf"(?:(?:[A-Za-z0-9_-]|[^\x00-\x7f{URL_FORBIDDEN}{_DOTS}])(?:{_PCT})*){{0,63}}"
)
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_AUTHORITY_ENDS = r"(?:[:/?#]|$)"
URL_PATTERN = (
    rf"^[hH][tT][tT][pP][sS]?://"
    rf"(?:{_OCTET}(?:\.{_OCTET}){{3}}(?={_AUTHORITY_ENDS})"
    rf"|(?!(?:[^/?#:]*[{_DOTS}])?(?:\d+|0[xX][0-9a-fA-F]*)[{_DOTS}]?{_AUTHORITY_ENDS})"
    rf"(?=(?:%[0-9a-fA-F]{{2}})*(?:[^%/?#:](?:%[0-9a-fA-F]{{2}})*){{0,254}}{_AUTHORITY_ENDS})"
    rf"{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}?"
    r"|\[[0-9a-fA-F:.]+\])"
    r"(?::(?!0+(?:[/?#]|$))(?:\d{1,4}|[0-5]\d{4}|6[0-4]\d{3}|65[0-4]\d\d|655[0-2]\d|6553[0-5])?)?"
    rf"(?:[/?#][^{URL_FORBIDDEN}\\]*)?$"
)
# The part before the host that holds a user name or password: `https://user:pass@`.
URL_USERINFO = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#]*)@")
URL_BAD = re.compile(f"[{URL_FORBIDDEN}]")
_URL_CHARS = {
    " ": "a space",
    '"': 'a double quote (")',
    "<": "a '<'",
    ">": "a '>'",
    "`": "a backtick (`)",
}
# Code points that are never text: Unicode's noncharacters and the halves of a surrogate pair.
# The loader removes them from the file, but a YAML escape ("\uFFFE") puts them in a value.
# The astral ones (U+1FFFE...) are markdown.py's _ASTRAL_NONCHARACTERS, imported above.
_NONCHARACTER = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# Plausible dates: none before this, and none more than FUTURE_LIMIT after the day of the check
# (a later one is a typo; past 2106-02-07 it would break gzip's 32-bit time in the build).
DATE_EARLIEST = dt.date(1000, 1, 1)
FUTURE_LIMIT = dt.timedelta(days=366)
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
WEB_URL = re.compile(URL_PATTERN)
COLOR = re.compile(COLOR_PATTERN)
DATE = re.compile(DATE_PATTERN)
_BAD = object()  # a value that failed its check (already reported as an error)
_TYPE_NAMES = {
    "text": "text",
    "markdown": "text",
    "id": "an id",
    "date": "a date (YYYY-MM-DD)",
    "url": "a web address",
    "bool": "true or false",
    "int": "a whole number",
    "color": "a colour like #1a7f37",
    "choice": "one of the listed values",
    "list": "a list",
    "object": "a set of fields",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    return f"'{cut(str(value))}'"


def _shown_id(value: str) -> str:
    """An invalid id or file name for a message, its invisible characters (zero-width joiners,
    direction controls) written as escapes: printed as they are, 'jane\u200d-doe' reads as the
    valid 'jane-doe', and a direction control turns the rest of the message around."""
    shown = cut(value)
    if not shown.isascii():
        shown = "".join(
            f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp") else c
            for c in shown
        )
    return f"'{shown}'"


def _spec_field(kind: str, *names: str) -> Field:
    """A field of the format by its path: ("appearances", "title") is an appearance's title."""
    fields = KINDS[kind].fields
    for name in names:
        found = next(f for f in fields if f.name == name)
        inner = found.items or found
        fields = inner.fields
    return found


# Fields shown on one line (a title, a label, a name: in lists, headings, <title>, feed titles,
# ClaimReview), where a line break cannot be shown as it was typed: pages make it a space, feeds
# and the open data keep it. Texts of sentences (a claim, a summary, a description, a note) may
# break lines. By identity: checked for each value, and Fields are hashed field by field.
_ONE_LINE = frozenset(
    id(_spec_field(*path))
    for path in (
        ("claim", "title"),
        ("claim", "appearances", "title"),
        ("verdict", "sources", "title"),
        ("verdict", "sources", "publisher"),
        ("document", "title"),
        ("document", "publisher"),
        ("person", "name"),
        ("rating", "label"),
        ("rating", "icon"),
        ("topic", "label"),
    )
)
# What breaks a line in a value after its controls are removed: a newline (a `|` block, a blank
# line in a `>` block or in quotes, "\n"), and the line and paragraph separators.
_LINE_BREAK = re.compile("[\n\u2028\u2029]")


def _inner_break(text: str) -> re.Match | None:
    """The first line break inside a text, not at its ends (`title: >` ends with one)."""
    return _LINE_BREAK.search(text, len(text) - len(text.lstrip()), len(text.rstrip()))


# Option comparisons one run may spend on suggestions; past it, a misspelt reference is still
# reported, without "did you mean". Ids with a common prefix defeat difflib's quick filters (13-25
# µs a comparison), so 5,000,000 took about two minutes; 1,000,000 is 13-25 s at worst.
SUGGEST_BUDGET = 1_000_000
# A rating's `value` is a step on a scale of a few ratings (ClaimReview's ratingValue).
RATING_VALUE_MAX = 100
# A claim is a sentence or two as it was made (content-model.md); a longer text is most likely
# a whole passage pasted where the claim goes. The longest of our own is under 400 characters.
CLAIM_LENGTH = 1000


@dataclass
class Report:
    """What `factcheck validate` prints: the problems, the counts, and the model when valid."""

    problems: list[Problem]
    counts: dict[str, int]
    _content: model.Content | None = field(default=None, repr=False)
    _builder: Callable[[], model.Content] | None = field(default=None, repr=False, compare=False)

    @property
    def content(self) -> model.Content | None:
        """The content model, built on first use (`validate` alone never needs it); None with errors."""
        if self._content is None and self._builder is not None and not self.errors:
            self._content = self._builder()
            self._builder = None
        return self._content

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == WARNING for p in self.problems)

    def summary(self) -> str:
        c = self.counts
        parts = [
            _count(c.get("claim", 0), "claim", "claims"),
            _count(c.get("verdict", 0), "verdict", "verdicts"),
            _count(c.get("document", 0), "document", "documents"),
            _count(c.get("person", 0), "person", "people"),
        ]
        errors = _count(self.errors, "error", "errors")
        warnings = _count(self.warnings, "warning", "warnings")
        return f"{', '.join(parts)}: {errors}, {warnings}"


def _number(value: float) -> str:
    """A number for a message; a whole number past 18 digits by its size (`0xfff...` can be one
    of thousands of digits, which Python refuses to write out)."""
    if isinstance(value, int) and value.bit_length() > 60:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    return f"a number ({value})"


_DIGITS = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")


def _as_written(raw: RawFile, path: tuple, value: Any) -> str:
    """A number, date or time as the file writes it (`007`, `1e3`), for a text or id field."""
    written = raw.source.get(path)
    return _text_of(value) if written is None else written


def _text_of(value: Any) -> str:
    """str(value), except for a whole number past 18 digits, which may be too long to write."""
    if isinstance(value, int) and value.bit_length() > 60:
        return _number(value)
    return str(value)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _noncharacter(text: str) -> re.Match | None:
    """The first code point of a text that is no character (see _NONCHARACTER), if any."""
    if text.isascii():
        return None
    found = _NONCHARACTER.search(text)
    if found is None and max(text) > "\uffff":
        found = _ASTRAL_NONCHARACTER.search(text)
    return found


def _without_noncharacters(text: str) -> str:
    return _ASTRAL_NONCHARACTER.sub("", _NONCHARACTER.sub("", text))


def _shown_url(value: str) -> str:
    """A web address for a message: its first 80 characters, invisible ones written as escapes,
    and never a password (`https://…@host`)."""
    value = URL_USERINFO.sub(r"\1…@", value, count=1)
    return URL_BAD.sub(
        lambda m: (
            m.group() if m.group() in _URL_CHARS else m.group().encode("unicode_escape").decode()
        ),
        value[:80],
    )


# Scripts whose letters look like Latin ones (а е о р с у х in Cyrillic, ο ν in Greek...): a host
# name that mixes one with Latin letters, or is made only of such lookalikes, shows readers and
# reviewers a well-known address and leads to another (an "IDN homograph").
_CONFUSABLE_SCRIPTS = frozenset({"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE"})
_LOOKALIKES = frozenset("аеорсухіјѕһӏԁԛԝоαοινκρυχ")
# The country domains where a name of only such letters is a real word, as Chromium's IDN spoof
# checker allows them (components/url_formatter/spoof_checks: kWholeScriptConfusables): рор.ua, ικα.gr.
_OWN_SCRIPT_TLDS = {
    "CYRILLIC": frozenset({"bg", "by", "kz", "pyc", "ru", "su", "ua", "uz"}),
    "GREEK": frozenset({"gr"}),
    "ARMENIAN": frozenset({"am"}),
}


# A web address with letters outside ASCII in its host, as a body or page writes it.
_IRI = re.compile(r"https?://[^\s/?#<>()\[\]\"'`]*[^\x00-\x7f][^\s/?#<>()\[\]\"'`]*", re.I)


def _lookalike_host(url: str) -> str | None:
    """Why a web address's host name is not what it looks like, with the fix; None when it is
    plain (ASCII, or letters of one script, as a real domain in Cyrillic or Greek has them)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return _lookalike_parts([(part, part) for part in host.split(".")])


def _lookalike_parts(parts: list[tuple[str, str]]) -> str | None:
    """The lookalike check of a host name's parts, each as (shown, its letters): an `xn--` part
    is checked by the letters it decodes to, which is what the browser shows."""
    for shown, part in parts:
        if part.isascii():
            continue
        scripts = {c: unicodedata.name(c, "").split(" ")[0] for c in part if c.isalpha()}
        odd = next((c for c, s in scripts.items() if s in _CONFUSABLE_SCRIPTS), None)
        if odd is None:
            continue
        # All lookalikes is a real word only under its own script's domain (сос.рф, not сос.com)
        # or its countries' (рор.ua).
        tld = parts[-1][1]
        own = tld.isascii() and tld.lower() in _OWN_SCRIPT_TLDS.get(scripts[odd], ())
        if "LATIN" in scripts.values() or (
            tld.isascii() and not own and all(c in _LOOKALIKES for c in scripts)
        ):
            where = f"'{part}'" if shown == part else f"'{shown}' (which browsers show as '{part}')"
            return (
                f"has '{odd}' in its host name {where}: {unicodedata.name(odd)}, which only "
                "looks like a Latin letter, so the address leads elsewhere than it reads; type "
                "the host name again (or copy the address from the browser's address bar)"
            )
    return None


# What ends the host and port of a web address; the dots browsers read between a host's parts.
_AUTHORITY_END = re.compile(r"[/?#]")
_HOST_DOTS = re.compile("[.\u3002\uff0e\uff61]")
_NUMERIC_LABEL = re.compile(r"(?:\d+|0[xX][0-9a-fA-F]*)")
_LABEL_CHAR = re.compile(r"[^a-z0-9-]")
_XN_LABEL = re.compile(r"xn--[a-z0-9-]*", re.IGNORECASE)
_HTTP_LINK = re.compile(r"https?:", re.IGNORECASE)
# What a Markdown link may hold percent-encoded but no reader sees (not a space: %20 is common).
_INVISIBLE = re.compile(
    "[^\\S ]|[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# The longest host name DNS can look up (RFC 1035: 255 bytes on the wire), in its xn-- form.
HOST_MAX = 253
_CHECK_HOST = "check the address (or copy it again from the browser's address bar)"
_NO_HOST = "has no host name after '//'; write the site's name, as in https://example.org/"


def web_url_problem(url: str, written_xn: Collection[str] | None = None) -> str | None:
    """Why an http(s) address would not lead where it reads, with the fix; None when it is fine.

    Browsers read `http:host` as `http://host/`, a backslash as '/', and refuse a port above
    65535 or a host that is no DNS name, IP address or valid punycode: what a reviewer reads is
    then not where readers go (or they go nowhere). `written_xn`: the `xn--` parts written as
    such (a Markdown link's host in another script reaches here already in `xn--` form, and is
    checked as written elsewhere); None checks every one.
    """
    m = URL_SCHEME.match(url)
    if m is None:
        return None
    scheme, rest = m.group(1).lower(), url[m.end() :]
    if "\\" in url or rest[:3].upper() == "%5C":  # a Markdown link has it %-encoded
        return (
            "contains a backslash (\\), which browsers read as '/', so the address leads "
            "elsewhere than it reads; write '/' instead (or %5C where a backslash belongs)"
        )
    if not rest.startswith("//"):
        fixed = f"{scheme}://{cut(rest.lstrip('/'), 60)}"
        return (
            f"has no '//' after '{scheme}:', so browsers open it as {fixed}; write the "
            f"address in full, as '{fixed}'"
        )
    end = _AUTHORITY_END.search(rest, 2)
    authority = rest[2 : end.start() if end else len(rest)]
    authority = authority[authority.rfind("@") + 1 :]  # a user name is reported on its own
    port = None
    if authority.startswith("["):
        close = authority.find("]")
        if close < 0:
            return (
                "has a '[' before its host with no ']' after it; an IPv6 address is written "
                "in brackets, as in https://[2001:db8::1]/"
            )
        ip, after = authority[1:close], authority[close + 1 :]
        if "%" in ip:  # Python reads fe80::1%eth0 as an address; browsers refuse a zone id
            return (
                f"has a zone id ('{cut(ip[ip.find('%') :])}') in its IPv6 address, which only "
                "means something on the computer that wrote it, and browsers refuse the "
                f"address; remove it (from the '%' to the ']')"
            )
        try:
            ipaddress.IPv6Address(ip)
        except ValueError:
            return (
                f"has '[{cut(ip)}]' as its host, which is not an IPv6 address (like "
                f"[2001:db8::1]); {_CHECK_HOST}"
            )
        if after and not after.startswith(":"):
            return f"has '{cut(after)}' after its IPv6 address ']'; {_CHECK_HOST}"
        host = None
        port = after[1:] if after else None
    else:
        host, colon, port_text = authority.partition(":")
        port = port_text if colon else None
    if port:
        if not (port.isascii() and port.isdigit()):
            return (
                f"has ':{cut(port)}' as its port, which is not a number; a port is a number "
                f"from 1 to 65535: remove ':{cut(port)}' (without one, the usual port is used)"
            )
        if len(port) > 5 or not 1 <= int(port) <= 65535:
            return (
                f"has port {cut(port)}, which is out of range: a port is a number from 1 to "
                f"65535, and browsers refuse the address; remove ':{cut(port)}' (without one, "
                "the usual port is used)"
            )
    return None if host is None else _host_problem(unquote(host), written_xn)


def _host_problem(host: str, written_xn: Collection[str] | None) -> str | None:
    """Why a host name (percent-decoded, as browsers read it) is none a browser can open."""
    if not host:
        return _NO_HOST
    labels = _HOST_DOTS.split(host[:-1] if host.endswith(".") else host)
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return (
                f"has '{cut(host)}' as its host, which is not an IPv4 address (four numbers "
                f"from 0 to 255, like 192.0.2.1); {_CHECK_HOST}"
            )
        return None
    parts = []  # (part as written, its letters) for the lookalike check
    length = len(labels) - 1  # the host's length as DNS has it: the dots, then each part
    for piece in labels:
        if not piece:
            return (
                f"has an empty part in its host name '{cut(host)}' (two dots in a row, or a "
                "dot at its start); remove the extra dot"
            )
        if piece.isascii():
            low = piece.lower()
            if len(low) > 63:
                return (
                    f"has a part of {len(low)} characters in its host name ('{cut(low, 20)}'); "
                    f"a part between dots has at most 63, so browsers refuse it; {_CHECK_HOST}"
                )
            # An underscore, or a hyphen at either end of a part, breaks the host-name rules, but browsers
            # open such a name as written (some blogs' addresses end in a hyphen): not refused.
            bad = _LABEL_CHAR.search(low.replace("_", ""))
            if bad:
                return (
                    f"has {_host_char(bad.group())} in its host name '{cut(host)}', which a "
                    f"host name cannot hold (only letters, digits, hyphens and dots); "
                    f"{_CHECK_HOST}"
                )
            if low.startswith("xn--"):
                try:
                    decoded = low[4:].encode().decode("punycode")
                except UnicodeError:
                    decoded = ""
                if decoded.isascii():
                    return (
                        f"has '{cut(low)}' in its host name, which is not valid punycode (the "
                        "xn-- form of a name in another script), so browsers refuse it; "
                        + _CHECK_HOST
                    )
                odd = next((c for c in decoded if c == "_" or _bad_host_char(c)), None)
                if odd is not None:
                    return (
                        f"has {_host_char(odd)} in its host name ('{cut(low)}', which browsers "
                        "show as '" + cut(_shown_url(decoded)) + "'), which a host name cannot "
                        f"hold (only letters, digits, hyphens and dots); {_CHECK_HOST}"
                    )
                if written_xn is None or low in written_xn:
                    parts.append((low, decoded))
                    length += len(low)
                    continue
            parts.append((low, low))
            length += len(low)
            continue
        odd = next((c for c in piece if c == "_" or _bad_host_char(c)), None)
        if odd is not None:
            return (
                f"has {_host_char(odd)} in its host name '{cut(host)}', which a host name "
                f"cannot hold (only letters, digits, hyphens and dots); {_CHECK_HOST}"
            )
        if piece.startswith("-") or piece.endswith("-"):
            return (
                f"has '{cut(piece)}' in its host name, a part that starts or ends with a "
                f"hyphen, which a host name cannot have; {_CHECK_HOST}"
            )
        sent = len(piece.lower().encode("punycode")) + 4
        if sent > 63:
            return (
                f"has a part too long in its host name ('{cut(piece, 20)}'): in the xn-- form "
                f"browsers send, a part between dots has at most 63 characters; {_CHECK_HOST}"
            )
        parts.append((piece, piece))
        length += sent
    if length > HOST_MAX:
        return (
            f"has a host name of {length:,} characters ('{cut(host, 40)}'); a host name has at "
            f"most {HOST_MAX}, so no browser can reach it; {_CHECK_HOST}"
        )
    return _lookalike_parts(parts)


def _bad_host_char(char: str) -> bool:
    """A character no host name holds: a space, control or invisible one, or ASCII punctuation
    other than '-' (letters, marks and digits of any script are fine, as in IDNs)."""
    if char.isascii():
        return _LABEL_CHAR.search(char.lower()) is not None
    return unicodedata.category(char)[0] in "CZ"


def _host_char(char: str) -> str:
    """A character of a host name as a message shows it: itself, or its code when invisible."""
    if char.isprintable() and not char.isspace():
        return f"'{char}'"
    if char == " ":
        return "a space"
    return f"an invisible character (U+{ord(char):04X})"


def _lookalike_links(text: str) -> list[tuple[re.Match, str]]:
    """Each web address in a Markdown text whose host only looks like what it reads, with why."""
    if text.isascii():
        return []
    return [(m, why) for m in _IRI.finditer(text) if (why := _lookalike_host(m.group()))]


# A web address as a Markdown text writes it: up to what ends a link.
_WRITTEN_WEB = re.compile(r"https?://[^\s<>()\"'`]*", re.IGNORECASE)
# Where markdown-it moved a host it could not read (`https://[::1` gives `https://:1%5B:`), or
# dropped one over 255 characters (`https:///`): the address it gives is not the one written.
_REWRITTEN = re.compile(r"(?i)^https?://(?:[^/?#]*%5[BD]|[/?#]|$)")
# How far to look for the written address of a rewritten link (see _Written).
_WRITTEN_SEARCH = 50


class _Written:
    """The written form of links markdown-it rewrote, found in text order: each search starts
    where the last found one ended, so a text of many such links is read once."""

    def __init__(self, body: str):
        self.body = body
        self.starts = line_starts(body)
        self.cursor = 0

    def find(self, line: int, col: int, href: str) -> tuple[int, int, str] | None:
        """(line, column, address) of where `href` is written, at or after line:col."""
        start = max(self.cursor, self.starts[min(line, len(self.starts)) - 1] + col - 1)
        for n, m in enumerate(_WRITTEN_WEB.finditer(self.body, start)):
            if n >= _WRITTEN_SEARCH:
                break
            if _normalize_link(m.group()) == href:
                self.cursor = m.end()
                at = bisect.bisect_right(self.starts, m.start())
                return at, m.start() - self.starts[at - 1] + 1, m.group()
        return None


def _normalize_link(href: str) -> str:
    """A link address as markdown-it writes it into the page."""
    try:
        return _permissive_markdown().normalizeLink(href)
    except ValueError:  # pragma: no cover - defensive: mdurl on a malformed address
        return ""


def _web_link_problems(body: str, links: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Each http(s) link of a Markdown text that browsers would not open as it reads (line,
    column, why): `[x](http:evil.example)`, a port out of range, a host that is no host name.
    markdown-it rewrites an address whose host it cannot read (`https://[::1`): such a link is
    checked, shown and placed as written."""
    written_xn = None
    written: _Written | None = None
    starts: list[int] = []  # where each line of the body starts, once one is needed
    out = []
    for line, col, href in links:
        m = URL_SCHEME.match(href)
        if m is None or m.group(1).lower() not in ("http", "https"):
            continue
        if written_xn is None:  # once a text: a host in another script is checked as written
            written_xn = {x.lower() for x in _XN_LABEL.findall(body)}
        shown = _shown_url(unquote(href))
        why = web_url_problem(href, written_xn)
        if why is not None and _REWRITTEN.match(href):
            written = written or _Written(body)
            found = written.find(line, col, href)
            if found is not None:
                line, col, href = found
                shown = _shown_url(href)
                why = web_url_problem(href)
            elif "%5" in href[:80].upper():
                why = (
                    "has '[' or ']' in its host name where no IPv6 address is; an IPv6 "
                    "address is written whole in brackets, as in https://[2001:db8::1]/"
                )
            if why is None:  # pragma: no cover - markdown-it rewrites only what is wrong
                continue
        hidden = _INVISIBLE.search(unquote(href)) if why is None else None
        if hidden is not None:
            starts = starts or line_starts(body)
            hidden = _typed_invisible(body, starts, line, col, unquote(href))
        if hidden is not None:
            why = (
                f"contains an invisible character (U+{ord(hidden.group()):04X}), which readers "
                "cannot see in the address; delete it"
            )
        if why is not None:
            out.append((line, col, f"the link '{shown}' {why}"))
    return out


def _typed_invisible(
    body: str, starts: list[int], line: int, col: int, address: str
) -> re.Match | None:
    """The first invisible character of a link's (decoded) address that is typed as itself
    from where the link is written to the end of its paragraph. One written %-encoded (%C2%A0,
    as real addresses copied from a page carry) shows in the text, as a URL field may hold it."""
    at = starts[min(line, len(starts)) - 1] + col - 1
    end = body.find("\n\n", at)
    typed = body[at : end if end >= 0 else len(body)]
    return next((m for m in _INVISIBLE.finditer(address) if m.group() in typed), None)


# Where a Markdown text may hold a link: what a link, a reference definition or an autolink starts
# with. A text without any is not parsed again for links the site does not make.
_LINK_HINT = re.compile(r"\]\(|\]:|<[a-zA-Z]")
# Where a link's address starts as written: places one whose address markdown-it decoded
# (`java&#x73;cript:` is `javascript:` in the token).
_LINK_START = re.compile(r"\]\(\s*<?|\]:\s*<?|<(?=[a-zA-Z])")
_VERDICT_LINKS = (
    "a verdict links http(s) and mailto: addresses; link another claim with [[claim-id]] and "
    "cite a source with [@source-id]"
)
_PAGE_LINKS = "a page links addresses on this site, and other sites with http(s)"


_ADDRESS_PARTS = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#]*)(.*)", re.DOTALL)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def same_address(url: str) -> str:
    """A web address as browsers tell addresses apart: the scheme and host in any case, the
    default port and the '/' of an empty path written or not, are the same address. The query
    and fragment are kept as written: `?a=1&b=2` and `?b=2&a=1` may be different pages, and
    `#page=3` another part of a document."""
    m = _ADDRESS_PARTS.match(url)
    if m is None:
        return url
    scheme, authority, rest = m.group(1).lower(), m.group(2).lower(), m.group(3)
    host, colon, port = authority.rpartition(":")
    default = port.isascii() and port.isdigit() and int(port) == _DEFAULT_PORTS.get(scheme)
    if colon and (not port or default):  # `https://[::1]` has no port: its "1]" is not digits
        authority = host
    return f"{scheme}://{authority}{rest if rest.startswith('/') else '/' + rest}"


def _unmade_links(body: str, relative: bool) -> list[tuple[int, int, str]]:
    """(line, column, address) of each link of a Markdown text that the site does not make, and
    shows as typed Markdown (markdown.is_safe_link): `javascript:`, `data:` and other schemes,
    and in a verdict (`relative` False) any address but http(s) and mailto:; on a page (`relative`
    True), `//host/path` and `\\host` too, which would leave the site unchecked. The one check of
    verdict bodies and pages; unmade_link_message says it."""
    if not _LINK_HINT.search(body):
        return []
    from .markdown import is_safe_link

    starts = line_starts(body)
    out = []
    for block in _permissive_markdown().parse(body):
        links = [t for t in block.children or () if t.type == "link_open"]
        if not links or not block.map:
            continue
        cursor = starts[block.map[0]]
        end = starts[block.map[1]] if block.map[1] < len(starts) else len(body)
        for t in links:
            href = str(t.attrGet("href"))
            forms = tuple(dict.fromkeys((unquote(href), href)))
            found = next((at for w in forms if (at := body.find(w, cursor, end)) >= 0), -1)
            if found >= 0:
                cursor = found + 1
            else:
                # A reference's address is at its definition, elsewhere in the text; one written
                # otherwise (`&#x73;`) where the next address of the paragraph starts.
                found = next((at for w in forms if (at := body.find(w)) >= 0), -1)
                if found < 0:
                    m = _LINK_START.search(body, cursor, end)
                    found = m.end() if m else cursor
                    cursor = found + 1
            if is_safe_link(href, relative):
                continue
            line = bisect.bisect_right(starts, found)
            out.append((line, found - starts[line - 1] + 1, href))
    return out


def unmade_link_message(links: list[str], relative: bool) -> str:
    """What readers see of links the site does not make (`_unmade_links`), and how to write them:
    one message for a verdict's body (`relative` False), one for each link of a page."""
    if not relative:
        return (
            f"{_some('the link to', 'the links to', links)} not made, and readers would see the "
            f"Markdown as typed: {_VERDICT_LINKS}"
        )
    shown = _shown_url(unquote(links[0]))
    scheme = URL_SCHEME.match(shown)
    if scheme:
        fix = (
            f", and '{scheme.group(1).lower()}:' is not an allowed address; remove the link, or "
            "link the page it should lead to"
        )
    elif shown.startswith("//"):
        fix = f": write it in full, as 'https:{shown}'"
    else:
        fix = ": write it with '/'"
    return (
        f"the link to '{shown}' is not made, and readers would see the Markdown as typed: "
        f"{_PAGE_LINKS}{fix}"
    )


# A link whose address holds a space, tab or line break: Markdown makes no link of it, and the
# page shows the text as typed (`[h](https://exa mple.org)`, `[h](java<tab>script:...)`). An
# address is what markdown-it reads as one: no ASCII space or control character, and parentheses
# only in balanced pairs. Each `](` is read up to the next unbalanced '(' or ')' at most: linear.
_ADDRESS_PART = r"(?:[^\x00-\x20\x7f()]|\([^\x00-\x20\x7f()]*\))++"
_SPACED_LINK = re.compile(
    rf"\]\([ \t\n]*+({_ADDRESS_PART}(?:[\x01-\x20\x7f]++{_ADDRESS_PART})++)[ \t\n]*+\)"
)
# `[h]: https://exa mple.org`: a reference definition whose address holds a space is no
# definition, so the paragraph and each `[h]` that uses it are shown as typed.
_SPACED_DEFINITION = re.compile(
    rf"(?m)^ {{0,3}}\[[^\[\]\n]++\]:[ \t]*+((?:{_ADDRESS_PART})(?:[ \t]++{_ADDRESS_PART})++)[ \t]*$"
)
_SPACE = re.compile(r"[\x01-\x20\x7f]+")
_BLOCK_GAP = "\x00"  # stands for what is not text (code, a link made): no address runs over it
_ESCAPED_BRACKET = "\x02"  # `\[` or `\]`: a bracket written to be shown, which opens no link


def _opened(text: str) -> set[int]:
    """The places of the `]` in a text that close a `[` (escaped brackets are not in it)."""
    opened, closed = [], set()
    for i, char in enumerate(text):
        if char == "[":
            opened.append(i)
        elif char == "]" and opened:
            opened.pop()
            closed.add(i)
    return closed


def _inline_text(block: Any) -> str:
    """What markdown-it leaves as text of an inline block; code, links made and other tokens
    are a gap, and escaped brackets are kept apart from the brackets of a link."""
    parts = []
    for t in block.children or ():
        if t.type == "text":
            parts.append(t.content)
        elif t.type == "text_special":
            escaped = t.info == "escape" and t.content in "[]"
            parts.append(_ESCAPED_BRACKET if escaped else t.content)
        else:
            parts.append("\n" if t.type.endswith("break") else _BLOCK_GAP)
    return "".join(parts)


def _spaced_links(body: str) -> list[tuple[int, int, str]]:
    """(line, column, address) of each `[text](address)` of a Markdown text that is shown as
    typed because its address holds white space. Only what markdown-it leaves as text is read
    (not code, nor a link with a title); only what reads as an address (a scheme, '/', '#', '.'
    or 'www.'), so `[sic](see below)` in prose is left alone."""
    inline = "](" in body and _SPACED_LINK.search(body)
    if not inline and not ("]:" in body and _SPACED_DEFINITION.search(body)):
        return []
    starts = line_starts(body)
    out = []
    for block in _escapes_kept_markdown().parse(body):
        if block.type != "inline" or not block.map:
            continue
        text = _inline_text(block)
        cursor = starts[block.map[0]]
        end = starts[block.map[1]] if block.map[1] < len(starts) else len(body)
        closed = _opened(text)
        found_links = sorted(
            [m for m in _SPACED_LINK.finditer(text) if m.start() in closed]
            + list(_SPACED_DEFINITION.finditer(text)),
            key=lambda m: m.start(1),
        )
        for m in found_links:
            address = m.group(1)
            first, second = _SPACE.split(address, maxsplit=1)
            joined = _SPACE.sub("", address)
            if second[0] in "\"'(" or not (
                URL_SCHEME.match(joined) or joined.startswith(("/", "#", ".", "www."))
            ):
                continue  # a link's title (made by markdown-it unless broken), or prose
            # Where it is written: the first part as it stands (a decoded `&#x2F;` is not found,
            # and then the paragraph's start, for this one and the rest of the paragraph).
            found = -1
            if cursor >= 0:
                found = body.find(f"]({first}", cursor, end)
                found = found + 2 if found >= 0 else body.find(first, cursor, end)
            at = found if found >= 0 else starts[block.map[0]]
            cursor = found + 1 if found >= 0 else -1
            line = bisect.bisect_right(starts, at)
            out.append((line, at - starts[line - 1] + 1, address))
    return out


def spaced_link_message(address: str) -> str:
    """What readers see of a link whose address holds white space (`_spaced_links`), and how to
    write it."""
    return (
        f"the link to '{_shown_url(address)}' is not made, and readers would see the Markdown as "
        "typed: a link's address cannot hold a space, tab or line break; remove it, or write a "
        "space that belongs in the address as %20"
    )


# An address that reads as one with a scheme once its %XX (and character references) are decoded
# and its spaces and invisible characters taken out (`%6Aavascript:`, `java%09script:`): a page
# makes it a link to a page of this site.
_DISGUISE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2060\ufeff]")


def disguised_address(href: str) -> tuple[str, str] | None:
    """(scheme, address as it reads) of a link address written so that it has no scheme, but
    reads as one with a scheme, as a person would take it; None otherwise."""
    if "%" not in href and not _DISGUISE.search(href):
        return None
    reads = _DISGUISE.sub("", html.unescape(unquote(href)))
    m = URL_SCHEME.match(reads)
    if m is None or URL_SCHEME.match(href):
        return None
    return m.group(1).lower(), reads


def _disguised_link(href: str, scheme: str, reads: str) -> str:
    """What a page's link written as a disguised address is (see disguised_address): the site
    makes it a link to a page of its own of that odd name, which does not exist."""
    said = (
        f"links to '{_shown_url(href)}', which reads as the {scheme}: address "
        f"'{_shown_url(reads)}' written with %-codes, spaces or invisible characters, so the "
        "page would link it as a page of this site, which does not exist"
    )
    if scheme in ("http", "https", "mailto"):
        return f"{said}; write the address as it is: '{_shown_url(reads)}'"
    return f"{said}; '{scheme}:' is not an allowed address on a page: remove the link"


def _url_char(char: str) -> str:
    """What is wrong with a character in a web address, and what to write instead."""
    code = quote(char, safe="")
    if char in _URL_CHARS:
        return f"{_URL_CHARS[char]}, which a web address cannot hold; percent-encode it as {code}"
    return (
        f"an invisible character (U+{ord(char):04X}), which a web address cannot hold; delete it, "
        f"or percent-encode it as {code} if it belongs there"
    )


# Combining marks (see load.STACKED_MARKS) written so that the file does not hold them, but what
# is published does: YAML escapes in double quotes ("e\u0301\u0301...") and, in Markdown, HTML
# character references (&#x301;), among the marks written as they are. Each run of them is read
# once; only a run holding one of these forms is counted here (load counts the others).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_ESCAPED_MARKS = re.compile(rf"(?:\\u[0-9a-fA-F]{{4}}|\\U[0-9a-fA-F]{{8}}|[{_MARKS}])+")
_REFERENCED_MARKS = re.compile(rf"(?:&#[xX][0-9a-fA-F]{{1,6}};|&#[0-9]{{1,7}};|[{_MARKS}])+")
_MARK_UNIT = re.compile(r"\\[uU]([0-9a-fA-F]+)|&#([xX]?)([0-9a-fA-F]+);|(.)", re.DOTALL)
_MARK = re.compile(f"[{_MARKS}]")
_LITERAL_STACK = re.compile(f"[{_MARKS}]{{{_STACKED_MARKS + 1},}}")


def _written_stacks(text: str, written: re.Pattern[str]) -> list[tuple[int, int]]:
    """(offset, count) of each stack of more than STACKED_MARKS combining marks written at least
    partly as escapes or references (`written`), and not already a stack as written (which
    load reports)."""
    out = []
    for m in written.finditer(text):
        run = m.group()
        if len(run) <= _STACKED_MARKS or _LITERAL_STACK.search(run):
            continue
        count, start = 0, m.start()
        for unit in _MARK_UNIT.finditer(run):
            code, hexa, number, char = unit.groups()
            if char is None:
                try:
                    char = chr(int(code or number, 16 if code or hexa else 10))
                except (ValueError, OverflowError):
                    char = ""
            if _MARK.fullmatch(char):
                if count == 0:
                    start = m.start() + unit.start()
                count += 1
                continue
            if count > _STACKED_MARKS:
                out.append((start, count))
            count = 0
        if count > _STACKED_MARKS:
            out.append((start, count))
    return out


def _stack_message(count: int, written: str = "escapes") -> str:
    return (
        f"has {count} accents or other combining marks stacked on one letter, written as "
        f"{written}, which the page would draw over the lines above and below it; delete them (a "
        f"letter takes {_STACKED_MARKS} at most)"
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class _Name:
    """A field's name for a message ('sources[0].url'), worked out only when a message needs it."""

    __slots__ = ("default", "path")

    def __init__(self, path: tuple, default: str):
        self.path, self.default = path, default

    def __format__(self, spec: str) -> str:
        return f"'{label(self.path) or self.default}'"

    __str__ = __format__


@dataclass
class _Item:
    """One checked item (a file, or one entry of ratings.yaml/topics.yaml) with where it came from."""

    id: str
    raw: RawFile
    base: tuple  # path of the item inside raw.data
    data: dict[str, Any] = field(default_factory=dict)  # checked values only


# A verdict's body past this can take its claim page past PAGE_BUDGET_KB (issue #19: a body of
# 100 KB of short cited sentences gave a 351 KB page: each citation is a link, each source a list
# entry). A long fact check is 2,000 words, about 12 KB.
BODY_WARN_BYTES = 50 * 1024
PAGE_BUDGET_KB = 200


class _Checker:
    def __init__(
        self, loaded: Loaded, today: dt.date | None = None, site_language: str | None = None
    ):
        self.loaded = loaded
        # The site's language (theme.language) when the caller knows it: a claim without
        # `language` is in it. Unknown (`factcheck validate`), only written languages are compared.
        self.site_language = site_language
        # Dates are checked against it: given, not read from the clock, so a check is repeatable.
        self.today = today or dt.date.today()
        self.problems: list[Problem] = list(loaded.problems)
        self.items: dict[str, list[_Item]] = defaultdict(list)
        self._ids: dict[str, dict[str, _Item]] = {}
        self._suggested: dict[tuple[str, int], str | None] = {}
        self._suggest_budget = SUGGEST_BUDGET
        self._line_starts: tuple[Any, list[int]] = (None, [])  # (file, offset of each line)

    # -- reporting -------------------------------------------------------------------------
    def did_you_mean(self, word: str, options: Collection[str]) -> str:
        """`did_you_mean`, worked out once per word, and only while the run's budget of option
        comparisons lasts: 30,000 misspelt links against 10,000 claims would take 20 minutes."""
        best = self.meant(word, options)
        return f"; did you mean '{best}'?" if best else ""

    def meant(self, word: str, options: Collection[str]) -> str | None:
        """The option a misspelt word probably meant (its ASCII slug first), or None."""
        key = (word, id(options))
        if key not in self._suggested:
            self._suggest_budget -= len(options)
            slug = ascii_slug(word)
            if slug != word and slug in options:
                self._suggested[key] = slug
            elif self._suggest_budget > 0:
                many = len(options) > MANY_OPTIONS
                self._suggested[key] = closest(word, options, 0.8 if many else 0.6)
            else:
                self._suggested[key] = None
        return self._suggested[key]

    def report(
        self, raw: RawFile, path: tuple, msg: str, sev: str = ERROR, key: bool = False
    ) -> None:
        line, col = raw.at(path, key=key)
        self.problems.append(Problem(raw.display, line, col, sev, msg))

    def report_in_body(
        self,
        it: _Item,
        path: tuple,
        pattern: re.Pattern,
        unknown: list[re.Match],
        message: Callable[[str, str], str],
        named: Mapping[int, str] | None = None,
    ) -> None:
        """An error at each unknown `[@id]` or `[[id]]` of a body: message(id as shown, id).
        `named`: the unknown id of a match by its offset, when it is not the match's first."""
        if not unknown:
            return  # and the file's positions are not read again
        places = _places(it.raw, path, it.data["body"], pattern, unknown)
        for m, (line, col) in zip(unknown, places, strict=True):
            found = named.get(m.start(), m.group(1)) if named else m.group(1)
            msg = message(cut(found), found)
            self.problems.append(Problem(it.raw.display, line, col, ERROR, msg))

    def noncharacter(self, raw: RawFile, path: tuple, value: str, name: Any) -> None:
        """A warning at the escape that wrote a code point which is no character (`"\\uFFFE"`):
        the loader removes such a code point typed as it is, and this one is removed the same
        way, so that no page, feed or export carries it."""
        char = _noncharacter(value)
        assert char is not None
        wanted = char.group()
        line, col = raw.at(path)
        shown = f"U+{ord(wanted):04X}"
        if raw.text and raw.marks and line:
            if self._line_starts[0] is not raw:  # worked out once per file
                starts = line_starts(raw.text)
                self._line_starts = (raw, starts)
            starts = self._line_starts[1]
            start = starts[min(line, len(starts)) - 1] + col - 1
            # Escapes exist only in "..." values, whose lines are at most one per character.
            last = line + len(value) + 1
            end = starts[last] if last < len(starts) else len(raw.text)
            for m in _ESCAPE.finditer(raw.text, start, max(start, end)):
                if int(m.group()[2:], 16) == ord(wanted):
                    shown += f", written {m.group()}"
                    line = bisect.bisect_right(starts, m.start())
                    col = m.start() - starts[line - 1] + 1
                    break
        self.problems.append(
            Problem(
                raw.display,
                line,
                col,
                WARNING,
                f"{name}: contains {shown}, a code point that is not a character (often from "
                "converted or pasted text); it is removed when the site is built — delete it to "
                "silence this",
            )
        )

    # -- values ---------------------------------------------------------------------------
    def check_text(self, raw: RawFile, path: tuple, f: Field, value: Any, name: _Name) -> Any:
        if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
            value = _as_written(raw, path, value)  # `title: 1984`: the text as written
        if not isinstance(value, str):
            hint = ""
            if isinstance(value, list):
                hint = (
                    "; write one piece of text, not a list (put it in quotes if it starts with '[')"
                )
            elif isinstance(value, dict):
                hint = "; if the text contains ': ', put the whole text in quotes"
            elif isinstance(value, bool):
                hint = f'; put it in quotes ("{str(value).lower()}") if you mean the text'
            self.report(raw, path, f"{name}: expected text, found {_describe(value)}{hint}")
            return _BAD
        text = value
        if CONTROL.search(text):
            self.report(
                raw,
                path,
                f"{name}: contains invisible control characters (often from pasted text); "
                "they are removed when the site is built — delete them to silence this",
                WARNING,
            )
            text = strip_controls(text)
        if _noncharacter(text):
            self.noncharacter(raw, path, text, name)
            text = _without_noncharacters(text)
        if not text.strip():
            fix = f"write the {f.name}" + ("" if f.required else " or remove the field")
            self.report(raw, path, f"{name}: is empty; {fix}")
            return _BAD
        if text.lstrip().startswith("TODO"):
            self.report(
                raw,
                path,
                f"{name}: still holds the template's TODO; write the {f.name} (or remove the field "
                "if it is optional)",
            )
            return _BAD
        if f.max_length and len(text) > f.max_length:
            self.report(
                raw,
                path,
                f"{name}: is {len(text)} characters; keep it to {f.max_length} or fewer",
                ERROR if f.name != "title" else WARNING,
            )
        if id(f) in _ONE_LINE:
            found = _inner_break(text)
            if found is not None:
                self.line_break(raw, path, f, found.group(), name)
                return _BAD
        return text

    def line_break(self, raw: RawFile, path: tuple, f: Field, char: str, name: _Name) -> None:
        """An error at a line break in a field shown on one line (_ONE_LINE). An invisible one
        (U+2028) is placed where it stands, in place of the loader's warning about it there."""
        line, col = raw.at(path)
        if char == "\n":
            if path in raw.blocks:
                how = "write it on one line after the colon, not as a '|' block (which keeps them)"
            else:
                how = "write it on one line (a blank line, or \\n in double quotes, makes one)"
            self.report(
                raw,
                path,
                f"{name}: has a line break, but a {f.name} is shown on one line, so readers "
                f"would not see it as written; {how}",
            )
            return
        code = f"U+{ord(char):04X}"
        if raw.text and line:
            start = sum(len(x) + 1 for x in raw.text.split("\n", line - 1)[: line - 1]) + col - 1
            at = raw.text.find(char, start)
            if at >= 0:
                line, col = next(line_cols(raw.text, [at]))
                self.problems = [
                    p
                    for p in self.problems
                    if not (
                        p.path == raw.display
                        and (p.line, p.col) == (line, col)
                        and p.severity == WARNING
                        and code in p.message
                    )
                ]
        self.problems.append(
            Problem(
                raw.display,
                line,
                col,
                ERROR,
                f"{name}: has an invisible line break ({code} {unicodedata.name(char)}, often "
                f"from pasted text), but a {f.name} is shown on one line, so readers would not "
                "see it as written; delete it",
            )
        )

    def check_value(self, raw: RawFile, path: tuple, f: Field, value: Any) -> Any:
        # Fast paths for the values most files are made of, when they are right.
        t = f.type
        cls = value.__class__
        if cls is str and not raw.traps:
            if t == "id":
                if ID_RE.match(value) and len(value) <= ID_MAX:
                    return value
            elif t == "choice":
                if value in f.choices:
                    return value
            elif (
                (t == "text" or t == "markdown")
                and value
                and not value[0].isspace()
                and not value.startswith("TODO")
                and (f.max_length is None or len(value) <= f.max_length)
                and not CONTROL.search(value)
                and (value.isascii() or _noncharacter(value) is None)
                and (id(f) not in _ONE_LINE or _inner_break(value) is None)
            ):
                return value
        elif (
            cls is list
            and t == "list"
            and len(value) >= f.min_items
            and (f.max_items is None or len(value) <= f.max_items)
        ):
            items = f.items
            return [self.check_value(raw, (*path, i), items, v) for i, v in enumerate(value)]
        elif cls is dict and t == "object":
            return self.check_fields(raw, path, f.fields, value, f.name)
        elif cls is dt.date and t == "date" and DATE_EARLIEST <= value <= self.today:
            return value
        return self._check_value(raw, path, f, value)

    def _check_value(self, raw: RawFile, path: tuple, f: Field, value: Any) -> Any:
        name = _Name(path, f.name)
        t = f.type
        if path in raw.traps:
            return _BAD  # `kind: no`: reported once, by the loader, with how to quote it
        if value is None:
            if t == "color":
                msg = 'has no value: a bare # starts a comment, so quote the colour: "#1a7f37"'
            else:
                msg = f"has no value; write {_TYPE_NAMES[t]} or remove it"
            self.report(raw, path, f"{name}: {msg}")
            return _BAD
        if t in ("text", "markdown"):
            return self.check_text(raw, path, f, value, name)
        if t == "id":
            if isinstance(value, bool):  # `rating: false` means the rating with id "false"
                value = str(value).lower()
            elif isinstance(value, (int, float, dt.date)):
                value = _as_written(raw, path, value)  # `claimant: 007`: as written
            if not isinstance(value, str):
                self.report(raw, path, f"{name}: expected an id, found {_describe(value)}")
                return _BAD
            if not ID_RE.match(value) or len(value) > ID_MAX:
                if value.startswith("TODO"):
                    self.report(raw, path, f"{name}: still holds the template's TODO; write an id")
                else:
                    self.report(
                        raw,
                        path,
                        f"{name}: {_shown_id(value)} is not a valid id; {ID_RULE}{slug_hint(value)}",
                    )
                return _BAD
            return value
        if t == "date":
            if isinstance(value, dt.datetime):
                value = value.date()
            if isinstance(value, dt.date):
                return self.check_date(raw, path, value, name)
            text = _as_written(raw, path, value)
            if DATE.match(text):
                try:
                    y, m, d = (int(x) for x in text.split("-"))
                    return self.check_date(raw, path, dt.date(y, m, d), name)
                except ValueError:
                    self.report(
                        raw,
                        path,
                        f"{name}: {text} is not a real date (there is no such day); "
                        "write the date as YYYY-MM-DD",
                    )
                    return _BAD
            self.report(
                raw,
                path,
                f"{name}: expected a date written YYYY-MM-DD (like 2024-10-24), "
                f"found {_describe(value)}",
            )
            return _BAD
        if t == "url":
            return self.check_url(raw, path, value, name)
        if t == "bool":
            if isinstance(value, bool):
                return value
            self.report(raw, path, f"{name}: expected true or false, found {_describe(value)}")
            return _BAD
        if t == "int":
            if isinstance(value, int) and not isinstance(value, bool):
                written = raw.source.get(path)
                if written is None or _DIGITS.match(written):
                    return value
                # YAML 1.1 reads 010 as 8, 0x10 as 16 and 1:30 as 90 (minutes and seconds).
                self.report(
                    raw,
                    path,
                    f"{name}: YAML reads '{cut(written)}' as {_number(value)}; write the number "
                    "in plain digits",
                )
                return _BAD
            if isinstance(value, str) and _DIGITS.match(value) and path in raw.quoted:
                self.report(
                    raw,
                    path,
                    f"{name}: expected a whole number, found the text {_describe(value)}; remove "
                    "the quotes",
                )
                return _BAD
            if isinstance(value, str) and _DIGITS.match(value):  # too long for Python to read
                self.report(
                    raw,
                    path,
                    f"{name}: a number of {len(value.strip('+-')):,} digits is too large; write a "
                    "small whole number",
                )
                return _BAD
            self.report(raw, path, f"{name}: expected a whole number, found {_describe(value)}")
            return _BAD
        if t == "color":
            if isinstance(value, str) and COLOR.match(value):
                return value.lower()
            self.report(
                raw,
                path,
                f"{name}: expected a colour like #1a7f37, found {_describe(value)}",
            )
            return _BAD
        if t == "choice":
            if isinstance(value, str) and value in f.choices:
                return value
            shown = str(value).lower() if isinstance(value, bool) else raw.source.get(path, value)
            self.report(
                raw,
                path,
                f"{name}: {_describe(shown)} is not one of {', '.join(f.choices)}"
                + did_you_mean(str(shown), f.choices),
            )
            return _BAD
        if t == "list":
            if not isinstance(value, list):
                if f.items and f.items.type == "id" and isinstance(value, str):
                    hint = f"; write [{cut(value)}]"
                else:
                    hint = "; start each item on its own line with '- '"
                self.report(raw, path, f"{name}: expected a list, found {_describe(value)}{hint}")
                return _BAD
            if len(value) < f.min_items:
                self.report(
                    raw,
                    path,
                    f"{name}: needs at least {'one item' if f.min_items == 1 else f'{f.min_items} items'}",
                )
            if f.max_items is not None and len(value) > f.max_items:
                self.report(
                    raw,
                    path,
                    f"{name}: lists {len(value)} items, and takes at most {f.max_items}; keep "
                    "the ones a reader would look for it under",
                )
            out = [self.check_value(raw, (*path, i), f.items, v) for i, v in enumerate(value)]
            return out  # failed items stay as _BAD, so positions still match the file
        if t == "object":
            if not isinstance(value, dict):
                self.report(
                    raw,
                    path,
                    f"{name}: expected a set of fields ({', '.join(x.name for x in f.fields)}), "
                    f"found {_describe(value)}",
                )
                return _BAD
            return self.check_fields(raw, path, f.fields, value, f.name)
        raise AssertionError(t)  # pragma: no cover - spec.TYPES is closed

    def check_date(self, raw: RawFile, path: tuple, value: dt.date, name: _Name) -> Any:
        """A real date, which must also be a plausible one: a year typed wrong (2107, 0224)
        would pass to the pages, the feeds and the sitemap's 32-bit gzip timestamp."""
        if value < DATE_EARLIEST:
            self.report(
                raw,
                path,
                f"{name}: {value.isoformat()} is before the year {DATE_EARLIEST.year}; check the "
                "year (written YYYY-MM-DD)",
            )
            return _BAD
        if value <= self.today:
            return value
        today = self.today.isoformat()
        if value > self.today + FUTURE_LIMIT:
            self.report(
                raw,
                path,
                f"{name}: {value.isoformat()} is more than a year from today ({today}); nothing "
                "here can be dated that far ahead: check the year",
            )
            return _BAD
        self.report(
            raw,
            path,
            f"{name}: {value.isoformat()} is in the future (today is {today})"
            + (
                "; readers would see a publication date that has not come: set it to the day "
                "the verdict goes live"
                if path[-1] == "published"
                else "; readers would see a change dated on a day that has not come: set it to "
                "the day the change goes live"
                if len(path) == 3 and path[0] == "updates"
                else "; check the date"
            ),
            WARNING,
        )
        return value

    def check_url(self, raw: RawFile, path: tuple, value: Any, name: _Name) -> Any:
        if not isinstance(value, str):
            self.report(raw, path, f"{name}: expected a web address, found {_describe(value)}")
            return _BAD
        value = value.strip()
        odd = _noncharacter(value)
        if odd is None and WEB_URL.match(value):
            why = web_url_problem(value)
            if why is None:
                return value
            self.report(raw, path, f"{name}: '{_shown_url(value)}' {why}")
            return _BAD
        if odd is not None:
            self.report(
                raw,
                path,
                f"{name}: contains U+{ord(odd.group()):04X}, a code point that is not a "
                "character, which a web address cannot hold; delete it",
            )
            return _BAD
        shown = _shown_url(value)
        scheme = URL_SCHEME.match(value)
        if not scheme or scheme.group(1).lower() not in ("http", "https"):
            why = (
                f"'{scheme.group(1).lower()}:' addresses are not allowed"
                if scheme
                else "it has no http(s)://"
            )
            self.report(
                raw,
                path,
                f"{name}: '{shown}' is not a web address ({why}); use an http:// or https:// link",
            )
            return _BAD
        bad = URL_BAD.search(value)
        if bad:
            self.report(raw, path, f"{name}: '{shown}' contains {_url_char(bad.group())}")
            return _BAD
        userinfo = URL_USERINFO.match(value)
        if userinfo:
            self.report(
                raw,
                path,
                f"{name}: '{shown}' has a user name or password before the '@' (shown here as "
                "…); a published address must not carry them, and the host after the '@' is "
                "where it really leads: remove everything between '//' and '@'",
            )
            return _BAD
        why = web_url_problem(value)
        if why is not None and why is not _NO_HOST:  # `https://` alone: said below
            self.report(raw, path, f"{name}: '{shown}' {why}")
            return _BAD
        self.report(
            raw,
            path,
            f"{name}: '{shown}' is not a complete web address (like https://example.org/page)",
        )
        return _BAD

    def check_fields(
        self, raw: RawFile, base: tuple, fields: tuple[Field, ...], data: dict, what: str
    ):
        known = _known(fields)
        out: dict[str, Any] = {}
        meant = set()  # fields an unknown one was probably meant to be: `claimnt` for `claimant`
        for key in data:
            separator = _after_separator(raw, (*base, key))
            if separator is not None:
                shown = cut(_text_of(key))
                said = (
                    f"follows an invisible line separator ({separator}), which YAML reads as a "
                    f"line break, so '{shown}' was taken for a field of its own and the value "
                    f"before it ends there; delete the {separator[:6]} (often from pasted text), "
                    "and put a value that holds ': ' in quotes"
                )
                if key in known:
                    said = f"'{shown}' {said}"
                else:
                    said = f"unknown field '{shown}' in {_article(what)}: it {said}"
                self.report(raw, (*base, key), said, key=True)
                continue
            if key not in known:
                free = [k for k in known if k not in data]
                shown = _text_of(key)  # `? 0xfff...`: a key can be a number too
                folded = shown.casefold()  # `TITLE` or `Claimant`: difflib counts case
                best = next((k for k in free if k == folded), None) or closest(shown, free)
                if key == "<<":
                    hint = "; YAML's merge key is not read here: write the fields out in full"
                elif best:
                    meant.add(best)
                    hint = f"; did you mean '{best}'?"
                else:
                    hint = f"; the fields are: {', '.join(known)}"
                self.report(
                    raw,
                    (*base, key),
                    f"unknown field '{cut(shown)}' in {_article(what)}{hint}",
                    key=True,
                )
        for f in fields:
            if f.name not in data:
                if f.required and f.name not in meant:
                    doc = f.doc.rstrip(".")
                    self.report(
                        raw,
                        base,
                        f"missing required field '{f.name}' in {_article(what)}: add "
                        f"'{f.name}: ...' ({doc[:1].lower() + doc[1:]})",
                        key=True,
                    )
                continue
            v = self.check_value(raw, (*base, f.name), f, data[f.name])
            if f.name == "language" and v is not _BAD:
                why = language_problem(v)
                if why:
                    self.report(raw, (*base, f.name), f"{_Name((*base, f.name), f.name)}: {why}")
                    v = _BAD
            if v is not _BAD:
                out[f.name] = v
        return out

    # -- files ----------------------------------------------------------------------------
    def check_file(self, raw: RawFile) -> None:
        kind = raw.kind
        if raw.failed or raw.data is None:
            return  # unreadable or empty; already reported
        if "\\" in raw.text:
            self.check_escaped_marks(raw)
        if kind.list_file:
            if not isinstance(raw.data, list) or not raw.data:
                self.report(
                    raw,
                    (),
                    f"{kind.list_file} must be a list of {kind.name}s, each starting with '- id: ...'",
                )
                return
            for i, entry in enumerate(raw.data):
                if not isinstance(entry, dict):
                    self.report(
                        raw, (i,), f"each {kind.name} must be a set of fields starting with 'id:'"
                    )
                    continue
                data = self.check_fields(raw, (i,), kind.fields, entry, kind.name)
                if "id" in data:
                    if kind.section and data["id"] in RESERVED_IDS:
                        self.report(
                            raw,
                            (i, "id"),
                            f"the {kind.name} id '{data['id']}' cannot be used: "
                            f"{_taken(kind)}; choose another id",
                        )
                    elif kind.section and data["id"] in WINDOWS_DEVICES:
                        self.report(
                            raw,
                            (i, "id"),
                            f"the {kind.name} id '{data['id']}' is the name of a device on "
                            f"Windows, where its page's folder ({kind.section}/{data['id']}/) "
                            "cannot be made, so the site cannot be built there; choose another id",
                        )
                    elif kind.name == "rating" and data["id"] in STATUS_IDS:
                        self.report(
                            raw,
                            (i, "id"),
                            f"the rating id '{data['id']}' cannot be used: it names the status of "
                            "claims that have no standing rating (under review, retracted), in "
                            "search filters and open data; choose another id",
                        )
                    self.items[kind.name].append(_Item(data["id"], raw, (i,), data))
            return
        if not ID_RE.match(raw.stem) or len(raw.stem) > ID_MAX:
            self.report(
                raw,
                (),
                f"the file name {_shown_id(raw.stem)} is not a valid id; {ID_RULE}. "
                + _rename_to(raw, kind),
            )
            return
        if kind.section and raw.stem in RESERVED_IDS:
            self.report(
                raw,
                (),
                f"the file name '{raw.stem}' cannot be used: {_taken(kind)}; rename the file (and "
                "change the id where other files use it)",
            )
        if not isinstance(raw.data, dict):
            self.report(
                raw,
                (),
                f"a {kind.name} file must be a set of 'field: value' lines, found {_describe(raw.data)}",
            )
            return
        data = self.check_fields(raw, (), kind.fields, raw.data, kind.name)
        item = _Item(raw.stem, raw, (), data)
        self.items[kind.name].append(item)
        if kind.name == "claim":
            self.check_claim_file(item)
        elif kind.name == "verdict":
            self.check_verdict_file(item)

    def check_escaped_marks(self, raw: RawFile) -> None:
        """Stacked combining marks written as YAML escapes, in a double-quoted value: load's
        check reads the file as written, where they are not marks yet (one error a line)."""
        stacks = _written_stacks(raw.text, _ESCAPED_MARKS)
        if not stacks:
            return
        starts = sorted(raw.marks.items(), key=lambda mark: mark[1])
        keys = [pos for _, pos in starts]
        last = 0
        places = line_cols(raw.text, [start for start, _ in stacks])
        for (_, count), (line, col) in zip(stacks, places, strict=True):
            i = bisect.bisect_right(keys, (line, col))
            path = starts[i - 1][0] if i else ()
            value = _raw_at(raw, path)
            # Only a double-quoted value reads the escapes: elsewhere they are text as typed.
            if line == last or not isinstance(value, str) or not _LITERAL_STACK.search(value):
                continue
            last = line
            self.problems.append(
                Problem(raw.display, line, col, ERROR, f"'{label(path)}': {_stack_message(count)}")
            )

    # -- across files ---------------------------------------------------------------------
    def ids(self, kind: str) -> dict[str, _Item]:
        """Items of one kind by id (the first of duplicates); computed once, after check_file."""
        if kind not in self._ids:
            found: dict[str, _Item] = {}
            for it in self.items[kind]:
                found.setdefault(it.id, it)
            self._ids[kind] = found
        return self._ids[kind]

    def check_duplicates(self) -> None:
        for kind in ("rating", "topic"):
            seen: dict[str, _Item] = {}
            for it in self.items[kind]:
                if it.id in seen:
                    self.report(
                        it.raw,
                        (*it.base, "id"),
                        f"the {kind} id '{it.id}' is listed twice; keep one",
                    )
                seen.setdefault(it.id, it)

    def check_ref(self, it: _Item, path: tuple, kind: str, value: str, known: dict) -> None:
        if value not in known and value not in self.broken[kind] and kind not in self.unreadable:
            self.report(
                it.raw,
                path,
                f"'{label(path)}': no {kind} '{value}' exists ({_where(kind, value)})"
                + (self.did_you_mean(value, known) or self._add_advice(kind, value)),
            )

    @staticmethod
    def _add_advice(kind: str, value: str) -> str:
        """How to add the item a reference names: not for a name Windows keeps for a device,
        which no item can have (people/con.yaml is refused)."""
        if value in WINDOWS_DEVICES:
            return (
                f"; no {kind} can have that id: '{value}' is the name of a device on Windows, "
                f"where its page's folder cannot be made; use the id of an existing {kind}"
            )
        return f"; add {_where(kind, value, True)}"

    def check_refs(self) -> None:
        known = {k: self.ids(k) for k in KINDS}
        topics_listed = bool(self.items["topic"])
        if not topics_listed:
            # Free-form topics: how many claims have each, to tell a misspelt one (on one claim,
            # close to a topic of several) from a new topic.
            self._topic_use = Counter(
                t
                for c in self.items["claim"]
                for t in {x for _, x in _each(c.data.get("topics", []))}
            )
            self._common_topics = {t for t, n in self._topic_use.items() if n > 1}
        for kind_name in ("claim", "verdict", "document"):
            kind = KINDS[kind_name]
            for it in self.items[kind_name]:
                self._walk_refs(it, kind.fields, it.data, it.base, known, topics_listed)

    def _walk_refs(self, it, fields, data, base, known, topics_listed) -> None:
        for name, how, ref, sub in _ref_plan(fields):
            if name not in data:
                continue
            v, path = data[name], (*base, name)
            if how == "id":
                if v not in known[ref]:
                    self.check_ref(it, path, ref, v, known[ref])
            elif how == "ids":
                if ref == "topic" and not topics_listed:
                    # Topics are free-form until topics.yaml lists them, but each gets a page.
                    for i, x in _each(v):
                        if x in RESERVED_IDS:
                            self.report(
                                it.raw,
                                (*path, i),
                                f"'{label((*path, i))}': the topic id '{x}' cannot be used: "
                                f"{_taken(KINDS[ref])}; choose another id",
                            )
                        else:
                            self._check_free_topic(it, (*path, i), x)
                    continue
                for i, x in _each(v):
                    if x not in known[ref]:
                        self.check_ref(it, (*path, i), ref, x, known[ref])
            else:
                for i, x in _each(v):
                    self._walk_refs(it, sub, x, (*path, i), known, topics_listed)

    def _check_free_topic(self, it: _Item, path: tuple, topic: str) -> None:
        """A warning for a free-form topic (no topics.yaml) that only this claim has and that is
        close to one several claims have: most likely a misspelling, which would otherwise be
        published as a topic page of its own, with this one claim on it."""
        if self._topic_use[topic] != 1 or not self._common_topics:
            return
        meant = self.meant(topic, self._common_topics)
        if meant is None:
            return
        self.report(
            it.raw,
            path,
            f"'{label(path)}': no other claim has the topic '{topic}', and "
            f"{self._topic_use[meant]} claims have '{meant}': did you mean '{meant}'? Without "
            "topics.yaml a topic is whatever claims write, so this one would get a page of its "
            "own: fix the spelling, or list the site's topics in topics.yaml to have each one "
            "checked",
            WARNING,
        )

    # -- within one file (run where the file was parsed: see _check_jobs) -----------------
    def check_claim_file(self, it: _Item) -> None:
        text = it.data.get("claim")
        if text is not None and len(text) > CLAIM_LENGTH:
            self.report(
                it.raw,
                (*it.base, "claim"),
                f"'claim' is {len(text):,} characters; a claim is a sentence or two as it was "
                f"made, at most {CLAIM_LENGTH:,} characters: keep the words that are checked, "
                "and give the context in the verdict",
                WARNING,
            )
        for i, _ in _each(it.data.get("appearances", [])):
            path = (*it.base, "appearances", i)
            written = _raw_at(it.raw, path)  # the fields as written, checked or not
            has_doc, has_url = "document" in written, "url" in written
            if has_doc == has_url:
                self.report(
                    it.raw,
                    path,
                    "each appearance is either {document, quote} or {url, archive_url, title}: "
                    + (
                        "give one of them" if not has_doc else "not both; make them two appearances"
                    ),
                )
                continue
            if has_doc and "quote" not in written:
                self.report(
                    it.raw,
                    path,
                    "an appearance in a document needs a 'quote': the claim's words as they stand in it",
                )
            if has_url and "quote" in written:
                self.report(
                    it.raw,
                    (*path, "quote"),
                    "'quote' belongs with 'document'; for a web page, put the words in 'title' or the claim",
                    WARNING,
                )
        for i, r in _each(it.data.get("related", [])):
            if r == it.id:
                self.report(
                    it.raw,
                    (*it.base, "related", i),
                    f"'related[{i}]' is the claim itself; list other claims only",
                    WARNING,
                )

    def check_verdict_file(self, it: _Item) -> None:
        published = it.data.get("published")
        before = None  # (position, date) of the last dated update above
        for i, u in _each(it.data.get("updates", [])):
            if "date" not in u:
                continue
            if published and u["date"] < published:
                self.report(
                    it.raw,
                    (*it.base, "updates", i, "date"),
                    f"'updates[{i}].date' is before 'published' ({published.isoformat()}); "
                    "an update comes after publication",
                )
            elif before is not None and u["date"] < before[1]:
                # The page sorts them, but the feeds and the open data keep the file's order.
                self.report(
                    it.raw,
                    (*it.base, "updates", i, "date"),
                    f"'updates[{i}].date' ({u['date'].isoformat()}) is before that of "
                    f"'updates[{before[0]}]' ({before[1].isoformat()}); list updates oldest "
                    "first, adding each new one at the end",
                    WARNING,
                )
            if before is None or u["date"] >= before[1]:
                before = (i, u["date"])
        body = it.data.get("body")
        if isinstance(body, str) and len(body.encode("utf-8")) > BODY_WARN_BYTES:
            # The claim page carries the body whole, with its frame and lists around it.
            self.report(
                it.raw,
                (*it.base, "body"),
                f"'body' is {len(body.encode('utf-8')) // 1024} KB: with the page around it, "
                f"the claim page may pass {PAGE_BUDGET_KB} KB, slow to open on a phone; keep "
                "the reasoning under "
                f"{BODY_WARN_BYTES // 1024} KB: put long quotations in a document "
                "(documents/<id>.yaml with its text) and link it",
                WARNING,
            )
        sources = _each(it.data.get("sources", []))
        ids = Counter(s["id"] for _, s in sources if "id" in s)
        for i, s in sources:
            if "id" in s and ids[s["id"]] > 1:
                self.report(
                    it.raw,
                    (*it.base, "sources", i, "id"),
                    f"source id '{s['id']}' is used twice in this verdict; give each source its own id",
                )
        # One source listed twice is numbered twice on the claim page: [1] and [3] the same page.
        addresses: dict[str, tuple[int, Any]] = {}  # address as browsers read it -> first source
        for i, s in sources:
            if "url" not in s:
                continue
            j, first = addresses.setdefault(same_address(s["url"]), (i, s))
            if j != i:
                name = f"source '{first['id']}'" if "id" in first else f"sources[{j}]"
                cite = f"[@{first['id']}]" if "id" in first else "that source"
                where = f" where 'body' cites [@{s['id']}]" if "id" in s else ""
                self.report(
                    it.raw,
                    (*it.base, "sources", i, "url"),
                    f"'sources[{i}].url' is the address of {name} too "
                    f"('{_shown_url(first['url'])}'), so the claim page would list and number "
                    f"the one source twice; cite {cite}{where} and remove this source, or merge "
                    "the two",
                    WARNING,
                )
        if body is None:
            return
        path = (*it.base, "body")
        cited = set()
        unknown = []
        first_unknown: dict[int, str] = {}  # a group's first id not in 'sources', by its offset
        for m in CITATION.finditer(body):
            group = [m.group(1), *_MORE_CITED.findall(m.group(2))]
            cited.update(group)
            missing = [sid for sid in group if sid not in ids]
            if missing:
                unknown.append(m)
                first_unknown[m.start()] = missing[0]
        self.report_in_body(
            it,
            path,
            CITATION,
            unknown,
            lambda sid, raw_id: (
                f"'body' cites [@{sid}] but 'sources' lists no source with id '{sid}'"
                + (did_you_mean(raw_id, ids) or "; add it to 'sources' or fix the citation")
            ),
            first_unknown,
        )
        for message in unmade_markdown(body):
            self.report(it.raw, path, f"'body': {message}", WARNING)
        if _HTTP_LINK.search(body):
            start = it.raw.at(path)
            for line, col, why in _web_link_problems(body, md_links(body)):
                at = _line_of_block(it.raw, path, line)
                # In a `|` block the link's own column; else where the body starts.
                at = (at[0], at[1] + col - 1) if at != start else at
                self.problems.append(Problem(it.raw.display, *at, ERROR, f"'body': {why}"))
        if "](" in body or "]:" in body:
            start = it.raw.at(path)
            for line, col, address in _spaced_links(body):
                at = _line_of_block(it.raw, path, line)
                at = (at[0], at[1] + col - 1) if at != start else at
                why = spaced_link_message(address)
                self.problems.append(Problem(it.raw.display, *at, WARNING, f"'body': {why}"))
        spoofs = _lookalike_links(body)
        if spoofs:
            places = _places(it.raw, path, body, _IRI, [m for m, _ in spoofs])
            for (m, why), (line, col) in zip(spoofs, places, strict=True):
                self.problems.append(
                    Problem(it.raw.display, line, col, ERROR, f"'body': '{cut(m.group())}' {why}")
                )
        hidden = hidden_by_nesting(body)
        if hidden is not None:
            line, col = _line_of_block(it.raw, path, hidden)
            self.problems.append(
                Problem(it.raw.display, line, col, ERROR, f"'body': {NESTED_TOO_DEEP}")
            )
        for i, s in sources:
            if "id" in s and s["id"] not in cited:
                self.report(
                    it.raw,
                    (*it.base, "sources", i, "id"),
                    f"source '{s['id']}' is listed but never cited; cite it in 'body' as "
                    f"[@{s['id']}] or remove it",
                    WARNING,
                )

    # -- across files ---------------------------------------------------------------------
    def check_claims(self) -> None:
        docs = self.ids("document")
        # All quotes of a document are looked up at once (quotes.py): one search of its text per
        # quote took 9.3 s for 2,000 quotes of a 4 MB text.
        quoted: dict[str, list[str]] = defaultdict(list)  # document id -> its quotes, normalised
        for it in self.items["claim"]:
            for _i, a in _each(it.data.get("appearances", [])):
                if "quote" in a and a.get("document") in docs:
                    quoted[a["document"]].append(normalise_quote(a["quote"]))
        where: dict[str, dict[str, int] | None] = {}  # document id -> quote -> where; None: no text
        for doc, quotes in quoted.items():
            text = self.document_text(docs[doc])
            where[doc] = None if text is None else first_positions(normalise_quote(text), quotes)
        for it in self.items["claim"]:
            for i, a in _each(it.data.get("appearances", [])):
                doc = a.get("document")
                if "quote" not in a or doc not in docs:
                    continue
                path = (*it.base, "appearances", i, "quote")
                found = where[doc]
                if found is None:
                    if (self.loaded.root / self.document_text_name(docs[doc])).is_file():
                        continue  # there, but refused (too large...): said at the text file
                    self.report(
                        it.raw,
                        path,
                        f"document '{doc}' has no text file, so the quote cannot be checked: "
                        f"add documents/{doc}.txt",
                        WARNING,
                    )
                elif found[normalise_quote(a["quote"])] < 0:
                    self.report(
                        it.raw,
                        path,
                        f"'appearances[{i}].quote' does not appear word for word in the text of "
                        f"document '{doc}' ({self.document_text_name(docs[doc])}); copy it exactly "
                        "from that text",
                    )
            if "title" in it.data and it.id in self.verdict_rating:
                name = self.verdict_rating[it.id]
                if name and re.search(rf"\b{re.escape(name)}\b", it.data["title"], re.IGNORECASE):
                    self.report(
                        it.raw,
                        (*it.base, "title"),
                        f"'title' contains the verdict ('{name}'); a title states the claim, "
                        "never the rating",
                        WARNING,
                    )

    def check_translations(self) -> None:
        """`translation_of`: an original that is no translation, in another language, and one
        translation per language of each original."""
        claims = self.ids("claim")
        taken: dict[tuple[str, str], str] = {}  # (original id, language) -> translation id
        for it in self.items["claim"]:
            target = it.data.get("translation_of")
            if target is None:
                continue
            path = (*it.base, "translation_of")
            language = it.data.get("language")
            if target == it.id:
                self.report(
                    it.raw,
                    path,
                    "'translation_of' names this claim itself; give the id of the fact check "
                    "this one translates",
                )
                continue
            if "language" not in _raw_at(it.raw, it.base):
                self.report(
                    it.raw,
                    path,
                    "a translation needs 'language': add `language: <BCP 47 tag>` (uk, en, "
                    "pt-BR) for the language it is written in",
                )
            original = claims.get(target)
            if original is None:
                continue  # reported by check_refs
            if "translation_of" in original.data:
                root = _original_of(claims, it.id)
                if root == it.id or root is None:  # a circle, or a chain too long to follow
                    fix = (
                        "the claims name each other in a circle; one of them is the original: "
                        "remove translation_of from that one"
                        if root == it.id
                        else "name the claim the others translate"
                    )
                else:
                    fix = f"name the original: translation_of: {root}"
                self.report(
                    it.raw,
                    path,
                    f"claim '{target}' is itself a translation (of "
                    f"'{original.data['translation_of']}'); {fix}",
                )
                continue
            if language is None:
                continue
            theirs = original.data.get("language") or self.site_language
            if theirs is not None and _same_language(language, theirs):
                where = "" if original.data.get("language") else " (the site's language)"
                self.report(
                    it.raw,
                    (*it.base, "language"),
                    f"'language' is '{language}', the language of the original '{target}'"
                    f"{where}; a translation is in another language: fix 'language' or "
                    "remove 'translation_of'",
                )
                continue
            key = (target, language.lower())
            if key in taken:
                self.report(
                    it.raw,
                    (*it.base, "language"),
                    f"claim '{taken[key]}' is already the '{language}' translation of "
                    f"'{target}'; keep one translation per language",
                )
            else:
                taken[key] = it.id
            self.check_translated_rating(it.id, target)

    def check_translated_rating(self, translation: str, original: str) -> None:
        """A translation says what its original says (CONTRIBUTING, translations): the same
        rating. A correction to the original left its translations with the old one."""
        verdicts = self.ids("verdict")
        mine, theirs = verdicts.get(translation), verdicts.get(original)
        if mine is None or theirs is None:
            return  # a translation may still be under review
        if _retracted(theirs) and not _retracted(mine):
            self.report(
                mine.raw,
                (*mine.base, "rating"),
                f"the original '{original}' was retracted, so this translation's rating no "
                "longer stands either: add an 'updates' entry of type retraction to this verdict "
                "too, translating the original's note",
            )
            return
        ours, rating = mine.data.get("rating"), theirs.data.get("rating")
        if ours is None or rating is None or ours == rating:
            return
        self.report(
            mine.raw,
            (*mine.base, "rating"),
            f"'rating' is '{ours}', but the original '{original}' is rated '{rating}': a "
            f"translation carries its original's rating; write `rating: {rating}` (with an "
            "'updates' entry, if this verdict was published with the other one)",
        )

    def document_text_name(self, doc: _Item) -> str:
        return f"documents/{doc.data.get('text') or doc.id + '.txt'}"

    def document_text(self, doc: _Item) -> str | None:
        return self.loaded.texts.get(self.document_text_name(doc))

    def check_documents(self) -> None:
        docs = self.ids("document")
        named = set()
        for it in self.items["document"]:
            name = it.data.get("text")
            if name is not None:
                if "/" in name or name.startswith(".") or not name.endswith(".txt"):
                    self.report(
                        it.raw,
                        (*it.base, "text"),
                        f"'text': '{cut(name)}' is not a .txt file name; name a file beside this one, "
                        f"like {it.id}.txt",
                    )
                elif f"documents/{name}" not in self.loaded.texts:
                    names = [t[len("documents/") :] for t in self.loaded.texts]
                    same = [n for n in names if _nfc(n) == _nfc(name)]
                    if same:  # é as one character in the field, as e and an accent in the name
                        hint = (
                            f"; documents/{cut(same[0])} has the same letters, but its accents "
                            "are made of other characters (as some systems write file names): "
                            "rename the file, typing its name again"
                        )
                    else:
                        hint = did_you_mean(name, names) or "; add it or remove 'text'"
                    self.report(
                        it.raw,
                        (*it.base, "text"),
                        f"'text': documents/{cut(name)} does not exist{hint}",
                    )
            named.add(self.document_text_name(it))
            seen, cur = {it.id}, it.data.get("part_of")
            while cur in docs:
                if cur in seen:
                    self.report(
                        it.raw,
                        (*it.base, "part_of"),
                        f"'part_of' goes round in a circle (back to '{cur}'); a document cannot "
                        "be part of itself",
                    )
                    break
                seen.add(cur)
                cur = docs[cur].data.get("part_of")
        for rel in sorted(set(self.loaded.texts) - named):
            if (self.loaded.root / f"{rel[:-4]}.yaml").is_file():
                continue  # its document is there but did not parse: said at that file
            self.problems.append(
                Problem(
                    self.loaded.show(rel),
                    0,
                    0,
                    WARNING,
                    f"no document uses this text: add {rel[:-4]}.yaml or name it in a document's 'text'",
                )
            )

    def check_verdicts(self) -> None:
        claims = self.ids("claim")
        by_claim: dict[str, list[_Item]] = defaultdict(list)
        for it in self.items["verdict"]:
            cid = it.data.get("claim")
            if cid is not None:
                by_claim[cid].append(it)
                if cid != it.id and cid in claims:
                    self.report(
                        it.raw,
                        (*it.base, "claim"),
                        f"this verdict is on claim '{cid}' but the file is named {it.id}.yaml; "
                        f"name it verdicts/{cid}.yaml",
                    )
            published = it.data.get("published")
            claim = claims.get(cid) if cid else None
            if published and claim and claim.data.get("date") and published < claim.data["date"]:
                self.report(
                    it.raw,
                    (*it.base, "published"),
                    f"'published' is before the claim was made ({claim.data['date'].isoformat()})",
                    WARNING,
                )
            body = it.data.get("body") or ""
            unknown = [
                m
                for m in CLAIM_LINK.finditer(body)
                if m.group(1) not in claims and m.group(1) not in self.broken["claim"]
            ]
            self.report_in_body(
                it,
                (*it.base, "body"),
                CLAIM_LINK,
                unknown,
                lambda cid, raw_id: (
                    f"'body' links [[{cid}]] but no claim '{cid}' exists "
                    f"({_where('claim', cid)})" + self.did_you_mean(raw_id, claims)
                ),
            )
        for cid, items in by_claim.items():
            if len(items) > 1:
                for it in items:
                    others = ", ".join(o.raw.display for o in items if o is not it)
                    self.report(
                        it.raw,
                        (*it.base, "claim"),
                        f"claim '{cid}' has more than one verdict (also {others}); keep one per claim",
                    )

    def check_ratings(self) -> None:
        if not any(r.kind.name == "rating" for r in self.loaded.files):
            self.problems.append(
                Problem(
                    self.loaded.show("ratings.yaml"),
                    0,
                    0,
                    ERROR,
                    "the rating scale is missing: add ratings.yaml",
                )
            )
            return
        values = [it for it in self.items["rating"] if "value" in it.data]
        for it in values:
            if it.data["value"] < 1:
                self.report(
                    it.raw, (*it.base, "value"), "'value' must be 1 or more (1 = least accurate)"
                )
            elif it.data["value"] > RATING_VALUE_MAX:
                # It would be ClaimReview's bestRating, and the scale's steps on every page.
                self.report(
                    it.raw,
                    (*it.base, "value"),
                    f"'value' is {_number(it.data['value'])}, more than {RATING_VALUE_MAX}: "
                    "values number the steps of the scale, 1 for the least accurate rating, 2 "
                    "for the next and so on",
                )
        seen: dict[int, str] = {}
        for it in values:
            v = it.data["value"]
            if v in seen:
                self.report(
                    it.raw,
                    (*it.base, "value"),
                    f"'value' {v} is also the value of '{seen[v]}'; give each rating its own value",
                )
            seen.setdefault(v, it.id)
        # Two ratings a reader cannot tell apart: the badge, the filters and ClaimReview's
        # alternateName show the label.
        labels: dict[str, str] = {}
        for it in self.items["rating"]:
            label_ = it.data.get("label")
            if not isinstance(label_, str):
                continue
            # é typed as one character or as e and an accent looks the same: NFKC first.
            key = " ".join(unicodedata.normalize("NFKC", label_).casefold().split())
            if key in labels:
                self.report(
                    it.raw,
                    (*it.base, "label"),
                    f"'label' '{cut(label_)}' is also the label of '{labels[key]}', so readers "
                    "could not tell the two ratings apart; give each rating its own label",
                )
            labels.setdefault(key, it.id)
        self.check_icons()

    def check_icons(self) -> None:
        """Two ratings apart on the scale with one icon (✔ for both 'Correct' and 'Incorrect'):
        a reader who cannot tell the colours apart tells the ratings apart by their icons. Ratings
        next to each other may share one, as the default icons do (◐ for every rating between
        the best and the worst), so ✔ for 'True' and 'Mostly true' is fine; the best and the
        worst may not, nor a rating off the scale (no value) with any other. Only icons written
        in the file: render/core.default_icon gives the others theirs. A value with an error
        leaves the scale unknown: nothing is said until it is fixed."""
        for it in self.items["rating"]:
            written = _raw_at(it.raw, it.base)
            if isinstance(written, dict) and "value" in written and "value" not in it.data:
                return
        scale = sorted(
            (it for it in self.items["rating"] if "value" in it.data),
            key=lambda it: -it.data["value"],
        )
        place = {id(it): n for n, it in enumerate(scale)}  # 0 for the best
        firsts: dict[str, _Item] = {}  # icon as a reader sees it -> the first rating with it
        shown_at: dict[str, list[int]] = defaultdict(list)  # icon -> places on the scale, sorted
        for it in scale:
            icon = it.data.get("icon")
            if isinstance(icon, str) and _icon_key(icon):
                shown_at[_icon_key(icon)].append(place[id(it)])
        for it in self.items["rating"]:
            icon = it.data.get("icon")
            key = _icon_key(icon) if isinstance(icon, str) else ""
            if not key:
                continue
            first = firsts.setdefault(key, it)
            if first is it:
                continue
            a, b = place.get(id(first)), place.get(id(it))
            if a is None and b is None:
                why = ""  # 'Unproven' and 'Satire', both off the scale
            elif a is None:
                why = ", which is off the scale (it has no value) and this rating is on it"
            elif b is None:
                why = ", which is on the scale and this rating is off it (it has no value)"
            else:
                low, high = min(a, b), max(a, b)
                between = bisect.bisect_left(shown_at[key], high) - bisect.bisect_right(
                    shown_at[key], low
                )
                if between < high - low - 1:
                    why = ", with ratings of other icons between the two on the scale"
                elif low == 0 and high == len(scale) - 1:
                    why = ", at the other end of the scale"
                else:
                    continue  # neighbours on the scale: ✔ for 'True' and 'Mostly true'
            self.report(
                it.raw,
                (*it.base, "icon"),
                f"'icon' '{cut(icon.strip())}' is also the icon of '{first.id}'{why}, and "
                "readers who cannot tell colours apart tell ratings apart by their icons; give "
                "this rating an icon of its own (ratings next to each other on the scale may "
                "share one)",
                WARNING,
            )

    def check_pages(self) -> None:
        addresses: dict[str, str] = {}  # page address -> the first page there
        for rel in sorted(self.loaded.pages):
            why = page_name_problem(rel)
            if why is None:
                address = page_address(rel)
                if address in addresses:
                    other = self.loaded.show(addresses[address])
                    why = (
                        f"has the same address (/{address}) as {other}, so only one of them "
                        "would be published; rename or merge one of them"
                    )
                addresses.setdefault(address, rel)
            if why is not None:
                self.problems.append(Problem(self.loaded.show(rel), 0, 0, ERROR, why))
        for rel, text in [*self.loaded.pages.items(), *self.loaded.texts.items()]:
            self.problems += invisible_problems(text, self.loaded.show(rel))
            self.problems += stacked_marks_problems(text, self.loaded.show(rel))
            if "&#" in text and rel.endswith(".md"):  # markdown-it decodes &#x301; to the mark
                stacks = _written_stacks(text, _REFERENCED_MARKS)
                last = 0
                places = line_cols(text, [start for start, _ in stacks])
                for (_, count), (line, col) in zip(stacks, places, strict=True):
                    if line != last:
                        message = _stack_message(count, "character references")
                        self.problems.append(
                            Problem(self.loaded.show(rel), line, col, ERROR, message)
                        )
                        last = line
        read = {}  # page -> (its body after the front matter, lines before the body)
        marked = []  # pages whose front matter says `factcheck: methodology`
        for rel, text in self.loaded.pages.items():
            # What would stop the build first: it stops the slow YAML reader in time too.
            fatal = front_matter_values(text, fatal_only=True)
            found = fatal or front_matter_problems(text) or front_matter_values(text)
            for message, line, col in found:
                self.problems.append(Problem(self.loaded.show(rel), line, col, ERROR, message))
            if not found:
                front, body = split_front_matter(text)  # read once for the checks below
                if front.get("factcheck") == "methodology":
                    marked.append(rel)
                read[rel] = (body, text.count("\n", 0, len(text) - len(body)))
                blank = _blank_page(rel, text, body, front)
                if blank is not None:
                    line, message = blank
                    self.problems.append(Problem(self.loaded.show(rel), line, 1, WARNING, message))
            m = CONTROL.search(text)
            if m:
                line = text.count("\n", 0, m.start()) + 1
                self.problems.append(
                    Problem(
                        self.loaded.show(rel),
                        line,
                        m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1,
                        WARNING,
                        "contains invisible control characters (often from pasted text); "
                        "they are removed when the site is built — delete them to silence this",
                    )
                )
        # The site's methodology page is pages/methodology.md, else the first marked page by path
        # (render/pages.methodology_source; the methodology_page setting can name another).
        chosen = "pages/methodology.md" if "pages/methodology.md" in self.loaded.pages else None
        for rel in sorted(marked):
            chosen = chosen or rel
            if rel != chosen:
                self.problems.append(
                    Problem(
                        self.loaded.show(rel),
                        0,
                        0,
                        WARNING,
                        f"is marked 'factcheck: methodology', but {self.loaded.show(chosen)} is "
                        "the methodology page, so this one is published as a page of its own; "
                        "remove the mark from one of them",
                    )
                )

        site = _SiteMap(self, addresses, chosen, {rel: body for rel, (body, _) in read.items()})
        for rel, (body, offset) in read.items():
            self.check_page_links(rel, body, offset, site)
            for line, advice in page_markup(body):
                self.problems.append(
                    Problem(self.loaded.show(rel), line + offset, 1, WARNING, advice)
                )
            hidden = hidden_by_nesting(body)
            if hidden is not None:
                self.problems.append(
                    Problem(self.loaded.show(rel), hidden + offset, 1, ERROR, NESTED_TOO_DEEP)
                )
            spoofs = _lookalike_links(body)
            if spoofs:
                places = line_cols(body, [m.start() for m, _ in spoofs])
                for (m, why), (line, col) in zip(spoofs, places, strict=True):
                    shown = f"'{cut(m.group())}' {why}"
                    self.problems.append(
                        Problem(self.loaded.show(rel), line + offset, col, ERROR, shown)
                    )

    def check_page_links(self, rel: str, body: str, offset: int, site: _SiteMap) -> None:
        """Each link of a hand-written page to a place the site will not have: a page renamed or
        deleted (a claim, a person, a topic, another page), a heading that is gone, a typo.
        Published, it leads readers to nothing, and the build writes it as it is. `body` is the
        page after its front matter, which takes `offset` lines. Other sites' links are not
        followed."""
        links = md_links(body)
        for line, col, href in links:
            why = site.dead_link(rel, href)
            if why is not None:
                self.problems.append(Problem(self.loaded.show(rel), line + offset, col, ERROR, why))
        for line, col, why in _web_link_problems(body, links):
            self.problems.append(Problem(self.loaded.show(rel), line + offset, col, ERROR, why))
        for line, col, href in _unmade_links(body, True):
            why = unmade_link_message([href], True)
            self.problems.append(Problem(self.loaded.show(rel), line + offset, col, WARNING, why))
        for line, col, address in _spaced_links(body):
            why = spaced_link_message(address)
            self.problems.append(Problem(self.loaded.show(rel), line + offset, col, WARNING, why))

    def run(self, files_checked: bool = False) -> None:
        """Every check. With files_checked, check_file already ran for each file (in a worker)."""
        if not files_checked:
            for raw in self.loaded.files:
                self.check_file(raw)
        # Files there but unreadable (already reported): a reference to one is not a second error.
        self.broken: dict[str, set[str]] = defaultdict(set)
        self.unreadable: set[str] = set()  # list files that could not be read: refs unchecked
        for raw in self.loaded.files:
            if raw.kind.folder and raw.stem not in self.ids(raw.kind.name):
                self.broken[raw.kind.name].add(raw.stem)
            elif raw.kind.list_file and (raw.failed or not isinstance(raw.data, list)):
                self.unreadable.add(raw.kind.name)
        self.check_duplicates()
        self.check_ratings()
        ratings = {it.id: it.data.get("label") for it in self.items["rating"]}
        self.verdict_rating = {
            it.data["claim"]: ratings.get(it.data.get("rating"))
            for it in self.items["verdict"]
            if "claim" in it.data
        }
        self.check_refs()
        self.check_documents()
        self.check_claims()
        self.check_translations()
        self.check_verdicts()
        self.check_pages()


# -- links in hand-written pages ------------------------------------------------------------

# What the build writes beside the pages that a page may link to (feeds.py, exports.py, mkdocs):
# site-relative paths. Folders the build fills (BUILD_FOLDERS) are taken as they are.
SITE_FILES = frozenset(
    {
        "feed.xml",
        "feed.json",
        "sitemap.xml",
        "sitemap.xml.gz",
        "404.html",
        "data/claims.json",
        "data/claims.csv",
        "data/claimreview.json",
    }
)
# How render/pages._take_title finds the page's title, which is taken out of its body (the
# validator imports no renderer): the first line that is not blank, if it is a `# ` heading.
_ATX_H1 = re.compile(r"^[ ]{0,3}#[ \t]+(\S.*)$")


def _resolve(base: str, path: str) -> tuple[str, bool]:
    """A link's path read from the folder address `base` ("about/"; "" is the site's root), the
    way a browser reads it (RFC 3986): ("claims/x/", False), True when a '..' goes above the root."""
    segments = [] if path.startswith("/") else base.split("/")[:-1]
    parts = path.lstrip("/").split("/")
    above = False
    for i, part in enumerate(parts):
        if part == "..":
            if segments:
                segments.pop()
            else:
                above = True
        elif part != ".":
            segments.append(part)
            continue
        if i == len(parts) - 1:
            segments.append("")  # `..` and `.` name a folder
    return "/".join(segments), above


def _body_without_title(body: str) -> str:
    """A page's body as it is rendered: without its title line (render/pages._take_title)."""
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            if _ATX_H1.match(line):
                return "\n".join(lines[:i] + lines[i + 1 :])
            break
    return body


class _SiteMap:
    """Where a link in a hand-written page leads, from the checked content: the addresses the
    site will have (render/__init__.JOBS, pages as folders) and the anchors of the hand-written
    pages' headings, made as markdown.py makes them."""

    def __init__(
        self,
        checker: _Checker,
        pages: dict[str, str],
        methodology: str | None,
        bodies: dict[str, str],
    ):
        self.checker = checker
        self.pages = pages  # address -> the hand-written page published there
        self.methodology = methodology  # the site's own methodology page; None: generated
        self.bodies = bodies  # page -> its Markdown after the front matter
        self._anchors: dict[str, frozenset[str]] = {}
        self.by_section = {k.section: k.name for k in KINDS.values() if k.section}
        self._ids: dict[str, Collection[str]] = {}
        self.options = [*pages, *(f"{s}/" for s in SECTIONS)]  # for "did you mean"
        if methodology is None:
            self.options.append("methodology/")

    def ids(self, kind: str) -> Collection[str]:
        """The ids of a kind that have a page (files that did not parse count: said at the file)."""
        if kind not in self._ids:
            ch = self.checker
            found = set(ch.ids(kind)) | ch.broken[kind]
            if kind == "topic":
                found |= {t for c in ch.items["claim"] for _, t in _each(c.data.get("topics", []))}
            if kind == "claim":  # the old addresses that lead to a claim
                found |= set(redirect_map(ch.loaded.root, set(ch.ids("claim"))))
            self._ids[kind] = found
        return self._ids[kind]

    def anchors(self, rel: str) -> frozenset[str] | None:
        """The anchors of a hand-written page's headings; None when others are on its page too
        (the home page, a section's list below its introduction)."""
        if rel == "pages/index.md" or page_address(rel).rstrip("/") in SECTIONS:
            return None
        if rel not in self.bodies:
            return None  # its front matter is broken: said at the page
        if rel not in self._anchors:
            reserved = ("rating-scale",) if rel == self.methodology else ()
            headings = render_markdown(
                _body_without_title(self.bodies.get(rel, "")),
                relative_links=True,
                min_heading=2,
                reserved_ids=reserved,
            ).headings
            self._anchors[rel] = frozenset({h.id for h in headings} | set(reserved))
        return self._anchors[rel]

    def missing(self, address: str) -> tuple[str, str | None] | None:
        """Why the site has nothing at a site-relative address, and the address probably meant
        (or None); None when something is there."""
        if address in self.pages or address == "":
            return None
        parts = address.split("/")
        top, name = parts[0], parts[-1]
        if top in BUILD_FOLDERS or address in SITE_FILES or top == LANGUAGES_FOLDER:
            return None
        if top in SECTIONS:
            if len(parts) == 1 or (len(parts) == 2 and name == "") or parts[1] == "page":
                return None  # the list, or one of its later pages
            if parts[1] in ("index.html", "index.htm"):
                return None
            kind = self.by_section.get(top)
            if kind is None:
                return (
                    f"which is not a page of this site: /{top}/ is one list, with no page for "
                    "each entry",
                    f"{top}/",
                )
            item, ids = parts[1], self.ids(kind)
            if item in ids or kind in self.checker.unreadable:
                return None  # its page, or a file of its folder (feed.xml, embed/, page/2/)
            best = self.checker.meant(item, ids)
            if kind == "topic" and not self.checker.items["topic"]:
                reason = f"but no claim has the topic '{cut(item)}'"
            else:
                reason = f"but no {kind} '{cut(item)}' exists ({_where(kind, item)})"
            return reason, f"{top}/{best}/" if best else None
        if name.endswith((".html", ".htm")):
            folder = address[: address.rfind("/") + 1]
            if name in ("index.html", "index.htm"):
                return self.missing(folder)
            stem = address[: address.rfind(".")] + "/"
            meant = stem if self.missing(stem) is None else None
            return (
                "but the site publishes its pages as folders (about/, not about.html), so "
                "there is no such file",
                meant,
            )
        if "." in name:
            return None  # a file of the build or of the theme's custom_dir: not known here
        if not address.endswith("/"):
            return self.missing(address + "/")  # web servers send /about to /about/
        if address == "methodology/" and self.methodology is None:
            return None  # the generated methodology page
        return "which is not a page of this site", self.checker.meant(address, self.options)

    def dead_link(self, rel: str, href: str) -> str | None:
        """Why a link of page `rel` leads nowhere on this site, with the fix; None when it leads
        somewhere (or to another site, which is not checked)."""
        try:
            parts = urlsplit(href)
        except ValueError:  # `https://[zz::1]/`: another site's address, which is checked apart
            return None
        if parts.scheme or parts.netloc:
            return None
        disguised = disguised_address(href)
        if disguised is not None:
            return _disguised_link(href, *disguised)
        path, fragment = parts.path, unquote(parts.fragment)
        published = page_address(rel)  # a site address is read from the page's own folder
        here = posixpath.dirname(rel[len("pages/") :])  # `x.md` from the file (render/pages)
        shown = f"links to '{cut(unquote(href))}'"  # as written: markdown-it %-encodes spaces
        target, address = rel, published
        if path.endswith(".md"):
            written = posixpath.normpath(posixpath.join(here, path))
            if written == "methodology.md" and self.methodology is not None:
                target, address = self.methodology, page_address(self.methodology)
            elif written.startswith(("../", "/")) or written == "..":
                return self._say(shown, "which is not a page of this site", None, rel, path)
            else:
                address = "" if written == "index.md" else page_address("pages/" + written)
                target = self.pages.get(address, "")
        elif path:
            address, above = _resolve(published, path)
            # Each part decoded on its own: %2F stays inside its part, as in the browser.
            address = "/".join(unquote(p).replace("/", "%2F") for p in address.split("/"))
            if above:
                meant = _resolve("", path)[0]
                return self._say(
                    shown,
                    f"whose '..' goes above the site's root from this page (/{published}), "
                    "and off the site where it is published under a folder",
                    meant if self.missing(meant) is None else None,
                    rel,
                    path,
                )
            target = self.pages.get(address if address.endswith("/") else address + "/", "")
        why = self.missing(address) if path else None  # no path: this page
        if why is not None:
            reason, meant = why
            bare = unquote(path.lstrip("./"))
            if bare.endswith(".md"):
                bare = "" if bare == "index.md" else page_address("pages/" + bare)
            else:
                bare = _resolve("", bare)[0]
            for other in (bare, address.lower()):
                if other and other != address:
                    # Written as if from the site's root (`claims/x/` on /team/), or in capitals.
                    found = self.missing(other)
                    if found is None:
                        meant = other
                        break
                    meant = meant or found[1]
            return self._say(shown, reason, meant, rel, path)
        if not fragment or fragment == "top" or not target:
            return None
        anchors = self.anchors(target)
        # The rating scale is on the methodology page, which the plugin's methodology_page
        # setting may name without this check knowing: its anchor is taken on any page.
        if anchors is None or fragment in anchors or fragment == "rating-scale":
            return None
        where = "this page" if target == rel else self.checker.loaded.show(target)
        best = self.checker.meant(fragment, anchors)
        if best:
            fix = f"did you mean '{cut(href.split('#')[0])}#{best}'?"
        elif anchors:
            fix = "its headings' anchors are " + ", ".join(f"'#{a}'" for a in sorted(anchors)[:5])
            fix += " ..." if len(anchors) > 5 else ""
        else:
            fix = "it has no headings below its title: link to the page without '#...'"
        return (
            f"{shown}, but {where} has no heading with the anchor '{cut(fragment)}', so the "
            f"link leads to no heading; {fix}"
        )

    def _say(self, shown: str, reason: str, meant: str | None, rel: str, path: str) -> str:
        """The message for a link to nothing: what it is, and the link to write instead, in the
        same form as the one written (`x.md`, `../x/`, `/x/`)."""
        message = f"{shown}, {reason}, so readers would find nothing there"
        if meant is not None:
            return f"{message}; did you mean '{self._written(meant, rel, path)}'?"
        if path.endswith(".md") and reason.startswith("which is not a page"):
            return (
                f"{message}; link to a page in content/pages/ by its file name (relative to "
                "this page), or to a site page such as claims/index.md"
            )
        return f"{message}; link to a page that exists, or remove the link"

    def _written(self, address: str, rel: str, path: str) -> str:
        """A site address as the page would write it: like `path`, a file name, a folder from
        the page's own address, or a path from the site's root."""
        if path.endswith(".md"):
            page = self.pages.get(address)
            if page:
                name = page[len("pages/") :]
            elif address.rstrip("/") in SECTIONS:
                name = address + "index.md"
            else:
                name = (address.rstrip("/") or "index") + ".md"
            here = posixpath.dirname(rel[len("pages/") :]) or "."
            return posixpath.relpath(name, here)
        if path.startswith("/"):
            return "/" + address
        return "../" * page_address(rel).count("/") + address or "./"


# Markdown a verdict body may hold that readers would see as typed (markdown.py makes no pictures,
# no links but http(s) and mailto:, no footnotes). Few bodies have any: only those are parsed.
_UNMADE_HINT = re.compile(
    r"!\[|\]\(\s*<?(?!https?://|mailto:)|\[\^|\]:|<(?!https?://|mailto:)[a-z][a-z0-9+.-]*:",
    re.IGNORECASE,
)
# A label stops at the next "[": else every "[^" of a body of them would scan to the line's end.
_FOOTNOTE = re.compile(r"\[\^[^\]\s\[]+\]")


@functools.cache
def _permissive_markdown() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@functools.cache
def _escapes_kept_markdown() -> Any:
    """`_permissive_markdown` that keeps each escaped character (`\\[`) a token of its own."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).disable("text_join")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


# The statuses a claim has instead of a rating (search metadata rating_id, exports' status).
STATUS_IDS = frozenset({"under-review", "retracted"})
SCALE_MARKER = (
    "<!-- rating-scale -->"  # render/pages.SCALE_MARKER (the validator imports no renderer)
)


# Front matter values the pages show as text (render/pages.render_markdown_page).
_FRONT_TEXT = ("title", "description")
_STD_TAG = "tag:yaml.org,2002:"
_FRONT_TAGS = frozenset(
    {None, "!", *(_STD_TAG + t for t in ("str", "null", "bool", "int", "float", "timestamp"))}
    | {_STD_TAG + "map", _STD_TAG + "seq"}
)


def front_matter_values(text: str, fatal_only: bool = False) -> list[tuple[str, int, int]]:
    """(message, line, col) for front matter that parses but that the build cannot use: a tag
    (`!!python/object`), nesting past the limit or a number of thousands of digits (reading
    either stopped the build with a traceback), and a title or description that is not text
    (`title: [a, b]` was published as the page's title, brackets and all; `title: yes` as True).
    Read from the parser's events, so nothing is built before it is checked. `fatal_only`: the
    first problem that stops the build, or none; front matter that does not parse passes here
    (load.front_matter_problems says where it breaks)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return []
    try:
        return _front_matter_values(m.group(1), fatal_only)
    except yaml.YAMLError:
        return []


def _front_matter_values(block: str, fatal_only: bool) -> list[tuple[str, int, int]]:
    depth, n, key, out = 0, 0, None, []
    seen: dict[str, int] = {}  # top-level key -> its line
    resolver = yaml.resolver.Resolver()
    for event in yaml.parse(block, Loader=yaml.SafeLoader):
        line, col = event.start_mark.line + 2, event.start_mark.column + 1
        tag = getattr(event, "tag", None)
        if tag not in _FRONT_TAGS:
            return [
                (
                    f"the front matter uses the tag {str(tag).replace(_STD_TAG, '!!')}, which is "
                    "not allowed: front matter is plain data; remove the tag",
                    line,
                    col,
                )
            ]
        # The value of a title or a description (no type problem is fatal).
        value = not fatal_only and key in _FRONT_TEXT and depth == 1 and n % 2 == 1
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if value:
                out.append(
                    (
                        f"'{key}' in the front matter must be text, not a list or fields; "
                        "put it in quotes if it starts with '[' or '{'",
                        line,
                        col,
                    )
                )
            n += depth == 1
            depth += 1
            if depth > LIMITS["depth"]:
                return [
                    (
                        f"the front matter nests more than {LIMITS['depth']} levels deep; "
                        "write it as 'key: value' lines (title: Our team)",
                        line,
                        col,
                    )
                ]
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent):
            kind = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            if kind == _STD_TAG + "int" and len(event.value) > 4000:  # Python reads 4,300
                return [
                    (
                        f"the front matter holds a number of {len(event.value):,} digits, too "
                        "large to read; put it in quotes if it is text",
                        line,
                        col,
                    )
                ]
            if value and kind == _STD_TAG + "bool":  # `title: yes` was published as True
                out.append(
                    (
                        f"'{key}' in the front matter reads as true/false ({event.value}), not "
                        f'text; put it in quotes: "{event.value}"',
                        line,
                        col,
                    )
                )
            if depth == 1 and n % 2 == 0:
                key = event.value
                if key in seen and not fatal_only:  # YAML keeps the last one without a word
                    out.append(
                        (
                            f"'{cut(key)}' is given twice in the front matter (first at line "
                            f"{seen[key]}); keep one",
                            line,
                            col,
                        )
                    )
                seen.setdefault(key, line)
            n += depth == 1
    return out


# markdown.hidden_by_nesting: what a body or page nested that deep would lose, and the fix.
NESTED_TOO_DEEP = (
    "lists and quotes are nested too deeply here for the site to show them: the text from this "
    "line on (to the end of the list or quote, or of the whole text) would be missing from the "
    "page; nest at most 9 lists, or 19 quotes, inside each other"
)


def page_markup(body: str) -> list[tuple[int, str]]:
    """HTML and admonitions in a hand-written page, which the site shows as typed (pages get the
    same safe Markdown as verdicts): (line in `body`, what to do), the first of each kind. An
    HTML comment is the one that matters most: an editor's private note, published."""
    if "<" not in body and "!!!" not in body:
        return []
    from markdown_it import MarkdownIt

    found: dict[str, int] = {}
    for tok in MarkdownIt("commonmark", {"html": True}).parse(body):
        line = tok.map[0] + 1 if tok.map else 1
        kinds = []
        if tok.type == "html_block":
            if tok.content.strip() == SCALE_MARKER:
                continue  # where the methodology page puts the rating scale
            kinds.append("comment" if tok.content.lstrip().startswith("<!--") else "html")
        elif tok.type == "inline":
            for child in tok.children or ():
                if child.type == "html_inline":
                    kinds.append("comment" if child.content.startswith("<!--") else "html")
            if tok.content.startswith("!!! "):
                kinds.append("admonition")
        for kind in kinds:
            found.setdefault(kind, line)
    advice = {
        "comment": "an HTML comment (<!-- ... -->) is published as visible text, so readers "
        "would read it; delete it, and keep notes for the team outside content/",
        "html": "HTML is published as typed text, not as markup: write it in Markdown",
        "admonition": "'!!!' boxes are not made on these pages, and readers would see the "
        "Markdown as typed: write a paragraph, or a '> ' quote",
    }
    return sorted((line, advice[kind]) for kind, line in found.items())


def unmade_markdown(body: str) -> list[str]:
    """What in a verdict body the site would show as typed Markdown, with how to write it instead.

    Imported here, not at the top: markdown-it loads (~70 ms) only when a body has a hint of it,
    so `factcheck validate` starts as fast as before."""
    if not _UNMADE_HINT.search(body):
        return []
    pictures = []
    if "![" in body:
        for block in _permissive_markdown().parse(body):
            pictures += [str(t.attrGet("src")) for t in block.children or () if t.type == "image"]
    links = [href for _, _, href in _unmade_links(body, False)]
    out = []
    if pictures:
        out.append(
            f"{_some('a picture', 'pictures', pictures)} not shown: the site loads no images "
            "from other servers, and readers would see a '!' before a link to it; link to it "
            "instead: [what it shows](address)"
        )
    if links:
        out.append(unmade_link_message(links, False))
    footnote = _FOOTNOTE.search(body)
    if footnote:
        out.append(
            f"footnotes ({footnote[0]}) are not supported and readers would see them as typed; "
            "cite a source with [@source-id], or say it in the text"
        )
    return out


# Variation selectors pick text or emoji style: ✔ and ✔️ are one icon to a reader.
_ICON_STYLE = re.compile("[\ufe0e\ufe0f]")


def _icon_key(icon: str) -> str:
    """A rating's icon as readers tell icons apart: its style and surrounding spaces aside."""
    return _ICON_STYLE.sub("", unicodedata.normalize("NFC", icon)).strip()


def _retracted(verdict: _Item) -> bool:
    """Whether a checked verdict has a retraction among its updates (model.Verdict.retracted)."""
    updates = _each(verdict.data.get("updates", []))
    return any(isinstance(u, dict) and u.get("type") == "retraction" for _, u in updates)


def _some(one: str, many: str, found: list[str]) -> str:
    """ "the link to 'x' is", "the links to 'x', 'y' and 'z' are", "... and 4 more are": each
    problem of a body in its one message, as far as three go."""
    names = [f"'{cut(f)}'" for f in dict.fromkeys(found)]
    if len(names) == 1:
        return f"{one} {names[0]} is"
    shown = names[:3]
    rest = len(names) - len(shown)
    listed = ", ".join(shown[:-1]) + (f", {shown[-1]}" if rest else f" and {shown[-1]}")
    return f"{many} {listed}{f' and {rest} more' if rest else ''} are"


def _original_of(claims: dict[str, Any], cid: str, steps: int = 16) -> str | None:
    """The claim a chain of translation_of ends at: `cid` itself when the chain comes back to
    where it started, None past `steps` (so a long chain costs no more than `steps` a claim)."""
    start, seen = cid, 0
    while seen < steps:
        claim = claims.get(cid)
        target = claim.data.get("translation_of") if claim is not None else None
        if not isinstance(target, str) or target not in claims:
            return cid
        cid, seen = target, seen + 1
        if cid == start:
            return start
    return None


def _same_language(a: str, b: str) -> bool:
    """Two language tags naming the same language as readers get it (case aside: `pt-br`, `pt-BR`)."""
    return a.lower() == b.lower()


def _rename_to(raw: RawFile, kind: Kind) -> str:
    """How to rename a file whose name is no id: to its slug, unless a file has that name
    already (`Jane-Doe.yaml` beside `jane-doe.yaml`), where renaming would overwrite it."""
    slug = _slug_id(raw.stem)
    if slug is None:
        return (
            "Rename the file: an id is the page's web address and is written in Latin letters, "
            "a romanised short form of it (like 'phnom-penh-rice-price.yaml')"
        )
    if raw.file is not None and _another_file(Path(raw.file), f"{slug}.yaml"):
        return (
            f"Its id would be '{slug}', but {slug}.yaml exists already: if both are the same "
            f"{kind.name}, merge them into {slug}.yaml and delete this file; else rename this "
            "file to another id"
        )
    return f"Rename the file to {slug}.yaml"


def _another_file(path: Path, name: str) -> bool:
    """Whether the folder of `path` holds another file called `name`. On macOS and Windows
    `Jane-Doe.yaml` opens as `jane-doe.yaml` too: there the file itself is not another."""
    other = path.with_name(name)
    try:
        return other.exists() and not os.path.samefile(other, path)
    except OSError:
        return False


def _slug_id(value: str) -> str | None:
    """The valid id an invalid one probably meant (`Engañoso` -> `enganoso`), if there is one."""
    slug = ascii_slug(value)
    return slug if slug and slug != value and ID_RE.match(slug) and len(slug) <= ID_MAX else None


def slug_hint(value: str) -> str:
    """How to write an invalid id: its ASCII slug, or the letter of another script that only
    looks like a Latin one (`jаne-doe` with a Cyrillic а), whose slug would be wrong."""
    lookalike = _lookalike(value)
    if lookalike is not None:
        return (
            f"; it contains '{lookalike}' ({unicodedata.name(lookalike, 'a letter')}), which "
            "only looks like a letter a-z: type it again"
        )
    slug = _slug_id(value)
    return f"; did you mean '{slug}'?" if slug else ""


def _lookalike(value: str) -> str | None:
    """The first letter of an id that has no a-z form (not an accented letter: é is e), when
    all its other characters are a-z, digits and hyphens."""
    odd = [c for c in value if not ("a" <= c <= "z" or c.isdigit() or c == "-")]
    if not odd or any(not c.isalpha() or ascii_slug(c) for c in odd):
        return None
    return odd[0]


# A well-formed BCP 47 tag (RFC 5646): language[-extlang][-script][-region](-variant)*
# (-extension)*[-x-private], or a private-use tag alone; letters in any case.
LANGUAGE_TAG = re.compile(
    r"^(?:(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"
    r"(?:-(?P<script>[a-z]{4}))?(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?|x(?:-[a-z0-9]{1,8})+)$",
    re.IGNORECASE,
)


@functools.cache
def _languages() -> dict[str, str]:
    """Language codes Unicode's CLDR knows (through Babel), with their English names."""
    from babel import Locale

    return {code: name for code, name in Locale("en").languages.items() if "_" not in code}


def language_problem(tag: str) -> str | None:
    """Why a `language` value is not a usable BCP 47 tag ('en', 'pt-BR', 'sr-Latn'), or None.

    Well-formed by RFC 5646, and its language known to CLDR: readers' browsers, screen readers and
    search engines take the page's language from it.
    """
    m = LANGUAGE_TAG.match(tag)
    language = m and m.group("language")
    if m and (language is None or language.split("-")[0].lower() in _languages()):
        canonical = canonical_case(tag)
        if canonical == tag:
            return None
        # The page's words are looked up by the tag as written: 'ES' found no Spanish catalog.
        return (
            f"{_describe(tag)} must be written '{canonical}': a language tag has its language "
            "in small letters and a region in capitals, as in 'pt-BR'"
        )
    names = {name.lower(): code for code, name in _languages().items()}
    slug = tag.replace("_", "-")
    if slug != tag and language_problem(slug) is None:
        best = slug  # en_US: Python's locale names use '_'
    else:  # a language's English name, or close to one: English, spansh
        name = closest(tag.strip().lower(), names, 0.8)
        best = names[name] if name else None
    hint = f"; did you mean '{best}'?" if best else ""
    what = "not a known language" if m else "not a language tag"
    return (
        f"{_describe(tag)} is {what}: write a BCP 47 tag, a language code with an optional "
        f"region or script, like 'en', 'pt-BR' or 'sr-Latn'{hint}"
    )


def canonical_case(tag: str) -> str:
    """A BCP 47 tag in its canonical case (RFC 5646 2.1.1): 'pt-br' -> 'pt-BR', 'SR-LATN' ->
    'sr-Latn'; subtags after a singleton ('x-...', 'u-...') stay in small letters."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    extension = len(parts[0]) == 1
    for part in parts[1:]:
        extension = extension or len(part) == 1
        if not extension and len(part) == 2 and part.isalpha():
            out.append(part.upper())
        elif not extension and len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(out)


ID_RULE = (
    "ids use lowercase letters a-z, digits and single hyphens (like 'kim-jong-un'), "
    f"at most {ID_MAX} characters"
)


_KNOWN: dict[int, dict[str, Field]] = {}


@functools.lru_cache(maxsize=2)
def _separated_lines(text: str) -> list[int] | None:
    """Where each line of a file starts, if it holds a line separator; else None. Once per file,
    not once per key: the file's text is the same object for all its keys."""
    return line_starts(text) if YAML_ONLY_BREAKS.search(text) else None


def _after_separator(raw: RawFile, path: tuple) -> str | None:
    """The line separator just before a key, if one stands there: `claim: hello<U+2028>world:
    yes` is read as two fields, `claim` and `world`, on what looks like one line."""
    starts = _separated_lines(raw.text) if raw.text else None
    if starts is None or path not in raw.key_marks:
        return None
    line, col = raw.key_marks[path]
    if line > len(starts):
        return None
    char = break_before(raw.text, starts[line - 1], col)
    return f"U+{ord(char):04X} {YAML_BREAK_NAMES[char]}" if char else None


def _known(fields: tuple[Field, ...]) -> dict[str, Field]:
    """Fields by name. Keyed by identity: the field tuples are spec.py's constants, and hashing
    them (frozen dataclasses, nested) would cost more than building the dict."""
    known = _KNOWN.get(id(fields))
    if known is None:
        known = _KNOWN[id(fields)] = {f.name: f for f in fields}
    return known


_REF_PLANS: dict[int, list[tuple[str, str, str | None, tuple[Field, ...]]]] = {}


def _ref_plan(fields: tuple[Field, ...]) -> list[tuple[str, str, str | None, tuple[Field, ...]]]:
    """The fields that name other items, worked out once per field tuple:
    (name, "id" | "ids" | "objects", kind referred to, the objects' fields)."""
    plan = _REF_PLANS.get(id(fields))
    if plan is None:
        plan = []
        for f in fields:
            if f.type == "id" and f.ref:
                plan.append((f.name, "id", f.ref, ()))
            elif f.type == "list" and f.items and f.items.type == "id" and f.items.ref:
                plan.append((f.name, "ids", f.items.ref, ()))
            elif (
                f.type == "list"
                and f.items
                and f.items.type == "object"
                and _ref_plan(f.items.fields)
            ):
                plan.append((f.name, "objects", None, f.items.fields))
        _REF_PLANS[id(fields)] = plan
    return plan


def _each(values: list) -> list[tuple[int, Any]]:
    """(position, value) of the items of a checked list that passed their checks."""
    return [(i, v) for i, v in enumerate(values) if v is not _BAD]


def _raw_at(raw: RawFile, path: tuple) -> Any:
    value = raw.data
    for p in path:
        value = value[p]
    return value


def _taken(kind: Kind) -> str:
    """Why an id of RESERVED_IDS cannot name a page of this kind."""
    return f"its page would take the address of the list of {kind.section} (/{kind.section}/)"


PAGE_RULE = "use lowercase letters a-z, digits and single hyphens (like 'how-we-work')"


def page_name_problem(rel: str) -> str | None:
    """Why a hand-written page (pages/<name>.md) cannot be published under its name, if it cannot.

    Its name is its address. pages/<section>.md is the introduction of a generated list page, but
    nothing may go inside a section, and the build's own folders would lose the page.
    """
    parts = rel[len("pages/") : -len(".md")].split("/")
    for i, part in enumerate(parts):
        if not ID_RE.match(part):
            what = "file" if i == len(parts) - 1 else "folder"
            return (
                f"the name '{part}' cannot be part of a page's address: {PAGE_RULE}; "
                f"rename the {what}"
            )
    top = parts[0]
    if top in BUILD_FOLDERS:
        return (
            f"the name '{top}' cannot be used: the build writes its own files to /{top}/, so this "
            "page would be lost; rename it"
        )
    if top in SECTIONS and len(parts) > 1:
        return (
            f"'{top}' is a generated section (/{top}/), so no hand-written page can go inside it: "
            f"move this file out of pages/{top}/ (pages/{top}.md, if there is one, is the "
            "introduction of its list page)"
        )
    if top == LANGUAGES_FOLDER and len(parts) > 1:
        return (
            f"'{top}' is where a site with fact checks in several languages lists each language "
            f"(/{top}/es/...), so no hand-written page can go inside it: move this file out of "
            f"pages/{top}/"
        )
    return None


_BLANK = " \t\r\n\u00a0\u200b\u2028\u2029\u3000\ufeff"


def _blank_page(rel: str, text: str, body: str, front: dict) -> tuple[int, str] | None:
    """The line and the advice for a hand-written page with no text: the build publishes it as
    a page with nothing on it but a title (from its front matter, else its file name). The
    introduction of a section's list page may be front matter alone (a title for the list)."""
    if body.strip(_BLANK):
        return None
    address = page_address(rel)
    if not text.strip(_BLANK):
        return (
            1,
            f"the page is empty, so the site would publish a blank page at /{address} with only "
            "a title made from its file name; write its text, starting with a '# Title' line, "
            "or delete the file",
        )
    if front and address.rstrip("/") in SECTIONS:
        return None
    closing = text[: len(text) - len(body)].rstrip("\r\n").count("\n") + 1
    return (
        closing,
        f"the page has no text after its front matter, so the site would publish a page at "
        f"/{address} with nothing on it but its title; write its text below the closing '---', "
        "or delete the file",
    )


def page_address(rel: str) -> str:
    """pages/about.md and pages/about/index.md -> "about/"; pages/index.md -> "" (the home page)."""
    parts = rel[len("pages/") : -len(".md")].split("/")
    if parts[-1] == "index":
        parts = parts[:-1]
    return "".join(f"{p}/" for p in parts)


def _article(what: str) -> str:
    return f"an {what}" if what[0] in "aeiou" else f"a {what}"


def _where(kind: str, value: str, add: bool = False) -> str:
    """Where an item of a kind would be: 'people/x.yaml not found' or 'not in ratings.yaml'."""
    k = KINDS[kind]
    if k.folder:
        return f"{k.folder}/{value}.yaml" if add else f"{k.folder}/{value}.yaml not found"
    return f"it to {k.list_file}" if add else f"not in {k.list_file}"


def _line_of_block(raw: RawFile, path: tuple, line_in_value: int) -> tuple[int, int]:
    """Where the n-th line of a text value stands in the file: exact in a `|` block, whose lines
    are the file's; else the value's own start (a quoted or folded text moves its lines)."""
    line, col = raw.at(path)
    lines = raw.text.split("\n", line + line_in_value)
    if line and lines[line - 1][col - 1 : col] == "|" and line + line_in_value <= len(lines):
        there = lines[line + line_in_value - 1]
        return line + line_in_value, len(there) - len(there.lstrip(" ")) + 1
    return line, col


def _places(
    raw: RawFile, path: tuple, value: str, pattern: re.Pattern, wanted: list[re.Match]
) -> list[tuple[int, int]]:
    """Line and column in the file of each wanted match of `pattern` (`[@id]`, `[[id]]`) in a text
    value, in order.

    The tokens hold no spaces, so they stand in the file exactly as in the value, whatever the
    style (plain, quoted, `|` or `>` block): the n-th match in the value is the n-th in the file
    after the value's start. One pass over both, so 60,000 bad citations cost no more than reading
    the body once; where the two disagree (an escape inside a token), the value's own position.
    """
    line, col = raw.at(path)
    text = raw.text
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            break
    in_file = pattern.finditer(text, start + col - 1) if start or line == 1 else iter(())
    found: list[int | None] = []  # offset in the file of each wanted match, if it was found
    todo = iter(wanted)
    want = next(todo, None)
    for m in pattern.finditer(value):
        if want is None:
            break
        f = next(in_file, None)
        if f is None or f.group() != m.group():
            in_file, f = iter(()), None
        if m.start() == want.start():
            found.append(None if f is None else f.start())
            want = next(todo, None)
    places = iter(line_cols(text, [pos for pos in found if pos is not None]))
    return [(line, col) if pos is None else next(places) for pos in found]


def _build(ch: _Checker, memo: dict[int, tuple[Any, Any]] | None = None) -> model.Content:
    """The model from checked values. Only called when there were no errors.

    `memo` (a CheckCache's) keeps each claim's and verdict's model object with the checked item it
    was made from; an item kept from an unchanged file gives back the same object.
    """
    before = dict(memo) if memo is not None else {}
    if memo is not None:
        memo.clear()

    def reuse(it: Any, make: Callable[[], Any]) -> Any:
        hit = before.get(id(it))
        made = hit[1] if hit is not None and hit[0] is it else make()
        if memo is not None:
            memo[id(it)] = (it, made)
        return made

    ratings = {}
    for order, it in enumerate(ch.items["rating"]):
        d = it.data
        ratings[it.id] = model.Rating(
            id=it.id,
            label=d["label"],
            description=d["description"],
            value=d.get("value"),
            color=d.get("color"),
            icon=d.get("icon"),
            order=order,
        )
    topics = {
        it.id: model.Topic(id=it.id, label=it.data["label"], description=it.data.get("description"))
        for it in sorted(ch.items["topic"], key=lambda i: i.id)
    }
    people = {
        it.id: model.Person(
            id=it.id,
            name=it.data["name"],
            kind=it.data["kind"],
            description=it.data.get("description"),
            same_as=tuple(it.data.get("same_as", ())),
            language=it.data.get("language"),
        )
        for it in sorted(ch.items["person"], key=lambda i: i.id)
    }
    documents = {}
    for it in sorted(ch.items["document"], key=lambda i: i.id):
        d = it.data
        text = ch.document_text(it)
        documents[it.id] = model.Document(
            id=it.id,
            title=d["title"],
            kind=d["kind"],
            date=d["date"],
            publisher=d.get("publisher"),
            author=d.get("author"),
            url=d.get("url"),
            archive_url=d.get("archive_url"),
            part_of=d.get("part_of"),
            description=d.get("description"),
            text=strip_controls(text) if text is not None else None,
            language=d.get("language"),
            source_path=it.raw.rel,
        )
    claims = {}
    for it in sorted(ch.items["claim"], key=lambda i: i.id):
        claims[it.id] = reuse(it, functools.partial(_claim, it))
    verdicts = {}
    for it in sorted(ch.items["verdict"], key=lambda i: i.data["claim"]):
        verdicts[it.data["claim"]] = reuse(it, functools.partial(_verdict, it))
    pages = {rel: strip_controls(text) for rel, text in sorted(ch.loaded.pages.items())}
    return model.Content(
        ratings=ratings,
        topics=topics,
        people=people,
        documents=documents,
        claims=claims,
        verdicts=verdicts,
        pages=pages,
    )


def _claim(it: Any) -> model.Claim:
    d = it.data
    return model.Claim(
        id=it.id,
        claim=d["claim"],
        claimant=d["claimant"],
        date=d["date"],
        appearances=tuple(model.Appearance(**a) for a in d["appearances"]),
        title=d.get("title"),
        topics=tuple(d.get("topics", ())),
        related=tuple(d.get("related", ())),
        language=d.get("language"),
        source_path=it.raw.rel,
        date_estimated=bool(d.get("date_estimated")),
        translation_of=d.get("translation_of"),
    )


def _verdict(it: Any) -> model.Verdict:
    d = it.data
    return model.Verdict(
        claim=d["claim"],
        rating=d["rating"],
        summary=d["summary"],
        body=d["body"],
        sources=tuple(model.Source(**s) for s in d["sources"]),
        authors=tuple(d["authors"]),
        published=d["published"],
        reviewers=tuple(d.get("reviewers", ())),
        updates=tuple(model.Update(**u) for u in d.get("updates", ())),
        source_path=it.raw.rel,
    )


def check(
    loaded: Loaded,
    checked: list[_Checked] | None = None,
    memo: dict[int, tuple[Any, Any]] | None = None,
    today: dt.date | None = None,
    site_language: str | None = None,
) -> Report:
    """Check a loaded tree. The report carries the model only when there is no error.

    `checked` holds the per-file results when the files were parsed and checked elsewhere (by
    `validate` in worker processes); loaded.files then already lists those files.
    """
    ch = _Checker(loaded, today, site_language)
    if checked is None:
        ch.run()
    else:
        for items, problems in checked:
            for it in items:
                ch.items[it.raw.kind.name].append(it)
            ch.problems.extend(problems)
        ch.run(files_checked=True)
    from .similar import duplicate_problems  # claims whose text is nearly the same (warnings)

    ch.problems += duplicate_problems(ch.items["claim"])
    ch.problems += redirect_problems(loaded, set(ch.ids("claim")))
    from .unedited import starter_problems  # starter text from `factcheck init` (warnings)

    ch.problems += starter_problems(loaded)
    problems = sorted(set(ch.problems), key=_sort_key)
    # Files read of each kind (broken ones too: they are part of the tree), items of the list files.
    counts = {k: len(ch.items[k]) for k in KINDS}
    files = Counter(raw.kind.name for raw in loaded.files)
    counts.update({k.name: files[k.name] for k in KINDS.values() if k.folder})
    builder = None if has_errors(problems) else functools.partial(_build, ch, memo)
    return Report(problems=problems, counts=counts, _builder=builder)


def _sort_key(p: Problem):
    return (p.path, p.line, p.col, p.severity, p.message)


# (items found in one file, that file's own problems), for files checked in a worker.
_Checked = tuple[list[_Item], list[Problem]]
# Below this many YAML files, starting a second process costs more than it saves.
PARALLEL_FILES = 3000


def _check_jobs(
    jobs: list[tuple[int, Job]], light: bool = True, today: dt.date | None = None
) -> list[tuple[int, RawFile, _Checked]]:
    """Parse and check files on their own (no other file needed): what a worker process does."""
    out = []
    ch = _Checker(Loaded(root=Path(".")), today)
    for index, job in jobs:
        raw, problems = load_job(job)
        ch.problems = problems
        ch.items.clear()
        ch.check_file(raw)
        items = [it for kind_items in ch.items.values() for it in kind_items]
        if light:
            raw.lighten()  # positions are read again only if a later problem needs them
        out.append((index, raw, (items, ch.problems)))
    return out


def _workers(jobs: int | None, files: int) -> int:
    if jobs is not None:
        return max(1, jobs)
    if files < PARALLEL_FILES:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4, files // (PARALLEL_FILES // 2)))


class CheckCache:
    """Each YAML file's own check, kept between reads of the same tree (a preview re-reads it on
    every save): a file is parsed and checked again only when its size or modification time
    changed. The checks across files run every time."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[tuple[int, int], RawFile, _Checked]] = {}
        self._stamps: dict[str, tuple[int, int]] = {}
        self.models: dict[int, tuple[Any, Any]] = {}  # see _build
        self.texts: TextCache = {}  # see load.scan_tree

    def split(self, numbered: list[tuple[int, Job]]) -> tuple[list, list[tuple[int, Job]]]:
        """(results known from before, files to check)."""
        known, todo = [], []
        self._stamps = {}
        for index, job in numbered:
            # Stamped before reading: a save during the read shows as a change next time.
            stamp = self._stamps[job[0]] = file_stamp(job[0])
            hit = self._files.get(job[0])
            if hit is not None and hit[0] == stamp:
                known.append((index, hit[1], hit[2]))
            else:
                todo.append((index, job))
        return known, todo

    def keep(self, numbered: list[tuple[int, Job]], results: list) -> None:
        paths = {index: job[0] for index, job in numbered}
        self._files = {
            paths[index]: (self._stamps[paths[index]], raw, checked)
            for index, raw, checked in results
        }


def validate(
    root: Path,
    display_prefix: str | None = None,
    jobs: int | None = None,
    cache: CheckCache | None = None,
    today: dt.date | None = None,
    site_language: str | None = None,
) -> Report:
    """Read and check a whole content tree (dates against `today`, by default the clock's).

    `site_language` is the language of claims that give none (theme.language), when known.

    Large trees are parsed in `jobs` processes (default: one per core, up to 4, for trees of
    3,000 YAML files or more); the report is the same whatever the number. With a `cache`, files
    unchanged since the last read with it are not parsed again.
    """
    collecting = gc.isenabled()
    gc.disable()  # only new, acyclic containers are made here; collecting as they pile up costs ~20%
    today = today or dt.date.today()
    try:
        texts = cache.texts if cache is not None else None
        loaded, every = scan_tree(Path(root), display_prefix, texts)
        all_numbered = list(enumerate(every))
        known, numbered = cache.split(all_numbered) if cache is not None else ([], all_numbered)
        n = _workers(jobs, len(numbered))
        results = None
        if n > 1:
            try:
                results = _check_parallel(numbered, n, today)
            except (OSError, RuntimeError, BrokenProcessPool):  # no processes here: do it in one
                results = None
        if results is None:
            results = _check_jobs(numbered, light=False, today=today)
        results += known
        results.sort(key=lambda r: r[0])
        if cache is not None:
            cache.keep(all_numbered, results)
        loaded.files = [raw for _, raw, _ in results]
        memo = cache.models if cache is not None else None
        return check(loaded, [c for _, _, c in results], memo, today, site_language)
    finally:
        if collecting:
            gc.enable()


def _check_parallel(numbered: list[tuple[int, Job]], n: int, today: dt.date) -> list:
    """Share the files among n processes (this one included), interleaved so the loads even out."""
    chunks = [numbered[k::n] for k in range(n)]
    # Forking is the cheapest start (nothing to import again), but is unsafe in a process that
    # runs other threads (`mkdocs serve`): use a fresh server process then.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and can_fork():
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(n - 1, mp_context=context) as pool:
        futures = [pool.submit(_check_jobs, chunk, True, today) for chunk in chunks[1:]]
        results = _check_jobs(chunks[0], light=False, today=today)
        for f in futures:
            results += f.result()
    return results


def read_content(
    root: Path, cache: CheckCache | None = None, site_language: str | None = None
) -> tuple[model.Content | None, list[Problem]]:
    """The content model (None when there are errors) and every problem found."""
    report = validate(root, cache=cache, site_language=site_language)
    return report.content, report.problems


__all__ = [
    "CheckCache",
    "Report",
    "check",
    "closest",
    "did_you_mean",
    "normalise_quote",
    "read_content",
    "strip_controls",
    "validate",
]
