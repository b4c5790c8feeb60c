from __future__ import annotations

import re
from typing import Iterator

from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule
from pipeline.rules.markup_damage import code_spans

# A Markdown inline link or image, also when a space or line break separates the
# text from the address ("[text] (https://...)"), which Markdown does not read as
# a link. Groups: image mark, text, gap, address.
LINK_RE = re.compile(
    r"(!?)\[([^\[\]]*)\]([ \t]*\n?[ \t]*)\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_ADDRESS_LIKE_RE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|www\.|/|#)")
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def links(text: str) -> list[re.Match[str]]:
    """The Markdown links and images of ``text`` outside code spans, broken ones
    included."""
    if "[" not in text:
        return []
    spans = code_spans(text)[0]
    return [m for m in LINK_RE.finditer(text) if not any(a <= m.start() < b for a, b in spans)]


def link_problem(link: re.Match[str]) -> str | None:
    """Why a link found by `LINK_RE` goes nowhere (or somewhere it must not), if it does."""
    image, text, gap, address = link.groups()
    if gap:
        if _ADDRESS_LIKE_RE.match(address):
            return "a space between the link text and its address: Markdown shows both as text"
        return None  # "[1] (2019)": brackets and parentheses, not a link
    if not address:
        return "the link has no address"
    if address == "#":
        return "the link points at '#', the top of whatever page shows it"
    if address.startswith("#"):
        return f"the link points at {address!r}, a place on the page it was copied from"
    scheme = _SCHEME_RE.match(address)
    if scheme:
        name = scheme.group(1).lower()
        if name == "javascript":
            return "the link runs a script instead of opening a page"
        if name not in ALLOWED_SCHEMES:
            return f"the link uses the '{name}:' scheme, which readers cannot open"
        if name in ("http", "https") and not re.match(r"[a-z]+://[^/?#\s]+", address, re.I):
            return "the link's web address has no host"
    if not image and not text.strip():
        return "the link has no text, so readers cannot see or follow it"
    return None


class BrokenLink(Rule):
    """A Markdown link that goes nowhere, or nowhere a reader can follow.

    What it finds: links with no address ("[text]()"), to "#" or to an anchor of
    the page they were copied from ("[text](#pricing)"), to "javascript:", to
    schemes other than http, https, mailto and tel ("file:", "ftp:", "C:"), to a
    web address without a host, links with no text ("[](https://...)"), and text
    and address separated by a space ("[text] (https://...)"), which Markdown shows
    as plain text. Relative addresses ("/contact") are accepted.

    Why it matters: a reader who clicks gets nothing, the same page, a script or a
    file on their own machine. Unlike most findings there is no reading in which
    such a link is right, and an answer is published (exported, shown in search,
    read by assistants) away from the page it came from, where page anchors and
    relative tricks break: this is an error.

    Example:
        failing: "See [our fees](#) or [the form](javascript:void(0))."
        passing: "See [our fees](https://example.com/fees)."
    """

    code = "FAQ217"
    name = "broken-link"
    severity = Severity.ERROR

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        for link in links(entry.answer):
            problem = link_problem(link)
            if problem:
                yield Finding(entry, f"{problem}: {link.group(0)[:60]!r}", offset=link.start())
