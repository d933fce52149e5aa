"""How messages show values and suggest fixes: long values cut, close names, ASCII slugs of ids,
invisible control characters removed. Shared by the validator and the redirect checks."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection

# C0 and C1 controls other than tab and newline, plus DEL: invisible, often pasted, forbidden in HTML.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    return CONTROL.sub("", text)


def cut(text: str, limit: int = 60) -> str:
    """A value as a message echoes it: its first 60 characters, so a 50,000-character id or key
    gives a readable line, not 50 KB of it in each error."""
    return f"{text[:limit]}…" if len(text) > limit else text


def closest(word: str, options, cutoff: float = 0.6) -> str | None:
    match = difflib.get_close_matches(word, sorted(options), n=1, cutoff=cutoff)
    return match[0] if match else None


# Above this many options (claim ids may be 10,000) only a close match is suggested: among so
# many, a loose one is more likely chance than a typo, and difflib takes 40 ms, not 200.
MANY_OPTIONS = 1000


def did_you_mean(word: str, options: Collection[str]) -> str:
    """The end of a message about an unknown name: "; did you mean 'x'?", or "" if none is close.

    An id written in another script's letters or capitals (`Engañoso`) first gets its ASCII slug
    (`enganoso`) when that exists: difflib would rank it below a shorter near-miss.
    """
    word = str(word)
    slug = ascii_slug(word)
    best = slug if slug != word and slug in options else None
    if best is None:
        best = closest(word, options, 0.8 if len(options) > MANY_OPTIONS else 0.6)
    return f"; did you mean '{best}'?" if best else ""


def ascii_slug(text: str) -> str:
    """An id made of a name: accents dropped (NFKD), digits of any script as 0-9 (claim-២០២៥ is
    claim-2025, not claim), lowercase, anything else a single hyphen."""
    plain = "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() else c
        for c in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(c)
    )
    return _NOT_ID_CHARS.sub("-", plain.lower()).strip("-")


_NOT_ID_CHARS = re.compile(r"[^a-z0-9]+")


# Typographic quotes read as straight ones when a quote is matched against a document's text.
QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


def normalise_quote(text: str) -> str:
    """What a quote is matched by: whitespace runs, typographic quotes and a letter's composed or
    decomposed form (é, or e and a combining accent, as text copied from a PDF or on a Mac has it)
    are ignored."""
    return " ".join(unicodedata.normalize("NFC", text.translate(QUOTE_MARKS)).split())
