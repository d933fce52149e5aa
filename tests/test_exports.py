"""Open-data exports against the content they come from, item by item.

Content is read with the real loader and validator (`read_content`): the demo tree in content/, a
synthetic tree from benchmarks/synth.py, and a small tree written here with the awkward cases (a claim
under review, a corrected verdict, a non-ordinal rating, markup and spreadsheet formulas in text).
"""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from pathlib import Path

import pytest

from generator import discovery, exports
from generator.link import link
from generator.output import write_files
from generator.settings import Settings
from generator.streams import whole
from generator.validate import read_content
from tests.factories import synthetic_content

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = Settings(site_url="https://facts.example.org/", license_url="https://example.org/lic")

RATINGS = """\
- id: true
  label: "True"
  value: 2
  color: "#1a7f37"
  description: "Accurate."
- id: false
  label: "False"
  value: 1
  color: "#b91c1c"
  description: "Not accurate."
- id: unproven
  label: "Unproven"
  description: "Unsettled."
"""

FILES = {
    "ratings.yaml": RATINGS,
    "topics.yaml": '- id: economy\n  label: "Economy & jobs"\n- id: war\n  label: "War"\n',
    "people/ann.yaml": 'name: "Ann Checker"\nkind: person\n',
    "people/eve.yaml": 'name: "Eve Editor"\nkind: person\n',
    "people/bob.yaml": (
        'name: "=Bob | Speaker"\nkind: person\nsame_as:\n  - https://www.wikidata.org/wiki/Q1\n'
    ),
    "documents/speech.yaml": (
        'title: "A speech; with <b>markup</b>"\nkind: speech\ndate: 2024-01-02\n'
        "url: https://example.org/speech\npublisher: Hall\n"
    ),
    "documents/speech.txt": "Friends, prices fell by half last year. Thank you.\n",
    "claims/prices-fell.yaml": (
        'claim: "Prices fell by half last year."\nclaimant: bob\ndate: 2024-01-02\n'
        "appearances:\n  - document: speech\n    quote: prices fell by half last year\n"
        "  - url: https://news.example.org/a\n    title: Report\n"
        "topics: [economy]\nrelated: [troops]\n"
    ),
    "claims/troops.yaml": (
        'claim: "+5,000 troops <script>alert(1)</script> crossed & stayed, \\"officially\\"."\n'
        'title: "Troops crossed the border"\nclaimant: bob\ndate: 2024-06-01\nlanguage: de\n'
        "appearances:\n  - url: https://news.example.org/b\n"
        "topics: [war, economy]\n"
    ),
    "claims/unknown.yaml": (
        'claim: "Nobody can know this."\nclaimant: bob\ndate: 2024-03-01\n'
        "appearances:\n  - url: https://news.example.org/c\n"
    ),
    "claims/pending.yaml": (
        'claim: "Still being checked."\nclaimant: bob\ndate: 2024-07-01\n'
        "appearances:\n  - url: https://news.example.org/d\n"
    ),
    "verdicts/prices-fell.yaml": (
        "claim: prices-fell\nrating: false\n"
        'summary: "-They rose by 3%, says the statistics office."\n'
        "body: |\n  The office says so [@stats]. See [[troops]].\n"
        "sources:\n  - id: stats\n    title: Prices\n    url: https://stats.example.org/p\n"
        "    archive_url: https://web.archive.org/web/2024/https://stats.example.org/p\n"
        "    primary: true\n"
        "authors: [ann]\nreviewers: [eve]\npublished: 2024-01-10\n"
        "updates:\n  - date: 2024-02-01\n    type: correction\n"
        "    note: We misread a table.\n    previous_rating: true\n"
    ),
    "verdicts/troops.yaml": (
        "claim: troops\nrating: true\n"
        'summary: "Confirmed by <two> sources & maps."\n'
        "body: |\n  Maps [@maps] and a report [@rep].\n"
        "sources:\n  - id: maps\n    title: Maps\n    url: https://maps.example.org/x\n"
        "  - id: rep\n    title: Report\n    url: https://rep.example.org/y\n"
        "authors: [ann, eve]\npublished: 2024-06-03\n"
    ),
    "verdicts/unknown.yaml": (
        "claim: unknown\nrating: unproven\n"
        'summary: "No data either way."\n'
        "body: |\n  Nothing [@none].\n"
        "sources:\n  - id: none\n    title: Nothing\n    url: https://none.example.org/\n"
        "authors: [ann]\npublished: 2024-03-02\n"
    ),
}


