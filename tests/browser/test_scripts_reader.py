"""Readers of a Japanese or Hebrew fact-check site, on a phone (360 x 740) and a desktop.

Two small sites made with `factcheck init` (no starter text ships for ja or he: the catalog is
translated here as a translator would, each msgstr the msgid in brackets), each with claims whose
text, names and sources are in the site's script: long Japanese sentences without a space, a Korean
name, a Hebrew claim with Latin digits and parentheses, a source address far wider than a phone.
What is checked is what a reader sees: nothing wider than the screen, where lines break, the claim's
quotation marks, right-to-left order, search by a word inside a sentence, and the printed page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browserkit import goto_path, serve, wait_for_search

from generator.cli import main
from tests.test_any_language import translate  # every msgstr written, in brackets

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

LONG_URL = "https://stat.example/data/" + "rodoryoku-chosa-kekka-" * 8 + "2025.html"

# A Japanese sentence of 120 characters with no space, and a Latin word inside a Japanese one.
JA_LONG = (
    "東京都の完全失業率は二千二十二年から二千二十五年までの間に二倍以上に上昇し"
    "若年層では三人に一人が職を失ったと知事は記者会見で繰り返し述べたが"
    "総務省統計局の労働力調査の数字はこの主張を裏付けていない"
)
JA_LATIN = "政府のCOVID-19対策予算のうちInternationalization関連の支出は全体の半分を占めた"
# Small kana and the long-vowel mark, which strict Japanese line breaking never puts at a line's start.
JA_KANA = (
    "ちょっとしたショッピングセンターのキャッシュレス決済はちゃんとチェックしてから"
    "シャッターを下ろしたっきりでしょうとジョッキーはぼやいていたっけ"
)
SMALL_KANA = "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー"
KO_CLAIM = "서울의 평균 월세는 지난 오 년 동안 두 배로 올랐고 청년가구의 절반이 소득의 삼분의일이상을 주거비로 쓴다"
ZH_CLAIM = "臺北市的白米價格在一年之內上漲了三倍而且政府的統計資料完全沒有反映這個變化"
HE_CLAIM = "שיעור האבטלה עלה ל-12.5% (לפי הלמ״ס) בשנת 2024, פי 3 מאשר ב-2020"

JA = {
    "tag": "ja",
    "name": "検証デスク",
    "people": {
        "chiji": (
            "東京都知事",
            "東京都の行政の長として二千二十年から都政を担う政治家で記者会見を毎週開いている",
        ),
        "kim": ("김민준", "서울시 경제정책 자문위원"),
        "kisha": ("山田花子", "検証記者"),
    },
    "claims": {
        # id -> (claimant, claim, title, a word inside the claim that is not at its start)
        "tokyo-unemployment": ("chiji", JA_LONG, "東京の失業率は二倍になったのか", "統計局"),
        "covid-budget": ("kim", JA_LATIN, "コロナ対策予算の半分は国際化関連か", "対策予算"),
        "cashless": ("chiji", JA_KANA, "キャッシュレス決済は確認済みか", "決済"),
    },
    # Claims made in another language of the region: id -> (claimant, language, claim, title)
    "foreign": {
        "seoul-rent": ("kim", "ko", KO_CLAIM, "서울 월세 두 배"),
        "taipei-rice": ("kim", "zh-Hant-TW", ZH_CLAIM, "臺北米價三倍"),
    },
    "source_title": "労働力調査（基本集計）二千二十五年平均結果の概要と都道府県別の推計",
    "summary": "統計局の数字では、上昇は一割ほどにとどまる。",
    "body": "総務省統計局の調査 [@tokei] によると、変化はわずかだった [@long]。",
}
HE = {
    "tag": "he",
    "name": "בודקי עובדות",
    "people": {
        "sar": ("ישראל ישראלי", "שר האוצר (2022–2025)"),
        "kim": ("김민준", "כלכלן"),
        "kisha": ("נועה כהן", "בודקת עובדות"),
    },
    "claims": {
        "unemployment": ("sar", HE_CLAIM, "האם האבטלה עלתה פי 3?", "האבטלה"),
        "budget": ("kim", "תקציב הבריאות (ללא שכר) גדל ב-40% בשנה אחת", "תקציב הבריאות", "הבריאות"),
    },
    "source_title": "סקר כוח אדם 2024 (הלשכה המרכזית לסטטיסטיקה)",
    "summary": "לפי נתוני הלמ״ס השיעור עלה רק ב-0.4 נקודות אחוז.",
    "body": "לפי סקר כוח אדם [@tokei] השינוי היה קטן (0.4%) [@long].",
}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write_content(content: Path, lang: dict) -> None:
    for pid, (name, role) in lang["people"].items():
        (content / "people" / f"{pid}.yaml").write_text(
            f"name: {_q(name)}\nkind: person\ndescription: {_q(role)}\n", "utf-8"
        )
    for cid, (claimant, claim, title, _) in lang["claims"].items():
        (content / "claims" / f"{cid}.yaml").write_text(
            f"claim: {_q(claim)}\ntitle: {_q(title)}\nclaimant: {claimant}\ndate: 2026-03-01\n"
            f"topics: [economy]\nappearances:\n  - url: {_q(LONG_URL)}\n"
            f"    title: {_q(lang['source_title'])}\n",
            "utf-8",
        )
        (content / "verdicts" / f"{cid}.yaml").write_text(
            f"claim: {cid}\nrating: mostly-false\nsummary: {_q(lang['summary'])}\n"
            f"body: {_q(lang['body'])}\nsources:\n"
            f"  - id: tokei\n    title: {_q(lang['source_title'])}\n"
            '    url: "https://stat.example/roudou"\n    date: 2025-01-31\n'
            f"  - id: long\n    title: {_q(lang['source_title'])}\n    url: {_q(LONG_URL)}\n"
            "authors: [kisha]\npublished: 2026-03-05\n",
            "utf-8",
        )


def _write_foreign(content: Path, lang: dict) -> None:
    for cid, (claimant, tag, claim, title) in lang.get("foreign", {}).items():
        (content / "claims" / f"{cid}.yaml").write_text(
            f"claim: {_q(claim)}\ntitle: {_q(title)}\nlanguage: {tag}\nclaimant: {claimant}\n"
            "date: 2026-03-02\nappearances:\n  - url: https://news.example/a\n    title: News\n",
            "utf-8",
        )


def build_language_site(root: Path, lang: dict) -> Path:
    """`factcheck init` in `lang['tag']`, its catalog translated, the claims written; the built site."""
    site = root / "desk"
    argv = ["init", str(site), "--name", lang["name"], "--url", "https://desk.example/"]
    assert main([*argv, "--language", lang["tag"]]) == 0
    translate(site / "locale" / lang["tag"] / "LC_MESSAGES" / "messages.po")
    config = site / "mkdocs.yml"
    # Link-preview images are another test's business (and the slowest part of a build).
    config.write_text(config.read_text("utf-8").replace("og_images: true", "og_images: false"))
    _write_content(site / "content", lang)
    _write_foreign(site / "content", lang)
    out = root / "site"
    cmd = ["build", "--content", str(site / "content"), "--out", str(out), "--config", str(config)]
    assert main(cmd) == 0
    return out


@pytest.fixture(scope="module")
def ja_site(tmp_path_factory):
    with serve(build_language_site(tmp_path_factory.mktemp("ja"), JA)) as base:
        yield base


@pytest.fixture(scope="module")
def he_site(tmp_path_factory):
    with serve(build_language_site(tmp_path_factory.mktemp("he"), HE)) as base:
        yield base


def _open(make_page, base: str, path: str, viewport: dict):
    page, log = make_page(base, viewport=viewport)
    goto_path(page, path)
    return page, log


# Every element of the content that reaches past either edge of the page.
WIDE_JS = """() => {
  const limit = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > limit + 0.5 || r.left < -0.5)) {
      wide.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    }
  }
  return {width: document.documentElement.scrollWidth, limit, wide: [...new Set(wide)].slice(0, 5)};
}"""

# The text of each line an element's text is laid out on, in order.
LINES_JS = """sel => {
  const el = document.querySelector(sel);
  const lines = [];
  let top = null;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (let i = 0; i < n.length; i++) {
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (top === null || rect.top - top > 4) lines.push('');
      top = Math.round(rect.top);
      lines[lines.length - 1] += n.data[i];
    }
  }
  return lines;
}"""

# Words written in Latin letters or Hangul whose letters are laid out on more than one line.
SPLIT_WORDS_JS = """sel => {
  const split = [];
  for (const el of document.querySelectorAll(sel)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.data.matchAll(/[A-Za-z0-9\\uAC00-\\uD7A3][A-Za-z0-9.%\\uAC00-\\uD7A3-]*/g)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""

JA_PAGES = [
    "",
    "claims/",
    "claims/tokyo-unemployment/",
    "claims/covid-budget/",
    "claims/seoul-rent/",
    "claims/tokyo-unemployment/embed/",
    "people/",
    "people/chiji/",
    "people/kim/",
    "ratings/",
    "ratings/mostly-false/",
    "topics/economy/",
    "sources/",
    "methodology/",
    "corrections/",
    "documents/",
    "about/",
]
HE_PAGES = [
    "",
    "claims/",
    "claims/unemployment/",
    "claims/budget/",
    "claims/unemployment/embed/",
    "people/sar/",
    "ratings/",
    "ratings/mostly-false/",
    "topics/economy/",
    "sources/",
    "methodology/",
    "corrections/",
    "about/",
]


@pytest.mark.parametrize("language", ["ja", "he"])
def test_no_page_is_wider_than_a_phone(request, make_page, language):
    """Long unbroken Japanese runs, a source address of 200 characters and the rating scale's table
    all fit a 360 px screen: the reader scrolls down, never sideways."""
    base = request.getfixturevalue(f"{language}_site")
    page, log = make_page(base, viewport=PHONE, locale=language)
    wide = {}
    for path in JA_PAGES if language == "ja" else HE_PAGES:
        goto_path(page, path)
        result = page.evaluate(WIDE_JS)
        if result["width"] > result["limit"]:
            wide[f"/{path}"] = result
    assert not wide, f"pages wider than a {PHONE['width']} px phone: {wide}"
    log.assert_clean(f"{language} pages on a phone")


@pytest.mark.parametrize("language", ["ja", "he"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_rating_scale_keeps_its_words_whole(request, make_page, language, viewport):
    """On the methodology page the rating scale's badges and headings read "Mostly true" and
    "ClaimReview value", not "Mos|tly true" and "Claim|Revie|w value"."""
    page, log = _open(
        make_page, request.getfixturevalue(f"{language}_site"), "methodology/", viewport
    )
    assert page.locator(".fc-scale-table .fc-badge").count() >= 7
    split = page.evaluate(SPLIT_WORDS_JS, ".fc-scale-table .fc-badge, .fc-scale-table thead th")
    assert not split, f"words broken across lines in the rating scale: {split}"
    assert page.evaluate(WIDE_JS)["wide"] == []
    log.assert_clean(f"{language} methodology")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_latin_words_inside_japanese_text_are_never_split(ja_site, make_page, viewport):
    page, log = _open(make_page, ja_site, "claims/covid-budget/", viewport)
    lines = page.evaluate(LINES_JS, ".fc-claim__quote blockquote p")
    assert "".join(lines) == JA_LATIN
    split = page.evaluate(SPLIT_WORDS_JS, ".fc-claim__quote blockquote p")
    assert not split, f"Latin words broken across lines: {split} in {lines}"
    log.assert_clean("Japanese claim with Latin words")


@pytest.mark.parametrize("width", [360, 414, 1280])
def test_no_japanese_line_starts_with_a_small_kana(ja_site, make_page, width):
    """Strict kinsoku: "っ", "ャ" or "ー" never begins a line of the claim (the default put "っ" at
    the start of the claim's second line on a 360 px phone)."""
    page, log = _open(make_page, ja_site, "claims/cashless/", {"width": width, "height": 800})
    lines = page.evaluate(LINES_JS, ".fc-claim__quote blockquote p")
    assert "".join(lines) == JA_KANA and len(lines) > 1
    bad = [line for line in lines[1:] if line[0] in SMALL_KANA]
    assert not bad, f"lines starting with a small kana or long-vowel mark: {bad}"
    log.assert_clean("Japanese claim")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_korean_claim_breaks_between_words(ja_site, make_page, viewport):
    """A Korean claim (its own `language: ko`) on the Japanese site breaks at spaces, as Korean is
    set, never inside a word ("소|득의")."""
    page, log = _open(make_page, ja_site, "claims/seoul-rent/", viewport)
    lines = page.evaluate(LINES_JS, ".fc-claim__quote blockquote p")
    assert "".join(lines).replace(" ", "") == KO_CLAIM.replace(" ", "")
    words = KO_CLAIM.split()
    split = [w for w in words if not any(w in line.split() for line in lines)]
    assert not split, f"Korean words broken across lines: {split} in {lines}"
    log.assert_clean("Korean claim")


QUOTE_JS = """() => {
  const p = document.querySelector('.fc-claim__quote blockquote p');
  return {
    before: getComputedStyle(p, '::before').content,
    after: getComputedStyle(p, '::after').content,
    quotes: getComputedStyle(p).quotes,
    lang: p.closest('[lang]').lang,
  };
}"""


@pytest.mark.parametrize(
    ("language", "path", "marks"),
    [
        ("ja", "claims/tokyo-unemployment/", '"「" "」" "『" "』"'),
        ("ja", "claims/taipei-rice/", '"「" "」" "『" "』"'),  # zh-Hant-TW
        ("ja", "claims/seoul-rent/", "auto"),  # Korean: the browser's Korean marks, not 「」
        ("he", "claims/unemployment/", '"„" "”" "‚" "’"'),
    ],
)
def test_a_claim_is_quoted_with_its_languages_marks(request, make_page, language, path, marks):
    page, log = _open(make_page, request.getfixturevalue(f"{language}_site"), path, DESKTOP)
    quote = page.evaluate(QUOTE_JS)
    assert (quote["before"], quote["after"]) == ("open-quote", "close-quote"), quote
    assert quote["quotes"] == marks, quote
    log.assert_clean(path)


def test_hebrew_claim_page_reads_right_to_left(he_site, make_page):
    """The page, its numbered sources, citation numbers and back-links run right to left."""
    page, log = _open(make_page, he_site, "claims/unemployment/", DESKTOP)
    facts = page.evaluate(
        """() => {
          const dir = e => getComputedStyle(e).direction;
          const box = e => e.getBoundingClientRect();
          const p = document.querySelector('.fc-body p');
          const cite = p.querySelector('.fc-cite');
          const before = document.createRange();
          before.setStart(p.firstChild, 0);
          before.setEnd(p.firstChild, p.firstChild.length - 1);
          const ol = document.querySelector('ol.fc-sources');
          const li = ol.querySelector('li');
          const text = document.createRange();
          text.selectNodeContents(li);
          return {
            html: document.documentElement.dir,
            body: dir(p), list: dir(ol), item: dir(li),
            // The citation number follows the words it supports: to their left.
            citeRight: box(cite).right, wordsLeft: before.getBoundingClientRect().left,
            // The list's numbers hang in the margin on the right, the text flush with it.
            itemRight: box(li).right, listRight: box(ol).right, textRight: text.getBoundingClientRect().right,
            arrow: getComputedStyle(li.querySelector('.fc-backrefs a')).transform,
          };
        }"""
    )
    assert facts["html"] == "rtl" and facts["body"] == facts["list"] == facts["item"] == "rtl"
    assert facts["citeRight"] <= facts["wordsLeft"] + 1, facts
    assert abs(facts["textRight"] - facts["itemRight"]) < 2, facts
    assert facts["listRight"] - facts["itemRight"] > 10, facts  # room for "1." on the right
    assert facts["arrow"] == "matrix(-1, 0, 0, 1, 0, 0)", facts
    log.assert_clean("Hebrew claim")


def _search(page, query: str) -> list[str]:
    goto_path(page, f"?q={query}")
    wait_for_search(page)
    return page.evaluate(
        """() => [...document.querySelectorAll('.fc-search__result a')]
            .map(a => new URL(a.href).pathname)"""
    )


@pytest.mark.parametrize(
    ("query", "cid"),
    [
        ("統計局", "tokyo-unemployment"),  # inside a 120-character run
        ("対策予算", "covid-budget"),
        ("월세", "seoul-rent"),  # a Korean claim on the Japanese site
        ("白米", "taipei-rice"),  # inside a Chinese (zh-Hant-TW) sentence
    ],
)
def test_search_finds_a_claim_on_the_japanese_site_by_a_word_inside_it(
    ja_site, make_page, query, cid
):
    page, log = make_page(ja_site)
    found = _search(page, query)
    assert f"/claims/{cid}/" in found, (query, found)
    log.assert_clean(f"search for {query}")


@pytest.mark.parametrize(
    ("query", "cid"),
    [("האבטלה", "unemployment"), ("12.5", "unemployment"), ("תקציב", "budget")],
)
def test_search_finds_a_hebrew_claim_by_a_word(he_site, make_page, query, cid):
    page, log = make_page(he_site, locale="he")
    found = _search(page, query)
    assert f"/claims/{cid}/" in found, (query, found)
    log.assert_clean(f"search for {query}")


@pytest.mark.parametrize(
    ("language", "path", "claim"),
    [("ja", "claims/tokyo-unemployment/", JA_LONG), ("he", "claims/unemployment/", HE_CLAIM)],
)
def test_printed_claim_keeps_claim_and_verdict_readable(request, make_page, language, path, claim):
    """Print preview: the claim in full at reading size, the verdict badge with its label and its
    colour kept on paper, nothing cut at the page's edge."""
    page, log = _open(
        make_page, request.getfixturevalue(f"{language}_site"), path, {"width": 700, "height": 1000}
    )
    page.emulate_media(media="print")
    facts = page.evaluate(
        """() => {
          const q = document.querySelector('.fc-claim__quote blockquote');
          const badge = document.querySelector('.fc-claim__rating .fc-badge, .fc-verdict .fc-badge');
          const s = getComputedStyle(badge);
          const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility === 'visible';
          return {
            claim: q.innerText, claimSize: parseFloat(getComputedStyle(q).fontSize), claimShown: visible(q),
            label: badge.querySelector('.fc-badge__label').innerText, badgeShown: visible(badge),
            adjust: s.printColorAdjust || s.webkitPrintColorAdjust, bg: s.backgroundColor,
            width: document.documentElement.scrollWidth, limit: document.documentElement.clientWidth,
          };
        }"""
    )
    assert facts["claimShown"] and facts["claim"].strip() == claim, facts
    assert facts["claimSize"] >= 16, facts
    assert facts["badgeShown"] and facts["label"] == "Mostly false", facts
    assert facts["adjust"] == "exact" and facts["bg"] != "rgba(0, 0, 0, 0)", facts
    assert facts["width"] <= facts["limit"], facts
    log.assert_clean(f"{language} print")
