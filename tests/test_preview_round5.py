"""`factcheck serve` in a Spanish site while a contributor edits mkdocs.yml and the site's catalog.

Real previews on a free port of 127.0.0.1, read with urllib, polled with a deadline: what the open
page shows after each save, and that the page recovers once the file is fixed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from generator import preview
from tests.factories import synthetic_content
from tests.test_preview import _factcheck_serve, _fetch, _save, _site_config
from tests.test_preview_editing import _waiter


@pytest.fixture
def content(tmp_path) -> Path:
    return synthetic_content(tmp_path / "content", 8, seed=3)


def _spanish(tmp_path: Path, content: Path, locale: Path | None = None) -> Path:
    config = _site_config(tmp_path, content, locale_dir=locale)
    data = yaml.safe_load(config.read_text("utf-8"))
    data["theme"]["language"] = "es"
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return config


def _factcheck_options(config: Path, **options: object) -> str:
    """mkdocs.yml with the factcheck plugin's `options` changed."""
    data = yaml.safe_load(config.read_text("utf-8"))
    next(p["factcheck"] for p in data["plugins"] if "factcheck" in p).update(options)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def test_a_navigation_label_edited_in_mkdocs_yml_shows_on_the_open_claim_page(tmp_path, content):
    """A claim page the edit did not change kept the old navigation (and the 404 page the old
    site): only pages whose own HTML changed were written again."""
    config = _spanish(tmp_path, content)
    claim = sorted((content / "claims").glob("*.yaml"))[1].stem
    settings = config.read_text("utf-8")
    assert "- Topics: topics/index.md" in settings
    with _factcheck_serve(tmp_path, config) as (port, proc):
        wait_for = _waiter(tmp_path, proc, f"http://127.0.0.1:{port}/claims/{claim}/")
        wait_for(lambda body: "<h1" in body and "Topics" in body)
        time.sleep(1)  # the watcher is running
        _save(config, settings.replace("- Topics: topics/", "- Temas del día: topics/"))
        body = wait_for(lambda body: "Temas del día" in body)
        assert "Topics" not in body and "La vista previa" not in body
        missing = _fetch(f"http://127.0.0.1:{port}/no-existe/")
        assert missing is not None and missing[0] == 404 and "Temas del día" in missing[1]


def test_a_wrong_plugin_option_is_shown_with_its_line_and_the_fix_brings_the_site_back(
    tmp_path, content
):
    """The page said only "Aborted with a configuration error!": not which option, nor where."""
    config = _spanish(tmp_path, content)
    claim = sorted((content / "claims").glob("*.yaml"))[2].stem
    settings = config.read_text("utf-8")
    with _factcheck_serve(tmp_path, config) as (port, proc):
        wait_for = _waiter(tmp_path, proc, f"http://127.0.0.1:{port}/claims/{claim}/")
        wait_for(lambda body: "<h1" in body)
        time.sleep(1)  # the watcher is running
        wrong = _factcheck_options(config, page_size="dos")
        _save(config, wrong)
        body = wait_for(lambda body: "La vista previa" in body)
        line = 1 + wrong.splitlines().index("    page_size: dos")
        assert (
            f"{config}:{line}: Config value &#39;plugins&#39;: Plugin &#39;factcheck&#39; "
            "option &#39;page_size&#39;: Expected type" in body
        ), body
        _save(config, settings)
        wait_for(lambda body: "La vista previa" not in body and "<h1" in body)


def test_a_catalog_saved_with_a_byte_order_mark_and_crlf_is_read(tmp_path, content):
    """A catalog saved by a Windows editor (BOM, CRLF) stopped the preview: "'\\ufeffmsgid' is
    not part of a catalog"."""
    locale = tmp_path / "locale"
    catalog = locale / "es" / "LC_MESSAGES" / "messages.po"
    entry = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Our verdict"\n'
    _save(catalog, entry + 'msgstr "Nuestro dictamen"\n')
    config = _spanish(tmp_path, content, locale)
    claim = sorted((content / "claims").glob("*.yaml"))[3].stem
    with _factcheck_serve(tmp_path, config) as (port, proc):
        wait_for = _waiter(tmp_path, proc, f"http://127.0.0.1:{port}/claims/{claim}/")
        wait_for(lambda body: ">Nuestro dictamen</h2>" in body)
        time.sleep(1)  # the watcher is running
        text = "\ufeff" + (entry + 'msgstr "Nuestra conclusión"\n').replace("\n", "\r\n")
        _save(catalog, text)
        body = wait_for(lambda body: ">Nuestra conclusión</h2>" in body or "La vista" in body)
        assert ">Nuestra conclusión</h2>" in body, body


def test_the_error_page_speaks_the_language_the_home_page_was_last_built_in(tmp_path):
    """After mkdocs.yml switched the site to Arabic, the error page stayed in Spanish: it read
    the language from the 404 page, which a preview had kept from its first build."""
    (tmp_path / "404.html").write_text('<html lang="es" class="no-js">', "utf-8")
    (tmp_path / "index.html").write_text('<html lang="ar" dir="rtl" class="no-js">', "utf-8")
    page = preview.error_page([], "x", preview.site_messages(tmp_path)).decode("utf-8")
    assert '<html lang="ar" dir="rtl">' in page


@pytest.mark.parametrize(
    ("said", "key"),
    [
        ("Config value 'plugins': Plugin 'factcheck' option 'page_size': Expected type", 9),
        ("Config value 'theme': Unrecognised theme name: 'materia'.", 3),
        ("Aborted with a configuration error!", None),
    ],
)
def test_a_configuration_error_is_placed_at_its_line(tmp_path, said, key):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\n# page_size: 1 (a comment)\ntheme:\n  name: materia\n  page_size: 3\n"
        "plugins:\n  - search\n  - factcheck:\n      page_size: dos\n",
        "utf-8",
    )
    assert preview.config_line(str(config), said) == key
