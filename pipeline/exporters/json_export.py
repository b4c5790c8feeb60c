"""JSON: one document with the collections and a flat `entries` array, for websites,
help centres and data tools."""
from __future__ import annotations

import json
from typing import Any

from pipeline import __version__
from pipeline.exporters import Exporter
from pipeline.model import Collection

FILE_NAME = "faq.json"


def document(corpus: list[Collection]) -> dict[str, Any]:
    collections = []
    entries = []
    for collection in corpus:
        meta: dict[str, Any] = {"name": collection.name, "title": collection.title,
                                "language": collection.language}
        if collection.description:
            meta["description"] = collection.description
        if collection.source:
            meta["source"] = {"path": collection.source.path, "sha256": collection.source.sha256}
            if collection.source.url:
                meta["source"]["url"] = collection.source.url
        meta["entries"] = len(collection.entries)
        collections.append(meta)
        for entry in collection.entries:
            provenance: dict[str, Any] = {"source": entry.provenance.source}
            if entry.provenance.lines:
                provenance["lines"] = list(entry.provenance.lines)
            if entry.provenance.locator:
                provenance["locator"] = entry.provenance.locator
            entries.append({
                "id": entry.id, "collection": collection.name, "question": entry.question,
                "answer": entry.answer, "truncated": entry.truncated, "tags": list(entry.tags),
                "provenance": provenance,
            })
    return {"generator": {"name": "faq", "version": __version__},
            "collections": collections, "entries": entries}


def render(corpus: list[Collection]) -> dict[str, str]:
    return {FILE_NAME: json.dumps(document(corpus), indent=2, ensure_ascii=False) + "\n"}


EXPORTER = Exporter("json", "one JSON document: collections and an `entries` array", render)
