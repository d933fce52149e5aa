"""Search: the Pagefind index over the built site, and the small UI that queries it.

Pagefind reads the finished HTML (claim pages mark their text with `data-pagefind-body` and their facets
with `data-pagefind-filter`) and writes `pagefind/`: a few KB of entry metadata, a WebAssembly search
engine, and the index split into chunks and per-page fragments that the browser fetches only when a query
needs them. That keeps the first query at 10,000 claims at a few hundred KB, where a single JSON index
(mkdocs-material's) grows with the site.

The indexer is the `pagefind` Python package (`pagefind[extended]` ships the binary in the wheel, so
nothing is downloaded; the extended build splits Chinese and Japanese text into words, which the
standard one indexes as one word per run of characters). Its service (the Python API's protocol) is fed the pages in sorted path order
(`OrderedIndexer`), so page numbers do not depend on how a file system lists folders; if that fails,
or leaves an incomplete bundle, the same bundled binary runs as `python -m pagefind`. Every bundle is checked file by file (`bundle_problems`)
before the build accepts it. Only claim pages are read (`GLOB`). Pagefind 1.5 writes its filter chunks
in hash-map order; `canonicalize_filters` sorts them, so two builds of the same content give a
byte-identical `pagefind/` folder.

Pagefind holds the whole index in memory while it writes (1.7 GB at 10,000 claims, 4.6 GB at 30,000,
growing linearly), so a large site is indexed in parts of at most `Settings.search_part_size` claim
pages (default `PART_SIZE`), one Pagefind process after another, so the peak is one part's. Pages go
to parts in sorted path order (the first N, the next N...), so the parts are the same on every
machine. The first part is `pagefind/` itself (a site under N claims gets exactly the bundle it always
got); part n is the bundle `pagefind/part-n/` (`part_bundles`), each checked and canonicalised alone.
`search.js` imports the first part's pagefind.js and merges the others (`mergeIndex`, which searches
them with the first part's WebAssembly): readers get one result list and one set of filters.

A claim in Japanese, Chinese or Thai (its own `language`) on a site in another language is indexed
in its own language (`index_language`), each page's `<html lang>` set for Pagefind (`for_index`):
Pagefind splits those languages into words only in an index of that language, so a word inside a
Japanese sentence found nothing in the site's. A claim in any other language stays in the site's
index (stemmed as the site's words are, as the search stems its query). Khmer, Lao, Burmese and
Tibetan, which Pagefind does not split at all, reach it with a space between each two pieces of a
word (`pieced`, `PIECE_BREAKS`), and search.js splits a query the same way. Pagefind's script loads one
language of a bundle; `ui_config` lists the index languages (`indexLanguages`) and search.js merges
each other one of each part, the site's loaded first. A site in one index language loads what it
always did. Each
part's pages carry a filter naming the part, and a query searches only the parts that have every
word some part has: Pagefind alone answers a word a part lacks with a shorter word's pages there.

The UI (`generator/assets/search/`) is one ES module and one stylesheet served from the site itself:
`search.js` loads `pagefind/pagefind.js` on first use and renders results with each claim's verdict
badge, and rating/topic/claimant/year filters that combine (AND). `ui_config` lists the extra
parts' folders (`parts`) for it. A Hebrew or Arabic query word is also searched with the short
words those languages write onto it (ה, ב, ال, و...: search.js `prefixedQueries`), the lists
merged: Pagefind matches only the start of a word, and nothing invented is indexed.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from . import i18n
from .link import Site
from .settings import Settings

T = TypeVar("T")

log = logging.getLogger("mkdocs.plugins.factcheck")

BUNDLE = "pagefind"  # output folder inside the site
ASSET_DIR = "assets/search"  # where the UI is served from, site-relative
FACETS = ("rating", "topic", "claimant", "year")
# Only claim pages carry data-pagefind-body, so only they are read: at 10,000 claims the other ~9,000
# pages (people, documents, topics...) are a third of Pagefind's work for nothing. A test fails if a
# page elsewhere ever gets data-pagefind-body, so this cannot silently hide it.
GLOB = "claims/**/*.html"
# Claim pages per Pagefind run (plugin option `search_part_size`). Pagefind peaks at ~0.75 GB for a part
# of 5,000 and ~1.45 GB for 10,000; parts of 5,000 keep a build within 1.5 GB at 30,000 claims and 3 GB
# at 100,000. Each part adds its metadata and its chunk of each word to a first query: at 100,000
# claims 1.3-2.1 MiB over 20 parts against 1.1-1.7 MiB over 10 (README, "Search in parts").
PART_SIZE = 5_000
# Pagefind's allocator (jemalloc, its options read from this variable) keeps freed memory for ten
# seconds by default. A part peaks while Pagefind copies every page to build its index and frees the
# copies as it goes; handing them back at once lowered that peak from 1.68 to 1.45 GB for a part of
# 10,000 claims, in the same time. A value the user set is kept.
PAGEFIND_MALLOC = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
WRITE_WAIT_S = 30.0  # how long the Python API's service may take to finish writing the bundle
_CONFIG_MARK = "/*@config*/"
_CONFIG_END = "/*@end*/"
# Languages written without spaces between words, which Pagefind splits into words only in an index
# of their own language (its extended build's dictionaries when it indexes, the browser's
# Intl.Segmenter for the query: Pagefind's `needsWordSegmentation`). A claim in one of them on a site
# in another language is indexed in its own (`index_language`); every other claim in the site's.
SEGMENTED = ("ja", "th", "zh")
# Khmer, Lao, Burmese and Tibetan are written without spaces between words too, and Pagefind splits
# none of them: a sentence was one indexed word, and a word inside it found nothing. Python has no
# word dictionary for them, so the copy of a page Pagefind reads (`for_index`) gets a space at each
# place that needs none, and a word is always whole pieces: before each Khmer or Lao letter that
# starts a cluster (not a Khmer subscript after its coeng, nor a final its bantoc marks; not a Lao
# letter after the vowel written before it), before each Burmese letter that starts a syllable (not
# one a virama stacks or an asat makes a final), after each Tibetan tsheg, and between those letters
# and digits (`in_pieces`). search.js splits a query at the same places (this pattern is in its
# CONFIG), so a word inside a sentence finds its claims, and makes the excerpts it shows whole again.
_LETTERS = r"\u0E81-\u0ECE\u0F40-\u0FBC\u1000-\u103F\u1780-\u17D3"
_DIGITS = r"0-9\u0ED0-\u0ED9\u0F20-\u0F29\u1040-\u1049\u17E0-\u17E9"
PIECE_BREAKS = "|".join(
    (
        r"(?<=[\u1780-\u17D3\u17DD])(?<!\u17D2)(?=[\u1780-\u17B3])(?!.[\u17CB\u17CD])",  # Khmer
        r"(?<=[\u0E81-\u0EBD\u0EC6\u0EC8-\u0ECE])(?=[\u0E81-\u0EAE\u0EC0-\u0EC4\u0EDC-\u0EDF])",  # Lao
        r"(?<=[\u1000-\u103F\u1050-\u109D])(?<!\u1039)(?=[\u1000-\u102A\u103F\u104C-\u104F])"
        r"(?!.[\u1039\u103A])(?!.\u1037\u103A)",  # Burmese
        r"(?<=[\u0F0B\u0F0C])(?=[\u0F40-\u0FBC])",  # Tibetan
        rf"(?<=[{_LETTERS}])(?=[{_DIGITS}])",
        rf"(?<=[{_DIGITS}])(?=[{_LETTERS}])",
    )
)
_PIECE_BREAK = re.compile(PIECE_BREAKS)
_BREAK_AFTER_FIRST = re.compile(f".(?:{PIECE_BREAKS})")  # a break between its first two letters
_PIECED_SCRIPTS = re.compile(r"[\u0E81-\u0EDF\u0F00-\u0FFF\u1000-\u109F\u1780-\u17FF]")
# A space the text had where a break is (between two Khmer names): a word joiner between two spaces
# in the copy Pagefind reads, which Pagefind keeps in the excerpt and indexes as no word, and
# search.js turns back into one space.
KEPT_SPACE = " \u2060 "
_WHITESPACE = re.compile(r"(\s+)")
_TAG_OR_TEXT = re.compile(r"<[^>]*>|[^<]+")
# An element whose text is a filter's or a meta field's value (`data-pagefind-filter="topic"`, no
# value after a colon): its words stay as written, or the filter list would show them in pieces.
_VALUE_FROM_TEXT = re.compile(r'\sdata-pagefind-(filter|meta)="[^":]*"')
# A claim in a language other than the site's says so to the search UI (its title's language).
_PAGE_LANGUAGE = re.compile(r'data-pagefind-meta="lang:([A-Za-z0-9-]+)"')
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_LANG_ATTRIBUTE = re.compile(r"""\slang=("[^"]*"|'[^']*'|[^\s>]*)""", re.IGNORECASE)


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


