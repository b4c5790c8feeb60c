"""FAQ001-FAQ003: what `faq lint` reports about a corpus file as a whole (it cannot be
read, it breaks the schema, an id is used twice), each at the line of the problem."""
from __future__ import annotations

import pytest

from pipeline.config import Config
from pipeline.lint import lint
from pipeline.model import Severity
from pipeline.rules import CONTENT_RULES, FILE_CHECKS, DuplicateId, SchemaViolation, UnreadableFile

from rules.support import position, write_collection

VALID = """\
name: therapy
title: Therapy
language: en
source: null
entries:
  - id: can-i-hug-my-therapist
    question: Can I hug my therapist?
    answer: |-
      Many therapists are comfortable with a brief hug if you ask first.
  - id: is-it-normal-to-cry-in-therapy
    question: Is it normal to cry in therapy?
    answer: |-
      Yes. Crying in therapy is common, and your therapist sees it often.
"""


def _problems(corpus, code):
    result = lint(Config(root=corpus))
    return [(p.path, p.line, p.column, str(p.severity), p.message) for p in result.problems if p.code == code]


def test_a_valid_file_has_no_file_problems(corpus):
    write_collection(corpus, "therapy", VALID)
    result = lint(Config(root=corpus))
    assert not [p for p in result.problems if p.code in ("FAQ001", "FAQ002", "FAQ003")]
    assert not result.failed()


# -- FAQ001 unreadable-file ----------------------------------------------------

@pytest.mark.parametrize("old, new, line, message", [
    ("    question: Is it normal to cry in therapy?", "    question: Is it: normal to cry in therapy?", 11,
     "invalid YAML: mapping values are not allowed"),
    ("  - id: is-it-normal-to-cry-in-therapy\n",
     "  - id: is-it-normal-to-cry-in-therapy\n    id: again\n", 11, "duplicate key 'id'"),
    ("name: therapy", "name: !!python/object/apply:os.system ['true']", 1, "invalid YAML"),
])
def test_unreadable_file_at_the_line_of_the_problem(corpus, faq, old, new, line, message):
    write_collection(corpus, "therapy", VALID.replace(old, new, 1))
    [problem] = _problems(corpus, UnreadableFile.code)
    assert problem[:4] == ("clean/therapy.yaml", line, 1, "error")
    assert message in problem[4]
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    assert f"clean/therapy.yaml:{line}:1: error FAQ001 {problem[4]} (unreadable-file)" in result.stdout
    assert "Traceback" not in result.output


def test_file_that_is_not_utf8(corpus, faq):
    (corpus / "clean" / "therapy.yaml").write_bytes(VALID.replace("Crying", "Weinen ist \xfcblich").encode("latin-1"))
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    line, _ = position(VALID, "Crying")
    assert f"clean/therapy.yaml:{line}:1: error FAQ001 not valid UTF-8 (re-save the file as UTF-8)" in result.stdout


def test_an_unreadable_file_is_not_checked_further(corpus):
    write_collection(corpus, "therapy", VALID.replace("name: therapy", "name: [therapy"))
    result = lint(Config(root=corpus))
    assert [p.code for p in result.problems] == ["FAQ001"]


# -- FAQ002 schema-violation ---------------------------------------------------

@pytest.mark.parametrize("old, new, anchor, message", [
    ("    question: Is it normal", "    questoin: Is it normal", "questoin",
     "unknown key 'questoin'; did you mean 'question'?"),
    ("  - id: is-it-normal-to-cry-in-therapy", "  - id: Is it normal?", "Is it normal?",
     "id 'Is it normal?' is not a slug (lower-case letters and digits joined by hyphens)"),
    ("    answer: |-\n      Yes. Crying in therapy is common, and your therapist sees it often.",
     "    answer: ' '", "' '", "answer must not be empty"),
    ("    question: Can I hug my therapist?", "    question: 42", "42", "question must be a string, not a number"),
    ("source: null", "sourse: null", "sourse", "unknown key 'sourse'; did you mean 'source'?"),
])
def test_schema_violation_at_the_offending_key(corpus, faq, old, new, anchor, message):
    text = VALID.replace(old, new, 1)
    write_collection(corpus, "therapy", text)
    line, _ = position(text, anchor)
    problems = _problems(corpus, SchemaViolation.code)
    assert (line, "error", message) in [(p[1], p[3], p[4]) for p in problems]
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    assert f"clean/therapy.yaml:{line}:" in result.stdout
    assert f" error FAQ002 {message} (schema-violation)" in result.stdout


