"""Real builds of content unlike the demo: a site just started, a scale of named ratings only, a
Snopes-like scale of nine with organisations and viral posts as claimants, documents nobody quoted or
whose text is missing, quotes typed unlike the text, headlines that end in a question mark, sites in
Spanish and French.

Each tree is written here, small, and built by mkdocs with the plugin; what is asserted is what a
reader of the built pages sees.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import MINI, ParsedPage, broken_links, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config


def dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def build_site(tmp: Path, content: Path, language: str | None = None, **options: Any) -> Path:
    """Build `content` with the project's mkdocs.yml; `language` sets theme.language, `options`
    are factcheck plugin options."""
    path = write_config(tmp, content)
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"].update(options)
            if language:
                plugin["factcheck"].pop("locale", None)
    if language:
        config["theme"]["language"] = language
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    loaded = load_config(str(path))
    mkdocs_build(loaded)
    return Path(loaded.site_dir)


def text_of(site: Path, page: str) -> str:
    """The text of a page's article (its body, without the navigation around it)."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    start = html.index("<article")
    return ParsedPage(html[start : html.index("</article>", start)]).text


def new_site(root: Path) -> Path:
    """A site as it stands the day it starts: a rating scale and its pages, no claim yet."""
    content = root / "content"
    shutil.copytree(MINI / "pages", content / "pages")
    shutil.copy(MINI / "ratings.yaml", content / "ratings.yaml")
    return content


def one_claim(content: Path, verdict: bool = True) -> None:
    dump(content / "people" / "p.yaml", {"name": "Pat Example", "kind": "person"})
    dump(
        content / "claims" / "only.yaml",
        {
            "claim": "The only claim.",
            "claimant": "p",
            "date": "2024-02-29",
            "appearances": [{"url": "https://social.example/1"}],
        },
    )
    if verdict:
        dump(
            content / "verdicts" / "only.yaml",
            {
                "claim": "only",
                "rating": "true",
                "summary": "It is.",
                "body": "It is [@a].",
                "sources": [{"id": "a", "title": "A record", "url": "https://a.example/"}],
                "authors": ["p"],
                "published": "2024-03-01",
            },
        )


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("empty")
    return build_site(tmp, new_site(tmp))


def test_a_new_site_says_there_is_nothing_yet_instead_of_counting_zero(empty_site):
    claims = text_of(empty_site, "claims")
    assert "No fact check has been published yet." in claims
    assert "0 claims" not in claims and "0 have" not in claims
    home = text_of(empty_site, ".")
    assert "No fact check has been published yet." in home
    assert "All 0 claims" not in home
    # No rating table without a single row under its header.
    assert 'class="fc-breakdown"' not in (empty_site / "index.html").read_text(encoding="utf-8")
    assert "No people yet." in text_of(empty_site, "people")
    assert "No documents yet." in text_of(empty_site, "documents")
    sources = text_of(empty_site, "sources")
    assert "No sources yet." in sources and "(0)" not in sources
    assert broken_links(empty_site) == []


def test_a_new_site_in_spanish_says_it_in_spanish(tmp_path):
    site = build_site(tmp_path, new_site(tmp_path), language="es")
    assert "Todavía no hay personas." in text_of(site, "people")
    assert "Todavía no hay documentos." in text_of(site, "documents")
    assert "Todavía no hay fuentes." in text_of(site, "sources")


def test_claims_under_review_only_are_not_counted_as_zero_verdicts(tmp_path):
    content = new_site(tmp_path)
    one_claim(content, verdict=False)
    claims = text_of(build_site(tmp_path, content), "claims")
    assert "One claim. It is under review." in claims
    assert "0 have a published verdict" not in claims


def test_a_scale_of_named_ratings_has_no_numbers_on_the_methodology_page(tmp_path):
    content = new_site(tmp_path)
    one_claim(content)
    dump(
        content / "ratings.yaml",
        [
            {"id": "true", "label": "Correct", "description": "It is right."},
            {"id": "false", "label": "Wrong", "description": "It is wrong."},
        ],
    )
    site = build_site(tmp_path, content)
    method = text_of(site, "methodology")
    assert "None" not in method and "= least accurate" not in method
    assert "gives each rating by its name only" in method
    assert "ClaimReview value" not in method
    rating = ParsedPage((site / "claims" / "only" / "index.html").read_text(encoding="utf-8"))
    review = next(d for d in rating.jsonld() if d.get("@type") == "ClaimReview")
    assert review["reviewRating"]["alternateName"] == "Correct"
    assert "ratingValue" not in review["reviewRating"]


