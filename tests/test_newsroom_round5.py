"""A newsroom making the site its own, and getting it wrong as people do: its catalog (locale_dir)
with placeholders dropped or renamed, plural forms its header does not count, a broken plural rule,
another charset, a fuzzy entry, markup, a folder named as the tag is written; its copies of our
templates (theme.custom_dir) with a syntax error, blocks left out, or a name we no longer use. Each
is said at its file and line with the fix, all in one run, and nothing half-built is published."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import i18n, siteconfig
from generator.catalogs import po_problems, site_catalog_problems
from generator.cli import main

THEME = Path(i18n.__file__).parent / "theme"
HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)
CLAIM = (
    'claim: "C"\nclaimant: p\ndate: 2026-03-01\nappearances:\n  - url: "https://example.org/c"\n'
    '    title: "T"\n'
)
VERDICT = (
    'claim: c\nrating: false\nsummary: "S"\nbody: "B [@s]"\nsources:\n  - id: s\n'
    '    title: "S"\n    url: "https://example.org/s"\nauthors: [p]\npublished: 2026-03-02\n'
)


def said(text: str, tmp_path: Path, folder: str = "es") -> list[str]:
    po = tmp_path / folder / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(text, "utf-8")
    return [str(p) for p in po_problems(po, "x.po")]


def words(tmp_path: Path, language: str) -> i18n.Messages:
    i18n.messages.cache_clear()
    return i18n.messages(language, None, (str(tmp_path),))


@pytest.fixture(autouse=True)
def _fresh_catalogs():
    yield
    i18n.messages.cache_clear()


# -- the site's own catalog -----------------------------------------------------------------


def test_a_placeholder_left_out_or_written_in_braces_is_an_error_at_its_line(tmp_path):
    """ "Checked, %(date)s" as "Verificado" lost the date on every page, and "{date}" showed as
    typed: both built without a word."""
    assert said(
        HEADER + 'msgid "Checked, %(date)s"\nmsgstr "Verificado"\n\n'
        'msgid "%(name)s, %(date)s"\nmsgstr "{name}, %(date)s"\n\n'
        'msgid "%(num)d claim"\nmsgid_plural "%(num)d claims"\nmsgstr[0] "%(num)s afirmación"\n'
        'msgstr[1] "%(num)d afirmaciones"\n\n'
        'msgid "Checked on %(date)s"\nmsgstr "Verificado el %(date)d"\n\n'
        'msgid "%(claim)s — %(rating)s"\nmsgstr "%(claim)s"\n',
        tmp_path,
    ) == [
        "x.po:7:1: error: msgstr leaves out %(date)s of its msgid, so readers would not see it: "
        "put %(date)s where the sentence needs it",
        "x.po:10:1: error: msgstr has {name}, which is not filled in here: write %(name)s",
        "x.po:18:1: error: msgstr writes %(date)d where its msgid has %(date)s: write %(date)s",
        "x.po:21:1: error: msgstr leaves out %(rating)s of its msgid, so readers would not see "
        "it: put %(rating)s where the sentence needs it",
    ]


def test_a_plural_form_may_leave_its_number_out_but_not_the_rest(tmp_path):
    """Arabic and others write "one claim" without the 1: fine. A name is not a number."""
    assert said(
        HEADER + 'msgid "%(num)d claim"\nmsgid_plural "%(num)d claims"\n'
        'msgstr[0] "una afirmación"\nmsgstr[1] "%(num)d afirmaciones"\n\n'
        'msgid "%(kind)s on %(date)s, with %(num)d checked claim."\n'
        'msgid_plural "%(kind)s on %(date)s, with %(num)d checked claims."\n'
        'msgstr[0] "%(kind)s, con una afirmación."\nmsgstr[1] "%(kind)s del %(date)s, con '
        '%(num)d."\n',
        tmp_path,
    ) == [
        "x.po:13:1: error: msgstr[0] leaves out %(date)s of its msgid, so readers would not see "
        "it: put %(date)s where the sentence needs it"
    ]


def test_plural_forms_are_counted_as_the_header_says(tmp_path):
    """Two forms under nplurals=3 showed English for 5, 6, 7...; a plain msgstr for a plural."""
    header = HEADER.replace("(n != 1);", "(n==1 ? 0 : n==2 ? 1 : 2);")
    assert said(header, tmp_path) == [
        "x.po:4:1: error: Plural-Forms 'nplurals=2; plural=(n==1 ? 0 : n==2 ? 1 : 2);' gives form "
        '2 for some numbers, but nplurals=2 means forms 0 to 1: write "Plural-Forms: nplurals=3; '
        "plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);\\n\" (CLDR's rule for es)"
    ]
    header = header.replace("nplurals=2", "nplurals=3")
    assert said(
        header + 'msgid "%(num)d claim"\nmsgid_plural "%(num)d claims"\n'
        'msgstr[0] "%(num)d a"\nmsgstr[1] "%(num)d b"\n\n'
        'msgid "%(num)d document"\nmsgid_plural "%(num)d documents"\nmsgstr "%(num)d d"\n',
        tmp_path,
    ) == [
        'x.po:6:1: error: msgid "%(num)d claim" has 2 plural forms and the catalog\'s '
        "Plural-Forms says 3, so some numbers would show other words: add msgstr[2]",
        "x.po:13:1: error: msgid_plural needs its forms as msgstr[0], msgstr[1], msgstr[2], "
        "not msgstr",
    ]


def test_a_broken_plural_rule_is_said_with_the_languages_rule(tmp_path):
    """Every command stopped with "ValueError: unbalanced parenthesis in plural form"."""
    text = HEADER.replace("(n != 1);", "(n != 1;") + 'msgid "Sources"\nmsgstr "Fuentes"\n'
    assert said(text, tmp_path, "uk") == [
        "x.po:4:1: error: Plural-Forms 'nplurals=2; plural=(n != 1;' has a rule that cannot be "
        'read (unbalanced parenthesis in plural form): write "Plural-Forms: nplurals=3; '
        "plural=n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 "
        "|| n % 100 > 14) ? 1 : 2;\\n\" (CLDR's rule for uk)"
    ]
    with pytest.raises(i18n.UsageProblem, match=r"messages\.po:4:1: error: Plural-Forms"):
        words(tmp_path, "uk")


def test_a_catalog_without_a_plural_rule_counts_its_languages_forms(tmp_path):
    """No Plural-Forms header: gettext's two forms put "5 перевірки" (few) where "5 перевірок"
    (many) belongs. The header is optional; its language's CLDR rule is used."""
    po = tmp_path / "uk" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid "%(num)d fact check"\nmsgid_plural "%(num)d fact checks"\n'
        'msgstr[0] "%(num)d перевірка"\nmsgstr[1] "%(num)d перевірки"\n'
        'msgstr[2] "%(num)d перевірок"\n',
        "utf-8",
    )
    assert po_problems(po) == []
    said = words(tmp_path, "uk")
    got = [
        said.ngettext("%(num)d fact check", "%(num)d fact checks", n) % {"num": n}
        for n in (1, 3, 5)
    ]
    assert got == ["1 перевірка", "3 перевірки", "5 перевірок"]


