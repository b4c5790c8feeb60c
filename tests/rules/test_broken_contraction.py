"""FAQ205 broken-contraction: an English contraction (or a French or Italian elision)
whose apostrophe was lost."""
from __future__ import annotations

import pytest

from pipeline.clean import clean_collection
from pipeline.rules.broken_contraction import BrokenContraction

from rules.support import (assert_fix_is_idempotent, check, collection, entry, position, rule_set,
                           write_collection)


def test_lost_apostrophe_in_the_question():
    item = entry(question="What therapists don t tell you?")
    [finding] = check(BrokenContraction, item)
    assert finding.message == "apostrophe lost in 'don t'"
    assert finding.field == "question"
    assert item.question[finding.offset:].startswith("don t")
    assert finding.fix.changes == {"question": "What therapists don't tell you?"}
    assert finding.fix.safe is (BrokenContraction.fixable == "safe") is True


@pytest.mark.parametrize("broken, repaired", [
    ("It doesn?t matter.", "It doesn't matter."),
    ("It s fine, and I m sure they re used to it.", "It's fine, and I'm sure they're used to it."),
    ("We ve seen it; you ll see; I d ask; she d ask.", "We've seen it; you'll see; I'd ask; she'd ask."),
    ("You can\ufffdt and WON T.", "You can't and WON'T."),
    ("Let s talk. Who s there? What s next?", "Let's talk. Who's there? What's next?"),
])
def test_lost_apostrophes_in_the_answer(broken, repaired):
    [finding] = check(BrokenContraction, entry(answer=broken))
    assert finding.field == "answer"
    assert finding.fix.changes == {"answer": repaired}


@pytest.mark.parametrize("language, broken, repaired", [
    ("fr", "C est vrai : qu il vienne. L homme d affaires, j ai vu.",
     "C'est vrai : qu'il vienne. L'homme d'affaires, j'ai vu."),
    ("fr", "Demandez à l\ufffdéquipe s il y a de la place.", "Demandez à l'équipe s'il y a de la place."),
    ("fr", "L’article dit qu elle a raison.", "L’article dit qu’elle a raison."),  # its own apostrophe
    ("it", "C è un problema nell anno, com è noto.", "C'è un problema nell'anno, com'è noto."),
])
def test_french_and_italian_elisions(language, broken, repaired):
    [finding] = check(BrokenContraction, entry(answer=broken), language)
    assert finding.fix.changes == {"answer": repaired}


@pytest.mark.parametrize("language, text", [
    ("fr", "Y a t il un rendez-vous le samedi ?"),  # "a-t-il" without its hyphens
    ("fr", "Écrivez à contact@example.com ou appelez."),
    ("it", "Nessun altro lo sa, e un amico nemmeno."),  # both right without an apostrophe
    ("it", "Visita example.com è facile."),
    ("de", "C est la vie, sagt man."),  # only English, French and Italian are read
])
def test_elisions_that_are_not_lost_apostrophes(language, text):
    assert check(BrokenContraction, entry(answer=text), language) == []


def test_message_lists_each_damaged_form_once():
    [finding] = check(BrokenContraction, entry(answer="I don t know. You don t either. It s odd."))
    assert finding.message == "apostrophe lost in 'It s', 'don t'"


@pytest.mark.parametrize("text", [
    "Ask Don Tom, our receptionist.",
    "It is fine, and it still is.",
    "Yes, and I'm sure they're used to it; it's fine.",
    "If you re-enter your password, we re-send the code.",
    "They re-read your notes before each session.",
    "Is it safe? Sure it is.",
    "The clinic in Cant Street is open.",
    "Whats and hows are the questions.",
    "Vitamin D helps; so does plan B.",
])
def test_ordinary_text_is_never_touched(text):
    assert check(BrokenContraction, entry(question="Can I hug my therapist?", answer=text)) == []


def test_only_english_collections_are_repaired():
    item = entry(question="Was don t bedeutet?", answer="Das Wort it s steht hier als Beispiel.")
    assert check(BrokenContraction, item, "de") == []
    assert check(BrokenContraction, item, "en-GB") != []


def test_fix_is_idempotent():
    item = entry(question="What therapists don t tell you?", answer="It s fine. I m sure.")
    after = assert_fix_is_idempotent(BrokenContraction, item)
    assert after["question"] == "What therapists don't tell you?"
    assert after["answer"] == "It's fine. I'm sure."


def test_cleaning_repairs_the_question(tmp_path):
    item = entry(question="What therapists don t tell you?",
                 answer="Therapists don t always tell you when they are tired.")
    clean_collection(collection(item), [], rule_set(tmp_path))
    assert item.question == "What therapists don't tell you?"
    assert item.answer == "Therapists don't always tell you when they are tired."


def test_lint_points_at_the_damaged_word(corpus, faq):
    text = """\
name: therapy
title: Therapy
language: en
entries:
  - id: what-therapists-dont-tell-you
    question: What do therapists keep to themselves?
    answer: |-
      Therapists keep some things to themselves.
      They don t tell you when they are tired.
"""
    write_collection(corpus, "therapy", text)
    result = faq("lint", cwd=corpus)
    line, column = position(text, "don t")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ205 apostrophe lost in 'don t' "
            "(broken-contraction) [*]") in result.stdout.splitlines()
