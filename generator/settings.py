"""Site-wide settings the renderer needs, independent of mkdocs.

The plugin fills this from `mkdocs.yml` (site_url, site_name, repo_url, edit_uri, theme language and the
plugin's own options); tests and `factcheck export` can build one directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import i18n


@dataclass(frozen=True)
class Settings:
    site_name: str = "Fact checks"
    site_url: str = (
        "https://example.org/"  # absolute, ends with "/"; canonical URLs and JSON-LD use it
    )
    site_description: str = ""
    language: str = "en"
    organization_name: str = "Example Fact Check"  # the publisher: ClaimReview `author`
    organization_url: str = "https://example.org/"
    license_name: str = "CC BY 4.0"  # content licence; the open-data `sdLicense`
    license_url: str = "https://creativecommons.org/licenses/by/4.0/"
    repo_url: str | None = None  # e.g. https://github.com/org/repo
    edit_base: str | None = (
        None  # URL prefix that a content-relative path is appended to for editing
    )
    content_dir: str = "content"  # path of the content tree relative to the repository root
    locale: str | None = None  # CLDR locale for dates when it differs from `language` (en_GB)
    locale_dirs: tuple[str, ...] = ()  # the site's own catalogs, searched before the package's
    template_dirs: tuple[str, ...] = ()  # the site's template folders (custom_dir), before ours
    # The site's own methodology page, below content/pages/ (plugin option `methodology_page`): the
    # rating scale goes there, and no English /methodology/ page is generated next to it. A page
    # whose front matter says `factcheck: methodology` counts too.
    methodology_page: str = "methodology.md"
    # Contributor controls (plugin option `contributor_controls`): the edit pencil, the repository
    # link in the header and the "Edit this ..." buttons. Off, readers see none of them.
    contributor_controls: bool = False
    # Where a reader reports an error (plugin option `report_error_url`): an issue form, a form's
    # address or a mailto:. None: the repository's new-issue form when repo_url is set.
    report_error_url: str | None = None
    # The repository's issue form for error reports (`.github/ISSUE_TEMPLATE/report-an-error.yml`
    # beside mkdocs.yml, as `factcheck init` writes it): the new-issue link opens it, the page's
    # address filled in. None: a plain new issue, titled and worded for the page.
    report_form: str | None = None
    # Entries on one page of a long list (plugin option `page_size`): claims on the claims, rating,
    # topic and person pages; other lists (sources, people, documents, topics, corrections) take
    # twice as many, their entries being shorter. See render/pagination.py.
    page_size: int = 100
    # Link-preview images of claims (plugin option `og_images`; share.py), and the folder that keeps
    # them between builds (plugin option `og_image_cache`, absolute; None: drawn every build).
    og_images: bool = True
    og_image_cache: str | None = None
    # Claim pages per Pagefind run (plugin option `search_part_size`; search.py): past it the index
    # is written in parts, so Pagefind's memory is one part's (~0.75 GB at 5,000). 0: the default.
    search_part_size: int = 5_000
    # A preview (`serve`) re-reads a template edited while it runs; a build reads each one once
    # (Jinja's check stats the file on every lookup: ~75,000 times in a 10k build).
    reload_templates: bool = False

    @property
    def messages(self) -> i18n.Messages:
        """The site language's strings and dates (cached per process)."""
        return i18n.messages(self.language, self.locale, self.locale_dirs)

    def url(self, path: str) -> str:
        """Absolute URL of a site-relative path such as 'claims/x/'."""
        return self.site_url.rstrip("/") + "/" + path.lstrip("/")

    def edit_url(self, content_path: str) -> str | None:
        """Where a contributor edits a content file (content-relative path), if a repo is configured."""
        if not self.edit_base:
            return None
        return self.edit_base.rstrip("/") + "/" + self.content_dir.strip("/") + "/" + content_path
