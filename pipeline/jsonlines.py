"""JSON Lines collections, for corpora too large to keep as YAML.

A collection may be stored as ``clean/<name>.jsonl``: line 1 is the collection
document without its ``entries`` (name, title, language, source, ...), and each
following line is one entry, exactly as an item of the YAML ``entries`` list. A
removal record ``clean/<name>.removed.jsonl`` has its ``collection`` and
``trimmed`` on line 1 and one removed entry a line. JSON parses about a hundred
times faster than YAML, and every problem is still reported at its entry's line
(and at the column of the field it concerns).

Each line is read by `pipeline.strict_json`: NaN, Infinity, numbers too large
for a float and a key given twice are refused at their line and column.
"""
from __future__ import annotations

import functools
import json
import re
from typing import Any

from pipeline import strict_json
from pipeline.errors import InputError


def load(text: str, path: str, items_key: str) -> "JsonLinesLocated":
    """Parse a JSON Lines document: a head object on the first line, one item of
    ``items_key`` on each line after it. Blank lines are skipped. Raises
    InputError at the line that cannot be read."""
    located = locate(text, path, items_key)
    head: dict[str, Any] | None = None
    items: list[Any] = []
    for number in (located.head_line, *located.item_lines):
        value = _parse_line(located.raw_lines[number - 1], path, number)
        if head is None:
            if not isinstance(value, dict):
                raise InputError("line 1 must be a JSON object: the collection without its "
                                 f"{items_key}", path, number)
            if items_key in value:
                raise InputError(f"line 1 holds '{items_key}'; in a .jsonl file each item of "
                                 f"'{items_key}' is a line of its own", path, number)
            head = value
            continue
        items.append(value)
    located.data = {**head, items_key: items}
    return located


def _parse_line(line: str, path: str, number: int) -> Any:
    try:
        return strict_json.loads(line)
    except strict_json.Refused as exc:
        raise InputError(f"invalid JSON: {exc.message} (column {exc.column})", path, number,
                         hint="each line must be one JSON object") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, number,
                         hint="each line must be one JSON object") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", path, number) from None


def locate(text: str, path: str, items_key: str) -> "JsonLinesLocated":
    """Where the head and the items of a JSON Lines document are (the lines that are
    not blank), without parsing them: its ``data`` is None until `load` fills it."""
    lines = text.split("\n")
    numbers = [number for number, line in enumerate(lines, 1) if line and not line.isspace()]
    if not numbers:
        raise InputError("file is empty", path, hint="line 1 is the collection: name, title, language")
    return JsonLinesLocated(None, lines, numbers[0], items_key, numbers[1:])


def dumps(head: dict[str, Any], items_key: str) -> str:
    """The canonical text: ``head`` without ``items_key`` on line 1, then one item a line."""
    items = head[items_key]
    rest = {key: value for key, value in head.items() if key != items_key}
    out = [json.dumps(rest, ensure_ascii=False)]
    out.extend(json.dumps(item, ensure_ascii=False) for item in items)
    return "\n".join(out) + "\n"


@functools.lru_cache(maxsize=64)  # a few field names, asked for once per placed problem
def _key_re(key: str) -> re.Pattern[str]:
    # Not after a backslash: `\"answer\":` inside a string value is not the key.
    return re.compile(r"(?<!\\)" + re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")


class JsonLinesLocated:
    """A JSON Lines document and where its parts are: each item at its line, a field
    at the column of its key (found only when a problem asks for it)."""

    def __init__(self, data: dict[str, Any], raw_lines: list[str], head_line: int, items_key: str,
                 item_lines: list[int]) -> None:
        self.data = data
        self.raw_lines = raw_lines
        self.head_line = head_line
        self.items_key = items_key
        self.item_lines = item_lines
        # JSON has no comments: there are no comment suppressions to look for.
        self.lines: list[str] = []
        self.styles: dict = {}

    @property
    def values(self) -> "_Values":
        # Made when asked, not kept: a view that points back at its document would make
        # a cycle, which holds a whole file's data until the cyclic collector runs.
        return _Values(self)

    def search(self, pattern) -> bool:
        return False  # JSON has no comments

    def position(self, path: tuple, key: bool = True) -> tuple[int, int]:
        path = tuple(path)
        if len(path) >= 2 and path[0] == self.items_key and isinstance(path[1], int) \
                and 0 <= path[1] < len(self.item_lines):
            line = self.item_lines[path[1]]
            rest = path[2:] if key or len(path) > 2 else ()
            return line, self._column(line, rest)
        line = self.head_line
        return line, self._column(line, path if path and path[0] != self.items_key else ())

    def text_position(self, path: tuple, offset: int) -> tuple[int, int]:
        return self.position(path)

    def _column(self, line: int, keys: tuple) -> int:
        """The column of the innermost key of ``keys`` found in order on ``line``."""
        text = self.raw_lines[line - 1]
        column, start = 1, 0
        for part in keys:
            if not isinstance(part, str):
                break
            match = _key_re(part).search(text, start)
            if match is None:
                break
            column, start = match.start() + 1, match.end()
        return column


class _Values:
    """The start of each value, as `yamlfile.Located.values` gives it (only what
    suppressions ask: the line of each item)."""

    def __init__(self, located: JsonLinesLocated) -> None:
        self._located = located

    def get(self, path: tuple, default: Any = None) -> Any:
        return self[path] if path in self else default

    def __contains__(self, path: tuple) -> bool:
        located = self._located
        return len(path) == 0 or (len(path) == 2 and path[0] == located.items_key
                                  and isinstance(path[1], int) and 0 <= path[1] < len(located.item_lines))

    def __getitem__(self, path: tuple) -> tuple[int, int]:
        if path not in self:
            raise KeyError(path)
        return self._located.position(path, key=False) if path else (self._located.head_line, 1)
