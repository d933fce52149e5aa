"""Check everything that was read, report every problem in one pass, then build the model.

Checks come from the one definition of the format in `spec.py`: required and unknown fields, types,
id rules, references between files (with the closest existing id), quotes against document texts,
citations against source lists, URL schemes and invisible control characters.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import model
from .load import Loaded, RawFile, load_tree
from .problems import ERROR, WARNING, Problem, has_errors
from .spec import ID_MAX, ID_PATTERN, KINDS, Field

ID_RE = re.compile(ID_PATTERN)
CITATION = re.compile(r"\[@([^\]\s]*)\]")
CLAIM_LINK = re.compile(r"\[\[([^\]\s]*)\]\]")
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
# C0 and C1 controls other than tab and newline, plus DEL: invisible, often pasted, forbidden in HTML.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BAD = object()  # a value that failed its check (already reported)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
_TYPE_NAMES = {
    "text": "text",
    "markdown": "text",
    "id": "an id",
    "date": "a date (YYYY-MM-DD)",
    "url": "a web address",
    "bool": "true or false",
    "int": "a whole number",
    "color": "a colour like #1a7f37",
    "choice": "one of the listed values",
    "list": "a list",
    "object": "a set of fields",
}


def normalise_quote(text: str) -> str:
    """Quotes match a document when whitespace runs and typographic quotes are ignored."""
    return " ".join(text.translate(_QUOTES).split())


def strip_controls(text: str) -> str:
    return CONTROL.sub("", text)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    return f"'{value}'"


def closest(word: str, options, cutoff: float = 0.6) -> str | None:
    match = difflib.get_close_matches(word, sorted(options), n=1, cutoff=cutoff)
    return match[0] if match else None


def _did_you_mean(word: str, options) -> str:
    best = closest(str(word), options)
    return f"; did you mean '{best}'?" if best else ""


@dataclass
class Report:
    """What `factcheck validate` prints: the problems, the counts, and the model when valid."""

    problems: list[Problem]
    counts: dict[str, int]
    content: model.Content | None = None

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == WARNING for p in self.problems)

    def summary(self) -> str:
        c = self.counts
        parts = [
            f"{c.get('claim', 0)} claims",
            f"{c.get('verdict', 0)} verdicts",
            f"{c.get('document', 0)} documents",
            f"{c.get('person', 0)} people",
        ]
        e, w = self.errors, self.warnings
        return f"{', '.join(parts)}: {e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"


@dataclass
class _Item:
    """One checked item (a file, or one entry of ratings.yaml/topics.yaml) with where it came from."""

    id: str
    raw: RawFile
    base: tuple  # path of the item inside raw.data
    data: dict[str, Any] = field(default_factory=dict)  # checked values only


class _Checker:
    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.problems: list[Problem] = list(loaded.problems)
        self.items: dict[str, list[_Item]] = defaultdict(list)

    # -- reporting -------------------------------------------------------------------------
    def report(
        self, raw: RawFile, path: tuple, msg: str, sev: str = ERROR, key: bool = False
    ) -> None:
        line, col = raw.at(path, key=key)
        self.problems.append(Problem(raw.display, line, col, sev, msg))

    # -- values ---------------------------------------------------------------------------
    def check_text(self, raw: RawFile, path: tuple, f: Field, value: Any, label: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            hint = ""
            if isinstance(value, list):
                hint = "; write one piece of text, not a list"
            elif isinstance(value, dict):
                hint = "; write the text on the same line, in quotes if it contains ': '"
            elif isinstance(value, bool):
                hint = f'; put it in quotes ("{str(value).lower()}") if you mean the text'
            self.report(raw, path, f"{label}: expected text, found {_describe(value)}{hint}")
            return _BAD
        text = str(value)
        if CONTROL.search(text):
            self.report(
                raw,
                path,
                f"{label}: contains invisible control characters (often from pasted text); "
                "they are removed when the site is built — delete them to silence this",
                WARNING,
            )
            text = strip_controls(text)
        if not text.strip():
            self.report(raw, path, f"{label}: is empty; write the {f.name} or remove the field")
            return _BAD
        if f.max_length and len(text) > f.max_length:
            self.report(
                raw,
                path,
                f"{label}: is {len(text)} characters; keep it under {f.max_length}",
                ERROR if f.name != "title" else WARNING,
            )
        return text

    def check_value(self, raw: RawFile, path: tuple, f: Field, value: Any) -> Any:
        label = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(
            ".[", "["
        )
        label = f"'{label}'" if label else f"'{f.name}'"
        t = f.type
        if path in raw.traps:
            return _BAD  # `kind: no`: reported once, by the loader, with how to quote it
        if value is None:
            self.report(raw, path, f"{label}: has no value; write {_TYPE_NAMES[t]} or remove it")
            return _BAD
        if t in ("text", "markdown"):
            return self.check_text(raw, path, f, value, label)
        if t == "id":
            if isinstance(value, bool):  # `rating: false` means the rating with id "false"
                value = str(value).lower()
            if not isinstance(value, (str, int)):
                self.report(raw, path, f"{label}: expected an id, found {_describe(value)}")
                return _BAD
            value = str(value)
            if not ID_RE.match(value) or len(value) > ID_MAX:
                self.report(raw, path, f"{label}: '{value}' is not a valid id; {ID_RULE}")
                return _BAD
            return value
        if t == "date":
            if isinstance(value, dt.datetime):
                value = value.date()
            if isinstance(value, dt.date):
                return value
            text = str(value)
            if re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", text):
                try:
                    y, m, d = (int(x) for x in text.split("-"))
                    return dt.date(y, m, d)
                except ValueError:
                    self.report(raw, path, f"{label}: {text} is not a real date (no such day)")
                    return _BAD
            self.report(
                raw, path, f"{label}: expected a date written YYYY-MM-DD, found {_describe(value)}"
            )
            return _BAD
        if t == "url":
            return self.check_url(raw, path, value, label)
        if t == "bool":
            if isinstance(value, bool):
                return value
            self.report(raw, path, f"{label}: expected true or false, found {_describe(value)}")
            return _BAD
        if t == "int":
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            self.report(raw, path, f"{label}: expected a whole number, found {_describe(value)}")
            return _BAD
        if t == "color":
            if isinstance(value, str) and COLOR.match(value):
                return value.lower()
            self.report(
                raw, path, f"{label}: expected a colour like #1a7f37, found {_describe(value)}"
            )
            return _BAD
        if t == "choice":
            if isinstance(value, str) and value in f.choices:
                return value
            shown = str(value).lower() if isinstance(value, bool) else value
            self.report(
                raw,
                path,
                f"{label}: {_describe(shown)} is not one of {', '.join(f.choices)}"
                + _did_you_mean(str(shown), f.choices),
            )
            return _BAD
        if t == "list":
            if not isinstance(value, list):
                if f.items and f.items.type == "id" and isinstance(value, str):
                    hint = f"; write [{value}]"
                else:
                    hint = "; start each item on its own line with '- '"
                self.report(raw, path, f"{label}: expected a list, found {_describe(value)}{hint}")
                return _BAD
            if len(value) < f.min_items:
                self.report(raw, path, f"{label}: needs at least {f.min_items} item(s)")
            out = [self.check_value(raw, (*path, i), f.items, v) for i, v in enumerate(value)]
            return out if all(v is not _BAD for v in out) else [v for v in out if v is not _BAD]
        if t == "object":
            if not isinstance(value, dict):
                self.report(
                    raw,
                    path,
                    f"{label}: expected a set of fields ({', '.join(x.name for x in f.fields)}), "
                    f"found {_describe(value)}",
                )
                return _BAD
            return self.check_fields(raw, path, f.fields, value, f.name)
        raise AssertionError(t)  # pragma: no cover - spec.TYPES is closed

    def check_url(self, raw: RawFile, path: tuple, value: Any, label: str) -> Any:
        if not isinstance(value, str):
            self.report(raw, path, f"{label}: expected a web address, found {_describe(value)}")
            return _BAD
        value = strip_controls(value).strip()
        parts = urlsplit(value)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            why = f"'{scheme}:' addresses are not allowed" if scheme else "it has no http(s)://"
            self.report(
                raw,
                path,
                f"{label}: '{value[:80]}' is not a web address ({why}); use an http:// or https:// link",
            )
            return _BAD
        if not parts.netloc or " " in value:
            self.report(raw, path, f"{label}: '{value[:80]}' is not a complete web address")
            return _BAD
        return value

    def check_fields(
        self, raw: RawFile, base: tuple, fields: tuple[Field, ...], data: dict, what: str
    ):
        known = {f.name: f for f in fields}
        out: dict[str, Any] = {}
        for key in data:
            if key not in known:
                self.report(
                    raw,
                    (*base, key),
                    f"unknown field '{key}' in {_article(what)}{_did_you_mean(key, known)}",
                    key=True,
                )
        for f in fields:
            if f.name not in data:
                if f.required:
                    self.report(
                        raw,
                        base,
                        f"missing required field '{f.name}' in {_article(what)}: {f.doc}",
                        key=True,
                    )
                continue
            v = self.check_value(raw, (*base, f.name), f, data[f.name])
            if v is not _BAD:
                out[f.name] = v
        return out

    # -- files ----------------------------------------------------------------------------
    def check_file(self, raw: RawFile) -> None:
        kind = raw.kind
        if raw.data is None:
            return  # unreadable; already reported
        if kind.list_file:
            if not isinstance(raw.data, list):
                self.report(
                    raw,
                    (),
                    f"{kind.list_file} must be a list: start each {kind.name} with '- id: ...'",
                )
                return
            for i, entry in enumerate(raw.data):
                if not isinstance(entry, dict):
                    self.report(
                        raw, (i,), f"each {kind.name} must be a set of fields starting with 'id:'"
                    )
                    continue
                data = self.check_fields(raw, (i,), kind.fields, entry, kind.name)
                if "id" in data:
                    self.items[kind.name].append(_Item(data["id"], raw, (i,), data))
            return
        if not ID_RE.match(raw.stem) or len(raw.stem) > ID_MAX:
            self.report(
                raw, (), f"the file name '{raw.stem}' is not a valid id; {ID_RULE}. Rename the file"
            )
            return
        if not isinstance(raw.data, dict):
            self.report(
                raw,
                (),
                f"a {kind.name} file must be a set of 'field: value' lines, found {_describe(raw.data)}",
            )
            return
        data = self.check_fields(raw, (), kind.fields, raw.data, kind.name)
        self.items[kind.name].append(_Item(raw.stem, raw, (), data))

    # -- across files ---------------------------------------------------------------------
    def ids(self, kind: str) -> dict[str, _Item]:
        return {i.id: i for i in self.items[kind]}

    def check_duplicates(self) -> None:
        for kind in ("rating", "topic"):
            seen: dict[str, _Item] = {}
            for it in self.items[kind]:
                if it.id in seen:
                    self.report(
                        it.raw,
                        (*it.base, "id"),
                        f"the {kind} id '{it.id}' is listed twice; keep one",
                    )
                seen.setdefault(it.id, it)

    def check_ref(self, it: _Item, path: tuple, kind: str, value: str, known: dict) -> None:
        if value not in known:
            where = f"people/{value}.yaml" if kind == "person" else _where(kind, value)
            self.report(
                it.raw,
                path,
                f"'{path[-1] if isinstance(path[-1], str) else path[-2]}': no {kind} '{value}' "
                f"exists ({where} not found){_did_you_mean(value, known)}",
            )

    def check_refs(self) -> None:
        known = {k: self.ids(k) for k in KINDS}
        topics_listed = bool(self.items["topic"])
        for kind_name in ("claim", "verdict", "document"):
            kind = KINDS[kind_name]
            for it in self.items[kind_name]:
                self._walk_refs(it, kind.fields, it.data, it.base, known, topics_listed)

    def _walk_refs(self, it, fields, data, base, known, topics_listed) -> None:
        for f in fields:
            if f.name not in data:
                continue
            v, path = data[f.name], (*base, f.name)
            ref = f.ref or (f.items.ref if f.items else None)
            if f.type == "id" and f.ref:
                self.check_ref(it, path, f.ref, v, known[f.ref])
            elif f.type == "list" and f.items and f.items.type == "id" and ref:
                if ref == "topic" and not topics_listed:
                    continue  # topics are free-form until topics.yaml lists them
                for i, x in enumerate(v):
                    self.check_ref(it, (*path, i), ref, x, known[ref])
            elif f.type == "list" and f.items and f.items.type == "object":
                for i, x in enumerate(v):
                    self._walk_refs(it, f.items.fields, x, (*path, i), known, topics_listed)

    def check_claims(self) -> None:
        docs = self.ids("document")
        for it in self.items["claim"]:
            for i, a in enumerate(it.data.get("appearances", [])):
                path = (*it.base, "appearances", i)
                has_doc, has_url = "document" in a, "url" in a
                if has_doc == has_url:
                    self.report(
                        it.raw,
                        path,
                        "each appearance is either {document, quote} or {url, archive_url, title}: "
                        + ("give one of them" if not has_doc else "not both"),
                    )
                    continue
                if has_doc and "quote" not in a:
                    self.report(
                        it.raw,
                        path,
                        "an appearance in a document needs a 'quote': the claim's words as they stand in it",
                    )
                if has_url and "quote" in a:
                    self.report(
                        it.raw,
                        (*path, "quote"),
                        "'quote' belongs with 'document'; for a web page, put the words in 'title' or the claim",
                        WARNING,
                    )
                if has_doc and "quote" in a and a["document"] in docs:
                    text = self.document_text(docs[a["document"]])
                    if text is None:
                        self.report(
                            it.raw,
                            (*path, "quote"),
                            f"document '{a['document']}' has no text file, so the quote cannot be checked: "
                            f"add documents/{a['document']}.txt",
                            WARNING,
                        )
                    elif normalise_quote(a["quote"]) not in normalise_quote(text):
                        self.report(
                            it.raw,
                            (*path, "quote"),
                            f"'quote' does not appear word for word in documents/{a['document']}.txt; "
                            "copy it exactly from the document's text",
                        )
            for i, r in enumerate(it.data.get("related", [])):
                if r == it.id:
                    self.report(
                        it.raw,
                        (*it.base, "related", i),
                        "'related' lists the claim itself",
                        WARNING,
                    )
            if "title" in it.data and it.id in self.verdict_rating:
                label = self.verdict_rating[it.id]
                if label and re.search(rf"\b{re.escape(label)}\b", it.data["title"], re.IGNORECASE):
                    self.report(
                        it.raw,
                        (*it.base, "title"),
                        f"'title' contains the verdict ('{label}'); a title states the claim, never the rating",
                        WARNING,
                    )

    def document_text(self, doc: _Item) -> str | None:
        name = doc.data.get("text") or f"{doc.id}.txt"
        return self.loaded.texts.get(f"documents/{name}")

    def check_documents(self) -> None:
        docs = self.ids("document")
        named = set()
        for it in self.items["document"]:
            name = it.data.get("text")
            if name is not None:
                if "/" in name or name.startswith(".") or not name.endswith(".txt"):
                    self.report(
                        it.raw,
                        (*it.base, "text"),
                        "'text': give a .txt file name beside this file, like x.txt",
                    )
                elif f"documents/{name}" not in self.loaded.texts:
                    self.report(
                        it.raw, (*it.base, "text"), f"'text': documents/{name} does not exist"
                    )
            named.add(f"documents/{name or it.id + '.txt'}")
            seen, cur = {it.id}, it.data.get("part_of")
            while cur in docs:
                if cur in seen:
                    self.report(it.raw, (*it.base, "part_of"), "'part_of' goes round in a circle")
                    break
                seen.add(cur)
                cur = docs[cur].data.get("part_of")
        for rel in sorted(set(self.loaded.texts) - named):
            self.problems.append(
                Problem(
                    self.loaded.show(rel),
                    0,
                    0,
                    WARNING,
                    f"no document uses this text: add {rel[:-4]}.yaml or name it in a document's 'text'",
                )
            )

    def check_verdicts(self) -> None:
        claims = self.ids("claim")
        by_claim: dict[str, list[_Item]] = defaultdict(list)
        for it in self.items["verdict"]:
            cid = it.data.get("claim")
            if cid is not None:
                by_claim[cid].append(it)
                if cid != it.id and cid in claims:
                    self.report(
                        it.raw,
                        (*it.base, "claim"),
                        f"this verdict is on claim '{cid}' but the file is named {it.id}.yaml; "
                        f"name it verdicts/{cid}.yaml",
                    )
            self.check_citations(it)
            published = it.data.get("published")
            claim = claims.get(cid) if cid else None
            if published and claim and claim.data.get("date") and published < claim.data["date"]:
                self.report(
                    it.raw,
                    (*it.base, "published"),
                    "'published' is before the claim was made",
                    WARNING,
                )
            for i, u in enumerate(it.data.get("updates", [])):
                if published and "date" in u and u["date"] < published:
                    self.report(
                        it.raw,
                        (*it.base, "updates", i, "date"),
                        "an update cannot be dated before 'published'",
                    )
        for cid, items in by_claim.items():
            if len(items) > 1:
                for it in items:
                    others = ", ".join(o.raw.display for o in items if o is not it)
                    self.report(
                        it.raw,
                        (*it.base, "claim"),
                        f"claim '{cid}' has more than one verdict (also {others}); keep one per claim",
                    )

    def check_citations(self, it: _Item) -> None:
        body = it.data.get("body")
        sources = it.data.get("sources", [])
        ids = Counter(s.get("id") for s in sources if "id" in s)
        for i, s in enumerate(sources):
            if s.get("id") and ids[s["id"]] > 1:
                self.report(
                    it.raw,
                    (*it.base, "sources", i, "id"),
                    f"source id '{s['id']}' is used twice in this verdict",
                )
        if body is None:
            return
        cited = []
        for m in CITATION.finditer(body):
            sid = m.group(1)
            cited.append(sid)
            if sid not in ids:
                line, col = _offset_in_block(it.raw, (*it.base, "body"), body, m.start())
                self.problems.append(
                    Problem(
                        it.raw.display,
                        line,
                        col,
                        ERROR,
                        f"'body' cites [@{sid}] but 'sources' lists no source with id '{sid}'"
                        + _did_you_mean(sid, ids),
                    )
                )
        for i, s in enumerate(sources):
            if s.get("id") and s["id"] not in cited:
                self.report(
                    it.raw,
                    (*it.base, "sources", i, "id"),
                    f"source '{s['id']}' is listed but never cited; cite it in 'body' as [@{s['id']}] or remove it",
                    WARNING,
                )
        claims = self.ids("claim")
        for m in CLAIM_LINK.finditer(body):
            cid = m.group(1)
            if cid not in claims:
                line, col = _offset_in_block(it.raw, (*it.base, "body"), body, m.start())
                self.problems.append(
                    Problem(
                        it.raw.display,
                        line,
                        col,
                        ERROR,
                        f"'body' links [[{cid}]] but no claim '{cid}' exists"
                        + _did_you_mean(cid, claims),
                    )
                )

    def check_ratings(self) -> None:
        if not any(r.kind.name == "rating" for r in self.loaded.files):
            self.problems.append(
                Problem(
                    self.loaded.show("ratings.yaml"),
                    0,
                    0,
                    ERROR,
                    "the rating scale is missing: add ratings.yaml",
                )
            )
            return
        values = [it for it in self.items["rating"] if "value" in it.data]
        for it in values:
            if it.data["value"] < 1:
                self.report(
                    it.raw, (*it.base, "value"), "'value' must be 1 or more (1 = least accurate)"
                )
        seen: dict[int, str] = {}
        for it in values:
            v = it.data["value"]
            if v in seen:
                self.report(
                    it.raw, (*it.base, "value"), f"'value' {v} is also the value of '{seen[v]}'"
                )
            seen.setdefault(v, it.id)

    def run(self) -> None:
        for raw in self.loaded.files:
            self.check_file(raw)
        self.check_duplicates()
        self.check_ratings()
        ratings = {it.id: it.data.get("label") for it in self.items["rating"]}
        self.verdict_rating = {
            it.data["claim"]: ratings.get(it.data.get("rating"))
            for it in self.items["verdict"]
            if "claim" in it.data
        }
        self.check_refs()
        self.check_documents()
        self.check_claims()
        self.check_verdicts()
        self.check_pages()

    def check_pages(self) -> None:
        for rel, text in self.loaded.pages.items():
            m = CONTROL.search(text)
            if m:
                line = text.count("\n", 0, m.start()) + 1
                self.problems.append(
                    Problem(
                        self.loaded.show(rel),
                        line,
                        0,
                        WARNING,
                        "contains invisible control characters; they are removed when the site is built",
                    )
                )


ID_RULE = "ids use lowercase letters a-z, digits and single hyphens (like 'kim-jong-un'), at most 80 characters"


def _article(what: str) -> str:
    return f"an {what}" if what[0] in "aeiou" else f"a {what}"


def _where(kind: str, value: str) -> str:
    folder = {"claim": "claims", "document": "documents", "verdict": "verdicts"}.get(kind)
    if folder:
        return f"{folder}/{value}.yaml"
    return {"rating": "ratings.yaml", "topic": "topics.yaml"}.get(kind, kind)


def _offset_in_block(raw: RawFile, path: tuple, text: str, offset: int) -> tuple[int, int]:
    """Line and column of a match inside a text value, for block text (`body: |`) too."""
    line, col = raw.at(path)
    before = text[:offset]
    nl = before.count("\n")
    if path not in raw.blocks:
        return (line, col + offset) if nl == 0 else (line + nl, 0)
    # Block text starts on the line after its `|`, indented; find that indent in the file.
    lines = raw.text.split("\n")
    first = line  # 0-based index of the line after the indicator
    while first < len(lines) and not lines[first].strip():
        first += 1
    indent = len(lines[first]) - len(lines[first].lstrip(" ")) if first < len(lines) else 0
    column = offset - (before.rfind("\n") + 1)
    return first + 1 + nl, indent + column + 1


def _build(ch: _Checker) -> model.Content:
    """The model from checked values. Only called when there were no errors."""
    ratings = {}
    for order, it in enumerate(ch.items["rating"]):
        d = it.data
        ratings[it.id] = model.Rating(
            id=it.id,
            label=d["label"],
            description=d["description"],
            value=d.get("value"),
            color=d.get("color"),
            icon=d.get("icon"),
            order=order,
        )
    topics = {
        it.id: model.Topic(id=it.id, label=it.data["label"], description=it.data.get("description"))
        for it in sorted(ch.items["topic"], key=lambda i: i.id)
    }
    people = {
        it.id: model.Person(
            id=it.id,
            name=it.data["name"],
            kind=it.data["kind"],
            description=it.data.get("description"),
            same_as=tuple(it.data.get("same_as", ())),
        )
        for it in sorted(ch.items["person"], key=lambda i: i.id)
    }
    documents = {}
    for it in sorted(ch.items["document"], key=lambda i: i.id):
        d = it.data
        text = ch.document_text(it)
        documents[it.id] = model.Document(
            id=it.id,
            title=d["title"],
            kind=d["kind"],
            date=d["date"],
            publisher=d.get("publisher"),
            author=d.get("author"),
            url=d.get("url"),
            archive_url=d.get("archive_url"),
            part_of=d.get("part_of"),
            description=d.get("description"),
            text=strip_controls(text) if text is not None else None,
            source_path=it.raw.rel,
        )
    claims = {}
    for it in sorted(ch.items["claim"], key=lambda i: i.id):
        d = it.data
        claims[it.id] = model.Claim(
            id=it.id,
            claim=d["claim"],
            claimant=d["claimant"],
            date=d["date"],
            appearances=tuple(model.Appearance(**a) for a in d["appearances"]),
            title=d.get("title"),
            topics=tuple(d.get("topics", ())),
            related=tuple(d.get("related", ())),
            language=d.get("language"),
            source_path=it.raw.rel,
        )
    verdicts = {}
    for it in sorted(ch.items["verdict"], key=lambda i: i.data["claim"]):
        d = it.data
        verdicts[d["claim"]] = model.Verdict(
            claim=d["claim"],
            rating=d["rating"],
            summary=d["summary"],
            body=d["body"],
            sources=tuple(model.Source(**s) for s in d["sources"]),
            authors=tuple(d["authors"]),
            published=d["published"],
            reviewers=tuple(d.get("reviewers", ())),
            updates=tuple(model.Update(**u) for u in d.get("updates", ())),
            source_path=it.raw.rel,
        )
    pages = {rel: strip_controls(text) for rel, text in sorted(ch.loaded.pages.items())}
    return model.Content(
        ratings=ratings,
        topics=topics,
        people=people,
        documents=documents,
        claims=claims,
        verdicts=verdicts,
        pages=pages,
    )


def check(loaded: Loaded) -> Report:
    """Check a loaded tree. The report carries the model only when there is no error."""
    ch = _Checker(loaded)
    ch.run()
    problems = sorted(set(ch.problems), key=_sort_key)
    counts = {k: len(ch.items[k]) for k in KINDS}
    content = None if has_errors(problems) else _build(ch)
    return Report(problems=problems, counts=counts, content=content)


def _sort_key(p: Problem):
    return (p.path, p.line, p.col, p.severity, p.message)


def validate(root: Path, display_prefix: str | None = None) -> Report:
    """Read and check a whole content tree."""
    return check(load_tree(Path(root), display_prefix))


def read_content(root: Path) -> tuple[model.Content | None, list[Problem]]:
    """The content model (None when there are errors) and every problem found."""
    report = validate(root)
    return report.content, report.problems


__all__ = [
    "Report",
    "check",
    "closest",
    "normalise_quote",
    "read_content",
    "strip_controls",
    "validate",
]
