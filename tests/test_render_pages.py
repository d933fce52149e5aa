"""The renderer on its own: which pages exist, what their front matter says, what a reader sees."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
import yaml
from factories import (
    SETTINGS,
    ParsedPage,
    claim,
    replace_claim,
    sample_content,
    sample_site,
    source,
    verdict,
)

from generator.link import link
from generator.model import Appearance, Rating, Update
from generator.render import RenderError, page_url, render_pages, root_of, start_rendering
from generator.render.core import Scale, front_matter, jsonld, make_env
from generator.render.quotes import DocumentText, Highlight, annotated, in_context


@pytest.fixture(scope="module")
def pages():
    return render_pages(sample_site(), SETTINGS)


def text_of(page) -> str:
    return ParsedPage(page.html).text


def test_every_page_family_is_there(pages):
    expected = {
        "index.md",
        "about.md",
        "methodology.md",
        "claims/index.md",
        "ratings/index.md",
        "topics/index.md",
        "people/index.md",
        "documents/index.md",
        "sources/index.md",
        "corrections/index.md",
        "documents/speech-2025.md",
        "ratings/unproven.md",
        "topics/economy.md",
        "people/acme-party.md",
        *(f"claims/{c}.md" for c in sample_content().claims),
    }
    assert expected <= set(pages)
    assert all(p.meta["factcheck"] is True for p in pages.values())


def test_urls_are_directory_urls():
    assert page_url("claims/x.md") == "claims/x/"
    assert page_url("claims/index.md") == "claims/"
    assert page_url("index.md") == ""
    assert root_of("claims/x.md") == "../../"
    assert root_of("claims/index.md") == "../"
    assert root_of("index.md") == ""


def test_front_matter_reads_back_as_yaml(pages):
    for page in pages.values():
        md = page.markdown
        assert md.startswith("---\n")
        head, _, rest = md[4:].partition("\n---\n")
        assert yaml.safe_load(head) == page.meta
        assert rest.startswith("\n# " + page.meta["title"] + "\n\n")
        assert "\n\n" not in rest[len(page.meta["title"]) + 5 :], "blank line would end raw HTML"


def test_front_matter_survives_awkward_strings():
    meta = {"title": "a\u2028b\u2029c\x85d: #e 'f' \"g\" \\ é 😀", "n": [1, {"x": None}]}
    head = front_matter(meta)
    assert yaml.safe_load(head.split("---\n")[1]) == meta


def test_claim_page_meta_and_claimreview(pages):
    page = pages["claims/unemployment-doubled.md"]
    meta = page.meta
    assert meta["title"] == "Unemployment doubled between 2022 and 2025"
    assert meta["description"] == "Unemployment rose from 4.1% to 5.3%, not a doubling."
    assert meta["og"]["url"] == "https://facts.example.org/claims/unemployment-doubled/"
    assert meta["og"]["type"] == "article"
    review = json.loads(meta["jsonld"])
    assert review["@type"] == "ClaimReview"
    assert review["@context"] == "https://schema.org"
    assert review["url"] == "https://facts.example.org/claims/unemployment-doubled/"
    assert review["claimReviewed"] == "Unemployment doubled between 2022 and 2025"
    assert review["datePublished"] == "2025-03-10"
    assert review["dateModified"] == "2025-03-20"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Test Fact Desk",
        "url": "https://facts.example.org/",
    }
    rating = review["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "alternateName": "Mostly false",
        "ratingValue": 2,
        "bestRating": 6,
        "worstRating": 1,
        "ratingExplanation": "Unemployment rose from 4.1% to 5.3%, not a doubling.",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {
        "@type": "Person",
        "name": "Jane Doe",
        "sameAs": "https://www.wikidata.org/wiki/Q1",
    }
    assert item["datePublished"] == "2025-03-01"
    first = item["firstAppearance"]
    assert first["url"] == "https://news.example/speech"
    assert first["headline"] == "Speech to the chamber of commerce"
    assert first["archivedAt"].startswith("https://web.archive.org/")
    assert [a["url"] for a in item["appearance"]] == [
        "https://news.example/speech",
        "https://social.example/jane/1",
    ]


def test_non_ordinal_rating_has_only_its_name(pages):
    review = json.loads(pages["claims/crime-record-low.md"].meta["jsonld"])
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unproven",
        "ratingExplanation": "The records do not go back far enough to say.",
    }
    assert review["itemReviewed"]["author"]["@type"] == "Organization"
    assert "sameAs" not in review["itemReviewed"]["author"]


def test_document_without_url_appears_as_our_document_page():
    content = sample_content()
    docs = {"speech-2025": dataclasses.replace(content.documents["speech-2025"], url=None)}
    pages = render_pages(link(dataclasses.replace(content, documents=docs)), SETTINGS)
    review = json.loads(pages["claims/exports-halved.md"].meta["jsonld"])
    assert review["itemReviewed"]["firstAppearance"]["url"] == (
        "https://facts.example.org/documents/speech-2025/"
    )


def test_worst_rating_is_never_below_one():
    ratings = [Rating("a", "A", "", value=0), Rating("b", "B", "", value=2), Rating("c", "C", "")]
    scale = Scale.of(ratings)
    assert (scale.worst, scale.best) == (1, 3)
    assert [scale.value(r) for r in ratings] == [1, 3, None]


def test_under_review_claim_has_no_claimreview(pages):
    page = pages["claims/new-hospital.md"]
    assert "jsonld" not in page.meta
    text = text_of(page)
    assert "Under review" in text
    assert "No verdict has been published yet" in text
    assert page.meta["description"].startswith("Under review: Acme Party said")
    assert "Our reasoning" not in text


def test_claim_page_content(pages):
    page = pages["claims/unemployment-doubled.md"]
    parsed = ParsedPage(page.html)
    text = parsed.text
    # The claim, with its claimant and date.
    assert "Unemployment doubled between 2022 and 2025." in text
    assert parsed.find("a", href="../../people/jane-doe/")
    assert "said on 1 March 2025" in text
    # The verdict: icon, label and a screen-reader prefix, never colour alone.
    badge = parsed.find("span", class_="fc-badge fc-rating-mostly-false")
    assert badge
    assert "Rating: ✘ Mostly false" in text
    assert "What we found Unemployment rose from 4.1% to 5.3%, not a doubling." in text
    # Where it appeared: the quote in its sentence, linked into the document text.
    assert "She said that unemployment doubled between 2022 and 2025, which surprised" in text
    assert parsed.find("a", href="../../documents/speech-2025/#quote-unemployment-doubled")
    assert parsed.find("a", href="https://web.archive.org/web/2025/https://social.example/jane/1")
    # Citations jump to the numbered sources and back.
    assert parsed.find("a", href="#source-lfs", id="cite-lfs-2")
    assert {"source-lfs", "source-broad", "source-unused", "cite-lfs-1"} <= parsed.ids
    assert "Primary source" in text
    assert parsed.find("a", href="#cite-lfs-2")
    # Who checked it, and the history, with the correction also at the top.
    assert "Checked by Sam Checker. Reviewed by Rita Editor." in text
    assert "last updated 20 March 2025" in text
    assert text.index("Correction, 12 March 2025") < text.index("Our verdict")
    assert "rating before this change: False" in text
    # Related claims, grouped, and the ways to report and edit.
    assert "See also" in text and parsed.find("a", href="../../claims/exports-halved/")
    suggest = parsed.find("a", class_="md-button md-button--primary fc-report")[0]["href"]
    assert suggest.startswith("https://github.com/example/facts/issues/new?title=Correction")
    assert "Report an error" in text
    # Edit buttons are for contributors (contributor_controls), not readers.
    assert not parsed.find(
        "a",
        href="https://github.com/example/facts/edit/main/content/claims/unemployment-doubled.yaml",
    )
    assert page.edit_url.endswith("/content/claims/unemployment-doubled.yaml")
    assert [t[1] for t in page.toc] == [
        "verdict",
        "appearances",
        "reasoning",
        "sources",
        "checked",
        "updates",
        "related",
    ]


def test_claim_page_search_attributes(pages):
    parsed = ParsedPage(pages["claims/unemployment-doubled.md"].html)
    assert parsed.find("article", data_pagefind_body="")
    filters = {a["data-pagefind-filter"] for _, a in parsed.elements if "data-pagefind-filter" in a}
    assert filters == {"rating", "topic", "claimant", "year:2025"}
    metas = {a["data-pagefind-meta"] for _, a in parsed.elements if "data-pagefind-meta" in a}
    assert metas == {"title", "rating:Mostly false", "rating_id:mostly-false"}
    for path, page in pages.items():
        if not path.startswith("claims/") or path == "claims/index.md":
            assert "data-pagefind-body" not in page.html, path


def test_related_claims_are_kept_out_of_the_claim_search_text(pages):
    # Otherwise a search for one claim's words also finds every claim that lists it as related.
    parsed = ParsedPage(pages["claims/unemployment-doubled.md"].html)
    (related,) = parsed.find("section", aria_labelledby="related")
    assert related["data-pagefind-ignore"] == "all"


def test_sources_not_cited_come_after_the_cited_ones(pages):
    parsed = ParsedPage(pages["claims/unemployment-doubled.md"].html)
    order = [
        a["id"]
        for t, a in parsed.elements
        if t == "li" and (a.get("id") or "").startswith("source-")
    ]
    assert order == ["source-lfs", "source-broad", "source-unused"]


def test_document_page_marks_each_checked_passage(pages):
    page = pages["documents/speech-2025.md"]
    parsed = ParsedPage(page.html)
    marks = [
        a for t, a in parsed.elements if t == "a" and "fc-passage" in a.get("class", "").split()
    ]
    assert [m["href"] for m in marks] == [
        "../../claims/unemployment-doubled/",
        "../../claims/exports-halved/",
    ]
    # Each passage is coloured by its rating and followed by the rating in visible text (a link).
    assert marks[0]["class"] == "fc-passage fc-rating-mostly-false"
    labels = [
        a for t, a in parsed.elements if t == "a" and "fc-passage__rating" in a.get("class", "")
    ]
    assert [a["href"] for a in labels] == [m["href"] for m in marks]
    assert "Mostly false (Unemployment doubled" in parsed.text
    assert {"quote-unemployment-doubled", "quote-exports-halved"} <= parsed.ids
    text = parsed.text
    assert text.index("Unemployment doubled") < text.index("Exports fell by half")
    assert "Rating: ✔ True" in text and "Example News" in text
    assert parsed.find("a", href="../../people/jane-doe/")


def _quoted_twice():
    """The sample, with unemployment-doubled quoted twice from the speech (and once from a post)."""
    first, second = "unemployment doubled between 2022 and 2025", "she thanked the organisers"
    appearances = (
        Appearance(document="speech-2025", quote=first),
        Appearance(url="https://social.example/jane/1", title="Jane's post"),
        Appearance(document="speech-2025", quote=second),
    )
    content = replace_claim(sample_content(), "unemployment-doubled", appearances=appearances)
    return render_pages(link(content), SETTINGS), first, second


def _passage_links(page) -> list[str]:
    parsed = ParsedPage(page.html)
    return [a["href"] for a in parsed.find("a") if "#quote-" in (a.get("href") or "")]


def test_a_claim_quoted_twice_from_one_document_has_both_passages_marked():
    pages, first, second = _quoted_twice()
    html = pages["documents/speech-2025.md"].html
    parsed = ParsedPage(html)
    claim_page = "../../claims/unemployment-doubled/"
    # Each quote its own passage, linking the claim, with its own anchor; the first keeps the
    # anchor a claim quoted once has, so links to it made before still work.
    assert parsed.find("a", href=claim_page, id="quote-unemployment-doubled")
    assert parsed.find("a", href=claim_page, id="quote-unemployment-doubled--2")
    marks = re.findall(r"<mark>(.*?)</mark>", html, re.DOTALL)
    assert first in marks and second in marks
    assert "quote-exports-halved" in parsed.ids  # the other claim's passage is still there
    # The claim page's first passage link goes to the first quote, as it always has.
    links = _passage_links(pages["claims/unemployment-doubled.md"])
    assert links[0] == "../../documents/speech-2025/#quote-unemployment-doubled"


def test_each_passage_link_of_a_claim_quoted_twice_goes_to_its_own_passage():
    pages, _, _ = _quoted_twice()
    assert _passage_links(pages["claims/unemployment-doubled.md"]) == [
        "../../documents/speech-2025/#quote-unemployment-doubled",
        "../../documents/speech-2025/#quote-unemployment-doubled--2",
    ]


def test_quotes_in_context():
    doc = DocumentText("One. Two said “a  quote” here, then more. Three.")
    span = doc.find('"a quote"')
    assert span is not None
    found = in_context(doc, span)
    assert (found.before, found.quote, found.after) == (
        "Two said ",
        "“a quote”",
        " here, then more.",
    )
    assert doc.find("absent") is None
    long = DocumentText("word " * 100 + "target" + " word" * 100)
    ctx = in_context(long, long.find("target"))
    assert ctx.cut_before and ctx.cut_after
    assert ctx.before.startswith("word") and ctx.after.endswith("word")


def document_text(text: str, highlights: list[Highlight], title: str | None = None) -> str:
    """A document's full text as its page template shows it."""
    env = make_env(SETTINGS.template_dirs, SETTINGS.messages)
    template = env.get_template("factcheck/partials/document_text.html")
    return template.render(text=annotated(text, highlights, title)).strip()


