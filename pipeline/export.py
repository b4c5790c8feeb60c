"""`faq export`: the valid corpus rendered into the chosen formats."""
from __future__ import annotations

from pathlib import Path

from pipeline import corpus as corpus_files
from pipeline.config import Config
from pipeline.errors import InputError
from pipeline.exporters import exporters
from pipeline.files import write_atomic
from pipeline.model import Collection


def load_corpus(config: Config) -> list[Collection]:
    """Every collection in clean/, sorted by name; any invalid file stops the export."""
    if not config.clean_dir.is_dir():
        raise InputError("no clean/ directory", config.relative(config.clean_dir),
                         hint="run `faq ingest` first")
    collections = []
    for path in corpus_files.corpus_files([config.clean_dir]):
        if not corpus_files.is_removed_file(path):
            collections.append(corpus_files.load_collection_file(path, config.relative(path)))
    return sorted(collections, key=lambda c: c.name)


def render(config: Config, formats: list[str]) -> dict[str, str]:
    corpus = load_corpus(config)
    files: dict[str, str] = {}
    for name in formats:
        files.update(exporters()[name].render(corpus))
    return files


def write(files: dict[str, str], out_dir: Path) -> list[Path]:
    """Write the rendered files under ``out_dir``; return those whose bytes changed."""
    changed = []
    root = out_dir.resolve()
    for name, text in sorted(files.items()):
        target = (out_dir / name).resolve()
        if root not in target.parents:
            raise InputError(f"refusing to write outside the output directory: {name}", str(out_dir))
        if write_atomic(target, text):
            changed.append(target)
    return changed
