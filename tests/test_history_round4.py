"""History from git, round 4: shallow clones say the truth, renamed fact checks keep their history,
and the odd checkouts (hooks' GIT_DIR, worktrees, submodules, monorepos, reverts, merges) read
right. Real repositories in temporary folders, real builds as tests/test_history_pages.py does."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from factories import MINI, ParsedPage, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from test_history import CORRECTION, UPDATE_1, claim, commit, git, verdict, write

from generator import history as history_module
from generator.changes import check_changes
from generator.history import collect, left_out

REPO_URL = "https://github.com/open-fact-desk/factcheck-publisher"
OLD, NEW = "crime-record-low", "crime-at-record-low"


def _kinds(changes) -> list[tuple[str, str, str | None]]:
    return [(c.kind, c.commit, c.update) for c in changes]


def _section(tmp: Path, content: Path, cid: str) -> tuple[str, ParsedPage]:
    """The claim page's History section (HTML, and as a reader sees it)."""
    config = load_config(str(write_config(tmp / "cfg", content)))
    mkdocs_build(config)
    html = (Path(config.site_dir) / "claims" / cid / "index.html").read_text(encoding="utf-8")
    start = html.index('<section aria-labelledby="history"')
    section = html[start : html.index("</section>", start)]
    return section, ParsedPage(section)


def _mini_repo(repo: Path) -> tuple[Path, str]:
    content = repo / "content"
    shutil.copytree(MINI, content)
    git(repo, "init", "-q", "-b", "main")
    return content, commit(repo, "Publish the first checks", "2025-03-12")


def _clone(origin: Path, to: Path, *args: str) -> Path:
    subprocess.run(
        ["git", "clone", "-q", *args, origin.as_uri(), str(to)], check=True, capture_output=True
    )
    return to


# -- 1. a shallow clone is a git checkout whose history was not fetched ---------------------------
def test_a_shallow_clone_says_the_history_is_left_out_and_links_the_repository(tmp_path):
    origin = tmp_path / "origin"
    _mini_repo(origin)
    clone = _clone(origin, tmp_path / "clone", "--depth", "1")
    assert left_out(clone / "content") and not left_out(origin / "content")
    section, page = _section(tmp_path / "b", clone / "content", "exports-halved")
    assert "The history of changes is not included in this copy of the site." in page.text
    assert "outside a git checkout" not in page.text  # it was built inside one
    links = [a["href"] for a in page.find("a")]
    assert len(links) == 1 and links[0].startswith(f"{REPO_URL}/commits/main/")
    assert links[0].endswith("/verdicts/exports-halved.yaml")
    assert "Every change to this verdict" in page.text
    # A claim under review has no verdict file to link to.
    _, page = _section(tmp_path / "c", clone / "content", "new-hospital")
    assert "not included in this copy" in page.text and page.find("a") == []


def test_a_repository_git_will_not_read_is_not_called_outside_git(tmp_path, caplog):
    """git refuses some checkouts (another user's in a CI container, a newer repository format):
    the page said "built outside a git checkout" and the build log said nothing."""
    repo = tmp_path / "repo"
    content, _ = _mini_repo(repo)
    git(repo, "config", "core.repositoryformatversion", "99")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.factcheck"):
        _, page = _section(tmp_path, content, "exports-halved")
    assert "The history of changes is not included in this copy of the site." in page.text
    assert "outside a git checkout" not in page.text
    assert "no history for the claim pages: fatal: Expected git repo version" in caplog.text


def test_outside_git_the_page_keeps_saying_so(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    assert not left_out(content)
    _, page = _section(tmp_path, content, "exports-halved")
    assert "built outside a git checkout" in page.text
    assert "not included in this copy" not in page.text
    # Outside git the content need not be the repository's (an export, a copy): no address there.
    assert "Every change to this verdict" not in page.text


# -- 2. a renamed fact check keeps its history ----------------------------------------------------
def _rename(repo: Path, old: str, new: str, content: str = "content") -> None:
    """Rename a claim the way CONTRIBUTING says: both files, the verdict's `claim`, a redirect."""
    base = repo / content
    git(repo, "mv", f"{content}/claims/{old}.yaml", f"{content}/claims/{new}.yaml")
    git(repo, "mv", f"{content}/verdicts/{old}.yaml", f"{content}/verdicts/{new}.yaml")
    path = base / "verdicts" / f"{new}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"claim: {old}\n", f"claim: {new}\n"), "utf-8"
    )
    redirects = base / "redirects.yaml"
    listed = redirects.read_text(encoding="utf-8") if redirects.exists() else ""
    redirects.write_text(listed + f"- {{from: {old}, to: {new}}}\n", encoding="utf-8")


