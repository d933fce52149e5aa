"""Words in another language than the page's, in a real browser: a document's text and the passages
quoted from it (the document's `language`), and people's names (the person's `language`).

Three small sites made with `factcheck init`: an Arabic one (right to left) quoting an English speech,
with English names; a Spanish one quoting a Hebrew speech, with one claim in Hebrew; a Japanese one
with a Korean speaker. Checked: the language each marked text is read in, the side a quote's bar is
on, where punctuation lands around a marked name (element and character boxes, with and without the
isolation), the passages and their rating links (clickable, in reading order), the quote marks, no
sideways scrolling at 360 px, and axe.

Chromium keeps a node's language in its accessibility tree, but neither Playwright's snapshots nor
the DevTools protocol's AX nodes report it; it comes from the nearest `lang`, which is what the
tests read (`closest('[lang]')`, and `:lang()` as the browser matches it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browserkit import goto_path, run_axe, serve

from generator.cli import main
from tests.test_any_language import translate

AXE_TAGS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PHONE_360 = {"width": 360, "height": 740}

# Per site: the document (its language, title, text), the claims (id: claim, the quote from the
# document or None for a post elsewhere, claimant, the claim's own language), the people (id: name,
# language) and the verdicts' summary.
SITES = {
    "ar": {
        "document": (
            "en",
            "Speech at the Economic Club",
            "Thank you all for coming tonight.\n\n"
            "Unemployment doubled between 2022 and 2025, and exports fell by half. "
            "We will build a new hospital in every province.\n\nGod bless you all.\n",
        ),
        "claims": {
            "unemployment": (
                "تضاعفت البطالة بين عامي 2022 و2025.",
                "Unemployment doubled between 2022 and 2025",
                "speaker",
                None,
            ),
            "exports": ("انخفضت الصادرات إلى النصف.", "exports fell by half", "acme", None),
            # Not from the speech (no quote): Acme's claims are listed as "More claims by Acme Corp.".
            "hospital": ("سنبني مستشفى في كل محافظة.", None, "acme", None),
        },
        "people": {
            "speaker": ("Rick Santorum Jr.", "en"),
            "acme": ("Acme Corp.", None),  # no language: a Latin name all the same
            "checker": ("Sam O'Brien", "en"),
            "checker2": ("سارة أحمد", None),
        },
        "summary": "تقول الأرقام الرسمية إن البطالة ارتفعت بنسبة العُشر فقط.",
    },
    "es": {
        "document": (
            "he",
            "Discurso ante la Knéset",
            "תודה שבאתם הערב.\n\n"
            "האבטלה הוכפלה בין 2022 ל-2025, והיצוא ירד בחצי. נבנה בית חולים חדש בכל מחוז.\n\n"
            "תודה רבה.\n",
        ),
        "claims": {
            "unemployment": (
                "El desempleo se duplicó entre 2022 y 2025.",
                "האבטלה הוכפלה בין 2022 ל-2025",
                "speaker",
                None,
            ),
            "exports": (
                "Las exportaciones cayeron a la mitad.",
                "והיצוא ירד בחצי",
                "speaker",
                None,
            ),
            # Hebrew has no catalog: its page is in Spanish, the claim's words in Hebrew.
            "hospital": (
                "נבנה בית חולים חדש בכל מחוז.",
                "נבנה בית חולים חדש בכל מחוז",
                "speaker",
                "he",
            ),
        },
        "people": {
            "speaker": ("בנימין כהן", "he"),
            "checker": ("Ana López", None),
            "checker2": ("Lee Min-ho", "en"),
        },
        "summary": "Las cifras oficiales muestran un aumento de solo una décima parte.",
    },
    "ja": {
        "document": (
            None,
            "経済クラブでの演説",
            "今夜はお越しいただきありがとうございます。\n\n"
            "失業率は2022年から2025年の間に倍増し、輸出は半減しました。\n\nありがとうございました。\n",
        ),
        "claims": {
            "unemployment": (
                "失業率は2022年から2025年の間に倍増した。",
                "失業率は2022年から2025年の間に倍増し",
                "speaker",
                None,
            ),
            "exports": ("輸出は半減した。", "輸出は半減しました", "speaker", None),
        },
        "people": {
            "speaker": ("김민수", "ko"),
            "checker": ("山田花子", None),
            "checker2": ("이지은", "ko"),
        },
        "summary": "公式統計では増加は一割にとどまる。",
    },
}
PAGES = (
    "documents/speech/",
    "claims/unemployment/",
    "claims/exports/",
    "people/speaker/",
    "people/checker2/",
    "people/",
)


POST = "url: https://social.example/post\n    title: A post"


def _q(value: str) -> str:
    """A YAML double-quoted string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _build(root: Path, lang: str) -> Path:
    spec = SITES[lang]
    desk = root / "desk"
    argv = ["init", str(desk), "--name", "Desk", "--url", "https://desk.example/"]
    assert main([*argv, "--language", lang]) == 0
    for po in desk.glob("locale/*/LC_MESSAGES/messages.po"):
        translate(po)  # a language we ship no catalog for (ja): "[msgid]" as its words
    content = desk / "content"
    for pid, (name, tag) in spec["people"].items():
        text = f"name: {_q(name)}\nkind: person\n" + (f"language: {tag}\n" if tag else "")
        (content / "people" / f"{pid}.yaml").write_text(text, "utf-8")
    doc_lang, title, doc_text = spec["document"]
    (content / "documents").mkdir(exist_ok=True)
    (content / "documents" / "speech.yaml").write_text(
        f"title: {_q(title)}\nkind: speech\nauthor: speaker\nurl: https://news.example/speech\n"
        "date: 2025-03-01\n" + (f"language: {doc_lang}\n" if doc_lang else ""),
        "utf-8",
    )
    (content / "documents" / "speech.txt").write_text(doc_text, "utf-8")
    for cid, (claim, quote, claimant, tag) in spec["claims"].items():
        appearance = f"document: speech\n    quote: {_q(quote)}" if quote else POST
        (content / "claims" / f"{cid}.yaml").write_text(
            f"claim: {_q(claim)}\nclaimant: {claimant}\ndate: 2025-03-01\n"
            f"appearances:\n  - {appearance}\n" + (f"language: {tag}\n" if tag else ""),
            "utf-8",
        )
        summary = claim if tag else spec["summary"]  # a claim's verdict is in its language
        (content / "verdicts" / f"{cid}.yaml").write_text(
            f"claim: {cid}\nrating: false\nsummary: {_q(summary)}\nbody: {_q(summary + ' [@stats]')}\n"
            "sources:\n  - id: stats\n    title: Survey\n    url: https://stat.example/s\n"
            "authors: [checker, checker2]\npublished: 2025-03-05\n",
            "utf-8",
        )
    out = root / "site"
    config = str(desk / "mkdocs.yml")
    argv = ["build", "--content", str(content), "--out", str(out), "--config", config]
    assert main([*argv, "--no-search"]) == 0
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """lang -> base URL of that site, built on first use and served until the module ends."""
    import contextlib

    with contextlib.ExitStack() as stack:
        served: dict[str, str] = {}

        def site(lang: str) -> str:
            if lang not in served:
                out = _build(tmp_path_factory.mktemp(f"marked-{lang}"), lang)
                served[lang] = stack.enter_context(serve(out))
            return served[lang]

        yield site


