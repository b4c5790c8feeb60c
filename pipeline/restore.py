"""`faq restore`: bring back what cleaning, a re-ingest or an editor removed.

Every collection's clean/<name>.removed.yaml records the entries the tool took
out, each with its reasons. A removed entry is named by the slug of its question
(made unique within its record), or ``collection/slug`` where two records hold
the same slug. Restoring one moves it back into its collection as the editor's
own entry (no fingerprint, so every later run keeps it as it is), placed by its
line in the source, and takes it off the record; a tombstone ("deleted by an
editor") is lifted the same way.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline import corpus as corpus_files
from pipeline.config import Config
from pipeline.errors import InputError
from pipeline.files import write_atomic
from pipeline.ids import slug, unique
from pipeline.model import Collection, Entry, Provenance, Removals, RemovedEntry


@dataclass
class Removed:
    """One restorable entry: where its record is, and the name it goes by."""

    collection: str
    id: str
    item: RemovedEntry
    record: Path

    @property
    def qualified(self) -> str:
        return f"{self.collection}/{self.id}"

    @property
    def restorable(self) -> bool:
        """An entry without an answer cannot go back: the collection would be invalid."""
        return bool(self.item.answer.strip())

    def reasons(self) -> str:
        return "; ".join(f"{reason.name}: {reason.message}" for reason in self.item.reasons)


@dataclass
class Restored:
    entry: Entry
    collection: str
    written: list[str]


def read_removals(path: Path, display: str) -> Removals | None:
    """The record of removals at ``path``, None when there is none; InputError
    when it cannot be read or is not a valid record (it is then never rewritten)."""
    from pipeline.schema import REMOVED, validate

    if not path.is_file() and not path.is_symlink():
        if path.exists():
            raise InputError("not a regular file", display)
        return None
    located = corpus_files.read_document(path, display)
    errors = validate(located.data, REMOVED)
    if errors:
        first = errors[0]
        line, _ = located.position(first.path, key=first.at_key)
        raise InputError(f"the record of removals is not valid: {first.message}", display, line,
                         hint="fix it or delete it; it is not overwritten while it is broken")
    return corpus_files.removals_from_data(located.data)


def removed_entries(config: Config) -> tuple[list[Removed], list[InputError]]:
    """Every restorable entry of the corpus, by collection, and the records that
    could not be read."""
    found: list[Removed] = []
    errors: list[InputError] = []
    if not config.clean_dir.is_dir():
        return found, errors
    for path in sorted(path for suffix in (corpus_files.REMOVED_SUFFIX, corpus_files.REMOVED_JSONL_SUFFIX)
                       for path in config.clean_dir.glob(f"*{suffix}")):
        try:
            removals = read_removals(path, config.relative(path))
        except InputError as exc:
            errors.append(exc)
            continue
        if removals is None:
            continue
        name = corpus_files.collection_name(path)
        taken: set[str] = set()
        for item in removals.entries:
            found.append(Removed(name, unique(slug(item.question), taken), item, path))
    return found, errors


def find(config: Config, wanted: str) -> Removed:
    """The removed entry named ``wanted`` (an id, or collection/id)."""
    found, errors = removed_entries(config)
    matches = [r for r in found if wanted in (r.id, r.qualified)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(r.qualified for r in matches)
        raise InputError(f"'{wanted}' names a removed entry in more than one collection: {names}",
                         hint="give it as collection/id")
    if errors:
        raise errors[0]
    raise InputError(f"no removed entry '{wanted}'", hint="`faq restore --list` shows what can be restored")


def restore(config: Config, wanted: str) -> Restored:
    """Move the removed entry ``wanted`` back into its collection; write the
    collection first and the record second, so that an interrupted run leaves the
    entry in both places rather than in neither."""
    removed = find(config, wanted)
    if not removed.restorable:
        raise InputError(f"'{removed.id}' has no answer, and an entry without one would make its "
                         "collection invalid", config.relative(removed.record),
                         hint="copy the question into the collection by hand with the answer you write")
    collection_file = corpus_files.collection_path(config.clean_dir, removed.collection)
    display = config.relative(collection_file)
    if not collection_file.exists():
        raise InputError(f"collection '{removed.collection}' has no file", display,
                         hint="ingest its source again first")
    collection = corpus_files.load_collection_file(collection_file, display)
    removals = read_removals(removed.record, config.relative(removed.record))
    taken = _corpus_ids(config, collection)
    item = removed.item
    entry = Entry(question=item.question, answer=item.answer,
                  provenance=Provenance(item.provenance.source, item.provenance.lines,
                                        item.provenance.locator, fingerprint=None),
                  id=unique(slug(item.question), taken))
    present = next((e for e in collection.entries if e.question == item.question
                    and e.answer == item.answer), None)
    written = []
    if present is None:  # else an interrupted restore already put it back
        _insert(collection, entry)
        if write_atomic(collection_file, corpus_files.render_collection(
                collection, config.schema_ref("collection"), collection_file)):
            written.append(display)
    else:
        entry = present
    if removals is not None and item in removals.entries:  # equal by value: the record was re-read
        removals.entries.remove(item)
        if write_atomic(removed.record, corpus_files.render_removals(removals, config.schema_ref("removed"), removed.record)):
            written.append(config.relative(removed.record))
    return Restored(entry, removed.collection, written)


def _corpus_ids(config: Config, collection: Collection) -> set[str]:
    taken = {entry.id for entry in collection.entries}
    for path in corpus_files.corpus_files([config.clean_dir]):
        if corpus_files.is_removed_file(path):
            continue
        try:
            other = corpus_files.load_collection_file(path, config.relative(path))
        except InputError:
            continue
        taken |= {entry.id for entry in other.entries}
    return taken


def _insert(collection: Collection, entry: Entry) -> None:
    """Place ``entry`` before the first entry from the same source that starts on a
    later line; at the end when its line is not known."""
    lines = entry.provenance.lines
    if lines:
        for index, other in enumerate(collection.entries):
            if (other.provenance.source == entry.provenance.source and other.provenance.lines
                    and other.provenance.lines[0] > lines[0]):
                collection.entries.insert(index, entry)
                return
    collection.entries.append(entry)
