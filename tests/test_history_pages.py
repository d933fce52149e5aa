"""Claim pages show their verdict's history from git: first publication, then each change."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml
from factories import MINI, ParsedPage, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

CLAIM = "exports-halved"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def build_history(tmp: Path, content: Path) -> str:
    """The text of the claim page's History section, as a reader sees it."""
    config = load_config(str(write_config(tmp / "cfg", content)))
    mkdocs_build(config)
    page = Path(config.site_dir) / "claims" / CLAIM / "index.html"
    html = page.read_text(encoding="utf-8")
    start = html.index('<section aria-labelledby="history"')
    return html[start : html.index("</section>", start)]


def test_outside_git_the_page_says_there_is_no_history(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    section = build_history(tmp_path, content)
    assert "No history available" in ParsedPage(section).text


def test_first_publication_and_a_later_correction_with_commit_links(tmp_path):
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(MINI, content)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Publish the first checks")
    first = git(repo, "rev-parse", "HEAD")

    verdict = content / "verdicts" / f"{CLAIM}.yaml"
    data = yaml.safe_load(verdict.read_text(encoding="utf-8"))
    data.setdefault("updates", []).append(
        {
            "date": str(data["published"]),
            "type": "correction",
            "note": "Fixed the year of a figure.",
        }
    )
    verdict.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    git(repo, "commit", "-qam", "Correct a figure <script>alert(1)</script>")
    second = git(repo, "rev-parse", "HEAD")

    section = build_history(tmp_path, content)
    text = ParsedPage(section).text
    assert "First published" in text and first[:7] in text
    assert "Correction" in text and second[:7] in text
    assert text.index("First published") < text.index("Correction")
    assert f"/commit/{first}" in section and f"/commit/{second}" in section
    assert "alert" not in section  # commit subjects are never shown
