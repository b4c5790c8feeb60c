from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any, Iterator

from pipeline.model import Collection, Severity
from pipeline.rules.base import Context, Finding
from pipeline.rules.corpus_wide import CorpusIndex, CorpusRule, Found, Part, corpus_order, question_key

__all__ = ["DuplicateQuestion", "question_key"]


class DuplicateQuestion(CorpusRule):
    """The same question asked twice in the corpus.

    What it finds: questions equal to an earlier one once case, punctuation and
    spacing are ignored, in the same collection or in another collection of the
    corpus. "Earlier" means earlier in the collection, or in a collection whose
    name sorts first, so that the result does not depend on the order of runs.

    Why it matters: duplicates split the answers to one question in two places,
    confuse search and are invalid in FAQ markup, which wants each question once.

    Example:
        failing: "Can I hug my therapist?" and later "can I hug my therapist"
        passing: each question once, its answers merged into one entry

    Cleaning removes the later copy and records it beside the collection.
    """

    code = "FAQ301"
    name = "duplicate-question"
    severity = Severity.ERROR
    removes = True

    def __init__(self) -> None:
        super().__init__()
        self._first = CorpusIndex(_first_places)

    def check_collection(self, collection: Collection, ctx: Context) -> Iterator[Finding]:
        if not ctx.removed:  # linting: every collection's findings from one pass, once per run
            yield from super().check_collection(collection, ctx)
            return
        # Cleaning, where entries other rules took out of this collection do not
        # count: this collection alone, against where each question first appears
        # in the collections named before it.
        corpus_first = self._first.get(collection, ctx)

        def earlier(key: str) -> tuple[str, str] | None:
            place = corpus_first.get(key)
            return place if place is not None and place[0] < collection.name else None

        rows = (("" if id(e) in ctx.removed else question_key(e.question), e.id) for e in collection.entries)
        for index, message in _findings(collection.name, rows, earlier):
            yield Finding(collection.entries[index], message, field="question", remove=True)

    def inputs(self, part: Part) -> Any:
        return [part.name, part.ids, part.keys]  # the messages name ids, not questions

    def combine(self, parts: list[Part], options: dict[str, Any]) -> Iterator[Found]:
        """Every part's findings, keying each question once. Collections that share a
        name do not count as earlier than each other."""
        before: dict[str, tuple[str, str]] = {}  # first places in the collections named before
        for name, group in itertools.groupby(parts, key=lambda p: p.name):
            keys: list[tuple[str, str]] = []
            for part in group:
                for index, message in _findings(name, zip(part.keys, part.ids), before.get, keys):
                    yield Found(part, index, message)
            for key, entry_id in keys:
                before.setdefault(key, (name, entry_id))


def _findings(name: str, rows: Iterable[tuple[str, str]],
              earlier: Callable[[str], tuple[str, str] | None],
              keys: list[tuple[str, str]] | None = None) -> Iterator[tuple[int, str]]:
    """The findings (entry index, message) of one collection named ``name`` from its
    entries' question keys and ids (an empty key: not compared), given where a
    question appears first in the collections before it; ``keys`` collects each
    entry's key and id."""
    first: dict[str, tuple[str, str]] = {}
    for index, (key, entry_id) in enumerate(rows):
        if not key:
            continue
        if keys is not None:
            keys.append((key, entry_id))
        found = first.get(key) or earlier(key)
        if found is not None:
            where, label = found
            at = f"'{label}'" if where == name else f"'{label}' in collection '{where}'"
            yield index, f"duplicate of the earlier question {at}"
        else:
            first[key] = (name, entry_id or f"#{index + 1}")


def _first_places(collections: list[Collection], options: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Each question key of the corpus, with the collection name and entry id where
    it first appears in corpus order."""
    first: dict[str, tuple[str, str]] = {}
    for collection in corpus_order(collections):
        for entry in collection.entries:
            first.setdefault(question_key(entry.question), (collection.name, entry.id))
    return first
