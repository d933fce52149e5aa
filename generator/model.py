"""Frozen domain objects built from validated content. No I/O, no mkdocs.

Every text field here is plain, untrusted contributor text (control characters already stripped);
escaping happens where it is placed, in the renderer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rating:
    id: str
    label: str
    description: str
    value: int | None = None  # ordinal value; None for non-ordinal ratings such as unproven
    color: str | None = None
    icon: str | None = None
    order: int = 0  # position in ratings.yaml, most accurate first


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    description: str | None = None


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    kind: str  # person | organization
    description: str | None = None
    same_as: tuple[str, ...] = ()
    language: str | None = None  # of the name as written, when given


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    kind: str
    date: dt.date
    publisher: str | None = None
    author: str | None = None  # person id
    url: str | None = None
    archive_url: str | None = None
    part_of: str | None = None  # document id
    description: str | None = None
    text: str | None = None  # the full text, normalised to \n line ends, when present
    language: str | None = None  # BCP 47 tag of its words, when given (Site.document_language)
    source_path: str = ""  # content-relative path of the YAML, e.g. documents/x.yaml


@dataclass(frozen=True)
class Appearance:
    document: str | None = None  # document id
    quote: str | None = None
    url: str | None = None
    archive_url: str | None = None
    title: str | None = None
    date: dt.date | None = None
    date_estimated: bool = False  # the date is inferred, not shown by the document


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    claimant: str  # person id
    date: dt.date
    appearances: tuple[Appearance, ...]
    title: str | None = None
    topics: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    language: str | None = None
    source_path: str = ""  # content-relative, e.g. claims/x.yaml
    date_estimated: bool = False  # `date` is inferred (from the document, its comments...)
    translation_of: str | None = None  # the claim id of the fact check this one translates

    @property
    def short(self) -> str:
        """The form for lists and ClaimReview: the title, else the claim itself."""
        return self.title or self.claim


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    publisher: str | None = None
    date: dt.date | None = None
    archive_url: str | None = None
    accessed: dt.date | None = None
    primary: bool = False
    language: str | None = None
    title_is_description: bool = False  # `title` is our description, not the source's headline


@dataclass(frozen=True)
class Update:
    date: dt.date
    type: str  # correction | update | clarification | retraction
    note: str
    previous_rating: str | None = None


@dataclass(frozen=True)
class Verdict:
    claim: str  # claim id
    rating: str  # rating id
    summary: str
    body: str  # Markdown, untrusted
    sources: tuple[Source, ...]
    authors: tuple[str, ...]
    published: dt.date
    reviewers: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()
    source_path: str = ""

    @property
    def modified(self) -> dt.date:
        """Last change readers were told about: the newest update, else publication."""
        return max([self.published, *(u.date for u in self.updates)])

    @property
    def retracted(self) -> bool:
        """The fact check no longer stands at all: one of its updates is a retraction.

        Its page stays (the retraction notice at the top, the reasoning kept), but its rating is no
        finding any more: no ClaimReview, no place in the rating lists and counts, status
        `retracted` in the open data. `rating` keeps the rating it withdrew.
        """
        return any(u.type == "retraction" for u in self.updates)

    @property
    def retraction(self) -> Update | None:
        """The retraction readers are told about: the newest update of type retraction (the last
        written of a day), or None."""
        found = [u for u in reversed(self.updates) if u.type == "retraction"]
        return max(found, key=lambda u: u.date) if found else None

    @property
    def standing_rating(self) -> str | None:
        """The rating id the verdict stands by: `rating`, or None once it is retracted."""
        return None if self.retracted else self.rating


@dataclass(frozen=True)
class Content:
    """Everything in content/, validated. Dicts keep a stable, sorted order."""

    ratings: dict[str, Rating]
    topics: dict[str, Topic]
    people: dict[str, Person]
    documents: dict[str, Document]
    claims: dict[str, Claim]
    verdicts: dict[str, Verdict]  # keyed by claim id
    pages: dict[str, str] = field(default_factory=dict)  # pages/<name>.md -> Markdown text

    def last_change(self) -> dt.date | None:
        """The newest claim date or verdict change: what a page or feed with no date of its own
        reports (the sitemap's lastmod of a list, an empty topic's feed)."""
        dates = [c.date for c in self.claims.values()]
        dates += [v.modified for v in self.verdicts.values()]
        return max(dates, default=None)
