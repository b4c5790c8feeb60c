"""Re-ingesting without losing a person's work: a three-way merge of what the tool
generates now, what it generated last time (the fingerprint kept in each entry's
provenance) and what the collection file holds."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.ids import unique
from pipeline.rules.duplicate_question import question_key
from pipeline.model import Collection, Entry, Reason, Removals, RemovedEntry, TrimmedText


# Reasons merge itself records (rather than a content rule): code FAQ000.
SOURCE_CHANGED = "source-changed"
DELETED_BY_EDITOR = "deleted-by-editor"
CONFLICTING_EDIT = "conflicting-edit"
COMMENT_DROPPED = "comment-dropped"
# Records no later run would make again, so each run carries them forward.
CARRIED = (SOURCE_CHANGED, DELETED_BY_EDITOR)


@dataclass
class MergeNotes:
    kept_edits: list[str] = field(default_factory=list)  # ids of edited entries kept as edited
    conflicts: list[str] = field(default_factory=list)  # ... whose source changed meanwhile
    kept_manual: list[str] = field(default_factory=list)  # entries added by hand
    dropped: list[str] = field(default_factory=list)  # unedited entries the source no longer has
    deleted: list[str] = field(default_factory=list)  # entries an editor deleted (kept out)


def merge(generated: Collection, existing: Collection | None, removals: Removals,
          previous: Removals | None = None) -> MergeNotes:
    """Fold the person-owned parts of ``existing`` into ``generated`` (in place),
    and record in ``removals`` everything that does not make it.

    ``previous`` is the record of removals the last run wrote. Its tombstones
    (entries an editor deleted from clean/) keep those entries out, and its
    records of entries the source dropped are carried forward, so that no run
    forgets what an earlier one removed.

    An entry the source has but clean/ lacks was deleted by an editor when the
    source is unchanged since the collection was written (every generated entry
    was in it then, or in the record of removals). When the source changed too, such an entry cannot be told
    apart from a new one and is added; deleting it again records the tombstone.
    """
    notes = MergeNotes()
    carried = [item for item in (previous.entries if previous else [])
               if any(reason.name in CARRIED for reason in item.reasons)]
    carried_trimmed = [item for item in (previous.trimmed if previous else [])
                       if item.reason.name == COMMENT_DROPPED]
    # Entries the last run recorded as removed were never in clean/: if they come
    # back (a rule switched off, a duplicate gone), nobody deleted them.
    recorded = {question_key(item.question) for item in (previous.entries if previous else [])}
    tombstones = {question_key(item.question) for item in carried
                  if any(reason.name == DELETED_BY_EDITOR for reason in item.reasons)}
    if existing is None:
        _drop_tombstoned(generated, tombstones, notes)
        _settle(generated, removals, carried, carried_trimmed)
        return notes
    generated.title = existing.title
    generated.description = existing.description
    generated.language = existing.language
    source_unchanged = (existing.source is not None and generated.source is not None
                        and existing.source.sha256 == generated.source.sha256)

    fresh = {entry.id: entry for entry in generated.entries}
    by_fingerprint: dict[str, Entry] = {}
    for entry in generated.entries:
        by_fingerprint.setdefault(entry.fingerprint(), entry)
    result: list[Entry] = []
    used: set[int] = set()  # generated entries already placed (by object)
    # Walk the existing order so that entries a person added stay where they put them;
    # entries new in the source are placed after the entry that precedes them there.
    for old in existing.entries:
        new = _counterpart(old, fresh, by_fingerprint, used)
        if new is not None:
            used.add(id(new))
            new.id = old.id  # an entry keeps its id even when another one took its slug
        if old.provenance.fingerprint is None:
            notes.kept_manual.append(old.id)
            result.append(old)
        elif old.is_edited():
            notes.kept_edits.append(old.id)
            if new is None or new.fingerprint() != old.provenance.fingerprint:
                notes.conflicts.append(old.id)
                if new is not None:  # what the source says now, beside the edit that was kept
                    removals.entries.append(RemovedEntry(new.question, new.answer, new.provenance, [
                        Reason("FAQ000", CONFLICTING_EDIT,
                               f"the source changed since '{old.id}' was edited; the edit was kept "
                               "and this is the source's new text")]))
            result.append(old)
        elif new is not None:
            new.tags = old.tags  # tags and suppressions are the editor's, never generated
            new.suppress = old.suppress
            result.append(new)
        else:
            notes.dropped.append(old.id)
            removals.entries.append(RemovedEntry(old.question, old.answer, old.provenance, [
                Reason("FAQ000", SOURCE_CHANGED, "no longer in the source; it was not edited")]))
    # The editor's own questions (added by hand, restored, or edited) stand for
    # the generated entries that ask the same.
    owned = {question_key(entry.question) for entry in result}
    previous_entry: Entry | None = None
    for entry in generated.entries:
        if id(entry) in used:
            previous_entry = entry
            continue
        key = question_key(entry.question)
        if key in tombstones:
            notes.deleted.append(entry.id)
            continue
        if key in owned:
            continue
        if source_unchanged and key not in recorded:
            notes.deleted.append(entry.id)
            removals.entries.append(RemovedEntry(entry.question, entry.answer, entry.provenance, [
                Reason("FAQ000", DELETED_BY_EDITOR,
                       "deleted from clean/ by an editor; re-ingesting keeps it out "
                       "(`faq restore` brings it back)")]))
            continue
        taken = {e.id for e in result}
        if entry.id in taken:
            entry.id = unique(entry.id, taken | set(fresh))
        position = 0 if previous_entry is None else next(
            (i + 1 for i, e in enumerate(result) if e is previous_entry), len(result))
        result.insert(position, entry)
        used.add(id(entry))
        previous_entry = entry
    generated.entries = result
    _settle(generated, removals, carried, carried_trimmed)
    return notes


def _counterpart(old: Entry, fresh: dict[str, Entry], by_fingerprint: dict[str, Entry],
                 used: set[int]) -> Entry | None:
    """The generated entry that ``old`` was made from: the one with its id, else
    (when ids moved because another entry took a slug) the one whose text is what
    the tool generated for ``old`` last time."""
    if old.provenance.fingerprint is not None:
        candidate = by_fingerprint.get(old.provenance.fingerprint)
        if candidate is not None and id(candidate) not in used:
            return candidate
    candidate = fresh.get(old.id)
    return candidate if candidate is not None and id(candidate) not in used else None


def _drop_tombstoned(generated: Collection, tombstones: set[str], notes: MergeNotes) -> None:
    kept = []
    for entry in generated.entries:
        if question_key(entry.question) in tombstones:
            notes.deleted.append(entry.id)
        else:
            kept.append(entry)
    generated.entries = kept


def _settle(generated: Collection, removals: Removals, carried: list[RemovedEntry],
            carried_trimmed: list[TrimmedText]) -> None:
    """Add the carried records, once each, and drop records of entries that are in
    the collection again (restored by an editor, or back in the source). Records
    of conflicting edits stay: the entry is present as the editor's version."""
    seen = {(item.question, item.answer) for item in removals.entries}
    for item in carried_trimmed:
        if item not in removals.trimmed:
            removals.trimmed.append(item)
    for item in carried:
        if (item.question, item.answer) not in seen:
            removals.entries.append(item)
            seen.add((item.question, item.answer))
    present = {question_key(entry.question) for entry in generated.entries}
    removals.entries = [item for item in removals.entries
                        if question_key(item.question) not in present
                        or any(reason.name == CONFLICTING_EDIT for reason in item.reasons)]


