"""Open data, round 2: the feeds say what the claim page says of content in other languages and of
inferred dates. Real objects from tests/factories.py, feeds parsed back with a real XML parser."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET

from generator import feeds
from generator.link import link
from tests.factories import SETTINGS, replace_claim, sample_content

A = "{http://www.w3.org/2005/Atom}"


def _atom_content(site, settings, claim_id: str) -> str:
    """The HTML of one entry of the site's main Atom feed, as a feed reader unescapes it."""
    xml = feeds.atom_feed(site, settings, list(site.content.verdicts), path="feed.xml", title="T")
    root = ET.fromstring(xml)
    url = settings.url(f"claims/{claim_id}/")
    for entry in root.findall(f"{A}entry"):
        if entry.findtext(f"{A}id") == url:
            return entry.findtext(f"{A}content") or ""
    raise AssertionError(f"no entry for {claim_id}")


def _json_item(site, settings, claim_id: str) -> dict:
    text = feeds.json_feed(site, settings, list(site.content.verdicts), path="feed.json", title="T")
    items = {i["id"]: i for i in json.loads(text)["items"]}
    return items[settings.url(f"claims/{claim_id}/")]


def test_estimated_claim_date_is_marked_in_atom_and_json_feed():
    content = replace_claim(sample_content(), "exports-halved", date_estimated=True)
    site = link(content)
    html = _atom_content(site, SETTINGS, "exports-halved")
    assert "(Jane Doe, 1 March 2025, estimated)" in html
    item = _json_item(site, SETTINGS, "exports-halved")
    assert "(Jane Doe, 1 March 2025, estimated)" in item["content_html"]
    assert item["_factcheck"]["claim_date_estimated"] is True
    # A date the document shows is not called an estimate.
    assert "estimated" not in _atom_content(site, SETTINGS, "crime-record-low")


def test_estimated_claim_date_in_the_sites_language():
    settings = dataclasses.replace(SETTINGS, language="uk", locale=None)
    site = link(replace_claim(sample_content(), "exports-halved", date_estimated=True))
    html = _atom_content(site, settings, "exports-halved")
    assert "1 березня 2025\u202fр., орієнтовно)" in html


def test_claim_in_another_language_is_marked_with_its_language_and_direction():
    """An Arabic claim in an English feed: its words carry lang="ar" dir="rtl", as on its page, so
    a reader shows them right to left; the site's own-language claims are not wrapped."""
    content = replace_claim(
        sample_content(), "exports-halved", claim="انخفضت الصادرات إلى النصف.", language="ar"
    )
    site = link(content)
    html = _atom_content(site, SETTINGS, "exports-halved")
    assert '\u201c<span lang="ar" dir="rtl">انخفضت الصادرات إلى النصف.</span>\u201d' in html
    assert '<span lang="ar" dir="rtl">Exports did fall by half.</span>' in html  # the summary
    item = _json_item(site, SETTINGS, "exports-halved")
    assert '<span lang="ar" dir="rtl">انخفضت الصادرات إلى النصف.</span>' in item["content_html"]
    assert "<span lang" not in _atom_content(site, SETTINGS, "crime-record-low")


def test_claim_in_the_sites_language_is_not_marked_in_an_english_fallback_feed():
    """A site in a language without the feed's words (here Italian) gets an English feed; its
    Italian claims are then marked Italian, not taken for English."""
    settings = dataclasses.replace(SETTINGS, language="it", locale=None)
    site = link(sample_content())
    root = ET.fromstring(
        feeds.atom_feed(site, settings, list(site.content.verdicts), path="feed.xml", title="T")
    )
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    html = _atom_content(site, settings, "exports-halved")
    assert '<span lang="it" dir="ltr">Exports fell by half last year.</span>' in html
