"""`faq ingest`: raw sources in, curated collections out. Reads each source (a
file, or a URL fetched into a snapshot in raw/), cleans it with the shared rules,
merges it with the editors' work already in clean/, and writes the collection and
its record of removals."""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

from pipeline import corpus as corpus_files
from pipeline import fetch as fetching
from pipeline.clean import clean_collection
from pipeline.config import Config
from pipeline.errors import FaqError, InputError
from pipeline.fetch import FetchError, FetchLimits, FetchRecord
from pipeline.files import holds, read_file, write_atomic
from pipeline.ids import slug, unique
from pipeline.merge import MergeNotes, merge, record_dropped_comments
from pipeline.model import Collection, Removals, Source
from pipeline.restore import read_removals
from pipeline.ruleset import RuleSet
from pipeline.sources import read_source
from pipeline.sources.decode import MAX_SOURCE_BYTES

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
    warnings: list[str] = field(default_factory=list)  # what the reader noticed but did not remove
    fetch: str | None = None  # what happened to a URL: fetched, unchanged, or read from its snapshot
    target: str | None = None  # the collection's file (.yaml, or .jsonl when it is kept so)


@dataclass
class _Job:
    """One source to ingest: a file, or a URL to fetch or to read from its snapshot."""

    source: str  # as reports show it
    path: Path | None  # the file to read; None for a URL without a snapshot yet
    outside: bool = False  # a file outside raw/, copied in once it has been read
    url: str | None = None
    fetch: bool = False  # fetch the URL (or the URL of the snapshot at path) before reading
    error: FaqError | None = None  # a URL refused before any work


@dataclass
class _Input:
    """The bytes to ingest and where they belong in raw/."""

    data: bytes
    raw_path: Path
    copy_from: Path | None = None  # a file outside raw/ to copy in
    record: FetchRecord | None = None  # the fetch record of a snapshot
    store: bool = False  # a fetched page: write the snapshot and its record
    # What the reader made of it, when read ahead in a worker process (--jobs):
    # (result, None) or (None, the InputError's message, path, line and hint).
    read: tuple | None = None


def raw_sources(config: Config, sources: list[Path]) -> list[tuple[Path, bool]]:
    """The files to ingest, each with whether it must first be copied into raw/.
    Fetch records (*.fetch.json beside snapshots) are never sources."""
    raw_dir = config.raw_dir.resolve()
    explicit = bool(sources)
    if not sources:
        if not raw_dir.is_dir():
            raise InputError("no raw/ directory", config.relative(raw_dir),
                             hint="create it, or pass the files to ingest")
        sources = [raw_dir]
    found: list[tuple[Path, bool]] = []
    for source in sources:
        source = Path(source)
        if not source.exists():
            what = ("a symbolic link that leads nowhere (a loop, or its target is missing)"
                    if os.path.lexists(source) else "no such file or directory")
            raise InputError(what, str(source))
        if source.is_file() and fetching.is_sidecar(source):
            raise InputError("this is the fetch record of a snapshot, not a source", str(source),
                             hint="ingest the snapshot beside it")
        # Whatever is not a directory is a source, so that a FIFO, a symlink loop or a
        # dangling link is reported when it is read rather than silently passed over.
        files = [source] if not source.is_dir() else sorted(
            p for p in source.rglob("*")
            if not p.is_dir() and not _hidden(p.relative_to(source)) and not fetching.is_sidecar(p))
        if explicit and not files:
            raise InputError("no files to ingest in this directory", str(source))
        for path in files:
            try:
                resolved = path.resolve()
            except (OSError, RuntimeError):  # a symlink loop: reported when it is read
                resolved = path.absolute()
            if not resolved.exists():  # a dangling link: reported by its own name
                resolved = path.absolute()
            found.append((resolved, raw_dir not in resolved.parents))
    return found


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts) or relative.name in SKIPPED_NAMES


