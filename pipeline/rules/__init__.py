"""The rule catalogue. A rule is one module holding one class; this registry lists
them in the order cleaning applies them (repairs first, removals last)."""
from __future__ import annotations

from pipeline.errors import ConfigError
from pipeline.rules.base import Context, Finding, Fix, Rule
from pipeline.rules.broken_contraction import BrokenContraction
from pipeline.rules.dangling_citation import DanglingCitation
from pipeline.rules.duplicate_question import DuplicateQuestion
from pipeline.rules.file_checks import DuplicateId, SchemaViolation, UnreadableFile
from pipeline.rules.furniture_residue import FurnitureResidue
from pipeline.rules.irregular_whitespace import IrregularWhitespace
from pipeline.rules.list_count_mismatch import ListCountMismatch
from pipeline.rules.missing_answer import MissingAnswer
from pipeline.rules.navigation_link import NavigationLink
from pipeline.rules.off_topic import OffTopic
from pipeline.rules.question_form import QuestionForm
from pipeline.rules.short_answer import ShortAnswer
from pipeline.rules.truncated_answer import TruncatedAnswer
from pipeline.rules.unbalanced_pairs import UnbalancedPairs
from pipeline.rules.unrelated_answer import UnrelatedAnswer
from pipeline.rules.unsourced_statistic import UnsourcedStatistic

FILE_CHECKS: list[type[Rule]] = [UnreadableFile, SchemaViolation, DuplicateId]

CONTENT_RULES: list[type[Rule]] = [
    IrregularWhitespace,
    BrokenContraction,
    FurnitureResidue,
    TruncatedAnswer,
    QuestionForm,
    MissingAnswer,
    ShortAnswer,
    UnbalancedPairs,
    ListCountMismatch,
    UnrelatedAnswer,
    UnsourcedStatistic,
    DanglingCitation,
    NavigationLink,
    DuplicateQuestion,
    OffTopic,
]

ALL_RULES: list[type[Rule]] = sorted(FILE_CHECKS + CONTENT_RULES, key=lambda r: r.code)
_BY_KEY = {key: rule for rule in ALL_RULES for key in (rule.code.lower(), rule.name)}


def find_rule(key: str) -> type[Rule]:
    """Look a rule up by code ("FAQ203") or name ("truncated-answer")."""
    rule = _BY_KEY.get(key.strip().lower())
    if rule is None:
        import difflib

        close = difflib.get_close_matches(key.lower(), list(_BY_KEY), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "run `faq rules` to list them"
        raise ConfigError(f"unknown rule '{key}'", hint=hint)
    return rule


__all__ = ["ALL_RULES", "CONTENT_RULES", "FILE_CHECKS", "Context", "Finding", "Fix", "Rule",
           "find_rule"]