def test_a_renamed_verdict_keeps_its_publication_and_corrections(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "claims/a.yaml", claim())
    write(tmp_path, "verdicts/a.yaml", verdict())
    published = commit(tmp_path, "Publish a", "2025-02-01")
    write(tmp_path, "verdicts/a.yaml", verdict(updates=UPDATE_1))
    clarified = commit(tmp_path, "Clarify a", "2025-03-01")
    before = collect(tmp_path, Path("content"))  # cached here, read on from it below
    _rename(tmp_path, "a", "b")
    renamed = commit(tmp_path, "Rename a to b", "2025-03-05")
    # Renamed and corrected in one commit: the correction is still told apart.
    git(tmp_path, "mv", "content/verdicts/b.yaml", "content/verdicts/c.yaml")
    git(tmp_path, "mv", "content/claims/b.yaml", "content/claims/c.yaml")
    write(tmp_path, "verdicts/c.yaml", verdict(cid="c", rating="mostly-false", updates=CORRECTION))
    redirects = tmp_path / "content" / "redirects.yaml"
    redirects.write_text(redirects.read_text("utf-8") + "- {from: b, to: c}\n", "utf-8")
    corrected = commit(tmp_path, "Rename b to c and correct it", "2025-04-01")
    want = [
        ("published", published, None),
        ("changed", clarified, "clarification"),
        ("changed", renamed, None),
        ("changed", corrected, "correction"),
    ]
    assert _kinds(before["a"]) == want[:2]
    incremental = collect(tmp_path, Path("content"))
    # redirects.yaml changed since the cached read, and which renames are followed depends on it:
    # the whole history is read again.
    assert history_module.last_read == history_module.Read(4, full=True)
    assert set(incremental) == {"c"} and _kinds(incremental["c"]) == want
    for cache in (
        Path(git(tmp_path, "rev-parse", "--absolute-git-dir").strip()) / "factcheck"
    ).glob("*"):
        cache.unlink()
    assert collect(tmp_path, Path("content")) == incremental  # the whole history read again


def test_a_renamed_claim_page_shows_its_first_publication(tmp_path):
    repo = tmp_path / "repo"
    content, first = _mini_repo(repo)
    _rename(repo, OLD, NEW)
    renamed = commit(repo, "Rename crime-record-low", "2025-04-02")
    section, page = _section(tmp_path, content, NEW)
    assert page.text.index("First published") < page.text.index("Changed")
    assert f"/commit/{first}" in section and f"/commit/{renamed}" in section
    assert "12 March 2025" in page.text  # the first commit's day, not the rename's


def test_a_copied_verdict_is_a_new_publication(tmp_path):
    """A new fact check started from a copy of another is not the other's history."""
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "claims/a.yaml", claim())
    write(tmp_path, "verdicts/a.yaml", verdict())
    commit(tmp_path, "Publish a", "2025-02-01")
    write(tmp_path, "claims/b.yaml", claim())
    write(tmp_path, "verdicts/b.yaml", verdict(cid="b"))
    second = commit(tmp_path, "Publish b, copied from a", "2025-02-02")
    history = collect(tmp_path, Path("content"))
    assert _kinds(history["b"]) == [("published", second, None)]
    assert len(history["a"]) == 1


