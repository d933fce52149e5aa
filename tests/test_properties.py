"""Property tests: whatever is in a content file, loading and checking never raise.

Arbitrary YAML documents (nested mappings, lists and scalars dumped by PyYAML), arbitrary text,
arbitrary bytes and random edits of valid files are written as a claim, a verdict or ratings.yaml
into the valid tree; `validate` must return a report every time, and building the model from a
report without errors must work too.
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_validate import FIXTURE

from generator.load import RawFile, load_yaml_file, parse_yaml
from generator.spec import KINDS
from generator.validate import validate

TARGETS = (
    "claims/bus-fares-doubled.yaml",
    "verdicts/bus-fares-doubled.yaml",
    "ratings.yaml",
    "documents/council-meeting-2024-10-24.yaml",
    "people/jane-doe.yaml",
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FIELD_NAMES = sorted({f.name for k in KINDS.values() for f in k.fields} | {"claimnt", "x"})
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["no", "off", "yes", "true", "false", "2024-02-30", "javascript:x", "[@a]"]),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12))
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=6)
    ),
    max_leaves=30,
)


_TREE: list[Path] = []


@contextmanager
def content_tree() -> Iterator[Path]:
    """One copy of the valid tree for the whole module; each example restores what it changed."""
    if not _TREE:
        tmp = Path(tempfile.mkdtemp(prefix="factcheck-properties-"))
        atexit.register(shutil.rmtree, tmp, ignore_errors=True)
        shutil.copytree(FIXTURE, tmp / "content")
        _TREE.append(tmp / "content")
    root = _TREE[0]
    try:
        yield root
    finally:
        for rel in TARGETS:
            shutil.copyfile(FIXTURE / rel, root / rel)


def check_never_raises(root: Path, rel: str, data: bytes) -> None:
    (root / rel).write_bytes(data)
    report = validate(root, display_prefix="")
    assert report.summary()
    for p in report.problems:
        assert p.path and p.severity in ("error", "warning") and p.message
        assert p.line >= 0 and p.col >= 0
    if not report.errors:
        assert report.content is not None


@SETTINGS
@given(doc=documents, target=st.sampled_from(TARGETS))
def test_any_yaml_document_gives_a_report(doc, target):
    text = yaml.safe_dump(doc, allow_unicode=True)
    with content_tree() as root:
        check_never_raises(root, target, text.encode("utf-8"))


@SETTINGS
@given(fields=st.dictionaries(st.sampled_from(FIELD_NAMES), documents, max_size=8))
def test_any_mapping_of_known_field_names_gives_a_report(fields):
    text = yaml.safe_dump(fields, allow_unicode=True)
    with content_tree() as root:
        check_never_raises(root, "verdicts/bus-fares-doubled.yaml", text.encode("utf-8"))
        check_never_raises(root, "claims/bus-fares-doubled.yaml", text.encode("utf-8"))


@SETTINGS
@given(text=st.text(max_size=300), target=st.sampled_from(TARGETS))
def test_any_text_gives_a_report(text, target):
    with content_tree() as root:
        check_never_raises(root, target, text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(data=st.binary(max_size=300), target=st.sampled_from(TARGETS))
def test_any_bytes_give_a_report(data, target):
    with content_tree() as root:
        check_never_raises(root, target, data)


@SETTINGS
@given(
    target=st.sampled_from(TARGETS),
    edits=st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=1),
            st.integers(min_value=0, max_value=5),
            st.text(
                alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"\n\t @`%,?~")) | st.characters(),
                max_size=4,
            ),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_random_edits_of_valid_files_give_a_report(target, edits):
    text = (FIXTURE / target).read_text(encoding="utf-8")
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    with content_tree() as root:
        check_never_raises(root, target, text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(text=st.text(max_size=200))
def test_the_loader_alone_never_raises(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        raw, problems = load_yaml_file(path, "claims/x.yaml", KINDS["claim"], "claims/x.yaml")
        assert raw.failed or raw.data is not None or problems


@SETTINGS
@given(doc=documents)
def test_parsed_values_round_trip_with_positions(doc):
    """What the loader builds from dumped YAML is what PyYAML's safe loader builds (no aliases)."""
    text = yaml.safe_dump(doc, allow_unicode=True)
    raw = RawFile(rel="x", display="x", kind=KINDS["claim"])
    try:
        parse_yaml(text, raw)
    except Exception:  # refused (too deep, etc.) is fine here; the value check is for what loads
        return
    expected = yaml.safe_load(text)
    assert _plain(raw.data) == _plain(expected)
    assert () in raw.marks


