"""Index pages and the pages of ratings, topics, people and documents, plus sources, corrections, home.

Every page body is a template (`factcheck/<page>.html`, which a site may override) and every
reader-visible word, titles and descriptions included, goes through the catalog (`ctx._`).
"""

from __future__ import annotations

from markupsafe import Markup

from ..feeds import claimant_feed_path, topic_feed_path
from ..markdown import slugify
from .core import N_, Context, Page, check_id, esc, root_of
from .pages import methodology_url
from .quotes import Highlight, annotated

LATEST = 10
# The index pages' titles (also the titles of their stubs before they are rendered).
SECTION_TITLES = {
    "claims": N_("Claims"),
    "ratings": N_("Ratings"),
    "topics": N_("Topics"),
    "documents": N_("Documents"),
    "people": N_("People"),
    "sources": N_("Sources"),
}


def section_title(ctx: Context, section: str) -> str:
    return ctx._(SECTION_TITLES[section])


def rating_title(ctx: Context, label: str) -> str:
    return ctx._("Rated %(rating)s") % {"rating": label}


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
    title = section_title(ctx, "claims")
    desc = ctx.ngettext(
        "The %(num)d claim we have checked or are checking.",
        "All %(num)d claims we have checked or are checking.",
        total,
    ) % {"num": total}
    meta = ctx.base_meta(title, desc, path)
    return Page(path, meta, html, updated=updated, title=title)


def ratings_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    path = "ratings/index.md"
    ratings = sorted(ctx.site.content.ratings.values(), key=lambda r: r.order)
    rows = [(r, len(ctx.site.by_rating.get(r.id, ()))) for r in ratings]
    html = ctx.render(
        "ratings_index.html", rows=rows, methodology=methodology_url(ctx), root=root_of(path)
    )
    title = section_title(ctx, "ratings")
    meta = ctx.base_meta(title, ctx._("The rating scale and the claims with each rating."), path)
    return Page(path, meta, html, updated=updated, title=title)


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
    title = rating_title(ctx, rating.label)
    # Translators: a rating page's description: the rating's label, then what it means.
    desc = ctx._("%(rating)s: %(description)s") % {
        "rating": rating.label,
        "description": rating.description,
    }
    meta = ctx.base_meta(title, desc, path)
    return Page(path, meta, html, updated=updated, title=title)


def topics_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    path = "topics/index.md"
    site = ctx.site
    topics = sorted(site.topics.values(), key=lambda t: (t.label.casefold(), t.id))
    rows = [(t, len(site.by_topic.get(t.id, ()))) for t in topics]
    html = ctx.render("topics_index.html", topics=rows, root=root_of(path))
    title = section_title(ctx, "topics")
    meta = ctx.base_meta(title, ctx._("Fact checks by topic."), path)
    return Page(path, meta, html, updated=updated, title=title)


def topic_page(ctx: Context, topic_id: str) -> Page:
    updated = ctx.updated
    check_id(topic_id, "topic")
    path = f"topics/{topic_id}.md"
    topic = ctx.site.topics[topic_id]
    ids = ctx.site.by_topic.get(topic_id, ())
    html = ctx.render(
        "topic.html", topic=topic, ids=ids, counts=ctx.rating_counts(ids), root=root_of(path)
    )
    desc = topic.description or ctx._("Fact checks about %(topic)s.") % {"topic": topic.label}
    feed = ctx.feed(topic_feed_path(topic_id), topic.label)
    meta = ctx.base_meta(topic.label, desc, path, feeds=[feed])
    return Page(path, meta, html, updated=updated, title=topic.label)


