"""`factcheck new`: commented templates, written from `spec.py` so they always match the format.

A template names every field with its meaning; required fields come first with a placeholder that the
validator rejects until it is filled in (`TODO` is not a valid id, date or address), so a half-done file
cannot be published by accident. The comments and placeholder words are in the site's language:
they come from the message catalog (`catalog_ids`), the site's own `locale_dir` first.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .spec import ID_MAX, ID_PATTERN, KINDS, RESERVED_IDS, Field
from .values import ascii_slug

if TYPE_CHECKING:
    from .i18n import Messages


class _Say(str):
    """Words for the editor, written in the site's language (from the message catalog)."""


class _Todo(_Say):
    """A placeholder value, `"TODO: <words>"`: the validator refuses it until it is replaced."""


_WORDS: list[str] = []  # every msgid of the templates' own words, in order


def _say(text: str) -> _Say:
    _WORDS.append(text)
    return _Say(text)


def _todo(text: str) -> _Todo:
    _WORDS.append(text)
    return _Todo(text)


# Each example is a run of parts: YAML as it is, or words to translate into the site's language.
_EXAMPLES: dict[str, dict[str, tuple[str, ...]]] = {
    "claim": {
        "claim": (_todo("the claim as it was made, in the claimant's words"),),
        "title": (_todo("a short neutral form, under 75 characters"),),
        "claimant": ("TODO-person-id",),
        "date": ("TODO-YYYY-MM-DD",),
        "appearances": (
            "\n  - document: TODO-document-id\n    quote: ",
            _todo("the words exactly as they stand in the document"),
        ),
        "topics": ("[]",),
        "related": ("[]",),
    },
    "verdict": {
        "rating": ("TODO-rating-id   # ", _say("see content/ratings.yaml")),
        "summary": (_todo("one or two plain sentences: what we found."),),
        "body": (
            "|\n  TODO: ",
            _say(
                "the reasoning in Markdown. Cite each fact right after it, like this "
                "[@example-source]."
            ),
            "\n  ",
            _say("Link another claim with [[other-claim-id]]."),
        ),
        "sources": (
            "\n  - id: example-source\n    title: ",
            _todo("the source's own title"),
            "\n    publisher: ",
            _todo("outlet or agency"),
            "\n    url: TODO-https-address-you-have-seen\n    date: TODO-YYYY-MM-DD\n"
            "    primary: false",
        ),
        "authors": ("[TODO-fact-checker-id]",),
        "reviewers": ("[]",),
        "published": ("TODO-YYYY-MM-DD",),
    },
    "document": {
        "title": (_todo("the document's title"),),
        "kind": ("article   # " + ", ".join(KINDS["document"].field("kind").choices),),
        "date": ("TODO-YYYY-MM-DD",),
        "publisher": (_todo("outlet"),),
        "url": ("TODO-https-address",),
    },
    "person": {
        "name": (_todo("full name"),),
        "kind": ("person   # person, organization",),
        "description": (_todo("one line: who they are"),),
    },
}

KINDS_NEW = tuple(_EXAMPLES)

_HEAD = _say("Fill in every TODO, then run `factcheck validate` to check the file.")
_REQUIRED = _say("%(field)s (required): %(meaning)s")
_OPTIONAL = _say("%(field)s (optional): %(meaning)s")
_OTHERS = _say("Other optional fields: %(fields)s (see CONTRIBUTING.md).")
# The templates of a translation (`factcheck new claim ID --translation-of ORIGINAL`).
_A_TRANSLATION = _say(
    "A translation into %(language)s of claims/%(original)s.yaml (its verdict: "
    "verdicts/%(id)s.yaml)."
)
_TRANSLATE_CLAIM = _say(
    "Translate `claim` and `title` in place. Keep the rest as it is: each `quote` stays in the "
    "document's own words (it is checked word for word against the document's text)."
)
_ITS_VERDICT = _say(
    "The verdict of claims/%(id)s.yaml, in %(language)s: a translation of "
    "verdicts/%(original)s.yaml."
)
_TRANSLATE_VERDICT = _say(
    "Translate `summary` and `body` in place; keep [@source] citations and [[claim]] links."
)
_KEEP_SOURCES = _say(
    "Keep `sources` as they are: titles as published, in their own language. Set `published` to "
    "the day the translation is published; later corrections go in `updates`."
)


def _fields(kind_name: str) -> list[Field]:
    """The fields a template names, required first (a verdict's `claim` is filled in)."""
    kind = KINDS[kind_name]
    ordered = sorted(kind.fields, key=lambda f: not f.required)
    named = [f for f in ordered if f.name in _EXAMPLES[kind_name]]
    return [kind.field("claim"), *named] if kind_name == "verdict" else named


