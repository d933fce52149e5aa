"""The `factcheck` command: validate, schema, new, init, build, serve, export, check-changes.

Exit status: 0 success, 1 problems found (or a failed build), 2 a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

from . import __version__
from .problems import UsageProblem, format_problems
from .spec import ID_MAX, ID_PATTERN, RESERVED_IDS


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with one clear line
        self.print_usage(sys.stderr)
        print(f"factcheck: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _validate(args) -> int:
    from . import siteconfig
    from .validate import language_problem, validate

    if args.content and args.content_option and args.content != args.content_option:
        print(
            f"factcheck: error: two content folders given ({args.content} and --content "
            f"{args.content_option}); give one",
            file=sys.stderr,
        )
        return 2
    args.content = args.content or args.content_option or "content"
    content = Path(args.content)
    if not content.is_dir():
        what = "is not a folder" if content.exists() else "does not exist"
        print(
            f"factcheck: error: the content folder {args.content} {what}; "
            "give the folder that holds ratings.yaml, claims/ and verdicts/",
            file=sys.stderr,
        )
        return 2
    if args.site_language and (why := language_problem(args.site_language)):
        print(f"factcheck: error: --site-language: {why}", file=sys.stderr)
        return 2
    # mkdocs.yml's theme.language, checked as a claim's language is, and placed in the file.
    config = Path("mkdocs.yml")
    site = (
        None
        if args.site_language or not config.is_file()
        else siteconfig.language_problem(config, language_problem)
    )
    language = None if site else _site_language(args)
    report = validate(content, jobs=args.jobs, site_language=language)
    if site:
        report.problems.insert(0, site)
    elif language and config.is_file() and not args.site_language:
        from .i18n import messages

        words = siteconfig.catalog_problem(config, lambda t, dirs: messages(t, None, dirs))
        english = siteconfig.english_starter_problems(config)
        report.problems[:0] = [*([words] if words else []), *english]
    if config.is_file() and not args.site_language:
        report.problems[:0] = [  # site_url, organization_url; half surrogate pairs
            *siteconfig.address_problems(config),
            *siteconfig.surrogate_problems(config),
        ]
    if config.is_file():
        report.problems[:0] = _site_catalog_problems(config)
        report.problems[:0] = siteconfig.template_problems(config)  # theme.custom_dir's copies
    if sum(report.counts.values()) > 3000:
        # A large tree's values make no reference cycles; the garbage collector would only walk
        # its millions of objects again, after the run and at exit (0.5 s at 10,000 claims).
        gc.freeze()
    out = format_problems(report.problems, args.format)
    if args.format == "json":
        print(out)
        print(report.summary(), file=sys.stderr)
    else:
        if out:
            print(out)
        print(report.summary(), file=sys.stderr if args.format == "github" else sys.stdout)
    return 1 if report.errors else 0


def _new_translation(args) -> int:
    """`factcheck new claim ID --translation-of ORIGINAL --language TAG`."""
    from .scaffold import write_translation
    from .validate import language_problem

    def fail(message: str, code: int = 2) -> int:
        print(f"factcheck: error: {message}", file=sys.stderr)
        return code

    if args.kind != "claim" or not (args.translation_of and args.language):
        return fail(
            "a translation is a claim with both options: factcheck new claim <id> "
            "--translation-of <claim id> --language <tag>"
        )
    why = language_problem(args.language)
    if why:
        return fail(f"--language: {why}")
    content = Path(args.content)
    original = content / "claims" / f"{args.translation_of}.yaml"
    if not original.is_file():
        return fail(f"--translation-of: no claim '{args.translation_of}' in {content}/claims/")
    theirs = _claim_language(original) or _site_language(args) or "en"
    if theirs.lower() == args.language.lower():
        return fail(
            f"--language: claim '{args.translation_of}' is in '{theirs}' already; a translation "
            "is in another language"
        )
    try:
        paths = write_translation(
            content, args.id, args.translation_of, args.language, _site_words()
        )
    except FileExistsError as e:
        return fail(f"{e} already exists; nothing written (choose another id)", 1)
    for path in paths:
        print(f"wrote {path}")
    print("translate them in place, set the verdict's `published`, then run `factcheck validate`")
    return 0


def _claim_language(path: Path) -> str | None:
    """A claim file's own `language`, if it gives one it can be read for."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    language = data.get("language") if isinstance(data, dict) else None
    return language if isinstance(language, str) and language else None


def _site_catalog_problems(config: Path) -> list:
    """The mistakes in the site's own catalogs (plugin option locale_dir), which the build checks
    and stops on: `validate` says them first, each at its file and line (build._catalog_problems)."""
    from . import siteconfig
    from .catalogs import site_catalog_problems

    folder = siteconfig.plugin_option(config, "locale_dir")
    if not folder:
        return []
    return site_catalog_problems([str(config.parent / folder)])


