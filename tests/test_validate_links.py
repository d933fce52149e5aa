"""Links in hand-written pages (content/pages/*.md) to places the site will not have.

A newsroom renames or deletes a claim, a person, a topic or a page, or rewrites a heading, and the
links to it in its hand-written pages lead readers to nothing. Each such link is an error at its
line and column, with the link to write instead when one is close. The last tests build the pages
with the real renderer and follow every link that validate accepts.
"""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from factories import SETTINGS
from test_validate import check, tree

from generator.link import link
from generator.render import page_url, render_pages
from generator.validate import validate

ABOUT = "pages/about.md"
TEAM = "# Our team\n\n## Who we are\n\nText.\n\n## How we work\n\nText.\n"
NOTHING = "so readers would find nothing there"


def links(tmp_path: Path, body: str, rel: str = ABOUT, **more: str) -> list[str]:
    """The problems of a tree whose page `rel` is `body`, with pages/team.md and `more`."""
    return check(tmp_path, {rel: body, "pages/team.md": TEAM, **more})


def test_a_link_to_a_renamed_claim_person_topic_rating_or_document(tmp_path):
    body = (
        "# About\n\n"
        "[a](../claims/bus-fare-doubled/) [b](../people/jane-do/)\n"
        "[c](../topics/transportation/) [d](../ratings/flase/)\n"
        "[e](/documents/council-meeting-2024-10-2/)\n"
    )
    assert links(tmp_path, body) == [
        f"{ABOUT}:3:5: error: links to '../claims/bus-fare-doubled/', but no claim "
        "'bus-fare-doubled' exists (claims/bus-fare-doubled.yaml not found), "
        f"{NOTHING}; did you mean '../claims/bus-fares-doubled/'?",
        f"{ABOUT}:3:38: error: links to '../people/jane-do/', but no person 'jane-do' exists "
        f"(people/jane-do.yaml not found), {NOTHING}; did you mean '../people/jane-doe/'?",
        f"{ABOUT}:4:5: error: links to '../topics/transportation/', but no topic "
        f"'transportation' exists (not in topics.yaml), {NOTHING}; did you mean "
        "'../topics/transport/'?",
        f"{ABOUT}:4:36: error: links to '../ratings/flase/', but no rating 'flase' exists (not "
        f"in ratings.yaml), {NOTHING}; did you mean '../ratings/false/'?",
        f"{ABOUT}:5:5: error: links to '/documents/council-meeting-2024-10-2/', but no "
        "document 'council-meeting-2024-10-2' exists (documents/council-meeting-2024-10-2.yaml "
        f"not found), {NOTHING}; did you mean '/documents/council-meeting-2024-10-24/'?",
    ]


def test_a_link_to_a_deleted_claim_has_no_suggestion_but_a_fix(tmp_path):
    found = links(tmp_path, "See [this](../claims/zzz-withdrawn-story/).\n")
    assert found == [
        f"{ABOUT}:1:12: error: links to '../claims/zzz-withdrawn-story/', but no claim "
        "'zzz-withdrawn-story' exists (claims/zzz-withdrawn-story.yaml not found), "
        f"{NOTHING}; link to a page that exists, or remove the link"
    ]


def test_free_form_topics_are_the_ones_claims_use(tmp_path):
    found = links(
        tmp_path, "[t](../topics/transport/) [u](../topics/trasport/)\n", **{"topics.yaml": None}
    )
    assert found == [
        f"{ABOUT}:1:31: error: links to '../topics/trasport/', but no claim has the topic "
        f"'trasport', {NOTHING}; did you mean '../topics/transport/'?"
    ]


