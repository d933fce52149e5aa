"""Reader text found wrong by probes (round 2): a retracted fact check's passage in a document's full
text, a claim title's own full stop doubled by the mark after it, "newest first" said of a list of
one, and an estimated date in brackets inside brackets.

Pages are rendered from the sample content, changed for each case; what is asserted is what a
reader sees (page text, the passage's class and title).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from factories import SETTINGS, ParsedPage, sample_content, source, verdict
from test_retraction import CID, retracted_content

from generator.link import link
from generator.model import Content, Update
from generator.punctuation import without_end_stop
from generator.render import render_pages

NOTE = "The figures were revised in April."


def probe_content() -> Content:
    """The sample, with: `exports-halved` retracted (it has no title: its text, ending in "."); a
    correction to `crime-record-low` (no title either), whose verdict cites the source that of
    `new-hospital` does too and links `exports-halved` in its body; an estimated date on the post
    where `unemployment-doubled` appeared; `new-hospital` written in Dutch (a language page of
    one fact check; Dutch has no catalog here, so it is in English)."""
    content = retracted_content()
    claims, verdicts = dict(content.claims), dict(content.verdicts)
    shared = source("shared-report", title="Annual report")
    verdicts["crime-record-low"] = dataclasses.replace(
        verdicts["crime-record-low"],
        body="Compare [[exports-halved]]. The report says otherwise [@shared-report].",
        sources=(shared,),
        updates=(Update(dt.date(2025, 4, 2), "correction", NOTE),),
    )
    verdicts["new-hospital"] = verdict(
        "new-hospital", body="As the report shows [@shared-report].", sources=(shared,)
    )
    claims["new-hospital"] = dataclasses.replace(claims["new-hospital"], language="nl")
    first, post = claims["unemployment-doubled"].appearances
    estimated = dataclasses.replace(post, date=dt.date(2025, 3, 3), date_estimated=True)
    claims["unemployment-doubled"] = dataclasses.replace(
        claims["unemployment-doubled"], appearances=(first, estimated)
    )
    return dataclasses.replace(content, claims=claims, verdicts=verdicts)


@pytest.fixture(scope="module")
def pages():
    return render_pages(link(probe_content()), SETTINGS)


def text(pages, path: str) -> str:
    return " ".join(ParsedPage(pages[path].html).text.split())


def test_a_retracted_fact_checks_passage_says_retracted_not_its_withdrawn_rating(pages):
    html = pages["documents/speech-2025.md"].html
    links = re.findall(rf'<a class="([^"]*)" href="[^"]*claims/{CID}/"[^>]*>(.*?)</a>', html, re.S)
    assert links, html
    assert not [c for c, _ in links if "fc-rating-" in c], links  # not coloured as "True"
    passage = re.search(rf'<a class="fc-passage[ "][^>]*claims/{CID}/"[^>]*title="([^"]*)"', html)
    assert passage and passage.group(1).endswith("— Retracted"), passage
    rating = [ParsedPage(inner).text for classes, inner in links if "fc-passage__rating" in classes]
    assert rating and rating[0].startswith("Retracted"), rating
    # A fact check that stands keeps its rating and colour.
    assert 'class="fc-passage fc-rating-mostly-false"' in html


def test_a_titles_full_stop_is_not_doubled_on_the_corrections_page(pages):
    corrections = text(pages, "corrections/index.md")
    assert "Exports fell by half last year: We retract" in corrections
    assert f"Crime is at a record low: {NOTE}" in corrections
    assert ".:" not in corrections


def test_a_titles_full_stop_is_not_doubled_in_the_sources_list(pages):
    sources = text(pages, "sources/index.md")
    # Newest first: the hospital claim (May 2025) before the crime one (April).
    assert "Cited in: A new hospital opens every week; Crime is at a record low" in sources
    assert ".;" not in sources


def test_a_claim_link_followed_by_a_full_stop_does_not_double_it(pages):
    body = text(pages, "claims/crime-record-low.md")
    assert "Compare Exports fell by half last year. The report" in body
    assert "year.." not in body


@pytest.mark.parametrize(
    ("title", "before_a_mark"),
    [
        ("Exports fell by half last year.", "Exports fell by half last year"),
        ("输出减少了一半。", "输出减少了一半"),  # ideographic full stop
        ("निर्यात आधा हो गया।", "निर्यात आधा हो गया"),  # danda
        ("برآمدات آدھی رہ گئیں۔", "برآمدات آدھی رہ گئیں"),  # Urdu full stop
        ("Did exports fall?", "Did exports fall?"),  # a question stays a question
        ("هل انخفضت الصادرات؟", "هل انخفضت الصادرات؟"),  # Arabic question mark
        ("Exports fell!", "Exports fell!"),
        ("Exports fell...", "Exports fell..."),  # an ellipsis is no full stop
        ("Exports fell", "Exports fell"),
    ],
)
def test_only_a_full_stop_gives_way_to_the_mark_after_a_title(title, before_a_mark):
    assert without_end_stop(title) == before_a_mark


def test_an_estimated_date_in_brackets_gets_no_brackets_of_its_own(pages):
    claim = text(pages, "claims/unemployment-doubled.md")
    assert "Jane's post (3 March 2025, estimated)" in claim
    assert "(estimated date))" not in claim


def test_a_language_list_of_one_says_one_not_newest_first(pages):
    page = text(pages, "languages/nl.md")
    assert "One fact check in this language." in page
    assert "newest first" not in page


def one_claim_content() -> Content:
    content = sample_content()
    keep = "crime-record-low"
    claims = {keep: dataclasses.replace(content.claims[keep], related=())}
    return dataclasses.replace(content, claims=claims, verdicts={keep: content.verdicts[keep]})


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [("en", "One claim.", "newest first"), ("uk", "Одне твердження.", "спершу найновіші")],
)
def test_a_claims_list_of_one_says_one_not_newest_first(language, one, many):
    settings = dataclasses.replace(SETTINGS, language=language)
    pages = render_pages(link(one_claim_content()), settings)
    claims = text(pages, "claims/index.md")
    assert one in claims and many not in claims
    assert "It has a published verdict." in claims or language != "en"


def test_a_claims_list_of_many_still_says_newest_first(pages):
    assert "4 claims, newest first." in text(pages, "claims/index.md")
