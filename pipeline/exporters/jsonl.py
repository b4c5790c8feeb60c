"""JSON Lines: one entry per line, the same objects as the JSON document's
`entries`, for search indexes and data tools that stream records."""
from __future__ import annotations

import json

from pipeline.exporters import ExportOptions, Exporter
from pipeline.exporters.json_export import entry_record
from pipeline.model import Collection

FILE_NAME = "faq.jsonl"


def render(corpus: list[Collection], options: ExportOptions = ExportOptions()) -> dict[str, str]:
    lines = [json.dumps(entry_record(collection, entry), ensure_ascii=False, separators=(",", ":"))
             for collection in corpus for entry in collection.entries]
    return {FILE_NAME: "".join(line + "\n" for line in lines)}


EXPORTER = Exporter("jsonl", "JSON Lines: one entry per line", render, ".jsonl")
