"""The safe Markdown renderer: citations, claim links, refused HTML and links, and no way to inject."""

from __future__ import annotations

from factories import ParsedPage
from hypothesis import given, settings
from hypothesis import strategies as st
from test_validate import check

from generator.markdown import has_controls, render, slugify, strip_controls

CLAIMS = {"exports-halved": "Exports fell by half", "evil": '<script>alert(1)</script> & "x"'}

# What safe Markdown may produce: these tags, these attributes, nothing else.
ALLOWED_TAGS = {
    "p", "a", "em", "strong", "s", "code", "pre", "blockquote", "ul", "ol", "li", "hr", "br",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup",
}  # fmt: skip
ALLOWED_ATTRS = {"href", "id", "class", "title", "style", "start"}


def test_citations_are_numbered_in_order_of_first_citation():
    r = render("B first [@b], then A [@a], B again [@b].", sources={"a", "b"})
    assert r.cited == ("b", "a")
    assert r.citations == {"b": 2, "a": 1}
    assert '<sup class="fc-cite"><a href="#source-b" id="cite-b-1">[1]</a></sup>' in r.html, r.html
    assert '<a href="#source-a" id="cite-a-1">[2]</a>' in r.html
    # A source cited again keeps its number and gets its own anchor for the back link.
    assert '<a href="#source-b" id="cite-b-2">[1]</a>' in r.html


def test_several_sources_for_one_statement_get_a_link_each():
    r = render("Both say so [@a; @b], and B alone [@b].", sources={"a", "b"})
    assert r.cited == ("a", "b") and r.citations == {"a": 1, "b": 2}
    assert (
        '<sup class="fc-cite"><a href="#source-a" id="cite-a-1">[1]</a></sup>'
        '<sup class="fc-cite"><a href="#source-b" id="cite-b-1">[2]</a></sup>,'
    ) in r.html, r.html
    assert '<a href="#source-b" id="cite-b-2">[2]</a>' in r.html
    spaced = render("Either way [@a ;@b] and\n[@b;\n@a].", sources={"a", "b"})
    assert spaced.citations == {"a": 2, "b": 2} and "[@" not in spaced.html
    # One id not among the sources: the whole group stays as written (validation reports it).
    assert render("[@a; @nope]", sources={"a"}).html == "<p>[@a; @nope]</p>\n"


def test_unknown_ids_stay_plain_text():
    r = render("See [@nope] and [[no-such-claim]].", sources={"a"}, claims=CLAIMS)
    assert r.html == "<p>See [@nope] and [[no-such-claim]].</p>\n"
    assert r.cited == ()


def test_claim_links_use_the_short_title_escaped():
    r = render("Compare [[exports-halved]] and [[evil]].", claims=CLAIMS)
    assert '<a class="fc-claim-link" href="../exports-halved/">Exports fell by half</a>' in r.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;" in r.html
    assert "<script" not in r.html


def test_claim_link_address_can_be_chosen():
    r = render("[[exports-halved]]", claims=CLAIMS, claim_href=lambda i: f"/claims/{i}/")
    assert 'href="/claims/exports-halved/"' in r.html


def test_raw_html_is_shown_as_text():
    r = render('<script>alert(1)</script>\n\n"><img src=x onerror=alert(1)>\n\n<iframe src="x">')
    page = ParsedPage(r.html)
    assert {t for t, _ in page.elements} == {"p"}
    assert "<script>alert(1)</script>" in page.text
    assert "onerror=alert(1)" in page.text


def test_only_web_and_mail_links_become_links():
    text = (
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](vbscript:x) "
        "[e](file:///etc/passwd) [f](https://ok.example/) [g](mailto:x@example.org) "
        "[h](../relative/) [i](//other.example/) <javascript:alert(1)> <https://auto.example/>"
    )
    r = render(text)
    hrefs = [a["href"] for a in ParsedPage(r.html).find("a")]
    assert hrefs == ["https://ok.example/", "mailto:x@example.org", "https://auto.example/"]


def test_pages_may_link_relatively_but_not_off_site():
    r = render("[a](../methodology/) [b](//evil.example/) [c](about.md)", relative_links=True)
    hrefs = [a["href"] for a in ParsedPage(r.html).find("a")]
    assert hrefs == ["../methodology/", "about.md"]


def test_relative_links_can_be_rewritten():
    r = render("[m](methodology.md#scale)", relative_links=True, rewrite_link=lambda h: "X" + h)
    assert 'href="Xmethodology.md#scale"' in r.html


