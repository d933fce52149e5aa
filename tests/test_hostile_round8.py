"""Hostile and surprising YAML, eighth round: what YAML 1.1 and pasted text do to a file.

A yes/no word in a true/false or number field, characters that look like a space but are not
one to YAML (a no-break space, a byte order mark left in the middle of a file), a Markdown rule
typed at the start of a line inside a verdict's body, directives. Each case asserts the line the
contributor is sent to and the fix they are told, and the build case that nothing is published.
"""

from __future__ import annotations

import shutil
import time

import pytest
from factories import MINI, REPO
from test_validate import fixture_text, problems, tree

from generator.build import build
from generator.validate import validate

CLAIM = "claims/bus-fares-doubled.yaml"
VERDICT = "verdicts/bus-fares-doubled.yaml"


def _edit(rel: str, old: str, new: str) -> str:
    text = fixture_text(rel)
    assert old in text, old
    return text.replace(old, new, 1)


# -- yes/no words where true/false or a number belongs ------------------------------------


def test_a_yes_no_word_in_a_true_false_field_is_told_to_write_true_or_false(tmp_path):
    """`primary: yes` was told to be quoted ("yes"), which only gives another error: a
    true/false field takes true or false."""
    verdict = _edit(VERDICT, "    primary: true", "    primary: yes\n    title_is_description: off")
    claim = fixture_text(CLAIM) + "date_estimated: On\n"
    ratings = fixture_text("ratings.yaml").replace("value: 6", "value: yes", 1)
    assert problems(tree(tmp_path, {VERDICT: verdict, CLAIM: claim, "ratings.yaml": ratings})) == [
        f"{CLAIM}:11:17: error: 'date_estimated': write true, not On: YAML readers disagree on "
        "the bare word On (YAML 1.1 reads it as true, YAML 1.2 as text)",
        "ratings.yaml:7:10: error: '[0].value': expected a whole number, found the bare word "
        "yes, which YAML reads as yes/no; replace it with a whole number",
        f"{VERDICT}:17:14: error: 'sources[0].primary': write true, not yes: YAML readers "
        "disagree on the bare word yes (YAML 1.1 reads it as true, YAML 1.2 as text)",
        f"{VERDICT}:18:27: error: 'sources[0].title_is_description': write false, not off: "
        "YAML readers disagree on the bare word off (YAML 1.1 reads it as false, YAML 1.2 as "
        "text)",
    ]


def test_norway_is_still_told_to_quote_its_language_and_passes_quoted(tmp_path):
    """Where text or an id belongs, quoting stays the fix: `language: no` is Norwegian."""
    bare = tree(tmp_path / "bare", {CLAIM: fixture_text(CLAIM) + "language: no\n"})
    assert problems(bare) == [
        f"{CLAIM}:11:11: error: 'language': YAML reads the bare word no as yes/no, not as text; "
        'put it in quotes: "no"'
    ]
    quoted = tree(tmp_path / "quoted", {CLAIM: fixture_text(CLAIM) + 'language: "no"\n'})
    report = validate(quoted, display_prefix="")
    assert report.problems == []
    assert report.content.claims["bus-fares-doubled"].language == "no"


def test_a_source_language_that_is_no_tag_is_named_with_its_source(tmp_path):
    """The message named 'language' alone, as if it were the verdict's own field."""
    verdict = _edit(VERDICT, "    primary: true", "    primary: true\n    language: english")
    assert problems(tree(tmp_path, {VERDICT: verdict})) == [
        f"{VERDICT}:18:15: error: 'sources[0].language': 'english' is not a known language: "
        "write a BCP 47 tag, a language code with an optional region or script, like 'en', "
        "'pt-BR' or 'sr-Latn'; did you mean 'en'?"
    ]


# -- characters that look like a space ----------------------------------------------------


NBSP_FIX = (
    "looks like a space, but YAML does not take it for one: type an ordinary space in its place"
)


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        (  # a no-break space in a list item's indentation, pasted from a web page
            VERDICT,
            "  - id: budget-2024",
            " \u00a0- id: budget-2024",
            "18:2: error: YAML does not parse: did not find expected key (while parsing a block "
            "mapping at line 2); the U+00A0 (no-break space) at line 18, column 2 " + NBSP_FIX,
        ),
        (  # after a field name's ':', where YAML needs a space
            CLAIM,
            "claimant: jane-doe",
            "claimant:\u3000jane-doe",
            "5:1: error: YAML does not parse: could not find expected ':' (while scanning a "
            "simple key at line 4); the U+3000 (ideographic space) at line 4, column 10 "
            + NBSP_FIX,
        ),
        (  # a byte order mark at the start of a line: two files joined into one
            CLAIM,
            "date: 2024-10-24",
            "\ufeffdate: 2024-10-24",
            "5:2: error: YAML does not parse: did not find expected key (while parsing a block "
            "mapping at line 2); the invisible U+FEFF (byte order mark) at line 5, column 1 is "
            "not a space to YAML: delete it",
        ),
    ],
)
def test_a_character_that_only_looks_like_a_space_is_named_at_its_place(
    tmp_path, rel, old, new, expected
):
    """These were told that 'the indentation is off' or that each line is 'field: value',
    on lines that look right: the character is invisible."""
    found = [p for p in problems(tree(tmp_path, {rel: _edit(rel, old, new)})) if "error" in p]
    assert found == [f"{rel}:{expected}"]


