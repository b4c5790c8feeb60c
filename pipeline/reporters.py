"""Ways to print lint problems; one function a format, side by side."""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path, PurePath
from typing import Callable
from urllib.parse import quote

from pipeline import __version__
from pipeline.catalogue import rule_heading
from pipeline.lint import LintResult
from pipeline.model import Problem, Severity
from pipeline.rules import ALL_RULES, FILE_CHECKS, Rule


def text(result: LintResult, color: bool = False) -> str:
    shown = {}  # each severity as printed, styled once
    for severity in Severity:
        shown[severity] = str(severity)
        if color:
            import click

            shown[severity] = click.style(shown[severity], bold=True, fg={"error": "red", "warning": "yellow"}.get(
                shown[severity], "blue"))
    return "\n".join(f"{p.path}:{p.line}:{p.column}: {shown[p.severity]} {p.code} {p.message} ({p.name})"
                     f"{' [*]' if p.fixable else ''}" for p in result.problems)


def summary(result: LintResult) -> str:
    counts = Counter(p.severity for p in result.problems)
    errors, warnings, infos = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
    files = f"{result.files} file{'s' if result.files != 1 else ''}"
    if not result.problems:
        return f"No problems in {files}.{_hidden(result)}"
    parts = [f"{errors} error{'s' if errors != 1 else ''}", f"{warnings} warning{'s' if warnings != 1 else ''}"]
    if infos:
        parts.append(f"{infos} info")
    fixable = sum(1 for p in result.problems if p.fixable)
    tail = f" ({fixable} fixable with `faq lint --fix`)" if fixable else ""
    return f"{', '.join(parts)} in {files}.{tail}{_hidden(result)}"


def _hidden(result: LintResult) -> str:
    notes = []
    if result.suppressed:
        notes.append(f"{result.suppressed} suppressed")
    if result.baselined:
        notes.append(f"{result.baselined} hidden by the baseline")
    if result.unchanged_skipped:
        notes.append(f"{result.unchanged_skipped} in unchanged entries")
    return f" ({', '.join(notes)})" if notes else ""


def as_json(result: LintResult, color: bool = False) -> str:
    return json.dumps([_problem_data(p) for p in result.problems], indent=2, ensure_ascii=False)


def _problem_data(problem: Problem) -> dict:
    return {"path": problem.path, "line": problem.line, "column": problem.column,
            "severity": str(problem.severity), "code": problem.code, "name": problem.name,
            "message": problem.message, "entry": problem.entry_id, "fixable": problem.fixable}


def github(result: LintResult, color: bool = False) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on the line."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for problem in result.problems:
        message = _escape(f"{problem.message} ({problem.name})")
        lines.append(f"::{level[problem.severity]} file={_escape_property(problem.path)},line={problem.line},"
                     f"col={problem.column},title={problem.code}::{message}")
    return "\n".join(lines)


def _escape(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape(value).replace(":", "%3A").replace(",", "%2C")


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# The key of our own fingerprint in partialFingerprints. GitHub reserves
# primaryLocationLineHash and recomputes it from the file's text, so we must not fill it.
FINGERPRINT_KEY = "faqProblemHash/v1"


def sarif(result: LintResult, color: bool = False) -> str:
    """SARIF 2.1.0, as GitHub code scanning and other dashboards read it.

    Every rule of the catalogue is described, not only those that fired: a rule then
    keeps its ``ruleIndex`` from run to run, and a clean run still says what was
    checked. Rules outside the catalogue (the configuration's custom rules) are added
    after it, described by their name only, since a report knows nothing more of them.
    Each result carries a fingerprint of its file, entry, rule and message (the
    baseline's key) and never of its line, so that an alert survives edits elsewhere
    in the file.
    """
    from pipeline import baseline  # SARIF only: kept off the cold start of `faq lint`

    problems = sorted(result.problems, key=Problem.sort_key)
    checkout = _checkout(result.root) if result.root is not None else None
    # Reports name files relative to the corpus root; SARIF, relative to the checkout.
    prefix = result.root.relative_to(checkout).as_posix() if checkout is not None else "."
    rules = _sarif_rules(problems)
    index = {key: position for position, (key, _) in enumerate(rules)}
    seen: Counter = Counter()
    results = []
    for problem in problems:
        key = baseline.key(problem)
        seen[key] += 1
        position = index[(problem.code, problem.name)]
        results.append(_sarif_result(problem, rules[position][1]["id"], position, _fingerprint(key, seen[key]),
                                     prefix))
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "faq", "version": __version__,
                                "rules": [descriptor for _, descriptor in rules]}},
            # Columns count characters of the decoded text, as PyYAML's marks do.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    if checkout is not None:
        log["runs"][0]["originalUriBaseIds"] = {"%SRCROOT%": {"uri": checkout.as_uri().rstrip("/") + "/"}}
    return json.dumps(log, indent=2, ensure_ascii=False)


