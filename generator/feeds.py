"""Atom 1.0 and JSON Feed 1.1 feeds of the latest verdicts. Pure: a `Site` in, text out.

Feeds:
- `feed.xml` (Atom) and `feed.json` (JSON Feed 1.1): the newest verdicts on the site;
- `topics/<id>/feed.xml`: one Atom feed per topic;
- `people/<id>/feed.xml`: one Atom feed per claimant.

An entry's `updated` (`date_modified`) is the verdict's last published change (`Verdict.modified`),
so an update or a correction bumps it, and entries are ordered by it: a corrected fact check comes back
to the top of the feed where subscribers see it. A retracted fact check stays in the feeds, titled
"Retracted: <claim>", without its withdrawn rating as a finding. Entry ids are the claim page URLs (permanent, since ids
never change). The feed's own `updated` is its newest entry's; a site with no claims yet has the
build's date, as its sitemap does (`SOURCE_DATE_EPOCH` when set, so a build can be reproduced).

A feed says the language its words are in: the site's when its catalog translates the feed's
strings, else English, the words a site without one gets (a `--no-strict` build). An entry's body
is the theme's `factcheck/feed_entry.html` (a site's own copy in its custom_dir replaces it, as
it does a page's): it marks a claim's own words (claim, summary, notes) with their `lang` and
`dir` when they are in another language, isolates a claimant's name written the other way than
the feed's words (`<bdi>`), marks the site's rating labels with the site's language in a feed in
another (`<bdi lang>`), and says an inferred claim date is estimated, as the claim page does.
Plain-text fields (titles, summaries, subtitles) cannot hold markup: a run written the other way
than the feed's words (an Arabic claim or name in an English title) is set between the Unicode
isolates U+2068 and U+2069 instead, as `<bdi>` would (`isolate`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, partial

from . import i18n
from .link import Site
from .model import Verdict
from .settings import Settings
from .streams import Stream

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_LIMIT = 50  # entries per feed; the complete set is in /data/claims.json
MAIN_ATOM = "feed.xml"
MAIN_JSON = "feed.json"
ENTRY_TEMPLATE = "factcheck/feed_entry.html"  # an entry's body; a site may have its own
# The catalog strings a feed's entries and titles are made of: when the site's catalog leaves one
# untranslated, the feed is in English (its words would be otherwise, half of them at least).
# The kinds of update (render.core.UPDATE_TYPES) are the entries' too.
FEED_STRINGS = (
    "Retracted",
    "This fact check was retracted: its rating, \u201c%(rating)s\u201d, no longer stands.",
    "%(rating)s: %(claim)s",
    "<strong>Claim</strong> (%(claimant)s, %(date)s): \u201c%(claim)s\u201d",
    "<strong>Verdict: %(rating)s.</strong> %(summary)s",
    "<strong>%(type)s</strong> (%(date)s): %(note)s",
    '<a href="%(url)s">Read the full fact check</a>',
    "%(rating)s. %(summary)s",
    "%(site)s: latest fact checks",
    "The latest verdicts from %(site)s.",
    "%(site)s: %(topic)s",
    "Fact checks on %(topic)s.",
    "%(site)s: claims by %(name)s",
    "Fact checks of claims made by %(name)s.",
    "%(site)s: fact checks in %(language)s",  # a language's feed (languages.feeds)
    "%(date)s, estimated",
)


@cache
def _feed_strings() -> frozenset[str]:
    from .render.core import UPDATE_TYPES  # not at the top: render imports this module

    return frozenset((*FEED_STRINGS, *UPDATE_TYPES.values()))


# Characters XML 1.0 forbids even escaped. The validator strips C0/C1 controls already; this also
# covers lone surrogates and U+FFFE/U+FFFF, so no content can make a feed unparseable.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def claim_path(claim_id: str) -> str:
    return f"claims/{claim_id}/"


def topic_path(topic_id: str) -> str:
    return f"topics/{topic_id}/"


def person_path(person_id: str) -> str:
    return f"people/{person_id}/"


def topic_feed_path(topic_id: str) -> str:
    """Site-relative path of a topic's Atom feed (for the topic page's `<link rel="alternate">`)."""
    return f"{topic_path(topic_id)}feed.xml"


def claimant_feed_path(person_id: str) -> str:
    """Site-relative path of a claimant's Atom feed; exists when `person_id in site.by_claimant`."""
    return f"{person_path(person_id)}feed.xml"


