"""A feed entry's body is the theme's `factcheck/feed_entry.html`: a site's own copy replaces it as
its page templates do, a claimant's name written the other way than the feed's words is isolated,
and a feed in a language we ship has no English word of ours in it. Real objects (tests/factories),
real builds, feeds parsed back with a real XML parser."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markupsafe import Markup

from generator import feeds
from generator.cli import main
from generator.link import link
from generator.model import Content, Topic, Update
from generator.streams import whole
from tests.factories import SETTINGS, add_one_claim, replace_claim, sample_content, sample_site

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _atom_entries(text: str) -> dict[str, str]:
    """Entry id -> its HTML body, as a feed reader unescapes it."""
    root = ET.fromstring(text)
    return {e.findtext(f"{A}id"): e.findtext(f"{A}content") or "" for e in root.iter(f"{A}entry")}


def _atom_content(site, settings, claim_id: str) -> str:
    xml = feeds.atom_feed(site, settings, list(site.content.verdicts), path="feed.xml", title="T")
    return _atom_entries(xml)[settings.url(f"claims/{claim_id}/")]


def _json_content(site, settings, claim_id: str) -> str:
    text = feeds.json_feed(site, settings, list(site.content.verdicts), path="feed.json", title="T")
    items = {i["id"]: i for i in json.loads(text)["items"]}
    return items[settings.url(f"claims/{claim_id}/")]["content_html"]


def _claimant(content: Content, person_id: str, name: str) -> Content:
    people = dict(content.people)
    people[person_id] = dataclasses.replace(people[person_id], name=name)
    return dataclasses.replace(content, people=people)


# --- the body as it was: the template writes what Python wrote ------------------------------------


def test_the_entry_body_is_what_it_was_in_english_and_ukrainian():
    """Byte for byte what `entry_html` wrote when it built the HTML itself (a feed reader that
    compares bodies sees no change): claim line, verdict, each update, the link."""
    site = sample_site()
    assert feeds.entry_html(site, SETTINGS, "unemployment-doubled") == (
        "<p><strong>Claim</strong> (Jane Doe, 1 March 2025): \u201cUnemployment doubled between "
        "2022 and 2025.\u201d</p>\n"
        "<p><strong>Verdict: Mostly false.</strong> Unemployment rose from 4.1% to 5.3%, not a "
        "doubling.</p>\n"
        "<p><strong>Correction</strong> (12 March 2025): We misstated the 2022 figure.</p>\n"
        "<p><strong>Update</strong> (20 March 2025): Added the broader measure.</p>\n"
        '<p><a href="https://facts.example.org/claims/unemployment-doubled/">Read the full fact '
        "check</a></p>"
    )
    uk = dataclasses.replace(SETTINGS, language="uk", locale=None)
    assert feeds.entry_html(site, uk, "exports-halved") == (
        "<p><strong>Твердження</strong> (Jane Doe, 1 березня 2025\u202fр.): «Exports fell by half "
        "last year.»</p>\n"
        "<p><strong>Вердикт: True.</strong> Exports did fall by half.</p>\n"
        '<p><a href="https://facts.example.org/claims/exports-halved/">Читати перевірку '
        "повністю</a></p>"
    )


def test_a_retracted_entry_and_escaped_content_are_what_they_were():
    content = sample_content()
    verdicts = dict(content.verdicts)
    v = verdicts["exports-halved"]
    verdicts["exports-halved"] = dataclasses.replace(
        v, updates=(Update(dt.date(2025, 4, 1), "retraction", "Wrong <data> & all."),)
    )
    content = dataclasses.replace(content, verdicts=verdicts)
    content = _claimant(content, "jane-doe", 'Jane "J" <Doe> & Co')
    body = feeds.entry_html(link(content), SETTINGS, "exports-halved")
    assert body == (
        "<p><strong>Claim</strong> (Jane &#34;J&#34; &lt;Doe&gt; &amp; Co, 1 March 2025): "
        "\u201cExports fell by half last year.\u201d</p>\n"
        "<p><strong>This fact check was retracted: its rating, \u201cTrue\u201d, no longer "
        "stands.</strong></p>\n"
        "<p><strong>Retraction</strong> (1 April 2025): Wrong &lt;data&gt; &amp; all.</p>\n"
        '<p><a href="https://facts.example.org/claims/exports-halved/">Read the full fact '
        "check</a></p>"
    )


def _body_as_python_wrote_it(site, settings, claim_id: str, site_language: str) -> str:
    """The entry body as `feeds.entry_html` built it in Python before the template (its code,
    kept here as the reference the template must match)."""
    from generator.languages import direction, same
    from generator.render.core import UPDATE_TYPES

    msg = settings.messages
    _ = msg.gettext
    c = site.content
    claim, verdict = c.claims[claim_id], c.verdicts[claim_id]
    language = claim.language or site_language

    def own(text: str):
        if same(language, settings.language):
            return text
        return Markup('<span lang="%s" dir="%s">%s</span>') % (language, direction(language), text)

    said = msg.date(claim.date)
    if claim.date_estimated:
        said = _("%(date)s, estimated") % {"date": said}
    parts = [
        Markup(_("<strong>Claim</strong> (%(claimant)s, %(date)s): \u201c%(claim)s\u201d"))
        % {"claimant": c.people[claim.claimant].name, "date": said, "claim": own(claim.claim)}
    ]
    if verdict.retracted:
        rating = c.ratings.get(verdict.rating)
        withdrawn = _(
            "This fact check was retracted: its rating, \u201c%(rating)s\u201d, no longer stands."
        ) % {"rating": rating.label if rating else verdict.rating}
        parts.append(Markup("<strong>%s</strong>") % withdrawn)
    else:
        parts.append(
            Markup(_("<strong>Verdict: %(rating)s.</strong> %(summary)s"))
            % {"rating": c.ratings[verdict.rating].label, "summary": own(verdict.summary)}
        )
    for u in verdict.updates:
        label = _(UPDATE_TYPES[u.type]) if u.type in UPDATE_TYPES else u.type
        parts.append(
            Markup(_("<strong>%(type)s</strong> (%(date)s): %(note)s"))
            % {"type": label, "date": msg.date(u.date), "note": own(u.note)}
        )
    url = settings.url(f"claims/{claim_id}/")
    parts.append(Markup(_('<a href="%(url)s">Read the full fact check</a>')) % {"url": url})
    return "\n".join(f"<p>{p}</p>" for p in parts)


@pytest.mark.parametrize("language", ["en", "uk", "de", "fr", "es", "hi", "pt-PT"])
def test_the_demo_sites_entries_are_what_they_were(language):
    """Every entry of the demo site (content/), in each left-to-right language we ship, byte for
    byte as before; its claimants are named in Latin letters, so no name needs isolating."""
    from generator.validate import validate

    site = link(validate(Path(__file__).resolve().parent.parent / "content").content)
    settings = dataclasses.replace(SETTINGS, language=language, locale=None)
    if language == "en":
        settings = SETTINGS  # en_GB dates, as the demo writes them
    bodies = _atom_entries(feeds.feeds(site, settings)["feed.xml"])
    assert len(bodies) == min(len(site.content.verdicts), feeds.FEED_LIMIT)
    for url, body in bodies.items():
        claim_id = url.rstrip("/").rsplit("/", 1)[1]
        assert body == _body_as_python_wrote_it(site, settings, claim_id, language), claim_id


# --- a site's own template ------------------------------------------------------------------------

OWN_ENTRY = (
    '{% extends "theme/factcheck/feed_entry.html" %}\n'
    "{% block link %}\n"
    '<p class="desk">{{ _("Read the full fact check") }}: <a href="{{ url }}">{{ claim.short }}</a>'
    "</p>\n{%- endblock %}\n"
)


def test_a_site_template_replaces_the_entry_body_in_both_feeds(tmp_path):
    (tmp_path / "factcheck").mkdir()
    (tmp_path / "factcheck" / "feed_entry.html").write_text(OWN_ENTRY, "utf-8")
    settings = dataclasses.replace(SETTINGS, template_dirs=(str(tmp_path),))
    site = sample_site()
    own = (
        '<p class="desk">Read the full fact check: <a href="https://facts.example.org/claims/'
        'exports-halved/">Exports fell by half last year.</a></p>'
    )
    for body in (
        _atom_content(site, settings, "exports-halved"),
        _json_content(site, settings, "exports-halved"),
    ):
        assert body.endswith(own)
        assert body.startswith("<p><strong>Claim</strong> (Jane Doe, 1 March 2025)")  # ours
    # A site without its own copy keeps ours.
    assert 'class="desk"' not in _atom_content(site, SETTINGS, "exports-halved")


def test_a_sites_custom_dir_template_is_in_its_built_feeds(tmp_path, monkeypatch):
    """`factcheck build` of a site with `theme.custom_dir: overrides` and
    overrides/factcheck/feed_entry.html: its feed.xml and feed.json entries are the site's."""
    site = tmp_path / "desk"
    url = "https://example.org/desk/"
    assert main(["init", str(site), "--name", "Desk", "--url", url, "--language", "es"]) == 0
    content = site / "content"
    add_one_claim(content, "محمد علي")
    (site / "overrides" / "factcheck").mkdir(parents=True)
    (site / "overrides" / "factcheck" / "feed_entry.html").write_text(OWN_ENTRY, "utf-8")
    config = site / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  language: es\n" in text
    config.write_text(text.replace("  language: es\n", "  custom_dir: overrides\n  language: es\n"))
    monkeypatch.chdir(site)
    assert main(["build", "--no-search"]) == 0
    own = f'<p class="desk">Lee la verificación completa: <a href="{url}claims/c/">C</a></p>'
    atom = _atom_entries((site / "site" / "feed.xml").read_text("utf-8"))[f"{url}claims/c/"]
    item = json.loads((site / "site" / "feed.json").read_text("utf-8"))["items"][0]
    for body in (atom, item["content_html"]):
        assert body.endswith(own)
        # The rest is ours, in Spanish, the Arabic name isolated from the Spanish date after it.
        assert body.startswith("<p><strong>Afirmación</strong> (<bdi>محمد علي</bdi>, 1 de marzo")


