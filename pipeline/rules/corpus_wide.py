"""Rules that judge the whole corpus in one pass.

`faq lint` calls every rule once per collection, with the other collections as
``ctx.corpus``. A rule that compares entries across the corpus would redo the same
corpus-wide work on each call, so N collections would cost N passes over all
entries. A `CorpusRule` does the work once, on the first call, and hands each later
call its collection's share.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Iterator

from pipeline.model import Collection
from pipeline.rules.base import Context, Finding, Rule

_CorpusKey = tuple[tuple[tuple[int, int, int], ...], tuple[tuple[str, str], ...]]


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

    def __init__(self) -> None:
        self._cached: tuple[_CorpusKey, list[Collection], dict[int, list[Finding]]] | None = None

    def check_corpus(self, collections: list[Collection], options: dict[str, Any]
                     ) -> Iterator[tuple[Collection, Finding]]:
        """Every finding of the corpus, each with the collection of its entry.
        ``collections`` are in `corpus_order`."""
        raise NotImplementedError

    def check_collection(self, collection: Collection, ctx: Context) -> Iterator[Finding]:
        everything = [collection, *(c for c in ctx.corpus if c is not collection)]
        key = (tuple(sorted((id(c), id(c.entries), len(c.entries)) for c in everything)),
               tuple(sorted((name, repr(value)) for name, value in ctx.options.items())))
        if self._cached is None or self._cached[0] != key:
            by_collection: dict[int, list[Finding]] = {}
            for owner, finding in self.check_corpus(corpus_order(everything), ctx.options):
                by_collection.setdefault(id(owner), []).append(finding)
            self._cached = (key, everything, by_collection)
        yield from self._cached[2].get(id(collection), [])
