"""`factcheck init` in a language the package has no starter text or catalog for (Swahili, Hebrew,
Japanese, Serbian in Latin letters...): the site starts in English, each piece marked for
translation, with a catalog of its own to translate; `factcheck validate` counts what is left, a
strict build waits for it, and the translated site builds in its language: its words, its dates,
its direction."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date
from babel.messages.pofile import read_po, write_po

from generator.cli import main, parser
from generator.i18n import messages, template_ids
from generator.newsite import language
from generator.scaffold import catalog_ids
from generator.unedited import PREFIX

URL = "https://facts.example.org/"
PUBLISHED = dt.date(2026, 3, 5)


def init(tmp_path: Path, lang: str, capsys) -> tuple[Path, str]:
    site = tmp_path / "desk"
    argv = ["init", str(site), "--name", "Dawati", "--url", URL, "--language", lang]
    code = main(argv)
    out = capsys.readouterr()
    assert code == 0, out.err
    return site, out.out


def config(site: Path) -> dict:
    return yaml.load((site / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)


def translate(po: Path, leave: int = 0) -> None:
    """Write every msgstr as a translator would, here its msgid in brackets; the first `leave`
    stay empty."""
    with po.open("rb") as f:
        catalog = read_po(f)
    for i, message in enumerate(m for m in catalog if m.id):
        if isinstance(message.id, tuple):
            forms = range(catalog.num_plurals)
            message.string = tuple("" if i < leave else f"[{message.id[min(n, 1)]}]" for n in forms)
        else:
            message.string = "" if i < leave else f"[{message.id}]"
    buf = io.BytesIO()
    write_po(buf, catalog)
    po.write_bytes(buf.getvalue())
    messages.cache_clear()  # read once a process, as one `factcheck validate` does


def write_claim(site: Path) -> None:
    """A fact check written in the site's language, as the newsroom would add it."""
    content = site / "content"
    (content / "people" / "waziri.yaml").write_text(
        'name: "Waziri wa Fedha"\nkind: person\n', encoding="utf-8"
    )
    (content / "people" / "mhariri.yaml").write_text(
        'name: "Amina Mhariri"\nkind: person\n', encoding="utf-8"
    )
    (content / "claims" / "bei-ya-mkate.yaml").write_text(
        'claim: "Bei ya mkate imepanda mara mbili mwaka huu."\n'
        "claimant: waziri\n"
        "date: 2026-03-01\n"
        "appearances:\n"
        '  - url: "https://habari.example/hotuba"\n'
        '    title: "Hotuba ya waziri"\n',
        encoding="utf-8",
    )
    (content / "verdicts" / "bei-ya-mkate.yaml").write_text(
        "claim: bei-ya-mkate\n"
        "rating: false\n"
        'summary: "Bei ya mkate imepanda kwa asilimia kumi tu."\n'
        'body: "Takwimu za ofisi ya takwimu [@takwimu] zinaonyesha ongezeko dogo."\n'
        "sources:\n"
        "  - id: takwimu\n"
        '    title: "Takwimu za bei"\n'
        '    url: "https://takwimu.example/bei"\n'
        "authors: [mhariri]\n"
        f"published: {PUBLISHED.isoformat()}\n",
        encoding="utf-8",
    )


def build(site: Path, monkeypatch) -> int:
    monkeypatch.chdir(site)
    return main(["build", "--content", "content", "--out", "site", "--config", "mkdocs.yml"])


def visible_text(page: str) -> str:
    """What a reader sees or hears: the text, and the labels screen readers and tooltips say."""
    page = re.sub(r"<(script|style|template)\b.*?</\1>", " ", page, flags=re.S)
    labels = re.findall(r'\s(?:aria-label|title|placeholder|alt)="([^"]*)"', page)
    return html.unescape(" | ".join([re.sub(r"<[^>]+>", " ", page), *labels]))