def dropped_comments(before: str, after: str) -> list[tuple[int, str]]:
    """Comments of ``before`` (line number, text) that a rewrite to ``after`` loses.

    The canonical writer keeps no comments but its own header, so a comment an
    editor wrote in a collection file would vanish silently; callers record these
    in the removals file instead. A line counts when it is a comment on its own
    (``# ...``) and is not found in ``after`` (which also leaves alone "#" lines
    inside answers, such as Markdown headings, that the rewrite keeps)."""
    kept = {line.strip() for line in after.splitlines()}
    return [(number, line.strip()) for number, line in enumerate(before.splitlines(), 1)
            if line.lstrip().startswith("#") and line.strip() not in kept
            and not line.startswith(_OWN_HEADER)]


# The header lines the writer itself puts at the top of a collection file.
_OWN_HEADER = ("# yaml-language-server:", "# Built by `faq ingest`")


def record_dropped_comments(removals: Removals, before: str, after: str, entry: str | None = None) -> None:
    for line, text in dropped_comments(before, after):
        removals.trimmed.append(TrimmedText(entry, text, Reason(
            "FAQ000", COMMENT_DROPPED, "a comment in the collection file; files are rewritten in one "
            "canonical form, which keeps no comments (use an entry's `suppress` field for rules)"), line))
