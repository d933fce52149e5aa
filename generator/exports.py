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

Claims come newest first (claim date, then id), the order of the site's claim index. A claim without a
verdict is in claims.json/csv with status `under-review` and empty verdict fields; it has no ClaimReview.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable
from typing import Any

from .feeds import claim_path
from .link import Site
from .model import Appearance, Source
from .settings import Settings

FORMAT_VERSION = 1
LIST_SEPARATOR = " | "
CLAIMS_JSON = "data/claims.json"
CLAIMS_CSV = "data/claims.csv"
CLAIMREVIEW_JSON = "data/claimreview.json"
CLAIMS_JSONL_GZ = "data/claims.jsonl.gz"
CLAIMS_CSV_GZ = "data/claims.csv.gz"
CLAIMREVIEW_JSONL_GZ = "data/claimreview.jsonl.gz"
GZIP_LEVEL = 6  # 9 takes about twice as long for 2-3% less

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
    "status": "published, or under-review when there is no verdict yet",
    "rating_id": "rating id from the site's rating scale",
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
}

# Spreadsheets run a cell that starts with one of these as a formula ("CSV injection"). Free-text cells
# that start with one get a leading apostrophe, which spreadsheets hide; claims.json is never altered.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FREE_TEXT = {
    "claim",
    "title",
    "claimant_name",
    "topic_labels",
    "document_titles",
    "summary",
    "author_names",
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
        "language": claim.language or settings.language,
        "topics": [
            {"id": t, "label": site.topics[t].label if t in site.topics else t}
            for t in claim.topics
        ],
        "appearances": [_appearance(a) for a in claim.appearances],
        "documents": documents,
        "related": list(claim.related),
        "status": "published" if verdict else "under-review",
        "rating": (
            {"id": rating.id, "label": rating.label, "value": rating.value} if rating else None
        ),
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


def claims_json(site: Site, settings: Settings, records: list[dict[str, Any]] | None = None) -> str:
    if records is None:
        records = [claim_record(site, settings, cid) for cid in site.claims_newest]
    doc = {**_header(settings), "ratings": _ratings(site), "claims": records}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def _line(value: Any) -> str:
    # One JSON value a line: U+2028/2029 are valid in JSON strings but some line readers split on them.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def gz(text: str) -> bytes:
    """gzip without a timestamp or file name: the same text gives the same bytes."""
    return gzip.compress(text.encode("utf-8"), compresslevel=GZIP_LEVEL, mtime=0)


def claims_jsonl(site: Site, settings: Settings, records: list[dict[str, Any]]) -> str:
    """claims.json as JSON Lines: the header (with the ratings) first, then one claim a line."""
    header = {**_header(settings), "ratings": _ratings(site)}
    return _line(header) + "".join(_line(r) for r in records)


def _join(values) -> str:
    return LIST_SEPARATOR.join(v for v in values)


def csv_row(record: dict[str, Any], appearance_urls: list[str]) -> dict[str, str]:
    """A claims.json record flattened to the CSV columns (before spreadsheet-formula escaping)."""
    rating = record["rating"] or {}
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
        "topic_labels": _join(t["label"] for t in record["topics"]),
        "document_ids": _join(d["id"] for d in record["documents"]),
        "document_titles": _join(d["title"] for d in record["documents"]),
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
        "author_names": _join(a["name"] for a in record["authors"]),
        "reviewer_ids": _join(a["id"] for a in record["reviewers"]),
        "source_urls": _join(s["url"] for s in record["sources"]),
        "source_archive_urls": _join(s["archive_url"] or "" for s in record["sources"]),
        "translation_of": record["translation_of"] or "",
        "translations": _join(record["translations"]),
    }


def spreadsheet_safe(column: str, value: str) -> str:
    if column in _FREE_TEXT and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def claims_csv(site: Site, settings: Settings, records: list[dict[str, Any]] | None = None) -> str:
    if records is None:
        records = [claim_record(site, settings, cid) for cid in site.claims_newest]
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        row = csv_row(record, appearance_urls(site, record["id"]))
        writer.writerow({k: spreadsheet_safe(k, v) for k, v in row.items()})
    return buf.getvalue()


ClaimReviewBuilder = Callable[[Site, Settings, str], dict[str, Any]]


def claimreview_elements(
    site: Site, settings: Settings, claimreview: ClaimReviewBuilder
) -> list[dict[str, Any]]:
    """Every ClaimReview with its licence and publisher, newest verdict first."""
    elements = []
    for cid in site.verdicts_newest:
        review = dict(claimreview(site, settings, cid))
        review.setdefault("sdLicense", settings.license_url)
        review.setdefault(
            "sdPublisher",
            {
                "@type": "Organization",
                "name": settings.organization_name,
                "url": settings.organization_url,
            },
        )
        elements.append(review)
    return elements


def claimreview_feed(
    site: Site,
    settings: Settings,
    claimreview: ClaimReviewBuilder,
    elements: list[dict[str, Any]] | None = None,
) -> str:
    """schema.org DataFeed of every ClaimReview, built by the same function as the pages' JSON-LD."""
    if elements is None:
        elements = claimreview_elements(site, settings, claimreview)
    newest = max(
        (site.content.verdicts[cid].modified for cid in site.verdicts_newest), default=None
    )
    feed: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{settings.site_name}: ClaimReview data feed",
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
    feed["dataFeedElement"] = elements
    return json.dumps(feed, ensure_ascii=False, separators=(",", ":")) + "\n"


def exports(
    site: Site, settings: Settings, claimreview: ClaimReviewBuilder | None = None
) -> dict[str, str | bytes]:
    """Every data file, by site-relative path (the ClaimReview files only when a builder is given)."""
    records = [claim_record(site, settings, cid) for cid in site.claims_newest]
    csv_text = claims_csv(site, settings, records)
    out: dict[str, str | bytes] = {
        CLAIMS_JSON: claims_json(site, settings, records),
        CLAIMS_CSV: csv_text,
        CLAIMS_JSONL_GZ: gz(claims_jsonl(site, settings, records)),
        CLAIMS_CSV_GZ: gz(csv_text),
    }
    if claimreview is not None:
        elements = claimreview_elements(site, settings, claimreview)
        out[CLAIMREVIEW_JSON] = claimreview_feed(site, settings, claimreview, elements)
        out[CLAIMREVIEW_JSONL_GZ] = gz("".join(_line(e) for e in elements))
    return out


def columns_markdown() -> str:
    """The CSV column table for the README's open-data section."""
    rows = ["| column | meaning |", "|---|---|"]
    rows += [f"| `{k}` | {v.replace('|', chr(92) + '|')} |" for k, v in CSV_COLUMNS.items()]
    return "\n".join(rows)
