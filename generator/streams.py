"""Files made while they are written, so a large site's exports never sit whole in memory.

At 100,000 claims the data exports are about 700 MB of text and the feeds and embed cards another
500 MB; made as strings before anything is written, they were the build's largest moment of memory.
A `Stream` is the recipe instead: `output.write_files` runs it and writes each piece as it comes.
One stream may make several files in one pass (claims.json, its JSON Lines copy and the CSV are
made from the same records), so a piece names its file.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

Piece = str | bytes
FileData = str | bytes | Path  # a file's whole content, or a file to copy


def as_bytes(piece: Piece) -> bytes:
    """A piece as it is written: text in UTF-8."""
    return piece.encode("utf-8") if isinstance(piece, str) else piece


@dataclass(frozen=True, eq=False)
class Stream:
    """Files `paths`, made by `make()`: (path, piece) pairs, each file's pieces in order."""

    paths: tuple[str, ...]
    make: Callable[[], Iterable[tuple[str, Piece]]]

    @classmethod
    def one(cls, path: str, make: Callable[[], Piece]) -> Stream:
        """A single file, made only when it is written."""
        return cls((path,), lambda: ((path, make()),))

    def contents(self) -> dict[str, bytes]:
        """Every file whole: for a preview, which serves from memory, and for tests."""
        parts: dict[str, list[bytes]] = {p: [] for p in self.paths}
        for path, piece in self.make():
            parts[path].append(as_bytes(piece))
        return {path: b"".join(pieces) for path, pieces in parts.items()}


def streamed(*streams: Stream) -> dict[str, Stream]:
    """Site-relative path -> the stream that makes it."""
    return {path: s for s in streams for path in s.paths}


def whole(files: dict[str, FileData | Stream]) -> dict[str, FileData]:
    """`files` with every stream made into bytes (each stream runs once)."""
    made: dict[int, dict[str, bytes]] = {}
    out: dict[str, FileData] = {}
    for path, data in files.items():
        if isinstance(data, Stream):
            if id(data) not in made:
                made[id(data)] = data.contents()
            out[path] = made[id(data)][path]
        else:
            out[path] = data
    return out


GZIP_LEVEL = 6  # 9 takes about twice as long for 2-3% less


class Gzip:
    """gzip a piece at a time, without a timestamp or file name: the same text gives the same bytes
    (the bytes of `gzip.compress(text, GZIP_LEVEL, mtime=0)`, however the text is cut)."""

    def __init__(self) -> None:
        self._z = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)

    def __call__(self, piece: Piece) -> bytes:
        return self._z.compress(as_bytes(piece))

    def end(self) -> bytes:
        return self._z.flush()
