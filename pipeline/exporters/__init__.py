"""Exporters: each turns the corpus model into one published format. Every exporter
is deterministic: the same corpus gives the same bytes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pipeline.model import Collection


@dataclass(frozen=True)
class Exporter:
    name: str
    description: str
    # Returns {relative file name: text} for the whole corpus.
    render: Callable[[list[Collection]], dict[str, str]]


def exporters() -> dict[str, Exporter]:
    from pipeline.exporters import json_export, markdown

    return {e.name: e for e in (json_export.EXPORTER, markdown.EXPORTER)}
