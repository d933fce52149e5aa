"""Valid HTML: the Nu HTML checker (vnu-jar from npm, run by Java from apt) reports no errors on any
page the build writes, which covers every page type, on a claim under review, nor on the search results
state as the browser has drawn it."""

from __future__ import annotations

import json
import re
import subprocess

from browserkit import VNU_JAR, dump_json, open_kind, require_java, require_node_tool

# Filtered, exactly and only this: Material's base.html (not a partial, so no override can reach it short
# of copying the whole template) puts autocomplete="off" on its two hidden checkbox toggles, #__drawer and
# #__search, and the checker reports that attribute as an error on checkboxes. The filter matches the
# message word for word and only on those two inputs; any other autocomplete error still fails.
AUTOCOMPLETE_ON_CHECKBOX = (
    "Attribute \u201cautocomplete\u201d is only allowed when the input type is \u201ccolor\u201d, "
    "\u201cdate\u201d, \u201cdatetime-local\u201d, \u201cemail\u201d, \u201chidden\u201d, "
    "\u201cmonth\u201d, \u201cnumber\u201d, \u201cpassword\u201d, \u201crange\u201d, "
    "\u201csearch\u201d, \u201ctel\u201d, \u201ctext\u201d, \u201ctime\u201d, \u201curl\u201d, "
    "or \u201cweek\u201d."
)
KNOWN_THEME_ERRORS: list[tuple[str, tuple[str, ...]]] = [
    (
        AUTOCOMPLETE_ON_CHECKBOX,
        (
            'data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
            'data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
        ),
    ),
]


def _vnu(java: str, files: list[str]) -> list[dict]:
    proc = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--errors-only",
            "--exit-zero-always",
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # vnu writes its JSON report to stderr.
    report = json.loads(proc.stderr or proc.stdout)
    return report.get("messages", [])


def _known(message: dict) -> bool:
    for text, extracts in KNOWN_THEME_ERRORS:
        if message.get("message") == text and any(
            e in message.get("extract", "") for e in extracts
        ):
            return True
    return False


def _describe(messages: list[dict], root: str) -> str:
    lines = []
    for m in messages[:60]:
        url = m.get("url", "").removeprefix("file:").removeprefix(root)
        extract = " ".join((m.get("extract") or "").split())[:160]
        lines.append(
            f"{url}:{m.get('lastLine')}:{m.get('firstColumn')}: {m['message']}\n    {extract}"
        )
    if len(messages) > 60:
        lines.append(f"... and {len(messages) - 60} more")
    return "\n".join(lines)


def _search_results_dom(site, make_page, tmp_path) -> str:
    """The search results state is drawn by script: check the document as the browser has it then."""
    page, log = make_page(site.base_url)
    open_kind(page, "search", site.pages["search"])
    path = tmp_path / "search-results-state.html"
    html = re.sub(r"^\s*<!doctype[^>]*>", "", page.content(), flags=re.IGNORECASE)
    assert "fc-search__result" in html, "the search state shows no results"
    path.write_text("<!DOCTYPE html>\n" + html, encoding="utf-8")
    log.assert_clean("search results state")
    return str(path)


def test_nu_html_checker_reports_no_errors(site, unverdicted_site, make_page, tmp_path):
    java = require_java()
    require_node_tool(VNU_JAR)
    files = [str(site.root / f) for f in site.files]
    if unverdicted_site is not site:
        files.append(str(unverdicted_site.page_file(unverdicted_site.pages["claim_unverdicted"])))
    if "search" in site.pages:
        files.append(_search_results_dom(site, make_page, tmp_path))
    assert files, "the build wrote no HTML"
    messages = [m for m in _vnu(java, files) if m.get("type") in ("error", "non-document-error")]
    dump_json("vnu-errors.json", messages)
    errors = [m for m in messages if not _known(m)]
    assert not errors, f"{len(errors)} HTML errors in {len(files)} pages:\n" + _describe(
        errors, str(site.root)
    )
