"""The content format, defined once.

The validator, the JSON Schema files, the `factcheck new` templates and the format reference in
CONTRIBUTING.md are all derived from these tables, so they cannot drift apart. Field names are the
contract of `shared/design/content-model.md`: extend, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 80
# Ids that cannot name a page: /<section>/index/ would be written over the section's list page, and
# /<section>/page/ is where a long list's later pages go (/claims/page/2/: render/pagination.py).
RESERVED_IDS = frozenset({"index", "page"})

# Field types. "id" values name another file (see `ref`); "markdown" is rendered safely; "color" is #rrggbb.
TYPES = (
    "text",
    "markdown",
    "id",
    "date",
    "url",
    "bool",
    "int",
    "color",
    "choice",
    "list",
    "object",
)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    doc: str
    required: bool = False
    ref: str | None = None  # for "id" (and lists of ids): rating, person, document, claim, topic
    choices: tuple[str, ...] = ()
    items: Field | None = None  # for "list"
    fields: tuple[Field, ...] = ()  # for "object"
    min_items: int = 0
    max_items: int | None = None
    max_length: int | None = None
    example: str | None = None


@dataclass(frozen=True)
class Kind:
    name: str  # claim, verdict, document, person, rating, topic
    folder: str | None  # content/<folder>/<id>.yaml; None for list files
    list_file: str | None  # content/<list_file>: a YAML list of items, each with an `id`
    fields: tuple[Field, ...]
    doc: str
    section: str | None = None  # the site folder of its pages, /<section>/<id>/; None: no pages

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


MAX_TOPICS = 25


def _ids(
    name: str,
    ref: str,
    doc: str,
    required: bool = False,
    min_items: int = 0,
    max_items: int | None = None,
) -> Field:
    return Field(
        name,
        "list",
        doc,
        required=required,
        min_items=min_items,
        max_items=max_items,
        items=Field(name, "id", doc, ref=ref),
    )


APPEARANCE = Field(
    "appearances",
    "list",
    "Where the claim was made; the first item is its first appearance. Each item is either "
    "{document, quote} or {url, archive_url, title}.",
    required=True,
    min_items=1,
    items=Field(
        "appearance",
        "object",
        "One place the claim was made.",
        fields=(
            Field("document", "id", "A document id (documents/).", ref="document"),
            Field(
                "quote",
                "text",
                "The claim's words as they stand in the document's text, word for word.",
            ),
            Field("url", "url", "Where the claim was made online."),
            Field("archive_url", "url", "An archived copy of that address."),
            Field("title", "text", "Title of the page at `url`."),
            Field("date", "date", "When it appeared there, if not the claim's date."),
            Field(
                "date_estimated",
                "bool",
                "true when that date is inferred (from the document's content, say), not shown.",
            ),
        ),
    ),
)

SOURCE = Field(
    "source",
    "object",
    "A source the verdict relies on.",
    fields=(
        Field("id", "id", "Short id, cited in the body as [@id].", required=True),
        Field("title", "text", "The source's own title.", required=True),
        Field(
            "url", "url", "Where it is online; an address you have actually seen.", required=True
        ),
        Field("publisher", "text", "Outlet, agency or body that published it."),
        Field("date", "date", "Publication date of the source."),
        Field("archive_url", "url", "An archived copy (web.archive.org, archive.today)."),
        Field("accessed", "date", "When you read it."),
        Field("primary", "bool", "true for primary sources: transcripts, official texts, data."),
        Field(
            "title_is_description",
            "bool",
            "true when `title` is our description of the source, not a headline it carries.",
        ),
        Field("language", "text", "BCP 47 tag when not the site's language.", max_length=35),
    ),
)

UPDATE = Field(
    "update",
    "object",
    "One change after publication.",
    fields=(
        Field("date", "date", "When the change was published.", required=True),
        Field(
            "type",
            "choice",
            "What kind of change.",
            required=True,
            choices=("correction", "update", "clarification", "retraction"),
        ),
        Field("note", "text", "What changed and why, for readers.", required=True),
        Field("previous_rating", "id", "The rating before this change.", ref="rating"),
    ),
)

CLAIM = Kind(
    "claim",
    "claims",
    None,
    section="claims",
    doc="One claim as it was made. Its verdict lives in verdicts/<same id>.yaml.",
    fields=(
        Field(
            "claim",
            "text",
            "The claim as it was made: a sentence or two, the claimant's words where possible.",
            required=True,
        ),
        Field(
            "title",
            "text",
            "Short form under 75 characters for lists and ClaimReview; never the verdict.",
            max_length=75,
        ),
        Field("claimant", "id", "Who made the claim: a person id (people/).", True, ref="person"),
        Field("date", "date", "When the claim was made (YYYY-MM-DD).", required=True),
        Field(
            "date_estimated",
            "bool",
            "true when `date` is inferred (from an undated document's content, say), not shown.",
        ),
        APPEARANCE,
        # A claim is listed, with every topic it has, in each of its topics' feeds: the output
        # grows with the square of a claim's topics (5,000 topics on one claim made 2.2 GB).
        _ids("topics", "topic", "Topic ids; each topic gets a page.", max_items=MAX_TOPICS),
        _ids("related", "claim", "Claim ids readers should see next to this one."),
        Field("language", "text", "BCP 47 language tag; defaults to the site's.", max_length=35),
        Field(
            "translation_of",
            "id",
            "The claim id of the fact check this one translates (its verdict is written in this "
            "claim's `language`, which a translation must give).",
            ref="claim",
        ),
    ),
)

VERDICT = Kind(
    "verdict",
    "verdicts",
    None,
    doc="The verdict on one claim. A claim without a verdict is shown as under review.",
    fields=(
        Field("claim", "id", "The claim this verdict is on.", required=True, ref="claim"),
        Field("rating", "id", "A rating id from ratings.yaml.", required=True, ref="rating"),
        Field(
            "summary",
            "text",
            "One or two plain sentences: what we found.",
            required=True,
            max_length=600,
        ),
        Field(
            "body",
            "markdown",
            "The full reasoning in Markdown. [@source-id] cites a source; [[claim-id]] links a claim.",
            required=True,
        ),
        Field("sources", "list", "The sources, at least one.", True, items=SOURCE, min_items=1),
        _ids("authors", "person", "Person ids of the fact-checkers.", required=True, min_items=1),
        _ids("reviewers", "person", "Person ids of the editors who reviewed it."),
        Field("published", "date", "When the verdict was first published.", required=True),
        Field("updates", "list", "Changes since publication, oldest first.", items=UPDATE),
    ),
)

DOCUMENT = Kind(
    "document",
    "documents",
    None,
    section="documents",
    doc="A document that claims appeared in. Its full text may sit beside it as <id>.txt.",
    fields=(
        Field("title", "text", "The document's title.", required=True),
        Field(
            "kind",
            "choice",
            "What sort of document it is.",
            required=True,
            choices=(
                "article",
                "opinion",
                "comment",
                "speech",
                "interview",
                "social-post",
                "video",
                "report",
                "other",
            ),
        ),
        Field("publisher", "text", "Name of the outlet."),
        Field("author", "id", "A person id.", ref="person"),
        Field("url", "url", "Where it is online."),
        Field("archive_url", "url", "An archived copy."),
        Field("date", "date", "Publication date.", required=True),
        Field("part_of", "id", "Another document this is part of.", ref="document"),
        Field("text", "text", "File name of the full text beside it; defaults to <id>.txt."),
        Field("description", "text", "One line of context for readers."),
        Field(
            "language",
            "text",
            "BCP 47 tag of its words (its full text, the passages quoted from it); defaults to the "
            "language of the claims quoted from it, else the site's.",
            max_length=35,
        ),
    ),
)

PERSON = Kind(
    "person",
    "people",
    None,
    section="people",
    doc="A claimant or a fact-checker: a person or an organization.",
    fields=(
        Field("name", "text", "Name as readers know it.", required=True),
        Field(
            "kind",
            "choice",
            "person or organization.",
            required=True,
            choices=("person", "organization"),
        ),
        Field("description", "text", "One line: who they are."),
        Field(
            "language",
            "text",
            "BCP 47 tag of the name as written, when it is not the site's language (a Korean name "
            "on a Japanese site): screen readers say it in that voice.",
            max_length=35,
        ),
        Field(
            "same_as",
            "list",
            "URLs that identify them (official site, Wikipedia).",
            items=Field("same_as", "url", "A URL."),
        ),
    ),
)

RATING = Kind(
    "rating",
    None,
    "ratings.yaml",
    section="ratings",
    doc="The rating scale, from most accurate to least.",
    fields=(
        Field("id", "id", "The rating id used in verdicts.", required=True),
        Field("label", "text", "What readers see.", required=True, max_length=40),
        Field(
            "value",
            "int",
            "Ordinal value for ClaimReview (1 = least accurate); none for non-ordinal.",
        ),
        Field("color", "color", "Badge colour, #rrggbb."),
        Field("icon", "text", "A short symbol shown with the label, so colour is never alone."),
        Field("description", "text", "What the rating means.", required=True),
    ),
)

TOPIC = Kind(
    "topic",
    None,
    "topics.yaml",
    section="topics",
    doc=(
        "Optional labels and descriptions for topic ids. Without this file topics are free-form, "
        "each titled from its id; once it exists, every topic a claim names must be listed in it."
    ),
    fields=(
        Field("id", "id", "The topic id used in claims.", required=True),
        Field("label", "text", "What readers see.", required=True),
        Field("description", "text", "One line about the topic."),
    ),
)

REDIRECT = Kind(
    "redirect",
    None,
    "redirects.yaml",
    doc="Old claim ids that now lead to another claim (a duplicate merged into it). Never remove one.",
    fields=(
        Field("from", "id", "The old claim id: its URL keeps working.", required=True),
        Field("to", "id", "The claim readers are sent to instead.", required=True, ref="claim"),
    ),
)

KINDS: dict[str, Kind] = {
    k.name: k for k in (CLAIM, VERDICT, DOCUMENT, PERSON, RATING, TOPIC, REDIRECT)
}
FOLDERS: dict[str, Kind] = {k.folder: k for k in KINDS.values() if k.folder}
LIST_FILES: dict[str, Kind] = {k.list_file: k for k in KINDS.values() if k.list_file}

# The site's generated sections, each with a list page at /<section>/. A hand-written
# pages/<section>.md is the introduction of that list page; nothing else may go inside one.
SECTIONS: tuple[str, ...] = (
    *(k.section for k in KINDS.values() if k.section),
    "sources",
    "corrections",
)
# Site folders the build fills with its own files (styles, scripts, the search index): a
# hand-written page there would be lost.
BUILD_FOLDERS: tuple[str, ...] = ("assets", "pagefind")
# A multilingual site's list of each language's fact checks: /languages/<tag>/ (languages.py).
LANGUAGES_FOLDER = "languages"

# Values YAML 1.1 reads as booleans that nobody means as booleans in this format.
YAML11_TRAPS = frozenset({"yes", "no", "on", "off", "y", "n"})

LIMITS = {
    "yaml_bytes": 256 * 1024,  # a YAML file larger than this is refused
    "text_bytes": 4 * 1024 * 1024,  # a document's full text larger than this is refused
    "depth": 20,  # nesting deeper than this is refused
    "nodes": 50_000,  # YAML nodes in one file
}
