"""Resolve the content into a site graph: every index and backlink, computed once before rendering.

Pure: takes a validated `Content`, returns a `Site`. Orders are deterministic (newest first, then id),
so the same content always renders the same bytes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from .model import Claim, Content, Source, Topic, Verdict
from .quotes import first_positions
from .values import normalise_quote

CLAIM_LINK = re.compile(r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")


@dataclass(frozen=True)
class CitedSource:
    """A source as cited across the site: one URL, the claims that cite it."""

    url: str
    title: str
    publisher: str | None
    claim_ids: tuple[str, ...]
    primary: bool
    title_is_description: bool = False  # `title` (the first citation's) is our description
    language: str | None = None  # the first citation's `language` (None: the site's)


@dataclass(frozen=True)
class History:
    """The verdicts' git history as the build found it (the plugin reads git; linking stays pure)."""

    available: bool  # False outside a git checkout (or a shallow clone): pages say so
    changes: dict[str, tuple] = field(
        default_factory=dict
    )  # claim id -> history.Change, oldest first
    # not available, though built in a git checkout (a shallow clone, a repository git would not
    # read): pages say this copy leaves the history out, not that it was built outside git
    left_out: bool = False


@dataclass(frozen=True)
class Site:
    content: Content
    claims_newest: tuple[str, ...]  # all claim ids, newest claim date first
    verdicts_newest: tuple[str, ...]  # claim ids with a verdict, newest published first
    by_rating: dict[str, tuple[str, ...]]  # the rating a verdict stands by; a retracted one: none
    by_topic: dict[str, tuple[str, ...]]
    by_claimant: dict[str, tuple[str, ...]]
    # fact-checker or reviewer -> claim ids they checked, newest published first (the date shown)
    by_author: dict[str, tuple[str, ...]]
    by_document: dict[str, tuple[str, ...]]  # in order of appearance in the document text
    # claim id -> claims whose verdict links it with [[id]], newest first: a claim page shows the
    # first few, and by id they were b0, b1, b10, b100 however many thousand linked it
    backlinks: dict[str, tuple[str, ...]]
    sources: tuple[CitedSource, ...]  # every distinct source URL, by publisher then title
    topics: dict[str, Topic]  # every topic used or listed, with a label
    children: dict[str, tuple[str, ...]]  # document id -> documents part_of it
    history: History | None = None  # None: not asked for (export, unit tests): no History section

    @cached_property
    def translations(self) -> dict[str, tuple[str, ...]]:
        """Original claim id -> its translations' ids, by language (`translation_of`)."""
        out: dict[str, list[str]] = {}
        claims = self.content.claims
        for c in claims.values():
            if c.translation_of and c.translation_of in claims:
                out.setdefault(c.translation_of, []).append(c.id)
        return {
            k: tuple(sorted(v, key=lambda i: (claims[i].language or "", i))) for k, v in out.items()
        }

    def document_language(self, doc_id: str, site_language: str) -> str:
        """The language of a document's own words: its `language`, else the one language of the
        claims quoted from it (a claim quotes it verbatim), else the site's. Translations of a
        claim do not count: they are about the document, in another language."""
        doc = self.content.documents[doc_id]
        if doc.language:
            return doc.language
        # Asked once for each passage quoted from it: counted once (a document quoted by 8,000
        # claims was 64 million steps).
        known = self.__dict__.setdefault("_document_languages", {})
        found = known.get((doc_id, site_language))
        if found is None:
            claims = self.content.claims
            tags = {
                tag.lower(): tag
                for c in self.by_document.get(doc_id, ())
                if not claims[c].translation_of
                for tag in [claims[c].language or site_language]
            }
            found = next(iter(tags.values())) if len(tags) == 1 else site_language
            known[(doc_id, site_language)] = found
        return found

    @cached_property
    def sources_by_url(self) -> dict[str, CitedSource]:
        """Every cited source by URL (computed once, on first use)."""
        return {s.url: s for s in self.sources}

    def related(
        self, claim_id: str, limit: int | None = None, found_limit: int | None = None
    ) -> dict[str, tuple[str, ...]]:
        """Claims to show beside one claim, by why they are related; each claim listed once.

        `limit` caps each reason's list and stops reading an index once it is reached, so a page of a
        prolific claimant or a large topic costs no more than a small one. `found_limit` caps the
        lists found by shared document, claimant, topic or source (not the ones an editor chose, or
        the claims linking here) more tightly: each has its own page listing them all.
        """
        c = self.content.claims[claim_id]
        seen = {claim_id}
        out: dict[str, tuple[str, ...]] = {}

        def take(reason: str, ids: Iterable[str]) -> None:
            cap = limit if reason in ("related", "links") or found_limit is None else found_limit
            fresh: list[str] = []
            for i in ids:
                if i not in seen:
                    seen.add(i)
                    fresh.append(i)
                    if cap is not None and len(fresh) >= cap:
                        break
            if fresh:
                out[reason] = tuple(fresh)

        take("related", c.related)
        take("links", self.backlinks.get(claim_id, ()))
        docs = [a.document for a in c.appearances if a.document]
        take("document", (i for d in docs for i in self.by_document.get(d, ())))
        take("claimant", self.by_claimant.get(c.claimant, ()))
        take("topic", (i for t in c.topics for i in self.by_topic.get(t, ())))
        verdict = self.content.verdicts.get(claim_id)
        if verdict:
            index = self.sources_by_url
            urls = dict.fromkeys(s.url for s in verdict.sources)
            take("source", (i for u in urls if u in index for i in index[u].claim_ids))
        return out


