"""Adopting `faq lint` in a team: suppressions, baselines, changed-only runs, fixing,
configuration presets, custom rules, exit-code switches, `faq init` and pre-commit."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import yaml

from conftest import REPO, SEED

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]


@pytest.fixture
def seeded(corpus, faq):
    shutil.copy(SEED, corpus / "raw" / "seed.txt")
    assert faq("ingest", cwd=corpus).returncode == 0
    return corpus


def _problems(faq, corpus, *args):
    result = faq("lint", "--format", "json", *args, cwd=corpus)
    assert result.returncode in (0, 1), result.output
    return json.loads(result.stdout)


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- suppression ---------------------------------------------------------------

def test_suppression_field_and_comment(seeded, faq):
    collection = seeded / "clean" / "seed.yaml"
    before = _problems(faq, seeded)
    assert any(p["name"] == "dangling-citation" for p in before)
    _replace(collection, "  - id: can-you-hang-out-with-your-therapist",
             "  # faq: ignore[dangling-citation]\n  - id: can-you-hang-out-with-your-therapist")
    _replace(collection, "  - id: do-therapists-get-attached-to-clients\n",
             "  - id: do-therapists-get-attached-to-clients\n    suppress: [FAQ210]\n")
    after = _problems(faq, seeded)
    names = {p["name"] for p in after}
    assert "dangling-citation" not in names and "unsourced-statistic" not in names
    assert len(after) == len(before) - 2
    summary = faq("lint", cwd=seeded).stdout
    assert "(2 suppressed)" in summary


def test_unused_suppression_is_reported_at_its_line(seeded, faq):
    collection = seeded / "clean" / "seed.yaml"
    _replace(collection, "  - id: is-it-ok-to-ask-your-therapist-for-a-hug\n",
             "  - id: is-it-ok-to-ask-your-therapist-for-a-hug\n    suppress: [truncated-answer]\n")
    problems = [p for p in _problems(faq, seeded) if p["name"] == "unused-suppression"]
    assert len(problems) == 1
    assert problems[0]["line"] == 10 + 1
    assert "'truncated-answer' suppresses nothing" in problems[0]["message"]


def test_file_level_suppression(seeded, faq):
    collection = seeded / "clean" / "seed.yaml"
    _replace(collection, "entries:\n", "# faq: ignore-file[FAQ203]\nentries:\n")
    assert not any(p["code"] == "FAQ203" for p in _problems(faq, seeded))


def test_comment_suppressions_survive_a_rewrite(seeded, faq):
    collection = seeded / "clean" / "seed.yaml"
    _replace(collection, "  - id: can-you-hang-out-with-your-therapist",
             "  # faq: ignore[FAQ210]\n  - id: can-you-hang-out-with-your-therapist")
    assert faq("lint", "--fix", "--unsafe-fixes", cwd=seeded).returncode in (0, 1)
    data = yaml.safe_load(collection.read_text(encoding="utf-8"))
    entry = next(e for e in data["entries"] if e["id"] == "can-you-hang-out-with-your-therapist")
    assert entry["suppress"] == ["FAQ210"]


# -- baseline ------------------------------------------------------------------

def test_baseline_hides_known_problems_and_survives_unrelated_edits(seeded, faq):
    baseline = seeded / "faq-baseline.json"
    result = faq("lint", "--baseline", baseline, "--update-baseline", cwd=seeded)
    assert result.returncode == 0 and "Recorded 12 problem(s)" in result.stdout
    stored = json.loads(baseline.read_text(encoding="utf-8"))
    assert stored["format"] == "faq-baseline" and all("line" not in row for row in stored["problems"])
    quiet = faq("lint", "--baseline", baseline, cwd=seeded)
    assert quiet.returncode == 0 and "(12 hidden by the baseline)" in quiet.stdout
    collection = seeded / "clean" / "seed.yaml"
    # An unrelated edit shifts every line below it...
    _replace(collection, "it doesn't hurt to ask for one.", "it doesn't hurt to ask for one.\n\n      Ask kindly.")
    # ...and a new problem appears.
    _replace(collection, "Ask kindly.", "Ask kindly: 40 percent of clients do.")
    new = _problems(faq, seeded, "--baseline", str(baseline))
    assert [p["entry"] for p in new] == ["is-it-ok-to-ask-your-therapist-for-a-hug"]


def test_baseline_errors(seeded, faq):
    missing = faq("lint", "--baseline", "nope.json", cwd=seeded)
    assert missing.returncode == 2 and "baseline file not found" in missing.stderr
    (seeded / "bad.json").write_text("[1, 2]", encoding="utf-8")
    bad = faq("lint", "--baseline", "bad.json", cwd=seeded)
    assert bad.returncode == 2 and "not a faq baseline file" in bad.stderr
    usage = faq("lint", "--update-baseline", cwd=seeded)
    assert usage.returncode == 2 and "--update-baseline needs --baseline" in usage.stderr


# -- changed since ---------------------------------------------------------------

def test_changed_since_reports_only_changed_entries_but_compares_with_all(seeded, faq):
    subprocess.run([*GIT, "init", "-q"], cwd=seeded, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=seeded, check=True)
    subprocess.run([*GIT, "commit", "-qm", "corpus"], cwd=seeded, check=True)
    collection = seeded / "clean" / "seed.yaml"
    _replace(collection, "question: Can my therapist cuddle me?", "question: CAN MY THERAPIST CUDDLE ME")
    extra = ("name: zz-extra\ntitle: Extra\nlanguage: en\nentries:\n  - id: hug-question\n"
             "    question: Is it OK to ask your therapist for a hug?\n    answer: Yes, ask first and respect a no.\n")
    (seeded / "clean" / "zz-extra.yaml").write_text(extra, encoding="utf-8")
    problems = _problems(faq, seeded, "--changed-since", "HEAD")
    assert {(p["path"], p["entry"], p["name"]) for p in problems} == {
        ("clean/seed.yaml", "can-my-therapist-cuddle-me", "question-form"),
        ("clean/zz-extra.yaml", "hug-question", "duplicate-question"),
    }
    bad = faq("lint", "--changed-since", "no-such-ref", cwd=seeded)
    assert bad.returncode == 2 and "unknown git revision 'no-such-ref'" in bad.stderr


def test_changed_since_outside_git_is_a_clear_error(seeded, faq):
    result = faq("lint", "--changed-since", "HEAD", cwd=seeded)
    assert result.returncode == 2 and "needs a git repository" in result.stderr


# -- fixing ----------------------------------------------------------------------

HAND_WRITTEN = """\
name: museum
title: Museum
language: en
entries:
  - id: is-the-museum-open
    question: Is  the museum open on Mondays?
    answer: |-
      No , it is closed on Mondays. Tickets don t expire.

      Read more
  - id: can-i-take-photos
    question: Can I take photos
    answer: Yes, without flash, in every room of the permanent collection.
