"""ClaimReview JSON-LD for a claim page, as fact-check-practice.md §b describes it.

One ClaimReview per claim page with a verdict; none for a claim under review, and none for a
retracted fact check (`Verdict.retracted`): Google asks for the markup of a retracted fact check to
be removed, and its rating is no finding any more (render/claims.py and exports.py leave it out).

`itemReviewed.inLanguage` is the language the claim was made in: a translation's original's, a
claim's own `language`, and on a site with claims in several languages the site's for the others
(there a reader of the data cannot take the review's language for the claim's).
"""

from __future__ import annotations

import json
from typing import Any

from ..languages import multilingual
from ..link import Site
from ..model import Appearance, Claim, Person, Verdict
from ..settings import Settings
from .core import Scale, jsonld, page_url

# schema.org types for the document kinds of the content model.
DOCUMENT_TYPES = {
    "article": "NewsArticle",
    "opinion": "OpinionNewsArticle",
    "comment": "Comment",
    "speech": "CreativeWork",
    "interview": "CreativeWork",
    "social-post": "SocialMediaPosting",
    "video": "VideoObject",
    "report": "Report",
    "other": "CreativeWork",
}


def _person(p: Person) -> dict[str, Any]:
    out: dict[str, Any] = {
        "@type": "Organization" if p.kind == "organization" else "Person",
        "name": p.name,
    }
    if p.same_as:
        out["sameAs"] = p.same_as[0] if len(p.same_as) == 1 else list(p.same_as)
    return out


def _appearance(site: Site, settings: Settings, a: Appearance) -> dict[str, Any]:
    if a.document:
        doc = site.content.documents[a.document]
        work: dict[str, Any] = {
            "@type": DOCUMENT_TYPES.get(doc.kind, "CreativeWork"),
            "url": doc.url or settings.url(page_url(f"documents/{doc.id}.md")),
            "headline": doc.title,
            "datePublished": (a.date or doc.date).isoformat(),
        }
        if doc.archive_url:
            work["archivedAt"] = doc.archive_url
        if doc.publisher:
            work["publisher"] = {"@type": "Organization", "name": doc.publisher}
        if doc.author and doc.author in site.content.people:
            work["author"] = _person(site.content.people[doc.author])
        if doc.language:  # given by the editor (an inferred one is the claim's inLanguage)
            work["inLanguage"] = doc.language
        return work
    work = {"@type": "CreativeWork", "url": a.url}
    if a.title:
        work["headline"] = a.title
    if a.archive_url:
        work["archivedAt"] = a.archive_url
    if a.date:
        work["datePublished"] = a.date.isoformat()
    return work


def claim_review(
    site: Site, settings: Settings, scale: Scale, claim: Claim, verdict: Verdict
) -> dict[str, Any]:
    content = site.content
    rating = content.ratings[verdict.rating]
    item: dict[str, Any] = {"@type": "Claim"}
    claimant = content.people.get(claim.claimant)
    if claimant is not None:
        item["author"] = _person(claimant)
    item["datePublished"] = claim.date.isoformat()
    # A translation's claim was made in its original's language; the review is in the claim's.
    original = content.claims.get(claim.translation_of) if claim.translation_of else None
    said_in = (original.language or settings.language) if original else claim.language
    if not said_in and multilingual(site, settings.language):
        said_in = settings.language
    if said_in:
        item["inLanguage"] = said_in
    # A speech quoted twice is one work, listed once.
    works = (_appearance(site, settings, a) for a in claim.appearances)
    appearances = list({json.dumps(w, sort_keys=True): w for w in works}.values())
    if appearances:
        item["firstAppearance"] = appearances[0]
        item["appearance"] = appearances
    review_rating: dict[str, Any] = {"@type": "Rating", "alternateName": rating.label}
    value = scale.value(rating)
    if value is not None and scale.ordinal:
        review_rating["ratingValue"] = value
        review_rating["bestRating"] = scale.best
        review_rating["worstRating"] = scale.worst
    review_rating["ratingExplanation"] = verdict.summary
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": settings.url(page_url(f"claims/{claim.id}.md")),
        "claimReviewed": claim.short,
        "datePublished": verdict.published.isoformat(),
        "dateModified": verdict.modified.isoformat(),
        "inLanguage": claim.language or settings.language,
        "author": {
            "@type": "Organization",
            "name": settings.organization_name,
            "url": settings.organization_url,
        },
        "itemReviewed": item,
        "reviewRating": review_rating,
    }


def claim_review_json(
    site: Site, settings: Settings, scale: Scale, claim: Claim, verdict: Verdict
) -> str:
    """The ClaimReview as the text of a <script type="application/ld+json"> element."""
    return jsonld(claim_review(site, settings, scale, claim, verdict))
