"""A newsroom's first hour from the wheel, not from this checkout: `factcheck init` in a language
with starter text (Ukrainian) and in one without (Swahili), `factcheck new` for each kind, the
files filled in, `factcheck validate` and `factcheck build`, and the site's own catalog translated
in part. What `pip install` gives must be enough: the starter files, catalogs, theme and assets are
package data, and a file the wheel leaves out fails here, not at a newsroom.

The wheel is built from a copy of the package (no build/ folder in the checkout) and installed
with `pip install --target`; its dependencies are this environment's. Building needs setuptools
from the package registry (CI has it); FACTCHECK_OFFLINE=1 skips. tests/browser/test_new_site.py
reads such a site in Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
URL = "https://facts.example.org/"


def _run(cmd: list, ok: bool = True, **kw) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if ok:
        assert done.returncode == 0, f"{cmd}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def factcheck(tmp_path_factory):
    """`factcheck ARGS` run from the installed wheel, in a folder: (exit status, output)."""
    if os.environ.get("FACTCHECK_OFFLINE") == "1":
        pytest.skip("FACTCHECK_OFFLINE=1: building the wheel needs setuptools from the registry")
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    shutil.copytree(
        REPO / "generator", src / "generator", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    _run([*pip, "wheel", src, "--no-deps", "-w", work / "dist"])
    (wheel,) = (work / "dist").glob("factcheck_publisher-*.whl")
    _run([*pip, "install", "--no-deps", "--target", work / "lib", wheel])
    env = {**os.environ, "PYTHONPATH": str(work / "lib")}
    where = _run(
        [sys.executable, "-c", "import generator; print(generator.__file__)"], env=env, cwd=work
    )
    assert Path(where.stdout.strip()).is_relative_to(
        work / "lib"
    )  # the wheel's, not the checkout's

    def run(cwd: Path, *args: str) -> tuple[int, str]:
        done = _run([sys.executable, "-m", "generator.cli", *args], ok=False, env=env, cwd=cwd)
        return done.returncode, done.stdout + done.stderr

    return run


def _fill_in(site: Path, quote: str, summary: str) -> None:
    """What an editor writes over the templates `factcheck new` wrote (rating ids are the starter
    scale's, the same in every language)."""
    content = site / "content"
    files = {
        "people/olena.yaml": 'name: "Olena"\nkind: person\n',
        "documents/interview.yaml": 'title: "Interview"\nkind: interview\ndate: 2026-11-02\n',
        "documents/interview.txt": f"{quote}\n",
        "claims/doubled.yaml": f"""\
            claim: "{quote}"
            claimant: olena
            date: 2026-11-02
            appearances:
              - document: interview
                quote: "{quote}"
            """,
        "verdicts/doubled.yaml": f"""\
            claim: doubled
            rating: false
            summary: "{summary}"
            body: "{summary} [@stat]"
            sources:
              - id: stat
                title: "Statistics"
                url: https://stat.example.org/
            authors: [olena]
            published: 2026-11-05
            """,
    }
    for rel, text in files.items():
        (content / rel).write_text(textwrap.dedent(text), encoding="utf-8")


def _new_files(factcheck, site: Path) -> dict[str, str]:
    for kind, item in [
        ("person", "olena"),
        ("document", "interview"),
        ("claim", "doubled"),
        ("verdict", "doubled"),
    ]:
        code, out = factcheck(site, "new", kind, item)
        assert code == 0, out
    return {
        kind: (site / "content" / folder / f"{item}.yaml").read_text(encoding="utf-8")
        for kind, folder, item in [("claim", "claims", "doubled"), ("person", "people", "olena")]
    }


def test_a_site_in_a_language_with_starter_text(factcheck, tmp_path):
    code, out = factcheck(
        tmp_path, "init", "site", "--name", "Перевірка", "--url", URL, "--language", "uk"
    )
    assert code == 0, out
    site = tmp_path / "site"
    written = _new_files(factcheck, site)
    claim = written["claim"].splitlines()
    assert (
        claim[2] == "# Заповніть кожне TODO, а потім перевірте файл командою `factcheck validate`."
    )
    assert 'claim: "TODO: твердження так, як його зробили, словами автора"' in claim
    assert (
        "# kind (обов’язкове): person (людина) або organization (організація)." in written["person"]
    )
    code, out = factcheck(site, "validate")
    assert (
        code == 1
        and "content/claims/doubled.yaml:6:8: error: 'claim': still holds the template's TODO"
        in out
    )

    _fill_in(site, "Безробіття подвоїлося", "Безробіття зросло на десяту частину.")
    code, out = factcheck(site, "validate")
    assert code == 0 and "0 errors" in out, out
    code, out = factcheck(site, "build")
    assert code == 0, out
    page = (site / "site/claims/doubled/index.html").read_text(encoding="utf-8")
    assert '<html lang="uk"' in page and "Безробіття подвоїлося" in page
    assert "Що ми з’ясували" in page  # the package's Ukrainian words


def test_a_site_in_a_language_without_starter_text(factcheck, tmp_path):
    from babel.messages.pofile import read_po, write_po

    code, out = factcheck(
        tmp_path, "init", "site", "--name", "Ukweli", "--url", URL, "--language", "sw"
    )
    assert code == 0, out
    site = tmp_path / "site"
    assert "locale/sw/LC_MESSAGES/messages.po" in out
    code, out = factcheck(site, "new", "claim", "first")
    assert code == 0, out
    first = (site / "content/claims/first.yaml").read_text(encoding="utf-8").splitlines()
    assert first[2] == "# Fill in every TODO, then run `factcheck validate` to check the file."
    (site / "content/claims/first.yaml").unlink()

    # The editor translates a few strings of the site's catalog, some of them the template's.
    po = site / "locale/sw/LC_MESSAGES/messages.po"
    with po.open("rb") as f:
        catalog = read_po(f)
    words = {
        "What we found": "Tulichogundua",
        "Sources": "Vyanzo",
        "Fill in every TODO, then run `factcheck validate` to check the file.": (
            "Jaza kila TODO, kisha endesha `factcheck validate` kukagua faili."
        ),
        "%(field)s (required): %(meaning)s": "%(field)s (lazima): %(meaning)s",
    }
    for msgid, msgstr in words.items():
        catalog[msgid].string = msgstr
    with po.open("wb") as f:
        write_po(f, catalog)

    written = _new_files(factcheck, site)
    claim = written["claim"].splitlines()
    assert claim[2] == "# Jaza kila TODO, kisha endesha `factcheck validate` kukagua faili."
    assert "# claimant (lazima): Who made the claim: a person id (people/)." in claim
    _fill_in(site, "Ukosefu wa ajira umeongezeka mara mbili", "Takwimu zinaonyesha ongezeko dogo.")
    code, out = factcheck(site, "build")  # strict: the catalog is not done
    assert code == 1 and "the catalog for 'sw' (locale/sw/LC_MESSAGES/messages.po) leaves" in out
    assert not (site / "site").exists()
    code, out = factcheck(site, "build", "--no-strict")
    assert code == 0, out
    page = (site / "site/claims/doubled/index.html").read_text(encoding="utf-8")
    assert '<html lang="sw"' in page and "Tulichogundua" in page and "Vyanzo" in page
