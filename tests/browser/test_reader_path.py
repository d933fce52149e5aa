"""A reader's path through the site, asserting what is visible at each step:
home -> a rating page -> a claim -> a citation -> its source entry -> the claimant's page -> back."""

from __future__ import annotations

import re

from browserkit import content_ids, goto_path, load_yaml, settle
from playwright.sync_api import expect


def _find_link(page, href_pattern: str, scope: str = ".md-content"):
    """The first visible link in `scope` whose href matches the regex, or None."""
    links = page.locator(scope).first.locator("a[href]")
    for i in range(links.count()):
        link = links.nth(i)
        href = link.get_attribute("href") or ""
        if re.search(href_pattern, href) and link.is_visible():
            return link
    return None


def _visible_link(page, href_pattern: str, scope: str = ".md-content"):
    link = _find_link(page, href_pattern, scope)
    assert link is not None, f"no visible link matching {href_pattern!r} on {page.url}"
    return link


def _click(page, link) -> None:
    link.scroll_into_view_if_needed()
    link.click()
    settle(page)


def _used_ratings(site) -> list[str]:
    """Ids of the ratings that some published verdict has (their pages list claims)."""
    used = []
    for vid in content_ids(site.content / "verdicts"):
        rating = (load_yaml(site.content / "verdicts" / f"{vid}.yaml") or {}).get("rating")
        rating = {True: "true", False: "false"}.get(rating, rating)
        if rating and str(rating) not in used:
            used.append(str(rating))
    return used


def test_reader_path(site, page, page_log):
    used = _used_ratings(site)
    assert used, "no published verdict in the demo content"
    rating_page = r"(^|/)ratings/(" + "|".join(map(re.escape, used)) + r")/$"

    # Home: the reader sees the site's heading and ways into the checks, among them a rating.
    goto_path(page, "")
    expect(page.locator("h1").first).to_be_visible()
    rating_link = _find_link(page, rating_page)
    if rating_link is None:
        # No rating linked from the home page itself: through the rating scale, one click more.
        _click(page, _visible_link(page, r"(^|/)ratings/$"))
        expect(page).to_have_url(re.compile(r"/ratings/$"))
        rating_link = _visible_link(page, rating_page)

    # A rating page: its badge and heading name the rating, and it lists claims with that verdict.
    _click(page, rating_link)
    expect(page).to_have_url(re.compile(r"/ratings/[a-z0-9-]+/$"))
    heading = page.locator("h1").first
    expect(heading).to_be_visible()
    rating_name = page.locator(".md-content .fc-badge__label").first.inner_text().strip()
    assert rating_name, "the rating page shows no verdict badge"
    expect(heading).to_contain_text(rating_name, ignore_case=True)

    # A claim from that list: its text, its verdict (the same rating, as text) and the summary show.
    claim_link = _visible_link(page, r"(^|/)claims/[a-z0-9-]+/$")
    _click(page, claim_link)
    expect(page).to_have_url(re.compile(r"/claims/[a-z0-9-]+/$"))
    claim_url = page.url
    claim_title = page.locator("h1").first.inner_text().strip()
    expect(page.locator(".fc-claim__quote blockquote").first).to_be_visible()
    badge = page.locator(".fc-claim__rating .fc-badge").first
    expect(badge).to_be_visible()
    expect(badge).to_contain_text(rating_name, ignore_case=True)
    expect(page.locator(".fc-summary").first).to_be_visible()

    # A citation in the reasoning: the reader lands on its source entry, visible on screen.
    cite = page.locator(".fc-body sup.fc-cite a[href^='#source-']").first
    expect(cite).to_be_visible()
    target = cite.get_attribute("href")
    cite.scroll_into_view_if_needed()
    cite.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    entry = page.locator(f"li{target}")
    expect(entry).to_be_visible()
    expect(entry).to_be_in_viewport()
    expect(entry.locator("a[href^='http']").first).to_be_visible()  # the source itself, linked

    # The claimant's page: their name heads it and this claim is in their list.
    claimant = page.locator(".fc-claim__quote figcaption a[href*='people/']").first
    claimant_name = claimant.inner_text().strip()
    _click(page, claimant)
    expect(page).to_have_url(re.compile(r"/people/[a-z0-9-]+/$"))
    expect(page.locator("h1").first).to_contain_text(claimant_name)
    claim_path = re.sub(r"^https?://[^/]+", "", claim_url)
    listed = page.locator(f"main a[href$='{claim_path.rstrip('/').split('/')[-1]}/']")
    expect(listed.first).to_be_visible()

    # Back: the reader is on the claim again, at the source entry they had opened.
    page.go_back()
    settle(page)
    expect(page).to_have_url(re.compile(re.escape(claim_url) + re.escape(target) + "$"))
    expect(page.locator("h1").first).to_have_text(claim_title)
    expect(page.locator(f"li{target}")).to_be_visible()

    page_log.assert_clean("the reader's path")
