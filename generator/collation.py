"""Alphabetical order as readers of a language expect it, for the lists of names on index pages.

Code point order puts every accented capital after Z (`Ángel` after `Zoe`) and Ukrainian Є, І, Ї,
Ґ after Я. The Unicode Collation Algorithm (pyuca, with the Unicode 10 DUCET table) orders letters
for all languages at once; Python's `locale` module would depend on system locales that are often
not installed. Many languages treat as letters of their own what DUCET sorts as an accented
letter: `TAILORINGS` adds those from CLDR's collation for the language (`&N<ñ<<<Ñ` in Spanish,
Turkish ı before i and its capital I, Polish ł, Norwegian æ ø å after z, Czech ch after h).
DUCET puts Latin before every other script; CLDR's collation for a language written in another
script puts that script first (`[reorder Arab]`): `REORDER` does the same, so an Arabic site lists
أحمد before "Open Fact Desk", as a Ukrainian one lists Андрій before it. A script subtag
counts: a site in `sr-Latn` sorts as Croatian does, with no Cyrillic first, and one in `pa-Arab`
puts Arabic letters first. (Chinese characters stay in DUCET's order, by radical and stroke:
CLDR's pinyin and stroke orders need data pyuca does not have.)

Loading DUCET takes about a quarter of a second, so a collator is made the first time a list is
sorted, once per process and tailoring, not when the package is imported.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

from pyuca.collator import Collator_10_0_0

# Language -> its letters DUCET sorts elsewhere, from CLDR's standard collation of the language:
# each rule is (anchor, group, group...), the groups put right after the anchor letter, in order
# (`&N<ñ` in Spanish); an anchor "<i" puts them right before i instead (`&[before 1]i<ı` in
# Turkish), and "=I" gives them DUCET's weights of I (Turkish İ is a capital i). A group's
# letters, separated by spaces, share one place, the later ones after the earlier only when the
# rest of the names is alike (Norwegian å and aa). A letter may be two (Czech ch, Croatian lj).
# Each letter's capitals (Ñ, and Dž and DŽ) come with it. A tag with a script subtag has its own
# entry when its rules differ ("sr-Latn": Serbian in Latin letters sorts as Croatian does).
_CROATIAN = (
    ("c", "č", "ć"),
    ("d", "dž", "đ"),
    ("l", "lj"),
    ("n", "nj"),
    ("s", "š"),
    ("z", "ž"),
)
_TURKISH = (
    ("c", "ç"),
    ("g", "ğ"),
    ("<i", "ı"),
    ("=I", "İ"),
    ("o", "ö"),
    ("s", "ş"),
    ("u", "ü"),
)
_DANISH = (("z", "æ ä", "ø ö ő", "å aa"),)
TAILORINGS: dict[str, tuple[tuple[str, ...], ...]] = {
    "az": (*_TURKISH, ("e", "ə"), ("h", "x"), ("k", "q")),
    "bs": _CROATIAN,
    "cs": (("c", "č"), ("h", "ch"), ("r", "ř"), ("s", "š"), ("z", "ž")),
    "da": _DANISH,
    "es": (("n", "ñ"),),
    "fi": (("z", "å", "ä æ", "ö ø ő œ"),),
    "hr": _CROATIAN,
    "nb": _DANISH,
    "nn": _DANISH,
    "no": _DANISH,
    "pl": (
        ("a", "ą"),
        ("c", "ć"),
        ("e", "ę"),
        ("l", "ł"),
        ("n", "ń"),
        ("o", "ó"),
        ("s", "ś"),
        ("z", "ź", "ż"),
    ),
    "ro": (("a", "ă", "â"), ("i", "î"), ("s", "ș ş"), ("t", "ț ţ")),
    "sk": (("a", "ä"), ("c", "č"), ("h", "ch"), ("o", "ô"), ("r", "ř"), ("s", "š"), ("z", "ž")),
    "sr-Latn": _CROATIAN,
    "sv": (("z", "å", "ä æ ę", "ö ø ő œ ô"),),
    "tr": _TURKISH,
    "uk": (("г", "ґ"), ("і", "ї")),
}


# Language (primary subtag) -> the scripts CLDR's collation of it sorts first, in its order.
REORDER: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("ar", "fa", "ps", "ur"), ("Arab",)),
    **dict.fromkeys(("be", "bg", "mk", "ru", "sr", "uk"), ("Cyrl",)),
    **dict.fromkeys(("hi", "mr", "ne"), ("Deva",)),
    **dict.fromkeys(("am", "ti"), ("Ethi",)),
    **dict.fromkeys(("bo", "dz"), ("Tibt",)),
    "el": ("Grek",),
    "he": ("Hebr",),
    "yi": ("Hebr",),
    "km": ("Khmr",),
    "ko": ("Hang", "Hani"),
    "lo": ("Laoo",),
    "my": ("Mymr",),
    "ta": ("Taml",),
    "th": ("Thai",),
    "zh": ("Hani",),
}
# A script's letters in DUCET: the primary weights from its first letter's to its last's.
SCRIPTS = {
    "Arab": ("ء", "ݻ"),
    "Cyrl": ("а", "ӏ"),
    "Deva": ("ॐ", "ꣻ"),
    "Ethi": ("ሀ", "ⷞ"),
    "Grek": ("α", "ϸ"),
    "Hang": ("ᄀ", "ퟻ"),  # Hangul syllables are compared as their letters (NFD)
    "Hebr": ("א", "ת"),
    "Khmr": ("ក", "\u17d2"),  # the coeng, which DUCET weighs after every Khmer letter
    "Laoo": ("ໞ", "ໄ"),  # the vowels written first weigh last: DUCET reads ເກ as ກ then ເ
    "Mymr": ("က", "ꩶ"),
    "Taml": ("ௐ", "\u0bd7"),  # the au length mark
    "Thai": ("ก", "ๅ"),
    "Tibt": ("ཀ", "\u0f84"),  # the halanta
}
HAN = (0xFB40, 0xFBBF)  # Chinese characters have computed weights: these first ones (UCA 10.3.1)


# Script subtags whose letters come first as this one's do (Chinese characters: Hani).
_SCRIPT_ALIASES = {"Hans": "Hani", "Hant": "Hani", "Kore": "Hang"}


def _tailoring(language: str | None) -> str:
    """The key of the collator a language uses (a key of TAILORINGS or REORDER, or a language and
    script, `sr-Latn`, `pa-Arab`), else "" (DUCET).

    A script subtag counts: Serbian in Latin letters (`sr-Latn`) puts no Cyrillic first."""
    parts = (language or "").replace("_", "-").split("-")
    primary = parts[0].lower()
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    if script:
        own = REORDER.get(primary, ("Latn",))[0]
        if _SCRIPT_ALIASES.get(script, script) != own:  # not the script it is written in by default
            key = f"{primary}-{script}"
            return key if key in TAILORINGS or _scripts(key) else ""
    return primary if primary in TAILORINGS or primary in REORDER else ""


def _scripts(key: str) -> tuple[str, ...]:
    """The scripts the collator of `key` puts first: the language's (REORDER), or the one its
    script subtag names."""
    if key in REORDER:
        return REORDER[key]
    script = key.partition("-")[2]
    script = _SCRIPT_ALIASES.get(script, script)
    return (script,) if script in SCRIPTS or script == "Hani" else ()


class _Collator(Collator_10_0_0):
    """pyuca's collator, with a way to move the computed weights of Chinese characters."""

    han: Callable[[float], float] | None = None

    def implicit_weight(self, cp: int) -> list:
        weights = super().implicit_weight(cp)
        if self.han is not None and HAN[0] <= weights[0][0] <= HAN[1]:
            weights[0][0] = self.han(weights[0][0])  # the second weight orders within the first
        return weights


