from __future__ import annotations

import re
from typing import Iterator

from pipeline.language import base_language, mentions
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule
from pipeline.rules.broken_link import links

_THINGS = (r"(?:table|list|chart|graph|image|picture|photo|video|form|button|link|section|diagram"
           r"|figure|map|steps)")
# Phrases that point at a place on the page the answer was written for. "This
# link" only after a verb of following: "this link between stress and sleep" is
# a connection, not a hyperlink.
PHRASES: dict[str, str] = {
    "en": "|".join([
        r"\b(?:click|tap|press) (?:here|below|above|on (?:the|this) (?:link|button))\b",
        r"\b(?:see|shown|listed|described|explained) (?:below|above)\b(?! (?:the|a|an|zero|\d))",
        r"\bas (?:mentioned|stated|noted|described|explained|shown|discussed|said) "
        r"(?:above|below|earlier|previously|before)\b",
        r"\b(?:click|follow|use|visit|open|tap|via|at|through) (?:this|the following) link\b",
        r"\b(?:the )?link (?:below|above)\b",
        rf"\bthe {_THINGS} (?:below|above)\b",
        r"\b(?:read|learn|find out|see) more here\b",
    ]),
    "de": r"\bhier klicken\b|\bklicken sie hier\b|\bsiehe (?:unten|oben)\b|\bwie (?:oben|unten) "
          r"(?:erwähnt|beschrieben)\b|\bdiesen link\b",
    "fr": r"\bcliquez ici\b|\bcliquer ici\b|\bvoir ci-(?:dessous|dessus)\b|\bci-dessous\b|"
          r"\bci-dessus\b|\bce lien\b",
    "es": r"\bhaz clic aquí\b|\bhaga clic aquí\b|\bpulsa aquí\b|\bver (?:abajo|arriba)\b|"
          r"\b(?:más )?abajo se (?:muestra|indica)\b|\beste enlace\b",
    "it": r"\bclicca(?:te)? qui\b|\bvedi (?:sotto|sopra)\b|\bcome (?:indicato|descritto|detto) "
          r"(?:sopra|sotto)\b|\bquesto link\b",
    "pt": r"\bclique aqui\b|\bclica aqui\b|\bveja (?:abaixo|acima)\b|\bver (?:abaixo|acima)\b|"
          r"\b(?:este|neste) link\b",
    "nl": r"\bklik hier\b|\bzie (?:hieronder|hierboven)\b|\bdeze link\b",
    # No \b: a Devanagari word may end in a mark, which \b does not take for a letter.
    "hi": r"(?:यहाँ|यहां|इस लिंक पर) क्लिक करें|(?:नीचे|ऊपर) देखें",
}
_PHRASE_RE = {language: re.compile(pattern, re.IGNORECASE) for language, pattern in PHRASES.items()}
# Words of which every match of a language's phrases holds one (in any case): an
# answer without them needs no search. Keep them in step with PHRASES.
PHRASE_HINTS: dict[str, tuple[str, ...]] = {
    "en": ("click ", "tap ", "press ", " below", " above", "this link", "following link", "more here",
           *(f"as {verb}" for verb in ("mentioned", "stated", "noted", "described", "explained", "shown",
                                       "discussed", "said"))),
    "de": ("hier", "unten", "oben", "link"),
    "fr": ("ici", "ci-dess", "lien"),
    "es": ("aqu", "abajo", "arriba", "enlace"),
    "it": ("qui", "sotto", "sopra", "link"),
    "pt": ("aqui", "abaixo", "acima", "link"),
    "nl": ("hier", "link"),
    "hi": ("क्लिक", "देखें"),
}
# Link texts that say nothing once the link is read on its own.
VAGUE_LINK_TEXTS = frozenset(
    "here|click here|this|this link|link|read more|more|learn more|this page|here.|hier|ici|aquí|qui|aqui"
    "|hier klicken|cliquez ici|haz clic aquí|clicca qui|clique aqui|klik hier|यहाँ|यहां|यहाँ क्लिक करें"
    .split("|"))


class VagueReference(Rule):
    """An answer that points at a place on a page: "click here", "see below".

    What it finds: phrases that refer to where something is on the page the answer
    was written for ("click here", "see below", "as mentioned above", "the table
    above", "follow this link", "read more here"), and links whose
    whole text is "here", "this link" or "read more". English, German, French,
    Spanish, Italian, Portuguese, Dutch and Hindi phrases are known; other
    languages are not checked.

    Why it matters: an FAQ answer is read alone, in search results, chat
    assistants and FAQ markup (JSON-LD), where there is no "below", no "above" and
    nothing to click. The answer must say what it refers to, and a link must say
    where it leads.

    Example:
        failing: "You can change your booking online; click here for details."
        passing: "You can change your booking in your account under Bookings."
    """

    code = "FAQ220"
    name = "vague-reference"
    severity = Severity.WARNING

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        vague_links = [m for m in links(entry.answer)
                       if not m.group(1) and m.group(2).strip().lower() in VAGUE_LINK_TEXTS]
        found = [(m.start(), m.group(0)) for m in vague_links]
        language = base_language(ctx.language)
        pattern = _PHRASE_RE.get(language)
        # a phrase that is a vague link's text is reported once
        if pattern is not None and mentions(entry.answer, PHRASE_HINTS[language]):
            found += [(m.start(), m.group(0)) for m in pattern.finditer(entry.answer)
                      if not any(link.start() <= m.start() < link.end() for link in vague_links)]
        for offset, text in sorted(found):
            yield Finding(entry, f"{text!r} points at a place on a page; an FAQ answer is read "
                          "on its own", offset=offset)
