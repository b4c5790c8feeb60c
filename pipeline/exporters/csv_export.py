"""CSV for spreadsheets: one row per entry with the columns id, collection,
question, answer (Markdown) and tags (joined with "; "), quoted as RFC 4180 says:
CRLF between records, fields quoted only when they hold a comma, a quote or a line
break, quotes doubled. No byte-order mark (spreadsheets that need one to detect
UTF-8 can be told the encoding on import)."""
from __future__ import annotations

import csv
import io

from pipeline.exporters import ExportOptions, Exporter
from pipeline.model import Collection

FILE_NAME = "faq.csv"
COLUMNS = ("id", "collection", "question", "answer", "tags")
TAG_SEPARATOR = "; "


def render(corpus: list[Collection], options: ExportOptions = ExportOptions()) -> dict[str, str]:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for collection in corpus:
        for entry in collection.entries:
            writer.writerow([entry.id, collection.name, entry.question, entry.answer,
                             TAG_SEPARATOR.join(entry.tags)])
    return {FILE_NAME: stream.getvalue()}


EXPORTER = Exporter("csv", "CSV (RFC 4180): id, collection, question, answer, tags", render, ".csv")