def alternate_links(settings: Settings) -> list[dict[str, str]]:
    """The two `<link rel="alternate">` every page carries, as attribute dicts (absolute hrefs)."""
    return [
        {
            "rel": "alternate",
            "type": "application/atom+xml",
            "title": f"{settings.site_name} (Atom)",
            "href": settings.url(MAIN_ATOM),
        },
        {
            "rel": "alternate",
            "type": "application/feed+json",
            "title": f"{settings.site_name} (JSON Feed)",
            "href": settings.url(MAIN_JSON),
        },
    ]


def spoken(settings: Settings) -> Settings:
    """`settings` in the language a feed's words come out in: the site's, or English when no
    catalog translates the feed's strings (English dates too, not a Japanese date in English
    words). Feeds declare this language, so `xml:lang` is true of the words it covers."""
    words = settings.messages
    # `missing` is empty for a shipped catalog; a site's own may leave some strings out.
    if words.found and not _feed_strings().intersection(words.missing):
        return settings
    return dataclasses.replace(settings, language=i18n.SOURCE_LANGUAGE, locale=None)


def build_date() -> dt.date:
    """The build's day (UTC), as mkdocs dates an undated page in the sitemap: `SOURCE_DATE_EPOCH`
    when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def undated(site: Site) -> dt.date:
    """What a feed with nothing dated in it reports: the site's last change in content; for a
    site with no claims yet, the newest verdict commit git knows (claims since deleted), else the
    build's date. Never 1970."""
    newest = site.content.last_change()
    if newest is not None:
        return newest
    history = site.history
    commits = [c.date for changes in history.changes.values() for c in changes] if history else []
    return max(commits, default=None) or build_date()


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _x(text: str) -> str:
    """Escape text for an XML element."""
    return _clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _a(text: str) -> str:
    """Escape text as a quoted XML attribute value (quotes included)."""
    value = _x(text).replace('"', "&quot;")
    value = value.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return '"' + value + '"'


def rfc3339(day: dt.date) -> str:
    """Dates are days in content; feeds need date-times. Noon UTC, always the same bytes: a feed
    reader shows it as the same day from UTC-12 to UTC+11 (midnight UTC showed a fact check of
    1 April as 31 March to every reader in the Americas)."""
    return f"{day.isoformat()}T12:00:00Z"


class _Memo:
    """Work shared by every feed of one run: the entries' order, and each entry's XML, computed once
    however many feeds (site, topics, claimant) carry the entry."""

    def __init__(self, site: Site) -> None:
        verdicts = site.content.verdicts
        modified = {cid: v.modified for cid, v in verdicts.items()}
        order = sorted(
            verdicts,
            key=lambda cid: (-modified[cid].toordinal(), -verdicts[cid].published.toordinal(), cid),
        )
        self.rank = {cid: i for i, cid in enumerate(order)}
        self.modified = modified
        self.xml: dict[str, str] = {}
        # What a feed with nothing in it reports as its time: the site's last change, the date
        # the sitemap gives the page it belongs to, not an invented 1970.
        self.newest = undated(site)


def entry_order(site: Site, claim_ids: Iterable[str], memo: _Memo | None = None) -> list[str]:
    """Claim ids that have a verdict, last changed first (then first published, then id)."""
    rank = (memo or _Memo(site)).rank
    return sorted({cid for cid in claim_ids if cid in rank}, key=rank.__getitem__)


def _status_label(site: Site, settings: Settings, verdict: Verdict) -> str:
    """What an entry gives as its verdict: the rating's label, or "Retracted" once the fact check
    is retracted (the rating it withdrew is no finding any more)."""
    if verdict.retracted:
        return settings.messages.gettext("Retracted")
    return site.content.ratings[verdict.rating].label


def entry_title(site: Site, settings: Settings, claim_id: str) -> str:
    """'False: Unemployment doubled between 2022 and 2025': the verdict first, as a reader scans;
    'Retracted: ...' for a retracted fact check."""
    claim = site.content.claims[claim_id]
    label = _status_label(site, settings, site.content.verdicts[claim_id])
    # Translators: a feed entry's title: the rating (or “Retracted”), then the claim.
    title = settings.messages.gettext("%(rating)s: %(claim)s")
    here = settings.language
    return title % {"rating": isolate(label, here), "claim": isolate(claim.short, here)}


