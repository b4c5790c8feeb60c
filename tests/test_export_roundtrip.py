"""Round trip: a corpus exported to JSON and ingested again is the same corpus
(collections, ids, questions, answers, tags, truncated).

The property test drives the library over generated corpora (the CLI costs a
process per call); the shipped seed corpus goes through the real CLI. Ingesting
cleans a source with the content rules, as for any source, so the property test
turns the content rules off: it checks what export and the reader keep, not what
cleaning mends (generated text trips rules such as off-topic at random). The seed
test keeps every rule on: a cleaned corpus comes back unchanged.
"""
from __future__ import annotations

import json
import shutil
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, SEED
from pipeline import corpus as corpus_files
from pipeline.config import load_config
from pipeline.export import load_corpus, render
from pipeline.exporters import ExportOptions
from pipeline.ingest import ingest
from pipeline.model import Collection, Entry, Provenance

NO_CONTENT_RULES = 'language = "en"\n[lint]\nselect = ["FAQ0"]\n'

WORDS = st.text(alphabet=string.ascii_letters + "äéßø中ё", min_size=1, max_size=8)
# Inline text as editors write it: words, Markdown marks, quotes, HTML look-alikes.
PIECES = st.one_of(WORDS, st.sampled_from([
    "*", "**", "_", "`", "[", "]", "(", ")", "<", ">", "&", "&amp;", '"', "'", "#", "\\", "...", "…",
    "<script>", "</script>", "<!--", "-->", "[a](https://example.com/x?a=1&b=2)", "[b](javascript:x)",
    "**bold**", "*em*", "C#", ":", ",", ";", "?", "!", "1.", "-", "\u00a0", "😀"]))
LINE = st.lists(PIECES, min_size=1, max_size=8).map(" ".join).filter(lambda s: s.strip())
PARAGRAPH = st.lists(LINE, min_size=1, max_size=3).map("\n".join)
BULLETS = st.lists(LINE, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {i.strip()}" for i in items))
NUMBERS = st.lists(LINE, min_size=1, max_size=4).map(
    lambda items: "\n".join(f"{n}. {i.strip()}" for n, i in enumerate(items, 1)))
ANSWER = st.lists(st.one_of(PARAGRAPH, BULLETS, NUMBERS), min_size=1, max_size=4).map("\n\n".join)
QUESTION = LINE.map(lambda s: " ".join(s.split()) + "?")
SLUG = st.lists(st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=6),
                min_size=1, max_size=3).map("-".join)
TAGS = st.lists(LINE.map(lambda s: " ".join(s.split())), max_size=3, unique=True)


@st.composite
def corpora(draw) -> list[Collection]:
    names = draw(st.lists(SLUG, min_size=1, max_size=3, unique=True))
    ids = iter(draw(st.lists(SLUG, min_size=len(names) * 5, max_size=len(names) * 5, unique=True)))
    collections = []
    for name in sorted(names):
        entries = [Entry(id=next(ids), question=draw(QUESTION), answer=draw(ANSWER).strip(), tags=draw(TAGS),
                         truncated=draw(st.booleans()), provenance=Provenance("manual"))
                   for _ in range(draw(st.integers(1, 5)))]
        collections.append(Collection(
            name=name, title=draw(LINE).strip(), language=draw(st.sampled_from(["en", "de", "pt-BR", "ja"])),
            description=draw(st.none() | LINE.map(str.strip)), source=None, entries=entries))
    return collections


def summary(collections: list[Collection]) -> list[tuple]:
    """What a round trip must keep."""
    return [(c.name, c.title, c.language, c.description,
             [(e.id, e.question, e.answer, e.tags, e.truncated) for e in c.entries]) for c in collections]


def _root(path: Path, config: str = NO_CONTENT_RULES) -> Path:
    (path / "clean").mkdir(parents=True)
    (path / "raw").mkdir()
    (path / "faq.toml").write_text(config, encoding="utf-8")
    return path


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_export_then_ingest_gives_the_same_corpus(collections):
    with tempfile.TemporaryDirectory() as temporary:
        original = _root(Path(temporary) / "original")
        for collection in collections:
            corpus_files.collection_path(original / "clean", collection.name).write_text(
                corpus_files.render_collection(collection, "../schema/collection.schema.json"), encoding="utf-8")
        stored = load_corpus(load_config(original))
        # One document for one collection; one per collection (--split) for several.
        files = render(stored, ["json"], ExportOptions(split=len(stored) > 1))
        exported = Path(temporary) / "exported"
        exported.mkdir()
        for name, text in files.items():
            (exported / name).write_text(text, encoding="utf-8")
        copy = _root(Path(temporary) / "copy")
        reports = ingest(load_config(copy), sorted(exported.iterdir()))
        assert [r.error for r in reports] == [None] * len(files)
        assert summary(load_corpus(load_config(copy))) == summary(stored)


