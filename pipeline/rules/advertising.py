from __future__ import annotations

import re
from typing import Iterator

from pipeline.language import Hints, base_language, mentions
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule

_CTA_VERBS = r"(?:buy|order|shop|call|subscribe|sign up|book|act|register)"
# Wording that is promotional wherever it stands.
_PROMOTION_RE = re.compile("|".join([
    rf"\b{_CTA_VERBS} now\b",
    rf"(?:^|(?<=[.!?]\s)|(?<=\n)){_CTA_VERBS} today\b",  # "Order today and ..." (not "if you order today")
    rf"\b{_CTA_VERBS} today!",
    r"\blimited[- ]time (?:offer|only|deal|discount)s?\b", r"\bfor a limited time\b",
    r"\bwhile (?:supplies|stocks?) lasts?\b", r"\bdon'?t miss (?:out|this (?:offer|deal))\b",
    r"\b(?:exclusive|special|introductory) (?:offer|deal|discount)s?\b",
    r"\b(?:best|lowest) prices? (?:guaranteed|anywhere|online)\b", r"\bunbeatable (?:price|deal)s?\b",
    r"\bact fast\b", r"\bclick (?:here )?to (?:buy|order|shop|subscribe)\b", r"\badd to (?:cart|basket)\b",
    r"\b(?:claim|grab) your (?:free|discount|offer|deal)\b", r"\bfree trial (?:today|now)\b",
    # a code with a capital letter: "SAVE20", not the door code "1234"
    r"\buse (?:the )?(?:promo |coupon |discount |voucher )?code:? "
    r"(?-i:(?=[A-Z0-9]{3,}\b)[0-9]*[A-Z][A-Z0-9]*)\b",
    # affiliate and sponsorship markers
    r"\baffiliate links?\b", r"#(?:ad|sponsored|affiliate)\b", r"\bsponsored (?:post|content|links?)\b",
    r"\bwe (?:may )?(?:earn|receive|get) (?:a )?(?:small )?commission\b", r"\bas an amazon associate\b",
    r"[?&](?:tag=[\w-]+-2[0-9]|aff(?:iliate)?(?:_?id)?=|affid=)",
]), re.IGNORECASE | re.MULTILINE)
# Offers that are facts in a pricing FAQ ("Students get 50% off") and promotion
# only with urgency or a call to action in the same sentence.
_OFFER_RE = re.compile(
    r"[$€£¥]\s?\d+(?:[.,]\d+)*|\b\d+(?:[.,]\d+)*\s?(?:€|\$|USD|EUR|GBP|dollars|euros)\b"
    r"|\b\d{1,3}\s?% off\b"
    r"|\bfree trial\b|\bdiscounts?\b|\bsave (?:up to )?\d", re.IGNORECASE)
_URGENCY_RE = re.compile(
    r"\b(?:today only|only today|hurry|last chance|ends? (?:soon|today|tonight|this week|on \w+day)"
    r"|limited (?:time|stock|availability|spots|places)|grab|claim|get yours|don'?t wait|act now"
    r"|won'?t last)\b|\b(?:now|today)!", re.IGNORECASE)
# Words of which every match of _PROMOTION_RE (or _OFFER_RE) holds one: where none
# is, the long case-insensitive pattern (a tenth of a millisecond an answer) need
# not be tried. Keep them in step with the patterns (tests/rules/test_advertising.py).
_PROMOTION_HINTS = (
    *(f"{verb} {when}" for verb in ("buy", "order", "shop", "call", "subscribe", "sign up", "book",
                                    "act", "register") for when in ("now", "today")),
    "limited time", "limited-time", "while supplies", "while stock", "miss out", "miss this",
    *(f"{kind} {offer}" for kind in ("exclusive", "special", "introductory")
      for offer in ("offer", "deal", "discount")),
    "best price", "lowest price", "unbeatable ", "act fast", "click ", "add to cart", "add to basket",
    *(f"{verb} your {what}" for verb in ("claim", "grab") for what in ("free", "discount", "offer", "deal")),
    "free trial ", "use code", "use the code", "promo code", "coupon code", "discount code",
    "voucher code", "affiliate link", "#ad",
    "#sponsored", "#affiliate", "sponsored ", "commission", "amazon associate",
    "?tag=", "&tag=", "?aff", "&aff",
)
_PROMOTION_GATE = Hints(_PROMOTION_HINTS)
_OFFER_HINTS = ("$", "€", "£", "¥", "usd", "eur", "gbp", "dollars", "% off", "free trial", "discount",
                "save ")
_SENTENCE_RE = re.compile(r"(?:[^.!?\n]|[.!?](?=\S))+[.!?]*")  # "$19.99" does not end one


def promotions(text: str) -> list[re.Match[str]]:
    """The promotional wording in ``text``: calls to buy, urgency, coupon codes,
    affiliate markers, and offers (a price, "% off", a free trial) pushed with
    urgency or a call to action in the same sentence."""
    found = list(_PROMOTION_RE.finditer(text)) if _PROMOTION_GATE.found_in(text) else []
    # no offer anywhere: no sentence to look at (most answers)
    if not mentions(text, _OFFER_HINTS) or not _OFFER_RE.search(text):
        return found
    for sentence in _SENTENCE_RE.finditer(text):
        offer = _OFFER_RE.search(sentence.group(0))
        if offer and _URGENCY_RE.search(sentence.group(0)):
            start = sentence.start() + offer.start()
            if not any(m.start() <= start < m.end() for m in found):
                found.append(_OFFER_RE.search(text, start))
    return sorted(found, key=lambda m: m.start())


class Advertising(Rule):
    """Promotional content in an answer: calls to buy, coupon codes, affiliate links.

    What it finds: calls to action ("buy now", "order today!", "sign up now", "add
    to cart"), urgency ("limited time offer", "while supplies last", "don't miss
    out"), coupon codes ("use code SAVE20"), affiliate and sponsorship markers
    ("affiliate link", "#ad", "we may earn a commission", "?tag=...-20"), and
    offers (a price, "% off", a free trial, a discount) in a sentence that also
    pushes them ("Only $19.99, today only!"). A price or a discount stated as a
    fact ("The basic plan costs $10 a month; students get 50% off") is what a
    pricing FAQ is for and is not reported. English only.

    Why it matters: Google's guidelines for FAQ structured data forbid advertising
    in FAQ content, and a page that breaks them loses its rich results. Readers
    also trust an answer less when it sells.

    Example:
        failing: "Yes! Order today and use code SAVE20 for 20% off."
        passing: "Yes. Orders placed before 2 pm ship the same day."
    """

    code = "FAQ221"
    name = "advertising"
    severity = Severity.WARNING

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        if base_language(ctx.language) != "en":
            return
        found = promotions(entry.answer)
        if found:
            shown = ", ".join(repr(m.group(0).strip()) for m in found[:3])
            yield Finding(entry, f"promotional wording {shown}: FAQ content must not advertise",
                          offset=found[0].start())
