"""Our build beside Hugo's on the same synthetic tree, in alternating runs.

The synthetic tree (benchmarks/synth.py) is converted into an equivalent Hugo site: one page per
claim (the claim, the verdict's summary and Markdown body, its sources), per document (its text)
and per person; taxonomies for ratings, topics and claimants, whose term pages list their claims
100 a page, as ours do; the claims, documents and sources lists paginated the same way. Hugo's
templates here are plain HTML without a theme (no navigation, no JSON-LD, no search index), so the
comparison favours Hugo: it is the floor a static generator reaches on this machine, not a
feature-for-feature race. Ours is timed as `factcheck build --no-search` (Hugo has no search index)
and with the index, beside Hugo followed by the same Pagefind over Hugo's claim pages.

Runs alternate (Hugo, ours, Hugo, ours...) so that a busy neighbour on this shared VM slows both.
Every run writes into a folder of its own and nothing is deleted until all runs are done: on this
VM's file system (ext4 without a journal), a file made within a minute or so of many deletions costs
the kernel a search past the inodes just freed; at 10,000 claims a build made right after deleting
a built site took 45.7 s (26.6 s of it system time) against 36.0 s (10.3 s) a few minutes later.
Deleting between runs would charge that to whichever run came next.
Needs Debian's `hugo` (`apt-get install -y hugo`); no test needs it.

    .venv/bin/python benchmarks/bench_hugo.py              # 1,000 and 10,000 claims, 3 rounds
    .venv/bin/python benchmarks/bench_hugo.py 2000 --rounds 2

Prints figures with the machine description. Numbers, never assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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
from synth import generate  # noqa: E402

from generator.link import link  # noqa: E402
from generator.load import load_tree  # noqa: E402
from generator.validate import check  # noqa: E402

PAGE_SIZE = 100

CONFIG = {
    "baseURL": "https://example.org/",
    "title": "Fact checks",
    "languageCode": "en",
    "disableKinds": ["RSS"],
    "pagination": {"pagerSize": PAGE_SIZE},
    "paginate": PAGE_SIZE,  # Hugo before 0.128
    "taxonomies": {"rating": "ratings", "topic": "topics", "claimant": "people"},
    "markup": {"goldmark": {"renderer": {"unsafe": False}}},
    "enableRobotsTXT": True,
}

BASEOF = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{ .Title }} · {{ site.Title }}</title><meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with .Paginator }}{{ if .HasPrev }}<link rel="prev" href="{{ .Prev.URL }}">{{ end }}{{ if .HasNext }}<link rel="next" href="{{ .Next.URL }}">{{ end }}{{ end }}
</head><body><header><a href="/">{{ site.Title }}</a> <a href="/claims/">Claims</a> <a href="/ratings/">Ratings</a> <a href="/topics/">Topics</a> <a href="/people/">People</a> <a href="/documents/">Documents</a></header>
<main><h1>{{ .Title }}</h1>{{ block "main" . }}{{ end }}</main></body></html>
"""
PAGER = """{{ define "pager" }}<nav>{{ if .HasPrev }}<a rel="prev" href="{{ .Prev.URL }}">Previous</a>{{ end }} Page {{ .PageNumber }} of {{ .TotalPages }} {{ if .HasNext }}<a rel="next" href="{{ .Next.URL }}">Next</a>{{ end }}</nav>{{ end }}"""
SINGLE = """{{ define "main" }}<article>{{ with .Params.statement }}<blockquote>{{ . }}</blockquote>{{ end }}
{{ with .Params.rating }}<p class="rating">{{ . }}</p>{{ end }}{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
{{ .Content }}
{{ with .Params.sources }}<h2>Sources</h2><ol>{{ range . }}<li><a href="{{ .url }}">{{ .title }}</a></li>{{ end }}</ol>{{ end }}
{{ with .GetTerms "topics" }}<p>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
</article>{{ end }}"""
LIST = """{{ define "main" }}{{ .Content }}{{ $p := .Paginate .Pages }}<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time></li>{{ end }}</ul>{{ template "pager" $p }}{{ end }}"""
TERMS = """{{ define "main" }}{{ $p := .Paginate .Pages }}<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>{{ end }}</ul>{{ template "pager" $p }}{{ end }}"""
HOME = """{{ define "main" }}<ul>{{ range first 10 (where site.RegularPages "Section" "claims") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}"""


def _front(meta: dict) -> str:
    return "---\n" + json.dumps(meta, ensure_ascii=False, indent=0) + "\n---\n\n"


