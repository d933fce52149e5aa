"""`factcheck check-changes`: against real git repositories made in temporary folders."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.changes import check_changes, match_updates
from generator.cli import main

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]

RATINGS = """\
- id: true
  label: "True"
  value: 3
  description: "Accurate."
- id: mostly-false
  label: "Mostly false"
  value: 2
  description: "Mostly inaccurate."
- id: false
  label: "False"
  value: 1
  description: "Not accurate."
"""


def claim(text: str = "Unemployment doubled between 2022 and 2025.") -> str:
    return textwrap.dedent(
        f"""\
        claim: "{text}"
        claimant: jo
        date: 2025-01-10
        appearances:
          - url: https://example.org/speech
            title: "A speech"
        """
    )


def verdict(
    cid: str = "a",
    rating: str = "false",
    summary: str = "Unemployment rose by a fifth, not double.",
    updates: str = "",
    published: str = "2025-02-01",
    body: str = "The statistics office says it rose by a fifth [@stats].",
) -> str:
    text = textwrap.dedent(
        f"""\
        claim: {cid}
        rating: {rating}
        summary: "{summary}"
        body: |
          {body}
        sources:
          - id: stats
            title: "Labour market statistics"
            url: https://stats.example.org/labour
        authors: [jo]
        published: {published}
        """
    )
    if updates:
        text += "updates:\n" + textwrap.indent(textwrap.dedent(updates), "  ")
    return text


UPDATE_1 = """\
- date: 2025-03-01
  type: clarification
  note: "Added the regional figures."
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


