"""`factcheck check-changes --base REV`: no silent verdict changes, no lost URLs, no rewritten history.

The content in the working tree is compared with the same folder at a git revision (in a pull
request: the base branch). Both sides are read with the project's own YAML loader, and values are
compared as the validator reads them (`rating: false` is the rating "false"; whitespace and
invisible control characters do not count as a change of text). It is an error when:

- a published verdict's `rating` or `summary` changed without a new `updates` entry, or its rating
  changed and no new entry has `previous_rating` set to the old rating;
- an `updates` entry was removed, edited, or a new one was put before older ones (history is
  append-only), or `published` changed;
- a published verdict file was deleted (withdraw a verdict with an `updates` entry of type
  retraction: the page stays, with the retraction at the top);
- a claim id that existed at the revision is gone (ids are permanent URLs): keep the claim and
  retract its verdict, or, when it duplicates another claim, add a redirect to `redirects.yaml`;
- a redirect that existed at the revision was removed, or a redirect points at no claim.

`content/redirects.yaml` is a list of `{from: old-claim-id, to: claim-id}`: the site serves a page
at the old id's URL that sends readers on to the claim it was merged into.

Only files whose bytes differ are parsed, so a pull request touching a few files is checked in about
the time `git` takes to list and read the revision's verdicts.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import spec
from .load import RawFile, load_yaml_file
from .problems import ERROR, Problem, format_problems, has_errors
from .values import did_you_mean, strip_controls

REDIRECTS_FILE = "redirects.yaml"


def redirect_kind() -> spec.Kind:
    return spec.REDIRECT


class GitError(Exception):
    """git is missing, the folder is not in a checkout, or the revision does not exist."""


def git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """Run git in `cwd`; its output, or GitError with git's own message."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, env=env, check=False
        )
    except FileNotFoundError as e:
        raise GitError("git is not installed (or not on PATH)") from e
    if done.returncode:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


def cat_file(top: Path, oids: list[str]) -> dict[str, bytes]:
    """The contents of many git objects with one `git cat-file --batch`; missing ones left out."""
    if not oids:
        return {}
    out = git(["cat-file", "--batch"], top, "".join(f"{o}\n" for o in oids).encode())
    found: dict[str, bytes] = {}
    pos = 0
    for oid in oids:
        end = out.index(b"\n", pos)
        header = out[pos:end].split(b" ")
        pos = end + 1
        if len(header) != 3:  # "<oid> missing"
            continue
        size = int(header[2])
        found[oid] = out[pos : pos + size]
        pos += size + 1
    return found


@dataclass
class Base:
    """What the content folder held at the revision: just what the checks need."""

    rev: str  # as the user wrote it, e.g. origin/main
    commit: str  # full hash
    claims: set[str] = field(default_factory=set)  # claim ids (file stems)
    verdicts: dict[str, bytes] = field(default_factory=dict)  # claim id -> verdict file bytes
    redirects: bytes | None = None  # redirects.yaml bytes, when it existed

    @property
    def short(self) -> str:
        return self.commit[:7]


def read_base(content: Path, rev: str) -> Base:
    """Read the content folder at a git revision: one `ls-tree` and one `cat-file --batch`."""
    if not content.is_dir():
        what = "is not a folder" if content.exists() else "does not exist"
        raise GitError(
            f"the content folder {content} {what}; give the folder that holds ratings.yaml, "
            "claims/ and verdicts/"
        )
    if not rev or rev.startswith("-"):
        raise GitError(f"'{rev}' is not a git revision")
    try:
        top = Path(git(["rev-parse", "--show-toplevel"], content).decode().strip())
        prefix = git(["rev-parse", "--show-prefix"], content).decode().strip()
    except GitError as e:
        raise GitError(f"{content} is not inside a git checkout ({e})") from e
    try:
        commit = git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top).decode()
    except GitError:
        raise GitError(
            f"'{rev}' is not a commit in this repository; in a pull request fetch the base branch "
            "first (git fetch origin main, or actions/checkout with fetch-depth: 0)"
        ) from None
    base = Base(rev=rev, commit=commit.strip())
    paths = [prefix + "claims", prefix + "verdicts", prefix + REDIRECTS_FILE]
    listing = git(["ls-tree", "-r", "-z", "--full-tree", base.commit, "--", *paths], top)
    wanted: dict[str, str] = {}  # object id -> content-relative path
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, path_b = entry.partition(b"\t")
        _mode, kind, oid = meta.decode().split(" ")
        rel = path_b.decode("utf-8", "surrogateescape")[len(prefix) :]
        folder, _, name = rel.rpartition("/")
        if kind != "blob" or not name.endswith(".yaml") or name.startswith("."):
            continue
        if folder == "claims":
            base.claims.add(name[:-5])
        elif folder == "verdicts" or (folder == "" and name == REDIRECTS_FILE):
            wanted[oid] = rel
    for oid, data in cat_file(top, list(wanted)).items():
        rel = wanted[oid]
        if rel == REDIRECTS_FILE:
            base.redirects = data
        else:
            base.verdicts[rel[len("verdicts/") : -5]] = data
    return base


