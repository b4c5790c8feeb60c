from __future__ import annotations

import re
from typing import Iterator

from pipeline.answer import answer_items
from pipeline.language import base_language
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule

_PAIRS = {"en": [("(", ")"), ("[", "]"), ("{", "}"), ("“", "”")],
          "de": [("(", ")"), ("[", "]"), ("{", "}"), ("„", "“")],
          "fr": [("(", ")"), ("[", "]"), ("{", "}"), ("«", "»")]}
_DEFAULT_PAIRS = [("(", ")"), ("[", "]"), ("{", "}")]
# "a) first, b) second", "iii) third" and "1) step" use a closing bracket on its own.
_ENUMERATOR_RE = re.compile(r"(?:^|\s)(?:\w{1,2}|[ivxIVX]{1,5})\)")
_INCH_RE = re.compile(r'(?<=\d)"')  # 15" laptop


def _without_enumerators(text: str) -> str:
    """``text`` without enumerators; one that would close an open "(" ("(up to 7)")
    is not an enumerator."""
    if ")" not in text:
        return text
    kept, start = [], 0
    for match in _ENUMERATOR_RE.finditer(text):
        before = "".join(kept) + text[start:match.start()]
        if before.count("(") <= before.count(")"):
            kept.append(text[start:match.start()] + " ")
            start = match.end()
    return "".join(kept) + text[start:]


def unbalanced(text: str, language: str) -> str | None:
    """The first pair of brackets or quotes that does not close in ``text``, if any."""
    text = _without_enumerators(text)
    for opening, closing in _PAIRS.get(base_language(language), _DEFAULT_PAIRS):
        if text.count(opening) != text.count(closing):
            return opening + closing
    if text.count('"') % 2 and _INCH_RE.sub("", text).count('"') % 2:
        return '""'
    return None


class UnbalancedPairs(Rule):
    """A bracket or quotation mark that is opened and never closed (or the reverse).

    What it finds: paragraphs, list items and questions whose parentheses,
    brackets, braces or double quotation marks (in the pairs the collection's
    language uses) do not balance.

    Why it matters: an unclosed quote or bracket usually means the source cut the
    sentence off, or the scraper lost part of it; readers cannot tell where the
    quotation ends.

    Example:
        failing: answer: "- “I'm the worst."
        passing: answer: "- “I'm the worst.”"
    """

    code = "FAQ207"
    name = "unbalanced-pairs"
    severity = Severity.WARNING

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        pair = unbalanced(entry.question, ctx.language)
        if pair:
            yield Finding(entry, f"unbalanced {pair} in the question", field="question")
        for item in answer_items(entry.answer):
            pair = unbalanced(item, ctx.language)
            if pair:
                yield Finding(entry, f"unbalanced {pair} in {item[:40]!r}",
                              offset=max(0, entry.answer.find(item)))