def write_tree(root: Path) -> Path:
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "pages").mkdir(exist_ok=True)
    return root


def _synth(root: Path) -> Path:
    return synthetic_content(root, 60, seed=7)


@pytest.fixture(scope="module", params=["small", "synthetic", "demo"])
def loaded(request, tmp_path_factory):
    if request.param == "demo":
        root = ROOT / "content"
    else:
        root = tmp_path_factory.mktemp(request.param) / "content"
        root.mkdir()
        (write_tree if request.param == "small" else _synth)(root)
    content, problems = read_content(root)
    errors = [p for p in problems if p.severity == "error"]
    assert content is not None and not errors, f"{root} does not validate: {errors[:5]}"
    site = link(content)
    files = _text(whole(discovery.extra_files(site, SETTINGS)))
    return request.param, site, files


def _text(files):
    """The files as a reader opens them: text files as text, gzip files as bytes."""
    return {
        p: d.decode("utf-8") if isinstance(d, bytes) and not p.endswith(".gz") else d
        for p, d in files.items()
    }


def _split(cell: str) -> list[str]:
    return cell.split(exports.LIST_SEPARATOR) if cell else []


def _unformula(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@") else cell


def test_every_claim_is_exported_with_its_fields(loaded):
    _, site, files = loaded
    c = site.content
    data = json.loads(files["data/claims.json"])
    records = {r["id"]: r for r in data["claims"]}
    assert len(records) == len(data["claims"]) == len(c.claims)
    assert list(records) == list(site.claims_newest)
    for cid, claim in c.claims.items():
        r = records[cid]
        assert r["url"] == SETTINGS.url(f"claims/{cid}/")
        assert r["claim"] == claim.claim
        assert r["title"] == claim.title
        assert r["claimant"]["id"] == claim.claimant
        assert r["claimant"]["name"] == c.people[claim.claimant].name
        assert r["claimant"]["same_as"] == list(c.people[claim.claimant].same_as)
        assert r["claim_date"] == claim.date.isoformat()
        assert r["language"] == (claim.language or SETTINGS.language)
        assert [t["id"] for t in r["topics"]] == list(claim.topics)
        assert [t["label"] for t in r["topics"]] == [site.topics[t].label for t in claim.topics]
        assert r["related"] == list(claim.related)
        assert len(r["appearances"]) == len(claim.appearances)
        for got, a in zip(r["appearances"], claim.appearances, strict=True):
            assert (got["document"], got["quote"], got["url"]) == (a.document, a.quote, a.url)
            assert (got["archive_url"], got["title"]) == (a.archive_url, a.title)
        docs = list(dict.fromkeys(a.document for a in claim.appearances if a.document))
        assert [d["id"] for d in r["documents"]] == docs
        assert [d["title"] for d in r["documents"]] == [c.documents[d].title for d in docs]
        assert r["content_files"]["claim"] == (claim.source_path or None)

        v = c.verdicts.get(cid)
        if v is None:
            assert r["status"] == "under-review"
            assert r["rating"] is None and r["summary"] is None and r["sources"] == []
            continue
        rating = c.ratings[v.rating]
        assert r["status"] == "published"
        assert r["rating"] == {"id": rating.id, "label": rating.label, "value": rating.value}
        assert r["summary"] == v.summary
        assert r["body"] == v.body
        assert r["published"] == v.published.isoformat()
        assert r["modified"] == v.modified.isoformat()
        assert [a["id"] for a in r["authors"]] == list(v.authors)
        assert [a["name"] for a in r["authors"]] == [c.people[p].name for p in v.authors]
        assert [a["id"] for a in r["reviewers"]] == list(v.reviewers)
        assert [s["url"] for s in r["sources"]] == [s.url for s in v.sources]
        for got, s in zip(r["sources"], v.sources, strict=True):
            assert (got["id"], got["title"], got["publisher"]) == (s.id, s.title, s.publisher)
            assert (got["archive_url"], got["primary"]) == (s.archive_url, s.primary)
        assert [(u["date"], u["type"], u["note"], u["previous_rating"]) for u in r["updates"]] == [
            (u.date.isoformat(), u.type, u.note, u.previous_rating) for u in v.updates
        ]


def test_claims_json_carries_licence_and_scale(loaded):
    _, site, files = loaded
    data = json.loads(files["data/claims.json"])
    assert data["format"] == exports.FORMAT_VERSION
    assert data["license"]["url"] == SETTINGS.license_url
    assert [r["id"] for r in data["ratings"]] == sorted(
        site.content.ratings, key=lambda r: site.content.ratings[r].order
    )


def test_csv_has_documented_columns_and_one_row_per_claim(loaded):
    _, site, files = loaded
    c = site.content
    text = files["data/claims.csv"]
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert text.splitlines()[0].split(",") == list(exports.CSV_COLUMNS)
    assert [r["id"] for r in rows] == list(site.claims_newest)
    for row in rows:
        cid = row["id"]
        claim = c.claims[cid]
        v = c.verdicts.get(cid)
        assert row["url"] == SETTINGS.url(f"claims/{cid}/")
        assert _unformula(row["claim"]) == claim.claim
        assert row["title"] == (claim.title or "")
        assert row["claimant_id"] == claim.claimant
        assert _unformula(row["claimant_name"]) == c.people[claim.claimant].name
        assert row["claim_date"] == claim.date.isoformat()
        assert _split(row["topic_ids"]) == list(claim.topics)
        docs = list(dict.fromkeys(a.document for a in claim.appearances if a.document))
        assert _split(row["document_ids"]) == docs
        assert _unformula(row["document_titles"]) == exports.LIST_SEPARATOR.join(
            c.documents[d].title for d in docs
        )
        for a in claim.appearances:
            url = a.url or (c.documents[a.document].url if a.document else None)
            if url:
                assert url in _split(row["appearance_urls"])
        if v is None:
            assert row["status"] == "under-review"
            assert row["rating_id"] == row["summary"] == row["published"] == ""
            continue
        rating = c.ratings[v.rating]
        assert row["status"] == "published"
        assert (row["rating_id"], row["rating_label"]) == (rating.id, rating.label)
        assert row["rating_value"] == ("" if rating.value is None else str(rating.value))
        assert _unformula(row["summary"]) == v.summary
        assert row["published"] == v.published.isoformat()
        assert row["modified"] == v.modified.isoformat()
        assert row["update_count"] == str(len(v.updates))
        assert _split(row["update_types"]) == [u.type for u in v.updates]
        assert _split(row["author_ids"]) == list(v.authors)
        assert _split(row["reviewer_ids"]) == list(v.reviewers)
        assert _split(row["source_urls"]) == [s.url for s in v.sources]


def test_csv_defuses_spreadsheet_formulas_only_in_free_text(tmp_path):
    site = link(read_content(write_tree(tmp_path))[0])
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(exports.claims_csv(site, SETTINGS)))}
    assert rows["troops"]["claim"].startswith("'+5,000 troops <script>")
    assert rows["prices-fell"]["summary"] == "'-They rose by 3%, says the statistics office."
    assert rows["prices-fell"]["claimant_name"] == "'=Bob | Speaker"
    assert rows["prices-fell"]["claimant_id"] == "bob"
    # claims.json keeps the exact text
    data = json.loads(exports.claims_json(site, SETTINGS))
    assert next(r for r in data["claims"] if r["id"] == "troops")["claim"].startswith("+5,000")


