"""Time the near-duplicate search on claims with no rare words, and on a content tree (a benchmark).

    python benchmarks/bench_similar.py [--sizes 1000 2000 4000 8000] [--runs 3] [--tree DIR]

Each claim of the first kind is a different 20-word pick from the same 30 words: every claim meets
every other in the index and none is alike, the input that made the search quadratic (8,000 claims
took 150 s). With `--tree`, the claims of a content tree (e.g. one written by `synth.generate`) are
searched as the validator searches them: one text per wording, `most=SEARCH_MOST`. The best of
`--runs` runs is the figure (the others measure the machine's other work), with its CPU time.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe as machine  # noqa: E402

from generator import similar  # noqa: E402


def best(claims: dict[str, str], most: int, runs: int) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, pairs found) of the fastest of `runs` full searches."""
    times = []
    for _ in range(runs):
        similar.forget()  # the full search, not an update of the last answer
        wall, cpu = time.perf_counter(), time.process_time()
        pairs = similar.near_duplicates(claims, 0.85, most=most)
        times.append((time.perf_counter() - wall, time.process_time() - cpu, len(pairs)))
    return min(times)


def picks(n: int) -> dict[str, str]:
    rng = random.Random(1)
    vocab = [f"w{k}" for k in range(30)]
    return {f"c{i}": " ".join(rng.sample(vocab, 20)) for i in range(n)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", type=Path, help="a content tree to search as validate does")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"near_duplicates, best of {args.runs} (SCAN_MOST = {similar.SCAN_MOST}):")
    for n in args.sizes:
        wall, cpu, found = best(picks(n), similar.SEARCH_MOST, args.runs)
        print(
            f"  {n:>7,} claims, 20 of the same 30 words  {wall:7.2f} s  (CPU {cpu:6.2f} s)  {found} pairs"
        )
    if args.tree:
        from generator.validate import read_content

        model, _ = read_content(args.tree)
        if model is None:
            raise SystemExit(f"{args.tree} has errors")
        texts: dict[str, str] = {}
        seen: set[str] = set()
        for cid, claim in sorted(model.claims.items()):
            words = similar.normalise(claim.claim)
            if words and words not in seen:
                seen.add(words)
                texts[cid] = claim.claim
        wall, cpu, found = best(texts, similar.SEARCH_MOST, args.runs)
        print(
            f"  {len(model.claims):>7,} claims of {args.tree} ({len(texts):,} wordings)"
            f"  {wall:7.2f} s  (CPU {cpu:6.2f} s)  {found} pairs"
        )


if __name__ == "__main__":
    main()
