"""A newsroom's first hour with the released package, in its own language: what `factcheck init`
writes must carry it through. The workflows must draw its link-preview images with its letters on
GitHub's runners, the field reference the new templates point to must be in its repository, and a
site to translate must be told about every English file it is left with."""

from __future__ import annotations

import html
import re
import shlex
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import material
import pytest
import yaml
from factories import add_one_claim

from generator import formatdoc
from generator.cli import main
from generator.i18n import messages
from generator.newsite import LANGUAGES
from generator.share import SYSTEM_FONTS

URL = "https://desk.example.org/"
# Where each Debian font package puts the font share.py looks for (share.SYSTEM_FONTS).
PACKAGE_FONT = {
    "fonts-dejavu-core": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "fonts-noto-cjk": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "fonts-noto-core": "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
}


def init(tmp_path: Path, lang: str, capsys) -> tuple[Path, str]:
    site = tmp_path / "desk"
    code = main(["init", str(site), "--name", "Desk", "--url", URL, "--language", lang])
    out = capsys.readouterr()
    assert code == 0, out.err
    return site, out.out


def steps(site: Path, name: str) -> list[dict]:
    workflow = yaml.safe_load((site / ".github" / "workflows" / name).read_text("utf-8"))
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def apt_packages(step: dict) -> set[str]:
    """The packages a step's `apt-get install` commands install."""
    out: set[str] = set()
    for part in re.split(r"&&|;|\n", step.get("run", "")):
        words = shlex.split(part)
        if "apt-get" in words and "install" in words:
            out |= {w for w in words[words.index("install") + 1 :] if not w.startswith("-")}
    return out


@pytest.mark.parametrize(
    ("lang", "needed"),
    [
        ("ja", "fonts-noto-cjk"),
        ("zh-Hant-TW", "fonts-noto-cjk"),
        ("hi", "fonts-noto-core"),
        ("es-MX", "fonts-dejavu-core"),
        ("ar", "fonts-dejavu-core"),
    ],
)
def test_the_workflows_install_the_fonts_of_the_sites_language(tmp_path, capsys, lang, needed):
    """Without them, every claim's link-preview image on a Tokyo or Delhi site was drawn on
    GitHub without the claim: no font on the runner has its letters."""
    site, _ = init(tmp_path, lang, capsys)
    fonts = {path for pair in SYSTEM_FONTS for path in pair}
    for name in ("deploy.yml", "pull-request.yml"):
        found = steps(site, name)
        build = next(
            i for i, s in enumerate(found) if s.get("run", "").strip() == "factcheck build"
        )
        installs = [i for i, s in enumerate(found) if apt_packages(s)]
        assert installs and installs[0] < build, name
        packages = apt_packages(found[installs[0]])
        assert needed in packages, (name, packages)
        for package in packages:  # each package installs a font the images are drawn with
            assert PACKAGE_FONT[package] in fonts, package
        # A mirror that fails does not stop a correction from being published.
        assert found[installs[0]].get("continue-on-error") is True, name
    # A Latin-script site does not wait for fonts it cannot use.
    if needed == "fonts-dejavu-core":
        assert packages == {"fonts-dejavu-core"}


@pytest.mark.parametrize("lang", ["hi", "ja"])
def test_the_field_reference_the_templates_point_to_is_in_the_new_site(
    tmp_path, capsys, monkeypatch, lang
):
    """`factcheck new` says "Other optional fields: ... (see CONTRIBUTING.md)", and the new site's
    content/README.md sent editors to "CONTRIBUTING.md in its repository": a file the newsroom
    did not have, in a repository the package does not name."""
    site, _ = init(tmp_path, lang, capsys)
    monkeypatch.chdir(site)
    for kind, id_ in (("person", "mwandishi"), ("claim", "dai"), ("verdict", "dai")):
        assert main(["new", kind, id_]) == 0
    capsys.readouterr()
    reference = (site / "CONTRIBUTING.md").read_text("utf-8")
    # The line is in the site's language (its catalog: ours for hi; init's English one for ja).
    said = messages(lang).gettext("Other optional fields: %(fields)s (see CONTRIBUTING.md).")
    assert "CONTRIBUTING.md" in said
    pattern = re.escape(said).replace(re.escape("%(fields)s"), "(.+)")
    for folder in ("people", "claims", "verdicts"):
        template = next((site / "content" / folder).glob("*.yaml")).read_text("utf-8")
        line = re.search(rf"^# {pattern}$", template, re.M)
        assert line, template
        for field in line.group(1).split(", "):
            assert f"| `{field}` |" in reference, field
    # The content folder's own README points there.
    assert "`CONTRIBUTING.md`" in (site / "content" / "README.md").read_text("utf-8")
    # After an upgrade, the command the file names brings it up to date; now it is.
    assert formatdoc.update(site / "CONTRIBUTING.md", check=True)
    assert formatdoc.main([]) == 0  # run in the site, as the file says


