"""`factcheck validate`, round 7: mistakes that were let through, or told without the fix.

A reference definition whose address holds a space; an escaped `\\[h](...)` taken for a link; an
invisible line separator that makes a field of what reads as a value; a mistyped top folder
(`claim/`) told once per file inside it; an empty page or document text; the editors' schemas
accepting ids that validate refuses; a link out of the content folder refused without a fix.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_schema import errors
from test_validate import CLAIM, DOCUMENT, VERDICT, check, fixture_text, tree

from generator.cli import main as factcheck
from generator.load import WINDOWS_DEVICES
from generator.schema import schema_for
from generator.spec import KINDS

SPACED = (
    "the link to '{}' is not made, and readers would see the Markdown as typed: a link's "
    "address cannot hold a space, tab or line break; remove it, or write a space that belongs "
    "in the address as %20"
)
CLAIM_LINE = 'claim: "Since I took office, bus fares have doubled."'


def _body(extra: str) -> dict[str, str]:
    """The fixture verdict with Markdown added to its body (as lines 9 onwards)."""
    text = fixture_text(VERDICT)
    marker = "  A related claim"
    assert marker in text
    return {VERDICT: text.replace(marker, extra + "\n\n" + marker)}


def _cli(root: Path, capsys) -> list[str]:
    """What `factcheck validate` prints, one line a problem (the summary left out)."""
    factcheck(["validate", str(root)])
    shown = str(root) + "/"
    return [line.removeprefix(shown) for line in capsys.readouterr().out.splitlines()[:-1]]


# -- 1. links whose address holds a space ----------------------------------------------------


def test_a_reference_definition_with_a_space_is_warned_where_its_address_is(tmp_path, capsys):
    """`[h]: https://exa mple.org` is no definition: the paragraph and `[h]` show as typed."""
    root = tree(tmp_path, _body("  See [h].\n\n  [h]: https://exa mple.org"))
    assert _cli(root, capsys) == [
        f"{VERDICT}:11:8: warning: 'body': " + SPACED.format("https://exa mple.org")
    ]


def test_a_reference_definition_on_a_page_is_warned_too(tmp_path):
    page = "# Sources\n\nSee [the report][r].\n\n[r]: https://example.org/a report.pdf\n"
    assert check(tmp_path, {"pages/sources-we-use.md": page}) == [
        "pages/sources-we-use.md:5:6: warning: " + SPACED.format("https://example.org/a report.pdf")
    ]


@pytest.mark.parametrize(
    "markdown",
    [
        r"  See \[h](https://a b) as typed.",  # the '[' escaped: never a link
        r"  See [h\](https://a b) as typed.",  # the ']' escaped
        "  See [h]: <https://exa mple.org> in prose.",  # not at a line's start: prose
        "  See [h].\n\n  [h]: <https://example.org/a b>",  # a definition made: <...> holds spaces
        '  See [h].\n\n  [h]: https://example.org "The title"',  # a title after the address
    ],
)
def test_what_markdown_makes_or_never_meant_as_a_link_is_not_warned(tmp_path, markdown):
    assert check(tmp_path, _body(markdown)) == []


def test_an_unescaped_link_with_a_space_is_still_warned(tmp_path):
    assert check(tmp_path, _body(r"  See \[x] and [h](https://a b) here.")) == [
        f"{VERDICT}:9:20: warning: 'body': " + SPACED.format("https://a b")
    ]


# -- 2. an invisible line separator before what reads as a key -------------------------------


def test_a_line_separator_before_an_unknown_key_is_named(tmp_path, capsys):
    root = tree(
        tmp_path, {CLAIM: fixture_text(CLAIM).replace(CLAIM_LINE, "claim: hello\u2028world: 1")}
    )
    assert _cli(root, capsys) == [
        f"{CLAIM}:2:13: warning: 'claim': contains an invisible character (U+2028 LINE "
        "SEPARATOR), which readers cannot see and which splits words for search; delete it "
        "(often from pasted text)",
        f"{CLAIM}:2:14: error: unknown field 'world' in a claim: it follows an invisible line "
        "separator (U+2028 LINE SEPARATOR), which YAML reads as a line break, so 'world' was "
        "taken for a field of its own and the value before it ends there; delete the U+2028 "
        "(often from pasted text), and put a value that holds ': ' in quotes",
    ]


def test_a_line_separator_before_a_known_field_is_an_error_not_a_silent_cut(tmp_path):
    """The claim was cut to 'Since I took office' and date_estimated set, with only a warning
    about an invisible character."""
    text = "claim: Since I took office\u2029date_estimated: true"
    found = check(tmp_path, {CLAIM: fixture_text(CLAIM).replace(CLAIM_LINE, text)})
    assert found[1:] == [
        f"{CLAIM}:2:28: error: 'date_estimated' follows an invisible line separator (U+2029 "
        "PARAGRAPH SEPARATOR), which YAML reads as a line break, so 'date_estimated' was taken "
        "for a field of its own and the value before it ends there; delete the U+2029 (often "
        "from pasted text), and put a value that holds ': ' in quotes"
    ]
    assert found[0].startswith(f"{CLAIM}:2:27: warning: 'claim': contains an invisible character")


def test_a_field_twice_because_of_a_line_separator_says_so_on_the_right_line(tmp_path):
    """Before: 'the field 'title' appears twice (first at line 3)', the parser's line, where the
    second one is."""
    text = fixture_text(CLAIM).replace(CLAIM_LINE, "claim: Since I took office\u2029title: Fares")
    assert check(tmp_path, {CLAIM: text})[1:] == [
        f"{CLAIM}:3:1: error: the field 'title' appears twice: the first, at line 2 column 28, "
        "follows an invisible U+2029 PARAGRAPH SEPARATOR, which YAML reads as a line break, so "
        "it was taken for a field of its own and the value before it ends there; delete the "
        "U+2029 (often from pasted text)"
    ]


# -- 3. a mistyped top folder: one problem, with the name meant -------------------------------


def test_a_mistyped_top_folder_is_one_problem_with_the_name_meant(tmp_path, capsys):
    claim = fixture_text(CLAIM)
    root = tree(
        tmp_path,
        {
            "claim/a.yaml": claim,
            "claim/b.yaml": claim,
            "person/x.yaml": "name: X\n",
            "Pages/about.md": "# About\n\nUs.\n",
            "page/how.md": "# How\n\nSo.\n",
            "images/logo.png": b"\x89PNG",
        },
    )
    why = "is not a folder of the content format, so none of the files in it is read or published"
    assert _cli(root, capsys) == [
        f"Pages:1:1: error: {why}: did you mean pages/? rename the folder to pages/",
        f"claim:1:1: error: {why}: did you mean claims/? move its files into claims/ and delete "
        "this folder",
        "images/logo.png:1:1: warning: is not part of the content format and is ignored",
        f"page:1:1: error: {why}: did you mean pages/? rename the folder to pages/",
        f"person:1:1: error: {why}: did you mean people/? move its files into people/ and "
        "delete this folder",
    ]


def test_a_folder_beside_its_twin_in_another_case_is_told_once(tmp_path):
    """Not once for the folder and once for each file in it."""
    verdict = fixture_text(VERDICT)
    assert check(tmp_path, {"Verdicts/x.yaml": verdict, "Verdicts/y.yaml": verdict}) == [
        "Verdicts:1:1: error: has the same name as verdicts but for letter case: macOS and "
        "Windows take the two names for one, so a checkout there keeps only one of them; rename "
        "one (or, if both are the same, merge them into one)"
    ]


@pytest.mark.parametrize(
    ("name", "folder", "kind"),
    [
        ("claims.yaml", "claims", "claim"),
        ("People.yml", "people", "person"),
        ("verdict.yaml", "verdicts", "verdict"),
    ],
)
def test_a_list_file_of_a_folder_kind_is_told_to_split(tmp_path, name, folder, kind):
    """ratings.yaml is a list; people.yaml was ignored with a warning, every person lost."""
    assert check(tmp_path, {name: "- id: x\n"}) == [
        f"{name}:1:1: error: is not read: each {kind} is a file of its own in {folder}/, named "
        f"by its id ({folder}/<id>.yaml); split it into one file per {kind} there"
    ]


# -- 4. an empty page or document text -------------------------------------------------------

EMPTY = (
    "the page is empty, so the site would publish a blank page at /{} with only a title made "
    "from its file name; write its text, starting with a '# Title' line, or delete the file"
)


@pytest.mark.parametrize("text", ["", "  \n\n", "\ufeff\n", "\t\r\n"])
def test_an_empty_page_is_warned_with_the_fix(tmp_path, capsys, text):
    root = tree(tmp_path, {"pages/how-we-work.md": text})
    assert _cli(root, capsys) == [
        "pages/how-we-work.md:1:1: warning: " + EMPTY.format("how-we-work/")
    ]


def test_a_page_with_front_matter_and_no_text_is_warned_at_the_closing_line(tmp_path):
    page = "---\ntitle: How we work\n---\n\n"
    assert check(tmp_path, {"pages/how-we-work.md": page}) == [
        "pages/how-we-work.md:3:1: warning: the page has no text after its front matter, so the "
        "site would publish a page at /how-we-work/ with nothing on it but its title; write its "
        "text below the closing '---', or delete the file"
    ]


def test_a_section_introduction_may_be_front_matter_alone(tmp_path):
    """pages/claims.md gives the list of claims its title; the list is the page's text."""
    assert check(tmp_path, {"pages/claims.md": "---\ntitle: Every fact check\n---\n"}) == []


