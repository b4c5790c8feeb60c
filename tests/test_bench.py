"""The benchmark's tools, run at a tiny size: the corpus generator writes what `faq`
writes and plants what it says it plants, and the benchmark script prints its
table, times the tools themselves (not a version manager's shim) with their
bytecode caches, and gives its slopes. Only the shape of their output is checked
here, never a time."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.corpus import entry_to_data, load_collection_file, render_collection

from conftest import REPO, run_faq

BENCH = REPO / "bench"


def bench(script: str, *args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BENCH / script), *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


def bench_module():
    """bench/run.py imported, for the parts of it that are functions."""
    sys.path.insert(0, str(BENCH))
    try:
        import run
    finally:
        sys.path.remove(str(BENCH))
    return run


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """The same seeded corpus of 1,000 entries in 5 collections, as YAML and as JSONL."""
    made = {}
    for form in ("yaml", "jsonl"):
        out = tmp_path_factory.mktemp(form) / "corpus"
        result = bench("generate.py", "--entries", "1000", "--collections", "5", "--seed", "11",
                       "--format", form, "--out", out)
        assert result.returncode == 0, result.stderr
        made[form] = (out, result)
    return made


def _plan(result: subprocess.CompletedProcess, form: str = "yaml") -> dict[str, int]:
    """The planted counts as the generator prints them."""
    lines = result.stdout.splitlines()
    assert lines[0] == f"1,000 entries in 5 {form} collections (seed 11)"
    planted = {}
    for line in lines[1:]:
        label, count = line.strip().removeprefix("planted ").rsplit(": ", 1)
        planted[label] = int(count.replace(",", ""))
    return planted


def test_the_plan_is_printed_and_recorded(generated):
    root, result = generated["yaml"]
    planted = _plan(result)
    assert set(planted) == {"exact duplicates", "near duplicates", "duplicate answers", "off topic",
                            "truncations"}
    assert all(count > 0 for count in planted.values()), planted
    assert sum(planted.values()) < 1000
    recorded = json.loads((root / "bench-plan.json").read_text(encoding="utf-8"))
    assert {name.replace("_", " "): count for name, count in recorded["planted"].items()} == planted
    assert (recorded["entries"], recorded["collections"], recorded["format"]) == (1000, 5, "yaml")


def test_yaml_collections_are_written_as_faq_writes_them(generated):
    root, _ = generated["yaml"]
    files = sorted((root / "clean").glob("*.yaml"))
    assert len(files) == 5
    assert (root / "faq.toml").is_file() and (root / "schema" / "collection.schema.json").is_file()
    total = 0
    for path in files:
        loaded = load_collection_file(path, path.name)  # also validates against the schema
        total += len(loaded.entries)
        rendered = render_collection(loaded, "../schema/collection.schema.json")
        assert rendered == path.read_text(encoding="utf-8")
    assert total == 1000


def test_jsonl_holds_the_same_entries_one_per_line(generated):
    yaml_root, _ = generated["yaml"]
    jsonl_root, result = generated["jsonl"]
    assert _plan(result, "jsonl") == _plan(generated["yaml"][1])
    files = sorted((jsonl_root / "clean").glob("*.jsonl"))
    assert [p.stem for p in files] == [p.stem for p in sorted((yaml_root / "clean").glob("*.yaml"))]
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        head = json.loads(lines[0])
        assert "entries" not in head and head["name"] == path.stem
        collection = load_collection_file(yaml_root / "clean" / f"{path.stem}.yaml", path.name)
        expected = [json.dumps(entry_to_data(e), ensure_ascii=False) for e in collection.entries]
        assert lines[1:] == expected


def test_the_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path, generated):
    root, _ = generated["yaml"]
    for seed, same in (("11", True), ("12", False)):
        out = tmp_path / seed
        assert bench("generate.py", "--entries", "1000", "--collections", "5", "--seed", seed, "--out", out,
                     "-q").returncode == 0
        texts = [p.read_bytes() for p in sorted((out / "clean").glob("*.yaml"))]
        assert (texts == [p.read_bytes() for p in sorted((root / "clean").glob("*.yaml"))]) is same


def test_faq_lint_finds_what_was_planted(generated):
    root, result = generated["yaml"]
    planted = _plan(result)
    linted = run_faq("lint", "--format", "json", cwd=root)
    assert linted.returncode == 1, linted.stderr  # errors: the duplicate questions
    codes = Counter(problem["code"] for problem in json.loads(linted.stdout))
    assert codes["FAQ203"] == planted["truncations"]  # only planted answers are cut off
    # A planted copy of a question is reported as one or the other kind of duplicate.
    assert codes["FAQ301"] >= planted["exact duplicates"]
    assert codes["FAQ301"] + codes["FAQ304"] >= planted["exact duplicates"] + planted["near duplicates"]
    assert codes["FAQ305"] >= planted["duplicate answers"] > 0
    assert 0 < codes["FAQ302"] <= planted["off topic"] * 2
    assert "FAQ001" not in codes and "FAQ002" not in codes  # readable, valid files


def test_bad_arguments_are_reported_without_a_traceback(tmp_path):
    result = bench("generate.py", "--entries", "0", "--out", tmp_path / "c")
    assert result.returncode == 2
    assert result.stderr.startswith("generate: error:") and "Traceback" not in result.stderr
    result = bench("generate.py", "--entries", "lots", "--out", tmp_path / "c")
    assert result.returncode == 2 and "not a size" in result.stderr and "Traceback" not in result.stderr


def test_the_rule_benchmark_prints_one_measurement():
    result = bench("rules.py", "--rule", "duplicate-question", "--entries", "300", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["code"], data["entries"], data["collections"]) == ("FAQ301", 300, 1)
    assert data["findings"] >= data["planted"] > 0
    assert data["seconds"] > 0 and data["peak_rss_mb"] > 0 and data["runs"] == 1


def test_each_rule_run_starts_with_faq_s_caches_empty():
    # Without it, the second and third runs would find every word already stemmed.
    import importlib.util

    # By its path: "rules" is also the name of the tests' own package of rule tests.
    sys.path.insert(0, str(BENCH))  # for its own `from generate import ...`
    try:
        spec = importlib.util.spec_from_file_location("bench_rules", BENCH / "rules.py")
        rules = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(rules)
    finally:
        sys.path.remove(str(BENCH))
    from pipeline.language import content_stem, words

    words("Can my therapist hug me?")
    content_stem("therapist", "en")
    assert content_stem.cache_info().currsize > 0
    rules._cold()
    assert content_stem.cache_info().currsize == 0
    from pipeline import language

    assert language._words.cache_info().currsize == 0


def test_the_rule_benchmark_repeats_on_one_corpus_and_finds_the_same_each_time():
    once = json.loads(bench("rules.py", "--rule", "FAQ304", "--entries", "500", "--json").stdout)
    result = bench("rules.py", "--rule", "FAQ304", "--entries", "500", "--repeat", "3", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["runs"] == 3 and data["findings"] == once["findings"] > 0
    shown = bench("rules.py", "--rule", "FAQ304", "--entries", "500", "--repeat", "3")
    assert "(median of 3 runs; " in shown.stdout


def test_the_benchmark_prints_its_table(tmp_path):
    result = bench("run.py", "--quick", "--sizes", "300", "--repeat", "1", "--markdown", "-q",
                   "--workdir", tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "| case | tool | wall s | entries/s | peak RSS MB | vs check-jsonschema | notes |"
    rows = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:]]
    assert all(len(row) == 7 for row in rows), rows
    cases = [row[0] for row in rows]
    for case in ("cold --version", "cold lint, shipped corpus", "lint 300 entries, yaml",
                 "lint 300 entries, jsonl", "lint 300 entries, jsonl, one process", "exact duplicates (FAQ301), 300", "near duplicates (FAQ304), 300",
                 "duplicate answers (FAQ305), 300", "off-topic (FAQ302), 300"):
        assert case in cases
    assert "re-lint after one answer changed, 300 JSONL" in cases
    assert "re-lint after one question changed, 300 JSONL" in cases
    for case, tool, seconds, *_ , note in rows:
        if tool == "faq" and case.startswith(("cold", "lint")):
            assert seconds != "-" or note, (case, tool)  # a time, or why there is none
            if seconds != "-":
                float(seconds)


def test_the_scaling_note_gives_the_slope_of_the_two_largest_sizes_too():
    run = bench_module()
    rows = [run.Row("r", "faq rule", seconds, entries, None)
            for seconds, entries in ((0.1, 10_000), (2.0, 100_000), (22.0, 1_000_000))]
    assert run.slope_note(rows) == (
        "10,000 -> 1,000,000: x220.0 time for x100 entries = x14.8 per tenfold (exponent 1.17); "
        "100,000 -> 1,000,000: x11.0 time for x10 entries = x11.0 per tenfold (exponent 1.04)")
    assert run.slope_note(rows[:2]).count("per tenfold") == 1 and run.slope_note(rows[:1]) == ""


# bench/run.py times the tools, not a version manager's shim in front of them.

def _script(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return path


def test_bench_steps_over_a_pyenv_shim_to_the_real_executable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    bench_run = bench_module()
    shims, real = tmp_path / "shims", tmp_path / "versions" / "bin"
    shims.mkdir()
    real.mkdir(parents=True)
    shim_text = '#!/usr/bin/env bash\nset -e\nexec "$PYENV_ROOT/libexec/pyenv" exec "${0##*/}" "$@"\n'
    for name in ("faq", "check-jsonschema"):
        _script(shims / name, shim_text)
        _script(real / name, f"#!{sys.executable}\nprint('real {name}')\n")
    _script(shims / "pyenv", f'#!/bin/sh\n[ "$1" = which ] && echo "{real}/$2"\n')
    monkeypatch.setenv("PATH", f"{shims}{os.pathsep}{os.environ['PATH']}")

    assert bench_run.is_shim(str(shims / "faq")) and not bench_run.is_shim(str(real / "faq"))
    for name in ("faq", "check-jsonschema"):
        found, note = bench_run.executable(name)
        assert found == str(real / name) and "shim" in note and str(real / name) in note
    assert bench_run.faq_command() == [str(real / "faq")]
    assert bench_run.peer_command() == [str(real / "check-jsonschema")]

    (shims / "pyenv").unlink()  # no pyenv to ask: the shim is timed, and the notes say so
    monkeypatch.setenv("PATH", str(shims))
    monkeypatch.setattr(bench_run.sys, "executable", str(tmp_path / "elsewhere" / "python"))
    found, note = bench_run.executable("faq")
    assert found == str(shims / "faq") and "through the shim" in note


def test_bench_help_says_shims_are_resolved():
    result = bench("run.py", "--help", timeout=60)
    assert result.returncode == 0 and "shim" in result.stdout and "pyenv which" in result.stdout


def test_bench_times_the_tools_with_their_bytecode_caches(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    environment = bench_module().tool_environment()
    assert "PYTHONDONTWRITEBYTECODE" not in environment and environment["PATH"] == os.environ["PATH"]
