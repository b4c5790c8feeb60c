"""Plain-text sources: decode them, then hand them to the reader for their style."""
from __future__ import annotations

from pipeline.sources import ReadOptions, ReadResult
from pipeline.sources.decode import decode_text


def read_text(data: bytes, path: str, options: ReadOptions) -> ReadResult:
    text = decode_text(data, path)
    qa_text = _optional("pipeline.sources.qa_text")
    if qa_text is not None and qa_text.looks_like_qa(text, options):
        return qa_text.read_qa_text(text, path, options)
    from pipeline.sources.plaintext import read_plaintext

    return read_plaintext(text, path, options.language)


def _optional(name: str):
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None