def test_overlapping_passages_both_link():
    text = "alpha beta gamma delta"
    html = document_text(
        text,
        [Highlight(0, 10, "c1", "../c1/", "C1"), Highlight(6, 16, "c2", "../c2/", "C2 <x>")],
    )
    parsed = ParsedPage(html)
    assert {"quote-c1", "quote-c2"} <= parsed.ids
    assert "C2 &lt;x&gt;" in html and "<x>" not in html
    # A passage wholly inside another is still linked, by its rating label.
    inner = document_text(
        text,
        [
            Highlight(0, 22, "c1", "../c1/", "C1", "false", "False"),
            Highlight(6, 10, "c2", "../c2/", "C2"),
        ],
    )
    hrefs = {a["href"] for t, a in ParsedPage(inner).elements if t == "a"}
    assert hrefs == {"../c1/", "../c2/"}
    assert 'class="fc-passage__rating fc-rating-false" href="../c1/">False<' in inner


def nested(n: int) -> tuple[str, list[Highlight]]:
    """A text of 2n words with n passages, each inside the one before (word i to word 2n - i)."""
    words = [f"w{i}" for i in range(2 * n)]
    text = " ".join(words)
    starts = [text.index(f"w{i}") for i in range(2 * n)]
    marks = [
        Highlight(
            starts[i],
            starts[2 * n - 1 - i] + len(words[2 * n - 1 - i]),
            f"c{i}",
            f"../c{i}/",
            f"Claim {i}",
            "false",
            "False",
            f"Claim {i}",
        )
        for i in range(n)
    ]
    return text, marks