def test_a_document_nobody_was_quoted_from_points_out_no_passage(tmp_path):
    content = new_site(tmp_path)
    one_claim(content)
    (content / "documents").mkdir()
    (content / "documents" / "memo.txt").write_text("A memo nobody quoted.\n", encoding="utf-8")
    dump(
        content / "documents" / "memo.yaml",
        {"title": "Internal memo", "kind": "report", "date": "2024-01-05"},
    )
    long_text = "\n\n".join(f"Paragraph {i}. " + "Nobody quoted this. " * 60 for i in range(120))
    (content / "documents" / "report.txt").write_text(long_text, encoding="utf-8")
    dump(
        content / "documents" / "report.yaml",
        {"title": "Long report", "kind": "report", "date": "2024-01-06"},
    )
    site = build_site(tmp_path, content)
    memo = text_of(site, "documents/memo")
    assert "No claim from this document has been checked." in memo
    assert "A memo nobody quoted." in memo
    assert "Checked passages are highlighted" not in memo
    # A text too long for the document's page has pages of its own: they point out nothing either.
    part = text_of(site, "documents/report/text")
    assert "Paragraph 0." in part
    assert "Checked passages are highlighted" not in part
    assert "All checked claims in this document" not in part


def test_a_fact_checkers_list_runs_newest_published_first(tmp_path):
    """The list shows when each fact check was published, so that is its order, whatever the
    dates of the claims themselves."""
    content = new_site(tmp_path)
    dump(content / "people" / "pol.yaml", {"name": "A Politician", "kind": "person"})
    dump(content / "people" / "checker.yaml", {"name": "Dana Checker", "kind": "person"})
    dates = {  # claim id: (said on, verdict published)
        "early-claim": ("2023-12-01", "2024-04-01"),
        "mid-claim": ("2024-01-01", "2024-03-01"),
        "late-claim": ("2024-02-01", "2024-02-05"),
    }
    for cid, (said, published) in dates.items():
        dump(
            content / "claims" / f"{cid}.yaml",
            {
                "claim": f"The {cid.replace('-', ' ')}.",
                "claimant": "pol",
                "date": said,
                "appearances": [{"url": f"https://social.example/{cid}"}],
            },
        )
        dump(
            content / "verdicts" / f"{cid}.yaml",
            {
                "claim": cid,
                "rating": "false",
                "summary": "No.",
                "body": "No [@a].",
                "sources": [{"id": "a", "title": "A record", "url": "https://a.example/"}],
                "authors": ["checker"],
                "published": published,
            },
        )
    page = text_of(build_site(tmp_path, content), "people/checker")
    shown = [page.index(f"Checked, {day}") for day in ("1 April", "1 March", "5 February")]
    assert shown == sorted(shown), page


def test_the_home_pages_busiest_people_are_in_alphabetical_order(tmp_path):
    """At equal counts the chips follow the language's alphabet: by code point “Émile” came after
    “Zoé”, and with more than twelve people it was the one left off."""
    content = new_site(tmp_path)
    names = ["Zoé Martin", "Émile Durand", "Adèle Petit", "Bruno Roux"]
    for i, name in enumerate(names):
        dump(content / "people" / f"p{i}.yaml", {"name": name, "kind": "person"})
        dump(
            content / "claims" / f"claim-{i}.yaml",
            {
                "claim": f"Claim {i}.",
                "claimant": f"p{i}",
                "date": "2024-01-01",
                "appearances": [{"url": f"https://social.example/{i}"}],
            },
        )
    home = text_of(build_site(tmp_path, content, language="fr"), ".")
    shown = [home.index(f"{name} (1 affirmation)") for name in sorted(names, key=_french)]
    assert shown == sorted(shown), home


def _french(name: str) -> str:
    return name.replace("É", "E").replace("è", "e").replace("é", "e")


