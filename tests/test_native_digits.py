"""Citation markers and numbered lists in the page's own digits.

Persian, Egyptian Arabic, Bengali, Marathi, Nepali and Burmese pages write their numbers and dates
in their own digits, but a verdict's citation markers read [1], [2], their "Back to citation 1"
links said 1, and the list of sources (the browser's decimal counter) numbered them 1., 2.: a
Persian reader matched [1] in the text to "۱" nowhere. Now the marker, its source's number and the
back link are the same number in the page's digits; English pages are byte for byte as before.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from factories import MINI, REPO, write_config

from generator import i18n, markdown

VERDICT = "unemployment-doubled"
# Three sources cited in an order of their own, one twice, and an ordered list in the reasoning
# (starting at 3, with a list inside one item).
BODY = """\
The official series [@lfs] shows a rise from 4.1% to 5.3%. A broader measure [@broad] rose
more; the census [@census] agrees, and so does the series again [@lfs].

3. First step
4. Second step
   1. inner
   2. inner again
5. Third step

- a bullet
"""


def three_sources(tmp_path: Path) -> Path:
    """The small fixture content, its verdict citing a third source."""
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    path = content / "verdicts" / f"{VERDICT}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["body"] = BODY
    data["sources"].append(
        {"id": "census", "title": "Census 2021", "url": "https://data.example/census"}
    )
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return content


def build(tmp_path: Path, content: Path, language: str) -> Path:
    """A real build of `content` as a site in `language`; the folder it wrote."""
    config = write_config(tmp_path / language, content)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"]["language"] = language
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"].pop("locale", None)
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    out = tmp_path / language / "out"
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--content", str(content)]
        + ["--out", str(out), "--no-strict"],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def markers(page: str) -> list[str]:
    """The citation markers as the reasoning shows them, in order."""
    return re.findall(r'<sup class="fc-cite"><a [^>]*>\[([^\]]*)\]</a></sup>', page)


def sources(page: str) -> list[tuple[str, str]]:
    """(source id, the marker style of its list item) in the list of sources."""
    listed = page[page.index('<ol class="fc-sources">') :]
    listed = listed[: listed.index("</ol>")]
    return re.findall(r'<li id="source-([a-z0-9-]+)"(?: style="([^"]*)")?>', listed)


def test_markdown_writes_markers_and_list_numbers_in_the_digits_it_is_given():
    persian = i18n.messages("fa").number
    done = markdown.render(BODY, sources={"lfs", "broad", "census"}, number=persian)
    assert markers(done.html) == ["۱", "۲", "۳", "۱"]
    assert done.cited == ("lfs", "broad", "census")
    items = re.findall(r"<li( style=\"[^\"]*\")?>([^<\n]*)", done.html)
    assert items == [
        (" style=\"list-style-type: '۳. '\"", "First step"),
        (" style=\"list-style-type: '۴. '\"", "Second step"),
        # a list inside an ordered one is lettered by the theme, not numbered: left alone
        ("", "inner"),
        ("", "inner again"),
        (" style=\"list-style-type: '۵. '\"", "Third step"),
        ("", "a bullet"),
    ]
    assert '<ol start="3">' in done.html
    # Without it, or in a language with Latin digits, the markup is as it always was.
    for plain in (
        markdown.render(BODY, sources={"lfs", "broad", "census"}),
        markdown.render(
            BODY, sources={"lfs", "broad", "census"}, number=i18n.messages("en").number
        ),
    ):
        assert markers(plain.html) == ["1", "2", "3", "1"]
        assert "style=" not in plain.html


@pytest.mark.parametrize(
    ("tag", "digits"),
    [("ar-EG", "١٢٣"), ("bn", "১২৩"), ("mr", "१२३"), ("ne", "१२३"), ("my", "၁၂၃")],
)
def test_each_language_with_digits_of_its_own_gets_its_markers(tag, digits):
    done = markdown.render(
        BODY, sources={"lfs", "broad", "census"}, number=i18n.messages(tag).number
    )
    assert markers(done.html) == [digits[0], digits[1], digits[2], digits[0]]


def test_a_persian_site_numbers_its_sources_as_its_citations(tmp_path):
    content = three_sources(tmp_path)
    page = (build(tmp_path, content, "fa") / "claims" / VERDICT / "index.html").read_text("utf-8")
    assert markers(page) == ["۱", "۲", "۳", "۱"]
    # each marker leads to the source whose list number it shows
    links = re.findall(r'<sup class="fc-cite"><a href="#source-([a-z]+)"', page)
    assert links == ["lfs", "broad", "census", "lfs"]
    assert sources(page) == [
        ("lfs", "list-style-type: '۱. '"),
        ("broad", "list-style-type: '۲. '"),
        ("census", "list-style-type: '۳. '"),
    ]
    # the way back, and what a screen reader says for each marker
    assert 'aria-label="Back to citation ۱ (۱)"' in page
    assert 'aria-label="Back to citation ۱ (۲)"' in page
    assert 'aria-label="Back to citation ۳"' in page
    assert 'aria-label="Source ۳: Census 2021"' in page
    assert "Back to citation 1" not in page and ">[1]<" not in page
    # the reasoning's own numbered list too
    assert "<li style=\"list-style-type: '۳. '\">First step" in page


def test_an_english_site_keeps_latin_numbers_and_its_markup(tmp_path):
    content = three_sources(tmp_path)
    page = (build(tmp_path, content, "en") / "claims" / VERDICT / "index.html").read_text("utf-8")
    assert markers(page) == ["1", "2", "3", "1"]
    assert sources(page) == [("lfs", ""), ("broad", ""), ("census", "")]
    assert 'aria-label="Back to citation 1 (2)"' in page
    assert 'aria-label="Back to citation 3"' in page
    assert "list-style-type" not in page


def test_a_hand_written_pages_numbered_list_is_in_the_sites_digits(tmp_path):
    """About and methodology pages are Markdown too: their numbered lists counted 1. 2. on a
    Persian site whose every other number is ۱ ۲."""
    content = three_sources(tmp_path)
    pages = content / "pages"
    pages.mkdir(exist_ok=True)
    (pages / "about.md").write_text("# درباره ما\n\n1. یک\n2. دو\n", encoding="utf-8")
    page = (build(tmp_path, content, "fa") / "about" / "index.html").read_text("utf-8")
    items = re.findall(r"<li([^>]*)>(یک|دو)</li>", page)
    assert items == [
        (" style=\"list-style-type: '۱. '\"", "یک"),
        (" style=\"list-style-type: '۲. '\"", "دو"),
    ]


def test_list_numbers_are_digits_only_and_a_list_may_start_at_zero():
    """`Messages.number` groups thousands: an English "2019. Founded" list item got the marker
    "2,019. " (before, the browser wrote 2019.); and a list starting at 0 was counted from 1."""
    english = i18n.messages("en").digits
    done = markdown.render("2019. Founded\n2020. Grew\n", number=english)
    assert "style=" not in done.html and '<ol start="2019">' in done.html
    persian = i18n.messages("fa").digits
    zero = markdown.render("0. صفر\n1. یک\n", number=persian).html
    assert re.findall(r"list-style-type: '([^']*)'", zero) == ["۰. ", "۱. "]
    big = markdown.render("1234. هزار\n", number=persian).html
    assert "list-style-type: '۱۲۳۴. '" in big
    # A decimal placeholder is written as %.1f writes it, in the language's digits: no grouping.
    assert i18n.messages("en").gettext("%(x).1f") % {"x": 1234.5} == "1234.5"
    assert i18n.messages("de").gettext("%(x).1f") % {"x": 1234.5} == "1234,5"
