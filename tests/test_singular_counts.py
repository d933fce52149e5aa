"""Counts a reader sees on a site of none, one, two and twenty-one claims, in English, Ukrainian and Arabic.

A list of one is no "All 1 claim", "The 1 claim we have checked", "One claim. 1 has a published
verdict. Browse them also ..." or "Every source ... (1), grouped by publisher": it says "the only
claim" and "it". From two on, the count takes the language's plural form; in Ukrainian and Arabic
21 falls in the same category as 1 ("one" in Ukrainian) or one of its own ("many" in Arabic), so the
sentence for exactly one must not be what 21 gets. Each site is made by `factcheck init --language X`,
given N fact checks from one speech with its full text, and built for real.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.cli import main

SIZES = (0, 1, 2, 21)
LANGUAGES = ("en", "uk", "ar")


def _write(content: Path, n: int, *, verdicts: bool = True, retracted: bool = False) -> None:
    """n claims quoted from one speech (with its text), each on the economy topic; each has a
    published verdict citing one source of its own, unless `verdicts` is false."""
    (content / "people" / "minister.yaml").write_text('name: "Min"\nkind: person\n', "utf-8")
    (content / "people" / "editor.yaml").write_text('name: "Ed"\nkind: person\n', "utf-8")
    docs = content / "documents"
    docs.mkdir(exist_ok=True)
    (docs / "speech.yaml").write_text(
        'title: "The speech"\nkind: speech\ndate: 2026-12-01\nurl: "https://news.example/speech"\n',
        "utf-8",
    )
    (docs / "speech.txt").write_text(
        "".join(f"Claim number {i} is said here.\n\n" for i in range(max(n, 1))), "utf-8"
    )
    for i in range(n):
        (content / "claims" / f"c{i}.yaml").write_text(
            f'claim: "Claim number {i}."\nclaimant: minister\ndate: 2026-12-01\n'
            f'topics: [economy]\nappearances:\n  - document: speech\n    quote: "Claim number {i}"\n',
            "utf-8",
        )
        if not verdicts:
            continue
        retraction = (
            '\nupdates:\n  - date: 2026-12-08\n    type: retraction\n    note: "It was wrong."\n'
            if retracted
            else "\n"
        )
        (content / "verdicts" / f"c{i}.yaml").write_text(
            f'claim: c{i}\nrating: false\nsummary: "Not so."\nbody: "See [@s0]."\n'
            f'sources:\n  - id: s0\n    title: "Source {i}"\n    url: "https://data.example/{i}"\n'
            f"authors: [editor]\npublished: 2026-12-07{retraction}",
            "utf-8",
        )


def _build(root: Path, language: str, n: int, **kw: bool) -> Path:
    argv = ["init", str(root), "--name", "Desk", "--url", "https://facts.example.org/"]
    assert main([*argv, "--language", language]) == 0
    _write(root / "content", n, **kw)
    out = root / "site"
    build = ["build", "--content", str(root / "content"), "--config", str(root / "mkdocs.yml")]
    assert main([*build, "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """(language, n) -> the built site, each built once for the module, on first use."""
    built: dict[tuple[str, int], Path] = {}

    def get(language: str, n: int) -> Path:
        if (language, n) not in built:
            root = tmp_path_factory.mktemp(f"counts-{language}-{n}") / "desk"
            built[language, n] = _build(root, language, n)
        return built[language, n]

    return get


def _text(fragment: str) -> str:
    """What a reader reads: tags out, entities decoded, runs of white space as one space (a
    no-break space is kept: it is part of how the language writes a date or a number)."""
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def _page(out: Path, path: str) -> str:
    return (out / path / "index.html").read_text("utf-8")


def _opening(out: Path, path: str) -> str:
    """The first paragraph of a page's main content."""
    found = re.search(r"<main\b.*?<p>(.*?)</p>", _page(out, path), re.S)
    assert found, path
    return _text(found[1])


def _description(out: Path, path: str) -> str:
    found = re.search(r'<meta name="description" content="([^"]*)"', _page(out, path))
    assert found, path
    return html.unescape(found[1])


