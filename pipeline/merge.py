"""Re-ingesting without losing a person's work: a three-way merge of what the tool
generates now, what it generated last time (the fingerprint kept in each entry's
provenance) and what the collection file holds."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.rules.duplicate_question import question_key
from pipeline.model import Collection, Entry, Reason, Removals, RemovedEntry


@dataclass
class MergeNotes:
    kept_edits: list[str] = field(default_factory=list)  # ids of edited entries kept as edited
    conflicts: list[str] = field(default_factory=list)  # ... whose source changed meanwhile
    kept_manual: list[str] = field(default_factory=list)  # entries added by hand
    dropped: list[str] = field(default_factory=list)  # unedited entries the source no longer has


def merge(generated: Collection, existing: Collection | None, removals: Removals) -> MergeNotes:
    """Fold the person-owned parts of ``existing`` into ``generated`` (in place)."""
    notes = MergeNotes()
    if existing is None:
        return notes
    generated.title = existing.title
    generated.description = existing.description
    generated.language = existing.language

    fresh = {entry.id: entry for entry in generated.entries}
    result: list[Entry] = []
    placed: set[str] = set()
    # Walk the existing order so that entries a person added stay where they put them;
    # entries new in the source are placed after the entry that precedes them there.
    generated_order = [entry.id for entry in generated.entries]
    for old in existing.entries:
        new = fresh.get(old.id)
        if old.provenance.fingerprint is None:
            notes.kept_manual.append(old.id)
            result.append(old)
        elif old.is_edited():
            notes.kept_edits.append(old.id)
            if new is None or new.fingerprint() != old.provenance.fingerprint:
                notes.conflicts.append(old.id)
            result.append(old)
        elif new is not None:
            new.tags = old.tags  # tags and suppressions are the editor's, never generated
            new.suppress = old.suppress
            result.append(new)
        else:
            notes.dropped.append(old.id)
            removals.entries.append(RemovedEntry(old.question, old.answer, old.provenance, [
                Reason("FAQ000", "source-changed", "no longer in the source; it was not edited")]))
        placed.add(old.id)
    for index, entry_id in enumerate(generated_order):
        if entry_id in placed:
            continue
        before = generated_order[index - 1] if index else None
        position = next((i + 1 for i, e in enumerate(result) if e.id == before), 0 if before is None else len(result))
        result.insert(position, fresh[entry_id])
        placed.add(entry_id)
    generated.entries = result
    # An entry a person restored by hand is no longer "removed".
    present = {question_key(entry.question) for entry in result}
    removals.entries = [item for item in removals.entries if question_key(item.question) not in present]
    return notes
