"""The safe loader on its own: values as contributors mean them, positions, and the tree walk."""

from __future__ import annotations

import datetime as dt
import pickle
import time
from pathlib import Path

import pytest
from test_validate import FIXTURE, check

from generator.load import (
    RawFile,
    _Refused,
    front_matter_problems,
    label,
    load_tree,
    load_yaml_file,
    parse_yaml,
    read_text,
    scan_tree,
    split_front_matter,
)
from generator.spec import KINDS


def parse(text: str) -> RawFile:
    raw = RawFile(rel="claims/x.yaml", display="claims/x.yaml", kind=KINDS["claim"])
    parse_yaml(text, raw)
    return raw


def test_values_are_what_contributors_mean():
    raw = parse(
        "rating: false\n"
        "id: true\n"
        "date: 2024-10-24\n"
        "quoted: '2024-10-24'\n"
        "bad_day: 2024-02-30\n"
        "stamp: 2024-10-24 10:00:00\n"
        "n: 12\n"
        "octal: 017\n"
        "f: 1.5\n"
        "nothing: ~\n"
        "empty:\n"
        "word: hello\n"
        "colon_text: 'a: b'\n"
        "block: |\n  line one\n  line two\n"
    )
    d = raw.data
    assert d["rating"] is False and d["id"] is True
    assert d["date"] == dt.date(2024, 10, 24)
    assert d["quoted"] == "2024-10-24"
    assert d["bad_day"] == "2024-02-30"  # not a real day: kept as text for the checker to report
    assert d["stamp"] == "2024-10-24 10:00:00"
    assert d["n"] == 12 and d["octal"] == 15 and d["f"] == 1.5
    assert d["nothing"] is None and d["empty"] is None
    assert d["word"] == "hello" and d["colon_text"] == "a: b"
    assert d["block"] == "line one\nline two\n"
    # Numbers keep the text they were written as, for text and id fields.
    assert raw.source[("octal",)] == "017" and raw.source[("date",)] == "2024-10-24"
    assert ("block",) in raw.blocks and ("quoted",) in raw.quoted


@pytest.mark.parametrize("word", ["no", "No", "NO", "off", "Off", "OFF", "yes", "on", "ON"])
def test_yaml_11_yes_no_words_stay_text_and_are_reported(word):
    raw = RawFile(rel="x", display="x", kind=KINDS["document"])
    problems = parse_yaml(f"kind: {word}\n", raw)
    assert raw.data == {"kind": word}
    assert ("kind",) in raw.traps
    assert problems == [
        (
            f"'kind': YAML reads the bare word {word} as yes/no, not as text; put it in quotes: "
            f'"{word}"',
            1,
            7,
        )
    ]


def test_field_names_are_always_text_as_written():
    raw = parse("no: 1\n2024-01-01: 2\n3: 3\ntrue: 4\n")
    assert list(raw.data) == ["no", "2024-01-01", "3", "true"]
    assert raw.traps == set()


def test_positions_of_keys_and_values():
    raw = parse("# comment\nclaim: x\nappearances:\n  - url: https://example.org\n    title: t\n")
    assert raw.marks[()] == (2, 1)
    assert raw.marks[("claim",)] == (2, 8)
    assert raw.key_marks[("appearances",)] == (3, 1)
    assert raw.marks[("appearances", 0)] == (4, 5)
    assert raw.marks[("appearances", 0, "title")] == (5, 12)
    assert raw.at(("appearances", 0, "missing")) == (4, 5)  # falls back to the parent
    assert raw.at(("appearances", 0, "title"), key=True) == (5, 5)


def test_label_names_fields_as_messages_do():
    assert label(("sources", 0, "url")) == "sources[0].url"
    assert label((2, "id")) == "[2].id"
    assert label(()) == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: &x 1\nb: *x\n",
            "'b': YAML aliases (here *x) are not allowed: write the value out in full",
        ),
        ("a: !!python/none x\n", "the tag !!python/none is not allowed"),
        ("a: 1\n---\nb: 2\n", "a file holds one YAML document"),
        ("a: 1\na: 2\n", "the field 'a' appears twice (first at line 1); keep one"),
        ("[" * 30, "nested more than 20 levels deep"),
    ],
)
def test_refused(text, message):
    with pytest.raises(_Refused) as e:
        parse(text)
    assert message in e.value.message