def test_a_source_whose_headline_ends_a_sentence_gets_no_second_full_stop(tmp_path):
    content = new_site(tmp_path)
    one_claim(content)
    verdict = yaml.safe_load((content / "verdicts" / "only.yaml").read_text(encoding="utf-8"))
    verdict["body"] = "It is [@a], as [@b] and [@c] say."
    verdict["sources"] += [
        {"id": "b", "title": "Is coffee good for you?", "url": "https://b.example/"},
        {
            "id": "c",
            "title": "Annual report",
            "publisher": "Acme Inc.",
            "url": "https://c.example/",
        },
    ]
    dump(content / "verdicts" / "only.yaml", verdict)
    page = text_of(build_site(tmp_path, content), "claims/only")
    assert "Is coffee good for you? ↩︎" in page and "?." not in page
    assert "Annual report, Acme Inc. ↩︎" in page and "Inc.." not in page
    assert "A record. ↩︎" in page


def quoted_claims(content: Path, doc: str, quotes: dict[str, str]) -> None:
    dump(content / "people" / "p.yaml", {"name": "Pat Example", "kind": "person"})
    for cid, quote in quotes.items():
        dump(
            content / "claims" / f"{cid}.yaml",
            {
                "claim": f"The claim {cid}.",
                "claimant": "p",
                "date": "2024-01-01",
                "appearances": [{"document": doc, "quote": quote}],
            },
        )


def test_a_documents_claims_run_in_the_order_of_its_text_however_the_quotes_are_typed(tmp_path):
    """The validator accepts a quote typed with straight quotes or across a line break; the
    document's list found it nowhere and put its claim last."""
    content = new_site(tmp_path)
    (content / "documents").mkdir()
    (content / "documents" / "speech.txt").write_text(
        "\u201cTaxes went down\u201d, she began. Then: prices rose by half,\nand wages stayed flat.\n"
        "Finally, crime fell.\n",
        encoding="utf-8",
    )
    dump(
        content / "documents" / "speech.yaml",
        {"title": "A speech", "kind": "speech", "date": "2024-01-01"},
    )
    quoted_claims(
        content,
        "speech",
        {
            "a-taxes": '"Taxes went down"',
            "b-prices": "prices rose by half, and wages stayed flat",
            "c-crime": "crime fell",
        },
    )
    page = text_of(build_site(tmp_path, content), "documents/speech")
    assert "In the order they appear in the document." in page
    shown = [page.index(f"The claim {cid}.") for cid in ("a-taxes", "b-prices", "c-crime")]
    assert shown == sorted(shown), page


def test_a_document_without_its_text_claims_no_order(tmp_path):
    content = new_site(tmp_path)
    dump(
        content / "documents" / "lost.yaml",
        {"title": "A lost broadcast", "kind": "video", "date": "2024-01-01"},
    )
    quoted_claims(content, "lost", {"one": "first words", "two": "second words"})
    page = text_of(build_site(tmp_path, content), "documents/lost")
    assert "The claim one." in page and "The claim two." in page
    assert "In the order they appear" not in page


SNOPES_SCALE = [
    ("true", "True", 5, "✔"),
    ("mostly-true", "Mostly true", 4, "✔"),
    ("mixture", "Mixture", 3, "◐"),
    ("mostly-false", "Mostly false", 2, "✘"),
    ("false", "False", 1, "✘"),
    ("unproven", "Unproven", None, "?"),
    ("satire", "Satire", None, "☺"),
    ("outdated", "Outdated", None, "⌛"),
    ("miscaptioned", "Miscaptioned", None, "!"),
]


