"""Claim-page benchmark: every claim page of a synthetic tree, rendered in this process.

The claim page is the one there are thousands of, so this times it alone (front matter, JSON-LD and
body, as `claim_page` returns them), in CPU milliseconds per page (the machine may be shared),
best of a few rounds after a warm-up.
The `generator` package is imported from PYTHONPATH, so the same script times another checkout:

    .venv/bin/python benchmarks/bench_claim_page.py               # 1,000 claims
    PYTHONPATH=/tmp/other .venv/bin/python benchmarks/bench_claim_page.py 2000

Numbers, never assertions: see the README.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if not any((Path(p) / "generator").is_dir() for p in sys.path if p):
    sys.path.insert(1, str(HERE.parent))

from synth import generate  # noqa: E402

from generator.link import link  # noqa: E402
from generator.load import load_tree  # noqa: E402
from generator.render.claims import claim_page  # noqa: E402
from generator.render.core import Context  # noqa: E402
from generator.settings import Settings  # noqa: E402
from generator.validate import check  # noqa: E402

ROUNDS = 9
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1000
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        generate(content, n)
        for f in content.rglob(
            "*.*"
        ):  # the sample data has a few bidi controls; newer checks refuse them
            f.write_text(BIDI.sub("", f.read_text("utf-8")), "utf-8")
        report = check(load_tree(content))
        if report.errors:
            raise SystemExit(f"synthetic content has errors: {report.problems[:3]}")
        site = link(report.content)
    settings = Settings(
        site_url="https://facts.example.org/",
        repo_url="https://github.com/example/facts",
        edit_base="https://github.com/example/facts/edit/main",
        locale="en_GB",
    )
    ctx = Context.of(site, settings)
    ctx.prepare()
    ids = sorted(site.content.claims)
    for cid in ids[:50]:  # warm-up: templates compiled, caches of badges and items filled
        claim_page(ctx, cid)
    best = float("inf")
    for _ in range(ROUNDS):
        ctx.items.clear()  # each page's related items, as a worker meets them the first time
        ctx.texts.clear()
        start = time.process_time()
        for cid in ids:
            claim_page(ctx, cid)
        best = min(best, time.process_time() - start)
    import generator

    print(f"{Path(generator.__file__).parent.parent}: {len(ids)} claim pages")
    print(f"  best of {ROUNDS}: {best:.3f} s, {1000 * best / len(ids):.3f} ms per claim page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
