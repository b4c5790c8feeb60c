"""Readers: each turns one kind of raw source into the shared model."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError
from pipeline.model import Entry


@dataclass
class Dropped:
    """Text a reader recognised as page furniture rather than content."""

    text: str
    line: int
    code: str
    name: str
    message: str


@dataclass
class ReadResult:
    entries: list[Entry]
    title: str | None = None
    language: str | None = None
    dropped: list[Dropped] = field(default_factory=list)


TEXT_SUFFIXES = {".txt", ".text", ""}


def read_source(data: bytes, path: str, language: str) -> ReadResult:
    """Pick the reader for a raw file and run it."""
    suffix = Path(path).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from pipeline.sources.decode import decode_text
        from pipeline.sources.plaintext import read_plaintext

        return read_plaintext(decode_text(data, path), path, language)
    raise InputError(f"no reader for '{suffix}' files", path,
                     hint="plain-text scrapes (.txt) are supported")
