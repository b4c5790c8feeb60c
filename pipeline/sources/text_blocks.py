"""Lines of plain text and the answer blocks built from them, shared by the readers
of plain text ("people also ask" scrapes, Q:/A: files); and the records every
reader makes of the text it leaves out.

Plain text has no markup, so structure comes from layout: runs of non-blank lines
(blocks), lines that open a bullet or numbered list, and lines that a source wrapped.
Every piece of text is escaped on its way into the Markdown subset of
`pipeline.answer`, so that it shows as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.answer import Block, escape_text
from pipeline.rules.furniture_residue import FurnitureResidue
from pipeline.sources import Dropped

BULLET_RE = re.compile(r"^(\s*)([•\-*·–—‣◦▪●○■□►▸➢✓✔])\s+(\S.*)$")
NUMBER_RE = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(\S.*)$")
# A line this long that does not end a sentence was wrapped by the source, and the
# next line continues its paragraph.
WRAP_WIDTH = 60
SENTENCE_END = ".!?:;…\"'”’)]»。！？"


@dataclass
class Line:
    number: int  # 1-based line in the source
    text: str
    block: int  # index of the run of non-blank lines the line belongs to


def split_blocks(text: str) -> list[list[Line]]:
    """The runs of non-blank lines of ``text``, each line with its number."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            current.append(Line(number, raw.rstrip(), len(blocks)))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def is_list_item(line: str) -> bool:
    return bool(BULLET_RE.match(line) or NUMBER_RE.match(line))


def furniture(text: str, line: int | None, what: str) -> Dropped:
    """A record of page furniture a reader left out, under the rule that owns the vocabulary."""
    return Dropped(text.strip(), line, FurnitureResidue.code, FurnitureResidue.name, what)


def left_out(text: str, line: int | None, why: str) -> Dropped:
    """A record of other text a reader left out because it belongs to no entry (text
    before the first question, a table of contents, ...)."""
    return Dropped(text.strip(), line, "FAQ000", "reader", why)


def answer_blocks(lines: list[Line], join_block_lines: bool = False) -> list[Block]:
    """Paragraphs and lists from the lines of one answer.

    Scrapes put each paragraph on a line of its own, so by default a line starts a
    new paragraph unless the previous one was wrapped. Text written by hand wraps
    its paragraphs anywhere; with ``join_block_lines`` every run of non-blank lines
    that is not a list is one paragraph.
    """
    blocks: list[Block] = []
    current: Block | None = None
    item_indent = 0
    previous: Line | None = None
    for line in lines:
        new_group = previous is None or previous.block != line.block
        bullet = BULLET_RE.match(line.text)
        numbered = NUMBER_RE.match(line.text)
        if bullet or numbered:
            kind = "bullets" if bullet else "numbers"
            indent, text = (bullet.group(1), bullet.group(3)) if bullet else (numbered.group(1), numbered.group(3))
            if current is None or current.kind != kind or new_group and kind != current.kind:
                current = Block(kind)
                if numbered:
                    current.start = int(numbered.group(2))
                blocks.append(current)
            current.items.append(escape_text(text.strip()))
            item_indent = len(indent)
        elif (current is not None and current.is_list and not new_group
              and len(line.text) - len(line.text.lstrip()) > item_indent):
            current.items[-1] += " " + escape_text(line.text.strip())
        elif (current is not None and current.kind == "paragraph" and not new_group
              and (join_block_lines or _wrapped(previous.text))):
            current.items[0] += " " + escape_text(line.text.strip())
        else:
            current = Block("paragraph", [escape_text(line.text.strip())])
            blocks.append(current)
        previous = line
    # A "list" of one item is a line that happens to start with a dash or bullet.
    for block in blocks:
        if block.is_list and len(block.items) == 1 and block.kind == "bullets":
            block.kind = "paragraph"
    return blocks


def _wrapped(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= WRAP_WIDTH and stripped[-1] not in SENTENCE_END
