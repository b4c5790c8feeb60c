"""Reader for plain text written as questions and answers.

The shapes it understands, in general terms:

- Marked questions and answers: a line starting with a question marker (``Q:``,
  ``Question:``, ``Q.``, ``Q1:``, ``Question 2:``) opens an entry, a line starting
  with an answer marker (``A:``, ``Answer:``, ``A.``) opens its answer; the answer
  marker may be left out. A source in German, French, Spanish, Italian, Portuguese
  or Dutch also has its language's usual markers (``F:``/``Frage:`` and
  ``A:``/``Antwort:``, ``P:``/``Pregunta:`` and ``R:``/``Respuesta:``, ...); others
  come from the configuration (``[ingest.markers]``, e.g. ``question = ["S:"]``).
  One-letter markers match in the case given (so that a lettered list "a. ..." is
  not an answer); words match in any case.
- Numbered questions, when no line is marked: ``1. How do I ...?`` or ``1) ...?``
  at the start of a paragraph, followed by its answer. A numbered line that
  continues a list inside an answer, or that does not count up from the previous
  question, belongs to the answer.
- A table of contents that lists the questions again before they are answered: a
  run of two or more question lines with nothing between them, most of which are
  asked again further down. Its lines are dropped, so that they make neither
  empty nor duplicate entries.
- Answers are paragraphs (the lines of a paragraph may be wrapped anywhere),
  bullet lists and numbered lists. Furniture lines ("Back to top", "Read more")
  are dropped wherever they are.

A question is recognised by its marker or number, so it need not end in "?"; the
question-form rule judges that, per language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.answer import render_blocks
from pipeline.errors import InputError
from pipeline.language import base_language, ends_like_question
from pipeline.model import Entry, Provenance
from pipeline.rules.duplicate_question import question_key
from pipeline.rules.furniture_residue import is_furniture_line, is_navigation_marker
from pipeline.sources import Dropped, ReadOptions, ReadResult
from pipeline.sources.text_blocks import (BULLET_RE, NUMBER_RE, Line, answer_blocks, furniture,
                                          is_list_item, left_out, split_blocks)

BUILTIN_MARKERS = {
    "question": ("Q", "Question", "Ques"),
    "answer": ("A", "Answer", "Ans"),
}
# The usual markers of other languages, in force for a source in that language (its
# primary subtag) besides the English ones and the configured ones.
LANGUAGE_MARKERS: dict[str, dict[str, tuple[str, ...]]] = {
    "de": {"question": ("F", "Frage"), "answer": ("A", "Antwort")},
    "fr": {"question": ("Q", "Question"), "answer": ("R", "Réponse", "Rép")},
    "es": {"question": ("P", "Pregunta"), "answer": ("R", "Respuesta", "Resp")},
    "it": {"question": ("D", "Domanda"), "answer": ("R", "Risposta")},
    "pt": {"question": ("P", "Pergunta"), "answer": ("R", "Resposta")},
    "nl": {"question": ("V", "Vraag"), "answer": ("A", "Antwoord")},
}
# What may follow a marker word: an optional number ("Q1:", "Question 2."), then ":" or ".".
_AFTER_MARKER = r"[ \t]*(?:\d{1,3}[ \t]*)?[:.](?:[ \t]+|$)(?P<rest>.*)$"
# How many questions, at least, make a document one of numbered questions.
MIN_NUMBERED_QUESTIONS = 2


@dataclass
class _Markers:
    """The question and answer markers in force: the built-in ones and the configured ones."""

    question: re.Pattern[str]
    answer: re.Pattern[str]

    @classmethod
    def from_options(cls, options: ReadOptions) -> "_Markers":
        return cls(_marker_pattern("question", options), _marker_pattern("answer", options))

    def match_question(self, text: str) -> str | None:
        match = self.question.match(text)
        return match.group("rest").strip() if match else None

    def match_answer(self, text: str) -> str | None:
        match = self.answer.match(text)
        return match.group("rest") if match else None


def _marker_pattern(kind: str, options: ReadOptions) -> re.Pattern[str]:
    words = list(dict.fromkeys(BUILTIN_MARKERS[kind]
                               + LANGUAGE_MARKERS.get(base_language(options.language), {}).get(kind, ())))
    for marker in options.markers.get(kind, []):
        word = marker.strip().rstrip(":.").strip()
        if word and word not in words:
            words.append(word)
    # Longest first, so that "Question" wins over "Q".
    alternatives = [_word_pattern(word) for word in sorted(words, key=len, reverse=True)]
    return re.compile(r"^[ \t]*(?:" + "|".join(alternatives) + ")" + _AFTER_MARKER)


def _word_pattern(word: str) -> str:
    escaped = re.escape(word)
    return escaped if len(word) == 1 else f"(?i:{escaped})"


def looks_like_qa(text: str, options: ReadOptions) -> bool:
    """True when ``text`` marks its questions (``Q:``/``A:``) or numbers them.

    A scrape of a "people also ask" box has neither: its questions are bare lines
    ending in "?", which the plain-text reader handles.
    """
    markers = _Markers.from_options(options)
    lines = text.split("\n")
    questions = sum(1 for line in lines if markers.match_question(line) is not None)
    answers = sum(1 for line in lines if markers.match_answer(line) is not None)
    if questions and (answers or questions >= 2):
        return True
    return _answered_numbered_questions(split_blocks(text)) >= MIN_NUMBERED_QUESTIONS


def _answered_numbered_questions(blocks: list[list[Line]]) -> int:
    """How many paragraphs open with a numbered question and go on with text."""
    count = 0
    for index, block in enumerate(blocks):
        if not _numbered_question(block[0].text):
            continue
        following = block[1] if len(block) > 1 else (blocks[index + 1][0] if index + 1 < len(blocks) else None)
        if following is not None and not is_list_item(following.text):
            count += 1
    return count


def _numbered_question(text: str) -> tuple[int, str] | None:
    match = NUMBER_RE.match(text)
    if match and ends_like_question(match.group(3)):
        return int(match.group(2)), match.group(3).strip()
    return None


@dataclass
class _Draft:
    question: str
    line: int
    last_question_line: int
    block: int
    number: int | None = None
    answer_started: bool = False
    content: list[Line] = field(default_factory=list)


def read_qa_text(text: str, path: str, options: ReadOptions) -> ReadResult:
    markers = _Markers.from_options(options)
    blocks = split_blocks(text)
    dropped: list[Dropped] = []
    contents = _table_of_contents(blocks, markers)
    marked = any(markers.match_question(line.text) is not None
                 for block in blocks for line in block if line.number not in contents)
    drafts: list[_Draft] = []
    preamble: list[Line] = []

    for block in blocks:
        for index, line in enumerate(block):
            stripped = line.text.strip()
            if line.number in contents:
                dropped.append(left_out(stripped, line.number, contents[line.number]))
                continue
            if is_navigation_marker(stripped) or is_furniture_line(stripped):
                dropped.append(furniture(stripped, line.number, "page furniture"))
                continue
            draft = drafts[-1] if drafts else None
            question = markers.match_question(line.text) if marked else _numbered_start(
                block, index, draft)
            if question is not None:
                number = _numbered_question(line.text)
                drafts.append(_Draft(question, line.number, line.number, line.block,
                                     number=number[0] if number and not marked else None))
                continue
            answer = markers.match_answer(line.text)
            if draft is None:
                preamble.append(line)
            elif answer is not None:
                draft.answer_started = True
                if answer.strip():
                    draft.content.append(Line(line.number, answer, line.block))
            elif _continues_question(draft, line, block[index + 1:], markers):
                draft.question = f"{draft.question} {stripped}".strip()
                draft.last_question_line = line.number
            else:
                draft.content.append(line)

    for line in preamble:
        dropped.append(left_out(line.text, line.number, "text before the first question"))
    if not drafts:
        raise InputError("no questions found", path,
                         hint="mark questions with 'Q:' (other markers go under [ingest.markers]) "
                              "or number them '1. ...?'")
    return ReadResult(entries=[_entry(draft, path) for draft in drafts], dropped=dropped)


def _numbered_start(block: list[Line], index: int, draft: _Draft | None) -> str | None:
    """The question of a numbered question line, or None when the line belongs to an answer."""
    found = _numbered_question(block[index].text)
    if found is None or index != 0:
        return None
    number, question = found
    if len(block) > 1 and is_list_item(block[1].text):
        return None  # a question over list items heads a list
    if draft is not None:
        if draft.number is not None and number <= draft.number:
            return None  # numbering starts again: a list inside the answer
        last = draft.content[-1] if draft.content else None
        previous = _numbered_question(last.text) if last is not None else None
        if previous is not None and previous[0] + 1 == number:
            return None  # the next item of a list of questions inside the answer
    return question


def _continues_question(draft: _Draft, line: Line, rest_of_block: list[Line], markers: _Markers) -> bool:
    """True for a line that carries on a question wrapped over several lines.

    A marker alone on its line has its question on the next one; otherwise the
    question goes on only up to an answer marker later in the same paragraph.
    """
    if draft.content or draft.answer_started:
        return False
    if not draft.question:
        return True
    return (line.block == draft.block and not ends_like_question(draft.question)
            and not is_list_item(line.text)
            and any(markers.match_answer(later.text) is not None for later in rest_of_block))


def _table_of_contents(blocks: list[list[Line]], markers: _Markers) -> dict[int, str]:
    """Lines that list the questions before they are asked: line number -> reason.

    A table of contents is a run of two or more question lines with nothing between
    them (blank lines aside), at least half of which are asked again after the run.
    A single question line followed by text is a question with its answer, even when
    it is asked again later: the duplicate-question rule deals with that.
    """
    lines = [line for block in blocks for line in block]
    keys = [_listed_question_key(line.text, markers) for line in lines]
    found: dict[int, str] = {}
    start = 0
    while start < len(lines):
        if not keys[start]:
            start += 1
            continue
        end = start
        # A question met again ends the run: the questions themselves begin there.
        while end + 1 < len(lines) and keys[end + 1] and keys[end + 1] not in keys[start:end + 1]:
            end += 1
        run = range(start, end + 1)
        later = {key for key in keys[end + 1:] if key}
        repeated = [i for i in run if keys[i] in later]
        if len(run) >= 2 and len(repeated) * 2 >= len(run):
            for i in run:
                found[lines[i].number] = ("table of contents: the question is asked again below"
                                          if i in repeated else "table of contents entry")
        start = end + 1
    return found


def _listed_question_key(text: str, markers: _Markers) -> str:
    """The question key of a line that states a question, plain, marked, numbered or as a
    bullet item; "" for any other line."""
    marked = markers.match_question(text)
    if marked is not None:
        return question_key(marked)
    item = NUMBER_RE.match(text) or BULLET_RE.match(text)
    question = item.group(3) if item else text.strip()
    return question_key(question) if ends_like_question(question) else ""


def _entry(draft: _Draft, path: str) -> Entry:
    last = draft.content[-1].number if draft.content else draft.last_question_line
    return Entry(
        question=" ".join(draft.question.split()),
        answer=render_blocks(answer_blocks(draft.content, join_block_lines=True)),
        provenance=Provenance(source=path, lines=(draft.line, last)),
    )
