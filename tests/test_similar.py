"""Possible duplicate claims: the similarity, the fast search for pairs, and the validator's warning."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import similar
from generator.problems import WARNING
from generator.similar import lcs_length, near_duplicates, normalise, percent, similarity
from generator.validate import validate


def test_normalise():
    assert normalise("  Unemployment DOUBLED,\n in 2025!  ") == "unemployment doubled in 2025"
    assert normalise("“Don’t” — it's 3.5%") == "dont its 3 5"
    assert normalise("Ｆｕｌｌ-width_text") == "full width text"
    assert normalise("Ça coûte 10 €") == "ça coûte 10"
    assert normalise("?!") == ""


def test_similarity_is_word_order_aware():
    assert similarity("Unemployment doubled in 2025.", "unemployment doubled in 2025") == 1.0
    assert similarity("A is bigger than B", "B is bigger than A") == 0.6
    assert similarity("", "anything") == 0.0
    assert similarity("a b b a", "b a b a") == similarity("b a b a", "a b b a") == 0.75


def test_near_duplicates_finds_pairs_once_most_similar_first():
    claims = {
        "z-copy": "Unemployment doubled between 2022 and 2025.",
        "a-orig": "unemployment DOUBLED between 2022 and 2025",
        "m-close": "Unemployment has doubled between 2022 and 2025.",
        "other": "Exports fell by half last year.",
        "swap": "between 2025 and 2022 unemployment doubled",
        "empty": "...",
    }
    assert near_duplicates(claims) == [
        ("a-orig", "z-copy", 1.0),
        ("a-orig", "m-close", 12 / 13),
        ("m-close", "z-copy", 12 / 13),
    ]
    assert [p[:2] for p in near_duplicates(claims, threshold=1.0)] == [("a-orig", "z-copy")]


def test_percent_rounds_down():
    assert percent(12 / 13) == 92
    assert percent(0.85) == 85
    assert percent(0.9999) == 99
    assert percent(1.0) == 100


WORDS = st.sampled_from(["a", "b", "c", "d", "e", "the", "rose", "fell", "2025"])


def _lcs_table(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        prev_diag, row[0] = 0, 0
        for j, y in enumerate(b, 1):
            prev_diag, row[j] = row[j], prev_diag + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=70), st.lists(WORDS, max_size=70))
def test_lcs_length_matches_the_textbook_table(a, b):
    assert lcs_length(a, b) == lcs_length(b, a) == _lcs_table(a, b)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(WORDS, min_size=0, max_size=9).map(" ".join), min_size=0, max_size=14),
    st.sampled_from([0.5, 0.6, 0.75, 0.85, 0.9, 1.0]),
)
def test_same_pairs_as_comparing_every_pair(texts, threshold):
    claims = {f"c{i}": t for i, t in enumerate(texts)}
    ids = sorted(claims)
    expected = {
        (a, b)
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if similarity(claims[a], claims[b]) >= threshold
    }
    similar._memo = None  # the full search, not an update of an earlier answer
    found = near_duplicates(claims, threshold)
    assert {(a, b) for a, b, _ in found} == expected
    for a, b, score in found:
        assert score == similarity(claims[a], claims[b])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(WORDS, min_size=0, max_size=9).map(" ".join), min_size=1, max_size=14),
    st.lists(
        st.tuples(st.integers(0, 20), st.lists(WORDS, max_size=9).map(" ".join) | st.none()),
        max_size=6,
    ),
    st.sampled_from([0.6, 0.85]),
)
def test_updating_the_last_answer_is_exact(texts, edits, threshold):
    """After a few claims are edited, added or removed, the updated answer is the full one."""
    claims = {f"c{i}": t for i, t in enumerate(texts)}
    similar._memo = None
    near_duplicates(claims, threshold)
    for i, text in edits:
        if text is None:
            claims.pop(f"c{i}", None)
        else:
            claims[f"c{i}"] = text
    updated = near_duplicates(claims, threshold)
    similar._memo = None
    assert updated == near_duplicates(claims, threshold)


def test_a_few_edits_update_instead_of_starting_again(monkeypatch):
    claims = _corpus(2000)
    similar._memo = None
    near_duplicates(claims)
    calls = []
    monkeypatch.setattr(similar._Memo, "__init__", lambda *a: calls.append(a))
    claims["claim-7"] = claims["claim-8"] + " again"
    assert ("claim-7", "claim-8") in {(a, b) for a, b, _ in near_duplicates(claims)}
    assert calls == []  # no new search from scratch


def _corpus(n: int, seed: int = 7) -> dict[str, str]:
    """n claim-like sentences: 8 to 30 words from a Zipf-like 6,000-word vocabulary."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(6000)]
    cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(len(vocab))))
    return {
        f"claim-{i}": " ".join(rng.choices(vocab, cum_weights=cumulative, k=rng.randint(8, 30)))
        for i in range(n)
    }


