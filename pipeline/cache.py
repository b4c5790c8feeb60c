"""The lint cache: what the first stage of `faq lint` found in each file (schema
errors, the one-collection rules' problems, suppressions, the file's part for the
corpus-wide rules, which holds ids, question keys and each rule's contribution,
and where each entry is), kept under the corpus root in ``.faq-cache/`` so that
re-linting reads again only the files that changed.

Beside them, under ``corpus/``, each corpus-wide rule's latest findings, keyed by
the digests of what it read of each file: a re-lint after an edit that does not
touch what a rule compares (an answer, for the duplicate-question and
near-duplicate rules) reuses them instead of comparing the corpus again.

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
FORMAT = "3"


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

    def put(self, display: str, digest: bytes, value: dict[str, Any]) -> None:
        """Store results; a cache that cannot be written only makes the next run slower."""
        from pipeline.files import write_atomic

        path = self._entry(display, digest)
        try:
            self._prepare()
            write_atomic(path, json.dumps({"display": display, **value}, ensure_ascii=False))
        except (OSError, ValueError, TypeError, FaqError):  # write_atomic reports failures as FaqError
            pass

    # A corpus-wide rule's findings are kept once, its latest: unlike a file's
    # results, they are worth keeping only until any part of the corpus changes.

    def get_corpus(self, code: str, key: str) -> list | None:
        """The findings a corpus-wide rule stored under ``key``, or None."""
        try:
            value = json.loads((self.directory / "corpus" / f"{code}.json").read_bytes())
            if isinstance(value, dict) and value.get("key") == key and value.get("salt") == self.salt \
                    and isinstance(value.get("found"), list):
                return value["found"]
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            pass
        return None

    def put_corpus(self, code: str, key: str, found: list) -> None:
        from pipeline.files import write_atomic

        try:
            self._prepare()
            (self.directory / "corpus").mkdir(exist_ok=True)
            write_atomic(self.directory / "corpus" / f"{code}.json",
                         json.dumps({"salt": self.salt, "key": key, "found": found}, ensure_ascii=False))
        except (OSError, ValueError, TypeError, FaqError):
            pass


def _shaped(value: dict[str, Any]) -> bool:
    """Whether a cache entry has the fields and row widths `faq lint` reads back."""
    problems, suppressions = value.get("problems"), value.get("suppressions")
    part, places = value.get("part"), value.get("places", False)
    return (isinstance(problems, list) and all(isinstance(p, list) and len(p) == 8 for p in problems)
            and isinstance(suppressions, list) and all(isinstance(s, list) and len(s) == 5 for s in suppressions)
            and (part is None or isinstance(part, dict)) and (places is None or isinstance(places, list)))