def test_every_kind_of_address_the_site_has_passes(tmp_path):
    body = (
        "# About\n\n"
        "[1](../claims/bus-fares-doubled/) [2](/claims/bus-fares-doubled/) [3](../claims/)\n"
        "[4](../claims/page/2/) [5](../claims/bus-fares-doubled/#sources) [6](../feed.xml)\n"
        "[7](../data/claims.csv) [8](../assets/factcheck/factcheck.css) [9](../)\n"
        "[10](../topics/transport/feed.xml) [11](../team/) [12](../team) [13](../team/#who-we-are)\n"
        "[14](team.md#how-we-work) [15](#our-work) [16](../methodology/) [17](../sources/)\n"
        "[18](../corrections/) [19](../index.html) [20](../team/index.html) [21](./)\n"
        "[22](../ratings/false/) [23](../people/jane-doe/) [24](../documents/) [25](#)\n"
        "[26](../claims/bus-fares-doubled/embed/) [27](/) [28](mailto:desk@example.org)\n"
        "[29](https://example.org/claims/nothing/) [30](../claims/old-bus-fares/)\n"
        "\n## Our work\n"
    )
    redirects = "- from: old-bus-fares\n  to: bus-fares-doubled\n"
    assert links(tmp_path, body, **{"redirects.yaml": redirects}) == []


def test_a_link_written_from_the_wrong_folder_is_told_the_right_one(tmp_path):
    """Site addresses are read from the page's own address (/about/), not from the site's root;
    `.md` names from the page's file. The fix is written the way the link was."""
    body = (
        "[a](claims/bus-fares-doubled/) [b](about.html) [c](../team.html)\n"
        "[d](claims/bus-fare-doubled.md)\n"
    )
    assert links(tmp_path, body, rel="pages/team/alice.md", **{ABOUT: "# About\n"}) == [
        "pages/team/alice.md:1:5: error: links to 'claims/bus-fares-doubled/', which is not a "
        f"page of this site, {NOTHING}; did you mean '../../claims/bus-fares-doubled/'?",
        "pages/team/alice.md:1:36: error: links to 'about.html', but the site publishes its "
        f"pages as folders (about/, not about.html), so there is no such file, {NOTHING}; did "
        "you mean '../../about/'?",
        "pages/team/alice.md:1:52: error: links to '../team.html', but the site publishes its "
        f"pages as folders (about/, not about.html), so there is no such file, {NOTHING}; did "
        "you mean '../../team/'?",
        "pages/team/alice.md:2:5: error: links to 'claims/bus-fare-doubled.md', which is not a "
        f"page of this site, {NOTHING}; did you mean '../claims/bus-fares-doubled.md'?",
    ]


def test_a_section_introduction_reads_links_from_its_list_page(tmp_path):
    """pages/corrections.md is published at /corrections/, above the list of corrections: a site
    address is read from there, a file name from the file (render/pages._rewriter)."""
    body = (
        "# Corrections\n\n[a](submit.md) [b](../submit/) [c](../claims/bus-fares-doubled/)\n"
        "[d](claims/bus-fares-doubled/) [e](../Claims/bus-fares-doubled/) [f](#list)\n"
    )
    found = links(tmp_path, body, rel="pages/corrections.md", **{"pages/submit.md": "# Submit\n"})
    assert found == [
        "pages/corrections.md:4:5: error: links to 'claims/bus-fares-doubled/', which is not a "
        "page of this site: /corrections/ is one list, with no page for each entry, "
        f"{NOTHING}; did you mean '../claims/bus-fares-doubled/'?",
        "pages/corrections.md:4:36: error: links to '../Claims/bus-fares-doubled/', which is "
        f"not a page of this site, {NOTHING}; did you mean '../claims/bus-fares-doubled/'?",
    ]


def test_a_link_above_the_sites_root_leaves_a_site_published_under_a_folder(tmp_path):
    """The home page is the site's root: `../claims/x/` there is /claims/x/ on a domain of its
    own, and a page of another site on https://example.github.io/newsroom/."""
    found = links(tmp_path, "Read [one](../claims/bus-fares-doubled/).\n", rel="pages/index.md")
    assert found == [
        "pages/index.md:1:12: error: links to '../claims/bus-fares-doubled/', whose '..' goes "
        "above the site's root from this page (/), and off the site where it is published under "
        f"a folder, {NOTHING}; did you mean 'claims/bus-fares-doubled/'?"
    ]


