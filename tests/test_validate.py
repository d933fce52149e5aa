"""`factcheck validate`: one small case per kind of problem, asserting the exact line a user sees.

Each case copies the minimal valid tree (`fixtures/valid/`) into a temporary folder, replaces one file
with the text written in the test, and compares the printed problems, `path:line:col: severity:
message`, in full.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.cli import main as factcheck
from generator.problems import Problem, format_problems
from generator.spec import BUILD_FOLDERS, RESERVED_IDS, SECTIONS
from generator.validate import normalise_quote, validate

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "valid"
CLAIM = "claims/bus-fares-doubled.yaml"
VERDICT = "verdicts/bus-fares-doubled.yaml"
DOCUMENT = "documents/council-meeting-2024-10-24.yaml"
VALID_SUMMARY = "3 claims, 2 verdicts, 1 document, 4 people: 0 errors, 0 warnings"


def fixture_text(rel: str) -> str:
    return (FIXTURE / rel).read_text(encoding="utf-8")


def tree(tmp_path: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """The valid fixture in tmp_path/content, with files replaced (str/bytes) or removed (None)."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    for rel, text in (files or {}).items():
        path = root / rel
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def problems(root: Path, jobs: int | None = None) -> list[str]:
    """Every problem as printed, with paths relative to the content folder."""
    return [str(p) for p in validate(root, display_prefix="", jobs=jobs).problems]


def check(tmp_path: Path, files: dict[str, str | bytes | None]) -> list[str]:
    return problems(tree(tmp_path, files))


def edit(rel: str, old: str, new: str) -> dict[str, str]:
    """One fixture file with one piece of text replaced (which must be there)."""
    text = fixture_text(rel)
    assert old in text, old
    return {rel: text.replace(old, new)}


# -- the valid tree -------------------------------------------------------------------------


def test_the_fixture_is_valid_and_builds_the_model():
    report = validate(FIXTURE, display_prefix="")
    assert [str(p) for p in report.problems] == []
    assert report.summary() == VALID_SUMMARY
    content = report.content
    assert content is not None
    assert set(content.claims) == {"bus-fares-doubled", "unemployment-halved", "new-park-opened"}
    assert set(content.verdicts) == {"bus-fares-doubled", "unemployment-halved"}
    verdict = content.verdicts["bus-fares-doubled"]
    assert verdict.rating == "false"  # `rating: false` unquoted is the rating with id false
    assert verdict.updates[0].previous_rating == "mostly-false"
    assert [s.id for s in verdict.sources] == ["fare-table", "budget-2024"]
    assert verdict.sources[0].primary is True
    assert content.claims["bus-fares-doubled"].date == dt.date(2024, 10, 24)  # a date, not text
    assert list(content.ratings)[:2] == ["true", "mostly-true"]  # `id: true` is the id "true"
    assert content.documents["council-meeting-2024-10-24"].text.startswith("Good evening.")


def test_cli_exit_status_0_and_the_summary(tmp_path, capsys, monkeypatch):
    root = tree(tmp_path)
    monkeypatch.chdir(root.parent)
    assert factcheck(["validate"]) == 0  # the default folder is content/
    assert capsys.readouterr().out == VALID_SUMMARY + "\n"


# -- YAML that does not parse ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "claim: [Since I took office\nclaimant: jane-doe\n",
            "2:9: error: YAML does not parse: did not find expected ',' or ']' (while parsing a flow "
            "sequence at line 1); close the list with ']' (and separate its items with commas)",
        ),
        (
            "claim: Fares: they doubled\n",
            "1:13: error: YAML does not parse: mapping values are not allowed in this context; "
            "if the value contains ': ', put the whole value in quotes",
        ),
        (
            "claim: x\nappearances:\n\t- url: https://example.org/\n",
            "3:1: error: YAML does not parse: found character that cannot start any token; "
            "indent with spaces, not tabs",
        ),
        (
            "claim: x\nclaimant jane-doe\ndate: 2024-01-01\n",
            "3:1: error: YAML does not parse: could not find expected ':' (while scanning a simple "
            "key at line 2); each line is 'field: value'; for text over several lines, use "
            "'field: |' and indent it",
        ),
        (
            'claim: "Since I took office\nclaimant: jane-doe\n',
            "3:1: error: YAML does not parse: found unexpected end of stream (while scanning a "
            "quoted scalar at line 1); the quoted text is never closed: add the closing quote",
        ),
        (
            "claim: x\n  date: 2024-01-01\n claimant: jane-doe\n",
            "2:7: error: YAML does not parse: mapping values are not allowed in this context; "
            "if the value contains ': ', put the whole value in quotes",
        ),
    ],
)
def test_yaml_that_does_not_parse(tmp_path, text, expected):
    assert check(tmp_path, {CLAIM: text}) == [f"{CLAIM}:{expected}"]


def test_a_broken_file_does_not_hide_the_others(tmp_path):
    found = check(
        tmp_path,
        {
            CLAIM: "claim: [unclosed\n",
            **edit(
                "claims/unemployment-halved.yaml", "claimant: city-council", "claimant: citycouncil"
            ),
        },
    )
    assert found == [
        f"{CLAIM}:2:1: error: YAML does not parse: did not find expected ',' or ']' (while parsing "
        "a flow sequence at line 1); close the list with ']' (and separate its items with commas)",
        "claims/unemployment-halved.yaml:2:11: error: 'claimant': no person 'citycouncil' exists "
        "(people/citycouncil.yaml not found); did you mean 'city-council'?",
    ]  # and the verdict on the broken claim is not told its claim is missing


# -- fields ---------------------------------------------------------------------------------


def test_missing_required_field(tmp_path):
    assert check(tmp_path, edit(CLAIM, "claimant: jane-doe\n", "")) == [
        f"{CLAIM}:2:1: error: missing required field 'claimant' in a claim: add 'claimant: ...' "
        "(who made the claim: a person id (people/))"
    ]


def test_missing_required_field_inside_a_list_item(tmp_path):
    found = check(tmp_path, edit(VERDICT, '    title: "City budget 2024"\n', ""))
    assert found == [
        f"{VERDICT}:18:5: error: missing required field 'title' in a source: add 'title: ...' "
        "(the source's own title)"
    ]


def test_unknown_field_with_the_closest_known_one(tmp_path):
    # The misspelt field is the only error: `claimant` is not also reported missing.
    assert check(tmp_path, edit(CLAIM, "claimant:", "claimnt:")) == [
        f"{CLAIM}:4:1: error: unknown field 'claimnt' in a claim; did you mean 'claimant'?"
    ]


