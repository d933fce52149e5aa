"""Web addresses that look fine to a reviewer but that browsers read another way, or refuse.

`http:evil.example` opens http://evil.example/, a backslash is read as '/', a port above 65535
or a host that is no DNS name (`a..b.example`, invalid punycode) leads nowhere,
and an `xn--` host can decode to a Cyrillic lookalike of a Latin name. Each is an error at the
field or at the link, in URL fields, verdict bodies and pages alike; valid addresses in any
script, IP literals, ports, percent-encoding and queries pass.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from factories import lines_run, write_config
from test_validate import check, edit, tree

from generator import validate as validate_module
from generator.cli import main
from generator.markdown import links as md_links

VERDICT = "verdicts/bus-fares-doubled.yaml"
FIELD = "url: https://example.org/transit/fares"
CHECK = "check the address (or copy it again from the browser's address bar)"
OUT_OF_RANGE = (
    "has port 99999, which is out of range: a port is a number from 1 to 65535, and browsers "
    "refuse the address; remove ':99999' (without one, the usual port is used)"
)
PUNYCODE = (
    "has 'xn--zzzzzzz9' in its host name, which is not valid punycode (the xn-- form of a name "
    f"in another script), so browsers refuse it; {CHECK}"
)
HOSTILE = [
    (
        "http:evil.example",
        "has no '//' after 'http:', so browsers open it as http://evil.example; write the "
        "address in full, as 'http://evil.example'",
    ),
    ("https://example.org:99999/", OUT_OF_RANGE),
    (
        "https://example.org:8o/",
        "has ':8o' as its port, which is not a number; a port is a number from 1 to 65535: "
        "remove ':8o' (without one, the usual port is used)",
    ),
    (
        "https://a..b.example/",
        "has an empty part in its host name 'a..b.example' (two dots in a row, or a dot at its "
        "start); remove the extra dot",
    ),
    (
        "https://" + "a" * 64 + ".example/",
        "has a part of 64 characters in its host name ('aaaaaaaaaaaaaaaaaaaa…'); a part between "
        f"dots has at most 63, so browsers refuse it; {CHECK}",
    ),
    (
        "https://[::1/",
        "has a '[' before its host with no ']' after it; an IPv6 address is written in "
        "brackets, as in https://[2001:db8::1]/",
    ),
    (
        "https://[::g]/",
        f"has '[::g]' as its host, which is not an IPv6 address (like [2001:db8::1]); {CHECK}",
    ),
    ("https://xn--zzzzzzz9.example/", PUNYCODE),
    (
        "https://xn--80ak6aa92e.com/",
        "has 'а' in its host name 'xn--80ak6aa92e' (which browsers show as 'аррӏе'): CYRILLIC "
        "SMALL LETTER A, which only looks like a Latin letter, so the address leads elsewhere "
        "than it reads; type the host name again (or copy the address from the browser's "
        "address bar)",
    ),
    (
        "https:\\\\evil.example",
        "contains a backslash (\\), which browsers read as '/', so the address leads elsewhere "
        "than it reads; write '/' instead (or %5C where a backslash belongs)",
    ),
    (
        "https://a%20b.example/",
        "has a space in its host name 'a b.example', which a host name cannot hold (only "
        f"letters, digits, hyphens and dots); {CHECK}",
    ),
    (
        "https://999.1.1.1/",
        "has '999.1.1.1' as its host, which is not an IPv4 address (four numbers from 0 to "
        f"255, like 192.0.2.1); {CHECK}",
    ),
]
VALID = [
    "https://example.org/",
    "HTTP://EXAMPLE.org:8080/a?b=c&d=%2F#top",
    "https://example.org:65535/",
    "https://192.0.2.1/report",
    "https://[2001:db8::1]:8443/x",
    "https://пример.рф/",
    "https://xn--e1afmkfd.xn--p1ai/",
    "https://www.xn--mnchen-3ya.de/",
    "https://例え.テスト/",
    "https://مثال.إختبار/",
    "https://ελλάδα.gr/",
    "https://müller.de/%C3%BCber",
    "https://example.org./",
    "https://b--c.example/",
    "https://1.example/",
    # Not host names by the rules, but browsers open them as written (a blog's address may end in
    # a hyphen): a source there must stay citable.
    "https://news-.tumblr.example/",
    "https://-a-.example/",
    "https://my_site.example/",
]


def field(url: str) -> dict[str, str]:
    """The fixture with a source's url (line 14, column 10) set to `url`."""
    quoted = url.replace("\\", "\\\\")
    return edit(VERDICT, FIELD, f'url: "{quoted}"')


@pytest.mark.parametrize(("url", "why"), HOSTILE)
def test_a_url_field_browsers_read_otherwise_is_an_error_at_the_field(tmp_path, url, why):
    shown = url[:80]  # as messages show an address
    assert check(tmp_path, field(url)) == [
        f"{VERDICT}:14:10: error: 'sources[0].url': '{shown}' {why}"
    ]


