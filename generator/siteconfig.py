"""mkdocs.yml read as plain YAML, for what a command needs before mkdocs reads it (or without
mkdocs, as `factcheck validate`): the site's language and where it is written, so that a problem
with it names the file, line and column."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .problems import ERROR, WARNING, Problem

_TEXT = "tag:yaml.org,2002:str"
_KINDS = {
    "tag:yaml.org,2002:seq": "a list",
    "tag:yaml.org,2002:map": "a set of fields",
    "tag:yaml.org,2002:null": "nothing",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
}


def _compose(config_file: Path) -> yaml.Node | None:
    """mkdocs.yml's node tree, None when it cannot be read. Composed, not loaded: mkdocs' own tags
    (!ENV, !!python/name) are not run."""
    try:
        return yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None


def theme_language(config_file: Path) -> tuple | None:
    """theme.language with its 1-based line and column, or (None, line, col, what it is) when it
    is not text (a list, a number, null); None when the file cannot be read or does not set it."""
    return _language(_compose(config_file))


def _language(root: yaml.Node | None) -> tuple | None:
    language = _value(_value(root, "theme"), "language")
    if language is None:
        return None
    mark = language.start_mark
    if isinstance(language, yaml.ScalarNode) and language.tag == _TEXT:
        return language.value, mark.line + 1, mark.column + 1
    return None, mark.line + 1, mark.column + 1, _KINDS.get(language.tag, "another kind of value")


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def language_problem(config_file: Path, why: Callable[[str], str | None]) -> Problem | None:
    """A problem with theme.language (`why` says what is wrong with a tag, or None), placed where
    it is written."""
    found = theme_language(config_file)
    if found is None:
        return None
    tag, line, col = found[:3]
    if tag is None:
        reason = f"expected a language tag such as 'es' or 'pt-BR', found {found[3]}"
    else:
        reason = why(tag)
    if reason is None:
        return None
    return Problem(str(config_file), line, col, ERROR, f"'theme.language': {reason}")


def where(config_file: Path, key: str, plugin: str | None = None, option: str | None = None):
    """(line, column), 1-based, of a top-level key of mkdocs.yml, or of a plugin's option under
    `plugins` (else of the plugin, else of `plugins`); None when the file does not write it."""
    root = _compose(config_file)
    node = None
    if plugin is not None and key == "plugins":
        plugins = _value(root, "plugins")
        for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
            if isinstance(item, yaml.ScalarNode) and item.value == plugin:
                node = item
            elif isinstance(item, yaml.MappingNode) and _value(item, plugin) is not None:
                found = _value(_value(item, plugin), option) if option else None
                node = found or next(
                    k for k, _ in item.value if getattr(k, "value", None) == plugin
                )
            if node is not None:
                break
    if node is None and isinstance(root, yaml.MappingNode):
        node = next((k for k, _ in root.value if getattr(k, "value", None) == key), None)
    if node is None:
        return None
    return node.start_mark.line + 1, node.start_mark.column + 1


def _plugin_option(root: yaml.Node | None, name: str) -> str | None:
    """The factcheck plugin's option `name` in composed mkdocs.yml, when written as text."""
    plugins = _value(root, "plugins")
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
        options = _value(item, "factcheck")
        value = _value(options, name)
        if isinstance(value, yaml.ScalarNode) and value.tag == _TEXT:
            return value.value
    return None


def plugin_option(config_file: Path, name: str) -> str | None:
    """The factcheck plugin's option `name` in mkdocs.yml, when written as text."""
    return _plugin_option(_compose(config_file), name)


