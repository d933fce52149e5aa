"""One search box finds claims in every language the site has.

An English site may publish a claim in Japanese or Chinese (a claim's own `language`). Pagefind
splits Japanese and Chinese text into words only in an index of that language, and its script
loads only the index of the page's language: with every claim indexed in the site's language, a
word inside a Japanese sentence (失業率 in 東京の失業率は…) found nothing, from any page. Here a
reader searches, from the home page and from claim pages in other languages, for a word inside
each claim and gets it in one list, with the language filter still narrowing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browserkit import SEARCH_SETTLED, goto_path, serve

from generator.cli import main

URL = "https://desk.example/"
# id -> (language, claim, a word inside the claim that is not at its start)
CLAIMS = {
    "bridge-cost": (None, "The new bridge cost twice the budget the council approved.", "budget"),
    "tokyo-unemployment": ("ja", "東京の失業率は2022年から2025年の間に2倍になった。", "失業率"),
    "beijing-housing": ("zh", "北京的房价在一年内上涨了三倍。", "房价"),
    "cairo-bread": ("ar", "ارتفعت أسعار الخبز في القاهرة ثلاثة أضعاف خلال عام واحد.", "الخبز"),
    "delhi-power": ("hi", "दिल्ली में बिजली की कीमतें एक साल में दोगुनी हो गईं।", "बिजली"),
}


def _write_claims(content: Path) -> None:
    (content / "people" / "mayor.yaml").write_text('name: "Jane Mayor"\nkind: person\n', "utf-8")
    (content / "people" / "ed.yaml").write_text('name: "Ed Checker"\nkind: person\n', "utf-8")
    for cid, (language, claim, _) in CLAIMS.items():
        own = f"language: {language}\n" if language else ""
        (content / "claims" / f"{cid}.yaml").write_text(
            f'claim: "{claim}"\nclaimant: mayor\ndate: 2026-03-01\n{own}appearances:\n'
            f'  - url: "https://news.example/{cid}"\n    title: "Press conference"\n',
            "utf-8",
        )
        (content / "verdicts" / f"{cid}.yaml").write_text(
            f"claim: {cid}\nrating: false\n"
            'summary: "Official figures show a rise of a tenth."\n'
            'body: "The statistics office [@stats] reports a small change."\n'
            'sources:\n  - id: stats\n    title: "Labour survey"\n'
            '    url: "https://stat.example/survey"\n'
            "authors: [ed]\npublished: 2026-03-05\n",
            "utf-8",
        )


def _build(root: Path, japanese_catalog: bool = False, part_size: int = 0) -> Path:
    desk = root / "desk"
    argv = ["init", str(desk), "--name", "Desk", "--url", URL, "--language", "en"]
    assert main(argv) == 0
    _write_claims(desk / "content")
    if part_size:
        config = desk / "mkdocs.yml"
        text = config.read_text("utf-8")
        assert "search_part_size: 5000" in text
        config.write_text(text.replace("search_part_size: 5000", f"search_part_size: {part_size}"))
    if japanese_catalog:  # the site's own Japanese words: its Japanese claim pages are in Japanese
        japanese = root / "ja-desk"
        argv = ["init", str(japanese), "--name", "D", "--url", URL, "--language", "ja"]
        assert main(argv) == 0
        shutil.copytree(japanese / "locale", desk / "locale")
        config = desk / "mkdocs.yml"
        text = config.read_text("utf-8")
        assert "# locale_dir: locale" in text
        config.write_text(text.replace("# locale_dir: locale", "locale_dir: locale"), "utf-8")
    out = root / "site"
    config = str(desk / "mkdocs.yml")
    argv = ["build", "--content", str(desk / "content"), "--out", str(out), "--config", config]
    assert main(argv) == 0
    return out


@pytest.fixture(scope="module")
def mixed_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("mixed"))


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory) -> Path:
    """In parts of two claims: Chinese and English, Arabic and Hindi (in the English index),
    Japanese."""
    out = _build(tmp_path_factory.mktemp("mixed-parts"), part_size=2)
    assert (out / "pagefind" / "part-3").is_dir()
    return out


@pytest.fixture(scope="module")
def japanese_pages_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("mixed-ja"), japanese_catalog=True)


def _found(page, path: str) -> list[str]:
    """The claim pages the search at `path` (?q=...) lists, every page of results."""
    goto_path(page, path)
    settled = SEARCH_SETTLED
    page.wait_for_function(settled)
    more = page.locator(".fc-search__more")
    while more.is_visible():
        more.click()
        page.wait_for_function(settled)
    return page.evaluate(
        """() => [...document.querySelectorAll('.fc-search__result a.fc-search__link')]
            .map(a => new URL(a.href).pathname)"""
    )


# Searched from the home page (English) and from claim pages in Arabic and Japanese.
FROM = ["", "claims/cairo-bread/", "claims/tokyo-unemployment/"]


@pytest.mark.parametrize("start", FROM)
@pytest.mark.parametrize("cid", list(CLAIMS))
def test_a_word_of_a_claim_in_any_language_finds_it(mixed_site, make_page, cid, start):
    word = CLAIMS[cid][2]
    with serve(mixed_site) as base:
        page, log = make_page(base)
        found = _found(page, f"{start}?q={word}")
    # Each word is in one claim only: an index without it must not answer it with a shorter word.
    assert found == [f"/claims/{cid}/"], (word, start, found)
    log.assert_clean(f"search for {word} from /{start}")


def test_one_list_and_the_language_filter_still_narrows_it(mixed_site, make_page):
    """Every verdict says "tenth": one list of all five claims, each once; ?language=ja keeps the
    Japanese one, ?language=zh with a Japanese word none; the language filter counts each once."""
    with serve(mixed_site) as base:
        page, log = make_page(base)
        everything = _found(page, "?q=tenth")
        assert sorted(everything) == sorted(f"/claims/{cid}/" for cid in CLAIMS), everything
        assert _found(page, "?q=tenth&language=ja") == ["/claims/tokyo-unemployment/"]
        assert _found(page, "?q=失業率&language=zh") == []
        assert _found(page, "?q=失業率&language=ja") == ["/claims/tokyo-unemployment/"]
        _found(page, "?q=tenth")
        page.locator("select[data-facet=language]").focus()
        page.wait_for_function(
            """() => [...document.querySelectorAll('select[data-facet=language] option')]
                .some(o => /\\(/.test(o.textContent))"""
        )
        options = page.locator("select[data-facet=language] option").all_inner_texts()
    counted = sorted(o for o in options if o.endswith("(1)"))
    assert len(counted) == len(CLAIMS), options
    log.assert_clean("language filter")


def test_english_words_are_found_from_a_page_in_japanese(japanese_pages_site, make_page):
    """A Japanese claim page (the site has Japanese words for its headings) is <html lang="ja">,
    which would make Pagefind search with Japanese rules: "approved" (indexed as "approv") must
    still find the English claim, and 失業率 the Japanese one."""
    page_lang = (japanese_pages_site / "claims" / "tokyo-unemployment" / "index.html").read_text(
        "utf-8"
    )
    assert '<html lang="ja"' in page_lang
    with serve(japanese_pages_site) as base:
        page, log = make_page(base)
        start = "claims/tokyo-unemployment/"
        assert _found(page, f"{start}?q=approved") == ["/claims/bridge-cost/"]
        assert _found(page, f"{start}?q=失業率") == ["/claims/tokyo-unemployment/"]
        assert page.evaluate("document.documentElement.lang") == "ja"
    log.assert_clean("search from a Japanese page")


def test_a_site_indexed_in_parts_finds_every_language(parted_site, make_page):
    with serve(parted_site) as base:
        page, log = make_page(base)
        for cid, (_, _, word) in CLAIMS.items():
            assert _found(page, f"?q={word}") == [f"/claims/{cid}/"], word
        assert sorted(_found(page, "?q=tenth")) == sorted(f"/claims/{cid}/" for cid in CLAIMS)
        assert _found(page, "?q=tenth&language=zh") == ["/claims/beijing-housing/"]
    log.assert_clean("search in parts")
