from __future__ import annotations

from typing import Iterator

from pipeline.language import base_language, words
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule

# Languages written without spaces between words: a word count means nothing there.
UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})


class QuestionLength(Rule):
    """A question too short or too long to be a question a reader would ask.

    What it finds: questions with fewer words than `min_words` (default 2) or more
    than `max_words` (default 30). Languages written without spaces between words
    (Chinese, Japanese, Thai, ...) are not counted.

    Why it matters: a one-word "question" ("Pricing?") is a heading or a search
    term, not something a reader asks; a question of several sentences is usually a
    paragraph of the answer that the scraper took for the question, or a question
    that should be split. Search engines and assistants also match short, natural
    questions best.

    Example:
        failing: question: "Hugs?"
        passing: question: "Can I hug my therapist?"

    Options: `min_words` (default 2), `max_words` (default 30).
    """

    code = "FAQ102"
    name = "question-length"
    severity = Severity.WARNING
    options = {"min_words": 2, "max_words": 30}

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        if base_language(ctx.language) in UNSPACED_LANGUAGES:
            return
        count = len(words(entry.question))
        minimum, maximum = int(ctx.options["min_words"]), int(ctx.options["max_words"])
        if count == 0:
            return  # an empty question is a schema error
        if count < minimum:
            yield Finding(entry, f"question has {count} word{'s' if count != 1 else ''} "
                          f"(at least {minimum} expected)", field="question")
        elif count > maximum:
            yield Finding(entry, f"question has {count} words (at most {maximum} expected); "
                          "is part of it the answer?", field="question")
