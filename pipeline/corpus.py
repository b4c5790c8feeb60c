"""Collection files on disk: the mapping between the model and the canonical YAML
(or JSON Lines) documents in clean/, and finding the files that make up a corpus."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import jsonlines, yamlfile
from pipeline.errors import InputError
from pipeline.model import (Collection, Entry, Provenance, Reason, Removals, RemovedEntry,
                            Source, TrimmedText)

COLLECTION_SUFFIX = ".yaml"
REMOVED_SUFFIX = ".removed.yaml"
JSONL_SUFFIX = ".jsonl"
REMOVED_JSONL_SUFFIX = ".removed.jsonl"
SUFFIXES = (COLLECTION_SUFFIX, JSONL_SUFFIX)
MAX_CORPUS_FILE_BYTES = 128 * 1024 * 1024


def collection_path(clean_dir: Path, name: str) -> Path:
    """The file of collection ``name``: its JSON Lines file when there is one (a
    large collection someone chose to keep as JSONL stays JSONL), else its YAML file."""
    jsonl = clean_dir / f"{name}{JSONL_SUFFIX}"
    return jsonl if jsonl.is_file() else clean_dir / f"{name}{COLLECTION_SUFFIX}"


def removed_path(clean_dir: Path, name: str) -> Path:
    """The removal record of collection ``name``, in the format of the collection."""
    if is_jsonl(collection_path(clean_dir, name)):
        return clean_dir / f"{name}{REMOVED_JSONL_SUFFIX}"
    return clean_dir / f"{name}{REMOVED_SUFFIX}"


def is_removed_file(path: Path) -> bool:
    return path.name.endswith((REMOVED_SUFFIX, REMOVED_JSONL_SUFFIX))


def is_jsonl(path: Path) -> bool:
    return path.name.endswith(JSONL_SUFFIX)


def collection_name(path: Path) -> str:
    """The collection a corpus file belongs to: its name without the suffixes."""
    for suffix in (REMOVED_SUFFIX, REMOVED_JSONL_SUFFIX, COLLECTION_SUFFIX, JSONL_SUFFIX):
        if path.name.endswith(suffix):
            return path.name[: -len(suffix)]
    return path.stem


def corpus_files(paths: list[Path]) -> list[Path]:
    """Collection and removal files (YAML and JSON Lines) under the given files and
    directories, sorted."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            for suffix in SUFFIXES:
                # Anything by a corpus file's name but a directory: a FIFO or a dangling
                # link in clean/ is then reported when it is read, not silently skipped.
                found.update(p for p in path.rglob(f"*{suffix}") if not p.is_dir() and not any(
                    part.startswith(".") for part in p.relative_to(path).parts))
        else:
            found.add(path)
    return sorted(found)


# -- model to document -------------------------------------------------------

def collection_to_data(collection: Collection) -> dict[str, Any]:
    data: dict[str, Any] = {"name": collection.name, "title": collection.title}
    if collection.description:
        data["description"] = collection.description
    data["language"] = collection.language
    if collection.source is None:
        data["source"] = None
    else:
        data["source"] = {"path": collection.source.path, "sha256": collection.source.sha256}
        if collection.source.url:
            data["source"]["url"] = collection.source.url
    data["entries"] = [entry_to_data(entry) for entry in collection.entries]
    return data


