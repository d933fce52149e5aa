"""Each fact-check's public history, from git: when its verdict was first published, and each change since.

One `git log` over the whole content tree gives every commit that touched a claim or a verdict file
(the branch's first-parent history, so on main a merged pull request is one change, dated when it
was merged). With `types=True` one more `git cat-file --batch` reads the verdict versions that
changed after publication, to tell which `updates` entry (correction, clarification, ...) each
change added. No command is run per file, so 10,000 claims cost two git processes.

Incremental: what a read found is kept in the git folder (`<git dir>/factcheck/`, never in the
site or the working tree), keyed by the commit it was read at. A later build reads only the commits
since (`<cached>..HEAD`), when the cached commit is on HEAD's first-parent line; after a rebase, a
force-push, a reset or a checkout of another branch it reads the whole history again, which gives
what the cache would have, by construction. `last_read` says how many commits the latest call read.

Outside a git checkout, without git, or in a shallow clone (whose oldest commit would claim to
have published everything) there is no history: `collect` returns None, and `left_out` tells
the pages whether the copy was built from git without its history, or outside git.

A verdict renamed with its claim (`git mv`, the old id listed in redirects.yaml), or moved with the
whole content folder (into a monorepo's `site/`), keeps its history: the one log lists every
folder's claims and verdicts, and git's rename detection (`--find-renames`) pairs the old file
with the new. A move that changed nothing a reader sees is not listed as a change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .changes import GitError, cat_file, git, match_updates, redirect_steps
from .load import RawFile, parse_yaml
from .spec import LIMITS, VERDICT

PUBLISHED = "published"
CHANGED = "changed"
CACHE_VERSION = 4  # 4: renames followed only for the same claim (redirects.yaml)
CACHE_FOLDER = "factcheck"  # inside the git dir
logger = logging.getLogger("mkdocs.plugins.factcheck")


@dataclass(frozen=True)
class Change:
    """One commit in a fact-check's history."""

    date: dt.date  # commit date (for a merged pull request: when it was merged)
    commit: str  # full hash, for links: <repo_url>/commit/<commit>
    short: str  # the first 7 characters of the hash, for display
    subject: str  # first line of the commit message
    kind: str  # "published": the commit that first added the verdict; else "changed"
    update: str | None = None  # type of the `updates` entry the commit added, if it added one


def _git(args: list[str], cwd: Path) -> bytes | None:
    try:
        return git(args, cwd)
    except (GitError, OSError):
        return None


@dataclass(frozen=True)
class Read:
    """What the latest `collect` read: `commits` listed by git log, `full` if from the first."""

    commits: int
    full: bool


last_read: Read | None = None


def head(folder: Path) -> str | None:
    """The checkout's current commit (a cache key for `collect`); None outside git."""
    out = _git(["rev-parse", "HEAD"], Path(folder))
    return out.decode().strip() if out else None


def left_out(folder: Path) -> bool:
    """Whether `folder` is in a git checkout whose history `collect` could not read: a shallow
    clone, or a repository git refuses to read (another user's, as in a CI container), or git
    is not installed. Pages then say the copy leaves the history out, not that there is no git."""
    folder = Path(folder).resolve()
    try:
        return git(["rev-parse", "--is-shallow-repository"], folder).strip() == b"true"
    except GitError as e:
        if "not a git repository" in str(e):
            return False
        if shutil.which("git") is None:
            return any((p / ".git").exists() for p in (folder, *folder.parents))
        return True
    except OSError:
        return False


