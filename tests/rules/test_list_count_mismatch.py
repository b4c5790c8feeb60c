"""FAQ208 list-count-mismatch: a heading that announces more (or fewer) items than its
list holds."""
from __future__ import annotations

import pytest

from pipeline.rules.list_count_mismatch import ListCountMismatch

from rules.support import check, entry, position, write_collection


def _items(count: int) -> str:
    return "\n".join(f"- Sign number {n} of a therapist who is not right for you." for n in range(1, count + 1))


def test_heading_announces_more_than_the_list_holds():
    answer = "10 Things Your Therapist May Not Tell You\n\n" + _items(7)
    item = entry(answer=answer)
    [finding] = check(ListCountMismatch, item)
    assert finding.message == "the heading announces 10 items but the list holds 7"
    assert finding.field == "answer"
    assert item.answer[finding.offset:].startswith("10 Things")
    assert finding.fix is None and ListCountMismatch.fixable is None


def test_truncated_entry_says_the_source_cut_the_list():
    answer = "Intro paragraph.\n\nHere are five ways to tell:\n\n" + _items(3)
    item = entry(answer=answer, truncated=True)
    [finding] = check(ListCountMismatch, item)
    assert finding.message == ("the heading announces 5 items but the list holds 3 "
                               "(the source cut the list off)")
    assert item.answer[finding.offset:].startswith("Here are five")


@pytest.mark.parametrize("heading, count", [
    ("The top 5 signs of a good therapist:", 4),
    ("There are three ways to pay:", 2),
    ("These 12 questions come up most:", 3),
    ("We offer the following 4 options:", 2),
    ("Hier sind 5 Tipps für die erste Sitzung:", 3),
    ("Voici 3 conseils pour la première séance :", 2),
    ("Вот 4 совета для первой сессии:", 2),
])
def test_other_announcements(heading, count):
    [finding] = check(ListCountMismatch, entry(answer=f"{heading}\n\n{_items(count)}"))
    assert finding.message.endswith(f"items but the list holds {count}")


@pytest.mark.parametrize("heading, count", [
    ("2020 was a year of change for our clinic. We now offer:", 2),
    ("50 percent of clients said they wanted:", 3),
    ("7% of our clients ask for:", 2),
    ("14 days after delivery you can return items that are:", 2),
    ("24 hours before your session, please:", 3),
    ("Therapy is the one place where you can say anything. For example:", 2),
    ("One thing to remember: you can always", 3),
    ("3 signs you are seeing a good therapist:", 3),  # the count matches
    ("Here are seven ways to pay:", 7),
    # what numbers measure in other languages: days, months, hours, money
    ("14 Tage nach der Lieferung können Sie zurückgeben, was:", 2),
    ("30 jours après la livraison, vous pouvez renvoyer :", 2),
    ("3 Monate kostenlos, dann:", 2),
    ("50 Euro Rabatt bei:", 3),
    ("5 дней на возврат, если:", 2),
])
def test_headings_that_announce_no_other_count(heading, count):
    assert check(ListCountMismatch, entry(answer=f"{heading}\n\n{_items(count)}")) == []


def test_only_the_paragraph_right_before_the_list_is_a_heading():
    answer = "10 Things Your Therapist May Not Tell You\n\nSome of them surprise clients.\n\n" + _items(3)
    assert check(ListCountMismatch, entry(answer=answer)) == []


def test_lint_points_at_the_heading(corpus, faq):
    text = """\
name: therapy
title: Therapy
language: en
entries:
  - id: what-therapists-dont-tell-you
    question: What therapists don't tell you?
    answer: |-
      Therapists keep some things to themselves.

      5 Things Your Therapist May Not Tell You

      - Therapists get bored sometimes.
      - Therapists have favourite clients.
"""
    write_collection(corpus, "therapy", text)
    result = faq("lint", cwd=corpus)
    line, column = position(text, "5 Things")
    assert (f"clean/therapy.yaml:{line}:{column}: warning FAQ208 the heading announces 5 items but "
            "the list holds 2 (list-count-mismatch)") in result.stdout.splitlines()