def test_a_field_in_capitals_is_told_its_name(tmp_path):
    # difflib ranks 'CLAIMANT' far from 'claimant' (it counts case): it had no suggestion.
    assert check(tmp_path, edit(CLAIM, "claimant:", "CLAIMANT:")) == [
        f"{CLAIM}:4:1: error: unknown field 'CLAIMANT' in a claim; did you mean 'claimant'?"
    ]


def test_unknown_field_with_no_close_one_lists_the_fields(tmp_path):
    assert check(tmp_path, {CLAIM: fixture_text(CLAIM) + "colour: blue\n"}) == [
        f"{CLAIM}:11:1: error: unknown field 'colour' in a claim; the fields are: claim, title, "
        "claimant, date, date_estimated, appearances, topics, related, language, translation_of"
    ]


def test_unknown_field_in_a_source(tmp_path):
    assert check(tmp_path, edit(VERDICT, "    primary: true", "    primery: true")) == [
        f"{VERDICT}:17:5: error: unknown field 'primery' in a source; did you mean 'primary'?"
    ]


# -- types ----------------------------------------------------------------------------------


def test_a_list_where_text_belongs(tmp_path):
    found = check(
        tmp_path,
        edit(
            CLAIM,
            'claim: "Since I took office, bus fares have doubled."',
            "claim:\n  - Since I took office\n  - bus fares have doubled",
        ),
    )
    assert found == [
        f"{CLAIM}:3:3: error: 'claim': expected text, found a list; write one piece of text, "
        "not a list (put it in quotes if it starts with '[')"
    ]


def test_a_date_that_is_not_a_date(tmp_path):
    assert check(tmp_path, edit(CLAIM, "date: 2024-10-24", "date: 24 October 2024")) == [
        f"{CLAIM}:5:7: error: 'date': expected a date written YYYY-MM-DD (like 2024-10-24), "
        "found '24 October 2024'"
    ]


def test_a_date_that_does_not_exist(tmp_path):
    assert check(tmp_path, edit(CLAIM, "date: 2024-10-24", "date: 2024-02-30")) == [
        f"{CLAIM}:5:7: error: 'date': 2024-02-30 is not a real date (there is no such day); "
        "write the date as YYYY-MM-DD"
    ]


def test_a_date_with_a_time(tmp_path):
    assert check(tmp_path, edit(CLAIM, "date: 2024-10-24", "date: 2024-10-24T18:00:00")) == [
        f"{CLAIM}:5:7: error: 'date': expected a date written YYYY-MM-DD (like 2024-10-24), "
        "found '2024-10-24T18:00:00'"
    ]


def test_a_quoted_date_is_a_date_too(tmp_path):
    root = tree(tmp_path, edit(CLAIM, "date: 2024-10-24", 'date: "2024-10-24"'))
    report = validate(root)
    assert report.problems == []
    assert report.content.claims["bus-fares-doubled"].date == dt.date(2024, 10, 24)


def test_numbers_in_text_and_id_fields_keep_the_text_as_written(tmp_path):
    root = tree(
        tmp_path,
        {
            **edit(CLAIM, 'title: "Bus fares doubled under the mayor"', "title: 1e3"),
            "people/007.yaml": "name: 0x1F\nkind: person\n",
            **edit("claims/new-park-opened.yaml", "claimant: jane-doe", "claimant: 007"),
        },
    )
    report = validate(root)
    assert report.problems == []
    assert report.content.claims["bus-fares-doubled"].title == "1e3"
    assert report.content.claims["new-park-opened"].claimant == "007"
    assert report.content.people["007"].name == "0x1F"


def test_wrong_types_in_a_source(tmp_path):
    found = check(
        tmp_path,
        edit(
            VERDICT,
            "    accessed: 2024-10-25\n    primary: true",
            "    accessed: 2024\n    primary: sometimes",
        ),
    )
    assert found == [
        f"{VERDICT}:16:15: error: 'sources[0].accessed': expected a date written YYYY-MM-DD "
        "(like 2024-10-24), found a number (2024)",
        f"{VERDICT}:17:14: error: 'sources[0].primary': expected true or false, found 'sometimes'",
    ]


def test_a_repeated_field_stops_the_file(tmp_path):
    found = check(
        tmp_path, edit(VERDICT, "    primary: true", "    primary: true\n    date: 2024-02-01")
    )
    assert found == [
        f"{VERDICT}:18:5: error: the field 'date' appears twice (first at line 15); keep one",
    ]


def test_a_single_id_where_a_list_belongs(tmp_path):
    assert check(tmp_path, edit(CLAIM, "topics: [transport]", "topics: transport")) == [
        f"{CLAIM}:9:9: error: 'topics': expected a list, found 'transport'; write [transport]"
    ]


def test_an_empty_list_where_one_item_is_needed(tmp_path):
    assert check(tmp_path, edit(VERDICT, "authors: [sam-checker]", "authors: []")) == [
        f"{VERDICT}:21:10: error: 'authors': needs at least one item"
    ]


def test_a_colour_left_unquoted_is_a_comment(tmp_path):
    found = check(tmp_path, edit("ratings.yaml", 'color: "#1a7f37"', "color: #1a7f37"))
    assert found == [
        "ratings.yaml:8:9: error: '[0].color': has no value: a bare # starts a comment, so quote "
        'the colour: "#1a7f37"'
    ]


def test_a_choice_that_is_not_one(tmp_path):
    assert check(tmp_path, edit(DOCUMENT, "kind: speech", "kind: speach")) == [
        f"{DOCUMENT}:3:7: error: 'kind': 'speach' is not one of article, opinion, comment, speech, "
        "interview, social-post, video, report, other; did you mean 'speech'?"
    ]


def test_an_empty_text(tmp_path):
    assert check(
        tmp_path, edit(CLAIM, 'title: "Bus fares doubled under the mayor"', 'title: ""')
    ) == [f"{CLAIM}:3:8: error: 'title': is empty; write the title or remove the field"]


def test_a_template_todo_left_in(tmp_path):
    found = check(
        tmp_path,
        edit(
            VERDICT,
            'summary: "Fares rose',
            'summary: "TODO: one or two plain sentences. Fares rose',
        ),
    )
    assert found == [
        f"{VERDICT}:4:10: error: 'summary': still holds the template's TODO; write the summary "
        "(or remove the field if it is optional)"
    ]


# -- ids and file names ---------------------------------------------------------------------


def test_an_id_that_breaks_the_rules(tmp_path):
    assert check(tmp_path, edit(CLAIM, "claimant: jane-doe", "claimant: Jane_Doe")) == [
        f"{CLAIM}:4:11: error: 'claimant': 'Jane_Doe' is not a valid id; ids use lowercase letters "
        "a-z, digits and single hyphens (like 'kim-jong-un'), at most 80 characters; did you mean "
        "'jane-doe'?"
    ]


