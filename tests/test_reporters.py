"""The CI output formats of `faq lint` (SARIF for code scanning, JUnit XML for test
reports) and `--statistics`: checked against the official SARIF schema, read back
as consumers read them, and exact where people read them."""
from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from junitparser import Failure, JUnitXml

from conftest import FIXTURES
from pipeline import __version__
from pipeline.lint import LintResult
from pipeline.model import Problem, Severity
from pipeline.reporters import FORMATS, junit, sarif, statistics
from pipeline.rules import ALL_RULES

SARIF_SCHEMA = FIXTURES / "sarif" / "sarif-schema-2.1.0.json"

MUSEUM = """\
name: museum
title: Museum visits
language: en
source: null
entries:
  - id: is-the-museum-open-on-mondays
    question: IS THE MUSEUM OPEN ON MONDAYS
    answer: |-
      No, the museum is closed on Mondays, except on public holidays.

      Read more
  - id: do-you-offer-student-discounts
    question: Do you offer student discounts?
    answer: |-
      Yes, students with a valid card pay half price at every entrance...
"""

ZOO = """\
name: zoo
title: Zoo visits
language: en
source: null
entries:
  - id: Bad Id
    question: Is the zoo open on Sundays?
    answer: |-
      Yes, the zoo is open every day of the year, Sundays included, from nine to five.
"""

PARK = """\
name: park
title: Park visits
language: en
source: null
entries:
  - id: is-the-park-open-at-night
    question: Is the park open at night?
    answer: |-
      No, the park closes at sunset and opens again at sunrise, every day of the year.
"""

# What `faq lint` finds in that corpus, as the text format prints it.
EXPECTED = [
    "clean/blob.yaml:1:1: error FAQ001 file is binary, not YAML",
    "clean/museum.yaml:7:5: info FAQ101 question is written in capital letters",
    "clean/museum.yaml:7:44: info FAQ101 question does not end with '?'",
    "clean/museum.yaml:11:7: warning FAQ204 page furniture in the answer: 'Read more'",
    "clean/museum.yaml:15:71: warning FAQ203 the source cut this answer off (1 ellipsis mark)",
    "clean/zoo.yaml:6:5: error FAQ002 id 'Bad Id' is not a slug",
]


@pytest.fixture
def messy(corpus: Path) -> Path:
    """A corpus with an error, warnings, info (question-form lowered to info), an
    unreadable file and a file without problems."""
    (corpus / "faq.toml").write_text('language = "en"\n\n[rules.question-form]\nseverity = "info"\n',
                                     encoding="utf-8")
    clean = corpus / "clean"
    (clean / "museum.yaml").write_text(MUSEUM, encoding="utf-8")
    (clean / "zoo.yaml").write_text(ZOO, encoding="utf-8")
    (clean / "park.yaml").write_text(PARK, encoding="utf-8")
    (clean / "blob.yaml").write_bytes(b"\x00\x01\x02binary")
    return corpus


def test_the_corpus_has_what_the_formats_report(messy, faq):
    result = faq("lint", cwd=messy)
    assert result.returncode == 1
    for line in EXPECTED:
        assert line in result.stdout, result.stdout
    assert result.stdout.splitlines()[-1] == ("2 errors, 2 warnings, 2 info in 4 files. "
                                              "(2 fixable with `faq lint --fix`)")
    assert len(result.stdout.splitlines()) == len(EXPECTED) + 1


def test_formats_are_registered():
    assert {"sarif", "junit"} <= set(FORMATS)
    assert FORMATS["sarif"] is sarif and FORMATS["junit"] is junit


# SARIF


def _schema() -> dict:
    return json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))