def people_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    path = "people/index.md"
    site = ctx.site
    people = sorted(site.content.people.values(), key=lambda p: (p.name.casefold(), p.id))
    authored_docs: dict[str, int] = {}
    for d in site.content.documents.values():
        if d.author:
            authored_docs[d.author] = authored_docs.get(d.author, 0) + 1

    def claims(n: int) -> str:
        return ctx.ngettext("%(num)d claim", "%(num)d claims", n) % {"num": n}

    def fact_checks(n: int) -> str:
        return ctx.ngettext("%(num)d fact check", "%(num)d fact checks", n) % {"num": n}

    def documents(n: int) -> str:
        return ctx.ngettext("%(num)d document", "%(num)d documents", n) % {"num": n}

    claimants = [
        (p, claims(len(site.by_claimant[p.id]))) for p in people if p.id in site.by_claimant
    ]
    checkers = [
        (p, fact_checks(len(site.by_author[p.id]))) for p in people if p.id in site.by_author
    ]
    # Translators: in the list of people, one with no claim, fact check or document on the site.
    nothing = ctx._("no entries")
    others = [
        (p, documents(authored_docs[p.id]) if p.id in authored_docs else nothing)
        for p in people
        if p.id not in site.by_claimant and p.id not in site.by_author
    ]
    groups = [
        {
            "id": "claimants",
            "label": ctx._("People and organizations whose claims we checked"),
            "people": claimants,
        },
        {"id": "fact-checkers", "label": ctx._("Fact-checkers and editors"), "people": checkers},
        {"id": "others", "label": ctx._("Others"), "people": others},
    ]
    html = ctx.render(
        "people_index.html", groups=[g for g in groups if g["people"]], root=root_of(path)
    )
    title = section_title(ctx, "people")
    meta = ctx.base_meta(title, ctx._("Claimants, fact-checkers and editors."), path)
    return Page(path, meta, html, updated=updated, title=title)


def person_page(ctx: Context, person_id: str) -> Page:
    """A person's page: front matter and contents here, the body from `person_html`."""
    check_id(person_id, "person")
    path = f"people/{person_id}.md"
    site = ctx.site
    person = site.content.people[person_id]
    name = {"name": person.name}
    claims = site.by_claimant.get(person_id, ())
    toc = []
    if claims:
        toc.append((2, "claims", esc(ctx._("Claims by %(name)s") % name)))
    if site.by_author.get(person_id):
        toc.append((2, "fact-checks", esc(ctx._("Fact checks by %(name)s") % name)))
    if ctx.documents_by_author.get(person_id):
        toc.append((2, "documents", esc(ctx._("Documents by %(name)s") % name)))
    desc = person.description or (
        ctx._("Claims by %(name)s that we checked.") % name
        if claims
        else ctx._("Fact checks by %(name)s.") % name
    )
    feeds = []
    if claims:
        # Translators: the title of the feed of a claimant's fact checks, after the site's name.
        feeds.append(ctx.feed(claimant_feed_path(person_id), ctx._("claims by %(name)s") % name))
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
    site = ctx.site
    verdicts = site.content.verdicts
    checked = [
        (
            cid,
            verdicts[cid],
            person_id in verdicts[cid].authors,
            person_id in verdicts[cid].reviewers,
        )
        for cid in site.by_author.get(person_id, ())
    ]
    return ctx.render(
        "person.html",
        person=site.content.people[person_id],
        claims=site.by_claimant.get(person_id, ()),
        checked=checked,
        documents=ctx.documents_by_author.get(person_id, []),
        titles=_titles(ctx),
        edit_url=ctx.settings.edit_url(f"people/{person_id}.yaml"),
        root=root_of(f"people/{person_id}.md"),
    )


def documents_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    path = "documents/index.md"
    site = ctx.site
    docs = sorted(site.content.documents.values(), key=lambda d: (-d.date.toordinal(), d.id))
    rows = [(d, len(site.by_document.get(d.id, ()))) for d in docs]
    html = ctx.render("documents_index.html", docs=rows, root=root_of(path))
    title = section_title(ctx, "documents")
    meta = ctx.base_meta(title, ctx._("The documents that checked claims appeared in."), path)
    return Page(path, meta, html, updated=updated, title=title)