def snopes_like(root: Path) -> Path:
    """Nine ratings (four without a number), viral posts and an agency as claimants, topics in
    four scripts, one claim in five posts, a retraction and a claim under review."""
    content = new_site(root)
    dump(
        content / "ratings.yaml",
        [
            {
                "id": rid,
                "label": label,
                **({"value": value} if value is not None else {}),
                "icon": icon,
                "description": f"What {label.lower()} means.",
            }
            for rid, label, value, icon in SNOPES_SCALE
        ],
    )
    dump(
        content / "topics.yaml",
        [
            {"id": "sante", "label": "Santé publique"},
            {"id": "ukraina", "label": "Україна"},
            {"id": "zhengzhi", "label": "政治"},
            {"id": "siyasa", "label": "السياسة"},
        ],
    )
    people = {
        "viral-posts": {"name": "Viral Facebook posts", "kind": "organization"},
        "anonymous": {"name": "Anonymous", "kind": "person"},
        "agency": {"name": "Health Agency", "kind": "organization"},
        "checker": {"name": "Dana Checker", "kind": "person"},
    }
    for pid, person in people.items():
        dump(content / "people" / f"{pid}.yaml", person)
    for i in range(5):
        (content / "documents" / f"post-{i}.txt").parent.mkdir(parents=True, exist_ok=True)
        (content / "documents" / f"post-{i}.txt").write_text(
            f"Shared again. Vaccines contain microchips, copy {i}.\n", encoding="utf-8"
        )
        dump(
            content / "documents" / f"post-{i}.yaml",
            {"title": f"Post {i}", "kind": "social-post", "date": f"2020-01-0{i + 1}"},
        )
    claimants = ["viral-posts", "anonymous", "agency"]
    for k, (rid, _label, _value, _icon) in enumerate([*SNOPES_SCALE, ("", "", None, "")]):
        cid = f"claim-{k}"
        appearances = (
            [
                {"document": f"post-{i}", "quote": f"Vaccines contain microchips, copy {i}"}
                for i in range(5)
            ]
            if k == 0
            else [{"url": f"https://social.example/{k}"}]
        )
        dump(
            content / "claims" / f"{cid}.yaml",
            {
                "claim": f"Claim number {k} as it was made.",
                "title": f"Claim number {k}",
                "claimant": claimants[k % 3],
                "date": ["1995-01-01", "2020-05-05"][k % 2],
                "appearances": appearances,
                "topics": [["sante", "zhengzhi"], ["ukraina", "siyasa"]][k % 2],
            },
        )
        if not rid:
            continue  # the last claim is under review
        verdict: dict[str, Any] = {
            "claim": cid,
            "rating": rid,
            "summary": f"What we found about claim {k}.",
            "body": f"Checked against the record [@s{k}].",
            "sources": [{"id": f"s{k}", "title": f"Record {k}", "url": f"https://r.example/{k}"}],
            "authors": ["checker"],
            "published": "2020-10-10",
        }
        if rid == "mostly-false":
            verdict["updates"] = [
                {"date": "2020-11-01", "type": "retraction", "note": "We withdrew this."}
            ]
        dump(content / "verdicts" / f"{cid}.yaml", verdict)
    return content


@pytest.fixture(scope="module")
def snopes_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("snopes")
    return build_site(tmp, snopes_like(tmp))


def test_a_nine_rating_scale_site_links_everywhere_it_says(snopes_site):
    assert broken_links(snopes_site) == []


def test_claimreview_says_what_each_claim_page_says(snopes_site):
    values = {label: value for _rid, label, value, _icon in SNOPES_SCALE}
    for k, (rid, label, value, _icon) in enumerate(SNOPES_SCALE):
        page = ParsedPage(
            (snopes_site / "claims" / f"claim-{k}" / "index.html").read_text(encoding="utf-8")
        )
        reviews = [d for d in page.jsonld() if d.get("@type") == "ClaimReview"]
        if rid == "mostly-false":  # retracted: no verdict stands, so no ClaimReview
            assert reviews == [] and "This fact check was retracted" in page.text
            continue
        (review,) = reviews
        rating = review["reviewRating"]
        assert rating["alternateName"] == label and f"Rating: {_icon} {label}" in page.text
        if value is None:
            assert "ratingValue" not in rating
        else:
            assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (
                values[label],
                5,
                1,
            )


def test_one_claim_in_five_documents_is_listed_on_each(snopes_site):
    claim = text_of(snopes_site, "claims/claim-0")
    for i in range(5):
        assert f"Post {i}" in claim
        assert "Claim number 0" in text_of(snopes_site, f"documents/post-{i}")


def test_topics_in_other_scripts_are_listed_with_their_counts(snopes_site):
    topics = text_of(snopes_site, "topics")
    for label in ("Santé publique", "Україна", "政治", "السياسة"):
        assert label in topics
    assert "政治 (5 claims)" in topics and "Україна (5 claims)" in topics
