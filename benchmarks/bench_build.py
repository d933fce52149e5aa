"""Full-build benchmark: synthetic trees of N claims, timed stage by stage.

Stages: load (read and parse files), validate (check everything, build the model), link, render
(every page as HTML), discovery (feeds and exports), then the whole `factcheck build` as a user runs it
(which repeats the stages above inside mkdocs, plus mkdocs itself and the Pagefind index), and that
build once more without the index (`--no-search`), run first, so Pagefind's share shows. The mkdocs
figure is the whole build less the stages measured in-process; inside the build, rendering and the
search index run beside mkdocs' templating, so the stages overlap there, and the build's own log
gives how long mkdocs ran and how long it then waited for Pagefind. The CPU time of the whole build
(every process it ran), divided by the number of cores, is the shortest time any overlap could reach.

    .venv/bin/python benchmarks/bench_build.py            # 1,000 and 10,000 claims
    .venv/bin/python benchmarks/bench_build.py 2000 5000  # other sizes

Prints figures with the machine description. Numbers, never assertions: see the README.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import describe as machine  # noqa: E402
from synth import generate  # noqa: E402

from generator import discovery  # noqa: E402
from generator.link import link  # noqa: E402
from generator.load import load_tree  # noqa: E402
from generator.render import render_pages  # noqa: E402
from generator.settings import Settings  # noqa: E402
from generator.validate import check  # noqa: E402


def timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start


def bench(n: int, work: Path) -> dict[str, float]:
    content = work / "content"
    generate(content, n)
    stages: dict[str, float] = {}
    loaded, stages["load"] = timed(load_tree, content)
    report, stages["validate"] = timed(check, loaded)
    if report.errors:
        raise SystemExit(f"synthetic content has {report.errors} errors: {report.problems[:3]}")
    site, stages["link"] = timed(link, report.content)
    settings = Settings()
    pages, stages["render"] = timed(render_pages, site, settings)
    _, stages["discovery"] = timed(discovery.extra_files, site, settings)
    command = [sys.executable, "-m", "generator.cli", "build", "--content", str(content)]
    command += ["--config", str(ROOT / "mkdocs.yml")]
    # The same build without the search index first: what Pagefind adds is the difference.
    start = time.perf_counter()
    subprocess.run(
        [*command, "--out", str(work / "site-no-search"), "--no-search"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stages["build without search"] = time.perf_counter() - start
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "--out", str(work / "site")],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    stages["total build"] = time.perf_counter() - start
    # CPU time of the build and every process it waited for (render workers, Pagefind...).
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    stages["cpu user"] = after.ru_utime - before.ru_utime
    stages["cpu system"] = after.ru_stime - before.ru_stime
    # From mkdocs' own log: its whole run, and the wait for Pagefind (which runs beside it) at the end.
    built = re.search(r"Documentation built in ([0-9.]+) seconds", done.stderr)
    waited = re.search(r"Search index: \d+ pages in ([0-9.]+)s \((\w[\w-]*)\)", done.stderr)
    stages["mkdocs run"] = float(built.group(1)) if built else float("nan")
    stages["search wait"] = float(waited.group(1)) if waited else float("nan")
    stages["search method"] = waited.group(2) if waited else "?"
    stages["pages"] = len(pages)
    in_process = sum(stages[k] for k in ("load", "validate", "link", "render", "discovery"))
    stages["mkdocs + search index"] = stages["total build"] - in_process
    # The same tree through Zensical (`--engine zensical`), same run; skipped if not installed.
    stages["zensical build"] = float("nan")
    if _zensical():
        start = time.perf_counter()
        subprocess.run(
            [*command, "--out", str(work / "site-zensical"), "--engine", "zensical"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        stages["zensical build"] = time.perf_counter() - start
    return stages


def _zensical() -> bool:
    from generator.engines.zensical import available

    return available()


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000]
    print(f"machine: {machine()}")
    results = {}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-build-{n}-") as tmp:
            results[n] = bench(n, Path(tmp))
        r = results[n]
        print(f"\n{n:,} claims ({int(r['pages']):,} generated pages):")
        for key in ("load", "validate", "link", "render", "discovery", "mkdocs + search index"):
            print(f"  {key:<24} {r[key]:7.2f} s")
        print(
            f"  (in the build: mkdocs ran {r['mkdocs run']:.2f} s, of which {r['search wait']:.2f} s "
            f"waiting at the end for the search index, built {r['search method']})"
        )
        print(f"  {'total build':<24} {r['total build']:7.2f} s   (budget at 10k: 25 s)")
        print(
            f"  (the same build without the search index, just before: "
            f"{r['build without search']:.2f} s; `factcheck build --no-search`)"
        )
        print(
            f"  {'zensical build':<24} {r['zensical build']:7.2f} s   "
            "(`factcheck build --engine zensical`, same tree, search index included)"
        )
        cpu = r["cpu user"] + r["cpu system"]
        cores = os.cpu_count() or 1
        print(
            f"  (CPU time of the build: {r['cpu user']:.1f} s user + {r['cpu system']:.1f} s system"
            f" = {cpu:.1f} s; on {cores} cores no build can take less than {cpu / cores:.1f} s)"
        )
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        ratio = results[large]["total build"] / results[small]["total build"]
        print(
            f"\ngrowth: {large:,} claims cost {ratio:.1f}x {small:,} claims "
            f"({large / small:.0f}x the content; linear or better is <= {1.1 * large / small:.0f}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