def test_ten_thousand_claims_finds_the_planted_copies():
    claims = _corpus(10_000)
    words = claims["claim-42"].split()
    claims["planted-copy"] = claims["claim-42"].upper() + "!"
    claims["planted-edit"] = " ".join(["so", *words[:-1], "indeed"])
    similar._memo = None
    pairs = near_duplicates(claims)  # speed at this size is measured in benchmarks/, not here
    found = {(a, b) for a, b, _ in pairs}
    assert ("claim-42", "planted-copy") in found
    assert ("claim-42", "planted-edit") in found


def _tree(root: Path, claims: dict[str, str]) -> None:
    (root / "claims").mkdir(parents=True)
    (root / "people").mkdir()
    (root / "ratings.yaml").write_text(
        '- id: false\n  label: "False"\n  value: 1\n  description: "Not accurate."\n'
    )
    (root / "people" / "jo.yaml").write_text('name: "Jo"\nkind: person\n')
    for cid, text in claims.items():
        (root / "claims" / f"{cid}.yaml").write_text(
            f"# a comment line first\nclaimant: jo\nclaim: {text!r}\ndate: 2025-01-10\n"
            "appearances:\n  - url: https://example.org/speech\n    title: A speech\n"
        )


def test_validate_warns_on_both_claims_naming_the_other(tmp_path):
    _tree(
        tmp_path / "content",
        {
            "unemployment-doubled": "Unemployment doubled between 2022 and 2025.",
            "unemployment-has-doubled": "Unemployment has doubled between 2022 and 2025.",
            "exports-fell": "Exports fell by half last year.",
        },
    )
    report = validate(tmp_path / "content", display_prefix="content/")
    warnings = [str(p) for p in report.problems if p.severity == WARNING]
    assert warnings == [
        "content/claims/unemployment-doubled.yaml:3:8: warning: claim text is very similar to "
        "claims/unemployment-has-doubled.yaml (92% alike): if it is the same claim, add an "
        "appearance to that one instead",
        "content/claims/unemployment-has-doubled.yaml:3:8: warning: claim text is very similar to "
        "claims/unemployment-doubled.yaml (92% alike): if it is the same claim, add an "
        "appearance to that one instead",
    ]
    assert report.errors == 0


def test_thousands_of_copies_of_one_claim_give_one_warning_each(tmp_path):
    """Every pair of 3,000 copies was 9 million warnings and minutes of comparing: now one each."""
    copies = {f"copy-{i:04d}": "The minimum wage has not risen in ten years." for i in range(3000)}
    near = {
        f"near-{i}": f"The minimum wage has not risen in ten long years, said speaker {i}."
        for i in range(6)
    }
    _tree(tmp_path / "content", {**copies, **near, "other": "Exports fell by half last year."})
    report = validate(tmp_path / "content", display_prefix="content/")
    warnings = [str(p) for p in report.problems if p.severity == WARNING]
    on = {
        w.split(":", 1)[0].removeprefix("content/claims/").removesuffix(".yaml") for w in warnings
    }
    assert "other" not in on
    copy_warnings = [w for w in warnings if "/copy-" in w.split(":", 1)[0]]
    assert len(copy_warnings) >= 3000 and len(warnings) < 3100
    assert (
        "content/claims/copy-0001.yaml:3:8: warning: claim text is very similar to "
        "claims/copy-0000.yaml (100% alike), as it is to 2998 other claims: if it is the same "
        "claim, add an appearance to that one instead"
    ) in warnings
    assert "claims/copy-0001.yaml (100% alike)" in next(w for w in warnings if "/copy-0000." in w)
    # each near claim names at most three others and counts the rest in one more warning
    for cid in near:
        mine = [w for w in warnings if f"/{cid}.yaml:" in w]
        assert 1 <= len(mine) <= 4, mine
    assert any("also very similar to" in w and "more claims" in w for w in warnings)