@pytest.mark.parametrize("lang", ["ja", "sw"])
def test_a_site_to_translate_is_told_of_every_english_file(tmp_path, capsys, lang):
    """The editorial checklist every pull request shows and the README stayed in English on a
    Japanese site, and neither init nor the README said so."""
    site, out = init(tmp_path, lang, capsys)
    checklist = site / ".github" / "PULL_REQUEST_TEMPLATE.md"
    assert f"- {checklist}: the editorial checklist" in out
    assert f"{site / 'README.md'}" in out
    readme = (site / "README.md").read_text("utf-8")
    steps_part = readme.split("## First steps", 1)[1].split("\n1. ", 1)[0]
    assert "`.github/PULL_REQUEST_TEMPLATE.md`" in steps_part
    assert "this README" in steps_part
    # Material has Japanese words, not Swahili ones: only the Swahili site is told to write them.
    assert ("overrides/partials/languages/" in steps_part) == (lang == "sw")


def test_the_readme_says_how_to_translate_the_themes_own_words(tmp_path, capsys, monkeypatch):
    """Material has no Swahili: init said how to give the theme its words, the README did not, so
    the newsroom reading it later published "Skip to content" and "Back to top" in English.
    Done as the README says, the page has them in Swahili."""
    site, out = init(tmp_path, "sw", capsys)
    readme = (site / "README.md").read_text("utf-8")
    assert "overrides/partials/languages/sw.html" in out
    said = re.search(r"Copy `([^`]+)` .*? to `([^`]+)`", readme.replace("\n", " "))
    assert said, readme
    source = Path(material.__file__).parent.parent / said.group(1)
    target = site / said.group(2)
    assert source.is_file() and target.relative_to(site).as_posix() == (
        "overrides/partials/languages/sw.html"
    )
    target.parent.mkdir(parents=True)
    text = source.read_text("utf-8")
    target.write_text(text.replace('"top": "Back to top"', '"top": "Rudi juu"'), "utf-8")
    assert "`custom_dir: overrides` under `theme:`" in readme.replace("\n  ", " ")
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  language: sw\n", "  custom_dir: overrides\n  language: sw\n"
        ),
        "utf-8",
    )
    monkeypatch.chdir(site)
    assert main(["build", "--no-strict", "--no-search"]) == 0
    home = (site / "site" / "index.html").read_text("utf-8")
    assert "Rudi juu" in home and "Back to top" not in home


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_readme_says_how_readers_get_the_report_an_error_button(
    tmp_path, capsys, monkeypatch, lang
):
    """The claim pages' "Report an error" button needs `repo_url`, which init leaves commented out,
    and the README's steps never said so: a newsroom that followed them published fact-checks with
    no way for a reader to report a mistake from the page. Done as the README says, the button is
    there, with the words the README quotes."""
    site, _ = init(tmp_path, lang, capsys)
    readme = (site / "README.md").read_text("utf-8")
    steps_part = " ".join(readme.split("## ", 2)[1].split())  # the First steps, on one line
    label = messages(lang).gettext("Report an error")
    assert "`repo_url`" in steps_part and label in steps_part, steps_part
    content = site / "content"
    add_one_claim(content)
    monkeypatch.chdir(site)
    config = site / "mkdocs.yml"
    for repo in (None, "https://github.com/desk/site"):
        if repo:
            text = config.read_text("utf-8")
            config.write_text(
                text.replace(
                    "# repo_url: https://github.com/your-org/your-repo", f"repo_url: {repo}"
                ),
                "utf-8",
            )
        assert main(["build", "--no-search"]) == 0
        page = (site / "site" / "claims" / "c" / "index.html").read_text("utf-8")
        button = re.search(r'<a class="[^"]*fc-report"[^>]*href="([^"]+)"[^>]*>([^<]+)</a>', page)
        if repo is None:
            assert button is None  # what the README warns of
        else:
            assert button and button.group(1).startswith(f"{repo}/issues/new"), page
            assert button.group(2) == label
            # It opens the site's own "report an error" form (with its fields and label), the
            # page's address filled in; a plain issue would skip the form.
            query = parse_qs(urlsplit(html.unescape(button.group(1))).query)
            assert query["template"] == ["report-an-error.yml"]
            assert query["page"] == [f"{URL}claims/c/"] and "body" not in query


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_readme_says_to_give_github_pages_the_sites_own_domain(tmp_path, lang):
    """GitHub Pages serves a site at <org>.github.io/<repo>/ until its settings name the domain;
    the README's steps did not say so, and a site made for its own address was published where
    its canonical links, feeds and link previews pointed at an address that served nothing."""
    for url, own in (
        ("https://verifica.example.mx/", True),
        ("https://desk.github.io/site/", False),
    ):
        site = tmp_path / ("own" if own else "pages")
        argv = ["init", str(site), "--name", "Desk", "--url", url, "--language", lang]
        assert main(argv) == 0
        readme = (site / "README.md").read_text("utf-8")
        step = readme[readme.index("\n2. ") : readme.index("\n3. ")]
        assert ("Custom domain" in step) == own, step
        assert ("`verifica.example.mx`" in step) == own, step
        assert "{{" not in readme
