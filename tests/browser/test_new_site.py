"""A newsroom's first day, as it would go: the wheel installed into a fresh virtual environment,
`factcheck init` in Spanish and in Arabic, a few claims written in that language, a build, and the
site read in Chromium: ClaimReview on every claim page, a search box that finds the claims and
answers in the site's language, dates as that language writes them, Arabic right to left.

The wheel, not this source tree, makes the sites: the starter files, templates and catalogs must be
in the package. Installing needs the package registry (CI has it); FACTCHECK_OFFLINE=1 skips.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import serve

REPO = Path(__file__).resolve().parents[2]
URL = "https://facts.example.org/"

# Per language: a person, two claims with verdicts (rating ids are the starter scale's: ASCII
# slugs, the same in every language; their labels are translated), what the claim page must say (the date in
# CLDR's long form), and a word to search for.
SITES = {
    "es": {
        "person": ("ana-lopez", "Ana López", "Senadora"),
        "claims": [
            (
                "desempleo-se-duplico",
                "El desempleo se duplicó entre 2022 y 2025.",
                "false",
                "El desempleo pasó del 5,1 % al 5,4 %: subió, pero no se duplicó.",
            ),
            (
                "exportaciones-record",
                "Las exportaciones alcanzaron un récord en 2024.",
                "true",
                "Las cifras de aduanas muestran el valor más alto de la serie.",
            ),
        ],
        "date": "1 de marzo de 2025",
        "search": "desempleo",
    },
    "ar": {
        "person": ("salim-haddad", "سليم حداد", "وزير الاقتصاد"),
        "claims": [
            (
                "tadaaf-albataala",
                "تضاعفت البطالة بين عامي 2022 و2025.",
                "false",
                "ارتفعت البطالة من 5.1 في المئة إلى 5.4 في المئة، لكنها لم تتضاعف.",
            ),
            (
                "sadirat-qiyasiya",
                "بلغت الصادرات مستوى قياسيًا في عام 2024.",
                "true",
                "تظهر بيانات الجمارك أعلى قيمة في السلسلة.",
            ),
        ],
        "date": "2025",
        "search": "البطالة",
    },
}


def _run(cmd: list, **kw) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    assert done.returncode == 0, f"{cmd}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _ratings(site: Path) -> list[str]:
    import yaml

    rows = yaml.safe_load((site / "content/ratings.yaml").read_text("utf-8"))
    return [str(r["id"]).lower() for r in rows]  # PyYAML reads `true` as a boolean; we do not


def _write_claims(site: Path, spec: dict) -> None:
    """Claims, verdicts and a person written in the site's language, as a contributor would."""
    person_id, name, role = spec["person"]
    content = site / "content"
    (content / "people" / f"{person_id}.yaml").write_text(
        f'name: "{name}"\nkind: person\ndescription: "{role}"\n', encoding="utf-8"
    )
    ids = _ratings(site)
    for claim_id, claim, rating, summary in spec["claims"]:
        assert rating in ids, f"{rating} is not in the starter scale {ids}"
        (content / "claims" / f"{claim_id}.yaml").write_text(
            textwrap.dedent(
                f"""\
                claim: "{claim}"
                claimant: {person_id}
                date: 2025-03-01
                appearances:
                  - url: "https://example.org/{claim_id}"
                    title: "{claim}"
                """
            ),
            encoding="utf-8",
        )
        (content / "verdicts" / f"{claim_id}.yaml").write_text(
            textwrap.dedent(
                f"""\
                claim: {claim_id}
                rating: {rating}
                summary: "{summary}"
                body: "{summary} [@datos]"
                sources:
                  - id: datos
                    title: "Datos oficiales"
                    publisher: "Oficina de estadística"
                    url: "https://data.example.org/{claim_id}"
                authors:
                  - {person_id}
                published: 2025-03-10
                """
            ),
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def new_sites(tmp_path_factory) -> Iterator[dict[str, str]]:
    if os.environ.get("FACTCHECK_OFFLINE"):
        pytest.skip("FACTCHECK_OFFLINE: installing the wheel needs the package registry")
    tmp = tmp_path_factory.mktemp("new-sites")
    wheels = tmp / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, REPO])
    (wheel,) = wheels.glob("factcheck_publisher-*.whl")
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", venv])
    _run([venv / "bin/pip", "install", "-q", "-c", REPO / "constraints.txt", wheel])
    factcheck = venv / "bin/factcheck"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    roots = {}
    for lang, spec in SITES.items():
        site = tmp / lang
        _run([factcheck, "init", site, "--name", "Desk", "--url", URL, "--language", lang], env=env)
        _write_claims(site, spec)
        _run([factcheck, "validate"], cwd=site, env=env)
        _run([factcheck, "build"], cwd=site, env=env)
        roots[lang] = site / "site"
    with serve(roots["es"]) as es, serve(roots["ar"]) as ar:
        yield {"es": es.rstrip("/"), "ar": ar.rstrip("/")}


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_a_new_site_from_the_wheel_reads_in_its_language(new_sites, make_page, lang):
    spec = SITES[lang]
    base = new_sites[lang]
    page, log = make_page(base, viewport={"width": 375, "height": 667})
    for claim_id, claim, _rating, summary in spec["claims"]:
        page.goto(f"{base}/claims/{claim_id}/")
        html = page.locator("html")
        assert html.get_attribute("lang") == lang
        # Material marks the direction on <body> (from its own language file); the text runs so.
        direction = page.evaluate(
            "() => getComputedStyle(document.querySelector('article.fc-claim')).direction"
        )
        assert direction == ("rtl" if lang == "ar" else "ltr")
        article = page.locator("article.fc-claim").inner_text()
        assert claim in article and summary in article
        assert spec["date"] in article
        # No English month name anywhere on the page.
        assert not re.search(r"\b(January|February|March|April|May|June)\b", article)
        blocks = page.locator('script[type="application/ld+json"]').all_text_contents()
        reviews = [json.loads(b) for b in blocks if '"ClaimReview"' in b]
        assert len(reviews) == 1
        assert reviews[0]["claimReviewed"] == claim
        assert reviews[0]["inLanguage"] == lang
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{claim_id}: {overflow}px wider than the phone"
    # The search box finds a claim by a word in the site's language.
    page.goto(f"{base}/")
    box = page.locator(".fc-search__input").first
    box.fill(spec["search"])
    result = page.locator(".fc-search__result a").first
    result.wait_for(timeout=20_000)
    assert "/claims/" in (result.get_attribute("href") or "")
    status = page.locator(".fc-search__status").inner_text()
    assert status and "found" not in status and "claim" not in status.lower(), status
    log.assert_clean(f"new {lang} site")
