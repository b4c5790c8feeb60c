"""JSON read strictly, the one way faq reads JSON (data files in raw/, JSON Lines
collections in clean/).

Python's parser is lenient where JSON is not: it accepts NaN and Infinity, turns
numbers too large for a float into infinity, and keeps the last of a key given
twice. faq refuses all of these: they are not JSON, no exporter could write them
back, and a repeated key silently loses a value. A refusal carries the line and
column of what was refused, found outside strings.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any


_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?')


class Refused(ValueError):
    """A value or key that JSON does not allow, and where it is (``line`` is None
    when it cannot be found)."""

    def __init__(self, message: str, token: str | None = None, key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.token = token  # a refused value as written
        self.key = key  # or a key given twice
        self.line: int | None = None
        self.column = 1


def _constant(name: str) -> Any:
    raise Refused(f"{name} is not a JSON value: NaN and Infinity are not JSON numbers (write a number or null)",
                  token=name)


def _float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise Refused(f"the number {text} is too large", token=text)
    return value


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise Refused(f"duplicate key '{key}'", key=key)
            seen.add(key)
    return result


_DECODER = json.JSONDecoder(parse_constant=_constant, parse_float=_float, object_pairs_hook=_object)


def loads(text: str) -> Any:
    """Parse ``text``; raises Refused (with its position), json.JSONDecodeError or
    RecursionError (nesting deeper than the interpreter allows)."""
    try:
        return _DECODER.decode(text)
    except Refused as exc:
        offset = _offset(text, exc)
        if offset is not None:
            exc.line = text.count("\n", 0, offset) + 1
            exc.column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise


def _offset(text: str, refused: Refused) -> int | None:
    """Where the refused value is, outside strings; for a key given twice, its
    second use as a key."""
    if refused.key is not None:
        written = json.dumps(refused.key, ensure_ascii=False)
        uses = [m.start() for m in _STRING_RE.finditer(text) if m.group(1) and m.group(0).startswith(written)
                and m.group(0)[len(written):].strip() == ":"]
        return uses[1] if len(uses) > 1 else None
    for match in re.finditer(rf'"(?:[^"\\]|\\.)*"|({re.escape(refused.token or "")})', text):
        if match.group(1):
            return match.start(1)
    return None
