"""Theme shells for the later pages of long lists (claims/page/3/, people/x/page/2/...): filled from
a shell like claim pages, with exactly the bytes the theme writes (generator/shells.py)."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import shells
from tests.factories import synthetic_content, tree_digest, write_config

_LATER = re.compile(r"(.+/)?page/[0-9]+/$")


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return synthetic_content(tmp_path_factory.mktemp("synth") / "content", 40, seed=11)


def _build(tmp: Path, content: Path, language: str, monkeypatch) -> tuple[dict[str, str], list]:
    """The site's files, and the address of each page the shells filled."""
    path = write_config(tmp, content)
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["theme"]["language"] = language
    for p in config["plugins"]:
        if isinstance(p, dict) and "factcheck" in p:
            p["factcheck"]["page_size"] = 3  # many later pages: claims, ratings, topics, people
            p["factcheck"].pop("locale", None)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    filled: list[str] = []
    render = shells.Shells.render

    def spy(self, variables, in_nav):
        before = self.filled
        html = render(self, variables, in_nav)
        if self.filled > before:
            filled.append(variables["page"].url)
        return html

    monkeypatch.setattr(shells.Shells, "render", spy)
    cfg = load_config(str(path))
    mkdocs_build(cfg)
    monkeypatch.undo()
    return tree_digest(Path(cfg.site_dir)), filled


@pytest.mark.parametrize("language", ["en", "ar"])
def test_later_pages_of_lists_are_filled_with_the_bytes_the_theme_writes(
    tmp_path, content, language, monkeypatch
):
    site, filled = _build(tmp_path / "shells", content, language, monkeypatch)
    later = [p[: -len("index.html")] for p in site if _LATER.match(p.removesuffix("index.html"))]
    assert len(later) > 20
    filled_later = [u for u in filled if _LATER.match(u)]
    # Two pages of each shape are rendered by the theme as its check; the rest come from shells.
    # /claims/ has two shapes of later pages: with a next page, and the last one.
    claims = [u for u in later if u.startswith("claims/page/")]
    assert len(claims) >= 8
    assert len([u for u in filled_later if u.startswith("claims/page/")]) == len(claims) - 3
    assert any(re.match(r"(people|topics|ratings)/[^/]+/page/", u) for u in filled_later)
    if language == "ar":
        page = (tmp_path / "shells" / "site" / filled_later[0] / "index.html").read_text("utf-8")
        assert 'dir="rtl"' in page

    monkeypatch.setenv("FACTCHECK_TEMPLATE_CACHE", "0")
    without, _ = _build(tmp_path / "theme", content, language, monkeypatch)
    assert site == without


class _Page:
    def __init__(self, url: str, number: int, count: int = 9) -> None:
        self.url = url
        self.title = self.content = f"Claims (page {number} of {count})"
        self.canonical_url = self.abs_url = self.edit_url = None
        self.toc, self.previous_page, self.next_page = [], None, None
        self.is_homepage, self.ancestors = False, []
        prev = f"https://x.example/{url.rsplit('page/', 1)[0]}"
        after = f"https://x.example/{url.rsplit('page/', 1)[0]}page/{number + 1}/"
        pagination = {"number": number, "count": count, "prev": prev, "next": after}
        if number == count:
            pagination["next"] = None
        self.meta = {"title": self.title, "pagination": pagination}


def test_a_list_page_number_does_not_make_a_shape_of_its_own():
    shape = shells.shape
    assert shape(_Page("claims/page/2/", 2), False) == shape(_Page("claims/page/7/", 7), False)
    assert shape(_Page("people/a/page/2/", 2), False) == shape(
        _Page("people/b/page/5/", 5, count=6), False
    )
    # the last page has no next page: another shape, as is another section or depth
    assert shape(_Page("claims/page/9/", 9), False) != shape(_Page("claims/page/8/", 8), False)
    assert shape(_Page("claims/page/2/", 2), False) != shape(_Page("sources/page/2/", 2), False)
    assert shape(_Page("claims/page/2/", 2), False) != shape(_Page("people/a/page/2/", 2), False)
    assert shape(_Page("claims/page/2/", 2), True) is None  # in the navigation
    assert shape(_Page("documents/a/text/page/2/", 2), False) is None


_THEME = '<link rel="next" href="{{ page.meta.pagination.next }}"><h1>{{ page.title }}</h1>'


@pytest.mark.parametrize(
    "uses_number",
    [
        "<p>{{ page.meta.pagination.number }}</p>",
        "{% if page.meta.pagination.number > 4 %}<p>far</p>{% endif %}",
        "{% if page.meta.pagination.count %}<p>some</p>{% endif %}",
        "<script>{{ page.meta.pagination | tojson }}</script>",
        "<p>{{ page.meta.pagination.number + 1 }}</p>",
    ],
)
def test_a_theme_that_uses_the_page_number_gets_no_shell(uses_number):
    """Page numbers are not in a shape, so a theme that writes or tests one renders every page."""
    template = jinja2.Environment().from_string(_THEME + uses_number)
    renderer = shells.Shells(template.render)
    for n in range(2, 9):
        page = _Page(f"claims/page/{n}/", n)
        assert renderer.render({"page": page}, in_nav=False) == template.render(page=page)
    assert renderer.filled == 0


def test_a_theme_that_does_not_use_it_fills_every_later_page_after_two_checks():
    template = jinja2.Environment().from_string(_THEME)
    renderer = shells.Shells(template.render)
    for n in range(2, 9):
        page = _Page(f"claims/page/{n}/", n)
        assert renderer.render({"page": page}, in_nav=False) == template.render(page=page)
    assert (renderer.filled, renderer.rendered) == (5, 2)
