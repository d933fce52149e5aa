"""Theme shells (generator/shells.py) in real mkdocs builds: the same bytes as rendering every page
through the theme, and most pages filled from a shell."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import shells
from tests.factories import synthetic_content, tree_digest, write_config


def _build(tmp: Path, content: Path) -> dict[str, str]:
    config = load_config(str(write_config(tmp, content)))
    mkdocs_build(config)
    return tree_digest(Path(config.site_dir))


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return synthetic_content(tmp_path_factory.mktemp("synth") / "content", 60, seed=5)


def test_shells_write_exactly_what_the_theme_writes(tmp_path, content, monkeypatch, caplog):
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.factcheck"):
        with_shells = _build(tmp_path / "shells", content)
    report = [r.getMessage() for r in caplog.records if "theme shells:" in r.getMessage()]
    assert len(report) == 1
    filled = int(report[0].split("theme shells: ")[1].split()[0])
    claim_pages = sum(1 for p in with_shells if p.startswith("claims/") and p.count("/") == 2)
    # Two pages of each shape are rendered by the theme as a check; the rest come from shells.
    assert filled > claim_pages / 2, report[0]

    monkeypatch.setenv("FACTCHECK_TEMPLATE_CACHE", "0")
    without = _build(tmp_path / "theme", content)
    assert with_shells == without


class _Page:
    def __init__(self, url: str, **meta: object) -> None:
        self.url, self.meta = url, dict(meta)
        self.title, self.content = "A claim", "<h1>A claim</h1><p>Body</p>"
        self.canonical_url = self.abs_url = self.edit_url = None
        self.toc, self.previous_page, self.next_page = [], None, None
        self.is_homepage, self.ancestors = False, []


def _render(template: str):
    def render(variables: dict) -> str:
        page = variables["page"]
        return template.format(title=page.title, description=page.meta.get("description", ""))

    return render


def test_a_theme_that_changes_a_value_gets_no_shell():
    """The theme escapes the title here: the shell would write it unescaped, so it is not used."""
    from html import escape

    def theme(variables: dict) -> str:
        return f"<title>{escape(variables['page'].title)}</title>"

    renderer = shells.Shells(theme)
    pages = [_Page(f"claims/c{i}/") for i in range(4)]
    for page in pages:
        page.title = f"Claim {len(page.url)} & more"
        assert renderer.render({"page": page}, in_nav=False) == theme({"page": page})
    assert renderer.filled == 0


def test_pages_of_one_shape_are_filled_after_two_checks():
    theme = _render("<title>{title}</title><meta content='{description}'>")
    renderer = shells.Shells(theme)
    pages = [_Page(f"claims/c{i}/", description=f"About claim {i}") for i in range(5)]
    for page in pages:
        page.title = f"Claim {page.url}"
        assert renderer.render({"page": page}, in_nav=False) == theme({"page": page})
    assert (renderer.filled, renderer.rendered) == (3, 2)


def test_an_empty_value_is_another_shape():
    """Themes branch on empty values (`{% if page.meta.description %}`), so shells never mix them."""
    assert shells.shape(_Page("claims/a/", description=""), False) != shells.shape(
        _Page("claims/b/", description="Set"), False
    )
    assert shells.shape(_Page("claims/a/", description="One"), False) == shells.shape(
        _Page("claims/b/", description="Another"), False
    )


def test_pages_in_the_navigation_or_elsewhere_are_rendered_by_the_theme():
    assert shells.shape(_Page("claims/a/"), in_nav=True) is None
    assert shells.shape(_Page("claims/"), in_nav=False) is None
    assert shells.shape(_Page("documents/a/b/"), in_nav=False) is None


def test_tidy_keeps_what_renders_and_preformatted_text():
    html = "<a>\n   x  \n\n <pre>  a\n   b</pre>\n  <script>a\n  b</script>  \n y <TEXTAREA>\n  t\n</TEXTAREA>"
    assert (
        shells.tidy(html)
        == "<a>\nx\n<pre>  a\n   b</pre>\n<script>a\n  b</script>\ny <TEXTAREA>\n  t\n</TEXTAREA>"
    )
    assert shells.tidy("a  b\tc") == "a  b\tc"  # runs without a line break stay


def test_squeezing_white_space_line_by_line_matches_the_rule():
    """One line break for each run of white space that holds one; other runs stay (a no-break
    space is meant, so it stays too)."""
    import random
    import re

    rule = re.compile(r"[ \t\r\f\v]*\n[ \t\n\r\f\v]*")
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("ab \t\n\r\f\v\u00a0") for _ in range(rng.randint(0, 30)))
        assert shells._squeeze(text) == rule.sub("\n", text), repr(text)


def test_a_page_is_tidied_around_its_content_not_inside_it():
    content = "<div class=poem>roses\n      are red</div>"
    page = (
        "<html>\n  <head>\n\n    <title>T</title>\n  </head>\n  <body>\n    "
        + content
        + "\n\n    </body>\n</html>\n"
    )
    assert shells.tidy_frame(page, content) == (
        "<html>\n<head>\n<title>T</title>\n</head>\n<body>\n" + content + "\n</body>\n</html>\n"
    )
    assert shells.tidy_frame(page, "not in the page") == page  # nothing to tell apart: untouched


def test_claim_pages_have_no_blank_or_indented_lines_outside_their_article(tmp_path, content):
    """Material's templates wrote about 1.1 KB of blank lines and indentation into every claim page."""
    config = load_config(str(write_config(tmp_path, content)))
    mkdocs_build(config)
    site = Path(config.site_dir)
    pages = sorted(site.glob("claims/*/index.html"))
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        start, end = html.index('<article class="md-content__inner'), html.rindex("</article>")
        for frame in (html[:start], html[end:]):
            text = shells._KEEP.sub("<kept/>", frame)  # <script>, <pre>... keep their own lines
            lines = text.split("\n")[1:]  # the first starts the file
            assert not [line for line in lines if line != line.lstrip()], path
            assert "" not in lines[:-1], path
        assert '<h2 id="verdict"' in html