def _validate(log: dict) -> None:
    validator = jsonschema.Draft4Validator(_schema(), format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    assert not errors, "\n".join(errors)


def _problem(path="clean/a.yaml", line=3, column=5, severity=Severity.WARNING, code="FAQ203",
             name="truncated-answer", message="the source cut this answer off", entry="an-entry",
             fixable=True) -> Problem:
    return Problem(path, line, column, severity, code, name, message, entry, fixable)


def test_the_schema_fixture_is_the_official_draft_04_schema():
    text = SARIF_SCHEMA.read_text(encoding="utf-8")
    assert len(text) == 112768
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == (
        "ddddcccbf95c7c50c037b5b07eff4140556278ca574ff374db46786b5fce7949")
    schema = json.loads(text)
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate({"version": "2.1.0", "runs": [{"tool": {}}]})


def test_sarif_output_is_valid_sarif_2_1_0(messy, faq):
    result = faq("lint", "--format", "sarif", cwd=messy)
    assert result.returncode == 1, result.output
    log = json.loads(result.stdout)
    _validate(log)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "faq" and driver["version"] == __version__
    assert "informationUri" not in driver


def test_sarif_meets_github_code_scanning_constraints(messy, faq):
    log = json.loads(faq("lint", "--format", "sarif", cwd=messy).stdout)
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"]
    rules = run["tool"]["driver"]["rules"]
    assert len({rule["id"] for rule in rules}) == len(rules)
    results = run["results"]
    assert len(results) == len(EXPECTED)
    for item in results:
        assert item["ruleId"] and rules[item["ruleIndex"]]["id"] == item["ruleId"]
        assert item["message"]["text"]
        assert item["locations"], item
        physical = item["locations"][0]["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert not urlsplit(uri).scheme and not uri.startswith("/") and "\\" not in uri
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
        assert item["partialFingerprints"]
    located = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in results]
    assert located == [
        ("FAQ001", "error", "clean/blob.yaml", 1, 1),
        ("FAQ101", "note", "clean/museum.yaml", 7, 5),
        ("FAQ101", "note", "clean/museum.yaml", 7, 44),
        ("FAQ204", "warning", "clean/museum.yaml", 11, 7),
        ("FAQ203", "warning", "clean/museum.yaml", 15, 71),
        ("FAQ002", "error", "clean/zoo.yaml", 6, 5),
    ]
    assert results[4]["properties"] == {"fixable": True, "entry": "do-you-offer-student-discounts"}


def test_sarif_paths_are_relative_to_the_repository_that_holds_the_corpus(messy, faq, tmp_path):
    # A corpus in a folder of a larger repository: GitHub resolves result paths
    # against the repository's top, so they must start with the corpus's folder.
    repository = tmp_path / "site"
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    corpus = repository / "content" / "faq"
    shutil.copytree(messy, corpus)
    log = json.loads(faq("lint", "--format", "sarif", cwd=corpus).stdout)
    _validate(log)
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repository.resolve().as_uri() + "/"}}
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert uris[0] == {"uri": "content/faq/clean/blob.yaml", "uriBaseId": "%SRCROOT%"}
    assert all(u["uri"].startswith("content/faq/clean/") for u in uris)
    # Outside any repository, the corpus root is the base.
    alone = json.loads(faq("lint", "--format", "sarif", cwd=messy).stdout)["runs"][0]
    assert alone["originalUriBaseIds"] == {"%SRCROOT%": {"uri": messy.resolve().as_uri() + "/"}}
    assert alone["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "clean/blob.yaml"


def test_sarif_describes_every_rule_of_the_catalogue():
    log = json.loads(sarif(LintResult()))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [rule.code for rule in ALL_RULES]
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for descriptor, rule in zip(rules, ALL_RULES):
        assert descriptor["name"] == "".join(part.capitalize() for part in rule.name.split("-"))
        assert descriptor["shortDescription"]["text"] == rule.summary()
        assert descriptor["fullDescription"]["text"] == rule.documentation()
        assert rule.documentation() in descriptor["help"]["text"]
        assert descriptor["help"]["markdown"].startswith(f"**{rule.code} {rule.name} (")
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity]
        assert descriptor["properties"]["tags"][0] in ("file-check", "content")
    truncated = next(r for r in rules if r["id"] == "FAQ203")
    assert truncated["name"] == "TruncatedAnswer"
    assert truncated["properties"]["tags"] == ["content", "fix:safe"]
    assert log["runs"][0]["results"] == []
    _validate(log)


def test_sarif_result_level_follows_the_configured_severity_not_the_default(messy, faq):
    log = json.loads(faq("lint", "--format", "sarif", cwd=messy).stdout)
    run = log["runs"][0]
    question_form = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "FAQ101")
    assert question_form["defaultConfiguration"]["level"] == "warning"
    assert {r["level"] for r in run["results"] if r["ruleId"] == "FAQ101"} == {"note"}


def test_sarif_fingerprints_survive_unrelated_edits(messy, faq):
    def fingerprints() -> dict[tuple[str, int], str]:
        log = json.loads(faq("lint", "--format", "sarif", cwd=messy).stdout)
        return {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]):
                r["partialFingerprints"]["faqProblemHash/v1"] for r in log["runs"][0]["results"]}

    before = fingerprints()
    museum = messy / "clean" / "museum.yaml"
    museum.write_text("# Reviewed by the museum's front desk.\n\n" + museum.read_text(encoding="utf-8"),
                      encoding="utf-8")
    after = fingerprints()
    assert set(before) != set(after)  # the problems moved two lines down...
    assert sorted(before.values()) == sorted(after.values())  # ...and are still the same alerts
    assert len(set(after.values())) == len(after)


