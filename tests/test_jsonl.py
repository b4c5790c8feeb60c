"""JSON Lines collections: every command reads them, the commands that write keep
them JSON Lines, and problems point at the entry's line."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SEED, run_faq
from pipeline import corpus as corpus_files
from pipeline import jsonlines


def _to_jsonl(root: Path) -> None:
    """Turn every YAML file of clean/ into its JSON Lines twin, as a user converting a corpus would."""
    for path in sorted((root / "clean").glob("*.yaml")):
        located = corpus_files.read_document(path, path.name)
        key = "removed" if corpus_files.is_removed_file(path) else "entries"
        target = path.with_name(path.name[: -len(".yaml")] + ".jsonl")
        target.write_text(jsonlines.dumps(located.data, key), encoding="utf-8")
        path.unlink()


@pytest.fixture
def seeded(corpus: Path) -> Path:
    shutil.copy(SEED, corpus / "raw" / SEED.name)
    assert run_faq("ingest", "-q", cwd=corpus).returncode == 0
    return corpus


def _problems(root: Path, *args: str) -> list[dict]:
    result = run_faq("lint", "--format", "json", "--no-cache", *args, cwd=root)
    assert result.returncode in (0, 1), result.output
    return json.loads(result.stdout)["problems"] if result.stdout.startswith("{") else json.loads(result.stdout)


def _comparable(problems: list[dict]) -> list[tuple]:
    return sorted((p["code"], p["message"], p.get("entry_id") or p.get("entry")) for p in problems)


def test_jsonl_collection_is_linted_like_its_yaml_twin(seeded: Path):
    yaml_problems = _problems(seeded)
    _to_jsonl(seeded)
    assert sorted(p.name for p in (seeded / "clean").iterdir()) == [
        "therapist-people-also-ask.jsonl", "therapist-people-also-ask.removed.jsonl"]
    jsonl_problems = _problems(seeded)
    assert yaml_problems and _comparable(jsonl_problems) == _comparable(yaml_problems)
    lines = (seeded / "clean" / "therapist-people-also-ask.jsonl").read_text(encoding="utf-8").splitlines()
    for problem in jsonl_problems:
        line = lines[problem["line"] - 1]
        entry_id = problem.get("entry_id") or problem.get("entry")
        if entry_id:  # each problem sits on its entry's line
            assert json.loads(line)["id"] == entry_id
        if problem["column"] > 1:  # at the key of a field of that entry
            assert line[problem["column"] - 1] == '"'


def _raw_output(root: Path) -> str:
    result = run_faq("lint", "--no-cache", cwd=root)
    assert "Traceback" not in result.output
    return result.output


def _write_collection(root: Path, lines: list[str]) -> Path:
    path = root / "clean" / "shop.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


HEAD = json.dumps({"name": "shop", "title": "Shop", "language": "en", "source": None})


def _entry(number: int, **extra) -> str:
    return json.dumps({"id": f"q-{number}", "question": f"How do I return item number {number}?",
                       "answer": f"Send item number {number} back within thirty days of delivery.", **extra})


@pytest.mark.parametrize("bad, message", [
    ('{"id": "q-2", "question": "Why?"', "invalid JSON"),
    ('{"id": "q-2", "question": "Why?", "answer": NaN}', "NaN is not a JSON value"),
    ('{"id": "q-2", "question": "Why?", "answer": -Infinity}', "-Infinity is not a JSON value"),
    ('{"id": "q-2", "question": "Why?", "answer": 1e999}', "too large"),
    ('{"id": "q-2", "id": "q-3", "question": "Why?", "answer": "Because."}', "duplicate key 'id'"),
])
def test_a_bad_line_is_faq001_at_that_line(corpus: Path, bad: str, message: str):
    _write_collection(corpus, [HEAD, _entry(1), bad, _entry(3)])
    result = run_faq("lint", "--no-cache", cwd=corpus)
    assert result.returncode == 1
    assert "Traceback" not in result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("clean/shop.jsonl:3:1: error FAQ001 ")
    assert message in first


def test_line_one_must_not_hold_the_entries(corpus: Path):
    head = json.loads(HEAD)
    head["entries"] = []
    _write_collection(corpus, [json.dumps(head), _entry(1)])
    output = _raw_output(corpus)
    assert "clean/shop.jsonl:1:1: error FAQ001 line 1 holds 'entries'" in output


def test_schema_errors_point_at_the_entry_line_and_field(corpus: Path):
    _write_collection(corpus, [HEAD, _entry(1), _entry(2), _entry(3, truncated="yes")])
    output = _raw_output(corpus)
    line = [text for text in output.splitlines() if "FAQ002" in text or "schema" in text][0]
    text = (corpus / "clean" / "shop.jsonl").read_text(encoding="utf-8").splitlines()[3]
    column = text.index('"truncated"') + 1
    assert line.startswith(f"clean/shop.jsonl:4:{column}: error ")
    assert "truncated must be a boolean" in line


def test_blank_lines_are_skipped_and_lines_still_count(corpus: Path):
    _write_collection(corpus, [HEAD, "", _entry(1), "", "   ", _entry(1)])
    output = _raw_output(corpus)
    assert "clean/shop.jsonl:6:" in output and "id 'q-1' is already used" in output


def test_fix_keeps_jsonl(seeded: Path):
    _to_jsonl(seeded)
    path = seeded / "clean" / "therapist-people-also-ask.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[1])
    entry["answer"] = entry["answer"] + "  and   more   spaces  here."
    lines[1] = json.dumps(entry, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _problems(seeded)
    result = run_faq("lint", "--fix", "--no-cache", cwd=seeded)
    assert "Traceback" not in result.output
    assert not (seeded / "clean" / "therapist-people-also-ask.yaml").exists()
    fixed = [json.loads(text) for text in path.read_text(encoding="utf-8").splitlines()]
    assert fixed[0]["name"] == "therapist-people-also-ask" and "entries" not in fixed[0]
    assert "   " not in fixed[1]["answer"]
    assert len(_problems(seeded)) < len(before)


def test_reingest_keeps_jsonl_and_check_is_clean(seeded: Path):
    _to_jsonl(seeded)
    path = seeded / "clean" / "therapist-people-also-ask.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    edited = json.loads(lines[2])
    edited["answer"] = "An answer an editor rewrote by hand."
    lines[2] = json.dumps(edited, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_faq("ingest", cwd=seeded)
    assert result.returncode == 0, result.output
    assert "-> clean/therapist-people-also-ask.jsonl: " in result.stdout
    assert sorted(p.name for p in (seeded / "clean").iterdir()) == [
        "therapist-people-also-ask.jsonl", "therapist-people-also-ask.removed.jsonl"]
    entries = [json.loads(text) for text in path.read_text(encoding="utf-8").splitlines()[1:]]
    assert any(e["answer"] == "An answer an editor rewrote by hand." for e in entries)
    assert run_faq("ingest", "--check", cwd=seeded).returncode == 0


def test_export_reads_jsonl_as_yaml(seeded: Path):
    from_yaml = run_faq("export", "--format", "json", "-o", "-", cwd=seeded)
    assert from_yaml.returncode == 0, from_yaml.output
    _to_jsonl(seeded)
    from_jsonl = run_faq("export", "--format", "json", "-o", "-", cwd=seeded)
    assert from_jsonl.returncode == 0, from_jsonl.output
    assert from_jsonl.stdout == from_yaml.stdout


def test_dumps_and_load_round_trip():
    data = {"name": "x", "title": "Ünïcode “quotes”", "language": "en", "source": None,
            "entries": [{"id": "a", "question": "Q?", "answer": "line one\nline two"}]}
    text = jsonlines.dumps(data, "entries")
    assert text.count("\n") == 2 and "Ünïcode" in text
    assert jsonlines.load(text, "x.jsonl", "entries").data == data
