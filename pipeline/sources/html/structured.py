"""Questions from structured data: JSON-LD ``FAQPage`` and ``QAPage`` blocks, and the
draft entry every strategy produces."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Iterator

from bs4 import Tag

from pipeline.language import words
from pipeline.sources.html.markdown import fragment_markdown
from pipeline.sources.html.page import _Page
from pipeline.sources.html.tree import _collapse, _plain_text, parse
from pipeline.sources.html.vocabulary import LINK_TARGET_RE, TAG_LIKE_RE


@dataclass
class _Draft:
    """A question and its answer as found, before visible and structured ones are merged."""

    question: str
    answer: str
    position: int
    lines: tuple[int, int] | None
    locator: str
    structured: bool = False

    @property
    def size(self) -> int:
        """How much the answer says, in words, links counted by their text."""
        return len(words(LINK_TARGET_RE.sub("]", self.answer)))


def _structured_drafts(page: _Page, warnings: list[str]) -> list[_Draft]:
    drafts: list[_Draft] = []
    scripts = [s for s in page.soup.find_all("script") if _is_json_ld(s)]
    for number, script in enumerate(scripts, start=1):
        text = script.string or script.get_text()
        at = f" (line {script.sourceline})" if script.sourceline else ""
        values, problem = _parse_json_ld(text)
        if problem and not values:
            warnings.append(f"JSON-LD block {number}{at} is not valid JSON ({problem}); skipped it")
            continue
        if problem:
            warnings.append(f"JSON-LD block {number}{at} has text after its JSON ({problem}); ignored that")
        first = script.sourceline
        lines = (first, first + text.count("\n")) if first else None
        prefix = f'script[type="application/ld+json"]:nth-of-type({number})'
        for node, path in _qa_pages(values):
            drafts.extend(_json_ld_questions(page, node, path, prefix, lines, warnings))
    for order, draft in enumerate(drafts):
        draft.position = order
    return drafts


def _is_json_ld(script: Tag) -> bool:
    return str(script.get("type") or "").split(";")[0].strip().lower() == "application/ld+json"


def _parse_json_ld(text: str) -> tuple[list, str | None]:
    """Every JSON value in a script block, tolerating what pages put around them
    (comments, CDATA markers, ``;``). Returns the values and what went wrong, if anything."""
    decoder = json.JSONDecoder(strict=False)
    values: list = []
    match = re.search(r"[{\[]", text)
    if match is None:
        return values, "no JSON object in it"
    position = match.start()
    try:
        while True:
            value, position = decoder.raw_decode(text, position)
            values.append(value)
            rest = re.match(r"[\s;,]*", text[position:])
            position += rest.end()
            if position >= len(text) or text[position] not in "{[":
                return values, None
    except json.JSONDecodeError as exc:
        return values, f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    except RecursionError:
        return values, "nested too deeply"


def _types(node: dict) -> set[str]:
    raw = node.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return {re.split(r"[/:#]", name)[-1] for name in names if isinstance(name, str)}


def _qa_pages(values: list) -> Iterator[tuple[dict, str]]:
    """FAQPage and QAPage nodes anywhere in the values (in @graph, nested in a WebPage, ...)."""
    stack: list[tuple[object, str]] = [(value, f"[{i}]" if len(values) > 1 else "")
                                       for i, value in reversed(list(enumerate(values)))]
    budget = 200_000
    while stack and budget:
        budget -= 1
        value, path = stack.pop()
        if isinstance(value, dict):
            if _types(value) & {"FAQPage", "QAPage"}:
                yield value, path
                continue
            for key in reversed(list(value)):
                if isinstance(value[key], (dict, list)):
                    stack.append((value[key], f"{path}.{key}" if path else key))
        elif isinstance(value, list):
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], f"{path}[{i}]"))


def _json_ld_questions(page: _Page, node: dict, path: str, prefix: str, lines: tuple[int, int] | None,
                       warnings: list[str]) -> list[_Draft]:
    entity = node.get("mainEntity")
    questions = entity if isinstance(entity, list) else [entity]
    qa_page = "QAPage" in _types(node)
    drafts = []
    for i, question in enumerate(questions):
        if not isinstance(question, dict):
            continue
        name = _json_string(question.get("name")) or _json_string(question.get("text"))
        text = _collapse(_fragment_text(name)) if name else ""
        if not text:
            continue
        answers = _json_list(question.get("acceptedAnswer"))
        suggested = _json_list(question.get("suggestedAnswer"))
        if qa_page and page.options.qa_answers == "all":
            answers += suggested
        elif qa_page and not answers:
            warnings.append(f"QAPage question {text!r} has no accepted answer")
        elif not answers:
            answers = suggested  # an FAQPage that calls its answers suggested
        rendered = [fragment_markdown(_json_string(a.get("text") if isinstance(a, dict) else a), page.base)
                    for a in answers]
        where = f"{path}.mainEntity[{i}]" if path else f"mainEntity[{i}]"
        drafts.append(_Draft(text, "\n\n".join(r for r in rendered if r), 0, lines, f"{prefix} {where}",
                             structured=True))
    return drafts


def _json_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _json_string(value) -> str:
    """The text of a JSON-LD value: a string, a list of them (paragraphs), or an
    object holding one in ``@value`` or ``text``. Walked without recursion."""
    parts: list[str] = []
    stack = [value]
    while stack and len(parts) < 1000:
        item = stack.pop()
        if isinstance(item, str):
            if item.strip():
                parts.append(item)
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            stack.append(item.get("@value") or item.get("text"))
    return "\n\n".join(parts)


def _fragment_text(value: str) -> str:
    if not TAG_LIKE_RE.search(value):
        return value
    fragment = parse(value)
    return _plain_text((fragment.body or fragment).contents)
