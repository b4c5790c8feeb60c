"""Every command over hostile inputs (tests/hostile): a clear message naming the
file (and its line where it has one) and exit 2, or a reported item; never a
traceback or an "internal error"; within a time limit and 2 GB of memory.

Each run is the real `faq` in a subprocess with its address space capped, so a
reader that loads a 200 MB file, or YAML aliases that expand without bound, fail
these tests by running out of memory rather than passing by luck.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import hostile
from conftest import SEED, Result

MEMORY_LIMIT = 2 * 1024 ** 3
TIME_LIMIT = 60


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_bounded(*args, cwd: Path, timeout: float = TIME_LIMIT) -> Result:
    """`faq ARGS` in a subprocess with at most 2 GB of memory and ``timeout`` seconds."""
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "CI")}
    completed = subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd,
                               env=environment, capture_output=True, text=True, timeout=timeout,
                               preexec_fn=_limit_memory, stdin=subprocess.DEVNULL)
    return Result(completed.returncode, completed.stdout, completed.stderr)


def assert_no_crash(result: Result) -> None:
    assert "Traceback" not in result.output, result.output
    assert "internal error" not in result.output, result.output
    assert result.returncode in (0, 1, 2), result.output


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("faq: error: ")]


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile") / "sources"


@pytest.fixture(scope="module")
def source_files(sources) -> dict[str, Path]:
    return {path.name: path for path in hostile.write_sources(sources)}


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("hostile") / "clean-files"
    return {path.name: path for path in hostile.write_corpus_files(directory)}


def _source_names() -> list[str]:
    names = [f"{stem}-{suffix[1:]}{suffix}" for stem, suffixes in hostile.SOURCE_SUFFIXES.items()
             for suffix in suffixes]
    return names + ["big-200mb.txt", "big-200mb.html", "loop-a.txt", "dangling.txt",
                    "a-directory.txt", "fifo.txt"]


def _corpus_names() -> list[str]:
    return [f"{stem}.yaml" for stem in hostile.CORPUS_STEMS] + [
        "long-answer.yaml", "big-200mb.yaml", "loop-a.yaml", "dangling.yaml", "a-directory.yaml",
        "fifo.yaml"]


# -- faq ingest SOURCE..., every hostile source named on one command line ----------

def test_ingest_of_hostile_sources_refuses_or_reads_each(corpus, source_files):
    """One run over every source (each is reported on its own, and one bad
    source never stops the others): each is either refused with an error line
    naming it, or read into a collection that lint then finds valid."""
    names = _source_names()
    result = run_bounded("ingest", *(source_files[name] for name in names), cwd=corpus, timeout=180)
    assert_no_crash(result)
    assert result.returncode == 2
    errors = error_lines(result)
    read = [line for line in result.stdout.splitlines() if " -> clean/" in line]
    for name in names:
        refused = [line for line in errors if name in line]
        accepted = [line for line in read if name in line.split(" -> ")[0]]
        assert len(refused) + len(accepted) == 1, (name, result.output)
        if refused:  # nothing is copied into raw/ for it
            assert not os.path.lexists(corpus / "raw" / name), name
    assert len(errors) >= len(names) - 8, result.output  # most are refused; the rest are read
    lint = run_bounded("lint", "--exit-zero", cwd=corpus)
    assert_no_crash(lint)
    assert "FAQ001" not in lint.output and "FAQ002" not in lint.output, lint.output


def test_a_refused_source_names_its_line_where_it_has_one(corpus, source_files):
    for name, line in (("invalid-utf8-txt.txt", 3), ("duplicate-keys-yaml.yaml", 2),
                       ("json-nan-json.json", 1), ("python-tag-yaml.yaml", 1)):
        result = run_bounded("ingest", source_files[name], cwd=corpus)
        assert result.returncode == 2
        assert f"{name}:{line}: " in result.stderr, result.stderr


def test_python_tags_are_never_constructed(corpus, source_files, corpus_files, tmp_path):
    """The tag would run a shell command that creates a file; it must be refused, not run."""
    clean = corpus / "clean"
    shutil.copy(corpus_files["python-tag.yaml"], clean / "python-tag.yaml")
    for args in (("ingest", source_files["python-tag-yaml.yaml"]), ("lint",), ("export",)):
        result = run_bounded(*args, cwd=corpus)
        assert_no_crash(result)
        assert "is not allowed" in result.output
    assert not list(corpus.rglob("hostile-ran"))


def test_a_file_far_larger_than_memory_is_refused_unread(corpus, tmp_path):
    """4 GiB (sparse) under a 2 GB memory limit: reading it would fail with
    MemoryError, so a clean refusal proves the size is checked first."""
    for name in ("huge.txt", "huge.html", "huge.json"):
        hostile.big_file(tmp_path / name, 4 * 1024 ** 3)
        result = run_bounded("ingest", tmp_path / name, cwd=corpus)
        assert result.returncode == 2, result.output
        assert f"{name}: file is too large" in result.stderr
    hostile.big_file(corpus / "clean" / "huge.yaml", 4 * 1024 ** 3)
    result = run_bounded("lint", "clean/huge.yaml", cwd=corpus)
    assert_no_crash(result)
    assert "clean/huge.yaml" in result.output and "too large" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; the directory, FIFO and "
                    "symlink-loop cases cover unreadable files when running as root")
def test_an_unreadable_source_is_named(corpus, tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("Is this a question?\n\nYes.\n")
    path.chmod(0)
    result = run_bounded("ingest", path, cwd=corpus)
    assert result.returncode == 2
    assert "locked.txt: cannot read file" in result.stderr


# -- the whole directory at once -------------------------------------------------

@pytest.fixture
def hostile_raw(corpus, sources, source_files) -> Path:
    """A corpus whose raw/ holds every hostile source and one good one."""
    raw = corpus / "raw"
    for name in _source_names():
        source = source_files[name]
        if source.is_symlink():
            os.symlink(os.readlink(source), raw / name)
        elif source.is_dir():
            (raw / name).mkdir()
        elif name.startswith("fifo"):
            os.mkfifo(raw / name)
        elif name.startswith("big-"):
            hostile.big_file(raw / name)
        else:
            shutil.copy(source, raw / name)
    os.symlink("loop-a.txt", raw / "loop-b.txt")
    shutil.copy(SEED, raw / SEED.name)
    return corpus


def test_ingest_of_a_directory_of_hostile_sources(hostile_raw):
    result = run_bounded("ingest", cwd=hostile_raw)
    assert_no_crash(result)
    assert result.returncode == 2
    errors = "\n".join(error_lines(result))
    for name in ("big-200mb.txt", "fifo.txt", "loop-a.txt", "dangling.txt", "binary-txt.txt",
                 "utf16-no-bom-txt.txt", "billion-laughs-yaml.yaml", "json-nan-json.json"):
        assert name in errors, errors
    # The good source is still ingested, and the run says how many failed.
    assert (hostile_raw / "clean" / "therapist-people-also-ask.yaml").is_file()
    assert "source(s) could not be ingested" in result.stdout
    check = run_bounded("ingest", "--check", cwd=hostile_raw)
    assert_no_crash(check)
    assert check.returncode == 2
    assert "fifo.txt" in check.stderr and "big-200mb.txt" in check.stderr


# -- corpus files: lint, lint --fix, export, restore --------------------------------

def test_lint_of_hostile_corpus_files_reports_each(corpus, corpus_files):
    """Each hostile file named to `faq lint`: reported at its path (and line where
    the problem has one) as FAQ001, or refused; the valid long one is linted."""
    clean = corpus / "clean"
    names = [name for name in _corpus_names() if name != "a-directory.yaml"]
    for name in names:
        source = corpus_files[name]
        if source.is_symlink():
            os.symlink(os.readlink(source), clean / name)
        elif name.startswith("fifo"):
            os.mkfifo(clean / name)
        else:
            shutil.copy(source, clean / name)
    special = {"loop-a.yaml", "dangling.yaml", "fifo.yaml"}
    regular = [name for name in names if name not in special]
    together = run_bounded("lint", *(f"clean/{name}" for name in regular), cwd=corpus)
    assert_no_crash(together)
    assert together.returncode == 1
    for name in regular:
        if name == "long-answer.yaml":  # valid, only long: linted, and its problems are real ones
            assert not any(line.startswith("clean/long-answer.yaml") and ("FAQ001" in line or "FAQ002" in line)
                           for line in together.stdout.splitlines())
            continue
        assert f"clean/{name}:" in together.stdout, (name, together.stdout)
    assert "clean/duplicate-keys.yaml:2:1: error FAQ001" in together.stdout
    assert "clean/invalid-utf8.yaml:3:1: error FAQ001" in together.stdout
    assert "clean/big-200mb.yaml:1:1: error FAQ001 file is too large" in together.stdout
    for name in sorted(special):  # named but not a readable file: refused, by name
        result = run_bounded("lint", f"clean/{name}", cwd=corpus)
        assert_no_crash(result)
        assert result.returncode in (1, 2) and f"clean/{name}" in result.output, result.output


def test_every_writing_command_over_a_corpus_of_hostile_files(corpus, corpus_files):
    clean = corpus / "clean"
    # Without the valid 100,000-line answer (linted above): it is slow, not hostile.
    for name in [name for name in _corpus_names() if name != "long-answer.yaml"]:
        source = corpus_files[name]
        if source.is_symlink():
            os.symlink(os.readlink(source), clean / name)
        elif source.is_dir():
            (clean / name).mkdir()
        elif name.startswith("fifo"):
            os.mkfifo(clean / name)
        elif name.startswith("big-"):
            hostile.big_file(clean / name)
        else:
            shutil.copy(source, clean / name)
    # A hostile record of removals too.
    shutil.copy(corpus_files["billion-laughs.yaml"], clean / "laughs.removed.yaml")
    shutil.copy(SEED, corpus / "raw" / SEED.name)

    lint = run_bounded("lint", cwd=corpus)
    assert_no_crash(lint)
    assert lint.returncode == 1
    for name in ("invalid-utf8.yaml", "billion-laughs.yaml", "duplicate-keys.yaml", "big-200mb.yaml",
                 "deep-yaml.yaml", "python-tag.yaml", "huge-int-yaml.yaml", "laughs.removed.yaml"):
        assert f"clean/{name}:" in lint.stdout, lint.stdout
    assert "clean/duplicate-keys.yaml:2:" in lint.stdout

    before = {p.name: p.read_bytes() for p in clean.iterdir() if p.is_file() and not p.is_symlink()
              and not p.name.startswith("fifo")}
    for args in (("lint", "--fix"), ("lint", "--diff"), ("ingest",), ("ingest", "--check"),
                 ("export",), ("restore", "--list")):
        result = run_bounded(*args, cwd=corpus)
        assert_no_crash(result)
        assert "fifo" not in result.output or "not a regular file" in result.output
    # Files that cannot be read are never rewritten, whatever ran.
    after = {p.name: p.read_bytes() for p in clean.iterdir() if p.name in before}
    assert after == before
    export = run_bounded("export", cwd=corpus)
    assert export.returncode == 2 and "clean/" in export.stderr


def test_init_over_things_that_are_not_directories(tmp_path, corpus):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "file").write_text("x")
    os.symlink("loop", tmp_path / "loop")
    for name in ("fifo", "file", "loop"):
        result = run_bounded("init", tmp_path / name, cwd=tmp_path)
        assert_no_crash(result)
        assert result.returncode == 2, result.output
        assert name in result.output