# --- a name written the other way -----------------------------------------------------------------


def test_a_right_to_left_claimant_is_isolated_in_a_left_to_right_feed():
    """“(محمد علي, 1 March 2025)” without isolation: the 1 joins the Arabic run and is shown
    before the name. The name is a <bdi>, in the Atom and the JSON feed, English or Ukrainian."""
    content = _claimant(sample_content(), "jane-doe", "محمد علي")
    site = link(content)
    for body in (
        _atom_content(site, SETTINGS, "exports-halved"),
        _json_content(site, SETTINGS, "exports-halved"),
    ):
        assert "<p><strong>Claim</strong> (<bdi>محمد علي</bdi>, 1 March 2025): \u201c" in body
    uk = dataclasses.replace(SETTINGS, language="uk", locale=None)
    assert "(<bdi>محمد علي</bdi>, 1 березня 2025" in _atom_content(site, uk, "exports-halved")
    # A Hebrew name too; a name in the feed's own direction is left as it is.
    hebrew = link(_claimant(sample_content(), "jane-doe", "דנה לוי"))
    assert "(<bdi>דנה לוי</bdi>, 1 March 2025)" in _atom_content(hebrew, SETTINGS, "exports-halved")
    assert "(Acme Party, 2 April 2025)" in _atom_content(site, SETTINGS, "crime-record-low")