def _open(make_page, sites, lang: str, path: str, **options):
    page, log = make_page(sites(lang), **options)
    goto_path(page, path)
    return page, log


# ---------------------------------------------------------------------------------------------------
# The language each text is read in

LANG_OF = """(needle) => {
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  const out = [];
  let node;
  while ((node = walker.nextNode())) {
    if (!node.data.includes(needle)) continue;
    const el = node.parentElement;
    if (el.closest('.fc-sr, [hidden], h1, textarea')) continue;  // h1: the page's front matter
    const owner = el.closest('[lang]');
    out.push({lang: owner.getAttribute('lang'), matches: el.matches(`:lang(${owner.lang})`)});
  }
  return out;
}"""

LANGUAGE_CASES = [
    # An English speech on an Arabic site: its text, the passage a claim page quotes, the names.
    ("ar", "documents/speech/", "Thank you all for coming tonight.", "en"),
    ("ar", "documents/speech/", "Unemployment doubled between 2022 and 2025", "en"),
    ("ar", "documents/speech/", "خاطئ", "ar"),  # the rating after a passage: our word
    ("ar", "documents/speech/", "Rick Santorum Jr.", "en"),
    ("ar", "claims/unemployment/", "Unemployment doubled between 2022 and 2025", "en"),
    ("ar", "claims/unemployment/", "Sam O'Brien", "en"),
    ("ar", "claims/unemployment/", "سارة أحمد", "ar"),
    ("ar", "people/speaker/", "Rick Santorum Jr.", "en"),
    ("ar", "people/", "Sam O'Brien", "en"),
    # A Hebrew speech on a Spanish site.
    ("es", "documents/speech/", "תודה שבאתם הערב.", "he"),
    ("es", "documents/speech/", "Falso", "es"),
    ("es", "claims/unemployment/", "והיצוא ירד בחצי", "he"),
    ("es", "claims/hospital/", "נבנה בית חולים חדש בכל מחוז.", "he"),
    ("es", "people/", "Lee Min-ho", "en"),
    ("es", "people/", "בנימין כהן", "he"),
    # A Korean speaker on a Japanese site; the Japanese speech is the page's language.
    ("ja", "claims/unemployment/", "김민수", "ko"),
    ("ja", "claims/unemployment/", "이지은", "ko"),
    ("ja", "people/speaker/", "김민수", "ko"),
    ("ja", "documents/speech/", "今夜はお越しいただきありがとうございます。", "ja"),
]


