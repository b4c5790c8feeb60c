"""FAQ306 inconsistent-term: one term spelled in different ways across the corpus."""
from __future__ import annotations

import pytest

from pipeline.model import Severity
from pipeline.rules.inconsistent_term import InconsistentTerm, spelling

from rules.support import check_collection, collection, context, entry


def _findings(*collections):
    rule = InconsistentTerm()
    found = []
    for target in collections:
        others = [c for c in collections if c is not target]
        found += rule.check_collection(target, context(InconsistentTerm, target, others))
    return found


def test_minority_spelling_is_reported_with_the_majority_and_counts():
    mail = collection(
        entry("How do I contact you?", "Send us an email; we answer every email within a day.", id="contact"),
        entry("Can I change my email address?", "Yes, in your account.", id="change"), name="account")
    other = collection(entry("Can I send documents by e-mail?", "Yes, attach them to an e-mail.", id="docs"),
                       name="documents")
    [finding] = _findings(mail, other)
    assert finding.entry.id == "docs"
    assert finding.message == "'e-mail' is written 'email' elsewhere in the corpus (2× against 3×)"
    assert (finding.field, finding.offset, finding.fix) == ("question", 24, None)
    assert InconsistentTerm.severity is Severity.INFO


@pytest.mark.parametrize("texts, reported", [
    (["Our healthcare plan covers it.", "Ask your healthcare provider.", "Health care costs vary."],
     "'Health care' is written 'healthcare'"),  # title case at a sentence start is not a variant
    (["Connect to the WiFi.", "The WiFi password is on the card.", "Is there wi-fi in every room?"],
     "'wi-fi' is written 'WiFi'"),
    (["Connect to the WiFi.", "WiFi is free.", "Is wifi free?"], "'wifi' is written 'WiFi'"),
])
def test_kinds_of_variant(texts, reported):
    target = collection(*[entry(f"Question {n}?", text) for n, text in enumerate(texts)])
    [finding] = check_collection(InconsistentTerm, target)
    assert finding.message.startswith(reported)


@pytest.mark.parametrize("texts", [
    ["Log in to your account.", "Your login is your email address."],  # verb and noun
    ["We are open every day.", "Everyday questions are welcome."],  # function word
    ["Plan for the long term.", "A long-term plan helps."],  # no joined spelling
    ["EMAIL US TODAY.", "Email us today.", "Write an email."],  # capitals only
    ["See www.e-mail.example or https://email.example/e-mail.", "Send an email."],  # addresses
    ["Use `e-mail` as the key.", "Send an email."],  # code
])
def test_near_misses(texts):
    target = collection(*[entry(f"Question {n}?", text) for n, text in enumerate(texts)])
    assert check_collection(InconsistentTerm, target) == []


def test_each_entry_reports_a_spelling_once():
    target = collection(entry("Q1?", "Send an email or an email."), entry("Q2?", "Write an email."),
                        entry("Q3?", "An e-mail, another e-mail."))
    [finding] = check_collection(InconsistentTerm, target)
    assert finding.message == "'e-mail' is written 'email' elsewhere in the corpus (2× against 3×)"


def test_spelling():
    assert [spelling(w) for w in ("Email", "EMAIL", "Wi-Fi", "WiFi", "iPhone", "E-Mail")] == [
        "email", "email", "wi-fi", "WiFi", "iPhone", "e-mail"]


# -- the per-file contribution finds the pairs the pattern finds -----------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pipeline.rules.inconsistent_term import (_ASCII_PAIR_RE, _ASCII_WORD_RE, _PAIR_RE, _WORD_RE,  # noqa: E402
                                              _marked_patterns)

_PIECES = ["health", "care", "Wi", "Fi", "e", "mail", "ab", "abc", "x1y", "under_score", "well-known",
           " ", "  ", ".", ",", "-", "(", ")", "'", "\n", "2024", "—"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_the_ascii_patterns_find_what_the_patterns_find(pieces):
    text = "".join(pieces)
    assert _ASCII_PAIR_RE.findall(text) == _PAIR_RE.findall(text)
    assert _ASCII_WORD_RE.findall(text) == _WORD_RE.findall(text)
    # Text without marks: the patterns for text with them find the same.
    marked_words, marked_pairs = _marked_patterns()
    assert marked_pairs.findall(text) == _PAIR_RE.findall(text)
    assert marked_words.findall(text) == _WORD_RE.findall(text)


def test_a_hindi_term_is_compared_whole():
    # "ईमेल" and "ई-मेल" (email, e-mail): their vowel signs are marks, which cut the
    # words into pieces ("ई-म", "ल") before.
    first = collection(entry("ईमेल पता कैसे बदलें?", "खाते में जाकर ईमेल बदलें। हर ईमेल की पुष्टि होती है।", id="a"),
                       name="account", language="hi")
    second = collection(entry("क्या मैं ई-मेल से दस्तावेज़ भेज सकता हूँ?", "हाँ।", id="docs"), name="docs", language="hi")
    [finding] = _findings(first, second)
    assert (finding.entry.id, finding.field, finding.offset) == ("docs", "question", 9)
    assert finding.message == "'ई-मेल' is written 'ईमेल' elsewhere in the corpus (1× against 3×)"


def test_contribution_counts_words_and_content_pairs_across_entries():
    target = collection(entry("Health care for you?", "Our health care team answers email."),
                        entry("Is healthcare free?", "Health Care is free, and the care team too."))
    found = InconsistentTerm().contribution(target)
    assert found["words"]["care"] == 3 and found["words"]["Care"] == 1 and found["words"]["Health"] == 2
    # Pairs never span two texts ("you?" / "Our"), and pairs with a function word are left out.
    assert found["pairs"] == {"health care": 3, "care team": 2, "team answers": 1, "answers email": 1,
                              "healthcare free": 1}
