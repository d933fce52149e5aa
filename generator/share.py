"""Sharing a claim without third-party scripts: its link-preview image and its embeddable card.

- `claims/<id>/og.png`: a 1200x630 PNG (Open Graph, Twitter's summary_large_image) drawn with
  Pillow: the claim, its rating badge in the rating's colour and the site name. Drawing one costs
  ~20 ms, so each is kept in a cache folder (plugin option `og_image_cache`, by default
  `.cache/factcheck/og/` beside mkdocs.yml) under the hash of everything drawn on it; a rebuild
  copies it from there. Missing images are drawn on every core. Each text is drawn in the first
  font here that has all its letters (SYSTEM_FONTS); a text that no font can draw, or whose
  script needs shaping this Pillow cannot do (no libraqm), is left off rather than drawn as empty
  boxes or letters in the wrong order: the card keeps its rating and site name. An emoji no font
  here has is left out of its text, not the text off the card. The image's text alternative
  (`image_alt`) names only what is drawn.
- `claims/<id>/embed/index.html` and `claims/<id>/oembed.json`, for every claim with a verdict: a
  self-contained card (template `factcheck/embed.html`, render/claims.py) and its oEmbed answer.

Nothing here imports an engine: `Generation.files` hands these files to both.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import lru_cache, partial
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from .link import Site
from .model import Claim
from .render.claims import EMBED_HEIGHT, EMBED_WIDTH, OG_IMAGE, embed_page
from .render.core import Context, badge_colors
from .settings import Settings
from .streams import FileData, Stream

log = logging.getLogger("mkdocs.plugins.factcheck")

WIDTH, HEIGHT = 1200, 630
# Part of every image's cache key: change it when the drawing changes, and every image is redrawn.
DRAW_VERSION = "4"
REVIEW_COLOR = "#5f6368"  # a claim under review: the badge's grey (factcheck.css, fc-badge--review)
PARALLEL_MIN = 64  # fewer images to draw than this: starting processes costs more than it saves
# Fonts tried in turn for each text on an image (regular, bold): the first that has a glyph for
# every letter of it draws it. DejaVu Sans (Debian's fonts-dejavu-core) covers Latin, Greek,
# Cyrillic, Arabic and Hebrew; Noto (fonts-noto-core, fonts-noto-cjk) the scripts it lacks. Last
# comes Pillow's own scalable font (Latin only). A text no font here can draw is left off the
# image: a card of empty boxes is worse than none. The font is part of the cache key.
_NOTO = "/usr/share/fonts/truetype/noto/NotoSans"
SYSTEM_FONTS: tuple[tuple[str, str], ...] = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    ),
    *(
        (f"{_NOTO}{script}-Regular.ttf", f"{_NOTO}{script}-Bold.ttf")
        for script in (
            *("", "Devanagari", "Thai", "Bengali", "Tamil", "Arabic", "Hebrew"),
            # the other scripts of living languages fonts-noto-core covers, most speakers first
            *("Telugu", "Gujarati", "Kannada", "Malayalam", "Gurmukhi", "Oriya", "Myanmar"),
            *("Ethiopic", "Sinhala", "Khmer", "Lao", "Georgian", "Armenian", "Thaana"),
            *("Mongolian", "Javanese", "Adlam", "NKo", "OlChiki", "Cherokee", "CanadianAboriginal"),
        )
    ),
)
PILLOW_FONT = "pillow"  # Pillow's own font, when no system font has the text's letters

# Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...) or whose letters change
# shape or order with their neighbours (Indic, Thai, Lao, Tibetan, Myanmar, conjoining Hangul
# jamo, Khmer, Mongolian): without libraqm's shaping Pillow draws them in the wrong form or order.
_SHAPED = re.compile(
    "[\u0590-\u08ff\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1100-\u11ff\u1780-\u18af"
    "\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
# Chinese and Japanese: a line may break between any two characters.
_CJK = re.compile(
    "[\u3000-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
# What may not begin a line: closing marks, the long-vowel mark and small kana (kinsoku).
_NO_LINE_START = frozenset(
    "、。，．！？：；）」』】〕〉》”’ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ"
)


def og_path(claim_id: str) -> str:
    return OG_IMAGE.format(claim_id)


@dataclass(frozen=True)
class Card:
    """Everything drawn on one image (and so its cache key). A text no font here can draw is
    empty, with the font "" (it is left off the image)."""

    claim: str
    label: str  # the rating's label, or "Under review" in the language of the claim's page
    icon: str
    background: str  # the badge's colour, #rrggbb
    foreground: str  # its text colour
    site_name: str
    font: str  # the claim's font file, or "pillow" for Pillow's own
    badge_font: str = ""  # the bold font of the icon and label
    site_font: str = ""

    def key(self) -> str:
        from PIL import __version__ as pillow

        data = {
            **asdict(self),
            "size": [WIDTH, HEIGHT],
            "v": DRAW_VERSION,
            "pillow": pillow,
            "raqm": can_shape(),
        }
        raw = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(raw).hexdigest()[:32]


@lru_cache(maxsize=1)
def _font_files() -> tuple[tuple[str, str], ...]:
    """The fonts of SYSTEM_FONTS this system has, in their order; a script without a bold face
    (Noto's Mongolian, N'Ko) draws its bold texts with the regular one."""
    return tuple(
        (regular, bold if os.path.isfile(bold) else regular)
        for regular, bold in SYSTEM_FONTS
        if os.path.isfile(regular)
    )


# The face of a font collection (Noto's CJK .ttc) a font name picks: `NotoSansCJK-Regular.ttc#2`.
_FACE = re.compile(r"(.+\.tt[cf])#(\d+)", re.IGNORECASE)


def _file_and_face(name: str) -> tuple[str, int]:
    """A font name's file and the index of its face in that file (0: the first, or only, one)."""
    m = _FACE.fullmatch(name)
    return (m[1], int(m[2])) if m else (name, 0)


