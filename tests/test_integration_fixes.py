"""Small fixes made while integrating the helpers' work (each said what a user met)."""

from __future__ import annotations

from generator.render.pages import _rewriter


def test_a_page_link_python_cannot_split_is_kept_as_written():
    """`https://[zz::1]/` made urlsplit raise, so a build run without validate stopped with a
    ValueError traceback; validate names the link, and the page keeps it as written."""
    rewrite = _rewriter("about/index.md", "about.md")
    assert rewrite("https://[zz::1]/") == "https://[zz::1]/"
    assert rewrite("methodology.md#scale") == "../methodology/#scale"


def test_a_name_of_lookalike_letters_is_a_word_under_its_countrys_domain():
    """Chromium shows рор.ua and ικα.gr as written (a Cyrillic or Greek word under a domain of a
    country that writes it), so a source there must not be refused; under .com it still is."""
    from generator.validate import web_url_problem

    for url in ("https://рор.ua/", "https://сос.ru/news", "https://ικα.gr/", "https://сос.рф/"):
        assert web_url_problem(url) is None, url
    for url in ("https://рор.com/", "https://аррӏе.org/", "https://ικα.com/", "https://gοogle.gr/"):
        problem = web_url_problem(url)
        assert problem and "only looks like a Latin letter" in problem, url


def test_the_history_link_names_the_sites_branch_not_always_main():
    """A site on `master` (or any branch but main) linked its verdicts' history to
    .../commits/main/..., a 404."""
    from generator.render.claims import _branch

    repo = "https://github.com/desk/facts"
    assert _branch(repo + "/edit/master", repo) == "master"
    assert _branch(repo + "/blob/gh-pages", repo) == "gh-pages"
    assert _branch(repo + "/edit/main", repo) == "main"
    assert _branch(None, repo) == "HEAD"
    assert _branch("https://gitlab.example/other/edit/x", repo) == "HEAD"


def test_each_language_keeps_its_own_order_when_python_reuses_an_object_id(monkeypatch):
    """Each collator's memo of letters was keyed by id(): once the cache let a collator go, a new
    one could get its address, and Polish names came out in another language's order (the CI
    failure of test_locales_subtags after many languages). Every id() the same stands for that."""
    from generator import collation

    monkeypatch.setattr(collation, "id", lambda _: 1, raising=False)
    collation.collator.cache_clear()
    names = ["Łabędź", "Lena", "Ola"]
    # Turkish sorts Ł as DUCET does, a kind of L (Łabędź before Lena) ...
    assert sorted(names, key=lambda s: collation.sort_key(s, "tr")) == ["Łabędź", "Lena", "Ola"]
    # ... Polish after every L: its order, not the memo Turkish left behind
    assert sorted(names, key=lambda s: collation.sort_key(s, "pl")) == ["Lena", "Łabędź", "Ola"]
    collation.collator.cache_clear()


def _cycles_left_by_claim_pages(content, times: int) -> int:
    """Objects only the cycle collector could free, left by rendering every claim page `times`
    times."""
    import gc

    from factories import SETTINGS

    from generator.link import link
    from generator.render.claims import claim_html
    from generator.render.core import Context

    site = link(content)
    ctx = Context.of(site, SETTINGS)
    for cid in site.content.claims:
        claim_html(ctx, cid)  # templates compiled, caches filled
    gc.collect()
    gc.disable()
    try:
        for _ in range(times):
            for cid in site.content.claims:
                claim_html(ctx, cid)
        return gc.collect()
    finally:
        gc.enable()


def test_claim_pages_leave_no_reference_cycles():
    """A build runs with the cycle collector off (engines/mkdocs.py: it only cost time), so a cycle
    made per page stays until the build ends: a macro in claim.html (its closure and the render's
    context refer to each other) kept every claim page's context, +15 MB at 1,000 claims and
    +1.5 GB at 100,000, past the memory budget."""
    from factories import sample_content

    assert _cycles_left_by_claim_pages(sample_content(), 5) == 0


