"""One page being read: its tree, what has been taken from it, what was dropped and
why, CSS-path locators and lines; and its metadata (title, site name, language)."""
from __future__ import annotations

import re
from typing import Iterator

from bs4 import BeautifulSoup, NavigableString, Tag

from pipeline.language import ends_like_question
from pipeline.rules.furniture_residue import FurnitureResidue, is_furniture_line
from pipeline.sources import Dropped, ReadOptions
from pipeline.sources.html.markdown import _Renderer
from pipeline.sources.html.tree import _Index, _Spans, _base_url, _clip, _collapse, _is_text, _plain_text
from pipeline.sources.html.vocabulary import (CAMEL_RE, DECORATION, MAX_DROPPED, SIMPLE_ID_RE,
                                              TITLE_SEPARATORS, TOKEN_SPLIT_RE)


class _Page:
    """One parsed page: its tree, node index, base address and the parts taken so far."""

    def __init__(self, soup: BeautifulSoup, options: ReadOptions) -> None:
        self.soup = soup
        self.options = options
        self.root = soup.body or soup
        self.index = _Index(soup)
        self.base = _base_url(soup, options.url)
        self.renderer = _Renderer(self.index, self.base)
        self.gone = _Spans()  # furniture taken out of the tree
        self.removed: list[Tag] = []  # kept alive, so that their ids are never reused
        self._names: dict[int, list[str]] = {}
        self._siblings: dict[int, tuple[dict[int, int], dict[str, int]]] = {}
        self._ids: dict[str, Tag] | None = None
        self._dropped: list[tuple[int, Dropped]] = []
        self._census: dict[str, list[Tag]] | None = None
        self._asking: list[tuple[Tag, Tag, str]] | None = None
        self._text_length: int | None = None

    def asking_details(self) -> list[tuple[Tag, Tag, str]]:
        """<details> elements whose summary asks something, with the summary and its text."""
        if self._asking is None:
            self._asking = []
            for details in self.tags("details"):
                summary = next((c for c in details.children if isinstance(c, Tag) and c.name == "summary"), None)
                question = self.question_text(summary) if summary is not None else ""
                if question and not is_furniture_line(question):  # "Show more" belongs to the text around it
                    self._asking.append((details, summary, question))
        return self._asking

    def holds_most_text(self, tag: Tag) -> bool:
        """True when ``tag`` holds over half the page's text: content, whatever its class says."""
        if self._text_length is None:
            self._text_length = len(_collapse(_plain_text([self.root])))
        return len(_collapse(_plain_text([tag]))) * 2 > self._text_length > 0

    def dropped(self) -> list[Dropped]:
        return [item for _, item in sorted(self._dropped, key=lambda pair: pair[0])]

    def tags(self, *names: str) -> Iterator[Tag]:
        """The page's tags in document order (only those named, if names are given),
        skipping furniture, also furniture removed while the caller iterates.
        Faster than bs4's find_all, whose filters dominate the time on big pages."""
        if self._census is not None:
            if not names:
                return iter(self._census[""])
            lists = [self._census.get(name, []) for name in names]
            return iter(lists[0] if len(lists) == 1 else sorted(
                (tag for found in lists for tag in found), key=self.start))
        wanted = frozenset(names)
        return (node for node in self._nodes() if isinstance(node, Tag) and (not wanted or node.name in wanted))

    def strings(self) -> Iterator[NavigableString]:
        return (node for node in self._nodes() if _is_text(node))

    def settle(self) -> None:
        """Furniture is gone: list the remaining tags once, by name, for all the finders."""
        census: dict[str, list[Tag]] = {"": []}
        for tag in self.tags():
            census[""].append(tag)
            census.setdefault(tag.name, []).append(tag)
        self._census = census

    def _nodes(self) -> Iterator:
        nodes = self.index.nodes
        if isinstance(self.root, Tag) and self.root is not self.soup:
            position, last = self.start(self.root) + 1, self.end(self.root)
        else:
            position, last = 0, len(nodes) - 1
        while position <= last:
            skip_to = self.gone.end_at(position)
            if skip_to is not None:
                position = skip_to + 1
                continue
            following = self.gone.next_start(position)
            limit = last if following is None else min(last, following - 1)
            version = self.gone.version
            while position <= limit and self.gone.version == version:
                yield nodes[position]
                position += 1

    def start(self, node) -> int:
        return self.index.start(node)

    def end(self, node) -> int:
        return self.index.end(node)

    def names(self, tag: Tag) -> list[str]:
        """The tag's class names and id, lower-case, camelCase split with hyphens."""
        cached = self._names.get(id(tag))
        if cached is None:
            classes = tag.get("class") or []
            if isinstance(classes, str):
                classes = classes.split()
            raw = [*classes, tag.get("id") or ""]
            cached = [(name if name.islower() else CAMEL_RE.sub("-", name)).lower() for name in raw if name]
            self._names[id(tag)] = cached
        return cached

    def tokens(self, tag: Tag) -> set[str]:
        return {token for name in self.names(tag) for token in TOKEN_SPLIT_RE.split(name) if token}

    def ids(self) -> dict[str, Tag]:
        if self._ids is None:
            self._ids = {}
            for tag in self.tags():
                if tag.has_attr("id"):
                    self._ids.setdefault(str(tag["id"]), tag)
        return self._ids

    def remove(self, tags: list[Tag], reason: str) -> None:
        """Take furniture out of the tree, recorded as one piece when it holds text and
        ``reason`` says what it is ("" for scripts and the like)."""
        if reason and len(self._dropped) < MAX_DROPPED:
            text = " ".join(_collapse(_plain_text([tag])) for tag in tags).strip()
            if any(ch.isalnum() for ch in text):
                self._dropped.append((self.start(tags[0]), Dropped(
                    _clip(text), tags[0].sourceline, FurnitureResidue.code, FurnitureResidue.name, reason)))
        for tag in tags:
            if tag.parent is not None:
                self._sibling_places(tag.parent)  # so that locators still count the page's own siblings
            self.gone.add(self.start(tag), self.end(tag))
            tag.extract()
            self.removed.append(tag)

    def question_text(self, tag: Tag) -> str:
        """What the element asks; it may itself be a <button>, whose inner buttons are skipped."""
        return _collapse(_plain_text(tag.contents)).strip(DECORATION)

    def locator(self, tag: Tag) -> str:
        """A short CSS path: up to the nearest id or <main>, at most six steps."""
        parts: list[str] = []
        node = tag
        while isinstance(node, Tag) and node.name not in ("html", "body", "[document]") and len(parts) < 6:
            ident = node.get("id")
            if isinstance(ident, str) and SIMPLE_ID_RE.match(ident):
                parts.append(f"{node.name}#{ident}")
                break
            parts.append(node.name + self._nth_of_type(node))
            if node.name == "main":
                break
            node = node.parent
        return " > ".join(reversed(parts))

    def _nth_of_type(self, tag: Tag) -> str:
        if tag.parent is None:
            return ""
        places, counts = self._sibling_places(tag.parent)
        return f":nth-of-type({places[id(tag)]})" if counts.get(tag.name, 0) > 1 else ""

    def _sibling_places(self, parent: Tag) -> tuple[dict[int, int], dict[str, int]]:
        """Each child's number among its parent's children of its name, and how many there are."""
        cached = self._siblings.get(id(parent))
        if cached is None:
            places: dict[int, int] = {}
            counts: dict[str, int] = {}
            for child in parent.children:
                if isinstance(child, Tag):
                    counts[child.name] = counts.get(child.name, 0) + 1
                    places[id(child)] = counts[child.name]
            cached = self._siblings[id(parent)] = (places, counts)
        return cached

    def lines(self, anchor: Tag, answer: list) -> tuple[int, int] | None:
        first = anchor.sourceline
        if first is None:
            return None
        last = self.index.last_line(anchor) or first
        for node in answer:
            if isinstance(node, Tag):
                last = max(last, self.index.last_line(node) or last)
        return first, max(first, last)