def _newest(claims: list[Claim]) -> tuple[str, ...]:
    return tuple(c.id for c in sorted(claims, key=lambda c: (-c.date.toordinal(), c.id)))


def _published_newest(content: Content, ids: Iterable[str]) -> tuple[str, ...]:
    """Checked claims by their verdict's publication, newest first: a fact-checker's list shows
    that date, and ordered by the claims' own dates it read 22 Nov, 4 Dec, 22 Nov."""

    def order(cid: str) -> tuple[int, int, str]:
        return (
            -content.verdicts[cid].published.toordinal(),
            -content.claims[cid].date.toordinal(),
            cid,
        )

    return tuple(sorted(ids, key=order))


def _topic_label(topic_id: str) -> str:
    return topic_id.replace("-", " ").capitalize()


def _document_order(content: Content, doc_id: str, claim_ids: list[str]) -> tuple[str, ...]:
    # Quotes are matched as the validator matches them (values.normalise_quote): typed with straight
    # quotes or over a line break, a quote was not found as written and its claim went last.
    # All of them are looked up at once (quotes.py): one search of a 4 MB text per quote was slow.
    text = normalise_quote(content.documents[doc_id].text or "")
    quote_of: dict[str, str] = {}  # claim id -> its first quote of this document, normalised
    for cid in claim_ids:
        for a in content.claims[cid].appearances:
            if a.document == doc_id and a.quote:
                quote_of[cid] = normalise_quote(a.quote)
                break
    found = first_positions(text, quote_of.values())

    def position(cid: str) -> tuple[int, str]:
        at = found[quote_of[cid]] if cid in quote_of else -1
        return (at if at >= 0 else len(text), cid)

    return tuple(sorted(claim_ids, key=position))


def link(content: Content) -> Site:
    """Build every index the pages need; raises nothing on validated content."""
    claims = [content.claims[k] for k in sorted(content.claims)]
    by_rating: dict[str, list[Claim]] = defaultdict(list)
    by_topic: dict[str, list[Claim]] = defaultdict(list)
    by_claimant: dict[str, list[Claim]] = defaultdict(list)
    by_author: dict[str, list[Claim]] = defaultdict(list)
    by_document: dict[str, list[str]] = defaultdict(list)
    backlinks: dict[str, list[Claim]] = defaultdict(list)
    cited: dict[str, list[tuple[Source, str]]] = defaultdict(list)

    for c in claims:
        by_claimant[c.claimant].append(c)
        for t in c.topics:
            by_topic[t].append(c)
        for d in _documents_of(c):
            by_document[d].append(c.id)
        v = content.verdicts.get(c.id)
        if v is None:
            continue
        if v.standing_rating is not None:  # a retracted verdict no longer has its rating
            by_rating[v.standing_rating].append(c)
        for p in _people_of(v):
            by_author[p].append(c)
        for target in _links(c.id, v):
            backlinks[target].append(c)
        for s in v.sources:
            cited[s.url].append((s, c.id))

    sources = sorted((_cited(url, uses) for url, uses in cited.items()), key=_source_order)
    children: dict[str, list[str]] = defaultdict(list)
    for d in sorted(content.documents.values(), key=lambda d: (d.date, d.id)):
        if d.part_of:
            children[d.part_of].append(d.id)

    return Site(
        content=content,
        claims_newest=_newest(claims),
        verdicts_newest=_verdicts_newest(content),
        by_rating={k: _newest(v) for k, v in sorted(by_rating.items())},
        by_topic={k: _newest(v) for k, v in sorted(by_topic.items())},
        by_claimant={k: _newest(v) for k, v in sorted(by_claimant.items())},
        by_author={
            k: _published_newest(content, (c.id for c in v)) for k, v in sorted(by_author.items())
        },
        by_document={k: _document_order(content, k, v) for k, v in sorted(by_document.items())},
        backlinks={k: _newest(v) for k, v in sorted(backlinks.items())},
        sources=tuple(sources),
        topics=_topics(content, by_topic),
        children={k: tuple(v) for k, v in sorted(children.items())},
    )


def _verdicts_newest(content: Content) -> tuple[str, ...]:
    return _published_newest(content, (c for c in content.claims if c in content.verdicts))


def _topics(content: Content, used: Iterable[str]) -> dict[str, Topic]:
    """Every listed topic, and every topic a claim uses, with a label made from its id if unlisted."""
    topics = dict(content.topics)
    for t in used:
        topics.setdefault(t, Topic(id=t, label=_topic_label(t)))
    return dict(sorted(topics.items()))