def _highlights(ctx: Context, doc_id: str, root: str) -> list[Highlight]:
    content = ctx.site.content
    dtext = ctx.document_text(doc_id)
    out = []
    for cid in ctx.site.by_document.get(doc_id, ()):
        claim = content.claims[cid]
        verdict = content.verdicts.get(cid)
        rating = content.ratings[verdict.rating].label if verdict else ctx._("Under review")
        # Translators: what a highlighted passage of a document is: the claim, then its rating.
        label = ctx._("%(claim)s — %(rating)s") % {"claim": claim.short, "rating": rating}
        for a in claim.appearances:
            if a.document == doc_id and a.quote:
                span = dtext.find(a.quote)
                if span is not None:
                    href, rid = f"{root}claims/{cid}/", verdict.rating if verdict else None
                    out.append(Highlight(span[0], span[1], cid, href, label, rid, rating))
                break
    return out


def document_page(ctx: Context, doc_id: str) -> Page:
    """A document's page: front matter and contents here, the body from `document_html`."""
    check_id(doc_id, "document")
    path = f"documents/{doc_id}.md"
    doc = ctx.site.content.documents[doc_id]
    n = len(ctx.site.by_document.get(doc_id, ()))
    toc = []
    if ctx.site.children.get(doc_id):
        toc.append((2, "parts", esc(ctx._("Parts of this document"))))
    toc.append((2, "claims", esc(ctx._("Checked claims"))))
    if doc.text:
        toc.append((2, "text", esc(ctx._("Full text"))))
    values = {
        "kind": ctx.kind_label(doc.kind),
        "publisher": doc.publisher,
        "date": ctx.date(doc.date),
        "num": n,
    }
    if doc.publisher:
        # Translators: a document page's description, e.g. "Speech published by Ministry of
        # Finance on 1 March 2025, with 2 checked claims."
        desc = ctx.ngettext(
            "%(kind)s published by %(publisher)s on %(date)s, with %(num)d checked claim.",
            "%(kind)s published by %(publisher)s on %(date)s, with %(num)d checked claims.",
            n,
        )
    else:
        desc = ctx.ngettext(
            "%(kind)s on %(date)s, with %(num)d checked claim.",
            "%(kind)s on %(date)s, with %(num)d checked claims.",
            n,
        )
    desc = desc % values
    meta = ctx.base_meta(doc.title, doc.description or desc[:1].upper() + desc[1:], path)
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
    return ctx.render(
        "document.html",
        doc=doc,
        ids=site.by_document.get(doc_id, ()),
        author=content.people.get(doc.author) if doc.author else None,
        parent=content.documents.get(doc.part_of) if doc.part_of else None,
        parts=[content.documents[pid] for pid in site.children.get(doc_id, ())],
        text=annotated(doc.text, _highlights(ctx, doc_id, root), doc.title) if doc.text else None,
        edit_url=ctx.settings.edit_url(doc.source_path) if doc.source_path else None,
        root=root,
    )


def sources_page(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    path = "sources/index.md"
    by_publisher: dict[str, list] = {}
    for s in ctx.site.sources:
        by_publisher.setdefault(s.publisher or "", []).append(s)
    used: set[str] = set()
    groups = []
    toc = []
    for publisher in sorted(by_publisher, key=lambda p: (p == "", p.casefold())):
        # Translators: the heading of the sources whose publisher is not known.
        name = publisher or ctx._("Other sources")
        anchor = base = "publisher-" + slugify(name)
        n = 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        toc.append((2, anchor, esc(name)))
        groups.append((anchor, name, by_publisher[publisher]))
    html = ctx.render(
        "sources.html",
        groups=groups,
        total=len(ctx.site.sources),
        titles=_titles(ctx),
        root=root_of(path),
    )
    title = section_title(ctx, "sources")
    meta = ctx.base_meta(title, ctx._("Every source cited in our fact checks, by publisher."), path)
    return Page(path, meta, html, toc=tuple(toc), updated=updated, title=title)


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
        rating_labels={r.id: r.label for r in content.ratings.values()},
        policy=policy,
        root=root_of(path),
    )
    title = ctx._("Corrections and updates")
    desc = ctx._("Every correction, update, clarification and retraction to our fact checks.")
    meta = ctx.base_meta(title, desc, path)
    return Page(path, meta, html, updated=updated, title=title)


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
    meta = ctx.base_meta(
        settings.site_name, settings.site_description or ctx._("Fact checks."), path
    )
    return Page(path, meta, html, updated=updated, title=settings.site_name)
