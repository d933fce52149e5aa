"""The content model's contract, field by field: content that uses every field and variant of
shared/design/content-model.md (and the extensions in generator/spec.py) is built for real, and each
value is looked for where a reader expects it: the claim page, the lists by rating, topic, person
and document, the sources and corrections lists, the methodology page and the ClaimReview data.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import MINI, ParsedPage, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config


def dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def build(tmp: Path, content: Path) -> Path:
    loaded = load_config(str(write_config(tmp, content)))
    mkdocs_build(loaded)
    return Path(loaded.site_dir)


def article(site: Path, page: str) -> ParsedPage:
    """The article of a built page (its body, without the navigation around it)."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    start = html.index("<article")
    return ParsedPage(html[start : html.index("</article>", start)])


def whole(site: Path, page: str) -> ParsedPage:
    return ParsedPage((site / page / "index.html").read_text(encoding="utf-8"))


SPEECH = (
    "The minister spoke. She said that unemployment doubled between 2022 and 2025, which "
    "surprised the room. Later she added that exports fell by half last year.\n"
)


def write_content(root: Path) -> Path:
    """A site that uses every field: optional ones, both forms of an appearance, a full text under
    another name, a part of a document, estimated dates, all three kinds of update besides a
    retraction, a source in another language, a topic, a document and a person with nothing."""
    c = root / "content"
    shutil.copytree(MINI / "pages", c / "pages")
    shutil.copy(MINI / "ratings.yaml", c / "ratings.yaml")
    dump(
        c / "topics.yaml",
        [
            {"id": "economy", "label": "Economy", "description": "Jobs, prices and trade."},
            {"id": "health", "label": "Health"},
            {"id": "empty-topic", "label": "Nothing here", "description": "No claims yet."},
        ],
    )
    people = {
        "jane-doe": {
            "name": "Jane Doe",
            "kind": "person",
            "description": "Minister of Economy",
            "same_as": ["https://www.wikidata.org/wiki/Q1", "https://jane.example/"],
        },
        "acme-party": {"name": "Acme Party", "kind": "organization"},
        "sam-checker": {"name": "Sam Checker", "kind": "person"},
        "ann-checker": {"name": "Ann Checker", "kind": "person"},
        "rita-editor": {"name": "Rita Editor", "kind": "person"},
        "doc-writer": {"name": "Doc Writer", "kind": "person"},
        "nobody": {"name": "Nobody Atall", "kind": "person"},
    }
    for pid, data in people.items():
        dump(c / f"people/{pid}.yaml", data)
    dump(
        c / "documents/speech.yaml",
        {
            "title": "Speech to the chamber",
            "kind": "speech",
            "publisher": "Example News",
            "author": "jane-doe",
            "url": "https://news.example/speech",
            "archive_url": "https://web.archive.org/web/2025/https://news.example/speech",
            "date": "2025-03-01",
            "description": "The minister's annual speech.",
        },
    )
    (c / "documents/speech.txt").write_text(SPEECH, encoding="utf-8")
    dump(
        c / "documents/speech-comments.yaml",
        {
            "title": "Comments under the speech",
            "kind": "comment",
            "date": "2025-03-02",
            "part_of": "speech",
            "text": "comments-text.txt",
        },
    )
    (c / "documents/comments-text.txt").write_text(
        "A reader wrote that crime is at a record low this year.\n", encoding="utf-8"
    )
    dump(
        c / "documents/unquoted.yaml",
        {"title": "Report nobody quoted", "kind": "report", "date": "2024-01-01"},
    )
    dump(
        c / "claims/unemployment-doubled.yaml",
        {
            "claim": "Unemployment doubled between 2022 and 2025.",
            "title": "Unemployment doubled since 2022",
            "claimant": "jane-doe",
            "date": "2025-03-01",
            "date_estimated": True,
            "appearances": [
                {"document": "speech", "quote": "unemployment doubled between 2022 and 2025"},
                {
                    "url": "https://social.example/jane/1",
                    "archive_url": "https://web.archive.org/web/2025/https://social.example/jane/1",
                    "title": "Jane's post",
                    "date": "2025-03-03",
                    "date_estimated": True,
                },
                {"url": "https://social.example/jane/2"},
            ],
            "topics": ["economy", "health"],
            "related": ["exports-halved"],
            "language": "en",
        },
    )
    dump(
        c / "verdicts/unemployment-doubled.yaml",
        {
            "claim": "unemployment-doubled",
            "rating": "mostly-false",
            "summary": "Unemployment rose from 4.1% to 5.3%, not a doubling.",
            "body": "The series [@lfs] shows a rise; a broader one [@broad] too; [@lfs] again.\n",
            "sources": [
                {
                    "id": "lfs",
                    "title": "Arbeitskräfteerhebung",
                    "publisher": "Statistics Office",
                    "url": "https://data.example/lfs",
                    "date": "2025-02-01",
                    "archive_url": "https://web.archive.org/web/2025/https://data.example/lfs",
                    "accessed": "2025-03-05",
                    "primary": True,
                    "language": "de",
                },
                {
                    "id": "broad",
                    "title": "A table of broad unemployment",
                    "title_is_description": True,
                    "url": "https://data.example/broad",
                    "language": "fr",
                },
            ],
            "authors": ["sam-checker", "ann-checker"],
            "reviewers": ["rita-editor"],
            "published": "2025-03-10",
            "updates": [
                {
                    "date": "2025-03-12",
                    "type": "correction",
                    "note": "We misstated the 2022 figure.",
                    "previous_rating": "false",
                },
                {"date": "2025-03-20", "type": "update", "note": "Added the broader measure."},
                {"date": "2025-03-20", "type": "clarification", "note": "Clarified wording."},
            ],
        },
    )
    dump(
        c / "claims/exports-halved.yaml",
        {
            "claim": "Exports fell by half last year.",
            "claimant": "jane-doe",
            "date": "2025-03-01",
            "appearances": [{"document": "speech", "quote": "exports fell by half last year"}],
            "topics": ["economy"],
        },
    )
    dump(
        c / "verdicts/exports-halved.yaml",
        {
            "claim": "exports-halved",
            "rating": "false",
            "summary": "Exports fell 3%.",
            "body": "Trade data [@trade].\n",
            "sources": [{"id": "trade", "title": "Trade data", "url": "https://data.example/t"}],
            "authors": ["sam-checker"],
            "published": "2025-03-10",
        },
    )
    dump(
        c / "claims/crime-record-low.yaml",
        {
            "claim": "Crime is at a record low this year.",
            "claimant": "acme-party",
            "date": "2025-03-02",
            "appearances": [
                {"document": "speech-comments", "quote": "crime is at a record low this year"}
            ],
        },
    )
    dump(
        c / "verdicts/crime-record-low.yaml",
        {
            "claim": "crime-record-low",
            "rating": "true",
            "summary": "It is.",
            "body": "Police data [@police].\n",
            "sources": [{"id": "police", "title": "Police data", "url": "https://data.example/p"}],
            "authors": ["ann-checker"],
            "published": "2025-03-11",
            "updates": [
                {
                    "date": "2025-04-01",
                    "type": "retraction",
                    "note": "The data was wrong.",
                    "previous_rating": "true",
                }
            ],
        },
    )
    return c


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contract")
    return build(root, write_content(root))


