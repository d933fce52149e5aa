"""Index pages and the pages of ratings, topics, people and documents, plus sources, corrections, home."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..feeds import claimant_feed_path, topic_feed_path
from ..markdown import slugify
from .claims import KIND_LABELS, TYPE_LABELS
from .core import Context, Page, check_id, esc, root_of, safe_href
from .quotes import Highlight, annotated

LATEST = 10


def _titles(ctx: Context):
    return ctx.short_titles


def claims_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    path = "claims/index.md"
    site = ctx.site
    total = len(site.claims_newest)
    html = ctx.render(
        "claims_index.html",
        ids=site.claims_newest,
        total=total,
        checked=len(site.content.verdicts),
        root=root_of(path),
    )
    meta = ctx.base_meta("Claims", f"All {total} claims we have checked or are checking.", path)
    return Page(path, meta, html, updated=updated, title="Claims")


def ratings_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    path = "ratings/index.md"
    ratings = sorted(ctx.site.content.ratings.values(), key=lambda r: r.order)
    rows = [(r, len(ctx.site.by_rating.get(r.id, ()))) for r in ratings]
    html = ctx.render("ratings_index.html", rows=rows, root=root_of(path))
    meta = ctx.base_meta("Ratings", "The rating scale and the claims with each rating.", path)
    return Page(path, meta, html, updated=updated, title="Ratings")


def rating_page(ctx: Context, rating_id: str) -> Page:
    updated = ctx.updated
    check_id(rating_id, "rating")
    path = f"ratings/{rating_id}.md"
    rating = ctx.site.content.ratings[rating_id]
    ids = ctx.site.by_rating.get(rating_id, ())
    html = ctx.render(
        "rating.html",
        rating=rating,
        ids=ids,
        value=ctx.scale.value(rating) if ctx.scale.ordinal else None,
        best=ctx.scale.best,
        worst=ctx.scale.worst,
        root=root_of(path),
    )
    title = f"Rated {rating.label}"
    meta = ctx.base_meta(title, f"{rating.label}: {rating.description}", path)
    return Page(path, meta, html, updated=updated, title=title)


def topics_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    path = "topics/index.md"
    site = ctx.site
    topics = sorted(site.topics.values(), key=lambda t: (t.label.casefold(), t.id))
    rows = [(t, len(site.by_topic.get(t.id, ()))) for t in topics]
    html = ctx.render("topics_index.html", topics=rows, root=root_of(path))
    meta = ctx.base_meta("Topics", "Fact checks by topic.", path)
    return Page(path, meta, html, updated=updated, title="Topics")


def topic_page(ctx: Context, topic_id: str) -> Page:
    updated = ctx.updated
    check_id(topic_id, "topic")
    path = f"topics/{topic_id}.md"
    topic = ctx.site.topics[topic_id]
    ids = ctx.site.by_topic.get(topic_id, ())
    html = ctx.render(
        "topic.html", topic=topic, ids=ids, counts=ctx.rating_counts(ids), root=root_of(path)
    )
    desc = topic.description or f"Fact checks about {topic.label}."
    feed = ctx.feed(topic_feed_path(topic_id), topic.label)
    meta = ctx.base_meta(topic.label, desc, path, feeds=[feed])
    return Page(path, meta, html, updated=updated, title=topic.label)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def people_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    path = "people/index.md"
    site = ctx.site
    people = sorted(site.content.people.values(), key=lambda p: (p.name.casefold(), p.id))
    authored_docs: dict[str, int] = {}
    for d in site.content.documents.values():
        if d.author:
            authored_docs[d.author] = authored_docs.get(d.author, 0) + 1
    claimants = [
        (p, _plural(len(site.by_claimant[p.id]), "claim"))
        for p in people
        if p.id in site.by_claimant
    ]
    checkers = [
        (p, _plural(len(site.by_author[p.id]), "fact check"))
        for p in people
        if p.id in site.by_author
    ]
    others = [
        (p, _plural(authored_docs[p.id], "document") if p.id in authored_docs else "no entries")
        for p in people
        if p.id not in site.by_claimant and p.id not in site.by_author
    ]
    groups = [
        {
            "id": "claimants",
            "label": "People and organizations whose claims we checked",
            "people": claimants,
        },
        {"id": "fact-checkers", "label": "Fact-checkers and editors", "people": checkers},
        {"id": "others", "label": "Others", "people": others},
    ]
    html = ctx.render(
        "people_index.html", groups=[g for g in groups if g["people"]], root=root_of(path)
    )
    meta = ctx.base_meta("People", "Claimants, fact-checkers and editors.", path)
    return Page(path, meta, html, updated=updated, title="People")


def person_page(ctx: Context, person_id: str) -> Page:
    """A person's page: front matter and contents here, the body from `person_html`."""
    check_id(person_id, "person")
    path = f"people/{person_id}.md"
    site = ctx.site
    person = site.content.people[person_id]
    name = esc(person.name)
    claims = site.by_claimant.get(person_id, ())
    toc = []
    if claims:
        toc.append((2, "claims", f"Claims by {name}"))
    if site.by_author.get(person_id):
        toc.append((2, "fact-checks", f"Fact checks by {name}"))
    if ctx.documents_by_author.get(person_id):
        toc.append((2, "documents", f"Documents by {name}"))
    desc = person.description or (
        f"Claims by {person.name} that we checked." if claims else f"Fact checks by {person.name}."
    )
    feeds = [ctx.feed(claimant_feed_path(person_id), f"claims by {person.name}")] if claims else []
    meta = ctx.base_meta(person.name, desc, path, og_type="profile", feeds=feeds)
    return Page(
        path,
        meta,
        person_html(ctx, person_id),
        toc=tuple(toc),
        edit_url=ctx.settings.edit_url(f"people/{person_id}.yaml"),
        updated=ctx.updated,
        title=person.name,
    )


