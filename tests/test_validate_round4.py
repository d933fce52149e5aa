"""`factcheck validate`, round 4: what still slipped through or was said badly.

Free-form topics misspelt on one claim; web addresses whose host is too long, scheme-relative
links, links markdown-it rewrites before validate sees them; the JSON Schema's address pattern
against validate's own rules; combining marks stacked through YAML escapes or character
references; problems about a whole file printed at a line editors can open.
"""

from __future__ import annotations

import json
import random
import re
import time

import pytest
from test_validate import CLAIM, check, edit, fixture_text, tree

from generator.problems import ERROR, Problem, format_problems
from generator.schema import schema_for
from generator.spec import KINDS
from generator.validate import URL_FORBIDDEN, URL_PATTERN, validate, web_url_problem

VERDICT = "verdicts/bus-fares-doubled.yaml"
FIELD = "url: https://example.org/transit/fares"
CHECK = "check the address (or copy it again from the browser's address bar)"
LONG_HOST = ".".join(["a" * 60] * 5)  # 304 characters, each part within 63


# -- free-form topics ------------------------------------------------------------------------


def _freeform(topics: dict[str, str]) -> dict:
    """No topics.yaml, and the three claims with these topics."""
    files: dict = {"topics.yaml": None}
    for rel, written in topics.items():
        text = fixture_text(rel)
        files[rel] = re.sub(r"topics: \[[^\]]*\]", f"topics: [{written}]", text)
    return files


def test_a_free_form_topic_misspelt_on_one_claim_is_a_warning_at_its_place(tmp_path):
    park = "claims/new-park-opened.yaml"
    files = _freeform({CLAIM: "transport", "claims/unemployment-halved.yaml": "transport, economy"})
    files[park] = fixture_text(park).rstrip("\n") + "\ntopics: [trasport]\n"
    found = check(tmp_path, files)
    line = len(fixture_text(park).rstrip("\n").split("\n")) + 1
    assert found == [
        f"{park}:{line}:10: warning: 'topics[0]': no other claim has the topic 'trasport', and 2 "
        "claims have 'transport': did you mean 'transport'? Without topics.yaml a topic is "
        "whatever claims write, so this one would get a page of its own: fix the spelling, or "
        "list the site's topics in topics.yaml to have each one checked"
    ]


def test_new_free_form_topics_and_ones_listed_in_topics_yaml_say_nothing(tmp_path):
    # A new topic on one claim, not close to any other: a new topic, not a typo.
    files = _freeform({CLAIM: "transport", "claims/unemployment-halved.yaml": "transport, jobs"})
    assert check(tmp_path / "a", files) == []
    # Two claims each with their own near topic: neither is the established one.
    files = _freeform({CLAIM: "transport", "claims/unemployment-halved.yaml": "trasport"})
    assert check(tmp_path / "b", files) == []


# -- web addresses ---------------------------------------------------------------------------


HOST_TOO_LONG = (
    f"has a host name of 304 characters ('{'a' * 40}…'); a host name has at most 253, so no "
    f"browser can reach it; {CHECK}"
)
BROKEN_IPV6 = (
    "has a '[' before its host with no ']' after it; an IPv6 address is written in brackets, "
    "as in https://[2001:db8::1]/"
)


def _shown(url: str) -> str:
    return url if len(url) <= 80 else url[:80]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        (f"https://{LONG_HOST}/", HOST_TOO_LONG),
        ("https://[::1", BROKEN_IPV6),
        ("https://[::1]x/", f"has 'x' after its IPv6 address ']'; {CHECK}"),
        (
            "https://[fe80::1%25eth0]/",
            "has a zone id ('%25eth0') in its IPv6 address, which only means something on the "
            "computer that wrote it, and browsers refuse the address; remove it (from the '%' to "
            "the ']')",
        ),
        (
            "https://[zz::1]/",
            f"has '[zz::1]' as its host, which is not an IPv6 address (like [2001:db8::1]); {CHECK}",
        ),
    ],
)
def test_a_link_markdown_it_rewrites_is_told_as_written_in_a_field_a_body_and_a_page(
    tmp_path, url, why
):
    body = edit(VERDICT, "[@budget-2024].", f"[@budget-2024] [x]({url}).")
    assert check(tmp_path / "body", body) == [
        f"{VERDICT}:7:67: error: 'body': the link '{_shown(url)}' {why}"
    ]
    page = {"pages/about.md": f"# About\n\nSee [x]({url}) and <{url}>.\n"}
    col = 16 + len(url)
    assert check(tmp_path / "page", page) == [
        f"pages/about.md:3:9: error: the link '{_shown(url)}' {why}",
        f"pages/about.md:3:{col}: error: the link '{_shown(url)}' {why}",
    ]
    field = edit(VERDICT, FIELD, f'url: "{url}"')
    assert check(tmp_path / "field", field) == [
        f"{VERDICT}:14:10: error: 'sources[0].url': '{_shown(url)}' {why}"
    ]


