"""Broken and hostile files: each gives one clean error naming the file, and the rest is still checked.

Every case adds its bad file to the valid tree together with an ordinary mistake in another claim
(`OTHER_ERROR`), and asserts both are reported: one file cannot stop the others being read.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_validate import CLAIM, edit, fixture_text, tree

from generator import load
from generator.spec import LIMITS
from generator.validate import validate

OTHER = "claims/unemployment-halved.yaml"
OTHER_FILES = edit(OTHER, "claimant: city-council", "claimant: city-councel")
OTHER_ERROR = (
    f"{OTHER}:2:11: error: 'claimant': no person 'city-councel' exists (people/city-councel.yaml "
    "not found); did you mean 'city-council'?"
)
PERSON = "people/robin-editor.yaml"  # referenced only as a reviewer, so breaking it breaks no claim


def problems(root: Path) -> list[str]:
    return [str(p) for p in validate(root, display_prefix="").problems]


def assert_only(root: Path, expected: str) -> None:
    """The one error about the bad file, plus the unrelated error elsewhere: nothing else."""
    assert problems(root) == sorted([expected, OTHER_ERROR])


def hostile(tmp_path: Path, files: dict) -> Path:
    return tree(tmp_path, {**OTHER_FILES, **files})


def factcheck_cli(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# -- encodings ------------------------------------------------------------------------------


def test_not_utf8(tmp_path):
    root = hostile(tmp_path, {PERSON: 'name: "Jos\xe9 Editor"\nkind: person\n'.encode("latin-1")})
    assert_only(
        root,
        f"{PERSON}:1:11: error: the file is not UTF-8 text (byte 0xe9 at line 1): save it with "
        "UTF-8 encoding",
    )


def test_utf16_is_not_utf8(tmp_path):
    root = hostile(tmp_path, {PERSON: "name: Robin\nkind: person\n".encode("utf-16")})
    assert_only(
        root,
        f"{PERSON}:1:1: error: the file is not UTF-8 text (byte 0xff at line 1): save it with "
        "UTF-8 encoding",
    )


def test_bom_and_crlf_are_accepted(tmp_path):
    text = fixture_text(PERSON).replace("Robin Editor", "Robin Édouard").replace("\n", "\r\n")
    root = hostile(tmp_path, {PERSON: b"\xef\xbb\xbf" + text.encode("utf-8")})
    assert problems(root) == [OTHER_ERROR]
    fixed = tree(tmp_path / "ok", {PERSON: b"\xef\xbb\xbf" + text.encode("utf-8")})
    assert validate(fixed).content.people["robin-editor"].name == "Robin Édouard"


def test_crlf_in_block_text_and_document_text(tmp_path):
    verdict = fixture_text("verdicts/bus-fares-doubled.yaml").replace("\n", "\r\n")
    doc = fixture_text("documents/council-meeting-2024-10-24.txt").replace("\n", "\r\n")
    root = tree(
        tmp_path,
        {
            "verdicts/bus-fares-doubled.yaml": verdict.encode(),
            "documents/council-meeting-2024-10-24.txt": doc.encode(),
        },
    )
    report = validate(root)
    assert report.problems == []
    assert "\r" not in report.content.verdicts["bus-fares-doubled"].body
    assert "\r" not in report.content.documents["council-meeting-2024-10-24"].text


# -- empty and oversized --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n  \n", "# only a comment\n", "~\n", "---\n"])
def test_empty_file(tmp_path, text):
    root = hostile(tmp_path, {PERSON: text})
    assert_only(root, f"{PERSON}:1:1: error: the file is empty: write the person's fields")


def test_over_the_size_limit_is_refused_quickly_with_the_limit_named(tmp_path):
    root = hostile(tmp_path, {})
    with (root / PERSON).open("wb") as fh:  # a sparse 2 GiB file: only the limit is ever read
        fh.write(b"name: x\n")
        fh.truncate(2 * 1024**3)
    found = problems(root)
    assert found == sorted(
        [
            f"{PERSON}:1:1: error: the file is 2,147,483,648 bytes, over the limit of 262,144 "
            "bytes: shorten it",
            OTHER_ERROR,
        ]
    )
    assert LIMITS["yaml_bytes"] == 262_144


def test_a_yaml_file_just_under_the_limit_is_read(tmp_path):
    description = "x" * (LIMITS["yaml_bytes"] - 100)
    root = hostile(tmp_path, {PERSON: f"name: Robin\nkind: person\ndescription: {description}\n"})
    assert problems(root) == [OTHER_ERROR]


def test_a_document_text_over_its_limit(tmp_path):
    rel = "documents/council-meeting-2024-10-24.txt"
    root = hostile(tmp_path, {})
    with (root / rel).open("r+b") as fh:
        fh.truncate(LIMITS["text_bytes"] + 1)
    found = problems(root)
    assert (
        f"{rel}:1:1: error: the file is 4,194,305 bytes, over the limit of 4,194,304 bytes: "
        "split the document into parts (documents with part_of) or shorten the text"
    ) in found
    assert OTHER_ERROR in found


# -- YAML bombs and tags --------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
name: *i
kind: person
"""


def test_alias_bomb_is_refused(tmp_path):
    root = hostile(tmp_path, {PERSON: BILLION_LAUGHS})
    assert_only(  # refused at the first alias: nothing is ever expanded
        root,
        f"{PERSON}:2:8: error: 'b[0]': YAML aliases (here *a) are not allowed: write the value "
        "out in full",
    )


def test_a_single_alias_is_refused_too(tmp_path):
    root = hostile(tmp_path, {PERSON: "name: &n Robin\nkind: person\ndescription: *n\n"})
    assert_only(
        root,
        f"{PERSON}:3:14: error: 'description': YAML aliases (here *n) are not allowed: write the "
        "value out in full",
    )


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ('!!python/object/apply:os.system ["touch {marker}"]', "!!python/object/apply:os.system"),
        ('!!python/object/new:os.system ["touch {marker}"]', "!!python/object/new:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ('!custom "touch {marker}"', "!custom"),
        ("!!binary aGVsbG8=", "!!binary"),
    ],
)
def test_custom_tags_are_refused_and_nothing_runs(tmp_path, value, tag):
    marker = tmp_path / "ran"
    text = f"name: {value.format(marker=marker)}\nkind: person\n"
    root = hostile(tmp_path, {PERSON: text})
    assert_only(
        root,
        f"{PERSON}:1:7: error: 'name': the tag {tag} is not allowed: content files are plain "
        "data; "
        "remove the tag",
    )
    assert not marker.exists()


