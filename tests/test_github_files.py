"""The GitHub files parse, follow GitHub's schemas, and only run commands that exist."""

from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from generator.cli import parser

REPO = Path(__file__).resolve().parent.parent
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = [GITHUB / "ISSUE_TEMPLATE" / f"{n}.yml" for n in ("submit-a-claim", "report-an-error")]
ISSUE_CONFIG = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*):(?!=)", text, re.M))


def test_expected_files_exist():
    names = {p.relative_to(REPO).as_posix() for p in [*WORKFLOWS, *FORMS, ISSUE_CONFIG, HOOKS]}
    assert {
        ".github/workflows/pull-request.yml",
        ".github/workflows/deploy.yml",
        ".github/ISSUE_TEMPLATE/submit-a-claim.yml",
        ".github/ISSUE_TEMPLATE/report-an-error.yml",
        ".github/ISSUE_TEMPLATE/config.yml",
        ".pre-commit-hooks.yaml",
    } <= names
    assert (GITHUB / "PULL_REQUEST_TEMPLATE.md").is_file()
    assert (GITHUB / "CODEOWNERS").is_file()


def _commands(script: str) -> list[list[str]]:
    """Each command of a `run:` script, split like the shell would (variables left as written)."""
    out = []
    for line in script.replace("\\\n", " ").splitlines():
        line = line.split(" #", 1)[0].strip()
        for part in re.split(r"&&|\|\||;", line):
            if part.strip():
                out.append(shlex.split(part))
    return out


def _run_steps(workflow: dict) -> list[list[str]]:
    return [
        cmd
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if "run" in step
        for cmd in _commands(step["run"])
    ]


def _check_command(cmd: list[str], where: str) -> None:
    if cmd[0] == "factcheck":
        try:
            parser().parse_args(cmd[1:])
        except SystemExit as e:
            raise AssertionError(
                f"{where}: `{shlex.join(cmd)}` is not a valid factcheck command"
            ) from e
    elif cmd[0] == "make":
        targets = [a for a in cmd[1:] if not a.startswith("-") and "=" not in a]
        assert set(targets) <= make_targets(), f"{where}: no such make target in {targets}"
    elif cmd[:4] == [sys.executable, "-m", "pip", "install"] or cmd[1:4] == [
        "-m",
        "pip",
        "install",
    ]:
        extras = re.findall(r"\.\[([\w,-]+)\]", " ".join(cmd))
        declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"].get(
            "optional-dependencies", {}
        )
        for group in extras:
            assert set(group.split(",")) <= set(declared), f"{where}: unknown extra [{group}]"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_commands_exist(path):
    workflow = load(path)
    cmds = _run_steps(workflow)
    assert cmds
    for cmd in cmds:
        _check_command(cmd, path.name)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_actions_are_pinned_to_a_version(path):
    for job in load(path)["jobs"].values():
        for step in job.get("steps", []):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def _steps(workflow: dict) -> list[dict]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def _uses(workflow: dict, action: str) -> dict:
    return next(s for s in _steps(workflow) if s.get("uses", "").startswith(action + "@"))


