"""The claim page: the claim, where it appeared, the verdict, the reasoning, sources and history.

The HTML is the template `factcheck/claim.html` (a site may override it); this module only prepares
its values: the sources in citation order, each quote in its sentence, the related claims, the git
history and the page's actions. Every reader-visible word is in the template or goes through the
catalog here (`ctx._`). This is the one page there are thousands of: the template is looked up once
per run (`Context.claim_template`), and the values are the content objects themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup

from .. import languages, markdown
from ..link import Site
from ..model import Claim, Source, Update, Verdict
from . import indexes
from .core import (
    Context,
    Page,
    badge_colors,
    check_id,
    default_icon,
    page_url,
    root_of,
    shorten,
    template_language,
    text,
)
from .fulltext import passage_page, quote_keys
from .jsonld import claim_review_json
from .pagination import chunk, split_key
from .quotes import in_context

RELATED_LIMIT = 5  # claims an editor related, and claims linking here
# Claims found by a shared claimant, topic, document or source: their pages list the rest. At 5 each,
# the related box was a fifth of a claim page's HTML (issue #19: 6 of 30 KB).
FOUND_LIMIT = 3


def withdrawn_sentence(ctx: Context, verdict: Verdict) -> str:
    """What a retracted fact check says in place of its finding, naming the rating it withdrew
    (plain text: escape where placed)."""
    rating = ctx.site.content.ratings.get(verdict.rating)
    # Translators: beside the “Retracted” badge of a retracted fact check (and in its description,
    # feed entry and embedded card): the rating it had given, which no longer stands.
    return ctx._("This fact check was retracted: its rating, “%(rating)s”, no longer stands.") % {
        "rating": rating.label if rating else verdict.rating
    }


def related_claims(site: Site, claim_id: str) -> dict[str, tuple[str, ...]]:
    """The related claims a claim page shows, by reason (the preview asks the same)."""
    return site.related(claim_id, limit=RELATED_LIMIT, found_limit=FOUND_LIMIT)


# The embeddable card's size in the <iframe> snippet and the oEmbed answer (share.py).
EMBED_WIDTH, EMBED_HEIGHT = 550, 360
OG_IMAGE = "claims/{}/og.png"  # the link-preview image share.py draws (1200x630)
# Shown at the top of the page, above the claim: readers must see these first.
TOP_NOTICES = ("correction", "retraction")
# How many of them: a verdict corrected 150 times put 150 notices above the claim; the rest are
# in the "Updates and corrections" section the notices link to.
NOTICE_LIMIT = 3


def _appearances(ctx: Context, claim: Claim) -> list[tuple[Any, Any, Markup | None]]:
    """(appearance, its document or None, the quote highlighted in its sentence or None).

    The quote carries the page and the anchor of its passage in the document's full text: each
    quote its own, when the claim quotes one document more than once (`quote_keys`)."""
    docs = ctx.site.content.documents
    out = []
    for a, key in zip(claim.appearances, quote_keys(claim), strict=True):
        doc = docs[a.document] if a.document else None
        passage = None
        if doc is not None and doc.text and key is not None:
            dtext = ctx.document_text(doc.id)
            span = dtext.find(a.quote)
            if span is not None:
                page = passage_page(ctx, doc.id, key)
                passage = dataclasses.replace(
                    in_context(dtext, span), page=page, anchor=f"quote-{key}"
                )
        out.append((a, doc, passage))
    return out


def _ordered_sources(
    verdict: Verdict, rendered: markdown.Rendered
) -> list[tuple[Source, int, int]]:
    """(source, number, times cited): cited sources in order of first citation, then the rest."""
    by_id = {s.id: s for s in verdict.sources}
    ordered = [sid for sid in rendered.cited if sid in by_id]
    ordered += [s.id for s in verdict.sources if s.id not in rendered.citations]
    return [
        (by_id[sid], n, rendered.citations.get(sid, 0)) for n, sid in enumerate(ordered, start=1)
    ]


def _source_languages(ctx: Context, verdict: Verdict) -> dict[str, dict[str, str]]:
    """Source id -> its language (tag, name in the page's language, direction), for the sources
    in another language than the page's: a reader learns before following the link that the source
    is in German, and a screen reader reads its title in that language's voice. A source without
    `language` is in the site's (a translated fact check's page is not)."""
    out = {}
    for s in verdict.sources:
        found = ctx.source_language(s.language)
        if found:
            out[s.id] = found
    return out


def newest_first(updates: Iterable[Update]) -> list[Update]:
    """Updates newest first; of one day, the last written first (`updates` is append-only)."""
    return sorted(reversed(list(updates)), key=lambda u: u.date, reverse=True)


def _branch(edit_base: str | None, repo: str) -> str:
    """The branch the site is edited on, as its `edit_uri` names it (`edit/master/`), else `HEAD`,
    which GitHub reads as the repository's default branch: not every site's is `main`."""
    if edit_base and edit_base.startswith(repo + "/"):
        parts = edit_base[len(repo) + 1 :].split("/")
        if len(parts) >= 2 and parts[0] in ("edit", "blob", "tree") and parts[1]:
            return quote(parts[1])
    return "HEAD"


def _history(ctx: Context, claim: Claim) -> dict[str, Any]:
    """When the verdict was first published and each later change, from git (never the subjects:
    commit messages are unedited text): (change, its commit's address or None), and the address of
    every commit of the verdict's file: also when this copy was built from git without its
    history (a shallow clone), for a verdict, as the repository keeps it."""
    history, repo = ctx.site.history, ctx.settings.repo_url
    repo = repo.rstrip("/") if repo else None
    changes = history.changes.get(claim.id, ()) if history and history.available else ()
    # a copy built from git without its history (a shallow clone): the repository keeps it
    elsewhere = history is not None and not history.available and history.left_out
    log_url = None
    if repo and (changes or (elsewhere and claim.id in ctx.site.content.verdicts)):
        path = f"{ctx.settings.content_dir.strip('/')}/verdicts/{claim.id}.yaml"
        log_url = f"{repo}/commits/{_branch(ctx.settings.edit_base, repo)}/{quote(path)}"
    return {
        "history": history,
        "changes": [(c, f"{repo}/commit/{c.commit}" if repo else None) for c in changes],
        "log_url": log_url,
    }


# How many of a claim's sources with a page of their own its "Checked with the same sources" box
# links, in the order the verdict lists them: a verdict may cite 300.
SOURCE_LINKS = 3


def has_links_page(site: Site, claim_id: str) -> bool:
    """Whether a claim has the page listing every fact check that links to it: only one linked by
    more than its related box shows (`RELATED_LIMIT`)."""
    return len(site.backlinks.get(claim_id, ())) > RELATED_LIMIT


def links_path(claim_id: str) -> str:
    """Docs path of the list of the fact checks that link to a claim: /claims/<id>/links/."""
    return f"claims/{claim_id}/links.md"


def links_title(ctx: Context, claim_id: str) -> str:
    # Translators: the title of the page listing every fact check whose reasoning links to one
    # claim; the claim's title, quoted.
    return ctx._("Fact checks that link to “%(claim)s”") % {
        "claim": indexes.list_title(ctx.site.content.claims[claim_id].short)
    }


def links_page(ctx: Context, key: str) -> Page:
    """Every fact check whose reasoning links to a claim, newest first, in pages (`key`: the
    claim's id, then `/<n>` for page n > 1): its related box shows the first few."""
    claim_id, _ = split_key(key)
    check_id(claim_id, "claim")
    ids = ctx.site.backlinks.get(claim_id, ())
    pager = indexes._pager(links_path(claim_id), key, len(ids), indexes.claims_size(ctx))
    path = pager.path(pager.number)
    root = root_of(path)
    claim = ctx.site.content.claims[claim_id]
    html = ctx.render(
        "claim_links.html",
        claim=claim,
        claim_title=indexes.list_title(claim.short),
        claim_lang=ctx.claim_lang(claim_id),
        ids=chunk(ids, pager.number, pager.size),
        total=len(ids),
        pager=pager.links(root),
        root=root,
    )
    title = indexes.paged_title(ctx, links_title(ctx, claim_id), pager)
    desc = ctx.ngettext(
        "%(num)d fact check links to this one, newest first.",
        "%(num)d fact checks link to this one, newest first.",
        len(ids),
    ) % {"num": len(ids)}
    meta = indexes._paged(ctx, ctx.base_meta(title, desc, path), pager)
    return Page(path, meta, html, updated=ctx.updated, title=title)


def _see_all(ctx: Context, claim: Claim, root: str, reasons: Iterable[str]) -> dict[str, list]:
    """reason -> (address, label) of the pages listing all of a cut related list: every fact check
    linking here, every one citing one of this claim's sources (those with a page, a few)."""
    site = ctx.site
    out: dict[str, list] = {}
    if "links" in reasons and has_links_page(site, claim.id):
        n = len(site.backlinks[claim.id])
        # Translators: a link below “Fact checks that link to this one”, shown only past 5 (the
        # singular form is only for numbers that take it, such as 21 in Ukrainian).
        label = ctx.ngettext(
            "%(num)d fact check links to this one",
            "All %(num)d fact checks that link to this one",
            n,
        )
        out["links"] = [(root + page_url(links_path(claim.id)), label % {"num": n})]
    verdict = site.content.verdicts.get(claim.id)
    if "source" in reasons and verdict is not None:
        index = site.sources_by_url
        links = []
        for url in dict.fromkeys(s.url for s in verdict.sources):
            cited = index.get(url)
            if cited is not None and indexes.has_page(cited):
                n = len(cited.claim_ids)
                # Translators: below “Checked with the same sources” on a claim page: a link to
                # the page listing every fact check that cites one source; its title, quoted.
                # Shown only past 5 (the singular form is only for numbers like 21 in Ukrainian).
                label = ctx.ngettext(
                    "%(num)d fact check citing “%(source)s”",
                    "All %(num)d fact checks citing “%(source)s”",
                    n,
                )
                href = root + (indexes.source_url(cited) or "")
                links.append((href, label % {"num": n, "source": indexes.source_title(cited)}))
                if len(links) == SOURCE_LINKS:
                    break
        if links:
            out["source"] = links
    return out


def _related(ctx: Context, claim: Claim, root: str) -> list[tuple[str, list[Markup], bool]]:
    """(reason, the claims as list items, whether the claimant has more claims than listed)."""
    site = ctx.site
    out = []
    for reason, ids in related_claims(site, claim.id).items():
        more = reason == "claimant" and len(site.by_claimant.get(claim.claimant, ())) > len(ids) + 1
        out.append((reason, [ctx.claim_item(i, root) for i in ids], more))
    return out


def suggest_correction_url(ctx: Context, claim: Claim, url: str) -> str | None:
    """Where a reader reports an error: the site's `report_error_url` (a mailto: gets a subject and
    the page's address), else a new issue in the site's repository, titled and worded for it."""
    # Translators: the title of an issue a reader opens to report an error in a fact check.
    title = ctx._("Correction: %(claim)s") % {"claim": shorten(claim.short, 80)}
    # Translators: the text a reader starts from when reporting an error: the page's address, then a question.
    body = ctx._("Page: %(url)s\n\nWhat is wrong, and how do you know? Links to sources help.\n")
    channel = ctx.settings.report_error_url
    if channel:
        if channel.startswith("mailto:") and "?" not in channel:
            query = urlencode({"subject": title, "body": body % {"url": url}}, quote_via=quote)
            return channel + "?" + query
        return channel
    repo = ctx.settings.repo_url
    if not repo:
        return None
    if (
        ctx.settings.report_form
    ):  # the form's fields ask the rest; its `page` field gets the address
        query = urlencode({"template": ctx.settings.report_form, "title": title, "page": url})
    else:
        query = urlencode({"title": title, "body": body % {"url": url}})
    return repo.rstrip("/") + "/issues/new?" + query


def claim_page(ctx: Context, claim_id: str) -> Page:
    """The claim page: front matter, table of contents and the body from `claim_html`."""
    check_id(claim_id, "claim")
    claim = ctx.site.content.claims[claim_id]
    ctx = ctx.for_language(claim.language)  # the page is in the claim's language
    site, settings = ctx.site, ctx.settings
    content = site.content
    verdict = content.verdicts.get(claim_id)
    rating = content.ratings[verdict.rating] if verdict else None
    path = f"claims/{claim_id}.md"
    _ = ctx._
    toc = [(2, "verdict", _("Our verdict")), (2, "appearances", _("Where the claim appeared"))]
    if verdict:
        toc += [(2, "reasoning", _("Our reasoning")), (2, "sources", _("Sources"))]
    toc.append((2, "checked", _("Who checked it")))
    if verdict and verdict.updates:
        toc.append((2, "updates", _("Updates and corrections")))
    if site.history is not None:
        toc.append((2, "history", _("History")))
    if site.related(claim_id, limit=1):
        toc.append((2, "related", _("Related claims")))
    if verdict and rating and verdict.retracted:
        # No ClaimReview (Google: remove the markup of a retracted fact check), and the page's
        # description says the rating was withdrawn, and why, rather than state it as the finding.
        description = withdrawn_sentence(ctx, verdict)
        retraction = verdict.retraction
        if retraction is not None:
            description += " " + retraction.note
        extra: dict[str, Any] = {"rating": _("Retracted")}
    elif verdict and rating:
        description = verdict.summary
        extra = {
            # with the site's settings: the claim itself is in its original's language
            "jsonld": claim_review_json(site, ctx.base_settings, ctx.scale, claim, verdict),
            "rating": rating.label,
        }
    else:
        claimant = content.people.get(claim.claimant)
        said = claimant.name if claimant else claim.claimant
        # Translators: the description (search engines, link previews) of a claim not yet checked.
        description = _("Under review: %(name)s said “%(claim)s”.") % {
            "name": said,
            "claim": claim.short.rstrip("."),
        }
        extra = {"rating": _("Under review")}
    meta = ctx.base_meta(claim.short, description, path, og_type="article", extra=extra)
    meta.update(languages.page_meta(ctx, claim))
    # The link-preview image (share.py) shows the verdict's badge: "Retracted" for a retracted one.
    _share_meta(ctx, meta, claim_id, verdict is not None)
    meta["og"]["published_time"] = (verdict.published if verdict else claim.date).isoformat()
    if verdict:
        meta["og"]["modified_time"] = verdict.modified.isoformat()
    return Page(
        path=path,
        meta=meta,
        html=claim_html(ctx, claim_id),
        toc=tuple((level, anchor, text(label)) for level, anchor, label in toc),
        edit_url=settings.edit_url(claim.source_path) if claim.source_path else None,
        updated=verdict.modified if verdict else claim.date,
        title=claim.short,
    )


def render_claim(ctx: Context, claim_id: str) -> Page:
    """The whole claim page, rendered here."""
    return claim_page(ctx, claim_id)


def claim_html(ctx: Context, claim_id: str) -> str:
    """The body of a claim page (the expensive part: Markdown, quotes in context, lists)."""
    claim = ctx.site.content.claims[claim_id]
    ctx = ctx.for_language(claim.language)
    site, settings = ctx.site, ctx.settings
    content = site.content
    people = content.people
    verdict = content.verdicts.get(claim_id)
    path = f"claims/{claim_id}.md"
    root = root_of(path)
    claimant = people.get(claim.claimant)
    body = render_body(ctx, verdict) if verdict else None
    updates = newest_first(verdict.updates) if verdict else []
    notices = [u for u in updates if u.type in TOP_NOTICES]
    # a retraction always stays on top, whatever came after it
    shown = [u for u in notices if u.type == "retraction"]
    shown += [u for u in notices if u.type != "retraction"][: max(0, NOTICE_LIMIT - len(shown))]
    values: dict[str, Any] = {}
    if site.history is not None:
        values = _history(ctx, claim)
    related = _related(ctx, claim, root)
    see_all = _see_all(ctx, claim, root, ("links", "source"))
    # The claims citing a much-cited source may all be in the boxes above already: its list is
    # linked all the same, under its own heading.
    boxes = {reason for reason, _, _ in related}
    related += [(reason, [], False) for reason in see_all if reason not in boxes]
    return ctx.claim_template.render(
        ctx=ctx,
        claim=claim,
        verdict=verdict,
        rating=content.ratings[verdict.rating] if verdict else None,
        claimant=claimant,
        claimant_name=claimant.name if claimant else claim.claimant,
        root=root,
        badge=ctx.status_badge(verdict, filter=True),
        retracted=bool(verdict and verdict.retracted),
        topics=[site.topics[t] for t in claim.topics if t in site.topics],
        updates=updates,
        top_notices=TOP_NOTICES,
        notices=[u for u in notices if any(u is x for x in shown)],
        more_notices=len(notices) > len(shown),
        appearances=_appearances(ctx, claim),
        body=Markup(body.html) if body else None,
        sources=_ordered_sources(verdict, body) if verdict and body else (),
        source_languages=_source_languages(ctx, verdict) if verdict else {},
        authors=[people[p] for p in verdict.authors if p in people] if verdict else (),
        reviewers=[people[p] for p in verdict.reviewers if p in people] if verdict else (),
        history=values.get("history"),
        changes=values.get("changes", ()),
        log_url=values.get("log_url"),
        related=related,
        see_all=see_all,
        suggest=suggest_correction_url(ctx, claim, settings.url(page_url(path))),
        edit_claim=settings.edit_url(claim.source_path)
        if settings.contributor_controls and claim.source_path
        else None,
        edit_verdict=settings.edit_url(verdict.source_path)
        if settings.contributor_controls and verdict and verdict.source_path
        else None,
        rating_labels=ctx.rating_labels,
        share=_share(ctx, claim, verdict is not None),
        languages=languages.switcher(ctx, claim, root),
        **template_language(ctx.msg),
    )


# The ids of the claim page's own sections (theme/factcheck/claim.html): a heading in the reasoning
# ("Sources") must not take one, or the citations and the table of contents lead to it.
PAGE_IDS = (
    "verdict",
    "appearances",
    "reasoning",
    "sources",
    "checked",
    "history",
    "related",
    "share",
    "updates",
    "fc-embed-code",
)


def render_body(ctx: Context, verdict: Verdict) -> markdown.Rendered:
    """The verdict's reasoning as safe HTML, with numbered citations and claim links; every
    number in the page's digits."""
    titles = {s.id: s.title for s in verdict.sources}

    def cite_label(number: int, source_id: str) -> str:
        # Translators: what a screen reader says for a citation link, shown as “[1]” in a fact
        # check's reasoning: the source's number in the list of sources, then its title.
        return ctx._("Source %(number)s: %(title)s") % {
            "number": ctx.msg.digits(number),
            "title": titles[source_id],
        }

    return markdown.render(
        verdict.body,
        sources=titles,
        claims=ctx.short_titles,
        heading_shift=1,
        min_heading=3,
        reserved_ids=PAGE_IDS,
        cite_label=cite_label,
        number=ctx.msg.digits,  # [۱] on a Persian page, as its list of sources numbers them
    )


# --- sharing: the link-preview image, plain share links, the embeddable card (share.py) -----------


def _share_meta(ctx: Context, meta: dict[str, Any], claim_id: str, embeddable: bool) -> None:
    """The link-preview image (og:image, a large Twitter card) and the oEmbed address."""
    settings = ctx.settings
    if settings.og_images:
        meta["og"]["image"] = text(settings.url(OG_IMAGE.format(claim_id)))
        meta["og"]["image_width"] = 1200
        meta["og"]["image_height"] = 630
        from ..share import image_alt  # share.py imports this module

        # What the image shows, no more: a claim or rating label no font here draws is left off.
        meta["og"]["image_alt"] = text(image_alt(ctx, claim_id))
        meta["twitter"]["card"] = "summary_large_image"
    if embeddable:
        meta["oembed"] = text(settings.url(f"claims/{claim_id}/oembed.json"))


def _share(ctx: Context, claim: Claim, embeddable: bool) -> dict[str, Any]:
    """The claim page's share block: its address, a mailto: and the embed snippet (or none)."""
    url = ctx.settings.url(f"claims/{claim.id}/")
    mail = "mailto:?" + urlencode({"subject": claim.short, "body": url}, quote_via=quote)
    return {
        "url": url,
        "mailto": mail,
        "snippet": embed_snippet(ctx, claim.id) if embeddable else None,
    }


def embed_snippet(ctx: Context, claim_id: str) -> str:
    """The <iframe> a site pastes to show the claim's card (template partials/embed_snippet.html)."""
    claim = ctx.site.content.claims[claim_id]
    return (
        ctx.env.get_template("factcheck/partials/embed_snippet.html")
        .render(
            src=ctx.settings.url(f"claims/{claim_id}/embed/"),
            claim=claim,
            width=EMBED_WIDTH,
            height=EMBED_HEIGHT,
        )
        .strip()
    )


def embed_page(ctx: Context, claim_id: str) -> str:
    """claims/<id>/embed/: a self-contained card (template factcheck/embed.html), not indexed."""
    ctx = ctx.for_language(ctx.site.content.claims[claim_id].language)  # the claim's language
    content = ctx.site.content
    claim = content.claims[claim_id]
    verdict = content.verdicts[claim_id]
    rating = content.ratings[verdict.rating]
    claimant = content.people.get(claim.claimant)
    retracted = verdict.retracted
    colors = (None if retracted else badge_colors(rating.color)) or ("#5f6368", "#ffffff")
    # The claim's own words in a language no catalog covers (the card is then in the site's).
    written = languages.language_of(claim, ctx.base_settings.language)
    own = None
    if not languages.same(written, ctx.settings.language):
        own = {"lang": written, "dir": languages.direction(written)}
    return (
        ctx.env.get_template("factcheck/embed.html").render(
            ctx=ctx,
            claim=claim,
            own_words=own,
            verdict=verdict,
            rating=rating,
            icon="⊘" if retracted else default_icon(rating, ctx.scale.best, ctx.scale.worst),
            retracted=retracted,
            withdrawn=withdrawn_sentence(ctx, verdict) if retracted else None,
            badge_bg=colors[0],
            badge_fg=colors[1],
            claimant_name=claimant.name if claimant else claim.claimant,
            url=ctx.settings.url(f"claims/{claim_id}/"),
            site_name=ctx.settings.site_name,
        )
        + "\n"
    )
