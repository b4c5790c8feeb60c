from __future__ import annotations

from typing import Iterator

from pipeline.language import content_stem, content_stems, words
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule


def _compound_shared(question: set[str], answer: set[str]) -> bool:
    """Whether a stem of one is a part that opens or closes a compound of the other:
    "Versandkosten" asks what "Versand" and "kostet" answer; "healthcare", "health".
    The part has four letters or more, and the rest of the compound three ("handle"
    is not "hand" and a letter)."""
    for first in question:
        for second in answer:
            short, long = (first, second) if len(first) <= len(second) else (second, first)
            if len(short) >= 4 and len(long) - len(short) >= 3 and (long.startswith(short) or long.endswith(short)):
                return True
    return False


class UnrelatedAnswer(Rule):
    """An answer that shares no content word with its question.

    What it finds: entries where not one content word of the question (after
    dropping function words and reducing words to their stems, so "therapists"
    matches "therapist") appears in the answer, not even as a part of a compound
    ("Versandkosten" and "Versand", "healthcare" and "health").

    Why it matters: scraped answers are sometimes the snippet for a neighbouring
    question, or a passage about something else ("What should you not do in a
    therapy session?" answered with advice for couples counsellors). The entry
    may answer a different question than it asks.

    Example:
        failing: question "Why do therapists stay silent?", answer "Hands can show anxiety."
        passing: question "Why do therapists stay silent?", answer "Silence lets the therapist ..."
    """

    code = "FAQ209"
    name = "unrelated-answer"
    severity = Severity.WARNING

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        question = set(content_stems(entry.question, ctx.language))
        if not question or not entry.answer.strip():
            return
        # A content word written the same way in both shares its stem: most answers
        # are settled here, without stemming every word of the answer.
        shared = set(words(entry.question)).intersection(words(entry.answer))
        if any(content_stem(word, ctx.language) is not None for word in shared):
            return
        answer = set(content_stems(entry.answer, ctx.language))
        if question.isdisjoint(answer) and not _compound_shared(question, answer):
            yield Finding(entry, "the answer shares no content word with the question; it may "
                          "answer a different question")
