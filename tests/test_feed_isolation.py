"""What a feed reader shows of words written the other way than a feed's, and of a language's feed.

- Atom titles, summaries and subtitles and JSON Feed titles and summaries are plain text: no <bdi>.
  A right-to-left claim, claimant or topic inside an English or Ukrainian title (and a Latin one
  inside an Arabic title) is set between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL
  ISOLATE, so the colon, the digits and the words around it stay in their place; a run in the
  feed's own direction is left byte for byte as it was.
- In a language's feed (/languages/<tag>/feed.xml), the site's rating labels (ratings.yaml, in the
  site's language) are a <bdi lang="<site's>"> in the entry body, as on the claim page.
- A language's feed is titled in the language its entries are written in, and says so (xml:lang):
  the site's when the language's catalog leaves some of the feed's words out.

Real builds of small multilingual sites (tests/fixtures/mini with translations), feeds parsed back
with xml.etree and json.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from factories import MINI, REPO, SETTINGS, replace_claim, sample_content, write_config
from test_translations import AR_CLAIM, AR_VERDICT, UK_CLAIM, UK_VERDICT

from generator import feeds, i18n, languages
from generator.build import build
from generator.link import link
from generator.model import Update
from generator.streams import whole

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FSI, PDI = "\u2068", "\u2069"
NAME = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["site_name"]  # Open Fact Desk

AR_TITLE = "تضاعفت البطالة بين 2022 و2025"
AR_SUMMARY = "ارتفعت البطالة من 4.1% إلى 5.3%."
ARABIC_NAME = "محمد علي"
ARABIC_TOPIC = "الخليج"


def _atom(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())


def _entries(root: ET.Element) -> dict[str, ET.Element]:
    """Claim id -> its Atom entry."""
    return {e.findtext(f"{A}id").rstrip("/").rsplit("/", 1)[1]: e for e in root.iter(f"{A}entry")}


def _items(path: Path) -> dict[str, dict]:
    feed = json.loads(path.read_text("utf-8"))
    return {i["id"].rstrip("/").rsplit("/", 1)[1]: i for i in feed["items"]}


def _write_claim(content: Path, cid: str, claimant: str, topic: str) -> None:
    (content / "claims" / f"{cid}.yaml").write_text(
        f'claim: "Fuel prices tripled in 2024."\nclaimant: {claimant}\ndate: 2025-03-05\n'
        'appearances:\n  - url: "https://news.example/fuel"\n    title: "Fuel"\n'
        f"topics:\n  - {topic}\n",
        "utf-8",
    )
    (content / "verdicts" / f"{cid}.yaml").write_text(
        f'claim: {cid}\nrating: "false"\nsummary: "Fuel prices rose by a fifth."\n'
        'body: "The price index [@cpi] shows it."\nsources:\n  - id: cpi\n'
        '    title: "Prices"\n    url: "https://data.example/cpi"\n'
        "authors:\n  - sam-checker\npublished: 2025-03-20\n",
        "utf-8",
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The English mini site with a Ukrainian and an Arabic translation, and an English claim by a
    claimant named in Arabic on a topic labelled in Arabic; built with mkdocs."""
    tmp = tmp_path_factory.mktemp("isolation")
    content = tmp / "content"
    shutil.copytree(MINI, content)
    for lang, claim, verdict in (("uk", UK_CLAIM, UK_VERDICT), ("ar", AR_CLAIM, AR_VERDICT)):
        (content / "claims" / f"unemployment-doubled-{lang}.yaml").write_text(claim, "utf-8")
        (content / "verdicts" / f"unemployment-doubled-{lang}.yaml").write_text(verdict, "utf-8")
    (content / "people" / "mohammed-ali.yaml").write_text(
        f'name: "{ARABIC_NAME}"\nkind: person\n', "utf-8"
    )
    with (content / "topics.yaml").open("a", encoding="utf-8") as f:
        f.write(f'- id: gulf\n  label: "{ARABIC_TOPIC}"\n')
    _write_claim(content, "fuel-tripled", "mohammed-ali", "gulf")
    out = tmp / "site"
    assert build(content, out, write_config(tmp, content), search=False) == 0
    return out


# --- plain-text fields: isolates around the other direction's words -------------------------------