def test_lines_of_odd_spaces_are_checked_in_linear_time(tmp_path):
    """The hint looks at three lines, whatever the file's size."""
    times = []
    for n in (2_000, 16_000):
        text = fixture_text(CLAIM) + "x: |\n" + "  \u00a0text\n" * n + "\u00a0y: [\n"
        root = tree(tmp_path / str(n), {CLAIM: text})
        start = time.perf_counter()
        found = problems(root)
        times.append(time.perf_counter() - start)
        assert any("U+00A0 (no-break space)" in p for p in found), found
    assert times[1] < 8 * times[0] + 0.5, times


# -- where a YAML document ends -----------------------------------------------------------


def test_a_markdown_rule_at_the_start_of_a_line_in_a_body_is_told_to_be_indented(tmp_path):
    """A `---` typed unindented in a verdict's body ends the YAML document: the contributor was
    told to remove it 'and what follows', which is the rest of the body and the sources."""
    verdict = _edit(VERDICT, "  A related claim", "---\n\n  A related claim")
    assert problems(tree(tmp_path, {VERDICT: verdict})) == [
        f"{VERDICT}:9:1: error: 'body': a line '---' at the start of a line ends the YAML "
        "document, and with it the text of 'body': if the line is part of that text (a "
        "Markdown rule), indent it like the text's other lines; else remove it and what follows"
    ]


def test_a_second_document_after_plain_fields_keeps_its_message(tmp_path):
    claim = fixture_text(CLAIM) + "---\n" + fixture_text(CLAIM)
    assert problems(tree(tmp_path, {CLAIM: claim})) == [
        f"{CLAIM}:11:1: error: a file holds one YAML document: remove the second '---' and what "
        "follows"
    ]


def test_a_document_end_marker_before_more_fields_is_named(tmp_path):
    verdict = _edit(VERDICT, "  A related claim", "...\n\n  A related claim")
    assert problems(tree(tmp_path, {VERDICT: verdict})) == [
        f"{VERDICT}:11:3: error: YAML does not parse: did not find expected <document start>; "
        "the line '...' at line 9 ends the YAML document, and nothing may follow it: if it is "
        "part of a text written with '|', indent it like the text's other lines; else remove it"
    ]


@pytest.mark.parametrize(
    ("before", "where", "said"),
    [
        ("%YAML 2.0\n---\n", "1:1", "found incompatible YAML document"),
        ("%FOO bar\n---\n", "1:5", "found unknown directive name"),
    ],
)
def test_a_directive_is_told_to_be_removed(tmp_path, before, where, said):
    claim = before + fixture_text(CLAIM)
    assert problems(tree(tmp_path, {CLAIM: claim})) == [
        f"{CLAIM}:{where}: error: YAML does not parse: {said}; remove the line that starts "
        "with '%': content files need no YAML directives"
    ]


def test_a_line_that_starts_with_a_colon_is_told_its_field_name_is_missing(tmp_path):
    claim = fixture_text(CLAIM) + ": en\n"
    assert problems(tree(tmp_path, {CLAIM: claim})) == [
        f"{CLAIM}:11:1: error: YAML does not parse: did not find expected key (while parsing a "
        "block mapping at line 2); a field name is missing before this ':'"
    ]


# -- the build ----------------------------------------------------------------------------


def test_the_build_names_each_problem_and_publishes_nothing(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    verdict = content / "verdicts" / "unemployment-doubled.yaml"
    text = verdict.read_text(encoding="utf-8")
    verdict.write_text(
        text.replace("    primary: true", "    primary: yes").replace(
            "  ## Context", "---\n  ## Context"
        ),
        encoding="utf-8",
    )
    person = content / "people" / "jane-doe.yaml"
    person.write_text(
        person.read_text(encoding="utf-8").replace("kind: person", "kind:\u00a0person"),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert build(content, out, REPO / "mkdocs.yml") == 1
    printed = capsys.readouterr()
    said = printed.out + printed.err
    assert "Traceback" not in said
    assert "'body': a line '---' at the start of a line ends the YAML document" in said
    assert "the U+00A0 (no-break space) at line 2, column 6 looks like a space" in said
    assert not out.exists()
