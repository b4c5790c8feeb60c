"""FAQ305 duplicate-answer: one answer under two different questions."""
from __future__ import annotations

import pytest

from pipeline.rules.duplicate_answer import DuplicateAnswer, answer_key

from rules.support import check_collection, collection, context, entry

ANSWER = "Many therapists are comfortable with a hug if you ask first and respect a no."


def test_same_answer_under_another_question_in_another_collection():
    first = collection(entry("Can I hug my therapist?", ANSWER, id="hug"), name="hugs")
    second = collection(entry("Can my therapist hold me?", "- many THERAPISTS are comfortable with a "
                              "*hug*, if you ask first and respect a no!", id="hold"), name="touch")
    rule = DuplicateAnswer()
    assert list(rule.check_collection(first, context(DuplicateAnswer, first, [second]))) == []
    [finding] = rule.check_collection(second, context(DuplicateAnswer, second, [first]))
    assert finding.entry.id == "hold"
    assert finding.message == ("the same answer as the earlier question 'hug' in collection 'hugs': "
                               "'Can I hug my therapist?'")
    assert (finding.field, finding.offset, finding.fix) == ("answer", 0, None)


def test_within_one_collection_each_later_copy_names_the_first():
    target = collection(entry("Can I hug my therapist?", ANSWER, id="a"),
                        entry("Can my therapist hold me?", ANSWER, id="b"),
                        entry("Can my therapist cuddle me?", ANSWER, id="c"))
    assert [(f.entry.id, f.message.split(":")[0]) for f in check_collection(DuplicateAnswer, target)] == [
        ("b", "the same answer as the earlier question 'a'"),
        ("c", "the same answer as the earlier question 'a'")]


@pytest.mark.parametrize("first, second", [
    (("Can I hug my therapist?", "Yes."), ("Can my therapist hold me?", "Yes.")),  # short answers
    (("Can I hug my therapist?", "Yes, if you both feel comfortable."),  # 7 words
     ("Can my therapist hold me?", "Yes, if you both feel comfortable.")),
    (("Can I hug my therapist?", ANSWER), ("can I hug my therapist", ANSWER)),  # duplicate-question's
    (("Can I hug my therapist?", ANSWER), ("Can my therapist hold me?", ANSWER + " Most say so.")),
])
def test_near_misses(first, second):
    assert check_collection(DuplicateAnswer, collection(entry(*first), entry(*second))) == []


def test_min_words_option():
    target = collection(entry("Can I hug my therapist?", "Yes, if you ask first."),
                        entry("Can my therapist hold me?", "Yes, if you ask first."))
    assert check_collection(DuplicateAnswer, target) == []
    assert len(check_collection(DuplicateAnswer, target, options={"min_words": 3})) == 1


def test_answer_key_ignores_markdown_case_and_punctuation():
    assert answer_key("1. **Ask** first.\n2. Respect a *no*!") == answer_key("- ask first\n- respect a no")