def test_a_claimant_named_in_arabic_is_isolated_in_the_title_of_their_english_feed(site):
    root = _atom(site / "people" / "mohammed-ali" / "feed.xml")
    assert root.get(XML_LANG) == "en"
    assert root.findtext(f"{A}title") == f"{NAME}: claims by {FSI}{ARABIC_NAME}{PDI}"
    assert (
        root.findtext(f"{A}subtitle") == f"Fact checks of claims made by {FSI}{ARABIC_NAME}{PDI}."
    )
    # The entry body keeps its <bdi>, not isolates: HTML can say it.
    body = _entries(root)["fuel-tripled"].findtext(f"{A}content")
    assert f"(<bdi>{ARABIC_NAME}</bdi>, 5 March 2025)" in body and FSI not in body


def test_a_topic_labelled_in_arabic_is_isolated_in_its_feeds_title(site):
    root = _atom(site / "topics" / "gulf" / "feed.xml")
    assert root.findtext(f"{A}title") == f"{NAME}: {FSI}{ARABIC_TOPIC}{PDI}"
    assert root.findtext(f"{A}subtitle") == f"Fact checks on {FSI}{ARABIC_TOPIC}{PDI}."


def test_an_arabic_claim_is_isolated_in_the_title_and_summary_of_its_english_entry(site):
    entry = _entries(_atom(site / "feed.xml"))["unemployment-doubled-ar"]
    assert entry.findtext(f"{A}title") == f"Mostly false: {FSI}{AR_TITLE}{PDI}"
    assert entry.findtext(f"{A}summary") == f"Mostly false. {FSI}{AR_SUMMARY}{PDI}"
    item = _items(site / "feed.json")["unemployment-doubled-ar"]
    assert item["title"] == f"Mostly false: {FSI}{AR_TITLE}{PDI}"
    assert item["summary"] == f"Mostly false. {FSI}{AR_SUMMARY}{PDI}"
    # The claim's own words in the extension are the content, as written.
    assert item["_factcheck"]["claim"] == AR_TITLE + "."


def test_words_in_the_feeds_own_direction_are_left_as_they_were(site):
    """English and Ukrainian claims in the English feed: not one isolate added."""
    root = _atom(site / "feed.xml")
    assert root.findtext(f"{A}title") == f"{NAME}: latest fact checks"
    entries = _entries(root)
    assert entries["unemployment-doubled"].findtext(f"{A}title") == (
        "Mostly false: Unemployment doubled between 2022 and 2025"
    )
    assert entries["unemployment-doubled-uk"].findtext(f"{A}title") == (
        "Mostly false: Безробіття подвоїлося між 2022 і 2025 роками"
    )
    assert entries["unemployment-doubled-uk"].findtext(f"{A}summary") == (
        "Mostly false. Безробіття зросло з 4,1% до 5,3%, а не подвоїлося."
    )
    items = _items(site / "feed.json")
    for cid in ("unemployment-doubled", "unemployment-doubled-uk", "exports-halved"):
        assert FSI not in items[cid]["title"] + items[cid]["summary"], cid
        text = ET.tostring(entries[cid], encoding="unicode")
        assert FSI not in text and "<bdi lang" not in entries[cid].findtext(f"{A}content"), cid


def test_the_demo_sites_english_feeds_have_no_isolate_and_no_marked_label():
    """The demo (content/) is English, its claimants named in Latin letters: its feeds are what they
    were, no isolate and no <bdi lang> in them."""
    from generator.validate import validate

    demo = link(validate(REPO / "content").content)
    files = whole(feeds.feeds(demo, SETTINGS))
    assert "feed.xml" in files and "feed.json" in files
    for path, data in files.items():
        if path.startswith("languages/") and not path.startswith("languages/en/"):
            continue  # a translation's feed: not English
        text = data if isinstance(data, str) else data.decode("utf-8")
        assert FSI not in text and PDI not in text and "&lt;bdi lang=" not in text, path


