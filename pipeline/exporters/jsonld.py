"""schema.org FAQPage markup (JSON-LD), one page per collection: `mainEntity` ->
`Question` (`name`) -> `acceptedAnswer` -> `Answer` (`text`, sanitized HTML).

Search engines no longer show FAQ rich results; the markup stays valid schema.org
for the other consumers of FAQ markup (assistants, help-centre tools, crawlers).

The text is serialised so that it can sit inside a
``<script type="application/ld+json">`` block as it is: ``<``, ``>`` and ``&`` are
written as JSON escapes (``\\u003c`` ...), so ``</script>`` or ``<!--`` in an answer
cannot end the block or open a comment. The escapes are ordinary JSON: every
parser reads back the original characters.
"""
from __future__ import annotations

import json
from typing import Any

from pipeline.exporters import ExportOptions, Exporter
from pipeline.exporters.html_answer import answer_html
from pipeline.model import Collection

SUFFIX = ".jsonld"
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def faq_page(collection: Collection) -> dict[str, Any]:
    page: dict[str, Any] = {"@context": "https://schema.org", "@type": "FAQPage",
                            "name": collection.title, "inLanguage": collection.language}
    if collection.description:
        page["description"] = collection.description
    page["mainEntity"] = [{
        "@type": "Question", "name": entry.question,
        "acceptedAnswer": {"@type": "Answer", "text": answer_html(entry.answer)},
    } for entry in collection.entries]
    return page


def script_safe_json(data: Any, indent: int | None = 2) -> str:
    """JSON that can be embedded in a <script> element: no <, > or & in the text."""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return "".join(_SCRIPT_SAFE.get(char, char) for char in text)


def render(corpus: list[Collection], options: ExportOptions = ExportOptions()) -> dict[str, str]:
    return {f"{collection.name}{SUFFIX}": script_safe_json(faq_page(collection)) + "\n"
            for collection in corpus}


def is_own(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("@type") == "FAQPage" and "mainEntity" in data


EXPORTER = Exporter("jsonld", "schema.org FAQPage JSON-LD, one file per collection", render, SUFFIX, is_own)
