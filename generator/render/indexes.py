"""Index pages and the pages of ratings, topics, people and documents, plus sources, corrections, home.

Every page body is a template (`factcheck/<page>.html`, which a site may override) and every
reader-visible word, titles and descriptions included, goes through the catalog (`ctx._`).
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from ..collation import sort_key
from ..feeds import claimant_feed_path, topic_feed_path
from ..markdown import slugify
from .core import (
    N_,
    Context,
    Page,
    RenderError,
    ShortTitles,
    check_id,
    esc,
    page_url,
    root_of,
    shorten,
    text,
)
from .fulltext import highlights, part_count, parts, text_first
from .pages import methodology_url
from .pagination import Pager, chunk, count, split_key
from .quotes import annotated

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


# A claim's title in a list, cut at a whole word with "…" past this many characters: a list of 100
# claims titled in 2,000 characters was 240 KB (issue #19). Its page shows the whole title.
LIST_TITLE = 200


def list_title(title: str) -> str:
    """A claim's title as lists show it (`LIST_TITLE`); a title that fits is left as written."""
    return title if len(title) <= LIST_TITLE else shorten(title, LIST_TITLE)


class ListTitles(ShortTitles):
    """claim id -> its title as lists show it (`list_title`), read from the claims themselves."""

    def __getitem__(self, key: str) -> str:
        return list_title(super().__getitem__(key))


def _titles(ctx: Context) -> ListTitles:
    return ListTitles(ctx.site.content.claims)


# Long lists are split into pages (render/pagination.py): claims `settings.page_size` a page, the
# shorter entries of other lists twice as many.
def claims_size(ctx: Context) -> int:
    return max(1, ctx.settings.page_size)


def entries_size(ctx: Context) -> int:
    return 2 * claims_size(ctx)


def _pager(first: str, key: str, total: int, size: int) -> Pager:
    _, number = split_key(key)
    n = count(total, size)
    if not 1 <= number <= n:
        raise RenderError(f"{first} has {n} page(s), not a page {number}")
    return Pager(first, number, n, total, size)


def paged_title(ctx: Context, title: str, pager: Pager) -> str:
    """A list's title, with the page number from page 2 on."""
    if pager.number == 1:
        return title
    # Translators: the title of page 2, 3... of a long list, e.g. "Claims (page 2 of 40)".
    return ctx._("%(title)s (page %(num)d of %(count)d)") % {
        "title": title,
        "num": pager.number,
        "count": pager.count,
    }


def _paged(ctx: Context, meta: dict, pager: Pager) -> dict:
    """Front matter of one page of a list: the previous and next pages' addresses (absolute) for
    `<link rel="prev/next">` in the head (theme main.html), and where this page stands."""
    if pager.paged:
        url = ctx.settings.url
        meta["pagination"] = {
            "number": pager.number,
            "count": pager.count,
            "prev": text(url(pager.url(pager.number - 1, ""))) if pager.number > 1 else None,
            "next": text(url(pager.url(pager.number + 1, "")))
            if pager.number < pager.count
            else None,
        }
    return meta


def _section_list(
    ctx: Context, pager: Pager, section: str, desc: str, template: str, **values: object
) -> tuple[str, dict, str, str]:
    """(path, front matter, body, title) of one page of a section's list."""
    path = pager.path(pager.number)
    root = root_of(path)
    html = ctx.render(template, pager=pager.links(root), root=root, **values)
    title = paged_title(ctx, section_title(ctx, section), pager)
    return path, _paged(ctx, ctx.base_meta(title, desc, path), pager), html, title


