"""Three code-review items that change nothing a reader sees, held to that by real builds and indexes.

- The table of contents' title is worked out once (partials/fc-macros.html, `toc_title`) for the
  list and for Zensical's phone button: the catalog's words in the page's own language where the
  theme's are English, mkdocs.yml's `toc: title:` over them, escaped alike, under both engines.
- The search index's command-line fallback reads each claim page once and indexes what the
  Python API indexes, word for word, in each index language and part.
- `quotes.first_positions` picks `str.find` or the automaton by the sizes alone, not by a clock,
  and on hostile text stays within a few times the automaton's linear time.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from factories import write_config
from test_search_index import _bundle_contents, _site_in_languages, _small_html_site
from test_translations import UK_CLAIM, UK_VERDICT, translated_tree

from generator import quotes, search
from generator.build import build
from generator.engines import zensical

# --- 1. the table of contents' title ----------------------------------------------------------

TITLE = 'Sections & "more" <b>x</b>'


def _site(tmp: Path, engine: str, change, english: bool = False) -> Path:
    """The content of a site with Ukrainian and Arabic translations of a claim (and an English
    one: `english`, for a site in another language), built with `engine` and mkdocs.yml changed
    by `change`."""
    content = tmp / "content"
    if not content.is_dir():
        translated_tree(tmp)
    if english:
        english_claim = UK_CLAIM.replace("language: uk", "language: en")
        (content / "claims" / "unemployment-doubled-en.yaml").write_text(english_claim, "utf-8")
        verdict = UK_VERDICT.replace("unemployment-doubled-uk", "unemployment-doubled-en")
        (content / "verdicts" / "unemployment-doubled-en.yaml").write_text(verdict, "utf-8")
    folder = tmp / engine
    config = write_config(folder, content, site_dir=folder / "site")
    data = yaml.safe_load(config.read_text("utf-8"))
    change(data)
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    assert build(content, folder / "site", config, engine=engine) == 0, engine
    return folder / "site"


def _titles(site: Path, rel: str) -> tuple[str, str, str | None]:
    """The list's name (its <nav> aria-label), the title it shows, and the phone button's name."""
    html = (site / rel / "index.html").read_text("utf-8")
    nav = re.search(
        r'<nav class="md-nav md-nav--secondary" aria-label="([^"]*)">(.*?)</nav>', html, re.S
    )
    assert nav, rel
    shown = re.search(r'class="md-nav__title"[^>]*>(.*?)</(?:label|div)>', nav.group(2), re.S)
    assert shown, rel
    button = re.search(r'<label class="md-sidebar-button" for="__toc" title="([^"]*)">', html)
    return nav.group(1), re.sub(r"<[^>]+>", "", shown.group(1)).strip(), button and button.group(1)


def _unescape(value: str) -> str:
    """Attribute text as a browser reads it (the engines escape `"` and `/` differently)."""
    import html

    return html.unescape(value)


needs_zensical = pytest.mark.skipif(not zensical.available(), reason="zensical not installed")


@needs_zensical
def test_each_page_names_its_sections_in_its_own_language_under_both_engines(tmp_path):
    """A Spanish site: its pages say "Tabla de contenidos" (the theme's words), the English
    translation "Table of contents" (the catalog's, for the page's language: the macro reads the
    page being rendered), the Ukrainian one the theme's Ukrainian; Zensical's button says the same."""
    sites = {
        e: _site(tmp_path, e, lambda c: c["theme"].update(language="es"), english=True)
        for e in ("mkdocs", "zensical")
    }
    expected = {
        "claims/unemployment-doubled": "Tabla de contenidos",
        "claims/unemployment-doubled-en": "Table of contents",
        "claims/unemployment-doubled-uk": "Зміст",
    }
    for rel, words in expected.items():
        mk = _titles(sites["mkdocs"], rel)
        zs = _titles(sites["zensical"], rel)
        assert mk == (words, words, None), rel
        assert zs == (words, words, words), rel


@needs_zensical
def test_the_configured_title_is_the_same_text_under_both_engines(tmp_path):
    """mkdocs.yml's `toc: title:` names the list on every page, escaped, under both engines."""

    def titled(config: dict) -> None:
        config.setdefault("markdown_extensions", []).append({"toc": {"title": TITLE}})

    sites = {e: _site(tmp_path, e, titled) for e in ("mkdocs", "zensical")}
    for rel in ("claims/unemployment-doubled", "claims/unemployment-doubled-uk"):
        mk = _titles(sites["mkdocs"], rel)
        zs = _titles(sites["zensical"], rel)
        assert "<b>" not in mk[0] + zs[0] + (zs[2] or ""), "escaped in the attributes"
        assert _unescape(mk[0]) == _unescape(zs[0]) == _unescape(zs[2]) == TITLE, rel
        assert mk[1] == zs[1] == 'Sections & "more" x', rel  # shown as Material shows it


# --- 2. the search index's command-line fallback ----------------------------------------------


class _Broken:
    """The Python API failing, as it does when its service cannot start."""

    def run(self, *args, **kwargs):
        raise Exception("the service did not start")


@pytest.mark.parametrize(
    ("make", "language", "part_size", "mixed"),
    [
        (_site_in_languages, "en", None, True),  # a Japanese claim: its own index language
        (_site_in_languages, "en", 2, True),  # in parts, the second holding the Japanese claim
        (_small_html_site, "en", None, False),  # one index language: --force-language
        (_site_in_languages, None, None, False),  # each page's <html lang>
    ],
)
def test_the_fallback_reads_each_page_once_and_indexes_what_the_api_does(
    tmp_path, monkeypatch, make, language, part_size, mixed
):
    api_site = make(tmp_path / "api" / "site")
    api = search.build_index(api_site, language=language, part_size=part_size)
    assert api.method == "python-api"

    site = make(tmp_path / "cli" / "site")
    reads: dict[Path, int] = {}
    read_text = Path.read_text

    def counted(self, *args, **kwargs):
        if "claims" in self.parts and self.name == "index.html":
            reads[self] = reads.get(self, 0) + 1
        return read_text(self, *args, **kwargs)

    monkeypatch.setattr(search, "OrderedIndexer", _Broken)
    monkeypatch.setattr(Path, "read_text", counted)
    cli = search.build_index(site, language=language, part_size=part_size)
    monkeypatch.undo()
    assert cli.method == "cli" and cli.parts == api.parts
    pages = [path for _, path in search.pages_in_order(site)]
    # Past one part, the split reads each page once before the API runs (_body_pages); with no
    # index language the pages go to Pagefind as they are, unread.
    once = (1 if language else 0) + (cli.parts > 1)
    assert reads == ({path: once for path in pages} if once else {})
    got = [_bundle_contents(b) for b in search.part_bundles(cli.bundle, cli.parts)]
    want = [_bundle_contents(b) for b in search.part_bundles(api.bundle, api.parts)]
    assert got == want
    words = {w for part in got for lang in part["languages"].values() for w in lang["words"]}
    # Stemmed as Pagefind's English stems them; Japanese split into words in a Japanese index.
    assert ({"eleph", "kursk", "失業"} if mixed else {"eleph", "kursk"}) <= words


# --- 3. where quotes first occur ------------------------------------------------------------


def _prose(words: int) -> tuple[str, list[str]]:
    vocab = [f"w{n}" for n in range(500)]
    text = " ".join(vocab[(n * 7919) % 500] for n in range(words))
    wanted = [text[k : k + 40] for k in range(0, len(text) - 40, len(text) // 300)]
    return text, wanted + [q + "zq" for q in wanted]


def test_the_way_quotes_are_looked_up_does_not_depend_on_the_clock(monkeypatch):
    """The same input takes the same way on a loaded machine (a clock that runs fast while the
    finds run) as on an idle one: it depends on the number of quotes and the text's length."""
    taken: list[int] = []
    automaton = quotes._automaton_positions

    def spy(text, wanted):
        taken.append(len(wanted))
        return automaton(text, wanted)

    monkeypatch.setattr(quotes, "_automaton_positions", spy)
    text, wanted = _prose(20_000)
    expected = {q: text.find(q) for q in wanted}
    assert quotes.first_positions(text, wanted) == expected
    idle = list(taken)
    clock = iter(range(10**9))
    monkeypatch.setattr(time, "process_time", lambda: float(next(clock)))  # a second a look
    taken.clear()
    assert quotes.first_positions(text, wanted) == expected
    assert taken == idle == [], "600 quotes of 100 KB: str.find, whatever the clock"
    longer = text * 40  # the same quotes of a text 40 times as long: past the finds' share
    taken.clear()
    assert quotes.first_positions(longer, wanted) == {q: longer.find(q) for q in wanted}
    assert taken == [len(wanted)]


def test_hostile_text_stays_within_a_few_times_the_automatons_time():
    """`aaaa...` against quotes `aa...ab`: each find reads far into every place. At the most
    quotes the rule still gives to `str.find`, and past it, the lookup takes at most a few times
    what the automaton takes alone (which is linear in the text and the quotes)."""
    text = "a" * 400_000

    def hostile(count: int) -> list[str]:
        return [f"{'a' * 20}b{n}" for n in range(count)]

    def chars(count: int) -> int:
        return sum(map(len, hostile(count)))

    most = max(n for n in range(1, 5000) if quotes.uses_find(n, len(text), chars(n)))
    assert 100 < most < 2000
    assert not quotes.uses_find(most + 1, len(text), chars(most + 1))

    def cpu(run) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
        return best

    for count in (most, 4 * most):
        wanted = hostile(count)
        alone = cpu(lambda: quotes._automaton_positions(text, wanted))  # noqa: B023
        taken = cpu(lambda: quotes.first_positions(text, wanted))  # noqa: B023
        assert taken < 25 * alone, (count, taken, alone)
