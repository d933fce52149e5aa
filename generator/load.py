"""Read the content tree safely: every file, with line numbers, never trusting what is in it.

YAML is read from the parser's event stream into plain Python values, so that:
- every key and value keeps its line and column for error messages;
- aliases (the "billion laughs" bomb) and custom tags (`!!python/object/apply`) are refused before
  anything is built: nothing in a file can run code or expand exponentially;
- nesting depth is checked as events arrive (no recursion, so no stack overflow);
- YAML 1.1 booleans such as `no`/`off` are caught: contributors meant text.
A broken file becomes problems; the other files are still read.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import ERROR, WARNING, Problem
from .spec import FOLDERS, LIMITS, LIST_FILES, YAML11_TRAPS, Kind

try:  # libyaml's C parser when present: the same events, several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

Path_ = tuple[str | int, ...]

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    None,
    "!",
    *(_STD + t for t in ("str", "int", "float", "bool", "null", "map", "seq")),
}
_ALLOWED_TAGS.add(_STD + "timestamp")
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class RawFile:
    """One YAML file as read: its values, and where each value and key stands in the file."""

    rel: str  # content-relative posix path: claims/x.yaml
    display: str  # the path as shown to the user
    kind: Kind
    data: Any = None
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # value positions (1-based)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # key positions
    blocks: set[Path_] = field(default_factory=set)  # values written as block text (| or >)
    traps: set[Path_] = field(
        default_factory=set
    )  # values YAML 1.1 read as yes/no (already reported)
    text: str = ""  # the file's text, to place problems inside block values

    @property
    def stem(self) -> str:
        return self.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]

    def at(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Best known position for a path: the key or value itself, else its nearest parent."""
        marks = self.key_marks if key else self.marks
        while path:
            if path in marks:
                return marks[path]
            if key and path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


@dataclass
class Loaded:
    """Everything read from a content tree, before any checking of what it means."""

    root: Path
    files: list[RawFile] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # documents/x.txt -> text (\n line ends)
    pages: dict[str, str] = field(default_factory=dict)  # pages/about.md -> Markdown
    problems: list[Problem] = field(default_factory=list)
    display_prefix: str = ""

    def show(self, rel: str) -> str:
        return self.display_prefix + rel


class _Refused(Exception):
    def __init__(self, message: str, line: int = 0, col: int = 0):
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


def _scalar(event: yaml.ScalarEvent, problems: list[tuple[str, int, int]]) -> Any:
    value = event.value
    line, col = event.start_mark.line + 1, event.start_mark.column + 1
    if event.tag not in _ALLOWED_TAGS:
        raise _Refused(
            f"the tag {event.tag} is not allowed: content files are read as plain data only",
            line,
            col,
        )
    if (
        event.style
        or event.tag in ("!", _STD + "str")
        or (event.tag is None and not event.implicit[0])
    ):
        return value  # quoted or block text: always a string
    tag = event.tag or _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STD + "str":
        return value
    if tag == _STD + "null":
        return None
    if tag == _STD + "bool":
        if value.lower() in YAML11_TRAPS:
            problems.append(
                (
                    f"'{value}' is read by YAML as a yes/no value; if you mean the text, "
                    f'put it in quotes: "{value}"',
                    line,
                    col,
                )
            )
            return value
        return value.lower() == "true"
    if tag == _STD + "timestamp":
        if _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value  # not a real day (2024-02-30): the checker reports it with the field
        return value  # a time of day too: the checker says it wants YYYY-MM-DD
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark)
    try:
        if tag == _STD + "int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == _STD + "float":
            return _CONSTRUCTOR.construct_yaml_float(node)
    except (ValueError, OverflowError):
        return value
    return value


