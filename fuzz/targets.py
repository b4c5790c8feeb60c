"""The fuzz targets' one entry function, shared by the atheris scripts beside it
and by tests/test_fuzz_targets.py (which runs it over the seed corpus, so that
CI checks the targets work even where atheris is not installed).

A target may only return or raise InputError: any other exception is a crash,
which is what atheris reports."""
from __future__ import annotations

from pipeline.errors import InputError
from pipeline.sources import read_source

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html",)


def read_as(data: bytes, suffixes: tuple[str, ...]) -> None:
    """Read ``data`` as a source of each kind; raise only on a bug."""
    for suffix in suffixes:
        try:
            result = read_source(data, f"raw/fuzz{suffix}", "en")
        except InputError:
            continue
        for entry in result.entries:
            entry.fingerprint()  # the text must be storable: this encodes it as UTF-8