# -- values as the validator sees them ------------------------------------------------------------
def _norm(value: Any) -> Any:
    """A value as readers see it: ids, dates and text compared by meaning, not by YAML spelling."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return tuple(sorted((str(k), _norm(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_norm(v) for v in value)
    if value is None:
        return None
    return " ".join(strip_controls(str(value)).split())


def _shown(value: Any) -> str:
    v = _norm(value)
    return f"'{v}'" if isinstance(v, str) else "nothing" if v is None else "a list or fields"


def _updates(raw: RawFile) -> list[Any]:
    data = raw.data if isinstance(raw.data, dict) else {}
    ups = data.get("updates")
    return ups if isinstance(ups, list) else []


def _entry_name(entry: Any) -> str:
    if isinstance(entry, dict):
        bits = [_norm(entry.get("date")), _norm(entry.get("type"))]
        bits = [b for b in bits if isinstance(b, str)]
        if bits:
            return f"the updates entry of {bits[0]}" + (f" ({bits[1]})" if len(bits) > 1 else "")
    return "an updates entry"


def _changed_fields(old: Any, new: Any) -> list[str]:
    if not isinstance(old, dict) or not isinstance(new, dict):
        return []
    return sorted(f for f in set(old) | set(new) if _norm(old.get(f)) != _norm(new.get(f)))


def match_updates(old: list, new: list) -> tuple[dict[int, int], dict[int, int], list[int]]:
    """Pair old entries with new ones: (kept old->new, edited old->new, new indexes not paired).

    Kept entries are found in order, unchanged. Between two kept entries, old entries that were not
    found are paired in order with the new entries standing in the same gap: those were edited.
    """
    on, nn = [_norm(e) for e in old], [_norm(e) for e in new]
    kept: dict[int, int] = {}
    j = 0
    for i, o in enumerate(on):
        for k in range(j, len(nn)):
            if nn[k] == o:
                kept[i], j = k, k + 1
                break
    edited: dict[int, int] = {}
    anchors = [(-1, -1), *sorted(kept.items()), (len(old), len(new))]
    for (i0, k0), (i1, k1) in zip(anchors, anchors[1:], strict=False):
        edited.update(zip(range(i0 + 1, i1), range(k0 + 1, k1), strict=False))
    used = set(kept.values()) | set(edited.values())
    return kept, edited, [k for k in range(len(new)) if k not in used]


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    verdicts: int = 0  # published verdicts at the revision
    changed: int = 0  # of those, files whose content changed
    new_updates: int = 0
    new_verdicts: int = 0
    new_claims: int = 0
    redirected: int = 0


class _Compare:
    def __init__(self, content: Path, base: Base, display_prefix: str, tmp: Path):
        self.content, self.base, self.prefix, self.tmp = content, base, display_prefix, tmp
        self.out = Outcome()

    def show(self, rel: str) -> str:
        return self.prefix + rel

    def error(self, raw_or_rel: RawFile | str, where: tuple[int, int], msg: str) -> None:
        path = raw_or_rel.display if isinstance(raw_or_rel, RawFile) else self.show(raw_or_rel)
        self.out.problems.append(Problem(path, where[0], where[1], ERROR, msg))

    def load(self, data: bytes | None, rel: str, kind: spec.Kind, old: bool) -> RawFile | None:
        """Parse one file with the project's loader; None when it does not parse."""
        if data is None:
            path = self.content / rel
        else:
            path = self.tmp / ("old" if old else "new") / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        raw, _ = load_yaml_file(path, rel, kind, self.show(rel))
        return None if raw.failed or raw.data is None else raw

    def unreadable(self, rel: str, side: str) -> None:
        self.error(
            rel,
            (0, 0),
            f"cannot be compared with {self.base.rev}: the {side} version does not parse; "
            "fix the problems `factcheck validate` reports first",
        )

    # -- verdicts ---------------------------------------------------------------------------
    def verdict(self, cid: str, old_bytes: bytes) -> None:
        rel = f"verdicts/{cid}.yaml"
        old = self.load(old_bytes, rel, spec.VERDICT, old=True)
        new = self.load(None, rel, spec.VERDICT, old=False)
        if old is None:
            return  # broken at the revision: nothing published to protect
        if new is None:
            self.unreadable(rel, "new")
            return
        rev = self.base.rev
        od = old.data if isinstance(old.data, dict) else {}
        nd = new.data if isinstance(new.data, dict) else {}
        old_ups, new_ups = _updates(old), _updates(new)
        kept, edited, fresh = match_updates(old_ups, new_ups)
        last_old = max([*kept.values(), *edited.values()], default=-1)
        appended = [k for k in fresh if k > last_old]
        self.out.new_updates += len(fresh)

        for i, k in edited.items():
            o, n = old_ups[i], new_ups[k]
            fields = _changed_fields(o, n)
            what = ", ".join(f"'{f}'" for f in fields) or "it"
            at = ("updates", k, fields[0]) if len(fields) == 1 else ("updates", k)
            self.error(
                new,
                new.at(at),
                f"{_entry_name(o)} was edited since {rev} ({what} changed); history is append-only: "
                "restore the entry as it was and add a new entry (type correction or clarification) "
                "that explains the change",
            )
        for i in range(len(old_ups)):
            if i not in kept and i not in edited:
                self.error(
                    new,
                    new.at(("updates",), key=True),
                    f"{_entry_name(old_ups[i])} was removed since {rev}; history is append-only: "
                    "put it back as it was",
                )
        for k in fresh:
            if k <= last_old:
                self.error(
                    new,
                    new.at(("updates", k)),
                    f"updates[{k}] is new but stands before entries published earlier; "
                    "add new entries at the end of 'updates' (history is append-only)",
                )

        o_rating, n_rating = _norm(od.get("rating")), _norm(nd.get("rating"))
        if "rating" in nd and o_rating != n_rating:
            if not fresh:
                self.error(
                    new,
                    new.at(("rating",)),
                    f"'rating' changed from {_shown(od.get('rating'))} to {_shown(nd.get('rating'))} "
                    f"since {rev} without a new 'updates' entry: add one at the end of 'updates' "
                    f"with the date, type (correction or update), a note for readers, and "
                    f"previous_rating: {o_rating}",
                )
            elif not any(
                isinstance(new_ups[k], dict)
                and _norm(new_ups[k].get("previous_rating")) == o_rating
                for k in fresh
            ):
                k = (appended or fresh)[-1]
                self.error(
                    new,
                    new.at(("updates", k)),
                    f"'rating' changed from {_shown(od.get('rating'))} to {_shown(nd.get('rating'))} "
                    f"since {rev}, but no new 'updates' entry says so: add previous_rating: "
                    f"{o_rating} to the entry that explains the change",
                )
        if "summary" in nd and _norm(od.get("summary")) != _norm(nd.get("summary")) and not fresh:
            self.error(
                new,
                new.at(("summary",)),
                f"'summary' changed since {rev} without a new 'updates' entry: add one at the end "
                "of 'updates' with the date, type (correction, update or clarification) and a note "
                "saying what changed and why",
            )
        if (
            "published" in od
            and "published" in nd
            and _norm(od["published"]) != _norm(nd["published"])
        ):
            self.error(
                new,
                new.at(("published",)),
                f"'published' changed from {_norm(od['published'])} to {_norm(nd['published'])} "
                f"since {rev}; the date a verdict was first published never changes",
            )

    # -- the whole comparison ---------------------------------------------------------------
    def run(self) -> Outcome:
        base, out = self.base, self.out
        new_claims = _stems(self.content / "claims")
        new_verdicts = _stems(self.content / "verdicts")
        redirects, redirect_raw = self.redirects()
        old_redirects, _ = self.redirects(base.redirects, old=True)

        out.verdicts = len(base.verdicts)
        out.new_verdicts = len(new_verdicts - set(base.verdicts))
        out.new_claims = len(new_claims - base.claims)
        for cid, old_bytes in sorted(base.verdicts.items()):
            rel = f"verdicts/{cid}.yaml"
            if cid not in new_verdicts:
                if cid in new_claims or cid not in base.claims:
                    self.error(
                        rel,
                        (0, 0),
                        f"the published verdict on '{cid}' was deleted since {base.rev}; a verdict "
                        "is never deleted: restore it, and to withdraw it add an 'updates' entry of "
                        "type retraction saying why",
                    )
                continue  # the claim went too: reported once, below
            try:
                same = (self.content / rel).read_bytes() == old_bytes
            except OSError:
                same = False
            if not same:
                out.changed += 1
                self.verdict(cid, old_bytes)

        for cid in sorted(base.claims - new_claims):
            rel = f"claims/{cid}.yaml"
            if cid in redirects:
                if follow(cid, redirects, new_claims) is None:
                    assert redirect_raw is not None
                    to = redirects[cid][0]
                    self.error(
                        redirect_raw,
                        redirect_raw.at((redirects[cid][1], "to")),
                        f"the redirect from '{cid}' leads to no existing claim; point 'to' at the "
                        "claim it was merged into"
                        + ("" if to in redirects else did_you_mean(to, new_claims)),
                    )
                else:
                    out.redirected += 1
                continue
            retract = (
                f"keep the file and add an 'updates' entry of type retraction to verdicts/{cid}.yaml"
                if cid in base.verdicts
                else "keep the file"
            )
            self.error(
                rel,
                (0, 0),
                f"claim '{cid}' was removed since {base.rev}, but a published claim id is a "
                f"permanent URL: {retract}; or, if it is the same claim as another, add "
                f"'- {{from: {cid}, to: <other-claim-id>}}' to {self.show(REDIRECTS_FILE)}",
            )

        for cid, (to, _) in sorted(old_redirects.items()):
            if cid not in redirects and cid not in new_claims:
                where = redirect_raw if redirect_raw is not None else REDIRECTS_FILE
                self.error(
                    where,
                    (0, 0) if redirect_raw is None else redirect_raw.at(()),
                    f"the redirect from '{cid}' to '{to}' was removed since {base.rev}; "
                    "it keeps old links working: put it back",
                )
        return out

    def redirects(
        self, data: bytes | None = None, old: bool = False
    ) -> tuple[dict[str, tuple[str, int]], RawFile | None]:
        """redirects.yaml as {from: (to, entry index)} (the working tree's unless `old`)."""
        if old and data is None:
            return {}, None
        if not old and not (self.content / REDIRECTS_FILE).is_file():
            return {}, None
        raw = self.load(data, REDIRECTS_FILE, redirect_kind(), old=old)
        if raw is None:
            if not old:
                self.unreadable(REDIRECTS_FILE, "new")
            return {}, None
        return read_redirects(raw), raw