def test_nested_passages_each_get_one_anchor_and_one_rating_link():
    text, marks = nested(40)
    html = document_text(text, marks)
    parsed = ParsedPage(html)
    assert {f"quote-c{i}" for i in range(40)} <= parsed.ids
    assert all(html.count(f'id="quote-c{i}"') == 1 for i in range(40))
    ratings = [
        a for t, a in parsed.elements if t == "a" and "fc-passage__rating" in a.get("class", "")
    ]
    assert sorted(a["href"] for a in ratings) == sorted(f"../c{i}/" for i in range(40))
    assert "False (Claim 39)" in parsed.text
    # Every word links to the outermost claim; the inner claims' anchors sit where their quotes start.
    assert '<a class="fc-passage fc-rating-false" href="../c0/" id="quote-c0"' in html
    assert '<span id="quote-c39"></span><a class="fc-passage fc-rating-false" href="../c0/"' in html
    assert "<mark>w39 w40</mark>" in html


def test_a_line_break_inside_a_paragraph_is_kept():
    html = document_text("one\ntwo <b>\n\nthree", [])
    assert html == "<p>one<br>\ntwo &lt;b&gt;</p>\n<p>three</p>"


def test_marking_up_passages_grows_linearly():
    """Every piece of text used to look through every passage: n nested passages cost n²."""
    import time

    def cost(n: int) -> float:
        text, marks = nested(n)
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            annotated(text, marks)
            best = min(best, time.process_time() - start)
        return max(best, 1e-3)

    ratio = cost(4000) / cost(500)
    assert ratio < 24, f"8x the passages took {ratio:.1f}x the time"


