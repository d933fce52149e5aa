"""European Portuguese (pt-PT): a newsroom in Portugal gets its own variant, not the Brazilian one.

The catalog `locale/pt_PT` and the starter text `starter/pt-PT` are checked for what a reader or an
editor sees: a pt-PT page says "Partilhar esta verificação" where a pt-BR page says "Compartilhe
esta checagem", every string is translated with the same placeholders, the plural rules are
Portugal's (0 takes the plural there, the singular in Brazil), and the starter files are the
Brazilian ones' twins (same files, ids, markers and placeholders) in European words.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from generator import catalogs, i18n
from generator.newsite import STARTER, Language, render
from generator.unedited import FILL_IN, PREFIX
from generator.validate import validate

PO = i18n.LOCALE_DIR / "pt_PT" / "LC_MESSAGES" / "messages.po"
PT, PT_PT = STARTER / "pt", STARTER / "pt-PT"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
# Words a reader in Portugal reads as Brazilian (each has a European form used instead).
BRAZILIAN = re.compile(
    r"\b(checagens?|checad[oa]s?|checar|checamos|checando|fatos?|equipes?|compartilh\w*|"
    r"registros?|registrad[oa]s?|contatos?|arquivos?|você|tela|usuári[oa]s?|veredito|vereditos|"
    r"buscar|buscando|busque|exibindo|percentual|mecanismos de busca|pesquisadores|hospedagem|"
    r"banco de dados|digite|rode|conosco|postage(m|ns)|trecho|trechos|revisad[oa]s?|apuramos)\b",
    re.IGNORECASE,
)


def _catalog() -> Catalog:
    with PO.open("rb") as f:
        return read_po(f)


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


# --- the catalog ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("msgid", "portugal", "brazil"),
    [
        ("Share this fact check", "Partilhar esta verificação", "Compartilhe esta checagem"),
        ("Report an error", "Assinalar um erro", "Informar um erro"),
        ("Search fact checks", "Pesquisar verificações", "Buscar checagens"),
        ("Searching…", "A pesquisar…", "Buscando…"),
        ("Our verdict", "O nosso veredicto", "Nosso veredito"),
        ("Edit this entry", "Editar este registo", "Editar este registro"),
        ("Status:", "Estado:", "Situação:"),
        ("Next page →", "Página seguinte →", "Próxima página →"),
    ],
)
def test_a_pt_pt_site_reads_in_european_portuguese(msgid, portugal, brazil):
    assert i18n.messages("pt-PT").gettext(msgid) == portugal
    assert i18n.messages("pt_PT").gettext(msgid) == portugal  # the POSIX spelling too
    assert i18n.messages("pt-BR").gettext(msgid) == brazil
    assert i18n.messages("pt").gettext(msgid) == brazil  # plain pt keeps its catalog


def test_pt_pt_is_a_shipped_language_with_a_catalog_of_its_own():
    assert "pt-PT" in i18n.shipped_languages()
    msgs = i18n.messages("pt-PT")
    assert msgs.found and str(msgs.locale) == "pt_PT"
    assert msgs.date(dt.date(2026, 9, 1)) == "1 de setembro de 2026"
    assert _catalog().locale_identifier == "pt_PT"
    assert r'"Language: pt_PT\n"' in PO.read_text(encoding="utf-8")


def test_every_string_is_translated_with_the_same_placeholders():
    catalog = _catalog()
    problems = []
    wanted = [m for m in catalogs.template() if m.id]
    assert len(wanted) > 200
    for message in wanted:
        key = message.id if isinstance(message.id, str) else message.id[0]
        found = catalog.get(message.id, context=message.context)
        if found is None or found.fuzzy:
            problems.append(f"missing or fuzzy: {key!r}")
            continue
        if isinstance(message.id, tuple) != isinstance(found.string, tuple):
            problems.append(f"plural and singular mixed up: {key!r}")
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = sorted(set(PLACEHOLDER.findall(" ".join(ids))))
        for s in _strings(found):
            if not s.strip():
                problems.append(f"untranslated: {key!r}")
            elif sorted(set(PLACEHOLDER.findall(s))) != expected:
                problems.append(f"placeholders differ in {key!r}: {s!r}")
    assert not problems, "; ".join(problems)
    # Nothing is left over from an older template.
    ids = {m.id for m in wanted}
    assert [m.id for m in catalog if m.id and m.id not in ids] == []


def test_no_brazilian_word_reaches_a_reader():
    found = {
        s: BRAZILIAN.findall(s)
        for m in _catalog()
        if m.id
        for s in _strings(m)
        if BRAZILIAN.search(s)
    }
    assert not found, found


def test_the_plural_rules_are_portugals():
    catalog = _catalog()
    assert catalog.num_plurals == 3  # one, many (a million and up, in compact form), other
    assert catalog.plural_forms == Catalog(locale="pt_PT").plural_forms  # CLDR's, as Babel writes
    plurals = [m for m in catalog if isinstance(m.id, tuple)]
    assert len(plurals) >= 15
    for m in plurals:
        assert len(m.string) == 3 and all(s.strip() for s in m.string), m.id
    pt_pt, pt_br = i18n.messages("pt-PT"), i18n.messages("pt-BR")

    def claims(msgs, n):
        return msgs.ngettext("%(num)d claim found.", "%(num)d claims found.", n) % {"num": n}

    assert claims(pt_pt, 1) == "1 afirmação encontrada."
    assert claims(pt_pt, 0) == "0 afirmações encontradas."  # zero is plural in Portugal
    assert claims(pt_br, 0) == "0 afirmação encontrada."  # and singular in Brazil
    assert claims(pt_pt, 2) == "2 afirmações encontradas."
    assert claims(pt_pt, 1_000_000) == "1\u00a0000\u00a0000 afirmações encontradas."


# --- the starter text -----------------------------------------------------------------------------


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _keys(value) -> object:
    """The shape of a YAML document: its keys and list lengths, without the human text."""
    if isinstance(value, dict):
        return {k: _keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keys(v) for v in value]
    return None


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8").replace("{{url}}", "https://x.pt/"))


def test_the_starter_has_the_brazilian_ones_files_markers_and_placeholders():
    assert _files(PT_PT) == _files(PT)
    for rel in _files(PT):
        ours = (PT_PT / rel).read_text(encoding="utf-8")
        theirs = (PT / rel).read_text(encoding="utf-8")
        assert ours != theirs, f"{rel} is still the Brazilian text"
        assert ours.count(FILL_IN) == theirs.count(FILL_IN), rel
        assert ours.count("factcheck: starter") == theirs.count("factcheck: starter"), rel
        assert re.findall(r"\{\{\w+\}\}", ours) == re.findall(r"\{\{\w+\}\}", theirs), rel
        assert ours.count("<!-- rating-scale -->") == theirs.count("<!-- rating-scale -->"), rel
        if rel.endswith((".yaml", ".yml")) and rel != "site.yaml":
            assert _keys(_yaml(PT_PT / rel)) == _keys(_yaml(PT / rel)), rel
    site, br = _yaml(PT_PT / "site.yaml"), _yaml(PT / "site.yaml")
    assert site.keys() == br.keys()
    assert [list(i.values()) for i in site["nav"]] == [list(i.values()) for i in br["nav"]]


def test_the_rating_scale_and_topics_keep_their_ids_in_european_words():
    for name in ("ratings.yaml", "topics.yaml"):
        ours, theirs = _yaml(PT_PT / "content" / name), _yaml(PT / "content" / name)
        assert [i["id"] for i in ours] == [i["id"] for i in theirs], name
        for a, b in zip(ours, theirs, strict=True):
            assert {k: v for k, v in a.items() if k not in ("label", "description")} == {
                k: v for k, v in b.items() if k not in ("label", "description")
            }
    labels = {str(r["id"]): r["label"] for r in _yaml(PT_PT / "content" / "ratings.yaml")}
    assert labels["misleading"] == "Enganador"  # Brazil: "Enganoso"
    assert labels["mostly-false"] == "Maioritariamente falso"
    topics = {t["id"]: t["label"] for t in _yaml(PT_PT / "content" / "topics.yaml")}
    assert topics["environment"] == "Ambiente"  # Brazil: "Meio ambiente"


def test_the_starter_is_written_in_european_portuguese():
    every = {rel: (PT_PT / rel).read_text(encoding="utf-8") for rel in _files(PT_PT)}
    brazilian = {
        rel: BRAZILIAN.findall(text) for rel, text in every.items() if BRAZILIAN.search(text)
    }
    assert not brazilian, brazilian
    text = "\n".join(every.values())
    for word in ("ficheiro", "equipa", "ecrã", "registo", "Contactos", "receção", "connosco"):
        assert word in text, word


def test_a_site_from_the_pt_pt_starter_validates_with_only_starter_warnings(tmp_path):
    files = render("Verifica Já", "https://verificaja.example.pt/", Language("pt-PT", "pt-PT"))
    for rel, text in files.items():
        assert "{{" not in text.replace("${{", ""), rel  # every placeholder filled in
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    config = yaml.load(files[Path("mkdocs.yml")], Loader=yaml.BaseLoader)
    assert config["theme"]["language"] == "pt-PT"
    nav = [next(iter(item)) for item in config["nav"]]
    assert "Envie-nos uma afirmação" in nav and "Quem somos" in nav
    report = validate(tmp_path / "content")
    assert report.errors == 0, [str(p) for p in report.problems]
    assert all(PREFIX in p.message for p in report.problems)
    assert len(report.problems) >= 20
