"""Markdown: one page per collection, each question a heading and its answer below."""
from __future__ import annotations

from pipeline.answer import escape_text
from pipeline.exporters import Exporter
from pipeline.model import Collection


def page(collection: Collection) -> str:
    parts = [f"# {escape_text(collection.title)}"]
    if collection.description:
        parts.append(collection.description)
    for entry in collection.entries:
        parts.append(f"## {escape_text(entry.question)}")
        parts.append(entry.answer)
    return "\n\n".join(parts) + "\n"


def render(corpus: list[Collection]) -> dict[str, str]:
    return {f"{collection.name}.md": page(collection) for collection in corpus}


EXPORTER = Exporter("markdown", "one Markdown page per collection", render)