def test_a_scheme_relative_link_in_a_page_is_a_warning_with_the_address_to_write(tmp_path):
    """`[x](//example.org/x)` is no link on the page (it would leave the site unchecked): the
    reader sees the Markdown as typed."""
    body = "# About\n\nSee [x](//example.org/x) and [y][r].\n\n[r]: <//a..b.example/>\n"
    why = (
        "is not made, and readers would see the Markdown as typed: a page links addresses on "
        "this site, and other sites with http(s): write it in full, as"
    )
    assert check(tmp_path, {"pages/about.md": body}) == [
        f"pages/about.md:3:9: warning: the link to '//example.org/x' {why} 'https://example.org/x'",
        f"pages/about.md:5:7: warning: the link to '//a..b.example/' {why} 'https://a..b.example/'",
    ]


def test_long_but_valid_hosts_pass(tmp_path):
    host = ".".join(["a" * 63] * 3 + ["b" * 61])  # 253 characters exactly
    body = f"# About\n\n[b](https://{host}/) [c](https://[2001:db8::1]:8080/)\n"
    assert check(tmp_path, {"pages/about.md": body}) == []
    assert web_url_problem(f"https://{host}./") is None  # a final dot is no part of the length
    assert web_url_problem(f"https://{host}a/").startswith("has a host name of 254 characters")


def test_many_rewritten_links_take_linear_time(tmp_path):
    def timed(n: int) -> float:
        body = "# About\n\n" + "".join(f"[x{i}](https://[::{i}x)\n" for i in range(n))
        root = tree(tmp_path / str(n), {"pages/about.md": body})
        start = time.process_time()
        found = validate(root, display_prefix="").problems
        assert len(found) == n
        return time.process_time() - start

    small, large = timed(500), timed(2000)
    assert large < 4 * small * 2.5 + 0.5, (small, large)


# -- the JSON Schema's address pattern ---------------------------------------------------------


def _schema_url_pattern() -> re.Pattern[str]:
    source = schema_for(KINDS["verdict"])["properties"]["sources"]["items"]["properties"]["url"]
    return re.compile(source["pattern"])


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org\\evil.example/",
        "https://example.org/a\\b",
        "https://example.org:0/",
        "https://example.org:65536/",
        "https://a..b.example/",
        "https://.example.org/",
        "https://1.2.3/",
        "https://256.1.1.1/",
        "https://example.0x1/",
        f"https://{LONG_HOST}/",
        f"https://{'a' * 64}.example/",
        "https://[fe80::1%25eth0]/",
        "https:example.org",
        "https:///example.org",
    ],
)
def test_the_schema_refuses_what_validate_refuses(tmp_path, url):
    """An editor flags the address as the contributor types it, as validate would."""
    assert _schema_url_pattern().search(url) is None
    assert web_url_problem(url) is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/",
        "HTTPS://Example.ORG:443/path?q=1#top",
        "https://example.org:/x",
        "https://example.org:0080/",
        "https://192.0.2.1:65535/",
        "https://[2001:db8::1]/",
        "https://xn--bcher-kva.example/",
        "https://bücher.example/",
        "https://例え.テスト/",
        "https://my_blog-.example.org/",
        "https://ex%41mple.org/",
        "https://example.org./",
        f"https://{'a' * 63}.example/",
    ],
)
def test_the_schema_accepts_what_validate_accepts(tmp_path, url):
    assert web_url_problem(url) is None
    assert _schema_url_pattern().search(url) is not None
    assert check(tmp_path, edit(VERDICT, FIELD, f'url: "{url}"')) == []


