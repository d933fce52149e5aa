"""ClaimReview, sitemap and open data of one real multilingual site, as a consumer reads them.

A `factcheck init` site published below a path with percent-encoded letters
(https://example.org/verificaci%C3%B3n/fact/), built once, with every kind of claim the content
model allows: a person claimant with two `same_as`, an organisation with one; a claim with an
estimated date and four appearances (a document quoted twice, a link with an archived copy, a bare
link); a document without a URL; a non-ordinal rating; a corrected, a retracted and an unreviewed
claim; a claim in German and a Ukrainian translation of an English one; hostile text (</script>,
<!--, U+2028/U+2029, emoji) in every free-text field that reaches the markup.

What is checked is what Google's Fact Check Explorer, Data Commons and a line-reading loader get
(fact-check-practice.md §b): the exact JSON-LD values, and that every address of a claim page
(canonical, og:url, JSON-LD, sitemap, claims.json, claims.csv, claimreview.json) is the same string.
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import exports
from generator.cli import main
from generator.link import link
from generator.render.core import Scale
from generator.render.jsonld import claim_review, claim_review_json
from tests.factories import (
    SETTINGS,
    ParsedPage,
    html_files,
    parse,
    replace_claim,
    sample_content,
)

SITE = "https://example.org/verificaci%C3%B3n/fact/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# One-line fields refuse U+2028/U+2029 (validate), so they get the rest of the hostile text.
LINE = 'a </script><script>alert(1)</script> <!-- x --> & "q" 🎉 ]]> \\u003c'
TEXT = "b </SCRIPT > <!-- y -->\u2028line\u2029para"
JANE = "Jane " + LINE
SPEECH = "Speech " + LINE
POST = "Post " + LINE
ORG = {"@type": "Organization", "name": "Desk", "url": SITE}
SOURCES = [{"id": "s1", "title": "S", "url": "https://data.example/s1"}]
VERDICT = {
    "authors": ["ann"],
    "published": "2025-04-01",
    "body": "Cited [@s1].",
    "sources": SOURCES,
}


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is YAML


CLAIMS = {
    "prices-fell": (
        {
            "claim": "Prices fell by half " + TEXT,
            "title": "Prices fell by half",
            "claimant": "jane",
            "date": "2025-03-01",
            "date_estimated": True,
            "appearances": [
                {"document": "speech", "quote": "prices fell by half last year"},
                {
                    "url": "https://social.example/p/1",
                    "archive_url": "https://web.archive.org/web/2025/https://social.example/p/1",
                    "title": POST,
                },
                {"url": "https://other.example/x"},
                {"document": "speech", "quote": "Then she left"},
            ],
        },
        {"rating": "false", "summary": "Summary " + TEXT},
    ),
    "crime-low": (
        {
            "claim": "Crime is at a record low.",
            "claimant": "party",
            "date": "2025-02-01",
            "appearances": [{"document": "leaflet", "quote": "crime is at a record low"}],
        },
        {"rating": "unproven", "summary": "Unsettled."},
    ),
    "corrected": (
        {"claim": "Taxes went up.", "claimant": "party", "date": "2025-01-01"},
        {
            "rating": "mostly-false",
            "summary": "No.",
            "updates": [
                {
                    "date": "2025-06-01",
                    "type": "correction",
                    "note": "Changed.",
                    "previous_rating": "true",
                }
            ],
        },
    ),
    "retracted": (
        {"claim": "Bridges fell.", "claimant": "party", "date": "2025-01-02"},
        {
            "rating": "true",
            "summary": "Yes.",
            "updates": [{"date": "2025-05-01", "type": "retraction", "note": "Wrong."}],
        },
    ),
    "steuern-de": (
        {
            "claim": "Die Steuern sind gestiegen.",
            "claimant": "party",
            "date": "2025-01-03",
            "language": "de",
        },
        {"rating": "false", "summary": "Nein."},
    ),
    "prices-fell-uk": (
        {
            "claim": "Ціни впали вдвічі.",
            "claimant": "jane",
            "date": "2025-03-01",
            "language": "uk",
            "translation_of": "prices-fell",
        },
        {"rating": "false", "summary": "Ні."},
    ),
    "pending": ({"claim": "Pending claim.", "claimant": "jane", "date": "2025-01-04"}, None),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cr4") / "repo"
    assert main(["init", str(root), "--name", "Desk", "--url", SITE, "--language", "en"]) == 0
    c = root / "content"
    same_as = ["https://www.wikidata.org/wiki/Q1", "https://jane.example/"]
    _write(c / "people/jane.yaml", {"name": JANE, "kind": "person", "same_as": same_as})
    party = {"name": "Acme Party", "kind": "organization", "same_as": ["https://acme.example/"]}
    _write(c / "people/party.yaml", party)
    _write(c / "people/ann.yaml", {"name": "Ann Checker", "kind": "person"})
    speech = {
        "title": SPEECH,
        "kind": "speech",
        "date": "2025-03-01",
        "publisher": "Hall & Co",
        "author": "jane",
        "url": "https://news.example/speech?a=1&b=2",
        "archive_url": "https://web.archive.org/web/2025/https://news.example/speech",
    }
    _write(c / "documents/speech.yaml", speech)
    (c / "documents/speech.txt").write_text(
        "She said prices fell by half last year. Then she left."
    )
    _write(
        c / "documents/leaflet.yaml", {"title": "Leaflet", "kind": "other", "date": "2025-02-01"}
    )
    (c / "documents/leaflet.txt").write_text("Vote for us: crime is at a record low.\n")
    for cid, (claim, verdict) in CLAIMS.items():
        _write(
            c / f"claims/{cid}.yaml",
            {"appearances": [{"url": f"https://x.example/{cid}"}], **claim},
        )
        if verdict is not None:
            _write(c / f"verdicts/{cid}.yaml", {"claim": cid, **VERDICT, **verdict})
    here = Path.cwd()
    os.chdir(root)
    try:
        assert main(["build", "--content", "content", "--out", "site", "--no-search"]) == 0
    finally:
        os.chdir(here)
    return root / "site"


def _page(site: Path, claim_id: str) -> ParsedPage:
    return parse(site / "claims" / claim_id / "index.html")


def _reviews(site: Path, claim_id: str) -> list[dict]:
    return [d for d in _page(site, claim_id).jsonld() if d.get("@type") == "ClaimReview"]


def _review(site: Path, claim_id: str) -> dict:
    (review,) = _reviews(site, claim_id)
    return review


def _url(claim_id: str) -> str:
    return f"{SITE}claims/{claim_id}/"


def _data(site: Path, name: str) -> bytes:
    return (site / "data" / name).read_bytes()


def _csv_rows(site: Path) -> dict[str, dict[str, str]]:
    text = _data(site, "claims.csv").decode("utf-8")
    return {r["id"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}


def test_a_claim_with_a_person_claimant_and_several_appearances(site):
    jane = {
        "@type": "Person",
        "name": JANE,
        "sameAs": ["https://www.wikidata.org/wiki/Q1", "https://jane.example/"],
    }
    speech = {
        "@type": "CreativeWork",
        "url": "https://news.example/speech?a=1&b=2",
        "headline": SPEECH,
        "datePublished": "2025-03-01",
        "archivedAt": "https://web.archive.org/web/2025/https://news.example/speech",
        "publisher": {"@type": "Organization", "name": "Hall & Co"},
        "author": jane,
    }
    post = {
        "@type": "CreativeWork",
        "url": "https://social.example/p/1",
        "headline": POST,
        "archivedAt": "https://web.archive.org/web/2025/https://social.example/p/1",
    }
    assert _review(site, "prices-fell") == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": _url("prices-fell"),
        "claimReviewed": "Prices fell by half",
        "datePublished": "2025-04-01",
        "dateModified": "2025-04-01",
        "inLanguage": "en",
        "author": ORG,
        "itemReviewed": {
            "@type": "Claim",
            "author": jane,
            "datePublished": "2025-03-01",  # estimated: the best date there is, as on the page
            # A multilingual site: the claim's language is said, not left to be guessed.
            "inLanguage": "en",
            "firstAppearance": speech,
            # The speech quoted twice is one work, listed once.
            "appearance": [
                speech,
                post,
                {"@type": "CreativeWork", "url": "https://other.example/x"},
            ],
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "False",
            "ratingValue": 1,
            "bestRating": 6,
            "worstRating": 1,
            "ratingExplanation": "Summary " + TEXT,
        },
    }


def test_an_organisation_claimant_a_rating_without_number_and_a_document_without_url(site):
    review = _review(site, "crime-low")
    item = review["itemReviewed"]
    assert item["author"] == {
        "@type": "Organization",
        "name": "Acme Party",
        "sameAs": "https://acme.example/",
    }
    assert item["inLanguage"] == "en"
    leaflet = {
        "@type": "CreativeWork",
        "url": f"{SITE}documents/leaflet/",  # the document's page here: it has no address
        "headline": "Leaflet",
        "datePublished": "2025-02-01",
    }
    assert item["firstAppearance"] == leaflet and item["appearance"] == [leaflet]
    assert (site / "documents" / "leaflet" / "index.html").is_file()
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unproven",
        "ratingExplanation": "Unsettled.",
    }


def test_a_corrected_verdict_is_dated_by_its_correction_everywhere(site):
    review = _review(site, "corrected")
    assert (review["datePublished"], review["dateModified"]) == ("2025-04-01", "2025-06-01")
    assert review["reviewRating"]["alternateName"] == "Mostly false"
    assert review["reviewRating"]["ratingValue"] == 2
    root = ET.parse(site / "sitemap.xml").getroot()
    lastmod = {
        u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
        for u in root.iter(f"{SITEMAP}url")
    }
    assert lastmod[_url("corrected")] == "2025-06-01"
    assert lastmod[_url("retracted")] == "2025-05-01"
    record = {r["id"]: r for r in json.loads(_data(site, "claims.json"))["claims"]}["corrected"]
    assert (record["published"], record["modified"]) == ("2025-04-01", "2025-06-01")
    assert _csv_rows(site)["corrected"]["update_types"] == "correction"


def test_retracted_and_unreviewed_claims_have_no_claimreview_anywhere(site):
    assert _reviews(site, "retracted") == [] and _reviews(site, "pending") == []
    feed = json.loads(_data(site, "claimreview.json"))
    urls = [e["url"] for e in feed["dataFeedElement"]]
    assert sorted(urls) == sorted(
        _url(c) for c in ("prices-fell", "crime-low", "corrected", "steuern-de", "prices-fell-uk")
    )
    records = {r["id"]: r for r in json.loads(_data(site, "claims.json"))["claims"]}
    assert records["retracted"]["status"] == "retracted" and records["retracted"]["rating"] is None
    assert records["retracted"]["withdrawn_rating"] == {"id": "true", "label": "True", "value": 6}
    assert records["pending"]["status"] == "under-review" and records["pending"]["rating"] is None
    rows = _csv_rows(site)
    assert (rows["retracted"]["rating_id"], rows["retracted"]["withdrawn_rating_id"]) == (
        "",
        "true",
    )


def test_claims_in_other_languages_name_the_language_of_the_claim_and_of_the_review(site):
    german = _review(site, "steuern-de")
    assert (german["inLanguage"], german["itemReviewed"]["inLanguage"]) == ("de", "de")
    assert german["claimReviewed"] == "Die Steuern sind gestiegen."
    translation = _review(site, "prices-fell-uk")
    # Reviewed in Ukrainian, of a claim made in English (the original's language).
    assert (translation["inLanguage"], translation["itemReviewed"]["inLanguage"]) == ("uk", "en")
    for cid in ("prices-fell", "crime-low", "corrected"):
        review = _review(site, cid)
        assert (review["inLanguage"], review["itemReviewed"]["inLanguage"]) == ("en", "en"), cid
    records = {r["id"]: r for r in json.loads(_data(site, "claims.json"))["claims"]}
    assert [records[c]["language"] for c in ("prices-fell", "steuern-de", "prices-fell-uk")] == [
        "en",
        "de",
        "uk",
    ]


def test_every_address_of_a_claim_page_is_the_same_string(site):
    """Below a percent-encoded path: canonical, og:url, JSON-LD, sitemap, claims.json, claims.csv
    and claimreview.json must agree byte for byte, or a consumer sees two pages."""
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    records = {r["id"]: r["url"] for r in json.loads(_data(site, "claims.json"))["claims"]}
    rows = {cid: row["url"] for cid, row in _csv_rows(site).items()}
    feed = {e["url"] for e in json.loads(_data(site, "claimreview.json"))["dataFeedElement"]}
    assert set(records) == set(CLAIMS) == set(rows)
    for cid in CLAIMS:
        page = _page(site, cid)
        (canonical,) = page.find("link", rel="canonical")
        (og,) = page.find("meta", property="og:url")
        url = _url(cid)
        assert (canonical["href"], og["content"], records[cid], rows[cid]) == (url,) * 4, cid
        assert url in locs, cid
        for review in _reviews(site, cid):
            assert review["url"] == url and url in feed
    assert f"{SITE}documents/leaflet/" in locs
    # One ClaimReview a page, and only on the page it reviews (not the embed card, not a list).
    carrying = sorted(
        p.relative_to(site).as_posix()
        for p in html_files(site)
        if any(d.get("@type") == "ClaimReview" for d in parse(p).jsonld())
    )
    assert carrying == sorted(f"claims/{u.rsplit('/', 2)[-2]}/index.html" for u in feed)


def test_hostile_text_stays_inside_the_json_ld_script(site):
    """No text closes the <script>, opens an HTML comment in it, or breaks the line it is on:
    the HTML parser sees one script whose JSON gives back every value as written."""
    html = (site / "claims" / "prices-fell" / "index.html").read_text(encoding="utf-8")
    page = ParsedPage(html)
    bodies = [b for a, b in page.scripts if a.get("type") == "application/ld+json"]
    assert len(bodies) == 1
    (body,) = bodies
    for bad in ("<", ">", "\u2028", "\u2029"):
        assert bad not in body, bad
    review = json.loads(body)
    assert review["itemReviewed"]["author"]["name"] == JANE
    assert review["itemReviewed"]["appearance"][1]["headline"] == POST
    assert review["reviewRating"]["ratingExplanation"] == "Summary " + TEXT
    # A line reader (Python's splitlines splits on U+2028) finds the whole element on one line.
    (line,) = [s for s in html.splitlines() if '<script type="application/ld+json">' in s]
    assert line.strip().endswith("</script>") and json.loads(line.strip()[35:-9]) == review


def test_the_data_feed_and_its_json_lines_hold_the_pages_claimreviews(site):
    feed = json.loads(_data(site, "claimreview.json"))
    assert {k: v for k, v in feed.items() if k != "dataFeedElement"} == {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": "Desk: ClaimReview data feed",
        "url": f"{SITE}data/claimreview.json",
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "publisher": ORG,
        "dateModified": "2025-06-01",
    }
    lines = gzip.decompress(_data(site, "claimreview.jsonl.gz")).decode("utf-8").splitlines()
    assert [json.loads(x) for x in lines] == feed["dataFeedElement"]
    for element in feed["dataFeedElement"]:
        cid = element["url"].rsplit("/", 2)[-2]
        assert element["sdLicense"] == "https://creativecommons.org/licenses/by/4.0/"
        assert element["sdPublisher"] == ORG
        page = {k: v for k, v in element.items() if k not in ("sdLicense", "sdPublisher")}
        assert page == _review(site, cid), cid


def test_claims_exports_carry_every_documented_field(site):
    data = json.loads(_data(site, "claims.json"))
    header = {k: v for k, v in data.items() if k != "claims"}
    assert set(header) == {"format", "license", "publisher", "ratings"}
    assert header["publisher"] == {"name": "Desk", "url": SITE}
    lines = gzip.decompress(_data(site, "claims.jsonl.gz")).decode("utf-8").splitlines()
    assert json.loads(lines[0]) == header
    assert [json.loads(x) for x in lines[1:]] == data["claims"]
    assert gzip.decompress(_data(site, "claims.csv.gz")) == _data(site, "claims.csv")
    record = {r["id"]: r for r in data["claims"]}["prices-fell"]
    documented = {
        "id", "url", "claim", "title", "claimant", "claim_date", "claim_date_estimated",
        "language", "topics", "appearances", "documents", "related", "status", "rating",
        "withdrawn_rating", "summary", "body", "published", "modified", "authors", "reviewers",
        "sources", "updates", "content_files", "translation_of", "translations",
    }  # fmt: skip
    assert documented <= set(record)
    assert record["claimant"] == {
        "id": "jane",
        "name": JANE,
        "kind": "person",
        "description": None,
        "same_as": ["https://www.wikidata.org/wiki/Q1", "https://jane.example/"],
    }
    assert record["claim"] == "Prices fell by half " + TEXT  # never altered
    assert len(record["appearances"]) == 4 and record["documents"][0]["title"] == SPEECH
    assert [a["quote"] for a in record["appearances"]][::3] == [
        "prices fell by half last year",
        "Then she left",
    ]
    assert record["translations"] == ["prices-fell-uk"]
    rows = _csv_rows(site)
    assert list(next(iter(rows.values()))) == list(exports.CSV_COLUMNS)
    row = rows["prices-fell"]
    assert {k: row[k] for k in ("claimant_name", "claim_date", "claim_date_estimated")} == {
        "claimant_name": JANE,
        "claim_date": "2025-03-01",
        "claim_date_estimated": "true",
    }
    assert row["appearance_urls"] == (
        "https://news.example/speech?a=1&b=2 | https://social.example/p/1 | https://other.example/x"
    )
    assert (row["rating_id"], row["rating_label"], row["rating_value"]) == ("false", "False", "1")
    assert row["document_ids"] == "speech" and row["translations"] == "prices-fell-uk"
    assert rows["prices-fell-uk"]["translation_of"] == "prices-fell"
    assert rows["crime-low"]["rating_value"] == "" and rows["crime-low"]["language"] == "en"


def _unit(**settings) -> tuple:
    site = link(sample_content())
    c = site.content
    s = dataclasses.replace(SETTINGS, **settings)
    claim, verdict = c.claims["unemployment-doubled"], c.verdicts["unemployment-doubled"]
    return site, s, Scale.of(c.ratings.values()), claim, verdict


def test_line_separators_and_lone_surrogates_are_escaped_in_the_json_ld():
    """A lone surrogate (mkdocs.yml's "\\ud800") cannot be written as UTF-8: the page was not
    written at all; U+2028 split the JSON-LD's line for line readers."""
    name = "Desk \ud800 \u2028 \u2029 </script>"
    site, s, scale, claim, verdict = _unit(organization_name=name)
    text = claim_review_json(site, s, scale, claim, verdict)
    text.encode("utf-8")  # raised UnicodeEncodeError
    assert "\u2028" not in text and "\u2029" not in text and "</" not in text
    assert "\\ud800 \\u2028 \\u2029" in text
    assert json.loads(text)["author"]["name"] == name


def test_a_monolingual_site_leaves_the_claims_language_to_the_review():
    """One language on the site: the review's inLanguage says it; a claim with its own
    `language` still names it."""
    site, s, scale, claim, verdict = _unit()
    review = claim_review(site, s, scale, claim, verdict)
    assert review["inLanguage"] == "en" and "inLanguage" not in review["itemReviewed"]
    content = replace_claim(sample_content(), "exports-halved", language="ar")
    site = link(content)
    claim = site.content.claims["unemployment-doubled"]
    review = claim_review(site, s, scale, claim, verdict)
    assert review["itemReviewed"]["inLanguage"] == "en"  # multilingual now
