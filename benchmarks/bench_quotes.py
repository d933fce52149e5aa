"""Time checking many quotes against one long document text (a benchmark, not a test).

    python benchmarks/bench_quotes.py [--scales 1 2 4 8] [--runs 3]
    python benchmarks/bench_quotes.py --costs [--scales 1 2]

At scale k the document's text is k x 512 KB of words and k x 250 claims quote it, 4 quotes each
(k x 1,000 quotes of 8 words): half are in the text, half are not (a word changed), the input
that made validation read the text once per quote (2,000 missing quotes of a 4 MB text took 9.3 s).
Two texts: `prose`, words of the demo documents at random, and `votes`, only the words "yes", "no"
and "the" (as a transcript of a vote, where `str.find` skips less far). Printed for each:
`factcheck validate` on that tree (in this process), `link` ordering the claims of a tree where
every quote is found, rendering that tree's pages, and one `str.find` per quote beside `quotes.first_positions`. Linear work
doubles from one scale to the next; work of quotes x text grows four times.

`--costs` prints what quotes.py's constants come from: the CPU time of each way of looking quotes
up (`str.find` per quote, the automaton) on each text, its quotes present, absent and both, and on
hostile text, per unit of work (ns), with the way `quotes.uses_find` picks and each way's time.
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
from generator.quotes import _automaton_positions, first_positions, uses_find  # noqa: E402
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


def cpu(run: Callable[[], object], runs: int) -> float:
    """The least CPU time of `runs` runs (less swayed by other work on the machine than a clock)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def cost_line(name: str, text: str, quotes: list[str], runs: int) -> str:
    """Each way's time on `quotes` of `text`, per unit of its work, and the way the rule picks."""
    wanted = list(dict.fromkeys(quotes))
    chars = sum(map(len, wanted))
    t_find = cpu(lambda: [text.find(q) for q in wanted], runs)
    t_auto = cpu(lambda: _automaton_positions(text, wanted), runs)
    t_build = cpu(lambda: _automaton_positions("", wanted), runs)
    picked = "str.find" if uses_find(len(wanted), len(text), chars) else "automaton"
    faster = "str.find" if t_find <= t_auto else "automaton"
    return (
        f"{name}: {len(text) / 1024:,.0f} K chars, {len(wanted):,} quotes ({chars:,} chars): "
        f"str.find {t_find:.3f} s ({t_find / (len(wanted) * len(text)) * 1e9:.3f} ns a quote x char), "
        f"automaton {t_auto:.3f} s (build {t_build / chars * 1e9:,.0f} ns a quote char, "
        f"scan {(t_auto - t_build) / len(text) * 1e9:.0f} ns a text char); "
        f"rule picks {picked}, faster: {faster}"
    )


def costs(scales: list[int], runs: int) -> None:
    """The figures behind quotes.FIND_NS, SCAN_NS and BUILD_NS."""
    for kind in ("prose", "votes"):
        for k in scales:
            text, present, absent = inputs(k, kind)
            text = normalise_quote(text)
            mixed = [q for pair in zip(present, absent, strict=True) for q in pair]
            for name, quotes in (("present", present), ("absent", absent), ("both", mixed)):
                print(cost_line(f"{kind} x{k} {name}", text, quotes, runs), flush=True)
    for k in scales:  # a find reads far into each place before it fails
        text = "a" * (k * TEXT_BYTES)
        for n in (20, 400):
            quotes = [f"{'a' * n}b{i}" for i in range(k * 200)]
            print(cost_line(f"hostile x{k} a... against a^{n}b", text, quotes, runs), flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4, 8])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--costs", action="store_true", help="each way's cost per unit of work")
    args = p.parse_args(argv)

    print(f"machine: {machine()}")
    if args.costs:
        costs(args.scales, args.runs)
        print(f"after: {machine().rsplit('; ', 1)[-1]}")
        return 0
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
