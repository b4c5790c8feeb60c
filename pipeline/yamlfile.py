"""YAML in and out. Reading keeps every value's position, so that any problem can be
reported at its file, line and column; writing has one canonical style, so that
re-running a step on unchanged input changes no byte."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from pipeline.errors import InputError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Aliases can make a small file expand without bound ("billion laughs"); a corpus
# file never needs more values than this.
MAX_VALUES = 2_000_000
# Nor values nested deeper than this (a collection needs five levels); deeper
# documents would exhaust the recursion of whatever walks them next.
MAX_DEPTH = 100

_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Path_ = tuple  # a path of keys and indexes into the document, as jsonschema gives them


@dataclass
class Located:
    """A parsed document and the position of each of its values and keys."""

    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    styles: dict[Path_, str | None] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def position(self, path: Path_, key: bool = True) -> tuple[int, int]:
        """Line and column (1-based) of a key, or of the closest enclosing value."""
        path = tuple(path)
        while path:
            if key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def text_position(self, path: Path_, offset: int) -> tuple[int, int]:
        """Line and column of the character at ``offset`` inside a string value.

        Exact for block scalars (how answers are written); the start of the value
        for other styles.
        """
        path = tuple(path)
        if path not in self.values:
            return self.position(path)
        line, column = self.values[path]
        style = self.styles.get(path) or None  # the C loader says "" for plain scalars
        if style not in ("|", ">"):
            return (line, column + offset) if style is None else (line, column)
        value = self.data
        for part in path:
            value = value[part]
        if not isinstance(value, str):
            return line, column
        before = value[:offset]
        row = before.count("\n")
        first = line + 1  # content starts on the line after the indicator
        if first - 1 + row >= len(self.lines):
            return line, column
        text = self.lines[first - 1 + row]
        indent = len(text) - len(text.lstrip(" "))
        return first + row, indent + 1 + len(before) - (before.rfind("\n") + 1)


def load(text: str, path: str) -> Located:
    """Parse one YAML document safely, keeping positions. Raises InputError."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise InputError("file is empty", path, hint="a collection needs at least its name and entries")
            located = Located(None, lines=text.split("\n"))
            if _expanded_size(node, {}, 0, path) > MAX_VALUES:
                raise InputError(f"too many values (more than {MAX_VALUES:,}); aliases may be expanding "
                                 "without bound", path, node.start_mark.line + 1)
            budget = [MAX_VALUES]
            located.data = _build(loader, node, (), located, budget, path)
            return located
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        column = f" (column {mark.column + 1})" if mark else ""
        raise InputError(f"invalid YAML: {problem}{column}", path, line,
                         hint="fix the syntax; `faq lint` checks it") from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", path) from None
    except RecursionError:
        raise InputError("invalid YAML: nested too deeply", path) from None


class _Fallback(Exception):
    """The fast reader met something only the careful one handles (an alias, a tag,
    a duplicate or complex key): read the document again with `load`."""


