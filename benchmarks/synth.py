"""A realistic synthetic content tree for benchmarks: N claims with verdicts, people, documents, topics.

The words come from the LIAR corpus (PolitiFact statements, speakers, subjects and venues; see
`shared/corpora/INVENTORY.md`), so text lengths, punctuation and odd characters are those of real
fact-checks. Everything else (dates, sources, bodies, documents' full texts) is generated from a seeded
random generator, so the same arguments always write the same tree.

    python benchmarks/synth.py OUT_DIR N_CLAIMS [--seed S]

`generate(root, n_claims, seed)` is the function the validate, build and site benchmarks share. The tree it
writes validates with no errors (a few warnings, as real content has: LIAR holds U+0090 in two rows).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import sys
from pathlib import Path

LIAR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "liar" / "train.tsv"
FALLBACK_LIAR = Path("/work/shared/corpora/liar/train.tsv")

RATINGS = """\
# yaml-language-server: $schema=../schemas/ratings.schema.json
- id: true
  label: "True"
  value: 6
  color: "#1a7f37"
  description: "The claim is accurate and nothing significant is missing."
- id: mostly-true
  label: "Mostly true"
  value: 5
  color: "#4d7c0f"
  description: "The claim is accurate but needs clarification or additional information."
- id: half-true
  label: "Half true"
  value: 4
  color: "#8a5a00"
  description: "The claim is partly accurate but leaves out important details."
- id: misleading
  label: "Misleading"
  value: 3
  color: "#b3541e"
  description: "The claim contains an element of truth but gives a false impression."
- id: mostly-false
  label: "Mostly false"
  value: 2
  color: "#c2410c"
  description: "The claim contains an element of truth but ignores critical facts."
- id: false
  label: "False"
  value: 1
  color: "#b91c1c"
  description: "The claim is not accurate."
- id: unproven
  label: "Unproven"
  color: "#57606a"
  description: "The evidence available does not settle it either way."
"""

# LIAR label -> rating id. Unquoted `true`/`false` in the verdicts, as contributors write them.
RATING_OF = {
    "true": "true",
    "mostly-true": "mostly-true",
    "half-true": "half-true",
    "barely-true": "mostly-false",
    "false": "false",
    "pants-fire": "false",
}
DOC_KIND = (
    ("tweet", "social-post"),
    ("facebook", "social-post"),
    ("post", "social-post"),
    ("interview", "interview"),
    ("speech", "speech"),
    ("debate", "speech"),
    ("remarks", "speech"),
    ("ad", "video"),
    ("commercial", "video"),
    ("video", "video"),
    ("op-ed", "opinion"),
    ("column", "opinion"),
    ("editorial", "opinion"),
    ("release", "article"),
    ("article", "article"),
    ("report", "report"),
    ("comment", "comment"),
)
PUBLISHERS = (
    "Associated Press",
    "Reuters",
    "Bureau of Labor Statistics",
    "Congressional Budget Office",
    "Census Bureau",
    "The New York Times",
    "The Washington Post",
    "Pew Research Center",
    "Federal Reserve",
    "Government Accountability Office",
)
CHECKERS = (
    "Alex Morgan",
    "Sam Rivera",
    "Jordan Lee",
    "Robin Okafor",
    "Casey Novak",
    "Taylor Brandt",
    "Jamie Sato",
    "Morgan Diaz",
)
_WORD = re.compile(r"[a-z0-9]+")


def slug(text: str, words: int = 6, limit: int = 60) -> str:
    parts = _WORD.findall(text.lower())[:words]
    s = "-".join(parts)[:limit].strip("-")
    return re.sub(r"-+", "-", s) or "x"


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML; no escapes except the needed ones)."""
    return json.dumps(text, ensure_ascii=False)


# Bidirectional controls, which `factcheck validate` refuses (Trojan Source): a few LIAR rows have them.
_BIDI = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def read_liar(path: Path | None = None) -> list[list[str]]:
    path = path or (LIAR if LIAR.exists() else FALLBACK_LIAR)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [[x.translate(_BIDI) for x in r] for r in rows if len(r) == 14]


def _day(rng: random.Random, start: dt.date, span: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(span))


def _doc_kind(context: str) -> str:
    low = context.lower()
    return next((kind for word, kind in DOC_KIND if word in low), "other")


