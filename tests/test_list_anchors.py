"""Anchors of the entries of the topic, rating, people and document lists, and the words a
document's full text says about a single checked claim.

A hand-written page (or a reader sharing a link) points at one entry's place in a list with
`topics/index.md#topic-<id>`, `ratings/index.md#rating-<id>`, `people/index.md#person-<id>` or
`documents/index.md#document-<id>`: the prefix keeps an entry's anchor apart from the page's
headings and the theme's own ids. The tests render the real pages and follow the links.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from factories import SETTINGS, claim, document, sample_content, verdict
from test_validate import tree

from generator.link import link
from generator.model import Appearance
from generator.render import page_url, render_pages
from generator.validate import validate


class _Ids(HTMLParser):
    """Every id of a page (with repeats) and every link's href."""

    def __init__(self, body: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.feed(body)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(found["id"])
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"])


def _entry_ids(body: str, prefix: str) -> dict[str, str]:
    """anchor -> the href of the entry's first link, for each list entry with the prefix."""
    found = re.findall(rf'<(?:li|dt) id="({prefix}-[^"]+)">.*?<a href="([^"]+)"', body)
    return dict(found)


def test_every_entry_of_the_four_lists_has_an_anchor_of_its_kind_and_id():
    content = sample_content()
    pages = render_pages(link(content), SETTINGS)
    expected = {
        "topics/index.md": ("topic", "topics", {"economy", "jobs", "crime"}),
        "ratings/index.md": ("rating", "ratings", set(content.ratings)),
        "people/index.md": ("person", "people", set(content.people)),
        "documents/index.md": ("document", "documents", set(content.documents)),
    }
    for path, (prefix, section, ids) in expected.items():
        body = pages[path].body()
        entries = _entry_ids(body, prefix)
        assert set(entries) == {f"{prefix}-{i}" for i in ids}, path
        for anchor, href in entries.items():
            # The anchor names the entry it stands on: its link goes to that item's page.
            assert href == f"../{section}/{anchor.removeprefix(prefix + '-')}/", (path, href)
        repeated = [i for i, n in Counter(_Ids(body).ids).items() if n > 1]
        assert repeated == [], path


def test_a_fact_checker_who_also_made_a_claim_has_one_anchor_on_the_first_entry():
    """Listed twice, under the claimants and under the fact-checkers: an id is once a page."""
    content = sample_content()
    claims = dict(content.claims)
    claims["new-hospital"] = dataclasses.replace(claims["new-hospital"], claimant="rita-editor")
    site = link(dataclasses.replace(content, claims=claims))
    assert "rita-editor" in site.by_claimant and "rita-editor" in site.by_author
    body = render_pages(site, SETTINGS)["people/index.md"].body()
    assert body.count('href="../people/rita-editor/"') == 2
    assert _Ids(body).ids.count("person-rita-editor") == 1
    claimants = body[body.index('id="claimants"') : body.index('id="fact-checkers"')]
    assert 'id="person-rita-editor"' in claimants


def test_links_from_a_hand_written_page_to_list_entries_lead_to_them(tmp_path):
    """What validate accepts the renderer makes: each link ends at an element with its anchor."""
    about = (
        "# About us\n\n"
        "[a](topics/index.md#topic-transport) [b](ratings/index.md#rating-false)\n"
        "[c](people/index.md#person-jane-doe) [d](../people/#person-jane-doe)\n"
        "[e](documents/index.md#document-council-meeting-2024-10-24)\n"
    )
    root = tree(tmp_path, {"pages/about.md": about})
    report = validate(root, display_prefix="")
    assert [str(p) for p in report.problems] == []
    assert report.content is not None
    pages = render_pages(link(report.content), SETTINGS)
    by_url = {"/" + page_url(path): page for path, page in pages.items()}
    followed = []
    for href in _Ids(by_url["/about/"].body()).hrefs:
        target = urlsplit(urljoin("https://site.example/about/", href))
        if not target.fragment or target.netloc != "site.example":
            continue
        assert target.path in by_url, href
        assert unquote(target.fragment) in _Ids(by_url[target.path].body()).ids, href
        followed.append(f"{target.path}#{target.fragment}")
    assert followed == [
        "/topics/#topic-transport",
        "/ratings/#rating-false",
        "/people/#person-jane-doe",
        "/people/#person-jane-doe",
        "/documents/#document-council-meeting-2024-10-24",
    ]


# -- a document's full text with one checked claim ----------------------------------------------

ONE_LINK = "The checked claim in this document"
ONE_NOTE = "Where the checked claim appears, the text is highlighted and links to its fact check."
MANY_LINK = "All checked claims in this document"
MANY_NOTE = "Checked passages are highlighted; each links to its fact check."
DOC = "long-hearing"


def _with_long_document(quoted: int, language: str = "en"):
    """The sample site plus a document too long for its own page, quoted by `quoted` claims (the
    first of them twice); (the document's page, the first page of its text)."""
    paragraphs = [f"Paragraph {n}: the budget for item {n} rose again. " * 5 for n in range(700)]
    content = sample_content()
    claims, verdicts = dict(content.claims), dict(content.verdicts)
    for n in range(quoted):
        quotes = [f"budget for item {n + 1} rose"] + ([f"budget for item {n + 2} rose"] * (n == 0))
        appearances = tuple(Appearance(document=DOC, quote=q) for q in quotes)
        claims[f"hearing-{n}"] = claim(f"hearing-{n}", appearances=appearances)
        verdicts[f"hearing-{n}"] = verdict(f"hearing-{n}")
    doc = document(DOC, title="A long hearing", text="\n\n".join(paragraphs))
    site = link(
        dataclasses.replace(
            content, documents={**content.documents, DOC: doc}, claims=claims, verdicts=verdicts
        )
    )
    pages = render_pages(site, dataclasses.replace(SETTINGS, language=language))
    return pages[f"documents/{DOC}.md"].body(), pages[f"documents/{DOC}/text.md"].body()


def test_the_full_text_of_a_document_with_one_checked_claim_says_the_claim():
    """One claim quoted twice is still one claim: no "all" and no "each"."""
    _, text = _with_long_document(1)
    assert re.search(rf'<a href="\.\./\.\./\.\./documents/{DOC}/">{ONE_LINK}</a>', text)
    assert ONE_NOTE in text
    assert MANY_LINK not in text and MANY_NOTE not in text
    _, text = _with_long_document(2)
    assert MANY_LINK in text and MANY_NOTE in text
    assert ONE_LINK not in text and ONE_NOTE not in text


def test_the_full_text_of_one_checked_claim_is_in_the_sites_language():
    _, text = _with_long_document(1, "de")
    assert "Die geprüfte Behauptung aus diesem Dokument" in text
    assert "Wo die geprüfte Behauptung vorkommt, ist der Text hervorgehoben" in text


def test_a_document_page_with_its_text_and_one_checked_claim_says_the_claim():
    content = sample_content()
    claims = dict(content.claims)
    # exports-halved now appeared in a post, not the speech: the speech has one checked claim.
    post = Appearance(url="https://social.example/jane/2", title="Jane's post")
    claims["exports-halved"] = dataclasses.replace(claims["exports-halved"], appearances=(post,))
    one = render_pages(link(dataclasses.replace(content, claims=claims)), SETTINGS)
    body = one["documents/speech-2025.md"].body()
    assert 'class="fc-doc-text"' in body and ONE_NOTE in body and MANY_NOTE not in body
    two = render_pages(link(content), SETTINGS)["documents/speech-2025.md"].body()
    assert MANY_NOTE in two and ONE_NOTE not in two
