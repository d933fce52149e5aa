"""A document's text too long for one page goes on pages of its own (render/fulltext.py)."""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from pathlib import Path

import pytest
from factories import SETTINGS, claim, document, lines_run, sample_content, verdict
from test_pagination import HREF, LIMIT, NEXT, PREV, THEME, _path_of, _resolve

from generator.link import link
from generator.model import Appearance
from generator.preview import pages_to_render
from generator.render import render_pages
from generator.render.quotes import Highlight, Piece, annotated, parts_of_claims, split_text

DOC = "long-hearing"
FIRST = f"documents/{DOC}/text.md"
TAG = re.compile(r"<[^>]+>")


def _paragraph(n: int) -> str:
    return f"Paragraph {n}: the witness said that the budget for item {n} & its costs rose. " * 5


def _long_site(paragraphs: list[str], quoted: dict[str, str]):
    """The sample content plus a long document whose claims quote `quoted` (claim id -> quote)."""
    content = sample_content()
    doc = document(DOC, title="A long hearing", text="\n\n".join(paragraphs))
    claims = dict(content.claims)
    verdicts = dict(content.verdicts)
    for cid, quote in quoted.items():
        claims[cid] = claim(cid, appearances=(Appearance(document=DOC, quote=quote),))
        verdicts[cid] = verdict(cid)
    return link(
        dataclasses.replace(
            content,
            documents={**content.documents, DOC: doc},
            claims=claims,
            verdicts=verdicts,
        )
    )


def _walk(pages, first):
    seen = [first]
    while (found := NEXT.search(pages[seen[-1]].body())) is not None:
        seen.append(_path_of(_resolve(seen[-1], found.group(1))))
        assert seen.count(seen[-1]) == 1
    return seen


def _words(body: str) -> str:
    """The text a reader sees in a page's full text (tags gone, entities read)."""
    start = body.index('<div class="fc-doc-text">')
    inner = body[start : body.index("</div>", start)]
    inner = re.sub(r'<span class="fc-sr">.*?</span>', "", inner)  # screen-reader words
    inner = re.sub(r'<a class="fc-passage__rating[^"]*"[^>]*>.*?</a>', "", inner)
    return " ".join(html.unescape(TAG.sub(" ", inner)).split())


@pytest.fixture(scope="module")
def long_pages():
    paragraphs = [_paragraph(n) for n in range(1, 700)]
    quoted = {f"long-claim-{n}": f"budget for item {n} & its costs" for n in range(3, 700, 23)}
    site = _long_site(paragraphs, quoted)
    return site, paragraphs, quoted, render_pages(site, SETTINGS, workers=0)


def test_a_long_text_is_split_over_pages_that_lose_nothing(long_pages):
    site, paragraphs, _, pages = long_pages
    doc_page = pages[f"documents/{DOC}.md"].body()
    assert 'class="fc-doc-text"' not in doc_page  # the text is not on the document's page
    full = [
        h
        for h in HREF.findall(doc_page)
        if _resolve(f"documents/{DOC}.md", h) == f"documents/{DOC}/text/"
    ]
    assert full, "the document's page links its full text"
    chain = _walk(pages, FIRST)
    assert len(chain) >= 3
    assert chain[1:] == [f"documents/{DOC}/text/page/{n}.md" for n in range(2, len(chain) + 1)]
    shown = []
    for n, path in enumerate(chain, 1):
        page = pages[path]
        body = page.body()
        assert len(body.encode()) < LIMIT - THEME, path
        assert page.title == "Full text: A long hearing" + (
            f" (page {n} of {len(chain)})" if n > 1 else ""
        )
        assert f"Page {n} of {len(chain)}." in body and "Entries" not in body
        back = [h for h in HREF.findall(body) if _resolve(path, h) == f"documents/{DOC}/"]
        assert back, f"{path} links back to the document"
        if n > 1:
            assert _path_of(_resolve(path, PREV.search(body).group(1))) == chain[n - 2]
        shown.append(_words(body))
    # every word of the text, in order, once: parts end between paragraphs
    assert " ".join(shown) == " ".join(" ".join(p.split()) for p in paragraphs)


