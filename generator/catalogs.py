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
from collections.abc import Callable, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from . import __version__
from .i18n import DOMAIN, LOCALE_DIR
from .problems import ERROR, WARNING, Problem
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
_FORMAT = re.compile(r"%(?:%|\((\w+)\)[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa]))")
_BRACES = re.compile(r"\{(\w+)\}")
_NUMBER = frozenset("diouxXeEfFgG")


def _formats(text: str) -> dict[str, str]:
    """The named placeholders of a message and their conversions: {'num': 'd', 'date': 's'}."""
    return {m.group(1): m.group(2) for m in _FORMAT.finditer(text) if m.group(1)}


def po_problems(path: Path, shown: str | None = None) -> list[Problem]:
    """Every mistake in one .po file, placed at its line and column (`shown`: the path to print)."""
    where = shown or str(path)
    problems: list[Problem] = []

    def say(line: int, col: int, message: str, severity: str = ERROR) -> None:
        problems.append(Problem(where, line, col, severity, message))

    try:
        data = path.read_bytes()
    except OSError as e:
        say(1, 1, f"cannot be read ({e.strerror or e})")
        return problems
    entries = _entries(_utf8(data, say), say)
    language = path.parent.parent.name
    nplurals = _header_problems(entries, language, say)
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
        if not msgid:
            continue  # the header
        if "#fuzzy" in entry and any(v for _, v in strings.values()):
            say(
                entry["#fuzzy"][0],
                1,
                f'msgid "{_short(msgid)}" is marked fuzzy, so it is not used: readers see the '
                "package's words (or English) instead; check its msgstr, then remove fuzzy "
                "from this line",
                WARNING,
            )
        if "msgid_plural" in entry:
            _forms_problems(entry, strings, nplurals, say)
        for name, (line_no, value) in strings.items():
            if value:
                plural = "msgid_plural" in entry
                _string_problems(msgid, entry, name, line_no, value, plural, say)
    return problems


