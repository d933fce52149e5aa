"""Possible duplicate claims: normalised text similarity, fast enough for every `factcheck validate`.

Two claims are compared as sequences of words after normalisation (Unicode NFKC, case-folded,
punctuation removed, whitespace collapsed; a letter's combining marks, the vowel signs of Hindi or
Thai, stay with it, but not the optional vowel points of Arabic and Hebrew). Scripts written
without spaces between words have no words to split on: there a Chinese or Japanese character, or
a Korean syllable (Korean words carry their particles), counts as a word, as each is about a
syllable; in Thai, Lao, Myanmar and Khmer, whose letters are sounds, each pair of neighbouring
letters does (ราคาข้าว -> รา, าค, คา, ...). Two wordings of one sentence share most of these in the
same order, and two different sentences few. Their similarity is 2·L / (|a| + |b|), where L is the
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

That is fast while claims have rare words (names, numbers, places): their postings are short.
Claims written from the same few dozen words have none, every posting is long, and every pair
meets: quadratic (each claim a different 20-word pick from the same 30 words: 8,000 claims took
150 s, and none is alike). So when the caller caps the finds (`most`, as the validator does), a
claim's own search also looks at no more than `SCAN_MOST` entries of the index, alike or not: the
work is bounded per claim, linear in the claims whatever they say. The search looks up the
claim's rarest words first, and walks a word's postings from the longest claim indexed so far
(claims are indexed shortest first, so that is the closest in length) down to the first one too
short to qualify.

What the bound can miss: a near-duplicate that the later claim of the pair would meet only after
`SCAN_MOST` others, which needs the later claim's rarest words (its rarest quarter) to be shared
by a hundred or more claims of about its length. A near-duplicate shares those rare words, so
where one of them is a name, a number or any word a few dozen claims have, it is met at once:
in the synthetic 10,000- and 100,000-claim trees (one text per wording, as the validator
searches them) no claim's search looked at more than 28 others, and in 100,000 claims of random
words from a 6,000-word vocabulary planted near-duplicates were all found with a bound of 50.
Claims made only of common words are boilerplate, the warning is advice and not an error, and
searching them exhaustively would cost every `factcheck validate` minutes. Without `most` the
search is exhaustive: every pair.

A long-running process (`factcheck serve` checks the content again after every save) keeps the
last answer: when only a few claims changed, each of them is compared with the others through an
index of every word (with `most`, within the same bound), instead of searching all pairs again.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from .problems import WARNING, Problem

# Scripts written without spaces between words. A Chinese or Japanese character (and a Korean
# syllable block, whose words carry their particles) is about a syllable: each counts as a word.
# A Thai, Lao, Myanmar or Khmer letter is a sound: each pair of neighbouring ones counts as one.
_SYLLABIC = (
    "\u1100-\u11ff\u3005\u3006\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_LETTERS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_UNSPACED = re.compile(f"[{_SYLLABIC}{_LETTERS}]")
_RUNS = re.compile(f"[{_SYLLABIC}]|[{_LETTERS}]+|[^{_SYLLABIC}{_LETTERS}]+")


@functools.cache
def _not_word() -> re.Pattern[str]:
    """Punctuation, symbols and spaces: neither a letter or digit (\\w) nor a combining mark.

    Python's \\w leaves out combining marks, so Hindi पिछले fell apart into प and छल, and every
    Hindi claim shared its one-letter "words" with every other. The marks' ranges are read from
    the Unicode database once (about 12 ms), when a text that is not ASCII is first normalised.
    Only those below U+10000: with one above, `re` tests the ranges one by one instead of in a
    table, and normalising was four times slower.
    """
    ranges, start = [], None
    for cp in range(0x80, 0x10001):
        mark = cp < 0x10000 and unicodedata.category(chr(cp))[0] == "M"
        if mark and start is None:
            start = cp
        elif not mark and start is not None:
            ranges.append(f"{chr(start)}-{chr(cp - 1)}")
            start = None
    return re.compile(f"[^\\w{''.join(ranges)}]+")


_NOT_WORD_ASCII = re.compile(r"[\W_]+", re.ASCII)
# Marks a writer may or may not put in, which do not make another word: Hebrew points and
# cantillation, Arabic vowel marks, Quranic annotation and the tatweel that stretches a line.
_OPTIONAL = re.compile(
    "[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u0640\u064b-\u065f"
    "\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]"
)


def normalise(text: str) -> str:
    """Lowercase, punctuation removed, whitespace collapsed: what is compared."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("'", "").replace("\u2019", "")  # don't -> dont, not "don t"
    if text.isascii():
        return " ".join(_NOT_WORD_ASCII.sub(" ", text).split())
    text = _OPTIONAL.sub("", text).replace("_", " ")
    return " ".join(_not_word().sub(" ", text).split())


