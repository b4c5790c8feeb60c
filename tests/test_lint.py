"""`faq lint`: schema errors and rule problems at the right file, line and column;
output formats; exit codes."""
from __future__ import annotations

import json

import pytest

VALID = """\
# yaml-language-server: $schema=../schema/collection.schema.json
name: museum
title: Museum visits
language: en
source: null
entries:
  - id: is-the-museum-open-on-mondays
    question: Is the museum open on Mondays?
    answer: |-
      No, the museum is closed on Mondays, except on public holidays.
  - id: do-you-offer-student-discounts
    question: Do you offer student discounts?
    answer: |-
      Yes, students with a valid card pay half price at every entrance.
"""


def _write(corpus, text, name="museum"):
    path = corpus / "clean" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_collection_passes(corpus, faq):
    _write(corpus, VALID)
    result = faq("lint", cwd=corpus)
    assert result.returncode == 0, result.output
    assert "No problems in 1 file." in result.stdout


@pytest.mark.parametrize("old, new, expected", [
    ("    question: Is the museum", "    questoin: Is the museum",
     "clean/museum.yaml:8:5: error FAQ002 unknown key 'questoin'; did you mean 'question'?"),
    ("  - id: do-you-offer-student-discounts", "  - id: Do You Offer",
     "clean/museum.yaml:11:5: error FAQ002 id 'Do You Offer' is not a slug"),
    ("language: en", "language: 12",
     "clean/museum.yaml:4:1: error FAQ002 language must be a string, not a number"),
    ("    answer: |-\n      Yes, students", "    answer: ''\n    x: |-\n      Yes, students",
     "clean/museum.yaml:13:5: error FAQ002 answer must not be empty"),
    ("title: Museum visits\n", "",
     "clean/museum.yaml:2:1: error FAQ002 missing required key 'title'"),
])
def test_schema_errors_point_at_the_offending_line(corpus, faq, old, new, expected):
    _write(corpus, VALID.replace(old, new))
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    assert expected in result.stdout, result.stdout


@pytest.mark.parametrize("text, expected", [
    ("name: museum\nentries: [\n", "clean/museum.yaml:3:1: error FAQ001 invalid YAML"),
    ("name: museum\nname: other\n", "clean/museum.yaml:2:1: error FAQ001 duplicate key 'name'"),
    ("name: !!python/object/apply:os.system ['true']\n", "clean/museum.yaml:1:1: error FAQ001 invalid YAML"),
    ("", "clean/museum.yaml:1:1: error FAQ001 file is empty"),
])
def test_unreadable_files_are_reported_not_crashed_on(corpus, faq, text, expected):
    _write(corpus, text)
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    assert expected in result.stdout, result.output
    assert "Traceback" not in result.output


def test_binary_and_non_utf8_files(corpus, faq):
    (corpus / "clean" / "a.yaml").write_bytes(b"\x00\x01\x02binary")
    (corpus / "clean" / "b.yaml").write_bytes(b"name: caf\xe9\n")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    assert "clean/a.yaml:1:1: error FAQ001 file is binary" in result.stdout
    assert "clean/b.yaml:1:1: error FAQ001 not valid UTF-8" in result.stdout


def test_fifos_and_dangling_links_in_clean_are_reported_not_skipped(corpus, faq):
    import os

    _write(corpus, VALID)
    os.mkfifo(corpus / "clean" / "pipe.yaml")
    (corpus / "clean" / "gone.jsonl").symlink_to(corpus / "clean" / "nowhere.jsonl")
    result = faq("lint", "--no-cache", cwd=corpus, timeout=60)
    assert result.returncode == 1, result.output
    assert "clean/pipe.yaml:1:1: error FAQ001 not a regular file" in result.stdout
    assert "clean/gone.jsonl:1:1: error FAQ001 cannot read file" in result.stdout
    assert "museum" not in result.stdout  # the valid file is still linted, and clean


def test_rule_problem_points_inside_the_answer_block(corpus, faq):
    text = VALID.replace("except on public holidays.", "except on public holidays.\n\n      Read more")
    _write(corpus, text)
    result = faq("lint", cwd=corpus)
    assert result.returncode == 0  # a warning does not fail...
    assert "clean/museum.yaml:12:7: warning FAQ204 page furniture in the answer: 'Read more'" in result.stdout
    assert faq("lint", "--strict", cwd=corpus).returncode == 1  # ...unless --strict


def test_duplicate_ids_and_questions_across_collections(corpus, faq):
    _write(corpus, VALID)
    _write(corpus, VALID.replace("name: museum", "name: zoo"), name="zoo")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    assert ("clean/zoo.yaml:7:5: error FAQ003 id 'is-the-museum-open-on-mondays' is already used in "
            "collection 'museum'") in result.stdout
    assert "clean/zoo.yaml:8:5: error FAQ301 duplicate of the earlier question" in result.stdout
    assert "clean/museum.yaml" not in result.stdout


def test_linting_one_file_still_compares_with_the_corpus(corpus, faq):
    _write(corpus, VALID)
    _write(corpus, VALID.replace("name: museum", "name: zoo"), name="zoo")
    result = faq("lint", "clean/zoo.yaml", cwd=corpus)
    assert result.returncode == 1
    assert "FAQ301" in result.stdout and "FAQ003" in result.stdout


def test_name_must_match_file_name(corpus, faq):
    _write(corpus, VALID, name="other")
    result = faq("lint", cwd=corpus)
    assert "clean/other.yaml:2:1: error FAQ002 name 'museum' does not match the file name 'other'" in result.stdout


def test_json_and_github_formats(corpus, faq):
    _write(corpus, VALID.replace("    question: Is the museum open on Mondays?",
                                 "    question: IS THE MUSEUM OPEN ON MONDAYS"))
    result = faq("lint", "--format", "json", cwd=corpus)
    problems = json.loads(result.stdout)
    assert {p["code"] for p in problems} == {"FAQ101"}
    assert problems[0] | {"message": ""} == {
        "path": "clean/museum.yaml", "line": 8, "column": 5, "severity": "warning", "code": "FAQ101",
        "name": "question-form", "message": "", "entry": "is-the-museum-open-on-mondays",
        "fixable": False}
    github = faq("lint", "--format", "github", cwd=corpus)
    assert github.stdout.startswith("::warning file=clean/museum.yaml,line=8,col=5,title=FAQ101::")
    auto = faq("lint", cwd=corpus, env={"GITHUB_ACTIONS": "true"})
    assert auto.stdout == github.stdout


def test_quiet_prints_problems_only(corpus, faq):
    _write(corpus, VALID)
    result = faq("lint", "-q", cwd=corpus)
    assert result.returncode == 0 and result.stdout == ""


def test_removed_files_are_validated_against_their_schema(corpus, faq):
    _write(corpus, VALID)
    (corpus / "clean" / "museum.removed.yaml").write_text(
        "collection: museum\nremoved:\n  - question: Q?\n    answer: ''\ntrimmed: []\n", encoding="utf-8")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    assert "clean/museum.removed.yaml:3:5: error FAQ002 missing required key 'provenance'" in result.stdout


def test_missing_path_is_exit_2(corpus, faq):
    result = faq("lint", "nowhere.yaml", cwd=corpus)
    assert result.returncode == 2
    assert "nowhere.yaml: no such file or directory" in result.stderr