def test_a_latin_claimant_is_isolated_in_an_arabic_feed_and_an_arabic_one_is_not():
    content = _claimant(sample_content(), "acme-party", "حزب أكمي")
    site = link(content)
    ar = dataclasses.replace(SETTINGS, language="ar", locale=None)
    latin = _atom_content(site, ar, "exports-halved")
    assert "<p><strong>الادعاء</strong> (<bdi>Jane Doe</bdi>، 1 مارس 2025" in latin
    arabic = _atom_content(site, ar, "crime-record-low")
    assert "<p><strong>الادعاء</strong> (حزب أكمي، 2 أبريل 2025" in arabic
    assert "<bdi>" not in arabic


def test_a_name_with_bidi_controls_is_isolated():
    """A right-to-left override in a name would turn the rest of the line around."""
    site = link(_claimant(sample_content(), "jane-doe", "Jane \u202eDoe"))
    assert "(<bdi>Jane \u202eDoe</bdi>, 1 March 2025)" in _atom_content(
        site, SETTINGS, "exports-halved"
    )


def test_other_language_words_stay_marked_beside_an_isolated_name():
    content = replace_claim(
        _claimant(sample_content(), "jane-doe", "محمد علي"),
        "exports-halved",
        claim="Експорт упав удвічі.",
        language="uk",
    )
    body = _atom_content(link(content), SETTINGS, "exports-halved")
    assert (
        '(<bdi>محمد علي</bdi>, 1 March 2025): \u201c<span lang="uk" dir="ltr">Експорт упав '
        "удвічі.</span>\u201d" in body
    )


