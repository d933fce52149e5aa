"""A newsroom in a language the package ships no catalog for (Polish, Hebrew, Persian, Japanese)
walks the whole path: `factcheck init`, its own catalog translated, the starter text and
mkdocs.yml translated, claims added, `factcheck build`. Then every page type a reader meets is read
as the reader would: no English word of our catalog on it, dates, digits and plural forms as CLDR
has them for the language, right to left where the language is. And what the newsroom is told on
the way: which file to translate, how many strings are left.

The translations are a translator's stand-in: each English word of a msgstr gets a letter of the
language's script in front (`Sources` -> `żSources`, `שSources`), plural form i gets i + 1 of
them, so a page shows which form gettext chose and an English word left over stands out."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from generator.cli import main
from generator.engines import zensical
from generator.i18n import Text, messages, template_ids
from generator.render.core import template_language

URL = "https://desk.example.org/"
# A letter of each language's script, put before every word we translate.
MARK = {"pl": "ż", "he": "ש", "fa": "پ", "ja": "ヤ"}
# Placeholders, markup, entities, code and citations: left as they are in a translation.
_KEEP = re.compile(
    r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdfi]|%%|<[^>]*>|&\w+;|`[^`]*`|\[[@\[][^\]]*\]\]?"
)


def say(text: str, mark: str) -> str:
    """`text` 'translated': each run of Latin letters outside placeholders and markup marked."""
    out, at = [], 0
    for m in [*_KEEP.finditer(text), None]:
        end = m.start() if m else len(text)
        out.append(re.sub(r"[A-Za-z]+", lambda w: mark + w[0], text[at:end]))
        if m:
            out.append(m[0])
            at = m.end()
    return "".join(out)


def translate_catalog(po: Path, mark: str, leave: tuple[str, ...] = ()) -> None:
    """Every msgstr written (plural form i with i + 1 marks), but those of `leave`."""
    with po.open("rb") as f:
        catalog = read_po(f)
    for m in catalog:
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            forms = range(catalog.num_plurals)
            m.string = tuple(say(m.id[min(n, 1)], mark * (n + 1)) for n in forms)
        else:
            m.string = "" if m.id in leave else say(m.id, mark)
    buf = io.BytesIO()
    write_po(buf, catalog)
    po.write_bytes(buf.getvalue())
    messages.cache_clear()  # one `factcheck` command reads it once


def translate_site(site: Path, mark: str) -> None:
    """What init's notes ask the newsroom to translate: the lists' labels and descriptions, the
    pages (their ✎ notes done), and mkdocs.yml's navigation and texts."""
    for name in ("ratings.yaml", "topics.yaml"):
        path = site / "content" / name
        lines = [x for x in path.read_text("utf-8").splitlines() if not x.startswith("#")]
        text = re.sub(
            r'^(\s*-?\s*(?:label|description)): "(.*)"$',
            lambda m: f'{m[1]}: "{say(m[2], mark)}"',
            "\n".join(lines),
            flags=re.M,
        )
        path.write_text(text + "\n", "utf-8")
    for path in (site / "content" / "pages").glob("*.md"):
        head, body = path.read_text("utf-8")[4:].split("\n---\n", 1)
        head = "\n".join(x for x in head.splitlines() if not x.startswith(("factcheck:", "#")))
        head = re.sub(r'^(title|description): "?(.*?)"?$', lambda m: f'{m[1]}: "{say(m[2], mark)}"', head, flags=re.M)  # fmt: skip
        body = "\n".join(x for x in body.splitlines() if "✎" not in x)
        path.write_text(f"---\n{head}\n---\n{say(body, mark)}\n", "utf-8")
    config = site / "mkdocs.yml"
    text = re.sub(
        r'^(\s*- |site_description: |copyright: |\s+name: )"([^"]+)"',
        lambda m: f'{m[1]}"{say(m[2], mark)}"',
        config.read_text("utf-8"),
        flags=re.M,
    )
    config.write_text(text.replace("page_size: 100", "page_size: 2"), "utf-8")


