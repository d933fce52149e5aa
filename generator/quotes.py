"""Where many quotes first occur in one text, in time linear in the text plus the quotes.

A document's text may be 4 MB and one claims file may hold 5,000 quotes of it: one `str.find` per
quote reads the text once per quote (2,000 quotes missing from a 4 MB text took 9.3 s). Past a
number of quotes the text is read once by an Aho-Corasick automaton over all of them instead. Which
way runs depends only on the sizes (`uses_find`), never on a clock, so a build on a loaded machine
takes the same way as anywhere else. With a usual site's few quotes of a document it is `str.find`.
Either way the answer is `text.find(quote)`."""

from __future__ import annotations

import gc
from collections.abc import Iterable

# What each way costs, in nanoseconds, measured by `python benchmarks/bench_quotes.py --costs` (a
# 2-core AMD EPYC, December 2026, CPU time). The automaton: per character of text read, 105 to 310
# (SCAN_NS), and per character of quotes built into it, 300 to 1,500 (BUILD_NS; less where quotes
# share beginnings). `str.find`: per character of text read per quote, 0.11 to 0.19 for 8-word
# quotes of prose, 0.02 to 0.04 for those of a "yes/no/the" vote transcript that are in it and
# 0.8 for those that are not, 0.8 to 2.8 on hostile text (`aaaa...` against `aa...ab`). FIND_NS
# sits between the prose's and the transcript's: 1,000 quotes of 500 KB of prose take the finds
# (0.07 s, the automaton 0.16 s), 1,000 of the transcript the automaton (0.13 s, the finds 0.21 s).
SCAN_NS = 150.0
BUILD_NS = 1500.0
FIND_NS = 0.3


def uses_find(quotes: int, text: int, chars: int) -> bool:
    """Whether `quotes` distinct quotes of `chars` characters in all are looked up in a text of
    `text` characters one by one with `str.find` (True) or by the automaton (False).

    The finds' work, quotes x text, is taken at FIND_NS a unit against the automaton's, linear in
    text + chars: so the finds run only while quotes x text is at most the automaton's work over
    FIND_NS, and on hostile text, where a find costs up to about 10 times FIND_NS a unit, they
    take at most about 10 times what the automaton would. Linear either way."""
    if not text or not quotes:
        return True
    return quotes * text * FIND_NS <= SCAN_NS * text + BUILD_NS * chars


def first_positions(text: str, quotes: Iterable[str]) -> dict[str, int]:
    """Each quote -> `text.find(quote)`: where it first starts in text, or -1 when it is not in it.

    By `str.find` one quote at a time, or by one automaton pass for all of them (`uses_find`)."""
    wanted = list(dict.fromkeys(quotes))
    if uses_find(len(wanted), len(text), sum(len(q) for q in wanted)):
        return {q: text.find(q) for q in wanted}
    return _automaton_positions(text, wanted)


def _automaton_positions(text: str, wanted: list[str]) -> dict[str, int]:
    """`text.find(q)` for each of the distinct quotes `wanted`, by one Aho-Corasick pass."""
    # The trie holds a dict per character of the quotes, and the collector, run on and on as they
    # are made, read them all each time: 4,000 quotes (250,000 characters) took 8 s, not 0.7 s.
    # Nothing here makes a reference cycle, so there is nothing for it to collect.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _automaton(text, wanted)
    finally:
        if collecting:
            gc.enable()


def _automaton(text: str, wanted: list[str]) -> dict[str, int]:
    """What `_automaton_positions` says, the collector off.

    Each quote is reported at the first place it ends, which is also where its first occurrence
    starts, as all its occurrences have its length. A quote found once is never reported again,
    nor are the shorter quotes ending at the same place (found with it or before), so text such as
    `aaaa...` with quotes `a`, `aa`, `aaa`... costs no more than one pass.
    """
    found = {q: -1 for q in wanted}
    # The trie: goto[node] maps a character to the next node; node 0 is the empty prefix.
    goto: list[dict[str, int]] = [{}]
    quote_at: list[str | None] = [None]  # the quote spelled by a node, if one ends there
    for q in wanted:
        if not q:
            found[q] = 0  # "".find("") and any text's find("") are 0
            continue
        node = 0
        for ch in q:
            nxt = goto[node].get(ch)
            if nxt is None:
                nxt = len(goto)
                goto[node][ch] = nxt
                goto.append({})
                quote_at.append(None)
            node = nxt
        quote_at[node] = q
    left = sum(1 for q in wanted if q)
    if not left:
        return found

    # fail[node]: the node of the longest proper suffix of its prefix that is also in the trie;
    # report[node]: the first node of that suffix chain, itself included, where a quote ends.
    size = len(goto)
    fail = [0] * size
    report = [0] * size
    queue = list(goto[0].values())  # their fail is the root
    for node in queue:  # breadth first, so a node's suffixes are done before it
        for ch, child in goto[node].items():
            back = fail[node]
            while back and ch not in goto[back]:
                back = fail[back]
            fail[child] = goto[back].get(ch, 0)
            queue.append(child)
        report[node] = node if quote_at[node] is not None else report[fail[node]]

    step = [g.get for g in goto]  # bound once: the loop below runs once per character of text
    state = 0
    for i, ch in enumerate(text):
        nxt = step[state](ch)
        while nxt is None and state:
            state = fail[state]
            nxt = step[state](ch)
        state = nxt or 0
        hit = report[state]
        if not hit:
            continue
        report[state] = 0  # every quote of its chain is found by the end of this loop
        while hit:
            q = quote_at[hit]
            if found[q] >= 0:  # found before: so were the rest of its chain
                break
            found[q] = i + 1 - len(q)
            left -= 1
            hit = report[fail[hit]]
        if not left:
            break
    return found