def test_an_empty_document_text_is_named_at_the_text(tmp_path):
    text = DOCUMENT.replace(".yaml", ".txt")
    found = check(tmp_path, {text: " \n"})
    assert (
        f"{text}:1:1: warning: the document's text is empty, so no quote can be found in it "
        "and its page would show no text; paste the document's full text into it (plain UTF-8 "
        "text), or delete the file if the text is not at hand" in found
    )


# -- 5. the editors' schemas refuse the ids validate refuses ---------------------------------

IDS = [
    "con",
    "aux",
    "nul",
    "prn",
    "com1",
    "lpt9",
    "com0",
    "jane-doe",
    "con-edison",
    "com10",
    "lpt",
    "xcon",
    "auxiliary",
    "Con",
]


def _schema_says(kind: str, field: str, value: str) -> bool:
    schema = schema_for(KINDS[kind])
    body = schema["items"] if KINDS[kind].list_file else schema
    return errors(body["properties"][field], value) == []


@pytest.mark.parametrize("pid", IDS)
def test_the_schema_and_validate_agree_on_a_person_id(tmp_path, pid):
    """A claimant is a person's file name: validate refuses people/con.yaml, so the schema
    refuses `claimant: con`."""
    claim = fixture_text(CLAIM).replace("claimant: jane-doe", f"claimant: {pid}")
    person = fixture_text("people/jane-doe.yaml").replace("Jane Doe", "Pat Example")
    found = check(tmp_path, {CLAIM: claim, f"people/{pid}.yaml": person})
    assert (found == []) == _schema_says("claim", "claimant", pid), found