"""


def test_fix_applies_safe_fixes_and_is_idempotent(corpus, faq):
    path = corpus / "clean" / "museum.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    diff = faq("lint", "--diff", cwd=corpus)
    assert diff.returncode == 1
    assert "+      No , it is closed on Mondays. Tickets don't expire." in diff.stdout
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN  # --diff writes nothing
    fixed = faq("lint", "--fix", cwd=corpus)
    assert "Fixed" in fixed.stdout
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["entries"][0]["question"] == "Is the museum open on Mondays?"
    assert data["entries"][0]["answer"] == "No , it is closed on Mondays. Tickets don't expire."
    assert data["entries"][1]["question"] == "Can I take photos"  # unsafe: not applied
    once = path.read_bytes()
    assert faq("lint", "--fix", cwd=corpus).returncode == 0
    assert path.read_bytes() == once
    assert faq("lint", "--diff", cwd=corpus).returncode == 0
    faq("lint", "--fix", "--unsafe-fixes", cwd=corpus)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["entries"][1]["question"] == "Can I take photos?"


# -- configuration -----------------------------------------------------------------

def test_strict_preset_and_per_path_ignores(seeded, faq):
    (seeded / "faq.toml").write_text('extends = "strict"\n', encoding="utf-8")
    result = faq("lint", cwd=seeded)
    assert result.returncode == 1 and "error FAQ203" in result.stdout
    (seeded / "faq.toml").write_text(
        'extends = "strict"\n[lint]\nper_path_ignores = { "clean/seed*.yaml" = ["FAQ2", "FAQ301"] }\n',
        encoding="utf-8")
    problems = _problems(faq, seeded)
    assert not any(p["code"].startswith("FAQ2") for p in problems)
    (seeded / "faq.toml").write_text('extends = "lenient"\n', encoding="utf-8")
    assert faq("lint", cwd=seeded).returncode == 2


def test_custom_pattern_rule_and_terms(corpus, faq):
    (corpus / "faq.toml").write_text(
        '[custom.no-login-noun]\npattern = "\\\\blogin\\\\b"\nmessage = "write \'sign-in\', not \'{match}\'"\n'
        'replace = "sign-in"\ncode = "ACME001"\nseverity = "error"\n\n'
        '[terms]\nemail = ["e-mail"]\n', encoding="utf-8")
    (corpus / "clean" / "help.yaml").write_text(
        "name: help\ntitle: Help\nlanguage: en\nentries:\n  - id: how-do-i-reset-it\n"
        "    question: How do I reset my login?\n    answer: Send an E-mail to the support team and we reset it.\n",
        encoding="utf-8")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 1
    assert "error ACME001 write 'sign-in', not 'login' (no-login-noun) [*]" in result.stdout
    assert "warning FAQ900 write 'email', not 'E-mail' (preferred-term) [*]" in result.stdout
    faq("lint", "--fix", cwd=corpus)
    data = yaml.safe_load((corpus / "clean" / "help.yaml").read_text(encoding="utf-8"))
    assert data["entries"][0]["question"] == "How do I reset my sign-in?"
    assert data["entries"][0]["answer"] == "Send an Email to the support team and we reset it."
    listing = faq("rules", cwd=corpus)
    assert "no-login-noun" in listing.stdout


def test_terms_are_replaced_as_whole_words_in_scripts_with_marks(corpus, faq):
    # "एप" (a spelling of "app") opens "एपिसोड" (episode), whose next letter is a vowel
    # sign: a mark, which continues the word.
    (corpus / "faq.toml").write_text('language = "hi"\n\n[terms]\n"ऐप" = ["एप"]\n', encoding="utf-8")
    (corpus / "clean" / "help.yaml").write_text(
        "name: help\ntitle: Help\nlanguage: hi\nentries:\n"
        "  - id: app\n    question: एप कैसे डाउनलोड करें?\n    answer: स्टोर से एप डाउनलोड करें और खाते में जाएँ।\n"
        "  - id: episode\n    question: अगला एपिसोड कब आएगा?\n    answer: हर सोमवार सुबह एक नया एपिसोड आता है।\n",
        encoding="utf-8")
    assert faq("lint", "--fix", cwd=corpus).returncode == 0
    entries = yaml.safe_load((corpus / "clean" / "help.yaml").read_text(encoding="utf-8"))["entries"]
    assert [e["question"] for e in entries] == ["ऐप कैसे डाउनलोड करें?", "अगला एपिसोड कब आएगा?"]
    assert entries[1]["answer"] == "हर सोमवार सुबह एक नया एपिसोड आता है।"


def test_custom_rule_errors(corpus, faq):
    (corpus / "faq.toml").write_text('[custom.bad]\npattern = "(unclosed"\n', encoding="utf-8")
    result = faq("lint", cwd=corpus)
    assert result.returncode == 2 and "not a valid regular expression" in result.stderr


def test_exit_zero_and_statistics(seeded, faq):
    (seeded / "faq.toml").write_text('extends = "strict"\n', encoding="utf-8")
    assert faq("lint", "--exit-zero", cwd=seeded).returncode == 0
    stats = faq("lint", "--statistics", cwd=seeded)
    assert "FAQ203" in stats.stdout and "truncated-answer" in stats.stdout


# -- other repositories ---------------------------------------------------------------

def test_init_scaffolds_a_working_corpus(tmp_path, faq):
    root = tmp_path / "site"
    result = faq("init", root)
    assert result.returncode == 0, result.output
    for name in ("faq.toml", "raw", "clean", "schema/collection.schema.json",
                 ".github/workflows/faq.yml", ".pre-commit-config.yaml"):
        assert (root / name).exists(), name
    workflow = yaml.safe_load((root / ".github/workflows/faq.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in workflow["jobs"]["lint"]["steps"]]
    assert "faq lint --format github" in steps
    shutil.copy(SEED, root / "raw" / "seed.txt")
    assert faq("build", cwd=root).returncode == 0
    ignored = (root / ".gitignore").read_text(encoding="utf-8").split()
    assert {"dist/", ".faq-cache/", ".faq.lock"} <= set(ignored)
    again = faq("init", root)
    assert "kept existing faq.toml" in again.stdout


def test_pre_commit_hook_from_this_repository(tmp_path, faq):
    """The real pre-commit tool runs this repository's hook in another repository."""
    if shutil.which("pre-commit") is None:
        pytest.fail("pre-commit is part of the test extra; install it with pip install -e '.[test]'")
    root = tmp_path / "content"
    assert faq("init", root).returncode == 0
    shutil.copy(SEED, root / "raw" / "seed.txt")
    assert faq("ingest", cwd=root).returncode == 0
    subprocess.run([*GIT, "init", "-q"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    ok = subprocess.run(["pre-commit", "try-repo", str(REPO), "faq-lint", "--all-files"], cwd=root,
                        capture_output=True, text=True, timeout=900)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "faq lint" in ok.stdout and "Passed" in ok.stdout
    collection = root / "clean" / "seed.yaml"
    collection.write_text(collection.read_text(encoding="utf-8").replace("    question: Can my", "    questoin: Can my"),
                          encoding="utf-8")
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    failing = subprocess.run(["pre-commit", "try-repo", str(REPO), "faq-lint", "--all-files"], cwd=root,
                             capture_output=True, text=True, timeout=900)
    assert failing.returncode == 1
    assert "unknown key 'questoin'" in failing.stdout
    # The configuration `faq init` wrote runs the installed faq as well.
    local = subprocess.run(["pre-commit", "run", "--all-files"], cwd=root, capture_output=True, text=True,
                           timeout=300)
    assert local.returncode == 1 and "unknown key 'questoin'" in local.stdout
