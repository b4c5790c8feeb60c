"""Reader for plain-text scrapes of FAQ and "people also ask" pages.

The shape it understands, in general terms:

- A question is a line ending in a question mark that stands alone between blank
  lines (or at the start of the file), or that opens a block whose next line is
  ordinary text.
- A line ending in a question mark that is directly followed by list items is the
  heading of a list inside an answer when it comes where the answer starts (the
  question before it has no text yet); after a complete answer it is the next
  question, and the list is its answer.
- An answer is everything up to the next question: paragraphs, bullet lists
  (``•``, ``-``, ``*``, ``·`` and similar) and numbered lists (``1.``, ``1)``).
- Navigation markers ("Previous question", "Related questions", ...) introduce
  links to other pages; a question after one that gets no answer is a link.

The reader only finds structure. Repairs and removals (truncation marks, broken
contractions, furniture, off-topic entries) are the rules' job, so that cleaning
and linting share them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.answer import Block, escape_text, render_blocks
from pipeline.errors import InputError
from pipeline.language import ends_like_question
from pipeline.model import Entry, Provenance
from pipeline.rules.furniture_residue import FurnitureResidue, is_furniture_line, is_navigation_marker
from pipeline.sources import Dropped, ReadResult

BULLET_RE = re.compile(r"^(\s*)([•\-*·–—‣◦▪●○■□►▸➢✓✔])\s+(\S.*)$")
NUMBER_RE = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(\S.*)$")
# A line this long that does not end a sentence was wrapped by the source, and the
# next line continues its paragraph.
WRAP_WIDTH = 60
SENTENCE_END = ".!?:;…\"'”’)]»。！？"


@dataclass
class _Line:
    number: int
    text: str
    block: int  # index of the run of non-blank lines the line belongs to


@dataclass
class _Draft:
    question: str
    line: int
    navigation: bool = False
    content: list[_Line] = field(default_factory=list)


def read_plaintext(text: str, path: str, language: str = "en") -> ReadResult:
    blocks = _blocks(text)
    drafts: list[_Draft] = []
    dropped: list[Dropped] = []
    preamble: list[_Line] = []
    after_marker = False

    for block in blocks:
        for index, line in enumerate(block):
            stripped = line.text.strip()
            following = block[index + 1].text if index + 1 < len(block) else None
            if is_navigation_marker(stripped):
                after_marker = True
                dropped.append(_furniture(line, "navigation marker"))
            elif is_furniture_line(stripped):
                dropped.append(_furniture(line, "page furniture"))
            elif ends_like_question(stripped) and _starts_entry(
                    index, following, after_marker, bool(drafts and drafts[-1].content)):
                drafts.append(_Draft(stripped, line.number, navigation=after_marker))
            elif drafts:
                drafts[-1].content.append(line)
                drafts[-1].navigation = False  # it has an answer, so it is content
                after_marker = False
            else:
                preamble.append(line)

    for line in preamble:
        dropped.append(Dropped(line.text.strip(), line.number, "FAQ000", "reader",
                               "text before the first question"))
    if not drafts:
        raise InputError("no questions found", path,
                         hint="a question is a line ending in '?' on its own between blank lines")
    entries = [_entry(draft, path) for draft in drafts]
    return ReadResult(entries=entries, dropped=dropped, language=None)


def _blocks(text: str) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            current.append(_Line(number, raw.rstrip(), len(blocks)))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _starts_entry(index: int, following: str | None, after_marker: bool, answered: bool) -> bool:
    if after_marker:
        return True
    if index != 0:
        return False
    if following is None:
        return True  # alone between blank lines
    if _is_item(following):
        # Where an answer should begin, a question line over a list heads the list.
        return answered
    # Directly followed by text, it is a question whose answer starts on the next line.
    return not is_navigation_marker(following.strip())


def _is_item(line: str) -> bool:
    return bool(BULLET_RE.match(line) or NUMBER_RE.match(line))


def _furniture(line: _Line, what: str) -> Dropped:
    return Dropped(line.text.strip(), line.number, FurnitureResidue.code, FurnitureResidue.name, what)


def _entry(draft: _Draft, path: str) -> Entry:
    last = draft.content[-1].number if draft.content else draft.line
    return Entry(
        question=draft.question,
        answer=render_blocks(_answer_blocks(draft.content)),
        provenance=Provenance(source=path, lines=(draft.line, last)),
        signals=frozenset({"navigation"}) if draft.navigation else frozenset(),
    )


def _answer_blocks(lines: list[_Line]) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    item_indent = 0
    previous: _Line | None = None
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
              and _wrapped(previous.text)):
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
