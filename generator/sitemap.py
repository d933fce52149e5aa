"""A sitemap index once the site outgrows one sitemap (sitemaps.org: 50,000 URLs or 50 MB a file).

The engine writes `sitemap.xml` (mkdocs from its theme's static template, Zensical its own) and
`sitemap.xml.gz`. Past the limit, `split` moves its URLs, in their order, into `sitemap-1.xml`,
`sitemap-2.xml`... and makes `sitemap.xml` (and its `.gz`) an index of those files, so the address
search engines know keeps working. A site under the limit is left as the engine wrote it, but for
`escape_addresses`: Zensical writes a `site_url` with `&` in it as typed, which no XML reader
can read.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from xml.sax.saxutils import escape

LIMIT = 50_000  # URLs in one sitemap file (sitemaps.org)
MAX_BYTES = 50 * 1000 * 1000  # and bytes, uncompressed; kept well under with a margin below
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_URL = re.compile(rb"<url>.*?</url>", re.DOTALL)
_LASTMOD = re.compile(rb"<lastmod>([^<]*)</lastmod>")
_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def _chunks(urls: list[bytes], limit: int) -> list[list[bytes]]:
    out: list[list[bytes]] = [[]]
    size = 0
    for url in urls:
        if len(out[-1]) >= limit or size + len(url) > MAX_BYTES - 1000:
            out.append([])
            size = 0
        out[-1].append(url)
        size += len(url) + 1
    return out


def _write(sitemap: Path, data: bytes) -> None:
    """sitemap.xml, and its compressed copy when the engine wrote one: they say the same."""
    sitemap.write_bytes(data)
    gz = sitemap.with_name("sitemap.xml.gz")
    if gz.exists():
        gz.write_bytes(gzip.compress(data, mtime=0))


def escape_addresses(site_dir: Path, site_url: str) -> bool:
    """Escape the `&` of a site address in sitemap.xml's `<loc>`s where the engine left it as
    typed (Zensical does; mkdocs escapes it): `https://example.org/news&facts/` made the sitemap
    unreadable, and search engines dropped it whole. Returns whether it changed anything.

    Only an address that starts with `site_url` exactly as typed is escaped, so one the engine
    escaped already (`&amp;`) is never escaped twice."""
    sitemap = Path(site_dir) / "sitemap.xml"
    typed = site_url.encode("utf-8")
    escaped = escape(site_url).encode("utf-8")
    if typed == escaped or not sitemap.is_file():
        return False
    data = sitemap.read_bytes()
    fixed = data.replace(b"<loc>" + typed, b"<loc>" + escaped)
    if fixed == data:
        return False
    _write(sitemap, fixed)
    return True


def split(site_dir: Path, site_url: str, limit: int | None = None) -> int:
    """Make site_dir/sitemap.xml an index when it lists more than `limit` URLs (its addresses
    escaped first: `escape_addresses`).

    Returns how many sitemap files the URLs are in now (1: nothing changed).
    """
    sitemap = Path(site_dir) / "sitemap.xml"
    if not sitemap.is_file():
        return 0
    escape_addresses(site_dir, site_url)
    data = sitemap.read_bytes()
    if b"<sitemapindex" in data[:500]:
        return 0  # already an index (a preview keeps the first build's)
    urls = _URL.findall(data)
    limit = LIMIT if limit is None else limit
    if len(urls) <= limit:
        return 1
    base = site_url.rstrip("/") + "/"
    index = [_HEAD, f'<sitemapindex xmlns="{NS}">\n'.encode()]
    chunks = _chunks(urls, limit)
    for n, chunk in enumerate(chunks, 1):
        name = f"sitemap-{n}.xml"
        # Language alternates of translated claims (languages.sitemap_alternates) keep their prefix.
        xhtml = f' xmlns:xhtml="{XHTML_NS}"' if any(b"<xhtml:link" in u for u in chunk) else ""
        body = b"".join([_HEAD, f'<urlset xmlns="{NS}"{xhtml}>\n'.encode(), b"\n".join(chunk)])
        (Path(site_dir) / name).write_bytes(body + b"\n</urlset>\n")
        dates = [m.group(1) for u in chunk if (m := _LASTMOD.search(u))]
        lastmod = f"<lastmod>{max(dates).decode()}</lastmod>" if dates else ""
        loc = escape(base + name)
        index.append(f"<sitemap><loc>{loc}</loc>{lastmod}</sitemap>\n".encode())
    index.append(b"</sitemapindex>\n")
    _write(sitemap, b"".join(index))
    return len(chunks)
