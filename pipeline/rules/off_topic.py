from __future__ import annotations

import statistics
from array import array
from collections import Counter
from typing import Iterator

from pipeline.language import WORD_RE, content_stem, words
from pipeline.model import Collection, Entry, Severity
from pipeline.rules.base import Context, Finding, Rule


class _Relevance:
    """The relevance scores of one collection's entries, computed in passes over the
    entries that keep one count per distinct stem, never every entry's stems: the
    first counts the entries (question and answer) using each stem; later passes
    stem an entry again to score it. A table of the words seen makes stemming
    again cheap."""

    def __init__(self, collection: Collection) -> None:
        self.language = collection.language
        self.seen: dict[str, str | None] = {}  # word -> its content stem, None if none
        self.frequency: Counter[str] = Counter()
        for entry in collection.entries:
            self.frequency.update(self.stems(entry.question) | self.stems(entry.answer))
        self.others = max(1, len(collection.entries) - 1)

    def stems(self, text: str) -> set[str]:
        # For ASCII text, `words` is the word pattern on the lower-cased text (there
        # is nothing to normalise); this is the hot loop of the rule. (Reading the
        # words `words` keeps for other rules made the rule alone 20% slower, and
        # its memory the cache's, for no gain in a whole lint that we could measure.)
        distinct = set(WORD_RE.findall(text.lower()) if text.isascii() else words(text))
        seen = self.seen
        for word in distinct.difference(seen):
            seen[word] = content_stem(word, self.language)
        found = {seen[word] for word in distinct}
        found.discard(None)
        return found

    def _mean_share(self, stems: set[str]) -> float:
        # Every stem scored is the entry's own, so the entry counts itself once.
        return sum((self.frequency[s] - 1) / self.others for s in stems) / len(stems)

    def question(self, entry: Entry) -> float:
        """The score of the question's stems (the whole entry's if it has none)."""
        stems = self.stems(entry.question)
        return self._mean_share(stems) if stems else self.whole(entry)

    def whole(self, entry: Entry) -> float:
        """The score of the question's and the answer's stems together."""
        stems = self.stems(entry.question) | self.stems(entry.answer)
        return self._mean_share(stems) if stems else 0.0


def relevance_scores(collection: Collection, whole_entry: bool = False) -> list[float]:
    """How much each entry's question is about what the rest of the collection is about.

    The score is the mean, over the question's content stems, of the share of the
    *other* entries (question and answer) that use the stem. Words a whole
    collection shares ("therapist" in a therapy FAQ) weigh most; a question whose
    words no other entry uses scores near zero. An entry without question words is
    scored on its answer; with ``whole_entry``, every entry is scored on its question
    and answer together.
    """
    relevance = _Relevance(collection)
    score = relevance.whole if whole_entry else relevance.question
    return [score(entry) for entry in collection.entries]


class OffTopic(Rule):
    """An entry about something other than what its collection is about.

    What it finds: entries whose relevance to the rest of the collection is an
    outlier. Relevance is the share of the other entries that use the question's
    content words (stemmed, function words dropped). An entry is off-topic when its
    score is below the absolute `threshold` and also below `ratio` times the
    collection's median score, so that a collection whose entries share few words
    (a shop's FAQ about shipping, returns and accounts) is judged by its own
    standard. An entry whose question uses words no other entry uses ("Do you have a
    physical store?" in a shop's FAQ) is kept when its question and answer together
    reach that cutoff. Collections with fewer than `min_entries` entries are not judged.

    Why it matters: scrapes pick up questions from neighbouring pages ("Can humans
    bite through bone?" under a page about therapists), usually from navigation
    and "related questions" blocks. They do not belong in this collection.

    Example:
        failing: "Can humans bite through bone?" in a collection about therapy
        passing: "Can my therapist hug me?" in a collection about therapy

    Options: `threshold` (default 0.1), `ratio` (default 0.25), `min_entries` (8).
    Cleaning removes such entries and records the score and threshold.
    """

    code = "FAQ302"
    name = "off-topic"
    severity = Severity.WARNING
    removes = True
    options = {"threshold": 0.1, "ratio": 0.25, "min_entries": 8}

    def check_collection(self, collection: Collection, ctx: Context) -> Iterator[Finding]:
        if len(collection.entries) < int(ctx.options["min_entries"]):
            return
        relevance = _Relevance(collection)
        scores = array("d", map(relevance.question, collection.entries))
        median = statistics.median(scores)
        cutoff = min(float(ctx.options["threshold"]), median * float(ctx.options["ratio"]))
        for entry, score in zip(collection.entries, scores):
            if score < cutoff and relevance.whole(entry) < cutoff:
                yield Finding(entry, f"off-topic for this collection: relevance {score:.3f} is below "
                              f"{cutoff:.3f} (collection median {median:.3f})", field="question",
                              remove=True)
