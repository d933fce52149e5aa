"""`factcheck build`, `serve` and `export`: check the content first, then build, and never half-replace.

`build` reads and checks the content once; with any error it prints every problem and stops before
anything is written. It then runs mkdocs into a fresh folder beside `out` and swaps that folder into
place only when the whole build (pages, feeds, search index) succeeded, so a failed build leaves the
previous site exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import similar
from .link import link
from .problems import UsageProblem, format_problems
from .render import render_pages
from .search import remove_abandoned, work_prefix

log = logging.getLogger("mkdocs.plugins.factcheck")


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _setup_logging() -> None:
    """Show mkdocs' messages when it runs inside our CLI (its own CLI would set this up)."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


_CONFIG_VALUE = re.compile(r"Config value '([^']+)': (?:Plugin '([^']+)' option '([^']+)': )?")


@contextlib.contextmanager
def _config_messages():
    """mkdocs' messages about mkdocs.yml while it is read, held back instead of printed: when it
    refuses the file they come back placed at their line (mkdocs names only the setting)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs.config")
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _located(config_file: Path, message: str, level: int) -> str:
    """One of mkdocs' messages about mkdocs.yml as `file:line:col: error: ...`."""
    from . import siteconfig

    found = _CONFIG_VALUE.match(message)
    place = None
    if found:
        key, plugin, option = found.groups()
        place = siteconfig.where(config_file, key, plugin, option)
        message = f"'{key}': " + message[len(f"Config value '{key}': ") :]
    kind = "error" if level >= logging.ERROR else "warning (an error in strict mode)"
    at = f"{config_file}:{place[0]}:{place[1]}" if place else str(config_file)
    return f"{at}: {kind}: {message}"