def _own_language(feed_language: str, language: str) -> dict[str, str] | None:
    """`lang` and `dir` of a claim's own words (claim, summary, notes) when they are not in the
    feed's language, as the claim page marks them: an Arabic claim in a Ukrainian feed reads
    right to left, its full stop at its end. None in the feed's own language."""
    from .languages import direction, same  # not at the top: languages imports this module

    if same(language, feed_language):
        return None
    return {"lang": language, "dir": direction(language)}


# Bidi classes of letters written right to left, of those written left to right, and of the
# explicit embeddings, overrides and isolates (whose effect must not reach past the name).
_RTL = frozenset(("R", "AL"))
_LTR = frozenset(("L",))
_CONTROLS = frozenset(("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"))


def isolated(name: str, feed_language: str) -> bool:
    """Whether a name must be isolated (`<bdi>`) in text in `feed_language`: it has letters of the
    other direction (an Arabic name in an English sentence: “(محمد, 1 March 2025)” showed the
    day before the name, and a Latin name in Arabic text took the date into its own run), or
    bidi controls. A name in the text's own direction reads the same either way."""
    from .languages import direction  # not at the top: languages imports this module

    other = (_LTR if direction(feed_language) == "rtl" else _RTL) | _CONTROLS
    return any(unicodedata.bidirectional(ch) in other for ch in name)


FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE


def isolate(text: str, feed_language: str) -> str:
    """`text` for a plain-text field (a title, a summary) in `feed_language`: between FSI and PDI
    when `isolated` says so, the plain-text `<bdi>` (“Desk: claims by محمد علي” read “Desk” and
    the colon into the Arabic run in some readers); else the very same string."""
    return f"{FSI}{text}{PDI}" if isolated(text, feed_language) else text


def entry_html(
    site: Site, settings: Settings, claim_id: str, site_language: str | None = None
) -> str:
    """The entry body as HTML: claim, claimant, verdict, summary, every correction or update note.

    The theme's `factcheck/feed_entry.html` writes it (a site's own copy in its custom_dir when it
    has one), in `settings.language` (the feed's: `spoken`), with the strings of its catalog; every
    piece of content is escaped into them. No contributor Markdown is rendered into feeds.
    `site_language` is the site's (`settings.language` by default): a claim's language when it has
    none of its own, and the rating labels' (ratings.yaml is written in it).
    """
    from .languages import same  # not at the top: languages imports this module
    from .render.core import make_env, template_language  # not at the top: render imports this

    c = site.content
    claim = c.claims[claim_id]
    verdict = c.verdicts[claim_id]
    claimant = c.people[claim.claimant]
    language = settings.language
    site_language = site_language or language
    msg = settings.messages
    env = make_env(settings.template_dirs, msg, settings.reload_templates)
    return env.get_template(ENTRY_TEMPLATE).render(
        template_language(msg),
        claim=claim,
        verdict=verdict,
        rating=c.ratings.get(verdict.rating),
        retracted=verdict.retracted,
        claimant=claimant,
        claimant_isolated=isolated(claimant.name, language),
        own=_own_language(language, claim.language or site_language),
        ratings_lang=None if same(site_language, language) else site_language,
        url=settings.url(claim_path(claim_id)),
    )


def entry_summary(site: Site, settings: Settings, claim_id: str) -> str:
    """'False. <the verdict's summary>'; 'Retracted. <why>' (the retraction's note) for a retracted
    fact check, whose summary no longer stands."""
    verdict = site.content.verdicts[claim_id]
    retraction = verdict.retraction
    text = retraction.note if retraction is not None else verdict.summary
    # Translators: a feed entry's summary: the rating (or “Retracted”), then the verdict's summary
    # (or why it was retracted).
    summary = settings.messages.gettext("%(rating)s. %(summary)s")
    label, here = _status_label(site, settings, verdict), settings.language
    return summary % {"rating": isolate(label, here), "summary": isolate(text, here)}


def _author_names(site: Site, verdict: Verdict) -> list[str]:
    people = site.content.people
    return [people[p].name if p in people else p for p in verdict.authors]


def _feed_updated(
    site: Site, entries: Sequence[str], claim_ids: Iterable[str], memo: _Memo
) -> dt.date:
    """The newest entry's date; for a feed with no verdicts yet, the newest claim date in it; for
    an empty one (a listed topic no claim uses yet), the site's last change."""
    c = site.content
    if entries:
        return memo.modified[entries[0]]  # entries are newest first
    return max((c.claims[cid].date for cid in claim_ids if cid in c.claims), default=memo.newest)


