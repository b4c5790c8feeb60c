"""The rules a run uses, as the configuration selects them, each with its severity
and options."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.config import Config
from pipeline.model import Severity
from pipeline.rules import ALL_RULES, CONTENT_RULES, Rule


@dataclass
class ActiveRule:
    rule: Rule
    severity: Severity
    options: dict[str, Any]


def _matches(rule: type[Rule], patterns: list[str]) -> bool:
    return _matches_token(patterns, rule.code, rule.name)


def _matches_token(patterns: list[str], code: str, name: str) -> bool:
    from pipeline.suppression import token_matches

    return any(token_matches(pattern, code, name) for pattern in patterns)


def preset_severity(preset: str, severity: Severity) -> Severity:
    """`extends = "strict"` raises every warning to an error."""
    if preset == "strict" and severity == Severity.WARNING:
        return Severity.ERROR
    return severity


class RuleSet:
    """Active rules keyed by name (custom rules may share a code, never a name)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.active: dict[str, ActiveRule] = {}
        self.by_code: dict[str, ActiveRule] = {}
        for rule in [*ALL_RULES, *config.custom_rules]:
            if not _matches(rule, config.select) or _matches(rule, config.ignore):
                continue
            settings = config.rules.get(rule.code, {})
            severity = preset_severity(config.extends, rule.severity)
            if "severity" in settings:
                severity = Severity.parse(settings["severity"])
            options = {**rule.options, **{k: v for k, v in settings.items() if k != "severity"}}
            active = ActiveRule(rule(), severity, options)
            self.active[rule.name] = active
            self.by_code.setdefault(rule.code, active)

    def content_rules(self) -> list[ActiveRule]:
        ordered = [self.active[r.name] for r in CONTENT_RULES if r.name in self.active]
        return ordered + [self.active[r.name] for r in self.config.custom_rules if r.name in self.active]

    def severity(self, code: str) -> Severity | None:
        active = self.by_code.get(code)
        return active.severity if active else None

    def ignored_at(self, path: str, code: str, name: str) -> bool:
        """True when a per-path ignore of the configuration covers this rule at ``path``."""
        from fnmatch import fnmatch

        return any(fnmatch(path, pattern) and _matches_token(patterns, code, name)
                   for pattern, patterns in self.config.per_path_ignores.items())