def _sarif_rules(problems: list[Problem]) -> list[tuple[tuple[str, str], dict]]:
    """(code, name) and reportingDescriptor of every rule, catalogue first.

    Custom rules may share a code (the default is CUSTOM); their id then adds the
    name, because GitHub tells rules apart by id alone.
    """
    known = {(rule.code, rule.name): rule for rule in ALL_RULES}
    keys = [*known, *sorted({(p.code, p.name) for p in problems} - set(known))]
    codes = Counter(code for code, _ in keys)
    rules = []
    for code, name in keys:
        rule_id = code if codes[code] == 1 else f"{code}/{name}"
        rule = known.get((code, name))
        if rule is None:
            descriptor = {"id": rule_id, "name": _pascal_case(name), "shortDescription": {"text": name},
                          "properties": {"tags": ["custom"]}}
        else:
            descriptor = _sarif_descriptor(rule, rule_id)
        rules.append(((code, name), descriptor))
    return rules


def _sarif_descriptor(rule: type[Rule], rule_id: str) -> dict:
    documentation = rule.documentation()
    tags = ["file-check" if rule in FILE_CHECKS else "content"]
    if rule.fixable:
        tags.append(f"fix:{rule.fixable}")
    if rule.removes:
        tags.append("removed-when-cleaning")
    return {
        "id": rule_id,
        "name": _pascal_case(rule.name),
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": documentation},
        "help": {"text": f"{rule_heading(rule)}\n\n{documentation}", "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
        "properties": {"tags": tags},
    }


def _help_markdown(rule: type[Rule]) -> str:
    """The rule's documentation as `faq rules --format markdown` shows it: the summary,
    then the body verbatim, since its examples are indented text, not Markdown."""
    first, _, body = rule.documentation().partition("\n")
    markdown = f"**{rule_heading(rule)}**\n\n{first}"
    body = body.strip("\n")
    if body.strip():
        markdown += f"\n\n```text\n{body}\n```"
    return markdown


def _pascal_case(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", name))


def _checkout(root: Path) -> Path:
    """Where %SRCROOT% is: the top of the git work tree that holds the corpus root
    (GitHub code scanning resolves result paths against the repository's top, and
    a corpus may sit in a folder of a larger repository), else the corpus root."""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():  # a folder, or a file in a worktree or submodule
            return folder
    return root


def _sarif_result(problem: Problem, rule_id: str, rule_index: int, fingerprint: str, prefix: str = ".") -> dict:
    properties: dict = {"fixable": problem.fixable}
    if problem.entry_id:
        properties["entry"] = problem.entry_id
    return {
        "ruleId": rule_id,
        "ruleIndex": rule_index,
        "level": SARIF_LEVELS[problem.severity],
        "message": {"text": problem.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": _artifact_location(problem.path, prefix),
            "region": {"startLine": max(problem.line, 1), "startColumn": max(problem.column, 1)},
        }}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": properties,
    }


def _artifact_location(path: str, prefix: str = ".") -> dict:
    """A URI relative to the checkout (``prefix``: the corpus root's place in it),
    which GitHub resolves against the repository. Files outside the corpus root
    are reported with their own absolute path, so they become absolute file URIs."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote((PurePath(prefix) / pure).as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def _fingerprint(key: tuple[str, ...], occurrence: int) -> str:
    """A hash of the problem's identity, numbered so that identical problems in one
    file (the same message outside any entry) stay distinct alerts."""
    digest = hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()
    return f"{digest[:32]}:{occurrence}"


def junit(result: LintResult, color: bool = False) -> str:
    """JUnit XML for CI test reports (Jenkins, GitLab, Azure Pipelines).

    One testcase a file: a file with problems fails once, its text listing the
    problems one a line (a single <failure> per testcase, because Jenkins reads only
    the first one and GitLab expects one); a file without problems passes. A result
    that does not name its files (one made by hand) counts the files that passed in
    one passing testcase, "files without problems".
    """
    by_file: dict[str, list[Problem]] = {path: [] for path in result.paths}
    for problem in result.problems:
        by_file.setdefault(problem.path, []).append(problem)
    by_file = {path: sorted(by_file[path], key=Problem.sort_key) for path in sorted(by_file)}
    failed = sum(1 for problems in by_file.values() if problems)
    passed = 0 if result.paths else max(result.files - failed, 0)
    counts = {"tests": str(len(by_file) + (1 if passed else 0)), "failures": str(failed),
              "errors": "0", "skipped": "0"}
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", {"name": "faq lint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "faq lint", **counts})
    for path, problems in by_file.items():
        case = ET.SubElement(suite, "testcase", {"classname": "faq lint", "name": _xml_safe(path),
                                                 "file": _xml_safe(path)})
        if not problems:
            continue
        failure = ET.SubElement(case, "failure", {
            "message": _severity_counts(problems),
            "type": ", ".join(sorted({p.code for p in problems})),
        })
        failure.text = _xml_safe("\n".join(f"{p.line}:{p.column} {p.severity} {p.code} {p.message}"
                                           for p in problems))
    if passed:
        case = ET.SubElement(suite, "testcase", {"classname": "faq lint", "name": "files without problems"})
        ET.SubElement(case, "system-out").text = f"{passed} file{'s' if passed != 1 else ''} without problems"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _severity_counts(problems: list[Problem]) -> str:
    counts = Counter(p.severity for p in problems)
    return ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != Severity.INFO else ''}"
                     for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s])


# XML 1.0 cannot hold these characters even escaped; ElementTree would write them
# as they are and make the document unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value: str) -> str:
    return _NOT_XML.sub(lambda match: ascii(match.group())[1:-1], value)


def statistics(result: LintResult) -> str:
    """Problems counted by rule, most frequent first, like `ruff --statistics`: where
    the work is on a corpus with many problems. `[*]` marks rules whose every problem
    `faq lint --fix` would mend."""
    if not result.problems:
        return summary(result)
    groups: dict[tuple[str, str], list[Problem]] = {}
    for problem in result.problems:
        groups.setdefault((problem.code, problem.name), []).append(problem)
    rows = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    total = len(result.problems)
    count_width = len(str(total))
    code_width = max(len(code) for code, _ in groups)
    name_width = max(len(name) for _, name in groups)
    lines = []
    for (code, name), problems in rows:
        fix = "[*]" if all(p.fixable for p in problems) else ""
        lines.append(f"  {len(problems):>{count_width}}  {code:<{code_width}}  {name:<{name_width}}  {fix}".rstrip())
    fixable = sum(1 for p in result.problems if p.fixable)
    tail = f" ({fixable} fixable with `faq lint --fix`)" if fixable else ""
    lines.append(f"  {total:>{count_width}}  total{tail}{_hidden(result)}")
    return "\n".join(lines)


FORMATS: dict[str, Callable[[LintResult, bool], str]] = {
    "text": text, "json": as_json, "github": github, "sarif": sarif, "junit": junit,
}
