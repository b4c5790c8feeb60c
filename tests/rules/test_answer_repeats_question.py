"""FAQ212 answer-repeats-question: an answer that opens with its own question."""
from __future__ import annotations

import pytest

from pipeline.clean import clean_collection
from pipeline.rules.answer_repeats_question import AnswerRepeatsQuestion

from rules.support import assert_fix_is_idempotent, check, collection, entry, rule_set

QUESTION = "Can I hug my therapist?"


def test_answer_opening_with_the_question():
    item = entry(QUESTION, "Can I hug my therapist? Yes, if you both feel comfortable; ask first.")
    [finding] = check(AnswerRepeatsQuestion, item)
    assert finding.message == "the answer opens by repeating the question"
    assert (finding.field, finding.offset) == ("answer", 0)
    assert finding.fix.safe and finding.fix.changes == {
        "answer": "Yes, if you both feel comfortable; ask first."}
    assert finding.fix.cut == ["Can I hug my therapist?"]


@pytest.mark.parametrize("answer, fixed", [
    ("can i HUG my therapist - yes, if you ask first.", "Yes, if you ask first."),  # case, dash
    ("Can I hug my therapist: yes, ask first.", "Yes, ask first."),
    ("**Can I hug my therapist?** Yes, ask first.", "Yes, ask first."),  # its emphasis goes too
    ("“Can I hug my therapist?” Yes, ask first.", "Yes, ask first."),
    ("Can I hug my therapist?\n\n- Ask first.\n- Accept a no.", "- Ask first.\n- Accept a no."),
    ("Can I hug my therapist? - iPhone users can ask in the app.", "iPhone users can ask in the app."),
])
def test_forms_of_the_repetition(answer, fixed):
    [finding] = check(AnswerRepeatsQuestion, entry(QUESTION, answer))
    assert finding.fix.changes == {"answer": fixed}


def test_a_question_whose_words_hold_marks():
    # Devanagari vowel signs are marks: the repetition ends after "बदलें", not inside it.
    item = entry("पासवर्ड कैसे बदलें?", "पासवर्ड कैसे बदलें? खाते में जाकर सेटिंग खोलें।")
    [finding] = check(AnswerRepeatsQuestion, item)
    assert finding.fix.changes == {"answer": "खाते में जाकर सेटिंग खोलें।"}


def test_answer_that_is_only_the_question_has_no_fix():
    [finding] = check(AnswerRepeatsQuestion, entry(QUESTION, "Can I hug my therapist?"))
    assert finding.message == "the answer only repeats the question"
    assert finding.fix is None


@pytest.mark.parametrize("question, answer", [
    ("Do therapists cry?", "Therapists cry sometimes, and that is fine."),
    ("Therapists cry?", "Therapists cry sometimes, and that is fine."),  # same words, no boundary
    (QUESTION, "Can I hug my therapist's dog? No, ask the therapist first."),
    (QUESTION, "Yes. Can I hug my therapist? is a question many clients ask."),
    ("Is it OK to ask your therapist for a hug?",
     "When is it OK to hug your therapist? If you believe you're safe, ask."),  # from the seed
])
def test_near_misses(question, answer):
    assert check(AnswerRepeatsQuestion, entry(question, answer)) == []


def test_fix_is_idempotent():
    item = entry(QUESTION, "Can I hug my therapist? Can I hug my therapist? yes.")
    after = assert_fix_is_idempotent(AnswerRepeatsQuestion, item)
    assert after["answer"] == "Yes."


def test_answer_of_repetitions_only():
    item = entry(QUESTION, "Can I hug my therapist? Can I hug my therapist?")
    [finding] = check(AnswerRepeatsQuestion, item)
    assert (finding.message, finding.fix) == ("the answer only repeats the question", None)


def test_cleaning_drops_and_records_the_repetition(tmp_path):
    item = entry(QUESTION, "Can I hug my therapist? Yes, ask first.", id="can-i-hug")
    result = clean_collection(collection(item), [], rule_set(tmp_path))
    result.resolve_cuts()
    assert item.answer == "Yes, ask first."
    [trimmed] = result.removals.trimmed
    assert (trimmed.entry, trimmed.text, trimmed.reason.code) == ("can-i-hug", QUESTION, "FAQ212")