@pytest.mark.parametrize(
    ("lang", "path", "needle", "expected"),
    LANGUAGE_CASES,
    ids=[f"{c[0]}-{c[1].strip('/').replace('/', '-')}-{i}" for i, c in enumerate(LANGUAGE_CASES)],
)
def test_each_text_is_read_in_its_own_language(make_page, sites, lang, path, needle, expected):
    page, log = _open(make_page, sites, lang, path)
    found = page.evaluate(LANG_OF, needle)
    assert found, f"{needle!r} is not shown on /{path}"
    assert all(f["lang"] == expected and f["matches"] for f in found), (needle, found)
    log.assert_clean(f"/{path} of the {lang} site")


# ---------------------------------------------------------------------------------------------------
# Layout in the page's direction

QUOTES = """() => [...document.querySelectorAll('blockquote')].filter(b => b.offsetParent).map(b => {
  const cs = getComputedStyle(b);
  const box = b.getBoundingClientRect();
  const line = b.querySelector('p').getClientRects()[0];
  return {cls: b.closest('.fc-claim__quote') ? 'claim' : b.className, dir: cs.direction,
          left: parseFloat(cs.borderLeftWidth), right: parseFloat(cs.borderRightWidth),
          startGap: cs.direction === 'ltr' ? line.left - box.left : box.right - line.right};
})"""


@pytest.mark.parametrize(
    ("lang", "path"),
    [("ar", "claims/unemployment/"), ("es", "claims/unemployment/"), ("es", "claims/hospital/")],
)
def test_a_quote_in_the_other_direction_has_its_bar_where_its_lines_start(
    make_page, sites, lang, path
):
    """An English passage on an Arabic page had its bar on the right, its lines starting on the
    left; a Hebrew claim on a Spanish page had two bars, one on each side."""
    page, log = _open(make_page, sites, lang, path, viewport=PHONE_360)
    quotes = page.evaluate(QUOTES)
    assert {q["cls"] for q in quotes} >= {"claim", "fc-context"}, quotes
    for q in quotes:
        start, end = ("left", "right") if q["dir"] == "ltr" else ("right", "left")
        assert q[start] > 0 and q[end] == 0, q  # one bar, on the side the lines start
        assert 0 < q["startGap"] < 30, q  # the text starts just past it
    log.assert_clean(f"/{path}")


