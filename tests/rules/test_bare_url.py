"""FAQ216 bare-url: web addresses written as plain text in an answer."""
from __future__ import annotations

import pytest

from pipeline.model import Severity
from pipeline.rules.bare_url import BareUrl

from rules.support import assert_fix_is_idempotent, check, entry


def test_bare_address_at_the_end_of_a_sentence():
    item = entry(answer="Book online at https://example.com/book.")
    [finding] = check(BareUrl, item)
    assert finding.message == "bare web address 'https://example.com/book'"
    assert (finding.field, finding.offset) == ("answer", 15)
    assert finding.fix.safe and finding.fix.changes == {
        "answer": "Book online at <https://example.com/book>."}
    assert BareUrl.severity is Severity.INFO


@pytest.mark.parametrize("answer, fixed", [
    ("(see https://en.wikipedia.org/wiki/Hug_(gesture)) or http://example.com/faq?x=1&y=2;",
     "(see <https://en.wikipedia.org/wiki/Hug_(gesture)>) or <http://example.com/faq?x=1&y=2>;"),
    # a reader escaped "_" in the text; an autolink shows its address as written
    ("Forms: https://example.com/intake\\_form\\_2024, signed.",
     "Forms: <https://example.com/intake_form_2024>, signed."),
    ("- https://example.com/a\n- https://example.com/b",
     "- <https://example.com/a>\n- <https://example.com/b>"),
])
def test_fixes(answer, fixed):
    [finding] = check(BareUrl, entry(answer=answer))
    assert finding.fix.changes == {"answer": fixed}


def test_several_addresses_are_one_finding():
    [finding] = check(BareUrl, entry(answer="See https://a.example and https://b.example."))
    assert finding.message == "bare web address 'https://a.example' (and 1 more)"


@pytest.mark.parametrize("answer", [
    "Book [online](https://example.com/book) or at <https://example.com/desk>.",
    "Run `curl https://example.com/api` to test.",
    'Read <a href="https://example.com">our guide</a>.',
    "[guide]: https://example.com/guide",
    "Visit www.example.com or example.com.",  # no scheme: not an address a fix can be sure of
    "The https:// prefix means the connection is encrypted.",
])
def test_near_misses(answer):
    assert check(BareUrl, entry(answer=answer)) == []


def test_fix_is_idempotent():
    item = entry(answer="See https://example.com/faq. Or https://example.com/help!")
    after = assert_fix_is_idempotent(BareUrl, item)
    assert after["answer"] == "See <https://example.com/faq>. Or <https://example.com/help>!"
