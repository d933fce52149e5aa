"""Keep the message catalogs in step with the code: `python -m generator.catalogs` (make messages).

Extracts every `_()`, `gettext()` and `ngettext()` string from the package's Python and templates
(Babel, as `pybabel extract -F generator/locale/babel.cfg` would), adds the words of the
`factcheck new` templates (scaffold.catalog_ids), writes `locale/messages.pot`,
and merges it into each language's `messages.po`: new strings arrive empty (the catalog test then
fails until a translator fills them in), strings gone from the code are dropped.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from . import __version__
from .i18n import DOMAIN, LOCALE_DIR
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
