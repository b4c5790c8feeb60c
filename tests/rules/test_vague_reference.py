"""FAQ220 vague-reference: answers that point at a place on a page."""
from __future__ import annotations

import pytest

from pipeline.rules.vague_reference import VagueReference

from rules.support import check, entry


def test_click_here():
    item = entry(answer="You can change your booking online; click here for details.")
    [finding] = check(VagueReference, item)
    assert finding.message == "'click here' points at a place on a page; an FAQ answer is read on its own"
    assert (finding.field, finding.offset, finding.fix) == ("answer", 36, None)


@pytest.mark.parametrize("answer, phrase", [
    ("See below for our opening hours.", "See below"),
    ("As mentioned above, hugs are fine.", "As mentioned above"),
    ("The prices are in the table below.", "the table below"),
    ("Please follow this link to book.", "follow this link"),
    ("Read more here.", "Read more here"),
    ("Our fees are listed [here](https://example.com/fees).", "[here](https://example.com/fees)"),
    ("For details, [click here](https://example.com).", "[click here](https://example.com)"),
])
def test_phrases(answer, phrase):
    [finding] = check(VagueReference, entry(answer=answer))
    assert finding.message.startswith(repr(phrase))
    assert finding.offset == answer.index(phrase)


def test_other_languages():
    [finding] = check(VagueReference, entry(answer="Die Preise finden Sie siehe unten."), language="de")
    assert finding.message.startswith("'siehe unten'")
    [finding] = check(VagueReference, entry(answer="Pour réserver, cliquez ici."), language="fr")
    assert finding.message.startswith("'cliquez ici'")
    assert check(VagueReference, entry(answer="Click here."), language="ja") == []


@pytest.mark.parametrize("language, answer, phrase", [
    ("it", "Per prenotare, clicca qui.", "clicca qui"),
    ("pt", "Os preços estão na tabela, veja abaixo.", "veja abaixo"),
    ("nl", "Voor de prijzen, zie hieronder.", "zie hieronder"),
    ("hi", "ज़्यादा जानकारी के लिए यहाँ क्लिक करें।", "यहाँ क्लिक करें"),
    ("hi", "ज़्यादा जानकारी के लिए [यहाँ](/shipping) पढ़ें।", "[यहाँ](/shipping)"),  # a link that says "here"
])
def test_more_languages(language, answer, phrase):
    [finding] = check(VagueReference, entry(answer=answer), language=language)
    assert finding.message.startswith(f"{phrase!r} points at a place on a page")


@pytest.mark.parametrize("answer", [
    "There is a strong link between stress and sleep; this link is well studied.",
    "Temperatures below zero can damage the plants.",
    "Keep the bag below 23 kg.",
    "You can read more about hugs in our guide to therapy (https://example.com/guide).",
    "Book [your session online](https://example.com/book).",
    "Click the Bookings tab in your account, then choose Cancel.",
])
def test_near_misses(answer):
    assert check(VagueReference, entry(answer=answer)) == []