@pytest.mark.parametrize("url", VALID)
def test_a_valid_address_passes_in_a_field_and_as_a_link(tmp_path, url):
    body = f"# About\n\nSee [the report]({url}) and <{url}>.\n" if " " not in url else ""
    assert check(tmp_path, {**field(url), "pages/about.md": body}) == []


def body_with(links: str) -> dict[str, str]:
    """The fixture whose verdict body has `links` as its last line (line 10 of the file)."""
    return edit(
        VERDICT,
        "checked in [[unemployment-halved]].\n",
        f"checked in [[unemployment-halved]].\n  {links}\n",
    )


def test_links_in_a_verdict_body_are_errors_at_their_line_and_column(tmp_path):
    found = check(tmp_path, body_with("[a](http:evil.example) [b](https://example.org:99999/)"))
    assert found == [
        f"{VERDICT}:10:7: error: 'body': the link 'http:evil.example' {HOSTILE[0][1]}",
        f"{VERDICT}:10:30: error: 'body': the link 'https://example.org:99999/' {OUT_OF_RANGE}",
    ]


def test_an_autolink_and_an_xn_lookalike_in_a_verdict_body(tmp_path):
    found = check(tmp_path, body_with("<http:evil.example> [x](https://xn--80ak6aa92e.com/)"))
    assert found == [
        f"{VERDICT}:10:4: error: 'body': the link 'http:evil.example' {HOSTILE[0][1]}",
        f"{VERDICT}:10:27: error: 'body': the link 'https://xn--80ak6aa92e.com/' " + HOSTILE[8][1],
    ]


def test_a_link_in_another_script_is_reported_once_as_written(tmp_path):
    found = check(tmp_path, body_with("[x](https://аррӏе.com/)"))
    assert len(found) == 1 and "'https://аррӏе.com' has 'а' in its host name 'аррӏе'" in found[0]


def test_links_in_a_page_are_errors_at_their_line_and_column(tmp_path):
    page = (
        "# About\n\n"
        "Read [this](https://a..b.example/x) first.\n\n"
        "Then [that](https://xn--zzzzzzz9.example/).\n"
    )
    assert check(tmp_path, {"pages/about.md": page}) == [
        f"pages/about.md:3:13: error: the link 'https://a..b.example/x' {HOSTILE[3][1]}",
        f"pages/about.md:5:13: error: the link 'https://xn--zzzzzzz9.example/' {PUNYCODE}",
    ]


def test_an_invisible_character_in_a_link_is_an_error_as_in_a_field(tmp_path):
    """A zero-width space in a link's host was only a warning about the text: now the link is
    an error, as the same address in a URL field is."""
    page = "# About\n\n[a](https://example.org/a\u202eb) [b](https://exa\u200bmple.org/)\n"
    found = check(tmp_path, {"pages/about.md": page})
    assert [p for p in found if "the link" in p] == [
        "pages/about.md:3:5: error: the link 'https://example.org/a\\u202eb' contains an "
        "invisible character (U+202E), which readers cannot see in the address; delete it",
        "pages/about.md:3:34: error: the link 'https://xn--example-2z6c.org/' has an invisible "
        "character (U+200B) in its host name ('xn--example-2z6c', which browsers show as "
        "'exa\\u200bmple'), which a host name cannot hold (only letters, digits, hyphens and "
        f"dots); {CHECK}",
    ]
    found = check(tmp_path / "field", field("https://exa\u200bmple.org/"))
    assert [p for p in found if ": error:" in p] == [
        f"{VERDICT}:14:10: error: 'sources[0].url': 'https://exa\\u200bmple.org/' contains an "
        "invisible character (U+200B), which a web address cannot hold; delete it, or "
        "percent-encode it as %E2%80%8B if it belongs there"
    ]


def test_the_build_refuses_to_publish_a_hostile_address(tmp_path, capsys):
    root = tree(tmp_path, {**field("http:evil.example"), "pages/about.md": "# About\n"})
    config = write_config(tmp_path, root, site_dir=tmp_path / "site")
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        code = main(["build", "--content", str(root), "--out", "site", "--config", str(config)])
    finally:
        os.chdir(here)
    out = capsys.readouterr()
    assert code != 0
    assert "'sources[0].url': 'http:evil.example' has no '//' after 'http:'" in out.out + out.err
    assert not (tmp_path / "site" / "index.html").exists()


def test_checking_links_grows_linearly():
    """n bad links, or one host of n parts, cost n times one: a 255 KB body is checked in time."""

    def links(n: int) -> int:
        body = "[x](https://a..b.example/) " * n
        problems, lines = lines_run(
            validate_module._web_link_problems, body, md_links(body), module=validate_module
        )
        assert len(problems) == n
        return lines

    def host(n: int) -> int:
        why, lines = lines_run(
            validate_module.web_url_problem,
            f"https://{'a.' * n}x..y.example/",
            module=validate_module,
        )
        assert why is not None and "empty part" in why
        return lines

    assert links(2000) < 4.5 * links(500)
    assert host(20000) < 4.5 * host(5000)