def english_starter_problems(config_file: Path) -> list[Problem]:
    """Warnings at each text of mkdocs.yml still in the English starter's words on a site in
    another language (navigation labels, site_description, copyright): `factcheck init` writes
    them in English where it has no starter text in the site's language, and the pages would show
    them in every header and menu. Each says what to do, as the starter text warnings do."""
    from .unedited import PREFIX

    root = _compose(config_file)
    found = _language(root)
    if found is None or found[0] is None or found[0].split("-")[0].lower() == "en":
        return []
    starter = _english_starter()
    labels = {label for item in starter["nav"] for label in item}
    problems = []

    def warn(node: yaml.Node, what: str) -> None:
        mark = node.start_mark
        message = (
            f"{PREFIX}{what} is the English starter's, on a site in '{found[0]}': translate it "
            "(readers see it on every page)"
        )
        problems.append(Problem(str(config_file), mark.line + 1, mark.column + 1, WARNING, message))

    def walk(nav: yaml.Node | None) -> None:
        for item in nav.value if isinstance(nav, yaml.SequenceNode) else []:
            for key, value in item.value if isinstance(item, yaml.MappingNode) else []:
                if isinstance(key, yaml.ScalarNode) and key.value in labels:
                    warn(key, f"the navigation label '{key.value}'")
                walk(value)  # a section's own entries

    walk(_value(root, "nav"))
    description = starter["description"].replace("{{name}}", "")
    for field, english in (("site_description", description), ("copyright", starter["copyright"])):
        node = _value(root, field)
        text = node.value if isinstance(node, yaml.ScalarNode) else None
        if isinstance(text, str) and english.strip() and english.strip() in " ".join(text.split()):
            warn(node, f"'{field}'")
    return sorted(problems, key=lambda p: (p.line, p.col))


def _english_starter() -> dict:
    from .newsite import STARTER

    return yaml.safe_load((STARTER / "en" / "site.yaml").read_text(encoding="utf-8"))


def catalog_problem(config_file: Path, messages: Callable[[str, tuple], Any]) -> Problem | None:
    """A warning, placed at theme.language, when no catalog has the site's words (shipped, or in
    the plugin's locale_dir: `messages(tag, folders)` is i18n.Messages), or the site's own has
    only some. The build says it too, and a strict build stops there: contributors should see
    it before."""
    root = _compose(config_file)
    found = _language(root)
    if found is None or found[0] is None:
        return None
    tag, line, col = found[:3]
    folder = _plugin_option(root, "locale_dir")
    folders = (str((config_file.parent / folder).resolve()),) if folder else ()
    words = messages(tag, folders)
    problem = catalog_words_problem(tag, words.found, words.missing, folders)
    return None if problem is None else Problem(str(config_file), line, col, WARNING, problem)


def site_catalog(tag: str, folders: Sequence[str]) -> Path | None:
    """The site's own catalog for `tag` in its locale_dir `folders`, as i18n.messages finds it
    (pt-BR: pt_BR, else pt), shown relative to the working folder when it is inside it."""
    from .i18n import catalog_file

    po = next(filter(None, (catalog_file(Path(folder), tag) for folder in folders)), None)
    if po is None:
        return None
    try:
        return po.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return po


def catalog_words_problem(
    tag: str, found: bool, missing: tuple[str, ...], folders: Sequence[str] = ()
) -> str | None:
    """Why the pages of a site in `tag` would show English words, if they would; `folders`, the
    site's locale_dir, lets it name the catalog's file."""
    fix = (
        f"({tag.replace('-', '_')}/LC_MESSAGES/messages.po, translated from the package's "
        "generator/locale/messages.pot) in the folder the plugin option locale_dir names, or "
        "build with --no-strict to publish in English"
    )
    if not found:
        return (
            f"'theme.language': no catalog has the words of '{tag}', so the pages' headings and "
            f"buttons would be in English, and factcheck build (strict) stops; add a catalog {fix}"
        )
    if missing:
        catalog = site_catalog(tag, folders)
        where = f" ({catalog.as_posix()})" if catalog else ""
        fix = (
            "write each empty msgstr in that file"
            + _not_in_file(catalog, tag, missing)
            + ", or build with --no-strict to publish in English"
            if catalog
            else f"translate them in the catalog {fix}"
        )
        # The last few are named, each one (a translator searches the file for them); of many,
        # an example a translator can search for: words, not a placeholder or punctuation.
        if len(missing) <= 5:
            named = "untranslated: " + ", ".join(repr(m) for m in missing)
        else:
            example = next((m for m in missing if m[:1].isalpha() and "%(" not in m), missing[0])
            named = f"untranslated (such as '{example}')"
        return (
            f"'theme.language': the catalog for '{tag}'{where} leaves {len(missing)} of the "
            f"package's {len(missing) + _translated_count(missing)} strings {named}, so those "
            f"would be in English on its pages, and factcheck build (strict) stops; {fix}"
        )
    return None


