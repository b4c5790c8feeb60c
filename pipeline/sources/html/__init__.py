"""Reader for HTML FAQ pages.

What it understands, in one page and in any mix:

- structured data: JSON-LD ``FAQPage`` and ``QAPage`` (also inside ``@graph``, spread
  over several script blocks, wrapped in comments or followed by ``;``; a block that
  is not JSON is skipped with a warning) and schema.org ``Question`` microdata;
- ``<details>`` with a ``<summary>`` question;
- ``<dl>`` lists, a ``<dt>`` question answered by the ``<dd>`` elements after it;
- h2–h4 headings followed by their section, up to the next heading of the same or a
  higher level (a heading without a question mark counts only inside an FAQ block);
- accordions: triggers that name their panel (``aria-controls``, Bootstrap's
  ``data-target``) and question/answer class pairs such as ``accordion-header`` /
  ``accordion-body`` or ``elementor-tab-title`` / ``elementor-tab-content``;
- only when none of these is there: h5/h6 headings and bold paragraphs that end in
  a question mark, each followed by its answer.

Visible questions come out in document order, each once. Structured data adds the
questions the page does not show, where they fit among the others, and its answer
replaces a visible one only when it is longer (the other way round is the usual
case: the JSON-LD holds an abridged answer). Answers are written in the Markdown
subset of :mod:`pipeline.answer`, plus inline links and emphasis.

Page furniture (navigation, banners, sidebars, share buttons, related-question
lists, tables of contents, calls to action) is removed before any of this and
recorded as dropped. Like every reader it finds structure only: an empty answer or
a question without a question mark is left to the rules.

Provenance gives a short CSS path to each question (``main > section#faq >
details:nth-of-type(3)``; for JSON-LD the script block and ``mainEntity[i]``) and the
lines when the parser records them: html.parser does, lxml (preferred for its speed
and tolerance) does not, so with lxml ``lines`` is None.

Nothing here recurses over the document: pages can be malformed, megabytes long or
nested thousands of levels deep.

The reader in order, a module a step: `decoding` (bytes to text), `tree` (the
parser and small readings of the tree), `page` (the page being read, and its
metadata), `structured` (JSON-LD), `furniture` (what is removed first),
`visible` (the questions the page shows), `markdown` (answers written as
Markdown), with the words and patterns they recognise in `vocabulary`; this
module runs them and merges what the visible page and its structured data say.
"""
from __future__ import annotations

from pipeline.errors import InputError
from pipeline.model import Entry, Provenance
from pipeline.rules.duplicate_question import question_key
from pipeline.sources import ReadOptions, ReadResult
from pipeline.sources.html.decoding import _decode
from pipeline.sources.html.furniture import _remove_furniture
from pipeline.sources.html.markdown import fragment_markdown
from pipeline.sources.html.page import _Page, _metadata
from pipeline.sources.html.structured import _Draft, _structured_drafts
from pipeline.sources.html.tree import parse
from pipeline.sources.html.visible import _visible_drafts

__all__ = ["fragment_markdown", "read_html"]  # fragment_markdown: for the data-file reader's HTML answers


def read_html(data: bytes, path: str, options: ReadOptions) -> ReadResult:
    """Read the questions and answers of one HTML page."""
    text, warnings = _decode(data, path, options)
    soup = parse(text)
    page = _Page(soup, options)
    title, language, description = _metadata(soup)
    structured = _structured_drafts(page, warnings)  # before furniture removal takes the scripts
    dropped = _remove_furniture(page)
    visible = _visible_drafts(page)
    drafts = _merge(visible, structured, warnings)
    if not drafts:
        raise InputError("no questions found in the page", path,
                         hint="the reader understands FAQPage/QAPage JSON-LD and microdata, "
                              "<details>, <dl>, question headings, bold questions and accordions")
    entries = [Entry(question=d.question, answer=d.answer,
                     provenance=Provenance(source=path, lines=d.lines, locator=d.locator))
               for d in drafts]
    return ReadResult(entries=entries, title=title, language=language, description=description,
                      dropped=dropped, warnings=warnings)


def _merge(visible: list[_Draft], structured: list[_Draft], warnings: list[str]) -> list[_Draft]:
    """Each question once, in document order. A question only structured data gives
    goes after the one it follows there (before the first shared one if it leads,
    at the end if none is shared); its answer replaces a visible one only when longer."""
    kept: list[_Draft] = []
    by_key: dict[str, _Draft] = {}
    for draft in visible:
        key = question_key(draft.question)
        if not key:
            continue
        if key in by_key:
            _keep_longer(by_key[key], draft)
        else:
            by_key[key] = draft
            kept.append(draft)
    slot_of = {id(d): i for i, d in enumerate(kept)}
    before: dict[int, list[_Draft]] = {}
    after: dict[int, list[_Draft]] = {}
    pending: list[_Draft] = []  # structured-only questions ahead of any shared one
    slot = None
    for draft in structured:
        key = question_key(draft.question)
        if not key:
            continue
        known = by_key.get(key)
        if known is None:
            by_key[key] = draft
            (pending if slot is None else after.setdefault(slot, [])).append(draft)
        elif known.structured:
            _keep_longer(known, draft)
        else:
            _compare(known, draft, warnings)
            slot = slot_of[id(known)]
            if pending:
                before.setdefault(slot, []).extend(pending)
                pending = []
    result: list[_Draft] = []
    for index, draft in enumerate(kept):
        result.extend(before.get(index, []))
        result.append(draft)
        result.extend(after.get(index, []))
    return result + pending


def _keep_longer(kept: _Draft, other: _Draft) -> None:
    if other.size > kept.size:
        kept.answer = other.answer


def _compare(shown: _Draft, given: _Draft, warnings: list[str]) -> None:
    if given.size < shown.size:
        warnings.append(f"structured data abridges the answer to {shown.question!r}; kept the page's "
                        f"longer text")
    elif given.size > shown.size:
        warnings.append(f"the page shows a shorter answer to {shown.question!r} than its structured data; "
                        f"kept the structured text")
        shown.answer = given.answer