@pytest.mark.parametrize(
    ("lang", "folder", "name", "plurals"),
    [
        ("sw", "sw", "Swahili", "nplurals=2; plural=(n != 1);"),
        ("ja", "ja", "Japanese", "nplurals=1; plural=0;"),
        ("he", "he", "Hebrew", "nplurals=3; plural=(n == 1 ? 0 : n == 2 ? 1 : 2);"),
        ("zh-hant-tw", "zh_Hant_TW", "Chinese (Traditional, Taiwan)", "nplurals=1; plural=0;"),
    ],
)
def test_init_writes_the_sites_own_catalog_to_translate(
    tmp_path, capsys, lang, folder, name, plurals
):
    """It was refused: "there is no starter text in 'sw' yet ... run factcheck init with
    --language en"."""
    site, out = init(tmp_path, lang, capsys)
    tag = folder.replace("_", "-")
    po = site / "locale" / folder / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    assert f'"Language: {folder}\\n"' in text
    assert f'"Plural-Forms: {plurals}\\n"' in text
    with po.open("rb") as f:
        catalog = read_po(f)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    assert ids == template_ids() | set(catalog_ids())  # and the words of `factcheck new`
    assert not any(
        m.string if isinstance(m.string, str) else any(m.string) for m in catalog if m.id
    )
    # The translators' notes of the package's catalog come along.
    assert "#. Translators:" in text

    written = config(site)
    assert written["theme"]["language"] == tag
    assert written["plugins"][0]["factcheck"]["locale_dir"] == "locale"
    # What init says: the catalog, how many strings, the pages, where to see what is left.
    assert f"- {po}: " in out
    assert f"the {len(template_ids())} strings every page is framed with" in out
    assert f"There is no starter text in {name} yet" in out
    assert f"{site / 'content'}: the pages in pages/" in out
    assert "`factcheck validate` shows what is left" in out
    # The pages are the English starter text, each with a note to translate it.
    about = (site / "content" / "pages" / "about.md").read_text("utf-8")
    assert f"[✎ Translate this page into {name}:" in about
    readme = (site / "README.md").read_text("utf-8")
    assert f"This site is in {name} (`{tag}`)" in readme
    assert f"`locale/{folder}/LC_MESSAGES/messages.po`" in readme


