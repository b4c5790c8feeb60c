"""The catalogue as a whole: every rule is well formed and documented, and `faq rules`
lists and explains each one."""
from __future__ import annotations

import re

import pytest

from pipeline.model import Severity
from pipeline.rules import ALL_RULES, CONTENT_RULES, FILE_CHECKS, find_rule
from pipeline.errors import ConfigError


def test_codes_are_unique_and_well_formed():
    codes = [rule.code for rule in ALL_RULES]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert re.fullmatch(r"FAQ\d{3}", code), code


def test_names_are_unique_kebab_case():
    names = [rule.name for rule in ALL_RULES]
    assert len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name), name


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_every_rule_documents_what_why_and_an_example(rule):
    doc = rule.documentation()
    assert rule.summary() and rule.summary() == doc.split("\n", 1)[0]
    for heading in ("What it finds", "Why it matters", "Example"):
        assert heading in doc, f"{rule.code} {rule.name}: no '{heading}' in its docstring"
    assert doc.index("What it finds") < doc.index("Why it matters") < doc.index("Example")


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_every_rule_declares_its_kind(rule):
    assert isinstance(rule.severity, Severity)
    assert rule.fixable in ("safe", "unsafe", None)
    assert isinstance(rule.removes, bool)
    assert not (rule.removes and rule.fixable), "a removal rule does not also mend"
    if rule.fixable:
        assert "Fix (" + rule.fixable + ")" in rule.documentation()
    for option in rule.options:
        assert f"`{option}`" in rule.documentation(), f"option {option} is undocumented"


def test_catalogue_splits_into_file_checks_and_content_rules():
    assert set(FILE_CHECKS) | set(CONTENT_RULES) == set(ALL_RULES)
    assert not set(FILE_CHECKS) & set(CONTENT_RULES)
    # Removal rules run in catalogue order; a duplicate is judged only against entries
    # that the removal rules before it kept.
    removals = [rule.name for rule in CONTENT_RULES if rule.removes]
    assert removals.index("duplicate-question") > removals.index("missing-answer")
    assert removals.index("duplicate-question") > removals.index("navigation-link")


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_find_rule_by_code_or_name(rule):
    assert find_rule(rule.code) is rule
    assert find_rule(rule.code.lower()) is rule
    assert find_rule(rule.name) is rule
    assert find_rule(f" {rule.name.upper()} ") is rule


def test_unknown_rule_suggests_the_closest():
    with pytest.raises(ConfigError) as error:
        find_rule("trunkated-answer")
    assert error.value.hint == "did you mean 'truncated-answer'?"


def test_faq_rules_lists_every_rule(faq):
    result = faq("rules")
    assert result.returncode == 0, result.output
    lines = result.stdout.splitlines()
    for rule in ALL_RULES:
        line = next((l for l in lines if l.startswith(rule.code + " ")), None)
        assert line is not None, f"{rule.code} missing from `faq rules`"
        assert rule.name in line and rule.summary() in line and str(rule.severity) in line
    assert [l.split()[0] for l in lines if l.strip()] == [rule.code for rule in ALL_RULES]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_faq_rules_explains_one_rule_by_code_and_by_name(faq, rule):
    for key in (rule.code, rule.name):
        result = faq("rules", key)
        assert result.returncode == 0, result.output
        assert result.stdout.startswith(f"{rule.code} {rule.name} ({rule.severity}, ")
        assert rule.documentation() in result.stdout


def test_faq_rules_unknown_rule_is_exit_2_with_a_suggestion(faq):
    result = faq("rules", "dangling-citations")
    assert result.returncode == 2
    assert "unknown rule 'dangling-citations'" in result.stderr
    assert "did you mean 'dangling-citation'?" in result.stderr
    assert "Traceback" not in result.output
    result = faq("rules", "FAQ999")
    assert result.returncode == 2 and "unknown rule 'FAQ999'" in result.stderr
