"""Alphabetical order as readers of a language expect it, for the lists of names on index pages.

Code point order puts every accented capital after Z (`Ángel` after `Zoe`) and Ukrainian Є, І, Ї,
Ґ after Я. The Unicode Collation Algorithm (pyuca, with the Unicode 10 DUCET table) orders letters
for all languages at once; Python's `locale` module would depend on system locales that are often
not installed. A few languages treat as letters of their own what DUCET sorts as an accented
letter: `TAILORINGS` adds those from CLDR's collation for the language (`&N<ñ<<<Ñ` in Spanish).
DUCET puts Latin before every other script; CLDR's collation for a language written in another
script puts that script first (`[reorder Arab]`): `REORDER` does the same, so an Arabic site lists
أحمد before "Open Fact Desk", as a Ukrainian one lists Андрій before it.

Loading DUCET takes about a quarter of a second, so a collator is made the first time a list is
sorted, once per process and tailoring, not when the package is imported.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

from pyuca.collator import Collator_10_0_0

# Language (primary subtag) -> (letter, the letter it comes right after), from CLDR's standard
# collation of that language: what DUCET alone gets wrong for names written in it.
TAILORINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "es": (("ñ", "n"),),
    "uk": (("ґ", "г"), ("ї", "і")),
}


# Language (primary subtag) -> the scripts CLDR's collation of it sorts first, in its order.
REORDER: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("ar", "fa", "ps", "ur"), ("Arab",)),
    **dict.fromkeys(("be", "bg", "mk", "ru", "sr", "uk"), ("Cyrl",)),
    **dict.fromkeys(("hi", "mr", "ne"), ("Deva",)),
    "el": ("Grek",),
    "he": ("Hebr",),
    "yi": ("Hebr",),
    "ko": ("Hang", "Hani"),
    "th": ("Thai",),
    "zh": ("Hani",),
}
# A script's letters in DUCET: the primary weights from its first letter's to its last's.
SCRIPTS = {
    "Arab": ("ء", "ݻ"),
    "Cyrl": ("а", "ӏ"),
    "Deva": ("ॐ", "ꣻ"),
    "Grek": ("α", "ϸ"),
    "Hang": ("ᄀ", "ퟻ"),  # Hangul syllables are compared as their letters (NFD)
    "Hebr": ("א", "ת"),
    "Thai": ("ก", "ๅ"),
}
HAN = (0xFB40, 0xFBBF)  # Chinese characters have computed weights: these first ones (UCA 10.3.1)


def _tailoring(language: str | None) -> str:
    """The key of the collator a language uses: its subtag when tailored, else "" (DUCET)."""
    tag = (language or "").replace("_", "-").split("-")[0].lower()
    return tag if tag in TAILORINGS or tag in REORDER else ""


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
    """DUCET, with the letters of `tailoring` (a key of TAILORINGS) put after the ones they follow,
    and the scripts of the language (REORDER) before the others.

    A tailored letter gets its base letter's primary weight plus a half: after every word that
    goes on with the base letter, before the next letter of the alphabet (keys compare as tuples
    of numbers, so a float between two weights needs no renumbering of the table).
    """
    made = _Collator()
    for letter, after in TAILORINGS.get(tailoring, ()):
        for new, base in ((letter, after), (letter.upper(), after.upper())):
            elements = made.collation_elements(unicodedata.normalize("NFD", base))
            if len(elements) != 1:
                raise ValueError(f"{base!r} is not one collation element")
            primary, secondary, tertiary = elements[0][:3]
            key = [ord(c) for c in unicodedata.normalize("NFD", new)]
            made.table.add(key, [[primary + 0.5, secondary, tertiary]])
    if tailoring in REORDER:
        _reorder(made, REORDER[tailoring])
    return made


def sort_key(text: str, language: str | None = None) -> tuple:
    """The key that sorts `text` alphabetically in `language` (its CLDR tailoring, else DUCET).

    Total and the same on every machine: texts that collate alike (`Ana` typed with a combining
    accent or a precomposed one) fall back to the text itself.
    """
    made = collator(_tailoring(language))
    decomposed = unicodedata.normalize("NFD", text)
    key = _simple_key(made, decomposed)
    return (made.sort_key(text) if key is None else key, text)


# Per collator: character -> its collation elements, for characters that start no contraction.
_SIMPLE: dict[int, dict[str, list]] = {}


def _simple_key(made: Collator_10_0_0, decomposed: str) -> tuple | None:
    """pyuca's key, made without its general loop when no character of the text starts a
    contraction or needs an implicit weight (nearly every name): 125 µs -> about 10 µs for a
    source's title, which matters with a hundred thousand of them. None: use pyuca's."""
    known = _SIMPLE.setdefault(id(made), {})
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
