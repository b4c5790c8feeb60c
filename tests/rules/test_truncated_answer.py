"""FAQ203 truncated-answer: "..." and "…" that mark where the source cut an answer off."""
from __future__ import annotations

from pipeline.clean import clean_collection
from pipeline.rules.truncated_answer import TruncatedAnswer

from rules.support import (assert_fix_is_idempotent, check, collection, entry, position, rule_set,
                           write_collection)

LIST = ("Therapists hear these every day.\n\n"
        "- “I feel like I'm talking too much.”\n"
        "- We see tears every day. ...\n"
        "- …")


def test_marks_at_the_end_of_items_are_found_and_removed():
    item = entry(answer=LIST)
    [finding] = check(TruncatedAnswer, item)
    assert finding.message == "the source cut this answer off (2 ellipsis marks)"
    assert finding.field == "answer"
    assert item.answer[finding.offset:].startswith("...")
    assert finding.fix.safe is (TruncatedAnswer.fixable == "safe") is True
    assert finding.fix.changes == {
        "answer": ("Therapists hear these every day.\n\n"
                   "- “I feel like I'm talking too much.”\n"
                   "- We see tears every day."),
        "truncated": True,
    }


def test_unicode_ellipsis_ending_a_paragraph():
    item = entry(answer="It depends on your therapist and on how you both feel…")
    [finding] = check(TruncatedAnswer, item)
    assert finding.message == "the source cut this answer off (1 ellipsis mark)"
    assert finding.fix.changes == {"answer": "It depends on your therapist and on how you both feel",
                                   "truncated": True}


def test_ellipsis_inside_a_sentence_is_not_a_cut():
    for answer in ("Wait... it depends on your therapist, so ask them first.",
                   "Some clients say “I'm fine…” when they are not, and that is normal.",
                   "- Ask first.\n- Respect a no... and do not take it personally."):
        assert check(TruncatedAnswer, entry(answer=answer)) == [], answer


def test_an_ordinary_full_stop_is_not_a_cut():
    assert check(TruncatedAnswer, entry(answer="Yes, in the U.S. and Canada, among other places.")) == []


def test_marked_entry_keeps_warning_without_a_fix():
    item = entry(answer="We see tears every day.", truncated=True)
    [finding] = check(TruncatedAnswer, item)
    assert finding.field == "truncated"
    assert finding.fix is None
    assert "remove `truncated: true`" in finding.message


def test_fix_is_idempotent():
    item = entry(answer=LIST)
    after = assert_fix_is_idempotent(TruncatedAnswer, item)
    assert after["truncated"] is True
    assert "..." not in after["answer"] and "…" not in after["answer"]


def test_cleaning_removes_marks_and_remembers_the_cut(tmp_path):
    item = entry(answer=LIST)
    target = collection(item)
    result = clean_collection(target, [], rule_set(tmp_path))
    assert target.entries == [item]
    assert item.truncated is True
    assert item.answer.endswith("- We see tears every day.")
    assert result.removals.entries == []


def test_lint_points_at_the_mark_and_at_the_truncated_key(corpus, faq):
    text = """\
name: therapy
title: Therapy
language: en
entries:
  - id: what-do-therapists-hear
    question: What do therapists hear every day?
    answer: |-
      Therapists hear these phrases from their clients every day.

      - “I feel like I'm talking too much.”
      - “I'm sorry for my emotions.” ...
  - id: can-i-hug-my-therapist
    question: Can I hug my therapist?
    answer: |-
      Many therapists are comfortable with a hug if you ask first.
    truncated: true
"""
    write_collection(corpus, "therapy", text)
    result = faq("lint", cwd=corpus)
    assert result.returncode == 0, result.output
    line, column = position(text, "...")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ203 the source cut this answer off "
            f"(1 ellipsis mark) (truncated-answer) [*]") in result.stdout.splitlines()
    line, column = position(text, "truncated: true")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ203 the source cut this answer off; "
            "complete it from the original page and remove `truncated: true` (truncated-answer)"
            ) in result.stdout.splitlines()
