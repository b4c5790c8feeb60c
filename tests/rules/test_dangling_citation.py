"""FAQ211 dangling-citation: a source's name or a bare reference left at the end."""
from __future__ import annotations

import pytest

from pipeline.rules.dangling_citation import DanglingCitation

from rules.support import assert_fix_is_idempotent, check, entry, position, write_collection

SEED = ("It's natural to feel close to your therapist. However, a personal relationship goes "
        "against most codes of ethics. It may also lessen therapy's benefits. American Counseling "
        "Association.")


def test_name_left_at_the_end():
    item = entry(answer=SEED)
    [finding] = check(DanglingCitation, item)
    assert finding.message == "the answer ends in a dangling citation 'American Counseling Association.'"
    assert finding.field == "answer"
    assert item.answer[finding.offset:] == "American Counseling Association."
    assert finding.fix.safe is (DanglingCitation.fixable == "safe") is False
    assert finding.fix.changes == {"answer": SEED[: SEED.index(" American Counseling")]}
    assert finding.fix.cut == ["American Counseling Association."]


@pytest.mark.parametrize("answer, tail, fixed", [
    ("Therapy helps most clients.[3]", "[3]", "Therapy helps most clients."),
    ("Therapy helps most clients. [citation needed]", "[citation needed]", "Therapy helps most clients."),
    ("Therapy helps most clients. [1] [2]", "[1] [2]", "Therapy helps most clients."),
    ("- Ask first.\n- Respect a no.\n\nMayo Clinic Staff.", "Mayo Clinic Staff.", "- Ask first.\n- Respect a no."),
    ("Ask your therapist first. Journal of the American Medical Association",
     "Journal of the American Medical Association", "Ask your therapist first."),
    ("Den Antrag stellen Sie online. Bundesagentur für Arbeit.", "Bundesagentur für Arbeit.",
     "Den Antrag stellen Sie online."),
])
def test_other_dangling_tails(answer, tail, fixed):
    [finding] = check(DanglingCitation, entry(answer=answer))
    assert finding.message == f"the answer ends in a dangling citation {tail!r}"
    assert finding.fix.changes == {"answer": fixed}


@pytest.mark.parametrize("answer", [
    "Hugs are fine if you both agree. Ask your therapist first.",
    "Many therapists are comfortable with a hug if you ask first.",  # one sentence
    "American Counseling Association.",  # the whole answer, not a tail
    "Hugs are fine. Good Luck!",
    "Hugs are fine. Ask yourself: Why Now?",
    "Hugs are fine. CALL US TODAY.",
    "Hugs are fine. According To The American Counseling Association, Hugs Are Fine In Most Cases.",
    "We currently ship only within the U.S. and Canada.",
    "We ship fast. For billing questions, write to our office manager, Dr. Jane Smith.",
    "- Ask first.\n- Respect a no.",
    "Hugs are fine.\n\n- Ask first.\n- Respect a no.",
    "Hugs are fine. Thank You.",
    "Das geht ganz einfach im Kundenkonto. Vielen Dank.",  # German writes nouns with capitals
    "Le formulaire est en ligne. Merci Beaucoup.",
])
def test_ordinary_endings(answer):
    assert check(DanglingCitation, entry(answer=answer)) == []


def test_fix_is_idempotent():
    after = assert_fix_is_idempotent(DanglingCitation, entry(answer=SEED))
    assert after["answer"].endswith("lessen therapy's benefits.")


def test_lint_points_at_the_fragment(corpus, faq):
    text = """\
name: therapy
title: Therapy
language: en
entries:
  - id: can-you-hang-out-with-your-therapist
    question: Can you hang out with your therapist?
    answer: |-
      It's natural to want to be friends with your therapist.

      A personal relationship with your therapist goes against most codes of ethics. American Counseling Association.
"""
    write_collection(corpus, "therapy", text)
    result = faq("lint", cwd=corpus)
    line, column = position(text, "American Counseling")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ211 the answer ends in a dangling citation "
            "'American Counseling Association.' (dangling-citation)") in result.stdout.splitlines()
