"""Open data: every claim as JSON and CSV, and every ClaimReview as a schema.org DataFeed. Pure.

- `data/claims.json`: `{"format", "license", "publisher", "ratings", "claims": [...]}`, one object per
  claim with everything content/ says about it (the verdict's Markdown body included);
- `data/claims.csv`: one row per claim, the columns in `CSV_COLUMNS` (a stable contract: add columns at
  the end, never rename or reorder). Lists are joined with `LIST_SEPARATOR`;
- `data/claimreview.json`: a schema.org `DataFeed` whose `dataFeedElement` holds every ClaimReview exactly
  as the claim pages carry it, each with `sdLicense` (the site's content licence) and `sdPublisher`;
- the same, for large sites, gzipped and one record a line (JSON Lines), so they stay downloadable and
  can be read as a stream: `data/claims.jsonl.gz` (a first line with the header of claims.json,
  `{"format", "license", "publisher", "ratings"}`, then one claim record a line, the same objects as
  in claims.json), `data/claims.csv.gz` (claims.csv as it is) and `data/claimreview.jsonl.gz` (one
  ClaimReview a line, as in the DataFeed). gzip without a timestamp: the same content, the same bytes.

Each file is written while it is made (`streams.Stream`): at 100,000 claims they are about 700 MB.

Claims come newest first (claim date, then id), the order of the site's claim index. A claim without a
verdict is in claims.json/csv with status `under-review` and empty verdict fields; it has no ClaimReview.
A verdict with an update of type `retraction` has status `retracted`: no rating (`rating` null, the
rating columns empty), the rating it withdrew in `withdrawn_rating` (claims.json) and the
`withdrawn_rating_*` columns, its other fields kept as published; it has no ClaimReview either
(Google asks for a retracted fact check's markup to be removed).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from .feeds import claim_path
from .link import Site
from .model import Appearance, Source
from .settings import Settings
from .streams import Gzip, Piece, Stream, streamed

FORMAT_VERSION = 1
LIST_SEPARATOR = " | "
CLAIMS_JSON = "data/claims.json"
CLAIMS_CSV = "data/claims.csv"
CLAIMREVIEW_JSON = "data/claimreview.json"
CLAIMS_JSONL_GZ = "data/claims.jsonl.gz"
CLAIMS_CSV_GZ = "data/claims.csv.gz"
CLAIMREVIEW_JSONL_GZ = "data/claimreview.jsonl.gz"

# Column -> meaning. The README's open-data section is generated from this table, so they agree.
CSV_COLUMNS: dict[str, str] = {
    "id": "claim id: the permanent slug of the claim page",
    "url": "absolute URL of the claim page",
    "claim": "the claim as it was made",
    "title": "short form of the claim (empty when the claim has none)",
    "claimant_id": "person id of who made the claim",
    "claimant_name": "their name",
    "claim_date": "when the claim was made (YYYY-MM-DD)",
    "language": "BCP 47 language of the claim",
    "topic_ids": "topic ids; every list column joins its values with ' | '",
    "topic_labels": "topic labels, same order",
    "document_ids": "ids of the documents the claim appeared in, first appearance first",
    "document_titles": "their titles, same order",
    "appearance_urls": "every known URL of an appearance (a document's URL or a direct link)",
    "status": (
        "published; retracted when an update of type retraction withdrew the fact check (its"
        " rating columns are then empty); or under-review when there is no verdict yet"
    ),
    "rating_id": "rating id from the site's rating scale (empty when under review or retracted)",
    "rating_label": "rating as shown to readers",
    "rating_value": "ordinal value (higher = more accurate); empty for non-ordinal ratings",
    "summary": "the verdict in one or two sentences",
    "published": "when the verdict was first published (YYYY-MM-DD)",
    "modified": "date of the last correction or update, else the publication date",
    "update_count": "number of corrections, updates, clarifications and retractions",
    "update_types": "their types, oldest first",
    "author_ids": "person ids of the fact-checkers",
    "author_names": "their names",
    "reviewer_ids": "person ids of the reviewing editors",
    "source_urls": "URLs of every source the verdict cites",
    "source_archive_urls": "archived copies of those sources, where recorded (same order, may be empty)",
    "translation_of": "id of the claim this fact check translates (empty for an original)",
    "translations": "ids of this claim's translations into other languages",
    "withdrawn_rating_id": "for a retracted fact check, the rating id it withdrew (else empty)",
    "withdrawn_rating_label": "that rating as it was shown to readers",
    "claim_date_estimated": (
        "true when claim_date is inferred (the page says 'estimated date'), not shown by the"
        " document; else false"
    ),
}

# Spreadsheets run a cell that starts with one of these as a formula ("CSV injection"). Free-text cells
# that start with one get a leading apostrophe (OWASP's advice); claims.json is never altered. The
# rating labels are free text too: ratings.yaml is the newsroom's to write ("-1: Pants on fire").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What may come before the formula unseen: spaces and line breaks, which a spreadsheet told to trim
# them (LibreOffice's "Trim spaces", Google Sheets) takes away, and the invisible zero-width ones.
_UNSEEN_START = (
    " \t\n\r\x0b\x0c\x85\xa0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
)
_BEFORE_FORMULA = re.compile(f"[{_UNSEEN_START}]*[=+@-]")
_FREE_TEXT = {
    "claim",
    "title",
    "claimant_name",
    "topic_labels",
    "document_titles",
    "rating_label",
    "summary",
    "author_names",
    "withdrawn_rating_label",
}


def _date(d) -> str | None:
    return d.isoformat() if d is not None else None


def _appearance(a: Appearance) -> dict[str, Any]:
    return {
        "document": a.document,
        "quote": a.quote,
        "url": a.url,
        "archive_url": a.archive_url,
        "title": a.title,
        "date": _date(a.date),
        "date_estimated": a.date_estimated,
    }


def _source(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "url": s.url,
        "publisher": s.publisher,
        "date": _date(s.date),
        "archive_url": s.archive_url,
        "accessed": _date(s.accessed),
        "primary": s.primary,
        "language": s.language,
    }


def _people(site: Site, ids) -> list[dict[str, str]]:
    people = site.content.people
    return [{"id": p, "name": people[p].name if p in people else p} for p in ids]


def document_ids(site: Site, claim_id: str) -> list[str]:
    """Documents a claim appeared in, each once, first appearance first."""
    claim = site.content.claims[claim_id]
    return list(dict.fromkeys(a.document for a in claim.appearances if a.document))


def appearance_urls(site: Site, claim_id: str) -> list[str]:
    docs = site.content.documents
    urls = []
    for a in site.content.claims[claim_id].appearances:
        url = a.url or (docs[a.document].url if a.document and a.document in docs else None)
        if url:
            urls.append(url)
    return list(dict.fromkeys(urls))


def claim_record(site: Site, settings: Settings, claim_id: str) -> dict[str, Any]:
    """One claim as a JSON object: the claim, its claimant, documents and verdict."""
    c = site.content
    claim = c.claims[claim_id]
    claimant = c.people[claim.claimant]
    verdict = c.verdicts.get(claim_id)
    rating = c.ratings[verdict.rating] if verdict else None
    rating_data = (
        {"id": rating.id, "label": rating.label, "value": rating.value} if rating else None
    )
    retracted = verdict is not None and verdict.retracted
    status = "under-review" if verdict is None else "retracted" if retracted else "published"
    documents = []
    for d in document_ids(site, claim_id):
        doc = c.documents[d]
        documents.append(
            {
                "id": doc.id,
                "title": doc.title,
                "kind": doc.kind,
                "date": _date(doc.date),
                "publisher": doc.publisher,
                "author": doc.author,
                "url": doc.url,
                "archive_url": doc.archive_url,
                "part_of": doc.part_of,
            }
        )
    return {
        "id": claim.id,
        "url": settings.url(claim_path(claim.id)),
        "claim": claim.claim,
        "title": claim.title,
        "claimant": {
            "id": claimant.id,
            "name": claimant.name,
            "kind": claimant.kind,
            "description": claimant.description,
            "same_as": list(claimant.same_as),
        },
        "claim_date": _date(claim.date),
        # The page says "(estimated date)" of a date inferred from the document, not shown by it.
        "claim_date_estimated": claim.date_estimated,
        "language": claim.language or settings.language,
        "topics": [
            {"id": t, "label": site.topics[t].label if t in site.topics else t}
            for t in claim.topics
        ],
        "appearances": [_appearance(a) for a in claim.appearances],
        "documents": documents,
        "related": list(claim.related),
        "status": status,
        # A retracted fact check stands by no rating: the one it withdrew is kept apart.
        "rating": None if retracted else rating_data,
        "withdrawn_rating": rating_data if retracted else None,
        "summary": verdict.summary if verdict else None,
        "body": verdict.body if verdict else None,
        "published": _date(verdict.published) if verdict else None,
        "modified": _date(verdict.modified) if verdict else None,
        "authors": _people(site, verdict.authors) if verdict else [],
        "reviewers": _people(site, verdict.reviewers) if verdict else [],
        "sources": [_source(s) for s in verdict.sources] if verdict else [],
        "updates": (
            [
                {
                    "date": _date(u.date),
                    "type": u.type,
                    "note": u.note,
                    "previous_rating": u.previous_rating,
                }
                for u in verdict.updates
            ]
            if verdict
            else []
        ),
        "content_files": {
            "claim": claim.source_path or None,
            "verdict": (verdict.source_path or None) if verdict else None,
        },
        "translation_of": claim.translation_of,
        "translations": list(site.translations.get(claim.id, ())),
    }


def _header(settings: Settings) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "publisher": {"name": settings.organization_name, "url": settings.organization_url},
        "license": {"name": settings.license_name, "url": settings.license_url},
    }


def _ratings(site: Site) -> list[dict[str, Any]]:
    return [
        {"id": r.id, "label": r.label, "value": r.value, "description": r.description}
        for r in sorted(site.content.ratings.values(), key=lambda r: (r.order, r.id))
    ]


def claims_json(site: Site, settings: Settings) -> str:
    """claims.json whole (builds write it from `claims_stream`, a claim at a time)."""
    return claims_stream(site, settings).contents()[CLAIMS_JSON].decode("utf-8")


def claims_csv(site: Site, settings: Settings) -> str:
    """claims.csv whole (builds write it from `claims_stream`, a claim at a time)."""
    return claims_stream(site, settings).contents()[CLAIMS_CSV].decode("utf-8")


def _line(text: str) -> str:
    """A JSON text as one line of JSON Lines: U+2028/2029 are valid in JSON strings but some line
    readers split on them."""
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _join(values) -> str:
    return LIST_SEPARATOR.join(v for v in values)


def _join_text(values) -> str:
    """Free-text values (titles, labels, names) joined as a list cell, each `|` in them written
    `¦`: a document titled "Budget speech | GOV.UK" split into two titles, and every title after
    it was paired with the wrong document id. claims.json has the exact text."""
    return LIST_SEPARATOR.join(v.replace("|", "\u00a6") for v in values)


def csv_row(record: dict[str, Any], appearance_urls: list[str]) -> dict[str, str]:
    """A claims.json record flattened to the CSV columns (before spreadsheet-formula escaping)."""
    rating = record["rating"] or {}
    withdrawn = record["withdrawn_rating"] or {}
    value = rating.get("value")
    return {
        "id": record["id"],
        "url": record["url"],
        "claim": record["claim"],
        "title": record["title"] or "",
        "claimant_id": record["claimant"]["id"],
        "claimant_name": record["claimant"]["name"],
        "claim_date": record["claim_date"],
        "language": record["language"],
        "topic_ids": _join(t["id"] for t in record["topics"]),
        "topic_labels": _join_text(t["label"] for t in record["topics"]),
        "document_ids": _join(d["id"] for d in record["documents"]),
        "document_titles": _join_text(d["title"] for d in record["documents"]),
        "appearance_urls": _join(appearance_urls),
        "status": record["status"],
        "rating_id": rating.get("id", ""),
        "rating_label": rating.get("label", ""),
        "rating_value": "" if value is None else str(value),
        "summary": record["summary"] or "",
        "published": record["published"] or "",
        "modified": record["modified"] or "",
        "update_count": str(len(record["updates"])),
        "update_types": _join(u["type"] for u in record["updates"]),
        "author_ids": _join(a["id"] for a in record["authors"]),
        "author_names": _join_text(a["name"] for a in record["authors"]),
        "reviewer_ids": _join(a["id"] for a in record["reviewers"]),
        "source_urls": _join(s["url"] for s in record["sources"]),
        "source_archive_urls": _join(s["archive_url"] or "" for s in record["sources"]),
        "translation_of": record["translation_of"] or "",
        "translations": _join(record["translations"]),
        "withdrawn_rating_id": withdrawn.get("id", ""),
        "withdrawn_rating_label": withdrawn.get("label", ""),
        "claim_date_estimated": "true" if record["claim_date_estimated"] else "false",
    }


def spreadsheet_safe(column: str, value: str) -> str:
    """A free-text cell as a spreadsheet shows it, never runs it: with a leading `'` when it starts
    with a formula, or with one after spaces or invisible characters (" =HYPERLINK(...)")."""
    if column in _FREE_TEXT and (
        value.startswith(_FORMULA_START) or _BEFORE_FORMULA.match(value) is not None
    ):
        return "'" + value
    return value


class _CsvLines:
    """CSV rows one at a time, as csv.DictWriter writes them (CRLF line ends, minimal quoting)."""

    def __init__(self) -> None:
        self._buf = io.StringIO(newline="")
        self._writer = csv.DictWriter(
            self._buf, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n"
        )

    def _take(self) -> str:
        text = self._buf.getvalue()
        self._buf.seek(0)
        self._buf.truncate()
        return text

    def header(self) -> str:
        self._writer.writeheader()
        return self._take()

    def row(self, row: dict[str, str]) -> str:
        self._writer.writerow({k: spreadsheet_safe(k, v) for k, v in row.items()})
        return self._take()


def _claims_pieces(site: Site, settings: Settings) -> Iterator[tuple[str, Piece]]:
    """claims.json, claims.jsonl.gz, claims.csv and claims.csv.gz in one pass over the claims,
    each claim's record made once."""
    header = _json({**_header(settings), "ratings": _ratings(site)})
    jsonl, csv_gz, rows = Gzip(), Gzip(), _CsvLines()
    yield CLAIMS_JSON, header[:-1] + ',"claims":['  # the same bytes as json.dumps of it whole
    yield CLAIMS_JSONL_GZ, jsonl(_line(header))
    first_row = rows.header()
    yield CLAIMS_CSV, first_row
    yield CLAIMS_CSV_GZ, csv_gz(first_row)
    for n, cid in enumerate(site.claims_newest):
        record = claim_record(site, settings, cid)
        text = _json(record)
        yield CLAIMS_JSON, "," + text if n else text
        yield CLAIMS_JSONL_GZ, jsonl(_line(text))
        row = rows.row(csv_row(record, appearance_urls(site, cid)))
        yield CLAIMS_CSV, row
        yield CLAIMS_CSV_GZ, csv_gz(row)
    yield CLAIMS_JSON, "]}\n"
    yield CLAIMS_JSONL_GZ, jsonl.end()
    yield CLAIMS_CSV_GZ, csv_gz.end()