def test_a_tag_on_a_mapping_is_refused(tmp_path):
    marker = tmp_path / "ran"
    text = f"!!python/object/apply:os.system\nargs: ['touch {marker}']\n"
    root = hostile(tmp_path, {PERSON: text})
    assert_only(
        root,
        f"{PERSON}:1:1: error: the tag !!python/object/apply:os.system is not allowed: content "
        "files are plain data; remove the tag",
    )
    assert not marker.exists()


def test_the_cli_refuses_a_python_tag_without_running_it_or_a_traceback(tmp_path):
    marker = tmp_path / "ran"
    text = f'name: !!python/object/apply:os.system ["touch {marker}"]\nkind: person\n'
    root = hostile(tmp_path, {PERSON: text})
    done = factcheck_cli(root)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr == ""
    assert "is not allowed: content files are plain data" in done.stdout
    assert "city-councel" in done.stdout  # the other claim was still checked
    assert not marker.exists()


# -- links and folders ----------------------------------------------------------------------


def test_a_symlink_pointing_outside_the_tree_is_refused(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: Secret\nkind: person\n")
    root = hostile(tmp_path, {})
    (root / "people" / "leak.yaml").symlink_to(secret)
    assert_only(
        root,
        "people/leak.yaml:1:1: error: is a link to a file outside the content folder: refused, "
        "so that nothing outside it is published; copy the file into the content folder in "
        "place of the link",
    )


def test_a_symlinked_folder_is_not_followed(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.md").write_text("# x\n")
    root = hostile(tmp_path, {})
    (root / "pages").symlink_to(outside)
    assert_only(
        root,
        "pages:1:1: error: is a link to a folder: links to folders are not followed; copy the files",
    )


def test_a_symlink_inside_the_tree_is_read(tmp_path):
    root = hostile(tmp_path, {})
    (root / "people" / "robin.yaml").symlink_to(root / PERSON)
    assert problems(root) == [OTHER_ERROR]


def test_a_broken_symlink(tmp_path):
    root = hostile(tmp_path, {})
    (root / "people" / "gone.yaml").symlink_to(root / "people" / "nowhere.yaml")
    assert_only(
        root, "people/gone.yaml:1:1: error: is a broken link: the file it points to does not exist"
    )


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("claims/park-closed.yaml", "is a folder, but claims/ holds files: make it a file"),
        ("people/extra", "is a folder: people/ holds files only, no subfolders"),
        ("ratings.yaml", "is a folder: it must be a YAML file"),
        (
            "pages/about.md",
            "is a folder named like a .md file: make it a file, or rename the folder without .md",
        ),
        (
            "pages/team/people.md",
            "is a folder named like a .md file: make it a file, or rename the folder without .md",
        ),
        (
            "notes.txt",
            "is a folder named like a .txt file: make it a file, or rename the folder without .txt",
        ),
    ],
)
def test_a_folder_where_a_file_belongs(tmp_path, folder, expected):
    root = hostile(tmp_path, {"ratings.yaml": None} if folder == "ratings.yaml" else {})
    (root / folder).mkdir(parents=True)
    (root / folder / "inside.yaml").write_text("name: x\n")
    found = problems(root)
    assert f"{folder}:1:1: error: {expected}" in found
    assert OTHER_ERROR in found
    if folder != "ratings.yaml":
        assert found == sorted([f"{folder}:1:1: error: {expected}", OTHER_ERROR])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_hanging(tmp_path):
    root = hostile(tmp_path, {})
    os.mkfifo(root / "people" / "pipe.yaml")
    assert_only(
        root,
        "people/pipe.yaml:1:1: error: is not a regular file (a pipe, socket or device): remove it",
    )


# -- pathological nesting and size ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "field"),
    [
        ("[" * 100_000, "1:21", ""),
        ("a: " + "[" * 50_000 + "]" * 50_000 + "\n", "1:23", "'a': "),
        (
            "".join(" " * i + "a:\n" for i in range(300)),
            "21:21",
            "'" + ".".join(["a"] * 20) + "': ",
        ),
        ("- " * 60_000 + "x\n", "1:41", ""),
        ("name:\n" + "".join("  " * i + "- \n" for i in range(1, 400)), "21:41", "'name': "),
    ],
    ids=["flow-seq", "balanced", "block-map", "compact-seq", "block-seq"],
)
@pytest.mark.parametrize("parser", ["installed", "python"])
def test_pathological_nesting(tmp_path, monkeypatch, text, where, field, parser):
    # The same located error whichever parser reads the file: libyaml (in some builds refusing deep
    # flow nesting on its own, at another column) or PyYAML's pure-Python parser.
    if parser == "python":
        monkeypatch.setattr(load, "_parser", load._PY_PARSER)
    root = hostile(tmp_path, {PERSON: text})
    assert_only(
        root,
        f"{PERSON}:{where}: error: {field}nested more than 20 levels deep: content files are "
        "never that deep",
    )


@pytest.mark.parametrize("parser", ["installed", "python"])
def test_nested_flow_mappings_stop_at_the_first_key(tmp_path, monkeypatch, parser):
    if parser == "python":
        monkeypatch.setattr(load, "_parser", load._PY_PARSER)
    root = hostile(tmp_path, {PERSON: "{" * 100_000})
    assert_only(
        root,
        f"{PERSON}:1:2: error: a list or a set of fields cannot be a field name: field names are "
        "words like 'claim'",
    )


def test_too_many_values(tmp_path):
    root = hostile(tmp_path, {PERSON: "same_as: [" + ",".join(["x"] * 60_000) + "]\n"})
    assert_only(root, f"{PERSON}:1:1: error: more than 50,000 values in one file: split it")


def test_a_very_long_line_is_fine(tmp_path):
    root = hostile(
        tmp_path, {PERSON: f"name: Robin\nkind: person\ndescription: {'word ' * 40_000}\n"}
    )
    assert problems(root) == [OTHER_ERROR]


def test_the_cli_survives_nesting_and_bombs_without_a_traceback(tmp_path):
    root = hostile(
        tmp_path,
        {
            PERSON: "[" * 200_000,
            "people/bomb.yaml": BILLION_LAUGHS,
            "people/deep.yaml": "".join(" " * i + "a:\n" for i in range(500)),
            "people/bad-bytes.yaml": b"\xff\xfe\x00garbage",
        },
    )
    done = factcheck_cli(root)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[-1] == "3 claims, 2 verdicts, 1 document, 7 people: 5 errors, 0 warnings"
    assert len(lines) == 6 and all(": error: " in x for x in lines[:-1])
    assert any("city-councel" in x for x in lines)


def test_a_duplicate_field(tmp_path):
    root = hostile(tmp_path, {PERSON: "name: Robin\nkind: person\nname: Rob\n"})
    assert_only(
        root, f"{PERSON}:3:1: error: the field 'name' appears twice (first at line 1); keep one"
    )