def _cited(url: str, uses: list[tuple[Source, str]]) -> CitedSource:
    """One address as cited by (source, claim id) pairs, in claim id order."""
    # Most addresses are cited once: plain loops, no generator per source (50,000 at 10k claims).
    publisher, primary, ids = None, False, {}
    for s, cid in uses:
        if publisher is None and s.publisher:
            publisher = s.publisher
        primary = primary or bool(s.primary)
        ids[cid] = None
    first = uses[0][0]
    return CitedSource(
        url=url,
        title=first.title,
        publisher=publisher,
        claim_ids=tuple(ids),
        primary=primary,
        title_is_description=first.title_is_description,
        language=first.language,
    )


def _source_order(s: CitedSource) -> tuple[str, str, str]:
    return ((s.publisher or "").casefold(), s.title.casefold(), s.url)


# A claim's keys in the indexes `link` builds and `relink` rebuilds: the two must agree.


def _documents_of(claim: Claim) -> tuple[str, ...]:
    """The documents a claim appeared in, each once."""
    return tuple(dict.fromkeys(a.document for a in claim.appearances if a.document))


def _rating_of(_claim: Claim, verdict: Verdict | None) -> tuple[str, ...]:
    """The rating a claim is listed under: its verdict's, unless the verdict was retracted."""
    rating = verdict.standing_rating if verdict else None
    return (rating,) if rating else ()


def _people_of(verdict: Verdict | None) -> tuple[str, ...]:
    """The fact-checkers of a verdict (authors, then reviewers), each once."""
    return tuple(dict.fromkeys((*verdict.authors, *verdict.reviewers))) if verdict else ()


def _links(claim_id: str, verdict: Verdict | None) -> tuple[str, ...]:
    """The claims a verdict's text links with [[id]], each once, itself left out."""
    if verdict is None:
        return ()
    return tuple(t for t in dict.fromkeys(CLAIM_LINK.findall(verdict.body)) if t != claim_id)


def relink(old: Site, content: Content, changed: set[str]) -> Site:
    """`link(content)`, when only the claims and verdicts `changed` differ from `old.content`.

    A preview rebuild after an edit (see preview.changed_claims): the indexes those claims were or
    are in are computed again, the others kept. Tests compare the result with `link`.
    """
    before = old.content
    # Each changed claim as it was and as it is (None where absent), with its verdict.
    versions = [
        (version.claims.get(cid), version.verdicts.get(cid))
        for cid in changed
        for version in (before, content)
    ]

    def regroup(
        index: dict[str, tuple[str, ...]],
        keys_of: Callable[[Claim, Verdict | None], Iterable[str]],
        order: Callable[[str, list[str]], tuple[str, ...]],
    ) -> dict[str, tuple[str, ...]]:
        affected = {k for c, v in versions if c is not None for k in keys_of(c, v)}
        out = dict(index)
        for key in affected:
            members = [i for i in index.get(key, ()) if i not in changed]
            for cid in sorted(changed):
                c = content.claims.get(cid)
                if c is not None:
                    members += [cid for k in keys_of(c, content.verdicts.get(cid)) if k == key]
            if members:
                out[key] = order(key, members)
            else:
                out.pop(key, None)
        return dict(sorted(out.items()))

    def newest(_key: str, ids: list[str]) -> tuple[str, ...]:
        return _newest([content.claims[i] for i in ids])

    def published(_key: str, ids: list[str]) -> tuple[str, ...]:
        return _published_newest(content, ids)

    def in_document(key: str, ids: list[str]) -> tuple[str, ...]:
        return _document_order(content, key, ids)

    by_topic = regroup(old.by_topic, lambda c, v: c.topics, newest)
    urls = {s.url for c, v in versions if c is not None and v is not None for s in v.sources}
    sources = [s for s in old.sources if s.url not in urls]
    citing = {s.url: set(s.claim_ids) - changed for s in old.sources if s.url in urls}
    for cid in changed:
        v = content.verdicts.get(cid)
        if v is not None and cid in content.claims:
            for s in v.sources:
                citing.setdefault(s.url, set()).add(cid)
    for url, ids in citing.items():
        uses = [
            (s, cid) for cid in sorted(ids) for s in content.verdicts[cid].sources if s.url == url
        ]
        if uses:
            sources.append(_cited(url, uses))
    sources.sort(key=_source_order)
    return Site(
        content=content,
        claims_newest=_newest(list(content.claims.values())),
        verdicts_newest=_verdicts_newest(content),
        by_rating=regroup(old.by_rating, _rating_of, newest),
        by_topic=by_topic,
        by_claimant=regroup(old.by_claimant, lambda c, v: (c.claimant,), newest),
        by_author=regroup(old.by_author, lambda c, v: _people_of(v), published),
        by_document=regroup(old.by_document, lambda c, v: _documents_of(c), in_document),
        backlinks=regroup(old.backlinks, lambda c, v: _links(c.id, v), newest),
        sources=tuple(sources),
        topics=_topics(content, by_topic),
        children=old.children,
    )