def ingest(config: Config, sources: Sequence[Path | str], *, check: bool = False,
           language: str | None = None, refresh: bool = False, limits: FetchLimits | None = None,
           on_start: Callable[[int, int, str], None] | None = None,
           on_source: Callable[[SourceReport], None] | None = None, workers: int | None = None,
           on_plan: Callable[[int, int], None] | None = None) -> list[SourceReport]:
    """Ingest files and URLs (a str that is a URL; any other str is a path). A URL
    is fetched once into a snapshot in raw/ and read from there afterwards; with
    ``refresh`` it is fetched again, as are the snapshots among ``sources`` (all of
    them when there are no sources). ``check`` writes nothing and never fetches.
    ``on_start(number, total, source)`` is called before each source, ``on_source``
    after it. With ``workers`` > 1 (0: one per CPU) every source is first fetched or
    read, in order, then parsed by its reader in that many processes, then cleaned
    and written in order: the same result, sooner when the readers are the work.
    ``workers`` None: one per CPU when the files to read hold `jobs.AUTO_JOBS_BYTES`
    or more, else 1. ``on_plan(sources, processes)`` is told the choice."""
    if check and refresh:
        raise InputError("--check never fetches, so it cannot --refresh")
    rules = RuleSet(config)
    corpus = _load_corpus(config)
    limits = limits or FetchLimits.from_config(config.ingest)
    jobs = _jobs(config, sources, check, refresh)
    from pipeline.jobs import auto_jobs, resolve_jobs, size_of

    if workers is None:
        workers = auto_jobs(sum(size_of(job.path) for job in jobs if job.path is not None))
    prepared = _prepared(config, jobs, limits, on_start)
    workers = max(1, min(resolve_jobs(workers), len(jobs)))
    if on_plan:
        on_plan(len(jobs), workers)
    if workers > 1:
        from pipeline.jobs import run_in_processes

        prepared = list(prepared)
        ready = [source for _, source, _ in prepared if source is not None]
        results = run_in_processes(_read_task, [_reader_task(config, s, language) for s in ready], workers)
        for source, read in zip(ready, results):
            source.read = read
    reports = []
    for report, source, error in prepared:
        try:
            if error is not None:
                raise error
            _ingest_one(config, rules, corpus, source, check, language, report)
        except FaqError as exc:
            report.error = exc
        reports.append(report)
        if on_source:
            on_source(report)
    if check and not sources:
        reports.extend(_orphans(config, corpus, {r.collection for r in reports}))
    return reports


def _prepared(config: Config, jobs: list[_Job], limits: FetchLimits, on_start) -> Iterator[
        tuple[SourceReport, _Input | None, FaqError | None]]:
    """Each job fetched or read in order, lazily: (report, input, or why it failed)."""
    for number, job in enumerate(jobs, 1):
        if on_start:
            on_start(number, len(jobs), job.source)
        report = SourceReport(source=job.source)
        try:
            if job.error:
                raise job.error
            source, error = _prepare(config, job, limits, report), None
        except FaqError as exc:
            source, error = None, exc
        yield report, source, error


def _jobs(config: Config, sources: Sequence[Path | str], check: bool, refresh: bool) -> list[_Job]:
    """What to ingest, in the order given: the files (every file of raw/ when
    there are no sources), and each URL once."""
    if not sources:
        return [_file_job(config, path, outside, refresh) for path, outside in raw_sources(config, [])]
    jobs: list[_Job] = []
    urls: set[str] = set()
    snapshots: dict[str, Path] | None = None
    for source in sources:
        if isinstance(source, str) and fetching.is_url(source) and not Path(source).exists():
            if check:
                raise InputError("--check never fetches, so a URL cannot be checked", source,
                                 hint="run `faq ingest URL` first; then --check reads its snapshot in raw/")
            try:
                url = fetching.normalize_url(source)
            except FetchError as exc:
                jobs.append(_Job(source=source, path=None, error=exc))
                continue
            if url in urls:
                continue
            urls.add(url)
            if snapshots is None:
                snapshots = fetching.snapshot_index(config.raw_dir)
            snapshot = snapshots.get(url)
            jobs.append(_Job(source=url, path=snapshot, url=url, fetch=refresh or snapshot is None))
        else:
            try:
                found = raw_sources(config, [Path(source)])
            except InputError as exc:  # reported with the others; the rest are still ingested
                jobs.append(_Job(source=str(source), path=None, error=exc))
                continue
            jobs.extend(_file_job(config, path, outside, refresh) for path, outside in found)
    return jobs


def _file_job(config: Config, path: Path, outside: bool, refresh: bool) -> _Job:
    return _Job(source=str(path) if outside else config.relative(path), path=path, outside=outside,
                fetch=refresh and not outside)


