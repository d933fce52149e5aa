"""Time `factcheck validate` on synthetic trees of 1,000 and 10,000 claims (a benchmark, not a test).

    python benchmarks/bench_validate.py [--sizes 1000 10000] [--runs 3] [--keep DIR]

Each tree is written by `synth.generate` (LIAR statements, verdicts with sources and citations,
documents with full texts and quotes, people, topics), then `factcheck validate` runs in a fresh
process, as a contributor would run it; the wall-clock time includes Python's start-up. The best of
`--runs` runs is the figure (the others measure the machine's other work), with the CPU time of
that run beside it. The target: 10,000 claims in under 5 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe as machine  # noqa: E402
from synth import generate  # noqa: E402

TARGET = {10_000: 5.0}


def factcheck() -> list[str]:
    exe = Path(sys.executable).with_name("factcheck")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "generator.cli"]


def time_validate(tree: Path) -> tuple[float, float, str]:
    """One run: (wall seconds, CPU seconds of the process and its workers, summary line)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [*factcheck(), "validate", str(tree)], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1) or "Traceback" in done.stderr:
        raise SystemExit(f"factcheck validate failed:\n{done.stderr}")
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return wall, cpu, summary


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--keep", type=Path, help="write the trees here and keep them")
    args = p.parse_args(argv)

    print(f"machine: {machine()}")
    base = args.keep or Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    failed = False
    try:
        for n in args.sizes:
            tree = base / f"claims-{n}"
            if not (tree / "ratings.yaml").exists():
                t = time.perf_counter()
                counts = generate(tree, n)
                made = ", ".join(f"{v:,} {k}" for k, v in counts.items())
                print(f"generated {made} in {time.perf_counter() - t:.1f} s")
            runs = [time_validate(tree) for _ in range(args.runs)]
            wall, cpu, summary = min(runs)
            all_walls = ", ".join(f"{r[0]:.2f}" for r in runs)
            verdict = ""
            if n in TARGET:
                ok = wall < TARGET[n]
                failed |= not ok
                verdict = f"  [target < {TARGET[n]:.0f} s: {'met' if ok else 'NOT met'}]"
            print(
                f"validate {n:>6,} claims: {wall:.2f} s wall (best of {args.runs}: {all_walls}), "
                f"{cpu:.2f} s CPU{verdict}\n    {summary}"
            )
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(f"after: {machine().rsplit('; ', 1)[-1]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
