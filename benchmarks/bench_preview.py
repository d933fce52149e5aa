"""Preview speed: how long after saving a claim's YAML does `factcheck serve` show the change?

    python benchmarks/bench_preview.py [--claims 10000] [--edits 3] [--keep DIR] [--no-stages]
                                       [--no-build] [--no-serve] [--git]

The target (issue "Contributors"): on a 10,000-claim tree, an edited claim's page shows the change
within 3 s of saving its YAML. Four measurements; the first three run unless turned off:

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
The serve measurement runs the plugin's preview rebuilds (generator/preview.py): after the first
build, only the pages an edit can change are rendered again and only changed pages are written; the
serve log (serve.log in the workspace) says how many pages each rebuild rendered again.

The tree is written by `benchmarks/synth.py` (LIAR statements; deterministic) into a temporary
folder, or into --keep DIR and reused from there next time. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import contextlib
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
    from generator.streams import whole
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
    timed("discovery files (feeds, data)", lambda: whole(discovery.extra_files(site, settings)))
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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--claims", type=int, default=10_000)
    p.add_argument("--edits", type=int, default=3)
    p.add_argument("--keep", type=Path, help="write (and reuse) the tree here")
    p.add_argument("--timeout", type=float, default=600, help="give up on one wait after this")
    p.add_argument("--no-stages", action="store_true")
    p.add_argument("--no-build", action="store_true")
    p.add_argument("--no-serve", action="store_true")
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
