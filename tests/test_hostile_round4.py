"""Hostile content trees, fourth round: what a pull request can hold besides YAML mistakes.

Links that loop, names that macOS and Windows take for one another, content files under an
ending that is not read, hidden content, UTF-16 without a byte order mark, tabs, Windows device
names, unreadable files. Each case asserts what the contributor is told (file, line, fix), and
the build case that nothing is published while any of it is there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
from factories import MINI, REPO, parse
from test_validate import fixture_text, problems, tree

from generator.build import build
from generator.load import Loaded, _same_names
from generator.validate import _another_file

CLAIM = "claims/bus-fares-doubled.yaml"
LOOP = (
    "error: is a link that leads back to itself (a loop of links), so there is no file to read: "
    "replace the link with the file it was meant to be"
)
ONE_NAME = (
    "macOS and Windows take the two names for one, so a checkout there keeps only one of them; "
    "rename one (or, if both are the same, merge them into one)"
)
FOO_ID = (
    "error: the file name '{0}' is not a valid id; ids use lowercase letters a-z, digits and "
    "single hyphens (like 'kim-jong-un'), at most 80 characters. Rename the file to {1}.yaml"
)


# -- links ----------------------------------------------------------------------------------


def test_a_loop_of_links_says_it_leads_back_to_itself(tmp_path):
    root = tree(tmp_path)
    (root / "claims" / "self.yaml").symlink_to("self.yaml")
    (root / "people" / "a.yaml").symlink_to("b.yaml")
    (root / "people" / "b.yaml").symlink_to("a.yaml")
    assert problems(root) == [
        f"claims/self.yaml:1:1: {LOOP}",
        f"people/a.yaml:1:1: {LOOP}",
        f"people/b.yaml:1:1: {LOOP}",
    ]


def test_the_build_reports_every_hostile_file_and_publishes_nothing(tmp_path, capsys):
    """A link to /etc/passwd, a loop of links and a UTF-16 file in one pull request: each is
    named in the one run, and no site is written (so nothing outside content/ is published)."""
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    (content / "documents" / "passwd.txt").symlink_to("/etc/passwd")
    (content / "people" / "loop.yaml").symlink_to("loop.yaml")
    person = (content / "people" / "jane-doe.yaml").read_text(encoding="utf-8")
    (content / "people" / "jane-doe.yaml").write_bytes(person.encode("utf-16-le"))
    out = tmp_path / "site"
    assert build(content, out, REPO / "mkdocs.yml") == 1
    printed = capsys.readouterr()
    said = printed.out + printed.err
    assert "Traceback" not in said
    shown = str(content) + "/"
    for line in (
        f"{shown}documents/passwd.txt:1:1: error: is a link to a file outside the content folder",
        f"{shown}people/loop.yaml:1:1: {LOOP}",
        f"{shown}people/jane-doe.yaml:1:1: error: the file is UTF-16 text without a byte order "
        "mark, not UTF-8: save it with UTF-8 encoding",
    ):
        assert line in said
    assert not out.exists()


# -- names that are one name on macOS and Windows -------------------------------------------


def test_names_that_macos_and_windows_take_for_one_are_an_error(tmp_path):
    text = fixture_text(CLAIM)
    nfc, nfd = (unicodedata.normalize(form, "café") for form in ("NFC", "NFD"))
    page = "# About us\n\nWho we are.\n"
    txt = fixture_text("documents/council-meeting-2024-10-24.txt")
    root = tree(
        tmp_path,
        {
            "claims/FOO.yaml": text,
            "claims/Foo.yaml": text,
            f"people/{nfc}.yaml": "name: Café\nkind: organization\n",
            f"people/{nfd}.yaml": "name: Café\nkind: organization\n",
            "pages/about.md": page,
            "pages/About.md": page,
            "documents/Council-meeting-2024-10-24.txt": txt,
        },
    )
    found = [p for p in problems(root) if "similar" not in p]  # FOO and Foo are one claim
    assert (
        "claims/Foo.yaml:1:1: error: has the same name as claims/FOO.yaml but for letter case: "
        f"{ONE_NAME}" in found
    )
    assert (
        f"people/{nfd}.yaml:1:1: error: has the same name as people/{nfc}.yaml but for how its "
        "accents are written (here as a letter and a separate mark, Unicode NFD; there as one "
        f"character, NFC): {ONE_NAME}"
    ) in found
    assert (
        f"pages/About.md:1:1: error: has the same name as pages/about.md but for letter case: "
        f"{ONE_NAME}"
    ) in found
    assert (
        "documents/Council-meeting-2024-10-24.txt:1:1: error: has the same name as "
        f"documents/council-meeting-2024-10-24.txt but for letter case: {ONE_NAME}"
    ) in found
    # Each pair is named once, on the name that is not lowercase and composed.
    assert sum("has the same name" in p for p in found) == 4
    assert f"claims/FOO.yaml:2:1: {FOO_ID.format('FOO', 'foo')}" in found


def test_a_case_variant_of_an_id_or_a_list_file_is_told_once(tmp_path):
    """Bus-Fares-Doubled.yaml beside bus-fares-doubled.yaml: the id check already says to merge
    them; the same-name check does not say it again."""
    root = tree(
        tmp_path,
        {"claims/Bus-Fares-Doubled.yaml": fixture_text(CLAIM), "Ratings.yaml": "- id: x\n"},
    )
    found = [p for p in problems(root) if "similar" not in p]
    assert found == [
        "Ratings.yaml:1:1: error: is not read: only ratings.yaml is, and that file exists "
        "already; merge what this one holds into ratings.yaml and delete this file",
        "claims/Bus-Fares-Doubled.yaml:2:1: error: the file name 'Bus-Fares-Doubled' is not a "
        "valid id; ids use lowercase letters a-z, digits and single hyphens (like "
        "'kim-jong-un'), at most 80 characters. Its id would be 'bus-fares-doubled', but "
        "bus-fares-doubled.yaml exists already: if both are the same claim, merge them into "
        "bus-fares-doubled.yaml and delete this file; else rename this file to another id",
    ]


def test_a_file_is_not_taken_for_another_when_the_disk_opens_both_names_as_one(tmp_path):
    """On a macOS or Windows disk `jane-doe.yaml` opens `Jane-Doe.yaml` itself: the id check
    told a contributor there to merge the file into itself. A hard link is two names for one
    file on any disk, as both names are there."""
    mine = tmp_path / "Jane-Doe.yaml"
    mine.write_text("name: Jane\n")
    os.link(mine, tmp_path / "jane-doe.yaml")
    assert not _another_file(mine, "jane-doe.yaml")
    (tmp_path / "jane-doe.yaml").unlink()
    (tmp_path / "jane-doe.yaml").write_text("name: Jane\n")
    assert _another_file(mine, "jane-doe.yaml")
    assert not _another_file(mine, "nobody.yaml")


# -- content under an ending that is not read -----------------------------------------------


def test_a_content_file_under_another_ending_is_an_error_with_its_name(tmp_path):
    """`x.YAML`, `x.yaml.` (Windows drops the dot) and `x.TXT` were warned "not a .yaml file"
    and left out: the claim was not published and validate passed."""
    root = tree(
        tmp_path,
        {
            "claims/new-claim.YAML": fixture_text(CLAIM),
            "claims/other-claim.yaml.": fixture_text(CLAIM),
            "documents/council-meeting-2024-10-24.txt": None,
            "documents/council-meeting-2024-10-24.TXT": fixture_text(
                "documents/council-meeting-2024-10-24.txt"
            ),
        },
    )
    found = problems(root)
    assert (
        "claims/new-claim.YAML:1:1: error: rename it to new-claim.yaml: the content files end "
        "in .yaml, in lowercase" in found
    )
    assert (
        "claims/other-claim.yaml.:1:1: error: rename it to other-claim.yaml: the content files "
        "end in .yaml" in found
    )
    assert (
        "documents/council-meeting-2024-10-24.TXT:1:1: error: rename it to "
        "council-meeting-2024-10-24.txt: the content files end in .txt, in lowercase"
    ) in found


def test_the_same_id_as_yaml_and_yml_is_not_told_to_overwrite_the_yaml(tmp_path):
    """It was told "rename it to bus-fares-doubled.yaml", which would overwrite that file."""
    root = tree(
        tmp_path,
        {
            "claims/bus-fares-doubled.yml": fixture_text(CLAIM),
            "ratings.yml": fixture_text("ratings.yaml"),
        },
    )
    assert problems(root) == [
        "claims/bus-fares-doubled.yml:1:1: error: is not read: only bus-fares-doubled.yaml is, "
        "and that file exists already; merge what this one holds into bus-fares-doubled.yaml and "
        "delete this file (or, if it is another claim, give it another name)",
        "ratings.yml:1:1: error: is not read: only ratings.yaml is, and that file exists "
        "already; merge what this one holds into ratings.yaml and delete this file",
    ]


def test_a_hidden_content_file_is_a_warning_and_editor_files_say_nothing(tmp_path):
    root = tree(
        tmp_path,
        {
            "claims/.new-claim.yaml": fixture_text(CLAIM),
            "claims/.bus-fares-doubled.yaml.swp": "junk",
            "claims/.gitkeep": "",
            ".yaml": "",
        },
    )
    (root / "claims" / ".#bus-fares-doubled.yaml").symlink_to("someone@host.4242")  # Emacs lock
    assert problems(root) == [
        "claims/.new-claim.yaml:1:1: warning: starts with '.', so it is hidden and is not read: "
        "if it is content, rename it to new-claim.yaml; else delete it"
    ]


# -- encodings and indentation --------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_or_utf32_without_a_byte_order_mark_is_named(tmp_path, encoding):
    """UTF-16 of ASCII text is valid UTF-8 full of NULs: the file was read with a warning per
    line about U+0000 and accepted."""
    text = fixture_text("people/robin-editor.yaml").replace("Robin Editor", "Роберт Редактор")
    root = tree(tmp_path, {"people/robin-editor.yaml": text.encode(encoding)})
    name = encoding[:6].upper()
    assert problems(root) == [
        f"people/robin-editor.yaml:1:1: error: the file is {name} text without a byte order mark, "
        "not UTF-8: save it with UTF-8 encoding"
    ]


def test_a_file_of_nul_bytes_is_not_text_and_a_stray_nul_is_still_a_warning(tmp_path):
    stray = fixture_text("people/robin-editor.yaml").replace("Robin", "Rob\0in")
    root = tree(
        tmp_path, {"people/robin-editor.yaml": b"\0" * 5000, "people/sam-checker.yaml": stray}
    )
    found = problems(root)
    assert found[0] == (
        "people/robin-editor.yaml:1:1: error: the file is not text: it is mostly NUL bytes, as "
        "binary files are; a content file is UTF-8 text (replace it with the text, or remove it)"
    )
    assert any(
        p.startswith("people/sam-checker.yaml:")
        and "warning: 'name': contains an invisible control character (U+0000)" in p
        for p in found
    )


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("    quote:", "\tquote:", 8),  # a tab before a field of a list item
        (
            'claim: "Since I took office, bus fares have doubled."',
            "claim: |\n  Since I took office,\n\tbus fares have doubled.",
            4,
        ),  # a tab in a block of text
    ],
)
def test_a_tab_in_the_indentation_is_told_to_be_spaces(tmp_path, old, new, line):
    """libyaml's "found a tab character ..." had no fix; only "cannot start any token" had."""
    root = tree(tmp_path, {CLAIM: fixture_text(CLAIM).replace(old, new)})
    [found] = problems(root)
    assert found.startswith(f"{CLAIM}:{line}:1: error: YAML does not parse: ")
    assert found.endswith("; indent with spaces, not tabs")


