"""A document's full text with its checked passages, on the document's page or on pages of its own.

A text that fits (about `quotes.TEXT_PART_BYTES` of HTML with its markup) is shown on page 1 of the
document's page, as ever. A longer one is split between paragraphs into parts, one page each:
`/documents/<id>/text/`, then `/documents/<id>/text/page/2/`...; the document's pages link to it,
and a claim page's "See the passage" link goes to the part that holds its quote. A claim that
quotes a document more than once has each quote marked, each with an anchor of its own
(`quote_keys`). Where a text is cut depends only on the text and its passages (not on the page's
language or address), so every page that links a passage agrees on its part.
"""

from __future__ import annotations

from ..link import Site
from ..model import Claim
from .core import Context, page_url
from .pagination import page_path
from .quotes import (
    TEXT_PART_BYTES,
    Highlight,
    Piece,
    annotated,
    parts_of_claims,
    quote_key,
    split_text,
)


def text_first(doc_id: str) -> str:
    """Docs path of the first page of a document's long text."""
    return f"documents/{doc_id}/text.md"


def quote_keys(claim: Claim) -> list[str | None]:
    """For each of a claim's appearances, the key of its quote's `quote-<key>` anchor in its
    document's text (None without a document or a quote): `quote_key(claim.id, n)` for the claim's
    n-th quote from that document. The document's page and the claim's page name them alike."""
    counts: dict[str, int] = {}
    out: list[str | None] = []
    for a in claim.appearances:
        if a.document and a.quote:
            counts[a.document] = n = counts.get(a.document, 0) + 1
            out.append(quote_key(claim.id, n))
        else:
            out.append(None)
    return out


def highlights(ctx: Context, doc_id: str, root: str) -> list[Highlight]:
    """The checked passages of a document's text, each linking to its claim from `root`."""
    content = ctx.site.content
    dtext = ctx.document_text(doc_id)
    out = []
    for cid in ctx.site.by_document.get(doc_id, ()):
        claim = content.claims[cid]
        verdict = content.verdicts.get(cid)
        # A retracted fact check's rating is no finding any more: its passage says so, uncoloured.
        if verdict is None:
            rating = ctx._("Under review")
        elif verdict.retracted:
            rating = ctx._("Retracted")
        else:
            rating = content.ratings[verdict.rating].label
        # Translators: what a highlighted passage of a document is: the claim, then its rating.
        label = ctx._("%(claim)s — %(rating)s") % {"claim": claim.short, "rating": rating}
        href, rid = f"{root}claims/{cid}/", verdict.standing_rating if verdict else None
        for a, key in zip(claim.appearances, quote_keys(claim), strict=True):
            if key is None or a.document != doc_id:
                continue
            span = dtext.find(a.quote)
            if span is not None:
                out.append(
                    Highlight(span[0], span[1], cid, href, label, rid, rating, claim.short, key)
                )
    return out


def may_split(site: Site, doc_id: str) -> bool:
    """Whether the text could need more than one part: a cheap bound, before marking it up."""
    content = site.content
    doc = content.documents.get(doc_id)
    if doc is None or not doc.text:
        return False
    bound = 2 * len(doc.text)
    for cid in site.by_document.get(doc_id, ()):
        claim = content.claims[cid]
        quotes = sum(1 for a in claim.appearances if a.document == doc_id and a.quote)
        bound += max(1, quotes) * (1000 + 3 * len(cid) + 8 * len(claim.short))
    return bound > TEXT_PART_BYTES


def parts(ctx: Context, doc_id: str, root: str) -> list[list[list[Piece]]]:
    """The document's long text in parts, one a page, linking from `root`.

    The last one is kept: a long text's pages 2, 3... come one after the other and share a root,
    so a text in n parts is marked up twice, not n times.
    """
    last = ctx.memo.get("text_parts_last")
    if last is not None and last[0] == (doc_id, root):
        return last[1]
    doc = ctx.site.content.documents[doc_id]
    split = split_text(annotated(doc.text or "", highlights(ctx, doc_id, root), doc.title))
    ctx.memo["text_parts_last"] = ((doc_id, root), split)
    return split


def claim_parts(ctx: Context, doc_id: str) -> dict[str, int]:
    """Quote key (`quote_keys`) -> which part of the document's long text holds that passage; empty
    when the text fits on the document's page. Worked out once a run (any language's context
    shares it)."""
    found = ctx.text_parts.get(doc_id)
    if found is None:
        found = {}
        if may_split(ctx.site, doc_id):
            split = parts(ctx, doc_id, "")
            if len(split) > 1:
                found = parts_of_claims(split)
                found[""] = len(split)  # how many parts (no key is empty)
        ctx.text_parts[doc_id] = found
    return found


def part_count(ctx: Context, doc_id: str) -> int:
    """How many pages of its own the document's text takes: 0 when it is on the document's page."""
    return claim_parts(ctx, doc_id).get("", 0)


def passage_page(ctx: Context, doc_id: str, key: str) -> str:
    """Address (from the site root) of the page showing a passage of a document's text, by the key
    of its anchor (`quote_keys`: for a claim's first quote from the document, the claim's id)."""
    split = claim_parts(ctx, doc_id)
    if not split:
        return f"documents/{doc_id}/"
    return page_url(page_path(text_first(doc_id), split.get(key, 1)))
