"""Plain helpers for the browser tests (the fixtures are in conftest.py): building the demo site, finding
one page of each type in it, serving it from 127.0.0.1, and recording what a page does.

Test modules import from here (``from browserkit import goto_path, ...``); the name is distinctive so it
cannot clash with another ``tests/`` folder's helpers on ``sys.path``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
MKDOCS_YML = ROOT / "mkdocs.yml"
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
HOST = "127.0.0.1"

# How Chromium runs here: as root, headless, and quiet on the network (without the background-networking
# flags it tries Google's hosts at every start, and this machine's closed network refuses them).
# Playwright also passes --no-sandbox (chromium_sandbox=False) and a fresh --user-data-dir per launch.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

TIMEOUT_MS = 30_000
BUILD_TIMEOUT_S = 600
DEPS_HINT = "run `make browser-deps` (scripts/browser-deps.sh) to install it"

# Page types every browser test covers, in a stable order. ALL_PAGE_TYPES adds the claim without a
# verdict, which may come from the extra fixture site (see the `unverdicted_site` fixture).
PAGE_TYPES = (
    "home",
    "claims",
    "claim",
    "rating",
    "topic",
    "person",
    "document",
    "sources",
    "corrections",
    "search",
)
ALL_PAGE_TYPES = (*PAGE_TYPES[:3], "claim_unverdicted", *PAGE_TYPES[3:])
SEARCH_QUERY = "North Korea"  # the search results state: a query the demo content answers
UNVERDICTED_ID = "zz-browser-fixture-unverdicted-claim"

# Phone viewport (iPhone SE/8 size) and desktop viewport, used by several tests.
PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}


# ---------------------------------------------------------------------------------------------------
# Tools the tests need: fail loudly, never skip (CI installs them).


def require_chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}: {DEPS_HINT}", pytrace=False)
    return CHROMIUM


def require_node_tool(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: {DEPS_HINT}", pytrace=False)
    return path


def require_java() -> str:
    java = shutil.which("java")
    if not java:
        pytest.fail(f"Java (for the Nu HTML checker) is missing: {DEPS_HINT}", pytrace=False)
    return java


# ---------------------------------------------------------------------------------------------------
# Building the site and finding its page types


def build_site(content: Path, out: Path) -> None:
    """Build `content` into `out` with `generator.build.build` (else plain `mkdocs build`).

    Runs in a subprocess so that mkdocs' logging and plugin state stay out of the test process.
    """
    if importlib.util.find_spec("generator.build") is not None:
        code = (
            "import sys; from pathlib import Path; from generator.build import build; "
            "sys.exit(build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))"
        )
        cmd = [sys.executable, "-c", code, str(content), str(out), str(MKDOCS_YML)]
    else:
        if content.resolve() != CONTENT.resolve():
            pytest.fail("building another content tree needs generator.build.build", pytrace=False)
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict"]
        cmd += ["-f", str(MKDOCS_YML), "-d", str(out)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        cmd,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    if proc.returncode != 0 or not (out / "index.html").exists():
        pytest.fail(
            f"site build failed ({' '.join(cmd[:3])} ...), exit {proc.returncode}:\n"
            f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}",
            pytrace=False,
        )


def load_yaml(path: Path):
    import yaml

    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def content_ids(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def _first_existing(root: Path, candidates: list[str]) -> str | None:
    for rel in candidates:
        if (root / rel / "index.html").exists():
            return rel
    return None


def html_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


@dataclass
class Site:
    """A built site being served: `pages` maps a page type to a site-relative path."""

    root: Path
    base_url: str
    content: Path
    pages: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")

    def page_file(self, path: str) -> Path:
        """The HTML file behind a site-relative path such as 'claims/x/' or 'search/?q=y'."""
        rel = path.split("#")[0].split("?")[0].strip("/")
        f = self.root / rel
        return f if f.suffix == ".html" else f / "index.html"

    def claim_paths(self, with_verdict: bool = True) -> list[str]:
        verdicted, unverdicted = claims_by_verdict(self.content)
        ids = verdicted if with_verdict else unverdicted
        return [f"claims/{c}/" for c in ids if (self.root / "claims" / c / "index.html").exists()]


def claims_by_verdict(content: Path) -> tuple[list[str], list[str]]:
    """(claim ids with a verdict, claim ids without one), sorted."""
    claims = content_ids(content / "claims")
    verdicted = set()
    for vid in content_ids(content / "verdicts"):
        data = load_yaml(content / "verdicts" / f"{vid}.yaml") or {}
        verdicted.add(str(data.get("claim") or vid))
    return [c for c in claims if c in verdicted], [c for c in claims if c not in verdicted]


def discover_pages(root: Path, content: Path) -> dict[str, str]:
    """Page type -> site-relative path, from the content ids and the built tree."""
    with_verdict, without_verdict = claims_by_verdict(content)

    def first(kind: str, ids: list[str]) -> str | None:
        return _first_existing(root, [f"{kind}/{i}/" for i in ids])

    topics = sorted(d.name for d in (root / "topics").glob("*/") if d.is_dir())
    found = {
        "home": "" if (root / "index.html").exists() else None,
        "claims": _first_existing(root, ["claims/"]),
        "claim": _richest_claim(root, content, with_verdict),
        "claim_unverdicted": first("claims", without_verdict),
        "rating": _rating_page(root, content),
        "topic": first("topics", topics),
        "person": _claimant_page(root, content, with_verdict),
        "document": _document_page(root, content),
        "sources": _first_existing(root, ["sources/"]),
        "corrections": _first_existing(root, ["corrections/", "updates/"]),
        "search": _search_state(root),
    }
    return {k: v for k, v in found.items() if v is not None}


def _richest_claim(root: Path, content: Path, ids: list[str]) -> str | None:
    """The verdicted claim with the most cited sources: the claim page that exercises the most."""
    best: tuple[int, str] | None = None
    for cid in ids:
        if not (root / "claims" / cid / "index.html").exists():
            continue
        data = load_yaml(content / "verdicts" / f"{cid}.yaml") or {}
        score = len(data.get("sources") or []) + len(data.get("updates") or [])
        if best is None or score > best[0]:
            best = (score, cid)
    return None if best is None else f"claims/{best[1]}/"


def _document_page(root: Path, content: Path) -> str | None:
    """Prefer a document with a full text (the annotated view)."""
    ids = content_ids(content / "documents")
    with_text = [i for i in ids if (content / "documents" / f"{i}.txt").exists()]
    return _first_existing(root, [f"documents/{i}/" for i in with_text + ids])


def _search_state(root: Path) -> str | None:
    """The search results state: `?q=` on any page opens the header's search with that query."""
    query = "?q=" + SEARCH_QUERY.replace(" ", "+")
    home = root / "index.html"
    if home.exists() and "data-fc-search" in home.read_text(encoding="utf-8"):
        return query
    page = _first_existing(root, ["search/"])
    return None if page is None else page + query


