"""Properties that must hold for any input, checked with hypothesis:

- every reader turns any bytes into a result or an InputError, nothing else;
- any collection survives the canonical YAML writer and reader unchanged;
- lint never crashes on any corpus, and `lint --fix` changes nothing the second time;
- ingest -> write -> read gives the collection ingest built, and re-ingesting
  changes no byte.

The default profile keeps the suite quick (60 examples a test); a deep run:

    HYPOTHESIS_PROFILE=long pytest tests/test_properties.py
"""
from __future__ import annotations

import os
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import corpus as corpus_files
from pipeline import yamlfile
from pipeline.config import load_config
from pipeline.errors import InputError
from pipeline.fix import fix
from pipeline.ingest import ingest
from pipeline.lint import lint
from pipeline.model import Collection, Entry, Provenance, Source, text_fingerprint
from pipeline.sources import read_source

settings.register_profile("default", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)


def examples(count: int) -> int:
    """``count`` examples in the default profile; the chosen profile's number otherwise."""
    return count if PROFILE == "default" else settings.get_profile(PROFILE).max_examples

SUFFIXES = [".txt", ".md", ".html", ".json", ".yaml", ".csv"]

# Text as people and scrapers write it: any printable character (no surrogates,
# which no file can hold), with the line breaks and punctuation readers key on.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
WORDS = st.text(string.ascii_letters + "   '’-,.?!:;()\"…•*#>0123456789\n\u00a0éßø中", min_size=1, max_size=120)
SLUG = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)


def _line_soup() -> st.SearchStrategy[str]:
    """Text shaped like a scrape: questions, answers, lists, markers, blank lines."""
    line = st.one_of(
        WORDS.map(lambda w: w.strip() + "?"),
        WORDS,
        WORDS.map(lambda w: "- " + w),
        WORDS.map(lambda w: "1. " + w),
        WORDS.map(lambda w: "Q: " + w),
        WORDS.map(lambda w: "A: " + w),
        WORDS.map(lambda w: "## " + w),
        st.sampled_from(["", "", "...", "Read more", "Next question", "People also ask", "---",
                         "<h2>Why?</h2>", "<details><summary>How?</summary>So.</details>",
                         '{"question": "Why?", "answer": "Because."}', "question,answer"]),
    )
    return st.lists(line, max_size=40).map("\n".join)


# -- readers -----------------------------------------------------------------------------

def _read(data: bytes, suffix: str) -> None:
    try:
        result = read_source(data, f"raw/fuzz{suffix}", "en")
    except InputError as exc:
        assert exc.path == f"raw/fuzz{suffix}"  # every refusal names the file
        return
    for entry in result.entries:
        assert isinstance(entry.question, str) and isinstance(entry.answer, str)


@settings(max_examples=examples(100))
@given(st.binary(max_size=2000), st.sampled_from(SUFFIXES))
def test_readers_never_crash_on_bytes(data, suffix):
    _read(data, suffix)


@settings(max_examples=examples(100))
@given(_line_soup(), st.sampled_from(SUFFIXES))
def test_readers_never_crash_on_scrape_like_text(text, suffix):
    _read(text.encode("utf-8"), suffix)


@given(TEXT, st.sampled_from(SUFFIXES))
def test_readers_never_crash_on_any_text(text, suffix):
    _read(text.encode("utf-8"), suffix)


# -- the YAML round trip ------------------------------------------------------------------

def _entries(draw, count: int) -> list[Entry]:
    entries, ids = [], set()
    for _ in range(count):
        entry_id = draw(SLUG.filter(lambda s: s not in ids))
        ids.add(entry_id)
        question = draw(TEXT.filter(lambda t: t.strip()))
        answer = draw(TEXT.filter(lambda t: t.strip()))
        truncated = draw(st.booleans())
        fingerprint = draw(st.sampled_from([None, text_fingerprint(question, answer, truncated)]))
        lines = draw(st.none() | st.tuples(st.integers(1, 10 ** 6), st.integers(1, 10 ** 6)))
        entries.append(Entry(question=question, answer=answer, id=entry_id, truncated=truncated,
                             tags=draw(st.lists(TEXT.filter(lambda t: t.strip()), max_size=3, unique=True)),
                             suppress=draw(st.lists(st.sampled_from(["FAQ203", "truncated-answer", "FAQ2"]),
                                                    max_size=2, unique=True)),
                             provenance=Provenance(draw(st.sampled_from(["raw/x.txt", "manual"])),
                                                   lines, fingerprint=fingerprint)))
    return entries


