from __future__ import annotations

import re
from typing import Iterator

from pipeline.answer import BULLET_RE, NUMBER_RE
from pipeline.language import mentions
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Fix, Rule
from pipeline.rules.furniture_residue import (BREADCRUMB_TAIL, DOMAIN, NAVIGATION_MARKERS, SEARCH_FOR,
                                              is_furniture_line)

# Markers that introduce a list of other searches or questions: from one of them
# to the end of the line is navigation. Single words ("Related", "Next") and "See
# also" also open ordinary sentences, so they are not taken inside a line.
# "See also" opens sentences of prose too, in every language: only on a line of its
# own is it navigation.
_SEE_ALSO = {"see also", "siehe auch", "voir aussi", "ver también", "vedi anche", "veja também", "zie ook",
             "смотрите также"}
_INTRODUCERS = sorted((m for m in NAVIGATION_MARKERS if " " in m and m not in _SEE_ALSO),
                      key=lambda m: (-len(m), m))
_INTRODUCER_RE = re.compile(
    r"(?<=[.!?…)\]])[ \t]*((?:" + SEARCH_FOR + "|(?:"
    + "|".join(re.escape(m) for m in _INTRODUCERS) + r")\b).*)$", re.IGNORECASE)
# Words of which every introducer holds one (lower-case, so that `mentions` finds them
# in any case): a line without them needs no search. The rule's tests check that
# they cover every introducer.
_INTRODUCER_HINTS = ("quest", "frage", "pregunta", "pergunta", "domand", "relat", "relac", "recherch",
                     "ricerch", "vraag", "vragen", "also", "search", "like", "asked", "вопрос")
# Inside a line, only with "https://" or "www." and "›" or "»", so that "Go to
# example.com > Account" stays.
_BREADCRUMB_RE = re.compile(rf"(?<![\w/.-])(?=https?://|www\.){DOMAIN}{BREADCRUMB_TAIL}")
# The last sentence of a line, when it is chrome ("... divided attention. More items...").
_LAST_SENTENCE_RE = re.compile(
    r"(?<=[.!?…])[”\"’)\]]*[ \t]*([^\s.!?…”\"’)\]][^.!?…]*[.!?…]*)[ \t]*$")
# Single words that are chrome even at the end of a sentence-ending line; others
# ("Email", "Print", "Top") end real sentences too often.
_TRAILING_WORDS = frozenset({"feedback", "advertisement", "advertisements", "sponsored"})


def _content_start(line: str) -> int:
    """Where the text of a line starts, after its list marker if it has one."""
    bullet, number = BULLET_RE.match(line), NUMBER_RE.match(line)
    return bullet.start(1) if bullet else number.start(2) if number else 0


def _last_sentence(content: str, end: int) -> re.Match[str] | None:
    """``_LAST_SENTENCE_RE.search(content, 0, end)``, started where a match can first
    begin: after the last sentence end before the final run of them (the pattern's
    look behind, tried at every character of a long line, was most of its cost)."""
    body = content[:end]
    body = (body[:-1] if body.endswith("\n") else body).rstrip(" \t").rstrip(".!?…")  # "$" before "\n"
    last = max(body.rfind(mark) for mark in ".!?…")
    if last < 0:
        return None
    return _LAST_SENTENCE_RE.search(content, last + 1, end)


def _trailing(content: str) -> int | None:
    """Where the chrome that ends ``content`` starts, if it ends in some."""
    cut = None
    while True:
        match = _last_sentence(content, cut if cut is not None else len(content))
        if not match:
            return cut
        sentence = match.group(1).strip()
        words = sentence.rstrip(".…").split()
        if not is_furniture_line(sentence) or not (
                len(words) > 1 or sentence.lower().rstrip(".…") in _TRAILING_WORDS):
            return cut
        cut = match.start(1)


def inline_furniture(answer: str) -> list[tuple[int, int]]:
    """Spans of ``answer`` that are page chrome inside a line of text: breadcrumb
    trails, "Search for: ..." and "People also ask ..." to the end of the line, and
    "More items...", "Feedback", "Was this helpful?" ending a line after a sentence.
    Lines that are chrome as a whole are furniture-residue's."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in answer.split("\n"):
        start = _content_start(line)
        content = line[start:]
        if content.strip() and not is_furniture_line(content):
            found = [m.span() for m in _BREADCRUMB_RE.finditer(content)
                     if content[:m.start()].strip() or content[m.end():].strip()] \
                if "›" in content or "»" in content else []
            introducer = _INTRODUCER_RE.search(content) if mentions(content, _INTRODUCER_HINTS) else None
            end = introducer.start(1) if introducer else len(content)
            if introducer:
                found.append((end, len(content)))
            trailing = _trailing(content[:end])
            if trailing is not None:
                found.append((trailing, end))
            for a, b in sorted(found):
                if spans and offset + start + a < spans[-1][1]:
                    continue  # inside a span already cut
                spans.append((offset + start + a, offset + start + b))
        offset += len(line) + 1
    return spans


def without_spans(answer: str, spans: list[tuple[int, int]]) -> str:
    """``answer`` without the spans: the text on either side joined by one space,
    and no line left ending in spaces."""
    parts, last = [], 0
    for start, end in spans:
        before = answer[last:start].rstrip(" \t")
        last = end
        while last < len(answer) and answer[last] in " \t":
            last += 1
        if before and not before.endswith("\n") and answer[last:last + 1] not in ("", "\n"):
            before += " "
        parts.append(before)
    return "".join(parts) + answer[last:]


class ScrapedFurnitureInline(Rule):
    """Page furniture inside the text of an answer rather than on a line of its own.

    What it finds: page chrome glued into a line of an answer: breadcrumb trails
    ("www.example.com › therapy › hugs"), "Search for: ...", "People also search
    for ..." or "Related searches ..." after a sentence (to the end of the line),
    and "More items...", "Feedback", "Was this helpful?", "Read more" ending a line
    after its last sentence. It shares furniture-residue's vocabulary, which finds
    the same chrome when it stands on a line of its own.

    Why it matters: search result pages run the chrome into the snippet's text,
    and a scrape keeps it there; published, it reads as a garbled sentence.

    Example:
        failing: "- Disrupt the session by divided attention. More items..."
        passing: "- Disrupt the session by divided attention."

    Fix (safe): cuts the chrome; cleaning records what it cut.
    """

    code = "FAQ222"
    name = "scraped-furniture-inline"
    severity = Severity.WARNING
    fixable = "safe"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        spans = inline_furniture(entry.answer)
        if spans:
            cut = [entry.answer[a:b].strip() for a, b in spans]
            yield Finding(entry, f"page furniture inside the answer's text: "
                          f"{', '.join(repr(c) for c in cut)}", offset=spans[0][0],
                          fix=Fix({"answer": without_spans(entry.answer, spans)}, cut=cut))
