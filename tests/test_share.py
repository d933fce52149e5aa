"""Sharing without third-party scripts (issue #15): link-preview images, the embeddable card, oEmbed.

Unit tests draw the images from `sample_site()`; the build test reads a real build of the mini tree.
"""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from factories import SETTINGS, parse, replace_claim, sample_content, sample_site
from PIL import Image
from test_build import mkdocs_site

from generator import share
from generator.link import link
from generator.render import render_pages

CLAIM = "unemployment-doubled"


def _settings(tmp_path: Path, **changes) -> object:
    return dataclasses.replace(SETTINGS, og_image_cache=str(tmp_path / "og"), **changes)


def test_the_image_is_a_1200_by_630_png(tmp_path):
    images = share.og_images(sample_site(), _settings(tmp_path))
    assert set(images) == {share.og_path(c) for c in sample_site().content.claims}
    with Image.open(io.BytesIO(images[share.og_path(CLAIM)])) as image:
        assert image.format == "PNG" and image.size == (1200, 630)


def test_a_second_build_draws_nothing(tmp_path, monkeypatch):
    settings = _settings(tmp_path)
    first = share.og_images(sample_site(), settings)
    cached = sorted((tmp_path / "og").iterdir())
    assert len(cached) == len(first)

    def no_drawing(card):
        raise AssertionError("drew an image the cache holds")

    monkeypatch.setattr(share, "draw", no_drawing)
    assert share.og_images(sample_site(), settings) == first
    assert sorted((tmp_path / "og").iterdir()) == cached


def test_a_changed_claim_gets_a_new_image_and_only_it(tmp_path):
    settings = _settings(tmp_path)
    first = share.og_images(sample_site(), settings)
    content = replace_claim(sample_content(), CLAIM, claim="Unemployment tripled since 2022.")
    second = share.og_images(link(content), settings)
    changed = {path for path in first if first[path] != second[path]}
    assert changed == {share.og_path(CLAIM)}
    assert len(list((tmp_path / "og").iterdir())) == len(first) + 1


def test_the_site_name_is_part_of_the_cache_key(tmp_path):
    first = share.cards(sample_site(), _settings(tmp_path))[CLAIM].key()
    other = share.cards(sample_site(), _settings(tmp_path, site_name="Other desk"))[CLAIM].key()
    assert first != other


def _inked(png: bytes, box: tuple[int, int, int, int]) -> bool:
    """Whether anything dark is drawn in that part of the image (text is #111 or #444 on white;
    the 32-colour palette may make the white a shade off)."""
    with Image.open(io.BytesIO(png)) as image:
        return image.convert("L").crop(box).getextrema()[0] < 128


CLAIM_AREA = (0, 20, 1200, 400)  # below the colour bar, above the badge
BADGE_AREA = (64, 422, 400, 502)
SITE_NAME_AREA = (64, 520, 600, 566)
RIGHT_MARGIN = (1200 - 60, 20, 1200, 400)
DEJAVU = "/usr/share/fonts/truetype/dejavu/"
needs_dejavu = pytest.mark.skipif(
    not Path(DEJAVU, "DejaVuSerif.ttf").is_file(), reason="Debian's fonts-dejavu-core"
)


@pytest.fixture
def fonts(monkeypatch):
    """The fonts share.py finds, set by the test (what a system has differs)."""

    def use(*pairs: tuple[str, str]) -> None:
        monkeypatch.setattr(share, "SYSTEM_FONTS", tuple(pairs))
        share._font_files.cache_clear()

    yield use
    share._font_files.cache_clear()


def _png(tmp_path: Path, claim: str, **changes) -> bytes:
    content = replace_claim(sample_content(), CLAIM, claim=claim)
    return share.og_images(link(content), _settings(tmp_path, **changes))[share.og_path(CLAIM)]


