"""The one model every part of `faq` shares: readers build it, rules inspect and
mend it, the writer stores it and the exporters publish it."""
from __future__ import annotations

import enum
import hashlib
import operator
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How much a problem matters; the order is used for ``--strict`` and sorting."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use error, warning or info)") from None


@dataclass
class Provenance:
    """Where an entry came from, and what the tool generated for it.

    ``fingerprint`` is the hash of the question and answer as the tool last wrote
    them; when the stored text no longer matches it, a person has edited the entry
    and re-ingesting must keep their edit.
    """

    source: str
    lines: tuple[int, int] | None = None
    locator: str | None = None
    fingerprint: str | None = None


@dataclass
class Entry:
    question: str
    answer: str
    provenance: Provenance
    id: str = ""
    tags: list[str] = field(default_factory=list)
    truncated: bool = False
    # Rules (codes, names or code prefixes) an editor silenced for this entry.
    suppress: list[str] = field(default_factory=list)
    # Facts a reader noticed that the stored text cannot show (for example that
    # the question was a link in the page's navigation). Never written out.
    signals: frozenset[str] = frozenset()

    def fingerprint(self) -> str:
        return text_fingerprint(self.question, self.answer, self.truncated)

    def is_edited(self) -> bool:
        """True when the stored text differs from what the tool generated."""
        stored = self.provenance.fingerprint
        return stored is not None and stored != self.fingerprint()


def text_fingerprint(question: str, answer: str, truncated: bool = False) -> str:
    text = f"{question}\n\x1f\n{answer}\n\x1f\n{'truncated' if truncated else ''}"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return "sha256:" + digest[:16]


@dataclass
class Source:
    """The raw file a collection was built from."""

    path: str
    sha256: str
    url: str | None = None


@dataclass
class Collection:
    name: str
    title: str
    language: str
    source: Source | None
    entries: list[Entry] = field(default_factory=list)
    description: str | None = None


@dataclass
class Reason:
    """Why cleaning removed an entry or a piece of text: the rule and its message."""

    code: str
    name: str
    message: str


@dataclass
class RemovedEntry:
    question: str
    answer: str
    provenance: Provenance
    reasons: list[Reason]


@dataclass
class TrimmedText:
    """Text cleaning cut out: page furniture between entries (``entry`` is None),
    or part of an entry it kept."""

    entry: str | None
    text: str
    reason: Reason
    line: int | None = None


@dataclass
class Removals:
    """Everything cleaning took out of one collection, kept for review and restore."""

    collection: str
    entries: list[RemovedEntry] = field(default_factory=list)
    trimmed: list[TrimmedText] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not self.entries and not self.trimmed


@dataclass(frozen=True, init=False)
class Problem:
    """One finding, ready to report: where, how bad, which rule, what to do."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    name: str
    message: str
    entry_id: str | None = None
    fixable: bool = False

    # A large corpus has hundreds of thousands of problems: filling the instance's
    # dict at once takes half the time of the generated frozen __init__, which sets
    # each field through object.__setattr__.
    def __init__(self, path: str, line: int, column: int, severity: Severity, code: str, name: str,
                 message: str, entry_id: str | None = None, fixable: bool = False) -> None:
        self.__dict__.update(path=path, line=line, column=column, severity=severity, code=code, name=name,
                             message=message, entry_id=entry_id, fixable=fixable)

    # How reports order problems; attrgetter builds the key in C, which a corpus with
    # hundreds of thousands of problems notices.
    sort_key_fields = ("path", "line", "column", "code", "message")
    sort_key = operator.attrgetter(*sort_key_fields)
