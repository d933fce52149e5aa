"""A Hebrew or Arabic word is found with the short words written onto it.

Hebrew and Arabic write "the", "and", "in", "to", "from", "that"... as letters attached to the next
word: האבטלה is "the unemployment", באבטלה "in unemployment"; البطالة "the unemployment",
والبطالة "and the unemployment", للبطالة "for the unemployment". Pagefind matches a query word at
the start of an indexed word, so a reader who typed אבטלה found only the claims that happen to write
the bare word, not the one about "האבטלה". Pagefind has no Hebrew stemmer at all; its Arabic one
(Snowball) takes some of the prefixes off, not all. Here a reader searches a Hebrew and an Arabic
site, and a Hebrew claim on an English site, for the bare word and gets every claim that writes it
with or without such a prefix, in one list, each once, with the written word (האבטלה) highlighted
in the excerpt as the claim writes it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browserkit import SEARCH_SETTLED, goto_path, serve

from generator.cli import main
from tests.test_any_language import translate  # every msgstr written, in brackets

URL = "https://desk.example/"

# id -> claim; the query word is written in it with the prefix the id names.
HEBREW = {
    "ha": "שיעור האבטלה בתל אביב עלה פי שניים בשנה אחת.",  # the unemployment
    "be": "הממשלה השקיעה מיליארד שקלים במאבק באבטלה בצפון.",  # in unemployment
    "veha": "המחירים עלו והאבטלה ירדה באותה שנה.",  # and the unemployment
    "sheha": "ראש העיר אמר שהאבטלה בעיר ירדה בחצי.",  # that the unemployment
    "bare": "אבטלה בקרב צעירים הוכפלה מאז 2020.",  # unemployment
    # both forms: found by two searches, counted once
    "twice": "אבטלה גבוהה בדרום, והאבטלה בצפון נמוכה ממנה.",
    "housing": "מחירי הדיור בחיפה עלו בעשרה אחוזים.",  # neither
}
ARABIC = {
    "al": "ارتفعت البطالة في القاهرة إلى عشرة في المئة.",  # the unemployment
    "bil": "تأثر الشباب بالبطالة أكثر من غيرهم في عام واحد.",  # by the unemployment
    "wal": "وعد الوزير بخفض الضرائب والبطالة معا خلال عامين.",  # and the unemployment
    "lil": "قال الوزير إن للبطالة أسبابا كثيرة في الريف.",  # for the unemployment
    "bare": "نسبة بطالة الخريجين تضاعفت منذ عام 2020.",  # unemployment (construct state)
    "bread": "ارتفعت أسعار الخبز في الإسكندرية ثلاثة أضعاف.",  # neither
}
HEBREW_WORD, ARABIC_WORD = "אבטלה", "بطالة"
WITH_WORD = {"he": sorted(set(HEBREW) - {"housing"}), "ar": sorted(set(ARABIC) - {"bread"})}


def _build(root: Path, language: str, claims: dict[str, str], claim_language: str = "") -> Path:
    desk = root / "desk"
    assert main(["init", str(desk), "--name", "Desk", "--url", URL, "--language", language]) == 0
    own = desk / "locale" / language / "LC_MESSAGES" / "messages.po"
    if own.exists():
        translate(own)
    content = desk / "content"
    (content / "people" / "mayor.yaml").write_text('name: "Dana Levi"\nkind: person\n', "utf-8")
    (content / "people" / "ed.yaml").write_text('name: "Ed Checker"\nkind: person\n', "utf-8")
    tagged = f"language: {claim_language}\n" if claim_language else ""
    for cid, claim in claims.items():
        (content / "claims" / f"{cid}.yaml").write_text(
            f'claim: "{claim}"\nclaimant: mayor\ndate: 2026-03-01\n{tagged}appearances:\n'
            f'  - url: "https://news.example/{cid}"\n    title: "Press conference"\n',
            "utf-8",
        )
        (content / "verdicts" / f"{cid}.yaml").write_text(
            f"claim: {cid}\nrating: false\n"
            'summary: "Official figures show a rise of a tenth."\n'
            'body: "The statistics office [@stats] reports a small change."\n'
            'sources:\n  - id: stats\n    title: "Labour survey"\n'
            '    url: "https://stat.example/survey"\n'
            "authors: [ed]\npublished: 2026-03-05\n",
            "utf-8",
        )
    out = root / "site"
    config = str(desk / "mkdocs.yml")
    argv = ["build", "--content", str(content), "--out", str(out), "--config", config]
    assert main(argv) == 0
    return out


@pytest.fixture(scope="module")
def hebrew_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("he"), "he", HEBREW)


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("ar"), "ar", ARABIC)


@pytest.fixture(scope="module")
def english_site(tmp_path_factory) -> Path:
    """An English site with the Hebrew claims (their own `language: he`), in the English index."""
    return _build(tmp_path_factory.mktemp("en-he"), "en", HEBREW, claim_language="he")


def _search(page, query: str) -> list[dict]:
    """The results the search box lists for `query` (every page of them): claim id and the marked
    words of its excerpt."""
    goto_path(page, "?q=" + query)
    page.wait_for_function(SEARCH_SETTLED)
    more = page.locator(".fc-search__more")
    while more.is_visible():
        more.click()
        page.wait_for_function(SEARCH_SETTLED)
    return page.evaluate(
        """() => [...document.querySelectorAll('.fc-search__result')].map(li => ({
            id: new URL(li.querySelector('a.fc-search__link').href).pathname.split('/')[2],
            marked: [...li.querySelectorAll('.fc-search__excerpt mark')].map(m => m.textContent),
        }))"""
    )


def _ids(results: list[dict]) -> list[str]:
    return [r["id"] for r in results]


@pytest.mark.parametrize(
    ("fixture", "word", "claims", "expected"),
    [
        ("hebrew_site", HEBREW_WORD, HEBREW, WITH_WORD["he"]),
        ("arabic_site", ARABIC_WORD, ARABIC, WITH_WORD["ar"]),
        ("english_site", HEBREW_WORD, HEBREW, WITH_WORD["he"]),
    ],
)
def test_the_bare_word_finds_every_claim_that_writes_it_with_a_prefix(
    request, make_page, fixture, word, claims, expected
):
    with serve(request.getfixturevalue(fixture)) as base:
        page, log = make_page(base)
        results = _search(page, word)
    assert sorted(_ids(results)) == expected, results  # each once, and not the other claim
    for r in results:
        # The excerpt marks the word as the claim writes it (האבטלה), which is in the claim.
        assert r["marked"], r
        assert all(m in claims[r["id"]] and word in m for m in r["marked"]), r
    log.assert_clean(f"search for {word} on {fixture}")


def test_every_word_of_a_query_is_found_with_its_prefixes_and_counted_once(hebrew_site, make_page):
    """אבטלה ירדה: the claims that write והאבטלה ... ירדה and שהאבטלה ... ירדה, not the one with
    האבטלה alone; and the rating filter counts each claim of a merged list once."""
    with serve(hebrew_site) as base:
        page, log = make_page(base)
        assert sorted(_ids(_search(page, f"{HEBREW_WORD} ירדה"))) == ["sheha", "veha"]
        found = _ids(_search(page, HEBREW_WORD))
        page.locator("select[data-facet=rating]").focus()
        page.wait_for_function(
            """() => [...document.querySelectorAll('select[data-facet=rating] option')]
                .some(o => /\\(/.test(o.textContent))"""
        )
        options = page.locator("select[data-facet=rating] option").all_inner_texts()
    counted = [int(o.rsplit("(", 1)[1].rstrip(")")) for o in options if "(" in o]
    # Every claim here is rated false: one option counts all six, none counts one twice.
    assert max(counted) == len(found) == len(WITH_WORD["he"]), options
    assert sum(counted) == len(found), options
    log.assert_clean("search in Hebrew with a filter")