def test_a_claim_no_font_here_can_draw_is_left_off_not_drawn_as_boxes(tmp_path, fonts):
    """DejaVu has no Japanese, Devanagari or Thai: the card had a row of empty boxes."""
    fonts((f"{DEJAVU}DejaVuSans.ttf", f"{DEJAVU}DejaVuSans-Bold.ttf"))
    for text in (
        "東京の失業率は2022年から2倍になった。",
        "पिछले साल जीडीपी दोगुनी हो गई।",
        "ราคาข้าวเพิ่มขึ้น",
    ):
        png = _png(tmp_path, text)
        assert not _inked(png, CLAIM_AREA), text
        assert _inked(png, BADGE_AREA) and _inked(png, SITE_NAME_AREA)
    assert _inked(_png(tmp_path, "Unemployment doubled."), CLAIM_AREA)


def test_the_images_text_alternative_says_what_it_shows(tmp_path, fonts):
    """An image drawn without the claim was described as "The claim and its rating"."""
    fonts((f"{DEJAVU}DejaVuSans.ttf", f"{DEJAVU}DejaVuSans-Bold.ttf"))
    settings = _settings(tmp_path)
    for text, alt, drawn in (
        (
            "東京の失業率は2022年から2倍になった。",
            "The rating of this fact check: Mostly false",
            False,
        ),
        ("Unemployment doubled.", "The claim and its rating: Mostly false", True),
    ):
        content = replace_claim(sample_content(), CLAIM, claim=text)
        assert _inked(_png(tmp_path, text), CLAIM_AREA) == drawn
        page = render_pages(link(content), settings, workers=0)[f"claims/{CLAIM}.md"]
        assert page.meta["og"]["image_alt"] == alt


def test_a_site_name_no_font_can_draw_is_left_off(tmp_path, fonts):
    fonts((f"{DEJAVU}DejaVuSans.ttf", f"{DEJAVU}DejaVuSans-Bold.ttf"))
    png = _png(tmp_path, "Unemployment doubled.", site_name="ファクトチェック東京")
    assert not _inked(png, SITE_NAME_AREA)
    assert _inked(png, CLAIM_AREA) and _inked(png, BADGE_AREA)


@needs_dejavu
def test_each_text_is_drawn_in_the_first_font_that_has_its_letters(tmp_path, fonts):
    """DejaVu Serif has no Hebrew and no ✘: the claim and the badge come from DejaVu Sans."""
    serif = (f"{DEJAVU}DejaVuSerif.ttf", f"{DEJAVU}DejaVuSerif-Bold.ttf")
    sans = (f"{DEJAVU}DejaVuSans.ttf", f"{DEJAVU}DejaVuSans-Bold.ttf")
    fonts(serif, sans)
    hebrew = "שכר הדירה בתל אביב הוכפל בשנה האחרונה."
    content = replace_claim(sample_content(), CLAIM, claim=hebrew)
    card = share.cards(link(content), _settings(tmp_path))[CLAIM]
    assert (card.font, card.site_font) == (sans[0], serif[0])
    assert share.font_for("Unemployment doubled.") == serif[0]
    assert _inked(_png(tmp_path, hebrew), CLAIM_AREA)
    fonts(serif)
    assert not _inked(_png(tmp_path, hebrew), CLAIM_AREA)


# Debian's fonts-noto-core, unpacked there by `make browser-deps` (scripts/browser-deps.sh).
NOTO = Path(__file__).resolve().parents[1] / ".cache" / "fonts" / "noto"


