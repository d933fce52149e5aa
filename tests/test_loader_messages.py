"""What the YAML reader says about files it cannot read: each message names the field, or the
invisible character, or the real limit, and says what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import load
from generator.spec import KINDS

FILE = "claims/x.yaml"
LONG = "a" * 1100


@pytest.fixture(params=["installed", "python"])
def parser(request, monkeypatch):
    """Every message is the same whichever parser reads the file: libyaml's, or PyYAML's own."""
    if request.param == "python":
        monkeypatch.setattr(load, "_parser", load._PY_PARSER)
    return request.param


def messages(tmp_path: Path, text: str) -> list[str]:
    """The problems `factcheck validate` prints for one claim file, errors and warnings."""
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = load.load_yaml_file(path, FILE, KINDS["claim"], FILE)
    return [str(p) for p in problems]


# -- 1. escapes that are not characters -------------------------------------------------------
# PyYAML's own parser read the first two into the text (which no page can be written with) and
# stopped on the third with a traceback; libyaml refused all three without saying why.


def test_a_lone_surrogate_escape_says_what_it_is_and_what_to_write(tmp_path, parser):
    assert messages(tmp_path, 'id: x\nclaim: "a \\ud800 b"\n') == [
        f"{FILE}:2:13: error: YAML does not parse: found invalid Unicode character escape code; "
        "\\ud800 is half of a UTF-16 surrogate pair, not a character: write the character "
        "itself, or its escape \\U0001xxxx (\\U and 8 hex digits)"
    ]


def test_a_surrogate_pair_written_as_json_does_gets_its_character_and_escape(tmp_path, parser):
    assert messages(tmp_path, 'id: x\nclaim: "smile \\ud83d\\ude00"\n') == [
        f"{FILE}:2:17: error: YAML does not parse: found invalid Unicode character escape code; "
        "\\ud83d\\ude00 is one character written as a UTF-16 surrogate pair (as JSON does), "
        "which YAML does not read: write the character itself (U+1F600 GRINNING FACE) or its "
        "escape \\U0001F600"
    ]


def test_an_escape_past_the_last_character(tmp_path, parser):
    assert messages(tmp_path, 'id: x\nclaim: "\\U00110000"\n') == [
        f"{FILE}:2:11: error: YAML does not parse: found invalid Unicode character escape code; "
        "\\U00110000 is past the last Unicode character (U+10FFFF): write the character itself"
    ]


# -- 2. U+2028, U+2029 that end a YAML line in the middle of a value ----------------------------

INVISIBLE = (
    "which readers cannot see and which splits words for search; delete it (often from pasted text)"
)


def test_a_line_separator_in_a_block_names_itself_as_the_cause(tmp_path, parser):
    text = "id: x\nclaim: |\n  The mayor said\u2028@everyone was invited\n  twice\nspeaker: y\n"
    found = messages(tmp_path, text)
    assert found[0].startswith(f"{FILE}:3:18: error: YAML does not parse: found character ")
    assert found[0].endswith(
        "cannot start any token; YAML takes the invisible U+2028 (LINE SEPARATOR) at line 3, "
        "column 17 for a line break: delete it"
    )
    assert found[1:] == [
        f"{FILE}:3:17: warning: contains an invisible character (U+2028 LINE SEPARATOR), "
        + INVISIBLE
    ]


def test_a_line_separator_in_a_plain_value_on_the_line_before_the_error(tmp_path, parser):
    text = "id: x\nclaim: The mayor said\u2028it was twice as much\nspeaker: y\n"
    assert messages(tmp_path, text)[0] == (
        f"{FILE}:3:1: error: YAML does not parse: could not find expected ':' (while scanning a "
        "simple key at line 2); YAML takes the invisible U+2028 (LINE SEPARATOR) at line 2, "
        "column 22 for a line break: delete it"
    )


def test_a_paragraph_separator_in_a_list_item(tmp_path, parser):
    text = (
        "id: x\nsources:\n  - url: https://example.org/a\n    title: Budget\u2029report 2024\n"
        "  - url: https://example.org/b\n"
    )
    assert messages(tmp_path, text)[0] == (
        f"{FILE}:5:8: error: YAML does not parse: could not find expected ':' (while scanning a "
        "simple key at line 4); YAML takes the invisible U+2029 (PARAGRAPH SEPARATOR) at line 4, "
        "column 18 for a line break: delete it"
    )


def test_a_line_separator_far_from_the_error_is_not_blamed(tmp_path, parser):
    text = "id: x\nclaim: hello\u2028\nspeaker: y\nsources: [\n"
    assert "LINE SEPARATOR) at line" not in messages(tmp_path, text)[0]


# -- 3. aliases, tags and nesting name their field ----------------------------------------------


def test_an_alias_names_its_field_and_itself(tmp_path, parser):
    text = "id: x\nclaim: &said The mayor said so\nspeaker: *said\n"
    assert messages(tmp_path, text) == [
        f"{FILE}:3:10: error: 'speaker': YAML aliases (here *said) are not allowed: write the "
        "value out in full"
    ]


def test_an_alias_in_a_list_names_the_item(tmp_path, parser):
    text = "id: x\nsources:\n  - &s {url: https://example.org}\n  - *s\n"
    assert messages(tmp_path, text) == [
        f"{FILE}:4:5: error: 'sources[1]': YAML aliases (here *s) are not allowed: write the "
        "value out in full"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "id: x\nclaim: !!python/object/apply:os.system [ls]\n",
            "2:8: error: 'claim': the tag !!python/object/apply:os.system",
        ),
        (
            "id: x\nsources:\n  - url: !!binary aGVsbG8=\n",
            "3:10: error: 'sources[0].url': the tag !!binary",
        ),
        ("id: x\n!custom speaker: y\n", "2:1: error: 'speaker': the tag !custom"),
    ],
    ids=["value", "nested", "field-name"],
)
def test_a_tag_names_its_field(tmp_path, parser, text, expected):
    assert messages(tmp_path, text) == [
        f"{FILE}:{expected} is not allowed: content files are plain data; remove the tag"
    ]


def test_too_deep_names_the_field_without_its_list_indices(tmp_path, parser):
    text = "id: x\nsources: " + "[" * 30 + "]" * 30 + "\n"
    assert messages(tmp_path, text) == [
        f"{FILE}:2:29: error: 'sources': nested more than 20 levels deep: content files are "
        "never that deep"
    ]


# -- 4. a field name over YAML's 1024 characters ------------------------------------------------

TOO_LONG = (
    "the field name before this ':' is 1,100 characters long, and YAML reads at most 1024 as a "
    "field name: if it is text that contains ': ', put the whole text in quotes; if it is a field "
    "name, shorten it"
)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (f"id: x\n{LONG}: b\n", "2:1101"),
        (f"id: x\nquotes:\n  - {LONG}: more\n", "3:1105"),
        (f"id: x\nsources:\n  - url: x\n    {LONG}: b\n", "4:1105"),
        (f"id: x\nx: {{{LONG}: b}}\n", "2:1105"),
    ],
    ids=["top", "list-item", "nested", "flow"],
)
def test_a_key_over_1024_characters_says_so(tmp_path, parser, text, where):
    found = messages(tmp_path, text)
    assert len(found) == 1 and found[0].startswith(f"{FILE}:{where}: error: YAML does not parse")
    assert found[0].endswith(f"; {TOO_LONG}")


def test_a_key_of_1024_characters_is_still_read(tmp_path, parser):
    assert not [m for m in messages(tmp_path, f"id: x\n{'a' * 1024}: b\n") if "error" in m]
    assert TOO_LONG.replace("1,100", "1,025") in messages(tmp_path, f"{'a' * 1025}: b\n")[0]


def test_a_long_value_containing_a_colon_keeps_the_quoting_advice(tmp_path, parser):
    found = messages(tmp_path, f"id: x\nclaim: {LONG}: b\n")
    assert found[0].endswith("; if the value contains ': ', put the whole value in quotes")


def test_an_escaped_backslash_before_u_is_not_an_escape(tmp_path, parser):
    text = 'id: x\nclaim: "C:\\\\udcaa and \\ud800"\n'  # C:\\udcaa is the text C:\udcaa
    assert messages(tmp_path, text)[0].startswith(f"{FILE}:2:25: error: YAML does not parse")
    assert "\\ud800 is half of a UTF-16 surrogate pair" in messages(tmp_path, text)[0]
