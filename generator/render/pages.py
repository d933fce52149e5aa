"""Hand-written pages from content/pages/*.md, through the same safe Markdown renderer.

They are project text, but they arrive by pull request like everything else, so raw HTML stays off.
Links between pages may be written as `methodology.md` (mkdocs style) and are mapped to page URLs.
`pages/index.md`, when present, is the introduction on the home page, and `pages/<section>.md` for a
generated section (claims, ratings, topics, people, documents, sources, corrections) is the introduction
of that section's index page: `pages/corrections.md` puts the corrections policy above the list of
every correction.

The methodology page gets the rating scale table, generated from ratings.yaml, where it says
`<!-- rating-scale -->` (or at the end). A site's methodology page is `pages/methodology.md`, or the
page the plugin option `methodology_page` names (`metodologia.md`: a path below pages/), or any page
whose front matter says `factcheck: methodology`. Only a site with none of these gets a generated
one, at /methodology/, in the site's language.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from .. import markdown
from ..load import split_front_matter
from .core import Context, Page, RenderError, esc, page_url, root_of, shorten

SCALE_MARKER = "<!-- rating-scale -->"
_PLACEHOLDER = "FCRATINGSCALEPLACEHOLDER7Q2X"
METHODOLOGY = "methodology.md"  # where the generated methodology page goes
METHODOLOGY_MARK = "methodology"  # front matter `factcheck: methodology` marks a site's own
_SEGMENT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# The closing #s are cut in Python (_atx_text): a lazy group before optional trailing blanks
# re-scans the blanks from every position, 11 s for one line of 80,000 spaces.
_ATX_H1 = re.compile(r"^[ ]{0,3}#[ \t]+(\S.*)$")
# Top-level names the generator owns: a hand-written page there would replace a generated one.
GENERATED = frozenset(
    {"claims", "ratings", "topics", "people", "documents", "sources", "corrections", "assets"}
)


def section_of(rel: str) -> str | None:
    """pages/corrections.md -> "corrections": the introduction of a generated section's index page."""
    name = rel[len("pages/") : -len(".md")] if rel.startswith("pages/") else ""
    return name if name in GENERATED else None


def site_path(rel: str) -> str:
    """pages/about.md -> about.md; refuses names that are not ids (they become URLs)."""
    if not rel.startswith("pages/") or not rel.endswith(".md"):
        raise RenderError(f"{rel}: hand-written pages live in pages/ and end in .md")
    inner = rel[len("pages/") : -len(".md")]
    segments = inner.split("/")
    for seg in segments:
        if not _SEGMENT.match(seg):
            raise RenderError(
                f"{rel}: page names become addresses, so use lowercase letters, digits and hyphens"
            )
    if segments[0] in GENERATED:
        raise RenderError(f"{rel}: '{segments[0]}' is a generated section; choose another name")
    return inner + ".md"


def _take_title(body: str) -> tuple[str | None, str]:
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _ATX_H1.match(line)
        if m:
            return _atx_text(m.group(1)), "\n".join(lines[:i] + lines[i + 1 :])
        break
    return None, body


def _atx_text(text: str) -> str:
    """A heading's text without its optional closing sequence (`# Title ##` -> `Title`)."""
    text = text.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare.strip() and bare[-1] in " \t":
        text = bare
    return text.strip()


def _first_paragraph(body: str) -> str:
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if block and not block.startswith(("#", "|", "-", "*", ">", "<", "```")):
            # No brackets or parentheses inside: each try stops at the next one (linear).
            plain = re.sub(r"\[([^\[\]]*)\]\([^()]*\)", r"\1", block)
            return re.sub(r"[*_`]", "", plain)
    return ""


def _rewriter(path: str, source: str | None = None, methodology: str | None = None):
    """Maps `x.md` links of a page written at `source` and published at `path` (both docs paths).

    A link is relative to the file it is written in, as in mkdocs, so `submit.md` in
    pages/corrections.md is the sibling page /submit/, even though that text is published at
    corrections/index.md as the introduction of the corrections list; the `../` back to the site
    root is that of the published page. `methodology.md` is the site's methodology page wherever
    it is (`methodology`, its site-relative URL): a newsroom that renames it (`metodologia.md`)
    keeps the starter pages' links to it.
    """
    here = posixpath.dirname(path if source is None else source)
    root = root_of(path)

    def rewrite(href: str) -> str:
        try:
            parts = urlsplit(href)
        except ValueError:  # `https://[zz::1]/`: validate names it; a build without it keeps it
            return href
        if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
            return href
        target = posixpath.normpath(posixpath.join(here, parts.path))
        if target.startswith("../") or target.startswith("/"):
            return href
        if target == METHODOLOGY and methodology is not None:
            out = root + methodology
        else:
            out = root + page_url(target)
        if parts.fragment:
            out += "#" + parts.fragment
        return out or "./"

    return rewrite


def methodology_source(ctx: Context) -> str | None:
    """The content path of the site's own methodology page (`pages/...md`), if it has one.

    The page the `methodology_page` setting names, else `pages/methodology.md`, else the first page
    (by path) whose front matter says `factcheck: methodology`.
    """
    pages, setting = ctx.site.content.pages, ctx.settings.methodology_page
    hit = _methodology_memo.get(id(pages))
    if hit is not None and hit[0] is pages and hit[1] == setting:
        return hit[2]  # asked by every hand-written page: once per content, not once per page
    found = None
    for named in ("pages/" + setting.strip("/"), "pages/" + METHODOLOGY):
        if named in pages:
            found = named
            break
    else:
        for rel, text in sorted(pages.items()):
            front = split_front_matter(text)[0] if "factcheck" in text else {}
            if front.get("factcheck") == METHODOLOGY_MARK:
                found = rel
                break
    if len(_methodology_memo) > 8:
        _methodology_memo.clear()
    _methodology_memo[id(pages)] = (pages, setting, found)
    return found


