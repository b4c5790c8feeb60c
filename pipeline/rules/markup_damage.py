from __future__ import annotations

import html
import re
from typing import Iterator

from pipeline.answer import BULLET_RE, NUMBER_RE, parse_blocks
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Fix, Rule

_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A tag of a real HTML element, also when a reader escaped it into visible text
# ("\<br>"). "<https://...>" and "<name@example.com>" are Markdown autolinks, and
# "<placeholder>" is placeholder-text's.
HTML_ELEMENTS = frozenset("""
a abbr address article aside audio b big blockquote body br button caption center cite code col
dd del details div dl dt em embed figcaption figure font footer form h1 h2 h3 h4 h5 h6 head
header hr html i iframe img input ins kbd label li link main mark meta nav noscript object ol
option p picture pre q s samp script section select small source span strike strong style sub
summary sup table tbody td template textarea tfoot th thead time title tr tt u ul var video wbr
""".split())
_TAG_RE = re.compile(r"\\?<(/?)([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>")
# Tags that only shape the layout: a line break, a paragraph, a box, a styled run.
_LINE_TAGS = {"br": "\n", "p": "\n\n", "div": "\n\n", "span": ""}
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_MARKDOWN_SPECIAL = set("\\`*_")
_BACKTICKS_RE = re.compile(r"(?<!\\)`+")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_STRONG_RE = re.compile(r"(?<![\\*])\*{2,}")
_AUTOLINK_OR_URL_RE = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>|https?://\S+")