def test_two_documents_in_one_file(tmp_path):
    root = hostile(tmp_path, {PERSON: "name: Robin\nkind: person\n---\nname: Rob\n"})
    assert_only(
        root,
        f"{PERSON}:3:1: error: a file holds one YAML document: remove the second '---' and what follows",
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("- name: Robin\n", "a list"),
        ("Robin Editor\n", "'Robin Editor'"),
        ("42\n", "a number (42)"),
    ],
)
def test_a_file_that_is_not_a_set_of_fields(tmp_path, text, found):
    root = hostile(tmp_path, {PERSON: text})
    assert_only(
        root,
        f"{PERSON}:1:1: error: a person file must be a set of 'field: value' lines, found {found}",
    )


def test_odd_keys_are_unknown_fields_not_crashes(tmp_path):
    text = "name: Robin\nkind: person\n1: one\nno: two\n? [a, b]\n: three\n"
    root = hostile(tmp_path, {PERSON: text})
    assert_only(
        root,
        f"{PERSON}:5:3: error: a list or a set of fields cannot be a field name: field names are "
        "words like 'claim'",
    )
    root = hostile(tmp_path / "2", {PERSON: "name: Robin\nkind: person\n1: one\nno: two\n"})
    found = problems(root)
    assert (
        f"{PERSON}:3:1: error: unknown field '1' in a person; the fields are: name, kind, description, language, same_as"
        in found
    )
    assert OTHER_ERROR in found and len(found) == 3


# -- second round (issue #18) ---------------------------------------------------------------

VERDICT = "verdicts/bus-fares-doubled.yaml"


def with_body(text: str) -> dict[str, str]:
    """The fixture verdict with `text` as the first line of its body."""
    return edit(VERDICT, "body: |\n", f"body: |\n  {text}\n")


def best_time(fn, repeat: int = 3) -> float:
    """The least CPU time of `repeat` runs: a loaded machine (other jobs on the cores) does not
    count, as wall-clock time would, so a ratio of two says how the work grows."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


@pytest.mark.parametrize("unit", ["[", "[@", "[[", "[[x", "[@x", "[@[[", "][", "[^", "![", "]("])
def test_validate_time_grows_linearly_with_a_body_of_brackets(tmp_path, unit):
    """A body of 255 KB of '[' took 296 s: the citation pattern re-scanned from every '['.
    One of 240 KB of '[^' took 193 s: the footnote pattern did the same from every '[^'."""
    small = tree(tmp_path / "small", with_body(unit * (8000 // len(unit))))
    large = tree(tmp_path / "large", with_body(unit * (32000 // len(unit))))
    ratio = best_time(lambda: validate(large)) / best_time(lambda: validate(small))
    assert ratio < 12, f"4x the body took {ratio:.1f}x the time"


def test_the_footnote_hint_reads_a_body_of_them_once():
    """The footnote pattern alone: from every '[^' it read to the end of the line (quadratic); at
    these sizes the rest of validate hid that in the test above."""
    from generator.validate import _FOOTNOTE

    small, large = "[^" * 4_000, "[^" * 16_000
    ratio = best_time(lambda: _FOOTNOTE.search(large), 5) / best_time(
        lambda: _FOOTNOTE.search(small), 5
    )
    assert ratio < 10, f"4x the body took {ratio:.1f}x the time"


def test_many_bad_citations_are_each_placed_in_one_pass(tmp_path):
    body = "ok [@x] " * 5000 + "\n  [[nowhere]] [@fare-table] [@y]"
    found = problems(tree(tmp_path, with_body(body)))
    cites = [p for p in found if "cites [@x]" in p]
    assert len(cites) == 5000
    assert cites[0].startswith(f"{VERDICT}:6:6: error: 'body' cites [@x]")
    assert cites[-1].startswith(f"{VERDICT}:6:{6 + 8 * 4999}: error:")
    assert f"{VERDICT}:7:29: error: 'body' cites [@y]" in "\n".join(found)
    assert any(p.startswith(f"{VERDICT}:7:3: error: 'body' links [[nowhere]]") for p in found)


def test_a_huge_id_is_cut_in_every_message(tmp_path):
    huge = "x" * 50_000
    files = {
        **edit("claims/new-park-opened.yaml", "claimant: jane-doe", f"claimant: {huge.upper()}"),
        **with_body(f"[@{huge}] [[{huge}]]"),
        **edit(PERSON, "kind: person", f"kind: person\n{huge}: 1"),
    }
    found = problems(tree(tmp_path, files))
    # The four about the id, and the body's size (100 KB: its claim page would pass 200 KB).
    assert len(found) == 5 and sum("'body' is 97 KB" in p for p in found) == 1
    for p in found:
        assert len(p) < 400, p[:400]
        assert "x" * 61 not in p.lower()


@pytest.mark.parametrize(
    ("written", "meant"),
    [("Falso", "falso"), ("ENGAÑOSO", "enganoso"), ("Mostly False", "mostly-false")],
)
def test_an_id_in_capitals_or_accents_gets_its_ascii_slug(tmp_path, written, meant):
    ratings = fixture_text("ratings.yaml") + (
        "\n- id: enganoso\n  label: Engañoso\n  description: Misleading, in Spanish.\n"
    )
    found = problems(
        tree(
            tmp_path,
            {**edit(VERDICT, "rating: false", f"rating: {written}"), "ratings.yaml": ratings},
        )
    )
    assert len(found) == 1
    assert found[0].startswith(f"{VERDICT}:3:9: error: 'rating': '{written}' is not a valid id")
    assert found[0].endswith(f"; did you mean '{meant}'?")


def test_a_defined_id_or_file_name_with_accents_gets_its_slug(tmp_path):
    ratings = fixture_text("ratings.yaml") + (
        "\n- id: Engañoso\n  label: Engañoso\n  description: Misleading, in Spanish.\n"
    )
    found = problems(
        tree(tmp_path, {"ratings.yaml": ratings, "people/María.yaml": "name: M\nkind: person\n"})
    )
    assert any(
        "ratings.yaml:47:7: error: '[7].id': 'Engañoso' is not a valid id" in p
        and p.endswith("did you mean 'enganoso'?")
        for p in found
    ), found
    assert any(
        p.startswith("people/María.yaml:1:1: error: the file name 'María'")
        and p.endswith("Rename the file to maria.yaml")
        for p in found
    ), found


def test_many_control_characters_are_placed_in_linear_time(tmp_path):
    """Each control character was placed by counting lines from the file's start."""

    def make(n: int) -> Path:
        return tree(
            tmp_path / str(n),
            {
                **with_body("\x01" * n),
                PERSON: fixture_text(PERSON) + "".join(f'k{i}: "a\x01"\n' for i in range(n // 8)),
            },
        )

    small, large = make(8000), make(32000)
    ratio = best_time(lambda: validate(large)) / best_time(lambda: validate(small))
    assert ratio < 12, f"4x the control characters took {ratio:.1f}x the time"
    found = problems(small)
    assert f"{PERSON}:3:7: warning: 'k0': contains an invisible control character (U+0001)" in (
        "\n".join(found)
    )


@pytest.mark.parametrize(
    "page",
    ["[" * 20_000, "[a](" * 5_000, "# " + " " * 20_000 + "x", "# " + " #" * 10_000 + " x"],
)
def test_a_hand_written_page_title_and_summary_take_linear_time(page):
    from generator.render import pages

    def cost(text: str) -> float:
        return best_time(lambda: (pages._take_title(text), pages._first_paragraph(text)))

    ratio = cost(page * 4) / max(cost(page), 1e-4)
    assert ratio < 12, f"4x the page took {ratio:.1f}x the time"


# -- the output folder ----------------------------------------------------------------------


def exported(tmp_path: Path) -> Path:
    """An earlier good export in tmp_path/out, as the site a failed build must leave alone."""
    from factories import MINI, REPO

    from generator.build import export

    out = tmp_path / "out"
    assert export(MINI, out, REPO / "mkdocs.yml") == 0
    return out


def export_again(out: Path) -> int:
    from factories import MINI, REPO

    from generator.build import export

    return export(MINI, out, REPO / "mkdocs.yml")


def read_only(monkeypatch, folder: Path, error: int) -> None:
    """Every folder made inside `folder` fails as on a read-only disk (root ignores chmod)."""
    real = os.mkdir

    def mkdir(path, *args, **kwargs):
        if Path(path).parent == folder:
            raise OSError(error, os.strerror(error), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)


@pytest.mark.parametrize(
    ("error", "why"),
    [
        (errno.EROFS, "is on a read-only file system"),
        (errno.EACCES, "is not writable by this user"),
    ],
)
def test_an_unwritable_output_folder_is_one_line_and_the_old_site_stays(
    tmp_path, monkeypatch, capsys, error, why
):
    out = exported(tmp_path)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    capsys.readouterr()
    read_only(monkeypatch, tmp_path, error)
    assert export_again(out) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"Build failed, {out} is unchanged: {tmp_path} {why}. Make it writable, or build "
        "somewhere else with --out FOLDER."
    ]
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_swap_that_fails_puts_the_old_site_back(tmp_path, monkeypatch, capsys):
    out = exported(tmp_path)
    (out / "marker").write_text("old site")
    real = os.replace

    def replace(src, dst):
        if Path(src).name.startswith(".out.building-"):
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    assert export_again(out) == 1
    assert "is not writable by this user" in capsys.readouterr().err
    assert (out / "marker").read_text() == "old site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder anyway")
