"""Issue #13: a site's own templates replace ours page by page, and its methodology page is the one."""

from __future__ import annotations

import dataclasses
import os

from factories import SETTINGS, ParsedPage, sample_site

from generator.render import render_pages
from generator.render.redirect import redirect_page

METODOLOGIA = "---\nfactcheck: methodology\n---\n# Metodología\n\nCómo trabajamos.\n"


def test_a_site_template_replaces_the_topic_page(tmp_path):
    (tmp_path / "factcheck").mkdir()
    (tmp_path / "factcheck" / "topic.html").write_text(
        '<div class="our-topic">{{ _("Claims") }}: {{ topic.label }} ({{ ids | length }})</div>\n'
    )
    settings = dataclasses.replace(SETTINGS, template_dirs=(str(tmp_path),))
    pages = render_pages(sample_site(), settings)
    assert pages["topics/economy.md"].html == '<div class="our-topic">Claims: Economy (2)</div>'
    # Every other page is still ours.
    assert 'class="fc-page fc-index"' in pages["topics/index.md"].html


def test_the_site_methodology_page_replaces_the_generated_one():
    # Named by the setting (plugin option methodology_page).
    settings = dataclasses.replace(SETTINGS, methodology_page="metodologia.md")
    site = sample_site(pages={"pages/metodologia.md": "# Metodología\n\nCómo trabajamos.\n"})
    pages = render_pages(site, settings)
    assert "methodology.md" not in pages
    assert "The rating scale" in pages["metodologia.md"].html
    ratings = ParsedPage(pages["ratings/index.md"].html)
    assert ratings.find("a", href="../metodologia/")
    # Marked in its front matter, with the default setting.
    pages = render_pages(sample_site(pages={"pages/metodologia.md": METODOLOGIA}), SETTINGS)
    assert "methodology.md" not in pages
    assert (2, "rating-scale", "The rating scale") in pages["metodologia.md"].toc
    # The starter's pages link `methodology.md`: that is the methodology page wherever it is, so a
    # newsroom that renames it keeps the links (they led to a missing /methodology/ before).
    site = sample_site(
        pages={
            "pages/metodologia.md": METODOLOGIA,
            "pages/submit.md": "# Submit\n\nSee [how we work](methodology.md#sources).\n",
            "pages/index.md": "Read [our method](methodology.md).\n",
        }
    )
    pages = render_pages(site, SETTINGS)
    assert ParsedPage(pages["submit.md"].html).find("a", href="../metodologia/#sources")
    assert ParsedPage(pages["index.md"].html).find("a", href="metodologia/")
    # None of its own: the generated one, with the scale.
    pages = render_pages(sample_site(pages={"pages/about.md": "# About\n\nUs.\n"}), SETTINGS)
    assert "The rating scale" in pages["methodology.md"].html
    assert ParsedPage(pages["ratings/index.md"].html).find("a", href="../methodology/")


def test_the_retired_address_page_is_a_template_in_the_site_language():
    html = redirect_page("old", "new-id", "A <b> title", SETTINGS)
    assert html.startswith('<!doctype html>\n<html lang="en" dir="ltr">')
    assert "<title>Moved: A &lt;b&gt; title</title>" in html
    assert (
        '<p>This fact check has moved to a new address:</p>\n<p><a href="../new-id/">A &lt;b&gt; title</a></p>'
        in html
    )
    assert '<link rel="canonical" href="https://facts.example.org/claims/new-id/">' in html


def test_feed_entries_speak_the_site_language():
    from generator import feeds

    site = sample_site()
    body = feeds.entry_html(site, SETTINGS, "unemployment-doubled")
    assert "<p><strong>Claim</strong> (Jane Doe, 1 March 2025): \u201c" in body
    assert "Read the full fact check</a></p>" in body
    assert "<strong>Correction</strong> (" in body


def test_a_preview_shows_a_site_template_edited_while_it_runs(tmp_path):
    """`serve` keeps one environment for all its rebuilds: it looks for edits (a build does not)."""
    template = tmp_path / "factcheck" / "topic.html"
    template.parent.mkdir()
    template.write_text('<div class="our-topic">{{ topic.label }}</div>\n')
    settings = dataclasses.replace(SETTINGS, template_dirs=(str(tmp_path),), reload_templates=True)
    assert render_pages(sample_site(), settings)["topics/economy.md"].html == (
        '<div class="our-topic">Economy</div>'
    )
    template.write_text('<p class="edited">{{ topic.label }}</p>\n')
    later = template.stat().st_mtime + 5
    os.utime(template, (later, later))
    assert render_pages(sample_site(), settings)["topics/economy.md"].html == (
        '<p class="edited">Economy</p>'
    )