def test_small_tree_specifics(tmp_path):
    site = link(read_content(write_tree(tmp_path))[0])
    data = {r["id"]: r for r in json.loads(exports.claims_json(site, SETTINGS))["claims"]}
    assert data["prices-fell"]["modified"] == "2024-02-01"  # the correction
    assert data["prices-fell"]["documents"][0]["url"] == "https://example.org/speech"
    assert data["unknown"]["rating"] == {"id": "unproven", "label": "Unproven", "value": None}
    assert data["pending"]["status"] == "under-review"
    assert data["troops"]["language"] == "de"
    row = next(csv.DictReader(io.StringIO(exports.claims_csv(site, SETTINGS))))
    assert row["id"] == "pending"  # newest claim first


def test_claimreview_datafeed(loaded):
    _, site, files = loaded
    feed = json.loads(files["data/claimreview.json"])
    assert feed["@context"] == "https://schema.org"
    assert feed["@type"] == "DataFeed"
    elements = feed["dataFeedElement"]
    with_verdict = [cid for cid in site.claims_newest if cid in site.content.verdicts]
    assert sorted(e["url"] for e in elements) == sorted(
        SETTINGS.url(f"claims/{cid}/") for cid in with_verdict
    )
    for e in elements:
        assert e["@type"] == "ClaimReview"
        assert e["sdLicense"] == SETTINGS.license_url
        assert e["sdPublisher"]["name"] == SETTINGS.organization_name
        cid = e["url"].rstrip("/").rsplit("/", 1)[1]
        page_review = discovery.claimreview(site, SETTINGS, cid)
        assert {k: v for k, v in e.items() if k not in ("sdLicense", "sdPublisher")} == page_review
        assert e["reviewRating"]["alternateName"] == (
            site.content.ratings[site.content.verdicts[cid].rating].label
        )


