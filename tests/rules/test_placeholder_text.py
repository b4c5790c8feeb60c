"""FAQ219 placeholder-text: placeholders where the question or answer should be."""
from __future__ import annotations

import pytest

from pipeline.model import Severity
from pipeline.rules.placeholder_text import PlaceholderText

from rules.support import check, entry


def test_placeholders_in_an_answer():
    item = entry(answer="Our fees are [insert price] per session. TODO: confirm with finance.")
    [finding] = check(PlaceholderText, item)
    assert finding.message == "placeholder text '[insert price]', 'TODO' in the answer"
    assert (finding.field, finding.offset, finding.fix) == ("answer", 13, None)
    assert PlaceholderText.severity is Severity.ERROR


@pytest.mark.parametrize("text, found", [
    ("Lorem ipsum dolor sit amet, consectetur.", "Lorem ipsum"),
    ("Opening hours: TBD.", "TBD"),
    ("FIXME", "FIXME"),
    ("Call XXX for help.", "XXX"),
    ("{{ answer }}", "{{ answer }}"),
    ("{% if member %}Free{% endif %}", "{% if member %}"),
    ("Write to [your email address].", "[your email address]"),
    ("<placeholder>", "<placeholder>"),
    ("\\<insert answer>", "\\<insert answer>"),  # as a reader escapes it
    ("Answer goes here.", "Answer goes here"),
    ("Your answer here", "Your answer here"),
])
def test_kinds_of_placeholder(text, found):
    [finding] = check(PlaceholderText, entry(answer=text))
    assert finding.message.startswith(f"placeholder text {found!r}")


def test_placeholder_question():
    [finding] = check(PlaceholderText, entry(question="{{ question }}"))
    assert finding.field == "question"
    assert finding.message == "placeholder text '{{ question }}' in the question"


@pytest.mark.parametrize("answer", [
    "Add it to your to-do list; our Todo app reminds you.",
    "Sizes run from S to XXL.",
    "Your card number is shown as XXXX-XXXX-XXXX-1234.",
    "Manage it in [your account](https://example.com/account).",
    "Prices vary {depending on the plan}.",
    "Describe what you feel; there is no wrong answer here.",
    "Lorem is a name, and ipsum a word.",
])
def test_near_misses(answer):
    assert check(PlaceholderText, entry(answer=answer)) == []
