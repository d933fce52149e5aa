"""Speed-ups that must not change a byte: strings translated when a template is compiled
(render.core.FixedStrings), and the cached dates and percentages of i18n.Messages.

Each template here is rendered by a page environment (`make_env`) and by a plain Jinja environment
with only the i18n extension, as the page templates were rendered before: the two must agree, in
every language, with a site's own catalog, and where the template uses `_` for something else.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest

from generator import i18n
from generator.render.core import make_env, template_language

SNIPPETS = [
    '<h2>{{ _("Our verdict") }}</h2><p>{{ _("Topics:") }} a{{ _(", ") }}b</p>',
    # A literal in an expression: filtered, joined, in a condition, set to a variable.
    '{{ _("Our verdict") | upper }}|{{ _("Sources") ~ "!" }}|{{ _("History") if x else "no" }}',
    '{% set t = _("What we found") %}<b>{{ t }}</b>{{ t | length }}',
    # Single quotes, and calls that keep their values: placeholders, a plural.
    "{{ _('Our verdict') }} {{ _(\"said on %(date)s\", date=d) }} {{ ngettext('%(num)d claim', "
    "'%(num)d claims', n) }}",
    # A message with a percent sign written as %%, and markup in a translation's value.
    '{{ _("100%% sure") }} {{ _("%(date)s (estimated date)", date="<i>") }}',
    # `_` used for something else in the template: nothing is folded in it.
    '{% for _ in [1, 2] %}{{ _ }}{% endfor %}{{ gettext("Sources") }}',
    # A method called `_` is not the translation function.
    '{{ obj._("Our verdict") }}',
]


class _Obj:
    def _(self, message: str) -> str:
        return f"<method {message}>"


def _reference(messages: i18n.Messages, source: str, values: dict) -> str:
    """The template rendered as before: the i18n extension's newstyle gettext, no folding."""
    env = jinja2.Environment(
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(messages.gettext, messages.ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env.from_string(source).render({**template_language(messages), **values})


def _site_catalog(folder: Path) -> Path:
    po = folder / "de" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Our verdict"\nmsgstr "Unser Befund & Urteil"\n',
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("language", ["en", "de", "fr", "ar", "pt-PT"])
@pytest.mark.parametrize("snippet", range(len(SNIPPETS)))
def test_page_environment_renders_as_before(tmp_path: Path, language: str, snippet: int) -> None:
    messages = i18n.messages(language)
    source = SNIPPETS[snippet]
    (tmp_path / "factcheck").mkdir()
    (tmp_path / "factcheck" / "t.html").write_text(source, encoding="utf-8")
    env = make_env((str(tmp_path),), messages)
    values = {"x": True, "d": "1 May 2025", "n": 1234, "obj": _Obj()}
    got = env.get_template("factcheck/t.html").render({**template_language(messages), **values})
    assert got == _reference(messages, source, values)
    # Rendered without the per-page values (a partial: the environment's own gettext), the same.
    if "obj" not in source and "ngettext" not in source and "%(date)s" not in source:
        assert env.get_template("factcheck/t.html").render(**values) == _reference(
            messages, source, values
        )


def test_literal_strings_are_translated_once_when_compiled(tmp_path: Path) -> None:
    """The compiled claim page holds its fixed words as text: no call is left to make for them."""
    env = make_env((str(tmp_path),), i18n.messages("de"))
    source, filename, _ = env.loader.get_source(env, "factcheck/claim.html")  # type: ignore[union-attr]
    code = env.compile(source, "factcheck/claim.html", filename, raw=True)
    assert "Unser Urteil" in code  # "Our verdict", in German, as template text
    assert "'Our verdict'" not in code


def test_site_catalog_wins_in_compiled_strings(tmp_path: Path) -> None:
    """A site's own translation of a fixed word is the one compiled in, escaped as before."""
    folder = _site_catalog(tmp_path / "locale")
    messages = i18n.messages("de", None, (str(folder),))
    (tmp_path / "t" / "factcheck").mkdir(parents=True)
    source = '<h2>{{ _("Our verdict") }}</h2>{{ _("Sources") }}'
    (tmp_path / "t" / "factcheck" / "t.html").write_text(source, encoding="utf-8")
    env = make_env((str(tmp_path / "t"),), messages)
    got = env.get_template("factcheck/t.html").render(template_language(messages))
    assert got == "<h2>Unser Befund & Urteil</h2>Quellen"
    assert got == _reference(messages, source, {})


def test_a_message_that_fails_still_fails_when_rendered(tmp_path: Path) -> None:
    """A lone `%` (a template's mistake) is not folded: the page fails as it did, when rendered."""
    (tmp_path / "factcheck").mkdir()
    (tmp_path / "factcheck" / "t.html").write_text('{{ _("50% off") }}', encoding="utf-8")
    messages = i18n.messages("en")
    template = make_env((str(tmp_path),), messages).get_template("factcheck/t.html")
    with pytest.raises((TypeError, ValueError)):
        template.render(template_language(messages))


@pytest.mark.parametrize("language", ["en", "de", "ar", "hi", "uk"])
def test_cached_dates_and_percentages_read_as_babel_writes_them(language: str) -> None:
    from babel.dates import format_date
    from babel.numbers import format_percent

    messages = i18n.messages(language)
    for day in (dt.date(2026, 9, 1), dt.date(1999, 12, 31), dt.date(2026, 9, 1)):
        assert messages.date(day) == format_date(day, format="long", locale=messages.locale)
    for share in (0, 12.5, 45.49, 45.5, 100, 33.333):
        expected = format_percent(round(share) / 100, locale=messages.locale)
        assert messages.percent(share) == expected
    assert i18n.messages("en", "en_GB").date(dt.date(2026, 9, 1)) == "1 September 2026"
    assert i18n.messages("en").date(dt.date(2026, 9, 1)) == "September 1, 2026"