def page_count(ctx: Context, family: str, key: str) -> int:
    """How many pages the list of a render job family takes (1 for pages that are not lists)."""
    site = ctx.site
    content = site.content
    claims, entries = claims_size(ctx), entries_size(ctx)
    if family == "claims":
        return count(len(site.claims_newest), claims)
    if family == "rating":
        return count(len(site.by_rating.get(key, ())), claims)
    if family == "topic":
        return count(len(site.by_topic.get(key, ())), claims)
    if family == "language":
        from ..languages import list_size

        return count(list_size(ctx, key), claims)
    if family == "document":
        return count(len(site.by_document.get(key, ())), claims)
    if family == "document-text":
        return max(1, part_count(ctx, key))
    if family == "person":
        return max(
            count(len(site.by_claimant.get(key, ())), claims),
            count(len(site.by_author.get(key, ())), claims),
            count(len(ctx.documents_by_author.get(key, ())), entries),
        )
    sizes = {
        "ratings": len(content.ratings),
        "topics": len(site.topics),
        "people": len(content.people),
        "documents": len(content.documents),
        "sources": len(site.sources),
    }
    if family == "source":
        found = source_pages(ctx).get(key)
        return count(len(found.claim_ids) if found else 0, claims)
    if family == "links":
        return count(len(site.backlinks.get(key, ())), claims)
    if family in sizes:
        return count(sizes[family], entries)
    return 1


def corrections_entries(ctx: Context) -> list[dict]:
    content = ctx.site.content
    # Newest first; one claim's entries of one day, the last written first, as its page lists them
    # (`updates` is append-only): sorted by type, a day's correction came before its update.
    entries = [
        {"u": u, "claim_id": cid, "rating": v.rating, "retracted": v.retracted, "n": n}
        for cid, v in content.verdicts.items()
        for n, u in enumerate(v.updates)
    ]
    entries.sort(key=lambda e: (-e["u"].date.toordinal(), e["claim_id"], -e["n"]))
    return entries


def claims_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    site = ctx.site
    total = len(site.claims_newest)
    pager = _pager("claims/index.md", key, total, claims_size(ctx))
    path = pager.path(pager.number)
    root = root_of(path)
    retracted = ctx.memo.get("retracted")
    if retracted is None:
        retracted = ctx.memo["retracted"] = sum(
            1 for v in site.content.verdicts.values() if v.retracted
        )
    html = ctx.render(
        "claims_index.html",
        ids=chunk(site.claims_newest, pager.number, pager.size),
        total=total,
        # A retracted verdict is no published finding: counted apart (the page still lists it).
        checked=len(site.content.verdicts) - retracted,
        retracted=retracted,
        pager=pager.links(root),
        root=root,
        languages=language_links(ctx, root),
    )
    title = paged_title(ctx, section_title(ctx, "claims"), pager)
    if not total:
        desc = ctx._("No fact check has been published yet.")
    elif total == 1:  # "The 1 claim we have checked" reads as a typo
        desc = ctx._("The only claim we have checked or are checking.")
    else:
        desc = ctx.ngettext(
            "The %(num)d claim we have checked or are checking.",
            "All %(num)d claims we have checked or are checking.",
            total,
        ) % {"num": total}
    meta = _paged(ctx, ctx.base_meta(title, desc, path), pager)
    return Page(path, meta, html, updated=updated, title=title)


def language_links(ctx: Context, root: str) -> list[dict[str, str]]:
    """Each language's list (tag, its name in itself, href) on a site with several, else none."""
    from ..languages import list_languages, native_name, slug

    return [
        {"tag": t, "name": native_name(t), "href": f"{root}languages/{slug(t)}/"}
        for t in list_languages(ctx.site, ctx.base_settings)
    ]


def ratings_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    ratings = sorted(ctx.site.content.ratings.values(), key=lambda r: r.order)
    pager = _pager("ratings/index.md", key, len(ratings), entries_size(ctx))
    rows = [
        (r, len(ctx.site.by_rating.get(r.id, ()))) for r in chunk(ratings, pager.number, pager.size)
    ]
    desc = ctx._("The rating scale and the claims with each rating.")
    path, meta, html, title = _section_list(
        ctx,
        pager,
        "ratings",
        desc,
        "ratings_index.html",
        rows=rows,
        methodology=methodology_url(ctx),
    )
    return Page(path, meta, html, updated=updated, title=title)