@lru_cache(maxsize=16)
def _faces(path: str) -> dict[str, int]:
    """The faces of a font collection by the last word of their name, as the file names them:
    Noto Sans CJK's `JP`, `KR`, `SC`, `TC` and `HK` (its Mono faces left out)."""
    from PIL import ImageFont

    found: dict[str, int] = {}
    for index in range(64):
        try:
            family = ImageFont.truetype(path, 20, index=index).getname()[0] or ""
        except OSError:  # past the last face
            break
        if "Mono" not in family.split():
            found.setdefault(family.rsplit(" ", 1)[-1], index)
    return found


def _cjk_face(language: str) -> str:
    """Which of Noto CJK's faces draws Han characters as readers of `language` write them:
    Japanese, Korean, Simplified Chinese, or Traditional as in Taiwan or in Hong Kong. Their
    shapes differ (骨, 直, 写); "" for a language not written in them."""
    from .i18n import writing

    script, region = writing(language) if language else ("", "")
    if script == "Hant":
        return "HK" if region in ("HK", "MO") else "TC"
    return {"Jpan": "JP", "Kore": "KR", "Hans": "SC"}.get(script, "")


@lru_cache(maxsize=64)
def _face(name: str, language: str) -> str:
    """The font name drawing a text in `language`: a collection's face for it (`…ttc#2` for
    Simplified Chinese), else the name as it is. The first face of Noto's CJK collection is
    Japanese: Chinese and Korean claims were drawn in Japanese shapes."""
    if not name.lower().endswith(".ttc"):
        return name
    index = _faces(name).get(_cjk_face(language), 0)
    return f"{name}#{index}" if index else name


@lru_cache(maxsize=64)
def _font(name: str, size: int) -> Any:
    from PIL import ImageFont

    if name == PILLOW_FONT:
        return ImageFont.load_default(size=size)  # Pillow >= 10.1: a scalable FreeType font
    path, index = _file_and_face(name)
    return ImageFont.truetype(path, size, index=index)


@lru_cache(maxsize=128)  # every font of SYSTEM_FONTS, regular and bold, stays loaded
def _glyphs(name: str) -> tuple[Any, bytes, dict[str, bool]]:
    """A font laid out without shaping (one glyph a character), its drawing of a character it has
    no glyph for (U+FDD0 is in no font), and the characters checked so far."""
    from PIL import ImageFont

    if name == PILLOW_FONT:
        font = ImageFont.load_default(size=20)
    else:
        path, index = _file_and_face(name)
        font = ImageFont.truetype(path, 20, index=index, layout_engine=ImageFont.Layout.BASIC)
    return font, _bitmap(font, "\ufdd0"), {}


def _bitmap(font: Any, ch: str) -> bytes:
    from PIL import Image

    mask = font.getmask(ch)
    return repr(mask.size).encode() + Image.Image()._new(mask).tobytes()


