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
- a redirect that existed at the revision was removed, or a redirect points at no claim;
- a rating in `ratings.yaml` that published verdicts use was removed, or changed what those
  verdicts say: its `value` changed, its `label` changed other than in case, spacing or punctuation
  (a letter, digit or symbol differs, after Unicode NFKC), or the scale's best or worst value
  changed (ClaimReview publishes every value with them). "Use" is counted at the revision: a
  verdict's `rating`, and for labels also an update's `previous_rating` (its label is shown). A
  rating no published verdict uses may change freely, and so may `color`, `icon` and
  `description`;
- a verdict's rating changed and a translation of it (`translation_of`) is not rated the same.

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
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import spec
from .load import RawFile, load_yaml_file
from .problems import ERROR, Problem, format_problems, has_errors
from .values import did_you_mean, strip_controls

REDIRECTS_FILE = "redirects.yaml"
RATINGS_FILE = "ratings.yaml"


def redirect_kind() -> spec.Kind:
    return spec.REDIRECT


class GitError(Exception):
    """git is missing, the folder is not in a checkout, or the revision does not exist."""


# What a git hook (or a shell) exports to point git at a repository. GIT_DIR alone makes git take
# the folder it runs in as the top of the work tree, so a content folder below the top would read as
# a repository's root, and a relative GIT_DIR as no repository at all.
_REPO_VARIABLES = ("GIT_DIR", "GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_PREFIX")


