from __future__ import annotations

import re
from typing import Iterator

from pipeline.answer import parse_blocks, render_blocks
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Fix, Rule

_MARK_RE = re.compile(r"\s*(?:\.{3,}|…)\s*$")
_ONLY_MARK_RE = re.compile(r"^\s*(?:\.{3,}|…)\s*$")


def strip_truncation(answer: str) -> tuple[str, int]:
    """Remove "..." and "…" that end a paragraph or list item; count them."""
    blocks = parse_blocks(answer)
    count = 0
    kept = []
    for block in blocks:
        items = []
        for item in block.items:
            if _ONLY_MARK_RE.match(item):
                count += 1
                continue
            stripped = _MARK_RE.sub("", item)
            count += stripped != item
            items.append(stripped)
        if items:
            block.items = items
            kept.append(block)
    return render_blocks(kept), count


class TruncatedAnswer(Rule):
    """An answer the source cut off ("..." or "…" at the end of its text).

    What it finds: list items or paragraphs that end in "..." or "…", or stand alone
    as one, and entries marked `truncated: true` because cleaning removed such marks.

    Why it matters: search result pages and scrapers shorten answers and mark the
    cut with an ellipsis. Published as is, the answer stops mid-thought; with the
    marks silently removed, nobody would know it is incomplete. Cleaning removes the
    marks and keeps the fact, so that lint warns until an editor completes the text
    from the original page and deletes `truncated: true`.

    Example:
        failing: answer: "- We see tears every day. ..."
        passing: answer: "- We see tears every day, and we are not put off by them."

    Fix (safe): removes the marks and sets `truncated: true`.
    """

    code = "FAQ203"
    name = "truncated-answer"
    severity = Severity.WARNING
    fixable = "safe"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        count = 0
        if "..." in entry.answer or "…" in entry.answer:  # no mark, nothing to strip (most answers)
            stripped, count = strip_truncation(entry.answer)
        if count:
            match = re.search(r"(?:\.{3,}|…)\s*(?:\n|$)", entry.answer)
            yield Finding(entry, f"the source cut this answer off ({count} ellipsis mark"
                          f"{'s' if count > 1 else ''})", offset=match.start() if match else 0,
                          fix=Fix({"answer": stripped, "truncated": True}))
        elif entry.truncated:
            yield Finding(entry, "the source cut this answer off; complete it from the original "
                          "page and remove `truncated: true`", field="truncated")