def test_a_latin_name_and_site_name_are_isolated_in_an_arabic_feed():
    """The other way round: an Arabic site's feeds with a Latin site name and claimant."""
    settings = dataclasses.replace(
        SETTINGS, language="ar", locale=None, site_description="Fact checks, daily."
    )
    files = whole(feeds.feeds(link(sample_content()), settings))
    root = ET.fromstring(files["people/jane-doe/feed.xml"])
    assert root.get(XML_LANG) == "ar"
    assert root.findtext(f"{A}title") == f"{FSI}Test Fact Desk{PDI}: ادعاءات {FSI}Jane Doe{PDI}"
    main = ET.fromstring(files["feed.xml"])
    assert main.findtext(f"{A}subtitle") == f"{FSI}Fact checks, daily.{PDI}"
    assert json.loads(files["feed.json"])["description"] == f"{FSI}Fact checks, daily.{PDI}"
    # The English rating label and claim in an Arabic entry title are isolated too.
    entry = _entries(main)["exports-halved"]
    assert (
        entry.findtext(f"{A}title") == f"{FSI}True{PDI}: {FSI}Exports fell by half last year.{PDI}"
    )


def test_a_name_with_a_bidi_control_is_isolated_in_a_title_of_its_own_direction():
    """A right-to-left override in a Latin name would turn the rest of the title around."""
    content = sample_content()
    people = dict(content.people)
    people["jane-doe"] = dataclasses.replace(people["jane-doe"], name="Jane \u202eDoe")
    site = link(dataclasses.replace(content, people=people))
    root = ET.fromstring(whole(feeds.feeds(site, SETTINGS))["people/jane-doe/feed.xml"])
    assert root.findtext(f"{A}title") == f"Test Fact Desk: claims by {FSI}Jane \u202eDoe{PDI}"


# --- a language's feed: the site's rating labels marked with the site's language ------------------


def test_the_rating_label_in_an_arabic_languages_feed_is_marked_as_english(site):
    root = _atom(site / "languages" / "ar" / "feed.xml")
    assert root.get(XML_LANG) == "ar"
    assert root.findtext(f"{A}title") == f"{FSI}{NAME}{PDI}: مقالات التحقق باللغة العربية"
    entry = _entries(root)["unemployment-doubled-ar"]
    assert entry.findtext(f"{A}title") == f"{FSI}Mostly false{PDI}: {AR_TITLE}"
    assert entry.findtext(f"{A}summary") == f"{FSI}Mostly false{PDI}. {AR_SUMMARY}"
    body = entry.findtext(f"{A}content")
    assert f'<p><strong>الحكم: <bdi lang="en">Mostly false</bdi>.</strong> {AR_SUMMARY}</p>' in body


def test_the_rating_label_in_a_ukrainian_languages_feed_is_marked_as_english(site):
    root = _atom(site / "languages" / "uk" / "feed.xml")
    assert root.get(XML_LANG) == "uk"
    assert root.findtext(f"{A}title") == f"{NAME} — перевірки: Українська"
    entry = _entries(root)["unemployment-doubled-uk"]
    assert entry.findtext(f"{A}title") == (
        "Mostly false: Безробіття подвоїлося між 2022 і 2025 роками"
    )
    body = entry.findtext(f"{A}content")
    assert '<p><strong>Вердикт: <bdi lang="en">Mostly false</bdi>.</strong> Безробіття' in body


def test_the_sites_own_language_feed_has_the_main_feeds_entries(site):
    """In the site's language nothing is marked: its entries are the main feed's, byte for byte."""
    main = _entries(_atom(site / "feed.xml"))
    own = _entries(_atom(site / "languages" / "en" / "feed.xml"))
    assert own and set(own) <= set(main)
    for cid, entry in own.items():
        assert ET.tostring(entry) == ET.tostring(main[cid]), cid


def test_a_withdrawn_rating_in_a_languages_feed_is_marked_as_the_sites():
    content = replace_claim(sample_content(), "exports-halved", language="uk")
    verdicts = dict(content.verdicts)
    v = verdicts["exports-halved"]
    verdicts["exports-halved"] = dataclasses.replace(
        v, updates=(Update(dt.date(2025, 4, 1), "retraction", "Джерело помилилося."),)
    )
    site = link(dataclasses.replace(content, verdicts=verdicts))
    feed = languages.feeds(site, SETTINGS)["languages/uk/feed.xml"]
    entry = _entries(ET.fromstring(feed))["exports-halved"]
    assert entry.findtext(f"{A}title") == "Відкликано: Exports fell by half last year."
    assert (
        '<p><strong>Цю перевірку відкликано: її оцінка «<bdi lang="en">True</bdi>» більше не '
        "чинна.</strong></p>" in entry.findtext(f"{A}content")
    )


