"""YAML in and out. Reading keeps every value's position, so that any problem can be
reported at its file, line and column; writing has one canonical style, so that
re-running a step on unchanged input changes no byte."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from pipeline.errors import InputError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Aliases can make a small file expand without bound ("billion laughs"); a corpus
# file never needs more values than this.
MAX_VALUES = 2_000_000

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


def _build(loader, node, path, located: Located, budget: list[int], source: str) -> Any:
    budget[0] -= 1
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
            key = loader.construct_object(key_node)
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
    return loader.construct_object(node)


class Literal(str):
    """A string always written as a literal block (``|-``)."""


class Flow(list):
    """A list written on one line (``[1, 4]``)."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)  # indent lists under their key


def _literal(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


def _plain_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
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
