"""Search on a site in a language written without spaces between words.

A Japanese or Chinese reader searches for a word that sits inside a sentence: 失業率 (unemployment
rate) inside 東京の失業率は…. Pagefind splits such text into words only with its extended build
(dictionary segmentation when it indexes, the browser's Intl.Segmenter when it searches); the
standard build indexed the whole run of characters up to the next punctuation as one word, so
only a query for the start of a sentence found anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browserkit import goto_path, serve, wait_for_search

from generator.cli import main
from tests.test_any_language import translate  # every msgstr written, in brackets

URL = "https://kensho.example/"
CLAIMS = {
    # id -> (claim, a word inside it that is not at its start)
    "tokyo-unemployment": ("東京の失業率は2022年から2025年の間に2倍になった。", "失業率"),
    "osaka-rice": ("大阪ではコメの価格が一年で三倍に上がった。", "価格"),
}


def _write_claims(content: Path) -> None:
    (content / "people" / "chiji.yaml").write_text('name: "東京都知事"\nkind: person\n', "utf-8")
    (content / "people" / "kisha.yaml").write_text('name: "山田花子"\nkind: person\n', "utf-8")
    for cid, (claim, _) in CLAIMS.items():
        (content / "claims" / f"{cid}.yaml").write_text(
            f'claim: "{claim}"\nclaimant: chiji\ndate: 2026-03-01\nappearances:\n'
            f'  - url: "https://news.example/{cid}"\n    title: "記者会見"\n',
            "utf-8",
        )
        (content / "verdicts" / f"{cid}.yaml").write_text(
            f"claim: {cid}\nrating: false\n"
            'summary: "統計局の数字では、上昇は一割ほどにとどまる。"\n'
            'body: "総務省統計局の調査 [@tokei] によると、変化はわずかだった。"\n'
            'sources:\n  - id: tokei\n    title: "労働力調査"\n'
            '    url: "https://stat.example/roudou"\n'
            "authors: [kisha]\npublished: 2026-03-05\n",
            "utf-8",
        )


@pytest.fixture(scope="module")
def japanese_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("ja")
    site = root / "desk"
    argv = ["init", str(site), "--name", "検証デスク", "--url", URL, "--language", "ja"]
    assert main(argv) == 0
    translate(site / "locale" / "ja" / "LC_MESSAGES" / "messages.po")
    _write_claims(site / "content")
    out = root / "site"
    config = str(site / "mkdocs.yml")
    code = main(
        ["build", "--content", str(site / "content"), "--out", str(out), "--config", config]
    )
    assert code == 0
    return out


@pytest.mark.parametrize("cid", list(CLAIMS))
def test_a_word_inside_a_japanese_sentence_finds_its_claim(japanese_site, make_page, cid):
    word = CLAIMS[cid][1]
    with serve(japanese_site) as base:
        page, log = make_page(base)
        goto_path(page, f"?q={word}")
        wait_for_search(page)
        found = page.evaluate(
            """() => [...document.querySelectorAll('.fc-search__result a')]
                .map(a => new URL(a.href).pathname)"""
        )
    assert f"/claims/{cid}/" in found, (word, found)
    log.assert_clean(f"search for {word}")