def _rating_page(root: Path, content: Path) -> str | None:
    ratings_file = content / "ratings.yaml"
    ratings = (load_yaml(ratings_file) or []) if ratings_file.exists() else []
    ids = [str(r["id"]) for r in ratings if isinstance(r, dict) and "id" in r]
    # Prefer a rating that has claims: its page lists them.
    used: list[str] = []
    for vid in content_ids(content / "verdicts"):
        data = load_yaml(content / "verdicts" / f"{vid}.yaml") or {}
        rating = data.get("rating")
        rating = {True: "true", False: "false"}.get(rating, rating)
        if rating and str(rating) not in used:
            used.append(str(rating))
    return _first_existing(root, [f"ratings/{i}/" for i in used + ids])


def _claimant_page(root: Path, content: Path, claims: list[str]) -> str | None:
    people: list[str] = []
    for cid in claims:
        data = load_yaml(content / "claims" / f"{cid}.yaml") or {}
        if data.get("claimant") and data["claimant"] not in people:
            people.append(str(data["claimant"]))
    people += content_ids(content / "people")
    return _first_existing(root, [f"people/{p}/" for p in people])


def add_unverdicted_claim(tree: Path) -> None:
    """Add one claim with no verdict to a copy of the content tree."""
    claimant = content_ids(tree / "people")[0]
    (tree / "claims").mkdir(exist_ok=True)
    (tree / "claims" / f"{UNVERDICTED_ID}.yaml").write_text(
        "claim: >-\n"
        "  The browser tests need one claim that nobody has checked yet, so this one is under review.\n"
        f"title: A claim still under review\nclaimant: {claimant}\ndate: 2024-05-01\n"
        "appearances:\n"
        "  - url: https://example.org/statement\n"
        "    title: A statement\n",
        encoding="utf-8",
    )


# ---------------------------------------------------------------------------------------------------
# Serving it


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
        ".xml": "application/xml",
        ".webmanifest": "application/manifest+json",
    }

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    def handle(self):
        # A browser closing a connection mid-response is not a test failure.
        with contextlib.suppress(ConnectionError, TimeoutError):
            super().handle()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 on a free port; yields the base URL (ending in '/')."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _Server((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# ---------------------------------------------------------------------------------------------------
# The browser


@dataclass
class PageLog:
    """What a page did that a reader would not want: errors, failures, and requests leaving the site."""

    site_host: str = HOST
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.console_errors.clear()
        self.failed_requests.clear()
        self.foreign_requests.clear()

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"failed request: {m}" for m in self.failed_requests]
            + [f"request to another host: {m}" for m in self.foreign_requests]
        )

    def assert_clean(self, where: str = "") -> None:
        problems = self.problems()
        assert not problems, f"{where}:\n  " + "\n  ".join(problems)