def test_pull_request_workflow_does_the_whole_review():
    wf = load(GITHUB / "workflows" / "pull-request.yml")
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1); GitHub reads it as "on".
    assert "pull_request" in wf[True]
    assert _uses(wf, "actions/checkout")["with"]["fetch-depth"] == 0
    assert str(_uses(wf, "actions/setup-python")["with"]["python-version"]) == "3.11"
    runs = [shlex.join(c) for c in _run_steps(wf)]
    assert "python -m pip install -e '.[test]'" in runs
    assert "factcheck validate --format github" in runs
    assert "factcheck check-changes --base 'origin/$BASE_REF' --format github" in runs
    check = next(s for s in _steps(wf) if "check-changes" in s.get("run", ""))
    assert check["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert "factcheck build" in runs  # strict unless --no-strict
    assert "make test" in runs
    upload = _uses(wf, "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    assert wf["permissions"] == {"contents": "read"}


def test_deploy_workflow_publishes_main_to_pages():
    wf = load(GITHUB / "workflows" / "deploy.yml")
    assert wf[True]["push"]["branches"] == ["main"]
    assert wf["permissions"]["pages"] == "write"
    assert wf["permissions"]["id-token"] == "write"
    assert _uses(wf, "actions/checkout")["with"]["fetch-depth"] == 0
    assert _uses(wf, "actions/upload-pages-artifact")["with"]["path"].rstrip("/") == "site"
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    assert "factcheck build" in [shlex.join(c) for c in _run_steps(wf)]


@pytest.mark.parametrize("name", ["pull-request.yml", "deploy.yml"])
def test_workflows_that_build_keep_the_build_caches(name):
    """Link-preview images (.cache/factcheck/) and the git-history cache (<git dir>/factcheck/)
    are restored before the build, and the checkout is deep enough for the History sections."""
    from generator.history import CACHE_FOLDER

    wf = load(GITHUB / "workflows" / name)
    steps = _steps(wf)
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert _uses(wf, "actions/checkout")["with"]["fetch-depth"] == 0
    cache = _uses(wf, "actions/cache")
    assert uses.index("actions/checkout") < uses.index("actions/cache")
    build = next(i for i, s in enumerate(steps) if s.get("run", "").strip() == "factcheck build")
    assert uses.index("actions/cache") < build
    assert {p.rstrip("/") for p in cache["with"]["path"].splitlines()} == {
        ".cache/factcheck",
        f".git/{CACHE_FOLDER}",
    }
    key = cache["with"]["key"]
    assert "${{ runner.os }}" in key and "hashFiles('content/**'" in key
    assert cache["with"]["restore-keys"].splitlines() == ["factcheck-${{ runner.os }}-"]
    assert key.startswith("factcheck-${{ runner.os }}-")


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_issue_forms(path):
    form = load(path)
    assert form["name"] and form["description"] and form["labels"]
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    types = {item["type"] for item in form["body"]}
    assert types <= {"markdown", "textarea", "input", "dropdown", "checkboxes"}
    assert any(item.get("validations", {}).get("required") for item in form["body"])


def test_issue_config():
    config = load(ISSUE_CONFIG)
    assert isinstance(config["blank_issues_enabled"], bool)
    for link in config["contact_links"]:
        assert link["name"] and link["about"] and link["url"].startswith("https://")


def test_codeowners_gives_verdicts_to_the_editors():
    rules = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            assert owners, line
            assert all(re.fullmatch(r"@[\w-]+(/[\w-]+)?|[^@\s]+@[^@\s]+", o) for o in owners)
            rules.append((pattern, owners))

    def owners_of(path: str) -> list[str]:  # the last matching rule wins
        found: list[str] = []
        for pattern, owners in rules:
            p = pattern.lstrip("/")
            if pattern == "*" or path == p or (p.endswith("/") and path.startswith(p)):
                found = owners
        return found

    assert owners_of("content/verdicts/some-claim.yaml") == ["@open-fact-desk/editors"]
    assert owners_of("content/ratings.yaml") == ["@open-fact-desk/editors"]
    assert owners_of(".github/workflows/deploy.yml") == ["@open-fact-desk/maintainers"]
    assert owners_of("generator/cli.py") == ["@open-fact-desk/maintainers"]


def test_pull_request_template_is_the_editorial_checklist():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(boxes) >= 15
    for needed in (
        "two independent sources",
        "Original sources first",
        "archive_url",
        "contacted the claimant",
        "previous_rating",
        "factcheck validate",
        "factcheck serve",
        "redirects.yaml",
    ):
        assert needed in text, needed
    for cmd in re.findall(r"`(factcheck [^`]+)`", text):
        _check_command(shlex.split(cmd), "PULL_REQUEST_TEMPLATE.md")


def test_pre_commit_hooks():
    hooks = {h["id"]: h for h in load(HOOKS)}
    assert "factcheck-validate" in hooks
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        assert re.compile(hook["files"]).match("content/claims/x.yaml")
        _check_command(shlex.split(hook["entry"]), ".pre-commit-hooks.yaml")
    assert hooks["factcheck-validate"]["entry"] == "factcheck validate"


_SCHEMAS = [
    *((p, "vendor.github-workflows") for p in WORKFLOWS),
    *((p, "vendor.github-issue-forms") for p in FORMS),
    (ISSUE_CONFIG, "vendor.github-issue-config"),
]


@pytest.mark.parametrize(
    ("path", "schema"), _SCHEMAS, ids=lambda x: x.name if isinstance(x, Path) else x
)
def test_github_schemas(path, schema):
    """GitHub's own schemas (from SchemaStore, shipped inside check-jsonschema: no network)."""
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.skip("check-jsonschema is not installed (it belongs in the [test] extra)")
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_command_check_catches_mistakes():
    for bad in (
        "factcheck valdate",
        "factcheck validate --format xml",
        "factcheck check-changes",
        "make tests",
        "python -m pip install -e '.[tests]'",
    ):
        with pytest.raises(AssertionError):
            _check_command(shlex.split(bad), "example")
    _check_command(shlex.split("factcheck check-changes --base origin/main"), "example")