def catalog_ids() -> list[str]:
    """Every msgid the templates write: their own words, and the kinds' and fields' meanings from
    spec.py. The package's catalogs translate them (catalogs.py adds them to messages.pot), so a
    template speaks the site's language; they are not page words (i18n.template_ids)."""
    docs = [KINDS[k].doc for k in _EXAMPLES] + [f.doc for k in _EXAMPLES for f in _fields(k)]
    return list(dict.fromkeys([*_WORDS, *docs]))


def _text(part: str, gettext: Callable[[str], str]) -> str:
    if isinstance(part, _Todo):
        return json.dumps(f"TODO: {gettext(part)}", ensure_ascii=False)  # a YAML string
    return gettext(part) if isinstance(part, _Say) else part


def _speaker(words: Messages | None) -> Callable[[str], str]:
    """gettext of `words` on one line (a site's translator may break one: a comment or a YAML
    value would break with it); English without."""
    if words is None:
        return str
    return lambda message: " ".join(words.gettext(message).split())


def template(kind_name: str, item_id: str, words: Messages | None = None) -> str:
    """The text of a new file for one kind, its comments in the language of `words` (the site's
    catalog), English without."""
    say = _speaker(words)
    kind = KINDS[kind_name]
    examples = _EXAMPLES[kind_name]
    depth = "../../" if kind.folder else "../"
    lines = [
        f"# yaml-language-server: $schema={depth}schemas/{kind.name}.schema.json",
        f"# {say(kind.doc)}",
        f"# {say(_HEAD)}",
        "",
    ]
    for f in _fields(kind_name):
        need = _REQUIRED if f.required else _OPTIONAL
        comment = "# " + say(need) % {"field": f.name, "meaning": say(f.doc)}
        if f.name == "claim" and kind_name == "verdict":
            lines += [comment, f"claim: {item_id}", ""]
            continue
        example = "".join(_text(part, say) for part in examples[f.name])
        sep = "" if example.startswith("\n") else " "  # a block value starts on the next line
        lines += [comment, f"{f.name}:{sep}{example}", ""]
    optional = [f.name for f in kind.fields if not f.required and f.name not in examples]
    if optional:
        lines.append("# " + say(_OTHERS) % {"fields": ", ".join(optional)})
    return "\n".join(lines).rstrip() + "\n"


def write_new(content: Path, kind_name: str, item_id: str, words: Messages | None = None) -> Path:
    """Write the template, in the language of `words`; refuses to overwrite (FileExistsError)."""
    kind = KINDS[kind_name]
    path = content / kind.folder / f"{item_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as fh:  # "x": never overwrite an existing file
        fh.write(template(kind_name, item_id, words))
    return path


# --- an id for a contributor who wrote one in their own script ------------------------------------


# Korean's Revised Romanization, letter by letter (without its rules for letters that meet):
# each Hangul syllable is an initial consonant, a vowel and maybe a final consonant.
_INITIALS, _VOWELS, _FINALS = (
    letters.split()
    for letters in (
        "g kk n d tt r m b pp s ss - j jj ch k t p h",
        "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i",
        "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t",
    )
)