def _metadata(soup: BeautifulSoup) -> tuple[str | None, str | None, str | None]:
    head = soup.head or soup
    site = _meta_content(head, "property", "og:site_name")
    title = None
    if head.title is not None:
        title = _collapse(head.title.get_text())
    title = title or _meta_content(head, "property", "og:title")
    if not title:
        h1 = soup.find("h1")
        title = _collapse(h1.get_text(" ")) if h1 is not None else None
    title = _clean_title(title, site) if title else None

    language = None
    html = soup.find("html")
    if html is not None:
        lang = html.get("lang") or html.get("xml:lang") or ""
        match = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_]|\s*$)", str(lang))
        language = match.group(1).lower() if match else None

    description = (_meta_content(head, "name", "description")
                   or _meta_content(head, "property", "og:description"))
    return title, language, description


def _meta_content(head: Tag, attribute: str, value: str) -> str | None:
    tag = head.find("meta", attrs={attribute: re.compile(f"^{re.escape(value)}$", re.I)})
    content = _collapse(str(tag.get("content") or "")) if tag is not None else ""
    return content or None


def _clean_title(title: str, site: str | None) -> str:
    """Drop a trailing " | Site" when it is plainly a site name: short, and the last part."""
    for separator in TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if not found or not head.strip():
            continue
        tail = tail.strip()
        if tail == site or (len(tail.split()) <= 4 and len(tail) <= 30 and not ends_like_question(tail)):
            return head.strip()
    return title