def _reorder(made: _Collator, scripts: tuple[str, ...]) -> None:
    """Move the primary weights of `scripts` between the digits and Latin, in their order.

    Each script's range of weights is mapped, in order, onto its own part of the gap between the
    weight of "a" and the one before it (fractions, as for a tailored letter).
    """
    first = made.collation_elements("a")[0][0]
    moves: list[tuple[float, float, Callable[[float], float]]] = []
    for i, script in enumerate(scripts):
        if script == "Hani":
            low, high = HAN
        else:
            low, high = (made.collation_elements(ch)[0][0] for ch in SCRIPTS[script])

        def move(p: float, i: int = i, low: float = low, high: float = high) -> float:
            return first - 1 + (i + (p - low + 1) / (high - low + 2)) / len(scripts)

        if script == "Hani":
            made.han = move
        else:
            moves.append((low, high, move))
    stack = [made.table.root]
    while stack:
        node = stack.pop()
        if node.value:
            node.value = [
                next(([m(e[0]), *e[1:]] for low, high, m in moves if low <= e[0] <= high), e)
                for e in node.value
            ]
        if node.children:
            stack.extend(node.children.values())


@functools.lru_cache(maxsize=8)
def collator(tailoring: str = "") -> Collator_10_0_0:
    """DUCET, with the letters of `tailoring` (a key of TAILORINGS) put where the language sorts
    them, and the scripts of the language (REORDER) before the others.

    A tailored letter gets a fraction more than its anchor's primary weight: after every word that
    goes on with the anchor, before the next letter of the alphabet (keys compare as tuples of
    numbers, so a weight between two others needs no renumbering of the table).
    """
    made = _Collator()
    added = []  # every anchor's weights read before any is changed (Turkish I is both)
    for anchor, *groups in TAILORINGS.get(tailoring, ()):
        for place, group in enumerate(groups, 1):
            for extra, letter in enumerate(group.split()):
                for new, base in _cases(letter, anchor.lstrip("<=")):
                    primary, secondary, tertiary = _weights(made, base)
                    if anchor.startswith("<"):
                        primary += place / (len(groups) + 1) - 1
                    elif not anchor.startswith("="):
                        primary += place / (len(groups) + 1)
                    key = [ord(c) for c in unicodedata.normalize("NFD", new)]
                    added.append((key, [[primary, secondary, tertiary + extra]]))
    for key, elements in added:
        made.table.add(key, elements)
    scripts = _scripts(tailoring)
    if scripts:
        _reorder(made, scripts)
    return made