def _site_language(args) -> str | None:
    """The site's language for the translation checks: --site-language, else theme.language of
    ./mkdocs.yml when there is one (read as plain YAML: its Python tags are ignored), else None."""
    if getattr(args, "site_language", None):
        return args.site_language
    config = Path("mkdocs.yml")
    if not config.is_file():
        return None
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config.read_text("utf-8"), Loader=Loader)  # noqa: S506 (a SafeLoader)
        theme = data.get("theme") if isinstance(data, dict) else None
        language = theme.get("language") if isinstance(theme, dict) else None
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    return language if isinstance(language, str) and language else "en"


def _site_words():
    """The words of ./mkdocs.yml's site, for `factcheck new`'s comments: theme.language, from the
    site's own catalogs (plugin option locale_dir) first, then the package's; None without it."""
    from . import siteconfig
    from .i18n import messages

    config = Path("mkdocs.yml")
    language = _site_language(argparse.Namespace())
    if language is None:
        return None
    folder = siteconfig.plugin_option(config, "locale_dir")
    return messages(language, None, (str((config.parent / folder).resolve()),) if folder else ())


def _schema(args) -> int:
    from .schema import write_schemas

    for path in write_schemas(Path(args.dir)):
        print(f"wrote {path}")
    return 0


def _new(args) -> int:
    import re

    from .scaffold import write_new

    if not re.match(ID_PATTERN, args.id) or len(args.id) > ID_MAX:
        from .scaffold import id_advice
        from .validate import ID_RULE

        advice = id_advice(args.id, args.kind, Path(args.content))
        print(
            f"factcheck: error: '{args.id}' is not a valid id: {ID_RULE}{advice}", file=sys.stderr
        )
        return 2
    if args.id in RESERVED_IDS:
        print(
            f"factcheck: error: '{args.id}' cannot be an id: its page would take the address of "
            "a list page; choose another id",
            file=sys.stderr,
        )
        return 2
    from .load import WINDOWS_DEVICES

    if args.id in WINDOWS_DEVICES:
        print(
            f"factcheck: error: '{args.id}' cannot be an id: it is the name of a device on "
            "Windows, where no file may be called so; choose another id",
            file=sys.stderr,
        )
        return 2
    inside = Path("claims").is_dir() or Path("ratings.yaml").is_file()
    if not Path(args.content).is_dir() and inside:
        # Run from inside content/, it wrote content/content/claims/x.yaml, which the site never
        # reads, and said "wrote content/claims/x.yaml".
        print(
            f"factcheck: error: there is no content folder '{args.content}' here, and this "
            "folder looks like one: run factcheck from the folder above it (where mkdocs.yml "
            "is), or name the folder with --content",
            file=sys.stderr,
        )
        return 2
    if args.translation_of or args.language:
        return _new_translation(args)
    if args.kind == "verdict" and not (Path(args.content) / "claims" / f"{args.id}.yaml").is_file():
        print(
            f"factcheck: error: no claim '{args.id}' in {args.content}/claims/: a verdict is "
            f"named after the claim it rates; write the claim first (factcheck new claim "
            f"{args.id}), or give the id of one",
            file=sys.stderr,
        )
        return 2
    try:
        path = write_new(Path(args.content), args.kind, args.id, _site_words())
    except FileExistsError:
        folder = {
            "claim": "claims",
            "verdict": "verdicts",
            "document": "documents",
            "person": "people",
        }
        print(
            f"factcheck: error: {args.content}/{folder[args.kind]}/{args.id}.yaml already exists; "
            "not overwritten (edit it, or choose another id)",
            file=sys.stderr,
        )
        return 1
    print(f"wrote {path}: fill in every TODO, then run `factcheck validate`")
    return 0


