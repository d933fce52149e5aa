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
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent, parse_pattern

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


def _subtags(language: str) -> tuple[str, str, str]:
    """A tag's language, script and region subtags in their usual case (`zh`, `Hant`, `TW`);
    "" for each one it does not have."""
    parts = language.replace("-", "_").split("_")
    rest = parts[1:3]
    script = next((p.title() for p in rest if len(p) == 4 and p.isalpha()), "")
    region = next(
        (p.upper() for p in rest if (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit())),
        "",
    )
    return parts[0].lower(), script, region


def _likely_script(*names: str) -> str:
    """The script CLDR's likely subtags give the first of `names` it knows (zh -> Hans, zh_TW ->
    Hant, sr -> Cyrl, sr_ME -> Latn); "" when it knows none of them."""
    likely = get_global("likely_subtags")
    found = next((likely[n] for n in names if n in likely), "")
    return next((p for p in found.split("_")[1:] if len(p) == 4 and p.isalpha()), "")


def writing(tag: str) -> tuple[str, str]:
    """The script and region a language tag is written in, CLDR's likely ones filling what the
    tag leaves out: zh -> (Hans, CN), zh-TW -> (Hant, TW), yue -> (Hant, HK), ja -> (Jpan, JP);
    "" for what neither says."""
    lang, script, region = _subtags(tag)
    likely = get_global("likely_subtags")
    keys = [f"{lang}_{region}" if region else "", f"{lang}_{script}" if script else "", lang]
    # CLDR's likely subtags are all language_Script_REGION (zh_TW -> zh_Hant_TW)
    found = next((likely[k] for k in keys if k in likely), "__").split("_")
    return script or found[1], region or found[2]


def _candidates(language: str) -> list[str]:
    """Catalog folder names to try for a language tag, most specific first: pt-BR -> pt_BR, pt;
    zh-Hant-TW -> zh_Hant_TW, zh_Hant, zh_TW; es-419 -> es_419, es.

    A shorter name is tried only when CLDR writes it in the tag's script: a `zh` catalog is
    Simplified Chinese and an `sr` one Cyrillic, so a reader of zh-Hant or sr-Latn got words in
    the other script, and no warning that the site had no catalog of its own."""
    name = language.replace("-", "_")
    lang, written, region = _subtags(name)
    own = _likely_script(lang)  # the script of a catalog named by the bare language
    script = written or _likely_script(f"{lang}_{region}", lang)  # zh-TW is written in Hant
    out = [name]
    if written or not _same_script(script, own):
        out.append(f"{lang}_{script}")
    if region and _same_script(script, _likely_script(f"{lang}_{region}", lang)):
        out.append(f"{lang}_{region}")
    if _same_script(script, own):
        out.append(lang)
    return list(dict.fromkeys(out))


def _same_script(a: str, b: str) -> bool:
    """Whether two scripts are the same, as far as CLDR says (unknown to it: no reason to doubt)."""
    return not a or not b or a == b


def nearest_locale(tag: str) -> Locale | None:
    """CLDR's data for a tag, else for the nearest tag written in the same script, as catalogs
    are looked for (es-ZZ -> es; sr-Latn-ZZ -> sr_Latn, not Cyrillic sr); None if none."""
    script = writing(tag)[0]
    for name in _candidates(tag):
        found = parse_locale(name)
        # Babel reads sr_Latn_ZZ, a region it does not know, as Cyrillic sr
        if found is not None and _same_script(script, writing(str(found))[0]):
            return found
    return None


def catalog_file(folder: Path, language: str) -> Path | None:
    """The catalog of `language` in a locale folder, the most specific there is (pt_BR, else pt).

    A folder named as the tag is written (pt-BR, zh-Hant-TW) or in other letter case (pt_br) is
    found too: gettext's name is pt_BR, and a newsroom's pt-BR/ was passed over without a word
    for the package's European Portuguese."""
    names = _candidates(language)
    folders: dict[str, Path] | None = None
    for name in names:
        po = folder / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            return po
        if folders is None:
            folders = _folders(folder)
        other = folders.get(name.lower())
        if other is not None and (other / "LC_MESSAGES" / f"{DOMAIN}.po").is_file():
            return other / "LC_MESSAGES" / f"{DOMAIN}.po"
    return None


