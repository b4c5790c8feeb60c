from __future__ import annotations

import re
from typing import Iterator

from pipeline.answer import answer_items
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule

# Brackets that open and close with characters of their own, in every script: the
# ASCII ones, then the full-width and CJK ones ("（注）", 「引用」, 《书名》).
_ASCII_BRACKETS = ("()", "[]", "{}")
_BRACKETS = (*_ASCII_BRACKETS, "（）", "［］", "｛｝", "【】", "〔〕", "〖〗", "〈〉", "《》", "「」", "『』", "｢｣")
# "a) first, b) second", "iii) third", "1) step" and "１）" use a closing bracket on its own.
_ENUMERATOR_RE = re.compile(r"(?:^|\s)(?:\w{1,2}|[ivxIVX]{1,5})[)）]")
_INCH_RE = re.compile(r'(?<=\d)"')  # 15" laptop


def _without_enumerators(text: str) -> str:
    """``text`` without enumerators; one that would close an open "(" ("(up to 7)")
    is not an enumerator."""
    if ")" not in text and "）" not in text:
        return text
    kept, start = [], 0
    for match in _ENUMERATOR_RE.finditer(text):
        opening = "(" if match.group(0)[-1] == ")" else "（"
        before = "".join(kept) + text[start:match.start()]
        if before.count(opening) <= before.count(match.group(0)[-1]):
            kept.append(text[start:match.start()] + " ")
            start = match.end()
    return "".join(kept) + text[start:]


def _quotes_pair_up(low: int, left: int, right: int) -> bool:
    """Whether ``low`` „, ``left`` “ and ``right`` ” marks pair up in the ways
    languages pair them: “a” (English and most), „a“ (German, Czech; Russian inside
    «»), „a” (Polish, Hungarian, Romanian) and ”a” (Swedish, Finnish). Which way a
    text uses is not the collection language's to decide: a German page quoting
    “so” is balanced too."""
    for german in range(min(low, left) + 1):
        english = left - german  # the other “ close with ”
        rest = right - english - (low - german)  # the ” that „” and “” pairs leave
        if rest >= 0 and rest % 2 == 0:
            return True
    return False


def unbalanced(text: str) -> str | None:
    """The first pair of brackets or quotes that does not close in ``text``, if any."""
    text = _without_enumerators(text)
    ascii = text.isascii()
    for pair in _ASCII_BRACKETS if ascii else _BRACKETS:
        if text.count(pair[0]) != text.count(pair[1]):
            return pair
    if not ascii:
        # «a», and »a« in Danish. A » with no « is not taken for a quote: pages use
        # it alone as an arrow or a separator ("Read more »", "Home » Help").
        if "«" in text and text.count("«") != text.count("»"):
            return "«»"
        low, left, right = text.count("„"), text.count("“"), text.count("”")
        if (low or left or right) and not _quotes_pair_up(low, left, right):
            return "“”" if not low else "„“" if left >= right else "„”"
    if text.count('"') % 2 and _INCH_RE.sub("", text).count('"') % 2:
        return '""'
    return None


class UnbalancedPairs(Rule):
    """A bracket or quotation mark that is opened and never closed (or the reverse).

    What it finds: paragraphs, list items and questions whose parentheses,
    brackets or braces (full-width and CJK ones too: （）, 「」, 《》, ...),
    guillemets or double quotation marks do not balance. Quotation marks may pair
    in any language's way: “a”, „a“, „a”, ”a”, «a» or »a«.

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
        pair = unbalanced(entry.question)
        if pair:
            yield Finding(entry, f"unbalanced {pair} in the question", field="question")
        for item in answer_items(entry.answer):
            pair = unbalanced(item)
            if pair:
                yield Finding(entry, f"unbalanced {pair} in {item[:40]!r}",
                              offset=max(0, entry.answer.find(item)))