def has_glyphs(name: str, text: str) -> bool:
    """Whether the font draws every visible character of `text` as itself, not as the box of a
    missing glyph (DejaVu has no Chinese, Devanagari or Thai)."""
    font, missing, known = _glyphs(name)
    for ch in set(text):
        found = known.get(ch)
        if found is None:
            if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
                found = True
            else:
                found = known[ch] = _bitmap(font, ch) != missing
        if not found:
            return False
    return True


def has_rtl(value: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in value)


def needs_shaping(value: str) -> bool:
    """Right-to-left letters, or a script whose letters join or reorder (Arabic, Devanagari, Thai)."""
    return _SHAPED.search(value) is not None


@lru_cache(maxsize=1)
def can_shape() -> bool:
    """Right-to-left and complex scripts need libraqm; without it Pillow draws Arabic unjoined,
    Hebrew backwards and Devanagari's vowel signs in the wrong place."""
    from PIL import features

    return bool(features.check("raqm"))


def font_for(text: str, bold: bool = False, language: str = "") -> str:
    """The first font here that can draw `text`, or "" when none can (nothing to draw is ""); a
    font collection's face for `language` (the text's language tag), where it has one."""
    if not text or (needs_shaping(text) and not can_shape()):
        return ""
    names = [_face(pair[bold], language) for pair in _font_files()] + [PILLOW_FONT]
    return next((name for name in names if has_glyphs(name, text)), "")


# Parts of an emoji sequence that mean nothing without its emoji: variation selectors, the keycap
# mark, skin tones and tag letters.
_EMOJI_PARTS = frozenset(
    "\ufe0e\ufe0f\u20e3"
    + "".join(map(chr, range(0x1F3FB, 0x1F400)))
    + "".join(map(chr, range(0xE0020, 0xE0080)))
)


def without_pictographs(text: str, bold: bool = False) -> str:
    """`text` without the emoji and other pictographs no font here has (and the joiners and
    selectors of their sequences), its spaces tidied. One 🎉 in a claim quoting a post, or a 🔎
    in the site's name, left the whole text off the image; letters are never taken out."""
    names = [pair[bold] for pair in _font_files()] + [PILLOW_FONT]
    out: list[str] = []
    dropped = False
    for ch in text:
        if ch in _EMOJI_PARTS:
            continue
        if unicodedata.category(ch) == "So" and not any(has_glyphs(n, ch) for n in names):
            if out and out[-1] == "\u200d":  # the joiner before it
                out.pop()
            dropped = True
            continue
        if dropped and ch == "\u200d":  # the joiner after it: the next pictograph goes too
            continue
        dropped = False
        out.append(ch)
    return " ".join("".join(out).split())


_FLAG_LETTERS = range(0x1F1E6, 0x1F200)  # two of these make one flag


def _clusters(word: str) -> list[str]:
    """A word cut where a line may break inside it: never inside a letter with its marks or an
    emoji sequence (joined, toned, a flag), nor before a mark that may not begin a line."""
    out: list[str] = []
    for ch in word:
        o = ord(ch)
        joined = out and (
            unicodedata.category(ch)[0] == "M"
            or ch in _NO_LINE_START
            or ch in "\u200c\u200d\ufe0f"
            or 0x1F3FB <= o <= 0x1F3FF  # a skin tone
            or 0xE0020 <= o <= 0xE007F  # the tag letters of a flag such as Scotland's
            or out[-1].endswith("\u200d")
            or (o in _FLAG_LETTERS and len(out[-1]) == 1 and ord(out[-1]) in _FLAG_LETTERS)
        )
        if joined:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _pieces(text: str) -> Iterator[tuple[str, bool]]:
    """What a line can break between, each with whether a space comes before it: words, and in
    Chinese and Japanese, which have no spaces between words, each character (kept with a mark
    that may not begin a line, and an opening one that may not end one)."""
    for word in text.split():
        merged: list[str] = []
        for part in _CJK_PARTS.findall(word) if _CJK.search(word) else [word]:
            joined = merged and (
                part[0] in _NO_LINE_START
                or unicodedata.category(part[0])[0] == "M"
                or merged[-1][-1] in _NO_LINE_END
            )
            if joined:
                merged[-1] += part
            else:
                merged.append(part)
        for i, piece in enumerate(merged):
            yield piece, i == 0


_CJK_PARTS = re.compile(f"{_CJK.pattern}|(?:(?!{_CJK.pattern}).)+")
_NO_LINE_END = frozenset("「『（【〔〈《“‘")


