"""Long lists split into pages: /claims/, /claims/page/2/, /claims/page/3/ ...

Page 1 of a list keeps the list's address (`claims/index.md` -> /claims/, `people/x.md` ->
/people/x/); page n > 1 is `<that address>page/<n>/` (docs path `claims/page/2.md`,
`people/x/page/2.md`). So an address never moves while the list grows, only how many pages follow,
and `page` is a reserved id (spec.RESERVED_IDS): no item can take /<section>/page/.

A render job names one page of a list by its key: the list's own key (`""` for a section list, the
item's id for a rating's, topic's or person's claims), then `/<n>` for page n > 1 (`"/2"`, `"x/3"`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar

from .core import page_url

T = TypeVar("T")

# Docs path of page n > 1 of any list: <first page's address>page/<n>.md
_LATER = re.compile(r"^(?P<base>.+/)page/(?P<n>[1-9][0-9]*)\.md$")


def split_key(key: str) -> tuple[str, int]:
    """A job key -> (the list's key, page number): "" -> ("", 1), "/2" -> ("", 2), "x/3" -> ("x", 3)."""
    base, slash, n = key.partition("/")
    return base, int(n) if slash else 1


def page_key(base: str, number: int) -> str:
    return base if number == 1 else f"{base}/{number}"


def page_path(first: str, number: int) -> str:
    """Docs path of page `number` of the list whose first page is at docs path `first`."""
    if number == 1:
        return first
    return f"{page_url(first)}page/{number}.md"


def first_page(path: str) -> str | None:
    """The docs path of page 1 of the list that `path` is a later page of; None for any other page.

    `claims/page/2.md` -> `claims/index.md`; `people/x/page/2.md` -> `people/x.md`.
    """
    m = _LATER.match(path)
    if m is None:
        return None
    base = m.group("base")
    return f"{base}index.md" if base.count("/") <= 1 else f"{base[:-1]}.md"


def count(total: int, size: int) -> int:
    """How many pages `total` entries take at `size` a page (an empty list still has its page 1)."""
    size = max(1, size)
    return max(1, -(-total // size))


def chunk(items: list[T] | tuple[T, ...], number: int, size: int) -> list[T] | tuple[T, ...]:
    """The entries of page `number` (1-based)."""
    size = max(1, size)
    return items[(number - 1) * size : number * size]


@dataclass(frozen=True)
class Pager:
    """Where one page of a list stands: its number, how many there are, and their addresses."""

    first: str  # docs path of page 1
    number: int
    count: int
    total: int  # entries in the whole list
    size: int  # entries a page

    def path(self, number: int) -> str:
        return page_path(self.first, number)

    @property
    def paged(self) -> bool:
        return self.count > 1

    @property
    def start(self) -> int:
        """1-based position of this page's first entry (0 for an empty list)."""
        return min(self.total, (self.number - 1) * self.size + 1)

    @property
    def end(self) -> int:
        return min(self.total, self.number * self.size)

    def url(self, number: int, root: str) -> str:
        """A page's address relative to the site root (`root` = the prefix back to it)."""
        return root + page_url(self.path(number))

    def links(self, root: str, window: int = 2) -> dict[str, Any]:
        """What the navigation partial shows: previous, next, and numbered pages with gaps."""
        shown = {1, self.count}
        shown |= set(range(max(1, self.number - window), min(self.count, self.number + window) + 1))
        numbers: list[int | None] = []
        for n in sorted(shown):
            if numbers and numbers[-1] is not None and n - numbers[-1] > 1:  # type: ignore[operator]
                numbers.append(None)  # a gap: "…"
            numbers.append(n)
        return {
            "number": self.number,
            "count": self.count,
            "total": self.total,
            "start": self.start,
            "end": self.end,
            "prev": self.url(self.number - 1, root) if self.number > 1 else None,
            "next": self.url(self.number + 1, root) if self.number < self.count else None,
            "pages": [(n, self.url(n, root) if n is not None else None) for n in numbers],
        }
