"""Fixtures for the browser tests: the demo site built once per session, served from 127.0.0.1, and
Debian's Chromium driven headless by Playwright. Plain helpers live in browserkit.py.

Fixtures other test files can use:

- ``site`` (session): the built demo site (``browserkit.Site``): ``root`` folder, ``base_url``,
  ``url(path)``, ``pages`` (page type -> site-relative path, e.g. ``"claim"`` -> ``"claims/some-id/"``,
  ``"search"`` -> ``"search/?q=North+Korea"``), ``files`` (every built HTML file) and ``content``.
- ``unverdicted_site`` (session): a site with a claim that has no verdict (``pages["claim_unverdicted"]``):
  the demo site when its content has one, else a copy of ``content/`` plus one extra claim, built once.
- ``browser`` (session): a Playwright ``Browser`` running ``/usr/bin/chromium`` headless.
- ``context`` / ``page``: a fresh browser context (1280x800, ``base_url`` = the demo site) and a page.
  Every request to a host other than 127.0.0.1 is recorded and aborted, so nothing leaves the machine,
  and fails the test at teardown whether or not the test looked.
- ``page_log``: what ``page`` did (``console_errors``, ``failed_requests``, ``foreign_requests``); call
  ``page_log.assert_clean("where")`` after a test's steps.
- ``make_page(base_url, **context_options) -> (page, log)``: more pages with their own viewport,
  ``color_scheme`` or ``reduced_motion``; same recording and teardown check.
- ``goto(page, path)``: open a site-relative path and wait until it has settled.

``FACTCHECK_BROWSER_SITE=/path/to/site`` reuses a site already built from ``content/`` instead of
building one (to rerun one test quickly).

Nothing here skips: a missing Chromium, Java or ``node_modules`` fails the tests with a message that says
to run ``make browser-deps`` (CI installs them).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import (
    CHROMIUM_ARGS,
    CONTENT,
    PageLog,
    Site,
    add_unverdicted_claim,
    attach_log,
    build_site,
    discover_pages,
    goto_path,
    html_files,
    new_context,
    require_chromium,
    serve,
)

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    prebuilt = os.environ.get("FACTCHECK_BROWSER_SITE")
    if prebuilt:
        out = Path(prebuilt).resolve()
    else:
        out = tmp_path_factory.mktemp("site") / "site"
        build_site(CONTENT, out)
    return out, discover_pages(out, CONTENT)


@pytest.fixture(scope="session")
def site(built_site) -> Iterator[Site]:
    root, pages = built_site
    with serve(root) as base:
        yield Site(root=root, base_url=base, content=CONTENT, pages=pages, files=html_files(root))


@pytest.fixture(scope="session")
def unverdicted_site(site, tmp_path_factory) -> Iterator[Site]:
    if "claim_unverdicted" in site.pages:
        yield site
        return
    tree = tmp_path_factory.mktemp("content-unverdicted") / "content"
    shutil.copytree(CONTENT, tree)
    add_unverdicted_claim(tree)
    out = tmp_path_factory.mktemp("site-unverdicted") / "site"
    build_site(tree, out)
    pages = discover_pages(out, tree)
    assert "claim_unverdicted" in pages, "the extra claim without a verdict got no page"
    with serve(out) as base:
        yield Site(root=out, base_url=base, content=tree, pages=pages, files=html_files(out))


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    exe = require_chromium()
    b = playwright_instance.chromium.launch(
        executable_path=str(exe),
        headless=True,
        args=CHROMIUM_ARGS,
        chromium_sandbox=False,
        timeout=60_000,
    )
    yield b
    b.close()


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def context(browser, site):
    ctx = new_context(browser, site.base_url)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, page_log):
    p = context.new_page()
    attach_log(context, p, page_log)
    yield p
    foreign = list(page_log.foreign_requests)
    p.close()
    assert not foreign, "requests to a host other than 127.0.0.1:\n  " + "\n  ".join(foreign)


@pytest.fixture
def make_page(browser):
    opened: list[tuple[object, PageLog]] = []

    def make(base_url: str, **context_options):
        ctx = new_context(browser, base_url, **context_options)
        p = ctx.new_page()
        log = PageLog()
        attach_log(ctx, p, log)
        opened.append((ctx, log))
        return p, log

    yield make
    foreign = [u for _, log in opened for u in log.foreign_requests]
    for ctx, _ in opened:
        ctx.close()
    assert not foreign, "requests to a host other than 127.0.0.1:\n  " + "\n  ".join(foreign)


@pytest.fixture
def goto():
    return goto_path


def page_for(request, kind: str) -> tuple[Site, str]:
    """The site that has a page of this type, and the page's path; fails when the site has none."""
    s = request.getfixturevalue("unverdicted_site" if kind == "claim_unverdicted" else "site")
    if kind not in s.pages:
        pytest.fail(
            f"the built site has no {kind!r} page (found: {sorted(s.pages)})", pytrace=False
        )
    return s, s.pages[kind]


@pytest.fixture
def page_of_type(request):
    """`page_of_type(kind) -> (site, path)`: one page of each type (see browserkit.ALL_PAGE_TYPES)."""
    return lambda kind: page_for(request, kind)
