from __future__ import annotations

import re
from typing import Iterator

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
            found = list(_PLACEHOLDER_RE.finditer(value))
            if found:
                shown = ", ".join(repr(m.group(0)[:40]) for m in found[:3])
                yield Finding(entry, f"placeholder text {shown} in the {field}", field=field,
                              offset=found[0].start())
