"""The lint cache: what the first stage of `faq lint` found in each file (schema
errors, the one-collection rules' problems, suppressions, the file's part for the
corpus-wide rules, which holds ids, question keys and each rule's contribution,
and where each entry is), kept under the corpus root in ``.faq-cache/`` so that
re-linting reads again only the files that changed.

A file's part is kept in two pieces: its header (name, language, size, and the
digests of what each corpus-wide rule reads of it) in the entry, and its body
(ids, questions, question keys and each rule's contribution) beside it, read only
when a rule must combine the whole corpus again. Beside them, in
``corpus.sqlite``, the corpus-wide rules' index (pipeline/corpus_store.py).

An entry is keyed by the file's path and the SHA-256 of its bytes, and by a salt
made of everything else its results depend on: the tool's version and code, the
schemas, the configuration and the active rules with their severities and
options. A change to any of them misses every entry; old entries are simply never
read again (delete the directory to reclaim the space). Entries are JSON, written
atomically; an entry that cannot be read or does not have the expected shape is
ignored, never an error.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pipeline.errors import FaqError

CACHE_DIR = ".faq-cache"
FORMAT = "4"


def default_dir(root: Path) -> Path:
    return root / CACHE_DIR


def salt(config, rules) -> str:
    """What every cached result depends on besides the file itself."""
    from pipeline import __version__, schema

    digest = hashlib.sha256()
    for part in (FORMAT, __version__, _code_stamp(), config.extends, repr(config.select),
                 repr(config.ignore), repr(sorted(config.rules.items())), config.language):
        digest.update(str(part).encode("utf-8", "surrogatepass") + b"\0")
    if config.file is not None:
        try:
            digest.update(Path(config.file).read_bytes())
        except OSError:
            pass
    for name in (schema.COLLECTION, schema.REMOVED):
        digest.update(json.dumps(schema.load_schema(name), sort_keys=True).encode("utf-8"))
    for name, active in sorted(rules.active.items()):
        digest.update(f"{name}\0{active.rule.code}\0{active.severity}\0"
                      f"{sorted((k, repr(v)) for k, v in active.options.items())}\0".encode("utf-8"))
    return digest.hexdigest()


def _code_stamp() -> str:
    """Size and modification time of each module of the package: a change to the
    code (an edited rule in a development checkout) misses the cache."""
    package = Path(__file__).resolve().parent
    parts = []
    for path in sorted(package.rglob("*.py")):
        try:
            info = path.stat()
        except OSError:
            continue
        parts.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


class LintCache:
    """Per-file results under ``directory``, valid for one ``salt``."""

    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = Path(directory)
        self.salt = salt

    def _entry(self, display: str, digest: bytes) -> Path:
        key = hashlib.sha256(self.salt.encode() + b"\0" + display.encode("utf-8", "surrogatepass")
                             + b"\0" + digest).hexdigest()
        return self.directory / key[:2] / f"{key[2:]}.json"

    def _prepare(self) -> None:
        """Create the directory, marked as a cache that git and backups may skip."""
        from pipeline.files import write_atomic

        if not self.directory.exists():
            self.directory.mkdir(parents=True, exist_ok=True)
            write_atomic(self.directory / ".gitignore", "*\n")
            write_atomic(self.directory / "CACHEDIR.TAG",
                         "Signature: 8a477f597d28d172789f06886806bc55\n# faq lint's cache; safe to delete.\n")

    def get(self, display: str, digest: bytes) -> dict[str, Any] | None:
        """The cached results for the file whose bytes have this SHA-256, or None."""
        try:
            value = json.loads(self._entry(display, digest).read_bytes())
            if isinstance(value, dict) and value.get("display") == display and _shaped(value):
                return value
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            pass
        return None

    def get_body(self, display: str, digest: bytes) -> dict[str, Any] | None:
        """The body kept beside an entry (its part's lists and contributions), or None:
        read only when a corpus-wide rule must combine the whole corpus again."""
        try:
            value = json.loads(self._entry(display, digest).with_suffix(".body").read_bytes())
            if isinstance(value, dict) and value.get("display") == display and _body_shaped(value):
                return value
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            pass
        return None

    def put(self, display: str, digest: bytes, value: dict[str, Any], body: dict[str, Any] | None = None) -> None:
        """Store results (the body first: an entry is found only once it is whole); a
        cache that cannot be written only makes the next run slower."""
        from pipeline.files import write_atomic

        path = self._entry(display, digest)
        try:
            self._prepare()
            if body is not None:
                write_atomic(path.with_suffix(".body"), json.dumps({"display": display, **body}, ensure_ascii=False))
            write_atomic(path, json.dumps({"display": display, **value}, ensure_ascii=False))
        except (OSError, ValueError, TypeError, FaqError):  # write_atomic reports failures as FaqError
            pass

    def file_digests(self) -> FileDigests:
        return FileDigests(self.directory / "files.json", self)

    def corpus_index(self):
        """The keyed corpus-wide rules' index (pipeline/corpus_store.py)."""
        from pipeline.corpus_store import CorpusStore

        return CorpusStore(self.directory, self.salt)


class FileDigests:
    """The SHA-256 of each file as last read, with what `os.stat` said of it then,
    so that a re-lint need not read and hash a million-entry corpus to learn that one
    file changed. As in git's index, a record is trusted only if the file's size,
    modification and change times and inode are the same, and its modification time
    is older by a margin than the moment it was recorded: a file written again within
    the timestamps' granularity of being hashed is hashed again."""

    MARGIN_NS = 2 * 10**9  # the coarsest modification times in use (FAT) are 2 s apart

    def __init__(self, path: Path, cache: LintCache) -> None:
        self._path = path
        self._cache = cache
        self._records: dict[str, list] = {}
        self._seen: dict[str, list] = {}
        self._pending: dict[str, tuple[list[int] | None, int]] = {}
        try:
            value = json.loads(path.read_bytes())
            if isinstance(value, dict) and value.get("salt") == cache.salt and isinstance(value.get("files"), dict):
                self._records = value["files"]
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            pass

    @staticmethod
    def _stat(path: Path) -> list[int] | None:
        try:
            info = path.stat()
        except OSError:
            return None
        return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]

    def digest(self, display: str, path: Path) -> bytes | None:
        """The file's SHA-256 as recorded, if its stat still vouches for it; else None
        (and the stat taken now is what `hashed` records, as it precedes the read)."""
        import time

        record = self._records.get(display)
        stat = self._stat(path)
        self._pending[display] = (stat, time.time_ns())
        if not (isinstance(record, list) and len(record) == 6 and stat is not None and record[:4] == stat
                and isinstance(record[4], int) and stat[1] < record[4] - self.MARGIN_NS
                and isinstance(record[5], str)):
            return None
        try:
            digest = bytes.fromhex(record[5])
        except ValueError:
            return None
        self._seen[display] = record
        return digest

    def hashed(self, display: str, data: bytes) -> bytes:
        """The SHA-256 of ``data``, just read, recorded with the stat `digest` took
        before the read: a write that overtakes the read changes the stat, so the
        next run reads the file again."""
        stat, now = self._pending.pop(display, (None, 0))
        digest = hashlib.sha256(data).digest()
        if stat is not None and stat[1] < now:
            self._seen[display] = [*stat, now, digest.hex()]
        return digest

    def save(self) -> None:
        """Keep the records of this run's files (a file no longer linted is forgotten)."""
        if self._seen == self._records:
            return
        from pipeline.files import write_atomic

        try:
            self._cache._prepare()
            write_atomic(self._path, json.dumps({"salt": self._cache.salt, "files": self._seen}))
        except (OSError, ValueError, TypeError, FaqError):
            pass


def _shaped(value: dict[str, Any]) -> bool:
    """Whether a cache entry has the fields and row widths `faq lint` reads back."""
    problems, suppressions = value.get("problems"), value.get("suppressions")
    part, places = value.get("part"), value.get("places", False)
    return (isinstance(problems, list) and all(isinstance(p, list) and len(p) == 8 for p in problems)
            and isinstance(suppressions, list) and all(isinstance(s, list) and len(s) == 5 for s in suppressions)
            and (part is None or isinstance(part, dict)) and (places is None or isinstance(places, list)))


def _body_shaped(value: dict[str, Any]) -> bool:
    """Whether a part's body has the lists (one item an entry) and contributions
    `faq lint` reads back."""
    lists = [value.get(name) for name in ("ids", "questions", "keys")]
    return (all(isinstance(items, list) for items in lists) and len({len(items) for items in lists}) == 1
            and isinstance(value.get("data"), dict))
