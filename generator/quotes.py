"""Where many quotes first occur in one text, in time linear in the text plus the quotes.

A document's text may be 4 MB and one claims file may hold 5,000 quotes of it: one `str.find` per
quote reads the text once per quote (2,000 quotes missing from a 4 MB text took 9.3 s). So once the
finds have taken as long as an Aho-Corasick automaton over the quotes would, or are on course to,
the quotes left are looked up by that automaton, which reads the text once. With a usual site's
few quotes the finds (in C) end first and stay. Either way the answer is `text.find(quote)`."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable

# What the automaton costs on a 2-core machine, in nanoseconds (benchmarks/bench_quotes.py): per
# character of text read and per character of quotes built. `str.find` costs 0.1 to 9 ns per
# character read, by text and quote, so which way is faster is seen by trying.
SCAN_NS = 150.0
BUILD_NS = 1500.0


def first_positions(text: str, quotes: Iterable[str]) -> dict[str, int]:
    """Each quote -> `text.find(quote)`: where it first starts in text, or -1 when it is not in it.

    Quotes are looked up by `str.find`, one by one, until the time they took says the rest would
    take longer than the automaton, or they took as long as the automaton would for all of them;
    the quotes still left then go to the automaton. So the work stays near that of the faster way,
    and at most about twice the automaton's, linear in len(text) + the total length of the quotes.
    """
    wanted = list(dict.fromkeys(quotes))
    left = sum(len(q) for q in wanted)  # characters of the quotes not looked up yet

    def automaton(chars: int) -> float:
        return (SCAN_NS * len(text) + BUILD_NS * chars) / 1e9  # seconds, roughly

    budget = automaton(left)
    found: dict[str, int] = {}
    start = time.process_time()
    for k, q in enumerate(wanted):
        spent = time.process_time() - start
        if spent >= budget or (  # a budget of 0: the automaton alone
            k and spent >= budget / 8 and spent / k * (len(wanted) - k) > automaton(left)
        ):
            found.update(_automaton_positions(text, wanted[k:]))
            break
        found[q] = text.find(q)
        left -= len(q)
    return found


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