def test_every_claim_and_verdict_field_is_on_the_claim_page(site: Path) -> None:
    page = article(site, "claims/unemployment-doubled")
    text = page.text
    # claim, claimant (linked, with who they are), date marked as estimated, topics
    assert "Unemployment doubled between 2022 and 2025." in text
    assert "Jane Doe Minister of Economy said on 1 March 2025 (estimated date)" in text
    assert page.find("a", href="../../people/jane-doe/")
    assert "Topics: Economy, Health" in text
    # appearances: the document (kind, publisher, date), its quote in context and its links; a web
    # page with its title, estimated date and archived copy; a bare address
    assert "First appearance Speech to the chamber (speech, Example News, 1 March 2025)" in text
    assert "She said that unemployment doubled between 2022 and 2025, which surprised" in text
    assert page.find("a", href="https://news.example/speech")
    assert "Jane's post (3 March 2025, estimated) · Archived copy" in text
    assert page.find("a", href="https://social.example/jane/2")
    # summary, sources with every field, authors and reviewers in order, dates
    assert "What we found Unemployment rose from 4.1% to 5.3%, not a doubling." in text
    assert (
        "Arbeitskräfteerhebung (German), Statistics Office, 1 February 2025. Primary source "
        "Archived copy. Accessed 5 March 2025." in text
    )
    assert "A table of broad unemployment (our description, not the source's headline)" in text
    assert (
        "Checked by Sam Checker and Ann Checker. Reviewed by Rita Editor. "
        "Published 10 March 2025, last updated 20 March 2025." in text
    )
    # the correction above the claim too, and the rating it replaced
    assert text.index("Correction, 12 March 2025: We misstated") < text.index("between 2022 and")
    assert "(rating before this change: False)" in text
    # related claims
    assert "See also" in text and page.find("a", href="../../claims/exports-halved/")