# -- names Windows cannot have --------------------------------------------------------------


def test_a_windows_device_name_is_an_error(tmp_path):
    root = tree(
        tmp_path,
        {
            "claims/con.yaml": fixture_text(CLAIM).replace("Bus fares", "Con fares"),
            "pages/aux.md": "# Aux\n",
            "topics.yaml": fixture_text("topics.yaml") + '- id: nul\n  label: "Nothing"\n',
        },
    )
    found = [p for p in problems(root) if "similar" not in p]
    device = (
        "is the name of a device on Windows, where no file or folder may be called so, with any "
        "ending: Git for Windows cannot check the repository out, nor can the site be built "
        "there; rename it"
    )
    assert found == [
        f"claims/con.yaml:1:1: error: 'con' {device}",
        f"pages/aux.md:1:1: error: 'aux' {device}",
        f"topics.yaml:{fixture_text('topics.yaml').count(chr(10)) + 1}:7: error: the topic id "
        "'nul' is the name of a device on Windows, where its page's folder (topics/nul/) cannot "
        "be made, so the site cannot be built there; choose another id",
    ]


# -- a file that cannot be read -------------------------------------------------------------


def test_a_file_that_cannot_be_read_is_named_and_the_rest_is_checked(tmp_path):
    """Root reads any file whatever its mode: as root the check runs as the user nobody."""
    as_nobody: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: root reads a file of mode 000")
        as_nobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        probe = subprocess.run(
            [*as_nobody, sys.executable, "-c", "import generator.cli, yaml"],
            capture_output=True,
            cwd=REPO,
            timeout=60,
        )
        if probe.returncode != 0:  # a checkout in a private folder (mktemp -d makes one)
            pytest.skip("the user nobody cannot read this checkout or its Python")
    # A folder others may enter (pytest's tmp_path is its owner's only).
    place = Path(tempfile.mkdtemp(prefix="unreadable-"))
    try:
        place.chmod(0o755)
        root = tree(place)
        bad = fixture_text("claims/unemployment-halved.yaml").replace("claimant:", "claimnt:")
        (root / "claims" / "unemployment-halved.yaml").write_text(bad, encoding="utf-8")
        for path in [place, *place.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (root / CLAIM).chmod(0)
        run = subprocess.run(
            [*as_nobody, sys.executable, "-m", "generator.cli", "validate", str(root)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
        )
    finally:
        shutil.rmtree(place, ignore_errors=True)
    assert run.returncode == 1, run.stderr
    assert run.stderr == ""
    assert run.stdout.splitlines()[:2] == [
        f"{root}/{CLAIM}:1:1: error: the file cannot be read: Permission denied",
        f"{root}/claims/unemployment-halved.yaml:2:1: error: unknown field 'claimnt' in a "
        "claim; did you mean 'claimant'?",
    ]


# -- unusual but fine -----------------------------------------------------------------------


def test_a_bom_lone_cr_line_ends_an_anchor_and_a_tab_before_a_value_are_published_right(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    claim = content / "claims" / "unemployment-doubled.yaml"
    text = (
        claim.read_text(encoding="utf-8")
        .replace("claimant: jane-doe", "claimant:\t&who jane-doe")
        .replace(
            'title: "Unemployment doubled between 2022 and 2025"',
            'title: "Unemployment doubled — as said"',
        )
        .replace("\n", "\r")
    )
    claim.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    out = tmp_path / "site"
    assert build(content, out, REPO / "mkdocs.yml") == 0
    page = parse(out / "claims" / "unemployment-doubled" / "index.html")
    assert "Unemployment doubled — as said" in page.text
    assert "\ufeff" not in page.text and "&who" not in page.text


def test_the_same_name_check_takes_linear_time():
    """A folder of case variants of one name (a pull request can hold 2**20 of `aaaa...`) is
    one group: each name is reported once, and ten times the names take about ten times as
    long."""

    def timed(count: int) -> tuple[float, list[str]]:
        names = [
            "".join(c.upper() if (i >> b) & 1 else c for b, c in enumerate("a" * 20)) + ".md"
            for i in range(count)
        ]
        out = Loaded(root=Path("content"))
        said: list[str] = []
        started = time.process_time()
        _same_names(names, "pages/", out, lambda rel, msg, **kw: said.append(rel))
        return time.process_time() - started, said

    small, said = timed(5_000)
    assert len(said) == 4_999 and "pages/aaaaaaaaaaaaaaaaaaaa.md" not in said
    large, said = timed(50_000)
    assert len(said) == 49_999
    assert large < 30 * small + 0.5, (small, large)


@pytest.mark.parametrize("end", ["\r\n", "\r"])
def test_crlf_and_lone_cr_files_place_problems_at_the_editors_line(tmp_path, end):
    text = fixture_text(CLAIM).replace("claimant:", "claimnt:").replace("\n", end)
    assert problems(tree(tmp_path, {CLAIM: text.encode("utf-8")})) == [
        f"{CLAIM}:4:1: error: unknown field 'claimnt' in a claim; did you mean 'claimant'?"
    ]