def load_site_config(config_file: Path, **options):
    """mkdocs.yml as mkdocs reads it; UsageProblem, naming the file and line, when it cannot be."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    fix = "point --config at the site's mkdocs.yml"
    if config_file.is_dir():
        raise UsageProblem(
            f"{config_file}: error: this is a folder, not a configuration file; {fix}"
        )
    if not config_file.exists():
        raise UsageProblem(
            f"{config_file}: error: no such file; {fix}, or start a site with `factcheck init`"
        )
    try:
        with _config_messages() as messages:
            config = load_config(str(config_file), **options)
        for record in messages:  # warnings of a config that loads are shown as mkdocs shows them
            logging.getLogger(record.name).handle(record)
        return config
    except Abort:
        located = [_located(config_file, r.getMessage(), r.levelno) for r in messages]
        raise UsageProblem(
            "\n".join(located or [f"{config_file}: error: cannot be used"])
        ) from None
    except ConfigurationError as e:
        cause = e.__cause__ or e.__context__
        mark = getattr(cause, "problem_mark", None)
        if mark is not None:  # YAML that does not parse: where, and what the parser expected
            what = getattr(cause, "problem", None) or str(cause)
            raise UsageProblem(
                f"{config_file}:{mark.line + 1}:{mark.column + 1}: error: {what}; "
                "fix the YAML there (quote a value that holds ': ' or starts with a bracket)"
            ) from None
        raise UsageProblem(f"{config_file}: error: {e}") from None
    except OSError as e:
        raise UsageProblem(f"{config_file}: error: cannot be read ({e.strerror or e})") from None


def check_output(
    out: Path,
    content: Path,
    config_file: Path,
    built: frozenset[str] = frozenset(),
    fix: str = "choose another --out, such as site",
) -> None:
    """UsageProblem if building into `out` would delete what is not a built site.

    A build replaces `out` whole, so `out` must not be (or hold) the folder the command runs in,
    the content or the configuration, must not be inside the content, and a folder already there
    must be a site built before: a folder of other files, or a git repository, is never replaced.
    `built`: paths (relative to `out`) of which one is in every earlier output (default: a built
    site's, BUILT_SITE); `fix`: how to name another output, for the command's own arguments.
    """
    out = out.resolve()
    precious = {
        "the content folder": content.resolve(),
        "the configuration": config_file.resolve(),
        "the folder this command runs in": Path.cwd().resolve(),
    }
    for what, path in precious.items():
        if out == path or out in path.parents:
            raise UsageProblem(f"{out}: error: building here would delete {what} ({path}); {fix}")
    if content.resolve() in out.parents:
        raise UsageProblem(
            f"{out}: error: the site cannot be built inside the content folder; {fix}"
        )
    if out.exists() and not out.is_dir():
        raise UsageProblem(f"{out}: error: this is a file, not a folder; {fix}")
    if not out.is_dir():
        return
    names = {p.name for p in out.iterdir()}
    if ".git" in names:
        raise UsageProblem(
            f"{out}: error: this folder is a git repository, which a build would delete; {fix}"
        )
    if names and not any((out / path).is_file() for path in built or BUILT_SITE):
        shown = ", ".join(sorted(names)[:3]) + (", ..." if len(names) > 3 else "")
        raise UsageProblem(
            f"{out}: error: this folder holds files that are not a built site ({shown}), which a "
            f"build would delete; {fix}, or empty this folder first"
        )


# What a site built before holds (mkdocs' or ours); a folder with none of them is someone's files.
# (An index.html alone is not enough: a folder of someone's own web pages has one.)
BUILT_SITE = frozenset(
    {"404.html", "sitemap.xml", "sitemap.xml.gz", "assets/factcheck/factcheck.css"}
)
# What every `factcheck export` writes (our stylesheet), unlike a folder of someone's Markdown.
EXPORTED = frozenset({"assets/factcheck/factcheck.css"})


def _usable_config(
    out: Path, content: Path, config_file: Path, strict: bool = False, **output: Any
):
    """The site's mkdocs.yml, read once `out` is known to be safe to replace (check_output, with
    `output`'s options); None after saying in one line why not (the command then exits with 2,
    nothing read or written)."""
    try:
        check_output(out, content, config_file, **output)
        _check_addresses(config_file)
        config = load_site_config(config_file, strict=strict)
        _check_theme_language(config_file)
        _check_plugins(config_file, config)
        return config
    except UsageProblem as e:
        _say(str(e))
        return None


def _check_plugins(config_file: Path, config) -> None:
    """UsageProblem, before anything is built, for a plugin the site cannot be built with (the
    plugin's on_config says the same to `mkdocs build`, but only once mkdocs is building)."""
    from . import siteconfig

    why = siteconfig.offline_problem(config.plugins)
    if why:
        raise UsageProblem(f"{config_file}: error: {why}")


def _check_addresses(config_file: Path) -> None:
    """UsageProblem, placed in mkdocs.yml, for a site_url or organization_url that feeds, the
    sitemap and ClaimReview cannot carry (a space, a letter outside ASCII, no http(s) host)."""
    from . import siteconfig

    problems = siteconfig.address_problems(config_file) + siteconfig.surrogate_problems(config_file)
    if problems:
        raise UsageProblem("\n".join(str(p) for p in problems))


def _check_theme_language(config_file: Path) -> None:
    """UsageProblem, placed in mkdocs.yml, for a theme.language that is not a language tag as
    written ('ES', 'pt_BR'): the theme and the catalogs look their words up by it."""
    from . import siteconfig
    from .validate import language_problem

    problem = siteconfig.language_problem(config_file, language_problem)
    if problem is not None:
        raise UsageProblem(str(problem))


def _read(content: Path, config):
    """The checked content model, or None after printing every problem.

    Claims without `language` are taken to be in the config's theme.language (the translation
    checks compare with it)."""
    from .child import call_in_child
    from .validate import read_content

    language = config.theme.get("language") or "en"
    # In a child process: the check's scaffolding (about 0.5 GB at 30,000 claims) leaves with it.
    model, problems = call_in_child(read_content, content, None, language)
    problems = [*_catalog_problems(config), *_template_problems(config), *problems]
    if any(p.severity == "error" and p.path.endswith((".po", ".html")) for p in problems):
        model = None  # a broken catalog of the site's would be read without a word (catalogs.py)
    if problems:
        _say(format_problems(problems))
    if model is None:
        errors = sum(1 for p in problems if p.severity == "error")
        _say(f"{errors} error(s) in {content}: nothing was built.")
    return model


def _catalog_problems(config) -> list:
    """The mistakes in the site's own catalogs (plugin option locale_dir)."""
    from .catalogs import site_catalog_problems

    folder = _plugin(config).config.locale_dir
    if not folder:
        return []
    return site_catalog_problems([str(Path(config.config_file_path).parent / folder)])


def _template_problems(config) -> list:
    """The mistakes in the site's copies of our templates (theme.custom_dir), every one at once:
    the build itself stopped at the first syntax error."""
    from .siteconfig import template_problems

    return template_problems(Path(config.config_file_path))


def _swap_into_place(new: Path, out: Path) -> None:
    """Replace `out` by `new` with two renames; the old tree is deleted only afterwards."""
    old = None
    if out.exists() or out.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=work_prefix(f".{out.name}.old-"), dir=out.parent))
        old.rmdir()
        os.replace(out, old)
    try:
        os.replace(new, out)
    except OSError:
        if old is not None:
            os.replace(old, out)  # the old site back where it was
        raise
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            delete_tree(old)
        else:
            old.unlink(missing_ok=True)


