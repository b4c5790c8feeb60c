"""Silencing a rule for one entry, or one file, and noticing when a silence has
outlived its reason.

Two ways to write it, both matched by rule code, name or code prefix:

- a field in the entry: ``suppress: [FAQ203, unsourced-statistic]``;
- a comment inside the entry, or on the lines just above it:
  ``# faq: ignore[FAQ203]``; ``# faq: ignore-file[FAQ2]`` anywhere silences the
  whole file.

When the tool rewrites a file (``faq ingest``, ``faq lint --fix``) comments are
turned into the field, so no suppression is lost.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.model import Collection, Problem
from pipeline.yamlfile import Located

COMMENT_RE = re.compile(r"#\s*faq:\s*ignore(-file)?\[([^\]]*)\]", re.IGNORECASE)


@dataclass
class Suppression:
    tokens: list[str]
    line: int
    column: int
    entry_id: str | None  # None: the whole file
    kind: str  # "field" or "comment"
    used: set[str] = field(default_factory=set)


def token_matches(token: str, code: str, name: str) -> bool:
    key = token.strip().lower()
    return key in ("all", name) or (len(key) >= 4 and code.lower().startswith(key))


def entry_lines(located: Located, count: int) -> list[int]:
    """The first line of each entry (its ``- `` item)."""
    return [located.values.get(("entries", i), (0, 0))[0] for i in range(count)]


def find(located: Located, collection: Collection) -> list[Suppression]:
    found: list[Suppression] = []
    starts = entry_lines(located, len(collection.entries))
    for index, entry in enumerate(collection.entries):
        if entry.suppress:
            line, column = located.position(("entries", index, "suppress"))
            found.append(Suppression(list(entry.suppress), line, column, entry.id, "field"))
    for number, text in enumerate(located.lines, start=1):
        match = COMMENT_RE.search(text)
        if not match:
            continue
        tokens = [t.strip() for t in match.group(2).split(",") if t.strip()]
        column = match.start() + 1
        if match.group(1):
            found.append(Suppression(tokens, number, column, None, "comment"))
            continue
        owner = _owner(located.lines, starts, number)
        if owner is not None:
            found.append(Suppression(tokens, number, column, collection.entries[owner].id, "comment"))
    return found


def _owner(lines: list[str], starts: list[int], line: int) -> int | None:
    """The entry a comment line belongs to: the one it sits in, or the next one when
    only comments and blank lines separate it from that entry."""
    owner = None
    for index, start in enumerate(starts):
        if start and start <= line:
            owner = index
        elif start > line:
            between = lines[line:start - 1]
            if all(not text.strip() or text.strip().startswith("#") for text in between):
                return index
            break
    return owner


def comment_tokens(located: Located, collection: Collection) -> dict[str, list[str]]:
    """Entry-level comment suppressions by entry id, to fold into the field on rewrite."""
    result: dict[str, list[str]] = {}
    for item in find(located, collection):
        if item.kind == "comment" and item.entry_id:
            result.setdefault(item.entry_id, []).extend(item.tokens)
    return result


def apply(problems: list[Problem], suppressions: list[Suppression]) -> list[Problem]:
    """The problems no suppression covers; marks each suppression's used tokens."""
    kept = []
    for problem in problems:
        silenced = False
        for item in suppressions:
            if item.entry_id is not None and item.entry_id != problem.entry_id:
                continue
            for token in item.tokens:
                if token_matches(token, problem.code, problem.name):
                    item.used.add(token)
                    silenced = True
        if not silenced:
            kept.append(problem)
    return kept