def _init(args) -> int:
    from .newsite import LANGUAGES, InitError, init_site, translation_notes

    try:
        lang, written, kept = init_site(
            Path(args.dir), args.name, args.url, args.language, force=args.force
        )
    except InitError as e:
        print(f"factcheck: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"factcheck: error: could not write {args.dir}: {e}", file=sys.stderr)
        return 1
    for rel in kept:
        print(f"kept {rel} (it exists already)")
    print(
        f"wrote {len(written)} files into {args.dir} ({lang.tag}, starter text in {lang.starter}; "
        f"languages with starter text: {', '.join(LANGUAGES)})."
    )
    for line in translation_notes(lang, args.dir):  # a language without starter text or catalog
        print(line)
    print(
        f"Next: cd {args.dir}, then `factcheck validate` lists every piece of starter text to edit, "
        "`factcheck serve` previews the site, `factcheck build` writes it into site/."
    )
    return 0


def _build(args) -> int:
    from .build import build

    return build(
        Path(args.content),
        Path(args.out),
        Path(args.config),
        strict=not args.no_strict,
        search=not args.no_search,
        engine=args.engine,
    )


def _serve(args) -> int:
    from .build import serve

    return serve(Path(args.config), args.dev_addr, engine=args.engine, content=args.content)


def _export(args) -> int:
    from .build import export

    return export(Path(args.content), Path(args.dir), Path(args.config))


def _check_changes(args) -> int:
    from .changes import check_changes

    return check_changes(Path(args.content), args.base, args.format)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="factcheck", description="Check and publish YAML fact-checks as a website.")
    p.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    v = sub.add_parser("validate", help="check every content file and print every problem")
    v.add_argument("content", nargs="?", default=None, help="content folder (default: content)")
    # --content as build, new and export take it; the folder may be given either way.
    v.add_argument("--content", dest="content_option", default=None, help="the same, as an option")
    v.add_argument("--format", choices=("text", "github", "json"), default="text")
    v.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="processes to parse with (default: one per core for large trees)",
    )
    v.add_argument(
        "--site-language",
        default=None,
        help="the site's language, for claims without `language` (default: theme.language of "
        "./mkdocs.yml, when there is one)",
    )
    v.set_defaults(func=_validate)

    s = sub.add_parser("schema", help="write JSON Schema files for editors")
    s.add_argument("dir", nargs="?", default="schemas", help="output folder (default: schemas)")
    s.set_defaults(func=_schema)

    n = sub.add_parser("new", help="write a commented template for a new file")
    n.add_argument("kind", choices=("claim", "verdict", "document", "person"))
    n.add_argument("id", help="the new file's id, e.g. unemployment-doubled-2025")
    n.add_argument("--content", default="content")
    n.add_argument(
        "--translation-of",
        metavar="CLAIM_ID",
        help="a translation of this claim: its claim and verdict, to translate in place",
    )
    n.add_argument("--language", help="the translation's language, a BCP 47 tag (uk, en, pt-BR)")
    n.set_defaults(func=_new)

    i = sub.add_parser("init", help="write a new fact-check site, ready to build")
    i.add_argument("dir", help="the new site's folder (must be empty unless --force)")
    i.add_argument("--name", required=True, help="the newsroom's name, e.g. 'Verifica Ya'")
    i.add_argument("--url", required=True, help="where the site will be published, https://...")
    i.add_argument(
        "--language",
        default="en",
        help="the site's language: the BCP 47 tag of any language CLDR knows, such as es, pt-BR, "
        "sw, hi-IN or zh-Hant-TW (default en). In a language without starter text, the site "
        "starts in English, marked for translation, with a catalog of its words to translate",
    )
    i.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that has files; existing files are never overwritten",
    )
    i.set_defaults(func=_init)

    b = sub.add_parser("build", help="validate, then build the site")
    b.add_argument("--content", default="content")
    b.add_argument("--out", default="site")
    b.add_argument("--config", default="mkdocs.yml")
    b.add_argument("--no-strict", action="store_true", help="let mkdocs warnings pass")
    b.add_argument(
        "--no-search",
        action="store_true",
        help="leave out the search index: a large site builds in about half the time",
    )
    b.add_argument(
        "--engine",
        choices=("mkdocs", "zensical"),
        default=None,
        help="the site engine (default: the plugin option `engine` in mkdocs.yml, else mkdocs)",
    )
    b.set_defaults(func=_build)

    sv = sub.add_parser("serve", help="preview the site with live reload")
    sv.add_argument("--config", default="mkdocs.yml")
    sv.add_argument("--dev-addr", default=None, help="address:port (default 127.0.0.1:8000)")
    sv.add_argument(
        "--engine",
        choices=("mkdocs", "zensical"),
        default=None,
        help="the site engine (default: the plugin option `engine` in mkdocs.yml, else mkdocs)",
    )
    sv.add_argument("--content", default=None, help="the content folder (default: mkdocs.yml's)")
    sv.set_defaults(func=_serve)

    e = sub.add_parser("export", help="write the generated pages as Markdown with front matter")
    e.add_argument("dir")
    e.add_argument("--content", default="content")
    e.add_argument("--config", default="mkdocs.yml")
    e.set_defaults(func=_export)

    c = sub.add_parser("check-changes", help="refuse silent verdict changes against a git revision")
    c.add_argument("--base", required=True, help="git revision to compare with, e.g. origin/main")
    c.add_argument("--content", default="content")
    c.add_argument("--format", choices=("text", "github", "json"), default="text")
    c.set_defaults(func=_check_changes)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageProblem as e:
        print(e, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `factcheck validate | head`: the reader left; no traceback
        # Point stdout at /dev/null so flushing it at exit cannot fail again (Python docs' recipe).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def run() -> NoReturn:
    """The `factcheck` command: `main`, then an exit that skips freeing every object one by one.

    A 10,000-claim build leaves about 2 GB of Python objects, and the interpreter took 2 s to free
    them at exit. By the time `main` returns, every file is written and closed, so the process ends
    at once, after flushing the logs and output streams.
    """
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe or stream: nothing more can reach it.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