def test_a_title_repeated_at_the_top_of_a_document_is_left_out():
    text = "The Title\n\nThe  title\n\nBody with a quote here."
    html = document_text(
        text, [Highlight(text.index("quote"), len(text) - 6, "c", "../c/", "C")], "The title"
    )
    assert "Title" not in html and "The  title" not in html and html.startswith("<p>Body with")


def test_index_pages(pages):
    claims = text_of(pages["claims/index.md"])
    assert claims.index("A new hospital") < claims.index("Crime is at a record low")
    assert "Under review A new hospital" in claims
    ratings = ParsedPage(pages["ratings/index.md"].html)
    assert ratings.find("a", href="../ratings/mostly-false/")
    rating = text_of(pages["ratings/mostly-false.md"])
    assert "Claims rated Mostly false" in rating and "Unemployment doubled" in rating
    assert "2 on a scale from 1" in rating
    topic = text_of(pages["topics/economy.md"])
    assert "Jobs, prices and trade." in topic and "Exports fell by half" in topic
    person = text_of(pages["people/jane-doe.md"])
    assert "Claims by Jane Doe" in person and "not a sample of everything" in person
    assert "Documents by Jane Doe" in person
    checker = text_of(pages["people/rita-editor.md"])
    assert "Fact checks by Rita Editor" in checker and "Reviewed" in checker
    sources = ParsedPage(pages["sources/index.md"].html)
    assert sources.find("h2", id="publisher-statistics-office")
    assert sources.find("a", href="https://data.example/lfs")
    corrections = text_of(pages["corrections/index.md"])
    assert corrections.index("Added the broader measure") < corrections.index("misstated")
    home = ParsedPage(pages["index.md"].html)
    for href in ("claims/", "ratings/", "topics/", "people/", "documents/", "sources/"):
        assert home.find("a", href=href), href
    assert "Crime is at a record low." in home.text