def test_each_claim_links_to_the_page_that_holds_its_passage(long_pages):
    site, _, quoted, pages = long_pages
    for cid in quoted:
        path = f"claims/{cid}.md"
        links = [h for h in HREF.findall(pages[path].body()) if h.endswith(f"#quote-{cid}")]
        assert len(links) == 1, cid
        target = _path_of(_resolve(path, links[0].split("#")[0]))
        body = pages[target].body()
        assert f'id="quote-{cid}"' in body, (cid, target)
        # the passage links back to the claim from where it stands
        marked = re.search(rf'<a class="fc-passage[^"]*" href="([^"]+)"\s+id="quote-{cid}"', body)
        assert _resolve(target, marked.group(1)) == f"claims/{cid}/"


def test_one_paragraph_longer_than_a_page_is_cut_inside_it():
    words = " ".join(f"word{n} & more" for n in range(40_000))  # about 560 KB, no line break
    site = _long_site([words], {"cut-claim": "word20000 & more word20001"})
    pages = render_pages(site, SETTINGS, workers=0)
    chain = _walk(pages, FIRST)
    assert len(chain) > 4
    for path in chain:
        assert len(pages[path].body().encode()) < LIMIT - THEME, path
    assert " ".join(_words(pages[p].body()) for p in chain) == " ".join(words.split())
    link_ = next(h for h in HREF.findall(pages["claims/cut-claim.md"].body()) if "#quote-" in h)
    assert (
        'id="quote-cut-claim"'
        in pages[_path_of(_resolve("claims/cut-claim.md", link_.split("#")[0]))].body()
    )


def test_a_text_that_fits_stays_on_the_documents_page(long_pages):
    site, _, _, pages = long_pages
    assert not any(p.startswith("documents/speech-2025/text") for p in pages)
    body = pages["documents/speech-2025.md"].body()
    assert 'class="fc-doc-text"' in body and 'id="text"' in body
    passages = [
        (path, h)
        for path, page in pages.items()
        if path.startswith("claims/")
        for h in HREF.findall(page.body())
        if "#quote-" in h and "speech-2025" in h
    ]
    assert passages, "the sample's claims link their passages"
    assert {_resolve(path, h.split("#")[0]) for path, h in passages} == {"documents/speech-2025/"}


def test_a_passage_cut_between_pages_keeps_its_anchor_first_and_its_rating_last():
    text = "A " * 50 + "quoted words " * 400 + "end."
    start = text.index("quoted")
    marks = [
        Highlight(
            start,
            start + len("quoted words ") * 400 - 1,
            "c1",
            "../c1/",
            "C1",
            "false",
            "False",
            "C1",
        )
    ]
    parts = split_text(annotated(text, marks), most=2000)
    assert len(parts) > 2
    pieces = [p for part in parts for para in part for p in para]
    linked = [p for p in pieces if p.passage is not None]
    assert linked[0].anchor == "c1" and all(p.anchor is None for p in linked[1:])
    assert linked[-1].ends and not any(p.ends for p in linked[:-1])
    assert "".join(p.text for p in pieces) == text.rstrip()
    assert parts_of_claims(parts) == {"c1": 1}
    assert all(isinstance(p, Piece) for p in pieces)


def test_each_quote_of_a_claim_is_found_in_its_own_part():
    text = "\n\n".join(f"Paragraph {n} " + "x " * 200 for n in range(40))
    first, second = text.index("Paragraph 1 "), text.index("Paragraph 35 ")
    marks = [
        Highlight(first, first + 11, "c1", "../c1/", "C1"),
        Highlight(second, second + 12, "c1", "../c1/", "C1", key="c1--2"),
    ]
    parts = split_text(annotated(text, marks), most=2000)
    found = parts_of_claims(parts)
    assert found["c1"] == 1 and found["c1--2"] > 1


