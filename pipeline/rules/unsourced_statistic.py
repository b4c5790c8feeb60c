from __future__ import annotations

import re
from typing import Iterator

from pipeline.language import folded, mentions
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule

_STATISTIC_RE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:%|percent\b|per ?cent\b|percentage points?\b)"
    r"(?!\s*(?:off|discount)\b)"  # "10% off" is an offer, not a claim
    r"|\b\d+\s+(?:in|out of)\s+(?:every\s+)?\d+\b",
    re.IGNORECASE)
# Every statistic holds "%" or "per" (in any case), or is a ratio ("1 in 5"): a
# check of the text in lower case that is much cheaper than the pattern.
_STATISTIC_HINTS = ("%", "per")
_RATIO_RE = re.compile(r"\d\s+(?:in|out of)\s")
# What counts as naming a source: a link, a numbered or author-year citation,
# "Source:", or "according to" followed by a name.
_SOURCE_RE = re.compile(
    r"https?://|\bwww\.|\]\(|\[\d+\]|\([^()]*\b(?:1[89]|20)\d\d[a-z]?\)|\b(?i:sources?):"
    r"|\b(?i:according to) (?:the )?[A-Z]"
    r"|\b(?i:study|survey|report|data) (?:by|from) (?:the )?[A-Z]")


class UnsourcedStatistic(Rule):
    """A statistic stated without a source.

    What it finds: percentages and ratios ("72 percent of therapists", "1 in 5
    adults") in an answer that names no source: no link, no citation such as
    "[1]" or "(Smith, 2019)", no "according to" followed by a name. "According to
    new research" does not name a source.

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
        if match and not _SOURCE_RE.search(entry.answer):
            yield Finding(entry, f"statistic {match.group(0)!r} is stated without a source",
                          offset=match.start())
