"""Cleaning: the content rules applied to a freshly read collection. Safe fixes are
applied, entries that removal rules reject are taken out, and everything removed
is recorded with its reason."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from pipeline.model import Collection, Entry, Reason, Removals, RemovedEntry, TrimmedText
from pipeline.rules import Context, Finding
from pipeline.ruleset import RuleSet
from pipeline.sources import Dropped


@dataclass
class CleanResult:
    removals: Removals
    # Text cut from kept entries, keyed by the entry object until ids exist.
    cuts: list[tuple[Entry, str, Reason]] = field(default_factory=list)

    def resolve_cuts(self) -> None:
        """Record the cuts under the entries' ids, once ids are assigned."""
        for entry, text, reason in self.cuts:
            self.removals.trimmed.append(TrimmedText(entry.id, text, reason, None))
        self.cuts.clear()


@dataclass
class Applied:
    """One fix that was applied, for reports and the record of what was cut."""

    entry: Entry
    code: str
    name: str
    message: str
    cut: list[str]


def apply_fix(finding: Finding) -> None:
    for name, value in finding.fix.changes.items():
        setattr(finding.entry, name, value)


MAX_FIX_PASSES = 4


def apply_fixes(collection: Collection, corpus: list[Collection], rules: RuleSet, *,
                unsafe: bool = False,
                allowed: Callable[[Entry, str, str], bool] | None = None) -> list[Applied]:
    """Apply the rules' fixes to ``collection`` in place, rule by rule in catalogue
    order, until nothing changes, so that fixing again changes nothing.

    ``allowed(entry, code, name)`` can veto a fix (a suppressed rule is not fixed).
    """
    applied: list[Applied] = []
    for _ in range(MAX_FIX_PASSES):
        changed = False
        for active in rules.content_rules():
            rule = active.rule
            if rule.removes or not rule.fixable:
                continue
            context = Context(collection, corpus, active.options)
            for finding in list(rule.check_collection(collection, context)):
                fix = finding.fix
                if fix is None or not (fix.safe or unsafe):
                    continue
                if allowed is not None and not allowed(finding.entry, rule.code, rule.name):
                    continue
                before = {name: getattr(finding.entry, name) for name in fix.changes}
                apply_fix(finding)
                if before != {name: getattr(finding.entry, name) for name in fix.changes}:
                    changed = True
                    applied.append(Applied(finding.entry, rule.code, rule.name, finding.message, fix.cut))
        if not changed:
            break
    return applied


def clean_collection(collection: Collection, corpus: list[Collection], rules: RuleSet,
                     dropped: list[Dropped] = ()) -> CleanResult:
    """Repair and filter ``collection`` in place; return what was taken out."""
    result = CleanResult(Removals(collection.name))
    for item in dropped:
        result.removals.trimmed.append(
            TrimmedText(None, item.text, Reason(item.code, item.name, item.message), item.line))

    for item in apply_fixes(collection, corpus, rules):
        for text in item.cut:
            result.cuts.append((item.entry, text, Reason(item.code, item.name, item.message)))

    reasons: dict[int, list[Reason]] = {}
    for active in rules.content_rules():
        rule = active.rule
        if not rule.removes:
            continue
        context = Context(collection, corpus, active.options, removed=set(reasons))
        for finding in rule.check_collection(collection, context):
            if finding.remove:
                reasons.setdefault(id(finding.entry), []).append(
                    Reason(rule.code, rule.name, finding.message))

    kept = []
    for entry in collection.entries:
        if id(entry) in reasons:
            result.removals.entries.append(
                RemovedEntry(entry.question, entry.answer, entry.provenance, reasons[id(entry)]))
        else:
            kept.append(entry)
    collection.entries = kept
    result.cuts = [cut for cut in result.cuts if id(cut[0]) not in reasons]
    return result