def rating_page(ctx: Context, key: str) -> Page:
    updated = ctx.updated
    rating_id, _ = split_key(key)
    check_id(rating_id, "rating")
    rating = ctx.site.content.ratings[rating_id]
    all_ids = ctx.site.by_rating.get(rating_id, ())
    pager = _pager(f"ratings/{rating_id}.md", key, len(all_ids), claims_size(ctx))
    path = pager.path(pager.number)
    html = ctx.render(
        "rating.html",
        rating=rating,
        ids=chunk(all_ids, pager.number, pager.size),
        total=len(all_ids),
        pager=pager.links(root_of(path)),
        value=ctx.scale.value(rating) if ctx.scale.ordinal else None,
        best=ctx.scale.best,
        worst=ctx.scale.worst,
        root=root_of(path),
    )
    title = paged_title(ctx, rating_title(ctx, rating.label), pager)
    # Translators: a rating page's description: the rating's label, then what it means.
    desc = ctx._("%(rating)s: %(description)s") % {
        "rating": rating.label,
        "description": rating.description,
    }
    meta = _paged(ctx, ctx.base_meta(title, desc, path), pager)
    return Page(path, meta, html, updated=updated, title=title)


def _by_name(ctx: Context, memo: str, items: Iterable[Any], name: Callable[[Any], str]) -> list:
    """Items in the alphabetical order of their names in the page's language (generator.collation),
    sorted once for all the pages of a list: collation keys cost about 40 µs a name."""
    found = ctx.memo.get(memo)
    if found is None:
        language = ctx.settings.language
        found = ctx.memo[memo] = sorted(
            items, key=lambda item: (sort_key(name(item), language), item.id)
        )
    return found


def topics_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    site = ctx.site
    topics = _by_name(ctx, "topics by name", site.topics.values(), lambda t: t.label)
    pager = _pager("topics/index.md", key, len(topics), entries_size(ctx))
    rows = [(t, len(site.by_topic.get(t.id, ()))) for t in chunk(topics, pager.number, pager.size)]
    desc = ctx._("Fact checks by topic.")
    path, meta, html, title = _section_list(
        ctx, pager, "topics", desc, "topics_index.html", topics=rows
    )
    return Page(path, meta, html, updated=updated, title=title)


def topic_page(ctx: Context, key: str) -> Page:
    updated = ctx.updated
    topic_id, _ = split_key(key)
    check_id(topic_id, "topic")
    topic = ctx.site.topics[topic_id]
    ids = ctx.site.by_topic.get(topic_id, ())
    pager = _pager(f"topics/{topic_id}.md", key, len(ids), claims_size(ctx))
    path = pager.path(pager.number)
    html = ctx.render(
        "topic.html",
        topic=topic,
        ids=chunk(ids, pager.number, pager.size),
        total=len(ids),
        counts=ctx.rating_counts(ids),
        pager=pager.links(root_of(path)),
        root=root_of(path),
    )
    desc = topic.description or ctx._("Fact checks about %(topic)s.") % {"topic": topic.label}
    feed = ctx.feed(topic_feed_path(topic_id), topic.label)
    title = paged_title(ctx, topic.label, pager)
    meta = _paged(ctx, ctx.base_meta(title, desc, path, feeds=[feed]), pager)
    return Page(path, meta, html, updated=updated, title=title)


