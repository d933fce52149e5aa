"""A newsroom customising its site without forking: its own templates, catalog strings, a preview
that follows its edits, and a clear message for each mistake of its first hour."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from generator import i18n, preview
from generator.catalogs import po_problems
from generator.cli import main
from generator.generation import misplaced_templates
from generator.problems import Problem
from generator.settings import Settings

URL = "https://example.org/factchecks/"
CLAIM = (
    'claim: "C"\nclaimant: p\ndate: 2026-03-01\nappearances:\n  - url: "https://example.org/c"\n'
)
VERDICT = (
    'claim: c\nrating: false\nsummary: "S"\nbody: "B [@s]"\nsources:\n  - id: s\n'
    '    title: "S"\n    url: "https://example.org/s"\nauthors: [p]\npublished: 2026-03-02\n'
)


def _site(tmp_path: Path, lang: str) -> Path:
    site = tmp_path / "desk"
    assert main(["init", str(site), "--name", "Desk", "--url", URL, "--language", lang]) == 0
    content = site / "content"
    (content / "people" / "p.yaml").write_text('name: "P"\nkind: person\n', "utf-8")
    (content / "claims" / "c.yaml").write_text(CLAIM + '    title: "T"\n', "utf-8")
    (content / "verdicts" / "c.yaml").write_text(VERDICT, "utf-8")
    return site


def _plugin_option(site: Path, **options: str) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text("utf-8")
    for key, value in options.items():
        text = text.replace(
            "      content_dir: content\n", f"      content_dir: content\n      {key}: {value}\n"
        )
    config.write_text(text, "utf-8")


def test_a_site_string_and_templates_win_one_by_one_under_a_sub_path(tmp_path, monkeypatch):
    """Spanish site at https://example.org/factchecks/: its catalog changes one string (the rest
    stays Spanish), its claim template and badge partial replace ours, and every address the
    pages, feed and sitemap give is under the sub-path."""
    site = _site(tmp_path, "es")
    po = site / "locale" / "es" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "What we found"\nmsgstr "Nuestra conclusión"\n', "utf-8")
    _plugin_option(site, locale_dir="locale")
    theme = Path(preview.__file__).parent / "theme" / "factcheck"
    claim = (theme / "claim.html").read_text("utf-8")
    (site / "overrides" / "factcheck" / "partials").mkdir(parents=True)
    (site / "overrides" / "factcheck" / "claim.html").write_text(
        claim.replace('<h2 id="verdict"', '<p class="desk-own">Desk</p>\n<h2 id="verdict"', 1)
    )
    badge = (theme / "partials" / "badge.html").read_text("utf-8")
    (site / "overrides" / "factcheck" / "partials" / "badge.html").write_text(
        '<i class="desk-badge"></i>' + badge
    )
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  language: es\n", "  custom_dir: overrides\n  language: es\n"
        ),
        "utf-8",
    )
    monkeypatch.chdir(site)
    assert main(["build", "--no-search"]) == 0
    page = (site / "site" / "claims" / "c" / "index.html").read_text("utf-8")
    assert "Nuestra conclusión" in page and "What we found" not in page
    assert i18n.messages("es").gettext("Sources") in page  # the rest stays translated
    assert '<p class="desk-own">Desk</p>' in page and 'class="desk-badge"' in page
    assert f'<link rel="canonical" href="{URL}claims/c/">' in page
    assert re.search(rf'<meta property="og:image" content="{re.escape(URL)}claims/c/og\.png"', page)
    feed = (site / "site" / "feed.xml").read_text("utf-8")
    sitemap = (site / "site" / "sitemap.xml").read_text("utf-8")
    for text in (feed, sitemap):
        found = re.findall(r'(?:href="|<loc>)(https?://[^"<]+)', text)
        assert found and all(u.startswith(URL) for u in found), found


def test_a_broken_site_catalog_is_named_at_its_line_and_nothing_is_built(
    tmp_path, monkeypatch, capsys
):
    """Babel read it without a word: an unclosed quote lost the string's last letter, and a
    placeholder the code does not pass failed the build with "Build failed: 'claimx'"."""
    site = _site(tmp_path, "en")
    po = site / "locale" / "en" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid "Sources"\nmsgstr "Our sources\n\n#, python-format\n'
        'msgid "Correction: %(claim)s"\nmsgstr "Fix: %(claimx)s"\n',
        "utf-8",
    )
    _plugin_option(site, locale_dir="locale")
    monkeypatch.chdir(site)
    out = tmp_path / "out"
    capsys.readouterr()
    assert main(["build", "--no-search", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    shown = "locale/en/LC_MESSAGES/messages.po"
    assert f"{shown}:2:8: error: msgstr's string is not closed" in err
    assert f"{shown}:6:1: error: msgstr has the placeholder %(claimx)s" in err
    assert "(it has %(claim)s)" in err
    assert not out.exists()


def test_each_mistake_in_a_catalog_is_said_once_and_ours_have_none(tmp_path):
    po = tmp_path / "messages.po"
    po.write_text(
        'msgid "A"\n\nmsgid "B"\nmsgstr "b"\nmsgstr "c"\nmsgid "C"\nmsgstr Plain\n'
        'msgid "B"\nmsgstr "again"\n\nstray words\n',
        "utf-8",
    )
    said = [str(p) for p in po_problems(po, "x.po")]
    assert said == [
        "x.po:5:1: error: a second msgstr in the entry of line 4: keep one",
        'x.po:7:8: error: msgstr\'s text must be in double quotes: msgstr "Plain"',
        "x.po:11:1: error: 'stray' is not part of a catalog: lines are msgid, msgstr, a string in "
        'double quotes ("...") or a comment starting with #',
        'x.po:1:1: error: msgid "A" has no msgstr: add msgstr "..." below it',
        'x.po:8:1: error: msgid "B" is here twice (line 3): keep one',
    ]
    for shipped in sorted(i18n.LOCALE_DIR.glob("*/LC_MESSAGES/messages.po")):
        assert po_problems(shipped) == [], shipped


def test_a_template_put_where_it_is_not_looked_up_is_named(tmp_path):
    """overrides/claim.html (not overrides/factcheck/claim.html) was never used, and nothing said so."""
    (tmp_path / "partials").mkdir()
    (tmp_path / "factcheck").mkdir()
    for name in ("claim.html", "main.html", "partials/badge.html", "partials/footer.html"):
        (tmp_path / name).write_text("x", "utf-8")
    (tmp_path / "factcheck" / "topic.html").write_text("x", "utf-8")  # in place: fine
    said = misplaced_templates((str(tmp_path),))
    assert said == [
        f"factcheck: {tmp_path / 'claim.html'} is not used: the template it replaces is looked "
        f"up as factcheck/claim.html in custom_dir; move it to {tmp_path / 'factcheck' / 'claim.html'}",
        f"factcheck: {tmp_path / 'partials' / 'badge.html'} is not used: the template it replaces "
        "is looked up as factcheck/partials/badge.html in custom_dir; move it to "
        f"{tmp_path / 'factcheck' / 'partials' / 'badge.html'}",
    ]


class _Server:
    """What serve_errors uses of mkdocs' live-reload server."""

    def __init__(self, root: Path, builder) -> None:
        self.root, self.builder, self.app = str(root), builder, None

    def get_app(self):
        return lambda environ, start_response: [b"site"]

    def set_app(self, app) -> None:
        self.app = app


