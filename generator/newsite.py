"""`factcheck init`: a complete new site repository that builds at once.

The starter files are package data under `generator/starter/`:

- `shared/`: files the same in every language (`mkdocs.yml`, the workflows, `gitignore`, and
  `CONTRIBUTING.md`: the content format reference of formatdoc.py, which the `factcheck new`
  templates point to for the optional fields), with `{{placeholders}}`;
- `<lang>/`: what readers and editors read, written for that language (the transparency pages,
  the rating scale, topics, README, the pull-request checklist and issue forms), plus `site.yaml`:
  the words `mkdocs.yml` needs (navigation labels, palette toggles, copyright line), and the
  README's note for a site on its own domain, which GitHub Pages must be told in its settings.

The workflows install the Debian fonts that have the letters of the site's language
(`font_packages`): a runner is not sure to have a Chinese, Japanese or Devanagari font, and without
one every claim's link-preview image is drawn without the claim.

Dot-files are stored without their dot (`github/`, `gitignore`: setuptools' globs skip dot-files) and
renamed on writing. The JSON Schemas are written by `schema.write_schemas`, never copied.

Every starter page and YAML file carries the marker line `factcheck: starter` (in front matter or a
YAML comment), and each place the newsroom must fill in starts with `[✎`: `factcheck validate` warns
about both (`unedited.py`) until they are edited, so an unedited site builds but never passes unnoticed.

Language: any tag whose language CLDR knows (through Babel) is written to `theme.language`, in BCP
47's case (`pt-br` -> `pt-BR`): dates follow its region, and the theme's words fall back to the
language's when the theme has none for the region (`es-MX` -> `es`). The starter text is the tag's
own folder when there is one (`pt-PT`), else its primary language's (`pt-BR` -> `pt`), else English,
marked for translation: each page starts with a `[✎` note (so `factcheck validate` lists it), and
the lists and mkdocs.yml say what to translate. A language the package has no catalog for also gets
the site's own, `locale/<tag>/LC_MESSAGES/messages.po`: every string of messages.pot, untranslated,
with the language's plural rules, named by the plugin option `locale_dir`. Until it is translated,
validate counts what is left and a strict build stops, so no half-English site is published by
accident.

The site is written into a temporary folder beside DIR and renamed into place, so a failure leaves
nothing half-written. DIR must be empty (a `.git` folder alone is allowed) unless `--force`, which
writes into a folder with other files but still never overwrites an existing file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import yaml

from . import __version__, formatdoc, i18n, siteconfig
from .scaffold import catalog_ids

if TYPE_CHECKING:
    from babel import Locale

STARTER = Path(str(resources.files(__package__) / "starter"))
# Every <lang>/ folder under starter/.
LANGUAGES = ("en", "es", "fr", "pt", "pt-PT", "de", "uk", "ar", "hi")
# Stored without the leading dot (setuptools' package-data globs skip dot-files).
_RENAMES = {"gitignore": ".gitignore", "github": ".github", "gitkeep": ".gitkeep"}
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


class InitError(Exception):
    """A usage problem: bad language, address or name, or a folder that is not empty."""


@dataclass(frozen=True)
class Language:
    tag: str  # what `theme.language` gets
    starter: str  # the starter/<lang>/ folder used
    name: str = ""  # the language's English name, for the notes to translate ("Swahili")
    rtl: bool = False  # written right to left (CLDR)
    # The site's own catalog, relative to the site, when the package has none for the language.
    catalog: Path | None = None
    # Debian's font packages the workflows install, so the link-preview images drawn on GitHub's
    # runners have the letters of the language (share.py finds them at Debian's paths).
    fonts: tuple[str, ...] = ("fonts-dejavu-core",)

    @property
    def translate(self) -> bool:
        """The starter text is in another language than the site's: English, to translate."""
        return self.starter.split("-")[0] != self.tag.split("-")[0]


def language(code: str) -> Language:
    """The site language for a BCP 47 tag; InitError unless CLDR knows its language."""
    from .validate import canonical_case, language_problem

    code = code.strip()
    tag = canonical_case(code)  # pt-br -> pt-BR: the case is no mistake here
    primary = tag.split("-")[0]
    why = _not_a_language(primary) or (language_problem(tag) and language_problem(code))
    locale = None if why else (i18n.parse_locale(tag) or i18n.parse_locale(primary))
    if locale is None:
        why = why or (
            f"'{code}' is a language Unicode's CLDR has no data for (its dates, plural rules and "
            "writing direction): give the tag of a language it has, like 'sw', 'hi-IN' or "
            "'zh-Hant-TW'"
        )
        raise InitError(
            f"--language: {why} (a site can be in any language CLDR knows: starter text exists "
            f"for {', '.join(LANGUAGES)}; in another, the site starts in English, to translate)"
        )
    # The tag is kept as given (es-MX: Mexican dates, <html lang="es-MX">; the theme's own words
    # fall back to es); the starter text is the variant's own when there is one (pt-PT).
    starter = tag if tag in LANGUAGES else primary if primary in LANGUAGES else "en"
    catalog = None
    if not i18n.messages(tag).found:
        catalog = Path("locale", tag.replace("-", "_"), "LC_MESSAGES", f"{i18n.DOMAIN}.po")
    rtl = locale.character_order == "right-to-left"
    name = locale.get_display_name("en") or tag
    return Language(tag, starter, name, rtl, catalog, font_packages(locale))


