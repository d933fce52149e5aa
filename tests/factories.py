"""Build content objects and mkdocs configurations for tests, without reading any files.

`sample_content()` is a small, complete site: a rating scale, four claims (one under review, one with a
correction, two from the same document with its full text), people, topics and one hand-written page.
Every builder takes keyword overrides, so a test changes only what it is about.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import shutil
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from generator.link import Site, link
from generator.model import (
    Appearance,
    Claim,
    Content,
    Document,
    Person,
    Rating,
    Source,
    Topic,
    Update,
    Verdict,
)
from generator.settings import Settings

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"

SETTINGS = Settings(
    site_name="Test Fact Desk",
    site_url="https://facts.example.org/",
    site_description="A test fact-check site.",
    organization_name="Test Fact Desk",
    organization_url="https://facts.example.org/",
    repo_url="https://github.com/example/facts",
    edit_base="https://github.com/example/facts/edit/main",
    locale="en_GB",  # dates as the demo site writes them: 1 March 2025
)

D = dt.date


def ratings() -> dict[str, Rating]:
    rows = [
        ("true", "True", 6, "#1a7f37", "✔", "Accurate."),
        ("mostly-true", "Mostly true", 5, "#4d7c0f", "✔", "Accurate but needs context."),
        ("half-true", "Half true", 4, "#8a5a00", "◐", "Partly accurate."),
        ("misleading", "Misleading", 3, "#b3541e", "!", "Gives a false impression."),
        ("mostly-false", "Mostly false", 2, "#c2410c", "✘", "Mostly inaccurate."),
        ("false", "False", 1, "#b91c1c", "✘", "Not accurate."),
    ]
    out = {
        rid: Rating(rid, label, desc, value, color, icon, order)
        for order, (rid, label, value, color, icon, desc) in enumerate(rows)
    }
    out["unproven"] = Rating("unproven", "Unproven", "Not settled.", None, "#57606a", "?", 6)
    return out


def person(pid: str, name: str | None = None, **kw: Any) -> Person:
    return Person(
        id=pid, name=name or pid.replace("-", " ").title(), kind=kw.pop("kind", "person"), **kw
    )


DOC_TEXT = textwrap.dedent(
    """\
    The minister spoke for an hour. She said that unemployment doubled between 2022 and 2025,
    which surprised the room. Later she added that “exports fell by half” last year.

    In the second part of the speech she thanked the organisers.
    """
)


def document(did: str = "speech-2025", **kw: Any) -> Document:
    base = dict(
        id=did,
        title="Speech to the chamber of commerce",
        kind="speech",
        date=D(2025, 3, 1),
        publisher="Example News",
        author="jane-doe",
        url="https://news.example/speech",
        archive_url="https://web.archive.org/web/2025/https://news.example/speech",
        text=DOC_TEXT,
        source_path=f"documents/{did}.yaml",
    )
    base.update(kw)
    return Document(**base)


def claim(cid: str, **kw: Any) -> Claim:
    base: dict[str, Any] = dict(
        id=cid,
        claim=f"Claim text of {cid}.",
        claimant="jane-doe",
        date=D(2025, 3, 1),
        appearances=(Appearance(url=f"https://social.example/{cid}", title=f"Post {cid}"),),
        source_path=f"claims/{cid}.yaml",
    )
    base.update(kw)
    return Claim(**base)


def source(sid: str, **kw: Any) -> Source:
    base: dict[str, Any] = dict(
        id=sid,
        title=f"Source {sid}",
        url=f"https://data.example/{sid}",
        publisher="Statistics Office",
        date=D(2025, 2, 1),
    )
    base.update(kw)
    return Source(**base)


def verdict(cid: str, **kw: Any) -> Verdict:
    base: dict[str, Any] = dict(
        claim=cid,
        rating="false",
        summary=f"Summary of {cid}.",
        body="The figures say otherwise [@stats].",
        sources=(source("stats"),),
        authors=("sam-checker",),
        published=D(2025, 3, 10),
        source_path=f"verdicts/{cid}.yaml",
    )
    base.update(kw)
    return Verdict(**base)


def sample_content(**overrides: Any) -> Content:
    claims = {
        "unemployment-doubled": claim(
            "unemployment-doubled",
            claim="Unemployment doubled between 2022 and 2025.",
            title="Unemployment doubled between 2022 and 2025",
            appearances=(
                Appearance(
                    document="speech-2025", quote="unemployment doubled between 2022 and 2025"
                ),
                Appearance(
                    url="https://social.example/jane/1",
                    archive_url="https://web.archive.org/web/2025/https://social.example/jane/1",
                    title="Jane's post",
                ),
            ),
            topics=("economy", "jobs"),
            related=("exports-halved",),
        ),
        "exports-halved": claim(
            "exports-halved",
            claim="Exports fell by half last year.",
            appearances=(Appearance(document="speech-2025", quote='"exports fell by half"'),),
            topics=("economy",),
            date=D(2025, 3, 1),
        ),
        "crime-record-low": claim(
            "crime-record-low",
            claim="Crime is at a record low.",
            claimant="acme-party",
            date=D(2025, 4, 2),
            topics=("crime",),
        ),
        "new-hospital": claim(
            "new-hospital",
            claim="A new hospital opens every week.",
            claimant="acme-party",
            date=D(2025, 5, 5),
        ),
    }
    verdicts = {
        "unemployment-doubled": verdict(
            "unemployment-doubled",
            rating="mostly-false",
            summary="Unemployment rose from 4.1% to 5.3%, not a doubling.",
            body=(
                "The official series [@lfs] shows a rise from 4.1% to 5.3%. A broader measure "
                "[@broad] rose more, but still not by half. The official series [@lfs] is the one "
                "the minister's office pointed to.\n\nSee also [[exports-halved]].\n\n## Context\n\n"
                "Nothing else."
            ),
            sources=(
                source(
                    "lfs",
                    title="Labour force survey",
                    primary=True,
                    archive_url="https://web.archive.org/web/2025/https://data.example/lfs",
                    accessed=D(2025, 3, 5),
                ),
                source("broad", title="Broad unemployment measure", publisher="Think Tank"),
                source("unused", title="Background reading", publisher=None),
            ),
            reviewers=("rita-editor",),
            published=D(2025, 3, 10),
            updates=(
                Update(D(2025, 3, 12), "correction", "We misstated the 2022 figure.", "false"),
                Update(D(2025, 3, 20), "update", "Added the broader measure."),
            ),
        ),
        "exports-halved": verdict(
            "exports-halved",
            rating="true",
            summary="Exports did fall by half.",
            body="Customs data [@customs] confirm it.",
            sources=(source("customs", title="Customs statistics", publisher="Customs Office"),),
            published=D(2025, 3, 11),
        ),
        "crime-record-low": verdict(
            "crime-record-low",
            rating="unproven",
            summary="The records do not go back far enough to say.",
            body="Police data [@police] start in 2010.",
            sources=(source("police", title="Police recorded crime", publisher="Police"),),
            published=D(2025, 4, 10),
        ),
    }
    people = {
        "jane-doe": person(
            "jane-doe",
            "Jane Doe",
            description="Minister of Economy",
            same_as=("https://www.wikidata.org/wiki/Q1",),
        ),
        "acme-party": person("acme-party", "Acme Party", kind="organization"),
        "sam-checker": person("sam-checker", "Sam Checker", description="Fact-checker"),
        "rita-editor": person("rita-editor", "Rita Editor", description="Editor"),
    }
    base: dict[str, Any] = dict(
        ratings=ratings(),
        topics={"economy": Topic("economy", "Economy", "Jobs, prices and trade.")},
        people=people,
        documents={"speech-2025": document()},
        claims=claims,
        verdicts=verdicts,
        pages={
            "pages/about.md": "# About us\n\nWe check claims. See our [methodology](methodology.md).\n",
            "pages/methodology.md": "# Methodology\n\nHow we work.\n\n<!-- rating-scale -->\n\n## Corrections\n\nWe fix errors.\n",
        },
    )
    base.update(overrides)
    return Content(**base)


def sample_site(**overrides: Any) -> Site:
    return link(sample_content(**overrides))


def replace_claim(content: Content, cid: str, **kw: Any) -> Content:
    claims = dict(content.claims)
    claims[cid] = dataclasses.replace(claims[cid], **kw)
    return dataclasses.replace(content, claims=claims)


# --- mkdocs configurations for in-process builds -------------------------------------------------


def write_config(
    tmp: Path,
    content_dir: Path,
    *,
    site_dir: Path | None = None,
    extra: dict[str, Any] | None = None,
) -> Path:
    """A mkdocs.yml in `tmp` equal to the project's, pointed at `content_dir`, with absolute paths."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(content_dir / "pages")
    config["site_dir"] = str(site_dir or tmp / "site")
    config["theme"].pop("custom_dir", None)  # the package's theme folder is enough
    plugins = []
    for p in config["plugins"]:
        if isinstance(p, dict) and "factcheck" in p:
            opts = dict(p["factcheck"] or {})
            opts["content_dir"] = str(content_dir)
            plugins.append({"factcheck": opts})
        else:
            plugins.append(p)
    config["plugins"] = plugins
    if extra:
        config.update(extra)
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# --- reading built HTML ----------------------------------------------------------------------------


BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)


class ParsedPage(HTMLParser):
    """What a browser would see in one HTML file: elements, attributes, ids, links and text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.text_parts: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in BLOCK_TAGS:
            self.text_parts.append(" ")
        self.elements.append((tag, a))
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("name"):
            self.ids.add(str(a["name"]))
        for key in ("href", "src"):
            if a.get(key) is not None and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.links.append(str(a[key]))
        if tag == "script":
            self._script, self._script_text = a, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.text_parts.append(" ")
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        """The visible text, words separated as a browser lays them out (blocks apart)."""
        return " ".join("".join(self.text_parts).split())

    def jsonld(self) -> list[Any]:
        return [
            json.loads(body)
            for attrs, body in self.scripts
            if attrs.get("type") == "application/ld+json"
        ]

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        """Elements by tag and attributes (class_ for class, data_x for data-x; "" = present)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [
            a
            for t, a in self.elements
            if t == tag and all(k in a and (a[k] or "") == v for k, v in wanted.items())
        ]


def parse(path: Path) -> ParsedPage:
    return ParsedPage(path.read_text(encoding="utf-8"))


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def broken_links(site: Path) -> list[str]:
    """Every internal link or #anchor in the built site that leads nowhere (site_url's path is /)."""
    site = site.resolve()
    pages = {p: parse(p) for p in html_files(site)}
    problems = []
    for page, parsed in pages.items():
        for href in parsed.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("//"):
                continue
            if not parts.path:
                target = page
            else:
                base = site if parts.path.startswith("/") else page.parent
                resolved = (base / unquote(parts.path).lstrip("/")).resolve()
                if resolved.is_dir():
                    resolved = resolved / "index.html"
                target = resolved
            if not target.exists():
                problems.append(f"{page.relative_to(site)}: {href} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    return problems


def synthetic_content(root: Path, n: int, seed: int = 0) -> Path:
    """A content tree of `n` claims from benchmarks/synth.py (words from the LIAR corpus)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import synth
    finally:
        sys.path.pop(0)
    synth.generate(root, n, seed=seed)
    return root


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` by relative path, as a SHA-256: two builds compared byte for byte."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def lines_run(func: Any, *args: Any, module: Any) -> tuple[Any, int]:
    """`func(*args)`, and how many lines of `module`'s code it ran: a measure of work that, unlike
    time, does not vary with the machine's load, for tests that check an algorithm grows linearly."""
    lines = 0
    filename = module.__file__

    def count(frame, event, arg):
        nonlocal lines
        lines += event == "line"
        return count

    def calls(frame, event, arg):
        return count if frame.f_code.co_filename == filename else None

    sys.settrace(calls)
    try:
        result = func(*args)
    finally:
        sys.settrace(None)
    return result, lines


def add_one_claim(content: Path, claimant: str = "P") -> None:
    """One person `p`, claim `c` and its verdict in a site's content folder (as `factcheck init`
    made it): the least a newsroom adds before its first build."""
    (content / "people" / "p.yaml").write_text(
        f"name: {json.dumps(claimant, ensure_ascii=False)}\nkind: person\n", "utf-8"
    )
    (content / "claims" / "c.yaml").write_text(
        'claim: "C"\nclaimant: p\ndate: 2026-03-01\nappearances:\n'
        '  - url: "https://example.org/c"\n    title: "T"\n',
        "utf-8",
    )
    (content / "verdicts" / "c.yaml").write_text(
        'claim: c\nrating: false\nsummary: "S"\nbody: "B [@s]"\nsources:\n  - id: s\n'
        '    title: "S"\n    url: "https://example.org/s"\nauthors: [p]\npublished: 2026-03-02\n',
        "utf-8",
    )


def build_in_language(tmp: Path, content: Path, language: str) -> Path:
    """`content` built as a site whose language is `language` (its catalog's dates, no `locale`,
    no link-preview images: quick), into tmp/out; returns the site folder."""
    from generator.build import build

    config = write_config(tmp, content)
    data = yaml.safe_load(config.read_text("utf-8"))
    data["theme"]["language"] = language
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "factcheck" in plugin:
            plugin["factcheck"].pop("locale", None)
            plugin["factcheck"]["og_images"] = False
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    out = tmp / "out"
    assert build(content, out, config, search=False) == 0
    return out


def mini_frame(root: Path) -> Path:
    """root/content with the mini fixture's pages, people, ratings and topics, and empty claims,
    verdicts and documents folders for a test to fill."""
    c = root / "content"
    for sub in ("claims", "verdicts", "documents"):
        (c / sub).mkdir(parents=True)
    for sub in ("pages", "people"):
        shutil.copytree(MINI / sub, c / sub)
    for name in ("ratings.yaml", "topics.yaml"):
        shutil.copy(MINI / name, c / name)
    return c