def test_validate_counts_what_is_left_and_a_strict_build_waits_for_it(
    tmp_path, capsys, monkeypatch, caplog
):
    site, _ = init(tmp_path, "sw", capsys)
    total = len(template_ids())
    monkeypatch.chdir(site)
    assert main(["validate"]) == 0  # warnings only
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert re.match(r"mkdocs\.yml:\d+:\d+: warning: ", first), first
    assert (
        "'theme.language': the catalog for 'sw' (locale/sw/LC_MESSAGES/messages.po) leaves "
        f"{total} of the package's {total} strings untranslated"
    ) in first
    assert "write each empty msgstr in that file" in first
    for page in ("index", "about", "methodology", "corrections", "submit"):
        assert re.search(
            rf"^content/pages/{page}\.md:\d+:1: warning: "
            + re.escape(PREFIX + "replace [✎ Translate this page into Swahili:"),
            out,
            re.M,
        ), page

    po = site / "locale" / "sw" / "LC_MESSAGES" / "messages.po"
    translate(po, leave=3)
    assert main(["validate"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert f"leaves 3 of the package's {total} strings untranslated" in first
    assert "not in it yet" not in first

    # A newer factcheck-publisher writes a string the catalog does not list: the warning says
    # how to add it, and the command it gives does.
    with po.open("rb") as f:
        catalog = read_po(f)
    catalog.delete("Our verdict")
    buf = io.BytesIO()
    write_po(buf, catalog)
    po.write_bytes(buf.getvalue())
    messages.cache_clear()
    assert main(["validate"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert f"leaves 4 of the package's {total} strings untranslated" in first
    command = re.search(
        r"1 of them, added by a newer factcheck-publisher, is not in it yet: `(.+?)` adds them",
        first,
    )
    assert command, first
    argv = shlex.split(command.group(1))
    assert argv[0] == "pybabel"
    done = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *argv[1:]], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert 'msgid "Our verdict"' in po.read_text("utf-8")
    messages.cache_clear()
    assert main(["validate"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert f"leaves 4 of the package's {total}" in first and "not in it yet" not in first
    translate(po, leave=3)

    caplog.clear()
    assert build(site, monkeypatch) != 0
    said = caplog.text + capsys.readouterr().err
    assert "the catalog for 'sw' (locale/sw/LC_MESSAGES/messages.po)" in said
    assert f"leaves 3 of the package's {total}" in said
    assert not (site / "site" / "index.html").exists()


def test_a_new_site_previews_while_its_catalog_is_being_translated(tmp_path, capsys):
    """`factcheck serve` right after init, as init's "Next:" says: the preview runs (strict as
    mkdocs.yml is) and notes the catalog; only a build waits for the translation."""
    site, _ = init(tmp_path, "sw", capsys)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=site,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                assert proc.poll() is None, log.read_text()[-3000:]
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                        home = r.read().decode("utf-8")
                    break
                except OSError:
                    time.sleep(0.3)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    assert '<html lang="sw"' in home
    said = log.read_text()
    assert "the catalog for 'sw' (locale/sw/LC_MESSAGES/messages.po) leaves" in said
    assert "Aborted" not in said


def test_a_translated_site_builds_in_its_language(tmp_path, capsys, monkeypatch):
    site, out = init(tmp_path, "sw", capsys)
    translate(site / "locale" / "sw" / "LC_MESSAGES" / "messages.po")
    write_claim(site)
    # The newsroom translates the navigation, as init's note in mkdocs.yml asks.
    mkdocs_yml = site / "mkdocs.yml"
    text = mkdocs_yml.read_text("utf-8")
    for english in re.findall(r'^  - "([^"]+)":', text, re.M):
        text = text.replace(f'  - "{english}":', f'  - "Ukurasa {len(english)}{english[:2]}":')
    # And the theme's few words, as init's output says how: Material has none in Swahili.
    english = re.search(r"until you copy (\S+) to (\S+), translate it, and set `(.+?)`", out)
    assert english, out
    theirs = Path(english.group(1)).read_text("utf-8")
    ours = Path(english.group(2))
    assert ours == site / "overrides" / "partials" / "languages" / "sw.html"
    ours.parent.mkdir(parents=True)
    ours.write_text(theirs.replace('"Skip to content"', '"Ruka hadi maudhui"'), encoding="utf-8")
    assert english.group(3) == "custom_dir: overrides"
    text = text.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1)
    mkdocs_yml.write_text(text, encoding="utf-8")

    assert build(site, monkeypatch) == 0, capsys.readouterr().err[-3000:]
    page = (site / "site" / "claims" / "bei-ya-mkate" / "index.html").read_text("utf-8")
    assert '<html lang="sw"' in page
    assert "[Our verdict]" in page and "[Published]" in page
    day = format_date(PUBLISHED, format="long", locale="sw")
    assert day in page and "Machi" in day  # CLDR's Swahili, not "March"
    assert "Ruka hadi maudhui" in page and "Skip to content" not in page
    # No string of the package's catalog is left in English on the page (the theme's own words
    # the test left in English aside).
    material = set(re.findall(r'^\s*"[\w.]+": "(.*)",?$', theirs, re.M))
    words = re.sub(r"\[[^\[\]]*\]", " ", visible_text(page))
    english = [
        m
        for m in template_ids()
        if "%(" not in m and m not in material and re.search(rf"(?<!\w){re.escape(m)}(?!\w)", words)
    ]
    assert english == []


@pytest.mark.parametrize(("lang", "skip_link"), [("he", "לדלג לתוכן"), ("ps", "Skip to content")])
def test_a_right_to_left_language_is_written_right_to_left(
    tmp_path, capsys, monkeypatch, lang, skip_link
):
    """Hebrew has the theme's words, direction included; Pashto has none, so the direction is
    written in mkdocs.yml (it was left to the theme, which took English's: left to right)."""
    site, _ = init(tmp_path, lang, capsys)
    translate(site / "locale" / lang / "LC_MESSAGES" / "messages.po")
    assert build(site, monkeypatch) == 0, capsys.readouterr().err[-3000:]
    home = (site / "site" / "index.html").read_text("utf-8")
    assert f'<html lang="{lang}"' in home
    assert re.search(r'<body dir="rtl"', home)
    assert skip_link in home


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("xx-YY", "--language: 'xx-YY' is not a known language"),
        ("e$", "--language: 'e$' is not a language tag"),
        ("x-desk", "'x-desk' is a language Unicode's CLDR has no data for"),
    ],
)
def test_a_language_cldr_does_not_know_is_refused(tmp_path, capsys, lang, said):
    argv = ["init", str(tmp_path / "x"), "--name", "Desk", "--url", URL, "--language", lang]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err and "a site can be in any language CLDR knows" in err
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("lang", "tag", "folder", "theme"),
    [
        ("zh-hant-tw", "zh-Hant-TW", "zh_Hant_TW", "writes its own few words"),
        ("sr-latn", "sr-Latn", "sr_Latn", "writes its own few words"),  # Material's "sh"
        ("sw-KE", "sw-KE", "sw_KE", "has no words in Swahili (Kenya)"),
    ],
)
def test_a_tag_with_a_script_or_region(tmp_path, capsys, lang, tag, folder, theme):
    site, out = init(tmp_path, lang, capsys)
    assert out.startswith("wrote ") and f"({tag}, starter text in en;" in out
    assert str(site / "locale" / folder / "LC_MESSAGES" / "messages.po") in out
    assert f"The theme (Material for MkDocs) {theme}" in out
    assert config(site)["theme"]["language"] == tag
    assert f"(`{tag}`)" in (site / "README.md").read_text("utf-8")
    # The workflows are the same as any site's but for the fonts with the language's letters.
    english, _ = init(tmp_path / "en", "en", capsys)
    ours = language(tag)
    for name in ("pull-request.yml", "deploy.yml"):
        wf = Path(".github", "workflows", name)
        theirs = (english / wf).read_text("utf-8").replace("of English.", f"of {ours.name}.")
        theirs = theirs.replace("fonts-dejavu-core\n", " ".join(ours.fonts) + "\n")
        assert (site / wf).read_text("utf-8") == theirs


def test_the_language_option_says_any_language_will_do():
    init_help = parser()._subparsers._group_actions[0].choices["init"].format_help()
    assert "any language CLDR knows" in " ".join(init_help.split())


def test_english_texts_left_in_mkdocs_yml_are_warned_about(tmp_path, capsys, monkeypatch):
    """init writes a site without starter text in its language with the English starter's
    navigation labels, site_description and copyright: readers see them on every page, and
    validate said nothing of them."""
    site, _ = init(tmp_path, "sw", capsys)
    monkeypatch.chdir(site)
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    said = [line for line in out.splitlines() if "is the English starter's" in line]
    labels = [item for item in config(site)["nav"] for item in item]
    assert len(said) == len(labels) + 2, out
    home = next(
        n
        for n, line in enumerate((site / "mkdocs.yml").read_text("utf-8").splitlines(), 1)
        if line.strip().startswith("- Home:") or line.strip().startswith('- "Home":')
    )
    assert (
        f"mkdocs.yml:{home}:5: warning: {PREFIX}the navigation label 'Home' is the English "
        "starter's, on a site in 'sw': translate it (readers see it on every page)" in said
    )
    assert any("'site_description' is the English starter's" in line for line in said)
    assert any("'copyright' is the English starter's" in line for line in said)

    text = (site / "mkdocs.yml").read_text("utf-8")
    for english, swahili in (("Home", "Nyumbani"), ("Fact-checks", "Uhakiki")):
        text = text.replace(f'"{english}":', f'"{swahili}":').replace(
            f"- {english}:", f"- {swahili}:"
        )
    (site / "mkdocs.yml").write_text(text, "utf-8")
    assert main(["validate"]) == 0
    said = [line for line in capsys.readouterr().out.splitlines() if "English starter" in line]
    assert len(said) == len(labels)  # two labels translated, the other texts still English
    assert not any("'Home'" in line or "'Fact-checks'" in line for line in said)


def test_an_english_site_keeps_its_english_texts_unremarked(tmp_path, capsys, monkeypatch):
    site, _ = init(tmp_path, "en-GB", capsys)
    monkeypatch.chdir(site)
    main(["validate"])
    assert "English starter" not in capsys.readouterr().out
