"""Reader-page wording for content the demo does not have: several fact-checkers on one verdict, a
named rating with no number and no icon, a retired claim address, a document no claim appears in,
a list whose last page holds one entry; in English, Ukrainian and Arabic.

One small site is built by mkdocs in each language; what is asserted is the text a reader sees.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from factories import ParsedPage
from test_other_content import build_site, dump, new_site, text_of

NAMES = {"ann": "Ann Able", "bob": "Bob Baker", "cat": "Cat Cole"}
CLAIMS = 11  # with 10 a page, the last page of the claims list holds one


def wording_site(root: Path) -> Path:
    """Eleven checked claims: the first checked by three people and reviewed by two, the second
    rated Satire (no value, no icon); a document nobody quoted; a redirect to the first claim."""
    content = new_site(root)
    for pid, name in NAMES.items():
        dump(content / "people" / f"{pid}.yaml", {"name": name, "kind": "person"})
    ratings = yaml.safe_load((content / "ratings.yaml").read_text(encoding="utf-8"))
    ratings.append({"id": "satire", "label": "Satire", "description": "A joke, not a claim."})
    dump(content / "ratings.yaml", ratings)
    for k in range(1, CLAIMS + 1):
        dump(
            content / "claims" / f"c{k}.yaml",
            {
                "claim": f"Claim number {k}.",
                "claimant": "ann",
                "date": f"2024-02-{k:02d}",
                "appearances": [{"url": f"https://social.example/{k}"}],
            },
        )
        source = {"id": "a", "title": "A record", "url": "https://a.example/"}
        dump(
            content / "verdicts" / f"c{k}.yaml",
            {
                "claim": f"c{k}",
                "rating": "satire" if k == 2 else "true",
                "summary": "It is.",
                "body": "It is [@a].",
                "sources": [{**source, "date": "2024-01-05", "accessed": "2024-02-20"}],
                "authors": list(NAMES) if k == 1 else ["ann"],
                **({"reviewers": ["bob", "cat"]} if k == 1 else {}),
                "published": "2024-03-01",
            },
        )
    dump(
        content / "documents" / "lonely.yaml",
        {"title": "A lonely memo", "kind": "article", "date": "2024-05-01", "publisher": "Nobody"},
    )
    dump(content / "redirects.yaml", [{"from": "old-one", "to": "c1"}])
    return content


@pytest.fixture(scope="module", params=["en", "uk", "ar"])
def site(request, tmp_path_factory) -> tuple[str, Path]:
    language = request.param
    tmp = tmp_path_factory.mktemp(f"wording-{language}")
    built = build_site(
        tmp,
        wording_site(tmp),
        language=None if language == "en" else language,
        page_size=10,
        og_images=False,
        search_index=False,
    )
    return language, built


def _byline(site: Path, claim: str) -> tuple[str, list[str]]:
    html = (site / "claims" / claim / "index.html").read_text(encoding="utf-8")
    section = re.search(r'<section class="fc-byline".*?</section>', html, re.S)
    assert section
    page = ParsedPage(section.group(0))
    return page.text, [h for h in page.links if "people/" in h]


BYLINES = {
    "en": "Checked by Ann Able, Bob Baker and Cat Cole. Reviewed by Bob Baker and Cat Cole. "
    "Published 1 March 2024.",
    "uk": "Перевірка: Ann Able, Bob Baker і Cat Cole. Редагування: Bob Baker і Cat Cole. "
    "Опубліковано 1 березня 2024 р.",
    "ar": "التحقق: Ann Able وBob Baker وCat Cole. المراجعة: Bob Baker وCat Cole. نُشر في 1 مارس 2024.",
}

ALONE = {"en": "Checked by Ann Able.", "uk": "Перевірка: Ann Able.", "ar": "التحقق: Ann Able."}


def test_names_in_a_byline_are_joined_as_the_language_writes_a_list(site):
    language, built = site
    text, links = _byline(built, "c1")
    assert BYLINES[language] in text
    # each name is still a link to the person's page
    assert links == [f"../../people/{p}/" for p in ("ann", "bob", "cat", "bob", "cat")]
    one, links = _byline(built, "c3")
    assert ALONE[language] in one
    assert links == ["../../people/ann/"]


def test_a_sentence_ending_in_a_date_has_one_full_stop(site):
    """Ukrainian dates end in "р." (року): the byline and the sources read "2024 р.."."""
    _, built = site
    page = text_of(built, "claims/c1")
    assert ".." not in page


def test_a_named_rating_without_a_number_or_icon_is_not_shown_as_unproven(site):
    _, built = site
    for page in ("claims/c2/index.html", "ratings/index.html", "claims/c2/embed/index.html"):
        html = (built / page).read_text(encoding="utf-8")
        badge = re.search(r'<span class="(fc-)?badge[^"]*"[^>]*>(?:(?!</p>|</dt>).)*?Satire', html)
        assert badge, page
        assert "?" not in ParsedPage(badge.group(0)).text, page
        assert "fc-badge__icon" not in badge.group(0), page
    # the scale's Unproven keeps the "?" ratings.yaml gives it
    ratings = (built / "ratings" / "index.html").read_text(encoding="utf-8")
    assert '<span class="fc-badge__icon" aria-hidden="true">?</span>' in ratings


REDIRECTS = {
    "en": "This fact check has moved to a new address: Claim number 1.",
    "uk": "Ця перевірка переїхала на нову адресу: Claim number 1.",
    "ar": "انتقل مقال التحقق هذا إلى عنوان جديد: Claim number 1.",
}


def test_a_retired_address_says_where_the_fact_check_moved(site):
    language, built = site
    page = ParsedPage((built / "claims" / "old-one" / "index.html").read_text(encoding="utf-8"))
    assert REDIRECTS[language] in page.text and ".." not in page.text
    assert "../c1/" in page.links


def test_a_document_no_claim_appears_in_is_not_counted_as_zero(site):
    _, built = site
    listed = text_of(built, "documents")
    entry = listed[listed.index("A lonely memo") :].split(")")[0]
    assert "Nobody" in entry and "0" not in entry.replace("2024", "")
    html = (built / "documents" / "lonely" / "index.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    assert description and "Nobody" in description.group(1)
    assert "0" not in description.group(1).replace("2024", "").replace("01", "")


LAST_PAGE = {"en": "Entry 11 of 11.", "uk": "Запис 11 з 11.", "ar": "العنصر 11 من أصل 11."}


def test_the_last_page_of_a_list_names_its_one_entry(site):
    language, built = site
    page = text_of(built, "claims/page/2")
    assert f"{LAST_PAGE[language]} " in page
    assert "11–11" not in page
