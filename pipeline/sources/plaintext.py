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

from dataclasses import dataclass, field

from pipeline.answer import render_blocks
from pipeline.errors import InputError
from pipeline.language import ends_like_question
from pipeline.model import Entry, Provenance
from pipeline.rules.furniture_residue import is_furniture_line, is_navigation_marker
from pipeline.sources import Dropped, ReadResult
from pipeline.sources.text_blocks import (Line, answer_blocks, furniture, is_list_item, left_out,
                                          split_blocks)


@dataclass
class _Draft:
    question: str
    line: int
    navigation: bool = False
    content: list[Line] = field(default_factory=list)


def read_plaintext(text: str, path: str, language: str = "en") -> ReadResult:
    blocks = split_blocks(text)
    drafts: list[_Draft] = []
    dropped: list[Dropped] = []
    preamble: list[Line] = []
    after_marker = False

    for block in blocks:
        for index, line in enumerate(block):
            stripped = line.text.strip()
            following = block[index + 1].text if index + 1 < len(block) else None
            if is_navigation_marker(stripped):
                after_marker = True
                dropped.append(furniture(line.text, line.number, "navigation marker"))
            elif is_furniture_line(stripped):
                dropped.append(furniture(line.text, line.number, "page furniture"))
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
        dropped.append(left_out(line.text, line.number, "text before the first question"))
    if not drafts:
        raise InputError("no questions found", path,
                         hint="a question is a line ending in '?' on its own between blank lines")
    entries = [_entry(draft, path) for draft in drafts]
    return ReadResult(entries=entries, dropped=dropped, language=None)


def _starts_entry(index: int, following: str | None, after_marker: bool, answered: bool) -> bool:
    if after_marker:
        return True
    if index != 0:
        return False
    if following is None:
        return True  # alone between blank lines
    if is_list_item(following):
        # Where an answer should begin, a question line over a list heads the list.
        return answered
    # Directly followed by text, it is a question whose answer starts on the next line.
    return not is_navigation_marker(following.strip())


def _entry(draft: _Draft, path: str) -> Entry:
    last = draft.content[-1].number if draft.content else draft.line
    return Entry(
        question=draft.question,
        answer=render_blocks(answer_blocks(draft.content)),
        provenance=Provenance(source=path, lines=(draft.line, last)),
        signals=frozenset({"navigation"}) if draft.navigation else frozenset(),
    )
