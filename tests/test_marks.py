"""The table of combining marks (pipeline/marks.py) against this Python's Unicode data."""
from __future__ import annotations

import re
import unicodedata

from pipeline import marks
from pipeline.language import has_marks


def test_the_table_is_this_unicode_s_marks():
    if unicodedata.unidata_version == marks.UNICODE_VERSION:
        assert marks.table() == marks.marks_now()
    else:  # a newer Unicode adds marks; what the table holds are still marks
        now = marks.marks_now()
        assert all(any(a <= first and last <= b for a, b in now) for first, last in marks.table())


def test_the_class_matches_marks_and_joiners_only():
    inside = re.compile(f"[{marks.INSIDE_WORD}]")
    for code in range(0x10000):
        character = chr(code)
        expected = unicodedata.category(character) in ("Mn", "Mc", "Me") or character in "\u200c\u200d"
        if unicodedata.unidata_version == marks.UNICODE_VERSION or not expected:
            assert bool(inside.match(character)) == expected, hex(code)
        assert has_marks(character) == bool(inside.match(character)), hex(code)  # the rules' one test of a mark


def test_the_table_is_written_as_the_module_writes_it():
    # `python -m pipeline.marks` prints RANGES in the module's own layout.
    assert marks._written(marks.table()) == marks.RANGES.strip("\n")