def test_misspelt_key_is_also_a_missing_key(corpus):
    text = VALID.replace("    question: Is it normal", "    questoin: Is it normal")
    write_collection(corpus, "therapy", text)
    entry_line, column = position(text, "id: is-it-normal-to-cry-in-therapy")
    key_line, key_column = position(text, "questoin")
    assert _problems(corpus, SchemaViolation.code) == [
        ("clean/therapy.yaml", entry_line, column, "error", "missing required key 'question'"),
        ("clean/therapy.yaml", key_line, key_column, "error", "unknown key 'questoin'; did you mean 'question'?"),
    ]


def test_missing_required_key_points_at_the_mapping(corpus):
    text = VALID.replace("    answer: |-\n      Many therapists are comfortable with a brief hug if you ask first.\n", "")
    write_collection(corpus, "therapy", text)
    line, column = position(text, "id: can-i-hug-my-therapist")
    assert _problems(corpus, SchemaViolation.code) == [
        ("clean/therapy.yaml", line, column, "error", "missing required key 'answer'")]


def test_schema_violation_can_be_downgraded_by_configuration(corpus, faq):
    write_collection(corpus, "therapy", VALID.replace("    question: Is it normal", "    questoin: Is it normal"))
    (corpus / "faq.toml").write_text('language = "en"\n\n[rules.schema-violation]\nseverity = "warning"\n',
                                     encoding="utf-8")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 0, result.output
    assert " warning FAQ002 unknown key 'questoin'" in result.stdout


# -- FAQ003 duplicate-id -------------------------------------------------------

def test_duplicate_id_in_the_same_collection(corpus, faq):
    text = VALID.replace("  - id: is-it-normal-to-cry-in-therapy", "  - id: can-i-hug-my-therapist")
    write_collection(corpus, "therapy", text)
    line, column = position(text, "id: can-i-hug-my-therapist", occurrence=2)
    assert _problems(corpus, DuplicateId.code) == [
        ("clean/therapy.yaml", line, column, "error", "id 'can-i-hug-my-therapist' is already used")]
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    assert (f"clean/therapy.yaml:{line}:{column}: error FAQ003 id 'can-i-hug-my-therapist' is already used "
            "(duplicate-id)") in result.stdout.splitlines()


def test_duplicate_id_across_collections_is_reported_in_the_later_collection(corpus, faq):
    write_collection(corpus, "therapy", VALID)
    other = VALID.replace("name: therapy", "name: counselling").replace(
        "    question: Can I hug my therapist?", "    question: Can I hug my counsellor?").replace(
        "    question: Is it normal to cry in therapy?", "    question: Do counsellors give advice?").replace(
        "  - id: is-it-normal-to-cry-in-therapy", "  - id: do-counsellors-give-advice")
    write_collection(corpus, "counselling", other)
    # "counselling" sorts before "therapy": the copy in therapy.yaml is the later one.
    line, column = position(VALID, "id: can-i-hug-my-therapist")
    assert _problems(corpus, DuplicateId.code) == [
        ("clean/therapy.yaml", line, column, "error",
         "id 'can-i-hug-my-therapist' is already used in collection 'counselling'")]
    result = faq("lint", "clean/therapy.yaml", cwd=corpus)
    assert result.returncode == 1
    assert "FAQ003 id 'can-i-hug-my-therapist' is already used in collection 'counselling'" in result.stdout
    assert "FAQ003" not in faq("lint", "clean/counselling.yaml", cwd=corpus).stdout


def test_file_checks_are_errors_without_fixes_and_run_before_content_rules():
    for rule in (UnreadableFile, SchemaViolation, DuplicateId):
        assert rule.severity is Severity.ERROR
        assert rule.fixable is None and rule.removes is False
        assert rule in FILE_CHECKS and rule not in CONTENT_RULES