def code_spans(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The code spans of Markdown ``text`` (a run of backticks closed by a run of the
    same length in the same paragraph), and the positions of backtick runs that
    close nothing."""
    if "`" not in text:
        return [], []
    runs = list(_BACKTICKS_RE.finditer(text))
    spans: list[tuple[int, int]] = []
    unmatched: list[int] = []
    i = 0
    while i < len(runs):
        opening, closing = runs[i], None
        for j in range(i + 1, len(runs)):
            if _BLANK_LINE_RE.search(text, opening.end(), runs[j].start()):
                break
            if len(runs[j].group(0)) == len(opening.group(0)):
                closing = j
                break
        if closing is None:
            unmatched.append(opening.start())
            i += 1
        else:
            spans.append((opening.start(), runs[closing].end()))
            i = closing + 1
    return spans, unmatched


def item_span(answer: str, item: str, start: int = 0) -> tuple[int, int] | None:
    """Where ``item`` (a paragraph or list item as `parse_blocks` gives it, whose line
    breaks and continuation indents may differ) stands in ``answer``, from ``start``."""
    # The leftmost match of the words joined by runs of whitespace, found with str
    # methods: a regular expression per item cost a compile per entry (most of lint's time).
    parts = item.split()
    if not parts:
        return None
    first, end = parts[0], len(answer)
    at = answer.find(first, start)
    while at >= 0:
        position = at + len(first)
        for part in parts[1:]:
            skipped = position
            while position < end and answer[position].isspace():
                position += 1
            if position == skipped or not answer.startswith(part, position):
                break
            position += len(part)
        else:
            return at, position
        at = answer.find(first, at + 1)
    return None


def _outside(spans: list[tuple[int, int]], start: int) -> bool:
    return not any(a <= start < b for a, b in spans)


def _in_list_item(text: str, offset: int) -> bool:
    line = text[text.rfind("\n", 0, offset) + 1:]
    line = line.split("\n", 1)[0]
    return bool(BULLET_RE.match(line) or NUMBER_RE.match(line) or line[:1].isspace())


def _unescaped(text: str, match: re.Match[str], markdown: bool) -> str:
    """What an entity stands for, as text of the field: a non-breaking space is a
    space, invisible characters go, and in Markdown a character that would become
    markup is escaped."""
    char = html.unescape(match.group(0))
    if char == "\u00a0":
        return " "
    if char in _INVISIBLE:
        return ""
    if markdown:
        after = text[match.end():match.end() + 1]
        line_start = match.start() == 0 or text[match.start() - 1] == "\n"
        if (char in _MARKDOWN_SPECIAL or (char == "<" and re.match(r"[A-Za-z/!?]", after))
                or (char in ">#" and line_start)):
            return "\\" + char
    return char


def entities(text: str, markdown: bool) -> list[re.Match[str]]:
    """The HTML entities in ``text`` (outside code spans in Markdown) that stand for
    a character."""
    if "&" not in text:  # most text: no need to look for code spans
        return []
    spans = code_spans(text)[0] if markdown else []
    return [m for m in _ENTITY_RE.finditer(text)
            if html.unescape(m.group(0)) != m.group(0) and _outside(spans, m.start())]


def tags(text: str, markdown: bool) -> list[re.Match[str]]:
    """The HTML tags in ``text`` (outside code spans in Markdown)."""
    if "<" not in text:
        return []
    spans = code_spans(text)[0] if markdown else []
    return [m for m in _TAG_RE.finditer(text)
            if m.group(2).lower() in HTML_ELEMENTS and _outside(spans, m.start())]


def _is_layout(tag: re.Match[str]) -> bool:
    """A tag that only shapes the layout, written as markup (not escaped into text)."""
    return tag.group(2).lower() in _LINE_TAGS and not tag.group(0).startswith("\\")


def repair_markup(text: str, markdown: bool) -> str:
    """``text`` with its entities decoded (twice-encoded ones too) and its layout-only
    tags (br, p, div, span) turned into the line breaks they stood for, or into nothing."""
    for _ in range(3):  # "&amp;#39;" was encoded twice
        found = entities(text, markdown)
        if not found:
            break
        parts, last = [], 0
        for match in found:
            parts += [text[last:match.start()], _unescaped(text, match, markdown)]
            last = match.end()
        text = "".join(parts) + text[last:]
    layout = [m for m in tags(text, markdown) if _is_layout(m)]
    if not layout:
        return text
    parts, last = [], 0
    for match in layout:
        replacement = _LINE_TAGS[match.group(2).lower()]
        if replacement and (not markdown or _in_list_item(text, match.start())):
            replacement = " "  # a question is one line, and a break would end the list item
        before, end = text[last:match.start()], match.end()
        if replacement:  # the break or space replaces the spaces around the tag
            before = before.rstrip(" \t")
            while end < len(text) and text[end] in " \t":
                end += 1
        parts += [before, replacement]
        last = end
    text = "".join(parts) + text[last:]
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _named(matches: list[re.Match[str]], kind: str, plural: str) -> str:
    distinct = list(dict.fromkeys(m.group(0).lstrip("\\") for m in matches))
    shown = ", ".join(repr(d) for d in distinct[:3]) + (", ..." if len(distinct) > 3 else "")
    return f"{plural if len(distinct) > 1 else kind} {shown}"


class MarkupDamage(Rule):
    """HTML or Markdown left broken in a question or answer.

    What it finds: HTML entities that should have been decoded ("&nbsp;", "&amp;",
    "&#39;"), HTML tags of real elements ("<br>", "</p>", "<div class=...>",
    "<b>"), including tags a reader escaped into visible text ("\\<br>"), and, in
    answers, "**" emphasis that is never closed and backticks that open a code span
    that never closes. Code spans are left alone: "`<br>`" is shown on purpose.

    Why it matters: scrapers copy markup as text, or decode it twice. Readers see
    "&amp;" or "<br>" instead of "&" or a new line, search indexes them as words,
    and an unclosed "**" or "`" turns the rest of the paragraph bold or into code.

    Example:
        failing: answer: "Don&#39;t worry.<br>We&nbsp;can help &amp; advise."
        passing: answer: "Don't worry.\\nWe can help & advise."

    Fix (safe): decodes entities (a non-breaking space becomes a space, characters
    that would turn into Markdown are escaped) and turns the layout-only tags br, p,
    div and span into line breaks, paragraph breaks or nothing (a space inside a
    list item or a question). Other tags, emphasis and backticks need an editor.
    """

    code = "FAQ215"
    name = "markup-damage"
    severity = Severity.WARNING
    fixable = "safe"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        for field in ("question", "answer"):
            value = getattr(entry, field)
            markdown = field == "answer"
            found_entities = entities(value, markdown)
            found_tags = tags(value, markdown)
            layout = [m for m in found_tags if _is_layout(m)]
            shown = [m for m in found_tags if m.group(0).startswith("\\")]
            other = [m for m in found_tags if m not in layout and m not in shown]
            if found_entities or layout:
                named = [_named(found, kind, plural) for found, kind, plural in
                         ((found_entities, "HTML entity", "HTML entities"),
                          (layout, "HTML tag", "HTML tags")) if found]
                first = min(m.start() for m in found_entities + layout)
                yield Finding(entry, f"{' and '.join(named)} in the {field}", field=field, offset=first,
                              fix=Fix({field: repair_markup(value, markdown)}))
            if other:
                yield Finding(entry, f"{_named(other, 'HTML tag', 'HTML tags')} in the {field}",
                              field=field, offset=other[0].start())
            if shown:
                yield Finding(entry, f"{_named(shown, 'HTML tag', 'HTML tags')} shown as text in the "
                              f"{field}", field=field, offset=shown[0].start())
        yield from self._broken_markdown(entry)

    def _broken_markdown(self, entry: Entry) -> Iterator[Finding]:
        answer = entry.answer
        if "`" not in answer and "**" not in answer:
            return  # no backtick and no "**": nothing to find (most answers)
        cursor = 0
        for block in parse_blocks(answer):
            for item in block.items:
                start, cursor = item_span(answer, item, cursor) or (cursor, cursor)
                spans, unmatched = code_spans(item)
                if unmatched:
                    yield Finding(entry, f"a backtick opens code that never closes in {item[:40]!r}",
                                  offset=start + unmatched[0])
                masked = _AUTOLINK_OR_URL_RE.sub(lambda m: " " * len(m.group(0)), item)
                strong = [m for m in _STRONG_RE.finditer(masked) if _outside(spans, m.start())]
                if len(strong) % 2:
                    yield Finding(entry, f"'**' emphasis is never closed in {item[:40]!r}",
                                  offset=start + strong[-1].start())