def git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """Run git in `cwd`; its output, or GitError with git's own message.

    The repository is the one `cwd` is in: a GIT_DIR without GIT_WORK_TREE (as a hook has it) is
    left out, so git finds the repository from the folder; both set still choose it together."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    if "GIT_WORK_TREE" not in env:
        for name in _REPO_VARIABLES:
            env.pop(name, None)
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
    ratings: bytes | None = None  # ratings.yaml bytes, when it existed

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
    names = ["claims", "verdicts", REDIRECTS_FILE, RATINGS_FILE]
    paths = [f":(literal){prefix}{name}" for name in names]  # a folder named with * is no pattern
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
        elif folder == "verdicts" or (folder == "" and name in (REDIRECTS_FILE, RATINGS_FILE)):
            wanted[oid] = rel
    for oid, data in cat_file(top, list(wanted)).items():
        rel = wanted[oid]
        if rel == REDIRECTS_FILE:
            base.redirects = data
        elif rel == RATINGS_FILE:
            base.ratings = data
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


def _updates(raw: RawFile | dict) -> list[Any]:
    data = raw if isinstance(raw, dict) else raw.data if isinstance(raw.data, dict) else {}
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


# -- ratings -------------------------------------------------------------------------------------
def label_key(label: Any) -> str:
    """A rating label as far as its meaning goes: case, spacing and punctuation do not count.

    After Unicode NFKC, only letters, marks, digits and symbols are kept, case-folded: "Mostly
    false" and "Mostly-False." are the same label; "False" and "True", or "True" and "≠ True",
    are not.
    """
    text = unicodedata.normalize("NFKC", str(_norm(label)))
    return "".join(c for c in text.casefold() if unicodedata.category(c)[0] in "LMNS")


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def rating_items(raw: RawFile | None) -> dict[str, tuple[int, dict]]:
    """ratings.yaml as {id: (index, entry)}, the first entry of each id."""
    out: dict[str, tuple[int, dict]] = {}
    for i, e in enumerate(raw.data if raw is not None and isinstance(raw.data, list) else []):
        if isinstance(e, dict) and isinstance(_norm(e.get("id")), str):
            out.setdefault(_norm(e["id"]), (i, e))
    return out


def _ends(items: dict[str, tuple[int, dict]]) -> tuple[int | None, int | None]:
    """The scale's (best, worst) values; ClaimReview publishes every value with them
    (render.core.Scale, shifted so that the worst is at least 1)."""
    values = [v for _, e in items.values() if (v := _int(e.get("value"))) is not None]
    return (max(values), min(values)) if values else (None, None)


def _uses(cids: list[str], one: str = "uses it", many: str = "use it") -> str:
    """'1 published verdict uses it ('a')', '5 published verdicts use it (e.g. 'a', 'b')'."""
    some = ", ".join(f"'{c}'" for c in cids[:2])
    if len(cids) == 1:
        return f"1 published verdict {one} ({some})"
    return f"{len(cids)} published verdicts {many} ({'e.g. ' if len(cids) > 2 else ''}{some})"


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
        self.old: dict[str, dict] = {}  # claim id -> its verdict's fields at the revision
        self.rerated: dict[str, tuple[str, str]] = {}  # claim id -> (old rating, new rating)

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
        self.old[cid] = old.data if isinstance(old.data, dict) else {}
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
            if isinstance(o_rating, str) and isinstance(n_rating, str):
                self.rerated[cid] = (o_rating, n_rating)
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

    def old_verdict(self, cid: str) -> dict:
        """A published verdict's fields at the revision ({} when they do not parse)."""
        if cid not in self.old:
            raw = self.load(self.base.verdicts[cid], f"verdicts/{cid}.yaml", spec.VERDICT, old=True)
            self.old[cid] = raw.data if raw is not None and isinstance(raw.data, dict) else {}
        return self.old[cid]

    # -- translations -----------------------------------------------------------------------
    def translations(self) -> None:
        """A translation of a verdict whose rating changed must now carry the new rating."""
        if not self.rerated:
            return
        for stem in sorted(_stems(self.content / "claims")):
            rel, vrel = f"claims/{stem}.yaml", f"verdicts/{stem}.yaml"
            try:
                data = (self.content / rel).read_bytes()
            except OSError:
                continue
            # Only files that may name an original are parsed (a backslash: a YAML escape).
            if b"translation_of" not in data and b"\\" not in data:
                continue
            claim = self.load(None, rel, spec.CLAIM, old=False)
            if claim is None or not isinstance(claim.data, dict):
                continue
            orig = _norm(claim.data.get("translation_of"))
            if orig not in self.rerated or orig == stem or not (self.content / vrel).is_file():
                continue
            verdict = self.load(None, vrel, spec.VERDICT, old=False)
            vd = verdict.data if verdict is not None and isinstance(verdict.data, dict) else {}
            was, now = self.rerated[orig]
            if verdict is None or "rating" not in vd or _norm(vd["rating"]) == now:
                continue
            entry = ""
            if stem in self.base.verdicts:
                before = _norm(self.old_verdict(stem).get("rating"))
                entry = (
                    f", with an 'updates' entry of its own (previous_rating: {before}) that "
                    "translates the original's note"
                )
            self.error(
                verdict,
                verdict.at(("rating",)),
                f"this translation of '{orig}' is rated {_shown(vd['rating'])}, but the original's "
                f"rating changed from '{was}' to '{now}' since {self.base.rev} "
                f"({self.show(f'verdicts/{orig}.yaml')}); a translation carries its original's "
                f"rating: set rating: {now} here too{entry}",
            )

    # -- the rating scale -------------------------------------------------------------------
    def rating_uses(self, ids: set[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Published verdicts rated with each of `ids`, and those whose updates name one as
        previous_rating (its label is shown there), both as at the revision."""
        rated: dict[str, list[str]] = {r: [] for r in ids}
        before: dict[str, list[str]] = {r: [] for r in ids}
        needles = [r.encode() for r in ids]
        for cid, data in sorted(self.base.verdicts.items()):
            low = data.lower()  # `rating: FALSE` is the rating false
            if not any(n in low for n in needles) and b"\\" not in data:
                continue
            d = self.old_verdict(cid)
            rating = _norm(d.get("rating"))
            if rating in rated:
                rated[rating].append(cid)
            for e in _updates(d):
                prev = _norm(e.get("previous_rating")) if isinstance(e, dict) else None
                if prev in before and cid not in before[prev]:
                    before[prev].append(cid)
        return rated, before

    def ratings(self) -> None:
        """Published verdicts say the same after ratings.yaml changed (see the module's doc)."""
        path = self.content / RATINGS_FILE
        if self.base.ratings is None:
            return
        new = None
        if path.is_file():
            try:
                if path.read_bytes() == self.base.ratings:
                    return
            except OSError:
                pass
            new = self.load(None, RATINGS_FILE, spec.RATING, old=False)
            if new is None:
                self.unreadable(RATINGS_FILE, "new")
                return
        old = self.load(self.base.ratings, RATINGS_FILE, spec.RATING, old=True)
        if old is None:
            return
        old_items, new_items = rating_items(old), rating_items(new)
        (o_best, o_worst), (n_best, n_worst) = _ends(old_items), _ends(new_items)

        def numbers(entry: dict, best: int | None, worst: int | None) -> tuple | None:
            """What ClaimReview publishes (ratingValue, bestRating, worstRating) is made from."""
            value = _int(entry.get("value"))
            ordinal = best is not None and worst is not None and best > worst
            return (value, best, worst) if value is not None and ordinal else None

        removed, relabelled, revalued, rescaled = set(), set(), set(), set()
        for r, (_, o) in old_items.items():
            if r not in new_items:
                removed.add(r)
                continue
            n = new_items[r][1]
            if label_key(o.get("label")) != label_key(n.get("label")):
                relabelled.add(r)
            if _norm(o.get("value")) != _norm(n.get("value")):
                revalued.add(r)
            elif numbers(o, o_best, o_worst) not in (None, numbers(n, n_best, n_worst)):
                rescaled.add(r)
        changed = removed | relabelled | revalued | rescaled
        if not changed:
            return
        rated, before = self.rating_uses(changed)
        rev = self.base.rev
        value_errors = False
        for r in sorted(changed, key=lambda r: old_items[r][0]):
            o = old_items[r][1]
            shown = sorted(set(rated[r]) | set(before[r]))
            if r in removed:
                if shown:
                    self.error(
                        new or RATINGS_FILE,
                        new.at(()) if new is not None else (0, 0),
                        f"rating '{r}' ({_shown(o.get('label'))}) was removed since {rev}, but "
                        f"{_uses(shown)}: put it back; a verdict moves to another rating only "
                        f"with an 'updates' entry (previous_rating: {r})",
                    )
                continue
            assert new is not None
            i, n = new_items[r]
            parts: list[tuple[str, str]] = []  # (field, how it changed)
            if r in relabelled and shown:
                parts.append(
                    ("label", f"label {_shown(o.get('label'))} to {_shown(n.get('label'))}")
                )
            if r in revalued and rated[r]:
                ov, nv = _norm(o.get("value")), _norm(n.get("value"))
                how = (
                    f"{ov} removed"
                    if nv is None
                    else f"{nv} added"
                    if ov is None
                    else f"{ov} to {nv}"
                )
                parts.append(("value", f"value {how}"))
                value_errors = True
            if not parts:
                continue
            fields = [f for f, _ in parts]
            users = shown if "label" in fields else rated[r]
            field_ = fields[0] if len(fields) == 1 and fields[0] in n else None
            back = "the label back as it was" if fields == ["label"] else "the value back as it was"
            if len(fields) == 2:
                back = "the label and value back as they were"
            self.error(
                new,
                new.at((i, field_) if field_ else (i,)),
                f"rating '{r}' changed since {rev} ({', '.join(p for _, p in parts)}), but "
                f"{_uses(users)} and would now say something else: put {back} (a label may "
                "change only in case, spacing and punctuation); for a different meaning, add a "
                "rating with a new id instead",
            )
        users = sorted({c for r in rescaled for c in rated[r]})
        if users and not value_errors:
            assert new is not None
            ends = [
                f"{end} {a} to {'none' if b is None else b}"
                for end, a, b in (("best", o_best, n_best), ("worst", o_worst, n_worst))
                if a != b
            ]
            # At the rating that now stands at a changed end of the scale, if any.
            moved = [b for a, b in ((o_best, n_best), (o_worst, n_worst)) if a != b]
            at_end = next(
                (
                    new.at((i, "value"))
                    for end in moved
                    for i, e in new_items.values()
                    if end is not None and _int(e.get("value")) == end
                ),
                new.at(()),
            )
            self.error(
                new,
                at_end,
                f"the rating scale changed since {rev} ({', '.join(ends)}), and ClaimReview "
                "publishes each verdict's value with the scale's best and worst: "
                f"{_uses(users, *['would be rated on another scale'] * 2)}: keep the highest and "
                f"lowest 'value' as they were ({o_best} and {o_worst}); a new rating outside them "
                "goes without a 'value'",
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
        self.translations()
        self.ratings()

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


def redirect_steps(content: Path) -> dict[str, str]:
    """Old claim id -> the id redirects.yaml sends it to (one step, chains not followed)."""
    raw = _read_redirects_file(content, REDIRECTS_FILE)
    return {} if raw is None else {old: to for old, (to, _) in read_redirects(raw).items()}


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