def write(repo: Path, rel: str, text: str) -> None:
    path = repo / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(repo: Path, message: str = "change") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout whose first commit publishes claim a (with a verdict and one update) and b."""
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "ratings.yaml", RATINGS)
    write(tmp_path, "people/jo.yaml", 'name: "Jo"\nkind: person\n')
    write(tmp_path, "claims/a.yaml", claim())
    write(tmp_path, "verdicts/a.yaml", verdict(updates=UPDATE_1))
    write(tmp_path, "claims/b.yaml", claim("Exports fell by half last year."))
    commit(tmp_path, "Publish a and b")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *extra: str) -> tuple[int, str, str]:
    code = main(["check-changes", "--base", "main", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": error: " in line]


# -- passing changes ------------------------------------------------------------------------------
def test_no_change_passes_with_a_summary(repo, capsys):
    code, out, _ = run(capsys)
    assert code == 0
    sha = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert out == (
        f"check-changes: no silent changes since main ({sha}): 1 published verdict, 0 changed, "
        "0 new updates entries, 0 new verdicts, 0 new claims, 0 claims redirected\n"
    )


def test_body_and_source_edits_need_no_updates_entry(repo, capsys):
    write(repo, "verdicts/a.yaml", verdict(updates=UPDATE_1, body="Fixed a typo [@stats]."))
    write(repo, "claims/c.yaml", claim("A third claim, not yet checked."))  # uncommitted counts
    code, out, _ = run(capsys)
    assert code == 0, out
    assert "1 changed, 0 new updates entries, 0 new verdicts, 1 new claim" in out


def test_same_value_written_differently_is_no_change(repo, capsys):
    text = verdict(rating='"false"', updates=UPDATE_1)  # the string, not YAML's boolean
    text = text.replace(
        'summary: "Unemployment rose by a fifth, not double."',
        "summary: >\n  Unemployment rose by a fifth,\n  not double.",
    )
    write(repo, "verdicts/a.yaml", text.replace("\n", "\r\n"))
    code, out, _ = run(capsys)
    assert code == 0, out


def test_rating_change_with_a_new_entry_and_previous_rating_passes(repo, capsys):
    updates = UPDATE_1 + (
        "- date: 2025-04-01\n  type: correction\n  note: New figures.\n  previous_rating: false\n"
    )
    write(repo, "verdicts/a.yaml", verdict(rating="mostly-false", updates=updates))
    code, out, _ = run(capsys)
    assert code == 0, out
    assert "1 changed, 1 new updates entry," in out


def test_summary_change_with_a_new_entry_passes(repo, capsys):
    updates = UPDATE_1 + "- date: 2025-04-01\n  type: update\n  note: New figures.\n"
    write(repo, "verdicts/a.yaml", verdict(summary="It rose by a quarter.", updates=updates))
    assert run(capsys)[0] == 0


def test_new_verdict_on_an_unreviewed_claim_passes(repo, capsys):
    write(repo, "verdicts/b.yaml", verdict(cid="b", rating="true"))
    code, out, _ = run(capsys)
    assert code == 0
    assert "1 new verdict," in out


# -- silent verdict changes -----------------------------------------------------------------------
def test_rating_change_without_an_updates_entry_fails(repo, capsys):
    write(repo, "verdicts/a.yaml", verdict(rating="mostly-false", updates=UPDATE_1))
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/verdicts/a.yaml:2:9: error: 'rating' changed from 'false' to 'mostly-false' "
        "since main without a new 'updates' entry: add one at the end of 'updates' with the date, "
        "type (correction or update), a note for readers, and previous_rating: false"
    ]
    assert out.splitlines()[-1].startswith("check-changes: 1 error since main (")


def test_rating_change_without_previous_rating_fails(repo, capsys):
    updates = UPDATE_1 + "- date: 2025-04-01\n  type: correction\n  note: New figures.\n"
    write(repo, "verdicts/a.yaml", verdict(rating="mostly-false", updates=updates))
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/verdicts/a.yaml:16:5: error: 'rating' changed from 'false' to 'mostly-false' "
        "since main, but no new 'updates' entry says so: add previous_rating: false to the entry "
        "that explains the change"
    ]


def test_previous_rating_must_be_the_old_rating(repo, capsys):
    updates = UPDATE_1 + (
        "- date: 2025-04-01\n  type: correction\n  note: New figures.\n  previous_rating: true\n"
    )
    write(repo, "verdicts/a.yaml", verdict(rating="mostly-false", updates=updates))
    code, out, _ = run(capsys)
    assert code == 1
    assert "add previous_rating: false to the entry" in out


def test_summary_change_without_an_updates_entry_fails(repo, capsys):
    write(repo, "verdicts/a.yaml", verdict(summary="It rose by a quarter.", updates=UPDATE_1))
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/verdicts/a.yaml:3:10: error: 'summary' changed since main without a new "
        "'updates' entry: add one at the end of 'updates' with the date, type (correction, "
        "update or clarification) and a note saying what changed and why"
    ]


def test_published_date_never_changes(repo, capsys):
    write(repo, "verdicts/a.yaml", verdict(updates=UPDATE_1, published="2025-02-02"))
    code, out, _ = run(capsys)
    assert errors(out) == [
        "content/verdicts/a.yaml:11:12: error: 'published' changed from 2025-02-01 to 2025-02-02 "
        "since main; the date a verdict was first published never changes"
    ]


def test_deleted_verdict_fails(repo, capsys):
    (repo / "content/verdicts/a.yaml").unlink()
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/verdicts/a.yaml:1:1: error: the published verdict on 'a' was deleted since main; "
        "a verdict is never deleted: restore it, and to withdraw it add an 'updates' entry of type "
        "retraction saying why"
    ]


def test_retraction_keeps_the_page(repo, capsys):
    updates = UPDATE_1 + "- date: 2025-05-01\n  type: retraction\n  note: The data was wrong.\n"
    write(repo, "verdicts/a.yaml", verdict(updates=updates))
    assert run(capsys)[0] == 0


# -- append-only history --------------------------------------------------------------------------
def test_removed_updates_entry_fails(repo, capsys):
    write(repo, "verdicts/a.yaml", verdict())
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/verdicts/a.yaml:1:1: error: the updates entry of 2025-03-01 (clarification) was "
        "removed since main; history is append-only: put it back as it was"
    ]


def test_edited_updates_entry_fails(repo, capsys):
    write(repo, "verdicts/a.yaml", verdict(updates=UPDATE_1.replace("regional", "local")))
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/verdicts/a.yaml:15:11: error: the updates entry of 2025-03-01 (clarification) was "
        "edited since main ('note' changed); history is append-only: restore the entry as it was "
        "and add a new entry (type correction or clarification) that explains the change"
    ]


def test_new_entry_before_older_ones_fails(repo, capsys):
    updates = "- date: 2025-02-15\n  type: update\n  note: Backdated.\n" + UPDATE_1
    write(repo, "verdicts/a.yaml", verdict(updates=updates))
    code, out, _ = run(capsys)
    assert errors(out) == [
        "content/verdicts/a.yaml:13:5: error: updates[0] is new but stands before entries "
        "published earlier; add new entries at the end of 'updates' (history is append-only)"
    ]


def test_match_updates_pairs_edits_and_additions():
    a, b, c = ({"note": x} for x in "abc")
    assert match_updates([a, b], [a, b, c]) == ({0: 0, 1: 1}, {}, [2])
    assert match_updates([a, b], [a, {"note": "B"}, c]) == ({0: 0}, {1: 1}, [2])
    assert match_updates([a, b, c], [a, c]) == ({0: 0, 2: 1}, {}, [])
    assert match_updates([a, b], [c, a, b]) == ({0: 1, 1: 2}, {}, [0])


# -- permanent ids --------------------------------------------------------------------------------
def test_removed_claim_fails(repo, capsys):
    (repo / "content/claims/a.yaml").unlink()
    (repo / "content/verdicts/a.yaml").unlink()
    (repo / "content/claims/b.yaml").unlink()
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/claims/a.yaml:1:1: error: claim 'a' was removed since main, but a published claim "
        "id is a permanent URL: keep the file and add an 'updates' entry of type retraction to "
        "verdicts/a.yaml; or, if it is the same claim as another, add "
        "'- {from: a, to: <other-claim-id>}' to content/redirects.yaml",
        "content/claims/b.yaml:1:1: error: claim 'b' was removed since main, but a published claim "
        "id is a permanent URL: keep the file; or, if it is the same claim as another, add "
        "'- {from: b, to: <other-claim-id>}' to content/redirects.yaml",
    ]


def test_removed_claim_with_a_redirect_passes(repo, capsys):
    (repo / "content/claims/b.yaml").unlink()
    write(repo, "redirects.yaml", "- from: b\n  to: a\n")
    code, out, _ = run(capsys)
    assert code == 0, out
    assert out.rstrip().endswith("0 new claims, 1 claim redirected")


def test_redirect_chains_are_followed(repo, capsys):
    (repo / "content/claims/b.yaml").unlink()
    write(repo, "claims/c.yaml", claim("Exports fell by half in 2024."))
    write(repo, "redirects.yaml", "- from: b\n  to: old-c\n- from: old-c\n  to: c\n")
    assert run(capsys)[0] == 0


def test_redirect_to_a_missing_claim_fails(repo, capsys):
    (repo / "content/claims/b.yaml").unlink()
    write(repo, "redirects.yaml", "- {from: b, to: nowhere}\n")
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/redirects.yaml:1:17: error: the redirect from 'b' leads to no existing claim; "
        "point 'to' at the claim it was merged into"
    ]


def test_redirect_to_a_mistyped_claim_suggests_the_closest(repo, capsys):
    (repo / "content/claims/b.yaml").unlink()
    write(repo, "claims/exports-halved.yaml", claim("Exports fell by half last year."))
    write(repo, "redirects.yaml", "- {from: b, to: exports-halve}\n")
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/redirects.yaml:1:17: error: the redirect from 'b' leads to no existing claim; "
        "point 'to' at the claim it was merged into; did you mean 'exports-halved'?"
    ]


def test_removed_redirect_fails(repo, capsys):
    (repo / "content/claims/b.yaml").unlink()
    write(repo, "redirects.yaml", "- from: b\n  to: a\n")
    commit(repo, "Merge b into a")
    write(repo, "redirects.yaml", "[]\n")
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/redirects.yaml:1:1: error: the redirect from 'b' to 'a' was removed since main; "
        "it keeps old links working: put it back"
    ]


# -- the rating scale -----------------------------------------------------------------------------
CORRECTION = (
    "- date: 2025-04-01\n  type: correction\n  note: New figures.\n  previous_rating: false\n"
)


def test_redefined_rating_that_published_verdicts_use_fails(repo, capsys):
    write(repo, "ratings.yaml", RATINGS.replace('"False"\n  value: 1', '"True"\n  value: 7'))
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/ratings.yaml:9:3: error: rating 'false' changed since main (label 'False' to "
        "'True', value 1 to 7), but 1 published verdict uses it ('a') and would now say something "
        "else: put the label and value back as they were (a label may change only in case, "
        "spacing and punctuation); for a different meaning, add a rating with a new id instead"
    ]
    assert out.splitlines()[-1].startswith("check-changes: 1 error since main (")


def test_relabelled_rating_fails_at_its_label(repo, capsys):
    write(repo, "verdicts/b.yaml", verdict(cid="b"))
    write(repo, "verdicts/c.yaml", verdict(cid="c"))
    write(repo, "claims/c.yaml", claim("A third claim."))
    commit(repo, "Publish b and c")
    write(repo, "ratings.yaml", RATINGS.replace('"False"', '"Not proven"'))
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/ratings.yaml:10:10: error: rating 'false' changed since main (label 'False' to "
        "'Not proven'), but 3 published verdicts use it (e.g. 'a', 'b') and would now say "
        "something else: put the label back as it was (a label may change only in case, spacing "
        "and punctuation); for a different meaning, add a rating with a new id instead"
    ]


def test_label_shown_as_a_previous_rating_is_protected_too(repo, capsys):
    updates = UPDATE_1 + CORRECTION.replace("false", "mostly-false")
    write(repo, "verdicts/a.yaml", verdict(updates=updates))
    commit(repo, "Correct a")
    write(repo, "ratings.yaml", RATINGS.replace('"Mostly false"', '"Partly true"'))
    code, out, _ = run(capsys)
    assert errors(out) == [
        "content/ratings.yaml:6:10: error: rating 'mostly-false' changed since main (label "
        "'Mostly false' to 'Partly true'), but 1 published verdict uses it ('a') and would now "
        "say something else: put the label back as it was (a label may change only in case, "
        "spacing and punctuation); for a different meaning, add a rating with a new id instead"
    ]


def test_removed_value_fails_before_the_scale_it_moves(repo, capsys):
    write(repo, "ratings.yaml", RATINGS.replace("  value: 1\n", ""))
    code, out, _ = run(capsys)
    assert errors(out) == [
        "content/ratings.yaml:9:3: error: rating 'false' changed since main (value 1 removed), but "
        "1 published verdict uses it ('a') and would now say something else: put the value back "
        "as it was (a label may change only in case, spacing and punctuation); for a different "
        "meaning, add a rating with a new id instead"
    ]


def test_removed_rating_that_published_verdicts_use_fails(repo, capsys):
    write(repo, "ratings.yaml", RATINGS.split("- id: false")[0])
    code, out, _ = run(capsys)
    assert errors(out) == [
        "content/ratings.yaml:1:1: error: rating 'false' ('False') was removed since main, but 1 "
        "published verdict uses it ('a'): put it back; a verdict moves to another rating only "
        "with an 'updates' entry (previous_rating: false)"
    ]


def test_new_end_of_the_scale_fails(repo, capsys):
    top = '- id: accurate\n  label: "Accurate"\n  value: 4\n  description: "Spot on."\n'
    write(repo, "ratings.yaml", top + RATINGS)
    code, out, _ = run(capsys)
    assert errors(out) == [
        "content/ratings.yaml:3:10: error: the rating scale changed since main (best 3 to 4), and "
        "ClaimReview publishes each verdict's value with the scale's best and worst: 1 published "
        "verdict would be rated on another scale ('a'): keep the highest and lowest 'value' as "
        "they were (3 and 1); a new rating outside them goes without a 'value'"
    ]


def test_rating_changes_that_keep_what_verdicts_say_pass(repo, capsys):
    text = RATINGS.replace('"False"', '" false. "').replace('"Mostly false"', '"Mostly-False"')
    text = text.replace('"True"', '"Accurate"').replace("  value: 2\n", "")  # unused
    text = text.replace('"Not accurate."', '"Inaccurate."')  # descriptions may be reworded
    text += '  color: "#b91c1c"\n- id: unproven\n  label: "Unproven"\n  description: "Unsettled."\n'
    write(repo, "ratings.yaml", text)
    code, out, _ = run(capsys)
    assert code == 0, out


def test_unparsable_ratings_file_is_reported(repo, capsys):
    write(repo, "ratings.yaml", "- id: [unclosed\n")
    code, out, _ = run(capsys)
    assert errors(out) == [
        "content/ratings.yaml:1:1: error: cannot be compared with main: the new version does not "
        "parse; fix the problems `factcheck validate` reports first"
    ]


def test_label_key_ignores_only_case_spacing_and_punctuation():
    from generator.changes import label_key

    assert (
        label_key("Mostly  false") == label_key("mostly-False.") == label_key("ＭＯＳＴＬＹ false")
    )
    assert label_key(True) == label_key("True")
    assert label_key("True") != label_key("≠ True")
    assert label_key("False") != label_key("Falso")


# -- translations ---------------------------------------------------------------------------------
def translation(of: str = "a", language: str = "es") -> str:
    return claim("El desempleo se duplicó (traducido del inglés).") + (
        f"language: {language}\ntranslation_of: {of}\n"
    )


def test_translation_must_follow_its_originals_new_rating(repo, capsys):
    write(repo, "claims/a-es.yaml", translation())
    write(repo, "verdicts/a-es.yaml", verdict(cid="a-es", published="2025-02-03"))
    commit(repo, "Translate a")
    write(repo, "claims/a-fr.yaml", translation(language="fr"))  # new, not yet published
    write(repo, "verdicts/a-fr.yaml", verdict(cid="a-fr", published="2025-05-01"))
    write(repo, "verdicts/a.yaml", verdict(rating="mostly-false", updates=UPDATE_1 + CORRECTION))
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/verdicts/a-es.yaml:2:9: error: this translation of 'a' is rated 'false', but the "
        "original's rating changed from 'false' to 'mostly-false' since main "
        "(content/verdicts/a.yaml); a translation carries its original's rating: set rating: "
        "mostly-false here too, with an 'updates' entry of its own (previous_rating: false) that "
        "translates the original's note",
        "content/verdicts/a-fr.yaml:2:9: error: this translation of 'a' is rated 'false', but the "
        "original's rating changed from 'false' to 'mostly-false' since main "
        "(content/verdicts/a.yaml); a translation carries its original's rating: set rating: "
        "mostly-false here too",
    ]


def test_translation_corrected_with_its_original_passes(repo, capsys):
    write(repo, "claims/a-es.yaml", translation())
    write(repo, "verdicts/a-es.yaml", verdict(cid="a-es", published="2025-02-03"))
    commit(repo, "Translate a")
    write(repo, "verdicts/a.yaml", verdict(rating="mostly-false", updates=UPDATE_1 + CORRECTION))
    write(
        repo,
        "verdicts/a-es.yaml",
        verdict(cid="a-es", rating="mostly-false", published="2025-02-03", updates=CORRECTION),
    )
    code, out, _ = run(capsys)
    assert code == 0, out
    assert "2 published verdicts, 2 changed, 2 new updates entries" in out


# -- formats, revisions, errors -------------------------------------------------------------------
def test_github_and_json_formats(repo, capsys):
    write(repo, "verdicts/a.yaml", verdict(rating="mostly-false", updates=UPDATE_1))
    code, out, err = run(capsys, "--format", "github")
    assert code == 1
    assert out.startswith("::error file=content/verdicts/a.yaml,line=2,col=9::'rating' changed")
    assert err.startswith("check-changes: 1 error since main")
    code, out, err = run(capsys, "--format", "json")
    assert code == 1
    assert [(p["path"], p["line"], p["severity"]) for p in json.loads(out)] == [
        ("content/verdicts/a.yaml", 2, "error")
    ]


def test_older_revision_and_history_since_then(repo, capsys):
    first = git(repo, "rev-parse", "HEAD").strip()
    updates = UPDATE_1 + (
        "- date: 2025-04-01\n  type: correction\n  note: New figures.\n  previous_rating: false\n"
    )
    write(repo, "verdicts/a.yaml", verdict(rating="mostly-false", updates=updates))
    commit(repo, "Correct a")
    write(repo, "verdicts/a.yaml", verdict(rating="mostly-false", updates=UPDATE_1))
    assert main(["check-changes", "--base", "HEAD"]) == 1  # the correction's entry is gone
    assert errors(capsys.readouterr().out) == [
        "content/verdicts/a.yaml:12:1: error: the updates entry of 2025-04-01 (correction) was "
        "removed since HEAD; history is append-only: put it back as it was"
    ]
    assert main(["check-changes", "--base", first[:12]]) == 1  # rating differs from the first
    assert errors(capsys.readouterr().out)[0].startswith(
        f"content/verdicts/a.yaml:2:9: error: 'rating' changed from 'false' to 'mostly-false' "
        f"since {first[:12]} without a new 'updates' entry"
    )


def test_unparsable_new_file_is_reported(repo, capsys):
    write(repo, "verdicts/a.yaml", "rating: [unclosed\n")
    code, out, _ = run(capsys)
    assert code == 1
    assert errors(out) == [
        "content/verdicts/a.yaml:1:1: error: cannot be compared with main: the new version does "
        "not parse; fix the problems `factcheck validate` reports first"
    ]


def test_content_in_a_subfolder_of_the_repository(tmp_path, capsys, monkeypatch):
    site = tmp_path / "site-repo"
    site.mkdir()
    git(site, "init", "-q", "-b", "main")
    write(site / "facts", "claims/a.yaml", claim())
    write(site / "facts", "verdicts/a.yaml", verdict())
    commit(site)
    write(site / "facts", "verdicts/a.yaml", verdict(rating="true"))
    monkeypatch.chdir(site / "facts")
    code = main(["check-changes", "--base", "main", "--content", "content"])
    out = capsys.readouterr().out
    assert code == 1
    assert errors(out)[0].startswith("content/verdicts/a.yaml:2:9: error: 'rating' changed")


def test_bad_revision_is_a_usage_error(repo, capsys):
    code = main(["check-changes", "--base", "no-such-branch"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err == (
        "factcheck: error: 'no-such-branch' is not a commit in this repository; in a pull request "
        "fetch the base branch first (git fetch origin main, or actions/checkout with "
        "fetch-depth: 0)\n"
    )


def test_outside_a_git_checkout_is_a_usage_error(tmp_path, capsys, monkeypatch):
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert check_changes(Path("content"), "main", "text") == 2
    err = capsys.readouterr().err
    assert err.startswith("factcheck: error: content is not inside a git checkout (")


def test_missing_content_folder_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["check-changes", "--base", "main", "--content", "nope"]) == 2
    assert capsys.readouterr().err == (
        "factcheck: error: the content folder nope does not exist; give the folder that holds "
        "ratings.yaml, claims/ and verdicts/\n"
    )


def test_command_line_in_a_subprocess(repo):
    write(repo, "verdicts/a.yaml", verdict(summary="It rose by a quarter.", updates=UPDATE_1))
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check-changes", "--base", "main"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stdout.startswith(
        "content/verdicts/a.yaml:3:10: error: 'summary' changed since main without a new 'updates' entry"
    )
    assert done.stderr == ""


def test_redirect_problems_for_validate(tmp_path):
    from generator.changes import redirect_problems
    from generator.load import Loaded

    (tmp_path / "redirects.yaml").write_text(
        "- {from: gone, to: a}\n"  # fine
        "- {from: gone, to: b}\n"  # twice
        "- {from: a, to: b}\n"  # a still exists
        "- {from: lost, to: nowhere}\n"
        "- {from: x, to: y}\n- {from: y, to: x}\n"  # a circle
        "- {from: chained, to: gone}\n"  # fine: gone -> a
    )
    loaded = Loaded(root=tmp_path, display_prefix="content/")
    assert [str(p) for p in redirect_problems(loaded, {"a", "b"})] == [
        "content/redirects.yaml:2:10: error: 'gone' is redirected twice (also entry 1); keep one",
        "content/redirects.yaml:3:10: error: claims/a.yaml exists, so this redirect would hide "
        "it: remove the redirect, or remove the claim if it was merged into another",
        "content/redirects.yaml:4:20: error: the redirect from 'lost' leads to no claim: no claim "
        "'nowhere' exists (claims/nowhere.yaml not found)",
        "content/redirects.yaml:5:17: error: the redirect from 'x' leads to no claim: the "
        "redirects go round in a circle",
        "content/redirects.yaml:6:17: error: the redirect from 'y' leads to no claim: the "
        "redirects go round in a circle",
    ]
    assert redirect_problems(Loaded(root=tmp_path / "none"), {"a"}) == []


def test_redirect_problems_suggest_a_close_claim_id(tmp_path):
    from generator.changes import redirect_problems
    from generator.load import Loaded

    (tmp_path / "redirects.yaml").write_text(
        "- {from: old, to: exports-halve}\n- {from: gone, to: unemployment}\n"
    )
    loaded = Loaded(root=tmp_path, display_prefix="content/")
    claims = {"exports-halved", "crime-record-low"}
    assert [str(p) for p in redirect_problems(loaded, claims)] == [
        "content/redirects.yaml:1:19: error: the redirect from 'old' leads to no claim: no claim "
        "'exports-halve' exists (claims/exports-halve.yaml not found); did you mean "
        "'exports-halved'?",
        "content/redirects.yaml:2:20: error: the redirect from 'gone' leads to no claim: no claim "
        "'unemployment' exists (claims/unemployment.yaml not found)",
    ]


def test_redirect_map_for_the_site(tmp_path):
    from generator.changes import redirect_map

    (tmp_path / "redirects.yaml").write_text(
        "- {from: gone, to: a}\n- {from: chained, to: gone}\n- {from: a, to: b}\n"
        "- {from: lost, to: nowhere}\n"
    )
    assert redirect_map(tmp_path, {"a", "b"}) == {"chained": "a", "gone": "a"}
    assert redirect_map(tmp_path / "none", {"a"}) == {}
