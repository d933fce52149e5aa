"""Structured data: every claim page's ClaimReview passes a check of Google's required and recommended
properties (https://developers.google.com/search/docs/appearance/structured-data/factcheck), written
here in Python, and agrees with what the page shows. A claim under review carries no ClaimReview.

The rules, from shared/research/fact-check-practice.md §b:
- ClaimReview, REQUIRED: claimReviewed (text, aim < 75 characters), reviewRating, url (the page hosting
  the fact check, on the site's own domain). RECOMMENDED: author (the publisher of the fact check:
  Organization or Person with name and url), itemReviewed (a Claim), datePublished.
- Claim (itemReviewed), RECOMMENDED: author (name required if present; the claimant), datePublished (when
  the claim was made), appearance or firstAppearance (a URL or a CreativeWork with a url).
- Rating (reviewRating): alternateName REQUIRED; bestRating, worstRating (minimum 1, below bestRating)
  and ratingValue (within [worst, best]) RECOMMENDED, and numeric when present.
- At most one ClaimReview per page; the JSON-LD declares the schema.org @context.
"""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from browserkit import goto_path

ORG_TYPES = {"Organization", "Person", "NewsMediaOrganization", "GovernmentOrganization"}


class _PageFacts(HTMLParser):
    """JSON-LD blocks, the canonical link, and the visible text of the h1 and the verdict badge."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.jsonld: list[str] = []
        self.canonical: str | None = None
        self.h1 = ""
        self.badge_label = ""
        self.summary = ""
        self._script = False
        self._buf: list[str] = []
        self._stack: list[tuple[str, str]] = []  # (tag, what it is collecting)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "script" and a.get("type") == "application/ld+json":
            self._script, self._buf = True, []
        elif tag == "link" and "canonical" in (a.get("rel") or "").split():
            self.canonical = a.get("href")
        elif tag == "h1" and not self.h1:
            self._stack.append((tag, "h1"))
        elif (
            "fc-badge__label" in classes
            and not self.badge_label
            and (
                a.get("data-pagefind-filter") == "rating"  # the claim's own badge, wherever it sits
            )
        ):
            self._stack.append((tag, "badge_label"))
        elif "fc-summary" in classes and not self.summary:
            self._stack.append((tag, "summary"))

    def handle_endtag(self, tag):
        if tag == "script" and self._script:
            self._script = False
            self.jsonld.append("".join(self._buf))
        elif self._stack and self._stack[-1][0] == tag:
            self._stack.pop()

    def handle_data(self, data):
        if self._script:
            self._buf.append(data)
        for _, what in self._stack:
            setattr(self, what, getattr(self, what) + data)


def page_facts(html: str) -> _PageFacts:
    parser = _PageFacts()
    parser.feed(html)
    parser.close()
    return parser


def _types(node) -> set[str]:
    t = node.get("@type") if isinstance(node, dict) else None
    return set(t) if isinstance(t, list) else {t} if t else set()


def _nodes(data) -> list[dict]:
    """Every object in a JSON-LD document, flattening lists and @graph."""
    out: list[dict] = []
    stack = [data]
    while stack:
        d = stack.pop()
        if isinstance(d, list):
            stack.extend(d)
        elif isinstance(d, dict):
            out.append(d)
            if "@graph" in d:
                stack.append(d["@graph"])
    return out


def _is_date(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_url(value) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _party(node, where: str, problems: list[str], need_url: bool) -> None:
    for party in node if isinstance(node, list) else [node]:
        if not isinstance(party, dict) or not (_types(party) & ORG_TYPES):
            problems.append(f"{where} must be an Organization or Person, got {party!r}")
            continue
        if not isinstance(party.get("name"), str) or not party["name"].strip():
            problems.append(f"{where}.name is required")
        if need_url and not _is_url(party.get("url")):
            problems.append(f"{where}.url should be the publisher's URL, got {party.get('url')!r}")
        same_as = party.get("sameAs")
        for u in same_as if isinstance(same_as, list) else [same_as] if same_as else []:
            if not _is_url(u):
                problems.append(f"{where}.sameAs {u!r} is not a URL")


def _appearance(node, where: str, problems: list[str]) -> None:
    for work in node if isinstance(node, list) else [node]:
        if isinstance(work, str):
            if not _is_url(work):
                problems.append(f"{where} {work!r} is not a URL")
        elif isinstance(work, dict):
            if not _is_url(work.get("url")):
                problems.append(f"{where} needs a url, got {work.get('url')!r}")
            if "datePublished" in work and not _is_date(work["datePublished"]):
                problems.append(f"{where}.datePublished {work['datePublished']!r} is not a date")
        else:
            problems.append(f"{where} must be a URL or a CreativeWork, got {work!r}")


def check_claim_review(review: dict, page_url: str) -> list[str]:
    """Google's required and recommended ClaimReview properties; returns the problems found."""
    p: list[str] = []
    context = review.get("@context", "")
    if "schema.org" not in (context if isinstance(context, str) else json.dumps(context)):
        p.append(f"@context must be schema.org, got {context!r}")

    claim_reviewed = review.get("claimReviewed")
    if not isinstance(claim_reviewed, str) or not claim_reviewed.strip():
        p.append("claimReviewed (required) is missing or empty")

    url = review.get("url")
    if not _is_url(url):
        p.append(f"url (required) must be an absolute URL, got {url!r}")
    elif page_url and url != page_url:
        p.append(f"url {url!r} is not the page's canonical URL {page_url!r}")

    rating = review.get("reviewRating")
    if not isinstance(rating, dict):
        p.append("reviewRating (required) is missing")
    else:
        if "Rating" not in _types(rating):
            p.append(f"reviewRating.@type must be Rating, got {rating.get('@type')!r}")
        alt = rating.get("alternateName")
        if not isinstance(alt, str) or not alt.strip():
            p.append("reviewRating.alternateName (required) is missing or empty")
        numbers = {k: rating.get(k) for k in ("ratingValue", "bestRating", "worstRating")}
        present = {k: v for k, v in numbers.items() if v is not None}
        if present:
            values = {k: _number(v) for k, v in present.items()}
            for k, v in values.items():
                if v is None:
                    p.append(f"reviewRating.{k} must be a number, got {present[k]!r}")
            if "ratingValue" in present and len(present) < 3:
                p.append("reviewRating.ratingValue needs bestRating and worstRating beside it")
            best, worst, value = (
                values.get(k) for k in ("bestRating", "worstRating", "ratingValue")
            )
            if worst is not None and worst < 1:
                p.append(f"reviewRating.worstRating must be at least 1, got {worst}")
            if worst is not None and best is not None and not worst < best:
                p.append(f"reviewRating.worstRating {worst} must be below bestRating {best}")
            if None not in (value, worst, best) and not worst <= value <= best:
                p.append(f"reviewRating.ratingValue {value} is outside [{worst}, {best}]")

    if "author" not in review:
        p.append("author (recommended: the publisher of the fact check) is missing")
    else:
        _party(review["author"], "author", p, need_url=True)

    if not _is_date(review.get("datePublished")):
        p.append(
            f"datePublished (recommended) is missing or not a date: {review.get('datePublished')!r}"
        )
    if "dateModified" in review and not _is_date(review["dateModified"]):
        p.append(f"dateModified {review['dateModified']!r} is not a date")

    item = review.get("itemReviewed")
    if not isinstance(item, dict):
        p.append("itemReviewed (recommended: a Claim) is missing")
    else:
        if "Claim" not in _types(item):
            p.append(f"itemReviewed.@type should be Claim, got {item.get('@type')!r}")
        if "author" not in item:
            p.append("itemReviewed.author (recommended: who made the claim) is missing")
        else:
            _party(item["author"], "itemReviewed.author", p, need_url=False)
        if not _is_date(item.get("datePublished")):
            p.append(
                f"itemReviewed.datePublished is missing or not a date: {item.get('datePublished')!r}"
            )
        if "appearance" not in item and "firstAppearance" not in item:
            p.append("itemReviewed needs appearance or firstAppearance (recommended)")
        for key in ("appearance", "firstAppearance"):
            if key in item:
                _appearance(item[key], f"itemReviewed.{key}", p)
    return p


