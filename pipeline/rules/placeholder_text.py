from __future__ import annotations

import re
from typing import Iterator

from pipeline.language import mentions
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Rule

_PLACEHOLDER_RE = re.compile("|".join([
    r"(?i:\blorem ipsum\b|\bdolor sit amet\b)",
    # Markers written in capitals by convention; "todo" in a sentence is a word.
    r"\b(?:TODO|TBD|TBA|FIXME|TKTK)\b",
    r"(?<![-\w])XXX(?![-\w])",  # not "XXX-XXXX" masking a number
    r"\{\{.*?\}\}", r"\{%.*?%\}",  # template tags: {{ answer }}, {% if %}
    r"(?i:\[\s*(?:insert|add|enter|your|placeholder|answer|todo|tbd)\b[^\]\n]*\])(?!\()",
    r"(?i:\\?<\s*(?:placeholder|insert\b[^<>\n]*|your\s[^<>\n]*|answer here)\s*>)",
    r"(?i:\b(?:(?:answer|question|text|content|copy|description) goes here"
    r"|(?:your|insert|add) (?:answer|text|content|copy) here"
    r"|(?:answer|text|content) coming soon|to be written|write (?:the |your )?answer here)\b)",
]))
# Text of which every match of _PLACEHOLDER_RE holds one, in any case or as
# written; most answers have none, and substring checks are much cheaper than the
# full pattern. Keep them in step with it.
_CASELESS_HINTS = ("lorem", "dolor", " here", "soon", "to be written")
_EXACT_HINTS = ("TODO", "TBD", "TBA", "FIXME", "TKTK", "XXX", "{{", "{%", "[", "<")


def _maybe_placeholder(text: str) -> bool:
    return any(map(text.__contains__, _EXACT_HINTS)) or mentions(text, _CASELESS_HINTS)


class PlaceholderText(Rule):
    """Placeholder text where the question or answer should be.

    What it finds: "lorem ipsum", the markers TODO, TBD, TBA, FIXME and XXX (in
    capitals, as they are written), template tags ("{{ answer }}", "{% if ... %}"),
    bracketed prompts ("[insert price]", "<placeholder>", "<your answer>") and
    phrases such as "Answer goes here" or "Your answer here". A link whose text
    starts with "your" ("[your account](...)") is not a prompt.

    Why it matters: placeholder content must never be published. Unlike most
    findings it is never a matter of style, so it is an error: the build stops
    until someone writes the real text. "TBD" in an event FAQ is a real answer only
    until the date is known; write "We will announce the date in May" instead.

    Example:
        failing: answer: "Our fees are [insert price] per session. TODO: confirm."
        passing: answer: "Our fees are $120 per session."
    """

    code = "FAQ219"
    name = "placeholder-text"
    severity = Severity.ERROR

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        for field in ("question", "answer"):
            value = getattr(entry, field)
            found = list(_PLACEHOLDER_RE.finditer(value)) if _maybe_placeholder(value) else []
            if found:
                shown = ", ".join(repr(m.group(0)[:40]) for m in found[:3])
                yield Finding(entry, f"placeholder text {shown} in the {field}", field=field,
                              offset=found[0].start())
