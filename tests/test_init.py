"""`factcheck init`: a new site in any of the starter languages validates, builds and is ready for
GitHub (workflows that install the released package at this version), and unedited starter text
is a warning, never an error."""

from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import __version__
from generator.cli import main, parser
from generator.newsite import LANGUAGES, STARTER
from generator.unedited import PREFIX
from generator.validate import validate

REPO = Path(__file__).resolve().parent.parent
PAGES = ("index", "about", "methodology", "corrections", "submit")
# A phrase of each language's home page (its navigation) and about page (its first heading).
HOME_WORD = {
    "en": "How we work",
    "es": "Cómo trabajamos",
    "fr": "Notre méthode",
    "pt": "Como trabalhamos",
    "pt-PT": "Como trabalhamos",
    "de": "So arbeiten wir",
    "uk": "Як ми працюємо",
    "ar": "كيف نعمل",
    "hi": "हम कैसे काम करते हैं",
}


def init(tmp_path: Path, lang: str, *extra: str, folder: str = "site-repo") -> tuple[int, Path]:
    target = tmp_path / folder
    args = ["init", str(target), "--name", "Desk Ñandú", "--url", "https://facts.example.org"]
    return main([*args, "--language", lang, *extra]), target


def files_of(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def about_heading(lang: str) -> str:
    text = (STARTER / lang / "content" / "pages" / "about.md").read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]  # after the front matter
    return re.search(r"^# (.+)$", body, re.M).group(1)


def test_every_language_has_the_same_files():
    english = files_of(STARTER / "en")
    assert set(LANGUAGES) == {p.name for p in STARTER.iterdir() if p.is_dir()} - {"shared"}
    for lang in LANGUAGES:
        assert files_of(STARTER / lang) == english, lang
    for lang, word in HOME_WORD.items():
        assert word in (STARTER / lang / "site.yaml").read_text(encoding="utf-8"), lang


