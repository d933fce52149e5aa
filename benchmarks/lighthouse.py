"""Lighthouse scores of the demo site: a claim page, the home page and a document page.

Builds the site from content/ (or takes --site DIR), serves it from 127.0.0.1, and runs npm's
`lighthouse` (pinned in package.json; `make browser-deps` installs it) against Debian's Chromium
(CHROME_PATH=/usr/bin/chromium, headless, no sandbox, no background networking: Lighthouse never
downloads a browser). Prints performance / accessibility / best-practices / SEO for each page, in
Lighthouse's mobile (default) and desktop presets, with a description of the machine; writes the full
reports to benchmarks/out/lighthouse/ (gitignored).

    .venv/bin/python benchmarks/lighthouse.py            # build, then measure
    .venv/bin/python benchmarks/lighthouse.py --site site --runs 3

The target is at least 95 in every category. Scores are a record, not a test: the performance score
depends on the machine (Lighthouse's simulated throttling scales with its CPU benchmark), so the
machine description is printed beside them.

The server answers as a static host does (GitHub Pages, Netlify, nginx with gzip on): text files
gzip-compressed. Without compression Lighthouse's simulated mobile network (1.6 Mbit/s) spends over a
second on Material's 135 KiB stylesheet alone, which no reader's host would send uncompressed.

Canonical URLs: the site's pages name their canonical address on site_url (the public domain). Served
from 127.0.0.1, Lighthouse's SEO audit would see every canonical link pointing at another domain, which
is not how readers get the pages. So this server rewrites site_url to its own address in the HTML it
serves, exactly as the deployed site carries its own domain; nothing else is changed.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
OUT = ROOT / "benchmarks" / "out" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from browserkit import CHROMIUM_ARGS as CHROME_FLAGS  # noqa: E402  (one list: why each flag, there)


def site_url() -> str:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as fh:
        # mkdocs.yml may hold !!python tags; only plain keys are needed here.
        config = yaml.load(fh, Loader=_Loader)
    return str(config.get("site_url") or "")


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def build(out: Path) -> None:
    from generator.build import build as build_site

    status = build_site(ROOT / "content", out, ROOT / "mkdocs.yml")
    if status != 0:
        sys.exit(f"the site build failed (exit {status})")


def pages(site: Path) -> dict[str, str]:
    """name -> site-relative path of the three pages measured."""
    content = ROOT / "content"

    def load(path: Path) -> dict:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh) or {}

    claims = []
    for v in sorted((content / "verdicts").glob("*.yaml")):
        data = load(v)
        claims.append((len(data.get("sources") or []), str(data.get("claim") or v.stem)))
    claim = max(claims)[1] if claims else None
    docs = sorted((content / "documents").glob("*.yaml"))
    with_text = [d.stem for d in docs if d.with_suffix(".txt").exists()]
    document = (with_text or [d.stem for d in docs] or [None])[0]
    out = {"home": ""}
    if claim and (site / "claims" / claim / "index.html").exists():
        out["claim"] = f"claims/{claim}/"
    if document and (site / "documents" / document / "index.html").exists():
        out["document"] = f"documents/{document}/"
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files as a static host serves them: gzip for text, and site_url rewritten (see above)."""

    public = ""  # site_url as built
    local = ""  # this server's address

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    def send_head(self):
        fs = self.translate_path(self.path)
        if os.path.isdir(fs):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash form
            fs = os.path.join(fs, "index.html")
        if not os.path.isfile(fs):
            return super().send_head()  # 404
        ctype = self.guess_type(fs)
        body = Path(fs).read_bytes()
        if fs.endswith(".html"):
            ctype = "text/html; charset=utf-8"
            if self.public:
                body = body.replace(self.public.encode(), self.local.encode())
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if ctype.startswith(TEXT_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


TEXT_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "application/manifest+json",
)


