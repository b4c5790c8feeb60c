from __future__ import annotations

import re
from typing import Iterator

from pipeline.answer import parse_blocks
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Fix, Rule

# No sentence ends after a title ("Dr. Jane Smith").
_SENTENCE_RE = re.compile(r"(?<=[.!?…])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bProf\.)(?<!\bSt\.)"
                          r"\s+(?=\S)")
# The same breaks with the mark that ends the sentence in front (one character more):
# starting with a character class, the search skips to the marks instead of
# trying the look behind at every character.
_BREAK_RE = re.compile(r"[.!?…](?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bProf\.)(?<!\bSt\.)"
                       r"\s+(?=\S)")
_REFERENCE_RE = re.compile(r"\s*(?:\[(?:\d+|citation needed|source)\]\s*)+$", re.IGNORECASE)
_SMALL_WORDS = {"of", "for", "and", "the", "on", "in", "at", "de", "du", "des", "der", "die",
                "und", "la", "le", "y", "del", "&",
                # the prepositions of institutions' names ("Bundesagentur für Arbeit")
                "für", "von", "zur", "zum", "pour", "para", "per", "di", "della", "van", "voor", "do", "da"}
# Closing words are not a source, though German writes them (as all its nouns) with
# capitals, and sign-offs often do too: "Vielen Dank.", "Thank You."
_CLOSINGS = {"thank you", "thanks", "many thanks", "good luck", "best regards", "kind regards",
             "vielen dank", "danke", "danke schön", "herzlichen dank", "viel erfolg", "viel spaß",
             "gute besserung", "alles gute", "merci", "merci beaucoup", "bonne chance", "gracias",
             "muchas gracias", "buena suerte", "grazie", "grazie mille", "buona fortuna", "obrigado",
             "obrigada", "muito obrigado", "boa sorte", "bedankt", "hartelijk dank", "veel succes"}


def _sentences(paragraph: str) -> list[str]:
    """The sentences of ``paragraph``; a lower-case word goes on the sentence before
    it ("within the U.S. and Canada.")."""
    breaks = [m for m in _BREAK_RE.finditer(paragraph) if not paragraph[m.end()].islower()]
    starts = [0] + [m.end() for m in breaks]
    ends = [m.start() + 1 for m in breaks] + [len(paragraph)]
    return [paragraph[a:b] for a, b in zip(starts, ends)]


def dangling_tail(answer: str) -> str | None:
    """The citation fragment ending ``answer``, if it ends in one."""
    blocks = parse_blocks(answer)
    if not blocks or blocks[-1].kind != "paragraph":
        return None
    paragraph = blocks[-1].text
    # the pattern holds at the end only, but is tried at every position: look first
    reference = _REFERENCE_RE.search(paragraph) if paragraph.rstrip().endswith("]") else None
    if reference and reference.start() > 0:
        return reference.group(0).strip()
    sentences = _sentences(paragraph)
    if len(sentences) < 2 and len(blocks) < 2:
        return None
    last = sentences[-1].strip()
    if last.endswith(("?", "!", ":")):
        return None
    tokens = last.rstrip(".").split()
    if " ".join(tokens).lower().rstrip(",") in _CLOSINGS:
        return None
    names = [t for t in tokens if t.lower() not in _SMALL_WORDS]
    if not 1 < len(tokens) <= 6 or not names:
        return None
    if all(t[:1].isupper() for t in names) and not last.isupper():
        return last
    return None


class DanglingCitation(Rule):
    """A source's name left hanging at the end of an answer.

    What it finds: an answer whose last sentence is only a name in title case
    ("American Counseling Association.", "Bundesagentur für Arbeit.") or a bare
    reference mark ("[3]", "[citation needed]"), left behind when a scraper copied
    the snippet together with the name of the site or paper it came from. Closing
    words are not names, even in capitals ("Thank You.", "Vielen Dank.").

    Why it matters: the fragment reads as a broken sentence, and it hides a source
    that should be cited properly (a link, or "according to ...") or not at all.

    Example:
        failing: "... and lessen therapy's benefits. American Counseling Association."
        passing: "... and lessen therapy's benefits, according to the American Counseling Association."

    Fix (unsafe): removes the fragment; an editor may prefer to turn it into a citation.
    """

    code = "FAQ211"
    name = "dangling-citation"
    severity = Severity.WARNING
    fixable = "unsafe"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        tail = dangling_tail(entry.answer)
        if tail:
            offset = entry.answer.rfind(tail)
            fixed = entry.answer[:offset].rstrip()
            yield Finding(entry, f"the answer ends in a dangling citation {tail!r}", offset=offset,
                          fix=Fix({"answer": fixed}, safe=False, cut=[tail]))
