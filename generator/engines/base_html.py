"""The change both engines make to the theme's base.html: `<html dir="rtl">` on a right-to-left page.

Material (and Zensical, which shares its templates) writes the direction on `<body>` only, so the
document's direction (`document.dir`), which assistive technology and translation tools read, was
empty. A left-to-right page's `<html>` stays as the theme writes it.
"""

from __future__ import annotations

HTML = """<html lang="{{ lang.t('language') }}" class="no-js">"""
HTML_WITH_DIR = HTML.replace(
    '" class=',
    """"{% if (config.theme.direction or lang.t("direction")) == "rtl" %} dir="rtl"{% endif %} class=""",
)


def with_root_direction(source: str) -> str | None:
    """base.html's source with the direction on `<html>`, or None for a base.html without the
    theme's `<html>` line (another theme's, or a site's own that changed it)."""
    return source.replace(HTML, HTML_WITH_DIR, 1) if HTML in source else None
