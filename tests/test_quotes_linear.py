"""Quotes looked up all at once (generator/quotes.py) give what one `str.find` per quote gave.

The lookup reads a document's text once for all its quotes, so 5,000 quotes of a 4 MB text no
longer take seconds per thousand (benchmarks/bench_quotes.py measures it). What a user sees must
not change: which quotes `factcheck validate` says are not in their document, with the same
message at the same line, and the order of a document's claims (where their quotes first occur).
Each is compared with the old rule, `text.find(quote)` on the normalised text and quote, on random
texts and quotes, both by `str.find` and by the automaton (costs of 0 send every quote to it).
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import quotes
from generator.build import build
from generator.quotes import _automaton_positions, first_positions
from generator.validate import validate
from generator.values import normalise_quote
from tests.factories import REPO

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "valid"
DOC = "council-meeting-2024-10-24"
TEXT = f"documents/{DOC}.txt"

# Few letters, so quotes overlap, repeat and share prefixes and suffixes, as the automaton's
# failure links must handle.
small = st.text(alphabet="ab c", max_size=60)
short = st.text(alphabet="ab c", max_size=7)


@settings(max_examples=400, deadline=None)
@given(small, st.lists(short, max_size=12))
def test_the_automaton_finds_what_str_find_finds(text, wanted):
    expected = {q: text.find(q) for q in wanted}
    assert _automaton_positions(text, list(dict.fromkeys(wanted))) == expected
    assert first_positions(text, wanted) == expected


def test_many_nested_quotes_of_one_repeated_letter():
    """`a`, `aa`... all end at each place of `aaaa...`: each is reported once, at its first place."""
    text = "a" * 3000 + "b"
    wanted = ["a" * k for k in range(1, 400)] + ["a" * 50 + "b", "b", "ab" * 3, ""]
    assert _automaton_positions(text, wanted) == {q: text.find(q) for q in wanted}


@pytest.fixture(params=["str.find", "automaton"])
def way(request, monkeypatch):
    """Either way of looking quotes up, on the same input."""
    if request.param == "automaton":
        monkeypatch.setattr(quotes, "SCAN_NS", 0.0)
        monkeypatch.setattr(quotes, "BUILD_NS", 0.0)
    else:
        monkeypatch.setattr(quotes, "SCAN_NS", float("inf"))
    return request.param


WORDS = ["bus", "fares", "have", "doubled", "since", "I", "the", "city", "é", "e\u0301", "a"]
SPACES = [" ", "  ", "\n", " \n  ", "\t"]
MARKS = {"'": ["'", "\u2019", "\u2018"], '"': ['"', "\u201c", "\u201d", "\u201e"]}


def random_text(rng: random.Random, words: int) -> str:
    """Words, some quoted with straight or typographic marks, between runs of spaces and breaks."""
    out = []
    for _ in range(words):
        w = rng.choice(WORDS)
        if rng.random() < 0.1:
            mark = rng.choice(list(MARKS))
            w = rng.choice(MARKS[mark]) + w + rng.choice(MARKS[mark])
        out.append(w + rng.choice(SPACES))
    return "".join(out)


def random_quote(rng: random.Random, text: str) -> str:
    """A piece of the text, written with other spaces and marks, or words not all in it."""
    if rng.random() < 0.5:
        start = rng.randrange(len(text))
        piece = text[start : start + rng.randint(1, 40)]
        for mark, forms in MARKS.items():
            for form in forms:
                piece = piece.replace(form, rng.choice(forms) if rng.random() < 0.5 else mark)
        piece = " ".join(piece.split())
    else:
        piece = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
    return piece.replace("\\", "").replace('"', "'") or "bus"


def write_tree(root: Path, text: str, claims: list[list[str]]) -> None:
    """The valid fixture, the council meeting's text replaced, and claims quoting it."""
    shutil.copytree(FIXTURE, root)
    (root / TEXT).write_text(text, encoding="utf-8")
    (root / "claims" / "bus-fares-doubled.yaml").unlink()
    (root / "verdicts" / "bus-fares-doubled.yaml").unlink()
    for n, mine in enumerate(claims):
        items = "".join(f'  - document: {DOC}\n    quote: "{q}"\n' for q in mine)
        (root / "claims" / f"quote-{n}.yaml").write_text(
            f'claim: "Claim number {n} of this test."\ntitle: "Quote {n}"\nclaimant: jane-doe\n'
            f"date: 2024-10-24\nappearances:\n{items}topics: [transport]\n",
            encoding="utf-8",
        )


@pytest.mark.parametrize("seed", range(6))
def test_validate_reports_the_quotes_the_old_rule_reported(tmp_path, way, seed):
    rng = random.Random(seed)
    text = random_text(rng, rng.choice([5, 60, 400]))
    claims = [[random_quote(rng, text) for _ in range(rng.randint(1, 4))] for _ in range(12)]
    write_tree(tmp_path / "c", text, claims)
    normal = normalise_quote(text)
    expected = [
        f"claims/quote-{n}.yaml:{7 + 2 * i}:12: error: 'appearances[{i}].quote' does not appear "
        f"word for word in the text of document '{DOC}' ({TEXT}); copy it exactly from that text"
        for n, mine in sorted(enumerate(claims), key=lambda c: f"quote-{c[0]}")
        for i, q in enumerate(mine)
        if normalise_quote(q) not in normal  # the old rule
    ]
    found = [str(p) for p in validate(tmp_path / "c", display_prefix="", jobs=1).problems]
    assert [p for p in found if "word for word" in p] == expected
    assert len(expected) < sum(map(len, claims)), "some quotes should be found"


@pytest.mark.parametrize("seed", range(2))
def test_a_documents_page_lists_its_claims_where_their_first_quotes_are(tmp_path, way, seed):
    """The document page lists its claims by where their first quote of it starts, the old way."""
    rng = random.Random(100 + seed)
    text = random_text(rng, 300)
    normal = normalise_quote(text)
    pieces = [
        q for q in (random_quote(rng, text) for _ in range(200)) if normalise_quote(q) in normal
    ]
    assert len(pieces) >= 30
    claims = [pieces[k : k + 2] for k in range(0, 30, 2)]  # valid content: all quotes are found
    write_tree(tmp_path / "c", text, claims)
    assert build(tmp_path / "c", tmp_path / "site", REPO / "mkdocs.yml") == 0
    html = (tmp_path / "site" / "documents" / DOC / "index.html").read_text(encoding="utf-8")
    listed = list(dict.fromkeys(re.findall(r'href="../../claims/(quote-[0-9]+)/"', html)))
    ids = sorted(f"quote-{n}" for n in range(len(claims)))
    old = sorted(ids, key=lambda cid: (normal.find(normalise_quote(claims[int(cid[6:])][0])), cid))
    assert listed == old
