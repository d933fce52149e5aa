"""A desk that writes in its own script: claims in Japanese, Chinese, Thai, Hindi, Arabic, Hebrew and
Korean in a real build of the mini tree, read as a reader or a link preview gets them.

The unit tests of each part are in test_similar.py (near-duplicates in text without spaces),
test_share.py (link-preview images), test_collation.py (lists of names) and test_scaffold.py (ids).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from factories import MINI, parse
from PIL import Image
from test_build import mkdocs_site

from generator import share

# id -> (language, claim, title): one claim a script, none alike
CLAIMS = {
    "ja-unemployment": (
        "ja",
        "東京の失業率は2022年から2025年の間に2倍になった。",
        "東京の失業率が倍増",
    ),
    "zh-housing": ("zh-TW", "台北市的房價在過去五年上漲了一倍。", "台北房價五年翻倍"),
    "th-rice": ("th", "ราคาข้าวเพิ่มขึ้นสองเท่าในปีที่ผ่านมา", "ราคาข้าวเพิ่มขึ้นสองเท่า"),
    "hi-gdp": ("hi", "पिछले साल भारत की जीडीपी दोगुनी हो गई।", "भारत की जीडीपी दोगुनी"),
    "ko-rent": ("ko", "서울의 전세 가격이 지난해 두 배로 올랐다.", "서울 전세 가격 두 배"),
    "ar-bread": ("ar", "تضاعفت أسعار الخبز في القاهرة خلال عام واحد.", "تضاعف أسعار الخبز"),
    "he-rent": ("he", "שכר הדירה בתל אביב הוכפל בשנה האחרונה.", "שכר הדירה הוכפל"),
}
NO_DEJAVU_GLYPHS = {"ja-unemployment", "zh-housing", "th-rice", "hi-gdp", "ko-rent"}
RIGHT_TO_LEFT = {"ar-bread", "he-rent"}
DEJAVU = "/usr/share/fonts/truetype/dejavu/"


def _content(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(MINI, content)
    for cid, (language, text, title) in CLAIMS.items():
        (content / "claims" / f"{cid}.yaml").write_text(
            f'claim: "{text}"\ntitle: "{title}"\nclaimant: jane-doe\ndate: 2026-11-02\n'
            f"language: {language}\nappearances:\n  - url: https://example.org/{cid}\n",
            encoding="utf-8",
        )
        (content / "verdicts" / f"{cid}.yaml").write_text(
            f'claim: {cid}\nrating: "false"\nsummary: "Official figures do not show this."\n'
            'body: "The statistics office says otherwise [@stats]."\n'
            f"sources:\n  - id: stats\n    title: Official statistics\n"
            f"    url: https://example.org/stats/{cid}\n"
            "authors: [sam-checker]\npublished: 2026-11-05\n",
            encoding="utf-8",
        )
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The mini tree with the claims above, built where the only fonts are DejaVu Sans (Debian's
    fonts-dejavu-core: no Chinese, Japanese, Korean, Thai or Devanagari)."""
    root = tmp_path_factory.mktemp("scripts")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            share, "SYSTEM_FONTS", ((f"{DEJAVU}DejaVuSans.ttf", f"{DEJAVU}DejaVuSans-Bold.ttf"),)
        )
        share._font_files.cache_clear()
        try:
            return mkdocs_site(root, _content(root))  # images cached below `root`
        finally:
            share._font_files.cache_clear()


def _og_image(site: Path, claim_id: str) -> Image.Image:
    """The image a link preview of the claim page shows: the file its og:image names."""
    (meta,) = parse(site / "claims" / claim_id / "index.html").find("meta", property="og:image")
    path = site / urlsplit(str(meta["content"])).path.lstrip("/")
    image = Image.open(io.BytesIO(path.read_bytes()))
    assert image.format == "PNG" and image.size == (1200, 630)
    return image.convert("L")


def _inked(image: Image.Image, box: tuple[int, int, int, int]) -> bool:
    return image.crop(box).getextrema()[0] < 128


CLAIM_AREA = (0, 20, 1200, 400)
BADGE_AREA = (64, 422, 400, 502)
SITE_NAME_AREA = (64, 520, 600, 566)


@pytest.mark.skipif(not Path(DEJAVU, "DejaVuSans.ttf").is_file(), reason="fonts-dejavu-core")
def test_every_claim_has_a_preview_image_without_boxes_for_missing_letters(built):
    """DejaVu has no glyphs for these scripts: their claims were a row of empty boxes."""
    for cid in CLAIMS:
        image = _og_image(built, cid)
        assert _inked(image, BADGE_AREA) and _inked(image, SITE_NAME_AREA), cid
        if cid in NO_DEJAVU_GLYPHS:
            assert not _inked(image, CLAIM_AREA), cid
        elif cid in RIGHT_TO_LEFT:  # joined and ordered only by libraqm, else left off
            assert _inked(image, CLAIM_AREA) == share.can_shape(), cid
    assert _inked(_og_image(built, "unemployment-doubled"), CLAIM_AREA)


def test_claim_pages_show_the_claim_in_its_script_and_direction(built):
    for cid, (language, text, title) in CLAIMS.items():
        page = parse(built / "claims" / cid / "index.html")
        assert text in page.text and title in page.text
        # marked on the quote, or on the whole page when the language has a catalog (hi)
        (html,) = page.find("html")
        (quote,) = page.find("blockquote")
        marked = quote if "lang" in quote else html
        assert marked.get("lang") == language
        assert marked.get("dir") == ("rtl" if cid in RIGHT_TO_LEFT else "ltr")