def test_methodology_gets_the_scale_where_it_is_asked_for(pages):
    page = pages["methodology.md"]
    parsed = ParsedPage(page.html)
    text = parsed.text
    assert text.index("How we work.") < text.index("The rating scale") < text.index("We fix errors")
    assert parsed.find("a", href="../ratings/unproven/")
    assert "Not settled. none" in text
    assert (2, "rating-scale", "The rating scale") in page.toc
    assert page.meta["title"] == "Methodology"


def test_methodology_exists_even_when_nobody_wrote_one():
    pages = render_pages(sample_site(pages={}), SETTINGS)
    assert "The rating scale" in text_of(pages["methodology.md"])


def test_handwritten_pages_are_safe_and_linked():
    evil = "# About <b>us</b>\n\n<script>alert(1)</script> [m](methodology.md) [x](javascript:alert(1))\n"
    pages = render_pages(sample_site(pages={"pages/about.md": evil}), SETTINGS)
    page = pages["about.md"]
    assert page.meta["title"] == "About &lt;b&gt;us&lt;/b&gt;"
    parsed = ParsedPage(page.html)
    assert not parsed.scripts and "<script>alert(1)</script>" in parsed.text
    assert [a["href"] for a in parsed.find("a")] == ["../methodology/"]
    assert page.edit_url == "https://github.com/example/facts/edit/main/content/pages/about.md"


