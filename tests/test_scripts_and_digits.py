"""Languages written in more than one script, or with digits of their own.

- A tag's catalog is looked for by its script: zh-Hant-TW takes a zh_Hant catalog, and never a
  zh one (Simplified Chinese), nor sr-Latn an sr one (Cyrillic): those pages were silently in the
  other script.
- Persian, Bengali, Marathi, Burmese... write numbers and dates in their own digits (CLDR's
  default numbering system); they got Latin ones. Arabic (ar) keeps CLDR's Latin digits.
- Link-preview images draw Chinese and Korean claims with the face of Noto CJK for that language,
  not its first, Japanese, one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from factories import MINI, REPO, SETTINGS, replace_claim, sample_content, write_config
from PIL import Image

from generator import i18n, languages, share
from generator.link import link

SPANISH = i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po"


def _catalog(folder: Path, name: str, verdict: str) -> Path:
    """A catalog in `folder/name` (Spanish, but for "Our verdict", said as `verdict`)."""
    target = folder / name / "LC_MESSAGES" / "messages.po"
    target.parent.mkdir(parents=True)
    po = SPANISH.read_text(encoding="utf-8")
    assert 'msgstr "Nuestro veredicto"' in po
    target.write_text(po.replace('msgstr "Nuestro veredicto"', f'msgstr "{verdict}"'), "utf-8")
    return target


# --- which catalog a tag takes ------------------------------------------------------------------


def test_traditional_chinese_takes_a_zh_hant_catalog_never_a_simplified_one(tmp_path):
    simplified = _catalog(tmp_path, "zh", "我们的结论")
    assert i18n.catalog_file(tmp_path, "zh-Hans-CN") == simplified
    assert i18n.catalog_file(tmp_path, "zh") == simplified
    for tag in ("zh-Hant-TW", "zh-Hant", "zh-TW", "zh-HK"):
        assert i18n.catalog_file(tmp_path, tag) is None, tag
        found = i18n.messages(tag, None, (str(tmp_path),))
        assert not found.found and found.gettext("Our verdict") == "Our verdict", tag
    traditional = _catalog(tmp_path, "zh_Hant", "我們的結論")
    i18n.messages.cache_clear()  # one process reads a language's catalogs once
    for tag in ("zh-Hant-TW", "zh-Hant", "zh-TW", "zh-HK"):
        assert i18n.catalog_file(tmp_path, tag) == traditional, tag
        assert i18n.messages(tag, None, (str(tmp_path),)).gettext("Our verdict") == "我們的結論"
    # The most specific catalog first: a Taiwan one over the script's.
    taiwan = _catalog(tmp_path, "zh_Hant_TW", "本台的結論")
    assert i18n.catalog_file(tmp_path, "zh-Hant-TW") == taiwan
    assert i18n.catalog_file(tmp_path, "zh-Hant-HK") == traditional


def test_serbian_in_latin_letters_does_not_take_the_cyrillic_catalog(tmp_path):
    cyrillic = _catalog(tmp_path, "sr", "Наша оцена")
    assert i18n.catalog_file(tmp_path, "sr") == cyrillic
    assert i18n.catalog_file(tmp_path, "sr-RS") == cyrillic
    for tag in ("sr-Latn", "sr-Latn-RS", "sr-ME"):  # Montenegro's Serbian is Latin by CLDR
        assert i18n.catalog_file(tmp_path, tag) is None, tag
        assert not i18n.messages(tag, None, (str(tmp_path),)).found, tag
    latin = _catalog(tmp_path, "sr_Latn", "Naša ocena")
    assert i18n.catalog_file(tmp_path, "sr-Latn-RS") == latin
    assert i18n.catalog_file(tmp_path, "sr-ME") == latin
    assert i18n.catalog_file(tmp_path, "sr-Cyrl") == cyrillic
    # Dates and the language's name keep the script for a region CLDR does not know: Babel
    # reads sr_Latn_ZZ as Cyrillic Serbian.
    assert i18n.messages("sr-Latn-ZZ").date(dt.date(2026, 3, 1)) == "1. mart 2026."
    assert languages.native_name("sr-Latn-ZZ") == "Srpski (latinica)"


def test_the_shipped_catalogs_are_still_found_by_their_languages_regions():
    def folder(tag: str) -> str | None:
        po = i18n.catalog_file(i18n.LOCALE_DIR, tag)
        return None if po is None else po.parent.parent.name

    assert folder("pt-BR") == "pt" and folder("pt-PT") == "pt_PT" and folder("pt") == "pt"
    assert folder("es-419") == "es" and folder("es-MX") == "es" and folder("es-ZZ") == "es"
    assert folder("uk-UA") == "uk" and folder("de-CH-1996") == "de"
    assert folder("ar-EG") == "ar" and folder("hi-Latn") is None  # Hindi in Latin letters
    assert i18n.messages("en-GB").found and i18n.messages("es-419").found
    assert i18n.messages("es-ZZ").date(dt.date(2026, 3, 1)) == "1 de marzo de 2026"


def _site(tmp_path: Path, language: str, locale_dir: Path | None = None) -> Path:
    config = write_config(tmp_path, MINI)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"]["language"] = language
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"].pop("locale", None)
            if locale_dir is not None:
                plugin["factcheck"]["locale_dir"] = str(locale_dir)
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return config


def _build(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--content", str(MINI), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )


def _claim_page(out: Path) -> str:
    return (out / "claims" / "new-hospital" / "index.html").read_text(encoding="utf-8")


def test_a_traditional_chinese_site_with_only_a_simplified_catalog_is_warned(tmp_path):
    """Its pages were in Simplified Chinese, with no warning; now the build says there is no
    catalog, and names the folder `factcheck init` writes (zh_Hant_TW, not zh)."""
    locale = tmp_path / "locale"
    _catalog(locale, "zh", "我们的结论")
    _site(tmp_path, "zh-Hant-TW", locale)
    done = _build(tmp_path, "--out", "out", "--no-strict")
    assert done.returncode == 0, done.stderr[-2000:]
    said = " ".join(done.stderr.split())
    assert "no catalog for language 'zh-Hant-TW'" in said
    assert "Add a catalog (zh_Hant_TW/LC_MESSAGES/messages.po" in said
    assert "我们的结论" not in _claim_page(tmp_path / "out")
    _catalog(locale, "zh_Hant", "我們的結論")
    done = _build(tmp_path, "--out", "again")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "我們的結論" in _claim_page(tmp_path / "again")


# --- digits ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "number", "percent", "day"),
    [
        ("fa", "۱٬۲۳۴٬۵۶۷", "۴۵٪", "۱ سپتامبر ۲۰۲۶"),
        ("bn", "১২,৩৪,৫৬৭", "৪৫%", "১ সেপ্টেম্বর, ২০২৬"),
        ("mr", "१२,३४,५६७", "४५%", "१ सप्टेंबर, २०२६"),
        ("ne", "१२,३४,५६७", "४५%", "२०२६ सेप्टेम्बर १"),
        ("my", "၁,၂၃၄,၅၆၇", "၄၅%", "၂၀၂၆ စက်တင်ဘာ ၁"),
        ("ar-EG", "١٬٢٣٤٬٥٦٧", "٤٥٪\u061c", "١ سبتمبر ٢٠٢٦"),
        # CLDR writes bare ar (and Hindi, Urdu) in Latin digits: unchanged
        ("ar", "1,234,567", "45%", "1 سبتمبر 2026"),
        ("hi", "12,34,567", "45%", "1 सितंबर 2026"),
        ("ur", "1,234,567", "45%", "1 ستمبر، 2026"),
        ("de", "1.234.567", "45\u00a0%", "1. September 2026"),
    ],
)
def test_numbers_and_dates_are_in_the_languages_own_digits(tag, number, percent, day):
    words = i18n.messages(tag)
    assert words.number(1234567) == number
    assert words.percent(45) == percent
    assert words.date(dt.date(2026, 9, 1)) == day
    # a message's own numbers (pagination, counts) alike
    text = i18n.Text("Entries %(first)d–%(last)d of %(total)d", str(words.locale))
    one, hundred = words.number(1), words.number(100)
    shown = text % {"first": 1, "last": 100, "total": 1234567}
    assert shown == f"Entries {one}–{hundred} of {number}"


def test_a_persian_site_shows_persian_digits(tmp_path):
    _site(tmp_path, "fa")
    done = _build(tmp_path, "--out", "out", "--no-strict")
    assert done.returncode == 0, done.stderr[-2000:]
    page = _claim_page(tmp_path / "out")
    assert '<time datetime="2025-04-02">۲ آوریل ۲۰۲۵</time>' in page
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "(۲ claims)" in home and "(2 claims)" not in home


# --- link-preview images -------------------------------------------------------------------------

CJK_FOLDERS = (Path("/usr/share/fonts/opentype/noto"), REPO / ".cache" / "fonts" / "noto-cjk")
CJK = next((f for f in CJK_FOLDERS if (f / "NotoSansCJK-Regular.ttc").is_file()), None)
CLAIM = "unemployment-doubled"
HAN = "骨直写角户说道,今年食品价格翻了一倍。"  # characters drawn differently in ja, zh, ko


@pytest.mark.skipif(CJK is None, reason="Debian's fonts-noto-cjk (NotoSansCJK-Regular.ttc)")
def test_chinese_and_korean_claims_are_drawn_in_their_own_faces(tmp_path, monkeypatch):
    assert CJK is not None
    regular, bold = str(CJK / "NotoSansCJK-Regular.ttc"), str(CJK / "NotoSansCJK-Bold.ttc")
    monkeypatch.setattr(share, "SYSTEM_FONTS", ((regular, bold),))
    share._font_files.cache_clear()
    settings = dataclasses.replace(SETTINGS, og_image_cache=str(tmp_path / "og"))

    def drawn(language: str | None, site: str = "en") -> tuple[str, bytes]:
        content = replace_claim(sample_content(), CLAIM, claim=HAN, language=language)
        where = dataclasses.replace(settings, language=site)
        card = share.cards(link(content), where)[CLAIM]
        return share._font(card.font, 40).getname()[0], share.draw(card)

    try:
        faces = {tag: drawn(tag) for tag in ("ja", "zh", "zh-TW", "zh-HK", "ko")}
        assert {tag: face for tag, (face, _) in faces.items()} == {
            "ja": "Noto Sans CJK JP",
            "zh": "Noto Sans CJK SC",
            "zh-TW": "Noto Sans CJK TC",
            "zh-HK": "Noto Sans CJK HK",
            "ko": "Noto Sans CJK KR",
        }
        pngs = [png for _, png in faces.values()]
        assert len(set(pngs)) == len(pngs)  # the shapes drawn differ
        with Image.open(io.BytesIO(faces["zh"][1])) as image:
            assert image.size == (1200, 630)
        # A claim without a language of its own is in the site's.
        assert drawn(None, site="zh-Hant-TW")[0] == "Noto Sans CJK TC"
        assert drawn(None, site="en")[0] == "Noto Sans CJK JP"  # as before: the first face
    finally:
        share._font_files.cache_clear()
