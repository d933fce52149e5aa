"""Feeds: Atom 1.0 and JSON Feed 1.1 from a small content model built here, parsed back and checked
against RFC 4287's required elements and the JSON Feed 1.1 spec. Real objects, no mocks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from generator import feeds
from generator.link import link
from generator.model import (
    Appearance,
    Claim,
    Content,
    Person,
    Rating,
    Source,
    Topic,
    Update,
    Verdict,
)
from generator.settings import Settings
from generator.streams import whole

A = "{http://www.w3.org/2005/Atom}"
SETTINGS = Settings(
    site_name="Demo Checks",
    site_url="https://facts.example.org/sub/",
    organization_name="Demo Desk",
    organization_url="https://facts.example.org/sub/about/",
)
D = dt.date


def _content() -> Content:
    ratings = {
        "true": Rating("true", "True", "Accurate.", value=3, color="#1a7f37", order=0),
        "false": Rating("false", "False", "Not accurate.", value=1, color="#b91c1c", order=1),
        "unproven": Rating("unproven", "Unproven", "Unsettled.", order=2),
    }
    people = {
        "ann": Person("ann", "Ann <Checker> & Co", "person"),
        "bob": Person("bob", "Bob Speaker", "person", same_as=("https://example.org/bob",)),
        "org": Person("org", "Ministry \u201cTruth\u201d", "organization"),
    }
    topics = {"economy": Topic("economy", "Economy"), "war": Topic("war", "War & peace")}
    src = (Source("s1", "Stats", "https://stats.example.org/t1"),)

    def claim(cid, text, who, day, topics=(), title=None):
        return Claim(
            id=cid,
            claim=text,
            claimant=who,
            date=day,
            appearances=(Appearance(url=f"https://news.example.org/{cid}"),),
            title=title,
            topics=topics,
        )

    claims = {
        "old-corrected": claim(
            "old-corrected", "Prices fell by half.", "bob", D(2024, 1, 5), ("economy",)
        ),
        "new-plain": claim(
            "new-plain",
            "Troops <b>crossed</b> the border & stayed.",
            "org",
            D(2024, 6, 1),
            ("war", "economy"),
            title="Troops crossed the border",
        ),
        "unproven-one": claim("unproven-one", "Nobody can know this.", "bob", D(2024, 3, 1)),
        "under-review": claim("under-review", "Not checked yet.", "bob", D(2024, 7, 1), ("war",)),
    }
    verdicts = {
        "old-corrected": Verdict(
            claim="old-corrected",
            rating="false",
            summary="They rose by 3%.",
            body="Body [@s1]",
            sources=src,
            authors=("ann",),
            published=D(2024, 1, 10),
            updates=(
                Update(D(2024, 8, 2), "correction", "We misread a table.", previous_rating="true"),
            ),
        ),
        "new-plain": Verdict(
            claim="new-plain",
            rating="true",
            summary="Confirmed by <two> sources & maps.",
            body="Body [@s1]",
            sources=src,
            authors=("ann", "bob"),
            published=D(2024, 6, 3),
        ),
        "unproven-one": Verdict(
            claim="unproven-one",
            rating="unproven",
            summary="No data either way.",
            body="Body [@s1]",
            sources=src,
            authors=("ann",),
            published=D(2024, 3, 2),
        ),
    }
    return Content(ratings, topics, people, {}, claims, verdicts)


@pytest.fixture(scope="module")
def site():
    return link(_content())


@pytest.fixture(scope="module")
def files(site):
    return whole(feeds.feeds(site, SETTINGS))


def _parse(text: str | bytes) -> ET.Element:
    return ET.fromstring(text.encode("utf-8") if isinstance(text, str) else text)


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _assert_atom_valid(root: ET.Element) -> None:
    """RFC 4287's MUSTs that a parser can check."""
    assert root.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{name}")) == 1, f"feed needs exactly one atom:{name}"
    assert RFC3339.match(root.findtext(f"{A}updated"))
    self_links = [ln for ln in root.findall(f"{A}link") if ln.get("rel") == "self"]
    assert len(self_links) == 1 and urlsplit(self_links[0].get("href")).scheme == "https"
    feed_has_author = root.find(f"{A}author/{A}name") is not None
    ids = []
    for entry in root.findall(f"{A}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1, f"entry needs exactly one atom:{name}"
        assert RFC3339.match(entry.findtext(f"{A}updated"))
        assert RFC3339.match(entry.findtext(f"{A}published"))
        assert entry.findtext(f"{A}published") <= entry.findtext(f"{A}updated")
        assert feed_has_author or entry.find(f"{A}author/{A}name") is not None
        alternates = [
            ln for ln in entry.findall(f"{A}link") if ln.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == 1  # no atom:content src, so an alternate link is required
        assert entry.find(f"{A}summary") is not None
        ids.append(entry.findtext(f"{A}id"))
    assert len(ids) == len(set(ids)), "entry ids must be unique"


def test_main_atom_feed_is_valid_atom(files):
    root = _parse(files["feed.xml"])
    _assert_atom_valid(root)
    assert root.findtext(f"{A}id") == "https://facts.example.org/sub/feed.xml"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_atom_entries_carry_verdict_summary_link_dates_and_authors(files, site):
    root = _parse(files["feed.xml"])
    entries = {e.findtext(f"{A}id"): e for e in root.findall(f"{A}entry")}
    url = "https://facts.example.org/sub/claims/new-plain/"
    e = entries[url]
    assert e.findtext(f"{A}title") == "True: Troops crossed the border"
    assert e.find(f"{A}link").get("href") == url
    assert e.findtext(f"{A}published") == "2024-06-03T12:00:00Z"
    assert [a.text for a in e.findall(f"{A}author/{A}name")] == [
        "Ann <Checker> & Co",
        "Bob Speaker",
    ]
    assert e.findtext(f"{A}summary") == "True. Confirmed by <two> sources & maps."
    categories = {(c.get("term"), c.get("label")) for c in e.findall(f"{A}category")}
    assert {("true", "True"), ("war", "War & peace"), ("economy", "Economy")} <= categories
    # The html content is escaped text: parsed back it is HTML, with the claim's own markup escaped.
    content = e.find(f"{A}content")
    assert content.get("type") == "html"
    assert "Troops &lt;b&gt;crossed&lt;/b&gt; the border &amp; stayed." in content.text
    assert "<b>" not in content.text


def test_claims_without_verdict_are_not_in_feeds(files):
    for path, text in files.items():
        if path.endswith(".xml"):
            ids = [e.findtext(f"{A}id") for e in _parse(text).findall(f"{A}entry")]
            assert not any(i.endswith("/under-review/") for i in ids), path


def test_correction_bumps_updated_and_moves_entry_to_top(files):
    root = _parse(files["feed.xml"])
    entries = root.findall(f"{A}entry")
    first = entries[0]
    assert first.findtext(f"{A}id").endswith("/claims/old-corrected/")
    assert first.findtext(f"{A}published") == "2024-01-10T12:00:00Z"
    assert first.findtext(f"{A}updated") == "2024-08-02T12:00:00Z"
    assert "Correction" in first.find(f"{A}content").text
    assert "We misread a table." in first.find(f"{A}content").text
    # The feed's own updated date is its newest entry's, never the build clock.
    assert root.findtext(f"{A}updated") == "2024-08-02T12:00:00Z"
    updated = [e.findtext(f"{A}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)


def test_json_feed_1_1(files):
    feed = json.loads(files["feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"]
    assert feed["feed_url"] == "https://facts.example.org/sub/feed.json"
    assert feed["home_page_url"] == "https://facts.example.org/sub/"
    assert feed["authors"][0]["name"] == "Demo Desk"
    items = feed["items"]
    assert [i["id"].rsplit("/", 2)[1] for i in items] == [
        "old-corrected",
        "new-plain",
        "unproven-one",
    ]
    for item in items:
        assert isinstance(item["id"], str) and item["url"].startswith("https://")
        assert item.get("content_html") or item.get("content_text")  # one is required
        assert RFC3339.match(item["date_published"]) and RFC3339.match(item["date_modified"])
        assert all(k.startswith("_") or k in JSON_FEED_ITEM_KEYS for k in item)
    corrected = items[0]
    assert corrected["date_modified"] == "2024-08-02T12:00:00Z"
    assert corrected["_factcheck"]["rating"] == {"id": "false", "label": "False", "value": 1}
    assert corrected["_factcheck"]["updates"][0]["type"] == "correction"
    assert items[2]["_factcheck"]["rating"]["value"] is None  # non-ordinal


JSON_FEED_ITEM_KEYS = {
    "id",
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "image",
    "banner_image",
    "date_published",
    "date_modified",
    "authors",
    "tags",
    "language",
    "attachments",
}


def test_per_topic_and_per_claimant_feeds(files, site):
    assert set(files) >= {
        "topics/economy/feed.xml",
        "topics/war/feed.xml",
        "people/bob/feed.xml",
        "people/org/feed.xml",
    }
    assert "people/ann/feed.xml" not in files  # a fact-checker who made no claim
    for path in (p for p in files if p != "feed.xml" and p.endswith(".xml")):
        root = _parse(files[path])
        _assert_atom_valid(root)
        assert root.findtext(f"{A}id") == SETTINGS.url(path)
        page = [ln for ln in root.findall(f"{A}link") if ln.get("rel") == "alternate"][0]
        assert page.get("href") == SETTINGS.url(path.removesuffix("feed.xml"))
    economy = _parse(files["topics/economy/feed.xml"])
    assert {e.findtext(f"{A}id").rsplit("/", 2)[1] for e in economy.findall(f"{A}entry")} == {
        "old-corrected",
        "new-plain",
    }
    bob = _parse(files["people/bob/feed.xml"])
    assert len(bob.findall(f"{A}entry")) == 2
    assert "Bob Speaker" in bob.findtext(f"{A}title")


def test_empty_topic_feed_is_valid(site):
    text = feeds.atom_feed(site, SETTINGS, [], path="topics/none/feed.xml", title="None")
    root = _parse(text)
    _assert_atom_valid(root)
    assert root.findall(f"{A}entry") == []
    # Not an invented 1970: the site's last change, the date the sitemap gives the topic's page.
    c = site.content
    newest = max([x.date for x in c.claims.values()] + [v.modified for v in c.verdicts.values()])
    assert root.findtext(f"{A}updated") == f"{newest.isoformat()}T12:00:00Z"


def test_feed_limit_keeps_the_newest(site):
    text = feeds.atom_feed(
        site, SETTINGS, site.content.verdicts, path="feed.xml", title="t", limit=1
    )
    entries = _parse(text).findall(f"{A}entry")
    assert [e.findtext(f"{A}id") for e in entries] == [SETTINGS.url("claims/old-corrected/")]


def test_xml_invalid_characters_cannot_break_the_feed():
    content = _content()
    bad = dict(content.verdicts)
    v = bad["new-plain"]
    bad["new-plain"] = dataclasses.replace(v, summary="odd \ufffe\udc80 text \x0b")
    s = link(Content(content.ratings, content.topics, content.people, {}, content.claims, bad))
    root = _parse(feeds.feeds(s, SETTINGS)["feed.xml"])
    assert any("odd" in (e.findtext(f"{A}summary") or "") for e in root.findall(f"{A}entry"))


def test_feeds_are_deterministic(site):
    assert whole(feeds.feeds(site, SETTINGS)) == whole(feeds.feeds(link(_content()), SETTINGS))


def test_alternate_links_name_both_main_feeds():
    links = feeds.alternate_links(SETTINGS)
    assert [(ln["type"], ln["href"]) for ln in links] == [
        ("application/atom+xml", "https://facts.example.org/sub/feed.xml"),
        ("application/feed+json", "https://facts.example.org/sub/feed.json"),
    ]


# --- real builds: what a subscriber's reader gets from `factcheck build` ------------------------

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _new_site(root, language: str, claims: dict[str, dict] | None = None):
    """`factcheck init` in `language`, with `claims` (id -> claim fields, each with a verdict)."""
    from generator.cli import main

    url = "https://feeds.example.org/"
    assert (
        main(["init", str(root), "--name", "Feed Desk", "--url", url, "--language", language]) == 0
    )
    content = root / "content"
    if claims:
        (content / "people" / "speaker.yaml").write_text(
            json.dumps({"name": "Sam Speaker", "kind": "person"}), encoding="utf-8"
        )
        for cid, fields in claims.items():
            claim = {"claimant": "speaker", "date": "2025-03-01"}
            claim["appearances"] = [{"url": f"https://news.example.org/{cid}", "title": "A"}]
            (content / "claims" / f"{cid}.yaml").write_text(
                json.dumps({**claim, **fields}, ensure_ascii=False), encoding="utf-8"
            )
            verdict = {"claim": cid, "rating": "false", "summary": "Not so.", "body": "See [@s]."}
            verdict |= {"authors": ["speaker"], "published": "2025-04-02"}
            verdict["sources"] = [
                {"id": "s", "title": "Stats", "url": "https://stats.example.org/"}
            ]
            (content / "verdicts" / f"{cid}.yaml").write_text(json.dumps(verdict), encoding="utf-8")
    return root


def _build(root, *extra: str):
    from generator.cli import main

    here = os.getcwd()
    os.chdir(root)
    try:
        assert main(["build", "--content", "content", "--out", "site", "--no-search", *extra]) == 0
    finally:
        os.chdir(here)
    return root / "site"


def test_an_empty_sites_feeds_are_dated_by_the_build_not_1970(tmp_path, monkeypatch):
    """A new site with no claims said `<updated>1970-01-01T00:00:00Z</updated>`: feed readers
    showed the feed as 56 years old. Now it is the build's date (SOURCE_DATE_EPOCH here, so the
    build can be reproduced), the date the sitemap gives the home page."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    site = _build(_new_site(tmp_path / "empty", "en"))
    root = _parse((site / "feed.xml").read_bytes())
    _assert_atom_valid(root)
    assert root.findall(f"{A}entry") == []
    assert root.findtext(f"{A}updated") == "2026-01-01T12:00:00Z"
    topic = _parse((site / "topics" / "economy" / "feed.xml").read_bytes())  # a starter topic
    assert topic.findtext(f"{A}updated") == "2026-01-01T12:00:00Z"
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    lastmod = {
        u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
        for u in sitemap.iter(f"{SITEMAP}url")
    }
    assert lastmod["https://feeds.example.org/"] == "2026-01-01"
    for path in site.rglob("feed.*"):
        assert "1970" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("catalog", ["none", "untranslated"])
def test_a_site_whose_catalog_lacks_the_feed_words_declares_them_english(tmp_path, catalog):
    """A ja site built with --no-strict and no Japanese catalog (or `init`'s, not translated
    yet): its feeds said xml:lang="ja" and "language": "ja" over English titles and sentences,
    so readers and screen readers treated English words as Japanese."""
    root = _new_site(tmp_path / "ja", "ja", {"fare": {"claim": "運賃が倍になった。"}})
    if catalog == "none":
        shutil.rmtree(root / "locale")
    site = _build(root, "--no-strict")
    atom = _parse((site / "feed.xml").read_bytes())
    assert atom.get(XML_LANG) == "en"
    assert atom.findtext(f"{A}title") == "Feed Desk: latest fact checks"
    entry = atom.find(f"{A}entry")
    assert entry.findtext(f"{A}title") == "False: 運賃が倍になった。"
    content = entry.findtext(f"{A}content")
    assert "(Sam Speaker, March 1, 2025)" in content  # English words, English date
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    (item,) = feed["items"]
    assert feed["language"] == "en" and item["language"] == "en"
    assert item["title"] == "False: 運賃が倍になった。"
    assert item["_factcheck"]["claim_language"] == "ja"  # the claim's own words: the site's


def test_a_json_feed_item_is_in_the_language_of_its_words_not_its_claims(tmp_path):
    """On a Spanish site an English claim's item said "language": "en" over a Spanish title and
    text ("Falso: ...", "Leer la verificación completa"), while the Atom entry said es."""
    claims = {"fare": {"claim": "Fares doubled.", "language": "en"}}
    site = _build(_new_site(tmp_path / "es", "es", claims))
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    (item,) = feed["items"]
    assert item["title"] == "Falso: Fares doubled."
    assert feed["language"] == "es" and item["language"] == "es"
    assert item["_factcheck"]["claim_language"] == "en"
    atom = _parse((site / "feed.xml").read_bytes())
    assert atom.get(XML_LANG) == "es" and atom.find(f"{A}entry").get(XML_LANG) is None