def _folders(folder: Path) -> dict[str, Path]:
    """A locale folder's language folders by their name as gettext's, lower case (pt-BR: pt_br)."""
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return {}
    return {c.name.replace("-", "_").lower(): c for c in children if c.is_dir()}


def _read_catalog(path: Path) -> tuple[_gettext.GNUTranslations, set[str]]:
    """The catalog, and the msgids it translates (a plural's by its singular). UsageProblem,
    naming the file, when it cannot be read: a site's own catalog saved in another encoding
    stopped every command with a traceback.

    Read as UTF-8 whatever its header says (charset=ISO-8859-1 over UTF-8 text put "ConclusiÃ³n"
    on the pages), with the plural rule of its folder's language when the header has none, and
    without any msgstr that adds markup its msgid does not have (pages would run it as HTML):
    catalogs.po_problems says each of these at its line."""
    try:
        text = path.read_bytes().decode("utf-8-sig")  # without an editor's byte order mark
    except UnicodeDecodeError:
        lines = path.read_bytes().splitlines()
        line = next(n for n, b in enumerate(lines, 1) if not _is_utf8(b))
        raise UsageProblem(
            f"{path}:{line}: error: a message catalog must be UTF-8 text, and this line is not: "
            "save the file as UTF-8"
        ) from None
    except OSError as e:
        raise UsageProblem(f"{path}: error: cannot be read ({e.strerror or e})") from None
    catalog = read_po(io.StringIO(text), locale=parse_locale(path.parent.parent.name))
    catalog.charset = "utf-8"
    for m in list(catalog):
        source = m.id if isinstance(m.id, str) else "".join(m.id)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.id and any(foreign_markup(source, s or "") for s in strings):
            catalog.delete(m.id, m.context)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    done = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    try:
        return _gettext.GNUTranslations(buf), done
    except (ValueError, SyntaxError) as e:  # gettext's reading of a Plural-Forms rule
        from .catalogs import po_problems, shown_path

        found = po_problems(path, shown_path(path))
        said = next((p for p in found if "Plural-Forms" in p.message), None)
        raise UsageProblem(
            str(said) if said else f"{path}: error: its Plural-Forms header cannot be read ({e})"
        ) from None


# A tag or a comment in a message: `<` and a letter, `/`, `!` or `?`, up to its `>` (or the end).
_MARKUP = re.compile(r"<[A-Za-z/!?][^<>]*>?")
# The elements a browser makes something of (HTML's, and SVG and MathML, which carry scripts too).
# `<same id>` in a message about file names is no tag of these: it is text, and stays allowed.
_ELEMENTS = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
    caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed
    fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr
    html i iframe img input ins kbd label legend li link main map mark marquee math menu meta
    meter nav noscript object ol optgroup option output p param picture portal pre progress q rp
    rt ruby s samp script search section select slot small source span strong style sub summary
    sup svg table tbody td template textarea tfoot th thead time title tr track u ul var video
    wbr xmp image animate set use foreignobject""".split()  # noqa: SIM905 - a list to read
)


def _is_markup(tag: str) -> bool:
    """Whether a browser takes `tag` as markup that does something: a known element, any tag with
    an attribute value (`<x onclick=...>`), or a comment or declaration (`<!--`, `<?`)."""
    name = re.match(r"</?([A-Za-z][\w-]*)", tag)
    return name is None or "=" in tag or name.group(1).lower() in _ELEMENTS


def foreign_markup(msgid: str, msgstr: str) -> str | None:
    """The first tag of `msgstr` its msgid does not have (white space aside), else None. Templates
    take a translation as HTML, as the msgids with links and <strong> need: a catalog's
    `<img src=x onerror=...>` ran on every page."""
    ours = {" ".join(t.split()) for t in _MARKUP.findall(msgid)}
    return next(
        (t for t in _MARKUP.findall(msgstr) if " ".join(t.split()) not in ours and _is_markup(t)),
        None,
    )


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


# A number placeholder in a message (`%(num)d`, `%(share).1f`), or an escaped percent sign (`%%`)
# to leave alone.
_NUMBER_PLACEHOLDER = re.compile(r"%%|%\((\w+)\)(?:\.(\d+))?([df])")


# The digit zero of each CLDR numbering system that some locale writes its numbers in by default
# (CLDR's numberingSystems.xml; Babel has the systems' symbols but not their digits): the nine
# digits after it follow it in Unicode.
_ZEROS = {
    "arab": "\u0660",  # ar-EG, ar-SA, ckb: ٠١٢
    "arabext": "\u06f0",  # fa, ps, ur-IN: ۰۱۲
    "beng": "\u09e6",  # bn, as
    "deva": "\u0966",  # mr, ne, sa
    "mymr": "\u1040",  # my
    "tibt": "\u0f20",  # dz
    "olck": "\u1c50",  # sat
    "cakm": "\U00011136",  # ccp
    "adlm": "\U0001e950",  # ff-Adlm
    "nkoo": "\u07c0",  # nqo
    "mtei": "\uabf0",  # mni-Mtei
    "hmnp": "\U0001e140",  # hnj
}


@dataclass(frozen=True)
class _Numerals:
    """How a locale writes numbers by default: its CLDR numbering system, and the table turning
    Latin digits into that system's (empty for Latin digits)."""

    system: str
    digits: dict[int, str]

    def write(self, text: str) -> str:
        return text.translate(self.digits) if self.digits else text