def convert(content_dir: Path, out: Path) -> int:
    """Write a Hugo site equivalent to the content tree; returns the number of content files."""
    report = check(load_tree(content_dir))
    if report.errors or report.content is None:
        raise SystemExit(f"the synthetic tree does not validate: {report.problems[:3]}")
    site = link(report.content)
    c = site.content
    (out / "content").mkdir(parents=True)
    layouts = out / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (out / "hugo.json").write_text(json.dumps(CONFIG, indent=2))
    (layouts / "baseof.html").write_text(BASEOF + PAGER)
    (layouts / "single.html").write_text(SINGLE)
    (layouts / "list.html").write_text(LIST)
    (layouts / "terms.html").write_text(TERMS)
    (out / "layouts" / "index.html").write_text(HOME)
    n = 0
    for section in ("claims", "documents", "sources"):
        (out / "content" / section).mkdir()
        (out / "content" / section / "_index.md").write_text(_front({"title": section.title()}))
    for cid, claim in c.claims.items():
        v = c.verdicts.get(cid)
        meta = {
            "title": claim.short,
            "date": claim.date.isoformat(),
            "statement": claim.claim,
            "claimant": [claim.claimant],
            "topics": list(claim.topics),
        }
        body = ""
        if v is not None:
            meta |= {
                "rating": [c.ratings[v.rating].label],
                "summary": v.summary,
                "sources": [{"url": s.url, "title": s.title} for s in v.sources],
            }
            body = v.body
        (out / "content" / "claims" / f"{cid}.md").write_text(_front(meta) + body + "\n")
        n += 1
    for did, doc in c.documents.items():
        meta = {"title": doc.title, "date": doc.date.isoformat(), "description": doc.kind}
        text = (doc.text or "").replace("\n", "\n\n")
        (out / "content" / "documents" / f"{did}.md").write_text(_front(meta) + text + "\n")
        n += 1
    for i, s in enumerate(site.sources):  # the sources list: one small page each, paginated
        meta = {"title": s.title, "date": "2020-01-01", "weight": i + 1, "url_": s.url}
        (out / "content" / "sources" / f"s{i}.md").write_text(_front(meta))
        n += 1
    people = out / "content" / "people"
    people.mkdir()
    for pid, person in c.people.items():
        (people / pid).mkdir()
        meta = {"title": person.name, "description": person.description or ""}
        (people / pid / "_index.md").write_text(_front(meta))
        n += 1
    return n


def _run(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def _size(folder: Path) -> tuple[int, int]:
    files = total = 0
    for base, _, names in os.walk(folder):
        for name in names:
            files += 1
            total += (Path(base) / name).stat().st_size
    return files, total


def bench(n: int, rounds: int, work: Path, hugo: str) -> dict:
    content = work / "content"
    generate(content, n)
    hugo_site = work / "hugo"
    start = time.perf_counter()
    files = convert(content, hugo_site)
    converted = time.perf_counter() - start
    ours_cmd = [sys.executable, "-m", "generator.cli", "build", "--content", str(content)]
    ours_cmd += ["--config", str(ROOT / "mkdocs.yml")]
    times: dict[str, list[float]] = {"hugo": [], "ours": [], "hugo + pagefind": [], "ours+s": []}
    for i in range(rounds):
        # Fresh folders each round, deleted only after the last (see the module's docstring).
        public = work / f"public-{i}"
        hugo_time = _run([hugo, "--quiet", "--destination", str(public)], hugo_site)
        times["hugo"].append(hugo_time)
        # Hugo has no search index: the same Pagefind (the bundled binary we use) over its claims.
        pagefind_cmd = [sys.executable, "-m", "pagefind", "--site", str(public), "--glob"]
        pagefind_cmd += ["claims/**/index.html", "--output-path", str(public / "pagefind")]
        times["hugo + pagefind"].append(hugo_time + _run(pagefind_cmd, ROOT))
        out = ["--out", str(work / f"site-{i}-no-search")]
        times["ours"].append(_run([*ours_cmd, *out, "--no-search"], ROOT))
        times["ours+s"].append(_run([*ours_cmd, "--out", str(work / f"site-{i}")], ROOT))
    with_search = statistics.median(times["ours+s"])
    return {
        "files": files,
        "converted": converted,
        "times": times,
        "with search": with_search,
        "hugo output": _size(work / "public-0"),
        "our output": _size(work / "site-0"),
    }


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("sizes", nargs="*", type=int)
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args(argv)
    hugo = shutil.which("hugo")
    if hugo is None:
        print("hugo is not installed (Debian: apt-get install -y hugo)", file=sys.stderr)
        return 2
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {machine()}")
    print(f"hugo: {version}")
    # One folder for every size, deleted at the very end: no run follows a deletion.
    tmp = tempfile.TemporaryDirectory(prefix="bench-hugo-")
    for n in args.sizes or [1000, 10000]:
        work = Path(tmp.name) / str(n)
        work.mkdir()
        r = bench(n, args.rounds, work, hugo)
        h, o = r["times"]["hugo"], r["times"]["ours"]
        print(
            f"\n{n:,} claims ({r['files']:,} Hugo content files, converted in {r['converted']:.1f} s):"
        )
        print(f"  hugo                       {' '.join(f'{t:6.2f}' for t in h)} s")
        print(f"  factcheck build --no-search {' '.join(f'{t:6.2f}' for t in o)} s")
        ratios = [b / a for a, b in zip(h, o, strict=True)]
        print(
            f"  ours / hugo, run by run:   {' '.join(f'{x:6.1f}' for x in ratios)} "
            f"(median {statistics.median(ratios):.1f}x)"
        )
        hs, os_ = r["times"]["hugo + pagefind"], r["times"]["ours+s"]
        print(f"  hugo + pagefind            {' '.join(f'{t:6.2f}' for t in hs)} s")
        print(f"  factcheck build (search)   {' '.join(f'{t:6.2f}' for t in os_)} s")
        ratios = [b / a for a, b in zip(hs, os_, strict=True)]
        print(
            f"  ours / (hugo + pagefind):  {' '.join(f'{x:6.1f}' for x in ratios)} "
            f"(median {statistics.median(ratios):.1f}x)"
        )
        hf, hb = r["hugo output"]
        of, ob = r["our output"]
        print(f"  output: hugo {hf:,} files {hb / 1e6:.0f} MB; ours {of:,} files {ob / 1e6:.0f} MB")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
