from __future__ import annotations

import hashlib
import re
from typing import Any, Iterator

from pipeline.answer import parse_blocks
from pipeline.model import Collection, Severity
from pipeline.rules.corpus_wide import Found, KeyedRule, Occurrence, Part, question_key


# Any line that could start a list item (a superset of what `parse_blocks` takes for
# one): without such a line, an answer is paragraphs only and has no markers to drop.
_LIST_LINE_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s", re.MULTILINE)


def answer_key(answer: str) -> str:
    """An answer reduced to its words: no list markers, emphasis, punctuation, case
    or spacing, so that "- Ask **first**." and "1. ask first" have the same key."""
    if not _LIST_LINE_RE.search(answer):  # most answers; parsing them would change nothing
        return question_key(answer)
    return question_key(" ".join(item for block in parse_blocks(answer) for item in block.items))


class DuplicateAnswer(KeyedRule):
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

    def contribution(self, collection: Collection) -> dict[str, list]:
        """Each answer as a 128-bit digest of its key (None when it has no words) and
        its number of words: small values however long the answers are. Two
        different answers share a digest about once in 10^20 corpora of a million."""
        digests: list[str | None] = []
        counts: list[int] = []
        for entry in collection.entries:
            key = answer_key(entry.answer)
            digests.append(hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest() if key else None)
            counts.append(key.count(" ") + 1 if key else 0)
        return {"digests": digests, "words": counts}

    def rows(self, part: Part, options: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        minimum = max(int(options["min_words"]), 1)
        answers = part.data[self.code]
        for index, (digest, count) in enumerate(zip(answers["digests"], answers["words"])):
            if digest is not None and count >= minimum:
                # The question's key only to compare with the first's: 64 bits of it do.
                question = hashlib.blake2b(part.keys[index].encode("utf-8", "surrogatepass"), digest_size=8)
                yield digest, [index, part.ids[index], question.hexdigest(), part.questions[index]]

    def judge(self, key: str, occurrences: list[Occurrence], options: dict[str, Any], shared: Any
              ) -> Iterator[Found]:
        """Each answer after the first is a duplicate, unless its question is too."""
        first, (first_index, first_id, first_key, question) = occurrences[0]
        label = f"'{first_id or f'#{first_index + 1}'}'"
        for part, (index, entry_id, key, _question) in occurrences[1:]:
            if key == first_key:
                continue  # the same question again: duplicate-question reports it
            where = label if part is first else f"{label} in collection '{first.name}'"
            yield Found(part, index, f"the same answer as the earlier question {where}: {question!r}",
                        field="answer", entry_id=entry_id)