def _home_link_to_claims(out: Path) -> str | None:
    """The words of the home page's link to the list of claims under the latest fact checks."""
    found = re.search(r'<p><a href="claims/">(.*?)</a></p>', _page(out, "."), re.S)
    return _text(found[1]) if found else None


CLAIMS_LIST = {
    "en": {
        1: "One claim. It has a published verdict. You can also find it by rating, by topic, "
        "by person or by document.",
        2: "2 claims, newest first. 2 have a published verdict. Browse them also by rating, "
        "by topic, by person or by document.",
        21: "21 claims, newest first. 21 have a published verdict. Browse them also by rating, "
        "by topic, by person or by document.",
    },
    "uk": {
        1: "Одне твердження. Вердикт щодо нього опубліковано. Його також можна знайти за оцінками, "
        "за темами, за особами або за документами.",
        2: "2 твердження, спершу найновіші. З них 2 мають опублікований вердикт. Їх також можна "
        "переглянути за оцінками, за темами, за особами або за документами.",
        21: "21 твердження, спершу найновіші. З них 21 має опублікований вердикт. Їх також можна "
        "переглянути за оцінками, за темами, за особами або за документами.",
    },
    "ar": {
        1: "ادعاء واحد. وقد نُشر الحكم فيه. يمكنك أيضًا الوصول إليه حسب التقييم، أو حسب الموضوع، "
        "أو حسب الشخص، أو حسب الوثيقة.",
        2: "ادعاءان، الأحدث أولًا. نُشر الحكم في ادعاءين منها. يمكنك أيضًا تصفّحها حسب التقييم، "
        "أو حسب الموضوع، أو حسب الشخص، أو حسب الوثيقة.",
        21: "21 ادعاءً، الأحدث أولًا. نُشر الحكم في 21 منها. يمكنك أيضًا تصفّحها حسب التقييم، "
        "أو حسب الموضوع، أو حسب الشخص، أو حسب الوثيقة.",
    },
}
NOTHING_YET = {
    "en": "No fact check has been published yet.",
    "uk": "Поки не опубліковано жодної перевірки.",
    "ar": "لم يُنشر أي مقال تحقق بعد.",
}


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_claims_list_opens_with_its_count_in_words_that_fit_it(sites, language, n):
    expected = CLAIMS_LIST[language].get(n, NOTHING_YET[language])
    assert _opening(sites(language, n), "claims") == expected


CLAIMS_DESCRIPTION = {
    "en": {
        1: "The only claim we have checked or are checking.",
        2: "All 2 claims we have checked or are checking.",
        21: "All 21 claims we have checked or are checking.",
    },
    "uk": {
        1: "Єдине твердження, яке ми перевірили або перевіряємо.",
        2: "Усі 2 твердження, які ми перевірили або перевіряємо.",
        21: "21 твердження, яке ми перевірили або перевіряємо.",
    },
    "ar": {
        1: "الادعاء الوحيد الذي تحققنا منه أو نعمل على التحقق منه.",
        2: "ادعاءان تحققنا منهما أو نعمل على التحقق منهما.",
        21: "جميع الادعاءات التي تحققنا منها أو نعمل على التحقق منها، وعددها 21.",
    },
}


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_claims_lists_description_for_search_and_sharing(sites, language, n):
    expected = CLAIMS_DESCRIPTION[language].get(n, NOTHING_YET[language])
    assert _description(sites(language, n), "claims") == expected


HOME_LINK = {
    "en": {1: "The only claim so far", 2: "All 2 claims", 21: "All 21 claims"},
    "uk": {
        1: "Поки що єдине твердження",
        2: "Усі твердження (2)",
        21: "Усі твердження (21)",
    },
    "ar": {
        1: "الادعاء الوحيد حتى الآن",
        2: "جميع الادعاءات (2)",
        21: "جميع الادعاءات (21)",
    },
}


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_pages_link_to_every_claim(sites, language, n):
    """No "All 1 claim"; a site with no claim has no link to an empty list at all."""
    assert _home_link_to_claims(sites(language, n)) == HOME_LINK[language].get(n)


