from __future__ import annotations

import re
from typing import Iterator

from pipeline.language import base_language
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Fix, Rule

# The apostrophe of a contraction lost to a space, a question mark or the
# replacement character. Only forms that cannot be two real words are repaired.
_PRONOUNS = r"i|you|we|they|he|she|it|that|what|who|there|here|where|how|let"
_BROKEN_RE = re.compile(
    r"\b("
    r"(?:do|does|did|is|are|was|were|has|have|had|could|should|would|must|need|might|ai|sha|wo|ca)n"
    r"[ ?\ufffd]t"
    r"|(?:" + _PRONOUNS + r")[ ?\ufffd]s"
    r"|(?:you|we|they|who|what)[ ?\ufffd]re"
    r"|(?:i|you|we|they|could|would|should|might|must|who)[ ?\ufffd]ve"
    r"|(?:i|you|we|they|he|she|it|that|there|who)[ ?\ufffd]ll"
    r"|i[ ?\ufffd]m"
    r"|(?:i|you|we|they|he|she)[ ?\ufffd]d"
    r")\b(?!-)",  # "you re-enter", "we re-send": a prefix, not a contraction
    re.IGNORECASE,
)
_SEPARATOR_RE = re.compile(r"[ ?\ufffd](?=\w+$)")
# What every match of _BROKEN_RE ends in: a lost apostrophe and the contraction's
# tail. Looking for it first is twenty times cheaper, and most text has none.
_MAYBE_BROKEN_RE = re.compile(r"[ ?\ufffd](?:t|s|re|ve|ll|m|d)\b", re.IGNORECASE)


def repair_contractions(text: str) -> str:
    return _BROKEN_RE.sub(lambda m: _SEPARATOR_RE.sub("'", m.group(0)), text)


class BrokenContraction(Rule):
    """A contraction whose apostrophe was lost ("don t", "doesn?t", "it s").

    What it finds: English contractions whose apostrophe became a space, a question
    mark or the Unicode replacement character, a common scraping and encoding
    accident. Only forms that cannot be read as two real words are matched
    ("don t", "can t", "I m", "they re"), so ordinary text is never touched.

    Why it matters: the damaged word reads as a typo, breaks search for the
    question, and makes otherwise identical questions look different.

    Example:
        failing: question: "What therapists don t tell you?"
        passing: question: "What therapists don't tell you?"

    Fix (safe): puts the apostrophe back.
    """

    code = "FAQ205"
    name = "broken-contraction"
    severity = Severity.WARNING
    fixable = "safe"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        if base_language(ctx.language) != "en":
            return
        for field in ("question", "answer"):
            value = getattr(entry, field)
            match = _MAYBE_BROKEN_RE.search(value) and _BROKEN_RE.search(value)
            if match:
                found = sorted({m.group(0) for m in _BROKEN_RE.finditer(value)})
                yield Finding(entry, f"apostrophe lost in {', '.join(repr(f) for f in found)}",
                              field=field, offset=match.start(),
                              fix=Fix({field: repair_contractions(value)}))
