"""Rules a team writes in its configuration instead of in Python, like Vale's
existence and substitution styles:

    [custom.no-login-noun]
    pattern = "\\\\blogin\\\\b"           # a regular expression
    message = "Use 'sign in', not '{match}'"
    replace = "sign in"                 # optional: makes a fix (safe unless unsafe = true)
    severity = "warning"                # error, warning or info
    fields = ["question", "answer"]     # where to look (default: both)
    ignore_case = true                  # default true
    code = "ACME001"                    # optional; default CUSTOM

    [terms]                             # preferred spelling = the variants to replace
    "sign in" = ["log in", "login"]
    email = ["e-mail"]
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from pipeline.errors import ConfigError
from pipeline.language import has_marks
from pipeline.model import Entry, Severity
from pipeline.rules.base import Context, Finding, Fix, Rule

PATTERN_KEYS = {"pattern", "message", "replace", "severity", "fields", "ignore_case", "code", "unsafe"}
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^[A-Z]{2,8}[0-9]{0,4}$")


def pattern_rule(name: str, spec: dict[str, Any], path: str) -> type[Rule]:
    """A rule class for one `[custom.NAME]` table."""
    if not NAME_RE.match(name):
        raise ConfigError(f"custom rule name '{name}' must be kebab-case", path)
    unknown = set(spec) - PATTERN_KEYS
    if unknown:
        raise ConfigError(f"unknown key '{sorted(unknown)[0]}' in [custom.{name}]", path,
                          hint=f"allowed: {', '.join(sorted(PATTERN_KEYS))}")
    if not isinstance(spec.get("pattern"), str):
        raise ConfigError(f"[custom.{name}] needs a 'pattern' (a regular expression)", path)
    flags = re.IGNORECASE if spec.get("ignore_case", True) else 0
    try:
        regex = re.compile(spec["pattern"], flags)
    except re.error as exc:
        raise ConfigError(f"[custom.{name}] pattern is not a valid regular expression: {exc}", path) from None
    fields = spec.get("fields", ["question", "answer"])
    if not isinstance(fields, list) or not set(fields) <= {"question", "answer"}:
        raise ConfigError(f"[custom.{name}] fields must be a list of 'question' and 'answer'", path)
    code = spec.get("code", "CUSTOM")
    if not isinstance(code, str) or not CODE_RE.match(code) or code.startswith("FAQ"):
        raise ConfigError(f"[custom.{name}] code must be capital letters and digits, not FAQ…", path)
    try:
        severity = Severity.parse(str(spec.get("severity", "warning")))
    except ValueError as exc:
        raise ConfigError(f"[custom.{name}] {exc}", path) from None
    message = str(spec.get("message", f"matches the pattern of rule '{name}': '{{match}}'"))
    replace = spec.get("replace")
    safe = not spec.get("unsafe", False)

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        for field_name in fields:
            value = getattr(entry, field_name)
            match = regex.search(value)
            if not match:
                continue
            fix = None
            if isinstance(replace, str):
                fix = Fix({field_name: regex.sub(lambda m: _same_case(m.group(0), replace), value)}, safe=safe)
            yield Finding(entry, message.replace("{match}", match.group(0)), field=field_name,
                          offset=match.start(), fix=fix)

    doc = (f"Custom rule from the configuration: {message}\n\nWhat it finds: text matching "
           f"/{spec['pattern']}/ in the {' and '.join(fields)}.\n\nWhy it matters: the team's "
           f"style guide says so.\n\nExample:\n    failing: text that matches the pattern\n"
           f"    passing: text that does not")
    return type(f"Custom_{name}", (Rule,), {
        "__doc__": doc, "code": code, "name": name, "severity": severity,
        "fixable": ("safe" if safe else "unsafe") if isinstance(replace, str) else None,
        "check_entry": check_entry,
    })


def _whole_word(match: re.Match[str]) -> bool:
    """Whether a match bounded by non-word characters is a whole word: no mark
    (a Devanagari vowel sign, say) continues the word on either side. A class of
    every mark in each term's pattern would take milliseconds per term to compile."""
    text, start, end = match.string, match.start(), match.end()
    return not has_marks(text[max(0, start - 1):start] + text[end:end + 1])


def terms_rule(terms: dict[str, Any], path: str) -> type[Rule]:
    """One rule for the `[terms]` table: each variant replaced by its preferred term."""
    variants: list[tuple[re.Pattern, str, str]] = []
    for preferred, spellings in terms.items():
        if isinstance(spellings, str):
            spellings = [spellings]
        if not isinstance(spellings, list) or not all(isinstance(s, str) and s for s in spellings):
            raise ConfigError(f"terms.{preferred} must be a list of spellings to replace", path)
        for spelling in spellings:
            variants.append((re.compile(r"(?<!\w)" + re.escape(spelling) + r"(?!\w)", re.IGNORECASE),
                             spelling, preferred))

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        for field_name in ("question", "answer"):
            value = getattr(entry, field_name)
            for regex, spelling, preferred in variants:
                match = next(filter(_whole_word, regex.finditer(value)), None)
                if match and match.group(0) != preferred:
                    fixed = regex.sub(lambda m: _same_case(m.group(0), preferred) if _whole_word(m) else m.group(0),
                                      value)
                    yield Finding(entry, f"write '{preferred}', not '{match.group(0)}'", field=field_name,
                                  offset=match.start(), fix=Fix({field_name: fixed}))
                    value = fixed

    doc = ("Spellings the team's term list replaces.\n\nWhat it finds: the variants listed in the "
           "configuration's [terms] table.\n\nWhy it matters: one term, one spelling, across the "
           "corpus.\n\nExample:\n    failing: \"Send us an e-mail.\" with email = [\"e-mail\"]\n"
           "    passing: \"Send us an email.\"\n\nFix (safe): replaces the variant.")
    return type("PreferredTerm", (Rule,), {
        "__doc__": doc, "code": "FAQ900", "name": "preferred-term", "severity": Severity.WARNING,
        "fixable": "safe", "check_entry": check_entry,
    })


def _same_case(found: str, replacement: str) -> str:
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