def parse_yaml(text: str, raw: RawFile) -> list[tuple[str, int, int]]:
    """Fill raw.data and its marks from YAML text; return (message, line, col) for each problem.

    Raises _Refused for a file that cannot be read at all.
    """
    traps: list[tuple[str, int, int]] = []
    # Each stack entry: [container, path, pending key or None]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    nodes = 0

    def place(value: Any, mark: yaml.Mark) -> Path_ | None:
        nonlocal root
        pos = (mark.line + 1, mark.column + 1)
        if not stack:
            root = value
            raw.marks[()] = pos
            return ()
        top = stack[-1]
        container, path = top[0], top[1]
        if isinstance(container, list):
            child = (*path, len(container))
            container.append(value)
            raw.marks[child] = pos
            return child
        if top[2] is None:  # this value is a key
            if not isinstance(value, str) or isinstance(value, bool):
                raise _Refused("a field name must be plain text", *pos)
            if value in container:
                raise _Refused(f"the field '{value}' appears twice; keep one", *pos)
            top[2] = value
            raw.key_marks[(*path, value)] = pos
            return None
        key = top[2]
        top[2] = None
        container[key] = value
        child = (*path, key)
        raw.marks[child] = pos
        return child

    events = yaml.parse(text, Loader=_Loader)
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                m = event.start_mark
                raise _Refused(
                    "a file holds one YAML document: remove the second '---'",
                    m.line + 1,
                    m.column + 1,
                )
            continue
        if isinstance(event, yaml.AliasEvent):
            m = event.start_mark
            raise _Refused(
                "YAML aliases (*name) are not allowed: write the value out in full",
                m.line + 1,
                m.column + 1,
            )
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > LIMITS["nodes"]:
                raise _Refused(f"more than {LIMITS['nodes']} values in one file")
        if isinstance(event, yaml.ScalarEvent):
            before = len(traps)
            path = place(_scalar(event, traps), event.start_mark)
            if path is not None and event.style in ("|", ">"):
                raw.blocks.add(path)
            if path is not None and len(traps) > before:
                raw.traps.add(path)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            m = event.start_mark
            if event.tag not in _ALLOWED_TAGS:
                raise _Refused(f"the tag {event.tag} is not allowed", m.line + 1, m.column + 1)
            if len(stack) >= LIMITS["depth"]:
                raise _Refused(
                    f"nested more than {LIMITS['depth']} levels deep", m.line + 1, m.column + 1
                )
            value: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            path = place(value, m)
            stack.append([value, path if path is not None else (), None])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
    raw.data = root
    return traps


def _line_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    return line, offset - (before.rfind(b"\n") + 1) + 1