@functools.lru_cache(maxsize=64)
def _numerals(locale: Locale | str) -> _Numerals:
    """The locale's default numbering system: Persian writes ۱۲۳, Bengali ১২৩, Burmese ၁၂၃ (CLDR),
    where Babel writes 123 unless asked; bare `ar` is Latin in CLDR (ar-EG and ar-SA are not)."""
    locale = Locale.parse(locale)
    system = locale.default_numbering_system
    zero = _ZEROS.get(system)
    if zero is None or system not in locale.number_symbols:
        return _Numerals("latn", {})
    return _Numerals(system, {ord("0") + i: chr(ord(zero) + i) for i in range(10)})


@functools.lru_cache(maxsize=8192)
def _number(n: int | float, locale: str) -> str:
    """A number as the locale writes it, by CLDR (1,234 en; 1.234 de; 1 234 fr; ۱٬۲۳۴ fa): cached,
    as a list page writes the same few counts many times."""
    numerals = _numerals(locale)
    return numerals.write(format_decimal(n, locale=locale, numbering_system=numerals.system))


@functools.lru_cache(maxsize=8192)
def _decimal(n: float, places: int, locale: str) -> str:
    """A number with `places` decimals, as `%.1f` writes it but in the locale's way (12,5 de;
    ۱۲٫۵ fa), and like it without a thousands separator: `%(share).1f` in a message wrote Latin
    digits and a Latin point on a Persian page."""
    numerals = _numerals(locale)
    pattern = parse_pattern(Locale.parse(locale).decimal_formats[None].pattern)
    pattern.frac_prec = (places, places)
    text = pattern.apply(
        n, Locale.parse(locale), group_separator=False, numbering_system=numerals.system
    )
    return numerals.write(text)


@functools.lru_cache(maxsize=8192)
def _date(d: dt.date, locale: Locale) -> str:
    """A day in CLDR's long format, in the locale's digits: cached, as Babel takes ~20 µs and a
    site's pages show the same few thousand days (a claim's, its verdict's, each update's) over
    and over. (format_date has no numbering system: its Latin digits are turned afterwards.)"""
    return _numerals(locale).write(format_date(d, format="long", locale=locale))


@functools.lru_cache(maxsize=1024)
def _percent(share: int, locale: Locale) -> str:
    """A whole percentage as the locale writes it (cached: a breakdown repeats the same few).
    Babel keeps the pattern's `%`: a locale with its own digits gets its system's sign too (٪)."""
    numerals = _numerals(locale)
    text = format_percent(share / 100, locale=locale, numbering_system=numerals.system)
    if numerals.digits:
        sign = locale.number_symbols[numerals.system].get("percentSign", "%")
        text = numerals.write(text).replace("%", sign)
    return text