def test_a_content_folder_moved_into_a_monorepo_keeps_every_history(tmp_path):
    """Moving content/ to site/content/ made every fact check "First published" that day."""
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "claims/a.yaml", claim())
    write(tmp_path, "verdicts/a.yaml", verdict())
    write(tmp_path, "claims/b.yaml", claim())
    published = commit(tmp_path, "Publish a", "2025-02-01")
    write(tmp_path, "verdicts/a.yaml", verdict(updates=UPDATE_1))
    clarified = commit(tmp_path, "Clarify a", "2025-02-02")
    cached = collect(tmp_path, Path("content"))
    (tmp_path / "site").mkdir()
    git(tmp_path, "mv", "content", "site/content")
    write(tmp_path, "app/main.py", "print(1)\n", folder=".")
    commit(tmp_path, "Monorepo: the site moves to site/, next to the app", "2025-03-01")
    _rename(tmp_path, "a", "c", content="site/content")
    renamed = commit(tmp_path, "Rename a to c", "2025-03-02")
    write(tmp_path, "verdicts/b.yaml", verdict(cid="b"), folder="site/content")
    first_b = commit(tmp_path, "Publish b", "2025-03-03")
    want = [("published", published, None), ("changed", clarified, "clarification")]
    assert _kinds(cached["a"]) == want
    history = collect(tmp_path, Path("site/content"))
    assert set(history) == {"b", "c"}
    # The move changed nothing a reader sees: not listed. The rename is.
    assert _kinds(history["c"]) == [*want, ("changed", renamed, None)]
    assert _kinds(history["b"]) == [("published", first_b, None)]
    assert collect(tmp_path / "app", Path("../site/content")) == history
    assert collect(tmp_path, Path("content")) is None  # the old folder is gone


# -- 3. the odd histories and checkouts -----------------------------------------------------------
def test_deleted_restored_reverted_and_merged(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "claims/a.yaml", claim())
    write(tmp_path, "verdicts/a.yaml", verdict())
    published = commit(tmp_path, "Publish a", "2025-02-01")
    write(tmp_path, "verdicts/a.yaml", verdict(updates=UPDATE_1))
    clarified = commit(tmp_path, "Clarify a", "2025-02-02")
    git(tmp_path, "revert", "--no-edit", "HEAD", date="2025-02-03T12:00:00+00:00")
    reverted = git(tmp_path, "rev-parse", "HEAD").strip()
    (tmp_path / "content/verdicts/a.yaml").unlink()
    deleted = commit(tmp_path, "Delete a by mistake", "2025-02-04")
    write(tmp_path, "verdicts/a.yaml", verdict())
    restored = commit(tmp_path, "Restore a", "2025-02-05")
    git(tmp_path, "checkout", "-q", "-b", "side")
    write(tmp_path, "verdicts/a.yaml", verdict(updates=UPDATE_1))
    commit(tmp_path, "Clarify a again", "2025-02-06")
    git(tmp_path, "checkout", "-q", "main")
    git(tmp_path, "merge", "-q", "--no-ff", "side", "-m", "Merge", date="2025-02-07T12:00:00+00:00")
    merged = git(tmp_path, "rev-parse", "HEAD").strip()
    assert _kinds(collect(tmp_path, Path("content"))["a"]) == [
        ("published", published, None),
        ("changed", clarified, "clarification"),
        ("changed", reverted, None),  # the entry taken out: a change, not a new entry
        ("changed", deleted, None),
        ("changed", restored, None),  # the same fact check again, not a new publication
        ("changed", merged, "clarification"),  # one change, dated when merged
    ]


@pytest.mark.parametrize("relative", [True, False])
def test_a_git_hook_s_git_dir_does_not_hide_the_history(tmp_path, monkeypatch, capsys, relative):
    """A hook runs with GIT_DIR set: absolute, git took the content folder as the work tree's top
    and found no verdict ever committed; relative, it found no repository at all."""
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "claims/a.yaml", claim())
    write(tmp_path, "verdicts/a.yaml", verdict())
    sha = commit(tmp_path, "Publish a", "2025-02-01")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_DIR", ".git" if relative else str(tmp_path / ".git"))
    assert _kinds(collect(tmp_path, Path("content"))["a"]) == [("published", sha, None)]
    assert check_changes(tmp_path / "content", "HEAD") == 0
    assert "no silent changes since HEAD" in capsys.readouterr().out


def test_a_linked_worktree_reads_its_own_branch(tmp_path):
    main = tmp_path / "main"
    main.mkdir()
    git(main, "init", "-q", "-b", "main")
    write(main, "claims/a.yaml", claim())
    write(main, "verdicts/a.yaml", verdict())
    sha = commit(main, "Publish a", "2025-02-01")
    git(main, "worktree", "add", "-q", "-b", "fix", str(tmp_path / "fix"))
    write(tmp_path / "fix", "verdicts/a.yaml", verdict(updates=UPDATE_1))
    fixed = commit(tmp_path / "fix", "Clarify a", "2025-02-02")
    assert _kinds(collect(tmp_path / "fix", Path("content"))["a"]) == [
        ("published", sha, None),
        ("changed", fixed, "clarification"),
    ]
    assert _kinds(collect(main, Path("content"))["a"]) == [("published", sha, None)]