# Each shown occurrence of `name`: the box of its last character (a full stop) and of the one before,
# and the direction of the element it is in. `isolated` false: the same, with the isolation taken off.
NAME_ENDS = """([name, isolated]) => {
  const root = document.querySelector('article');
  if (!isolated) for (const el of root.querySelectorAll('bdi, [dir], h1, a'))
    el.style.unicodeBidi = 'normal';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const box = (node, i) => {
    const r = document.createRange();
    r.setStart(node, i);
    r.setEnd(node, i + 1);
    return r.getBoundingClientRect();
  };
  const out = [];
  let node;
  while ((node = walker.nextNode())) {
    const at = node.data.indexOf(name);
    const el = node.parentElement;
    if (at < 0 || !el.offsetParent || el.closest('.fc-sr')) continue;
    const last = box(node, at + name.length - 1), before = box(node, at + name.length - 2);
    if (last.top !== before.top) continue;  // the line broke inside the name
    out.push({in: el.tagName, stopAfter: last.left >= before.right - 1});
  }
  return out;
}"""


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("people/acme/", "Acme Corp."),
        ("people/speaker/", "Rick Santorum Jr."),
        ("people/", "Acme Corp."),
        ("claims/exports/", "Acme Corp."),  # "More claims by Acme Corp."
    ],
)
def test_a_latin_name_keeps_its_full_stop_at_its_end_on_an_arabic_page(
    make_page, sites, path, name
):
    """ "Acme Corp." on its own Arabic page read ".Acme Corp" in the title, the headings, the caveat
    and the table's caption: a name without `language` was set in the sentence as it was."""
    page, log = _open(make_page, sites, "ar", path, viewport=PHONE_360)
    shown = page.evaluate(NAME_ENDS, [name, True])
    assert shown, f"{name} is not shown on /{path}"
    wrong = [s for s in shown if not s["stopAfter"]]
    assert not wrong, f"the full stop of {name} jumped to its start in {wrong} (all: {shown})"
    # The isolation is what does it: without it, the stop jumps (so the test measures something).
    assert not all(s["stopAfter"] for s in page.evaluate(NAME_ENDS, [name, False]))
    log.assert_clean(f"/{path}")


# Each name (a bdi or an element with lang) in a list item, and the list's comma after it: in the
# page's direction, the comma comes after the name (to its left on a right-to-left page).
COMMA_AFTER = """() => [...document.querySelectorAll('.fc-item__meta bdi')].map(b => {
  const text = b.nextSibling;
  const r = document.createRange();
  r.setStart(text, 0);
  r.setEnd(text, 1);
  const comma = r.getBoundingClientRect(), name = b.getBoundingClientRect();
  const rtl = getComputedStyle(b.parentElement).direction === 'rtl';
  return {name: b.textContent, comma: text.data[0],
          after: rtl ? comma.right <= name.left + 1 : comma.left >= name.right - 1};
})"""


@pytest.mark.parametrize(("lang", "path"), [("ar", "people/speaker/"), ("es", "documents/speech/")])
def test_the_comma_after_a_name_in_a_list_follows_it(make_page, sites, lang, path):
    page, log = _open(make_page, sites, lang, path, viewport=PHONE_360)
    names = page.evaluate(COMMA_AFTER)
    assert names and all(n["after"] for n in names), names
    log.assert_clean(f"/{path}")


# ---------------------------------------------------------------------------------------------------
# Passages and their ratings

PASSAGES = """() => {
  const text = document.querySelector('.fc-doc-text');
  const rtl = getComputedStyle(text).direction === 'rtl';
  const hit = el => {
    el.scrollIntoView({block: 'center'});
    const b = el.getClientRects()[0];
    const at = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return !!at && (at === el || el.contains(at));
  };
  return [...text.querySelectorAll('a.fc-passage')].map(a => {
    const chip = a.nextElementSibling;
    const end = [...a.getClientRects()].pop(), c = chip.getBoundingClientRect();
    const next = chip.nextSibling, r = document.createRange();
    r.setStart(next, 0);
    r.setEnd(next, 1);
    const p = r.getBoundingClientRect();
    const follows = (x, y) => Math.abs(x.top - y.top) > 4 || (rtl ? y.right <= x.left + 1 : y.left >= x.right - 1);
    return {href: a.getAttribute('href'), chipHref: chip.getAttribute('href'),
            passageClickable: hit(a), chipClickable: hit(chip),
            chipAfterPassage: follows(end, c), punctuationAfterChip: follows(c, p)};
  });
}"""