def test_another_charset_is_refused_and_never_garbles_a_page(tmp_path):
    """UTF-8 text under charset=ISO-8859-1 put "ConclusiÃ³n" on every claim page."""
    text = HEADER.replace("UTF-8", "ISO-8859-1") + 'msgid "What we found"\nmsgstr "Conclusión"\n'
    assert said(text, tmp_path) == [
        "x.po:3:1: error: the header says charset=ISO-8859-1, but a catalog is read as UTF-8: "
        'save the file as UTF-8 and write "Content-Type: text/plain; charset=UTF-8\\n"'
    ]
    assert words(tmp_path, "es").gettext("What we found") == "Conclusión"


def test_latin1_bytes_are_said_with_the_others_in_one_run(tmp_path):
    po = tmp_path / "es" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(
        (
            HEADER
            + 'msgid "What we found"\nmsgstr "Conclusión"\n\nmsgid "Sources"\nmsgstr "Fuentes'
            '\n\nmsgid "Topics"\nmsgstr "Temas Ñ"\n'
        ).encode("latin-1")
    )
    assert [str(p) for p in po_problems(po, "x.po")] == [
        "x.po:7:17: error: this line is not UTF-8 text (and 1 more line): a catalog is read as "
        "UTF-8, so save the file as UTF-8 (in most editors: Save with encoding, UTF-8)",
        "x.po:10:8: error: msgstr's string is not closed: end it with a double quote (\") on the "
        'same line, and write a double quote inside it as \\"',
    ]


