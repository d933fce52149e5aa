"""A document's own words in its own language: a Spanish site checking an English speech.

The document page's full text, and the passage a claim page quotes from it, carry the document's
`lang` (its `language`, else the one language of the claims quoted from it), so a screen reader
reads them in that voice and the browser hyphenates them as that language; the rating names we
set inside the text stay marked as the page's words.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from factories import MINI, build_in_language


def _site(tmp_path: Path, *, claims_in: str | None, document_in: str | None) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    for cid in ("unemployment-doubled", "exports-halved"):  # the two quoted from the speech
        path = content / "claims" / f"{cid}.yaml"
        if claims_in:
            path.write_text(path.read_text("utf-8") + f"language: {claims_in}\n", "utf-8")
    if document_in:
        doc = content / "documents" / "speech-2025.yaml"
        doc.write_text(doc.read_text("utf-8") + f"language: {document_in}\n", "utf-8")
    return build_in_language(tmp_path, content, "es")


def _page(out: Path, path: str) -> str:
    return (out / path / "index.html").read_text("utf-8")


def _attrs(tag: str) -> dict[str, str]:
    """The attributes of one start tag, as a browser reads them."""
    return {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag)}


def _first(page: str, pattern: str) -> dict[str, str]:
    found = re.search(pattern, page)
    assert found, pattern
    return _attrs(found.group(0))


def _text_of(page: str) -> str:
    """The document's full text (its `.fc-doc-text` element, up to the end of the text)."""
    start = page.index('<div class="fc-doc-text"')
    return page[start : page.index("</div>", start)]


def test_an_english_speech_on_a_spanish_site_is_marked_english(tmp_path):
    out = _site(tmp_path, claims_in="en", document_in=None)
    page = _page(out, "documents/speech-2025")
    assert _first(page, r"<html\b[^>]*>")["lang"] == "es"
    text = _text_of(page)
    div = _first(text, r'<div class="fc-doc-text"[^>]*>')
    assert (div.get("lang"), div.get("dir")) == ("en", "ltr")
    assert "The minister spoke for an hour." in text
    # The rating after a passage is the page's word, its claim's title the claim's (English).
    rating = re.search(r'<a class="fc-passage__rating[^>]*>(.*?)</a>', text, re.S)
    assert rating and _attrs(rating.group(0).split(">")[0])["lang"] == "es"
    title = re.search(r'<span class="fc-sr"> \((<span [^>]*>)', rating.group(1))
    assert title and _attrs(title.group(1))["lang"] == "en"
    # The passage quoted on the claim page is the speech's: the page is English, and so is it.
    claim = _page(out, "claims/unemployment-doubled")
    context = _first(claim, r'<blockquote class="fc-context"[^>]*>')
    assert "lang" not in context
    assert "<mark>unemployment doubled between 2022 and 2025</mark>" in claim


def test_a_speech_in_the_sites_language_has_no_lang_of_its_own(tmp_path):
    out = _site(tmp_path, claims_in=None, document_in=None)
    text = _text_of(_page(out, "documents/speech-2025"))
    assert "lang" not in _first(text, r'<div class="fc-doc-text"[^>]*>')
    assert "lang" not in _first(text, r'<a class="fc-passage__rating[^>]*>')


def test_an_explicit_document_language_marks_its_quotes_and_its_claimreview(tmp_path):
    """A French speech quoted by claims written in the site's language (an editor's choice the
    inference cannot make): the passage on the claim page is French, as is the ClaimReview's
    appearance."""
    out = _site(tmp_path, claims_in=None, document_in="fr")
    div = _first(_page(out, "documents/speech-2025"), r'<div class="fc-doc-text"[^>]*>')
    assert (div.get("lang"), div.get("dir")) == ("fr", "ltr")
    claim = _page(out, "claims/unemployment-doubled")
    assert _first(claim, r'<blockquote class="fc-context"[^>]*>')["lang"] == "fr"
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', claim, re.S)
    assert script
    review = json.loads(script.group(1))
    works = review["itemReviewed"]["appearance"]
    speech = next(w for w in works if w["url"] == "https://news.example/speech")
    assert speech["inLanguage"] == "fr"


def test_a_mistyped_document_language_is_placed(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    doc = content / "documents" / "speech-2025.yaml"
    lines = doc.read_text("utf-8").splitlines()
    doc.write_text("\n".join([*lines, "language: English"]) + "\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", "--content", str(content)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    line = next(x for x in done.stdout.splitlines() if "speech-2025.yaml" in x)
    assert (
        line.startswith(f"{doc}:{len(lines) + 1}:") or f"speech-2025.yaml:{len(lines) + 1}:" in line
    )
    assert "'language'" in line and "English" in line