def _cases(letter: str, anchor: str) -> list[tuple[str, str]]:
    """A tailored letter and its capitals (ı I, dž Dž DŽ), each with its anchor in the same case."""
    if anchor.isupper():  # a letter given as a capital (Turkish İ) stands alone
        return [(letter, anchor)]
    out = {letter: anchor, letter.upper(): anchor.upper(), letter.title(): anchor.upper()}
    return list(out.items())


def _weights(made: Collator_10_0_0, letter: str) -> list:
    elements = made.collation_elements(unicodedata.normalize("NFD", letter))
    if len(elements) != 1:
        raise ValueError(f"{letter!r} is not one collation element")
    return list(elements[0][:3])


def sort_key(text: str, language: str | None = None) -> tuple:
    """The key that sorts `text` alphabetically in `language` (its CLDR tailoring, else DUCET).

    Total and the same on every machine: texts that collate alike (`Ana` typed with a combining
    accent or a precomposed one) fall back to the text itself.
    """
    made = collator(_tailoring(language))
    decomposed = unicodedata.normalize("NFD", text)
    key = _simple_key(made, decomposed)
    return (made.sort_key(text) if key is None else key, text)


def _simple_key(made: Collator_10_0_0, decomposed: str) -> tuple | None:
    """pyuca's key, made without its general loop when no character of the text starts a
    contraction or needs an implicit weight (nearly every name): 125 µs -> about 10 µs for a
    source's title, which matters with a hundred thousand of them. None: use pyuca's."""
    # Per collator (kept on it: an id() could be reused once the cache let a collator go):
    # character -> its collation elements, for characters that start no contraction.
    known = made.__dict__.setdefault("simple_elements", {})
    nodes = made.table.root.children
    elements: list = []
    last = len(decomposed) - 1
    for i, ch in enumerate(decomposed):
        found = known.get(ch)
        if found is None:
            node = nodes.get(ord(ch))
            if node is None or not node.value:
                return None
            if node.children is not None:  # starts a contraction (l·): unless none follows
                after = decomposed[i + 1] if i < last else ""
                if after and (ord(after) in node.children or unicodedata.combining(after)):
                    return None
                elements.extend(node.value)
                continue
            found = known[ch] = node.value
        elements.extend(found)
    # The levels in pyuca's order, each after a 0, zero weights left out (sort_key_from_...).
    return tuple(
        [e[0] for e in elements if e[0]]
        + [0]
        + [e[1] for e in elements if e[1]]
        + [0]
        + [e[2] for e in elements if e[2]]
        + [0]
    )
