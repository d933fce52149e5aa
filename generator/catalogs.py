"""Keep the message catalogs in step with the code: `python -m generator.catalogs` (make messages).

Extracts every `_()`, `gettext()` and `ngettext()` string from the package's Python and templates
(Babel, as `pybabel extract -F generator/locale/babel.cfg` would), adds the words of the
`factcheck new` templates (scaffold.catalog_ids), writes `locale/messages.pot`,
and merges it into each language's `messages.po`: new strings arrive empty (the catalog test then
fails until a translator fills them in), strings gone from the code are dropped.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from . import __version__
from .i18n import DOMAIN, LOCALE_DIR
from .problems import ERROR, Problem
from .scaffold import catalog_ids

PACKAGE = Path(__file__).parent
METHODS = [("**.py", "python"), ("theme/**.html", "jinja2")]
OPTIONS = {"theme/**.html": {"extensions": "jinja2.ext.i18n"}}
TEMPLATE_NOTE = (
    "Translators: a comment or placeholder in the file `factcheck new` writes, read by the "
    "site's editors, never shown on the site. Keep TODO, %(...)s, ids, file names, `commands` "
    "and [@...] / [[...]] as they are; one line."
)


def template() -> Catalog:
    """Every reader-visible string in the package, with the translators' comments."""
    catalog = Catalog(project="factcheck-publisher", version=__version__, fuzzy=False)
    found = extract_from_dir(
        PACKAGE, method_map=METHODS, options_map=OPTIONS, comment_tags=("Translators:",)
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for message in catalog_ids():  # spec.py's meanings are no `_()` literals: named here
        catalog.add(message, None, [("scaffold.py", 0)], auto_comments=[TEMPLATE_NOTE])
    return catalog


def po_text(catalog: Catalog) -> str:
    """A catalog as .po text, without line numbers and dates, so diffs show only real changes."""
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, no_location=True, omit_header=False, sort_output=True)
    lines = buf.getvalue().decode("utf-8").splitlines(keepends=True)
    return "".join(ln for ln in lines if not ln.startswith(('"POT-Creation-Date', '"PO-Revision')))


def languages() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update(only: list[str] | None = None) -> list[str]:
    """Write the .pot and merge it into each .po (those of `only`, else all); say what was written."""
    pot = template()
    written = []
    (LOCALE_DIR / f"{DOMAIN}.pot").write_text(po_text(pot), encoding="utf-8")
    written.append(f"{DOMAIN}.pot: {len(pot)} strings")
    for path in languages():
        if only and path.parent.parent.name not in only:
            continue
        with path.open("rb") as f:
            catalog = read_po(f)
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.write_text(po_text(catalog), encoding="utf-8")
        missing = sum(1 for m in catalog if m.id and not _translated(m.string))
        written.append(f"{path.parent.parent.name}: {len(catalog)} strings, {missing} untranslated")
    return written


def _translated(string: str | tuple[str, ...] | None) -> bool:
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)


