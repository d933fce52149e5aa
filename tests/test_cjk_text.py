"""Text in scripts with no spaces between words (Japanese, Chinese, Thai) or whose letters carry
marks (Thai, Hindi, emoji sequences): where a page's description, the title of an error report and
a quote's surrounding sentence are cut, as a reader sees them."""

from __future__ import annotations

import html
import re
import time
import unicodedata
from urllib.parse import parse_qs, urlsplit

from factories import SETTINGS, replace_claim, sample_content

from generator.link import link
from generator.render import render_pages
from generator.render.core import shorten
from generator.render.quotes import DocumentText, in_context

# "Tokyo's unemployment rate doubled between 2022 and 2025, he said; the statistics office's
# figures show nothing of the kind." Sixty characters, none of them a space.
JA = "東京の失業率は2022年から2025年の間に2倍になったと述べたが、統計局の数字はそれを示していない。"
UNDER_REVIEW = "new-hospital"  # a claim of the sample site without a verdict (Acme Party's)


def _claim_page(text: str):
    content = replace_claim(sample_content(), UNDER_REVIEW, claim=text)
    return render_pages(link(content), SETTINGS, workers=0)[f"claims/{UNDER_REVIEW}.md"]


def _starts_a_letter(text: str, at: int) -> bool:
    """Whether `text` may be cut before `at` without splitting a letter from its marks."""
    return at == len(text) or unicodedata.category(text[at])[0] != "M"


def test_a_long_japanese_claim_is_in_its_pages_description():
    """The description was cut back to the last space, before the claim: "Under review: Acme
    Party said…", in search results and every link preview."""
    description = html.unescape(_claim_page(JA * 4).meta["description"])
    assert description.startswith(f"Under review: Acme Party said “{JA}{JA}")
    assert description.endswith("…") and len(description) == 200


def test_the_error_report_of_a_long_japanese_claim_names_the_claim():
    """Cut back to its only space, its issue's title was "Correction: NHK…", which does not say
    which claim ("according to NHK, ...")."""
    body = _claim_page("NHK によると" + JA * 2).body()
    href = html.unescape(re.search(r'href="([^"]*/issues/new\?[^"]*)"', body).group(1))
    title = parse_qs(urlsplit(href).query)["title"][0]
    assert title.startswith("Correction: NHK によると東京の失業率は2022年") and title.endswith("…")
    assert len(title) == len("Correction: ") + 80


def test_thai_and_hindi_are_cut_between_letters_never_before_a_mark():
    thai = "ราคาข้าวเพิ่มขึ้นสองเท่าในปีที่แล้ว" * 10  # no spaces: "rice prices doubled last year"
    hindi = "पिछलेसालजीडीपीदोगुनीहोगई" * 12  # words run together: no space near the limit
    for text in (thai, hindi):
        for limit in range(60, 100):
            cut = shorten(text, limit)
            kept = cut[:-1]
            assert cut.endswith("…") and len(cut) <= limit and len(kept) > limit // 2
            assert text.startswith(kept) and _starts_a_letter(text, len(kept)), (limit, cut)
            assert not kept.endswith("\u094d")  # never half a conjunct (क्ष cut after its virama)


def test_an_emoji_family_is_kept_whole_or_left_out():
    """A cut inside one showed a man and a woman, or half a flag (a letter J)."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 7 code points
    flag = "\U0001f1ef\U0001f1f5"  # two regional letters, J and P: one flag
    for text in ("x" * 95 + family * 5, "y" * 96 + flag * 10, "z" * 94 + "\u2764\ufe0f" * 10):
        for limit in range(100, 112):
            cut = shorten(text, limit)
            assert cut.endswith("…") and len(cut) <= limit
            kept = cut[:-1]
            rest = text[len(kept) :]
            assert rest.startswith((family, flag, "\u2764\ufe0f")), (limit, kept[90:])


def test_a_latin_description_is_still_cut_at_a_space():
    words = "The minister said that unemployment doubled between 2022 and 2025. " * 5
    cut = shorten(words, 100)
    assert cut == words[: words.rfind(" ", 0, 100)] + "…"


def test_the_context_of_a_japanese_quote_is_its_sentence():
    """Without a space after 。 no sentence ended: the context was 240 characters of the
    neighbouring sentences, cut in the middle of one."""
    said = "大臣は失業率が二倍になったと述べた。"
    text = "昨年の会議で大臣は長い演説をした。" * 8 + said + "会場は驚いた！" * 30
    doc = DocumentText(text)
    found = in_context(doc, doc.find("失業率が二倍になった"))
    assert (found.before, found.quote, found.after) == (
        "大臣は",
        "失業率が二倍になった",
        "と述べた。",
    )
    assert not found.cut_before and not found.cut_after


def test_the_context_ends_at_a_hindi_danda_and_an_arabic_question_mark():
    hindi = "उन्होंने भाषण दिया। मंत्री ने कहा कि बेरोज़गारी दोगुनी हो गई। लोग हैरान थे।"
    doc = DocumentText(hindi)
    found = in_context(doc, doc.find("बेरोज़गारी दोगुनी"))
    assert (found.before, found.after) == ("मंत्री ने कहा कि ", " हो गई।")
    arabic = "ألقى الوزير خطابا؟ قال إن البطالة تضاعفت. صفق الحضور."
    doc = DocumentText(arabic)
    found = in_context(doc, doc.find("البطالة تضاعفت"))
    assert found.before == "قال إن " and found.after == "."


def test_a_thai_context_never_starts_or_ends_on_a_vowel_mark():
    """Thai puts no space between words: a context cut at its 240-character limit could begin
    with a vowel or tone mark with no letter under it."""
    rice = "ราคาข้าวเพิ่มขึ้นมาก"  # "rice prices rose a lot"
    quote = "ราคาข้าวเพิ่มขึ้นสองเท่า"
    text = rice * 20 + "นายกรัฐมนตรีกล่าวว่า" + quote + rice * 20
    doc = DocumentText(text)
    span = doc.find(quote)
    for limit in range(200, 260):
        found = in_context(doc, span, limit)
        assert found.cut_before and found.cut_after
        start = span[0] - len(found.before)
        end = span[1] + len(found.after)
        assert _starts_a_letter(text, start) and _starts_a_letter(text, end), limit


def test_a_letter_with_endless_marks_costs_no_more_than_a_short_one():
    """Looking for where a letter begins stops after 32 characters: a text of one letter and a
    million accents is cut inside them, in constant time, not searched back to its start."""
    text = "a" + "\u0301" * 1_000_000 + " quoted words " + "\u0301" * 1_000_000
    started = time.process_time()
    assert len(shorten(text, 200)) == 200
    doc = DocumentText(text)
    found = in_context(doc, doc.find("quoted words"))
    assert found.quote == "quoted words" and found.cut_before and found.cut_after
    assert time.process_time() - started < 5
