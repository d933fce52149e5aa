"""The site's language (mkdocs.yml theme.language): a tag written wrongly is placed in mkdocs.yml
by validate and build, and a regional tag the theme has no words for takes its language's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from factories import MINI, write_config


def _project(tmp_path: Path, language: object) -> Path:
    config = write_config(tmp_path, MINI)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"]["language"] = language
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"].pop("locale", None)
    # Lists of plain values in flow style: `language: [es]` stays on its key's line.
    written = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None)
    config.write_text(written, encoding="utf-8")
    return config


def _line_of_language(config: Path) -> int:
    lines = config.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith("language:"))


def _factcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(Path(__file__).resolve().parents[1]), "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("ES", "'ES' must be written 'es'"),
        ("pt_BR", "'pt_BR' is not a language tag"),
        ("zz", "'zz' is not a known language"),
        (["es"], "expected a language tag such as 'es' or 'pt-BR', found a list"),
        (None, "expected a language tag such as 'es' or 'pt-BR', found nothing"),
    ],
)
def test_a_wrong_site_language_is_placed_in_mkdocs_yml(tmp_path, written, said):
    config = _project(tmp_path, written)
    where = f"mkdocs.yml:{_line_of_language(config)}:"
    done = _factcheck("validate", "--content", str(MINI), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith(where) and f"error: 'theme.language': {said}" in first
    # build says the same in one line, exit 2, before reading anything; nothing is written.
    done = _factcheck("build", "--content", str(MINI), "--out", "out", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith(where)
    assert said in done.stderr and not (tmp_path / "out").exists()


def test_a_bad_site_language_option_is_a_usage_error(tmp_path):
    done = _factcheck("validate", "--content", str(MINI), "--site-language", "xx", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("factcheck: error: --site-language: 'xx' is not a known language")


@pytest.mark.parametrize(
    ("tag", "words"), [("es-MX", "Saltar a contenido"), ("pt-BR", "Pular para conteúdo")]
)
def test_a_regional_site_language_builds_with_its_languages_words(tmp_path, tag, words):
    """Material has no words for es-MX: its build stopped at a missing template. The page keeps
    the tag as written (Material's pt-BR words say lang="pt")."""
    _project(tmp_path, tag)
    done = _factcheck("build", "--content", str(MINI), "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    page = next((tmp_path / "out" / "claims").glob("*/index.html")).read_text(encoding="utf-8")
    assert f'<html lang="{tag}"' in page
    assert words in page and "Skip to content" not in page


def test_a_site_language_without_a_catalog_is_a_warning_until_the_site_adds_one(tmp_path):
    """zh-Hant-TW passed validate, then factcheck build (strict) stopped on the plugin's warning."""
    import shutil

    from generator.i18n import LOCALE_DIR, template_ids

    config = _project(tmp_path, "zh-Hant-TW")
    where = f"mkdocs.yml:{_line_of_language(config)}:"
    done = _factcheck("validate", "--content", str(MINI), cwd=tmp_path)
    assert done.returncode == 0
    first = done.stdout.splitlines()[0]
    assert first.startswith(where)
    assert "warning: 'theme.language': no catalog has the words of 'zh-Hant-TW'" in first
    # the folder init writes for this tag, not the bare "zh" a Simplified site would use
    assert "(zh_Hant_TW/LC_MESSAGES/messages.po" in first
    # The site's own catalog (the plugin option locale_dir) silences it.
    folder = tmp_path / "locale" / "zh_Hant_TW" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po", folder / "messages.po")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"]["locale_dir"] = "locale"
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    done = _factcheck("validate", "--content", str(MINI), cwd=tmp_path)
    # (Its English navigation labels are still warned about: the site is in Chinese.)
    assert done.returncode == 0 and "'theme.language'" not in done.stdout
    # A catalog with only some of the strings: the rest would be English, said the same way (it
    # was silent, and the pages mixed English into Chinese).
    po = (folder / "messages.po").read_text(encoding="utf-8")
    po = po.replace('msgstr "Nuestro veredicto"', 'msgstr ""')
    (folder / "messages.po").write_text(po, encoding="utf-8")
    done = _factcheck("validate", "--content", str(MINI), cwd=tmp_path)
    first = done.stdout.splitlines()[0]
    assert first.startswith(where), done.stdout
    total = len(template_ids())
    # It names the file to finish (it said "in the catalog", leaving the newsroom to find it).
    assert (
        "warning: 'theme.language': the catalog for 'zh-Hant-TW' (locale/zh_Hant_TW/"
        f"LC_MESSAGES/messages.po) leaves 1 of the package's {total} strings untranslated: 'Our "
        "verdict', so those would be in English"
    ) in first
    assert "write each empty msgstr in that file" in first
    build = _factcheck("build", "--content", str(MINI), "--out", "built", cwd=tmp_path)
    assert build.returncode != 0
    assert "the catalog for 'zh-Hant-TW'" in build.stderr
    assert f"leaves 1 of the package's {total}" in build.stderr


def test_the_theme_words_for_a_tag_are_its_own_its_scripts_or_its_languages():
    from generator.siteconfig import theme_words

    material = Path(__import__("material").__file__).parent / "templates"

    def words(tag: str) -> str:
        return theme_words(tag, lambda name: (material / name).is_file())

    assert [words(t) for t in ("pt-BR", "es-MX", "zh-Hant-TW", "sr-Latn", "sr", "xx")] == [
        "pt-BR",
        "es",
        "zh-Hant",
        "sh",  # Material's Serbian in Latin letters; "sr" is Cyrillic
        "sr",
        "en",
    ]


def test_a_region_cldr_does_not_know_keeps_its_languages_dates():
    """`es-419` and `es-MX` are CLDR's; a region it lacks (`es-ZZ`) got English dates on Spanish
    headings."""
    import datetime as dt

    from generator.i18n import messages

    day = dt.date(2026, 3, 1)
    assert messages("es-ZZ").date(day) == "1 de marzo de 2026"
    assert messages("es-MX").date(day) == "1 de marzo de 2026"
    assert messages("pt-PT").date(day) == "1 de março de 2026"
    assert messages("de-CH").gettext("Sources") == messages("de").gettext("Sources") != "Sources"