# -- redirects ------------------------------------------------------------------------------------
def read_redirects(raw: RawFile) -> dict[str, tuple[str, int]]:
    """{from: (to, index of the entry)} for the well-formed entries (the first of a repeated from)."""
    out: dict[str, tuple[str, int]] = {}
    for i, e in enumerate(raw.data if isinstance(raw.data, list) else []):
        if isinstance(e, dict) and isinstance(e.get("from"), str) and "to" in e:
            out.setdefault(e["from"], (_norm(e["to"]) or "", i))
    return out


def follow(cid: str, redirects: dict[str, tuple[str, int]], claims: set[str]) -> str | None:
    """The claim a redirect finally leads to, following chains; None if none, or in a circle."""
    seen = {cid}
    to = redirects[cid][0]
    while to not in claims:
        if to in seen or to not in redirects:
            return None
        seen.add(to)
        to = redirects[to][0]
    return to


def _read_redirects_file(content: Path, display: str) -> RawFile | None:
    path = Path(content) / REDIRECTS_FILE
    if not path.is_file():
        return None
    raw, _ = load_yaml_file(path, REDIRECTS_FILE, redirect_kind(), display)
    return None if raw.failed else raw


def redirect_map(content: Path, claims: set[str]) -> dict[str, str]:
    """Old claim id -> the claim its address should lead to, for the site's redirect pages.

    Chains are followed to their end; entries that `redirect_problems` reports are left out.
    """
    raw = _read_redirects_file(content, REDIRECTS_FILE)
    if raw is None:
        return {}
    redirects = read_redirects(raw)
    out = {}
    for old in sorted(redirects):
        target = None if old in claims else follow(old, redirects, claims)
        if target is not None:
            out[old] = target
    return out


