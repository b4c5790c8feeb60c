from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from typing import Any, Iterator

from pipeline.model import Collection, Severity
from pipeline.rules.base import Context, Finding, Rule
from pipeline.rules.corpus_wide import CorpusIndex, corpus_order

_NOT_ALNUM_RE = re.compile(r"[\W_]+")  # \w is str.isalnum() plus "_"
# ASCII text needs no normalisation: one byte table lower-cases it and turns what is
# not a letter or digit into a space (apostrophes are deleted before).
_ASCII_KEY = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() and c < 128 else 32
                   for c in range(256))


def question_key(question: str) -> str:
    """A question reduced to its letters and digits, case-folded: "Can I hug you?" and
    "can i HUG you" have the same key."""
    if question.isascii():  # most questions: four times faster
        return b" ".join(question.encode("ascii").translate(_ASCII_KEY, b"'").split()).decode("ascii")
    text = unicodedata.normalize("NFKC", question).casefold().replace("’", "'").replace("'", "")
    return _NOT_ALNUM_RE.sub(" ", text).strip()


class DuplicateQuestion(Rule):
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

    corpus_wide = True
    code = "FAQ301"
    name = "duplicate-question"
    severity = Severity.ERROR
    removes = True

    def __init__(self) -> None:
        self._all = CorpusIndex(_corpus_findings)
        self._first = CorpusIndex(_first_places)

    def check_collection(self, collection: Collection, ctx: Context) -> Iterator[Finding]:
        if not ctx.removed:  # linting: every collection's findings from one pass, once per run
            yield from self._all.get(collection, ctx).get(id(collection), [])
            return
        # Cleaning, where entries other rules took out of this collection do not
        # count: this collection alone, against where each question first appears
        # in the collections named before it.
        corpus_first = self._first.get(collection, ctx)

        def earlier(key: str) -> tuple[str, str] | None:
            place = corpus_first.get(key)
            return place if place is not None and place[0] < collection.name else None

        yield from _findings(collection, ctx.removed, earlier)


def _findings(collection: Collection, removed: set[int],
              earlier: Callable[[str], tuple[str, str] | None],
              keys: list[tuple[str, str]] | None = None) -> Iterator[Finding]:
    """The findings of one collection, given where a question appears first in the
    collections before it; ``keys`` collects each entry's key and id."""
    first: dict[str, tuple[str, str]] = {}
    for index, entry in enumerate(collection.entries):
        key = question_key(entry.question)
        if not key or id(entry) in removed:
            continue
        if keys is not None:
            keys.append((key, entry.id))
        found = first.get(key) or earlier(key)
        if found is not None:
            where, label = found
            at = f"'{label}'" if where == collection.name else f"'{label}' in collection '{where}'"
            yield Finding(entry, f"duplicate of the earlier question {at}", field="question",
                          remove=True)
        else:
            first[key] = (collection.name, entry.id or f"#{index + 1}")


def _corpus_findings(collections: list[Collection], options: dict[str, Any]) -> dict[int, list[Finding]]:
    """Every collection's findings (by the collection's id), keying each question once.
    Collections that share a name do not count as earlier than each other."""
    before: dict[str, tuple[str, str]] = {}  # first places in the collections named before
    found: dict[int, list[Finding]] = {}
    for name, group in itertools.groupby(corpus_order(collections), key=lambda c: c.name):
        keys: list[tuple[str, str]] = []
        for collection in group:
            found[id(collection)] = list(_findings(collection, set(), before.get, keys))
        for key, entry_id in keys:
            before.setdefault(key, (name, entry_id))
    return found


def _first_places(collections: list[Collection], options: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Each question key of the corpus, with the collection name and entry id where
    it first appears in corpus order."""
    first: dict[str, tuple[str, str]] = {}
    for collection in corpus_order(collections):
        for entry in collection.entries:
            first.setdefault(question_key(entry.question), (collection.name, entry.id))
    return first