SOURCES = {
    "en": {
        0: "No sources yet.",
        1: "The only source cited in our fact checks so far.",
        2: "Every source cited in our fact checks (2), grouped by publisher.",
        21: "Every source cited in our fact checks (21), grouped by publisher.",
    },
    "uk": {
        0: "Джерел поки немає.",
        1: "Поки що єдине джерело, на яке ми посилаємося в перевірках.",
        2: "Усі джерела, на які ми посилаємося в перевірках (2), згруповані за видавцями.",
        21: "Усі джерела, на які ми посилаємося в перевірках (21), згруповані за видавцями.",
    },
    "ar": {
        0: "لا توجد مصادر بعد.",
        1: "المصدر الوحيد الذي استندنا إليه في مقالات التحقق حتى الآن.",
        2: "جميع المصادر التي استندنا إليها في مقالات التحقق (2)، مصنّفةً حسب الجهة الناشرة.",
        21: "جميع المصادر التي استندنا إليها في مقالات التحقق (21)، مصنّفةً حسب الجهة الناشرة.",
    },
}


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sources_page_counts_its_sources(sites, language, n):
    assert _opening(sites(language, n), "sources") == SOURCES[language][n]


TOPIC_COUNT = {
    "en": {0: "0 claims", 1: "1 claim", 2: "2 claims", 21: "21 claims"},
    "uk": {0: "0 тверджень", 1: "1 твердження", 2: "2 твердження", 21: "21 твердження"},
    "ar": {0: "0 ادعاء", 1: "ادعاء واحد", 2: "ادعاءان", 21: "21 ادعاءً"},
}
DOCUMENT_ENTRY = {  # the speech in the list of documents: kind, date and, from 1 on, the count
    "en": {
        0: "(speech, December 1, 2026)",
        1: "(speech, December 1, 2026; 1 checked claim)",
        2: "(speech, December 1, 2026; 2 checked claims)",
        21: "(speech, December 1, 2026; 21 checked claims)",
    },
    "uk": {
        0: "(промова, 1 грудня 2026\u202fр.)",
        1: "(промова, 1 грудня 2026\u202fр.; 1 перевірене твердження)",
        2: "(промова, 1 грудня 2026\u202fр.; 2 перевірені твердження)",
        21: "(промова, 1 грудня 2026\u202fр.; 21 перевірене твердження)",
    },
    "ar": {
        0: "(خطاب، 1 ديسمبر 2026)",
        1: "(خطاب، 1 ديسمبر 2026؛ ادعاء واحد تحققنا منه)",
        2: "(خطاب، 1 ديسمبر 2026؛ ادعاءان تحققنا منهما)",
        21: "(خطاب، 1 ديسمبر 2026؛ 21 ادعاءً تحققنا منها)",
    },
}


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_topic_and_document_lists_count_in_the_languages_plural_form(sites, language, n):
    out = sites(language, n)
    topics = _page(out, "topics")
    economy = re.search(
        r'href="[^"]*economy/">.*?</a> <span class="fc-muted">\((.*?)\)</span>', topics
    )
    assert economy and _text(economy[1]) == TOPIC_COUNT[language][n]
    document = re.search(
        r'href="[^"]*speech/">.*?</a> <span class="fc-muted">(.*?)</span>', _page(out, "documents")
    )
    # A document no claim appears in gives no count: "0 checked claims" would read as a finding.
    assert document and _text(document[1]) == DOCUMENT_ENTRY[language][n]


@pytest.mark.parametrize("n", SIZES)
def test_a_document_tells_the_order_of_its_claims_only_when_there_are_two_or_more(sites, n):
    page = _text(_page(sites("en", n), "documents/speech"))
    assert ("In the order they appear in the document." in page) == (n >= 2)


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        (
            {"verdicts": False},
            "One claim. It is under review. You can also find it by rating, by topic, by person "
            "or by document.",
        ),
        (
            {"retracted": True},
            "One claim. Its fact check was retracted. You can also find it by rating, by topic, "
            "by person or by document.",
        ),
    ],
    ids=["under-review", "retracted"],
)
def test_a_list_of_one_claim_under_review_or_retracted_says_it(tmp_path, kw, expected):
    out = _build(tmp_path / "desk", "en", 1, **kw)
    assert _opening(out, "claims") == expected
