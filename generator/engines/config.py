"""The factcheck plugin's options in mkdocs.yml, and the renderer's Settings made from them.

Both engines read mkdocs.yml (Zensical reads it too), so both adapters take their settings here.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from ..settings import Settings

ENGINES = ("mkdocs", "zensical")


class FactcheckConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """The content tree, relative to mkdocs.yml."""
    organization_name = c.Optional(c.Type(str))
    """The publisher of the fact checks (ClaimReview `author`); defaults to site_name."""
    organization_url = c.Optional(c.Type(str))
    """The publisher's address; defaults to site_url."""
    license_name = c.Type(str, default="CC BY 4.0")
    license_url = c.Type(str, default="https://creativecommons.org/licenses/by/4.0/")
    search_index = c.Type(bool, default=True)
    """Build the Pagefind search index. Off (`factcheck build --no-search`), a large site builds in
    about half the time, for a quick look; its search box then says search is not available."""
    methodology_page = c.Type(str, default="methodology.md")
    """The site's own methodology page in content/pages: when it exists, no page is generated."""
    locale = c.Optional(c.Type(str))
    """CLDR locale for dates when it should differ from theme.language (`en_GB`: 1 September 2026)."""
    locale_dir = c.Optional(c.Type(str))
    """A folder of the site's own catalogs (<lang>/LC_MESSAGES/messages.po), relative to mkdocs.yml:
    its strings win over the package's, and it can add a language."""
    contributor_controls = c.Optional(c.Type(bool))
    """Show contributors' controls to readers: the edit pencil, the repository link in the header,
    the "Edit this ..." buttons. Off by default in a build (a reader's page has none of them), on
    in `factcheck serve`; set either way, it holds in both."""
    report_error_url = c.Optional(c.Type(str))
    """Where the "Report an error" link of a claim page goes: an issue form, a form's address or a
    mailto:. Default: the repository's new-issue form, when repo_url is set."""
    page_size = c.Type(int, default=100)
    """Claims on one page of a long list (/claims/, a rating's, topic's or person's claims); the
    other lists (sources, people, documents, topics, corrections) take twice as many."""
    og_images = c.Type(bool, default=True)
    """Draw a link-preview image (og:image, 1200x630 PNG) for every claim."""
    og_image_cache = c.Type(str, default=".cache/factcheck/og")
    """Where drawn link-preview images are kept between builds, relative to mkdocs.yml."""
    search_part_size = c.Type(int, default=0)
    """Claim pages per Pagefind run: a larger site's index is written in parts of this many (each
    needs ~1.7 GB at 10,000) and searched as one. 0: the default, 10,000."""
    engine = c.Choice(ENGINES, default="mkdocs")
    """The engine `factcheck build` and `factcheck serve` hand the pages to (`--engine` overrides):
    `mkdocs` (mkdocs-material) or `zensical`. `mkdocs build` always uses mkdocs."""


REPORT_FORM = "report-an-error.yml"  # the issue form `factcheck init` writes; its `page` field


def settings_from_config(
    config: MkDocsConfig, options: FactcheckConfig, *, serve: bool = False
) -> Settings:
    """Settings for the renderer from mkdocs.yml and the plugin's options (`serve`: a preview)."""
    site_url = config.site_url or "https://example.org/"
    if not site_url.endswith("/"):
        site_url += "/"
    repo_url = config.repo_url or None
    edit_base = None
    if repo_url and config.edit_uri:
        edit_base = urljoin(repo_url.rstrip("/") + "/", config.edit_uri).rstrip("/")
    config_dir = Path(config.config_file_path or ".").resolve().parent
    content = Path(options.content_dir)
    content_abs = content if content.is_absolute() else config_dir / content
    try:
        content_rel = content_abs.resolve().relative_to(config_dir).as_posix()
    except ValueError:
        content_rel = content.name
    locale_dirs: tuple[str, ...] = ()
    if options.locale_dir:
        locale_dirs = (str((config_dir / options.locale_dir).resolve()),)
    # The site's custom_dir first: its factcheck/<page>.html replaces ours, file by file.
    custom = config.theme.custom_dir
    return Settings(
        site_name=config.site_name,
        site_url=site_url,
        site_description=config.site_description or "",
        language=config.theme.get("language") or "en",
        organization_name=options.organization_name or config.site_name,
        organization_url=options.organization_url or site_url,
        license_name=options.license_name,
        license_url=options.license_url,
        repo_url=repo_url,
        edit_base=edit_base,
        content_dir=content_rel,
        locale=options.locale,
        methodology_page=options.methodology_page,
        page_size=options.page_size,
        contributor_controls=serve
        if options.contributor_controls is None
        else options.contributor_controls,
        og_images=options.og_images,
        og_image_cache=str((config_dir / options.og_image_cache).resolve()),
        report_error_url=options.report_error_url,
        report_form=REPORT_FORM
        if (config_dir / ".github" / "ISSUE_TEMPLATE" / REPORT_FORM).is_file()
        else None,
        locale_dirs=locale_dirs,
        template_dirs=(str(custom),) if custom else (),
        search_part_size=options.search_part_size or Settings.search_part_size,
        reload_templates=serve,
    )