def _not_in_file(catalog: Path, tag: str, missing: tuple[str, ...]) -> str:
    """How to add the strings a newer package writes that the site's catalog does not list yet
    (its msgstr cannot be written until its msgid is there), or ""."""
    from babel.messages.pofile import read_po

    from .i18n import DOMAIN, LOCALE_DIR

    try:
        with catalog.open("rb") as f:
            listed = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    except (OSError, ValueError):
        return ""
    absent = sum(1 for m in missing if m not in listed)
    if not absent:
        return ""
    pot = LOCALE_DIR / f"{DOMAIN}.pot"
    locale = tag.replace("-", "_")
    command = shlex.join(
        ["pybabel", "update", "-N", "-i", str(pot), "-o", str(catalog), "-l", locale]
    )
    return (
        f" ({absent} of them, added by a newer factcheck-publisher, "
        f"{'is' if absent == 1 else 'are'} not in it yet: "
        f"`{command}` adds them)"
    )


def _translated_count(missing: tuple[str, ...]) -> int:
    from .i18n import template_ids

    return len(template_ids()) - len(missing)


def address_problem(url: str) -> str | None:
    """Why `url` cannot be a site's published address, or None. Feeds, sitemaps, canonical links
    and ClaimReview carry it as written, and there a space or a letter outside ASCII is invalid."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        return (
            "is not a site address: give where the site will be published, like "
            "https://factcheck.example.org/ or https://your-org.github.io/your-repo/"
        )
    odd = next((c for c in url if c.isspace() or c in '<>"{}|\\^`' or not c.isascii()), None)
    if odd is not None:
        return (
            f"holds {odd!r}, which a web address cannot: feeds, sitemaps and links would carry it "
            "as typed; write it percent-encoded (a space is %20; a host name in its xn-- form), "
            "or choose an address without it"
        )
    return None


def address_problems(config_file: Path) -> list[Problem]:
    """Errors, placed in mkdocs.yml, for a `site_url` or the plugin's `organization_url` that is
    not a web address every reader of the feeds and the structured data can use."""
    root = _compose(config_file)
    nodes = [("site_url", _value(root, "site_url")), ("organization_url", None)]
    plugins = _value(root, "plugins")
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
        nodes[1] = ("organization_url", _value(_value(item, "factcheck"), "organization_url"))
        if nodes[1][1] is not None:
            break
    problems = []
    for field, node in nodes:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _TEXT or not node.value:
            continue
        why = address_problem(node.value)
        if why is not None:
            mark = node.start_mark
            message = f"'{field}': '{node.value}' {why}"
            problems.append(
                Problem(str(config_file), mark.line + 1, mark.column + 1, ERROR, message)
            )
    return problems


def surrogate_problems(config_file: Path) -> list[Problem]:
    """Errors, placed in mkdocs.yml, for a value holding half a UTF-16 surrogate pair ("\\ud800"):
    no page, feed or data file can be written with it, and the build stopped at the first file it
    wrote, naming none."""
    root = _compose(config_file)
    problems = []
    todo: list[tuple[str, yaml.Node | None]] = [("", root)]
    while todo:
        where, node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else "?"
                todo.append((f"{where}.{key}" if where else key, v))
        elif isinstance(node, yaml.SequenceNode):
            todo.extend((f"{where}[{i}]", v) for i, v in enumerate(node.value))
        elif isinstance(node, yaml.ScalarNode):
            half = next((c for c in node.value if "\ud800" <= c <= "\udfff"), None)
            if half is not None:
                mark = node.start_mark
                message = (
                    f"'{where}': \\u{ord(half):04x} is half of a UTF-16 surrogate pair, not a "
                    "character: write the character itself, or its \\U0001xxxx escape"
                )
                problems.append(
                    Problem(str(config_file), mark.line + 1, mark.column + 1, ERROR, message)
                )
    return sorted(problems, key=lambda p: (p.line, p.col))


OFFLINE_PLUGINS = ("offline", "material/offline")


def offline_problem(plugins: Any) -> str | None:
    """Why a site cannot be built with Material's offline plugin on (`plugins`: mkdocs' loaded
    plugins by name), or None. It turns directory URLs off, which every page's links use, and
    search (a module script) needs a web server: such a site broke from file:// anyway."""
    for name in OFFLINE_PLUGINS:
        plugin = plugins.get(name) if hasattr(plugins, "get") else None
        config = getattr(plugin, "config", None)
        if plugin is not None and (config is None or config.get("enabled", True)):
            return (
                "Material's offline plugin is not supported: it turns off directory URLs, which "
                "every page's links use, and search needs a web server; remove it from plugins "
                "(or set its enabled: false) and serve the site folder, for example with "
                "python3 -m http.server -d site"
            )
    return None


