"""`faq export`: the valid corpus rendered into the chosen formats, written into
the output directory, or compared with what is there (`--check`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pipeline import corpus as corpus_files
from pipeline.config import Config
from pipeline.errors import InputError
from pipeline.exporters import ExportOptions, Exporter, exporters
from pipeline.files import holds, write_atomic
from pipeline.model import Collection

# Formats written when --format is not given: every one of them.
DEFAULT_FORMATS = ("json", "jsonl", "markdown", "jsonld", "html", "csv")


def load_corpus(config: Config, names: list[str] | None = None) -> list[Collection]:
    """Every collection in clean/ (or those named), sorted by name; any invalid
    file stops the export, and so does a name that is not a collection."""
    if not config.clean_dir.is_dir():
        raise InputError("no clean/ directory", config.relative(config.clean_dir),
                         hint="run `faq ingest` first")
    collections = []
    for path in corpus_files.corpus_files([config.clean_dir]):
        if not corpus_files.is_removed_file(path):
            collections.append(corpus_files.load_collection_file(path, config.relative(path)))
    collections.sort(key=lambda c: c.name)
    if not names:
        return collections
    known = {collection.name for collection in collections}
    unknown = [name for name in dict.fromkeys(names) if name not in known]
    if unknown:
        raise InputError(f"no collection named {', '.join(repr(n) for n in unknown)}",
                         config.relative(config.clean_dir),
                         hint=f"known collections: {', '.join(sorted(known)) or 'none'}")
    wanted = set(names)
    return [collection for collection in collections if collection.name in wanted]


def check_name(name: str) -> str:
    """Refuse a file name that would land outside the output directory (an absolute
    path, `..`, a separator) or hide in it (a leading dot)."""
    path = PurePosixPath(name)
    if (not name or "\\" in name or "\x00" in name or path.is_absolute() or len(path.parts) != 1
            or name.startswith(".")):
        raise InputError(f"refusing to write outside the output directory: {name!r}",
                         hint="collection names must be slugs (see schema/collection.schema.json)")
    return name


def render(corpus: list[Collection], formats: list[str], options: ExportOptions = ExportOptions()
           ) -> dict[str, str]:
    """{file name: text} for every chosen format. Two formats never write one name."""
    files: dict[str, str] = {}
    table = exporters()
    for name in formats:
        for file_name, text in table[name].render(corpus, options).items():
            files[check_name(file_name)] = text
    return dict(sorted(files.items()))


@dataclass
class Comparison:
    """How the files an export would write differ from those in a directory."""

    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    # Files of the chosen formats that an earlier export wrote (they carry its
    # mark) and this one would not: a collection that is gone, a --split switched.
    stale: list[str] = field(default_factory=list)

    @property
    def up_to_date(self) -> bool:
        return not (self.missing or self.changed or self.stale)


def compare(files: dict[str, str], out_dir: Path, formats: list[str], *, find_stale: bool = True
            ) -> Comparison:
    result = Comparison()
    for name, text in files.items():
        target = out_dir / name
        if not target.exists():
            result.missing.append(name)
        elif not target.is_file():
            raise InputError("not a regular file, so it cannot be compared or written", str(target))
        elif not holds(target, text):
            result.changed.append(name)
    if find_stale:
        result.stale = stale_files(files, out_dir, [exporters()[name] for name in formats])
    return result


def stale_files(files: dict[str, str], out_dir: Path, chosen: list[Exporter]) -> list[str]:
    if not out_dir.is_dir():
        return []
    stale = []
    for path in sorted(out_dir.iterdir()):
        if path.name in files or path.name.startswith(".") or not path.is_file():
            continue
        for exporter in chosen:
            if path.suffix == exporter.suffix and _is_own(exporter, path):
                stale.append(path.name)
                break
    return stale


def _is_own(exporter: Exporter, path: Path) -> bool:
    try:
        return exporter.is_own(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False


@dataclass
class Written:
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def write(files: dict[str, str], out_dir: Path, stale: list[str] = ()) -> Written:
    """Write the rendered files under ``out_dir`` (atomically, only those whose bytes
    changed) and remove the stale files of earlier exports."""
    result = Written()
    root = out_dir.resolve()
    for name, text in sorted(files.items()):
        target = (out_dir / check_name(name)).resolve()
        if root not in target.parents:
            raise InputError(f"refusing to write outside the output directory: {name!r}", str(out_dir))
        try:
            (result.changed if write_atomic(target, text) else result.unchanged).append(name)
        except OSError as exc:
            raise InputError(f"cannot write file: {exc.strerror or exc}", str(out_dir / name)) from None
    for name in stale:
        try:
            (out_dir / check_name(name)).unlink(missing_ok=True)
        except OSError as exc:
            raise InputError(f"cannot remove stale file: {exc.strerror or exc}", str(out_dir / name)) from None
        result.removed.append(name)
    return result