@functools.lru_cache(maxsize=1024)
def _as_text(message: str) -> tuple[str, dict[str, int | None]]:
    """The message with its number placeholders as `%(name)s`, to take a formatted number, and
    their names: None for a whole number (`%(num)d`), else the decimals (`%(share).1f`: 1; `%f`
    writes 6). Other placeholders (`%(name)s`) are filled as they were."""
    names: dict[str, int | None] = {}
    for m in _NUMBER_PLACEHOLDER.finditer(message):
        if m[1]:
            names[m[1]] = None if m[3] == "d" else int(m[2] or 6)
    return _NUMBER_PLACEHOLDER.sub(lambda m: f"%({m[1]})s" if m[1] else m[0], message), names


def _filled(value: object, places: int | None, locale: str) -> str:
    """A number for a placeholder: as it is (`%(num)d`), or with its decimals (`%(share).1f`)."""
    assert isinstance(value, int | float)
    return _number(value, locale) if places is None else _decimal(value, places, locale)


class Text(str):
    """A translated message whose `%` writes numbers the way its language does.

    Render code fills `%(num)d` with `%` and an int; a plain str then wrote "1234 claims" and
    "Entries 1001–1100 of 1234" in every language. This one writes "1.234" in German, "1 234" in
    French and Ukrainian (CLDR's space), "1,234" in English, every number in the message alike.
    """

    locale: str

    def __new__(cls, message: str, locale: str = SOURCE_LANGUAGE) -> Text:
        text = super().__new__(cls, message)
        text.locale = locale
        return text

    def __mod__(self, values: object) -> str:
        if not isinstance(values, Mapping):
            return str.__mod__(str(self), values)
        text, numbers = _as_text(str(self))
        return str.__mod__(
            text,
            {
                key: _filled(value, numbers[key], self.locale)
                if key in numbers and isinstance(value, int | float) and not isinstance(value, bool)
                else value
                for key, value in values.items()
            },
        )


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
        """The translation; one with placeholders fills its numbers in this language (`Text`)."""
        return self._text(self.translations.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The plural form for n; its numbers filled in this language (`Text`)."""
        return self._text(self.translations.ngettext(singular, plural, n))

    def _text(self, message: str) -> str:
        # Only a message with a number placeholder: a plain str is what YAML and the rest expect.
        return Text(message, str(self.locale)) if _as_text(message)[1] else message

    def number(self, n: int | float) -> str:
        """A count as readers of this language write it: CLDR's digits and separators (1.234)."""
        return _number(n, str(self.locale))

    def digits(self, n: int) -> str:
        """`n` in this language's digits, without separators: a list item's or a citation's
        number (۱۲ in Persian, 2019 in English, never 2,019)."""
        return _numerals(self.locale).write(str(n))

    def date(self, d: dt.date | None) -> str:
        """A day as readers of this language write it: CLDR's long format (1 de septiembre de 2026)."""
        return "" if d is None else _date(d, self.locale)

    def percent(self, share: float) -> str:
        """A share out of 100 as this language writes it (45 %, 45%, ٪45)."""
        return _percent(round(share), self.locale)

    def list_joints(self, count: int) -> tuple[str, ...]:
        """The words around and between `count` items of a list in running text, by CLDR's list
        patterns ("A, B and C", "A, B y C", "A وB وC"): count + 1 strings, the first before the
        first item, the last after the last one. Templates place the items (each a link) between
        them, so no markup is built here."""
        if count <= 0:
            return ("",)
        marks = [f"\x00{i}\x00" for i in range(count)]
        joined = format_list(marks, locale=self.locale)
        return tuple(joined.split("\x00")[::2])

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
    cldr = nearest_locale(wanted) or parse_locale(SOURCE_LANGUAGE)
    assert cldr is not None
    chain: list[_gettext.GNUTranslations] = []
    translated: set[str] = set()
    shipped = SOURCE_LANGUAGE in _candidates(language)
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
