"""Preview rebuilds (`factcheck serve`): after an edit, only what changed is rendered and written,
and the site is the one a full build of the edited content gives. Real mkdocs builds, run the way
`mkdocs serve --dirty` runs them: one plugin instance, a config loaded again for every rebuild."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator import preview
from generator.engines import zensical as zensical_engine
from generator.link import link
from generator.validate import read_content
from tests.factories import synthetic_content, tree_digest, write_config

# Written from the first build on; a preview says so and leaves them (see FactcheckPlugin).
FROM_THE_FIRST_BUILD = ("pagefind/", "data/", "feed.", "topics/", "people/", "sitemap.xml")


def _pages(site: Path) -> dict[str, str]:
    """The HTML pages, without the feeds, data and embeddable cards (share.py) that previews leave
    as the first build wrote them."""
    return {
        k: v
        for k, v in tree_digest(site).items()
        if k.endswith(".html") and not k.startswith("pagefind/") and "/embed/" not in k
    }


def _site_config(
    tmp: Path, content: Path, *, custom_dir: Path | None = None, locale_dir: Path | None = None
) -> Path:
    """The project's mkdocs.yml for `content`, with the site's own templates and catalogs."""
    path = write_config(tmp, content)
    config = yaml.safe_load(path.read_text("utf-8"))
    if custom_dir:
        config["theme"]["custom_dir"] = str(custom_dir)
    if locale_dir:
        factcheck = next(p["factcheck"] for p in config["plugins"] if "factcheck" in p)
        factcheck["locale_dir"] = str(locale_dir)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


class Serve:
    """mkdocs' serve loop, without the HTTP server: on_startup once, then dirty builds."""

    def __init__(self, tmp: Path, content: Path, custom_dir: Path | None = None) -> None:
        self.config_file = _site_config(tmp, content, custom_dir=custom_dir)
        self.site = tmp / "served"
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=True)
        mkdocs_build(config, dirty=True)

    def _config(self):
        return load_config(str(self.config_file), site_dir=str(self.site), strict=False)

    def rebuild(self) -> None:
        mkdocs_build(self._config(), dirty=True)

    def stop(self) -> None:
        self._config().plugins.on_shutdown()


def _full_build(tmp: Path, content: Path) -> Path:
    # `serve` turns contributor controls on (the site does not set them): the full build too.
    config = load_config(str(write_config(tmp, content)), strict=False)
    config.plugins["factcheck"].config.contributor_controls = True
    mkdocs_build(config)
    return Path(config.site_dir)


@pytest.fixture
def content(tmp_path) -> Path:
    return synthetic_content(tmp_path / "content", 40, seed=11)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_an_edited_claim_is_shown_and_the_site_is_a_full_build_of_the_edit(
    tmp_path, content, caplog
):
    claims = sorted((content / "claims").glob("*.yaml"))
    edited = claims[7]
    serve = Serve(tmp_path / "serve", content)
    try:
        before = tree_digest(serve.site)
        _edit(edited, '\nclaim: "', '\nclaim: "Previewed ')
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.factcheck"):
            serve.rebuild()
        page = (serve.site / "claims" / edited.stem / "index.html").read_text("utf-8")
        assert "Previewed " in page
        after = tree_digest(serve.site)
        written = {k for k in after if after[k] != before.get(k)}
        assert f"claims/{edited.stem}/index.html" in written
        # Far from every page: the claim, the lists that show it, its neighbours' related boxes.
        assert len(written) < len(after) / 3, sorted(written)
        assert "Preview: rendering " in caplog.text
    finally:
        serve.stop()
    full = _full_build(tmp_path / "full", content)
    assert _pages(serve.site) == _pages(full)


def _save(path: Path, text: str) -> None:
    """A save the file's time shows, even within the file system's clock step."""
    later = path.stat().st_mtime + 5 if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    if later is not None:
        os.utime(path, (later, later))


