from __future__ import annotations

import hashlib
import re
from typing import Any, Iterator

from pipeline.answer import parse_blocks
from pipeline.model import Collection, Severity
from pipeline.rules.base import Finding
from pipeline.rules.corpus_wide import CorpusRule, earlier_label
from pipeline.rules.duplicate_question import question_key


# Any line that could start a list item (a superset of what `parse_blocks` takes for
# one): without such a line, an answer is paragraphs only and has no markers to drop.
_LIST_LINE_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s", re.MULTILINE)


def answer_key(answer: str) -> str:
    """An answer reduced to its words: no list markers, emphasis, punctuation, case
    or spacing, so that "- Ask **first**." and "1. ask first" have the same key."""
    if not _LIST_LINE_RE.search(answer):  # most answers; parsing them would change nothing
        return question_key(answer)
    return question_key(" ".join(item for block in parse_blocks(answer) for item in block.items))


class DuplicateAnswer(CorpusRule):
    """The same answer under two different questions.

    What it finds: answers of the corpus (across all collections) equal to the
    answer of an earlier entry that asks a different question, once case, spacing,
    punctuation and Markdown markers are ignored. Answers shorter than `min_words`
    words (default 8) are not compared, so that "Yes." twice is not reported;
    entries whose questions are the same are duplicate-question's. "Earlier" means
    in a collection whose name sorts first, then earlier in the collection.

    Why it matters: a scrape often repeats one snippet under several questions;
    at most one of them is answered, and the others show an answer to something
    else. Two questions that really share an answer are better merged, or
    answered each in its own words.

    Example:
        failing: "Can I hug my therapist?" and "Can my therapist hold me?" with one identical answer
        passing: each question with the answer to what it asks

    Options: `min_words` (default 8). Compares hashes of the normalised answers, so
    it takes one pass over the corpus.
    """

    code = "FAQ305"
    name = "duplicate-answer"
    severity = Severity.WARNING
    options = {"min_words": 8}

    def check_corpus(self, collections: list[Collection], options: dict[str, Any]
                     ) -> Iterator[tuple[Collection, Finding]]:
        minimum = max(int(options["min_words"]), 1)
        # Each distinct answer is one 64-bit hash pointing at where it first appears
        # (collection number and entry index in one int): a small index however long
        # the answers are. A match is confirmed on the answers themselves; answers
        # whose hashes collide (about once in 10^7 corpora of a million) are kept
        # by their full keys.
        first: dict[int, int] = {}
        colliding: dict[str, int] = {}
        for number, collection in enumerate(collections):
            for index, entry in enumerate(collection.entries):
                key = answer_key(entry.answer)
                if not key or key.count(" ") + 1 < minimum:
                    continue
                place = number << 32 | index
                hashed = int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest())
                earlier = first.setdefault(hashed, place)
                if earlier == place:
                    continue
                other, other_index = collections[earlier >> 32], earlier & 0xFFFFFFFF
                if answer_key(other.entries[other_index].answer) != key:
                    earlier = colliding.setdefault(key, place)
                    if earlier == place:
                        continue
                    other, other_index = collections[earlier >> 32], earlier & 0xFFFFFFFF
                if question_key(other.entries[other_index].question) == question_key(entry.question):
                    continue  # the same question again: duplicate-question reports it
                yield collection, Finding(
                    entry, f"the same answer as the earlier question "
                    f"{earlier_label(other, other_index, collection)}: "
                    f"{other.entries[other_index].question!r}")
