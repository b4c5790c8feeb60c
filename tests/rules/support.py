"""Helpers for the rule tests: entries and collections built in memory, a rule run
through its own check with a Context, fixes applied, and small hand-written corpus
files for the real CLI."""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from pipeline.config import Config
from pipeline.model import Collection, Entry, Provenance
from pipeline.rules import Context, Finding, Rule
from pipeline.ruleset import RuleSet


def entry(question: str = "Can I hug my therapist?",
          answer: str = "Yes, if you both feel comfortable; ask first.", **fields: Any) -> Entry:
    return Entry(question, answer, Provenance("manual"), **fields)


def collection(*entries: Entry, name: str = "faq", language: str = "en") -> Collection:
    return Collection(name, name.replace("-", " ").capitalize(), language, None, list(entries))


def context(rule: type[Rule], target: Collection, corpus: list[Collection] = (),
            options: dict[str, Any] | None = None, removed: set[int] | None = None) -> Context:
    return Context(target, list(corpus), {**rule.options, **(options or {})}, removed or set())


def check(rule: type[Rule], item: Entry, language: str = "en", **options: Any) -> list[Finding]:
    """The findings of ``rule`` for one entry, in a collection of that language."""
    target = collection(item, language=language)
    return list(rule().check_entry(item, context(rule, target, options=options)))


def check_collection(rule: type[Rule], target: Collection, corpus: list[Collection] = (),
                     options: dict[str, Any] | None = None,
                     removed: set[int] | None = None) -> list[Finding]:
    return list(rule().check_collection(target, context(rule, target, corpus, options, removed)))


def apply(finding: Finding) -> None:
    for name, value in finding.fix.changes.items():
        setattr(finding.entry, name, value)


def assert_fix_is_idempotent(rule: type[Rule], item: Entry, language: str = "en") -> dict[str, Any]:
    """Apply every fix ``rule`` offers once; checking again must offer no change.
    Returns the entry's fields after the first fix."""
    findings = [f for f in check(rule, item, language) if f.fix is not None]
    assert findings, f"{rule.name} offers no fix for {item!r}"
    for finding in findings:
        apply(finding)
    after = {"question": item.question, "answer": item.answer, "truncated": item.truncated}
    for finding in check(rule, item, language):
        if finding.fix is not None:
            assert all(getattr(item, k) == v for k, v in finding.fix.changes.items()), (
                f"second fix would change {finding.fix.changes!r}")
    assert {"question": item.question, "answer": item.answer, "truncated": item.truncated} == after
    return after


def rule_set(tmp_path: Path, rules: dict[str, dict[str, Any]] | None = None, **config: Any) -> RuleSet:
    """The rules a run would use with ``[rules]`` options from the configuration."""
    return RuleSet(Config(root=tmp_path, rules=rules or {}, **config))


def active_options(tmp_path: Path, rule: type[Rule], **options: Any) -> dict[str, Any]:
    """The options ``rule`` runs with when the configuration sets ``options``."""
    return active(rule_set(tmp_path, {rule.code: options}), rule).options


def active(rules: RuleSet, rule: type[Rule]):
    """The active form of ``rule`` in a rule set (its severity and options)."""
    found = [item for item in rules.active.values() if type(item.rule) is rule]
    assert found, f"{rule.name} is not active"
    return found[0]


def write_collection(root: Path, name: str, text: str) -> Path:
    path = root / "clean" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of ``needle`` in a file's text."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def yaml_collection(name: str, rows: list[tuple[str, str]], language: str = "en") -> str:
    """A hand-written collection file: ids from the row numbers, answers as blocks."""
    lines = [f"name: {name}", f"title: {name.capitalize()}", f"language: {language}", "source: null",
             "entries:"]
    for number, (question, answer) in enumerate(rows, start=1):
        lines += [f"  - id: entry-{number}", f"    question: {question}", "    answer: |-"]
        lines += [f"      {line}" if line else "" for line in answer.split("\n")]
    return "\n".join(lines) + "\n"


def inside_word(character: str) -> bool:
    """The references' definition of a mark written inside a word, from Unicode's
    categories (pipeline/marks.py writes the same out as ranges): a combining mark
    of the Basic Multilingual Plane, or a zero-width (non-)joiner."""
    return ((character <= "\uffff" and unicodedata.category(character) in ("Mn", "Mc", "Me"))
            or character in "\u200c\u200d")
