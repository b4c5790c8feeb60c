"""The first stage of `faq lint`: each file on its own.

A file is parsed, checked against its schema and by every rule that looks at one
collection only, and reduced to its part for the corpus-wide rules (ids, question
keys, each rule's contribution) and the places of its entries. All of it depends
on nothing but the file's bytes, the schemas, the configuration and the tool, so
it is cached (pipeline/cache.py) and spread over processes (``jobs``). What the
second stage keeps of a file is only that: its parsed values are let go.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import corpus as corpus_files
from pipeline import suppression
from pipeline.config import Config
from pipeline.errors import InputError
from pipeline.jsonlines import JsonLinesLocated
from pipeline.model import Collection, Problem, Severity
from pipeline.rules import Context, SchemaViolation, UnreadableFile
from pipeline.rules.corpus_wide import Part, make_part
from pipeline.ruleset import ActiveRule, RuleSet
from pipeline.schema import COLLECTION, REMOVED, validate
from pipeline.yamlfile import Located

if TYPE_CHECKING:
    from pipeline.cache import LintCache
    from pipeline.lint import LintResult


@dataclass
class Checked:
    """One linted file: where it is, what it holds, what its editors silenced."""

    path: Path
    display: str
    located: Located | None = None
    collection: Collection | None = None
    suppressions: list[suppression.Suppression] = field(default_factory=list)
    # What the first stage found (schema and one-collection rules), positioned.
    problems: list[Problem] = field(default_factory=list)
    # The collection as the corpus-wide rules see it (None: not a valid collection).
    # Unlike ``collection``, it is kept in the cache.
    part: Part | None = None
    # Where each entry, its id, question and answer keys are (8 numbers an entry),
    # found while the file's positions are at hand, so that the second stage need
    # not find them again (and a cached file need not be read again to place a
    # corpus-wide problem). Also cached.
    places: array | None = None


def corpus_wide_rules(rules: RuleSet) -> list[ActiveRule]:
    return [active for active in rules.content_rules() if active.rule.corpus_wide]


def file_problem(rules: RuleSet, rule, display: str, position: tuple[int, int], message: str,
                 entry_id: str | None = None) -> Problem | None:
    severity = rules.severity(rule.code)
    if severity is None:
        return None
    return Problem(display, position[0], position[1], severity, rule.code, rule.name, message, entry_id)


def check_files(config: Config, rules: RuleSet, files: list[Path], *, jobs: int | None = None,
                store: LintCache | None = None, result: LintResult | None = None) -> list[Checked]:
    """The first stage for each file, in order: from the cache ``store``, from worker
    processes, or here. ``result`` gets the count of cache hits and of workers."""
    import hashlib

    checked: list[Checked | None] = [None] * len(files)
    todo: list[tuple[int, Path, bytes | None]] = []
    digests: dict[int, bytes] = {}  # the SHA-256 of each file read, for its cache entry
    known = store.file_digests() if store is not None else None
    for number, path in enumerate(files):
        display = config.relative(path)
        data = None
        if store is not None:
            # A file whose size, times and inode are those recorded when it was last
            # hashed has the same bytes: its entry is found without reading it.
            digest = known.digest(display, path)
            if digest is None:
                data = _read_bytes(path)
                digest = known.hashed(display, data) if data is not None else None
            hit = store.get(display, digest) if digest is not None else None
            if hit is not None:
                try:
                    checked[number] = _from_cache(path, display, hit,
                                                  _body_loader(rules, store, path, display, digest))
                    continue
                except (KeyError, TypeError, ValueError, AttributeError, IndexError):
                    pass  # a damaged entry is a miss
            if data is None:  # its stat vouched for it, but its entry is missing: read it now
                data = _read_bytes(path)
                digest = hashlib.sha256(data).digest() if data is not None else None
            if digest is not None:
                digests[number] = digest
        todo.append((number, path, data))
    if known is not None:
        known.save()
    from pipeline.jobs import auto_jobs, resolve_jobs, run_in_processes, size_of

    if jobs is None:
        jobs = auto_jobs(sum(len(data) if data is not None else size_of(path) for _, path, data in todo))
    workers = min(resolve_jobs(jobs), len(todo))
    if result is not None:
        result.cached, result.workers = len(files) - len(todo), max(workers, 1)
    if workers > 1:
        done = run_in_processes(_worker_check, [(path, data) for _, path, data in todo], workers,
                                _worker_start, (config.root,))
    else:
        done = [_slim(check_file(config, rules, path, data)) for _, path, data in todo]
    for (number, _, data), item in zip(todo, done):
        checked[number] = item
        if store is not None and data is not None:
            store.put(item.display, digests[number], *_to_cache(item))
    return checked  # type: ignore[return-value]


def _read_bytes(path: Path) -> bytes | None:
    from pipeline.files import read_file

    try:
        return read_file(path, str(path), corpus_files.MAX_CORPUS_FILE_BYTES)
    except InputError:
        return None  # check_file reports it


_WORKER: tuple[Config, RuleSet] | None = None


def _worker_start(root: Path) -> None:
    global _WORKER
    from pipeline.config import load_config

    config = load_config(root)
    _WORKER = (config, RuleSet(config))


def _worker_check(task: tuple[Path, bytes | None]) -> Checked:
    assert _WORKER is not None
    config, rules = _WORKER
    return _slim(check_file(config, rules, task[0], task[1]))


def _slim(item: Checked) -> Checked:
    """What the second stage keeps of a checked file: its part, problems and
    suppressions. Its parsed values and collection go, so that the corpus is not
    held in memory two or three times over until the end of the run (nor pickled
    back from a worker); positions and text are read again only for the files
    where a corpus-wide problem needs them."""
    if item.located is not None:
        item.located = DeferredDocument(item.path, item.display)
    item.collection = None
    return item


def _to_cache(item: Checked) -> tuple[dict, dict | None]:
    """A checked file as its cache entry, and the body kept beside it: the part's
    lists and contributions, which only a corpus-wide rule combining the whole
    corpus again reads, and most re-lints do not."""
    entry = {
        "part": item.part.header() if item.part is not None else None,
        "places": item.places.tolist() if item.places is not None else None,
        "problems": [[p.line, p.column, int(p.severity), p.code, p.name, p.message, p.entry_id, p.fixable]
                     for p in item.problems],
        "suppressions": [[s.tokens, s.line, s.column, s.entry_id, s.kind] for s in item.suppressions],
    }
    return entry, item.part.body() if item.part is not None else None


def _from_cache(path: Path, display: str, hit: dict, body) -> Checked:
    item = Checked(path, display, located=DeferredDocument(path, display))
    if hit["part"] is not None:
        item.part = Part.lazy(hit["part"], body)
    if hit["places"] is not None:
        item.places = array("l", hit["places"])
        if item.part is None or len(item.places) != 8 * item.part.size:
            raise ValueError("places that do not match the entries")
    item.problems = [Problem(display, line, column, Severity(severity), code, name, message, entry_id, fixable)
                     for line, column, severity, code, name, message, entry_id, fixable in hit["problems"]]
    item.suppressions = [suppression.Suppression(list(tokens), line, column, entry_id, kind)
                         for tokens, line, column, entry_id, kind in hit["suppressions"]]
    return item


def _body_loader(rules: RuleSet, store: LintCache, path: Path, display: str, digest: bytes):
    """How a part from the cache reads its body: from beside its entry or, when that
    is missing or damaged, from the file (whose bytes must still be the cached ones)."""
    def body() -> dict:
        found = store.get_body(display, digest)
        if found is not None:
            return found
        import hashlib

        data = _read_bytes(path)
        if data is None or hashlib.sha256(data).digest() != digest:
            raise InputError("the file changed while it was being linted", display, hint="run faq lint again")
        return corpus_part(corpus_files.parse_collection(data, path, display), data, rules).body()
    return body


class DeferredDocument:
    """A file whose first stage is done (in this run or in the cache): its positions
    found only if a corpus-wide problem needs one (without reading its values
    again), and its values read again only if a corpus-wide rule must see its text."""

    def __init__(self, path: Path, display: str) -> None:
        self._path = path
        self._display = display
        self._where = None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if name == "data":  # read again each time: a rule asks once, and nothing need keep it
            return corpus_files.read_document(self._path, self._display).data
        if self._where is None:
            self._where = corpus_files.locate_document(self._path, self._display)
        return getattr(self._where, name)


def check_file(config: Config, rules: RuleSet, path: Path, data: bytes | None = None) -> Checked:
    """The first stage for one file: parse it, check it against its schema and run
    every rule that looks at one collection only. ``data``: its bytes, if read."""
    display = config.relative(path)
    item = Checked(path, display)
    problems = item.problems
    try:
        if data is None:
            from pipeline.files import read_file

            data = read_file(path, display, corpus_files.MAX_CORPUS_FILE_BYTES)
        elif len(data) > corpus_files.MAX_CORPUS_FILE_BYTES:
            raise InputError(f"file is too large ({len(data) // 2**20} MiB)", display)
        item.located = corpus_files.parse_document(data, path, display)
    except InputError as exc:
        problems.append(Problem(display, exc.line or 1, 1, Severity.ERROR, UnreadableFile.code,
                                UnreadableFile.name, exc.message + (f" ({exc.hint})" if exc.hint else "")))
        return item
    located = item.located
    removals = corpus_files.is_removed_file(path)
    errors = validate(located.data, REMOVED if removals else COLLECTION)
    for error in errors:
        problems.append(file_problem(rules, SchemaViolation, display,
                                     located.position(error.path, error.at_key), error.message))
    if errors or removals:
        item.problems = [p for p in problems if p is not None]
        return item
    collection = corpus_files.collection_from_data(located.data)
    expected = corpus_files.collection_name(path)
    if collection.name != expected:
        problems.append(file_problem(rules, SchemaViolation, display, located.position(("name",)),
                                     f"name '{collection.name}' does not match the file name '{expected}'"))
    item.collection = collection
    if any(entry.suppress for entry in collection.entries) or _has_comment(located):
        item.suppressions = suppression.find(located, collection)
    _check_content([a for a in rules.content_rules() if not a.rule.corpus_wide], item, problems)
    # What the corpus-wide rules compare, computed here so that it is cached and
    # spread over worker processes like the rest of this stage.
    item.part = corpus_part(collection, data, rules)
    item.places = _places(located, len(collection.entries))
    item.problems = [p for p in problems if p is not None]
    return item


def _has_comment(located) -> bool:
    """Whether a file may hold a suppression comment (a cheap look before the
    line-by-line search, which needs positions)."""
    search = getattr(located, "search", None)
    if search is not None:
        return search(suppression.COMMENT_RE)
    return any(suppression.COMMENT_RE.search(line) for line in located.lines)


def _check_content(active_rules: list[ActiveRule], item: Checked, problems: list[Problem]) -> None:
    """The rules that look at this one collection."""
    collection = item.collection
    index = {id(entry): i for i, entry in enumerate(collection.entries)}
    for active in active_rules:
        rule = active.rule
        context = Context(collection, [], active.options)
        for finding in rule.check_collection(collection, context):
            position = _position(item.located, index[id(finding.entry)], finding.field, finding.offset)
            fixable = finding.fix is not None and finding.fix.safe
            problems.append(Problem(item.display, *position, active.severity, rule.code,
                                    rule.name, finding.message, finding.entry.id, fixable))


def corpus_part(collection: Collection, data: bytes, rules: RuleSet) -> Part:
    """A collection's part for the corpus-wide rules, with the digest of its file and
    of what each rule reads of it."""
    import hashlib

    from pipeline.rules.duplicate_id import DUPLICATE_IDS

    wide = [active.rule for active in corpus_wide_rules(rules)]
    part = make_part(collection, wide)
    part.source = hashlib.sha256(data).hexdigest()
    for rule in [DUPLICATE_IDS, *wide]:  # in the header: what tells a re-lint which rules to run again
        part.digest(rule)
    return part


_PLACED = {None: 0, "id": 2, "question": 4, "answer": 6}  # where in an entry's 8 numbers


def _places(located, entries: int) -> array | None:
    """The positions `place` reads: of each entry, and of its id, question and answer.
    None for JSON Lines, whose positions are found again from the raw lines in
    microseconds, for the entries that need one."""
    if isinstance(located, JsonLinesLocated):
        return None
    found = array("l")
    for index in range(entries):
        found.extend(located.position(("entries", index), key=False))
        for name in ("id", "question", "answer"):
            found.extend(located.position(("entries", index, name)))
    return found


def place(item: Checked, index: int, field: str | None, offset: int = 0) -> tuple[int, int]:
    """Where a problem about a field of entry ``index`` of a checked file goes: from
    the places found in its first stage, or (a character inside a text, or a file
    without places) from its document."""
    start = _PLACED.get(field, -1)
    if item.places is not None and not offset and start >= 0 and 8 * index + 8 <= len(item.places):
        return item.places[8 * index + start], item.places[8 * index + start + 1]
    return _position(item.located, index, field, offset)


def _position(located, index: int, field: str | None, offset: int) -> tuple[int, int]:
    """Where a finding about a field of entry ``index`` points (the entry itself
    when no field is named; the exact character when an offset into the text is)."""
    if field is None:
        return located.position(("entries", index), key=False)
    if offset and field in ("question", "answer"):
        return located.text_position(("entries", index, field), offset)
    return located.position(("entries", index, field))