def test_a_section_page_introduces_its_index():
    policy = "# Corrections policy\n\nWe correct openly.\n"
    pages = render_pages(sample_site(pages={"pages/corrections.md": policy}), SETTINGS)
    page = pages["corrections/index.md"]
    assert "corrections.md" not in pages
    assert page.meta["title"] == "Corrections policy"
    text = text_of(page)
    assert text.index("We correct openly.") < text.index("Corrections and updates")
    assert "misstated" in text
    assert page.edit_url.endswith("/content/pages/corrections.md")


def test_a_methodology_page_that_introduces_a_list_is_linked_where_it_is():
    intro = "---\nfactcheck: methodology\n---\n# How we rate\n\nSend us [a claim](submit.md).\n"
    site = sample_site(pages={"pages/ratings.md": intro, "pages/submit.md": "# Submit\n"})
    pages = render_pages(site, SETTINGS)
    assert "methodology.md" not in pages  # the site has its own, so none is generated
    page = ParsedPage(pages["ratings/index.md"].html)
    assert "The rating scale" in page.text
    assert page.find("a", href="../submit/")
    # "explained in our methodology": the page itself, not a /methodology/ that does not exist
    assert page.find("a", href="../ratings/")
    assert not page.find("a", href="../methodology/")


def test_home_page_intro():
    pages = render_pages(sample_site(pages={"pages/index.md": "Welcome to **us**."}), SETTINGS)
    assert "Welcome to us." in text_of(pages["index.md"])
    assert "index.md" in pages and "pages/index.md" not in pages


@pytest.mark.parametrize("name", ["pages/Bad Name.md", "pages/claims/x.md", "pages/../x.md"])
def test_bad_page_names_are_refused(name):
    with pytest.raises(RenderError):
        render_pages(sample_site(pages={name: "# x\n"}), SETTINGS)


def test_reserved_and_invalid_ids_are_refused():
    content = sample_content()
    bad = dict(content.claims)
    bad["index"] = claim("index")
    with pytest.raises(RenderError, match="reserved"):
        render_pages(link(dataclasses.replace(content, claims=bad)), SETTINGS)
    bad = dict(content.claims)
    bad["../etc"] = claim("../etc")
    with pytest.raises(RenderError, match="not a valid id"):
        render_pages(link(dataclasses.replace(content, claims=bad)), SETTINGS)


def test_unsafe_addresses_never_become_links():
    content = replace_claim(
        sample_content(),
        "new-hospital",
        appearances=(Appearance(url="javascript:alert(1)", title="x"),),
    )
    verdicts = dict(content.verdicts)
    verdicts["new-hospital"] = verdict(
        "new-hospital", sources=(source("stats", url="javascript:alert(2)"),)
    )
    pages = render_pages(link(dataclasses.replace(content, verdicts=verdicts)), SETTINGS)
    html = pages["claims/new-hospital.md"].html
    assert "javascript:" not in html
    assert "javascript:" not in pages["sources/index.md"].html


def test_forbidden_characters_are_removed_everywhere():
    content = replace_claim(sample_content(), "new-hospital", claim="bad\ud800 \ufffe text\x00")
    pages = render_pages(link(content), SETTINGS)
    page = pages["claims/new-hospital.md"]
    assert "bad  text" in page.html
    page.markdown.encode("utf-8")  # a lone surrogate would make this raise


def test_jsonld_cannot_close_its_script():
    out = jsonld({"a": "</script><script>alert(1)</script><!-- & -->"})
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out)["a"] == "</script><script>alert(1)</script><!-- & -->"