def redirect_problems(loaded: Any, claims: set[str]) -> list[Problem]:
    """What `factcheck validate` should say about content/redirects.yaml, if there is one.

    `loaded` is the loader's `Loaded` (its `root` and `show`); `claims` the ids of existing claims.
    Errors: an old id that is still a claim (the redirect would hide it), an old id listed twice,
    a redirect that leads to no claim or goes round in a circle. Field types are checked by the
    validator from spec.py, like every other file.
    """
    raw = _read_redirects_file(loaded.root, loaded.show(REDIRECTS_FILE))
    if raw is None:
        return []  # no file, or one the loader reports as unreadable
    redirects = read_redirects(raw)
    problems = []

    def error(i: int, key: str, msg: str) -> None:
        line, col = raw.at((i, key))
        problems.append(Problem(raw.display, line, col, ERROR, msg))

    for i, e in enumerate(raw.data if isinstance(raw.data, list) else []):
        if not isinstance(e, dict) or not isinstance(e.get("from"), str) or "to" not in e:
            continue
        old = e["from"]
        if redirects[old][1] != i:
            error(
                i,
                "from",
                f"'{old}' is redirected twice (also entry {redirects[old][1] + 1}); keep one",
            )
        elif old in claims:
            error(
                i,
                "from",
                f"claims/{old}.yaml exists, so this redirect would hide it: remove the redirect, "
                "or remove the claim if it was merged into another",
            )
        elif follow(old, redirects, claims) is None:
            to = redirects[old][0]
            why = (
                "the redirects go round in a circle"
                if to in redirects
                else f"no claim '{to}' exists (claims/{to}.yaml not found)"
                + did_you_mean(to, claims)
            )
            error(i, "to", f"the redirect from '{old}' leads to no claim: {why}")
    return problems


