"""History from git: real repositories in temporary folders."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from generator.history import Change, collect

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
UPDATE_1 = "- date: 2025-03-01\n  type: clarification\n  note: Added the regional figures.\n"
CORRECTION = UPDATE_1 + (
    "- date: 2025-04-01\n  type: correction\n  note: New figures.\n  previous_rating: false\n"
)


def claim(text: str = "Unemployment doubled.") -> str:
    return f'claim: "{text}"\nclaimant: jo\ndate: 2025-01-10\n'


def verdict(cid: str = "a", rating: str = "false", updates: str = "", body: str = "A") -> str:
    text = f"claim: {cid}\nrating: {rating}\nsummary: S.\nbody: {body}\npublished: 2025-02-01\n"
    return text + ("updates:\n" + updates if updates else "")


def git(repo: Path, *args: str, date: str = "2025-01-01T12:00:00+00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(
        [*GIT, *args], cwd=repo, check=True, capture_output=True, text=True, env=env
    )
    return done.stdout


def write(repo: Path, rel: str, text: str, folder: str = "content") -> None:
    path = repo / folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(repo: Path, message: str, day: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=f"{day}T12:00:00+00:00")
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """a: drafted, published, clarified, corrected on a merged branch, claim text edited.
    b: under review (no verdict). Returns the repository and the commit hashes by step."""
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "claims/a.yaml", claim())
    write(tmp_path, "claims/b.yaml", claim("Exports fell by half last year."))
    c = {"draft": commit(tmp_path, "Draft claim a", "2025-01-10")}
    write(tmp_path, "verdicts/a.yaml", verdict())
    c["publish"] = commit(tmp_path, "Publish a", "2025-02-01")
    write(tmp_path, "verdicts/a.yaml", verdict(updates=UPDATE_1))
    c["clarify"] = commit(tmp_path, "Clarify a", "2025-03-01")
    git(tmp_path, "checkout", "-q", "-b", "fix")
    write(tmp_path, "verdicts/a.yaml", verdict(rating="mostly-false", updates=CORRECTION))
    commit(tmp_path, "Correct a, step 1", "2025-04-01")
    write(tmp_path, "verdicts/a.yaml", verdict(rating="mostly-false", updates=CORRECTION, body="B"))
    commit(tmp_path, "Correct a, step 2", "2025-04-01")
    git(tmp_path, "checkout", "-q", "main")
    write(tmp_path, "pages/about.md", "# About\n")  # outside claims/verdicts: not history
    commit(tmp_path, "About page", "2025-04-02")
    git(
        tmp_path,
        "merge",
        "-q",
        "--no-ff",
        "fix",
        "-m",
        "Merge pull request #7 from someone/fix",
        date="2025-04-03T09:00:00+00:00",
    )
    c["merge"] = git(tmp_path, "rev-parse", "HEAD").strip()
    write(tmp_path, "claims/a.yaml", claim("Unemployment doubled!"))
    c["edit"] = commit(tmp_path, "Reword claim a", "2025-05-01")
    return tmp_path, c


def test_history_of_a_fact_check(repo):
    path, c = repo
    history = collect(path, Path("content"))
    assert history == {
        "a": (
            Change(dt.date(2025, 2, 1), c["publish"], c["publish"][:7], "Publish a", "published"),
            Change(
                dt.date(2025, 3, 1),
                c["clarify"],
                c["clarify"][:7],
                "Clarify a",
                "changed",
                "clarification",
            ),
            Change(
                dt.date(2025, 4, 3),
                c["merge"],
                c["merge"][:7],
                "Merge pull request #7 from someone/fix",
                "changed",
                "correction",
            ),
            Change(dt.date(2025, 5, 1), c["edit"], c["edit"][:7], "Reword claim a", "changed"),
        )
    }


def test_without_update_types(repo):
    path, _ = repo
    history = collect(path, path / "content", types=False)
    assert [ch.update for ch in history["a"]] == [None] * 4


def test_content_in_a_subfolder_and_any_folder_of_the_checkout(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "claims/x.yaml", claim(), folder="site/facts")
    write(tmp_path, "verdicts/x.yaml", verdict(cid="x"), folder="site/facts")
    sha = commit(tmp_path, "Publish x", "2025-06-01")
    history = collect(tmp_path / "site", Path("facts"))
    assert history == {"x": (Change(dt.date(2025, 6, 1), sha, sha[:7], "Publish x", "published"),)}


def test_no_history_outside_git(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert collect(tmp_path, Path("content")) is None


def test_no_history_without_git(repo, monkeypatch):
    path, _ = repo
    monkeypatch.setenv("PATH", str(path / "no-bin-here"))
    assert collect(path, Path("content")) is None


def test_no_history_in_a_shallow_clone(repo, tmp_path):
    path, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", path.as_uri(), str(clone)],
        check=True,
        capture_output=True,
    )
    assert collect(clone, Path("content")) is None


def test_new_repository_without_commits(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "claims/a.yaml", claim())
    assert collect(tmp_path, Path("content")) == {}


def test_missing_content_folder(tmp_path):
    assert collect(tmp_path, Path("content")) is None


def test_one_git_log_for_the_whole_tree(repo, monkeypatch):
    """Two git processes for the history itself however many files: log and cat-file."""
    import generator.changes as changes

    calls = []
    real = changes.subprocess.run

    def spy(cmd, *args, **kwargs):
        calls.append(cmd[1])
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(changes.subprocess, "run", spy)
    path, _ = repo
    for i in range(30):
        write(path, f"claims/n{i}.yaml", claim(f"Claim number {i}."))
        write(path, f"verdicts/n{i}.yaml", verdict(cid=f"n{i}"))
    commit(path, "Thirty more", "2025-06-01")
    assert len(collect(path, Path("content"))) == 31
    assert calls.count("log") == 1
    assert calls.count("cat-file") == 1


def _fresh(path: Path, monkeypatch) -> dict:
    """What a read without any cache gives."""
    import generator.history as history

    monkeypatch.setattr(history, "_load", lambda _path: None)
    try:
        return collect(path, Path("content"))
    finally:
        monkeypatch.undo()


def test_a_rebuild_reads_only_the_new_commits(repo, monkeypatch):
    import generator.history as history

    path, _ = repo
    first = collect(path, Path("content"))
    assert history.last_read.full and history.last_read.commits == 5
    assert collect(path, Path("content")) == first
    assert history.last_read.commits == 0
    assert list((path / ".git" / "factcheck").glob("history-*.json"))
    write(path, "verdicts/a.yaml", verdict(rating="mostly-false", updates=CORRECTION, body="C"))
    write(path, "claims/c.yaml", claim("A third claim."))
    write(path, "verdicts/c.yaml", verdict(cid="c"))
    commit(path, "Publish c, reword a", "2025-06-01")
    again = collect(path, Path("content"))
    assert history.last_read == history.Read(commits=1, full=False)
    assert again == _fresh(path, monkeypatch)
    assert [c.kind for c in again["c"]] == ["published"]
    assert again["a"][-1].subject == "Publish c, reword a"
    write(path, "verdicts/c.yaml", verdict(cid="c", updates=UPDATE_1))
    commit(path, "Clarify c", "2025-06-02")
    assert collect(path, Path("content"))["c"][-1].update == "clarification"
    assert history.last_read == history.Read(commits=1, full=False)


def test_a_rewritten_history_is_read_again_whole(repo, monkeypatch):
    import generator.history as history

    path, c = repo
    collect(path, Path("content"))
    git(path, "reset", "-q", "--hard", c["clarify"])  # as after a force-push
    write(path, "verdicts/a.yaml", verdict(rating="true", updates=UPDATE_1))
    commit(path, "Rate a true instead", "2025-07-01")
    again = collect(path, Path("content"))
    assert history.last_read.full
    assert again == _fresh(path, monkeypatch)
    assert [x.subject for x in again["a"]] == ["Publish a", "Clarify a", "Rate a true instead"]
    git(path, "reset", "-q", "--hard", c["publish"])  # behind the cached commit
    assert collect(path, Path("content")) == _fresh(path, monkeypatch)
    assert history.last_read.full


def test_a_merged_side_branch_is_not_read_commit_by_commit(repo, monkeypatch):
    """Cached on a branch that is later merged: the merge is one change, as a full read says."""
    import generator.history as history

    path, c = repo
    git(path, "checkout", "-q", "-b", "side", c["edit"])
    write(path, "verdicts/a.yaml", verdict(rating="true", updates=CORRECTION))
    commit(path, "Side step 1", "2025-06-01")
    write(path, "verdicts/a.yaml", verdict(rating="true", updates=CORRECTION, body="D"))
    commit(path, "Side step 2", "2025-06-02")
    collect(path, Path("content"))  # cached at the side branch's tip
    git(path, "checkout", "-q", "main")
    git(
        path, "merge", "-q", "--no-ff", "side", "-m", "Merge side", date="2025-06-03T09:00:00+00:00"
    )
    again = collect(path, Path("content"))
    assert history.last_read.full
    assert again == _fresh(path, monkeypatch)
    assert again["a"][-1].subject == "Merge side"


def test_an_unreadable_cache_is_ignored(repo):
    import generator.history as history

    path, _ = repo
    first = collect(path, Path("content"))
    for cached in (path / ".git" / "factcheck").glob("history-*.json"):
        cached.write_text("{not json", "utf-8")
    assert collect(path, Path("content")) == first
    assert history.last_read.full