def test_a_real_read_only_folder(tmp_path, capsys):
    out = exported(tmp_path)
    tmp_path.chmod(0o555)
    try:
        assert export_again(out) == 1
    finally:
        tmp_path.chmod(0o755)
    assert "is not writable by this user" in capsys.readouterr().err


def test_the_next_build_removes_what_killed_builds_left(tmp_path):
    out = exported(tmp_path)
    gone = 4_194_305  # above Linux's largest process id: no such process
    for name in (
        f".out.building-{gone}-abc",
        f".out.old-{gone}-def",
        f".out.building-{os.getpid()}-x",
    ):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("half a site")
    assert export_again(out) == 0
    # The folder of a build still running (this process) stays; the dead ones go.
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".out.building-{os.getpid()}-x", "out"]


def test_validate_takes_the_folder_as_build_does_too(tmp_path, capsys):
    from generator.cli import main as factcheck

    root = tree(tmp_path)
    assert factcheck(["validate", "--content", str(root)]) == 0
    assert factcheck(["validate", str(root)]) == 0
    assert factcheck(["validate", str(root), "--content", str(root)]) == 0
    capsys.readouterr()
    assert factcheck(["validate", str(root), "--content", str(tmp_path)]) == 2
    assert "two content folders given" in capsys.readouterr().err


# -- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "2107-01-01",
            "error: 'published': 2107-01-01 is more than a year from today (2025-01-15); nothing "
            "here can be dated that far ahead: check the year",
        ),
        (
            "0224-10-28",
            "error: 'published': 0224-10-28 is before the year 1000; check the year (written "
            "YYYY-MM-DD)",
        ),
        (
            "2025-02-01",
            "warning: 'published': 2025-02-01 is in the future (today is 2025-01-15); readers "
            "would see a publication date that has not come: set it to the day the verdict goes live",
        ),
    ],
)
def test_implausible_and_future_dates(tmp_path, written, expected):
    root = tree(tmp_path, edit(VERDICT, "published: 2024-10-28", f"published: {written}"))
    found = [str(p) for p in validate(root, display_prefix="", today=dt.date(2025, 1, 15)).problems]
    assert f"{VERDICT}:23:12: {expected}" in found
    assert all(
        "published" not in p or p.startswith(f"{VERDICT}:23:12") or "updates[0].date" in p
        for p in found
    )


def test_a_future_date_anywhere_is_checked_with_its_field(tmp_path):
    root = tree(tmp_path, edit(VERDICT, "accessed: 2024-10-25", "accessed: 2026-01-01"))
    found = [str(p) for p in validate(root, display_prefix="", today=dt.date(2025, 1, 15)).problems]
    assert found == [
        f"{VERDICT}:16:15: warning: 'sources[0].accessed': 2026-01-01 is in the future (today is "
        "2025-01-15); check the date"
    ]


def test_a_date_past_2106_never_crashes_the_sitemap_gzip(tmp_path):
    """gzip's header holds 32 bits of seconds; mkdocs stamps sitemap.xml.gz with the latest date."""
    import gzip

    from factories import MINI, write_config
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    verdict = content / "verdicts" / "exports-halved.yaml"
    verdict.write_text(
        verdict.read_text().replace("published: 2025-03-11", "published: 2107-01-01")
    )
    model = validate(content, today=dt.date(2106, 6, 1)).content  # as a clock that far ahead would
    assert model is not None
    config = load_config(str(write_config(tmp_path, content)))
    config.plugins["factcheck"].preloaded = model
    mkdocs_build(config)
    sitemap = gzip.decompress((Path(config.site_dir) / "sitemap.xml.gz").read_bytes())
    assert b"<lastmod>2106-02-06</lastmod>" in sitemap


