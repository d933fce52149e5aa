"""Reader pages (issue #15): contributor controls are off unless a site turns them on, and the claim
page's "Report an error" link goes to the channel the site configures."""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, urlsplit

from factories import SETTINGS, sample_site

from generator.render import render_pages

CLAIM = "claims/unemployment-doubled.md"
EDIT = "https://github.com/example/facts/edit/main/content/claims/unemployment-doubled.yaml"


def _claim_body(**changes) -> str:
    settings = dataclasses.replace(SETTINGS, **changes)
    return render_pages(sample_site(), settings, workers=0)[CLAIM].body()


def test_readers_get_no_edit_buttons_by_default():
    body = _claim_body()
    assert EDIT not in body
    assert "Edit this claim" not in body and "Edit the verdict" not in body
    assert "Report an error" in body


def test_contributor_controls_bring_the_edit_buttons_back():
    body = _claim_body(contributor_controls=True)
    assert EDIT in body
    assert "Edit this claim" in body and "Edit the verdict" in body
    people = render_pages(
        sample_site(), dataclasses.replace(SETTINGS, contributor_controls=True), workers=0
    )
    assert "Edit this entry" in people["people/jane-doe.md"].body()


def test_report_error_goes_to_the_configured_form():
    body = _claim_body(report_error_url="https://forms.example.org/errors")
    assert 'href="https://forms.example.org/errors"' in body
    assert "issues/new" not in body


def test_report_error_by_mail_carries_the_page_address():
    body = _claim_body(report_error_url="mailto:desk@example.org")
    start = body.index('href="mailto:desk@example.org?') + len('href="')
    href = body[start : body.index('"', start)].replace("&amp;", "&")
    query = parse_qs(urlsplit(href).query)
    assert query["subject"][0].startswith("Correction: ")
    assert "claims/unemployment-doubled/" in query["body"][0]


def test_no_repository_and_no_channel_means_no_report_link():
    body = _claim_body(repo_url=None, edit_base=None)
    assert "Report an error" not in body


def test_plugin_options_reach_the_settings(tmp_path):
    from mkdocs.config import load_config

    from generator.plugin import FactcheckConfig, settings_from_config

    yml = tmp_path / "mkdocs.yml"
    yml.write_text(
        "site_name: T\nrepo_url: https://github.com/o/r\ndocs_dir: docs\n", encoding="utf-8"
    )
    (tmp_path / "docs").mkdir()
    config = load_config(str(yml))
    options = FactcheckConfig()
    options.load_dict({"contributor_controls": True, "report_error_url": "mailto:x@example.org"})
    errors, _warnings = options.validate()
    assert not errors
    settings = settings_from_config(config, options)
    assert settings.contributor_controls is True
    assert settings.report_error_url == "mailto:x@example.org"
    defaults = FactcheckConfig()
    defaults.load_dict({})
    defaults.validate()
    plain = settings_from_config(config, defaults)
    assert plain.contributor_controls is False and plain.report_error_url is None
