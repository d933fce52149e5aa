"""Lists of names in the alphabetical order of the site's language, and list entries in another
language than their page marked as such (lang, dir)."""

from __future__ import annotations

import dataclasses

import pytest
from factories import SETTINGS, ParsedPage, claim, person, sample_content, source
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.collation import sort_key
from generator.link import link
from generator.model import Topic
from generator.render import render_pages

SPANISH_PEOPLE = ["Ángel Álvarez", "Beto Blanco", "Élodie Écija", "Óscar Ortega", "Zoe Zapata"]
SPANISH_TOPICS = ["Árboles", "Banca", "Economía", "Ópera", "Zoología"]
UKRAINIAN_ALPHABET = [
    "а",
    "б",
    "в",
    "г",
    "ґ",
    "д",
    "е",
    "є",
    "ж",
    "з",
    "и",
    "і",
    "ї",
    "й",
    "к",
    "л",
    "м",
    "н",
    "о",
    "п",
    "р",
    "с",
    "т",
    "у",
    "ф",
    "х",
    "ц",
    "ч",
    "ш",
    "щ",
    "ь",
    "ю",
    "я",
]
UKRAINIAN_PEOPLE = [
    "Андрій Бойко",
    "Галина Гуцул",
    "Ґанна Ґава",
    "Дмитро Дорош",
    "Емма Есаулова",
    "Євген Єрмак",
    "Иван Иванишин",
    "Ігор Ірванець",
    "Їжак Їжакевич",
    "Йосип Йовенко",
    "Ярослав Яцків",
]


def in_order(language: str, names: list[str]) -> list[str]:
    return sorted(reversed(names), key=lambda n: sort_key(n, language))


@given(
    st.text(
        alphabet=st.sampled_from(
            list("aAlLzZ ·-'.,0")
            + ["\u00b7", "\u0301", "\u0308", "ñ", "é", "ї", "ґ", "Ǆ", "ﬁ", "北", "𠀋"]
            + list("أبحדכअहकिกเ김あ")
        ),
        max_size=12,
    ),
    st.sampled_from([None, "es", "uk", "ar", "zh", "ko", "hi"]),
)
@settings(deadline=None)  # the first example loads the collator (0.3 s)
def test_the_quick_key_is_pyucas_own(text, language):
    """sort_key skips pyuca's general loop for texts without contractions (l·l) or implicit
    weights (北): the key must be the same as pyuca's, or the order would differ by path."""
    from generator.collation import _tailoring, collator

    assert sort_key(text, language)[0] == collator(_tailoring(language)).sort_key(text)


def test_spanish_names_and_topics_are_in_alphabetical_order():
    assert in_order("es", SPANISH_PEOPLE) == SPANISH_PEOPLE
    assert in_order("es", SPANISH_TOPICS) == SPANISH_TOPICS
    # Spanish has ñ as a letter of its own, after n: DUCET alone sorts it as an accented n.
    assert in_order("es", ["Ñoño", "Nuñez", "Olmo"]) == ["Nuñez", "Ñoño", "Olmo"]


def test_the_ukrainian_alphabet_is_in_order_in_both_cases():
    letters = [c for lower in UKRAINIAN_ALPHABET for c in (lower, lower.upper())]
    assert in_order("uk", letters) == letters


def test_ukrainian_names_are_in_alphabetical_order():
    assert in_order("uk", UKRAINIAN_PEOPLE) == UKRAINIAN_PEOPLE
    # ґ and ї are letters of their own, after every word in г and і, not accented г and і.
    assert in_order("uk", ["Ґава", "Гуцул", "Їжак", "Ірина"]) == ["Гуцул", "Ґава", "Ірина", "Їжак"]


def test_other_languages_sort_accented_letters_with_their_base_letter():
    assert in_order("en", SPANISH_PEOPLE) == SPANISH_PEOPLE
    assert in_order("fr", ["Zoé", "Émile", "Eric", "Édith"]) == ["Édith", "Émile", "Eric", "Zoé"]


@given(
    st.lists(st.text(max_size=6), max_size=12),
    st.sampled_from(["es", "uk", "en", "ar", "he", "hi", "th", "zh", "ko", "ja"]),
)
@settings(deadline=None)  # the first example may load a collator (0.3 s)
def test_the_order_is_the_same_whatever_order_the_names_come_in(names, language):
    """Names that collate alike (a precomposed á and a+accent) still have one order everywhere."""
    key = lambda n: sort_key(n, language)  # noqa: E731
    assert sorted(names, key=key) == sorted(reversed(names), key=key)


MIXED = [
    "Ángel",
    "Open Fact Desk",
    "Ольга",
    "דוד",
    "أحمد",
    "राहुल",
    "สมชาย",
    "김민수",
    "たなか",
    "王小明",
]


@pytest.mark.parametrize(
    ("language", "first"),
    [
        ("ar", ["أحمد"]),
        ("he", ["דוד"]),
        ("hi", ["राहुल"]),
        ("th", ["สมชาย"]),
        ("zh", ["王小明"]),
        ("ko", ["김민수", "王小明"]),
        ("uk", ["Ольга"]),
    ],
)
def test_names_in_the_languages_own_script_come_first(language, first):
    """As in CLDR's collation of the language (`[reorder Arab]`); then DUCET's order of scripts."""
    rest = [n for n in MIXED if n not in first]
    assert in_order(language, MIXED) == [*first, *rest]


