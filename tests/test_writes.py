"""Atomic, durable writes and the corpus lock, proven with real processes: a run
killed with SIGKILL in the middle of writing leaves the old file whole, and two
runs never write one corpus at once."""
from __future__ import annotations

import ast
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, SEED, run_faq
from pipeline.files import PAUSE_BEFORE_RENAME, read_file, write_atomic
from pipeline.errors import InputError
from pipeline.lock import LOCK_NAME, CorpusLocked, corpus_lock

COLLECTION = "clean/big-scrape.yaml"


def _environment(**extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "CI")}
    environment.update(extra)
    return environment


def _start_faq(*args: str, cwd: Path, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=cwd, env=_environment(**extra),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, what: str, timeout: float = 60) -> None:
    """Poll until ``condition()`` holds; the timeout only bounds a broken run."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def _big_scrape(entries: int, marker: str = "") -> str:
    return "".join(f"How does step {n} of the process work{marker}?\n\n"
                   f"Step {n} takes the output of step {n - 1}, checks it and passes it on to the "
                   f"next step of the process.\n\n" for n in range(1, entries + 1))


def _temporaries(directory: Path) -> list[Path]:
    return [p for p in directory.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


# -- atomic writes -------------------------------------------------------------------

def test_a_run_killed_mid_write_leaves_the_old_file_whole(corpus):
    raw = corpus / "raw" / "big-scrape.txt"
    raw.write_text(_big_scrape(2000), encoding="utf-8")
    first = run_faq("ingest", "-q", cwd=corpus)
    assert first.returncode == 0, first.output
    old = (corpus / COLLECTION).read_bytes()

    raw.write_text(_big_scrape(2500, " now"), encoding="utf-8")  # every entry changes
    run = _start_faq("ingest", cwd=corpus, **{PAUSE_BEFORE_RENAME: "60"})
    try:
        # The new collection is fully written to its temporary file, not yet renamed.
        _wait_for(lambda: any(p.stat().st_size > len(old) for p in _temporaries(corpus / "clean")),
                  "the temporary file")
        assert (corpus / COLLECTION).read_bytes() == old
        os.kill(run.pid, signal.SIGKILL)
    finally:
        run.kill()
        run.communicate()
    assert run.returncode == -signal.SIGKILL
    assert (corpus / COLLECTION).read_bytes() == old  # the old file, whole

    # What was left is hidden from every corpus scan, and the lock the killed run
    # held is stale: the next run says so, takes it over and finishes the job.
    leftovers = _temporaries(corpus / "clean")
    assert leftovers and (corpus / LOCK_NAME).exists()
    lint = run_faq("lint", "--exit-zero", cwd=corpus)
    assert all(p.name not in lint.output for p in leftovers)
    assert "FAQ001" not in lint.output
    check = run_faq("ingest", "--check", cwd=corpus)
    assert check.returncode == 1 and "out of date: clean/big-scrape.yaml" in check.stdout
    again = run_faq("ingest", cwd=corpus)
    assert again.returncode == 0, again.output
    assert f"took over a stale lock ({LOCK_NAME})" in again.stderr
    assert "How does step 2500 of the process work now?" in (corpus / COLLECTION).read_text()
    assert not (corpus / LOCK_NAME).exists()


def test_write_atomic_keeps_permissions_and_skips_identical_bytes(tmp_path):
    target = tmp_path / "file.yaml"
    assert write_atomic(target, "one\n") is True
    target.chmod(0o640)
    before = target.stat().st_ino
    assert write_atomic(target, "one\n") is False  # same bytes: not touched
    assert target.stat().st_ino == before
    assert write_atomic(target, "two\n") is True
    assert target.stat().st_ino != before  # a new file renamed over the old one
    assert target.stat().st_mode & 0o777 == 0o640
    assert not _temporaries(tmp_path)


def test_write_atomic_names_a_target_it_cannot_write(tmp_path):
    (tmp_path / "taken.yaml").mkdir()
    with pytest.raises(InputError, match="taken.yaml"):
        write_atomic(tmp_path / "taken.yaml", "x")
    assert not _temporaries(tmp_path)


def test_read_file_refuses_fifos_directories_and_oversized_files_unread(tmp_path):
    os.mkfifo(tmp_path / "fifo")  # reading it would block forever
    (tmp_path / "dir").mkdir()
    (tmp_path / "big").write_bytes(b"x" * 101)
    for name, message in (("fifo", "not a regular file"), ("dir", "is a directory"),
                          ("big", "too large"), ("missing", "cannot read file")):
        with pytest.raises(InputError, match=message):
            read_file(tmp_path / name, name, 100)
    assert read_file(tmp_path / "big", "big", 101) == b"x" * 101


def test_every_write_in_the_package_goes_through_write_atomic():
    """No module but pipeline/files.py (and the lock) writes a file itself."""
    offenders = []
    for path in sorted((REPO / "pipeline").rglob("*.py")):
        if path.name in ("files.py", "lock.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            mode = next((a.value for a in node.args[1:2] if isinstance(a, ast.Constant)), None)
            mode = next((k.value.value for k in node.keywords if k.arg == "mode"
                         and isinstance(k.value, ast.Constant)), mode)
            if name in ("write_text", "write_bytes", "copyfile", "copy", "copy2", "move") \
                    or (name == "open" and isinstance(mode, str) and any(c in mode for c in "wax+")):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}: {name}")
    assert offenders == []


# -- the corpus lock ------------------------------------------------------------------

HOLD = """
import sys, time
from pipeline.lock import corpus_lock
with corpus_lock(sys.argv[1], "faq ingest"):
    print("locked", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def holder(corpus):
    """A second real process holding the corpus lock, as a long `faq` run would."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(corpus)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "locked"
    yield process
    process.kill()
    process.wait()


@pytest.mark.parametrize("args", [("ingest",), ("lint", "--fix"), ("export",), ("restore", "some-id"),
                                  ("init", "."), ("lint", "--baseline", "base.json", "--update-baseline")])
def test_a_second_writer_is_refused_with_who_holds_the_lock(corpus, holder, args):
    shutil.copy(SEED, corpus / "raw" / SEED.name)
    result = run_faq(*args, cwd=corpus)
    assert result.returncode == 2, result.output
    assert (f"faq: error: {LOCK_NAME}: another faq run (pid {holder.pid}, `faq ingest`, started "
            in result.stderr), result.stderr
    assert f"remove {LOCK_NAME} if that process is gone" in result.stderr
    assert not list((corpus / "clean").iterdir())  # nothing was written
    assert not (corpus / "base.json").exists()
    assert "Traceback" not in result.output


def test_readers_do_not_wait_for_the_lock(corpus, holder):
    shutil.copy(SEED, corpus / "raw" / SEED.name)
    for args in (("lint",), ("ingest", "--check"), ("lint", "--diff"), ("export", "--check"),
                 ("restore", "--list")):
        result = run_faq(*args, cwd=corpus)
        assert "another faq run" not in result.output, (args, result.output)


def test_a_lock_left_by_a_killed_run_is_taken_over(corpus, holder):
    shutil.copy(SEED, corpus / "raw" / SEED.name)
    holder.kill()
    holder.wait()
    assert (corpus / LOCK_NAME).exists()  # left behind: kill -9 runs no clean-up
    result = run_faq("ingest", cwd=corpus)
    assert result.returncode == 0, result.output
    assert f"faq: notice: took over a stale lock ({LOCK_NAME}): the run that held it (pid {holder.pid}" \
        in result.stderr
    assert (corpus / "clean" / "therapist-people-also-ask.yaml").is_file()
    assert not (corpus / LOCK_NAME).exists()


def test_a_lock_naming_a_dead_pid_is_stale_and_one_from_another_host_is_respected(corpus):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (corpus / LOCK_NAME).write_text(f'{{"pid": {dead.pid}, "host": "{os.uname().nodename}", '
                                    '"command": "faq export", "started": "2026-01-01 00:00:00 UTC"}\n')
    notices = []
    with corpus_lock(corpus, "test", notice=notices.append):
        assert (corpus / LOCK_NAME).read_text().startswith(f'{{"pid": {os.getpid()}')
    assert notices and f"pid {dead.pid}" in notices[0]

    (corpus / LOCK_NAME).write_text('{"pid": 1, "host": "elsewhere.example", "command": "faq ingest", '
                                    '"started": "2026-01-01 00:00:00 UTC"}\n')
    with pytest.raises(CorpusLocked, match="pid 1, on elsewhere.example"):
        with corpus_lock(corpus, "test"):
            pass


def test_two_real_runs_at_once_never_both_write(corpus):
    """Two `faq ingest` processes started together: one writes; the other is refused
    or, if it started after the first had finished, finds nothing to change."""
    (corpus / "raw" / "big-scrape.txt").write_text(_big_scrape(1500), encoding="utf-8")
    runs = [_start_faq("ingest", cwd=corpus, **{PAUSE_BEFORE_RENAME: "1"}) for _ in range(2)]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    codes = sorted(code for code, _, _ in results)
    wrote = [out for code, out, _ in results if "(wrote)" in out]
    assert len(wrote) == 1, results
    refused = [err for code, _, err in results if code == 2]
    assert codes in ([0, 0], [0, 2]), results
    assert all("another faq run" in err for err in refused)


def test_every_test_the_readme_guarantees_cite_exists():
    """The README's Guarantees section names the tests that prove each promise;
    a renamed or deleted test must not leave a promise without its proof."""
    import re

    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Guarantees", 1)[1].split("\n## ", 1)[0]
    cited, current = [], None
    for match in re.finditer(r"`(?:(test_\w+\.py))?::(test_\w+)`|`(test_\w+\.py)::(test_\w+)`", section):
        module = match.group(1) or match.group(3)
        current = module or current
        cited.append((current, match.group(2) or match.group(4)))
    assert len(cited) > 30
    for module, name in cited:
        source = (REPO / "tests" / module).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\(", source, re.MULTILINE), f"{module}::{name}"
