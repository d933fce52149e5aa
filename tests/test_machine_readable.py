"""What machines read, on a site in another language with awkward content: feeds, sitemap, the
open data, ClaimReview and oEmbed of a real `factcheck init --language hi` site, built once.

The content is what newsrooms write: names with quotes, ampersands, emoji and Arabic letters, a
claim over several lines that starts like a spreadsheet formula, a date inferred from the
document, a retracted and a corrected fact check, a rating without a number, a claim under
review and claims without any document. Every XML file is read by a real XML parser, every JSON
file by `json`, the CSV by `csv`.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
NAME = 'O\'Brien "Bob" & <Sons> 🎉 مرحبا'
CLAIM = '=SUM(A1:A9) the fare doubled\nsaid "twice" & <more>'
SOURCES = [{"id": "s1", "title": "Fares & <tables>", "url": "https://example.org/s?a=1&b=2"}]


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is YAML


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hi") / "repo"
    url = "https://hi.example.org/"
    assert main(["init", str(root), "--name", "सच & “Co”", "--url", url, "--language", "hi"]) == 0
    content = root / "content"
    ratings = content / "ratings.yaml"
    # A scale whose label starts like a formula ("-1: ..."): spreadsheets would run it.
    text = ratings.read_text(encoding="utf-8").replace('label: "गलत"', 'label: "-1: बिल्कुल गलत"')
    ratings.write_text(text, encoding="utf-8")
    _write(content / "people" / "weird.yaml", {"name": NAME, "kind": "person"})
    _write(content / "people" / "checker.yaml", {"name": "सीमा & Co", "kind": "organization"})
    claim = {"claimant": "weird", "date": "2025-03-01", "topics": ["economy"]}
    verdict = {"authors": ["checker"], "published": "2025-04-01", "sources": SOURCES}
    verdict["body"] = "Cited [@s1]."
    claims = {
        "formula": ({"claim": CLAIM, "date_estimated": True}, {"rating": "false"}),
        "unproven": ({"claim": "किराया दोगुना हुआ।"}, {"rating": "unproven"}),
        "corrected": (
            {"claim": "@handle: किराया बढ़ा।"},
            {
                "rating": "mostly-false",
                "updates": [
                    {
                        "date": "2025-06-01",
                        "type": "correction",
                        "note": "Rating changed & <why>.",
                        "previous_rating": "true",
                    }
                ],
            },
        ),
        "retracted": (
            {"claim": "-5% सब पर"},
            {
                "rating": "true",
                "updates": [{"date": "2025-05-01", "type": "retraction", "note": "गलती & माफी"}],
            },
        ),
        "pending": ({"claim": "जांच जारी है"}, None),
    }
    for cid, (c, v) in claims.items():
        appearance = [{"url": f"https://example.org/{cid}?a=1&b=2", "title": "A & B"}]
        _write(content / "claims" / f"{cid}.yaml", {**claim, "appearances": appearance, **c})
        if v is not None:
            summary = f"{cid}: सारांश & <b>"
            _write(
                content / "verdicts" / f"{cid}.yaml",
                {"claim": cid, "summary": summary, **verdict, **v},
            )
    here = Path.cwd()
    os.chdir(root)
    try:
        assert main(["build", "--content", "content", "--out", "site", "--no-search"]) == 0
    finally:
        os.chdir(here)
    return root / "site"


def _absolute_ascii(url: str) -> bool:
    return urlsplit(url).scheme == "https" and url.isascii() and " " not in url


def test_every_feed_and_sitemap_is_well_formed_xml_in_the_sites_language(site):
    feeds = sorted(site.rglob("feed.xml"))
    assert len(feeds) >= 4  # the site's, a topic's, a claimant's, the language list's
    for path in feeds:
        root = ET.parse(path).getroot()
        assert root.tag == f"{ATOM}feed" and root.get(XML_LANG) == "hi", path
        for el in root.iter(f"{ATOM}updated"):
            assert RFC3339.match(el.text), (path, el.text)
        assert all(_absolute_ascii(link.get("href")) for link in root.iter(f"{ATOM}link"))
    main = ET.parse(site / "feed.xml").getroot()
    assert main.findtext(f"{ATOM}title") == "सच & “Co”: ताज़ा फ़ैक्ट-चेक"
    titles = [e.findtext(f"{ATOM}title") for e in main.iter(f"{ATOM}entry")]
    assert titles[0] == "ज़्यादातर गलत: @handle: किराया बढ़ा।"  # the correction comes first
    assert "-1: बिल्कुल गलत: " + CLAIM in titles
    assert all(not t.startswith("सच: -5%") for t in titles)  # the retracted rating is no title
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    locs = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert "https://hi.example.org/claims/formula/" in locs
    assert all(_absolute_ascii(u) for u in locs)
    assert (
        gzip.decompress((site / "sitemap.xml.gz").read_bytes())
        == (site / "sitemap.xml").read_bytes()
    )


def test_json_feed_items_keep_the_content_exactly(site):
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert feed["language"] == "hi" and feed["title"] == "सच & “Co”: ताज़ा फ़ैक्ट-चेक"
    item = next(i for i in feed["items"] if i["id"].endswith("/claims/formula/"))
    assert RFC3339.match(item["date_published"]) and RFC3339.match(item["date_modified"])
    fields = item["_factcheck"]
    assert fields["claim"] == CLAIM and fields["claimant"]["name"] == NAME
    assert fields["claim_date"] == "2025-03-01" and fields["claim_date_estimated"] is True


def test_the_csv_quotes_newlines_and_defuses_formulas_in_every_free_text_cell(site):
    """A rating label such as "-1: ..." was written as it is: a spreadsheet runs it."""
    raw = (site / "data" / "claims.csv").read_bytes()
    assert gzip.decompress((site / "data" / "claims.csv.gz").read_bytes()) == raw
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""))}
    assert set(rows) == {"formula", "unproven", "corrected", "retracted", "pending"}
    formula = rows["formula"]
    assert formula["claim"] == "'" + CLAIM  # the newline kept, inside one quoted cell
    assert formula["rating_label"] == "'-1: बिल्कुल गलत"
    assert formula["rating_value"] == "1" and formula["claimant_name"] == NAME
    assert rows["corrected"]["claim"] == "'@handle: किराया बढ़ा।"
    assert rows["retracted"]["claim"] == "'-5% सब पर"
    assert rows["retracted"]["rating_label"] == ""
    assert rows["unproven"]["rating_value"] == "" and rows["unproven"]["rating_label"] == "अप्रमाणित"
    for row in rows.values():
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@")), (row["id"], column, cell)


def test_the_open_data_says_which_dates_are_estimated(site):
    """The claim page says "(estimated date)"; claims.json and the CSV gave the date as exact."""
    data = json.loads((site / "data" / "claims.json").read_text(encoding="utf-8"))
    records = {r["id"]: r for r in data["claims"]}
    assert records["formula"]["claim"] == CLAIM  # claims.json is never altered
    assert records["formula"]["claim_date_estimated"] is True
    assert records["unproven"]["claim_date_estimated"] is False
    assert records["formula"]["appearances"][0]["date_estimated"] is False
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(_csv(site), newline=""))}
    assert rows["formula"]["claim_date_estimated"] == "true"
    assert rows["pending"]["claim_date_estimated"] == "false"
    lines = gzip.decompress((site / "data" / "claims.jsonl.gz").read_bytes()).decode("utf-8")
    assert [json.loads(line) for line in lines.splitlines()[1:]] == data["claims"]
    page = (site / "claims" / "formula" / "index.html").read_text(encoding="utf-8")
    assert "(अनुमानित तारीख)" in page  # what the open data now says too


def _csv(site: Path) -> str:
    return (site / "data" / "claims.csv").read_text(encoding="utf-8")


def _claim_review(site: Path, claim_id: str) -> list[dict]:
    page = (site / "claims" / claim_id / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [d for d in map(json.loads, blocks) if d.get("@type") == "ClaimReview"]


def test_claimreview_matches_the_page_and_the_data_feed(site):
    (review,) = _claim_review(site, "formula")
    assert review["inLanguage"] == "hi"
    assert review["claimReviewed"] == CLAIM
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": NAME}
    assert review["itemReviewed"]["appearance"][0]["url"] == "https://example.org/formula?a=1&b=2"
    rating = review["reviewRating"]
    assert (rating["alternateName"], rating["ratingValue"]) == ("-1: बिल्कुल गलत", 1)
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    (unproven,) = _claim_review(site, "unproven")
    assert unproven["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "अप्रमाणित",
        "ratingExplanation": "unproven: सारांश & <b>",
    }
    (corrected,) = _claim_review(site, "corrected")
    assert (corrected["datePublished"], corrected["dateModified"]) == ("2025-04-01", "2025-06-01")
    assert _claim_review(site, "retracted") == [] and _claim_review(site, "pending") == []
    feed = json.loads((site / "data" / "claimreview.json").read_text(encoding="utf-8"))
    elements = {e["url"].rsplit("/", 2)[-2]: e for e in feed["dataFeedElement"]}
    assert set(elements) == {"formula", "unproven", "corrected"}
    assert {k: v for k, v in elements["formula"].items() if not k.startswith("sd")} == review


def test_oembed_names_the_claim_and_its_card(site):
    data = json.loads((site / "claims" / "formula" / "oembed.json").read_text(encoding="utf-8"))
    assert (data["version"], data["type"]) == ("1.0", "rich")
    assert data["title"] == CLAIM and data["provider_name"] == "सच & “Co”"
    assert 'src="https://hi.example.org/claims/formula/embed/"' in data["html"]
    assert data["thumbnail_url"] == "https://hi.example.org/claims/formula/og.png"
    assert not (site / "claims" / "pending" / "oembed.json").exists()


def test_json_feed_extensions_point_at_documentation_by_url(site):
    """JSON Feed 1.1: an extension object's `about` is the URL of its documentation. Ours was a
    sentence sending readers to "the site's open data documentation", a page no site has."""
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    extensions = [v for i in feed["items"] for k, v in i.items() if k.startswith("_")]
    assert extensions
    for ext in extensions:
        assert "about" not in ext or _absolute_ascii(ext["about"]), ext["about"]


def test_the_claimreview_data_feed_is_named_in_the_sites_language(site):
    """claimreview.json was always "<site>: ClaimReview data feed", in English on a Hindi site."""
    feed = json.loads((site / "data" / "claimreview.json").read_text(encoding="utf-8"))
    assert feed["name"] == "सच & “Co”: ClaimReview डेटा फ़ीड"