class _StrictLoader(_Loader):
    """libyaml's safe loader, refusing what `load` would treat specially."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Fallback  # an alias: `load` counts what it expands to
        if node.tag not in _PLAIN_TAGS and not isinstance(node, yaml.ScalarNode):
            raise _Fallback
        return super().construct_object(node, deep)

    def construct_mapping(self, node, deep=False):
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                raise _Fallback
        mapping = super().construct_mapping(node, deep)
        if len(mapping) != len(node.value):
            raise _Fallback  # a duplicate key
        return mapping


_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


class LazyLocated(Located):
    """A document read by the fast path: its data at once (or, made with None, only
    if asked for), the positions of its values only when a problem needs one (most
    files of a corpus have none)."""

    def __init__(self, data: Any, text: str, source: str) -> None:
        self._data = data
        self._text = text
        self._source = source
        self._lines: list[str] | None = None
        self._marks: Located | None = None

    @property
    def data(self) -> Any:
        """The document's values; for one made to find positions only (``data``
        None), parsed the first time they are asked for (a text position in a
        block scalar counts the value's lines)."""
        if self._data is None:
            self._data = load_fast(self._text, self._source).data
        return self._data

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self._text.split("\n")
        return self._lines

    def search(self, pattern) -> bool:
        """Whether ``pattern`` matches anywhere in the text (one scan, no positions)."""
        return pattern.search(self._text) is not None

    def _located(self) -> Located:
        if self._marks is None:
            try:
                self._marks = _positions(self._text)
            except (_Fallback, yaml.YAMLError, RecursionError):
                self._marks = load(self._text, self._source)
        return self._marks

    @property
    def values(self) -> dict:
        return self._located().values

    @property
    def keys(self) -> dict:
        return self._located().keys

    @property
    def styles(self) -> dict:
        return self._located().styles


def load_fast(text: str, path: str) -> Located:
    """Parse one YAML document as `load` does, about twice as fast, finding the
    positions of its values later, and only if they are asked for. A document the
    fast path cannot read exactly as `load` would goes to `load`. Raises InputError."""
    try:
        loader = _StrictLoader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except (_Fallback, yaml.YAMLError, RecursionError, ValueError, OverflowError):
        return load(text, path)  # ValueError: an int of 100k digits, which `load` reports
    if data is None or _needs_care(text, data):
        return load(text, path)
    return LazyLocated(data, text, path)


_DEEP_INDENT = re.compile(r"^[ \t-]{%d}" % MAX_DEPTH, re.MULTILINE)
# MAX_DEPTH brackets opened with none closed between them (a closer inside a
# quoted string can hide nesting from this screen; `load` itself is exact).
_DEEP_FLOW = re.compile(r"(?:[\[{][^\[\]{}]*){%d}" % MAX_DEPTH)


def _needs_care(text: str, data: Any) -> bool:
    """Whether the fast path's data holds what `load` refuses with a message:
    values nested deeper than MAX_DEPTH (they would exhaust the recursion of
    whatever walks them next) or a lone surrogate from a "\\ud800" escape (no file
    can hold it). The text is screened first, so that ordinary files are not walked."""
    deep = _DEEP_INDENT.search(text) is not None or (
        text.count("[") + text.count("{") >= MAX_DEPTH and _DEEP_FLOW.search(text) is not None)
    escapes = "\\u" in text or "\\U" in text
    if not deep and not escapes:
        return False
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for pair in value.items() for item in pair)
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif escapes and isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return True
    return False


def _positions(text: str) -> Located:
    """The positions `load` records, from libyaml's events alone: about four times
    cheaper than composing nodes. Raises _Fallback where keys would need
    constructing or aliases expanding."""
    located = Located(None)
    values, keys, styles = located.values, located.keys, located.styles
    resolver = yaml.resolver.Resolver()
    stack: list[list] = []  # [path, is_mapping, next index or pending key]
    need_key = _NEED_KEY
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
            continue
        if kind is not yaml.ScalarEvent and kind is not yaml.MappingStartEvent \
                and kind is not yaml.SequenceStartEvent:
            if kind is yaml.AliasEvent:
                raise _Fallback
            continue
        mark = event.start_mark
        if stack:
            top = stack[-1]
            if top[1]:
                if top[2] is need_key:
                    if kind is not yaml.ScalarEvent:
                        raise _Fallback
                    tag = event.tag
                    if tag is None or tag == "!":
                        tag = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
                    if tag != _STR_TAG:
                        raise _Fallback
                    top[2] = event.value
                    keys[top[0] + (event.value,)] = (mark.line + 1, mark.column + 1)
                    continue
                path = top[0] + (top[2],)
                top[2] = need_key
            else:
                path = top[0] + (top[2],)
                top[2] += 1
        else:
            path = ()
        values[path] = (mark.line + 1, mark.column + 1)
        if kind is yaml.ScalarEvent:
            styles[path] = event.style
        elif kind is yaml.MappingStartEvent:
            stack.append([path, True, need_key])
        else:
            stack.append([path, False, 0])
    located.lines = text.split("\n")
    return located