def test_markup_a_translation_adds_is_refused_and_never_reaches_a_page(tmp_path):
    """Templates take a translation as HTML: a catalog's <img onerror> ran on every claim page.
    The msgid's own link may stay, and `<same id>` about a file name is text."""
    assert said(
        HEADER + 'msgid "What we found"\nmsgstr "<img src=x onerror=alert(1)>Conclusión"\n\n'
        'msgid "<a href=\\"%(url)s\\">Read the full fact check</a>"\n'
        'msgstr "<a href=\\"%(url)s\\" onclick=\\"x()\\">Lee</a>"\n\n'
        'msgid "Verdict"\nmsgstr "Veredicto <!-- x"\n\n'
        'msgid "One claim as it was made. Its verdict lives in verdicts/<same id>.yaml."\n'
        'msgstr "Una afirmación. Su veredicto está en verdicts/<el mismo id>.yaml."\n\n'
        'msgid "<strong>Verdict: %(rating)s.</strong> %(summary)s"\n'
        'msgstr "<strong>Veredicto: %(rating)s.</strong> %(summary)s"\n',
        tmp_path,
    ) == [
        "x.po:7:1: error: msgstr has the markup <img src=x onerror=alert(1)>, which its msgid "
        "does not have: pages would run it as HTML; write the text without it",
        'x.po:10:1: error: msgstr has the markup <a href="%(url)s" onclick="x()">, which its '
        "msgid does not have: pages would run it as HTML; write the text without it",
        "x.po:13:1: error: msgstr has the markup <!-- x, which its msgid does not have: pages "
        "would run it as HTML; write the text without it",
    ]
    # Read anyway (a command that does not check first): the entry is left out, ours is shown.
    shown = words(tmp_path, "es").gettext("What we found")
    assert "<" not in shown and shown == i18n.messages("es").gettext("What we found")


def test_a_fuzzy_entry_says_why_its_words_are_not_shown(tmp_path):
    assert said(
        HEADER + '#, fuzzy, python-format\nmsgid "What we found"\nmsgstr "Lo nuestro"\n', tmp_path
    ) == [
        'x.po:6:1: warning: msgid "What we found" is marked fuzzy, so it is not used: readers '
        "see the package's words (or English) instead; check its msgstr, then remove fuzzy "
        "from this line"
    ]
    # pybabel init marks the header fuzzy: nothing to say about it.
    assert said("#, fuzzy\n" + HEADER + 'msgid "Sources"\nmsgstr "Fuentes"\n', tmp_path) == []


@pytest.mark.parametrize(
    ("tag", "folder"),
    [
        ("pt-BR", "pt-BR"),
        ("pt-BR", "pt_br"),
        ("zh-Hant-TW", "zh-Hant-TW"),
        ("zh-Hant-TW", "zh_hant_tw"),
    ],
)
def test_a_catalog_folder_named_as_the_tag_is_written_is_used(tmp_path, tag, folder):
    """locale/pt-BR/ was passed over for the package's European Portuguese, without a word."""
    po = tmp_path / folder / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "What we found"\nmsgstr "O que apuramos aqui"\n', "utf-8")
    assert words(tmp_path, tag).gettext("What we found") == "O que apuramos aqui"


def test_a_compiled_catalog_alone_is_named(tmp_path):
    """A newsroom that committed messages.mo only got English pages and "no catalog"."""
    mo = tmp_path / "sw" / "LC_MESSAGES" / "messages.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(b"\xde\x12\x04\x95")
    assert [str(p) for p in site_catalog_problems([str(tmp_path)])] == [
        f"{mo}:1:1: warning: a compiled catalog is not read: the site's words are read from "
        "messages.po, so put the .po it was compiled from beside it"
    ]


