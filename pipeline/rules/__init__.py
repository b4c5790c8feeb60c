"""The rule catalogue. A rule is one module holding one class; this registry lists
them in the order cleaning applies them (repairs first, removals last)."""
from __future__ import annotations

from pipeline.errors import ConfigError
from pipeline.rules.advertising import Advertising
from pipeline.rules.answer_repeats_question import AnswerRepeatsQuestion
from pipeline.rules.bare_url import BareUrl
from pipeline.rules.base import Context, Finding, Fix, Rule
from pipeline.rules.broken_contraction import BrokenContraction
from pipeline.rules.broken_link import BrokenLink
from pipeline.rules.dangling_citation import DanglingCitation
from pipeline.rules.duplicate_answer import DuplicateAnswer
from pipeline.rules.duplicate_question import DuplicateQuestion
from pipeline.rules.file_checks import DuplicateId, SchemaViolation, UnreadableFile, UnusedSuppression
from pipeline.rules.furniture_residue import FurnitureResidue
from pipeline.rules.glued_date import GluedDate
from pipeline.rules.inconsistent_term import InconsistentTerm
from pipeline.rules.irregular_whitespace import IrregularWhitespace
from pipeline.rules.list_count_mismatch import ListCountMismatch
from pipeline.rules.long_answer import LongAnswer
from pipeline.rules.markup_damage import MarkupDamage
from pipeline.rules.missing_answer import MissingAnswer
from pipeline.rules.navigation_link import NavigationLink
from pipeline.rules.near_duplicate_question import NearDuplicateQuestion
from pipeline.rules.off_topic import OffTopic
from pipeline.rules.placeholder_text import PlaceholderText
from pipeline.rules.question_form import QuestionForm
from pipeline.rules.question_length import QuestionLength
from pipeline.rules.scraped_furniture_inline import ScrapedFurnitureInline
from pipeline.rules.short_answer import ShortAnswer
from pipeline.rules.shouting import Shouting
from pipeline.rules.truncated_answer import TruncatedAnswer
from pipeline.rules.unbalanced_pairs import UnbalancedPairs
from pipeline.rules.unrelated_answer import UnrelatedAnswer
from pipeline.rules.unsourced_statistic import UnsourcedStatistic
from pipeline.rules.vague_reference import VagueReference

FILE_CHECKS: list[type[Rule]] = [UnreadableFile, SchemaViolation, DuplicateId, UnusedSuppression]

CONTENT_RULES: list[type[Rule]] = [
    MarkupDamage,  # first: the entities and tags it decodes become text the others read
    IrregularWhitespace,
    BrokenContraction,
    FurnitureResidue,
    ScrapedFurnitureInline,  # before truncated-answer: "More items..." is chrome, not a cut
    TruncatedAnswer,
    AnswerRepeatsQuestion,
    BareUrl,
    QuestionForm,
    QuestionLength,
    MissingAnswer,
    ShortAnswer,
    LongAnswer,
    Shouting,
    GluedDate,
    PlaceholderText,
    BrokenLink,
    VagueReference,
    Advertising,
    UnbalancedPairs,
    ListCountMismatch,
    UnrelatedAnswer,
    UnsourcedStatistic,
    DanglingCitation,
    NavigationLink,
    DuplicateQuestion,
    NearDuplicateQuestion,
    DuplicateAnswer,
    InconsistentTerm,
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
