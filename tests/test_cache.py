"""The lint cache: the same report with and without it, after any file changes, and
whatever state the cache directory is in."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml

from conftest import SEED, run_faq
from pipeline import lint as linting
from pipeline import lint_files
from pipeline.config import load_config


@pytest.fixture
def two_collections(corpus: Path) -> Path:
    """The seed and a copy of it: every corpus-wide rule has something to find."""
    shutil.copy(SEED, corpus / "raw" / SEED.name)
    assert run_faq("ingest", "-q", cwd=corpus).returncode == 0
    data = yaml.safe_load((corpus / "clean" / "therapist-people-also-ask.yaml").read_text(encoding="utf-8"))
    data["name"], data["source"] = "counsellor-faq", None
    for entry in data["entries"]:
        entry["id"] = "copy-" + entry["id"]
    (corpus / "clean" / "counsellor-faq.yaml").write_text(yaml.safe_dump(data, sort_keys=False),
                                                         encoding="utf-8")
    return corpus


def lint_output(root: Path, *args: str) -> tuple[int, str]:
    result = run_faq("lint", "--format", "json", *args, cwd=root)
    assert "Traceback" not in result.output and result.returncode in (0, 1), result.output
    return result.returncode, result.stdout


def test_cached_results_are_the_results(two_collections: Path):
    root = two_collections
    uncached = lint_output(root, "--no-cache")
    assert "FAQ301" in uncached[1]  # the corpus-wide rules found the copies
    assert not (root / ".faq-cache").exists()
    assert lint_output(root) == uncached  # fills the cache
    assert any((root / ".faq-cache").rglob("*.json"))
    assert lint_output(root) == uncached  # reads it


def test_one_changed_file_is_linted_again(two_collections: Path):
    root = two_collections
    lint_output(root)
    path = root / "clean" / "counsellor-faq.yaml"
    before = lint_output(root)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["entries"][0]["answer"] += " Buy now!"
    data["entries"][1]["question"] = data["entries"][0]["question"]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    cached = lint_output(root)
    assert cached == lint_output(root, "--no-cache")
    assert cached != before and "advertising" not in before[1] and "advertising" in cached[1]


def test_a_damaged_cache_is_ignored(two_collections: Path):
    root = two_collections
    expected = lint_output(root, "--no-cache")
    lint_output(root)
    entries = list((root / ".faq-cache").rglob("*.json"))
    assert entries
    damage = [b"", b"{not json", b'{"display": 3}', b"[]",
              b'{"display": "clean/counsellor-faq.yaml", "problems": [[1]], "suppressions": [], "collection": null}']
    for number, path in enumerate(entries):
        path.write_bytes(damage[number % len(damage)])
    assert lint_output(root) == expected
    for path in (root / ".faq-cache").rglob("*.json"):  # entries of another shape than expected
        path.write_text('{"display": "clean/counsellor-faq.yaml", "problems": [], "suppressions": [], '
                        '"collection": {"name": "x"}}', encoding="utf-8")
    assert lint_output(root) == expected


def test_cache_dir_option_and_gitignore(two_collections: Path, tmp_path: Path):
    root = two_collections
    elsewhere = tmp_path / "lint-cache"
    expected = lint_output(root, "--no-cache")
    assert lint_output(root, "--cache-dir", str(elsewhere)) == expected
    assert any(elsewhere.rglob("*.json")) and not (root / ".faq-cache").exists()
    assert (elsewhere / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_an_unwritable_cache_is_no_error(two_collections: Path):
    root = two_collections
    (root / "blocked").write_text("a file, not a directory", encoding="utf-8")
    expected = lint_output(root, "--no-cache")
    assert lint_output(root, "--cache-dir", str(root / "blocked" / "cache")) == expected


def test_a_hit_reads_no_file_again(two_collections: Path, monkeypatch):
    config = load_config(two_collections)
    cache = two_collections / ".faq-cache"
    first = linting.lint(config, cache_dir=cache)
    calls = []
    real = lint_files.check_file
    monkeypatch.setattr(lint_files, "check_file", lambda *a, **k: calls.append(a[2]) or real(*a, **k))
    second = linting.lint(config, cache_dir=cache)
    assert calls == [] and second.problems == first.problems
    (two_collections / "clean" / "counsellor-faq.yaml").write_text(
        (two_collections / "clean" / "counsellor-faq.yaml").read_text(encoding="utf-8") + "# edited\n",
        encoding="utf-8")
    third = linting.lint(config, cache_dir=cache)
    assert [p.name for p in calls] == ["counsellor-faq.yaml"]
    assert third.problems == linting.lint(config).problems


def test_configuration_change_misses_the_cache(two_collections: Path):
    root = two_collections
    lint_output(root)
    (root / "faq.toml").write_text('language = "en"\n[lint]\nignore = ["FAQ301"]\n', encoding="utf-8")
    cached = lint_output(root)
    assert cached == lint_output(root, "--no-cache")
    assert "FAQ301" not in cached[1]


# -- corpus-wide rules read cached files' parts, not their collections ---------------

def _collection_text(name: str, rows: list[tuple[str, str]], form: str) -> str:
    head = {"name": name, "title": name.capitalize(), "language": "en", "source": None}
    entries = [{"id": f"{name}-{n}", "question": q, "answer": a} for n, (q, a) in enumerate(rows, 1)]
    if form == "jsonl":
        from pipeline import jsonlines

        return jsonlines.dumps({**head, "entries": entries}, "entries")
    return yaml.safe_dump({**head, "entries": entries}, sort_keys=False, allow_unicode=True)


ROWS_A = [("How long does a first session last?", "A first session lasts about fifty minutes, like any other."),
          ("Can I bring a friend to a session?", "Ask your therapist first; some welcome it and some do not."),
          ("Do you send reminders by email?", "Yes, we send an email the day before each session.")]
ROWS_B = [("Is therapy confidential?", "Yes: what you say stays between you and your therapist."),
          ("How do I pay for sessions?", "Pay by card or bank transfer after each session, as you prefer."),
          ("Can I cancel by e-mail?", "Yes, an e-mail a day ahead is enough; write e-mail to the office.")]


@pytest.mark.parametrize("form", ["yaml", "jsonl"])
def test_a_cached_file_gets_the_corpus_wide_findings_another_file_causes(corpus: Path, form: str):
    # b-faq's results come from the cache on the second run, while a change to
    # a-faq (whose name sorts first) makes one of b-faq's questions a duplicate and
    # turns b-faq's spelling "e-mail" into the minority one: both are found, at the
    # right lines, from b-faq's cached part and a positions-only read of its text.
    clean = corpus / "clean"
    a, b = clean / f"a-faq.{form}", clean / f"b-faq.{form}"
    a.write_text(_collection_text("a-faq", ROWS_A, form), encoding="utf-8")
    b.write_text(_collection_text("b-faq", ROWS_B, form), encoding="utf-8")
    before = {(p["path"], p["code"]) for p in json.loads(lint_output(corpus)[1])}
    assert (f"clean/b-faq.{form}", "FAQ301") not in before and (f"clean/b-faq.{form}", "FAQ306") not in before
    changed = ROWS_A + [("Is therapy confidential?", "Everything you tell us stays private, with rare legal limits."),
                        ("Where do I send an email?", "Send an email to the office; we answer every email within a day.")]
    a.write_text(_collection_text("a-faq", changed, form), encoding="utf-8")
    cached = lint_output(corpus)
    assert cached == lint_output(corpus, "--no-cache")
    problems = {(p["path"], p["line"], p["code"]) for p in json.loads(cached[1])}
    text = b.read_text(encoding="utf-8").splitlines()
    question_line = next(n for n, line in enumerate(text, 1) if "Is therapy confidential?" in line)
    email_line = next(n for n, line in enumerate(text, 1) if "Can I cancel by e-mail?" in line)
    assert (f"clean/b-faq.{form}", question_line, "FAQ301") in problems
    assert (f"clean/b-faq.{form}", email_line, "FAQ306") in problems


@pytest.mark.parametrize("damage", ["keys", "places", "size"])
def test_a_cache_entry_whose_part_does_not_match_is_a_miss(two_collections: Path, damage: str):
    root = two_collections
    expected = lint_output(root, "--no-cache")
    lint_output(root)
    (root / ".faq-cache" / "corpus.sqlite").unlink()  # so that every part's body is read
    for entry in (root / ".faq-cache").rglob("*.json"):
        value = json.loads(entry.read_text(encoding="utf-8"))
        if value.get("part"):
            body = entry.with_suffix(".body")
            if damage == "keys":  # lists of different lengths: the body is read from the file again
                part = json.loads(body.read_text(encoding="utf-8"))
                part["keys"] = part["keys"][:-1]
                body.write_text(json.dumps(part), encoding="utf-8")
            elif damage == "places":
                value["places"] = value["places"][:-8]  # one entry without its places
            else:
                value["part"]["size"] += 1  # a header that does not match its places
            entry.write_text(json.dumps(value), encoding="utf-8")
    assert lint_output(root) == expected


@pytest.mark.parametrize("cache", [["--no-cache"], []])
def test_a_term_inside_a_block_scalar_is_placed_at_its_character(corpus: Path, cache: list[str]):
    # A file's positions are found again after its first stage; a place inside a
    # block scalar also needs the value's lines, read again for it.
    text = ("name: a\ntitle: A\nlanguage: en\nentries:\n"
            "  - id: a1\n    question: How do I reach you?\n    answer: |-\n"
            "      Write to us.\n      Send an e-mail to the office, any time.\n"
            "  - id: a2\n    question: Do you answer email?\n"
            "    answer: Yes, every email gets an answer, and each email is read.\n")
    (corpus / "clean" / "a.yaml").write_text(text, encoding="utf-8")
    for _ in range(2):  # with the cache: filled, then read
        result = run_faq("lint", *cache, cwd=corpus)
        assert "Traceback" not in result.output and result.returncode == 0, result.output
        assert ("clean/a.yaml:9:15: info FAQ306 'e-mail' is written 'email' elsewhere in the corpus "
                "(1× against 3×) (inconsistent-term)") in result.stdout.splitlines()


# -- corpus-wide results are reused while what a rule reads is unchanged --------------

def _index_rows(root: Path, code: str) -> list[tuple]:
    with sqlite3.connect(root / ".faq-cache" / "corpus.sqlite") as db:
        return db.execute(f"SELECT rowid, * FROM found_{code} ORDER BY rowid").fetchall()


def test_an_answer_edit_reuses_the_question_rules_results(two_collections: Path):
    root = two_collections
    lint_output(root)
    before = {code: _index_rows(root, code) for code in ("FAQ003", "FAQ301", "FAQ304", "FAQ305")}
    assert before["FAQ301"] and not before["FAQ305"]  # the copy's answers are under the same questions
    path = root / "clean" / "counsellor-faq.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["entries"][0]["answer"] = data["entries"][1]["answer"]  # now under two questions
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = run_faq("-v", "lint", "--format", "json", cwd=root)
    assert (result.returncode, result.stdout) == lint_output(root, "--no-cache")
    assert "rebuilt" not in result.stderr and "corpus index: judged again" in result.stderr, result.stderr
    # The question rules read ids and questions only: their findings were kept as they
    # were (placed again, as the file's bytes changed); the answer rule found the copy.
    after = {code: _index_rows(root, code) for code in before}
    assert [row[:8] for row in after["FAQ301"]] == [row[:8] for row in before["FAQ301"]]
    assert after["FAQ304"] == before["FAQ304"] and after["FAQ003"] == before["FAQ003"]
    assert after["FAQ305"] and all("the same answer as the earlier question" in row[6] for row in after["FAQ305"])

    data["entries"][1]["question"] = data["entries"][0]["question"]  # now a question changes too
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    cached = lint_output(root)
    assert cached == lint_output(root, "--no-cache") and _index_rows(root, "FAQ301") != after["FAQ301"]


def test_a_place_that_moves_without_a_word_changing_is_found_again(corpus: Path):
    # inconsistent-term reads the texts to place a spelling: spaces added before it
    # change no count, but move the place it reports.
    clean = corpus / "clean"
    (clean / "a-faq.yaml").write_text(_collection_text("a-faq", ROWS_A + [
        ("Where do I send an email?", "Send an email to the office; we answer every email within a day.")],
        "yaml"), encoding="utf-8")
    b = clean / "b-faq.yaml"
    b.write_text(_collection_text("b-faq", ROWS_B, "yaml"), encoding="utf-8")
    first = lint_output(corpus)
    b.write_text(b.read_text(encoding="utf-8").replace("Can I cancel by e-mail?", "Can I cancel   by e-mail?"),
                 encoding="utf-8")
    second = lint_output(corpus)
    assert second == lint_output(corpus, "--no-cache") and second != first
    columns = [p["column"] for p in json.loads(second[1]) if p["code"] == "FAQ306" and "b-faq" in p["path"]]
    assert columns and columns == [c + 2 for c in (p["column"] for p in json.loads(first[1])
                                                   if p["code"] == "FAQ306" and "b-faq" in p["path"])]


def test_a_partial_lint_compares_only_with_the_valid_rest_of_clean(corpus: Path):
    # Linting one file still compares it with all of clean/, but a file that fails
    # its schema is not a collection to compare with (linting it says why).
    clean = corpus / "clean"
    (clean / "a-bad.yaml").write_text(
        "name: a-bad\ntitle: A\nlanguage: en\nentries:\n"
        "  - id: x\n    question: How long does a first session last?\n    answer: An hour.\n"
        "    colour: red\n", encoding="utf-8")  # a field the schema does not allow
    (clean / "a-good.yaml").write_text(_collection_text("a-good", ROWS_A, "yaml"), encoding="utf-8")
    (clean / "b-faq.yaml").write_text(_collection_text("b-faq", ROWS_B + [ROWS_A[0]], "yaml"), encoding="utf-8")
    result = run_faq("lint", "--format", "json", "clean/b-faq.yaml", cwd=corpus)
    assert "Traceback" not in result.output and result.returncode == 1, result.output
    duplicates = [p["message"] for p in json.loads(result.stdout) if p["code"] == "FAQ301"]
    assert duplicates == ["duplicate of the earlier question 'a-good-1' in collection 'a-good'"]
    assert {p["path"] for p in json.loads(result.stdout)} == {"clean/b-faq.yaml"}


# -- a file's digest is taken from its stat while the stat vouches for it --------------

def test_an_old_unchanged_file_is_not_even_read(two_collections: Path, monkeypatch):
    import os

    config = load_config(two_collections)
    cache = two_collections / ".faq-cache"
    files = sorted((two_collections / "clean").glob("*.yaml"))
    an_hour_ago = os.stat(files[0]).st_mtime_ns - 3600 * 10**9
    for path in files:  # older than the margin: their records will be trusted
        os.utime(path, ns=(an_hour_ago, an_hour_ago))
    first = linting.lint(config, cache_dir=cache)
    reads = []
    real = lint_files._read_bytes
    monkeypatch.setattr(lint_files, "_read_bytes", lambda path: reads.append(path.name) or real(path))
    assert linting.lint(config, cache_dir=cache).problems == first.problems and reads == []

    # The same size and modification time, other bytes: the change time gives it away.
    path = files[0]
    text = path.read_text(encoding="utf-8")
    edited = text.replace("therapist", "THERAPIST", 1)
    assert len(edited) == len(text) and edited != text
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(an_hour_ago, an_hour_ago))
    third = linting.lint(config, cache_dir=cache)
    assert reads == [path.name]
    assert third.problems == linting.lint(config).problems != first.problems


def test_a_file_written_just_after_it_was_hashed_is_hashed_again(two_collections: Path, monkeypatch):
    config = load_config(two_collections)
    cache = two_collections / ".faq-cache"
    linting.lint(config, cache_dir=cache)  # the files were just written: too recent to trust
    reads = []
    real = lint_files._read_bytes
    monkeypatch.setattr(lint_files, "_read_bytes", lambda path: reads.append(path.name) or real(path))
    linting.lint(config, cache_dir=cache)
    assert sorted(reads) == sorted(p.name for p in (two_collections / "clean").glob("*.yaml"))
