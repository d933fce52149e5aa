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
from hypothesis import HealthCheck, given, settings
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
