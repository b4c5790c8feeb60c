"""The corpus-wide comparison behind duplicate-id (FAQ003), as a keyed rule, so that
`faq lint` keeps the corpus's ids in its index like the other keyed rules'."""
from __future__ import annotations

from typing import Any, Iterator

from pipeline.rules.corpus_wide import Found, KeyedRule, Occurrence, Part
from pipeline.rules.file_checks import DuplicateId


class DuplicateIds(KeyedRule):
    """Each use of an id after its first, in corpus order (see `DuplicateId`)."""

    code = DuplicateId.code
    name = DuplicateId.name
    severity = DuplicateId.severity

    def inputs(self, part: Part) -> Any:
        return [part.name, part.ids]

    def rows(self, part: Part, options: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        for index, entry_id in enumerate(part.ids):
            yield entry_id, index

    def judge(self, key: str, occurrences: list[Occurrence], options: dict[str, Any], shared: Any
              ) -> Iterator[Found]:
        first = occurrences[0][0].name
        for part, index in occurrences[1:]:
            where = "" if first == part.name else f" in collection '{first}'"
            yield Found(part, index, f"id '{key}' is already used{where}", field="id", entry_id=key)


DUPLICATE_IDS = DuplicateIds()
