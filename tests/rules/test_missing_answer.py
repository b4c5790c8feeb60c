"""FAQ201 missing-answer: a question without an answer is removed when cleaning."""
from __future__ import annotations

import pytest

from pipeline.clean import clean_collection
from pipeline.rules.missing_answer import MissingAnswer

from rules.support import check, collection, entry, position, rule_set, write_collection


@pytest.mark.parametrize("answer", ["", "   ", "—", "...", "?!", "\n\n- \n"])
def test_empty_or_punctuation_only_answer(answer):
    [finding] = check(MissingAnswer, entry(question="Should I hug my client?", answer=answer))
    assert finding.message == "no answer follows this question"
    assert finding.field == "answer"
    assert finding.remove is True
    assert finding.fix is None


@pytest.mark.parametrize("answer", ["No.", "42", "はい", "Sí", "- Yes"])
def test_any_letter_or_digit_is_an_answer(answer):
    assert check(MissingAnswer, entry(answer=answer)) == []


def test_cleaning_removes_and_records_the_entry(tmp_path):
    kept = entry(question="Can I hug my therapist?",
                 answer="Many therapists are comfortable with a hug if you ask first.")
    empty = entry(question="Should I Hug My Client?", answer="")
    target = collection(kept, empty)
    result = clean_collection(target, [], rule_set(tmp_path))
    assert target.entries == [kept]
    [removed] = result.removals.entries
    assert (removed.question, removed.answer) == ("Should I Hug My Client?", "")
    assert removed.provenance is empty.provenance
    assert [(r.code, r.name, r.message) for r in removed.reasons] == [
        ("FAQ201", "missing-answer", "no answer follows this question")]


def test_answer_that_was_only_furniture_is_removed_after_the_repair(tmp_path):
    # Cleaning repairs first: "Read more" is cut, and nothing is left to answer with.
    item = entry(question="Should I hug my client?", answer="Read more")
    item.id = "should-i-hug-my-client"
    target = collection(item)
    result = clean_collection(target, [], rule_set(tmp_path))
    result.resolve_cuts()
    assert target.entries == []
    [removed] = result.removals.entries
    assert [r.name for r in removed.reasons] == ["missing-answer"]
    assert result.removals.trimmed == []  # the cut belongs to the removed entry


def test_rule_switched_off_keeps_the_entry(tmp_path):
    empty = entry(question="Should I hug my client?", answer="")
    target = collection(empty)
    result = clean_collection(target, [], rule_set(tmp_path, ignore=["missing-answer"]))
    assert target.entries == [empty] and result.removals.entries == []


def test_lint_reports_an_error_at_the_answer(corpus, faq):
    text = """\
name: therapy
title: Therapy
language: en
entries:
  - id: can-i-hug-my-therapist
    question: Can I hug my therapist?
    answer: |-
      Many therapists are comfortable with a hug if you ask first.
  - id: should-i-hug-my-client
    question: Should I hug my client?
    answer: '—'
"""
    write_collection(corpus, "therapy", text)
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1, result.output
    line, column = position(text, "answer: '—'")
    assert (f"clean/therapy.yaml:{line}:{column}: error FAQ201 no answer follows this question "
            "(missing-answer)") in result.stdout.splitlines()
