"""One fact check in several languages (issue #16): a site in English with translations in two others.

The small fixture tree (tests/fixtures/mini) is copied and given a Ukrainian and an Arabic
translation of `unemployment-doubled`, then built with mkdocs. What is checked is what readers and
machines get: each page's `lang` and `dir`, hreflang links both ways, ClaimReview `inLanguage`, the
language switcher, no tool string of the site's language on a translated page, per-language lists
and feeds, the search filter, the exports and the sitemap; and the validator's error for each rule.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from html import escape
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from factories import MINI, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.i18n import LOCALE_DIR, shipped_languages
from generator.validate import validate

UK_CLAIM = """\
claim: "Безробіття подвоїлося між 2022 і 2025 роками."
title: "Безробіття подвоїлося між 2022 і 2025 роками"
claimant: jane-doe
date: 2025-03-01
language: uk
translation_of: unemployment-doubled
appearances:
  - document: speech-2025
    quote: "unemployment doubled between 2022 and 2025"
topics:
  - economy
"""
UK_VERDICT = """\
claim: unemployment-doubled-uk
rating: mostly-false
summary: "Безробіття зросло з 4,1% до 5,3%, а не подвоїлося."
body: |
  Офіційний ряд [@lfs] показує зростання з 4,1% до 5,3%.
sources:
  - id: lfs
    title: "Labour force survey"
    publisher: "Statistics Office"
    url: "https://data.example/lfs"
authors:
  - sam-checker
