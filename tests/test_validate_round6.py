"""`factcheck validate`, round 6: what readers saw on the site without a word from validate.

One source listed twice in a verdict (the same address written two ways), numbered twice on the
claim page; ratings apart on the scale with one icon, which readers who cannot tell the colours
apart cannot tell apart; a link whose address holds a space, tab or line break, which Markdown
does not make, so the page shows it as typed.
"""

from __future__ import annotations

import pytest
from test_hostile import best_time
from test_validate import VERDICT, check, edit, fixture_text, problems, tree

from generator.validate import _spaced_links

# -- one source listed twice ------------------------------------------------------------------

FIRST = "url: https://example.org/transit/fares"
SECOND = "url: https://example.org/budget-2024.pdf"
SOURCES = fixture_text(VERDICT).partition("sources:\n")[2].partition("authors:")[0]


def _urls(first: str, second: str) -> dict[str, str]:
    """The fixture verdict with its two sources' addresses replaced."""
    text = fixture_text(VERDICT)
    assert FIRST in text and SECOND in text
    return {VERDICT: text.replace(FIRST, f"url: {first}").replace(SECOND, f"url: {second}")}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.org/transit/fares", "https://example.org/transit/fares"),
        ("https://example.org/transit/fares", "HTTPS://Example.ORG/transit/fares"),
        ("https://example.org/transit/fares", "https://example.org:443/transit/fares"),
        ("http://example.org/transit/fares", "http://EXAMPLE.org:80/transit/fares"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/?page=2", "https://example.org:/?page=2"),
    ],
)
def test_a_source_listed_twice_is_named_at_the_second(tmp_path, first, second):
    """Both were listed and numbered on the claim page, [1] and [2] the same page."""
    assert check(tmp_path, _urls(first, second)) == [
        f"{VERDICT}:20:10: warning: 'sources[1].url' is the address of source 'fare-table' too "
        f"('{first}'), so the claim page would list and number the one source twice; cite "
        "[@fare-table] where 'body' cites [@budget-2024] and remove this source, or merge the two"
    ]


@pytest.mark.parametrize(
    "second",
    [
        "https://example.org/transit/fares?b=2&a=1",  # the query in another order
        "https://example.org/transit/fares#table-2",  # another part of the page
        "https://example.org/Transit/fares",  # a path's case is the site's to read
        "http://example.org/transit/fares",  # another scheme
        "https://example.org:8443/transit/fares",  # another port
        "https://example.org/transit/fares/",  # a '/' after a path is another address
    ],
)
def test_addresses_that_can_be_different_pages_say_nothing(tmp_path, second):
    assert check(tmp_path, _urls("https://example.org/transit/fares?a=1&b=2", second)) == []
    assert check(tmp_path / "plain", _urls("https://example.org/transit/fares", second)) == []


def test_many_sources_are_compared_in_one_pass(tmp_path):
    """Each source against each other would take 2,000 x 2,000 comparisons for 2,000 sources."""

    def verdict(n: int) -> dict[str, str]:
        sources = "".join(
            f"  - id: s{i}\n    title: t\n    url: https://example.org/{i}\n" for i in range(n)
        )
        cites = " ".join(f"[@s{i}]" for i in range(n))
        text = fixture_text(VERDICT)
        head, _, rest = text.partition("sources:\n")
        tail = rest[rest.index("authors:") :]
        body = head.replace("[@budget-2024].", f"[@budget-2024]. {cites}")
        return {VERDICT: f"{body}sources:\n{SOURCES}{sources}{tail}"}

    small, large = tree(tmp_path / "s", verdict(1000)), tree(tmp_path / "l", verdict(4000))
    assert problems(small) == []
    ratio = best_time(lambda: problems(large)) / best_time(lambda: problems(small))
    assert ratio < 12, f"4x the sources took {ratio:.1f}x the time"


# -- one icon for ratings apart on the scale -------------------------------------------------

RATINGS = "ratings.yaml"
AT_FALSE = f"{RATINGS}:39:9: warning: 'icon' "


def _icons(**icons: str) -> dict[str, str]:
    """ratings.yaml with the icons of some ratings replaced (by id, '_' for '-')."""
    lines = fixture_text(RATINGS).split("\n")
    rating = None
    for n, line in enumerate(lines):
        if line.startswith("- id: "):
            rating = line[6:].replace("-", "_")
        elif line.startswith("  icon: ") and rating in icons:
            lines[n] = f'  icon: "{icons[rating]}"'
    return {RATINGS: "\n".join(lines)}


TELL = (
    "and readers who cannot tell colours apart tell ratings apart by their icons; give this "
    "rating an icon of its own (ratings next to each other on the scale may share one)"
)