def test_exports_are_deterministic(tmp_path):
    a = whole(discovery.extra_files(link(read_content(write_tree(tmp_path / "a"))[0]), SETTINGS))
    b = whole(discovery.extra_files(link(read_content(write_tree(tmp_path / "b"))[0]), SETTINGS))
    assert a == b


def test_columns_table_lists_every_column():
    table = exports.columns_markdown()
    for name in exports.CSV_COLUMNS:
        assert f"| `{name}` |" in table


def test_gzipped_json_lines_hold_the_same_records(loaded):
    """claims.jsonl.gz, claims.csv.gz and claimreview.jsonl.gz: the big files, streamable."""
    import gzip

    _, _, files = loaded
    whole = json.loads(files[exports.CLAIMS_JSON])
    lines = gzip.decompress(files[exports.CLAIMS_JSONL_GZ]).decode("utf-8").splitlines()
    header = json.loads(lines[0])
    assert header == {k: v for k, v in whole.items() if k != "claims"}
    assert [json.loads(line) for line in lines[1:]] == whole["claims"]
    assert (
        gzip.decompress(files[exports.CLAIMS_CSV_GZ]).decode("utf-8") == files[exports.CLAIMS_CSV]
    )
    feed = json.loads(files[exports.CLAIMREVIEW_JSON])
    reviews = gzip.decompress(files[exports.CLAIMREVIEW_JSONL_GZ]).decode("utf-8").splitlines()
    assert [json.loads(line) for line in reviews] == feed["dataFeedElement"]
    # No timestamp in the gzip header: the same content gives the same bytes on any machine.
    assert all(files[p][4:8] == b"\0\0\0\0" for p in files if p.endswith(".gz"))


def test_data_files_are_written_while_they_are_made(tmp_path):
    """At 100,000 claims the exports are ~700 MB: writing them must not hold them whole."""
    content, _ = read_content(synthetic_content(tmp_path / "content", 1000, seed=3))
    data = {
        p: f
        for p, f in discovery.extra_files(link(content), SETTINGS).items()
        if p.startswith("data/")
    }
    tracemalloc.start()
    try:
        write_files(tmp_path / "site", data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    on_disk = {p: (tmp_path / "site" / p).read_bytes() for p in data}
    size = sum(len(b) for b in on_disk.values())
    assert size > 4_000_000
    assert peak < size / 4, f"writing {size:,} bytes of exports held {peak:,} bytes"
    assert on_disk == whole(data)  # the same bytes as made in one piece
    assert (
        json.loads(on_disk[exports.CLAIMS_JSON])["claims"][0]["id"]
        == link(content).claims_newest[0]
    )


def test_the_readme_lists_the_columns_as_the_code_does():
    """The README's column table is what a data user reads: every column, in the file's order."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert exports.columns_markdown().strip() in readme
