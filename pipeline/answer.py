"""The Markdown subset that answers are stored in: paragraphs, ``-`` bullet lists and
``1.`` numbered lists, separated by blank lines.

Readers build answers as blocks and render them here; rules parse stored answers
back into blocks. Anything else a person writes (emphasis, links) passes through as
paragraph text.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

BULLET_RE = re.compile(r"^\s*[-*+]\s+(.*)$")
NUMBER_RE = re.compile(r"^\s*(\d{1,9})[.)]\s+(.*)$")


@dataclass
class Block:
    kind: str  # "paragraph", "bullets" or "numbers"
    items: list[str] = field(default_factory=list)
    start: int = 1  # first number of a numbered list
    line: int = 0  # 0-based line of the block inside the answer text

    @property
    def is_list(self) -> bool:
        return self.kind != "paragraph"

    @property
    def text(self) -> str:
        return "\n".join(self.items)


def parse_blocks(markdown: str) -> list[Block]:
    """Split an answer into paragraphs and lists; tolerant of any Markdown.

    The blocks are new objects on every call, the caller's to change."""
    return [Block(kind, list(items), start, line) for kind, items, start, line in _parsed(markdown)]


def answer_items(markdown: str) -> tuple[str, ...]:
    """The paragraphs and list items of an answer, in order: what most rules read."""
    return _items(markdown)


# Half a dozen rules parse every answer, one rule after another over a collection:
# the parse is cached per answer text, a collection's worth.
@functools.lru_cache(maxsize=1 << 14)
def _parsed(markdown: str) -> tuple[tuple[str, tuple[str, ...], int, int], ...]:
    return tuple((block.kind, tuple(block.items), block.start, block.line)
                 for block in _parse_blocks(markdown))


@functools.lru_cache(maxsize=1 << 14)
def _items(markdown: str) -> tuple[str, ...]:
    return tuple(item for _kind, items, _start, _line in _parsed(markdown) for item in items)


def _parse_blocks(markdown: str) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for number, raw in enumerate(markdown.split("\n")):
        line = raw.rstrip()
        if not line.strip():
            current = None
            continue
        bullet = BULLET_RE.match(line)
        numbered = NUMBER_RE.match(line)
        if bullet or numbered:
            kind = "bullets" if bullet else "numbers"
            text = bullet.group(1) if bullet else numbered.group(2)
            if current is None or current.kind != kind:
                current = Block(kind, line=number)
                if numbered:
                    current.start = int(numbered.group(1))
                blocks.append(current)
            current.items.append(text.strip())
        elif current is not None and current.is_list and raw[:1].isspace():
            current.items[-1] += " " + line.strip()  # a continuation of the last item
        elif current is not None and current.kind == "paragraph":
            current.items.append(line)  # joined below: adding to one string is quadratic
        else:
            current = Block("paragraph", [line], line=number)
            blocks.append(current)
    for block in blocks:
        if block.kind == "paragraph" and len(block.items) > 1:
            block.items = ["\n".join(block.items)]
    return blocks


def render_blocks(blocks: list[Block]) -> str:
    parts = []
    for block in blocks:
        if block.kind == "paragraph":
            parts.append("\n".join(block.items))
        elif block.kind == "bullets":
            parts.append("\n".join(f"- {item}" for item in block.items))
        else:
            parts.append("\n".join(f"{block.start + i}. {item}" for i, item in enumerate(block.items)))
    return "\n\n".join(part for part in parts if part.strip())


_BLOCK_START_RE = re.compile(r"^(\s*)([-*+>#]|\d{1,9}[.)])(\s|$)")
_INLINE_RE = re.compile(r"([\\`*_]|<(?=[A-Za-z/!?]))")


def escape_text(text: str, line_start: bool = True) -> str:
    """Escape plain text so that Markdown shows it as written.

    Only what would change its meaning is escaped (a line that would start a list,
    quote or heading; emphasis and code marks; what looks like an HTML tag), so
    that the stored corpus stays readable. Pass ``line_start=False`` for a piece
    that continues a line (after a link, say): there a leading "-" or "1." cannot
    start a block and stays unescaped.
    """
    text = _INLINE_RE.sub(r"\\\1", text)
    if not line_start:
        return text
    match = _BLOCK_START_RE.match(text)
    if match:
        marker = match.group(2)
        escaped = marker[:-1] + "\\" + marker[-1] if marker[-1] in ".)" else "\\" + marker
        text = match.group(1) + escaped + text[match.end(2):]
    return text