def atom_feed(
    site: Site,
    settings: Settings,
    claim_ids: Iterable[str],
    *,
    path: str,
    title: str,
    alternate: str = "",
    subtitle: str | None = None,
    limit: int = FEED_LIMIT,
    memo: _Memo | None = None,
    site_language: str | None = None,
) -> str:
    """An Atom 1.0 document (RFC 4287) with the newest-changed verdicts among `claim_ids`.

    `path` is the feed's own site-relative path (its `rel="self"` link); `alternate` the page it
    belongs to. Written in `spoken(settings)`; `site_language` is the site's when `settings` are
    another language's (languages.feeds): its rating labels are marked with it.
    """
    claim_ids = list(claim_ids)
    site_language = site_language or settings.language  # a claim's language by default
    settings = spoken(settings)
    memo = memo or _Memo(site)
    entries = entry_order(site, claim_ids, memo)[:limit]
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f"<feed xmlns={_a(ATOM_NS)} xml:lang={_a(settings.language)}>",
        f"  <id>{_x(settings.url(path))}</id>",
        f"  <title>{_x(title)}</title>",
    ]
    if subtitle:
        out.append(f"  <subtitle>{_x(subtitle)}</subtitle>")
    out += [
        f"  <updated>{rfc3339(_feed_updated(site, entries, claim_ids, memo))}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={_a(settings.url(path))}/>',
        f'  <link rel="alternate" type="text/html" href={_a(settings.url(alternate))}/>',
        "  <author>",
        f"    <name>{_x(settings.organization_name)}</name>",
        f"    <uri>{_x(settings.organization_url)}</uri>",
        "  </author>",
        f"  <rights>{_x(f'{settings.license_name}: {settings.license_url}')}</rights>",
        "  <generator>factcheck-publisher</generator>",
    ]
    for cid in entries:
        xml = memo.xml.get(cid)
        if xml is None:
            xml = memo.xml[cid] = _atom_entry(site, settings, cid, site_language)
        out.append(xml)
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _atom_entry(site: Site, settings: Settings, cid: str, site_language: str) -> str:
    c = site.content
    claim = c.claims[cid]
    verdict = c.verdicts[cid]
    url = settings.url(claim_path(cid))
    out = [
        "  <entry>",
        f"    <id>{_x(url)}</id>",
        f"    <title>{_x(entry_title(site, settings, cid))}</title>",
        f'    <link rel="alternate" type="text/html" href={_a(url)}/>',
        f"    <published>{rfc3339(verdict.published)}</published>",
        f"    <updated>{rfc3339(verdict.modified)}</updated>",
    ]
    for name in _author_names(site, verdict):
        out.append(f"    <author><name>{_x(name)}</name></author>")
    if not verdict.retracted:  # a retracted fact check is in no rating's list
        rating = c.ratings[verdict.rating]
        out.append(
            f"    <category term={_a(rating.id)} label={_a(rating.label)}"
            f" scheme={_a(settings.url('ratings/'))}/>"
        )
    for t in claim.topics:
        label = site.topics[t].label if t in site.topics else t
        out.append(
            f"    <category term={_a(t)} label={_a(label)} scheme={_a(settings.url('topics/'))}/>"
        )
    out += [
        f"    <summary>{_x(entry_summary(site, settings, cid))}</summary>",
        f'    <content type="html">{_x(entry_html(site, settings, cid, site_language))}</content>',
        "  </entry>",
    ]
    return "\n".join(out)


