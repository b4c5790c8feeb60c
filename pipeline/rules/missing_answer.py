from __future__ import annotations

from typing import Iterator

from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule


class MissingAnswer(Rule):
    """A question with no answer.

    What it finds: entries whose answer is empty, or holds nothing but punctuation.
    In a scrape this is usually a heading that carried no text of its own.

    Why it matters: a question without an answer is not an FAQ entry; published,
    it is an empty promise, and FAQ markup with an empty answer is invalid.

    Example:
        failing: question "Should I hug my client?" with answer ""
        passing: question "Should I hug my client?" with an answer that says why or why not

    Cleaning removes such entries and records them beside the collection.
    """

    code = "FAQ201"
    name = "missing-answer"
    severity = Severity.ERROR
    removes = True

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        if not any(ch.isalnum() for ch in entry.answer):
            yield Finding(entry, "no answer follows this question", field="answer", remove=True)