def entry_to_data(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {"id": entry.id, "question": entry.question,
                            "answer": yamlfile.Literal(entry.answer)}
    if entry.truncated:
        data["truncated"] = True
    if entry.tags:
        data["tags"] = list(entry.tags)
    if entry.suppress:
        data["suppress"] = yamlfile.Flow(entry.suppress)
    data["provenance"] = provenance_to_data(entry.provenance, with_fingerprint=True)
    return data


def provenance_to_data(provenance: Provenance, with_fingerprint: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {"source": provenance.source}
    if provenance.lines:
        data["lines"] = yamlfile.Flow(provenance.lines)
    if provenance.locator:
        data["locator"] = provenance.locator
    if with_fingerprint and provenance.fingerprint:
        data["fingerprint"] = provenance.fingerprint
    return data


def removals_to_data(removals: Removals) -> dict[str, Any]:
    return {
        "collection": removals.collection,
        "removed": [{
            "question": item.question,
            "answer": yamlfile.Literal(item.answer) if item.answer else "",
            "provenance": provenance_to_data(item.provenance),
            "reasons": [{"rule": r.code, "name": r.name, "message": r.message} for r in item.reasons],
        } for item in removals.entries],
        "trimmed": [{
            **({"entry": item.entry} if item.entry else {}),
            **({"line": item.line} if item.line else {}),
            "text": item.text,
            "rule": item.reason.code,
            "name": item.reason.name,
            "message": item.reason.message,
        } for item in removals.trimmed],
    }


def render_collection(collection: Collection, schema_ref: str, path: Path | None = None) -> str:
    """The canonical text of a collection; as JSON Lines when ``path`` is a .jsonl file."""
    if path is not None and is_jsonl(path):
        return jsonlines.dumps(collection_to_data(collection), "entries")
    header = [f"yaml-language-server: $schema={schema_ref}"]
    if collection.source:
        header.append(f"Built by `faq ingest` from {collection.source.path}. Edit freely: "
                      "re-ingesting keeps edited entries.")
    return yamlfile.dump(collection_to_data(collection), header)


def render_removals(removals: Removals, schema_ref: str, path: Path | None = None) -> str:
    if path is not None and is_jsonl(path):
        return jsonlines.dumps(removals_to_data(removals), "removed")
    header = [f"yaml-language-server: $schema={schema_ref}",
              f"What cleaning removed from collection '{removals.collection}', and why.",
              "To restore an entry, copy it into the collection with an id (see README)."]
    return yamlfile.dump(removals_to_data(removals), header)


# -- document to model -------------------------------------------------------

def collection_from_data(data: dict[str, Any]) -> Collection:
    """Build the model from a document that passed the schema."""
    source = data.get("source")
    collection = Collection(
        name=data["name"], title=data["title"], language=data["language"],
        description=data.get("description"),
        source=Source(source["path"], source["sha256"], source.get("url")) if source else None,
    )
    for item in data["entries"]:
        collection.entries.append(entry_from_data(item))
    return collection


def entry_from_data(item: dict[str, Any]) -> Entry:
    provenance = item.get("provenance") or {"source": "manual"}
    lines = provenance.get("lines")
    return Entry(
        id=item["id"], question=item["question"], answer=item["answer"],
        truncated=bool(item.get("truncated", False)), tags=list(item.get("tags", [])),
        suppress=list(item.get("suppress", [])),
        provenance=Provenance(source=provenance["source"], lines=tuple(lines) if lines else None,
                              locator=provenance.get("locator"),
                              fingerprint=provenance.get("fingerprint")),
    )


def removals_from_data(data: dict[str, Any]) -> Removals:
    removals = Removals(collection=data["collection"])
    for item in data["removed"]:
        provenance = item["provenance"]
        removals.entries.append(RemovedEntry(
            question=item["question"], answer=item["answer"],
            provenance=Provenance(provenance["source"], tuple(provenance["lines"]) if provenance.get("lines") else None,
                                  provenance.get("locator")),
            reasons=[Reason(r["rule"], r["name"], r["message"]) for r in item["reasons"]]))
    for item in data["trimmed"]:
        removals.trimmed.append(TrimmedText(item.get("entry"), item["text"],
                                            Reason(item["rule"], item["name"], item["message"]),
                                            item.get("line")))
    return removals


@dataclass
class LoadedFile:
    """A corpus file as read: its document with positions, or why it could not be read."""

    path: Path
    display: str
    located: yamlfile.Located | jsonlines.JsonLinesLocated | None = None
    error: InputError | None = None
    collection: Collection | None = None
    problems: list = field(default_factory=list)

    @property
    def is_removals(self) -> bool:
        return is_removed_file(self.path)


def read_document(path: Path, display: str) -> yamlfile.Located | jsonlines.JsonLinesLocated:
    """Read and parse one corpus file (YAML, or JSON Lines by its suffix), or raise
    InputError naming it. Positions are found only when a problem asks for one."""
    from pipeline.files import read_file  # refuses FIFOs, directories and oversized files unread

    data = read_file(path, display, MAX_CORPUS_FILE_BYTES)
    return parse_document(data, path, display)


def parse_document(data: bytes, path: Path, display: str) -> yamlfile.Located | jsonlines.JsonLinesLocated:
    """Parse the bytes of a corpus file; see `read_document`."""
    text = _text(data, path, display)
    if is_jsonl(path):
        return jsonlines.load(text, display, "removed" if is_removed_file(path) else "entries")
    return yamlfile.load_fast(text, display)


def locate_document(path: Path, display: str) -> yamlfile.Located | jsonlines.JsonLinesLocated:
    """Where the values of a corpus file are, without reading the values themselves
    (its ``data`` is None): for a file whose values are known already, such as one
    whose lint results came from the cache. Positions are found when asked for."""
    from pipeline.files import read_file

    text = _text(read_file(path, display, MAX_CORPUS_FILE_BYTES), path, display)
    if is_jsonl(path):
        return jsonlines.locate(text, display, "removed" if is_removed_file(path) else "entries")
    return yamlfile.LazyLocated(None, text, display)


def _text(data: bytes, path: Path, display: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"file is binary, not {'JSON' if is_jsonl(path) else 'YAML'}", display)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError("not valid UTF-8", display, line, hint="re-save the file as UTF-8") from None


def load_collection_file(path: Path, display: str) -> Collection:
    """Read a collection file that must be valid; raise InputError otherwise."""
    from pipeline.files import read_file

    return parse_collection(read_file(path, display, MAX_CORPUS_FILE_BYTES), path, display)


def parse_collection(data: bytes, path: Path, display: str) -> Collection:
    """The collection in the bytes of a file that must be valid; raise InputError otherwise."""
    from pipeline.schema import COLLECTION, validate

    located = parse_document(data, path, display)
    errors = validate(located.data, COLLECTION)
    if errors:
        first = errors[0]
        line, _ = located.position(first.path, key=first.at_key)
        raise InputError(first.message, display, line, hint="run `faq lint` for every problem")
    return collection_from_data(located.data)
