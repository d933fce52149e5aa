"""Discovery at scale: what feeds, exports and the search index add to a build, and what a reader's
first search downloads.

    python benchmarks/bench_discovery.py [--claims 10000] [--keep DIR] [--site DIR] [--no-browser]

Steps, each timed on its own:
1. write a synthetic content tree (`benchmarks/synth.py`) and read, validate and link it;
2. `discovery.extra_files`: feeds, /data exports and the search UI files (the build adds them);
3. build the site (`generator.build.build`, the same as `factcheck build`, which runs Pagefind in the
   plugin's post-build hook), then run `discovery.after_build` again on its own to time Pagefind;
4. serve the site from 127.0.0.1 and open it in Debian's Chromium: type a query in the search box and
   add up every response the page received from the first keystroke until the results are shown
   (pagefind.js, its worker, the WebAssembly, entry and metadata, index and filter chunks, and the
   fragments of the results on screen). Bytes are as served by a plain static server (no gzip on top;
   Pagefind's own index files are compressed already).
Prints the figures with a description of the machine. Nothing is downloaded from the network.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from machine import describe as machine  # noqa: E402

from generator import discovery  # noqa: E402
from generator.link import link  # noqa: E402
from generator.settings import Settings  # noqa: E402
from generator.streams import whole  # noqa: E402
from generator.validate import read_content  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUERIES = ("taxes", "obama health insurance", "unemployment")


def kib(n: int | float) -> str:
    return f"{n / 1024:,.1f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.2f} MiB"


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(root: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root))
    )
    server.daemon_threads = True
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build_site(content: Path, out: Path) -> float:
    """The real build (`factcheck build`): mkdocs with the factcheck plugin, Pagefind included."""
    from generator.build import build

    config = ROOT / "mkdocs.yml"
    started = time.perf_counter()
    code = build(content, out, config, strict=False)
    if code != 0:
        raise SystemExit(f"build failed with exit status {code}")
    return time.perf_counter() - started


def first_query(site_dir: Path, queries=QUERIES) -> list[dict]:
    """Per query, in a fresh browser context: bytes and requests from the first keystroke to results."""
    from playwright.sync_api import sync_playwright

    out = []
    with serve(site_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for query in queries:
            ctx = browser.new_context(base_url=base)
            page = ctx.new_page()
            page.goto("./", wait_until="load")
            page.wait_for_load_state("networkidle")
            responses: list = []
            page.on("requestfinished", lambda r, responses=responses: responses.append(r))
            started = time.perf_counter()
            box = page.locator("[data-fc-search] input[type=search]")
            box.click()
            box.fill(query)
            page.locator(".fc-search__result").first.wait_for(timeout=30_000)
            page.wait_for_function(
                "() => !document.querySelector('.fc-search__status').textContent.startsWith('Searching')"
            )
            elapsed = time.perf_counter() - started
            page.wait_for_load_state("networkidle")
            files = {}
            for r in responses:
                # The bytes of each file fetched, as a static server sends them (without gzip);
                # taken from the file on disk, since a worker's responses report no body size.
                rel = r.url.removeprefix(base).split("?")[0].split("#")[0]
                path = site_dir / rel
                if path.is_dir():
                    path = path / "index.html"
                if path.is_file():
                    files[rel] = path.stat().st_size
            # What a host that compresses text (GitHub Pages, Netlify, nginx gzip) would send:
            # Pagefind's own .pf_* and .pagefind files are gzip already and stay as they are.
            gzipped = sum(
                n
                if rel.endswith(".pagefind") or ".pf_" in rel
                else len(gzip.compress((site_dir / rel).read_bytes(), 6))
                for rel, n in files.items()
                if (site_dir / rel).is_file()
            )
            shown = page.locator(".fc-search__result").count()
            status = page.locator(".fc-search__status").text_content()
            # A second query in the same page: what a reader waits for once the engine is loaded.
            t2 = time.perf_counter()
            box.fill(query.split()[0] + " report")
            page.wait_for_timeout(50)
            page.wait_for_function(
                "() => !document.querySelector('.fc-search__status').textContent.startsWith('Searching')"
            )
            warm = time.perf_counter() - t2
            out.append(
                {
                    "query": query,
                    "bytes": sum(files.values()),
                    "bytes_gzip": gzipped,
                    "requests": len(files),
                    "files": files,
                    "seconds_to_results": elapsed,
                    "seconds_second_query": warm,
                    "shown": shown,
                    "status": status,
                }
            )
            ctx.close()
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    ap.add_argument("--site", type=Path, help="reuse a site already built from --keep's content")
    ap.add_argument("--no-browser", action="store_true", help="skip the first-query measurement")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    a = ap.parse_args(argv)

    import synth

    work = a.keep or Path(tempfile.mkdtemp(prefix="bench-discovery-"))
    work.mkdir(parents=True, exist_ok=True)
    content = work / "content"
    figures: dict = {
        "machine": machine(),
        "claims": a.claims,
        "load_average_start": os.getloadavg(),
    }
    try:
        if (
            not (content / "claims").is_dir()
            or len(list((content / "claims").iterdir())) != a.claims
        ):
            shutil.rmtree(content, ignore_errors=True)
            t = time.perf_counter()
            synth.generate(content, a.claims)
            figures["synth_seconds"] = time.perf_counter() - t

        t = time.perf_counter()
        model, problems = read_content(content)
        if model is None:
            raise SystemExit(f"synthetic content does not validate: {problems[:3]}")
        site = link(model)
        figures["read_link_seconds"] = time.perf_counter() - t

        settings = Settings(site_url="https://facts.example.org/")
        t = time.perf_counter()
        files = whole(discovery.extra_files(site, settings))
        figures["extra_files_seconds"] = time.perf_counter() - t
        sizes = {k: len(v.encode("utf-8") if isinstance(v, str) else v) for k, v in files.items()}
        figures["exports"] = {
            k: sizes[k] for k in ("data/claims.json", "data/claims.csv", "data/claimreview.json")
        }
        figures["feeds"] = {
            "feed.xml": sizes["feed.xml"],
            "feed.json": sizes["feed.json"],
            "topic and claimant feeds": sum(v for k, v in sizes.items() if k.endswith("/feed.xml")),
            "count": sum(1 for k in sizes if k.endswith("feed.xml") or k.endswith("feed.json")),
        }
        figures["search_ui_bytes"] = sum(v for k, v in sizes.items() if k.startswith("assets/"))

        site_dir = a.site or work / "site"
        if a.site is None:
            shutil.rmtree(site_dir, ignore_errors=True)
            figures["full_build_seconds"] = build_site(content, site_dir)
        t = time.perf_counter()
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        discovery.after_build(site_dir, settings)
        figures["search_index_seconds"] = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time of the Pagefind process: a figure the other work on a shared machine barely moves.
        figures["search_index_cpu_seconds"] = (after.ru_utime + after.ru_stime) - (
            cpu.ru_utime + cpu.ru_stime
        )
        total, count = folder_size(site_dir / "pagefind")
        entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text())
        figures["pagefind"] = {
            "bytes": total,
            "files": count,
            "pages": sum(lang["page_count"] for lang in entry["languages"].values()),
        }
        if not a.no_browser:
            figures["first_query"] = first_query(site_dir)
    finally:
        if a.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    figures["load_average_end"] = os.getloadavg()
    print(f"Discovery benchmark, {a.claims:,} claims")
    print(f"machine: {figures['machine']}")
    print(
        "load average (1/5/15 min) at start: {:.1f}/{:.1f}/{:.1f}, at end: {:.1f}/{:.1f}/{:.1f}".format(
            *figures["load_average_start"], *figures["load_average_end"]
        )
    )
    if "full_build_seconds" in figures:
        print(
            f"full build (factcheck build, Pagefind included): {figures['full_build_seconds']:.1f} s"
        )
    print(f"read + validate + link: {figures['read_link_seconds']:.2f} s")
    print(
        f"feeds + exports + search UI files (extra_files): {figures['extra_files_seconds']:.2f} s"
    )
    print(
        f"search index (Pagefind over the built site): {figures['search_index_seconds']:.2f} s "
        f"wall, {figures['search_index_cpu_seconds']:.1f} s CPU in Pagefind"
    )
    pf = figures["pagefind"]
    print(f"  pagefind/: {pf['pages']:,} pages indexed, {pf['files']:,} files, {kib(pf['bytes'])}")
    for name, n in figures["exports"].items():
        print(f"export {name}: {kib(n)}")
    f = figures["feeds"]
    print(
        f"feeds: feed.xml {kib(f['feed.xml'])}, feed.json {kib(f['feed.json'])}, "
        f"{f['count']} feeds, topic+claimant feeds {kib(f['topic and claimant feeds'])}"
    )
    print(f"search UI on every page (search.js + search.css): {kib(figures['search_ui_bytes'])}")
    for q in figures.get("first_query", []):
        print(
            f"first query {q['query']!r}: {kib(q['bytes'])} in {q['requests']} requests "
            f"({kib(q['bytes_gzip'])} from a host that gzips), "
            f"results after {q['seconds_to_results']:.2f} s (cold); "
            f"next query {q['seconds_second_query']:.2f} s; {q['status']}"
        )
        for url, n in sorted(q["files"].items(), key=lambda kv: -kv[1]):
            print(f"    {kib(n):>12}  {url}")
    if a.json:
        a.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
