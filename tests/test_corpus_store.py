"""The keyed corpus-wide rules' index (pipeline/corpus_store.py): after any sequence
of edits, a cached lint reports what a lint without the cache reports, whatever
state the index is in."""
from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_faq

INDEX = Path(".faq-cache") / "corpus.sqlite"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    """A small generated corpus in each format: 12 collections with every planted
    corpus-wide problem (duplicates, near duplicates, duplicate answers)."""
    made = {}
    for form in ("yaml", "jsonl"):
        root = tmp_path_factory.mktemp(f"generated-{form}")
        subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--entries", "1200",
                        "--collections", "12", "--format", form, "--seed", "11", "--out", str(root), "--quiet"],
                       check=True)
        made[form] = root
    return made


def lint_output(root: Path, *args: str) -> tuple[int, str]:
    result = run_faq("-v", "lint", "--format", "json", *args, cwd=root)
    assert "Traceback" not in result.output and result.returncode in (0, 1), result.output
    return result.returncode, result.stdout


def _entries(path: Path) -> tuple[list, object]:
    """A collection file's entries, and how to write them back."""
    import yaml

    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        lines = [line for line in text.split("\n") if line]
        head = json.loads(lines[0])
        entries = [json.loads(line) for line in lines[1:]]

        def write(entries, head=head):
            path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [head, *entries]) + "\n",
                            encoding="utf-8")
        return entries, write
    data = yaml.safe_load(text)

    def write(entries, data=data):
        data["entries"] = entries
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data["entries"], write


def _edit(root: Path, rng: random.Random) -> str:
    """One edit an editor might make to the corpus; returns what it was."""
    files = sorted(p for p in (root / "clean").iterdir() if p.suffix in (".yaml", ".jsonl"))
    path = rng.choice(files)
    entries, write = _entries(path)
    other = _entries(rng.choice(files))[0]
    kind = rng.choice(["answer", "question", "copied question", "copied answer", "copied id", "term",
                       "new entry", "removed entry", "moved entry", "removed file"])
    index = rng.randrange(len(entries))
    if kind == "answer":
        entries[index]["answer"] += " Edited, with a\nsecond line."
    elif kind == "question":
        entries[index]["question"] = f"How do I edit the corpus, take {rng.randrange(1000)}?"
    elif kind == "copied question":
        entries[index]["question"] = rng.choice(other)["question"]
    elif kind == "copied answer":
        entries[index]["answer"] = rng.choice(other)["answer"]
    elif kind == "copied id":
        entries[index]["id"] = rng.choice(other)["id"]
    elif kind == "term":
        entries[index]["answer"] += rng.choice([" Send an e-mail.", " Our email is read daily.",
                                                " Use Wi-Fi or wifi.", " Use the WiFi."])
    elif kind == "new entry":
        entries.insert(index, dict(rng.choice(other), id=f"new-{rng.randrange(10**6)}"))
    elif kind == "removed entry" and len(entries) > 1:
        del entries[index]
    elif kind == "moved entry":
        entries.append(entries.pop(index))
    elif kind == "removed file" and len(files) > 6:
        path.unlink()
        return f"{kind} {path.name}"
    write(entries)
    return f"{kind} in {path.name}"


@pytest.mark.parametrize("form", ["yaml", "jsonl"])
def test_after_any_edits_the_index_gives_what_combining_the_corpus_gives(generated, tmp_path: Path, form: str):
    root = tmp_path / "corpus"
    shutil.copytree(generated[form], root)
    rng = random.Random(form)
    assert lint_output(root) == lint_output(root, "--no-cache")
    assert (root / INDEX).is_file()
    for _ in range(7):
        what = _edit(root, rng)
        assert lint_output(root) == lint_output(root, "--no-cache"), what


def test_an_answer_edit_judges_only_the_keys_it_touched(generated, tmp_path: Path):
    root = tmp_path / "corpus"
    shutil.copytree(generated["jsonl"], root)
    first = run_faq("-v", "lint", cwd=root)
    assert "corpus index: built" in first.stderr, first.stderr
    path = sorted((root / "clean").glob("*.jsonl"))[3]
    entries, write = _entries(path)
    entries[5]["answer"] += " Edited."
    write(entries)
    second = run_faq("-v", "lint", cwd=root)
    assert second.stdout == run_faq("lint", "--no-cache", cwd=root).stdout
    # The entry's old and new answer digests, and the few terms whose counts in that
    # file changed ("edited"): no question key, no id.
    judged = [line for line in second.stderr.splitlines() if line.startswith("corpus index:")]
    assert judged and "built" not in judged[0], second.stderr
    count = int(judged[0].split("judged again ")[1].split()[0])
    assert 1 <= count <= 6, judged