def test_thousands_of_claims_from_one_template_are_checked_in_linear_time(tmp_path):
    """3,000 claims alike but for a number: 4.5 million similar pairs. Each claim's own search stops
    after SEARCH_MOST finds, so the work (counted in lines run, not time) grows with the claims."""
    from factories import lines_run

    def template(n: int) -> dict[str, str]:
        return {
            f"c{i}": f"Speaker {i} said the minimum wage has not risen in ten long years"
            for i in range(n)
        }

    def work(n: int) -> int:
        similar._memo = None
        return lines_run(near_duplicates, template(n), 0.85, similar.SEARCH_MOST, module=similar)[1]

    assert work(2000) < work(500) * 4 * 1.2  # 4 times the claims: 4 times the work, not 16

    _tree(tmp_path / "content", template(3000))
    similar._memo = None
    report = validate(tmp_path / "content", display_prefix="content/")
    warnings = [str(p) for p in report.problems if p.severity == WARNING]
    per_claim = Counter(w.split(":", 1)[0] for w in warnings)
    assert len(per_claim) == 3000 and max(per_claim.values()) <= similar.NAMED_MOST + 1
    c7 = [w for w in warnings if w.startswith("content/claims/c7.yaml:")]
    named = "content/claims/c7.yaml:3:8: warning: claim text is very similar to claims/c"
    assert sum(w.startswith(named) for w in c7) == similar.NAMED_MOST
    assert any("also very similar to" in w for w in c7)


def test_claims_sharing_all_their_words_are_checked_in_linear_time():
    """Each claim a different 20-word pick from the same 30 words: no word is rare, so every claim
    meets every other in the index and none is alike (8,000 claims took 150 s). With `most`, a
    claim's own search looks at no more than SCAN_MOST others, so the work (counted in lines run,
    not time) grows with the claims; near-duplicates that have a rarer word are still found."""
    from factories import lines_run

    vocab = [f"w{k}" for k in range(30)]

    def picks(n: int) -> dict[str, str]:
        rng = random.Random(1)
        return {f"c{i}": " ".join(rng.sample(vocab, 20)) for i in range(n)}

    def work(claims: dict[str, str]) -> tuple[set[tuple[str, str]], int]:
        similar._memo = None
        pairs, lines = lines_run(near_duplicates, claims, 0.85, 4, module=similar)
        return {(a, b) for a, b, _ in pairs}, lines

    small, large = picks(500), picks(2000)
    words = large["c7"].split()
    large["planted-a"] = "Senator Ohlsson said " + " ".join(words)
    large["planted-b"] = "Senator Ohlsson said " + " ".join(["w30", *words[1:]])
    found, lines = work(large)
    assert ("planted-a", "planted-b") in found
    assert lines < work(small)[1] * 4 * 1.2  # 4 times the claims: 4 times the work, not 16

    # the update after an edit (`factcheck serve`), bounded the same way, finds a new one too
    large["planted-c"] = "Senator Ohlsson said " + " ".join([*words[:-1], "w31"])
    assert ("planted-a", "planted-c") in {(a, b) for a, b, _ in near_duplicates(large, 0.85, 4)}


# --- scripts without spaces, and combining marks --------------------------------------------------


def test_vowel_signs_stay_in_their_word():
    """Python's \\w leaves out combining marks: Hindi पिछले fell apart into प and छल."""
    assert (
        normalise("पिछले साल भारत की जीडीपी दोगुनी हो गई।") == "पिछले साल भारत की जीडीपी दोगुनी हो गई"
    )
    assert normalise("ราคาข้าว, เพิ่มขึ้น!") == "ราคาข้าว เพิ่มขึ้น"


def test_optional_vowel_points_do_not_make_another_word():
    """Arabic and Hebrew are written with or without their vowel points: the same words."""
    assert similarity("قالَ مُحَمَّدٌ إنَّ الأسعارَ تضاعفت", "قال محمد إن الأسعار تضاعفت") == 1.0
    assert similarity("שָׁלוֹם עוֹלָם", "שלום עולם") == 1.0
    assert normalise("الأسعـــار") == "الأسعار"  # stretched with tatweel