def test_an_edited_site_template_shows_on_every_page_it_is_part_of(tmp_path, content, caplog):
    """A newsroom edits its own templates while `serve` runs: the next rebuild shows them."""
    overrides = tmp_path / "overrides"
    footer = overrides / "partials" / "copyright.html"
    topic = overrides / "factcheck" / "topic.html"
    _save(footer, '<div class="md-copyright">Desk footer, first draft</div>\n')
    _save(topic, '<p class="desk-topic">{{ topic.label }}: first draft</p>\n')
    serve = Serve(tmp_path / "serve", content, custom_dir=overrides)
    try:
        claims = sorted((serve.site / "claims").glob("*/index.html"))
        topics = sorted((serve.site / "topics").glob("*/index.html"))
        assert claims and topics
        assert all("Desk footer, first draft" in p.read_text("utf-8") for p in claims)
        assert all(": first draft</p>" in p.read_text("utf-8") for p in topics)
        _save(footer, '<div class="md-copyright">Desk footer, second draft</div>\n')
        _save(topic, '<p class="desk-topic">{{ topic.label }}: second draft</p>\n')
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.factcheck"):
            serve.rebuild()
        assert "Preview: rendering every page again" in caplog.text
        for page in claims + topics + [serve.site / "index.html"]:
            assert "Desk footer, second draft" in page.read_text("utf-8"), page
        assert all(": second draft</p>" in p.read_text("utf-8") for p in topics)
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.factcheck"):
            serve.rebuild()  # nothing changed since: not everything again
        assert "Preview: rendering every page again" not in caplog.text
    finally:
        serve.stop()


def test_a_claim_that_moves_topic_leaves_the_old_topic_page(tmp_path, content):
    claims = sorted((content / "claims").glob("*.yaml"))
    edited = claims[3]
    model, _ = read_content(content)
    assert model is not None
    claim = model.claims[edited.stem]
    assert claim.topics, "the synthetic claim has a topic"
    serve = Serve(tmp_path / "serve", content)
    try:
        old_topic = claim.topics[0]
        new_topic = next(t for t in model.topics if t not in claim.topics)
        text = edited.read_text("utf-8")  # the synthetic tree writes topics as a flow list
        line = next(x for x in text.splitlines() if x.startswith("topics: ["))
        edited.write_text(text.replace(line, f"topics: [{new_topic}]", 1), "utf-8")
        serve.rebuild()
        link = f"claims/{edited.stem}/"
        old_page = serve.site / "topics" / old_topic / "index.html"
        assert link not in old_page.read_text("utf-8")
        assert link in (serve.site / "topics" / new_topic / "index.html").read_text("utf-8")
    finally:
        serve.stop()
    full = _full_build(tmp_path / "full", content)
    assert _pages(serve.site) == {
        k: v for k, v in _pages(full).items() if (serve.site / k).exists()
    }


def test_a_content_error_stops_the_rebuild_and_the_next_save_recovers(tmp_path, content, caplog):
    claims = sorted((content / "claims").glob("*.yaml"))
    edited = claims[5]
    good = edited.read_text("utf-8")
    serve = Serve(tmp_path / "serve", content)
    try:
        edited.write_text(good.replace("\nclaimant: ", "\nclaimant: nobody-at-all-", 1), "utf-8")
        with caplog.at_level(logging.ERROR), pytest.raises(Abort):
            serve.rebuild()
        assert "no person 'nobody-at-all-" in caplog.text
        edited.write_text(good.replace('\nclaim: "', '\nclaim: "Fixed ', 1), "utf-8")
        serve.rebuild()
        page = (serve.site / "claims" / edited.stem / "index.html").read_text("utf-8")
        assert "Fixed " in page
    finally:
        serve.stop()


def test_only_claim_edits_are_scoped(content):
    model, _ = read_content(content)
    assert model is not None
    site = link(model)
    cid = site.claims_newest[0]
    claim = model.claims[cid]
    pages = preview.pages_showing(site, cid)
    assert f"claims/{cid}.md" in pages
    assert f"people/{claim.claimant}.md" in pages
    assert {f"topics/{t}.md" for t in claim.topics} <= pages
    for reason, ids in site.related(cid).items():
        for other in ids:
            assert f"claims/{cid}.md" in preview.pages_showing(site, other), (reason, other)
    renamed = {**model.people}
    first = next(iter(renamed))
    import dataclasses

    renamed[first] = dataclasses.replace(renamed[first], name="Someone Else")
    assert preview.changed_claims(model, dataclasses.replace(model, people=renamed)) is None
    assert preview.changed_claims(model, model) == set()