def test_claimreview_carries_the_claim_and_verdict(site: Path) -> None:
    (review,) = whole(site, "claims/unemployment-doubled").jsonld()
    assert review["claimReviewed"] == "Unemployment doubled since 2022"
    assert (review["datePublished"], review["dateModified"]) == ("2025-03-10", "2025-03-20")
    item = review["itemReviewed"]
    assert item["author"] == {
        "@type": "Person",
        "name": "Jane Doe",
        "sameAs": ["https://www.wikidata.org/wiki/Q1", "https://jane.example/"],
    }
    assert item["datePublished"] == "2025-03-01"
    assert item["firstAppearance"]["url"] == "https://news.example/speech"
    assert [a["url"] for a in item["appearance"]] == [
        "https://news.example/speech",
        "https://social.example/jane/1",
        "https://social.example/jane/2",
    ]
    assert item["appearance"][1]["archivedAt"].startswith("https://web.archive.org/")
    rating = review["reviewRating"]
    assert (rating["alternateName"], rating["ratingValue"]) == ("Mostly false", 2)
    assert (rating["worstRating"], rating["bestRating"]) == (1, 6)
    assert rating["ratingExplanation"] == "Unemployment rose from 4.1% to 5.3%, not a doubling."
    # a retracted fact check carries none
    assert whole(site, "claims/crime-record-low").jsonld() == []


def test_a_source_in_another_language_says_so(site: Path) -> None:
    """`language` on a source: the link names the language (hreflang), its title is read in it, and
    the reader sees which language it is before following it. Was accepted and shown nowhere."""
    page = article(site, "claims/unemployment-doubled")
    (german,) = page.find("a", href="https://data.example/lfs")
    assert (german["hreflang"], german["lang"]) == ("de", "de")
    # our own description of a French source is in the page's language, not French
    (french,) = page.find("a", href="https://data.example/broad")
    assert french["hreflang"] == "fr" and "lang" not in french
    assert "(our description, not the source's headline) (French)." in page.text
    # a source in the page's language is not marked
    (trade,) = article(site, "claims/exports-halved").find("a", href="https://data.example/t")
    assert (
        "hreflang" not in trade and "(English)" not in article(site, "claims/exports-halved").text
    )


@pytest.mark.parametrize(
    "page",
    ["claims", "ratings/mostly-false", "topics/economy", "people/jane-doe", "documents/speech"],
)
def test_an_estimated_date_is_marked_in_every_list(site: Path, page: str) -> None:
    """The claim page says its date is estimated; the lists showed the same date as a fact."""
    text = article(site, page).text
    assert "Unemployment doubled since 2022 Jane Doe, 1 March 2025 (estimated date)" in text
    if page != "ratings/mostly-false":
        # a claim whose date is known keeps it unmarked
        assert re.search(r"Exports fell by half last year\. Jane Doe, 1 March 2025(?! \()", text)


