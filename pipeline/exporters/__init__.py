"""Exporters: each turns the corpus model into one published format. Every exporter
is deterministic: the same corpus gives the same bytes (collections sorted by name,
entries in their curated order, no timestamps)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pipeline.model import Collection

# The one generator name every export carries; the data-file reader recognises our
# own JSON export by it.
GENERATOR = "faq"


@dataclass(frozen=True)
class ExportOptions:
    """What an exporter may be told: ``split`` asks for one file per collection
    where a format also has a one-file form (Markdown, JSON)."""

    split: bool = False


@dataclass(frozen=True)
class Exporter:
    name: str
    description: str
    # Returns {relative file name: text} for the whole corpus.
    render: Callable[[list[Collection], ExportOptions], dict[str, str]]
    # File name suffix of the files this format writes, and a test of whether a file
    # with that suffix is one of ours (so that --check can call it stale and export
    # can remove it when its collection is gone, never touching anything else).
    suffix: str = ""
    is_own: Callable[[str], bool] = lambda text: False


def exporters() -> dict[str, Exporter]:
    from pipeline.exporters import csv_export, html_page, json_export, jsonl, jsonld, markdown

    return {e.name: e for e in (json_export.EXPORTER, jsonl.EXPORTER, markdown.EXPORTER, jsonld.EXPORTER,
                                html_page.EXPORTER, csv_export.EXPORTER)}