def test_a_file_name_that_breaks_the_id_rules(tmp_path):
    found = check(tmp_path, {"claims/Bus_Fares.yaml": fixture_text("claims/new-park-opened.yaml")})
    assert found == [
        "claims/Bus_Fares.yaml:1:1: error: the file name 'Bus_Fares' is not a valid id; ids use "
        "lowercase letters a-z, digits and single hyphens (like 'kim-jong-un'), at most 80 "
        "characters. Rename the file to bus-fares.yaml"
    ]


def test_a_yml_file_is_asked_to_be_renamed(tmp_path):
    found = check(tmp_path, {"people/pat.yml": "name: Pat\nkind: person\n"})
    assert found == [
        "people/pat.yml:1:1: error: rename it to pat.yaml: the content files end in .yaml"
    ]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"claims/index.yaml": fixture_text("claims/new-park-opened.yaml")},
            "claims/index.yaml:1:1: error: the file name 'index' cannot be used: its page would "
            "take the address of the list of claims (/claims/); rename the file (and change the id "
            "where other files use it)",
        ),
        (
            {"people/index.yaml": "name: Pat\nkind: person\n"},
            "people/index.yaml:1:1: error: the file name 'index' cannot be used: its page would "
            "take the address of the list of people (/people/); rename the file (and change the id "
            "where other files use it)",
        ),
        (
            {"documents/index.yaml": "title: Minutes\nkind: report\ndate: 2024-01-01\n"},
            "documents/index.yaml:1:1: error: the file name 'index' cannot be used: its page would "
            "take the address of the list of documents (/documents/); rename the file (and change "
            "the id where other files use it)",
        ),
        (
            {"topics.yaml": fixture_text("topics.yaml") + "- id: index\n  label: Index\n"},
            "topics.yaml:7:7: error: the topic id 'index' cannot be used: its page would take the "
            "address of the list of topics (/topics/); choose another id",
        ),
        (
            {
                "ratings.yaml": fixture_text("ratings.yaml")
                + "- id: index\n  label: Index\n  description: Not a rating.\n"
            },
            "ratings.yaml:46:7: error: the rating id 'index' cannot be used: its page would take "
            "the address of the list of ratings (/ratings/); choose another id",
        ),
        (
            {
                "topics.yaml": None,
                **edit(CLAIM, "topics: [transport]", "topics: [transport, index]"),
            },
            f"{CLAIM}:9:21: error: 'topics[1]': the topic id 'index' cannot be used: its page "
            "would take the address of the list of topics (/topics/); choose another id",
        ),
    ],
    ids=["claim", "person", "document", "topic", "rating", "free-form-topic"],
)
def test_index_cannot_be_an_id(tmp_path, files, expected):
    """A page with id index would be written over its section's list page: the build stops."""
    found = [p for p in check(tmp_path, files) if "very similar" not in p]
    assert found == [expected]


def test_a_redirect_from_index_is_fine(tmp_path):
    # /claims/index/ is not the list page (/claims/): an old id 'index' can keep its address.
    assert check(tmp_path, {"redirects.yaml": "- {from: index, to: new-park-opened}\n"}) == []


# -- hand-written pages ---------------------------------------------------------------------


PAGE = "# A page\n\nSome text.\n"


def test_a_link_to_a_page_the_site_will_not_have_is_an_error(tmp_path):
    """A renamed or misspelt page link was published as a link to nothing, the build silent."""
    body = (
        "---\ntitle: About\n---\n# About\n\nOur [method](methodology.md), [claims](claims/index.md),\n"
        "[a claim](claims/new-park-opened.md), [the team](team.md#who), [list](topics/index.md),\n"
        "[old](our-method.md) and [typo](claims/no-such-claim.md); [site](https://example.org/x.md).\n"
        "\n[ref]: ../outside.md\n\nSee [r][ref].\n"
    )
    found = check(tmp_path, {"pages/about.md": body, "pages/team.md": "# Team\n\n## Who\n"})
    fix = (
        "which is not a page of this site, so readers would find nothing there; link to a page "
        "in content/pages/ by its file name (relative to this page), or to a site page such as "
        "claims/index.md"
    )
    # A near miss gets the page it probably meant.
    near = check(
        tmp_path / "near", {"pages/about.md": "See [us](teams.md).\n", "pages/team.md": PAGE}
    )
    assert near == [
        "pages/about.md:1:10: error: links to 'teams.md', which is not a page of this site, so "
        "readers would find nothing there; did you mean 'team.md'?"
    ]
    assert found == [
        "pages/about.md:8:7: error: links to 'our-method.md', which is not a page of this site, "
        "so readers would find nothing there; did you mean 'methodology.md'?",
        "pages/about.md:8:33: error: links to 'claims/no-such-claim.md', but no claim "
        "'no-such-claim' exists (claims/no-such-claim.yaml not found), so readers would find "
        "nothing there; link to a page that exists, or remove the link",
        f"pages/about.md:10:8: error: links to '../outside.md', {fix}",
    ]


def test_pages_that_introduce_the_home_page_and_sections_are_fine(tmp_path):
    names = ["index", "about", "data", "feed", "search", "how-we-work/index", *SECTIONS]
    assert check(tmp_path, {f"pages/{n}.md": PAGE for n in names}) == []


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"pages/About.md": PAGE},
            "pages/About.md:1:1: error: the name 'About' cannot be part of a page's address: use "
            "lowercase letters a-z, digits and single hyphens (like 'how-we-work'); rename the file",
        ),
        (
            {"pages/Team/jo.md": PAGE},
            "pages/Team/jo.md:1:1: error: the name 'Team' cannot be part of a page's address: use "
            "lowercase letters a-z, digits and single hyphens (like 'how-we-work'); rename the "
            "folder",
        ),
        (
            {"pages/claims/extra.md": PAGE},
            "pages/claims/extra.md:1:1: error: 'claims' is a generated section (/claims/), so no "
            "hand-written page can go inside it: move this file out of pages/claims/ "
            "(pages/claims.md, if there is one, is the introduction of its list page)",
        ),
        (
            {"pages/assets.md": PAGE},
            "pages/assets.md:1:1: error: the name 'assets' cannot be used: the build writes its "
            "own files to /assets/, so this page would be lost; rename it",
        ),
        (
            {"pages/pagefind/help.md": PAGE},
            "pages/pagefind/help.md:1:1: error: the name 'pagefind' cannot be used: the build "
            "writes its own files to /pagefind/, so this page would be lost; rename it",
        ),
        (
            {"pages/languages/es.md": PAGE},
            "pages/languages/es.md:1:1: error: 'languages' is where a site with fact checks in "
            "several languages lists each language (/languages/es/...), so no hand-written page "
            "can go inside it: move this file out of pages/languages/",
        ),
        (
            {"pages/about.md": PAGE, "pages/about/index.md": PAGE},
            "pages/about/index.md:1:1: error: has the same address (/about/) as pages/about.md, "
            "so only one of them would be published; rename or merge one of them",
        ),
    ],
    ids=[
        "capital",
        "capital-folder",
        "in-a-section",
        "assets",
        "pagefind",
        "languages",
        "same-address",
    ],
)
def test_pages_that_cannot_be_published(tmp_path, files, expected):
    assert check(tmp_path, files) == [expected]