def test_twenty_levels_are_allowed():
    text = "a: " + "[" * 19 + "]" * 19 + "\n"
    assert parse(text).data == {"a": [[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]}


def test_read_text_accepts_bom_crlf_and_cr(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"\xef\xbb\xbfone\r\ntwo\rthree\n")
    assert read_text(p, 100) == ("one\ntwo\nthree\n", None)


def test_read_text_refuses_over_the_limit_without_reading_it_all(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"x" * 101)
    text, err = read_text(p, 100)
    assert text is None
    assert err == (
        "is 101 bytes, over the limit of 100 bytes: split the document into parts (documents "
        "with part_of) or shorten the text",
        0,
        0,
    )
    p = tmp_path / "topics.yaml"
    p.write_bytes(b"x" * 101)
    assert read_text(p, 100)[1][0].endswith(": shorten its descriptions")


def test_read_text_places_bad_bytes(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"line one\nJos\xc3\xa9 \xff\n")
    text, err = read_text(p, 100)
    assert err == (
        "is not UTF-8 text (byte 0xff at line 2): save it with UTF-8 encoding",
        2,
        6,  # characters, not bytes: the é counts once
    )


def test_load_yaml_file_reports_each_control_character_line_once(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text("name: a\x01b\x02c\nkind: person\ndescription: ok\x7f\n", encoding="utf-8")
    raw, problems = load_yaml_file(p, "people/x.yaml", KINDS["person"], "people/x.yaml")
    assert raw.data == {"name": "abc", "kind": "person", "description": "ok"}
    assert [(q.line, q.col, q.severity) for q in problems] == [
        (1, 8, "warning"),
        (3, 16, "warning"),
    ]
    assert problems[0].message.startswith(
        "'name': contains an invisible control character (U+0001)"
    )
    assert problems[1].message.startswith("'description': contains an invisible")


def test_a_light_file_reads_its_positions_again_and_pickles_its_kind_by_name(tmp_path):
    p = tmp_path / "claims" / "x.yaml"
    p.parent.mkdir()
    p.write_text("claim: x\nclaimant: y\n", encoding="utf-8")
    raw, _ = load_yaml_file(p, "claims/x.yaml", KINDS["claim"], "claims/x.yaml")
    raw.lighten()
    assert raw.marks is None and raw.text == ""
    copy = pickle.loads(pickle.dumps(raw))
    assert copy.kind is KINDS["claim"]
    assert copy.at(("claimant",)) == (2, 11)
    assert copy.text == "claim: x\nclaimant: y\n"


def test_scan_tree_skips_hidden_files_and_readmes(tmp_path):
    root = tmp_path / "content"
    root.mkdir()
    (root / ".git").mkdir()
    (root / ".git" / "x.yaml").write_text("junk")
    (root / ".DS_Store").write_text("junk")
    (root / "README.md").write_text("# content\n")
    (root / "claims").mkdir()
    (root / "claims" / ".x.yaml.swp").write_text("junk")
    loaded, jobs = scan_tree(root, "")
    assert jobs == [] and loaded.problems == []


def test_single_letters_are_text_in_pyyaml():
    assert parse("a: y\nb: n\n").data == {"a": "y", "b": "n"}


def test_load_tree_reads_everything_in_a_fixed_order():
    loaded = load_tree(FIXTURE, "")
    rels = [raw.rel for raw in loaded.files]
    assert sorted(rels) == sorted(
        str(p.relative_to(FIXTURE)) for p in Path(FIXTURE).rglob("*.yaml")
    )
    assert rels[:2] == ["ratings.yaml", "topics.yaml"]  # the folder's files, then its folders
    assert rels == [raw.rel for raw in load_tree(FIXTURE, "").files]
    assert list(loaded.texts) == ["documents/council-meeting-2024-10-24.txt"]
    assert loaded.problems == []


def test_a_missing_content_folder(tmp_path):
    loaded = load_tree(tmp_path / "nope")
    assert [str(p) for p in loaded.problems] == [
        f"{tmp_path / 'nope'}:1:1: error: the content folder does not exist"
    ]


def test_a_preview_forgets_the_texts_of_deleted_documents(tmp_path):
    """The preview's text cache is kept for hours: a deleted document's text must not stay in it."""
    import shutil

    root = tmp_path / "content"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini", root)
    texts: dict = {}
    extra = root / "documents" / "another.txt"
    extra.write_text("Another speech.\n", "utf-8")
    loaded, _ = scan_tree(root, texts=texts)
    assert loaded.texts["documents/another.txt"] == "Another speech.\n"
    assert str(extra) in texts and str(root / "documents" / "speech-2025.txt") in texts
    extra.unlink()
    loaded, _ = scan_tree(root, texts=texts)
    assert "documents/another.txt" not in loaded.texts
    assert list(texts) == [str(root / "documents" / "speech-2025.txt")]


def test_a_page_not_named_md_is_reported_not_left_out_silently(tmp_path):
    """about.MD, about.markdown and about.md. were not published, and nothing said so."""
    found = check(
        tmp_path,
        {
            "pages/about.MD": "# About\n",
            "pages/team.markdown": "# Team\n",
            "pages/funding.md.": "# Funding\n",
            "pages/logo.png": "not a page",
        },
    )
    why = "is not a .md file, so it is not published: pages/ holds Markdown pages only"
    assert found == [
        f"pages/about.MD:1:1: warning: {why}; rename it to about.md",
        f"pages/funding.md.:1:1: warning: {why}; rename it to funding.md",
        f"pages/logo.png:1:1: warning: {why}; if it is a page, rename it to end in .md "
        "(about.md); else move it out of pages/",
        f"pages/team.markdown:1:1: warning: {why}; rename it to team.md",
    ]


DEEP = "---\nx: " + "[" * 20_000 + "]" * 20_000 + "\n---\nAbout the team.\n"


def test_deep_front_matter_is_refused_where_it_gets_too_deep_in_linear_time():
    """Each level slowed the YAML scanner: 8,000 took 14 s, and 100,000 minutes."""
    started = time.process_time()
    assert front_matter_problems(DEEP) == [
        (
            "the front matter nests more than 20 levels deep; write it as 'key: value' lines "
            "(title: Our team)",
            2,
            23,
        )
    ]
    assert time.process_time() - started < 2


@pytest.mark.parametrize(
    "front",
    [DEEP.split("---\n")[1], "title: Team\ndate: 2025-02-30\n", "title: " + "9" * 5000 + "\n"],
    ids=["deep", "no-such-date", "huge-number"],
)
def test_a_build_reads_front_matter_it_cannot_use_as_none(front):
    """Without validate first, the build stopped with a RecursionError or ValueError traceback."""
    started = time.process_time()
    assert split_front_matter(f"---\n{front}---\nAbout the team.\n") == ({}, "About the team.\n")
    assert time.process_time() - started < 2
