"""Preview speed: how long after saving a claim's YAML does `factcheck serve` show the change?

    python benchmarks/bench_preview.py [--claims 10000] [--edits 3] [--keep DIR] [--no-stages]
                                       [--no-build] [--no-serve] [--git] [--prototype]

The target (issue "Contributors"): on a 10,000-claim tree, an edited claim's page shows the change
within 3 s of saving its YAML. Five measurements; the first three run unless turned off:

1. stages: what one rebuild is made of, timed in this process on the same tree: reading and checking
   the content, linking, rendering every page, rendering the one edited claim page, the discovery
   files (feeds, data), and the other checks a preview could run (near-duplicate claims, git history).
2. build: `factcheck build` in a fresh process, the full build a plain rebuild repeats.
3. serve: the real thing. `factcheck serve` runs in a child process on the tree; once the first build
   is served, a claim's YAML is edited (its claim text gets a unique word), and the claim page is
   fetched every 50 ms (mkdocs holds requests while a rebuild runs) until it shows that word. The
   figure is the time from the save to the first response that shows it. Exit status 1 when the
   target is missed.
4. git (--git): the tree is made a git checkout with a history (one commit of everything, then
   commits that each add an updates entry to a few verdicts), and `history.collect` and
   `factcheck check-changes` are timed on it.
5. prototype (--prototype): the scoped rebuild this benchmark recommends for the plugin, built here
   from the project's own functions with the plugin patched in this process only (the plugin's
   file is not changed): a first full build; then for each edit: re-check only the changed file
   (cached per-file results for the rest) and run the cross-file checks, link, render only the
   pages that show the edited claim, and let mkdocs rebuild in dirty mode with every other page
   marked unmodified, its File objects kept from the build before, templates compiled once, and
   the sitemap and 404 page left as the first build wrote them. Timed from the save to the edited
   page written in site/. It follows the renderer's current functions (`_render_one`); when they
   change, change it with them. BENCH_PROFILE=FILE writes a profile of the dirty mkdocs build.

The tree is written by `benchmarks/synth.py` (LIAR statements; deterministic) into a temporary
folder, or into --keep DIR and reused from there next time. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from machine import describe as machine  # noqa: E402

TARGET = 3.0  # seconds from saving the YAML to the page showing the change
FACTCHECK = [sys.executable, "-m", "generator.cli"]


def tree(keep: Path | None, claims: int) -> tuple[Path, Path]:
    """(workspace, content folder) with a synthetic tree of `claims` claims and a mkdocs.yml."""
    from synth import generate

    work = keep or Path(tempfile.mkdtemp(prefix="bench-preview-"))
    content = work / "content"
    stamp = work / ".claims"
    if not (stamp.is_file() and stamp.read_text() == str(claims)):
        shutil.rmtree(content, ignore_errors=True)
        started = time.perf_counter()
        generate(content, claims)
        stamp.write_text(str(claims))
        print(f"wrote {claims:,} claims to {content} in {time.perf_counter() - started:.1f} s")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(content / "pages")
    config["site_dir"] = str(work / "site")
    if "custom_dir" in config.get("theme", {}):
        config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"]["content_dir"] = str(content)
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return work, content


def timed(label: str, func):
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"  {label:<46} {wall:7.2f} s   (CPU of this process {cpu:6.2f} s)")
    return result


def stages(work: Path, content: Path) -> None:
    from generator import discovery, similar
    from generator.history import collect
    from generator.link import link
    from generator.render import render_pages
    from generator.render.claims import render_claim
    from generator.render.core import Context
    from generator.settings import Settings
    from generator.similar import near_duplicates
    from generator.validate import read_content

    print("stages of one rebuild, in this process:")
    model, problems = timed("read and check the content", lambda: read_content(content))
    if model is None:
        raise SystemExit("the synthetic tree has errors: " + "; ".join(map(str, problems[:5])))
    site = timed("link", lambda: link(model))
    settings = Settings()
    pages = timed("render every page", lambda: render_pages(site, settings))
    ctx = Context.of(site, settings)
    one = site.claims_newest[len(site.claims_newest) // 2]
    timed("render the one edited claim page", lambda: render_claim(ctx, one))
    timed("discovery files (feeds, data)", lambda: discovery.extra_files(site, settings))
    texts = {cid: c.claim for cid, c in model.claims.items()}
    similar._memo = None  # the whole search, as one `factcheck validate` does it
    timed("near-duplicate claims (part of the check above)", lambda: near_duplicates(texts))
    claims = list(texts)
    texts[claims[0]] += " (edited)"
    timed("  the same after one claim is edited (serve)", lambda: near_duplicates(texts))
    history = timed("git history (collect)", lambda: collect(work, content))
    print(
        f"  {len(pages):,} pages; {sum(p.severity == 'warning' for p in problems)} warnings; "
        f"history: {'none (not a git checkout)' if history is None else len(history)}"
    )


def full_build(work: Path, content: Path) -> float:
    out = work / "site"
    started = time.perf_counter()
    done = subprocess.run(
        [
            *FACTCHECK,
            "build",
            "--content",
            str(content),
            "--out",
            str(out),
            "--config",
            str(work / "mkdocs.yml"),
            "--no-strict",
        ],
        cwd=work,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"factcheck build failed:\n{done.stderr[-3000:]}")
    print(f"factcheck build (full, fresh process): {elapsed:.1f} s")
    return elapsed


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def serve(work: Path, content: Path, edits: int, timeout: float) -> list[float]:
    """Start `factcheck serve`, edit claims one after another, time until each change is shown."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    ids = sorted(p.stem for p in (content / "claims").glob("*.yaml"))
    chosen = [ids[(i + 1) * len(ids) // (edits + 1)] for i in range(edits)]
    log = (work / "serve.log").open("w")
    proc = subprocess.Popen(
        [
            *FACTCHECK,
            "serve",
            "--config",
            str(work / "mkdocs.yml"),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=work,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped as a whole below
    )
    latencies: list[float] = []
    originals: dict[Path, bytes] = {}
    try:
        started = time.perf_counter()
        while _get(base + f"claims/{chosen[0]}/", timeout=timeout) is None:
            if proc.poll() is not None or time.perf_counter() - started > timeout:
                raise SystemExit(f"factcheck serve did not come up; see {work / 'serve.log'}")
            time.sleep(0.5)
        print(f"factcheck serve: first build served after {time.perf_counter() - started:.1f} s")
        time.sleep(2)  # let the file watcher settle
        for n, cid in enumerate(chosen, 1):
            path = content / "claims" / f"{cid}.yaml"
            originals.setdefault(path, path.read_bytes())
            word = f"Edited{n}x{int(time.time())}"
            text = originals[path].decode("utf-8")
            assert '\nclaim: "' in text, path
            with path.open("w", encoding="utf-8") as fh:
                fh.write(text.replace('\nclaim: "', f'\nclaim: "{word} ', 1))
                fh.flush()
                os.fsync(fh.fileno())
            saved = time.perf_counter()
            while True:
                page = _get(base + f"claims/{cid}/", timeout=timeout)
                elapsed = time.perf_counter() - saved
                if page is not None and word in page:
                    break
                if elapsed > timeout or proc.poll() is not None:
                    elapsed = float("inf")
                    break
                time.sleep(0.05)
            latencies.append(elapsed)
            print(f"  edit {n}: claims/{cid}.yaml shown after {elapsed:.2f} s")
            time.sleep(1)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        for path, data in originals.items():
            path.write_bytes(data)
    return latencies


GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
GIT += ["-c", "commit.gpgsign=false"]


def git_history(work: Path, content: Path, commits: int = 200, per_commit: int = 5) -> None:
    """Make the workspace a checkout with a history, then time the git-based steps."""
    from generator.changes import check_changes
    from generator.history import collect

    def run(*args: str) -> None:
        subprocess.run([*GIT, *args], cwd=work, check=True, capture_output=True)

    if not (work / ".git").is_dir():
        started = time.perf_counter()
        run("init", "-q", "-b", "main")
        (work / ".gitignore").write_text("site/\nsite-prototype/\nserve.log\n.claims\n")
        run("add", "-A")
        run("commit", "-q", "-m", "Publish everything")
        verdicts = sorted((content / "verdicts").glob("*.yaml"))
        commits = min(commits, len(verdicts) // per_commit)
        for n in range(commits):
            for path in verdicts[n * per_commit : (n + 1) * per_commit]:
                text = path.read_text("utf-8")
                entry = f"  - date: 2026-01-{n % 28 + 1:02d}\n    type: clarification\n"
                entry += f'    note: "Clarified wording ({n})."\n'
                if "\nupdates:\n" not in text:
                    text = text.rstrip("\n") + "\nupdates:\n"
                path.write_text(text + entry, "utf-8")
            run("commit", "-q", "-a", "-m", f"Clarify {per_commit} verdicts ({n})")
        print(
            f"git: made a history of {commits + 1} commits in {time.perf_counter() - started:.1f} s"
        )
    print("git-based steps:")
    history = timed("history.collect (with update types)", lambda: collect(work, content))
    timed("history.collect (types=False)", lambda: collect(work, content, types=False))
    changed = sum(len(h) - 1 for h in history.values())
    print(f"  {len(history):,} claims with history, {changed:,} later changes")
    edited = sorted((content / "verdicts").glob("*.yaml"))[-3:]
    saved = {p: p.read_bytes() for p in edited}
    try:
        for p in edited:
            p.write_text(p.read_text("utf-8").replace("\nsummary: ", "\nsummary: Now, ", 1))

        def quiet_check() -> int:
            with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
                return check_changes(content, "HEAD", "text")

        code = timed("check-changes --base HEAD (3 verdicts changed)", quiet_check)
        print(f"  exit status {code} (1: the three silent summary changes were caught)")
    finally:
        for p, data in saved.items():
            p.write_bytes(data)


class _IncrementalCheck:
    """Per-file check results cached by (mtime, size): only changed files are parsed again."""

    def __init__(self, content: Path):
        self.content = content
        self.cache: dict[str, tuple[tuple[int, int], object, object]] = {}

    def __call__(self):
        from generator import validate as v
        from generator.load import scan_tree

        loaded, jobs = scan_tree(self.content)
        results, todo = [], []
        for i, job in enumerate(jobs):
            st = os.stat(job[0])
            key = (st.st_mtime_ns, st.st_size)
            hit = self.cache.get(job[0])
            if hit is not None and hit[0] == key:
                results.append((i, hit[1], hit[2]))
            else:
                todo.append((i, job))
        for i, raw, checked in v._check_jobs(todo, light=False):
            st = os.stat(jobs[i][0])
            self.cache[jobs[i][0]] = ((st.st_mtime_ns, st.st_size), raw, checked)
            results.append((i, raw, checked))
        results.sort(key=lambda r: r[0])
        loaded.files = [raw for _, raw, _ in results]
        report = v.check(loaded, [c for _, _, c in results])
        return report, len(todo)


def _shown_on(site, limit: int) -> dict[str, set[str]]:
    """Claim id -> the claim pages that show it in their "related" boxes (the renderer's limit)."""
    out: dict[str, set[str]] = {}
    for y in site.claims_newest:
        for ids in site.related(y, limit=limit).values():
            for x in ids:
                out.setdefault(x, set()).add(y)
    return out


def _dependents(site, cid: str, shown_on: dict[str, set[str]]) -> set[str]:
    """Pages that show claim `cid`: its own, the claim pages listing it, and the indexes."""
    claim = site.content.claims[cid]
    pages = {f"claims/{cid}.md", "claims/index.md", "index.md", "sources/index.md"}
    pages |= {f"claims/{y}.md" for y in shown_on.get(cid, ())}
    verdict = site.content.verdicts.get(cid)
    if verdict is not None:
        pages |= {f"ratings/{verdict.rating}.md", "corrections/index.md"}
        pages |= {f"people/{p}.md" for p in (*verdict.authors, *verdict.reviewers)}
    pages |= {f"topics/{t}.md" for t in claim.topics} | {f"people/{claim.claimant}.md"}
    pages |= {f"documents/{a.document}.md" for a in claim.appearances if a.document}
    return pages


def _render_one(ctx, path: str, render_claim):
    """One page again, for the pages a claim edit touches (home and hand-written pages aside).

    Follows the renderer's current functions; when they change, change this with them.
    """
    import dataclasses

    from generator.render import indexes

    folder, _, name = path.rpartition("/")
    item = name[:-3]
    if path == "claims/index.md":
        page = indexes.claims_index(ctx)
    elif folder == "claims":
        page = render_claim(ctx, item)
    elif folder == "ratings":
        page = indexes.rating_page(ctx, item)
    elif folder == "topics":
        page = indexes.topic_page(ctx, item)
    elif folder == "people":
        page = indexes.person_page(ctx, item)
    elif folder == "documents":
        page = indexes.document_page(ctx, item)
    elif path == "sources/index.md":
        page = indexes.sources_page(ctx)
    else:
        return None  # home, corrections: left as they were in this prototype
    updated = getattr(ctx, "updated", None)
    return page if page.updated is not None else dataclasses.replace(page, updated=updated)


def prototype(work: Path, content: Path, edits: int) -> list[float]:
    """The recommended scoped rebuild, timed from the save to the edited page on disk."""
    import jinja2
    import mkdocs.structure.files as mk_files
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator import discovery, plugin
    from generator.link import link
    from generator.render import sanitize
    from generator.render.claims import RELATED_LIMIT, render_claim
    from generator.render.core import Context
    from generator.settings import Settings

    site_dir = work / "site-prototype"
    shutil.rmtree(site_dir, ignore_errors=True)
    state: dict = {"pages": None, "extra": None, "dirty": None, "site": None}
    if not hasattr(plugin, "start_rendering"):
        raise SystemExit("the plugin no longer calls start_rendering: update this prototype")
    real_start, real_extra, real_after = (
        plugin.start_rendering,
        discovery.extra_files,
        discovery.after_build,
    )

    class Cached:  # what start_rendering returns, from the pages kept between builds
        def __init__(self, pages):
            self.pages = pages

        def close(self) -> None:
            pass

    def render(site, settings, *args, **kwargs):
        if state["pages"] is None:  # the first build renders everything, with workers
            rendering = real_start(site, settings, *args, **kwargs)
            state["pages"] = rendering.pages
            return rendering
        return Cached(state["pages"])

    def extra(site, settings):
        if state["extra"] is None:
            state["extra"] = real_extra(site, settings)
        return state["extra"]

    def linked(model):
        return state["site"] if state["site"] is not None else link(model)

    real_modified = mk_files.File.is_modified

    def is_modified(self) -> bool:  # every generated file exists since the first build
        if state["dirty"] is None or self.generated_by is None:
            return real_modified(self)
        return self.src_uri in state["dirty"]

    # Templates compiled once for the whole session, not again in every rebuild's new environment.
    class MemoryBytecodeCache(jinja2.BytecodeCache):
        def __init__(self) -> None:
            self.store: dict[str, bytes] = {}

        def load_bytecode(self, bucket) -> None:
            if bucket.key in self.store:
                bucket.bytecode_from_string(self.store[bucket.key])

        def dump_bytecode(self, bucket) -> None:
            self.store[bucket.key] = bucket.bytecode_to_string()

    bytecode = MemoryBytecodeCache()

    real_on_env = getattr(plugin.FactcheckPlugin, "on_env", None)

    def on_env(self, env, *, config, files):
        if real_on_env is not None:
            env = real_on_env(self, env, config=config, files=files) or env
        env.bytecode_cache = bytecode
        return env

    # Keep each page's File (and its mkdocs Page) between builds while the page is unchanged:
    # creating 18,848 of them is most of a dirty rebuild's fixed cost.
    real_on_files = plugin.FactcheckPlugin.on_files
    kept_files: dict[str, tuple[object, object]] = {}

    def on_files(self, files, *, config):
        if state["dirty"] is None:
            out = real_on_files(self, files, config=config)
            for f in out:
                if getattr(f, "source_page", None) is not None:
                    kept_files[f.src_uri] = (f.source_page, f)
            return out
        if hasattr(self, "_prune_nav"):
            self._prune_nav(config)
        docs = str(Path(config.docs_dir).resolve())
        out = mk_files.Files(
            [f for f in files if not (f.src_dir and str(Path(f.src_dir).resolve()) == docs)]
        )
        for page in self.pages.values():
            old = kept_files.get(page.path)
            if old is not None and old[0] is page:
                out.append(old[1])
                continue
            f = plugin.GeneratedFile.generated(
                config, page.path, content="", inclusion=mk_files.InclusionLevel.NOT_IN_NAV
            )
            f.source_page = page
            plugin.GeneratedPage(page, f, config)
            kept_files[page.path] = (page, f)
            out.append(f)
        for name, data in plugin.assets(self.site).items():
            out.append(mk_files.File.generated(config, plugin.ASSET_PREFIX + name, content=data))
        for path, data in sorted(self.extra.items()):
            out.append(mk_files.File.generated(config, path, content=data))
        return out

    check = _IncrementalCheck(content)
    patches = [
        (plugin, "start_rendering", render),
        (plugin, "link", linked),
        (plugin.discovery, "extra_files", extra),
        (mk_files.File, "is_modified", is_modified),
        (plugin.FactcheckPlugin, "on_files", on_files),
        (plugin.FactcheckPlugin, "on_env", on_env),
    ]
    saved = [(obj, name, getattr(obj, name, None)) for obj, name, _ in patches]
    latencies = []
    try:
        for obj, name, new in patches:
            setattr(obj, name, new)
        config = load_config(str(work / "mkdocs.yml"), site_dir=str(site_dir), strict=False)
        started = time.perf_counter()
        build(config)  # the first build of `serve`: everything, Pagefind included
        print(f"prototype: first build {time.perf_counter() - started:.1f} s")
        timed("prime the per-file check cache", check)
        # A long-running server holds millions of objects from the first build; freezing them keeps
        # the collector from walking them all again during every rebuild.
        gc.collect()
        gc.freeze()
        shown_on = timed(
            "reverse index: claim -> pages showing it",
            lambda: _shown_on(state["site"] or link(check()[0].content), RELATED_LIMIT),
        )
        plugin.discovery.after_build = lambda site_dir, settings: None  # search: first build only
        ids = sorted(p.stem for p in (content / "claims").glob("*.yaml"))
        for n in range(edits):
            cid = ids[(n + 1) * len(ids) // (edits + 2)]
            path = content / "claims" / f"{cid}.yaml"
            original = path.read_bytes()
            word = f"Proto{n}x{int(time.time())}"
            try:
                path.write_text(
                    original.decode().replace('\nclaim: "', f'\nclaim: "{word} ', 1), "utf-8"
                )
                t0 = time.perf_counter()
                report, parsed = check()
                t_check = time.perf_counter()
                site = state["site"] = link(report.content)
                t_link = time.perf_counter()
                ctx = Context.of(sanitize.sanitized(site), Settings())
                t_ctx = time.perf_counter()
                wanted = _dependents(site, cid, shown_on)
                fresh, slowest = {}, []
                for page_path in sorted(wanted):
                    started = time.perf_counter()
                    fresh_page = _render_one(ctx, page_path, render_claim)
                    slowest.append((time.perf_counter() - started, page_path))
                    if fresh_page is not None:
                        fresh[page_path] = fresh_page
                old = state["pages"]
                state["pages"] = {**old, **fresh}
                state["dirty"] = {p for p, page in fresh.items() if old.get(p) != page}
                t_render = time.perf_counter()
                config = load_config(str(work / "mkdocs.yml"), site_dir=str(site_dir), strict=False)
                config.plugins["factcheck"].preloaded = report.content  # read once, above
                # The sitemap (all pages) and 404 page (the nav) stay as the first build wrote them.
                config.theme.static_templates.difference_update({"sitemap.xml", "404.html"})
                if os.environ.get("BENCH_PROFILE"):  # where the dirty build's time goes
                    import cProfile

                    cProfile.runctx(
                        "build(config, dirty=True)",
                        globals(),
                        {"build": build, "config": config},
                        os.environ["BENCH_PROFILE"],
                    )
                else:
                    build(config, dirty=True)
                t_done = time.perf_counter()
                html = (site_dir / "claims" / cid / "index.html").read_text("utf-8")
                assert word in html, "the edited page was not rebuilt"
                latencies.append(t_done - t0)
                print(
                    f"  edit {n + 1}: {t_done - t0:.2f} s = check {t_check - t0:.2f} s "
                    f"({parsed} file parsed) + link {t_link - t_check:.2f} s + sanitize and "
                    f"render context {t_ctx - t_link:.2f} s + render {len(fresh)} pages "
                    f"{t_render - t_ctx:.2f} s + mkdocs dirty build "
                    f"of {len(state['dirty'])} pages {t_done - t_render:.2f} s"
                )
                print(
                    "    slowest pages to render: "
                    + ", ".join(f"{p} {t:.2f} s" for t, p in sorted(slowest, reverse=True)[:3])
                )
                gc.freeze()  # what this build made is long-lived too
            finally:
                path.write_bytes(original)
    finally:
        for obj, name, old in saved:
            if old is None:
                delattr(obj, name)
            else:
                setattr(obj, name, old)
        discovery.after_build = real_after
        shutil.rmtree(site_dir, ignore_errors=True)
    return latencies


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--claims", type=int, default=10_000)
    p.add_argument("--edits", type=int, default=3)
    p.add_argument("--keep", type=Path, help="write (and reuse) the tree here")
    p.add_argument("--timeout", type=float, default=600, help="give up on one wait after this")
    p.add_argument("--no-stages", action="store_true")
    p.add_argument("--no-build", action="store_true")
    p.add_argument("--no-serve", action="store_true")
    p.add_argument("--prototype", action="store_true", help="also time the recommended approach")
    p.add_argument("--git", action="store_true", help="also time history and check-changes")
    args = p.parse_args(argv)

    print(machine())
    work, content = tree(args.keep.resolve() if args.keep else None, args.claims)
    try:
        if not args.no_stages:
            stages(work, content)
        if not args.no_build:
            full_build(work, content)
        if args.git:
            git_history(work, content)
        if args.prototype:
            proto = prototype(work, content, args.edits)
            print(f"prototype of the scoped rebuild: worst {max(proto):.2f} s")
        if args.no_serve:
            return 0
        latencies = serve(work, content, args.edits, args.timeout)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    worst = max(latencies)
    verdict = "met" if worst <= TARGET else "NOT met"
    print(
        f"preview of an edited claim page, {args.claims:,} claims: worst {worst:.2f} s, "
        f"target {TARGET:.0f} s {verdict}"
    )
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