def test_the_reserved_names_are_the_ones_the_site_generates():
    """spec.py's names and the renderer's agree: every section has a list page, and the renderer
    refuses exactly the sections and the build's folders (render/ keeps its own copies)."""
    from factories import SETTINGS, sample_site

    from generator.plugin import ASSET_PREFIX
    from generator.render import core, pages, render_pages
    from generator.search import BUNDLE

    rendered = render_pages(sample_site(), SETTINGS)
    lists = {p.split("/")[0] for p in rendered if p.count("/") == 1 and p.endswith("/index.md")}
    assert lists == set(SECTIONS)
    assets = ASSET_PREFIX.split("/")[0]
    assert set(BUILD_FOLDERS) == {assets, BUNDLE}
    assert set(pages.GENERATED) == {*SECTIONS, assets}
    assert core.RESERVED_IDS == RESERVED_IDS


# -- references -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            edit(CLAIM, "claimant: jane-doe", "claimant: jane-do"),
            f"{CLAIM}:4:11: error: 'claimant': no person 'jane-do' exists (people/jane-do.yaml "
            "not found); did you mean 'jane-doe'?",
        ),
        (
            edit(CLAIM, "related: [unemployment-halved]", "related: [unemployment-halve]"),
            f"{CLAIM}:10:11: error: 'related[0]': no claim 'unemployment-halve' exists "
            "(claims/unemployment-halve.yaml not found); did you mean 'unemployment-halved'?",
        ),
        (
            edit(
                CLAIM,
                "document: council-meeting-2024-10-24",
                "document: council-meeting-2024-10-25",
            ),
            f"{CLAIM}:7:15: error: 'appearances[0].document': no document "
            "'council-meeting-2024-10-25' exists (documents/council-meeting-2024-10-25.yaml not "
            "found); did you mean 'council-meeting-2024-10-24'?",
        ),
        (
            edit(CLAIM, "topics: [transport]", "topics: [transprt]"),
            f"{CLAIM}:9:10: error: 'topics[0]': no topic 'transprt' exists (not in topics.yaml); "
            "did you mean 'transport'?",
        ),
        (
            edit(VERDICT, "rating: false", "rating: flase"),
            f"{VERDICT}:3:9: error: 'rating': no rating 'flase' exists (not in ratings.yaml); "
            "did you mean 'false'?",
        ),
        (
            edit(VERDICT, "previous_rating: mostly-false", "previous_rating: mostlyfalse"),
            f"{VERDICT}:28:22: error: 'updates[0].previous_rating': no rating 'mostlyfalse' exists "
            "(not in ratings.yaml); did you mean 'mostly-false'?",
        ),
        (
            edit(VERDICT, "authors: [sam-checker]", "authors: [nobody-at-all]"),
            f"{VERDICT}:21:11: error: 'authors[0]': no person 'nobody-at-all' exists "
            "(people/nobody-at-all.yaml not found); add people/nobody-at-all.yaml",
        ),
    ],
    ids=["person", "claim", "document", "topic", "rating", "previous-rating", "no-close-id"],
)
def test_a_reference_to_something_missing(tmp_path, files, expected):
    assert check(tmp_path, files) == [expected]


def test_among_many_ids_only_a_close_one_is_suggested():
    """10,000 claim ids: a loose match would be chance, and slow to find (did_you_mean's cutoff)."""
    from generator.values import MANY_OPTIONS, did_you_mean

    few = ["exports-halved", "crime-record-low"]
    many = few + [f"claim-{i}" for i in range(MANY_OPTIONS)]
    assert did_you_mean("exports", few) == "; did you mean 'exports-halved'?"  # 67% alike
    assert did_you_mean("exports", many) == ""
    assert did_you_mean("exports-halve", many) == "; did you mean 'exports-halved'?"  # 96%
    assert did_you_mean("nothing-like-it", few) == ""


def test_topics_are_free_until_topics_yaml_lists_them(tmp_path):
    files = {"topics.yaml": None, **edit(CLAIM, "topics: [transport]", "topics: [anything-goes]")}
    assert check(tmp_path, files) == []


def test_a_link_to_a_missing_claim_in_the_body(tmp_path):
    found = check(tmp_path, edit(VERDICT, "[[unemployment-halved]]", "[[unemployment-halve]]"))
    assert found == [
        f"{VERDICT}:9:44: error: 'body' links [[unemployment-halve]] but no claim "
        "'unemployment-halve' exists (claims/unemployment-halve.yaml not found); did you mean "
        "'unemployment-halved'?"
    ]


# -- verdicts -------------------------------------------------------------------------------


def test_a_document_text_that_does_not_exist(tmp_path):
    def found(name: str) -> list[str]:
        text = fixture_text(DOCUMENT) + f"text: {name}\n"
        return [p for p in check(tmp_path / name, {DOCUMENT: text}) if ": error: " in p]

    assert found("council-meeting-2024-10-42.txt") == [
        f"{DOCUMENT}:8:7: error: 'text': documents/council-meeting-2024-10-42.txt does not exist; "
        "did you mean 'council-meeting-2024-10-24.txt'?"
    ]
    assert found("minutes.txt") == [
        f"{DOCUMENT}:8:7: error: 'text': documents/minutes.txt does not exist; add it or remove "
        "'text'"
    ]


def test_two_verdicts_on_one_claim(tmp_path):
    found = check(tmp_path, {"verdicts/bus-fares-doubled-2.yaml": fixture_text(VERDICT)})
    assert found == [
        "verdicts/bus-fares-doubled-2.yaml:2:8: error: claim 'bus-fares-doubled' has more than one "
        "verdict (also verdicts/bus-fares-doubled.yaml); keep one per claim",
        "verdicts/bus-fares-doubled-2.yaml:2:8: error: this verdict is on claim 'bus-fares-doubled' "
        "but the file is named bus-fares-doubled-2.yaml; name it verdicts/bus-fares-doubled.yaml",
        f"{VERDICT}:2:8: error: claim 'bus-fares-doubled' has more than one verdict (also "
        "verdicts/bus-fares-doubled-2.yaml); keep one per claim",
    ]