def _claim_reviews(html: str) -> tuple[list[dict], _PageFacts]:
    facts = page_facts(html)
    reviews = []
    for block in facts.jsonld:
        data = json.loads(block)  # a block that does not parse fails the test here
        reviews += [n for n in _nodes(data) if "ClaimReview" in _types(n)]
    return reviews, facts


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def test_every_claim_page_has_a_valid_claim_review(site):
    paths = site.claim_paths(with_verdict=True)
    assert paths, "the demo site has no claim with a verdict"
    failures: dict[str, list[str]] = {}
    for path in paths:
        html = site.page_file(path).read_text(encoding="utf-8")
        reviews, facts = _claim_reviews(html)
        if len(reviews) != 1:
            failures[path] = [
                f"{len(reviews)} ClaimReview objects; exactly one belongs on a claim page"
            ]
            continue
        review = reviews[0]
        canonical = facts.canonical or ""
        problems = check_claim_review(review, canonical)
        if not canonical:
            problems.append("the page has no canonical link to compare ClaimReview.url with")
        elif not canonical.rstrip("/").endswith(path.rstrip("/")):
            problems.append(f"canonical URL {canonical!r} is not this page ({path})")
        # The markup must match the page: the verdict it gives is the one the badge shows.
        alt = (review.get("reviewRating") or {}).get("alternateName") or ""
        if _norm(alt) != _norm(facts.badge_label):
            problems.append(
                f"reviewRating.alternateName {alt!r} is not the verdict the page shows "
                f"({facts.badge_label.strip()!r})"
            )
        explanation = (review.get("reviewRating") or {}).get("ratingExplanation")
        if explanation and _norm(explanation) not in _norm(facts.summary):
            problems.append("reviewRating.ratingExplanation is not the summary the page shows")
        if problems:
            failures[path] = problems
    assert not failures, "\n".join(
        f"/{path}:\n  " + "\n  ".join(problems) for path, problems in failures.items()
    )