def person_html(ctx: Context, person_id: str) -> str:
    path = f"people/{person_id}.md"
    root = root_of(path)
    site = ctx.site
    content = site.content
    person = content.people[person_id]
    name = esc(person.name)
    claims = site.by_claimant.get(person_id, ())
    checked = site.by_author.get(person_id, ())
    documents = ctx.documents_by_author.get(person_id, [])
    edit_url = ctx.settings.edit_url(f"people/{person_id}.yaml")
    kind = "Organization" if person.kind == "organization" else "Person"
    h = ['<div class="fc-page fc-person">\n<p>']
    if person.description:
        h.append(f"{esc(person.description.rstrip('.'))}. ")
    h.append(f'<span class="fc-muted">{kind}</span></p>\n')
    if person.same_as:
        links = " · ".join(
            f'<a href="{esc(safe_href(u))}" rel="nofollow noopener">{esc(u)}</a>'
            for u in person.same_as
        )
        h.append(f'<p class="fc-links">Elsewhere: {links}</p>\n')
    if claims:
        h.append(
            f'<h2 id="claims">Claims by {name}</h2>\n<p class="fc-caveat">These are the claims we chose'
            f" to check, not a sample of everything {name} has said, so the ratings below say nothing"
            f" about how often {name} is right.</p>\n"
        )
        h.append(
            ctx.breakdown(
                ctx.rating_counts(claims), len(claims), f"Ratings of the claims by {person.name}"
            )
        )
        h.append("\n" + ctx.claim_list(claims, root) + "\n")
    if checked:
        h.append(f'<h2 id="fact-checks">Fact checks by {name}</h2>\n<ul class="fc-list">\n')
        for cid in checked:
            v = content.verdicts[cid]
            roles = []
            if person_id in v.authors:
                roles.append("checked")
            if person_id in v.reviewers:
                roles.append("reviewed")
            role = " and ".join(roles).capitalize()
            h.append(
                f'<li class="fc-item">{ctx.badge(v.rating, small=True)} <a class="fc-item__title" '
                f'href="{root}claims/{cid}/">{esc(content.claims[cid].short)}</a> '
                f'<span class="fc-item__meta">{role}, {ctx.time(v.published)}</span></li>\n'
            )
        h.append("</ul>\n")
    if documents:
        h.append(f'<h2 id="documents">Documents by {name}</h2>\n<ul class="fc-docs">\n')
        for d in documents:
            h.append(
                f'<li><a href="{root}documents/{d.id}/">{esc(d.title)}</a> '
                f'<span class="fc-muted">({ctx.time(d.date)})</span></li>\n'
            )
        h.append("</ul>\n")
    if not (claims or checked or documents):
        h.append(f"<p>Nothing on this site is linked to {name} yet.</p>\n")
    if edit_url:
        h.append(_edit_button(edit_url))
    h.append("</div>\n")
    return "".join(h)


def _edit_button(edit_url: str) -> str:
    """The button under a person's or document's page that opens its YAML for editing."""
    return (
        f'<p class="fc-actions"><a class="md-button" href="{esc(edit_url)}" rel="nofollow">'
        "Edit this entry</a></p>\n"
    )


def documents_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    path = "documents/index.md"
    site = ctx.site
    docs = sorted(site.content.documents.values(), key=lambda d: (-d.date.toordinal(), d.id))
    rows = [(d, len(site.by_document.get(d.id, ()))) for d in docs]
    html = ctx.render(
        "documents_index.html", docs=rows, kind_labels=KIND_LABELS, root=root_of(path)
    )
    meta = ctx.base_meta("Documents", "The documents that checked claims appeared in.", path)
    return Page(path, meta, html, updated=updated, title="Documents")