# ISO 639's withdrawn codes, still written by older software (Java's Locale says iw and in).
_WITHDRAWN = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "sh": "sr-Latn"}
# BCP 47's codes that name no language: CLDR has data for und (its root), which dates a site in
# no language's way and names its language "Unknown language" to screen readers.
_NO_LANGUAGE = {
    "und": "an undetermined language",
    "mul": "several languages",
    "mis": "a language no code has",
    "zxx": "no language at all",
}


def _not_a_language(primary: str) -> str | None:
    """Why a tag's primary subtag names no language a site can be written in, or None."""
    if primary in _WITHDRAWN:
        new = _WITHDRAWN[primary]
        return f"'{primary}' is a withdrawn language code: write '{new}' instead"
    if primary in _NO_LANGUAGE or "qaa" <= primary <= "qtz":
        what = _NO_LANGUAGE.get(primary, "a language of private use")
        return (
            f"'{primary}' stands for {what}, not the language the site is written in: give that "
            "language's tag, like 'sw', 'hi-IN' or 'zh-Hant-TW'"
        )
    return None


# Scripts DejaVu Sans draws (fonts-dejavu-core); Chinese, Japanese and Korean are in fonts-noto-cjk,
# and fonts-noto-core has the other scripts share.py draws (Devanagari, Bengali, Tamil, Thai...).
_DEJAVU_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek", "Arab", "Hebr", "Armn", "Geor"})
_CJK_SCRIPTS = frozenset({"Hans", "Hant", "Hani", "Jpan", "Kore", "Hang"})
# The languages written in Arabic letters whose every letter DejaVu has: it lacks Urdu's ے (and
# Kashmiri's ٲ ۄ), so every claim in Urdu was left off its link-preview image.
_DEJAVU_ARABIC = frozenset({"ar", "fa"})


def font_packages(locale: Locale) -> tuple[str, ...]:
    """The Debian font packages that have the letters of a language, DejaVu first: on a runner
    without them, each claim's link-preview image is drawn without the claim."""
    from babel.core import get_global

    script = locale.script
    if not script:  # the script CLDR gives the language by default: ja -> Jpan, hi -> Deva
        likely = get_global("likely_subtags")
        keys = [f"{locale.language}_{locale.territory}", locale.language]
        found = next((likely[k] for k in keys if k in likely), "")
        script = next((p for p in found.split("_") if len(p) == 4 and p.istitle()), "Latn")
    if script in _CJK_SCRIPTS:
        return ("fonts-dejavu-core", "fonts-noto-cjk")
    if script == "Arab" and locale.language not in _DEJAVU_ARABIC:
        return ("fonts-dejavu-core", "fonts-noto-core")  # Noto Sans Arabic
    if script in _DEJAVU_SCRIPTS:
        return ("fonts-dejavu-core",)
    return ("fonts-dejavu-core", "fonts-noto-core")


