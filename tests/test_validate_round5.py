"""`factcheck validate`, round 5: what pages, one-line fields, YAML's own line breaks and the
site's catalogs still let through.

Links a page does not make (`javascript:`, `data:`, `//host`) are said as a verdict's are; an
address disguised with %-codes says what it is; U+2028 and U+2029, which YAML takes for line
breaks, no longer move the later problems of the file; a line break in a title, label or name
is an error at the field; `factcheck validate` checks the site's own catalogs as the build does.
"""

from __future__ import annotations

import pytest
from test_validate import VERDICT, check, edit, fixture_text

from generator.cli import main as factcheck
from generator.problems import parser_places

NOT_MADE = "is not made, and readers would see the Markdown as typed: a page links addresses on "
PAGE_LINKS = f"{NOT_MADE}this site, and other sites with http(s)"


def _scheme(scheme: str) -> str:
    return (
        f"{PAGE_LINKS}, and '{scheme}:' is not an allowed address; remove the link, or link the "
        "page it should lead to"
    )


# -- links a page does not make ------------------------------------------------------------


def test_a_page_link_the_site_does_not_make_is_warned_as_a_verdicts_is(tmp_path):
    """A page's `[x](javascript:...)`, `data:` or `vbscript:` link was shown as typed Markdown
    without a word, where a verdict body's got a warning."""
    page = (
        "# About\n\n"
        "[a](javascript:alert(1)) and [b](data:text/html,x)\n"
        "Then [c](VBScript:x) [d](//evil.example/x) [e](\\\\evil/x) [ok](../claims/).\n\n"
        "[f](java&#x73;cript:alert(2)) [g]\n\n"
        "[g]: javascript:alert(3)\n"
    )
    assert check(tmp_path, {"pages/about.md": page}) == [
        f"pages/about.md:3:5: warning: the link to 'javascript:alert(1)' {_scheme('javascript')}",
        f"pages/about.md:3:34: warning: the link to 'data:text/html,x' {_scheme('data')}",
        f"pages/about.md:4:10: warning: the link to 'VBScript:x' {_scheme('vbscript')}",
        f"pages/about.md:4:26: warning: the link to '//evil.example/x' {PAGE_LINKS}: write it in "
        "full, as 'https://evil.example/x'",
        f"pages/about.md:4:49: warning: the link to '\\evil/x' {PAGE_LINKS}: write it with '/'",
        # Decoded by markdown-it, placed where its address starts as written.
        f"pages/about.md:6:5: warning: the link to 'javascript:alert(2)' {_scheme('javascript')}",
        f"pages/about.md:8:6: warning: the link to 'javascript:alert(3)' {_scheme('javascript')}",
    ]


def test_a_verdict_body_and_a_page_get_the_same_words_from_one_check(tmp_path):
    """The body's reference definitions and autolinks were not looked at: `[x]: data:...`
    passed a body without a word, where `[x](data:...)` was warned."""
    body = edit(VERDICT, "2.40 now [@fare-table].", "2.40 now [@fare-table]. [x] <data:y>")
    body[VERDICT] += "\n" if not body[VERDICT].endswith("\n") else ""
    text = body[VERDICT].replace(
        "  A related claim", "  [x]: javascript:alert(1)\n\n  A related claim"
    )
    assert check(tmp_path, {VERDICT: text}) == [
        f"{VERDICT}:5:7: warning: 'body': the links to 'javascript:alert(1)' and 'data:y' are "
        "not made, and readers would see the Markdown as typed: a verdict links http(s) and "
        "mailto: addresses; link another claim with [[claim-id]] and cite a source with "
        "[@source-id]"
    ]


# -- addresses in disguise -----------------------------------------------------------------


DISGUISED = (
    "written with %-codes, spaces or invisible characters, so the page would link it as a page "
    "of this site, which does not exist"
)