published: 2025-03-15
"""
AR_CLAIM = UK_CLAIM.replace("language: uk", "language: ar").replace(
    "Безробіття подвоїлося між 2022 і 2025 роками", "تضاعفت البطالة بين 2022 و2025"
)
AR_VERDICT = UK_VERDICT.replace("unemployment-doubled-uk", "unemployment-doubled-ar").replace(
    "Безробіття зросло з 4,1% до 5,3%, а не подвоїлося.", "ارتفعت البطالة من 4.1% إلى 5.3%."
)


def translated_tree(tmp: Path) -> Path:
    content = tmp / "content"
    shutil.copytree(MINI, content)
    for lang, claim, verdict in (("uk", UK_CLAIM, UK_VERDICT), ("ar", AR_CLAIM, AR_VERDICT)):
        (content / "claims" / f"unemployment-doubled-{lang}.yaml").write_text(claim, "utf-8")
        (content / "verdicts" / f"unemployment-doubled-{lang}.yaml").write_text(verdict, "utf-8")
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("translated")
    config = load_config(str(write_config(tmp, translated_tree(tmp))))
    mkdocs_build(config)
    return Path(config.site_dir)


def page(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text("utf-8")


def html_tag(html: str) -> str:
    m = re.search(r"<html\b[^>]*>", html)
    assert m
    return m.group(0)


def claimreview(html: str) -> dict:
    m = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


def test_each_page_is_in_its_own_language_and_direction(site):
    assert 'lang="en"' in html_tag(page(site, "claims/unemployment-doubled"))
    assert 'dir="' not in html_tag(page(site, "claims/unemployment-doubled"))
    uk = page(site, "claims/unemployment-doubled-uk")
    assert 'lang="uk"' in html_tag(uk) and 'dir="ltr"' in html_tag(uk)
    ar = page(site, "claims/unemployment-doubled-ar")
    assert 'lang="ar"' in html_tag(ar) and 'dir="rtl"' in html_tag(ar)
    assert re.search(r'<body dir="rtl"', ar)
    assert '<article class="fc-page fc-claim" lang="ar" dir="rtl"' in ar
    assert html_tag(ar).count("lang=") == 1


def test_hreflang_links_every_version_both_ways(site):
    base = "https://factcheck.example.org/claims/"
    for cid in ("unemployment-doubled", "unemployment-doubled-uk", "unemployment-doubled-ar"):
        html = page(site, f"claims/{cid}")
        links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
        assert links == {
            "en": base + "unemployment-doubled/",
            "ar": base + "unemployment-doubled-ar/",
            "uk": base + "unemployment-doubled-uk/",
            "x-default": base + "unemployment-doubled/",
        }, cid
    assert "hreflang" not in page(site, "claims/exports-halved").split("</head>")[0]


def test_claimreview_is_in_the_page_language(site):
    assert claimreview(page(site, "claims/unemployment-doubled"))["inLanguage"] == "en"
    review = claimreview(page(site, "claims/unemployment-doubled-uk"))
    assert review["inLanguage"] == "uk"
    assert review["itemReviewed"]["inLanguage"] == "en"  # the claim was made in English


def test_switcher_names_each_version_in_its_own_language(site):
    uk = page(site, "claims/unemployment-doubled-uk")
    nav = re.search(r'<nav class="fc-languages".*?</nav>', uk, re.S).group(0)
    assert 'href="../../claims/unemployment-doubled/" hreflang="en" lang="en">English</a>' in nav
    assert 'href="../../claims/unemployment-doubled-ar/" hreflang="ar" lang="ar">العربية</a>' in nav
    assert '<a href="../../claims/unemployment-doubled/">' in nav  # the original, named in uk
    assert "англійська" in nav  # English, named in Ukrainian
    assert '<strong aria-current="page" lang="uk">Українська</strong>' in nav
    en = page(site, "claims/unemployment-doubled")
    assert 'hreflang="uk" lang="uk">Українська</a>' in en
    assert "fc-languages" not in page(site, "claims/exports-halved")


def test_no_tool_string_of_the_site_language_on_a_translated_page(site):
    uk = page(site, "claims/unemployment-doubled-uk")
    article = re.search(r"<article.*?</article>", uk, re.S).group(0)
    text = re.sub(r"<[^>]+>", " ", article)
    assert "Our verdict" not in text
    with open(LOCALE_DIR / "uk" / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalog = read_po(f)
    checked = 0
    for message in catalog:
        english, ukrainian = message.id, message.string
        if not isinstance(english, str) or not ukrainian or "%" in english or len(english) < 8:
            continue
        if english == ukrainian:
            continue
        assert english not in text, english
        checked += ukrainian in text
    assert checked >= 5  # the page's own headings and labels, in Ukrainian


def test_each_language_has_its_list_and_feed(site):
    uk = page(site, "languages/uk")
    assert 'lang="uk"' in html_tag(uk)
    assert "claims/unemployment-doubled-uk/" in uk
    assert "claims/exports-halved/" not in uk
    en = page(site, "languages/en")
    assert "claims/exports-halved/" in en and "unemployment-doubled-uk" not in en
    assert 'dir="rtl"' in html_tag(page(site, "languages/ar"))
    feed = (site / "languages" / "uk" / "feed.xml").read_text("utf-8")
    assert 'xml:lang="uk"' in feed and "unemployment-doubled-uk" in feed
    assert "exports-halved" not in feed
    assert 'href="https://factcheck.example.org/languages/uk/feed.xml"' in uk


def test_search_has_a_language_filter(site):
    uk = page(site, "claims/unemployment-doubled-uk")
    assert 'data-pagefind-filter="language:uk"' in uk
    assert 'data-pagefind-filter="language:en"' in page(site, "claims/exports-halved")
    js = (site / "assets" / "search" / "search.js").read_text("utf-8")
    config = json.loads(js.split("/*@config*/")[1].split("/*@end*/")[0])
    assert config["facets"][-1] == "language" and config["strings"]["language"]
    # The search box of a page in another language answers in it.
    assert set(config["languages"]) == {"ar", "uk"}
    assert config["languages"]["uk"]["noMatch"] != config["strings"]["noMatch"]
    # The theme's frame too: the search box and the footer line.
    assert 'placeholder="Пошук перевірок"' in uk and "Made with" not in uk
    assert 'placeholder="Search fact checks"' in page(site, "claims/exports-halved")
    assert "Made with" in page(site, "claims/exports-halved")


def test_exports_and_sitemap_list_the_translations(site):
    data = json.loads((site / "data" / "claims.json").read_text("utf-8"))
    by_id = {c["id"]: c for c in data["claims"]}
    assert by_id["unemployment-doubled"]["translations"] == [
        "unemployment-doubled-ar",
        "unemployment-doubled-uk",
    ]
    assert by_id["unemployment-doubled-uk"]["translation_of"] == "unemployment-doubled"
    assert by_id["unemployment-doubled-uk"]["language"] == "uk"
    header = (site / "data" / "claims.csv").read_text("utf-8").splitlines()[0]
    # Appended after the columns before them (later columns, such as withdrawn_rating_*, follow).
    assert ",source_archive_urls,translation_of,translations," in header + ","
    feed = json.loads((site / "data" / "claimreview.json").read_text("utf-8"))
    langs = {e["url"].rsplit("/", 2)[-2]: e["inLanguage"] for e in feed["dataFeedElement"]}
    assert langs["unemployment-doubled-uk"] == "uk" and langs["unemployment-doubled"] == "en"
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    assert sitemap.count('hreflang="uk"') == 3  # on each of the three versions' entries


def test_a_single_language_site_is_unchanged(tmp_path):
    config = load_config(str(write_config(tmp_path, MINI)))
    mkdocs_build(config)
    site = Path(config.site_dir)
    assert not (site / "languages").exists()
    assert (
        "language:" not in page(site, "claims/exports-halved").split("data-pagefind-body")[1][:2000]
    )


# --- validation -------------------------------------------------------------------------------


def _problems(content: Path, site_language: str | None = None) -> list[str]:
    report = validate(content, site_language=site_language)
    return [
        f"{p.path}:{p.line}:{p.col}: {p.message}" for p in report.problems if p.severity == "error"
    ]


def _tree_with(tmp: Path, claim_id: str, text: str) -> Path:
    content = translated_tree(tmp)
    (content / "claims" / f"{claim_id}.yaml").write_text(text, "utf-8")
    return content


def test_the_translated_tree_is_valid(tmp_path):
    assert _problems(translated_tree(tmp_path), "en") == []


def test_translation_of_must_name_a_claim(tmp_path):
    text = UK_CLAIM.replace("translation_of: unemployment-doubled", "translation_of: unemployment")
    errors = _problems(_tree_with(tmp_path, "unemployment-doubled-uk", text))
    assert any(
        "unemployment-doubled-uk.yaml:6:17:" in e and "no claim 'unemployment'" in e for e in errors
    ), errors


def test_a_translation_of_a_translation_is_refused(tmp_path):
    text = AR_CLAIM.replace(
        "translation_of: unemployment-doubled", "translation_of: unemployment-doubled-uk"
    )
    errors = _problems(_tree_with(tmp_path, "unemployment-doubled-ar", text))
    assert any(
        "unemployment-doubled-ar.yaml:6:" in e
        and "is itself a translation" in e
        and "translation_of: unemployment-doubled" in e
        for e in errors
    ), errors


def test_a_translation_needs_a_language(tmp_path):
    text = UK_CLAIM.replace("language: uk\n", "")
    errors = _problems(_tree_with(tmp_path, "unemployment-doubled-uk", text))
    assert any("a translation needs 'language'" in e for e in errors), errors


def test_a_translation_is_in_another_language_than_the_original(tmp_path):
    text = UK_CLAIM.replace("language: uk", "language: en")
    content = _tree_with(tmp_path, "unemployment-doubled-uk", text)
    assert _problems(content) == []  # the original gives no language, the site's is unknown
    errors = _problems(content, "en")
    assert any(
        "unemployment-doubled-uk.yaml:5:11:" in e and "the language of the original" in e
        for e in errors
    ), errors
    original = content / "claims" / "unemployment-doubled.yaml"
    original.write_text(original.read_text("utf-8") + "language: en\n", "utf-8")
    assert any("the language of the original" in e for e in _problems(content))


def test_one_translation_per_language(tmp_path):
    content = translated_tree(tmp_path)
    (content / "claims" / "unemployment-doubled-uk2.yaml").write_text(UK_CLAIM, "utf-8")
    errors = _problems(content, "en")
    assert any(
        "unemployment-doubled-uk2.yaml:5:11:" in e
        and "already the 'uk' translation of 'unemployment-doubled'" in e
        for e in errors
    ), errors


def test_a_translation_carries_its_originals_rating(tmp_path):
    """Nothing held a translation to its original's rating: after a correction of the original,
    the translation kept telling its readers the old finding."""
    content = translated_tree(tmp_path)
    verdict = content / "verdicts" / "unemployment-doubled-uk.yaml"
    verdict.write_text(UK_VERDICT.replace("rating: mostly-false", "rating: false"), "utf-8")
    assert _problems(content, "en") == [
        f"{verdict}:2:9: 'rating' is 'false', but the original 'unemployment-doubled' is rated "
        "'mostly-false': a translation carries its original's rating; write `rating: "
        "mostly-false` (with an 'updates' entry, if this verdict was published with the other one)"
    ]


def test_a_claim_cannot_translate_itself(tmp_path):
    text = UK_CLAIM.replace(
        "translation_of: unemployment-doubled", "translation_of: unemployment-doubled-uk"
    )
    errors = _problems(_tree_with(tmp_path, "unemployment-doubled-uk", text))
    assert any("names this claim itself" in e for e in errors), errors


# --- factcheck new claim ID --translation-of ID --language TAG ------------------------------------


def test_new_translation_writes_claim_and_verdict_to_translate(tmp_path, capsys):
    from generator.cli import main

    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    args = ["new", "claim", "unemployment-doubled-uk", "--content", str(content)]
    assert main([*args, "--translation-of", "unemployment-doubled", "--language", "uk"]) == 0
    claim = (content / "claims" / "unemployment-doubled-uk.yaml").read_text("utf-8")
    assert "language: uk\ntranslation_of: unemployment-doubled\n" in claim
    assert "quote: unemployment doubled between 2022 and 2025" in claim
    verdict = (content / "verdicts" / "unemployment-doubled-uk.yaml").read_text("utf-8")
    assert "claim: unemployment-doubled-uk\n" in verdict and "[@lfs]" in verdict
    # Nothing is published before the translator sets the day: the TODO is an error.
    errors = _problems(content, "en")
    assert len(errors) == 1 and "published" in errors[0], errors
    text = verdict.replace("published: TODO-YYYY-MM-DD", "published: 2025-03-15")
    (content / "verdicts" / "unemployment-doubled-uk.yaml").write_text(text, "utf-8")
    report = validate(content, site_language="en")
    assert not report.problems, report.problems  # not a near-duplicate of its own original
    # Refused: an existing id, a missing original, a bad tag, a translation without a language.
    assert main([*args, "--translation-of", "unemployment-doubled", "--language", "ar"]) == 1
    other = ["new", "claim", "x-ar", "--content", str(content)]
    assert main([*other, "--translation-of", "nothing-here", "--language", "ar"]) == 2
    assert main([*other, "--translation-of", "unemployment-doubled", "--language", "arabic"]) == 2
    assert main([*other, "--translation-of", "unemployment-doubled"]) == 2
    assert "--language" in capsys.readouterr().err
    # A translation into the original's own language (the site's, en) is refused before writing.
    assert main([*other, "--translation-of", "unemployment-doubled", "--language", "en"]) == 2
    assert "claim 'unemployment-doubled' is in 'en' already" in capsys.readouterr().err
    assert not (content / "claims" / "x-ar.yaml").exists()


def test_a_preview_renders_every_version_again_after_an_edit(tmp_path):
    from generator import preview
    from generator.link import link
    from generator.validate import read_content

    content = translated_tree(tmp_path)
    old = link(read_content(content, site_language="en")[0])
    path = content / "verdicts" / "unemployment-doubled-uk.yaml"
    path.write_text(path.read_text("utf-8").replace("5,3%", "5,4%"), "utf-8")
    new = link(read_content(content, site_language="en")[0])
    paths = preview.pages_to_render(old, new, {"unemployment-doubled-uk"})
    assert paths is not None
    assert {"claims/unemployment-doubled.md", "claims/unemployment-doubled-ar.md"} <= paths


def test_validate_command_knows_the_site_language(tmp_path, monkeypatch, capsys):
    from generator.cli import main

    text = UK_CLAIM.replace("language: uk", "language: en")
    content = _tree_with(tmp_path, "unemployment-doubled-uk", text)
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here
    assert main(["validate", str(content)]) == 0
    assert main(["validate", str(content), "--site-language", "en"]) == 1
    assert "the language of the original" in capsys.readouterr().out
    write_config(tmp_path, content)  # a mkdocs.yml with theme.language en, found in the folder
    assert main(["validate", str(content)]) == 1


def test_readers_find_their_language_list(site):
    claims = page(site, "claims")
    assert 'href="../languages/uk/" hreflang="uk" lang="uk">Українська</a>' in claims
    uk = page(site, "claims/unemployment-doubled-uk")
    assert '<a href="../../languages/uk/">' in uk


def test_a_split_sitemap_keeps_the_alternates_valid(site, tmp_path):
    from xml.etree import ElementTree

    from generator import sitemap

    shutil.copy(site / "sitemap.xml", tmp_path / "sitemap.xml")
    assert sitemap.split(tmp_path, "https://factcheck.example.org/", limit=5) > 1
    hreflangs = 0
    for part in sorted(tmp_path.glob("sitemap-*.xml")):
        tree = ElementTree.parse(part)  # well-formed: the xhtml prefix is declared
        hreflangs += len(tree.findall(".//{http://www.w3.org/1999/xhtml}link"))
    assert hreflangs == 12  # 3 versions x (3 languages + x-default)


def test_the_embed_card_is_in_the_claim_language(site):
    card = (site / "claims" / "unemployment-doubled-ar" / "embed" / "index.html").read_text("utf-8")
    assert '<html lang="ar" dir="rtl">' in card
    # The claim in the language's quotation marks (English ones in every language before).
    assert re.search(r"<blockquote><p>«[^<“”]+»</p></blockquote>", card)
    english = (site / "claims" / "unemployment-doubled" / "embed" / "index.html").read_text("utf-8")
    assert re.search(r"<blockquote><p>“[^<«»]+”</p></blockquote>", english)


def test_a_claim_in_a_language_without_a_catalog_is_noted_once_and_the_build_goes_on(
    tmp_path, caplog
):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    ja = UK_CLAIM.replace("language: uk", "language: ja").replace(
        "Безробіття подвоїлося між 2022 і 2025 роками", "失業率は2022年から2025年の間に倍増した"
    )
    (content / "claims" / "unemployment-doubled-ja.yaml").write_text(ja, "utf-8")
    config = load_config(str(write_config(tmp_path, content)), strict=True)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.factcheck"):
        mkdocs_build(config)  # strict: a warning would stop it
    notes = [r.getMessage() for r in caplog.records if "no catalog for language" in r.getMessage()]
    assert notes == [
        "factcheck: no catalog for language 'ja' (1 claim): their pages' headings and buttons "
        "are in the site's language (en). Add one with the plugin option locale_dir (shipped: "
        f"{', '.join(shipped_languages())})"
    ]
    assert all(r.levelno < logging.WARNING for r in caplog.records if "catalog" in r.getMessage())
    built = Path(config.site_dir) / "claims" / "unemployment-doubled-ja" / "index.html"
    # One <h1>, in the claim's language (a second, unmarked one came before it).
    assert re.findall(r"<h1[^>]*>", built.read_text("utf-8")) == ['<h1 lang="ja" dir="ltr">']


def test_a_claim_in_a_language_without_a_catalog_speaks_the_sites_language():
    """A Chinese claim on a Spanish site: no catalog covers zh, so the page's headings were English
    under lang="zh". Now the page is the site's, in Spanish, and only the claim's own words (the
    quote, the summary, the reasoning) carry lang="zh"."""
    import dataclasses

    from factories import SETTINGS, replace_claim, sample_content

    from generator import languages
    from generator.link import link
    from generator.render import render_pages

    site = link(replace_claim(sample_content(), "exports-halved", language="zh"))
    settings = dataclasses.replace(SETTINGS, language="es", locale=None)
    html = render_pages(site, settings)["claims/exports-halved.md"].html
    assert '<article class="fc-page fc-claim" data-pagefind-body>' in html
    assert '<blockquote lang="zh" dir="ltr">' in html
    assert '<div class="fc-body" lang="zh" dir="ltr">' in html
    # Its title too: the page's one <h1> (written by the engine from the front matter).
    page = render_pages(site, settings)["claims/exports-halved.md"]
    short = site.content.claims["exports-halved"].short
    assert (page.meta["title_lang"], page.meta["title_dir"]) == ("zh", "ltr")
    assert f'\n<h1 lang="zh" dir="ltr">{escape(short)}</h1>\n' in page.markdown
    assert "<h1" not in html
    assert '<span data-pagefind-meta="lang:zh"></span><span data-pagefind-meta="dir:ltr">' in html
    assert "Nuestro análisis" in html and "Our reasoning" not in html
    assert "claims/exports-halved/index.html" not in languages.page_languages(site, settings)
    # With a catalog (uk), the whole page is in the claim's language, as before.
    site = link(replace_claim(sample_content(), "exports-halved", language="uk"))
    html = render_pages(site, settings)["claims/exports-halved.md"].html
    assert '<article class="fc-page fc-claim" lang="uk" dir="ltr"' in html
    # The theme's <h1> is under <html lang="uk">.
    assert "<blockquote>" in html and "<h1" not in html
    assert '<span data-pagefind-meta="lang:uk"></span>' in html
    # A claim in the site's own language has nothing to mark.
    html = render_pages(site, settings)["claims/unemployment-doubled.md"].html
    assert 'data-pagefind-meta="lang:' not in html and "<h1" not in html


def test_a_claim_in_another_language_is_marked_wherever_its_words_are_listed():
    """The home page's cards, the sources list and a person's checks printed a claim's title (and a
    card its summary) without its language, unlike the lists of claim_item."""
    import dataclasses

    from factories import SETTINGS, replace_claim, sample_content

    from generator.link import link
    from generator.render import render_pages

    site = link(replace_claim(sample_content(), "exports-halved", language="en"))
    settings = dataclasses.replace(SETTINGS, language="ar", locale=None)
    pages = render_pages(site, settings)
    marked = '<a class="fc-item__title fc-card__title" href="claims/exports-halved/" lang="en" dir="ltr">'
    assert marked in pages["index.md"].html
    assert 'href="../claims/exports-halved/" lang="en" dir="ltr">' in pages["sources/index.md"].html
    # A claim in the page's own language carries none.
    assert 'href="claims/unemployment-doubled/">' in pages["index.md"].html


def test_a_language_without_a_catalog_has_its_list_and_feed_titled_in_the_sites():
    """A Spanish site with an Italian translation: the Italian feed was titled in English ("fact
    checks in Italiano") and the claim page named its original's language in Italian inside a
    Spanish sentence ("en spagnolo")."""
    import dataclasses

    from factories import SETTINGS, replace_claim, sample_content

    from generator import languages
    from generator.link import link
    from generator.render import render_pages

    content = replace_claim(
        sample_content(), "exports-halved", language="it", translation_of="unemployment-doubled"
    )
    site = link(content)
    settings = dataclasses.replace(SETTINGS, language="es", locale=None)
    feed = languages.feeds(site, settings)["languages/it/feed.xml"]
    title = re.search(r"<title>(.*?)</title>", feed).group(1)
    assert title.endswith(": verificaciones — Italiano"), title
    # Its entries and its declared language are the title's: Spanish, not English under "es".
    assert 'xml:lang="es"' in feed
    entries = re.findall(r"<entry>.*?</entry>", feed, re.S)
    assert entries and all("Lee la verificación completa" in e for e in entries), entries
    html = render_pages(site, settings)["claims/exports-halved.md"].html
    assert "(en español)" in html and "spagnolo" not in html


def test_a_translation_of_a_retracted_fact_check_is_retracted_too(tmp_path):
    """The original was retracted, its translation still published the withdrawn rating."""
    content = translated_tree(tmp_path)
    original = content / "verdicts" / "unemployment-doubled.yaml"
    text = original.read_text("utf-8").replace(
        "updates:\n",
        'updates:\n  - date: 2025-04-01\n    type: retraction\n    note: "Our source was wrong."\n',
    )
    original.write_text(text, "utf-8")
    errors = _problems(content, "en")
    verdicts = content / "verdicts"
    assert [e.split(": ", 1)[0] for e in errors] == [
        f"{verdicts / 'unemployment-doubled-ar.yaml'}:2:9",
        f"{verdicts / 'unemployment-doubled-uk.yaml'}:2:9",
    ]
    assert all("the original 'unemployment-doubled' was retracted" in e for e in errors), errors


def test_the_embed_card_marks_the_words_of_a_claim_in_a_language_without_a_catalog():
    import dataclasses

    from factories import SETTINGS, replace_claim, sample_content

    from generator.link import link
    from generator.render.claims import embed_page
    from generator.render.core import Context

    site = link(replace_claim(sample_content(), "exports-halved", language="zh"))
    settings = dataclasses.replace(SETTINGS, language="ar", locale=None)
    card = embed_page(Context.of(site, settings), "exports-halved")
    assert '<html lang="ar" dir="rtl">' in card
    assert '<blockquote lang="zh" dir="ltr">' in card
    assert '<p class="summary" lang="zh" dir="ltr">' in card
    other = embed_page(Context.of(site, settings), "unemployment-doubled")
    assert "<blockquote>" in other
