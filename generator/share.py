"""Sharing a claim without third-party scripts: its link-preview image and its embeddable card.

- `claims/<id>/og.png`: a 1200x630 PNG (Open Graph, Twitter's summary_large_image) drawn with
  Pillow: the claim, its rating badge in the rating's colour and the site name. Drawing one costs
  ~20 ms, so each is kept in a cache folder (plugin option `og_image_cache`, by default
  `.cache/factcheck/og/` beside mkdocs.yml) under the hash of everything drawn on it; a rebuild
  copies it from there. Missing images are drawn on every core.
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
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import lru_cache, partial
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from .link import Site
from .render.claims import EMBED_HEIGHT, EMBED_WIDTH, OG_IMAGE, embed_page
from .render.core import Context, badge_colors
from .settings import Settings
from .streams import FileData, Stream

log = logging.getLogger("mkdocs.plugins.factcheck")

WIDTH, HEIGHT = 1200, 630
# Part of every image's cache key: change it when the drawing changes, and every image is redrawn.
DRAW_VERSION = "2"
REVIEW_COLOR = "#5f6368"  # a claim under review: the badge's grey (factcheck.css, fc-badge--review)
PARALLEL_MIN = 64  # fewer images to draw than this: starting processes costs more than it saves
# Fonts with wide script coverage, used when the system has them (Debian's fonts-dejavu-core);
# otherwise Pillow's own scalable font (Latin only). The font is part of the cache key.
SYSTEM_FONTS = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
)


def og_path(claim_id: str) -> str:
    return OG_IMAGE.format(claim_id)


@dataclass(frozen=True)
class Card:
    """Everything drawn on one image (and so its cache key)."""

    claim: str
    label: str  # the rating's label, or "Under review" in the site's language
    icon: str
    background: str  # the badge's colour, #rrggbb
    foreground: str  # its text colour
    site_name: str
    font: str  # the font file, or "pillow" for Pillow's own

    def key(self) -> str:
        from PIL import __version__ as pillow

        data = {**asdict(self), "size": [WIDTH, HEIGHT], "v": DRAW_VERSION, "pillow": pillow}
        raw = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(raw).hexdigest()[:32]


@lru_cache(maxsize=1)
def _font_files() -> tuple[str, str] | None:
    for regular, bold in SYSTEM_FONTS:
        if os.path.isfile(regular) and os.path.isfile(bold):
            return regular, bold
    return None


def _font_name() -> str:
    found = _font_files()
    return found[0] if found else "pillow"


@lru_cache(maxsize=32)
def _font(size: int, bold: bool = False) -> Any:
    from PIL import ImageFont

    found = _font_files()
    if found:
        return ImageFont.truetype(found[1] if bold else found[0], size)
    return ImageFont.load_default(size=size)  # Pillow >= 10.1: a scalable FreeType font


def has_rtl(value: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in value)


@lru_cache(maxsize=1)
def can_shape() -> bool:
    """Right-to-left and Arabic text needs libraqm; without it Pillow draws letters unjoined."""
    from PIL import features

    return bool(features.check("raqm"))


def _wrap(text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _fit(text: str, width: int, height: int) -> tuple[Any, list[str], int]:
    """The largest font size (64 down to 30) at which the text fits; past that, cut with …"""
    for size in (64, 56, 48, 42, 36, 30):
        font = _font(size)
        lines = _wrap(text, font, width)
        step = int(size * 1.3)
        if len(lines) * step <= height:
            return font, lines, step
    keep = max(1, height // step)
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] = lines[-1].rstrip(",;:.") + "…"
    return font, lines, step


def draw(card: Card) -> bytes:
    """The PNG of one card: the claim in quotes, the badge under it, the site name at the foot."""
    from PIL import Image, ImageDraw

    margin = 64
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 16), fill=card.background)
    rtl = has_rtl(card.claim)
    direction = {"direction": "rtl"} if rtl and can_shape() else {}
    font, lines, step = _fit(card.claim, WIDTH - 2 * margin, 330)
    y = margin
    for line in lines:
        if rtl:
            pen.text((WIDTH - margin, y), line, font=font, fill="#111111", anchor="ra", **direction)
        else:
            pen.text((margin, y), line, font=font, fill="#111111")
        y += step
    badge_font = _font(40, bold=True)
    label = f"{card.icon} {card.label}".strip()
    top = HEIGHT - margin - 64 - 80
    length = int(badge_font.getlength(label))
    pen.rounded_rectangle(
        (margin, top, margin + length + 56, top + 80), radius=16, fill=card.background
    )
    pen.text((margin + 28, top + 40), label, font=badge_font, fill=card.foreground, anchor="lm")
    pen.text((margin, HEIGHT - margin), card.site_name, font=_font(30), fill="#444444", anchor="ld")
    # 32 colours are plenty for text and one badge colour: a third of the bytes of the full-colour
    # PNG (about 17 KB, not 55 KB), for about 10 ms more a card. Thousands of claims: hundreds of MB.
    out = io.BytesIO()
    image.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(out, "PNG", compress_level=6)
    return out.getvalue()


def cards(site: Site, settings: Settings) -> dict[str, Card]:
    """Claim id -> what its image shows."""
    content = site.content
    ctx = Context.of(site, settings)
    review = settings.messages.gettext("Under review")
    quote = settings.messages.gettext("“%(quote)s”")
    font = _font_name()
    out = {}
    retracted = settings.messages.gettext("Retracted")
    for claim_id, claim in content.claims.items():
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
        out[claim_id] = Card(
            # In the language's quotation marks (the msgid's translators' note is in embed.html).
            claim=quote % {"quote": " ".join(claim.claim.split())},
            label=rating.label
            if rating
            else retracted
            if verdict and verdict.retracted
            else review,
            icon=icon if _font_files() else "",  # Pillow's own font has no ✔ or ✘
            background=bg,
            foreground=fg,
            site_name=settings.site_name,
            font=font,
        )
    return out


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
    if not can_shape() and any(has_rtl(c.claim) for c in missing.values()):
        log.info(
            "factcheck: Pillow has no libraqm here: right-to-left claims in link-preview images "
            "are drawn without shaping (README, Known exceptions)"
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
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def files(site: Site, settings: Settings) -> dict[str, FileData | Stream]:
    """Every sharing file: link-preview images (cached ones as files), embeddable cards, oEmbed."""
    return {**og_images(site, settings, as_files=True), **embed_files(site, settings)}