def add_claims(site: Path, mark: str, extra: dict[str, str] | None = None) -> None:
    """Three fact checks from one speech: two on politics, one on the economy (page 2 of the
    claims list at two a page; a topic with 2 claims, a person with 3). `extra`: claim id ->
    language, for claims written in another language than the site's."""
    c = site / "content"
    (c / "people" / "minister.yaml").write_text(
        f'name: "{say("Minister", mark)}"\nkind: person\n', "utf-8"
    )
    (c / "people" / "editor.yaml").write_text(
        f'name: "{say("Editor", mark)}"\nkind: person\n', "utf-8"
    )
    (c / "documents" / "speech.yaml").write_text(
        f'title: "{say("Budget speech", mark)}"\nkind: speech\ndate: 2026-02-01\n'
        f'publisher: "{say("Radio", mark)}"\nurl: "https://radio.example/speech"\n',
        "utf-8",
    )
    claims = {f"claim-{i}": "" for i in (1, 2, 3)} | (extra or {})
    for i, (cid, lang) in enumerate(claims.items(), 1):
        words = say(f"Bread costs twice as much {i}", mark)
        topic = "economy" if i == 3 else "politics"
        (c / "claims" / f"{cid}.yaml").write_text(
            f'claim: "{words}"\nclaimant: minister\ndate: 2026-03-0{i}\n'
            + (f"language: {lang}\n" if lang else "")
            + f'appearances:\n  - document: speech\n    quote: "{words}"\ntopics: [{topic}]\n',
            "utf-8",
        )
        (c / "verdicts" / f"{cid}.yaml").write_text(
            f'claim: {cid}\nrating: false\nsummary: "{say("It rose ten percent.", mark)}"\n'
            f'body: "{say("The statistics office says so", mark)} [@stats]."\n'
            f'sources:\n  - id: stats\n    title: "{say("Prices", mark)}"\n'
            f'    url: "https://stats.example/prices"\nauthors: [editor]\n'
            f"published: 2026-03-1{i}\n",
            "utf-8",
        )


def init(root: Path, lang: str) -> tuple[Path, str]:
    import contextlib

    site = root / f"desk-{lang}"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["init", str(site), "--name", say("Desk", MARK[lang]), "--url", URL, "--language", lang])  # fmt: skip
    assert code == 0
    return site, out.getvalue()