def _prepare(config: Config, job: _Job, limits: FetchLimits, report: SourceReport) -> _Input:
    """Fetch what must be fetched, or read the file; find the source's place in raw/."""
    record = None
    if job.path is not None and not job.outside:
        record = fetching.read_record(job.path, config.relative(job.path))
    url = job.url or (record.url if record else None)
    if url and (job.fetch or job.path is None):  # a URL without a snapshot is always fetched
        return _fetch_into(config, job, url, record, limits, report)
    data = read_file(job.path, report.source, MAX_SOURCE_BYTES)
    if job.outside:
        return _Input(data, config.raw_dir / job.path.name, copy_from=job.path)
    if record is not None:
        display = config.relative(job.path)
        if job.url:
            report.fetch = (f"from the snapshot {display} fetched {record.fetched_at} "
                            "(--refresh fetches it again)")
        if hashlib.sha256(data).hexdigest() != record.sha256:
            report.fetch = (f"{display} differs from what was fetched (its sha256 is not the one in "
                            f"{display}{fetching.SIDECAR_SUFFIX}); --refresh fetches it again")
    return _Input(data, job.path, record=record)


def _fetch_into(config: Config, job: _Job, url: str, record: FetchRecord | None, limits: FetchLimits,
                report: SourceReport) -> _Input:
    """Fetch a URL for its snapshot: a new one, or the one at job.path again. The
    record of an unchanged page is kept, so that a refresh that finds nothing new
    changes no file."""
    page = fetching.fetch(url, limits)
    if job.path is None:
        raw_path = fetching.snapshot_path(config.raw_dir, url, page.suffix)
    else:
        raw_path = job.path
        if raw_path.suffix.lower() != page.suffix:
            raise FetchError(f"the page is now served as {page.record.content_type or 'something else'}, "
                             f"not as its snapshot {config.relative(raw_path)} was", url,
                             hint="delete the snapshot and its .fetch.json, then ingest the URL again")
    display = config.relative(raw_path)
    current = raw_path.read_bytes() if raw_path.is_file() else None
    if current == page.body and record is not None and record.same_response(page.record):
        report.fetch = f"fetched again: {display} is unchanged"
        return _Input(page.body, raw_path, record=record, store=True)
    redirect = f", from {page.record.final_url}" if page.record.final_url != url else ""
    media = page.record.content_type.split(";")[0].strip()
    state = "new" if current is None else ("updated" if current != page.body else "record updated")
    report.fetch = (f"fetched: {display} {state} (HTTP {page.record.status}, {media}, "
                    f"{fetching.format_size(len(page.body))}{redirect})")
    return _Input(page.body, raw_path, record=page.record, store=True)


def _load_corpus(config: Config) -> dict[str, Collection | None]:
    """Every collection in clean/ by name; None where a file cannot be read (it is
    then never overwritten)."""
    result: dict[str, Collection | None] = {}
    if not config.clean_dir.is_dir():
        return result
    for path in corpus_files.corpus_files([config.clean_dir]):
        if corpus_files.is_removed_file(path):
            continue
        name = corpus_files.collection_name(path)
        try:
            result[name] = corpus_files.load_collection_file(path, config.relative(path))
        except InputError:
            result[name] = None
    return result


def _ingest_one(config: Config, rules: RuleSet, corpus: dict[str, Collection | None], source: _Input,
                check: bool, language: str | None, report: SourceReport) -> None:
    data, raw_path, record = source.data, source.raw_path, source.record
    raw_display = config.relative(raw_path)
    name = slug(raw_path.stem)
    report.collection = name
    existing_path = corpus_files.collection_path(config.clean_dir, name)
    existing = corpus.get(name)
    if existing is None and name in corpus:
        raise InputError("the collection file cannot be read, so it is not overwritten",
                         config.relative(existing_path), hint="run `faq lint` and fix it, or delete it")
    if existing is not None and existing.source and existing.source.path != raw_display:
        raise InputError(f"collection '{name}' already comes from {existing.source.path}",
                         report.source, hint="rename the file so that its collection name differs")

    try:
        result = _read(config, source, language)
        _check_storable(result.entries, raw_display)
        report.warnings = list(result.warnings)
    except InputError as exc:
        if not source.store or record is None:
            raise
        raise InputError(exc.message, record.url, exc.line,
                         hint="; ".join(filter(None, [exc.hint, f"nothing was saved as {raw_display}"]))) from None
    if result.name and result.name != name:  # the source names its collection (faq's own JSON export)
        name, existing_path = result.name, corpus_files.collection_path(config.clean_dir, result.name)
        report.collection, existing = name, corpus.get(name)
        if name in corpus and (existing is None or (existing.source and existing.source.path != raw_display)):
            raise InputError(f"collection '{name}' already exists and does not come from this file",
                             report.source, hint="delete or rename clean/" + existing_path.name + " first")
    collection = Collection(
        name=name, title=result.title or _title_from_name(name),
        language=language or result.language or config.language,
        description=result.description,
        source=Source(raw_display, hashlib.sha256(data).hexdigest(), record.url if record else None),
        entries=result.entries,
    )
    others = [c for n, c in sorted(corpus.items()) if c is not None and n != name]
    cleaned = clean_collection(collection, others, rules, result.dropped)
    taken = {entry.id for other in others for entry in other.entries}
    if existing:  # ids an editor gave to entries of their own stay theirs
        taken |= {e.id for e in existing.entries if e.provenance.fingerprint is None}
    for entry in collection.entries:
        entry.id = unique(entry.id or slug(entry.question), taken)  # a reader may keep published ids
        entry.provenance.fingerprint = entry.fingerprint()
    cleaned.resolve_cuts()
    removals = cleaned.removals
    removed_file = corpus_files.removed_path(config.clean_dir, name)
    previous = read_removals(removed_file, config.relative(removed_file))
    report.notes = merge(collection, existing, removals, previous)
    report.kept = len(collection.entries)
    report.removals = removals

    if source.copy_from is not None:
        _copy_into_raw(source.copy_from, raw_path, data, check, report)
    if source.store and record is not None and not check:
        _store_snapshot(raw_path, data, record)
    rendered = corpus_files.render_collection(collection, config.schema_ref("collection"), existing_path)
    if existing is not None:  # comments an editor wrote are recorded, not silently dropped
        record_dropped_comments(removals, existing_path.read_text(encoding="utf-8"), rendered)
    report.target = config.relative(existing_path)
    outputs = {
        existing_path: rendered,
        removed_file: corpus_files.render_removals(removals, config.schema_ref("removed"), removed_file),
    }
    for target, text in outputs.items():
        if holds(target, text):
            continue
        if check:
            report.stale.append(config.relative(target))
        elif write_atomic(target, text):
            report.written.append(config.relative(target))
    if not check:
        corpus[name] = collection


