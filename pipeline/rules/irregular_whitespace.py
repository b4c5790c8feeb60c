from __future__ import annotations

import re
from typing import Iterator

from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Fix, Rule

_ODD_SPACE_RE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_DOUBLE_RE = re.compile(r"(?<=\S) {2,}")
# Only from the start of a run of blanks: tried at every blank of a long
# indentation, the match would cost the square of its length.
_TRAILING_RE = re.compile(r"(?<![ \t])[ \t]+$", re.M)
_BLANKS_RE = re.compile(r"\n{3,}")
_UNUSUAL_RE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _is_regular(text: str) -> bool:
    """True when `normalise_spaces` would leave ``text`` as it is (most text): a few
    substring checks instead of five substitutions."""
    if not text.isascii() and _UNUSUAL_RE.search(text):
        return False
    return ("\t" not in text and "  " not in text and " \n" not in text and "\n\n\n" not in text
            and text == text.strip())


def normalise_spaces(text: str) -> str:
    if _is_regular(text):
        return text
    text = _ODD_SPACE_RE.sub(" ", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _DOUBLE_RE.sub(" ", text)
    text = _TRAILING_RE.sub("", text)
    text = _BLANKS_RE.sub("\n\n", text)
    return text.strip()


class IrregularWhitespace(Rule):
    """Non-breaking, invisible, repeated or trailing spaces in a question or answer.

    What it finds: non-breaking and other unusual spaces, zero-width characters and
    soft hyphens, runs of spaces inside a line, spaces at line ends, more than one
    blank line in a row, and leading or trailing blank text.

    Why it matters: scraped text carries the page's layout spaces. They break search
    and duplicate detection (two questions that differ only in a non-breaking space
    look different) and show as odd gaps when published.

    Example:
        failing: question: "Can I hug my\\u00a0therapist?  "
        passing: question: "Can I hug my therapist?"

    Fix (safe): replaces them with single ordinary spaces and trims line ends.
    """

    code = "FAQ206"
    name = "irregular-whitespace"
    severity = Severity.WARNING
    fixable = "safe"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        for field in ("question", "answer"):
            value = getattr(entry, field)
            fixed = normalise_spaces(value) if field == "answer" else " ".join(normalise_spaces(value).split())
            if fixed != value:
                offset = next((i for i, (a, b) in enumerate(zip(value, fixed)) if a != b), len(fixed))
                yield Finding(entry, f"irregular whitespace in the {field}", field=field,
                              offset=offset, fix=Fix({field: fixed}))