def _hand_over(folder: Path) -> None:
    """Start a helper that deletes `folder` and outlives this process (in a session of its own, so
    a Ctrl-C at the terminal is not for it)."""
    args = [sys.executable, "-c", _DELETER, str(folder)]
    if not hasattr(os, "posix_spawn"):
        subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        return
    quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
    os.posix_spawn(sys.executable, args, os.environ, file_actions=quiet, setsid=True)


DELETE_SECONDS = 2.0  # spent deleting the replaced site before a helper process takes over
# The helper first renames the folder after itself (.site.old-<its id>-...): while it deletes, the
# next build's remove_abandoned sees a live process and leaves the folder to it.
_DELETER = """
import os, shutil, sys
mine = old = sys.argv[1]
parts = os.path.basename(old).rsplit("-", 2)
if len(parts) == 3 and parts[1].isdigit():
    renamed = os.path.join(os.path.dirname(old), f"{parts[0]}-{os.getpid()}-{parts[2]}")
    try:
        os.replace(old, renamed)
        mine = renamed
    except OSError:
        pass
shutil.rmtree(mine, ignore_errors=True)
"""


def delete_tree(folder: Path, seconds: float = DELETE_SECONDS) -> bool:
    """Delete `folder`, in this process while that takes under `seconds`; True if it is gone.

    A replaced site of 30,000 claims is 200,000 files and took 30 s to delete after the new one was
    in place: past `seconds`, a helper process deletes the rest after the command has returned. Its
    name still holds this process's id, so if the helper is killed, the next build removes what is
    left (`remove_abandoned`).
    """
    deadline = time.monotonic() + seconds
    for n, (root, dirs, files) in enumerate(os.walk(folder, topdown=False)):
        for name in files:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(root, name))
        for name in dirs:
            path = os.path.join(root, name)
            with contextlib.suppress(OSError):
                if os.path.islink(path):  # a link to a folder: the link goes, never what it names
                    os.unlink(path)
                else:
                    os.rmdir(path)
        if n % 64 == 63 and time.monotonic() > deadline:
            _hand_over(folder)
            return False
    shutil.rmtree(folder, ignore_errors=True)  # the folder itself, and anything walk did not reach
    return True


