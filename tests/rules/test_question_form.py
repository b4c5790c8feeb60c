"""FAQ101 question-form: a question ends in its language's question mark and is not
shouted."""
from __future__ import annotations

import pytest

from pipeline.rules.question_form import QuestionForm

from rules.support import assert_fix_is_idempotent, check, entry, position, write_collection


def test_statement_without_question_mark():
    item = entry(question="Can I hug my therapist")
    [finding] = check(QuestionForm, item)
    assert finding.message == "question does not end with '?'"
    assert finding.field == "question"
    assert finding.offset == len("Can I hug my therapist")
    assert finding.fix.changes == {"question": "Can I hug my therapist?"}
    assert finding.fix.safe is (QuestionForm.fixable == "safe") is False


def test_shouted_question_is_reported_twice_when_it_also_lacks_the_mark():
    findings = check(QuestionForm, entry(question="CAN I HUG MY THERAPIST"))
    assert [f.message for f in findings] == ["question does not end with '?'",
                                             "question is written in capital letters"]
    assert findings[1].fix is None and findings[1].field == "question"


@pytest.mark.parametrize("question", [
    "Can I hug my therapist?",
    "Is HIPAA relevant to my therapy notes?",  # an acronym is not shouting
    "IS IT OK?",  # too few letters to call shouting
    'Why do clients ask "Do you like me?"',
    "Is it OK to say “I love you?”",
    "Can I hug my therapist？",  # full-width mark
])
def test_questions_that_read_as_questions(question):
    assert check(QuestionForm, entry(question=question)) == []


@pytest.mark.parametrize("language, question", [
    ("ar", "هل يمكنني معانقة معالجي؟"),
    ("ar-EG", "هل يمكنني معانقة معالجي؟"),
    ("fa", "آیا می‌توانم درمانگرم را بغل کنم؟"),
    ("el", "Μπορώ να αγκαλιάσω τον θεραπευτή μου;"),
    ("el", "Μπορώ να αγκαλιάσω τον θεραπευτή μου\u037e"),  # GREEK QUESTION MARK
    ("el-GR", "Μπορώ να αγκαλιάσω τον θεραπευτή μου;"),
    ("th", "ฉันกอดนักบำบัดได้ไหม"),  # Thai marks questions with words, not a sign
    ("ja", "セラピストにハグしてもいいですか"),
    ("zh", "我可以拥抱我的治疗师吗？"),
])
def test_question_marks_follow_the_collection_language(language, question):
    assert check(QuestionForm, entry(question=question), language) == []


@pytest.mark.parametrize("language, question, fixed", [
    ("ar", "هل يمكنني معانقة معالجي", "هل يمكنني معانقة معالجي؟"),
    ("el", "Μπορώ να αγκαλιάσω τον θεραπευτή μου", "Μπορώ να αγκαλιάσω τον θεραπευτή μου;"),
    ("de", "Darf ich meinen Therapeuten umarmen", "Darf ich meinen Therapeuten umarmen?"),
])
def test_missing_mark_is_the_languages_own(language, question, fixed):
    [finding] = check(QuestionForm, entry(question=question), language)
    assert finding.fix.changes == {"question": fixed}


def test_a_greek_question_mark_in_an_english_collection_is_not_a_question_mark():
    [finding] = check(QuestionForm, entry(question="Can I hug my therapist;"))
    assert finding.fix.changes == {"question": "Can I hug my therapist;?"}


def test_fix_is_idempotent():
    item = entry(question="  Can I hug my therapist ")
    after = assert_fix_is_idempotent(QuestionForm, item)
    assert after["question"] == "Can I hug my therapist?"
    greek = entry(question="Μπορώ να σε αγκαλιάσω")
    assert assert_fix_is_idempotent(QuestionForm, greek, "el")["question"] == "Μπορώ να σε αγκαλιάσω;"


TEXT = """\
name: therapy
title: Therapy
language: en
entries:
  - id: can-i-hug-my-therapist
    question: Can I hug my therapist
    answer: |-
      Many therapists are comfortable with a hug if you ask first.
  - id: can-my-therapist-cuddle-me
    question: CAN MY THERAPIST CUDDLE ME?
    answer: |-
      Most therapists will not cuddle a client; ask yours what they are comfortable with.
"""


def _lint(corpus, faq):
    write_collection(corpus, "therapy", TEXT)
    result = faq("lint", cwd=corpus)
    assert result.returncode == 0, result.output
    return result.stdout.splitlines()


def test_lint_reports_the_question_line(corpus, faq):
    lines = _lint(corpus, faq)
    line, _ = position(TEXT, "Can I hug my therapist\n")
    assert [l for l in lines if "FAQ101" in l and "does not end" in l][0].startswith(
        f"clean/therapy.yaml:{line}:")
    line, column = position(TEXT, "question: CAN MY")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ101 question is written in capital "
            "letters (question-form)") in lines


def test_lint_points_after_the_question(corpus, faq):
    lines = _lint(corpus, faq)
    line, column = position(TEXT, "Can I hug my therapist\n")
    column += len("Can I hug my therapist")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ101 question does not end with '?' "
            "(question-form)") in lines


def test_armenian_marks_the_word_that_asks():
    assert check(QuestionForm, entry(question="Ինչպե՞ս փոխել գաղտնաբառը"), "hy") == []
    [finding] = check(QuestionForm, entry(question="Ինչպես փոխել գաղտնաբառը"), "hy")
    assert finding.message == "question has no '՞'" and finding.fix is None
