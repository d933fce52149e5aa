"""CONTRIBUTING.md stays true: its format reference is generated, its example is valid content, and
the messages and commands it shows are the ones the tools really print and have."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import parser
from generator.formatdoc import BEGIN, END, format_reference, main, replace_generated
from generator.validate import validate

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "CONTRIBUTING.md"
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def subcommands() -> set[str]:
    sub = next(a for a in parser()._actions if a.dest == "command")
    return set(sub.choices)


def test_format_reference_is_the_generated_one():
    text = guide()
    assert text.count(BEGIN) == 1 and text.count(END) == 1
    generated = text[text.index(BEGIN) + len(BEGIN) : text.index(END)]
    assert generated == "\n\n" + format_reference() + "\n", (
        "CONTRIBUTING.md's format reference is out of date: run python -m generator.formatdoc"
    )


def test_reference_names_every_field_of_every_file():
    from generator.spec import KINDS

    ref = format_reference()
    for kind in KINDS.values():
        for f in kind.fields:
            assert f"| `{f.name}` |" in ref


def test_formatdoc_command_updates_and_checks(tmp_path, capsys):
    doc = tmp_path / "GUIDE.md"
    doc.write_text(f"# Guide\n\n{BEGIN}\nstale\n{END}\n\nAfter.\n", encoding="utf-8")
    assert main([str(doc), "--check"]) == 1
    assert main([str(doc)]) == 0
    assert main([str(doc), "--check"]) == 0
    assert doc.read_text(encoding="utf-8") == replace_generated(
        f"# Guide\n\n{BEGIN}\n{END}\n\nAfter.\n", format_reference()
    )
    (tmp_path / "bare.md").write_text("no markers\n")
    assert main([str(tmp_path / "bare.md")]) == 2
    assert "markers are missing" in capsys.readouterr().err


def test_every_factcheck_command_it_shows_exists():
    used = set(re.findall(r"factcheck ([a-z][a-z-]*)", guide()))
    assert used - {"publisher"} <= subcommands()
    assert {"new", "validate", "serve", "check-changes", "build"} <= used


def _example_files() -> dict[str, str]:
    """The example's files: each YAML block right after a line naming `content/<path>`."""
    blocks = re.findall(r"^`(content/[^`]+\.yaml)`:\n\n```yaml\n(.*?)^```", guide(), re.M | re.S)
    return {path: text for path, text in blocks}


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The repository's content plus the worked example, in a git checkout."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    files = _example_files()
    assert set(files) == {
        "content/people/mayor-example.yaml",
        "content/claims/city-bus-fares-doubled.yaml",
        "content/verdicts/city-bus-fares-doubled.yaml",
    }
    for rel, text in files.items():
        (tmp_path / rel).write_text(text, encoding="utf-8")
    topic = re.search(r"^  ```yaml\n(  - id: transport\n.*?)^  ```", guide(), re.M | re.S)
    topics = tmp_path / "content" / "topics.yaml"
    with topics.open("a", encoding="utf-8") as fh:
        fh.write("\n" + "\n".join(line[2:] for line in topic.group(1).splitlines()) + "\n")
    return tmp_path


def test_worked_example_is_valid(example):
    report = validate(example / "content", display_prefix="content/")
    mine = [
        str(p)
        for p in report.problems
        if "city-bus-fares" in p.path or "mayor-example" in p.path or "topics.yaml" in p.path
    ]
    assert mine == []


def test_messages_shown_are_the_real_ones(example, monkeypatch, capsys):
    from generator.cli import main as factcheck

    monkeypatch.chdir(example)
    verdict = example / "content/verdicts/city-bus-fares-doubled.yaml"
    text = verdict.read_text(encoding="utf-8")
    verdict.write_text(text.replace("rating: misleading", "rating: misleding"), encoding="utf-8")
    factcheck(["validate"])
    shown = [line for line in capsys.readouterr().out.splitlines() if "city-bus" in line]
    assert shown and all(line in guide() for line in shown)

    verdict.write_text(text, encoding="utf-8")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "x"]):
        subprocess.run([*GIT, *args], cwd=example, check=True, capture_output=True)
    verdict.write_text(text.replace("rating: misleading", "rating: mostly-false"), "utf-8")
    assert factcheck(["check-changes", "--base", "main"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first in guide()

    correction = re.search(r"^  ```yaml\n(  updates:\n.*?)^  ```", guide(), re.M | re.S)
    with verdict.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(line[2:] for line in correction.group(1).splitlines()) + "\n")
    assert factcheck(["check-changes", "--base", "main"]) == 0
    assert factcheck(["validate"]) == 0