def test_content_in_a_submodule_reads_the_submodule_s_history(tmp_path):
    facts = tmp_path / "facts"
    facts.mkdir()
    git(facts, "init", "-q", "-b", "main")
    write(facts, "claims/a.yaml", claim(), folder=".")
    write(facts, "verdicts/a.yaml", verdict(), folder=".")
    sha = commit(facts, "Publish a", "2025-02-01")
    outer = tmp_path / "outer"
    outer.mkdir()
    git(outer, "init", "-q", "-b", "main")
    write(outer, "README.md", "# Site\n", folder=".")
    commit(outer, "Site", "2025-03-01")
    git(
        outer,
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        facts.as_uri(),
        "content",
    )
    commit(outer, "Add the content as a submodule", "2025-03-02")
    assert _kinds(collect(outer, Path("content"))["a"]) == [("published", sha, None)]


def test_content_in_a_monorepo_with_unrelated_work_around_it(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "app/main.py", "print(1)\n", folder=".")
    write(tmp_path, "content/claims/a.yaml", claim(), folder="apps/site")  # a look-alike
    commit(tmp_path, "App", "2025-01-01")
    write(tmp_path, "claims/a.yaml", claim(), folder="apps/facts/content")
    write(tmp_path, "verdicts/a.yaml", verdict(), folder="apps/facts/content")
    sha = commit(tmp_path, "Publish a", "2025-02-01")
    write(tmp_path, "app/main.py", "print(2)\n", folder=".")
    write(tmp_path, "apps/site/content/verdicts/a.yaml", verdict(), folder=".")
    commit(tmp_path, "Unrelated", "2025-02-02")
    history = collect(tmp_path / "app", Path("../apps/facts/content"))
    assert _kinds(history["a"]) == [("published", sha, None)]


def test_dates_in_1970_and_the_future_build_a_page(tmp_path):
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(MINI, content)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Publish", date="1970-01-01T00:00:00+00:00")
    path = content / "verdicts" / "exports-halved.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"] = "Exports did fall by about half."
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    git(repo, "commit", "-qam", "Edit", date="2099-05-01T00:00:00+00:00")
    _, page = _section(tmp_path, content, "exports-halved")
    assert "1 January 1970" in page.text and "1 May 2099" in page.text
    assert collect(repo, Path("content"))["exports-halved"][1].date == dt.date(2099, 5, 1)


def test_git_pairing_two_alike_files_does_not_join_two_claims(tmp_path):
    """git's rename detection pairs a deleted file with an added one by likeness alone, and
    verdicts look alike: without a redirect, a new claim took a deleted one's history (first
    published months before it existed), and a draft moved in from another folder its draft's."""
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "claims/a.yaml", claim())
    write(tmp_path, "verdicts/a.yaml", verdict())
    first = commit(tmp_path, "Publish a", "2025-01-01")
    (tmp_path / "content/verdicts/a.yaml").unlink()
    (tmp_path / "content/claims/a.yaml").unlink()
    write(tmp_path, "claims/b.yaml", claim())
    write(tmp_path, "verdicts/b.yaml", verdict(cid="b"))
    second = commit(tmp_path, "Withdraw a, publish b", "2025-06-01")
    drafts = tmp_path / "drafts" / "verdicts"
    drafts.mkdir(parents=True)
    (drafts / "x.yaml").write_text(verdict(cid="x"), encoding="utf-8")
    commit(tmp_path, "Draft x", "2025-07-01")
    write(tmp_path, "claims/x.yaml", claim())
    git(tmp_path, "mv", "drafts/verdicts/x.yaml", "content/verdicts/x.yaml")
    third = commit(tmp_path, "Publish x", "2025-08-01")
    history = collect(tmp_path, Path("content"))
    assert [(c.kind, c.commit) for c in history["b"]] == [("published", second)]
    assert [(c.kind, c.commit) for c in history["a"]] == [
        ("published", first),
        ("changed", second),
    ]
    assert [(c.kind, c.commit) for c in history["x"]] == [("published", third)]
