"""A page left at a retired claim address: claim ids are permanent URLs, so the old one still leads on."""

from __future__ import annotations

from ..settings import Settings
from .core import make_env


def redirect_page(old_id: str, new_id: str, new_title: str, settings: Settings) -> str:
    """HTML for claims/<old_id>/: sends readers and crawlers to the claim it was merged into.

    The page is `factcheck/redirect.html` (a site may override it), in the site's language.
    """
    env = make_env(settings.template_dirs, settings.messages, settings.reload_templates)
    html = env.get_template("factcheck/redirect.html").render(
        target=f"../{new_id}/",
        canonical=settings.url(f"claims/{new_id}/"),
        title=new_title,
    )
    return html + "\n"