def test_texts_without_spaces_are_compared_character_by_character():
    tokyo = "東京の失業率は2022年から2025年の間に2倍になった。"
    assert (
        percent(similarity(tokyo, "東京の失業率は、2022年から2025年の間に2倍になりました。")) == 91
    )
    assert percent(similarity(tokyo, "大阪の人口は昨年減少した。")) == 23
    taipei = "台北市的房價在過去五年上漲了一倍。"
    assert percent(similarity(taipei, "台北市的房價在過去五年已經上漲了一倍。")) == 94
    assert percent(similarity(taipei, "高雄市的房價在過去五年下跌了一半。")) == 68
    rice = "ราคาข้าวเพิ่มขึ้นสองเท่าในปีที่ผ่านมา"
    assert percent(similarity(rice, "ราคาข้าวได้เพิ่มขึ้นสองเท่าในปีที่ผ่านมา")) == 93
    assert percent(similarity(rice, "ราคาน้ำมันลดลงครึ่งหนึ่งในเดือนที่ผ่านมา")) == 31
    seoul = "서울의 전세 가격이 지난해 두 배로 올랐다."
    assert percent(similarity(seoul, "서울의 전세 가격은 지난해 두 배로 올랐다.")) == 94


def test_validate_warns_on_near_duplicates_written_without_spaces(tmp_path):
    _tree(
        tmp_path / "content",
        {
            "ja-a": "東京の失業率は2022年から2025年の間に2倍になった。",
            "ja-b": "東京の失業率は、2022年から2025年の間に2倍になりました。",
            "ja-other": "大阪の人口は昨年減少した。",
            "th-a": "ราคาข้าวเพิ่มขึ้นสองเท่าในปีที่ผ่านมา",
            "th-b": "ราคาข้าวได้เพิ่มขึ้นสองเท่าในปีที่ผ่านมา",
            "zh-a": "台北市的房價在過去五年上漲了一倍。",
            "zh-other": "高雄市的房價在過去五年下跌了一半。",
        },
    )
    similar._memo = None
    report = validate(tmp_path / "content", display_prefix="content/")
    warnings = [str(p) for p in report.problems if p.severity == WARNING]
    advice = "if it is the same claim, add an appearance to that one instead"
    assert warnings == [
        f"content/claims/ja-a.yaml:3:8: warning: claim text is very similar to claims/ja-b.yaml "
        f"(91% alike): {advice}",
        f"content/claims/ja-b.yaml:3:8: warning: claim text is very similar to claims/ja-a.yaml "
        f"(91% alike): {advice}",
        f"content/claims/th-a.yaml:3:8: warning: claim text is very similar to claims/th-b.yaml "
        f"(93% alike): {advice}",
        f"content/claims/th-b.yaml:3:8: warning: claim text is very similar to claims/th-a.yaml "
        f"(93% alike): {advice}",
    ]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["東京", "の", "失業率", "2025", "ราคา", "ข้าว", "a"]), max_size=8
        ).map("".join),
        max_size=12,
    ),
    st.sampled_from([0.6, 0.85]),
)
def test_same_pairs_as_comparing_every_pair_without_spaces(texts, threshold):
    claims = {f"c{i}": t for i, t in enumerate(texts)}
    ids = sorted(claims)
    expected = {
        (a, b)
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if similarity(claims[a], claims[b]) >= threshold
    }
    similar._memo = None
    assert {(a, b) for a, b, _ in near_duplicates(claims, threshold)} == expected


def test_claims_sharing_all_their_characters_are_checked_in_linear_time():
    """The same bound holds where each character is a word: 20 of the same 30 Chinese characters
    in every claim (the work, counted in lines run, grows with the claims, not their pairs)."""
    from factories import lines_run

    vocab = list("東京大阪失業率人口増加減少年月日倍半分政府発表統計局数字示述")
    normalise("東")  # reads the combining marks' ranges once, not in the first count

    def picks(n: int) -> dict[str, str]:
        rng = random.Random(1)
        return {f"c{i}": "".join(rng.sample(vocab, 20)) for i in range(n)}

    def work(claims: dict[str, str]) -> int:
        similar._memo = None
        return lines_run(near_duplicates, claims, 0.85, 4, module=similar)[1]

    assert work(picks(2000)) < work(picks(500)) * 4 * 1.2
