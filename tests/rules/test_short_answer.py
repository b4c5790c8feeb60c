"""FAQ202 short-answer: answers with fewer words than `min_words`."""
from __future__ import annotations

import pytest

from pipeline.config import load_config
from pipeline.rules.short_answer import ShortAnswer
from pipeline.ruleset import RuleSet

from rules.support import active, active_options, check, collection, context, entry, position, write_collection


@pytest.mark.parametrize("answer, message", [
    ("Yes.", "answer has 1 word (at least 4 expected)"),
    ("See above", "answer has 2 words (at least 4 expected)"),
    ("Don't, ever!", "answer has 2 words (at least 4 expected)"),  # "don't" is one word
    ("- Yes\n- No\n- Maybe", "answer has 3 words (at least 4 expected)"),
])
def test_short_answers(answer, message):
    [finding] = check(ShortAnswer, entry(answer=answer))
    assert finding.message == message
    assert finding.field == "answer"
    assert finding.fix is None and ShortAnswer.fixable is None


@pytest.mark.parametrize("answer", [
    "Yes, ask them first.",
    "Yes, if you both feel comfortable; ask first.",
    "",  # no answer at all is missing-answer's problem, not this one's
    "—",
])
def test_answers_long_enough_or_missing(answer):
    assert check(ShortAnswer, entry(answer=answer)) == []


def test_min_words_from_the_configuration(tmp_path):
    options = active_options(tmp_path, ShortAnswer, min_words=2)
    assert options == {"min_words": 2}
    item = entry(answer="See above")
    target = collection(item)
    assert list(ShortAnswer().check_entry(item, context(ShortAnswer, target, options=options))) == []
    stricter = active_options(tmp_path, ShortAnswer, min_words=10)
    [finding] = ShortAnswer().check_entry(entry(answer="Yes, if you ask them first."),
                                          context(ShortAnswer, target, options=stricter))
    assert finding.message == "answer has 6 words (at least 10 expected)"


def test_min_words_from_faq_toml(tmp_path):
    (tmp_path / "faq.toml").write_text('[rules.short-answer]\nmin_words = 2\n', encoding="utf-8")
    rules = RuleSet(load_config(tmp_path))
    assert active(rules, ShortAnswer).options["min_words"] == 2


def test_lint_uses_min_words_from_the_configuration(corpus, faq):
    text = """\
name: therapy
title: Therapy
language: en
entries:
  - id: can-i-hug-my-therapist
    question: Can I hug my therapist?
    answer: |-
      Yes, ask first.
"""
    write_collection(corpus, "therapy", text)
    result = faq("lint", cwd=corpus)
    line, column = position(text, "answer: |-")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ202 answer has 3 words (at least 4 "
            "expected) (short-answer)") in result.stdout.splitlines()
    (corpus / "faq.toml").write_text('language = "en"\n\n[rules.short-answer]\nmin_words = 3\n',
                                     encoding="utf-8")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 0, result.output
    assert "FAQ202" not in result.stdout