def test_a_link_to_a_page_that_is_not_there(tmp_path):
    found = links(tmp_path, "[a](../teams/) [b](/search/) [c](../sources/x/)\n")
    assert found == [
        f"{ABOUT}:1:5: error: links to '../teams/', which is not a page of this site, "
        f"{NOTHING}; did you mean '../team/'?",
        f"{ABOUT}:1:20: error: links to '/search/', which is not a page of this site, "
        f"{NOTHING}; link to a page that exists, or remove the link",
        f"{ABOUT}:1:34: error: links to '../sources/x/', which is not a page of this site: "
        f"/sources/ is one list, with no page for each entry, {NOTHING}; did you mean "
        "'../sources/'?",
    ]


def test_a_heading_anchor_that_is_gone(tmp_path):
    """Anchors are made as the renderer makes them: the title line has none, and a second
    heading of the same text gets '-1'."""
    body = (
        "# About us\n\n## Data\n\nText.\n\n## Data\n\n"
        "[a](#about-us) [b](#data-1) [c](#data-2) [d](team.md#who-were-are) [e](../team/#Who)\n"
        "[f](../team/#who-we-are) [g](#dta)\n"
    )
    gone = "so the link leads to no heading"
    assert links(tmp_path, body) == [
        f"{ABOUT}:9:5: error: links to '#about-us', but this page has no heading with the "
        f"anchor 'about-us', {gone}; its headings' anchors are '#data', '#data-1'",
        f"{ABOUT}:9:33: error: links to '#data-2', but this page has no heading with the anchor "
        f"'data-2', {gone}; did you mean '#data-1'?",
        f"{ABOUT}:9:46: error: links to 'team.md#who-were-are', but pages/team.md has no "
        f"heading with the anchor 'who-were-are', {gone}; did you mean 'team.md#who-we-are'?",
        f"{ABOUT}:9:72: error: links to '../team/#Who', but pages/team.md has no heading with "
        f"the anchor 'Who', {gone}; its headings' anchors are '#how-we-work', '#who-we-are'",
        f"{ABOUT}:10:30: error: links to '#dta', but this page has no heading with the anchor "
        f"'dta', {gone}; did you mean '#data'?",
    ]


def test_the_generated_methodology_page_is_there_only_when_the_site_has_none(tmp_path):
    page = "---\nfactcheck: methodology\n---\n# Metodología\n"
    found = links(
        tmp_path, "[a](../methodology/) [b](methodology.md)\n", **{"pages/metodologia.md": page}
    )
    assert found == [
        f"{ABOUT}:1:5: error: links to '../methodology/', which is not a page of this site, "
        f"{NOTHING}; did you mean '../metodologia/'?"
    ]


def test_links_to_a_broken_file_are_not_a_second_error(tmp_path):
    """A claim whose file does not parse still has its page once it is fixed: said at the file."""
    found = links(
        tmp_path,
        "[a](../claims/bus-fares-doubled/)\n",
        **{"claims/bus-fares-doubled.yaml": "claim: [unclosed\n"},
    )
    assert not any(p.startswith(ABOUT) for p in found)


def test_many_dead_links_take_linear_time(tmp_path):
    """Every link is looked up in sets; suggestions are worked out once per address."""

    def cost(n: int) -> float:
        body = "".join(f"[x](../claims/gone-{i % 50}/) [y](#nothing-{i % 50})\n" for i in range(n))
        root = tree(tmp_path / str(n), {ABOUT: body})
        start = time.process_time()
        report = validate(root, display_prefix="")
        took = time.process_time() - start
        assert sum(p.path.endswith(ABOUT) for p in report.problems) == 2 * n
        return took

    small, large = cost(2000), cost(8000)
    assert large / small < 8, f"4x the links took {large / small:.1f}x the time"


