"""The parsed document and small readings of it: the parser, a position index of its
tags, spans of taken nodes, plain text, links resolved against the page's base."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Callable, Iterable
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString, Script, Stylesheet, TemplateString

from pipeline.sources.html.vocabulary import (BLOCK_TAGS, DROPPED_TEXT, LAYOUT_MARKERS, SKIPPED_TAGS,
                                              UI_ONLY_NAMES)


try:
    import lxml  # noqa: F401 - imported only to learn whether bs4 can use it
    PARSER = "lxml"
except ImportError:
    PARSER = "html.parser"


def parse(markup: str) -> BeautifulSoup:
    """The document (or fragment) as a tree, by `PARSER`, read when called."""
    return BeautifulSoup(markup, PARSER)


class _Index:
    """Every node of a tree numbered in document order, with where each one ends.

    "Is X inside Y", "which comes first" and "is there a Z between" become
    arithmetic, so that no check has to walk (or recurse over) the tree.
    """

    def __init__(self, root: Tag) -> None:
        self.nodes: list = []
        self.ends: list[int] = []
        self._start: dict[int, int] = {}
        self._layout: list[int] | None = None
        open_tags: list[int] = []
        for position, node in enumerate(root.descendants):
            parent = node.parent
            while open_tags and self.nodes[open_tags[-1]] is not parent:
                self.ends[open_tags.pop()] = position - 1
            self.nodes.append(node)
            self.ends.append(position)
            self._start[id(node)] = position
            if isinstance(node, Tag):
                open_tags.append(position)
        for position in open_tags:
            self.ends[position] = len(self.nodes) - 1

    def start(self, node) -> int:
        return self._start[id(node)]

    def end(self, node) -> int:
        return self.ends[self._start[id(node)]]

    def contains(self, outer, inner) -> bool:
        start = self.start(outer)
        return start <= self.start(inner) <= self.ends[start]

    def positions(self, predicate: Callable[[Tag], bool]) -> list[int]:
        """Sorted positions of the tags that satisfy ``predicate``."""
        return [i for i, node in enumerate(self.nodes) if isinstance(node, Tag) and predicate(node)]

    def has_layout_inside(self, tag: Tag) -> bool:
        if self._layout is None:
            self._layout = self.positions(lambda t: t.name in LAYOUT_MARKERS)
        return _any_between(self._layout, self.start(tag) + 1, self.end(tag))

    def last_line(self, node) -> int | None:
        """The source line where the text of ``node`` ends: the line of its last tag
        (html.parser records lines; lxml does not) plus the lines its text runs on."""
        start, end = self.start(node), self.ends[self.start(node)]
        for position in range(end, start - 1, -1):
            candidate = self.nodes[position]
            if isinstance(candidate, Tag) and candidate.sourceline is not None:
                after = "".join(str(n) for n in self.nodes[position + 1:end + 1] if _is_text(n))
                return candidate.sourceline + after.rstrip().count("\n")
        return None


def _any_between(positions: list[int], low: int, high: int) -> bool:
    index = bisect_left(positions, low)
    return index < len(positions) and positions[index] <= high


class _Spans:
    """Disjoint, sorted ranges of positions: which parts of the page are taken."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.version = 0  # changes with every addition, for iterations running meanwhile

    def add(self, start: int, end: int) -> None:
        index = bisect_right(self.starts, start)
        if index and self.ends[index - 1] >= start:
            index -= 1
            start = self.starts[index]
            end = max(end, self.ends[index])
        last = index
        while last < len(self.starts) and self.starts[last] <= end:
            end = max(end, self.ends[last])
            last += 1
        self.starts[index:last] = [start]
        self.ends[index:last] = [end]
        self.version += 1

    def covers(self, position: int) -> bool:
        return self.end_at(position) is not None

    def end_at(self, position: int) -> int | None:
        """The end of the range ``position`` lies in, if any."""
        index = bisect_right(self.starts, position) - 1
        return self.ends[index] if index >= 0 and self.ends[index] >= position else None

    def next_start(self, position: int) -> int | None:
        index = bisect_right(self.starts, position)
        return self.starts[index] if index < len(self.starts) else None


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str) -> str:
    return text if len(text) <= DROPPED_TEXT else text[:DROPPED_TEXT - 1].rstrip() + "…"


def _is_text(node) -> bool:
    return isinstance(node, NavigableString) and not isinstance(
        node, (PreformattedString, Script, Stylesheet, TemplateString))


def _join(base: str, href: str) -> str | None:
    """``href`` resolved against ``base``, or None when either is not an address
    urllib can parse ("https://example.or]/": a bracket outside an IPv6 host)."""
    try:
        return urljoin(base, href)
    except ValueError:
        return None


def _base_url(soup: BeautifulSoup, url: str | None) -> str | None:
    """The address relative links resolve against: the page's own (through <base> as
    a browser would), else <base href>, else the canonical link."""
    head = soup.head or soup
    base = head.find("base", href=True)
    base_href = str(base["href"]).strip() if base is not None else ""
    if url:
        return (_join(url, base_href) or url) if base_href else url
    if base_href and _join(base_href, "") is not None:
        return base_href
    canonical = head.find("link", rel="canonical", href=True)
    if canonical is not None and re.match(r"^https?://", str(canonical["href"]).strip(), re.I):
        return str(canonical["href"]).strip()
    return None


def _only_child(element: Tag) -> bool:
    """True when ``element`` is all its parent holds, blank text aside."""
    return not any(_holds_something(sibling)
                   for siblings in (element.previous_siblings, element.next_siblings)
                   for sibling in siblings)


def _holds_something(node) -> bool:
    return isinstance(node, Tag) or bool(str(node).strip())


def _itemtypes(tag: Tag) -> list[str]:
    return [re.split(r"[/:#]", t)[-1] for t in str(tag.get("itemtype") or "").split()]


def _plain_text(nodes: Iterable) -> str:
    """The text of some nodes as a reader sees it: no scripts, icons or screen-reader hints."""
    parts: list[str] = []
    stack = list(reversed(list(nodes)))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if node.name in SKIPPED_TAGS or _is_ui_only(node):
                continue
            if node.name == "br" or node.name in BLOCK_TAGS:
                parts.append(" ")
            stack.extend(reversed(node.contents))
        elif _is_text(node):
            parts.append(str(node))
    return "".join(parts)


def _is_ui_only(tag: Tag) -> bool:
    classes = tag.get("class") or []
    if any(str(c).lower() in UI_ONLY_NAMES for c in classes):
        return True
    return str(tag.get("aria-hidden") or "").lower() == "true" and tag.name in ("span", "i")
