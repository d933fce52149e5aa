"""What a screen reader says on a claim page, its embeddable card and a long list's page numbers
(Chromium's accessibility tree, through Playwright): a citation "[1]" names the source it leads to,
the card has a main landmark and a level-1 heading, and a page number says "Page 3". In English (the
demo content) and in Arabic (a site from `factcheck init --language ar`).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from browserkit import CONTENT, MKDOCS_YML, ROOT, goto_path, run_axe, serve
from playwright.sync_api import expect

DEMO_CLAIM = "kpa-troops-were-not-combatants"
AR_CLAIMS = ("ar-claim-one", "ar-claim-two", "ar-claim-three")
AR_SOURCE = "تقرير وزارة الاقتصاد عن الأسعار"


def _build(content: Path, config: Path, out: Path) -> None:
    cmd = [sys.executable, "-m", "generator.cli", "build", "--content", str(content)]
    cmd += ["--config", str(config), "--out", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def _one_entry_a_page(config: Path, out: Path) -> None:
    """A copy of `config` with one claim a list page, so a few claims make a long list."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"]["page_size"] = 1
            plugin["factcheck"]["content_dir"] = str(config.parent / "content")
    if "docs_dir" in data:
        data["docs_dir"] = str(config.parent / data["docs_dir"])
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _arabic_content(content: Path) -> None:
    """Three checked claims, each citing two sources, written in a fresh Arabic site."""
    (content / "people" / "ar-minister.yaml").write_text(
        'name: "وزير المالية"\nkind: person\n', encoding="utf-8"
    )
    for n, claim_id in enumerate(AR_CLAIMS, start=1):
        (content / "claims" / f"{claim_id}.yaml").write_text(
            f'claim: "ارتفعت الأسعار بنسبة {n}0 في المئة في عام واحد."\n'
            f'title: "ارتفاع الأسعار {n}0 في المئة"\n'
            "claimant: ar-minister\n"
            f"date: 2025-03-0{n}\n"
            "appearances:\n"
            f'  - url: "https://example.org/speech-{n}"\n'
            f'    archive_url: "https://web.archive.org/web/2025/https://example.org/speech-{n}"\n'
            '    title: "خطاب الوزير"\n'
            "topics: [economy]\n",
            encoding="utf-8",
        )
        (content / "verdicts" / f"{claim_id}.yaml").write_text(
            f"claim: {claim_id}\n"
            "rating: false\n"
            'summary: "تقول الأرقام الرسمية إن الأسعار ارتفعت بنسبة أقل بكثير."\n'
            "body: |\n"
            "  يقول تقرير الوزارة إن الأسعار ارتفعت بنسبة 3 في المئة [@ministry-report].\n\n"
            "  وتؤكد ذلك أرقام البنك المركزي [@central-bank; @ministry-report].\n"
            "sources:\n"
            "  - id: ministry-report\n"
            f'    title: "{AR_SOURCE}"\n'
            '    url: "https://example.org/report"\n'
            "  - id: central-bank\n"
            '    title: "نشرة البنك المركزي"\n'
            '    url: "https://example.org/bank"\n'
            "authors: [ar-minister]\n"
            "published: 2025-04-01\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("ar-site")
    site = root / "site"
    cmd = [sys.executable, "-m", "generator.cli", "init", "--name", "تحقق", "--language", "ar"]
    cmd += ["--url", "https://example.org/", str(site)]
    subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    _arabic_content(site / "content")
    config = site / "mkdocs.yml"
    _one_entry_a_page(config, config)
    _build(site / "content", config, root / "out")
    with serve(root / "out") as base_url:
        yield base_url


@pytest.fixture(scope="module")
def paged_demo(tmp_path_factory):
    """The demo content with one claim a list page."""
    root = tmp_path_factory.mktemp("paged-demo")
    config = root / "mkdocs.yml"
    _one_entry_a_page(MKDOCS_YML, config)
    _build(CONTENT, config, root / "out")
    with serve(root / "out") as base_url:
        yield base_url


def _source_titles(page) -> list[str]:
    return [t.strip() for t in page.locator("ol.fc-sources > li > a:first-child").all_inner_texts()]


def _check_citations(page, source_prefix: str) -> None:
    """Every "[n]" link is named after the n-th source, shows "[n]" and leads to it; and the
    source's way back still leads to the citation."""
    titles = _source_titles(page)
    cites = page.locator("sup.fc-cite a")
    assert cites.count() >= 2
    for i in range(cites.count()):
        cite = cites.nth(i)
        n = int(cite.inner_text().strip("[]"))
        expect(cite).to_have_text(f"[{n}]")
        expect(cite).to_have_accessible_name(f"{source_prefix} {n}: {titles[n - 1]}")
        target = cite.get_attribute("href")
        assert page.locator(f"li{target} > a").first.inner_text().strip() == titles[n - 1]
        back = page.locator(f'{target} .fc-backrefs a[href="#{cite.get_attribute("id")}"]')
        expect(back).to_have_count(1)
    # The reading order a screen reader follows: the reasoning's links say "Source n: title".
    snapshot = page.locator("sup.fc-cite").first.aria_snapshot()
    assert f"{source_prefix} 1: {titles[0]}" in snapshot, snapshot


def test_citations_name_their_source_in_english(site, page):
    goto_path(page, f"claims/{DEMO_CLAIM}/")
    _check_citations(page, "Source")
    page.locator("sup.fc-cite a").first.click()
    expect(page).to_have_url(re.compile(r"#source-"))


def test_citations_name_their_source_in_arabic(arabic_site, make_page):
    page, log = make_page(arabic_site)
    goto_path(page, f"claims/{AR_CLAIMS[0]}/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    _check_citations(page, "المصدر")
    expect(page.locator("sup.fc-cite a").first).to_have_accessible_name(f"المصدر 1: {AR_SOURCE}")
    log.assert_clean("an Arabic claim page")


def _check_embed(page, heading: str) -> None:
    snapshot = page.locator("body").aria_snapshot()
    assert re.search(r"^- main:", snapshot, re.M), snapshot
    h1 = page.get_by_role("heading", level=1)
    expect(h1).to_have_count(1)
    expect(h1).to_have_accessible_name(heading)
    # Its look is the card's: the heading takes no room, the quote is still the first thing seen.
    box = h1.bounding_box()
    assert box and box["width"] <= 1 and box["height"] <= 1
    assert page.locator("main article.card").count() == 1
    assert page.evaluate("document.documentElement.scrollHeight <= window.innerHeight")


def test_the_embed_card_has_a_main_landmark_and_a_heading(site, make_page):
    page, log = make_page(site.base_url, viewport={"width": 550, "height": 360})
    goto_path(page, f"claims/{DEMO_CLAIM}/embed/")
    _check_embed(page, "North Korean troops in Kursk were support staff, not combatants")
    log.assert_clean("the embed card")


def test_the_arabic_embed_card_has_a_main_landmark_and_a_heading(arabic_site, make_page):
    page, log = make_page(arabic_site, viewport={"width": 550, "height": 360})
    goto_path(page, f"claims/{AR_CLAIMS[1]}/embed/")
    _check_embed(page, "ارتفاع الأسعار 20 في المئة")
    log.assert_clean("the Arabic embed card")


def _check_page_numbers(page, word: str) -> None:
    """Each page number, the current one too, is read "<word> N"; the number shown is unchanged."""
    nav = page.locator("nav.fc-pagination")
    links = nav.locator("ul.fc-pagination__pages a:not([rel])")
    assert links.count() >= 2
    for i in range(links.count()):
        link = links.nth(i)
        shown = link.inner_text().strip()
        assert re.fullmatch(r"[0-9٠-٩]+", shown), shown
        expect(link).to_have_accessible_name(f"{word} {shown}")
    expect(nav.locator('[aria-current="page"]')).to_have_count(1)
    snapshot = nav.aria_snapshot()
    assert not re.search(r'- link "[0-9٠-٩]+"', snapshot), snapshot
    assert not re.search(r"- text: [0-9٠-٩]+$", snapshot, re.M), snapshot
    # The names are allowed where they are: axe finds no aria-label on an element that cannot take
    # one, not even as a case to review (Chromium reads it, other browsers may not).
    run_axe(page)  # loads axe-core
    found = page.evaluate(
        "() => axe.run('nav.fc-pagination', {resultTypes: ['violations', 'incomplete']})"
    )
    problems = [
        f"{v['id']}: {[n['html'] for n in v['nodes']]}"
        for v in found["violations"] + found["incomplete"]
    ]
    assert not problems, problems


def test_page_numbers_say_page_in_english(paged_demo, make_page):
    page, log = make_page(paged_demo)
    goto_path(page, "claims/page/2/")
    _check_page_numbers(page, "Page")
    expect(page.get_by_role("link", name="Page 3", exact=True)).to_have_attribute(
        "href", re.compile(r"page/3/")
    )
    current = page.locator('.fc-pagination [aria-current="page"]')
    expect(current).to_have_accessible_name("Page 2")
    expect(current).to_have_text("2")
    log.assert_clean("a later page of the claims list")


def test_page_numbers_say_page_in_arabic(arabic_site, make_page):
    page, log = make_page(arabic_site)
    goto_path(page, "claims/")
    _check_page_numbers(page, "الصفحة")
    log.assert_clean("the Arabic claims list")
