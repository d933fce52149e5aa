"""The `factcheck` command as a user runs it: the installed console script, exit statuses, output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_validate import VALID_SUMMARY, edit, tree

from generator.cli import main as factcheck

EXE = Path(sys.executable).with_name("factcheck")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    cmd = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "generator.cli"]
    return subprocess.run([*cmd, *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_the_console_script_validates_content_by_default(tmp_path):
    root = tree(tmp_path)
    done = run("validate", cwd=root.parent)
    assert (done.returncode, done.stdout, done.stderr) == (0, VALID_SUMMARY + "\n", "")


def test_the_console_script_with_errors(tmp_path):
    root = tree(tmp_path, edit("verdicts/bus-fares-doubled.yaml", "rating: false", "rating: flase"))
    done = run("validate", "content", cwd=root.parent)
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout.splitlines() == [
        "content/verdicts/bus-fares-doubled.yaml:3:9: error: 'rating': no rating 'flase' exists "
        "(not in ratings.yaml); did you mean 'false'?",
        "3 claims, 2 verdicts, 1 document, 4 people: 1 error, 0 warnings",
    ]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["validate", "--format"],
        ["validate", "--format", "yaml"],
        ["new", "claim"],
        ["new", "thing", "x"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(tmp_path, args):
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert "usage: factcheck" in done.stderr and "Traceback" not in done.stderr


def test_a_content_path_that_is_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "content").write_text("not a folder")
    done = run("validate", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("factcheck: error: the content folder content is not a folder")


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        factcheck(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith("factcheck ")


def test_jobs_gives_the_same_output(tmp_path, capsys):
    root = tree(
        tmp_path, edit("claims/bus-fares-doubled.yaml", "claimant: jane-doe", "claimant: jane")
    )
    outputs = []
    for jobs in ("1", "2"):
        assert factcheck(["validate", str(root), "--jobs", jobs]) == 1
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and "'claimant': no person 'jane'" in outputs[0]


def test_schema_writes_to_schemas_by_default(tmp_path):
    done = run("schema", cwd=tmp_path)
    assert done.returncode == 0
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir())[0] == "claim.schema.json"


def test_new_then_validate_from_a_fresh_folder(tmp_path):
    shutil.copytree(tree(tmp_path / "t"), tmp_path / "content")
    done = run("new", "person", "pat", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == (
        f"wrote content{os.sep}people{os.sep}pat.yaml: fill in every TODO, then run "
        "`factcheck validate`\n"
    )
    done = run("validate", cwd=tmp_path)
    assert done.returncode == 1
    assert (
        "content/people/pat.yaml:6:7: error: 'name': still holds the template's TODO" in done.stdout
    )