def test_every_mistake_of_a_catalog_stops_the_build_in_one_run(tmp_path, monkeypatch, capsys):
    """Before, the first two built (a page without its date, a page running the markup) and the
    third stopped the build with a traceback."""
    site = tmp_path / "desk"
    init = ["init", str(site), "--name", "Desk", "--url", "https://example.org/"]
    assert main([*init, "--language", "es"]) == 0
    content = site / "content"
    (content / "people" / "p.yaml").write_text('name: "P"\nkind: person\n', "utf-8")
    (content / "claims" / "c.yaml").write_text(CLAIM, "utf-8")
    (content / "verdicts" / "c.yaml").write_text(VERDICT, "utf-8")
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "      content_dir: content\n", "      content_dir: content\n      locale_dir: locale\n"
        ),
        "utf-8",
    )
    po = site / "locale" / "es" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        HEADER + 'msgid "Checked, %(date)s"\nmsgstr "Verificado"\n\n'
        'msgid "What we found"\nmsgstr "<script>alert(1)</script>Conclusión"\n',
        "utf-8",
    )
    monkeypatch.chdir(site)
    shown = "locale/es/LC_MESSAGES/messages.po"
    expected = [
        f"{shown}:7:1: error: msgstr leaves out %(date)s of its msgid",
        f"{shown}:10:1: error: msgstr has the markup <script>",
    ]
    for command in (["validate"], ["build", "--no-search", "--out", str(tmp_path / "out")]):
        capsys.readouterr()
        assert main(command) == 1, command
        out = capsys.readouterr()
        for line in expected:
            assert line in out.out + out.err, (command, line)
    assert not (tmp_path / "out").exists()


# -- the site's copies of our templates -------------------------------------------------------


def overrides(tmp_path: Path, files: dict[str, str]) -> Path:
    """A mkdocs.yml with theme.custom_dir: overrides, and these files in it."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\ntheme:\n  name: material\n  custom_dir: overrides\n", "utf-8")
    for name, text in files.items():
        path = tmp_path / "overrides" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return config


def template_said(config: Path) -> list[str]:
    return [str(p) for p in siteconfig.template_problems(config)]


def test_every_template_syntax_error_is_said_in_one_run(tmp_path, monkeypatch):
    """The build stopped on the first, with Jinja's words only; validate said nothing."""
    claim = (THEME / "factcheck" / "claim.html").read_text("utf-8")
    monkeypatch.chdir(tmp_path)
    config = overrides(
        tmp_path,
        {
            "factcheck/claim.html": claim.replace(
                '<h2 id="verdict"', '{{ foo( }}<h2 id="verdict"', 1
            ),
            "main.html": '{% extends "base.html" %}\n{% block extrahead %}{% if x %}{% endblock %}\n',
        },
    )
    line = claim[: claim.index('<h2 id="verdict"')].count("\n") + 1
    assert template_said(config) == [
        f"overrides/factcheck/claim.html:{line}:1: error: unexpected '}}', expected ')': the "
        f"template cannot be read; compare it with the package's {THEME / 'factcheck/claim.html'}, "
        "or remove it to use the package's",
        "overrides/main.html:2:1: error: Encountered unknown tag 'endblock'. You probably made a "
        "nesting mistake. Jinja is expecting this tag, but currently looking for 'elif' or 'else' "
        "or 'endif'. The innermost block that needs to be closed is 'if': the template cannot be "
        f"read; compare it with the package's {THEME / 'main.html'}, or remove it to use the "
        "package's",
    ]


def test_blocks_left_out_of_a_copy_are_named_with_the_fix(tmp_path, monkeypatch):
    """A main.html written from Material's docs ("extends base.html, block extrahead") dropped
    every page's ClaimReview data; an older claim.html lost the language switcher. Nothing said."""
    claim = (THEME / "factcheck" / "claim.html").read_text("utf-8")
    start, end = claim.index("{% block languages %}"), claim.index("{% block topics %}")
    monkeypatch.chdir(tmp_path)
    config = overrides(
        tmp_path,
        {
            "main.html": '{% extends "base.html" %}\n{% block extrahead %}{{ super() }}'
            "<script src=/stats.js></script>{% endblock %}\n",
            "factcheck/claim.html": claim[:start] + claim[end:],
        },
    )
    said = template_said(config)
    assert len(said) == 2
    assert said[0].startswith(
        "overrides/factcheck/claim.html:1:1: warning: this copy of the package's "
        "factcheck/claim.html leaves out its block languages, so the pages built with it go "
        f"without them (an older version's copy, or one started from Material's): copy them from "
        f"{THEME / 'factcheck/claim.html'}, or keep an empty {{% block name %}}{{% endblock %}}"
    )
    assert said[1].startswith(
        "overrides/main.html:1:1: warning: this copy of the package's main.html"
    )
    assert "the ClaimReview data (partials/fc-head.html in block extrahead)" in said[1]
    assert "block site_meta" in said[1] and "block extrahead," not in said[1]
    # Left out on purpose, or extending ours: nothing to say.
    (tmp_path / "overrides/factcheck/claim.html").write_text(
        claim[:start] + "{% block languages %}{% endblock %}\n" + claim[end:], "utf-8"
    )
    (tmp_path / "overrides/main.html").unlink()
    assert template_said(config) == []
    (tmp_path / "overrides/factcheck/claim.html").write_text(
        '{% extends "theme/factcheck/claim.html" %}{% block share %}{% endblock %}', "utf-8"
    )
    assert template_said(config) == []


