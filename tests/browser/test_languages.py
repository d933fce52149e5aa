"""The same content published in another language: every word the tool writes is in that language.

The small fixture tree is built three times, with theme.language en, es and ar. The content is the
same in all three, so a text node that reads the same in the English and the Spanish build is either
the content itself or a tool string nobody translated. Text nodes are compared page by page in
Chromium, as a reader sees them (the search panel's own strings included).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from browserkit import serve

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from factories import MINI, write_config  # noqa: E402

PAGES = [
    "",
    "claims/",
    "claims/unemployment-doubled/",
    "claims/new-hospital/",
    "ratings/",
    "topics/",
    "people/",
    "people/jane-doe/",
    "documents/",
    "sources/",
    "corrections/",
]
# Text nodes of the page as a reader sees them (visible or read out), in document order.
TEXT_NODES = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest("script, style, noscript, svg, [hidden]")) continue;
    const text = n.textContent.replace(/\\s+/g, " ").trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll("[aria-label], [placeholder], [title]")) {
    for (const a of ["aria-label", "placeholder", "title"]) {
      const v = el.getAttribute(a);
      if (v) out.push(v.trim());
    }
  }
  return out;
}"""
LETTERS = re.compile(r"[^\W\d_]{2,}")
# Names that stay the same in every language: the theme's, and the feed formats'.
NAMES = re.compile(r"material for mkdocs|\((atom|json feed)\)")
COMMIT = re.compile(r"^[0-9a-f]{7,40}$")


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _content_corpus(content: Path, config: Path) -> str:
    """Every text the site's own files hold: a text node inside it is content, not the tool's."""
    parts = []
    for path in sorted(content.rglob("*")):
        if path.suffix in (".yaml", ".yml"):
            parts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
        elif path.suffix in (".md", ".txt"):
            parts.append(path.read_text(encoding="utf-8"))
    parts += _strings(yaml.safe_load(config.read_text(encoding="utf-8")))
    return _norm("\n".join(parts))


def _translated_as_is(language: str) -> set[str]:
    """Strings the language's catalog translates with the same words, on purpose."""
    from babel.messages.pofile import read_po

    from generator.i18n import LOCALE_DIR

    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return {m.id for m in read_po(f) if isinstance(m.id, str) and m.id and m.string == m.id}


def _is_content(text: str, corpus: str) -> bool:
    """The text is the site's own (a name, a quote, a note), give or take punctuation around it."""
    core = NAMES.sub("", _norm(text))
    core = re.sub(r"^[\W_]+|[\W_]+$", "", core)
    return not LETTERS.search(core) or COMMIT.match(core) is not None or core in corpus


def _norm(text: str) -> str:
    return " ".join(text.replace("“", '"').replace("”", '"').replace("’", "'").split()).lower()