def test_verbose_lint_says_when_no_corpus_wide_rule_needs_the_index(generated, tmp_path: Path):
    root = tmp_path / "corpus"
    shutil.copytree(generated["jsonl"], root)
    with open(root / "faq.toml", "a", encoding="utf-8") as config:
        config.write('\n[lint]\nignore = ["FAQ003", "FAQ3"]\n')
    result = run_faq("-v", "lint", cwd=root)
    assert "corpus index: not needed: no corpus-wide rule is active" in result.stderr, result.stderr
    assert " FAQ3" not in result.stdout and " FAQ003 " not in result.stdout


@pytest.mark.parametrize("damage", [b"not a database at all" * 100, b""])
def test_a_damaged_index_is_set_aside_and_built_again(generated, tmp_path: Path, damage: bytes):
    root = tmp_path / "corpus"
    shutil.copytree(generated["yaml"], root)
    expected = lint_output(root, "--no-cache")
    assert lint_output(root) == expected
    for suffix in ("-wal", "-shm"):
        Path(f"{root / INDEX}{suffix}").unlink(missing_ok=True)
    (root / INDEX).write_bytes(damage)
    assert lint_output(root) == expected  # combined in memory; the damaged file deleted
    assert lint_output(root) == expected  # and built again
    with sqlite3.connect(root / INDEX) as db:
        assert db.execute("SELECT count(*) FROM meta").fetchone()[0] >= 3


def test_rows_the_tool_would_not_have_written_are_not_trusted(generated, tmp_path: Path):
    root = tmp_path / "corpus"
    shutil.copytree(generated["jsonl"], root)
    expected = lint_output(root, "--no-cache")
    lint_output(root)
    with sqlite3.connect(root / INDEX) as db:
        db.execute("UPDATE occ_FAQ301 SET info = 'not json' WHERE rowid IN (SELECT rowid FROM occ_FAQ301 LIMIT 50)")
    path = sorted((root / "clean").glob("*.jsonl"))[0]
    entries, write = _entries(path)
    entries[0]["question"] = entries[1]["question"]  # FAQ301 must judge keys again
    write(entries)
    expected = lint_output(root, "--no-cache")
    assert lint_output(root) == expected
    assert lint_output(root) == expected