def test_a_section_list_is_rendered_again_only_when_its_counts_can_change(content):
    import dataclasses

    model, _ = read_content(content)
    assert model is not None
    site = link(model)
    cid = next(
        c for c in site.claims_newest if any(a.document for a in model.claims[c].appearances)
    )
    claim = model.claims[cid]
    reworded = dataclasses.replace(claim, claim="Reworded " + claim.claim)
    same_docs = link(dataclasses.replace(model, claims={**model.claims, cid: reworded}))
    lists = {"documents/index.md", "topics/index.md", "ratings/index.md", "people/index.md"}
    assert not lists & preview.pages_to_render(site, same_docs, {cid})
    moved = dataclasses.replace(claim, appearances=claim.appearances[1:])
    if moved.appearances == claim.appearances or not moved.appearances:
        moved = dataclasses.replace(
            claim,
            appearances=tuple(dataclasses.replace(a, document=None) for a in claim.appearances),
        )
    other = link(dataclasses.replace(model, claims={**model.claims, cid: moved}))
    assert lists & preview.pages_to_render(site, other, {cid}) == {"documents/index.md"}
    # A retraction takes the claim out of its rating's count on /ratings/ (the list kept it).
    from generator.model import Update

    verdict = model.verdicts[cid]
    retracted = dataclasses.replace(
        verdict, updates=(*verdict.updates, Update(verdict.published, "retraction", "Withdrawn."))
    )
    gone = link(dataclasses.replace(model, verdicts={**model.verdicts, cid: retracted}))
    assert "ratings/index.md" in preview.pages_to_render(site, gone, {cid})


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def _wait_until(tmp_path, proc, url: str, ready, deadline: float, said: str = "") -> None:
    """Poll `url` until `ready(body)` (body None while nothing answers), while serve runs."""
    while not ready(_get(url)):
        assert proc.poll() is None, (tmp_path / "serve.log").read_text()
        log = (tmp_path / "serve.log").read_text()[-3000:]
        assert time.monotonic() < deadline, said or log
        time.sleep(0.2)


