"""Where `output.write_files` puts the bytes it makes: files opened here, or a helper process.

Creating a file or a folder is kernel work: 0.1-0.4 ms each on this project's build VM, and a build
writes about three files and two folders a claim besides its pages (the embed card, its folder and
its oEmbed answer; the feeds and exports): at 100,000 claims, over half a million file system calls.
Made in the build process, that time adds to the build's one busy core. `HelperSink` hands each
piece to a small helper process instead, through a pipe (a few microseconds a piece), and the helper
makes the folders and files on the other core, holding at most `QUEUE_LIMIT` bytes not yet written.

The helper reports the first file it could not write; `finish` raises it, naming the file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO, Protocol


class Sink(Protocol):
    def write(self, path: str, data: bytes) -> None:
        """Append `data` to the file `path` (site-relative), made on first use."""

    def close(self, path: str) -> None:
        """The file `path` is complete (made empty if nothing was written to it)."""

    def copy(self, path: str, source: Path) -> None:
        """The file `path` is a copy of `source`."""

    def end(self) -> None:
        """No more files will come: whatever is left is written (`finish` waits for it)."""

    def finish(self) -> None:
        """Every file is written: raises OSError naming the first one that could not be."""

    def stop(self) -> None:
        """The build failed: no more files, and no error about them."""


class FileSink:
    """Files written by this process."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._made: set[Path] = set()
        self._open: dict[str, BinaryIO] = {}

    def _target(self, path: str) -> Path:
        out = self.root / path
        if out.parent not in self._made:
            out.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(out.parent)
        return out

    def write(self, path: str, data: bytes) -> None:
        out = self._open.get(path)
        if out is None:
            out = self._open[path] = self._target(path).open("wb")
        out.write(data)

    def close(self, path: str) -> None:
        out = self._open.pop(path, None)
        if out is None:
            out = self._target(path).open("wb")
        out.close()

    def copy(self, path: str, source: Path) -> None:
        shutil.copyfile(source, self._target(path))

    def end(self) -> None:
        self.finish()

    def finish(self) -> None:
        for out in self._open.values():
            out.close()
        self._open.clear()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.finish()


# The helper: records of kind (1 byte), path length and data length (8 bytes each, little-endian),
# path, data. W appends data to the path, C closes it, P copies the file named by data to it. A
# thread reads the records as they come into a queue of at most `limit` bytes: at 100,000 claims the
# build makes ~200,000 embed cards and oEmbed files faster than the file system takes them, and
# would otherwise wait for it. On the first failure the helper prints "path<TAB>error" and exits 1.
_HELPER = r"""
import collections, os, shutil, sys, threading
root, limit, rd = sys.argv[1], int(sys.argv[2]), sys.stdin.buffer.read
queue, held, done, ready = collections.deque(), [0], [False], threading.Condition()
def read():
    try:
        while True:
            head = rd(17)
            if len(head) < 17:
                return
            n, m = int.from_bytes(head[1:9], "little"), int.from_bytes(head[9:], "little")
            record = (head[:1], rd(n).decode("utf-8", "surrogateescape"), rd(m))
            with ready:
                while held[0] > limit:
                    ready.wait()
                queue.append(record)
                held[0] += m
                ready.notify()
    finally:
        with ready:
            done[0] = True
            ready.notify()
threading.Thread(target=read, daemon=True).start()
opened, made, path = {}, set(), ""
def target(path):
    full = os.path.join(root, path)
    folder = os.path.dirname(full)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
    return full
try:
    while True:
        with ready:
            while not queue and not done[0]:
                ready.wait()
            if not queue:
                break
            kind, path, data = queue.popleft()
            held[0] -= len(data)
            ready.notify()
        if kind == b"W":
            out = opened.get(path)
            if out is None:
                out = opened[path] = open(target(path), "wb")
            out.write(data)
        elif kind == b"C":
            out = opened.pop(path, None)
            (out or open(target(path), "wb")).close()
        else:
            shutil.copyfile(data.decode("utf-8", "surrogateescape"), target(path))
    for path, out in opened.items():
        out.close()
except BaseException as e:
    sys.stderr.write(f"{path}\t{e}")
    sys.stderr.flush()
    os._exit(1)
"""
_PIPE_SIZE = 1 << 20  # Linux's default limit for an unprivileged process (fs/pipe-max-size)
# What the helper may hold before the build waits for it. The cards and exports come early in a
# build, while its memory is about half of its later peak (100,000 claims: ~1.5 GB against 3 GB).
QUEUE_LIMIT = 256 << 20


class HelperSink:
    """Files written by a helper process, in the order they are handed over."""

    def __init__(self, root: Path, limit: int = QUEUE_LIMIT) -> None:
        self.root = root
        self._proc = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _HELPER, str(root), str(limit)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert self._proc.stdin is not None
        self._pipe = self._proc.stdin
        with contextlib.suppress(OSError, AttributeError):  # a bigger buffer where allowed
            fcntl.fcntl(self._pipe.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_SIZE)  # type: ignore[attr-defined]

    def _send(self, kind: bytes, path: str, data: bytes) -> None:
        name = path.encode("utf-8", "surrogateescape")
        head = kind + len(name).to_bytes(8, "little") + len(data).to_bytes(8, "little")
        try:
            self._pipe.write(head + name)
            self._pipe.write(data)
        except BrokenPipeError:  # the helper stopped at a failure: say which
            self.finish()
            raise

    def write(self, path: str, data: bytes) -> None:
        self._send(b"W", path, data)

    def close(self, path: str) -> None:
        self._send(b"C", path, b"")

    def copy(self, path: str, source: Path) -> None:
        self._send(b"P", path, os.fsencode(source))

    def end(self) -> None:
        with contextlib.suppress(BrokenPipeError):
            self._pipe.close()  # the helper writes the rest, then exits

    def finish(self) -> None:
        self.end()
        assert self._proc.stderr is not None
        report = self._proc.stderr.read().decode("utf-8", "replace")
        if self._proc.wait() != 0:
            path, _, error = report.partition("\t")
            raise OSError(f"could not write {self.root / path}: {error or 'the writer stopped'}")

    def stop(self) -> None:
        """The build failed: the helper ends without finishing its files."""
        with contextlib.suppress(OSError):
            self._proc.kill()
        self._proc.wait()