def test_corrections_show_at_the_top_only_for_corrections_and_retractions():
    content = sample_content()
    verdicts = dict(content.verdicts)
    verdicts["exports-halved"] = dataclasses.replace(
        verdicts["exports-halved"],
        updates=(
            Update(content.verdicts["exports-halved"].published, "clarification", "Reworded."),
            Update(content.verdicts["exports-halved"].published, "retraction", "Withdrawn."),
        ),
    )
    pages = render_pages(link(dataclasses.replace(content, verdicts=verdicts)), SETTINGS)
    parsed = ParsedPage(pages["claims/exports-halved.md"].html)
    notices = [a["class"] for a in parsed.find("aside")]
    assert notices == ["fc-notice fc-notice--retraction"]


def test_same_output_in_workers_and_in_process():
    site = sample_site()
    here = render_pages(site, SETTINGS, workers=0)
    forked = render_pages(site, SETTINGS, workers=2)
    assert list(here) == list(forked)
    assert [p.markdown for p in here.values()] == [p.markdown for p in forked.values()]
    with start_rendering(site, SETTINGS, workers=1) as rendering:
        deferred = {k: p.body() for k, p in rendering.pages.items()}
    assert deferred == {k: p.html for k, p in here.items()}


def test_rendering_twice_gives_the_same_bytes():
    a = render_pages(sample_site(), SETTINGS)
    b = render_pages(sample_site(), SETTINGS)
    assert [p.markdown for p in a.values()] == [p.markdown for p in b.values()]


def test_stubs_agree_with_the_pages_they_stand_for():
    with start_rendering(sample_site(), SETTINGS, workers=0) as rendering:
        stubs = [p for p in rendering.pages.values() if not isinstance(p.html, str)]
        assert len(stubs) > 20
        for stub in stubs:
            page = stub.resolved()
            assert (stub.path, stub.title, stub.updated, stub.edit_url) == (
                page.path,
                page.title,
                page.updated,
                page.edit_url,
            )
            assert stub.meta["title"] == page.meta["title"]


def test_a_site_cleaned_of_forbidden_characters_keeps_its_history():
    """Cleaning relinks the content; the git history (read by the plugin, not linked) stays."""
    from generator.link import History
    from generator.render.sanitize import is_clean, sanitized

    content = replace_claim(sample_content(), "exports-halved", claim="Odd\ufffe claim")
    site = dataclasses.replace(link(content), history=History(True, {}))
    assert not is_clean(content)
    assert not is_clean(content, ["exports-halved"]) and is_clean(content, ["unemployment-doubled"])
    cleaned = sanitized(site)
    assert cleaned.content.claims["exports-halved"].claim == "Odd claim"
    assert cleaned.history == History(True, {})


def test_a_site_can_change_one_part_of_the_claim_page(tmp_path):
    # A site's custom_dir: its factcheck/claim.html extends ours and replaces one block.
    (tmp_path / "factcheck").mkdir()
    (tmp_path / "factcheck" / "claim.html").write_text(
        '{% extends "theme/factcheck/claim.html" %}\n'
        '{% block verdict %}<p class="desk-verdict">{{ _("Our verdict") }}: {{ badge }}</p>\n'
        "{{ super() }}{% endblock %}\n",
        encoding="utf-8",
    )
    ours = render_pages(sample_site(), SETTINGS)["claims/unemployment-doubled.md"].body()
    settings = dataclasses.replace(SETTINGS, template_dirs=(str(tmp_path),))
    theirs = render_pages(sample_site(), settings, workers=0)["claims/unemployment-doubled.md"]
    parsed = ParsedPage(theirs.body())
    assert parsed.find("p", class_="desk-verdict")
    assert "Our verdict: Rating: ✘ Mostly false" in parsed.text
    # The rest is ours, unchanged.
    assert ours.split('<section class="fc-verdict"')[1] in theirs.body()
    assert ours.split('<section class="fc-verdict"')[0] in theirs.body()


