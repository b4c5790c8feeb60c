from __future__ import annotations

import re
from typing import Iterator

from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Fix, Rule
from pipeline.rules.broken_link import links
from pipeline.rules.markup_damage import code_spans, tags

_URL_RE = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_AUTOLINK_RE = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>")
_DEFINITION_RE = re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]*\S+", re.MULTILINE)
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Punctuation that ends the sentence rather than the address (as GitHub decides).
_TRAILING = ".,:;!?*_~'\""


def _trimmed(url: str) -> str:
    while url:
        if url[-1] in _TRAILING or (url[-1] == "\\" and len(url) > 1):
            url = url[:-1]
        elif url[-1] == ")" and url.count("(") < url.count(")"):
            url = url[:-1]
        else:
            break
    return url


def bare_urls(answer: str) -> list[tuple[int, str]]:
    """Web addresses in ``answer`` written as plain text: not in a link, an autolink,
    an HTML tag, a link definition or code. Each with its position."""
    if "://" not in answer:
        return []
    taken = [m.span() for m in links(answer)] + code_spans(answer)[0]
    taken += [m.span() for m in _AUTOLINK_RE.finditer(answer)]
    taken += [m.span() for m in tags(answer, markdown=True)]
    taken += [m.span() for m in _DEFINITION_RE.finditer(answer)]
    found = []
    for match in _URL_RE.finditer(answer):
        if any(a <= match.start() < b for a, b in taken):
            continue
        url = _trimmed(match.group(0))
        if re.match(r"https?://[^/?#\s]", url, re.IGNORECASE):
            found.append((match.start(), url))
    return found


def autolinked(answer: str, found: list[tuple[int, str]]) -> str:
    """``answer`` with each bare address wrapped as an autolink "<https://...>".
    Backslash escapes (which readers add before "_" and "*") are undone, because
    an autolink shows its address exactly as written."""
    parts, last = [], 0
    for start, url in found:
        parts += [answer[last:start], "<" + _ESCAPE_RE.sub(r"\1", url) + ">"]
        last = start + len(url)
    return "".join(parts) + answer[last:]


class BareUrl(Rule):
    """A web address written as plain text in an answer.

    What it finds: "http://" and "https://" addresses that are not a Markdown link,
    an autolink ("<https://...>"), part of an HTML tag, or inside code. Punctuation
    that ends the sentence (a final full stop, an unmatched closing parenthesis) is
    not taken as part of the address.

    Why it matters: whether plain text becomes a link depends on the Markdown
    renderer; an autolink is a link everywhere the answer is published, and its end
    is unambiguous. Writing the address out is a choice, not a defect, so this is
    information.

    Example:
        failing: "Book online at https://example.com/book."
        passing: "Book online at <https://example.com/book>."

    Fix (safe): wraps each address as an autolink, "<https://...>".
    """

    code = "FAQ216"
    name = "bare-url"
    severity = Severity.INFO
    fixable = "safe"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        found = bare_urls(entry.answer)
        if found:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            shown = _ESCAPE_RE.sub(r"\1", found[0][1])
            yield Finding(entry, f"bare web address {shown!r}{more}", offset=found[0][0],
                          fix=Fix({"answer": autolinked(entry.answer, found)}))