def attach_log(context, page, log: PageLog) -> None:
    """Record console errors, failed requests and requests to other hosts; abort the latter."""

    def route(route):
        log.foreign_requests.append(route.request.url)
        route.abort("blockedbyclient")

    # Matched inside the Playwright driver, so the site's own requests never wait on Python.
    context.route(_foreign_url(log.site_host), route)

    def on_console(msg):
        if msg.type == "error":
            loc = msg.location or {}
            where = f"{loc.get('url', '')}:{loc.get('lineNumber', '')}"
            log.console_errors.append(f"{msg.text} ({where})")

    def on_request_failed(request):
        # Requests to other hosts are already recorded (and aborted on purpose). ERR_ABORTED is the
        # browser cancelling a request itself (a favicon fetch cut short by the next navigation); a
        # missing file shows as an HTTP error status below, a server that fails as another net:: error.
        if (
            urlsplit(request.url).hostname == log.site_host
            and request.failure != "net::ERR_ABORTED"
        ):
            log.failed_requests.append(f"{request.url}: {request.failure}")

    def on_response(response):
        if response.status >= 400 and urlsplit(response.url).hostname == log.site_host:
            log.failed_requests.append(f"{response.url}: HTTP {response.status}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: log.console_errors.append(f"uncaught: {exc}"))
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)

    # Requests in flight, so that `settle` can wait for quiet without networkidle's fixed 500 ms.
    inflight: set = set()
    page.on("request", lambda r: inflight.add(r))
    page.on("requestfinished", lambda r: inflight.discard(r))
    page.on("requestfailed", lambda r: inflight.discard(r))
    _INFLIGHT[page] = inflight


_INFLIGHT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _foreign_url(host: str) -> re.Pattern:
    """Any http(s) or ws(s) URL whose host is not `host`."""
    return re.compile(rf"^(https?|wss?)://(?!{re.escape(host)}(:\d+)?(/|$))", re.IGNORECASE)


def new_context(browser, base_url: str, **kwargs):
    options = {"viewport": dict(DESKTOP), "base_url": base_url, "locale": "en-US"}
    options.update(kwargs)
    ctx = browser.new_context(**options)
    ctx.set_default_timeout(TIMEOUT_MS)
    ctx.set_default_navigation_timeout(TIMEOUT_MS)
    return ctx


def settle(page, timeout_s: float = 10.0) -> None:
    """Wait until the page has loaded, no request has been in flight for 150 ms, and fonts are ready."""
    page.wait_for_load_state("load")
    inflight = _INFLIGHT.get(page)
    if inflight is None:
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
    else:
        deadline = time.monotonic() + timeout_s
        quiet = 0
        while quiet < 3 and time.monotonic() < deadline:
            quiet = 0 if inflight else quiet + 1
            page.wait_for_timeout(50)
    page.evaluate("document.fonts ? document.fonts.ready.then(() => true) : true")


def goto_path(page, path: str):
    """Open a site-relative path (the context's base_url is the site) and wait for it to settle."""
    response = page.goto(path.lstrip("/") or "./", wait_until="load")
    settle(page)
    return response


# The header search has answered: its status line has words and its results list is no longer
# busy (search.js sets aria-busy while a query or a "More results" batch is out). Not the status
# line's words: on a page in another language "Searching…" is in that language.
SEARCH_SETTLED = """() => {
    const s = document.querySelector('.fc-search__status');
    const list = document.querySelector('.fc-search__results');
    return !!(s && s.textContent && list && !list.hasAttribute('aria-busy'));
}"""


def wait_for_search(page) -> str:
    """Wait until the header search has answered; its status line."""
    page.wait_for_function(SEARCH_SETTLED)
    return page.locator(".fc-search__status").text_content()


def wait_for_search_results(page) -> None:
    """Wait until the header search has answered its query and shows results."""
    wait_for_search(page)
    page.wait_for_function("() => document.querySelectorAll('.fc-search__result').length > 0")
    settle(page)


def open_kind(page, kind: str, path: str):
    """Open one page type; for "search", also wait for the results of its query."""
    response = goto_path(page, path)
    if kind == "search":
        wait_for_search_results(page)
    return response


def scheme_of(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme') || 'default'")


def set_scheme(page, scheme: str) -> None:
    """Switch Material's palette to `scheme` ("default" light, "slate" dark) with its own toggle.

    The choice is stored in localStorage, so later pages in the same context keep it.
    """
    for _ in range(4):
        before = scheme_of(page)
        if before == scheme:
            return
        toggle = page.locator("form[data-md-component=palette] label:visible").first
        if toggle.count() == 0:
            break
        toggle.click()
        page.wait_for_function(
            "s => (document.body.getAttribute('data-md-color-scheme') || 'default') !== s",
            arg=before,
            timeout=5_000,
        )
    assert scheme_of(page) == scheme, (
        f"could not switch the colour scheme to {scheme!r} with the palette toggle "
        f"(it is {scheme_of(page)!r})"
    )


def run_axe(page, options: dict | None = None) -> list[dict]:
    """Inject axe-core into the page and return its violations."""
    require_node_tool(AXE_JS)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "opts => axe.run(document, opts)",
        options or {"resultTypes": ["violations"]},
    )
    return result["violations"]


def dump_json(name: str, data) -> Path:
    """Write a report into tests/artifacts/ (gitignored) for a human to read after a failure."""
    path = ARTIFACTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def run_cli(*args: str, cwd: Path = ROOT) -> None:
    """`factcheck ARGS` in a fresh process (as a newsroom runs it), which must succeed."""
    cmd = [sys.executable, "-m", "generator.cli", *args]
    done = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
