"""The `factcheck` command as a user runs it: the installed console script, exit statuses, output."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from factories import tree_digest
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


def _project(tmp_path: Path) -> Path:
    """A site folder as `factcheck init` leaves it: content/, mkdocs.yml, a .git and a note."""
    from factories import MINI, write_config

    root = tmp_path / "proj"
    shutil.copytree(MINI, root / "content")
    write_config(root, root / "content")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "notes.txt").write_text("not to be lost\n")
    return root


@pytest.mark.parametrize(
    ("command", "out", "named"),
    [
        ("build", ".", "the content folder"),
        ("build", "..", "the content folder"),
        ("build", "content", "the content folder"),
        ("build", "content/site", "inside the content folder"),
        ("build", "mkdocs.yml", "the configuration"),
        ("export", ".", "the content folder"),
    ],
)
def test_an_output_folder_that_holds_the_site_itself_is_refused(tmp_path, command, out, named):
    root = _project(tmp_path)
    before = tree_digest(tmp_path)
    args = [command, "--out", out] if command == "build" else [command, out]
    done = run(*args, cwd=root)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert ": error: " in done.stderr and named in done.stderr
    fix = "choose another --out" if command == "build" else "choose another folder to export into"
    assert fix in done.stderr
    assert tree_digest(tmp_path) == before  # nothing deleted, nothing added


@pytest.mark.parametrize(
    ("command", "made", "said"),
    [
        (
            "build",
            {"thesis.txt": "chapter one"},
            "this folder holds files that are not a built site (thesis.txt)",
        ),
        # Someone's own web pages: an index.html is not the mark of a built site.
        (
            "build",
            {"index.html": "<p>my pages</p>", "notes.txt": "mine"},
            "this folder holds files that are not a built site (index.html, notes.txt)",
        ),
        # Someone's own Markdown: an export is known by the stylesheet every export writes.
        (
            "export",
            {"index.md": "# My notes", "todo.txt": "mine", "claims/a.md": "mine"},
            "this folder holds files that are not a built site (claims, index.md, todo.txt)",
        ),
        ("build", {".git/HEAD": "ref: refs/heads/gh-pages"}, "this folder is a git repository"),
        ("build", {"site": "a file"}, "this is a file, not a folder"),
    ],
)
def test_an_output_folder_of_other_files_is_never_replaced(tmp_path, command, made, said):
    root = _project(tmp_path)
    out = root / "site"
    for name, text in made.items():
        path = root / name if name == "site" else out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    before = tree_digest(tmp_path)
    done = run(*([command, "--out", "site"] if command == "build" else [command, "site"]), cwd=root)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"{out}: error: {said}" + done.stderr.split(said, 1)[1]
    assert tree_digest(tmp_path) == before


def test_an_earlier_export_or_build_is_replaced(tmp_path):
    root = _project(tmp_path)
    for command in ("export", "build"):
        args = [command, "out"] if command == "export" else [command, "--out", "out"]
        assert run(*args, cwd=root).returncode == 0
        stale = root / "out" / "stale.txt"
        stale.write_text("left from the last run")
        done = run(*args, cwd=root)
        assert done.returncode == 0, done.stderr
        assert not stale.exists() and (root / "out/assets/factcheck/factcheck.css").is_file()
        if command == "export":
            shutil.rmtree(root / "out")


def test_an_unreadable_configuration_is_one_line_naming_the_file_and_line(tmp_path):
    root = _project(tmp_path)
    config = root / "mkdocs.yml"
    lines = config.read_text().count("\n")
    config.write_text(config.read_text() + "extra: [oops\n")
    done = run("build", cwd=root)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"mkdocs.yml:{lines + 2}:1: error: expected ',' or ']', but got '<stream end>'; "
        "fix the YAML there (quote a value that holds ': ' or starts with a bracket)"
    ]
    assert not (root / "site").exists()
    done = run("build", "--config", "nope.yml", cwd=root)
    assert (done.returncode, done.stderr.splitlines()) == (
        2,
        [
            "nope.yml: error: no such file; point --config at the site's mkdocs.yml, or start "
            "a site with `factcheck init`"
        ],
    )
    done = run("serve", "--config", "content", cwd=root)
    assert (done.returncode, done.stderr.splitlines()) == (
        2,
        [
            "content: error: this is a folder, not a configuration file; point --config at the "
            "site's mkdocs.yml"
        ],
    )


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("a" * 81, f"; did you mean '{'a' * 80}'?"),  # cut to the longest an id may be
        ("Bus_Fares", "; did you mean 'bus-fares'?"),
        # another script: ids are web addresses in Latin letters; a free dated id is offered
        (
            "東京の失業率",
            "; an id is the page's web address and is written in Latin letters: romanise a short "
            f"form of the claim (like 'tokyo-unemployment-doubled'), or use 'claim-{dt.date.today()}'",
        ),
    ],
)
def test_new_with_a_bad_id_states_the_whole_rule(tmp_path, written, hint):
    root = tree(tmp_path)
    done = run("new", "claim", written, cwd=root.parent)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"factcheck: error: '{written}' is not a valid id: ids use lowercase letters a-z, digits "
        f"and single hyphens (like 'kim-jong-un'), at most 80 characters{hint}\n"
    )


def test_json_problems_name_a_file_whose_name_is_not_utf8_in_strict_json(tmp_path):
    """A Latin-1 file name came out as a lone surrogate (caf\\udce9), which strict JSON readers
    refuse; its byte is written as \\xe9."""
    import json

    root = tree(tmp_path)
    (root / "people").joinpath(os.fsdecode(b"caf\xe9.yaml")).write_text("name: C\nkind: person\n")
    done = run("validate", "--format", "json", "--content", str(root), cwd=tmp_path)
    problems = json.loads(done.stdout.encode("utf-8").decode("utf-8", "strict"))
    paths = {p["path"] for p in problems}
    assert any(p.endswith("people/caf\\xe9.yaml") for p in paths), paths
    assert "\udce9" not in done.stdout


def test_a_site_catalog_that_is_not_utf8_is_named_with_its_line(tmp_path, monkeypatch, capsys):
    """A translator's editor saved the site's catalog in Latin-1: every command stopped with a
    Python traceback (UnicodeDecodeError) that named no file."""
    site = tmp_path / "site"
    init = ["init", str(site), "--name", "Ukweli", "--url", "https://x.example.org/"]
    assert factcheck([*init, "--language", "sw"]) == 0
    po = site / "locale/sw/LC_MESSAGES/messages.po"
    lines = po.read_bytes().splitlines(keepends=True)
    at = lines.index(b'msgid "Sources"\n') + 1
    lines[at] = 'msgstr "Vyanzo vya habari é"\n'.encode("latin-1")
    po.write_bytes(b"".join(lines))
    monkeypatch.chdir(site)
    for command in (["validate"], ["new", "claim", "first"]):
        capsys.readouterr()
        assert factcheck(command) == 2, command
        assert (
            capsys.readouterr()
            .err.strip()
            .endswith(
                f"locale/sw/LC_MESSAGES/messages.po:{at + 1}: error: a message catalog must be UTF-8 "
                "text, and this line is not: save the file as UTF-8"
            )
        )
    assert not (site / "content/claims/first.yaml").exists()