def test_images_are_not_loaded():
    r = render("![a tracking pixel](https://tracker.example/p.gif)")
    page = ParsedPage(r.html)
    assert not page.find("img")
    assert page.find("a", href="https://tracker.example/p.gif")


def test_tables_and_strikethrough():
    r = render("| a | b |\n|---|:-:|\n| ~~x~~ | y |\n")
    page = ParsedPage(r.html)
    assert page.find("table") and page.find("s")


def test_headings_shift_and_get_ids():
    r = render("# Top\n\n## Context\n\n## Context\n", heading_shift=1, min_heading=3)
    assert [(h.level, h.id, h.text) for h in r.headings] == [
        (3, "top", "Top"),
        (3, "context", "Context"),
        (3, "context-1", "Context"),
    ]
    assert '<h3 id="context-1">Context</h3>' in r.html


def test_heading_ids_are_unique_and_leave_the_pages_own_alone():
    """ "Data", "Data", "Data 1" gave data-1 twice, and a heading "Sources" in a verdict took the
    id the citation links jump to."""
    r = render(
        "## Data\n\n## Data\n\n## Data 1\n\n## Sources\n\n## Data\n", reserved_ids={"sources"}
    )
    ids = [h.id for h in r.headings]
    assert ids == ["data", "data-1", "data-1-1", "sources-1", "data-2"]
    assert r.html.count('id="data-1"') == 1 and 'id="sources"' not in r.html


def test_control_characters_are_removed():
    assert strip_controls("a\x00b\x08c\x1bd\x7fe\x85f\ud800g\ufffeh\U0010ffffi\tj\nk") == (
        "abcdefghi\tj\nk"
    )
    assert has_controls("x\x00") and has_controls("é\x9f") and has_controls("\U0001fffe")
    assert not has_controls("plain é 😀 text\n")
    r = render("bad\x00char\x1b[31m")
    assert "\x00" not in r.html and "\x1b" not in r.html


def test_slugify():
    assert slugify("What we found!") == "what-we-found"
    assert slugify("Ça va?") == "ça-va"
    assert slugify("!!!") == "section"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<script>", "</script>", "<img src=x onerror=alert(1)>", "<iframe>", "javascript:",
                "[", "]", "(", ")", "<", ">", '"', "'", "&", "*", "_", "`", "\n", "\n\n", "|",
                "[@a]", "[[evil]]", "[x](", "![", "onclick=", "<a href=", "#", "> ", "- ", "1. ",
                "data:", "http://x.example/", " ", "text", "\\",
            ]
        ),
        max_size=40,
    ).map("".join)
)  # fmt: skip
def test_no_input_produces_markup_outside_the_allowed_set(text):
    for relative in (False, True):
        r = render(text, sources={"a"}, claims=CLAIMS, relative_links=relative)
        page = ParsedPage(r.html)
        for tag, attrs in page.elements:
            assert tag in ALLOWED_TAGS, (text, r.html)
            assert set(attrs) <= ALLOWED_ATTRS, (text, r.html)
            href = (attrs.get("href") or "").lower()
            assert not href.startswith(("javascript:", "data:", "vbscript:", "//")), (text, r.html)
        assert not page.scripts


@given(st.text(alphabet=st.characters(codec=None), max_size=60))
@settings(max_examples=400)
def test_has_controls_says_whether_strip_controls_changes_the_text(text):
    assert has_controls(text) == (strip_controls(text) != text)


def test_has_controls_finds_astral_noncharacters_among_other_astral_characters():
    assert not has_controls("emoji 😀 and U+103FE \U000103fe, whose UTF-16 ends like one")
    assert has_controls("emoji 😀 then \U0001fffe") and has_controls("é \U0010ffff")


def test_a_dead_link_with_a_space_or_an_accent_is_reported_where_it_is_written(tmp_path):
    """markdown-it gives such an address percent-encoded (our%20team.md), which is not in the
    text: the error pointed at the first column of the paragraph."""
    body = (
        "# About\n\n"
        "We check claims.\n"
        "Meet [the team](<our team.md>) and [our funders](über-uns.md).\n"
        "Read [the rules][rules] too.\n\n"
        "[rules]: <house rules.md>\n"
    )
    found = check(tmp_path, {"pages/about.md": body})
    assert [line.split(": error: links to ")[0] for line in found] == [
        "pages/about.md:4:18",
        "pages/about.md:4:50",
        "pages/about.md:7:11",
    ]
    # named as written, not as markdown-it encodes it (our%20team.md, %C3%BCber-uns.md)
    assert "links to 'our team.md'" in found[0] and "links to 'über-uns.md'" in found[1]