@pytest.mark.parametrize(("lang", "width"), [("ar", 360), ("ar", 1280), ("es", 360), ("es", 1280)])
def test_passages_and_their_ratings_are_clickable_and_in_reading_order(
    make_page, sites, lang, width
):
    """An English text on an Arabic page and a Hebrew one on a Spanish page: each passage, then its
    rating, then the text's punctuation, in the text's direction; each reachable by pointer and by
    Tab in that order."""
    page, log = _open(
        make_page, sites, lang, "documents/speech/", viewport={"width": width, "height": 800}
    )
    passages = page.evaluate(PASSAGES)
    assert len(passages) == sum(1 for c in SITES[lang]["claims"].values() if c[1]), passages
    for p in passages:
        assert p["href"] == p["chipHref"], p
        assert all(p[k] for k in ("passageClickable", "chipClickable")), p
        assert p["chipAfterPassage"] and p["punctuationAfterChip"], p
    expected = [h for p in passages for h in (p["href"], p["chipHref"])]
    page.locator(".fc-doc-text a").first.focus()
    order = [page.evaluate("document.activeElement.getAttribute('href')")]
    for _ in expected[1:]:
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.getAttribute('href')"))
    assert order == expected
    page.locator(".fc-doc-text a.fc-passage__rating").first.click()
    page.wait_for_url("**/claims/unemployment/")
    log.assert_clean(f"the text of the {lang} site's speech")


def test_quote_marks_are_those_of_the_quoted_words(make_page, sites):
    """The claim in Hebrew on a Spanish page is quoted with Hebrew marks, the Japanese claim with
    corner brackets; the passage quoted from the document gets none of its own."""
    marks = """() => {
      const claim = document.querySelector('.fc-claim__quote blockquote p');
      const context = document.querySelector('blockquote.fc-context p');
      return {quotes: getComputedStyle(claim).quotes,
              before: getComputedStyle(claim, '::before').content,
              context: getComputedStyle(context, '::before').content};
    }"""
    page, log = _open(make_page, sites, "es", "claims/hospital/")
    hebrew = page.evaluate(marks)
    assert hebrew == {"quotes": '"„" "”" "‚" "’"', "before": "open-quote", "context": "none"}
    page, log = _open(make_page, sites, "ja", "claims/unemployment/")
    assert page.evaluate(marks)["quotes"].startswith('"「" "」"')
    log.assert_clean("the Japanese claim")


# ---------------------------------------------------------------------------------------------------
# Phones and axe


@pytest.mark.parametrize("lang", SITES)
def test_no_sideways_scrolling_and_no_axe_violation(make_page, sites, lang):
    page, log = make_page(sites(lang), viewport=PHONE_360)
    paths = [*PAGES, "claims/hospital/"] if "hospital" in SITES[lang]["claims"] else PAGES
    found = {}
    for path in paths:
        goto_path(page, path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_360["width"]:
            found[path] = f"{width}px wide"
        violations = run_axe(page, AXE_TAGS)
        if violations:
            found[path] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    assert not found, found
    log.assert_clean(f"the {lang} site at 360 px")


@pytest.mark.parametrize(
    ("lang", "name", "tag"), [("ar", "Rick Santorum Jr.", "en"), ("ja", "김민수", "ko")]
)
def test_a_persons_page_title_is_read_in_the_names_language(make_page, sites, lang, name, tag):
    """The title of a person's page is the name alone: it is in the name's language, in the page's
    heading and in the header, as the name is everywhere else on the page."""
    page, log = _open(make_page, sites, lang, "people/speaker/")
    title = page.locator("article h1")
    assert title.text_content() == name
    assert title.get_attribute("lang") == tag
    assert page.locator(".md-header__topic .md-ellipsis[lang]").first.get_attribute("lang") == tag
    log.assert_clean(f"the {lang} site's person page")