def words(text: str) -> list[str]:
    """What two texts are compared by: the normalised words, and in scripts written without
    spaces their characters (Chinese, Japanese, Korean) or pairs of letters (Thai)."""
    out: list[str] = []
    for word in normalise(text).split():
        if not _UNSPACED.search(word):
            out.append(word)
            continue
        for run in _RUNS.findall(word):
            if len(run) > 2 and _UNSPACED.match(run):
                out.extend(run[i : i + 2] for i in range(len(run) - 1))
            else:
                out.append(run)
    return out


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
    return _ratio(words(a), words(b))


def _tokens(words: list[str]) -> list[str]:
    """Repeated words made distinct ("the", "the#2"), so multiset overlap is set overlap."""
    if len(set(words)) == len(words):
        return words
    seen: Counter[str] = Counter()
    out = []
    for word in words:
        seen[word] += 1
        out.append(word if seen[word] == 1 else f"{word}#{seen[word]}")
    return out


def _close_enough(
    a: list[str], b: list[str], sa: frozenset[str], sb: frozenset[str], threshold: float
) -> float | None:
    """The similarity of two word lists if it reaches the threshold (cheap bounds first)."""
    n, m = len(a), len(b)
    if 2 * len(sa & sb) < threshold * (n + m) - 1e-9:
        return None
    ratio = _ratio(a, b)
    return ratio if ratio >= threshold - 1e-9 else None


class _Memo:
    """The last answer, kept so that a long-running process (`factcheck serve`) can update it
    for a few edited claims instead of starting again: one query per edited claim."""

    def __init__(self, threshold: float, claims: dict[str, str], most: int | None = None) -> None:
        self.threshold, self.most = threshold, most
        self.claims: dict[str, str] = {}
        self.words: dict[str, list[str]] = {}
        self.sets: dict[str, frozenset[str]] = {}
        # token -> claims, in the order added (a dict as an ordered set); built when needed
        self.postings: dict[str, dict[str, None]] | None = None
        self.frequency: Counter[str] = Counter()
        self.pairs: dict[tuple[str, str], float] = {}
        for cid, text in claims.items():
            self._add(cid, text)

    def _add(self, cid: str, text: str) -> None:
        self.claims[cid] = text
        mine = words(text)
        if mine:
            toks = _tokens(mine)
            self.words[cid], self.sets[cid] = mine, frozenset(toks)
            self.frequency.update(toks)
            if self.postings is not None:
                for t in toks:
                    self.postings.setdefault(t, {})[cid] = None

    def _remove(self, cid: str) -> None:
        del self.claims[cid]
        for t in self.sets.pop(cid, ()):
            if self.postings is not None:
                self.postings[t].pop(cid, None)
            self.frequency[t] -= 1
        self.words.pop(cid, None)
        self.pairs = {k: v for k, v in self.pairs.items() if cid not in k}

    def _query(self, cid: str) -> None:
        """Pairs of one claim with every other: probe the full postings with its rarest words.

        If two claims share at least a words, any n - a + 1 of one's n words include a shared one,
        whatever their order; the rarest are chosen only because their postings are short. With
        `most`, no more than `SCAN_MOST` entries of the postings are looked at, the latest added
        first, as in the full search.
        """
        if cid not in self.sets:
            return
        t, s = self.threshold, self.threshold / (2 - self.threshold)
        mine, n = self.sets[cid], len(self.sets[cid])
        prefix = sorted(mine, key=lambda x: (self.frequency[x], x))[
            : n - math.ceil(s * n - 1e-9) + 1
        ]
        assert self.postings is not None
        if self.most is None:
            candidates = set().union(*(self.postings.get(x, ()) for x in prefix))
        else:
            candidates, left = set(), SCAN_MOST
            for x in prefix:
                if left <= 0:
                    break
                latest = list(itertools.islice(reversed(self.postings.get(x, {})), left))
                candidates.update(latest)
                left -= len(latest)
        candidates.discard(cid)
        found = 0
        for other in sorted(candidates):
            if self.most is not None and found >= self.most:
                break
            m = len(self.sets[other])
            if min(n, m) < s * max(n, m) - 1e-9:  # length filter
                continue
            score = _close_enough(self.words[cid], self.words[other], mine, self.sets[other], t)
            if score is not None:
                self.pairs[(cid, other) if cid < other else (other, cid)] = score
                found += 1

    def update(self, claims: dict[str, str]) -> bool:
        """Bring the answer up to date; False when too much changed for one query per claim."""
        changed = {c for c, text in claims.items() if self.claims.get(c) != text}
        changed |= self.claims.keys() - claims.keys()
        if len(changed) > INCREMENTAL_MAX:
            return False
        if changed and self.postings is None:
            self.postings = defaultdict(dict)
            for cid, toks in self.sets.items():
                for t in toks:
                    self.postings[t][cid] = None
        for cid in changed:
            if cid in self.claims:
                self._remove(cid)
            if cid in claims:
                self._add(cid, claims[cid])
        for cid in changed:
            self._query(cid)
        return True

    def result(self) -> list[tuple[str, str, float]]:
        return sorted(((a, b, v) for (a, b), v in self.pairs.items()), key=lambda x: (-x[2], x))