def test_a_verdict_on_no_claim(tmp_path):
    text = fixture_text(VERDICT).replace("claim: bus-fares-doubled", "claim: park-closed")
    assert check(tmp_path, {"verdicts/park-closed.yaml": text}) == [
        "verdicts/park-closed.yaml:2:8: error: 'claim': no claim 'park-closed' exists "
        "(claims/park-closed.yaml not found); did you mean 'new-park-opened'?"
    ]


def test_an_update_before_publication(tmp_path):
    assert check(tmp_path, edit(VERDICT, "  - date: 2024-10-30", "  - date: 2024-10-01")) == [
        f"{VERDICT}:25:11: error: 'updates[0].date' is before 'published' (2024-10-28); an update "
        "comes after publication"
    ]


# -- quotes, citations ----------------------------------------------------------------------


def test_a_quote_not_in_its_document(tmp_path):
    found = check(
        tmp_path,
        edit(
            CLAIM,
            'quote: "Since I took office, bus fares have doubled"',
            'quote: "bus fares have tripled"',
        ),
    )
    assert found == [
        f"{CLAIM}:8:12: error: 'appearances[0].quote' does not appear word for word in the text of "
        "document 'council-meeting-2024-10-24' (documents/council-meeting-2024-10-24.txt); copy it "
        "exactly from that text"
    ]


def test_a_quote_matches_across_line_breaks_and_typographic_quotes(tmp_path):
    files = {
        "documents/council-meeting-2024-10-24.txt": "He said: \u201cbus fares\n   have  doubled\u201d.\n",
        **edit(
            CLAIM,
            'quote: "Since I took office, bus fares have doubled"',
            "quote: '\"bus fares have doubled\"'",
        ),
    }
    assert check(tmp_path, files) == []
    assert normalise_quote("\u2018a\u2019  \n b") == "'a' b"


def test_a_citation_of_a_source_not_listed_and_a_source_never_cited(tmp_path):
    found = check(tmp_path, edit(VERDICT, "[@budget-2024]", "[@budget-2025]"))
    assert found == [
        f"{VERDICT}:7:48: error: 'body' cites [@budget-2025] but 'sources' lists no source with id "
        "'budget-2025'; did you mean 'budget-2024'?",
        f"{VERDICT}:18:9: warning: source 'budget-2024' is listed but never cited; cite it in "
        "'body' as [@budget-2024] or remove it",
    ]


def test_a_group_of_citations_cites_each_and_names_the_one_not_listed(tmp_path):
    both = edit(VERDICT, "2.40 now [@fare-table]", "2.40 now [@fare-table; @budget-2024]")
    assert check(tmp_path, both) == []
    body = "2.40 now [@fare-table; @budget-2025]"
    found = check(tmp_path / "2", edit(VERDICT, "2.40 now [@fare-table]", body))
    assert found[0] == (
        f"{VERDICT}:6:52: error: 'body' cites [@budget-2025] but 'sources' lists no source with "
        "id 'budget-2025'; did you mean 'budget-2024'?"
    )


def test_citation_positions_in_quoted_and_folded_text(tmp_path):
    v = "verdicts/unemployment-halved.yaml"
    found = check(tmp_path, edit(v, "[@stats]", "[@stat]"))
    assert found[0].startswith(f"{v}:4:68: error: 'body' cites [@stat]")  # inside "...", 1 line
    folded = "body: >\n  The statistics office\n  reports it [@stat].\nsources:"
    found = check(
        tmp_path / "2",
        edit(
            v,
            'body: "The statistics office reports 8.0% in 2022 and 4.4% in 2024 [@stats]."\nsources:',
            folded,
        ),
    )
    assert found[0].startswith(f"{v}:6:14: error: 'body' cites [@stat]")


def test_a_duplicate_source_id(tmp_path):
    found = check(tmp_path, edit(VERDICT, "  - id: budget-2024", "  - id: fare-table"))
    assert found == [
        f"{VERDICT}:7:48: error: 'body' cites [@budget-2024] but 'sources' lists no source with "
        "id 'budget-2024'; add it to 'sources' or fix the citation",
        f"{VERDICT}:11:9: error: source id 'fare-table' is used twice in this verdict; give each "
        "source its own id",
        f"{VERDICT}:18:9: error: source id 'fare-table' is used twice in this verdict; give each "
        "source its own id",
    ]


# -- addresses and control characters -------------------------------------------------------


def test_urls_that_are_not_http(tmp_path):
    found = check(
        tmp_path,
        edit(
            CLAIM,
            '  - document: council-meeting-2024-10-24\n    quote: "Since I took office, bus fares have doubled"',
            "  - url: javascript:alert(1)\n"
            '  - url: "data:text/html,<b>x</b>"\n'
            "  - url: file:///etc/passwd\n"
            "  - url: example.org/x\n"
            "  - url: https://\n"
            "  - url: HTTPS://Example.org/ok",
        ),
    )
    assert found == [
        f"{CLAIM}:7:10: error: 'appearances[0].url': 'javascript:alert(1)' is not a web address "
        "('javascript:' addresses are not allowed); use an http:// or https:// link",
        f"{CLAIM}:8:10: error: 'appearances[1].url': 'data:text/html,<b>x</b>' is not a web "
        "address ('data:' addresses are not allowed); use an http:// or https:// link",
        f"{CLAIM}:9:10: error: 'appearances[2].url': 'file:///etc/passwd' is not a web address "
        "('file:' addresses are not allowed); use an http:// or https:// link",
        f"{CLAIM}:10:10: error: 'appearances[3].url': 'example.org/x' is not a web address (it has "
        "no http(s)://); use an http:// or https:// link",
        f"{CLAIM}:11:10: error: 'appearances[4].url': 'https://' is not a complete web address "
        "(like https://example.org/page)",
    ]


def test_a_source_url_with_a_space(tmp_path):
    found = check(
        tmp_path,
        edit(
            VERDICT,
            "url: https://example.org/budget-2024.pdf",
            'url: "https://example.org/budget 2024.pdf"',
        ),
    )
    assert found == [
        f"{VERDICT}:20:10: error: 'sources[1].url': 'https://example.org/budget 2024.pdf' contains "
        "a space, which a web address cannot hold; percent-encode it as %20"
    ]


