"""A page left at a retired claim address: claim ids are permanent URLs, so the old one still leads on."""

from __future__ import annotations

from markupsafe import escape

from ..settings import Settings


def redirect_page(old_id: str, new_id: str, new_title: str, settings: Settings) -> str:
    """HTML for claims/<old_id>/: sends readers and crawlers to the claim it was merged into."""
    target = f"../{new_id}/"
    canonical = settings.url(f"claims/{new_id}/")
    title = escape(new_title)
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(settings.language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved: {title}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(target)}">\n'
        "</head>\n<body>\n"
        f'<p>This fact-check now lives at <a href="{escape(target)}">{title}</a>.</p>\n'
        "</body>\n</html>\n"
    )