# Material names some scripts' words by another tag: Serbian in Latin letters is its "sh". The
# engines hand the table to the theme as config.extra[THEME_ALIASES_EXTRA], so that a page in
# another language than the site's (partials/language.html) picks its words as theme_words does.
THEME_ALIASES = {"sr-latn": "sh", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant"}
THEME_ALIASES_EXTRA = "factcheck_theme_aliases"


def theme_words(tag: str, exists: Callable[[str], bool]) -> str:
    """The theme's words for a language tag: its own file (partials/languages/<tag>.html), else
    its language's with the script ('zh-Hant-HK' -> 'zh-Hant'), else its language's ('es-MX' ->
    'es'), else English. Material has files for some regions only (pt-BR, zh-TW)."""
    parts = tag.split("-")
    alias = THEME_ALIASES.get("-".join(parts[:2]).lower())
    candidates = ("-".join(parts), alias, "-".join(parts[:2]), parts[0])
    for candidate in dict.fromkeys(c for c in candidates if c):
        if exists(f"partials/languages/{candidate}.html"):
            return candidate
    return "en"


# --- the site's own templates (theme.custom_dir) -----------------------------------------------

_PACKAGE_THEME = Path(__file__).parent / "theme"


def custom_dir(config_file: Path) -> Path | None:
    """The folder theme.custom_dir names, beside mkdocs.yml; None when it names none there."""
    theme = _value(_compose(config_file), "theme")
    node = _value(theme, "custom_dir")
    if not isinstance(node, yaml.ScalarNode) or node.tag != _TEXT or not node.value:
        return None
    folder = config_file.parent / node.value
    return folder if folder.is_dir() else None


def template_problems(config_file: Path) -> list[Problem]:
    """The mistakes in the site's copies of the package's templates (theme.custom_dir), each at
    its file and line: a Jinja syntax error (the build stopped on the first, one a run), a copy
    without blocks the package's template has (an older version's copy, or a main.html written
    from Material's docs: the pages lost their ClaimReview data without a word), and a page
    template that replaces none of the package's (renamed since it was copied: never used)."""
    import jinja2
    from jinja2 import nodes

    folder = custom_dir(config_file)
    if folder is None:
        return []
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    files = sorted(p for p in folder.rglob("*.html") if p.is_file())
    sources = {p: p.read_text("utf-8", errors="replace") for p in files}
    problems = []
    for path, source in sources.items():
        rel = path.relative_to(folder).as_posix()
        ours = _PACKAGE_THEME / rel
        try:
            tree = env.parse(source, name=rel)
        except jinja2.TemplateSyntaxError as e:
            fix = (
                f"compare it with the package's {ours}, or remove it to use the package's"
                if ours.is_file()
                else "fix it there"
            )
            message = (
                f"{(e.message or 'syntax error').rstrip('.')}: the template cannot be read; {fix}"
            )
            problems.append(Problem(_shown(path), e.lineno or 1, 1, ERROR, message))
            continue
        if ours.is_file():
            lost = _lost_blocks(env, tree, ours, source, nodes)
            if lost:
                problems.append(Problem(_shown(path), 1, 1, WARNING, lost))
        elif rel.startswith("factcheck/") and not _used(path, rel, sources) and not _ours(path):
            problems.append(Problem(_shown(path), 1, 1, WARNING, _unknown_template(rel)))
    return problems


def _shown(path: Path) -> str:
    """A path relative to the working folder when it is inside it, as problems print it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _lost_blocks(env: Any, tree: Any, ours: Path, source: str, nodes: Any) -> str | None:
    """What a site's copy of one of our templates leaves out of ours, said with the fix; None
    when nothing (or when it extends ours: what it does not replace is ours)."""
    extends = [n.template for n in tree.find_all(nodes.Extends)]
    if any(isinstance(t, nodes.Const) and str(t.value).startswith("theme/") for t in extends):
        return None
    theirs = {b.name for b in tree.find_all(nodes.Block)}
    package = env.parse(ours.read_text("utf-8"))
    missing = [b.name for b in package.find_all(nodes.Block) if b.name not in theirs]
    rel = ours.relative_to(_PACKAGE_THEME).as_posix()
    # Ours writes it from partials/fc-head.html; an older copy, inline.
    if rel == "main.html" and not any(t in source for t in ("page.meta.jsonld", "fc-head.html")):
        missing.append("the ClaimReview data (partials/fc-head.html in block extrahead)")
    if not missing:
        return None
    named = ", ".join(m if " " in m else f"block {m}" for m in missing)
    return (
        f"this copy of the package's {rel} leaves out its {named}, so the pages built with it "
        f"go without them (an older version's copy, or one started from Material's): copy "
        f"them from {ours}, or keep an empty {{% block name %}}{{% endblock %}} to leave a "
        "block out on purpose"
    )


def _used(path: Path, rel: str, sources: dict[Path, str]) -> bool:
    """Whether another template of the site's names this one (its own partial, included)."""
    short = rel.removeprefix("factcheck/")
    return any(p != path and (rel in s or short in s) for p, s in sources.items())


def _ours(path: Path) -> bool:
    """Whether the package has a page template or partial by this file's name elsewhere (the
    build's misplaced_templates says where it goes)."""
    pages = _PACKAGE_THEME / "factcheck"
    return (pages / path.name).is_file() or (pages / "partials" / path.name).is_file()


def _unknown_template(rel: str) -> str:
    import difflib

    pages = sorted(p.name for p in (_PACKAGE_THEME / "factcheck").glob("*.html"))
    close = difflib.get_close_matches(Path(rel).name, pages, n=1, cutoff=0.75)
    fix = f"factcheck/{close[0]}" if close else "one of factcheck/" + ", ".join(pages)
    return (
        f"{rel} replaces no template of the package (it has none by that name: perhaps it was "
        "renamed since this copy was made), and no template of the site's uses it, so it is "
        f"never used: rename it to the one it should replace ({fix}), or remove it"
    )


def override_hint(filename: str) -> str:
    """How to fix a template error raised in a site's copy of one of the package's templates
    (a file outside the package's theme, and Material's, with one of its names); "" otherwise."""
    path = Path(filename)
    if path.is_relative_to(_PACKAGE_THEME) or "site-packages" in path.parts:
        return ""
    for start in range(len(path.parts) - 1, 0, -1):
        rel = "/".join(path.parts[start:])
        if (_PACKAGE_THEME / rel).is_file():
            return (
                f" (in the site's copy of the package's {rel}, which may be from an older "
                f"version: compare it with {_PACKAGE_THEME / rel}, or remove it to use the "
                "package's)"
            )
    return ""