@dataclass(frozen=True)
class IndexResult:
    pages: int  # pages indexed (those with data-pagefind-body)
    method: str  # "python-api" or "cli"
    bundle: Path
    parts: int = 1  # bundles: `bundle` and, past one part, bundle/part-2/...


def index_language(tag: str | None, language: str | None) -> str | None:
    """The index language of a page in `tag` on a site indexed in `language` (None: Pagefind reads
    each page's `<html lang>`): a language Pagefind splits into words (`SEGMENTED`) has its own,
    every other claim goes to the site's, searched with its stemmer as before."""
    own = (tag or "").split("-")[0].lower()
    if language and own in SEGMENTED and own != language:
        return own
    return language


def page_language(html: str) -> str | None:
    """The language of a claim page's own words, when it is not the site's (its `lang` meta)."""
    found = _PAGE_LANGUAGE.search(html, max(html.find("data-pagefind-body"), 0))
    return found.group(1) if found else None


def in_pieces(text: str) -> str:
    """`text` as Pagefind is to read it: each word of Khmer, Lao, Burmese or Tibetan letters cut at
    the `PIECE_BREAKS` places, written as each two neighbouring pieces (and the last alone), so that
    Pagefind sees which pieces follow which: ភ្នំពេញ as ភ្នំពេ ពេញ ញ. A search for one word then
    wants its pieces side by side, not each anywhere on the page (a third of the claims of a large
    Khmer site had them all). A space the text had at such a place becomes `KEPT_SPACE`."""
    if not _PIECED_SCRIPTS.search(text):
        return text
    parts = _WHITESPACE.split(text)  # words at even places, the space between them at odd ones
    for i in range(1, len(parts) - 1, 2):
        if _BREAK_AFTER_FIRST.match(parts[i - 1][-1:] + parts[i + 1][:2]):
            parts[i] = KEPT_SPACE
    for i in range(0, len(parts), 2):
        pieces = _PIECE_BREAK.split(parts[i])
        if len(pieces) > 1:
            parts[i] = " ".join(
                [a + b for a, b in zip(pieces, pieces[1:], strict=False)] + pieces[-1:]
            )
    return "".join(parts)


def pieced(html: str) -> str:
    """`html` with the text of its indexed part (from data-pagefind-body on) `in_pieces`, but for
    the text that gives a meta field its value (the title), and a filter's, which moves into its
    attribute (`data-pagefind-filter="claimant:សុខ ចាន់ធា"`) so the filter lists show it whole."""
    start = html.find("data-pagefind-body")
    if start < 0 or not _PIECED_SCRIPTS.search(html, start):
        return html
    out, value = [html[:start]], None
    for found in _TAG_OR_TEXT.finditer(html, start):
        token = found.group(0)
        if token.startswith("<"):
            value = _VALUE_FROM_TEXT.search(token)
            out.append(token)
        elif value is None:
            out.append(in_pieces(token))
        elif value.group(1) == "filter" and "," not in token and _PIECED_SCRIPTS.search(token):
            # A claimant's name is searched too: its value goes into the attribute, its text in pieces.
            tag = out.pop()
            named = f'{value.group(0)[:-1]}:{token.strip().replace(chr(34), "&quot;")}"'
            out += [tag.replace(value.group(0), named, 1), in_pieces(token)]
            value = None
        else:
            out.append(token)
    return "".join(out)