def test_an_encoded_javascript_link_on_a_page_says_what_it_is(tmp_path):
    """`%6Aavascript:` and `java%09script:` were 'not a page of this site; did you mean
    ../about/?': the page makes them links to a page of this site, but what the writer meant is
    a javascript: address, which no page may have."""
    page = (
        "# Team\n\n"
        "[a](%6Aavascript:alert(1)) [b](<java\tscript:alert(2)>)\n"
        "[c](java%26%23x73;cript:x) [d](%68ttps://example.org/) [e](about.md)\n"
    )
    found = check(tmp_path, {"pages/about.md": "# About\n", "pages/team.md": page})
    no = "'javascript:' is not an allowed address on a page: remove the link"
    assert found == [
        "pages/team.md:3:5: error: links to '%6Aavascript:alert(1)', which reads as the "
        f"javascript: address 'javascript:alert(1)' {DISGUISED}; {no}",
        "pages/team.md:3:33: error: links to 'java%09script:alert(2)', which reads as the "
        f"javascript: address 'javascript:alert(2)' {DISGUISED}; {no}",
        "pages/team.md:4:5: error: links to 'java%26%23x73;cript:x', which reads as the "
        f"javascript: address 'javascript:x' {DISGUISED}; {no}",
        "pages/team.md:4:32: error: links to '%68ttps://example.org/', which reads as the "
        f"https: address 'https://example.org/' {DISGUISED}; write the address as it is: "
        "'https://example.org/'",
    ]


def test_ordinary_page_links_with_percent_codes_say_nothing(tmp_path):
    page = "# Team\n\n[a](../claims/?q=a%3Ab) [b](about.md#x) [c](mailto:a@example.org)\n"
    assert check(tmp_path, {"pages/about.md": "# About\n\n## X\n", "pages/team.md": page}) == []


# -- YAML's own line breaks ----------------------------------------------------------------


def test_parser_places_count_lines_as_an_editor_does():
    assert parser_places("a: b\nc: d\n") is None  # the common case costs nothing
    text = "a: x\u2028y\u2029z\nc: d\x85e\nf: 1\n"
    place = parser_places(text)
    assert place is not None
    # The parser's line 4 (after two separators and a newline) is the editor's line 2.
    assert place(4, 1) == (2, 1)
    assert place(5, 1) == (2, 6)  # after the NEL, still line 2
    assert place(6, 4) == (3, 4)
    assert place(1, 3) == (1, 3)
    assert place(0, 0) == (0, 0)  # a problem about the whole file stays one


def test_a_line_separator_does_not_move_the_later_problems_of_the_file(tmp_path):
    """YAML takes U+2028 and U+2029 for line breaks: with one in the summary, every later
    problem of the file was a line below its place, and the loader's warning about the next one
    named another field."""
    text = fixture_text(VERDICT)
    text = text.replace("a fifth, not double,", "a fifth,\u2028not\u2029double,")
    text = text.replace("url: https://example.org/transit/fares", "url: ftp://example.org/x")
    text = text.replace('note: "We first gave', 'note: "We\u2028first gave')
    found = check(tmp_path, {VERDICT: text})
    invisible = (
        "which readers cannot see and which splits words for search; delete it (often from "
        "pasted text)"
    )
    assert found == [
        f"{VERDICT}:4:33: warning: 'summary': contains an invisible character (U+2028 LINE "
        f"SEPARATOR), {invisible}",
        f"{VERDICT}:14:10: error: 'sources[0].url': 'ftp://example.org/x' is not a web address "
        "('ftp:' addresses are not allowed); use an http:// or https:// link",
        f"{VERDICT}:27:14: warning: 'updates[0].note': contains an invisible character (U+2028 "
        f"LINE SEPARATOR), {invisible}",
    ]


# -- line breaks in one-line fields --------------------------------------------------------

BLOCK = "write it on one line after the colon, not as a '|' block (which keeps them)"