@pytest.mark.parametrize("tid", IDS)
def test_the_schema_and_validate_agree_on_a_topic_id(tmp_path, tid):
    topics = fixture_text("topics.yaml").replace("id: transport", f"id: {tid}")
    claim = fixture_text(CLAIM).replace("topics: [transport]", f"topics: [{tid}]")
    found = check(tmp_path, {"topics.yaml": topics, CLAIM: claim})
    assert (found == []) == _schema_says("topic", "id", tid), found
    assert (found == []) == _schema_says("claim", "topics", [tid]), found


def test_the_committed_schemas_refuse_the_device_names():
    schemas = Path(__file__).resolve().parent.parent / "schemas"
    claim = json.loads((schemas / "claim.schema.json").read_text(encoding="utf-8"))
    pattern = claim["properties"]["claimant"]["anyOf"][0]["pattern"]
    assert [d for d in sorted(WINDOWS_DEVICES) if re.search(pattern, d)] == []
    assert re.search(pattern, "con-edison") and re.search(pattern, "com10")


def test_a_reference_to_a_device_name_is_not_told_to_add_the_file(tmp_path):
    """Before: '...; add people/con.yaml', a file validate then refuses."""
    claim = fixture_text(CLAIM).replace("claimant: jane-doe", "claimant: con")
    assert check(tmp_path, {CLAIM: claim}) == [
        f"{CLAIM}:4:11: error: 'claimant': no person 'con' exists (people/con.yaml not found); "
        "no person can have that id: 'con' is the name of a device on Windows, where its page's "
        "folder cannot be made; use the id of an existing person"
    ]


# -- 6. a link out of the content folder ------------------------------------------------------


def test_a_link_out_of_the_content_folder_says_how_to_fix_it(tmp_path, capsys):
    outside = tmp_path / "notes.yaml"
    outside.write_text(fixture_text("people/jane-doe.yaml"), encoding="utf-8")
    root = tree(tmp_path)
    (root / "people" / "notes.yaml").symlink_to(outside)
    assert _cli(root, capsys) == [
        "people/notes.yaml:1:1: error: is a link to a file outside the content folder: refused, "
        "so that nothing outside it is published; copy the file into the content folder in "
        "place of the link"
    ]