@needs_dejavu
@pytest.mark.skipif(
    not (NOTO / "NotoSansEthiopic-Regular.ttf").is_file(),
    reason="make browser-deps unpacks fonts-noto-core into .cache/fonts/noto",
)
@pytest.mark.parametrize(
    "claim",
    [
        "የዳቦ ዋጋ በአንድ ዓመት በእጥፍ ጨምሯል።",  # Amharic (Ethiopic)
        "ចំនួនអ្នកអត់ការងារធ្វើកើនឡើងទ្វេដង",  # Khmer: shaped, so only with libraqm
        "ગયા વર્ષે ભાવ બમણા થયા",  # Gujarati: shaped too
        "पिछले साल भारत की जीडीपी दोगुनी हो गई।",  # Hindi: Noto Devanagari has no “ ” either
    ],
)
def test_a_claim_in_another_living_script_is_drawn_with_its_noto_font(tmp_path, fonts, claim):
    """Where the system has Debian's Noto fonts, a claim in Ethiopic, Khmer or Gujarati was still
    left off: share.py looked for Noto in seven scripts only, and Noto's font for such a script
    has no “ ”, so the claim is drawn without them rather than not at all."""
    system = "/usr/share/fonts/truetype/noto"
    fonts(
        *(
            (r.replace(system, str(NOTO)), b.replace(system, str(NOTO)))
            for r, b in share.SYSTEM_FONTS
        )
    )
    if share.needs_shaping(claim) and not share.can_shape():
        pytest.skip("this Pillow has no libraqm")
    assert _inked(_png(tmp_path, claim), CLAIM_AREA)
    fonts((f"{DEJAVU}DejaVuSans.ttf", f"{DEJAVU}DejaVuSans-Bold.ttf"))
    assert not _inked(_png(tmp_path, claim), CLAIM_AREA)  # DejaVu alone has none of its letters


def test_right_to_left_claims_are_left_off_without_shaping(tmp_path, monkeypatch):
    """Without libraqm Pillow drew Arabic unjoined and Hebrew backwards."""
    for text in ("تضاعفت البطالة بين 2022 و 2025", "שכר הדירה הוכפל"):
        assert _inked(_png(tmp_path, text), CLAIM_AREA) == share.can_shape()
        with monkeypatch.context() as patch:
            patch.setattr(share, "can_shape", lambda: False)
            png = _png(tmp_path, text)
        assert png.startswith(b"\x89PNG") and not _inked(png, CLAIM_AREA)
        assert _inked(png, BADGE_AREA)


@needs_dejavu
def test_text_without_spaces_is_wrapped_inside_the_card(fonts):
    """A Japanese claim has no space to break at: it was one line running off the card."""
    fonts((f"{DEJAVU}DejaVuSans.ttf", f"{DEJAVU}DejaVuSans-Bold.ttf"))
    text = "“" + "東京の失業率は2022年から2025年の間に2倍になった、と田中氏は述べた。" * 3 + "”"
    card = share.Card(
        claim=text,
        label="False",
        icon="",
        background="#b42318",
        foreground="#ffffff",
        site_name="Desk",
        font=f"{DEJAVU}DejaVuSans.ttf",  # its boxes are as wide as the letters would be
        badge_font=f"{DEJAVU}DejaVuSans-Bold.ttf",
        site_font=f"{DEJAVU}DejaVuSans.ttf",
    )
    png = share.draw(card)
    assert _inked(png, CLAIM_AREA) and not _inked(png, RIGHT_MARGIN)
    lines = share._wrap(text, share._font(card.font, 48), 1072)
    assert len(lines) > 1 and "".join(lines) == text
    assert not any(line[0] in "、。”" for line in lines)


def test_images_can_be_turned_off(tmp_path):
    settings = _settings(tmp_path, og_images=False)
    assert share.og_images(sample_site(), settings) == {}
    meta = render_pages(sample_site(), settings, workers=0)[f"claims/{CLAIM}.md"].meta
    assert "image" not in meta["og"] and meta["twitter"]["card"] == "summary"


def test_claim_page_meta_and_share_block():
    page = render_pages(sample_site(), SETTINGS, workers=0)[f"claims/{CLAIM}.md"]
    og = page.meta["og"]
    assert og["image"] == f"https://facts.example.org/claims/{CLAIM}/og.png"
    assert (og["image_width"], og["image_height"]) == (1200, 630)
    assert page.meta["twitter"]["card"] == "summary_large_image"
    assert page.meta["oembed"] == f"https://facts.example.org/claims/{CLAIM}/oembed.json"
    body = page.body()
    assert 'href="mailto:?subject=' in body
    assert f"&lt;iframe src=&#34;https://facts.example.org/claims/{CLAIM}/embed/&#34;" in body


def test_only_claims_with_a_verdict_get_an_embed():
    site = sample_site()
    files = share.embed_files(site, SETTINGS)
    with_verdict = set(site.content.verdicts)
    assert {p.split("/")[1] for p in files} == with_verdict
    under_review = set(site.content.claims) - with_verdict
    assert under_review
    pages = render_pages(site, SETTINGS, workers=0)
    for cid in under_review:
        assert "oembed" not in pages[f"claims/{cid}.md"].meta
        assert "fc-embed" not in pages[f"claims/{cid}.md"].body()


