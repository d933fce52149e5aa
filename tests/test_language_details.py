"""Small language details a reader meets on a site with fact checks in several languages.

- /languages/<tag>/ writes its own <h1>, with the language's name marked with its language and
  direction ("Fact checks in 中文" on a Spanish site: a screen reader read 中文 in Spanish);
- a page in Serbian in Latin letters (sr-Latn) gets Material's Latin words ("sh"), as the site's
  language does, not the Cyrillic ones of "sr" (under Zensical too, which took the last words it
  found, not the first);
- the two colour-switch names of Material's example (and of our English starter) are in the page's
  language; a name the site wrote stays as it is;
- the list of the other languages is joined by the language's own comma (Arabic "، ").
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
import yaml
from factories import MINI, SETTINGS, replace_claim, sample_content, write_config
from test_translations import UK_CLAIM, UK_VERDICT

from generator.build import build
from generator.engines import zensical
from generator.link import link
from generator.render import render_pages

H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
# A site's own catalog for Serbian in Latin letters: enough for its pages to be in sr-Latn.
SR_LATN_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: sr_Latn\\n"

msgid "Our verdict"
msgstr "Naša ocena"
"""
OWN_NAME = "Modo claro, por favor"  # a colour-switch name a site wrote itself


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def _translation(content: Path, claim_id: str, language: str, words: str) -> None:
    claim = UK_CLAIM.replace("language: uk", f"language: {language}")
    claim = claim.replace("Безробіття подвоїлося між 2022 і 2025 роками", words)
    verdict = UK_VERDICT.replace("unemployment-doubled-uk", claim_id)
    (content / "claims" / f"{claim_id}.yaml").write_text(claim, "utf-8")
    (content / "verdicts" / f"{claim_id}.yaml").write_text(verdict, "utf-8")


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request, tmp_path_factory) -> Path:
    """A Spanish site with a Chinese translation (no catalog covers zh) and one in Serbian in Latin
    letters (the site's own catalog covers sr-Latn), its light-mode switch named by the site; built
    by each engine."""
    if request.param == "zensical" and not zensical.available():
        pytest.skip("zensical not installed (.[zensical])")
    tmp = tmp_path_factory.mktemp("details")
    content = tmp / "content"
    shutil.copytree(MINI, content)
    _translation(content, "unemployment-doubled-zh", "zh", "失业率在2022年至2025年间翻了一番")
    _translation(content, "unemployment-doubled-sr", "sr-Latn", "Nezaposlenost se udvostručila")
    folder = tmp / "locale" / "sr_Latn" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(SR_LATN_PO, "utf-8")
    config = write_config(tmp, content)
    data = yaml.safe_load(config.read_text("utf-8"))
    data["theme"]["language"] = "es"
    data["theme"]["palette"][1]["toggle"]["name"] = OWN_NAME
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"].pop("locale", None)
            plugin["factcheck"]["locale_dir"] = str(tmp / "locale")
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    out = tmp / "site"
    assert build(content, out, config, engine=request.param) == 0
    return out


def _page(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text("utf-8")


def test_a_languages_list_marks_the_languages_name_in_its_heading(site):
    html = _page(site, "languages/zh")
    assert len(H1.findall(html)) == 1
    heading = H1.search(html).group(1)
    assert '<span lang="zh" dir="ltr">中文</span>' in heading
    # The rest of the heading is the site's Spanish, as the page's <title> says it.
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert unescape(title).startswith(_text(heading) + " - ")
    assert "Fact checks in" not in heading


def test_every_page_of_a_languages_list_writes_one_heading_under_either_engine():
    """The page's own <h1> is its title with the name marked, page 2 on too; Zensical's Markdown
    (`Page.markdown`) carries it instead of a `# title` line."""
    content = sample_content()
    for cid in ("exports-halved", "crime-record-low"):
        content = replace_claim(content, cid, language="ar")
    settings = dataclasses.replace(SETTINGS, language="es", locale=None, page_size=1)
    pages = {p: page for p, page in render_pages(link(content), settings).items()}
    lists = [page for p, page in pages.items() if p.startswith("languages/ar")]
    assert len(lists) == 2
    for page in lists:
        html = page.body()
        assert html.startswith("<h1>") and len(H1.findall(html)) == 1
        assert _text(H1.search(html).group(1)) == page.title
        assert '<span lang="ar" dir="rtl">العربية</span>' in html
        markdown = page.markdown
        assert markdown.count("<h1") == 1
        assert not re.search(r"^# ", markdown, re.M)
    assert any("2" in page.title for page in lists)


def test_a_page_in_serbian_latin_letters_has_the_themes_latin_words(site):
    html = _page(site, "claims/unemployment-doubled-sr")
    assert '<html lang="sr-Latn"' in html
    assert "Idi na tekst" in html  # Material's "sh": the skip link
    assert "Иди на текст" not in html  # its Cyrillic "sr"


def test_the_examples_colour_switch_names_are_in_the_pages_language(site):
    home = _page(site, "")
    assert 'title="Cambiar al modo oscuro"' in home
    assert 'aria-label="Cambiar al modo oscuro"' in home
    assert "Switch to dark mode" not in home
    # A name the site wrote stays, and on a page in another language says it is the site's.
    assert f'title="{OWN_NAME}"' in home
    serbian = _page(site, "claims/unemployment-doubled-sr")
    assert f'title="{OWN_NAME}" lang="es"' in serbian


def test_the_other_languages_are_listed_with_the_languages_own_comma():
    content = replace_claim(sample_content(), "exports-halved", language="en")
    content = replace_claim(content, "crime-record-low", language="uk")
    settings = dataclasses.replace(SETTINGS, language="ar", locale=None)
    html = render_pages(link(content), settings)["languages/ar.md"].body()
    others = re.search(r"<p>[^<]*<bdi>.*</bdi></p>", html).group(0)
    assert "</bdi>، <bdi>" in others and "</bdi>, <bdi>" not in others


def test_lists_whose_parts_hold_commas_are_split_by_the_languages_own_semicolon():
    """A document's details and the fact checks citing a source were split by a Latin ";" on an
    Arabic page (Arabic writes "؛")."""
    content = sample_content()
    # The labour force survey is cited by a second fact check too.
    verdicts = dict(content.verdicts)
    lfs = verdicts["unemployment-doubled"].sources[0]
    other = verdicts["exports-halved"]
    verdicts["exports-halved"] = dataclasses.replace(other, sources=(*other.sources, lfs))
    content = dataclasses.replace(content, verdicts=verdicts)
    settings = dataclasses.replace(SETTINGS, language="ar", locale=None)
    pages = render_pages(link(content), settings)
    documents = pages["documents/index.md"].body()
    assert "؛ " in documents and "; " not in documents
    sources = pages["sources/index.md"].body()
    cited = re.findall(r'<span class="fc-muted">[^<]*</span> (.*?)</li>', sources)
    several = [c for c in cited if c.count("<a ") > 1]
    assert several and all("</a>؛ <a" in c and "; " not in c for c in several)


def test_a_language_with_one_fact_check_is_described_without_a_number(site):
    """Its description said "The 1 fact check we publish in this language." (in Spanish here)."""
    from generator.i18n import messages

    html = _page(site, "languages/zh")
    said = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert unescape(said) == messages("es").gettext(
        "The only fact check we publish in this language."
    )
    assert "1" not in said
