from __future__ import annotations

from typing import Iterator

from pipeline.language import words
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule


class ShortAnswer(Rule):
    """An answer too short to answer anything.

    What it finds: answers with fewer words than the `min_words` option (default 4).

    Why it matters: one- and two-word answers ("Yes.", "See above") rarely help
    the reader and often mean the scraper caught a fragment of the real answer.

    Example:
        failing: answer: "Yes."
        passing: answer: "Yes, if you both feel comfortable; ask first."

    Options: `min_words` (default 4).
    """

    code = "FAQ202"
    name = "short-answer"
    severity = Severity.WARNING
    options = {"min_words": 4}

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        count = len(words(entry.answer))
        minimum = int(ctx.options["min_words"])
        if 0 < count < minimum:
            yield Finding(entry, f"answer has {count} word{'s' if count != 1 else ''} "
                          f"(at least {minimum} expected)")
