"""Readers: each turns one kind of raw source into the shared model.

A reader is a function ``read(data: bytes, path: str, options: ReadOptions) ->
ReadResult``. It finds structure only (questions, answers, page furniture); repairs
and removals are the rules' job, so that cleaning and linting share them. The
table below maps file suffixes to readers; a reader module is imported only when a
file needs it, so that `faq lint` never pays for bs4 or lxml.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.model import Entry


@dataclass
class Dropped:
    """Text a reader recognised as page furniture rather than content."""

    text: str
    line: int | None
    code: str
    name: str
    message: str


@dataclass
class ReadResult:
    entries: list[Entry]
    title: str | None = None
    language: str | None = None
    description: str | None = None
    dropped: list[Dropped] = field(default_factory=list)
    # Things worth telling the user that are not removals (a skipped broken JSON-LD
    # block, a structured answer shorter than the visible one, ...).
    warnings: list[str] = field(default_factory=list)
    # The collection's name when the source states it (faq's own JSON export);
    # otherwise the collection is named after the file.
    name: str | None = None


@dataclass
class ReadOptions:
    """What readers may be told by the configuration's [ingest] table."""

    language: str = "en"
    # Extra line markers for Q:/A: style text, e.g. {"question": ["F:"], "answer": ["A:"]}.
    markers: dict[str, list[str]] = field(default_factory=dict)
    # Extra field names for data files, e.g. {"question": ["frage"], "answer": ["antwort"]}.
    fields: dict[str, list[str]] = field(default_factory=dict)
    # For QAPage markup: "accepted" (the accepted answer only) or "all".
    qa_answers: str = "accepted"
    url: str | None = None  # the page's address, when the source was fetched
    extra: dict[str, Any] = field(default_factory=dict)


# suffix -> "module:function"
READERS: dict[str, str] = {
    ".txt": "pipeline.sources.text:read_text",
    ".text": "pipeline.sources.text:read_text",
    "": "pipeline.sources.text:read_text",
    ".html": "pipeline.sources.html:read_html",
    ".htm": "pipeline.sources.html:read_html",
    ".xhtml": "pipeline.sources.html:read_html",
    ".md": "pipeline.sources.markdown_page:read_markdown",
    ".markdown": "pipeline.sources.markdown_page:read_markdown",
    ".csv": "pipeline.sources.data_files:read_csv",
    ".json": "pipeline.sources.data_files:read_json",
    ".yaml": "pipeline.sources.data_files:read_yaml",
    ".yml": "pipeline.sources.data_files:read_yaml",
}


def reader_for(path: str):
    suffix = Path(path).suffix.lower()
    target = READERS.get(suffix)
    if target is None:
        known = ", ".join(sorted(s for s in READERS if s))
        raise InputError(f"no reader for '{suffix}' files", path, hint=f"supported: {known}")
    module_name, function = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            raise InputError(f"no reader for '{suffix}' files yet", path) from None
        raise
    return getattr(module, function)


def read_source(data: bytes, path: str, options: ReadOptions | str = "en") -> ReadResult:
    """Pick the reader for a raw file by its suffix and run it."""
    if isinstance(options, str):
        options = ReadOptions(language=options)
    return reader_for(path)(data, path, options)