@pytest.mark.parametrize(
    ("written", "shown", "expected"),
    [
        (
            '"https://example.org/a\\"b"',
            'https://example.org/a"b',
            'a double quote ("), which a web address cannot hold; percent-encode it as %22',
        ),
        (
            "https://example.org/<script>",
            "https://example.org/<script>",
            "a '<', which a web address cannot hold; percent-encode it as %3C",
        ),
        (
            "https://example.org/a>b",
            "https://example.org/a>b",
            "a '>', which a web address cannot hold; percent-encode it as %3E",
        ),
        (
            "https://example.org/`x`",
            "https://example.org/`x`",
            "a backtick (`), which a web address cannot hold; percent-encode it as %60",
        ),
        (
            '"https://example.org/a\\tb"',
            "https://example.org/a\\tb",
            "an invisible character (U+0009), which a web address cannot hold; delete it, or "
            "percent-encode it as %09 if it belongs there",
        ),
        (
            '"https://example.org/a\\u0007b"',
            "https://example.org/a\\x07b",
            "an invisible character (U+0007), which a web address cannot hold; delete it, or "
            "percent-encode it as %07 if it belongs there",
        ),
        (
            '"https://example.org/a\\u200bb"',
            "https://example.org/a\\u200bb",
            "an invisible character (U+200B), which a web address cannot hold; delete it, or "
            "percent-encode it as %E2%80%8B if it belongs there",
        ),
        (
            '"https://exa\\"mple.org/"',
            'https://exa"mple.org/',
            'a double quote ("), which a web address cannot hold; percent-encode it as %22',
        ),
    ],
    ids=[
        "double-quote",
        "less-than",
        "greater-than",
        "backtick",
        "tab",
        "control",
        "zero-width",
        "in-the-host",
    ],
)
def test_url_characters_that_must_be_percent_encoded(tmp_path, written, shown, expected):
    """They could end a link early in HTML or Markdown, or hide in it; encoded they are harmless."""
    found = check(
        tmp_path, edit(VERDICT, "url: https://example.org/budget-2024.pdf", f"url: {written}")
    )
    assert found == [f"{VERDICT}:20:10: error: 'sources[1].url': '{shown}' contains {expected}"]


def test_urls_with_queries_escapes_and_letters_of_any_script_are_fine(tmp_path):
    urls = [
        "https://example.org/search?q=bus+fares&year=2024#results",
        "https://example.org/budget%202024.pdf?a=%22x%22",
        "https://ru.wikipedia.org/wiki/Москва_(город)",
        "https://例え.jp/パス?クエリ=値",
        "http://example.org:8080/it's-fine/(1)@x",
        "https://[2001:db8::1]/x",
    ]
    same_as = "same_as:\n" + "".join(f'  - "{u}"\n' for u in urls)
    root = tree(tmp_path, {"people/pat.yaml": f"name: Pat\nkind: person\n{same_as}"})
    report = validate(root, display_prefix="")
    assert report.problems == []
    assert report.content.people["pat"].same_as == tuple(urls)


def test_control_characters_warn_and_are_stripped_from_the_model(tmp_path):
    old = 'claim: "Since I took office, bus fares have doubled."'
    escaped = edit(CLAIM, old, 'claim: "Since I took office,\\u0007 bus fares have doubled."')
    root = tree(tmp_path, escaped)
    report = validate(root, display_prefix="")
    assert [str(p) for p in report.problems] == [
        f"{CLAIM}:2:8: warning: 'claim': contains invisible control characters (often from pasted "
        "text); they are removed when the site is built — delete them to silence this"
    ]
    assert report.content.claims["bus-fares-doubled"].claim == old[8:-1]


def test_raw_control_characters_warn_instead_of_breaking_the_file(tmp_path):
    # The YAML reader refuses U+0090 outright; pasted text is full of them, so it is a warning.
    old = 'claim: "Since I took office, bus fares have doubled."'
    files = {
        **edit(CLAIM, old, 'claim: "Since I took office,\u0090 bus fares have doubled."'),
        "documents/council-meeting-2024-10-24.txt": fixture_text(
            "documents/council-meeting-2024-10-24.txt"
        ).replace("Since I took", "Since\x0b I took"),
    }
    report = validate(tree(tmp_path, files), display_prefix="")
    assert [str(p) for p in report.problems] == [
        f"{CLAIM}:2:29: warning: 'claim': contains an invisible control character (U+0090), often "
        "from pasted text; it is removed when the site is built — delete it to silence this",
        "documents/council-meeting-2024-10-24.txt:3:6: warning: contains invisible control "
        "characters (U+000B), often from pasted text; they are removed when the site is built — "
        "delete them to silence this",
    ]
    assert report.content.claims["bus-fares-doubled"].claim == old[8:-1]
    assert "\x0b" not in report.content.documents["council-meeting-2024-10-24"].text


# -- YAML 1.1 traps -------------------------------------------------------------------------


def test_unquoted_true_and_false_are_ratings_and_dates_are_dates(tmp_path):
    root = tree(
        tmp_path, edit("verdicts/unemployment-halved.yaml", "rating: mostly-true", "rating: True")
    )
    report = validate(root)
    assert report.problems == []
    assert report.content.verdicts["unemployment-halved"].rating == "true"
    assert report.content.verdicts["bus-fares-doubled"].rating == "false"
    assert report.content.verdicts["bus-fares-doubled"].published == dt.date(2024, 10, 28)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            edit(DOCUMENT, "kind: speech", "kind: no"),
            f"{DOCUMENT}:3:7: error: 'kind': YAML reads the bare word no as yes/no, not as text; "
            'put it in quotes: "no"',
        ),
        (
            edit(CLAIM, "claimant: jane-doe", "claimant: off"),
            f"{CLAIM}:4:11: error: 'claimant': YAML reads the bare word off as yes/no, not as text; "
            'put it in quotes: "off"',
        ),
        (
            edit(CLAIM, "topics: [transport]", "topics: [transport, Yes]"),
            f"{CLAIM}:9:21: error: 'topics[1]': YAML reads the bare word Yes as yes/no, not as "
            'text; put it in quotes: "Yes"',
        ),
    ],
    ids=["kind-no", "claimant-off", "in-a-list"],
)
def test_yaml_11_yes_no_words_are_one_error_saying_to_quote(tmp_path, files, expected):
    assert check(tmp_path, files) == [expected]


def test_quoted_yes_no_words_are_text(tmp_path):
    files = {
        "people/off.yaml": 'name: "Off"\nkind: organization\n',
        **edit(CLAIM, "claimant: jane-doe", 'claimant: "off"'),
    }
    assert check(tmp_path, files) == []


# -- the rest of the tree -------------------------------------------------------------------


