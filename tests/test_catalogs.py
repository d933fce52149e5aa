"""The message catalogs: complete for every shipped language, in step with the code, and used.

A string added to a template or to the Python without a translation fails here, naming the language
and the string; `make messages` merges new strings into every catalog for the translators.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.messages.pofile import read_po

from generator import catalogs, i18n

SHIPPED = ["ar", "de", "en", "es", "fr", "hi", "pt", "pt-PT", "uk"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def test_the_shipped_languages():
    assert i18n.shipped_languages() == SHIPPED


def test_the_template_is_in_step_with_the_code():
    written = (i18n.LOCALE_DIR / "messages.pot").read_text(encoding="utf-8")
    assert written == catalogs.po_text(catalogs.template()), "run `make messages`"


@pytest.mark.parametrize("language", [lang for lang in SHIPPED if lang != "en"])
def test_every_string_is_translated(language):
    path = i18n.LOCALE_DIR / language.replace("-", "_") / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    wanted = catalogs.template()
    problems = []
    for message in wanted:
        if not message.id:
            continue
        found = catalog.get(message.id)
        key = message.id if isinstance(message.id, str) else message.id[0]
        if found is None or found.fuzzy:
            problems.append(f"missing or fuzzy: {key!r}")
            continue
        strings = found.string if isinstance(found.string, tuple) else (found.string,)
        if not all(strings):
            problems.append(f"untranslated: {key!r}")
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = set(PLACEHOLDER.findall(" ".join(ids)))
        for s in strings:
            # A plural form may leave the number out ("one claim"), never add or rename one.
            got = set(PLACEHOLDER.findall(s))
            if not got <= expected or (not isinstance(message.id, tuple) and got != expected):
                problems.append(f"placeholders differ in {key!r}: {s!r}")
    assert not problems, f"{language}: " + "; ".join(problems)


def test_dates_and_directions_follow_the_language():
    day = dt.date(2026, 9, 1)
    assert i18n.messages("es").date(day) == "1 de septiembre de 2026"
    assert i18n.messages("en", "en_GB").date(day) == "1 September 2026"
    assert i18n.messages("de").date(day) == "1. September 2026"
    assert i18n.messages("ar").dir == "rtl"
    assert i18n.messages("uk").dir == "ltr"


def test_plurals_follow_each_languages_rules():
    uk = i18n.messages("uk")
    forms = {uk.ngettext("%(num)d claim found.", "%(num)d claims found.", n) for n in (1, 3, 5)}
    assert len(forms) == 3  # Ukrainian: one, few, many
    samples = i18n.plural_samples(i18n.messages("ar").locale)
    assert set(samples) == {"zero", "one", "two", "few", "many", "other"}


def test_a_regional_tag_uses_the_languages_catalog():
    assert i18n.messages("pt-BR").gettext("Under review") == i18n.messages("pt").gettext(
        "Under review"
    )
    assert i18n.messages("pt-BR").found


def test_an_unknown_language_falls_back_to_english_and_says_so():
    msgs = i18n.messages("xx")
    assert not msgs.found
    assert msgs.gettext("Under review") == "Under review"


def test_a_sites_own_catalog_wins_string_by_string(tmp_path):
    po = tmp_path / "es" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Under review"\nmsgstr "En verificación"\n',
        encoding="utf-8",
    )
    ours = i18n.messages("es")
    site = i18n.messages("es", None, (str(tmp_path),))
    assert site.gettext("Under review") == "En verificación"
    assert site.gettext("Rating:") == ours.gettext("Rating:")
