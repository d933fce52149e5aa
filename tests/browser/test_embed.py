"""The embeddable card (claims/<id>/embed/): pasted as the claim page gives it into another page
served from 127.0.0.1, it renders in its <iframe> with no console error and no request elsewhere."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from playwright.sync_api import expect


def test_the_embed_card_renders_in_an_iframe(site, page, page_log):
    claim = site.claim_paths(with_verdict=True)[0]
    source = site.page_file(claim).read_text(encoding="utf-8")
    found = re.search(r'<textarea id="fc-embed-code"[^>]*>(.*?)</textarea>', source, re.S)
    assert found, f"{claim}: no embed code"
    snippet = html.unescape(found.group(1))
    src = re.search(r'src="([^"]+)"', snippet).group(1)
    # The snippet names the published address; here the card comes from the local server.
    local = snippet.replace(src, site.url(urlsplit(src).path))
    host = site.url("embed-host.html")
    body = f"<!doctype html><html lang=en><title>Another site</title><p>Seen elsewhere:</p>{local}"
    page.route(host, lambda route: route.fulfill(status=200, content_type="text/html", body=body))
    page.goto(host)
    page.wait_for_load_state("load")
    card = page.frame_locator("iframe")
    expect(card.locator("blockquote")).to_be_visible()
    expect(card.locator(".badge")).to_be_visible()
    more = card.locator('a[target="_top"]')
    expect(more).to_have_attribute("href", src.replace("embed/", ""))
    frame = page.frames[1]
    assert frame.evaluate("document.scripts.length") == 0
    # The card fits its frame: nothing cut off at the bottom edge, no scrollbar.
    assert frame.evaluate(
        "document.documentElement.scrollHeight <= window.innerHeight"
        " && document.documentElement.scrollWidth <= window.innerWidth"
    )
    page_log.assert_clean("the embed card in an iframe")