def test_the_preview_error_page_speaks_with_the_sites_own_catalog(tmp_path):
    """The error page knew the built pages' language only: a site's own words (locale_dir) were
    missing from it, and a language we do not ship had it in English."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "404.html").write_text('<!doctype html><html lang="sw" dir="ltr">', "utf-8")
    locale = tmp_path / "locale"
    po = locale / "sw" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "The preview is waiting for %(num)d error to be fixed"\n'
        'msgid_plural "The preview is waiting for %(num)d errors to be fixed"\n'
        'msgstr[0] "Onyesho linasubiri kosa %(num)d kurekebishwa"\n'
        'msgstr[1] "Onyesho linasubiri makosa %(num)d kurekebishwa"\n',
        "utf-8",
    )
    problems = [Problem("content/claims/a.yaml", 2, 1, "error", "missing required field")]

    def broken(*args, **kwargs):
        raise RuntimeError("content errors")

    settings = Settings(language="sw", locale_dirs=(str(locale),))
    server = _Server(root, broken)
    preview.serve_errors(server, lambda: list(problems), lambda: settings)
    server.builder()
    got: list = []
    body = b"".join(server.app({"PATH_INFO": "/"}, lambda *a: got.append(a))).decode("utf-8")
    assert "Onyesho linasubiri kosa 1 kurekebishwa" in body, body
    assert "content/claims/a.yaml" in body
    # Without the site's settings (mkdocs.yml did not load yet) it is the language's own page.
    server = _Server(root, broken)
    preview.serve_errors(server, lambda: list(problems))
    server.builder()
    body = b"".join(server.app({"PATH_INFO": "/"}, lambda *a: None)).decode("utf-8")
    assert "The preview is waiting for 1 error to be fixed" in body


def test_a_folder_moved_out_of_the_content_rebuilds_the_preview(tmp_path):
    """mkdocs' handler ignores folder events, and a folder moved out of the watched tree is one
    event for the folder, none for its files: the preview went on showing its claims."""
    content = tmp_path / "content"
    (content / "claims").mkdir(parents=True)
    (content / "claims" / "a.yaml").write_text("claim: x\n", "utf-8")
    observer = preview.notifying_observer(str(content))
    assert observer is not None
    from watchdog.events import FileSystemEventHandler

    seen: list = []
    handler = FileSystemEventHandler()
    handler.on_any_event = lambda e: None if e.is_directory else seen.append(e)  # as mkdocs'
    observer.schedule(handler, str(content), recursive=True)
    observer.start()
    try:
        time.sleep(0.5)
        (content / "claims").rename(tmp_path / "claims")
        deadline = time.monotonic() + 10
        while not seen and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        observer.stop()
        observer.join(10)
    assert [e.src_path for e in seen] == [str(content / "claims")]


@pytest.mark.parametrize("language", sorted(i18n.shipped_languages()))
def test_the_error_report_is_titled_as_its_form_is(language):
    """The report from a claim page was titled "Виправлення: ..." and the form's default "Помилка: "
    (in English "Correction: ..." and "Error: "): one report, two names. In every shipped language
    the link's title begins with the form's own."""
    form = Path(preview.__file__).parent / "starter" / language / "github" / "ISSUE_TEMPLATE"
    title = re.search(r'^title: "(.*)"$', (form / "report-an-error.yml").read_text("utf-8"), re.M)
    assert title
    said = i18n.messages(language).gettext("Correction: %(claim)s") % {"claim": "X"}
    assert said == f"{title.group(1)}X"