def test_a_claim_quoting_a_long_text_twice_links_each_passage_where_it_is():
    paragraphs = [_paragraph(n) for n in range(1, 300)]
    site = _long_site(paragraphs, {})
    quotes = ("budget for item 5 & its costs", "budget for item 250 & its costs")
    content = dataclasses.replace(
        site.content,
        claims={
            **site.content.claims,
            "twice": claim(
                "twice", appearances=tuple(Appearance(document=DOC, quote=q) for q in quotes)
            ),
        },
        verdicts={**site.content.verdicts, "twice": verdict("twice")},
    )
    pages = render_pages(link(content), SETTINGS, workers=0)
    bodies = {path: pages[path].body() for path in _walk(pages, FIRST)}
    holding = {
        anchor: [path for path, body in bodies.items() if f'id="{anchor}"' in body]
        for anchor in ("quote-twice", "quote-twice--2")
    }
    assert len(holding["quote-twice"]) == len(holding["quote-twice--2"]) == 1
    assert holding["quote-twice"] != holding["quote-twice--2"]  # two parts apart
    # The claim page's first passage link goes to the part holding the first quote.
    path = "claims/twice.md"
    links = [h for h in HREF.findall(pages[path].body()) if "#quote-" in h]
    assert len(links) == 2
    assert _path_of(_resolve(path, links[0].split("#")[0])) == holding["quote-twice"][0]
    assert links[0].endswith("#quote-twice")


def test_splitting_grows_linearly_with_the_text():
    from generator.render import quotes

    def cost(n: int) -> int:
        """Lines of quotes.py that splitting n paragraphs runs (not time: it varies with load)."""
        text = "\n\n".join(f"Para {i} " + "x " * 200 for i in range(n))
        marks = [Highlight(i * 50, i * 50 + 20, f"c{i}", "../", "C") for i in range(n)]
        paragraphs = annotated(text, marks)
        return lines_run(split_text, paragraphs, 5000, module=quotes)[1]

    small, big = cost(500), cost(4000)
    assert big < small * 8 * 1.1  # 8 times the text: 8 times the work, never 64


def test_the_preview_renders_again_the_text_pages_and_the_claims_that_link_them(long_pages):
    site, paragraphs, quoted, _ = long_pages
    cid = next(iter(quoted))
    content = site.content
    edited = dataclasses.replace(
        content,
        claims={**content.claims, cid: dataclasses.replace(content.claims[cid], claim="Edited.")},
    )
    paths = pages_to_render(site, link(edited), {cid})
    assert paths is not None
    assert FIRST in paths
    assert {f"claims/{other}.md" for other in quoted} <= paths


def test_a_real_build_writes_the_text_pages_and_links_them(tmp_path):
    """mkdocs builds the mini site with its speech made long: the text pages are written, listed in
    the sitemap, and the claim's "See the passage" link lands on the page with its quote."""
    from factories import MINI, write_config
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    speech = content / "documents" / "speech-2025.txt"
    extra = "\n\n".join(_paragraph(n) for n in range(1, 600))
    speech.write_text(extra + "\n\n" + speech.read_text(encoding="utf-8"), encoding="utf-8")
    config = load_config(str(write_config(tmp_path, content)))
    mkdocs_build(config)
    site = Path(config.site_dir)
    text = site / "documents" / "speech-2025" / "text"
    written = sorted(text.rglob("index.html"))
    assert len(written) >= 3 and (text / "page" / "2" / "index.html").exists()
    assert all(p.stat().st_size < LIMIT for p in site.rglob("*.html"))
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/documents/speech-2025/text/page/2/</loc>" in sitemap
    claim_html = (site / "claims" / "unemployment-doubled" / "index.html").read_text()
    href = re.search(r'href="([^"]+)#quote-unemployment-doubled"', claim_html).group(1)
    target = (site / "claims" / "unemployment-doubled" / href / "index.html").resolve()
    assert target.parent.parent == text / "page"  # the quote is near the end: a later page
    assert 'id="quote-unemployment-doubled"' in target.read_text(encoding="utf-8")