def _build(tmp: Path, language: str, site_name: str | None = None) -> Path:
    config = write_config(tmp / language, MINI, site_dir=tmp / language / "site")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"]["language"] = language
    if site_name:
        data["site_name"] = site_name
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"].pop("locale", None)  # dates in the language's own form
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from generator.build import build; "
        "sys.exit(build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))"
    )
    out = tmp / language / "site"
    proc = subprocess.run(
        [sys.executable, "-c", code, str(MINI), str(out), str(config)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Iterator[dict[str, str]]:
    tmp = tmp_path_factory.mktemp("languages")
    roots = {lang: _build(tmp, lang) for lang in ("en", "es", "ar")}
    with serve(roots["en"]) as en, serve(roots["es"]) as es, serve(roots["ar"]) as ar:
        yield {
            "en": en.rstrip("/"),
            "es": es.rstrip("/"),
            "ar": ar.rstrip("/"),
            "config": str(tmp / "es" / "mkdocs.yml"),
        }


def _texts(page, base: str, path: str) -> list[str]:
    page.goto(base + "/" + path)
    page.wait_for_load_state("networkidle")
    # Open the search panel so its labels and status line are on the page too.
    box = page.locator(".fc-search__input")
    if box.count() and box.first.is_visible():
        box.first.focus()
    return page.evaluate(TEXT_NODES)


@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_tool_string_is_left_in_english(sites, make_page, language):
    corpus = _content_corpus(MINI, Path(sites["config"]))
    same = _translated_as_is(language)
    en_page, _ = make_page(sites["en"])
    page, log = make_page(sites[language])
    untranslated: dict[str, set[str]] = {}
    for path in PAGES:
        english = set(_texts(en_page, sites["en"], path))
        for text in _texts(page, sites[language], path):
            if text in english and LETTERS.search(text) and not _is_content(text, corpus):
                if text in same:  # the language writes it the same ("Original" in Spanish)
                    continue
                untranslated.setdefault(text, set()).add(path or "/")
    assert not untranslated, "still in English:\n" + "\n".join(
        f"  {t!r} on {sorted(p)}" for t, p in sorted(untranslated.items())
    )
    log.assert_clean(f"{language} pages")


def test_the_spanish_site_reads_in_spanish(sites, make_page):
    page, log = make_page(sites["es"])
    page.goto(sites["es"] + "/claims/unemployment-doubled/")
    assert page.locator("html").get_attribute("lang") == "es"
    text = page.locator("article.fc-claim").inner_text()
    assert "1 de marzo de 2025" in text  # CLDR's long date, not an English month
    ld = page.locator('script[type="application/ld+json"]').all_text_contents()
    assert len(ld) == 1 and '"ClaimReview"' in ld[0]
    # The search box answers in Spanish too.
    page.locator(".fc-search__input").first.fill("unemployment")
    status = page.locator(".fc-search__status")
    status.filter(has_text=re.compile(r"\d")).wait_for(timeout=15_000)
    english = {"claim found", "claims found", "No claims match", "Searching"}
    assert not any(e in status.inner_text() for e in english), status.inner_text()
    log.assert_clean("spanish claim page")


def test_the_arabic_site_is_right_to_left_without_overflow(sites, make_page):
    page, log = make_page(sites["ar"], viewport={"width": 375, "height": 667})
    for path in PAGES:
        page.goto(sites["ar"] + "/" + path)
        assert page.locator("body").get_attribute("dir") == "rtl", path
        direction = page.evaluate(
            "() => getComputedStyle(document.querySelector('main')).direction"
        )
        assert direction == "rtl", path
        assert page.locator("html").get_attribute("lang") == "ar", path
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{path}: {overflow}px wider than a 375px phone"
    log.assert_clean("arabic pages")


def test_the_arabic_search_panel_opens_on_the_screen_of_a_desktop(sites, make_page):
    """The panel was pinned to its box's right edge; on a right-to-left page the box is at the
    left of the header, so at 1280 px the panel started 358 px off the screen and the page
    scrolled sideways."""
    page, log = make_page(sites["ar"], viewport={"width": 1280, "height": 800})
    page.goto(sites["ar"] + "/claims/")
    page.locator(".fc-search__input").first.fill("unemployment")
    page.locator(".fc-search__result").first.wait_for(timeout=15_000)
    box = page.locator(".fc-search__panel").bounding_box()
    assert box is not None and box["width"] > 300
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, box
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{overflow}px wider than the window"
    # "What we found" has its bar on the reading side: the right.
    page.goto(sites["ar"] + "/claims/unemployment-doubled/")
    summary = page.locator(".fc-summary").first
    assert summary.evaluate("e => getComputedStyle(e).borderRightWidth") != "0px"
    assert summary.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
    # The quote's text keeps its distance from its bar, on the right; the embed code reads LTR.
    quote = page.locator(".fc-claim__quote blockquote")
    assert quote.evaluate("e => getComputedStyle(e).paddingRight") != "0px"
    assert quote.evaluate("e => getComputedStyle(e).paddingLeft") == "0px"
    assert page.locator("#fc-embed-code").get_attribute("dir") == "ltr"
    # Share bars fill from the right.
    page.goto(sites["ar"] + "/")
    bar = page.locator(".fc-bar").first
    assert "to left" in bar.evaluate("e => getComputedStyle(e).backgroundImage")
    log.assert_clean("arabic search panel")


# Where the first letter of a one-line title stands, and the box that clips it.
FIRST_LETTER = """(el) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode();
  while (node && !node.textContent.trim()) node = walker.nextNode();
  const at = node.textContent.search(/\\S/);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + 1);
  const letter = range.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  return {letter: [letter.left, letter.right], box: [box.left, box.right]};
}"""


def test_a_long_latin_site_name_keeps_its_start_on_an_arabic_phone(tmp_path, make_page):
    """The drawer's title (and the header's) is the site's name on one line, cut when too long. On
    a right-to-left page a name in Latin letters lost its start: "…Desk of Exampleton"."""
    name = "Open Fact Desk of the Greater Exampleton Metropolitan Region"
    with serve(_build(tmp_path, "ar", site_name=name)) as base:
        page, log = make_page(base.rstrip("/"), viewport={"width": 375, "height": 667})
        page.goto(base.rstrip("/") + "/claims/")
        page.locator(".fc-drawer-button").first.click()
        title = page.locator('.md-nav--primary .md-nav__title[for="__drawer"]')
        title.wait_for(state="visible")
        header = page.locator(".md-header__topic .md-ellipsis").first
        for where, el in (("drawer", title), ("header", header)):
            assert name in el.inner_text(), where
            found = el.evaluate(FIRST_LETTER)
            (left, right), (box_left, box_right) = found["letter"], found["box"]
            assert box_left - 1 <= left and right <= box_right + 1, (where, found)
        log.assert_clean("arabic drawer")