def _wrap(text: str, font: Any, width: int, most: int | None = None) -> list[str]:
    """`text` in lines of at most `width`; once past `most` lines, the first `most` + 1 only
    (a claim of 200,000 letters took a minute to wrap whole, for the few lines the card shows)."""
    lines: list[str] = []
    line = ""
    for piece, space in _pieces(text):
        candidate = f"{line} {piece}" if line and space else line + piece
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for cluster in _clusters(piece):  # a word longer than the line: cut between letters
            if line and font.getlength(line + cluster) > width:
                lines.append(line)
                line = ""
            line += cluster
            if most is not None and len(lines) > most:
                return lines
        if most is not None and len(lines) > most:
            return lines
    if line:
        lines.append(line)
    return lines


def _fit(text: str, font_name: str, width: int, height: int) -> tuple[Any, list[str], int]:
    """The largest font size (64 down to 30) at which the text fits; past that, cut with …"""
    for size in (64, 56, 48, 42, 36, 30):
        font = _font(font_name, size)
        step = int(size * 1.3)
        lines = _wrap(text, font, width, most=height // step)
        if len(lines) * step <= height:
            return font, lines, step
    keep = max(1, height // step)
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] = _cut(lines[-1], font, width)
    return font, lines, step


def _cut(line: str, font: Any, width: int) -> str:
    """The last line a card has room for, ending in … within `width`: a full line with … added
    ran into the card's margin (its left one, in a right-to-left claim). Whole letters go."""
    parts = _clusters(line)
    while parts:
        cut = "".join(parts).rstrip(",;:.、。， ") + "…"
        if font.getlength(cut) <= width:
            return cut
        parts.pop()
    return "…"


def draw(card: Card) -> bytes:
    """The PNG of one card: the claim in quotes, the badge under it, the site name at the foot.
    A text without a font (Card.font "") is left off; the rest of the card stays."""
    from PIL import Image, ImageDraw

    margin = 64
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 16), fill=card.background)
    if card.claim and card.font:
        rtl = has_rtl(card.claim)
        direction = {"direction": "rtl"} if rtl else {}
        font, lines, step = _fit(card.claim, card.font, WIDTH - 2 * margin, 330)
        y = margin
        for line in lines:
            if rtl:
                pen.text(
                    (WIDTH - margin, y), line, font=font, fill="#111111", anchor="ra", **direction
                )
            else:
                pen.text((margin, y), line, font=font, fill="#111111")
            y += step
    label = f"{card.icon} {card.label}".strip()
    if label and card.badge_font:
        badge_font = _font(card.badge_font, 40)
        top = HEIGHT - margin - 64 - 80
        length = int(badge_font.getlength(label))
        pen.rounded_rectangle(
            (margin, top, margin + length + 56, top + 80), radius=16, fill=card.background
        )
        pen.text((margin + 28, top + 40), label, font=badge_font, fill=card.foreground, anchor="lm")
    if card.site_name and card.site_font:
        site_font = _font(card.site_font, 30)
        pen.text(
            (margin, HEIGHT - margin), card.site_name, font=site_font, fill="#444444", anchor="ld"
        )
    # 32 colours are plenty for text and one badge colour: a third of the bytes of the full-colour
    # PNG (about 17 KB, not 55 KB), for about 10 ms more a card. Thousands of claims: hundreds of MB.
    out = io.BytesIO()
    image.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(out, "PNG", compress_level=6)
    return out.getvalue()


def _setup() -> tuple[Any, ...]:
    """What decides which font draws a text: the fonts found and whether Pillow can shape."""
    return (_font_files(), can_shape())


def _one_line(text: str) -> str:
    """`text` with each run of white space (line breaks and tabs too) as one space."""
    return " ".join(text.split())


@lru_cache(maxsize=256)
def _badge(
    icon: str, label: str, setup: tuple[Any, ...], language: str = ""
) -> tuple[str, str, str]:
    """(icon, label, bold font) of the badge: both when one font draws them, else the label alone,
    else the icon alone; neither when no font here can draw either. A scale has a few labels: each
    is looked at once for the fonts and shaping of the run (`setup`: `_setup()`). Line breaks
    and tabs in a label are spaces on the badge, as on the page: Pillow drew a tab as a box, and
    a line break (\n, \r, U+0085, U+2029) stopped the build ("raqm_layout() failed")."""
    icon, label = _one_line(icon), _one_line(label)
    plain = without_pictographs(label, bold=True)
    for mine, text in ((icon, label), ("", label), (icon, plain), ("", plain), (icon, "")):
        font = font_for(f"{mine} {text}".strip(), bold=True, language=language)
        if font:
            return mine, text, font
    return "", "", ""


