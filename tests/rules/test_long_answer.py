"""FAQ213 long-answer: answers longer than an FAQ answer should be."""
from __future__ import annotations

from pipeline.model import Severity
from pipeline.rules.long_answer import LongAnswer

from rules.support import active_options, check, entry


def _words(count: int) -> str:
    return " ".join(f"word{n}" for n in range(count)) + "."


def test_answer_over_the_limit_is_information():
    [finding] = check(LongAnswer, entry(answer=_words(351)))
    assert finding.message == "answer has 351 words (at most 350 expected)"
    assert (finding.field, finding.offset, finding.fix) == ("answer", 0, None)
    assert LongAnswer.severity is Severity.INFO


def test_answers_within_the_limit():
    assert check(LongAnswer, entry(answer=_words(350))) == []
    assert check(LongAnswer, entry(answer="- " + "\n- ".join(["Ask first."] * 100))) == []  # 200 words


def test_markdown_markers_are_not_words():
    answer = "\n".join(f"{n}. **Ask** first." for n in range(1, 120))  # 238 words, 119 numbers
    assert check(LongAnswer, entry(answer=answer)) == []


def test_option_takes_effect(tmp_path):
    [finding] = check(LongAnswer, entry(answer="Yes, if you both feel comfortable; ask first."),
                      max_words=5)
    assert finding.message == "answer has 8 words (at most 5 expected)"
    assert active_options(tmp_path, LongAnswer, max_words=500) == {"max_words": 500}