def _stems(folder: Path) -> set[str]:
    try:
        return {
            p.name[:-5]
            for p in folder.iterdir()
            if p.name.endswith(".yaml") and not p.name.startswith(".")
        }
    except OSError:
        return set()


def compare(content: Path, base: Base, display_prefix: str | None = None) -> Outcome:
    """Every silent change between the revision and the working tree, as problems."""
    content = Path(content)
    if display_prefix is None:
        display_prefix = (
            content.as_posix().rstrip("/") + "/" if str(content) not in ("", ".") else ""
        )
    with tempfile.TemporaryDirectory(prefix="factcheck-changes-") as tmp:
        out = _Compare(content, base, display_prefix, Path(tmp)).run()
    out.problems.sort(key=lambda p: (p.path, p.line, p.col, p.message))
    return out


def summary(out: Outcome, base: Base) -> str:
    def n(count: int, one: str, many: str | None = None) -> str:
        return f"{count} {one if count == 1 else many or one + 's'}"

    errors = sum(p.severity == ERROR for p in out.problems)
    head = (
        f"{n(errors, 'error')} since {base.rev} ({base.short})"
        if errors
        else f"no silent changes since {base.rev} ({base.short})"
    )
    return (
        f"check-changes: {head}: {n(out.verdicts, 'published verdict')}, {out.changed} changed, "
        f"{n(out.new_updates, 'new updates entry', 'new updates entries')}, "
        f"{n(out.new_verdicts, 'new verdict')}, {n(out.new_claims, 'new claim')}, "
        f"{n(out.redirected, 'claim')} redirected"
    )


def check_changes(content: Path, base: str, fmt: str = "text") -> int:
    """The `factcheck check-changes` command: 0 no silent changes, 1 some, 2 a usage error."""
    content = Path(content)
    try:
        rev = read_base(content, base)
    except GitError as e:
        print(f"factcheck: error: {e}", file=sys.stderr)
        return 2
    out = compare(content, rev)
    text = format_problems(out.problems, fmt)
    line = summary(out, rev)
    if fmt == "json":
        print(text)
        print(line, file=sys.stderr)
    else:
        if text:
            print(text)
        print(line, file=sys.stderr if fmt == "github" else sys.stdout)
    return 1 if has_errors(out.problems) else 0
