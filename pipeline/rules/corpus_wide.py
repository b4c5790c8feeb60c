"""Rules that judge the whole corpus in one pass.

`faq lint` calls every rule once per collection, with the other collections as
``ctx.corpus``. A rule that compares entries across the corpus would redo the same
corpus-wide work on each call, so N collections would cost N passes over all
entries. A `CorpusRule` does the work once, on the first call, and hands each later
call its collection's share.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, Iterator, TypeVar

from pipeline.model import Collection
from pipeline.rules.base import Context, Finding, Rule

_CorpusKey = tuple[tuple[tuple[int, int, int], ...], tuple[tuple[str, str], ...]]
T = TypeVar("T")


def corpus_order(collections: Iterable[Collection]) -> list[Collection]:
    """Collections in the order in which "earlier" is judged: by name, so that the
    result does not depend on the order in which files were found or linted."""
    return sorted(collections, key=lambda c: c.name)


def entry_label(collection: Collection, index: int) -> str:
    """How a finding names an entry: its id, or its position when it has none yet."""
    return collection.entries[index].id or f"#{index + 1}"


def earlier_label(collection: Collection, index: int, current: Collection) -> str:
    """The earlier entry of a pair as a message names it, with its collection when
    that is not the one being reported."""
    label = f"'{entry_label(collection, index)}'"
    return label if collection is current else f"{label} in collection '{collection.name}'"


def corpus_key(everything: list[Collection], options: dict[str, Any]) -> _CorpusKey:
    """What a result computed from the whole corpus depends on: the identity of the
    collection objects and of their entry lists, those lists' lengths, and the options."""
    return (tuple(sorted((id(c), id(c.entries), len(c.entries)) for c in everything)),
            tuple(sorted((name, repr(value)) for name, value in options.items())))


class CorpusIndex(Generic[T]):
    """Something a rule builds once from the whole corpus (an index, a table of first
    occurrences) and reuses on each call of one run; rebuilt when the corpus or the
    options change. The same assumptions as `CorpusRule`'s cache hold."""

    def __init__(self, build: Callable[[list[Collection], dict[str, Any]], T]) -> None:
        self._build = build
        self._cached: tuple[_CorpusKey, list[Collection], T] | None = None

    def get(self, collection: Collection, ctx: Context) -> T:
        everything = [collection, *(c for c in ctx.corpus if c is not collection)]
        key = corpus_key(everything, ctx.options)
        if self._cached is None or self._cached[0] != key:
            self._cached = None  # let the old index go before the new one is built
            self._cached = (key, everything, self._build(everything, ctx.options))
        return self._cached[2]


class CorpusRule(Rule):
    """A rule whose findings come from one pass over every collection of the corpus.

    Subclasses implement `check_corpus`. The result is cached on the rule instance
    (a `RuleSet` makes one instance per run), keyed on the identity of the collection
    objects, of their entry lists and on those lists' lengths, and on the options.
    The cache holds the collections themselves, so that their identities cannot be
    reused by new objects while it lives. It assumes that entries are not edited in
    place between the calls of one run, which holds for `faq lint` (it does not edit)
    and for cleaning (which runs only rules that fix or remove, and these rules do
    neither).
    """

    corpus_wide = True

    def __init__(self) -> None:
        self._findings: CorpusIndex[dict[int, list[Finding]]] = CorpusIndex(self._by_collection)

    def check_corpus(self, collections: list[Collection], options: dict[str, Any]
                     ) -> Iterator[tuple[Collection, Finding]]:
        """Every finding of the corpus, each with the collection of its entry.
        ``collections`` are in `corpus_order`."""
        raise NotImplementedError

    def _by_collection(self, everything: list[Collection], options: dict[str, Any]
                       ) -> dict[int, list[Finding]]:
        by_collection: dict[int, list[Finding]] = {}
        for owner, finding in self.check_corpus(corpus_order(everything), options):
            by_collection.setdefault(id(owner), []).append(finding)
        return by_collection

    def check_collection(self, collection: Collection, ctx: Context) -> Iterator[Finding]:
        yield from self._findings.get(collection, ctx).get(id(collection), [])