def test_the_seed_corpus_comes_back_through_the_cli(corpus, faq, tmp_path):
    shutil.copy(SEED, corpus / "raw" / "seed.txt")
    assert faq("ingest", cwd=corpus).returncode == 0
    assert faq("export", "--format", "json", cwd=corpus).returncode == 0
    copy = _root(tmp_path / "copy", 'language = "en"\n')  # every rule on, as shipped
    result = faq("ingest", corpus / "dist" / "faq.json", cwd=copy)
    assert result.returncode == 0, result.output
    assert "-> clean/seed.yaml: 25 kept, 0 removed" in result.stdout
    assert summary(load_corpus(load_config(copy))) == summary(load_corpus(load_config(corpus)))
    assert faq("lint", cwd=copy).returncode == 0


def test_the_shipped_corpus_round_trips(corpus, faq, tmp_path):
    for path in (REPO / "clean").glob("*.yaml"):  # a copy: tests never write into the repository
        shutil.copy(path, corpus / "clean" / path.name)
    assert faq("export", "--format", "json", cwd=corpus).returncode == 0
    copy = _root(tmp_path / "copy", 'language = "en"\n')
    result = faq("ingest", corpus / "dist" / "faq.json", cwd=copy)
    assert result.returncode == 0, result.output
    assert summary(load_corpus(load_config(copy))) == summary(load_corpus(load_config(REPO)))


def test_a_document_of_several_collections_asks_for_split_documents(corpus, faq, tmp_path):
    for name in ("first", "second"):
        (corpus / "clean" / f"{name}.yaml").write_text(
            f"name: {name}\ntitle: {name.title()}\nlanguage: en\nentries:\n"
            f"  - id: {name}-q\n    question: Is this the {name}?\n    answer: It is.\n", encoding="utf-8")
    assert faq("export", "--format", "json", cwd=corpus).returncode == 0
    copy = _root(tmp_path / "copy", 'language = "en"\n')
    whole = faq("ingest", corpus / "dist" / "faq.json", cwd=copy)
    assert whole.returncode == 2 and "Traceback" not in whole.output
    assert "faq.json" in whole.stderr and "2 collections (first, second)" in whole.stderr
    assert "--split" in whole.stderr
    assert not list((copy / "clean").iterdir()) and not list((copy / "raw").iterdir())
    # Named after a collection, the file gives that collection.
    named = tmp_path / "second.json"
    shutil.copy(corpus / "dist" / "faq.json", named)
    assert faq("ingest", named, cwd=copy).returncode == 0
    assert [c.name for c in load_corpus(load_config(copy))] == ["second"]
    # Split documents give every collection back.
    assert faq("export", "--format", "json", "--split", "-o", "split", cwd=corpus).returncode == 0
    again = _root(tmp_path / "again", 'language = "en"\n')
    result = faq("ingest", corpus / "split", cwd=again)
    assert result.returncode == 0, result.output
    assert summary(load_corpus(load_config(again))) == summary(load_corpus(load_config(corpus)))


def test_a_broken_export_document_is_refused_with_its_place(corpus, faq, tmp_path):
    (corpus / "clean" / "one.yaml").write_text(
        "name: one\ntitle: One\nlanguage: en\nentries:\n"
        "  - id: q\n    question: Is it?\n    answer: It is.\n", encoding="utf-8")
    assert faq("export", "--format", "json", cwd=corpus).returncode == 0
    document = json.loads((corpus / "dist" / "faq.json").read_text(encoding="utf-8"))
    document["entries"][0]["id"] = "Not A Slug"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    copy = _root(tmp_path / "copy", 'language = "en"\n')
    result = faq("ingest", broken, cwd=copy)
    assert result.returncode == 2 and "Traceback" not in result.output
    assert "not a valid faq export at /entries/0/id" in result.stderr