INCREMENTAL_MAX = 50  # edited claims up to which the last answer is updated, not recomputed
SCAN_MOST = 100  # others a claim's own search looks at, alike or not, when `most` is given
_memo: _Memo | None = None


def near_duplicates(
    claims: dict[str, str], threshold: float = 0.85, most: int | None = None
) -> list[tuple[str, str, float]]:
    """Every pair of claims whose texts are at least `threshold` alike.

    Returns (id_a, id_b, similarity) with id_a < id_b, most similar first, then by ids. A second
    call with the same threshold in the same process updates the previous answer when only a few
    claims changed (the preview server checks the content again after each save).

    With `most`, a claim's search for others stops once it has found that many: thousands of
    claims made from one template ("Speaker 17 said taxes rose") are all alike, and every pair
    would be quadratic. A claim is still found by the others' searches, so it may have more. It
    also stops once it has looked at `SCAN_MOST` others, alike or not: claims that share all
    their words but are not alike would be quadratic too. The pairs this can miss, in content
    without rare words only, are described at the top of the module. Without `most` every pair
    is returned, however long that takes.
    """
    global _memo
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    if (
        _memo is not None
        and (_memo.threshold, _memo.most) == (threshold, most)
        and _memo.update(claims)
    ):
        return _memo.result()
    memo = _Memo(threshold, claims, most)
    # One global order of the words, rarest first (ties by the word): the same for every claim.
    rank = {
        t: i for i, t in enumerate(sorted(memo.frequency, key=lambda t: (memo.frequency[t], t)))
    }
    tokens = {cid: sorted(toks, key=rank.__getitem__) for cid, toks in memo.sets.items()}
    listed, sets = memo.words, memo.sets
    s = threshold / (2 - threshold)  # the Jaccard bound implied by the ratio bound
    # token -> (claim, its words from this one on, all its words), in the order indexed: by
    # length, shortest first
    index: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    # Shortest first: each claim is probed against the already indexed, not longer, ones.
    for cid in sorted(tokens, key=lambda c: (len(tokens[c]), c)):
        toks, mine, mywords = tokens[cid], sets[cid], listed[cid]
        n = len(toks)
        shortest = s * n - 1e-9  # length filter: shorter claims cannot be alike enough
        met: set[str] = set()
        found = 0
        left = math.inf if most is None else SCAN_MOST  # entries of the index to look at
        for i, t in enumerate(toks[: n - math.ceil(s * n - 1e-9) + 1]):
            postings = index.get(t)
            if postings is None:
                continue
            for other, rest, m in reversed(postings):  # longest first, to the length filter
                if m < shortest or left <= 0:
                    break
                left -= 1
                if other in met:
                    continue
                met.add(other)
                # Twice the words they must share. Positional filter: this is the first word
                # they share in the rarest-first order, so at most n - i, and rest, can be.
                need = threshold * (n + m) - 2e-9
                if 2 * (n - i) < need or 2 * rest < need or 2 * len(mine & sets[other]) < need:
                    continue
                score = _ratio(mywords, listed[other])
                if score >= threshold - 1e-9:
                    memo.pairs[(cid, other) if cid < other else (other, cid)] = score
                    found += 1
                    if most is not None and found >= most:
                        left = 0  # the search is over
            if left <= 0:
                break
        # Claims probing this one later are not shorter, so they share at least
        # ceil(threshold * n) of its words: a shorter prefix of it is enough to index.
        for i, t in enumerate(toks[: n - math.ceil(threshold * n - 1e-9) + 1]):
            index[t].append((cid, n - i, n))
    _memo = memo
    return memo.result()


