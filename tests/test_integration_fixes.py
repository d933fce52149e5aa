"""Small fixes made while integrating the helpers' work (each said what a user met)."""

from __future__ import annotations

from generator.render.pages import _rewriter


def test_a_page_link_python_cannot_split_is_kept_as_written():
    """`https://[zz::1]/` made urlsplit raise, so a build run without validate stopped with a
    ValueError traceback; validate names the link, and the page keeps it as written."""
    rewrite = _rewriter("about/index.md", "about.md")
    assert rewrite("https://[zz::1]/") == "https://[zz::1]/"
    assert rewrite("methodology.md#scale") == "../methodology/#scale"