@contextlib.contextmanager
def serve(root: Path, public: str):
    handler = type("Handler", (_Handler,), {"public": public})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
    )
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    handler.local = base
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def run_lighthouse(url: str, preset: str, report: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="lh-profile-") as profile:
        flags = " ".join([*CHROME_FLAGS, f"--user-data-dir={profile}"])
        cmd = [
            "node",
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--chrome-flags={flags}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--max-wait-for-load=60000",
        ]
        if preset == "desktop":
            cmd.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not report.exists():
        sys.exit(
            f"lighthouse failed on {url} ({preset}):\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
        )
    return json.loads(report.read_text(encoding="utf-8"))


def failing_audits(result: dict, category: str) -> list[str]:
    """Audits that cost points in a category, worst first."""
    cat = result["categories"][category]
    out = []
    for ref in cat["auditRefs"]:
        audit = result["audits"].get(ref["id"], {})
        score = audit.get("score")
        if ref.get("weight", 0) > 0 and score is not None and score < 0.9:
            out.append((score, f"{ref['id']} ({score:.2f}): {audit.get('title', '')}"))
    return [text for _, text in sorted(out)]


def machine(results: list[dict]) -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    load = ""
    with contextlib.suppress(OSError):
        load = ", load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    chromium = subprocess.run(
        [str(CHROMIUM), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    bench = (
        statistics.median(r.get("environment", {}).get("benchmarkIndex", 0) for r in results)
        if results
        else 0
    )
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}{load}; {platform.platform()}\n"
        f"{chromium}; Lighthouse {results[0].get('lighthouseVersion', '?') if results else '?'} "
        f"on Node {node}; Lighthouse CPU benchmark index {bench:.0f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--site", type=Path, help="a site already built from content/ (default: build one)"
    )
    ap.add_argument(
        "--runs", type=int, default=1, help="runs per page and preset; the median is shown"
    )
    ap.add_argument(
        "--preset", choices=("mobile", "desktop", "both"), default="both", help="Lighthouse preset"
    )
    args = ap.parse_args(argv)

    if not LIGHTHOUSE.exists() or not CHROMIUM.exists():
        sys.exit("lighthouse or Chromium is missing: run `make browser-deps`")
    OUT.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if args.site:
            site = args.site.resolve()
        else:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="lh-site-")))
            site = tmp / "site"
            build(site)
        targets = pages(site)
        presets = ("mobile", "desktop") if args.preset == "both" else (args.preset,)
        base = stack.enter_context(serve(site, site_url()))
        rows, results = [], []
        for preset in presets:
            for name in ("claim", "home", "document"):
                if name not in targets:
                    print(f"(no {name} page in the site)")
                    continue
                runs = []
                for i in range(args.runs):
                    report = OUT / f"{name}-{preset}-{i + 1}.json"
                    runs.append(run_lighthouse(base + targets[name], preset, report))
                results += runs
                scores = {
                    c: round(
                        100 * statistics.median(r["categories"][c]["score"] or 0 for r in runs)
                    )
                    for c in CATEGORIES
                }
                lost = {c: failing_audits(runs[-1], c) for c in CATEGORIES if scores[c] < 100}
                rows.append((name, preset, targets[name], scores, lost))

    print(f"Lighthouse on {len(rows)} page/preset pairs, median of {args.runs} run(s) each")
    print("machine: " + machine(results))
    print()
    header = f"{'page':<9} {'preset':<8} " + " ".join(f"{c:>14}" for c in CATEGORIES)
    print(header)
    print("-" * len(header))
    for name, preset, _, scores, _ in rows:
        print(f"{name:<9} {preset:<8} " + " ".join(f"{scores[c]:>14}" for c in CATEGORIES))
    below = [
        (n, p, c, s[c], lost.get(c, []))
        for n, p, _, s, lost in rows
        for c in CATEGORIES
        if s[c] < 95
    ]
    print()
    for name, preset, _, scores, lost in rows:
        for c, audits in lost.items():
            if audits:
                print(f"{name}/{preset} {c} {scores[c]}: " + "; ".join(audits[:6]))
    print()
    print("pages: " + ", ".join(f"{n} = /{p}" for n, p in sorted({(r[0], r[2]) for r in rows})))
    print(f"reports: {OUT.relative_to(ROOT)}/")
    if below:
        print(f"{len(below)} score(s) below 95")
    return 0


if __name__ == "__main__":
    sys.exit(main())