# --- every word of ours in the feed's language ----------------------------------------------------


def _content_in(word: str) -> Content:
    """The sample content with every text a feed shows (ratings, topics, names, claims, summaries,
    notes) in `word`'s script, an estimated date, a clarification and a retraction: a Latin
    letter left in a feed is then one of ours."""
    c = sample_content()
    ratings = {
        k: dataclasses.replace(r, label=f"{word} {100 + i}")
        for i, (k, r) in enumerate(c.ratings.items())
    }
    topic_ids = sorted({t for claim in c.claims.values() for t in claim.topics} | set(c.topics))
    topics = {t: Topic(t, f"{word} {200 + i}") for i, t in enumerate(topic_ids)}
    people = {
        k: dataclasses.replace(p, name=f"{word} {300 + i}", description=None)
        for i, (k, p) in enumerate(c.people.items())
    }
    claims = {
        k: dataclasses.replace(
            claim,
            claim=f"{word} {400 + i}.",
            title=f"{word} {400 + i}",
            date_estimated=k == "exports-halved",
        )
        for i, (k, claim) in enumerate(c.claims.items())
    }
    verdicts = {}
    for i, (k, v) in enumerate(c.verdicts.items()):
        updates = tuple(
            dataclasses.replace(u, note=f"{word} {500 + j}.") for j, u in enumerate(v.updates)
        )
        if k == "exports-halved":
            updates += (Update(dt.date(2025, 4, 1), "clarification", f"{word} 600."),)
        if k == "crime-record-low":
            updates += (Update(dt.date(2025, 4, 20), "retraction", f"{word} 700!"),)
        verdicts[k] = dataclasses.replace(v, summary=f"{word} {800 + i}.", updates=updates)
    return dataclasses.replace(
        c, ratings=ratings, topics=topics, people=people, claims=claims, verdicts=verdicts
    )