@contextlib.contextmanager
def _factcheck_serve(tmp_path, config, *extra: str) -> Iterator[tuple[int, subprocess.Popen]]:
    """A real `factcheck serve` on a free port, its output in tmp_path/serve.log; stopped after."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--config", str(config), *extra]
        + ["--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield port, proc
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_factcheck_serve_shows_a_saved_edit(tmp_path, content):
    """The real thing: `factcheck serve` (strict, as mkdocs.yml says), a save, the page."""
    config = write_config(tmp_path, content)
    edited = sorted((content / "claims").glob("*.yaml"))[9]
    with _factcheck_serve(tmp_path, config) as (port, proc):
        url = f"http://127.0.0.1:{port}/claims/{edited.stem}/"
        deadline = time.monotonic() + 120
        _wait_until(tmp_path, proc, url, lambda body: body is not None, deadline, "not up")
        time.sleep(1)  # the watcher is running
        idle = (tmp_path / "serve.log").read_text().count("Building documentation")
        _edit(edited, '\nclaim: "', '\nclaim: "Liveedit ')
        _wait_until(tmp_path, proc, url, lambda body: "Liveedit " in (body or ""), deadline)
        time.sleep(3)  # a preview that rebuilt itself (its own reads seen as changes) shows here
        builds = (tmp_path / "serve.log").read_text().count("Building documentation")
        assert builds == idle + 1, (tmp_path / "serve.log").read_text()[-3000:]
    text = (tmp_path / "serve.log").read_text()
    assert "Preview: rendering " in text
    assert "dirty" not in text  # mkdocs' warning about dirty builds is filtered (strict mode)


def test_factcheck_serve_shows_an_edited_site_catalog(tmp_path, content):
    """A translator corrects the site's own catalog (plugin option locale_dir, a folder outside
    the content) while `factcheck serve` runs: the open page shows the new string."""
    locale = tmp_path / "locale"
    catalog = locale / "en" / "LC_MESSAGES" / "messages.po"
    entry = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Our verdict"\n'
    _save(catalog, entry + 'msgstr "Our finding"\n')
    config = _site_config(tmp_path, content, locale_dir=locale)
    claim = sorted((content / "claims").glob("*.yaml"))[4].stem
    with _factcheck_serve(tmp_path, config) as (port, proc):
        url = f"http://127.0.0.1:{port}/claims/{claim}/"
        deadline = time.monotonic() + 120
        _wait_until(tmp_path, proc, url, lambda body: ">Our finding</h2>" in (body or ""), deadline)
        time.sleep(1)  # the watcher is running
        _save(catalog, entry + 'msgstr "Our ruling"\n')
        _wait_until(tmp_path, proc, url, lambda body: ">Our ruling</h2>" in (body or ""), deadline)
    assert "Preview: rendering every page again" in (tmp_path / "serve.log").read_text()


def test_a_forbidden_character_arriving_in_an_edit_is_stripped(tmp_path, content):
    """A YAML escape can still bring a non-character; the preview strips it as a full build does."""
    edited = sorted((content / "claims").glob("*.yaml"))[2]
    serve = Serve(tmp_path / "serve", content)
    try:
        _edit(edited, '\nclaim: "', '\nclaim: "Odd\\ufffe ')
        serve.rebuild()
    finally:
        serve.stop()
    page = (serve.site / "claims" / edited.stem / "index.html").read_text("utf-8")
    assert "Odd " in page and "\ufffe" not in page
    full = _full_build(tmp_path / "full", content)
    assert _pages(serve.site) == _pages(full)


def test_the_check_cache_reads_only_changed_files_and_keeps_the_rest(content):
    from generator.validate import CheckCache, validate

    cache = CheckCache()
    first = validate(content, cache=cache).content
    edited = sorted((content / "claims").glob("*.yaml"))[4]
    _edit(edited, '\nclaim: "', '\nclaim: "Cached ')
    second = validate(content, cache=cache).content
    assert second is not None and first is not None
    assert second.claims[edited.stem].claim.startswith("Cached ")
    assert all(second.claims[c] is first.claims[c] for c in first.claims if c != edited.stem)
    assert all(second.verdicts[c] is first.verdicts[c] for c in first.verdicts)
    assert second == validate(content).content  # the same model as a read without the cache
    assert preview.changed_claims(first, second) == {edited.stem}
    text = sorted((content / "documents").glob("*.txt"))[0]
    text.write_text(text.read_text("utf-8") + "\nA line added later.\n", "utf-8")
    third = validate(content, cache=cache).content
    assert third is not None and "A line added later." in third.documents[text.stem].text
    assert third == validate(content).content


def _fetch(url: str) -> tuple[int, str] | None:
    """(status, body) of a page, error pages included; None while nothing answers."""
    import urllib.error

    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")
    except OSError:
        return None


def test_a_content_error_shows_in_the_browser_and_the_fix_brings_the_page_back(tmp_path, content):
    """A failed rebuild used to hold every request until the file was fixed."""
    config = write_config(tmp_path, content)
    edited = sorted((content / "claims").glob("*.yaml"))[3]
    good = edited.read_text("utf-8")
    with _factcheck_serve(tmp_path, config) as (port, proc):
        _show_errors_then_the_fix(tmp_path, port, proc, edited, good)


def _show_errors_then_the_fix(tmp_path, port, proc, edited, good) -> None:
    url = f"http://127.0.0.1:{port}/claims/{edited.stem}/"

    def wait_for(check) -> tuple[int, str]:
        deadline = time.monotonic() + 120
        while True:
            got = _fetch(url)
            if got is not None and check(*got):
                return got
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()[-3000:]
            time.sleep(0.2)

    wait_for(lambda status, body: status == 200)
    time.sleep(1)  # the watcher is running
    edited.write_text(
        good.replace("\nclaimant: ", "\nclaimant: nobody-<b>-", 1).replace(
            "\ndate: ", "\ndate: 2024-13-01\nxdate: ", 1
        ),
        "utf-8",
    )
    status, body = wait_for(lambda status, body: "The preview is waiting" in body)
    assert "The preview is waiting for 3 errors to be fixed" in body
    where = f"claims/{edited.stem}.yaml:"
    assert body.count(where) == 3, body
    assert "nobody-&lt;b&gt;-" in body and "<b>" not in body, body
    assert "/livereload/" in body  # it reloads by itself once fixed
    assert _fetch(f"http://127.0.0.1:{port}/assets/factcheck/factcheck.css")[0] == 200
    edited.write_text(good.replace('\nclaim: "', '\nclaim: "Fixed ', 1), "utf-8")
    status, body = wait_for(lambda status, body: status == 200 and "Fixed " in body)


@pytest.mark.skipif(not zensical_engine.available(), reason="zensical not installed")
def test_a_zensical_preview_stopped_with_sigterm_stops_zensical_too(tmp_path, content):
    """`kill` (a process manager, a CI timeout) reaches only our process: Zensical's server kept
    the port, serving from a deleted folder."""
    config = write_config(tmp_path, content)
    with _factcheck_serve(tmp_path, config, "--engine", "zensical") as (port, proc):
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 120
        _wait_until(tmp_path, proc, url, lambda body: body is not None, deadline, "not up")
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 15
        while _get(url) is not None:
            assert time.monotonic() < deadline, "Zensical still serves after a SIGTERM"
            time.sleep(0.2)


def test_the_error_page_lists_the_errors_before_the_warnings():
    """A new site has a warning for each piece of starter text: its one error came last."""
    from generator.problems import Problem

    problems = [
        Problem("content/pages/about.md", 3, 1, "warning", "starter text"),
        Problem("content/claims/a.yaml", 2, 8, "error", "missing required field"),
        Problem("content/pages/team.md", 1, 1, "warning", "more starter text"),
        Problem("content/claims/b.yaml", 4, 1, "error", "unknown rating"),
    ]
    page = preview.error_page(problems).decode("utf-8")
    order = [page.index(p.path) for p in problems]
    assert order[1] < order[3] < order[0] < order[2]
    assert "The preview is waiting for 2 errors to be fixed" in page