# --- a real build ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return mkdocs_site(tmp_path_factory.mktemp("share"))


def _claims_with_embeds(site: Path) -> list[Path]:
    found = sorted(site.glob("claims/*/embed/index.html"))
    assert found
    return found


def test_embed_pages_are_small_self_contained_and_not_indexed(built):
    for path in _claims_with_embeds(built):
        html = path.read_text(encoding="utf-8")
        assert len(html.encode("utf-8")) <= 20_000
        assert "<script" not in html and '<link rel="stylesheet"' not in html
        assert "data-pagefind-body" not in html
        assert '<meta name="robots" content="noindex">' in html
        canonical = parse(path).find("link", rel="canonical")
        assert len(canonical) == 1
        assert urlsplit(str(canonical[0]["href"])).path == f"/claims/{path.parent.parent.name}/"
        assert 'target="_top"' in html


def test_oembed_answers_point_at_the_embed(built):
    for path in _claims_with_embeds(built):
        claim_dir = path.parent.parent
        data = json.loads((claim_dir / "oembed.json").read_text(encoding="utf-8"))
        assert data["version"] == "1.0" and data["type"] == "rich"
        assert data["width"] > 0 and data["height"] > 0 and data["title"]
        assert data["provider_name"] and data["provider_url"].startswith("https://")
        src = urlsplit(data["html"].split('src="')[1].split('"')[0])
        assert src.path == f"/claims/{claim_dir.name}/embed/"
        found = parse(claim_dir / "index.html").find("link", type="application/json+oembed")
        assert len(found) == 1
        assert urlsplit(str(found[0]["href"])).path == f"/claims/{claim_dir.name}/oembed.json"


def test_og_image_meta_is_absolute_and_the_file_exists(built):
    pages = sorted(built.glob("claims/*/index.html"))
    checked = 0
    for page in pages:
        if page.parent.name == "claims" or page.parent.parent.name == "embed":
            continue
        html = page.read_text(encoding="utf-8")
        if "og:image" not in html:
            continue  # a redirect page
        url = html.split('<meta property="og:image" content="')[1].split('"')[0]
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.netloc
        assert (built / parts.path.lstrip("/")).is_file()
        assert '<meta name="twitter:card" content="summary_large_image">' in html
        # X falls back to the Open Graph tags: the same title, text and image are not repeated.
        assert '<meta property="og:title"' in html and 'name="twitter:title"' not in html
        assert 'name="twitter:description"' not in html and 'name="twitter:image"' not in html
        checked += 1
    assert checked >= 3


def test_the_image_quotes_the_claim_in_the_sites_quotation_marks():
    """The share image put English “…” around the claim in every language."""
    import dataclasses

    from factories import SETTINGS, sample_site

    from generator.share import cards

    site = sample_site()
    german = cards(site, dataclasses.replace(SETTINGS, language="de", locale=None))
    english = cards(site, SETTINGS)
    claim = next(iter(german))
    words = " ".join(site.content.claims[claim].claim.split())
    assert german[claim].claim == f"„{words}“"
    assert english[claim].claim == f"“{words}”"


def test_the_image_is_in_the_language_of_the_claims_page():
    """A claim in Ukrainian on an English site has its page in Ukrainian: its image said
    "Under review" in English quotation marks."""
    site = sample_site()
    under_review = next(c for c in site.content.claims if c not in site.content.verdicts)
    content = replace_claim(
        sample_content(), under_review, claim="Безробіття подвоїлося.", language="uk"
    )
    card = share.cards(link(content), SETTINGS)[under_review]
    assert (card.claim, card.label) == ("«Безробіття подвоїлося.»", "Перевіряється")
    english = share.cards(sample_site(), SETTINGS)[under_review]
    assert english.label == "Under review" and english.claim.startswith("“")


BADGE_LABEL_AREA = (170, 422, 600, 502)  # right of an icon-only badge, where the label goes