def _highlights(ctx: Context, doc_id: str, root: str) -> list[Highlight]:
    content = ctx.site.content
    dtext = ctx.document_text(doc_id)
    out = []
    for cid in ctx.site.by_document.get(doc_id, ()):
        claim = content.claims[cid]
        verdict = content.verdicts.get(cid)
        label = (
            claim.short
            + " — "
            + (content.ratings[verdict.rating].label if verdict else "Under review")
        )
        for a in claim.appearances:
            if a.document == doc_id and a.quote:
                span = dtext.find(a.quote)
                if span is not None:
                    out.append(Highlight(span[0], span[1], cid, f"{root}claims/{cid}/", label))
                break
    return out


def document_page(ctx: Context, doc_id: str) -> Page:
    """A document's page: front matter and contents here, the body from `document_html`."""
    check_id(doc_id, "document")
    path = f"documents/{doc_id}.md"
    doc = ctx.site.content.documents[doc_id]
    ids = ctx.site.by_document.get(doc_id, ())
    kind = KIND_LABELS.get(doc.kind, doc.kind)
    toc = []
    if ctx.site.children.get(doc_id):
        toc.append((2, "parts", "Parts of this document"))
    toc.append((2, "claims", "Checked claims"))
    if doc.text:
        toc.append((2, "text", "Full text"))
    published = f" published by {doc.publisher}" if doc.publisher else ""
    desc = doc.description or (
        f"{kind.capitalize()}{published} on {ctx.date(doc.date)}, with "
        f"{_plural(len(ids), 'checked claim')}."
    )
    meta = ctx.base_meta(doc.title, desc, path)
    return Page(
        path,
        meta,
        document_html(ctx, doc_id),
        toc=tuple(toc),
        edit_url=ctx.settings.edit_url(doc.source_path) if doc.source_path else None,
        updated=doc.date,
        title=doc.title,
    )


def document_html(ctx: Context, doc_id: str) -> str:
    path = f"documents/{doc_id}.md"
    root = root_of(path)
    site = ctx.site
    content = site.content
    doc = content.documents[doc_id]
    ids = site.by_document.get(doc_id, ())
    kind = KIND_LABELS.get(doc.kind, doc.kind)
    edit_url = ctx.settings.edit_url(doc.source_path) if doc.source_path else None
    facts = [f"<dt>Kind</dt><dd>{esc(kind)}</dd>"]
    if doc.publisher:
        facts.append(f"<dt>Publisher</dt><dd>{esc(doc.publisher)}</dd>")
    author = content.people.get(doc.author) if doc.author else None
    if author:
        facts.append(
            f'<dt>Author</dt><dd><a href="{root}people/{author.id}/">{esc(author.name)}</a></dd>'
        )
    facts.append(f"<dt>Date</dt><dd>{ctx.time(doc.date)}</dd>")
    for label, url in (("Original", doc.url), ("Archived copy", doc.archive_url)):
        if url:
            facts.append(
                f'<dt>{label}</dt><dd><a href="{esc(safe_href(url))}" rel="nofollow noopener">'
                f"{esc(url)}</a></dd>"
            )
    parent = content.documents.get(doc.part_of) if doc.part_of else None
    if parent:
        facts.append(
            f'<dt>Part of</dt><dd><a href="{root}documents/{parent.id}/">{esc(parent.title)}</a></dd>'
        )
    h = [
        '<div class="fc-page fc-document">\n<dl class="fc-facts">\n',
        "\n".join(facts),
        "\n</dl>\n",
    ]
    if doc.description:
        h.append(f"<p>{esc(doc.description)}</p>\n")
    parts = site.children.get(doc_id, ())
    if parts:
        h.append('<h2 id="parts">Parts of this document</h2>\n<ul class="fc-docs">\n')
        for pid in parts:
            d = content.documents[pid]
            h.append(
                f'<li><a href="{root}documents/{d.id}/">{esc(d.title)}</a> '
                f'<span class="fc-muted">({ctx.time(d.date)})</span></li>\n'
            )
        h.append("</ul>\n")
    h.append('<h2 id="claims">Checked claims</h2>\n')
    if ids:
        h.append("<p>In the order they appear in the document.</p>\n")
        h.append(
            ctx.breakdown(
                ctx.rating_counts(ids), len(ids), "Ratings of the claims in this document"
            )
        )
        h.append("\n" + ctx.claim_list(ids, root) + "\n")
    else:
        h.append("<p>No claim from this document has been checked.</p>\n")
    if doc.text:
        text = annotated(doc.text, _highlights(ctx, doc_id, root))
        h.append(
            '<h2 id="text">Full text</h2>\n<p class="fc-muted">Checked passages are highlighted;'
            f' each links to its fact check.</p>\n<div class="fc-doc-text">\n{text}\n</div>\n'
        )
    if edit_url:
        h.append(_edit_button(edit_url))
    h.append("</div>\n")
    return "".join(h)