def collect(
    repo_root: Path, content_dir: Path, types: bool = True
) -> dict[str, tuple[Change, ...]] | None:
    """Claim id -> its history, oldest first, for every claim whose verdict was ever committed.

    `repo_root` is any folder of the checkout; `content_dir` the content folder, absolute or
    relative to `repo_root`. A claim whose verdict was never committed has no entry. Returns None
    when there is no usable history (not a checkout, no git, shallow clone).
    """
    repo_root = Path(repo_root)
    content = content_dir if Path(content_dir).is_absolute() else repo_root / content_dir
    if not content.is_dir():
        return None
    try:
        top: bytes | None = git(["rev-parse", "--show-toplevel"], content)
    except (GitError, OSError) as e:
        if "not a git repository" not in str(e):  # in one, but git will not read it
            logger.info("factcheck: no history for the claim pages: %s", e)
        return None
    prefix = _git(["rev-parse", "--show-prefix"], content)
    shallow = _git(["rev-parse", "--is-shallow-repository"], content)
    if top is None or prefix is None or shallow is None:
        return None
    if shallow.strip() == b"true":
        logger.info(
            "factcheck: %s is in a shallow clone (git clone --depth), whose oldest commit would "
            "claim to have published every verdict: the claim pages say their history is not "
            "included in this copy of the site. "
            "Fetch the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout "
            "with fetch-depth: 0) for their History sections",
            content,
        )
        return None
    root, pre = Path(top.decode().strip()), prefix.decode().strip()
    now = _git(["rev-parse", "--verify", "--quiet", "HEAD"], root)
    if now is None:
        return {}  # a new repository without commits
    tip = now.decode().strip()
    # A rename to another id is followed only where redirects.yaml says so: part of the cache key.
    redirects = redirect_steps(content)
    cache = _cache_file(root, pre, types, redirects)
    saved = _load(cache) if cache else None
    since = None
    if saved is not None:
        if saved[0] == tip:
            _record(0, full=False)
            return _frozen(saved[1], pre)
        if _on_first_parent_line(root, saved[0], tip):
            since = saved[0]
    log = _git(_log_args(f"{since}..{tip}" if since else tip), root)
    if log is None:
        return None
    history, day = saved[1:] if since and saved is not None else ({}, None)
    commits, day = _parse(log, root if types else None, history, day, redirects)
    _record(commits, full=since is None)
    if cache is not None:
        _save(cache, tip, history, day)
    return _frozen(history, pre)


def _record(commits: int, full: bool) -> None:
    global last_read
    last_read = Read(commits, full)


def _log_args(revisions: str) -> list[str]:
    return [
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "--find-renames",  # a claim renamed (its old id redirected) keeps its history
        "--raw",
        "--no-abbrev",
        "-z",
        "--format=%x1e%H%x1f%cs%x1f%s",
        revisions,
        "--",
        # Every content folder's claims and verdicts, not only this one's: git pairs a file moved
        # in from another folder (a content folder moved into a monorepo's site/) with its old
        # path only when both are listed; the others' files are few, and dropped in `_frozen`.
        ":(glob)**/claims/*.yaml",
        ":(glob)**/verdicts/*.yaml",
    ]


def _on_first_parent_line(root: Path, old: str, new: str) -> bool:
    """Whether `old` is on `new`'s first-parent line, so `old..new` is what came after it there.

    A commit merged in from a side branch is an ancestor without being on that line: the full
    history reads the merge as one change, so it must not be read commit by commit."""
    out = _git(["rev-list", "--first-parent", "--parents", f"{old}..{new}"], root)
    if not out:
        return False  # gone (rewritten and pruned), or `new` is behind `old`
    oldest = out.decode().strip().splitlines()[-1].split()
    return len(oldest) > 1 and oldest[1] == old


def _frozen(history: dict[str, list[Change]], prefix: str) -> dict[str, tuple[Change, ...]]:
    """The histories of the claims in the content folder at `prefix`, by claim id."""
    return {
        key[len(prefix) :]: tuple(changes)
        for key, changes in sorted(history.items())
        if key.startswith(prefix) and "/" not in key[len(prefix) :]
    }


def _cache_file(root: Path, prefix: str, types: bool, redirects: Mapping[str, str]) -> Path | None:
    out = _git(["rev-parse", "--absolute-git-dir"], root)
    if out is None:
        return None
    moves = json.dumps(sorted(redirects.items()))
    key = f"{CACHE_VERSION}\0{prefix}\0{types}\0{moves}"
    key = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Path(out.decode().strip()) / CACHE_FOLDER / f"history-{key}.json"