# -- invisible and bidirectional characters -------------------------------------------------


@pytest.mark.parametrize(
    ("char", "severity", "what"),
    [
        ("\u202e", "error", "a bidirectional control (U+202E RIGHT-TO-LEFT OVERRIDE)"),
        ("\u2066", "error", "a bidirectional control (U+2066 LEFT-TO-RIGHT ISOLATE)"),
        ("\u2069", "error", "a bidirectional control (U+2069 POP DIRECTIONAL ISOLATE)"),
        ("\u200b", "warning", "an invisible character (U+200B ZERO WIDTH SPACE)"),
        ("\u200d", "warning", "an invisible character (U+200D ZERO WIDTH JOINER)"),
        ("\ufeff", "warning", "an invisible character (U+FEFF ZERO WIDTH NO-BREAK SPACE)"),
        ("\u2060", "warning", "an invisible character (U+2060 WORD JOINER)"),
    ],
)
def test_trojan_source_characters_in_any_text_field(tmp_path, char, severity, what):
    files = {
        **edit("claims/new-park-opened.yaml", "The new park", f"The{char} new park"),
        **edit(VERDICT, 'title: "City budget 2024"', f'title: "City budget{char} 2024"'),
        "pages/about.md": f"# About\n\nWe check{char} claims.\n",
    }
    found = problems(tree(tmp_path, files))
    assert sum(what in p for p in found) == 3, found
    claim = next(p for p in found if p.startswith("claims/new-park-opened.yaml"))
    assert claim.startswith(
        f"claims/new-park-opened.yaml:1:12: {severity}: 'claim': contains {what}"
    )
    assert f"{VERDICT}:19:24: {severity}: 'sources[1].title': contains {what}" in "\n".join(found)
    assert f"pages/about.md:3:9: {severity}: contains {what}" in "\n".join(found)
    assert "delete it" in claim


def test_joiners_inside_words_of_other_scripts_and_emoji_are_fine(tmp_path):
    text = (
        'name: "می\u200cخواهم \U0001f469\u200d\U0001f4bb \u0915\u094d\u200d\u0937"\nkind: person\n'
    )
    assert problems(tree(tmp_path, {PERSON: text})) == []


def test_a_bidi_control_written_without_the_character_is_an_error_at_its_place(tmp_path):
    """The check read the file's characters, so a control the file only spells out passed: a YAML
    escape in a double-quoted string, a character reference in Markdown (markdown-it decodes it),
    and a raw one after a zero-width space on its line (one character a line was checked)."""
    files = {
        PERSON: 'name: "Alice \\u202Egnp.exe"\nkind: person\n',
        **edit(VERDICT, 'title: "City budget 2024"', 'title: "City \\U00002066budget 2024"'),
        "pages/about.md": "# About\n\nWe check &#x202E;claims.\n\nAnd\u200b more\u202e.\n",
    }
    found = [p for p in problems(tree(tmp_path, files)) if "U+20" in p]
    what = "a bidirectional control (written"
    assert [p.split(", which")[0] for p in found] == [
        f"pages/about.md:3:10: error: contains {what} &#x202E;: U+202E RIGHT-TO-LEFT OVERRIDE)",
        "pages/about.md:5:4: warning: contains an invisible character (U+200B ZERO WIDTH SPACE)",
        "pages/about.md:5:10: error: contains a bidirectional control (U+202E RIGHT-TO-LEFT "
        "OVERRIDE)",
        f"{PERSON}:1:14: error: 'name': contains {what} \\u202E: U+202E RIGHT-TO-LEFT OVERRIDE)",
        f"{VERDICT}:19:18: error: 'sources[1].title': contains {what} \\U00002066: U+2066 "
        "LEFT-TO-RIGHT ISOLATE)",
    ]


def test_a_bidi_control_after_control_characters_is_placed_at_its_column(tmp_path):
    found = problems(tree(tmp_path, {PERSON: 'name: "ab\x0b\x0b\x0bcd\u202eX"\nkind: person\n'}))
    assert any(p.startswith(f"{PERSON}:1:15: error: 'name': contains a bidi") for p in found), found


def test_a_bidi_control_in_a_document_text_or_a_comment_is_an_error(tmp_path):
    doc = "documents/council-meeting-2024-10-24.txt"
    files = {
        doc: fixture_text(doc) + "\nNote \u202eevil\u202c.\n",
        PERSON: "# reviewed \u2067by\u2069 nobody\n" + fixture_text(PERSON),
    }
    found = problems(tree(tmp_path, files))
    assert [p.split(": contains")[0] for p in found if "bidirectional" in p] == [
        f"{doc}:{fixture_text(doc).count(chr(10)) + 2}:6: error",
        f"{PERSON}:1:12: error",
    ]


# -- addresses with credentials -------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("https://user:pass@example.org/x", "https://…@example.org/x"),
        ("https://example.org@evil.example/login", "https://…@evil.example/login"),
        ("HTTP://admin@[2001:db8::1]:8080/", "HTTP://…@[2001:db8::1]:8080/"),
    ],
)
def test_an_address_with_a_user_name_or_password_is_refused_everywhere(tmp_path, written, shown):
    from jsonschema import Draft202012Validator

    from generator.schema import schema_for
    from generator.spec import KINDS

    files = {
        **edit(VERDICT, "url: https://example.org/budget-2024.pdf", f'url: "{written}"'),
        "people/pat.yaml": f'name: Pat\nkind: person\nsame_as: ["{written}"]\n',
    }
    found = problems(tree(tmp_path, files))
    message = (
        f"'{shown}' has a user name or password before the '@' (shown here as …); a published "
        "address must not carry them, and the host after the '@' is where it really leads: remove "
        "everything between '//' and '@'"
    )
    assert found == [
        f"people/pat.yaml:3:11: error: 'same_as[0]': {message}",
        f"{VERDICT}:20:10: error: 'sources[1].url': {message}",
    ]
    assert ":pass@" not in "".join(found) and "admin" not in "".join(found)
    person = Draft202012Validator(schema_for(KINDS["person"]))
    assert list(person.iter_errors({"name": "Pat", "kind": "person", "same_as": [written]}))
    assert not list(
        person.iter_errors({"name": "P", "kind": "person", "same_as": ["https://a.b/@c"]})
    )


