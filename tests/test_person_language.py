"""A person's name in its own language: an English name on a Spanish site, a Korean one on any other.

A person's `language` (the name as written) puts `lang` and `dir` wherever the name is shown on a page
in another language (the claim's claimant, the byline, lists, the person's page, the people list,
a document's author), so a screen reader says it in that voice; a name in the page's language, or
a person without `language`, is left as it was.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from factories import MINI, build_in_language


def _site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    people = content / "people"
    for pid, tag in (("jane-doe", "en"), ("sam-checker", "ko"), ("rita-editor", "es")):
        path = people / f"{pid}.yaml"
        path.write_text(path.read_text("utf-8") + f"language: {tag}\n", "utf-8")
    return build_in_language(tmp_path, content, "es")


def _page(out: Path, path: str) -> str:
    return (out / path / "index.html").read_text("utf-8")


def test_names_in_another_language_are_marked_wherever_they_are_shown(tmp_path):
    out = _site(tmp_path)
    claim = _page(out, "claims/unemployment-doubled")
    # The claimant under the claim, the fact-checker in the byline (Korean), the reviewer (Spanish).
    assert 'data-pagefind-filter="claimant" lang="en" dir="ltr">Jane Doe</a>' in claim
    byline = claim[claim.index('id="checked"') :]
    assert re.search(r'<a href="../../people/sam-checker/" lang="ko" dir="ltr">', byline)
    assert re.search(r'<a href="../../people/rita-editor/">', byline)  # es: the page's own
    # In lists of claims, and inside our sentences on the person's page.
    rating = _page(out, "ratings/mostly-false")
    assert '<bdi lang="en" dir="ltr">Jane Doe</bdi>' in rating
    person = _page(out, "people/jane-doe")
    assert '<span lang="en" dir="ltr">Jane Doe</span>' in person
    people = _page(out, "people")
    assert re.search(r'<a href="../people/jane-doe/" lang="en" dir="ltr">Jane Doe</a>', people) or (
        re.search(r'href="jane-doe/" lang="en" dir="ltr">Jane Doe</a>', people)
    )
    document = _page(out, "documents/speech-2025")
    assert re.search(r'people/jane-doe/" lang="en" dir="ltr">Jane Doe</a></dd>', document)


def test_a_mistyped_name_language_is_placed(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    person = content / "people" / "jane-doe.yaml"
    lines = person.read_text("utf-8").splitlines()
    person.write_text("\n".join([*lines, "language: Korean"]) + "\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", "--content", str(content)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    line = next(x for x in done.stdout.splitlines() if "jane-doe.yaml" in x)
    assert f"jane-doe.yaml:{len(lines) + 1}:" in line
    assert "'language'" in line and "Korean" in line
