"""Possible duplicate claims: normalised text similarity, fast enough for every `factcheck validate`.

Two claims are compared as sequences of words after normalisation (Unicode NFKC, case-folded,
punctuation removed, whitespace collapsed). Their similarity is 2·L / (|a| + |b|), where L is the
length of the longest common subsequence of words: the share of words the two have in the same
order. Word order counts, so "A is bigger than B" and "B is bigger than A" are not near-duplicates
(60% alike), and the measure is symmetric (difflib's ratio is not).

Comparing every pair would be quadratic (50 million pairs at 10,000 claims). Instead each claim is
indexed under its few rarest words — the prefix filter of set-similarity joins (Bayardo et al.,
"Scaling up all pairs similarity search", WWW 2007): if two word sequences are at least `threshold`
alike, their word multisets share at least ceil(s·|a|) words, s = t / (2 - t), so they must share
one of the first |a| - ceil(s·|a|) + 1 words of each in a fixed rarest-first order. Only claims
meeting in that index and passing the length and overlap bounds are compared, so no qualifying
pair is missed and almost no other pair is looked at.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from .problems import WARNING, Problem

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Lowercase, punctuation removed, whitespace collapsed: what is compared."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("'", "").replace("\u2019", "")  # don't -> dont, not "don t"
    return " ".join(_NOT_WORD.sub(" ", text).split())


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence, bit-parallel (Allison & Dix 1986; Hyyrö 2004).

    One big-integer step per word of `b`, so two 30-word claims cost 30 steps, not 900.
    """
    masks: dict[str, int] = {}
    for i, word in enumerate(a):
        masks[word] = masks.get(word, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for word in b:
        u = v & masks.get(word, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - v.bit_count()


def _ratio(a: list[str], b: list[str]) -> float:
    return 2 * lcs_length(a, b) / (len(a) + len(b)) if a and b else 0.0


def similarity(a: str, b: str) -> float:
    """How alike two texts are, from 0 to 1, after normalisation (1 means the same words)."""
    return _ratio(normalise(a).split(), normalise(b).split())


def near_duplicates(
    claims: dict[str, str], threshold: float = 0.85
) -> list[tuple[str, str, float]]:
    """Every pair of claims whose texts are at least `threshold` alike.

    Returns (id_a, id_b, similarity) with id_a < id_b, most similar first, then by ids.
    """
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    words: dict[str, list[str]] = {}
    for cid, text in claims.items():
        w = normalise(text).split()
        if w:
            words[cid] = w
    # Repeated words are made distinct ("the", "the#2") so multiset overlap is set overlap.
    tokens: dict[str, list[str]] = {}
    frequency: Counter[str] = Counter()
    for cid, w in words.items():
        seen: Counter[str] = Counter()
        toks = []
        for word in w:
            seen[word] += 1
            toks.append(word if seen[word] == 1 else f"{word}#{seen[word]}")
        tokens[cid] = toks
        frequency.update(toks)
    for toks in tokens.values():
        toks.sort(key=lambda t: (frequency[t], t))  # rarest first: short posting lists

    s = threshold / (2 - threshold)  # the Jaccard bound implied by the ratio bound
    sets = {cid: frozenset(toks) for cid, toks in tokens.items()}
    index: dict[str, list[tuple[str, int]]] = defaultdict(list)  # token -> (claim, position)
    out: list[tuple[str, str, float]] = []
    # Shortest first: each claim is probed against the already indexed, not longer, ones.
    for cid in sorted(tokens, key=lambda c: (len(tokens[c]), c)):
        toks = tokens[cid]
        n = len(toks)
        met: set[str] = set()
        for i, t in enumerate(toks[: n - math.ceil(s * n - 1e-9) + 1]):
            for other, j in index[t]:
                if other in met:
                    continue
                met.add(other)
                m = len(tokens[other])
                if m < s * n - 1e-9:  # length filter
                    continue
                need = threshold * (n + m) / 2 - 1e-9  # words both must share
                # Positional filter: this is the first word they share in the rarest-first
                # order, so at most min(n - i, m - j) words can be shared.
                if min(n - i, m - j) < need or len(sets[cid] & sets[other]) < need:
                    continue
                ratio = _ratio(words[cid], words[other])
                if ratio >= threshold - 1e-9:
                    a, b = sorted((cid, other))
                    out.append((a, b, ratio))
        # Claims probing this one later are not shorter, so they share at least
        # ceil(threshold * n) of its words: a shorter prefix of it is enough to index.
        for i, t in enumerate(toks[: n - math.ceil(threshold * n - 1e-9) + 1]):
            index[t].append((cid, i))
    out.sort(key=lambda x: (-x[2], x[0], x[1]))
    return out


def percent(score: float) -> int:
    """A similarity as a whole percentage, rounded down: 100% only for the same words."""
    return math.floor(score * 100 + 1e-9)


def duplicate_problems(items: Iterable, threshold: float = 0.85) -> list[Problem]:
    """A warning on both claims of each near-duplicate pair, on its `claim` line, naming the other.

    `items` are the validator's checked claims: objects with `.id`, `.data` (checked fields),
    `.raw` (the RawFile, for the path and line) and `.base` (the item's path inside the file).
    """
    by_id = {it.id: it for it in items if isinstance(it.data.get("claim"), str)}
    problems = []
    for a, b, score in near_duplicates({i: it.data["claim"] for i, it in by_id.items()}, threshold):
        for mine, other in ((a, b), (b, a)):
            it = by_id[mine]
            line, col = it.raw.at((*it.base, "claim"))
            problems.append(
                Problem(
                    it.raw.display,
                    line,
                    col,
                    WARNING,
                    f"claim text is very similar to claims/{other}.yaml ({percent(score)}% alike): "
                    "if it is the same claim, add an appearance to that one instead",
                )
            )
    return problems