def test_a_site_can_replace_the_claim_page(tmp_path):
    (tmp_path / "factcheck").mkdir()
    (tmp_path / "factcheck" / "claim.html").write_text(
        '<div class="desk-claim">{{ claim.claim }} {{ badge }}</div>\n', encoding="utf-8"
    )
    settings = dataclasses.replace(SETTINGS, template_dirs=(str(tmp_path),))
    body = render_pages(sample_site(), settings, workers=0)["claims/unemployment-doubled.md"].body()
    assert body.startswith('<div class="desk-claim">Unemployment doubled between 2022 and 2025.')
    assert "fc-verdict" not in body


def test_estimated_dates_and_descriptive_source_titles_are_marked():
    content = sample_content()
    c = content.claims["unemployment-doubled"]
    appearances = tuple(dataclasses.replace(a, date_estimated=True) for a in c.appearances)
    claims = {
        **content.claims,
        c.id: dataclasses.replace(c, date_estimated=True, appearances=appearances),
    }
    v = content.verdicts[c.id]
    sources = (dataclasses.replace(v.sources[0], title_is_description=True), *v.sources[1:])
    verdicts = {**content.verdicts, c.id: dataclasses.replace(v, sources=sources)}
    site = link(dataclasses.replace(content, claims=claims, verdicts=verdicts))
    text = text_of(render_pages(site, SETTINGS)["claims/unemployment-doubled.md"])
    assert "said on 1 March 2025 (estimated date)" in text
    assert "(our description, not the source's headline)" in text
    plain = text_of(render_pages(sample_site(), SETTINGS)["claims/unemployment-doubled.md"])
    assert "estimated date" not in plain and "our description" not in plain


def test_a_listed_topic_no_claim_uses_says_so_instead_of_an_empty_table():
    from generator.model import Topic

    topics = {
        "economy": Topic("economy", "Economy", "Jobs, prices and trade."),
        "health": Topic("health", "Health", "Hospitals and medicines."),
    }
    pages = render_pages(sample_site(topics=topics), SETTINGS)
    empty = pages["topics/health.md"].html
    assert "<p>No claim is on this topic yet.</p>" in empty
    assert "<table" not in empty and 'class="fc-list"' not in empty
    assert '<h2 id="claims">Claims</h2>' in empty  # the table of contents still finds it
    used = pages["topics/economy.md"].html
    assert "<table" in used and "No claim is on this topic yet." not in used


def test_a_quote_is_found_and_marked_whole_in_a_text_with_decomposed_letters():
    """The normalised copy composes 'e' + U+0301 into 'é'; positions map back to the original, so
    the marked passage keeps its combining accents (none cut off at either end)."""
    text = "Il a dit : le cafe\u0301 est fe\u0301roce, hier."
    doc = DocumentText(text)
    start, end = doc.find("café est féroce")
    assert text[start:end] == "cafe\u0301 est fe\u0301roce"
    start, end = doc.find("afé est fé")
    assert text[start:end] == "afe\u0301 est fe\u0301"
    assert doc.find("cafe est feroce") is None  # an accent still counts


def test_a_heading_in_the_reasoning_leaves_the_pages_own_ids_alone():
    """A heading "Sources" in a verdict took the id the citation links jump to: two id="sources"."""
    import dataclasses
    import re

    from factories import SETTINGS, sample_content

    from generator.link import link
    from generator.render.claims import PAGE_IDS

    content = sample_content()
    cid = next(iter(content.verdicts))
    v = content.verdicts[cid]
    body = v.body + "\n\n## Sources\n\nMore.\n\n## Share\n\nEven more.\n"
    content = dataclasses.replace(
        content, verdicts={**content.verdicts, cid: dataclasses.replace(v, body=body)}
    )
    html = render_pages(link(content), SETTINGS)[f"claims/{cid}.md"].html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'id="sources-1"' in html and 'id="share-1"' in html
    from generator.render.core import THEME_DIR

    template = (THEME_DIR / "factcheck" / "claim.html").read_text(encoding="utf-8")
    assert set(re.findall(r'id="([a-z-]+)"', template)) <= set(PAGE_IDS)
