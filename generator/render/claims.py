"""The claim page: the claim, where it appeared, the verdict, the reasoning, sources and history.

This is the one page there are thousands of, so it is built with plain string formatting rather
than a template (about five times faster); every text value goes through `escape` where it is placed,
and every external address through `safe_href`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from .. import markdown
from ..model import Claim, Person, Source, Verdict
from .core import (
    UNSEARCHED,
    Context,
    Page,
    check_id,
    esc,
    page_url,
    pagefind_value,
    root_of,
    safe_href,
    shorten,
)
from .jsonld import claim_review_json
from .quotes import in_context

RELATED_LIMIT = 5
TYPE_LABELS = {
    "correction": "Correction",
    "update": "Update",
    "clarification": "Clarification",
    "retraction": "Retraction",
}
KIND_LABELS = {
    "article": "article",
    "opinion": "opinion column",
    "comment": "comment",
    "speech": "speech",
    "interview": "interview",
    "social-post": "social media post",
    "video": "video",
    "report": "report",
    "other": "document",
}
# Shown at the top of the page, above the claim: readers must see these first.
TOP_NOTICES = ("correction", "retraction")


def _time(d) -> str:
    from .. import i18n

    return f'<time datetime="{d.isoformat()}">{i18n.messages("en").date(d)}</time>'


_CHANGE_LABELS = {
    "correction": "Correction",
    "update": "Update",
    "clarification": "Clarification",
    "retraction": "Retraction",
}


def _history_html(ctx: Context, claim: Claim) -> str:
    """When the verdict was first published and each later change, from git (never the subjects:
    commit messages are unedited text)."""
    history, repo = ctx.site.history, ctx.settings.repo_url
    if not history.available:
        items = (
            "<p>No history available: this copy of the site was built outside a git checkout.</p>\n"
        )
    elif not history.changes.get(claim.id):
        items = "<p>No published history yet: the verdict has not been committed.</p>\n"
    else:
        rows = []
        for change in history.changes[claim.id]:
            label = "First published" if change.kind == "published" else "Changed"
            label = _CHANGE_LABELS.get(change.update, label)
            commit = esc(change.short)
            if repo:
                url = f"{repo.rstrip('/')}/commit/{change.commit}"
                commit = _ext(url, change.short, rel="noopener")
            rows.append(f"<li>{_time(change.date)}: {label} (commit {commit})</li>")
        items = '<ol class="fc-history">\n' + "\n".join(rows) + "\n</ol>\n"
        if repo:
            path = f"{ctx.settings.content_dir.strip('/')}/verdicts/{claim.id}.yaml"
            log = f"{repo.rstrip('/')}/commits/main/{path}"
            items += f"<p>{_ext(log, 'Every change to this verdict', rel='noopener')}</p>\n"
    return (
        '<section aria-labelledby="history" data-pagefind-ignore="all">\n'
        '<h2 id="history">History</h2>\n' + items + "</section>\n"
    )


def _ext(url: str | None, label: str, rel: str = "nofollow noopener", attrs: str = "") -> str:
    return f'<a href="{esc(safe_href(url))}" rel="{rel}"{attrs}>{esc(label)}</a>'


def _label(text: str) -> str:
    return f"<span{UNSEARCHED}>{text}</span>"


def _person_links(root: str, people: list[Person]) -> str:
    return ", ".join(f'<a href="{root}people/{p.id}/">{esc(p.name)}</a>' for p in people)


def _appearances_html(ctx: Context, claim: Claim, root: str) -> str:
    docs = ctx.site.content.documents
    out = ['<ul class="fc-appearances">']
    for i, a in enumerate(claim.appearances):
        parts = ["<li>"]
        if i == 0:
            parts.append(f'<span class="fc-label"{UNSEARCHED}>First appearance</span> ')
        if a.document:
            doc = docs[a.document]
            kind = KIND_LABELS.get(doc.kind, doc.kind)
            publisher = f", {esc(doc.publisher)}" if doc.publisher else ""
            parts.append(
                f'<a href="{root}documents/{doc.id}/">{esc(doc.title)}</a>\n'
                f'<span class="fc-muted">({esc(kind)}{publisher}, {_time(a.date or doc.date)})</span>\n'
            )
            context = None
            if doc.text and a.quote:
                dtext = ctx.document_text(doc.id)
                span = dtext.find(a.quote)
                if span is not None:
                    context = in_context(dtext, span).html()
            links = []
            if context is not None:
                parts.append(f'<blockquote class="fc-context"><p>{context}</p></blockquote>\n')
                links.append(
                    f'<a href="{root}documents/{doc.id}/#quote-{claim.id}">'
                    "See the passage in the full text</a>"
                )
            elif a.quote:
                parts.append(
                    f'<blockquote class="fc-context"><p><mark>{esc(a.quote)}</mark></p></blockquote>\n'
                )
            if doc.url:
                links.append(_ext(doc.url, "Original"))
            if doc.archive_url:
                links.append(_ext(doc.archive_url, "Archived copy"))
            if links:
                parts.append(f'<p class="fc-links"{UNSEARCHED}>' + " · ".join(links) + "</p>\n")
        else:
            parts.append(_ext(a.url, a.title or a.url or ""))
            if a.date:
                parts.append(f' <span class="fc-muted">({_time(a.date)})</span>')
            if a.archive_url:
                parts.append(" · " + _ext(a.archive_url, "Archived copy", attrs=UNSEARCHED))
        parts.append("</li>\n")
        out.append("".join(parts))
    out.append("</ul>\n")
    return "".join(out)


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


def _sources_html(sources: list[tuple[Source, int, int]]) -> str:
    out = ['<ol class="fc-sources">\n']
    for s, number, count in sources:
        parts = [f'<li id="source-{esc(s.id)}">', _ext(s.url, s.title, rel="noopener")]
        if s.publisher:
            parts.append(f", {esc(s.publisher)}")
        if s.date:
            parts.append(f", {_time(s.date)}")
        parts.append(".")
        if s.primary:
            parts.append(
                f' <span class="fc-label fc-label--primary"{UNSEARCHED}>Primary source</span>'
            )
        if s.archive_url:
            archived = _ext(s.archive_url, "Archived copy", rel="noopener", attrs=UNSEARCHED)
            parts.append(f" {archived}.")
        if s.accessed:
            parts.append(f' <span class="fc-muted">Accessed {_time(s.accessed)}.</span>')
        if count:
            backs = "".join(
                f'<a href="#cite-{esc(s.id)}-{k}" aria-label="Back to citation {number}'
                f'{f" ({k})" if count > 1 else ""}">↩︎</a>'
                for k in range(1, count + 1)
            )
            parts.append(f' <span class="fc-backrefs"{UNSEARCHED}>{backs}</span>')
        parts.append("</li>\n")
        out.append("".join(parts))
    out.append("</ol>\n")
    return "".join(out)


def _updates_html(updates, rating_labels: dict[str, str]) -> str:
    out = ['<ul class="fc-updates">\n']
    for u in updates:
        label = TYPE_LABELS.get(u.type, u.type)
        before = ""
        if u.previous_rating:
            name = rating_labels.get(u.previous_rating, u.previous_rating)
            before = f' <span class="fc-muted">(rating before this change: {esc(name)})</span>'
        out.append(
            f'<li class="fc-update fc-update--{esc(u.type)}">'
            f'<span class="fc-label fc-label--{esc(u.type)}">{esc(label)}</span> '
            f"{_time(u.date)}: {esc(u.note)}{before}</li>\n"
        )
    out.append("</ul>\n")
    return "".join(out)


def _related(ctx: Context, claim: Claim, root: str) -> str:
    site = ctx.site
    people = site.content.people
    out = []
    for reason, ids in site.related(claim.id, limit=RELATED_LIMIT).items():
        more = ""
        if reason == "related":
            label = "See also"
        elif reason == "links":
            label = "Fact checks that link to this one"
        elif reason == "document":
            label = "From the same document"
        elif reason == "claimant":
            person = people.get(claim.claimant)
            name = person.name if person else claim.claimant
            label = f"More claims by {name}"
            if len(site.by_claimant.get(claim.claimant, ())) > len(ids) + 1:
                more = (
                    f'<p class="fc-more"><a href="{root}people/{claim.claimant}/">'
                    f"All claims by {esc(name)}</a></p>\n"
                )
        elif reason == "topic":
            label = "On the same topics"
        else:
            label = "Checked with the same sources"
        items = "\n".join(ctx.claim_item(i, root) for i in ids)
        out.append(f'<h3>{esc(label)}</h3>\n<ul class="fc-list">\n{items}\n</ul>\n{more}')
    return "".join(out)


def suggest_correction_url(ctx: Context, claim: Claim, url: str) -> str | None:
    repo = ctx.settings.repo_url
    if not repo:
        return None
    query = urlencode(
        {
            "title": f"Correction: {shorten(claim.short, 80)}",
            "body": f"Page: {url}\n\nWhat is wrong, and how do you know? Links to sources help.\n",
        }
    )
    return repo.rstrip("/") + "/issues/new?" + query


def claim_page(ctx: Context, claim_id: str) -> Page:
    """The claim page: front matter, table of contents and the body from `claim_html`."""
    check_id(claim_id, "claim")
    site, settings = ctx.site, ctx.settings
    content = site.content
    claim = content.claims[claim_id]
    verdict = content.verdicts.get(claim_id)
    rating = content.ratings[verdict.rating] if verdict else None
    path = f"claims/{claim_id}.md"
    toc = [(2, "verdict", "Our verdict"), (2, "appearances", "Where the claim appeared")]
    if verdict:
        toc += [(2, "reasoning", "Our reasoning"), (2, "sources", "Sources")]
    toc.append((2, "checked", "Who checked it"))
    if verdict and verdict.updates:
        toc.append((2, "updates", "Updates and corrections"))
    if site.history is not None:
        toc.append((2, "history", "History"))
    if site.related(claim_id, limit=1):
        toc.append((2, "related", "Related claims"))
    if verdict and rating:
        description = verdict.summary
        extra: dict[str, Any] = {
            "jsonld": claim_review_json(site, settings, ctx.scale, claim, verdict),
            "rating": rating.label,
        }
    else:
        claimant = content.people.get(claim.claimant)
        said = claimant.name if claimant else claim.claimant
        description = f"Under review: {said} said “{claim.short.rstrip('.')}”."
        extra = {"rating": "Under review"}
    meta = ctx.base_meta(claim.short, description, path, og_type="article", extra=extra)
    meta["og"]["published_time"] = (verdict.published if verdict else claim.date).isoformat()
    if verdict:
        meta["og"]["modified_time"] = verdict.modified.isoformat()
    return Page(
        path=path,
        meta=meta,
        html=claim_html(ctx, claim_id),
        toc=tuple(toc),
        edit_url=settings.edit_url(claim.source_path) if claim.source_path else None,
        updated=verdict.modified if verdict else claim.date,
        title=claim.short,
    )


def render_claim(ctx: Context, claim_id: str) -> Page:
    """The whole claim page, rendered here."""
    return claim_page(ctx, claim_id)


def claim_html(ctx: Context, claim_id: str) -> str:
    """The body of a claim page (the expensive part: Markdown, quotes in context, lists)."""
    site, settings = ctx.site, ctx.settings
    content = site.content
    claim = content.claims[claim_id]
    verdict = content.verdicts.get(claim_id)
    rating = content.ratings[verdict.rating] if verdict else None
    path = f"claims/{claim_id}.md"
    root = root_of(path)
    url = settings.url(page_url(path))
    claimant = content.people.get(claim.claimant)
    rating_labels = ctx.rating_labels
    h: list[str] = ['<article class="fc-page fc-claim" data-pagefind-body>\n']

    # Search metadata (Pagefind): the filters sit on the visible elements below.
    label = rating.label if rating else "Under review"
    h.append(
        "<div hidden data-pagefind-ignore>"
        f'<span data-pagefind-meta="title">{esc(claim.short)}</span>'
        f'<span data-pagefind-meta="rating:{esc(pagefind_value(label))}"></span>'
        f'<span data-pagefind-meta="rating_id:{rating.id if rating else "under-review"}"></span>'
        "</div>\n"
    )
    updates = sorted(verdict.updates, key=lambda u: u.date, reverse=True) if verdict else []
    for u in updates:
        if u.type in TOP_NOTICES:
            h.append(
                f'<aside class="fc-notice fc-notice--{esc(u.type)}" role="note"><p>'
                f"<strong>{esc(TYPE_LABELS.get(u.type, u.type))}</strong>, {_time(u.date)}: "
                f"{esc(u.note)}</p></aside>\n"
            )

    # The claim, who made it and when.
    who = ""
    if claimant:
        who = (
            f'<a href="{root}people/{claimant.id}/" data-pagefind-filter="claimant">'
            f"{esc(claimant.name)}</a>"
        )
        if claimant.description:
            who += f', <span class="fc-muted">{esc(claimant.description.rstrip("."))}</span>'
        who += ", "
    h.append(
        f'<figure class="fc-claim__quote">\n<blockquote>\n<p>{esc(claim.claim)}</p>\n</blockquote>\n'
        f"<figcaption>{who}said on "
        f'<time datetime="{claim.date.isoformat()}" data-pagefind-filter="year:{claim.date.year}">'
        f"{ctx.date(claim.date)}</time></figcaption>\n</figure>\n"
    )
    topics = [site.topics[t] for t in claim.topics if t in site.topics]
    if topics:
        links = ", ".join(
            f'<a class="fc-topic" href="{root}topics/{t.id}/" data-pagefind-filter="topic">'
            f"{esc(t.label)}</a>"
            for t in topics
        )
        h.append(
            f'<p class="fc-topics"><span class="fc-muted"{UNSEARCHED}>Topics:</span> {links}</p>\n'
        )

    # The verdict.
    badge = ctx.badge(verdict.rating if verdict else None, filter=True)
    h.append(
        '<section class="fc-verdict" aria-labelledby="verdict">\n'
        f'<h2 id="verdict"{UNSEARCHED}>Our verdict</h2>\n'
    )
    if verdict and rating:
        h.append(
            f'<p class="fc-verdict__rating">{badge} <a class="fc-verdict__explain" '
            f'href="{root}ratings/{rating.id}/"{UNSEARCHED}>What “{esc(rating.label)}” means</a></p>\n'
            '<div class="fc-summary">\n'
            f'<p class="fc-summary__title"{UNSEARCHED}><strong>What we found</strong></p>\n'
            f"<p>{esc(verdict.summary)}</p>\n</div>\n"
        )
    else:
        h.append(
            f'<p class="fc-verdict__rating">{badge}</p>\n'
            '<div class="fc-summary fc-summary--review">\n'
            f"<p{UNSEARCHED}>We are checking this claim. No verdict has been published yet.</p>\n"
            "</div>\n"
        )
    h.append("</section>\n")
    h.append(
        '<section aria-labelledby="appearances">\n'
        f'<h2 id="appearances"{UNSEARCHED}>Where the claim appeared</h2>\n'
        + _appearances_html(ctx, claim, root)
        + "</section>\n"
    )

    if verdict:
        body = render_body(ctx, verdict)
        h.append(
            '<section aria-labelledby="reasoning">\n'
            f'<h2 id="reasoning"{UNSEARCHED}>Our reasoning</h2>\n'
            f'<div class="fc-body">\n{body.html}</div>\n</section>\n'
            f'<section aria-labelledby="sources">\n<h2 id="sources"{UNSEARCHED}>Sources</h2>\n'
            + _sources_html(_ordered_sources(verdict, body))
            + "</section>\n"
        )
        authors = [content.people[p] for p in verdict.authors if p in content.people]
        reviewers = [content.people[p] for p in verdict.reviewers if p in content.people]
        byline = f"{_label('Checked by')} {_person_links(root, authors)}."
        if reviewers:
            byline += f" {_label('Reviewed by')} {_person_links(root, reviewers)}."
        byline += f" {_label('Published')} {_time(verdict.published)}"
        if verdict.modified != verdict.published:
            byline += f", {_label('last updated')} {_time(verdict.modified)}"
        byline += "."
    else:
        byline = _label(
            "This claim is under review; the fact-checkers will be named when the verdict is published."
        )
    h.append(
        '<section class="fc-byline" aria-labelledby="checked">\n'
        f'<h2 id="checked"{UNSEARCHED}>Who checked it</h2>\n<p>{byline}</p>\n</section>\n'
    )
    if updates:
        h.append(
            '<section aria-labelledby="updates">\n<h2 id="updates">Updates and corrections</h2>\n'
            + _updates_html(updates, rating_labels)
            + "</section>\n"
        )
    if site.history is not None:
        h.append(_history_html(ctx, claim))
    related = _related(ctx, claim, root)
    if related:
        h.append(
            '<section aria-labelledby="related" data-pagefind-ignore="all">\n'
            '<h2 id="related">Related claims</h2>\n' + related + "</section>\n"
        )

    # Ways to act on the page: report an error, or edit the files it is built from.
    actions = []
    suggest = suggest_correction_url(ctx, claim, url)
    if suggest:
        actions.append(
            f'<a class="md-button" href="{esc(suggest)}" rel="nofollow">Suggest a correction</a>'
        )
    edit_claim = settings.edit_url(claim.source_path) if claim.source_path else None
    if edit_claim:
        actions.append(
            f'<a class="md-button" href="{esc(edit_claim)}" rel="nofollow">Edit this claim</a>'
        )
    if verdict and verdict.source_path:
        edit_verdict = settings.edit_url(verdict.source_path)
        if edit_verdict:
            actions.append(
                f'<a class="md-button" href="{esc(edit_verdict)}" rel="nofollow">'
                "Edit the verdict</a>"
            )
    if actions:
        h.append('<footer class="fc-actions">\n' + "\n".join(actions) + "\n</footer>\n")
    h.append("</article>\n")

    return "".join(h)


def render_body(ctx: Context, verdict: Verdict) -> markdown.Rendered:
    """The verdict's reasoning as safe HTML, with numbered citations and claim links."""
    return markdown.render(
        verdict.body,
        sources={s.id for s in verdict.sources},
        claims=ctx.short_titles,
        heading_shift=1,
        min_heading=3,
    )