# -- what validate accepts is what the renderer makes ----------------------------------------


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"])


def test_every_link_validate_accepts_leads_to_a_page_and_an_anchor_the_site_has(tmp_path):
    about = (
        "# About us\n\n## Data\n\n## Data\n\n## Ünïcode *and* `code` – dashes!\n\n"
        "[a](#data) [b](#data-1) [c](#ünïcode-and-code-dashes) [d](team.md#who-we-are)\n"
        "[e](../team/#how-we-work) [f](../claims/bus-fares-doubled/) [g](/people/jane-doe/)\n"
        "[h](../topics/transport/) [i](../ratings/false/) [j](../methodology/#rating-scale)\n"
        "[k](../documents/council-meeting-2024-10-24/) [l](alice/) [m](alice/#alice)\n"
    )
    alice = "# Alice\n\n## Alice\n\n[home](../../) [up](../#data) [team](../../team/#who-we-are)\n"
    root = tree(tmp_path, {ABOUT: about, "pages/team.md": TEAM, "pages/about/alice.md": alice})
    report = validate(root, display_prefix="")
    assert [str(p) for p in report.problems] == []
    assert report.content is not None
    pages = render_pages(link(report.content), SETTINGS)
    by_url = {"/" + page_url(path): page for path, page in pages.items()}
    followed = 0
    for url in ("/about/", "/about/alice/"):
        parsed = _Anchors()
        parsed.feed(by_url[url].body())
        for href in parsed.hrefs:
            target = urlsplit(urljoin("https://site.example" + url, href))
            if target.netloc != "site.example":
                continue
            assert target.path in by_url, (url, href)
            if target.fragment:
                there = _Anchors()
                there.feed(by_url[target.path].body())
                assert unquote(target.fragment) in there.ids, (url, href)
            followed += 1
    assert followed == 16


def test_dead_links_validate_reports_are_dead_in_the_rendered_site(tmp_path):
    """The other way round: each link reported leads to no page or no anchor of the site."""
    dead = "[a](#data-2) [b](../team/#who) [c](../claims/bus-fare-doubled/)"
    root = tree(tmp_path, {ABOUT: f"# About\n\n## Data\n\n{dead}\n", "pages/team.md": TEAM})
    found = [p for p in validate(root, display_prefix="").problems if p.path == ABOUT]
    assert [(p.line, p.col) for p in found] == [
        (5, 1 + m.end()) for m in re.finditer(r"\]\(", dead)
    ]
    # Built anyway, from the same tree with the links made harmless, to see where they lead.
    (root / ABOUT).write_text("# About\n\n## Data\n", encoding="utf-8")
    content = validate(root).content
    assert content is not None
    pages = render_pages(link(content), SETTINGS)
    by_url = {"/" + page_url(path): page for path, page in pages.items()}
    for href in re.findall(r"\]\(([^)]*)\)", dead):
        target = urlsplit(urljoin("https://site.example/about/", href))
        if target.path in by_url and target.fragment:
            there = _Anchors()
            there.feed(by_url[target.path].body())
            assert unquote(target.fragment) not in there.ids, href
        else:
            assert target.path not in by_url, href


def test_the_files_validate_knows_are_the_ones_the_build_writes():
    """validate keeps its own list (it imports no renderer, nor the feeds and exports): this
    keeps the two from drifting apart."""
    from generator import exports, feeds
    from generator.validate import SITE_FILES

    made = {feeds.MAIN_ATOM, feeds.MAIN_JSON}
    made |= {exports.CLAIMS_JSON, exports.CLAIMS_CSV, exports.CLAIMREVIEW_JSON}
    assert made <= SITE_FILES
    assert SITE_FILES - made == {"sitemap.xml", "sitemap.xml.gz", "404.html"}