def claims_stream(site: Site, settings: Settings) -> Stream:
    return Stream(
        (CLAIMS_JSON, CLAIMS_CSV, CLAIMS_JSONL_GZ, CLAIMS_CSV_GZ),
        lambda: _claims_pieces(site, settings),
    )


ClaimReviewBuilder = Callable[[Site, Settings, str], dict[str, Any]]


def claimreview_element(
    site: Site, settings: Settings, claimreview: ClaimReviewBuilder, claim_id: str
) -> dict[str, Any]:
    """A claim's ClaimReview with the data feed's licence and publisher."""
    review = dict(claimreview(site, settings, claim_id))
    review.setdefault("sdLicense", settings.license_url)
    review.setdefault(
        "sdPublisher",
        {
            "@type": "Organization",
            "name": settings.organization_name,
            "url": settings.organization_url,
        },
    )
    return review


def _claimreview_pieces(
    site: Site, settings: Settings, claimreview: ClaimReviewBuilder
) -> Iterator[tuple[str, Piece]]:
    """The schema.org DataFeed of every ClaimReview (newest verdict first, built by the same function
    as the pages' JSON-LD; none for a retracted fact check, as its page has none) and its JSON Lines
    copy, one review at a time."""
    # A retracted fact check has no ClaimReview: leaving the feed is its last change to it.
    verdicts = site.content.verdicts
    newest = max((verdicts[cid].modified for cid in site.verdicts_newest), default=None)
    feed: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        # Translators: the name of the open-data file holding every ClaimReview
        # (data/claimreview.json); ClaimReview is schema.org's name for a fact check's markup.
        "name": settings.messages.gettext("%(site)s: ClaimReview data feed")
        % {"site": settings.site_name},
        "url": settings.url(CLAIMREVIEW_JSON),
        "license": settings.license_url,
        "publisher": {
            "@type": "Organization",
            "name": settings.organization_name,
            "url": settings.organization_url,
        },
    }
    if newest:
        feed["dateModified"] = newest.isoformat()
    lines = Gzip()
    yield CLAIMREVIEW_JSON, _json(feed)[:-1] + ',"dataFeedElement":['
    reviewed = (cid for cid in site.verdicts_newest if not verdicts[cid].retracted)
    for n, cid in enumerate(reviewed):
        text = _json(claimreview_element(site, settings, claimreview, cid))
        yield CLAIMREVIEW_JSON, "," + text if n else text
        yield CLAIMREVIEW_JSONL_GZ, lines(_line(text))
    yield CLAIMREVIEW_JSON, "]}\n"
    yield CLAIMREVIEW_JSONL_GZ, lines.end()


def exports(
    site: Site, settings: Settings, claimreview: ClaimReviewBuilder | None = None
) -> dict[str, Stream]:
    """Every data file, by site-relative path (the ClaimReview files only when a builder is given),
    each made while it is written."""
    out = [claims_stream(site, settings)]
    if claimreview is not None:
        out.append(
            Stream(
                (CLAIMREVIEW_JSON, CLAIMREVIEW_JSONL_GZ),
                lambda: _claimreview_pieces(site, settings, claimreview),
            )
        )
    return streamed(*out)


def columns_markdown() -> str:
    """The CSV column table for the README's open-data section."""
    rows = ["| column | meaning |", "|---|---|"]
    rows += [f"| `{k}` | {v.replace('|', chr(92) + '|')} |" for k, v in CSV_COLUMNS.items()]
    return "\n".join(rows)