def test_two_runs_at_once_share_the_index(generated, tmp_path: Path):
    root = tmp_path / "corpus"
    shutil.copytree(generated["yaml"], root)
    expected = lint_output(root, "--no-cache")
    command = [sys.executable, "-m", "pipeline", "lint", "--format", "json"]
    runs = [subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert (run.returncode, out) == expected, err


def test_a_cached_part_whose_body_is_gone_is_read_from_its_file(generated, tmp_path: Path):
    root = tmp_path / "corpus"
    shutil.copytree(generated["yaml"], root)
    lint_output(root)
    for body in (root / ".faq-cache").rglob("*.body"):
        body.write_text("{}" if body.stat().st_size % 2 else "damaged", encoding="utf-8")
    (root / INDEX).unlink()  # the index rebuilt from every part: every body is read
    for suffix in ("-wal", "-shm"):
        Path(f"{root / INDEX}{suffix}").unlink(missing_ok=True)
    assert lint_output(root) == lint_output(root, "--no-cache")


@pytest.mark.parametrize("form", ["yaml", "jsonl"])
def test_the_second_stage_leaves_no_garbage_for_the_cyclic_collector(generated, tmp_path: Path, form: str,
                                                                   monkeypatch):
    # The collector is paused while the second stage makes its problems: whatever the
    # stage makes and drops must be freed by reference counting alone, or a million
    # entries would hold gigabytes of dead objects until the end of the run.
    import contextlib
    import gc
    from pipeline import lint as linting
    from pipeline.config import load_config

    left: list[int] = []

    @contextlib.contextmanager
    def watched(keep=False):
        gc.collect()
        gc.disable()
        try:
            yield
        finally:
            left.append(gc.collect())
            gc.enable()

    monkeypatch.setattr(linting, "_collector_paused", watched)
    root = tmp_path / "corpus"
    shutil.copytree(generated[form], root)
    config = load_config(root)
    linting.lint(config)  # no cache: combined in memory
    linting.lint(config, cache_dir=root / ".faq-cache")  # the index built
    path = sorted((root / "clean").iterdir())[2]
    entries, write = _entries(path)
    entries[0]["answer"] += " Send an e-mail."
    entries[1]["question"] = entries[0]["question"]
    write(entries)
    linting.lint(config, cache_dir=root / ".faq-cache")  # the index updated, texts read again
    assert left == [0, 0, 0]


@pytest.mark.parametrize("form", ["yaml", "jsonl"])
def test_a_lint_of_some_files_compares_them_through_the_index(generated, tmp_path: Path, form: str):
    root = tmp_path / "corpus"
    shutil.copytree(generated[form], root)
    files = sorted(p for p in (root / "clean").iterdir() if p.suffix == f".{form}")
    asked = [f"clean/{files[3].name}", f"clean/{files[7].name}"]
    whole = json.loads(lint_output(root)[1])  # fills the cache and builds the index
    entries, write = _entries(files[3])
    entries[2]["question"] = _entries(files[1])[0][0]["question"]  # a duplicate of another file's
    write(entries)
    result = run_faq("-v", "lint", "--format", "json", *asked, cwd=root)
    assert (result.returncode, result.stdout) == lint_output(root, "--no-cache", *asked)
    # Every file was checked, all but the edited one from the cache, and compared
    # through the index; only the files asked for are reported.
    assert f"checked {len(files)} file(s): {len(files) - 1} from the cache" in result.stderr, result.stderr
    assert "judged again" in result.stderr  # near duplicates, which a question edit changes, rebuilt
    reported = json.loads(result.stdout)
    assert {p["path"] for p in reported} == set(asked)
    assert [p for p in reported if p["path"] == asked[1]] == [p for p in whole if p["path"] == asked[1]]


@pytest.mark.parametrize("code", ["FAQ301", "FAQ302", "FAQ304", "FAQ305", "FAQ306"])
def test_a_corpus_wide_rule_and_what_it_kept_are_freed_without_the_cyclic_collector(generated, code):
    # What a rule builds for a run is frozen out of the collector's sight
    # (collector.paused(keep=True)); a cycle there would never be freed.
    import gc
    import weakref

    from pipeline import corpus as corpus_files
    from pipeline.rules import Context, find_rule

    rule_class = find_rule(code)
    collections = [corpus_files.parse_collection(path.read_bytes(), path, path.name)
                   for path in sorted((generated["jsonl"] / "clean").iterdir())]
    rule = rule_class()
    found = 0
    for item in collections:
        others = [c for c in collections if c is not item]
        found += sum(1 for _ in rule.check_collection(item, Context(item, others, dict(rule_class.options))))
    assert found > 0 or code == "FAQ306"  # the generator plants no term variants
    gone = weakref.ref(rule)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del rule
        assert gone() is None  # by reference counting alone
    finally:
        if enabled:
            gc.enable()


def _near_edit(root: Path, rng: random.Random, earlier: list[tuple[str, str]]) -> str:
    """An edit to one file's questions, of the kinds that change near duplicates;
    mostly to a question that near-duplicate findings name as the earlier one
    (``earlier``: collection and id), whose edits reach into other groups."""
    files = sorted(p for p in (root / "clean").iterdir() if p.suffix == ".jsonl")
    path = rng.choice(files)
    entries, write = _entries(path)
    index = rng.randrange(len(entries))
    if earlier and rng.random() < 0.7:
        name, entry_id = rng.choice(earlier)
        path = root / "clean" / f"{name}.jsonl"
        entries, write = _entries(path)
        index = next((i for i, e in enumerate(entries) if e["id"] == entry_id), index % len(entries))
    other = rng.choice(_entries(rng.choice(files))[0])
    kind = rng.choice(["near copy", "exact copy", "unique", "id", "swap", "removed", "inserted", "reworded"])
    if kind == "near copy":  # one more word: similar to the other question, not equal
        entries[index]["question"] = other["question"].rstrip("?") + " today?"
    elif kind == "exact copy":  # an exact duplicate: one of the two leaves the near-duplicate groups
        entries[index]["question"] = other["question"]
    elif kind == "unique":
        entries[index]["question"] = f"Why would zebras {rng.randrange(10**6)} audit a lighthouse?"
    elif kind == "id":  # messages name the earlier question by its id
        entries[index]["id"] = f"renamed-{rng.randrange(10**6)}"
    elif kind == "swap":
        other_index = rng.randrange(len(entries))
        entries[index], entries[other_index] = entries[other_index], entries[index]
    elif kind == "removed" and len(entries) > 1:
        del entries[index]
    elif kind == "inserted":
        entries.insert(index, dict(other, id=f"inserted-{rng.randrange(10**6)}",
                                   question=other["question"].rstrip("?") + " at night?"))
    else:  # reworded: the same words in another order keep the tokens, not the key
        words = entries[index]["question"].rstrip("?").split()
        entries[index]["question"] = " ".join(reversed(words)) + "?"
    write(entries)
    return f"{kind} in {path.name}"


def _earlier_questions(report: str) -> list[tuple[str, str]]:
    """The questions near-duplicate findings name as the earlier one: (collection, id)."""
    import re

    named = []
    for problem in json.loads(report):
        if problem["code"] == "FAQ304":
            found = re.match(r"asks what the earlier question '([^']*)'(?: in collection '([^']*)')?",
                             problem["message"])
            if found and not found.group(1).startswith("#"):
                named.append((found.group(2) or Path(problem["path"]).stem, found.group(1)))
    return named


def test_question_edits_update_near_duplicates_without_joining_the_whole_corpus(generated, tmp_path: Path):
    root = tmp_path / "corpus"
    shutil.copytree(generated["jsonl"], root)
    assert lint_output(root) == lint_output(root, "--no-cache")
    rng = random.Random(304)
    updated = 0
    earlier = _earlier_questions(lint_output(root)[1])
    assert earlier
    for _ in range(16):
        what = _near_edit(root, rng, earlier)
        result = run_faq("-v", "lint", "--format", "json", cwd=root)
        assert (result.returncode, result.stdout) == lint_output(root, "--no-cache"), what
        summary = next(line for line in result.stderr.splitlines() if line.startswith("corpus index:"))
        updated += "FAQ304" not in summary
        earlier = _earlier_questions(result.stdout)
    # Each edit touches one file of twelve: near duplicates follow it question by
    # question (a run with more new token sets than near_duplicate_index allows
    # joins the whole corpus again, and so may a first run after the build).
    assert updated >= 14, updated


def test_a_question_that_becomes_an_exact_duplicate_leaves_its_near_duplicates(generated, tmp_path: Path):
    # "Don't ..." and "Dont ..." are one question to duplicate-question (the same
    # key) and two token sets to near duplicates ("not" is a marker, "dont" a
    # word). When an earlier file asks "Don't ...", the later "Dont ..." leaves the
    # near-duplicate groups, and the question similar to it loses its finding;
    # when the earlier one goes, it comes back.
    root = tmp_path / "corpus"
    shutil.copytree(generated["jsonl"], root)
    files = sorted((root / "clean").glob("*.jsonl"))
    asked = {files[5]: "Dont the staff reset locked profiles at night?",
             files[7]: "Dont the staff reset locked profiles at night today?"}
    for path, question in asked.items():
        entries, write = _entries(path)
        entries[0]["question"] = question
        write(entries)
    first = lint_output(root)
    assert first == lint_output(root, "--no-cache")
    assert "asks what the earlier question" in first[1] and "'Dont the staff reset" in first[1]
    entries, write = _entries(files[0])
    original = entries[0]["question"]
    for question in ("Don't the staff reset locked profiles at night?", original):
        entries[0]["question"] = question
        write(entries)
        result = run_faq("-v", "lint", "--format", "json", cwd=root)
        assert (result.returncode, result.stdout) == lint_output(root, "--no-cache"), question
        assert "rebuilt for FAQ304" not in result.stderr, result.stderr
        assert ("'Dont the staff reset" in result.stdout) == (question == original)


def test_a_new_file_of_near_duplicates_is_searched_in_one_pass(generated, tmp_path: Path):
    # Thirty questions whose token sets the corpus has never seen, each one word
    # longer than a question of another file: near_duplicate_index searches them in
    # one pass over every known set (more than FEW_SCANS), not with a scan each.
    root = tmp_path / "corpus"
    shutil.copytree(generated["jsonl"], root)
    first = lint_output(root)
    assert first == lint_output(root, "--no-cache")
    source = sorted((root / "clean").glob("*.jsonl"))[4]
    lines = source.read_text(encoding="utf-8").split("\n")
    head = json.loads(lines[0])
    head["name"] = "zz-added"
    entries = [json.loads(line) for line in lines[1:31]]
    for number, entry in enumerate(entries):
        entry["id"] = f"added-{number}"
        entry["question"] = entry["question"].rstrip("?") + " overnight?"
    (root / "clean" / "zz-added.jsonl").write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in [head, *entries]) + "\n", encoding="utf-8")
    result = run_faq("-v", "lint", "--format", "json", cwd=root)
    assert (result.returncode, result.stdout) == lint_output(root, "--no-cache")
    assert "rebuilt for FAQ304" not in result.stderr, result.stderr
    added = [p for p in json.loads(result.stdout) if p["code"] == "FAQ304" and p["path"].endswith("zz-added.jsonl")]
    assert len(added) >= 10, len(added)  # most are near duplicates of the file they were copied from
