"""FAQ214 shouting: paragraphs and list items of an answer written in capital letters."""
from __future__ import annotations

import pytest

from pipeline.rules.question_form import is_shouting
from pipeline.rules.shouting import KNOWN_ACRONYMS, Shouting, learned_acronyms, sentence_case

from rules.support import check_collection, collection, entry

KEEPER = """\
7 Signs your Therapist is a Keeper

1. THEY ARE ENGAGED WHILE YOU TALK.
2. ALLOW YOU TO TAKE YOUR TIME.
3. YOU FEEL VALIDATED.
4. THEY CHALLENGE YOU.
5. THERE IS TRUST.
6. PAYS ATTENTION TO YOUR IDENTITY AND TRAUMA HISTORY.
7. THEY'RE OPEN TO ALTERNATIVE DIAGNOSES."""


def _check(*items, language="en"):
    return check_collection(Shouting, collection(*items, language=language))


def test_the_seed_list_in_capitals():
    item = entry("How do you tell if your therapist loves you?", KEEPER)
    [finding] = _check(item)
    assert finding.message == ("7 list items written in capital letters, from "
                               "'THEY ARE ENGAGED WHILE YOU TALK.'")
    assert finding.field == "answer"
    assert item.answer[finding.offset:].startswith("THEY ARE ENGAGED")
    assert not finding.fix.safe
    assert finding.fix.changes == {"answer": """\
7 Signs your Therapist is a Keeper

1. They are engaged while you talk.
2. Allow you to take your time.
3. You feel validated.
4. They challenge you.
5. There is trust.
6. Pays attention to your identity and trauma history.
7. They're open to alternative diagnoses."""}


def test_paragraph_in_capitals_keeps_acronyms_and_i():
    item = entry(answer="Hugs are fine.\n\nI'M SURE THE FAQ AND THE PDF SAY SO. ASK THE APA FIRST!")
    other = entry("Who sets the rules?", "The American Psychological Association (APA) does.")
    [finding] = _check(item, other)
    assert finding.message.startswith("1 paragraph written in capital letters")
    assert finding.offset == len("Hugs are fine.\n\n")
    assert finding.fix.changes == {
        "answer": "Hugs are fine.\n\nI'm sure the FAQ and the PDF say so. Ask the APA first!"}


def test_fix_is_idempotent():
    item = entry(answer="- “I'M THE WORST.”\n- ALWAYS ASK FIRST.")
    [finding] = _check(item)
    item.answer = finding.fix.changes["answer"]
    assert item.answer == "- “I'm the worst.”\n- Always ask first."
    assert _check(item) == []


def test_continuation_lines_of_a_list_item():
    item = entry(answer="- ALWAYS ASK YOUR THERAPIST\n  BEFORE YOU HUG THEM.\n- Respect a no.")
    [finding] = _check(item)
    assert finding.fix.changes == {
        "answer": "- Always ask your therapist\n  before you hug them.\n- Respect a no."}


@pytest.mark.parametrize("answer", [
    "What should therapists NOT do? Overshare.",  # emphasis inside a sentence
    "- FAQ\n- PDF\n- URL",  # acronyms are not shouting
    "- NHS, GP, USA",
    "See the FAQ (PDF) for details.",
    "7 Signs your Therapist is a Keeper",
    "- OK!",
])
def test_near_misses(answer):
    assert _check(entry(answer=answer)) == []


def test_acronyms_learned_from_mixed_case_text():
    target = collection(
        entry(answer="Ask the American Psychological Association [APA]; this is their OWN issue."),
        entry("What should therapists NOT do?", "- IOU, APA, HIPAA"))
    assert learned_acronyms(target) == {"APA"}  # not OWN or NOT (function words), nor a list in capitals
    assert is_shouting("HIPAA RULES APPLY", frozenset()) is True
    assert is_shouting("APA, HIPAA", KNOWN_ACRONYMS | {"APA", "HIPAA"}) is False


def test_german_gets_no_fix_because_nouns_keep_their_capital():
    [finding] = _check(entry("Darf ich umarmen?", "- BITTE FRAGEN SIE VORHER."), language="de")
    assert finding.fix is None


def test_sentence_case():
    assert sentence_case("WE SEE TEARS. EVERY DAY! “I'M FINE.”", KNOWN_ACRONYMS, "en") == (
        "We see tears. Every day! “I'm fine.”")
    assert sentence_case("NOUS VOYONS. ET I", KNOWN_ACRONYMS, "fr") == "Nous voyons. Et i"