def _plain(value):
    """YAML 1.1 yes/no words stay text in the loader; dump/load gives them back as booleans only
    when PyYAML wrote them unquoted, which it never does for strings; floats compare by repr."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value
    return value


# -- growth and safety (issue #18) ----------------------------------------------------------
# Cost is measured as a ratio between an input and the same input four times as long, best of a
# few runs: linear work gives about 4, quadratic 16. No absolute time is asserted.

MARKUP = "[]@()*_`<>!#\\&|~-: \n\"'a1=/"
units = st.text(alphabet=MARKUP, min_size=1, max_size=6)
GROWTH = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))


def _cost(fn, repeat: int = 3) -> float:
    """The least CPU time of a few runs: this process's own, so other work on the machine (a
    shared CI core) changes it much less than the wall clock."""
    import time

    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return max(best, 1e-3)


# 8x the input: linear work takes about 8x the time, quadratic about 64x; the bound sits between,
# far from both, so a loaded machine does not make a linear case fail.
GROWTH_FACTOR = 8
LINEAR_BOUND = 24


def _ratio(fn, small: str, large: str) -> float:
    return _cost(lambda: fn(large)) / _cost(lambda: fn(small))


@GROWTH
@given(unit=units)
@example(unit="[")
@example(unit="[@")
@example(unit="[[")
@example(unit="[a](")
@example(unit="*_`<")
def test_rendering_markdown_grows_linearly(unit):
    from generator.markdown import render

    def run(text: str) -> None:
        render(text, sources={"a", "a1"}, claims={"a": "A"})

    n = 1500 // len(unit)
    ratio = _ratio(run, unit * n, unit * GROWTH_FACTOR * n)
    assert ratio < LINEAR_BOUND, f"{unit!r}: 8x the text took {ratio:.1f}x the time"


@GROWTH
@given(unit=units)
@example(unit="[")
@example(unit="[@")
@example(unit="[[")
@example(unit="[a](")
@example(unit="*_`<")
def test_validating_a_body_grows_linearly(unit):
    quoted = yaml.safe_dump({"body": None}).split(":")[0]  # "body"
    with content_tree() as root:
        verdict = root / TARGETS[1]
        original = (FIXTURE / TARGETS[1]).read_text("utf-8")

        def run(body: str) -> None:
            text = original.replace(
                "body: |\n", f"{quoted}: {yaml.safe_dump(body).strip()}\nx: |\n"
            )
            verdict.write_text(text, "utf-8")
            report = validate(root, display_prefix="")
            for p in report.problems:
                assert p.path and p.line >= 0 and p.col >= 0

        n = 4000 // len(unit)
        ratio = _ratio(run, unit * n, unit * GROWTH_FACTOR * n)
    assert ratio < LINEAR_BOUND, f"{unit!r}: 8x the body took {ratio:.1f}x the time"


@SETTINGS
@given(doc=documents, target=st.sampled_from(TARGETS))
def test_every_problem_in_a_yaml_file_names_its_line_and_column(doc, target):
    text = yaml.safe_dump(doc, allow_unicode=True)
    with content_tree() as root:
        (root / target).write_text(text, "utf-8")
        report = validate(root, display_prefix="")
    for p in report.problems:
        if p.path == target:
            assert p.line >= 1 and p.col >= 1, str(p)


INJECTIONS = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](  javascript:alert(1)  )",
        "<a href='javascript:x'>y</a>",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox)",
        "![x](javascript:alert(1))",
        "[x]: javascript:alert(1)\n\n[x]",
        '<svg onload="alert(1)">',
        "`<script>`",
        "[@a] [[a]] [@<script>] [[<b onclick=x>]]",
        "<!-- <script> -->",
        "&lt;script&gt;",
        "[x](&#106;avascript:alert(1))",
        '<https://example.org/" onmouseover="x>',
    ]
)


def live_markup(html: str) -> list[str]:
    """What in rendered HTML would run: a script element, an on* attribute, a script address."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("script", "iframe", "object", "embed"):
                found.append(f"<{tag}>")
            for name, value in attrs:
                plain = "".join(c for c in (value or "") if c > " ").lower()
                if name.startswith("on"):
                    found.append(f"{name}=")
                elif name in ("href", "src", "action") and plain.startswith(
                    ("javascript:", "vbscript:", "data:")
                ):
                    found.append(f"{name}={value}")

    Tags(convert_charrefs=True).feed(html)
    return found


@SETTINGS
@given(parts=st.lists(st.one_of(INJECTIONS, st.text(alphabet=MARKUP, max_size=20)), max_size=8))
def test_no_rendered_markdown_holds_live_markup(parts):
    from generator.markdown import render

    text = "".join(parts)
    for relative in (False, True):
        html = render(text, sources={"a"}, claims={"a": "A"}, relative_links=relative).html
        assert live_markup(html) == [], (text, html)


def test_the_live_markup_check_finds_what_it_looks_for():
    assert live_markup('<p onclick="x">a</p><script></script><a href=" jav&#x61;script:x">') == [
        "onclick=",
        "<script>",
        "href= javascript:x",
    ]
