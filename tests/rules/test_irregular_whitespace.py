"""FAQ206 irregular-whitespace: odd, invisible, repeated and trailing spaces."""
from __future__ import annotations

import pytest

from pipeline.rules.irregular_whitespace import IrregularWhitespace

from rules.support import assert_fix_is_idempotent, check, entry, position, write_collection


def test_non_breaking_space_and_trailing_spaces_in_the_question():
    item = entry(question="Can I hug my\u00a0therapist?  ")
    [finding] = check(IrregularWhitespace, item)
    assert finding.message == "irregular whitespace in the question"
    assert finding.field == "question"
    assert finding.offset == len("Can I hug my")
    assert finding.fix.changes == {"question": "Can I hug my therapist?"}
    assert finding.fix.safe is (IrregularWhitespace.fixable == "safe") is True


@pytest.mark.parametrize("question, fixed", [
    ("Can I\u200b hug my therapist?", "Can I hug my therapist?"),  # zero-width space
    ("Can I hug my thera\u00adpist?", "Can I hug my therapist?"),  # soft hyphen
    ("\ufeffCan I hug my therapist?", "Can I hug my therapist?"),  # byte order mark
    ("Can I  hug\tmy therapist?", "Can I hug my therapist?"),
    ("Can I hug\nmy therapist?", "Can I hug my therapist?"),  # a question is one line
])
def test_question_is_one_line_of_single_spaces(question, fixed):
    [finding] = check(IrregularWhitespace, entry(question=question))
    assert finding.fix.changes == {"question": fixed}


def test_answer_spaces_and_blank_lines():
    answer = "  Yes,\u2009if you ask  first. \n\n\n\nAsk\u3000kindly.\u00a0\n"
    item = entry(answer=answer)
    [finding] = check(IrregularWhitespace, item)
    assert finding.message == "irregular whitespace in the answer"
    assert finding.field == "answer"
    assert finding.offset == 0
    assert finding.fix.changes == {"answer": "Yes, if you ask first.\n\nAsk kindly."}


@pytest.mark.parametrize("answer", [
    "Yes, if you ask first.\n\nAsk kindly.",
    "- Ask first.\n  - Then wait for an answer.\n- Respect a no.",  # nested list indent
    "- Ask first,\n  and wait for an answer.",  # continuation indent
    "1. Ask.\n2. Wait.",
])
def test_regular_markdown_layout_is_left_alone(answer):
    assert check(IrregularWhitespace, entry(answer=answer)) == []


def test_both_fields_are_reported_separately():
    findings = check(IrregularWhitespace, entry(question="Can I hug you? ", answer="Yes.  Ask."))
    assert [(f.field, f.fix.changes) for f in findings] == [
        ("question", {"question": "Can I hug you?"}), ("answer", {"answer": "Yes. Ask."})]


@pytest.mark.parametrize("question, answer", [
    ("Can I\u00a0\u200b hug\t you? ", " \u200b\n\n\n- Ask \u00a0 first.  \n\n\n\n\u00ad\n\nYes\u2003!\t"),
    ("\u3000\u3000?", "a\u200b \u200bb \n \n \nc"),
])
def test_fix_is_idempotent(question, answer):
    assert_fix_is_idempotent(IrregularWhitespace, entry(question=question, answer=answer))


def test_lint_points_at_the_odd_space_in_the_answer(corpus, faq):
    text = """\
name: therapy
title: Therapy
language: en
entries:
  - id: can-i-hug-my-therapist
    question: Can I hug my therapist?
    answer: |-
      Many therapists are comfortable with a hug.
      Ask\u00a0first, and respect a no.
"""
    write_collection(corpus, "therapy", text)
    result = faq("lint", cwd=corpus)
    line, column = position(text, "\u00a0first")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ206 irregular whitespace in the answer "
            "(irregular-whitespace) [*]") in result.stdout.splitlines()