def test_oembed_answers_leave_no_reference_cycles():
    """Each claim's oembed.json was written with `indent`, for which json builds its encoder from
    closures that refer to each other: 22 cells and four functions a claim that only the cycle
    collector frees, and a build runs with it off (about 30 MB at 10,000 claims)."""
    import gc
    import json

    from factories import SETTINGS, sample_content

    from generator.link import link
    from generator.render.core import Context
    from generator.share import oembed

    site = link(sample_content())
    ctx = Context.of(site, SETTINGS)
    claims = list(site.content.claims)
    answers = [oembed(ctx, cid) for cid in claims]  # caches filled
    assert json.loads(answers[0])["type"] == "rich"
    gc.collect()
    gc.disable()
    try:
        for _ in range(5):
            for cid in claims:
                oembed(ctx, cid)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_half_a_surrogate_pair_in_mkdocs_yml_is_named_before_anything_is_built(tmp_path):
    """`organization_name: "\\ud800"` passed every check, then the build stopped at the first data
    file it wrote with "'utf-8' codec can't encode character", naming no file or line."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    shutil.copytree(repo / "content", tmp_path / "content")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "organization_name: Open Fact Desk", 'organization_name: "Open \\ud800"'
    )
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    expected = (
        "'plugins[0].factcheck.organization_name': \\ud800 is half of a UTF-16 surrogate pair, "
        "not a character"
    )
    for args in (["validate"], ["build", "--out", str(tmp_path / "site")]):
        run = subprocess.run(
            [sys.executable, "-m", "generator.cli", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(repo)},
        )
        output = run.stdout + run.stderr
        assert run.returncode != 0, output
        line = next(x for x in output.splitlines() if expected in x)
        assert line.startswith("mkdocs.yml:"), line
        assert "Traceback" not in output
    assert not (tmp_path / "site").exists()


def test_factcheck_new_refuses_a_windows_device_name(tmp_path):
    """`factcheck new claim con` wrote claims/con.yaml, which validate then refused and which Git
    for Windows cannot check out."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    cli = [sys.executable, "-m", "generator.cli"]
    made = subprocess.run(
        [*cli, "init", "desk", "--name", "Desk", "--url", "https://desk.example.org/"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
    )
    assert made.returncode == 0, made.stderr
    before = sorted(p.name for p in (tmp_path / "desk").rglob("*"))
    for name in ("con", "com1"):
        run = subprocess.run(
            [*cli, "new", "claim", name],
            cwd=tmp_path / "desk",
            env=env,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 2
        assert f"'{name}' cannot be an id: it is the name of a device on Windows" in run.stderr
    assert sorted(p.name for p in (tmp_path / "desk").rglob("*")) == before


def test_the_sources_list_explains_the_primary_label_only_where_it_is_shown():
    """The sources list always said "Primary source marks transcripts, official texts and data",
    also on a site (or a page of the list) where no source carries that label."""
    import dataclasses

    from factories import SETTINGS, sample_content

    from generator.link import link
    from generator.render.core import Context
    from generator.render.indexes import sources_page

    legend = "marks transcripts, official texts and data."
    content = sample_content()
    marked = dataclasses.replace(
        content,
        verdicts={
            cid: dataclasses.replace(
                v, sources=tuple(dataclasses.replace(s, primary=True) for s in v.sources)
            )
            for cid, v in content.verdicts.items()
        },
    )
    unmarked = dataclasses.replace(
        content,
        verdicts={
            cid: dataclasses.replace(
                v, sources=tuple(dataclasses.replace(s, primary=False) for s in v.sources)
            )
            for cid, v in content.verdicts.items()
        },
    )
    shown = sources_page(Context.of(link(marked), SETTINGS)).body()
    assert legend in shown and "fc-label--primary" in shown
    hidden = sources_page(Context.of(link(unmarked), SETTINGS)).body()
    assert legend not in hidden and "fc-label--primary" not in hidden
    assert "grouped by publisher." in hidden


def test_the_break_before_a_key_is_found_by_walking_back_over_white_space_only():
    """validate sliced the line up to each key to look for a pasted U+2028 before it: quadratic
    in the keys of one long line (a 231 KB flow mapping of 22,000 keys took 0.55 s more)."""
    from generator.problems import break_before

    text = "a: 1, b: 2\u2028 \tc: 3, d: 4\n"
    assert break_before(text, 0, text.index("c") + 1) == "\u2028"
    assert break_before(text, 0, text.index("b") + 1) is None
    assert break_before(text, 0, text.index("d") + 1) is None
    assert break_before("c: 1", 0, 1) is None  # a key at the start of its line
