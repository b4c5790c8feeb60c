from __future__ import annotations

import re
from typing import Iterator

from pipeline.language import word_re
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Fix, Rule
from pipeline.rules.duplicate_question import question_key

# What may end the repeated question: its own mark, a full stop or colon, a spaced
# dash ("Is therapy worth it - yes, ..."), a line break or the end. Nothing else, so
# that an answer whose first sentence merely starts with the question's words
# ("Therapists cry sometimes") is left alone. Closing quotes and emphasis marks go
# with it.
_CLOSE = "\"'”’»)*_"
_DASH = r"[ \t]+[-–—](?=[ \t])"
_END_RE = re.compile(
    rf"[{_CLOSE}]*(?:[?？؟!.:…]+[{_CLOSE}]*(?:{_DASH})?|{_DASH}|[ \t]*(?:\n|\Z))")


def repeated_question(question: str, answer: str) -> tuple[int, bool] | None:
    """Where the repetition of ``question`` that opens ``answer`` ends, and whether
    the answer is nothing else; None when it does not open with it."""
    key = question_key(question)
    if not key:
        return None
    count = len(key.split())
    last = None
    # Words as `question_key` sees them: letters, digits and marks, apostrophes inside.
    for number, last in enumerate(word_re(answer).finditer(answer), start=1):
        if number == count:
            break
    else:
        return None
    if question_key(answer[:last.end()]) != key:
        return None
    closing = _END_RE.match(answer, last.end())
    if closing is None:
        return None
    return closing.end(), not any(ch.isalnum() for ch in answer[closing.end():])


def capitalised(text: str) -> str:
    """``text`` with its first word capitalised when that word is in lower case
    ("absolutely" -> "Absolutely", but "iPhone" and "eBay" stay)."""
    match = re.match(r"[^\W\d_]+", text)
    if match and match.group(0).islower():
        return text[0].upper() + text[1:]
    return text


class AnswerRepeatsQuestion(Rule):
    """An answer that opens by repeating its own question.

    What it finds: answers whose first words are the question itself (ignoring
    case, punctuation and spacing), ending at a question mark, full stop, colon,
    spaced dash or line break; and answers that are nothing but the question.

    Why it matters: scrapers copy the heading along with the text under it, so the
    question is shown twice; in a search snippet or a voice answer the repetition
    wastes the words that count. An answer that only repeats the question has no
    answer at all.

    Example:
        failing: question "Can I hug my therapist?", answer "Can I hug my therapist? Yes, if you ask first."
        passing: question "Can I hug my therapist?", answer "Yes, if you ask first."

    Fix (safe): removes the repeated question (and the separator after it) when an
    answer remains, and capitalises its first word when it is in lower case;
    cleaning records what it cut.
    """

    code = "FAQ212"
    name = "answer-repeats-question"
    severity = Severity.WARNING
    fixable = "safe"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        rest = entry.answer
        while found := repeated_question(entry.question, rest):  # it may be repeated twice
            end, nothing_else = found
            if nothing_else:
                yield Finding(entry, "the answer only repeats the question")
                return
            rest = rest[end:].lstrip()
        if rest != entry.answer:
            repeated = entry.answer[:len(entry.answer) - len(rest)].strip()
            yield Finding(entry, "the answer opens by repeating the question",
                          fix=Fix({"answer": capitalised(rest)}, cut=[repeated]))