@pytest.mark.parametrize(
    ("rel", "old", "new", "where", "name"),
    [
        ("people/jane-doe.yaml", 'name: "Jane Doe"', "name: |\n  Jane\n  Doe", "2:7", "name"),
        ("ratings.yaml", 'label: "True"', "label: |\n    Tr\n    ue", "6:10", "[0].label"),
        ("topics.yaml", 'label: "Economy"', "label: |\n    Eco\n    nomy", "6:10", "[1].label"),
        (
            "claims/bus-fares-doubled.yaml",
            'title: "Bus fares doubled under the mayor"',
            "title: |\n  Bus fares\n  doubled",
            "3:8",
            "title",
        ),
        (
            "documents/council-meeting-2024-10-24.yaml",
            'title: "',
            "title: |\n  Council\n  meeting ",
            "2:8",
            "title",
        ),
        (
            VERDICT,
            'title: "Fare table 2022-2024"',
            "title: |\n      Fare\n      table",
            "12:12",
            "sources[0].title",
        ),
    ],
)
def test_a_line_break_in_a_one_line_field_is_an_error_at_the_field(
    tmp_path, rel, old, new, where, name
):
    """A name written as a `|` block kept its line break: pages showed a space, feeds and the
    open data the break."""
    found = check(tmp_path, edit(rel, old, new))
    kind = name.rsplit(".", 1)[-1].rsplit("]", 1)[-1]
    assert found == [
        f"{rel}:{where}: error: '{name}': has a line break, but a {kind} is shown on one line, "
        f"so readers would not see it as written; {BLOCK}"
    ]


def test_an_escaped_line_break_and_a_line_separator_in_a_label_say_how_to_fix_them(tmp_path):
    ratings = fixture_text("ratings.yaml")
    ratings = ratings.replace('label: "True"', 'label: "Tr\\nue"')
    ratings = ratings.replace('label: "False"', 'label: "Fal\u2028se"')
    found = check(tmp_path, {"ratings.yaml": ratings})
    # One message at the separator: the loader's warning about it is not said again.
    assert found == [
        "ratings.yaml:6:10: error: '[0].label': has a line break, but a label is shown on one "
        "line, so readers would not see it as written; write it on one line (a blank line, or "
        "\\n in double quotes, makes one)",
        "ratings.yaml:36:14: error: '[5].label': has an invisible line break (U+2028 LINE "
        "SEPARATOR, often from pasted text), but a label is shown on one line, so readers would "
        "not see it as written; delete it",
    ]


def test_texts_of_sentences_may_break_lines_and_a_folded_title_is_one_line(tmp_path):
    files = {
        **edit(
            "claims/bus-fares-doubled.yaml",
            'title: "Bus fares doubled under the mayor"',
            "title: >\n  Bus fares doubled\n  under the mayor",
        ),
        **edit(
            "people/jane-doe.yaml",
            'description: "Mayor of Example City"',
            "description: |\n  Mayor of Example City\n  since 2022",
        ),
        **edit(
            VERDICT,
            'summary: "Fares rose by a fifth, not double, since the mayor took office."',
            "summary: |\n  Fares rose by a fifth.\n  Not double.",
        ),
    }
    files["claims/bus-fares-doubled.yaml"] = files["claims/bus-fares-doubled.yaml"].replace(
        'claim: "Since I took office, bus fares have doubled."',
        "claim: |\n  Since I took office,\n  bus fares have doubled.",
    )
    assert check(tmp_path, files) == []


# -- the site's own catalogs ---------------------------------------------------------------


def test_validate_names_a_broken_site_catalog_at_its_line_as_the_build_does(
    tmp_path, monkeypatch, capsys
):
    """`factcheck validate` passed a site whose catalog had an unclosed string, which the build
    then stopped on: contributors learnt of it only from the build."""
    site = tmp_path / "site"
    init = ["init", str(site), "--name", "Ukweli", "--url", "https://x.example.org/"]
    assert factcheck([*init, "--language", "sw"]) == 0
    po = site / "locale/sw/LC_MESSAGES/messages.po"
    lines = po.read_text("utf-8").split("\n")
    at = lines.index('msgid "Sources"') + 1
    lines[at] = 'msgstr "Vyanzo'
    po.write_text("\n".join(lines), "utf-8")
    monkeypatch.chdir(site)
    capsys.readouterr()
    assert factcheck(["validate"]) == 1
    out = capsys.readouterr().out
    assert (
        f"locale/sw/LC_MESSAGES/messages.po:{at + 1}:8: error: msgstr's string is not closed" in out
    )
    po.write_text("\n".join(lines[:at] + ['msgstr "Vyanzo"'] + lines[at + 1 :]), "utf-8")
    capsys.readouterr()
    assert factcheck(["validate"]) == 0  # fixed: the starter's warnings only
    assert "is not closed" not in capsys.readouterr().out