# -- language tags --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "what", "hint"),
    [
        ("english", "not a known language", "; did you mean 'en'?"),
        ("en_US", "not a language tag", "; did you mean 'en-US'?"),
        ("Portuguese", "not a language tag", "; did you mean 'pt'?"),
        ("xx", "not a known language", ""),
        ("en--US", "not a language tag", ""),
    ],
)
def test_language_is_a_bcp47_tag(tmp_path, written, what, hint):
    found = problems(
        tree(tmp_path, edit("claims/new-park-opened.yaml", "date:", f"language: {written}\ndate:"))
    )
    assert found == [
        f"claims/new-park-opened.yaml:3:11: error: 'language': '{written}' is {what}: write a BCP "
        f"47 tag, a language code with an optional region or script, like 'en', 'pt-BR' or "
        f"'sr-Latn'{hint}"
    ]


@pytest.mark.parametrize(
    ("written", "meant"), [("ES", "es"), ("pt-br", "pt-BR"), ("Uk", "uk"), ("SR-LATN", "sr-Latn")]
)
def test_a_language_tag_in_another_case_is_told_its_own(tmp_path, written, meant):
    """'ES' passed, and its page found no Spanish words: the catalogs are looked up by the tag."""
    found = problems(
        tree(tmp_path, edit("claims/new-park-opened.yaml", "date:", f"language: {written}\ndate:"))
    )
    assert found == [
        f"claims/new-park-opened.yaml:3:11: error: 'language': '{written}' must be written "
        f"'{meant}': a language tag has its language in small letters and a region in capitals, "
        "as in 'pt-BR'"
    ]


@pytest.mark.parametrize(
    "tag", ["en", "pt-BR", "sr-Latn", "zh-Hant-TW", "es-419", "de-CH-1996", "x-klingon"]
)
def test_well_formed_language_tags_pass(tmp_path, tag):
    files = edit("claims/new-park-opened.yaml", "date:", f"language: {tag}\ndate:")
    assert problems(tree(tmp_path, files)) == []


# -- messages whose fix must work ------------------------------------------------------------


def test_an_empty_required_field_is_not_told_to_be_removed(tmp_path):
    root = hostile(tmp_path, {PERSON: 'name: "   "\nkind: person\n'})
    assert_only(root, f"{PERSON}:1:7: error: 'name': is empty; write the name")


def _translation(cid: str, of: str, language: str) -> str:
    return (
        f'claim: "Claim {cid}."\nclaimant: jane-doe\ndate: 2024-10-24\nlanguage: {language}\n'
        f"translation_of: {of}\nappearances:\n  - url: https://example.org/{cid}\n"
    )


def test_translations_that_name_each_other_are_told_to_free_the_original(tmp_path):
    root = hostile(
        tmp_path,
        {
            "claims/tr-a.yaml": _translation("tr-a", "tr-b", "fr"),
            "claims/tr-b.yaml": _translation("tr-b", "tr-a", "de"),
        },
    )
    circle = (
        "the claims name each other in a circle; one of them is the original: remove "
        "translation_of from that one"
    )
    found = problems(root)
    assert (
        f"claims/tr-a.yaml:5:17: error: claim 'tr-b' is itself a translation (of 'tr-a'); {circle}"
        in found
    )
    assert (
        f"claims/tr-b.yaml:5:17: error: claim 'tr-a' is itself a translation (of 'tr-b'); {circle}"
        in found
    )
    assert not [p for p in found if "translation_of: tr-" in p]  # no fix that makes another error


def test_a_chain_of_translations_is_told_the_claim_it_ends_at(tmp_path):
    root = hostile(
        tmp_path,
        {
            "claims/tr-a.yaml": _translation("tr-a", "tr-b", "fr"),
            "claims/tr-b.yaml": _translation("tr-b", "new-park-opened", "de"),
        },
    )
    assert (
        "claims/tr-a.yaml:5:17: error: claim 'tr-b' is itself a translation (of "
        "'new-park-opened'); name the original: translation_of: new-park-opened"
    ) in problems(root)


def test_a_line_break_in_a_quoted_value_keeps_the_problem_on_one_line(tmp_path):
    root = hostile(tmp_path, edit(OTHER, "claimant: city-council", 'claimant: "city\\ncouncil"'))
    done = factcheck_cli(root)
    lines = [line for line in done.stdout.splitlines() if "claimant" in line]
    assert lines == [
        f"{root}/{OTHER}:2:11: error: 'claimant': 'city\\ncouncil' is not a valid id; ids use "
        "lowercase letters a-z, digits and single hyphens (like 'kim-jong-un'), at most 80 "
        "characters; did you mean 'city-council'?"
    ], done.stdout


# -- hand-written pages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "where", "said"),
    [
        (
            'title: "Our team\nfactcheck: methodology\n',
            "2:8",
            "the front matter does not parse (while scanning a quoted scalar; found unexpected "
            "end of stream)",
        ),
        ("- a list\n", "2:1", "the front matter is not 'key: value' lines"),
        (
            "title: Good\nkeys: [1, 2\n",
            "3:7",
            "the front matter does not parse (while parsing a flow sequence; expected ',' or "
            "']', but got '<stream end>')",
        ),
        (
            "a: &x [1]\nb: *x\n",
            "3:4",
            "the front matter uses a YAML alias (*x); write the value out",
        ),
    ],
)
def test_a_page_front_matter_the_build_cannot_use_is_an_error(tmp_path, front, where, said):
    """It was read as none at all: the page lost its title or its `factcheck:` mark silently."""
    found = problems(tree(tmp_path, {"pages/team.md": f"---\n{front}---\nAbout the team.\n"}))
    assert found == [f"pages/team.md:{where}: error: {said}" + found[0].split(said, 1)[1]]
    if "alias" not in said:
        assert found[0].endswith(
            "; write it as 'key: value' lines (title: Our team), or remove the lines between "
            "the '---'"
        )


@pytest.mark.parametrize("front", ["title: Our team\n", "# only a comment\n", "\n"])
def test_usable_page_front_matter_passes(tmp_path, front):
    assert problems(tree(tmp_path, {"pages/team.md": f"---\n{front}---\nAbout the team.\n"})) == []


@pytest.mark.parametrize(("in_text", "in_quote"), [("NFD", "NFC"), ("NFC", "NFD")])
def test_a_quote_matches_a_text_with_its_letters_composed_the_other_way(
    tmp_path, in_text, in_quote
):
    """é typed in a claim, e and a combining accent in a text copied from a PDF: the two look the
    same, and 'copy it exactly from that text' left nothing to do."""
    import unicodedata

    said = "Since I took office, café bus fares have doubled"
    doc = fixture_text("documents/council-meeting-2024-10-24.txt").replace(
        "Since I took office, bus fares have doubled", unicodedata.normalize(in_text, said)
    )
    claim = fixture_text("claims/bus-fares-doubled.yaml").replace(
        "Since I took office, bus fares have doubled", unicodedata.normalize(in_quote, said)
    )
    assert doc != fixture_text("documents/council-meeting-2024-10-24.txt")
    files = {
        "documents/council-meeting-2024-10-24.txt": doc.encode(),
        "claims/bus-fares-doubled.yaml": claim.encode(),
    }
    assert problems(tree(tmp_path, files)) == []