_NEED_KEY = object()


def _build(loader, node, path, located: Located, budget: list[int], source: str) -> Any:
    budget[0] -= 1
    if len(path) > MAX_DEPTH:
        raise InputError(f"invalid YAML: nested more than {MAX_DEPTH} levels deep", source,
                         node.start_mark.line + 1)
    if budget[0] < 0:
        raise InputError(f"too many values (more than {MAX_VALUES:,}); aliases may be expanding "
                         "without bound", source, node.start_mark.line + 1)
    located.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
        raise InputError(f"invalid YAML: the tag {node.tag} is not allowed (column "
                         f"{node.start_mark.column + 1})", source, node.start_mark.line + 1,
                         hint="corpus files hold plain data only")
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError("a mapping key must be a plain value", source, key_node.start_mark.line + 1)
            key = _scalar(loader, key_node, source)
            if key in result:
                raise InputError(f"duplicate key '{key}' (column {key_node.start_mark.column + 1})",
                                 source, key_node.start_mark.line + 1,
                                 hint="each key may appear once in a mapping")
            located.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _build(loader, value_node, path + (key,), located, budget, source)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (index,), located, budget, source)
                for index, item in enumerate(node.value)]
    located.styles[path] = node.style
    return _scalar(loader, node, source)


def _expanded_size(node, sizes: dict[int, int], depth: int, source: str) -> int:
    """How many values ``node`` stands for once its aliases are expanded, counted
    once per distinct node, so that "billion laughs" is refused at once instead
    of after building MAX_VALUES values."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    if depth > MAX_DEPTH:
        raise InputError(f"invalid YAML: nested more than {MAX_DEPTH} levels deep", source,
                         node.start_mark.line + 1)
    sizes[id(node)] = 1  # a node that contains itself counts once here; _build refuses it
    if isinstance(node, yaml.MappingNode):
        total = 1 + sum(_expanded_size(value, sizes, depth + 1, source) for _, value in node.value)
    elif isinstance(node, yaml.SequenceNode):
        total = 1 + sum(_expanded_size(item, sizes, depth + 1, source) for item in node.value)
    else:
        total = 1
    sizes[id(node)] = min(total, MAX_VALUES + 1)
    return sizes[id(node)]


def _scalar(loader, node, source: str) -> Any:
    try:
        value = loader.construct_object(node)
        if isinstance(value, str):
            value.encode("utf-8")  # a "\ud800" escape makes text no file can hold
    except (ValueError, OverflowError) as exc:  # UnicodeEncodeError, or an int of 100k digits
        reason = "a lone surrogate escape" if isinstance(exc, UnicodeEncodeError) else "a value out of range"
        raise InputError(f"invalid YAML: {reason} (column {node.start_mark.column + 1})", source,
                         node.start_mark.line + 1) from None
    return value


class Literal(str):
    """A string always written as a literal block (``|-``)."""


class Flow(list):
    """A list written on one line (``[1, 4]``)."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)  # indent lists under their key


# Characters a reader takes for line breaks (or drops) in plain and block
# scalars; text holding one is written double-quoted, the one style that keeps
# every character as it is.
_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def _literal(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if _BREAKS.search(value) else "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


def _plain_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if _BREAKS.search(value) else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_Dumper.add_representer(Literal, _literal)
_Dumper.add_representer(str, _plain_str)
_Dumper.add_representer(Flow, _flow)


def dump(data: Any, header: list[str] | None = None) -> str:
    """The canonical text of a document: keys in the order given, two-space indents,
    answers as literal blocks, no line folding."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=2 ** 31 - 1, indent=2)
    lines = [f"# {line}" if line else "#" for line in header or []]
    return "\n".join(lines + [body.rstrip("\n")]) + "\n"
