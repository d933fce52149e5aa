"""Numbers, plurals and dates on the pages of a site in each shipped language, as readers see them.

A count is written as the language writes it (CLDR): "1,029" in English, "1.029" in German, "1 029"
in French (a narrow no-break space) and Ukrainian (a no-break space), "1,029" in Arabic, whose
default digits in CLDR are the Latin ones, as the browser's Intl writes them in the search box. A
count picks the plural form its language needs ("21 твердження", "5 тверджень"). Each site is made
by `factcheck init --language X`, given 29 fact checks (ratings 1, 2, 5 and 21 claims, one with
1,001 sources) and built for real.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.cli import main

NBSP, NNBSP = "\u00a0", "\u202f"
# claims per rating: 0 for the others of the starter scale
RATINGS = {"false": 1, "true": 2, "misleading": 5, "mostly-false": 21}
TOTAL = sum(RATINGS.values())  # 29; with the first claim's 1,001 sources, 1,029 sources

# language -> what its pages say: (rating id, its count's words) on the ratings page; the claims
# list's opening; the sources list's 5th page (801-1000 of 1,029); the sources page's count; the day.
EXPECTED = {
    "en": (
        {
            "false": "1 claim",
            "true": "2 claims",
            "misleading": "5 claims",
            "mostly-false": "21 claims",
            "unproven": "0 claims",
        },
        "29 claims, newest first. 29 have a published verdict.",
        "Entries 801–1,000 of 1,029. Page 5 of 6.",
        "(1,029)",
        "December 7, 2026",
    ),
    "de": (
        {
            "false": "1 Behauptung",
            "true": "2 Behauptungen",
            "mostly-false": "21 Behauptungen",
            "unproven": "0 Behauptungen",
        },
        "29 Behauptungen, die neuesten zuerst. Zu 29 liegen Urteile vor.",
        "Einträge 801–1.000 von 1.029. Seite 5 von 6.",
        "(1.029)",
        "7. Dezember 2026",
    ),
    "es": (
        {
            "false": "1 afirmación",
            "true": "2 afirmaciones",
            "mostly-false": "21 afirmaciones",
            "unproven": "0 afirmaciones",
        },
        "29 afirmaciones, de la más reciente a la más antigua. 29 ya tienen veredicto publicado.",
        "Se muestran 801–1.000 de 1.029. Página 5 de 6.",
        "(1.029)",
        "7 de diciembre de 2026",
    ),
    "fr": (
        {
            "false": "1 affirmation",
            "true": "2 affirmations",
            "mostly-false": "21 affirmations",
            "unproven": "0 affirmation",
        },
        "29 affirmations, des plus récentes aux plus anciennes. 29 ont fait l'objet d'un verdict.",
        f"Éléments 801 à 1{NNBSP}000 sur 1{NNBSP}029. Page 5 sur 6.",
        f"(1{NNBSP}029)",
        "7 décembre 2026",
    ),
    "pt": (
        {
            "false": "1 afirmação",
            "true": "2 afirmações",
            "mostly-false": "21 afirmações",
            "unproven": "0 afirmação",
        },
        "29 afirmações, da mais recente para a mais antiga. 29 já têm veredito publicado.",
        "Exibindo 801–1.000 de 1.029. Página 5 de 6.",
        "(1.029)",
        "7 de dezembro de 2026",
    ),
    "pt-PT": (
        {
            "false": "1 afirmação",
            "true": "2 afirmações",
            "mostly-false": "21 afirmações",
            "unproven": "0 afirmações",
        },
        "29 afirmações, da mais recente para a mais antiga. 29 já têm veredicto publicado.",
        f"A mostrar 801–1{NBSP}000 de 1{NBSP}029. Página 5 de 6.",
        f"(1{NBSP}029)",
        "7 de dezembro de 2026",
    ),
    "uk": (
        # one (1, 21), few (2-4), many (0, 5-20): three forms
        {
            "false": "1 твердження",
            "true": "2 твердження",
            "misleading": "5 тверджень",
            "mostly-false": "21 твердження",
            "unproven": "0 тверджень",
        },
        "29 тверджень, спершу найновіші. З них 29 мають опублікований вердикт.",
        f"Записи 801–1{NBSP}000 з 1{NBSP}029. Сторінка 5 з 6.",
        f"(1{NBSP}029)",
        f"7 грудня 2026{NNBSP}р.",  # the month in the genitive, as CLDR's long format writes it
    ),
    "ar": (
        # zero, one, two, few (3-10), many (11-99), other: six forms; Latin digits, CLDR's default
        {
            "false": "ادعاء واحد",
            "true": "ادعاءان",
            "misleading": "5 ادعاءات",
            "mostly-false": "21 ادعاءً",
            "unproven": "0 ادعاء",
        },
        "29 ادعاءً، الأحدث أولًا. نُشر الحكم في 29 منها.",
        "العناصر من 801 إلى 1,000 من أصل 1,029. الصفحة 5 من 6.",
        "(1,029)",
        "7 ديسمبر 2026",
    ),
    "hi": (
        # 0 and 1 take the singular
        {"false": "1 दावा", "true": "2 दावे", "mostly-false": "21 दावे", "unproven": "0 दावा"},
        "29 दावे, सबसे नए पहले। 29 दावों के निष्कर्ष प्रकाशित हो चुके हैं।",
        "1,029 में से प्रविष्टियां 801–1,000। 6 में से पेज 5।",
        "(1,029)",
        "7 दिसंबर 2026",
    ),
}


def _write_fact_checks(content: Path) -> None:
    """29 fact checks published on 7 December 2026, as a newsroom adds them; the first cites
    1,001 sources, so the sources list runs past a thousand entries."""
    (content / "people" / "minister.yaml").write_text('name: "Min"\nkind: person\n', "utf-8")
    (content / "people" / "editor.yaml").write_text('name: "Ed"\nkind: person\n', "utf-8")
    ratings = [r for r, n in RATINGS.items() for _ in range(n)]
    for i, rating in enumerate(ratings):
        (content / "claims" / f"c{i}.yaml").write_text(
            f'claim: "Claim number {i}."\nclaimant: minister\ndate: 2026-12-01\n'
            f'appearances:\n  - url: "https://news.example/{i}"\n    title: "Item {i}"\n',
            "utf-8",
        )
        sources = "".join(
            f'  - id: s{j}\n    title: "Source {j}"\n    url: "https://data.example/{i}/{j}"\n'
            for j in range(1001 if i == 0 else 1)
        )
        (content / "verdicts" / f"c{i}.yaml").write_text(
            f'claim: c{i}\nrating: {rating}\nsummary: "Not so."\nbody: "See [@s0]."\n'
            f"sources:\n{sources}authors: [editor]\npublished: 2026-12-07\n",
            "utf-8",
        )


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def site(request, tmp_path_factory) -> tuple[str, Path]:
    """A site made by `factcheck init --language X` with the 29 fact checks, built."""
    lang = request.param
    root = tmp_path_factory.mktemp(f"numbers-{lang}") / "desk"
    argv = ["init", str(root), "--name", "Desk", "--url", "https://facts.example.org/"]
    assert main([*argv, "--language", lang]) == 0
    _write_fact_checks(root / "content")
    out = root / "site"
    build = ["build", "--content", str(root / "content"), "--config", str(root / "mkdocs.yml")]
    assert main([*build, "--out", str(out)]) == 0
    return lang, out


def _text(fragment: str) -> str:
    """What a reader reads: tags out, entities decoded, runs of white space as one space (a
    no-break space is kept: it is part of how the number is written)."""
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def _page(out: Path, path: str) -> str:
    return (out / path / "index.html").read_text("utf-8")


def test_each_ratings_count_takes_its_plural_form(site):
    lang, out = site
    page = _page(out, "ratings")
    shown = {  # the count as shown; the rating's name said to screen readers after it aside
        rid: _text(re.sub(r'<span class="fc-sr">.*?</span>', "", words))
        for rid, words in re.findall(r'<a href="[^"]*ratings/([\w-]+)/">(.*?)</a>', page)
    }
    for rid, words in EXPECTED[lang][0].items():
        assert shown[rid] == words, (lang, rid)


def test_the_claims_list_says_how_many_in_the_languages_words(site):
    lang, out = site
    opening = re.search(r"<main\b.*?<p>(.*?)</p>", _page(out, "claims"), re.S)
    assert opening
    assert _text(opening[1]).startswith(EXPECTED[lang][1])


def test_a_range_of_entries_past_a_thousand_is_written_as_the_language_writes_numbers(site):
    """The sources list (200 a page) at its 5th page: 801-1000 of 1,029, thousands separated."""
    lang, out = site
    nav = re.search(
        r'<nav class="fc-pagination".*?<p class="fc-muted">(.*?)</p>',
        _page(out, "sources/page/5"),
        re.S,
    )
    assert nav
    assert _text(nav[1]) == EXPECTED[lang][2]


def test_the_sources_page_counts_its_sources_with_the_languages_separator(site):
    lang, out = site
    opening = re.search(r"<main\b.*?<p>(.*?)</p>", _page(out, "sources"), re.S)
    assert opening
    assert EXPECTED[lang][3] in _text(opening[1])
    assert "1029" not in _text(opening[1])


def test_a_day_is_written_in_the_languages_long_form(site):
    lang, out = site
    page = _page(out, "claims/c0")
    days = {_text(d) for d in re.findall(r'<time datetime="2026-12-07">(.*?)</time>', page)}
    assert days == {EXPECTED[lang][4]}
