"""FAQ209 unrelated-answer: an answer that shares no content word with its question."""
from __future__ import annotations

import pytest

from pipeline.rules.unrelated_answer import UnrelatedAnswer

from rules.support import check, entry, position, write_collection


@pytest.mark.parametrize("question, answer", [
    ("Why do therapists stay silent?", "Hands can show anxiety, and some people fidget when nervous."),
    ("What should you not do in a therapy session?",
     "In summary, when dealing with couples, counselors should avoid showing bias or favoritism."),
])
def test_answer_about_something_else(question, answer):
    [finding] = check(UnrelatedAnswer, entry(question=question, answer=answer))
    assert finding.message == ("the answer shares no content word with the question; it may answer "
                               "a different question")
    assert finding.field == "answer"
    assert finding.fix is None and UnrelatedAnswer.fixable is None


@pytest.mark.parametrize("question, answer", [
    # stems: "therapists" and "therapist"
    ("Why do therapists stay silent?", "Silence lets the therapist give you room to think."),
    ("Can I hug my therapist?", "Hugging is fine for many clients if they ask first."),
    ("Do therapists get attached to clients?", "Attachment happens; good ones keep it professional."),
    ("What is it?", "Nothing in the question carries content, so there is nothing to compare."),
    ("Can I hug my therapist?", ""),  # no answer is missing-answer's problem
])
def test_answers_that_share_a_word_or_cannot_be_judged(question, answer):
    assert check(UnrelatedAnswer, entry(question=question, answer=answer)) == []


def test_stemming_follows_the_collection_language():
    item = entry(question="Darf ich meinen Therapeuten umarmen?",
                 answer="Viele Therapeutinnen und Therapeuten mögen Umarmungen nicht.")
    assert check(UnrelatedAnswer, item, "de") == []
    unrelated = entry(question="Darf ich meinen Therapeuten umarmen?", answer="Katzen schnurren gern.")
    assert len(check(UnrelatedAnswer, unrelated, "de")) == 1


@pytest.mark.parametrize("language, question, answer, related", [
    ("de", "Wie hoch sind die Versandkosten?", "Innerhalb Deutschlands kostet der Versand 4,95 €.", True),
    ("en", "Does insurance cover healthcare costs?", "Most health plans pay part of it.", True),
    ("en", "How do I handle a refund?", "Hand the receipt to the front desk.", False),  # not a compound
])
def test_a_part_of_a_compound_is_shared(language, question, answer, related):
    assert (check(UnrelatedAnswer, entry(question=question, answer=answer), language) == []) is related


@pytest.mark.parametrize("language, question, answer", [
    ("it", "Posso abbracciare il mio terapeuta?", "Il gatto dorme sul divano della cucina."),
    ("pt", "Posso abraçar o meu terapeuta?", "O gato dorme no sofá da cozinha."),
    ("nl", "Mag ik mijn therapeut omhelzen?", "Ik denk dat de kat op de bank slaapt."),
    ("ru", "Можно ли мне обнять терапевта?", "Мне кажется, кот спит на диване."),
])
def test_function_words_of_more_languages_are_not_shared_content(language, question, answer):
    # "il", "o", "de", "на": shared, but they carry no content
    assert len(check(UnrelatedAnswer, entry(question=question, answer=answer), language)) == 1


def test_lint_points_at_the_answer(corpus, faq):
    text = """\
name: therapy
title: Therapy
language: en
entries:
  - id: why-do-therapists-stay-silent
    question: Why do therapists stay silent?
    answer: |-
      Hands can show anxiety, and some people fidget when nervous.
"""
    write_collection(corpus, "therapy", text)
    result = faq("lint", cwd=corpus)
    line, column = position(text, "answer: |-")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ209 the answer shares no content word with "
            "the question; it may answer a different question (unrelated-answer)") in result.stdout.splitlines()