def test_the_rating_scale_and_topics_have_the_same_ids_in_every_language():
    def load(lang, name):
        return yaml.safe_load((STARTER / lang / "content" / name).read_text(encoding="utf-8"))

    for name in ("ratings.yaml", "topics.yaml"):
        english = load("en", name)
        for lang in LANGUAGES:
            items = load(lang, name)
            assert [i["id"] for i in items] == [i["id"] for i in english], (lang, name)
            for item in items:
                assert str(item["id"]).isascii()
            if lang != "en":  # written in the language, not left in English
                assert [i["label"] for i in items] != [i["label"] for i in english], lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_new_site_validates_with_starter_warnings_and_builds(tmp_path, lang, monkeypatch, capsys):
    code, site = init(tmp_path, lang)
    assert code == 0
    files = files_of(site)
    for needed in (
        "mkdocs.yml",
        "README.md",
        ".gitignore",
        "content/ratings.yaml",
        "content/topics.yaml",
        *(f"content/{d}/.gitkeep" for d in ("claims", "verdicts", "documents", "people")),
        *(f"content/pages/{p}.md" for p in PAGES),
        "schemas/claim.schema.json",
        "schemas/ratings.schema.json",
        ".github/workflows/pull-request.yml",
        ".github/workflows/deploy.yml",
        ".github/PULL_REQUEST_TEMPLATE.md",
        ".github/ISSUE_TEMPLATE/report-an-error.yml",
        ".github/ISSUE_TEMPLATE/submit-a-claim.yml",
    ):
        assert needed in files, needed
    assert not any(f.endswith(".html") for f in files)  # no copy of the theme's templates
    for f in files:
        text = (site / f).read_text(encoding="utf-8")
        assert "{{" not in text.replace("${{", ""), f  # every placeholder filled in

    config = yaml.load((site / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["theme"]["language"] == lang
    assert "custom_dir" not in config["theme"]
    assert config["site_url"] == "https://facts.example.org/"

    report = validate(site / "content")
    assert report.errors == 0, [str(p) for p in report.problems]
    warned = {p.path.rsplit("/", 2)[-1] for p in report.problems if PREFIX in p.message}
    assert warned >= {f"{p}.md" for p in PAGES} | {"ratings.yaml", "topics.yaml"}
    others = [str(p) for p in report.problems if PREFIX not in p.message]
    assert others == []

    monkeypatch.chdir(site)
    capsys.readouterr()
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^content/pages/about\.md:\d+:\d+: warning: " + re.escape(PREFIX), out, re.M)
    assert main(["build", "--content", "content", "--out", "site", "--config", "mkdocs.yml"]) == 0
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in home
    assert ('dir="rtl"' in home) == (lang == "ar")
    assert "Desk Ñandú" in home and HOME_WORD[lang] in home
    about = (site / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert about_heading(lang) in about
    assert "factcheck: starter" not in about  # the marker stays out of the page


def test_every_plugin_option_is_explained_in_the_new_mkdocs_yml(tmp_path):
    from generator.plugin import FactcheckConfig

    code, site = init(tmp_path, "en")
    assert code == 0
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = yaml.safe_load(text)["plugins"][0]["factcheck"]
    lines = text.splitlines()
    for name, _ in FactcheckConfig._schema:  # set, or shown commented out when it has no default
        where = [i for i, line in enumerate(lines) if re.match(rf"\s*(# )?{name}:", line)]
        assert where, (
            f"add the option {name}, with a comment, to generator/starter/shared/mkdocs.yml"
        )
        i = where[0]
        while lines[i - 1].strip().split(":")[0] in plugin:  # options explained together
            i -= 1
        assert lines[i - 1].strip().startswith("#"), f"explain {name} in a comment above it"
    assert "content_dir" in plugin and "organization_name" in plugin
    assert "custom_dir: overrides" in text  # said in a comment, for a site that wants overrides


def _runs(workflow: dict) -> list[list[str]]:
    out = []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            for line in step.get("run", "").splitlines():
                if line.strip():
                    out.append(shlex.split(line))
    return out


def _steps(workflow: dict) -> list[dict]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def test_the_workflows_install_the_released_package_at_this_version(tmp_path):
    code, site = init(tmp_path, "uk")
    assert code == 0
    install = f"python -m pip install factcheck-publisher=={__version__}"
    pr = yaml.safe_load((site / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    deploy = yaml.safe_load((site / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    for wf in (pr, deploy):
        runs = [shlex.join(c) for c in _runs(wf)]
        assert install in runs
        assert not any(" -e " in r or r.startswith("make") for r in runs), runs
        for cmd in _runs(wf):
            if cmd[0] == "factcheck":
                parser().parse_args(cmd[1:])  # a real command of this version
        assert "factcheck build" in runs
        for step in _steps(wf):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]
    runs = [shlex.join(c) for c in _runs(pr)]
    assert "factcheck validate --format github" in runs
    assert "factcheck check-changes --base 'origin/$BASE_REF' --format github" in runs
    assert pr[True] == {"pull_request": None}
    upload = next(s for s in _steps(pr) if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert deploy[True]["push"]["branches"] == ["main"]
    pages = next(s for s in _steps(deploy) if s.get("uses", "").startswith("actions/upload-pages"))
    assert pages["with"]["path"].rstrip("/") == "site"
    assert deploy["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_the_workflows_keep_the_build_caches_between_runs(tmp_path):
    """Link-preview images (`og_image_cache` in the written mkdocs.yml) and the git-history cache
    (`<git dir>/factcheck/`) survive from run to run, and the checkout has the whole history."""
    from generator.history import CACHE_FOLDER

    code, site = init(tmp_path, "en")
    assert code == 0
    og = re.search(
        r"^\s*og_image_cache:\s*(\S+)", (site / "mkdocs.yml").read_text(encoding="utf-8"), re.M
    )
    assert og and Path(og.group(1)).parts[:2] == (".cache", "factcheck")
    for name in ("pull-request.yml", "deploy.yml"):
        wf = yaml.safe_load((site / ".github/workflows" / name).read_text(encoding="utf-8"))
        steps = _steps(wf)
        uses = [s.get("uses", "").split("@")[0] for s in steps]
        checkout = steps[uses.index("actions/checkout")]
        assert checkout["with"]["fetch-depth"] == 0, name  # a shallow clone has no History
        cache = steps[uses.index("actions/cache")]
        assert uses.index("actions/checkout") < uses.index("actions/cache"), name
        build = next(
            i for i, s in enumerate(steps) if s.get("run", "").strip() == "factcheck build"
        )
        assert uses.index("actions/cache") < build, name
        paths = {p.rstrip("/") for p in cache["with"]["path"].splitlines()}
        assert paths == {".cache/factcheck", f".git/{CACHE_FOLDER}"}, name
        key = cache["with"]["key"]
        assert "${{ runner.os }}" in key and "hashFiles('content/**'" in key, name
        prefixes = cache["with"]["restore-keys"].splitlines()
        assert prefixes == ["factcheck-${{ runner.os }}-"], name
        assert key.startswith(prefixes[0]) and key != prefixes[0], name


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_github_files_follow_githubs_schemas(tmp_path, lang):
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.skip("check-jsonschema is not installed (it belongs in the [test] extra)")
    code, site = init(tmp_path, lang)
    assert code == 0
    gh = site / ".github"
    for schema, paths in (
        ("vendor.github-workflows", sorted((gh / "workflows").glob("*.yml"))),
        (
            "vendor.github-issue-forms",
            [gh / "ISSUE_TEMPLATE" / f"{n}.yml" for n in ("report-an-error", "submit-a-claim")],
        ),
        ("vendor.github-issue-config", [gh / "ISSUE_TEMPLATE" / "config.yml"]),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema]
            + [str(p) for p in paths],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pull_request_template_is_the_editorial_checklist(lang):
    text = (STARTER / lang / "github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^- \[ \] .+$", text, re.M)) >= 15
    for needed in ("archive_url", "primary: true", "previous_rating", "redirects.yaml"):
        assert needed in text, (lang, needed)
    for cmd in re.findall(r"`(factcheck [^`]+)`", text):
        parser().parse_args(shlex.split(cmd)[1:])
    assert "factcheck validate" in text and "factcheck serve" in text
    # The tool's messages are English: the checklist quotes the words validate prints, as it
    # prints them (it quoted a translation no one would ever see).
    assert "`very similar`" in text or lang == "en", lang
    assert "very similar" in (REPO / "generator" / "similar.py").read_text(encoding="utf-8")


def test_a_folder_with_files_is_refused_and_left_as_it_was(tmp_path, capsys):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "README.md").write_text("ours\n")
    code, _ = init(tmp_path, "es", folder="busy")
    assert code == 2
    assert "is not empty" in capsys.readouterr().err
    assert files_of(target) == {"README.md"}

    code, _ = init(tmp_path, "es", "--force", folder="busy")
    assert code == 0
    assert (target / "README.md").read_text() == "ours\n"  # never overwritten
    assert "kept README.md" in capsys.readouterr().out
    assert (target / "mkdocs.yml").is_file()
    assert {p.name for p in tmp_path.iterdir()} == {"busy"}  # no temporary folder left


def test_a_folder_with_only_git_in_it_counts_as_empty(tmp_path):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    code, site = init(tmp_path, "fr", folder="repo")
    assert code == 0
    assert (site / "mkdocs.yml").is_file() and (site / ".git").is_dir()


def test_a_failure_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    import generator.schema

    def broken(out):
        raise OSError("disk full")

    monkeypatch.setattr(generator.schema, "write_schemas", broken)
    code, site = init(tmp_path, "de")
    assert code == 1
    assert "disk full" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("xx-YY", "'xx-YY' is not a known language"),
        ("e$", "is not a language tag"),
        ("", "is not a language tag"),
    ],
)
def test_a_language_cldr_does_not_know_is_refused(tmp_path, capsys, code, said):
    """A language without starter text is no longer refused (tests/test_any_language.py)."""
    status, site = init(tmp_path, code)
    assert status == 2
    assert said in capsys.readouterr().err
    assert not site.exists()


def test_regional_tags(tmp_path, capsys):
    def language(folder):
        config = yaml.load((folder / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
        return config["theme"]["language"]

    status, site = init(tmp_path, "pt-br", folder="br")  # Material has pt-BR: kept, cased
    assert status == 0 and language(site) == "pt-BR"
    assert "Como trabalhamos" in (site / "mkdocs.yml").read_text("utf-8")
    # Material has no es-MX: the tag is kept all the same (Mexican dates, <html lang="es-MX">), and
    # the theme's words are its es ones. It was cut to es before.
    status, site = init(tmp_path, "es-mx", folder="mx")
    assert status == 0 and language(site) == "es-MX"
    assert "(es-MX, starter text in es;" in capsys.readouterr().out
    home = _built_home(site)
    assert '<html lang="es-MX"' in home and "Volver al principio" in home
    # Portugal has its own starter text and catalog; pt-PT was cut to pt, Brazil's, before.
    status, site = init(tmp_path, "pt-pt", folder="pt")
    assert status == 0 and language(site) == "pt-PT"
    assert "(pt-PT, starter text in pt-PT;" in capsys.readouterr().out
    home = _built_home(site)
    assert '<html lang="pt-PT"' in home and "Pesquisar verificações" in home
    assert "checagens" not in home.lower()


def _built_home(site: Path) -> str:
    out = site / "built"
    args = ["--content", str(site / "content"), "--config", str(site / "mkdocs.yml")]
    assert main(["build", *args, "--out", str(out), "--no-strict"]) == 0
    return (out / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--url", "facts.example.org"], "is not a site address"),
        (["--url", "ftp://facts.example.org/"], "is not a site address"),
        (
            ["--url", "https://facts.example.org/our site/"],
            "holds ' ', which a web address cannot",
        ),
        (["--url", "https://facts.example.org/años/"], "holds 'ñ', which a web address cannot"),
        (["--name", "two\nlines"], "--name"),
    ],
)
def test_bad_names_and_addresses_are_refused(tmp_path, capsys, args, said):
    argv = ["init", str(tmp_path / "x"), "--name", "Desk", "--url", "https://facts.example.org/"]
    argv[argv.index(args[0]) + 1] = args[1]
    assert main(argv) == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_editing_the_starter_text_silences_its_warnings(tmp_path):
    code, site = init(tmp_path, "en")
    assert code == 0
    content = site / "content"

    def starter_warnings() -> dict[str, int]:
        out: dict[str, int] = {}
        for p in validate(content).problems:
            if PREFIX in p.message:
                name = p.path.rsplit("/", 1)[-1]
                out[name] = out.get(name, 0) + 1
        return out

    before = starter_warnings()
    assert before["index.md"] == 2  # the marker and one place to fill in
    (content / "pages" / "index.md").write_text("# Desk\n\nWe check claims about Exampleland.\n")
    ratings = content / "ratings.yaml"
    ratings.write_text(
        "".join(
            line
            for line in ratings.read_text("utf-8").splitlines(keepends=True)
            if "factcheck: starter" not in line
        ),
        encoding="utf-8",
    )
    after = starter_warnings()
    assert "index.md" not in after and "ratings.yaml" not in after
    assert after["about.md"] == before["about.md"]


def test_the_readme_explains_how_to_start_a_site():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Start your own fact-check site") :]
    for needed in ("pip install factcheck-publisher", "factcheck init", "factcheck serve", "site/"):
        assert needed in section, needed


# The wheel, installed into a fresh virtual environment, is tested end to end (init in es and ar,
# claims, build, Chromium) in tests/browser/test_new_site.py.
