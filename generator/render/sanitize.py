"""Strip the characters HTML forbids from every text in the content, once, before rendering.

The validator already refuses control characters in YAML fields; what can still arrive (a YAML escape
such as "\\ud800" gives a lone surrogate, "\\ufffe" a non-character) is removed here. The common case,
nothing to remove, costs one regular-expression search over all the text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

from ..link import Site, link
from ..markdown import has_controls, strip_controls
from ..model import Claim, Content, Verdict


def _claim_texts(c: Claim) -> Iterator[str]:
    yield from (c.claim, c.title or "", c.language or "")
    for a in c.appearances:
        yield from (a.quote or "", a.title or "", a.url or "", a.archive_url or "")


def _verdict_texts(v: Verdict) -> Iterator[str]:
    yield from (v.summary, v.body)
    for s in v.sources:
        yield from (s.title, s.url, s.publisher or "", s.archive_url or "", s.language or "")
    for u in v.updates:
        yield u.note


def _texts(content: Content) -> Iterator[str]:
    for r in content.ratings.values():
        yield from (r.label, r.description, r.icon or "")
    for t in content.topics.values():
        yield from (t.label, t.description or "")
    for p in content.people.values():
        yield from (p.name, p.description or "", *p.same_as)
    for d in content.documents.values():
        yield from (d.title, d.publisher or "", d.description or "", d.text or "")
        yield from (d.url or "", d.archive_url or "")
    for c in content.claims.values():
        yield from _claim_texts(c)
    for v in content.verdicts.values():
        yield from _verdict_texts(v)
    yield from content.pages.values()


def is_clean(content: Content, claim_ids: Iterable[str] | None = None) -> bool:
    """Whether no text needs stripping: all of them, or only those of the claims `claim_ids` and
    their verdicts (a preview after an edit to those, when the rest was clean before)."""
    if claim_ids is None:
        return not has_controls("\n".join(_texts(content)))
    texts: list[str] = []
    for cid in claim_ids:
        if cid in content.claims:
            texts += _claim_texts(content.claims[cid])
        if cid in content.verdicts:
            texts += _verdict_texts(content.verdicts[cid])
    return not has_controls("\n".join(texts))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, tuple):
        return tuple(_clean(v) for v in value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _clean(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def sanitized(site: Site) -> Site:
    """The same site, relinked from cleaned content if any text held a forbidden character."""
    if is_clean(site.content):
        return site
    # Everything else a Site holds comes from the content; its git history does not.
    return dataclasses.replace(link(_clean(site.content)), history=site.history)