def test_the_schema_never_refuses_an_address_validate_accepts():
    """Random addresses made of the pieces that matter: hosts with dots, percent-escapes, other
    scripts, numbers, ports. Whatever validate accepts, the schema must too."""
    pieces = list("abz09-_.:/%[]@\\?#é。") + ["%41", "%2e", "xn--", "0x", "255", "256", "65535"]
    pieces += ["65536", ".com", "::1", "é" * 20, "a" * 30, "%E3%80%82"]
    old = re.compile(
        rf"^[hH][tT][tT][pP][sS]?://(?:[^{URL_FORBIDDEN}/?#@:\[\]]+|\[[0-9a-fA-F:.]+\])"
        rf"(?::\d{{1,5}})?(?:[/?#][^{URL_FORBIDDEN}]*)?$"
    )
    schema = _schema_url_pattern()
    rng = random.Random(4)
    accepted = 0
    for _ in range(40_000):
        host = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        url = "https://" + host + rng.choice(["", "/", "?a", ":80/", ":/"])
        if old.match(url) and web_url_problem(url) is None:
            accepted += 1
            assert schema.search(url), url
    assert accepted > 1000


def test_the_schema_pattern_takes_linear_time():
    pattern = _schema_url_pattern()
    for make in (lambda n: "https://" + "1." * n + "x", lambda n: "https://" + "a%2e" * n):
        times = []
        for n in (20_000, 80_000):
            start = time.process_time()
            pattern.search(make(n))
            times.append(time.process_time() - start)
        assert times[1] < 4 * times[0] * 3 + 0.05, times


def test_the_pattern_is_one_json_schema_editors_can_read():
    """JSON Schema patterns are ECMAScript: no Python-only syntax (named groups, (?i), \\Z)."""
    assert not re.search(r"\(\?[P<aiLmsux]|\\[AZz]", URL_PATTERN)


# -- combining marks written as escapes --------------------------------------------------------


def test_stacked_marks_written_as_yaml_escapes_are_an_error_at_the_field(tmp_path):
    person = "people/jane-doe.yaml"
    escapes = "\\u0301" * 12
    found = check(tmp_path, edit(person, 'name: "Jane Doe"', f'name: "Jane{escapes} Doe"'))
    assert found == [
        f"{person}:2:12: error: 'name': has 12 accents or other combining marks stacked on one "
        "letter, written as escapes, which the page would draw over the lines above and below "
        "it; delete them (a letter takes 8 at most)"
    ]


def test_escapes_mixed_with_marks_and_references_in_a_page_are_counted_together(tmp_path):
    mixed = "\u0301" * 4 + "&#x301;" * 3 + "&#769;" * 3
    page = {"pages/about.md": f"# About\n\nWe are J{mixed}ane.\n"}
    assert check(tmp_path, page) == [
        "pages/about.md:3:9: error: has 10 accents or other combining marks stacked on one "
        "letter, written as character references, which the page would draw over the lines "
        "above and below it; delete them (a letter takes 8 at most)"
    ]


def test_escapes_that_stay_text_or_few_marks_are_fine(tmp_path):
    person = "people/jane-doe.yaml"
    # In single quotes or a plain value, \u0301 is text as typed; eight marks are allowed.
    plain = edit(person, 'name: "Jane Doe"', "name: 'Jane" + "\\u0301" * 12 + " Doe'")
    assert check(tmp_path / "a", plain) == []
    few = edit(person, 'name: "Jane Doe"', 'name: "Ja' + "\\u0301" * 8 + 'ne"')
    assert check(tmp_path / "b", few) == []
    # A stack written as it is: load's error, not a second one.
    literal = edit(person, 'name: "Jane Doe"', 'name: "J' + "\u0301" * 9 + "\\u0301" + 'ane"')
    found = check(tmp_path / "c", literal)
    assert len(found) == 1 and "written as escapes" not in found[0]


# -- problems about a whole file ---------------------------------------------------------------


def test_a_problem_about_a_whole_file_is_printed_at_a_line_editors_open(tmp_path):
    whole = Problem("people/x.yaml", 0, 0, ERROR, "the file is too large")
    placed = Problem("people/y.yaml", 3, 0, ERROR, "no column known")
    assert str(whole) == "people/x.yaml:1:1: error: the file is too large"
    assert str(placed) == "people/y.yaml:3:1: error: no column known"
    assert format_problems([whole], "github") == (
        "::error file=people/x.yaml,line=1::the file is too large"
    )
    [shown] = json.loads(format_problems([whole], "json"))
    assert (shown["line"], shown["col"]) == (1, 1)


def test_a_file_over_the_limit_prints_line_1_through_the_cli(tmp_path, capsys):
    from generator.cli import main

    root = tree(tmp_path, {"people/robin-editor.yaml": "name: " + "x" * 300_000 + "\n"})
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"people/robin-editor\.yaml:1:1: error: the file is 300,007 bytes", out), out
    assert ":0:0:" not in out