def test_a_page_template_the_package_no_longer_has_is_named(tmp_path, monkeypatch):
    """overrides/factcheck/people.html (ours is people_index.html) was never used, silently; a
    partial of the site's own that its claim.html includes is fine."""
    monkeypatch.chdir(tmp_path)
    config = overrides(
        tmp_path,
        {
            "factcheck/people.html": "<p>ours</p>",
            "factcheck/partials/desk_box.html": "<p>box</p>",
            "factcheck/topic.html": '{% include "factcheck/partials/desk_box.html" %}',
        },
    )
    assert template_said(config) == [
        "overrides/factcheck/people.html:1:1: warning: factcheck/people.html replaces no template "
        "of the package (it has none by that name: perhaps it was renamed since this copy was "
        "made), and no template of the site's uses it, so it is never used: rename it to the one "
        "it should replace (factcheck/people_index.html), or remove it"
    ]


def test_a_full_copy_of_our_theme_has_nothing_to_say(tmp_path):
    config = overrides(tmp_path, {})
    shutil.rmtree(tmp_path / "overrides", ignore_errors=True)
    shutil.copytree(THEME, tmp_path / "overrides")
    assert template_said(config) == []


def test_an_error_while_rendering_a_copy_says_where_the_original_is():
    """ "'verdict_old' is undefined" at the copy's line, and nothing about an older copy."""
    copy = "/srv/desk/overrides/factcheck/claim.html"
    assert siteconfig.override_hint(copy) == (
        " (in the site's copy of the package's factcheck/claim.html, which may be from an older "
        f"version: compare it with {THEME / 'factcheck/claim.html'}, or remove it to use the "
        "package's)"
    )
    assert siteconfig.override_hint(str(THEME / "factcheck" / "claim.html")) == ""
    assert siteconfig.override_hint("/srv/desk/overrides/factcheck/desk_box.html") == ""


def test_validate_and_build_name_every_broken_override_and_build_nothing(
    tmp_path, monkeypatch, capsys
):
    """A started site whose overrides hold two broken copies: validate and build each name both,
    with their lines, and the build writes nothing."""
    site = tmp_path / "desk"
    init = ["init", str(site), "--name", "Desk", "--url", "https://example.org/"]
    assert main(init) == 0
    config = site / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("\ntheme:\n", "\ntheme:\n  custom_dir: overrides\n", 1), "utf-8")
    claim = (THEME / "factcheck" / "claim.html").read_text("utf-8")
    broken = {
        "factcheck/claim.html": claim.replace('<h2 id="verdict"', '{{ foo( }}<h2 id="verdict"', 1),
        "partials/footer.html": "{% if x %}\n<footer></footer>\n",
    }
    for name, body in broken.items():
        path = site / "overrides" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, "utf-8")
    line = claim[: claim.index('<h2 id="verdict"')].count("\n") + 1
    expected = [
        f"overrides/factcheck/claim.html:{line}:1: error: unexpected '}}'",
        "overrides/partials/footer.html:",
    ]
    monkeypatch.chdir(site)
    for command in (["validate"], ["build", "--no-search", "--out", str(tmp_path / "out")]):
        capsys.readouterr()
        assert main(command) == 1, command
        out = capsys.readouterr()
        for start in expected:
            assert any(line.startswith(start) for line in (out.out + out.err).splitlines()), (
                command,
                start,
                out.out + out.err,
            )
    assert not (tmp_path / "out").exists()


def test_a_plural_rule_that_divides_by_zero_is_said_at_its_line(tmp_path):
    """`plural=n%0` stopped validate and build with a ZeroDivisionError traceback."""
    text = HEADER.replace("plural=(n != 1);", "plural=n%0;") + 'msgid "Sources"\nmsgstr "Fuentes"\n'
    found = said(text, tmp_path)
    assert len(found) == 1 and found[0].startswith("x.po:4:1: error: Plural-Forms")
    assert "cannot be computed for every number" in found[0]