def test_the_best_and_the_worst_ratings_with_one_icon_are_named(tmp_path):
    """'False' with the ✔ of 'True': readers who cannot see the green and the red saw the same
    badge on both."""
    assert check(tmp_path, _icons(false="✔")) == [
        f"{AT_FALSE}'✔' is also the icon of 'true', with ratings of other icons between the two "
        f"on the scale, {TELL}"
    ]


def test_one_icon_for_the_whole_scale_is_named_where_it_reaches_the_other_end(tmp_path):
    icons = {r: "✔" for r in ("half_true", "misleading", "mostly_false", "false")}
    assert check(tmp_path, _icons(**icons)) == [
        f"{AT_FALSE}'✔' is also the icon of 'true', at the other end of the scale, {TELL}"
    ]


def test_a_rating_off_the_scale_sharing_an_icon_is_named(tmp_path):
    """'Unproven' with the ✘ of the false ratings; the emoji form of an icon is the same icon."""
    assert check(tmp_path, _icons(unproven="✘\ufe0f")) == [
        f"{RATINGS}:44:9: warning: 'icon' '✘\ufe0f' is also the icon of 'mostly-false', which "
        f"is on the scale and this rating is off it (it has no value), {TELL}"
    ]


def test_neighbours_on_the_scale_may_share_an_icon_and_defaults_are_not_compared(tmp_path):
    """The fixture's ✔ for 'True' and 'Mostly true', ✘ for 'Mostly false' and 'False'; ratings
    without an icon get default ones (◐ for each between the best and the worst)."""
    assert check(tmp_path, {}) == []
    no_icons = "\n".join(x for x in fixture_text(RATINGS).split("\n") if "icon:" not in x)
    assert check(tmp_path / "none", {RATINGS: no_icons}) == []


# -- a link whose address holds white space ----------------------------------------------------

NOT_MADE = (
    "is not made, and readers would see the Markdown as typed: a link's address cannot hold a "
    "space, tab or line break; remove it, or write a space that belongs in the address as %20"
)


def test_a_page_link_with_white_space_in_its_address_is_named_where_it_is(tmp_path):
    """`[h](java<tab>script:alert(1))` and `[h](https://exa mple.org)` were shown as typed text
    without a word."""
    page = (
        "# About\n\n"
        "[h](java\tscript:alert(1)) and [w](https://exa mple.org).\n"
        '`[c](https://a b)` and [sic](see below), [t](https://x.org "title") [a](<https://x.org/a b>)\n'
        "\n    [code](https://a b)\n\n"
        "A [split](https://exa\nmple.org) link.\n"
    )
    assert check(tmp_path, {"pages/about.md": page}) == [
        f"pages/about.md:3:5: warning: the link to 'java\\tscript:alert(1)' {NOT_MADE}",
        f"pages/about.md:3:35: warning: the link to 'https://exa mple.org' {NOT_MADE}",
        f"pages/about.md:8:11: warning: the link to 'https://exa\\nmple.org' {NOT_MADE}",
    ]


def test_a_page_with_front_matter_counts_its_lines(tmp_path):
    page = "---\ntitle: About\n---\n# About\n\nSee [it](/claims/x y/).\n"
    assert check(tmp_path, {"pages/about.md": page}) == [
        f"pages/about.md:6:10: warning: the link to '/claims/x y/' {NOT_MADE}"
    ]


def test_a_verdict_body_link_with_white_space_is_named_at_its_line_and_column(tmp_path):
    files = edit(
        VERDICT,
        "2.40 now [@fare-table].",
        "2.40 now [@fare-table] ([table](https://exa mple.org/fares)).",
    )
    assert check(tmp_path, files) == [
        f"{VERDICT}:6:75: warning: 'body': the link to 'https://exa mple.org/fares' {NOT_MADE}"
    ]


@pytest.mark.parametrize("unit", ["](a b ", "](https://a b", "](a(b) c", "](/a\tb](", "[h](/a b) "])
def test_white_space_links_are_found_in_linear_time(unit):
    """Each `](` is read up to the next unbalanced parenthesis at most."""
    small, large = unit * (20000 // len(unit)), unit * (80000 // len(unit))
    ratio = best_time(lambda: _spaced_links(large)) / best_time(lambda: _spaced_links(small))
    assert ratio < 12, f"4x the text took {ratio:.1f}x the time"


def test_a_rating_value_with_an_error_leaves_the_icons_unchecked(tmp_path):
    """'Mostly true' is not off the scale because its value is mistyped: only the value's error
    is said, not that its ✔ is shared with a rating on the scale."""
    text = fixture_text(RATINGS).replace("  value: 5\n", '  value: "five"\n')
    found = check(tmp_path, {RATINGS: text})
    assert [p.split(": ")[0] for p in found] == [f"{RATINGS}:13:10"]
    assert "icon" not in found[0]
