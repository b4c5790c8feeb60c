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


# -- the fast path of answer_key: paragraphs need no parsing ------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pipeline.answer import parse_blocks  # noqa: E402
from pipeline.rules.duplicate_question import question_key  # noqa: E402

_LINES = st.one_of(
    st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=30),
    st.builds(lambda indent, marker, text: f"{indent}{marker}{text}",
              st.sampled_from(["", " ", "  ", "\t", "   "]),
              st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "10. ", "-", "1.", "- \t", "12345678901. "]),
              st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=20)),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINES, max_size=6))
def test_answer_key_is_the_key_of_the_parsed_items(lines):
    answer = "\n".join(lines)
    parsed = question_key(" ".join(item for block in parse_blocks(answer) for item in block.items))
    assert answer_key(answer) == parsed


@pytest.mark.parametrize("first, second", [
    ("Ask first.\n\nThen wait.", "ask first then wait"),
    ("- Ask first.\n- Then wait.", "1. Ask first.\n2. Then wait."),
    ("Ask first\n  then wait.", "Ask first then wait"),
])
def test_the_same_words_in_other_layouts_have_one_key(first, second):
    assert answer_key(first) == answer_key(second)


def test_a_number_that_is_not_a_list_marker_stays():
    assert answer_key("Call 1. Then 2.") == "call 1 then 2"
    assert answer_key("1. Call.\n2. Wait.") == "call wait"


def test_contribution_is_a_digest_and_word_count_per_answer():
    # What lint caches per file: answers equal once normalised share a digest;
    # an answer without words has none.
    target = collection(entry("Can I hug my therapist?", "- Ask **first**.", id="a"),
                        entry("May I hug you?", "1. ask first", id="b"),
                        entry("Is a hug fine?", "Ask first, then wait.", id="c"),
                        entry("What now?", "...", id="d"))
    found = DuplicateAnswer().contribution(target)
    (first, second, third, empty), counts = found["digests"], found["words"]
    assert first == second and len(first) == 32 and third != first and empty is None
    assert counts == [2, 2, 4, 0]