def people_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    site = ctx.site
    people = _by_name(ctx, "people by name", site.content.people.values(), lambda p: p.name)
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
    # One list in pages: each page shows the groups its entries belong to.
    flat = [(g, row) for g in groups for row in g["people"]]
    pager = _pager("people/index.md", key, len(flat), entries_size(ctx))
    shown: list[dict] = []
    for g, row in chunk(flat, pager.number, pager.size):
        if not shown or shown[-1]["id"] != g["id"]:
            shown.append({**g, "people": []})
        shown[-1]["people"].append(row)
    desc = ctx._("Claimants, fact-checkers and editors.")
    # A site where nobody made a checked claim or checked one yet: one list, not a lone "Others".
    headed = bool(claimants or checkers)
    # Each person's first entry has the anchor person-<id>: a fact-checker who also made a
    # checked claim is listed twice, once in each group, and an id must be unique on its page.
    path, meta, html, title = _section_list(
        ctx,
        pager,
        "people",
        desc,
        "people_index.html",
        groups=shown,
        headed=headed,
        claimed=site.by_claimant,
    )
    return Page(path, meta, html, updated=updated, title=title)


def _person_pager(ctx: Context, key: str) -> Pager:
    person_id, _ = split_key(key)
    _, number = split_key(key)
    n = page_count(ctx, "person", person_id)
    if not 1 <= number <= n:
        raise RenderError(f"people/{person_id}.md has {n} page(s), not a page {number}")
    # Claims and fact checks `claims_size` a page, documents twice as many: `size` is the claims'.
    total = len(ctx.site.by_claimant.get(person_id, ()))
    return Pager(f"people/{person_id}.md", number, n, total, claims_size(ctx))


def _person_lists(ctx: Context, person_id: str, number: int) -> tuple:
    """A person's claims, fact checks and documents on page `number` of their page."""
    site = ctx.site
    claims, entries = claims_size(ctx), entries_size(ctx)
    return (
        chunk(site.by_claimant.get(person_id, ()), number, claims),
        chunk(site.by_author.get(person_id, ()), number, claims),
        chunk(ctx.documents_by_author.get(person_id, []), number, entries),
    )


def person_page(ctx: Context, key: str) -> Page:
    """A person's page: front matter and contents here, the body from `person_html`."""
    person_id, _ = split_key(key)
    check_id(person_id, "person")
    pager = _person_pager(ctx, key)
    path = pager.path(pager.number)
    site = ctx.site
    person = site.content.people[person_id]
    name = {"name": person.name}
    claims = site.by_claimant.get(person_id, ())
    shown_claims, shown_checked, shown_docs = _person_lists(ctx, person_id, pager.number)
    toc = []
    if shown_claims:
        toc.append((2, "claims", esc(ctx._("Claims by %(name)s") % name)))
    if shown_checked:
        toc.append((2, "fact-checks", esc(ctx._("Fact checks by %(name)s") % name)))
    if shown_docs:
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
    title = paged_title(ctx, person.name, pager)
    meta = ctx.base_meta(title, desc, path, og_type="profile", feeds=feeds)
    # Its first page is titled with the name alone: in the name's language (render/core.heading).
    name_lang = ctx.person_lang(person)
    if name_lang and pager.number == 1:
        meta["title_lang"], meta["title_dir"] = name_lang["lang"], name_lang["dir"]
    return Page(
        path,
        _paged(ctx, meta, pager),
        person_html(ctx, key),
        toc=tuple(toc),
        edit_url=ctx.settings.edit_url(f"people/{person_id}.yaml"),
        updated=ctx.updated,
        title=title,
    )


def person_html(ctx: Context, key: str) -> str:
    """The body of a person's page (`key`: the person's id, then `/<n>` for page n > 1)."""
    person_id, _ = split_key(key)
    pager = _person_pager(ctx, key)
    root = root_of(pager.path(pager.number))
    site = ctx.site
    verdicts = site.content.verdicts
    claims, checked_ids, documents = _person_lists(ctx, person_id, pager.number)
    checked = [
        (
            cid,
            verdicts[cid],
            person_id in verdicts[cid].authors,
            person_id in verdicts[cid].reviewers,
        )
        for cid in checked_ids
    ]
    return ctx.render(
        "person.html",
        person=site.content.people[person_id],
        claims=claims,
        all_claims=site.by_claimant.get(person_id, ()),
        checked=checked,
        documents=documents,
        titles=_titles(ctx),
        edit_url=ctx.settings.edit_url(f"people/{person_id}.yaml"),
        pager=pager.links(root),
        root=root,
    )


