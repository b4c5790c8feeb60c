"""Answers as Markdown: HTML elements written in the subset of :mod:`pipeline.answer`,
plus inline links and emphasis."""
from __future__ import annotations

import html as html_entities
import re
from dataclasses import dataclass

from bs4 import Tag

from pipeline.answer import Block, escape_text, render_blocks
from pipeline.sources.html.tree import _Index, _collapse, _is_text, _is_ui_only, _join, _plain_text, parse
from pipeline.sources.html.vocabulary import (BLOCK_TAGS, EMPHASIS_TAGS, HEADINGS, SKIPPED_TAGS, STRONG_TAGS,
                                              TAG_LIKE_RE)


@dataclass
class _List:
    kind: str  # "bullets" or "numbers"
    number: int  # the number the next item gets
    block: Block | None = None
    item: tuple[Block, int] | None = None  # where the open item's text went
    implicit: bool = False  # an <li> outside any list


class _Writer:
    """Collects an answer as blocks of the Markdown subset while a walk over the HTML
    feeds it text and structure. With ``single_line`` everything becomes one line
    (a table cell)."""

    def __init__(self, single_line: bool = False) -> None:
        self.single_line = single_line
        self.blocks: list[Block] = []
        self.lines: list[str] = []  # finished lines of the open paragraph
        self.line: list[str] = []  # pieces of the line being written
        self.space = False  # a space is due before the next piece
        self.marks: list[list] = []  # open emphasis: [marker, written on this line]
        self.depth: dict[str, int] = {}
        self.lists: list[_List] = []

    # inline content

    def text(self, raw: str) -> None:
        chunk = _collapse(raw)
        if raw[:1].isspace():
            self.space = True
        if chunk:
            self._put(chunk, escape=True)
            if raw[-1:].isspace():
                self.space = True

    def link(self, raw: str, url: str | None) -> None:
        label = _collapse(raw)
        if not label or url is None:
            self.text(raw)
            return
        if raw[:1].isspace():
            self.space = True
        text = escape_text(label, line_start=False).replace("[", "\\[").replace("]", "\\]")
        self._put(f"[{text}]({url})", escape=False)
        if raw[-1:].isspace():
            self.space = True

    def open_mark(self, marker: str) -> None:
        self.depth[marker] = self.depth.get(marker, 0) + 1
        if self.depth[marker] == 1:
            self.marks.append([marker, False])

    def close_mark(self, marker: str) -> None:
        self.depth[marker] = self.depth.get(marker, 1) - 1
        if self.depth[marker]:
            return
        for index in range(len(self.marks) - 1, -1, -1):
            if self.marks[index][0] == marker:
                if self.marks[index][1]:
                    self.line.append(marker)
                del self.marks[index]
                return

    def _put(self, piece: str, escape: bool) -> None:
        if self.space and self.line:
            self.line.append(" ")
        self.space = False
        for mark in self.marks:
            if not mark[1]:
                self.line.append(mark[0])
                mark[1] = True
        self.line.append(escape_text(piece, line_start=not self.line) if escape else piece)

    def _end_line(self) -> str:
        for mark in reversed(self.marks):
            if mark[1]:
                self.line.append(mark[0])
                mark[1] = False
        text = "".join(self.line).strip()
        self.line = []
        self.space = False
        return text

    # structure

    def line_break(self) -> None:
        if self.single_line or self.lists:
            self.space = True
            return
        text = self._end_line()
        if text:
            self.lines.append(text)
        else:
            self._flush_paragraph()  # two breaks in a row end a paragraph

    def boundary(self) -> None:
        if self.single_line or self.lists:
            self.space = True
            return
        self._flush_paragraph()

    def _flush_paragraph(self) -> None:
        text = self._end_line()
        if text:
            self.lines.append(text)
        if self.lines:
            self.blocks.append(Block("paragraph", ["\n".join(self.lines)]))
            self.lines = []

    def start_list(self, kind: str, start: int = 1, implicit: bool = False) -> None:
        if self.single_line:
            self.space = True
            return
        if self.lists:
            self._close_item_text()
            outer = self.lists[-1]
            if not (outer.kind == kind == "bullets"):
                outer.block = None  # the outer list goes on after the nested one, in a block of its own
        else:
            self._flush_paragraph()
        self.lists.append(_List(kind, start, implicit=implicit))

    def end_list(self) -> None:
        if self.single_line or not self.lists:
            self.space = True
            return
        self._close_item_text()
        inner = self.lists.pop()
        if self.lists and not (self.lists[-1].kind == inner.kind == "bullets"):
            self.lists[-1].block = None

    def start_item(self) -> None:
        if self.single_line:
            self.space = True
            return
        if not self.lists:
            self.start_list("bullets", implicit=True)
        self._close_item_text()
        self.lists[-1].item = None

    def end_item(self) -> None:
        if self.single_line or not self.lists:
            self.space = True
            return
        self._close_item_text()
        state = self.lists[-1]
        state.item = None
        if state.implicit:
            self.lists.pop()

    def _close_item_text(self) -> None:
        text = self._end_line()
        if not text or not self.lists:
            return
        state = self.lists[-1]
        if state.item is not None:  # more text of an item after its nested list
            block, index = state.item
            block.items[index] += " " + text
            return
        block = self._list_block(state)
        block.items.append(text)
        state.item = (block, len(block.items) - 1)
        state.number += 1

    def _list_block(self, state: _List) -> Block:
        if state.block is None:
            outer = self.lists[-2] if len(self.lists) > 1 else None
            if outer is not None and outer.kind == state.kind == "bullets" and outer.block is not None:
                state.block = outer.block  # nested bullets join their parent list
            else:
                state.block = Block(state.kind, start=state.number)
                self.blocks.append(state.block)
        return state.block

    def table(self, rows: list[list[str]], caption: str) -> None:
        """A grid of rendered cells: a Markdown table, a list if it has one column."""
        if caption:
            self.boundary()
            self.text(caption)
        if self.single_line or self.lists:
            self.space = True
            self._put("; ".join(", ".join(c for c in row if c) for row in rows), escape=False)
            self.space = True
            return
        self._flush_paragraph()
        width = max(len(row) for row in rows)
        if width == 1:
            self.blocks.append(Block("bullets", [row[0] for row in rows if row[0]]))
            return
        lines = []
        for index, row in enumerate(rows):
            cells = row + [""] * (width - len(row))
            lines.append("|" + "|".join(f" {c} " if c else " " for c in cells) + "|")
            if index == 0:
                lines.append("|" + "|".join("---" for _ in cells) + "|")
        self.blocks.append(Block("paragraph", ["\n".join(lines)]))

    def finish(self) -> list[Block]:
        while self.lists:
            self.end_list()
        self._flush_paragraph()
        return [b for b in self.blocks if b.items]