def _load(path: Path) -> tuple[str, dict[str, list[Change]], dt.date | None] | None:
    """The cached commit, history and date of the last commit read, or None when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text("utf-8"))
        if data.get("version") != CACHE_VERSION:
            return None
        commits = data["commits"]
        history = {
            cid: [
                Change(
                    dt.date.fromisoformat(commits[i][1]),
                    commits[i][0],
                    commits[i][0][:7],
                    commits[i][2],
                    PUBLISHED if kind else CHANGED,
                    update,
                )
                for i, kind, update in entries
            ]
            for cid, entries in data["history"].items()
        }
        day = dt.date.fromisoformat(data["day"]) if data["day"] else None
        return str(data["head"]), history, day
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _save(path: Path, tip: str, history: dict[str, list[Change]], day: dt.date | None) -> None:
    """Write the cache whole or not at all; a read-only git folder just means no cache."""
    index: dict[str, int] = {}
    commits: list[list[str]] = []
    entries: dict[str, list] = {}
    for cid, changes in sorted(history.items()):
        rows = entries[cid] = []
        for c in changes:
            if c.commit not in index:
                index[c.commit] = len(commits)
                commits.append([c.commit, c.date.isoformat(), c.subject])
            rows.append([index[c.commit], int(c.kind == PUBLISHED), c.update])
    last = day.isoformat() if day else None
    data = {
        "version": CACHE_VERSION,
        "head": tip,
        "day": last,
        "commits": commits,
        "history": entries,
    }
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(exist_ok=True)
        # ASCII: a file name that is not UTF-8 is kept as its escaped bytes (\udcff), not an error
        part.write_text(json.dumps(data, separators=(",", ":")), "ascii")
        os.replace(part, path)
    except OSError:
        part.unlink(missing_ok=True)


# One commit's header token: RS, the full hash, US, the commit date, US, the subject. A subject may
# hold any byte but NUL and newline (RS and US too), so it is never split on; a path is always
# the token after a `--raw` line, so no file name is read as a header either.
_HEADER = re.compile(rb"\n?\x1e([0-9a-f]{40}|[0-9a-f]{64})\x1f([^\x1f]*)\x1f(.*)", re.S)
_RAW = re.compile(rb"\n?:[0-7]{6} [0-7]{6} ([0-9a-f]+) ([0-9a-f]+) ([A-Z])[0-9]*")
_File = tuple[bytes, bytes, bytes | None]  # raw line, path, the path it was renamed from


def _commits(log: bytes) -> list[tuple[str, str, str, list[_File]]]:
    """`git log -z --raw` as (hash, date, subject, [(raw line, path, old path)]), in order.

    A rename (status R) is followed by two paths, the old one first."""
    out: list[tuple[str, str, str, list[_File]]] = []
    tokens = iter(log.split(b"\0"))
    for token in tokens:
        if (raw := _RAW.fullmatch(token)) is not None:
            old = next(tokens, None) if raw.group(3) == b"R" else None
            path = next(tokens, None)
            if out and path is not None:
                out[-1][3].append((raw.group(0), path, old))
        elif (header := _HEADER.fullmatch(token)) is not None:
            full, date, subject = (g.decode("utf-8", "replace") for g in header.groups())
            out.append((full, date, subject, []))
    return out


def _day(date: str, before: dt.date | None) -> dt.date:
    """A commit's date; one git cannot give as a calendar day (a year past 9999, a broken
    header) is the previous commit's, the change being no older, or git's own 1970-01-01."""
    try:
        return dt.date.fromisoformat(date)
    except ValueError:
        return before or dt.date(1970, 1, 1)


def _claim_file(path: bytes) -> tuple[str, str] | None:
    """("claims" or "verdicts", the claim's key: its content folder's path and its id, as in
    `site/content/a`) for a path git listed, or None for any other file."""
    head, _, name = path.decode("utf-8", "surrogateescape").rpartition("/")
    base, _, folder = head.rpartition("/")
    if folder not in ("claims", "verdicts") or not name.endswith(".yaml"):
        return None
    return folder, (base + "/" if base else "") + name[:-5]


def _id(key: str) -> str:
    return key.rpartition("/")[2]


def _same_claim(old: str, new: str, redirects: Mapping[str, str]) -> bool:
    """Whether a file git found renamed (`old` -> `new`, keys as `_claim_file` gives them) is one
    claim: git pairs a deleted file with an added one by likeness alone, and verdicts look alike.
    The same id when its content folder moved with it (`content/a` -> `site/content/a`), or
    another id in the same folder that redirects.yaml sends the old one to (chains followed)."""
    old_dir, _, old_id = old.rpartition("/")
    new_dir, _, new_id = new.rpartition("/")
    if old_id == new_id:
        return not old_dir or new_dir == old_dir or new_dir.endswith("/" + old_dir)
    if old_dir != new_dir:
        return False
    seen, at = {old_id}, redirects.get(old_id)
    while at is not None and at not in seen:
        if at == new_id:
            return True
        seen.add(at)
        at = redirects.get(at)
    return False


def _parse(
    log: bytes,
    root: Path | None,
    history: dict[str, list[Change]],
    day: dt.date | None = None,
    redirects: Mapping[str, str] | None = None,
) -> tuple[int, dt.date | None]:
    """Add the changes in `log` to `history` (what earlier commits gave, the last of them dated
    `day`): the number of commits listed, and the last one's date. `history` is keyed by the
    claim's content folder and id (`site/content/a`), so a claim moved between folders keeps it."""
    redirects = redirects or {}
    published = set(history)  # a fact-check has history once its verdict was committed
    # (a claim's history, the index of a change in it, old and new blob); the list, not the id,
    # as a later rename moves the list to another id
    blobs: list[tuple[list[Change], int, str, str]] = []
    listed = _commits(log)
    for full, date, subject, files in listed:
        day = _day(date, day)
        touched: dict[str, tuple[str, str, str] | None] = {}  # key -> verdict (status, old, new)
        renamed: dict[str, str] = {}  # new key -> old, for a verdict renamed or moved
        for meta, path, old_path in files:
            found = _claim_file(path)
            if found is None:
                continue
            folder, key = found
            bits = meta.lstrip(b"\n").decode().split(" ")
            status = bits[4][:1] if len(bits) == 5 else ""
            was = _claim_file(old_path) if status == "R" and old_path is not None else None
            if was is not None and was[0] == folder and was[1] != key:
                if not _same_claim(was[1], key, redirects):
                    # git paired two files by likeness only: one deleted, another added
                    status = "A"
                    if folder == "verdicts":
                        touched[was[1]] = ("D", bits[2], "0" * len(bits[2]))
                    else:
                        touched.setdefault(was[1], None)
                else:
                    if folder == "verdicts":
                        renamed[key] = was[1]
                    same = bits[2] == bits[3] and _id(was[1]) == _id(key)
                    if same and was[1] in history:
                        continue  # moved with its content folder, as it was: no change to a reader
            if folder == "verdicts" and len(bits) == 5:
                touched[key] = (status, bits[2], bits[3])
            else:
                touched.setdefault(key, None)
        # A verdict renamed with its claim (the old id redirected), or moved with its content
        # folder, takes its history along: git pairs a file deleted with one added, so `cid` is
        # a new name here and `old` a gone one.
        for cid, old in renamed.items():
            if old in history:
                history[cid] = history.pop(old)
                published.discard(old)
                published.add(cid)
        for cid, verdict in touched.items():
            if cid not in published:
                if verdict is None or verdict[0] not in ("A", "R"):
                    continue  # drafting before the verdict was first committed
                published.add(cid)
                kind = PUBLISHED
            else:
                kind = CHANGED
            entries = history.setdefault(cid, [])
            edited = verdict is not None and verdict[0] in ("M", "R") and verdict[1] != verdict[2]
            if kind == CHANGED and edited and root:
                blobs.append((entries, len(entries), verdict[1], verdict[2]))
            entries.append(Change(day, full, full[:7], subject, kind))
    if blobs and root is not None:
        _add_update_types(blobs, root)
    return len(listed), day


