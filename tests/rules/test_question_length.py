"""FAQ102 question-length: questions too short or too long to be a reader's question."""
from __future__ import annotations

import pytest

from pipeline.rules.question_length import QuestionLength

from rules.support import active_options, check, entry


def test_one_word_question():
    [finding] = check(QuestionLength, entry(question="Hugs?"))
    assert finding.message == "question has 1 word (at least 2 expected)"
    assert (finding.field, finding.offset, finding.fix) == ("question", 0, None)


def test_question_that_swallowed_its_answer():
    question = ("Can I hug my therapist? Many therapists are comfortable with a hug if you ask "
                "first, and most will tell you honestly if they are not, so there is no harm in asking "
                "at the end of a session?")
    [finding] = check(QuestionLength, entry(question=question))
    assert finding.message == "question has 39 words (at most 30 expected); is part of it the answer?"
    assert finding.field == "question"


@pytest.mark.parametrize("question", [
    "Can I hug my therapist?",
    "Hugging allowed?",  # two words: the minimum
    " ".join(["word"] * 29) + " really?",  # thirty words: the maximum
    "What therapists don't tell you?",  # "don't" is one word
])
def test_questions_of_a_reasonable_length(question):
    assert check(QuestionLength, entry(question=question)) == []


def test_languages_without_spaces_are_not_counted():
    assert check(QuestionLength, entry(question="我可以拥抱我的治疗师吗？"), language="zh") == []
    japanese = entry(question="セラピストをハグしてもいいですか？")
    assert check(QuestionLength, japanese, language="ja-JP") == []


def test_options_take_effect(tmp_path):
    assert len(check(QuestionLength, entry(question="Can I hug?"), min_words=4)) == 1
    [finding] = check(QuestionLength, entry(question="Can I hug my therapist after a session?"),
                      max_words=5)
    assert finding.message.startswith("question has 8 words (at most 5 expected)")
    assert active_options(tmp_path, QuestionLength, max_words=12) == {"min_words": 2, "max_words": 12}