@st.composite
def collections(draw, max_entries: int = 6) -> Collection:
    source = draw(st.none() | st.builds(Source, st.just("raw/x.txt"),
                                        st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
                                        st.none() | st.just("https://example.com/faq")))
    return Collection(name=draw(SLUG), title=draw(TEXT.filter(lambda t: t.strip())),
                      language=draw(st.sampled_from(["en", "de", "pt-BR", "zh"])), source=source,
                      description=draw(st.none() | TEXT.filter(lambda t: t.strip())),
                      entries=_entries(draw, draw(st.integers(0, max_entries))))


@given(collections())
def test_any_collection_survives_the_yaml_round_trip(collection):
    text = corpus_files.render_collection(collection, "../schema/collection.schema.json")
    back = corpus_files.collection_from_data(yamlfile.load(text, "clean/x.yaml").data)
    assert back == collection
    # and writing what was read gives the same bytes
    assert corpus_files.render_collection(back, "../schema/collection.schema.json") == text


# -- lint and lint --fix over generated corpora -----------------------------------------------

def _corpus(collections_: list[Collection]) -> tempfile.TemporaryDirectory:
    directory = tempfile.TemporaryDirectory()
    root = Path(directory.name)
    (root / "faq.toml").write_text('language = "en"\n', encoding="utf-8")
    (root / "clean").mkdir()
    (root / "raw").mkdir()
    names = set()
    for collection in collections_:
        if collection.name in names:
            continue
        names.add(collection.name)
        (root / "clean" / f"{collection.name}.yaml").write_text(
            corpus_files.render_collection(collection, "../schema/collection.schema.json"), encoding="utf-8")
    return directory


@settings(max_examples=examples(30))
@given(st.lists(collections(max_entries=5), min_size=1, max_size=3))
def test_lint_never_crashes_and_fix_is_idempotent(generated):
    with _corpus(generated) as directory:
        root = Path(directory)
        config = load_config(root)
        result = lint(config, [])
        assert all(p.path.startswith("clean/") for p in result.problems)
        fix(config, None)
        files = {p: p.read_bytes() for p in sorted((root / "clean").iterdir())}
        second = fix(config, None)
        assert second.changed == [] and second.applied == []
        assert {p: p.read_bytes() for p in sorted((root / "clean").iterdir())} == files
        lint(config, [])


# -- ingest -> write -> read ------------------------------------------------------------------

@settings(max_examples=examples(30))
@given(st.lists(st.tuples(WORDS, WORDS), min_size=1, max_size=8), st.sampled_from([".txt", ".md", ".json"]))
def test_ingest_write_read_gives_the_same_collection_and_is_stable(pairs, suffix):
    if suffix == ".md":
        text = "".join(f"## {q.strip() or 'Why'}?\n\n{a}\n\n" for q, a in pairs)
    elif suffix == ".json":
        import json
        text = json.dumps([{"question": q, "answer": a} for q, a in pairs])
    else:
        text = "".join(f"{q.strip() or 'Why'}?\n\n{a}\n\n" for q, a in pairs)
    with _corpus([]) as directory:
        root = Path(directory)
        (root / "raw" / f"generated{suffix}").write_text(text, encoding="utf-8")
        config = load_config(root)
        [report] = ingest(config, [])
        if report.error:  # refused input is fine; a crash is not
            assert isinstance(report.error, InputError)
            return
        path = root / "clean" / "generated.yaml"
        written = path.read_bytes()
        collection = corpus_files.load_collection_file(path, "clean/generated.yaml")
        assert len(collection.entries) == report.kept
        assert all(not entry.is_edited() for entry in collection.entries)
        assert corpus_files.render_collection(collection, "../schema/collection.schema.json") == \
            written.decode("utf-8")
        [again] = ingest(config, [])
        assert again.written == [] and path.read_bytes() == written


# -- the fuzz targets' entry function, over seeds (atheris runs it in CI) ----------------------

def test_the_fuzz_targets_read_every_seed_and_hostile_input(tmp_path):
    import sys

    from conftest import FIXTURES, REPO

    sys.path.insert(0, str(REPO / "fuzz"))
    try:
        import targets
    finally:
        sys.path.remove(str(REPO / "fuzz"))
    import hostile

    seeds = [p for kind in ("text", "markdown", "html") for p in sorted((FIXTURES / kind).iterdir())]
    hostile.write_sources(tmp_path)
    seeds += [p for p in sorted(tmp_path.iterdir())
              if p.is_file() and not p.is_symlink() and p.stat().st_size < 8 * 1024 * 1024]
    assert len(seeds) > 40
    for path in seeds:
        data = path.read_bytes()
        targets.read_as(data, targets.TEXT_SUFFIXES)
        targets.read_as(data, targets.HTML_SUFFIXES)
