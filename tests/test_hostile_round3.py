"""Hostile input, third round: what still slipped past the checks and reached readers.

Each case is written the way a contributor's pull request would have it, and asserts what the
contributor is told (file, line, column, field and fix) and, where it matters, that the build
refuses to publish or that the built page shows the text.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

from factories import MINI, REPO, parse
from test_validate import edit, fixture_text, problems, tree

from generator.build import build

VERDICT = "verdicts/bus-fares-doubled.yaml"
BODY_END = "  A related claim about jobs is checked in [[unemployment-halved]].\n"
NESTED = (
    "lists and quotes are nested too deeply here for the site to show them: the text from this "
    "line on (to the end of the list or quote, or of the whole text) would be missing from the "
    "page; nest at most 9 lists, or 19 quotes, inside each other"
)


def outline(levels: int, indent: str = "") -> str:
    """A list `levels` deep, then a paragraph after it: the Markdown of an outline."""
    items = "".join(f"{indent}{'  ' * i}- point {i}\n" for i in range(levels))
    return f"{items}\n{indent}The conclusion, which cites the fare table again [@fare-table].\n"


# -- lists and quotes nested deeper than markdown-it reads ------------------------------------


def test_a_list_nested_too_deeply_in_a_body_is_an_error_at_its_line(tmp_path):
    """markdown-it drops a list item inside 20 levels of lists and quotes, and every line after
    it: the page lost the conclusion and its citation, and validate said nothing."""
    found = problems(tree(tmp_path, edit(VERDICT, BODY_END, outline(10, "  "))))
    line = fixture_text(VERDICT).split("\n").index("body: |") + 1 + 4 + 9  # "- point 9"
    assert found == [f"{VERDICT}:{line}:21: error: 'body': {NESTED}"]


def test_quotes_nested_too_deeply_and_a_page_are_placed_too(tmp_path):
    quotes = "  " + ">" * 20 + " The fare table [@fare-table] says so.\n"
    page = "---\ntitle: About\n---\n# About us\n\n" + outline(12)
    found = problems(tree(tmp_path, {**edit(VERDICT, BODY_END, quotes), "pages/about.md": page}))
    line = fixture_text(VERDICT).split("\n").index("body: |") + 5
    assert found == [
        f"pages/about.md:15:1: error: {NESTED}",
        f"{VERDICT}:{line}:3: error: 'body': {NESTED}",
    ]


def test_as_deep_as_the_site_shows_is_fine_and_published_whole(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    verdict = content / "verdicts" / "unemployment-doubled.yaml"
    text = verdict.read_text(encoding="utf-8")
    deep = (
        "  "
        + "> " * 19
        + "Nineteen quotes deep.\n\n"
        + outline(9, "  ").replace("fare-table", "lfs")
    )
    verdict.write_text(text.replace("  See also [[exports-halved]].\n", deep), encoding="utf-8")
    out = tmp_path / "site"
    assert build(content, out, REPO / "mkdocs.yml") == 0
    page = parse(out / "claims" / "unemployment-doubled" / "index.html").text
    assert "Nineteen quotes deep." in page
    assert "point 8" in page and "The conclusion, which cites the fare table again" in page


def test_the_build_refuses_a_body_it_would_publish_without_its_end(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    verdict = content / "verdicts" / "unemployment-doubled.yaml"
    text = verdict.read_text(encoding="utf-8")
    deep = outline(10, "  ").replace("fare-table", "lfs")
    verdict.write_text(text.replace("  See also [[exports-halved]].\n", deep), encoding="utf-8")
    out = tmp_path / "site"
    assert build(content, out, REPO / "mkdocs.yml") == 1
    assert not out.exists()
    assert f"verdicts/unemployment-doubled.yaml:18:21: error: 'body': {NESTED}" in (
        capsys.readouterr().err.replace(str(content) + "/", "")
    )


def test_the_nesting_check_takes_linear_time(tmp_path):
    """A body of deep quotes or lists is parsed to place the first: 10x the text takes about
    10x the time, never 100x."""

    def timed(name: str, body: str) -> float:
        indented = "".join(f"  {line}\n" for line in body.split("\n"))
        root = tree(tmp_path / name, edit(VERDICT, BODY_END, indented))
        started = time.process_time()
        # The ten-times body is also long enough for the body-size warning: not this test's.
        found = [p for p in problems(root) if "'body' is" not in p]
        assert len(found) == 1 and NESTED in found[0]
        return time.process_time() - started

    for n, (unit, count) in enumerate(((">" * 25 + " deep\n\n", 300), (outline(12) + "\n", 30))):
        small, large = timed(f"s{n}", unit * count), timed(f"l{n}", unit * count * 10)
        assert large < 30 * small + 0.5, (unit, small, large)


# -- web addresses whose host only looks like a known one ------------------------------------


def test_a_host_name_with_a_lookalike_letter_of_another_script_is_an_error(tmp_path):
    """`https://еxample.org` (a Cyrillic е) reads as example.org in the pull request and on the
    page, and leads to another domain."""
    spoofs = {
        "https://example.org/transit/fares": "https://еxample.org/transit/fares",  # Cyrillic е
        "https://example.org/budget-2024.pdf": "https://аррӏе.com/budget-2024.pdf",  # all Cyrillic
    }
    files = fixture_text(VERDICT)
    for real, spoof in spoofs.items():
        files = files.replace(real, spoof)
    found = problems(tree(tmp_path, {VERDICT: files}))
    fix = (
        "which only looks like a Latin letter, so the address leads elsewhere than it reads; "
        "type the host name again (or copy the address from the browser's address bar)"
    )
    assert found == [
        f"{VERDICT}:14:10: error: 'sources[0].url': 'https://еxample.org/transit/fares' has 'е' "
        f"in its host name 'еxample': CYRILLIC SMALL LETTER IE, {fix}",
        f"{VERDICT}:20:10: error: 'sources[1].url': 'https://аррӏе.com/budget-2024.pdf' has 'а' "
        f"in its host name 'аррӏе': CYRILLIC SMALL LETTER A, {fix}",
    ]


def test_a_lookalike_host_in_a_body_or_a_page_link_is_an_error_at_its_place(tmp_path):
    body = "  Compare [the fares](https://exаmple.org/fares) and <https://gооgle.com/x>.\n"
    files = {
        **edit(VERDICT, BODY_END, BODY_END + body),
        "pages/about.md": "# About\n\nWe are [the council](https://cоuncil.example/).\n",
    }
    found = problems(tree(tmp_path, files))
    line = fixture_text(VERDICT).split("\n").index(BODY_END.rstrip("\n")) + 2
    fix = (
        "which only looks like a Latin letter, so the address leads elsewhere than it reads; "
        "type the host name again (or copy the address from the browser's address bar)"
    )
    assert found == [
        "pages/about.md:3:22: error: 'https://cоuncil.example' has 'о' in its host name "
        f"'cоuncil': CYRILLIC SMALL LETTER O, {fix}",
        f"{VERDICT}:{line}:23: error: 'body': 'https://exаmple.org' has 'а' in its host name "
        f"'exаmple': CYRILLIC SMALL LETTER A, {fix}",
        f"{VERDICT}:{line}:55: error: 'body': 'https://gооgle.com' has 'о' in its host name "
        f"'gооgle': CYRILLIC SMALL LETTER O, {fix}",
    ]


def test_domains_written_in_one_script_are_fine(tmp_path):
    person = "people/jane-doe.yaml"
    urls = [
        "https://президент.рф/",
        "https://сос.рф/",
        "https://ελληνικά.gr/",
        "https://bücher.de/straße",
        "https://例え.jp/",
        "https://example.org/путь",
    ]
    text = fixture_text(person).replace(
        "  - https://example.org/mayor\n", "".join(f"  - {u}\n" for u in urls)
    )
    assert problems(tree(tmp_path, {person: text})) == []


# -- file names that hide what they are --------------------------------------------------------


def test_a_file_name_that_becomes_an_existing_id_is_not_told_to_overwrite_it(tmp_path):
    """`Jane-Doe.yaml` beside `jane-doe.yaml` was told "Rename the file to jane-doe.yaml",
    which replaces the other person."""
    person = fixture_text("people/jane-doe.yaml")
    found = problems(tree(tmp_path, {"people/Jane-Doe.yaml": person, "people/Sam.yaml": person}))
    rule = (
        "is not a valid id; ids use lowercase letters a-z, digits and single hyphens (like "
        "'kim-jong-un'), at most 80 characters."
    )
    assert found == [
        f"people/Jane-Doe.yaml:2:1: error: the file name 'Jane-Doe' {rule} Its id would be "
        "'jane-doe', but jane-doe.yaml exists already: if both are the same person, merge "
        "them into jane-doe.yaml and delete this file; else rename this file to another id",
        f"people/Sam.yaml:2:1: error: the file name 'Sam' {rule} Rename the file to sam.yaml",
    ]


def test_invisible_and_direction_characters_in_a_file_name_are_printed_as_escapes(tmp_path):
    """A zero-width joiner made 'jane‍-doe' print as the valid 'jane-doe'; a right-to-left
    override in a file name turned the rest of the printed line around."""
    person = fixture_text("people/jane-doe.yaml")
    root = tree(tmp_path, {"people/sam\u200d.yaml": person, "people/rob\u202e.yaml": person})
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
        cwd=root,
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "\u202e" not in result.stdout and "\u200d" not in result.stdout
    assert any(
        line.startswith(f"{root}/people/rob\\u202e.yaml:2:1: error: the file name 'rob\\u202e' ")
        for line in lines
    ), lines
    assert any("the file name 'sam\\u200d' is not a valid id" in line for line in lines), lines
    # A program reading the JSON gets the file's real name, to open it.
    as_json = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", "--format", "json", str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    paths = {p["path"] for p in json.loads(as_json.stdout)}
    assert str(root / "people" / "rob\u202e.yaml") in paths


# -- letters buried under combining marks ----------------------------------------------------

ZALGO = "J" + "\u0335\u0321\u031b\u0319\u0329" * 6 + "ane"  # 30 marks on the J


def test_stacked_combining_marks_are_an_error_in_any_text(tmp_path):
    """'Zalgo' text: a browser draws the marks far above and below the line, over the claim,
    the verdict and the navigation around a name."""
    person = "people/jane-doe.yaml"
    files = {
        **edit(person, 'name: "Jane Doe"', f'name: "{ZALGO} Doe"'),
        "pages/about.md": f"# About\n\nWe are {ZALGO}.\n",
    }
    found = problems(tree(tmp_path, files))
    what = (
        "has 30 accents or other combining marks stacked on one letter, which the page would "
        "draw over the lines above and below it; delete them (a letter takes 8 at most)"
    )
    assert found == [
        f"pages/about.md:3:9: error: {what}",
        f"{person}:2:9: error: 'name': {what}",
    ]


def test_accents_of_real_languages_are_fine(tmp_path):
    text = (
        "# About\n\nTiếng Việt: ệ ữ ỗ. हिन्दी: क्षत्रिय. עברית: בְּרֵאשִׁ֖ית. "
        "Ελληνικά: ἄἔἤ. e\u0301\u0302\u0303 (three marks).\n"
    )
    assert problems(tree(tmp_path, {"pages/about.md": text})) == []


# -- numbers -----------------------------------------------------------------------------------


def test_a_quoted_number_is_told_to_lose_its_quotes_not_that_it_is_too_large(tmp_path):
    found = problems(tree(tmp_path, edit("ratings.yaml", "value: 6", "value: '6'")))
    assert found == [
        "ratings.yaml:7:10: error: '[0].value': expected a whole number, found the text '6'; "
        "remove the quotes"
    ]


# -- many links in one page --------------------------------------------------------------------


def test_a_page_of_reference_links_takes_linear_time_and_each_is_placed(tmp_path):
    """`[text][name]` writes its address once, in the definition: each was searched for in the
    rest of its paragraph, so 16,000 of them took 36 s (100,000: hours)."""

    def timed(name: str, count: int) -> tuple[float, list[str]]:
        page = "# About\n\n[gone]: claims/no-such-claim.md\n\n" + "See [this][gone].\n" * count
        root = tree(tmp_path / name, {"pages/about.md": page})
        started = time.process_time()
        found = problems(root)
        return time.process_time() - started, found

    small, found = timed("small", 1000)
    large, found = timed("large", 10_000)
    assert large < 30 * small + 0.5, (small, large)
    dead = (
        "pages/about.md:3:9: error: links to 'claims/no-such-claim.md', but no claim "
        "'no-such-claim' exists (claims/no-such-claim.yaml not found), so readers would find "
        "nothing there; link to a page that exists, or remove the link"
    )
    assert found == [dead]  # one problem for the same link at the same place