def test_stray_files_and_missing_ratings(tmp_path):
    found = check(
        tmp_path,
        {
            "ratings.yaml": None,
            "claims/notes.txt": "todo\n",
            "images/logo.png": b"\x89PNG",
            "documents/orphan.txt": "nobody uses me\n",
        },
    )
    assert found[:2] == [
        "claims/notes.txt:1:1: warning: is not a .yaml file: claims/ holds only .yaml files",
        "documents/orphan.txt:1:1: warning: no document uses this text: add documents/orphan.yaml "
        "or name it in a document's 'text'",
    ]
    assert "images/logo.png:1:1: warning: is not part of the content format and is ignored" in found
    assert "ratings.yaml:1:1: error: the rating scale is missing: add ratings.yaml" in found


def test_part_of_in_a_circle(tmp_path):
    found = check(
        tmp_path,
        {
            "documents/a.yaml": "title: A\nkind: comment\ndate: 2024-01-01\npart_of: b\n",
            "documents/b.yaml": "title: B\nkind: comment\ndate: 2024-01-01\npart_of: a\n",
        },
    )
    assert found == [
        f"documents/{x}.yaml:4:10: error: 'part_of' goes round in a circle (back to '{x}'); a "
        "document cannot be part of itself"
        for x in ("a", "b")
    ]


# -- output formats and exit status ---------------------------------------------------------


