"""`factcheck serve` while a contributor edits: what the browser shows after each save.

Real previews on a free port of 127.0.0.1, edited by writing files as an editor saves them, read
with urllib: the error page in the site's language, placed in the file that has the mistake (a
claim, a template of the site's overrides/, mkdocs.yml), and the site back once it is fixed."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
import yaml

from generator import build
from tests.factories import synthetic_content, tree_digest, write_config
from tests.test_preview import _factcheck_serve, _fetch


@pytest.fixture
def content(tmp_path) -> Path:
    return synthetic_content(tmp_path / "content", 12, seed=5)


def _config(tmp_path: Path, content: Path, **theme: str) -> Path:
    """The project's mkdocs.yml for `content`, with `theme` settings (language, custom_dir)."""
    path = write_config(tmp_path, content)
    config = yaml.safe_load(path.read_text("utf-8"))
    config["theme"].update(theme)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def _waiter(tmp_path: Path, proc, url: str):
    def wait_for(check) -> str:
        deadline = time.monotonic() + 120
        while True:
            got = _fetch(url)
            if got is not None and check(got[1]):
                return got[1]
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()[-3000:]
            time.sleep(0.2)

    return wait_for


def test_the_error_page_is_in_the_sites_language_and_lists_only_what_is_still_wrong(
    tmp_path, content
):
    """A Spanish newsroom's contributor saw an English error page; and once mkdocs.yml broke
    too, the page went on listing the claim error already fixed."""
    config = _config(tmp_path, content, language="es")
    edited = sorted((content / "claims").glob("*.yaml"))[2]
    good = edited.read_text("utf-8")
    settings = config.read_text("utf-8")
    with _factcheck_serve(tmp_path, config) as (port, proc):
        wait_for = _waiter(tmp_path, proc, f"http://127.0.0.1:{port}/claims/{edited.stem}/")
        wait_for(lambda body: "<h1" in body)
        time.sleep(1)  # the watcher is running
        edited.write_text(good.replace("\nclaimant: ", "\nclaimant: nadie-<b>-", 1), "utf-8")
        body = wait_for(lambda body: "La vista previa espera" in body)
        assert '<html lang="es" dir="ltr">' in body
        assert "La vista previa espera a que se corrija 1 error</h1>" in body
        assert "Corrige cada uno de los que aparecen abajo y guarda" in body
        assert f"claims/{edited.stem}.yaml:" in body and "nadie-&lt;b&gt;-" in body
        assert "<b>" not in body and "The preview is waiting" not in body

        config.write_text(settings.replace("site_name: ", "site_name: [", 1), "utf-8")
        time.sleep(2)
        edited.write_text(good, "utf-8")  # fixed, while mkdocs.yml does not load
        body = wait_for(lambda body: "configuration file" in body)
        assert "nadie-" not in body and f"{edited.stem}.yaml" not in body
        assert f"{config}&#34;, line " in body  # where mkdocs.yml does not parse

        config.write_text(settings, "utf-8")
        wait_for(lambda body: "La vista previa" not in body and "<h1" in body)


def test_a_broken_template_override_is_named_and_its_fix_is_seen(tmp_path, content):
    """A mistake in the site's overrides/ showed Jinja's words alone ("Unexpected end of
    template."), and the fix was never seen: `factcheck serve` did not watch overrides/."""
    overrides = tmp_path / "overrides"
    footer = overrides / "partials" / "footer.html"
    footer.parent.mkdir(parents=True)
    footer.write_text("<footer>Ours</footer>\n", "utf-8")
    config = _config(tmp_path, content, custom_dir=str(overrides))
    claim = sorted((content / "claims").glob("*.yaml"))[0].stem
    with _factcheck_serve(tmp_path, config) as (port, proc):
        wait_for = _waiter(tmp_path, proc, f"http://127.0.0.1:{port}/claims/{claim}/")
        wait_for(lambda body: "<footer>Ours</footer>" in body)
        time.sleep(1)  # the watcher is running
        footer.write_text("<footer>Ours</footer>\n{% if page %}\n<p>more</p>\n", "utf-8")
        body = wait_for(lambda body: "The preview is waiting" in body)
        assert f"{footer}:2: Unexpected end of template." in body
        footer.write_text("<footer>Ours</footer>\n{{ page.nothing.here() }}\n", "utf-8")
        body = wait_for(lambda body: "has no attribute" in body)
        assert f"{footer}:2: " in body
        footer.write_text("<footer>Fixed</footer>\n", "utf-8")
        wait_for(lambda body: "<footer>Fixed</footer>" in body)
    log = (tmp_path / "serve.log").read_text("utf-8")
    assert f"ERROR   -  {footer}:2: Unexpected end of template." in log


def test_a_preview_stopped_with_sigterm_leaves_no_folder_behind(tmp_path, content, monkeypatch):
    """Every `kill` of a preview left its whole built site in /tmp."""
    config = write_config(tmp_path, content)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))  # the preview's own temporary folder goes here
    with _factcheck_serve(tmp_path, config) as (port, proc):
        wait_for = _waiter(tmp_path, proc, f"http://127.0.0.1:{port}/")
        wait_for(lambda body: "<h1" in body)
        assert [p.name[:7] for p in scratch.iterdir()] == ["mkdocs_"]
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    assert list(scratch.iterdir()) == []


def test_a_failed_build_names_the_template_and_leaves_the_site(tmp_path, content, capsys):
    """`factcheck build` with a mistake in an override said only "'None' has no attribute
    'nothing'"; the site built before stays as it was."""
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    config = _config(tmp_path, content, custom_dir=str(overrides))
    out = tmp_path / "site"
    assert build.build(content, out, config) == 0
    before = tree_digest(out)
    footer = overrides / "partials" / "footer.html"
    footer.write_text("<footer>\n{{ page.nothing.here() }}\n</footer>\n", "utf-8")
    capsys.readouterr()
    assert build.build(content, out, config) == 1
    said = capsys.readouterr().err
    assert f"Build failed, {out} is unchanged: {footer}:2: " in said
    assert tree_digest(out) == before


def test_a_deleted_claims_page_is_gone_from_the_preview(tmp_path, content):
    """A claim deleted (with its verdict) while the preview ran: its old page went on being served,
    200, as if current."""
    config = _config(tmp_path, content)
    texts = {f: f.read_text("utf-8") for f in content.rglob("*.yaml")}
    claim = next(  # one no other file links to, so that deleting it leaves a valid site
        c
        for c in sorted((content / "claims").glob("*.yaml"))
        if not any(c.stem in t for f, t in texts.items() if f.stem != c.stem)
    )
    verdict = content / "verdicts" / claim.name
    with _factcheck_serve(tmp_path, config) as (port, proc):
        url = f"http://127.0.0.1:{port}/claims/{claim.stem}/"
        listing = f"http://127.0.0.1:{port}/claims/"
        _waiter(tmp_path, proc, url)(lambda body: "<h1" in body)
        claim.unlink()
        verdict.unlink(missing_ok=True)
        _waiter(tmp_path, proc, listing)(
            lambda body: "<h1" in body and "waiting" not in body and claim.stem not in body
        )
        got = _fetch(url)
        assert got is not None and got[0] == 404, got and got[1][:3000]
