"""The JSON Schemas of corpus files, and validation that reports each error at the
line and column of the offending key."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

COLLECTION = "collection.schema.json"
REMOVED = "removed.schema.json"


@functools.lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    # Beside this module (pipeline/schema links to the top-level schema/ in a checkout,
    # and the wheel ships the files there); importlib.resources would cost 10 ms.
    return json.loads((Path(__file__).parent / "schema" / name).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def validator(name: str):
    """The reference validator (jsonschema), which explains every error. Imported
    only when a document fails the screen: it takes ~50 ms to import."""
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@functools.lru_cache(maxsize=None)
def screen(name: str):
    """A fast yes/no validator for the same schema (jsonschema-rs, draft 2020-12,
    ~70x faster than jsonschema), or None when it is not installed. It only says
    whether a document is valid; `validate` asks `validator` for the details of a
    document that is not. tests/test_schema_conformance.py proves that both agree."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    try:
        return jsonschema_rs.Draft202012Validator(load_schema(name)).is_valid
    except Exception:  # an incompatible version: the reference validator still works
        return None


def is_valid(data: Any, name: str = COLLECTION) -> bool | None:
    """True or False from the fast validator; None when it cannot tell (not
    installed, or the document holds values JSON has no type for, such as a YAML
    date or binary)."""
    check = screen(name)
    if check is None:
        return None
    try:
        return check(data)
    except (ValueError, TypeError, OverflowError, RecursionError):
        return None


@dataclass
class SchemaError:
    path: tuple  # where in the document; the last part may be an unknown key
    message: str
    at_key: bool = True


def validate(data: Any, name: str = COLLECTION) -> list[SchemaError]:
    """Every way ``data`` breaks the schema, most specific error of each branch."""
    if is_valid(data, name):
        return []
    from jsonschema.exceptions import best_match

    errors: list[SchemaError] = []
    seen: set[tuple] = set()
    for error in validator(name).iter_errors(data):
        if error.context:  # oneOf/anyOf: show the branch that came closest
            error = best_match(error.context)
        for explained in _explain(error):
            if (explained.path, explained.message) not in seen:
                seen.add((explained.path, explained.message))
                errors.append(explained)
    return sorted(errors, key=lambda e: [str(p) for p in e.path])


_UNEXPECTED_RE = re.compile(r"'([^']*)' (?:was|were) unexpected")


def _explain(error) -> list[SchemaError]:
    path = tuple(error.absolute_path)
    keyword = error.validator
    field = str(path[-1]) if path and isinstance(path[-1], str) else None
    if keyword == "additionalProperties":
        import difflib

        allowed = sorted(error.schema.get("properties", {}))
        unknown = [k for k in error.instance if k not in error.schema.get("properties", {})]
        result = []
        for key in unknown:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
            result.append(SchemaError(path + (key,), f"unknown key '{key}'; {hint}"))
        return result
    if keyword == "required":
        missing = re.findall(r"'([^']*)' is a required property", error.message)
        what = f"'{missing[0]}'" if missing else "a required key"
        return [SchemaError(path, f"missing required key {what}", at_key=False)]
    if keyword == "pattern" and error.validator_value == "^[a-z0-9]+(-[a-z0-9]+)*$":
        return [SchemaError(path, f"{field or 'value'} {error.instance!r} is not a slug "
                            "(lower-case letters and digits joined by hyphens)")]
    if keyword in ("minLength", "pattern") and error.validator_value in (1, "\\S"):
        return [SchemaError(path, f"{field or 'value'} must not be empty")]
    if keyword == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return [SchemaError(path, f"{field or 'value'} must be {_article(expected)}, not "
                            f"{_json_type(error.instance)}")]
    return [SchemaError(path, f"{field + ': ' if field else ''}{error.message}")]


def _article(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__} (quote it to make it a string)"
