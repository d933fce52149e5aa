"""`relink` (a preview's incremental link) gives exactly what `link` gives, for every kind of claim edit.

A synthetic tree is linked once; then claims and verdicts are edited in the model (text, topics,
claimant, rating, authors, sources, [[id]] links, documents; claims added, removed, or left without a
verdict), and `relink` of the old site must equal `link` of the edited content, field by field and in
the same order (pages iterate these indexes).
"""

from __future__ import annotations

import dataclasses
import random

import pytest

from generator import preview
from generator.link import Site, link, relink
from generator.validate import read_content
from tests.factories import synthetic_content


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    model, problems = read_content(synthetic_content(tmp_path_factory.mktemp("c") / "c", 120, 7))
    assert model is not None, problems
    return model


def _fields(site: Site) -> dict[str, object]:
    """Every field, dicts as their item lists (their order is the pages' order)."""
    out = {}
    for f in dataclasses.fields(Site):
        value = getattr(site, f.name)
        out[f.name] = list(value.items()) if isinstance(value, dict) else value
    return out


def _edit(content, rng: random.Random):
    """The content with a few random claims and verdicts changed, added or removed."""
    claims, verdicts = dict(content.claims), dict(content.verdicts)
    ids = sorted(claims)
    people = sorted(content.people)
    topics = sorted({t for c in content.claims.values() for t in c.topics})
    urls = sorted({s.url for v in content.verdicts.values() for s in v.sources})
    for cid in rng.sample(ids, 4):
        claim, verdict = claims[cid], verdicts.get(cid)
        kind = rng.choice(
            ["text", "topics", "claimant", "rating", "authors", "sources", "links", "document",
             "remove", "unverdict", "add"]
        )  # fmt: skip
        if kind == "text":
            claims[cid] = dataclasses.replace(claim, claim=claim.claim + " Edited.")
        elif kind == "topics":
            claims[cid] = dataclasses.replace(claim, topics=tuple(rng.sample(topics, 2)))
        elif kind == "claimant":
            claims[cid] = dataclasses.replace(claim, claimant=rng.choice(people))
        elif kind == "document":
            appearances = tuple(dataclasses.replace(a, document=None) for a in claim.appearances)
            claims[cid] = dataclasses.replace(claim, appearances=appearances)
        elif kind == "remove":
            del claims[cid]
            verdicts.pop(cid, None)
        elif kind == "add":
            new = f"{cid}-copy"
            claims[new] = dataclasses.replace(claim, id=new)
            if verdict is not None:
                verdicts[new] = dataclasses.replace(verdict, claim=new)
        elif verdict is None:
            continue
        elif kind == "rating":
            other = [r for r in content.ratings if r != verdict.rating]
            verdicts[cid] = dataclasses.replace(verdict, rating=rng.choice(other))
        elif kind == "authors":
            verdicts[cid] = dataclasses.replace(verdict, authors=(rng.choice(people),))
        elif kind == "sources":
            first = dataclasses.replace(verdict.sources[0], url=rng.choice(urls), publisher="X")
            verdicts[cid] = dataclasses.replace(verdict, sources=(first, *verdict.sources[1:]))
        elif kind == "links":
            body = verdict.body + f"\n\nSee [[{rng.choice(ids)}]]."
            verdicts[cid] = dataclasses.replace(verdict, body=body)
        elif kind == "unverdict":
            del verdicts[cid]
    return dataclasses.replace(content, claims=claims, verdicts=verdicts)


@pytest.mark.parametrize("seed", range(25))
def test_relink_after_claim_edits_is_link_of_the_edited_content(content, seed):
    rng = random.Random(seed)
    old = link(content)
    edited = _edit(content, rng)
    changed = preview.changed_claims(content, edited)
    assert changed, "the edit changed nothing"
    assert _fields(relink(old, edited, changed)) == _fields(link(edited))


def test_relink_of_a_moved_source_drops_the_old_address(content):
    old = link(content)
    cid = next(c for c, v in sorted(content.verdicts.items()) if len(v.sources) == 1)
    verdict = content.verdicts[cid]
    moved = dataclasses.replace(verdict.sources[0], url="https://example.org/only-here")
    edited = dataclasses.replace(
        content,
        verdicts={**content.verdicts, cid: dataclasses.replace(verdict, sources=(moved,))},
    )
    site = relink(old, edited, {cid})
    assert "https://example.org/only-here" in site.sources_by_url
    assert site.sources_by_url["https://example.org/only-here"].claim_ids == (cid,)
    assert _fields(site) == _fields(link(edited))