def test_sarif_fingerprints_tell_identical_problems_apart_and_ignore_lines():
    moved = [_problem(line=3), _problem(line=9)]
    again = [_problem(line=30), _problem(line=90)]
    other = [_problem(line=3, message="something else")]

    def prints(problems: list[Problem]) -> list[str]:
        log = json.loads(sarif(LintResult(problems=problems, files=1)))
        return [r["partialFingerprints"]["faqProblemHash/v1"] for r in log["runs"][0]["results"]]

    first, second = prints(moved)
    assert first != second and first.endswith(":1") and second.endswith(":2")
    assert prints(again) == [first, second]
    assert prints(other)[0] != first
    assert "primaryLocationLineHash" not in json.dumps(json.loads(sarif(LintResult(problems=moved))))


def test_sarif_is_deterministic(messy, faq):
    outputs = {faq("lint", "--format", "sarif", cwd=messy).stdout for _ in range(2)}
    assert len(outputs) == 1
    problems = [_problem(path=f"clean/{name}.yaml", line=line) for name in "abc" for line in (4, 2, 8)]
    shuffled = problems[:]
    random.Random(7).shuffle(shuffled)
    assert sarif(LintResult(problems=shuffled, files=3)) == sarif(LintResult(problems=problems, files=3))
    assert sarif(LintResult(problems=problems)).startswith('{\n  "$schema": ')


def test_sarif_describes_rules_outside_the_catalogue_with_distinct_ids():
    problems = [
        _problem(code="CUSTOM", name="no-login-noun", message="Use 'sign in', not 'login'", fixable=False),
        _problem(code="CUSTOM", name="terms", message="write 'email', not 'e-mail'", line=8),
        _problem(code="ACME001", name="brand-name", message="write 'Acme', not 'ACME'", line=9),
    ]
    log = json.loads(sarif(LintResult(problems=problems, files=1)))
    _validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    custom = rules[len(ALL_RULES):]
    assert [(r["id"], r["name"]) for r in custom] == [
        ("ACME001", "BrandName"), ("CUSTOM/no-login-noun", "NoLoginNoun"), ("CUSTOM/terms", "Terms")]
    assert all(r["properties"]["tags"] == ["custom"] for r in custom)
    for item in run["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
    assert [r["ruleId"] for r in run["results"]] == ["CUSTOM/no-login-noun", "CUSTOM/terms", "ACME001"]


def test_sarif_uris_are_encoded_and_outside_files_absolute(tmp_path):
    outside = tmp_path / "elsewhere" / "old faq.yaml"
    problems = [_problem(path="clean/my faq#1.yaml"), _problem(path=str(outside))]
    log = json.loads(sarif(LintResult(problems=problems, files=2)))
    _validate(log)
    locations = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]:
                 r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]}
    assert locations["clean/my%20faq%231.yaml"] == {"uri": "clean/my%20faq%231.yaml", "uriBaseId": "%SRCROOT%"}
    assert locations[outside.as_uri()] == {"uri": outside.as_uri()}


# JUnit XML


def test_junit_has_one_testcase_a_file_with_its_problems(messy, faq):
    result = faq("lint", "--format", "junit", cwd=messy)
    assert result.returncode == 1, result.output
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    counts = {"tests": "4", "failures": "3", "errors": "0", "skipped": "0"}
    assert root.attrib == {"name": "faq lint", **counts}
    [suite] = list(root)
    assert suite.tag == "testsuite" and suite.attrib == {"name": "faq lint", **counts}
    cases = suite.findall("testcase")
    assert len(cases) == int(suite.get("tests"))
    assert [c.get("name") for c in cases] == ["clean/blob.yaml", "clean/museum.yaml", "clean/park.yaml",
                                              "clean/zoo.yaml"]
    assert all(c.get("classname") == "faq lint" for c in cases)
    failing = {c.get("name"): c.findall("failure") for c in cases if c.find("failure") is not None}
    assert len(failing) == int(suite.get("failures"))
    assert all(len(failures) == 1 for failures in failing.values())
    [museum] = failing["clean/museum.yaml"]
    assert museum.get("message") == "2 warnings, 2 info"
    assert museum.get("type") == "FAQ101, FAQ203, FAQ204"
    assert museum.text.splitlines() == [
        "7:5 info FAQ101 question is written in capital letters",
        "7:44 info FAQ101 question does not end with '?'",
        "11:7 warning FAQ204 page furniture in the answer: 'Read more'",
        "15:71 warning FAQ203 the source cut this answer off (1 ellipsis mark)",
    ]
    [blob] = failing["clean/blob.yaml"]
    assert (blob.get("message"), blob.get("type"), blob.text) == (
        "1 error", "FAQ001", "1:1 error FAQ001 file is binary, not YAML")
    passing = cases[2]  # the file without problems passes, under its own name
    assert passing.get("file") == "clean/park.yaml" and list(passing) == []