_methodology_memo: dict[int, tuple[Any, str, str | None]] = {}


def methodology_url(ctx: Context) -> str:
    """The site-relative URL of the methodology page: the site's own, or the generated one."""
    own = methodology_source(ctx)
    if own is None:
        return page_url(METHODOLOGY)
    section = section_of(own)
    if section:  # it is the introduction of that section's index page
        return page_url(f"{section}/index.md")
    return page_url(site_path(own)) if own != "pages/index.md" else ""


def scale_html(ctx: Context, root: str) -> Markup:
    """The rating scale table (`factcheck/scale.html`) that the methodology page carries."""
    ratings = sorted(ctx.site.content.ratings.values(), key=lambda r: r.order)
    rows: list[tuple[Any, int | None]] = [
        (r, ctx.scale.value(r) if ctx.scale.ordinal else None) for r in ratings
    ]
    return Markup(
        ctx.render(
            "scale.html",
            rows=rows,
            best=ctx.scale.best,
            worst=ctx.scale.worst,
            ordinal=ctx.scale.ordinal,
            root=root,
        )
    )


def render_markdown_page(
    ctx: Context, rel: str, text: str, path: str | None = None, scale: bool | None = None
) -> Page:
    """A hand-written page. `scale`: whether it carries the rating scale (by default, when it is
    the site's methodology page)."""
    path = path or site_path(rel)
    front, body = split_front_matter(text)
    title, body = _take_title(body)
    title = str(front.get("title") or title or path[:-3].rsplit("/", 1)[-1].replace("-", " "))
    title = title[:1].upper() + title[1:]
    is_methodology = rel == methodology_source(ctx) if scale is None else scale
    if is_methodology:
        if SCALE_MARKER in body:
            body = body.replace(SCALE_MARKER, "\n\n" + _PLACEHOLDER + "\n\n", 1)
        else:
            body = body.rstrip() + "\n\n" + _PLACEHOLDER + "\n"
    source = rel[len("pages/") :] if rel.startswith("pages/") else path
    rewrite = _rewriter(path, source, methodology_url(ctx))
    rendered = markdown.render(
        body,
        relative_links=True,
        rewrite_link=rewrite,
        min_heading=2,
        reserved_ids=("rating-scale",) if is_methodology else (),
        number=ctx.msg.digits,  # numbered lists in the page's digits (۱. in Persian)
    )
    html = rendered.html
    toc = [(h.level, h.id, str(Markup.escape(h.text))) for h in rendered.headings if h.level <= 3]
    if is_methodology:
        html = html.replace(f"<p>{_PLACEHOLDER}</p>", scale_html(ctx, root_of(path)))
        toc.append((2, "rating-scale", esc(ctx._("The rating scale"))))
    html = f'<div class="fc-page fc-prose">\n{html}</div>\n'
    description = str(front.get("description") or _first_paragraph(body) or title)
    meta = ctx.base_meta(title, shorten(description), path)
    return Page(
        path,
        meta,
        html,
        toc=tuple(toc),
        edit_url=ctx.settings.edit_url(rel),
        title=title,
    )


def with_intro(intro: Page, page: Page) -> Page:
    """A generated index page below a hand-written introduction (pages/<section>.md)."""
    anchor = "list"
    heading = str(Markup.escape(page.title))
    html = intro.body() + f'<h2 id="{anchor}">{heading}</h2>\n' + page.body()
    meta = dict(page.meta)
    for key in ("title", "description"):
        meta[key] = intro.meta[key]
    meta["og"] = {
        **page.meta["og"],
        "title": intro.meta["title"],
        "description": intro.meta["description"],
    }
    return Page(
        page.path,
        meta,
        html,
        toc=intro.toc + ((2, anchor, heading),) + page.toc,
        edit_url=intro.edit_url,
        updated=page.updated,
        title=intro.title,
    )


def default_methodology(ctx: Context) -> Page | None:
    """The methodology page when the site has not written one (`methodology_source`): the rating
    scale, in the site's language (`factcheck/methodology.html`). None when the site has its own."""
    if methodology_source(ctx) is not None:
        return None
    title = ctx._("Methodology")
    intro = ctx._(
        "Every verdict rates a claim on one scale. The table below lists the ratings and what each"
        " means."
    )
    html = ctx.render("methodology.html", intro=intro, scale=scale_html(ctx, root_of(METHODOLOGY)))
    meta = ctx.base_meta(title, intro, METHODOLOGY)
    toc = ((2, "rating-scale", esc(ctx._("The rating scale"))),)
    return Page(METHODOLOGY, meta, html, toc=toc, title=title)


def intro_html(ctx: Context, text: str) -> Markup:
    _, body = split_front_matter(text)
    title, rest = _take_title(body)
    if title and title.strip().casefold() == ctx.settings.site_name.strip().casefold():
        body = rest  # the home page's heading is the site's name already: not twice
    rewrite = _rewriter("index.md", methodology=methodology_url(ctx))
    rendered = markdown.render(
        body, relative_links=True, rewrite_link=rewrite, min_heading=2, number=ctx.msg.digits
    )
    return Markup(rendered.html)
