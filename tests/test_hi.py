"""Hindi (hi): the catalog `locale/hi` and the starter text `starter/hi`, as a reader and an editor see them.

A Hindi site must read as an Indian fact-checking desk writes: "हमारा निष्कर्ष" where English says
"Our verdict", one term for each idea (the glossary at the top of the catalog), CLDR's plural rule
(0 and 1 take the singular: "1 दावा", "2 दावे") and CLDR's dates ("3 सितंबर 2026"). The starter
files are the English ones' twins (same files, ids, markers, placeholders and Markdown skeleton) with
no English left where a reader looks, and a site built from them is Hindi from `<html lang="hi">` on.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator import catalogs, i18n, search
from generator.cli import main
from generator.newsite import STARTER, Language, render
from generator.scaffold import catalog_ids
from generator.unedited import FILL_IN, PREFIX
from generator.validate import validate

PO = i18n.LOCALE_DIR / "hi" / "LC_MESSAGES" / "messages.po"
EN, HI = STARTER / "en", STARTER / "hi"
# The other translated starters: what they all share with the English one is what a translation keeps.
TRANSLATED = sorted(
    p for p in STARTER.iterdir() if p.is_dir() and p.name not in ("en", "hi", "shared")
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
TAG = re.compile(r"<[^>]+>")
# Names a Hindi page writes in Latin script, as Indian newsrooms do; "Closes" is GitHub's keyword
# that closes the issue a pull request names, which works only in English.
NAMES = {
    "ClaimReview",
    "IFCN",
    "GitHub",
    "Pages",
    "CC",
    "BY",
    "Python",
    "git",
    "Closes",
    "factcheck-publisher",
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")


def _catalog() -> Catalog:
    with PO.open("rb") as f:
        return read_po(f)


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _english_words(text: str) -> list[str]:
    """Latin-script words left in reader-visible text, once code, addresses and names are out."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)  # code blocks
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", " ", text)  # commands, file names, field names
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"\b[\w-]+(\.[\w-]+)+\b", " ", text)  # web.archive.org, CONTRIBUTING.md
    text = re.sub(r"\{\{\w+\}\}", " ", PLACEHOLDER.sub(" ", TAG.sub(" ", text)))
    return [w for w in LATIN_WORD.findall(text) if w not in NAMES]


# --- the catalog ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("msgid", "hindi"),
    [
        ("Our verdict", "हमारा निष्कर्ष"),
        ("What we found", "हमने क्या पाया"),
        ("Our reasoning", "हमारी पड़ताल"),
        ("Share this fact check", "यह फ़ैक्ट-चेक शेयर करें"),
        ("Report an error", "गलती की सूचना दें"),
        ("Under review", "जांच जारी"),
        ("Sources", "स्रोत"),
        ("Correction", "सुधार"),
        ("Retracted", "वापस लिया गया"),
        ("Search fact checks", "फ़ैक्ट-चेक खोजें"),
        ("Next page →", "अगला पेज →"),
        ("Share", "प्रतिशत"),  # the column of a ratings table: a proportion, not a share button
    ],
)
def test_a_hi_site_reads_in_hindi(msgid, hindi):
    assert i18n.messages("hi").gettext(msgid) == hindi
    assert i18n.messages("hi-IN").gettext(msgid) == hindi  # the regional tag uses it too


def test_hi_is_a_shipped_language_with_cldr_dates():
    assert "hi" in i18n.shipped_languages()
    msgs = i18n.messages("hi")
    assert msgs.found and str(msgs.locale) == "hi"
    assert msgs.dir == "ltr"
    assert msgs.date(dt.date(2026, 9, 1)) == "1 सितंबर 2026"  # from CLDR, not from the catalog
    assert _catalog().locale_identifier == "hi"
    assert r'"Language: hi\n"' in PO.read_text(encoding="utf-8")


def test_every_string_is_translated_with_the_same_placeholders_and_markup():
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
        placeholders = sorted(set(PLACEHOLDER.findall(" ".join(ids))))
        for s in _strings(found):
            if not s.strip():
                problems.append(f"untranslated: {key!r}")
            elif sorted(set(PLACEHOLDER.findall(s))) != placeholders:
                problems.append(f"placeholders differ in {key!r}: {s!r}")
            elif sorted(TAG.findall(s)) != sorted(TAG.findall(ids[0])):
                problems.append(f"HTML differs in {key!r}: {s!r}")
            elif s.count("\n") != ids[0].count("\n"):
                problems.append(f"lines differ in {key!r}: {s!r}")
    assert not problems, "; ".join(problems)
    ids = {m.id for m in wanted}
    assert [m.id for m in catalog if m.id and m.id not in ids] == []  # nothing left over


