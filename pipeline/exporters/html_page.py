"""A static HTML page per collection: every question a `<details>`/`<summary>` that
opens on its answer, a table of contents, the collection's FAQPage JSON-LD
embedded, no external assets (the style is inline), readable on a phone.

Accessibility: the page has a language and, for Arabic, Hebrew, Persian, Urdu and
the other languages written from right to left, that direction (the style uses
logical sides, so that indents follow it); a `<header>` with the one `<h1>`, a
`<nav>` labelled by its heading and a `<main>`; each question is an `<h2>` inside
its summary, so that screen readers list the questions as headings. All text is
escaped, answers come from `html_answer` (sanitized), and a Content-Security-Policy
forbids every script and remote resource, so even a mistake in escaping could not
run code or load anything.
"""
from __future__ import annotations

from html import escape

from pipeline import __version__
from pipeline.exporters import GENERATOR, ExportOptions, Exporter
from pipeline.exporters.html_answer import answer_html
from pipeline.exporters.jsonld import faq_page, script_safe_json
from pipeline.exporters.labels import label, language_of
from pipeline.language import base_language, text_direction
from pipeline.model import Collection

SUFFIX = ".html"
_GENERATOR_META = f'<meta name="generator" content="{GENERATOR}'

STYLE = """\
:root { color-scheme: light dark; --accent: #1a5fb4; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem; font: 1.0625rem/1.6 system-ui, -apple-system,
  "Segoe UI", Roboto, sans-serif; overflow-wrap: break-word; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0; }
nav h2 { font-size: 1.125rem; }
nav ol { padding-inline-start: 1.5rem; }
nav li { margin: 0.25rem 0; }
a { color: var(--accent); }
details { border-bottom: 1px solid #8886; padding: 0.5rem 0; }
summary { cursor: pointer; padding: 0.25rem 0; }
summary h2 { display: inline; font-size: 1.125rem; margin: 0; }
summary:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.answer { padding: 0 0 0.5rem; padding-inline-start: 1.25rem; }
@media (prefers-color-scheme: dark) { :root { --accent: #78aeed; } }
"""


def page(collection: Collection) -> str:
    language = escape(collection.language, quote=True)
    title = escape(collection.title, quote=False)
    contents = label("contents", collection.language)
    right_to_left = text_direction(collection.language) == "rtl"
    direction = ' dir="rtl"' if right_to_left else ""
    # A label faq has no words for is English: the heading says so to screen readers.
    heading_language = ""
    if language_of("contents", collection.language) != base_language(collection.language):
        heading_language = ' lang="en"' + (' dir="ltr"' if right_to_left else "")
    # "_contents" cannot clash with an entry id: ids are slugs, which have no "_".
    toc = "\n".join(f'<li><a href="#{escape(entry.id, quote=True)}">{escape(entry.question, quote=False)}</a></li>'
                    for entry in collection.entries)
    items = "\n".join(
        f'<details id="{escape(entry.id, quote=True)}">\n'
        f"<summary><h2>{escape(entry.question, quote=False)}</h2></summary>\n"
        f'<div class="answer">{answer_html(entry.answer)}</div>\n'
        f"</details>" for entry in collection.entries)
    description = f"\n<p>{escape(collection.description, quote=False)}</p>" if collection.description else ""
    meta_description = (f'\n<meta name="description" content="{escape(collection.description, quote=True)}">'
                        if collection.description else "")
    return f"""<!DOCTYPE html>
<html lang="{language}"{direction}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
{_GENERATOR_META} {escape(__version__, quote=True)}">{meta_description}
<title>{title}</title>
<style>
{STYLE}</style>
<script type="application/ld+json">
{script_safe_json(faq_page(collection))}
</script>
</head>
<body>
<header>
<h1>{title}</h1>{description}
</header>
<nav aria-labelledby="_contents">
<h2 id="_contents"{heading_language}>{escape(contents, quote=False)}</h2>
<ol>
{toc}
</ol>
</nav>
<main aria-label="{escape(label("questions", collection.language), quote=True)}">
{items}
</main>
</body>
</html>
"""


def render(corpus: list[Collection], options: ExportOptions = ExportOptions()) -> dict[str, str]:
    return {f"{collection.name}{SUFFIX}": page(collection) for collection in corpus}


def is_own(text: str) -> bool:
    return _GENERATOR_META in text[:2048]


EXPORTER = Exporter("html", "a static, accessible HTML page per collection, with its JSON-LD", render,
                    SUFFIX, is_own)