def test_a_claim_takes_at_most_25_topics(tmp_path):
    """Each topic's feed lists the claim with all its topics: 5,000 topics on one claim made 2.2 GB
    of feeds from a 219 KB content tree."""
    from generator.spec import MAX_TOPICS

    labels = fixture_text("topics.yaml") + "".join(
        f"- id: t{i}\n  label: Topic {i}\n" for i in range(30)
    )
    claim = fixture_text("claims/bus-fares-doubled.yaml").replace("topics: [transport]\n", "")
    many = "topics: [" + ", ".join(f"t{i}" for i in range(MAX_TOPICS + 1)) + "]\n"
    found = problems(
        tree(tmp_path, {"topics.yaml": labels, "claims/bus-fares-doubled.yaml": claim + many})
    )
    line = claim.count("\n") + 1  # the last line
    assert found == [
        f"claims/bus-fares-doubled.yaml:{line}:9: error: 'topics': lists 26 items, and takes at "
        "most 25; keep the ones a reader would look for it under"
    ]
    enough = "topics: [" + ", ".join(f"t{i}" for i in range(MAX_TOPICS)) + "]\n"
    ok = tree(
        tmp_path / "ok", {"topics.yaml": labels, "claims/bus-fares-doubled.yaml": claim + enough}
    )
    assert problems(ok) == []


def test_a_second_methodology_page_is_told_it_is_not_the_one(tmp_path):
    marked = "---\nfactcheck: methodology\n---\n# How we work\n\nSteps.\n"
    files = {"pages/methodology.md": "# Methodology\n\nOurs.\n", "pages/how-we-work.md": marked}
    assert problems(tree(tmp_path, files)) == [
        "pages/how-we-work.md:1:1: warning: is marked 'factcheck: methodology', but "
        "pages/methodology.md is the methodology page, so this one is published as a page of its "
        "own; remove the mark from one of them"
    ]
    one = tree(tmp_path / "one", {"pages/how-we-work.md": marked})
    assert problems(one) == []


def test_a_broken_file_gets_its_own_message_not_advice_to_add_what_exists(tmp_path):
    """A document that did not parse also got "no document uses this text: add <it>.yaml"; a text
    over the size limit "has no text file: add <it>.txt"; a stray quote "the indentation is off"."""
    doc = "documents/council-meeting-2024-10-24"
    found = problems(tree(tmp_path / "quote", {f"{doc}.yaml": 'title: "A "big" speech"\n'}))
    mine = [p for p in found if doc in p or "council-meeting-2024-10-24" in p]
    assert mine == [
        f'{doc}.yaml:1:12: error: YAML does not parse: did not find expected key; a " inside '
        'text in double quotes ends it: write it \\" there, or put the whole text in single quotes'
    ], mine
    big = "Words. " * 700_000
    found = problems(tree(tmp_path / "big", {f"{doc}.txt": big}))
    assert not [p for p in found if "has no text file" in p], found
    assert any(p.startswith(f"{doc}.txt:1:1: error: the file is") for p in found), found


def test_a_file_where_a_content_folder_belongs_is_an_error(tmp_path):
    root = tree(tmp_path, {})
    shutil.rmtree(root / "people")
    (root / "people").write_text("x\n")
    found = problems(root)
    assert (
        "people:1:1: error: is a file, but people/ is the folder of the person files "
        "(people/<id>.yaml): make it a folder and put them in it"
    ) in found


# -- code points that are no characters, written as escapes ----------------------------------


def test_a_noncharacter_written_as_an_escape_is_removed_and_placed_at_the_escape(tmp_path):
    """A "\\uFFFE" in a claim passed, and reached the exports and the embed card: the loader
    removes the character typed as it is, but an escape puts it in the value."""
    files = {
        **edit(CLAIM, '"Since I took office', '"Since I took \\uFFFEoffice'),
        **edit(VERDICT, 'title: "City budget 2024"', 'title: "City \\U0010FFFFbudget 2024"'),
        PERSON: 'name: "Robin \\uFDD0Editor"\nkind: person\n',
    }
    report = validate(tree(tmp_path, files), display_prefix="")
    what = "a code point that is not a character (often from converted or pasted text); it is"
    assert [str(p) for p in report.problems] == [
        f"{CLAIM}:2:22: warning: 'claim': contains U+FFFE, written \\uFFFE, {what} removed "
        "when the site is built — delete it to silence this",
        f"{CLAIM}:8:26: warning: 'appearances[0].quote': contains U+FFFE, written \\uFFFE, "
        f"{what} removed when the site is built — delete it to silence this",
        f"{PERSON}:1:14: warning: 'name': contains U+FDD0, written \\uFDD0, {what} removed when "
        "the site is built — delete it to silence this",
        f"{VERDICT}:19:18: warning: 'sources[1].title': contains U+10FFFF, written "
        f"\\U0010FFFF, {what} removed when the site is built — delete it to silence this",
    ]
    content = report.content
    assert content is not None
    assert content.claims["bus-fares-doubled"].claim.startswith("Since I took office, bus")
    assert content.people["robin-editor"].name == "Robin Editor"
    assert content.verdicts["bus-fares-doubled"].sources[1].title == "City budget 2024"
    # What readers get: the open data the site publishes, written as UTF-8.
    from factories import SETTINGS

    from generator.discovery import extra_files
    from generator.link import link
    from generator.streams import whole

    data = whole(extra_files(link(content), SETTINGS))["data/claims.json"]
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    assert "\ufffe" not in text and "\\ufffe" not in text.lower()
    assert "Since I took office, bus fares have doubled." in text


def test_a_noncharacter_in_a_web_address_is_an_error(tmp_path):
    files = edit(
        OTHER,
        "url: https://example.org/news/unemployment",
        'url: "https://example.org/news/\\uFFFEunemployment"',
    )
    assert problems(tree(tmp_path, files)) == [
        f"{OTHER}:5:10: error: 'appearances[0].url': contains U+FFFE, a code point that is not "
        "a character, which a web address cannot hold; delete it"
    ]