def build(site: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.chdir(site)
    return main(["build", "--no-search", "--content", "content", "--out", "site", "--config", "mkdocs.yml"])  # fmt: skip


def visible_text(page: str) -> str:
    """What a reader sees or hears: the text, and what screen readers and tooltips say. Not the
    embed code a reader copies (HTML, in its <textarea>)."""
    page = re.sub(r"<(script|style|template|textarea)\b.*?</\1>", " ", page, flags=re.S)
    labels = re.findall(r'\s(?:aria-label|title|placeholder|alt)="([^"]*)"', page)
    meta = re.findall(r'<meta (?:name|property)="(?:description|og:title|og:description)" content="([^"]*)"', page)  # fmt: skip
    return html.unescape(" | ".join([re.sub(r"<[^>]+>", " ", page), *labels, *meta]))


def catalog_words() -> set[str]:
    """Every English word of the strings the package writes on pages (3 letters or more)."""
    words: set[str] = set()
    for message in template_ids():
        message = re.sub(r"%\(\w+\)\S|<[^>]*>", " ", message)
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", message)}
    return words


def english_words(text: str, words: set[str]) -> list[str]:
    """Our catalog's English words in `text`, as whole words (a marked `żSources` is not one).
    Names are no words to translate: the format "JSON Feed" (as Atom), the footer's "Material
    for MkDocs"."""
    text = text.replace("(JSON Feed)", "").replace("Material for MkDocs", "")
    found = re.findall(r"(?<![\w/.#@:-])[A-Za-z]{3,}(?![\w/.@:-])", text)
    return sorted({w for w in found if w.lower() in words})


# Every page type a reader of the site meets.
PAGES = {
    "home": "index.html",
    "claim": "claims/claim-1/index.html",
    "rating": "ratings/false/index.html",
    "ratings": "ratings/index.html",
    "topic": "topics/politics/index.html",
    "person": "people/minister/index.html",
    "document": "documents/speech/index.html",
    "sources": "sources/index.html",
    "claims page 2": "claims/page/2/index.html",
    "corrections": "corrections/index.html",
    "404": "404.html",
    "methodology": "methodology/index.html",
}
# The claim's day (2026-03-01) in CLDR's long format, in the language's digits.
DAYS = {"pl": "1 marca 2026", "he": "1 במרץ 2026", "fa": "۱ مارس ۲۰۲۶", "ja": "2026年3月1日"}
# The gettext form each count takes: Polish 2 and 3 "few", Hebrew 2 its dual and 3 "other",
# Persian 1 and 2 apart, Japanese one form for all.
FORMS = {
    "pl": {1: 0, 2: 1, 3: 1},
    "he": {1: 0, 2: 1, 3: 2},
    "fa": {1: 0, 2: 1, 3: 1},
    "ja": {1: 0, 2: 0, 3: 0},
}
DIGITS = {"fa": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Each language's site, walked as its newsroom walks it, built once for the module."""
    out: dict[str, tuple[Path, str]] = {}
    root = tmp_path_factory.mktemp("languages")
    with pytest.MonkeyPatch.context() as mp:
        for lang, mark in MARK.items():
            site, said = init(root, lang)
            translate_catalog(site / "locale" / lang / "LC_MESSAGES" / "messages.po", mark)
            translate_site(site, mark)
            add_claims(site, mark)
            assert build(site, mp) == 0
            out[lang] = (site / "site", said)
    return out


@pytest.mark.parametrize("lang", list(MARK))
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_english_word_of_our_catalog_on_any_page(built, lang, kind):
    page = (built[lang][0] / PAGES[kind]).read_text("utf-8")
    assert english_words(visible_text(page), catalog_words()) == []


@pytest.mark.parametrize("lang", list(MARK))
def test_the_feeds_and_the_search_words_are_in_the_language(built, lang):
    site = built[lang][0]
    words = catalog_words()
    atom = html.unescape(re.sub(r"<[^>]+>", " ", (site / "feed.xml").read_text("utf-8")))
    assert english_words(atom, words) == []
    assert f'xml:lang="{lang}"' in (site / "feed.xml").read_text("utf-8")
    feed = json.loads((site / "feed.json").read_text("utf-8"))
    assert feed["language"] == lang
    said = [feed["title"], *(i[k] for i in feed["items"] for k in ("title", "summary") if k in i)]
    assert len(said) > 2 and english_words(" ".join(said), words) == []
    js = (site / "assets" / "search" / "search.js").read_text("utf-8")
    config = json.loads(js[js.index("/*@config*/") + 11 : js.index("/*@end*/")])
    assert config["lang"] == lang
    strings = " ".join(
        [*config["strings"]["facets"].values(), *config["strings"]["found"].values()]
        + [v for v in config["strings"].values() if isinstance(v, str)]
    )
    assert english_words(strings, words) == []
    box = (site / "index.html").read_text("utf-8")
    box = box[box.index('<div class="fc-search"') :][:3000]
    assert english_words(visible_text(box), words) == []


@pytest.mark.parametrize("lang", list(MARK))
def test_dates_digits_and_plural_forms_are_the_languages(built, lang):
    site = built[lang][0]
    digits = DIGITS.get(lang, {})
    claim = visible_text((site / PAGES["claim"]).read_text("utf-8"))
    assert DAYS[lang] in claim
    home = " ".join(visible_text((site / "index.html").read_text("utf-8")).split())
    mark = MARK[lang]
    for n, form in FORMS[lang].items():  # "(2 ששclaims)": topic politics, 2 claims, Hebrew's dual
        said = f"({str(n).translate(digits)} {mark * (form + 1)}{'claims' if form else 'claim'})"
        assert re.search(rf"{re.escape(said)}", home), (said, home[:3000])
    if digits:  # Persian writes every number on the page in its own digits
        assert "(3 " not in home and "2026" not in claim.replace("/2026", "")


@pytest.mark.parametrize("lang", list(MARK))
def test_right_to_left_languages_are_written_right_to_left(built, lang):
    rtl = lang in ("he", "fa")
    for path in PAGES.values():
        page = (built[lang][0] / path).read_text("utf-8")
        assert f'<html lang="{lang}"' in page
        assert re.search(r'<body dir="rtl"' if rtl else r'<body dir="ltr"', page), path


@pytest.mark.parametrize("lang", list(MARK))
def test_init_names_the_catalog_and_how_many_strings_are_left(built, lang):
    said = built[lang][1]
    catalog = Path(f"desk-{lang}", "locale", lang, "LC_MESSAGES", "messages.po").as_posix()
    line = next(x for x in said.splitlines() if f"{catalog}:" in x)
    assert f"the {len(template_ids())} strings every page is framed with" in line


def test_a_build_names_the_catalog_and_the_strings_left(tmp_path, caplog, monkeypatch):
    site, _ = init(tmp_path, "pl")
    po = site / "locale" / "pl" / "LC_MESSAGES" / "messages.po"
    translate_catalog(po, "ż", leave=("All claims",))
    assert build(site, monkeypatch) == 1
    err = caplog.text
    assert "locale/pl/LC_MESSAGES/messages.po" in err
    assert f"leaves 1 of the package's {len(template_ids())} strings untranslated" in err
    assert "'All claims'" in err


@pytest.mark.parametrize(
    ("lang", "want"),
    [
        ("fa", "۱۲٫۵٪ · ۱٬۲۳۴"),
        ("ar_EG", "١٢٫٥٪ · ١٬٢٣٤"),
        ("de", "12,5% · 1.234"),
        ("en", "12.5% · 1,234"),
    ],
)
def test_a_decimal_placeholder_is_written_in_the_languages_digits(lang, want):
    """`%(share).1f` wrote 12.5 on a Persian page beside ۱٬۲۳۴ (only `%(num)d` was the
    language's); a translator writes the percent sign (٪) in the msgstr."""
    sign = "٪" if lang in ("fa", "ar_EG") else "%%"
    message = Text(f"%(share).1f{sign} · %(num)d", lang)
    assert message % {"share": 12.5, "num": 1234} == want
    # As a template of a site's own calls it (newstyle gettext, values escaped)
    _ = template_language(messages(lang.replace("_", "-")))["_"]
    assert str(_(f"%(share).1f{sign} · %(num)d", share=12.5, num=1234)) == want


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_language_list_marks_the_languages_name_in_the_header(tmp_path, monkeypatch, engine):
    """/languages/ja/ on a Polish site with claims in Japanese and Hebrew (no catalog for
    either): its title is Polish around the language's name, and the header said 日本語 and
    עברית in Polish, as the <h1> did not."""
    if engine == "zensical" and not zensical.available():
        pytest.skip("zensical not installed (.[zensical])")
    site, _ = init(tmp_path, "pl")
    translate_catalog(site / "locale" / "pl" / "LC_MESSAGES" / "messages.po", "ż")
    add_claims(site, "ż", {"tokyo": "ja", "jerusalem": "he"})
    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("engine: mkdocs", f"engine: {engine}"))
    assert build(site, monkeypatch) == 0
    for tag, name, way in (("ja", "日本語", "ltr"), ("he", "עברית", "rtl")):
        page = (site / "site" / "languages" / tag / "index.html").read_text("utf-8")
        header = page[page.index('data-md-component="header-topic"') :][:400]
        marked = f'<span lang="{tag}" dir="{way}">{name}</span>'
        assert re.search(rf"żFact żchecks żin {re.escape(marked)}", header), header
        assert marked in re.search(r"<h1>.*?</h1>", page)[0]
        assert '<html lang="pl"' in page
    own = (site / "site" / "languages" / "pl" / "index.html").read_text("utf-8")
    header = own[own.index('data-md-component="header-topic"') :][:400]
    assert "żFact żchecks żin Polski" in header and "lang=" not in header.split("</div>")[0]


def test_the_stand_in_translation_leaves_no_english_word():
    """The check above would pass on a page with no text: here it finds what it must."""
    words = catalog_words()
    assert english_words("żOur żverdict · Sources (3)", words) == ["Sources"]
    assert english_words(say("Our verdict %(num)d <a href='x'>Sources</a>", "ż"), words) == []