def fragment_markdown(value: str, base: str | None = None) -> str:
    """An answer given as a string (JSON-LD, a microdata attribute, a data file's
    field) in the answer Markdown: HTML when it looks like HTML, converted as the
    answers of a page are; otherwise text whose blank lines separate paragraphs.
    The data-file reader uses it too, so that both readers keep the same lists,
    links and emphasis."""
    if not value or not value.strip():
        return ""
    if not TAG_LIKE_RE.search(value) and "&lt;" not in value:
        paragraphs = [_collapse(p) for p in re.split(r"\n\s*\n", value)]
        return render_blocks([Block("paragraph", [escape_text(p)]) for p in paragraphs if p])
    if "<" not in value:
        value = html_entities.unescape(value)  # HTML that was escaped once more
    fragment = parse(value)
    return _Renderer(_Index(fragment), base).render(list((fragment.body or fragment).contents))


class _Renderer:
    """Turns HTML nodes into answer Markdown, one iterative walk per answer."""

    def __init__(self, index: _Index, base: str | None) -> None:
        self.index = index
        self.base = base

    def render(self, nodes: list) -> str:
        writer = _Writer()
        self._walk(nodes, writer)
        return render_blocks(writer.finish())

    def _walk(self, nodes: list, writer: _Writer) -> None:
        stack: list[tuple[object, bool]] = [(node, False) for node in reversed(nodes)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self._leave(node, writer)
            elif isinstance(node, Tag):
                if self._enter(node, writer):
                    stack.append((node, True))
                    stack.extend((child, False) for child in reversed(node.contents))
            elif _is_text(node):
                writer.text(str(node))

    def _enter(self, tag: Tag, writer: _Writer) -> bool:
        """Open ``tag``; True when its children are to be walked."""
        name = tag.name
        if name in SKIPPED_TAGS or _is_ui_only(tag):
            return False
        if name == "br":
            writer.line_break()
        elif name == "a":
            writer.link(_plain_text(tag.contents), self._url(tag.get("href")))
        elif name == "pre":
            self._preformatted(tag, writer)
        elif name == "table" and not self.index.has_layout_inside(tag):
            self._table(tag, writer)
        else:
            if name in ("ul", "ol", "menu"):
                writer.start_list("numbers" if name == "ol" else "bullets", _list_start(tag))
            elif name == "li":
                writer.start_item()
            elif name in STRONG_TAGS:
                writer.open_mark("**")
            elif name in EMPHASIS_TAGS:
                writer.open_mark("*")
            elif name in HEADINGS:
                writer.boundary()
                writer.open_mark("**")
            elif name in BLOCK_TAGS:
                writer.boundary()
            return True
        return False

    def _leave(self, tag: Tag, writer: _Writer) -> None:
        name = tag.name
        if name in ("ul", "ol", "menu"):
            writer.end_list()
        elif name == "li":
            writer.end_item()
        elif name in STRONG_TAGS:
            writer.close_mark("**")
        elif name in EMPHASIS_TAGS:
            writer.close_mark("*")
        elif name in HEADINGS:
            writer.close_mark("**")
            writer.boundary()
        elif name in BLOCK_TAGS:
            writer.boundary()

    def _url(self, href) -> str | None:
        """The link's address, absolute when the page's address is known; None for
        script links and empty ones (their text stays, as text)."""
        href = re.sub(r"[\x00-\x1f]+", "", str(href or "").strip())  # as browsers do: tabs and newlines go
        if not href or href == "#" or re.match(r"^(javascript|vbscript|data):", href, re.I):
            return None
        if self.base:
            href = _join(self.base, href) or href  # an address urllib cannot parse stays as written
        for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ("|", "%7C")):
            href = href.replace(char, code)
        return href

    def _preformatted(self, tag: Tag, writer: _Writer) -> None:
        writer.boundary()
        for line in _plain_text(tag.contents).split("\n"):
            if line.strip():
                writer.text(line)
                writer.line_break()
            else:
                writer.boundary()
        writer.boundary()

    def _table(self, table: Tag, writer: _Writer) -> None:
        rows = []
        for row in table.find_all("tr"):
            cells: list[str] = []
            for cell in row.find_all(["td", "th"], recursive=False):
                text = self._cell(cell)
                span = str(cell.get("colspan") or "1")
                cells.extend([text] + [""] * (min(int(span), 20) - 1 if span.isdigit() and int(span) > 1 else 0))
            if any(cells):
                rows.append(cells)
        caption = table.find("caption")
        if rows:
            writer.table(rows, _collapse(_plain_text([caption])) if caption is not None else "")

    def _cell(self, cell: Tag) -> str:
        writer = _Writer(single_line=True)
        self._walk(list(cell.contents), writer)
        return render_blocks(writer.finish()).replace("|", "\\|")


def _list_start(tag: Tag) -> int:
    start = str(tag.get("start") or "1").strip()
    return int(start) if tag.name == "ol" and start.isdigit() else 1