def _utf8(data: bytes, say: Callable[..., None]) -> str:
    """The file's text; its first line that is not UTF-8 said, and how many more there are."""
    try:
        return data.decode("utf-8-sig")  # an editor's byte order mark is no text of the catalog
    except UnicodeDecodeError:
        pass
    bad = []
    for n, raw in enumerate(data.split(b"\n"), 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as e:
            bad.append((n, len(raw[: e.start].decode("utf-8", "replace")) + 1))
    more = len(bad) - 1
    more_said = f" (and {more} more line{'s' if more > 1 else ''})" if more else ""
    say(
        *bad[0],
        f"this line is not UTF-8 text{more_said}: a catalog is read as UTF-8, so save the file as "
        "UTF-8 (in most editors: Save with encoding, UTF-8)",
    )
    return data.decode("utf-8", "replace")


def _entries(text: str, say: Callable[..., None]) -> list[dict[str, tuple[int, str]]]:
    """The file's entries, keyword -> (line, string); '#fuzzy' -> the line of its flag, and the
    header's fields by name ('Plural-Forms:' -> (line, value)). Mistakes of form are said."""
    entries: list[dict[str, tuple[int, str]]] = []
    entry: dict[str, tuple[int, str]] | None = None
    field = None
    fuzzy = 0
    header: list[tuple[int, str]] = []  # the header's strings and their lines
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if not line or line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line[2:].replace(",", " ").split():
                fuzzy = n
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
            keys = {k for k in entry or () if k in ("msgctxt", "msgid", "msgid_plural")}
            starts = key == "msgctxt" or (key == "msgid" and keys != {"msgctxt"})
            if starts:
                entry = {"#fuzzy": (fuzzy, "")} if fuzzy else {}
                fuzzy = 0
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
                piece = _unquote(line)
                entry[field] = (at, before + piece)
                if field == "msgstr" and entry.get("msgid", (0, "x"))[1] == "":
                    header.append((n, piece))
        else:
            word = line.split()[0]
            say(
                n,
                indent + 1,
                f"'{word}' is not part of a catalog: lines are msgid, msgstr, a "
                'string in double quotes ("...") or a comment starting with #',
            )
            field = None
    if header:  # its fields, "Name: value\n", each by the line it starts on
        fields: list[tuple[int, str]] = []
        for n, piece in header:
            if fields and not fields[-1][1].endswith("\n"):
                fields[-1] = (fields[-1][0], fields[-1][1] + piece)
            else:
                fields.append((n, piece))
        first = next(e for e in entries if e.get("msgid", (0, "x"))[1] == "")
        for n, piece in fields:
            name, _, value = piece.partition(":")
            first.setdefault(name.strip().lower() + ":", (n, value.strip()))
    return entries


def _header_problems(
    entries: list[dict[str, tuple[int, str]]], language: str, say: Callable[..., None]
) -> int:
    """Check the header's charset and plural rule; the number of plural forms an entry has:
    the header's, else CLDR's for the folder's language (what i18n reads it with)."""
    header = next(
        (e for e in entries if e.get("msgid", (0, "x"))[1] == "" and "msgctxt" not in e), {}
    )
    cldr = _cldr_plural(language)
    content = header.get("content-type:")
    if content:
        charset = re.search(r"charset\s*=\s*([^\s;]+)", content[1], re.I)
        if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
            say(
                content[0],
                1,
                f"the header says charset={charset.group(1)}, but a catalog is read as UTF-8: "
                'save the file as UTF-8 and write "Content-Type: text/plain; charset=UTF-8\\n"',
            )
    rule = header.get("plural-forms:")
    if rule is None:
        return cldr[0] if cldr else 2
    why = _plural_problem(rule[1])
    if isinstance(why, int):
        return why
    fix = (
        f'"Plural-Forms: {cldr}\\n" (CLDR\'s rule for {language})'
        if cldr
        else "nplurals=2; plural=(n != 1);"
    )
    say(rule[0], 1, f"Plural-Forms '{_short(rule[1])}' {why}: write {fix}")
    return cldr[0] if cldr else 2


def _cldr_plural(language: str):  # type: ignore[no-untyped-def]
    """Babel's PluralTuple (nplurals, rule) for a catalog folder's language; None if unknown."""
    from babel.messages.plurals import get_plural

    from .i18n import parse_locale

    locale = parse_locale(language)
    return None if locale is None else get_plural(locale)


def _plural_problem(rule: str) -> int | str:
    """The number of forms of a Plural-Forms value, or what is wrong with it."""
    import gettext

    # No lazy group before optional blanks: that re-read the blanks from each place (12 s for
    # a rule with 2,000 spaces in it).
    found = re.fullmatch(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=([^;]*);?", rule.strip())
    if found is None or not found.group(2).strip():
        return "is not of the form nplurals=N; plural=EXPRESSION;"
    count = int(found.group(1))
    try:
        form = gettext.c2py(found.group(2).strip())
    except (ValueError, SyntaxError) as e:
        return f"has a rule that cannot be read ({e})"
    try:
        high = max(form(n) for n in range(1001))
    except ArithmeticError as e:  # n%0, n/0: gettext would fail on the first plural shown
        return f"has a rule that cannot be computed for every number ({e})"
    if count < 1 or high >= count:
        return (
            f"gives form {high} for some numbers, but nplurals={count} means forms 0 to {count - 1}"
        )
    return count


def _forms_problems(
    entry: dict[str, tuple[int, str]],
    strings: dict[str, tuple[int, str]],
    nplurals: int,
    say: Callable[..., None],
) -> None:
    """An entry with msgid_plural needs msgstr[0] .. msgstr[nplurals - 1], no other."""
    at, msgid = entry["msgid"]
    wanted = [f"msgstr[{i}]" for i in range(nplurals)]
    if "msgstr" in strings:
        forms = ", ".join(wanted)
        say(strings["msgstr"][0], 1, f"msgid_plural needs its forms as {forms}, not msgstr")
        return
    missing = [k for k in wanted if k not in strings]
    extra = [k for k in strings if k not in wanted]
    if missing or extra:
        said = (f"add {', '.join(missing)}" if missing else "") + (
            ("; " if missing else "") + f"remove {', '.join(extra)}" if extra else ""
        )
        say(
            at,
            1,
            f'msgid "{_short(msgid)}" has {len(strings)} plural forms and the catalog\'s '
            f"Plural-Forms says {nplurals}, so some numbers would show other words: {said}",
        )


def _string_problems(
    msgid: str,
    entry: dict[str, tuple[int, str]],
    name: str,
    line_no: int,
    value: str,
    plural: bool,
    say: Callable[..., None],
) -> None:
    """A msgstr's placeholders against its msgid's, and markup it adds."""
    from .i18n import foreign_markup

    source = msgid + entry.get("msgid_plural", (0, ""))[1]
    allowed = _formats(source)
    markup = foreign_markup(source, value)
    if markup:
        say(
            line_no,
            1,
            f"{name} has the markup {_short(markup)}, which its msgid does not have: pages "
            "would run it as HTML; write the text without it",
        )
    at = value.find("%")
    while at >= 0:
        placed = _FORMAT.match(value, at)
        if placed is None:
            if "%" not in source:
                break  # a msgid without placeholders may be used as it is: its % is the sign
            example = f"%({min(allowed)})s" if allowed else "%(name)s"
            say(
                line_no,
                1,
                f'{name} "{_short(value)}" has a % that is not a placeholder: write %% '
                f"for the sign itself, or a placeholder of the msgid such as {example}",
            )
            return
        used, kind = placed.group(1), placed.group(2)
        if used and used not in allowed:
            names = ", ".join(f"%({a})s" for a in sorted(allowed)) or "none"
            say(
                line_no,
                1,
                f"{name} has the placeholder %({used})s, which its msgid does "
                f"not have (it has {names}): use one of those",
            )
        elif used and kind in _NUMBER and allowed[used] not in _NUMBER:
            # %(num)s for the msgid's %(num)d shows the number all the same; %(date)d fails.
            say(
                line_no,
                1,
                f"{name} writes %({used}){kind} where its msgid has %({used}){allowed[used]}: "
                f"write %({used}){allowed[used]}",
            )
        at = value.find("%", placed.end())
    used = _formats(value)
    for brace in _BRACES.findall(value):
        if brace in allowed and brace not in used and "{" + brace + "}" not in source:
            say(
                line_no,
                1,
                f"{name} has {{{brace}}}, which is not filled in here: "
                f"write %({brace}){allowed[brace]}",
            )
            used[brace] = allowed[brace]
    # A plural form may leave its number out ("one claim"); no form may leave out the rest.
    lost = [a for a in sorted(allowed) if a not in used and not (plural and allowed[a] in _NUMBER)]
    if lost:
        names = ", ".join(f"%({a}){allowed[a]}" for a in lost)
        say(
            line_no,
            1,
            f"{name} leaves out {names} of its msgid, so readers would not see "
            f"{'it' if len(lost) == 1 else 'them'}: put {names} where the sentence needs "
            f"{'it' if len(lost) == 1 else 'them'}",
        )


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
    (<lang>/LC_MESSAGES/messages.po), each file shown relative to the working folder when inside;
    a compiled messages.mo without its .po is said too (it is never read: the .po is)."""
    out: list[Problem] = []
    for folder in map(Path, folders):
        for po in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            out += po_problems(po, shown_path(po))
        for mo in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")):
            if not mo.with_suffix(".po").is_file():
                message = (
                    f"a compiled catalog is not read: the site's words are read from "
                    f"{DOMAIN}.po, so put the .po it was compiled from beside it"
                )
                out.append(Problem(shown_path(mo), 1, 1, WARNING, message))
    return out


def shown_path(path: Path) -> str:
    """A path relative to the working folder when it is inside it, as the problems print it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
