"""Time checking many quotes against one long document text (a benchmark, not a test).

    python benchmarks/bench_quotes.py [--scales 1 2 4 8] [--runs 3]

At scale k the document's text is k x 512 KB of words and k x 250 claims quote it, 4 quotes each
(k x 1,000 quotes of 8 words): half are in the text, half are not (a word changed), the input
that made validation read the text once per quote (2,000 missing quotes of a 4 MB text took 9.3 s).
Two texts: `prose`, words of the demo documents at random, and `votes`, only the words "yes", "no"
and "the" (as a transcript of a vote, where `str.find` skips less far). Printed for each:
`factcheck validate` on that tree (in this process), `link` ordering the claims of a tree where
every quote is found, rendering that tree's pages, and one `str.find` per quote beside `quotes.first_positions`. Linear work
doubles from one scale to the next; work of quotes x text grows four times.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe as machine  # noqa: E402

from generator.link import link  # noqa: E402
from generator.quotes import first_positions  # noqa: E402
from generator.render import render_pages  # noqa: E402
from generator.settings import Settings  # noqa: E402
from generator.validate import validate  # noqa: E402
from generator.values import normalise_quote  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "content" / "documents"
FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "valid"
DOC = "council-meeting-2024-10-24"
TEXT_BYTES = 512 * 1024
CLAIMS = 250
PER_CLAIM = 4


def demo_words() -> list[str]:
    """The words of the demo documents, those a YAML string in double quotes takes as they are."""
    demo = " ".join(p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt")))
    return sorted({w for w in demo.split() if '"' not in w and "\\" not in w})


def inputs(scale: int, kind: str) -> tuple[str, list[str], list[str]]:
    """(text, quotes in it, quotes not in it) of one scale and kind."""
    rng = random.Random(scale)
    vocab = ["yes", "no", "the"] if kind == "votes" else demo_words()
    words: list[str] = []
    size = 0
    while size < scale * TEXT_BYTES - 8192:  # 8 x 512 KB, less room for the fixture's own text
        words.append(rng.choice(vocab))
        size += len(words[-1].encode()) + 1
    text = " ".join(words)
    half = scale * CLAIMS * PER_CLAIM // 2
    present, absent = [], []
    for _ in range(half):
        at = rng.randrange(len(words) - 10)
        quote = words[at : at + 8]
        present.append(" ".join(quote))
        absent.append(" ".join([*quote[:4], quote[4] + "zq", *quote[5:]]))  # no word of the text
    return text, present, absent


def write_tree(root: Path, text: str, quotes: list[str]) -> None:
    """The valid fixture with the long text after its own, and claims quoting it, PER_CLAIM quotes
    each. Each claim says other words, so that no two are near duplicates (a slow check of its own)."""
    shutil.copytree(FIXTURE, root)
    page = root / "documents" / f"{DOC}.txt"
    page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")
    rng, vocab = random.Random(len(quotes)), demo_words()
    for n in range(0, len(quotes), PER_CLAIM):
        items = "".join(
            f'  - document: {DOC}\n    quote: "{q}"\n' for q in quotes[n : n + PER_CLAIM]
        )
        said = " ".join(rng.sample(vocab, 10))
        (root / "claims" / f"quote-{n}.yaml").write_text(
            f'claim: "{said}"\ntitle: "Claim {n}: {said}"\nclaimant: jane-doe\n'
            f"date: 2024-10-24\nappearances:\n{items}topics: [transport]\n",
            encoding="utf-8",
        )


def best(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(k: int, kind: str, base: Path, runs: int) -> str:
    """The figures of scale k, in one line."""
    text, present, absent = inputs(k, kind)
    mixed = [q for pair in zip(present, absent, strict=True) for q in pair]
    bad, good = base / f"mixed-{k}", base / f"found-{k}"
    write_tree(bad, text, mixed)
    write_tree(good, text, present + present)
    report = validate(bad, display_prefix="", jobs=1)
    missing = sum("does not appear word for word" in p.message for p in report.problems)
    assert missing == len(absent), "the tree should hold one error per missing quote"
    content = validate(good, display_prefix="", jobs=1).content
    assert content is not None, "the tree where every quote is found should be valid"
    normal = normalise_quote(text)
    t_validate = best(lambda: validate(bad, display_prefix="", jobs=1), runs)
    t_link = best(lambda: link(content), runs)
    site = link(content)  # every claim page and the document's pages, in this process
    t_render = best(lambda: render_pages(site, Settings(og_images=False), workers=0), 1)
    t_find = best(lambda: [normal.find(q) for q in mixed], 1)
    t_new = best(lambda: first_positions(normal, mixed), runs)
    shutil.rmtree(bad)
    shutil.rmtree(good)
    return (
        f"{kind} x{k}: {len(text) / 1024:,.0f} KB text, {len(mixed):,} quotes in "
        f"{len(mixed) // PER_CLAIM:,} claims: validate {t_validate:.2f} s, link {t_link:.2f} s, "
        f"render {t_render:.2f} s; "
        f"str.find per quote {t_find:.2f} s, first_positions {t_new:.2f} s"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4, 8])
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args(argv)

    print(f"machine: {machine()}")
    base = Path(tempfile.mkdtemp(prefix="factcheck-bench-quotes-"))
    try:
        for kind in ("prose", "votes"):
            for k in args.scales:
                print(measure(k, kind, base, args.runs), flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(f"after: {machine().rsplit('; ', 1)[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
