"""FAQ221 advertising: promotional content in an answer."""
from __future__ import annotations

import pytest

from pipeline.rules.advertising import Advertising

from rules.support import check, entry


def test_call_to_buy_and_a_coupon_code():
    item = entry(answer="Yes! Order today and use code SAVE20 for 20% off.")
    [finding] = check(Advertising, item)
    assert finding.message == ("promotional wording 'Order today', 'use code SAVE20': FAQ content must "
                               "not advertise")
    assert (finding.field, finding.offset, finding.fix) == ("answer", 5, None)


@pytest.mark.parametrize("answer, first", [
    ("Buy now while supplies last.", "Buy now"),
    ("Only $19.99, today only!", "$19.99"),
    ("Get 30% off for a limited time.", "30% off"),
    ("Don't miss out: sign up now.", "Don't miss out"),
    ("Our special offer makes it cheaper.", "special offer"),
    ("This post contains affiliate links.", "affiliate links"),
    ("We may earn a commission when you buy through links.", "We may earn a commission"),
    ("Get it at https://amzn.to/x?tag=mysite-20 today.", "?tag=mysite-20"),
    ("Sessions from €49, ends soon.", "€49"),
    ("Claim your free consultation.", "Claim your free"),
])
def test_promotions(answer, first):
    [finding] = check(Advertising, entry(answer=answer))
    assert finding.message.startswith(f"promotional wording {first!r}")


@pytest.mark.parametrize("answer", [
    # A pricing FAQ states prices and discounts as facts.
    "The basic plan costs $10 a month; annual billing is 20% off.",
    "Yes, every plan starts with a 14-day free trial.",
    "Yes! Students get 50% off admission.",
    "If you order today before 2 pm, we ship today.",
    "You can buy a gift card for $25 at the front desk.",
    "Use code 1234 to open the door.",
    "A limited number of $5 tickets are sold at the door.",
    "We do not run special promotions; our fees are the same for everyone.",
])
def test_near_misses(answer):
    assert check(Advertising, entry(answer=answer)) == []


def test_english_only():
    assert check(Advertising, entry(answer="Jetzt kaufen! Buy now."), language="de") == []
