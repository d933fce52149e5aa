"""History from git that is not as tidy as a newsroom's: odd commit messages, file names and dates,
shallow clones, detached heads, deleted and re-added verdicts. Real repositories in temporary
folders, built with `git` as tests/test_history.py does."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from pathlib import Path

from test_history import claim, commit, git, verdict, write

from generator.changes import check_changes
from generator.history import collect


def _published(repo: Path, subject: str = "Publish a", cid: str = "a") -> str:
    git(repo, "init", "-q", "-b", "main")
    write(repo, f"claims/{cid}.yaml", claim())
    write(repo, f"verdicts/{cid}.yaml", verdict(cid=cid))
    return commit(repo, subject, "2025-02-01")


def _raw_commit(repo: Path, header_date: str, message: str) -> str:
    """A commit whose committer line git's own porcelain would refuse to write."""
    tree = git(repo, "write-tree").strip()
    parent = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
    ).stdout.strip()
    text = f"tree {tree}\n" + (f"parent {parent}\n" if parent else "")
    text += f"author t <t@e> {header_date}\ncommitter t <t@e> {header_date}\n\n{message}\n"
    done = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin", "--literally"],
        cwd=repo,
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    sha = done.stdout.decode().strip()
    git(repo, "update-ref", "refs/heads/main", sha)
    return sha


def test_a_subject_with_record_and_unit_separators_keeps_the_publication(tmp_path):
    """git log's fields are split on RS and US; a pasted subject holding them hid the verdict."""
    subject = "Publish \x1ea\x1f <script>alert(1)</script> \u202eevil"
    sha = _published(tmp_path, subject)
    for _ in range(2):  # the first read, then the cached one
        history = collect(tmp_path, Path("content"))
        assert [(c.kind, c.commit, c.date) for c in history["a"]] == [
            ("published", sha, dt.date(2025, 2, 1))
        ]


def test_a_file_name_that_is_not_utf8_does_not_stop_the_build(tmp_path):
    """Saving the cache raised UnicodeEncodeError on a name git gives as bytes."""
    git(tmp_path, "init", "-q", "-b", "main")
    name = b"\xff.yaml".decode("utf-8", "surrogateescape")  # as Python names it on Linux
    for folder, text in (("claims", claim()), ("verdicts", verdict())):
        write(tmp_path, f"{folder}/{name}", text)
    write(tmp_path, "claims/a.yaml", claim())
    write(tmp_path, "verdicts/a.yaml", verdict())
    commit(tmp_path, "Publish", "2025-02-01")
    first = collect(tmp_path, Path("content"))
    assert first == collect(tmp_path, Path("content"))  # read back from the cache
    assert [c.kind for c in first["a"]] == ["published"]


def test_a_commit_date_git_cannot_give_as_a_day_still_publishes(tmp_path):
    """A committer date past year 9999 dropped the commit, and with it the first publication."""
    _published(tmp_path, "Draft", cid="b")
    write(tmp_path, "claims/a.yaml", claim())
    write(tmp_path, "verdicts/a.yaml", verdict())
    git(tmp_path, "add", "-A")
    sha = _raw_commit(tmp_path, "99999999999999 +0000", "Publish a")
    history = collect(tmp_path, Path("content"))
    assert [(c.kind, c.commit) for c in history["a"]] == [("published", sha)]
    assert history["a"][0].date == dt.date(2025, 2, 1)  # no older than the commit before it
    write(tmp_path, "verdicts/a.yaml", verdict(body="B"))
    commit(tmp_path, "Edit a", "2025-03-01")
    assert [c.date for c in collect(tmp_path, Path("content"))["a"]] == [
        dt.date(2025, 2, 1),
        dt.date(2025, 3, 1),
    ]


def test_dates_in_1970_and_the_future_are_shown_as_git_records_them(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "claims/a.yaml", claim())
    write(tmp_path, "verdicts/a.yaml", verdict())
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Publish", date="1970-01-01T00:00:00+00:00")
    write(tmp_path, "verdicts/a.yaml", verdict(body="B"))
    git(tmp_path, "commit", "-qam", "Edit", date="2099-05-01T00:00:00+00:00")
    history = collect(tmp_path, Path("content"))
    assert [c.date for c in history["a"]] == [dt.date(1970, 1, 1), dt.date(2099, 5, 1)]


def test_a_shallow_clone_says_why_there_is_no_history_and_what_to_do(tmp_path, caplog):
    origin = tmp_path / "origin"
    origin.mkdir()
    _published(origin)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", origin.as_uri(), str(clone)],
        check=True,
        capture_output=True,
    )
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.factcheck"):
        assert collect(clone, Path("content")) is None
    said = caplog.text
    assert "shallow clone" in said and "fetch-depth: 0" in said and "git fetch --unshallow" in said


def test_odd_file_names_moves_deletions_and_a_detached_head(tmp_path):
    sha = _published(tmp_path)
    odd = "x y\u00e9\n\u05d0"  # a space, an accent, a newline, a Hebrew letter
    write(tmp_path, f"claims/{odd}.yaml", claim())
    write(tmp_path, f"verdicts/{odd}.yaml", verdict(cid="x"))
    both = commit(tmp_path, "Publish the odd one", "2025-02-02")
    (tmp_path / "content/verdicts/a.yaml").unlink()
    gone = commit(tmp_path, "Delete a", "2025-02-03")
    write(tmp_path, "verdicts/a.yaml", verdict(body="Back"))
    back = commit(tmp_path, "Restore a", "2025-02-04")
    git(tmp_path, "mv", "content/verdicts/a.yaml", "content/verdicts/moved.yaml")
    git(tmp_path, "mv", "content/claims/a.yaml", "content/claims/moved.yaml")
    moved = commit(tmp_path, "Rename a to moved", "2025-02-05")
    git(tmp_path, "checkout", "-q", "--detach", moved)
    history = collect(tmp_path, Path("content"))
    assert [(c.kind, c.commit) for c in history["a"]] == [
        ("published", sha),
        ("changed", gone),
        ("changed", back),
        ("changed", moved),
    ]
    assert [(c.kind, c.commit) for c in history[odd]] == [("published", both)]
    assert [(c.kind, c.commit) for c in history["moved"]] == [("published", moved)]


def test_a_content_folder_named_like_a_pattern_reads_only_itself(tmp_path, capsys):
    """`c[x]` as a pathspec also matches `cx`: the folder's name is taken literally."""
    git(tmp_path, "init", "-q", "-b", "main")
    for folder in ("cx", "c[x]"):
        write(tmp_path, "claims/a.yaml", claim(), folder=folder)
        write(tmp_path, "verdicts/a.yaml", verdict(), folder=folder)
        sha = commit(tmp_path, f"Publish in {folder}", "2025-02-01")
    history = collect(tmp_path, Path("c[x]"))
    assert [c.commit for c in history["a"]] == [sha]
    (tmp_path / "c[x]" / "verdicts" / "a.yaml").unlink()
    assert check_changes(tmp_path / "c[x]", "HEAD") == 1
    assert "the published verdict on 'a' was deleted" in capsys.readouterr().out