def test_claim_under_review_has_no_claim_review(unverdicted_site):
    path = unverdicted_site.pages["claim_unverdicted"]
    reviews, _ = _claim_reviews(unverdicted_site.page_file(path).read_text(encoding="utf-8"))
    assert reviews == [], f"/{path} has no verdict but carries a ClaimReview"


def test_claim_review_is_read_by_the_browser(site, page, page_log):
    """The JSON-LD as the browser sees it (not only the file): it parses and is the ClaimReview."""
    goto_path(page, site.pages["claim"])
    blocks = page.eval_on_selector_all(
        "script[type='application/ld+json']", "els => els.map(e => e.textContent)"
    )
    reviews = [n for b in blocks for n in _nodes(json.loads(b)) if "ClaimReview" in _types(n)]
    assert len(reviews) == 1
    assert (
        check_claim_review(reviews[0], page.locator("link[rel=canonical]").get_attribute("href"))
        == []
    )
    page_log.assert_clean(site.pages["claim"])


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        (lambda r: r.pop("claimReviewed"), "claimReviewed (required)"),
        (lambda r: r["reviewRating"].pop("alternateName"), "alternateName (required)"),
        (lambda r: r.pop("url"), "url (required)"),
        (lambda r: r["reviewRating"].update(worstRating=0), "at least 1"),
        (lambda r: r["reviewRating"].update(ratingValue=9), "outside"),
        (lambda r: r["author"].pop("name"), "author.name"),
        (lambda r: r["itemReviewed"]["author"].pop("name"), "itemReviewed.author.name"),
        (lambda r: r["itemReviewed"].pop("firstAppearance"), "appearance or firstAppearance"),
        (lambda r: r.update(datePublished="2024-02-30"), "datePublished"),
    ],
)
def test_checker_catches_broken_claim_reviews(mutation, expected):
    """The checker itself: a good ClaimReview passes and each broken one is caught."""
    good = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://example.org/claims/x/",
        "claimReviewed": "A claim",
        "datePublished": "2024-05-01",
        "author": {"@type": "Organization", "name": "Desk", "url": "https://example.org/"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Someone"},
            "datePublished": "2024-04-01",
            "firstAppearance": {"@type": "CreativeWork", "url": "https://example.com/a"},
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "False",
            "ratingValue": 1,
            "bestRating": 6,
            "worstRating": 1,
        },
    }
    assert check_claim_review(json.loads(json.dumps(good)), "https://example.org/claims/x/") == []
    broken = json.loads(json.dumps(good))
    mutation(broken)
    problems = check_claim_review(broken, "https://example.org/claims/x/")
    assert any(expected in p for p in problems), problems