def test_updates_of_one_day_in_the_same_order_on_the_page_and_the_corrections_list(
    site: Path,
) -> None:
    """Newest first; of one day, the last written first (`updates` is append-only). The claim page
    listed a day's entries oldest first and the corrections page by type: two orders for one
    history."""
    on_page = article(site, "claims/unemployment-doubled").text
    on_page = on_page[on_page.index("Updates and corrections") :]
    listed = article(site, "corrections").text
    for text in (on_page, listed):
        clarified = text.index("Clarified wording.")
        updated = text.index("Added the broader measure.")
        corrected = text.index("We misstated the 2022 figure.")
        assert clarified < updated < corrected, text
    assert listed.index("The data was wrong.") < listed.index("Clarified wording.")


def test_lists_keep_what_has_nothing_to_list(site: Path) -> None:
    """A topic, a document and a person with nothing on the site are listed, and their pages say
    so; a document's author and part_of are linked both ways."""
    assert "Nothing here (0 claims): No claims yet." in article(site, "topics").text
    assert "No claim is on this topic yet." in article(site, "topics/empty-topic").text
    docs = article(site, "documents").text
    assert "Report nobody quoted (report, 1 January 2024)" in docs
    assert "Comments under the speech (comment, 2 March 2025; 1 checked claim)" in docs
    assert (
        "No claim from this document has been checked." in article(site, "documents/unquoted").text
    )
    speech = article(site, "documents/speech")
    assert "The minister's annual speech." in speech.text
    assert speech.find("a", href="../../documents/speech-comments/")
    assert speech.find("a", href="../../people/jane-doe/")
    assert article(site, "documents/speech-comments").find("a", href="../../documents/speech/")
    people = article(site, "people").text
    assert "Nobody Atall (no entries)" in people
    assert "Sam Checker (2 fact checks)" in people
    assert "Nothing on this site is linked to Nobody Atall yet." in (
        article(site, "people/nobody").text
    )
    jane = article(site, "people/jane-doe").text
    assert "Documents by Jane Doe Speech to the chamber (1 March 2025)" in jane
    assert "Elsewhere: https://www.wikidata.org/wiki/Q1 · https://jane.example/" in jane


def test_the_scale_speaks_of_unnumbered_ratings_only_when_it_has_some(
    site: Path, tmp_path: Path
) -> None:
    """The methodology page said "ratings without a number are not points on that scale" on a
    scale where every rating has one."""
    with_unproven = article(site, "methodology").text
    assert "ratings without a number are not points on that scale" in with_unproven
    content = tmp_path / "content"
    shutil.copytree(MINI / "pages", content / "pages")
    dump(
        content / "ratings.yaml",
        [
            {"id": "correct", "label": "Correct", "value": 2, "description": "Right."},
            {"id": "incorrect", "label": "Incorrect", "value": 1, "description": "Wrong."},
        ],
    )
    text = article(build(tmp_path, content), "methodology").text
    assert "(1 = least accurate, 2 = most accurate)." in text
    assert "without a number" not in text


def test_the_sources_list_says_which_titles_are_our_description(site: Path) -> None:
    """`title_is_description`: the claim page said the title was ours; the list of every source
    showed it as the source's own headline."""
    text = article(site, "sources").text
    assert (
        "A table of broad unemployment (our description, not the source's headline) (French) "
        "Cited in:" in text
    )
    assert "Trade data Cited in:" in text


def test_the_sources_list_marks_a_source_in_another_language_as_the_claim_page_does(
    site: Path,
) -> None:
    """The sources index showed a German source's title with no hreflang or lang: a screen reader
    read it in the site's voice, and a reader did not know it was German."""
    page = article(site, "sources")
    (german,) = page.find("a", href="https://data.example/lfs")
    assert (german["hreflang"], german["lang"]) == ("de", "de")
    (french,) = page.find("a", href="https://data.example/broad")
    assert french["hreflang"] == "fr" and "lang" not in french
    (trade,) = page.find("a", href="https://data.example/t")
    assert "hreflang" not in trade
    assert "(German)" in page.text
