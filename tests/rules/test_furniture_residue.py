"""FAQ204 furniture-residue: page chrome ("Read more", "Share", breadcrumbs) inside an
answer."""
from __future__ import annotations

import pytest

from pipeline.clean import clean_collection
from pipeline.rules.furniture_residue import FurnitureResidue

from rules.support import (assert_fix_is_idempotent, check, collection, entry, position, rule_set,
                           write_collection)


def test_read_more_after_the_answer():
    item = entry(answer="Therapists may hug clients who ask.\n\nRead more »")
    [finding] = check(FurnitureResidue, item)
    assert finding.message == "page furniture in the answer: 'Read more »'"
    assert finding.field == "answer"
    assert item.answer[finding.offset:] == "Read more »"
    assert finding.fix.changes == {"answer": "Therapists may hug clients who ask."}
    assert finding.fix.cut == ["Read more »"]
    assert finding.fix.safe is (FurnitureResidue.fixable == "safe") is True


@pytest.mark.parametrize("answer, fixed, cut", [
    ("Previous question\n\nTherapists may hug clients who ask.\n\nNext question",
     "Therapists may hug clients who ask.", ["Previous question", "Next question"]),
    ("- Ask first.\n- Respect a no.\n- More items...",
     "- Ask first.\n- Respect a no.", ["More items..."]),
    ("Therapists may hug clients who ask.\n\nwww.example.com › therapy › hugs",
     "Therapists may hug clients who ask.", ["www.example.com › therapy › hugs"]),
    ("Therapists may hug clients who ask.\n\nSearch for: therapist hug",
     "Therapists may hug clients who ask.", ["Search for: therapist hug"]),
    ("Therapists may hug clients who ask.\n\n- Share\n- Tweet\n- Email\n\nWas this helpful?",
     "Therapists may hug clients who ask.", ["Share", "Tweet", "Email", "Was this helpful?"]),
])
def test_other_furniture(answer, fixed, cut):
    [finding] = check(FurnitureResidue, entry(answer=answer))
    assert finding.fix.changes == {"answer": fixed}
    assert finding.fix.cut == cut


@pytest.mark.parametrize("answer", [
    "You can reach us by:\n\n- Phone\n- Email\n- Live chat",
    "Our labels come in two formats:\n\n- Print\n- Digital",
    "Read more about hugs in our guide to therapy.",
    "We print and email your receipt.",
    "- Next, ask your therapist.\n- Then wait for an answer.",
    "Share your feelings with your therapist; that is what the session is for.",
])
def test_content_that_mentions_furniture_words(answer):
    assert check(FurnitureResidue, entry(answer=answer)) == []


def test_fix_is_idempotent():
    item = entry(answer="Previous question\n\nTherapists may hug.\n\n- Ask.\n- Read more\n\nShare")
    after = assert_fix_is_idempotent(FurnitureResidue, item)
    assert after["answer"] == "Therapists may hug.\n\n- Ask."


def test_cleaning_cuts_and_records_the_furniture(tmp_path):
    item = entry(answer="Therapists may hug clients who ask.\n\nRead more")
    item.id = "can-i-hug-my-therapist"
    target = collection(item)
    result = clean_collection(target, [], rule_set(tmp_path))
    result.resolve_cuts()
    assert item.answer == "Therapists may hug clients who ask."
    [trimmed] = result.removals.trimmed
    assert (trimmed.entry, trimmed.text) == ("can-i-hug-my-therapist", "Read more")
    assert (trimmed.reason.code, trimmed.reason.name) == ("FAQ204", "furniture-residue")
    assert result.removals.entries == []


def test_lint_points_at_the_first_furniture(corpus, faq):
    text = """\
name: therapy
title: Therapy
language: en
entries:
  - id: can-i-hug-my-therapist
    question: Can I hug my therapist?
    answer: |-
      Many therapists are comfortable with a hug if you ask first.

      Share on Facebook
"""
    write_collection(corpus, "therapy", text)
    result = faq("lint", cwd=corpus)
    line, column = position(text, "Share on Facebook")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ204 page furniture in the answer: "
            "'Share on Facebook' (furniture-residue) [*]") in result.stdout.splitlines()


def test_a_line_that_goes_on_after_a_breadcrumb_is_content():
    from pipeline.rules.furniture_residue import is_furniture_line

    assert is_furniture_line("www.example.com › therapy › hugs")
    assert not is_furniture_line("https://www.example.com › hugs Therapists may hug clients who ask.")