def documents_index(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    site = ctx.site
    docs = sorted(site.content.documents.values(), key=lambda d: (-d.date.toordinal(), d.id))
    pager = _pager("documents/index.md", key, len(docs), entries_size(ctx))
    rows = [(d, len(site.by_document.get(d.id, ()))) for d in chunk(docs, pager.number, pager.size)]
    desc = ctx._("The documents that checked claims appeared in.")
    path, meta, html, title = _section_list(
        ctx, pager, "documents", desc, "documents_index.html", docs=rows
    )
    return Page(path, meta, html, updated=updated, title=title)


def _document_pager(ctx: Context, key: str) -> Pager:
    doc_id, _ = split_key(key)
    ids = ctx.site.by_document.get(doc_id, ())
    return _pager(f"documents/{doc_id}.md", key, len(ids), claims_size(ctx))


def document_page(ctx: Context, key: str) -> Page:
    """A document's page: front matter and contents here, the body from `document_html`.

    A document quoted by many claims lists them over several pages; its parts and full text are on
    page 1 only (`key`: the document's id, then `/<n>` for page n > 1).
    """
    doc_id, _ = split_key(key)
    check_id(doc_id, "document")
    pager = _document_pager(ctx, key)
    path = pager.path(pager.number)
    doc = ctx.site.content.documents[doc_id]
    n = len(ctx.site.by_document.get(doc_id, ()))
    first = pager.number == 1
    toc = []
    if first and ctx.site.children.get(doc_id):
        toc.append((2, "parts", esc(ctx._("Parts of this document"))))
    toc.append((2, "claims", esc(ctx._("Checked claims"))))
    if first and doc.text and not part_count(ctx, doc_id):
        toc.append((2, "text", esc(ctx._("Full text"))))
    values = {
        "kind": ctx.kind_label(doc.kind),
        "publisher": doc.publisher,
        "date": ctx.date(doc.date),
        "num": n,
    }
    if not n and doc.publisher:
        # A document no claim appears in: its description gives no count ("with 0 checked claims").
        desc = ctx._("%(kind)s published by %(publisher)s on %(date)s.")
    elif not n:
        desc = ctx._("%(kind)s on %(date)s.")
    elif doc.publisher:
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
    title = paged_title(ctx, doc.title, pager)
    meta = ctx.base_meta(title, doc.description or desc[:1].upper() + desc[1:], path)
    return Page(
        path,
        _paged(ctx, meta, pager),
        document_html(ctx, key),
        toc=tuple(toc),
        edit_url=ctx.settings.edit_url(doc.source_path) if doc.source_path else None,
        updated=doc.date,
        title=title,
    )


def document_html(ctx: Context, key: str) -> str:
    """The body of a document's page (`key`: the document's id, then `/<n>` for page n > 1)."""
    doc_id, _ = split_key(key)
    pager = _document_pager(ctx, key)
    root = root_of(pager.path(pager.number))
    site = ctx.site
    content = site.content
    doc = content.documents[doc_id]
    ids = site.by_document.get(doc_id, ())
    first = pager.number == 1
    split = part_count(ctx, doc_id)  # the text's own pages, when it is too long for this one
    text_url = page_url(text_first(doc_id)) if split else f"documents/{doc_id}/#text"
    return ctx.render(
        "document.html",
        doc=doc,
        ids=chunk(ids, pager.number, pager.size),
        total=len(ids),
        counts=ctx.rating_counts(ids),
        pager=pager.links(root),
        author=content.people.get(doc.author) if doc.author else None,
        parent=content.documents.get(doc.part_of) if doc.part_of else None,
        parts=[content.documents[pid] for pid in site.children.get(doc_id, ())] if first else [],
        text=annotated(doc.text, highlights(ctx, doc_id, root), doc.title)
        if first and doc.text and not split
        else None,
        text_elsewhere=bool(doc.text) and (not first or bool(split)),
        text_url=root + text_url,
        edit_url=ctx.settings.edit_url(doc.source_path) if doc.source_path else None,
        root=root,
    )


def text_title(ctx: Context, title: str) -> str:
    # Translators: the title of the pages that hold a long document's full text.
    return ctx._("Full text: %(title)s") % {"title": title}


def document_text_page(ctx: Context, key: str) -> Page:
    """One page of a document's long text (`key`: the document's id, then `/<n>` for part n > 1;
    render/fulltext.py)."""
    doc_id, _ = split_key(key)
    check_id(doc_id, "document")
    doc = ctx.site.content.documents[doc_id]
    pager = _pager(text_first(doc_id), key, part_count(ctx, doc_id), 1)
    path = pager.path(pager.number)
    root = root_of(path)
    title = paged_title(ctx, text_title(ctx, doc.title), pager)
    meta = ctx.base_meta(title, doc.description or title, path)
    links = pager.links(root)
    links["total"] = 0  # parts of a text, not entries of a list: the navigation counts pages only
    html = ctx.render(
        "document_text_page.html",
        doc=doc,
        text=parts(ctx, doc_id, root)[pager.number - 1],
        pager=links,
        root=root,
    )
    return Page(
        path,
        _paged(ctx, meta, pager),
        html,
        edit_url=ctx.settings.edit_url(doc.source_path) if doc.source_path else None,
        updated=doc.date,
        title=title,
    )


def _alphabetical_sources(ctx: Context) -> list[Any]:
    """The site's sources by publisher, then title, alphabetical in the page's language
    (generator.collation); the sources of no known publisher last.

    Publisher by publisher: a collation key is a tuple of a few hundred weights, and the keys of
    every title at once (250,000 sources at 100,000 claims) raised a build's memory by 0.6 GB."""
    language = ctx.settings.language
    groups: dict[str, list[Any]] = {}
    for s in ctx.site.sources:
        groups.setdefault(s.publisher or "", []).append(s)
    out: list[Any] = []
    for publisher in sorted(groups, key=lambda p: (p == "", sort_key(p, language))):
        out += sorted(groups[publisher], key=lambda s: (sort_key(s.title, language), s.url))
    return out


def _sources_by_publisher(
    ctx: Context, sources: Iterable[Any] | None = None
) -> list[tuple[str, str, Any]]:
    """(anchor, publisher's name, source) for every source (the site's unless given), grouped by
    publisher in the order they come in, the sources of no known publisher last."""
    by_publisher: dict[str, list] = {}
    for s in ctx.site.sources if sources is None else sources:
        by_publisher.setdefault(s.publisher or "", []).append(s)
    used: set[str] = set()
    tried: dict[
        str, int
    ] = {}  # anchor -> the last number tried after it: linear however many clash
    flat = []
    for publisher in sorted(by_publisher, key=lambda p: p == ""):
        # Translators: the heading of the sources whose publisher is not known.
        name = publisher or ctx._("Other sources")
        anchor = base = "publisher-" + slugify(name)
        n = tried.get(base, 1)
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        tried[base] = n
        used.add(anchor)
        flat += [(anchor, name, s) for s in by_publisher[publisher]]
    return flat


# Citing claims the sources index shows under each source, newest first. A source cited by more has
# a page of its own listing them all (`source_page`): one source cited by 3,500 claims listed every
# one of them and made the index pass 200 KB (issue #19).
SOURCE_SHOWN = 5
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def source_slug(url: str) -> str:
    """The last part of a source page's address, /sources/<slug>/: the source's host, for a reader,
    then a hash of its URL, so that the address is the same in every build (its title may be edited)
    and no two sources share it (64 bits: no clash expected below billions of sources)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # an address Python cannot split (a bad [IPv6] host): the hash alone
        host = ""
    name = _NOT_SLUG.sub("-", host.lower()).strip("-").removeprefix("www-")[:40].strip("-")
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{name or 'source'}-{digest}"


def has_page(source: Any) -> bool:
    """Whether a source has a page of its own: only one cited by more claims than the index shows,
    so a site whose sources are each cited a few times has the pages it had."""
    return len(source.claim_ids) > SOURCE_SHOWN


def source_url(source: Any) -> str | None:
    """A source page's address relative to the site root, None for a source without one."""
    return f"sources/{source_slug(source.url)}/" if has_page(source) else None


def source_pages(ctx: Context) -> dict[str, Any]:
    """slug -> source, for every source with a page, in the order of `site.sources`."""
    found = ctx.memo.get("source pages")
    if found is None:
        found = ctx.memo["source pages"] = {}
        for s in ctx.site.sources:
            if has_page(s):
                slug = source_slug(s.url)
                if slug in found:
                    raise RenderError(
                        f"sources {found[slug].url} and {s.url} would share the address"
                        f" sources/{slug}/"
                    )
                found[slug] = s
    return found


def _newest_rank(ctx: Context) -> dict[str, int]:
    """claim id -> its place in the list of every claim, newest first."""
    rank = ctx.memo.get("newest rank")
    if rank is None:
        rank = ctx.memo["newest rank"] = {cid: n for n, cid in enumerate(ctx.site.claims_newest)}
    return rank


def newest_citing(ctx: Context, source: Any, limit: int | None = None) -> list[str]:
    """The claims citing a source, newest first (`limit`: only the first so many, in linear time)."""
    rank = _newest_rank(ctx).__getitem__
    if limit is not None and len(source.claim_ids) > limit:
        return heapq.nsmallest(limit, source.claim_ids, key=rank)
    return sorted(source.claim_ids, key=rank)


def sources_page(ctx: Context, key: str = "") -> Page:
    updated = ctx.updated
    flat = ctx.memo.get("sources")
    if flat is None:
        flat = ctx.memo["sources"] = _sources_by_publisher(ctx, _alphabetical_sources(ctx))
    pager = _pager("sources/index.md", key, len(flat), entries_size(ctx))
    groups: list[tuple[str, str, list]] = []
    toc = []
    # source URL -> (the newest claims citing it, shown under it; its page's address or None)
    cited: dict[str, tuple[list[str], str | None]] = {}
    for anchor, name, s in chunk(flat, pager.number, pager.size):
        if not groups or groups[-1][0] != anchor:
            toc.append((2, anchor, esc(name)))
            groups.append((anchor, name, []))
        groups[-1][2].append(s)
        cited[s.url] = (newest_citing(ctx, s, SOURCE_SHOWN), source_url(s))
    desc = ctx._("Every source cited in our fact checks, by publisher.")
    path, meta, html, title = _section_list(
        ctx,
        pager,
        "sources",
        desc,
        "sources.html",
        groups=groups,
        cited=cited,
        total=len(ctx.site.sources),
        titles=_titles(ctx),
        # The label's meaning is said only where a source on the page carries it.
        marked=any(s.primary for _, _, group in groups for s in group),
    )
    return Page(path, meta, html, toc=tuple(toc), updated=updated, title=title)


def _source_of(ctx: Context, key: str) -> tuple[str, Any]:
    slug, _ = split_key(key)
    source = source_pages(ctx).get(slug)
    if source is None:
        raise RenderError(f"no source has a page at sources/{slug}/")
    return slug, source


def source_title(source: Any) -> str:
    """A source page's title: the source's title, cut as a claim's is in lists."""
    return list_title(source.title)


def source_page(ctx: Context, key: str) -> Page:
    """The page of one source cited by many claims: every claim citing it, newest first, in pages
    (`key`: the source's slug, then `/<n>` for page n > 1)."""
    slug, source = _source_of(ctx, key)
    ids = ctx.memo.get(("citing", slug))
    if ids is None:
        ids = ctx.memo[("citing", slug)] = newest_citing(ctx, source)
    pager = _pager(f"sources/{slug}.md", key, len(ids), claims_size(ctx))
    path = pager.path(pager.number)
    root = root_of(path)
    html = ctx.render(
        "source.html",
        source=source,
        ids=chunk(ids, pager.number, pager.size),
        total=len(ids),
        pager=pager.links(root),
        root=root,
    )
    title = paged_title(ctx, source_title(source), pager)
    desc = ctx.ngettext(
        "%(num)d fact check cites this source, newest first.",
        "%(num)d fact checks cite this source, newest first.",
        len(ids),
    ) % {"num": len(ids)}
    meta = ctx.base_meta(title, desc, path)
    # Its first page is titled with the source's title alone: in the source's language, as the
    # link below it is (render/core.heading).
    in_language = ctx.source_language(source.language)
    if in_language and not source.title_is_description and pager.number == 1:
        meta["title_lang"], meta["title_dir"] = in_language["tag"], in_language["dir"]
    return Page(path, _paged(ctx, meta, pager), html, updated=ctx.updated, title=title)


def corrections_pages(ctx: Context, policy: str | None) -> list[Page]:
    """Every page of the corrections list (one unless it is long), first page first."""
    entries = corrections_entries(ctx)
    n = count(len(entries), entries_size(ctx))
    return [
        corrections_page(ctx, policy, "" if i == 1 else f"/{i}", entries) for i in range(1, n + 1)
    ]


def corrections_page(
    ctx: Context, policy: str | None, key: str = "", entries: list[dict] | None = None
) -> Page:
    updated = ctx.updated
    content = ctx.site.content
    if entries is None:
        entries = corrections_entries(ctx)
    pager = _pager("corrections/index.md", key, len(entries), entries_size(ctx))
    path = pager.path(pager.number)
    root = root_of(path)
    html = ctx.render(
        "corrections.html",
        entries=chunk(entries, pager.number, pager.size),
        titles=_titles(ctx),
        rating_labels={r.id: r.label for r in content.ratings.values()},
        policy=policy,
        pager=pager.links(root),
        root=root,
    )
    title = paged_title(ctx, ctx._("Corrections and updates"), pager)
    desc = ctx._("Every correction, update, clarification and retraction to our fact checks.")
    meta = _paged(ctx, ctx.base_meta(title, desc, path), pager)
    return Page(path, meta, html, updated=updated, title=title)


def _busiest(ctx: Context, rows: list[tuple[int, str, str]], n: int = 12) -> list:
    """The `n` rows (claims, name, id) with the most claims, most first and, at equal counts, in
    the alphabetical order of the site's language: by code point, “Émile” came after “Zoe” and
    was the one left out. Only rows that can make the cut get a collation key."""
    if len(rows) > n:
        least = sorted((r[0] for r in rows), reverse=True)[n - 1]
        rows = [r for r in rows if r[0] >= least]
    language = ctx.settings.language
    return sorted(rows, key=lambda r: (-r[0], sort_key(r[1], language), r[2]))[:n]


def home_page(ctx: Context, intro: Markup | None, pages: list[tuple[str, str]]) -> Page:
    updated = ctx.updated
    path = "index.md"
    site = ctx.site
    content = site.content
    corrections = sum(len(v.updates) for v in content.verdicts.values())
    topic_rows = [(len(ids), site.topics[t].label, t) for t, ids in site.by_topic.items() if ids]
    person_rows = [
        (len(ids), content.people[p].name, p)
        for p, ids in site.by_claimant.items()
        if ids and p in content.people
    ]
    html = ctx.render(
        "home.html",
        busiest_topics=_busiest(ctx, topic_rows),
        busiest_people=_busiest(ctx, person_rows),
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
