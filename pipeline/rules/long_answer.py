from __future__ import annotations

from typing import Iterator

from pipeline.answer import answer_items
from pipeline.language import words
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule


class LongAnswer(Rule):
    """An answer longer than an FAQ answer should be.

    What it finds: answers with more words than the `max_words` option (default
    350, about two minutes of reading). List markers are not counted.

    Why it matters: an FAQ answer is read in a list, a search snippet or a voice
    assistant, where the first sentences carry it; a long one buries the answer.
    It may hold several answers (split the entry) or deserve a page of its own
    (answer briefly and link to it). Length alone is not a defect, so this is
    information for an editor, not a warning.

    Example:
        failing: an answer of 600 words covering fees, insurance and cancellations
        passing: "Sessions cost $120. Most insurers cover ..." and a link to the fees page

    Options: `max_words` (default 350).
    """

    code = "FAQ213"
    name = "long-answer"
    severity = Severity.INFO
    options = {"max_words": 350}

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        # Counted in the text of paragraphs and items: list numbers are not words.
        count = len(words(" ".join(answer_items(entry.answer))))
        maximum = int(ctx.options["max_words"])
        if count > maximum:
            yield Finding(entry, f"answer has {count} words (at most {maximum} expected)")
