"""`faq ingest`: raw sources in, curated collections out. Reads each source,
cleans it with the shared rules, merges it with the editors' work already in
clean/, and writes the collection and its record of removals."""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pipeline import corpus as corpus_files
from pipeline.clean import clean_collection
from pipeline.config import Config
from pipeline.errors import FaqError, InputError
from pipeline.files import write_atomic
from pipeline.ids import slug, unique
from pipeline.merge import MergeNotes, merge
from pipeline.model import Collection, Removals, Source
from pipeline.ruleset import RuleSet
from pipeline.sources import ReadOptions, read_source

SKIPPED_NAMES = {".gitkeep", ".gitignore", ".DS_Store"}


@dataclass
class SourceReport:
    """What ingesting one source did, or would do under --check."""

    source: str
    collection: str | None = None
    kept: int = 0
    removals: Removals | None = None
    notes: MergeNotes = field(default_factory=MergeNotes)
    written: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # --check: files that are out of date
    error: FaqError | None = None


def raw_sources(config: Config, sources: list[Path]) -> list[tuple[Path, bool]]:
    """The files to ingest, each with whether it must first be copied into raw/."""
    raw_dir = config.raw_dir.resolve()
    if not sources:
        if not raw_dir.is_dir():
            raise InputError("no raw/ directory", config.relative(raw_dir),
                             hint="create it, or pass the files to ingest")
        sources = [raw_dir]
    found: list[tuple[Path, bool]] = []
    for source in sources:
        source = Path(source)
        if not source.exists():
            raise InputError("no such file or directory", str(source))
        files = [source] if source.is_file() else sorted(
            p for p in source.rglob("*") if p.is_file() and not _hidden(p.relative_to(source)))
        for path in files:
            resolved = path.resolve()
            found.append((resolved, raw_dir not in resolved.parents))
    return found


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts) or relative.name in SKIPPED_NAMES


def ingest(config: Config, sources: list[Path], *, check: bool = False, language: str | None = None,
           on_source: Callable[[SourceReport], None] | None = None) -> list[SourceReport]:
    rules = RuleSet(config)
    corpus = _load_corpus(config)
    reports = []
    for path, outside in raw_sources(config, sources):
        report = SourceReport(source=config.relative(path) if not outside else str(path))
        try:
            _ingest_one(config, rules, corpus, path, outside, check, language, report)
        except FaqError as exc:
            report.error = exc
        reports.append(report)
        if on_source:
            on_source(report)
    if check and not sources:
        reports.extend(_orphans(config, corpus, {r.collection for r in reports}))
    return reports


def _load_corpus(config: Config) -> dict[str, Collection | None]:
    """Every collection in clean/ by name; None where a file cannot be read (it is
    then never overwritten)."""
    result: dict[str, Collection | None] = {}
    if not config.clean_dir.is_dir():
        return result
    for path in corpus_files.corpus_files([config.clean_dir]):
        if corpus_files.is_removed_file(path):
            continue
        name = path.name[: -len(corpus_files.COLLECTION_SUFFIX)]
        try:
            result[name] = corpus_files.load_collection_file(path, config.relative(path))
        except InputError:
            result[name] = None
    return result


def _ingest_one(config: Config, rules: RuleSet, corpus: dict[str, Collection | None], path: Path,
                outside: bool, check: bool, language: str | None, report: SourceReport) -> None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", report.source) from None
    raw_path = config.raw_dir / path.name if outside else path
    raw_display = config.relative(raw_path)
    name = slug(Path(path.name).stem)
    report.collection = name
    existing_path = corpus_files.collection_path(config.clean_dir, name)
    existing = corpus.get(name)
    if existing is None and name in corpus:
        raise InputError("the collection file cannot be read, so it is not overwritten",
                         config.relative(existing_path), hint="run `faq lint` and fix it, or delete it")
    if existing is not None and existing.source and existing.source.path != raw_display:
        raise InputError(f"collection '{name}' already comes from {existing.source.path}",
                         report.source, hint="rename the file so that its collection name differs")

    result = read_source(data, raw_display, config.read_options(language))
    collection = Collection(
        name=name, title=result.title or _title_from_name(name),
        language=language or result.language or config.language,
        description=result.description,
        source=Source(raw_display, hashlib.sha256(data).hexdigest()),
        entries=result.entries,
    )
    others = [c for n, c in sorted(corpus.items()) if c is not None and n != name]
    cleaned = clean_collection(collection, others, rules, result.dropped)
    taken = {entry.id for other in others for entry in other.entries}
    if existing:  # ids an editor gave to entries of their own stay theirs
        taken |= {e.id for e in existing.entries if e.provenance.fingerprint is None}
    for entry in collection.entries:
        entry.id = unique(slug(entry.question), taken)
        entry.provenance.fingerprint = entry.fingerprint()
    cleaned.resolve_cuts()
    removals = cleaned.removals
    report.notes = merge(collection, existing, removals)
    report.kept = len(collection.entries)
    report.removals = removals

    if outside:
        _copy_into_raw(path, raw_path, data, check, report)
    outputs = {
        existing_path: corpus_files.render_collection(collection, _schema_ref(config, "collection")),
        corpus_files.removed_path(config.clean_dir, name): corpus_files.render_removals(
            removals, _schema_ref(config, "removed")),
    }
    for target, text in outputs.items():
        current = target.read_bytes() if target.exists() else None
        if current == text.encode("utf-8"):
            continue
        if check:
            report.stale.append(config.relative(target))
        elif write_atomic(target, text):
            report.written.append(config.relative(target))
    if not check:
        corpus[name] = collection


def _copy_into_raw(path: Path, raw_path: Path, data: bytes, check: bool, report: SourceReport) -> None:
    if raw_path.exists():
        if raw_path.read_bytes() != data:
            raise InputError(f"{raw_path.parent.name}/{raw_path.name} already exists with other content",
                             report.source, hint="rename the file, or ingest the one in raw/")
        return
    if check:
        report.stale.append(f"{raw_path.parent.name}/{raw_path.name}")
        return
    write_atomic(raw_path, data)
    shutil.copystat(path, raw_path)


def _orphans(config: Config, corpus: dict[str, Collection | None], seen: set[str | None]) -> list[SourceReport]:
    reports = []
    for name, collection in sorted(corpus.items()):
        if name in seen or collection is None or collection.source is None:
            continue
        if not (config.root / collection.source.path).exists():
            report = SourceReport(source=collection.source.path, collection=name)
            report.error = InputError(f"raw source of collection '{name}' is missing",
                                      config.relative(corpus_files.collection_path(config.clean_dir, name)),
                                      hint="restore the raw file, or set `source: null` to keep the "
                                           "collection as hand-written")
            reports.append(report)
    return reports


def _title_from_name(name: str) -> str:
    return name.replace("-", " ").capitalize()


def _schema_ref(config: Config, kind: str) -> str:
    target = config.root / "schema" / f"{kind}.schema.json"
    return Path(os.path.relpath(target, config.clean_dir)).as_posix()
