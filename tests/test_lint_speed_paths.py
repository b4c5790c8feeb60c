"""The fast paths of `faq lint` give what the careful paths give: the libyaml fast
reader with positions found later, worker processes (--jobs, by default for
enough work), and one-collection rules that never read the corpus. What a cold
start imports is tests/test_cold_start.py's. (How fast they are is measured in
bench/, never here.)"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REPO, SEED, run_faq
from pipeline import yamlfile
from pipeline.errors import InputError

TRICKY = {
    "flow and quotes": 'name: "x"\nentries: [{id: a, question: \'Q?\', answer: "A\\nB"}]\n',
    "comments and folded": "# head\nname: x # c\nentries:\n  - id: a\n    answer: >\n      one\n      two\n",
    "plain scalars of every kind": "a: 1\nb: true\nc: ~\nd: 2020-01-01\ne: 1.5\nf: [1, 2]\ng: !!str 3\n",
    "nested lists": "entries:\n- - 1\n  - [2, {k: v}]\n- {}\n- []\n",
    "quoted keys": '"a b": 1\n\'c\': {"d": [x]}\n',
    "unicode": "frage: Was kostet’s?\nantwort: |\n  Ünïcödé\n  zweite Zeile\n",
}

REFUSED = {
    "duplicate key": "a: 1\na: 2\n",
    "alias": "a: &x [1, 2]\nb: *x\n",
    "alias bomb": "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n",
    "set tag": "a: !!set {x, y}\n",
    "complex key": "? [a, b]\n: c\n",
    "merge key": "base: &b {x: 1}\nd:\n  <<: *b\n",
    "empty": "",
    "two documents": "a: 1\n---\nb: 2\n",
    "syntax": "a: [1, 2\n",
    "int key": "1: x\n",
}


def _yaml_files() -> list[Path]:
    return sorted([*(REPO / "clean").glob("*.yaml"), *FIXTURES.rglob("*.yaml"), *FIXTURES.rglob("*.yml")])


def _same(text: str) -> None:
    try:
        careful = yamlfile.load(text, "f.yaml")
    except InputError as exc:
        with pytest.raises(InputError) as raised:
            yamlfile.load_fast(text, "f.yaml")
        assert (raised.value.message, raised.value.line) == (exc.message, exc.line)
        return
    fast = yamlfile.load_fast(text, "f.yaml")
    assert fast.data == careful.data
    assert fast.values == careful.values
    assert fast.keys == careful.keys
    assert fast.styles == careful.styles
    assert fast.lines == careful.lines
    for path in careful.values:
        assert fast.position(path) == careful.position(path)
        for offset in (0, 3, 10):
            assert fast.text_position(path, offset) == careful.text_position(path, offset)


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: p.name)
def test_fast_reader_matches_careful_reader_on_real_files(path: Path):
    _same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_fast_reader_matches_on_tricky_documents(name: str):
    _same(TRICKY[name])


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_the_fast_reader_refuses_gets_the_careful_answer(name: str):
    _same(REFUSED[name])


def test_fast_reader_finds_positions_only_when_asked():
    text = (REPO / "clean" / "therapist-people-also-ask.yaml").read_text(encoding="utf-8")
    located = yamlfile.load_fast(text, "x.yaml")
    assert isinstance(located, yamlfile.LazyLocated) and located._marks is None
    assert located.position(("entries", 2, "answer"))[0] > 1
    assert located._marks is not None


SCALARS = st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.none(),
                    st.floats(allow_nan=False, allow_infinity=False))
DOCUMENTS = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)), max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(DOCUMENTS, st.sampled_from([None, True, False]), st.sampled_from([None, '"', "|"]))
def test_fast_reader_matches_on_generated_documents(data, flow, style):
    text = yaml.safe_dump({"doc": data}, default_flow_style=flow, default_style=style, allow_unicode=True)
    _same(text)


def _corpus_with_problems(root: Path) -> None:
    shutil.copy(SEED, root / "raw" / SEED.name)
    assert run_faq("ingest", "-q", cwd=root).returncode == 0
    data = yaml.safe_load((root / "clean" / "therapist-people-also-ask.yaml").read_text(encoding="utf-8"))
    for number in range(4):
        copy = json.loads(json.dumps(data))
        copy["name"], copy["source"] = f"copy-{number}", None
        for entry in copy["entries"]:
            entry["id"] = f"c{number}-{entry['id']}"
        copy["entries"][number]["answer"] += " Buy now!"
        if number == 3:
            copy["entries"][1]["tags"] = ["same", "same"]  # a schema error
        if number % 2:
            (root / "clean" / f"copy-{number}.yaml").write_text(yaml.safe_dump(copy), encoding="utf-8")
        else:
            lines = [json.dumps({k: v for k, v in copy.items() if k != "entries"})]
            lines += [json.dumps(entry) for entry in copy["entries"]]
            (root / "clean" / f"copy-{number}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "clean" / "broken.yaml").write_text("name: broken\nentries: [\n", encoding="utf-8")


def test_jobs_give_the_same_report(corpus: Path):
    _corpus_with_problems(corpus)
    reports = []
    for jobs in ("1", "2", "0"):
        result = run_faq("lint", "--no-cache", "--jobs", jobs, "--format", "json", cwd=corpus)
        assert result.returncode == 1 and "Traceback" not in result.output, result.output
        reports.append(result.stdout)
    assert reports[0] == reports[1] == reports[2]
    codes = {problem["code"] for problem in json.loads(reports[0])}
    assert {"FAQ001", "FAQ002", "FAQ301", "FAQ221"} <= codes


def test_jobs_with_cache_give_the_same_report(corpus: Path):
    _corpus_with_problems(corpus)
    expected = run_faq("lint", "--no-cache", "--format", "json", cwd=corpus).stdout
    assert run_faq("lint", "--jobs", "2", "--format", "json", cwd=corpus).stdout == expected
    assert run_faq("lint", "--jobs", "2", "--format", "json", cwd=corpus).stdout == expected


def _workers(result) -> int:
    line = next(l for l in result.stderr.splitlines() if l.startswith("checked "))
    return int(line.rsplit(" in ", 1)[1].split()[0])


def test_jobs_default_to_every_cpu_only_for_enough_work(corpus: Path, tmp_path: Path):
    from pipeline.jobs import AUTO_JOBS_BYTES, available_cpus

    cpus = available_cpus()
    _corpus_with_problems(corpus)  # a few small files: one process
    small = run_faq("-v", "lint", "--no-cache", "--format", "json", cwd=corpus)
    assert small.returncode == 1 and _workers(small) == 1
    large = tmp_path / "large"  # several MiB in 4 files: one process per CPU
    generated = subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--entries", "6000",
                                "--collections", "4", "--format", "jsonl", "--out", str(large)],
                               capture_output=True, text=True, timeout=300)
    assert generated.returncode == 0, generated.stderr
    assert sum(p.stat().st_size for p in (large / "clean").iterdir()) >= AUTO_JOBS_BYTES
    by_default = run_faq("-v", "lint", "--no-cache", "--format", "json", cwd=large)
    one = run_faq("-v", "lint", "--no-cache", "--format", "json", "--jobs", "1", cwd=large)
    assert _workers(by_default) == min(cpus, 4) and _workers(one) == 1
    assert by_default.stdout == one.stdout and json.loads(one.stdout)


def test_negative_jobs_is_a_usage_error(corpus: Path):
    result = run_faq("lint", "--jobs", "-1", cwd=corpus)
    assert result.returncode == 2 and "Traceback" not in result.output


def test_ingest_jobs_give_the_same_corpus(tmp_path: Path):
    roots = []
    for jobs in ("1", "2"):
        root = tmp_path / f"jobs-{jobs}"
        (root / "raw").mkdir(parents=True)
        (root / "clean").mkdir()
        (root / "faq.toml").write_text('language = "en"\n', encoding="utf-8")
        for folder in ("html", "markdown", "data"):
            for path in sorted((FIXTURES / folder).iterdir()):
                shutil.copy(path, root / "raw" / path.name)
        shutil.copy(SEED, root / "raw" / SEED.name)
        # a source that cannot be read: fields faq does not know
        (root / "raw" / "maswali.json").write_text('[{"swali": "Naweza?", "jibu": "Ndiyo."}]', encoding="utf-8")
        result = run_faq("ingest", "--jobs", jobs, cwd=root)
        assert "Traceback" not in result.output
        roots.append((root, result))
    (first, one), (second, two) = roots
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    assert "faq: error: raw/" in one.stderr  # a source that cannot be read is reported the same way
    files = sorted(p.name for p in (first / "clean").iterdir())
    assert len(files) > 10 and files == sorted(p.name for p in (second / "clean").iterdir())
    for name in files:
        assert (first / "clean" / name).read_bytes() == (second / "clean" / name).read_bytes()


class _NoCorpus(list):
    """A corpus a one-collection rule must never look at."""

    def _refuse(self, *args):
        raise AssertionError("this rule reads ctx.corpus: mark it corpus_wide")

    __iter__ = __len__ = __getitem__ = __bool__ = __contains__ = _refuse


def test_rules_run_file_by_file_never_read_the_corpus():
    from pipeline import corpus as corpus_files
    from pipeline.config import load_config
    from pipeline.rules import Context
    from pipeline.ruleset import RuleSet

    rules = RuleSet(load_config(REPO))
    collection = corpus_files.load_collection_file(REPO / "clean" / "therapist-people-also-ask.yaml", "seed")
    local = [active for active in rules.content_rules() if not active.rule.corpus_wide]
    assert len(local) > 20
    wide = {active.rule.name for active in rules.content_rules() if active.rule.corpus_wide}
    assert wide == {"duplicate-question", "near-duplicate-question", "duplicate-answer", "inconsistent-term"}
    for active in local:
        list(active.rule.check_collection(collection, Context(collection, _NoCorpus(), active.options)))


@pytest.mark.parametrize("v2, v1, expected", [
    ("200000 100000\n", None, 2),        # a container given 2 CPUs
    ("150000 100000\n", None, 1),        # 1.5 CPUs: whole CPUs only
    ("50000 100000\n", None, 1),         # half a CPU: still one process
    ("max 100000\n", None, None),        # no quota: the affinity mask decides
    (None, ("300000", "100000"), 3),     # cgroup v1
    (None, ("-1", "100000"), None),      # v1 without a quota
    ("garbage\n", None, None),
    (None, None, None),                  # no cgroup files at all
])
def test_every_cpu_means_no_more_than_the_container_quota(tmp_path: Path, monkeypatch, v2, v1, expected):
    import os

    from pipeline import jobs

    cpu_max = tmp_path / "cpu.max"
    quota, period = tmp_path / "cfs_quota_us", tmp_path / "cfs_period_us"
    if v2 is not None:
        cpu_max.write_text(v2, encoding="utf-8")
    if v1 is not None:
        quota.write_text(v1[0], encoding="utf-8")
        period.write_text(v1[1], encoding="utf-8")
    monkeypatch.setattr(jobs, "CGROUP_CPU_MAX", cpu_max)
    monkeypatch.setattr(jobs, "CGROUP_V1_QUOTA", (quota, period))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)))
    assert jobs.available_cpus() == (expected if expected is not None else 64)
    assert jobs.resolve_jobs(0) == jobs.available_cpus() and jobs.resolve_jobs(5) == 5


def _ingest_processes(result) -> int:
    line = next(l for l in result.stderr.splitlines() if l.startswith("reading "))
    return int(line.rsplit(" in ", 1)[1].split()[0])


def test_ingest_jobs_default_to_every_cpu_only_for_enough_work(tmp_path: Path):
    from pipeline.jobs import AUTO_JOBS_BYTES, available_cpus

    seed = SEED.read_text(encoding="utf-8")
    runs = {}
    for name, copies, times in (("small", 1, 1), ("large", 3, AUTO_JOBS_BYTES // len(seed.encode()) // 2 + 1)):
        for jobs in ((), ("--jobs", "1")):
            root = tmp_path / f"{name}{''.join(jobs)}"
            (root / "raw").mkdir(parents=True)
            (root / "faq.toml").write_text('language = "en"\n', encoding="utf-8")
            for number in range(copies):
                # The seed's questions and answers, many times over for the large
                # sources, each question made distinct so that none is a duplicate.
                text = "\n\n".join(seed.replace("?\n", f" ({number}-{i})?\n") for i in range(times))
                (root / "raw" / f"{name}-{number}.txt").write_text(text, encoding="utf-8")
            result = run_faq("-v", "ingest", *jobs, cwd=root)
            assert result.returncode == 0 and "Traceback" not in result.output, result.output
            runs[name, jobs] = (result, {p.name: p.read_bytes() for p in sorted((root / "clean").iterdir())})
    assert _ingest_processes(runs["small", ()][0]) == 1
    assert sum(p.stat().st_size for p in (tmp_path / "large" / "raw").iterdir()) >= AUTO_JOBS_BYTES
    assert _ingest_processes(runs["large", ()][0]) == min(available_cpus(), 3)
    assert _ingest_processes(runs["large", ("--jobs", "1")][0]) == 1
    (default, written), (one, written_by_one) = runs["large", ()], runs["large", ("--jobs", "1")]
    assert default.stdout == one.stdout and "wrote" in one.stdout
    assert written == written_by_one and len(written) >= 3
