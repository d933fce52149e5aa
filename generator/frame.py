"""What the theme's frame repeats on every page, written once as files that pages refer to.

Icons: Material writes each icon's SVG into every page: the logo twice (header and navigation drawer), the
menu button, both colour-scheme toggles and the back-to-top arrow, about 2.5 KB of each page (a tenth
of a claim page). A page that refers to the symbols of one file the browser caches carries about 90
bytes an icon instead. Icons not in the sprite (a site's own templates, Material's other partials)
stay inline, as Material writes them. (A site opened from file:// would not draw them: browsers
refuse one file's symbols to another there; such a site is not supported, see
siteconfig.offline_problem.)

The colour-scheme script: Material's header carries 0.8 KB of script that applies the colours a
reader chose; as a file it is read once, from the browser's cache after the first page.

Material's configuration script at the end of every page carries the words of its own search box
(0.3 KB), which our pages do not have (the fact-check search replaces it): `trim_config` leaves
them out unless Material's search plugin is on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2.utils import htmlsafe_json_dumps

SPRITE = "assets/factcheck/icons.svg"
PALETTE_SCRIPT = "assets/factcheck/palette.js"
EXTRA = "factcheck_frame"  # config.extra key the theme's partials read

_SVG = re.compile(r"\A\s*<svg\b([^>]*)>(.*)</svg>\s*\Z", re.S)
_VIEWBOX = re.compile(r'\bviewBox="([0-9. -]+)"')
_OTHER_ATTRS = re.compile(r'\s(?:xmlns="http://www\.w3\.org/2000/svg"|viewBox="[0-9. -]+")')


@dataclass(frozen=True)
class Symbol:
    id: str
    box: str  # the icon's viewBox: the page's <svg> keeps the icon's proportions


def frame_icons(theme: Mapping[str, Any]) -> list[str]:
    """The icons of Material's frame (header, drawer, palette toggles, back-to-top button)."""
    icon = theme.get("icon") or {}
    names = [] if theme.get("logo") else [icon.get("logo") or "material/library"]
    names.append(icon.get("menu") or "material/menu")
    palette = theme.get("palette")
    for option in palette if isinstance(palette, list) else []:
        toggle = option.get("toggle") if isinstance(option, Mapping) else None
        if isinstance(toggle, Mapping) and toggle.get("icon"):
            names.append(toggle["icon"])
    names.append(icon.get("top") or "material/arrow-up")
    return list(dict.fromkeys(str(n) for n in names))


def sprite(sources: Mapping[str, str]) -> tuple[str, dict[str, Symbol]]:
    """One SVG file of symbols from icon files, and each icon's symbol; an icon whose file is not a
    single <svg> element with a viewBox and no other attributes is left out (and stays inline)."""
    parts: list[str] = []
    symbols: dict[str, Symbol] = {}
    for name, source in sources.items():
        whole = _SVG.match(source)
        box = _VIEWBOX.search(whole.group(1)) if whole else None
        if whole is None or box is None or "<svg" in whole.group(2):
            continue
        # Attributes of the <svg> element itself (Lucide's fill="none" stroke=...) meet the theme's
        # CSS for that element differently from a symbol's: such an icon stays inline.
        if _OTHER_ATTRS.sub("", whole.group(1)).strip():
            continue
        ident = re.sub(r"[^a-z0-9-]", "-", name.lower())
        taken = {s.id for s in symbols.values()}
        if ident in taken:  # a/b-c and a-b/c
            ident = f"{ident}-{len(symbols)}"
        symbol = Symbol(ident, box.group(1))
        symbols[name] = symbol
        parts.append(f'<symbol id="{symbol.id}" viewBox="{symbol.box}">{whole.group(2)}</symbol>')
    body = "".join(parts)
    return f'<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>\n', symbols


_SCRIPT = re.compile(r"\A\s*<script>(.*)</script>\s*\Z", re.S)
_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def script_body(template: str) -> str | None:
    """The code of a template that is one plain <script> element (and Jinja comments), else None
    (it stays inline)."""
    whole = _SCRIPT.match(_COMMENT.sub("", template))
    if whole is None or any(s in whole.group(1) for s in ("</script", "{{", "{%")):
        return None
    return whole.group(1)


def shared_files(
    theme: Mapping[str, Any], read: Callable[[str], str | None]
) -> tuple[dict[str, str], dict[str, Any]]:
    """The frame's shared files (site-relative path -> text) and what the theme's partials read from
    config.extra.factcheck_frame. `read` gives a theme template's source, None if there is none."""
    sources = {}
    for name in frame_icons(theme):
        source = read(f".icons/{name}.svg")
        if source is not None:  # else Material reports it where the page includes it
            sources[name] = source
    sprite_text, symbols = sprite(sources)
    palette = read("partials/javascripts/palette.html")
    script = script_body(palette) if palette is not None else None
    files: dict[str, str] = {}
    extra: dict[str, Any] = {}
    if symbols:
        files[SPRITE] = sprite_text
        extra["sprite"] = SPRITE
        extra["icons"] = {n: {"id": s.id, "box": s.box} for n, s in symbols.items()}
    if script is not None:
        files[PALETTE_SCRIPT] = script
        extra["palette_script"] = PALETTE_SCRIPT
    return files, extra


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def trim_config(html: str, material_search: bool = False) -> str:
    """Material's __config script without the words of widgets the page does not have: its search
    box (unless its search plugin is on) and the version selector (unless a version is set)."""
    found = _CONFIG.search(html)
    try:
        config = json.loads(found.group(2)) if found else None
    except ValueError:
        config = None
    words = config.get("translations") if isinstance(config, dict) else None
    if not isinstance(words, dict):
        return html
    for key in list(words):
        if (key.startswith("search.") and not material_search) or (
            key == "select.version" and not config.get("version")
        ):
            del words[key]
    body = str(htmlsafe_json_dumps(config, dumps=json.dumps, sort_keys=True))
    return html[: found.start(2)] + body + html[found.end(2) :]