def sources_page(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    path = "sources/index.md"
    root = root_of(path)
    claims = ctx.site.content.claims
    groups: dict[str, list] = {}
    for s in ctx.site.sources:
        groups.setdefault(s.publisher or "", []).append(s)
    used: set[str] = set()
    h = [
        f'<div class="fc-page fc-index">\n<p>Every source cited in our fact checks '
        f"({len(ctx.site.sources)}), grouped by publisher. "
        '<span class="fc-label fc-label--primary">Primary source</span> marks transcripts, '
        "official texts and data.</p>\n"
    ]
    toc = []
    for publisher in sorted(groups, key=lambda p: (p == "", p.casefold())):
        name = publisher or "Other sources"
        anchor = base = "publisher-" + slugify(name)
        n = 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        toc.append((2, anchor, esc(name)))
        h.append(f'<h2 id="{esc(anchor)}">{esc(name)}</h2>\n<ul class="fc-source-index">\n')
        for s in groups[publisher]:
            primary = (
                ' <span class="fc-label fc-label--primary">Primary source</span>'
                if s.primary
                else ""
            )
            cited = "; ".join(
                f'<a href="{root}claims/{cid}/">{esc(claims[cid].short)}</a>' for cid in s.claim_ids
            )
            h.append(
                f'<li><a href="{esc(safe_href(s.url))}" rel="noopener">{esc(s.title)}</a>{primary} '
                f'<span class="fc-muted">Cited in:</span> {cited}</li>\n'
            )
        h.append("</ul>\n")
    h.append("</div>\n")
    meta = ctx.base_meta("Sources", "Every source cited in our fact checks, by publisher.", path)
    return Page(path, meta, "".join(h), toc=tuple(toc), updated=updated, title="Sources")


def corrections_page(ctx: Context, policy: str | None) -> Page:
    updated = ctx.updated
    path = "corrections/index.md"
    content = ctx.site.content
    entries = [
        {"u": u, "claim_id": cid, "rating": v.rating}
        for cid, v in content.verdicts.items()
        for u in v.updates
    ]
    entries.sort(key=lambda e: (-e["u"].date.toordinal(), e["claim_id"], e["u"].type))
    html = ctx.render(
        "corrections.html",
        entries=entries,
        titles=_titles(ctx),
        type_labels=TYPE_LABELS,
        rating_labels={r.id: r.label for r in content.ratings.values()},
        policy=policy,
        root=root_of(path),
    )
    meta = ctx.base_meta(
        "Corrections and updates",
        "Every correction, update, clarification and retraction to our fact checks.",
        path,
    )
    return Page(path, meta, html, updated=updated, title="Corrections and updates")


def home_page(ctx: Context, intro: Markup | None, pages: list[tuple[str, str]]) -> Page:
    updated = ctx.updated
    path = "index.md"
    site = ctx.site
    content = site.content
    corrections = sum(len(v.updates) for v in content.verdicts.values())
    html = ctx.render(
        "home.html",
        intro=intro,
        latest=site.verdicts_newest[:LATEST],
        verdicts=content.verdicts,
        claims=content.claims,
        people=content.people,
        titles=_titles(ctx),
        total=len(content.claims),
        counts=ctx.rating_counts(site.claims_newest),
        n_ratings=len(content.ratings),
        n_topics=len(site.topics),
        n_people=len(content.people),
        n_documents=len(content.documents),
        n_sources=len(site.sources),
        n_corrections=corrections,
        pages=pages,
        root=root_of(path),
    )
    settings = ctx.settings
    meta = ctx.base_meta(settings.site_name, settings.site_description or "Fact checks.", path)
    return Page(path, meta, html, updated=updated, title=settings.site_name)


def scale_html(ctx: Context, root: str) -> Markup:
    ratings = sorted(ctx.site.content.ratings.values(), key=lambda r: r.order)
    rows: list[tuple[Any, int | None]] = [
        (r, ctx.scale.value(r) if ctx.scale.ordinal else None) for r in ratings
    ]
    return Markup(
        ctx.render("scale.html", rows=rows, best=ctx.scale.best, worst=ctx.scale.worst, root=root)
    )