def _read() -> list:
    """The catalog's page words: not the comments of `factcheck new`, which name files."""
    return [m for m in _catalog() if m.id and m.id not in catalog_ids()]


def test_no_english_word_reaches_a_reader():
    left = {s: _english_words(s) for m in _read() for s in _strings(m)}
    assert {s: words for s, words in left.items() if words} == {}


def test_one_term_for_each_idea():
    """The glossary holds: a fact check is always फ़ैक्ट-चेक, in one spelling, and a sentence ends
    with the danda, never a Latin full stop."""
    strings = " ".join(s for m in _read() for s in _strings(m))
    assert strings.count("फ़ैक्ट-चेक") >= 40
    for other in ("तथ्य-जांच", "तथ्य जांच", "फैक्ट", "फ़ैक्ट चेक", "वर्डिक्ट", "ग़लत", "जाँच"):
        assert other not in strings, other
    assert "." not in re.sub(r"%\(\w+\)[sd]|<[^>]+>", "", strings)


def test_the_plural_rules_are_cldrs_for_hindi():
    catalog = _catalog()
    assert catalog.num_plurals == 2
    assert catalog.plural_forms == Catalog(locale="hi").plural_forms  # nplurals=2; plural=(n > 1)
    plurals = [m for m in catalog if isinstance(m.id, tuple)]
    assert len(plurals) >= 15
    for m in plurals:
        assert len(m.string) == 2 and all(s.strip() for s in m.string), m.id
    hi = i18n.messages("hi")

    def claims(n):
        return hi.ngettext("%(num)d claim found.", "%(num)d claims found.", n) % {"num": n}

    assert claims(1) == "1 दावा मिला।"
    assert claims(0) == "0 दावा मिला।"  # CLDR: in Hindi 0 takes the singular
    assert claims(2) == "2 दावे मिले।"
    # The search box picks its words by CLDR category in the browser: one and other, both Hindi.
    found = search.ui_strings(hi)["found"]
    assert found == {"one": "%(num)d दावा मिला।", "other": "%(num)d दावे मिले।"}


def test_the_catalog_compiles_and_gnu_gettext_reads_its_plural_rule():
    mo = io.BytesIO()
    write_mo(mo, _catalog())
    mo.seek(0)
    compiled = gettext.GNUTranslations(mo)
    assert compiled.gettext("Our verdict") == "हमारा निष्कर्ष"
    one, other = "%(num)d claim", "%(num)d claims"
    assert [compiled.ngettext(one, other, n) for n in (0, 1, 5)] == [
        "%(num)d दावा",
        "%(num)d दावा",
        "%(num)d दावे",
    ]