def _atomic(out: Path, work: Callable[[Path], None]) -> int:
    """Build into a new folder beside `out`, then swap it in; on any failure `out` is unchanged.

    The folder is named after this process, so the next build removes what a killed one left.
    """
    out = out.resolve()
    building, old = f".{out.name}.building-", f".{out.name}.old-"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned(out.parent, building, old, ".zensical-")
        tmp = Path(tempfile.mkdtemp(prefix=work_prefix(building), dir=out.parent))
    except OSError as e:
        _say(_unwritable(out, e))
        return 1
    try:
        work(tmp)
    except BaseException as e:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(e, KeyboardInterrupt):
            raise
        if isinstance(e, OSError) and e.errno in _UNWRITABLE:
            _say(_unwritable(out, e))
        else:
            from .preview import located

            _say(f"Build failed, {out} is unchanged: {located(e)}")
        return 1
    try:
        _swap_into_place(tmp, out)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        _say(_unwritable(out, e))
        return 1
    return 0


_UNWRITABLE = {
    errno.EROFS: "is on a read-only file system",
    errno.EACCES: "is not writable by this user",
    errno.EPERM: "is not writable by this user",
    errno.ENOSPC: "is on a full disk",
}


def _unwritable(out: Path, e: OSError) -> str:
    """One line for a folder the build cannot write in (read-only disk, another user's folder)."""
    folder = Path(e.filename) if e.filename else out.parent
    inside = folder.parts[len(out.parent.parts) :] if out.parent in folder.parents else ()
    if inside and inside[0].startswith(f".{out.name}."):
        folder = out.parent  # our work folder beside `out`, or a file in it: name the folder
    why = _UNWRITABLE.get(e.errno or 0, f"cannot be written ({e.strerror or e})")
    return (
        f"Build failed, {out} is unchanged: {folder} {why}. Make it writable, or build "
        "somewhere else with --out FOLDER."
    )


def _plugin(config):
    plugin = config.plugins.get("factcheck")
    if plugin is None:
        raise SystemExit(f"{config.config_file_path}: the factcheck plugin is not in `plugins`")
    return plugin


def build(
    content: Path,
    out: Path,
    config_file: Path,
    strict: bool = True,
    search: bool = True,
    engine: str | None = None,
) -> int:
    """Validate, then build the site into `out`; 0 on success, 1 on any problem, 2 when `out` or
    the configuration cannot be used (check_output, load_site_config: nothing is read or written).

    `search=False` leaves the search index out (the plugin's `search_index` option). `engine` is
    `mkdocs` or `zensical` (default: the plugin option `engine` in mkdocs.yml, else mkdocs).
    """
    config = _usable_config(Path(out), Path(content), Path(config_file), strict=strict)
    if config is None:  # said why: before the check, so a broken mkdocs.yml stops here
        return 2
    model = _read(content, config)
    if model is None:
        return 1
    similar.forget()  # a build checks the content once; only a preview checks it again
    _setup_logging()
    if engine is None:
        engine = _plugin(config).config.engine
    if engine == "zensical":
        return _build_zensical(model, content, out, config_file, search, strict)

    from mkdocs.commands.build import build as mkdocs_build

    def work(tmp: Path) -> None:
        config = load_site_config(Path(config_file), site_dir=str(tmp), strict=strict)
        plugin = _plugin(config)
        plugin.config.content_dir = str(Path(content).resolve())
        plugin.preloaded = model
        if not search:
            plugin.config.search_index = False
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()

    code = _atomic(Path(out), work)
    if code == 0:
        _say(f"Site written to {out}")
    return code


def _build_zensical(
    model, content: Path, out: Path, config_file: Path, search: bool, strict: bool = True
) -> int:
    """The same site through Zensical (engines/zensical.py), into `out` all or nothing;
    `strict=False` (--no-strict) lets warnings pass as it does for mkdocs."""

    from .engines import zensical
    from .engines.config import settings_from_config

    if not zensical.available():
        _say("The Zensical engine is not installed: pip install 'factcheck-publisher[zensical]'")
        return 1
    config = load_site_config(Path(config_file), strict=strict)
    plugin = _plugin(config)
    plugin.config.content_dir = str(Path(content).resolve())
    settings = settings_from_config(config, plugin.config)
    root = Path(content).resolve()
    index = search and plugin.config.search_index

    def work(tmp: Path) -> None:
        zensical.build_into(
            tmp, config, Path(config_file), root, model, settings, search_index=index
        )

    code = _atomic(Path(out), work)
    if code == 0:
        _say(f"Site written to {out} (Zensical {zensical.version()})")
    return code