def read_text(path: Path, limit: int) -> tuple[str | None, tuple[str, int, int] | None]:
    """Read a UTF-8 file (BOM and CRLF accepted); return (text, None) or (None, problem)."""
    try:
        size = path.stat().st_size
    except OSError as e:
        return None, (f"cannot be read: {e.strerror}", 0, 0)
    if size > limit:
        return None, (
            f"is {size:,} bytes, over the limit of {limit:,} bytes: split it or shorten it",
            0,
            0,
        )
    try:
        data = path.read_bytes()
    except OSError as e:
        return None, (f"cannot be read: {e.strerror}", 0, 0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, col = _line_of_offset(data, e.start)
        return None, (
            f"is not UTF-8 text (byte 0x{data[e.start]:02x}): save it with UTF-8 encoding",
            line,
            col,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def load_yaml_file(path: Path, rel: str, kind: Kind, display: str) -> tuple[RawFile, list[Problem]]:
    """Read and parse one YAML file; problems name the file, line and column."""
    raw = RawFile(rel=rel, display=display, kind=kind)
    text, err = read_text(path, LIMITS["yaml_bytes"])
    if err:
        return raw, [Problem(display, err[1], err[2], ERROR, f"the file {err[0]}")]
    if not text.strip():
        return raw, [
            Problem(display, 1, 1, ERROR, f"the file is empty: write the {kind.name}'s fields")
        ]
    raw.text = text
    try:
        traps = parse_yaml(text, raw)
    except _Refused as e:
        raw.data = None
        return raw, [Problem(display, e.line, e.col, ERROR, e.message)]
    except yaml.MarkedYAMLError as e:
        raw.data = None
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(x for x in (e.context, e.problem) if x)
        return raw, [Problem(display, line, col, ERROR, f"YAML does not parse: {what}")]
    except (yaml.YAMLError, RecursionError, MemoryError) as e:
        raw.data = None
        return raw, [Problem(display, 0, 0, ERROR, f"YAML does not parse: {type(e).__name__}")]
    return raw, [Problem(display, ln, col, ERROR, msg) for msg, ln, col in traps]


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def load_tree(root: Path, display_prefix: str | None = None) -> Loaded:
    """Read every file under a content tree. Never raises for anything in the tree."""
    root = Path(root)
    if display_prefix is None:
        display_prefix = root.as_posix().rstrip("/") + "/" if str(root) not in ("", ".") else ""
    out = Loaded(root=root, display_prefix=display_prefix)

    def problem(rel: str, msg: str, line: int = 0, col: int = 0, sev: str = ERROR) -> None:
        out.problems.append(Problem(out.show(rel), line, col, sev, msg))

    if not root.is_dir():
        out.problems.append(Problem(str(root), 0, 0, ERROR, "the content folder does not exist"))
        return out
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        here = Path(dirpath)
        rel_dir = here.relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        for name in list(dirnames):
            if name.startswith("."):
                dirnames.remove(name)
                continue
            rel = rel_dir + name
            if (here / name).is_symlink():
                dirnames.remove(name)
                problem(
                    rel, "is a link to a folder: links to folders are not followed; copy the files"
                )
            elif rel_dir in ("claims/", "verdicts/", "documents/", "people/"):
                dirnames.remove(name)
                if name.endswith((".yaml", ".yml", ".txt")):
                    problem(rel, f"is a folder, but {rel_dir} holds files: make it a file")
                else:
                    problem(rel, f"is a folder: {rel_dir} holds files only, no subfolders")
            elif rel_dir == "" and name in LIST_FILES:
                dirnames.remove(name)
                problem(rel, "is a folder: it must be a YAML file")
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            rel = rel_dir + name
            if path.is_symlink() and not _inside(path, real_root):
                problem(rel, "is a link to a file outside the content folder: refused")
                continue
            if not path.is_file():
                problem(rel, "is not a regular file")
                continue
            _load_one(out, path, rel, rel_dir, name, problem)
    return out


def _load_one(out: Loaded, path: Path, rel: str, rel_dir: str, name: str, problem) -> None:
    folder = rel_dir.rstrip("/")
    if rel_dir == "" and name in LIST_FILES:
        raw, probs = load_yaml_file(path, rel, LIST_FILES[name], out.show(rel))
        out.files.append(raw)
        out.problems.extend(probs)
    elif rel_dir == "" and name.endswith(".yml") and name[:-4] + ".yaml" in LIST_FILES:
        problem(rel, f"rename it to {name[:-4]}.yaml: the content files end in .yaml")
    elif folder in FOLDERS and "/" not in folder:
        if name.endswith(".yaml"):
            raw, probs = load_yaml_file(path, rel, FOLDERS[folder], out.show(rel))
            out.files.append(raw)
            out.problems.extend(probs)
        elif name.endswith(".yml"):
            problem(rel, f"rename it to {name[:-4]}.yaml: the content files end in .yaml")
        elif folder == "documents" and name.endswith(".txt"):
            text, err = read_text(path, LIMITS["text_bytes"])
            if err:
                problem(rel, f"the file {err[0]}", err[1], err[2])
            else:
                out.texts[rel] = text
        elif folder == "documents":
            problem(rel, "is not a .yaml or .txt file: documents/ holds only those", sev=WARNING)
        else:
            problem(rel, f"is not a .yaml file: {folder}/ holds only .yaml files", sev=WARNING)
    elif rel_dir.startswith("pages/"):
        if name.endswith(".md"):
            text, err = read_text(path, LIMITS["text_bytes"])
            if err:
                problem(rel, f"the file {err[0]}", err[1], err[2])
            else:
                out.pages[rel] = text
    elif rel_dir == "" and name.lower().startswith("readme"):
        return
    else:
        problem(rel, "is not part of the content format and is ignored", sev=WARNING)