def test_make_messages_leaves_the_catalog_as_it_is():
    """`make messages` merges the template into each catalog: ours is already in its written form."""
    catalog = _catalog()
    catalog.update(catalogs.template(), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    assert catalogs.po_text(catalog) == PO.read_text(encoding="utf-8")


# --- the starter text -----------------------------------------------------------------------------


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8").replace("{{url}}", "https://x.in/"))


def _keys(value) -> object:
    """The shape of a YAML document: its keys and list lengths, without the human text."""
    if isinstance(value, dict):
        return {k: _keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keys(v) for v in value]
    return None


def _skeleton(text: str) -> tuple:
    """What a translation keeps of a file: markers, placeholders, link targets and Markdown shape."""
    return (
        text.count(FILL_IN),
        text.count("factcheck: starter"),
        text.count("<!-- rating-scale -->"),
        tuple(re.findall(r"\{\{\w+\}\}", text)),
        tuple(re.findall(r"\]\(([^)]*)\)", text)),
        tuple(re.findall(r"^(#+|- \[ \]|-|\d+\.|```\w*|\|) ", text, re.M)),
    )


def _file_skeleton(path: Path) -> tuple:
    return _skeleton(path.read_text(encoding="utf-8"))


def _twin(rel: str, measure):
    """English's measure of a file, unless English alone has it (the notes `init` adds for a
    language without starter text): then the translated starters' common one."""
    english = measure(EN / rel)
    others = {measure(folder / rel) for folder in TRANSLATED}
    if english in others or len(others) != 1:
        return english
    return others.pop()


def test_the_starter_has_the_english_ones_files_markers_and_placeholders():
    assert _files(HI) == _files(EN)
    for rel in _files(EN):
        ours = (HI / rel).read_text(encoding="utf-8")
        assert ours != (EN / rel).read_text(encoding="utf-8"), f"{rel} is still the English text"
        assert _skeleton(ours) == _twin(rel, _file_skeleton), rel
        if rel.endswith((".yaml", ".yml")) and rel != "site.yaml":
            assert _keys(_yaml(HI / rel)) == _keys(_yaml(EN / rel)), rel
        # validate quotes each note to fill in up to its "]": every note closes, so none is cut.
        for at in (m.start() for m in re.finditer(re.escape(FILL_IN), ours)):
            assert "]" in ours[at : at + 400], (rel, ours[at : at + 60])
    site = _yaml(HI / "site.yaml")
    assert set(site) == _twin("site.yaml", lambda p: frozenset(_yaml(p)))
    english_nav = _yaml(EN / "site.yaml")["nav"]
    assert [list(i.values()) for i in site["nav"]] == [list(i.values()) for i in english_nav]


def test_the_rating_scale_and_topics_keep_their_ids_and_say_the_verdicts_as_indian_desks_do():
    for name in ("ratings.yaml", "topics.yaml"):
        ours, theirs = _yaml(HI / "content" / name), _yaml(EN / "content" / name)
        assert [i["id"] for i in ours] == [i["id"] for i in theirs], name
        for a, b in zip(ours, theirs, strict=True):
            drop = ("label", "description")
            assert {k: v for k, v in a.items() if k not in drop} == {
                k: v for k, v in b.items() if k not in drop
            }
    labels = {str(r["id"]): r["label"] for r in _yaml(HI / "content" / "ratings.yaml")}
    assert labels == {
        "True": "सच",
        "mostly-true": "ज़्यादातर सच",
        "half-true": "आधा सच",
        "misleading": "भ्रामक",
        "mostly-false": "ज़्यादातर गलत",
        "False": "गलत",
        "unproven": "अप्रमाणित",
    }
    topics = {t["id"]: t["label"] for t in _yaml(HI / "content" / "topics.yaml")}
    assert topics["economy"] == "अर्थव्यवस्था"


def test_the_pages_use_the_same_words_as_the_catalog_and_the_forms():
    """A reader meets one name for each thing: the page titles are the menu's, the kinds of change
    on the corrections page are the labels the fact checks show, the forms are called as named."""
    site, en_site = _yaml(HI / "site.yaml"), _yaml(EN / "site.yaml")
    pages = HI / "content" / "pages"
    for ours, theirs in zip(site["nav"], en_site["nav"], strict=True):
        ((label, page),) = ours.items()
        ((en_label, _),) = theirs.items()
        en_page = EN / "content" / "pages" / page
        if en_page.is_file() and f"\n# {en_label}\n" in en_page.read_text(encoding="utf-8"):
            assert f"\n# {label}\n" in (pages / page).read_text(encoding="utf-8"), page
    hi = i18n.messages("hi")
    corrections = (pages / "corrections.md").read_text(encoding="utf-8")
    for kind in ("Correction", "Update", "Clarification", "Retraction"):
        assert f"**{hi.gettext(kind)}:**" in corrections, kind
    forms = HI / "github" / "ISSUE_TEMPLATE"
    submit_form = _yaml(forms / "submit-a-claim.yml")["name"]
    error_form = _yaml(forms / "report-an-error.yml")["name"]
    assert error_form == hi.gettext("Report an error")
    assert f'"{submit_form}"' in (pages / "submit.md").read_text(encoding="utf-8")
    checklist = (HI / "github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert f'"{submit_form}"' in checklist and f'"{error_form}"' in checklist
    ratings = {str(r["id"]): r["label"] for r in _yaml(HI / "content" / "ratings.yaml")}
    assert f'"{ratings["unproven"]}"' in (pages / "methodology.md").read_text(encoding="utf-8")


def _reader_text(rel: str, text: str) -> str:
    """The words of a starter file a reader or an editor reads (not its YAML keys or ids)."""
    if rel.endswith(".md"):
        return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter: the marker
    data = yaml.safe_load(text.replace("{{url}}", "https://x.in/"))
    if rel == "site.yaml":
        data = {k: v for k, v in data.items() if k != "translate"}
    words: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in ("id", "labels", "color", "icon", "type", "url", "placeholder", "nav"):
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            words.append(value)

    walk(data)
    if rel == "site.yaml":
        words += [next(iter(i)) for i in data["nav"]]
    return "\n".join(words)


def test_no_english_is_left_where_a_reader_or_an_editor_looks():
    assert _files(HI) == _files(EN)
    left = {}
    for rel in _files(HI):
        words = _english_words(_reader_text(rel, (HI / rel).read_text(encoding="utf-8")))
        if words:
            left[rel] = words
    assert left == {}


# --- a site from the starter ----------------------------------------------------------------------

PERSON = 'name: "रमेश उदाहरण"\nkind: person\ndescription: "उदाहरणपुर के महापौर (उदाहरण के लिए)"\n'
CHECKER = 'name: "सीमा जांचकर्ता"\nkind: person\n'
CLAIM = """\
claim: "मेरे कार्यकाल में उदाहरणपुर का बस किराया दोगुना हो गया है।"
title: "उदाहरणपुर में बस किराया दोगुना होने का दावा"
claimant: ramesh-udaharan
date: 2026-09-01
appearances:
  - url: https://example.org/udaharanpur/bhashan
    archive_url: https://web.archive.org/web/20260902000000/https://example.org/udaharanpur/bhashan
    title: "उदाहरणपुर परिवहन मंच पर भाषण"
topics: [economy]
"""
VERDICT = """\
claim: bus-kiraya
rating: misleading
summary: "सिंगल टिकट का किराया 10 से 16 रुपये हुआ, यानी 60% बढ़ा। सिर्फ़ मासिक पास दोगुना हुआ।"
body: |
  परिवहन निगम की किराया सूची के मुताबिक सिंगल टिकट 10 से 16 रुपये का हुआ [@kiraya-suchi].
sources:
  - id: kiraya-suchi
    title: "किराया सूची 2026"
    publisher: "उदाहरणपुर परिवहन निगम"
    url: https://example.org/udaharanpur/kiraya-2026.pdf
    archive_url: https://web.archive.org/web/20260902000000/https://example.org/udaharanpur/kiraya-2026.pdf
    accessed: 2026-09-02
    primary: true
authors: [seema-janchkarta]
published: 2026-09-03
"""


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "hindi-desk"
    files = render("सच की पड़ताल", "https://sach.example.in/", Language("hi", "hi"))
    for rel, text in files.items():
        assert "{{" not in text.replace("${{", ""), rel  # every placeholder filled in
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return site


def test_a_site_from_the_hi_starter_validates_with_only_starter_warnings(tmp_path):
    site = _site(tmp_path)
    config = yaml.load((site / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["theme"]["language"] == "hi"
    nav = [next(iter(item)) for item in config["nav"]]
    assert nav[-3:] == ["हमारे बारे में", "हम कैसे काम करते हैं", "हमें दावा भेजें"]
    report = validate(site / "content")
    assert report.errors == 0, [str(p) for p in report.problems]
    assert all(PREFIX in p.message for p in report.problems), [str(p) for p in report.problems]
    assert len(report.problems) >= 20
    # The warnings quote the notes to fill in, in Hindi, whole.
    assert any("[✎ भरें: ईमेल पता]" in p.message for p in report.problems)


def test_a_site_built_from_the_hi_starter_is_hindi(tmp_path, monkeypatch):
    site = _site(tmp_path)
    content = site / "content"
    (content / "people" / "ramesh-udaharan.yaml").write_text(PERSON, encoding="utf-8")
    (content / "people" / "seema-janchkarta.yaml").write_text(CHECKER, encoding="utf-8")
    (content / "claims" / "bus-kiraya.yaml").write_text(CLAIM, encoding="utf-8")
    (content / "verdicts" / "bus-kiraya.yaml").write_text(VERDICT, encoding="utf-8")
    monkeypatch.chdir(site)
    assert main(["build", "--content", "content", "--out", "site", "--no-search"]) == 0

    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="hi"' in home and 'dir="rtl"' not in home
    assert "सच की पड़ताल" in home and "हम कैसे काम करते हैं" in home
    assert "ताज़ा फ़ैक्ट-चेक" in home and "Latest fact checks" not in home

    claim = (site / "site" / "claims" / "bus-kiraya" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="hi"' in claim
    for words in ("हमारा निष्कर्ष", "हमने क्या पाया", "भ्रामक", "यह फ़ैक्ट-चेक शेयर करें", "3 सितंबर 2026"):
        assert words in claim, words
    for english in ("Our verdict", "What we found", "Share this fact check", "September"):
        assert english not in claim, english
    # The sentences the page puts together end with the danda, not a Latin full stop.
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", claim))
    assert "उदाहरणपुर परिवहन निगम, 2 सितंबर 2026।" in text or "उदाहरणपुर परिवहन निगम।" in text, text
    assert "सीमा जांचकर्ता।" in text and "3 सितंबर 2026।" in text
    assert "जांचकर्ता." not in text and "2026." not in text

    methodology = (site / "site" / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "हम कैसे काम करते हैं</h1>" in methodology  # the page's own heading, rendered
    assert "ज़्यादातर गलत" in methodology and "<!-- rating-scale -->" not in methodology
