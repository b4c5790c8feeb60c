from __future__ import annotations

import re
from typing import Iterator

from pipeline.language import folded, mentions
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule

# "percent" in the languages with function-word lists (pipeline/language.py) and Russian.
_PERCENT_WORDS = (r"percent\b|per ?cent\b|percentage points?\b|prozent\b|pour cent\b|por ciento\b"
                  r"|per cento\b|por cento\b|procent\b|процент")
_STATISTIC_RE = re.compile(
    rf"\b\d+(?:[.,]\d+)?\s*(?:%|{_PERCENT_WORDS})"
    r"(?!\s*(?:off|discount)\b)"  # "10% off" is an offer, not a claim
    r"|\b\d+\s+(?:in|out of)\s+(?:every\s+)?\d+\b",
    re.IGNORECASE)
# Every statistic holds "%", "per", one of the other words for it (in any case),
# or is a ratio ("1 in 5"): a check of the text in lower case that is much
# cheaper than the pattern.
_STATISTIC_HINTS = ("%", "per", "prozent", "pour cent", "ciento", "por cento", "procent", "процент")
_RATIO_RE = re.compile(r"\d\s+(?:in|out of)\s")
# What counts as naming a source: a link, a numbered or author-year citation,
# "Source:" (in any of these languages, and with French's space before the colon)...
_SOURCE_RE = re.compile(
    r"https?://|\bwww\.|\]\(|\[\d+\]|\([^()]*\b(?:1[89]|20)\d\d[a-z]?\)"
    r"|\b(?i:sources?|quellen?|fuentes?|fontes?|fonti|bron(?:nen)?|источники?|źródło)\s?:")
# ... or "according to" (or a study, survey, report or data by or from) followed
# by a name: a capital letter, perhaps after an article. "According to new
# research" names none. The same in German, French, Spanish, Italian, Portuguese,
# Dutch and Russian.
_NAMED_BY_RE = re.compile(
    r"\b(?:according to|(?:study|survey|report|data) (?:by|from)"
    r"|laut|gemäß|nach angaben (?:von )?"
    r"|selon|d['’]après|según|de acuerdo con|secondo|stando a|segundo|de acordo com"
    r"|volgens|согласно|по данным)"
    r"\s+(?:(?:the|der|die|das|dem|den|des|le|la|les|el|los|las|il|lo|gli|o|a|os|as|de|het)\s+|l['’])?",
    re.IGNORECASE)


def _names_a_source(answer: str) -> bool:
    if _SOURCE_RE.search(answer):
        return True
    return any(answer[m.end():m.end() + 1].isupper() for m in _NAMED_BY_RE.finditer(answer))


class UnsourcedStatistic(Rule):
    """A statistic stated without a source.

    What it finds: percentages and ratios ("72 percent of therapists", "1 in 5
    adults") in an answer that names no source: no link, no citation such as
    "[1]" or "(Smith, 2019)", no "Source:", no "according to" followed by a name.
    "According to new research" does not name a source. Percentages and sources
    are read in German, French, Spanish, Italian, Portuguese, Dutch and Russian
    too ("según la OMS", "laut dem RKI", "Source : INSEE", "по данным ВОЗ").

    Why it matters: numbers are the claims readers remember and repeat; without a
    source an editor cannot check them, and a reader cannot trust them.

    Example:
        failing: "According to new research, 72 percent of therapists felt friendship."
        passing: "72 percent of therapists felt friendship (Smith, 2019)."
    """

    code = "FAQ210"
    name = "unsourced-statistic"
    severity = Severity.WARNING

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        answer = entry.answer
        if not (mentions(answer, _STATISTIC_HINTS) or _RATIO_RE.search(folded(answer))):
            return
        match = _STATISTIC_RE.search(answer)
        if match and not _names_a_source(answer):
            yield Finding(entry, f"statistic {match.group(0)!r} is stated without a source",
                          offset=match.start())