def catalog_text(lang: Language) -> str:
    """The site's catalog for a language the package has none for: every string of messages.pot
    with its translators' notes, untranslated, and the language's plural rules in the header."""
    from babel.messages.pofile import read_po

    from .catalogs import po_text

    with (i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot").open("rb") as f:
        catalog = read_po(f)
    primary = lang.tag.split("-")[0]
    catalog.locale = i18n.parse_locale(lang.tag) or i18n.parse_locale(primary)
    catalog.fuzzy = False
    return po_text(catalog)


def _material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def material_words(tag: str) -> str:
    """The language whose words Material shows on a site in `tag` (its own, or English)."""
    from .siteconfig import theme_words as pick

    return pick(tag, lambda name: (_material_templates() / name).is_file())


def translation_notes(lang: Language, folder: str) -> list[str]:
    """What init says is left to translate on a site whose starter text or catalog is English."""
    notes = []
    if lang.catalog:
        count = len(i18n.template_ids())
        notes.append(
            f"- {Path(folder, lang.catalog).as_posix()}: the {count} strings every page is framed "
            f"with (headings, buttons, labels): write each msgstr in {lang.name}. Until all are "
            "written, `factcheck build` stops (`--no-strict` builds with English ones, for a look). "
            f"The {len(catalog_ids())} more marked `factcheck new` are the comments of the files "
            f"that command writes: translated, they explain each field in {lang.name}"
        )
    if lang.translate:
        notes.append(
            f"- {Path(folder, 'content').as_posix()}: the pages in pages/ (each starts with a ✎ "
            "note), and the labels and descriptions in ratings.yaml and topics.yaml"
        )
        notes.append(
            f"- {Path(folder, 'mkdocs.yml').as_posix()}: the navigation labels, site_description, "
            "copyright and the dark/light switch names"
        )
        notes.append(
            f"- {Path(folder, '.github', 'ISSUE_TEMPLATE').as_posix()}: the forms readers fill in "
            "on GitHub to report an error or send a claim"
        )
        notes.append(
            f"- {Path(folder, '.github', 'PULL_REQUEST_TEMPLATE.md').as_posix()}: the editorial "
            f"checklist every pull request shows, and {Path(folder, 'README.md').as_posix()}"
        )
    if not notes:
        return []
    head = f"There is no starter text in {lang.name} yet: these are in English, to translate:"
    if not lang.translate:
        head = f"The package has no words in {lang.name} yet: translate"
    theme = (
        f"The theme (Material for MkDocs) writes its own few words (the skip link, 'Back to "
        f"top') in {lang.name}."
    )
    if material_words(lang.tag) == "en":
        english = _material_templates() / "partials" / "languages" / "en.html"
        theme = (
            f"The theme (Material for MkDocs) has no words in {lang.name}: its own few (the skip "
            f"link, 'Back to top') stay in English until you copy {english} to "
            f"{Path(folder, 'overrides', 'partials', 'languages', lang.tag + '.html').as_posix()}, "
            "translate it, and set `custom_dir: overrides` under theme: in mkdocs.yml."
        )
    progress = "`factcheck validate` shows what is left: " + (
        "how many strings of the catalog are untranslated, and every page and list with starter "
        "text."
        if lang.catalog
        else "every page and list with starter text."
    )
    return [head, *notes, theme, progress]


def site_url(url: str) -> str:
    """The site's address, ending in "/"; InitError unless an http(s) address with a host."""
    why = siteconfig.address_problem(url)
    if why is not None:
        raise InitError(f"'{url}' {why}")
    return url if url.endswith("/") else url + "/"


def site_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or any(ord(c) < 32 or c == "\x7f" for c in name):
        raise InitError("--name must be the newsroom's name: one line of at most 100 characters")
    return name


def _is_empty(folder: Path) -> bool:
    return not folder.exists() or all(p.name == ".git" for p in folder.iterdir())


def _fill(text: str, values: dict[str, str], where: str) -> str:
    def put(m: re.Match) -> str:
        if m.group(1) not in values:
            raise KeyError(f"{where}: unknown placeholder {m.group(0)}")
        return values[m.group(1)]

    return _PLACEHOLDER.sub(put, text)


def _target(rel: Path) -> Path:
    return Path(*(_RENAMES.get(part, part) for part in rel.parts))


def _nav_yaml(site: dict) -> str:
    lines = []
    for item in site["nav"]:
        ((label, page),) = item.items()
        lines.append(f"  - {json.dumps(label, ensure_ascii=False)}: {page}")
    return "\n".join(lines)


def _values(name: str, url: str, lang: Language, site: dict) -> dict[str, str]:
    def y(value: str) -> str:  # a YAML scalar: JSON's double-quoted string is valid YAML
        return json.dumps(value, ensure_ascii=False)

    host = urlsplit(url).hostname or ""
    values = {
        "name": name,
        "name_yaml": y(name),
        "url": url,
        "host": host,
        "language": lang.tag,
        "language_name": lang.name,
        "catalog": lang.catalog.as_posix() if lang.catalog else "",
        "version": __version__,
        "description_yaml": y(site["description"].replace("{{name}}", name)),
        "copyright_yaml": y(site["copyright"]),
        "dark_yaml": y(site["to_dark"]),
        "light_yaml": y(site["to_light"]),
        "nav": _nav_yaml(site),
        "direction": "",
        "locale_dir": "# locale_dir: locale",
        "translate_steps": "",
        "custom_domain": "",
        "fonts": " ".join(lang.fonts),
        # CONTRIBUTING.md: the content format, between the markers `python -m generator.formatdoc`
        # rewrites after an upgrade (`factcheck new` templates point there for optional fields).
        "format_reference": formatdoc.format_reference(),
        "format_begin": formatdoc.BEGIN,
        "format_end": formatdoc.END,
    }
    if not host.endswith(".github.io"):  # GitHub Pages must be told the domain, in its settings
        text = _fill(site["custom_domain"], values, "site.yaml")
        values["custom_domain"] = "".join(f"\n   {line}" for line in text.strip().splitlines())
    if lang.rtl and lang.translate:  # Material knows the direction only of the languages it has
        values["direction"] = "\n  direction: rtl"
    if lang.catalog:
        values["locale_dir"] = "locale_dir: locale"
    if lang.translate:
        notes = site["translate"]
        comment = _fill(notes["nav"], values, "site.yaml").strip().splitlines()
        values["nav"] = "".join(f"  # {line}\n" for line in comment) + values["nav"]
        steps = [notes["readme_catalog"]] if lang.catalog else []
        steps.append(notes["readme_pages"])
        if material_words(lang.tag) == "en":  # the theme's words too, as init's notes say
            steps.append(notes["readme_theme"])
        steps.append(notes["readme_config"])
        text = notes["readme"] + "\n" + "".join(steps)
        values["translate_steps"] = "\n" + _fill(text, values, "site.yaml")
    return values


def _mark_for_translation(rel: Path, text: str, notes: dict, values: dict[str, str]) -> str:
    """English starter text on a site in another language: a note at the top of each page (a `[✎`
    mark, which validate lists and the page shows until it is translated), and a comment in the
    lists under their `factcheck: starter` line."""
    if rel.parts[:2] == ("content", "pages") and text.startswith("---\n"):
        end = text.index("\n---\n", 3) + len("\n---\n")
        note = _fill(notes["page"], values, f"site.yaml, for {rel}")
        return text[:end] + note + "\n\n" + text[end:]
    if rel.parts[0] == "content" and rel.suffix == ".yaml":
        note = "# " + _fill(notes["list"], values, f"site.yaml, for {rel}") + "\n"
        lines = text.splitlines(keepends=True)
        at = next((i + 1 for i, line in enumerate(lines) if "factcheck: starter" in line), 0)
        return "".join([*lines[:at], note, *lines[at:]])
    return text


def render(name: str, url: str, lang: Language) -> dict[Path, str]:
    """Every file of the new site except the schemas: relative path -> text."""
    site = yaml.safe_load((STARTER / lang.starter / "site.yaml").read_text(encoding="utf-8"))
    values = _values(name, url, lang, site)
    out: dict[Path, str] = {}
    for base in (STARTER / "shared", STARTER / lang.starter):
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(base)
            if path.is_dir() or rel == Path("site.yaml"):
                continue
            text = _fill(path.read_text(encoding="utf-8"), values, f"starter/{base.name}/{rel}")
            if lang.translate:
                text = _mark_for_translation(_target(rel), text, site["translate"], values)
            out[_target(rel)] = text
    if lang.catalog:
        out[lang.catalog] = catalog_text(lang)
    return out


def init_site(
    folder: Path, name: str, url: str, code: str, force: bool = False
) -> tuple[Language, list[Path], list[Path]]:
    """Write a new site into `folder`: (language, files written, existing files kept).

    InitError for a usage problem (nothing written); OSError if writing failed (nothing left behind
    but the files that were already moved into a folder that existed before, with --force).
    """
    from .schema import write_schemas

    lang = language(code)
    url = site_url(url)
    name = site_name(name)
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} exists and is not a folder")
    if not force and not _is_empty(folder):
        raise InitError(
            f"{folder} is not empty: choose a new folder, or add --force to write into it "
            "(existing files are never overwritten)"
        )
    files = render(name, url, lang)
    parent = folder.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.resolve().name}.init-", dir=parent))
    except OSError:
        if not folder.is_dir():
            raise
        # A folder that exists in a parent we cannot write to (`factcheck init .` in a checkout
        # under a read-only folder): work inside it, in a hidden folder that is removed after.
        tmp = Path(tempfile.mkdtemp(prefix=".factcheck-init-", dir=folder))
    try:
        for rel, text in files.items():
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        write_schemas(tmp / "schemas")
        written = sorted(p.relative_to(tmp) for p in tmp.rglob("*") if p.is_file())
        if not folder.exists():
            os.replace(tmp, folder)
            return lang, written, []
        kept = []
        for rel in written:  # an existing (empty, or --force) folder: move each file in
            target = folder / rel
            if target.exists() or target.is_symlink():
                kept.append(rel)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp / rel, target)
        return lang, [r for r in written if r not in kept], kept
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
