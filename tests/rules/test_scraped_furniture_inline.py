"""FAQ222 scraped-furniture-inline: page chrome glued into an answer's text."""
from __future__ import annotations

import pytest

from pipeline.clean import clean_collection
from pipeline.rules.scraped_furniture_inline import ScrapedFurnitureInline

from rules.support import assert_fix_is_idempotent, check, collection, entry, rule_set


def test_more_items_after_the_last_list_item():
    item = entry(answer="- Behave unethically.\n- Disrupt the session by divided attention. More items...")
    [finding] = check(ScrapedFurnitureInline, item)
    assert finding.message == "page furniture inside the answer's text: 'More items...'"
    assert (finding.field, finding.offset) == ("answer", item.answer.index("More items"))
    assert finding.fix.safe and finding.fix.cut == ["More items..."]
    assert finding.fix.changes == {
        "answer": "- Behave unethically.\n- Disrupt the session by divided attention."}


@pytest.mark.parametrize("answer, fixed, cut", [
    ("Therapists may hug clients who ask. Was this helpful? Feedback",
     "Therapists may hug clients who ask.", ["Was this helpful? Feedback"]),
    ("Therapists may hug. www.example.com › therapy › hugs Most ask first.",
     "Therapists may hug. Most ask first.", ["www.example.com › therapy › hugs"]),
    ("Hugs are fine. Search for: therapist hug near me\n\nAsk first.",
     "Hugs are fine.\n\nAsk first.", ["Search for: therapist hug near me"]),
    ("Hugs are fine. People also search for therapist hug near me",
     "Hugs are fine.", ["People also search for therapist hug near me"]),
    ("Hugs are fine.Related searches hug therapy", "Hugs are fine.", ["Related searches hug therapy"]),
    ("1. Ask first. Read more", "1. Ask first.", ["Read more"]),
    ("- “I'm the worst.” More items", "- “I'm the worst.”", ["More items"]),  # marks already cut
    ("Zwei bis drei Werktage. Ähnliche Suchanfragen Lieferzeit DHL", "Zwei bis drei Werktage.",
     ["Ähnliche Suchanfragen Lieferzeit DHL"]),
    ("Deux à trois jours. Recherches associées délai livraison", "Deux à trois jours.",
     ["Recherches associées délai livraison"]),
    ("Tre giorni. Altre domande sulla spedizione", "Tre giorni.", ["Altre domande sulla spedizione"]),
])
def test_kinds_of_inline_furniture(answer, fixed, cut):
    [finding] = check(ScrapedFurnitureInline, entry(answer=answer))
    assert finding.fix.changes == {"answer": fixed}
    assert finding.fix.cut == cut


@pytest.mark.parametrize("answer", [
    "Go to example.com › Account › Password to reset it.",  # instructions, not a breadcrumb
    "Open Settings > Account > Password.",
    "See also the section on fees.",
    "Das geht online. Siehe auch unsere Fragen zum Versand.",  # "see also" in any language is prose
    "C'est en ligne. Voir aussi nos questions sur la livraison.",
    "Write to us by email. Email",  # a single word ends real sentences
    "Use the search box and search for: names, dates or places.",
    "Contact us. Read more about our team on the website.",
    "You can learn more at the front desk.",
    "Read more",  # a line of its own is furniture-residue's
    "Hugs are fine.\n\nwww.example.com › therapy › hugs",
])
def test_near_misses(answer):
    assert check(ScrapedFurnitureInline, entry(answer=answer)) == []


def test_fix_is_idempotent():
    item = entry(answer="Ask first. More items... Feedback\n\nYes. https://www.example.com › a › b Ask.")
    after = assert_fix_is_idempotent(ScrapedFurnitureInline, item)
    assert after["answer"] == "Ask first.\n\nYes. Ask."


def test_cleaning_cuts_and_records_the_furniture(tmp_path):
    item = entry(answer="Therapists may hug clients who ask. Was this helpful?")
    item.id = "can-i-hug"
    result = clean_collection(collection(item), [], rule_set(tmp_path))
    result.resolve_cuts()
    assert item.answer == "Therapists may hug clients who ask."
    [trimmed] = result.removals.trimmed
    assert (trimmed.entry, trimmed.text, trimmed.reason.code) == ("can-i-hug", "Was this helpful?", "FAQ222")
