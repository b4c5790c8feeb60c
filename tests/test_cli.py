"""The CLI as a user runs it: help, version, corpus root discovery, config errors,
exit codes, the build command."""
from __future__ import annotations

import json
import shutil

from conftest import SEED


def test_help_has_examples_and_exit_codes(faq):
    for args in ([], ["ingest"], ["lint"], ["export"], ["build"], ["rules"], ["init"]):
        result = faq(*args, "--help")
        assert result.returncode == 0
        assert "Example" in result.stdout
        assert "Exit codes" in result.stdout


def test_version(faq):
    from pipeline import __version__

    result = faq("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"faq {__version__}"


def test_unknown_option_is_exit_2(faq):
    result = faq("lint", "--no-such-option")
    assert result.returncode == 2
    assert "No such option" in result.stderr


def test_root_is_found_upward_from_a_subdirectory(corpus, faq):
    shutil.copy(SEED, corpus / "raw" / "seed.txt")
    deep = corpus / "raw" / "notes"
    deep.mkdir()
    (deep / ".keep").write_text("", encoding="utf-8")
    result = faq("ingest", "raw/seed.txt", cwd=corpus)
    assert result.returncode == 0, result.output
    result = faq("lint", "--format", "json", cwd=deep)
    assert result.returncode == 0, result.output
    assert all(p["path"].startswith("clean/") for p in json.loads(result.stdout))


def test_pyproject_tool_table_marks_the_root(tmp_path, faq):
    root = tmp_path / "site"
    (root / "raw").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "site"\n\n[tool.faq]\nclean = "content"\n',
                                         encoding="utf-8")
    shutil.copy(SEED, root / "raw" / "seed.txt")
    result = faq("ingest", cwd=root / "docs")
    assert result.returncode == 0, result.output
    assert (root / "content" / "seed.yaml").exists()
    assert (root / "content" / "seed.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/collection.schema.json")


def test_root_option_overrides(corpus, faq, tmp_path):
    shutil.copy(SEED, corpus / "raw" / "seed.txt")
    result = faq("--root", corpus, "ingest", cwd=tmp_path)
    assert result.returncode == 0, result.output
    assert (corpus / "clean" / "seed.yaml").exists()


def test_bad_config_is_exit_2_with_a_suggestion(corpus, faq):
    (corpus / "faq.toml").write_text('langauge = "en"\n', encoding="utf-8")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 2
    assert "faq.toml: unknown key 'langauge'" in result.stderr and "did you mean 'language'?" in result.stderr
    (corpus / "faq.toml").write_text('[lint]\nignore = ["trunkated-answer"]\n', encoding="utf-8")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 2
    assert "unknown rule 'trunkated-answer'" in result.stderr and "truncated-answer" in result.stderr
    (corpus / "faq.toml").write_text('language = \n', encoding="utf-8")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 2 and "invalid TOML" in result.stderr


def test_rule_options_and_severity_from_config(corpus, faq):
    (corpus / "clean" / "m.yaml").write_text(
        "name: m\ntitle: M\nlanguage: en\nentries:\n  - id: is-it-open\n    question: Is it open?\n"
        "    answer: Yes it is.\n", encoding="utf-8")
    assert faq("lint", cwd=corpus).returncode == 0
    (corpus / "faq.toml").write_text('[rules.short-answer]\nmin_words = 5\nseverity = "error"\n',
                                     encoding="utf-8")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    assert "error FAQ202 answer has 3 words (at least 5 expected)" in result.stdout
    (corpus / "faq.toml").write_text('[rules.short-answer]\nmin_word = 5\n', encoding="utf-8")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 2 and "did you mean 'min_words'?" in result.stderr


def test_build_runs_ingest_lint_export(corpus, faq):
    shutil.copy(SEED, corpus / "raw" / "seed.txt")
    result = faq("build", cwd=corpus)
    assert result.returncode == 0, result.output
    assert "== faq ingest" in result.stdout and "== faq export" in result.stdout
    assert (corpus / "dist" / "faq.json").exists()
    assert (corpus / "dist" / "faq.md").exists() and (corpus / "dist" / "seed.html").exists()


def test_build_stops_before_export_when_lint_fails(corpus, faq):
    shutil.copy(SEED, corpus / "raw" / "seed.txt")
    (corpus / "faq.toml").write_text('[rules.truncated-answer]\nseverity = "error"\n', encoding="utf-8")
    result = faq("build", cwd=corpus)
    assert result.returncode == 1
    assert not (corpus / "dist").exists()


def test_no_raw_directory_is_a_clear_error(tmp_path, faq):
    (tmp_path / "faq.toml").write_text("", encoding="utf-8")
    result = faq("ingest", cwd=tmp_path)
    assert result.returncode == 2
    assert "raw: no raw/ directory" in result.stderr
