"""pipeline.strict_json: the one strict JSON reading that data files and JSON Lines
collections share, and where it places what it refuses."""
from __future__ import annotations

import pytest

from pipeline import strict_json
from pipeline.errors import InputError
from pipeline.sources import ReadOptions
from pipeline.sources.data_files import read_json


@pytest.mark.parametrize("text, message, line, column", [
    # The text "NaN" inside a string comes first and is not what is refused.
    ('{"question": "Is NaN a number?", "score": NaN}', "NaN is not a JSON value", 1, 43),
    ('{"a": 1,\n "b": -Infinity}', "-Infinity is not a JSON value", 2, 7),
    ('{"size": 1e999}', "the number 1e999 is too large", 1, 10),
    ('{"answer": "answer",\n "answer": "again"}', "duplicate key 'answer'", 2, 2),
])
def test_refusals_name_what_and_where(text, message, line, column):
    with pytest.raises(strict_json.Refused) as caught:
        strict_json.loads(text)
    assert message in caught.value.message
    assert (caught.value.line, caught.value.column) == (line, column)


def test_valid_json_reads_as_the_standard_parser_reads_it():
    assert strict_json.loads('{"a": [1, 2.5, "NaN", null, true]}') == {"a": [1, 2.5, "NaN", None, True]}


def test_data_files_refuse_numbers_too_large_like_jsonl_collections_do():
    with pytest.raises(InputError) as caught:
        read_json(b'[{"question": "Q?",\n "answer": "A.", "rank": 1e999}]', "raw/x.json", ReadOptions())
    assert caught.value.line == 2 and "too large" in caught.value.message