def forget() -> None:
    """Drop the last answer kept for the next call (at 100,000 claims, their words: ~250 MB)."""
    global _memo
    _memo = None


def percent(score: float) -> int:
    """A similarity as a whole percentage, rounded down: 100% only for the same words."""
    return math.floor(score * 100 + 1e-9)


NAMED_MOST = 3  # near-duplicates named on one claim; any more are counted in one more warning
SEARCH_MOST = 50  # others a claim's own search looks for (see near_duplicates)
_ADVICE = "if it is the same claim, add an appearance to that one instead"


def _similar_to(other: str, score: float) -> str:
    return f"claim text is very similar to claims/{other}.yaml ({percent(score)}% alike)"


def duplicate_problems(items: Iterable, threshold: float = 0.85) -> list[Problem]:
    """Warnings on claims whose text is nearly the same as another's, on their `claim` line.

    Claims with the same words are grouped first: each gets one warning naming one other and
    counting the rest, so 10,000 copies of a text give 10,000 warnings, not 100 million (and the
    pairwise search sees the text once). Of the others, each claim names its `NAMED_MOST` most
    similar and counts the rest.

    `items` are the validator's checked claims: objects with `.id`, `.data` (checked fields),
    `.raw` (the RawFile, for the path and line) and `.base` (the item's path inside the file).
    """
    by_id = {it.id: it for it in items if isinstance(it.data.get("claim"), str)}
    problems: list[Problem] = []

    def warn(mine: str, message: str) -> None:
        it = by_id[mine]
        line, col = it.raw.at((*it.base, "claim"))
        problems.append(Problem(it.raw.display, line, col, WARNING, message))

    def translation(a: str, b: str) -> bool:
        """A translation says the same in another language: not a duplicate."""
        return by_id[a].data.get("translation_of") == b or by_id[b].data.get("translation_of") == a

    same: dict[str, list[str]] = {}  # normalised words -> claims, in id order
    for cid in sorted(by_id):
        wording = normalise(by_id[cid].data["claim"])
        if wording:
            same.setdefault(wording, []).append(cid)
    for ids in same.values():
        for mine in ids if len(ids) > 1 else ():
            other = ids[1] if mine == ids[0] else ids[0]
            if translation(mine, other):
                continue
            also = f", as it is to {len(ids) - 2} other claims" if len(ids) > 2 else ""
            warn(mine, f"{_similar_to(other, 1.0)}{also}: {_ADVICE}")
    named: Counter[str] = Counter()
    more: Counter[str] = Counter()
    texts = {ids[0]: by_id[ids[0]].data["claim"] for ids in same.values()}
    for a, b, score in near_duplicates(texts, threshold, most=SEARCH_MOST):
        if translation(a, b):
            continue
        for mine, other in ((a, b), (b, a)):
            if named[mine] == NAMED_MOST:
                more[mine] += 1
                continue
            named[mine] += 1
            warn(mine, f"{_similar_to(other, score)}: {_ADVICE}")
    for mine, count in more.items():
        warn(mine, f"claim text is also very similar to {count} more claims: {_ADVICE}")
    return problems