def _romanise(value: str) -> str:
    """Korean syllables in Latin letters (서울 -> seoul); any other text as it is."""
    out = []
    for ch in value:
        n = ord(ch) - 0xAC00
        if 0 <= n < 11172:
            parts = (_INITIALS[n // 588], _VOWELS[n // 28 % 21], _FINALS[n % 28])
            out.append("".join(p for p in parts if p != "-"))
        else:
            out.append(ch)
    return "".join(out)


def _latin_only(value: str) -> bool:
    """Whether every letter of `value` is a Latin letter, maybe accented (Engañoso, not 東京)."""
    return all(ord(unicodedata.normalize("NFKD", ch)[0]) < 0x80 for ch in value if ch.isalpha())


def id_suggestion(
    value: str, kind_name: str, content: Path, today: dt.date | None = None
) -> str | None:
    """A valid id for an invalid one, free in the kind's folder, or None for a verdict (it takes
    its claim's id). Its ASCII form when that loses only accents and punctuation (`Engañoso` ->
    `enganoso`), Korean romanised (`서울 전세` -> `seoul-jeonse`); a text in another script has no
    ASCII form without a dictionary, so then the kind and today's date (`claim-2026-12-07`, then
    `claim-2026-12-07-2`, ...)."""
    if kind_name == "verdict":
        return None
    latin = _romanise(value)
    slug = ascii_slug(latin)[:ID_MAX].strip("-")
    if not (slug and _latin_only(latin) and re.match(ID_PATTERN, slug) and slug != value):
        slug = f"{kind_name}-{(today or dt.date.today()).isoformat()}"
    folder = content / KINDS[kind_name].folder
    found, n = slug, 1
    while found in RESERVED_IDS or (folder / f"{found}.yaml").exists():
        n += 1
        found = f"{slug[: ID_MAX - len(str(n)) - 1]}-{n}"
    return found


def id_advice(value: str, kind_name: str, content: Path, today: dt.date | None = None) -> str:
    """What follows the id rule in `factcheck new`'s refusal: a valid id to use instead."""
    if kind_name == "verdict":
        return "; a verdict's id is the id of the claim it rates (its file name in claims/)"
    suggestion = id_suggestion(value, kind_name, content, today)
    if _latin_only(_romanise(value)):
        return f"; did you mean '{suggestion}'?"
    return (
        f"; an id is the page's web address and is written in Latin letters: romanise a short "
        f"form of the {_ROMANISED[kind_name]}, or use '{suggestion}'"
    )


_ROMANISED = {
    "claim": "claim (like 'tokyo-unemployment-doubled')",
    "person": "name (like 'tanaka-taro')",
    "document": "title (like 'nhk-interview')",
}


# --- `factcheck new claim ID --translation-of ORIGINAL --language TAG` ---------------------------


class _Literal(str):
    """A multi-line text written as a YAML block (`|`), as contributors write a verdict's body."""


def _dump(data: dict) -> str:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(
        _Literal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|")
    )
    data = {k: _Literal(v) if isinstance(v, str) and "\n" in v else v for k, v in data.items()}
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)


def translation_templates(
    content: Path, item_id: str, original_id: str, language: str, words: Messages | None = None
) -> dict[str, str]:
    """The claim (and, when the original has one, the verdict) of a translation, by content path.

    Both start from the original's values, to be translated in place: the claim's `claim` and
    `title`, the verdict's `summary` and `body`. The rest stays as the original has it (a quote is
    the document's own words, checked against its text; sources keep their published titles). The
    verdict's `published` is a TODO, which the validator refuses until the translation's day is in.
    The comments are in the language of `words` (the site's), English without."""
    import yaml

    from .languages import name_in

    claim_file = content / "claims" / f"{original_id}.yaml"
    original = yaml.safe_load(claim_file.read_text("utf-8"))
    say = _speaker(words)
    names = {"language": f"{name_in(language, words.language if words else 'en')} ({language})"}
    names |= {"original": original_id, "id": item_id}
    claim = {k: v for k, v in original.items() if k not in ("language", "translation_of")}
    head = [
        "# yaml-language-server: $schema=../../schemas/claim.schema.json",
        "# " + say(_A_TRANSLATION) % names,
        "# " + say(_TRANSLATE_CLAIM),
        "",
    ]
    ordered = {k: claim[k] for k in ("claim", "title") if k in claim}
    ordered.update({"language": language, "translation_of": original_id})
    ordered.update({k: v for k, v in claim.items() if k not in ordered})
    out = {f"claims/{item_id}.yaml": "\n".join(head) + _dump(ordered)}
    verdict_file = content / "verdicts" / f"{original_id}.yaml"
    if verdict_file.is_file():
        verdict = yaml.safe_load(verdict_file.read_text("utf-8"))
        verdict = {k: v for k, v in verdict.items() if k != "updates"}
        verdict["claim"] = item_id
        verdict["published"] = "TODO-YYYY-MM-DD"
        head = [
            "# yaml-language-server: $schema=../../schemas/verdict.schema.json",
            "# " + say(_ITS_VERDICT) % names,
            "# " + say(_TRANSLATE_VERDICT),
            "# " + say(_KEEP_SOURCES),
            "",
        ]
        out[f"verdicts/{item_id}.yaml"] = "\n".join(head) + _dump(verdict)
    return out


def write_translation(
    content: Path, item_id: str, original_id: str, language: str, words: Messages | None = None
) -> list[Path]:
    """Write a translation's files; refuses to overwrite any (FileExistsError), writes none then."""
    files = translation_templates(content, item_id, original_id, language, words)
    paths = [content / rel for rel in files]
    for path in paths:
        if path.exists():
            raise FileExistsError(str(path))
    for path, text in zip(paths, files.values(), strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as fh:
            fh.write(text)
    return paths