def _add_update_types(blobs: list[tuple[list[Change], int, str, str]], root: Path) -> None:
    """Fill `Change.update` from the verdict's `updates` before and after each change."""
    oids = sorted({o for _, _, old, new in blobs for o in (old, new)})
    try:
        texts = cat_file(root, oids)
    except (GitError, OSError):
        return
    cache: dict[str, list] = {}
    for entries, i, old, new in blobs:
        before, after = _updates(texts.get(old), old, cache), _updates(texts.get(new), new, cache)
        if before is None or after is None:
            continue
        fresh = match_updates(before, after)[2]
        types = [after[k].get("type") for k in fresh if isinstance(after[k], dict)]
        types = [t for t in types if isinstance(t, str)]
        if types:
            c = entries[i]
            entries[i] = Change(c.date, c.commit, c.short, c.subject, c.kind, types[-1])


def _updates(data: bytes | None, oid: str, cache: dict[str, list]) -> list | None:
    """The `updates` list of one verdict version, read with the project's safe YAML reader."""
    if data is None or len(data) > LIMITS["yaml_bytes"]:
        return None
    if oid not in cache:
        raw = RawFile(rel="verdicts/x.yaml", display="", kind=VERDICT)
        try:
            parse_yaml(data.decode("utf-8-sig"), raw)
        except Exception:  # any unreadable old version: its type stays unknown
            return None
        ups = raw.data.get("updates") if isinstance(raw.data, dict) else None
        cache[oid] = ups if isinstance(ups, list) else []
    return cache[oid]
