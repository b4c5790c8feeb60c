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
# What every match of _BROKEN_RE ends in: a lost apostrophe and the contraction's
# tail. Looking for it first is twenty times cheaper, and most text has none.
_MAYBE_BROKEN_RE = re.compile(r"[ ?\ufffd](?:t|s|re|ve|ll|m|d)\b", re.IGNORECASE)

# French and Italian elide a vowel before a vowel: "c'est", "qu'il", "l'homme",
# "dell'anno", "c'è". The elided words are not words on their own ("c", "qu",
# "dell"), so one of them before a space or "?" and a vowel lost its apostrophe.
# (Not "t": "a t il" is "a-t-il" without its hyphens; not Italian "nessun": "nessun
# altro" is right.) A dot or slash before ("example.com è") is an address.
_VOWELS = "aeiouyàâäæéèêëîïôöœùûü"
_ELISIONS = {
    "fr": rf"(?:c|d|j|l|m|n|s|qu|jusqu|lorsqu|puisqu|quoiqu)[ ?\ufffd][{_VOWELS}h]\w*",
    "it": rf"(?:c|d|l|dell|all|nell|dall|sull|coll|quest|quell|anch|com|dov|tutt|sant)[ ?\ufffd][{_VOWELS}]\w*",
}
# Per language: the pattern, and a cheaper one every match holds (English only: an
# elision's pattern is about as cheap as any screen for it).
_PATTERNS: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {"en": (_BROKEN_RE, _MAYBE_BROKEN_RE)} | {
    language: (re.compile(rf"(?<![\w.@/-]){words}", re.IGNORECASE), None) for language, words in _ELISIONS.items()}
_SEPARATOR_RE = re.compile(r"[ ?\ufffd](?=\w+$)")


def repair_contractions(text: str, language: str = "en") -> str:
    """``text`` with the apostrophes of its contractions (or elisions) put back, in
    the form the text uses elsewhere ("'" unless it holds "’")."""
    broken = _PATTERNS[base_language(language)][0]
    apostrophe = "’" if "’" in text else "'"
    return broken.sub(lambda m: _SEPARATOR_RE.sub(apostrophe, m.group(0)), text)


class BrokenContraction(Rule):
    """A contraction whose apostrophe was lost ("don t", "doesn?t", "it s").

    What it finds: English contractions, and French and Italian elisions, whose
    apostrophe became a space, a question mark or the Unicode replacement
    character, a common scraping and encoding accident. Only forms that cannot be
    read as two real words are matched ("don t", "can t", "I m", "they re";
    "c est", "qu il", "l?homme"; "dell anno", "c è"), so ordinary text is never
    touched.

    Why it matters: the damaged word reads as a typo, breaks search for the
    question, and makes otherwise identical questions look different.

    Example:
        failing: question: "What therapists don t tell you?"
        passing: question: "What therapists don't tell you?"

    Fix (safe): puts the apostrophe back, as the text writes it elsewhere (' or ’).
    """

    code = "FAQ205"
    name = "broken-contraction"
    severity = Severity.WARNING
    fixable = "safe"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        patterns = _PATTERNS.get(base_language(ctx.language))
        if patterns is None:
            return
        broken, maybe = patterns
        for field in ("question", "answer"):
            value = getattr(entry, field)
            match = (maybe is None or maybe.search(value)) and broken.search(value)
            if match:
                found = sorted({m.group(0) for m in broken.finditer(value)})
                yield Finding(entry, f"apostrophe lost in {', '.join(repr(f) for f in found)}",
                              field=field, offset=match.start(),
                              fix=Fix({field: repair_contractions(value, ctx.language)}))
