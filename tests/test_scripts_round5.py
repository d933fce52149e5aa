"""Newsrooms writing Khmer, Lao, Burmese, Tibetan, Amharic or Tamil: what the build gives them.

Khmer, Lao, Burmese and Tibetan have no spaces between words, and Pagefind splits none of them: a
whole sentence was one indexed word, so a word inside it found nothing. The copy of each claim page
Pagefind reads has each word cut into pieces (search.py `in_pieces`) that search.js can cut a query
into too. Names and topic labels in these scripts were listed after every Latin one ("Anna Smith"
before "កែវ បុប្ផា"); CLDR's collation for each language puts its own script first. The browser
side (a reader typing a word) is tests/browser/test_scripts_round5.py.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from generator import search
from generator.cli import main
from generator.collation import sort_key
from tests.test_any_language import translate

URL = "https://desk.example/"
# The claim (a sentence without spaces) and a word inside it that is not at its start.
KHMER_CLAIM = "តម្លៃអង្ករនៅខេត្តបាត់ដំបងបានឡើងបីដងក្នុងរយៈពេលមួយឆ្នាំ។"
KHMER_WORD = "បាត់ដំបង"


def test_a_khmer_word_is_pairs_of_its_pieces_as_in_its_sentence():
    # The word alone and inside its sentence give the same pairs: a query's pairs are the text's.
    sentence = search.in_pieces(KHMER_CLAIM).split()
    word = search.in_pieces(KHMER_WORD).split()
    assert word[:-1] == ["បាត់ដំ", "ដំប", "បង"], word
    assert all(pair in sentence for pair in word[:-1])
    # Subscripts stay with their letter (ង្ក), a final with its bantoc (បាត់): no piece begins
    # with a mark or a subscript.
    assert "អង្ក" in sentence and "ង្ករ" in sentence
    assert not any(p.startswith(("\u17d2", "\u17cb")) for p in sentence)


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("ລາຄາເຂົ້າ", ["ລາຄາ", "ຄາເຂົ້າ", "ເຂົ້າ"]),  # Lao: a vowel written first stays with its letter
        ("ကျောင်းအသစ်", ["ကျောင်းအ", "အသစ်", "သစ်"]),  # Burmese: asat finals stay in their syllable
        ("སློབ་གྲྭ་གསར་པ", ["སློབ་གྲྭ་", "གྲྭ་གསར་", "གསར་པ", "པ"]),  # Tibetan: at each tsheg
        ("ឆ្នាំ២០២៥", ["ឆ្នាំ២០២៥", "២០២៥"]),  # digits apart from letters
    ],
)
def test_lao_burmese_tibetan_and_digits_are_cut_where_no_dictionary_is_needed(text, pairs):
    assert search.in_pieces(text).split() == pairs


def test_other_text_and_a_space_the_text_had_are_kept():
    assert search.in_pieces("Anna Smith, 2026") == "Anna Smith, 2026"
    assert search.in_pieces("សុខ ចាន់ធា") == "សុខ ខ" + search.KEPT_SPACE + "ចាន់ធា ធា"


def test_a_filter_value_stays_whole_and_its_text_is_searched_in_pieces():
    page = (
        '<main data-pagefind-body><a href="p/" data-pagefind-filter="claimant">សុខ ចាន់ធា</a>'
        '<span data-pagefind-meta="title">ភ្នំពេញ</span><p>ភ្នំពេញ</p></main>'
    )
    out = search.pieced(page)
    assert 'data-pagefind-filter="claimant:សុខ ចាន់ធា">សុខ ខ' in out
    assert '<span data-pagefind-meta="title">ភ្នំពេញ</span>' in out  # the title readers see
    assert "<p>ភ្នំពេ ពេញ ញ</p>" in out


def test_the_search_ui_gets_the_same_places_to_cut_a_query():
    js = search._asset("search.js")
    assert "CONFIG.pieceBreaks" in js
    assert '"pieceBreaks"' not in js[: js.index("/*@end*/")]  # the build writes it in


def _indexed_words(bundle: Path) -> set[str]:
    words: set[str] = set()
    for chunk in (bundle / "index").glob("*.pf_index"):
        words |= set(search._strings(search._read_chunk(chunk)))
    return words


@pytest.fixture(scope="module")
def khmer_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("km")
    desk = root / "desk"
    argv = ["init", str(desk), "--name", "Desk", "--url", URL, "--language", "km"]
    assert main(argv) == 0
    for po in desk.glob("locale/*/LC_MESSAGES/messages.po"):
        translate(po)
    content = desk / "content"
    people = {"anna": "Anna Smith", "bopha": "កែវ បុប្ផា", "sokha": "សុខ ចាន់ធា", "zoe": "Zoe Brown"}
    for pid, name in people.items():
        (content / "people" / f"{pid}.yaml").write_text(f'name: "{name}"\nkind: person\n', "utf-8")
    (content / "claims" / "rice-price.yaml").write_text(
        f'claim: "{KHMER_CLAIM}"\nclaimant: sokha\ndate: 2026-03-02\nappearances:\n'
        '  - url: "https://news.example/rice"\n',
        "utf-8",
    )
    (content / "verdicts" / "rice-price.yaml").write_text(
        'claim: rice-price\nrating: false\nsummary: "តួលេខបង្ហាញថាកំណើនមានត្រឹមតែដប់ភាគរយ។"\n'
        'body: "វិទ្យាស្ថានជាតិស្ថិតិ [@stat]"\nsources:\n  - id: stat\n    title: "ស្ថិតិ"\n'
        '    url: "https://stat.example/x"\nauthors: [anna]\npublished: 2026-03-15\n',
        "utf-8",
    )
    out = root / "site"
    config = str(desk / "mkdocs.yml")
    argv = ["build", "--content", str(content), "--out", str(out), "--config", config]
    assert main(argv) == 0
    return out


def test_the_built_index_has_the_pairs_of_a_khmer_sentence(khmer_site):
    words = _indexed_words(khmer_site / "pagefind")
    assert {"បាត់ដំ", "ដំប", "បង"} <= words  # before: only the whole sentence, one word
    # The claimant filter lists the name whole, as the page writes it.
    meta = json.loads((khmer_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert meta["languages"]
    names = set()
    for chunk in (khmer_site / "pagefind" / "filter").glob("*.pf_filter"):
        name, values = search._read_chunk(chunk)
        if name == "claimant":
            names |= {v[0] for v in values}
    assert names == {"សុខ ចាន់ធា"}


def test_the_published_page_is_not_cut(khmer_site):
    page = (khmer_site / "claims" / "rice-price" / "index.html").read_text("utf-8")
    assert KHMER_CLAIM in page and "\u2060" not in page
    fragments = list((khmer_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments and all(gzip.decompress(f.read_bytes()) for f in fragments)


def test_people_in_khmer_are_listed_before_latin_names(khmer_site):
    page = (khmer_site / "people" / "index.html").read_text("utf-8")
    others = page[page.index('id="others"') :]  # neither a claimant nor a fact-checker
    assert others.index("កែវ បុប្ផា") < others.index("Zoe Brown")


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("km", ["កែវ បុប្ផា", "សុខ ចាន់ធា"]),
        ("lo", ["ຄຳຫຼ້າ ພົມມະຈັນ", "ສົມສັກ ວົງສະຫວັນ"]),
        ("my", ["စီးပွားရေးဝန်ကြီး", "အောင်ကျော်"]),
        ("bo", ["དཔལ་འབྱོར།", "བཀྲ་ཤིས།"]),
        ("am", ["ትግስት ኃይሌ", "አበበ ከበደ"]),
        ("ta", ["அன்பு ராஜா", "குமார் செல்வம்"]),
    ],
)
def test_names_in_the_sites_script_come_first_in_its_order(language, names):
    mixed = ["Zoe Brown", names[1], "Anna Smith", names[0]]
    assert sorted(mixed, key=lambda n: sort_key(n, language)) == [*names, "Anna Smith", "Zoe Brown"]


def test_lao_vowels_written_first_sort_by_their_letter():
    words = ["ຂ", "ໄກ", "ກາ", "ເກ"]
    assert sorted(words, key=lambda w: sort_key(w, "lo")) == ["ກາ", "ເກ", "ໄກ", "ຂ"]
