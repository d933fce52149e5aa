"""History benchmark: `history.collect` over a synthetic git history of many commits.

A repository is written with `git fast-import` (seconds, not the minutes 20,000 `git commit`s take):
N claims, each published in its own commit (the claim and its verdict), then M more commits that
each change one verdict, every other one adding an `updates` entry (a correction), so the
`git cat-file --batch` pass that tells update types apart has work to do. Then `history.collect`
reads it all (one `git log` and one `git cat-file`), timed over a few runs with its cache removed
(a first build), and once more after one new commit (a rebuild: it reads only that commit).

    .venv/bin/python benchmarks/bench_history.py                 # 10,000 claims, 20,000 commits
    .venv/bin/python benchmarks/bench_history.py 10000 20000 5000 # claims, commits, more sizes...

Prints figures with the machine description. Numbers, never assertions.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import describe as machine  # noqa: E402

from generator import history  # noqa: E402


def _verdict(cid: str, updates: int) -> bytes:
    lines = [
        f"claim: {cid}",
        "rating: false",
        "summary: A synthetic summary.",
        "body: |",
        "  A synthetic verdict body, long enough to look like one.",
        "authors: [sam-checker]",
        "published: 2024-01-02",
    ]
    if updates:
        lines.append("updates:")
        for k in range(updates):
            lines += [
                f"  - date: 2024-02-{1 + k % 28:02d}",
                "    type: correction",
                f"    note: Correction number {k + 1}.",
            ]
    return ("\n".join(lines) + "\n").encode()


def _claim(cid: str) -> bytes:
    return f"id: {cid}\nstatement: A synthetic claim {cid}.\nclaimant: jane-doe\n".encode()


def write_repo(repo: Path, claims: int, commits: int, seed: int = 0) -> None:
    """A repository whose history has `commits` commits (at least one per claim)."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    ids = [f"claim-{i:06d}" for i in range(claims)]
    updates = dict.fromkeys(ids, 0)
    out: list[bytes] = []
    when = 1_700_000_000

    def data(blob: bytes) -> bytes:
        return b"data %d\n%s\n" % (len(blob), blob)

    def commit(n: int, message: str, files: list[tuple[str, bytes]]) -> None:
        nonlocal when
        when += 600
        msg = message.encode()
        out.append(b"commit refs/heads/main\nmark :%d\n" % n)
        out.append(b"committer Bench <bench@example.org> %d +0000\n" % when)
        out.append(data(msg))
        if n > 1:
            out.append(b"from :%d\n" % (n - 1))
        for path, blob in files:
            out.append(f"M 100644 inline content/{path}\n".encode() + data(blob))
        out.append(b"\n")

    n = 0
    for cid in ids:
        n += 1
        commit(
            n,
            f"Publish {cid}",
            [(f"claims/{cid}.yaml", _claim(cid)), (f"verdicts/{cid}.yaml", _verdict(cid, 0))],
        )
    for k in range(max(0, commits - claims)):
        n += 1
        cid = rng.choice(ids)
        if k % 2 == 0:
            updates[cid] += 1
        blob = _verdict(cid, updates[cid]) + (b"# edit %d\n" % k if k % 2 else b"")
        commit(n, f"Edit {cid}", [(f"verdicts/{cid}.yaml", blob)])
    stream = b"".join(out) + b"done\n"
    subprocess.run(["git", "fast-import", "--quiet", "--done"], input=stream, cwd=repo, check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)


def _no_cache(repo: Path) -> None:
    for cached in (repo / ".git" / history.CACHE_FOLDER).glob("history-*.json"):
        cached.unlink()


def _one_more_commit(repo: Path) -> None:
    verdict = repo / "content" / "verdicts" / "claim-000000.yaml"
    verdict.write_bytes(_verdict("claim-000000", 1))
    env = ["-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
    subprocess.run(["git", *env, "commit", "-qam", "One more correction"], cwd=repo, check=True)


def bench(claims: int, commits: int, runs: int = 3) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-history-") as tmp:
        repo = Path(tmp) / "repo"
        start = time.perf_counter()
        write_repo(repo, claims, commits)
        made = time.perf_counter() - start
        times, typed = [], []
        found = None
        for _ in range(runs):
            _no_cache(repo)
            start = time.perf_counter()
            found = history.collect(repo, "content")
            times.append(time.perf_counter() - start)
            start = time.perf_counter()
            history.collect(repo, "content", types=False)
            typed.append(time.perf_counter() - start)
        assert found is not None
        _one_more_commit(repo)
        start = time.perf_counter()
        history.collect(repo, "content")
        again = time.perf_counter() - start
        read = history.last_read
        changes = sum(len(v) for v in found.values())
        updates = sum(1 for v in found.values() for c in v if c.update)
    return {
        "write": made,
        "collect": statistics.median(times),
        "collect min": min(times),
        "no types": statistics.median(typed),
        "rebuild": again,
        "rebuild commits": read.commits if read and not read.full else -1,
        "claims": len(found),
        "changes": changes,
        "updates": updates,
    }


def main(argv: list[str]) -> int:
    args = [int(a) for a in argv]
    claims, commits = (args + [10000, 20000])[:2] if len(args) < 2 else args[:2]
    print(f"machine: {machine()}")
    r = bench(claims, commits)
    print(f"\n{claims:,} claims, {commits:,} commits (repository written in {r['write']:.1f} s):")
    print(
        f"  history.collect, no cache: {r['collect']:.2f} s median of 3 (min {r['collect min']:.2f} s); "
        f"without update types {r['no types']:.2f} s"
    )
    print(
        f"  after one more commit, with the cache: {r['rebuild']:.3f} s "
        f"({r['rebuild commits']} commit(s) read; -1: a full read)"
    )
    print(
        f"  {r['claims']:,} fact-checks, {r['changes']:,} changes, {r['updates']:,} of them "
        "typed as an added update"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
