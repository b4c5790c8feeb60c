from __future__ import annotations

import hashlib
from typing import Any, Iterator

from pipeline.answer import parse_blocks
from pipeline.model import Collection, Severity
from pipeline.rules.base import Finding
from pipeline.rules.corpus_wide import CorpusRule, earlier_label
from pipeline.rules.duplicate_question import question_key


def answer_key(answer: str) -> str:
    """An answer reduced to its words: no list markers, emphasis, punctuation, case
    or spacing, so that "- Ask **first**." and "1. ask first" have the same key."""
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
        minimum = int(options["min_words"])
        first: dict[bytes, tuple[Collection, int, str]] = {}
        for collection in collections:
            for index, entry in enumerate(collection.entries):
                key = answer_key(entry.answer)
                if len(key.split()) < max(minimum, 1):
                    continue
                digest = hashlib.blake2b(key.encode("utf-8"), digest_size=16).digest()
                question = question_key(entry.question)
                if digest not in first:
                    first[digest] = (collection, index, question)
                    continue
                other, other_index, other_question = first[digest]
                if other_question == question:
                    continue  # the same question again: duplicate-question reports it
                yield collection, Finding(
                    entry, f"the same answer as the earlier question "
                    f"{earlier_label(other, other_index, collection)}: "
                    f"{other.entries[other_index].question!r}")
