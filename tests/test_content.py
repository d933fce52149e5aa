"""The site's own content: a real fact-check that passes every check and quotes its documents exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.validate import validate

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
NOTES = REPO.parent / "shared" / "research" / "seed-claims-evidence.md"
# Addresses seen later, recorded the same way (the shared notes are read-only).
NOTES_ADDENDA = sorted((REPO / "docs" / "research").glob("evidence-addendum-*.md"))
SEEDS = {
    "column-north-korean-troops-kursk-2024": "000_ca6764d78cd6b4a0.txt",
    "article-kursk-report-north-korea-2025": "004_bf6ecbb6ac6d065f.txt",
}


def _yaml(folder: str) -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((CONTENT / folder).glob("*.yaml"))
    }


def _plain(text: str) -> str:
    return " ".join(
        text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split()
    )


def test_content_has_no_errors_and_no_warnings():
    report = validate(CONTENT)
    assert [str(p) for p in report.problems] == []
    assert report.counts["claim"] >= 20 and report.counts["verdict"] == report.counts["claim"]


def test_every_quote_appears_word_for_word_in_its_document():
    checked = 0
    for cid, claim in _yaml("claims").items():
        for appearance in claim["appearances"]:
            if "document" not in appearance:
                continue
            text = (CONTENT / "documents" / f"{appearance['document']}.txt").read_text("utf-8")
            assert _plain(appearance["quote"]) in _plain(text), cid
            checked += 1
    assert checked >= 20


def test_at_least_six_claims_from_each_seed_document():
    docs = _yaml("documents")

    def root(doc: str) -> str:
        while docs[doc].get("part_of"):
            doc = docs[doc]["part_of"]
        return doc

    per_seed = {seed: 0 for seed in SEEDS}
    for claim in _yaml("claims").values():
        seeds = {root(a["document"]) for a in claim["appearances"] if "document" in a}
        for seed in seeds:
            per_seed[seed] += 1
    assert all(n >= 6 for n in per_seed.values()), per_seed


def test_document_texts_are_the_seed_documents_unchanged():
    seeds = REPO.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip(
            "shared/seeds is not beside this checkout (it is in the project's workspace and CI)"
        )
    column = CONTENT / "documents"
    joined = (column / f"{list(SEEDS)[0]}.txt").read_bytes() + (
        column / f"{list(SEEDS)[0]}-comments.txt"
    ).read_bytes()
    assert joined == (seeds / SEEDS["column-north-korean-troops-kursk-2024"]).read_bytes()
    article = (column / f"{list(SEEDS)[1]}.txt").read_bytes()
    assert article == (seeds / SEEDS["article-kursk-report-north-korea-2025"]).read_bytes()


def test_every_source_address_was_seen_by_the_researchers():
    # A fact-checker that invents a source is worse than none: every address must be one the
    # evidence notes record as seen, character for character.
    if not NOTES.is_file():
        pytest.skip(
            "shared/research is not beside this checkout (it is in the project's workspace and CI)"
        )
    notes = "\n".join(p.read_text(encoding="utf-8") for p in (NOTES, *NOTES_ADDENDA))
    unseen = []
    for vid, verdict in _yaml("verdicts").items():
        for source in verdict["sources"]:
            for key in ("url", "archive_url"):
                if source.get(key) and source[key] not in notes:
                    unseen.append(f"{vid}: {source[key]}")
    for cid, claim in _yaml("claims").items():
        for appearance in claim["appearances"]:
            if appearance.get("url") and appearance["url"] not in notes:
                unseen.append(f"{cid}: {appearance['url']}")
    assert unseen == []