def test_names_in_one_script_keep_their_order_whatever_the_language():
    hindi = ["अमित", "कमला", "राहुल शर्मा", "सुनीता"]
    arabic = ["أحمد محمود", "بسام", "سمير", "يوسف"]
    hebrew = ["אבי", "דוד כהן", "משה", "תמר"]
    thai = ["กมล", "เกษม", "สมชาย ใจดี"]  # the vowel written before its consonant is read after it
    korean = ["김민수", "박지성", "이영희"]
    kana = ["あべ", "アベ", "すずき", "たなか"]
    for names in (hindi, arabic, hebrew, thai, korean, kana):
        for language in (None, "en", "ar", "he", "hi", "th", "ko", "zh", "ja"):
            assert in_order(language, names) == names


def test_the_people_index_of_an_arabic_site_lists_arabic_names_first():
    names = ["Open Fact Desk", "Zoe Zapata", "أحمد محمود", "بسام حداد", "يوسف"]
    settings = dataclasses.replace(SETTINGS, language="ar", locale=None)
    pages = render_pages(_people_site(list(reversed(names))), settings)
    assert _listed(pages["people/index.md"].html, names) == [*names[2:], *names[:2]]


def _people_site(names: list[str]):
    people = {f"p{i}": person(f"p{i}", name) for i, name in enumerate(names)}
    content = sample_content()
    return link(dataclasses.replace(content, people={**content.people, **people}))


def _listed(html: str, names: list[str]) -> list[str]:
    text = ParsedPage(html).text
    return sorted(names, key=text.index)


def test_the_people_index_of_a_spanish_site_lists_names_alphabetically():
    settings = dataclasses.replace(SETTINGS, language="es", locale=None)
    pages = render_pages(_people_site(list(reversed(SPANISH_PEOPLE))), settings)
    assert _listed(pages["people/index.md"].html, SPANISH_PEOPLE) == SPANISH_PEOPLE


def test_the_people_index_of_a_ukrainian_site_lists_names_alphabetically():
    settings = dataclasses.replace(SETTINGS, language="uk", locale=None)
    pages = render_pages(_people_site(list(reversed(UKRAINIAN_PEOPLE))), settings)
    assert _listed(pages["people/index.md"].html, UKRAINIAN_PEOPLE) == UKRAINIAN_PEOPLE


def test_the_topics_index_of_a_spanish_site_lists_topics_alphabetically():
    topics = {f"t{i}": Topic(f"t{i}", label) for i, label in enumerate(reversed(SPANISH_TOPICS))}
    content = sample_content(topics=topics)
    claims = {
        cid: dataclasses.replace(c, topics=tuple(topics)) for cid, c in content.claims.items()
    }
    site = link(dataclasses.replace(content, claims=claims))
    settings = dataclasses.replace(SETTINGS, language="es", locale=None)
    pages = render_pages(site, settings)
    assert _listed(pages["topics/index.md"].html, SPANISH_TOPICS) == SPANISH_TOPICS


def test_the_sources_page_of_a_spanish_site_lists_publishers_and_titles_alphabetically():
    cited = (
        source("zeta", title="Zonas", publisher="Zafra Datos"),
        source("alfa", title="Índice", publisher="Órgano Oficial"),
        source("beta", title="Áreas", publisher="Órgano Oficial"),
        source("gama", title="Censo", publisher="Banco Central"),
    )
    content = sample_content()
    verdicts = {
        cid: dataclasses.replace(v, sources=(*v.sources, *cited))
        for cid, v in content.verdicts.items()
    }
    settings = dataclasses.replace(SETTINGS, language="es", locale=None)
    pages = render_pages(link(dataclasses.replace(content, verdicts=verdicts)), settings)
    html = pages["sources/index.md"].html
    publishers = ["Banco Central", "Órgano Oficial", "Zafra Datos"]
    assert _listed(html, publishers) == publishers
    assert _listed(html, ["Áreas", "Índice", "Zonas"]) == ["Áreas", "Índice", "Zonas"]


# --- list entries in another language than their page ------------------------------------------


def _title_link(html: str, href: str) -> dict[str, str | None]:
    (found,) = ParsedPage(html).find("a", class_="fc-item__title", href=href)
    return found


def test_an_english_claim_listed_on_an_arabic_site_is_marked_english_left_to_right():
    content = sample_content()
    english = claim("prices-rose", claim="Prices rose 50%!", claimant="jane-doe", language="en")
    site = link(dataclasses.replace(content, claims={**content.claims, "prices-rose": english}))
    pages = render_pages(site, dataclasses.replace(SETTINGS, language="ar", locale=None))
    listed = pages["claims/index.md"].html
    title = _title_link(listed, "../claims/prices-rose/")
    assert (title.get("lang"), title.get("dir")) == ("en", "ltr")
    arabic = _title_link(listed, "../claims/new-hospital/")
    assert "lang" not in arabic and "dir" not in arabic
    person_page = _title_link(pages["people/jane-doe.md"].html, "../../claims/prices-rose/")
    assert (person_page.get("lang"), person_page.get("dir")) == ("en", "ltr")


def test_an_arabic_claim_related_to_an_english_one_is_marked_on_the_english_page():
    content = sample_content()
    claims = dict(content.claims)
    claims["unemployment-doubled"] = dataclasses.replace(
        claims["unemployment-doubled"], language="en"
    )
    site = link(dataclasses.replace(content, claims=claims))
    pages = render_pages(site, dataclasses.replace(SETTINGS, language="ar", locale=None))
    related = _title_link(
        pages["claims/unemployment-doubled.md"].html, "../../claims/exports-halved/"
    )
    assert (related.get("lang"), related.get("dir")) == ("ar", "rtl")


def test_a_claim_in_the_site_language_has_no_language_of_its_own():
    pages = render_pages(link(sample_content()), SETTINGS)
    title = _title_link(pages["claims/index.md"].html, "../claims/new-hospital/")
    assert "lang" not in title and "dir" not in title
