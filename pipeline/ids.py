"""Entry ids: stable slugs of the question, unique in the corpus."""
from __future__ import annotations

from slugify import slugify

MAX_ID_LENGTH = 80


def slug(text: str) -> str:
    """A lower-case ASCII slug; other scripts are transliterated, apostrophes dropped
    ("don't" gives "dont", not "don-t")."""
    value = slugify(text, max_length=MAX_ID_LENGTH, word_boundary=True, save_order=True,
                    replacements=[["'", ""], ["’", ""]])
    return value or "entry"


def unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = base[:MAX_ID_LENGTH - len(suffix)].rstrip("-") + suffix
        number += 1
    taken.add(candidate)
    return candidate
