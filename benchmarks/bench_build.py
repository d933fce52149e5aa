"""Full-build benchmark: synthetic trees of N claims, timed stage by stage.

Stages: load (read and parse files), validate (check everything, build the model), link, render
(every page as HTML), discovery (feeds and exports), then the whole `factcheck build` as a user runs it
(which repeats the stages above inside mkdocs, plus mkdocs itself and the Pagefind index), and that
build once more without the index (`--no-search`), run first, so Pagefind's share shows. The mkdocs
figure is the whole build less the stages measured in-process; inside the build, rendering and the
search index run beside mkdocs' templating, so the stages overlap there, and the build's own log
gives how long mkdocs ran and how long it then waited for Pagefind. The CPU time of the whole build
(every process it ran), divided by the number of cores, is the shortest time any overlap could reach.

Both builds run under `peak_memory`: the peak summed PSS of the build's process tree (the build, its
render workers, Pagefind), and the peak per process name. Then the full build's output is measured:
bytes and files in all, bytes a claim, the search index's and the link-preview images' share, the
largest HTML page and the median claim page (`claims/<id>/index.html`).

    .venv/bin/python benchmarks/bench_build.py            # 1,000 and 10,000 claims
    .venv/bin/python benchmarks/bench_build.py 2000 5000  # other sizes
    .venv/bin/python benchmarks/bench_build.py 100000 --skip-stages --skip-zensical

`--skip-stages` leaves out the in-process stage timings (load ... discovery), which hold a second
copy of the site in this process and take as long again as the build: at 100,000 claims a run is
practical without them. `--skip-zensical` leaves out the Zensical build.

Prints figures with the machine description. Numbers, never assertions: see the README.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import peak_memory  # noqa: E402
from machine import describe as machine  # noqa: E402
from site_stats import stats as site_stats  # noqa: E402
from synth import generate  # noqa: E402

from generator import discovery  # noqa: E402
from generator.link import link  # noqa: E402
from generator.load import load_tree  # noqa: E402
from generator.render import render_pages  # noqa: E402
from generator.settings import Settings  # noqa: E402
from generator.streams import whole  # noqa: E402
from generator.validate import check  # noqa: E402


def timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start


IN_PROCESS = ("load", "validate", "link", "render", "discovery")


def bench(n: int, work: Path, *, stages: bool = True, zensical: bool = True) -> dict:
    content = work / "content"
    generate(content, n)
    r: dict = {}
    if stages:
        loaded, r["load"] = timed(load_tree, content)
        report, r["validate"] = timed(check, loaded)
        if report.errors:
            raise SystemExit(f"synthetic content has {report.errors} errors: {report.problems[:3]}")
        site, r["link"] = timed(link, report.content)
        settings = Settings()
        pages, r["render"] = timed(render_pages, site, settings)
        _, r["discovery"] = timed(lambda: whole(discovery.extra_files(site, settings)))
        r["pages"] = len(pages)
        # Let go of this process's copy of the site before the builds run beside it.
        del loaded, report, site, pages
        gc.collect()
    command = [sys.executable, "-m", "generator.cli", "build", "--content", str(content)]
    command += ["--config", str(ROOT / "mkdocs.yml")]
    # The same build without the search index first: what Pagefind adds is the difference.
    peak, done = peak_memory.run(
        [*command, "--out", str(work / "site-no-search"), "--no-search"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    r["build without search"] = peak.wall
    r["memory without search"] = peak
    r["drawn without search"] = _drawn(done.stderr)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, done = peak_memory.run(
        [*command, "--out", str(work / "site")],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    r["total build"] = peak.wall
    r["memory"] = peak
    r["drawn"] = _drawn(done.stderr)
    # CPU time of the build and every process it waited for (render workers, Pagefind...).
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    r["cpu user"] = after.ru_utime - before.ru_utime
    r["cpu system"] = after.ru_stime - before.ru_stime
    # From mkdocs' own log: its whole run, and the wait for Pagefind (which runs beside it) at the end.
    built = re.search(r"Documentation built in ([0-9.]+) seconds", done.stderr)
    waited = re.search(r"Search index: \d+ pages in ([0-9.]+)s \((\w[\w-]*)\)", done.stderr)
    r["mkdocs run"] = float(built.group(1)) if built else float("nan")
    r["search wait"] = float(waited.group(1)) if waited else float("nan")
    r["search method"] = waited.group(2) if waited else "?"
    if stages:
        r["mkdocs + search index"] = r["total build"] - sum(r[k] for k in IN_PROCESS)
    r["output"] = output_sizes(work / "site", n)
    # The same tree through Zensical (`--engine zensical`), same run; skipped if not installed.
    r["zensical build"] = float("nan")
    if zensical and _zensical():
        start = time.perf_counter()
        subprocess.run(
            [*command, "--out", str(work / "site-zensical"), "--engine", "zensical"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        r["zensical build"] = time.perf_counter() - start
    return r


def _drawn(log: str) -> int:
    """How many link-preview images a build drew (not found in the image cache), from its log."""
    found = re.search(r"drew (\d+) link-preview image", log)
    return int(found.group(1)) if found else 0


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def output_sizes(site: Path, claims: int) -> dict:
    """Bytes and files in `site`, bytes a claim, the search index's and images' share, largest
    HTML page, and the median claim page (claims/<id>/index.html)."""
    s = site_stats(site, top=1)
    claim_pages = [p.stat().st_size for p in site.glob("claims/*/index.html")]
    images = sum(p.stat().st_size for p in site.glob("claims/*/og.png"))
    return {
        "bytes": s["bytes"],
        "files": s["files"],
        "html pages": s["html pages"],
        "per claim": s["bytes"] / claims if claims else float("nan"),
        "search index": _folder_bytes(site / "pagefind"),
        "images": images,
        "largest": s["largest"][0] if s["largest"] else (0, "-"),
        "over 200 KB": s["over 200 KB"],
        "claim pages": len(claim_pages),
        "median claim page": statistics.median(claim_pages) if claim_pages else float("nan"),
    }


def _zensical() -> bool:
    from generator.engines.zensical import available

    return available()


def _mb(size: float) -> str:
    return f"{size / 1e6:,.1f} MB"


def show(n: int, r: dict) -> None:
    if "pages" in r:
        print(f"\n{n:,} claims ({r['pages']:,} generated pages):")
    else:
        print(f"\n{n:,} claims ({r['output']['html pages']:,} HTML files written):")
    if "load" in r:
        for key in (*IN_PROCESS, "mkdocs + search index"):
            print(f"  {key:<24} {r[key]:7.2f} s")
    else:
        print("  (in-process stages skipped: --skip-stages)")
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
    print("  memory (peak summed PSS of the build's process tree, sampled every 0.25 s):")
    for label, key, drawn in (
        ("total build", "memory", r["drawn"]),
        ("without search", "memory without search", r["drawn without search"]),
    ):
        print(f"    {label:<22} {peak_memory.describe(r[key])}")
        if drawn:
            print(
                f"    {'':<22} (this build drew {drawn:,} link-preview images: a cold image cache)"
            )
    o = r["output"]
    size, path = o["largest"]
    print("  output (the total build's site folder):")
    print(f"    {'total':<22} {_mb(o['bytes'])} in {o['files']:,} files")
    print(f"    {'per claim':<22} {o['per claim'] / 1024:,.1f} KiB")
    print(
        f"    {'of which':<22} search index {_mb(o['search index'])}, "
        f"link-preview images {_mb(o['images'])}"
    )
    print(
        f"    {'largest HTML page':<22} {size / 1024:,.1f} KiB  {path}  "
        f"({o['over 200 KB']} over 200 KB)"
    )
    print(
        f"    {'median claim page':<22} {o['median claim page'] / 1024:,.1f} KiB  "
        f"(claims/<id>/index.html, {o['claim pages']:,} pages)"
    )


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("sizes", nargs="*", type=int, help="claims per tree (default: 1000 10000)")
    p.add_argument(
        "--skip-stages",
        action="store_true",
        help="leave out the in-process stage timings (they double the memory and time)",
    )
    p.add_argument("--skip-zensical", action="store_true", help="leave out the Zensical build")
    args = p.parse_args(argv)
    sizes = args.sizes or [1000, 10000]
    print(f"machine: {machine()}")
    results = {}
    # One folder for every size, deleted only at the end: on this VM's file system a build made
    # just after a big deletion pays for it in system time (bench_hugo.py's docstring).
    tmp = tempfile.TemporaryDirectory(prefix="bench-build-")
    for n in sizes:
        work = Path(tmp.name) / str(n)
        work.mkdir()
        results[n] = bench(n, work, stages=not args.skip_stages, zensical=not args.skip_zensical)
        show(n, results[n])
    tmp.cleanup()
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        ratio = results[large]["total build"] / results[small]["total build"]
        print(
            f"\ngrowth: {large:,} claims cost {ratio:.1f}x {small:,} claims "
            f"({large / small:.0f}x the content; linear or better is <= {1.1 * large / small:.0f}x)"
        )
        grew = results[large]["memory"].total / max(1, results[small]["memory"].total)
        print(f"memory: {large:,} claims peak at {grew:.1f}x the PSS of {small:,} claims")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
