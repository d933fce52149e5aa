"""The size of a built site: how many HTML pages, the largest ones, and the bytes written.

    .venv/bin/python benchmarks/site_stats.py 10000          # synthetic tree, `factcheck build --no-search`
    .venv/bin/python benchmarks/site_stats.py --site site/   # a site already built

The figures behind "no HTML page over 200 KB" (issue #19). Numbers, never assertions.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import describe as machine  # noqa: E402

LIMIT = 200 * 1024


def stats(site: Path, top: int = 5) -> dict:
    """HTML page count, the `top` largest pages, pages over 200 KB, and total bytes and files."""
    html: list[tuple[int, str]] = []
    total = files = 0
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder) / name
            size = path.stat().st_size
            total += size
            files += 1
            if name.endswith(".html"):
                html.append((size, path.relative_to(site).as_posix()))
    html.sort(reverse=True)
    return {
        "html pages": len(html),
        "largest": html[:top],
        "over 200 KB": sum(1 for size, _ in html if size > LIMIT),
        "bytes": total,
        "files": files,
    }


def show(s: dict) -> None:
    print(
        f"  HTML pages: {s['html pages']:,}; files: {s['files']:,}; bytes: {s['bytes'] / 1e6:.1f} MB"
    )
    print(f"  pages over 200 KB: {s['over 200 KB']}")
    for size, path in s["largest"]:
        print(f"    {size / 1024:10.1f} KiB  {path}")


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("sizes", nargs="*", type=int)
    p.add_argument("--site", type=Path, help="measure this built site instead")
    args = p.parse_args(argv)
    print(f"machine: {machine()}")
    if args.site:
        show(stats(args.site))
        return 0
    from synth import generate

    for n in args.sizes or [10000]:
        with tempfile.TemporaryDirectory(prefix=f"site-stats-{n}-") as tmp:
            work = Path(tmp)
            generate(work / "content", n)
            command = [sys.executable, "-m", "generator.cli", "build", "--no-search"]
            command += ["--content", str(work / "content"), "--config", str(ROOT / "mkdocs.yml")]
            command += ["--out", str(work / "site")]
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
            took = time.perf_counter() - start
            print(f"\n{n:,} claims: `factcheck build --no-search` {took:.1f} s")
            show(stats(work / "site"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
