"""`factcheck new`: a commented template that fails until filled in, passes once filled, never overwrites."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from test_validate import tree

from generator.cli import main as factcheck
from generator.scaffold import KINDS_NEW, template
from generator.spec import KINDS
from generator.validate import validate

REPO = Path(__file__).resolve().parent.parent

# What a contributor writes over each placeholder (in the fixture tree, so the ids exist).
FILL = [
    (r"TODO-person-id", "jane-doe"),
    (r"TODO-fact-checker-id", "sam-checker"),
    (r"TODO-document-id", "council-meeting-2024-10-24"),
    (r"TODO-rating-id", "misleading"),
    (r"TODO-YYYY-MM-DD", "2024-11-01"),
    (r"TODO-https-address[a-z-]*", "https://example.org/source"),
    (r'"TODO: the words exactly as they stand in the document"', '"ridership has fallen"'),
    (r"\[\[other-claim-id\]\]", "[[bus-fares-doubled]]"),
    (r"TODO: the reasoning in Markdown\.", "We checked the figures."),
    (r'"TODO: [^"\n]*"', '"Filled in by the contributor."'),
]


def fill(text: str) -> str:
    for pattern, value in FILL:
        text = re.sub(pattern, value, text)
    assert "TODO" not in "\n".join(x for x in text.splitlines() if not x.startswith("#")), text
    return text


def new(root: Path, kind: str, item: str) -> int:
    return factcheck(["new", kind, item, "--content", str(root)])


def test_each_template_names_its_schema_and_every_field():
    for kind in KINDS_NEW:
        text = template(kind, "an-id")
        first = text.splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
        # content/<folder>/x.yaml -> ../../schemas is the repository's schemas/ folder
        assert (
            (REPO / "content" / KINDS[kind].folder / "../../schemas" / f"{kind}.schema.json")
            .resolve()
            .exists()
        )
        for f in KINDS[kind].fields:
            assert re.search(rf"^# {f.name} \((required|optional)\)|{f.name}", text, re.M), f.name
        assert not any(line.endswith(" ") for line in text.splitlines())
        yaml.safe_load(text)  # it is YAML as written


@pytest.mark.parametrize("kind", KINDS_NEW)
def test_an_unfilled_template_does_not_pass(tmp_path, kind):
    root = tree(tmp_path)
    if kind == "verdict":  # a verdict is written for a claim there is
        assert new(root, "claim", "park-closed") == 0
    assert new(root, kind, "park-closed") == 0
    report = validate(root, display_prefix="")
    mine = [p for p in report.problems if "park-closed" in p.path]
    assert mine and all(p.severity == "error" or "TODO" in p.message for p in mine)
    assert any("TODO" in p.message for p in mine)


def test_filled_templates_pass_validation(tmp_path, capsys):
    root = tree(tmp_path)
    written = []
    for kind, item in [
        ("person", "pat-reporter"),
        ("document", "council-minutes"),
        ("claim", "ridership-fell"),
        ("verdict", "ridership-fell"),
    ]:
        assert new(root, kind, item) == 0
        path = root / KINDS[kind].folder / f"{item}.yaml"
        assert f"wrote {path}" in capsys.readouterr().out
        path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
        written.append(path)
    report = validate(root, display_prefix="")
    assert [str(p) for p in report.problems] == []
    content = report.content
    assert content.verdicts["ridership-fell"].rating == "misleading"
    assert content.claims["ridership-fell"].appearances[0].quote == "ridership has fallen"
    assert content.people["pat-reporter"].kind == "person"
    assert content.documents["council-minutes"].kind == "article"


def test_new_refuses_to_overwrite(tmp_path, capsys):
    root = tree(tmp_path)
    path = root / "claims" / "bus-fares-doubled.yaml"
    before = path.read_bytes()
    assert new(root, "claim", "bus-fares-doubled") == 1
    assert path.read_bytes() == before
    err = capsys.readouterr().err
    assert "claims/bus-fares-doubled.yaml already exists; not overwritten" in err


def test_new_refuses_a_bad_id(tmp_path, capsys):
    assert new(tmp_path, "claim", "Bad_Id") == 2
    assert "'Bad_Id' is not a valid id" in capsys.readouterr().err
    assert not (tmp_path / "claims").exists()


def test_new_refuses_a_reserved_id(tmp_path, capsys):
    assert new(tmp_path, "claim", "index") == 2
    assert capsys.readouterr().err == (
        "factcheck: error: 'index' cannot be an id: its page would take the address of a list "
        "page; choose another id\n"
    )
    assert not (tmp_path / "claims").exists()


def test_new_makes_the_folder(tmp_path):
    assert new(tmp_path / "content", "person", "pat") == 0
    assert (tmp_path / "content" / "people" / "pat.yaml").exists()


def test_a_verdict_for_a_claim_that_does_not_exist_is_refused(tmp_path, capsys):
    root = tree(tmp_path)
    assert new(root, "verdict", "no-such-claim") == 2
    err = capsys.readouterr().err
    assert "no claim 'no-such-claim'" in err and "factcheck new claim no-such-claim" in err
    assert not (root / "verdicts" / "no-such-claim.yaml").exists()


def test_new_outside_a_site_folder_writes_nothing_and_says_where_to_run(
    tmp_path, capsys, monkeypatch
):
    """Run inside content/, it wrote content/content/claims/x.yaml, which the site never reads."""
    content = tree(tmp_path, {})
    monkeypatch.chdir(content)
    assert factcheck(["new", "claim", "stray"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "factcheck: error: there is no content folder 'content' here, and this folder looks "
        "like one: run factcheck from the folder above it"
    )
    assert not (content / "content").exists()
    assert not list(content.rglob("stray.yaml"))


# --- ids asked for in another script ------------------------------------------------------------


DAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("value", "kind", "advice"),
    [
        (
            "東京の失業率",
            "claim",
            "; an id is the page's web address and is written in Latin letters: romanise a short "
            "form of the claim (like 'tokyo-unemployment-doubled'), or use "
            "'claim-2026-12-07'",
        ),
        (
            "राहुल-शर्मा",
            "person",
            "; an id is the page's web address and is written in Latin letters: romanise a short "
            "form of the name (like 'tanaka-taro'), or use 'person-2026-12-07'",
        ),
        # its Latin letters alone would be a poor id: 'gdp'
        ("gdp成長率", "document", "or use 'document-2026-12-07'"),
        ("Engañoso", "claim", "; did you mean 'enganoso'?"),
        # Korean is romanised letter by letter (Revised Romanization)
        ("서울 전세 가격 두 배", "claim", "; did you mean 'seoul-jeonse-gagyeok-du-bae'?"),
        ("김민수", "person", "; did you mean 'gimminsu'?"),
        ("Bad_Id", "person", "; did you mean 'bad-id'?"),
        ("東京", "verdict", "; a verdict's id is the id of the claim it rates"),
    ],
)
def test_an_id_in_another_script_gets_a_valid_one_to_use(tmp_path, value, kind, advice):
    from generator.scaffold import id_advice, id_suggestion

    said = id_advice(value, kind, tmp_path, DAY)
    assert advice in said
    suggested = id_suggestion(value, kind, tmp_path, DAY)
    if kind != "verdict":
        assert f"'{suggested}'" in said
        assert new(tmp_path, kind, suggested) == 0  # what it suggests, `factcheck new` takes


def test_a_suggested_id_is_not_one_already_taken(tmp_path):
    from generator.scaffold import id_suggestion

    for taken in ("claim-2026-12-07", "claim-2026-12-07-2"):
        assert new(tmp_path, "claim", taken) == 0
    assert id_suggestion("東京の失業率", "claim", tmp_path, DAY) == "claim-2026-12-07-3"
    assert new(tmp_path, "claim", "enganoso") == 0
    assert id_suggestion("Engañoso", "claim", tmp_path, DAY) == "enganoso-2"


# --- the template in the site's language ------------------------------------------------------


def _site(tmp_path: Path, monkeypatch, language: str) -> Path:
    """A new site from `factcheck init`, the working folder, as a newsroom has it."""
    site = tmp_path / language
    args = ["init", str(site), "--name", "Desk", "--url", "https://facts.example.org/"]
    assert factcheck([*args, "--language", language]) == 0
    monkeypatch.chdir(site)
    return site


def _comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("# ") and "$schema" not in line]


@pytest.mark.parametrize(
    ("language", "head", "field", "value"),
    [
        (
            "uk",
            "# Заповніть кожне TODO, а потім перевірте файл командою `factcheck validate`.",
            "# claimant (обов’язкове): Хто зробив твердження: id людини (people/).",
            'claim: "TODO: твердження так, як його зробили, словами автора"',
        ),
        (
            "de",
            "# Füllen Sie jedes TODO aus und prüfen Sie die Datei dann mit `factcheck validate`.",
            "# claimant (Pflichtfeld): Wer die Behauptung aufgestellt hat: die id einer Person "
            "(people/).",
            'claim: "TODO: die Behauptung, wie sie aufgestellt wurde, in den Worten ihres '
            'Urhebers"',
        ),
    ],
)
def test_new_writes_the_template_in_the_sites_language(
    tmp_path, monkeypatch, capsys, language, head, field, value
):
    _site(tmp_path, monkeypatch, language)
    assert factcheck(["new", "claim", "unemployment-doubled"]) == 0
    text = Path("content/claims/unemployment-doubled.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[2] == head and field in lines and value in lines
    english = _comments(template("claim", "unemployment-doubled"))
    assert not set(_comments(text)) & set(english)  # not one comment left in English
    capsys.readouterr()
    assert factcheck(["validate"]) == 1  # its placeholders are still refused, where they stand
    out = capsys.readouterr().out
    assert (
        f"content/claims/unemployment-doubled.yaml:{lines.index(value) + 1}:8: error: 'claim': "
        "still holds the template's TODO" in out
    )


@pytest.mark.parametrize("language", ["ar", "es", "fr", "hi", "pt", "pt-PT"])
@pytest.mark.parametrize("kind", KINDS_NEW)
def test_every_shipped_language_has_the_whole_template(tmp_path, monkeypatch, language, kind):
    from generator.i18n import messages

    words = messages(language)
    text = template(kind, "an-id", words)
    assert not set(_comments(text)) & set(_comments(template(kind, "an-id")))
    yaml.safe_load(text)  # still YAML, whatever the quotes of the language
    assert text.count("TODO") == template(kind, "an-id").count("TODO")


def test_new_follows_the_sites_own_catalog_which_need_not_translate_it(
    tmp_path, monkeypatch, capsys
):
    """Swahili: the package has no words, init writes the site's catalog with every string.
    What the editor translates there, `factcheck new` writes; the template's words are no page
    words, so a catalog with every page word and none of them builds in Swahili."""
    from babel.messages.pofile import read_po, write_po

    from generator.scaffold import catalog_ids

    site = _site(tmp_path, monkeypatch, "sw")
    po = site / "locale/sw/LC_MESSAGES/messages.po"
    with po.open("rb") as f:
        catalog = read_po(f)
    assert {m.id for m in catalog} >= set(catalog_ids())  # there to translate
    for m in catalog:
        if m.id and m.id not in catalog_ids():  # every page word, as a translator would
            m.string = m.id if isinstance(m.id, str) else (m.id[1],) * catalog.num_plurals
    head = "Fill in every TODO, then run `factcheck validate` to check the file."
    catalog[head].string = "Jaza kila TODO, kisha endesha `factcheck validate` kukagua faili."
    with po.open("wb") as f:
        write_po(f, catalog)

    assert factcheck(["new", "person", "juma-hassan"]) == 0
    lines = Path("content/people/juma-hassan.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[2] == "# Jaza kila TODO, kisha endesha `factcheck validate` kukagua faili."
    assert "# name (required): Name as readers know it." in lines  # not translated: English
    capsys.readouterr()
    factcheck(["validate"])
    assert "catalog for 'sw'" not in capsys.readouterr().out


def test_a_translations_template_speaks_the_sites_language(tmp_path, monkeypatch, capsys):
    """A Ukrainian newsroom translating a claim into English reads the notes in Ukrainian."""
    site = _site(tmp_path, monkeypatch, "uk")
    (site / "content/claims/bezrobittia.yaml").write_text(
        'claim: "Безробіття подвоїлося"\nclaimant: x\ndate: 2026-11-02\n'
        "appearances:\n  - url: https://example.org/a\n",
        encoding="utf-8",
    )
    args = ["new", "claim", "unemployment", "--translation-of", "bezrobittia", "--language", "en"]
    assert factcheck(args) == 0
    lines = Path("content/claims/unemployment.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[1] == (
        "# Переклад claims/bezrobittia.yaml, мова: англійська (en) (його вердикт: "
        "verdicts/unemployment.yaml)."
    )
    assert lines[2].startswith("# Перекладіть `claim` і `title` просто тут.")