def for_index(html: str, language: str | None) -> str:
    """`html` as Pagefind is to read it on a site indexed in `language`.

    Pagefind indexes a page in the language of its `<html lang>`, and a claim in Japanese on an
    English site is an English page (no Japanese catalog) with Japanese words (`lang` on them):
    its `<html lang>` is set to `index_language` (`language` None: left as it is). Its Khmer, Lao,
    Burmese and Tibetan text is split into pieces (`pieced`)."""
    html = pieced(html)
    target = index_language(page_language(html), language)
    found = _HTML_TAG.search(html) if target else None
    if found is None:
        return html
    tag = _LANG_ATTRIBUTE.sub("", found.group(0))
    return f'{html[: found.start()]}{tag[:5]} lang="{target}"{tag[5:]}{html[found.end() :]}'


def part_size_of(size: int | None) -> int:
    """Claim pages per part: `size` (the setting), or `PART_SIZE` when it is 0, None or negative."""
    return size if size and size > 0 else PART_SIZE


def part_count(pages: int, size: int | None = None) -> int:
    """How many bundles `pages` claim pages make, parts of `part_size_of(size)` (at least one)."""
    return max(1, -(-pages // part_size_of(size)))


def part_urls(pages: int, size: int | None = None) -> list[str]:
    """The site-relative folders of the bundles after the first (`pagefind/part-2/`...)."""
    return [f"{BUNDLE}/part-{n}/" for n in range(2, part_count(pages, size) + 1)]


def split_pages(pages: list[T], size: int | None = None) -> list[list[T]]:
    """`pages` (in sorted order) cut into consecutive parts of at most `part_size_of(size)`."""
    step = part_size_of(size)
    return [pages[i : i + step] for i in range(0, len(pages), step)] or [pages]


def part_bundles(bundle: Path, parts: int | None = None) -> list[Path]:
    """The bundle folders of an index whose first part is `bundle`: `parts` of them, or those that
    exist (bundle/part-2, part-3... up to the first missing)."""
    if parts is not None:
        return [bundle] + [bundle / f"part-{n}" for n in range(2, parts + 1)]
    out = [bundle]
    while (bundle / f"part-{len(out) + 1}").is_dir():
        out.append(bundle / f"part-{len(out) + 1}")
    return out


def _body_pages(pages: list[tuple[str, Path]]) -> list[tuple[str, Path]]:
    """The pages that carry data-pagefind-body (those Pagefind keeps when any page has it), or all
    of them when none does (Pagefind then indexes every page)."""
    marked = [(url, path) for url, path in pages if "data-pagefind-body" in path.read_text("utf-8")]
    return marked or pages


def pages_in_order(site_dir: Path, glob: str = GLOB) -> list[tuple[str, Path]]:
    """The pages `glob` picks in `site_dir`, as (address, file), sorted by path.

    Pagefind numbers pages in the order it meets them, and on its own (`--site`, `add_directory`)
    that is the order the file system lists a folder: creation order on a memory file system, a
    hash order that differs between disks and machines elsewhere. Fed in this order, the bundle is
    the same wherever the build runs."""
    found = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.glob(glob) if p.is_file())
    return [("/" + rel.removesuffix("index.html"), site_dir / rel) for rel in found]


def pagefind_env() -> dict[str, str]:
    """The environment Pagefind runs in: ours, with `PAGEFIND_MALLOC` unless already set."""
    name, value = PAGEFIND_MALLOC
    return {name: value, **os.environ}


def _service_message(message_id: int, payload: dict[str, Any]) -> bytes:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode())