def test_junit_reads_back_with_junitparser(messy, faq):
    report = JUnitXml.fromstring(faq("lint", "--format", "junit", cwd=messy).stdout.encode("utf-8"))
    [suite] = list(report)
    assert (suite.name, suite.tests, suite.failures, suite.errors, suite.skipped) == ("faq lint", 4, 3, 0, 0)
    cases = {case.name: case for case in suite}
    assert cases["clean/park.yaml"].is_passed and not cases["clean/museum.yaml"].is_passed
    [failure] = cases["clean/zoo.yaml"].result
    assert isinstance(failure, Failure)
    assert failure.type == "FAQ002" and failure.message == "1 error"
    assert failure.text.startswith("6:5 error FAQ002 id 'Bad Id' is not a slug")


def test_junit_escapes_what_xml_cannot_hold():
    message = 'answer has <b> & "quotes" and a form feed \x0c here'
    xml = junit(LintResult(problems=[_problem(path="clean/a&b.yaml", message=message)], files=1))
    case = ET.fromstring(xml.encode("utf-8")).find("testsuite/testcase")
    assert case.get("name") == "clean/a&b.yaml"
    assert case.find("failure").text == ("3:5 warning FAQ203 answer has <b> & \"quotes\" and a form feed "
                                         "\\x0c here")


def test_junit_names_the_passing_files_of_a_partial_lint(messy, faq):
    # `faq lint FILE...` reports on the files asked for, and only those.
    result = faq("lint", "--format", "junit", "clean/park.yaml", "clean/zoo.yaml", cwd=messy)
    suite = ET.fromstring(result.stdout.encode("utf-8")).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    assert [(c.get("name"), c.find("failure") is None) for c in suite.findall("testcase")] == [
        ("clean/park.yaml", True), ("clean/zoo.yaml", False)]


def test_junit_when_nothing_fails():
    root = ET.fromstring(junit(LintResult(files=2)).encode("utf-8"))
    assert root.attrib == {"name": "faq lint", "tests": "1", "failures": "0", "errors": "0", "skipped": "0"}
    assert root.find("testsuite/testcase/system-out").text == "2 files without problems"
    empty = ET.fromstring(junit(LintResult()).encode("utf-8"))
    assert empty.get("tests") == "0" and empty.find("testsuite").findall("testcase") == []


def test_junit_is_deterministic(messy, faq):
    assert len({faq("lint", "--format", "junit", cwd=messy).stdout for _ in range(2)}) == 1


# Statistics


def test_statistics_count_by_rule_most_frequent_first():
    problems = [
        *[_problem(line=n) for n in range(12)],
        _problem(code="FAQ002", name="schema-violation", severity=Severity.ERROR, fixable=False),
        _problem(code="FAQ002", name="schema-violation", severity=Severity.ERROR, fixable=False, line=9),
        _problem(code="FAQ204", name="furniture-residue", fixable=True),
        _problem(code="FAQ204", name="furniture-residue", fixable=False, line=7),
        _problem(code="FAQ001", name="unreadable-file", severity=Severity.ERROR, fixable=False),
    ]
    random.Random(3).shuffle(problems)
    assert statistics(LintResult(problems=problems, files=4)) == "\n".join([
        "  12  FAQ203  truncated-answer   [*]",
        "   2  FAQ002  schema-violation",
        "   2  FAQ204  furniture-residue",
        "   1  FAQ001  unreadable-file",
        "  17  total (13 fixable with `faq lint --fix`)",
    ])


def test_statistics_without_problems():
    assert statistics(LintResult(files=1)) == "No problems in 1 file."


def test_lint_statistics(messy, faq):
    result = faq("lint", "--statistics", cwd=messy)
    assert result.returncode == 1, result.output
    assert result.stdout.splitlines() == [
        "  2  FAQ101  question-form",
        "  1  FAQ001  unreadable-file",
        "  1  FAQ002  schema-violation",
        "  1  FAQ203  truncated-answer   [*]",
        "  1  FAQ204  furniture-residue  [*]",
        "  6  total (2 fixable with `faq lint --fix`)",
    ]
