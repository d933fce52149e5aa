"""Content at the extremes a big newsroom has, built for real: a verdict with 300 sources and 300
citations, one corrected 150 times, a claim linked by many others, a 2,000-character title, the most
topics a claim may have, and a site of one person and one rating. Every page stays under 200 KB,
every link leads somewhere, and a list cut short shows the entries a reader most wants."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from factories import MINI, ParsedPage, broken_links, html_files, mini_frame, write_config
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.load import load_tree
from generator.spec import MAX_TOPICS
from generator.validate import check

LIMIT = 200 * 1024
LINKERS = 12  # claims whose verdicts link the claim `target`
SOURCES = 300
UPDATES = 150


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_claim(c: Path, cid: str, *, date: str = "2025-03-01", **fields: str) -> None:
    lines = [f"claim: {q('Claim ' + cid + ' said something.')}"]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    lines += ["claimant: jane-doe", f"date: {date}", "appearances:"]
    lines += [f"  - url: https://social.example/{cid}", f"    title: {q('Post ' + cid)}"]
    (c / "claims" / f"{cid}.yaml").write_text("\n".join(lines) + "\n", "utf-8")


def write_verdict(
    c: Path, cid: str, body: str = "Figures [@s1].", sources: int = 1, updates: int = 0
) -> None:
    lines = [f"claim: {cid}", "rating: false", f"summary: {q('Summary of ' + cid)}"]
    lines += [f"body: {q(body)}", "sources:"]
    for k in range(1, sources + 1):
        lines += [f"  - id: s{k}", f"    title: {q(f'Source {k}')}"]
        lines.append(f"    url: https://data.example/{cid}/{k}")
    lines += ["authors: [sam-checker]", "published: 2025-03-10"]
    if updates:
        lines.append("updates:")
    for k in range(updates):
        lines += [f"  - date: 2025-{4 + k // 28:02d}-{1 + k % 28:02d}", "    type: correction"]
        lines.append(f"    note: {q(f'Correction number {k} fixed a figure.')}")
    (c / "verdicts" / f"{cid}.yaml").write_text("\n".join(lines) + "\n", "utf-8")


def build(root: Path, content: Path) -> Path:
    config = load_config(str(write_config(root, content)))
    mkdocs_build(config)
    return Path(config.site_dir)


def article(site: Path, page: str) -> ParsedPage:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    start = html.index("<article")
    return ParsedPage(html[start : html.index("</article>", start)])


@pytest.fixture(scope="module")
def extremes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("extremes")
    c = mini_frame(root)
    write_claim(c, "target")
    write_verdict(c, "target")
    for i in range(LINKERS):  # linker-0 the oldest ... linker-11 the newest
        cid = f"linker-{i}"
        write_claim(c, cid, date=f"2024-{1 + i:02d}-01")
        write_verdict(c, cid, body="See [[target]] and the figures [@s1].")
    body = " ".join(f"Fact {k} [@s{k}]." for k in range(1, SOURCES + 1))
    write_claim(c, "many-sources")
    write_verdict(c, "many-sources", body=body, sources=SOURCES)
    write_claim(c, "corrected")
    write_verdict(c, "corrected", updates=UPDATES)
    write_claim(c, "long-title", title=q("Long title word " * 125))
    write_verdict(c, "long-title")
    topics = [f"topic-{k}" for k in range(MAX_TOPICS)]
    with (c / "topics.yaml").open("a", encoding="utf-8") as listed:
        listed.writelines(f"- id: {t}\n  label: {q(t)}\n" for t in topics)
    write_claim(c, "many-topics", topics="[" + ", ".join(topics) + "]")
    write_verdict(c, "many-topics")
    return build(root, c)


def test_every_page_is_under_200_kb_and_every_link_resolves(extremes: Path) -> None:
    sizes = {p.relative_to(extremes).as_posix(): p.stat().st_size for p in html_files(extremes)}
    assert max(sizes.values()) < LIMIT, max(sizes.items(), key=lambda kv: kv[1])
    assert broken_links(extremes) == []


def test_links_to_a_claim_list_the_newest_first(extremes: Path) -> None:
    text = article(extremes, "claims/target").text
    shown = text.split("Fact checks that link to this one", 1)[1]
    found = re.findall(r"Claim (linker-\d+) said", shown)
    # Five of the twelve: the newest, not linker-0, linker-1, linker-10, linker-11, linker-2.
    assert found[:5] == ["linker-11", "linker-10", "linker-9", "linker-8", "linker-7"]


def test_three_hundred_sources_are_numbered_and_cited(extremes: Path) -> None:
    page = article(extremes, "claims/many-sources")
    cites = [a for a in page.find("a") if (a.get("href") or "").startswith("#source-")]
    assert len(cites) == SOURCES
    assert cites[-1]["aria-label"] == f"Source {SOURCES}: Source {SOURCES}"
    assert f"Source {SOURCES}." in page.text.split("Sources", 2)[-1]


def test_a_hundred_and_fifty_corrections_are_all_listed(extremes: Path) -> None:
    text = article(extremes, "claims/corrected").text
    updates = text.split("Updates and corrections", 1)[1]
    assert updates.count("fixed a figure") == UPDATES
    assert "Correction number 0 fixed a figure" in updates


def test_a_claim_with_the_most_topics_links_each(extremes: Path) -> None:
    page = article(extremes, "claims/many-topics")
    hrefs = {a.get("href") for a in page.find("a")}
    assert all(f"../../topics/topic-{k}/" in hrefs for k in range(MAX_TOPICS))
    assert "Claim many-topics said" in article(extremes, f"topics/topic-{MAX_TOPICS - 1}").text


def test_more_topics_than_allowed_is_an_error_naming_the_line(tmp_path: Path) -> None:
    c = mini_frame(tmp_path)
    topics = ", ".join(f"topic-{k}" for k in range(500))
    write_claim(c, "too-many", topics=f"[{topics}]")
    write_verdict(c, "too-many")
    problems = check(load_tree(c)).problems
    found = [p for p in problems if "takes at most" in p.message]
    assert [(Path(p.path).name, p.line) for p in found] == [("too-many.yaml", 2)]
    assert "'topics': lists 500 items, and takes at most 25" in found[0].message


def test_a_site_of_one_person_and_one_rating(tmp_path: Path) -> None:
    c = tmp_path / "content"
    for sub in ("claims", "verdicts", "people"):
        (c / sub).mkdir(parents=True)
    shutil.copytree(MINI / "pages", c / "pages")
    (c / "ratings.yaml").write_text(
        '- id: false\n  label: "False"\n  value: 1\n  color: "#b91c1c"\n'
        '  description: "Not accurate."\n',
        "utf-8",
    )
    (c / "people" / "jane-doe.yaml").write_text("name: Jane Doe\nkind: person\n", "utf-8")
    write_claim(c, "only")
    write_verdict(c, "only")
    verdict = c / "verdicts" / "only.yaml"
    verdict.write_text(verdict.read_text("utf-8").replace("sam-checker", "jane-doe"), "utf-8")
    site = build(tmp_path, c)
    assert broken_links(site) == []
    assert "Claim only said something." in article(site, "people/jane-doe").text
    assert "Claim only said something." in article(site, "ratings/false").text
    assert "Claim only said something." in article(site, "claims").text


def test_only_the_newest_three_corrections_stand_above_the_claim(extremes: Path) -> None:
    """A verdict corrected 150 times printed 150 notices before the claim itself."""
    page = article(extremes, "claims/corrected")
    # Everything before the claim's rating badge: the title, the notices, the claim's words.
    above = page.text.split("Rating:", 1)[0]
    assert above.count("fixed a figure") == 3
    assert f"Correction number {UPDATES - 1} fixed a figure" in above
    assert any(a.get("href") == "#updates" for a in page.find("a"))


def test_a_verdict_body_too_long_for_its_page_is_warned_at_its_line(tmp_path: Path) -> None:
    """A 100 KB body made a 351 KB claim page, over #19's 200 KB, with no word before."""
    c = mini_frame(tmp_path)
    write_claim(c, "long")
    write_verdict(c, "long", body="A figure that needs checking. " * 2000 + "[@s1]")
    write_claim(c, "short")
    write_verdict(c, "short", body="Figures [@s1].")
    report = check(load_tree(c))
    said = [p for p in report.problems if p.path.endswith(".yaml")]
    assert [(Path(p.path).name, p.line, p.severity) for p in said] == [("long.yaml", 4, "warning")]
    assert "'body' is 58 KB" in said[0].message and "documents/<id>.yaml" in said[0].message