# --- a language's feed speaks one language, and says which -----------------------------------------


def _italian_site(tmp: Path, catalog: dict[str, str]) -> Path:
    """The mini site in Spanish with an Italian translation, and the site's own Italian catalog
    holding `catalog` (msgid -> msgstr); built with mkdocs."""
    content = tmp / "content"
    shutil.copytree(MINI, content)
    claim = UK_CLAIM.replace("language: uk", "language: it").replace(
        "Безробіття подвоїлося між 2022 і 2025 роками", "La disoccupazione è raddoppiata"
    )
    verdict = UK_VERDICT.replace("unemployment-doubled-uk", "unemployment-doubled-it")
    (content / "claims" / "unemployment-doubled-it.yaml").write_text(claim, "utf-8")
    (content / "verdicts" / "unemployment-doubled-it.yaml").write_text(verdict, "utf-8")
    po = tmp / "locale" / "it" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    entries = [
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: it\\n"\n'
    ]
    for msgid, msgstr in catalog.items():
        entries.append(f"msgid {json.dumps(msgid, ensure_ascii=False)}\n")
        entries[-1] += f"msgstr {json.dumps(msgstr, ensure_ascii=False)}\n"
    po.write_text("\n".join(entries), "utf-8")
    config = write_config(tmp, content)
    data = yaml.safe_load(config.read_text("utf-8"))
    data["theme"]["language"] = "es"
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"].pop("locale", None)
            plugin["factcheck"]["locale_dir"] = str(tmp / "locale")
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    out = tmp / "site"
    i18n.messages.cache_clear()
    try:
        assert build(content, out, config, search=False) == 0
    finally:
        i18n.messages.cache_clear()
    return out


def test_a_partial_catalog_gives_a_languages_feed_all_in_the_sites_language(tmp_path):
    """The site's Italian catalog translates the feed's title and not its entries: the feed was
    titled in Italian over English entries and said xml:lang="en"; now title, entries and xml:lang
    are all the site's Spanish."""
    title = "%(site)s: verifiche in %(language)s"
    site = _italian_site(
        tmp_path,
        {"%(site)s: fact checks in %(language)s": title, "Our verdict": "Il nostro verdetto"},
    )
    root = _atom(site / "languages" / "it" / "feed.xml")
    assert root.get(XML_LANG) == "es"
    assert root.findtext(f"{A}title") == f"{NAME}: verificaciones — Italiano"
    body = _entries(root)["unemployment-doubled-it"].findtext(f"{A}content")
    assert body.startswith("<p><strong>Afirmación</strong> (Jane Doe, 1 de marzo de 2025)")
    assert "Lee la verificación completa" in body and "<bdi lang" not in body


def test_a_full_catalog_gives_a_languages_feed_in_that_language(tmp_path):
    """With every word of the feed's in the site's Italian catalog, the Italian feed is Italian
    throughout, and the site's Spanish rating label in it is marked as Spanish."""
    catalog = {m: "IT " + m for m in feeds.FEED_STRINGS}
    catalog["%(site)s: fact checks in %(language)s"] = "%(site)s: verifiche in %(language)s"
    catalog["<strong>Verdict: %(rating)s.</strong> %(summary)s"] = (
        "<strong>Verdetto: %(rating)s.</strong> %(summary)s"
    )
    for word in ("Correction", "Update", "Clarification", "Retraction"):
        catalog[word] = "IT " + word
    site = _italian_site(tmp_path, catalog)
    root = _atom(site / "languages" / "it" / "feed.xml")
    assert root.get(XML_LANG) == "it"
    assert root.findtext(f"{A}title") == f"{NAME}: verifiche in Italiano"
    body = _entries(root)["unemployment-doubled-it"].findtext(f"{A}content")
    assert '<p><strong>Verdetto: <bdi lang="es">Mostly false</bdi>.</strong> ' in body