def init(language: str) -> Path:
    """An empty catalog for a new language, with its plural rules (from CLDR) in the header."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(
            locale=language, project="factcheck-publisher", version=__version__, fuzzy=False
        )
        path.write_text(po_text(catalog), encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover - a developer tool
    # `python -m generator.catalogs`: every catalog; `... es uk`: those only (started if new).
    for language in sys.argv[1:]:
        init(language)
    for line in update(sys.argv[1:] or None):
        print(line)
    sys.exit(0)


# A site's own catalogs (plugin option locale_dir), checked before they are used: Babel reads a
# broken .po without a word (an unclosed quote lost the string's last letter, a second msgstr was
# dropped), and a placeholder the code does not pass stopped the build with "Build failed: 'x'".
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=\s|\"|$)\s*(.*)$")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"\s*$')
_FORMAT = re.compile(r"%(?:%|\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa])")


def _names(text: str) -> set[str]:
    return {m.group(1) for m in _FORMAT.finditer(text) if m.group(1)}


def po_problems(path: Path, shown: str | None = None) -> list[Problem]:
    """Every mistake in one .po file, placed at its line and column (`shown`: the path to print)."""
    where = shown or str(path)
    problems: list[Problem] = []

    def say(line: int, col: int, message: str) -> None:
        problems.append(Problem(where, line, col, ERROR, message))

    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # i18n says why when it reads the file
    entries: list[dict[str, tuple[int, str]]] = []
    entry: dict[str, tuple[int, str]] | None = None
    field = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if not line or line.startswith("#"):
            field = None
            continue
        found = _KEYWORD.match(line)
        if found:
            key, rest = found.group(1), found.group(3)
            value = _unquote(rest) if _STRING.match(rest) else None
            if value is None:
                col = indent + 1 + line.index(rest) if rest else len(raw) + 1
                say(n, col, _bad_string(key, rest))
            # msgid starts an entry, unless the msgctxt before it did.
            starts = key == "msgctxt" or (key == "msgid" and set(entry or ()) != {"msgctxt"})
            if starts:
                entry = {}
                entries.append(entry)
            elif entry is None:
                say(n, indent + 1, f"{key} comes before any msgid: each entry starts with msgid")
                field = None
                continue
            if key in entry:
                first = entry[key][0]
                say(n, indent + 1, f"a second {key} in the entry of line {first}: keep one")
                field = None
                continue
            entry[key] = (n, value or "")
            field = None if value is None else key
        elif line.startswith('"'):
            if not _STRING.match(line):
                say(n, indent + 1, _bad_string("the continued string", line))
            elif field is None or entry is None:
                say(
                    n,
                    indent + 1,
                    "a string on its own line continues the msgid or msgstr above "
                    "it, and there is none: put msgid or msgstr before it, or remove it",
                )
            else:
                at, before = entry[field]
                entry[field] = (at, before + _unquote(line))
        else:
            word = line.split()[0]
            say(
                n,
                indent + 1,
                f"'{word}' is not part of a catalog: lines are msgid, msgstr, a "
                'string in double quotes ("...") or a comment starting with #',
            )
            field = None
    seen: dict[tuple[str, str], int] = {}
    for entry in entries:
        if "msgid" not in entry:
            continue
        at, msgid = entry["msgid"]
        strings = {k: v for k, v in entry.items() if k.startswith("msgstr")}
        if not strings:
            say(at, 1, f'msgid "{_short(msgid)}" has no msgstr: add msgstr "..." below it')
            continue
        key = (entry.get("msgctxt", (0, ""))[1], msgid)
        if key in seen and msgid:
            say(at, 1, f'msgid "{_short(msgid)}" is here twice (line {seen[key]}): keep one')
        seen.setdefault(key, at)
        if "%" not in msgid:
            continue
        allowed = _names(msgid + entry.get("msgid_plural", (0, ""))[1])
        for name, (line_no, value) in strings.items():
            at = value.find("%")
            while at >= 0:
                placed = _FORMAT.match(value, at)
                if placed is None:
                    example = f"%({min(allowed)})s" if allowed else "%(name)s"
                    say(
                        line_no,
                        1,
                        f'{name} "{_short(value)}" has a % that is not a placeholder: write %% '
                        f"for the sign itself, or a placeholder of the msgid such as {example}",
                    )
                    break
                if placed.group(1) and placed.group(1) not in allowed:
                    names = ", ".join(f"%({a})s" for a in sorted(allowed)) or "none"
                    say(
                        line_no,
                        1,
                        f"{name} has the placeholder %({placed.group(1)})s, which its msgid does "
                        f"not have (it has {names}): use one of those",
                    )
                at = value.find("%", placed.end())
    return problems


def _kinds(entry: dict[str, tuple[int, str]]) -> set[str]:
    return {"msgstr" if k.startswith("msgstr") else k for k in entry}


def _unquote(string: str) -> str:
    body = string.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _bad_string(key: str, rest: str) -> str:
    if not rest:
        return f'{key} has no string: write it in double quotes, {key} "..."'
    if not rest.startswith('"'):
        return f'{key}\'s text must be in double quotes: {key} "{_short(rest)}"'
    return (
        f"{key}'s string is not closed: end it with a double quote (\") on the same line, and "
        'write a double quote inside it as \\"'
    )


def site_catalog_problems(folders: Sequence[str]) -> list[Problem]:
    """The mistakes in every catalog of the site's locale_dir `folders`
    (<lang>/LC_MESSAGES/messages.po), each file shown relative to the working folder when inside."""
    out: list[Problem] = []
    for folder in map(Path, folders):
        for po in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            try:
                shown = str(po.resolve().relative_to(Path.cwd().resolve()))
            except ValueError:
                shown = str(po)
            out += po_problems(po, shown)
    return out
