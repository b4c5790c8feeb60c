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
    for pattern in patterns:
        key = pattern.lower()
        if key == "all" or rule.name == key or rule.code.lower().startswith(key):
            return True
    return False


class RuleSet:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.active: dict[str, ActiveRule] = {}
        for rule in ALL_RULES:
            if not _matches(rule, config.select) or _matches(rule, config.ignore):
                continue
            settings = config.rules.get(rule.code, {})
            severity = Severity.parse(settings["severity"]) if "severity" in settings else rule.severity
            options = {**rule.options, **{k: v for k, v in settings.items() if k != "severity"}}
            self.active[rule.code] = ActiveRule(rule(), severity, options)

    def content_rules(self) -> list[ActiveRule]:
        return [self.active[r.code] for r in CONTENT_RULES if r.code in self.active]

    def severity(self, code: str) -> Severity | None:
        active = self.active.get(code)
        return active.severity if active else None
