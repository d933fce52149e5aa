"""mkdocs' files and pages for generated pages: they hold finished HTML, so mkdocs reads and parses nothing."""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkdocsPage
from mkdocs.structure.toc import get_toc

from ..render import Page
from ..render.core import heading, toc_tree


class GeneratedFile(File):
    """A generated page's source file; its Markdown is produced only if something reads it."""

    source_page: Page | None = None
    modified: bool = (
        True  # False: the same as in the preview's last build (mkdocs --dirty skips it)
    )

    def is_modified(self) -> bool:
        return self.modified

    @property  # type: ignore[override]
    def _content(self) -> str | bytes | None:
        if self.source_page is not None:
            return self.source_page.markdown
        return self.__dict__.get("_raw_content")

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self.__dict__["_raw_content"] = value


_NO_TOC = get_toc([])  # a written page's: nothing reads it again
_SLUG_URL = re.compile(r"(?:[A-Za-z0-9_-]+/)*")  # "", "claims/", "claims/some-id/"


@functools.lru_cache(maxsize=8)
def _base_path(base: str) -> str:
    return urlsplit(base).path


def canonical_url(base: str | None, url: str) -> tuple[str, str] | None:
    """A page's (canonical_url, abs_url) as mkdocs computes them, for the plain addresses of our
    pages (slug folders), or None to leave the case to mkdocs.

    mkdocs joins and splits every page's address with urllib, about 0.1 ms a page: 1.8 s of the
    build's time at 19,000 pages. For a folder of slugs under a base ending in "/", the join is a
    concatenation.
    """
    if not base or "?" in base or "#" in base or not _SLUG_URL.fullmatch(url):
        return None
    if not base.endswith("/"):
        base += "/"
    return base + url, _base_path(base) + url


class GeneratedPage(MkdocsPage):
    """A page whose HTML and front matter exist already: reading and rendering cost nothing.

    A page still rendering in a worker (a stub: title, dates and edit link only) is completed in
    `on_page_context`, just before mkdocs templates it, so the workers keep rendering later pages
    while mkdocs templates earlier ones.
    """

    def __init__(
        self, generated: Page, file: File, config: MkDocsConfig, template: str | None = None
    ) -> None:
        super().__init__(None, file, config)
        self.generated = generated
        self.template = template
        self.edit_url = generated.edit_url
        if generated.updated is not None:
            # mkdocs stamps sitemap.xml.gz with the latest of these, and gzip holds 32 bits of
            # seconds: a later date (validate refuses it) must not crash the build there.
            self.update_date = min(generated.updated.isoformat(), "2106-02-06")

    def _set_canonical_url(self, base: str | None) -> None:
        fast = canonical_url(base, self.url)
        if fast is None:
            super()._set_canonical_url(base)
        else:
            self.canonical_url, self.abs_url = fast

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = self._meta(self.generated.meta)

    def _meta(self, meta: dict[str, Any]) -> dict[str, Any]:
        """The page's front matter, naming the shell template when shells are on."""
        return {**meta, "template": self.template} if self.template else dict(meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        # `present_anchor_ids` and `links_to_anchors` stay mkdocs' class defaults (None, "not
        # rendered by mkdocs"): set on the instance, they grew each page's dict by ~0.8 KB.
        self._title_from_render = None
        if isinstance(self.generated.html, str):
            self.complete()
        else:
            self.content = ""

    def complete(self) -> None:
        """Take the finished page (waiting for it if a worker is still rendering it).

        The page's own title is its <h1> here, so the theme does not write `page.title` there: that
        stays free to be the label mkdocs.yml gives the page in the navigation.
        """
        page = self.generated.resolved()
        self.meta = self._meta(page.meta)
        body = page.body()
        self.content = f"{heading(page.meta, body)}\n{body}"
        self.toc = get_toc(toc_tree(page.toc))

    def written(self) -> None:
        """Forget what only the page's own output needed; its title stays for the navigation."""
        self.content = None
        self.meta = {"title": self.meta["title"]} if "title" in self.meta else {}
        self.toc = _NO_TOC

    @property
    def pending(self) -> bool:
        return not isinstance(self.generated.html, str) and not self.content
