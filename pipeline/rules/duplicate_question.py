from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any, Iterator

from pipeline.model import Collection, Severity
from pipeline.rules.base import Context, Finding
from pipeline.rules.corpus_wide import (CorpusIndex, Found, KeyedRule, Occurrence, Part, corpus_order,
                                         question_key)

__all__ = ["DuplicateQuestion", "question_key"]


class DuplicateQuestion(KeyedRule):
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
        self._first: CorpusIndex[dict[str, tuple[str, str]]] = CorpusIndex()

    def check_collection(self, collection: Collection, ctx: Context) -> Iterator[Finding]:
        if not ctx.removed:  # linting: every collection's findings from one pass, once per run
            yield from super().check_collection(collection, ctx)
            return
        # Cleaning, where entries other rules took out of this collection do not
        # count: this collection alone, against where each question first appears
        # in the collections named before it.
        corpus_first = self._first.get(collection, ctx, _first_places)

        def earlier(key: str) -> tuple[str, str] | None:
            place = corpus_first.get(key)
            return place if place is not None and place[0] < collection.name else None

        rows = (("" if id(e) in ctx.removed else question_key(e.question), e.id) for e in collection.entries)
        for index, message in _findings(collection.name, rows, earlier):
            yield Finding(collection.entries[index], message, field="question", remove=True)

    def inputs(self, part: Part) -> Any:
        return [part.name, part.ids, part.keys]  # the messages name ids, not questions

    def rows(self, part: Part, options: dict[str, Any]) -> list[tuple[str, Any]]:
        # A list, not a generator: it is read for every entry of the corpus.
        return [(key, [index, entry_id]) for index, (key, entry_id) in enumerate(zip(part.keys, part.ids))
                if key]  # an empty key (no letters or digits) is not compared

    def judge(self, key: str, occurrences: list[Occurrence], options: dict[str, Any], shared: Any
              ) -> Iterator[Found]:
        """Each occurrence after the first is a duplicate of the first. Collections that
        share a name do not count as earlier than each other: in them, each one's first
        occurrence is reported only against a collection named before."""
        first_part, (index, entry_id) = occurrences[0]
        name = first_part.name
        if all(part is first_part for part, _info in occurrences if part.name == name):
            # The usual case, with no other collection of the first one's name: every
            # occurrence after the first is a duplicate of it.
            earlier = (name, entry_id or f"#{index + 1}")
            messages = {name: _message(name, earlier)}
            for part, (index, entry_id) in occurrences[1:]:
                message = messages.get(part.name)
                if message is None:
                    message = messages[part.name] = _message(part.name, earlier)
                yield Found(part, index, message, entry_id=entry_id)
            return
        before: tuple[str, str] | None = None  # the first place in the collections named before
        for name, group in itertools.groupby(occurrences, key=lambda o: o[0].name):
            group = list(group)
            first: dict[int, tuple[str, str]] = {}  # by part: its first place, when nothing was before
            for part, (index, entry_id) in group:
                found = first.get(id(part)) or before
                if found is None:
                    first[id(part)] = (name, entry_id or f"#{index + 1}")
                    continue
                yield Found(part, index, _message(name, found), entry_id=entry_id)
            if before is None:
                index, entry_id = group[0][1]
                before = (name, entry_id or f"#{index + 1}")


def _findings(name: str, rows: Iterable[tuple[str, str]],
              earlier: Callable[[str], tuple[str, str] | None]) -> Iterator[tuple[int, str]]:
    """The findings (entry index, message) of one collection named ``name`` from its
    entries' question keys and ids (an empty key: not compared), given where a
    question appears first in the collections before it (cleaning)."""
    first: dict[str, tuple[str, str]] = {}
    for index, (key, entry_id) in enumerate(rows):
        if not key:
            continue
        found = first.get(key) or earlier(key)
        if found is not None:
            yield index, _message(name, found)
        else:
            first[key] = (name, entry_id or f"#{index + 1}")


def _message(name: str, earlier: tuple[str, str]) -> str:
    """The finding in collection ``name`` of a duplicate of ``earlier`` (collection, label)."""
    where, label = earlier
    at = f"'{label}'" if where == name else f"'{label}' in collection '{where}'"
    return f"duplicate of the earlier question {at}"


def _first_places(collections: list[Collection], options: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Each question key of the corpus, with the collection name and entry id where
    it first appears in corpus order."""
    first: dict[str, tuple[str, str]] = {}
    for collection in corpus_order(collections):
        for index, entry in enumerate(collection.entries):
            first.setdefault(question_key(entry.question), (collection.name, entry.id or f"#{index + 1}"))
    return first
