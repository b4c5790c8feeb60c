"""JSON: one document with the corpus metadata, the collections and a flat
`entries` array, for websites, help centres and data tools. Its shape is
schema/export.schema.json; `faq ingest` reads it back (see
`pipeline.sources.data_files`), so a published corpus can be restored."""
from __future__ import annotations

import json
from typing import Any

from pipeline import __version__
from pipeline.exporters import GENERATOR, ExportOptions, Exporter
from pipeline.exporters.html_answer import answer_html
from pipeline.model import Collection, Entry

FILE_NAME = "faq.json"
SCHEMA_ID = "urn:faq-pipeline:schema:export:1"


def collection_record(collection: Collection) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": collection.name, "title": collection.title,
                            "language": collection.language}
    if collection.description:
        meta["description"] = collection.description
    if collection.source:
        meta["source"] = {"path": collection.source.path, "sha256": collection.source.sha256}
        if collection.source.url:
            meta["source"]["url"] = collection.source.url
    meta["entries"] = len(collection.entries)
    return meta


def entry_record(collection: Collection, entry: Entry) -> dict[str, Any]:
    """One entry as JSON and JSON Lines publish it: the answer as Markdown (what
    editors wrote) and as sanitized HTML (what a page can insert as it is)."""
    provenance: dict[str, Any] = {"source": entry.provenance.source}
    if entry.provenance.lines:
        provenance["lines"] = list(entry.provenance.lines)
    if entry.provenance.locator:
        provenance["locator"] = entry.provenance.locator
    return {"id": entry.id, "collection": collection.name, "question": entry.question,
            "answer": entry.answer, "answer_html": answer_html(entry.answer),
            "truncated": entry.truncated, "tags": list(entry.tags), "provenance": provenance}


def document(corpus: list[Collection]) -> dict[str, Any]:
    return {"$schema": SCHEMA_ID,
            "generator": {"name": GENERATOR, "version": __version__},
            "collections": [collection_record(c) for c in corpus],
            "entries": [entry_record(c, e) for c in corpus for e in c.entries]}


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(corpus: list[Collection], options: ExportOptions = ExportOptions()) -> dict[str, str]:
    if options.split:
        return {f"{collection.name}.json": dumps(document([collection])) for collection in corpus}
    return {FILE_NAME: dumps(document(corpus))}


def is_own(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("$schema") == SCHEMA_ID


EXPORTER = Exporter("json", "one JSON document: corpus metadata, collections and an `entries` array "
                    "(--split: one document per collection)", render, ".json", is_own)
