from __future__ import annotations

import re
from typing import AbstractSet, Iterator

from pipeline.answer import answer_items, parse_blocks
from pipeline.language import STOPWORDS, base_language
from pipeline.model import Collection, Entry, Severity
from pipeline.rules.base import Context, Finding, Fix, Rule
from pipeline.rules.markup_damage import item_span
from pipeline.rules.question_form import is_shouting

# Acronyms common enough in FAQs to keep without evidence. Words that are also
# ordinary words in capitals ("US", "IT", "AM") are left out on purpose.
KNOWN_ACRONYMS = frozenset("""
FAQ FAQS USA UK EU UN ID PDF URL HTML API GP NHS ATM VAT GPS USB SMS TV DIY CEO OK FBI NASA
""".split())
# Languages whose sentence case lower-cases nouns. German capitalises every noun,
# and Turkish and Azerbaijani case "I" differently from Python, so the fix would
# damage them.
_NO_FIX_LANGUAGES = {"de", "lb", "tr", "az"}
_WORD_RE = re.compile(r"[^\W\d_]+")
_CAPITAL_RUN_RE = re.compile(r"[A-Z][A-Z]+")


def _ascii_capital_words(text: str) -> Iterator[str]:
    """The words of ASCII ``text`` in capitals, of two letters or more: a run of
    capitals with no letter either side (much cheaper than reading every word)."""
    for match in _CAPITAL_RUN_RE.finditer(text):
        start, end = match.span()
        if not text[start - 1:start].isalpha() and not text[end:end + 1].isalpha():
            yield match.group(0)
_OPENING = re.escape("\"'“‘«([*_")
_SENTENCE_START_RE = re.compile(
    rf"(\A[{_OPENING}]*|[.!?…][\"'”’»)\]*_]*\s+[{_OPENING}]*)([^\W\d_])")


def learned_acronyms(collection: Collection) -> frozenset[str]:
    """Words of two to five capital letters that the collection also uses inside
    mixed-case text ("the American Psychological Association [APA]"): acronyms by the
    collection's own evidence. Function words are not taken ("this is their OWN
    issue", "What should therapists NOT do?"): in capitals they are emphasis."""
    function_words = STOPWORDS.get(base_language(collection.language), frozenset())
    found: set[str] = set()
    for entry in collection.entries:
        for text in (entry.question, *answer_items(entry.answer)):
            if not any(map(str.islower, text)):
                continue
            candidates = (_ascii_capital_words(text) if text.isascii()
                          else filter(str.isupper, _WORD_RE.findall(text)))
            for word in candidates:
                if 2 <= len(word) <= 5 and word.lower() not in function_words:
                    found.add(word)
    return frozenset(found)


def sentence_case(text: str, acronyms: AbstractSet[str], language: str) -> str:
    """``text`` in lower case but for acronyms, the English pronoun "I" and the first
    letter of each sentence."""
    english = base_language(language) == "en"

    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if word in acronyms or (english and word == "I") else word.lower()

    lowered = _WORD_RE.sub(lower, text)
    return _SENTENCE_START_RE.sub(lambda m: m.group(1) + m.group(2).upper(), lowered)


class Shouting(Rule):
    """Paragraphs or list items of an answer written in capital letters.

    What it finds: answer paragraphs and list items whose letters are all capitals
    (at least 8 of them, not counting acronyms). Acronyms are the words of a small
    list (FAQ, USA, EU, ID, PDF, URL, ...) and any word of two to five capitals that
    the same collection also uses inside mixed-case text ("... Association [APA]").
    Questions in capitals are question-form's.

    Why it matters: text in capitals reads as shouting, is harder to read, and is
    usually a heading or a styled list the scraper copied without its style.

    Example:
        failing: "1. THEY ARE ENGAGED WHILE YOU TALK."
        passing: "1. They are engaged while you talk."

    Fix (unsafe): rewrites those paragraphs and items in sentence case, keeping
    acronyms and "I". Without a dictionary it cannot tell names from words:
    "AMERICAN COUNSELING ASSOCIATION" becomes "American counseling association",
    an acronym the collection never writes in mixed-case text is lower-cased, and a
    word an editor capitalised for emphasis elsewhere is kept in capitals. No fix is
    offered in German (every noun is capitalised) or Turkish.
    """

    code = "FAQ214"
    name = "shouting"
    severity = Severity.WARNING
    fixable = "unsafe"

    def check_collection(self, collection: Collection, ctx: Context) -> Iterator[Finding]:
        acronyms = KNOWN_ACRONYMS | learned_acronyms(collection)
        for entry in collection.entries:
            yield from self._check(entry, acronyms, ctx.language)

    def _check(self, entry: Entry, acronyms: AbstractSet[str], language: str) -> Iterator[Finding]:
        if not any(is_shouting(item, acronyms) for item in answer_items(entry.answer)):
            return  # most answers; the blocks are only needed to describe a finding
        shouted = [(block.kind, item) for block in parse_blocks(entry.answer) for item in block.items
                   if is_shouting(item, acronyms)]
        if not shouted:
            return
        spans: list[tuple[int, int]] = []
        cursor = 0
        for _kind, item in shouted:
            span = item_span(entry.answer, item, cursor)
            if span is None:
                break
            spans.append(span)
            cursor = span[1]
        fix = None
        if len(spans) == len(shouted) and base_language(language) not in _NO_FIX_LANGUAGES:
            fixed, last = [], 0
            for start, end in spans:
                fixed += [entry.answer[last:start],
                          sentence_case(entry.answer[start:end], acronyms, language)]
                last = end
            fix = Fix({"answer": "".join(fixed) + entry.answer[last:]}, safe=False)
        paragraphs = sum(1 for kind, _ in shouted if kind == "paragraph")
        items = len(shouted) - paragraphs
        counted = [f"{n} {word}{'s' if n > 1 else ''}" for n, word in
                   ((paragraphs, "paragraph"), (items, "list item")) if n]
        yield Finding(entry, f"{' and '.join(counted)} written in capital letters, from "
                      f"{shouted[0][1][:50]!r}", offset=spans[0][0] if spans else 0, fix=fix)