def _quoted_or_bare(
    gettext: Callable[[str], str], words: str, language: str = ""
) -> tuple[str, str]:
    """`words` in the language's quotation marks, else bare, with the font that draws them ("").
    The claim is on one line; the msgid's translators' note is in embed.html."""
    quoted = gettext("“%(quote)s”") % {"quote": words}
    for candidate in (quoted, words):
        font = font_for(candidate, language=language)
        if font:
            return candidate, font
    return quoted, ""


def _claim_drawn(
    gettext: Callable[[str], str], claim: Claim, language: str = ""
) -> tuple[str, str]:
    """The claim as its image shows it and the font that draws it ("" when none here can): in
    the language's quotation marks, else bare when no font has both the marks and the claim's
    letters (Noto's Ethiopic, Devanagari or Khmer fonts have no “ ”); and when no font has an
    emoji in it, the same without the emoji (the page quotes it whole)."""
    words = _one_line(claim.claim)
    found = _quoted_or_bare(gettext, words, language)
    if not found[1]:
        plain = without_pictographs(words)
        if plain and plain != words:  # "" when it is nothing but emoji: left off
            again = _quoted_or_bare(gettext, plain, language)
            found = again if again[1] else found
    return found


@lru_cache(maxsize=8)
def _site_name(name: str, setup: tuple[Any, ...], language: str = "") -> tuple[str, str]:
    """The site's name as its images show it and its font ("" when none here can draw it), once
    for the fonts and shaping of the run (`setup`: `_setup()`)."""
    name = _one_line(name)
    font = font_for(name, language=language)
    if not font:  # "Fact Desk 🔎": the name without the emoji no font here has
        name = without_pictographs(name)
        font = font_for(name, language=language)
    return name, font


def card(ctx: Context, claim_id: str) -> Card:
    """What one claim's image shows: its words in the language of the claim's page."""
    content = ctx.site.content
    settings = ctx.settings
    claim = content.claims[claim_id]
    # The words of the claim's page: its language's, where the site has a catalog for it.
    page = ctx.for_language(claim.language).settings
    gettext = page.messages.gettext
    # The language each text is written in picks the shapes of its Han characters (ja, zh, ko).
    written = claim.language or settings.language
    verdict = content.verdicts.get(claim_id)
    # A retracted verdict's rating no longer stands: the image says so, as the page does.
    standing = verdict.standing_rating if verdict else None
    rating = content.ratings.get(standing) if standing else None
    colors = badge_colors(rating.color) if rating else None
    icon = "\u2298" if verdict and verdict.retracted else ""
    if rating:
        from .render.core import default_icon

        icon = default_icon(rating, ctx.scale.best, ctx.scale.worst)
    bg, fg = colors or (REVIEW_COLOR, "#ffffff")
    if rating:
        label = rating.label  # the scale is written once, in the site's language
    elif verdict and verdict.retracted:
        label = gettext("Retracted")
    else:
        label = gettext("Under review")
    icon, label, badge_font = _badge(
        icon, label, _setup(), settings.language if rating else page.language
    )
    text, font = _claim_drawn(gettext, claim, written)
    site_name, site_font = _site_name(settings.site_name, _setup(), settings.language)
    return Card(
        claim=text if font else "",
        label=label,
        icon=icon,
        background=bg,
        foreground=fg,
        site_name=site_name if site_font else "",
        font=font,
        badge_font=badge_font,
        site_font=site_font,
    )


def cards(site: Site, settings: Settings) -> dict[str, Card]:
    """Claim id -> what its image shows."""
    ctx = Context.of(site, settings)
    return {claim_id: card(ctx, claim_id) for claim_id in site.content.claims}


def image_alt(ctx: Context, claim_id: str) -> str:
    """The text alternative of a claim's image (og:image:alt), naming only what is drawn on it.

    A text no font here can draw is left off the image, so it is left out of this too: a card
    whose rating label was left off (a Hindi label on a server with Latin fonts only) must not
    tell a screen-reader user the rating it does not show. `ctx` is the claim page's context.
    """
    shown = card(ctx, claim_id)
    _ = ctx._
    if shown.claim and shown.label:
        # Translators: the text alternative of a claim's link-preview image.
        return _("The claim and its rating: %(rating)s") % {"rating": shown.label}
    if shown.label:
        # Translators: the text alternative of a claim's link-preview image drawn without the
        # claim (no font on the server that built the site has its letters): only its rating.
        return _("The rating of this fact check: %(rating)s") % {"rating": shown.label}
    if shown.claim:
        # Translators: the text alternative of a claim's link-preview image drawn without the
        # rating's name (no font on the server that built the site has its letters): only the
        # claim, quoted, above a badge with the rating's colour and symbol.
        return _("The claim checked in this fact check")
    return shown.site_name  # only the site's name is drawn, or no text at all ("": nothing to read)


