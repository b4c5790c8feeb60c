"""The fast schema screen (jsonschema-rs) and the reference validator (jsonschema)
must agree on every document: `faq lint` asks jsonschema for details only when the
screen says a document is invalid, so a document the screen wrongly passed would
never be reported. Checked on the shipped corpus, every YAML and JSON fixture, and
many mutations of real collections."""
from __future__ import annotations

import copy
import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REPO
from pipeline import schema

jsonschema_rs = pytest.importorskip("jsonschema_rs")


def reference_valid(data, name: str) -> bool:
    return schema.validator(name).is_valid(data)


def agree(data, name: str) -> None:
    fast = schema.is_valid(data, name)
    if fast is None:  # values JSON has no type for: the reference decides alone
        return
    assert fast == reference_valid(data, name), json.dumps(data, default=repr)[:500]


def test_the_screen_is_in_use():
    assert schema.screen(schema.COLLECTION) is not None


def _documents() -> list[tuple[str, object]]:
    found = []
    for path in sorted([*(REPO / "clean").glob("*.yaml"), *FIXTURES.rglob("*.yaml"), *FIXTURES.rglob("*.yml"),
                        *FIXTURES.rglob("*.json")]):
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        except (ValueError, yaml.YAMLError):
            continue
        found.append((str(path.relative_to(REPO)), data))
    return found


@pytest.mark.parametrize("name", [schema.COLLECTION, schema.REMOVED])
def test_both_agree_on_every_shipped_and_fixture_document(name):
    documents = _documents()
    assert len(documents) >= 5
    verdicts = set()
    for _, data in documents:
        agree(data, name)
        verdicts.add(reference_valid(data, name))
    if name == schema.COLLECTION:
        assert verdicts == {True, False}  # both kinds were compared


def _collections() -> list[dict]:
    return [data for _, data in _documents()
            if isinstance(data, dict) and "entries" in data and reference_valid(data, schema.COLLECTION)]


COLLECTIONS = _collections()
ENTRY_KEYS = ["id", "question", "answer", "truncated", "tags", "suppress", "provenance", "extra"]
TOP_KEYS = ["name", "title", "description", "language", "source", "entries", "extra"]
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", " ", "\t\n", "ok", "Bad Slug", "a-b", "a--b", "-a", "x" * 130, "en", "pt-BR",
                     "EN", "sha256:0123456789abcdef", "sha256:XYZ", "https://example.com", "ftp://x",
                     "FAQ203", "1abc", "ünï", "0" * 64]),
    st.text(max_size=8),
    st.lists(st.sampled_from(["a", "a", "", "FAQ2", 1, None]), max_size=3),
    st.lists(st.integers(-1, 5), max_size=3),
    st.dictionaries(st.sampled_from(["source", "path", "sha256", "lines", "other"]),
                    st.sampled_from(["raw/x.txt", "", 3, None]), max_size=3),
)


@st.composite
def mutated(draw):
    document = copy.deepcopy(draw(st.sampled_from(COLLECTIONS)))
    for _ in range(draw(st.integers(1, 3))):
        if isinstance(document.get("entries"), list) and document["entries"] and draw(st.booleans()):
            entries = document["entries"]
            entry = entries[draw(st.integers(0, len(entries) - 1))]
            if not isinstance(entry, dict):
                continue
            key = draw(st.sampled_from(ENTRY_KEYS))
            if key == "provenance" and isinstance(entry.get(key), dict) and draw(st.booleans()):
                entry[key][draw(st.sampled_from(["source", "lines", "locator", "fingerprint", "x"]))] = \
                    draw(VALUES)
            elif draw(st.integers(0, 4)) == 0:
                entry.pop(key, None)
            else:
                entry[key] = draw(VALUES)
        else:
            key = draw(st.sampled_from(TOP_KEYS))
            if draw(st.integers(0, 4)) == 0:
                document.pop(key, None)
            else:
                document[key] = draw(VALUES)
    return document


@pytest.mark.skipif(not COLLECTIONS, reason="no valid collection to mutate")
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_both_agree_on_mutated_collections(document):
    agree(document, schema.COLLECTION)


def test_values_json_cannot_type_go_to_the_reference():
    import datetime

    document = copy.deepcopy(COLLECTIONS[0])
    document["title"] = datetime.date(2024, 1, 2)
    assert schema.is_valid(document) is None
    messages = [error.message for error in schema.validate(document)]
    assert messages and "title" in messages[0]


def test_validate_explains_what_the_screen_rejects():
    document = copy.deepcopy(COLLECTIONS[0])
    document["entries"][0]["id"] = "Not A Slug"
    assert schema.is_valid(document) is False
    errors = schema.validate(document)
    assert [e.path for e in errors] == [("entries", 0, "id")]
