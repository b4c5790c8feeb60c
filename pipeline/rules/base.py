"""What a rule is: a code, a name, a default severity, documentation, and a check
that yields findings. A finding may carry a fix (safe or not) or ask for the entry
to be removed; `faq ingest` applies safe fixes and removals, `faq lint` reports
them, `faq lint --fix` applies the fixes."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterator

from pipeline.model import Collection, Entry, Severity


@dataclass
class Fix:
    """New values for some of an entry's fields, and the text the change cuts out."""

    changes: dict[str, Any]
    safe: bool = True
    cut: list[str] = field(default_factory=list)


@dataclass
class Finding:
    entry: Entry
    message: str
    field: str | None = "answer"  # the entry field to point at; None for the whole entry
    offset: int = 0  # character offset inside that field, to point at the exact line
    fix: Fix | None = None
    remove: bool = False


@dataclass
class Context:
    """What a rule may look at beyond the entry: its collection, the whole corpus,
    and its own options (defaults merged with the configuration)."""

    collection: Collection
    corpus: list[Collection]
    options: dict[str, Any]
    # Python ids of entries that earlier removal rules already took out; they do
    # not count as the original of a duplicate.
    removed: set[int] = field(default_factory=set)

    @property
    def language(self) -> str:
        return self.collection.language


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[str | None] = None  # "safe", "unsafe" or None
    removes: ClassVar[bool] = False  # cleaning drops the entries it finds
    # Whether the rule reads ``ctx.corpus`` (other collections). `faq lint` runs the
    # other rules file by file, cached and in worker processes, with an empty corpus;
    # tests/test_lint_speed_paths.py proves that those never read it.
    corpus_wide: ClassVar[bool] = False
    options: ClassVar[dict[str, Any]] = {}

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        return iter(())

    def check_collection(self, collection: Collection, ctx: Context) -> Iterator[Finding]:
        for entry in collection.entries:
            yield from self.check_entry(entry, ctx)

    @classmethod
    def summary(cls) -> str:
        import inspect  # lazily: it costs `faq lint` 9 ms to import

        doc = inspect.getdoc(cls) or ""
        return doc.split("\n", 1)[0]

    @classmethod
    def documentation(cls) -> str:
        import inspect

        return inspect.getdoc(cls) or ""
