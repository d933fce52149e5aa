"""A retracted fact check (an `updates` entry of type `retraction`: "the fact-check no longer stands
at all", CONTRIBUTING §3) keeps its page, with the retraction at the top and its reasoning and
sources, but publishes its rating nowhere as a finding: the badge says "Retracted" and names the
rating it withdrew, there is no ClaimReview (Google: remove the markup of a retracted fact check),
the open data gives status `retracted` and no rating, the rating lists and counts leave it out, and
the feeds title it "Retracted: ...".

Everything here is checked as a reader or a data user gets it: page text, JSON-LD, export values,
feed titles, list contents.
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from factories import MINI, SETTINGS, ParsedPage, parse, sample_content, write_config

from generator import discovery, exports, feeds
from generator.link import link, relink
from generator.model import Content, Update
from generator.render import render_pages
from generator.render.claims import embed_page
from generator.render.core import Context
from generator.streams import whole

A = "{http://www.w3.org/2005/Atom}"
CID = "exports-halved"  # rated True, by Jane Doe, on the economy, in the speech, checked by Sam
NOTE = "We retract this fact check: the customs series was revised."
WITHDRAWN = "This fact check was retracted: its rating, “True”, no longer stands."


def retracted_content(*updates: Update) -> Content:
    content = sample_content()
    v = content.verdicts[CID]
    updates = updates or (Update(v.published, "retraction", NOTE),)
    verdicts = {**content.verdicts, CID: dataclasses.replace(v, updates=updates)}
    return dataclasses.replace(content, verdicts=verdicts)


@pytest.fixture(scope="module")
def site():
    return link(retracted_content())


@pytest.fixture(scope="module")
def pages(site):
    return render_pages(site, SETTINGS)


@pytest.fixture(scope="module")
def files(site):
    return whole(discovery.extra_files(site, SETTINGS))


def text(page) -> str:
    return ParsedPage(page.html).text


def item_text(page, cid: str = CID) -> str:
    """The text of the list entry that links claim `cid` on a page."""
    entry = rf'<li class="fc-(?:item|card)">(?:(?!</li>).)*?claims/{cid}/.*?</li>'
    found = re.findall(entry, page.html, re.S)
    assert len(found) == 1, found
    return ParsedPage(found[0]).text


# --- the model -------------------------------------------------------------------------------------


def test_a_retraction_update_retracts_the_verdict_and_nothing_else_does():
    content = retracted_content()
    v = content.verdicts[CID]
    assert v.retracted and v.standing_rating is None and v.rating == "true"
    assert v.retraction == Update(v.published, "retraction", NOTE)
    for kind in ("correction", "update", "clarification"):
        other = retracted_content(Update(v.published, kind, "Reworded."))
        assert not other.verdicts[CID].retracted
        assert other.verdicts[CID].standing_rating == "true"


# --- the claim page --------------------------------------------------------------------------------


def test_the_page_stays_says_retracted_and_names_the_withdrawn_rating(pages):
    page = pages[f"claims/{CID}.md"]
    parsed = ParsedPage(page.html)
    body = parsed.text
    # The retraction at the top, then the claim, the status badge and the rating it withdrew.
    notice = body.index(f"Retraction, 11 March 2025: {NOTE}")
    assert notice < body.index("Exports fell by half last year. Status: ⊘ Retracted")
    assert f"Status: ⊘ Retracted {WITHDRAWN}" in body
    assert "Rating: ✔ True" not in body
    assert "What “True” means" not in body
    # The reasoning and the sources are kept, the finding under a title that says it was withdrawn.
    assert "What we found before the retraction Exports did fall by half." in body
    assert "What we found Exports" not in body
    assert "Customs data [1] confirm it." in body and "Customs statistics" in body
    # Search: its rating filter and metadata say Retracted, not True.
    assert parsed.find("span", data_pagefind_filter="rating")
    assert 'data-pagefind-filter="rating">Retracted</span>' in page.html
    assert parsed.find("span", data_pagefind_meta="rating:Retracted")
    assert parsed.find("span", data_pagefind_meta="rating_id:retracted")
    assert not parsed.find("span", data_pagefind_meta="rating:True")


def test_the_page_has_no_claimreview_and_its_description_states_no_finding(pages):
    page = pages[f"claims/{CID}.md"]
    assert "jsonld" not in page.meta
    assert "ClaimReview" not in page.markdown and "reviewRating" not in page.markdown
    description = f"{WITHDRAWN} {NOTE}"
    assert page.meta["description"] == page.meta["og"]["description"] == description
    assert page.meta["rating"] == "Retracted"
    # The link-preview image shows the badge: "Retracted", as the page does (share.cards).
    assert page.meta["og"]["image_alt"] == "The claim and its rating: Retracted"
    # The other pages keep theirs.
    other = pages["claims/crime-record-low.md"]
    assert json.loads(other.meta["jsonld"])["reviewRating"]["alternateName"] == "Unproven"
    assert other.meta["og"]["image"].endswith("claims/crime-record-low/og.png")


def test_a_clarification_keeps_the_rating_and_its_claimreview():
    v = sample_content().verdicts[CID]
    content = retracted_content(Update(v.published, "clarification", "Reworded."))
    page = render_pages(link(content), SETTINGS)[f"claims/{CID}.md"]
    assert "Rating: ✔ True" in text(page) and "Retracted" not in text(page)
    assert json.loads(page.meta["jsonld"])["reviewRating"]["alternateName"] == "True"


def test_the_embedded_card_says_retracted(site):
    card = ParsedPage(embed_page(Context.of(site, SETTINGS), CID)).text
    assert f"Status: ⊘ Retracted {WITHDRAWN}" in card
    assert "True" not in card.replace(WITHDRAWN, "")
    assert "Exports did fall by half." not in card


# --- lists and counts ------------------------------------------------------------------------------


def test_the_rating_it_lost_does_not_list_or_count_it(pages, site):
    assert CID not in site.by_rating.get("true", ())
    rating = pages["ratings/true.md"]
    assert f"claims/{CID}/" not in rating.html
    assert "No claim has this rating yet." in text(rating)
    index = text(pages["ratings/index.md"])
    assert "Status: ⊘ Retracted" not in index  # no rating of its own on the scale
    assert re.search(r"Rating: ✔ True 0 claims", index)


def test_breakdowns_count_it_as_retracted_not_under_its_old_rating(pages):
    for path, caption in [
        ("index.md", "How the claims we checked were rated"),
        ("topics/economy.md", "Ratings of the claims on this topic"),
        ("people/jane-doe.md", "Ratings of the claims by Jane Doe"),
        ("documents/speech-2025.md", "Ratings of the claims in this document"),
    ]:
        table = re.search(r'<table class="fc-breakdown">.*?</table>', pages[path].html, re.S)
        assert table, path
        rows = ParsedPage(table.group(0)).text
        assert caption in rows, path
        assert "Rating: ✔ True" not in rows, path
        assert re.search(r"Status: ⊘ Retracted 1 \d+%", rows), (path, rows)
    home = re.search(r'<table class="fc-breakdown">.*?</table>', pages["index.md"].html, re.S)
    assert home is not None
    # Home: 4 claims; mostly false, unproven, retracted and under review, one each.
    assert ParsedPage(home.group(0)).text.count(" 1 25%") == 4


def test_it_stays_listed_with_its_retracted_badge(pages):
    for path in [
        "claims/index.md",
        "topics/economy.md",
        "people/jane-doe.md",
        "documents/speech-2025.md",
    ]:
        entry = item_text(pages[path])
        assert entry.startswith("Status: ⊘ Retracted Exports fell by half last year."), (
            path,
            entry,
        )
    # Among the fact checks of who checked it, and on the home page's latest, without its summary.
    assert item_text(pages["people/sam-checker.md"]).startswith("Status: ⊘ Retracted")
    card = item_text(pages["index.md"])
    assert card.startswith("Status: ⊘ Retracted") and card.endswith(WITHDRAWN)
    assert "Exports did fall by half." not in card
    intro = text(pages["claims/index.md"])
    assert "4 claims, newest first. 2 have a published verdict. 1 was retracted." in intro
    assert "1 is under review." in intro


def test_the_corrections_page_still_lists_the_retraction(pages):
    page = text(pages["corrections/index.md"])
    assert f"Retraction 11 March 2025, Exports fell by half last year: {NOTE}" in page


def test_the_corrections_page_names_no_current_rating_for_it():
    v = sample_content().verdicts[CID]
    content = retracted_content(
        Update(v.published, "correction", "We had it wrong.", previous_rating="false"),
        Update(v.published, "retraction", NOTE),
    )
    page = text(render_pages(link(content), SETTINGS)["corrections/index.md"])
    assert "We had it wrong. (rating before this change: False)" in page
    assert "now: True" not in page


def test_relink_after_a_retraction_is_link_of_the_retracted_content():
    before = sample_content()
    old, after = link(before), retracted_content()
    assert CID in old.by_rating["true"]
    new = relink(old, after, {CID})
    assert new.by_rating == link(after).by_rating
    assert CID not in new.by_rating.get("true", ())


# --- open data -------------------------------------------------------------------------------------


def test_open_data_says_retracted_with_no_current_rating(files):
    data = json.loads(files[exports.CLAIMS_JSON])
    record = next(r for r in data["claims"] if r["id"] == CID)
    assert record["status"] == "retracted"
    assert record["rating"] is None
    assert record["withdrawn_rating"] == {"id": "true", "label": "True", "value": 6}
    assert record["summary"] == "Exports did fall by half."  # kept, as the page keeps it
    assert [u["type"] for u in record["updates"]] == ["retraction"]
    others = {r["id"]: r for r in data["claims"] if r["id"] != CID}
    assert others["crime-record-low"]["status"] == "published"
    assert others["crime-record-low"]["withdrawn_rating"] is None
    assert others["new-hospital"]["status"] == "under-review"
    # The JSON Lines copy holds the same record.
    lines = gzip.decompress(files[exports.CLAIMS_JSONL_GZ]).decode("utf-8").splitlines()
    assert record in [json.loads(line) for line in lines[1:]]


def test_the_csv_agrees(files):
    for name, raw in [
        (exports.CLAIMS_CSV, files[exports.CLAIMS_CSV]),
        (exports.CLAIMS_CSV_GZ, gzip.decompress(files[exports.CLAIMS_CSV_GZ])),
    ]:
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""))}
        row = rows[CID]
        assert row["status"] == "retracted", name
        assert row["rating_id"] == row["rating_label"] == row["rating_value"] == "", name
        assert (row["withdrawn_rating_id"], row["withdrawn_rating_label"]) == ("true", "True")
        assert rows["crime-record-low"]["withdrawn_rating_id"] == ""
        assert rows["crime-record-low"]["rating_id"] == "unproven"
    assert "retracted" in exports.CSV_COLUMNS["status"]


def test_no_claimreview_in_the_data_feed(files):
    url = SETTINGS.url(f"claims/{CID}/")
    feed = json.loads(files[exports.CLAIMREVIEW_JSON])
    urls = [e["url"] for e in feed["dataFeedElement"]]
    assert url not in urls
    assert sorted(urls) == sorted(
        SETTINGS.url(f"claims/{c}/") for c in ("unemployment-doubled", "crime-record-low")
    )
    lines = gzip.decompress(files[exports.CLAIMREVIEW_JSONL_GZ]).decode("utf-8").splitlines()
    assert url not in [json.loads(line)["url"] for line in lines]


# --- feeds -----------------------------------------------------------------------------------------


def test_feed_entries_say_retracted_not_the_withdrawn_rating(site):
    out = whole(feeds.feeds(site, SETTINGS))
    url = SETTINGS.url(f"claims/{CID}/")
    for path in (feeds.MAIN_ATOM, "topics/economy/feed.xml", "people/jane-doe/feed.xml"):
        root = ET.fromstring(out[path])
        (entry,) = [e for e in root.findall(f"{A}entry") if e.findtext(f"{A}id") == url]
        assert entry.findtext(f"{A}title") == "Retracted: Exports fell by half last year.", path
        assert entry.findtext(f"{A}summary") == f"Retracted. {NOTE}"
        terms = [c.get("term") for c in entry.findall(f"{A}category")]
        assert "true" not in terms and "economy" in terms
        html = entry.findtext(f"{A}content") or ""
        assert "Verdict: True" not in html and WITHDRAWN in html and NOTE in html
    items = json.loads(out[feeds.MAIN_JSON])["items"]
    (item,) = [i for i in items if i["id"] == url]
    assert item["title"] == "Retracted: Exports fell by half last year."
    assert item["tags"] == ["Retracted", "Economy"]
    assert item["_factcheck"]["status"] == "retracted"
    assert item["_factcheck"]["rating"] is None
    assert item["_factcheck"]["withdrawn_rating"]["id"] == "true"
    other = next(i for i in items if i["id"].endswith("/crime-record-low/"))
    assert other["title"].startswith("Unproven: ") and other["_factcheck"]["status"] == "published"


# --- in every language -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "badge", "withdrawn"),
    [
        ("de", "Zurückgezogen", "Seine Bewertung „True“ gilt nicht mehr."),
        (
            "fr",
            "Retirée",
            "son évaluation, « True », ne tient plus.",
        ),  # no-break spaces: text() splits
        ("uk", "Відкликано", "її оцінка «True» більше не чинна."),
        ("ar", "مسحوب", "ولم يعد تقييمه «True» قائمًا."),
    ],
)
def test_the_retracted_status_is_translated(site, language, badge, withdrawn):
    settings = dataclasses.replace(SETTINGS, language=language, locale=None)
    page = render_pages(site, settings)[f"claims/{CID}.md"]
    assert f"⊘ {badge} " in text(page) and withdrawn in text(page)
    assert page.meta["rating"] == badge
    title = feeds.entry_title(site, settings, CID)
    assert title.startswith(badge) and "True" not in title


# --- a real build ----------------------------------------------------------------------------------


def test_a_built_site_publishes_no_rating_for_it(tmp_path):
    """The whole build (mkdocs, the theme, the data files) of the example tree with a retraction."""
    import shutil

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    verdict = content / "verdicts" / f"{CID}.yaml"
    verdict.write_text(
        verdict.read_text(encoding="utf-8")
        + f'updates:\n  - date: 2025-04-01\n    type: retraction\n    note: "{NOTE}"\n',
        encoding="utf-8",
    )
    config = load_config(str(write_config(tmp_path, content)))
    mkdocs_build(config)
    out = Path(config.site_dir)
    page = parse(out / "claims" / CID / "index.html")
    assert page.jsonld() == []
    assert f"Status: ⊘ Retracted {WITHDRAWN}" in page.text
    assert page.text.index("Retraction, 1 April 2025") < page.text.index("Status: ⊘ Retracted")
    assert page.find("meta", name="description", content=f"{WITHDRAWN} {NOTE}")
    other = parse(out / "claims" / "crime-record-low" / "index.html")
    assert [r["@type"] for r in other.jsonld()] == ["ClaimReview"]
    reviews = json.loads((out / "data" / "claimreview.json").read_text(encoding="utf-8"))
    assert not [e for e in reviews["dataFeedElement"] if e["url"].endswith(f"/{CID}/")]
    claims = json.loads((out / "data" / "claims.json").read_text(encoding="utf-8"))["claims"]
    record = next(r for r in claims if r["id"] == CID)
    assert (record["status"], record["rating"]) == ("retracted", None)
    assert f"claims/{CID}/" not in (out / "ratings" / "true" / "index.html").read_text("utf-8")
    atom = ET.fromstring((out / "feed.xml").read_bytes())
    titles = [e.findtext(f"{A}title") for e in atom.findall(f"{A}entry")]
    assert "Retracted: Exports fell by half last year." in titles
    assert not [t for t in titles if t and t.startswith("True: ")]


def test_the_share_image_says_retracted(site):
    """The link-preview image drew the withdrawn rating's badge."""
    from generator.share import REVIEW_COLOR, cards

    card = cards(site, SETTINGS)[CID]
    assert (card.label, card.background) == ("Retracted", REVIEW_COLOR)
    assert cards(site, SETTINGS)["crime-record-low"].label == "Unproven"
