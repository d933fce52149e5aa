"""Sentence punctuation in any script, where a title meets the text around it: a claim's short
title that ends in a full stop, followed by ": note", "; " or "." in a page, doubled the mark."""

from __future__ import annotations

import re
import unicodedata

SENTENCE_TERMINALS = (  # Unicode 14 Sentence_Terminal (PropList.txt), as a character class
    "\u0021\u002e\u003f\u0589\u061d-\u061f\u06d4\u0700-\u0702\u07f9\u0837\u0839"
    "\u083d-\u083e\u0964-\u0965\u104a-\u104b\u1362\u1367-\u1368\u166e\u1735-\u1736"
    "\u1803\u1809\u1944-\u1945\u1aa8-\u1aab\u1b5a-\u1b5b\u1b5e-\u1b5f\u1b7d-\u1b7e"
    "\u1c3b-\u1c3c\u1c7e-\u1c7f\u203c-\u203d\u2047-\u2049\u2e2e\u2e3c\u2e53-\u2e54"
    "\u3002\ua4ff\ua60e-\ua60f\ua6f3\ua6f7\ua876-\ua877\ua8ce-\ua8cf\ua92f"
    "\ua9c8-\ua9c9\uaa5d-\uaa5f\uaaf0-\uaaf1\uabeb\ufe52\ufe56-\ufe57\uff01\uff0e"
    "\uff1f\uff61\U00010a56-\U00010a57\U00010f55-\U00010f59\U00010f86-\U00010f89"
    "\U00011047-\U00011048\U000110be-\U000110c1\U00011141-\U00011143"
    "\U000111c5-\U000111c6\U000111cd\U000111de-\U000111df\U00011238-\U00011239"
    "\U0001123b-\U0001123c\U000112a9\U0001144b-\U0001144c\U000115c2-\U000115c3"
    "\U000115c9-\U000115d7\U00011641-\U00011642\U0001173c-\U0001173e\U00011944"
    "\U00011946\U00011a42-\U00011a43\U00011a9b-\U00011a9c\U00011c41-\U00011c42"
    "\U00011ef7-\U00011ef8\U00016a6e-\U00016a6f\U00016af5\U00016b37-\U00016b38"
    "\U00016b44\U00016e98\U0001bc9f\U0001da88"
)
_TONES = ("QUESTION", "EXCLAMATION", "INTERROBANG")  # in the Unicode names of marks that stay
_END_STOP = re.compile(f"(?<![{SENTENCE_TERMINALS}])[{SENTENCE_TERMINALS}]$")


def without_end_stop(title: str) -> str:
    """`title` without the one full stop ending it, for where a mark follows it ("It rained.: note",
    "It rained.; It snowed" doubled it). A stop in any script goes (Unicode's sentence terminals:
    . 。 । ۔ ...); a question or exclamation mark stays, as it says something, and so does an
    ellipsis."""
    m = _END_STOP.search(title)
    if m is None or any(word in unicodedata.name(m.group(), "") for word in _TONES):
        return title
    return title[: m.start()].rstrip() or title


def starts_with_mark(text: str) -> bool:
    """Whether `text` begins with a mark a title's full stop gives way to: a sentence terminal, a
    comma, colon or semicolon, in any script (، ؛ ， ： ...)."""
    first = text[:1]
    if not first:
        return False
    if _END_STOP.match(first):
        return True
    name = unicodedata.name(first, "")
    return unicodedata.category(first) == "Po" and name.endswith(("COMMA", "COLON"))
