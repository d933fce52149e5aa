"""`factcheck init`: a complete new site repository that builds at once.

The starter files are package data under `generator/starter/`:

- `shared/`: files the same in every language (`mkdocs.yml`, the workflows, `gitignore`), with
  `{{placeholders}}`;
- `<lang>/`: what readers and editors read, written for that language (the transparency pages,
  the rating scale, topics, README, the pull-request checklist and issue forms), plus `site.yaml`:
  the words `mkdocs.yml` needs (navigation labels, palette toggles, copyright line).

Dot-files are stored without their dot (`github/`, `gitignore`: setuptools' globs skip dot-files) and
renamed on writing. The JSON Schemas are written by `schema.write_schemas`, never copied.

Every starter page and YAML file carries the marker line `factcheck: starter` (in front matter or a
YAML comment), and each place the newsroom must fill in starts with `[✎`: `factcheck validate` warns
about both (`unedited.py`) until they are edited, so an unedited site builds but never passes unnoticed.

Language: the tag is written to `theme.language` as given, in BCP 47's case (`pt-br` -> `pt-BR`):
dates follow its region, and the theme's words fall back to the language's when the theme has none
for the region (`es-MX` -> `es`). The starter text is the tag's own folder when there is one
(`pt-PT`), else its primary language's (`pt-BR` -> `pt`). A language without starter text is refused, with
the list of those there are: a half-English site in another language would be published by accident.

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
from urllib.parse import urlsplit

import yaml

from . import __version__

STARTER = Path(str(resources.files(__package__) / "starter"))
# Every <lang>/ folder under starter/.
LANGUAGES = ("en", "es", "fr", "pt", "pt-PT", "de", "uk", "ar")
RTL = frozenset({"ar"})  # Material sets the direction from its translation: nothing to write
# Stored without the leading dot (setuptools' package-data globs skip dot-files).
_RENAMES = {"gitignore": ".gitignore", "github": ".github", "gitkeep": ".gitkeep"}
_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


class InitError(Exception):
    """A usage problem: bad language, address or name, or a folder that is not empty."""


@dataclass(frozen=True)
class Language:
    tag: str  # what `theme.language` gets
    starter: str  # the starter/<lang>/ folder used


def language(code: str) -> Language:
    """The site language for a BCP 47 tag; InitError if malformed or without starter text."""
    supported = ", ".join(LANGUAGES)
    if not _TAG.match(code):
        raise InitError(
            f"'{code}' is not a language tag: give a BCP 47 tag such as 'es' or 'pt-BR' "
            f"(starter text exists for {supported})"
        )
    primary, *rest = code.split("-")
    primary = primary.lower()
    # BCP 47 case conventions: region upper-case, script title-case (pt-BR, zh-Hant).
    rest = [r.upper() if len(r) == 2 else r.title() if len(r) == 4 else r.lower() for r in rest]
    tag = "-".join([primary, *rest])
    if primary not in LANGUAGES:
        raise InitError(
            f"there is no starter text in '{code}' yet; languages with starter text: {supported}. "
            f"To start a site in another language, run `factcheck init` with --language en, set "
            f"`theme: language:` in mkdocs.yml, and rewrite the pages in content/pages/ in your language"
        )
    # The tag is kept as given (es-MX: Mexican dates, <html lang="es-MX">; the theme's own words
    # fall back to es); the starter text is the variant's own when there is one (pt-PT).
    return Language(tag, tag if tag in LANGUAGES else primary)


def site_url(url: str) -> str:
    """The site's address, ending in "/"; InitError unless an http(s) address with a host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise InitError(
            f"'{url}' is not a site address: give where the site will be published, like "
            "https://factcheck.example.org/ or https://your-org.github.io/your-repo/"
        )
    odd = next((c for c in url if c.isspace() or c in '<>"{}|\\^`' or not c.isascii()), None)
    if odd is not None:
        raise InitError(
            f"'{url}' holds {odd!r}, which a web address cannot: feeds, sitemaps and links would "
            "carry it as typed; write it percent-encoded (a space is %20; a host name in its "
            "xn-- form), or choose an address "
            "without it"
        )
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
    return {
        "name": name,
        "name_yaml": y(name),
        "url": url,
        "host": host,
        "language": lang.tag,
        "version": __version__,
        "description_yaml": y(site["description"].replace("{{name}}", name)),
        "copyright_yaml": y(site["copyright"]),
        "dark_yaml": y(site["to_dark"]),
        "light_yaml": y(site["to_light"]),
        "nav": _nav_yaml(site),
    }


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
            text = path.read_text(encoding="utf-8")
            out[_target(rel)] = _fill(text, values, f"starter/{base.name}/{rel}")
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
