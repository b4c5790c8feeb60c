"""An answer's Markdown as sanitized HTML: the one conversion that the JSON export,
the JSON-LD markup and the HTML page share.

It is built from the answer's block model (`pipeline.answer.parse_blocks`:
paragraphs, bullet and numbered lists) and a small inline pass (backslash escapes,
code spans, emphasis, links), not from a general Markdown renderer, so that what
comes out is limited by construction rather than cleaned up afterwards:

- only the tags that consumers of FAQ markup render are ever written: ``p``,
  ``ul``, ``ol``, ``li``, ``br``, ``a``, ``strong`` and ``em`` (a subset of
  ``h1``-``h6``, ``br``, ``ol``, ``ul``, ``li``, ``a``, ``p``, ``div``, ``b``,
  ``strong``, ``i``, ``em``);
- every piece of text is escaped, so raw HTML in an answer (``<script>``, an
  ``onerror=`` attribute, ``<!--``) shows as the text it is;
- a link is kept only when its address is ``http``, ``https`` or ``mailto``; any
  other link (``javascript:``, ``data:``, relative) keeps its text and loses the link.

A line break inside a paragraph becomes ``<br>``: readers join lines the source
wrapped, so a break that is left was meant (an address, a short list of lines).
"""
from __future__ import annotations

import bisect
import html
import re
from urllib.parse import urlsplit

from pipeline.answer import parse_blocks

ALLOWED_TAGS = frozenset("h1 h2 h3 h4 h5 h6 br ol ul li a p div b strong i em".split())
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
MAX_NESTING = 16  # emphasis and links inside each other

_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# [text](destination "title"): the destination may be in <...>, and may hold one
# level of balanced parentheses (Wikipedia addresses do).
_LINK_RE = re.compile(r"""\[(?P<text>(?:[^\[\]\\]|\\.)*)\]"""
                      r"""\(\s*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>(?:[^\s()\\]|\\.|\([^\s()]*\))*))"""
                      r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)""")
_MARKUP_RE = re.compile(r"[\\`\[<*_]")
_AUTOLINK_RE = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")


def answer_html(markdown: str) -> str:
    """The answer as HTML: paragraphs and lists, every text run escaped."""
    parts = []
    for block in parse_blocks(markdown):
        if block.kind == "paragraph":
            lines = [inline_html(line.rstrip()) for line in block.text.split("\n")]
            parts.append("<p>" + "<br>".join(lines) + "</p>")
        else:
            items = "".join(f"<li>{inline_html(item)}</li>" for item in block.items)
            if block.kind == "bullets":
                parts.append(f"<ul>{items}</ul>")
            else:
                start = f' start="{block.start}"' if block.start != 1 else ""
                parts.append(f"<ol{start}>{items}</ol>")
    return "".join(parts)


def safe_url(url: str) -> str | None:
    """The address if a reader may follow it from published content, else None."""
    url = url.strip()
    if not url or any(ord(char) < 0x21 or char in "\x7f\\" for char in url):
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in LINK_SCHEMES else None


def inline_html(text: str, links: bool = True, depth: int = 0) -> str:
    """One run of inline Markdown as escaped HTML with strong, em and safe links."""
    out: list[str] = []
    index = 0
    length = len(text)
    closers = _Closers(text)
    while index < length:
        char = text[index]
        if char == "\\" and index + 1 < length and text[index + 1] in _PUNCTUATION:
            out.append(_text(text[index + 1]))
            index += 2
            continue
        if char == "`":
            run = _run_length(text, index)
            close = text.find("`" * run, index + run)
            if close != -1:  # a code span: its text, literally (code is not a tag FAQ markup allows)
                out.append(_text(text[index + run:close].strip() or text[index + run:close]))
                index = close + run
                continue
            out.append(_text("`" * run))
            index += run
            continue
        if char == "[" and links:
            match = _LINK_RE.match(text, index)
            if match:
                label = inline_html(match.group("text"), False, depth + 1)
                target = match.group("angled") if match.group("angled") is not None else match.group("bare")
                url = safe_url(_unescape(target or ""))
                out.append(f'<a href="{html.escape(url, quote=True)}">{label}</a>' if url else label)
                index = match.end()
                continue
        if char == "<" and links:
            match = _AUTOLINK_RE.match(text, index)
            if match:
                url = safe_url(match.group("url"))
                if url:
                    out.append(f'<a href="{html.escape(url, quote=True)}">{_text(url)}</a>')
                    index = match.end()
                    continue
        if char in "*_":
            emphasis = _emphasis(text, index, links, depth, closers)
            if emphasis:
                rendered, index = emphasis
                out.append(rendered)
                continue
            run = _run_length(text, index)
            out.append(_text(char * run))
            index += run
            continue
        plain = _MARKUP_RE.search(text, index + 1)  # plain text up to the next mark, escaped at once
        end = plain.start() if plain else length
        out.append(_text(text[index:end]))
        index = end
    return "".join(out)


class _Closers:
    """Where emphasis can close in one run of text, found once: a closing ``**``,
    ``__``, ``*`` or ``_`` does not depend on its opener (only on the characters
    around it), so each opener looks up the first one after it instead of scanning
    the rest of the text again; thousands of unclosed marks stay linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, list[int]] = {}

    def after(self, marks: str, start: int) -> int | None:
        if marks not in self.found:
            self.found[marks] = [close for close in _occurrences(self.text, marks) if self._closes(marks, close)]
        positions = self.found[marks]
        at = bisect.bisect_left(positions, start)
        return positions[at] if at < len(positions) else None

    def _closes(self, marks: str, close: int) -> bool:
        text, char, after = self.text, marks[0], close + len(marks)
        return (close > 0 and not text[close - 1].isspace() and text[close - 1] != "\\"
                and (len(marks) == 2 or text[after:after + 1] != char)
                and not (char == "_" and after < len(text) and text[after].isalnum()))


def _run_length(text: str, index: int) -> int:
    """How many times the character at ``index`` repeats from there."""
    end = index
    while end < len(text) and text[end] == text[index]:
        end += 1
    return end - index


def _occurrences(text: str, marks: str) -> list[int]:
    found, at = [], text.find(marks)
    while at != -1:
        found.append(at)
        at = text.find(marks, at + 1)
    return found


def _emphasis(text: str, index: int, links: bool, depth: int, closers: _Closers) -> tuple[str, int] | None:
    """``**strong**``, ``__strong__``, ``*em*`` or ``_em_`` starting at ``index``:
    the HTML and the index after the closing marks, or None when it does not close
    (or is nested deeper than anyone writes: the marks then stay text)."""
    if depth >= MAX_NESTING:
        return None
    char = text[index]
    run = len(text[index:index + 3]) - len(text[index:index + 3].lstrip(char))
    width = 2 if run >= 2 else 1
    opener_end = index + width
    if opener_end >= len(text) or text[opener_end].isspace():
        return None
    if char == "_" and index > 0 and text[index - 1].isalnum():
        return None  # snake_case words are not emphasis
    close = closers.after(char * width, opener_end + 1)
    if close is None:
        return None
    inner = inline_html(text[opener_end:close], links, depth + 1)
    tag = "strong" if width == 2 else "em"
    return f"<{tag}>{inner}</{tag}>", close + width


def _text(text: str) -> str:
    """Text content escaped: &, < and > (quotes need no escaping outside attributes)."""
    return html.escape(text, quote=False)


def _unescape(url: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", url)
