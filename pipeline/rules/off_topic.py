from __future__ import annotations

import statistics
from collections import Counter
from typing import Iterator

from pipeline.language import content_stems
from pipeline.model import Collection, Severity
from pipeline.rules.base import Context, Finding, Rule


def relevance_scores(collection: Collection, whole_entry: bool = False) -> list[float]:
    """How much each entry's question is about what the rest of the collection is about.

    The score is the mean, over the question's content stems, of the share of the
    *other* entries (question and answer) that use the stem. Words a whole
    collection shares ("therapist" in a therapy FAQ) weigh most; a question whose
    words no other entry uses scores near zero. An entry without question words is
    scored on its answer; with ``whole_entry``, every entry is scored on its question
    and answer together.
    """
    language = collection.language
    documents = [set(content_stems(f"{e.question}\n{e.answer}", language)) for e in collection.entries]
    frequency = Counter(stem for document in documents for stem in document)
    others = max(1, len(documents) - 1)
    scores = []
    for entry, document in zip(collection.entries, documents):
        stems = (not whole_entry and set(content_stems(entry.question, language))) or document
        if not stems:
            scores.append(0.0)
            continue
        scores.append(sum((frequency[s] - (s in document)) / others for s in stems) / len(stems))
    return scores


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
        scores = relevance_scores(collection)
        median = statistics.median(scores)
        cutoff = min(float(ctx.options["threshold"]), median * float(ctx.options["ratio"]))
        whole = relevance_scores(collection, whole_entry=True)
        for entry, score, score_whole in zip(collection.entries, scores, whole):
            if score < cutoff and score_whole < cutoff:
                yield Finding(entry, f"off-topic for this collection: relevance {score:.3f} is below "
                              f"{cutoff:.3f} (collection median {median:.3f})", field="question",
                              remove=True)
