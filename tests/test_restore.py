"""Edits are sacred: every path that writes to clean/ keeps a person's work, and
what the tool drops is recorded with its reason in clean/<name>.removed.yaml,
from where `faq restore` brings it back. Each test is a real corpus and the real
CLI; each writing path of clean/ has its own test:

- `faq ingest`, first run: rule removals recorded (test_seed, test_ingest)
- re-ingest: edits kept, conflicts recorded, dropped entries recorded and carried
  forward, deletions by an editor remembered, comments recorded
- `faq lint --fix`: cuts and comments recorded, edits kept, idempotent
- `faq restore`: entries back, off the record, kept by later runs
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import SEED

NAME = "therapist-people-also-ask"
COLLECTION = f"clean/{NAME}.yaml"
REMOVED = f"clean/{NAME}.removed.yaml"
FIRST_ID = "is-it-ok-to-ask-your-therapist-for-a-hug"
SECOND_ID = "why-do-i-want-my-therapist-to-hug-me"
NEW_QUESTION = ("\nCan a therapist hug a client who asks for a hug?\n\n"
                "A therapist can hug a client who asks, when the therapist thinks a hug helps the client.\n")
NEW_ID = "can-a-therapist-hug-a-client-who-asks-for-a-hug"


def _load(root: Path, relative: str) -> dict:
    return yaml.safe_load((root / relative).read_text(encoding="utf-8"))


def _entry(root: Path, entry_id: str) -> dict | None:
    return next((e for e in _load(root, COLLECTION)["entries"] if e["id"] == entry_id), None)


def _removed(root: Path, reason: str) -> list[dict]:
    return [item for item in _load(root, REMOVED)["removed"]
            if any(r["name"] == reason for r in item["reasons"])]


def _edit(root: Path, old: str, new: str) -> None:
    path = root / COLLECTION
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _delete_entry(root: Path, entry_id: str) -> str:
    """Delete an entry from the collection file as an editor would: its lines."""
    path = root / COLLECTION
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"  - id: {entry_id}")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: "))
    question = lines[start + 1].split("question: ", 1)[1]
    path.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
    return question


def _ingested(corpus: Path, faq) -> Path:
    shutil.copy(SEED, corpus / "raw" / SEED.name)
    result = faq("ingest", cwd=corpus)
    assert result.returncode == 0, result.output
    return corpus


# -- re-ingest -------------------------------------------------------------------------

def test_an_entry_deleted_by_an_editor_stays_deleted_until_restored(corpus, faq):
    root = _ingested(corpus, faq)
    question = _delete_entry(root, SECOND_ID)
    first = faq("ingest", cwd=root)
    assert first.returncode == 0
    assert f"removed {question!r}: deleted-by-editor" in first.stdout
    assert _entry(root, SECOND_ID) is None
    assert [item["question"] for item in _removed(root, "deleted-by-editor")] == [question]
    # Again, and after the source changed: the tombstone keeps it out.
    (root / "raw" / SEED.name).write_text(SEED.read_text(encoding="utf-8") + NEW_QUESTION, encoding="utf-8")
    second = faq("ingest", cwd=root)
    assert second.returncode == 0
    assert _entry(root, SECOND_ID) is None
    assert _entry(root, NEW_ID) is not None
    assert len(_removed(root, "deleted-by-editor")) == 1

    listed = faq("restore", "--list", cwd=root)
    assert f"{SECOND_ID}  ({NAME}) {question!r}: deleted-by-editor" in listed.stdout
    restored = faq("restore", SECOND_ID, cwd=root)
    assert restored.returncode == 0, restored.output
    assert f"restored '{SECOND_ID}' into {NAME}" in restored.stdout
    entry = _entry(root, SECOND_ID)
    assert entry["question"] == question and "fingerprint" not in entry["provenance"]
    # Placed back where the source has it, and off the record.
    ids = [e["id"] for e in _load(root, COLLECTION)["entries"]]
    assert ids.index(SECOND_ID) == ids.index(FIRST_ID) + 1
    assert _removed(root, "deleted-by-editor") == []
    # Later runs keep it, once, and change nothing more.
    after = faq("ingest", cwd=root)
    assert after.returncode == 0 and "(unchanged)" in after.stdout
    assert [e["question"] for e in _load(root, COLLECTION)["entries"]].count(question) == 1


def test_a_conflicting_edit_is_kept_and_the_sources_new_text_recorded(corpus, faq):
    root = _ingested(corpus, faq)
    entry = _entry(root, FIRST_ID)
    _edit(root, "it doesn't hurt to ask for one.", "asking is fine.")
    seed = SEED.read_text(encoding="utf-8")
    changed = seed.replace("Of course, your therapist has a right to say no.",
                           "Your therapist may still say no.", 1)
    assert changed != seed
    (root / "raw" / SEED.name).write_text(changed, encoding="utf-8")
    result = faq("ingest", cwd=root)
    assert result.returncode == 0
    assert f"kept your edit of '{FIRST_ID}', but its source changed since" in result.stdout
    assert "asking is fine." in _entry(root, FIRST_ID)["answer"]
    [conflict] = _removed(root, "conflicting-edit")
    assert conflict["question"] == entry["question"]
    assert "Your therapist may still say no." in conflict["answer"]
    assert FIRST_ID in conflict["reasons"][0]["message"]


def test_entries_the_source_dropped_stay_recorded_on_later_runs(corpus, faq):
    root = _ingested(corpus, faq)
    entry = _entry(root, SECOND_ID)
    lines = SEED.read_text(encoding="utf-8").split("\n")
    first_line, last_line = entry["provenance"]["lines"]  # the source loses the entry's lines
    (root / "raw" / SEED.name).write_text("\n".join(lines[:first_line - 1] + lines[last_line:]),
                                          encoding="utf-8")
    faq("ingest", cwd=root)
    assert [item["question"] for item in _removed(root, "source-changed")] == [entry["question"]]
    again = faq("ingest", cwd=root)  # a run that finds nothing new does not forget it
    assert again.returncode == 0 and "(unchanged)" in again.stdout
    assert [item["question"] for item in _removed(root, "source-changed")] == [entry["question"]]
    assert faq("restore", SECOND_ID, cwd=root).returncode == 0
    assert _entry(root, SECOND_ID)["answer"] == entry["answer"]
    assert _removed(root, "source-changed") == []


def test_comments_an_editor_wrote_are_recorded_when_a_rewrite_drops_them(corpus, faq):
    root = _ingested(corpus, faq)
    _edit(root, "entries:\n", "entries:\n  # Reviewed with the clinic on Monday\n")
    _edit(root, "it doesn't hurt to ask for one.", "asking is fine.")  # so that ingest rewrites
    (root / "raw" / SEED.name).write_text(SEED.read_text(encoding="utf-8") + NEW_QUESTION, encoding="utf-8")
    assert faq("ingest", cwd=root).returncode == 0
    trimmed = _load(root, REMOVED)["trimmed"]
    [comment] = [t for t in trimmed if t["name"] == "comment-dropped"]
    assert comment["text"] == "# Reviewed with the clinic on Monday"
    faq("ingest", cwd=root)
    assert [t["text"] for t in _load(root, REMOVED)["trimmed"] if t["name"] == "comment-dropped"] == [
        "# Reviewed with the clinic on Monday"]


# -- lint --fix --------------------------------------------------------------------------

def test_lint_fix_records_what_it_cuts_keeps_edits_and_is_idempotent(corpus, faq):
    root = _ingested(corpus, faq)
    _edit(root, "Of course, your therapist has a right to say no.",
          "Of course, your therapist has a right to say no. More items...\n\n      Advertisement")
    _edit(root, "entries:\n", "entries:\n  # keep this order\n")
    second_before = _entry(root, SECOND_ID)
    result = faq("lint", "--fix", cwd=root)
    assert "Fixed 2 problem(s) in 1 file(s)." in result.stdout, result.output
    answer = _entry(root, FIRST_ID)["answer"]
    assert "More items" not in answer and "Advertisement" not in answer
    assert answer.endswith("Of course, your therapist has a right to say no.")
    assert _entry(root, SECOND_ID) == second_before
    cut = {(t.get("entry"), t["text"], t["name"]) for t in _load(root, REMOVED)["trimmed"]}
    assert (FIRST_ID, "More items...", "scraped-furniture-inline") in cut
    assert (FIRST_ID, "Advertisement", "furniture-residue") in cut
    assert (None, "# keep this order", "comment-dropped") in cut
    before = {p: (root / p).read_bytes() for p in (COLLECTION, REMOVED)}
    again = faq("lint", "--fix", cwd=root)
    assert "Fixed" not in again.stdout
    assert {p: (root / p).read_bytes() for p in (COLLECTION, REMOVED)} == before


def test_lint_fix_leaves_a_file_alone_when_its_record_cannot_be_read(corpus, faq):
    root = _ingested(corpus, faq)
    _edit(root, "Of course, your therapist has a right to say no.",
          "Of course, your therapist has a right to say no. More items...")
    (root / REMOVED).write_text("collection: [broken\n", encoding="utf-8")
    before = (root / COLLECTION).read_bytes()
    result = faq("lint", "--fix", cwd=root)
    assert f"faq: error: not fixed: {REMOVED}:" in result.stderr
    assert (root / COLLECTION).read_bytes() == before
    assert "Traceback" not in result.output


# -- restore ----------------------------------------------------------------------------

def test_restore_refuses_what_it_cannot_restore(corpus, faq):
    root = _ingested(corpus, faq)
    empty = faq("restore", "should-i-hug-my-client", cwd=root)
    assert empty.returncode == 2
    assert "has no answer" in empty.stderr and REMOVED in empty.stderr
    listed = [line for line in faq("restore", "--list", cwd=root).stdout.splitlines()
              if line.startswith("should-i-hug-my-client ")]
    assert len(listed) == 1 and listed[0].endswith("[no answer: restore by hand]")
    unknown = faq("restore", "no-such-entry", cwd=root)
    assert unknown.returncode == 2 and "no removed entry 'no-such-entry'" in unknown.stderr
    usage = faq("restore", cwd=root)
    assert usage.returncode == 2 and "give an ID to restore, or --list" in usage.stderr


def test_restore_names_entries_of_two_collections_by_collection(corpus, faq):
    root = _ingested(corpus, faq)
    question = _delete_entry(root, SECOND_ID)
    faq("ingest", cwd=root)
    other = root / "clean" / "other.removed.yaml"
    other.write_text(yaml.safe_dump({"collection": "other", "trimmed": [], "removed": [
        {"question": question, "answer": "Another answer.", "provenance": {"source": "manual"},
         "reasons": [{"rule": "FAQ000", "name": "deleted-by-editor", "message": "deleted"}]}]}),
        encoding="utf-8")
    listed = faq("restore", "--list", cwd=root)
    assert f"{NAME}/{SECOND_ID}" in listed.stdout and f"other/{SECOND_ID}" in listed.stdout
    ambiguous = faq("restore", SECOND_ID, cwd=root)
    assert ambiguous.returncode == 2 and "give it as collection/id" in ambiguous.stderr
    assert faq("restore", f"{NAME}/{SECOND_ID}", cwd=root).returncode == 0
    assert _entry(root, SECOND_ID)["question"] == question


def test_an_entry_a_rule_no_longer_removes_comes_back_and_is_not_taken_for_a_deletion(corpus, faq):
    root = _ingested(corpus, faq)
    [unanswered] = [item for item in _load(root, REMOVED)["removed"]
                   if [r["name"] for r in item["reasons"]] == ["missing-answer"]]
    (root / "faq.toml").write_text('language = "en"\n[lint]\nignore = ["missing-answer"]\n', encoding="utf-8")
    result = faq("ingest", cwd=root)
    assert result.returncode == 0, result.output
    assert any(e["question"] == unanswered["question"] for e in _load(root, COLLECTION)["entries"])
    assert _removed(root, "deleted-by-editor") == []