def test_exit_status_1_with_errors_and_the_summary_counts_them(tmp_path, capsys):
    root = tree(tmp_path, edit(VERDICT, "[@budget-2024]", "[@budget-2025]"))
    assert factcheck(["validate", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "3 claims, 2 verdicts, 1 document, 4 people: 1 error, 1 warning"
    assert out[0].startswith(f"{root.as_posix()}/{VERDICT}:7:48: error: 'body' cites")


def test_exit_status_0_with_only_warnings(tmp_path, capsys):
    root = tree(tmp_path, edit(VERDICT, "rise [@budget-2024]", "rise"))
    assert factcheck(["validate", str(root)]) == 0
    assert capsys.readouterr().out.endswith(": 0 errors, 1 warning\n")


def test_exit_status_2_for_usage_errors(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        factcheck(["validate", "--format", "xml"])
    assert e.value.code == 2
    assert factcheck(["validate", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert f"factcheck: error: the content folder {tmp_path / 'nowhere'} does not exist" in err


def test_github_annotations(tmp_path, capsys, monkeypatch):
    root = tree(tmp_path, edit(VERDICT, "[@budget-2024]", "[@budget-2025]"))
    monkeypatch.chdir(root.parent)
    assert factcheck(["validate", "content", "--format", "github"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"::error file=content/{VERDICT},line=7,col=48::'body' cites [@budget-2025] but 'sources' "
        "lists no source with id 'budget-2025'; did you mean 'budget-2024'?",
        f"::warning file=content/{VERDICT},line=18,col=9::source 'budget-2024' is listed but never "
        "cited; cite it in 'body' as [@budget-2024] or remove it",
    ]
    assert captured.err.strip().endswith("1 error, 1 warning")


def test_github_escaping():
    p = Problem("a,b:c.yaml", 0, 0, "error", "50% done\nnext line")
    assert (
        format_problems([p], "github")
        == "::error file=a%2Cb%3Ac.yaml,line=1::50%25 done%0Anext line"
    )


def test_json_output_parses(tmp_path, capsys):
    root = tree(tmp_path, edit(CLAIM, "claimant: jane-doe", "claimant: jane-do"))
    assert factcheck(["validate", str(root), "--format", "json"]) == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data == [
        {
            "path": f"{root.as_posix()}/{CLAIM}",
            "line": 4,
            "col": 11,
            "severity": "error",
            "message": "'claimant': no person 'jane-do' exists (people/jane-do.yaml not found); "
            "did you mean 'jane-doe'?",
        }
    ]
    assert captured.err.strip() == "3 claims, 2 verdicts, 1 document, 4 people: 1 error, 0 warnings"


def test_every_problem_is_reported_in_one_run(tmp_path):
    found = check(
        tmp_path,
        {
            **edit(CLAIM, "claimant: jane-doe", "claimant: jane-do"),
            **edit(VERDICT, "rating: false", "rating: flase"),
            **edit(DOCUMENT, "kind: speech", "kind: no"),
        },
    )
    assert len(found) == 3


def test_the_same_report_from_one_process_or_several(tmp_path):
    root = tree(
        tmp_path,
        {
            **edit(CLAIM, "claimant: jane-doe", "claimant: jane-do"),
            **edit(VERDICT, "[[unemployment-halved]]", "[[unemployment-halve]]"),
            "people/broken.yaml": "name: [x\n",
        },
    )
    one = validate(root, jobs=1)
    three = validate(root, jobs=3)
    assert one.problems == three.problems and one.counts == three.counts
    assert three.problems  # and positions found again in the main process are right
    assert any(":9:44: error: 'body' links" in str(p) for p in three.problems)


def test_no_traceback_when_the_output_pipe_closes(tmp_path):
    # 3,000 problems (about 300 kB): more than a pipe holds, so `head` leaves while we write.
    root = tree(tmp_path, {"topics.yaml": "".join(f"- id: t{i}\n" for i in range(3000))})
    done = subprocess.run(
        f'"{sys.executable}" -m generator.cli validate "{root}" | head -1',
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr and done.stderr == ""
    assert len(done.stdout.splitlines()) == 1 and ": error: " in done.stdout


def test_a_broken_ratings_file_is_one_error_not_one_per_verdict(tmp_path):
    assert check(tmp_path, {"ratings.yaml": "- id: true\n  label: [True\n"}) == [
        "ratings.yaml:3:1: error: YAML does not parse: did not find expected ',' or ']' (while "
        "parsing a flow sequence at line 2); close the list with ']' (and separate its items with "
        "commas)"
    ]


def test_several_processes_from_a_threaded_program(tmp_path):
    """`mkdocs serve` runs threads: the workers then start from a fresh process, not a fork."""
    import threading

    root = tree(tmp_path, edit(CLAIM, "claimant: jane-doe", "claimant: jane-do"))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert problems(root, jobs=2) == problems(root, jobs=1)
    finally:
        stop.set()
        thread.join()


def test_markdown_readers_would_see_as_typed_is_warned_with_the_way_to_write_it(tmp_path):
    body = (
        "2.40 now [@fare-table]. A chart ![fares](https://example.org/chart.png), a page "
        "[here](javascript:alert(1)) and a note[^1]."
    )
    found = check(tmp_path, edit(VERDICT, "2.40 now [@fare-table].", body))
    assert found == [
        f"{VERDICT}:5:7: warning: 'body': a picture 'https://example.org/chart.png' is not shown: "
        "the site loads no images from other servers, and readers would see a '!' before a link "
        "to it; link to it instead: [what it shows](address)",
        f"{VERDICT}:5:7: warning: 'body': footnotes ([^1]) are not supported and readers would "
        "see them as typed; cite a source with [@source-id], or say it in the text",
        f"{VERDICT}:5:7: warning: 'body': the link to 'javascript:alert(1)' is not made, and "
        "readers would see the Markdown as typed: a verdict links http(s) and mailto: addresses; "
        "link another claim with [[claim-id]] and cite a source with [@source-id]",
    ]
    # Every bad link is named (only the first was), as far as three, and the rest counted.
    many = "2.40 now [@fare-table]. [a](data:x) [b](vbscript:y) [c](ftp://z) [d](tel:1) [e](data:x)"
    found = check(tmp_path / "3", edit(VERDICT, "2.40 now [@fare-table].", many))
    assert found == [
        f"{VERDICT}:5:7: warning: 'body': the links to 'data:x', 'vbscript:y', 'ftp://z' and 1 "
        "more are not made, and readers would see the Markdown as typed: a verdict links "
        "http(s) and mailto: addresses; link another claim with [[claim-id]] and cite a source "
        "with [@source-id]"
    ]
    # Ordinary links and citations are not parsed again, and say nothing.
    plain = (
        "2.40 now [@fare-table], as [the table](https://example.org/t) and [[new-park-opened]] say."
    )
    assert check(tmp_path / "2", edit(VERDICT, "2.40 now [@fare-table].", plain)) == []


def test_control_characters_in_any_page_are_a_warning_at_their_place(tmp_path):
    """The check had slipped into the loop over pages marked `factcheck: methodology`, reading
    another page's text: an ordinary page's control characters went unreported."""
    found = check(
        tmp_path, {"pages/about.md": "# About\n\nPasted\x0btext.\n", "pages/team.md": PAGE}
    )
    assert found == [
        "pages/about.md:3:7: warning: contains invisible control characters (often from pasted "
        "text); they are removed when the site is built — delete them to silence this"
    ]


def test_two_ratings_with_one_label_are_an_error(tmp_path):
    """Relabelling `false` as "True" passed: two badges read the same, and readers saw a verdict
    of false as true."""
    found = check(tmp_path, edit("ratings.yaml", 'label: "False"', 'label: " true"'))
    assert found == [
        "ratings.yaml:36:10: error: 'label' ' true' is also the label of 'true', so "
        "readers could not tell the two ratings apart; give each rating its own label"
    ]


def test_html_and_admonitions_in_a_page_are_warned_where_they_are(tmp_path):
    """A page's `<!-- TODO: ask legal -->` was published as visible text, without a word."""
    page = (
        "---\ntitle: About\n---\n# About\n\nWe check claims. <!-- TODO: ask legal -->\n\n"
        "<div class=box>Team</div>\n\n!!! note\n    Funding.\n\n<!-- rating-scale -->\n"
    )
    found = check(tmp_path, {"pages/about.md": page, "pages/team.md": PAGE})
    assert found == [
        "pages/about.md:6:1: warning: an HTML comment (<!-- ... -->) is published as visible "
        "text, so readers would read it; delete it, and keep notes for the team outside content/",
        "pages/about.md:8:1: warning: HTML is published as typed text, not as markup: write it "
        "in Markdown",
        "pages/about.md:10:1: warning: '!!!' boxes are not made on these pages, and readers would "
        "see the Markdown as typed: write a paragraph, or a '> ' quote",
    ]


@pytest.mark.parametrize("status", ["under-review", "retracted"])
def test_a_rating_cannot_take_a_statuss_id(tmp_path, status):
    """A rating `under-review` gave rated and unrated claims the same search filter value."""
    extra = f'- id: {status}\n  label: "Being checked"\n  description: "x"\n'
    found = check(tmp_path, {"ratings.yaml": fixture_text("ratings.yaml") + extra})
    assert [p.split(": it names")[0] for p in found] == [
        f"ratings.yaml:46:7: error: the rating id '{status}' cannot be used"
    ]


# -- updates, rating values, the length of a claim -------------------------------------------


def test_updates_out_of_date_order_are_a_warning(tmp_path):
    """A newest-first list passed: the claim page sorts them, but the feeds and the open data
    gave them in the file's order."""
    later = '  - date: 2024-10-29\n    type: clarification\n    note: "We added the 2023 fare."\n'
    assert check(tmp_path, {VERDICT: fixture_text(VERDICT) + later}) == [
        f"{VERDICT}:29:11: warning: 'updates[1].date' (2024-10-29) is before that of "
        "'updates[0]' (2024-10-30); list updates oldest first, adding each new one at the end"
    ]


def test_an_update_dated_after_today(tmp_path):
    root = tree(tmp_path)
    found = validate(root, display_prefix="", today=dt.date(2024, 10, 29)).problems
    assert [str(p) for p in found if p.path == VERDICT] == [
        f"{VERDICT}:25:11: warning: 'updates[0].date': 2024-10-30 is in the future (today is "
        "2024-10-29); readers would see a change dated on a day that has not come: set it to "
        "the day the change goes live"
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [("100000000000000000000000000", "a number of about 27 digits"), ("101", "a number (101)")],
)
def test_a_rating_value_off_any_scale(tmp_path, written, shown):
    """10**26 passed and was published as ClaimReview's bestRating."""
    found = check(tmp_path, edit("ratings.yaml", "value: 6", f"value: {written}"))
    assert found == [
        f"ratings.yaml:7:10: error: 'value' is {shown}, more than 100: values number the steps "
        "of the scale, 1 for the least accurate rating, 2 for the next and so on"
    ]


def test_a_claim_of_a_whole_passage_is_a_warning(tmp_path):
    long = "Fares doubled. " * 6700
    found = check(tmp_path, edit(CLAIM, '"Since I took office, bus fares have doubled."', long))
    assert found == [
        f"{CLAIM}:2:8: warning: 'claim' is {len(long.strip()):,} characters; a claim is a "
        "sentence or two as it was made, at most 1,000 characters: keep the words that are "
        "checked, and give the context in the verdict"
    ]


def test_two_labels_that_differ_only_in_how_an_accent_is_made_are_one_label(tmp_path):
    """'Engañoso' with ñ as one character and as n and a combining tilde passed as two labels,
    and readers saw two badges that read the same."""
    text = fixture_text("ratings.yaml")
    text = text.replace('label: "Misleading"', 'label: "Engan\u0303oso"')
    text = text.replace('label: "False"', 'label: "Enga\u00f1oso"')
    assert check(tmp_path, {"ratings.yaml": text}) == [
        "ratings.yaml:36:10: error: 'label' 'Enga\u00f1oso' is also the label of 'misleading', "
        "so readers could not tell the two ratings apart; give each rating its own label"
    ]