def generate(root: Path, n_claims: int, seed: int = 0, liar: Path | None = None) -> dict[str, int]:
    """Write a content tree of `n_claims` claims, each with a verdict, into `root`.

    About two thirds of the claims appear in a document (with a quote found in the document's
    .txt), the rest at a URL. Returns the number of files of each kind written.
    """
    rng = random.Random(seed)
    rows = read_liar(liar)
    root = Path(root)
    for sub in ("claims", "verdicts", "documents", "people", "pages"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "ratings.yaml").write_text(RATINGS, "utf-8")

    # People: every speaker used, plus the fact-checkers.
    people: dict[str, str] = {}
    checkers = []
    for name in CHECKERS:
        pid = slug(name)
        checkers.append(pid)
        people[pid] = (
            f"name: {q(name)}\nkind: person\ndescription: {q('Fact-checker at the desk')}\n"
        )

    claims: list[dict] = []
    topics: set[str] = set()
    ids: set[str] = set()
    for i in range(n_claims):
        row = rows[i % len(rows)]
        lap = i // len(rows)
        statement = row[2].strip() or "No statement was recorded."
        speaker = slug(row[4].replace("-", " "), words=8, limit=70) if row[4] else "unknown-speaker"
        if speaker not in people:
            job = row[5].strip()
            desc = ", ".join(x for x in (job, row[6].strip(), row[7].strip()) if x and x != "none")
            kind = "organization" if any(c.isupper() for c in row[4]) else "person"
            people[speaker] = f"name: {q(row[4].replace('-', ' ').title())}\nkind: {kind}\n" + (
                f"description: {q(desc)}\n" if desc else ""
            )
        cid = f"{slug(statement)}-{row[0].split('.')[0]}" + (f"-{lap}" if lap else "")
        while cid in ids:
            cid += "-x"
        ids.add(cid)
        subjects = [slug(s, words=4) for s in row[3].split(",") if s.strip()][:3]
        topics.update(subjects)
        claims.append(
            {
                "id": cid,
                "statement": statement,
                "speaker": speaker,
                "context": row[13].strip().rstrip(".") or "a statement",
                "label": RATING_OF.get(row[1], "unproven"),
                "topics": subjects,
                "date": _day(rng, dt.date(2007, 1, 1), 3650),
            }
        )

    for pid, text in people.items():
        (root / "people" / f"{pid}.yaml").write_text(text, "utf-8")

    # Documents: claims by the same speaker in the same venue share a document (a speech, an ad).
    docs: dict[tuple[str, str], list[dict]] = {}
    for c in claims:
        if rng.random() < 0.67:
            docs.setdefault((c["speaker"], c["context"]), []).append(c)
    n_docs = 0
    for (speaker, context), members in docs.items():
        did = slug(f"{context} {speaker}", words=8, limit=70) + f"-{n_docs}"
        n_docs += 1
        date = min(c["date"] for c in members)
        paragraphs = []
        for c in members:
            c["document"] = did
            c["date"] = date
            words = c["statement"].split()
            quote = " ".join(words[: max(4, min(len(words), 14))])
            c["quote"] = quote
            filler = rng.choice(claims)["statement"]
            paragraphs.append(f"{filler}\n\n{c['statement']} {rng.choice(claims)['statement']}")
        (root / "documents" / f"{did}.txt").write_text("\n\n".join(paragraphs) + "\n", "utf-8")
        (root / "documents" / f"{did}.yaml").write_text(
            f"title: {q(context[:1].upper() + context[1:] + ' by ' + speaker.replace('-', ' ').title())}\n"
            f"kind: {_doc_kind(context)}\n"
            f"author: {speaker}\n"
            f"date: {date.isoformat()}\n"
            + (
                f"url: https://example.org/{speaker}/{did}\n"
                if rng.random() < 0.5
                else f"publisher: {q(rng.choice(PUBLISHERS))}\n"
            ),
            "utf-8",
        )

    with (root / "topics.yaml").open("w", encoding="utf-8") as fh:
        for t in sorted(topics):
            fh.write(f"- id: {t}\n  label: {q(t.replace('-', ' ').capitalize())}\n")

    for c in claims:
        cid = c["id"]
        lines = [
            "# yaml-language-server: $schema=../../schemas/claim.schema.json",
            f"claim: {q(c['statement'])}",
        ]
        if rng.random() < 0.3:
            lines.append(f"title: {q(c['statement'][:70].rsplit(' ', 1)[0])}")
        lines += [f"claimant: {c['speaker']}", f"date: {c['date'].isoformat()}", "appearances:"]
        if "document" in c:
            lines += [f"  - document: {c['document']}", f"    quote: {q(c['quote'])}"]
        else:
            lines += [
                f"  - url: https://example.com/{c['speaker']}/{cid}",
                f"    title: {q(c['context'][:1].upper() + c['context'][1:])}",
            ]
            if rng.random() < 0.5:
                lines.append(
                    f"    archive_url: https://web.archive.org/web/2016/https://example.com/{cid}"
                )
        if c["topics"]:
            lines.append("topics: [" + ", ".join(c["topics"]) + "]")
        related = rng.sample(claims, k=min(len(claims), rng.choice((0, 0, 1, 2))))
        related = [r["id"] for r in related if r["id"] != cid]
        if related:
            lines.append("related:")
            lines += [f"  - {r}" for r in related]
        (root / "claims" / f"{cid}.yaml").write_text("\n".join(lines) + "\n", "utf-8")

        # The verdict: sources, a body citing each of them, links to other claims.
        n_src = rng.randint(1, 4)
        published = c["date"] + dt.timedelta(days=rng.randint(1, 30))
        sources = []
        for k in range(n_src):
            pub = rng.choice(PUBLISHERS)
            sources.append(
                [
                    f"  - id: {slug(pub, words=2)}-{k + 1}",
                    f"    title: {q(rng.choice(claims)['statement'][:90])}",
                    f"    publisher: {q(pub)}",
                    f"    url: https://{slug(pub, words=3)}.example.org/{cid}/{k + 1}",
                    f"    date: {(c['date'] - dt.timedelta(days=rng.randint(0, 400))).isoformat()}",
                ]
                + (["    primary: true"] if k == 0 else [])
                + (
                    [f"    archive_url: https://web.archive.org/web/2017/{cid}/{k}"]
                    if rng.random() < 0.4
                    else []
                )
            )
        paragraphs = []
        for k in range(n_src):
            sentences = " ".join(rng.choice(claims)["statement"] for _ in range(rng.randint(2, 4)))
            paragraphs.append(f"{sentences} [@{sources[k][0].split(': ', 1)[1]}]")
        if rng.random() < 0.5:
            other = rng.choice(claims)["id"]
            paragraphs.append(f"We looked at a similar claim before: [[{other}]].")
        paragraphs.append("## Our ruling\n\n" + c["statement"] + " We rate this claim accordingly.")
        body = "\n\n".join(paragraphs)
        body_lines = "\n".join(("  " + ln) if ln else "" for ln in body.split("\n"))
        verdict = [
            "# yaml-language-server: $schema=../../schemas/verdict.schema.json",
            f"claim: {cid}",
            f"rating: {c['label']}",
            f"summary: {q(rng.choice(claims)['statement'][:300])}",
            "body: |",
            body_lines,
            "sources:",
            *(line for s in sources for line in s),
            f"authors: [{rng.choice(checkers)}]",
        ]
        if rng.random() < 0.5:
            verdict.append(f"reviewers: [{rng.choice(checkers)}]")
        verdict.append(f"published: {published.isoformat()}")
        if rng.random() < 0.05:
            verdict += [
                "updates:",
                f"  - date: {(published + dt.timedelta(days=3)).isoformat()}",
                "    type: correction",
                f"    note: {q('We corrected a figure in the third paragraph.')}",
            ]
        (root / "verdicts" / f"{cid}.yaml").write_text("\n".join(verdict) + "\n", "utf-8")

    (root / "pages" / "about.md").write_text("# About\n\nA synthetic benchmark site.\n", "utf-8")
    return {
        "claims": len(claims),
        "verdicts": len(claims),
        "documents": n_docs,
        "people": len(people),
        "topics": len(topics),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("n", type=int)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    counts = generate(a.out, a.n, a.seed)
    print(", ".join(f"{v} {k}" for k, v in counts.items()), "written to", a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
