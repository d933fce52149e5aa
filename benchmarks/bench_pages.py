"""Every page of a content tree rendered in this process, timed, with a hash of the output.

The hash tells that a speed-up changed no byte: run the same tree through two checkouts (the
`generator` package comes from PYTHONPATH) and compare. Times are CPU seconds per round (the
machine may be shared), the first round compiling the templates; run the checkouts alternately.

    .venv/bin/python benchmarks/bench_pages.py CONTENT [ROUNDS] [LANGUAGE]
    PYTHONPATH=/tmp/other .venv/bin/python benchmarks/bench_pages.py CONTENT 4 de

Numbers, never assertions: see the README.
"""

from __future__ import annotations

import hashlib
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if not any((Path(p) / "generator").is_dir() for p in sys.path if p):
    sys.path.insert(0, str(HERE.parent))

from generator.link import link  # noqa: E402
from generator.load import load_tree  # noqa: E402
from generator.render import render_pages  # noqa: E402
from generator.settings import Settings  # noqa: E402
from generator.validate import check  # noqa: E402


def main(argv: list[str]) -> int:
    if not argv:
        raise SystemExit(__doc__)
    content = Path(argv[0])
    rounds = int(argv[1]) if len(argv) > 1 else 3
    language = argv[2] if len(argv) > 2 else "en"
    report = check(load_tree(content))
    if report.content is None:
        raise SystemExit(f"{content}: the content has errors: {report.problems[:3]}")
    site = link(report.content)
    settings = Settings(
        site_name="Open Fact Desk",
        site_url="https://factcheck.example.org/",
        repo_url="https://github.com/open-fact-desk/factcheck-publisher",
        edit_base="https://github.com/open-fact-desk/factcheck-publisher/edit/main",
        locale="en_GB",
        language=language,
    )
    times = []
    pages = {}
    for _ in range(rounds):
        start = time.process_time()
        pages = render_pages(site, settings, workers=0)
        times.append(time.process_time() - start)
    digest = hashlib.sha256()
    for path, page in pages.items():
        digest.update(path.encode())
        digest.update(page.markdown.encode())
    import generator

    steady = times[1:] or times
    print(
        f"{Path(generator.__file__).parent}: {len(pages)} pages, sha256 {digest.hexdigest()[:16]}"
    )
    print(f"  rounds: {' '.join(f'{t:.2f}' for t in times)} s; median after the first: ", end="")
    print(f"{statistics.median(steady):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