def _reader_task(config: Config, source: _Input, language: str | None) -> tuple:
    """What the source's reader is given: its text, its name and the read options."""
    options = config.read_options(language)
    reader_data = source.data
    record = source.record
    if record is not None:
        options.url = record.final_url
        options.extra["charset"] = record.charset
        if source.raw_path.suffix.lower() == ".txt":
            reader_data = fetching.text_for_reader(source.data, record.charset)
    return reader_data, config.relative(source.raw_path), options


def _read_task(task: tuple) -> tuple:
    """Run a reader (in a worker process); an InputError comes back as its parts,
    which pickling an exception would lose."""
    try:
        return read_source(*task), None
    except InputError as exc:
        return None, (exc.message, exc.path, exc.line, exc.hint)


def _read(config: Config, source: _Input, language: str | None):
    """The reader's result for a source: read ahead, or read now."""
    result, error = source.read if source.read is not None else _read_task(_reader_task(config, source, language))
    if error is not None:
        raise InputError(*error)
    return result


def _copy_into_raw(path: Path, raw_path: Path, data: bytes, check: bool, report: SourceReport) -> None:
    if os.path.lexists(raw_path):
        if read_file(raw_path, f"{raw_path.parent.name}/{raw_path.name}", MAX_SOURCE_BYTES) != data:
            raise InputError(f"{raw_path.parent.name}/{raw_path.name} already exists with other content",
                             report.source, hint="rename the file, or ingest the one in raw/")
        return
    if check:
        report.stale.append(f"{raw_path.parent.name}/{raw_path.name}")
        return
    write_atomic(raw_path, data)
    shutil.copystat(path, raw_path)


def _store_snapshot(raw_path: Path, data: bytes, record: FetchRecord) -> None:
    """Write a fetched page's record, then its bytes (each only when changed). In
    this order an interrupted run leaves at worst a record without its snapshot,
    which is never ingested and whose name goes to the same URL next time."""
    write_atomic(fetching.sidecar_path(raw_path), record.to_json())
    write_atomic(raw_path, data)


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


def _check_storable(entries, display: str) -> None:
    """Refuse text no file can hold: a lone UTF-16 surrogate, which a JSON or YAML
    escape such as "\\ud800" can put into a string."""
    for entry in entries:
        for text in (entry.question, entry.answer, *entry.tags):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                line = entry.provenance.lines[0] if entry.provenance.lines else None
                where = f" ({entry.provenance.locator})" if entry.provenance.locator else ""
                raise InputError(f"text with a lone surrogate escape (\\ud800-\\udfff){where}; "
                                 "it cannot be stored", display, line,
                                 hint="write the character itself, or a valid surrogate pair") from None


def _title_from_name(name: str) -> str:
    return name.replace("-", " ").capitalize()