def json_feed(
    site: Site,
    settings: Settings,
    claim_ids: Iterable[str],
    *,
    path: str,
    title: str,
    alternate: str = "",
    description: str | None = None,
    limit: int = FEED_LIMIT,
    memo: _Memo | None = None,
    site_language: str | None = None,
) -> str:
    """A JSON Feed 1.1 document. Fact-check fields ride in the `_factcheck` extension object.

    Its `language`, and each item's, is the one its words are in (`spoken`); the claim's own
    language is `_factcheck.claim_language`, as claims.json's `language`. `site_language`: as
    `atom_feed`'s."""
    site_language = site_language or settings.language  # a claim's language by default
    settings = spoken(settings)
    c = site.content
    entries = entry_order(site, claim_ids, memo)[:limit]
    items = []
    for cid in entries:
        claim = c.claims[cid]
        verdict = c.verdicts[cid]
        rating = c.ratings[verdict.rating]
        retracted = verdict.retracted
        rating_data = {"id": rating.id, "label": rating.label, "value": rating.value}
        claimant = c.people[claim.claimant]
        url = settings.url(claim_path(cid))
        items.append(
            {
                "id": url,
                "url": url,
                "title": entry_title(site, settings, cid),
                "summary": entry_summary(site, settings, cid),
                "content_html": entry_html(site, settings, cid, site_language),
                "date_published": rfc3339(verdict.published),
                "date_modified": rfc3339(verdict.modified),
                "authors": [{"name": n} for n in _author_names(site, verdict)],
                "tags": [
                    _status_label(site, settings, verdict),
                    *(site.topics[t].label for t in claim.topics),
                ],
                "language": settings.language,  # the title's and text's, not the claim's
                # No `about`: the spec wants a URL of the extension's documentation, and there
                # is none online to point at.
                "_factcheck": {
                    "claim": claim.claim,
                    "claim_language": claim.language or site_language,
                    "claim_date": claim.date.isoformat(),
                    "claim_date_estimated": claim.date_estimated,  # as in claims.json
                    "claimant": {"id": claimant.id, "name": claimant.name},
                    # As in claims.json: a retracted fact check has no rating, and says which
                    # one it withdrew.
                    "status": "retracted" if retracted else "published",
                    "rating": None if retracted else rating_data,
                    "withdrawn_rating": rating_data if retracted else None,
                    "topics": list(claim.topics),
                    "updates": [
                        {"date": u.date.isoformat(), "type": u.type, "note": u.note}
                        for u in verdict.updates
                    ],
                },
            }
        )
    feed = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": settings.url(alternate),
        "feed_url": settings.url(path),
        "language": settings.language,
        "authors": [{"name": settings.organization_name, "url": settings.organization_url}],
        "items": items,
    }
    if description:
        feed["description"] = description
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def feeds(site: Site, settings: Settings) -> dict[str, str | Stream]:
    """Every feed file, by site-relative path; a topic's or person's feed is made when it is written
    (at 100,000 claims they are some 30,000 files)."""
    c = site.content
    memo = _Memo(site)
    words = spoken(settings)  # the titles in the entries' language
    _ = words.messages.gettext

    def run(text: str) -> str:  # a name, a label or the site's words inside the feed's
        return isolate(text, words.language)

    site_name = {"site": run(settings.site_name)}
    everything = list(c.verdicts)
    main_title = _("%(site)s: latest fact checks") % site_name
    description = (
        run(settings.site_description)
        if settings.site_description
        else _("The latest verdicts from %(site)s.") % site_name
    )
    out: dict[str, str | Stream] = {
        MAIN_ATOM: atom_feed(
            site,
            settings,
            everything,
            path=MAIN_ATOM,
            title=main_title,
            subtitle=description,
            memo=memo,
        ),
        MAIN_JSON: json_feed(
            site,
            settings,
            everything,
            path=MAIN_JSON,
            title=main_title,
            description=description,
            memo=memo,
        ),
    }

    def later(path: str, claim_ids: Iterable[str], alternate: str, **titles: str) -> Stream:
        """A topic's or person's feed, made when it is written."""
        return Stream.one(
            path,
            partial(
                atom_feed,
                site,
                settings,
                claim_ids,
                path=path,
                alternate=alternate,
                memo=memo,
                **titles,
            ),
        )

    for topic_id, topic in site.topics.items():  # every topic page gets one, even an empty one
        label = run(topic.label)
        path = topic_feed_path(topic_id)
        out[path] = later(
            path,
            site.by_topic.get(topic_id, ()),
            topic_path(topic_id),
            # Translators: the title of a topic's feed: the site's name, then the topic.
            title=_("%(site)s: %(topic)s") % {**site_name, "topic": label},
            subtitle=_("Fact checks on %(topic)s.") % {"topic": label},
        )
    for person_id, claim_ids in site.by_claimant.items():
        name = run(c.people[person_id].name if person_id in c.people else person_id)
        path = claimant_feed_path(person_id)
        out[path] = later(
            path,
            claim_ids,
            person_path(person_id),
            title=_("%(site)s: claims by %(name)s") % {**site_name, "name": name},
            subtitle=_("Fact checks of claims made by %(name)s.") % {"name": name},
        )
    from .languages import feeds as language_feeds  # a multilingual site: one per language

    out.update(language_feeds(site, settings))
    return out