def _shown(path: str, text: str) -> list[str]:
    """What a feed reader shows of a feed: titles, descriptions, summaries, bodies (as text),
    category labels, tags and names; not addresses, the licence or the generator's name."""
    if path.endswith(".json"):
        feed = json.loads(text)
        shown = [feed["title"], feed.get("description", "")]
        for item in feed["items"]:
            shown += [item["title"], item["summary"], item["content_html"], *item["tags"]]
            shown += [a["name"] for a in item["authors"]]
    else:
        root = ET.fromstring(text)
        shown = [root.findtext(f"{A}title") or "", root.findtext(f"{A}subtitle") or ""]
        for e in root.iter(f"{A}entry"):
            shown += [e.findtext(f"{A}{tag}") or "" for tag in ("title", "summary", "content")]
            shown += [c.get("label") or "" for c in e.iter(f"{A}category")]
            shown += [a.findtext(f"{A}name") or "" for a in e.iter(f"{A}author")]
    return [re.sub(r"<[^>]*>", " ", s) for s in shown]


@pytest.mark.parametrize(("language", "word"), [("uk", "слово"), ("ar", "كلمة"), ("hi", "शब्द")])
def test_a_feed_in_a_shipped_language_has_no_english_word(language, word):
    """Every feed of a Ukrainian, Arabic or Hindi site whose content is in its language: no Latin
    letter anywhere a reader sees, so no English word of the catalog's (“Claim”, “Verdict”,
    “Correction”, “Clarification”, “Retracted”, “estimated”, “Read the full fact check”...)."""
    site = link(_content_in(word))
    settings = dataclasses.replace(
        SETTINGS,
        language=language,
        locale=None,
        site_name=word,
        organization_name=word,
        site_description=None,  # the feed's subtitle is then ours: "The latest verdicts from..."
    )
    files = whole(feeds.feeds(site, settings))
    assert {"feed.xml", "feed.json", "topics/economy/feed.xml", "people/jane-doe/feed.xml"} <= set(
        files
    )
    leaks = []
    for path, data in files.items():
        text = data if isinstance(data, str) else data.decode("utf-8")
        if path.endswith(".xml"):
            assert ET.fromstring(text).get(XML_LANG) == language
        leaks += [f"{path}: {s}" for s in _shown(path, text) if re.search("[A-Za-z]", s)]
    assert not leaks
    # The entries the test is about are there: a retraction, a clarification, an estimated date.
    main = "\n".join(_shown("feed.json", files["feed.json"]))
    messages = settings.messages
    assert messages.gettext("Retracted") in main and messages.gettext("Clarification") in main


def test_a_site_catalog_without_the_update_words_gives_an_english_feed(tmp_path):
    """A Polish site's own catalog translating the entries' sentences but not “Correction”: the
    feed said xml:lang="pl" and carried English “Correction”, “Update” and “The latest verdicts
    from”; now the whole feed is English, and says so."""
    po = tmp_path / "pl" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    entries = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n']
    for message in feeds.FEED_STRINGS:
        quoted = message.replace('"', '\\"')
        entries.append(f'msgid "{quoted}"\nmsgstr "PL {quoted}"\n')
    po.write_text("\n".join(entries), "utf-8")
    settings = dataclasses.replace(
        SETTINGS, language="pl", locale=None, locale_dirs=(str(tmp_path),), site_description=None
    )
    feed = feeds.feeds(sample_site(), settings)["feed.xml"]
    root = ET.fromstring(feed)
    assert root.get(XML_LANG) == "en"
    assert root.findtext(f"{A}subtitle") == "The latest verdicts from Test Fact Desk."
    assert "PL " not in feed
    # With the update words translated too, the feed is Polish.
    with po.open("a", encoding="utf-8") as f:
        for message in ("Correction", "Update", "Clarification", "Retraction"):
            f.write(f'\nmsgid "{message}"\nmsgstr "PL {message}"\n')
    from generator import i18n

    i18n.messages.cache_clear()
    try:
        feed = feeds.feeds(sample_site(), settings)["feed.xml"]
    finally:
        i18n.messages.cache_clear()
    assert ET.fromstring(feed).get(XML_LANG) == "pl"
    assert "&lt;strong&gt;PL Correction&lt;/strong&gt;" in feed
