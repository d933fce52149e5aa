"""The reader-visible words of a site in its language: gettext catalogs and CLDR dates, through Babel.

Catalogs are the `.po` files under `generator/locale/<lang>/LC_MESSAGES/messages.po`, read directly
(no compiled `.mo` to keep in step). A site may add a folder of its own (plugin option `locale_dir`)
with the same layout: its strings win over ours, one by one, so a newsroom can change a word or add
a language without forking. A language with no catalog anywhere falls back to English, and the
plugin says so.

`messages(language, locale)` is cached per process: every page of a build shares one.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_percent

from .problems import UsageProblem

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"  # the msgids are English: en needs no catalog of its own beyond them


def shipped_languages() -> list[str]:
    """The languages this package has a catalog for (English included), sorted, as BCP 47 tags
    (`pt-PT`: what `theme.language` says; the catalog's folder is gettext's `pt_PT`)."""
    found = {
        p.parent.parent.name.replace("_", "-")
        for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    }
    return sorted(found | {SOURCE_LANGUAGE})


def parse_locale(tag: str) -> Locale | None:
    """A Babel locale for a BCP 47 tag or a POSIX name (`pt-BR`, `pt_BR`, `ar`); None if unknown."""
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def _candidates(language: str) -> list[str]:
    """Catalog folder names to try for a language tag, most specific first: pt-BR -> pt_BR, pt."""
    name = language.replace("-", "_")
    out = [name]
    if "_" in name:
        out.append(name.split("_", 1)[0])
    return out


def catalog_file(folder: Path, language: str) -> Path | None:
    """The catalog of `language` in a locale folder, the most specific there is (pt_BR, else pt)."""
    for name in _candidates(language):
        po = folder / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            return po
    return None


def _read_catalog(path: Path) -> tuple[_gettext.GNUTranslations, set[str]]:
    """The catalog, and the msgids it translates (a plural's by its singular). UsageProblem,
    naming the file, when it cannot be read: a site's own catalog saved in another encoding
    stopped every command with a traceback."""
    try:
        with path.open("rb") as f:
            catalog = read_po(f)
    except UnicodeDecodeError:
        lines = path.read_bytes().splitlines()
        line = next(n for n, b in enumerate(lines, 1) if not _is_utf8(b))
        raise UsageProblem(
            f"{path}:{line}: error: a message catalog must be UTF-8 text, and this line is not: "
            "save the file as UTF-8"
        ) from None
    except OSError as e:
        raise UsageProblem(f"{path}: error: cannot be read ({e.strerror or e})") from None
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    done = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    return _gettext.GNUTranslations(buf), done


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def template_ids() -> frozenset[str]:
    """Every string the package writes on a page (messages.pot; a plural by its singular).

    Not the words of the `factcheck new` templates, which the catalogs also hold: a site's own
    catalog left without them still has every page in its language, and builds."""
    from .scaffold import catalog_ids

    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as f:
        found = frozenset(m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id)
    return found - frozenset(catalog_ids())


@dataclass(frozen=True)
class Messages:
    """One language's strings, dates and writing direction, for templates and Python alike."""

    language: str  # the site's or page's language tag, as written (`es`, `pt-BR`)
    locale: Locale  # CLDR data for dates and numbers
    translations: _gettext.NullTranslations
    found: bool  # a catalog (ours or the site's) exists for this language
    # Strings no catalog of the language translates (shown in English): a site's own catalog for a
    # language we do not ship may be partial; ours are complete (tests/test_catalogs.py).
    missing: tuple[str, ...] = ()

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def date(self, d: dt.date | None) -> str:
        """A day as readers of this language write it: CLDR's long format (1 de septiembre de 2026)."""
        return "" if d is None else format_date(d, format="long", locale=self.locale)

    def percent(self, share: float) -> str:
        """A share out of 100 as this language writes it (45 %, 45%, ٪45)."""
        return format_percent(round(share) / 100, locale=self.locale)

    @property
    def dir(self) -> str:
        """`rtl` for right-to-left scripts (Arabic, Hebrew, Persian, Urdu...), else `ltr`."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"


@functools.lru_cache(maxsize=32)
def messages(language: str, locale: str | None = None, extra_dirs: Sequence[str] = ()) -> Messages:
    """The strings for `language`; `locale` picks CLDR's dates when they should differ (en_GB).

    `extra_dirs` are a site's own catalog folders, searched before ours (a tuple, to be cached).
    """
    language = language or SOURCE_LANGUAGE
    # A region CLDR does not know (es-ZZ) still gets its language's dates, not English ones.
    wanted = locale or language
    cldr = (
        parse_locale(wanted)
        or parse_locale(_candidates(wanted)[-1])
        or parse_locale(SOURCE_LANGUAGE)
    )
    assert cldr is not None
    chain: list[_gettext.GNUTranslations] = []
    translated: set[str] = set()
    shipped = _candidates(language)[-1] == SOURCE_LANGUAGE
    for folder in [*map(Path, extra_dirs), LOCALE_DIR]:
        po = catalog_file(folder, language)
        if po is not None:
            catalog, done = _read_catalog(po)
            chain.append(catalog)
            translated |= done
            shipped = shipped or folder == LOCALE_DIR
    found = bool(chain) or shipped
    missing = () if shipped or not chain else tuple(sorted(template_ids() - translated))
    translations: _gettext.NullTranslations = _gettext.NullTranslations()
    for catalog in reversed(chain):  # ours last in the chain: the site's strings win
        catalog.add_fallback(translations)
        translations = catalog
    return Messages(language, cldr, translations, found, missing)


def plural_samples(locale: Locale) -> dict[str, int]:
    """One number for each of the language's CLDR plural categories: {'one': 1, 'other': 0, ...}."""
    out: dict[str, int] = {}
    for n in range(0, 1001):
        out.setdefault(locale.plural_form(n), n)
        if len(out) == len(locale.plural_form.tags) + 1:  # tags leaves out 'other'
            break
    return out