def _not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    return "A 'dirty' build is being performed" not in record.getMessage()


def serve(
    config_file: Path,
    dev_addr: str | None = None,
    engine: str | None = None,
    content: Path | None = None,
) -> int:
    """Preview with live reload; the plugin watches the content folder, so YAML edits rebuild.

    mkdocs runs its "dirty" builds: after the first build, the plugin renders again only the pages
    an edit can change, and mkdocs writes only those whose HTML changed (see preview.py).
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    _setup_logging()
    config = load_site_config(Path(config_file))
    if engine is None:
        engine = _plugin(config).config.engine
    if engine == "zensical":
        return _serve_zensical(config_file, dev_addr, content)
    # mkdocs warns on every dirty build that links may be stale; here the plugin decides which
    # pages are written again (preview.py), so the warning is noise, and in strict mode fatal.
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_build_warning)
    kwargs = {"dev_addr": dev_addr} if dev_addr else {}
    # mkdocs watches the site's theme folder (overrides/) only with watch_theme, which also polls
    # every file of Material's and ours: a fix to an override was never seen.
    watch = [config.theme.custom_dir] if config.theme.custom_dir else []
    try:
        with _stopped_by_sigterm():
            mkdocs_serve(
                config_file=str(config_file),
                livereload=True,
                build_type="dirty",
                watch=watch,
                **kwargs,
            )
    except Exception as e:  # mkdocs reports the details through its logger
        _say(f"Preview stopped: {e}")
        return 1
    return 0


@contextlib.contextmanager
def _stopped_by_sigterm():
    """A SIGTERM (`kill`, a process manager) ends the preview as Ctrl-C does: mkdocs then deletes
    its temporary site folder, which a SIGTERM left behind in /tmp, one more each run."""
    import signal

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _serve_zensical(config_file: Path, dev_addr: str | None, content: Path | None) -> int:

    from .engines import zensical
    from .engines.config import settings_from_config

    config = load_site_config(Path(config_file))
    plugin = _plugin(config)
    if content is not None:
        plugin.config.content_dir = str(Path(content).resolve())
    settings = settings_from_config(config, plugin.config, serve=True)
    config_dir = Path(config.config_file_path).resolve().parent
    root = (config_dir / plugin.config.content_dir).resolve()
    try:
        zensical.serve(config, Path(config_file), root, settings, dev_addr)
    except Exception as e:
        _say(f"Preview stopped: {e}")
        return 1
    return 0


def export(content: Path, out: Path, config_file: Path) -> int:
    """Write every generated page as Markdown with front matter (plus our stylesheet) into `out`."""

    from .engines.config import settings_from_config
    from .output import ASSET_PREFIX, assets, write_files

    config = _usable_config(
        Path(out),
        Path(content),
        Path(config_file),
        built=EXPORTED,
        fix="choose another folder to export into, such as exported",
    )
    if config is None:
        return 2
    model = _read(content, config)
    if model is None:
        return 1
    plugin = _plugin(config)
    plugin.config.content_dir = str(Path(content).resolve())
    settings = settings_from_config(config, plugin.config)
    site = link(model)
    pages = render_pages(site, settings)

    def work(tmp: Path) -> None:
        write_files(tmp, {page.path: page.markdown for page in pages.values()})
        write_files(tmp, {ASSET_PREFIX + name: data for name, data in assets(site).items()})

    code = _atomic(Path(out), work)
    if code == 0:
        _say(f"{len(pages)} pages written to {out}")
    return code