# -- numbers YAML reads in its own ways; lookalike letters; file names in another Unicode form --


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("9" * 5000, "a number of 5,000 digits is too large; write a small whole number"),
        ("1:30", "YAML reads '1:30' as a number (90); write the number in plain digits"),
        ("010", "YAML reads '010' as a number (8); write the number in plain digits"),
        (
            "0x" + "f" * 5000,
            f"YAML reads '0x{'f' * 58}…' as a number of about 6,021 digits; write the number in "
            "plain digits",
        ),
    ],
    ids=["5000-digits", "sexagesimal", "octal", "huge-hex"],
)
def test_a_rating_value_yaml_reads_otherwise_than_written(tmp_path, written, said):
    """`value: 1:30` was published as 90 and `010` as 8; a number of 5,000 hexadecimal digits
    crashed validate where it wrote the number in a message."""
    found = problems(hostile(tmp_path, edit("ratings.yaml", "value: 6", f"value: {written}")))
    assert found == sorted([f"ratings.yaml:7:10: error: '[0].value': {said}", OTHER_ERROR])


def test_a_huge_number_where_an_id_belongs_is_an_error_not_a_traceback(tmp_path):
    """5,000 hexadecimal digits are a number Python will not write out: validate crashed where
    it took the value as the text written."""
    root = tree(tmp_path, edit(CLAIM, "claimant: jane-doe", "claimant: 0x" + "f" * 5000))
    assert problems(root) == [
        f"{CLAIM}:4:11: error: 'claimant': '0x{'f' * 58}…' is not a valid id; ids use lowercase "
        "letters a-z, digits and single hyphens (like 'kim-jong-un'), at most 80 characters"
    ]


def test_a_yaml_merge_key_is_named(tmp_path):
    found = problems(hostile(tmp_path, edit(PERSON, "kind: person", "kind: person\n<<: {x: 1}")))
    assert found == [
        OTHER_ERROR,
        f"{PERSON}:3:1: error: unknown field '<<' in a person; YAML's merge key is not read "
        "here: write the fields out in full",
    ]


def test_an_id_with_a_letter_of_another_script_names_it(tmp_path):
    """`jаne-doe` with a Cyrillic а was told "did you mean 'j-ne-doe'?"."""
    found = problems(tree(tmp_path, edit(CLAIM, "claimant: jane-doe", "claimant: j\u0430ne-doe")))
    assert found == [
        f"{CLAIM}:4:11: error: 'claimant': 'j\u0430ne-doe' is not a valid id; ids use lowercase "
        "letters a-z, digits and single hyphens (like 'kim-jong-un'), at most 80 characters; it "
        "contains '\u0430' (CYRILLIC SMALL LETTER A), which only looks like a letter a-z: type it "
        "again"
    ]


def test_a_text_file_named_with_its_accents_made_otherwise(tmp_path):
    """'café.txt' typed in `text`, 'cafe' and a combining accent on disk (as macOS may name it):
    told "does not exist; did you mean 'café.txt'?", the same name as far as anyone could see."""
    doc = "documents/council-meeting-2024-10-24"
    files = {
        f"{doc}.yaml": fixture_text(f"{doc}.yaml") + 'text: "caf\u00e9.txt"\n',
        "documents/cafe\u0301.txt": fixture_text(f"{doc}.txt"),
        f"{doc}.txt": None,
    }
    found = [p for p in problems(tree(tmp_path, files)) if "error" in p]
    assert found == [
        f"{doc}.yaml:8:7: error: 'text': documents/caf\u00e9.txt does not exist; "
        "documents/cafe\u0301.txt has the same letters, but its accents are made of other "
        "characters (as some systems write file names): rename the file, typing its name again"
    ]


@pytest.mark.parametrize(
    ("front", "where", "said"),
    [
        (
            "title: !!python/object/apply:os.system ['echo x']\n",
            "2:8",
            "the front matter uses the tag !!python/object/apply:os.system, which is not "
            "allowed: front matter is plain data; remove the tag",
        ),
        (
            "a: " + "[" * 100_000 + "\n",
            "2:23",
            "the front matter nests more than 20 levels deep; write it as 'key: value' lines "
            "(title: Our team)",
        ),
        (
            "title: " + "9" * 5000 + "\n",
            "2:8",
            "the front matter holds a number of 5,000 digits, too large to read; put it in "
            "quotes if it is text",
        ),
        (
            "title: [Our, team]\n",
            "2:8",
            "'title' in the front matter must be text, not a list or fields; put it in quotes if "
            "it starts with '[' or '{'",
        ),
        (
            "title: Yes\n",
            "2:8",
            "'title' in the front matter reads as true/false (Yes), not text; put it in quotes: "
            '"Yes"',
        ),
        (
            "title: Our team\ntitle: The team\n",
            "3:1",
            "'title' is given twice in the front matter (first at line 2); keep one",
        ),
    ],
    ids=["python-tag", "deep", "huge-number", "list-title", "yes-title", "twice"],
)
def test_front_matter_that_stopped_the_build_or_showed_wrong(tmp_path, front, where, said):
    """The tag and the list passed, and the page's title was lost or shown as ['Our', 'team'];
    of two titles the last was taken without a word; deep nesting and the long number stopped
    validate with a traceback (or took minutes)."""
    started = time.process_time()
    found = problems(tree(tmp_path, {"pages/team.md": f"---\n{front}---\nAbout the team.\n"}))
    assert time.process_time() - started < 20
    assert found == [f"pages/team.md:{where}: error: {said}"]


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_file_name_that_is_not_utf8_is_printed_where_output_must_be_utf8(tmp_path, fmt):
    """With PYTHONIOENCODING=utf-8 (strict, as some CI runners set it) a Latin-1 file name
    stopped `factcheck validate` with a UnicodeEncodeError traceback instead of its report."""
    root = tree(tmp_path)
    (root / "people").joinpath(os.fsdecode(b"caf\xe9.yaml")).write_text("name: C\nkind: person\n")
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", "--format", fmt, str(root)],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    out = done.stdout.decode("utf-8")
    assert (done.returncode, done.stderr.count(b"Traceback")) == (1, 0), done.stderr
    assert "people/caf\\xe9.yaml" in out
    assert "the file name 'caf\\xe9' is not a valid id" in out


def test_a_number_too_long_to_write_is_described_by_its_size_in_any_field(tmp_path):
    """`date: 0xfff...` (5,000 hexadecimal digits) stopped validate with a ValueError: Python
    refuses to write out a whole number of more than 4,300 digits."""
    huge = "0x" + "f" * 5000
    files = edit(CLAIM, "date: 2024-10-24", f"date: {huge}\ndate_estimated: {huge}")
    assert problems(tree(tmp_path, files)) == [
        f"{CLAIM}:5:7: error: 'date': expected a date written YYYY-MM-DD (like 2024-10-24), "
        "found a number of about 6,021 digits",
        f"{CLAIM}:6:17: error: 'date_estimated': expected true or false, found a number of "
        "about 6,021 digits",
    ]