class OrderedIndexer:
    """Pagefind's service process (the protocol of the `pagefind` Python package), fed the pages one
    by one in a fixed order (`pages_in_order`).

    The package's own client waits a tenth of a second for each answer, so 10,000 `add_html_file`
    calls would take 17 minutes; here every request is written first, and a thread reads the answers
    as they come (the service handles requests one at a time, in the order sent)."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.answers: list[dict[str, Any]] = []
        self.last: int | None = None  # the id of the latest answer

    def run(self, pages: Iterable[tuple[str, Path]], bundle: Path, language: str | None) -> int:
        """Index `pages` into `bundle`; the number of pages Pagefind kept. Raises SearchIndexError.

        Each page goes to Pagefind as soon as `pages` yields it, so it reads pages that are still
        being rendered on a core mkdocs does not use."""
        from pagefind.service import get_executable

        exe = get_executable()
        if exe is None:
            raise SearchIndexError("no Pagefind binary")
        # Not `force_language`: that puts every page in one index, and a Japanese claim on an
        # English site must go to a Japanese one. Each page's `<html lang>` says it (`for_index`).
        config: dict[str, Any] = {"output_path": str(bundle)}
        with tempfile.TemporaryFile() as errors:
            self.proc = subprocess.Popen(
                [str(exe), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                env=pagefind_env(),
            )
            reader = threading.Thread(target=self._read, name="pagefind-answers", daemon=True)
            reader.start()
            try:
                assert self.proc.stdin is not None
                write = self.proc.stdin.write
                write(_service_message(1, {"type": "NewIndex", "config": config}) + b",")
                n = 1
                for n, (url, path) in enumerate(pages, start=2):
                    payload = {
                        "type": "AddFile",
                        "index_id": 0,  # the first index of a new service
                        "url": url,
                        "file_path": None,
                        "file_contents": for_index(path.read_text("utf-8"), language),
                    }
                    write(_service_message(n, payload) + b",")
                    self.proc.stdin.flush()
                last = n + 1
                payload = {"type": "WriteFiles", "index_id": 0, "output_path": str(bundle)}
                write(_service_message(last, payload) + b",")
                self.proc.stdin.flush()
                self._wait_for(last, reader)
                # The service answers before its last writes reach the disk, and leaving at once
                # can leave empty files (seen about one run in fifteen): wait until the bundle is whole.
                delay, waited = 0.02, 0.0
                while bundle_problems(bundle) and waited < WRITE_WAIT_S:
                    threading.Event().wait(delay)
                    waited += delay
                    delay = min(delay * 2, 0.5)
            except (OSError, ValueError) as e:
                errors.seek(0)
                raise SearchIndexError(f"Pagefind service: {e} {errors.read()[-2000:]!r}") from e
            finally:
                self.close()
                reader.join(timeout=5)
                if not reader.is_alive() and self.proc.stdout is not None:
                    self.proc.stdout.close()  # every answer is read: let go of the pipe
        failed = [a for a in self.answers if (a.get("payload") or {}).get("type") == "Error"]
        if failed:
            raise SearchIndexError(f"Pagefind service: {failed[0]['payload'].get('message')}")
        return sum(1 for a in self.answers if (a.get("payload") or {}).get("type") == "IndexedFile")

    def _read(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        buffer = b""
        while chunk := self.proc.stdout.read1(1 << 16):
            buffer += chunk
            *whole, buffer = buffer.split(b",")
            for message in whole:
                with contextlib.suppress(ValueError):
                    answer = json.loads(base64.b64decode(message))
                    self.answers.append(answer)
                    self.last = answer.get("message_id")

    def _wait_for(self, message_id: int, reader: threading.Thread) -> None:
        delay = 0.005
        while self.last != message_id:
            if not reader.is_alive():
                raise SearchIndexError("the Pagefind service stopped")
            threading.Event().wait(delay)
            delay = min(delay * 2, 0.1)

    def close(self) -> None:
        """End the service (closing its input ends it); kill it if it does not go."""
        proc = self.proc
        if proc is None:
            return
        with contextlib.suppress(OSError, ValueError):
            proc.stdin.close()  # type: ignore[union-attr]
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _cli_command(site_dir: Path, bundle: Path, language: str | None, glob: str) -> list[str]:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(bundle)]
    cmd += ["--glob", glob]
    if language:
        cmd += ["--force-language", language]
    return cmd


def _cli_failed(code: int, out: str, err: str) -> SearchIndexError:
    return SearchIndexError(f"pagefind failed (exit {code}):\n{out}\n{err}".strip())


def _index_with_cli(site_dir: Path, bundle: Path, language: str | None, glob: str = GLOB) -> None:
    cmd = _cli_command(site_dir, bundle, language, glob)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=pagefind_env())
    if proc.returncode != 0:
        raise _cli_failed(proc.returncode, proc.stdout, proc.stderr)


def _index_part_with_cli(
    pages: list[tuple[str, Path]], bundle: Path, language: str | None, work: Path
) -> None:
    """The binary over just `pages`, in a folder of their own in `work` (the CLI reads a folder),
    each page read at most once: written as `for_index` makes it where that sets its `<html
    lang>`, else linked (or copied). When some page has an index language of its own, each page's
    `<html lang>` names its index (the CLI's --force-language would put them all in one);
    otherwise --force-language `language` puts them all in the site's, whatever `<html lang>`
    they got. With no `language` (each page's `<html lang>`) no page is read."""
    mixed = False
    with tempfile.TemporaryDirectory(prefix=work_prefix(PAGEFIND_WORK), dir=work) as tmp:
        for url, path in pages:
            target = Path(tmp) / url.lstrip("/") / "index.html"
            if not url.endswith("/"):
                target = Path(tmp) / url.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            if language is not None:
                html = path.read_text("utf-8")
                mixed = mixed or index_language(page_language(html), language) != language
                indexed = for_index(html, language)
                if indexed != html:
                    target.write_text(indexed, "utf-8")
                    continue
            try:
                os.link(path, target)
            except OSError:
                shutil.copyfile(path, target)
        _index_with_cli(Path(tmp), bundle, None if mixed else language, "**/*.html")


def index_parts(
    parts: list[list[tuple[str, Path]]],
    bundle: Path,
    language: str | None,
    indexer: Any = None,
) -> int:
    """Run Pagefind over each part in turn, into `part_bundles(bundle, len(parts))`; each bundle is
    checked (`bundle_problems`) and its filters sorted. The pages indexed. Raises SearchIndexError.

    `indexer` (called with no argument) makes each part's OrderedIndexer: EarlyIndex keeps hold of it
    to kill it on cancel, and returns None when cancelled."""
    total = 0
    for pages, target in zip(parts, part_bundles(bundle, len(parts)), strict=True):
        run = (indexer or OrderedIndexer)()
        if run is None:
            return total
        total += run.run(pages, target, language)
        problems = bundle_problems(target)
        if problems:
            raise SearchIndexError(
                f"incomplete {target.relative_to(bundle.parent)}/: " + "; ".join(problems[:3])
            )
        canonicalize_filters(target)
    return total


def build_index(
    site_dir: Path,
    *,
    language: str | None = None,
    glob: str = GLOB,
    part_size: int | None = None,
) -> IndexResult:
    """Index the built site in `site_dir` into `site_dir/pagefind/`, replacing any earlier bundle.

    `language` (ISO 639-1) forces one index language; by default Pagefind reads `<html lang>`.
    `glob` picks the HTML files Pagefind reads (the claim pages). Past `part_size` (`part_size_of`) claim
    pages, the index is written in parts (`split_pages`).
    """
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise SearchIndexError(f"{site_dir} is not a folder: build the site first")
    bundle = site_dir / BUNDLE
    if bundle.exists():  # hashed names change with content: stale chunks must not pile up
        shutil.rmtree(bundle)
    method = "python-api"
    pages = pages_in_order(site_dir, glob)
    # Up to one part's worth, the files go to Pagefind as they are (it skips the unmarked ones);
    # past it, only the marked ones are counted into parts, as the early index counts them.
    parts = (
        [pages]
        if len(pages) <= part_size_of(part_size)
        else split_pages(_body_pages(pages), part_size)
    )
    try:
        if len(parts) == 1:
            OrderedIndexer().run(pages, bundle, language)
            problems = bundle_problems(bundle)
            if problems:
                raise SearchIndexError("; ".join(problems[:3]))
        else:
            index_parts(parts, bundle, language)
    except Exception as e:  # the service reports its errors as plain Exception
        log.warning("Pagefind Python API failed (%s); running the bundled binary instead", e)
        if bundle.exists():
            shutil.rmtree(bundle)
        method = "cli"
        for part, target in zip(parts, part_bundles(bundle, len(parts)), strict=True):
            _index_part_with_cli(part, target, language, site_dir.parent)
        for target in part_bundles(bundle, len(parts)):
            problems = bundle_problems(target)
            if problems:
                where = target.relative_to(site_dir).as_posix()
                raise SearchIndexError(
                    f"Pagefind wrote an incomplete {where}/: " + "; ".join(problems[:5])
                ) from None
            if len(parts) > 1:
                canonicalize_filters(target)
    if len(parts) == 1:
        canonicalize_filters(bundle)
    return IndexResult(
        pages=indexed_pages_all(bundle), method=method, bundle=bundle, parts=len(parts)
    )


# ---------------------------------------------------------------------------------------------------
# The early index: Pagefind beside mkdocs, from the rendered articles.


_IGNORED = re.compile(r'<([a-z][a-z0-9]*)\b[^>]*\sdata-pagefind-ignore="all"[^>]*>')


def without_ignored(html: str) -> str:
    """`html` less its elements marked data-pagefind-ignore="all", which Pagefind drops unread.

    The related-claims box is half of a claim article; Pagefind parses it only to throw it away.
    The markup is the renderer's own (contributor text arrives escaped), so tags can be counted.
    """
    out, at = [], 0
    while (start := _IGNORED.search(html, at)) is not None:
        name = start.group(1)
        tags = re.compile(rf"<(/?){name}\b[^>]*>")
        depth, end = 1, start.end()
        while depth:
            tag = tags.search(html, end)
            if tag is None:  # unbalanced: leave the rest for Pagefind to read
                return "".join(out) + html[at:]
            depth += -1 if tag.group(1) else 1
            end = tag.end()
        out.append(html[at : start.start()])
        at = end
    out.append(html[at:])
    return "".join(out)


def index_document(title: str, body: str, language: str | None) -> str:
    """A claim page as Pagefind reads it: the article, which holds everything it indexes.

    Pagefind reads only the elements marked data-pagefind-body (and the meta and filters inside
    them), so this gives the same bundle as the finished page, without the ~25 KB of theme around
    it or the parts it ignores (tests compare the two bundles byte for byte).
    """
    lang = f' lang="{language}"' if language else ""
    head = f'<head><meta charset="utf-8"><title>{title}</title></head>'
    return f"<!DOCTYPE html><html{lang}>{head}<body>{without_ignored(body)}</body></html>"


SCRATCH_PER_PAGE = 64 * 1024  # room asked of /dev/shm for each claim's document (most need ~10 KB)


def scratch_folder(fallback: Path, pages: int = 0) -> Path:
    """Where the early index writes its documents: memory (/dev/shm) when the system has it, with
    room for `pages` documents (a container's /dev/shm may hold only 64 MB), else `fallback`.

    10,000 claims mean 10,000 folders made, read and removed again; on this project's build
    machine each such file-system step costs ~0.2 ms on disk and almost nothing in memory.
    """
    shm = Path("/dev/shm")
    try:
        if os.access(shm, os.W_OK | os.X_OK) and (
            shutil.disk_usage(shm).free >= pages * SCRATCH_PER_PAGE
        ):
            return shm
    except OSError:
        pass
    return fallback


# A work folder's name is a prefix, then its build's process id (see `work_prefix`).
PAGEFIND_WORK = ".pagefind-"


def work_prefix(prefix: str) -> str:
    """The start of a work folder's name for this process: `remove_abandoned` reads the id back."""
    return f"{prefix}{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no way to ask: assume it runs
        return True
    return True


def remove_abandoned(parent: Path, *prefixes: str) -> list[str]:
    """Remove the work folders that killed builds left in `parent`; the names removed.

    A build stopped by SIGKILL (an out-of-memory kill, a CI timeout) runs no cleanup, and in
    /dev/shm its documents (about 76 MB at 10,000 claims) hold memory until the machine restarts;
    beside a site, a half-built copy of it stays for ever. Folders named `work_prefix(prefix)...`
    (default: Pagefind's) are removed only when they are this user's and their process is gone.
    """
    work = re.compile(
        "(?:" + "|".join(re.escape(p) for p in prefixes or (PAGEFIND_WORK,)) + ")([0-9]+)-"
    )
    removed = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    for entry in entries:
        found = work.match(entry.name)
        try:
            if not found or not entry.is_dir(follow_symlinks=False):
                continue
            if entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
        except OSError:
            continue
        if not _alive(int(found.group(1))):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.name)
    return removed


class EarlyIndex:
    """The search index built while mkdocs still writes the site.

    `sink` writes each claim article into a work folder as an `index_document`, in the process that
    rendered it. `start`'s thread runs Pagefind over those documents part by part: the claims are
    cut into parts in sorted order (`split_pages`), the order the engine writes them in, and
    Pagefind (`OrderedIndexer`, in its own process, beside mkdocs) reads each part's documents in
    that order as they are written, one part after another: it works on the core mkdocs leaves
    free instead of waiting for a whole part (at 10,000 claims the wait for the index after mkdocs
    fell from 8.0-9.5 s to 2.3-4.3 s). Each bundle is checked (`bundle_problems`) and its filters
    sorted there too, and each document is deleted once Pagefind has read it.
    `finish` says no more documents will come, waits, moves the bundle into the site if it was
    written elsewhere, or raises SearchIndexError (the caller then indexes the built site).
    Pages without data-pagefind-body are left out, as Pagefind leaves them out when others have it.
    """

    FAILED = "failed"  # written in the work folder by a worker that could not write its document
    NO_BODY = ".no-body"  # written in a page's folder when it has no data-pagefind-body

    def __init__(
        self,
        work_parent: Path,
        language: str | None,
        section: str = "claims/",
        urls: Iterable[str] = (),
        part_size: int | None = None,
    ) -> None:
        for name in remove_abandoned(work_parent):
            log.info("Removed %s, left in %s by a build that was killed", name, work_parent)
        self.work = Path(tempfile.mkdtemp(prefix=work_prefix(PAGEFIND_WORK), dir=work_parent))
        self.docs = self.work / "site"
        # Pagefind numbers pages in the order it finds them, which is the order the system lists a
        # folder's entries: on a memory file system, the order they were made. Making the pages'
        # folders here, sorted, before the workers write into them keeps the bundle reproducible.
        self.urls = sorted(urls)
        for url in self.urls:
            (self.docs / url).mkdir(parents=True, exist_ok=True)
        self.bundle = self.work / BUNDLE
        self.section, self.language = section, language
        self.part_size = part_size
        self.parts = 1
        self._indexer: OrderedIndexer | None = None
        self._lock = threading.Lock()
        self._cancelled = False
        self._thread: threading.Thread | None = None
        self._finishing = threading.Event()  # no more documents will come
        self.error: BaseException | None = None

    def sink(self, page: Any) -> None:
        """Write one rendered page's document (a claim page with data-pagefind-body)."""
        html = page.html
        if not page.url.startswith(self.section):
            return
        if "data-pagefind-body" not in html:  # nothing to index, but its part need not wait for it
            with contextlib.suppress(OSError):
                (self.docs / page.url).mkdir(parents=True, exist_ok=True)
                (self.docs / page.url / self.NO_BODY).touch()
            return
        target = self.docs / page.url / "index.html"
        # Whole or not at all: without workers, two threads may render (and write) the same page.
        part = target.with_name(f".{os.getpid()}-{threading.get_ident()}.part")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            language = index_language(page_language(html), self.language)
            part.write_text(index_document(page.meta["title"], html, language), "utf-8")
            os.replace(part, target)
        except OSError as e:  # a full disk: the index is built from the finished pages instead
            part.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                (self.work / self.FAILED).write_text(f"{page.url}: {e}", "utf-8")

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self, bundle: Path | None = None) -> None:
        """Run Pagefind, in a thread, over each part once its documents exist. `bundle` is where
        Pagefind writes (replacing what is there); by default the work folder."""
        if bundle is not None:
            self.bundle = Path(bundle)
        self._thread = threading.Thread(target=self._run, name="pagefind-early", daemon=True)
        self._thread.start()

    def _failed(self) -> None:
        failed = self.work / self.FAILED
        if failed.exists():
            raise SearchIndexError(f"a search document could not be written ({failed.read_text()})")

    def _arriving(self, urls: list[str], taken: list[Path]) -> Iterator[tuple[str, Path]]:
        """The documents of one part in order, each as soon as it exists (a page without one is
        skipped once it says so), each deleted once read; each path also goes into `taken`. Stops
        if cancelled. `finish` stops the wait: a page the engine never wrote is left out, as the
        built site would leave it out."""
        for url in urls:
            folder = self.docs / url
            document = folder / "index.html"
            delay = 0.01
            while not (document.exists() or (folder / self.NO_BODY).exists()):
                if self._cancelled:
                    return
                self._failed()
                if self._finishing.is_set():
                    break
                self._finishing.wait(delay)
                delay = min(delay * 2, 0.25)
            if self._cancelled:
                return
            if document.exists():
                taken.append(document)
                yield "/" + url, document
                # Read for good once the indexer asks for the next one: in /dev/shm a document
                # is memory (~9 KB), and a part's would otherwise wait for the whole part.
                document.unlink(missing_ok=True)

    def _run(self) -> None:
        try:
            if self._cancelled:
                return
            if self.bundle.exists():  # hashed names change with content: no stale chunks
                shutil.rmtree(self.bundle)
            if self.urls:  # known ahead: each part starts once its pages are written
                parts = split_pages(self.urls, self.part_size)
            else:  # only what is written: wait for all of it
                self._finishing.wait()
                if self._cancelled:
                    return
                self._failed()
                written = [url.lstrip("/") for url, _ in pages_in_order(self.docs)]
                parts = split_pages(written, self.part_size)
            self.parts = len(parts)
            targets = part_bundles(self.bundle, len(parts))
            for urls, target in zip(parts, targets, strict=True):
                with self._lock:
                    if self._cancelled:
                        return
                    self._indexer = OrderedIndexer()
                # Pagefind reads the part's documents as they are written, while mkdocs templates.
                taken: list[Path] = []
                try:
                    pages = self._arriving(urls, taken)
                    index_parts([pages], target, self.language, lambda: self._indexer)
                except SearchIndexError:
                    if taken or len(parts) > 1 or self._cancelled:
                        raise
                    # Pagefind given no page: said below, after a document that failed to be
                    # written, which says why first.
                if self._cancelled:
                    return
                self._failed()
                if not taken and len(parts) == 1:
                    raise SearchIndexError("no page has data-pagefind-body")
        except BaseException as e:  # handed to the caller by finish()
            if not self._cancelled:  # a killed Pagefind fails on its way out: that is no error
                self.error = e

    def finish(self, site_dir: Path) -> IndexResult:
        """Wait for Pagefind (its thread checked the bundle and sorted its filters) and have the
        bundle in site_dir/pagefind/."""
        try:
            if self._thread is None:
                raise SearchIndexError("the early search index was never started")
            self._finishing.set()
            self._thread.join()
            if self.error is not None:
                raise SearchIndexError(f"early search index failed: {self.error}")
            target = Path(site_dir) / BUNDLE
            if target.resolve() != self.bundle.resolve():
                if target.exists():
                    shutil.rmtree(target)
                shutil.move(str(self.bundle), str(target))
            return IndexResult(
                pages=indexed_pages_all(target), method="early", bundle=target, parts=self.parts
            )
        finally:
            shutil.rmtree(self.work, ignore_errors=True)

    def cancel(self) -> None:
        """Stop (a failed build): kill Pagefind if it runs, and remove what it wrote."""
        with self._lock:
            self._cancelled = True
            self._finishing.set()
            running = self._indexer is not None
            proc = self._indexer.proc if self._indexer is not None else None
            if proc is not None and proc.poll() is None:
                proc.kill()
        if self._thread is not None:
            self._thread.join()
        if running:
            shutil.rmtree(self.bundle, ignore_errors=True)
        shutil.rmtree(self.work, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------
# Determinism. Pagefind 1.5 writes its filter chunks (and the filter list in its metadata file) in hash
# map order, which changes from run to run: same content, different bytes and file names. Everything
# else it writes is already byte-identical. `canonicalize_filters` sorts those lists and renames the
# files after their content. It rewrites nothing unless its small CBOR codec reproduces Pagefind's
# files exactly, so a future format change leaves Pagefind's output as it is (logged) instead of broken.

_SIGNATURE = b"pagefind_dcd"


class _Float:
    """A CBOR float or other simple value, kept as its raw bytes so it re-encodes identically."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw


def _cbor_decode(data: bytes, at: int = 0):
    head = data[at]
    major, info = head >> 5, head & 0x1F
    at += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        if major == 7 and info > 24:  # float16/32/64
            return _Float(data[at - 1 : at + size]), at + size
        arg = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError(f"unsupported CBOR head {head:#x}")
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major == 2:
        return data[at : at + arg], at + arg
    if major == 3:
        return data[at : at + arg].decode("utf-8"), at + arg
    if major in (4, 5):
        items = []
        for _ in range(arg * (2 if major == 5 else 1)):
            item, at = _cbor_decode(data, at)
            items.append(item)
        if major == 5:
            return dict(zip(items[::2], items[1::2], strict=True)), at
        return items, at
    if major == 7:
        return {20: False, 21: True, 22: None}.get(arg, _Float(bytes([head]))), at
    raise ValueError(f"unsupported CBOR major type {major}")


def _cbor_head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _cbor_encode(value) -> bytes:
    if value is False or value is True or value is None:
        return bytes([{False: 0xF4, True: 0xF5, None: 0xF6}[value]])
    if isinstance(value, _Float):
        return value.raw
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(v) for v in value)
    if isinstance(value, dict):
        return _cbor_head(5, len(value)) + b"".join(
            _cbor_encode(k) + _cbor_encode(v) for k, v in value.items()
        )
    raise TypeError(f"cannot encode {type(value).__name__} as CBOR")


def _read_chunk(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_SIGNATURE):
        raise ValueError(f"{path.name}: no Pagefind signature")
    body = raw[len(_SIGNATURE) :]
    value, end = _cbor_decode(body)
    if end != len(body) or _cbor_encode(value) != body:
        raise ValueError(f"{path.name}: does not round-trip")
    return value


def _chunk_bytes(value) -> bytes:
    return gzip.compress(_SIGNATURE + _cbor_encode(value), compresslevel=9, mtime=0)


def canonicalize_filters(bundle: Path) -> bool:
    """Make the filter chunks, the metadata file and the entry file depend on the content only.

    Returns True when the bundle was rewritten, False when its format was not the expected one (the
    bundle is then left exactly as Pagefind wrote it).
    """
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text("utf-8"))
        plan = []  # (language, old meta path, new meta value, {old filter path: new value})
        for language, info in entry["languages"].items():
            meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
            meta = _read_chunk(meta_path)
            filters_at = next(
                i
                for i, v in enumerate(meta)
                if isinstance(v, list)
                and v
                and all(isinstance(f, list) and len(f) == 2 for f in v)
                and all(isinstance(f[0], str) and isinstance(f[1], str) for f in v)
                and all((bundle / "filter" / f"{f[1]}.pf_filter").is_file() for f in v)
            )
            chunks = {}
            for name, chunk_hash in meta[filters_at]:
                path = bundle / "filter" / f"{chunk_hash}.pf_filter"
                chunk = _read_chunk(path)
                if not (isinstance(chunk, list) and len(chunk) == 2 and chunk[0] == name):
                    raise ValueError(f"{path.name}: unexpected layout")
                values = chunk[1]
                if not all(isinstance(v, list) and isinstance(v[0], str) for v in values):
                    raise ValueError(f"{path.name}: unexpected values")
                chunks[path] = [name, sorted(values, key=lambda v: v[0])]
            plan.append((language, meta_path, meta, filters_at, chunks))
    except (
        OSError,
        ValueError,
        KeyError,
        TypeError,
        StopIteration,
        EOFError,
        gzip.BadGzipFile,
    ) as e:
        log.debug("Pagefind filter chunks left as written (%s)", e)
        return False

    for language, meta_path, meta, filters_at, chunks in plan:
        prefix = language + "_"
        renamed = {}
        for path, chunk in chunks.items():
            data = _chunk_bytes(chunk)
            new_hash = prefix + hashlib.sha256(data).hexdigest()[:7]
            path.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            renamed[path.stem] = new_hash
        meta[filters_at] = sorted(
            ([name, renamed[h]] for name, h in meta[filters_at]), key=lambda f: f[0]
        )
        data = _chunk_bytes(meta)
        new_meta = prefix + hashlib.sha256(data).hexdigest()[:10]
        meta_path.unlink()
        (bundle / f"pagefind.{new_meta}.pf_meta").write_bytes(data)
        entry["languages"][language]["hash"] = new_meta
    # Pagefind lists a bundle's languages in hash-map order too.
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return True


def bundle_problems(bundle: Path) -> list[str]:
    """What is missing or broken in a Pagefind bundle: [] when every file the search loads is whole.

    Reads the entry file, each language's metadata, and every index chunk, filter chunk and page
    fragment the metadata names (each must decompress completely), plus the scripts and WebAssembly.
    """
    problems = []
    for name in ("pagefind.js", "pagefind-worker.js"):
        if not (bundle / name).is_file() or (bundle / name).stat().st_size == 0:
            problems.append(f"{name} missing or empty")
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        languages = entry["languages"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        return [*problems, f"pagefind-entry.json unreadable ({e})"]
    folders = {"fragment": ".pf_fragment", "index": ".pf_index", "filter": ".pf_filter"}
    for language, info in languages.items():
        try:
            # no stemmer for the language (uk, for one): Pagefind writes wasm.unknown.pagefind
            _whole(bundle / f"wasm.{info.get('wasm', language) or 'unknown'}.pagefind")
            meta = _whole(bundle / f"pagefind.{info['hash']}.pf_meta")
        except (OSError, ValueError, KeyError, EOFError) as e:
            problems.append(f"{language}: {e}")
            continue
        try:
            tree, _ = _cbor_decode(meta[len(_SIGNATURE) :])
        except (ValueError, IndexError, UnicodeDecodeError) as e:
            problems.append(f"{language}: metadata unreadable ({e})")
            continue
        chunk_name = re.compile(re.escape(language) + r"_[0-9a-f]{7,}")
        names = {t for t in _strings(tree) if chunk_name.fullmatch(t)}
        found = 0
        for name in sorted(names):
            paths = [bundle / folder / (name + ext) for folder, ext in folders.items()]
            path = next((p for p in paths if p.is_file()), None)
            if path is None:
                problems.append(f"{name} is named in the metadata but missing")
                continue
            found += 1
            try:
                _whole(path)
            except (OSError, ValueError, EOFError) as e:
                problems.append(f"{path.relative_to(bundle)}: {e}")
        for folder, ext in folders.items():
            for path in sorted((bundle / folder).glob(f"{language}_*{ext}")):
                if path.stem not in names:
                    problems.append(f"{path.relative_to(bundle)} is not in the metadata")
        if found < int(info.get("page_count", 0)):
            problems.append(f"{language}: {found} chunks for {info.get('page_count')} pages")
    return problems


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)


def _whole(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE) and not path.name.startswith("wasm."):
        raise ValueError(f"{path.name}: no Pagefind signature")
    return data


def indexed_pages(bundle: Path) -> int:
    """Pages in the written index (those with data-pagefind-body, when any page has it)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    return sum(int(lang.get("page_count", 0)) for lang in entry.get("languages", {}).values())


def indexed_pages_all(bundle: Path) -> int:
    """Pages in every part of the index whose first part is `bundle`."""
    return sum(indexed_pages(part) for part in part_bundles(bundle))


def ui_config(site: Site, settings: Settings) -> dict:
    """What the UI needs to know about the content: the rating scale in order, with the same colours
    and icons as the badges on the pages, and the index's parts after the first (`part_urls`: every
    claim has its page, so the claims are the pages the index counts into parts)."""
    from .render.core import Scale, badge_colors, default_icon

    ratings = sorted(site.content.ratings.values(), key=lambda r: (r.order, r.id))
    scale = Scale.of(ratings)
    out = []
    for r in ratings:
        colors = badge_colors(r.color)
        out.append(
            {
                "id": r.id,
                "label": r.label,
                "bg": colors[0] if colors else None,
                "fg": colors[1] if colors else None,
                "icon": default_icon(r, scale.best, scale.worst),
            }
        )
    from .languages import list_languages, same

    strings = ui_strings(settings.messages)
    facets = list(FACETS)
    config: dict[str, Any] = {}
    others = [t for t in list_languages(site, settings) if not same(t, settings.language)]
    if others:  # claims in several languages: filter by one; each page's words in its language
        facets.append("language")
        strings["language"] = settings.messages.gettext("Language")
        config["languages"] = {}
        for tag in others:
            msg = i18n.messages(tag, None, settings.locale_dirs)
            config["languages"][tag] = {**ui_strings(msg), "language": msg.gettext("Language")}
        # A claim in Japanese, Chinese or Thai goes to an index of its language (`index_language`):
        # the site's index first, as the UI loads it first.
        own = (settings.language or "").split("-")[0].lower()
        indexed = sorted({index_language(t, own) for t in others} - {own})
        if indexed:
            config["indexLanguages"] = [own, *indexed]
    parts = part_urls(len(site.content.claims), settings.search_part_size)
    if parts:  # only past one part, so a smaller site's search.js stays as it was
        config["parts"] = parts
    return {
        "pieceBreaks": PIECE_BREAKS,
        "ratings": out,
        "facets": facets,
        "claimsIndex": "claims/",
        "lang": settings.language,
        "dir": settings.messages.dir,
        "strings": strings,
        **config,
    }


def ui_strings(msg: i18n.Messages) -> dict[str, Any]:
    """The search UI's words in the site's language. Plurals go by CLDR category (`one`, `few`,
    ...): the page picks one with the browser's Intl.PluralRules, so Ukrainian and Arabic get
    their own forms without a plural formula in JavaScript."""
    _ = msg.gettext
    found: dict[str, str] = {}
    showing: dict[str, str] = {}
    for category, n in i18n.plural_samples(msg.locale).items():
        found[category] = msg.ngettext("%(num)d claim found.", "%(num)d claims found.", n)
        showing[category] = msg.ngettext(
            "%(num)d claim found, showing %(shown)d.", "%(num)d claims found, showing %(shown)d.", n
        )
    return {
        "underReview": _("Under review"),
        "rating": _("Rating:"),
        "status": _("Status:"),
        "any": _("Any"),
        "prompt": _("Type a word from a claim, a name or a document title, or choose a filter."),
        "searching": _("Searching…"),
        "unavailable": _("Search is not available right now."),
        "browseInstead": _("Browse all claims instead"),
        "noMatch": _("No claims match."),
        # The panel search.js builds under the box (partials/search.html carries only the box).
        "panel": _("Search results"),
        "filters": _("Filter claims"),
        "clear": _("Clear filters"),
        "more": _("More results"),
        "facets": {
            "rating": _("Rating"),
            "topic": _("Topic"),
            "claimant": _("Claimant"),
            "year": _("Year"),
            "language": _("Language"),
        },
        "found": found,
        "foundShowing": showing,
    }


def _asset(name: str) -> str:
    return resources.files("generator").joinpath("assets", "search", name).read_text("utf-8")


def ui_files(site: Site, settings: Settings) -> dict[str, str]:
    """The search UI files, by site-relative path, with the rating scale written into search.js."""
    js = _asset("search.js")
    start, end = js.index(_CONFIG_MARK), js.index(_CONFIG_END)
    config = json.dumps(ui_config(site, settings), ensure_ascii=False, sort_keys=True)
    # JSON is valid JS; "<" is escaped anyway in case the module is ever inlined in HTML.
    config = config.replace("<", "\\u003c")
    js = js[: start + len(_CONFIG_MARK)] + config + js[end:]
    return {f"{ASSET_DIR}/search.js": js, f"{ASSET_DIR}/search.css": _asset("search.css")}
