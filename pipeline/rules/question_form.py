from __future__ import annotations

import functools
import re
import unicodedata
from typing import AbstractSet, Iterator

from pipeline.language import INNER_QUESTION_MARK, base_language, question_marks
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Fix, Rule


_WORD_RE = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=64)
def _in_capitals(acronyms: frozenset[str]) -> bool:
    """Whether no acronym holds a lower-case letter (a collection's set, checked once)."""
    return not any(ch.islower() for word in acronyms for ch in word)


def is_shouting(text: str, acronyms: AbstractSet[str] = frozenset()) -> bool:
    """True for text written in capital letters: at least 8 cased letters, none of
    them lower case. Words in ``acronyms`` ("FAQ", "PDF") are not counted, so that
    a line of acronyms is not shouting."""
    # Most text has a lower-case letter (in ASCII: upper-casing changes it), and then
    # no need to look for acronyms: taking out words in capitals leaves that letter.
    if (text.upper() != text if text.isascii() else any(map(str.islower, filter(str.isalpha, text)))):
        if not acronyms or (isinstance(acronyms, frozenset) and _in_capitals(acronyms)):
            return False
    if acronyms:
        text = _WORD_RE.sub(lambda m: "" if m.group(0) in acronyms else m.group(0), text)
    letters = "".join(filter(str.isalpha, text))
    # No letter is both upper and lower case, so "cased" is the sum of the two.
    upper = sum(map(str.isupper, letters))
    return upper >= 8 and not any(map(str.islower, letters))


class QuestionForm(Rule):
    """A question that does not read as one: no question mark, or all in capitals.

    What it finds: questions that do not end in the question mark of the collection's
    language ("?" for most, "؟" for Arabic, ";" for Greek, none for Thai; Armenian
    writes its "՞" over the word that asks, anywhere), and questions written
    entirely in capital letters.

    Why it matters: readers scan an FAQ by its questions; a statement where a
    question belongs, or a shouted one, looks like a heading scraped by mistake.
    Real FAQs also hold statements ("My files are detected as binary."), so this
    is a warning for an editor, not a schema error.

    Example:
        failing: question: "CAN I HUG MY THERAPIST"
        passing: question: "Can I hug my therapist?"

    Fix (unsafe): appends the language's question mark.
    """

    code = "FAQ101"
    name = "question-form"
    severity = Severity.WARNING
    fixable = "unsafe"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        question = entry.question.strip()
        if not question:
            return  # an empty question is a schema error
        marks = question_marks(ctx.language)
        # NFC turns the Greek question mark (U+037E) into the ";" the table lists.
        ending = unicodedata.normalize("NFC", question).rstrip("\"'”’»)")
        if marks != ("",) and not ending.endswith(marks) and INNER_QUESTION_MARK not in question:
            if base_language(ctx.language) == "hy":  # which word asks is the editor's to say: no fix
                yield Finding(entry, f"question has no '{marks[0]}'", field="question", offset=len(question))
            else:
                yield Finding(entry, f"question does not end with '{marks[0]}'", field="question",
                              offset=len(question), fix=Fix({"question": question + marks[0]}, safe=False))
        if is_shouting(question):
            yield Finding(entry, "question is written in capital letters", field="question")