def og_images(site: Site, settings: Settings, *, as_files: bool = False) -> dict[str, bytes | Path]:
    """Site path -> PNG for every claim, from the cache folder when it has the image.

    `as_files` gives the cached image's file instead of its bytes, so a build copies it without
    holding every image in memory (17 KB a claim: 1.7 GB at 100,000 claims).
    """
    if not settings.og_images:
        return {}
    by_claim = cards(site, settings)
    cache = Path(settings.og_image_cache) if settings.og_image_cache else None
    out: dict[str, bytes | Path] = {}
    missing: dict[str, Card] = {}
    for claim_id, card in by_claim.items():
        found = cache / f"{card.key()}.png" if cache else None
        if found is not None and found.is_file():
            out[og_path(claim_id)] = found if as_files else found.read_bytes()
        else:
            missing[claim_id] = card
    textless = sum(not c.claim for c in missing.values())
    if textless:
        log.info(
            "factcheck: %d link-preview image(s) drawn without the claim: no font here has its "
            "letters%s (Debian: fonts-noto-core, fonts-noto-cjk)",
            textless,
            "" if can_shape() else ", or its script needs libraqm, which this Pillow lacks",
        )
    drawn = _draw_all(list(missing.values()))
    if cache is not None and missing:
        cache.mkdir(parents=True, exist_ok=True)
    for (claim_id, card), png in zip(missing.items(), drawn, strict=True):
        out[og_path(claim_id)] = png  # replaced by its file just below when `as_files`
        if cache is not None:
            target = cache / f"{card.key()}.png"
            temp = target.with_suffix(f".{os.getpid()}.tmp")
            temp.write_bytes(png)
            temp.replace(target)
            if as_files:
                out[og_path(claim_id)] = target
    if missing:
        log.info(
            "factcheck: drew %d link-preview image(s), %d from the cache",
            len(missing),
            len(out) - len(missing),
        )
    return out


def _draw_all(todo: list[Card]) -> Iterator[bytes]:
    """Each card's PNG, in order, as it is drawn (the caller writes each to the cache at once)."""
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < PARALLEL_MIN or workers < 2 or os.environ.get("FACTCHECK_WORKERS") == "0":
        yield from (draw(c) for c in todo)
        return
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        yield from pool.map(draw, todo, chunksize=32)


def embed_files(site: Site, settings: Settings) -> dict[str, Stream]:
    """The embeddable card and its oEmbed answer for every claim with a verdict, each made when it
    is written."""
    ctx = Context.of(site, settings)
    out: dict[str, Stream] = {}
    for claim_id in site.content.claims:
        if claim_id not in site.content.verdicts:
            continue
        for path, make in (
            (f"claims/{claim_id}/embed/index.html", embed_page),
            (f"claims/{claim_id}/oembed.json", oembed),
        ):
            out[path] = Stream.one(path, partial(make, ctx, claim_id))
    return out


def oembed(ctx: Context, claim_id: str) -> str:
    """The oEmbed (https://oembed.com) answer of a claim: a `rich` type whose html is the iframe."""
    from .render.claims import embed_snippet

    settings = ctx.settings
    claim = ctx.site.content.claims[claim_id]
    data = {
        "version": "1.0",
        "type": "rich",
        "title": claim.short,
        "provider_name": settings.site_name,
        "provider_url": settings.site_url,
        "html": embed_snippet(ctx, claim_id),
        "width": EMBED_WIDTH,
        "height": EMBED_HEIGHT,
    }
    if settings.og_images:
        data.update(
            thumbnail_url=settings.url(og_path(claim_id)),
            thumbnail_width=WIDTH,
            thumbnail_height=HEIGHT,
        )
    # Compact: with `indent`, json builds its encoder from Python closures that refer to each other,
    # a cycle per claim that stays until the build ends (the cycle collector is off then).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def files(site: Site, settings: Settings) -> dict[str, FileData | Stream]:
    """Every sharing file: link-preview images (cached ones as files), embeddable cards, oEmbed."""
    return {**og_images(site, settings, as_files=True), **embed_files(site, settings)}
