"""Rules that judge the whole corpus, in two steps that `faq lint` can keep apart.

A corpus-wide rule first reduces each collection to its *contribution*: what it
compares, and no more (question keys, token sets, answer digests, word counts).
A contribution depends on that collection alone, so `faq lint` computes it in its
first, per-file stage, in worker processes with ``--jobs``, and keeps it in the
lint cache with the file's other results: re-linting reads the contributions of
unchanged files from the cache instead of parsing and re-tokenising them. The
rule then *combines* every collection's contribution, in corpus order, into its
findings: one pass over small values.

A `Part` is one collection as these rules see it: its name and language, its
entries' ids, questions and question keys, and each rule's contribution. The
same rules also run the classic way, collection by collection with the others as
``ctx.corpus`` (cleaning, tests, bench/rules.py): `CorpusRule.check_collection`
builds the parts, combines them once per corpus and hands each call its share.

Most of these rules judge each *key* on its own: a question key, an answer
digest, a term. A `KeyedRule` reduces a part to rows (key, info) and judges one
key's rows from every part at a time, so that `faq lint` can keep the rows of the
whole corpus in an index (pipeline/corpus_store.py) and, after an edit, judge
again only the keys whose rows changed.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Iterator, TypeVar

from pipeline.marks import INSIDE_WORD
from pipeline.model import Collection
from pipeline.rules.base import Context, Finding, Rule

_CorpusKey = tuple[tuple[tuple[int, int, int], ...], tuple[tuple[str, str], ...]]
T = TypeVar("T")


@functools.cache  # compiled at first use: a class of every mark takes milliseconds
def _not_alnum_re() -> re.Pattern[str]:
    """Neither a letter nor a digit (\\w is str.isalnum() plus "_"), nor a mark written
    inside a word: "कैसे" and "कास" differ only in their vowel signs."""
    return re.compile(rf"(?:[^\w{INSIDE_WORD}]|_)+")


# ASCII text needs no normalisation: one byte table lower-cases it and turns what is
# not a letter or digit into a space (apostrophes are deleted before).
_ASCII_KEY = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() and c < 128 else 32
                   for c in range(256))


def question_key(question: str) -> str:
    """A question reduced to its letters and digits (with the marks written on them),
    case-folded: "Can I hug you?" and "can i HUG you" have the same key."""
    if question.isascii():  # most questions: four times faster
        return b" ".join(question.encode("ascii").translate(_ASCII_KEY, b"'").split()).decode("ascii")
    text = unicodedata.normalize("NFKC", question).casefold().replace("’", "'").replace("'", "")
    return _not_alnum_re().sub(" ", text).strip()


@dataclass
class Part:
    """One collection as the corpus-wide rules see it.

    ``data`` maps a rule's code to its contribution, made of JSON values so that
    the lint cache can keep it. ``load`` gives the whole collection back, for a rule
    that must read the text again (only where it has something to report);
    ``owner`` is what the caller maps findings back to. Neither is stored."""

    name: str
    language: str
    ids: list[str]
    questions: list[str]
    keys: list[str]  # question_key of each question
    data: dict[str, Any] = field(default_factory=dict)
    # The SHA-256 of the file the part comes from, and a digest of what each rule
    # reads of it (`CorpusRule.inputs`): what tells a later run that a rule's
    # combined result would be the same. Set by `faq lint`; empty otherwise.
    source: str = ""
    digests: dict[str, str] = field(default_factory=dict)
    load: Callable[[], Collection] | None = field(default=None, repr=False, compare=False)
    owner: Any = field(default=None, repr=False, compare=False)

    _BODY: ClassVar[tuple[str, ...]] = ("ids", "questions", "keys", "data")

    @classmethod
    def lazy(cls, header: dict[str, Any], body: Callable[[], dict[str, Any]]) -> Part:
        """A part known by its header (name, language, size, source, digests) whose
        entries' lists and contributions are read from ``body`` on first use: a
        re-lint whose rules need only the digests never reads them."""
        part = cls.__new__(cls)
        part.__dict__.update(name=header["name"], language=header["language"], source=header["source"],
                             digests=header["digests"], load=None, owner=None, _size=header["size"],
                             _body=body)
        if not (all(isinstance(part.__dict__[k], str) for k in ("name", "language", "source"))
                and isinstance(part.digests, dict) and isinstance(part._size, int)):
            raise ValueError("a corpus part header of the wrong shape")
        return part

    def __getattr__(self, name: str) -> Any:
        body = self.__dict__.get("_body")
        if name not in Part._BODY or body is None:
            raise AttributeError(name)
        full = Part.from_json({**body(), "name": self.name, "language": self.language, "source": self.source,
                               "digests": self.digests})
        # The body is what the rules read: a header that miscounts the entries (a cache
        # entry damaged in a well-formed way) takes the body's count.
        self.__dict__.update(ids=full.ids, questions=full.questions, keys=full.keys, data=full.data, _body=None,
                             _size=len(full.ids))
        return self.__dict__[name]

    @property
    def size(self) -> int:
        """How many entries the collection has (without reading a lazy part's body)."""
        return self.__dict__["_size"] if "_size" in self.__dict__ else len(self.ids)

    def header(self) -> dict[str, Any]:
        return {"name": self.name, "language": self.language, "size": self.size, "source": self.source,
                "digests": self.digests}

    def body(self) -> dict[str, Any]:
        return {"ids": self.ids, "questions": self.questions, "keys": self.keys, "data": self.data}

    def label(self, index: int) -> str:
        """How a finding names an entry: its id, or its position when it has none yet."""
        return self.ids[index] or f"#{index + 1}"

    def earlier_label(self, index: int, current: Part) -> str:
        """The earlier entry of a pair as a message names it, with its collection when
        that is not the one being reported."""
        label = f"'{self.label(index)}'"
        return label if self is current else f"{label} in collection '{self.name}'"

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Part:
        part = cls(value["name"], value["language"], value["ids"], value["questions"], value["keys"],
                   value["data"], source=value["source"], digests=value["digests"])
        lengths = {len(part.ids), len(part.questions), len(part.keys)}
        if len(lengths) != 1 or not all(isinstance(v, str) for v in (part.name, part.language, part.source)) \
                or not isinstance(part.digests, dict):
            raise ValueError("a corpus part whose lists do not match")
        return part

    def digest(self, rule: CorpusRule) -> str:
        """The digest of what ``rule`` reads of this part (computed once)."""
        found = self.digests.get(rule.code)
        if found is None:
            material = [rule.inputs(self), self.source if rule.reads_text else ""]
            found = self.digests[rule.code] = hashlib.sha256(
                json.dumps(material, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()
        return found


def make_part(collection: Collection, rules: Iterable[CorpusRule]) -> Part:
    """The part of ``collection`` with the contribution of each of ``rules``."""
    entries = collection.entries
    part = Part(collection.name, collection.language, [e.id for e in entries],
                [e.question for e in entries], [question_key(e.question) for e in entries])
    for rule in rules:
        part.data[rule.code] = rule.contribution(collection)
    return part


@dataclass
class Found:
    """A finding of a combined corpus: the part and the index of its entry."""

    part: Part
    index: int
    message: str
    field: str | None = "question"
    offset: int = 0
    entry_id: str | None = None  # None: the part's id of the entry (which may need its body read)

    def id(self) -> str:
        return self.entry_id if self.entry_id is not None else self.part.ids[self.index]


def corpus_order(items: Iterable[T]) -> list[T]:
    """Collections (or parts) in the order in which "earlier" is judged: by name, so
    that the result does not depend on the order in which files were found or linted."""
    return sorted(items, key=lambda c: c.name)


def corpus_key(everything: list[Collection], options: dict[str, Any]) -> _CorpusKey:
    """What a result computed from the whole corpus depends on: the identity of the
    collection objects and of their entry lists, those lists' lengths, and the options."""
    return (tuple(sorted((id(c), id(c.entries), len(c.entries)) for c in everything)),
            tuple(sorted((name, repr(value)) for name, value in options.items())))


class CorpusIndex(Generic[T]):
    """Something a rule builds once from the whole corpus (an index, a table of first
    occurrences) and reuses on each call of one run; rebuilt when the corpus or the
    options change. The same assumptions as `CorpusRule`'s cache hold."""

    def __init__(self) -> None:
        self._cached: tuple[_CorpusKey, list[Collection], T] | None = None

    def get(self, collection: Collection, ctx: Context, build: Callable[[list[Collection], dict[str, Any]], T]
            ) -> T:
        """The index of the corpus of ``ctx``, built by ``build`` when the corpus or the
        options changed. The builder is given at each call, not kept: a rule's bound
        method kept here would tie the rule and its index in a cycle that reference
        counting cannot free."""
        everything = [collection, *(c for c in ctx.corpus if c is not collection)]
        key = corpus_key(everything, ctx.options)
        if self._cached is None or self._cached[0] != key:
            self._cached = None  # let the old index go before the new one is built
            self._cached = (key, everything, build(everything, ctx.options))
        return self._cached[2]


class CorpusRule(Rule):
    """A rule whose findings come from combining every collection's contribution.

    Subclasses implement `contribution` (per collection, JSON values) and `combine`
    (every part in `corpus_order`, each with its contribution under ``data[code]``).

    Called collection by collection (`check_collection`), the combined result is
    cached on the rule instance (a `RuleSet` makes one instance per run), keyed on
    the identity of the collection objects, of their entry lists and on those
    lists' lengths, and on the options. The cache holds the collections themselves,
    so that their identities cannot be reused by new objects while it lives. It
    assumes that entries are not edited in place between the calls of one run,
    which holds for `faq lint` (it does not edit) and for cleaning (which runs only
    rules that fix or remove, and these rules do neither).
    """

    corpus_wide = True
    # Whether `combine` reads the collections' texts again (through `Part.load`):
    # its result then depends on every byte of the files, not only on their parts.
    reads_text: ClassVar[bool] = False

    def __init__(self) -> None:
        self._findings: CorpusIndex[dict[int, list[Finding]]] = CorpusIndex()

    def inputs(self, part: Part) -> Any:
        """What of a part this rule's findings depend on, as JSON values: a run whose
        parts give the same inputs, in the same order, with the same options, finds
        what the last one found (`faq lint` then reuses its result)."""
        return [part.name, part.ids, part.keys, part.questions, part.data.get(self.code)]

    def contribution(self, collection: Collection) -> Any:
        """What this rule compares of ``collection``, as JSON values (None: the
        part's ids, questions and keys are enough)."""
        return None

    def combine(self, parts: list[Part], options: dict[str, Any]) -> Iterator[Found]:
        """Every finding of the corpus. ``parts`` are in `corpus_order`."""
        raise NotImplementedError

    def _by_collection(self, everything: list[Collection], options: dict[str, Any]
                       ) -> dict[int, list[Finding]]:
        from pipeline.collector import paused

        with paused(keep=True):  # parts, rows and findings of the whole corpus; the findings kept for the run
            parts = []
            for collection in everything:
                part = make_part(collection, [self])
                part.load, part.owner = (lambda c=collection: c), collection
                parts.append(part)
            by_collection: dict[int, list[Finding]] = {}
            # In entry order: a keyed rule finds them key by key.
            for found in sorted(self.combine(corpus_order(parts), options), key=lambda f: (f.index, f.offset)):
                collection = found.part.owner
                by_collection.setdefault(id(collection), []).append(
                    Finding(collection.entries[found.index], found.message, field=found.field,
                            offset=found.offset, remove=self.removes))
        return by_collection

    def check_collection(self, collection: Collection, ctx: Context) -> Iterator[Finding]:
        yield from self._findings.get(collection, ctx, self._by_collection).get(id(collection), [])


Occurrence = tuple[Part, Any]  # a part, and the info of one of its rows


class KeyedRule(CorpusRule):
    """A corpus-wide rule that judges each key on its own.

    A part becomes rows (`rows`: key and info, in a fixed order); the rows of one
    key from every part, in corpus order, are judged together (`judge`), and a
    key's findings depend on those rows alone, plus what `prepare` takes from the
    parts' headers. A key with a single row has no findings: most keys of a corpus
    (questions asked once) are never judged. That is what lets `faq lint` judge
    again only the keys whose rows an edit changed (pipeline/corpus_store.py);
    `combine` judges every key."""

    def prepare(self, parts: list[Part]) -> Any:
        """What every judgement shares, from the parts' headers only (JSON values)."""
        return None

    def rows(self, part: Part, options: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        """The part's rows: a key and JSON info (which must say all a judgement
        needs of the entry: its index, its id, what a message shows)."""
        raise NotImplementedError

    def judge(self, key: str, occurrences: list[Occurrence], options: dict[str, Any], shared: Any
              ) -> Iterator[Found]:
        """The findings of one key, from its rows (two or more) in corpus order."""
        raise NotImplementedError

    def judge_keys(self, groups: Iterable[tuple[str, list[Occurrence]]], options: dict[str, Any],
                   shared: Any) -> Iterator[tuple[str, Found]]:
        """The findings of many keys, each with its key: `judge`, key by key, unless a
        rule does better together (one that reads texts reads each collection once)."""
        for key, occurrences in groups:
            for found in self.judge(key, occurrences, options, shared):
                yield key, found

    def combine(self, parts: list[Part], options: dict[str, Any]) -> Iterator[Found]:
        from pipeline.collector import paused

        with paused():  # a row each entry, all kept until judged, and the findings
            repeated = repeated_keys(self, parts, options)
            found = [found for _key, found in self.judge_keys(repeated, options, self.prepare(parts))]
        yield from found


def repeated_keys(rule: KeyedRule, parts: list[Part], options: dict[str, Any],
                  each_row: Callable[[Part, int, str, Any], None] | None = None) -> list[tuple[str, list[Occurrence]]]:
    """The keys of ``parts`` that have two rows or more, each with its rows in corpus
    order (``each_row``, if given, sees every row: part, position, key, info). A
    first row is kept alone until a second comes: a corpus is mostly keys seen once."""
    first: dict[str, Occurrence] = {}
    repeated: dict[str, list[Occurrence]] = {}
    for part in parts:
        for position, (key, info) in enumerate(rule.rows(part, options)):
            if each_row is not None:
                each_row(part, position, key, info)
            occurrence = (part, info)
            earlier = first.setdefault(key, occurrence)
            if earlier is not occurrence:
                group = repeated.get(key)
                if group is None:
                    repeated[key] = [earlier, occurrence]
                else:
                    group.append(occurrence)
    return list(repeated.items())