def _hindi_scale(claim: str) -> object:
    """The sample site with its ratings' labels in Hindi, as `factcheck init --language hi`
    writes them, and the claim checked by CLAIM (rated Mostly false) in `claim`."""
    content = replace_claim(sample_content(), CLAIM, claim=claim)
    labels = {"mostly-false": "ज़्यादातर गलत", "false": "गलत", "true": "सच"}
    scale = {
        rid: dataclasses.replace(r, label=labels.get(rid, r.label))
        for rid, r in content.ratings.items()
    }
    return link(dataclasses.replace(content, ratings=scale))


@needs_dejavu
def test_the_images_text_alternative_names_no_rating_the_image_leaves_off(tmp_path, fonts):
    """With Latin fonts only, a Hindi rating label is left off the badge (only its ✘ is drawn),
    but og:image:alt still said "The claim and its rating: ज़्यादातर गलत"."""
    from generator.render.core import Context

    fonts((f"{DEJAVU}DejaVuSans.ttf", f"{DEJAVU}DejaVuSans-Bold.ttf"))
    settings = _settings(tmp_path)
    site = _hindi_scale("Unemployment doubled.")
    png = share.og_images(site, settings)[share.og_path(CLAIM)]
    assert _inked(png, CLAIM_AREA) and _inked(png, BADGE_AREA)
    assert not _inked(png, BADGE_LABEL_AREA)  # the icon alone, no label
    assert share.image_alt(Context.of(site, settings), CLAIM) == (
        "The claim checked in this fact check"
    )
    hindi = dataclasses.replace(settings, language="hi", locale=None)
    assert share.image_alt(Context.of(site, hindi), CLAIM) == "इस फ़ैक्ट-चेक में जांचा गया दावा"

    # Neither the claim nor the label drawn: the site's name is all the image says.
    site = _hindi_scale("東京の失業率は2022年から2倍になった。")
    png = share.og_images(site, settings)[share.og_path(CLAIM)]
    assert not _inked(png, CLAIM_AREA) and not _inked(png, BADGE_LABEL_AREA)
    assert share.image_alt(Context.of(site, settings), CLAIM) == "Test Fact Desk"

    # A label the fonts have is drawn, and named.
    site = link(replace_claim(sample_content(), CLAIM, claim="Unemployment doubled."))
    png = share.og_images(site, settings)[share.og_path(CLAIM)]
    assert _inked(png, BADGE_LABEL_AREA)
    assert share.image_alt(Context.of(site, settings), CLAIM) == (
        "The claim and its rating: Mostly false"
    )


@needs_dejavu
def test_an_emoji_no_font_has_is_left_out_not_the_whole_claim(tmp_path, fonts):
    """One 🎉 in a claim quoting a post, or a 🔎 in the site's name, and no font here has it: the
    whole claim and the whole name were left off, and the card showed only its badge."""
    fonts((f"{DEJAVU}DejaVuSans.ttf", f"{DEJAVU}DejaVuSans-Bold.ttf"))
    settings = _settings(tmp_path, site_name="Fact Desk 🔎")
    claim = "Unemployment 🎉 doubled 👩‍👩‍👧 since 2022 1️⃣"
    site = link(replace_claim(sample_content(), CLAIM, claim=claim))
    card = share.cards(site, settings)[CLAIM]
    assert card.claim == "“Unemployment doubled since 2022 1”" and card.site_name == "Fact Desk"
    png = share.og_images(site, settings)[share.og_path(CLAIM)]
    assert _inked(png, CLAIM_AREA) and _inked(png, SITE_NAME_AREA)
    from generator.render.core import Context

    assert share.image_alt(Context.of(site, settings), CLAIM) == (
        "The claim and its rating: Mostly false"
    )
    # A claim of nothing but emoji is still left off; letters are never taken out.
    only = link(replace_claim(sample_content(), CLAIM, claim="🎉🎉"))
    assert share.cards(only, settings)[CLAIM].claim == ""
    assert share.without_pictographs("क्‍ष ✔ 🎉", bold=False) == "क्‍ष ✔"
